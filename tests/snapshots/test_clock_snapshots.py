"""The big clock in each of its states, at the sizes a projector shows (projector-dark theme)."""

from __future__ import annotations

import pytest

from altui.app import make_app
from altui.live import LiveMeeting
from altui.widgets.entry import EntryInput

SIZES = [(80, 24), (120, 36), (200, 60)]
CHECK_IN = 15 * 60
STATES = {
    # state: (seconds gone in the 15-minute check-in, paused?)
    "running": (CHECK_IN - 9 * 60 - 30, False),  # 9:30 left
    "low": (CHECK_IN - 2 * 60 - 45, False),  # 2:45 left, under 20%
    "last-minute": (CHECK_IN - 42, False),  # 0:42 left
    "over": (CHECK_IN + 3 * 60 + 7, False),  # +3:07
    "paused": (CHECK_IN - 6 * 60, True),  # 6:00 left, paused
}


async def steady(pilot) -> None:
    """No blinking cursor, so the picture is the same on every run."""
    pilot.app.screen.query_one(EntryInput).cursor_blink = False
    await pilot.press("escape")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", STATES)
def test_clock_state(snap_compare, store, the_set, meeting, clock, state, size):
    """Check-in for Everyone with the clock in one state; what each picture must show:
    running: 9:30 in sky-blue block digits, "▶ time left";
    low: 2:45 in yellow, "◆ TIME LOW";
    last-minute: 0:42 in yellow with "▲ LAST MINUTE" on a tinted band;
    over: +3:07 in salmon red, "■ OVER TIME";
    paused: 6:00 in dimmed grey digits, "❚❚ PAUSED" on a band.
    The digits are 7 rows tall at 80x24 and grow at 120x36 and 200x60, filling the left half
    without being cut. A first meeting has no report back: the step bar goes from Check-in to
    Bids, the entry says step 1 of 15, and the header says Finish ≈ 16:10 (16:13 when over:
    the finish time moves with an overrun)."""
    gone, paused = STATES[state]
    live = LiveMeeting(store, meeting, clock)
    clock.advance(gone)
    if paused:
        live.toggle_pause()
    app = make_app(store, clock, the_set, store.meeting(meeting.set_slug, meeting.number))
    assert snap_compare(app, terminal_size=size, run_before=steady)
