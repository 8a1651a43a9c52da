"""Where the shipped plans and styles live, in a checkout and after a plain ``pip install``."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """The wheel puts the folder inside the package; a checkout has it beside the package."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def sessions_dir() -> Path:
    """The folder of shipped session plans."""
    return _shipped("sessions")


def styles_dir() -> Path:
    """The folder of TCSS style sheets."""
    return _shipped("styles")
