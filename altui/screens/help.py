"""The help screen: every key of the console, generated from its bindings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from altui.models import KIND_PREFIXES
from altui.screens.hand_back import HandBack, HandsBack
from altui.screens.stage import COMPACT_HEIGHT, COMPACT_WIDTH

_KEY_NAMES = {
    "pagedown": "PageDown",
    "pageup": "PageUp",
    "escape": "Escape",
}
TYPING_ROWS = [
    ("Any letter, digit, space", "Always typed into the line: no typed key changes the meeting"),
    ("Enter", "Save the line (in report back: a note on the highlighted commitment)"),
    ("Tab / Shift+Tab", "Kind of the line (question, action, ...) / its tag; report back: mark"),
    ("Up / Down", "From an empty line: edit this step's items (report back: choose)"),
    ("Escape", "Leave the item being edited as it was"),
    ("PageDown then .", "A clicker's blank key blanks the wall right after PageDown/PageUp"),
]
"""Keys of the entry line, handled in key order with the typed text (see widgets.entry)."""


def key_names(keys: str) -> str:
    """``ctrl+t,f8`` as ``Ctrl+T / F8``."""
    return " / ".join(_KEY_NAMES.get(k, _name(k)) for k in keys.split(","))


def _name(key: str) -> str:
    if key.startswith("ctrl+"):
        return f"Ctrl+{key[5:].upper()}"
    return key.upper() if key.startswith("f") and key[1:].isdigit() else key


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """The entry line's keys, then what each console key does, once (Ctrl+T's Pause and
    Resume are one row): its keys and what it does."""
    by_what: dict[str, list[str]] = {}
    for entry in bindings:
        binding = entry if isinstance(entry, Binding) else Binding(*entry)  # BINDINGS allow tuples
        keys = by_what.setdefault(binding.tooltip or binding.description, [])
        if binding.key not in keys:
            keys.append(binding.key)
    rows = [(key_names(",".join(keys)), what) for what, keys in by_what.items()]
    return [*TYPING_ROWS, *rows, ("Ctrl+P", "Command palette: every action by name")]


def _table(rows: list[tuple[str, str]]) -> Table:
    """Keys on the left; what they do on the right, wrapped under itself."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for keys, what in rows:
        table.add_row(Text(keys), Text(what))
    return table


class HelpScreen(HandsBack[None]):
    """A list of the console's keys beside the clock and below the headline (in a small window,
    under the clock), the stage not dimmed, so the room still sees the time and whose turn."""

    DEFAULT_CSS = """
    HelpScreen { align: right bottom; background: transparent; }
    HelpScreen > VerticalScroll {
        width: 50%; min-width: 60; height: auto; max-height: 70%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    HelpScreen.-compact > VerticalScroll { width: 100%; max-height: 50%; padding: 0 1; }
    HelpScreen Static { width: 1fr; }
    HelpScreen .heading { text-style: bold; color: $accent; }
    HelpScreen .kinds, HelpScreen .closing { margin-top: 1; }
    HelpScreen .closing { color: $text-muted; }
    """
    BINDINGS = [Binding("escape,f1,enter", "close", "Close")]

    def __init__(self, bindings: Sequence[BindingType], hand_back: HandBack | None = None) -> None:
        super().__init__(hand_back)
        self._console_bindings = bindings

    def compose(self) -> ComposeResult:
        """The list of keys in a scrolling box."""
        kinds = [(char, kind.label) for char, kind in KIND_PREFIXES.items()]
        with VerticalScroll():
            yield Static("Keys", classes="heading")
            yield Static(_table(key_rows(self._console_bindings)), id="keys")
            yield Static("Start a line with a character to set its kind", classes="heading kinds")
            yield Static(_table(kinds))
            yield Static(
                "Escape, Enter or F1 closes this screen; typing closes it and is typed.",
                classes="closing",
            )

    def on_resize(self) -> None:
        """In a small window the stage is one column: the list goes under the clock."""
        width, height = self.size
        self.set_class(width < COMPACT_WIDTH or height < COMPACT_HEIGHT, "-compact")

    def action_close(self) -> None:
        """Back to the console."""
        self.close(None)
