"""Writing a meeting's Markdown recap, for the command line and the app."""

from __future__ import annotations

from pathlib import Path

from altui.commitments import report_back_lines
from altui.models import Meeting, Set
from altui.recap import render_recap
from altui.store import Store, write_atomic

RECAPS = "recaps"


def recap_text(store: Store, the_set: Set, meeting: Meeting, include_private: bool = False) -> str:
    """The meeting's recap as Markdown (private notes only when asked for)."""
    return render_recap(
        the_set,
        meeting,
        store.items(meeting),
        report_back_lines(store, meeting),
        include_private=include_private,
    )


def default_recap_path(store: Store, meeting: Meeting) -> Path:
    """Where the app saves a meeting's recap: ``<data>/<set>/recaps/meeting-0002.md``."""
    return store.root / meeting.set_slug / RECAPS / f"meeting-{meeting.number:04d}.md"


def write_recap(store: Store, the_set: Set, meeting: Meeting, path: Path | None = None) -> Path:
    """Write the shareable recap (no private notes) atomically; returns where it went."""
    target = path or default_recap_path(store, meeting)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_atomic(target, recap_text(store, the_set, meeting).encode("utf-8"))
    return target
