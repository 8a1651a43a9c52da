"""Dates and times as altui shows and writes them, the same whatever the machine's locale.

The one home of these formats: screens, the recap and the command line import them rather than
calling ``strftime`` (whose ``%a`` and ``%b`` follow the locale) or naming months themselves.
Days are never zero-padded.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def long_date(day: date) -> str:
    """``25 November 2026``: for the written recap."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """``Wed 25 Nov 2026``: a meeting's own day, on the screens."""
    return f"{WEEKDAYS[day.weekday()]} {short_date(day)}"


def short_date(day: date) -> str:
    """``25 Nov 2026``: in lists of sets and meetings."""
    return f"{day_month(day)} {day.year}"


def day_month(day: date) -> str:
    """``25 Nov``: where the year goes without saying."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def time_of_day(moment: datetime) -> str:
    """``14:05`` in the machine's time zone."""
    local = moment.astimezone()
    return f"{local.hour:02d}:{local.minute:02d}"
