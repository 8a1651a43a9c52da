"""Input boxes keep what is typed or pasted and show it safely (issue 12).

A pasted or typed control character never reaches the terminal raw: every box draws it as the
symbol ``visible`` gives it, and keeps it, so what is saved follows the rules for what it is:
an item keeps the symbol the box showed, a name holding a control is refused in one line.
Textual's own Input dropped typed C1 and bidi controls (and no-break spaces, joiners) without a
trace, and drew a pasted ESC or BEL as it is. Keys are made here as the terminal's parser makes
them from what a terminal sends.
"""

from __future__ import annotations

from textual import _xterm_parser, events
from textual.app import App, ComposeResult

from altui.app import make_app
from altui.models import ItemKind
from altui.screens.home import HomeScreen
from altui.screens.prompt import PromptScreen
from altui.widgets.entry import EntryInput
from altui.widgets.safe_input import SafeInput
from tests.builders import shown_safely, until

PASTED = "a\x1b[31mred\x07\ttab\n\nsecond line \x9b2J \u202eevil\r\n"
"""Text copied with its colours (ESC, BEL), a tab, line breaks, CSI in C1 form, an override."""
KEPT = "a\x1b[31mred\x07 tab second line \x9b2J \u202eevil"
"""What the box holds: one line, each tab and line break a space, every other character kept."""
SHOWN = "a␛[31mred␇ tab second line �2J �evil"
TYPED = "\u202e\x9b\u00a0\u200d\u2028a"
"""An override, CSI, a no-break space, a zero-width joiner, a line separator, then a letter."""


def keys(text: str) -> list[events.Message]:
    """The key events a terminal's parser makes of ``text`` typed."""
    return list(_xterm_parser.XTermParser().feed(text))


def entry(app: App[None]) -> EntryInput:
    return app.screen.query_one(EntryInput)


async def test_a_pasted_control_is_shown_in_the_entry_line_and_saved_as_its_symbol(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        entry(console).post_message(events.Paste(PASTED))
        await pilot.pause()
        assert entry(console).value == KEPT
        assert SHOWN in shown_safely(console)
        await pilot.press("enter")
        assert [(i.kind, i.text) for i in store.items(meeting)] == [(ItemKind.NOTE, SHOWN)]
        assert SHOWN in shown_safely(console)  # in the item panel


async def test_typed_c1_and_bidi_controls_are_kept_shown_and_saved_as_symbols(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        for key in keys(TYPED):
            console.post_message(key)
        await pilot.pause()
        assert entry(console).value == TYPED
        assert "��\u00a0\u200d�a" in shown_safely(console)
        await pilot.press("enter")
        assert [i.text for i in store.items(meeting)] == ["��\u00a0\u200d�a"]


async def test_a_key_typed_over_the_console_reaches_the_entry_line_as_it_would_there(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("f9")  # the end question closes on a key it does not own
        for key in keys("\u202eok"):
            console.post_message(key)
        await pilot.pause()
        assert entry(console).value == "\u202eok"


class OneBox(App[None]):
    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        yield SafeInput(self.value, select_on_focus=False)


async def test_the_cursor_and_a_click_are_on_the_character_the_box_shows():
    app = OneBox("\x1b\x1b\x1bxyz")
    async with app.run_test(size=(40, 5)) as pilot:
        box = app.query_one(SafeInput)
        box.focus()
        await pilot.pause()
        assert "␛␛␛xyz" in shown_safely(app)
        assert box.cursor_position == 6
        # after the six symbols, one cell each (Textual's Input puts the end cursor one further)
        assert box.cursor_screen_offset.x == box.content_region.x + 6 + 1
        await pilot.click(box, offset=(box.content_region.x - box.region.x + 1, 1))
        assert box.cursor_position == 1  # the second ␛, not the y after three empty cells
        for key in keys("Q"):
            app.post_message(key)
        await pilot.pause()
        assert box.value == "\x1bQ\x1b\x1bxyz"


async def test_a_set_name_holding_a_control_is_shown_then_refused_in_one_line(store, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(SafeInput).post_message(events.Paste("Owls\u202e\tx"))
        await pilot.pause()
        assert app.screen.query_one(SafeInput).value == "Owls\u202e x"
        assert "Owls� x" in shown_safely(app)
        await pilot.press("enter")
        await until(pilot, lambda: "text-direction" in shown_safely(app), "a refusal")
        assert isinstance(app.screen, PromptScreen)  # not asked for the members of a bad name
        assert app.screen.query_one(SafeInput).value == "Owls\u202e x"  # kept, to put right
        assert store.sets() == []


async def test_a_line_longer_than_the_box_scrolls_with_the_cursor_without_a_new_layout(
    console, monkeypatch
):
    laid_out: list[bool] = []
    original = EntryInput.refresh

    def refresh(self: EntryInput, *args: object, **kwargs: object) -> object:
        laid_out.append(bool(kwargs.get("layout")))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    async with console.run_test(size=(80, 24)) as pilot:
        box = entry(console)
        await pilot.pause()
        monkeypatch.setattr(EntryInput, "refresh", refresh)
        for letter in "abcdefghijklmnopqrstuvwxyz" * 4:
            await pilot.press(letter)
        await pilot.pause()
        assert laid_out and not any(laid_out)  # each key repaints the line only
        left, _, width, _ = box.content_region
        assert left <= box.cursor_screen_offset.x <= left + width  # the end cursor is one further
        assert "uvwxyz" in shown_safely(console).splitlines()[box.content_region.y]
        await pilot.press("home")
        assert box.cursor_screen_offset.x == left
        assert "abcdef" in shown_safely(console).splitlines()[box.content_region.y]
