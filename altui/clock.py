"""The process's clock and the countdown arithmetic built on it (pure: no UI, no disk).

The countdown is always computed from stored facts (``running_since``, ``spent``, ``added``), so a
late tick, a stalled event loop or a sleeping laptop never makes it drift. Within a process those
facts are read from a clock that setting the wall clock cannot move (``SystemClock``); the wall
clock is read once, when the process starts, so that the facts are UTC times a restart can resume.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
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
        """The time every fact and every countdown is computed from."""
        ...

    def wall(self) -> datetime:
        """What the wall clock says now: only for showing the time of day."""
        ...


def wall_clock() -> datetime:
    """The operating system's wall clock (UTC); it jumps when someone or NTP sets it."""
    return datetime.now(UTC)


def steady_source() -> Callable[[], float]:
    """Seconds from a clock that setting the wall clock cannot move and that counts sleep.

    Linux's ``CLOCK_BOOTTIME`` and macOS's ``CLOCK_MONOTONIC`` go on through a suspended laptop (the
    room went on); ``time.monotonic`` is the fallback elsewhere (it may stop during sleep).
    """
    if sys.platform == "darwin":
        wanted = getattr(time, "CLOCK_MONOTONIC", None)
    else:
        wanted = getattr(time, "CLOCK_BOOTTIME", None)
    if wanted is not None:
        try:
            time.clock_gettime(wanted)
        except OSError:  # an old kernel or a sandbox without it
            return time.monotonic
        return lambda: time.clock_gettime(wanted)
    return time.monotonic


class SystemClock:
    """The real clock: the wall clock read once at start, then moved by a steady clock.

    A wall-clock jump while the process runs (clock set back, NTP step) moves nothing the
    process computes; the next process reads the wall clock again.
    """

    def __init__(
        self,
        wall: Callable[[], datetime] = wall_clock,
        steady: Callable[[], float] | None = None,
    ) -> None:
        self._wall = wall
        self._steady = steady or steady_source()
        self._started = wall()
        self._origin = self._steady()

    def now(self) -> datetime:
        """The wall time at start plus the steady time elapsed since."""
        return self._started + timedelta(seconds=self._steady() - self._origin)

    def wall(self) -> datetime:
        """The operating system's wall clock now."""
        return self._wall()


class FakeClock:
    """A clock that only moves when told to; for tests, snapshots and benchmarks."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 25, 14, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The frozen time."""
        return self._now

    def wall(self) -> datetime:
        """The frozen time (a fake wall clock never disagrees with itself)."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward (or back, with a negative number)."""
        self._now += timedelta(seconds=seconds)


def on_the_wall(clock: Clock, moment: datetime) -> datetime:
    """``moment``, reckoned by ``clock.now()``, as the wall clock will read it then."""
    return moment + (clock.wall() - clock.now())


def elapsed(step: Step, now: datetime) -> float:
    """Seconds spent in ``step`` so far."""
    running = (now - step.running_since).total_seconds() if step.running_since else 0.0
    return step.spent + max(0.0, running)


def whole_minutes(seconds: float) -> int:
    """Seconds as whole minutes, halves rounded up: every minute count shown or written (the
    screens, the summary and the recap) goes through this one rounding."""
    return int(max(seconds, 0.0) / 60 + 0.5)


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
