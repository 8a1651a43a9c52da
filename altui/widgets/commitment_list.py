"""Report back: the open commitments grouped by member, the one being reported on highlighted."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from altui.commitments import Commitment
from altui.models import ReviewStatus
from altui.text import visible

STATUS_KEYS: dict[str, ReviewStatus] = {
    "1": ReviewStatus.DONE,
    "2": ReviewStatus.PARTLY,
    "3": ReviewStatus.NOT_DONE,
    "4": ReviewStatus.DROPPED,
    "5": ReviewStatus.CARRIED,
}
STATUS_STYLES = {
    ReviewStatus.DONE: "bold $success",
    ReviewStatus.PARTLY: "bold $warning",
    ReviewStatus.NOT_DONE: "bold $error",
    ReviewStatus.DROPPED: "$text-muted",
    ReviewStatus.CARRIED: "bold $primary",
}
NOTHING_OPEN = "No open commitments to report back on."


def status_width(commitments: list[Commitment]) -> int:
    """Columns for the status word: the longest one given so far and a space (a dot before)."""
    return 1 + max((len(c.status.label) for c in commitments if c.status), default=1)


def commitment_line(commitment: Commitment, width: int) -> Content:
    """A commitment with its status word in ``width`` columns (a dot when not yet reviewed)
    and any note, so the text starts as far left as the list allows."""
    status = commitment.status
    tag = (f"{status.label:<{width}}", STATUS_STYLES[status]) if status else ("·".ljust(width), "")
    origin = f" (meeting {commitment.origin}" + (
        f", carried {commitment.times_carried}x)" if commitment.times_carried else ")"
    )
    parts: list[str | tuple[str, str]] = [
        tag,
        visible(commitment.action.text),
        (origin, "$text-muted"),
    ]
    if commitment.note:
        parts += ["\n" + " " * width, (f"↳ {visible(commitment.note)}", "italic")]
    return Content.assemble(*parts)


class CommitmentList(OptionList):
    """Commitments grouped by member; the highlighted one is the one being reported on.

    It never takes focus: the console moves the highlight (Up/Down) while the facilitator
    types, so no typed key can mark a commitment.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.can_focus = False
        self._rows: list[Commitment | None] = []

    def show(self, commitments: list[Commitment]) -> None:
        """List ``commitments`` under their owners' names, keeping the highlighted row."""
        keep = self.highlighted
        self.clear_options()
        self._rows = []
        options: list[Option] = []
        owner = None
        width = status_width(commitments)
        for commitment in sorted(commitments, key=lambda c: (c.owner.casefold(), c.origin)):
            if commitment.owner != owner:
                owner = commitment.owner
                options.append(
                    Option(Content.styled(visible(owner), "bold $accent"), disabled=True)
                )
                self._rows.append(None)
            options.append(Option(commitment_line(commitment, width)))
            self._rows.append(commitment)
        if not options:
            options.append(Option(Content.styled(NOTHING_OPEN, "$text-muted"), disabled=True))
            self._rows.append(None)
        self.add_options(options)
        first = next((i for i, row in enumerate(self._rows) if row is not None), None)
        self.highlighted = keep if keep is not None and keep < len(self._rows) else first

    @property
    def selected(self) -> Commitment | None:
        """The highlighted commitment."""
        index = self.highlighted
        return self._rows[index] if index is not None and index < len(self._rows) else None

    def move(self, rows: int) -> None:
        """Highlight the commitment ``rows`` below (above, when negative); stops at the ends."""
        order = [n for n, row in enumerate(self._rows) if row is not None]
        if not order:
            return
        at = order.index(self.highlighted) if self.highlighted in order else 0
        self.highlighted = order[max(0, min(len(order) - 1, at + rows))]
        self.scroll_to_highlight()
