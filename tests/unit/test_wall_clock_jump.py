"""Setting the wall clock while a meeting runs moves nothing the meeting computes (finding 7).

``SystemClock`` is driven here by a fake wall clock and a fake steady clock: ``Room.live``
moves both (time passing), ``Room.jump`` moves only the wall clock (someone, or NTP, sets it).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Static

from altui import clock as timing
from altui.app import make_app
from altui.clock import CountdownState, SystemClock, on_the_wall, steady_source
from altui.live import LiveMeeting
from altui.models import Meeting, Set
from altui.store import Store
from altui.widgets.big_clock import BigClock

HOUR = 3600.0
T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
"""The conftest clock's time: the meeting fixture's first step started running then."""


class Room:
    """A fake wall clock and a fake steady clock, and the SystemClock reading them."""

    def __init__(self) -> None:
        self.wall_time = T0
        self.steady_seconds = 5000.0  # a steady clock counts from boot, not from zero
        self.clock = SystemClock(wall=lambda: self.wall_time, steady=lambda: self.steady_seconds)

    def live(self, seconds: float) -> None:
        """Time passes: both clocks move."""
        self.wall_time += timedelta(seconds=seconds)
        self.steady_seconds += seconds

    def jump(self, seconds: float) -> None:
        """The wall clock is set forward (or back, negative); the steady clock does not move."""
        self.wall_time += timedelta(seconds=seconds)


@pytest.fixture
def room() -> Room:
    return Room()


def test_now_is_the_start_plus_steady_time(room: Room):
    assert room.clock.now() == T0
    room.live(90)
    assert room.clock.now() == T0 + timedelta(seconds=90)
    room.jump(-HOUR)
    assert room.clock.now() == T0 + timedelta(seconds=90)
    assert room.clock.wall() == T0 + timedelta(seconds=90 - HOUR)


@pytest.mark.parametrize("jump", [-HOUR, HOUR])
def test_a_jump_while_running_changes_nothing_on_the_countdown(
    room: Room, store: Store, meeting: Meeting, jump: float
):
    live = LiveMeeting(store, meeting, room.clock)
    room.live(60)
    assert live.reading().text == "14:00"
    room.jump(jump)
    assert live.reading().text == "14:00"
    assert live.reading().state is CountdownState.RUNNING
    room.live(60)
    assert live.reading().text == "13:00"


@pytest.mark.parametrize("jump", [-HOUR, HOUR])
def test_a_jump_while_paused_leaves_no_lasting_error(
    room: Room, store: Store, meeting: Meeting, jump: float
):
    live = LiveMeeting(store, meeting, room.clock)
    room.live(60)
    assert live.toggle_pause() is True
    room.jump(jump)
    room.live(600)  # paused: none of this counts
    assert live.reading().text == "14:00"
    assert live.toggle_pause() is False
    room.live(60)
    assert live.reading().text == "13:00"
    live.next_step()
    saved = store.meeting(meeting.set_slug, meeting.number)
    assert saved.steps[0].spent == 120.0


def test_a_restart_reads_the_wall_clock_again(room: Room):
    room.live(60)
    room.jump(-HOUR)
    restarted = SystemClock(wall=lambda: room.wall_time, steady=lambda: room.steady_seconds)
    assert restarted.now() == room.wall_time
    assert room.clock.now() == room.wall_time + timedelta(hours=1)


def test_on_the_wall_maps_a_computed_moment_to_the_wall_clock(room: Room):
    finish = room.clock.now() + timedelta(hours=2)
    assert on_the_wall(room.clock, finish) == T0 + timedelta(hours=2)
    room.jump(-HOUR)
    assert on_the_wall(room.clock, finish) == T0 + timedelta(hours=1)


async def test_the_header_shows_the_wall_clock_and_the_countdown_ignores_it(
    room: Room, store: Store, the_set: Set, meeting: Meeting
):
    app = make_app(store, room.clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        times = screen.query_one("#header-times", Static)
        room.live(60)
        screen.tick()
        await pilot.pause()
        before = str(times.content)
        assert before.startswith("Now 14:01 · Finish ≈ ")
        room.jump(-HOUR)
        screen.tick()
        await pilot.pause()
        assert screen.query_one(BigClock).text == "14:00"
        after = str(times.content)
        assert after.startswith("Now 13:01 · Finish ≈ ")
        finish_before = datetime.strptime(before.rsplit(" ", 1)[1], "%H:%M")
        finish_after = datetime.strptime(after.rsplit(" ", 1)[1], "%H:%M")
        assert finish_before - finish_after == timedelta(hours=1)  # same time still to go


def test_the_steady_source_is_the_boot_clock_on_linux():
    if not hasattr(time, "CLOCK_BOOTTIME"):
        pytest.skip("no CLOCK_BOOTTIME here")
    read = steady_source()
    before = time.clock_gettime(time.CLOCK_BOOTTIME)
    seconds = read()
    after = time.clock_gettime(time.CLOCK_BOOTTIME)
    assert before <= seconds <= after


def test_the_steady_source_falls_back_to_monotonic(monkeypatch: pytest.MonkeyPatch):
    def refused(which: int) -> float:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(timing.time, "clock_gettime", refused)
    assert steady_source() is time.monotonic
    monkeypatch.delattr(timing.time, "CLOCK_BOOTTIME", raising=False)
    monkeypatch.delattr(timing.time, "CLOCK_MONOTONIC", raising=False)
    assert steady_source() is time.monotonic
