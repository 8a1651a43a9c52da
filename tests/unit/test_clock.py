"""Pure tests of the countdown arithmetic: it is computed from stored facts, never ticks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from altui.clock import (
    CountdownState,
    FakeClock,
    elapsed,
    format_clock,
    read,
    remaining,
    start,
    stop,
)
from altui.models import ItemKind, Step

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def a_step(minutes: float = 10, **kw) -> Step:
    return Step(name="Open questions", short="Open Qs", minutes=minutes, kind=ItemKind.NOTE, **kw)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (59.2, "1:00"),
        (60, "1:00"),
        (60.01, "1:01"),
        (0.4, "0:01"),
        (0, "+0:00"),
        (-0.9, "+0:00"),
        (-1, "+0:01"),
        (-75.5, "+1:15"),
        (3600, "60:00"),
        (900, "15:00"),
        (100, "1:40"),
    ],
)
def test_format_clock(seconds, text):
    assert format_clock(seconds) == text


def test_not_started_step_has_spent_nothing():
    step = a_step()
    assert elapsed(step, at(500)) == 0
    assert remaining(step, at(500)) == 600


def test_elapsed_adds_spent_and_running_time():
    step = a_step(spent=30.0, running_since=at(0))
    assert elapsed(step, at(45)) == 75
    assert remaining(step, at(45)) == 525


def test_clock_set_back_never_gives_negative_running_time():
    step = a_step(spent=30.0, running_since=at(100))
    assert elapsed(step, at(40)) == 30


def test_start_stop_banks_time():
    step = a_step()
    start(step, at(0))
    assert step.running_since == at(0)
    assert step.visited is True
    stop(step, at(90))
    assert step.running_since is None
    assert step.spent == 90
    # paused time does not count
    assert remaining(step, at(1000)) == 510
    start(step, at(1000))
    stop(step, at(1030))
    assert step.spent == 120
    assert remaining(step, at(5000)) == 480


def test_start_twice_keeps_the_first_start():
    step = a_step()
    start(step, at(0))
    start(step, at(50))
    assert step.running_since == at(0)
    assert elapsed(step, at(60)) == 60


def test_stop_on_a_paused_step_changes_nothing():
    step = a_step(spent=12.0)
    stop(step, at(99))
    assert step.spent == 12
    assert step.running_since is None


def test_read_running():
    step = a_step()
    start(step, at(0))
    reading = read(step, at(60))
    assert reading.state is CountdownState.RUNNING
    assert reading.text == "9:00"
    assert reading.seconds == 540


def test_read_low_at_exactly_twenty_percent_and_below():
    step = a_step(minutes=10)
    start(step, at(0))
    assert read(step, at(479)).state is CountdownState.RUNNING  # 121 s of 600 left
    assert read(step, at(480)).state is CountdownState.LOW  # exactly 120 s = 20 %
    assert read(step, at(539)).state is CountdownState.LOW  # 61 s left


def test_read_last_minute_from_sixty_seconds_left():
    step = a_step(minutes=10)
    start(step, at(0))
    assert read(step, at(540)).state is CountdownState.LAST_MINUTE
    assert read(step, at(599)).state is CountdownState.LAST_MINUTE
    assert read(step, at(599)).text == "0:01"
    assert read(step, at(600)).state is CountdownState.OVER


def test_read_over():
    step = a_step(minutes=1)
    start(step, at(0))
    assert read(step, at(60)).state is CountdownState.OVER
    reading = read(step, at(135.5))
    assert reading.state is CountdownState.OVER
    assert reading.text == "+1:15"
    assert reading.seconds == -75.5


def test_read_paused_only_for_a_visited_stopped_step():
    fresh = a_step()
    assert read(fresh, at(0)).state is CountdownState.RUNNING
    step = a_step()
    start(step, at(0))
    stop(step, at(30))
    reading = read(step, at(3000))
    assert reading.state is CountdownState.PAUSED
    assert reading.text == "9:30"


def test_paused_beats_over():
    step = a_step(minutes=1)
    start(step, at(0))
    stop(step, at(200))
    reading = read(step, at(300))
    assert reading.state is CountdownState.PAUSED
    assert reading.text == "+2:20"


def test_added_time_changes_planned_seconds():
    step = a_step(minutes=10)
    step.added = 120
    assert step.planned_seconds == 720
    step.added = -300
    assert step.planned_seconds == 300
    step.added = -5000
    assert step.planned_seconds == 0


def test_added_time_moves_the_countdown():
    step = a_step(minutes=5)
    start(step, at(0))
    before = remaining(step, at(60))
    step.added = 60
    assert remaining(step, at(60)) == before + 60


def test_step_with_no_planned_time_left_reads_over():
    step = a_step(minutes=2, added=-500.0)
    start(step, at(0))
    reading = read(step, at(0))
    assert reading.state is CountdownState.OVER
    assert reading.text == "+0:00"


def test_fake_clock_advances_and_goes_back():
    clock = FakeClock(T0)
    assert clock.now() == T0
    clock.advance(90)
    assert clock.now() == at(90)
    clock.advance(-30)
    assert clock.now() == at(60)


def test_fake_clock_default_start_is_aware():
    assert FakeClock().now().tzinfo is not None


def test_laptop_sleeping_counts_the_time_asleep():
    clock = FakeClock(T0)
    step = a_step(minutes=15)
    start(step, clock.now())
    clock.advance(30)
    before = remaining(step, clock.now())
    since = step.running_since
    clock.advance(600)  # the lid was shut: no ticks happened
    assert step.running_since == since
    assert remaining(step, clock.now()) == before - 600
    assert read(step, clock.now()).text == "4:30"
