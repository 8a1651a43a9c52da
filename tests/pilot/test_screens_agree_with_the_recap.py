"""The screens and the recap agree: one agenda (steps, whose, minutes), one count of questions."""

from __future__ import annotations

import re

from altui.app import make_app
from altui.exporting import recap_text
from altui.live import LiveMeeting
from altui.models import ItemTag, MeetingStatus
from altui.screens.meeting_view import MeetingViewScreen
from altui.screens.summary import SummaryScreen
from altui.widgets.presenter import PresenterBanner
from tests.builders import step_of


def recap_agenda(recap: str) -> list[list[str]]:
    """The recap's timing table, a list of cells a row."""
    table = recap.split("| Step | Presenter | Planned | Actual |\n| --- | --- | --- | --- |\n")[1]
    lines = table.split("\n\n")[0].splitlines()
    return [line.removeprefix("| ").removesuffix(" |").split(" | ") for line in lines]


def shown(screen, selector: str) -> list[list[str]]:
    table = screen.query_one(selector)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_same_meeting_gives_the_same_minutes_everywhere(store, the_set, meeting, clock):
    for step, seconds in zip(meeting.steps, [150, 149, 90.5, 29, 3599.9], strict=False):
        step.spent, step.visited, step.running_since = seconds, True, None
    meeting.steps[2].added = -30  # 4.5 minutes planned: rounds up, as every count does
    meeting.status = MeetingStatus.CLOSED
    store.save_meeting(meeting)
    expected = recap_agenda(recap_text(store, the_set, meeting))
    assert expected[:5] == [
        ["Check-in", "Everyone", "15 min", "3 min"],  # 2.5 minutes
        ["Bids for time", "Everyone", "5 min", "2 min"],
        ["Present the issue", "Ana Silva", "5 min", "2 min"],
        ["Clarifying questions", "Ana Silva", "10 min", "0 min"],
        ["Open questions", "Ana Silva", "15 min", "60 min"],
    ]
    assert expected[5][3] == "—"  # never reached
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(SummaryScreen(the_set, LiveMeeting(store, meeting, clock)))
        await pilot.pause()
        assert shown(app.screen, "#agenda") == expected
        await app.push_screen(MeetingViewScreen(store, the_set, meeting))
        await pilot.pause()
        assert shown(app.screen, "#history-view-agenda") == expected


def counted(text: str) -> dict[str, int]:
    return {tag: int(n) for n, tag in re.findall(r"(\d+) (clarifying|open|untagged)", text)}


async def test_the_banner_and_the_recap_count_the_same_questions(store, the_set, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Present the issue", "Ana Silva"))
    live.enter("?Before the questions start")  # untagged: not a question step
    live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
    live.enter("?Who else knows?")
    live.enter("?When did it start?")
    live.enter("?What would you try?", tag=ItemTag.OPEN)
    live.go_to(step_of(meeting, "Open questions", "Ana Silva"))
    recap = recap_text(store, the_set, live.meeting)
    ana = recap.split("\n## Ana Silva\n")[1].split("\n## ")[0]
    in_recap = counted(next(line for line in ana.splitlines() if line.startswith("Questions")))
    assert in_recap == {"clarifying": 2, "open": 1, "untagged": 1}
    app = make_app(store, clock, the_set, live.meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert counted(str(app.screen.query_one(PresenterBanner).render())) == in_recap
