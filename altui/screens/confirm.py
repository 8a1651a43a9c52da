"""A yes/no question in a small modal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from altui.screens.dialog import Dialog, keys, question


class ConfirmScreen(Dialog[bool]):
    """Asks a question; y or Enter answers yes, n or Escape answers no."""

    DEFAULT_CSS = "ConfirmScreen > Vertical { width: 64; }"
    WARNING = True
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        """``question`` and ``detail`` may hold names: any control character is shown."""
        super().__init__()
        self._question = question
        self._detail = detail

    def compose(self) -> ComposeResult:
        """The question and the keys that answer it."""
        with Vertical():
            yield from question(self._question, self._detail)
            yield keys("y: yes     n: no")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
