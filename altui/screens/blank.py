"""A blank screen, for when the room should look at each other, not at the wall."""

from __future__ import annotations

from collections.abc import Callable

from textual import events

from altui.screens.hand_back import HandBack, HandsBack


class BlankScreen(HandsBack[None]):
    """Nothing but black; on the console any key brings it back (the clock keeps running).

    `.` (a clicker's blank key) and Escape only bring it back; any other character also goes
    to the entry line, so typing on a blank wall loses nothing. ``mirror`` is told True when
    the screen goes black and False when it goes (also when the app quits while blank), so that
    the displays follow. A display's blank has ``by_key`` False: its keys do nothing, and it
    goes when the console's does.
    """

    DEFAULT_CSS = "BlankScreen { background: black; }"
    OWNED = frozenset(".")

    def __init__(
        self,
        mirror: Callable[[bool], None] | None = None,
        by_key: bool = True,
        hand_back: HandBack | None = None,
    ) -> None:
        super().__init__(hand_back)
        self._mirror = mirror
        self._by_key = by_key

    def on_mount(self) -> None:
        """Blank the displays too."""
        if self._mirror is not None:
            self._mirror(True)

    def on_unmount(self) -> None:
        """Bring the displays back."""
        if self._mirror is not None:
            self._mirror(False)

    def on_key(self, event: events.Key) -> None:
        """Any key returns (none does on a display); a typed character is also typed."""
        event.prevent_default()  # instead of the hand-back screen's own handler
        if not self._by_key:
            event.stop()
        elif self._gone or not self.owns(event):
            self.hand_back(event)
        else:
            event.stop()
            self.close(None)

    def on_paste(self, event: events.Paste) -> None:
        """A paste returns and is typed (a display ignores it)."""
        event.prevent_default()
        if self._by_key:
            self.hand_back(event)
        else:
            event.stop()
