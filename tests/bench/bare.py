"""The floor: a bare Textual app with the console's widget types, no data and no altui imports.

Same layout as the live console (header, step bar, presenter, ticking clock digits, two option
lists, prompt, an entry line with a kind label, a footer with a dozen keys), the same terminal
size, a 0.25 s tick. Whatever altui costs beyond this is altui's.
"""

from __future__ import annotations

import time
from datetime import datetime
from enum import StrEnum

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, OptionList, Static

TICK_SECONDS = 0.25


class BareApp(App[None]):
    """The console's widget types with nothing in them."""

    CSS = """
    #header { height: 1; padding: 0 1; background: $panel; }
    #title { width: 1fr; }
    #times { width: auto; }
    #step-bar { height: 1; padding: 0 1; background: $boost; }
    #stage { height: 1fr; }
    #left { width: 1fr; max-width: 50%; }
    #presenter { height: auto; padding: 0 1; margin: 1 1 0 1; border-left: thick $accent; }
    #countdown { height: 1fr; align: center middle; }
    #digits { width: auto; text-style: bold; }
    #word { width: auto; }
    #items { width: 1fr; border: round $accent; }
    #commitments { display: none; }
    #prompt { height: auto; padding: 0 1; }
    #entry { height: 1; }
    #kind { width: auto; }
    #entry Input { border: none; height: 1; padding: 0 1; width: 1fr; }
    """

    BINDINGS = [
        Binding("pagedown", "nothing", "Next"),
        Binding("pageup", "nothing", "Back"),
        Binding("space", "nothing", "Pause"),
        Binding("plus", "nothing", "+1m"),
        Binding("minus", "nothing", "-1m"),
        Binding("i", "nothing", "Type"),
        Binding("f1", "nothing", "Keys"),
        Binding("ctrl+r", "nothing", "Recap", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def compose(self) -> ComposeResult:
        """The console's shape."""
        with Horizontal(id="header"):
            yield Static(id="title")
            yield Static(id="times")
        yield Static(id="step-bar")
        with Horizontal(id="stage"):
            with Vertical(id="left"):
                yield Static(id="presenter")
                with Vertical(id="countdown"):
                    yield Static(id="digits")
                    yield Static(id="word")
            yield OptionList(id="items")
            yield OptionList(id="commitments")
        yield Static(id="prompt")
        with Horizontal(id="entry"):
            yield Static(" Note ", id="kind")
            yield Input(id="line")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Start typing, and tick like the console does."""
        self.query_one(Input).focus()
        self.set_interval(TICK_SECONDS, self._tick)

    def _tick(self) -> None:
        left = 3600 - int(time.monotonic()) % 3600
        self.query_one("#digits", Static).update(f"{left // 60}:{left % 60:02d}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter clears the line, as the console does after saving."""
        event.input.clear()

    def action_nothing(self) -> None:
        """The keys are there for the footer only."""


class _Kind(StrEnum):
    NOTE = "note"
    ACTION = "action"


def validate_with_pydantic() -> None:
    """Import pydantic and validate one small nested document, as a data-checking app must."""
    from pydantic import BaseModel, Field

    class Line(BaseModel):
        kind: _Kind
        text: str
        created: datetime

    class Document(BaseModel):
        name: str = Field(min_length=1)
        number: int = Field(ge=1)
        lines: list[Line] = []

    Document.model_validate(
        {"name": "floor", "number": 1, "lines": [{"kind": "note", "text": "x", "created": 0}]}
    )


if __name__ == "__main__":
    BareApp().run()
