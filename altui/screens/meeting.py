"""The live console: the screen the room sees while the meeting runs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.screen import Screen
from textual.widgets import Footer, Static

from altui.commitments import Commitment
from altui.errors import AltuiError
from altui.guard import guarded, log
from altui.live import MINUTE, LiveMeeting
from altui.models import KIND_PREFIXES, Item, ItemKind, ItemTag, ReviewStatus, Set, TimeUpSignal
from altui.text import visible
from altui.widgets.commitment_list import CommitmentList
from altui.widgets.countdown import Countdown
from altui.widgets.entry import EntryBox, EntryInput
from altui.widgets.item_panel import ItemPanel
from altui.widgets.meeting_header import MeetingHeader
from altui.widgets.presenter import PresenterBanner
from altui.widgets.step_bar import StepBar

DRAFT_SECONDS = 1.0
"""How often unsent text in the entry box is saved (only when it changed)."""
MIN_WIDTH, MIN_HEIGHT = 40, 12
"""The smallest window the console draws itself in."""
TICK_SECONDS = 0.25
"""How often the countdown is recomputed from the clock (it redraws only when it changes)."""

T = TypeVar("T")


class _NotSaved:
    """The result of a change whose save failed."""


NOT_SAVED = _NotSaved()

_TYPING_BLOCKS = {
    "toggle_pause",
    "more_time",
    "less_time",
    "focus_entry",
    "end_meeting",
    "blank",
    "reveal",
    "fit",
    "retag",
}
"""Single-key actions that wait until Escape has left the entry box."""


class MeetingScreen(Screen[None]):
    """Step, presenter, countdown, prompt, items and the entry line."""

    READ_ONLY = False
    """True for a view that follows a meeting and must never change it."""

    AUTO_FOCUS = ""
    """Focus stays where the facilitator left it (typing or not) when a modal closes (None
    would mean the app's default, which puts the cursor back in the entry box)."""

    BINDINGS = [
        Binding(
            "pagedown",
            "next_step",
            "Next",
            key_display="PgDn",
            tooltip="Next step (PageDown works while typing)",
        ),
        Binding(
            "pageup",
            "previous_step",
            "Back",
            key_display="PgUp",
            tooltip="Previous step (PageUp works while typing)",
        ),
        Binding("n", "next_step", "Next step", show=False),
        Binding("p", "previous_step", "Previous step", show=False),
        Binding("space", "toggle_pause", "Pause", tooltip="Pause or resume the countdown"),
        Binding("plus", "more_time", "+1m", key_display="+", tooltip="One more minute"),
        Binding("minus", "less_time", "-1m", key_display="-", tooltip="One minute less"),
        Binding("i,enter", "focus_entry", "Type", show=False, tooltip="Go back to typing items"),
        Binding("f1,question_mark", "help", "Keys", key_display="F1", tooltip="This list of keys"),
        Binding("e", "end_meeting", "End", show=False, tooltip="End the meeting (asks first)"),
        Binding(
            "b,full_stop",
            "blank",
            "Blank",
            show=False,
            tooltip="Blank the screen (a clicker's blank key); any key brings it back",
        ),
        Binding(
            "t",
            "retag",
            "Tag",
            show=False,
            tooltip="Newest question: clarifying or open; newest learning: what it is about",
        ),
        Binding(
            "f",
            "fit",
            "Fit",
            show=False,
            tooltip="Shrink the presenter slots ahead so the meeting ends on time",
        ),
        Binding(
            "v",
            "reveal",
            "Private",
            show=False,
            tooltip="Show or hide private notes on screen (never in the display or recap)",
        ),
        Binding(
            "ctrl+r",
            "export",
            "Recap",
            key_display="^r",
            priority=True,
            show=False,
            tooltip="Write the Markdown recap (no private notes)",
        ),
        Binding(
            "ctrl+q",
            "app.quit",
            "Quit",
            priority=True,
            key_display="^q",
            tooltip="Quit at once: everything is already saved",
        ),
    ]

    _entry: EntryInput
    """The entry line (kept so its text can still be saved once the screen is taken down)."""

    def __init__(self, the_set: Set, live: LiveMeeting) -> None:
        super().__init__()
        self.the_set = the_set
        self.live = live

    def compose(self) -> ComposeResult:
        """The console's parts, top to bottom."""
        meeting = self.live.meeting
        yield MeetingHeader(self.the_set.name, meeting, id="header")
        yield StepBar(meeting.steps, meeting.current, id="step-bar")
        with Horizontal(id="stage"):
            with Vertical(id="left"):
                yield PresenterBanner(id="presenter")
                yield Countdown(id="countdown")
            yield ItemPanel(id="items")
            yield CommitmentList(self._marked, id="commitments")
        yield Static(id="prompt")
        yield EntryBox(self.kind_for, self._save_line, id="entry")
        yield Footer(compact=True)
        yield Static(id="too-small")

    def on_mount(self) -> None:
        """Show the current step, start typing, and recompute the clock a few times a second.

        A blank left by a console that was killed while blank is lifted from the displays.
        """
        self._blank_displays(False)
        self._show_step()
        self._entry = entry = self.query_one(EntryInput)
        entry.value = self.live.draft
        self.set_focus(entry)
        self.set_interval(TICK_SECONDS, self._tick)
        self.set_interval(DRAFT_SECONDS, self._keep_draft)

    @guarded
    def _keep_draft(self) -> None:
        """Save the unsent text in the entry box, if it changed (at most once a second)."""
        self.live.keep_draft(self._entry.value)

    def on_unmount(self) -> None:
        """Keep the text still in the box when the console closes (quit, or end of meeting)."""
        if self.READ_ONLY:
            return
        self._keep_draft()
        if not self.live.settle():
            log.warning("draft still being saved when the console closed")

    def on_resize(self) -> None:
        """Below a usable size, say how much room the console needs instead of squashing it."""
        width, height = self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(too_small, "-too-small")
        if too_small:
            self.query_one("#too-small", Static).update(
                f"altui needs a window of at least {MIN_WIDTH}x{MIN_HEIGHT}; "
                f"this one is {width}x{height}. Everything is still saved."
            )

    # what the room sees ---------------------------------------------------------------------

    @guarded
    def _tick(self) -> None:
        self.query_one(Countdown).show(self.live.reading(), self.live.meeting.current)
        self.query_one(MeetingHeader).show(self.live.clock, self.live.projected_finish())

    def _show_step(self) -> None:
        meeting, step = self.live.meeting, self.live.step
        self.query_one(StepBar).show(meeting.current)
        self._show_banner()
        self.query_one("#prompt", Static).update(Content(visible(step.prompt or step.name)))
        reporting = step.report_back and bool(self.live.commitments())
        self.set_class(reporting, "-report-back")
        self.query_one(CommitmentList).can_focus = reporting and not self.READ_ONLY
        if reporting:
            self.query_one(CommitmentList).show(self.live.commitments())
        else:
            if isinstance(self.focused, CommitmentList):
                self.query_one(EntryInput).focus()  # leaving report back: back to typing
            self.query_one(ItemPanel).show(self.live.items_here())
        self.query_one(EntryBox).refresh_kind()
        self._tick()

    def _show_banner(self) -> None:
        meeting, step = self.live.meeting, self.live.step
        counts = ""
        if step.score:
            scored = meeting.set_score
            counts = f"Set score today: {scored}/10" if scored else "Type the set's score, 1 to 10"
        if step.presenter_id:
            asked = Counter(i.tag for i in self.live.items_here() if i.kind is ItemKind.QUESTION)
            counts = (
                f"Questions: {asked[ItemTag.CLARIFYING]} clarifying · {asked[ItemTag.OPEN]} open"
                + (f" · {asked[None]} untagged" if asked[None] else "")
            )
        banner = self.query_one(PresenterBanner)
        banner.show(step, meeting.current + 1, len(meeting.steps), counts)

    @guarded
    def action_retag(self) -> None:
        """Step the newest question between clarifying and open (or tag the newest learning)."""
        item = self._saved(self.live.retag_last)
        if isinstance(item, Item):
            self.query_one(ItemPanel).show(self.live.items_here())
            self._show_banner()

    def _reporting(self) -> bool:
        return self.has_class("-report-back")

    def kind_for(self, text: str) -> ItemKind | None:
        """What Enter would save: an item's kind, or None for a note on a commitment."""
        if self._notes_commitment(text):
            return None
        return self.live.kind_for(text)

    def _notes_commitment(self, text: str) -> bool:
        """In report back, a line without a kind character is the highlighted commitment's
        note; a line starting ? ! * or # is an item as anywhere else (a private note stays
        private)."""
        reporting = self._reporting() and self.query_one(CommitmentList).selected is not None
        return reporting and not text.lstrip().startswith(tuple(KIND_PREFIXES))

    # changing the meeting -------------------------------------------------------------------

    def _saved(self, change: Callable[[], T]) -> T | _NotSaved:
        """Run a change that saves and return what it returns; a failed save is reported,
        the change kept in memory, and NOT_SAVED returned."""
        try:
            return change()
        except (AltuiError, OSError) as exc:
            self.notify(
                f"Could not save: {exc}",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )
            return NOT_SAVED

    def _attempt(self, change: Callable[[], object]) -> bool:
        """Run a change that saves; True when it was saved."""
        return self._saved(change) is not NOT_SAVED

    @guarded
    def action_next_step(self) -> None:
        """Move to the next step."""
        if self.live.meeting.current == len(self.live.meeting.steps) - 1:
            self.action_end_meeting()
            return
        self._attempt(self.live.next_step)
        self._show_step()

    @guarded
    def action_previous_step(self) -> None:
        """Move back one step."""
        if self.live.meeting.current == 0:
            self.notify("This is the first step.", timeout=3)
            return
        self._attempt(self.live.previous_step)
        self._show_step()

    @guarded
    def action_toggle_pause(self) -> None:
        """Pause or resume the countdown."""
        self._attempt(self.live.toggle_pause)
        self._tick()

    @guarded
    def action_more_time(self) -> None:
        """Give the step one more minute."""
        self._attempt(lambda: self.live.add_time(MINUTE))
        self._tick()

    @guarded
    def action_less_time(self) -> None:
        """Take a minute from the step."""
        self._attempt(lambda: self.live.add_time(-MINUTE))
        self._tick()

    def action_stop_typing(self) -> None:
        """Leave the entry box: to the commitments in report back, else to the single keys."""
        if self._reporting():
            self.query_one(CommitmentList).focus()
        else:
            self.set_focus(None)

    def action_focus_entry(self) -> None:
        """Go back to typing."""
        self.query_one(EntryInput).focus()

    @guarded
    def action_help(self) -> None:
        """Show every key."""
        from altui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    @guarded
    def _save_line(self, text: str) -> bool:
        """Save a typed line as an item (or, in report back, as the highlighted commitment's
        note); False (text kept in the box) when it could not be saved."""
        if self.READ_ONLY:
            return False
        commitments = self.query_one(CommitmentList)
        if self._notes_commitment(text) and text.strip():
            if not self._attempt(lambda: self.live.review(commitments.selected, note=text.strip())):
                return False
            commitments.show(self.live.commitments())
            return True
        score = self._saved(lambda: self.live.record_score(text))
        if score is NOT_SAVED:
            return False
        if score is not None:
            self.notify(f"The set's score today: {score} out of 10.", timeout=5)
            self._show_banner()
            return True
        try:
            item = self.live.capture(text)
        except ValueError as exc:
            self.notify(str(exc), title="Not saved", severity="warning", timeout=8, markup=False)
            return False
        except (AltuiError, OSError) as exc:
            self.notify(
                f"Could not save: {exc}. Your text is still in the box; press Enter to try again.",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )
            return False
        if item is not None:
            self.query_one(ItemPanel).append(item)
            if item.kind is ItemKind.QUESTION:
                self._show_banner()
        return True

    @guarded
    def _marked(self, commitment: Commitment, status: ReviewStatus) -> None:
        if self.READ_ONLY or not self._reporting():
            return
        if self._attempt(lambda: self.live.review(commitment, status=status)):
            commitments = self.query_one(CommitmentList)
            commitments.show(self.live.commitments())

    @guarded
    def action_end_meeting(self) -> None:
        """Ask, then close the meeting and show its summary."""
        from altui.screens.confirm import ConfirmScreen

        meeting = self.live.meeting
        left = len(meeting.steps) - meeting.current - 1
        detail = f"{left} step(s) are still ahead. " if left else ""
        self.app.push_screen(
            ConfirmScreen(
                f"End meeting {meeting.number} of {self.the_set.name} now?",
                detail + "The clock stops; everything captured stays saved and can be exported.",
            ),
            self._end_confirmed,
        )

    def _end_confirmed(self, yes: bool | None) -> None:
        from altui.screens.summary import SummaryScreen

        if yes and self._attempt(lambda: self.live.close(None)):
            self.app.switch_screen(SummaryScreen(self.the_set, self.live))

    @guarded
    def action_export(self) -> None:
        """Write the recap and show where it went."""
        self.app.export_recap(self.the_set, self.live.meeting)  # type: ignore[attr-defined]

    @guarded
    def action_fit(self) -> None:
        """Shrink the presenter steps ahead so the meeting still ends when planned."""
        won = self._saved(self.live.fit_to_time)
        if isinstance(won, float):
            minutes = round(won)
            message = (
                f"Presenter slots ahead shortened by {minutes} min in all."
                if minutes
                else "On time: nothing to shorten."
            )
            self.notify(message, timeout=5)
            self._show_agenda()

    @guarded
    def skip_presenter(self) -> None:
        """Take the next presenter's slot out (only while nothing after now has started)."""
        name = self._saved(self.live.skip_next_presenter)
        if name is not NOT_SAVED:
            self._agenda_changed(f"Skipped {name}." if name else None)

    @guarded
    def swap_presenters(self) -> None:
        """Let the presenter after next go first (only while nothing after now has started)."""
        order = self._saved(self.live.swap_next_presenters)
        if order is not NOT_SAVED:
            message = f"Now {order[0]}, then {order[1]}." if isinstance(order, tuple) else None
            self._agenda_changed(message)

    def _agenda_changed(self, message: str | None) -> None:
        if message is None:
            message = "Only possible while no later step has been started or written in."
        self.notify(message, timeout=5, markup=False)
        self._show_agenda()

    def _show_agenda(self) -> None:
        meeting = self.live.meeting
        self.query_one(StepBar).reload(meeting.steps)
        self._show_banner()
        self._tick()

    @guarded
    def action_blank(self) -> None:
        """Blank the screen, and the displays following the meeting, until any key is pressed."""
        from altui.screens.blank import BlankScreen

        self.app.push_screen(BlankScreen(mirror=self._blank_displays))

    @guarded
    def _blank_displays(self, blank: bool) -> None:
        """Blank the displays or bring them back; a marker that cannot be written is reported."""
        try:
            self.live.store.set_blanked(self.live.meeting, blank)
        except OSError as exc:
            self.notify(
                f"The display could not be {'blanked' if blank else 'brought back'}: "
                f"{exc.strerror or exc}.",
                title="Display",
                severity="error",
                timeout=8,
                markup=False,
            )

    def action_reveal(self) -> None:
        """Show or hide the text of private notes in the item panel."""
        panel = self.query_one(ItemPanel)
        panel.reveal = not panel.reveal
        panel.show(self.live.items_here())

    @guarded
    def remember_theme(self, theme: str) -> None:
        """Keep the theme chosen in the palette as this set's theme."""
        if theme != self.the_set.theme:
            self._update_set(theme=theme)

    @guarded
    def set_signal(self, signal: TimeUpSignal) -> None:
        """Choose how this set is told that time is up, and remember it for the set."""
        if self._update_set(signal=signal):
            self.notify(f"Time-up signal: {signal.label}", timeout=4)

    def _update_set(self, **changes: object) -> bool:
        """Change and save fields of this meeting's set (read fresh, so nothing else is lost)."""
        the_set = self.live.store.find_set(self.the_set.slug).model_copy(update=changes)
        if self._attempt(lambda: self.live.store.save_set(the_set)):
            self.the_set = the_set
            return True
        return False

    @on(Countdown.TimeUp)
    @guarded
    def _time_up(self) -> None:
        if self.the_set.signal is TimeUpSignal.SILENT:
            return
        if self.the_set.signal is TimeUpSignal.BELL:
            self.app.bell()
        countdown = self.query_one(Countdown)
        countdown.add_class("-flash")
        self.set_timer(1.5, lambda: countdown.remove_class("-flash"))

    # keys that make sense ---------------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, EntryInput)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Single-key actions leave the footer while typing (their keys type text)."""
        return not (action in _TYPING_BLOCKS and self._typing())

    @on(DescendantFocus)
    @on(DescendantBlur)
    def _focus_moved(self) -> None:
        self.refresh_bindings()

    def commands(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        """The console's actions for the command palette: (name, help, callback)."""
        yield "Next step", "Move to the next step", self.action_next_step
        yield "Previous step", "Move back one step", self.action_previous_step
        yield "Pause or resume", "Stop or restart the countdown", self.action_toggle_pause
        yield "One more minute", "Give the current step a minute more", self.action_more_time
        yield "One minute less", "Take a minute from the current step", self.action_less_time
        yield "End meeting", "Close the meeting and see its summary", self.action_end_meeting
        yield "Export recap", "Write the Markdown recap and show where", self.action_export
        yield "Fit to time", "Shrink the presenter slots ahead to end on time", self.action_fit
        yield (
            "Skip the next presenter",
            "Take their slot out of today's agenda",
            self.skip_presenter,
        )
        yield "Swap the next two presenters", "The one after next goes first", self.swap_presenters
        yield "Blank the screen", "Any key brings it back", self.action_blank
        yield "Show or hide private notes", "On this screen only", self.action_reveal
        for signal in TimeUpSignal:
            yield (
                f"Time-up signal: {signal.label}",
                "Remembered for this set",
                partial(self.set_signal, signal),
            )
        yield "Keys", "Show every key", self.action_help
