"""A set's history: the meeting list, search across meetings, and members' follow-through."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import altui.store
from altui.history import REPORT_BACK_NOTE, History, SharePoint
from altui.models import EVERYONE, ItemKind, MeetingStatus, ReviewStatus
from altui.sets import Leaving, remove_member
from tests.builders import ANA, BEN, CHLOE, DEV, close, commit, follow_through, hold, review

# the meeting list ----------------------------------------------------------------------------


def test_meeting_rows_list_every_meeting_with_its_presenters_and_counts(store, the_set, clock):
    first, _ = hold(
        store,
        the_set,
        clock,
        [
            ("Check-in", None, "Tired but here"),
            ("Open questions", ANA, "What would happen if you did nothing?"),
            ("Open questions", ANA, "#Ana seems stressed"),
            commit(ANA, "Call the director"),
        ],
    )
    close(store, clock, first)
    hold(store, the_set, clock, [("Check-in", None, "Rested")], presenters=(CHLOE,))

    rows = History.load(store, the_set.slug).rows()

    assert [(r.number, r.date, r.status, r.presenters) for r in rows] == [
        (1, date(2026, 11, 25), MeetingStatus.CLOSED, (ANA, BEN)),
        (2, date(2026, 12, 23), MeetingStatus.RUNNING, (CHLOE,)),
    ]
    assert rows[0].counts == {
        ItemKind.NOTE: 1,
        ItemKind.QUESTION: 1,
        ItemKind.PRIVATE: 1,
        ItemKind.ACTION: 1,
    }
    assert rows[0].shared == 3  # private notes are not counted as shared
    assert rows[0].closed and not rows[1].closed


def test_a_set_without_meetings_has_no_rows(store, the_set):
    assert History.load(store, the_set.slug).rows() == []
    assert History.load(store, the_set.slug).search("anything") == []


# search -------------------------------------------------------------------------------------


@pytest.fixture
def two_meetings(store, the_set, clock):
    """Meeting 1 (Ana and Ben present) closed; meeting 2 reports back on Ana's action."""
    first, made = hold(
        store,
        the_set,
        clock,
        [
            ("Check-in", None, "The BUDGET worries everyone"),
            ("Clarifying questions", ANA, "?Who owns the budget?"),
            ("Open questions", BEN, "#Ben's budget is a secret"),
            commit(ANA, "Ask the director about the budget"),
        ],
    )
    close(store, clock, first)
    second, _ = hold(store, the_set, clock, [("Check-in", None, "No money talk today")])
    review(
        store,
        clock,
        second,
        made["Ask the director about the budget"],
        1,
        ReviewStatus.PARTLY,
        "She cut the budget in half",
    )
    return first, second


def test_search_finds_items_in_any_case_with_where_they_were_said(store, the_set, two_meetings):
    matches = History.load(store, the_set.slug).search("budget")

    assert [(m.meeting, m.date, m.step, m.presenter, m.kind, m.text) for m in matches] == [
        (1, date(2026, 11, 25), "Check-in", EVERYONE, "Note", "The BUDGET worries everyone"),
        (1, date(2026, 11, 25), "Clarifying questions", ANA, "Question", "Who owns the budget?"),
        (
            1,
            date(2026, 11, 25),
            "Commit to actions",
            ANA,
            "Action",
            "Ask the director about the budget",
        ),
        (2, date(2026, 12, 23), "Report back", ANA, REPORT_BACK_NOTE, "She cut the budget in half"),
    ]


def test_search_leaves_private_notes_out_unless_asked(store, the_set, two_meetings):
    assert not any("secret" in m.text for m in History.load(store, the_set.slug).search("BUDGET"))
    private = History.load(store, the_set.slug).search("secret", include_private=True)
    assert [(m.presenter, m.kind, m.text) for m in private] == [
        (BEN, "Private", "Ben's budget is a secret")
    ]


def test_an_empty_search_finds_nothing(store, the_set, two_meetings):
    assert History.load(store, the_set.slug).search("") == []
    assert History.load(store, the_set.slug).search("   ") == []


def test_search_finds_every_note_of_a_commitment_in_a_meeting_in_order(
    store, the_set, two_meetings, clock
):
    first, second = two_meetings
    action = next(i for i in store.items(first) if i.kind is ItemKind.ACTION)
    review(store, clock, second, action, 1, ReviewStatus.DONE, "She doubled the budget")

    found = History.load(store, the_set.slug).search("budget")
    notes = [m.text for m in found if m.kind == REPORT_BACK_NOTE]

    assert notes == ["She cut the budget in half", "She doubled the budget"]


def test_search_keeps_markup_and_control_symbols_as_stored(store, the_set, clock):
    hold(store, the_set, clock, [("Check-in", None, "[b]bold[/b] and \x1b[31mred")])
    [match] = History.load(store, the_set.slug).search("[B]BOLD")
    assert match.text == "[b]bold[/b] and ␛[31mred"  # an item keeps ESC as the box showed it


def test_history_reads_each_meeting_once(store, the_set, two_meetings, monkeypatch):
    reads: list[str] = []
    original = altui.store.read_data

    def counted(path, *args):
        reads.append(path.name)
        return original(path, *args)

    monkeypatch.setattr(altui.store, "read_data", counted)

    history = History.load(store, the_set.slug)
    history.search("budget")
    history.search("director")
    history.follow_through(the_set.members)
    history.rows()

    assert sorted(reads) == ["0001.json", "0002.json"]


# follow-through ----------------------------------------------------------------------------


def test_follow_through_counts_done_and_partly_of_the_reviewed(store, the_set, clock):
    first, made = hold(
        store,
        the_set,
        clock,
        [
            commit(ANA, "Call the director"),
            commit(ANA, "Write it down"),
            commit(ANA, "Read the report"),
            commit(BEN, "Talk to the supplier"),
            commit(None, "Book the next room"),  # the set's, nobody's
        ],
    )
    close(store, clock, first)
    second, more = hold(store, the_set, clock, [commit(ANA, "Ask again")])
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.DONE)
    review(store, clock, second, made["Write it down"], 1, ReviewStatus.CARRIED)
    review(store, clock, second, made["Read the report"], 1, ReviewStatus.NOT_DONE)
    review(store, clock, second, made["Talk to the supplier"], 1, ReviewStatus.DROPPED)
    review(store, clock, second, made["Book the next room"], 1, ReviewStatus.DONE)
    close(store, clock, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made["Write it down"], 1, ReviewStatus.PARTLY)
    review(store, clock, third, more["Ask again"], 2, ReviewStatus.DONE)

    people = {p.name: p for p in follow_through(store, the_set.slug)}

    ana = people[ANA]
    assert (ana.reviewed, ana.kept, ana.share) == (4, 3, 0.75)
    assert ana.open == 2  # not done, and partly: both come back at the next report back
    assert ana.summary() == "3 of 4 done or partly (75%) · 2 open"
    assert ana.series == (SharePoint(1, None), SharePoint(2, 0.5), SharePoint(3, 1.0))
    ben = people[BEN]
    assert (ben.reviewed, ben.kept, ben.share) == (1, 0, 0.0)
    assert ben.series[1] == SharePoint(2, 0.0)
    assert people[CHLOE].share is None
    assert people[CHLOE].summary() == "nothing reviewed yet"
    assert list(people) == [ANA, BEN, CHLOE, DEV]  # the set's order; group actions are no one's


def test_a_note_alone_or_carried_forward_is_not_an_outcome(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    action = made["Call the director"]
    review(store, clock, second, action, 1, None, "Tried twice, no answer")
    [ana] = [p for p in follow_through(store, the_set.slug) if p.name == ANA]
    assert (ana.reviewed, ana.share) == (0, None)


def test_the_latest_review_in_a_meeting_decides(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(BEN, "Talk to the supplier")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    action = made["Talk to the supplier"]
    review(store, clock, second, action, 1, ReviewStatus.NOT_DONE)
    review(store, clock, second, action, 1, ReviewStatus.DONE)
    [ben] = [p for p in follow_through(store, the_set.slug) if p.name == BEN]
    assert (ben.reviewed, ben.kept) == (1, 1)


def test_a_removed_member_keeps_their_history_under_their_old_name(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(BEN, "Talk to the supplier")])
    close(store, clock, first)
    remove_member(store, the_set.name, BEN, Leaving.KEEP)
    second, _ = hold(store, the_set, clock, presenters=(ANA,))
    review(store, clock, second, made["Talk to the supplier"], 1, ReviewStatus.DONE)

    people = follow_through(store, the_set.slug)

    assert [(p.name, p.current) for p in people] == [
        (ANA, True),
        (CHLOE, True),
        (DEV, True),
        (BEN, False),
    ]
    assert (people[-1].reviewed, people[-1].kept) == (1, 1)


def test_an_unreadable_meeting_is_left_out_and_named(store, the_set, clock, two_meetings):
    path = store.root / the_set.slug / "meetings" / "0001.json"
    path.write_text("{not json")

    history = History.load(store, the_set.slug)

    assert [r.meeting.number for r in history.records] == [2]
    assert len(history.problems) == 1 and "0001.json" in history.problems[0]
    assert path.read_text() == "{not json"


def test_history_does_not_import_textual():
    code = "import sys, altui.history; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
