"""A set's meetings: choosing who presents, the next meeting, starting or resuming it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from altui import clock as timing
from altui.clock import Clock
from altui.commitments import open_commitments
from altui.dates import weekday_date
from altui.errors import AltuiError
from altui.models import Meeting, Member, Set, Step
from altui.plans import Plan, find_plan
from altui.sets import archived, member_named, unfinished_meeting
from altui.store import Store
from altui.text import quoted

FIRST_MEETING = "No report back: this is the set's first meeting."
NOTHING_OPEN = "No report back: nothing is open from earlier meetings."
SKIP_DAMAGED = "--skip-damaged"
"""The option of ``altui meet`` and ``altui demo`` that starts the next meeting after a last
meeting whose file cannot be read (see ``NextMeeting.refuse_damaged``)."""


def choose_members(the_set: Set, names: list[str]) -> list[Member]:
    """The members named (see ``sets.member_named``), in that order, each once."""
    chosen: list[Member] = []
    for name in names:
        member = member_named(the_set, name)
        if member not in chosen:
            chosen.append(member)
    return chosen


def choose_presenters(
    the_set: Set, names: list[str] | None, away: Sequence[Member] = ()
) -> list[Member]:
    """The members named (in that order), or every member not ``away`` when none are named;
    a member who sent apologies cannot present."""
    if not names:
        return [m for m in the_set.members if m not in away]
    chosen = choose_members(the_set, names)
    for member in chosen:
        if member in away:
            raise AltuiError(f"{member.name!r} sent apologies, so cannot present")
    return chosen


@dataclass(frozen=True)
class NextMeeting:
    """The set's next meeting before it starts: its number, whether it has a report back, the
    date the last meeting planned for it, and the day the last meeting was held."""

    number: int
    report_back: bool
    planned_on: date | None = None
    last_held: date | None = None
    unreadable: str = ""
    """Why the last meeting's file cannot be read ("" when it can, or when its JSON says the
    meeting was closed): it may be the meeting in progress. See ``damage_doubt``."""
    backups: Path | None = None
    """The set's backups folder, to restore that file from."""

    def held_on(self, today: date) -> date:
        """The date it is recorded on: the day it is started, ``today``, whatever the date
        planned for it (a plan, for the summary and the calendar, not a record). A computer
        whose date is before the last meeting's never stops the room: see ``date_doubt``."""
        return today

    def date_doubt(self, today: date) -> str:
        """One line of warning when ``today`` is before the last meeting's date ("" when it is
        not): the computer's date may be wrong, or the last meeting was dated ahead (earlier
        versions of altui recorded the date planned for a meeting as the day it was held)."""
        if self.last_held is None or today >= self.last_held:
            return ""
        return (
            f"Meeting {self.number - 1} is dated {weekday_date(self.last_held)}, after today "
            f"({weekday_date(today)}): is this computer's date right? This meeting is dated today."
        )

    def damage_doubt(self) -> str:
        """One line of warning when the last meeting's file cannot be read and may be the
        meeting in progress ("" when it can be read, or says the meeting was closed)."""
        if not self.unreadable:
            return ""
        return (
            f"Meeting {self.number - 1} may still be in progress, but its file cannot be read: "
            f"{self.unreadable}. Ctrl+S starts meeting {self.number} after it; to go on with "
            f"meeting {self.number - 1} instead, restore its file from {self.backups} "
            "(README: Restore a backup)."
        )

    def refuse_damaged(self) -> None:
        """Refuse in one line to start this meeting while the last one's file cannot be read
        and may be the meeting in progress (see ``damage_doubt``)."""
        if self.unreadable:
            raise AltuiError(
                f"{self.unreadable}. Meeting {self.number - 1} may still be in progress, so "
                f"meeting {self.number} was not started: restore the file from {self.backups} "
                f"(README: Restore a backup), or add {SKIP_DAMAGED} to start meeting "
                f"{self.number} after it anyway"
            )

    def steps(
        self, plan: Plan, presenters: list[Member], slot_minutes: dict[str, float] | None = None
    ) -> list[Step]:
        """The steps this meeting gets: the plan for these presenters, without its report-back
        steps if nothing is open."""
        expanded = plan.expand(presenters, slot_minutes)
        return [step for step in expanded if self.report_back or not step.report_back]

    def left_out(self, plan: Plan) -> str:
        """One line saying why the plan's report back is left out ("" when it is not)."""
        if self.report_back or not any(step.report_back for step in plan.steps):
            return ""
        return FIRST_MEETING if self.number == 1 else NOTHING_OPEN


def next_meeting(store: Store, slug: str) -> NextMeeting:
    """The set's next meeting: it has a report back if commitments are open before it.

    If an earlier meeting cannot be read the report back is kept (the facilitator can skip it).
    """
    numbers = store.meeting_numbers(slug)
    number = (numbers[-1] + 1) if numbers else 1
    try:
        report_back = bool(open_commitments(store, slug, number))
    except AltuiError:
        report_back = True
    try:
        last = store.meeting(slug, numbers[-1]) if numbers else None
    except AltuiError as exc:
        if store.said_closed(slug, numbers[-1]):
            return NextMeeting(number, report_back)
        return NextMeeting(
            number, report_back, unreadable=str(exc), backups=store.backups_folder(slug)
        )
    if last is None:
        return NextMeeting(number, report_back)
    return NextMeeting(number, report_back, last.next_date, last.date)


def refuse_archived(the_set: Set) -> None:
    """An archived set holds no meetings: one line says how to unarchive it."""
    if the_set.archived:
        raise AltuiError(archived(the_set))


def refuse_empty(the_set: Set) -> None:
    """A set without members cannot start a meeting: one line says how to add them."""
    if not the_set.members:
        raise AltuiError(
            f"{the_set.name!r} has no members yet; add them first "
            f"(m on the home screen, or: altui member add {quoted(the_set.name)} NAME)"
        )


def start_or_resume(
    store: Store,
    the_set: Set,
    clock: Clock,
    plan: str | None = None,
    presenters: list[str] | None = None,
    apologies: list[str] | None = None,
    skip_damaged: bool = False,
) -> Meeting:
    """Resume the set's unfinished meeting, or start the next one with its first step running.

    The members named in ``apologies`` are recorded as not coming (and so do not present).
    Consoles doing this at the same moment start one meeting: the others resume it. A last
    meeting whose file cannot be read may be the one in progress: no meeting is started after
    it (``NextMeeting.refuse_damaged``) unless ``skip_damaged``.
    """
    refuse_archived(the_set)
    running = unfinished_meeting(store, the_set)
    if running is not None:
        return running
    refuse_empty(the_set)
    away = choose_members(the_set, apologies or [])
    if len(away) == len(the_set.members):
        raise AltuiError("every member sent apologies: there is nobody to hold the meeting")
    chosen = choose_presenters(the_set, presenters, away)
    here = [m for m in the_set.members if m not in away]
    found = find_plan(plan or the_set.plan)
    with store.starting(the_set.slug):
        running = unfinished_meeting(store, the_set)  # started meanwhile by another console
        if running is not None:
            return running
        upcoming = next_meeting(store, the_set.slug)
        if not skip_damaged:
            upcoming.refuse_damaged()
        return _start(
            store, the_set, clock, found, chosen, attendees=here, apologies=away, upcoming=upcoming
        )


def start_meeting(
    store: Store,
    the_set: Set,
    clock: Clock,
    plan: str,
    presenters: list[Member],
    slot_minutes: dict[str, float] | None = None,
    attendees: list[Member] | None = None,
    apologies: list[Member] | None = None,
) -> Meeting:
    """Create the set's next meeting with its first step's clock running, and back up the set.

    ``plan`` is a shipped plan's name or a plan file; its report back is left out when nothing
    is open from earlier meetings, and it is dated the day it starts (see :class:`NextMeeting`).
    An archived set, or one without members, is refused; so is one whose meeting another
    console has started meanwhile (it is resumed, not started again).
    """
    refuse_archived(the_set)
    refuse_empty(the_set)
    found = find_plan(plan)
    with store.starting(the_set.slug):
        running = unfinished_meeting(store, the_set)
        if running is not None:
            raise AltuiError(
                f"meeting {running.number} of {the_set.name!r} has been started meanwhile, "
                "in another altui: go back and open the set to resume it"
            )
        return _start(store, the_set, clock, found, presenters, slot_minutes, attendees, apologies)


def _start(
    store: Store,
    the_set: Set,
    clock: Clock,
    plan: tuple[str, Plan],
    presenters: list[Member],
    slot_minutes: dict[str, float] | None = None,
    attendees: list[Member] | None = None,
    apologies: list[Member] | None = None,
    upcoming: NextMeeting | None = None,
) -> Meeting:
    """``start_meeting`` with the set's start lock held (and ``plan`` found: its name and it;
    ``upcoming`` is the set's next meeting, if looked at already)."""
    plan_name, loaded = plan
    upcoming = upcoming or next_meeting(store, the_set.slug)
    now = clock.now()
    held = upcoming.held_on(now.astimezone().date())
    steps = upcoming.steps(loaded, presenters, slot_minutes)
    timing.start(steps[0], now)
    meeting = Meeting(
        set_slug=the_set.slug,
        number=upcoming.number,
        date=held,
        plan=plan_name,
        presenters=presenters,
        attendees=list(the_set.members) if attendees is None else attendees,
        apologies=apologies or [],
        steps=steps,
        started=now,
        planned_finish=now + timedelta(seconds=sum(step.planned_seconds for step in steps)),
    )
    store.create_meeting(meeting)
    store.backup(the_set.slug, f"meeting-{meeting.number}-start", now)
    return meeting
