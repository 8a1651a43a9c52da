"""Consoles starting a set's meeting at the same moment start one meeting, never one each."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from altui.demo import DEMO_PRESENTERS, ensure_demo
from altui.errors import AltuiError
from altui.files import write_atomic
from altui.lock import starting
from altui.meetings import _start, start_meeting, start_or_resume
from altui.models import Meeting, Set
from altui.plans import find_plan
from altui.sets import new_set
from altui.store import START_LOCK, Store
from tests.builders import MEMBERS

RACES = 25
"""Fresh sets raced for (each a few milliseconds; before the set's start lock, consoles split
the meeting in one race in a few)."""


def _numbers(store: Store, the_set: Set) -> list[int]:
    return store.meeting_numbers(the_set.slug)


def test_a_start_waits_while_another_console_is_starting(store, the_set, clock):
    """Another console holds the set's start lock: this one creates nothing until it lets go,
    then finds the meeting that one started and resumes it."""
    got: list[Meeting] = []
    with store.starting(the_set.slug):
        second = threading.Thread(target=lambda: got.append(start_or_resume(store, the_set, clock)))
        second.start()
        time.sleep(0.3)
        assert second.is_alive()  # waiting
        assert _numbers(store, the_set) == []
        _start(
            store, the_set, clock, find_plan("classic"), list(the_set.members)
        )  # as the holder does
    second.join(10)
    assert [m.number for m in got] == [1]
    assert _numbers(store, the_set) == [1]


def test_a_start_held_up_too_long_is_refused_in_one_line(tmp_path):
    path = tmp_path / START_LOCK
    with starting(path), pytest.raises(AltuiError) as caught, starting(path, wait=0.05):
        pass
    message = str(caught.value)
    assert "another altui has been starting a meeting of this set" in message
    assert "\n" not in message


def test_setup_started_meanwhile_elsewhere_is_refused(store, the_set, clock, meeting):
    """The home screen's setup was opened before another console started the meeting: Ctrl+S
    says so, and starts no second meeting."""
    with pytest.raises(AltuiError, match="meeting 1 of 'Team Tiger' has been started meanwhile"):
        start_meeting(store, the_set, clock, "classic", list(the_set.members))
    assert _numbers(store, the_set) == [1]


def test_a_meeting_file_is_created_exclusively(store, the_set, clock, meeting):
    path = store.root / the_set.slug / "meetings" / "0001.json"
    before = path.read_bytes()
    other = meeting.model_copy(update={"plan": "quick"})
    with pytest.raises(AltuiError, match="meeting 1 of this set already exists"):
        store.create_meeting(other)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["0001.json"]


def test_a_new_file_is_written_by_one_writer_only(tmp_path):
    target = tmp_path / "new.json"
    write_atomic(target, b"first", new=True)
    with pytest.raises(FileExistsError):
        write_atomic(target, b"second", new=True)
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]  # no temporary file left


@pytest.mark.parametrize("starters", [2, 4])
def test_threads_starting_at_once_start_one_meeting(tmp_path, clock, starters):
    for race in range(RACES):
        store = Store(tmp_path / f"data-{starters}-{race}")
        the_set = new_set(store, "Race", list(MEMBERS), "classic", clock)
        gate = threading.Barrier(starters)
        got: list[int] = []

        def start(store: Store = store, the_set: Set = the_set, gate=gate, got=got) -> None:
            gate.wait()
            got.append(start_or_resume(Store(store.root), the_set, clock).number)

        threads = [threading.Thread(target=start) for _ in range(starters)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert got == [1] * starters, f"race {race}"
        assert _numbers(store, the_set) == [1], f"race {race}"


def test_demos_started_at_once_make_one_demo_set(tmp_path, clock):
    """On a fresh data folder, each makes the demo set if it is not there, then starts its
    meeting 2: between them, one set, one meeting 2."""
    for race in range(RACES):
        root = tmp_path / f"data-{race}"
        gate = threading.Barrier(3)
        got: list[tuple[str, int]] = []

        def start(root: Path = root, gate=gate, got=got) -> None:
            store = Store(root)
            gate.wait()
            demo = ensure_demo(store, clock)
            meeting = start_or_resume(store, demo, clock, presenters=DEMO_PRESENTERS)
            got.append((demo.slug, meeting.number))

        threads = [threading.Thread(target=start) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert got == [("demo-set", 2)] * 3, f"race {race}"
        assert [s.slug for s in Store(root).sets()] == ["demo-set"], f"race {race}"
        assert Store(root).meeting_numbers("demo-set") == [1, 2], f"race {race}"


RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from altui.clock import SystemClock
    from altui.meetings import start_or_resume
    from altui.store import Store
    store = Store(Path(sys.argv[1]))
    the_set = store.find_set("Race")
    go = float(sys.argv[2])
    time.sleep(max(0.0, go - time.time()))
    print(start_or_resume(store, the_set, SystemClock()).number)
    """
)


def test_processes_starting_at_once_start_one_meeting(tmp_path, clock):
    """Pairs of processes (as two consoles are) told to start the same instant, on sets of
    their own, all at once."""
    roots = [tmp_path / f"data-{race}" for race in range(8)]
    sets = [new_set(Store(root), "Race", list(MEMBERS), "classic", clock) for root in roots]
    go = f"{time.time() + 3:.6f}"  # every one is up and waiting by then, but under heavy load
    racers = [
        [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(root), go], stdout=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        for root in roots
    ]
    for race, (root, the_set, pair) in enumerate(zip(roots, sets, racers, strict=True)):
        said = [racer.communicate(timeout=60)[0] for racer in pair]
        assert said == ["1\n", "1\n"], f"race {race}"
        assert _numbers(Store(root), the_set) == [1], f"race {race}"
