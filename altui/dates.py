"""Dates and times as altui shows and writes them, the same whatever the machine's locale.

The one home of these formats: screens, the recap and the command line import them rather than
calling ``strftime`` (whose ``%a`` and ``%b`` follow the locale) or naming months themselves.
Days are never zero-padded.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime

from altui.errors import AltuiError

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
TYPED_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


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


def typed_date(text: str) -> date:
    """The date typed as ``2026-12-23``; AltuiError in one line if it is not in that form, or
    not a day the calendar has ("30 February 2027 is not a date")."""
    typed = text.strip()
    found = TYPED_DATE.fullmatch(typed)
    if found is None:
        raise AltuiError("Please give the date as YYYY-MM-DD.")
    year, month, day = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise AltuiError(f"{typed} is not a date: months go from 01 to 12.") from None
        if year < 1:
            raise AltuiError(f"{typed} is not a date: years start at 0001.") from None
        month_named = f"{MONTHS[month - 1]} {year}"
        days = monthrange(year, month)[1]
        raise AltuiError(
            f"{day} {month_named} is not a date: {month_named} has {days} days."
        ) from None
