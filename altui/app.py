"""The altui App: screens, keys and styles; built by ``make_app`` for the CLI and the tests."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from textual import on
from textual._xterm_parser import XTermParser
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.message import Message
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen

from altui.clock import Clock, SystemClock
from altui.errors import AltuiError
from altui.live import LiveMeeting, open_for_writing
from altui.lock import MeetingLock
from altui.meetings import refuse_archived, refuse_empty
from altui.models import Meeting, Set
from altui.resources import styles_dir
from altui.screens.blank import BlankScreen
from altui.screens.meeting import MeetingScreen
from altui.sets import unfinished_meeting
from altui.store import Store
from altui.text import strip_stray, visible
from altui.themes import DEFAULT_THEME, THEMES


@dataclass
class Notice(Notification):
    """A notification that knows where it belongs (see ``Altui.notify``)."""

    screen: Screen[Any] | None = None
    about: str = ""


class Withdraw(Message):
    """Take down notices that no longer hold (see ``Altui.withdraw``)."""

    def __init__(self, about: str = "") -> None:
        super().__init__()
        self.about = about


class Altui(App[None]):
    """Runs an Action Learning set meeting on the shared screen."""

    CSS_PATH = [styles_dir() / "app.tcss"]
    TITLE = "altui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("pagedown", "clicker(True)", show=False, priority=True),
        Binding("pageup", "clicker(False)", show=False, priority=True),
    ]
    """A clicker's keys move the meeting at every moment, even with a screen over the console
    (the console's own entry line handles them in key order when it is on top)."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        the_set: Set | None,
        meeting: Meeting | None,
        lock: MeetingLock | None,
        display: bool = False,
    ) -> None:
        super().__init__()
        for stock in list(self.available_themes):  # their contrast is not checked for a projector
            self.unregister_theme(stock)
        for theme in THEMES:
            self.register_theme(theme)
        chosen = the_set.theme if the_set else None
        named = chosen if chosen in self.available_themes else DEFAULT_THEME
        self._styled_in_theme = named != self.theme
        """Setting the theme queued a refresh of every style, not needed: the stylesheet, not
        parsed yet, is given the theme's colours here (see ``refresh_css``)."""
        self.theme = named
        self.stylesheet.set_variables(self.get_css_variables())
        self._follow_only = display
        self.store = store
        self.clock = clock
        self._first = (the_set, meeting)
        self._lock = lock

    def on_mount(self) -> None:
        """Open the meeting asked for, or the home screen."""
        the_set, meeting = self._first
        if the_set is not None and self._follow_only:
            from altui.screens.display import display_for

            self.push_screen(display_for(self.store, the_set, meeting, self.clock))
        elif the_set is not None and meeting is not None:
            self.push_screen(MeetingScreen(the_set, LiveMeeting(self.store, meeting, self.clock)))
        else:
            from altui.screens.home import HomeScreen

            self.push_screen(HomeScreen(self.store))
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.call_after_refresh(settle_memory)

    def refresh_css(self, animate: bool = True) -> None:
        """Textual's, less the first call: the one that setting the theme in ``__init__``
        queued, which would parse every stylesheet a second time and style every widget again,
        before the first frame, in the colours they already have (4 ms of start-up's CPU). Any
        later call (a theme chosen in the palette) refreshes as ever."""
        if self._styled_in_theme:
            self._styled_in_theme = False
            return
        super().refresh_css(animate)

    def _console_below(self) -> MeetingScreen | None:
        """The console, when a screen (help, a question, blank, the palette) is over it."""
        console = next((s for s in self.screen_stack if isinstance(s, MeetingScreen)), None)
        return console if console is not None and self.screen is not console else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The clicker binding acts only over the console; elsewhere the key goes on."""
        if action == "clicker":
            return self._console_below() is not None
        return True

    def action_clicker(self, forward: bool) -> None:
        """Close what is over the console (as if left unanswered) and move a step; over a
        blank wall, only bring the wall back (a clicker's "next" to wake it moves nothing)."""
        console = self._console_below()
        if console is None:
            return
        if isinstance(self.screen, BlankScreen):
            self.screen.close(True)
            return
        while self.screen is not console:
            self.pop_screen()
        console.step_key(forward)

    async def action_quit(self) -> None:
        """Quit, through the console when one is open (it guards unsent text)."""
        console = next((s for s in self.screen_stack if isinstance(s, MeetingScreen)), None)
        if console is None:
            self.exit()
        else:
            console.quit()

    def open_meeting(self, the_set: Set) -> None:
        """Resume the set's unfinished meeting, or set up its next one first."""
        refuse_archived(the_set)
        running = unfinished_meeting(self.store, the_set)
        if running is not None:
            self.run_meeting(the_set, running)
            return
        refuse_empty(the_set)

        def started(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.run_meeting(the_set, meeting)

        from altui.screens.setup import SetupScreen

        self.push_screen(SetupScreen(self.store, the_set, self.clock), started)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen during a meeting for that meeting's set."""
        console = next((s for s in self.screen_stack if isinstance(s, MeetingScreen)), None)
        if console is not None:
            console.remember_theme(theme)

    def run_meeting(self, the_set: Set, meeting: Meeting, reopen: bool = False) -> None:
        """Open ``meeting`` in the live console (refused if open in another console); with
        ``reopen``, an ended meeting opens again where it stopped."""
        opened = open_for_writing(self.store, meeting, self.clock, reopen)
        self.release_lock()
        self._lock = opened.lock
        if the_set.theme and the_set.theme in self.available_themes:
            self.theme = the_set.theme
        self.push_screen(MeetingScreen(the_set, opened.live))

    def export_recap(self, the_set: Set, meeting: Meeting) -> None:
        """Write the meeting's shareable recap (no private notes) and show where it went, or
        in one line why it could not be written (a read-only folder, a full disk)."""
        from altui.exporting import write_recap

        try:
            path = write_recap(self.store, the_set, meeting)
        except AltuiError as exc:
            self.notify(f"Recap not written: {exc}", title="Recap", severity="error", markup=False)
            return
        self.notify(f"Recap written to {path}", title="Recap", timeout=12, markup=False)

    def release_lock(self) -> None:
        """Let another console open the meeting this one had."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal (or textual-serve's), writing no stray controls."""
        return guarded_driver(super().get_driver_class())

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
        about: str = "",
    ) -> None:
        """Textual's toast, with any character that could steer the terminal shown as a symbol.

        It belongs to the screen it was raised on (under any dialog) and, with ``about``, to a
        thing on it (see ``withdraw``): it is taken down when either no longer holds.
        """
        message = "\n".join(visible(line) for line in message.split("\n"))
        notice = Notice(
            message,
            visible(title),
            severity,
            self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
            markup=markup,
            screen=self._base_screen(),
            about=about,
        )
        self.post_message(Notify(notice))

    def withdraw(self, about: str) -> None:
        """Take down the notices ``about`` this raised before now: what they said of it no
        longer holds (the console's ``BOX`` was saved, its ``STEP`` changed)."""
        self.post_message(Withdraw(about))

    def _base_screen(self) -> Screen[Any] | None:
        """The screen being worked on: the top one that is not a dialog over another."""
        return next((s for s in reversed(self.screen_stack) if not s.is_modal), None)

    def _screen_changed(self, _: Screen[Any]) -> None:
        self.post_message(Withdraw())  # handled after the notices raised before the change

    @on(Notify)
    def _one_notice(self, event: Notify) -> None:
        """A new toast takes the place of the one showing (Textual adds it after this), so a
        burst of them never stacks up over the items or the report back being worked on; only
        an error takes the place of an error, so a passing notice never hides a failure."""
        error = event.notification.severity == "error"
        self._take_down(lambda shown: error or shown.severity != "error")

    @on(Withdraw)
    def _withdrawn(self, event: Withdraw) -> None:
        """Take down the notices about ``event.about``, or (without one) those raised on a
        screen no longer worked on: a new screen clears the old one's notices."""
        if event.about:
            self._take_down(lambda shown: isinstance(shown, Notice) and shown.about == event.about)
        else:
            base = self._base_screen()
            self._take_down(lambda shown: isinstance(shown, Notice) and shown.screen is not base)
        self._refresh_notifications()

    def _take_down(self, gone: Callable[[Notification], bool]) -> None:
        """Take down each notice shown that ``gone`` says no longer holds (the one home of the
        rules above)."""
        for shown in list(self._notifications):
            if gone(shown):
                self._unnotify(shown, refresh=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers the console's actions by name, then the theme chooser; none of
        Textual's others (its Keys panel, Maximize, Screenshot and Quit are not for the room)."""
        if isinstance(screen, MeetingScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)


@cache
def guarded_driver(base: type[Driver]) -> type[Driver]:
    """``base`` writing its output through ``strip_stray``: a C1 or bidi control that reached
    the screen without ``visible`` never reaches the terminal or the browsers of ``altui
    serve``. It reads the terminal with ``PasteSafeParser`` (a driver that parses input makes
    its parser by the name ``XTermParser`` in its module, which is pointed at it)."""
    module = sys.modules[base.__module__]
    if getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = PasteSafeParser  # type: ignore[attr-defined]

    class Guarded(base):  # type: ignore[misc, valid-type]
        def write(self, data: str) -> None:
            super().write(strip_stray(data))

    Guarded.__name__ = Guarded.__qualname__ = f"Guarded{base.__name__}"
    return Guarded


ESC = "\x1b"
PASTE_START, PASTE_END = f"{ESC}[200~", f"{ESC}[201~"
"""What a terminal sends around a paste (bracketed paste mode, which Textual turns on)."""


class PasteSafeParser(XTermParser):
    """Textual's parser of terminal input, given each ESC inside a paste as its symbol ␛.

    Textual ends a paste's text at its first ESC and reads what follows as keys: a pasted
    line holding one (text copied with its colours) had its Tab change the kind and its line
    break save it. Given ␛ instead, the paste stays one paste, shown and kept as ``visible``
    shows an ESC. Input outside a paste is passed on as it came.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pasting = False
        self._seen = ""
        """The end of the input outside a paste: a paste's start may be split across reads."""
        self._held = ""
        """The end of a paste's input that may be the start of its end: kept for the next read."""

    def feed(self, data: str) -> Iterable[Message]:
        """Parse ``data`` (the empty string: the input has ended)."""
        if not data:
            return super().feed(data)
        marked = self._in_pastes(data)
        return super().feed(marked) if marked else ()  # all of it held for the next read

    def _in_pastes(self, data: str) -> str:
        """``data`` with each ESC inside a paste made ␛."""
        out: list[str] = []
        while data:
            if not self._pasting:
                seen = self._seen + data
                start = seen.find(PASTE_START)
                if start < 0:
                    self._seen = seen[1 - len(PASTE_START) :]
                    out.append(data)
                    break
                cut = start + len(PASTE_START) - len(self._seen)
                out.append(data[:cut])
                data, self._seen, self._pasting = data[cut:], "", True
            else:
                text, self._held = self._held + data, ""
                end = text.find(PASTE_END)
                if end < 0:
                    keep = next(
                        (
                            n
                            for n in range(len(PASTE_END) - 1, 0, -1)
                            if text.endswith(PASTE_END[:n])
                        ),
                        0,
                    )
                    self._held = text[len(text) - keep :]
                    out.append(text[: len(text) - keep].replace(ESC, visible(ESC)))
                    break
                out.append(text[:end].replace(ESC, visible(ESC)) + PASTE_END)
                data, self._pasting = text[end + len(PASTE_END) :], False
        return "".join(out)


def settle_memory() -> None:
    """Collect start-up's garbage once, then leave what remains out of later collections, and
    turn the collector on (``altui``'s command line leaves it off through start-up).

    Modules, styles and widgets live as long as the app; left in the collector's care, every
    full collection walks them all again (up to 76 ms on a 2-core machine, in the middle of
    typing). Frozen, a full collection walks only what was made since.
    """
    gc.collect()
    gc.freeze()
    gc.enable()


def make_app(
    store: Store,
    clock: Clock | None = None,
    the_set: Set | None = None,
    meeting: Meeting | None = None,
    lock: MeetingLock | None = None,
    display: bool = False,
) -> Altui:
    """The app on ``store``; opens ``meeting`` of ``the_set`` when given, else the home screen.

    ``lock`` is the meeting's writer lock, already taken by the caller; the app releases it.
    ``display`` opens the read-only view that follows ``the_set``'s meetings instead of the
    console, from ``meeting``, the set's latest (None before its first).
    """
    return Altui(store, clock or SystemClock(), the_set, meeting, lock, display)
