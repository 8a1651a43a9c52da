"""The second screen: a read-only view of a set's meetings, started once per meeting day.

Between meetings it waits (`WaitingScreen`); while a meeting runs it follows it
(`DisplayScreen`); when the meeting ends it shows the end's key facts and waits for the next
one. It reads the data folder only: it never writes and never takes the meeting's lock.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from altui.clock import Clock
from altui.dates import weekday_date
from altui.guard import guarded
from altui.models import ItemKind, Meeting, MeetingStatus, Set
from altui.screens.blank import BlankScreen
from altui.screens.stage import TICK_SECONDS, StageScreen
from altui.stage import Stage
from altui.store import Store
from altui.text import visible

FOLLOW_SECONDS = 0.25
"""How often the waiting display looks for the next meeting (a stat call; read only when
changed)."""
BEAT_SECONDS = TICK_SECONDS / 2
"""How often a followed meeting's file and blank marker are looked at (two stat calls; read
only when changed), the clock recomputed with them: one timer, so each wake does both (a wake
costs the display more than the looking)."""
WAITING = "Waiting for the meeting"


def display_for(store: Store, the_set: Set, latest: Meeting | None, clock: Clock) -> Screen[None]:
    """The set's ``latest`` meeting followed if it runs, else the wait for the next."""
    if latest is not None and latest.status is MeetingStatus.RUNNING:
        return DisplayScreen(the_set, Stage.follow(store, the_set.slug, latest.number, clock))
    return WaitingScreen(the_set, store, clock, latest)


def replace(current: Screen[None], new: Screen[None]) -> None:
    """Put ``new`` in ``current``'s place, closing what is over it (a blank, the palette)."""
    app = current.app
    while app.screen is not current:
        app.pop_screen()
    app.switch_screen(new)


def end_facts(store: Store, meeting: Meeting) -> str:
    """What the room takes away from an ended meeting: the next date and the new commitments."""
    actions = sum(i.kind is ItemKind.ACTION for i in store.items(meeting))
    when = weekday_date(meeting.next_date) if meeting.next_date else "not set yet"
    plural = "" if actions == 1 else "s"
    return (
        f"Meeting {meeting.number} has ended. Thank you.\n"
        f"Next meeting: {when}\n{actions} new commitment{plural}"
    )


class DisplayScreen(StageScreen):
    """Step, presenter, clock, prompt and items of a meeting open elsewhere; never writes.

    It holds a `Stage` read from the file, never a writer: private notes are never shown, and
    it has no entry line and no key that changes anything. When the meeting ends, the display
    goes on waiting for the next one.
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
        self.set_interval(BEAT_SECONDS, self._beat)

    def _beat(self) -> None:
        """Follow the meeting, then the clock (unless following put another screen here)."""
        self._follow()
        if self in self.app.screen_stack:
            self.tick()

    @guarded
    def _follow(self) -> None:
        """Blank with the console, and reread the meeting when its file has changed (each save
        replaces it whole); once it has ended, wait for the next."""
        self._follow_blank()
        stage = self.stage
        changed = stage.store.changed_since(stage.meeting, self._seen)
        if changed is None:
            return
        self._seen = changed
        meeting = stage.meeting
        self.stage = Stage.follow(stage.store, meeting.set_slug, meeting.number, stage.clock)
        if self.stage.closed:
            replace(self, WaitingScreen(self.the_set, stage.store, stage.clock, self.stage.meeting))
            return
        self.show_agenda()

    def _follow_blank(self) -> None:
        """Go black while the console is blank; come back when it does (once on top again)."""
        blanked = self.stage.store.blanked(self.stage.meeting)
        if blanked and self._blank is None:
            self._blank = BlankScreen()
            self.app.push_screen(self._blank)
        elif not blanked and self._blank is not None and self.app.screen is self._blank:
            self._blank.dismiss()
            self._blank = None


class WaitingScreen(Screen[None]):
    """Between meetings: the set's name, that the display waits, and the last meeting's end."""

    DEFAULT_CSS = """
    WaitingScreen { align: center middle; }
    WaitingScreen > Vertical { width: 100%; height: auto; }
    WaitingScreen Static { width: 100%; text-align: center; }
    WaitingScreen #set-name { text-style: bold; color: $accent; }
    WaitingScreen #waiting { margin-top: 1; text-style: bold; }
    WaitingScreen #ended { margin-top: 1; }
    """
    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", priority=True, key_display="^q")]

    def __init__(self, the_set: Set, store: Store, clock: Clock, ended: Meeting | None) -> None:
        super().__init__()
        self.the_set = the_set
        self.store = store
        self.clock = clock
        self.ended = ended
        self._seen = 0
        self._latest = ended.number if ended else 0

    def compose(self) -> ComposeResult:
        """The set, the wait, and what the last meeting left."""
        with Vertical():
            yield Static(visible(self.the_set.name), id="set-name", markup=False)
            yield Static(WAITING, id="waiting")
            yield Static("", id="ended", markup=False)

    def on_mount(self) -> None:
        """Show the last meeting's end, then look for the next meeting now and then."""
        self._look()
        self.set_interval(FOLLOW_SECONDS, self._look)

    @guarded
    def _look(self) -> None:
        """Follow a meeting once one runs (a new one, or the ended one reopened); meanwhile
        keep the ended meeting's facts current (its next date is chosen after it ends)."""
        numbers = self.store.meeting_numbers(self.the_set.slug)
        if numbers and numbers[-1] != self._latest:
            self._latest, self._seen = numbers[-1], 0
            self.ended = self.store.meeting(self.the_set.slug, numbers[-1])
        if self.ended is None:
            return
        changed = self.store.changed_since(self.ended, self._seen)
        if changed is None:
            return
        self._seen = changed
        self.ended = self.store.meeting(self.the_set.slug, self.ended.number)
        if self.ended.status is MeetingStatus.RUNNING:
            replace(self, display_for(self.store, self.the_set, self.ended, self.clock))
            return
        self.query_one("#ended", Static).update(end_facts(self.store, self.ended))
