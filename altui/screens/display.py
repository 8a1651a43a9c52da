"""The second screen: a read-only view that follows a meeting run in another console."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from altui.guard import guarded
from altui.screens.blank import BlankScreen
from altui.screens.stage import TICK_SECONDS, StageScreen
from altui.stage import Stage

FOLLOW_SECONDS = 0.25
"""How often the meeting file is checked for changes (a stat call; read only when changed)."""


class DisplayScreen(StageScreen):
    """Step, presenter, clock, prompt and items of a meeting open elsewhere; never writes.

    It holds a `Stage` read from the file, never a writer: private notes are never shown, and
    it has no entry line and no key that changes anything.
    """

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", priority=True, key_display="^q")]

    def compose(self) -> ComposeResult:
        """The stage only (and the too-small note)."""
        yield from super().compose()
        yield Static(id="too-small")

    def on_mount(self) -> None:
        """Show the meeting as it is now and follow its file."""
        self._seen = 0
        self._blank: BlankScreen | None = None
        self._follow()
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(FOLLOW_SECONDS, self._follow)

    @guarded
    def _follow(self) -> None:
        """Blank with the console, and reread the meeting when its file has changed (each save
        replaces it whole)."""
        self._follow_blank()
        stage = self.stage
        changed = stage.store.changed_since(stage.meeting, self._seen)
        if changed is None:
            return
        self._seen = changed
        meeting = stage.meeting
        self.stage = Stage.follow(stage.store, meeting.set_slug, meeting.number, stage.clock)
        self.show_agenda()
        if self.stage.closed:
            self.query_one("#prompt", Static).update("This meeting has ended. Thank you.")

    def _follow_blank(self) -> None:
        """Go black while the console is blank; come back when it does (once on top again)."""
        blanked = self.stage.store.blanked(self.stage.meeting)
        if blanked and self._blank is None:
            self._blank = BlankScreen(by_key=False)
            self.app.push_screen(self._blank)
        elif not blanked and self._blank is not None and self.app.screen is self._blank:
            self._blank.dismiss()
            self._blank = None
