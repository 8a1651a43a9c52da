"""Synthetic set history for the benchmark, made with altui's own models and store.

A set of six members meets monthly; each meeting follows the classic plan with three presenters
(in rotation) and holds ``items`` captured lines, about a tenth of them actions, which later
meetings report back on (done, partly, not done, dropped, or carried forward); as altui's rule has
it, only done and dropped close one, so every other comes back at the next report back.

The set is created with ``sets.new_set`` and the running meeting with
``meetings.start_meeting``. Writing thousands of items one ``LiveMeeting.capture`` at a time would
fsync each one, so each closed meeting's file is written whole, in the shape ``store.py`` writes
(tables ``meeting``, ``items``, ``reviews``, documents from ``model_dump(mode="json",
by_alias=True)``) with ``altui.files.write_atomic``. :func:`check_shape` proves that shape against
a meeting made through the real API, and :func:`verify` reads every meeting back through Store.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from altui.clock import FakeClock, SystemClock
from altui.files import write_atomic
from altui.live import LiveMeeting
from altui.meetings import start_meeting
from altui.models import (
    CLOSING,
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    Member,
    Review,
    ReviewStatus,
    Set,
    Step,
    parse_entry,
)
from altui.plans import find_plan
from altui.sets import new_set, unfinished_meeting
from altui.store import MEETINGS, Store

SET_NAME = "Bench set"
MEMBERS = ["Amira Haddad", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eilidh Ross", "Femi Ade"]
PRESENTERS = 3
PLAN = "classic"
MEETINGS_A_YEAR = 12
SEARCH_WORD = "budget"
"""A word in about one item in a hundred: what the search figure looks for."""

_WORD_TEXT = (
    "team director colleague project deadline meeting client report feedback conflict trust "
    "delegate priority stakeholder role career change board strategy risk plan review time "
    "energy support decision question options pressure workload hiring promotion partner "
    "customer service quality process data launch training mentor boundary voice listen "
    "assumption fear courage habit pattern values purpose learning experiment email call "
    "write ask talk share agree decline negotiate clarify commit notice reflect try test "
    "the a of to and with for about on in my our their next this last week month quarter"
)
_WORDS = _WORD_TEXT.split()
_REVIEW_WEIGHTS = {
    ReviewStatus.DONE: 35,
    ReviewStatus.PARTLY: 20,
    ReviewStatus.NOT_DONE: 15,
    ReviewStatus.DROPPED: 10,
    ReviewStatus.CARRIED: 20,
}


@dataclass(frozen=True)
class BenchHistory:
    """A data folder holding one set with ``closed`` closed meetings and one running."""

    root: Path
    slug: str
    years: int
    closed: int
    items_per_meeting: int
    running: int
    """Number of the running meeting (the one the console opens)."""

    def meeting_path(self, number: int) -> Path:
        """The meeting's file."""
        return self.root / self.slug / MEETINGS / f"{number:04d}.json"


def sentence(rng: random.Random, words: tuple[int, int] = (5, 18)) -> str:
    """A plausible line of text."""
    chosen = [rng.choice(_WORDS) for _ in range(rng.randint(*words))]
    if rng.random() < 0.01:
        chosen.insert(rng.randrange(len(chosen) + 1), SEARCH_WORD)
    return " ".join(chosen).capitalize()


def _typed_line(rng: random.Random) -> str:
    """A line as the facilitator types it, sometimes with a kind character in front."""
    roll = rng.random()
    prefix = "!" if roll < 0.10 else "#" if roll < 0.15 else "?" if roll < 0.20 else ""
    return prefix + sentence(rng)


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


def meeting_payload(meeting: Meeting, items: list[Item], reviews: list[Review]) -> dict[str, Any]:
    """The meeting file's tables, as TinyDB stores them through altui's storage."""
    data: dict[str, Any] = {"meeting": {"1": _dump(meeting)}}
    if items:
        data["items"] = {str(n): _dump(item) for n, item in enumerate(items, start=1)}
    if reviews:
        data["reviews"] = {str(n): _dump(review) for n, review in enumerate(reviews, start=1)}
    return data


def payload_bytes(data: dict[str, Any]) -> bytes:
    """The file's bytes, encoded as altui's storage encodes them."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _closed_steps(presenters: list[Member]) -> tuple[str, list[Step]]:
    name, plan = find_plan(PLAN)
    steps = plan.expand(presenters)
    for step in steps:
        step.spent = step.planned_seconds
        step.visited = True
    return name, steps


def _presenters(members: list[Member], number: int) -> list[Member]:
    return [members[(PRESENTERS * (number - 1) + i) % len(members)] for i in range(PRESENTERS)]


def _meeting_items(
    rng: random.Random, steps: list[Step], start: datetime, count: int
) -> list[Item]:
    offsets, at = [], 0.0
    for step in steps:
        offsets.append(at)
        at += step.planned_seconds
    weights = [step.minutes for step in steps]
    where = sorted(rng.choices(range(len(steps)), weights=weights, k=count))
    items = []
    for index in where:
        step = steps[index]
        kind, text = parse_entry(_typed_line(rng), step.kind)
        moment = offsets[index] + rng.uniform(0, step.planned_seconds)
        items.append(
            Item(
                kind=kind,
                text=text,
                step=index,
                presenter_id=step.presenter_id,
                created=start + timedelta(seconds=moment),
            )
        )
    items.sort(key=lambda item: item.created)
    return items


def build_history(
    root: Path, years: int, items_per_meeting: int, seed: int = 20261125
) -> BenchHistory:
    """A data folder at ``root`` with ``years`` of monthly meetings and one meeting running now."""
    rng = random.Random(seed + years)
    now = datetime.now(UTC).replace(microsecond=0)
    closed = years * MEETINGS_A_YEAR
    first = (now - timedelta(days=30 * closed)).replace(hour=14, minute=0, second=0)
    store = Store(root)
    the_set = new_set(store, SET_NAME, MEMBERS, PLAN, FakeClock(first - timedelta(days=7)))
    open_actions: list[tuple[Item, int]] = []
    for number in range(1, closed + 1):
        held = first + timedelta(days=30 * (number - 1))
        presenters = _presenters(the_set.members, number)
        plan_name, steps = _closed_steps(presenters)
        meeting = Meeting(
            set_slug=the_set.slug,
            number=number,
            date=held.date(),
            plan=plan_name,
            presenters=presenters,
            attendees=list(the_set.members),
            steps=steps,
            current=len(steps) - 1,
            status=MeetingStatus.CLOSED,
            next_date=(held + timedelta(days=30)).date(),
        )
        reviews, still_open = [], []
        for action, origin in open_actions:
            status = rng.choices(list(_REVIEW_WEIGHTS), weights=list(_REVIEW_WEIGHTS.values()))[0]
            reviews.append(
                Review(
                    action_id=action.id,
                    origin=origin,
                    member_id=action.presenter_id,
                    status=status,
                    note=sentence(rng, (3, 10)) if rng.random() < 0.5 else "",
                    created=held + timedelta(minutes=20),
                )
            )
            if status not in CLOSING:  # partly, not done and carried come back next time
                still_open.append((action, origin))
        items = _meeting_items(rng, steps, held, items_per_meeting)
        open_actions = still_open + [(i, number) for i in items if i.kind is ItemKind.ACTION]
        path = root / the_set.slug / MEETINGS / f"{number:04d}.json"
        write_atomic(path, payload_bytes(meeting_payload(meeting, items, reviews)))
    running = start_meeting(
        store,
        the_set,
        FakeClock(now),
        PLAN,
        _presenters(the_set.members, closed + 1),
    )
    return BenchHistory(root, the_set.slug, years, closed, items_per_meeting, running.number)


def verify(history: BenchHistory) -> int:
    """Read every meeting back through Store; the number of items read. Raises if any is off."""
    store = Store(history.root)
    the_set = store.find_set(SET_NAME)
    numbers = store.meeting_numbers(history.slug)
    expected = list(range(1, history.running + 1))
    if numbers != expected:
        raise AssertionError(f"meetings {numbers[:3]}... read back, expected {expected[:3]}...")
    total = 0
    for number in numbers:
        meeting = store.meeting(history.slug, number)
        items = store.items(meeting)
        store.reviews(meeting)
        want = history.items_per_meeting if number <= history.closed else 0
        if len(items) != want or meeting.number != number:
            raise AssertionError(f"meeting {number}: {len(items)} items read back, not {want}")
        total += len(items)
    running = unfinished_meeting(store, the_set)
    if running is None or running.number != history.running:
        raise AssertionError("the running meeting does not read back as unfinished")
    return total


def check_shape(root: Path) -> None:
    """A meeting made through the real API must equal, table for table, what the writer makes.

    Meeting 1 is captured with ``LiveMeeting.enter``; meeting 2 reports back on its actions
    with ``store.add_review`` (before the console opens it); both are closed with
    ``status = CLOSED`` and ``save_meeting``.
    """
    rng = random.Random(7)
    store = Store(root)
    clock = FakeClock(datetime(2026, 1, 7, 14, 0, tzinfo=UTC))
    the_set = new_set(store, "Shape check", MEMBERS[:4], PLAN, clock)
    for number in (1, 2):
        meeting = start_meeting(store, the_set, clock, PLAN, the_set.members[:2])
        if number == 2:
            first = store.items(store.meeting(the_set.slug, 1))
            for action in [i for i in first if i.kind is ItemKind.ACTION][:3]:
                store.add_review(
                    meeting,
                    Review(
                        action_id=action.id,
                        origin=1,
                        member_id=action.presenter_id,
                        status=ReviewStatus.DONE,
                        note="Done " + sentence(rng, (2, 4)),
                        created=clock.now(),
                    ),
                )
        live = LiveMeeting(store, meeting, clock)
        for _ in range(len(meeting.steps)):
            for text in ("!" + sentence(rng), sentence(rng), "# " + sentence(rng)):
                live.enter(text)
            clock.advance(300)
            live.next_step()
        meeting.status = MeetingStatus.CLOSED
        store.save_meeting(meeting)
        path = root / the_set.slug / MEETINGS / f"{number:04d}.json"
        written = json.loads(path.read_bytes())
        written.pop("journal")  # undo's record of changes: not read by what is benchmarked
        rebuilt = meeting_payload(
            store.meeting(the_set.slug, number), store.items(meeting), store.reviews(meeting)
        )
        if written != rebuilt:
            raise AssertionError(f"{path}: the benchmark's writer would not write this file")
        clock.advance(30 * 24 * 3600)


def one_file_copy(history: BenchHistory, path: Path) -> int:
    """The same history in ONE file for TinyDB's stock JSONStorage; the number of documents."""
    the_set = json.loads((history.root / history.slug / "set.json").read_bytes())
    tables: dict[str, dict[str, Any]] = {"sets": the_set["set"], "meetings": {}, "items": {}}
    tables["reviews"] = {}
    for number in range(1, history.running + 1):
        data = json.loads(history.meeting_path(number).read_bytes())
        tables["meetings"][str(number)] = data["meeting"]["1"]
        for name in ("items", "reviews"):
            table = tables[name]
            for doc in data.get(name, {}).values():
                table[str(len(table) + 1)] = {**doc, "meeting": number}
    path.write_text(json.dumps(tables))
    return sum(len(t) for t in tables.values())


def copy_of(history: BenchHistory, root: Path) -> BenchHistory:
    """The same history in another data folder (so two consoles can hold it open at once)."""
    shutil.copytree(history.root, root)
    return replace(history, root=root)


def at_report_back(history: BenchHistory, root: Path) -> BenchHistory:
    """A copy of the history whose running meeting has moved on to its report-back step."""
    copy = copy_of(history, root)
    store = Store(root)
    meeting = store.meeting(history.slug, history.running)
    index = next(i for i, step in enumerate(meeting.steps) if step.report_back)
    LiveMeeting(store, meeting, SystemClock()).go_to(index)
    return copy


def the_set_of(history: BenchHistory) -> Set:
    """The history's set, read through Store."""
    return Store(history.root).find_set(SET_NAME)
