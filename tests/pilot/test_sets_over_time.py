"""Sets over time in the app: members leaving with open commitments, archiving, empty sets."""

from __future__ import annotations

import pytest

from altui.app import make_app
from altui.commitments import open_commitments
from altui.screens.home import HomeScreen
from altui.screens.members import LeavingScreen, MembersScreen
from altui.screens.setup import SetupScreen
from altui.sets import archive_set, new_set
from tests.builders import BEN, close, commit, hold


def said(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize(("key", "still_open"), [("d", 0), ("k", 1)])
async def test_removing_a_member_with_open_commitments_asks_what_becomes_of_them(
    store, the_set, clock, key, still_open
):
    first, _ = hold(store, the_set, clock, [commit(BEN, "Talk to the supplier")])
    close(store, clock, first)
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", "down", "d")
        assert isinstance(app.screen, LeavingScreen)
        assert "1 open commitment" in " ".join(str(s.render()) for s in app.screen.query("Static"))
        await pilot.press(key)
        assert isinstance(app.screen, MembersScreen)
    assert store.find_set(the_set.name).member(BEN) is None
    assert len(open_commitments(store, the_set.slug, 2)) == still_open


async def test_escape_keeps_the_member_and_their_commitments(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [commit(BEN, "Talk to the supplier")])
    close(store, clock, first)
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m", "down", "d", "escape")
        assert isinstance(app.screen, MembersScreen)
    assert store.find_set(the_set.name).member(BEN) is not None
    assert store.find_set(the_set.name).departures == []


async def test_an_archived_set_does_not_open_and_a_unarchives_it(store, the_set, clock):
    archive_set(store, the_set.name)
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("is archived; unarchive it first" in line for line in said(app))
        await pilot.press("a", "y")
        assert store.find_set(the_set.name).archived is False
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)


async def test_a_set_without_members_says_how_to_add_them(store, clock):
    new_set(store, "Empty", [], "classic", clock)
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("has no members yet" in line for line in said(app))
