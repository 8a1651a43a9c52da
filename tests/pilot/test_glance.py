"""The room at a glance: who, what and how long are large at every size the wall shows."""

from __future__ import annotations

import pytest

from altui import lettering
from altui.app import make_app
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.sets import new_set
from altui.widgets.big_clock import BigClock
from altui.widgets.headline import Headline
from altui.widgets.item_panel import ItemPanel
from tests.builders import step_of

QUESTION = "Who else knows about this, and what have they said to you?!!"


def cap_rows(headline: Headline) -> int:
    """Rows of ink of a capital H drawn at the headline's size."""
    assert headline.scale is not None
    return sum(1 for line in lettering.letters("H", headline.scale) if line.strip())


async def test_at_80x24_the_clock_keeps_7_rows_and_a_question_one_line(
    store, the_set, meeting, clock
):
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
    live.enter(QUESTION)
    app = make_app(store, clock, the_set, live.meeting)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        digits = app.screen.query_one(BigClock)
        drawn = str(digits.render()).splitlines()
        assert sum(1 for line in drawn if line.strip()) >= 7
        panel = app.screen.query_one(ItemPanel)
        assert len(QUESTION) == 60
        assert panel.scrollable_content_region.width >= len("Question ") + len(QUESTION)
        headline = app.screen.query_one(Headline)
        assert headline.has_class("-plain") and headline.size.height == 1
        assert headline.size.width >= 78  # a band across the window
        assert headline.words == ("Ana Silva", "Clarify")


@pytest.mark.parametrize(("size", "rows"), [((120, 36), 3), ((160, 48), 5), ((200, 60), 5)])
async def test_the_name_is_large_and_grows_with_the_window(console, size, rows):
    async with console.run_test(size=size) as pilot:
        await pilot.pause()
        headline = console.screen.query_one(Headline)
        assert not headline.has_class("-plain")
        assert cap_rows(headline) >= rows
        assert headline.words == ("Everyone", "Check-in")


@pytest.mark.parametrize("name", ["Chloé Martin", "Zoë Ali", "Łukasz Nowak", "Ngũgĩ Kamau"])
async def test_accented_names_are_large(store, clock, name):
    the_set = new_set(store, "Set", [name, "Ben Okafor"], "classic", clock)
    meeting = start_or_resume(store, the_set, clock, presenters=[name, "Ben Okafor"])
    LiveMeeting(store, meeting, clock).go_to(step_of(meeting, "Present the issue", name))
    app = make_app(store, clock, the_set, store.meeting(meeting.set_slug, meeting.number))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        headline = app.screen.query_one(Headline)
        assert not headline.has_class("-plain")
        assert cap_rows(headline) >= 5


@pytest.mark.parametrize("name", ["李雷", "محمد علي"])
async def test_a_name_in_another_script_is_a_line_beside_the_step_drawn_large(store, clock, name):
    the_set = new_set(store, "Set", [name, "Ben Okafor"], "classic", clock)
    meeting = start_or_resume(store, the_set, clock, presenters=[name, "Ben Okafor"])
    LiveMeeting(store, meeting, clock).go_to(step_of(meeting, "Present the issue", name))
    app = make_app(store, clock, the_set, store.meeting(meeting.set_slug, meeting.number))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        headline = app.screen.query_one(Headline)
        assert not headline.has_class("-plain")
        assert headline.words == (name, "Present")
        assert cap_rows(headline) >= 5  # the step, large
        drawn = str(headline.render()).splitlines()
        assert sum(name in line for line in drawn) == 1
        assert headline.region.right <= 200
        await pilot.resize_terminal(80, 24)  # no room for large letters: one line
        await pilot.pause()
        assert headline.has_class("-plain")
        assert str(headline.render()).count("\n") == 0


async def test_a_break_says_when_to_be_back_and_moves_with_f8_f7(store, the_set, meeting, clock):
    LiveMeeting(store, meeting, clock).go_to(step_of(meeting, "Break"))
    app = make_app(store, clock, the_set, store.meeting(meeting.set_slug, meeting.number))
    async with app.run_test(size=(200, 60)) as pilot:
        headline = app.screen.query_one(Headline)
        assert headline.words == ("Back at 14:10", "Break")  # a 10-minute break from 14:00
        clock.advance(150)
        await pilot.press("f8")
        assert headline.words == ("Back at 14:11", "Break")
        await pilot.press("f7", "f7")
        assert headline.words == ("Back at 14:09", "Break")
        assert not headline.has_class("-plain")
