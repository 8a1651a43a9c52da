"""The command palette and the key list leave the clock and headline in view; the palette
offers altui's commands only."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from altui.widgets.big_clock import BigClock
from altui.widgets.headline import Headline


async def opened(pilot) -> CommandPalette:
    """The palette, once its providers have answered (it shows itself only then)."""
    await pilot.press("ctrl+p")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    for _ in range(50):
        await pilot.pause(0.05)
        if palette.has_class("-ready"):
            break
    await pilot.pause()
    return palette


async def palette_titles(pilot) -> list[str]:
    palette = await opened(pilot)
    listing = palette.query_one("CommandList")
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)])
async def test_palette_open_leaves_the_clock_and_headline_in_view(console, size):
    async with console.run_test(size=size) as pilot:
        stage = console.screen
        palette = await opened(pilot)
        box = palette.query_one("#--input").region.union(palette.query_one("CommandList").region)
        assert box.height >= 10
        for part in (stage.query_one(BigClock), stage.query_one(Headline)):
            assert not box.overlaps(part.region), (part, box)
        assert box.bottom == size[1]  # docked at the bottom


async def test_palette_lists_altuis_commands_without_duplicates(console):
    async with console.run_test(size=(120, 36)) as pilot:
        titles = await palette_titles(pilot)
        assert any(line.startswith("Next step") for line in titles), titles
        for gone in ("Maximize", "Screenshot", "Quit", "Minimize"):
            assert not any(line.startswith(gone) for line in titles), titles
        assert sum(line.startswith("Keys") for line in titles) == 1
        assert any(line.startswith("Theme") for line in titles)


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)])
async def test_the_key_list_leaves_the_clock_and_headline_in_view(console, size):
    async with console.run_test(size=size) as pilot:
        stage = console.screen
        await pilot.press("f1")
        await pilot.pause()
        box = console.screen.query_one("VerticalScroll").region
        assert box.height >= 10
        for part in (stage.query_one(BigClock), stage.query_one(Headline)):
            assert not box.overlaps(part.region), (part, box)
