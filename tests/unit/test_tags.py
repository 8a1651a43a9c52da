"""Questions tagged clarifying or open, learnings tagged by what they are about."""

from __future__ import annotations

from altui.exporting import recap_text
from altui.live import LiveMeeting
from altui.models import ItemKind, ItemTag, next_tag, question_counts
from tests.builders import retag_newest, step_of


def test_next_tag_cycles():
    assert next_tag(ItemKind.QUESTION, ItemTag.CLARIFYING) is ItemTag.OPEN
    assert next_tag(ItemKind.QUESTION, ItemTag.OPEN) is ItemTag.CLARIFYING
    assert next_tag(ItemKind.QUESTION, None) is ItemTag.CLARIFYING
    assert next_tag(ItemKind.LEARNING, None) is ItemTag.SITUATION
    assert next_tag(ItemKind.LEARNING, ItemTag.THINKING) is None
    assert next_tag(ItemKind.ACTION, None) is None


def test_questions_take_the_steps_tag_and_can_be_changed(store, the_set, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
    assert live.enter("Who else knows?").item.tag is ItemTag.CLARIFYING
    live.enter("What are you afraid of?")
    changed = retag_newest(live)
    assert changed is not None and changed.tag is ItemTag.OPEN
    live.go_to(step_of(meeting, "Open questions", "Ana Silva"))
    assert live.enter("What would you regret?").item.tag is ItemTag.OPEN
    assert live.enter("!an action is not tagged").item.tag is None
    live.go_to(step_of(meeting, "Reflect and reframe", "Ana Silva"))
    live.enter("I avoid conflict")
    assert retag_newest(live).tag is ItemTag.SITUATION
    assert retag_newest(live).tag is ItemTag.MYSELF

    stored = {i.text: i.tag for i in store.items(meeting)}
    assert stored["What are you afraid of?"] is ItemTag.OPEN
    assert stored["I avoid conflict"] is ItemTag.MYSELF

    recap = recap_text(store, the_set, store.meeting(meeting.set_slug, meeting.number))
    assert "Questions asked: 1 clarifying, 2 open." in recap
    assert "- I avoid conflict (about myself)" in recap
    clarifying = recap.split("### Clarifying questions")[1].split("###")[0]
    assert "Who else knows?" in clarifying and "afraid" not in clarifying


def test_a_question_keeps_its_tag_through_changes_of_kind(store, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Open questions", "Ana Silva"))
    asked = live.enter("Who else knows?", tag=ItemTag.CLARIFYING).item
    as_note = live.edit(asked.id, asked.text, ItemKind.NOTE, asked.tag)
    assert as_note.tag is None  # a note has no tag
    back = live.edit(asked.id, asked.text, ItemKind.QUESTION, ItemTag.CLARIFYING)
    assert back.tag is ItemTag.CLARIFYING  # the tag chosen goes round with the item


def test_an_item_made_a_question_is_tagged_as_one_typed_in_its_step(store, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
    slip = live.enter("!Who else knows?").item  # saved as an action by mistake
    assert slip.tag is None
    assert live.edit(slip.id, slip.text, ItemKind.QUESTION).tag is ItemTag.CLARIFYING
    live.go_to(step_of(meeting, "Reflect and reframe", "Ana Silva"))
    learned = live.enter("I avoid conflict", tag=ItemTag.MYSELF).item
    assert live.edit(learned.id, "?" + learned.text, learned.kind).tag is None  # as if typed
    live.go_to(step_of(meeting, "Open questions", "Ana Silva"))
    assert live.edit(slip.id, "!" + slip.text, ItemKind.QUESTION).tag is None


def test_question_counts_leave_out_what_was_not_asked(store, meeting, clock):
    live = LiveMeeting(store, meeting, clock)
    assert question_counts(live.items) == []
    live.go_to(step_of(meeting, "Present the issue", "Ana Silva"))
    live.enter("?Before the questions start")
    live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
    live.enter("Who else knows?")
    assert question_counts(live.items) == ["1 clarifying", "1 untagged"]
