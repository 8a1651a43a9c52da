"""The read-only display follows a console's meeting and never writes."""

from __future__ import annotations

from altui.app import make_app
from altui.live import LiveMeeting
from altui.screens.display import DisplayScreen
from altui.widgets.big_clock import BigClock


async def settled(pilot, screen) -> None:
    """Let the display notice the file changed (its own 0.25 s check, run here at once)."""
    screen._follow()
    await pilot.pause()


def files(store) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in store.root.rglob("*") if p.is_file()}


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
    before = files(store)
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        await pilot.press("pagedown", "ctrl+t", "f8", "f9", "ctrl+z", *"typed", "enter")
        await settled(pilot, screen)
        assert app.screen.stage.meeting.current == 0
        assert app.screen.query_one(BigClock).text == "15:00"
    assert files(store) == before


async def test_the_palette_on_the_display_offers_no_meeting_actions(store, the_set, meeting, clock):
    before = files(store)
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p", *"next step")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
    assert files(store) == before


async def test_closing_the_display_leaves_the_consoles_draft_alone(store, the_set, meeting, clock):
    store.save_draft(meeting, "the console's unsent words")
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
    assert store.draft(meeting) == "the console's unsent words"
