"""Keystroke probe: type into one app in its own process and time each key to its frame.

Run by child.py (``keys`` mode) so each app types with only its own objects in memory, as on a
real laptop: the benchmark's process holds every history it built, and the garbage collector's
pauses over that heap are not the app's.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tests.bench.common import SIZE, timed_ms, watch_frames

TYPING_GAP = 0.025
"""Seconds between keys: a very fast typist (40 keys a second), so frames are never idle long."""


@dataclass
class Typing:
    """Key-to-frame times, Pilot press times, the Enter that follows, frame compose times, and
    the garbage collector's full collections while typing (milliseconds each)."""

    keys: list[float]
    pilot: list[float]
    enter: float
    frames: list[float]
    full_collections: list[float]


class FullCollections:
    """Times each full (generation 2) collection of the garbage collector while installed."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._started = 0.0

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.times.append((time.perf_counter() - self._started) * 1000)


async def _type_into(
    app: Any, pilot_text: str, text: str, check: Callable[[Any, str], None]
) -> Typing:
    """Type ``pilot_text`` with Pilot, then ``text`` key by key as a terminal delivers it.

    A key goes in as the driver hands the app a key from the terminal (``send_message``); its
    time runs until the first frame that shows it (the entry line holding one more character, the
    frame composed and turned into terminal bytes). Pilot's ``press`` is timed too, but it waits
    for the process to look idle (two sleeps of 20 ms at least), so it is shown for information.
    """
    from textual import events
    from textual.keys import _character_to_key
    from textual.widgets import Input

    frames: list[float] = []
    keys: list[float] = []
    pilot_keys: list[float] = []
    waiting: dict[str, Any] = {}

    def on_frame(screen: Any, full: bool, when: float) -> None:
        shown = waiting.get("shown")
        if shown is not None and shown():
            waiting["event"].set()

    watch_frames(app, on_frame)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        line = screen.query_one(Input)
        compose = screen._compositor_refresh

        def timed_refresh() -> None:
            frames.append(timed_ms(compose))

        screen._compositor_refresh = timed_refresh

        async def stroke(key: str, char: str, shown: Callable[[], bool]) -> float:
            done = asyncio.Event()
            waiting.update(event=done, shown=shown)
            event = events.Key(key, char)
            event.set_sender(app)
            start = time.perf_counter()
            app._driver.send_message(event)
            await asyncio.wait_for(done.wait(), timeout=10)
            waiting.clear()
            return (time.perf_counter() - start) * 1000

        for ch in pilot_text:
            start = time.perf_counter()
            await pilot.press(ch)
            pilot_keys.append((time.perf_counter() - start) * 1000)
        with FullCollections() as collections:
            for ch in text:
                wanted = len(line.value) + 1
                key = ch if ch.isalnum() else _character_to_key(ch)
                keys.append(await stroke(key, ch, lambda n=wanted: len(line.value) >= n))
                await asyncio.sleep(TYPING_GAP)
        enter = await stroke("enter", "\r", lambda: not line.value)
        await pilot.pause()
        check(app, pilot_text + text)
    return Typing(keys, pilot_keys, enter, frames, collections.times)


def _bare_app() -> tuple[Any, Callable[[Any, str], None]]:
    from tests.bench.bare import BareApp

    def cleared(app: Any, line: str) -> None:
        if app.query_one("Input").value:
            raise AssertionError("the bare app's line was not submitted")

    return BareApp(), cleared


def _console(data: str, set_name: str) -> tuple[Any, Callable[[Any, str], None]]:
    from altui.app import make_app
    from altui.clock import SystemClock
    from altui.sets import unfinished_meeting
    from altui.store import Store

    store = Store(Path(data))
    the_set = store.find_set(set_name)
    meeting = unfinished_meeting(store, the_set)
    before = len(store.items(meeting)) if meeting else 0

    def saved(app: Any, line: str) -> None:
        items = app.screen.live.items
        if len(items) != before + 1 or items[-1].text != line.strip():
            raise AssertionError("the typed line was not saved as one item")

    return make_app(store, SystemClock(), the_set, meeting), saved


def main(request_path: Path, out: Path) -> None:
    """Type what ``request_path`` asks into the app it names; write the times to ``out``."""
    request = json.loads(request_path.read_text())
    if request["app"] == "bare":
        app, check = _bare_app()
    else:
        app, check = _console(request["data"], request["set"])
    typing = asyncio.run(_type_into(app, request["pilot_text"], request["text"], check))
    out.write_text(json.dumps(asdict(typing)))
