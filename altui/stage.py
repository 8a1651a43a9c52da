"""A meeting as the room sees it: step, presenter, clock, prompt and items, read-only.

The console's `LiveMeeting` builds on it to change the meeting; the display follows a meeting
through it alone, so it can never write.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from altui import clock as timing
from altui.clock import Clock, Reading, on_the_wall
from altui.commitments import under_review
from altui.dates import time_of_day
from altui.errors import AltuiError
from altui.models import Commitment, Item, ItemKind, Meeting, MeetingStatus, Step, first_name
from altui.store import Store
from altui.timetable import projected_finish


class Stage:
    """One meeting's state and what the screen shows of it; nothing here saves."""

    def __init__(self, store: Store, meeting: Meeting, items: list[Item], clock: Clock) -> None:
        self.store = store
        self.meeting = meeting
        self.items = items
        self.clock = clock
        self._commitments: list[Commitment] | None = None
        self.trouble = ""
        """Why the report back could not be read (a damaged earlier meeting), if it could not."""

    @classmethod
    def follow(cls, store: Store, slug: str, number: int, clock: Clock) -> Stage:
        """The meeting as its file has it now, without private notes (for the wall)."""
        meeting = store.meeting(slug, number)
        items = [i for i in store.items(meeting) if i.kind is not ItemKind.PRIVATE]
        return cls(store, meeting, items, clock)

    @property
    def step(self) -> Step:
        """The current step."""
        return self.meeting.step

    @property
    def paused(self) -> bool:
        """Whether the current step's clock is stopped."""
        return self.step.running_since is None

    @property
    def closed(self) -> bool:
        """Whether the meeting has been ended."""
        return self.meeting.status is MeetingStatus.CLOSED

    def reading(self) -> Reading:
        """What the countdown shows now."""
        return timing.read(self.step, self.clock.now())

    @property
    def on_break(self) -> bool:
        """Whether the current step is a break: a group step between two presenters' slots
        (where a plan's ``between_presenters`` steps go), or one named Break."""
        steps, at = self.meeting.steps, self.meeting.current
        step = steps[at]
        if step.presenter_id is not None or step.report_back or step.score:
            return False
        between = 0 < at < len(steps) - 1 and None not in (
            steps[at - 1].presenter_id,
            steps[at + 1].presenter_id,
        )
        return between or step.short.casefold() == "break"

    def back_at(self) -> str:
        """When the current step is planned to end, as the wall clock will read it (``15:40``):
        now plus the time it has left, so it moves with a minute more or less."""
        end = self.clock.now() + timedelta(seconds=self.reading().seconds)
        return time_of_day(on_the_wall(self.clock, end) + timedelta(seconds=30))

    def who(self) -> str:
        """Whose turn it is: the presenter, Everyone, or on a break when to be back."""
        if self.on_break:
            return f"Back at {self.back_at()}"
        return self.meeting.name_of(self.step.presenter_id)

    def short_who(self) -> str:
        """The presenter's first name, where the whole name does not fit ("" otherwise)."""
        name = self.step.presenter
        return first_name(name) if name and not self.on_break else ""

    def projected_finish(self) -> datetime:
        """When the meeting ends if the rest of it keeps time."""
        return projected_finish(self.meeting.steps, self.meeting.current, self.clock.now())

    def items_here(self) -> list[Item]:
        """Items of this presenter's slot, or of this group step, oldest first."""
        step = self.step
        if step.presenter_id is None:
            return [i for i in self.items if i.step == self.meeting.current]
        return [i for i in self.items if i.presenter_id == step.presenter_id]

    def commitments(self) -> list[Commitment]:
        """The commitments to report back on in this meeting (read once, then kept)."""
        if self._commitments is None:
            try:
                self._commitments = under_review(self.store, self.meeting)
            except AltuiError as exc:  # the meeting goes on; the screen says what is wrong
                self._commitments, self.trouble = [], f"Report back cannot be shown: {exc}"
        return self._commitments

    @property
    def reporting_back(self) -> bool:
        """Whether this is the report back and something is open to report on."""
        return self.step.report_back and bool(self.commitments())
