"""altui's performance benchmark: is it fast at any history size?

    python tests/bench/run.py [--years 1,5,10] [--json FILE] [--quick] [--keep]

No network; about six minutes on two cores at full size (``pip install -e ".[bench]"`` first:
termdown is the CPU baseline, textual-serve serves the viewers). It makes synthetic history
(12 meetings a year, 6 members, 150 items a meeting) for each number of years, then measures
each figure against the floor it really has, taken in the same run, with its target as a ratio
to that floor where there is one:

1. start-up to the first full frame of the live console (largest history), in CPU time (target
   <= 1.10x) and wall-clock, and memory once settled (RSS <= 1.05x), against the "pydantic
   floor": a bare Textual app with the same widget types after importing pydantic and
   validating one document (fresh Python each run; median). Pydantic is a fixed choice, so
   what it costs is not altui's to win back;
2. saving, editing, deleting and undoing an item (``LiveMeeting``: model, journal, one atomic
   write of the meeting file) at each history size, against the disk's own crash-safe write of
   the same bytes beside each change: p99 <= 1.5x that floor's p99, medians <= 3 ms; and 20
   undos in a row against 20 such writes;
3. keystroke to screen while the countdown runs (500 keys into the entry box, then Enter),
   against the bare app with a plain Input typed into the same way (p99 <= 1.0x, median
   <= 1.1x);
4. CPU of the console counting down for 60 s in tmux (120x36), against termdown beside it
   (<= 1.0x), and of ``altui display`` following it (shown);
5. the Markdown recap of the largest meeting (<= 20 ms) and a search across the whole history
   against reading every file and scanning it (<= 1.3x);
6. countdown accuracy through a simulated 3-hour meeting with stalls of up to 2 s (FakeClock),
   against a countdown that counts ticks (error <= 0.25 s);
7. the display following the console: 200 items saved by a LiveMeeting, each from the save to
   the frame of ``altui display`` that shows it (p95 <= 300 ms; p50 shown), against what the
   display's polling alone costs;
8. ``altui serve`` per browser (a websocket client speaking textual-serve's protocol): RSS and
   CPU per viewer with 1, 5 and 12 viewers against the first viewer's (<= 1.1x), and a 13th
   refused (the cap holds).

``--quick`` is the smoke run (tiny history, one run each, a 2 s CPU window, short waits, the
children at once and on Python's own bytecode caches). ``--json FILE`` writes
``{"figures": [{"name", "value", "unit", "baseline", "ratio", "target", "met", ...}], "run": ...}``;
values are numbers or null (not measured), ``met`` is a boolean (a figure with no target is
shown for information and counts as met; one not measured is not met).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import figures as measure
from tests.bench import viewers
from tests.bench.common import Figure
from tests.bench.history import (
    at_report_back,
    build_history,
    check_shape,
    copy_of,
    verify,
)


def _settings(quick: bool) -> dict[str, Any]:
    if quick:
        return {
            "items": 12,
            "runs": 1,
            "settle": 0.1,
            "rounds": 1,
            "per_round": 6,
            "inserts": 5,
            "keys": 20,
            "pilot_keys": 3,
            "cpu_window": 2.0,
            "cpu_settle": 0.1,
            "warm_round": False,
            "repeats": 2,
            "simulated": 1800.0,
            "follow_changes": 3,
            "viewers": (1, 2),
            "serve_window": 0.3,
            "serve_settle": 0.1,
        }
    return {
        "items": 150,
        "runs": 7,
        "settle": 1.0,
        "rounds": 2,
        "per_round": 150,
        "inserts": 30,
        "keys": 500,
        "pilot_keys": 40,
        "cpu_window": 60.0,
        "cpu_settle": 2.0,
        "warm_round": True,
        "repeats": 7,
        "simulated": 3 * 3600.0,
        "follow_changes": 200,
        "viewers": (1, 5, 12),
        "serve_window": 10.0,
        "serve_settle": 1.0,
    }


def _number(value: float | None) -> str:
    if value is None:
        return "null"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) >= 0.001 else f"{value:.2g}"


def table(found: list[Figure]) -> str:
    """The figures as a plain text table."""
    rows = [("name", "value", "unit", "baseline", "ratio", "target", "met")]
    for f in found:
        met = "-" if f.target is None else ("yes" if f.met else "NO")
        ratio = _number(f.ratio)
        rows.append(
            (f.name, _number(f.value), f.unit, _number(f.baseline), ratio, f.target_text, met)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            cell.ljust(widths[i]) if i in (0, 2, 5) else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def notes(found: list[Figure]) -> str:
    """What each figure measured and its baseline, one paragraph each."""
    return "\n".join(f"- {f.name}: {f.note} [baseline: {f.baseline_is or '-'}]" for f in found)


def _step(label: str, started: float) -> None:
    print(f"[{time.monotonic() - started:6.1f} s] {label}", file=sys.stderr, flush=True)


def _in_children(
    stages: list[tuple[str, Callable[[], Any]]], at_once: bool, started: float
) -> list[Any]:
    """Run the stages that time child processes: in turn, or (the smoke run, which checks that
    every figure is there, not its size) all at once, as their children barely share work."""
    if not at_once:
        results = []
        for label, stage in stages:
            _step(label, started)
            results.append(stage())
        return results
    _step("; ".join(label for label, _ in stages) + " (at once)", started)
    with ThreadPoolExecutor(len(stages)) as pool:
        return [future.result() for future in [pool.submit(stage) for _, stage in stages]]


def run(years: list[int], quick: bool, scratch: Path) -> tuple[list[Figure], dict[str, Any]]:
    """Make the histories and measure every figure."""
    settings = _settings(quick)
    measure.bytecode_in_scratch = not quick
    started = time.monotonic()
    _step("checking the shape of meeting files against the real API", started)
    check_shape(scratch / "shape")
    histories = []
    for count in years:
        _step(f"making {count} year(s) of history", started)
        history = build_history(scratch / f"history-{count}y", count, settings["items"])
        items = verify(history)
        _step(f"  {history.closed} meetings, {items:,} items read back through Store", started)
        histories.append(history)
    largest = histories[-1]
    report_back = at_report_back(largest, scratch / "report-back")
    made = time.monotonic() - started

    found: list[Figure] = []
    _step("countdown accuracy (simulated meeting)", started)
    accuracy = measure.countdown_accuracy(scratch / "clock", settings["simulated"])
    _step("recap and search", started)
    found += measure.recap_and_search(largest, settings["repeats"])
    _step("saving, editing, deleting and undoing items", started)
    found += measure.changes(
        histories, settings["rounds"], settings["per_round"], settings["inserts"], scratch
    )
    stages: list[tuple[str, Callable[[], Any]]] = [
        (
            "keystrokes",
            partial(
                measure.keystrokes,
                largest,
                settings["keys"],
                settings["pilot_keys"],
                scratch,
                at_once=quick,
            ),
        ),
        (
            "start-up and memory (fresh Python each run)",
            partial(
                measure.startup_and_memory,
                largest,
                report_back,
                settings["runs"],
                settings["settle"],
                settings["warm_round"],
                scratch,
                at_once=quick,
            ),
        ),
        (
            f"CPU of the countdown over {settings['cpu_window']:g} s in tmux",
            partial(
                measure.cpu_countdown,
                copy_of(largest, scratch / "countdown"),
                settings["cpu_window"],
                settings["cpu_settle"],
                scratch,
            ),
        ),
        (
            "display following the console's changes",
            partial(
                viewers.display_follow,
                copy_of(largest, scratch / "follow"),
                settings["follow_changes"],
                measure.child_env(scratch),
            ),
        ),
        (
            f"altui serve with {', '.join(map(str, settings['viewers']))} viewers",
            partial(
                viewers.serve_viewers,
                copy_of(largest, scratch / "serve"),
                settings["viewers"],
                settings["serve_window"],
                settings["serve_settle"],
                measure.child_env(scratch),
            ),
        ),
    ]
    keys, startup, cpu, follow, serve = _in_children(stages, at_once=quick, started=started)
    found += keys
    _step("done", started)

    memory = [f for f in startup if f.name.startswith("memory")]
    ordered = [f for f in startup if f.name.startswith("startup")]
    ordered += [f for f in found if f.name.startswith((*measure.CHANGES, "undo_depth"))]
    ordered += [f for f in found if f.name.startswith(("keystroke", "enter"))]
    ordered += [*cpu, *memory, *follow, *serve]
    ordered += [f for f in found if f.name.startswith(("recap", "search"))]
    ordered.append(accuracy)
    info = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "years": years,
        "items_per_meeting": settings["items"],
        "history_seconds": round(made, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    return ordered, info


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table, and write the JSON if asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="1,5,10", help="history sizes in years (1,5,10)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--quick", action="store_true", help="tiny history, for the smoke test")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    years = sorted({int(y) for y in args.years.split(",") if y.strip()})
    if args.quick and args.years == parser.get_default("years"):
        years = [1]
    if not years or min(years) < 1:
        parser.error("--years takes positive whole numbers, e.g. 1,5,10")
    if not args.quick and measure.termdown_command() is None:
        parser.error("the CPU baseline needs termdown: pip install -e '.[bench]'")

    scratch = measure.scratch_dir()
    try:
        found, info = run(years, args.quick, scratch)
    finally:
        if args.keep:
            print(f"scratch folder kept: {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"altui benchmark, {info['date']}, {info['machine']}, Python {info['python']}, "
        f"history {info['years']} years x 12 meetings x {info['items_per_meeting']} items, "
        f"{info['total_seconds']:g} s"
    )
    print()
    print(table(found))
    print()
    print(notes(found))
    if args.json:
        report = {"figures": [f.as_json() for f in found], "run": info}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
