"""Shared pieces of the benchmark: a figure, percentiles, /proc readings, and a frame probe.

Imports neither altui nor textual at module level, so the bare app's child process stays bare.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
"""The repository (so children import the working tree's altui, not an installed copy)."""

SIZE = (120, 36)
"""Terminal size for every run of the console."""


@dataclass
class Figure:
    """One row of the table.

    ``target`` applies to ``value`` or to ``ratio`` (``on``). A figure without a target is
    shown for information and counts as met.
    """

    name: str
    value: float | None
    unit: str
    baseline: float | None
    target: float | None = None
    on: str = "value"
    baseline_is: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """value / baseline, when both are known and the baseline is not zero."""
        if self.value is None or self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> bool:
        """Whether the target is met (True when there is no target; False when not measured)."""
        if self.target is None:
            return True
        judged = self.ratio if self.on == "ratio" else self.value
        if judged is None:
            return False
        return round(judged, 4) <= self.target  # to the places the JSON keeps

    @property
    def target_text(self) -> str:
        """The target in words, e.g. ``<= 1.3x baseline`` or ``<= 5 ms``."""
        if self.target is None:
            return "-"
        if self.on == "ratio":
            return f"<= {self.target:g}x baseline"
        return f"<= {self.target:g} {self.unit}"

    def as_json(self) -> dict[str, Any]:
        """The figure as the JSON report has it."""
        data = {
            "name": self.name,
            "value": _clean(self.value),
            "unit": self.unit,
            "baseline": _clean(self.baseline),
            "ratio": _clean(self.ratio),
            "target": self.target,
            "met": self.met,
            "target_on": self.on,
            "target_text": self.target_text,
            "baseline_is": self.baseline_is,
            "note": self.note,
        }
        data.update(self.extra)
        return data


def _clean(number: float | None) -> float | None:
    if number is None or not math.isfinite(number):
        return None
    return round(number, 4)


def median(samples: Sequence[float]) -> float | None:
    """The median, or None for no samples."""
    return statistics.median(samples) if samples else None


def percentile(samples: Sequence[float], share: float) -> float | None:
    """The ``share`` percentile (0..1) by the nearest-rank method, or None for no samples."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def timed_ms(action: Callable[[], object]) -> float:
    """Milliseconds ``action`` took."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


# /proc ----------------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds used so far by ``pid`` (all its threads); None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rpartition(")")[2].split()
    # fields[0] is the state (field 3 of stat(5)); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def memory_kib(pid: int | str = "self") -> dict[str, int]:
    """VmRSS and VmHWM of ``pid`` in KiB (empty when /proc is not there)."""
    found: dict[str, int] = {}
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(rest.split()[0])
    return found


# frames ---------------------------------------------------------------------------------------


def watch_frames(app: Any, on_frame: Callable[[Any, bool, float], None]) -> None:
    """Call ``on_frame(screen, full, when)`` after each frame the app composes.

    Headless Textual composes every frame but skips turning it into terminal bytes; the probe
    does that step too (``render_segments``), so a frame costs what it would cost on a terminal.
    ``full`` is True for a whole-screen update (the first frame of a screen is one).
    """
    from textual._compositor import CompositorUpdate, LayoutUpdate

    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is None:
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)
        on_frame(screen, isinstance(renderable, LayoutUpdate), time.monotonic())

    app._display = display
