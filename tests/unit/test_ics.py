"""The next meeting as an iCalendar event: its date, time, zone, length and stable UID."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from altui.clock import whole_minutes
from altui.errors import AltuiError
from altui.ics import event_uid, local_zone, next_meeting_ics, started
from altui.live import LiveMeeting
from altui.meetings import start_or_resume

LONDON = ZoneInfo("Europe/London")


def event(payload: bytes):
    (found,) = Calendar.from_ical(payload).walk("VEVENT")
    return found


@pytest.fixture
def closed(store, the_set, clock):
    """Meeting 1 started at 14:00 UTC on 25 Nov 2026 and closed, the next set for 7 April 2027."""
    meeting = start_or_resume(store, the_set, clock)
    LiveMeeting(store, meeting, clock).close(date(2027, 4, 7))
    return store.meeting(the_set.slug, 1)


def test_the_event_is_on_the_saved_date_at_the_same_local_time_in_summer(the_set, closed, clock):
    found = event(next_meeting_ics(the_set, closed, LONDON, clock.now()))
    start, end = found.decoded("dtstart"), found.decoded("dtend")
    # 14:00 in London in November (GMT) is 14:00 in London in April (BST), i.e. 13:00 UTC
    assert start == datetime(2027, 4, 7, 14, 0, tzinfo=LONDON)
    assert start.astimezone(UTC).hour == 13
    planned = whole_minutes(sum(s.planned_seconds for s in closed.steps))
    assert end - start == timedelta(minutes=planned)
    assert str(found["summary"]) == "Team Tiger: meeting 2"
    text = next_meeting_ics(the_set, closed, LONDON, clock.now()).decode()
    assert "DTSTART;TZID=Europe/London:20270407T140000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/London" in text


def test_exporting_again_updates_the_same_event(the_set, closed, clock):
    first = event(next_meeting_ics(the_set, closed, LONDON, clock.now()))
    closed.next_date = date(2027, 4, 14)
    clock.advance(3600)
    again = event(next_meeting_ics(the_set, closed, LONDON, clock.now()))
    assert str(again["uid"]) == str(first["uid"]) == event_uid(the_set, 2)
    assert again["sequence"] > first["sequence"]
    assert again.decoded("dtstart").date() == date(2027, 4, 14)
    assert event_uid(the_set, 3) != event_uid(the_set, 2)


def test_no_saved_date_is_refused_in_one_line(store, the_set, clock):
    meeting = start_or_resume(store, the_set, clock)
    with pytest.raises(AltuiError, match="no date is saved for the meeting after meeting 1"):
        next_meeting_ics(the_set, meeting, LONDON, clock.now())


def test_an_older_meeting_starts_at_its_planned_finish_less_its_length(the_set, closed, clock):
    older = closed.model_copy(update={"started": None})
    assert started(older) == datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
    found = event(next_meeting_ics(the_set, older, LONDON, clock.now()))
    assert found.decoded("dtstart") == datetime(2027, 4, 7, 14, 0, tzinfo=LONDON)


def test_a_meeting_with_no_known_start_gives_an_all_day_event(the_set, closed, clock):
    unknown = closed.model_copy(update={"started": None, "planned_finish": None})
    found = event(next_meeting_ics(the_set, unknown, LONDON, clock.now()))
    assert found.decoded("dtstart") == date(2027, 4, 7)


def test_text_from_members_is_escaped_by_the_format(store, clock, the_set, closed):
    odd = the_set.model_copy(update={"name": "Team; Tiger, \\ the best"})
    payload = next_meeting_ics(odd, closed, LONDON, clock.now())
    assert str(event(payload)["summary"]) == "Team; Tiger, \\ the best: meeting 2"


@pytest.mark.parametrize(("tz", "key"), [("Europe/Paris", "Europe/Paris"), (":UTC", "UTC")])
def test_the_local_zone_is_an_iana_zone_from_tz(monkeypatch, tz, key):
    monkeypatch.setenv("TZ", tz)
    assert local_zone() == ZoneInfo(key)


def test_an_unknown_tz_falls_back_to_a_zone_that_still_works(monkeypatch):
    monkeypatch.setenv("TZ", "Not/AZone")
    zone = local_zone()
    assert datetime(2027, 4, 7, 14, 0, tzinfo=zone).utcoffset() is not None
