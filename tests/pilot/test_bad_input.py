"""Hostile text in every field: shown literally, stored and read back (a control character as
its symbol), never a crash."""

from __future__ import annotations

import pytest
from textual import events

from altui.app import make_app
from altui.errors import AltuiError
from altui.meetings import start_or_resume
from altui.plans import load_plan_file
from altui.screens.meeting import MeetingScreen
from altui.sets import new_set
from altui.text import pictured, visible
from altui.widgets.entry import EntryInput
from altui.widgets.item_panel import SHOWN_CHARACTERS
from tests.builders import shown_safely

MARKUP = [
    "[b]x[/b]",
    "[/]",
    "[@click=app.quit]quit[/]",
    "[link=file:///etc/passwd]x[/]",
    "$accent [red]not red[/red]",
]
UNICODE = ["🎯 emoji 👩🏽‍💻", "中文 日本語 한국어", "עברית ومرحبا", "  leading and trailing  "]
CONTROL = ["\x1b[31mred\x1b[0m", "nul\x00here", "bell\x07 tab\t del\x7f"]
HUGE = "x" * (100 * 1024)
CORPUS = MARKUP + UNICODE + CONTROL


def screen_text(app) -> str:
    """Everything the console shows in its text widgets."""
    screen = app.screen
    panel = screen.query_one("#items")
    parts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
    parts += [str(w.render()) for w in screen.query("Static")]
    return "\n".join(parts)


@pytest.mark.parametrize("text", [*CORPUS, HUGE], ids=lambda t: repr(t[:20]))
async def test_item_text_is_stored_as_shown_and_shown_literally(console, store, meeting, text):
    async with console.run_test(size=(100, 30)) as pilot:
        console.screen.query_one(EntryInput).value = "*" + text
        await pilot.press("enter")
        await pilot.pause()
        assert console.is_running
        saved = store.items(meeting)
        assert len(saved) == 1
        # exactly as typed, but a control character as the symbol the box showed for it
        assert saved[0].text == pictured(text).strip()
        if text is not HUGE:  # shown as drawn: a skin tone plain (see ``visible``)
            assert visible(saved[0].text) in screen_text(console)


@pytest.mark.parametrize("name", MARKUP + UNICODE, ids=repr)
async def test_set_and_member_names_are_kept_and_shown_literally(store, clock, name):
    the_set = new_set(store, name, [name, "Ben"], "classic", clock)
    assert store.find_set(name).name == name.strip()
    assert the_set.members[0].name == name.strip()
    meeting = start_or_resume(store, the_set, clock)
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert isinstance(app.screen, MeetingScreen)
        shown = screen_text(app) + str(app.screen.query_one("#header-title").render())
        assert visible(name.strip()) in shown


@pytest.mark.parametrize("name", CONTROL, ids=repr)
def test_names_with_control_characters_are_refused_clearly(store, clock, name):
    with pytest.raises(AltuiError, match="control characters"):
        new_set(store, name, ["Ana"], "classic", clock)
    with pytest.raises(AltuiError, match="member name"):
        new_set(store, "Owls", [name], "classic", clock)
    assert store.sets() == []


async def test_plan_text_is_shown_literally(tmp_path, store, clock):
    step_name = "[b]Step[/b] 🎯"
    prompt = "[@click=app.quit]quit[/] \\u001b[31m"
    plan_file = tmp_path / "odd.toml"
    plan_file.write_text(
        f'name = "[red]Odd[/red]"\n[[steps]]\nname = "{step_name}"\nminutes = 5\n'
        f'prompt = "{prompt}"\n',
        encoding="utf-8",
    )
    plan = load_plan_file(plan_file)
    assert plan.steps[0].name == step_name
    the_set = new_set(store, "Owls", ["Ana"], "classic", clock)
    meeting = start_or_resume(store, the_set, clock, plan=str(plan_file))
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert step_name in shown
        assert visible(plan.steps[0].prompt) in shown
        assert app.is_running


async def test_a_huge_paste_is_saved_whole_and_leaves_the_other_items_in_view(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"first thought", "enter")
        console.screen.query_one(EntryInput).post_message(events.Paste("y" * 5000))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [len(i.text) for i in store.items(meeting)] == [len("first thought"), 5000]
        assert "first thought" in shown_safely(console)  # still in the room's view
        shown = screen_text(console)
        assert "y" * SHOWN_CHARACTERS + " … (4,600 more characters)" in shown
        assert "y" * (SHOWN_CHARACTERS + 1) not in shown
        await pilot.press("up")  # the whole text, to edit
        assert console.screen.query_one(EntryInput).value == "y" * 5000
