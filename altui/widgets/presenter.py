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

    def watch_place(self, place: Place) -> None:
        """Draw the new place."""
        counts = ("  ·  " + place.counts, "$text-muted") if place.counts else ""
        self.update(
            Content.assemble(
                (visible(place.step), "bold"),
                (f" · step {place.number} of {place.total}", "$text-muted"),
                counts,
            )
        )
