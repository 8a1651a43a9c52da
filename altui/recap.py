"""The meeting recap as Markdown (CommonMark + GFM tables): pure text built from the models.

Whatever the members typed, the recap keeps its shape: every user-supplied string goes through
:func:`escape_inline` (and :func:`escape_cell` inside tables), so it can add no heading, list,
quote, code, link, HTML or table column. Line breaks in user text become a single space, the same
in headings, table cells and list items; other control characters are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from itertools import groupby

from altui.agenda import HEADINGS, agenda, totals
from altui.dates import long_date
from altui.models import (
    Item,
    ItemKind,
    ItemTag,
    Meeting,
    Member,
    ReportBackLine,
    Set,
    question_counts,
)

SECTION_LABELS: dict[ItemKind, str] = {
    ItemKind.ISSUE: "Issue",
    ItemKind.QUESTION: "Questions",
    ItemKind.LEARNING: "Learnings",
    ItemKind.ACTION: "Actions",
    ItemKind.NOTE: "Notes",
    ItemKind.PRIVATE: "Private notes (not for sharing)",
}
"""Sub-section headings by item kind, in the order they appear."""

PRIVATE_BANNER = (
    "> **Private:** this recap includes the facilitator's private notes. "
    "Do not share it with the set."
)

_LINE_BREAK = re.compile(r"\s*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])\s*")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc, which is fixed: C0, DEL and C1)."""
_SPECIAL = re.compile(r"[\\`*_\[\]#~$<>]|&(?=#?\w+;)")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_ORDERED_MARKER = re.compile(r"(\d{1,9})([.)])")


def _plain(text: str) -> str:
    """One line of text: line breaks become a space, tabs a space, other controls dropped."""
    text = _LINE_BREAK.sub(" ", text.replace("\t", " "))
    return _CONTROL.sub("", text).strip()


def escape_inline(text: str) -> str:
    """``text`` made safe to put anywhere in a line of Markdown; it reads the same when rendered.

    Backslash-escapes the characters that start emphasis, code, links, headings, strikethrough
    and math; escapes ``<``, ``>`` and entity-like ``&`` as HTML; neutralises a leading list,
    quote or setext marker; turns line breaks into a space and drops control characters.
    Emoji, CJK and right-to-left text pass through unchanged.
    """
    escaped = _SPECIAL.sub(lambda m: _HTML.get(m.group(), "\\" + m.group()), _plain(text))
    if escaped[:1] in ("-", "+", "="):
        return "\\" + escaped
    marker = _ORDERED_MARKER.match(escaped)
    if marker:
        return f"{marker.group(1)}\\{escaped[marker.end(1) :]}"
    return escaped


def escape_cell(text: str) -> str:
    """``text`` made safe for a GFM table cell: :func:`escape_inline` plus escaped pipes."""
    return escape_inline(text).replace("|", "\\|")


def _row(cells: Iterable[str]) -> str:
    """One table row from already-escaped cells."""
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> str:
    """A GFM table; ``rows`` hold already-escaped cells."""
    lines = [_row(header), _row("---" for _ in header)]
    lines.extend(_row(cells) for cells in rows)
    return "\n".join(lines)


def _bullets(lines: Iterable[str]) -> str:
    """A bullet list from already-escaped lines."""
    return "\n".join(f"- {line}" for line in lines)


def _names(members: list[Member], empty: str) -> str:
    """Escaped member names joined with commas, or ``empty``."""
    return ", ".join(escape_inline(m.name) for m in members) or empty


def _due(meeting: Meeting) -> str:
    """When actions fall due."""
    return long_date(meeting.next_date) if meeting.next_date else "the next meeting"


def _people(meeting: Meeting) -> str:
    """Who came, who sent apologies, the set's own score of the meeting, and the next date."""
    lines = [
        f"**Attendees:** {_names(meeting.attendees, 'not recorded')}",
        f"**Apologies:** {_names(meeting.apologies, 'none')}",
    ]
    if meeting.set_score is not None:
        lines.append(f"**Set score (process review):** {meeting.set_score} out of 10")
    next_meeting = long_date(meeting.next_date) if meeting.next_date else "to be agreed"
    lines.append(f"**Next meeting:** {next_meeting}")
    return _bullets(lines)


def _commitments(meeting: Meeting, items: list[Item]) -> str:
    """What each person committed to and by when: presenters in order, then the set's."""
    actions = [item for item in items if item.kind is ItemKind.ACTION]
    if not actions:
        return "Nobody took on a new commitment at this meeting."
    order = {m.id: n for n, m in enumerate(meeting.presenters)}
    mine = sorted(actions, key=lambda item: order.get(item.presenter_id or "", len(order)))
    due = _due(meeting)
    rows = [
        [escape_cell(meeting.name_of(item.presenter_id)), escape_cell(item.text), due]
        for item in mine
    ]
    return _table(["Who", "Commits to", "By"], rows)


def unreadable_report_back(why: str = "altui check names it") -> str:
    """The report back's one line when an earlier meeting's file is damaged or not altui's:
    the console's prompt, and the recap's Report back section (``why``: the file's problem,
    naming it)."""
    return (
        f"Commitments from earlier meetings cannot be shown: a meeting file cannot be read ({why})."
    )


def _report_back(meeting: Meeting, lines: list[ReportBackLine], unreadable: str) -> str:
    """What each member said of their commitments, in the order of the console: the outcome,
    whether it comes back, where it came from and what earlier meetings heard, every note (or,
    when an earlier meeting's file cannot be read, ``unreadable``: why not)."""
    if unreadable:
        return unreadable_report_back(escape_inline(unreadable))
    if not lines:
        if meeting.number == 1:
            return "This was the set's first meeting: there were no commitments to report back on."
        return "No commitment was open."
    blocks: list[str] = []
    for member, group in groupby(lines, key=lambda line: line.member):
        rows: list[str] = []
        for line in group:
            said = [f"from meeting {line.origin}"] if line.origin < meeting.number - 1 else []
            said += [line.earlier] if line.earlier else []
            context = f" ({escape_inline('; '.join(said))})" if said else ""
            comes_back = ", comes back next meeting" if line.still_open else ""
            rows.append(
                f"- {escape_inline(line.commitment)}{context}: **{line.outcome}**{comes_back}"
            )
            rows.extend(f"  - {escape_inline(note)}" for note in line.notes)
        blocks += [f"### {escape_inline(member)}", "\n".join(rows)]
    return "\n\n".join(blocks)


def _item_line(item: Item) -> str:
    """One item as an escaped list line (a learning says what it is about)."""
    text = escape_inline(item.text)
    if item.kind is ItemKind.LEARNING and item.tag is not None:
        return f"{text} ({item.tag.label})"
    return text


def _step_name(meeting: Meeting, item: Item) -> str | None:
    """The name of the step the item was captured in, if that step exists."""
    return meeting.steps[item.step].name if item.step < len(meeting.steps) else None


def _subsections(sections: list[tuple[str, list[Item]]], level: str) -> list[str]:
    """Headed bullet lists, leaving out the empty ones."""
    blocks: list[str] = []
    for title, group in sections:
        if group:
            blocks.append(f"{level} {title}")
            blocks.append(_bullets(_item_line(item) for item in group))
    return blocks


def _by_kind(items: list[Item], kind: ItemKind) -> list[Item]:
    """The items of one kind, in order."""
    return [item for item in items if item.kind is kind]


def _presenter_section(member: Member, items: list[Item]) -> list[str]:
    """A presenter's slot: issue, questions by tag, learnings, actions and notes."""
    questions = _by_kind(items, ItemKind.QUESTION)
    sections = [
        (SECTION_LABELS[ItemKind.ISSUE], _by_kind(items, ItemKind.ISSUE)),
        ("Clarifying questions", [q for q in questions if q.tag is ItemTag.CLARIFYING]),
        ("Open questions", [q for q in questions if q.tag is ItemTag.OPEN]),
        ("Other questions", [q for q in questions if q.tag is None]),
        *[
            (SECTION_LABELS[kind], _by_kind(items, kind))
            for kind in (ItemKind.LEARNING, ItemKind.ACTION, ItemKind.NOTE, ItemKind.PRIVATE)
        ],
    ]
    body = _subsections(sections, "###") or ["Nothing was recorded."]
    counts = [f"Questions asked: {', '.join(question_counts(questions))}."] if questions else []
    return [f"## {escape_inline(member.name)}", *counts, *body]


def _group_section(meeting: Meeting, items: list[Item]) -> list[str]:
    """Items of the group steps (and any outside a presenter's slot), by step in step order."""
    if not items:
        return []
    first_index: dict[str, int] = {}
    for index, step in enumerate(meeting.steps):
        first_index.setdefault(step.name, index)
    by_step: dict[str | None, list[Item]] = {}
    for item in items:
        by_step.setdefault(_step_name(meeting, item), []).append(item)
    last = len(meeting.steps)
    order = sorted(by_step, key=lambda name: last if name is None else first_index.get(name, last))
    blocks = ["## Group steps"]
    for name in order:
        group = by_step[name]
        title = escape_inline(name) if name is not None else "Other"
        sections = [(SECTION_LABELS[kind], _by_kind(group, kind)) for kind in SECTION_LABELS]
        blocks.append(f"### {title}")
        blocks.extend(_subsections(sections, "####"))
    return blocks


def _timing(meeting: Meeting, now: datetime) -> str:
    """The agenda (planned against actual whole minutes for every step) and its totals."""
    rows = agenda(meeting, now)
    table = _table(list(HEADINGS), [[escape_cell(cell) for cell in row.cells()] for row in rows])
    planned, actual = totals(meeting, now)
    return f"{table}\n\nTotal: {planned} min planned, {actual} min actual."


def render_recap(
    the_set: Set,
    meeting: Meeting,
    items: list[Item],
    report_back: list[ReportBackLine],
    include_private: bool = False,
    now: datetime | None = None,
    unreadable: str = "",
) -> str:
    """The meeting's recap as a Markdown document to send to the members.

    It opens with what each person committed to and by when, then the report back, each
    presenter's slot, the group steps, and the timing. Private notes are left out unless
    ``include_private``; ``now`` (default: the current time) is when the actual minutes of a
    still-running step are counted to. ``unreadable`` is why the report back could not be
    read (an earlier meeting's file damaged), if it could not.
    """
    now = now or datetime.now(UTC)
    kept = sorted(
        (item for item in items if include_private or item.kind is not ItemKind.PRIVATE),
        key=lambda item: item.created,
    )
    presenters = list({member.id: member for member in meeting.presenters}.values())
    slots = {member.id: [i for i in kept if i.presenter_id == member.id] for member in presenters}
    title = f"# {escape_inline(the_set.name)}: meeting {meeting.number}, {long_date(meeting.date)}"
    blocks = [title]
    if include_private:
        blocks.append(PRIVATE_BANNER)
    blocks.append(_people(meeting))
    blocks += ["## Commitments", _commitments(meeting, kept)]
    blocks += ["## Report back", _report_back(meeting, report_back, unreadable)]
    for member in presenters:
        blocks += _presenter_section(member, slots[member.id])
    blocks += _group_section(meeting, [i for i in kept if i.presenter_id not in slots])
    blocks += ["## Timing", _timing(meeting, now)]
    return "\n\n".join(blocks) + "\n"
