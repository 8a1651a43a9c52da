"""Shipped plans and styles are found by the installed package, wherever it is run from."""

from __future__ import annotations

import subprocess
import sys


def test_installed_package_finds_plans_and_styles(tmp_path):
    code = (
        "import altui.app, altui.resources as r, altui.plans as p;"
        "print(sorted(p.builtin_plans()));"
        "print(all(path.is_file() for path in altui.app.Altui.CSS_PATH))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["['classic', 'half_day', 'quick']", "True"]
