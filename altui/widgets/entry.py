"""The line the facilitator types into; its kind shows before Enter is pressed.

Typing is always safe: every key that types a character is text, and a paste is one line of
text (see ``SafeInput``, which shows controls as symbols). Every key of the console comes
through here in the order it came, even one that first reached a screen over the console: a
screen that is open gets it first (the console's ``above``); the keys that steer the meeting
(Enter, PageUp/PageDown, Up/Down, Tab, Escape, and a clicker's `.` right after PageDown) call
the console directly; any other key is typed or runs its binding at once (`altui.widgets.keys`).
A key that took more than a character out of the line (Ctrl+U, Ctrl+K, Ctrl+W, Ctrl+X, Ctrl+Z
leaving an edit) can be taken back: Ctrl+Z as the next key puts the text back (and otherwise
undoes a saved change).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Protocol

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Static

from altui.widgets.keys import STEP_KEYS
from altui.widgets.safe_input import SafeInput

PLACEHOLDER = "Type; Enter saves · Tab: kind · Up: edit an item · F1: keys"
REPORT_PLACEHOLDER = "A note on this commitment · Up/Down: choose · Tab: mark"


class Console(Protocol):
    """What the entry line asks of the console it sits in."""

    async def above(self, event: events.Key) -> bool: ...
    def pasted_above(self, text: str) -> bool: ...
    def answer(self, key: str, character: str | None) -> bool: ...
    def submit_line(self, text: str) -> bool: ...
    def step_key(self, forward: bool) -> None: ...
    def blank_key(self) -> None: ...
    def browse(self, older: bool) -> None: ...
    def cycle(self, back: bool) -> None: ...
    def cancel_edit(self) -> None: ...
    def put_back(self, editing: str) -> None: ...


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


@dataclass(frozen=True)
class Wiped:
    """Text one key took out of the line (Ctrl+U, Ctrl+K, Ctrl+W, Ctrl+X, a selection typed
    over, Ctrl+Z leaving an edit), for Ctrl+Z to put back while the line is still as that key
    left it."""

    text: str
    cursor: int
    left: str
    editing: str = ""
    """The id of the item the text was an edit of ("" for none)."""


class EntryInput(SafeInput):
    """An input box that handles each key, whoever it is for, before the next one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "screen.next_step", "Next", key_display="PgDn"),
        Binding("pageup", "screen.previous_step", "Back", key_display="PgUp"),
    ]
    """For the footer only (the keys are handled in `_on_key`): the stock Input would show
    PageUp/PageDown as scrolling."""

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)
    """The width of the text, for scrolling it. The stock Input lays the whole screen out again
    when it changes, at every key; the entry line's own size is fixed by the stylesheet, so a
    repaint of the line is enough (a fifth of a key's CPU on the console)."""

    def __init__(self, console: Console, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._steer = console
        self.after_step_key = False
        """True right after PageUp/PageDown, or after a key that types nothing brought the
        wall back from blank: a clicker's `.` then blanks. Any other key, typed or not, and a
        paste, end it, so a `.` after a typed character is typed."""
        self._wiped: Wiped | None = None
        """What the last key took out of the line, if it took out more than a character."""

    async def _on_key(self, event: events.Key) -> None:
        if await self._steer.above(event):  # a screen over the console took it
            self._handled(event)
            return
        key = event.key
        after_step_key, self.after_step_key = self.after_step_key, False
        wiped, self._wiped = self._wiped, None
        if key == "ctrl+z" and wiped is not None and wiped.left == self.value:
            self._handled(event)
            self.value, self.cursor_position = wiped.text, wiped.cursor
            self._steer.put_back(wiped.editing)
            return
        if self._steer.answer(key, event.character):
            self._handled(event)
            return
        if key == "full_stop" and after_step_key:
            self._handled(event)
            self._steer.blank_key()
            return
        if key.startswith("alt+") and len(key) == len("alt+x"):
            # Escape then a key, read together (tmux joins them): leave any edit, type the key
            self._handled(event)
            self._steer.cancel_edit()
            self.insert_text_at_cursor(key[-1])
            return
        if key not in _STEERING:
            before = Wiped(self.value, self.cursor_position, "")
            await super()._on_key(event)  # typed, or its binding run now (see widgets.keys)
            if self._wiped is None and len(self.value) < len(before.text) - 1:
                self._wiped = replace(before, left=self.value)
            return
        self._handled(event)
        console = self._steer
        if key == "enter":
            if console.submit_line(self.value):
                self.clear()
        elif key in STEP_KEYS:
            console.step_key(forward=key == "pagedown")
        elif key in ("up", "down"):
            console.browse(older=key == "up")
        elif key in ("tab", "shift+tab"):
            console.cycle(back=key == "shift+tab")
        else:
            console.cancel_edit()

    def took_out(self, text: str, editing: str) -> None:
        """The console took ``text``, an edit of the item ``editing``, out of the line: Ctrl+Z
        as the next key puts it back."""
        self._wiped = Wiped(text, len(text), self.value, editing)

    @staticmethod
    def _handled(event: events.Key) -> None:
        event.stop()
        event.prevent_default()

    def _on_paste(self, event: events.Paste) -> None:
        """Paste once, as one line (see ``SafeInput``), unless it goes on to a screen over the
        console."""
        event.stop()
        event.prevent_default()
        if self._steer.pasted_above(event.text):
            return
        self.after_step_key, self._wiped = False, None
        self.paste(event.text)


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
