"""The countdown's digits, drawn large from a font (see ``lettering``) to fill their space."""

from __future__ import annotations

from textual.content import Content
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

    def __init__(self, text: str = "0:00", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text

    @property
    def text(self) -> str:
        """What the clock shows."""
        return self._text

    def show(self, text: str) -> None:
        """Change what the clock shows; redraws only when it differs."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Content:
        """The digits, scaled to the content area."""
        size = self.content_size
        return Content(draw(self._text, size.width, size.height))
