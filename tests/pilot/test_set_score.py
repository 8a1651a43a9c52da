"""The process review records the set's own score, shown in the recap and in history."""

from __future__ import annotations

from datetime import date

import pytest

from altui.app import make_app
from altui.exporting import recap_text
from altui.meetings import start_or_resume
from altui.models import parse_score
from altui.screens.history import HistoryScreen, score_chart
from tests.builders import close


@pytest.mark.parametrize(
    ("typed", "score"),
    [("7", 7), (" 10 ", 10), ("8/10", 8), ("0", None), ("11", None), ("7 good", None), ("", None)],
)
def test_parse_score(typed, score):
    assert parse_score(typed) == score


async def test_a_number_typed_in_the_process_review_is_the_sets_score(
    console, store, the_set, meeting
):
    review = next(i for i, s in enumerate(meeting.steps) if s.score)
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"7", "enter")  # in check-in, a number is just a note
        console.screen.live.go_to(review)
        console.screen.show_step()
        await pilot.press(*"8", "enter", *"We listened better", "enter")
        banner = str(console.screen.query_one("#presenter").render())
        assert "Set score today: 8/10" in banner
    saved = store.meeting(meeting.set_slug, meeting.number)
    assert saved.set_score == 8
    assert [i.text for i in store.items(meeting)] == ["7", "We listened better"]
    assert "**Set score (process review):** 8 out of 10" in recap_text(store, the_set, saved)


def test_score_chart():
    day = date(2026, 11, 25)
    assert "none recorded" in str(score_chart([(1, day, None), (2, day, None)]))
    chart = str(score_chart([(1, day, 1), (2, date(2026, 12, 23), None), (3, day, 10)]))
    assert chart.splitlines() == [
        "Set score, out of 10",
        "Meeting      0       10",
        " 1 · 25 Nov  █░░░░░░░░░  1",
        " 2 · 23 Dec  ··········  —",
        " 3 · 25 Nov  ██████████  10",
    ]


async def test_history_shows_the_sets_scores(store, the_set, meeting, clock):
    meeting.set_score = 6
    close(store, clock, meeting)
    start_or_resume(store, the_set, clock)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(HistoryScreen(store, the_set))
        await pilot.pause()
        panel = str(app.screen.query_one("#history-follow-list").render())
        assert " 1 · 25 Nov  ██████░░░░  6\n 2 · 23 Dec  ··········  —" in panel
