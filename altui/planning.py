"""Creating sets and starting (or resuming) their meetings."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import ValidationError

from altui import clock as timing
from altui.clock import Clock
from altui.errors import AltuiError
from altui.models import Meeting, MeetingStatus, Member, Set, slugify
from altui.plans import find_plan
from altui.store import Store


def new_set(store: Store, name: str, members: list[str], plan: str, clock: Clock) -> Set:
    """Create and store a set; empty or duplicate names are refused with a clear message."""
    find_plan(plan)
    try:
        candidate = Set(name=name, slug=slugify(name), plan=plan, created=clock.now())
    except ValidationError as exc:
        raise AltuiError(f"set name {name!r}: {_reason(exc)}") from None
    built: list[Member] = []
    for member_name in members:
        try:
            built.append(Member(name=member_name))
        except ValidationError as exc:
            raise AltuiError(f"member name {member_name!r}: {_reason(exc)}") from None
    seen: set[str] = set()
    for member in built:
        if member.name.casefold() in seen:
            raise AltuiError(f"member {member.name!r} is named twice")
        seen.add(member.name.casefold())
    candidate.members = built
    return store.create_set(candidate)


def _reason(exc: ValidationError) -> str:
    """The first problem in plain words (without pydantic's "Value error, ")."""
    return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")


def choose_presenters(the_set: Set, names: list[str] | None) -> list[Member]:
    """The members named (in that order), or every member when none are named."""
    if not names:
        return list(the_set.members)
    chosen: list[Member] = []
    for name in names:
        member = the_set.member(name)
        if member is None:
            known = ", ".join(m.name for m in the_set.members) or "none"
            raise AltuiError(f"{name!r} is not a member of {the_set.name!r} (members: {known})")
        if member not in chosen:
            chosen.append(member)
    return chosen


def unfinished_meeting(store: Store, the_set: Set) -> Meeting | None:
    """The set's meeting still in progress, if there is one."""
    latest = store.latest_meeting(the_set.slug)
    return latest if latest and latest.status is MeetingStatus.RUNNING else None


def start_or_resume(
    store: Store,
    the_set: Set,
    clock: Clock,
    plan: str | None = None,
    presenters: list[str] | None = None,
) -> Meeting:
    """Resume the set's unfinished meeting, or start the next one with its first step running."""
    running = unfinished_meeting(store, the_set)
    if running is not None:
        return running
    chosen = choose_presenters(the_set, presenters)
    return start_meeting(store, the_set, clock, plan or the_set.plan, chosen)


def start_meeting(
    store: Store,
    the_set: Set,
    clock: Clock,
    plan: str,
    presenters: list[Member],
    slot_minutes: dict[str, float] | None = None,
    attendees: list[Member] | None = None,
    apologies: list[Member] | None = None,
    on: date | None = None,
) -> Meeting:
    """Create the set's next meeting with its first step's clock running, and back up the set.

    ``plan`` is a shipped plan's name or a plan file.
    """
    plan_name, loaded = find_plan(plan)
    numbers = store.meeting_numbers(the_set.slug)
    steps = loaded.expand(presenters, slot_minutes)
    now = clock.now()
    timing.start(steps[0], now)
    meeting = Meeting(
        set_slug=the_set.slug,
        number=(numbers[-1] + 1) if numbers else 1,
        date=on or now.astimezone().date(),
        plan=plan_name,
        presenters=presenters,
        attendees=list(the_set.members) if attendees is None else attendees,
        apologies=apologies or [],
        steps=steps,
        planned_finish=now + timedelta(seconds=sum(step.planned_seconds for step in steps)),
    )
    store.create_meeting(meeting)
    store.backup(the_set.slug, f"meeting-{meeting.number}-start", now)
    return meeting
