"""The read-only display follows a console's meeting and never writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from textual.widgets import Static

from altui.app import make_app
from altui.drafts import Draft
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.screens.display import DisplayScreen, WaitingScreen
from altui.store import Store
from altui.widgets.big_clock import BigClock
from tests.builders import files, until


async def settled(pilot, screen) -> None:
    """Let the display notice the file changed (its own 0.25 s check, run here at once)."""
    screen._follow()
    await pilot.pause()


@contextmanager
def held(store, meeting) -> Iterator[None]:
    """``meeting``'s writer lock, held as a running console (``altui meet``) holds it."""
    lock = store.meeting_lock(meeting)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


async def test_display_follows_the_console_and_hides_private_notes(store, the_set, meeting, clock):
    console = LiveMeeting(store, meeting, clock)
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, DisplayScreen)
        assert not screen.query("#entry")  # nothing to type into, no writer behind it
        assert not isinstance(screen.stage, LiveMeeting)
        console.enter("?Who decides")
        console.enter("#only for the facilitator")
        console.next_step()
        console.enter("*seen by all")
        for _ in range(50):  # its own timer notices within a quarter second; allow a slow CI
            await pilot.pause(0.1)
            if screen.stage.meeting.current == 1:
                break
        assert screen.stage.meeting.current == 1
        panel = screen.query_one("#items")
        shown = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any("seen by all" in line for line in shown)
        console.previous_step()
        await settled(pilot, screen)
        shown = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any("Who decides" in line for line in shown)
        assert not any("facilitator" in line for line in shown)


async def test_display_keys_change_nothing(store, the_set, meeting, clock):
    before = files(store.root)
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        await pilot.press("pagedown", "ctrl+t", "f8", "f9", "ctrl+z", *"typed", "enter")
        await settled(pilot, screen)
        assert app.screen.stage.meeting.current == 0
        assert app.screen.query_one(BigClock).text == "15:00"
    assert files(store.root) == before


async def test_the_palette_on_the_display_offers_no_meeting_actions(store, the_set, meeting, clock):
    before = files(store.root)
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p", *"next step")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
    assert files(store.root) == before


async def test_closing_the_display_leaves_the_consoles_draft_alone(store, the_set, meeting, clock):
    store.save_draft(meeting, Draft("the console's unsent words"))
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
    assert store.draft(meeting) == Draft("the console's unsent words")


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_a_display_started_before_any_meeting_follows_one_after_another(
    store, the_set, clock
):
    """Started once, before the first meeting: it waits, follows meeting 1, shows its end
    (next date, new commitments), then follows meeting 2, on a read-only store while the
    console holds each meeting's lock."""
    app = make_app(Store(store.root, read_only=True), clock, the_set, None, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WaitingScreen)
        assert shown(app.screen, "#set-name") == "Team Tiger"
        assert shown(app.screen, "#waiting") == "Waiting for the meeting"

        first = start_or_resume(store, the_set, clock)
        with held(store, first):
            console = LiveMeeting(store, first, clock)
            console.enter("!Call the supplier")
            console.enter("!Draft the plan")
            console.next_step()
            await until(pilot, lambda: isinstance(app.screen, DisplayScreen), "meeting 1")
            await until(pilot, lambda: app.screen.stage.meeting.current == 1, "step 2")
            assert app.screen.stage.meeting.number == 1
            console.close(date(2026, 12, 23))
            await until(pilot, lambda: isinstance(app.screen, WaitingScreen), "the end")
        await until(pilot, lambda: "ended" in shown(app.screen, "#ended"), "the end's facts")
        facts = shown(app.screen, "#ended")
        assert "Meeting 1 has ended" in facts
        assert "Wed 23 Dec 2026" in facts
        assert "2 new commitments" in facts

        second = start_or_resume(store, the_set, clock)
        with held(store, second):
            await until(pilot, lambda: isinstance(app.screen, DisplayScreen), "meeting 2")
            assert app.screen.stage.meeting.number == second.number == 2
        assert app._lock is None


async def test_a_display_started_after_a_meeting_ended_shows_its_end_and_waits(
    store, the_set, meeting, clock
):
    LiveMeeting(store, meeting, clock).close()
    app = make_app(store, clock, the_set, store.meeting(meeting.set_slug, 1), display=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WaitingScreen)
        facts = shown(app.screen, "#ended")
        assert "Next meeting: Wed 23 Dec 2026" in facts  # saved on ending, four weeks on
        assert "0 new commitments" in facts
