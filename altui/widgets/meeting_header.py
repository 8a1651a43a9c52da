"""The top line: set, meeting number and date on the left; wall clock and finish on the right."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from altui.clock import Clock, on_the_wall
from altui.models import Meeting
from altui.text import shorten, visible


def local_time(moment: datetime) -> str:
    """``14:05`` in the machine's time zone."""
    return moment.astimezone().strftime("%H:%M")


class MeetingHeader(Horizontal):
    """Who is meeting and when it will finish."""

    def __init__(self, set_name: str, meeting: Meeting, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = Content.assemble(
            (shorten(visible(set_name), 40), "bold"),
            f" · Meeting {meeting.number} · {meeting.date:%a %d %b %Y}",
        )
        self._shown = ""

    def compose(self) -> ComposeResult:
        """Title on the left, times on the right."""
        yield Static(self._title, id="header-title")
        yield Static(id="header-times")

    def show(self, clock: Clock, finish: datetime) -> None:
        """Update the time of day and the projected finish (redraws only when a minute changes).

        Both are shown as the wall clock reads them, even after it was set while running:
        the countdown never moves with it, but the room's time of day does.
        """
        now, finish = clock.wall(), on_the_wall(clock, finish)
        text = f"Now {local_time(now)} · Finish ≈ {local_time(finish)}"
        if text != self._shown:
            self._shown = text
            self.query_one("#header-times", Static).update(text)
