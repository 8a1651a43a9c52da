"""The line under the headline: the step's full name, its place, and the slot's counts."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from altui.models import Step
from altui.text import visible


class PresenterBanner(Static):
    """The step's name and number, and the count of questions asked (or the set's score)."""

    def show(self, step: Step, number: int, total: int, questions: str = "") -> None:
        """Show ``step``, the ``number``-th of ``total``, and ``questions`` (counts) if any."""
        counts = ("  ·  " + questions, "$text-muted") if questions else ""
        self.update(
            Content.assemble(
                (visible(step.name), "bold"),
                (f" · step {number} of {total}", "$text-muted"),
                counts,
            )
        )
