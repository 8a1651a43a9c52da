"""The read-only viewers: ``altui display`` following a live meeting, ``altui serve`` per browser.

Both run in children of their own (the display through child.py, the server as ``altui serve``),
while this process changes the meeting or connects browsers, as the console and the room do.
"""

from __future__ import annotations

import asyncio
import os
import queue
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from tests.bench.common import ROOT, SIZE, Figure, cpu_seconds, median, memory_kib, percentile
from tests.bench.history import SET_NAME, BenchHistory, sentence

CHILD = Path(__file__).with_name("child.py")
MIB = 1024
SERVE_SIZE = "width=120&height=36"


# display follow latency -------------------------------------------------------------------------


class _Lines:
    """A child's stdout, a line at a time, read on a thread so that waiting can time out."""

    def __init__(self, child: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(child,), daemon=True)
        self._thread.start()

    def _read(self, child: subprocess.Popen[str]) -> None:
        assert child.stdout is not None
        for line in child.stdout:
            self._queue.put(line)
        self._queue.put(None)

    def next(self, timeout: float) -> str:
        """The next line; RuntimeError if the child ended or said nothing in time."""
        try:
            line = self._queue.get(timeout=timeout)
        except queue.Empty:
            raise RuntimeError(f"the child said nothing for {timeout:g} s") from None
        if line is None:
            raise RuntimeError("the child ended")
        return line


def display_follow(history: BenchHistory, changes: int, env: dict[str, str]) -> list[Figure]:
    """``changes`` items saved by a LiveMeeting here, each timed to the display's frame showing it.

    The display (``altui display``, headless at the console's size, every frame turned into
    terminal bytes) runs in a child that prints the id of the newest item its panel shows at
    each frame that changes it. A change's time runs from just before ``LiveMeeting.enter``
    (the console's save) to that frame. Changes are a random 0.05-0.3 s apart, so they fall
    anywhere in the display's polling interval.
    """
    from altui.clock import SystemClock
    from altui.live import LiveMeeting
    from altui.models import ItemKind
    from altui.screens.display import BEAT_SECONDS
    from altui.store import Store

    command = [sys.executable, str(CHILD), "display", "-", "0", str(history.root), SET_NAME]
    child = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    shown = _Lines(child)
    times: list[float] = []
    try:
        shown.next(timeout=120)  # the first frame of the display
        store = Store(history.root)
        live = LiveMeeting(store, store.meeting(history.slug, history.running), SystemClock())
        rng = random.Random(17)
        for _ in range(changes):
            start = time.monotonic()
            entered = live.enter(sentence(rng), kind=ItemKind.NOTE)
            assert entered is not None and entered.item is not None
            while True:
                newest, when = shown.next(timeout=10).split()
                if newest == entered.item.id:
                    break
            times.append((float(when) - start) * 1000)
            time.sleep(rng.uniform(0.05, 0.3))
    except RuntimeError as exc:
        child.kill()
        raise RuntimeError(f"display follow: {exc}: {child.communicate()[1][-2000:]}") from None
    finally:
        if child.poll() is None:
            assert child.stdin is not None
            child.stdin.close()  # the child quits the display when its stdin ends
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()
    poll = BEAT_SECONDS * 1000
    how = (
        f"{len(times)} items saved by LiveMeeting.enter at {history.years} years, each from the "
        f"save to the first frame of `altui display` showing it (headless, {SIZE[0]}x{SIZE[1]})"
    )
    return [
        Figure(
            "display_follow_p50",
            median(times),
            "ms",
            poll / 2,
            baseline_is=f"half the display's polling interval ({poll:g} ms): a change waits "
            "that long for the next look on average",
            note=how,
        ),
        Figure(
            "display_follow_p95",
            percentile(times, 0.95),
            "ms",
            poll * 0.95,
            target=300.0,
            baseline_is="95% of the polling interval: what polling alone costs at the 95th "
            "percentile",
            note=f"95th percentile of the same; slowest {max(times, default=0):.0f} ms",
        ),
    ]


# serve: memory and CPU per browser --------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (by the parent pid in /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(raw.rpartition(")")[2].split()[1])
        parents.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def _tree_rss(pid: int) -> float:
    """VmRSS of ``pid`` and everything below it, in MiB."""
    return sum(memory_kib(p).get("VmRSS", 0) for p in _descendants(pid)) / MIB


def _tree_cpu(pid: int) -> dict[int, float]:
    """CPU seconds so far of ``pid`` and everything below it, by pid."""
    found = {p: cpu_seconds(p) for p in _descendants(pid)}
    return {p: s for p, s in found.items() if s is not None}


async def _settled_rss(pid: int, quiet: float, most: float = 30.0) -> float:
    """The tree's RSS once it has stayed within 1% for ``quiet`` seconds (at most ``most``)."""
    deadline = time.monotonic() + most
    last = _tree_rss(pid)
    while True:
        await asyncio.sleep(quiet)
        now = _tree_rss(pid)
        if abs(now - last) <= 0.01 * last or time.monotonic() > deadline:
            return now
        last = now


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Viewer:
    """One browser: a websocket to ``altui serve`` that reads (and drops) what the display sends."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.received = 0
        self.task = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        import aiohttp

        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += len(message.data)

    async def first_screen(self, timeout: float) -> None:
        """Wait until the display has sent something (its first frame)."""
        deadline = time.monotonic() + timeout
        while not self.received:
            if self.task.done() or time.monotonic() > deadline:
                raise RuntimeError("a served display sent nothing")
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        await self.socket.close()
        self.task.cancel()


def serve_viewers(
    history: BenchHistory,
    counts: tuple[int, ...],
    window: float,
    settle: float,
    env: dict[str, str],
) -> list[Figure]:
    """Browsers connected to ``altui serve`` one at a time up to its cap (``max(counts)``),
    then one more, which must be refused.

    After each browser's display has drawn, once the RSS of the server and every process below
    it has settled (unchanged for ``settle`` seconds), it is read: the n-th viewer costs what
    the total grew by. At each of ``counts`` viewers, the CPU of the whole tree is read over
    ``window`` seconds while the meeting's clock runs (every display redraws its digits) and
    shared out per viewer.
    """
    cap = max(counts)
    names = [f"serve_rss_viewer_{n}" for n in counts] + [f"serve_cpu_viewer_{n}" for n in counts]
    try:
        import aiohttp  # noqa: F401  (textual-serve's; the test and bench extras install it)
        import textual_serve  # noqa: F401
    except ImportError:
        missing = "textual-serve is not installed (pip install -e '.[bench]'): not measured"
        return [Figure(name, None, "MiB", None, note=missing) for name in names] + [
            Figure("serve_viewer_cap", None, "viewers", float(cap), note=missing)
        ]
    port = _free_port()
    command = [
        sys.executable, "-m", "altui", "--data", str(history.root), "serve", SET_NAME,
        "--port", str(port), "--max-viewers", str(cap),
    ]  # fmt: skip
    log = history.root.parent / f"serve-{port}.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        totals, cpu, served = asyncio.run(_watch(server, port, counts, window, settle))
    except (RuntimeError, OSError) as exc:
        raise RuntimeError(f"serve: {exc}\n{log.read_text()[-2000:]}") from None
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            for pid in _descendants(server.pid):
                os.kill(pid, signal.SIGKILL)
    first = totals[1] - totals[0]
    figures = [
        Figure(
            f"serve_rss_viewer_{n}",
            totals[n] - totals[n - 1],
            "MiB",
            first,
            target=None if n == 1 else 1.1,
            on="ratio",
            baseline_is="what the first viewer added",
            note=f"what the {_nth(n)} browser added to the RSS of `altui serve` and every "
            f"process below it ({totals[n]:.0f} MiB in all), once its display had drawn and the "
            f"total stayed within 1% for {settle:g} s",
        )
        for n in counts
    ]
    figures += [
        Figure(
            f"serve_cpu_viewer_{n}",
            cpu[n] / n,
            "% core",
            cpu[1],
            target=None if n == 1 else 1.1,
            on="ratio",
            baseline_is="the same with one viewer",
            note=f"CPU of the server and its {n} displays over {window:g} s, the clock running, "
            f"shared per viewer ({cpu[n]:.2g}% in all)",
        )
        for n in counts
    ]
    figures.append(
        Figure(
            "serve_viewer_cap",
            float(served),
            "viewers",
            float(cap),
            target=1.0,
            on="ratio",
            baseline_is=f"the cap (--max-viewers {cap})",
            note=f"browsers watching when {cap + 1} asked (the last must be refused, 503)",
        )
    )
    return figures


def _nth(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


async def _watch(
    server: subprocess.Popen[bytes],
    port: int,
    counts: tuple[int, ...],
    window: float,
    settle: float,
) -> tuple[list[float], dict[int, float], int]:
    """Connect the browsers; the RSS totals by viewers, CPU % at each count, viewers served."""
    import aiohttp

    url = f"http://127.0.0.1:{port}"
    cap = max(counts)
    viewers: list[_Viewer] = []
    cpu: dict[int, float] = {}

    async def connect(session: aiohttp.ClientSession) -> Any:
        return await session.ws_connect(f"{url}/ws?{SERVE_SIZE}", headers={"Origin": url})

    async with aiohttp.ClientSession() as session:
        deadline = time.monotonic() + 60
        while True:  # until the server answers
            try:
                async with session.get(url) as page:
                    if page.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("altui serve did not start")
            await asyncio.sleep(0.1)
        totals = [await _settled_rss(server.pid, settle)]
        try:
            for n in range(1, cap + 1):
                viewer = _Viewer(await connect(session))
                viewers.append(viewer)
                await viewer.first_screen(timeout=120)
                totals.append(await _settled_rss(server.pid, settle))
                if n in counts:
                    before, started = _tree_cpu(server.pid), time.monotonic()
                    await asyncio.sleep(window)
                    after, wall = _tree_cpu(server.pid), time.monotonic() - started
                    used = sum(after[p] - before[p] for p in after if p in before)
                    cpu[n] = used / wall * 100
            served = len(viewers)
            try:
                extra = await connect(session)
            except aiohttp.WSServerHandshakeError as exc:
                if exc.status != 503:
                    raise RuntimeError(f"one viewer over the cap: status {exc.status}") from None
            else:
                served += 1
                await extra.close()
        finally:
            for viewer in viewers:
                await viewer.close()
    return totals, cpu, served
