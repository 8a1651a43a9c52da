"""One writer per meeting: a lock file beside the meeting file, naming the process that holds it.

A lock left by a process that is gone (killed, crashed, laptop battery) is taken over silently.
Readers never need the lock: every write replaces the file whole.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from types import TracebackType

from altui.errors import AltuiError


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (one that has exited but not been reaped is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc here (macOS): trust the signal check
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def _holder(path: Path) -> dict[str, object] | None:
    """Who holds the lock, or None when nobody (or only a dead process) does."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None  # a half-written or unreadable lock protects nothing
    if not isinstance(holder, dict):
        return None
    pid, host = holder.get("pid"), holder.get("host")
    if not isinstance(pid, int) or (host == socket.gethostname() and not _alive(pid)):
        return None
    return holder


class MeetingLock:
    """Held while a console has a meeting open for writing."""

    def __init__(self, path: Path, follow_hint: str) -> None:
        self.path = path
        self.follow_hint = follow_hint
        self.held = False

    def acquire(self) -> None:
        """Take the lock, or refuse with a message naming the process that has it."""
        me = {"pid": os.getpid(), "host": socket.gethostname()}
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                holder = _holder(self.path)
                if holder is not None and holder.get("pid") != os.getpid():
                    raise AltuiError(
                        f"this meeting is already open in another altui (process "
                        f"{holder.get('pid')} on {holder.get('host')}); {self.follow_hint}"
                    ) from None
                self.path.unlink(missing_ok=True)  # left by a process that is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(me, handle)
            self.held = True
            return
        raise AltuiError(f"could not take the lock {self.path}; try again")

    def taken(self) -> bool:
        """Whether a console that is still running (this one or another) holds the lock."""
        return _holder(self.path) is not None

    def release(self) -> None:
        """Give the lock up (only if this process holds it)."""
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

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
