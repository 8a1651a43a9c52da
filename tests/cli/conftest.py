"""Fixtures for the command-line tests."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Keep every run away from the real user data folder, even if ``--data`` were lost."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.delenv("ALTUI_DATA", raising=False)
    return home


@pytest.fixture
def data(tmp_path):
    """Where ``--data`` points: a folder not made yet."""
    return tmp_path / "data"


@pytest.fixture
def runner() -> CliRunner:
    """Runs the CLI in-process."""
    return CliRunner()
