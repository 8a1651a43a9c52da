"""A read-only store (display, serve, export, check) reads everything and writes nothing."""

from __future__ import annotations

import pytest

from altui.commitments import open_commitments, report_back_lines, under_review
from altui.drafts import Draft
from altui.errors import AltuiError
from altui.files import privacy_warnings
from altui.live import LiveMeeting
from altui.models import Item, ItemKind, Review, Set
from altui.store import COMMITMENT_INDEX, Store
from tests.builders import ANA, BEN, close, commit, hold, tree


@pytest.fixture
def two_meetings(store, the_set, clock):
    """Meeting 1 closed with two actions; meeting 2 running, its commitment index not written."""
    first, _ = hold(
        store, the_set, clock, [commit(ANA, "Call the director"), commit(BEN, "Draft the bid")]
    )
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    (store.root / the_set.slug / COMMITMENT_INDEX).unlink(missing_ok=True)
    return second


def test_the_commitments_are_worked_out_but_the_index_is_not_written(
    store, the_set, two_meetings, forbid_writes
):
    expected = [c.action.text for c in open_commitments(store, the_set.slug, 2)]
    (store.root / the_set.slug / COMMITMENT_INDEX).unlink()
    before = tree(store.root)
    tried = forbid_writes(store.root)
    viewer = Store(store.root, read_only=True)
    assert [c.action.text for c in open_commitments(viewer, the_set.slug, 2)] == expected
    assert [c.action.text for c in under_review(viewer, two_meetings)] == expected
    assert [line.commitment for line in report_back_lines(viewer, two_meetings)] == expected
    assert tried == []
    assert tree(store.root) == before


def test_everything_a_view_reads_works_where_nothing_can_be_written(
    store, the_set, two_meetings, clock, forbid_writes
):
    before = tree(store.root)
    tried = forbid_writes(store.root)
    viewer = Store(store.root, read_only=True)
    (found,) = viewer.sets()
    assert viewer.find_set("team tiger") == found
    meeting = viewer.latest_meeting(found.slug)
    live = LiveMeeting(viewer, meeting, clock)
    assert live.items == []
    assert viewer.record(found.slug, 1)[1]
    assert not viewer.blanked(meeting)
    assert viewer.needs_upgrade(found.slug) == []
    assert privacy_warnings(viewer.root) == []
    assert tried == []
    assert tree(store.root) == before


def test_every_write_is_refused_in_one_line_and_changes_nothing(
    store, the_set, two_meetings, clock
):
    before = tree(store.root)
    viewer = Store(store.root, read_only=True)
    meeting = two_meetings
    item = Item(kind=ItemKind.NOTE, text="x", step=0, created=clock.now())
    review = Review(action_id="a", origin=1, created=clock.now())
    new = Set(name="Other", slug="other", created=clock.now())
    writes = [
        lambda: viewer.create_set(new),
        lambda: viewer.save_set(the_set),
        lambda: viewer.create_meeting(meeting.model_copy(update={"number": 3})),
        lambda: viewer.save_meeting(meeting),
        lambda: viewer.add_item(meeting, item),
        lambda: viewer.update_item(meeting, item),
        lambda: viewer.add_review(meeting, review),
        lambda: viewer.write_meeting(meeting, [item], [review], []),
        lambda: viewer.save_draft(meeting, Draft("typed")),
        lambda: viewer.set_blanked(meeting, True),
        lambda: viewer.backup(the_set.slug, "test", clock.now()),
        lambda: viewer.upgrade(the_set.slug, clock.now()),
    ]
    for write in writes:
        with pytest.raises(AltuiError, match=r"opened read only; \w+ refused$"):
            write()
    viewer.write_commitment_index(the_set.slug, {"before": 2})  # a cache: quietly not kept
    assert tree(store.root) == before


def test_a_writing_store_is_caught_by_the_guard(store, the_set, two_meetings, forbid_writes):
    """The guard the tests above rely on sees the writes a console makes."""
    tried = forbid_writes(store.root)
    open_commitments(store, the_set.slug, 2)  # writes the index (best effort: logged)
    with pytest.raises(AltuiError, match="could not save"):
        store.save_meeting(two_meetings)
    assert any(COMMITMENT_INDEX in t for t in tried)
    assert any(t.startswith("open ") and ".tmp" in t for t in tried), tried
