"""Commitments: actions taken away at one meeting and reported back on at the next ones."""

from __future__ import annotations

import pytest

from altui.commitments import (
    NO_OWNER,
    Commitment,
    open_commitments,
    report_back_lines,
    under_review,
)
from altui.live import LiveMeeting
from altui.models import Item, Meeting, MeetingStatus, ReportBackLine, Review, ReviewStatus
from altui.planning import start_or_resume
from tests.conftest import step_of

ANA, BEN = "Ana Silva", "Ben Okafor"


def hold(store, the_set, clock, actions=(), presenters=(ANA, BEN)):
    """Start the set's next meeting and capture each (presenter or None, text) as an action.

    A presenter's action is typed in their "Commit to actions" step; a group one (None) in
    "Process review". Returns the meeting and its actions by text.
    """
    meeting = start_or_resume(store, the_set, clock, presenters=list(presenters))
    live = LiveMeeting(store, meeting, clock)
    made: dict[str, Item] = {}
    for who, text in actions:
        if who is None:
            where = step_of(meeting, "Process review")
        else:
            where = step_of(meeting, "Commit to actions", who)
        live.go_to(where)
        clock.advance(60)
        item = live.enter(f"!{text}").item
        assert item is not None
        made[text] = item
    return live.meeting, made


def close(store, meeting: Meeting) -> None:
    meeting.status = MeetingStatus.CLOSED
    store.save_meeting(meeting)


def review(store, clock, meeting, action: Item, origin: int, status, note=""):
    clock.advance(30)
    store.add_review(
        meeting,
        Review(
            action_id=action.id,
            origin=origin,
            member_id=action.presenter_id,
            status=status,
            note=note,
            created=clock.now(),
        ),
    )


def texts(commitments: list[Commitment]) -> list[str]:
    return [c.action.text for c in commitments]


# open commitments ---------------------------------------------------------------------------


def test_the_first_meeting_has_nothing_to_review(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [(ANA, "Call the director")])
    assert open_commitments(store, the_set.slug, 1) == []
    assert under_review(store, first) == []
    assert report_back_lines(store, first) == []


def test_meeting_two_lists_meeting_one_actions_with_their_owners(store, the_set, clock):
    first, made = hold(
        store,
        the_set,
        clock,
        [(ANA, "Call the director"), (BEN, "Draft the bid"), (ANA, "Book a coach")],
    )
    close(store, first)
    second, _ = hold(store, the_set, clock, [(BEN, "Not yet due")])
    found = open_commitments(store, the_set.slug, second.number)
    assert texts(found) == ["Call the director", "Draft the bid", "Book a coach"]
    assert [c.owner for c in found] == [ANA, BEN, ANA]
    ana, ben = (the_set.member(ANA), the_set.member(BEN))
    assert [c.owner_id for c in found] == [ana.id, ben.id, ana.id]
    assert {c.origin for c in found} == {1}
    assert {c.times_carried for c in found} == {0}
    assert {c.status for c in found} == {None}
    assert found[0].action == made["Call the director"]


def test_an_action_from_a_group_step_belongs_to_the_set(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [(None, "Agree the next date")])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    (found,) = open_commitments(store, the_set.slug, second.number)
    assert found.owner == NO_OWNER
    assert found.owner_id is None


def test_only_actions_are_commitments(store, the_set, clock):
    first = start_or_resume(store, the_set, clock, presenters=[ANA])
    live = LiveMeeting(store, first, clock)
    live.go_to(step_of(first, "Commit to actions", ANA))
    live.enter("?What if you said no")
    live.enter("*I avoid the conversation")
    live.enter("#Seemed tired")
    live.enter("Ring the union rep")  # the step's default kind is action
    close(store, live.meeting)
    second, _ = hold(store, the_set, clock)
    assert texts(open_commitments(store, the_set.slug, second.number)) == ["Ring the union rep"]


def test_reports_back_close_all_but_carried_forward(store, the_set, clock):
    statuses = {
        "Done one": ReviewStatus.DONE,
        "Partly one": ReviewStatus.PARTLY,
        "Not done one": ReviewStatus.NOT_DONE,
        "Dropped one": ReviewStatus.DROPPED,
        "Carried one": ReviewStatus.CARRIED,
    }
    first, made = hold(store, the_set, clock, [(ANA, text) for text in statuses])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    for text, status in statuses.items():
        review(store, clock, second, made[text], 1, status, note=f"about {text}")
    close(store, second)
    third, _ = hold(store, the_set, clock)
    (carried,) = open_commitments(store, the_set.slug, third.number)
    assert carried.action.text == "Carried one"
    assert carried.times_carried == 1
    assert carried.origin == 1
    assert carried.owner == ANA
    assert (carried.status, carried.note) == (None, "")


def test_a_carried_commitment_reported_done_later_is_closed(store, the_set, clock):
    first, made = hold(store, the_set, clock, [(ANA, "Carried"), (BEN, "Carried twice")])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    review(store, clock, second, made["Carried"], 1, ReviewStatus.CARRIED)
    review(store, clock, second, made["Carried twice"], 1, ReviewStatus.CARRIED)
    close(store, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made["Carried"], 1, ReviewStatus.DONE, note="at last")
    review(store, clock, third, made["Carried twice"], 1, ReviewStatus.CARRIED)
    close(store, third)
    fourth, _ = hold(store, the_set, clock)
    (left,) = open_commitments(store, the_set.slug, fourth.number)
    assert left.action.text == "Carried twice"
    assert left.times_carried == 2
    assert left.origin == 1


def test_a_commitment_nobody_reported_on_stays_open_without_being_carried(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [(ANA, "Forgotten")])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    close(store, second)
    third, _ = hold(store, the_set, clock)
    (still,) = open_commitments(store, the_set.slug, third.number)
    assert (still.action.text, still.times_carried, still.origin) == ("Forgotten", 0, 1)


@pytest.mark.parametrize(
    ("first_status", "last_status", "open_after"),
    [
        (ReviewStatus.CARRIED, ReviewStatus.DONE, False),
        (ReviewStatus.DONE, ReviewStatus.CARRIED, True),
        (ReviewStatus.DROPPED, ReviewStatus.PARTLY, False),
    ],
)
def test_the_latest_of_two_reviews_in_a_meeting_wins(
    store, the_set, clock, first_status, last_status, open_after
):
    first, made = hold(store, the_set, clock, [(ANA, "Call the director")])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    action = made["Call the director"]
    review(store, clock, second, action, 1, first_status, note="first thought")
    review(store, clock, second, action, 1, last_status, note="on reflection")
    (seen,) = under_review(store, second)
    assert (seen.status, seen.note) == (last_status, "on reflection")
    (line,) = report_back_lines(store, second)
    assert (line.status, line.note) == (last_status, "on reflection")
    close(store, second)
    third, _ = hold(store, the_set, clock)
    left = open_commitments(store, the_set.slug, third.number)
    assert texts(left) == (["Call the director"] if open_after else [])
    if open_after:
        assert left[0].times_carried == 1


def test_under_review_overlays_this_meetings_reports(store, the_set, clock):
    first, made = hold(store, the_set, clock, [(ANA, "Call the director"), (BEN, "Draft the bid")])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    assert [(c.status, c.note) for c in under_review(store, second)] == [(None, ""), (None, "")]
    review(store, clock, second, made["Draft the bid"], 1, ReviewStatus.PARTLY, note="half")
    seen = under_review(store, second)
    assert texts(seen) == ["Call the director", "Draft the bid"]
    assert [(c.status, c.note) for c in seen] == [(None, ""), (ReviewStatus.PARTLY, "half")]
    assert [c.owner for c in seen] == [ANA, BEN]
    # the open list itself is what the meeting started with: a report back does not remove it
    assert texts(open_commitments(store, the_set.slug, second.number)) == texts(seen)


def test_a_later_meeting_does_not_change_what_an_earlier_one_heard(store, the_set, clock):
    first, made = hold(store, the_set, clock, [(ANA, "Call the director")])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.CARRIED, note="soon")
    close(store, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made["Call the director"], 1, ReviewStatus.DONE, note="done")
    (then,) = under_review(store, store.meeting(the_set.slug, 2))
    assert (then.status, then.note, then.times_carried) == (ReviewStatus.CARRIED, "soon", 0)
    (now,) = under_review(store, third)
    assert (now.status, now.note, now.times_carried) == (ReviewStatus.DONE, "done", 1)


def test_a_review_of_an_unknown_action_is_ignored(store, the_set, clock):
    first, made = hold(store, the_set, clock, [(ANA, "Call the director")])
    close(store, first)
    second, _ = hold(store, the_set, clock)
    stray = Item.model_validate({**made["Call the director"].model_dump(), "id": "nosuchaction"})
    review(store, clock, second, stray, 1, ReviewStatus.DONE)
    (seen,) = under_review(store, second)
    assert seen.status is None
    assert report_back_lines(store, second) == []


# report back --------------------------------------------------------------------------------


def test_report_back_lines_list_only_the_reviewed_commitments(store, the_set, clock):
    first, made = hold(
        store,
        the_set,
        clock,
        [(ANA, "Call the director"), (BEN, "Draft the bid"), (None, "Agree the next date")],
    )
    close(store, first)
    second, _ = hold(store, the_set, clock)
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.CARRIED, "on leave")
    review(store, clock, second, made["Agree the next date"], 1, ReviewStatus.DONE, "4 March")
    close(store, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made["Call the director"], 1, ReviewStatus.DONE, "she said yes")
    review(store, clock, third, made["Draft the bid"], 1, ReviewStatus.NOT_DONE)

    assert report_back_lines(store, second) == [
        ReportBackLine(
            member=ANA,
            commitment="Call the director",
            origin=1,
            status=ReviewStatus.CARRIED,
            note="on leave",
        ),
        ReportBackLine(
            member=NO_OWNER,
            commitment="Agree the next date",
            origin=1,
            status=ReviewStatus.DONE,
            note="4 March",
        ),
    ]
    assert report_back_lines(store, third) == [
        ReportBackLine(
            member=ANA,
            commitment="Call the director",
            origin=1,
            status=ReviewStatus.DONE,
            note="she said yes",
        ),
        ReportBackLine(
            member=BEN,
            commitment="Draft the bid",
            origin=1,
            status=ReviewStatus.NOT_DONE,
            note="",
        ),
    ]


def test_report_back_keeps_each_commitments_origin(store, the_set, clock):
    first, made_1 = hold(store, the_set, clock, [(ANA, "From one")])
    close(store, first)
    second, made_2 = hold(store, the_set, clock, [(BEN, "From two")])
    review(store, clock, second, made_1["From one"], 1, ReviewStatus.CARRIED)
    close(store, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made_1["From one"], 1, ReviewStatus.PARTLY)
    review(store, clock, third, made_2["From two"], 2, ReviewStatus.DROPPED)
    lines = report_back_lines(store, third)
    assert [(line.commitment, line.origin, line.member) for line in lines] == [
        ("From one", 1, ANA),
        ("From two", 2, BEN),
    ]
