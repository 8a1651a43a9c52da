"""A one-line question in a small modal: Enter answers, Escape cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from altui.screens.dialog import Dialog, keys, question
from altui.text import visible
from altui.widgets.safe_input import SafeInput


class PromptScreen(Dialog[str | None]):
    """Asks for one line of text (a name, a list of names)."""

    DEFAULT_CSS = """
    PromptScreen Keys { margin-top: 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", hint: str = "") -> None:
        """``question`` and ``hint`` may hold names: any control character is shown. ``value``
        is edited as it is, its controls shown as symbols (a name holding one is refused)."""
        super().__init__()
        self._question = question
        self._value = value
        self._hint = visible(hint)

    def compose(self) -> ComposeResult:
        """The question, the line, and the keys."""
        with Vertical():
            yield from question(self._question)
            yield SafeInput(self._value, id="prompt-input")
            hint = f"{self._hint}\n" if self._hint else ""
            yield keys(f"{hint}Enter: OK     Escape: cancel")

    @on(Input.Submitted)
    def _answered(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
