"""The line under the headline: the step's full name, its place, and the slot's counts."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from altui.text import visible


@dataclass(frozen=True)
class Place:
    """The step's name, that it is the ``number``-th of ``total``, and ``counts`` (the slot's
    questions, or the set's score) when there are any."""

    step: str = ""
    number: int = 0
    total: int = 0
    counts: str = ""


class PresenterBanner(Static):
    """The step's name and number, and the count of questions asked (or the set's score)."""

    place = reactive(Place(), init=False)
    """What the line says; setting a different place draws it again."""

    def watch_place(self) -> None:
        """Draw the new place."""
        self._draw()

    def on_resize(self) -> None:
        """Draw the place again for the new width (the counts may fit beside the step now)."""
        self._draw()

    def _draw(self) -> None:
        """The step and its place, then the counts: on the same line where they fit (or where
        the banner has one line only), else on the next, never broken inside."""
        place = self.place
        step = Content.assemble(
            (visible(place.step), "bold"),
            (f" · step {place.number} of {place.total}", "$text-muted"),
        )
        if not place.counts:
            self.update(step)
            return
        counts = Content.styled(place.counts, "$text-muted")
        line = Content.assemble(step, ("  ·  ", "$text-muted"), counts)
        width, height = self.content_size.width, self.styles.height
        one_line = height is not None and not height.is_auto
        fits = one_line or not width or line.cell_length <= width
        self.update(line if fits else Content("\n").join([step, counts]))
