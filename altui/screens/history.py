"""A set's history: its meetings, a search across all of them, and each member's follow-through.

Read-only: nothing here writes to the store or takes a meeting's lock.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from altui.dates import day_month, short_date
from altui.guard import guarded
from altui.history import History, Match, MeetingRow, MemberFollowThrough
from altui.models import Set
from altui.screens.meeting_view import MeetingViewScreen
from altui.store import Store
from altui.text import shorten, visible
from altui.widgets.safe_input import SafeInput
from altui.widgets.tables import add_sized_columns

BAR_CELLS = 10
"""Cells of a full bar: a score of 10, or every reviewed commitment done or partly."""
FULL, EMPTY, NO_VALUE = "█", "░", "·"
LEGEND = "Done or partly, of those reviewed, per meeting (· nothing reviewed)."
CHART_MEETINGS = 12
"""How many of the latest meetings the score chart shows."""
FOLLOW_MEETINGS = 6
"""How many of the latest meetings each member's follow-through chart shows."""
NARROW = 100
"""Below this many columns the follow-through panel sits under the list."""
NAME_WIDTH = 40
"""Longest presenter name shown in a list before it is cut with an ellipsis."""


def items_cell(row: MeetingRow) -> str:
    """How many lines were captured (private notes not counted)."""
    return str(row.shared)


def presenters_cell(row: MeetingRow) -> Content:
    """The meeting's presenters, one a line (never cut off at the table's edge), or a dash."""
    names = "\n".join(shorten(visible(n), NAME_WIDTH) for n in row.presenters)
    return Content(names) if names else Content.styled("—", "$text-muted")


def status_cell(row: MeetingRow) -> Content:
    """``✓ closed`` or ``▶ in progress`` (a symbol as well as a colour)."""
    if row.closed:
        return Content.styled("✓ closed", "$text-muted")
    return Content.styled("▶ in progress", "bold $warning")


def match_line(match: Match, query: str) -> Content:
    """Where a hit was said (meeting, step, presenter, kind), then its text with the query marked.

    Everything typed is shown as text, never read as markup.
    """
    where = Content.assemble(
        (f"Meeting {match.meeting}", "bold"),
        (f" · {short_date(match.date)} · ", "$text-muted"),
        (visible(match.step), "$text-muted"),
        (" · ", "$text-muted"),
        (visible(match.presenter), "bold $secondary"),
        (" · ", "$text-muted"),
        (match.kind, "bold $primary"),
    )
    text = Content(visible(match.text))
    folded, wanted = match.text.casefold(), query.strip().casefold()
    if wanted and len(folded) == len(match.text):  # marks only where positions line up
        start = folded.find(wanted)
        while start != -1:
            text = text.stylize("bold reverse", start, start + len(wanted))
            start = folded.find(wanted, start + len(wanted))
    return Content.assemble(where, "\n  ", text)


Bar = tuple[str, float | None, str]
"""One row of a chart: its label, the share of a full bar (None: no value) and the value."""


def bar_chart(title: str, axis: tuple[str, str, str], rows: list[Bar]) -> Content:
    """A title (if any), an axis line (the labels' heading, then the scale's ends over the
    bars), then a row per bar: label, bar on a track of ``BAR_CELLS``, and its value."""
    heading, low, high = axis
    width = max(len(heading), *(len(label) for label, _, _ in rows))
    scale = low + high.rjust(BAR_CELLS - len(low))
    lines = [Content.styled(title, "bold")] if title else []
    lines.append(Content.styled(f"{heading.ljust(width)}  {scale}", "$text-muted"))
    for label, share, value in rows:
        if share is None:
            bar = Content.styled(NO_VALUE * BAR_CELLS, "$text-muted")
            shown = Content.styled(value, "$text-muted")
        else:
            cells = round(share * BAR_CELLS)
            colour = "$success" if share >= 0.5 else "$warning"
            bar = Content.assemble((FULL * cells, colour), (EMPTY * (BAR_CELLS - cells), "$panel"))
            shown = Content.styled(value, "bold")
        lines.append(Content.assemble(label.ljust(width), "  ", bar, "  ", shown))
    return Content("\n").join(lines)


def score_chart(records: list[tuple[int, date, int | None]]) -> Content:
    """The set's own 1-10 score of each of the latest meetings (process review): a bar each,
    labelled with the meeting's number and date, with the score at its end."""
    shown = records[-CHART_MEETINGS:]
    if not any(score is not None for _, _, score in shown):
        return Content.styled(
            "Set score: none recorded yet (process review, 1 to 10).", "$text-muted"
        )
    rows: list[Bar] = [
        (
            f"{number:>2} · {day_month(when)}",
            None if score is None else score / 10,
            "—" if score is None else str(score),
        )
        for number, when, score in shown
    ]
    return bar_chart("Set score, out of 10", ("Meeting", "0", "10"), rows)


def follow_block(person: MemberFollowThrough) -> Content:
    """A member's name, their numbers, and a bar per meeting with its share kept."""
    name = Content.styled(visible(person.name), "bold")
    if not person.current:
        name = Content.assemble(name, (" (former member)", "$text-muted"))
    numbers = Content.styled(
        person.summary(), "$text-muted" if person.share is None else "$foreground"
    )
    points = person.series[-FOLLOW_MEETINGS:]
    if person.share is None:
        return Content.assemble(name, "\n", numbers)
    rows: list[Bar] = [
        (f"Meeting {p.meeting}", p.share, "·" if p.share is None else f"{p.share:.0%}")
        for p in points
    ]
    chart = bar_chart("", ("", "0%", "100%"), rows)
    return Content.assemble(name, "\n", numbers, "\n", chart)


def follow_through_panel(people: list[MemberFollowThrough]) -> Content:
    """The legend, then every member's block."""
    if not people:
        return Content.styled("No members yet.", "$text-muted")
    legend = Content.styled(LEGEND, "$text-muted")
    return Content("\n\n").join([legend, *(follow_block(p) for p in people)])


class HistoryScreen(Screen[None]):
    """The set's meetings (Enter opens one), a search across them, and follow-through."""

    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Open",
            priority=True,
            tooltip="Open the highlighted meeting (or search match) read-only",
        ),
        Binding("slash", "search", "Search", key_display="/", tooltip="Search every meeting"),
        Binding("escape", "back", "Back", tooltip="Clear the search, or leave the history"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True, key_display="^q"),
    ]

    def __init__(self, store: Store, the_set: Set) -> None:
        super().__init__()
        self.store = store
        self.the_set = the_set
        self.history = History(the_set.slug, ())
        self.rows: list[MeetingRow] = []
        self.matches: list[Match] = []
        self.people: list[MemberFollowThrough] = []
        self.told = 0
        """How many of the history's problems have been shown."""

    def compose(self) -> ComposeResult:
        """Title, search box, meetings (or search results), follow-through, keys."""
        yield Static(id="history-title")
        yield SafeInput(placeholder="Search every meeting  ( / )", id="history-search")
        with Horizontal(id="history-body"):
            with Vertical(id="history-main"):
                yield DataTable(id="history-meetings", cursor_type="row", zebra_stripes=True)
                yield Static(id="history-count")
                yield OptionList(id="history-results")
            with VerticalScroll(id="history-follow"):
                yield Static(id="history-follow-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Read the set's meetings once and fill the list and the follow-through panel."""
        self.query_one("#history-follow", VerticalScroll).border_title = "Follow-through"
        self.reload()
        self.query_one("#history-meetings", DataTable).focus()

    def on_screen_resume(self) -> None:
        """Coming back from a meeting: the list (or the matches) keeps its place."""
        shown = "#history-results" if self.has_class("-searching") else "#history-meetings"
        self.query_one(shown).focus()

    @guarded
    def reload(self) -> None:
        """Read every meeting again (once each) and redraw."""
        self.history = History.load(self.store, self.the_set.slug)
        self.told = 0
        self.rows = list(reversed(self.history.rows()))  # newest first
        count = len(self.rows)
        self.query_one("#history-title", Static).update(
            Content.assemble(
                (visible(self.the_set.name), "bold $accent"),
                (f" · history · {count} meeting{'s' if count != 1 else ''}", "$text-muted"),
            )
        )
        cells = [
            [
                Content(str(row.number)),
                Content(short_date(row.date)),
                status_cell(row),
                Content(items_cell(row)),
                presenters_cell(row),
            ]
            for row in self.rows
        ]
        if not cells:
            cells = [
                [Content(""), Content.styled("No meetings yet.", "$text-muted"), *[Content("")] * 3]
            ]
        table = self.query_one("#history-meetings", DataTable)
        table.clear(columns=True)
        add_sized_columns(table, ["#", "Date", "Status", "Items", "Presenters"], cells)
        keys = [str(row.number) for row in self.rows] or [""]
        for key, row_cells in zip(keys, cells, strict=True):
            table.add_row(*row_cells, key=key or None, height=len(row_cells[-1].split("\n")))
        self.people = self.history.follow_through(self.the_set.members, self.the_set.departures)
        self._show_follow_through()
        self._show_search(self.query_one("#history-search", Input).value)

    def _tell_problems(self) -> None:
        """Name each meeting (once) the history could not read all of."""
        for problem in self.history.problems[self.told :]:
            self.notify(
                f"Left out of the history: {problem}",
                title="Meeting not read",
                severity="warning",
                timeout=12,
                markup=False,
            )
        self.told = len(self.history.problems)

    def _show_follow_through(self) -> None:
        shown = follow_through_panel(self.people)
        scores = [
            (record.meeting.number, record.meeting.date, record.meeting.set_score)
            for record in self.history.records
        ]
        self.query_one("#history-follow-list", Static).update(
            Content("\n\n").join([score_chart(scores), shown])
        )

    def on_resize(self) -> None:
        """Below 100 columns the follow-through goes under the list."""
        self.set_class(self.size.width < NARROW, "-narrow")

    # search ---------------------------------------------------------------------------------

    def action_search(self) -> None:
        """Go to the search box."""
        self.query_one("#history-search", Input).focus()

    @on(Input.Changed, "#history-search")
    @guarded
    def _query_changed(self, event: Input.Changed) -> None:
        self._show_search(event.value)

    def _show_search(self, query: str) -> None:
        searching = bool(query.strip())
        self.set_class(searching, "-searching")
        results = self.query_one("#history-results", OptionList)
        results.clear_options()
        self.matches = self.history.search(query) if searching else []
        self._tell_problems()
        if not searching:
            return
        count = len(self.matches)
        self.query_one("#history-count", Static).update(
            Content.assemble(
                (f"{count} match{'es' if count != 1 else ''}", "bold"),
                (" · Enter on a match opens its meeting", "$text-muted") if count else "",
            )
        )
        results.add_options([Option(match_line(m, query)) for m in self.matches])
        if count:
            results.highlighted = 0

    @on(OptionList.OptionSelected, "#history-results")
    @guarded
    def _match_chosen(self, event: OptionList.OptionSelected) -> None:
        self._open(self.matches[event.option_index].meeting)

    # opening a meeting ------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#history-meetings")
    @guarded
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self._open(int(event.row_key.value))

    @guarded
    def action_open(self) -> None:
        """Open the highlighted meeting (or the highlighted match's meeting) read-only.

        In the search box, Enter first moves to the matches.
        """
        if self.has_class("-searching"):
            results = self.query_one("#history-results", OptionList)
            if self.focused is self.query_one("#history-search", Input):
                if self.matches:
                    results.focus()
                return
            index = results.highlighted
            if index is not None and index < len(self.matches):
                self._open(self.matches[index].meeting)
            return
        table = self.query_one("#history-meetings", DataTable)
        if self.rows and 0 <= table.cursor_row < len(self.rows):
            self._open(self.rows[table.cursor_row].number)

    def _open(self, number: int) -> None:
        record = self.history.record(number)
        if record is not None:
            self.app.push_screen(MeetingViewScreen(self.store, self.the_set, record.meeting))

    # leaving --------------------------------------------------------------------------------

    def action_back(self) -> None:
        """Clear a search first; otherwise leave the history."""
        search = self.query_one("#history-search", Input)
        if search.value or self.focused is search:
            search.value = ""
            self._show_search("")
            self.query_one("#history-meetings", DataTable).focus()
            return
        self.app.pop_screen()
