"""Each rule has one home: no second copy of it in the code, and the places that use it agree."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from altui import dates

PACKAGE = Path(__file__).resolve().parents[2] / "altui"


def sources_but(*homes: str) -> dict[str, str]:
    """Every module of altui, by its path inside the package, except ``homes``."""
    found = {
        str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
    }
    return {name: text for name, text in found.items() if name not in homes}


@pytest.mark.parametrize(
    "pattern",
    [
        r"strftime",
        r"\bMONTHS\b",
        r"\bWEEKDAYS\b",
        r"\{[^{}]*:[^{}]*%[aAbBcpxX]",  # an f-string naming a weekday or month (the locale's)
    ],
)
def test_dates_are_formatted_only_in_the_dates_module(pattern):
    copies = [name for name, text in sources_but("dates.py").items() if re.search(pattern, text)]
    assert copies == []


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (dates.long_date(date(2026, 12, 9)), "9 December 2026"),
        (dates.weekday_date(date(2026, 12, 9)), "Wed 9 Dec 2026"),
        (dates.short_date(date(2026, 12, 9)), "9 Dec 2026"),
        (dates.day_month(date(2026, 12, 9)), "9 Dec"),
        (dates.time_of_day(datetime(2026, 12, 9, 7, 5, tzinfo=UTC)), "07:05"),  # TZ=UTC in tests
    ],
)
def test_each_date_format(shown, expected):
    assert shown == expected
