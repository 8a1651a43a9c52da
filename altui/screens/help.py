"""The help screen: every key of the console, generated from its bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from altui.models import KIND_PREFIXES

_KEY_NAMES = {
    "pagedown": "PageDown",
    "pageup": "PageUp",
    "question_mark": "?",
    "plus": "+",
    "minus": "-",
    "full_stop": ".",
    "space": "space",
    "enter": "Enter",
    "escape": "Escape",
    "ctrl+q": "Ctrl+Q",
    "f1": "F1",
}


def key_names(keys: str) -> str:
    """``pagedown,n`` as ``PageDown / n``."""
    return " / ".join(_KEY_NAMES.get(k, _ctrl(k)) for k in keys.split(","))


def _ctrl(key: str) -> str:
    return f"Ctrl+{key[5:].upper()}" if key.startswith("ctrl+") else key


def help_text(bindings: list[Binding]) -> Content:
    """A two-column list of keys and what they do, then the entry box's kind characters."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        keys, what = by_action.setdefault(
            binding.action, ([], binding.tooltip or binding.description)
        )
        keys.append(binding.key)
    rows = [(key_names(",".join(keys)), what) for keys, what in by_action.values()]
    rows.insert(0, ("Escape", "Leave the entry box, so the single keys below work"))
    rows.append(("1 to 5", "Report back: done, partly, not done, dropped, carried forward"))
    rows.append(("Ctrl+P", "Command palette: every action by name"))
    width = max(len(keys) for keys, _ in rows) + 2
    parts: list[str | tuple[str, str]] = [("Keys\n", "bold $accent")]
    for keys, what in rows:
        parts.extend([(f"{keys:<{width}}", "bold"), f"{what}\n"])
    parts.append(("\nStart a line with a character to set its kind\n", "bold $accent"))
    for char, kind in KIND_PREFIXES.items():
        parts.extend([(f"{char:<{width}}", "bold"), f"{kind.label}\n"])
    parts.append(("\nEscape, q, ? or F1 closes this screen.", "$text-muted"))
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """A modal list of the console's keys."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 78; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    HelpScreen Static { width: 1fr; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self._console_bindings = bindings

    def compose(self) -> ComposeResult:
        """The list of keys in a scrolling box."""
        with VerticalScroll():
            yield Static(help_text(self._console_bindings))
