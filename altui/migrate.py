"""Bringing documents written by an older altui up to the current shape (pure).

Each entry turns a document of version N into version N+1 for one kind of document (the TinyDB
table it lives in). Reading applies them in memory; ``Store.upgrade`` writes them back after
a backup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from altui.models import SCHEMA_VERSION

Document = dict[str, Any]


def _v1_meeting(doc: Document) -> Document:
    """Version 1 had no report-back flag on steps: the "Report back" step gets it."""
    steps = doc.get("steps")
    if not isinstance(steps, list) or not all(isinstance(step, dict) for step in steps):
        return doc  # a damaged document: validation will say what is wrong with it
    marked = [dict(step, report_back=step.get("name") == "Report back") for step in steps]
    return dict(doc, steps=marked)


MIGRATIONS: dict[int, dict[str, Callable[[Document], Document]]] = {
    1: {"meeting": _v1_meeting},
}
"""From version -> table -> how a document of that table changes."""


def version_of(doc: Document) -> int:
    """The document's schema version (1 for the earliest files)."""
    version = doc.get("schema", 1)
    return version if isinstance(version, int) else 1


def upgrade(table: str, doc: Document) -> Document:
    """``doc`` brought up to SCHEMA_VERSION (unchanged if already current)."""
    version = version_of(doc)
    while version < SCHEMA_VERSION:
        change = MIGRATIONS.get(version, {}).get(table)
        doc = change(doc) if change else dict(doc)
        version += 1
        doc["schema"] = version
    return doc
