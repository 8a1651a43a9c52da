"""The Markdown recap: golden files, and structure that hostile text cannot break."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from altui.models import (
    Item,
    ItemKind,
    ItemTag,
    Meeting,
    Member,
    ReportBackLine,
    ReviewStatus,
    Set,
    Step,
    question_counts,
)
from altui.recap import escape_cell, escape_inline, render_recap

START = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 17, 5, tzinfo=UTC)
NEXT = date(2026, 12, 9)

GROUP_BEFORE = [("Check-in", 15, ItemKind.NOTE), ("Report back", 20, ItemKind.LEARNING)]
SLOT = [
    ("Present the issue", 5, ItemKind.ISSUE),
    ("Clarifying questions", 10, ItemKind.QUESTION),
    ("Open questions", 15, ItemKind.QUESTION),
    ("Reflect and reframe", 5, ItemKind.LEARNING),
    ("Commit to actions", 5, ItemKind.ACTION),
]
BREAK = ("Break", 10, ItemKind.NOTE)
QUESTION_TAGS = {"Clarifying questions": ItemTag.CLARIFYING, "Open questions": ItemTag.OPEN}
GROUP_AFTER = [("Process review", 15, ItemKind.LEARNING), ("Check-out", 5, ItemKind.NOTE)]

NASTY = [
    "# heading",
    "## closing hashes ##",
    "a | b | c",
    "|",
    "|---|---|",
    ":--- | ---:",
    "[ ] task [x] done",
    "*bold* **strong** _em_ __under__",
    "`code` and ``` fence",
    "```\ncode block\n```",
    "<script>alert('x')</script>",
    "<b>bold</b> <!-- comment",
    "[link](http://evil.example) ![img](x.png) [^1]",
    "[ref]: http://evil.example",
    "> quoted",
    "- item",
    "+ item",
    "* item",
    "1. first",
    "3) third",
    "---",
    "***",
    "===",
    "    indented code",
    "\t\ttabbed",
    "line one\nline two\r\nline three\rfour",
    "a\n\n# injected\n\n| x | y |\n|---|---|\n| 1 | 2 |",
    "\x1b[31mred\x1b[0m\x00\x07 bell",
    "\x00 - hidden list",
    "lines\u2028and\u2029paragraphs\x85next",
    "\\| backslash pipe \\",
    "trailing backslash\\",
    "&amp; &lt;b&gt; &#35; &copy;",
    "~~strike~~ ~one~ $x^2$ $$y$$",
    "<http://example.com> http://example.com",
    "🙂👩‍💻 日本語 العربية עברית",
]


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """Golden files as readable ``.md`` text."""

    _write_mode = WriteMode.TEXT
    _file_extension = "md"  # syrupy 4.x reads the underscored name; ``file_extension`` is ignored


@pytest.fixture
def md_snapshot(snapshot):
    return snapshot.use_extension(MarkdownSnapshot)


# ---- building meetings straight from the models ------------------------------------------------


def member(name: str, mid: str) -> Member:
    """A member; names are not validated so hostile ones (with newlines) can be tried."""
    return Member.model_construct(id=mid, name=name)


def make_steps(presenters: list[Member]) -> list[Step]:
    """A classic-shaped agenda, the slot repeated per presenter and a break after the first."""
    steps: list[Step] = []

    def add(spec: tuple[str, int, ItemKind], who: Member | None = None) -> None:
        name, minutes, kind = spec
        steps.append(
            Step(
                name=name,
                short=name[:8],
                minutes=minutes,
                kind=kind,
                presenter_id=who.id if who else None,
                presenter=who.name if who else None,
            )
        )

    for spec in GROUP_BEFORE:
        add(spec)
    for number, who in enumerate(presenters, start=1):
        for spec in SLOT:
            add(spec, who)
        if number == 1:
            add(BREAK)
    for spec in GROUP_AFTER:
        add(spec)
    return steps


def index_of(meeting: Meeting, name: str, presenter: Member | None = None) -> int:
    """The index of the named step (in the presenter's slot, if given)."""
    wanted = presenter.id if presenter else None
    return next(
        i
        for i, s in enumerate(meeting.steps)
        if s.name == name and (presenter is None or s.presenter_id == wanted)
    )


class Items:
    """Collects items with increasing creation times."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.items: list[Item] = []

    def add(self, kind: ItemKind, text: str, step: str, presenter: Member | None = None) -> None:
        """A question is tagged by its step, as the console tags it (elsewhere: untagged)."""
        self.items.append(
            Item(
                id=f"i{len(self.items):03d}",
                kind=kind,
                tag=QUESTION_TAGS.get(step) if kind is ItemKind.QUESTION else None,
                text=text,
                step=index_of(self.meeting, step, presenter),
                presenter_id=presenter.id if presenter else None,
                created=START + timedelta(minutes=len(self.items)),
            )
        )


def full_meeting() -> tuple[Set, Meeting, list[Item], list[ReportBackLine]]:
    """Meeting 3: two presenters, everything captured, timers in every state."""
    ana, ben, chloe, dev = (
        member("Ana Silva", "ana"),
        member("Ben Okafor", "ben"),
        member("Chloé Martin", "chloe"),
        member("Dev Patel", "dev"),
    )
    the_set = Set(
        name="Team Tiger", slug="team-tiger", members=[ana, ben, chloe, dev], created=START
    )
    meeting = Meeting(
        set_slug="team-tiger",
        number=3,
        date=START.date(),
        plan="classic",
        presenters=[ana, ben],
        attendees=[ana, ben, chloe],
        apologies=[dev],
        steps=make_steps([ana, ben]),
        next_date=NEXT,
    )
    spent = {
        0: 860,  # Check-in: 14m20s -> 14
        1: 1500,  # Report back: 25
        2: 300,  # Ana present: 5
        3: 690,  # Ana clarifying: 11m30s -> 12
        4: 1020,  # Ana open: 17 (2 minutes were added)
        5: 330,  # Ana reflect: 5m30s -> 6
        6: 280,  # Ana actions: 4m40s -> 5
        # 7: Break never visited
        8: 240,
        9: 600,
        10: 900,
        11: 290,
        12: 250,  # Ben actions: planned 4 (a minute taken away)
        13: 780,  # Process review: 13
    }
    for index, seconds in spent.items():
        meeting.steps[index].spent = seconds
        meeting.steps[index].visited = True
    meeting.steps[4].added = 120
    meeting.steps[12].added = -60
    meeting.steps[14].visited = True
    meeting.steps[14].running_since = NOW - timedelta(seconds=150)  # Check-out: running, 2m30s
    meeting.current = 14

    log = Items(meeting)
    log.add(ItemKind.NOTE, "Everyone arrived on time; ground rules restated", "Check-in")
    log.add(ItemKind.LEARNING, "Small commitments get done", "Report back")
    log.add(ItemKind.ISSUE, "Getting my director's time", "Present the issue", ana)
    log.add(ItemKind.QUESTION, "Who else is involved?", "Clarifying questions", ana)
    log.add(ItemKind.QUESTION, "How often do you meet her?", "Clarifying questions", ana)
    log.add(ItemKind.QUESTION, "What would happen if you did nothing?", "Open questions", ana)
    log.add(ItemKind.QUESTION, "What are you assuming about her motives?", "Open questions", ana)
    log.add(ItemKind.PRIVATE, "Ana seemed tired; check in with her", "Open questions", ana)
    log.add(ItemKind.LEARNING, "I wait to be invited", "Reflect and reframe", ana)
    log.add(ItemKind.QUESTION, "Who would notice first?", "Reflect and reframe", ana)
    log.add(ItemKind.ACTION, "Ask the director for 30 minutes", "Commit to actions", ana)
    log.add(ItemKind.ACTION, "Write down what I want from her", "Commit to actions", ana)
    log.add(ItemKind.NOTE, "Ana will bring the org chart", "Commit to actions", ana)
    log.add(ItemKind.ISSUE, "A colleague who misses deadlines", "Present the issue", ben)
    log.add(ItemKind.QUESTION, "What does he say about it?", "Open questions", ben)
    log.add(ItemKind.LEARNING, "I have never asked him why", "Reflect and reframe", ben)
    log.add(ItemKind.ACTION, "Ask him over coffee", "Commit to actions", ben)
    log.add(ItemKind.LEARNING, "We gave less advice today", "Process review")
    log.add(ItemKind.ACTION, "Book the room for next time", "Process review")
    log.add(ItemKind.LEARNING, "Eight out of ten", "Process review")
    log.add(ItemKind.PRIVATE, "Ben dominated the review", "Process review")
    log.add(ItemKind.NOTE, "Next meeting confirmed", "Check-out")

    report_back = [
        ReportBackLine(
            member="Ana Silva",
            commitment="Map who decides the budget",
            origin=2,
            status=ReviewStatus.DONE,
            notes=("It is the finance committee, not my director",),
        ),
        ReportBackLine(
            member="Ana Silva",
            commitment="Say no to one meeting",
            origin=1,
            status=ReviewStatus.NOT_DONE,
            notes=("Said yes twice", "Noticed I fear being left out"),
            earlier="partly, 28 Oct: declined one invite",
            still_open=True,
        ),
        ReportBackLine(
            member="Ben Okafor",
            commitment="Talk to the supplier",
            origin=2,
            status=ReviewStatus.PARTLY,
            still_open=True,
        ),
        ReportBackLine(
            member="Chloé Martin",
            commitment="Shadow the night shift",
            origin=1,
            status=ReviewStatus.CARRIED,
            notes=("Rota changed twice",),
            earlier="carried 1x",
            still_open=True,
        ),
        ReportBackLine(
            member="Chloé Martin",
            commitment="Ask for the rota",
            origin=2,
            status=None,
            notes=("Waiting to hear",),
            still_open=True,
        ),
        ReportBackLine(
            member="Dev Patel",
            commitment="Rewrite the job description",
            origin=2,
            status=ReviewStatus.DROPPED,
            notes=("The post was cut",),
        ),
    ]
    return the_set, meeting, log.items, report_back


def first_meeting() -> tuple[Set, Meeting, list[Item], list[ReportBackLine]]:
    """Meeting 1: one presenter, nobody recorded, no next date, the meeting half done."""
    ana = member("Ana Silva", "ana")
    the_set = Set(name="Team Tiger", slug="team-tiger", members=[ana], created=START)
    meeting = Meeting(
        set_slug="team-tiger",
        number=1,
        date=date(2026, 1, 7),
        plan="classic",
        presenters=[ana],
        steps=make_steps([ana]),
    )
    for index in range(3):
        meeting.steps[index].visited = True
        meeting.steps[index].spent = 600
    meeting.steps[3].visited = True
    meeting.steps[3].running_since = NOW - timedelta(minutes=4)
    meeting.current = 3
    log = Items(meeting)
    log.add(ItemKind.NOTE, "First meeting: ground rules agreed", "Check-in")
    log.add(ItemKind.ISSUE, "Too many meetings", "Present the issue", ana)
    log.add(ItemKind.ACTION, "Decline one meeting a week", "Commit to actions", ana)
    return the_set, meeting, log.items, []


def hostile_meeting(texts: list[str]) -> tuple[Set, Meeting, list[Item], list[ReportBackLine]]:
    """A meeting where every user-supplied string comes from ``texts``, in rotation."""
    pool = itertools.cycle(texts)
    people = [member(next(pool), f"m{n}") for n in range(4)]
    presenters = people[:2]
    the_set = Set.model_construct(
        name=next(pool), slug="hostile", members=people, plan="classic", created=START
    )
    meeting = Meeting(
        set_slug="hostile",
        number=4,
        date=START.date(),
        plan="classic",
        presenters=presenters,
        attendees=people[:3],
        apologies=people[3:],
        steps=make_steps(presenters),
        next_date=NEXT,
    )
    for step in meeting.steps[:5]:
        step.visited = True
        step.spent = 400
    log = Items(meeting)
    slot_kinds = [
        (ItemKind.ISSUE, "Present the issue"),
        (ItemKind.QUESTION, "Clarifying questions"),
        (ItemKind.QUESTION, "Open questions"),
        (ItemKind.LEARNING, "Reflect and reframe"),
        (ItemKind.ACTION, "Commit to actions"),
        (ItemKind.NOTE, "Commit to actions"),
        (ItemKind.PRIVATE, "Open questions"),
    ]
    for who in presenters:
        for kind, step in slot_kinds:
            log.add(kind, next(pool), step, who)
    for kind, step in [
        (ItemKind.NOTE, "Check-in"),
        (ItemKind.LEARNING, "Process review"),
        (ItemKind.ACTION, "Process review"),
        (ItemKind.QUESTION, "Process review"),
        (ItemKind.PRIVATE, "Check-out"),
    ]:
        log.add(kind, next(pool), step)
    for step in meeting.steps:  # renamed after the items are placed: hostile group keys too
        step.name = next(pool)
    report_back = [
        ReportBackLine(
            member=next(pool),
            commitment=next(pool),
            origin=origin,
            status=status,
            notes=(next(pool),),
            still_open=status is ReviewStatus.NOT_DONE,
        )
        for origin, status in [(3, ReviewStatus.DONE), (1, ReviewStatus.NOT_DONE)]
    ]
    return the_set, meeting, log.items, report_back


# ---- golden files ------------------------------------------------------------------------------


def test_full_meeting_recap(md_snapshot):
    the_set, meeting, items, report_back = full_meeting()
    assert render_recap(the_set, meeting, items, report_back, now=NOW) == md_snapshot


def test_full_meeting_recap_with_private_notes(md_snapshot):
    the_set, meeting, items, report_back = full_meeting()
    recap = render_recap(the_set, meeting, items, report_back, include_private=True, now=NOW)
    assert recap == md_snapshot


def test_first_meeting_recap(md_snapshot):
    the_set, meeting, items, report_back = first_meeting()
    assert render_recap(the_set, meeting, items, report_back, now=NOW) == md_snapshot


def test_hostile_meeting_recap(md_snapshot):
    the_set, meeting, items, report_back = hostile_meeting(NASTY)
    recap = render_recap(the_set, meeting, items, report_back, include_private=True, now=NOW)
    assert recap == md_snapshot


# ---- content -----------------------------------------------------------------------------------


def test_private_notes_are_left_out_by_default():
    the_set, meeting, items, report_back = full_meeting()
    recap = render_recap(the_set, meeting, items, report_back, now=NOW)
    assert "Ana seemed tired" not in recap
    assert "Ben dominated" not in recap
    assert "Private" not in recap
    assert "not for sharing" not in recap


def test_private_notes_appear_marked_when_asked_for():
    the_set, meeting, items, report_back = full_meeting()
    recap = render_recap(the_set, meeting, items, report_back, include_private=True, now=NOW)
    assert recap.splitlines()[2].startswith("> **Private:**")
    ana_part = recap.split("\n## Ana Silva")[1].split("\n## Ben Okafor")[0]
    assert (
        "### Private notes (not for sharing)\n\n- Ana seemed tired; check in with her" in ana_part
    )
    group_part = recap.split("## Group steps")[1]
    assert "#### Private notes (not for sharing)\n\n- Ben dominated the review" in group_part


def test_now_defaults_to_the_real_clock():
    the_set, meeting, items, report_back = first_meeting()
    meeting.steps[3].running_since = datetime.now(UTC) - timedelta(minutes=10)
    recap = render_recap(the_set, meeting, items, report_back)
    row = next(line for line in recap.splitlines() if line.startswith("| Present the issue"))
    assert row.split("|")[4].strip() in ("10 min", "11 min")


def test_the_recap_opens_with_who_committed_to_what_by_when():
    the_set, meeting, items, report_back = full_meeting()
    recap = render_recap(the_set, meeting, items, report_back, now=NOW)
    headings = [line for line in recap.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## Commitments", "## Report back", "## Ana Silva"]
    assert headings[-1] == "## Timing"
    assert "- **Next meeting:** 9 December 2026" in recap
    commitments = recap.split("## Commitments\n\n")[1].split("\n\n")[0]
    assert commitments.splitlines() == [
        "| Who | Commits to | By |",
        "| --- | --- | --- |",
        "| Ana Silva | Ask the director for 30 minutes | 9 December 2026 |",
        "| Ana Silva | Write down what I want from her | 9 December 2026 |",
        "| Ben Okafor | Ask him over coffee | 9 December 2026 |",
        "| Everyone | Book the room for next time | 9 December 2026 |",
    ]
    the_set, meeting, items, report_back = first_meeting()
    recap = render_recap(the_set, meeting, items, report_back, now=NOW)
    assert "| Ana Silva | Decline one meeting a week | the next meeting |" in recap
    assert "- **Next meeting:** to be agreed" in recap


def test_a_meeting_without_actions_says_so():
    the_set, meeting, items, report_back = full_meeting()
    quiet = [item for item in items if item.kind is not ItemKind.ACTION]
    recap = render_recap(the_set, meeting, quiet, report_back, now=NOW)
    assert "## Commitments\n\nNobody took on a new commitment at this meeting.\n" in recap


def test_report_back_keeps_every_note_in_order_and_says_what_comes_back():
    the_set, meeting, items, report_back = full_meeting()
    recap = render_recap(the_set, meeting, items, report_back, now=NOW)
    part = recap.split("## Report back\n\n")[1].split("\n\n## ")[0]
    assert part.splitlines()[:6] == [
        "### Ana Silva",
        "",
        "- Map who decides the budget: **Done**",
        "  - It is the finance committee, not my director",
        "- Say no to one meeting (from meeting 1; partly, 28 Oct: declined one invite): "
        "**Not done**, comes back next meeting",
        "  - Said yes twice",
    ]
    assert "  - Noticed I fear being left out" in part
    assert "- Ask for the rota: **No status given**, comes back next meeting" in part


def test_minutes_are_whole_as_on_the_screens():
    the_set, meeting, items, report_back = full_meeting()
    meeting.steps[12].added = -66  # 4 min planned less 6 s: 3.9 min
    recap = render_recap(the_set, meeting, items, report_back, now=NOW)
    assert not re.search(r"\d\.\d+ min", recap)
    row = next(line for line in recap.splitlines() if line.startswith("| Commit to actions | Ben"))
    assert row == "| Commit to actions | Ben Okafor | 4 min | 4 min |"


def test_question_counts_match_the_banner_an_untagged_one_is_not_open():
    the_set, meeting, items, report_back = full_meeting()
    recap = render_recap(the_set, meeting, items, report_back, now=NOW)
    assert "Questions asked: 2 clarifying, 2 open, 1 untagged." in recap
    other = recap.split("### Other questions\n\n")[1].split("\n\n")[0]
    assert other == "- Who would notice first?"
    assert question_counts(items[:0]) == []


def test_questions_are_split_by_tag():
    the_set, meeting, items, report_back = full_meeting()
    recap = render_recap(the_set, meeting, items, report_back, now=NOW)
    ana_part = recap.split("\n## Ana Silva")[1].split("\n## Ben Okafor")[0]
    clarifying = ana_part.split("### Clarifying questions")[1].split("###")[0]
    open_qs = ana_part.split("### Open questions")[1].split("###")[0]
    assert "Who else is involved?" in clarifying
    assert "did nothing" not in clarifying
    assert "did nothing" in open_qs
    assert "Who else" not in open_qs
    ben_part = recap.split("\n## Ben Okafor")[1].split("\n## Group steps")[0]
    assert "### Clarifying questions" not in ben_part  # empty sub-sections are left out
    assert "### Notes" not in ben_part


def test_nothing_to_report_back_later_than_the_first_meeting():
    the_set, meeting, items, _ = full_meeting()
    recap = render_recap(the_set, meeting, items, [], now=NOW)
    assert "## Report back\n\nNo commitment was open.\n" in recap


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("# title #", "\\# title \\#"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. first", "1\\. first"),
        ("12) twelfth", "12\\) twelfth"),
        ("> quote", "&gt; quote"),
        ("a\r\nb\n\nc\rd", "a b c d"),
        ("\x00 - after a NUL", "\\- after a NUL"),
        ("`x` *y* _z_ [w]", "\\`x\\` \\*y\\* \\_z\\_ \\[w\\]"),
        ("&amp; & R&D", "&amp;amp; & R&D"),
        ("~~gone~~ costs $5-$10", "\\~\\~gone\\~\\~ costs \\$5-\\$10"),
        ("back\\slash", "back\\\\slash"),
        ("🙂👩‍💻 日本語 العربية עברית", "🙂👩‍💻 日本語 العربية עברית"),
        ("Chloé Martin", "Chloé Martin"),
    ],
)
def test_escape_inline(text, escaped):
    assert escape_inline(text) == escaped


def test_escape_cell_escapes_pipes_after_backslashes():
    assert escape_cell("a | b") == "a \\| b"
    assert escape_cell("a \\| b") == "a \\\\\\| b"


# ---- structure that hostile text cannot change -------------------------------------------------

HEADING = re.compile(r"^(#{1,6})(?: |$)")


def tables(recap: str) -> list[list[str]]:
    """The runs of lines that start with a pipe."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in [*recap.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found


def unescaped_pipes(line: str) -> int:
    """Pipes that split a GFM table row (a pipe right after a backslash does not)."""
    return sum(1 for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\"))


def outline(recap: str) -> list[str]:
    """The heading markers and the table shapes, in order."""
    shape = [m.group(1) for line in recap.splitlines() if (m := HEADING.match(line))]
    for table in tables(recap):
        shape.append(f"table {len(table)}x{unescaped_pipes(table[0])}")
    return shape


def check_line_structure(recap: str, twin: str) -> None:
    """Hostile ``recap`` has the same headings and table shapes as its ``twin`` in plain words."""
    assert outline(recap) == outline(twin)
    for table in tables(recap):
        for line in table:
            assert unescaped_pipes(line) == unescaped_pipes(table[0]), line
            assert line.endswith(" |"), line
    assert [unescaped_pipes(table[0]) for table in tables(recap)] == [4, 5]
    for line in recap.splitlines():
        assert not line.startswith(("    ", "\t", "```", "~~~", "<", "* ", "+ ", "===")), line
        assert not re.match(r"\d{1,9}[.)]", line), line


def hostile_and_twin(texts: list[str]) -> tuple[str, str]:
    """The hostile recap (private notes included) and the same meeting in plain words."""
    recap = render_recap(*hostile_meeting(texts), include_private=True, now=NOW)
    plain = [f"Plain words {n}" for n in range(len(texts))]
    twin = render_recap(*hostile_meeting(plain), include_private=True, now=NOW)
    return recap, twin


@pytest.mark.parametrize("nasty", NASTY, ids=range(len(NASTY)))
def test_one_hostile_string_everywhere_keeps_the_lines(nasty):
    recap, twin = hostile_and_twin([nasty])
    check_line_structure(recap, twin)


def test_mixed_hostile_strings_keep_the_lines():
    recap, twin = hostile_and_twin(NASTY)
    check_line_structure(recap, twin)


def test_hostile_recap_outline_is_the_expected_one():
    recap, _ = hostile_and_twin(NASTY)
    headings = [line.split(" ")[0] for line in recap.splitlines() if line.startswith("#")]
    # title; commitments, report back, two presenters, group steps, timing; members and parts
    assert headings.count("#") == 1
    assert headings.count("##") == 6
    commitments, timing = tables(recap)
    assert len(commitments) == 2 + 3  # two presenters' actions and the set's
    assert len(timing) == 2 + 2 + 2 * len(SLOT) + 1 + 2


# ---- the same through a real CommonMark parser -------------------------------------------------

markdown_it = pytest.importorskip("markdown_it")


def parser():  # -> MarkdownIt
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])


def signature(source: str) -> list[tuple[str, ...]]:
    """Block tokens, and for inline ones the kinds of inline tokens (runs of text merged)."""
    shape: list[tuple[str, ...]] = []
    for token in parser().parse(source):
        if token.type != "inline":
            shape.append((token.type, token.tag))
            continue
        kinds: list[str] = []
        for child in token.children or []:
            kind = "text" if child.type in ("text", "text_special") else child.type
            if not (kinds and kinds[-1] == kind == "text"):
                kinds.append(kind)
        shape.append(("inline", *kinds))
    return shape


def tag_count(rendered: str, tag: str) -> int:
    return len(re.findall(rf"<{tag}[\s>]", rendered))


@pytest.mark.parametrize("nasty", NASTY, ids=range(len(NASTY)))
def test_parsed_structure_matches_the_plain_twin(nasty):
    recap, twin = hostile_and_twin([nasty])
    assert signature(recap) == signature(twin)


def test_parsed_hostile_recap_has_the_expected_elements():
    recap, twin = hostile_and_twin(NASTY)
    assert signature(recap) == signature(twin)
    rendered = parser().render(recap)
    assert tag_count(rendered, "h1") == 1
    assert tag_count(rendered, "h2") == 6
    assert tag_count(rendered, "table") == 2
    steps = 2 + 2 * len(SLOT) + 1 + 2
    assert tag_count(rendered, "tr") == (1 + 3) + (1 + steps)
    assert tag_count(rendered, "th") == 3 + 4
    assert tag_count(rendered, "td") == 3 * 3 + 4 * steps
    assert tag_count(rendered, "blockquote") == 1  # the private banner only
    # Attendees, Apologies, Next meeting, Private, and the two statuses reported back
    assert tag_count(rendered, "strong") == 6
    for tag in ("script", "a", "img", "code", "pre", "em", "s", "hr", "ol", "b", "br"):
        assert tag_count(rendered, tag) == 0, tag
    assert "<!--" not in rendered
    kinds = {t.type for t in parser().parse(recap)}
    assert "html_block" not in kinds
    assert all(
        child.type != "html_inline" for t in parser().parse(recap) for child in t.children or []
    )


SINGLE_LINE = [t for t in NASTY if t.isprintable() and "  " not in t.strip() and t == t.strip()]


@pytest.mark.parametrize("nasty", SINGLE_LINE, ids=range(len(SINGLE_LINE)))
def test_hostile_text_reads_back_unchanged(nasty):
    recap, _ = hostile_and_twin([nasty])
    rendered = parser().render(recap)
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    # the set name in the title, and any item or report back, reads exactly as typed
    assert f"{nasty}: meeting 4, 25 November 2026" in text
    assert f"{nasty} (from meeting 1): Not done, comes back next meeting" in text
    assert f"\n{nasty}: Done\n" in text
    # and so does every table cell that holds user text (commitments, steps, presenters)
    cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", rendered)]
    commitments = [cells[i : i + 3] for i in range(0, 9, 3)]
    assert commitments == [[nasty, nasty, "9 December 2026"]] * 2 + [
        ["Everyone", nasty, "9 December 2026"]
    ]
    timing = [cells[i : i + 4] for i in range(9, len(cells), 4)]
    assert all(row[0] == nasty for row in timing)
    assert [row[1] for row in timing if row[1] != "Everyone"] == [nasty] * (2 * len(SLOT))


def test_emoji_cjk_and_rtl_pass_through():
    text = "🙂👩‍💻 日本語 العربية עברית"
    recap, _ = hostile_and_twin([text])
    assert f"# {text}: meeting 4" in recap
    assert f"| {text} | {text} | 9 December 2026 |" in recap


# ---- import hygiene ----------------------------------------------------------------------------


def test_recap_imports_neither_textual_nor_tinydb():
    code = "import sys, altui.recap\nprint('\\n'.join(sys.modules))\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(result.stdout.split())
    assert "altui.recap" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "tinydb")}
    assert "altui.store" not in loaded
