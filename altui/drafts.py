"""Saving the entry box's unsent text without holding up the keys typed after it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from altui.errors import AltuiError

log = logging.getLogger(__name__)


class DraftKeeper:
    """Writes drafts on a thread of its own, newest last.

    A crash-safe write (write, fsync, rename) takes milliseconds, sometimes many; on the event
    loop it would hold up the next key and the countdown. Only the newest text waiting is
    written, and every text (the empty one after Enter too) goes through this one queue, so an
    older draft can never land after a newer one.
    """

    def __init__(self, save: Callable[[str], None]) -> None:
        self._save = save
        self._changed = threading.Condition()
        self._waiting: str | None = None
        self._writing = False
        self._thread: threading.Thread | None = None
        self.trouble = ""
        """Why the newest draft could not be written ("" once one is written)."""

    def keep(self, text: str) -> None:
        """Have ``text`` saved soon (replacing any text still waiting)."""
        with self._changed:
            self._waiting = text
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="altui-drafts", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def settle(self, timeout: float = 5.0) -> bool:
        """Wait until every text handed over is on disk; False if that took over ``timeout``."""
        with self._changed:
            return self._changed.wait_for(
                lambda: self._waiting is None and not self._writing, timeout
            )

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._waiting is not None)
                text, self._waiting, self._writing = self._waiting or "", None, True
            try:
                self._save(text)
                self.trouble = ""
            except (AltuiError, OSError) as exc:
                log.warning("draft not saved: %s", exc)
                self.trouble = str(exc)
            finally:
                with self._changed:
                    self._writing = False
                    self._changed.notify_all()
