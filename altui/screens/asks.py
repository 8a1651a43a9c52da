"""The console's small questions: end the meeting, and where an item moves to.

Each sits at the bottom of the screen, so the clock and the presenter stay in view. None can
be answered by typing: a key it does not own closes it with no change, and hands the key back
to the entry line (see `altui.screens.hand_back`). Each answers from its own state, so a key
that comes before it is drawn is answered as it would be after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import events, on
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
    ]
    CHOOSE = frozenset(["tab", "shift+tab", "left", "right"])
    """Keys that move between the two answers."""

    def __init__(
        self,
        question: str,
        detail: str,
        hand_back: HandBack | None = None,
        answered: Callable[[bool | None], None] | None = None,
    ) -> None:
        super().__init__(hand_back, answered)
        self._question = question
        self._detail = detail
        self._ending = False

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
        """Show the answer Enter gives (Keep going, unless a key chose End before this)."""
        self._show_choice()

    async def answer_key(self, event: events.Key) -> None:
        """Enter gives the chosen answer; Tab, Shift+Tab, Left and Right choose the other."""
        if event.key == "enter":
            self.close(self._ending)
        elif event.key in self.CHOOSE:
            self._ending = not self._ending
            self._show_choice()
        else:
            await super().answer_key(event)

    def _show_choice(self) -> None:
        if self.is_mounted:
            self.query_one("#end" if self._ending else "#keep", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.close(event.button.id == "end")

    def action_end(self) -> None:
        """End the meeting (the end key pressed a second time)."""
        self.close(True)


class ChoosePlace(Ask[str]):
    """Where an item moves to: another presenter's slot or a group step."""

    MOVES = {"up": -1, "down": 1}

    def __init__(
        self,
        text: str,
        places: list[tuple[str, str]],
        hand_back: HandBack | None = None,
        answered: Callable[[str | None], None] | None = None,
    ) -> None:
        super().__init__(hand_back, answered)
        self._text = text
        self._places = places
        self._at = 0

    def compose(self) -> ComposeResult:
        """The item, then each place it can go (id, words)."""
        with Vertical():
            yield Static(Content.assemble(("Move ", "bold"), (visible(self._text), "italic")))
            yield OptionList(
                *(Option(Content(visible(name)), id=place) for place, name in self._places)
            )
            yield keys("Up/Down and Enter: move it there.  Escape: leave it.")

    def on_mount(self) -> None:
        """Highlight the place chosen so far."""
        self._show_choice()

    async def answer_key(self, event: events.Key) -> None:
        """Up and Down choose a place, Enter moves the item there."""
        if event.key in self.MOVES:
            self._at = max(0, min(len(self._places) - 1, self._at + self.MOVES[event.key]))
            self._show_choice()
        elif event.key == "enter":
            self.close(self._places[self._at][0])
        else:
            await super().answer_key(event)

    def _show_choice(self) -> None:
        if self.is_mounted:
            self.query_one(OptionList).highlighted = self._at

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.close(event.option.id)
