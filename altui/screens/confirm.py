"""A yes/no question in a small modal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from altui.text import visible


class ConfirmScreen(ModalScreen[bool]):
    """Asks a question; y or Enter answers yes, n or Escape answers no."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 64; max-width: 95%; height: auto; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        """``question`` and ``detail`` may hold names: any control character is shown."""
        super().__init__()
        self._question = visible(question)
        self._detail = visible(detail)

    def compose(self) -> ComposeResult:
        """The question and the keys that answer it."""
        with Vertical():
            yield Static(Content.styled(self._question, "bold"))
            if self._detail:
                yield Static(Content(self._detail))
            yield Static(Content.styled("\ny: yes     n: no", "$text-muted"))

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
