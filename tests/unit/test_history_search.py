"""Searching a set's history as the History screen does: every kind of line, where it was said,
in any case, private notes only when asked, and meetings that cannot be read left out."""

from __future__ import annotations

import json

import pytest

from altui.errors import AltuiError
from altui.history import REPORT_BACK_NOTE, History
from altui.live import LiveMeeting
from altui.models import EVERYONE, ItemKind, ItemTag, ReviewStatus
from altui.sets import rename_member
from tests.builders import ANA, BEN, CHLOE, DEV, close, commit, hold, retag_newest, review, step_of

BENJAMIN = "Benjamin Okafor"


@pytest.fixture
def three_meetings(store, the_set, clock):
    """Meetings 1 and 2 closed, 3 running; Ben is renamed Benjamin after meeting 1.

    Meeting 2 reports back on meeting 1's actions (Ana's note on budget is followed by a note
    without it); meeting 3 reports back on Chloé's action from meeting 2.
    """
    first, made = hold(
        store,
        the_set,
        clock,
        [
            ("Check-in", None, "The BUDGET worries everyone"),
            ("Clarifying questions", ANA, "?Who owns the budget?"),
            ("Open questions", BEN, "?What would a smaller budget free up?"),
            ("Open questions", BEN, "#Ben's budget is a secret"),
            ("Reflect and reframe", ANA, "*Budgets hide fear"),
            commit(ANA, "Draft the budget memo"),
            commit(BEN, "Call the client"),
            ("Check-out", None, "Straße closed, came by bike"),
        ],
    )
    live = LiveMeeting(store, first, clock)
    live.go_to(step_of(first, "Reflect and reframe", ANA))
    assert retag_newest(live).tag is ItemTag.SITUATION
    close(store, clock, live.meeting)
    the_set = rename_member(store, the_set.name, BEN, BENJAMIN)
    second, later = hold(
        store,
        the_set,
        clock,
        [
            ("Check-in", None, "Quiet month"),
            commit(CHLOE, "Budget review with the team"),
            ("Check-out", None, "#Chloé's private budget worry"),
        ],
        presenters=(CHLOE, BENJAMIN),
    )
    ana_action, ben_action = made["Draft the budget memo"], made["Call the client"]
    review(store, clock, second, ana_action, 1, ReviewStatus.DONE, "Budget memo sent")
    review(store, clock, second, ben_action, 1, ReviewStatus.PARTLY, "Client: budget?")
    review(store, clock, second, ana_action, 1, ReviewStatus.CARRIED, "Memo bounced")
    close(store, clock, second)
    third, _ = hold(
        store, the_set, clock, [("Check-in", None, "budget again")], presenters=(ANA, DEV)
    )
    chloe_action = later["Budget review with the team"]
    review(store, clock, third, chloe_action, 2, ReviewStatus.DONE, "The BUDGET is fine")
    return first, second, third


def rows(matches):
    return [(m.meeting, m.step, m.presenter, m.kind, m.text) for m in matches]


def test_search_finds_every_kind_of_line_where_it_was_said(store, the_set, three_meetings):
    assert rows(History.load(store, the_set.slug).search("budget")) == [
        (1, "Check-in", EVERYONE, "Note", "The BUDGET worries everyone"),
        (1, "Clarifying questions", ANA, "Question", "Who owns the budget?"),
        (1, "Reflect and reframe", ANA, "Learning", "Budgets hide fear"),
        (1, "Commit to actions", ANA, "Action", "Draft the budget memo"),
        (1, "Open questions", BEN, "Question", "What would a smaller budget free up?"),
        # every note is kept, even one followed by a later note on the same commitment
        (2, "Report back", ANA, REPORT_BACK_NOTE, "Budget memo sent"),
        (2, "Report back", BENJAMIN, REPORT_BACK_NOTE, "Client: budget?"),
        (2, "Commit to actions", CHLOE, "Action", "Budget review with the team"),
        (3, "Check-in", EVERYONE, "Note", "budget again"),
        (3, "Report back", CHLOE, REPORT_BACK_NOTE, "The BUDGET is fine"),
    ]


def test_search_is_case_insensitive_as_casefold_is(store, the_set, three_meetings):
    history = History.load(store, the_set.slug)
    assert history.search("BuDgEt") == history.search("budget")
    [match] = history.search("STRASSE")
    assert match.text == "Straße closed, came by bike"


def test_search_finds_each_line_once_wherever_folding_moves_the_text(store, the_set, clock):
    """Folding can lengthen a line ("ß" is "ss"): the lines after it are still found as
    themselves, each once however often it holds the query, and never two lines as one."""
    hold(
        store,
        the_set,
        clock,
        [
            ("Check-in", None, "Straße, then the budget"),
            ("Check-in", None, "nothing here"),
            ("Check-in", None, "BUDGET, budget, Budget"),
            ("Check-in", None, "ΣΊΣΥΦΟΣ budget"),
        ],
    )
    history = History.load(store, the_set.slug)

    assert [m.text for m in history.search("budget")] == [
        "Straße, then the budget",
        "BUDGET, budget, Budget",
        "ΣΊΣΥΦΟΣ budget",
    ]
    assert [m.text for m in history.search("strasse, then")] == ["Straße, then the budget"]
    assert [m.text for m in history.search("σίσυφοσ")] == ["ΣΊΣΥΦΟΣ budget"]
    assert history.search("budget\nnothing") == []  # across two lines
    assert history.search("budgetnothing") == []


def test_a_line_holding_a_line_break_is_found_as_one_line(store, the_set, clock):
    """Typed lines hold no line break; one written by other means is still one line."""
    hold(store, the_set, clock, [("Check-in", None, "first"), ("Check-in", None, "last budget")])
    damage(store, the_set, 1, lambda t: first_item(t, "first").update(text="first\nbudget"))
    history = History.load(store, the_set.slug)

    assert [m.text for m in history.search("budget")] == ["first\nbudget", "last budget"]
    assert [m.text for m in history.search("first\nBUDGET")] == ["first\nbudget"]
    assert history.search("budget\nlast") == []


def test_search_leaves_private_notes_out_unless_asked(store, the_set, three_meetings):
    def private(include: bool) -> list[str]:
        found = History.load(store, the_set.slug).search("budget", include_private=include)
        return [m.text for m in found if m.kind == "Private"]

    assert private(False) == []
    assert private(True) == ["Ben's budget is a secret", "Chloé's private budget worry"]


def test_a_query_matching_nothing_finds_nothing(store, the_set, three_meetings):
    history = History.load(store, the_set.slug)
    assert history.search("zzz") == []
    assert history.search("  ") == []


# damaged files --------------------------------------------------------------------------------


def damage(store, the_set, number: int, change) -> None:
    """Rewrite meeting ``number``'s file with ``change(tables)`` applied."""
    path = store.root / the_set.slug / "meetings" / f"{number:04d}.json"
    tables = json.loads(path.read_text())
    change(tables)
    path.write_text(json.dumps(tables))


def first_item(tables, text: str) -> dict:
    return next(doc for doc in tables["items"].values() if doc["text"] == text)


def test_a_meeting_with_a_damaged_item_is_named_and_left_out(store, the_set, three_meetings):
    damage(store, the_set, 1, lambda t: first_item(t, "Call the client").update(text=42))

    with pytest.raises(AltuiError, match=r"0001\.json: not an altui item file \(text: "):
        store.record(the_set.slug, 1)
    history = History.load(store, the_set.slug)
    assert len(history.problems) == 1 and "0001.json" in history.problems[0]
    assert {m.meeting for m in history.search("budget")} == {2, 3}


def test_a_review_whose_action_is_not_a_string_is_reported(store, the_set, three_meetings):
    def change(tables):
        tables["reviews"]["1"]["action_id"] = ["not", "an", "id"]

    damage(store, the_set, 2, change)

    with pytest.raises(AltuiError, match=r"0002\.json: not an altui review file \(action_id: "):
        store.record(the_set.slug, 2)
    assert {m.meeting for m in History.load(store, the_set.slug).search("budget")} == {1, 3}


def test_a_damaged_meeting_file_is_reported_and_left_out(store, the_set, three_meetings):
    path = store.root / the_set.slug / "meetings" / "0002.json"
    path.write_text("{not json")

    with pytest.raises(AltuiError, match=r"0002\.json: not valid JSON"):
        store.record(the_set.slug, 2)
    assert {m.meeting for m in History.load(store, the_set.slug).search("budget")} == {1, 3}
    assert path.read_text() == "{not json"


def test_only_actions_are_read_when_asked_for_actions(store, the_set, three_meetings):
    _, items, _ = store.record(the_set.slug, 1, frozenset({ItemKind.ACTION}))
    assert [i.text for i in items] == ["Draft the budget memo", "Call the client"]


def test_an_item_of_an_unknown_kind_is_named_and_its_meeting_left_out(
    store, the_set, three_meetings
):
    damage(store, the_set, 3, lambda t: first_item(t, "budget again").update(kind="rumour"))

    history = History.load(store, the_set.slug)

    assert [r.meeting.number for r in history.records] == [1, 2]
    assert len(history.problems) == 1 and "0003.json: not an altui item file" in history.problems[0]
    assert {m.meeting for m in history.search("budget")} == {1, 2}


def test_a_value_validating_converts_is_searched_as_the_models_read_it(
    store, the_set, three_meetings
):
    def change(tables):
        item = first_item(tables, "Budgets hide fear")
        item["step"] = str(item["step"])  # "4": validating makes it 4

    damage(store, the_set, 1, change)

    history = History.load(store, the_set.slug)

    assert history.problems == []
    [match] = history.search("hide fear")
    assert (match.meeting, match.step, match.kind) == (1, "Reflect and reframe", "Learning")


def test_a_damage_found_when_needed_is_named_once_and_the_rest_kept(store, the_set, three_meetings):
    """A review whose time is not a time passes the list's look; the search and the
    follow-through find it, name the meeting once, and go on without its reviews."""
    path = store.root / the_set.slug / "meetings" / "0002.json"
    damage(store, the_set, 2, lambda t: t["reviews"]["1"].update(created="last Tuesday"))
    before = path.read_bytes()

    history = History.load(store, the_set.slug)
    assert [r.meeting.number for r in history.records] == [1, 2, 3]
    assert history.problems == []

    found = rows(history.search("budget"))
    people = history.follow_through(the_set.members)

    assert (2, "Commit to actions", CHLOE, "Action", "Budget review with the team") in found
    assert [row for row in found if row[0] == 2 and row[3] == REPORT_BACK_NOTE] == []
    assert (3, "Report back", CHLOE, REPORT_BACK_NOTE, "The BUDGET is fine") in found
    assert len(history.problems) == 1
    assert "0002.json: not an altui review file (created: " in history.problems[0]
    assert {p.name: p.reviewed for p in people}[ANA] == 0  # her reviews were in meeting 2
    assert path.read_bytes() == before


def test_the_glance_holds_what_the_models_hold(store, the_set, three_meetings):
    for number in (1, 2, 3):
        meeting, items, reviews = store.record(the_set.slug, number)
        glance = store.glance(the_set.slug, number)

        assert glance.meeting == meeting
        assert glance.kinds == tuple(i.kind for i in items)
        assert glance.texts == tuple(i.text for i in items)
        assert glance.steps == tuple(i.step for i in items)
        assert glance.presenter_ids == tuple(i.presenter_id for i in items)
        assert glance.noted == tuple(r.action_id for r in reviews)
        assert glance.notes == tuple(r.note for r in reviews)
        assert glance.actions() == [i for i in items if i.kind is ItemKind.ACTION]
        assert glance.reviews() == reviews
