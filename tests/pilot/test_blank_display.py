"""Blanking the console blanks the displays that follow the meeting, and only the console
lifts it."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from altui.app import make_app
from altui.screens.blank import BlankScreen
from altui.screens.display import DisplayScreen
from altui.screens.meeting import MeetingScreen


def files(store) -> dict[str, bytes]:
    """Every file of the data folder but the console's blank marker."""
    return {
        str(p): p.read_bytes()
        for p in store.root.rglob("*")
        if p.is_file() and p.suffix != ".blank"
    }


@pytest.fixture(autouse=True)
def console_running(store, meeting) -> Iterator[None]:
    """The lock a running console holds (``altui meet`` takes it before its screen opens)."""
    lock = store.meeting_lock(meeting)
    lock.acquire()
    yield
    lock.release()


def marker(store, meeting):
    return store.root / meeting.set_slug / "meetings" / f"{meeting.number:04d}.blank"


async def test_the_display_blanks_and_returns_with_the_console(store, the_set, meeting, clock):
    console = make_app(store, clock, the_set, meeting)
    display = make_app(store, clock, the_set, meeting, display=True)
    async with console.run_test(size=(120, 36)) as desk, display.run_test(size=(120, 36)) as wall:
        follower = display.screen
        assert isinstance(follower, DisplayScreen)
        await desk.press("ctrl+l")
        assert isinstance(console.screen, BlankScreen)
        follower._follow()
        await wall.pause()
        assert isinstance(display.screen, BlankScreen)
        await desk.press("z")
        assert isinstance(console.screen, MeetingScreen)
        for _ in range(50):  # the display's own timer notices; allow a slow machine
            await wall.pause(0.1)
            if display.screen is follower:
                break
        assert display.screen is follower


async def test_the_displays_keys_cannot_lift_the_blank(store, the_set, meeting, clock):
    before = files(store)
    store.set_blanked(meeting, True)
    display = make_app(store, clock, the_set, meeting, display=True)
    async with display.run_test(size=(120, 36)) as wall:
        await wall.pause()
        assert isinstance(display.screen, BlankScreen)  # blank from the start
        follower = display.screen_stack[-2]
        assert isinstance(follower, DisplayScreen)
        await wall.press("z", "escape", "enter", "b", "f1", "n", "space")
        follower._follow()
        await wall.pause()
        assert isinstance(display.screen, BlankScreen)
        assert follower.stage.meeting.current == 0
    assert store.blanked(meeting)
    assert files(store) == before


async def test_a_console_opening_the_meeting_lifts_a_stale_blank(store, the_set, meeting, clock):
    store.set_blanked(meeting, True)  # left by a console killed while blank
    console = make_app(store, clock, the_set, meeting)
    async with console.run_test(size=(120, 36)) as desk:
        await desk.pause()
        assert isinstance(console.screen, MeetingScreen)
    assert not marker(store, meeting).exists()


async def test_a_console_quitting_while_blank_lifts_it(store, the_set, meeting, clock):
    console = make_app(store, clock, the_set, meeting)
    async with console.run_test(size=(120, 36)) as desk:
        await desk.press("pagedown", "full_stop")
        assert marker(store, meeting).exists()
        await desk.press("ctrl+q")
    assert not marker(store, meeting).exists()


async def test_a_marker_that_cannot_be_written_still_blanks_the_console(
    store, the_set, meeting, clock, monkeypatch
):
    def refuse(_meeting, _blanked):
        raise PermissionError(13, "Permission denied")

    console = make_app(store, clock, the_set, meeting)
    async with console.run_test(size=(120, 36)) as desk:
        monkeypatch.setattr(store, "set_blanked", refuse)
        await desk.press("ctrl+l")
        assert isinstance(console.screen, BlankScreen)
        told = [n.message for n in console._notifications]
        assert told == ["The display could not be blanked: Permission denied."]
        await desk.press("z")
        assert isinstance(console.screen, MeetingScreen)
    assert not marker(store, meeting).exists()


async def test_a_marker_left_by_a_killed_console_does_not_blank_the_display(
    store, the_set, meeting, clock
):
    store.set_blanked(meeting, True)
    lock = store.meeting_lock(meeting)
    lock.acquire()  # takes the running console's lock over, to end it
    lock.release()
    dead = {"pid": 999_999_999, "host": socket.gethostname()}  # the console's lock, left behind
    lock.path.write_text(json.dumps(dead))
    display = make_app(store, clock, the_set, meeting, display=True)
    async with display.run_test(size=(120, 36)) as wall:
        await wall.pause()
        assert isinstance(display.screen, DisplayScreen)
