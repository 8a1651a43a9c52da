"""The benchmark still runs: ``tests/bench/run.py --quick`` on a tiny history.

No timed assertions (machines are noisy; the benchmark itself is the judge): this only checks
that every figure is reported with the keys and types the JSON promises.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.bench.figures import termdown_command

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "tests" / "bench" / "run.py"

CHANGES = {
    f"{change}_item_{stat}_1y"
    for change in ("save", "edit", "delete", "undo")
    for stat in ("median", "p99")
}
FIGURES = CHANGES | {
    "startup_first_frame",
    "startup_report_back",
    "startup_cpu",
    "undo_depth_20_1y",
    "keystroke_median",
    "keystroke_p99",
    "keystroke_pilot_press_p99",
    "keystroke_frame_p99",
    "enter_saves_line",
    "cpu_countdown_2s",
    "cpu_display_2s",
    "display_follow_p50",
    "display_follow_p95",
    "serve_rss_viewer_1",
    "serve_rss_viewer_2",
    "serve_cpu_viewer_1",
    "serve_cpu_viewer_2",
    "serve_viewer_cap",
    "memory_rss",
    "memory_hwm",
    "memory_rss_report_back",
    "recap_largest_meeting",
    "search_history",
    "countdown_max_error",
}
NUMBERS = ("value", "baseline", "ratio")


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def test_quick_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text())
    figures = {f["name"]: f for f in report["figures"]}
    assert set(figures) == FIGURES
    for name, figure in figures.items():
        for key in ("name", "value", "unit", "baseline", "ratio", "target", "met"):
            assert key in figure, (name, key)
        for key in NUMBERS:
            assert figure[key] is None or is_number(figure[key]), (name, key, figure[key])
        assert figure["target"] is None or is_number(figure["target"]), name
        assert isinstance(figure["met"], bool), name
        assert isinstance(figure["unit"], str) and figure["unit"], name
    cpu = {"cpu_countdown_2s", "cpu_display_2s"}
    for name in FIGURES - cpu:
        assert is_number(figures[name]["value"]), f"{name} was not measured"
        assert is_number(figures[name]["baseline"]), f"{name} has no floor"
    for name in cpu:
        if shutil.which("tmux") is None:
            assert figures[name]["value"] is None
        else:
            assert is_number(figures[name]["value"]), name
        if shutil.which("tmux") and termdown_command() is not None:
            assert is_number(figures[name]["baseline"]), name
    assert figures["serve_viewer_cap"]["value"] == figures["serve_viewer_cap"]["baseline"] == 2
    assert "startup_first_frame" in done.stdout  # the table is printed too


def test_the_full_run_measures_the_countdown_over_the_window_the_readme_states() -> None:
    """The quick run's short waits stay the quick run's (a 2 s window once leaked into the
    full run, where one CPU tick is 5% of the figure)."""
    from tests.bench.run import _settings

    window = _settings(quick=False)["cpu_window"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| countdown CPU, {window:g} s in tmux |" in readme
    assert window >= 60
