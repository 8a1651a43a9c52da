"""The console's small questions: end the meeting, and which slot an item moves to.

Each sits at the bottom of the screen, so the clock and the presenter stay in view. None can
be answered by typing: a key it does not own closes it with no change, and hands the key back
to the entry line (see `altui.screens.hand_back`).
"""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from altui.screens.dialog import keys, question
from altui.screens.hand_back import HandBack, HandsBack
from altui.text import visible

T = TypeVar("T")


class Ask(HandsBack[T]):
    """A question docked at the bottom, over the console; toasts go to the top meanwhile, so
    none covers its words."""

    DEFAULT_CSS = """
    Ask { align: center bottom; background: $background 40%; }
    Ask > Vertical {
        width: 100%; height: auto; max-height: 60%; border: thick $warning;
        background: $surface; padding: 0 1;
    }
    Ask Horizontal { height: auto; }
    Ask Button { margin: 0 2 0 0; }
    Ask OptionList { height: auto; max-height: 12; }
    Ask ToastRack { dock: top; align: right top; margin-bottom: 0; max-height: 40%; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        """Close without a change."""
        self.close(None)


class EndMeeting(Ask[bool]):
    """Asks before ending: "Keep going" is chosen unless the facilitator moves to End."""

    BINDINGS = [
        Binding("escape", "cancel", "Keep going"),
        Binding("f9", "end", "End meeting", key_display="F9"),
        Binding("left,right", "app.focus_next", "Choose", show=False),
    ]

    def __init__(self, question: str, detail: str, hand_back: HandBack | None = None) -> None:
        super().__init__(hand_back)
        self._question = question
        self._detail = detail

    def compose(self) -> ComposeResult:
        """The question, what ending does, and the two answers."""
        with Vertical():
            yield from question(self._question, self._detail)
            with Horizontal():
                yield Button("Keep going", id="keep", variant="primary")
                yield Button("End meeting", id="end", variant="error")
            yield keys(
                "Enter or Escape: keep going.  To end: Tab to End meeting, then Enter (or F9)."
            )

    def on_mount(self) -> None:
        """Keep going is the answer Enter gives."""
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.close(event.button.id == "end")

    def action_end(self) -> None:
        """End the meeting (the end key pressed a second time)."""
        self.close(True)


class ChooseSlot(Ask[str]):
    """Which presenter's slot an item moves to."""

    def __init__(
        self, text: str, slots: list[tuple[str, str]], hand_back: HandBack | None = None
    ) -> None:
        super().__init__(hand_back)
        self._text = text
        self._slots = slots

    def compose(self) -> ComposeResult:
        """The item, then each presenter."""
        with Vertical():
            yield Static(Content.assemble(("Move ", "bold"), (visible(self._text), "italic")))
            yield OptionList(
                *(Option(Content(visible(name)), id=member_id) for member_id, name in self._slots)
            )
            yield keys("Up/Down and Enter: move it there.  Escape: leave it.")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.close(event.option.id)
