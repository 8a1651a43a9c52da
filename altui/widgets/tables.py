"""Helpers for the tables of steps and meetings (DataTable with user text in its cells)."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import DataTable

from altui.agenda import HEADINGS, AgendaRow
from altui.text import visible

NOW_MARK = " ◀ now"
"""After the name of the step a running meeting is on."""


def add_sized_columns(table: DataTable[Any], labels: list[str], rows: list[list[Content]]) -> None:
    """Columns as wide as their widest cell line (DataTable measures a ``Content`` cell as 1
    wide)."""
    for index, label in enumerate(labels):
        lines = [line for row in rows if index < len(row) for line in row[index].split("\n")]
        table.add_column(label, width=max([len(label), *(line.cell_length for line in lines)]))


def show_agenda(table: DataTable[Any], rows: list[AgendaRow]) -> None:
    """Fill ``table`` with a meeting's agenda (see :func:`altui.agenda.agenda`), the step a
    running meeting is on marked."""
    cells = []
    for row in rows:
        step, presenter, planned, actual = row.cells()
        step = visible(step) + (NOW_MARK if row.current else "")
        cells.append(
            [Content(step), Content(visible(presenter)), Content(planned), Content(actual)]
        )
    add_sized_columns(table, list(HEADINGS), cells)
    table.add_rows(cells)
