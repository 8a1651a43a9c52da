"""An agenda that adapts: fitting to time, skipping and swapping presenters."""

from __future__ import annotations

from altui.agenda import agenda, totals
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.timetable import fit_factor
from tests.builders import step_of


def test_fit_factor():
    assert fit_factor(600, 0) == 1.0
    assert fit_factor(600, 150) == 0.75
    assert fit_factor(600, 590) == 0.25  # never below the floor


def test_overrun_is_won_back_from_later_presenter_slots(store, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    finish = meeting.planned_finish
    clock.advance(15 * 60 + 20 * 60)  # check-in overran by 20 minutes
    assert (live.projected_finish() - finish).total_seconds() == 20 * 60
    won = live.fit_to_time()
    assert round(won) == 20
    assert abs((live.projected_finish() - finish).total_seconds()) < 60
    saved = store.meeting(meeting.set_slug, meeting.number)
    ana_clarify = next(s for s in saved.steps if s.presenter == "Ana Silva" and "Clar" in s.name)
    assert ana_clarify.minutes < 10
    group = [s for s in saved.steps if s.presenter is None]
    assert [s.minutes for s in group] == [15, 5, 10, 15, 5]  # check-in, bids, break, review, out
    assert live.fit_to_time() < 0.05  # already on time


def test_skip_and_swap_next_presenters(store, the_set, clock):
    meeting = start_or_resume(
        store, the_set, clock, presenters=["Ana Silva", "Ben Okafor", "Dev Patel"]
    )
    live = LiveMeeting(store, meeting, clock)
    assert live.swap_next_presenters() == ("Ben Okafor", "Ana Silva")
    order = [s.presenter for s in meeting.steps if s.presenter and s.name == "Present the issue"]
    assert order == ["Ben Okafor", "Ana Silva", "Dev Patel"]
    assert [m.name for m in store.meeting(meeting.set_slug, 1).presenters] == order  # as run
    live.undo()
    assert [m.name for m in live.meeting.presenters] == ["Ana Silva", "Ben Okafor", "Dev Patel"]
    live.swap_next_presenters()
    assert live.skip_next_presenter() == "Ben Okafor"
    saved = store.meeting(meeting.set_slug, meeting.number)
    names = [s.presenter for s in saved.steps if s.name == "Present the issue"]
    assert names == ["Ana Silva", "Dev Patel"]


def test_agenda_is_not_rearranged_once_later_steps_hold_items(store, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Open questions", "Ana Silva"))
    live.enter("?asked in Ana's slot")
    live.go_to(step_of(meeting, "Bids for time"))
    assert live.skip_next_presenter() is None
    assert live.swap_next_presenters() is None
    assert len(store.meeting(meeting.set_slug, meeting.number).steps) == len(meeting.steps)


def test_the_total_rounds_the_meeting_once_not_each_step(store, meeting, clock):
    """Ten steps of 25 s each are 0 min a row but 4 min in all: the total says 4, as the
    sum of the rows' minutes (0) would not."""
    live = LiveMeeting(store, meeting, clock)
    for _ in range(10):
        clock.advance(25)
        live.next_step()
    rows = agenda(live.meeting, clock.now())
    assert [row.actual for row in rows[:10]] == [0] * 10
    assert totals(live.meeting, clock.now())[1] == 4  # 250 s, plus the 11th step's none
