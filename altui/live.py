"""A meeting in progress: every change the facilitator makes, saved at once and undoable.

Each change runs inside `LiveMeeting._change`: the meeting is changed in memory, the change and
what it replaced are added to the meeting's journal, and the whole meeting file is written in
one atomic step. When that write fails, everything is put back as it was and `NotSaved` is
raised, so the screen never shows what the file does not hold. `undo` takes the newest journal
entry back, after a restart too. No UI here; the console screen calls these methods.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import compress, count, repeat
from operator import attrgetter, is_
from pathlib import Path
from typing import Any

from altui import clock as timing
from altui.clock import Clock
from altui.commitments import open_commitments
from altui.drafts import Draft, DraftKeeper
from altui.errors import AltuiError
from altui.lock import MeetingLock
from altui.models import (
    KIND_PREFIXES,
    TAG_CYCLES,
    Change,
    Commitment,
    Item,
    ItemChange,
    ItemKind,
    ItemTag,
    Meeting,
    MeetingStatus,
    Review,
    ReviewStatus,
    Step,
    parse_entry,
    parse_score,
)
from altui.stage import Stage
from altui.store import Store, same_ends
from altui.text import pictured
from altui.timetable import fit_factor

MINUTE = 60.0
TEXT_MAX = 1_000_000
"""Longest item kept, in characters; longer text is refused with a message, never cut silently."""
JOURNAL_KEPT = 50
"""Changes kept for undo (the oldest are forgotten first)."""
RUNNING = MeetingStatus.RUNNING.value
"""A journal entry whose meeting was running before it is the one that ended the meeting."""
QUOTE_WIDTH = 40
NEXT_GAP = timedelta(weeks=4)
"""How long after a meeting the next one is, unless another date is saved for it."""
"""Characters of an item's text quoted in a message about it."""


class NotSaved(AltuiError):
    """A change that was not made: the meeting is exactly as it was before it."""


@dataclass(frozen=True)
class Entered:
    """What a typed line became: an item, a note on a commitment, or the set's score."""

    item: Item | None = None
    commitment: Commitment | None = None
    score: int | None = None


def quote(text: str) -> str:
    """An item's text shortened for a message about it."""
    text = " ".join(text.split())
    short = text if len(text) <= QUOTE_WIDTH else text[: QUOTE_WIDTH - 1] + "…"
    return f"“{short}”"


_State = tuple[dict[str, Any], list[Item], list[Review], list[Change]]
"""The meeting (stored form), its items, reviews and journal, as `LiveMeeting._state` keeps
them (items, reviews and journal entries are frozen: a change makes new ones)."""


class _Pending:
    """The label of a change being made (it may depend on how the change turns out)."""

    def __init__(self, label: str) -> None:
        self.label = label


class LiveMeeting(Stage):
    """The facilitator's handle on one meeting: each method changes it and saves it."""

    def __init__(self, store: Store, meeting: Meeting, clock: Clock) -> None:
        items, self.reviews, self.journal = store.open_meeting(meeting)
        super().__init__(store, meeting, items, clock)
        self._saved = _stored(meeting)
        """The meeting as its file holds it: every change to ``meeting`` is saved at once."""
        self.draft = store.draft(meeting)
        self._drafts = DraftKeeper(lambda draft: store.save_draft(meeting, draft))

    # the one way a meeting changes ---------------------------------------------------------

    @contextmanager
    def _change(self, label: str, meeting: bool = True) -> Iterator[_Pending]:
        """Make a change, journal what it replaced, and save everything in one write.

        A failed save (or an error inside the change) puts the meeting back as it was and
        raises `NotSaved`. A change that turns out to change nothing is not journaled. A
        change of items or reports back alone passes ``meeting=False``: the meeting's own
        fields and steps are then not dumped again to see whether they changed.
        """
        before = self._state()
        header, items, reviews, _ = before
        pending = _Pending(label)
        try:
            yield pending
            after = _stored(self.meeting) if meeting else header
            if after == header:  # unchanged: the store knows the one it wrote by sight
                after = header
            change = self._diff(pending.label, header, after, items, reviews)
            if change is None:
                return
            self.journal = [*self.journal, change][-JOURNAL_KEPT:]
            self._write(after)
        except (AltuiError, OSError) as exc:
            self._put_back(before)
            raise NotSaved(f"{pending.label}: not saved ({exc}); nothing was changed") from exc

    def _state(self) -> _State:
        """A copy of everything a change may alter, to put back if its save fails (and to see
        what it altered): the meeting in its stored form (as saved last, so no copy is made)."""
        return self._saved, list(self.items), list(self.reviews), list(self.journal)

    def _put_back(self, state: _State) -> None:
        """Make the meeting what ``state`` says (after a save that failed)."""
        self._saved, self.items, self.reviews, self.journal = state
        self.meeting = Meeting.model_validate(self._saved)
        self._commitments = None

    def _diff(
        self,
        label: str,
        header: dict[str, Any],
        after: dict[str, Any],
        items: list[Item],
        reviews: list[Review],
    ) -> Change | None:
        """The journal entry for going from the state before (``header``, ``items``,
        ``reviews``) to now (``after`` is the meeting's stored form now)."""
        gone, fresh = _replaced(items, self.items)
        touched = [ItemChange(id=items[n].id, index=n, before=items[n]) for n in gone]
        edited = {i.id for i in touched}
        touched += [
            ItemChange(id=self.items[n].id, index=n)
            for n in fresh
            if self.items[n].id not in edited
        ]
        gone, fresh = _replaced(reviews, self.reviews)
        known = {reviews[n].id for n in gone}
        added = [self.reviews[n].id for n in fresh if self.reviews[n].id not in known]
        fields, steps = _header_before(header, after)
        if not fields and not steps and not touched and not added:
            return None
        return Change(
            label=label,
            created=self.clock.now(),
            meeting=fields,
            steps=steps,
            items=touched,
            reviews=added,
        )

    def _write(self, stored: dict[str, Any] | None = None) -> None:
        """Save the whole meeting; ``stored`` is its stored form, if made already."""
        stored = _stored(self.meeting) if stored is None else stored
        self.store.write_meeting(self.meeting, self.items, self.reviews, self.journal, stored)
        self._saved = stored

    def _revert(self, change: Change) -> None:
        """Put back in memory what ``change`` replaced."""
        if change.meeting or change.steps:
            data = _stored(self.meeting)
            data.update(change.meeting)
            for index, step in change.steps.items():
                data["steps"][index] = step
            self.meeting = Meeting.model_validate(data)
        items = list(self.items)
        for touched in reversed(change.items):
            at = _position(items, touched.id, touched.index)
            if at is not None:
                del items[at]
            if touched.before is not None:
                items.insert(min(touched.index, len(items)), touched.before)
        self.items = items
        if change.reviews:
            dropped = set(change.reviews)
            self.reviews = [r for r in self.reviews if r.id not in dropped]
        self._commitments = None

    def undo(self) -> str | None:
        """Take back the newest change; returns what it was (None when there is nothing).

        On an ended meeting, undo reopens it (only while the set's next meeting has not
        started); reopening takes the ending out of the journal, so undo never ends a meeting.
        """
        if self.closed:
            self.reopen()
            return f"End meeting {self.meeting.number} (reopened)"
        if not self.journal:
            return None
        change = self.journal[-1]
        before = self._state()
        self.journal = self.journal[:-1]
        self._revert(change)
        try:
            self._write(None if change.meeting or change.steps else self._saved)
        except (AltuiError, OSError) as exc:
            self._put_back(before)
            raise NotSaved(f"Undo of {change.label}: not saved ({exc})") from exc
        return change.label

    # steps and the clock -------------------------------------------------------------------

    def go_to(self, index: int) -> bool:
        """Make step ``index`` current: the old step's clock stops, the new one's runs."""
        if not 0 <= index < len(self.meeting.steps) or index == self.meeting.current:
            return False
        with self._change(f"Move to step {index + 1}"):
            now = self.clock.now()
            timing.stop(self.step, now)
            self.meeting.current = index
            timing.start(self.step, now)
        return True

    def next_step(self) -> bool:
        """Move to the next step; False on the last one."""
        return self.go_to(self.meeting.current + 1)

    def previous_step(self) -> bool:
        """Move back a step; False on the first one."""
        return self.go_to(self.meeting.current - 1)

    def toggle_pause(self) -> bool:
        """Pause or resume the current step's clock; returns True when now paused."""
        with self._change("Resume the clock" if self.paused else "Pause the clock"):
            now = self.clock.now()
            if self.paused:
                timing.start(self.step, now)
            else:
                timing.stop(self.step, now)
        return self.paused

    def add_time(self, seconds: float) -> None:
        """Give the current step more time (or less, with a negative number).

        A step never drops below one minute planned by taking time away.
        """
        step = self.step
        floor = min(step.added, MINUTE - step.minutes * MINUTE)
        label = "One more minute" if seconds > 0 else "One minute less"
        with self._change(label):
            step.added = max(step.added + seconds, floor)

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
        with self._change("Fit to time"):
            for step in self._presenter_steps_ahead():
                step.minutes = round(step.minutes * factor, 2)
                step.added = round(step.added * factor, 2)
        return (before - sum(s.planned_seconds for s in self._presenter_steps_ahead())) / MINUTE

    def _presenter_steps_ahead(self) -> list[Step]:
        """Presenter steps after the current one that nobody has started yet."""
        ahead = self.meeting.steps[self.meeting.current + 1 :]
        return [s for s in ahead if s.presenter_id and not s.visited]

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
        with self._change(f"Skip {name}"):
            del self.meeting.steps[first:end]
        return name

    def swap_next_presenters(self) -> tuple[str, str] | None:
        """Let the presenter after next go first; returns the two names in their new order."""
        blocks = self._blocks_ahead()
        if len(blocks) < 2 or not self._untouched_tail():
            return None
        (a, a_end), (b, b_end) = blocks[0], blocks[1]
        with self._change("Swap the next two presenters"):
            steps = self.meeting.steps
            steps[a:b_end] = steps[b:b_end] + steps[a_end:b] + steps[a:a_end]
            first = {s.presenter_id: n for n, s in reversed(list(enumerate(steps)))}
            self.meeting.presenters = sorted(
                self.meeting.presenters, key=lambda m: first.get(m.id, len(steps))
            )
        steps = self.meeting.steps
        return steps[a].presenter or "", steps[b_end - (a_end - a)].presenter or ""

    # what is typed ---------------------------------------------------------------------------

    def enter(
        self,
        text: str,
        highlighted: Commitment | None = None,
        kind: ItemKind | None = None,
        tag: ItemTag | None = None,
    ) -> Entered | None:
        """Save a typed line; None for an empty one.

        In report back, a line without a kind character is a note on the ``highlighted``
        commitment; in a score step, a line that is just 1 to 10 is the set's score; anything
        else is an item of the current step, of ``kind`` (the step's kind when None) unless the
        line starts with a kind character. A control character in the line is kept as the
        symbol the box showed for it (see ``pictured``), never raw.
        """
        text = pictured(text)
        if not text.strip():
            return None
        if self.closed:
            raise NotSaved("This meeting has ended: reopen it (Ctrl+Z on its summary) to add to it")
        prefixed = text.lstrip().startswith(tuple(KIND_PREFIXES))
        if highlighted is not None and self.reporting_back and not prefixed:
            noted = self.review(highlighted, note=text.strip())
            self.keep_draft(Draft())  # a restart must not offer the note again
            return Entered(commitment=noted)
        score = parse_score(text) if self.step.score and kind is None else None
        if score is None and self.step.score and kind is None and _looks_like_score(text):
            raise NotSaved("The set's score is a whole number from 1 to 10")
        if score is not None:
            with self._change(f"Set score {score}"):
                self.meeting.set_score = score
            return Entered(score=score)
        item = self._capture(text, kind, tag)
        return Entered(item=item) if item is not None else None

    def kind_for(self, text: str, kind: ItemKind | None = None) -> ItemKind:
        """The kind a typed line would be saved as."""
        return parse_entry(text, kind or self.step.kind)[0]

    def _capture(self, text: str, kind: ItemKind | None, tag: ItemTag | None) -> Item | None:
        chosen, body = parse_entry(text, kind or self.step.kind)
        if not body:
            return None
        _check_length(body)
        item = Item(
            kind=chosen,
            tag=tag if tag is not None else _default_tag(self.step, chosen),
            text=body,
            step=self.meeting.current,
            presenter_id=self.step.presenter_id,
            created=self.clock.now(),
        )
        with self._change(f"Added {chosen.label.lower()} {quote(body)}", meeting=False):
            self.items = [*self.items, item]
        self.keep_draft(Draft())
        return item

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if the meeting has none)."""
        found = self.find(item_id)
        if found is None:
            raise KeyError(item_id)
        return found

    def find(self, item_id: str) -> Item | None:
        """The item with this id, if the meeting still has it (a draft's, after a restart)."""
        return next((i for i in self.items if i.id == item_id), None)

    def edit(
        self, item_id: str, text: str, kind: ItemKind, tag: ItemTag | None = None
    ) -> Item | None:
        """Change an item's text, kind or tag; an empty text deletes it (returns None).

        A kind character at the start of ``text`` wins over ``kind``; the tag is ``tag`` when
        the kind takes it, else the one the item would get typed as that kind (see ``tag_as``).
        Controls are kept as ``enter`` keeps them.
        """
        old = self.item(item_id)
        chosen, body = parse_entry(pictured(text), kind)
        if not body:
            self.delete(item_id)
            return None
        _check_length(body)
        new = old.model_copy(
            update={"kind": chosen, "tag": self.tag_as(old, chosen, tag), "text": body}
        )
        if new == old:
            return old
        label = (
            f"Changed {quote(body)} to {chosen.label.lower()}"
            if chosen is not old.kind
            else f"Edited {old.kind.label.lower()} {quote(body)}"
        )
        with self._change(label, meeting=False):
            self.items = _swapped(self.items, old, new)
        return new

    def tag_as(self, item: Item, kind: ItemKind, tag: ItemTag | None) -> ItemTag | None:
        """The tag ``item`` has once it is of ``kind``: ``tag`` when that kind can take it (a
        question stays clarifying or open through changes of kind), else the tag an item of
        ``kind`` typed in the item's step gets (a note turned into a question in a clarifying
        step is clarifying)."""
        if tag in TAG_CYCLES.get(kind, ()):
            return tag
        steps = self.meeting.steps
        return _default_tag(steps[item.step], kind) if item.step < len(steps) else None

    def delete(self, item_id: str) -> Item:
        """Take an item out of the meeting (undo brings it back)."""
        old = self.item(item_id)
        with self._change(f"Deleted {old.kind.label.lower()} {quote(old.text)}", meeting=False):
            self.items = _swapped(self.items, old)
        return old

    def places(self, item_id: str) -> list[tuple[int, str]]:
        """Where else the item can be filed, in agenda order: each presenter's slot (its first
        step, "Ana Silva's slot") and each group step (by its name, with its number where two
        share it), leaving out the place the item is in."""
        item, steps = self.item(item_id), self.meeting.steps
        names = Counter(s.name for s in steps if s.presenter_id is None)
        found: list[tuple[int, str]] = []
        seen: set[str] = set()
        for index, step in enumerate(steps):
            if step.presenter_id is None:
                if index != item.step or item.presenter_id is not None:
                    many = names[step.name] > 1
                    found.append((index, f"{step.name} (step {index + 1})" if many else step.name))
            elif step.presenter_id not in seen:
                seen.add(step.presenter_id)
                if step.presenter_id != item.presenter_id:
                    found.append((index, f"{self.meeting.name_of(step.presenter_id)}'s slot"))
        return found

    def move(self, item_id: str, step: int) -> Item:
        """File an item under the place at ``step`` (one of ``places``): a presenter's slot,
        or a group step. Returns the item as moved."""
        old = self.item(item_id)
        label = dict(self.places(item_id))[step]
        target = self.meeting.steps[step]
        new = old.model_copy(update={"presenter_id": target.presenter_id, "step": step})
        with self._change(f"Moved {quote(old.text)} to {label}", meeting=False):
            self.items = _swapped(self.items, old, new)
        return new

    def keep_draft(self, draft: Draft) -> None:
        """Save the entry box's unsent text (and what it is for) if it has changed, off the
        event loop (a failed save is logged in altui.log)."""
        if draft != self.draft:
            self._drafts.keep(draft)
            self.draft = draft

    @property
    def draft_trouble(self) -> str:
        """Why the unsent text could not be kept on disk ("" when it is)."""
        return self._drafts.trouble

    def settle(self) -> bool:
        """Wait until the draft is on disk (when the console closes); False if that timed out."""
        return self._drafts.settle()

    # report back -----------------------------------------------------------------------------

    def review(
        self, commitment: Commitment, status: ReviewStatus | None = None, note: str | None = None
    ) -> Commitment:
        """Record a status or a note on ``commitment``; returns it as it now stands.

        Each note is recorded once; the newest review always holds the current status.
        """
        current = next(c for c in self.commitments() if c.action.id == commitment.action.id)
        review = current.review(self.clock.now(), status or current.status, note or "")
        what = f"marked {status.label.lower()}" if status else f"note {quote(note or '')}"
        with self._change(f"{current.owner}: {what}", meeting=False):
            self.reviews = [*self.reviews, review]
            self._commitments = None
        return next(c for c in self.commitments() if c.action.id == current.action.id)

    # the end ---------------------------------------------------------------------------------

    def close(self, next_date: date | None = None) -> None:
        """End the meeting: the clock stops, the next date is saved, and a backup is made.

        The next date is ``next_date``, else the one saved already, else ``NEXT_GAP`` on: an
        ended meeting always names its next one (the summary shows it; a calendar event can be
        made of it).

        Ending is one saved change (undo reopens it). The backup and the commitments open for
        the next meeting are made after it; if they fail, the meeting is still ended and the
        error is raised for the screen to say so.
        """
        saved, held = self.meeting.next_date, self.meeting.date
        if next_date is not None:
            self._check_next_date(next_date)
        else:
            next_date = saved if saved and saved > held else held + NEXT_GAP
        with self._change(f"End meeting {self.meeting.number}"):
            now = self.clock.now()
            timing.stop(self.step, now)
            self.meeting.next_date = next_date
            self.meeting.status = MeetingStatus.CLOSED
        self.store.backup(self.meeting.set_slug, f"meeting-{self.meeting.number}-end", now)
        with suppress(AltuiError):  # a damaged older file is reported when it is next read
            open_commitments(self.store, self.meeting.set_slug, self.meeting.number + 1)

    def _check_reopenable(self) -> None:
        latest = max(self.store.meeting_numbers(self.meeting.set_slug), default=0)
        if latest > self.meeting.number:
            raise NotSaved(
                f"Meeting {self.meeting.number} cannot be reopened: "
                f"meeting {latest} has started since"
            )

    def reopen(self) -> None:
        """Open an ended meeting again where it stopped: same step, clock, items, reports.

        The ending leaves the journal, so undo goes on to what came before it.
        """
        if not self.closed:
            return
        self._check_reopenable()
        before = self._state()
        ends = [n for n, c in enumerate(self.journal) if c.meeting.get("status") == RUNNING]
        if ends:
            del self.journal[ends[-1]]
        self.meeting.status = MeetingStatus.RUNNING
        timing.start(self.step, self.clock.now())
        try:
            self._write()
        except (AltuiError, OSError) as exc:
            self._put_back(before)
            raise NotSaved(f"Reopen meeting {self.meeting.number}: not saved ({exc})") from exc

    def set_next_date(self, next_date: date) -> None:
        """Record the next meeting's date (after this meeting's)."""
        self._check_next_date(next_date)
        with self._change(f"Next meeting on {next_date.isoformat()}"):
            self.meeting.next_date = next_date

    def _check_next_date(self, next_date: date) -> None:
        """NotSaved, in one line, if ``next_date`` is not after this meeting."""
        held = self.meeting.date
        if next_date <= held:
            raise NotSaved(
                f"{next_date.isoformat()} is not after this meeting ({held.isoformat()}): "
                "give a later date"
            )


@dataclass(frozen=True)
class Opened:
    """A meeting open for writing: its `LiveMeeting` and the writer lock held for it."""

    live: LiveMeeting
    lock: MeetingLock
    upgraded: list[Path]
    """The set's files brought to this version's format on the way (each backed up first)."""


def open_for_writing(store: Store, meeting: Meeting, clock: Clock, reopen: bool = False) -> Opened:
    """Open ``meeting`` for writing, as the console and the app's screens both do.

    Its writer lock first (another console holding it is refused in one line), then the set's
    older files are upgraded, then the meeting is loaded; with ``reopen``, an ended meeting opens
    again where it stopped. If any of it fails, the lock is let go.
    """
    lock = store.meeting_lock(meeting)
    lock.acquire()
    try:
        upgraded = store.upgrade(meeting.set_slug, clock.now())
        live = LiveMeeting(store, meeting, clock)
        if reopen:
            live.reopen()
    except BaseException:
        lock.release()
        raise
    return Opened(live, lock, upgraded)


def _stored(meeting: Meeting) -> dict[str, Any]:
    """The meeting as its file holds it."""
    return meeting.model_dump(mode="json", by_alias=True)


def _position(items: list[Item], item_id: str, likely: int) -> int | None:
    """Where the item ``item_id`` is in ``items`` (looked for at ``likely`` first), if it is."""
    if likely < len(items) and items[likely].id == item_id:
        return likely
    ids = list(map(attrgetter("id"), items))
    return ids.index(item_id) if item_id in ids else None


def _swapped(items: list[Item], old: Item, *new: Item) -> list[Item]:
    """``items`` with ``old`` (found by identity, in C) taken out and ``new`` put in its place."""
    at = next(compress(count(), map(is_, items, repeat(old))))
    return [*items[:at], *new, *items[at + 1 :]]


def _replaced(old: list[Any], new: list[Any]) -> tuple[list[int], list[int]]:
    """The positions in ``old`` of what ``new`` no longer holds, and in ``new`` of what ``old``
    did not hold: the very objects compared, past the start and end the two lists share."""
    start, end = same_ends(old, new)
    was, now = old[start : len(old) - end], new[start : len(new) - end]
    both = set(map(id, was)).intersection(map(id, now))  # moved, not replaced
    return (
        [start + n for n, doc in enumerate(was) if id(doc) not in both],
        [start + n for n, doc in enumerate(now) if id(doc) not in both],
    )


def _header_before(
    old: dict[str, Any], new: dict[str, Any]
) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """What of the meeting a change altered, as it was before: its fields, and its steps by
    position when the list kept its length (both stored form). Kept small, as every save
    writes it."""
    if old is new:  # ``_change`` hands back the very one when the meeting is unchanged
        return {}, {}
    fields = {name: value for name, value in old.items() if new.get(name) != value}
    steps: dict[int, dict[str, Any]] = {}
    if "steps" in fields and len(old["steps"]) == len(new["steps"]):
        del fields["steps"]
        steps = {
            n: s for n, (s, t) in enumerate(zip(old["steps"], new["steps"], strict=True)) if s != t
        }
    return fields, steps


def _looks_like_score(text: str) -> bool:
    """A line that is only a number (with /10 perhaps): meant as a score, not as a learning."""
    number = text.strip().removesuffix("/10").strip().lstrip("+-")
    return number.replace(".", "", 1).isdigit()


def _check_length(body: str) -> None:
    if len(body) > TEXT_MAX:
        raise NotSaved(f"That line is {len(body):,} characters; the most is {TEXT_MAX:,}")


def _default_tag(step: Step, kind: ItemKind) -> ItemTag | None:
    """The tag an item of ``kind`` gets in ``step`` unless another is chosen."""
    return step.tag if kind is step.kind else None
