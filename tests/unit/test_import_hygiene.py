"""The core modules stay free of the UI (and the pure ones free of the database)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "altui.models",
    "altui.clock",
    "altui.plans",
    "altui.schedule",
    "altui.store",
    "altui.planning",
    "altui.live",
    "altui.demo",
    "altui.history",
    "altui.recap",
    "altui.commitments",
    "altui.migrate",
    "altui.check",
    "altui.exporting",
    "altui.membership",
]
PURE = ["altui.models", "altui.plans", "altui.clock", "altui.schedule", "altui.lettering"]


def loaded_after_import(module: str) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print('\\n'.join(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    loaded = loaded_after_import(module)
    assert module in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


@pytest.mark.parametrize("module", PURE)
def test_pure_module_does_not_import_tinydb(module):
    loaded = loaded_after_import(module)
    assert module in loaded
    assert "tinydb" not in loaded
    assert "altui.store" not in loaded


def test_the_check_can_see_textual_and_tinydb():
    assert "textual" in loaded_after_import("altui.app")
    assert "tinydb" in loaded_after_import("altui.store")


def test_cli_starts_without_textual():
    loaded = loaded_after_import("altui.cli")
    assert "textual" not in loaded
