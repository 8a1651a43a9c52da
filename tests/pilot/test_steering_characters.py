"""Characters that steer a terminal are shown as symbols on every screen (findings 8 and 9).

Names, step names, prompts and items hold C1 controls (``\\x9b`` is CSI to a terminal that reads
8-bit controls, as xterm.js does), bidi overrides and isolates and a line separator; items also
hold C0 (ESC, BEL). Every screen that shows them must show ``UNSHOWN`` (or a control picture) in
their place and never the character itself. The names are stored as existing data would be: the
name rules refuse them when typed, but a data folder may already hold them.
"""

from __future__ import annotations

import pytest

from altui.app import make_app
from altui.clock import FakeClock
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import Meeting, Set
from altui.screens.asks import EndMeeting
from altui.screens.confirm import ConfirmScreen
from altui.screens.display import DisplayScreen
from altui.screens.history import HistoryScreen
from altui.screens.home import HomeScreen
from altui.screens.meeting import MeetingScreen
from altui.screens.members import MembersScreen
from altui.screens.prompt import PromptScreen
from altui.screens.setup import SetupScreen
from altui.screens.summary import SummaryScreen
from altui.store import Store
from altui.text import UNSHOWN, visible
from tests.builders import NAME, SET_NAME, TEXT, hostile, shown_safely, until


@pytest.fixture
def held(store: Store, clock: FakeClock) -> tuple[Set, Meeting]:
    """The hostile set's first meeting, with a hostile step name, prompt and items."""
    the_set = hostile(store, clock)
    meeting = start_or_resume(store, the_set, clock)
    first = next(i for i, s in enumerate(meeting.steps) if s.presenter == NAME)
    meeting.steps[first].name = "Present\x9b?25l"
    meeting.steps[first].short = "Pres\u202e"
    meeting.steps[first].prompt = "What\x9b2J is it?"
    store.save_meeting(meeting)
    live = LiveMeeting(store, meeting, clock)
    live.go_to(first)
    live.enter(TEXT)
    live.enter("?" + TEXT)
    return the_set, store.meeting(the_set.slug, meeting.number)


async def test_the_console_and_its_toasts(store: Store, clock: FakeClock, held):
    the_set, meeting = held
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        text = shown_safely(app)
        assert visible(SET_NAME) in text
        assert visible(NAME) in text  # the presenter banner
        assert "Pres" + UNSHOWN in text  # the step bar
        assert "Present" + UNSHOWN + "?25l" in text  # the banner's step name
        assert "What" + UNSHOWN + "2J is it?" in text
        assert "see ␛]0;pwned␇ and " + UNSHOWN + "31mred" in text
        app.screen.notify(f"Skipped {NAME}.", markup=False)  # as skipping a presenter says
        await until(pilot, lambda: f"Skipped {visible(NAME)}." in shown_safely(app), "the toast")

        await pilot.press("f9")
        assert isinstance(app.screen, EndMeeting)
        assert visible(SET_NAME) in shown_safely(app)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen), "the summary")
        assert visible(NAME) in shown_safely(app)


async def test_the_display(store: Store, clock: FakeClock, held):
    the_set, meeting = held
    app = make_app(store, clock, the_set, meeting, display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisplayScreen)
        text = shown_safely(app)
        assert visible(NAME) in text
        assert "see ␛]0;pwned␇" in text


async def test_home_members_history_and_their_questions(store: Store, clock: FakeClock, held):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert visible(SET_NAME) in shown_safely(app)
        await pilot.press("a")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Archive {visible(SET_NAME)}?" in shown_safely(app)
        await pilot.press("n", "r")
        assert isinstance(app.screen, PromptScreen)
        question = str(app.screen.query_one("Static").render())
        assert question == f"Rename {visible(SET_NAME)}"
        assert visible(SET_NAME) in shown_safely(app)  # the name in the box, to be edited
        await pilot.press("escape", "m")
        assert isinstance(app.screen, MembersScreen)
        assert visible(NAME) in shown_safely(app)
        await pilot.press("d")
        assert visible(NAME) in shown_safely(app)  # the question before removing a member
        await pilot.press("escape", "escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert visible(SET_NAME) in shown_safely(app)


async def test_the_setup_screen(store: Store, clock: FakeClock):
    the_set = hostile(store, clock)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_meeting(the_set)
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        text = shown_safely(app)
        assert visible(SET_NAME) in text
        assert visible(NAME)[:20] in text
