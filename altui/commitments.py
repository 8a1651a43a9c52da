"""Commitments: the actions members take away, and what they report back about them.

The one home of the lifecycle (a commitment's values, and which outcomes close one, are in
:mod:`altui.models`). A commitment is **opened** by an action captured in a meeting;
each later meeting's report back may **review** it (partly, not done, or only a note: it stays
open and comes back with that history), **carry** it forward (it stays open), or **close** it
(done or dropped). A commitment nobody reports on stays open. :class:`Ledger` is the fold that
applies this rule to the meetings in order; everything that asks what is open, or what became
of a commitment (report back, the home screen's count, follow-through, the recap, search), asks
it here.

What is open before a meeting (and before each of the few meetings before it) is kept in the
set's commitment index with the stamp of each meeting file it was read from, so the next call
reads only the meetings held since; a meeting file saved again (an upgrade, a late edit) no
longer matches its stamp, and the index is rebuilt from the files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from altui.models import (
    Commitment,
    Departure,
    Event,
    Hearing,
    Item,
    ItemKind,
    Meeting,
    ReportBackLine,
    Review,
)
from altui.store import Stamp, Store

log = logging.getLogger(__name__)

ACTIONS = frozenset({ItemKind.ACTION})
LEFT = " (left)"
"""Added to the owner's name once they are no longer a member of the set."""
INDEX_FORMAT: Final = 3
"""The commitment index's shape and rule; an index of another format is rebuilt.

1 (no ``format`` field): partly and not done closed a commitment, and only the count of carries
was kept. 2: only done and dropped close, and each commitment keeps what earlier meetings heard.
3: as 2, and what was open before each of the last few meetings is kept too.
"""
POINTS_KEPT: Final = 3
"""Meetings the index keeps what was open before: ``before`` and the two before it, so the
recap or the history of the meeting just ended reads no other meeting."""


def heard(meeting: Meeting, reviews: Iterable[Review]) -> dict[str, Hearing]:
    """What ``meeting``'s report back heard of each commitment, by action id, in the order
    the commitments were first spoken of: the latest status and every note, in order."""
    found: dict[str, Hearing] = {}
    for review in reviews:
        hearing = found.get(review.action_id) or Hearing(meeting.number, meeting.date)
        found[review.action_id] = hearing.told(review)
    return found


@dataclass(frozen=True)
class Change:
    """One step of the fold: what a meeting did to a commitment, and the commitment after it."""

    event: Event
    meeting: int
    commitment: Commitment


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
                made = Commitment(
                    item, meeting.number, item.presenter_id, meeting.name_of(item.presenter_id)
                )
                self.open[item.id] = made
                changes.append(Change(Event.OPENED, meeting.number, made))
        return changes


class _Point(BaseModel):
    """What was open when meeting ``before`` started: action ids, in the ledger's order."""

    model_config = ConfigDict(defer_build=True)  # built with the index, not at every start-up

    before: int
    open: list[str]


class _Checkpoint(BaseModel):
    """The commitment index: what was open when meeting ``before`` started and when each of the
    few meetings before it did (``earlier``), and from which files."""

    model_config = ConfigDict(defer_build=True)  # built on first use, not at every start-up

    format: Literal[3]  # required: an index without it follows an older rule or shape
    before: int
    stamps: dict[int, Stamp] = Field(min_length=1)  # it is written only after reading a file
    open: list[Commitment]
    earlier: list[_Point] = []
    """Oldest first, each before ``before``."""
    closed: list[Commitment] = []
    """The commitments open at an earlier point and closed since, as they were when closed."""

    @model_validator(mode="after")
    def _whole(self) -> _Checkpoint:
        """Every point in order, and every commitment a point names held here."""
        befores = [point.before for point in self.points]
        known = {c.action.id for c in (*self.open, *self.closed)}
        if befores != sorted(set(befores)):
            raise ValueError("points out of order")
        if any(i not in known for point in self.earlier for i in point.open):
            raise ValueError("a point names a commitment the index does not hold")
        return self

    @property
    def points(self) -> list[_Point]:
        """Every point, oldest first: the earlier ones, then ``before``'s."""
        return [*self.earlier, _Point(before=self.before, open=[c.action.id for c in self.open])]

    def known(self) -> dict[str, Commitment]:
        """Each commitment held, by action id, as it was last seen."""
        return {c.action.id: c for c in (*self.closed, *self.open)}

    def ledger_at(self, point: _Point) -> Ledger:
        """The ledger as it was when ``point``'s meeting started."""
        known = self.known()
        return Ledger(_as_before(known[action_id], point.before) for action_id in point.open)


def _as_before(commitment: Commitment, before: int) -> Commitment:
    """``commitment`` as it stood when meeting ``before`` started (what it heard until then)."""
    earlier = tuple(h for h in commitment.earlier if h.meeting < before)
    return (
        commitment
        if len(earlier) == len(commitment.earlier)
        else replace(commitment, earlier=earlier)
    )


def _same_files(saved: dict[int, Stamp], now: dict[int, Stamp], before: int) -> bool:
    """Whether the meeting files before meeting ``before`` are those the index was read from."""
    return {n: s for n, s in saved.items() if n < before} == {
        n: s for n, s in now.items() if n < before
    }


def _resume(
    store: Store, slug: str, before: int, stamps: dict[int, Stamp]
) -> tuple[_Point | None, _Checkpoint | None, bool]:
    """The point the fold can start from and the index holding it, and whether to save the fold.

    ``stamps`` are those of the meeting files to fold. A point of the index is used only if the
    files it was read from are exactly these files before its meeting, unchanged; the latest
    such point at or before ``before`` is taken, else the fold starts from nothing. An index made
    for a later meeting is left for that meeting (looking at an old meeting does not cost the
    next one a long fold).
    """
    raw = store.read_commitment_index(slug)
    try:
        saved = _Checkpoint.model_validate(raw)
    except ValidationError:  # missing (None), foreign, older or damaged: rebuilt from the files
        return None, None, True
    usable = [
        point
        for point in saved.points
        if point.before <= before and _same_files(saved.stamps, stamps, point.before)
    ]
    return (usable[-1] if usable else None), saved, saved.before <= before


def _save(store: Store, slug: str, checkpoint: _Checkpoint) -> None:
    """Keep the fold's state for next time; a failure only costs a longer fold then."""
    own = {"__all__": {"status", "notes"}}  # a meeting's own word, not the ledger's
    data = checkpoint.model_dump(mode="json", by_alias=True, exclude={"open": own, "closed": own})
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
    brought up to ``before``, keeping what was open before each of the last POINTS_KEPT
    meetings.
    """
    numbers = [number for number in store.meeting_numbers(slug) if number < before]
    stamps = store.meeting_stamps(slug, numbers)  # before reading: a save meanwhile will not match
    point, saved, keep = _resume(store, slug, before, stamps)
    start = 0 if point is None else point.before
    ledger = Ledger() if point is None or saved is None else saved.ledger_at(point)
    unread = [number for number in numbers if number >= start]
    if not (unread and keep):
        for number in unread:
            ledger.hold(*store.record(slug, number, ACTIONS))
        return still_held(ledger.open.values(), store.set_at(slug).departures, before)
    known = {} if point is None or saved is None else saved.known()
    points = [] if saved is None else [p for p in saved.points if p.before <= start]
    for number in unread:
        for change in ledger.hold(*store.record(slug, number, ACTIONS)):
            known[change.commitment.action.id] = change.commitment
        if number < unread[-1]:
            points.append(_Point(before=number + 1, open=list(ledger.open)))
    earlier = points[max(0, len(points) - POINTS_KEPT + 1) :]
    closed = {i: known[i] for p in earlier for i in p.open if i not in ledger.open}
    checkpoint = _Checkpoint(
        format=INDEX_FORMAT,
        before=before,
        stamps=stamps,
        open=list(ledger.open.values()),
        earlier=earlier,
        closed=list(closed.values()),
    )
    _save(store, slug, checkpoint)
    return still_held(ledger.open.values(), store.set_at(slug).departures, before)


def report_back_order(commitments: Iterable[Commitment]) -> list[Commitment]:
    """The order report back takes, on screen and in the recap: by owner, then oldest first."""
    return sorted(commitments, key=lambda c: (c.owner.casefold(), c.origin))


def under_review(store: Store, meeting: Meeting) -> list[Commitment]:
    """The commitments open at the start of ``meeting``, with what was reported in it, in
    report-back order. Owners are named as ``meeting`` knew them (a member renamed since the
    commitment was made is shown under the new name); one who was no longer a member by then
    is marked (left)."""
    told = heard(meeting, store.reviews(meeting))
    result = []
    for commitment in open_commitments(store, meeting.set_slug, meeting.number):
        owner_id = commitment.owner_id
        if owner_id is None or meeting.member_by_id(owner_id) is not None:
            owner = meeting.name_of(owner_id)
        else:
            owner = commitment.owner + LEFT
        commitment = replace(commitment, owner=owner)
        hearing = told.get(commitment.action.id)
        if hearing is not None:
            commitment = replace(commitment, status=hearing.status, notes=hearing.notes)
        result.append(commitment)
    return report_back_order(result)


def report_back_lines(store: Store, meeting: Meeting) -> list[ReportBackLine]:
    """The rows of the meeting's report-back table, in report-back order: every commitment open
    at its start, heard of or not (one nobody spoke to is still open, and the record says so)."""
    return [c.line() for c in under_review(store, meeting)]
