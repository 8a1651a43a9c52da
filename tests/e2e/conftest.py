"""Fixtures of the real-terminal tests: a data folder and a private tmux server."""

from __future__ import annotations

import os
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
    """A private tmux server, killed when the test ends.

    Without tmux the test is skipped on a developer's machine, and fails under CI (``CI`` set),
    which must never pass without the real-terminal tests.
    """
    if shutil.which("tmux") is None:
        why = (
            "tmux is not installed: install it (sudo apt install tmux, or brew install tmux) to"
            " run the real-terminal tests"
        )
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    driver = Tmux(tmp_path)
    try:
        yield driver
    finally:
        driver.close()
