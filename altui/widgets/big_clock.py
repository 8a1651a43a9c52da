"""The countdown's digits, drawn from block characters and scaled to fill their space."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

_FONT_ROWS = 7
_GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"),
    "3": ("#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "),
    "4": ("   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "),
    "5": ("#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "),
    "6": ("  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "),
    "7": ("#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "),
    "8": (" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "),
    "9": (" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "),
    ":": ("  ", "  ", "# ", "  ", "# ", "  ", "  "),
    "+": ("     ", "  #  ", "  #  ", "#####", "  #  ", "  #  ", "     "),
    " ": ("  ",) * _FONT_ROWS,
}
_GAP = 1


def bitmap(text: str) -> list[str]:
    """The text as seven rows of ``#`` and spaces, one pixel per character."""
    glyphs = [_GLYPHS.get(ch, _GLYPHS[" "]) for ch in text]
    return [(" " * _GAP).join(g[row] for g in glyphs) for row in range(_FONT_ROWS)]


def scale(width: int, height: int, pixels_wide: int) -> tuple[int, int]:
    """Cells per pixel (across, down) so the text fills the space; (0, 0) if it cannot fit.

    A cell is about twice as tall as it is wide, so a pixel stays between one and two cells
    across for each cell down: the digits keep their shape while they grow.
    """
    down = min(height // _FONT_ROWS, width // pixels_wide)
    if down < 1:
        return 0, 0
    return min(width // pixels_wide, 2 * down), down


def draw(text: str, width: int, height: int) -> str:
    """The text drawn in block characters to fit ``width`` x ``height``, or plain if too small."""
    rows = bitmap(text)
    across, down = scale(width, height, len(rows[0]))
    if not across:
        return text
    lines: list[str] = []
    for row in rows:
        line = "".join("█" * across if px == "#" else " " * across for px in row)
        lines.extend([line] * down)
    return "\n".join(lines)


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
