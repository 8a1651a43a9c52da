"""What the room sees: blanking, private notes kept off the wall, the time-up signal."""

from __future__ import annotations

from altui.models import TimeUpSignal
from altui.screens.blank import BlankScreen
from altui.screens.meeting import MeetingScreen
from altui.widgets.countdown import Countdown
from tests.conftest import step_of


def panel_text(app) -> str:
    panel = app.screen.query_one("#items")
    return "\n".join(str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count))


async def test_b_or_full_stop_blanks_and_any_key_returns(console):
    async with console.run_test(size=(120, 36)) as pilot:
        for key in ("b", "full_stop"):
            await pilot.press("escape", key)
            assert isinstance(console.screen, BlankScreen)
            await pilot.press("z")
            assert isinstance(console.screen, MeetingScreen)


async def test_private_notes_are_masked_until_revealed(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"#she is leaving", "enter", *"?public", "enter")
        assert "she is leaving" not in panel_text(console)
        assert "public" in panel_text(console)
        await pilot.press("escape", "v")
        assert "she is leaving" in panel_text(console)
        await pilot.press("v")
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
        screen._tick()
        await pilot.pause()
        assert rings == []
        assert screen.query_one(Countdown).has_class("-flash")
        screen.query_one(Countdown).remove_class("-flash")  # its timer would, 1.5 s later

        screen.set_signal(TimeUpSignal.SILENT)
        await pilot.press("escape", "n")  # bids for time
        clock.advance(5 * 60 + 1)
        screen._tick()
        await pilot.pause()
        assert rings == [] and not screen.query_one(Countdown).has_class("-flash")

        screen.set_signal(TimeUpSignal.BELL)
        await pilot.press("n")  # Ana presents the issue
        clock.advance(5 * 60 + 1)
        screen._tick()
        await pilot.pause()
        assert rings == [1]


async def test_f_fits_the_agenda_to_the_planned_finish(console, store, meeting, clock):
    async with console.run_test(size=(120, 36)) as pilot:
        clock.advance(25 * 60)  # check-in ten minutes over
        await pilot.press("escape", "f")
        saved = store.meeting(meeting.set_slug, meeting.number)
        # 50 fixed (a first meeting has no report back) + 2 x 40, less 10
        assert round(sum(s.minutes for s in saved.steps)) == 130 - 10
        bar = str(console.screen.query_one("#step-bar").render())
        assert "Present Ana 4m" in bar  # 5 minutes shrunk with the rest of the slots
        assert any("shortened by 10 min" in str(n.message) for n in console._notifications)


async def test_t_retags_the_newest_question_and_the_banner_counts_them(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        console.screen.live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
        console.screen._show_step()
        await pilot.press(*"Who decides?", "enter", *"What scares you?", "enter")
        banner = console.screen.query_one("#presenter")
        assert "Questions: 2 clarifying · 0 open" in str(banner.render())
        await pilot.press("escape", "t")
        assert "Questions: 1 clarifying · 1 open" in str(banner.render())
        assert [i.tag.value for i in store.items(meeting)] == ["clarifying", "open"]
        assert "· open" in panel_text(console)


async def test_a_clicker_can_blank_again_after_coming_back(console):
    """Not typing, "." blanks, any key returns, and "." blanks again (it is not typed)."""
    from altui.screens.blank import BlankScreen

    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("escape", ".")
        assert isinstance(console.screen, BlankScreen)
        await pilot.press(".")
        assert not isinstance(console.screen, BlankScreen)
        await pilot.press(".")
        assert isinstance(console.screen, BlankScreen)
        await pilot.press("z")
        assert console.screen.query_one("#entry-input").value == ""
