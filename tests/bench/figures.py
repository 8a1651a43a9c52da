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
from dataclasses import dataclass
from datetime import UTC, datetime
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


def _env(scratch: Path) -> dict[str, str]:
    """The environment for children: this repository first on the path, no stray altui data.

    Bytecode is cached (in the scratch folder), as an installed copy has it, so no run pays for
    compiling modules (the first, dropped round writes the cache).
    """
    env = {k: v for k, v in os.environ.items() if k not in _SKIPPED_ENV}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
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
        env=_env(scratch),
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
    history: BenchHistory, report_back: BenchHistory, runs: int, settle: float, scratch: Path
) -> list[Figure]:
    """Start-up to the first full frame, and memory once settled: altui against the bare app.

    The three kinds of run take turns (bare, altui, altui at report back), so a noisy moment
    on the machine falls on all of them; the first round warms the file cache and is dropped.
    """
    kinds = {
        "bare": ["bare"],
        "pydantic": ["pydantic"],
        "altui": ["altui", str(history.root), SET_NAME],
        "report_back": ["altui", str(report_back.root), SET_NAME],
    }
    found: dict[str, list[Probe]] = {kind: [] for kind in kinds}
    for round_number in range(runs + 1):
        for kind, args in kinds.items():
            result = probe(args, settle, scratch)
            if round_number:
                found[kind].append(result)

    def ms(kind: str) -> float | None:
        return median([p.startup_ms for p in found[kind]])

    def mib(kind: str, field: str) -> float | None:
        value = median([getattr(p, field) for p in found[kind]])
        return None if value is None else value / MIB

    def cpu(kind: str) -> float | None:
        return median([p.cpu_ms for p in found[kind]])

    years = f"{history.years} years of history"
    bare_is = "bare Textual app, same widget types, no data"
    floor_is = "the bare app after importing pydantic and validating one small document"
    return [
        Figure(
            "startup_first_frame",
            ms("altui"),
            "ms",
            ms("bare"),
            target=1.3,
            on="ratio",
            baseline_is=bare_is,
            note=f"`altui meet` (first step) with {years}; median of {runs} runs",
        ),
        Figure(
            "startup_report_back",
            ms("report_back"),
            "ms",
            ms("bare"),
            target=1.3,
            on="ratio",
            baseline_is=bare_is,
            note=f"resumed at the report-back step (lists open commitments) with {years}",
        ),
        Figure(
            "startup_cpu",
            cpu("altui"),
            "ms",
            cpu("bare"),
            baseline_is=bare_is,
            note="CPU time used by the first full frame (steadier than the clock on a shared "
            "machine); same runs",
        ),
        Figure(
            "startup_cpu_over_pydantic_floor",
            cpu("altui"),
            "ms",
            cpu("pydantic"),
            baseline_is=floor_is,
            note=f"the same CPU time against what pydantic alone adds to the bare app "
            f"(pydantic floor: {_ratio(cpu('pydantic'), cpu('bare'))} of the bare app)",
        ),
        Figure(
            "memory_rss",
            mib("altui", "rss_kib"),
            "MiB",
            mib("bare", "rss_kib"),
            target=1.3,
            on="ratio",
            baseline_is=bare_is,
            note=f"VmRSS {settle:g} s after the first frame, {years}",
        ),
        Figure(
            "memory_rss_over_pydantic_floor",
            mib("altui", "rss_kib"),
            "MiB",
            mib("pydantic", "rss_kib"),
            baseline_is=floor_is,
            note=f"the same VmRSS against the bare app with pydantic loaded "
            f"(pydantic floor: {_ratio(mib('pydantic', 'rss_kib'), mib('bare', 'rss_kib'))} "
            "of the bare app)",
        ),
        Figure(
            "memory_hwm",
            mib("altui", "hwm_kib"),
            "MiB",
            mib("bare", "hwm_kib"),
            target=1.3,
            on="ratio",
            baseline_is=bare_is,
            note="VmHWM (peak resident) at the same moment",
        ),
        Figure(
            "memory_rss_report_back",
            mib("report_back", "rss_kib"),
            "MiB",
            mib("bare", "rss_kib"),
            target=1.3,
            on="ratio",
            baseline_is=bare_is,
            note="VmRSS when resumed at the report-back step",
        ),
    ]


# 2: saving one item ---------------------------------------------------------------------------


def save_item(
    histories: list[BenchHistory], rounds: int, per_round: int, inserts: int, scratch: Path
) -> list[Figure]:
    """LiveMeeting.capture on the running meeting, against TinyDB's JSONStorage with one file.

    Each round captures ``per_round`` items into the running meeting (its file grows from empty
    as in a real meeting), then puts the file back. Beside each capture the same bytes are written
    once more with ``write_atomic`` to a scratch file: the disk's own price of a crash-safe write.
    """
    from tinydb import TinyDB

    from altui.clock import SystemClock
    from altui.live import LiveMeeting
    from altui.models import Item, ItemKind
    from altui.store import Store, write_atomic

    rng = random.Random(11)
    figures: list[Figure] = []
    largest = max(h.years for h in histories)
    for history in histories:
        path = history.meeting_path(history.running)
        original = path.read_bytes()
        floor_path = path.with_name("floor.tmp.json")
        saves: list[float] = []
        floors: list[float] = []
        for _ in range(rounds):
            store = Store(history.root)
            meeting = store.meeting(history.slug, history.running)
            live = LiveMeeting(store, meeting, SystemClock())
            for _ in range(per_round):
                line = sentence(rng)
                start = time.perf_counter()
                live.enter(line)
                saves.append((time.perf_counter() - start) * 1000)
                payload = path.read_bytes()
                start = time.perf_counter()
                write_atomic(floor_path, payload)
                floors.append((time.perf_counter() - start) * 1000)
            write_atomic(path, original)
        floor_path.unlink(missing_ok=True)

        one_file = scratch / f"one-file-{history.years}y.json"
        documents = one_file_copy(history, one_file)
        stock: list[float] = []
        with TinyDB(str(one_file)) as db:
            table = db.table("items")
            for _ in range(inserts):
                item = Item(
                    kind=ItemKind.NOTE, text=sentence(rng), step=0, created=datetime.now(UTC)
                )
                doc = {**item.model_dump(mode="json", by_alias=True), "meeting": history.running}
                start = time.perf_counter()
                table.insert(doc)
                stock.append((time.perf_counter() - start) * 1000)
        one_file.unlink()

        y = f"{history.years}y"
        stock_is = f"TinyDB JSONStorage, the same history in one file ({documents:,} documents)"
        figures += [
            Figure(
                f"save_item_median_{y}",
                median(saves),
                "ms",
                median(stock),
                baseline_is=stock_is,
                note=f"LiveMeeting.capture, {len(saves)} saves; stock: {len(stock)} inserts",
            ),
            Figure(
                f"save_item_p99_{y}",
                percentile(saves, 0.99),
                "ms",
                percentile(stock, 0.99),
                target=5.0,
                baseline_is=stock_is,
                note="99th percentile of the same saves",
            ),
        ]
        if history.years == largest:
            figures.append(
                Figure(
                    f"save_item_disk_p99_{y}",
                    percentile(floors, 0.99),
                    "ms",
                    median(floors),
                    baseline_is="its median",
                    note="write_atomic alone (write, fsync, rename, fsync folder) of the same "
                    "bytes beside each save: the floor any crash-safe save pays on this disk",
                )
            )
    return figures


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
        command, cwd=ROOT, env=_env(scratch), capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0 or not out.exists():
        raise RuntimeError(f"keystroke probe failed ({done.returncode}): {done.stderr[-2000:]}")
    return Typing(**json.loads(out.read_text()))


def keystrokes(history: BenchHistory, count: int, pilot_count: int, scratch: Path) -> list[Figure]:
    """``count`` keys into the entry box while the countdown runs, then Enter.

    Each app types in a fresh Python of its own (see keys.py).
    """
    typed = _typed_text(pilot_count + count)
    request = {"pilot_text": typed[:pilot_count], "text": typed[pilot_count:]}
    console = {"app": "altui", "data": str(history.root), "set": SET_NAME}
    altui = _typing({**request, **console}, scratch)
    bare = _typing({**request, "app": "bare"}, scratch)
    bare_is = "bare Textual app with a plain Input, same ticking clock"
    where = f"{history.years} years of history, countdown running"
    return [
        Figure(
            "keystroke_median",
            median(altui.keys),
            "ms",
            median(bare.keys),
            baseline_is=bare_is,
            note=f"key from the driver to the first frame showing it; {count} keys "
            f"{TYPING_GAP * 1000:g} ms apart, {where}",
        ),
        Figure(
            "keystroke_p99",
            percentile(altui.keys, 0.99),
            "ms",
            percentile(bare.keys, 0.99),
            target=10.0,
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
        self.env = _env(workdir)
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


def cpu_countdown(history: BenchHistory, window: float, scratch: Path) -> Figure:
    """CPU share of one core used by the console counting down, and by termdown beside it."""
    figure = Figure(
        f"cpu_countdown_{window:g}s",
        None,
        "% core",
        None,
        target=2.0,
        also_baseline=True,
        baseline_is="termdown counting down in the same terminal size at the same time",
    )
    if shutil.which("tmux") is None:
        figure.note = "tmux is not installed: not measured"
        return figure
    termdown = shutil.which("termdown") or str(Path(sys.executable).with_name("termdown"))
    has_termdown = Path(termdown).exists()
    tmux = PrivateTmux(scratch)
    try:
        altui = [sys.executable, "-m", "altui", "meet", SET_NAME, "--data", str(history.root)]
        pids = {"altui": tmux.start("altui", altui)}
        if has_termdown:
            pids["termdown"] = tmux.start("termdown", [termdown, "2h"])
        deadline = time.monotonic() + 30
        while SET_NAME not in tmux.screen("altui"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the console never showed:\n{tmux.screen('altui')}")
            time.sleep(0.1)
        time.sleep(2.0)  # start-up work is not the countdown's
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        started = time.monotonic()
        first_screen = tmux.screen("altui")
        time.sleep(window)
        wall = time.monotonic() - started
        after = {name: cpu_seconds(pid) for name, pid in pids.items()}
        last_screen = tmux.screen("altui")
    finally:
        tmux.kill()

    def share(name: str) -> float | None:
        start, end = before.get(name), after.get(name)
        return None if start is None or end is None else (end - start) / wall * 100

    figure.value = share("altui")
    figure.baseline = share("termdown") if has_termdown else None
    ticking = "digits changed" if first_screen != last_screen else "SCREEN DID NOT CHANGE"
    figure.note = (
        f"utime+stime from /proc over {wall:.0f} s, tmux {SIZE[0]}x{SIZE[1]}; {ticking}"
        + ("" if has_termdown else "; termdown not installed")
    )
    return figure


# 6: recap and search ----------------------------------------------------------------------------


def recap_and_search(history: BenchHistory, runs: int) -> list[Figure]:
    """Recap of the largest meeting and a search over the whole history, from a cold Store."""
    from altui.exporting import recap_text
    from altui.history import search
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
            hits = len(search(Store(history.root), history.slug, SEARCH_WORD))

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
            target=100.0,
            baseline_is="reading that meeting's file with json.loads",
            note=f"exporting.recap_text of meeting {largest} ({history.items_per_meeting} items, "
            f"{lines} lines, report back over {history.years} years); median of {runs}",
        ),
        Figure(
            "search_history",
            median(searches),
            "ms",
            median(scans),
            target=300.0,
            baseline_is="json.loads of every meeting file and a substring scan of item texts",
            note=f"history.search for {SEARCH_WORD!r} over {history.years} years: {hits} hits "
            f"({raw_hits} in items alone); median of {runs}",
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
    from altui.planning import new_set, start_meeting
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
            added[current] = max(added[current] + change, -minutes[current])
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
