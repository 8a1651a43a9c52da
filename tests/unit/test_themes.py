"""Projector themes: 7:1 text contrast, and state colours distinct for colour-blind viewers."""

from __future__ import annotations

import itertools
import math

import pytest

from altui.themes import THEMES

MATRICES = {
    # Viénot, Brettel & Mollon (1999), in linear RGB
    "protanopia": ((0.11238, 0.88762, 0.0), (0.11238, 0.88762, 0.0), (0.00401, -0.00401, 1.0)),
    "deuteranopia": ((0.29275, 0.70725, 0.0), (0.29275, 0.70725, 0.0), (-0.02234, 0.02234, 1.0)),
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}


def linear(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def luminance(rgb: tuple[float, float, float]) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(linear(a)), luminance(linear(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    matrix = MATRICES[vision]
    simulated = tuple(
        max(0.0, min(1.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    )
    return lab(simulated)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_text_and_state_colours_reach_seven_to_one(theme):
    for background in (theme.background, theme.surface, theme.panel):
        assert contrast(theme.foreground, background) >= 7, background
    for state in (theme.success, theme.warning, theme.error):
        assert contrast(state, theme.background) >= 7, state


@pytest.mark.parametrize("vision", MATRICES)
@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_state_colours_stay_apart_for_colour_blind_viewers(theme, vision):
    states = {"running": theme.success, "low": theme.warning, "over": theme.error}
    for (a, first), (b, second) in itertools.combinations(states.items(), 2):
        distance = math.dist(seen_as(first, vision), seen_as(second, vision))
        assert distance >= 20, f"{a} and {b} look alike with {vision} ({distance:.1f})"


async def test_theme_chosen_in_a_meeting_is_remembered_for_the_set(console, store, the_set):
    async with console.run_test(size=(120, 36)) as pilot:
        assert console.theme == "projector-dark"
        console.theme = "projector-light"
        await pilot.pause()
    assert store.find_set(the_set.name).theme == "projector-light"
    from altui.app import make_app

    again = make_app(store, console.clock, store.find_set(the_set.name), None)
    assert again.theme == "projector-light"


def test_only_the_projector_themes_are_offered(store):
    """The palette's theme list holds only themes whose contrast is checked above."""
    from altui.app import make_app

    app = make_app(store)
    assert sorted(app.available_themes) == sorted(theme.name for theme in THEMES)


def test_a_stock_theme_remembered_by_an_older_altui_falls_back(store, the_set, meeting):
    from altui.app import make_app

    the_set.theme = "dracula"
    app = make_app(store, None, the_set, meeting)
    assert app.theme == "projector-dark"


async def test_the_console_starts_in_its_sets_theme_styled_once(
    store, the_set, meeting, clock, monkeypatch
):
    """A set's theme is the console's from its first frame, its stylesheet parsed once: setting
    the theme before the start no longer parses every stylesheet again after the first frame.
    A theme chosen later restyles the screen as ever."""
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    from altui.app import make_app

    reparsed: list[Stylesheet] = []
    reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparsed.append(self)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    the_set.theme = "projector-light"
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        light = app.get_theme("projector-light")
        assert light is not None and light.background is not None
        assert app.screen.styles.background == Color.parse(light.background)
        assert reparsed == []
        app.theme = "projector-dark"
        await pilot.pause()
        dark = app.get_theme("projector-dark")
        assert dark is not None and dark.background is not None
        assert reparsed
        assert app.screen.styles.background == Color.parse(dark.background)
