"""Report back: the open commitments grouped by member, the one being reported on highlighted."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from altui.models import Commitment, ReviewStatus
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
MIN_WRAP = 12
"""Narrower than this, a line is left to the terminal to wrap."""


def status_width(commitments: list[Commitment]) -> int:
    """Columns for the status word: the longest one given so far and a space (a dot before)."""
    return 1 + max((len(c.status.label) for c in commitments if c.status), default=1)


def _hanging(body: Content, indent: int, columns: int | None) -> list[Content]:
    """``body`` wrapped to fit ``columns`` after ``indent`` columns (as it is when the room is
    unknown or too narrow to wrap in)."""
    if columns is None or columns - indent < MIN_WRAP:
        return [body]
    return body.wrap(columns - indent)


def commitment_line(commitment: Commitment, width: int, columns: int | None = None) -> Content:
    """A commitment with its status word in ``width`` columns (a dot when not yet reviewed),
    what earlier meetings heard of it, and this meeting's notes in order, each on its own line.

    With ``columns`` (the room the list has), long lines wrap under their own text rather than
    back under the status column.
    """
    status = commitment.status
    tag = Content.styled(f"{status.label:<{width}}", STATUS_STYLES[status]) if status else None
    main = Content.assemble(
        visible(commitment.action.text), (f" (meeting {commitment.origin})", "$text-muted")
    )
    pieces = [main]
    earlier = commitment.history()
    if earlier:
        pieces.append(Content.styled(visible(earlier), "$text-muted"))
    pieces += [Content.styled(f"↳ {visible(note)}", "italic") for note in commitment.notes]
    lines: list[Content] = []
    for piece in pieces:
        lines += _hanging(piece, width, columns)
    margin = Content(" " * width)
    first = tag or Content("·".ljust(width))
    return Content("\n").join(
        Content.assemble(first if n == 0 else margin, line) for n, line in enumerate(lines)
    )


class CommitmentList(OptionList):
    """Commitments grouped by member; the highlighted one is the one being reported on.

    It never takes focus: the console moves the highlight (Up/Down) while the facilitator
    types, so no typed key can mark a commitment.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.can_focus = False
        self._rows: list[Commitment | None] = []
        self._shown: list[Commitment] | None = None

    def on_resize(self) -> None:
        """Wrap the lines again for the new width."""
        if self._shown is not None:
            self.update(self._shown)

    def update(self, commitments: list[Commitment]) -> None:
        """List ``commitments`` (in report-back order) under their owners' names, keeping the
        highlighted row."""
        keep = self.highlighted
        self.clear_options()
        self._rows = []
        options: list[Option] = []
        owner = None
        self._shown = commitments
        width = status_width(commitments)
        columns = self.scrollable_content_region.width or None
        for commitment in commitments:
            if commitment.owner != owner:
                owner = commitment.owner
                options.append(
                    Option(Content.styled(visible(owner), "bold $accent"), disabled=True)
                )
                self._rows.append(None)
            options.append(Option(commitment_line(commitment, width, columns)))
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

    def choose(self, action_id: str) -> bool:
        """Highlight the commitment made as the action ``action_id``; False if none is listed."""
        found = next(
            (n for n, row in enumerate(self._rows) if row and row.action.id == action_id), None
        )
        if found is None:
            return False
        self.highlighted = found
        self.scroll_to_highlight()
        return True

    @property
    def selected(self) -> Commitment | None:
        """The highlighted commitment."""
        index = self.highlighted
        return self._rows[index] if index is not None and index < len(self._rows) else None
