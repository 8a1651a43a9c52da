"""Wall-clock time and the countdown arithmetic built on it (pure: no UI, no disk).

The countdown is always computed from stored facts (``running_since``, ``spent``, ``added``), so a
late tick, a stalled event loop or a sleeping laptop never makes it drift.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol

from altui.models import Step

LOW_SHARE = 0.2
"""The countdown turns to its low style when this share of the step or less is left."""
LAST_MINUTE = 60.0
"""Seconds left at which the countdown says LAST MINUTE."""


class Clock(Protocol):
    """Anything that can tell the current time (aware, UTC)."""

    def now(self) -> datetime:
        """The current time."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time from the operating system."""
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to; for tests, snapshots and benchmarks."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 25, 14, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The frozen time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward (or back, with a negative number)."""
        self._now += timedelta(seconds=seconds)


def elapsed(step: Step, now: datetime) -> float:
    """Seconds spent in ``step`` so far."""
    running = (now - step.running_since).total_seconds() if step.running_since else 0.0
    return step.spent + max(0.0, running)


def remaining(step: Step, now: datetime) -> float:
    """Seconds left in ``step``; negative once it overruns."""
    return step.planned_seconds - elapsed(step, now)


def start(step: Step, now: datetime) -> None:
    """Start or resume the step's clock."""
    if step.running_since is None:
        step.running_since = now
    step.visited = True


def stop(step: Step, now: datetime) -> None:
    """Pause the step's clock, banking the time spent."""
    if step.running_since is not None:
        step.spent = elapsed(step, now)
        step.running_since = None


class CountdownState(StrEnum):
    """How the countdown looks."""

    RUNNING = "running"
    LOW = "low"
    LAST_MINUTE = "last-minute"
    OVER = "over"
    PAUSED = "paused"


@dataclass(frozen=True)
class Reading:
    """What the countdown shows at one moment."""

    seconds: float
    text: str
    state: CountdownState


def format_clock(seconds: float) -> str:
    """``m:ss`` left (rounded up, so 0:00 means time is up) or ``+m:ss`` over."""
    if seconds > 0:
        whole = math.ceil(seconds)
        return f"{whole // 60}:{whole % 60:02d}"
    over = math.floor(-seconds)
    return f"+{over // 60}:{over % 60:02d}"


def read(step: Step, now: datetime) -> Reading:
    """The countdown's text, state and word for ``step`` at ``now``."""
    left = remaining(step, now)
    text = format_clock(left)
    if step.running_since is None and step.visited:
        return Reading(left, text, CountdownState.PAUSED)
    if left <= 0:
        return Reading(left, text, CountdownState.OVER)
    if left <= LAST_MINUTE:
        return Reading(left, text, CountdownState.LAST_MINUTE)
    if left <= LOW_SHARE * step.planned_seconds:
        return Reading(left, text, CountdownState.LOW)
    return Reading(left, text, CountdownState.RUNNING)
