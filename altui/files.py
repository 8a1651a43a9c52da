"""Files in the data folder, below TinyDB: bounded safe reads, crash-safe writes, backup
folders kept in sequence, the leftovers of killed saves, and files others could read.

Nothing here knows TinyDB or which file holds what: ``altui.store`` does.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic_core import from_json

from altui.errors import AltuiError

READ_MAX = 64 << 20
"""Largest data file read, in bytes (years of meetings come to well under a megabyte)."""
TEMP_STALE_SECONDS = 10.0
"""Age after which a temporary file is a killed save's leftover (a save takes milliseconds)."""


def read_data(path: Path, limit: int = READ_MAX) -> bytes | None:
    """The bytes of a file in the data folder, or None if there is none.

    Only a regular file is read (a link to one is followed; a link to ``/dev/zero`` would never
    end), it is opened without blocking (a FIFO in its place would hang every command), and at
    most ``limit`` bytes are read. Anything else is an AltuiError naming the file.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise AltuiError(f"{path}: not a regular file; left untouched")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AltuiError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced between the two looks
            raise AltuiError(f"{path}: not a regular file; left untouched")
        raw = b"" if info.st_size > limit else _read_upto(fd, limit + 1, info.st_size)
    except OSError as exc:
        raise AltuiError(f"{path}: cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(raw) > limit or info.st_size > limit:
        raise AltuiError(f"{path}: over {limit >> 20} MiB, not an altui file; left untouched")
    return raw


def _read_upto(fd: int, most: int, size: int) -> bytes:
    """At most ``most`` bytes from ``fd``: its ``size`` in one read (a buffered read of
    ``most`` bytes sets up a buffer that large for every small file), then on in case the file
    grew meanwhile."""
    parts: list[bytes] = []
    got = 0
    ask = min(size + 1, most)
    while got < most:
        part = os.read(fd, min(ask, most - got))
        if not part:
            break
        parts.append(part)
        got += len(part)
        ask = 1 << 20
    return b"".join(parts)


def parse_json(path: Path, raw: bytes) -> Any:
    """``raw`` decoded as JSON, or one AltuiError naming the file, whatever is wrong with it
    (not UTF-8, not JSON, nested too deep, a number too long).

    pydantic-core's parser reads it (a quarter less time than the json module for altui's files);
    what that refuses, the json module reads as it always did (it also takes a byte-order mark,
    UTF-16, a lone surrogate and deeper nesting) or words what is wrong.
    """
    try:
        return from_json(raw, cache_strings="keys")
    except ValueError:
        pass
    try:
        return json.loads(raw)
    except RecursionError:
        raise AltuiError(f"{path}: not valid JSON (nested too deep); left untouched") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an integer too long
        raise AltuiError(f"{path}: not valid JSON ({exc}); left untouched") from None


def write_atomic(path: Path, payload: bytes, mode: int = 0o600, new: bool = False) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves the old or the new file, never half.

    The new file has ``mode`` (private unless told otherwise). With ``new``, ``path`` must not
    exist: of two writers of the same new file, one gets FileExistsError and writes nothing.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            if mode != 0o600:  # mkstemp's own
                os.fchmod(fd, mode)
            left = memoryview(payload)
            while left:  # written straight from the bytes: a file object would stat the file,
                left = left[os.write(fd, left) :]  # ask if it is a terminal, and copy
            os.fsync(fd)
        finally:
            os.close(fd)
        if new and _linked_new(tmp, path):
            os.unlink(tmp)  # (a rename onto a link of the same file would do nothing)
        else:
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _linked_new(tmp: str, path: Path) -> bool:
    """Claim the name ``path`` for the written file ``tmp`` only if nothing has it
    (FileExistsError if something does): a hard link to it (True), or, where the file system
    has none, an empty file created exclusively (``O_EXCL``) for ``tmp`` to replace (False)."""
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
    return False


def stale_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Temporary files of :func:`write_atomic` in ``folders`` left by saves that never finished:
    older than TEMP_STALE_SECONDS (a younger one may be a save under way in a running console)."""
    cutoff = time.time() - TEMP_STALE_SECONDS
    found = []
    for folder in folders:
        for path in folder.glob(".*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    found.append(path)
    return sorted(found)


def remove_files(paths: Iterable[Path]) -> list[Path]:
    """Delete ``paths``; those removed (one already gone is skipped)."""
    removed = []
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


def _backup_seq(name: str) -> int:
    """A backup's sequence number (0 for one named by time alone, by an older altui)."""
    seq, underscore, _ = name.partition("_")
    return int(seq) if underscore and seq.isdigit() else 0


def _backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, oldest first by sequence (then by name, for older ones)."""
    found = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    return sorted(found, key=lambda p: (_backup_seq(p.name), p.name))


def new_backup(folder: Path, label: str) -> Path:
    """A new, empty, private backup folder in ``folder``, named ``<seq>_<label>``.

    Its sequence number is one more than the newest backup's: backups are ordered by it, never
    by a time in the label, so after the clock is set back the backup just made is the newest.
    """
    folder.mkdir(exist_ok=True, mode=0o700)
    made = _backups(folder)
    seq = _backup_seq(made[-1].name) + 1 if made else 1
    target = folder / f"{seq:06d}_{label}"
    target.mkdir(mode=0o700)
    return target


def prune_backups(folder: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` backups in ``folder`` (newest by sequence)."""
    for old in _backups(folder)[:-keep]:
        shutil.rmtree(old)


def privacy_warnings(root: Path) -> list[str]:
    """Folders and files of the data folder ``root`` (three levels down) that others could read.

    Only real files and folders are looked at: a link's own mode means nothing, and the
    advice to chmod must never reach what a link points to (``/dev/zero``, say).
    """
    found: list[str] = []
    paths = [root, *root.glob("*"), *root.glob("*/*"), *root.glob("*/*/*")]
    for path in paths:
        try:
            mode = (path.stat() if path == root else path.lstat()).st_mode
        except OSError:
            continue
        if (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and mode & 0o077:
            found.append(
                f"{path} can be read by other users (mode {stat.S_IMODE(mode):o}); "
                f"run: chmod {'700' if path.is_dir() else '600'} {path}"
            )
    return found
