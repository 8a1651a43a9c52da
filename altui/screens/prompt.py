"""A one-line question in a small modal: Enter answers, Escape cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from altui.text import visible
from altui.widgets.safe_input import SafeInput


class PromptScreen(ModalScreen[str | None]):
    """Asks for one line of text (a name, a list of names)."""

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", hint: str = "") -> None:
        """``question`` and ``hint`` may hold names: any control character is shown. ``value``
        is edited as it is, its controls shown as symbols (a name holding one is refused)."""
        super().__init__()
        self._question = visible(question)
        self._value = value
        self._hint = visible(hint)

    def compose(self) -> ComposeResult:
        """The question, the line, and the keys."""
        with Vertical():
            yield Static(Content.styled(self._question, "bold"))
            yield SafeInput(self._value, id="prompt-input")
            hint = f"{self._hint}\n" if self._hint else ""
            yield Static(Content.styled(f"{hint}Enter: OK     Escape: cancel", "$text-muted"))

    @on(Input.Submitted)
    def _answered(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
