"""The facilitator's vocabulary as typed data: sets, members, meetings, steps, items and
commitments (with the rule of which outcomes close one).

Plain pydantic models and frozen dataclasses; nothing here knows about the screen or the disk.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from altui.dates import day_month
from altui.text import BIDI_CONTROLS, C1_CONTROLS, SEPARATORS

SCHEMA_VERSION = 3
"""Version of the stored document shape; bumped when a stored field changes meaning.

1: the first files. 2: steps carry ``report_back`` (see altui.migrate). 3: sets keep
``departures``, the members who left and what became of their commitments; meetings keep when
they ``started``.
"""

NAME_MAX = 200
"""Longest set or member name kept (longer names are refused, not cut)."""
MINUTES_MAX = 24 * 60
"""Longest a step can be planned for, in minutes."""
SECONDS_MAX = 366 * 24 * 3600.0
"""Most time a step can have spent or added, in seconds: more than a year is damage."""
EVERYONE = "Everyone"
"""The whole set, wherever a member's name is wanted and no member is meant: whose turn a group
step is, who owns an action taken in one. The one word for it on the screens and in the recap."""
UNNAMED = "Name unknown"
"""A member whose name no readable meeting file keeps (only damaged files lose one): said as
such, not as ``EVERYONE``, who is no one member."""


def new_id() -> str:
    """A short random identifier for a member or an item."""
    return uuid.uuid4().hex[:12]


_INVISIBLE = frozenset(["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"])
"""Unicode categories drawn as nothing (controls, format characters, spaces, lone marks)."""
_BLANKS = frozenset([0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800])
"""Letters and symbols drawn as blank (Hangul fillers, the empty braille pattern)."""


def _control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or code == 0x7F or code in C1_CONTROLS or code in SEPARATORS


def _shows(ch: str) -> bool:
    return unicodedata.category(ch) not in _INVISIBLE and ord(ch) not in _BLANKS


def stored_name(value: str) -> str:
    """A set or member name as read from a file: trimmed, not empty, no C0 control character,
    at most NAME_MAX. What older altui accepted, so existing data always loads (typed names
    meet ``clean_name`` too)."""
    name = value.strip()
    if not name:
        raise ValueError("a name cannot be empty")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise ValueError("a name cannot contain control characters")
    if len(name) > NAME_MAX:
        raise ValueError(f"a name can be at most {NAME_MAX} characters")
    return name


def clean_name(value: str) -> str:
    """A typed set or member name, NFC-normalised and trimmed; refused if it is empty once
    invisible and format characters are left out, or holds a control character (C0 or C1) or
    a text-direction override."""
    name = unicodedata.normalize("NFC", value).strip()
    if not name:
        raise ValueError("a name cannot be empty")
    if any(_control(ch) for ch in name):
        raise ValueError("a name cannot contain control characters")
    if any(ord(ch) in BIDI_CONTROLS for ch in name):
        raise ValueError("a name cannot contain text-direction controls")
    if not any(_shows(ch) for ch in name):
        raise ValueError("a name needs a visible character")
    return stored_name(name)


def name_key(name: str) -> str:
    """What two names are compared by: NFC-normalised, trimmed, any case (``Café`` typed with
    a combining accent is the same name)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).strip().casefold())


def first_name(name: str) -> str:
    """A member's first name: the name's first word (the whole name when it has one)."""
    words = name.split()
    return words[0] if words else name


def name_among(members: Iterable[Member], member_id: str | None) -> str:
    """The name of the member with ``member_id`` among ``members`` (the last listed, when they
    are listed more than once); ``EVERYONE`` for no member, ``UNNAMED`` for one not among them."""
    if member_id is None:
        return EVERYONE
    return {m.id: m.name for m in members}.get(member_id, UNNAMED)


def slugify(name: str) -> str:
    """A folder-safe name for a set: lower case ASCII words joined by dashes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:40].strip("-") or "set"


class ItemKind(StrEnum):
    """What a captured line is."""

    QUESTION = "question"
    ACTION = "action"
    LEARNING = "learning"
    ISSUE = "issue"
    NOTE = "note"
    PRIVATE = "private"

    @property
    def label(self) -> str:
        """The word shown beside the line on screen."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ItemKind.QUESTION: "Question",
    ItemKind.ACTION: "Action",
    ItemKind.LEARNING: "Learning",
    ItemKind.ISSUE: "Issue",
    ItemKind.NOTE: "Note",
    ItemKind.PRIVATE: "Private",
}


class ItemTag(StrEnum):
    """A finer kind: which sort of question, or what a learning is about."""

    CLARIFYING = "clarifying"
    OPEN = "open"
    SITUATION = "situation"
    MYSELF = "myself"
    THINKING = "thinking"

    @property
    def label(self) -> str:
        """The words shown on screen and in the recap."""
        return _TAG_LABELS[self]


_TAG_LABELS = {
    ItemTag.CLARIFYING: "clarifying",
    ItemTag.OPEN: "open",
    ItemTag.SITUATION: "about the situation",
    ItemTag.MYSELF: "about myself",
    ItemTag.THINKING: "about how I think and relate",
}
TAG_CYCLES: dict[ItemKind, list[ItemTag | None]] = {
    ItemKind.QUESTION: [ItemTag.CLARIFYING, ItemTag.OPEN],
    ItemKind.LEARNING: [None, ItemTag.SITUATION, ItemTag.MYSELF, ItemTag.THINKING],
}
"""The tags each kind can take, in the order the tag key steps through them."""


def next_tag(kind: ItemKind, tag: ItemTag | None) -> ItemTag | None:
    """The tag after ``tag`` for an item of ``kind`` (unchanged for kinds without tags)."""
    cycle = TAG_CYCLES.get(kind)
    if not cycle:
        return tag
    position = cycle.index(tag) if tag in cycle else -1
    return cycle[(position + 1) % len(cycle)]


KIND_PREFIXES: dict[str, ItemKind] = {
    "?": ItemKind.QUESTION,
    "!": ItemKind.ACTION,
    "*": ItemKind.LEARNING,
    "#": ItemKind.PRIVATE,
}
"""Leading characters that set an item's kind in the entry box."""


def parse_score(text: str) -> int | None:
    """A typed line that is only a whole number from 1 to 10 (the set's score), else None."""
    stripped = text.strip().removesuffix("/10").strip()
    return int(stripped) if stripped.isdigit() and 1 <= int(stripped) <= 10 else None


def parse_entry(text: str, default: ItemKind) -> tuple[ItemKind, str]:
    """Split a typed line into its kind and its text (the kind's character stripped)."""
    stripped = text.lstrip()
    if stripped and stripped[0] in KIND_PREFIXES:
        return KIND_PREFIXES[stripped[0]], stripped[1:].strip()
    return default, text.strip()


class Stored(BaseModel):
    """Base for every stored document: strict about unknown fields, carries the schema."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, populate_by_name=True, defer_build=True
    )

    schema_version: int = Field(default=SCHEMA_VERSION, alias="schema")


class Member(BaseModel):
    """A member of a set."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str = Field(default_factory=new_id)
    name: str

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        return stored_name(value)


class TimeUpSignal(StrEnum):
    """How the room is told a step's time is up."""

    BELL = "bell"
    FLASH = "flash"
    SILENT = "silent"

    @property
    def label(self) -> str:
        """The words in the command palette and the help."""
        return {"bell": "bell and flash", "flash": "flash only", "silent": "silent"}[self.value]


class Departure(BaseModel):
    """A member who left the set, from which meeting on, and the commitments dropped then
    (those not dropped stay open, under their name marked as left)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    member: Member
    before: int = Field(ge=1, description="the first meeting they are no longer part of")
    dropped: list[str] = Field(default_factory=list, description="action ids")
    created: AwareDatetime


class Set(Stored):
    """An Action Learning set: its name, members and the plan it uses by default."""

    name: str
    slug: str
    members: list[Member] = Field(default_factory=list)
    plan: str = "classic"
    created: AwareDatetime
    archived: bool = False
    signal: TimeUpSignal = TimeUpSignal.BELL
    theme: str | None = None
    departures: list[Departure] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        return stored_name(value)

    def member(self, name: str) -> Member | None:
        """The member called ``name`` (compared by ``name_key``), if any."""
        wanted = name_key(name)
        return next((m for m in self.members if name_key(m.name) == wanted), None)


class Step(BaseModel):
    """One step of a meeting, with the wall-clock facts its countdown is computed from.

    ``elapsed`` = ``spent`` + (now - ``running_since``) while running; never counted in ticks.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    name: str
    short: str
    minutes: float = Field(gt=0, le=MINUTES_MAX, allow_inf_nan=False)
    kind: ItemKind
    tag: ItemTag | None = None
    prompt: str = ""
    presenter_id: str | None = None
    presenter: str | None = None
    report_back: bool = False
    score: bool = False
    running_since: AwareDatetime | None = None
    spent: float = Field(default=0.0, ge=0, le=SECONDS_MAX, allow_inf_nan=False)
    added: float = Field(default=0.0, ge=-SECONDS_MAX, le=SECONDS_MAX, allow_inf_nan=False)
    visited: bool = False

    @property
    def planned_seconds(self) -> float:
        """The step's length with any time added or taken away."""
        return max(0.0, self.minutes * 60 + self.added)


class MeetingStatus(StrEnum):
    """Where a meeting is in its life."""

    RUNNING = "running"
    CLOSED = "closed"


class Meeting(Stored):
    """One meeting of a set: its expanded steps, which one is current, and its timers."""

    set_slug: str
    number: int = Field(ge=1)
    date: dt.date
    plan: str
    presenters: list[Member] = Field(default_factory=list)
    attendees: list[Member] = Field(default_factory=list)
    apologies: list[Member] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    current: int = Field(default=0, ge=0)
    status: MeetingStatus = MeetingStatus.RUNNING
    next_date: dt.date | None = None
    started: AwareDatetime | None = None
    planned_finish: AwareDatetime | None = None
    set_score: int | None = Field(default=None, ge=1, le=10)

    @model_validator(mode="after")
    def _current_is_a_step(self) -> Meeting:
        if self.current >= len(self.steps):
            raise ValueError(f"current step {self.current} is not one of its {len(self.steps)}")
        return self

    @property
    def step(self) -> Step:
        """The current step."""
        return self.steps[self.current]

    @property
    def members(self) -> list[Member]:
        """Every member the meeting listed: presenters, attendees, then apologies."""
        return [*self.presenters, *self.attendees, *self.apologies]

    def member_by_id(self, member_id: str | None) -> Member | None:
        """The member with ``member_id`` as this meeting listed them, if it did."""
        return next((m for m in self.members if m.id == member_id), None)

    def name_of(self, member_id: str | None) -> str:
        """Whose name this is: the member's name as this meeting knew it (a member renamed
        since keeps it here), or ``EVERYONE`` for no member (a group step, an action taken in
        one). A member the meeting does not list (a damaged file) is named as its steps keep
        them, else ``UNNAMED``."""
        name = name_among(self.members, member_id)
        if name != UNNAMED:
            return name
        kept = (s.presenter for s in self.steps if s.presenter_id == member_id and s.presenter)
        return next(kept, UNNAMED)


class Item(Stored):
    """A line captured during a meeting: a question, action, learning, issue or note.

    Frozen, as the reports back and the journal entries are: a change makes a new one (the
    store keeps each one's encoded form while it is unchanged).
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_id)
    kind: ItemKind
    tag: ItemTag | None = None
    text: str
    step: int = Field(ge=0)
    presenter_id: str | None = None
    created: AwareDatetime


def question_counts(items: Iterable[Item]) -> list[str]:
    """The questions among ``items`` counted by tag, as the console's banner and the recap show
    them: ``["2 clarifying", "3 open", "1 untagged"]``, leaving out the kinds not asked (so the
    banner fits on one line at 80 columns); ``[]`` when none was asked."""
    asked = Counter(item.tag for item in items if item.kind is ItemKind.QUESTION)
    tags = [(ItemTag.CLARIFYING, "clarifying"), (ItemTag.OPEN, "open"), (None, "untagged")]
    return [f"{asked[tag]} {word}" for tag, word in tags if asked[tag]]


KIND_ORDER: list[ItemKind] = list(ItemKind)
"""The kinds in the order the kind key steps through them."""


def next_kind(kind: ItemKind, back: bool = False) -> ItemKind:
    """The kind after ``kind`` (before it with ``back``), wrapping round."""
    position = KIND_ORDER.index(kind) + (-1 if back else 1)
    return KIND_ORDER[position % len(KIND_ORDER)]


class ReviewStatus(StrEnum):
    """What became of a commitment, as reported back."""

    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"
    DROPPED = "dropped"
    CARRIED = "carried"

    @property
    def label(self) -> str:
        """The words shown and exported."""
        return (
            "Carried forward"
            if self is ReviewStatus.CARRIED
            else self.value.replace("_", " ").capitalize()
        )


class Review(Stored):
    """A member's report back on one commitment (an action item of an earlier meeting)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_id)
    action_id: str
    origin: int = Field(ge=1, description="number of the meeting the commitment was made in")
    member_id: str | None = None
    status: ReviewStatus | None = None
    note: str = ""
    created: AwareDatetime


class ReportBackLine(BaseModel):
    """One row of a meeting's report-back table, ready to show or export."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    member: str
    commitment: str
    origin: int
    status: ReviewStatus | None
    notes: tuple[str, ...] = ()
    """Every note the meeting took on it, in order."""
    earlier: str = ""
    """What earlier report backs heard of it (``partly, 12 Jan: …; carried 2x``)."""
    still_open: bool = False
    """Whether it comes back at the next report back (it was not done or dropped)."""

    @property
    def outcome(self) -> str:
        """What the meeting decided, in words: the status, or that nobody gave one."""
        if self.status is not None:
            return self.status.label
        return "No status given" if self.notes else "Not discussed"


# commitments: an action, as report back sees it ------------------------------------------------
# Values only: altui.commitments reads a set's commitments from its meetings.

CLOSING = frozenset({ReviewStatus.DONE, ReviewStatus.DROPPED})
"""The outcomes that close a commitment; every other word on it keeps it open."""


class Event(StrEnum):
    """What a meeting did to a commitment."""

    OPENED = "opened"
    REVIEWED = "reviewed"
    CARRIED = "carried"
    CLOSED = "closed"


def _with_note(notes: tuple[str, ...], note: str) -> tuple[str, ...]:
    """``notes`` and ``note`` after them, unless it is empty or already there.

    An older altui wrote the latest note again with each review of a commitment, so a note
    already heard is the same note, not a new one.
    """
    note = note.strip()
    return notes if not note or note in notes else (*notes, note)


@dataclass(frozen=True)
class Hearing:
    """What one meeting's report back heard of a commitment: its status and every note."""

    meeting: int
    date: dt.date
    status: ReviewStatus | None = None
    notes: tuple[str, ...] = ()
    member_id: str | None = None

    def told(self, review: Review) -> Hearing:
        """This hearing after a later review in the same meeting: its status supersedes the
        earlier one (None takes a status back) and its note is added."""
        return replace(
            self,
            status=review.status,
            notes=_with_note(self.notes, review.note),
            member_id=review.member_id,
        )

    @property
    def event(self) -> Event | None:
        """What the hearing does to the commitment (None: nothing was said after all)."""
        if self.status in CLOSING:
            return Event.CLOSED
        if self.status is ReviewStatus.CARRIED:
            return Event.CARRIED
        if self.status is not None or self.notes:
            return Event.REVIEWED
        return None

    def words(self) -> str:
        """``partly, 12 Jan: called twice / she said no`` (``noted`` when no status was given)."""
        said = self.status.value.replace("_", " ") if self.status else "noted"
        notes = " / ".join(self.notes)
        return f"{said}, {day_month(self.date)}" + (f": {notes}" if notes else "")


@dataclass(frozen=True)
class Commitment:
    """An action from an earlier meeting, its owner, what earlier meetings heard of it, and
    (in report back) what this meeting has heard so far."""

    action: Item
    origin: int
    owner_id: str | None
    owner: str
    earlier: tuple[Hearing, ...] = ()
    status: ReviewStatus | None = None
    notes: tuple[str, ...] = ()

    @property
    def times_carried(self) -> int:
        """How many report backs carried it forward."""
        return sum(h.status is ReviewStatus.CARRIED for h in self.earlier)

    def history(self) -> str:
        """What earlier report backs heard, oldest first: ``partly, 12 Jan: …; carried 2x``
        ("" when nothing was heard yet). Carries without a note are counted, not dated."""
        said: list[str] = []
        carries = 0
        for hearing in (*self.earlier, None):
            if hearing is not None and hearing.status is ReviewStatus.CARRIED and not hearing.notes:
                carries += 1
                continue
            if carries:
                said.append(f"carried {carries}x")
                carries = 0
            if hearing is not None:
                said.append(hearing.words())
        return "; ".join(said)

    def review(self, when: dt.datetime, status: ReviewStatus | None, note: str = "") -> Review:
        """The review that gives this commitment ``status`` (None: not reviewed, as after an
        undo) and adds ``note`` to this meeting's notes on it."""
        return Review(
            action_id=self.action.id,
            origin=self.origin,
            member_id=self.owner_id,
            status=status,
            note=note.strip(),
            created=when,
        )

    def after(self, review: Review) -> Commitment:
        """This commitment once ``review`` is heard in the same meeting."""
        return replace(self, status=review.status, notes=_with_note(self.notes, review.note))

    def line(self) -> ReportBackLine:
        """The commitment as a row of a report-back table."""
        return ReportBackLine(
            member=self.owner,
            commitment=self.action.text,
            origin=self.origin,
            status=self.status,
            notes=self.notes,
            earlier=self.history(),
            still_open=self.status not in CLOSING,
        )


class ItemChange(BaseModel):
    """An item as it stood before a change: None when the change added it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    index: int = Field(ge=0)
    before: Item | None = None


class Change(Stored):
    """One change to a meeting and what it replaced, kept so that it can be undone.

    ``meeting`` holds the meeting's fields the change touched, as they were (stored form);
    ``steps`` the steps it changed, by position, when the list kept its length (a skip or a
    swap keeps the whole list in ``meeting``); ``items`` the items it added, edited or deleted;
    ``reviews`` the ids of the reports back it added.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=new_id)
    label: str
    created: AwareDatetime
    meeting: dict[str, Any] = Field(default_factory=dict)
    steps: dict[int, dict[str, Any]] = Field(default_factory=dict)
    items: list[ItemChange] = Field(default_factory=list)
    reviews: list[str] = Field(default_factory=list)
