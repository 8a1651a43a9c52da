"""After the meeting: planned against actual time, what was captured, and the next date."""

from __future__ import annotations

from collections import Counter
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from altui.agenda import agenda
from altui.dates import typed_date, weekday_date
from altui.errors import AltuiError
from altui.exporting import write_ics
from altui.guard import guarded
from altui.live import LiveMeeting
from altui.models import ItemKind, Set
from altui.screens import altui_app
from altui.text import count, visible
from altui.widgets.safe_input import SafeInput
from altui.widgets.tables import show_agenda

SAVED_HINT = "Enter saves another date; Ctrl+E makes a calendar event of it."


def captured_by_presenter(live: LiveMeeting) -> Content:
    """Per presenter: how many questions, actions and learnings, then the new commitments."""
    parts: list[str | tuple[str, str]] = []
    for member in live.meeting.presenters:
        mine = [i for i in live.items if i.presenter_id == member.id]
        counts = Counter(i.kind for i in mine if i.kind is not ItemKind.PRIVATE)
        summary = ", ".join(count(n, kind.label.lower()) for kind, n in counts.items()) or "nothing"
        parts += [(visible(member.name), "bold"), f": {summary}\n"]
        for action in (i for i in mine if i.kind is ItemKind.ACTION):
            parts += ["   commits to: ", (visible(action.text), "italic"), "\n"]
    group_actions = [i for i in live.items if i.kind is ItemKind.ACTION and not i.presenter_id]
    for action in group_actions:
        owner = visible(live.meeting.name_of(None))
        parts += [(owner, "bold"), " commits to: ", (visible(action.text), "italic"), "\n"]
    return Content.assemble(*parts) if parts else Content("No presenters this meeting.")


class SummaryScreen(Screen[None]):
    """The closed meeting at a glance, with the next meeting's date as saved when it ended:
    another date typed is saved with Enter, Ctrl+E or on leaving."""

    BINDINGS = [
        Binding("ctrl+z", "reopen", "Reopen", key_display="^z", priority=True),
        Binding("ctrl+r", "export", "Recap", key_display="^r", priority=True),
        Binding(
            "ctrl+e",
            "calendar",
            "Calendar",
            key_display="^e",
            priority=True,
            tooltip="Save the next meeting as a calendar event (.ics) to send to the members",
        ),
        Binding("escape", "home", "Sets"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True, key_display="^q"),
    ]

    def __init__(self, the_set: Set, live: LiveMeeting) -> None:
        super().__init__()
        self.the_set = the_set
        self.live = live
        self._leave_unsaved = False

    def compose(self) -> ComposeResult:
        """Title, agenda table, captured items, next date."""
        meeting = self.live.meeting
        with VerticalScroll(id="summary"):
            yield Static(
                Content.styled(
                    f"{visible(self.the_set.name)} · meeting {meeting.number} is closed",
                    "bold $accent",
                ),
                id="summary-title",
            )
            yield DataTable(id="agenda", cursor_type="none", zebra_stripes=True)
            yield Static(Content.styled("Captured", "bold"), classes="summary-heading")
            yield Static(captured_by_presenter(self.live), id="captured")
            with Horizontal(id="next-row"):
                yield Static("Next meeting (YYYY-MM-DD): ", id="next-label")
                yield SafeInput(self._saved_date(), id="next-date")
            yield Static(id="next-status")
        yield Footer(compact=True)

    def _saved_date(self) -> str:
        """The next meeting's date as saved ("" if none is)."""
        saved = self.live.meeting.next_date
        return saved.isoformat() if saved else ""

    def on_mount(self) -> None:
        """Fill the agenda table: planned against actual minutes per step."""
        rows = agenda(self.live.meeting, self.live.clock.now())
        show_agenda(self.query_one("#agenda", DataTable), rows)
        self.query_one("#next-date", Input).focus()
        if self.live.meeting.next_date:
            self._said_saved(self.live.meeting.next_date)

    @on(Input.Submitted, "#next-date")
    @guarded
    def _next_date(self) -> None:
        self._save_next_date()

    @on(Input.Changed, "#next-date")
    def _next_date_typed(self, event: Input.Changed) -> None:
        """A date typed and not yet saved is said to be so."""
        self._leave_unsaved = False
        saved = self.live.meeting.next_date
        if event.value.strip() != self._saved_date():
            self.query_one("#next-status", Static).update(
                Content.styled("Not saved yet: Enter (or Escape, on leaving) saves it.", "$warning")
            )
        elif saved is not None:
            self._said_saved(saved)

    def _save_next_date(self, if_not: str = "") -> bool:
        """Save the date typed for the next meeting; False if it is not a date or could not be
        saved, with why (then ``if_not``) in the status line."""
        try:
            chosen = typed_date(self.query_one("#next-date", Input).value)
        except AltuiError as exc:
            why = str(exc)
        else:
            try:
                self.live.set_next_date(chosen)
            except (AltuiError, OSError) as exc:
                why = f"Not saved: {exc}"
            else:
                self._said_saved(chosen)
                return True
        self.query_one("#next-status", Static).update(Content.styled(why + if_not, "$error"))
        return False

    def _said_saved(self, chosen: date) -> None:
        self._leave_unsaved = False
        self.query_one("#next-status", Static).update(
            Content.styled(f"Next meeting saved: {weekday_date(chosen)}. {SAVED_HINT}", "$success")
        )

    @guarded
    def action_calendar(self) -> None:
        """Save the date typed for the next meeting, then write it as a calendar event."""
        if not self._save_next_date():
            return
        try:
            path = write_ics(self.live.store, self.the_set, self.live.clock.now())
        except (AltuiError, OSError) as exc:
            self.notify(f"Calendar event not written: {exc}", severity="error", markup=False)
            return
        self.notify(
            f"Calendar event written to {path}: send it to the members; exporting again "
            "updates the same event.",
            title="Calendar",
            timeout=12,
            markup=False,
        )

    @guarded
    def action_reopen(self) -> None:
        """Undo the end: the meeting opens again where it stopped (same step, clock, items)."""
        from altui.screens.meeting import MeetingScreen

        try:
            self.live.reopen()
        except AltuiError as exc:
            self.notify(str(exc), title="Not reopened", severity="error", markup=False)
            return
        self.app.switch_screen(MeetingScreen(self.the_set, self.live))
        self.app.notify(f"Meeting {self.live.meeting.number} reopened.", timeout=5)

    @guarded
    def action_home(self) -> None:
        """On to the list of sets, saving a date typed and not yet saved. One that cannot be
        saved is said, and Escape again leaves, keeping the date saved before."""
        from altui.screens.home import HomeScreen

        typed = self.query_one("#next-date", Input).value.strip()
        if typed != self._saved_date() and not self._leave_unsaved:
            kept = self._saved_date() or "no date"
            if not self._save_next_date(f" Escape again keeps {kept}."):
                self._leave_unsaved = True
                return
        self.app.switch_screen(HomeScreen(self.live.store))

    @guarded
    def action_export(self) -> None:
        """Write the recap and say where."""
        altui_app(self).export_recap(self.the_set, self.live.meeting)
