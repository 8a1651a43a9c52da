"""A blank screen, for when the room should look at each other, not at the wall."""

from __future__ import annotations

from textual import events
from textual.screen import ModalScreen


class BlankScreen(ModalScreen[None]):
    """Nothing but black; any key brings the console back (the clock keeps running)."""

    DEFAULT_CSS = "BlankScreen { background: black; }"

    def on_key(self, event: events.Key) -> None:
        """Any key returns."""
        event.stop()
        self.dismiss()
