"""Each rule has one home: no second copy of it in the code, and the places that use it agree."""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from altui import dates
from altui.commitments import under_review
from altui.errors import AltuiError
from altui.exporting import recap_text
from altui.history import History
from altui.live import LiveMeeting, NotSaved, open_for_writing
from altui.meetings import start_or_resume
from altui.models import EVERYONE, UNNAMED, ReviewStatus
from altui.screens.summary import captured_by_presenter
from altui.store import COMMITMENT_INDEX
from tests.builders import ANA, BEN, step_of

PACKAGE = Path(__file__).resolve().parents[2] / "altui"


def sources_but(*homes: str) -> dict[str, str]:
    """Every module of altui, by its path inside the package, except ``homes``."""
    found = {
        str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
    }
    return {name: text for name, text in found.items() if name not in homes}


@pytest.mark.parametrize(
    "pattern",
    [
        r"strftime",
        r"\bMONTHS\b",
        r"\bWEEKDAYS\b",
        r"\{[^{}]*:[^{}]*%[aAbBcpxX]",  # an f-string naming a weekday or month (the locale's)
    ],
)
def test_dates_are_formatted_only_in_the_dates_module(pattern):
    copies = [name for name, text in sources_but("dates.py").items() if re.search(pattern, text)]
    assert copies == []


def test_typed_dates_are_read_only_in_the_dates_module():
    copies = [name for name, text in sources_but("dates.py").items() if "fromisoformat" in text]
    assert copies == []


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2027-02-30", "30 February 2027 is not a date: February 2027 has 28 days."),
        ("2028-02-30", "30 February 2028 is not a date: February 2028 has 29 days."),
        ("2027-04-31", "31 April 2027 is not a date: April 2027 has 30 days."),
        ("2027-01-00", "0 January 2027 is not a date: January 2027 has 31 days."),
        ("2027-13-01", "2027-13-01 is not a date: months go from 01 to 12."),
        ("0000-01-01", "0000-01-01 is not a date: years start at 0001."),
        ("next week", "Please give the date as YYYY-MM-DD."),
        ("2027-2-3", "Please give the date as YYYY-MM-DD."),
        ("20270203", "Please give the date as YYYY-MM-DD."),
        ("", "Please give the date as YYYY-MM-DD."),
    ],
)
def test_a_typed_date_that_is_not_one_says_why_in_one_line(typed, said):
    with pytest.raises(AltuiError) as refused:
        dates.typed_date(typed)
    assert str(refused.value) == said


def test_a_typed_date_is_read_with_spaces_around_it():
    assert dates.typed_date(" 2028-02-29 ") == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (dates.long_date(date(2026, 12, 9)), "9 December 2026"),
        (dates.weekday_date(date(2026, 12, 9)), "Wed 9 Dec 2026"),
        (dates.short_date(date(2026, 12, 9)), "9 Dec 2026"),
        (dates.day_month(date(2026, 12, 9)), "9 Dec"),
        (dates.time_of_day(datetime(2026, 12, 9, 7, 5, tzinfo=UTC)), "07:05"),  # TZ=UTC in tests
    ],
)
def test_each_date_format(shown, expected):
    assert shown == expected


# names --------------------------------------------------------------------------------------


def strings(source: str) -> list[str]:
    """The string literals of a module (f-strings' text parts too), docstrings left out."""
    tree = ast.parse(source)
    docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_no_member_is_named_only_on_the_model():
    copies = [
        (name, said)
        for name, text in sources_but("models.py").items()
        for said in strings(text)
        if re.search(r"\bEveryone\b|\bThe set\b(?!'s)", said)
    ]
    assert copies == []


@pytest.fixture
def named(store, the_set, clock):
    """Meeting 1 closed with Ana's action, a group action and a group note; meeting 2 started."""
    first = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    live = LiveMeeting(store, first, clock)
    live.go_to(step_of(first, "Commit to actions", ANA))
    live.enter("!Call the director")
    live.go_to(step_of(first, "Process review"))
    live.enter("!Book the room")
    live.enter("The room was cold")
    live.close(None)
    second = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    return live, second


def test_every_place_names_owners_and_group_steps_as_the_meeting_does(store, the_set, named):
    live, second = named
    first = live.meeting
    ana = the_set.member(ANA)
    assert [first.name_of(ana.id), first.name_of(None)] == [ANA, EVERYONE]
    recap = recap_text(store, the_set, first)
    assert f"| {ANA} | Call the director |" in recap
    assert f"| {EVERYONE} | Book the room |" in recap
    assert f"{EVERYONE} commits to: Book the room" in captured_by_presenter(live).plain
    owners = [(c.owner, c.action.text) for c in under_review(store, second)]
    assert owners == [(ANA, "Call the director"), (EVERYONE, "Book the room")]
    (match,) = History.load(store, the_set.slug).search("cold")
    assert match.presenter == EVERYONE
    live.go_to(step_of(first, "Process review"))
    assert live.who() == EVERYONE


def test_an_index_written_with_the_old_word_names_the_set_with_the_new_one(store, the_set, named):
    _, second = named
    under_review(store, second)  # writes the commitment index
    path = store.root / the_set.slug / COMMITMENT_INDEX
    path.write_text(path.read_text(encoding="utf-8").replace(EVERYONE, "The set"))
    owners = [c.owner for c in under_review(store, second)]
    assert owners == [ANA, EVERYONE]


def test_a_commitment_and_what_closes_it_are_defined_only_on_the_model():
    """The value type sits with the other models; altui.commitments reads it from meetings."""
    copies = [
        name
        for name, text in sources_but("models.py").items()
        if re.search(r"^class (Commitment|Hearing)\b|^CLOSING\b", text, re.MULTILINE)
    ]
    assert copies == []


def test_the_agenda_is_built_only_by_the_agenda_module():
    copies = [
        name
        for name, text in sources_but("agenda.py", "clock.py").items()
        if re.search(r"\belapsed\(|\"Planned\"", text)
    ]
    assert copies == []


def test_screens_reach_the_app_through_its_typed_accessor():
    """``altui_app(screen)``, so that mypy checks what a screen asks of the App."""
    copies = [
        name
        for name, text in sources_but().items()
        if re.search(r"getattr\(\s*self\.app\b|self\.app\.(clock|store)\b", text)
    ]
    assert copies == []


# opening a meeting for writing ----------------------------------------------------------------


def test_only_open_for_writing_takes_a_meetings_lock_and_upgrades():
    copies = [
        name
        for name, text in sources_but("live.py", "store.py", "lock.py").items()
        if re.search(r"\.acquire\(|\.upgrade\(", text)
    ]
    assert copies == []


def test_open_for_writing_takes_the_lock_and_lets_it_go_when_it_cannot_open(
    store, the_set, clock, lock_holder
):
    first = start_or_resume(store, the_set, clock, presenters=[ANA, BEN])
    console = lock_holder(store.meeting_lock(first).path)  # another console has it open
    with pytest.raises(AltuiError, match="already open"):
        open_for_writing(store, first, clock)
    console.kill()
    console.wait()
    opened = open_for_writing(store, first, clock)
    assert opened.lock.taken() and opened.live.meeting == first and opened.upgraded == []
    opened.live.close(None)
    opened.lock.release()
    start_or_resume(store, the_set, clock, presenters=[ANA, BEN])  # meeting 2 starts
    with pytest.raises(NotSaved, match="meeting 2 has started since"):
        open_for_writing(store, first, clock, reopen=True)
    assert not store.meeting_lock(first).taken()


# minutes ----------------------------------------------------------------------------------------


def test_minutes_are_rounded_only_by_whole_minutes():
    """A count of minutes is made whole by ``clock.whole_minutes`` (halves up); ``round()``
    (halves to even: 2.5 is 2, 3.5 is 4) is left to sizes on screen."""
    copies = [
        (name, ast.unparse(call))
        for name, text in sources_but("clock.py").items()
        for call in ast.walk(ast.parse(text))
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "round"
        and len(call.args) == 1
        and re.search(r"minute|second|total|available|won|\b60\b", ast.unparse(call.args[0]))
    ]
    assert copies == []


HALVES = """
name = "Halves"
typical_presenters = 1

[[steps]]
name = "Check-in"
minutes = 5

[[steps]]
name = "Present the issue"
short = "Present"
minutes = 5
per_presenter = true

[[steps]]
name = "Check-out"
minutes = 2.5
"""
"""A plan of 12.5 minutes, whose last step is 2.5: round() makes them 12 and 2, the agenda 13
and 3."""


async def test_setup_the_step_bar_and_the_plans_command_count_minutes_as_the_agenda(
    store, clock, tmp_path
):
    from click.testing import CliRunner

    from altui.agenda import agenda, totals
    from altui.app import make_app
    from altui.cli import main
    from altui.screens.meeting import MeetingScreen
    from altui.screens.setup import SetupScreen
    from altui.sets import new_set
    from altui.widgets.step_bar import StepBar

    plan = tmp_path / "halves.toml"
    plan.write_text(HALVES)
    new_set(store, "Halves", [ANA], str(plan), clock)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        assert setup.query_one("#setup-available").value == "13"
        setup.query_one("#setup-available").value = "20"
        await pilot.pause()
        preview = str(setup.query_one("#setup-preview").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.screen.live.meeting
        bar = str(app.screen.query_one(StepBar).render())
    rows = agenda(meeting, clock.now())
    assert [row.planned for row in rows] == [5, 5, 3]
    planned, _ = totals(meeting, clock.now())
    assert f"({planned} min)" in preview
    assert f"with {20 - planned} min to spare" in preview
    assert "Check-out 3m" in bar
    checked = CliRunner().invoke(main, ["plans", "check", str(plan)])
    assert "0h13 with 1 presenters" in checked.output


# a member no file names ------------------------------------------------------------------------


@pytest.mark.parametrize(("steps_keep_the_name", "shown"), [(True, BEN), (False, UNNAMED)])
def test_a_member_no_meeting_lists_is_named_as_the_files_keep_them_never_everyone(
    store, the_set, clock, steps_keep_the_name, shown
):
    """Ben commits twice, leaves (his commitments kept), one is done; then meeting 1's file
    loses him from its lists (damage), and perhaps its steps his name too."""
    from altui.screens.history import follow_block
    from altui.sets import Leaving, remove_member
    from tests.builders import close, commit, follow_through, hold, review

    lines = [commit(BEN, "Call the director"), commit(BEN, "Ask HR")]
    first, made = hold(store, the_set, clock, lines)
    close(store, clock, first)
    after = remove_member(store, the_set.name, BEN, Leaving.KEEP, clock.now())
    second, _ = hold(store, after, clock, presenters=(ANA,))
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.DONE)
    close(store, clock, second)
    damaged = store.meeting(the_set.slug, 1)
    ben = the_set.member(BEN).id
    for members in (damaged.presenters, damaged.attendees, damaged.apologies):
        members[:] = [m for m in members if m.id != ben]
    if not steps_keep_the_name:
        for step in damaged.steps:
            if step.presenter_id == ben:
                step.presenter = None
    store.save_meeting(damaged)

    third = start_or_resume(store, after, clock, presenters=[ANA])
    assert [(c.owner, c.action.text) for c in under_review(store, third)] == [
        (f"{shown} (left)", "Ask HR")
    ]
    former = follow_through(store, the_set.slug)[-1]
    assert (former.name, former.current, former.reviewed) == (shown, False, 1)
    assert follow_block(former).plain.startswith(f"{shown} (former member)\n")
    assert f"| {shown} | Ask HR |" in recap_text(store, the_set, damaged)
