"""Before the clock starts: who is here, the plan, presenters, their order and their time."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from altui.clock import Clock, whole_minutes
from altui.dates import time_of_day, weekday_date
from altui.errors import AltuiError
from altui.guard import guarded
from altui.meetings import next_meeting, start_meeting
from altui.models import Meeting, Member, Set, Step
from altui.plans import builtin_plans, find_plan
from altui.store import Store
from altui.text import shorten, visible
from altui.timetable import shrink_to_fit, timetable
from altui.widgets.safe_input import SafeInput

BID_STEP = 5.0
KEYS_HELP = (
    "space here/apologies · p presents · [ ] order · m equal/bids · +/- minutes · "
    "s shrink to fit · Tab plan, minutes · Ctrl+S start · Escape back"
)


@dataclass
class Attendance:
    """Who is here and who presents, in order, for how long (minutes per presenter)."""

    present: set[str]
    presenters: list[str]
    minutes: dict[str, float] = field(default_factory=dict)


class SetupScreen(Screen[Meeting | None]):
    """Prepares the next meeting; Ctrl+S starts it, Escape goes back without starting."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start", key_display="^s", priority=True),
        Binding("space", "toggle_present", "Here"),
        Binding("p", "toggle_presenter", "Presents"),
        Binding("left_square_bracket", "move(-1)", "Earlier", key_display="[", show=False),
        Binding("right_square_bracket", "move(1)", "Later", key_display="]", show=False),
        Binding("plus", "bid(1)", "+5m", key_display="+", show=False),
        Binding("minus", "bid(-1)", "-5m", key_display="-", show=False),
        Binding("m", "toggle_mode", "Mode"),
        Binding("s", "shrink", "Shrink"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, store: Store, the_set: Set, clock: Clock) -> None:
        super().__init__()
        self.store = store
        self.the_set = the_set
        self.clock = clock
        self.plan_name, self.plan = find_plan(the_set.plan)
        self.upcoming = next_meeting(store, the_set.slug)
        self.held = self.upcoming.held_on(clock.now().astimezone().date())
        members = [m.id for m in the_set.members]
        self.attendance = Attendance(set(members), list(members))
        self.bids = False
        self.available: float | None = self._plan_available()

    # the form -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Date, plan and time available; the members table; the preview."""
        title = (
            f"Meeting {self.upcoming.number} of {shorten(visible(self.the_set.name), 50)}: setup"
        )
        plans = list(builtin_plans())
        if self.plan_name not in plans:
            plans.append(self.plan_name)
        with VerticalScroll(id="setup"):
            yield Static(Content.styled(title, "bold $accent"), id="setup-title")
            yield Static(self._date_said(), id="setup-date")
            with Horizontal(id="setup-fields"):
                yield Static("Plan ", classes="setup-label")
                yield Select(
                    [(name, name) for name in plans],
                    value=self.plan_name,
                    allow_blank=False,
                    id="setup-plan",
                )
                yield Static("Minutes available ", classes="setup-label")
                yield SafeInput(f"{self.available:g}", id="setup-available", type="integer")
            yield DataTable(id="setup-members", cursor_type="row", zebra_stripes=True)
            yield Static(id="setup-preview")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Draw the table and the preview; start on the members table."""
        table = self.query_one("#setup-members", DataTable)
        widest = max((len(m.name) for m in self.the_set.members), default=6)
        table.add_column("Member", width=min(max(widest, 6), 40))
        table.add_columns("Here", "Presents", "Order", "Minutes")
        self._refresh()
        table.focus()

    def _date_said(self) -> Content:
        """The day the meeting is held, today, and the date planned for it when that is
        another day (information: a meeting started is held the day it starts); a warning
        when the last meeting is dated after today, and one when its file cannot be read (it
        may be the meeting in progress)."""
        planned = self.upcoming.planned_on
        said: list[str | tuple[str, str]] = ["Held today, ", (weekday_date(self.held), "bold")]
        if planned is not None and planned != self.held:
            said.append((f" (planned for {weekday_date(planned)})", "$text-muted"))
        for doubt in (self.upcoming.date_doubt(self.held), self.upcoming.damage_doubt()):
            if doubt:
                said.append(("\n" + visible(doubt), "bold $warning"))
        return Content.assemble(*said)

    def _member(self, member_id: str) -> Member:
        return next(m for m in self.the_set.members if m.id == member_id)

    def _plan_available(self) -> float:
        """The plan's own length with its typical number of presenters, in whole minutes."""
        return float(whole_minutes(self.plan.total_minutes(self.plan.typical_presenters) * 60))

    def _reset_minutes(self) -> None:
        """Equal time: the plan's slot for each presenter, shrunk alike to fit the minutes
        available (worked out again whenever the form is drawn, so it follows every change)."""
        slot = self.plan.slot_minutes()
        self.attendance.minutes = {m: slot for m in self.attendance.presenters}
        self._fit()

    def _fit(self) -> None:
        """Shrink every presenter's minutes by the same share so the meeting fits."""
        available = self._available()
        if available is None:
            return
        group = [step for step in self._steps() if step.presenter_id is None]
        room = available - sum(step.minutes for step in group)
        att = self.attendance
        att.minutes = shrink_to_fit({m: att.minutes[m] for m in att.presenters}, room)

    def _available(self) -> float | None:
        return self.available

    def _refresh(self) -> None:
        """Draw the members table and the preview for the choices as they now are."""
        if not self.bids:
            self._reset_minutes()
        table = self.query_one("#setup-members", DataTable)
        row = table.cursor_row
        table.clear()
        att = self.attendance
        for member in self.the_set.members:
            presenting = member.id in att.presenters
            table.add_row(
                Content(shorten(visible(member.name), 40)),
                "present" if member.id in att.present else "apologies",
                "yes" if presenting else "—",
                str(att.presenters.index(member.id) + 1) if presenting else "",
                f"{att.minutes[member.id]:g}" if presenting else "",
                key=member.id,
            )
        if self.the_set.members:
            table.move_cursor(row=min(row, len(self.the_set.members) - 1))
        self.query_one("#setup-preview", Static).update(self._preview())

    def _steps(self) -> list[Step]:
        """The steps the meeting will get with these choices."""
        att = self.attendance
        presenters = [self._member(m) for m in att.presenters]
        return self.upcoming.steps(self.plan, presenters, att.minutes)

    def _preview(self) -> Content:
        steps = self._steps()
        slots, finish = timetable(steps, self.clock.now())
        mode = "bids (+/- change a presenter's minutes)" if self.bids else "equal time for all"
        parts: list[str | tuple[str, str]] = [
            (KEYS_HELP + "\n\n", "$text-muted"),
            ("Mode: ", "bold"),
            f"{mode}\n\n",
        ]
        for slot in slots:
            parts += [
                f"  {time_of_day(slot.start)}-{time_of_day(slot.end)}  ",
                (visible(slot.presenter), "bold"),
                "\n",
            ]
        if not slots:
            parts.append("  Nobody presents: the presenter steps are left out.\n")
        parts.append("\n")
        left_out = self.upcoming.left_out(self.plan)
        if left_out:
            parts.append(f"{left_out}\n")
        total = whole_minutes(sum(s.planned_seconds for s in steps))
        parts.append(f"Finish ≈ {time_of_day(finish)} ({total} min). ")
        available = self._available()
        if available is None:
            parts.append(("Minutes available must be a whole number.", "$error"))
        elif total > available:  # both whole minutes
            parts.append(
                (f"Over by {total - available:g} min: press s to shrink the slots.", "$error")
            )
        else:
            parts.append((f"Fits, with {available - total:g} min to spare.", "$success"))
        return Content.assemble(*parts)

    # keys ----------------------------------------------------------------------------------

    def _current(self) -> str | None:
        table = self.query_one("#setup-members", DataTable)
        if not self.the_set.members or not table.has_focus:
            return None
        return self.the_set.members[table.cursor_row].id

    @guarded
    def action_toggle_present(self) -> None:
        """Mark the member present, or sending apologies (who then does not present)."""
        member = self._current()
        if member is None:
            return
        att = self.attendance
        if member in att.present:
            att.present.discard(member)
            if member in att.presenters:
                att.presenters.remove(member)
        else:
            att.present.add(member)
            if not self.bids:  # equal time: everyone present presents
                att.presenters.append(member)
        self._refresh()

    @guarded
    def action_toggle_presenter(self) -> None:
        """Add the member to the presenters (at the end) or take them off."""
        member = self._current()
        if member is None:
            return
        att = self.attendance
        if member in att.presenters:
            att.presenters.remove(member)
        elif member in att.present:
            att.presenters.append(member)
            att.minutes.setdefault(member, self.plan.slot_minutes())
        else:
            self.notify("Mark them present first (space).", timeout=4)
        self._refresh()

    @guarded
    def action_move(self, by: int) -> None:
        """Move the presenter earlier or later in the order."""
        member = self._current()
        order = self.attendance.presenters
        if member in order:
            index = order.index(member)
            target = min(max(index + by, 0), len(order) - 1)
            order.insert(target, order.pop(index))
            self._refresh()

    @guarded
    def action_bid(self, sign: int) -> None:
        """In bids mode, five minutes more or less for the presenter."""
        member = self._current()
        if not self.bids:
            self.notify("Press m to switch to bids first.", timeout=4)
        elif member in self.attendance.presenters:
            minutes = self.attendance.minutes
            minutes[member] = max(BID_STEP, minutes[member] + sign * BID_STEP)
            self._refresh()

    @guarded
    def action_toggle_mode(self) -> None:
        """Switch between equal time for all and bids."""
        self.bids = not self.bids
        self._refresh()

    @guarded
    def action_shrink(self) -> None:
        """Shrink every presenter's slot by the same share so the meeting fits."""
        self._fit()
        self._refresh()

    @on(Select.Changed, "#setup-plan")
    @guarded
    def _plan_changed(self, event: Select.Changed) -> None:
        """A new plan: its length becomes the minutes available (unless they were typed), and
        equal slots are worked out again; bids are kept. The change is said in one line."""
        if str(event.value) == self.plan_name:
            return
        old_default = self._plan_available()
        try:
            self.plan_name, self.plan = find_plan(str(event.value))
        except AltuiError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if self.available == old_default:
            self.query_one("#setup-available", Input).value = f"{self._plan_available():g}"
            self.available = self._plan_available()
        if self.bids:
            for member in self.attendance.presenters:
                self.attendance.minutes.setdefault(member, self.plan.slot_minutes())
        self._refresh()
        if self.bids:
            said = "bids kept (s shrinks them to fit)"
        else:
            slots = {self.attendance.minutes[m] for m in self.attendance.presenters}
            said = "equal time" + (f", {min(slots):g} min each" if slots else "")
        self.notify(f"Plan {self.plan_name}: {said}.", timeout=5, markup=False)

    @on(Input.Changed, "#setup-available")
    def _available_changed(self, event: Input.Changed) -> None:
        try:
            self.available = float(event.value)
        except ValueError:
            self.available = None
        self._refresh()

    @guarded
    def action_start(self) -> None:
        """Create the meeting with these choices, dated today, and start its first step's
        clock."""
        att = self.attendance
        try:
            meeting = start_meeting(
                self.store,
                self.the_set,
                self.clock,
                self.plan_name,
                [self._member(m) for m in att.presenters],
                slot_minutes={m: att.minutes[m] for m in att.presenters},
                attendees=[m for m in self.the_set.members if m.id in att.present],
                apologies=[m for m in self.the_set.members if m.id not in att.present],
            )
        except AltuiError as exc:
            self.notify(str(exc), title="Not started", severity="error", markup=False)
            return
        self.dismiss(meeting)

    def action_cancel(self) -> None:
        """Back to the sets, starting nothing."""
        self.dismiss(None)
