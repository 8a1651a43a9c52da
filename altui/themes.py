"""Projector themes: high-contrast text and state colours a colour-blind viewer can tell apart.

The state colours were chosen (and are tested) to stay apart under protanopia and deuteranopia
simulation, and each state also changes its words and symbols: colour is never the only signal.
"""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR_DARK = Theme(
    name="projector-dark",
    dark=True,
    foreground="#f2f2f2",
    background="#0b0b0e",
    surface="#141419",
    panel="#1e1e26",
    primary="#56b4e9",
    secondary="#9fd7ff",
    accent="#e69f00",
    success="#56b4e9",
    warning="#f0e442",
    error="#f28c8c",
)
"""White on near-black; running sky blue, low yellow, over salmon red."""

PROJECTOR_LIGHT = Theme(
    name="projector-light",
    dark=False,
    foreground="#111111",
    background="#ffffff",
    surface="#f4f4f6",
    panel="#e8e8ee",
    primary="#00456e",
    secondary="#004f7a",
    accent="#7a4a00",
    success="#0000f0",
    warning="#705000",
    error="#802080",
)
"""Black on white for bright rooms; running blue, low dark amber, over dark purple."""

THEMES = (PROJECTOR_DARK, PROJECTOR_LIGHT)
DEFAULT_THEME = PROJECTOR_DARK.name
