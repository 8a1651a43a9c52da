"""Each figure of the benchmark, measured against a baseline taken in the same run."""

from __future__ import annotations

import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from tests.bench.common import (
    ROOT,
    SIZE,
    Figure,
    cpu_seconds,
    median,
    percentile,
    timed_ms,
)
from tests.bench.history import SEARCH_WORD, SET_NAME, BenchHistory, one_file_copy, sentence
from tests.bench.keys import TYPING_GAP, Typing

CHILD = Path(__file__).with_name("child.py")
MIB = 1024


_SKIPPED_ENV = {"ALTUI_DATA", "TMUX", "TMUX_PANE", "PYTHONDONTWRITEBYTECODE"}

bytecode_in_scratch = True
"""Whether children keep their bytecode in the scratch folder (see ``child_env``). The smoke
run turns it off: it drops no first round to fill that cache, and each of its children compiling
Textual afresh was half its time."""


def child_env(scratch: Path) -> dict[str, str]:
    """The environment for children: this repository first on the path, no stray altui data.

    Bytecode is cached (in the scratch folder), as an installed copy has it, so no run pays for
    compiling modules (the first, dropped round writes the cache). Without
    ``bytecode_in_scratch`` (the smoke run) children use Python's own caches.
    """
    env = {k: v for k, v in os.environ.items() if k not in _SKIPPED_ENV}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    if bytecode_in_scratch:
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "bytecode")
    return env


# 1 and 5: start-up and memory -------------------------------------------------------------------


@dataclass
class Probe:
    """One child run: milliseconds to the first full frame, CPU used by then, memory in KiB."""

    startup_ms: float
    cpu_ms: float
    rss_kib: int
    hwm_kib: int


def probe(args: list[str], settle: float, scratch: Path) -> Probe:
    """Run child.py once (``bare``, ``pydantic`` or ``altui DATA SET``) and read its report."""
    out = scratch / f"probe-{uuid.uuid4().hex[:8]}.json"
    mode, *rest = args
    command = [sys.executable, str(CHILD), mode, str(out), str(settle), *rest]
    spawned = time.monotonic()
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=child_env(scratch),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"probe {mode} failed ({done.returncode}): {done.stderr[-2000:]}")
    result = json.loads(out.read_text())
    out.unlink()
    settled = result["settled"]
    startup_ms = (result["frame"] - spawned) * 1000
    return Probe(startup_ms, result["cpu"] * 1000, settled["VmRSS"], settled["VmHWM"])


def startup_and_memory(
    history: BenchHistory,
    report_back: BenchHistory,
    runs: int,
    settle: float,
    warm_round: bool,
    scratch: Path,
    at_once: bool = False,
) -> list[Figure]:
    """Start-up to the first full frame, and memory once settled: altui against the bare app.

    The three kinds of run take turns (bare, altui, altui at report back), so a noisy moment
    on the machine falls on all of them; with ``warm_round`` a first round warms the file cache
    and the bytecode cache and is dropped. ``at_once`` (the smoke run) starts the kinds of a
    round together.
    """
    kinds = {
        "bare": ["bare"],
        "pydantic": ["pydantic"],
        "altui": ["altui", str(history.root), SET_NAME],
        "report_back": ["altui", str(report_back.root), SET_NAME],
    }
    found: dict[str, list[Probe]] = {kind: [] for kind in kinds}
    for round_number in range(runs + warm_round):
        with ThreadPoolExecutor(len(kinds) if at_once else 1) as pool:
            results = pool.map(lambda args: probe(args, settle, scratch), kinds.values())
            for kind, result in zip(kinds, list(results), strict=True):
                if round_number or not warm_round:
                    found[kind].append(result)

    def ms(kind: str) -> float | None:
        return median([p.startup_ms for p in found[kind]])

    def mib(kind: str, field: str) -> float | None:
        value = median([getattr(p, field) for p in found[kind]])
        return None if value is None else value / MIB

    def cpu(kind: str) -> float | None:
        return median([p.cpu_ms for p in found[kind]])

    years = f"{history.years} years of history"
    floor_is = "the pydantic floor: the bare app (same widget types, no data) after importing "
    floor_is += "pydantic and validating one small document"
    over_bare = (
        f"the floor itself is {_ratio(cpu('pydantic'), cpu('bare'))} the bare app's CPU "
        f"and {_ratio(mib('pydantic', 'rss_kib'), mib('bare', 'rss_kib'))} its RSS"
    )
    return [
        Figure(
            "startup_first_frame",
            ms("altui"),
            "ms",
            ms("pydantic"),
            baseline_is=floor_is,
            note=f"`altui meet` (first step) with {years}, wall clock from spawn to the first "
            f"full frame; median of {runs} runs (noisy on a shared machine: judged on CPU)",
        ),
        Figure(
            "startup_report_back",
            ms("report_back"),
            "ms",
            ms("pydantic"),
            baseline_is=floor_is,
            note="the same, resumed at the report-back step (lists open commitments)",
        ),
        Figure(
            "startup_cpu",
            cpu("altui"),
            "ms",
            cpu("pydantic"),
            target=1.10,
            on="ratio",
            baseline_is=floor_is,
            note=f"CPU time used by the first full frame, same runs; {over_bare}",
        ),
        Figure(
            "memory_rss",
            mib("altui", "rss_kib"),
            "MiB",
            mib("pydantic", "rss_kib"),
            target=1.05,
            on="ratio",
            baseline_is=floor_is,
            note=f"VmRSS {settle:g} s after the first frame, {years}",
        ),
        Figure(
            "memory_hwm",
            mib("altui", "hwm_kib"),
            "MiB",
            mib("pydantic", "hwm_kib"),
            baseline_is=floor_is,
            note="VmHWM (peak resident) at the same moment",
        ),
        Figure(
            "memory_rss_report_back",
            mib("report_back", "rss_kib"),
            "MiB",
            mib("pydantic", "rss_kib"),
            baseline_is=floor_is,
            note="VmRSS when resumed at the report-back step",
        ),
    ]


# 2: changes to the running meeting --------------------------------------------------------------

CHANGES = ("save", "edit", "delete", "undo")
UNDO_DEPTH = 20


def _atomic_floor(path: Path, floor_path: Path) -> float:
    """Milliseconds for write_atomic of the meeting file's current bytes to a scratch file."""
    from altui.files import write_atomic

    payload = path.read_bytes()
    start = time.perf_counter()
    write_atomic(floor_path, payload)
    return (time.perf_counter() - start) * 1000


def changes(
    histories: list[BenchHistory], rounds: int, per_round: int, inserts: int, scratch: Path
) -> list[Figure]:
    """Save, edit, delete and undo items in the running meeting at each history size.

    Each round opens the running meeting with a LiveMeeting and makes ``per_round`` saves
    (``enter``; the file grows from empty as in a real meeting), then as many edits (``edit``)
    of random items, a third as many deletes (``delete``) and as many undos (``undo``, taking
    the deletes back), then puts the file back. Each change is one atomic write of the whole
    meeting file; beside each the same bytes are written once more with ``write_atomic`` to a
    scratch file: the disk's own price of a crash-safe write, the floor of that change.
    """
    rng = random.Random(11)
    figures: list[Figure] = []
    largest = max(h.years for h in histories)
    for history in histories:
        times, floors = _changes_at(history, rounds, per_round, rng)
        depth = _undo_depth(history, rounds) if history.years == largest else None
        stock = _tinydb_inserts(history, inserts, scratch, rng)

        y = f"{history.years}y"
        disk = "write_atomic of the same bytes beside each change (the disk's own crash-safe write)"
        for name in CHANGES:
            done, floor = times[name], floors[name]
            how = f"LiveMeeting.{'enter' if name == 'save' else name}, {len(done)} times"
            figures += [
                Figure(
                    f"{name}_item_median_{y}",
                    median(done),
                    "ms",
                    median(floor),
                    target=3.0,
                    baseline_is=f"median {disk}",
                    note=how
                    + (
                        f"; TinyDB's stock JSONStorage with the history in one file: "
                        f"{_ms(stock)} ms an insert"
                        if name == "save"
                        else ""
                    ),
                ),
                Figure(
                    f"{name}_item_p99_{y}",
                    percentile(done, 0.99),
                    "ms",
                    percentile(floor, 0.99),
                    target=1.5,
                    on="ratio",
                    baseline_is=f"p99 {disk}",
                    note=f"99th percentile of the same {len(done)}",
                ),
            ]
        if depth is not None:
            figures.append(depth)
    return figures


def _changes_at(
    history: BenchHistory, rounds: int, per_round: int, rng: random.Random
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Milliseconds of each change, and of the disk's atomic write beside it, by change."""
    from altui.clock import SystemClock
    from altui.files import write_atomic
    from altui.live import LiveMeeting
    from altui.models import ItemKind
    from altui.store import Store

    path = history.meeting_path(history.running)
    original = path.read_bytes()
    floor_path = path.with_name("floor.tmp.json")
    times: dict[str, list[float]] = {name: [] for name in CHANGES}
    floors: dict[str, list[float]] = {name: [] for name in CHANGES}

    def timed(name: str, action: Callable[[], object]) -> None:
        times[name].append(timed_ms(action))
        floors[name].append(_atomic_floor(path, floor_path))

    for _ in range(rounds):
        live = LiveMeeting(Store(history.root), _running(history), SystemClock())
        for _ in range(per_round):
            timed("save", partial(live.enter, sentence(rng)))
        for _ in range(per_round):
            item = rng.choice(live.items)
            kind = rng.choice((ItemKind.NOTE, ItemKind.ACTION, ItemKind.QUESTION))
            timed("edit", partial(live.edit, item.id, sentence(rng), kind))
        for _ in range(max(1, per_round // 3)):
            timed("delete", partial(live.delete, rng.choice(live.items).id))
        for _ in range(max(1, per_round // 3)):
            timed("undo", live.undo)
        write_atomic(path, original)
    floor_path.unlink(missing_ok=True)
    return times, floors


def _running(history: BenchHistory) -> Any:
    from altui.store import Store

    return Store(history.root).meeting(history.slug, history.running)


def _undo_depth(history: BenchHistory, rounds: int) -> Figure:
    """Time to undo ``UNDO_DEPTH`` changes in a row, against as many atomic writes of the file."""
    from altui.clock import SystemClock
    from altui.files import write_atomic
    from altui.live import LiveMeeting
    from altui.store import Store

    rng = random.Random(13)
    path = history.meeting_path(history.running)
    original = path.read_bytes()
    floor_path = path.with_name("floor.tmp.json")
    undos: list[float] = []
    floors: list[float] = []
    for _ in range(max(3, rounds)):
        live = LiveMeeting(Store(history.root), _running(history), SystemClock())
        before = len(live.items)
        for _ in range(UNDO_DEPTH):
            live.enter(sentence(rng))
        start = time.perf_counter()
        for _ in range(UNDO_DEPTH):
            live.undo()
        undos.append((time.perf_counter() - start) * 1000)
        if len(live.items) != before:
            raise AssertionError("undo depth: the 20 saves were not all taken back")
        payload = path.read_bytes()
        start = time.perf_counter()
        for _ in range(UNDO_DEPTH):
            write_atomic(floor_path, payload)
        floors.append((time.perf_counter() - start) * 1000)
        write_atomic(path, original)
    return Figure(
        f"undo_depth_{UNDO_DEPTH}_{history.years}y",
        median(undos),
        "ms",
        median(floors),
        target=1.5,
        on="ratio",
        baseline_is=f"{UNDO_DEPTH} write_atomic of the meeting file in a row",
        note=f"{UNDO_DEPTH} saves, then {UNDO_DEPTH} LiveMeeting.undo in a row (all of them "
        f"taken back), {history.years} years of history; median of {len(undos)}",
    )


def _tinydb_inserts(
    history: BenchHistory, inserts: int, scratch: Path, rng: random.Random
) -> list[float]:
    """Milliseconds for each of ``inserts`` items into TinyDB's stock storage of one file."""
    from tinydb import TinyDB

    from altui.models import Item, ItemKind

    one_file = scratch / f"one-file-{history.years}y.json"
    one_file_copy(history, one_file)
    stock: list[float] = []
    with TinyDB(str(one_file)) as db:
        table = db.table("items")
        for _ in range(inserts):
            item = Item(kind=ItemKind.NOTE, text=sentence(rng), step=0, created=datetime.now(UTC))
            doc = {**item.model_dump(mode="json", by_alias=True), "meeting": history.running}
            stock.append(timed_ms(lambda doc=doc: table.insert(doc)))
    one_file.unlink()
    return stock


# 3: keystrokes ----------------------------------------------------------------------------------


def _typed_text(count: int) -> str:
    """``count`` characters of plain words (no kind character, no trailing space)."""
    rng = random.Random(3)
    text = ""
    while len(text) < count:
        text += sentence(rng, (8, 12)) + " "
    text = text[:count]
    return text[:-1] + "x" if text.endswith(" ") else text


def _typing(request: dict[str, Any], scratch: Path) -> Typing:
    """Run the keystroke probe in a fresh Python (see keys.py) and read its times."""
    asked = scratch / f"keys-{uuid.uuid4().hex[:8]}.json"
    out = asked.with_suffix(".out")
    asked.write_text(json.dumps(request))
    command = [sys.executable, str(CHILD), "keys", str(out), str(asked)]
    done = subprocess.run(
        command, cwd=ROOT, env=child_env(scratch), capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"keystroke probe failed ({done.returncode}): {done.stderr[-2000:]}")
    return Typing(**json.loads(out.read_text()))


def keystrokes(
    history: BenchHistory, count: int, pilot_count: int, scratch: Path, at_once: bool = False
) -> list[Figure]:
    """``count`` keys into the entry box while the countdown runs, then Enter.

    Each app types in a fresh Python of its own (see keys.py): one after the other, or (the
    smoke run, with ``at_once``) both together.
    """
    typed = _typed_text(pilot_count + count)
    request = {"pilot_text": typed[:pilot_count], "text": typed[pilot_count:]}
    console = {"app": "altui", "data": str(history.root), "set": SET_NAME}
    with ThreadPoolExecutor(2 if at_once else 1) as pool:
        typing = pool.map(
            partial(_typing, scratch=scratch), [{**request, **console}, {**request, "app": "bare"}]
        )
        altui, bare = list(typing)
    bare_is = "bare Textual app with a plain Input, same ticking clock"
    where = f"{history.years} years of history, countdown running"
    return [
        Figure(
            "keystroke_median",
            median(altui.keys),
            "ms",
            median(bare.keys),
            target=1.1,
            on="ratio",
            baseline_is=bare_is,
            note=f"key from the driver to the first frame showing it; {count} keys "
            f"{TYPING_GAP * 1000:g} ms apart, {where}",
        ),
        Figure(
            "keystroke_p99",
            percentile(altui.keys, 0.99),
            "ms",
            percentile(bare.keys, 0.99),
            target=1.0,
            on="ratio",
            baseline_is=bare_is,
            note="99th percentile of the same keys; full garbage collections while typing: "
            f"{_collections(altui)} (bare app: {_collections(bare)})",
        ),
        Figure(
            "keystroke_pilot_press_p99",
            percentile(altui.pilot, 0.99),
            "ms",
            percentile(bare.pilot, 0.99),
            baseline_is=bare_is,
            note=f"`await pilot.press(ch)` for {pilot_count} keys (median {_ms(altui.pilot)} ms, "
            f"bare {_ms(bare.pilot)} ms): includes Pilot's idle waits (>= 40 ms a key)",
        ),
        Figure(
            "keystroke_frame_p99",
            percentile(altui.frames, 0.99),
            "ms",
            percentile(bare.frames, 0.99),
            baseline_is=bare_is,
            note=f"composing one frame (and its terminal bytes) while typing, "
            f"{len(altui.frames)} frames",
        ),
        Figure(
            "enter_saves_line",
            altui.enter,
            "ms",
            bare.enter,
            target=100.0,
            baseline_is="Enter in the bare app (clears the line)",
            note=f"Enter after the {pilot_count + count} characters, until the frame with the "
            "line saved and the box empty",
        ),
    ]


def _collections(typing: Typing) -> str:
    times = typing.full_collections
    return f"{len(times)}, longest {max(times):.1f} ms" if times else "none"


def _ratio(value: float | None, baseline: float | None) -> str:
    return "-" if value is None or not baseline else f"{value / baseline:.2f}x"


def _ms(samples: list[float]) -> str:
    value = median(samples)
    return "-" if value is None else f"{value:.1f}"


# 4: CPU of a running countdown --------------------------------------------------------------------


class PrivateTmux:
    """A tmux server on its own socket with its own config; killed when done."""

    def __init__(self, workdir: Path) -> None:
        self.socket = f"altui-bench-{uuid.uuid4().hex[:10]}"
        self.config = workdir / "tmux.conf"
        self.config.write_text(
            "set -g default-shell /bin/sh\nset -g remain-on-exit on\nset -g status off\n"
        )
        self.env = child_env(workdir)
        self.env["TERM"] = "xterm-256color"
        if "utf" not in self.env.get("LC_ALL", self.env.get("LANG", "")).lower():
            self.env.pop("LC_ALL", None)
            self.env["LANG"] = "C.UTF-8"
        self.workdir = workdir
        self.socket_path: Path | None = None

    def run(self, *args: str) -> str:
        """One tmux command; its output."""
        done = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=20,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, name: str, command: list[str]) -> int:
        """Run ``command`` in a new 120x36 session; the pid of the command itself."""
        width, height = SIZE
        self.run(
            "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
            "-c", str(self.workdir), "exec " + shlex.join(command),
        )  # fmt: skip
        pid, socket = self.run(
            "display-message", "-p", "-t", name, "#{pane_pid} #{socket_path}"
        ).split()
        self.socket_path = Path(socket)
        return int(pid)

    def screen(self, name: str) -> str:
        """What the session's pane shows."""
        return self.run("capture-pane", "-p", "-t", name)

    def kill(self) -> None:
        """Stop the server and everything in it."""
        with_server = ["tmux", "-L", self.socket, "kill-server"]
        subprocess.run(with_server, capture_output=True, env=self.env, timeout=20, check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)  # tmux leaves its socket file behind


def termdown_command() -> str | None:
    """termdown in the benchmark's own environment (``pip install -e ".[bench]"``), or None."""
    found = shutil.which("termdown") or str(Path(sys.executable).with_name("termdown"))
    return found if Path(found).exists() else None


def cpu_countdown(
    history: BenchHistory, window: float, settle: float, scratch: Path
) -> list[Figure]:
    """CPU share of one core used by the console counting down, by ``altui display`` following
    it, and by termdown beside them.

    All three start, then ``settle`` seconds pass (start-up work is not the countdown's) before
    the window opens. The display's figure is its idle cost: nothing changes in the meeting but
    the clock.
    """
    termdown_is = "termdown counting down in the same terminal size at the same time"
    figures = [  # the display's is shown for information: it also follows the console's file
        Figure(f"cpu_{who}_{window:g}s", None, "% core", None, target=target, on="ratio",
               baseline_is=termdown_is)
        for who, target in (("countdown", 1.0), ("display", None))
    ]  # fmt: skip
    if shutil.which("tmux") is None:
        for figure in figures:
            figure.note = "tmux is not installed: not measured"
        return figures
    termdown = termdown_command()
    tmux = PrivateTmux(scratch)
    data = ["--data", str(history.root)]
    try:
        altui = [sys.executable, "-m", "altui", "meet", SET_NAME, *data]
        pids = {"countdown": tmux.start("countdown", altui)}
        _wait_for(tmux, "countdown", SET_NAME)
        display = [sys.executable, "-m", "altui", "display", SET_NAME, *data]
        pids["display"] = tmux.start("display", display)
        if termdown is not None:
            pids["termdown"] = tmux.start("termdown", [termdown, "2h"])
        _wait_for(tmux, "display", SET_NAME)
        time.sleep(settle)
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        started = time.monotonic()
        first_screens = {name: tmux.screen(name) for name in ("countdown", "display")}
        time.sleep(window)
        wall = time.monotonic() - started
        after = {name: cpu_seconds(pid) for name, pid in pids.items()}
        last_screens = {name: tmux.screen(name) for name in ("countdown", "display")}
    finally:
        tmux.kill()

    def share(name: str) -> float | None:
        start, end = before.get(name), after.get(name)
        return None if start is None or end is None else (end - start) / wall * 100

    for figure, who in zip(figures, ("countdown", "display"), strict=True):
        figure.value = share(who)
        figure.baseline = share("termdown")
        ticking = (
            "digits changed" if first_screens[who] != last_screens[who] else "SCREEN DID NOT CHANGE"
        )
        what = "the console" if who == "countdown" else "`altui display` following the console"
        figure.note = (
            f"{what}: utime+stime from /proc over {wall:.0f} s, tmux {SIZE[0]}x{SIZE[1]}; "
            f"{ticking}"
            + ("" if termdown else "; termdown not installed (pip install -e '.[bench]')")
        )
    return figures


def _wait_for(tmux: PrivateTmux, name: str, text: str) -> None:
    """Wait until session ``name`` shows ``text``."""
    deadline = time.monotonic() + 30
    while text not in tmux.screen(name):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} never showed {text!r}:\n{tmux.screen(name)}")
        time.sleep(0.1)


# 6: recap and search ----------------------------------------------------------------------------


def recap_and_search(history: BenchHistory, runs: int) -> list[Figure]:
    """Recap of the largest meeting and a search over the whole history, from a cold Store, as
    the History screen searches: its history loaded once, then searched."""
    from altui.exporting import recap_text
    from altui.history import History
    from altui.store import Store

    closed = range(1, history.closed + 1)

    def size(number: int) -> tuple[int, int]:
        data = json.loads(history.meeting_path(number).read_bytes())
        return len(data.get("items", {})), number

    largest = max(closed, key=size)  # the most items; of equals, the latest (most to report on)
    largest_path = history.meeting_path(largest)
    recaps, reads, searches, scans = [], [], [], []
    hits = raw_hits = 0
    lines = 0
    for _ in range(runs):

        def recap() -> None:
            nonlocal lines
            store = Store(history.root)
            the_set = store.find_set(SET_NAME)
            text = recap_text(store, the_set, store.meeting(history.slug, largest))
            lines = text.count("\n")

        recaps.append(timed_ms(recap))
        reads.append(timed_ms(lambda: json.loads(largest_path.read_bytes())))

        def find() -> None:
            nonlocal hits
            hits = len(History.load(Store(history.root), history.slug).search(SEARCH_WORD))

        def scan() -> None:
            nonlocal raw_hits
            raw_hits = 0
            for number in range(1, history.running + 1):
                data = json.loads(history.meeting_path(number).read_bytes())
                raw_hits += sum(
                    SEARCH_WORD in doc["text"].casefold()
                    for doc in data.get("items", {}).values()
                    if doc["kind"] != "private"
                )

        searches.append(timed_ms(find))
        scans.append(timed_ms(scan))
    return [
        Figure(
            "recap_largest_meeting",
            median(recaps),
            "ms",
            median(reads),
            target=20.0,
            baseline_is="reading that meeting's file with json.loads",
            note=f"exporting.recap_text of meeting {largest} ({history.items_per_meeting} items, "
            f"{lines} lines, report back over {history.years} years); median of {runs}",
        ),
        Figure(
            "search_history",
            median(searches),
            "ms",
            median(scans),
            target=1.3,
            on="ratio",
            baseline_is="json.loads of every meeting file and a substring scan of item texts",
            note=f"the History screen's search for {SEARCH_WORD!r} over {history.years} years: "
            f"{hits} hits ({raw_hits} in items alone); median of {runs}",
        ),
    ]


# 7: countdown accuracy --------------------------------------------------------------------------


def countdown_accuracy(root: Path, seconds: float, seed: int = 5) -> Figure:
    """A meeting driven by a FakeClock through stalls, pauses, time changes and step changes.

    Each turn of the loop the clock jumps by one tick (0.25 s) plus jitter, and often by a stall
    of up to 2 s; then the shown seconds (LiveMeeting.reading, i.e. clock.read) are compared with
    the truth kept separately in plain float seconds. The baseline counts ticks instead, as a
    naive countdown would (Textual drops late ticks, so a stall counts as one tick).
    """
    from altui.clock import FakeClock
    from altui.live import LiveMeeting
    from altui.meetings import start_meeting
    from altui.sets import new_set
    from altui.store import Store

    tick = 0.25
    rng = random.Random(seed)
    clock = FakeClock(datetime(2026, 11, 25, 14, 0, tzinfo=UTC))
    store = Store(root)
    the_set = new_set(store, "Clock check", ["Ana", "Ben", "Chloe", "Dev"], "classic", clock)
    meeting = start_meeting(store, the_set, clock, "classic", the_set.members[:3])
    live = LiveMeeting(store, meeting, clock)
    steps = len(meeting.steps)
    minutes = [s.minutes * 60 for s in meeting.steps]
    added = [0.0] * steps
    used = [0.0] * steps
    naive = list(minutes)
    running = [False] * steps
    running[0] = True
    current = 0
    elapsed = 0.0
    worst = worst_naive = 0.0
    stalls = turns = events = 0
    overrun = rng.uniform(-60, 120)
    while elapsed < seconds:
        jump = tick + rng.uniform(-0.01, 0.03)
        if rng.random() < 0.15:
            jump += rng.uniform(0, 2.0)
            stalls += 1
        clock.advance(jump)
        elapsed += jump
        turns += 1
        for index in range(steps):
            if running[index]:
                used[index] += jump
        if running[current]:
            naive[current] -= tick
        truth = max(0.0, minutes[current] + added[current]) - used[current]
        shown = live.reading().seconds
        worst = max(worst, abs(shown - truth))
        worst_naive = max(worst_naive, abs(naive[current] - truth))

        roll = rng.random()
        if not running[current]:
            if roll < 0.02:  # a pause lasts about 12 s
                live.toggle_pause()
                running[current] = True
                events += 1
        elif current < steps - 1 and (truth < -overrun or roll < 0.0005):
            live.next_step()
            running[current] = False
            current += 1
            running[current] = True
            overrun = rng.uniform(-60, 120)
            events += 1
        elif roll < 0.0008 and current > 0:
            live.previous_step()
            running[current] = False
            current -= 1
            running[current] = True
            events += 1
        elif roll < 0.003:
            live.toggle_pause()
            running[current] = False
            events += 1
        elif roll < 0.005:
            change = rng.choice((60.0, -60.0))
            live.add_time(change)
            floor = min(added[current], 60 - minutes[current])  # one minute at least
            added[current] = max(added[current] + change, floor)
            naive[current] += change
            events += 1
    return Figure(
        "countdown_max_error",
        worst,
        "s",
        worst_naive,
        target=0.25,
        baseline_is="a countdown that counts 0.25 s ticks (late ticks dropped)",
        note=f"{seconds / 3600:g} h simulated with FakeClock: {turns:,} ticks, {stalls:,} stalls "
        f"of up to 2 s, {events} pauses/steps/time changes; error once the loop runs again",
    )


def scratch_dir() -> Path:
    """A private scratch folder for one run of the benchmark."""
    return Path(tempfile.mkdtemp(prefix="altui-bench-"))
