"""Slips put right from the keyboard: edit, re-kind, move, delete, undo, paste, keep in view."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from altui.app import make_app
from altui.live import LiveMeeting
from altui.models import ItemKind, ItemTag
from altui.screens.asks import ChoosePlace
from altui.screens.meeting import MeetingScreen
from altui.widgets.entry import EntryInput
from altui.widgets.item_panel import ItemPanel
from altui.widgets.presenter import PresenterBanner
from tests.builders import step_of


def entry(app) -> EntryInput:
    return app.screen.query_one(EntryInput)


def kinds(store, meeting) -> list[tuple[str, str]]:
    return [(i.kind.value, i.text) for i in store.items(meeting)]


async def test_up_edits_the_newest_item_enter_saves_it_escape_leaves_it(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"first", "enter", *"hellohello", "enter")
        await pilot.press("up")
        assert entry(console).value == "hellohello"
        await pilot.press(*["backspace"] * 5, "enter")
        assert kinds(store, meeting) == [("note", "first"), ("note", "hello")]
        await pilot.press("up", "up", *"!!!", "escape")  # older item, changed, then left
        assert entry(console).value == ""
        assert kinds(store, meeting) == [("note", "first"), ("note", "hello")]
        await pilot.press("up", "down")  # Down past the newest: back to a new line
        assert entry(console).value == ""


async def test_tab_changes_the_kind_of_a_new_line_and_of_an_edited_item(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"call the director", "tab", "tab", "enter")  # note, private, question
        assert kinds(store, meeting) == [("question", "call the director")]
        await pilot.press("up", "tab", "enter")  # question -> action
        assert kinds(store, meeting) == [("action", "call the director")]
        await pilot.press("up", "tab", "tab", "tab", "tab", "enter")  # round to private
        assert kinds(store, meeting) == [("private", "call the director")]


async def test_ctrl_o_moves_an_item_to_another_presenters_slot(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        console.screen.live.go_to(step_of(meeting, "Open questions", "Ana Silva"))
        console.screen.show_step()
        await pilot.press(*"?Is this Ben's question", "enter", "up", "ctrl+o")
        assert isinstance(console.screen, ChoosePlace)
        await pilot.press("down", "down", "down", "enter")  # past Check-in, Bids and Break
        moved = store.items(meeting)[0]
        assert moved.presenter_id == meeting.presenters[1].id
        assert console.screen.query_one(ItemPanel).option_count == 1  # the empty hint
        assert any("Ben Okafor" in str(n.message) for n in console._notifications)


async def test_an_emptied_edit_deletes_and_ctrl_z_brings_it_back(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"a stray line", "enter", "up", "ctrl+u", "enter")
        assert kinds(store, meeting) == []
        await pilot.press("ctrl+z")
        assert kinds(store, meeting) == [("note", "a stray line")]
        await pilot.press("pagedown", "ctrl+z")
        assert store.meeting(meeting.set_slug, 1).current == 0
        assert any("Undone: Move to step 2" in str(n.message) for n in console._notifications)


async def test_undo_after_a_restart(store, the_set, meeting, clock):
    first = make_app(store, clock, the_set, meeting)
    async with first.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"kept", "enter", *"oops", "enter", "ctrl+q")
    second = make_app(store, clock, the_set, store.meeting(the_set.slug, 1))
    async with second.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+z")
        assert kinds(store, meeting) == [("note", "kept")]
        panel = second.screen.query_one(ItemPanel)
        assert panel.option_count == 1


async def test_a_paste_is_inserted_once(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        entry(console).post_message(events.Paste("hello"))
        await pilot.pause()
        assert entry(console).value == "hello"
        entry(console).post_message(events.Paste("line one\nline two\n"))
        await pilot.pause()
        await pilot.press("enter")
        assert kinds(store, meeting) == [("note", "helloline one line two")]


async def test_the_newest_items_are_in_view_after_a_restart_and_a_resize(
    store, the_set, meeting, clock
):
    live = LiveMeeting(store, meeting, clock)
    for n in range(40):
        live.enter(f"line {n}")
    for app in (
        make_app(store, clock, the_set, meeting),
        make_app(store, clock, the_set, meeting, display=True),
    ):
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            panel = app.screen.query_one(ItemPanel)
            assert panel.scroll_y == panel.max_scroll_y > 0, type(app.screen).__name__
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            await pilot.pause()
            assert panel.scroll_y == panel.max_scroll_y > 0, type(app.screen).__name__


async def test_text_left_in_the_box_is_saved_when_the_meeting_ends(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"see you in January", "f9", "f9")
        assert kinds(store, meeting) == [("note", "see you in January")]
        assert type(console.screen).__name__ == "SummaryScreen"


async def test_the_console_comes_back_with_the_same_text_and_focus(store, the_set, meeting, clock):
    first = make_app(store, clock, the_set, meeting)
    async with first.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"half a thought")
        await pilot.pause(1.2)  # the draft is kept at most a second after typing
    second = make_app(store, clock, the_set, store.meeting(the_set.slug, 1))
    async with second.run_test(size=(120, 36)) as pilot:
        assert isinstance(second.screen, MeetingScreen)
        assert second.screen.live.meeting.current == 1
        assert second.focused is entry(second)
        await pilot.press(*" more", "enter")
        assert kinds(store, meeting) == [(ItemKind.NOTE.value, "half a thought more")]


async def burst(app, pilot, text: str) -> None:
    """``text`` and Enter arriving in one read, before any screen they close has gone."""
    for character in text:
        app.simulate_key(character)
    app.simulate_key("enter")
    await pilot.pause()
    await pilot.pause()


async def test_a_burst_of_typing_over_blank_or_a_question_is_typed_and_nothing_breaks(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+l")
        await burst(console, pilot, "after blank")
        await pilot.press("f9")
        await burst(console, pilot, "after the end question")
        await pilot.press("f1")
        await burst(console, pilot, "after the keys")
        await pilot.press(*"?a question", "enter", "up", "ctrl+o")
        assert isinstance(console.screen, ChoosePlace)
        await burst(console, pilot, "x")  # typed onto the item being edited
        assert isinstance(console.screen, MeetingScreen) and console.is_running
        assert kinds(store, meeting) == [
            ("note", "after blank"),
            ("note", "after the end question"),
            ("note", "after the keys"),
            ("question", "a questionx"),
        ]
        assert store.meeting(meeting.set_slug, 1).status.value == "running"


async def test_pagedown_moves_a_step_whatever_is_over_the_console(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        for opener in ("f1", "f9", "ctrl+l", "ctrl+p"):
            await pilot.press(opener)
            assert not isinstance(console.screen, MeetingScreen), opener
            await pilot.press("pagedown")
            assert isinstance(console.screen, MeetingScreen), opener
        assert store.meeting(meeting.set_slug, 1).current == 3  # over a blank: only wakes it
        await pilot.press("pageup", "full_stop")  # a clicker's blank right after
        assert type(console.screen).__name__ == "BlankScreen"


async def test_up_passes_over_private_notes_unless_they_are_shown(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"public", "enter", *"#Ana is leaving", "enter", "up")
        assert entry(console).value == "public"  # the private note never reaches the box
        await pilot.press("escape")
        console.screen.action_reveal()
        await pilot.press("up")
        assert entry(console).value == "Ana is leaving"


async def test_undo_after_reopening_goes_on_to_what_came_before_the_end(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"kept", "enter", *"typo", "enter", "f9", "f9", "ctrl+z")
        assert isinstance(console.screen, MeetingScreen)
        await pilot.press("ctrl+z")
        assert kinds(store, meeting) == [("note", "kept")]
        assert store.meeting(meeting.set_slug, 1).status.value == "running"


async def test_a_question_keeps_its_tag_when_tab_goes_round_the_kinds(console, store, meeting):
    async with console.run_test(size=(80, 24)) as pilot:
        console.screen.live.go_to(step_of(meeting, "Present the issue", "Ana Silva"))
        await pilot.press(*"?Before the questions", "enter")  # untagged: not a question step
        console.screen.live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
        console.screen.show_step()
        await pilot.press(*"Who else knows", "enter", "up", *["tab"] * 6, "enter")
        await pilot.press(*"When did it start", "tab", "enter")  # an action by mistake
        await pilot.press("up", *["tab"] * 5, "enter")  # and back to a question
        assert [(i.kind.value, i.tag) for i in store.items(meeting)] == [
            ("question", None),
            ("question", ItemTag.CLARIFYING),
            ("question", ItemTag.CLARIFYING),
        ]
        banner = console.screen.query_one(PresenterBanner)
        shown = banner.render().plain
        assert shown.endswith("Questions: 2 clarifying · 1 untagged")
        assert len(shown) <= banner.content_size.width  # all of it on the one line at 80x24


async def test_ctrl_o_files_a_note_back_under_a_group_step_and_ctrl_z_undoes(
    console, store, meeting
):
    async with console.run_test(size=(80, 24)) as pilot:
        console.screen.live.go_to(step_of(meeting, "Present the issue", "Ben Okafor"))
        console.screen.show_step()
        await pilot.press(*"Ana arrives tired", "enter", "up", "ctrl+o")
        places = [str(o.prompt) for o in console.screen.query_one(OptionList).options]
        assert places == [
            "Check-in",
            "Bids for time",
            "Ana Silva's slot",
            "Break",
            "Process review",
            "Check-out",
        ]  # every other place in agenda order; not Ben's slot, where it is
        await pilot.press("enter")
        (moved,) = store.items(meeting)
        assert (moved.step, moved.presenter_id) == (0, None)  # in Check-in, nobody's slot
        assert console.screen.query_one(ItemPanel).option_count == 1  # the empty hint
        assert any("Moved to Check-in" in str(n.message) for n in console._notifications)
        await pilot.press("ctrl+z")
        (back,) = store.items(meeting)
        assert back.presenter_id == meeting.presenters[1].id
        panel = console.screen.query_one(ItemPanel)
        assert "Ana arrives tired" in str(panel.get_option_at_index(0).prompt)
