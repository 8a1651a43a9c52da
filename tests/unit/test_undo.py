"""Every slip can be put right: edit, delete, re-kind, move, undo, reopen, failed saves."""

from __future__ import annotations

import pytest

from altui.errors import AltuiError
from altui.exporting import recap_text
from altui.live import JOURNAL_KEPT, LiveMeeting, NotSaved
from altui.meetings import start_or_resume
from altui.models import ItemKind, ItemTag, MeetingStatus, ReviewStatus
from tests.builders import ANA, BEN, step_of


def reloaded(store, live: LiveMeeting, clock) -> LiveMeeting:
    """The meeting as a console opening it after a restart sees it."""
    return LiveMeeting(store, store.meeting(live.meeting.set_slug, live.meeting.number), clock)


def saved_texts(store, meeting) -> list[str]:
    return [i.text for i in store.items(meeting)]


@pytest.fixture
def live(store, meeting, clock) -> LiveMeeting:
    return LiveMeeting(store, meeting, clock)


def test_edit_delete_rekind_and_move_are_saved_and_reach_the_recap(
    live, store, the_set, meeting, clock
):
    live.go_to(step_of(meeting, "Open questions", ANA))
    typo = live.enter("hellohello").item
    wrong_kind = live.enter("Ask the board").item
    stray = live.enter("11").item
    misfiled = live.enter("?Who pays for Ben's trip?").item
    live.edit(typo.id, "hello", typo.kind)
    live.edit(wrong_kind.id, wrong_kind.text, ItemKind.ACTION)
    live.edit(misfiled.id, misfiled.text, ItemKind.QUESTION, ItemTag.CLARIFYING)
    live.delete(stray.id)
    live.move(misfiled.id, step_of(meeting, "Present the issue", BEN))
    again = reloaded(store, live, clock)
    by_text = {i.text: i for i in again.items}
    assert list(by_text) == ["hello", "Ask the board", "Who pays for Ben's trip?"]
    assert by_text["Ask the board"].kind is ItemKind.ACTION
    moved = by_text["Who pays for Ben's trip?"]
    assert moved.presenter_id == meeting.presenters[1].id
    assert moved.step == step_of(meeting, "Present the issue", BEN)
    recap = recap_text(store, the_set, again.meeting)
    # the deleted "11" as an item line: the recap's minutes of the running meeting, counted to
    # the wall clock, may hold "11" (6711 min on 30 Nov at 05:51)
    assert "hellohello" not in recap and "- hello" in recap and "- 11" not in recap
    ben = recap.split("## Ben Okafor")[1] if "## Ben Okafor" in recap else recap.split(BEN)[-1]
    assert "Who pays for Ben's trip?" in ben


def test_an_item_moves_to_any_other_place_and_undo_brings_it_back(live, store, meeting):
    check_in = live.enter("Ana arrives tired").item  # typed in Check-in
    others = ["Bids for time", "Ana Silva's slot", "Break", "Ben Okafor's slot"]
    assert [name for _, name in live.places(check_in.id)] == [
        *others,
        "Process review",
        "Check-out",
    ]
    to_ben = step_of(meeting, "Present the issue", BEN)
    moved = live.move(check_in.id, to_ben)
    assert (moved.step, moved.presenter_id) == (to_ben, meeting.presenters[1].id)
    assert "Ben Okafor's slot" not in dict(live.places(check_in.id)).values()
    review = step_of(meeting, "Process review")
    assert live.move(check_in.id, review).presenter_id is None
    assert live.undo() == "Moved “Ana arrives tired” to Process review"
    assert live.undo() == "Moved “Ana arrives tired” to Ben Okafor's slot"
    (back,) = store.items(meeting)
    assert (back.step, back.presenter_id) == (0, None)
    with pytest.raises(KeyError):
        live.move(check_in.id, 0)  # where it is already: not a place to move to


def test_an_empty_edit_deletes_and_a_kind_character_changes_the_kind(live, store, meeting):
    item = live.enter("a learning typed as a note").item
    assert live.edit(item.id, "!now an action", item.kind).kind is ItemKind.ACTION
    assert live.edit(item.id, "   ", item.kind) is None
    assert saved_texts(store, meeting) == []


def test_undo_takes_back_each_kind_of_change_in_turn(live, store, meeting, clock):
    start = store.meeting(meeting.set_slug, meeting.number)
    item = live.enter("first").item
    live.edit(item.id, "first, edited", item.kind)
    live.next_step()
    clock.advance(30)
    live.toggle_pause()
    live.add_time(60)
    live.add_time(-60)
    doomed = live.enter("doomed").item
    live.delete(doomed.id)
    labels = [live.undo() for _ in range(8)]
    assert labels == [
        "Deleted note “doomed”",
        "Added note “doomed”",
        "One minute less",
        "One more minute",
        "Pause the clock",
        "Move to step 2",
        "Edited note “first, edited”",
        "Added note “first”",
    ]
    assert live.undo() is None
    back = store.meeting(meeting.set_slug, meeting.number)
    assert back.current == start.current and back.steps == start.steps
    assert saved_texts(store, meeting) == []


def test_undo_survives_a_restart(live, store, meeting, clock):
    live.enter("kept")
    live.enter("typed by mistake")
    live.next_step()
    again = reloaded(store, live, clock)
    assert again.undo() == "Move to step 2"
    assert again.undo() == "Added note “typed by mistake”"
    third = reloaded(store, again, clock)
    assert third.meeting.current == 0
    assert [i.text for i in third.items] == ["kept"]
    assert [c.label for c in third.journal] == ["Added note “kept”"]


def test_undo_of_a_step_move_gives_the_time_back_to_the_step_the_room_was_in(live, clock):
    clock.advance(60)
    live.next_step()  # by mistake
    clock.advance(120)
    live.undo()
    assert live.meeting.current == 0
    assert live.reading().text == "12:00"  # 15 minutes less the 3 the room spent in check-in


def test_the_journal_keeps_at_least_twenty_changes(live):
    for n in range(JOURNAL_KEPT + 5):
        live.enter(f"line {n}")
    assert len(live.journal) == JOURNAL_KEPT >= 20
    undone = [live.undo() for _ in range(20)]
    assert undone[0] == f"Added note “line {JOURNAL_KEPT + 4}”"
    assert len(live.items) == JOURNAL_KEPT + 5 - 20


def test_a_status_and_a_note_can_be_undone(store, the_set, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Commit to actions", ANA))
    live.enter("Ask the director")
    live.close(None)
    second = LiveMeeting(store, start_or_resume(store, the_set, clock), clock)
    second.next_step()
    commitment = second.commitments()[0]
    second.review(commitment, status=ReviewStatus.DONE)
    second.review(commitment, note="she said yes")
    assert second.undo() == "Ana Silva: note “she said yes”"
    assert second.undo() == "Ana Silva: marked done"
    assert second.commitments()[0].status is None
    assert store.reviews(second.meeting) == []


def test_a_commitment_whose_status_was_undone_stays_in_the_recap_as_open(
    store, the_set, meeting, clock
):
    """Marked dropped by a slip, then undone: the record must not lose it (a recap listing
    only what was heard made it vanish while it was still open)."""
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Commit to actions", ANA))
    live.enter("Ask the director")
    live.close(None)
    second = LiveMeeting(store, start_or_resume(store, the_set, clock), clock)
    second.next_step()
    second.review(second.commitments()[0], status=ReviewStatus.DROPPED)
    second.undo()
    recap = recap_text(store, the_set, second.meeting)
    assert "- Ask the director: **Not discussed**, comes back next meeting" in recap


def test_a_failed_save_changes_nothing_and_the_next_one_writes_everything(
    live, store, meeting, monkeypatch
):
    live.enter("before the disk filled")
    real = store.write_meeting

    def disk_full(*_args: object) -> None:
        raise AltuiError("0001.json: could not save (No space left on device)")

    monkeypatch.setattr(store, "write_meeting", disk_full)
    with pytest.raises(NotSaved, match="No space left"):
        live.next_step()
    with pytest.raises(NotSaved):
        live.enter("while full")
    assert live.meeting.current == 0  # the screen shows what the file holds
    assert [i.text for i in live.items] == ["before the disk filled"]
    monkeypatch.setattr(store, "write_meeting", real)
    live.next_step()
    live.enter("after")
    saved = store.meeting(meeting.set_slug, meeting.number)
    assert saved.current == 1
    assert saved_texts(store, meeting) == ["before the disk filled", "after"]


def test_an_ended_meeting_reopens_as_it_was_until_the_next_one_starts(
    store, the_set, meeting, clock
):
    live = LiveMeeting(store, meeting, clock)
    live.enter("said before the end")
    live.next_step()
    clock.advance(90)
    live.close(None)
    with pytest.raises(NotSaved, match="ended"):
        live.enter("typed after the end")
    clock.advance(3600)
    again = reloaded(store, live, clock)
    again.reopen()
    saved = store.meeting(meeting.set_slug, meeting.number)
    assert saved.status is MeetingStatus.RUNNING and saved.current == 1
    assert again.reading().text == "3:30"  # the hour it was closed does not count
    assert again.undo() == "Move to step 2"  # past the ending: undo never ends a meeting
    assert again.meeting.status is MeetingStatus.RUNNING
    again.close(None)
    start_or_resume(store, the_set, clock)  # meeting 2 starts
    with pytest.raises(NotSaved, match="meeting 2 has started"):
        reloaded(store, again, clock).reopen()


def test_a_score_out_of_range_is_refused_not_saved_as_a_learning(live, meeting):
    live.go_to(step_of(meeting, "Process review"))
    with pytest.raises(NotSaved, match="1 to 10"):
        live.enter("11")
    assert live.enter("8/10").score == 8
    assert live.items == []


def test_fit_skip_swap_and_score_are_undone_too(store, the_set, clock):
    from altui.meetings import start_or_resume as start

    meeting = start(store, the_set, clock)
    live = LiveMeeting(store, meeting, clock)
    steps = [s.model_copy() for s in live.meeting.steps]
    clock.advance(25 * 60)  # check-in ten minutes over
    assert live.fit_to_time() > 0
    assert live.swap_next_presenters() is not None
    assert live.skip_next_presenter() is not None
    assert [live.undo() for _ in range(3)] == [
        "Skip Ben Okafor",  # first after the swap
        "Swap the next two presenters",
        "Fit to time",
    ]
    assert [(s.name, s.presenter, s.minutes) for s in live.meeting.steps] == [
        (s.name, s.presenter, s.minutes) for s in steps
    ]
    live.go_to(step_of(live.meeting, "Process review"))
    live.enter("7")
    assert live.undo() == "Set score 7"
    assert store.meeting(meeting.set_slug, meeting.number).set_score is None
