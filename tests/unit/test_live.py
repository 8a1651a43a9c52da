"""LiveMeeting: every change is saved before the method returns."""

from __future__ import annotations

from datetime import timedelta

import pytest

from altui.clock import CountdownState, remaining
from altui.live import TEXT_MAX, LiveMeeting, NotSaved
from altui.models import ItemKind, MeetingStatus
from tests.builders import step_of

# The conftest meeting (classic plan, Ana then Ben presenting, a first meeting so no report
# back) has these steps:
#  0 Check-in, 1 Bids, 2-6 Ana's slot, 7 Break, 8-12 Ben's slot, 13 Process review, 14 Check-out.
LAST = 14


def stored(store, meeting):
    return store.meeting(meeting.set_slug, meeting.number)


@pytest.fixture
def live(store, meeting, clock):
    return LiveMeeting(store, meeting, clock)


def test_fixture_meeting_shape(meeting):
    assert len(meeting.steps) == LAST + 1
    assert [s.name for s in meeting.steps[:3]] == ["Check-in", "Bids for time", "Present the issue"]
    assert [s.name for s in meeting.steps[6:9]] == [
        "Commit to actions",
        "Break",
        "Present the issue",
    ]
    assert meeting.steps[2].presenter == "Ana Silva"
    assert meeting.steps[8].presenter == "Ben Okafor"


def test_starts_on_the_first_step_running(live, clock):
    assert live.meeting.current == 0
    assert not live.paused
    assert live.step.running_since == clock.now()
    assert live.reading().text == "15:00"


def test_previous_on_first_step_does_nothing(live, store, meeting):
    before = store.meeting(meeting.set_slug, meeting.number)
    assert live.previous_step() is False
    assert stored(store, meeting) == before
    assert live.meeting.current == 0


def test_next_step_banks_the_old_step_and_starts_the_new(live, store, meeting, clock):
    clock.advance(100)
    assert live.next_step() is True
    saved = stored(store, meeting)
    assert saved.current == 1
    assert saved.steps[0].running_since is None
    assert saved.steps[0].spent == 100
    assert saved.steps[1].running_since == clock.now()
    assert saved.steps[1].visited is True
    clock.advance(40)
    assert live.previous_step() is True
    saved = stored(store, meeting)
    assert saved.current == 0
    assert saved.steps[1].spent == 40
    assert saved.steps[1].running_since is None
    assert saved.steps[0].running_since == clock.now()
    clock.advance(20)
    assert remaining(saved.steps[0], clock.now()) == 15 * 60 - 120


def test_next_step_on_last_step_does_nothing(live, store, meeting):
    for _ in range(LAST):
        assert live.next_step() is True
    assert live.meeting.current == LAST
    assert live.next_step() is False
    assert stored(store, meeting).current == LAST
    running = [i for i, s in enumerate(stored(store, meeting).steps) if s.running_since]
    assert running == [LAST]


def test_go_to_out_of_range_or_same_step(live, store, meeting):
    assert live.go_to(-1) is False
    assert live.go_to(LAST + 1) is False
    assert live.go_to(0) is False
    assert live.go_to(7) is True
    assert stored(store, meeting).current == 7


def test_toggle_pause_is_saved(live, store, meeting, clock):
    clock.advance(60)
    assert live.toggle_pause() is True
    saved = stored(store, meeting)
    assert saved.steps[0].running_since is None
    assert saved.steps[0].spent == 60
    assert live.reading().state is CountdownState.PAUSED
    clock.advance(600)
    assert live.reading().text == "14:00"
    assert live.toggle_pause() is False
    assert stored(store, meeting).steps[0].running_since == clock.now()
    clock.advance(30)
    assert live.reading().text == "13:30"


def test_add_time_is_saved(live, store, meeting):
    live.add_time(60)
    live.add_time(60)
    live.add_time(-60)
    assert stored(store, meeting).steps[0].added == 60
    assert live.reading().text == "16:00"


def test_taking_time_away_stops_at_one_minute(live, store, meeting, clock):
    for _ in range(40):
        live.add_time(-60)
    step = stored(store, meeting).steps[0]
    assert step.planned_seconds == 60
    assert step.added == -14 * 60
    assert live.reading().state is not CountdownState.OVER  # one minute left, not zero
    live.add_time(60)
    assert stored(store, meeting).steps[0].planned_seconds == 120


@pytest.mark.parametrize(
    ("typed", "kind", "text"),
    [
        ("?who else knows", ItemKind.QUESTION, "who else knows"),
        ("! call Sam", ItemKind.ACTION, "call Sam"),
        ("*listen first", ItemKind.LEARNING, "listen first"),
        ("#tired today", ItemKind.PRIVATE, "tired today"),
        ("just a note", ItemKind.NOTE, "just a note"),
    ],
)
def test_capture_kinds(live, store, meeting, clock, typed, kind, text):
    item = live.enter(typed).item
    assert item is not None
    assert (item.kind, item.text, item.step, item.presenter_id) == (kind, text, 0, None)
    assert item.created == clock.now()
    assert [(i.kind, i.text) for i in store.items(meeting)] == [(kind, text)]
    assert live.items == [item]


def test_capture_uses_the_steps_kind_by_default(live):
    live.go_to(step_of(live.meeting, "Clarifying questions", "Ana Silva"))
    item = live.enter("how long has this been going on").item
    assert item is not None
    assert item.kind is ItemKind.QUESTION
    assert item.presenter_id == live.meeting.presenters[0].id
    assert live.kind_for("!act") is ItemKind.ACTION
    assert live.kind_for("plain") is ItemKind.QUESTION


@pytest.mark.parametrize("typed", ["", "   ", "?", " #  "])
def test_capture_empty_returns_none(live, store, meeting, typed):
    assert live.enter(typed) is None
    assert store.items(meeting) == []
    assert live.items == []


def test_capture_too_long_is_refused(live, store, meeting):
    with pytest.raises(NotSaved, match=f"{TEXT_MAX + 1:,}"):
        live.enter("x" * (TEXT_MAX + 1))
    assert store.items(meeting) == []
    assert live.items == []
    item = live.enter("y" * TEXT_MAX).item
    assert item is not None and len(item.text) == TEXT_MAX
    assert len(store.items(meeting)[0].text) == TEXT_MAX


def test_items_are_reloaded_when_the_meeting_is_reopened(live, store, meeting, clock):
    live.enter("first")
    live.next_step()
    live.enter("second")
    again = LiveMeeting(store, stored(store, meeting), clock)
    assert [(i.text, i.step) for i in again.items] == [("first", 0), ("second", 1)]
    assert again.meeting.current == 1


def test_items_here_for_group_steps_is_by_step(live):
    live.enter("check-in note")
    live.next_step()
    live.enter("bids")
    live.enter("!follow up")
    assert [i.text for i in live.items_here()] == ["bids", "follow up"]
    live.previous_step()
    assert [i.text for i in live.items_here()] == ["check-in note"]
    live.go_to(step_of(live.meeting, "Process review"))
    assert live.items_here() == []


def test_items_here_for_presenter_steps_is_the_whole_slot(live):
    def go(name: str, presenter: str | None = None) -> None:
        live.go_to(step_of(live.meeting, name, presenter))

    go("Present the issue", "Ana Silva")
    live.enter("Ana's issue")
    go("Open questions", "Ana Silva")
    live.enter("?Ana open question")
    go("Break")
    live.enter("break chat")
    go("Present the issue", "Ben Okafor")
    live.enter("Ben's issue")
    go("Commit to actions", "Ana Silva")
    assert [i.text for i in live.items_here()] == ["Ana's issue", "Ana open question"]
    go("Commit to actions", "Ben Okafor")
    assert [i.text for i in live.items_here()] == ["Ben's issue"]
    go("Break")
    assert [i.text for i in live.items_here()] == ["break chat"]


def planned_after(meeting, index):
    return sum(s.planned_seconds for s in meeting.steps[index + 1 :])


def test_projected_finish_is_now_plus_what_is_left(live, meeting, clock):
    total = sum(s.planned_seconds for s in meeting.steps)
    assert live.projected_finish() == clock.now() + timedelta(seconds=total)
    clock.advance(300)
    expected = clock.now() + timedelta(seconds=15 * 60 - 300 + planned_after(meeting, 0))
    assert live.projected_finish() == expected
    assert live.projected_finish() == clock.now() - timedelta(seconds=300) + timedelta(
        seconds=total
    )


def test_projected_finish_after_moving_on(live, meeting, clock):
    clock.advance(100)
    live.next_step()
    clock.advance(50)
    left_here = 5 * 60 - 50  # bids for time
    expected = clock.now() + timedelta(seconds=left_here + planned_after(meeting, 1))
    assert live.projected_finish() == expected


def test_projected_finish_moves_a_minute_when_a_minute_is_added(live, clock):
    before = live.projected_finish()
    live.add_time(60)
    assert live.projected_finish() == before + timedelta(seconds=60)
    live.add_time(-120)
    assert live.projected_finish() == before - timedelta(seconds=60)


def test_projected_finish_moves_when_the_step_overruns(live, meeting, clock):
    on_time = live.projected_finish()
    clock.advance(15 * 60)
    assert live.projected_finish() == on_time
    clock.advance(90)
    assert live.projected_finish() == on_time + timedelta(seconds=90)
    assert live.projected_finish() == clock.now() + timedelta(seconds=planned_after(meeting, 0))


# the end and the next meeting's date ----------------------------------------------------------


def test_ending_saves_the_next_date_four_weeks_on(live, store, meeting):
    live.close()
    assert store.meeting(meeting.set_slug, 1).next_date == meeting.date + timedelta(weeks=4)


def test_ending_keeps_a_next_date_saved_before(live, store, meeting):
    live.set_next_date(meeting.date + timedelta(days=10))
    live.close()
    assert store.meeting(meeting.set_slug, 1).next_date == meeting.date + timedelta(days=10)


@pytest.mark.parametrize("days", [-2000, 0])
def test_a_next_date_not_after_the_meeting_is_refused_in_one_line(live, store, meeting, days):
    with pytest.raises(NotSaved):
        live.close(meeting.date + timedelta(days=days))
    assert store.meeting(meeting.set_slug, 1).status is MeetingStatus.RUNNING
    live.close()
    before = store.meeting(meeting.set_slug, 1)
    with pytest.raises(NotSaved) as refused:
        live.set_next_date(meeting.date + timedelta(days=days))
    assert str(refused.value) == (
        f"{meeting.date + timedelta(days=days)} is not after this meeting ({meeting.date}): "
        "give a later date"
    )
    assert store.meeting(meeting.set_slug, 1) == before
