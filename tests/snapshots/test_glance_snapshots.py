"""The room at a glance: a presenter step, a group step, a break and report back at the five
sizes a wall shows (projector-dark theme). Every picture must let someone at the back read,
each in under a second, whose turn it is, which step, and the time left."""

from __future__ import annotations

from datetime import date

import pytest

from altui.app import Altui, make_app
from altui.clock import FakeClock
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import Set
from altui.store import Store
from altui.widgets.entry import EntryInput
from tests.builders import step_of

SIZES = [(80, 24), (120, 36), (160, 48), (200, 60), (240, 50)]
QUESTIONS = [
    "Who else knows about this, and what have they said to you so far?",
    "How long has it been going on?",
    "What have you tried? [b]not bold[/b]",
]


async def steady(pilot) -> None:
    """No blinking cursor, so the picture is the same on every run."""
    pilot.app.screen.query_one(EntryInput).cursor_blink = False
    await pilot.pause()


def opened(store: Store, the_set: Set, clock: FakeClock, live: LiveMeeting) -> Altui:
    meeting = store.meeting(live.meeting.set_slug, live.meeting.number)
    return make_app(store, clock, the_set, meeting)


def chloe_presents(store: Store, the_set: Set, clock: FakeClock) -> LiveMeeting:
    meeting = start_or_resume(store, the_set, clock, presenters=["Chloé Martin", "Ben Okafor"])
    return LiveMeeting(store, meeting, clock)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_presenter_step(snap_compare, store, the_set, clock, size):
    """Clarifying questions for Chloé Martin, 7:00 left. Readable: "Chloé Martin" (or
    "Chloé" where the whole name does not fit) and "Clarify" in large letters from 120x36 up,
    the é drawn with its accent; at 80x24 one bold line "Chloé Martin · Clarify" on a sky-blue
    band across the window. The clock 7:00 in sky-blue digits (7 rows at 80x24, taller above).
    The three questions, each on one line, the markup in the third shown literally."""
    live = chloe_presents(store, the_set, clock)
    live.go_to(step_of(live.meeting, "Clarifying questions", "Chloé Martin"))
    for line in QUESTIONS:
        clock.advance(20)
        live.enter(line)
    clock.advance(180 - 60)
    assert snap_compare(opened(store, the_set, clock, live), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_group_step(snap_compare, store, the_set, clock, size):
    """Check-in for Everyone, 11:00 left, two notes. Readable: "Everyone" and "Check-in"
    large from 120x36 up (one line on an orange band at 80x24), the clock 11:00 below."""
    live = chloe_presents(store, the_set, clock)
    for line in ["Arrived tired but glad to be here", "Ben is running late"]:
        clock.advance(60)
        live.enter(line)
    clock.advance(120)
    assert snap_compare(opened(store, the_set, clock, live), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_break(snap_compare, store, the_set, clock, size):
    """The break between Chloé's and Ben's slots, started at 15:30, 4:00 left. Readable:
    "Back at 15:40" and "Break" large from 120x36 up (one line at 80x24), the clock 4:00."""
    live = chloe_presents(store, the_set, clock)
    clock.advance(90 * 60)
    live.go_to(step_of(live.meeting, "Break"))
    clock.advance(6 * 60)
    assert snap_compare(opened(store, the_set, clock, live), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_report_back(snap_compare, store, the_set, clock, size):
    """Meeting 2's report back for Everyone, 18:00 left, on the commitments made in meeting 1
    (Chloé's two, Ben's one), the first highlighted. Readable: "Everyone" and "Report back"
    large from 120x36 up (one line on a light-blue band at 80x24), the clock, each commitment
    with its owner."""
    first = chloe_presents(store, the_set, clock)
    first.go_to(step_of(first.meeting, "Commit to actions", "Chloé Martin"))
    first.enter("Ask the director for thirty minutes")
    first.enter("Write down what I want from her")
    first.go_to(step_of(first.meeting, "Commit to actions", "Ben Okafor"))
    first.enter("Call the supplier about the delay")
    first.close(date(2026, 12, 23))
    clock.advance(28 * 24 * 3600)
    second = chloe_presents(store, the_set, clock)
    second.go_to(1)
    clock.advance(120)
    assert second.reporting_back
    assert snap_compare(
        opened(store, the_set, clock, second), terminal_size=size, run_before=steady
    )
