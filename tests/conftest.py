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

import pytest

from altui import guard
from altui.app import Altui, make_app
from altui.clock import FakeClock
from altui.meetings import start_or_resume
from altui.models import Meeting, Set
from altui.sets import new_set
from altui.store import Store
from tests.builders import MEMBERS

os.environ["TZ"] = "UTC"  # the header shows local times; pin them so pictures are stable
time.tzset()

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
    return new_set(store, "Team Tiger", list(MEMBERS), "classic", clock)


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
