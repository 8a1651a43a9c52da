"""Start-up and memory probe: one fresh Python per measurement, started by run.py.

    python tests/bench/child.py bare OUT SETTLE
    python tests/bench/child.py pydantic OUT SETTLE
    python tests/bench/child.py altui OUT SETTLE DATA SET_NAME
    python tests/bench/child.py keys OUT REQUEST        (the keystroke probe, see keys.py)

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


def main(argv: list[str]) -> None:
    """Run one probe."""
    sys.path.insert(0, str(ROOT))
    from tests.bench.common import SIZE

    if argv[0] == "keys":
        from tests.bench.keys import main as type_keys

        type_keys(Path(argv[2]), Path(argv[1]))
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
    import altui.app

    real_run = altui.app.Altui.run

    def run_headless(self: Any, *args: Any, **kwargs: Any) -> Any:
        _arm(self, lambda screen: type(screen).__name__ == "MeetingScreen", out, settle)
        return real_run(self, headless=True, size=SIZE)

    altui.app.Altui.run = run_headless  # type: ignore[method-assign]
    from altui.cli import main as altui_main

    altui_main(["meet", set_name, "--data", data], standalone_mode=False)


if __name__ == "__main__":
    main(sys.argv[1:])
