"""The countdown's digits, drawn large from a font (see ``lettering``) to fill their space."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from altui import lettering


def draw(text: str, width: int, height: int) -> str:
    """``text`` in large digits to fit ``width`` x ``height``, or plain if the space is small."""
    scale = lettering.fit([text], width, height, reference=lettering.DIGITS)
    if scale is None:
        return text
    return "\n".join(lettering.letters(text, scale, lettering.DIGITS))


class BigClock(Widget):
    """Large digits showing ``m:ss`` (or ``+m:ss``), as big as the widget allows."""

    DEFAULT_CSS = """
    BigClock { height: 1fr; width: 1fr; content-align: center middle; text-style: bold; }
    """

    text = reactive("0:00")
    """What the clock shows (``m:ss``); setting a different value redraws it."""

    def __init__(self, text: str = "0:00", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(BigClock.text, text)

    def render(self) -> Content:
        """The digits, scaled to the content area."""
        size = self.content_size
        return Content(draw(self.text, size.width, size.height))
