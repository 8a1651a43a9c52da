"""Shared fixtures: a data folder in tmp, a frozen clock, a set with a meeting under way."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from altui.app import Altui, make_app
from altui.clock import FakeClock
from altui.models import Meeting, Set
from altui.planning import new_set, start_or_resume
from altui.store import Store

os.environ["TZ"] = "UTC"  # the header shows local times; pin them so pictures are stable
time.tzset()

MEMBERS = ["Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"]


def step_of(meeting: Meeting, name: str, presenter: str | None = None) -> int:
    """The index of the meeting's step called ``name`` (in ``presenter``'s slot, if given)."""
    return next(
        i for i, s in enumerate(meeting.steps) if s.name == name and s.presenter == presenter
    )


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from altui.lock import MeetingLock
    MeetingLock(Path(sys.argv[1]), "hint").acquire()
    print("held", flush=True)
    time.sleep(600)
    """
)


@pytest.fixture
def lock_holder() -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Start another process that takes the lock at a path and keeps it until killed (as a
    console running elsewhere does)."""
    started: list[subprocess.Popen[str]] = []

    def start(path: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline() == "held\n"
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()


@pytest.fixture(autouse=True)
def _thaw_after_each_test() -> Iterator[None]:
    """Undo the app's gc.freeze() after each test, so one test's objects are not kept forever."""
    yield
    gc.unfreeze()


@pytest.fixture
def clock() -> FakeClock:
    """A clock frozen at 14:00 UTC on 25 Nov 2026."""
    return FakeClock(datetime(2026, 11, 25, 14, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty data folder."""
    return Store(tmp_path / "data")


@pytest.fixture
def the_set(store: Store, clock: FakeClock) -> Set:
    """A four-member set using the classic plan."""
    return new_set(store, "Team Tiger", MEMBERS, "classic", clock)


@pytest.fixture
def meeting(store: Store, the_set: Set, clock: FakeClock) -> Meeting:
    """Meeting 1 of the set, first step running, with Ana and Ben presenting.

    Nothing is open before a first meeting, so it has no report-back step.
    """
    return start_or_resume(store, the_set, clock, presenters=["Ana Silva", "Ben Okafor"])


@pytest.fixture
def console(store: Store, the_set: Set, meeting: Meeting, clock: FakeClock) -> Altui:
    """The app opened on the meeting."""
    return make_app(store, clock, the_set, meeting)
