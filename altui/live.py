"""A meeting in progress: moving between steps, pausing, adding time, capturing items.

Every change is written to the meeting's file before the method returns, so a killed terminal
loses nothing. No UI here; the console screen calls these methods.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime

from altui import clock as timing
from altui.clock import Clock, Reading
from altui.commitments import Commitment, open_commitments, under_review
from altui.drafts import DraftKeeper
from altui.errors import AltuiError
from altui.models import (
    TAG_CYCLES,
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    ReviewStatus,
    Step,
    next_tag,
    parse_entry,
    parse_score,
)
from altui.schedule import fit_factor, projected_finish
from altui.store import Store

MINUTE = 60.0
TEXT_MAX = 1_000_000
"""Longest item kept, in characters; longer text is refused with a message, never cut silently."""


class LiveMeeting:
    """The facilitator's handle on one meeting: each method changes it and saves it."""

    def __init__(self, store: Store, meeting: Meeting, clock: Clock) -> None:
        self.store = store
        self.meeting = meeting
        self.clock = clock
        self.items: list[Item] = store.items(meeting)
        self.draft = store.draft(meeting)
        self._drafts = DraftKeeper(lambda text: store.save_draft(meeting, text))
        self._commitments: list[Commitment] | None = None

    @property
    def step(self) -> Step:
        """The current step."""
        return self.meeting.step

    @property
    def paused(self) -> bool:
        """Whether the current step's clock is stopped."""
        return self.step.running_since is None

    def reading(self) -> Reading:
        """What the countdown shows now."""
        return timing.read(self.step, self.clock.now())

    def _save(self) -> None:
        self.store.save_meeting(self.meeting)

    def go_to(self, index: int) -> bool:
        """Make step ``index`` current: the old step's clock stops, the new one's runs."""
        if not 0 <= index < len(self.meeting.steps) or index == self.meeting.current:
            return False
        now = self.clock.now()
        timing.stop(self.step, now)
        self.meeting.current = index
        timing.start(self.step, now)
        self._save()
        return True

    def next_step(self) -> bool:
        """Move to the next step; False on the last one."""
        return self.go_to(self.meeting.current + 1)

    def previous_step(self) -> bool:
        """Move back a step; False on the first one."""
        return self.go_to(self.meeting.current - 1)

    def toggle_pause(self) -> bool:
        """Pause or resume the current step's clock; returns True when now paused."""
        now = self.clock.now()
        if self.paused:
            timing.start(self.step, now)
        else:
            timing.stop(self.step, now)
        self._save()
        return self.paused

    def add_time(self, seconds: float) -> None:
        """Give the current step more time (or less, with a negative number).

        A step never gets less than nothing: taking time away stops at zero minutes planned.
        """
        step = self.step
        step.added = max(step.added + seconds, -step.minutes * MINUTE)
        self._save()

    def record_score(self, text: str) -> int | None:
        """In a score step, a line that is just 1 to 10 is the set's score: saved, returned."""
        score = parse_score(text) if self.step.score else None
        if score is not None:
            self.meeting.set_score = score
            self._save()
        return score

    def capture(self, text: str) -> Item | None:
        """Save a typed line as an item in the current step; None for an empty line."""
        kind, body = parse_entry(text, self.step.kind)
        if not body:
            return None
        if len(body) > TEXT_MAX:
            raise ValueError(f"that line is {len(body):,} characters; the most is {TEXT_MAX:,}")
        item = Item(
            kind=kind,
            tag=self.step.tag if kind is self.step.kind else None,
            text=body,
            step=self.meeting.current,
            presenter_id=self.step.presenter_id,
            created=self.clock.now(),
        )
        self.store.add_item(self.meeting, item)
        self.items.append(item)
        self.keep_draft("")
        return item

    def retag_last(self) -> Item | None:
        """Step the tag of the newest item here (clarifying/open, or what a learning is about)."""
        taggable = [i for i in self.items_here() if i.kind in TAG_CYCLES]
        if not taggable:
            return None
        item = taggable[-1]
        item.tag = next_tag(item.kind, item.tag)
        self.store.update_item(self.meeting, item)
        return item

    def keep_draft(self, text: str) -> None:
        """Save the entry box's unsent text if it has changed, off the event loop (a failed
        save is logged in altui.log)."""
        if text != self.draft:
            self._drafts.keep(text)
            self.draft = text

    def settle(self) -> bool:
        """Wait until the draft is on disk (when the console closes); False if that timed out."""
        return self._drafts.settle()

    def commitments(self) -> list[Commitment]:
        """The commitments to report back on in this meeting (read once, then kept)."""
        if self._commitments is None:
            self._commitments = under_review(self.store, self.meeting)
        return self._commitments

    def review(
        self, commitment: Commitment, status: ReviewStatus | None = None, note: str | None = None
    ) -> Commitment:
        """Record what was reported on ``commitment``; unchanged parts keep their last value."""
        commitments = self.commitments()
        index = next(i for i, c in enumerate(commitments) if c.action.id == commitment.action.id)
        commitment = commitments[index]  # the latest word on it, whatever the caller held
        told = commitment.review(self.clock.now(), status or commitment.status, note or "")
        self.store.add_review(self.meeting, told)
        commitments[index] = commitment.after(told)
        return commitments[index]

    def close(self, next_date: date | None) -> None:
        """End the meeting: the clock stops, the next date is kept, and a backup is made.

        The commitments open for the next meeting are worked out now, so that its report back
        starts from the commitment index.
        """
        now = self.clock.now()
        timing.stop(self.step, now)
        self.meeting.next_date = next_date
        self.meeting.status = MeetingStatus.CLOSED
        self._save()
        self.store.backup(self.meeting.set_slug, f"meeting-{self.meeting.number}-end", now)
        with suppress(AltuiError):  # a damaged older file is reported when it is next read
            open_commitments(self.store, self.meeting.set_slug, self.meeting.number + 1)

    def _presenter_steps_ahead(self) -> list[Step]:
        """Presenter steps after the current one that nobody has started yet."""
        ahead = self.meeting.steps[self.meeting.current + 1 :]
        return [s for s in ahead if s.presenter_id and not s.visited]

    def fit_to_time(self) -> float:
        """Shrink the presenter steps ahead by one share so the meeting ends when planned.

        Returns the minutes won back (0 when the meeting is on time or has no finish to keep).
        """
        target = self.meeting.planned_finish
        if target is None:
            return 0.0
        over = (self.projected_finish() - target).total_seconds()
        later = self._presenter_steps_ahead()
        before = sum(s.planned_seconds for s in later)
        factor = fit_factor(before, over)
        if factor >= 1.0:
            return 0.0
        for step in later:
            step.minutes = round(step.minutes * factor, 2)
            step.added = round(step.added * factor, 2)
        self._save()
        return (before - sum(s.planned_seconds for s in later)) / MINUTE

    def _untouched_tail(self) -> bool:
        """Whether nothing after the current step has been started or captured in."""
        current = self.meeting.current
        started = any(s.visited for s in self.meeting.steps[current + 1 :])
        return not started and not any(i.step > current for i in self.items)

    def _blocks_ahead(self) -> list[tuple[int, int]]:
        """(first, end) index ranges of the presenter slots wholly ahead of the current step."""
        steps, blocks = self.meeting.steps, []
        index = self.meeting.current + 1
        while index < len(steps):
            presenter = steps[index].presenter_id
            end = index
            while end < len(steps) and presenter and steps[end].presenter_id == presenter:
                end += 1
            if presenter:
                blocks.append((index, end))
            index = max(end, index + 1)
        return blocks

    def skip_next_presenter(self) -> str | None:
        """Take the next presenter's slot out of the meeting; returns their name."""
        blocks = self._blocks_ahead()
        if not blocks or not self._untouched_tail():
            return None
        first, end = blocks[0]
        name = self.meeting.steps[first].presenter
        del self.meeting.steps[first:end]
        self._save()
        return name

    def swap_next_presenters(self) -> tuple[str, str] | None:
        """Let the presenter after next go first; returns the two names in their new order."""
        blocks = self._blocks_ahead()
        if len(blocks) < 2 or not self._untouched_tail():
            return None
        (a, a_end), (b, b_end) = blocks[0], blocks[1]
        steps = self.meeting.steps
        steps[a:b_end] = steps[b:b_end] + steps[a_end:b] + steps[a:a_end]
        self._save()
        return steps[a].presenter or "", steps[b_end - (a_end - a)].presenter or ""

    def set_next_date(self, next_date: date) -> None:
        """Record the next meeting's date."""
        self.meeting.next_date = next_date
        self._save()

    def items_here(self) -> list[Item]:
        """Items of this presenter's slot, or of this group step."""
        step = self.step
        if step.presenter_id is None:
            return [i for i in self.items if i.step == self.meeting.current]
        return [i for i in self.items if i.presenter_id == step.presenter_id]

    def projected_finish(self) -> datetime:
        """When the meeting ends if the rest of it keeps time."""
        return projected_finish(self.meeting.steps, self.meeting.current, self.clock.now())

    @property
    def closed(self) -> bool:
        """Whether the meeting has been closed."""
        return self.meeting.status is MeetingStatus.CLOSED

    def kind_for(self, text: str) -> ItemKind:
        """The kind a typed line would be saved as."""
        return parse_entry(text, self.step.kind)[0]
