"""Commitments: the actions members take away, and what they report back about them.

The one home of the lifecycle. A commitment is **opened** by an action captured in a meeting;
each later meeting's report back may **review** it (partly, not done, or only a note: it stays
open and comes back with that history), **carry** it forward (it stays open), or **close** it
(done or dropped). A commitment nobody reports on stays open. :class:`Ledger` is the fold that
applies this rule to the meetings in order; everything that asks what is open, or what became
of a commitment (report back, the home screen's count, follow-through, the recap, search), asks
it here.

What is open before a meeting is kept in the set's commitment index with the stamp of each
meeting file it was read from, so the next call reads only the meetings held since; a meeting
file saved again (an upgrade, a late edit) no longer matches its stamp, and the index is rebuilt
from the files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from altui.models import (
    Departure,
    Item,
    ItemKind,
    Meeting,
    ReportBackLine,
    Review,
    ReviewStatus,
)
from altui.recap import NO_OWNER, short_date
from altui.store import Stamp, Store

log = logging.getLogger(__name__)

ACTIONS = frozenset({ItemKind.ACTION})
LEFT = " (left)"
"""Added to the owner's name once they are no longer a member of the set."""
CLOSING = frozenset({ReviewStatus.DONE, ReviewStatus.DROPPED})
"""The outcomes that close a commitment; every other word on it keeps it open."""
INDEX_FORMAT: Final = 2
"""The commitment index's shape and rule; an index of another format is rebuilt.

1 (no ``format`` field): partly and not done closed a commitment, and only the count of carries
was kept. 2: only done and dropped close, and each commitment keeps what earlier meetings heard.
"""


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
    date: date
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
        return f"{said}, {short_date(self.date)}" + (f": {notes}" if notes else "")


def heard(meeting: Meeting, reviews: Iterable[Review]) -> dict[str, Hearing]:
    """What ``meeting``'s report back heard of each commitment, by action id, in the order
    the commitments were first spoken of: the latest status and every note, in order."""
    found: dict[str, Hearing] = {}
    for review in reviews:
        hearing = found.get(review.action_id) or Hearing(meeting.number, meeting.date)
        found[review.action_id] = hearing.told(review)
    return found


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

    def review(self, when: datetime, status: ReviewStatus | None, note: str = "") -> Review:
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


@dataclass(frozen=True)
class Change:
    """One step of the fold: what a meeting did to a commitment, and the commitment after it."""

    event: Event
    meeting: int
    commitment: Commitment


def _owner(meeting: Meeting, item: Item) -> str:
    names = {m.id: m.name for m in meeting.presenters}
    return names.get(item.presenter_id or "", NO_OWNER)


class Ledger:
    """The fold over a set's meetings: the commitments open so far, by action id, oldest first."""

    def __init__(self, open_now: Iterable[Commitment] = ()) -> None:
        self.open: dict[str, Commitment] = {c.action.id: c for c in open_now}

    def hold(
        self, meeting: Meeting, items: Iterable[Item], reviews: Iterable[Review]
    ) -> list[Change]:
        """Take the ledger through ``meeting``: its report back, then the actions captured in
        it. Returns what changed, in that order."""
        changes: list[Change] = []
        for action_id, hearing in heard(meeting, reviews).items():
            commitment = self.open.get(action_id)
            event = hearing.event
            if commitment is None or event is None:
                continue  # not an open commitment, or every word on it was taken back
            commitment = replace(commitment, earlier=(*commitment.earlier, hearing))
            if event is Event.CLOSED:
                del self.open[action_id]
            else:
                self.open[action_id] = commitment
            changes.append(Change(event, meeting.number, commitment))
        for item in items:
            if item.kind is ItemKind.ACTION:
                made = Commitment(item, meeting.number, item.presenter_id, _owner(meeting, item))
                self.open[item.id] = made
                changes.append(Change(Event.OPENED, meeting.number, made))
        return changes


class _Checkpoint(BaseModel):
    """The commitment index: what was open when meeting ``before`` started, and from which files."""

    model_config = ConfigDict(defer_build=True)  # built on first use, not at every start-up

    format: Literal[2]  # required: an index without it follows an older rule
    before: int
    stamps: dict[int, Stamp] = Field(min_length=1)  # it is written only after reading a file
    open: list[Commitment]


def _resume(
    store: Store, slug: str, before: int, stamps: dict[int, Stamp]
) -> tuple[int, Ledger, bool]:
    """The meeting the fold can start from, the ledger there, and whether to save the fold.

    ``stamps`` are those of the meeting files to fold. The index is used only if the files it
    was read from are exactly these files before its meeting, unchanged; otherwise the fold
    starts from nothing. An index made for a later meeting is left for that meeting (looking
    at an old meeting does not cost the next one a long fold).
    """
    raw = store.read_commitment_index(slug)
    try:
        saved = _Checkpoint.model_validate(raw)
    except ValidationError:  # missing (None), foreign, older or damaged: rebuilt from the files
        return 0, Ledger(), True
    if saved.stamps != {number: s for number, s in stamps.items() if number < saved.before}:
        return 0, Ledger(), saved.before <= before
    return saved.before, Ledger(saved.open), True


def _save(store: Store, slug: str, checkpoint: _Checkpoint) -> None:
    """Keep the fold's state for next time; a failure only costs a longer fold then."""
    data = checkpoint.model_dump(
        mode="json", by_alias=True, exclude={"open": {"__all__": {"status", "notes"}}}
    )
    try:
        store.write_commitment_index(slug, data)
    except OSError as exc:
        log.warning("commitment index not saved: %s", exc)


def still_held(
    commitments: Iterable[Commitment], departures: Iterable[Departure], before: int
) -> list[Commitment]:
    """``commitments`` without those dropped when their owner left the set before meeting
    ``before`` (a departure closes them outside any meeting, so the index never holds it)."""
    dropped = {action for d in departures if d.before <= before for action in d.dropped}
    return [c for c in commitments if c.action.id not in dropped]


def open_commitments(store: Store, slug: str, before: int) -> list[Commitment]:
    """Commitments still open when meeting ``before`` starts, oldest first (see :class:`Ledger`
    and :func:`still_held`).

    Only the meetings the commitment index does not cover are read, and the index is then
    brought up to ``before``.
    """
    numbers = [number for number in store.meeting_numbers(slug) if number < before]
    stamps = store.meeting_stamps(slug, numbers)  # before reading: a save meanwhile will not match
    start, ledger, keep = _resume(store, slug, before, stamps)
    unread = [number for number in numbers if number >= start]
    for number in unread:
        ledger.hold(*store.record(slug, number, ACTIONS))
    if unread and keep:
        checkpoint = _Checkpoint(
            format=INDEX_FORMAT, before=before, stamps=stamps, open=list(ledger.open.values())
        )
        _save(store, slug, checkpoint)
    return still_held(ledger.open.values(), store.set_at(slug).departures, before)


def _names_at(meeting: Meeting) -> dict[str, str]:
    """Each member's name as ``meeting`` knew it (a member renamed since the commitment was made
    is shown under the new name); members of the set then, whether they came or not."""
    return {m.id: m.name for m in (*meeting.presenters, *meeting.attendees, *meeting.apologies)}


def report_back_order(commitments: Iterable[Commitment]) -> list[Commitment]:
    """The order report back takes, on screen and in the recap: by owner, then oldest first."""
    return sorted(commitments, key=lambda c: (c.owner.casefold(), c.origin))


def under_review(store: Store, meeting: Meeting) -> list[Commitment]:
    """The commitments open at the start of ``meeting``, with what was reported in it, in
    report-back order. An owner who was no longer a member by then is marked (left)."""
    told = heard(meeting, store.reviews(meeting))
    names = _names_at(meeting)
    result = []
    for commitment in open_commitments(store, meeting.set_slug, meeting.number):
        owner_id = commitment.owner_id
        if owner_id is not None:
            owner = names.get(owner_id, commitment.owner + LEFT)
            commitment = replace(commitment, owner=owner)
        hearing = told.get(commitment.action.id)
        if hearing is not None:
            commitment = replace(commitment, status=hearing.status, notes=hearing.notes)
        result.append(commitment)
    return report_back_order(result)


def report_back_lines(store: Store, meeting: Meeting) -> list[ReportBackLine]:
    """The rows of the meeting's report-back table, in report-back order: every commitment that
    was given a status or a note in it."""
    return [c.line() for c in under_review(store, meeting) if c.status is not None or c.notes]
