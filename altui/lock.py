"""One writer per meeting: a kernel lock (``flock``) on a file beside the meeting file; and one
console at a time starting a set's next meeting (``starting``).

The lock is held on an open file for as long as the console runs; the kernel drops it when the
process ends, however it ends (kill -9 included), so a dead console never blocks a meeting and
there is nothing stale to take over. The holder's pid and host are written into the file after
the lock is taken, only so that a refusal can name them.

Readers never need the lock: every write replaces the file whole.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from altui.errors import AltuiError

START_WAIT = 10.0
"""Seconds a console waits for another that is starting a meeting of the same set (a start
takes milliseconds: reading the last meeting, writing the new one and a backup)."""
_START_POLL = 0.01
_START = "the set's start lock"

_HOLDER_MAX = 4096
"""The most of a lock file read to name its holder (it holds a line of JSON)."""

_held: dict[Path, MeetingLock] = {}
"""The locks this process holds, by path: opening the same meeting again takes this one over."""


def _holder(fd: int) -> str:
    """Who holds the lock, in words, from the lock file open at ``fd``."""
    try:
        holder = json.loads(os.pread(fd, _HOLDER_MAX, 0))
        pid, host = holder["pid"], holder["host"]
    except (OSError, ValueError, TypeError, KeyError):
        pid = host = None  # it has the lock but has not written its name yet
    if not isinstance(pid, int) or not isinstance(host, str) or not host.isprintable():
        return "another altui"
    return f"another altui (process {pid} on {host[:100]})"


def _open(path: Path, what: str = "the meeting's lock") -> int:
    """The lock file, opened (created if needed) without following a link."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise AltuiError(f"{path}: cannot take {what} ({exc.strerror})") from None


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open at ``fd`` (a releasing holder unlinks it)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
    except FileNotFoundError:
        return False


class MeetingLock:
    """Held while a console has a meeting open for writing; ``tidy`` is run each time it is
    taken (with the lock held, so no other console of this meeting is saving)."""

    def __init__(
        self, path: Path, follow_hint: str, tidy: Callable[[], object] | None = None
    ) -> None:
        self.path = path
        self.follow_hint = follow_hint
        self._tidy = tidy
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this lock object holds the lock now."""
        return self._fd is not None

    def _key(self) -> Path:
        return self.path.absolute()

    def acquire(self) -> None:
        """Take the lock, or refuse with a message naming the process that has it.

        If another lock object of this process holds it (the same meeting opened again from the
        home screen), this one takes it over and that one no longer holds it.
        """
        if self.held:
            return
        mine = _held.pop(self._key(), None)
        if mine is not None and mine._fd is not None:
            self._fd, mine._fd = mine._fd, None
            _held[self._key()] = self
            return
        while True:
            fd = _open(self.path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                who = _holder(fd)
                os.close(fd)
                raise AltuiError(
                    f"this meeting is already open in {who}; {self.follow_hint}"
                ) from None
            except OSError as exc:
                os.close(fd)
                raise AltuiError(
                    f"{self.path}: cannot take the meeting's lock ({exc.strerror})"
                ) from None
            if _same_file(fd, self.path):
                break
            os.close(fd)  # its holder released it (and unlinked it) meanwhile: open it afresh
        me = json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode()
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, me, 0)
        except OSError:
            pass  # the lock holds without the name; a refusal then says "another altui"
        self._fd = fd
        _held[self._key()] = self
        if self._tidy is not None:
            with contextlib.suppress(OSError, AltuiError):  # tidying is a nicety, not a need
                self._tidy()

    def taken(self) -> bool:
        """Whether a console that is still running (this one or another) holds the lock.

        Asks the kernel with a shared lock on a read-only descriptor, so it creates nothing and
        works on a read-only folder.
        """
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError:
            return False  # no lock file: nobody has the meeting open
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            os.close(fd)  # closing drops the shared lock just taken
        return False

    def release(self) -> None:
        """Give the lock up (only if this object holds it); the lock file goes with it."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if _held.get(self._key()) is self:
            del _held[self._key()]
        try:
            if _same_file(fd, self.path):
                self.path.unlink(missing_ok=True)  # while still locked: see acquire's re-check
        finally:
            os.close(fd)

    def __enter__(self) -> MeetingLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


@contextlib.contextmanager
def starting(
    path: Path, wait: float = START_WAIT, doing: str = "starting a meeting of this set"
) -> Iterator[None]:
    """Hold the set's start lock (the file ``path``, kept) while the next meeting is chosen and
    created, so that consoles started at the same moment start one meeting, not one each.

    Another console ``doing`` the same is waited for (it takes milliseconds); if it is still at
    it after ``wait`` seconds, this one refuses in one line. The kernel drops the lock when its
    holder ends, however it ends. A folder as ``path`` is locked itself (nothing is created).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except (NotADirectoryError, FileNotFoundError):
        fd = _open(path, _START)
    except OSError as exc:
        raise AltuiError(f"{path}: cannot be locked ({exc.strerror})") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise AltuiError(
                        f"another altui has been {doing} for over {wait:g} s ({path}); try again"
                    ) from None
                time.sleep(_START_POLL)
            except OSError as exc:
                raise AltuiError(f"{path}: cannot be locked ({exc.strerror})") from None
        yield
    finally:
        os.close(fd)  # closing drops the lock
