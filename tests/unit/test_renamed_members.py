"""A member renamed between meetings reports back under the new name; one who left, the old."""

from __future__ import annotations

from altui.commitments import report_back_lines, under_review
from altui.models import ReviewStatus
from altui.sets import Leaving, remove_member, rename_member
from tests.builders import ANA, BEN, close, commit, hold, review


def test_report_back_uses_the_name_the_member_has_now(store, the_set, clock):
    first, made = hold(
        store, the_set, clock, [commit(ANA, "Call the director"), commit(BEN, "Ask HR")]
    )
    close(store, clock, first)
    renamed = rename_member(store, the_set.name, ANA, "Ana Costa")
    second, _ = hold(store, renamed, clock, presenters=("Ana Costa", BEN))

    owners = {c.action.text: c.owner for c in under_review(store, second)}
    assert owners == {"Call the director": "Ana Costa", "Ask HR": BEN}

    review(store, clock, second, made["Call the director"], 1, ReviewStatus.DONE)
    assert [line.member for line in report_back_lines(store, second)] == ["Ana Costa", BEN]


def test_a_member_who_left_keeps_the_name_they_had(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(BEN, "Ask HR")])
    close(store, clock, first)
    smaller = remove_member(store, the_set.name, BEN, Leaving.KEEP)
    second, _ = hold(store, smaller, clock, presenters=(ANA,))

    assert [c.owner for c in under_review(store, second)] == [f"{BEN} (left)"]
    review(store, clock, second, made["Ask HR"], 1, ReviewStatus.DROPPED)
    assert [line.member for line in report_back_lines(store, second)] == [f"{BEN} (left)"]
