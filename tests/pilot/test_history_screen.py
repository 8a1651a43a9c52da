"""The history screen: meetings list, read-only meeting view, search, follow-through."""

from __future__ import annotations

import json

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from altui.app import make_app
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import MeetingStatus, ReviewStatus
from altui.screens.history import HistoryScreen
from altui.screens.meeting_view import PRIVATE_HIDDEN, MeetingViewScreen
from tests.builders import ANA, BEN, close, commit, hold, review

MARKUP = "[b]budget[/b] [@click=app.quit]quit[/]"


@pytest.fixture
def history(store, the_set, clock):
    """Meeting 1 closed (Ana and Ben presented), meeting 2 in progress with a report back."""
    first, made = hold(
        store,
        the_set,
        clock,
        [
            ("Check-in", None, "Everyone talks about the budget"),
            ("Open questions", ANA, "What is the real budget?"),
            ("Open questions", ANA, "#Ana looks worried about the budget"),
            commit(ANA, "Ask the director for time"),
            ("Open questions", BEN, MARKUP),
        ],
    )
    close(store, clock, first)
    second, _ = hold(store, the_set, clock, presenters=[BEN])
    action = made["Ask the director for time"]
    review(store, clock, second, action, 1, ReviewStatus.DONE, "The director gave me a budget")
    return first, second


def cells(table: DataTable, row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_history(app, store, the_set, pilot) -> HistoryScreen:
    screen = HistoryScreen(store, the_set)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def test_the_list_shows_every_meeting_newest_first(store, the_set, clock, history):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        table = screen.query_one("#history-meetings", DataTable)
        assert table.row_count == 2
        assert cells(table, 0) == ["2", "23 Dec 2026", "▶ in progress", "0", BEN]
        assert cells(table, 1) == ["1", "25 Nov 2026", "✓ closed", "4", f"{ANA}\n{BEN}"]
        assert app.focused is table
        assert "Team Tiger · history · 2 meetings" in text_of(screen, "#history-title")


async def test_enter_opens_the_meeting_read_only_and_escape_returns(store, the_set, clock, history):
    first, _ = history
    meeting_file = store.root / the_set.slug / "meetings" / "0001.json"
    before = meeting_file.read_bytes()
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(app, store, the_set, pilot)
        await pilot.press("down", "enter")
        view = app.screen
        assert isinstance(view, MeetingViewScreen)
        assert view.meeting.number == 1
        title = text_of(view, "#history-view-title")
        assert "Meeting 1" in title and "Wed 25 Nov 2026" in title and "closed" in title
        items = text_of(view, "#history-view-items")
        assert "Open questions · Ana Silva" in items
        assert "What is the real budget?" in items
        assert "Ask the director for time" in items
        assert PRIVATE_HIDDEN in items and "worried" not in items
        assert MARKUP in items  # typed markup stays text
        agenda = view.query_one("#history-view-agenda", DataTable)
        assert agenda.row_count == len(first.steps)
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
    assert meeting_file.read_bytes() == before
    assert not list(meeting_file.parent.glob("*.lock"))


async def test_the_view_shows_the_report_back(store, the_set, clock, history):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(app, store, the_set, pilot)
        await pilot.press("enter")  # meeting 2, the newest
        view = app.screen
        assert isinstance(view, MeetingViewScreen)
        report = text_of(view, "#history-view-report")
        assert "Ana Silva: Ask the director for time" in report
        assert "Done" in report and "The director gave me a budget" in report
        assert "in progress" in text_of(view, "#history-view-title")


async def test_search_shows_matches_with_meeting_and_presenter(store, the_set, clock, history):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        await pilot.press("slash", *"BUDGET")
        assert app.focused is screen.query_one("#history-search", Input)
        results = screen.query_one("#history-results", OptionList)
        assert results.display and not screen.query_one("#history-meetings").display
        lines = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert len(lines) == 4  # the private note is not searched
        assert lines[0].startswith("Meeting 1 · 25 Nov 2026 · Check-in · Everyone · Note")
        assert "Everyone talks about the budget" in lines[0]
        assert "Open questions · Ana Silva · Question" in lines[1]
        assert "Open questions · Ben Okafor · Question" in lines[2]
        assert MARKUP in lines[2]
        assert "Meeting 2 · 23 Dec 2026 · Report back · Ana Silva" in lines[3]
        assert "4 matches" in text_of(screen, "#history-count")
        await pilot.press("enter")  # from the box to the matches
        assert app.focused is results
        await pilot.press("end", "enter")
        assert isinstance(app.screen, MeetingViewScreen)
        assert app.screen.meeting.number == 2


async def test_escape_clears_the_search_then_leaves(store, the_set, clock, history):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        home = app.screen
        screen = await open_history(app, store, the_set, pilot)
        await pilot.press("slash", *"nothing like this")
        assert "0 matches" in text_of(screen, "#history-count")
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.query_one("#history-search", Input).value == ""
        assert screen.query_one("#history-meetings").display
        await pilot.press("escape")
        assert app.screen is home


async def test_follow_through_shows_numbers_per_member(store, the_set, clock, history):
    """Each member's share per meeting: a labelled bar with its value (none when nothing was
    ever reviewed)."""
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        panel = text_of(screen, "#history-follow-list")
        assert (
            "Ana Silva\n1 of 1 done or partly (100%)\n"
            "           0%    100%\n"
            "Meeting 1  ··········  ·\n"
            "Meeting 2  ██████████  100%"
        ) in panel
        assert "Ben Okafor\nnothing reviewed yet\n\n" in panel
        assert not screen.has_class("-narrow")


async def test_a_narrow_window_puts_follow_through_under_the_list(store, the_set, clock, history):
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        assert screen.has_class("-narrow")
        follow = screen.query_one("#history-follow").region
        assert follow.y >= screen.query_one("#history-meetings").region.bottom
        assert "Meeting 2  ██████████  100%" in text_of(screen, "#history-follow-list")


async def test_ctrl_r_writes_the_recap_without_private_notes(store, the_set, clock, history):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(app, store, the_set, pilot)
        await pilot.press("down", "enter", "ctrl+r")
        path = store.root / the_set.slug / "recaps" / "meeting-0001.md"
        text = path.read_text()
        assert "What is the real budget?" in text and "worried" not in text
        assert any(str(path) in str(n.message) for n in app._notifications)


async def test_an_empty_set_says_so(store, the_set, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        table = screen.query_one("#history-meetings", DataTable)
        assert cells(table, 0)[1] == "No meetings yet."
        await pilot.press("enter")
        assert app.screen is screen


async def test_a_closed_meeting_status_is_a_word_not_only_a_colour(store, the_set, clock, meeting):
    close(store, clock, meeting)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        assert cells(screen.query_one("#history-meetings", DataTable), 0)[2] == "✓ closed"


async def test_an_unreadable_meeting_is_reported_and_the_rest_shown(store, the_set, clock, history):
    (store.root / the_set.slug / "meetings" / "0001.json").write_text("")
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        assert screen.query_one("#history-meetings", DataTable).row_count == 1
        assert any("0001.json" in str(n.message) for n in app._notifications)


async def test_a_damaged_review_is_reported_and_every_meeting_still_listed(
    store, the_set, clock, history
):
    path = store.root / the_set.slug / "meetings" / "0002.json"
    tables = json.loads(path.read_text())
    tables["reviews"]["1"]["created"] = "yesterday"
    path.write_text(json.dumps(tables))
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        assert screen.query_one("#history-meetings", DataTable).row_count == 2
        told = [str(n.message) for n in app._notifications if "0002.json" in str(n.message)]
        assert len(told) == 1 and "not an altui review file" in told[0]
        screen.query_one("#history-search", Input).value = "director"
        await pilot.pause()
        assert [m.meeting for m in screen.matches] == [1]  # meeting 2's note left out
        assert sum("0002.json" in str(n.message) for n in app._notifications) == 1


async def test_the_latest_meeting_ended_by_mistake_reopens_from_history(
    store, the_set, clock, history
):
    _, second = history
    LiveMeeting(store, second, clock).close(None)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_history(app, store, the_set, pilot)
        await pilot.press("down", "down", "enter", "ctrl+z")  # meeting 1: not the latest
        assert isinstance(app.screen, MeetingViewScreen) and app.screen.meeting.number == 1
        await pilot.press("escape", "up", "enter", "ctrl+z")  # meeting 2
        await pilot.pause()
        from altui.screens.meeting import MeetingScreen

        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.live.meeting.number == 2
        assert store.meeting(the_set.slug, 2).status is MeetingStatus.RUNNING
        assert store.meeting_lock(second).taken()
    assert store.meeting(the_set.slug, 1).status is MeetingStatus.CLOSED


async def test_presenters_are_one_a_line_never_cut(store, the_set, clock):
    start_or_resume(store, the_set, clock, presenters=[m.name for m in the_set.members])
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_history(app, store, the_set, pilot)
        table = screen.query_one("#history-meetings", DataTable)
        assert cells(table, 0)[4] == "\n".join(m.name for m in the_set.members)
        widths = sum(column.get_render_width(table) for column in table.columns.values())
        assert widths <= table.scrollable_content_region.width
