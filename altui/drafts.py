"""Saving the entry box's unsent text without holding up the keys typed after it."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from altui.errors import AltuiError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    """The entry box's unsent text, and what Enter was to save it on: the item being edited,
    or in report back the commitment highlighted (so a restart puts both back)."""

    text: str = ""
    editing: str = ""
    """The id of the item being edited ("" for a new line)."""
    commitment: str = ""
    """The id of the highlighted commitment's action, for a report-back note ("" for none)."""

    def __bool__(self) -> bool:
        """Whether there is anything to keep (an edit emptied to delete its item is kept)."""
        return bool(self.text or self.editing)

    def to_bytes(self) -> bytes:
        """The draft as its file holds it: a JSON object."""
        fields = {"text": self.text, "editing": self.editing, "commitment": self.commitment}
        return json.dumps({k: v for k, v in fields.items() if v}, ensure_ascii=False).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Draft:
        """The draft a file holds; a file that is not a draft's JSON object is its text (a
        draft written by altui before drafts said what they were for)."""
        text = data.decode("utf-8")
        try:
            fields = json.loads(text)
        except ValueError:
            return cls(text)
        names = ("text", "editing", "commitment")
        if (
            not isinstance(fields, dict)
            or not fields  # an empty draft is never written
            or any(k not in names or not isinstance(v, str) for k, v in fields.items())
        ):
            return cls(text)
        return cls(**fields)


class DraftKeeper:
    """Writes drafts on a thread of its own, newest last.

    A crash-safe write (write, fsync, rename) takes milliseconds, sometimes many; on the event
    loop it would hold up the next key and the countdown. Only the newest text waiting is
    written, and every text (the empty one after Enter too) goes through this one queue, so an
    older draft can never land after a newer one.
    """

    def __init__(self, save: Callable[[Draft], None]) -> None:
        self._save = save
        self._changed = threading.Condition()
        self._waiting: Draft | None = None
        self._writing = False
        self._thread: threading.Thread | None = None
        self.trouble = ""
        """Why the newest draft could not be written ("" once one is written)."""

    def keep(self, draft: Draft) -> None:
        """Have ``draft`` saved soon (replacing any draft still waiting)."""
        with self._changed:
            self._waiting = draft
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
                draft, self._waiting, self._writing = self._waiting or Draft(), None, True
            try:
                self._save(draft)
                self.trouble = ""
            except (AltuiError, OSError) as exc:
                log.warning("draft not saved: %s", exc)
                self.trouble = str(exc)
            finally:
                with self._changed:
                    self._writing = False
                    self._changed.notify_all()
