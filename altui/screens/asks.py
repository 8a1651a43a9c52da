"""The console's small questions: end the meeting, and which slot an item moves to.

Each sits at the bottom of the screen, so the clock and the presenter stay in view. None can
be answered by typing: a key it does not own closes it with no change, and the character is
handed back to the entry box (so a facilitator who thought they were typing loses nothing).
"""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from altui.text import visible

T = TypeVar("T")


class Typed(str):
    """A character typed while a question was open: it belongs in the entry box."""


class Ask(ModalScreen[T | Typed | None]):
    """A question docked at the bottom; printable keys it does not own go back to typing."""

    DEFAULT_CSS = """
    Ask { align: center bottom; background: $background 40%; }
    Ask > Vertical {
        width: 100%; height: auto; max-height: 60%; border: thick $warning;
        background: $surface; padding: 0 1;
    }
    Ask .ask-hint { color: $text-muted; }
    Ask Horizontal { height: auto; }
    Ask Button { margin: 0 2 0 0; }
    Ask OptionList { height: auto; max-height: 12; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    OWNED: frozenset[str] = frozenset()
    """Printable characters this question answers to (all others go back to typing)."""

    def on_key(self, event: events.Key) -> None:
        """Close on a character this question does not own, handing it back."""
        if event.is_printable and event.character and event.character not in self.OWNED:
            event.stop()
            event.prevent_default()
            self.dismiss(Typed(event.character))

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text goes back to typing too."""
        event.stop()
        self.dismiss(Typed(event.text))

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)


class EndMeeting(Ask[bool]):
    """Asks before ending: "Keep going" is chosen unless the facilitator moves to End."""

    BINDINGS = [
        Binding("escape", "cancel", "Keep going"),
        Binding("f9", "end", "End meeting", key_display="F9"),
        Binding("left,right", "app.focus_next", "Choose", show=False),
    ]

    def __init__(self, question: str, detail: str) -> None:
        super().__init__()
        self._question = question
        self._detail = detail

    def compose(self) -> ComposeResult:
        """The question, what ending does, and the two answers."""
        with Vertical():
            yield Static(Content.styled(self._question, "bold"))
            yield Static(Content(self._detail))
            with Horizontal():
                yield Button("Keep going", id="keep", variant="primary")
                yield Button("End meeting", id="end", variant="error")
            yield Static(
                "Enter or Escape: keep going.  To end: Tab to End meeting, then Enter (or F9).",
                classes="ask-hint",
            )

    def on_mount(self) -> None:
        """Keep going is the answer Enter gives."""
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "end")

    def action_end(self) -> None:
        """End the meeting (the end key pressed a second time)."""
        self.dismiss(True)


class ChooseSlot(Ask[str]):
    """Which presenter's slot an item moves to."""

    def __init__(self, text: str, slots: list[tuple[str, str]]) -> None:
        super().__init__()
        self._text = text
        self._slots = slots

    def compose(self) -> ComposeResult:
        """The item, then each presenter."""
        with Vertical():
            yield Static(Content.assemble(("Move ", "bold"), (visible(self._text), "italic")))
            yield OptionList(
                *(Option(Content(visible(name)), id=member_id) for member_id, name in self._slots)
            )
            yield Static("Up/Down and Enter: move it there.  Escape: leave it.", classes="ask-hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
