"""The summary screen: the next meeting's date as saved, and as a calendar event."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from altui.screens.home import HomeScreen
from altui.screens.summary import SummaryScreen


async def end_meeting(console, pilot) -> None:
    await pilot.press("f9")
    await pilot.pause()
    await pilot.press("tab", "enter")
    await pilot.pause()
    assert isinstance(console.screen, SummaryScreen)


async def test_ctrl_e_saves_the_date_typed_and_writes_the_event(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await end_meeting(console, pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"2027-01-20", "ctrl+e")
        await pilot.pause()
        said = [str(n.message) for n in console._notifications]
    path = store.root / meeting.set_slug / "calendar" / "meeting-0002.ics"
    assert any(str(path) in line and "updates the same event" in line for line in said)
    assert store.meeting(meeting.set_slug, 1).next_date == date(2027, 1, 20)
    (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart").date() == date(2027, 1, 20)
    assert str(event["summary"]) == "Team Tiger: meeting 2"


async def test_a_date_that_is_not_one_writes_nothing(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await end_meeting(console, pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"next week", "ctrl+e")
        await pilot.pause()
        status = str(console.screen.query_one("#next-status").render())
    assert "YYYY-MM-DD" in status
    assert not (store.root / meeting.set_slug / "calendar").exists()


async def test_a_day_the_calendar_has_not_is_said_to_be_no_date(console, store, meeting):
    async with console.run_test(size=(80, 24)) as pilot:
        await end_meeting(console, pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"2027-02-30", "enter")
        said = str(console.screen.query_one("#next-status").render())
    assert said == "30 February 2027 is not a date: February 2027 has 28 days."
    assert store.meeting(meeting.set_slug, 1).next_date == date(2026, 12, 23)


def status(console) -> str:
    return str(console.screen.query_one("#next-status").render())


async def test_the_date_shown_on_ending_is_the_date_saved(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await end_meeting(console, pilot)
        assert console.screen.query_one("#next-date").value == "2026-12-23"  # four weeks on
        assert store.meeting(meeting.set_slug, 1).next_date == date(2026, 12, 23)
        assert "Next meeting saved: Wed 23 Dec 2026" in status(console)
        await pilot.press("escape")  # nothing typed: leaves at once
        assert isinstance(console.screen, HomeScreen)


async def test_a_date_typed_and_not_entered_is_said_and_saved_on_leaving(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await end_meeting(console, pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"2027-01-06")
        assert "Not saved yet" in status(console)
        await pilot.press("escape")
        assert isinstance(console.screen, HomeScreen)
    assert store.meeting(meeting.set_slug, 1).next_date == date(2027, 1, 6)


async def test_a_date_before_the_meeting_is_refused_in_one_line(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await end_meeting(console, pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"2020-01-01", "enter")
        said = status(console)
        assert "2020-01-01 is not after this meeting (2026-11-25)" in said
        assert "\n" not in said.strip()
        assert store.meeting(meeting.set_slug, 1).next_date == date(2026, 12, 23)
        await pilot.press("escape")  # not left silently: it says so, and what stays saved
        assert isinstance(console.screen, SummaryScreen)
        assert "Escape again keeps 2026-12-23." in status(console)
        await pilot.press("escape")
        assert isinstance(console.screen, HomeScreen)
    assert store.meeting(meeting.set_slug, 1).next_date == date(2026, 12, 23)
