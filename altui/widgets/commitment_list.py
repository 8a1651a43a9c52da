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
    """A commitment with its status word in ``width`` columns (a dot when not yet reviewed),
    what earlier meetings heard of it, and this meeting's notes in order, each on its own line,
    so the text starts as far left as the list allows."""
    status = commitment.status
    tag = (f"{status.label:<{width}}", STATUS_STYLES[status]) if status else ("·".ljust(width), "")
    parts: list[str | tuple[str, str]] = [
        tag,
        visible(commitment.action.text),
        (f" (meeting {commitment.origin})", "$text-muted"),
    ]
    indent = "\n" + " " * width
    earlier = commitment.history()
    if earlier:
        parts += [indent, (visible(earlier), "$text-muted")]
    for note in commitment.notes:
        parts += [indent, (f"↳ {visible(note)}", "italic")]
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
        """List ``commitments`` (in report-back order) under their owners' names, keeping the
        highlighted row."""
        keep = self.highlighted
        self.clear_options()
        self._rows = []
        options: list[Option] = []
        owner = None
        width = status_width(commitments)
        for commitment in commitments:
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

    def _step(self, direction: int) -> None:
        """Highlight the next commitment up or down; at either end the highlight stays."""
        start = self.highlighted if self.highlighted is not None else -direction
        rows = range(start + direction, len(self._rows) if direction > 0 else -1, direction)
        found = next((i for i in rows if self._rows[i] is not None), None)
        if found is not None:
            self.highlighted = found
            self.scroll_to_highlight()

    def action_cursor_up(self) -> None:
        """The commitment above (none above the first: no wrapping round to the last)."""
        self._step(-1)

    def action_cursor_down(self) -> None:
        """The commitment below (none below the last: no wrapping round to the first)."""
        self._step(1)

    @property
    def selected(self) -> Commitment | None:
        """The highlighted commitment."""
        index = self.highlighted
        return self._rows[index] if index is not None and index < len(self._rows) else None
