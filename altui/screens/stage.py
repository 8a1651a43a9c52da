"""What the room sees of a meeting: step, presenter, clock, prompt and items.

The console (`screens.meeting`) and the display (`screens.display`) are both built on this
screen; it only shows a `Stage` and never changes the meeting.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from altui.guard import guarded
from altui.models import ItemKind, Set, question_counts
from altui.recap import unreadable_report_back
from altui.stage import Stage
from altui.text import visible
from altui.widgets.commitment_list import CommitmentList
from altui.widgets.countdown import Countdown
from altui.widgets.headline import Headline, Title
from altui.widgets.item_panel import KIND_STYLES, ItemPanel
from altui.widgets.meeting_header import MeetingHeader
from altui.widgets.presenter import Place, PresenterBanner
from altui.widgets.step_bar import StepBar

MIN_WIDTH, MIN_HEIGHT = 40, 12
"""The smallest window the stage draws itself in."""
COMPACT_WIDTH, COMPACT_HEIGHT = 100, 30
"""Below either, the stage is one column: the headline one line, the clock, then the items
across the whole width (so a 60-character question fits on one line at 80x24)."""


def headline_rows(height: int) -> int:
    """Rows of the band with the large name and step: a fifth of the window, 8 to 12 (mono9
    letters at 8, mono12 from 10), leaving the clock at least as tall as before."""
    return max(8, min(12, round(height / 5)))


UNREADABLE_REPORT_BACK = unreadable_report_back()
"""The report back's prompt when an earlier meeting's file is damaged or not altui's."""

TICK_SECONDS = 0.25
"""How often the countdown is recomputed from the clock (it redraws only when it changes)."""


class StageScreen(Screen[None]):
    """Header, step bar, presenter, countdown, items (or report back) and the prompt."""

    def __init__(self, the_set: Set, stage: Stage) -> None:
        super().__init__()
        self.the_set = the_set
        self.stage = stage
        self._shown_step = -1

    def compose(self) -> ComposeResult:
        """The parts the room sees, top to bottom (subclasses add theirs below)."""
        meeting = self.stage.meeting
        yield MeetingHeader(self.the_set.name, meeting, id="header")
        yield StepBar(meeting.steps, meeting.current, id="step-bar")
        yield Headline(id="headline")
        with Horizontal(id="stage"):
            with Vertical(id="left"):
                yield PresenterBanner(id="presenter")
                yield Countdown(id="countdown")
            with Vertical(id="right"):
                yield CommitmentList(id="commitments")
                yield ItemPanel(id="items")
        yield Static(id="prompt")

    def on_resize(self) -> None:
        """Below a usable size, say how much room is needed instead of squashing the stage."""
        width, height = self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        compact = width < COMPACT_WIDTH or height < COMPACT_HEIGHT
        self.set_class(too_small, "-too-small")
        self.set_class(compact, "-compact")
        self.query_one(Headline).styles.height = 1 if compact else headline_rows(height)
        if too_small:
            self.query_one("#too-small", Static).update(
                f"altui needs a window of at least {MIN_WIDTH}x{MIN_HEIGHT}; "
                f"this one is {width}x{height}. Everything is still saved."
            )

    @guarded
    def tick(self) -> None:
        """Recompute the countdown and the header's times from the clock."""
        self.query_one(Countdown).update(self.stage.reading(), self.stage.meeting.current)
        self.query_one(MeetingHeader).update(self.stage.clock, self.stage.projected_finish())
        self.show_headline()

    def show_step(self) -> None:
        """Show the current step: bar, banner, prompt, and its items or the report back."""
        stage = self.stage
        step_changed = stage.meeting.current != self._shown_step
        self._shown_step = stage.meeting.current
        if step_changed:
            self.query_one(ItemPanel).reveal = False  # private notes hide again on a new step
        self.query_one(StepBar).current = stage.meeting.current
        self.show_banner()
        self.show_prompt()
        reporting = stage.reporting_back
        self.set_class(reporting, "-report-back")
        if reporting:
            self.query_one(CommitmentList).update(stage.commitments())
        self.show_items()
        self.tick()

    def show_items(self) -> None:
        """The step's items; in report back, under the commitments once there are any (a
        learning or a note typed there is not a note on a commitment, and is seen so)."""
        items = self.stage.items_here()
        panel = self.query_one(ItemPanel)
        panel.step_tag = self.stage.step.tag
        panel.update(items)
        self.set_class(self.stage.reporting_back and bool(items), "-noted")

    def show_prompt(self) -> None:
        """The step's one line of guidance (in a report back that cannot be read, why not)."""
        step, prompt = self.stage.step, self.query_one("#prompt", Static)
        if step.report_back and not self.stage.commitments() and self.stage.trouble:
            prompt.update(Content.styled(UNREADABLE_REPORT_BACK, "bold $error"))
            return
        prompt.update(Content(visible(step.prompt or step.name)))

    def show_agenda(self) -> None:
        """Redraw what depends on the steps ahead (after a fit, skip, swap or undo)."""
        self.query_one(StepBar).reload(self.stage.meeting.steps)
        self.show_step()

    def show_headline(self) -> None:
        """Whose turn and which step, large (on a break: when to be back)."""
        step = self.stage.step
        colour = "$accent" if step.kind is ItemKind.NOTE else KIND_STYLES[step.kind]
        headline = self.query_one(Headline)
        stage = self.stage
        headline.title = Title(
            visible(stage.who()), visible(step.short), colour, visible(stage.short_who())
        )
        for kind in KIND_STYLES:
            headline.set_class(kind is step.kind, f"-{kind.value}")

    def show_banner(self) -> None:
        """Step, its number, and the slot's question counts (or the set's score)."""
        meeting, step = self.stage.meeting, self.stage.step
        counts = ""
        if step.score:
            scored = meeting.set_score
            counts = f"Set score today: {scored}/10" if scored else "Type the set's score, 1 to 10"
        if step.presenter_id:
            asked = question_counts(self.stage.items_here())
            counts = "Questions: " + (" · ".join(asked) or "none yet")
        place = Place(step.name, meeting.current + 1, len(meeting.steps), counts)
        self.query_one(PresenterBanner).place = place
