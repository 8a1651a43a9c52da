"""Pictures of the live console: what the room sees in the states that matter."""

from __future__ import annotations

import pytest

from altui.app import Altui, make_app
from altui.clock import FakeClock
from altui.live import LiveMeeting
from altui.models import Meeting, Set
from altui.store import Store
from altui.widgets.entry import EntryInput
from tests.builders import step_of

SIZES = [(80, 24), (160, 48)]


def console_at(
    store: Store,
    the_set: Set,
    meeting: Meeting,
    clock: FakeClock,
    step: int,
    lines: list[str],
    seconds: float,
    pause: bool = False,
) -> Altui:
    """The app opened on ``step`` with ``lines`` captured and ``seconds`` gone by."""
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step)
    for line in lines:
        clock.advance(20)
        live.enter(line)
    clock.advance(seconds - 20 * len(lines))
    if pause:
        live.toggle_pause()
    return make_app(store, clock, the_set, store.meeting(meeting.set_slug, meeting.number))


async def steady(pilot) -> None:
    """No blinking cursor, so the picture is the same on every run."""
    pilot.app.screen.query_one(EntryInput).cursor_blink = False
    await pilot.pause()


QUESTIONS = [
    "Who else knows about this?",
    "How long has it been going on?",
    "What have you tried so far? [b]not bold[/b] [@click=app.quit]not a link[/]",
    "!Book a meeting with the director",
]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_questions_step_with_items(snap_compare, store, the_set, meeting, clock, size):
    """Clarifying questions for Ana Silva, step 4 of 15 (a first meeting: no report back),
    7:00 left (not low) in sky-blue digits with the word "time left"; the panel lists three
    Questions and one Action, the markup in the third shown literally, and its border says
    "4 captured" (no scrollbar); the step bar marks the steps before as done (✓ Check-in,
    ✓ Bids, ✓ Present Ana) and the current one with ▶; the footer shows PgDn/PgUp/Escape keys
    for typing mode."""
    clarify_ana = step_of(meeting, "Clarifying questions", "Ana Silva")
    app = console_at(store, the_set, meeting, clock, clarify_ana, QUESTIONS, 180)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_paused_step(snap_compare, store, the_set, meeting, clock, size):
    """Check-in for Everyone, step 1 of 15, paused at 11:00 left: dimmed digits and the word
    PAUSED; the header says Finish ≈ 16:10 and the step bar goes from Check-in to Bids (a first
    meeting has no report back); typing mode left (Escape), so the footer shows space, +, -, i
    and F1."""
    app = console_at(store, the_set, meeting, clock, 0, [], 240, pause=True)

    async def leave_typing(pilot) -> None:
        await steady(pilot)
        await pilot.press("escape")

    assert snap_compare(app, terminal_size=size, run_before=leave_typing)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overrun_step(snap_compare, store, the_set, meeting, clock, size):
    """Check-in run 2:05 over its 15 minutes: red "+2:05" digits and the words OVER TIME;
    the header says Now 14:17 and Finish ≈ 16:12 (2h10: the 2h30 plan less the report back a
    first meeting does not have, started at 14:00 and pushed back by the overrun); the step
    bar goes from Check-in to Bids, and the entry says step 1 of 15."""
    app = console_at(store, the_set, meeting, clock, 0, [], 15 * 60 + 125)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, store, the_set, meeting, clock, size):
    """The help screen beside the clock (at 80x24 under it), the clock and headline still in
    view: one line per action with all its keys (Escape,
    PageDown / n, PageUp / p, space, +, -, i / Enter, F1 / ?, e, Ctrl+R, Ctrl+Q, Ctrl+P), a long
    description wrapping under itself (never back under the keys), and, below, the four kind
    characters (? ! * #); it scrolls at 80x24. Behind it, the header says
    Finish ≈ 16:10 (a first meeting: no report back)."""
    app = console_at(store, the_set, meeting, clock, 0, [], 0)

    async def open_help(pilot) -> None:
        await steady(pilot)
        await pilot.press("f1")

    assert snap_compare(app, terminal_size=size, run_before=open_help)
