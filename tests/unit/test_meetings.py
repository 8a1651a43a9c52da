"""Choosing presenters, the next meeting, starting or resuming it, and the demo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from altui.demo import DEMO_MEMBERS, DEMO_PRESENTERS, DEMO_SET, ensure_demo
from altui.errors import AltuiError
from altui.live import LiveMeeting
from altui.meetings import (
    FIRST_MEETING,
    NOTHING_OPEN,
    NextMeeting,
    choose_presenters,
    next_meeting,
    start_or_resume,
)
from altui.models import ItemKind, MeetingStatus, ReviewStatus
from altui.plans import find_plan
from altui.sets import new_set, unfinished_meeting
from altui.store import Store
from tests.builders import ANA, BEN, close, commit, files, hold, review


def test_choose_presenters_in_the_order_given(the_set):
    chosen = choose_presenters(the_set, ["dev patel", "Ana Silva", "DEV PATEL"])
    assert [m.name for m in chosen] == ["Dev Patel", "Ana Silva"]
    assert chosen[0] is the_set.member("Dev Patel")


@pytest.mark.parametrize("names", [None, []])
def test_choose_no_presenters_means_everyone(the_set, names):
    assert [m.name for m in choose_presenters(the_set, names)] == [
        "Ana Silva",
        "Ben Okafor",
        "Chloé Martin",
        "Dev Patel",
    ]


def test_choose_unknown_presenter(the_set):
    with pytest.raises(AltuiError) as caught:
        choose_presenters(the_set, ["Ana Silva", "Nobody"])
    message = str(caught.value)
    assert "'Nobody'" in message
    assert "Team Tiger" in message
    assert "Chloé Martin" in message


def test_start_creates_meeting_one_running(store, the_set, meeting, clock):
    assert meeting.number == 1
    assert meeting.plan == "classic"
    assert [m.name for m in meeting.presenters] == ["Ana Silva", "Ben Okafor"]
    assert meeting.current == 0
    assert meeting.steps[0].running_since == clock.now()
    assert meeting.steps[0].visited
    assert all(s.running_since is None for s in meeting.steps[1:])
    assert store.meeting(the_set.slug, 1) == meeting


def test_start_or_resume_resumes_the_unfinished_meeting(store, the_set, meeting, clock):
    meeting.current = 5
    store.save_meeting(meeting)
    clock.advance(3600)
    again = start_or_resume(store, the_set, clock, plan="quick", presenters=["Dev Patel"])
    assert again.number == 1
    assert again.current == 5
    assert again.plan == "classic"
    assert store.meeting_numbers(the_set.slug) == [1]
    assert unfinished_meeting(store, the_set) == again


def test_after_a_closed_meeting_the_next_one_starts(store, the_set, meeting, clock):
    close(store, clock, meeting)
    assert unfinished_meeting(store, the_set) is None
    nxt = start_or_resume(store, the_set, clock, plan="quick", presenters=["Dev Patel"])
    assert nxt.number == 2
    assert nxt.plan == "quick"
    assert [m.name for m in nxt.presenters] == ["Dev Patel"]
    assert nxt.status is MeetingStatus.RUNNING
    assert nxt.steps[0].running_since == clock.now()
    assert store.meeting_numbers(the_set.slug) == [1, 2]
    assert store.meeting(the_set.slug, 1).status is MeetingStatus.CLOSED


def test_start_uses_the_sets_plan_by_default(store, clock):
    owls = new_set(store, "Owls", ["Ana", "Ben"], "quick", clock)
    started = start_or_resume(store, owls, clock)
    assert started.plan == "quick"
    assert sum(s.minutes for s in started.steps) == 80  # 90 less the report back of a first meeting


def test_start_with_unknown_presenter_creates_nothing(store, the_set, clock):
    with pytest.raises(AltuiError):
        start_or_resume(store, the_set, clock, presenters=["Nobody"])
    assert store.meeting_numbers(the_set.slug) == []


def test_demo_is_created_with_a_closed_first_meeting(store, clock):
    demo = ensure_demo(store, clock)
    assert demo.name == DEMO_SET == "Demo set"
    assert [m.name for m in demo.members] == DEMO_MEMBERS
    assert len(demo.members) == 5
    assert store.meeting_numbers(demo.slug) == [1]
    first = store.meeting(demo.slug, 1)
    assert first.status is MeetingStatus.CLOSED
    assert [m.name for m in first.presenters] == ["Amira Haddad", "Ben Okafor"]
    assert "Report back" not in names(first.steps)  # like any first meeting
    items = store.items(first)
    actions = [i for i in items if i.kind is ItemKind.ACTION]
    assert len(actions) == 3
    assert all(i.created < clock.now() for i in items)
    for item in items:
        assert first.steps[item.step].presenter_id == item.presenter_id
    assert unfinished_meeting(store, demo) is None


def test_demo_twice_does_not_duplicate_or_touch_other_sets(tmp_path, store, clock):
    mine = new_set(store, "My real set", ["Zoë", "Yusuf"], "quick", clock)
    start_or_resume(store, mine, clock)
    before = files(store.root / mine.slug)
    first = ensure_demo(store, clock)
    demo_files = files(store.root / first.slug)
    clock.advance(60)
    second = ensure_demo(Store(store.root), clock)
    assert second == first
    assert [s.name for s in store.sets()] == ["Demo set", "My real set"]
    assert files(store.root / first.slug) == demo_files
    assert files(store.root / mine.slug) == before
    assert store.meeting_numbers(first.slug) == [1]


# the report back --------------------------------------------------------------------------


def names(steps) -> list[str]:
    return [step.name for step in steps]


def test_a_first_meeting_has_no_report_back_and_finishes_20_minutes_earlier(meeting, clock):
    assert "Report back" not in names(meeting.steps)
    assert not any(step.report_back for step in meeting.steps)
    assert meeting.steps[1].name == "Bids for time"
    # classic with two presenters is 2h30 with its 20-minute report back; started at 14:00
    assert meeting.planned_finish == datetime(2026, 11, 25, 16, 10, tzinfo=UTC)
    _, plan = find_plan("classic")
    full = sum(step.planned_seconds for step in plan.expand(meeting.presenters))
    assert meeting.planned_finish == clock.now() + timedelta(seconds=full - 20 * 60)


def test_a_meeting_after_actions_were_taken_has_the_report_back(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    clock.advance(3600)
    second = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    assert second.number == 2
    assert names(second.steps)[:3] == ["Check-in", "Report back", "Bids for time"]
    assert second.steps[1].report_back
    assert second.planned_finish == clock.now() + timedelta(hours=2, minutes=30)


def test_a_meeting_after_a_first_without_actions_has_no_report_back(store, the_set, clock):
    first, _ = hold(store, the_set, clock)
    close(store, clock, first)
    assert next_meeting(store, the_set.slug) == NextMeeting(2, False, last_held=first.date)
    second = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    assert "Report back" not in names(second.steps)


@pytest.mark.parametrize(
    ("status", "reports_back"),
    [
        (ReviewStatus.DONE, False),
        (ReviewStatus.DROPPED, False),
        (ReviewStatus.CARRIED, True),  # carried forward: still open at meeting 3
    ],
)
def test_the_third_meeting_reports_back_only_on_what_is_still_open(
    store, the_set, clock, status, reports_back
):
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    assert second.steps[1].report_back
    review(store, clock, second, made["Call the director"], 1, status)
    close(store, clock, second)
    third = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    assert third.number == 3
    assert ("Report back" in names(third.steps)) is reports_back


def test_meetings_already_started_keep_their_steps(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    second = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    assert "Report back" in names(second.steps)
    again = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    assert again.steps == second.steps
    assert "Report back" not in names(store.meeting(the_set.slug, 1).steps)


def test_next_meeting_says_why_the_report_back_is_left_out(store, the_set, clock):
    _, classic = find_plan("classic")
    upcoming = next_meeting(store, the_set.slug)
    assert upcoming == NextMeeting(1, report_back=False)
    assert upcoming.left_out(classic) == FIRST_MEETING
    assert FIRST_MEETING == "No report back: this is the set's first meeting."
    assert NextMeeting(4, report_back=False).left_out(classic) == NOTHING_OPEN
    assert NOTHING_OPEN == "No report back: nothing is open from earlier meetings."
    assert NextMeeting(4, report_back=True).left_out(classic) == ""
    no_report_back = classic.model_copy(
        update={"steps": [s for s in classic.steps if not s.report_back]}
    )
    assert NextMeeting(4, report_back=False).left_out(no_report_back) == ""


def test_next_meeting_steps_are_the_plan_less_its_report_back(the_set):
    _, classic = find_plan("classic")
    presenters = the_set.members[:2]
    full = classic.expand(presenters)
    assert NextMeeting(2, report_back=True).steps(classic, presenters) == full
    assert NextMeeting(2, report_back=False).steps(classic, presenters) == [
        step for step in full if step.name != "Report back"
    ]


def test_a_damaged_earlier_meeting_keeps_the_report_back(store, the_set, clock):
    first, _ = hold(store, the_set, clock)
    close(store, clock, first)
    (store.root / the_set.slug / "meetings" / "0001.json").write_text("{")
    assert next_meeting(store, the_set.slug).report_back


def test_the_demo_meeting_2_has_its_report_back(store, clock):
    demo = ensure_demo(store, clock)
    second = start_or_resume(store, demo, clock, presenters=DEMO_PRESENTERS)
    assert second.number == 2
    assert names(second.steps)[:3] == ["Check-in", "Report back", "Bids for time"]


def test_a_meeting_is_dated_the_day_it_starts_not_the_day_planned(store, the_set, clock):
    """The date saved for the next meeting is a plan: a meeting started is held that day."""
    assert next_meeting(store, the_set.slug).planned_on is None
    first, _ = hold(store, the_set, clock)
    first.next_date = date(2027, 1, 20)
    close(store, clock, first)  # four weeks on: Wed 23 Dec 2026, before the date planned
    upcoming = next_meeting(store, the_set.slug)
    assert (upcoming.planned_on, upcoming.last_held) == (date(2027, 1, 20), date(2026, 11, 25))
    assert upcoming.held_on(date(2026, 12, 23)) == date(2026, 12, 23)
    assert upcoming.held_on(date(2027, 2, 3)) == date(2027, 2, 3)
    assert start_or_resume(store, the_set, clock).date == date(2026, 12, 23)
    assert store.meeting(the_set.slug, 1).next_date == date(2027, 1, 20)  # what was planned


def test_the_demo_after_meeting_2_dates_each_meeting_the_day_it_is_held(store, clock):
    """The trial: meeting 2 ends, saving the next date four weeks on; meetings 3 and 4, held
    the same day, are dated that day, in order."""
    demo = ensure_demo(store, clock)
    second = start_or_resume(store, demo, clock, presenters=DEMO_PRESENTERS)
    live = LiveMeeting(store, second, clock)
    live.close()
    assert live.meeting.next_date == date(2026, 12, 23)
    for number in (3, 4):
        clock.advance(3600)
        meeting = start_or_resume(store, demo, clock, presenters=DEMO_PRESENTERS)
        assert (meeting.number, meeting.date) == (number, date(2026, 11, 25))
        LiveMeeting(store, meeting, clock).close()
    dates = [store.meeting(demo.slug, n).date for n in store.meeting_numbers(demo.slug)]
    assert dates == sorted(dates)


def test_a_computer_dated_before_the_last_meeting_still_starts_one_and_says_so(
    store, the_set, clock
):
    """A wrong clock, or a last meeting dated ahead by an older altui, never stops the room:
    the meeting starts, dated today, and the warning says why the dates are out of order."""
    first, _ = hold(store, the_set, clock)
    first.status = MeetingStatus.CLOSED
    store.save_meeting(first)
    clock.advance(-5 * 86400)  # the computer's date went back: Fri 20 Nov 2026
    upcoming = next_meeting(store, the_set.slug)
    assert upcoming.date_doubt(date(2026, 11, 20)) == (
        "Meeting 1 is dated Wed 25 Nov 2026, after today (Fri 20 Nov 2026): is this "
        "computer's date right? This meeting is dated today."
    )
    assert upcoming.date_doubt(date(2026, 11, 25)) == ""  # the same day as meeting 1
    assert start_or_resume(store, the_set, clock).date == date(2026, 11, 20)
    assert store.meeting_numbers(the_set.slug) == [1, 2]


def test_members_who_sent_apologies_come_and_present_no_more(store, the_set, clock):
    started = start_or_resume(store, the_set, clock, apologies=[BEN, "chloé martin"])
    assert [m.name for m in started.apologies] == [BEN, "Chloé Martin"]
    assert [m.name for m in started.attendees] == [ANA, "Dev Patel"]
    assert [m.name for m in started.presenters] == [ANA, "Dev Patel"]
    away = [the_set.member(BEN)]
    assert [m.name for m in choose_presenters(the_set, None, away)] == [
        ANA,
        "Chloé Martin",
        "Dev Patel",
    ]
    with pytest.raises(AltuiError, match="'Ben Okafor' sent apologies, so cannot present"):
        choose_presenters(the_set, [ANA, BEN], away)
