"""The summary screen offers the next meeting as a calendar event."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

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
