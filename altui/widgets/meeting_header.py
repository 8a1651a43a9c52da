"""The top line: set, meeting number and date on the left; wall clock and finish on the right."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from altui.clock import Clock, on_the_wall
from altui.dates import time_of_day, weekday_date
from altui.models import Meeting
from altui.text import shorten, visible


class MeetingHeader(Horizontal):
    """Who is meeting and when it will finish."""

    def __init__(self, set_name: str, meeting: Meeting, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = Content.assemble(
            (shorten(visible(set_name), 40), "bold"),
            f" · Meeting {meeting.number} · {weekday_date(meeting.date)}",
        )
        self._shown = ""

    def compose(self) -> ComposeResult:
        """Title on the left, times on the right."""
        yield Static(self._title, id="header-title")
        yield Static(id="header-times")

    def update(self, clock: Clock, finish: datetime) -> None:
        """Update the time of day and the projected finish (redraws only when a minute changes).

        Both are shown as the wall clock reads them, even after it was set while running:
        the countdown never moves with it, but the room's time of day does.
        """
        now, finish = clock.wall(), on_the_wall(clock, finish)
        text = f"Now {time_of_day(now)} · Finish ≈ {time_of_day(finish)}"
        if text != self._shown:
            self._shown = text
            self.query_one("#header-times", Static).update(text)
