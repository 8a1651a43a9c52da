"""The line the facilitator types into; its kind shows before Enter is pressed.

Typing is always safe: every key that types a character is text, and a paste is one line of
text (see ``SafeInput``, which shows controls as symbols). The keys that steer the meeting from
here (Enter, PageUp/PageDown, Up/Down, Tab, Escape, and a clicker's `.` right after PageDown)
are handled in key order with the characters around them, by calling the console directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from altui.widgets.safe_input import SafeInput

PLACEHOLDER = "Type; Enter saves · Tab: kind · Up: edit an item · F1: keys"
REPORT_PLACEHOLDER = "A note on this commitment · Up/Down: choose · Tab: mark"


class Console(Protocol):
    """What the entry line asks of the console it sits in."""

    def answer(self, key: str, character: str | None) -> bool: ...
    def submit_line(self, text: str) -> bool: ...
    def step_key(self, forward: bool) -> None: ...
    def blank_key(self) -> None: ...
    def browse(self, older: bool) -> None: ...
    def cycle(self, back: bool) -> None: ...
    def cancel_edit(self) -> None: ...


_STEERING = {
    "enter",
    "pagedown",
    "pageup",
    "up",
    "down",
    "tab",
    "shift+tab",
    "escape",
}


class EntryInput(SafeInput):
    """An input box that hands the steering keys to the console before any later key is handled.

    Left to bindings, they would be resolved only after the key bubbled up to the app, by which
    time later characters of a fast burst may already be in the box.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "screen.next_step", "Next", key_display="PgDn"),
        Binding("pageup", "screen.previous_step", "Back", key_display="PgUp"),
    ]
    """For the footer only (the keys are handled in `_on_key`): the stock Input would show
    PageUp/PageDown as scrolling."""

    def __init__(self, console: Console, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._steer = console
        self.after_step_key = False
        """True right after PageUp/PageDown (or a blank): a clicker's `.` then blanks."""

    async def _on_key(self, event: events.Key) -> None:
        key = event.key
        if self._steer.answer(key, event.character):
            self._handled(event)
            return
        if key == "full_stop" and self.after_step_key:
            self._handled(event)
            self._steer.blank_key()
            return
        self.after_step_key = key in ("pagedown", "pageup")
        if key.startswith("alt+") and len(key) == len("alt+x"):
            # Escape then a key, read together (tmux joins them): leave any edit, type the key
            self._handled(event)
            self._steer.cancel_edit()
            self.insert_text_at_cursor(key[-1])
            return
        if key not in _STEERING:
            await super()._on_key(event)
            return
        self._handled(event)
        console = self._steer
        if key == "enter":
            if console.submit_line(self.value):
                self.clear()
        elif key in ("pagedown", "pageup"):
            console.step_key(forward=key == "pagedown")
        elif key in ("up", "down"):
            console.browse(older=key == "up")
        elif key in ("tab", "shift+tab"):
            console.cycle(back=key == "shift+tab")
        else:
            console.cancel_edit()

    @staticmethod
    def _handled(event: events.Key) -> None:
        event.stop()
        event.prevent_default()


class EntryBox(Horizontal):
    """The kind label and the input line."""

    def __init__(
        self,
        console: Console,
        label_for: Callable[[str], tuple[str, str]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._steer = console
        self._label_for = label_for
        self._shown: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        """Kind on the left, the line on the right.

        ``label_for`` gives the label and its style for the text in the box.
        """
        yield Static(id="entry-kind")
        entry = EntryInput(
            self._steer, placeholder=PLACEHOLDER, id="entry-input", select_on_focus=False
        )
        entry.cursor_blink = False  # calmer on the wall, and no repaint twice a second
        yield entry

    def on_mount(self) -> None:
        """Show the step's default kind."""
        self.refresh_kind()

    @on(Input.Changed)
    def _typed(self) -> None:
        self.refresh_kind()

    def refresh_kind(self) -> None:
        """Show the kind the current text would be saved as."""
        shown = self._label_for(self.query_one(Input).value)
        if shown == self._shown:
            return
        self._shown = shown
        label, style = shown
        self.query_one("#entry-kind", Static).update(
            Content.styled(f" {label} ", f"reverse {style}")
        )
