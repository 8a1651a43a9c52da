"""One meeting, read-only: its steps with planned and actual minutes, report back, and items.

Nothing here changes the meeting or takes its lock; the only thing written is the recap, and
only when asked (Ctrl+R). Private notes are never shown, only that one was taken.
"""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from altui.agenda import agenda
from altui.commitments import report_back_lines
from altui.dates import weekday_date
from altui.errors import AltuiError
from altui.guard import guarded
from altui.models import Item, ItemKind, Meeting, MeetingStatus, ReportBackLine, Set
from altui.screens import altui_app
from altui.store import Store
from altui.text import visible
from altui.widgets.item_panel import KIND_STYLES
from altui.widgets.tables import show_agenda

PRIVATE_HIDDEN = "(private note hidden)"
"""Shown in place of a private note's text."""


def view_title(the_set: Set, meeting: Meeting) -> Content:
    """``Team Tiger · Meeting 2 · Wed 25 Nov 2026 · closed``."""
    closed = meeting.status is MeetingStatus.CLOSED
    return Content.assemble(
        (visible(the_set.name), "bold $accent"),
        f" · Meeting {meeting.number} · {weekday_date(meeting.date)} · ",
        ("✓ closed", "$text-muted") if closed else ("▶ in progress", "bold $warning"),
    )


def item_text(item: Item) -> Content:
    """One captured line: its kind, then the text as typed (a private note only says so)."""
    if item.kind is ItemKind.PRIVATE:
        body = Content.styled(PRIVATE_HIDDEN, "italic $text-muted")
    else:
        body = Content(visible(item.text))
    return Content.assemble(("  ", ""), (f"{item.kind.label:<9}", KIND_STYLES[item.kind]), body)


def captured(meeting: Meeting, items: list[Item]) -> Content:
    """Items grouped by step (in the meeting's order), each group headed by step and presenter."""
    if not items:
        return Content.styled("Nothing was captured.", "$text-muted")
    ordered = sorted(items, key=lambda item: item.step)  # stable: capture order within a step
    parts: list[Content] = []
    for index, group in groupby(ordered, key=lambda item: item.step):
        step = meeting.steps[index] if index < len(meeting.steps) else None
        heading = Content.styled(visible(step.name) if step else f"Step {index + 1}", "bold")
        if step is not None:
            who = visible(meeting.name_of(step.presenter_id))
            style = "bold $secondary" if step.presenter_id else "$text-muted"
            heading = Content.assemble(heading, (" · ", "$text-muted"), (who, style))
        parts.append(Content("\n").join([heading, *(item_text(item) for item in group)]))
    return Content("\n\n").join(parts)


def report_back(lines: list[ReportBackLine], number: int) -> Content:
    """Each commitment open at the start of meeting ``number``: who, what, the outcome, what earlier
    meetings heard of it, and every note.

    A commitment older than the previous meeting says where it came from.
    """
    parts: list[Content] = []
    for line in lines:
        row = Content.assemble(
            ("  ", ""),
            (visible(line.member), "bold $secondary"),
            ": ",
            visible(line.commitment),
            (f" (from meeting {line.origin})" if line.origin < number - 1 else "", "$text-muted"),
            " → ",
            (line.outcome, "bold"),
        )
        if line.earlier:
            row = Content.assemble(row, "\n    ", (visible(line.earlier), "$text-muted"))
        for note in line.notes:
            row = Content.assemble(row, "\n    ", (visible(note), "italic"))
        parts.append(row)
    return Content("\n").join(parts)


class MeetingViewScreen(Screen[None]):
    """A past (or running) meeting to read; Ctrl+R writes its recap, Escape goes back."""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the history"),
        Binding(
            "ctrl+r",
            "export",
            "Recap",
            key_display="^r",
            tooltip="Write the Markdown recap (no private notes)",
        ),
        Binding(
            "ctrl+z",
            "reopen",
            "Reopen",
            key_display="^z",
            tooltip="Open the set's latest meeting again where it stopped (ended by mistake)",
        ),
        Binding("ctrl+q", "app.quit", "Quit", priority=True, key_display="^q"),
    ]

    def __init__(self, store: Store, the_set: Set, meeting: Meeting) -> None:
        super().__init__()
        self.store = store
        self.the_set = the_set
        self.meeting = meeting
        self.items: list[Item] = []

    def compose(self) -> ComposeResult:
        """Title, then one scrolling page: agenda, report back, captured items."""
        yield Static(view_title(self.the_set, self.meeting), id="history-view-title")
        with VerticalScroll(id="history-view"):
            yield Static(Content.styled("Agenda", "bold $accent"), classes="history-heading")
            yield DataTable(id="history-view-agenda", cursor_type="none", zebra_stripes=True)
            yield Static(
                Content.styled("Report back", "bold $accent"),
                classes="history-heading",
                id="history-view-report-heading",
            )
            yield Static(id="history-view-report")
            yield Static(Content.styled("Captured", "bold $accent"), classes="history-heading")
            yield Static(id="history-view-items")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Read the meeting's items and reviews and fill the page."""
        agenda = self.query_one("#history-view-agenda", DataTable)
        agenda.can_focus = False
        self._fill()
        self.query_one("#history-view", VerticalScroll).focus()

    @guarded
    def _fill(self) -> None:
        meeting = self.meeting
        now = altui_app(self).clock.now()
        show_agenda(self.query_one("#history-view-agenda", DataTable), agenda(meeting, now))
        self.items = self.store.items(meeting)
        self.query_one("#history-view-items", Static).update(captured(meeting, self.items))
        lines = report_back_lines(self.store, meeting)
        for widget in self.query("#history-view-report, #history-view-report-heading"):
            widget.display = bool(lines)
        self.query_one("#history-view-report", Static).update(report_back(lines, meeting.number))

    @guarded
    def action_export(self) -> None:
        """Write the shareable recap (no private notes) and say where it went."""
        altui_app(self).export_recap(self.the_set, self.meeting)

    def action_back(self) -> None:
        """Back to where the meeting was opened from."""
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reopen is offered for the set's latest meeting once it has ended."""
        if action != "reopen":
            return True
        latest = max(self.store.meeting_numbers(self.the_set.slug), default=0)
        return self.meeting.status is MeetingStatus.CLOSED and self.meeting.number == latest

    @guarded
    def action_reopen(self) -> None:
        """Open the meeting again in the live console, where it stopped."""
        try:
            altui_app(self).run_meeting(self.the_set, self.meeting, reopen=True)
        except AltuiError as exc:
            self.notify(str(exc), title="Not reopened", severity="error", markup=False)
