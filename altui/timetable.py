"""The meeting's timetable: slots, the projected finish, and fitting bids into the time (pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from altui.clock import remaining
from altui.models import Step


def projected_finish(steps: list[Step], current: int, now: datetime) -> datetime:
    """The finish time if every step from ``current`` on uses what it has left and no more."""
    left = sum(max(0.0, remaining(step, now)) for step in steps[current:])
    return now + timedelta(seconds=left)


@dataclass(frozen=True)
class Slot:
    """A presenter's place in the timetable."""

    presenter: str
    start: datetime
    end: datetime


def timetable(steps: list[Step], start: datetime) -> tuple[list[Slot], datetime]:
    """Each presenter's slot start and end if the meeting starts at ``start``, and its finish."""
    slots: dict[str, Slot] = {}
    moment = start
    for step in steps:
        end = moment + timedelta(seconds=step.planned_seconds)
        if step.presenter_id and step.presenter:
            first = slots.get(step.presenter_id)
            slots[step.presenter_id] = Slot(step.presenter, first.start if first else moment, end)
        moment = end
    return list(slots.values()), moment


def shrink_to_fit(bids: dict[str, float], room: float) -> dict[str, float]:
    """Bids scaled down together, in whole minutes, to fit ``room`` (unchanged if they fit)."""
    asked = sum(bids.values())
    if asked <= room or asked <= 0:
        return dict(bids)
    factor = max(room, 0.0) / asked
    return {member: max(1.0, math.floor(minutes * factor)) for member, minutes in bids.items()}


def fit_factor(later_seconds: float, over_seconds: float, floor: float = 0.25) -> float:
    """The share each later presenter step keeps so ``over_seconds`` are won back.

    Never below ``floor``: a slot shrunk to nothing helps nobody; what cannot be won back stays
    visible in the projected finish.
    """
    if over_seconds <= 0 or later_seconds <= 0:
        return 1.0
    return max(floor, (later_seconds - over_seconds) / later_seconds)
