"""A set's life across meetings: the meeting list, search, and each member's follow-through.

Pure (no textual). :meth:`History.load` reads every meeting of a set in one pass; the History
screen keeps that one :class:`History` and asks it for the rows, a search and follow-through.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from altui.commitment import Event
from altui.commitments import Ledger, heard, still_held
from altui.errors import AltuiError
from altui.models import (
    Departure,
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    Member,
    Review,
    ReviewStatus,
    name_among,
)
from altui.store import Store

REPORT_BACK = "Report back"
"""Step name of a report-back note in search results, when the plan has no such step."""
REPORT_BACK_NOTE = "Report-back note"
"""Kind label of a report-back note in search results."""

KEPT = frozenset({ReviewStatus.DONE, ReviewStatus.PARTLY})
"""Outcomes that count as following through."""

OUTCOMES = KEPT | {ReviewStatus.NOT_DONE, ReviewStatus.DROPPED}
"""What counts as an outcome; carried forward (or a note alone) is not one."""


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting with its items and its reviews, as read from the store."""

    meeting: Meeting
    items: tuple[Item, ...]
    reviews: tuple[Review, ...]


@dataclass(frozen=True)
class Match:
    """One search hit: where it was said, by whose slot, what kind of line, and the line."""

    meeting: int
    date: date
    step: str
    presenter: str
    kind: str
    text: str


@dataclass(frozen=True)
class SharePoint:
    """A member's follow-through in one meeting's report back (None: nothing reviewed there)."""

    meeting: int
    share: float | None


@dataclass(frozen=True)
class MemberFollowThrough:
    """How often a member did what they committed to, over the set's life."""

    member_id: str
    name: str
    current: bool
    reviewed: int
    kept: int
    series: tuple[SharePoint, ...]
    open: int = 0
    """Their commitments still open for the next report back."""

    @property
    def share(self) -> float | None:
        """Done or partly as a share of reviewed commitments (None when nothing reviewed)."""
        return self.kept / self.reviewed if self.reviewed else None

    def summary(self) -> str:
        """``3 of 4 done or partly (75%)``, or ``nothing reviewed yet``; then ``· 2 open``."""
        share = self.share
        if share is None:
            said = "nothing reviewed yet"
        else:
            said = f"{self.kept} of {self.reviewed} done or partly ({share:.0%})"
        return said + (f" · {self.open} open" if self.open else "")


@dataclass(frozen=True)
class MeetingRow:
    """A meeting as one row of the history list."""

    number: int
    date: date
    status: MeetingStatus
    presenters: tuple[str, ...]
    counts: dict[ItemKind, int]
    reviews: int

    @property
    def closed(self) -> bool:
        """Whether the meeting has been closed."""
        return self.status is MeetingStatus.CLOSED

    @property
    def shared(self) -> int:
        """Items other than private notes."""
        return sum(n for kind, n in self.counts.items() if kind is not ItemKind.PRIVATE)


def _report_back_step(meeting: Meeting) -> tuple[int, str]:
    """Index and name of the meeting's report-back step (0 and "Report back" if it has none)."""
    found = next(((i, s.name) for i, s in enumerate(meeting.steps) if s.report_back), None)
    return found or (0, REPORT_BACK)


def _query(text: str) -> str:
    """What a search looks for: the typed text, trimmed and casefolded."""
    return text.strip().casefold()


_Said = tuple[tuple[str, ...], tuple[tuple[str | None, str, str], ...]]
"""A meeting's item texts casefolded, and its report-back notes as (owner, note, casefolded)."""


@contextmanager
def _collector_waits() -> Iterator[None]:
    """The garbage collector off for the block (as it was after it)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@dataclass(frozen=True)
class History:
    """Every meeting of one set, oldest first, read once."""

    slug: str
    records: tuple[MeetingRecord, ...]
    problems: tuple[str, ...] = ()
    """One line per meeting file that could not be read (it is left out, and left untouched)."""

    @classmethod
    def load(cls, store: Store, slug: str) -> History:
        """Read each of the set's meetings (its steps, items and reviews) once.

        A meeting whose file cannot be read is left out and named in ``problems``. The garbage
        collector waits until all is read: every object made here is kept, and none refers back
        to another, so each collection meanwhile would only walk them again (at 10 years, 24,500
        documents: 190 ms with it, 120 without).
        """
        records, problems = [], []
        with _collector_waits():
            for number in store.meeting_numbers(slug):
                try:
                    meeting, items, reviews = store.record(slug, number)
                except AltuiError as exc:
                    problems.append(str(exc))
                    continue
                records.append(MeetingRecord(meeting, tuple(items), tuple(reviews)))
        return cls(slug, tuple(records), tuple(problems))

    # the list -----------------------------------------------------------------------------

    def rows(self) -> list[MeetingRow]:
        """One row per meeting, oldest first."""
        return [
            MeetingRow(
                number=r.meeting.number,
                date=r.meeting.date,
                status=r.meeting.status,
                presenters=tuple(m.name for m in r.meeting.presenters),
                counts=dict(Counter(item.kind for item in r.items)),
                reviews=sum(h.event is not None for h in heard(r.meeting, r.reviews).values()),
            )
            for r in self.records
        ]

    def record(self, number: int) -> MeetingRecord | None:
        """The meeting numbered ``number``, if the set had it."""
        return next((r for r in self.records if r.meeting.number == number), None)

    # search -------------------------------------------------------------------------------

    def search(self, text: str, include_private: bool = False) -> list[Match]:
        """Items and report-back notes containing ``text`` (any case), in meeting order.

        Private notes are left out unless ``include_private``. An empty query finds nothing.
        """
        wanted = _query(text)
        if not wanted:
            return []
        found: list[Match] = []
        for record, said in zip(self.records, self._said, strict=True):
            found.extend(self._search_meeting(record, said, wanted, include_private))
        return found

    @cached_property
    def _said(self) -> tuple[_Said, ...]:
        """What a search looks in, by meeting, made at the first search (a search a keystroke
        then costs a fifth as much): each item's text casefolded, and each report-back note, in
        the order ``heard`` gives them, as (owner, note, note casefolded)."""
        with _collector_waits():  # all of it is kept, as in ``load``
            return tuple(
                (
                    tuple(item.text.casefold() for item in record.items),
                    tuple(
                        (hearing.member_id, note, note.casefold())
                        for hearing in heard(record.meeting, record.reviews).values()
                        for note in hearing.notes
                    ),
                )
                for record in self.records
            )

    def _search_meeting(
        self, record: MeetingRecord, said: _Said, wanted: str, include_private: bool
    ) -> list[Match]:
        meeting = record.meeting
        texts, heard_notes = said
        hits: list[tuple[int, Match]] = []
        for item, folded in zip(record.items, texts, strict=True):
            if item.kind is ItemKind.PRIVATE and not include_private:
                continue
            if wanted not in folded:
                continue
            step = meeting.steps[item.step] if item.step < len(meeting.steps) else None
            hits.append(
                (
                    item.step,
                    Match(
                        meeting=meeting.number,
                        date=meeting.date,
                        step=step.name if step is not None else "",
                        presenter=meeting.name_of(item.presenter_id),
                        kind=item.kind.label,
                        text=item.text,
                    ),
                )
            )
        notes = [(owner, note) for owner, note, folded in heard_notes if wanted in folded]
        if notes:
            where, step_name = _report_back_step(meeting)
            for owner, note in notes:
                hits.append(
                    (
                        where,
                        Match(
                            meeting=meeting.number,
                            date=meeting.date,
                            step=step_name,
                            presenter=self.name_of(owner),
                            kind=REPORT_BACK_NOTE,
                            text=note,
                        ),
                    )
                )
        hits.sort(key=lambda hit: hit[0])  # stable: capture order within a step
        return [match for _, match in hits]

    @cached_property
    def listed(self) -> tuple[Member, ...]:
        """Every member each meeting listed, oldest meeting first."""
        return tuple(member for record in self.records for member in record.meeting.members)

    def name_of(self, member_id: str | None) -> str:
        """The member's name as the latest meeting that listed them knew it (the fallback of
        :meth:`Meeting.name_of` for no member, or one no meeting listed)."""
        return name_among(self.listed, member_id)

    # follow-through -----------------------------------------------------------------------

    def follow_through(
        self, members: Iterable[Member] = (), departures: Iterable[Departure] = ()
    ) -> list[MemberFollowThrough]:
        """Per member: commitments with an outcome, how many done or partly, a share per
        meeting, and how many are still open (the lifecycle of altui.commitments).

        A commitment counts once, by the latest outcome a report back gave it (done, partly,
        not done or dropped), in the meeting that gave it: partly and then done is done.
        Carried forward or a note alone is not an outcome. ``members`` (the set's current
        members) come first, in order, then anyone else who owned a commitment, named as the
        last meeting that listed them. Group actions (no owner) are not anyone's. A commitment
        dropped when its owner left (``departures``) is neither open nor an outcome.
        """
        ledger = Ledger()
        outcomes: dict[str, tuple[str, int, bool]] = {}  # action id -> owner, meeting, kept
        first_seen: list[str] = []
        for record in self.records:
            for change in ledger.hold(record.meeting, record.items, record.reviews):
                commitment = change.commitment
                owner = commitment.owner_id
                if owner is None:
                    continue
                if change.event is Event.OPENED:
                    if owner not in first_seen:
                        first_seen.append(owner)
                    continue
                status = commitment.earlier[-1].status
                if status in OUTCOMES:
                    outcomes[commitment.action.id] = (owner, change.meeting, status in KEPT)
        tally: dict[str, dict[int, list[bool]]] = {}  # owner -> meeting -> kept flags
        for owner, number, kept in outcomes.values():
            tally.setdefault(owner, {}).setdefault(number, []).append(kept)
        after = self.records[-1].meeting.number + 1 if self.records else 1
        held = still_held(ledger.open.values(), departures, after)
        still_open = Counter(c.owner_id for c in held if c.owner_id is not None)
        current = list(members)
        current_ids = {m.id for m in current}
        people = [(m.id, m.name, True) for m in current]
        past = [o for o in [*first_seen, *tally] if o not in current_ids]
        people += [(o, self.name_of(o), False) for o in dict.fromkeys(past)]
        numbers = [r.meeting.number for r in self.records]
        result = []
        for member_id, name, is_current in people:
            per_meeting = tally.get(member_id, {})
            flags = [flag for kept in per_meeting.values() for flag in kept]
            series = tuple(
                SharePoint(
                    n, sum(per_meeting[n]) / len(per_meeting[n]) if n in per_meeting else None
                )
                for n in numbers
            )
            result.append(
                MemberFollowThrough(
                    member_id=member_id,
                    name=name,
                    current=is_current,
                    reviewed=len(flags),
                    kept=sum(flags),
                    series=series,
                    open=still_open[member_id],
                )
            )
        return result
