"""One writer per meeting: the lock file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from altui.errors import AltuiError
from altui.lock import MeetingLock


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_lock_is_taken_and_released(tmp_path):
    path = tmp_path / "0001.lock"
    with MeetingLock(path, "hint"):
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert not path.exists()


def test_lock_held_by_a_live_process_is_refused_with_its_pid(tmp_path):
    path = tmp_path / "0001.lock"
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        path.write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname()}))
        with pytest.raises(AltuiError, match=f"process {holder.pid}.*follow it"):
            MeetingLock(path, "follow it read-only").acquire()
        assert json.loads(path.read_text())["pid"] == holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    path = tmp_path / "0001.lock"
    path.write_text(json.dumps({"pid": dead_pid(), "host": socket.gethostname()}))
    lock = MeetingLock(path, "hint")
    lock.acquire()
    assert json.loads(path.read_text())["pid"] == os.getpid()
    lock.release()


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs /proc")
def test_lock_left_by_a_process_that_exited_but_was_not_reaped_is_taken_over(tmp_path):
    """A console killed under a parent that has not collected it yet (a zombie) holds nothing."""
    path = tmp_path / "0001.lock"
    exited = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        state = Path(f"/proc/{exited.pid}/stat")
        deadline = time.monotonic() + 30
        while state.read_text().rpartition(")")[2].split()[0] != "Z":
            assert time.monotonic() < deadline, "the child never exited"
            time.sleep(0.01)
        path.write_text(json.dumps({"pid": exited.pid, "host": socket.gethostname()}))
        with MeetingLock(path, "hint"):
            assert json.loads(path.read_text())["pid"] == os.getpid()
    finally:
        exited.wait()


def test_garbled_lock_file_is_taken_over(tmp_path):
    path = tmp_path / "0001.lock"
    path.write_text("{not json")
    with MeetingLock(path, "hint"):
        assert json.loads(path.read_text())["pid"] == os.getpid()


def test_release_does_not_remove_a_lock_it_does_not_hold(tmp_path):
    path = tmp_path / "0001.lock"
    path.write_text(json.dumps({"pid": 1, "host": "elsewhere"}))
    MeetingLock(path, "hint").release()
    assert path.exists()
