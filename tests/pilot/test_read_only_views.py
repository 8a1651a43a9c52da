"""The read-only views (display, serve, export, check) write nothing in the data folder, so they
work on a read-only mount (here: a folder where every write fails, as on such a mount)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import altui.app
import altui.serve
from altui.app import make_app
from altui.cli import main
from altui.guard import LOG_FILE
from altui.live import LiveMeeting
from altui.store import COMMITMENT_INDEX, Store
from altui.widgets.commitment_list import CommitmentList
from tests.builders import ANA, BEN, close, commit, hold, tree
from tests.cli.commands import FakeServer


@pytest.fixture
def reporting(store, the_set, clock):
    """Meeting 2 at its report-back step, with meeting 1's actions open and no index written."""
    first, _ = hold(
        store, the_set, clock, [commit(ANA, "Call the director"), commit(BEN, "Draft the bid")]
    )
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    live = LiveMeeting(store, second, clock)
    assert live.go_to(next(i for i, s in enumerate(second.steps) if s.report_back))
    (store.root / the_set.slug / COMMITMENT_INDEX).unlink(missing_ok=True)
    return live.meeting


async def test_the_display_shows_report_back_on_a_read_only_folder(
    store, the_set, reporting, clock, forbid_writes
):
    before = tree(store.root)
    tried = forbid_writes(store.root)
    viewer = Store(store.root, read_only=True)
    app = make_app(viewer, clock, the_set, reporting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(CommitmentList)
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("Call the director" in line for line in shown), shown
        await pilot.press("n", "pagedown", *"typed", "enter", "escape", "b")
        await pilot.pause()
    assert tried == []
    assert tree(store.root) == before


@pytest.fixture
def cli_runs(monkeypatch):
    """The apps ``altui display`` builds, each recorded instead of run."""
    apps = []
    monkeypatch.setattr(altui.app.Altui, "run", lambda app, **_: apps.append(app))
    monkeypatch.delenv("ALTUI_DATA", raising=False)
    return apps


def test_altui_display_keeps_no_log_and_writes_nothing(
    store, the_set, reporting, forbid_writes, cli_runs
):
    before = tree(store.root)
    tried = forbid_writes(store.root)
    result = CliRunner().invoke(main, ["--data", str(store.root), "display", "Team Tiger"])
    assert result.exit_code == 0, result.output
    (app,) = cli_runs
    assert app.store.read_only
    assert not (store.root / LOG_FILE).exists()
    assert tried == []
    assert tree(store.root) == before


@pytest.mark.parametrize(
    "args",
    [
        ["serve", "Team Tiger"],
        ["export", "Team Tiger"],
        ["export", "Team Tiger", "--meeting", "1"],
        ["check"],
    ],
)
def test_the_other_views_write_nothing(store, the_set, reporting, forbid_writes, monkeypatch, args):
    monkeypatch.setattr(altui.serve, "server_class", lambda: FakeServer)
    monkeypatch.setattr(FakeServer, "serve", lambda server: None)
    before = tree(store.root)
    tried = forbid_writes(store.root)
    result = CliRunner().invoke(main, ["--data", str(store.root), *args])
    assert result.exit_code == 0, result.output
    assert tried == []
    assert tree(store.root) == before
