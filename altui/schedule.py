"""The meeting's timetable: when it will finish if the rest keeps time (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

from altui.clock import remaining
from altui.models import Step


def projected_finish(steps: list[Step], current: int, now: datetime) -> datetime:
    """The finish time if every step from ``current`` on uses what it has left and no more."""
    left = sum(max(0.0, remaining(step, now)) for step in steps[current:])
    return now + timedelta(seconds=left)
