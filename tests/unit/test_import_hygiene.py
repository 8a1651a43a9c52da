"""Import rules: the contracts in pyproject.toml (``lint-imports``) cover every module, and the
imports that must stay lazy do (a contract cannot see that: it counts an import in a function)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import altui

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
UI = {"altui", "altui.__main__", "altui.app", "altui.cli", "altui.themes"}
UI_PACKAGES = ("altui.screens", "altui.widgets")


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


def below_the_ui() -> set[str]:
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in contracts["contracts"] if c["name"].startswith("Below the UI")]
    return set(contract["source_modules"])


def test_the_textual_contract_names_every_module_below_the_ui():
    modules = {"altui"} | {
        info.name for info in pkgutil.walk_packages(altui.__path__, prefix="altui.")
    }
    below = {m for m in modules if m not in UI and not m.startswith(UI_PACKAGES)}
    assert below_the_ui() == below


def test_the_check_can_see_textual_and_tinydb():
    assert "textual" in loaded_after_import("altui.app")
    assert "tinydb" in loaded_after_import("altui.store")


def test_cli_starts_without_textual():
    loaded = loaded_after_import("altui.cli")
    assert "altui.cli" in loaded
    assert "textual" not in loaded
