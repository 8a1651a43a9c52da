"""Screens over the console whose keys the console's entry line handles, in the order they came.

A facilitator who thinks they are typing must lose nothing and change nothing: the first key
such a screen does not own closes it, and that key and every key after it are typed or steer
the meeting as they would have without the screen. A burst (ssh, a laggy link, a fast typist)
arrives faster than screens open and close, so no key is handled where it lands: every key,
whether it reached the entry line or the screen, goes through the entry line in key order, and
the line gives it to the open screen's `take_key`. The screen answers from its own state, at
once, even before it is drawn; the keys after it then find the answer acted on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import events
from textual.screen import ModalScreen

from altui.widgets.keys import STEP_KEYS, bind_now
from altui.widgets.safe_input import typed_text

T = TypeVar("T")

HandBack = Callable[[events.Key | events.Paste], None]
"""Sends a key or a paste to the console's entry line, after the keys already on their way."""


class HandsBack(ModalScreen[T]):
    """A modal screen over the console that answers the keys it owns and closes, once, on the
    first it does not.

    Its answer goes to ``answered`` the moment it closes (a result callback of ``push_screen``
    would run later, after keys that came after the answer). Without ``hand_back`` (nothing to
    type into below it) it ignores keys.
    """

    OWNED: frozenset[str] = frozenset()
    """Characters this screen answers to (all other text goes back to typing)."""

    def __init__(
        self,
        hand_back: HandBack | None = None,
        answered: Callable[[T | None], None] | None = None,
    ) -> None:
        super().__init__()
        self._hand_back = hand_back
        self._on_answer = answered
        self._gone = False

    def owns(self, event: events.Key) -> bool:
        """Whether this screen answers ``event``: a key with no text, or a character in
        ``OWNED``; never PageDown/PageUp, which move the meeting from anywhere."""
        if event.key in STEP_KEYS:
            return False
        return not typed_text(event.character) or event.character in self.OWNED

    def on_key(self, event: events.Key) -> None:
        """To the entry line, which gives it back to `take_key` in key order."""
        self._send_back(event)

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text goes to the entry line too (and is typed)."""
        self._send_back(event)

    def _send_back(self, event: events.Key | events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if self._hand_back is not None:
            self._hand_back(event)

    async def take_key(self, event: events.Key) -> bool:
        """A key the entry line got while this screen is open: True if the screen answered
        it; False if the line is to handle it (the screen is then closed, unanswered)."""
        if not self._gone and self.owns(event):
            await self.answer_key(event)
            return True
        self.close(None)
        return False

    async def answer_key(self, event: events.Key) -> None:
        """A key this screen owns: its binding, run now."""
        await bind_now(self, event)

    def close(self, result: T | None) -> None:
        """Close with ``result``, unless already closing (a second key of a burst)."""
        if not self._gone:
            self._gone = True
            self.dismiss(result)
            if self._on_answer is not None:
                self._on_answer(result)
