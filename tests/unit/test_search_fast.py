"""The search path: it validates only what holds the text, and finds what the full load finds."""

from __future__ import annotations

import json

import pytest

import altui.store
from altui.errors import AltuiError
from altui.history import EVERYONE, REPORT_BACK_NOTE, History, search
from altui.models import ItemKind, ItemTag, ReviewStatus
from altui.sets import rename_member
from tests.conftest import retag_newest
from tests.unit.test_history import ANA, BEN, CHLOE, DEV, close, commit, hold, review, step_of

BENJAMIN = "Benjamin Okafor"

QUERIES = ["budget", "BUDGET", "  Budget ", "strasse", "client", "memo", "the", "zzz", ""]


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
    first.go_to(step_of(first.meeting, "Reflect and reframe", ANA))
    assert retag_newest(first).tag is ItemTag.SITUATION
    close(store, clock, first)
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
    ana_action, ben_action = made["!Draft the budget memo"], made["!Call the client"]
    review(store, clock, second.meeting, ana_action, 1, ReviewStatus.DONE, "Budget memo sent")
    review(store, clock, second.meeting, ben_action, 1, ReviewStatus.PARTLY, "Client: budget?")
    review(store, clock, second.meeting, ana_action, 1, ReviewStatus.CARRIED, "Memo bounced")
    close(store, clock, second)
    third, _ = hold(
        store, the_set, clock, [("Check-in", None, "budget again")], presenters=(ANA, DEV)
    )
    chloe_action = later["!Budget review with the team"]
    review(store, clock, third.meeting, chloe_action, 2, ReviewStatus.DONE, "The BUDGET is fine")
    return first.meeting, second.meeting, third.meeting


def rows(matches):
    return [(m.meeting, m.step, m.presenter, m.kind, m.text) for m in matches]


@pytest.mark.parametrize("private", [False, True])
@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_what_the_full_history_finds(store, the_set, three_meetings, query, private):
    full = History.load(store, the_set.slug).search(query, private)
    assert search(store, the_set.slug, query, private) == full


def test_search_finds_every_kind_of_line_where_it_was_said(store, the_set, three_meetings):
    assert rows(search(store, the_set.slug, "budget")) == [
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
    lower = search(store, the_set.slug, "budget")
    assert search(store, the_set.slug, "BuDgEt") == lower
    [match] = search(store, the_set.slug, "STRASSE")
    assert match.text == "Straße closed, came by bike"


def test_search_leaves_private_notes_out_unless_asked(store, the_set, three_meetings):
    def private(include: bool) -> list[str]:
        found = search(store, the_set.slug, "budget", include_private=include)
        return [m.text for m in found if m.kind == "Private"]

    assert private(False) == []
    assert private(True) == ["Ben's budget is a secret", "Chloé's private budget worry"]


def test_a_query_matching_nothing_finds_nothing(store, the_set, three_meetings):
    assert search(store, the_set.slug, "zzz") == []
    assert search(store, the_set.slug, "  ") == []


@pytest.fixture
def validated(monkeypatch) -> list[tuple[str, dict]]:
    """Every (model name, document) the store validates from now on."""
    seen: list[tuple[str, dict]] = []
    original = altui.store._validate

    def counted(model, data, path):
        seen.append((model.__name__, data))
        return original(model, data, path)

    monkeypatch.setattr(altui.store, "_validate", counted)
    return seen


def test_search_validates_only_the_items_and_notes_that_hold_the_text(
    store, the_set, three_meetings, validated
):
    search(store, the_set.slug, "budget")

    items = [doc["text"] for model, doc in validated if model == "Item"]
    notes = [doc["note"] for model, doc in validated if model == "Review"]
    assert items == [
        "The BUDGET worries everyone",
        "Who owns the budget?",
        "What would a smaller budget free up?",
        "Ben's budget is a secret",
        "Budgets hide fear",
        "Draft the budget memo",
        "Budget review with the team",
        "Chloé's private budget worry",
        "budget again",
    ]
    assert notes == ["Budget memo sent", "Client: budget?", "The BUDGET is fine"]
    assert [model for model, _ in validated].count("Meeting") == 3


def test_a_search_for_nothing_found_validates_no_item_or_review(
    store, the_set, three_meetings, validated
):
    assert search(store, the_set.slug, "zzz") == []
    assert {model for model, _ in validated} == {"Meeting"}


# damaged files --------------------------------------------------------------------------------


def damage(store, the_set, number: int, change) -> None:
    """Rewrite meeting ``number``'s file with ``change(tables)`` applied."""
    path = store.root / the_set.slug / "meetings" / f"{number:04d}.json"
    tables = json.loads(path.read_text())
    change(tables)
    path.write_text(json.dumps(tables))


def first_item(tables, text: str) -> dict:
    return next(doc for doc in tables["items"].values() if doc["text"] == text)


def test_an_item_whose_text_is_not_a_string_is_reported(store, the_set, three_meetings):
    damage(store, the_set, 1, lambda t: first_item(t, "Call the client").update(text=42))

    with pytest.raises(AltuiError, match=r"0001\.json: not an altui item file \(text: "):
        store.record(the_set.slug, 1, matching="budget")
    full = History.load(store, the_set.slug)
    assert full.problems and search(store, the_set.slug, "budget") == full.search("budget")
    assert {m.meeting for m in search(store, the_set.slug, "budget")} == {2, 3}


def test_a_damaged_item_that_holds_the_text_is_reported(store, the_set, three_meetings):
    damage(store, the_set, 1, lambda t: first_item(t, "Budgets hide fear").update(step=-1))

    with pytest.raises(AltuiError, match=r"0001\.json: not an altui item file \(step: "):
        store.record(the_set.slug, 1, matching="budget")


def test_a_damaged_item_that_does_not_hold_the_text_is_skipped(store, the_set, three_meetings):
    damage(store, the_set, 1, lambda t: first_item(t, "Call the client").update(step=-1))

    found = search(store, the_set.slug, "budget")

    assert next(m.text for m in found if m.meeting == 1) == "The BUDGET worries everyone"
    assert History.load(store, the_set.slug).problems  # the full load still refuses it


def test_a_review_whose_action_is_not_a_string_is_reported(store, the_set, three_meetings):
    def change(tables):
        tables["reviews"]["1"]["action_id"] = ["not", "an", "id"]

    damage(store, the_set, 2, change)

    with pytest.raises(AltuiError, match=r"0002\.json: not an altui review file \(action_id: "):
        store.record(the_set.slug, 2, matching="zzz")


def test_a_damaged_meeting_file_is_reported_and_left_out(store, the_set, three_meetings):
    path = store.root / the_set.slug / "meetings" / "0002.json"
    path.write_text("{not json")

    with pytest.raises(AltuiError, match=r"0002\.json: not valid JSON"):
        store.record(the_set.slug, 2, matching="budget")
    assert {m.meeting for m in search(store, the_set.slug, "budget")} == {1, 3}
    assert path.read_text() == "{not json"


def test_only_actions_are_read_when_asked_for_actions(store, the_set, three_meetings):
    _, items, _ = store.record(the_set.slug, 1, frozenset({ItemKind.ACTION}), matching="budget")
    assert [i.text for i in items] == ["Draft the budget memo"]
