"""One commitment, as report back sees it: the action, its owner, what each report back heard
of it, and the rule of which outcomes close it (pure: values only; altui.commitments reads a
set's commitments from its meetings).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from altui.dates import day_month
from altui.models import Item, ReportBackLine, Review, ReviewStatus

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
