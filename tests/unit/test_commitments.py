"""Commitments: actions taken away at one meeting and reported back on at the next ones."""

from __future__ import annotations

import pytest

from altui.commitments import LEFT, open_commitments, report_back_lines, under_review
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import EVERYONE, Item, ReportBackLine, ReviewStatus
from tests.builders import ANA, BEN, close, commit, follow_through, hold, review, step_of, texts

# open commitments ---------------------------------------------------------------------------


def test_the_first_meeting_has_nothing_to_review(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    assert open_commitments(store, the_set.slug, 1) == []
    assert under_review(store, first) == []
    assert report_back_lines(store, first) == []


def test_meeting_two_lists_meeting_one_actions_with_their_owners(store, the_set, clock):
    first, made = hold(
        store,
        the_set,
        clock,
        [
            commit(ANA, "Call the director"),
            commit(BEN, "Draft the bid"),
            commit(ANA, "Book a coach"),
        ],
    )
    close(store, clock, first)
    second, _ = hold(store, the_set, clock, [commit(BEN, "Not yet due")])
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
    first, _ = hold(store, the_set, clock, [commit(None, "Agree the next date")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    (found,) = open_commitments(store, the_set.slug, second.number)
    assert found.owner == EVERYONE
    assert found.owner_id is None


def test_only_actions_are_commitments(store, the_set, clock):
    first = start_or_resume(store, the_set, clock, presenters=[ANA])
    live = LiveMeeting(store, first, clock)
    live.go_to(step_of(first, "Commit to actions", ANA))
    live.enter("?What if you said no")
    live.enter("*I avoid the conversation")
    live.enter("#Seemed tired")
    live.enter("Ring the union rep")  # the step's default kind is action
    close(store, clock, live.meeting)
    second, _ = hold(store, the_set, clock)
    assert texts(open_commitments(store, the_set.slug, second.number)) == ["Ring the union rep"]


def test_a_commitment_nobody_reported_on_stays_open_without_being_carried(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [commit(ANA, "Forgotten")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    close(store, clock, second)
    third, _ = hold(store, the_set, clock)
    (still,) = open_commitments(store, the_set.slug, third.number)
    assert (still.action.text, still.times_carried, still.origin) == ("Forgotten", 0, 1)


def test_under_review_overlays_this_meetings_reports(store, the_set, clock):
    first, made = hold(
        store, the_set, clock, [commit(ANA, "Call the director"), commit(BEN, "Draft the bid")]
    )
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    assert [(c.status, c.notes) for c in under_review(store, second)] == [(None, ()), (None, ())]
    review(store, clock, second, made["Draft the bid"], 1, ReviewStatus.PARTLY, note="half")
    seen = under_review(store, second)
    assert texts(seen) == ["Call the director", "Draft the bid"]
    assert [(c.status, c.notes) for c in seen] == [(None, ()), (ReviewStatus.PARTLY, ("half",))]
    assert [c.owner for c in seen] == [ANA, BEN]
    # the open list itself is what the meeting started with: a report back does not remove it
    assert texts(open_commitments(store, the_set.slug, second.number)) == texts(seen)


def test_a_later_meeting_does_not_change_what_an_earlier_one_heard(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.CARRIED, note="soon")
    close(store, clock, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made["Call the director"], 1, ReviewStatus.DONE, note="done")
    (then,) = under_review(store, store.meeting(the_set.slug, 2))
    assert (then.status, then.notes, then.times_carried) == (ReviewStatus.CARRIED, ("soon",), 0)
    (now,) = under_review(store, third)
    assert (now.status, now.notes, now.times_carried) == (ReviewStatus.DONE, ("done",), 1)


def test_a_review_of_an_unknown_action_is_ignored(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    stray = Item.model_validate({**made["Call the director"].model_dump(), "id": "nosuchaction"})
    review(store, clock, second, stray, 1, ReviewStatus.DONE)
    (seen,) = under_review(store, second)
    assert seen.status is None
    (line,) = report_back_lines(store, second)
    assert (line.status, line.outcome, line.still_open) == (None, "Not discussed", True)


# report back --------------------------------------------------------------------------------


def test_report_back_lines_list_every_open_commitment_heard_of_or_not(store, the_set, clock):
    """Nobody spoke to Ben's bid in meeting 2: it is listed, not discussed, still open."""
    first, made = hold(
        store,
        the_set,
        clock,
        [
            commit(ANA, "Call the director"),
            commit(BEN, "Draft the bid"),
            commit(None, "Agree the next date"),
        ],
    )
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.CARRIED, "on leave")
    review(store, clock, second, made["Agree the next date"], 1, ReviewStatus.DONE, "4 March")
    close(store, clock, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made["Call the director"], 1, ReviewStatus.DONE, "she said yes")
    review(store, clock, third, made["Draft the bid"], 1, ReviewStatus.NOT_DONE)

    assert report_back_lines(store, second) == [
        ReportBackLine(
            member=ANA,
            commitment="Call the director",
            origin=1,
            status=ReviewStatus.CARRIED,
            notes=("on leave",),
            still_open=True,
        ),
        ReportBackLine(
            member=BEN,
            commitment="Draft the bid",
            origin=1,
            status=None,
            still_open=True,
        ),
        ReportBackLine(
            member=EVERYONE,
            commitment="Agree the next date",
            origin=1,
            status=ReviewStatus.DONE,
            notes=("4 March",),
        ),
    ]
    assert report_back_lines(store, third) == [
        ReportBackLine(
            member=ANA,
            commitment="Call the director",
            origin=1,
            status=ReviewStatus.DONE,
            notes=("she said yes",),
            earlier="carried, 23 Dec: on leave",
        ),
        ReportBackLine(
            member=BEN,
            commitment="Draft the bid",
            origin=1,
            status=ReviewStatus.NOT_DONE,
            still_open=True,
        ),
    ]


def test_report_back_keeps_each_commitments_origin(store, the_set, clock):
    first, made_1 = hold(store, the_set, clock, [commit(ANA, "From one")])
    close(store, clock, first)
    second, made_2 = hold(store, the_set, clock, [commit(BEN, "From two")])
    review(store, clock, second, made_1["From one"], 1, ReviewStatus.CARRIED)
    close(store, clock, second)
    third, _ = hold(store, the_set, clock)
    review(store, clock, third, made_1["From one"], 1, ReviewStatus.PARTLY)
    review(store, clock, third, made_2["From two"], 2, ReviewStatus.DROPPED)
    lines = report_back_lines(store, third)
    assert [(line.commitment, line.origin, line.member) for line in lines] == [
        ("From one", 1, ANA),
        ("From two", 2, BEN),
    ]


# the lifecycle, one rule at a time -----------------------------------------------------------


def heard_in_meeting_two(store, the_set, clock, *said):
    """Meeting 1 commits Ana to "Call the director"; meeting 2 (four weeks later) hears each
    (status, note) in ``said`` about it and closes. Returns what is open before meeting 3."""
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    for status, note in said:
        review(store, clock, second, made["Call the director"], 1, status, note)
    close(store, clock, second)
    return open_commitments(store, the_set.slug, 3)


@pytest.mark.parametrize("status", [ReviewStatus.DONE, ReviewStatus.DROPPED])
def test_done_and_dropped_close_a_commitment(store, the_set, clock, status):
    assert heard_in_meeting_two(store, the_set, clock, (status, "")) == []


@pytest.mark.parametrize("status", [ReviewStatus.PARTLY, ReviewStatus.NOT_DONE])
def test_partly_and_not_done_keep_it_open_with_what_happened(store, the_set, clock, status):
    (still,) = heard_in_meeting_two(store, the_set, clock, (status, "she was away"))
    assert [(h.meeting, h.status, h.notes) for h in still.earlier] == [
        (2, status, ("she was away",))
    ]
    assert still.history() == f"{status.label.lower()}, 23 Dec: she was away"
    assert (still.status, still.notes) == (None, ())  # nothing heard yet in meeting 3


def test_a_note_alone_never_closes(store, the_set, clock):
    (still,) = heard_in_meeting_two(store, the_set, clock, (None, "Tried twice, no answer"))
    assert still.history() == "noted, 23 Dec: Tried twice, no answer"


def test_an_unreviewed_commitment_stays_open_with_no_history(store, the_set, clock):
    (still,) = heard_in_meeting_two(store, the_set, clock)
    assert (still.earlier, still.history()) == ((), "")


def test_carried_forward_stays_open_and_is_counted(store, the_set, clock):
    (still,) = heard_in_meeting_two(store, the_set, clock, (ReviewStatus.CARRIED, ""))
    assert (still.times_carried, still.history()) == (1, "carried 1x")


def test_a_later_status_in_the_same_meeting_supersedes_an_earlier_one(store, the_set, clock):
    said = [(ReviewStatus.CARRIED, ""), (ReviewStatus.DONE, "")]
    assert heard_in_meeting_two(store, the_set, clock, *said) == []


def test_a_status_taken_back_leaves_it_unreviewed_but_keeps_the_notes(store, the_set, clock):
    said = [(ReviewStatus.DONE, ""), (ReviewStatus.DONE, "booked"), (None, "")]
    (still,) = heard_in_meeting_two(store, the_set, clock, *said)
    assert [(h.status, h.notes) for h in still.earlier] == [(None, ("booked",))]


def test_every_note_is_kept_in_order_and_a_repeated_one_once(store, the_set, clock):
    # an older altui wrote the latest note again with every review: it is the same note
    said = [
        (None, "rang once"),
        (ReviewStatus.PARTLY, "rang once"),
        (ReviewStatus.PARTLY, "left a message"),
        (ReviewStatus.NOT_DONE, "left a message"),
    ]
    (still,) = heard_in_meeting_two(store, the_set, clock, *said)
    (hearing,) = still.earlier
    assert (hearing.status, hearing.notes) == (
        ReviewStatus.NOT_DONE,
        ("rang once", "left a message"),
    )


def test_the_history_reads_in_order_with_plain_carries_counted(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    action = made["Call the director"]
    close(store, clock, first)
    for status, note in [
        (ReviewStatus.PARTLY, "voicemail"),
        (ReviewStatus.CARRIED, ""),
        (ReviewStatus.CARRIED, ""),
        (ReviewStatus.CARRIED, "on leave"),
    ]:
        meeting, _ = hold(store, the_set, clock)
        review(store, clock, meeting, action, 1, status, note)
        close(store, clock, meeting)
    (still,) = open_commitments(store, the_set.slug, 6)
    assert still.history() == "partly, 23 Dec: voicemail; carried 2x; carried, 17 Mar: on leave"
    assert still.times_carried == 3


def test_a_commitment_reviewed_in_the_meeting_it_was_made_is_not_closed(store, the_set, clock):
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    review(store, clock, first, made["Call the director"], 1, ReviewStatus.DONE)
    close(store, clock, first)
    assert texts(open_commitments(store, the_set.slug, 2)) == ["Call the director"]


def test_report_back_is_by_owner_then_oldest_first(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [commit(BEN, "Ben's first"), commit(ANA, "Ana's first")])
    close(store, clock, first)
    second, _ = hold(
        store, the_set, clock, [commit(None, "The set's"), commit(ANA, "Ana's second")]
    )
    close(store, clock, second)
    third, _ = hold(store, the_set, clock)
    seen = under_review(store, third)
    assert [(c.owner, c.action.text) for c in seen] == [
        (ANA, "Ana's first"),
        (ANA, "Ana's second"),
        (BEN, "Ben's first"),
        (EVERYONE, "The set's"),
    ]


def test_an_owner_who_has_left_is_marked(store, the_set, clock):
    first, _ = hold(store, the_set, clock, [commit(BEN, "Talk to the supplier")])
    close(store, clock, first)
    the_set.members = [m for m in the_set.members if m.name != BEN]
    store.save_set(the_set)
    second, _ = hold(store, the_set, clock, presenters=[ANA])
    (seen,) = under_review(store, second)
    assert seen.owner == f"{BEN}{LEFT}"
    (line,) = report_back_lines(store, second)  # nothing heard of it yet, and still open
    assert (line.member, line.outcome) == (f"{BEN}{LEFT}", "Not discussed")


# one history, every reader ------------------------------------------------------------------

# (what meeting 2 heard, what meeting 3 heard) of one of Ana's commitments, and what follows:
# open before meeting 4?, outcomes counted, of which done or partly.
LIFECYCLES = {
    "nothing said": ([], [], True, 0, 0),
    "a note alone": ([(None, "no answer yet")], [], True, 0, 0),
    "partly": ([(ReviewStatus.PARTLY, "half")], [], True, 1, 1),
    "not done": ([(ReviewStatus.NOT_DONE, "")], [], True, 1, 0),
    "done": ([(ReviewStatus.DONE, "")], [], False, 1, 1),
    "dropped": ([(ReviewStatus.DROPPED, "")], [], False, 1, 0),
    "carried": ([(ReviewStatus.CARRIED, "")], [(ReviewStatus.CARRIED, "")], True, 0, 0),
    "partly, then done": ([(ReviewStatus.PARTLY, "")], [(ReviewStatus.DONE, "")], False, 1, 1),
    "not done, then dropped": (
        [(ReviewStatus.NOT_DONE, "")],
        [(ReviewStatus.DROPPED, "")],
        False,
        1,
        0,
    ),
    "done, taken back": ([(ReviewStatus.DONE, ""), (None, "")], [], True, 0, 0),
    "carried, then not done": (
        [(ReviewStatus.CARRIED, "")],
        [(ReviewStatus.NOT_DONE, "")],
        True,
        1,
        0,
    ),
}


@pytest.mark.parametrize("case", LIFECYCLES)
def test_report_back_home_count_and_follow_through_agree(store, the_set, clock, case):
    from altui.screens.home import set_line

    in_two, in_three, still_open, outcomes, kept = LIFECYCLES[case]
    first, made = hold(
        store,
        the_set,
        clock,
        [commit(ANA, "The one under test"), commit(BEN, "Ben's, never reviewed")],
    )
    close(store, clock, first)
    for said in (in_two, in_three):
        meeting, _ = hold(store, the_set, clock)
        for status, note in said:
            review(store, clock, meeting, made["The one under test"], 1, status, note)
        close(store, clock, meeting)

    expected = ["The one under test"] if still_open else []
    home = set_line(store, store.find_set(the_set.name)).plain
    people = {p.name: p for p in follow_through(store, the_set.slug)}
    fourth, _ = hold(store, the_set, clock)
    reported = under_review(store, fourth)

    assert [c.action.text for c in reported if c.owner == ANA] == expected
    assert f"{len(expected) + 1} open commitment" in home
    assert (people[ANA].open, people[ANA].reviewed, people[ANA].kept) == (
        len(expected),
        outcomes,
        kept,
    )
    assert people[BEN].open == 1
    assert sum(p.open for p in people.values()) == len(reported)
