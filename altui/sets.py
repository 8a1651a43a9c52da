"""Set administration: making a set, then its name, its default plan, its members, archiving it.

:func:`new_set` creates a set; every other function reads the set from the store, changes it,
saves it with ``Store.save_set`` and returns the saved set. A problem the user can fix (an empty
or duplicate name, an unknown member or plan, an archived set) is an :class:`AltuiError` with a
one-line message, and nothing is written.

Past meetings keep their own copy of who presented, so renaming or removing a member never
changes a meeting already held; and a set's folder (its slug) never changes, so nothing on disk
moves when a set is renamed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from altui.clock import Clock
from altui.commitments import LEFT, open_commitments
from altui.errors import AltuiError
from altui.models import (
    Commitment,
    Departure,
    Meeting,
    MeetingStatus,
    Member,
    Set,
    clean_name,
    first_name,
    name_key,
    slugify,
)
from altui.plans import find_plan
from altui.store import Store
from altui.text import count, quoted, shorten


class Leaving(StrEnum):
    """What becomes of a leaving member's open commitments."""

    DROP = "drop"
    KEEP = "keep"


class OpenCommitments(AltuiError):
    """A member with open commitments is leaving, and nobody has said what becomes of them."""

    def __init__(self, member: Member, still: list[Commitment]) -> None:
        super().__init__(
            f"{member.name} has {count(len(still), 'open commitment')}: say whether they are "
            f"dropped or kept (they come back under {member.name + LEFT!r})"
        )
        self.member = member
        self.still = still


def archived(the_set: Set) -> str:
    """The one line that says an archived set must be unarchived first."""
    return (
        f"{the_set.name!r} is archived; unarchive it first "
        f"(a on the home screen, or: altui set unarchive {quoted(the_set.name)})"
    )


def new_set(store: Store, name: str, members: list[str], plan: str, clock: Clock) -> Set:
    """Create and store a set; empty or duplicate names are refused with a clear message."""
    find_plan(plan)
    name = checked_name("set name", name)
    candidate = Set(name=name, slug=slugify(name), plan=plan, created=clock.now())
    built = [Member(name=checked_name("member name", m)) for m in members]
    seen: set[str] = set()
    for member in built:
        if name_key(member.name) in seen:
            raise AltuiError(f"member {member.name!r} is named twice")
        seen.add(name_key(member.name))
    candidate.members = built
    return store.create_set(candidate)


def new_set_name(store: Store, name: str) -> str:
    """A typed name for a new set, as kept; refused in one line if it cannot be a name or a
    set has it already (asked before the members are typed)."""
    kept = checked_name("set name", name)
    store.refuse_taken(kept)
    return kept


def _changeable(store: Store, name: str) -> Set:
    """The set called ``name``, or an AltuiError if it is archived."""
    the_set = store.find_set(name)
    if the_set.archived:
        raise AltuiError(archived(the_set))
    return the_set


def checked_name(what: str, value: str) -> str:
    """A typed name as kept (see ``models.clean_name``), or an AltuiError in one line saying
    which name is wrong and why."""
    try:
        return clean_name(value)
    except ValueError as exc:
        raise AltuiError(f"{what} {shorten(value, 60)!r}: {exc}") from None


def member_named(the_set: Set, name: str) -> Member:
    """The member a command names: by their whole name, else by a first name no other member
    has (both in any case, NFC); refused in one line when nobody, or more than one, is meant."""
    member = the_set.member(name)
    if member is not None:
        return member
    wanted = name_key(name)
    meant = [m for m in the_set.members if name_key(first_name(m.name)) == wanted]
    if len(meant) == 1:
        return meant[0]
    if meant:
        names = " or ".join(repr(m.name) for m in meant)
        raise AltuiError(f"{name!r} could be {names} in {the_set.name!r}: give the whole name")
    known = ", ".join(m.name for m in the_set.members) or "none"
    raise AltuiError(f"{name!r} is not a member of {the_set.name!r} (members: {known})")


def _refuse_member_twice(the_set: Set, name: str, keep: Member | None = None) -> None:
    taken = the_set.member(name)
    if taken is not None and (keep is None or taken.id != keep.id):
        raise AltuiError(f"a member called {taken.name!r} is already in {the_set.name!r}")


def rename_set(store: Store, name: str, new_name: str) -> Set:
    """Give the set called ``name`` a new name; its folder stays where it is."""
    the_set = _changeable(store, name)
    wanted = checked_name("new set name", new_name)
    for other in store.sets():
        if other.slug != the_set.slug and name_key(other.name) == name_key(wanted):
            raise AltuiError(f"a set called {other.name!r} already exists")
    the_set.name = wanted
    store.save_set(the_set)
    return the_set


def archive_set(store: Store, name: str) -> Set:
    """Mark the set as archived: it is kept, readable and exportable, but no longer current.

    Refused while its meeting is open in a console.
    """
    the_set = store.find_set(name)
    latest = store.latest_meeting(the_set.slug)
    if (
        latest is not None
        and latest.status is MeetingStatus.RUNNING
        and store.meeting_lock(latest).taken()
    ):
        raise AltuiError(
            f"meeting {latest.number} of {the_set.name!r} is open in a console; "
            "end it (or quit that console) before archiving the set"
        )
    the_set.archived = True
    store.save_set(the_set)
    return the_set


def unarchive_set(store: Store, name: str) -> Set:
    """Make an archived set current again: it can be changed and hold meetings."""
    the_set = store.find_set(name)
    the_set.archived = False
    store.save_set(the_set)
    return the_set


def set_default_plan(store: Store, set_name: str, plan: str) -> Set:
    """Make ``plan`` (a shipped plan's name or a plan file) the set's default for new meetings."""
    the_set = _changeable(store, set_name)
    plan_name, _loaded = find_plan(plan)
    the_set.plan = plan_name
    store.save_set(the_set)
    return the_set


def add_member(store: Store, set_name: str, member_name: str) -> Set:
    """Add a member at the end of the set's list."""
    the_set = _changeable(store, set_name)
    name = checked_name("member name", member_name)
    _refuse_member_twice(the_set, name)
    the_set.members = [*the_set.members, Member(name=name)]
    store.save_set(the_set)
    return the_set


def rename_member(store: Store, set_name: str, old: str, new: str) -> Set:
    """Rename a member; they keep their id, so their place and their history stay theirs."""
    the_set = _changeable(store, set_name)
    member = member_named(the_set, old)
    name = checked_name("new member name", new)
    _refuse_member_twice(the_set, name, keep=member)
    renamed = Member(id=member.id, name=name)
    the_set.members = [renamed if m.id == member.id else m for m in the_set.members]
    store.save_set(the_set)
    return the_set


def _next_number(store: Store, slug: str) -> int:
    """The number the set's next meeting will have (after one in progress)."""
    numbers = store.meeting_numbers(slug)
    return numbers[-1] + 1 if numbers else 1


def commitments_of(store: Store, set_name: str, member_name: str) -> list[Commitment]:
    """The member's commitments that are open for the set's next meeting."""
    the_set = store.find_set(set_name)
    member = member_named(the_set, member_name)
    still = open_commitments(store, the_set.slug, _next_number(store, the_set.slug))
    return [c for c in still if c.owner_id == member.id]


def remove_member(
    store: Store,
    set_name: str,
    member_name: str,
    leaving: Leaving | None = None,
    now: datetime | None = None,
) -> Set:
    """Take a member off the set; the meetings they were part of still show them.

    A member presenting or attending the meeting in progress is refused until it ends.
    Their open commitments are dropped or kept (under their name marked as left) as
    ``leaving`` says; with none given, a member who has any is refused with
    :class:`OpenCommitments`. The departure is kept in the set.
    """
    the_set = _changeable(store, set_name)
    member = member_named(the_set, member_name)
    refuse_in_meeting(store, the_set, member)
    still = commitments_of(store, the_set.slug, member.name)
    if still and leaving is None:
        raise OpenCommitments(member, still)
    dropped = [c.action.id for c in still] if leaving is Leaving.DROP else []
    departure = Departure(
        member=member,
        before=_next_number(store, the_set.slug),
        dropped=dropped,
        created=now or datetime.now(UTC),
    )
    the_set.members = [m for m in the_set.members if m.id != member.id]
    the_set.departures = [*the_set.departures, departure]
    store.save_set(the_set)
    return the_set


def unfinished_meeting(store: Store, the_set: Set) -> Meeting | None:
    """The set's meeting still in progress, if there is one.

    A latest meeting whose file cannot be read (damaged, or not altui's) is not one: it is left
    as it is, and whether the next meeting may start after it is for ``meetings.NextMeeting``
    to say (it may be the meeting in progress, unless its JSON says it was closed).
    """
    try:
        latest = store.latest_meeting(the_set.slug)
    except AltuiError:
        return None
    return latest if latest and latest.status is MeetingStatus.RUNNING else None


def refuse_in_meeting(store: Store, the_set: Set, member: Member) -> None:
    """A member presenting or attending the set's meeting in progress cannot be removed: one
    line says to remove them after it ends."""
    running = unfinished_meeting(store, the_set)
    if running is not None and _takes_part(running, member):
        raise AltuiError(
            f"{member.name} is in meeting {running.number}, which is in progress: "
            "remove them after it ends"
        )


def _takes_part(meeting: Meeting, member: Member) -> bool:
    """Whether ``member`` presents or attends ``meeting`` (one that did not record who came,
    from an older altui, counts every member who did not send apologies)."""
    if member.id in {m.id for m in meeting.apologies}:
        return False
    came = meeting.presenters + meeting.attendees
    return not meeting.attendees or member.id in {m.id for m in came}
