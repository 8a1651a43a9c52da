"""Helpers for the tables of steps and meetings (DataTable with user text in its cells)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import DataTable

from altui.clock import whole_minutes


def minutes(seconds: float) -> str:
    """Whole minutes, rounded as everywhere (see :func:`altui.clock.whole_minutes`)."""
    return f"{whole_minutes(seconds)} min"


def add_sized_columns(table: DataTable[Any], labels: list[str], rows: list[list[Content]]) -> None:
    """Columns as wide as their widest cell line (DataTable measures a ``Content`` cell as 1
    wide)."""
    for index, label in enumerate(labels):
        lines = [line for row in rows if index < len(row) for line in row[index].split("\n")]
        table.add_column(label, width=max([len(label), *(line.cell_length for line in lines)]))
