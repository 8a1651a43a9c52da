"""Fixtures of the real-terminal tests: a data folder and a private tmux server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.terminal import Tmux


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, killed when the test ends (the test is skipped without tmux)."""
    if shutil.which("tmux") is None:
        pytest.skip(
            "tmux is not installed: install it (sudo apt install tmux, or brew install tmux) to"
            " run the real-terminal tests"
        )
    driver = Tmux(tmp_path)
    try:
        yield driver
    finally:
        driver.close()
