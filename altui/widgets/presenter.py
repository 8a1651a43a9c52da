"""Whose turn it is, in large type: a member's name, or Everyone for group steps."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from altui.models import Step
from altui.text import visible

EVERYONE = "Everyone"


class PresenterBanner(Static):
    """The presenter's name and the step's name, on a banner."""

    def show(self, step: Step, number: int, total: int, questions: str = "") -> None:
        """Show the presenter (or Everyone) for ``step``, the ``number``-th of ``total``,
        and the count of questions asked in the slot so far."""
        who = visible(step.presenter) if step.presenter else EVERYONE
        counts = ("\n" + questions, "$text-muted") if questions else ""
        self.update(
            Content.assemble(
                (who, "bold"),
                "\n",
                (f"{step.name} · step {number} of {total}", "$text-muted"),
                counts,
            )
        )
