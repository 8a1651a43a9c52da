"""Behaviour of the live console, asserted on the store as well as on the screen."""

from __future__ import annotations

from textual.widgets import Static

from altui.app import Altui
from altui.clock import FakeClock, remaining
from altui.models import ItemKind, Meeting
from altui.screens.help import HelpScreen
from altui.screens.meeting import MeetingScreen
from altui.store import Store
from altui.widgets.big_clock import BigClock
from altui.widgets.countdown import Countdown
from altui.widgets.entry import EntryInput


def stored(store: Store, meeting: Meeting) -> Meeting:
    return store.meeting(meeting.set_slug, meeting.number)


async def test_typing_a_line_saves_it_at_once(console: Altui, store: Store, meeting: Meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"?who else knows", "enter")
        items = store.items(meeting)
        assert [(i.kind, i.text, i.step) for i in items] == [
            (ItemKind.QUESTION, "who else knows", 0)
        ]
        assert console.screen.query_one(EntryInput).value == ""


async def test_empty_line_is_ignored(console: Altui, store: Store, meeting: Meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("space", "space", "enter", "?", "enter")
        assert store.items(meeting) == []


async def test_kind_shows_before_enter(console: Altui):
    async with console.run_test(size=(120, 36)) as pilot:
        kind = console.screen.query_one("#entry-kind")
        assert "Note" in str(kind.render())
        await pilot.press("!")
        assert "Action" in str(kind.render())


async def test_pagedown_moves_step_even_while_typing(
    console: Altui, store: Store, meeting: Meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        assert isinstance(console.focused, EntryInput)
        await pilot.press("pagedown")
        assert stored(store, meeting).current == 1
        await pilot.press("pageup")
        assert stored(store, meeting).current == 0


async def test_enter_then_pagedown_files_the_line_under_the_step_it_was_typed_in(
    console: Altui, store: Store, meeting: Meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"hello", "enter", "pagedown", *"next", "enter")
        assert [(i.text, i.step) for i in store.items(meeting)] == [("hello", 0), ("next", 1)]


async def test_escape_then_letters_are_still_typed_and_commands_need_keys_nobody_types(
    console: Altui, store: Store, meeting: Meeting, clock: FakeClock
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("escape", *"let me see your notes; n p e y v t i f b + -", "enter")
        kept = stored(store, meeting)
        assert [i.text for i in store.items(meeting)] == [
            "let me see your notes; n p e y v t i f b + -"
        ]
        assert (
            kept.current == 0
            and kept.steps[0].added == 0
            and kept.steps[0].running_since is not None
        )
        await pilot.press("pagedown")
        assert stored(store, meeting).current == 1
        await pilot.press("pageup")
        assert stored(store, meeting).current == 0
        await pilot.press("f8", "f8", "f7")
        assert stored(store, meeting).steps[0].added == 60


async def test_pause_freezes_time_left(
    console: Altui, store: Store, meeting: Meeting, clock: FakeClock
):
    async with console.run_test(size=(120, 36)) as pilot:
        clock.advance(60)
        await pilot.press("ctrl+t")
        paused = stored(store, meeting)
        assert paused.steps[0].running_since is None
        left = remaining(paused.steps[0], clock.now())
        clock.advance(600)
        assert remaining(stored(store, meeting).steps[0], clock.now()) == left == 14 * 60
        await pilot.pause()
        assert console.screen.query_one(Countdown).state.value == "paused"
        await pilot.press("ctrl+t")
        clock.advance(30)
        assert remaining(stored(store, meeting).steps[0], clock.now()) == 14 * 60 - 30


async def test_countdown_shows_time_left_and_overrun(console: Altui, clock: FakeClock):
    async with console.run_test(size=(120, 36)) as pilot:
        screen = console.screen
        assert isinstance(screen, MeetingScreen)
        digits = screen.query_one(BigClock)
        assert digits.text == "15:00"
        clock.advance(15 * 60 - 100)
        screen.tick()
        await pilot.pause()
        assert digits.text == "1:40"
        assert screen.query_one(Countdown).state.value == "low"
        clock.advance(100 + 75)
        screen.tick()
        await pilot.pause()
        assert digits.text == "+1:15"
        assert screen.query_one(Countdown).state.value == "over"


async def test_time_up_rings_the_bell_once(console: Altui, clock: FakeClock, monkeypatch):
    rings: list[int] = []
    monkeypatch.setattr(console, "bell", lambda: rings.append(1))
    async with console.run_test(size=(120, 36)) as pilot:
        screen = console.screen
        clock.advance(15 * 60 - 1)
        screen.tick()
        await pilot.pause()
        assert rings == []
        clock.advance(2)
        screen.tick()
        await pilot.pause()
        clock.advance(5)
        screen.tick()
        await pilot.pause()
        assert rings == [1]
        assert console.screen.query_one(Countdown).has_class("-over")


async def test_quit_and_reopen_resumes_step_and_items(
    store: Store, the_set, meeting: Meeting, clock: FakeClock
):
    from altui.app import make_app
    from altui.meetings import start_or_resume

    first = make_app(store, clock, the_set, meeting)
    async with first.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"kept", "enter", "pagedown", "pagedown", *"?also kept", "enter")
        clock.advance(90)
        await pilot.press("ctrl+q")
    reopened = start_or_resume(store, the_set, clock)
    assert reopened.number == meeting.number
    second = make_app(store, clock, the_set, reopened)
    async with second.run_test(size=(120, 36)):
        screen = second.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.live.meeting.current == 2
        assert [i.text for i in screen.live.items] == ["kept", "also kept"]
        assert screen.query_one(BigClock).text == "3:30"


async def test_help_screen_lists_every_key(console: Altui):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1")
        assert isinstance(console.screen, HelpScreen)
        table = console.screen.query_one("#keys", Static).content
        text = " ".join(str(cell) for column in table.columns for cell in column.cells)
        for key in ("PageDown", "PageUp", "Ctrl+T", "F7", "F8", "F9", "Ctrl+Z", "Tab", "Up"):
            assert key in text
        for key in ("Ctrl+Q", "Escape", "F1", "Ctrl+P", "Ctrl+L", "Ctrl+O", "Ctrl+R"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(console.screen, MeetingScreen)


async def test_markup_typed_by_a_member_stays_text(console: Altui, store: Store, meeting: Meeting):
    text = "[b]x[/b] [@click=app.quit]quit[/] [link=file:///etc/passwd]y[/]"
    async with console.run_test(size=(120, 36)) as pilot:
        console.screen.query_one(EntryInput).value = text
        await pilot.press("enter")
        await pilot.pause()
        assert store.items(meeting)[0].text == text
        assert console.is_running
        panel = console.screen.query_one("#items")
        assert text in str(panel.get_option_at_index(0).prompt)


async def test_the_console_shows_one_notice_at_a_time(console: Altui):
    async with console.run_test(size=(80, 24)) as pilot:
        await pilot.press("pageup", "pageup", "ctrl+z", "pageup")
        await pilot.pause()
        assert [n.message for n in console._notifications] == ["This is the first step."]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [n.message for n in console._notifications] == ["Nothing to undo."]


async def test_a_later_notice_never_hides_an_error(console: Altui):
    async with console.run_test(size=(120, 36)) as pilot:
        console.notify("The text in the box cannot be kept on disk.", severity="error")
        await pilot.press("pageup")  # "This is the first step."
        await pilot.press("ctrl+z")  # "Nothing to undo." takes its place
        await pilot.pause()
        assert [(n.severity, n.message) for n in console._notifications] == [
            ("error", "The text in the box cannot be kept on disk."),
            ("information", "Nothing to undo."),
        ]


def notices(app: Altui) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_saved_line_takes_down_the_error_about_the_box(console: Altui):
    review = next(i for i, s in enumerate(console._first[1].steps) if s.score)
    async with console.run_test(size=(120, 36)) as pilot:
        console.screen.live.go_to(review)
        console.screen.show_step()
        await pilot.press(*"12", "enter")
        await pilot.pause()
        assert any("Your text is still in the box" in m for m in notices(console))
        await pilot.press("backspace", "backspace", "8", "enter")
        await pilot.pause()
        assert notices(console) == ["The set's score today: 8 out of 10."]


async def test_a_step_change_takes_down_what_was_said_of_the_step(console: Altui):
    last = len(console._first[1].steps) - 1
    async with console.run_test(size=(120, 36)) as pilot:
        console.screen.live.go_to(last)
        console.screen.show_step()
        await pilot.press("pagedown")
        await pilot.pause()
        assert any("This is the last step" in m for m in notices(console))
        await pilot.press("pageup")
        await pilot.pause()
        assert notices(console) == []


async def test_a_new_screen_takes_down_the_old_screens_notices(console: Altui):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("f9", "f9", "ctrl+z")  # ends, then reopens from the summary
        await pilot.pause()
        assert isinstance(console.screen, MeetingScreen)
        assert notices(console) == ["Meeting 1 reopened."]
        await pilot.press("f9", "f9")
        await pilot.pause()
        assert notices(console) == []


async def test_ctrl_z_right_after_a_wipe_puts_the_text_back(console: Altui, store: Store):
    async with console.run_test(size=(120, 36)) as pilot:
        box = console.screen.query_one(EntryInput)
        await pilot.press("f7")  # a saved change Ctrl+Z would otherwise undo
        planned = console.screen.live.step.planned_seconds
        for *wipe, left in (
            ("end", "ctrl+u", ""),
            ("end", "ctrl+w", "Ben said "),
            ("home", "ctrl+k", ""),
        ):
            await pilot.press(*"Ben said something", *wipe)
            assert box.value == left
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert box.value == "Ben said something"
            assert notices(console) == ["Undone: the text just cleared from the box is back."]
            assert console.screen.live.step.planned_seconds == planned
            await pilot.press("end", "ctrl+u", "x", "ctrl+z")  # typed since: Ctrl+Z undoes F7
            assert box.value == "x"
            assert console.screen.live.step.planned_seconds == planned + 60
            await pilot.press("f7", "ctrl+u")
