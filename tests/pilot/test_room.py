"""What the room sees: blanking, private notes kept off the wall, the time-up signal."""

from __future__ import annotations

from altui.models import TimeUpSignal
from altui.screens.blank import BlankScreen
from altui.screens.meeting import MeetingScreen
from altui.widgets.countdown import Countdown
from tests.builders import step_of


def panel_text(app) -> str:
    panel = app.screen.query_one("#items")
    return "\n".join(str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count))


async def test_ctrl_l_or_a_clickers_full_stop_after_pagedown_blanks_and_any_key_returns(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        for keys in (("ctrl+l",), ("pagedown", "full_stop"), ("pageup", "full_stop")):
            await pilot.press(*keys)
            assert isinstance(console.screen, BlankScreen)
            await pilot.press("escape")
            assert isinstance(console.screen, MeetingScreen)
        await pilot.press("ctrl+l", "z")  # a letter brings the wall back and is typed
        assert isinstance(console.screen, MeetingScreen)
        await pilot.press(*"b.", "enter")  # typed: "b" and "." are text unless after PageDown
        assert [i.text for i in store.items(meeting)] == ["zb."]


async def test_private_notes_show_only_when_asked_and_hide_on_the_next_step(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"#she is leaving", "enter", *"?public", "enter")
        assert "she is leaving" not in panel_text(console)
        assert "public" in panel_text(console)
        await pilot.press("escape", "v")  # no single key shows them: "v" is typed
        assert "she is leaving" not in panel_text(console)
        assert console.screen.query_one("#entry-input").value == "v"
        console.screen.action_reveal()  # the palette's "Show or hide private notes"
        await pilot.pause()
        assert "she is leaving" in panel_text(console)
        await pilot.press("pagedown", "pageup")
        assert "she is leaving" not in panel_text(console)
        assert [i.text for i in store.items(meeting)] == ["she is leaving", "public"]


async def test_time_up_signal_is_chosen_per_set(console, store, the_set, clock, monkeypatch):
    rings: list[int] = []
    monkeypatch.setattr(console, "bell", lambda: rings.append(1))
    async with console.run_test(size=(120, 36)) as pilot:
        screen = console.screen
        screen.set_signal(TimeUpSignal.FLASH)
        assert store.find_set(the_set.name).signal is TimeUpSignal.FLASH
        clock.advance(15 * 60 + 1)
        screen.tick()
        await pilot.pause()
        assert rings == []
        assert screen.query_one(Countdown).has_class("-flash")
        screen.query_one(Countdown).remove_class("-flash")  # its timer would, 1.5 s later

        screen.set_signal(TimeUpSignal.SILENT)
        await pilot.press("pagedown")  # bids for time
        clock.advance(5 * 60 + 1)
        screen.tick()
        await pilot.pause()
        assert rings == [] and not screen.query_one(Countdown).has_class("-flash")

        screen.set_signal(TimeUpSignal.BELL)
        await pilot.press("pagedown")  # Ana presents the issue
        clock.advance(5 * 60 + 1)
        screen.tick()
        await pilot.pause()
        assert rings == [1]


async def test_f_fits_the_agenda_to_the_planned_finish(console, store, meeting, clock):
    async with console.run_test(size=(120, 36)) as pilot:
        clock.advance(25 * 60)  # check-in ten minutes over
        console.screen.action_fit()  # the palette's "Fit to time"
        await pilot.pause()
        saved = store.meeting(meeting.set_slug, meeting.number)
        # 50 fixed (a first meeting has no report back) + 2 x 40, less 10
        assert round(sum(s.minutes for s in saved.steps)) == 130 - 10
        bar = str(console.screen.query_one("#step-bar").render())
        assert "Present Ana 4m" in bar  # 5 minutes shrunk with the rest of the slots
        assert any("shortened by 10 min" in str(n.message) for n in console._notifications)


async def test_shift_tab_retags_an_edited_question_and_the_banner_counts_them(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        console.screen.live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
        console.screen.show_step()
        await pilot.press(*"Who decides?", "enter", *"What scares you?", "enter")
        banner = console.screen.query_one("#presenter")
        assert str(banner.render()).endswith("Questions: 2 clarifying")
        await pilot.press("up", "shift+tab", "enter")
        assert "Questions: 1 clarifying · 1 open" in str(banner.render())
        assert [i.tag.value for i in store.items(meeting)] == ["clarifying", "open"]
        assert "· open" in panel_text(console)


async def test_a_clicker_can_blank_again_after_coming_back(console):
    """After PageDown, "." blanks, any key returns, and "." blanks again (it is not typed)."""
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", ".")
        assert isinstance(console.screen, BlankScreen)
        await pilot.press(".")
        assert not isinstance(console.screen, BlankScreen)
        await pilot.press(".")
        assert isinstance(console.screen, BlankScreen)
        await pilot.press("z")  # any other key brings it back, and is typed, not lost
        assert console.screen.query_one("#entry-input").value == "z"


async def test_pagedown_or_pageup_on_a_blank_wall_only_brings_it_back(console, store, meeting):
    """A clicker's "next" to wake the wall moves no step; the next one does."""
    async with console.run_test(size=(120, 36)) as pilot:
        for keys in (("ctrl+l",), ("pagedown", "full_stop")):
            await pilot.press(*keys)
            assert isinstance(console.screen, BlankScreen)
            start = console.screen_stack[-2].live.meeting.current
            await pilot.press("pagedown")
            assert isinstance(console.screen, MeetingScreen)
            assert console.screen.live.meeting.current == start
        await pilot.press("ctrl+l", "pageup")
        assert console.screen.live.meeting.current == 1
        await pilot.press("full_stop")  # a clicker's `.` after waking it blanks again
        assert isinstance(console.screen, BlankScreen)
        await pilot.press("pageup", "pageup")
        assert store.meeting(meeting.set_slug, meeting.number).current == 0
