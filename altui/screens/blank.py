"""A blank screen, for when the room should look at each other, not at the wall."""

from __future__ import annotations

from collections.abc import Callable

from textual import events

from altui.screens.hand_back import HandBack, HandsBack
from altui.widgets.keys import STEP_KEYS


class BlankScreen(HandsBack[bool]):
    """Nothing but black; on the console any key brings it back (the clock keeps running).

    `.` (a clicker's blank key) and the keys that type nothing (PageDown/PageUp too: a
    clicker's "next" to wake the wall moves no step) only bring it back: it answers True, and a
    clicker's `.` may blank again. A character also goes to the entry line, so typing on a
    blank wall loses nothing (no answer: a `.` after it is typed). ``mirror`` is
    told True when the screen goes black and False when it goes (also when the app quits while
    blank), so that the displays follow. A display's blank has no ``hand_back``: its keys do
    nothing, and it goes when the console's does.
    """

    DEFAULT_CSS = """
    BlankScreen { background: black; }
    BlankScreen Toast { visibility: hidden; }
    """
    """Black, without the toasts (they are still there when the console comes back)."""
    OWNED = frozenset(".")

    def __init__(
        self,
        mirror: Callable[[bool], None] | None = None,
        hand_back: HandBack | None = None,
        answered: Callable[[bool | None], None] | None = None,
    ) -> None:
        super().__init__(hand_back, answered)
        self._mirror = mirror

    def on_mount(self) -> None:
        """Blank the displays too."""
        if self._mirror is not None:
            self._mirror(True)

    def on_unmount(self) -> None:
        """Bring the displays back."""
        if self._mirror is not None:
            self._mirror(False)

    def owns(self, event: events.Key) -> bool:
        """`.` and every key that types nothing, PageDown/PageUp too."""
        return event.key in STEP_KEYS or super().owns(event)

    async def answer_key(self, event: events.Key) -> None:
        """A key that types nothing, or `.`: back to the console, and nothing else."""
        self.close(True)
