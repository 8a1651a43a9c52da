"""The next meeting as an iCalendar event, for everyone's calendar (pure: no textual, no tinydb).

The event starts on the date saved for the next meeting, at the time of day the last meeting
started, in the machine's time zone (by its IANA name, so that summer time is right on the
meeting's own date), and lasts as long as the last meeting was planned. Its UID depends only on
the set and the meeting's number, so exporting again updates the same event in a calendar.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from altui.clock import whole_minutes
from altui.errors import AltuiError
from altui.models import Meeting, Set

LOCALTIME = "/etc/localtime"
SEQUENCE_FROM = datetime(2020, 1, 1, tzinfo=UTC)
"""Sequence numbers count minutes from here, so each export supersedes the one before."""


def local_zone() -> tzinfo:
    """The machine's time zone: an IANA zone from ``TZ`` or ``/etc/localtime`` when there is
    one, else the current UTC offset."""
    names = [os.environ.get("TZ", "").removeprefix(":")]
    link = os.path.realpath(LOCALTIME)
    if "zoneinfo/" in link:
        names.append(link.split("zoneinfo/", 1)[1])
    for name in filter(None, names):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return datetime.now().astimezone().tzinfo or UTC


def started(meeting: Meeting) -> datetime | None:
    """When the meeting began: as recorded, else its planned finish less its planned length
    (a meeting from an older altui); None if neither is known."""
    if meeting.started is not None:
        return meeting.started
    if meeting.planned_finish is None:
        return None
    planned = sum(step.planned_seconds for step in meeting.steps)
    return meeting.planned_finish - timedelta(seconds=planned)


def event_uid(the_set: Set, number: int) -> str:
    """The same for every export of the set's meeting ``number``, different for any other."""
    made = the_set.created.astimezone(UTC)
    return f"altui-{the_set.slug}-{made:%Y%m%dT%H%M%SZ}-meeting-{number}@altui"


def next_meeting_ics(the_set: Set, last: Meeting, zone: tzinfo, now: datetime) -> bytes:
    """The meeting after ``last`` as an iCalendar file; refused if no date was saved for it."""
    when = last.next_date
    if when is None:
        raise AltuiError(
            f"no date is saved for the meeting after meeting {last.number} of "
            f"{the_set.name!r} (it is asked for on the summary screen when a meeting ends)"
        )
    number = last.number + 1
    event = Event()
    event.add("uid", event_uid(the_set, number))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("sequence", max(0, int((now - SEQUENCE_FROM).total_seconds() // 60)))
    event.add("summary", f"{the_set.name}: meeting {number}")
    event.add("description", "Action Learning set meeting. Bring what became of your commitments.")
    begun = started(last)
    if begun is None:
        event.add("dtstart", when)
        event.add("dtend", when + timedelta(days=1))
    else:
        at = begun.astimezone(zone).time().replace(second=0, microsecond=0)
        start = datetime.combine(when, at, tzinfo=zone)
        length = whole_minutes(sum(step.planned_seconds for step in last.steps))
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=length))
    calendar = Calendar()
    calendar.add("prodid", "-//altui//Action Learning sets//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()  # icalendar leaves it unannotated
    return ical
