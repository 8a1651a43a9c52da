"""A meeting's agenda as it ran: each step's planned and actual minutes (pure: no UI, no disk).

The one builder of the table the summary, the history view and the recap all show, so the same
meeting gives the same minutes on every screen and in the recap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from altui.clock import elapsed, whole_minutes
from altui.models import Meeting, MeetingStatus

HEADINGS = ("Step", "Presenter", "Planned", "Actual")
NOT_VISITED = "—"
"""Shown for the actual minutes of a step the meeting never reached."""


def minutes_text(minutes: int) -> str:
    """``15 min``."""
    return f"{minutes} min"


@dataclass(frozen=True)
class AgendaRow:
    """One step: its name, whose it is, and its whole minutes (see ``clock.whole_minutes``)."""

    step: str
    presenter: str
    planned: int
    actual: int | None
    """None for a step never reached."""
    current: bool = False
    """Whether a running meeting is on this step now."""

    def cells(self) -> tuple[str, str, str, str]:
        """The row as text, in the order of ``HEADINGS``."""
        actual = NOT_VISITED if self.actual is None else minutes_text(self.actual)
        return (self.step, self.presenter, minutes_text(self.planned), actual)


def agenda(meeting: Meeting, now: datetime) -> list[AgendaRow]:
    """Every step of ``meeting`` with its planned and actual minutes; a running step's actual
    minutes are counted to ``now``."""
    running = meeting.status is MeetingStatus.RUNNING
    return [
        AgendaRow(
            step=step.name,
            presenter=meeting.name_of(step.presenter_id),
            planned=whole_minutes(step.planned_seconds),
            actual=whole_minutes(elapsed(step, now)) if step.visited else None,
            current=running and index == meeting.current,
        )
        for index, step in enumerate(meeting.steps)
    ]


def totals(meeting: Meeting, now: datetime) -> tuple[int, int]:
    """Planned and actual minutes of the whole meeting, each its seconds rounded once (as setup
    shows the total): summing the rows' whole minutes made 3 min of a five-minute run of
    short steps, and a fitted plan's total a minute off setup's."""
    planned = sum(step.planned_seconds for step in meeting.steps)
    actual = sum(elapsed(step, now) for step in meeting.steps if step.visited)
    return whole_minutes(planned), whole_minutes(actual)
