"""A one-line question in a small modal: Enter answers, Escape cancels."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from altui.errors import AltuiError
from altui.screens.dialog import Dialog, keys, question
from altui.text import visible
from altui.widgets.safe_input import SafeInput


class PromptScreen(Dialog[str | None]):
    """Asks for one line of text (a name, a list of names).

    With ``act``, Enter hands it the line first: an AltuiError it raises is shown under the
    line and the dialog stays open with the text as typed, to be put right (nothing typed is
    lost to a refused name); the dialog closes with the line once ``act`` takes it.
    """

    DEFAULT_CSS = """
    PromptScreen Keys { margin-top: 0; }
    PromptScreen #prompt-error { color: $error; text-style: bold; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        question: str,
        value: str = "",
        hint: str = "",
        act: Callable[[str], object] | None = None,
    ) -> None:
        """``question`` and ``hint`` may hold names: any control character is shown. ``value``
        is edited as it is, its controls shown as symbols (a name holding one is refused)."""
        super().__init__()
        self._question = question
        self._value = value
        self._hint = visible(hint)
        self._act = act

    def compose(self) -> ComposeResult:
        """The question, the line, and the keys."""
        with Vertical():
            yield from question(self._question)
            yield SafeInput(self._value, id="prompt-input")
            yield Static(id="prompt-error", markup=False)
            hint = f"{self._hint}\n" if self._hint else ""
            yield keys(f"{hint}Enter: OK     Escape: cancel")

    @on(Input.Submitted)
    def _answered(self, event: Input.Submitted) -> None:
        if self._act is not None:
            try:
                self._act(event.value)
            except AltuiError as exc:
                self.query_one("#prompt-error", Static).update(visible(str(exc)))
                return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
