"""Whose turn it is and which step, in letters readable from the back of the room."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from altui import lettering

GAP = 6
"""Columns between the name and the step when both are drawn large."""


@dataclass(frozen=True)
class Title:
    """What the band says: ``who`` and ``what`` (the step, in ``colour``, a style); ``short``
    stands in for ``who`` where it does not fit large (a first name)."""

    who: str = ""
    what: str = ""
    colour: str = ""
    short: str = ""


class Headline(Widget):
    """The presenter (or Everyone, or when to be back) and the step's short name, as large as
    the band allows (a name in a script the fonts lack: a line over the step drawn large);
    one bold line on a band in the step's colour when neither can be drawn large."""

    DEFAULT_CSS = "Headline { height: 1; width: 1fr; }"

    title = reactive(Title(), init=False)
    """What the band says; setting a different title draws it again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn = Content("")
        self.scale: lettering.Scale | None = None
        """The size the large letters are drawn at; None while the band is the plain line."""

    @property
    def words(self) -> tuple[str, str]:
        """What the band says: who, then what."""
        return self.title.who, self.title.what

    def watch_title(self) -> None:
        """Draw the new title."""
        self._draw()

    def on_resize(self) -> None:
        """Letters as large as the new size allows."""
        self._draw()

    def _draw(self) -> None:
        """Large letters centred in the band, or the plain line (and the band's class)."""
        width, height = self.content_size
        self.scale = None
        lines = self._large(width, height) if height >= 3 else None
        self.set_class(lines is None, "-plain")
        if lines is None:
            self._drawn = Content.assemble(
                (self.title.who, "bold"), "  ·  ", (self.title.what, "bold")
            )
        else:
            top = (height - len(lines)) // 2
            self._drawn = Content("\n").join([Content("")] * top + lines)
        self.refresh()

    def render(self) -> Content:
        """What ``_draw`` made."""
        return self._drawn

    def _large(self, width: int, height: int) -> list[Content] | None:
        """Both large side by side (the short name if the whole one does not fit), else the
        name alone large; None if not even that fits."""
        title = self.title
        names = [name for name in dict.fromkeys((title.who, title.short)) if name]
        for who in names:
            scale = lettering.fit([who, title.what], width, height, gap=GAP)
            if scale is not None:
                self.scale = scale
                name = lettering.letters(who, scale)
                step = lettering.letters(title.what, scale)
                return [
                    Content.assemble((a, "bold"), " " * GAP, (b, title.colour))
                    for a, b in zip(name, step, strict=True)
                ]
        for who in names:
            scale = lettering.fit([who], width, height)
            if scale is not None:
                self.scale = scale
                return [Content.styled(line, "bold") for line in lettering.letters(who, scale)]
        return self._step_large(width, height)

    def _step_large(self, width: int, height: int) -> list[Content] | None:
        """A name the fonts cannot draw (a script they lack) as a bold line beside the step
        drawn large, so the step still reads from the back of the room; None if it does not
        fit."""
        title = self.title
        name = Content.styled(title.who, "bold")
        room = width - name.cell_length - GAP
        scale = lettering.fit([title.what], room, height) if title.who and room > 0 else None
        if scale is None:
            return None
        self.scale = scale
        step = lettering.letters(title.what, scale)
        middle = len(step) // 2
        beside = Content.assemble(name, " " * GAP)
        blank = Content(" " * beside.cell_length)
        return [
            Content.assemble(beside if row == middle else blank, (line, title.colour))
            for row, line in enumerate(step)
        ]
