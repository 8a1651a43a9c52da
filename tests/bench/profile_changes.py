"""altui's own CPU in each change to a live meeting, with the disk taken out.

    python tests/bench/profile_changes.py [--years 10] [--changes 150] [--no-write]
                                          [--profile KIND] [--figures 1,5,10]

Builds the benchmark's history (``tests/bench/history.py``), opens its running meeting with a
LiveMeeting and makes ``--changes`` saves, then as many edits, a third as many deletes, as many
undos, and a few step moves, as the benchmark does, with ``os.fsync`` stubbed out: what is left
is altui's CPU plus writing and renaming a file in the page cache. Prints the median and p99 of
each kind in microseconds, and beside them ``write_atomic`` of the same bytes (fsync stubbed
too): the part no change can avoid. With ``--profile KIND`` (save, edit, delete, undo, step)
the changes of that kind run again under cProfile and its top functions are printed.
``--no-write`` stubs the store's write itself: altui's CPU alone. ``--figures`` runs instead
the benchmark's own change figures (``figures.changes``, real fsyncs) for those years of
history, without the rest of the six-minute run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from altui import store as store_module
from altui.clock import SystemClock
from altui.files import write_atomic
from altui.live import LiveMeeting
from altui.models import ItemKind
from altui.store import Store
from tests.bench import figures
from tests.bench.common import median, percentile
from tests.bench.history import BenchHistory, build_history, sentence
from tests.bench.run import table

KINDS = ("save", "edit", "delete", "undo", "step")


@contextmanager
def no_disk(write: bool) -> Iterator[dict[Path, bytes]]:
    """``os.fsync`` does nothing meanwhile (the disk's part of a change taken out); without
    ``write`` the store writes no file at all: the bytes it would write are kept in the dict
    yielded, by path (altui's CPU alone)."""
    real_fsync, real_write = os.fsync, store_module.write_atomic
    kept: dict[Path, bytes] = {}

    def keep(path: Path, payload: bytes, mode: int = 0o600) -> None:
        kept[path] = payload

    os.fsync = lambda fd: None
    if not write:
        store_module.write_atomic = keep
    try:
        yield kept
    finally:
        os.fsync, store_module.write_atomic = real_fsync, real_write


def _session(
    history: BenchHistory, count: int, seed: int
) -> list[tuple[str, Callable[[], object]]]:
    """The changes of one round, in order, each as (kind, a call that makes it)."""
    rng = random.Random(seed)
    texts = iter([sentence(rng) for _ in range(2 * count)])  # made before any is timed
    store = Store(history.root)
    live = LiveMeeting(store, store.meeting(history.slug, history.running), SystemClock())
    plan: list[tuple[str, Callable[[], object]]] = []
    plan += [("save", lambda: live.enter(next(texts))) for _ in range(count)]

    def edit() -> None:
        item = rng.choice(live.items)
        kind = rng.choice((ItemKind.NOTE, ItemKind.ACTION, ItemKind.QUESTION))
        live.edit(item.id, next(texts), kind)

    plan += [("edit", edit) for _ in range(count)]
    plan += [("delete", lambda: live.delete(rng.choice(live.items).id))] * max(1, count // 3)
    plan += [("undo", live.undo)] * max(1, count // 3)
    steps = len(live.meeting.steps)
    plan += [("step", lambda: live.go_to((live.meeting.current + 1) % steps))] * 20
    return plan


def measure(
    history: BenchHistory, count: int, write: bool
) -> dict[str, tuple[list[float], list[float]]]:
    """Microseconds of each change and of ``write_atomic`` of the bytes it wrote, by kind."""
    path = history.meeting_path(history.running)
    original = path.read_bytes()
    floor_path = path.with_name("floor.tmp.json")
    found: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in KINDS}
    with no_disk(write) as kept:
        for kind, change in _session(history, count, seed=11):
            start = time.perf_counter_ns()
            change()
            took = time.perf_counter_ns() - start
            payload = kept[path] if kept else path.read_bytes()
            start = time.perf_counter_ns()
            write_atomic(floor_path, payload)
            floor = time.perf_counter_ns() - start
            found[kind][0].append(took / 1000)
            found[kind][1].append(floor / 1000)
    write_atomic(path, original)
    floor_path.unlink(missing_ok=True)
    return found


def profile(history: BenchHistory, count: int, kind: str, top: int, write: bool) -> None:
    """Run one round again, the changes of ``kind`` under cProfile; print the top functions."""
    path = history.meeting_path(history.running)
    original = path.read_bytes()
    profiler = cProfile.Profile()
    with no_disk(write):
        for which, change in _session(history, count, seed=11):
            if which == kind:
                profiler.runcall(change)
            else:
                change()
    write_atomic(path, original)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    """Build the history, time each kind of change, and profile one kind if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--items", type=int, default=150, help="items a closed meeting holds")
    parser.add_argument("--changes", type=int, default=150, help="saves (and edits) a round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=KINDS, help="profile the changes of this kind")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--no-write", action="store_true", help="the store writes no file: altui's CPU alone"
    )
    parser.add_argument("--figures", help="run the benchmark's change figures for these years")
    args = parser.parse_args(argv)
    if args.figures:
        with tempfile.TemporaryDirectory(prefix="altui-figures-") as scratch:
            root = Path(scratch)
            years = sorted({int(y) for y in args.figures.split(",")})
            histories = [build_history(root / f"{y}y", y, args.items) for y in years]
            print(table(figures.changes(histories, 2, args.changes, 30, root)))
        return 0
    with tempfile.TemporaryDirectory(prefix="altui-profile-") as scratch:
        history = build_history(Path(scratch) / "history", args.years, args.items)
        if args.profile:
            profile(history, args.changes, args.profile, args.top, not args.no_write)
            return 0
        merged: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in KINDS}
        for _ in range(args.rounds):
            for kind, (took, floor) in measure(history, args.changes, not args.no_write).items():
                merged[kind][0].extend(took)
                merged[kind][1].extend(floor)
    how = "no file written" if args.no_write else "fsync stubbed"
    print(f"{args.years} years, {how}; microseconds a change (write_atomic beside it, no fsync)")
    print(f"{'kind':8} {'n':>5} {'median':>8} {'p99':>8} {'floor med':>10} {'floor p99':>10}")
    for kind, (took, floor) in merged.items():
        print(
            f"{kind:8} {len(took):5d} {median(took):8.0f} {percentile(took, 0.99):8.0f} "
            f"{median(floor):10.0f} {percentile(floor, 0.99):10.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
