"""Changing a set after it is made: its name, its default plan, its members, archiving it.

Each function reads the set from the store, changes it, saves it with ``Store.save_set`` and
returns the saved set. A problem the user can fix (an empty or duplicate name, an unknown member
or plan) is an :class:`AltuiError` with a one-line message, and nothing is written.

Past meetings keep their own copy of who presented, so renaming or removing a member never
changes a meeting already held; and a set's folder (its slug) never changes, so nothing on disk
moves when a set is renamed.
"""

from __future__ import annotations

from altui.errors import AltuiError
from altui.models import Member, Set, clean_name
from altui.plans import find_plan
from altui.store import Store
from altui.text import shorten


def _checked(what: str, value: str) -> str:
    """``value`` trimmed, or an AltuiError saying which name is wrong and why."""
    try:
        return clean_name(value)
    except ValueError as exc:
        raise AltuiError(f"{what} {shorten(value, 60)!r}: {exc}") from None


def _member_of(the_set: Set, name: str) -> Member:
    member = the_set.member(name)
    if member is None:
        known = ", ".join(m.name for m in the_set.members) or "none"
        raise AltuiError(f"{name!r} is not a member of {the_set.name!r} (members: {known})")
    return member


def _refuse_member_twice(the_set: Set, name: str, keep: Member | None = None) -> None:
    taken = the_set.member(name)
    if taken is not None and (keep is None or taken.id != keep.id):
        raise AltuiError(f"a member called {taken.name!r} is already in {the_set.name!r}")


def rename_set(store: Store, name: str, new_name: str) -> Set:
    """Give the set called ``name`` a new name; its folder stays where it is."""
    the_set = store.find_set(name)
    wanted = _checked("new set name", new_name)
    for other in store.sets():
        if other.slug != the_set.slug and other.name.casefold() == wanted.casefold():
            raise AltuiError(f"a set called {other.name!r} already exists")
    the_set.name = wanted
    store.save_set(the_set)
    return the_set


def archive_set(store: Store, name: str) -> Set:
    """Mark the set as archived: it is kept, readable and exportable, but no longer current."""
    the_set = store.find_set(name)
    the_set.archived = True
    store.save_set(the_set)
    return the_set


def set_default_plan(store: Store, set_name: str, plan: str) -> Set:
    """Make ``plan`` (a shipped plan's name or a plan file) the set's default for new meetings."""
    the_set = store.find_set(set_name)
    plan_name, _loaded = find_plan(plan)
    the_set.plan = plan_name
    store.save_set(the_set)
    return the_set


def add_member(store: Store, set_name: str, member_name: str) -> Set:
    """Add a member at the end of the set's list."""
    the_set = store.find_set(set_name)
    name = _checked("member name", member_name)
    _refuse_member_twice(the_set, name)
    the_set.members = [*the_set.members, Member(name=name)]
    store.save_set(the_set)
    return the_set


def rename_member(store: Store, set_name: str, old: str, new: str) -> Set:
    """Rename a member; they keep their id, so their place and their history stay theirs."""
    the_set = store.find_set(set_name)
    member = _member_of(the_set, old)
    name = _checked("new member name", new)
    _refuse_member_twice(the_set, name, keep=member)
    renamed = Member(id=member.id, name=name)
    the_set.members = [renamed if m.id == member.id else m for m in the_set.members]
    store.save_set(the_set)
    return the_set


def remove_member(store: Store, set_name: str, member_name: str) -> Set:
    """Take a member off the set; the meetings they were part of still show them."""
    the_set = store.find_set(set_name)
    member = _member_of(the_set, member_name)
    the_set.members = [m for m in the_set.members if m.id != member.id]
    store.save_set(the_set)
    return the_set
