"""Screens over the console that hand typing back to its entry line.

A facilitator who thinks they are typing must lose nothing and change nothing: the first key
such a screen does not own closes it, and that key and every key after it go to the entry line
in the order they came. A fast burst (a paste, ssh, a text expander) reaches the screen before
it has gone, so it closes once and passes the rest on, never closing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import events
from textual.screen import ModalScreen

from altui.widgets.safe_input import typed_text

T = TypeVar("T")

HandBack = Callable[[events.Key | events.Paste], None]
"""Delivers a key or a paste to the console's entry line."""


class HandsBack(ModalScreen[T]):
    """A modal screen that closes on the first key it does not own and hands it back."""

    OWNED: frozenset[str] = frozenset()
    """Characters this screen answers to (all other text goes back to typing)."""

    def __init__(self, hand_back: HandBack | None = None) -> None:
        super().__init__()
        self._hand_back = hand_back
        self._gone = False

    def owns(self, event: events.Key) -> bool:
        """Whether this screen handles ``event`` itself (no text, or a character it answers
        to)."""
        return not typed_text(event.character) or event.character in self.OWNED

    def on_key(self, event: events.Key) -> None:
        """Close on a key this screen does not own; once closing, pass every key on."""
        if self._gone or not self.owns(event):
            self.hand_back(event)

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text goes back to typing too."""
        self.hand_back(event)

    def hand_back(self, event: events.Key | events.Paste) -> None:
        """Close (once) with no answer, and give ``event`` to the entry line."""
        event.stop()
        event.prevent_default()
        if not self._gone:
            self._gone = True
            self.dismiss(None)
        if self._hand_back is not None:
            self._hand_back(event)

    def close(self, result: T | None) -> None:
        """Close with ``result``, unless already closing (a second key of a burst)."""
        if not self._gone:
            self._gone = True
            self.dismiss(result)
