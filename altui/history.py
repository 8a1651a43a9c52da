"""A set's life across meetings: the meeting list, search, and each member's follow-through.

Pure (no textual). :meth:`History.load` reads every meeting of a set in one pass; the History
screen keeps that one :class:`History` and asks it for the rows, a search and follow-through.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TypeVar

from altui.commitments import Ledger, heard, still_held
from altui.errors import AltuiError
from altui.models import (
    UNNAMED,
    Departure,
    Event,
    ItemKind,
    Meeting,
    MeetingStatus,
    Member,
    ReviewStatus,
    name_among,
)
from altui.store import Glance, Store

T = TypeVar("T")

REPORT_BACK = "Report back"
"""Step name of a report-back note in search results, when the plan has no such step."""
REPORT_BACK_NOTE = "Report-back note"
"""Kind label of a report-back note in search results."""

KEPT = frozenset({ReviewStatus.DONE, ReviewStatus.PARTLY})
"""Outcomes that count as following through."""

OUTCOMES = KEPT | {ReviewStatus.NOT_DONE, ReviewStatus.DROPPED}
"""What counts as an outcome; carried forward (or a note alone) is not one."""


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


@dataclass(frozen=True)
class _Folded:
    """Texts casefolded once and joined by line breaks, to find which of them hold a query with
    one scan: a text's index is the number of line breaks before it."""

    joined: str
    apart: tuple[str, ...] | None = None
    """Each text casefolded on its own, when one holds a line break (typed lines hold none),
    which would blur where a text ends in ``joined``."""

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Folded:
        """``texts`` casefolded (no character folds into a line break)."""
        folded = "\n".join(texts).casefold()
        if folded.count("\n") < len(texts):  # only the line breaks between them
            return cls(folded)
        return cls(folded, tuple(map(str.casefold, texts)))

    def holding(self, wanted: str) -> Iterator[int]:
        """The index of each text holding ``wanted`` (casefolded, not empty), in order."""
        if self.apart is not None:
            yield from (index for index, text in enumerate(self.apart) if wanted in text)
            return
        if "\n" in wanted:  # no text holds one
            return
        joined, size = self.joined, len(wanted)
        index = start = 0  # the index of the text starting at ``start``
        at = joined.find(wanted)
        while at != -1:
            index += joined.count("\n", start, at)
            yield index
            start = joined.find("\n", at + size) + 1
            if not start:  # that was the last text
                return
            index += 1
            at = joined.find(wanted, start)


@dataclass(frozen=True)
class History:
    """Every meeting of one set, oldest first, each read once (see ``Store.glance``)."""

    slug: str
    records: tuple[Glance, ...]
    problems: list[str] = field(default_factory=list)
    """One line per meeting that could not be read: left out when its file cannot be read;
    its part left out of the search or follow-through when one of its actions or reviews turns
    out to be damaged once they are needed (nothing is ever written)."""

    @classmethod
    def load(cls, store: Store, slug: str) -> History:
        """Read each of the set's meetings once: its header, and of its items and reviews what
        the list and the search need (``Store.glance``).

        A meeting whose file cannot be read is left out and named in ``problems``.
        """
        records, problems = [], []
        for number in store.meeting_numbers(slug):
            try:
                records.append(store.glance(slug, number))
            except AltuiError as exc:
                problems.append(str(exc))
        return cls(slug, tuple(records), problems)

    def _checked(self, read: Callable[[], T]) -> T | None:
        """What ``read`` makes of a meeting's documents, or None once it is named in
        ``problems`` (a damaged document is found only when it is first needed)."""
        try:
            return read()
        except AltuiError as exc:
            if str(exc) not in self.problems:
                self.problems.append(str(exc))
            return None

    # the list -----------------------------------------------------------------------------

    def rows(self) -> list[MeetingRow]:
        """One row per meeting, oldest first."""
        return [
            MeetingRow(
                number=r.meeting.number,
                date=r.meeting.date,
                status=r.meeting.status,
                presenters=tuple(m.name for m in r.meeting.presenters),
                counts=dict(Counter(r.kinds)),
            )
            for r in self.records
        ]

    def record(self, number: int) -> Glance | None:
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
        for record, (texts, notes) in zip(self.records, self._said, strict=True):
            found.extend(self._search_meeting(record, texts, notes, wanted, include_private))
        return found

    @cached_property
    def _said(self) -> tuple[tuple[_Folded, _Folded], ...]:
        """What a search looks in, by meeting, made at the first search (a search a keystroke
        then costs a third as much): the items' texts and the reviews' notes, casefolded."""
        return tuple((_Folded.of(r.texts), _Folded.of(r.notes)) for r in self.records)

    def _search_meeting(
        self, record: Glance, texts: _Folded, notes: _Folded, wanted: str, include_private: bool
    ) -> list[Match]:
        meeting = record.meeting
        hits: list[tuple[int, Match]] = []
        for index in texts.holding(wanted):
            kind = record.kinds[index]
            if kind is ItemKind.PRIVATE and not include_private:
                continue
            step = record.steps[index]
            hits.append(
                (
                    step,
                    Match(
                        meeting=meeting.number,
                        date=meeting.date,
                        step=meeting.steps[step].name if step < len(meeting.steps) else "",
                        presenter=meeting.name_of(record.presenter_ids[index]),
                        kind=kind.label,
                        text=record.texts[index],
                    ),
                )
            )
        of = {record.noted[index] for index in notes.holding(wanted)}
        reviews = self._checked(lambda: record.reviews(of)) if of else None
        if reviews:  # the commitments a note holding the query was made on, as heard
            where, step_name = _report_back_step(meeting)
            for hearing in heard(meeting, reviews).values():
                for note in hearing.notes:
                    if wanted in note.casefold():
                        hits.append(
                            (
                                where,
                                Match(
                                    meeting=meeting.number,
                                    date=meeting.date,
                                    step=step_name,
                                    presenter=self.name_of(hearing.member_id),
                                    kind=REPORT_BACK_NOTE,
                                    text=note,
                                ),
                            )
                        )
        hits.sort(key=lambda hit: hit[0])  # stable: capture order within a step
        return [match for _, match in hits]

    @cached_property
    def listed(self) -> tuple[Member, ...]:
        """Every member some meeting listed, each as the latest meeting that listed them."""
        latest = {m.id: m for record in self.records for m in record.meeting.members}
        return tuple(latest.values())

    def name_of(self, member_id: str | None) -> str:
        """The member's name as the latest meeting that listed them knew it, else as the latest
        meeting that names them in its steps (see :meth:`Meeting.name_of`, also for no member
        and for one that no meeting names)."""
        name = name_among(self.listed, member_id)
        if name != UNNAMED:
            return name
        kept = (record.meeting.name_of(member_id) for record in reversed(self.records))
        return next((name for name in kept if name != UNNAMED), UNNAMED)

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
            actions, reviews = self._checked(record.actions), self._checked(record.reviews)
            if actions is None or reviews is None:
                continue
            for change in ledger.hold(record.meeting, actions, reviews):
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
