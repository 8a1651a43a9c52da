"""The second screen: a read-only view that follows a meeting run in another console."""

from __future__ import annotations

from textual.events import Mount
from textual.widgets import Static

from altui.live import LiveMeeting
from altui.models import ItemKind
from altui.screens.blank import BlankScreen
from altui.screens.meeting import TICK_SECONDS, MeetingScreen
from altui.widgets.entry import EntryBox
from altui.widgets.step_bar import StepBar

FOLLOW_SECONDS = 0.25
"""How often the meeting file is checked for changes (a stat call; read only when changed)."""


class DisplayScreen(MeetingScreen):
    """Step, presenter, clock, prompt and items of a meeting open elsewhere; never writes.

    Private notes are never shown, and there is no entry box.
    """

    READ_ONLY = True

    def on_mount(self, event: Mount) -> None:
        """Show the meeting as it is now and follow its file (instead of the console's start)."""
        event.prevent_default()
        self.query_one(EntryBox).display = False
        self._seen = 0
        self._blank: BlankScreen | None = None
        self._follow()
        self.set_interval(TICK_SECONDS, self._tick)
        self.set_interval(FOLLOW_SECONDS, self._follow)

    def _follow(self) -> None:
        """Blank with the console, and reread the meeting when its file has changed (each save
        replaces it whole)."""
        self._follow_blank()
        live = self.live
        changed = live.store.changed_since(live.meeting, self._seen)
        if changed is None:
            return
        self._seen = changed
        meeting = live.store.meeting(live.meeting.set_slug, live.meeting.number)
        fresh = LiveMeeting(live.store, meeting, live.clock)
        fresh.items = [i for i in fresh.items if i.kind is not ItemKind.PRIVATE]
        self.live = fresh
        self.query_one(StepBar).reload(meeting.steps)
        self._show_step()
        if fresh.closed:
            self.query_one("#prompt", Static).update("This meeting has ended. Thank you.")

    def _follow_blank(self) -> None:
        """Go black while the console is blank; come back when it does (once on top again)."""
        blanked = self.live.store.blanked(self.live.meeting)
        if blanked and self._blank is None:
            self._blank = BlankScreen(by_key=False)
            self.app.push_screen(self._blank)
        elif not blanked and self._blank is not None and self.app.screen is self._blank:
            self._blank.dismiss()
            self._blank = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the key list (and quitting, an app action): the display changes nothing."""
        return action == "help"
