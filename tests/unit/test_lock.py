"""One writer per meeting: a kernel lock on a file beside the meeting."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from altui.errors import AltuiError
from altui.lock import MeetingLock


def test_lock_is_taken_and_released(tmp_path):
    path = tmp_path / "0001.lock"
    with MeetingLock(path, "hint") as lock:
        assert lock.held
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert not lock.held
    assert not path.exists()


def test_lock_held_by_a_live_process_is_refused_with_its_pid(tmp_path, lock_holder):
    path = tmp_path / "0001.lock"
    process = lock_holder(path)
    with pytest.raises(AltuiError, match=f"process {process.pid} on .*; follow it"):
        MeetingLock(path, "follow it read-only").acquire()
    assert json.loads(path.read_text())["pid"] == process.pid


def test_a_killed_holder_never_blocks_the_meeting(tmp_path, lock_holder):
    path = tmp_path / "0001.lock"
    process = lock_holder(path)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert path.exists()  # left behind, naming the dead process
    with MeetingLock(path, "hint"):
        assert json.loads(path.read_text())["pid"] == os.getpid()


@pytest.mark.parametrize(
    "content",
    [
        '{"pid": 0, "host": "x"}',
        '{"pid": -1, "host": "x"}',
        '{"pid": true, "host": "x"}',
        '{"pid": 99999999999999999999999, "host": "x"}',
        '{"pid": 12345}',
        "[1, 2]",
        "{not json",
        "",
    ],
)
def test_whatever_a_lock_file_says_only_a_live_holder_counts(tmp_path, content):
    """A pid reused after a reboot, a garbled or half-written file: nobody holds the kernel lock,
    so the meeting opens (these used to count as alive, or raise, or block for good)."""
    path = tmp_path / "0001.lock"
    path.write_text(content)
    lock = MeetingLock(path, "hint")
    assert not lock.taken()
    with lock:
        assert lock.taken()
        assert json.loads(path.read_text())["pid"] == os.getpid()


def test_a_holder_that_has_not_written_its_name_is_still_refused(tmp_path, lock_holder):
    path = tmp_path / "0001.lock"
    lock_holder(path)
    path.write_text('{"pid": "\\u202e1", "host": 3}')  # unreadable name: the lock still holds
    with pytest.raises(AltuiError, match=r"already open in another altui; hint$"):
        MeetingLock(path, "hint").acquire()


def test_taken_asks_the_kernel_and_creates_nothing(tmp_path, lock_holder):
    path = tmp_path / "0001.lock"
    lock = MeetingLock(path, "hint")
    assert not lock.taken()
    assert not path.exists()
    process = lock_holder(path)
    assert lock.taken()
    process.kill()
    process.wait()
    assert not lock.taken()


def test_opening_the_same_meeting_again_in_this_process_takes_the_lock_over(tmp_path):
    """The home screen opens a meeting again: the new lock takes over, releasing the old is a
    no-op, and the meeting stays locked until the new one is released."""
    path = tmp_path / "0001.lock"
    first, second = MeetingLock(path, "hint"), MeetingLock(path, "hint")
    first.acquire()
    second.acquire()
    first.release()
    assert second.held and not first.held
    assert second.taken()
    second.release()
    assert not second.taken()
    assert not path.exists()


def test_release_does_not_remove_a_lock_it_does_not_hold(tmp_path, lock_holder):
    path = tmp_path / "0001.lock"
    process = lock_holder(path)
    MeetingLock(path, "hint").release()
    assert json.loads(path.read_text())["pid"] == process.pid


def test_a_link_in_place_of_the_lock_file_is_not_followed(tmp_path):
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    path = tmp_path / "0001.lock"
    path.symlink_to(target)
    with pytest.raises(AltuiError, match="cannot take the meeting's lock"):
        MeetingLock(path, "hint").acquire()
    assert target.read_text() == "keep"


RACE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from altui.errors import AltuiError
    from altui.lock import MeetingLock
    lock = MeetingLock(Path(sys.argv[1]), "hint")
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        lock.acquire()
    except AltuiError:
        print("refused", flush=True)
    else:
        print("won", flush=True)
        sys.stdin.readline()  # held until every racer has tried
        lock.release()
    """
)


@pytest.mark.parametrize("batch", range(5))
def test_of_consoles_started_together_exactly_one_wins(tmp_path, batch):
    """40 processes try the same lock at the same instant (200 over the batches; odd batches
    start from a lock file left by a killed console): exactly one holds it."""
    path = tmp_path / "0001.lock"
    if batch % 2:
        path.write_text(json.dumps({"pid": 1, "host": "gone"}))
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(40)
    ]
    try:
        for racer in racers:
            assert racer.stdout.readline() == "ready\n"
        for racer in racers:
            racer.stdin.write("go\n")
            racer.stdin.flush()
        outcomes = [racer.stdout.readline().strip() for racer in racers]
    finally:
        for racer in racers:
            racer.kill()
            racer.wait()
    assert outcomes.count("won") == 1, outcomes
    assert outcomes.count("refused") == len(racers) - 1
