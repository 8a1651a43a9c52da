"""Start-up and memory probe: one fresh Python per measurement, started by run.py.

    python tests/bench/child.py bare OUT SETTLE
    python tests/bench/child.py pydantic OUT SETTLE
    python tests/bench/child.py altui OUT SETTLE DATA SET_NAME
    python tests/bench/child.py keys OUT REQUEST        (the keystroke probe, see keys.py)
    python tests/bench/child.py display - 0 DATA SET_NAME   (the display follow probe, viewers.py)

``altui`` runs the real command line (``altui meet SET --data DATA``: click, the store, the lock,
the log, the console) with the app forced headless at 120x36; ``bare`` runs the bare Textual
app; ``pydantic`` runs the bare app after importing pydantic and validating one small document
(what any Textual app that checks its data with pydantic pays). At the first full frame of the
console screen (every part drawn, down to the footer's keys, which Textual fills in a frame
after the rest) the probe notes ``time.monotonic()`` (the parent compares it with the moment it
spawned this process, so Python's start and every import count), the CPU time used so far and
VmRSS/VmHWM; after SETTLE seconds of running it notes memory again, writes OUT (JSON) and exits.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def footer_drawn(screen: Any) -> bool:
    """Whether the frame just drawn has the footer's keys: the last part of the screen to fill."""
    return any(key.region.area for key in screen.query("FooterKey"))


def _arm(app: Any, wanted: Callable[[Any], bool], out: Path, settle: float) -> None:
    from tests.bench.common import memory_kib, watch_frames

    result: dict[str, Any] = {}

    def finish() -> None:
        result["settled"] = memory_kib()
        out.write_text(json.dumps(result))
        app.exit()

    def on_frame(screen: Any, full: bool, when: float) -> None:
        if "frame" in result or not wanted(screen) or not footer_drawn(screen):
            return
        result["frame"] = when
        result["cpu"] = time.process_time()
        result["at_frame"] = memory_kib()
        app.set_timer(settle, finish)

    watch_frames(app, on_frame)


def headless_cli(args: list[str], arm: Callable[[Any], None]) -> None:
    """Run ``altui ARGS`` (the real command line) with its app headless at SIZE, ``arm(app)``
    called before it runs.

    altui imports its app only once the command line is read, so the app is patched as it is
    imported, not imported here first (that would change what start-up does, and in what order).
    """
    from tests.bench.common import SIZE

    def patch(module: Any) -> None:
        real_run = module.Altui.run

        def run_headless(self: Any, *_: Any, **__: Any) -> Any:
            arm(self)
            return real_run(self, headless=True, size=SIZE)

        module.Altui.run = run_headless

    on_import("altui.app", patch)
    from altui.cli import main as altui_main

    altui_main(args, standalone_mode=False)


def on_import(name: str, then: Callable[[Any], None]) -> None:
    """Call ``then(module)`` when module ``name`` has been imported (by whoever imports it)."""
    import importlib.abc
    import importlib.util

    class Hook(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            assert spec is not None and spec.loader is not None
            execute = spec.loader.exec_module

            def exec_module(module: Any) -> None:
                execute(module)
                then(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Hook())


def follow_display(data: str, set_name: str) -> None:
    """Run ``altui display`` headless; at each frame that changes the newest item its panel
    shows, write ``ID MONOTONIC`` to stdout; quit when stdin ends."""
    import os
    import threading

    from tests.bench.common import watch_frames

    shown = [""]

    def on_frame(screen: Any, full: bool, when: float) -> None:
        if type(screen).__name__ != "DisplayScreen":
            return
        panel = screen.query_one("#items")
        count = panel.option_count
        newest = (panel.get_option_at_index(count - 1).id if count else None) or "-"
        if newest != shown[0]:
            shown[0] = newest
            os.write(1, f"{newest} {when}\n".encode())  # Textual captures print()

    def arm(app: Any) -> None:
        watch_frames(app, on_frame)

        def quit_at_eof() -> None:
            sys.stdin.read()
            app.call_from_thread(app.exit)

        threading.Thread(target=quit_at_eof, daemon=True).start()

    headless_cli(["display", set_name, "--data", data], arm)


def main(argv: list[str]) -> None:
    """Run one probe."""
    sys.path.insert(0, str(ROOT))
    from tests.bench.common import SIZE

    if argv[0] == "keys":
        from tests.bench.keys import main as type_keys

        type_keys(Path(argv[2]), Path(argv[1]))
        return
    if argv[0] == "display":
        follow_display(argv[3], argv[4])
        return
    mode, out, settle = argv[0], Path(argv[1]), float(argv[2])
    if mode in ("bare", "pydantic"):
        from tests.bench.bare import BareApp, validate_with_pydantic

        if mode == "pydantic":
            validate_with_pydantic()
        app = BareApp()
        _arm(app, lambda screen: True, out, settle)
        app.run(headless=True, size=SIZE)
        return
    data, set_name = argv[3], argv[4]

    def arm(app: Any) -> None:
        _arm(app, lambda screen: type(screen).__name__ == "MeetingScreen", out, settle)

    headless_cli(["meet", set_name, "--data", data], arm)


if __name__ == "__main__":
    main(sys.argv[1:])
