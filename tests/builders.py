"""The builders and readers tests share: the set's members, meetings held with what was typed in
them, closed and reported back on, hostile names and a screen checked for them, the data folder
as it is on disk, a free port.

Fixtures live in ``conftest.py``; this module is imported, so no test module imports another.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from altui.clock import FakeClock
from altui.history import History, MemberFollowThrough
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import (
    TAG_CYCLES,
    Commitment,
    Item,
    Meeting,
    MeetingStatus,
    Review,
    ReviewStatus,
    Set,
    next_tag,
)
from altui.sets import new_set
from altui.store import Store

ANA, BEN, CHLOE, DEV = "Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"
MEMBERS = (ANA, BEN, CHLOE, DEV)  # the conftest ``the_set``, in its order
DAY = 24 * 3600

NAME = "Ana\x9b2J\u202eSilva\x85\u2066x\u2028y"
"""A member name with C1 controls (CSI, NEL), an override, an isolate and a line separator."""
SET_NAME = "Owls\x9d0;pwned\x9c\u202d"
"""A set name with an OSC title change in C1 form and a left-to-right override."""
TEXT = "see \x1b]0;pwned\x07 and \x9b31mred\u2029 \u202eevil"
"""An item with C0 and C1 sequences, a paragraph separator and an override."""
STEERING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""The characters that steer a terminal or reorder text: none may reach the screen."""

Line = tuple[str, str | None, str]
"""A line typed in a meeting: (step name, the presenter whose slot it is or None, typed text)."""


def shown_safely(app: Any) -> str:
    """Every character the app's top screen shows, row by row (as the terminal would get
    them), after checking that no steering character is in it."""
    rows = [strip.text for strip in app.screen._compositor.render_strips()]
    for row in rows:
        assert STEERING.search(row) is None, (type(app.screen).__name__, row)
    return "\n".join(rows)


async def until(pilot: Any, check: Callable[[], object], what: str) -> None:
    """Let the app's own timers and messages run until ``check()`` holds (3 s at most)."""
    for _ in range(60):
        await pilot.pause(0.05)
        if check():
            return
    raise AssertionError(f"the screen never showed {what}")


def hostile(store: Store, clock: FakeClock, name: str = SET_NAME) -> Set:
    """A set with a hostile name and a hostile member, saved as existing data would be."""
    the_set = new_set(store, "Owls", [ANA, BEN], "classic", clock)
    the_set.name = name
    the_set.members[0].name = NAME
    store.save_set(the_set)
    return store.set_at(the_set.slug)


def step_of(meeting: Meeting, name: str, presenter: str | None = None) -> int:
    """The index of the meeting's step called ``name`` (in ``presenter``'s slot, if given)."""
    return next(
        i for i, s in enumerate(meeting.steps) if s.name == name and s.presenter == presenter
    )


def commit(who: str | None, text: str) -> Line:
    """An action ``who`` commits to in their "Commit to actions" step; the set's own (None) is
    agreed in "Process review"."""
    step = "Commit to actions" if who is not None else "Process review"
    return (step, who, f"!{text}")


def hold(
    store: Store,
    the_set: Set,
    clock: FakeClock,
    lines: Iterable[Line] = (),
    presenters: Iterable[str] = (ANA, BEN),
) -> tuple[Meeting, dict[str, Item]]:
    """Start the set's next meeting and type each line in its step, a minute apart.

    Returns the meeting and the items made, keyed by their saved text (the kind character gone).
    """
    meeting = start_or_resume(store, the_set, clock, presenters=list(presenters))
    live = LiveMeeting(store, meeting, clock)
    made: dict[str, Item] = {}
    for step, who, text in lines:
        live.go_to(step_of(meeting, step, who))
        clock.advance(60)
        entered = live.enter(text)
        assert entered is not None and entered.item is not None, text
        made[entered.item.text] = entered.item
    return live.meeting, made


def close(store: Store, clock: FakeClock, meeting: Meeting) -> None:
    """Save ``meeting`` as closed (only its status: no backup, no index, as the console's close
    makes) and move the clock on four weeks, to when a set meets next."""
    meeting.status = MeetingStatus.CLOSED
    store.save_meeting(meeting)
    clock.advance(28 * DAY)


def review(
    store: Store,
    clock: FakeClock,
    meeting: Meeting,
    action: Item,
    origin: int,
    status: ReviewStatus | None,
    note: str = "",
) -> None:
    """Record, half a minute on, what ``meeting`` heard of ``action`` (made in meeting
    ``origin``): a status, a note, or both."""
    clock.advance(30)
    store.add_review(
        meeting,
        Review(
            action_id=action.id,
            origin=origin,
            member_id=action.presenter_id,
            status=status,
            note=note,
            created=clock.now(),
        ),
    )


def texts(commitments: Iterable[Commitment]) -> list[str]:
    """The text of each commitment's action, in order."""
    return [c.action.text for c in commitments]


def retag_newest(live: LiveMeeting) -> Item | None:
    """Give the newest taggable item of the current step its next tag, as Shift+Tab does."""
    item = [i for i in live.items_here() if i.kind in TAG_CYCLES][-1]
    return live.edit(item.id, item.text, item.kind, next_tag(item.kind, item.tag))


def follow_through(store: Store, slug: str) -> list[MemberFollowThrough]:
    """Each member's follow-through as the History screen asks for it: the set's whole history,
    loaded once, with its current members and departures."""
    the_set = store.set_at(slug)
    return History.load(store, slug).follow_through(the_set.members, the_set.departures)


def tree(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file and folder under ``root``: its mode, change time and content (folders: b"")."""
    found = {}
    for path in [root, *sorted(root.rglob("*"))]:
        info = path.lstat()
        content = path.read_bytes() if path.is_file() else b""
        found[str(path)] = (info.st_mode, info.st_mtime_ns, content)
    return found


def files(root: Path) -> dict[Path, bytes]:
    """Every file under ``root`` and its content."""
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
