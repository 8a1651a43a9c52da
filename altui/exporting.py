"""Writing a meeting's Markdown recap and the next meeting's calendar event, for the command
line and the app."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from altui.commitments import report_back_lines
from altui.errors import AltuiError
from altui.files import write_atomic
from altui.models import Meeting, Set
from altui.recap import render_recap
from altui.store import Store

RECAPS = "recaps"
CALENDAR = "calendar"
STDOUT = "-"
"""The output path that means standard output."""


def recap_text(store: Store, the_set: Set, meeting: Meeting, include_private: bool = False) -> str:
    """The meeting's recap as Markdown (private notes only when asked for).

    A damaged earlier meeting leaves the report back out, and the recap's Report back says
    why, naming the file, rather than leaving the members with no recap at all.
    """
    try:
        lines, unreadable = report_back_lines(store, meeting), ""
    except AltuiError as exc:
        lines, unreadable = [], str(exc)
    return render_recap(
        the_set,
        meeting,
        store.items(meeting),
        lines,
        include_private=include_private,
        unreadable=unreadable,
    )


def default_recap_path(store: Store, meeting: Meeting) -> Path:
    """Where the app saves a meeting's recap: ``<data>/<set>/recaps/meeting-0002.md``."""
    return store.root / meeting.set_slug / RECAPS / f"meeting-{meeting.number:04d}.md"


def not_written(path: Path, exc: OSError) -> AltuiError:
    """The one line that says a file could not be written, and why (read-only, disk full)."""
    return AltuiError(f"{path}: cannot be written ({exc.strerror or exc})")


def _keep(target: Path, payload: bytes) -> Path:
    """Write ``payload`` atomically to ``target`` in the data folder, making its folder; a
    failure is an AltuiError (see :func:`not_written`)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(target, payload)
    except OSError as exc:
        raise not_written(target, exc) from None
    return target


def write_recap(store: Store, the_set: Set, meeting: Meeting) -> Path:
    """Write the shareable recap (no private notes) to :func:`default_recap_path`; returns it.

    The one recap writer of the app: a folder that cannot be written is an AltuiError.
    """
    return _keep(default_recap_path(store, meeting), recap_text(store, the_set, meeting).encode())


def ics_text(store: Store, the_set: Set, now: datetime) -> bytes:
    """The meeting after the set's latest as an iCalendar event, in this machine's time zone."""
    from altui.ics import local_zone, next_meeting_ics  # icalendar only when asked for

    latest = store.latest_meeting(the_set.slug)
    if latest is None:
        raise AltuiError(f"{the_set.name!r} has held no meetings yet, so no next one is planned")
    return next_meeting_ics(the_set, latest, local_zone(), now)


def write_ics(store: Store, the_set: Set, now: datetime) -> Path:
    """Write the next meeting's event to ``<data>/<set>/calendar/meeting-0004.ics``; returns it."""
    numbers = store.meeting_numbers(the_set.slug)
    number = numbers[-1] + 1 if numbers else 1
    target = store.root / the_set.slug / CALENDAR / f"meeting-{number:04d}.ics"
    return _keep(target, ics_text(store, the_set, now))


def export_to(path: Path, payload: bytes, force: bool = False) -> bool:
    """Write an exported recap where the user asked; True if that made or replaced a file.

    A link is written through to what it points at. A device, FIFO or terminal is written in
    place, never replaced. A new file is created private (0600) and never clobbers one that
    appears meanwhile; an existing file is replaced (atomically, keeping its mode) only with
    ``force`` and only if this user may write it.
    """
    target = Path(os.path.realpath(path))
    try:
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise not_written(path, exc) from None
    try:
        if found is None:
            _create(target, payload)
        elif stat.S_ISDIR(found.st_mode):
            raise AltuiError(f"{path}: is a folder; give a file name to write the recap to")
        elif not stat.S_ISREG(found.st_mode):
            _write_in_place(target, payload)
            return False
        elif not force:
            raise AltuiError(f"{path}: already exists; add --force to replace it")
        elif not os.access(target, os.W_OK):
            raise AltuiError(f"{path}: not writable by you; left as it is")
        else:
            write_atomic(target, payload, mode=stat.S_IMODE(found.st_mode))
    except OSError as exc:
        raise not_written(path, exc) from None
    return True


def _create(target: Path, payload: bytes) -> None:
    """A new private file; refused if something appeared there meanwhile, removed if it could
    not be written whole (a full disk)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        with open(os.open(target, flags, 0o600), "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        if not isinstance(exc, FileExistsError):
            target.unlink(missing_ok=True)
        raise


def _write_in_place(target: Path, payload: bytes) -> None:
    """Write to a device, FIFO or terminal as it is (a FIFO waits for its reader)."""
    with open(os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC), "wb") as handle:
        handle.write(payload)
