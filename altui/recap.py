"""The meeting recap as Markdown (CommonMark + GFM tables): pure text built from the models.

Whatever the members typed, the recap keeps its shape: every user-supplied string goes through
:func:`escape_inline` (and :func:`escape_cell` inside tables), so it can add no heading, list,
quote, code, link, HTML or table column. Line breaks in user text become a single space, the same
in headings, table cells and list items; other control characters are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime

from altui.clock import elapsed
from altui.models import Item, ItemKind, ItemTag, Meeting, Member, ReportBackLine, Set, Step

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""Month names, so dates read the same whatever the machine's locale."""

NOTHING = "—"
"""Shown for a step that was never visited and for an empty report-back note."""

CLARIFYING_STEP = "Clarifying questions"
"""The step name whose questions are listed as clarifying; others are open questions."""

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
_SPECIAL = re.compile(r"[\\`*_\[\]#~$<>]|&(?=#?\w+;)")
_HTML = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_ORDERED_MARKER = re.compile(r"(\d{1,9})([.)])")


def format_date(day: date) -> str:
    """``25 November 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """``25 Nov``."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def _plain(text: str) -> str:
    """One line of text: line breaks become a space, tabs a space, other controls dropped."""
    text = _LINE_BREAK.sub(" ", text.replace("\t", " "))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc").strip()


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


def _minutes(minutes: float) -> str:
    """``15 min`` or ``7.5 min``."""
    value = round(minutes, 1)
    return f"{value:g} min"


def _whole_minutes(seconds: float) -> int:
    """Seconds as whole minutes, halves rounded up."""
    return int(seconds / 60 + 0.5)


def _names(members: list[Member], empty: str) -> str:
    """Escaped member names joined with commas, or ``empty``."""
    return ", ".join(escape_inline(m.name) for m in members) or empty


def _people(meeting: Meeting) -> str:
    """Who came, who sent apologies, and the set's own score of the meeting."""
    lines = [
        f"**Attendees:** {_names(meeting.attendees, 'not recorded')}",
        f"**Apologies:** {_names(meeting.apologies, 'none')}",
    ]
    if meeting.set_score is not None:
        lines.append(f"**Set score (process review):** {meeting.set_score} out of 10")
    return _bullets(lines)


def _presenter_name(meeting: Meeting, step: Step) -> str:
    """The name of the step's presenter (as a member now, else as recorded), or empty."""
    if step.presenter_id is None:
        return ""
    member = next((m for m in meeting.presenters if m.id == step.presenter_id), None)
    return member.name if member else step.presenter or ""


def _agenda(meeting: Meeting, now: datetime) -> str:
    """Planned against actual minutes for every step, and the totals."""
    rows: list[list[str]] = []
    planned_total = 0.0
    actual_total = 0.0
    for step in meeting.steps:
        planned = step.planned_seconds / 60
        spent = elapsed(step, now)
        planned_total += planned
        actual_total += spent
        actual = _minutes(_whole_minutes(spent)) if step.visited else NOTHING
        rows.append(
            [
                escape_cell(step.name),
                escape_cell(_presenter_name(meeting, step)),
                _minutes(planned),
                actual,
            ]
        )
    table = _table(["Step", "Presenter", "Planned", "Actual"], rows)
    total = (
        f"Total: {_minutes(planned_total)} planned, "
        f"{_minutes(_whole_minutes(actual_total))} actual."
    )
    return f"{table}\n\n{total}"


def _report_back(meeting: Meeting, lines: list[ReportBackLine]) -> str:
    """The report-back table, or a line saying there was nothing to report."""
    if not lines:
        if meeting.number == 1:
            return "This was the set's first meeting: there were no commitments to report back on."
        return "There was nothing to report back."
    rows = []
    for line in lines:
        commitment = escape_cell(line.commitment)
        if line.origin < meeting.number - 1:
            commitment += f" (from meeting {line.origin})"
        rows.append(
            [
                escape_cell(line.member),
                commitment,
                line.status.label if line.status else "Not yet reviewed",
                escape_cell(" / ".join(line.notes)) or NOTHING,
            ]
        )
    return _table(["Member", "Commitment", "Status", "What happened or was learned"], rows)


def _due(meeting: Meeting) -> str:
    """When actions fall due."""
    return format_date(meeting.next_date) if meeting.next_date else "the next meeting"


def _item_line(item: Item, owner: Member | None, due: str) -> str:
    """One item as an escaped list line; an action names its owner and when it is due."""
    text = escape_inline(item.text)
    if item.kind is ItemKind.LEARNING and item.tag is not None:
        return f"{text} ({item.tag.label})"
    if item.kind is not ItemKind.ACTION:
        return text
    if owner is None:
        return f"{text} — due by {due}"
    return f"{text} — {escape_inline(owner.name)}, due by {due}"


def _step_name(meeting: Meeting, item: Item) -> str | None:
    """The name of the step the item was captured in, if that step exists."""
    return meeting.steps[item.step].name if item.step < len(meeting.steps) else None


def _subsections(
    sections: list[tuple[str, list[Item]]], level: str, owner: Member | None, due: str
) -> list[str]:
    """Headed bullet lists, leaving out the empty ones."""
    blocks: list[str] = []
    for title, group in sections:
        if group:
            blocks.append(f"{level} {title}")
            blocks.append(_bullets(_item_line(item, owner, due) for item in group))
    return blocks


def _by_kind(items: list[Item], kind: ItemKind) -> list[Item]:
    """The items of one kind, in order."""
    return [item for item in items if item.kind is kind]


def _presenter_section(meeting: Meeting, member: Member, items: list[Item]) -> list[str]:
    """A presenter's slot: issue, questions of both kinds, learnings, actions and notes."""
    questions = _by_kind(items, ItemKind.QUESTION)
    clarifying = [q for q in questions if _is_clarifying(meeting, q)]
    sections = [
        (SECTION_LABELS[ItemKind.ISSUE], _by_kind(items, ItemKind.ISSUE)),
        ("Clarifying questions", clarifying),
        ("Open questions", [q for q in questions if all(q.id != c.id for c in clarifying)]),
        *[
            (SECTION_LABELS[kind], _by_kind(items, kind))
            for kind in (ItemKind.LEARNING, ItemKind.ACTION, ItemKind.NOTE, ItemKind.PRIVATE)
        ],
    ]
    body = _subsections(sections, "###", member, _due(meeting)) or ["Nothing was recorded."]
    counts = []
    if questions:
        open_count = len(questions) - len(clarifying)
        counts = [f"Questions asked: {len(clarifying)} clarifying, {open_count} open."]
    return [f"## {escape_inline(member.name)}", *counts, *body]


def _is_clarifying(meeting: Meeting, question: Item) -> bool:
    """Tagged clarifying, or (untagged) asked in the clarifying-questions step."""
    if question.tag is not None:
        return question.tag is ItemTag.CLARIFYING
    return _step_name(meeting, question) == CLARIFYING_STEP


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
        blocks.extend(_subsections(sections, "####", None, _due(meeting)))
    return blocks


def render_recap(
    the_set: Set,
    meeting: Meeting,
    items: list[Item],
    report_back: list[ReportBackLine],
    include_private: bool = False,
    now: datetime | None = None,
) -> str:
    """The meeting's recap as a Markdown document to send to the members.

    Private notes are left out unless ``include_private``; ``now`` (default: the current time)
    is when the actual minutes of a still-running step are counted to.
    """
    now = now or datetime.now(UTC)
    kept = sorted(
        (item for item in items if include_private or item.kind is not ItemKind.PRIVATE),
        key=lambda item: item.created,
    )
    presenters = list({member.id: member for member in meeting.presenters}.values())
    slots = {member.id: [i for i in kept if i.presenter_id == member.id] for member in presenters}
    title = (
        f"# {escape_inline(the_set.name)}: meeting {meeting.number}, {format_date(meeting.date)}"
    )
    blocks = [title]
    if include_private:
        blocks.append(PRIVATE_BANNER)
    blocks.append(_people(meeting))
    blocks += ["## Agenda", _agenda(meeting, now)]
    blocks += ["## Report back", _report_back(meeting, report_back)]
    for member in presenters:
        blocks += _presenter_section(meeting, member, slots[member.id])
    blocks += _group_section(meeting, [i for i in kept if i.presenter_id not in slots])
    next_meeting = format_date(meeting.next_date) if meeting.next_date else "To be agreed"
    blocks += ["## Next meeting", next_meeting]
    return "\n\n".join(blocks) + "\n"
