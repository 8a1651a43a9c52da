"""Shared fixtures: a data folder in tmp, a frozen clock, a set with a meeting under way."""

from __future__ import annotations

import builtins
import errno
import gc
import io
import logging
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from altui import guard
from altui.app import Altui, make_app
from altui.clock import FakeClock
from altui.history import History, MemberFollowThrough
from altui.meetings import start_or_resume
from altui.models import Meeting, Set
from altui.sets import new_set
from altui.store import Store

os.environ["TZ"] = "UTC"  # the header shows local times; pin them so pictures are stable
time.tzset()

MEMBERS = ["Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"]


async def until(pilot: Any, check: Callable[[], object], what: str) -> None:
    """Let the app's own timers and messages run until ``check()`` holds (3 s at most)."""
    for _ in range(60):
        await pilot.pause(0.05)
        if check():
            return
    raise AssertionError(f"the screen never showed {what}")


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


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@pytest.fixture
def forbid_writes(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], list[str]]:
    """Make a folder behave as a read-only mount for this process: every call that would create,
    change or remove something under it fails with EROFS and is listed (the list is returned)."""
    tried: list[str] = []

    def install(root: Path) -> list[str]:
        inside = str(Path(root).absolute())

        def refuse(what: str, path: object) -> None:
            target = os.path.abspath(os.fsdecode(path)) if not isinstance(path, int) else ""
            if target == inside or target.startswith(inside + os.sep):
                tried.append(f"{what} {target}")
                raise OSError(errno.EROFS, "Read-only file system", target)

        def guard(name: str, real: Callable[..., object], flags: Callable[..., bool]) -> None:
            def checked(path: object, *args: object, **kwargs: object) -> object:
                if flags(*args, **kwargs):
                    refuse(name, path)
                return real(path, *args, **kwargs)

            monkeypatch.setattr(os, name, checked)

        def writes_by_flags(flags: int = os.O_RDONLY, *_: object, **__: object) -> bool:
            return bool(flags & _WRITE_FLAGS)

        def always(*_: object, **__: object) -> bool:
            return True

        guard("open", os.open, writes_by_flags)
        for name in ("mkdir", "rmdir", "unlink", "remove", "chmod", "utime", "truncate"):
            guard(name, getattr(os, name), always)
        for name in ("replace", "rename", "link", "symlink"):
            real = getattr(os, name)

            def moved(src: object, dst: object, *a: object, _real=real, _n=name, **k: object):
                refuse(_n, src)
                refuse(_n, dst)
                return _real(src, dst, *a, **k)

            monkeypatch.setattr(os, name, moved)
        real_open = io.open

        def opened(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
            if any(ch in mode for ch in "wax+"):
                refuse("open", file)
            return real_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(io, "open", opened)
        monkeypatch.setattr(builtins, "open", opened)
        return tried

    return install


def tree(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file and folder under ``root``: its mode, change time and content (folders: b"")."""
    found = {}
    for path in [root, *sorted(root.rglob("*"))]:
        info = path.lstat()
        content = path.read_bytes() if path.is_file() else b""
        found[str(path)] = (info.st_mode, info.st_mtime_ns, content)
    return found


@pytest.fixture(autouse=True)
def _thaw_after_each_test() -> Iterator[None]:
    """Undo the app's gc.freeze() after each test, so one test's objects are not kept forever."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _fresh_log_after_each_test() -> Iterator[None]:
    """Take off the log file a test's ``start_log`` opened (it is once per process), and forget
    the errors ``guarded`` counted, so the next test logs and is told as a new console is."""
    yield
    for handler in [h for h in guard.log.handlers if isinstance(h, logging.FileHandler)]:
        guard.log.removeHandler(handler)
        handler.close()
    guard._repeats.clear()


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


def retag_newest(live):
    """Give the newest taggable item of the current step its next tag, as Shift+Tab does."""
    from altui.models import TAG_CYCLES, next_tag

    item = [i for i in live.items_here() if i.kind in TAG_CYCLES][-1]
    return live.edit(item.id, item.text, item.kind, next_tag(item.kind, item.tag))


def follow_through(store: Store, slug: str) -> list[MemberFollowThrough]:
    """Each member's follow-through as the History screen asks for it: the set's whole history,
    loaded once, with its current members and departures."""
    the_set = store.set_at(slug)
    return History.load(store, slug).follow_through(the_set.members, the_set.departures)
