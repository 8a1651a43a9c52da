"""The data folder: round trips, file permissions, atomic writes and damaged files."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import UTC, datetime

import pytest

from altui.clock import FakeClock
from altui.errors import AltuiError
from altui.meetings import start_or_resume
from altui.models import (
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    Member,
    ReviewStatus,
    Set,
    slugify,
)
from altui.plans import find_plan
from altui.store import Store
from tests.builders import ANA, files, step_of

WHEN = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def make_set(name, *members, plan="classic", slug=None):
    return Set(
        name=name,
        slug=slug if slug is not None else slugify(name),
        members=[Member(name=m) for m in members],
        plan=plan,
        created=WHEN,
    )


def make_meeting(the_set, number=1):
    steps = find_plan("quick")[1].expand(the_set.members[:2])
    return Meeting(
        set_slug=the_set.slug,
        number=number,
        date=WHEN.date(),
        plan="quick",
        presenters=the_set.members[:2],
        steps=steps,
    )


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


# sets ---------------------------------------------------------------------------------------


def test_empty_store_has_no_sets_and_creates_nothing(tmp_path):
    store = Store(tmp_path / "data")
    assert store.sets() == []
    assert not (tmp_path / "data").exists()


def test_create_set_round_trip(tmp_path):
    store = Store(tmp_path / "data")
    made = store.create_set(make_set("Team Tiger", "Ana", "Ben", plan="quick"))
    assert made.slug == "team-tiger"
    assert (tmp_path / "data" / "team-tiger" / "set.json").is_file()
    assert (tmp_path / "data" / "team-tiger" / "meetings").is_dir()
    again = Store(tmp_path / "data").find_set("Team Tiger")
    assert again == made
    assert [m.name for m in again.members] == ["Ana", "Ben"]
    assert again.plan == "quick"
    assert again.created == WHEN


def test_sets_are_sorted_by_name_case_insensitive(tmp_path):
    store = Store(tmp_path / "data")
    for name in ["zebra", "Apple", "mango"]:
        store.create_set(make_set(name))
    assert [s.name for s in store.sets()] == ["Apple", "mango", "zebra"]


def test_find_set_case_insensitive_and_by_slug(tmp_path):
    store = Store(tmp_path / "data")
    store.create_set(make_set("Team Tiger"))
    store.create_set(make_set("Other Set"))
    assert store.find_set("  team TIGER ").name == "Team Tiger"
    assert store.find_set("team-tiger").name == "Team Tiger"
    assert store.find_set("OTHER-SET").name == "Other Set"


def test_find_unknown_set_lists_the_sets(tmp_path):
    store = Store(tmp_path / "data")
    store.create_set(make_set("Team Tiger"))
    store.create_set(make_set("Owls"))
    with pytest.raises(AltuiError) as caught:
        store.find_set("Lions")
    message = str(caught.value)
    assert "'Lions'" in message
    assert "'Team Tiger'" in message and "'Owls'" in message


def test_find_set_in_empty_store(tmp_path):
    with pytest.raises(AltuiError, match="none yet"):
        Store(tmp_path / "data").find_set("Lions")


def test_duplicate_set_name_is_refused(tmp_path):
    store = Store(tmp_path / "data")
    store.create_set(make_set("Team Tiger", "Ana"))
    before = files(tmp_path)
    with pytest.raises(AltuiError, match="already exists"):
        store.create_set(make_set("TEAM tiger", "Zed"))
    assert files(tmp_path) == before
    assert len(store.sets()) == 1


def test_slug_collision_gets_a_number(tmp_path):
    store = Store(tmp_path / "data")
    first = store.create_set(make_set("Team Tiger"))
    second = store.create_set(make_set("Team-Tiger!"))
    third = store.create_set(make_set("team  tiger?"))
    assert (first.slug, second.slug, third.slug) == ("team-tiger", "team-tiger-2", "team-tiger-3")
    assert store.find_set("team-tiger-2").name == "Team-Tiger!"


def test_save_set(tmp_path):
    store = Store(tmp_path / "data")
    made = store.create_set(make_set("Team Tiger", "Ana"))
    changed = made.model_copy(update={"plan": "half_day"})
    store.save_set(changed)
    assert Store(tmp_path / "data").find_set("Team Tiger").plan == "half_day"


# meetings -----------------------------------------------------------------------------------


def test_meeting_round_trip(tmp_path):
    store = Store(tmp_path / "data")
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben", "Chloé"))
    meeting = make_meeting(the_set)
    store.create_meeting(meeting)
    assert (tmp_path / "data" / "team-tiger" / "meetings" / "0001.json").is_file()
    loaded = Store(tmp_path / "data").meeting("team-tiger", 1)
    assert loaded == meeting

    meeting.current = 4
    meeting.steps[4].running_since = WHEN
    meeting.steps[3].spent = 123.5
    meeting.steps[4].added = 60
    meeting.status = MeetingStatus.CLOSED
    store.save_meeting(meeting)
    loaded = Store(tmp_path / "data").meeting("team-tiger", 1)
    assert loaded == meeting
    assert loaded.step.running_since == WHEN
    assert loaded.steps[3].spent == 123.5
    assert loaded.status is MeetingStatus.CLOSED


def test_create_meeting_will_not_overwrite(tmp_path):
    store = Store(tmp_path / "data")
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    store.create_meeting(make_meeting(the_set))
    with pytest.raises(AltuiError, match="already exists"):
        store.create_meeting(make_meeting(the_set))


def test_unknown_meeting(tmp_path):
    store = Store(tmp_path / "data")
    store.create_set(make_set("Team Tiger"))
    with pytest.raises(AltuiError, match="no meeting 3"):
        store.meeting("team-tiger", 3)


def test_meeting_numbers_and_latest(tmp_path):
    store = Store(tmp_path / "data")
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    assert store.meeting_numbers("team-tiger") == []
    assert store.latest_meeting("team-tiger") is None
    for number in (2, 10, 1):
        store.create_meeting(make_meeting(the_set, number))
    (tmp_path / "data" / "team-tiger" / "meetings" / "notes.json").write_text("{}")
    assert store.meeting_numbers("team-tiger") == [1, 2, 10]
    latest = store.latest_meeting("team-tiger")
    assert latest is not None and latest.number == 10


def test_items_keep_their_order_and_content(tmp_path):
    store = Store(tmp_path / "data")
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    meeting = make_meeting(the_set)
    store.create_meeting(meeting)
    ana = the_set.members[0]
    texts = ["zulu", "alpha", "mike", "\x1b[31mred\x1b[0m", "é 🎉"]
    for n, text in enumerate(texts):
        store.add_item(
            meeting,
            Item(kind=ItemKind.QUESTION, text=text, step=n, presenter_id=ana.id, created=WHEN),
        )
    items = Store(tmp_path / "data").items(meeting)
    assert [i.text for i in items] == texts
    assert [i.step for i in items] == [0, 1, 2, 3, 4]
    assert all(i.presenter_id == ana.id and i.kind is ItemKind.QUESTION for i in items)
    # the meeting header survives item writes
    assert store.meeting("team-tiger", 1) == meeting


def test_items_of_a_new_meeting_are_empty(tmp_path):
    store = Store(tmp_path / "data")
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    meeting = make_meeting(the_set)
    store.create_meeting(meeting)
    assert store.items(meeting) == []


# permissions and atomic writes --------------------------------------------------------------


def test_data_folder_is_private(tmp_path):
    root = tmp_path / "data"
    store = Store(root)
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    store.create_meeting(make_meeting(the_set))
    assert mode(root) == 0o700
    assert mode(root / "team-tiger") == 0o700
    assert mode(root / "team-tiger" / "meetings") == 0o700
    assert mode(root / "team-tiger" / "set.json") == 0o600
    assert mode(root / "team-tiger" / "meetings" / "0001.json") == 0o600


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    root = tmp_path / "data"
    store = Store(root)
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    meeting = make_meeting(the_set)
    store.create_meeting(meeting)
    for n in range(5):
        meeting.current = n
        store.save_meeting(meeting)
        store.add_item(meeting, Item(kind=ItemKind.NOTE, text=f"n{n}", step=n, created=WHEN))
    assert list(root.rglob(".*.tmp")) == []
    assert sorted(p.name for p in (root / "team-tiger" / "meetings").iterdir()) == ["0001.json"]
    json.loads((root / "team-tiger" / "meetings" / "0001.json").read_text())


def test_a_save_written_a_piece_at_a_time_is_whole(tmp_path, monkeypatch):
    """The operating system may write less than it was given; the save goes on until every
    byte is in the file, before it is synced and put in place."""
    from altui.files import write_atomic

    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:7])))
    path = tmp_path / "file.json"
    payload = "".join(f"line {n} ü\n" for n in range(500)).encode()
    write_atomic(path, payload)
    assert path.read_bytes() == payload


def test_a_save_that_fails_while_writing_keeps_the_old_file(tmp_path, monkeypatch):
    from altui.files import write_atomic

    path = tmp_path / "file.json"
    path.write_bytes(b"as it was")

    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomic(path, b"the new bytes")
    monkeypatch.undo()
    assert path.read_bytes() == b"as it was"
    assert list(tmp_path.iterdir()) == [path]


def test_failed_replace_keeps_the_old_file(tmp_path, monkeypatch):
    root = tmp_path / "data"
    store = Store(root)
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    meeting = make_meeting(the_set)
    store.create_meeting(meeting)
    path = root / "team-tiger" / "meetings" / "0001.json"
    before = path.read_bytes()

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    meeting.current = 3
    with pytest.raises(AltuiError, match="No space left on device") as caught:
        store.save_meeting(meeting)
    assert caught.value.__cause__.errno == errno.ENOSPC
    with pytest.raises(AltuiError):
        store.add_item(meeting, Item(kind=ItemKind.NOTE, text="lost", step=0, created=WHEN))
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert list(root.rglob(".*.tmp")) == []
    assert Store(root).meeting("team-tiger", 1).current == 0
    assert Store(root).items(meeting) == []


# damaged files ------------------------------------------------------------------------------


@pytest.fixture
def set_file(tmp_path):
    store = Store(tmp_path / "data")
    store.create_set(make_set("Team Tiger", "Ana"))
    return tmp_path / "data" / "team-tiger" / "set.json"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b'{"set": {"1": {"name": ', "JSON"),
        (b"\xff\xfe not utf-8", "JSON"),
        (b'[{"name": "Team Tiger"}]', "shape"),
        (b'{"set": []}', "shape"),
        (b"{}", "no set record"),
        (b'{"set": {"1": {"name": "Team Tiger"}}}', "slug"),
    ],
)
def test_damaged_set_file_is_reported_and_left_untouched(set_file, content, words):
    set_file.write_bytes(content)
    store = Store(set_file.parent.parent)
    with pytest.raises(AltuiError) as caught:
        store.find_set("Team Tiger")
    ((_, listed),) = [(d.slug, d.error) for d in store.survey()[1]]
    for message in (str(caught.value), listed):
        assert str(set_file) in message
        assert words in message
    assert store.sets() == []  # skipped, not fatal: another set can still be made
    store.create_set(make_set("Another"))
    assert [s.name for s in store.sets()] == ["Another"]
    assert set_file.read_bytes() == content


def test_meeting_from_a_newer_altui_is_refused_and_left_untouched(tmp_path):
    root = tmp_path / "data"
    store = Store(root)
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    meeting = make_meeting(the_set)
    store.create_meeting(meeting)
    path = root / "team-tiger" / "meetings" / "0001.json"
    data = json.loads(path.read_text())
    data["meeting"]["1"]["schema"] = 99
    data["meeting"]["1"]["new_field"] = "from the future"
    path.write_text(json.dumps(data))
    before = path.read_bytes()

    fresh = Store(root)
    with pytest.raises(AltuiError) as caught:
        fresh.meeting("team-tiger", 1)
    message = str(caught.value)
    assert "newer" in message
    assert str(path) in message
    with pytest.raises(AltuiError, match="newer"):
        fresh.latest_meeting("team-tiger")
    assert path.read_bytes() == before


def test_damaged_meeting_file_is_reported_and_left_untouched(tmp_path):
    root = tmp_path / "data"
    store = Store(root)
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    store.create_meeting(make_meeting(the_set))
    path = root / "team-tiger" / "meetings" / "0001.json"
    for content in (b"", b"not json", b"[1, 2]", b'{"meeting": {"1": {"number": 0}}}'):
        path.write_bytes(content)
        with pytest.raises(AltuiError) as caught:
            Store(root).meeting("team-tiger", 1)
        assert str(path) in str(caught.value)
        assert path.read_bytes() == content


def test_start_or_resume_starts_the_next_meeting_after_a_damaged_latest_one(tmp_path):
    """Asked to (it may have been the meeting in progress: see test_damaged_latest), the next
    meeting starts; the damaged file is left as it is and never written over (see
    test_resilience for what the report back then says)."""
    root = tmp_path / "data"
    store = Store(root)
    the_set = store.create_set(make_set("Team Tiger", "Ana", "Ben"))
    store.create_meeting(make_meeting(the_set))
    path = root / "team-tiger" / "meetings" / "0001.json"
    path.write_bytes(b"")
    meeting = start_or_resume(Store(root), the_set, FakeClock(WHEN), skip_damaged=True)
    assert meeting.number == 2
    assert path.read_bytes() == b""
    assert Store(root).meeting_numbers("team-tiger") == [1, 2]


def whole_file(live, theirs: dict) -> bytes:
    """What a full encode of the live meeting and another program's tables writes."""
    from altui.store import encode

    def table(docs) -> dict:
        return {str(n): d.model_dump(mode="json", by_alias=True) for n, d in enumerate(docs, 1)}

    tables = {"meeting": table([live.meeting])}
    for name, docs in (("items", live.items), ("reviews", live.reviews), ("journal", live.journal)):
        if docs:
            tables[name] = table(docs)
    return encode(tables | theirs).encode("utf-8")


def test_a_meeting_written_change_by_change_is_the_json_of_all_of_it(
    store, the_set, meeting, clock
):
    """Each save joins the encoded form of what did not change with what did: the file must
    still be, byte for byte, the compact JSON of every table (another program's kept) after
    saves, edits, deletes, step moves, reports back and undos, past the journal's length."""
    from altui.live import JOURNAL_KEPT, LiveMeeting

    live = LiveMeeting(store, meeting, clock)
    live.go_to(step_of(meeting, "Commit to actions", ANA))
    live.enter("Ask the director")
    live.close(None)
    second = start_or_resume(store, the_set, clock)
    path = store.root / second.set_slug / "meetings" / f"{second.number:04d}.json"
    theirs = {"theirs": {"1": {"kept": "as it was", "ü": [1.5, None]}}}
    path.write_text(json.dumps(json.loads(path.read_text()) | theirs))
    live = LiveMeeting(store, second, clock)
    changes = 0

    def check() -> None:
        nonlocal changes
        changes += 1
        assert path.read_bytes() == whole_file(live, theirs), f"after change {changes}"

    live.next_step()  # the report back
    check()
    commitment = live.commitments()[0]
    live.review(commitment, status=ReviewStatus.DONE)
    check()
    live.review(commitment, note="she said yes ü")
    check()
    texts = ['Café "quoted" \\ back', "!Call Zoë 😀", "?Why \x1b[31m\u202e", "# private"]
    for n, text in enumerate(texts * 20):
        live.enter(f"{text} {n}")
        check()
        if n % 7 == 0:
            live.toggle_pause()
            check()
    assert len(live.journal) == JOURNAL_KEPT  # the oldest entries have been let go
    for n in range(0, len(live.items), 5):
        live.edit(live.items[n].id, f"Edited ünïcode {n}", ItemKind.NOTE)
        check()
    for n in (3, 0, -1, 10):
        live.delete(live.items[n].id)
        check()
    live.next_step()
    check()
    live.close(None)
    check()
    live.reopen()  # takes the ending out of the journal
    check()
    while live.undo() is not None:
        check()
    assert live.journal == []
    assert store.open_meeting(live.meeting) == (live.items, live.reviews, live.journal)


def test_a_meeting_written_step_change_by_step_change_is_the_json_of_all_of_it(
    store, meeting, clock
):
    """After each step change (moves, the clock, time added, presenters skipped or swapped,
    a step equal to what it was but encoded apart) the file is, byte for byte, the compact
    JSON of every table, another program's kept."""
    from altui.live import LiveMeeting

    path = store.root / meeting.set_slug / "meetings" / f"{meeting.number:04d}.json"
    theirs = {"theirs": {"1": {"steps": [0.0, -0.0], "ü": True}}}
    path.write_text(json.dumps(json.loads(path.read_text()) | theirs))
    live = LiveMeeting(store, meeting, clock)
    changes = 0

    def check() -> None:
        nonlocal changes
        changes += 1
        assert path.read_bytes() == whole_file(live, theirs), f"after change {changes}"

    entered = live.enter("before any step moved")
    check()
    assert live.swap_next_presenters() is not None
    check()
    assert live.skip_next_presenter() is not None
    check()
    assert entered is not None and entered.item is not None
    live.move(entered.item.id, live.places(entered.item.id)[-1][0])
    check()
    for seconds in (60.0, -60.0, 60.0, -120.0):
        clock.advance(7)
        live.add_time(seconds)
        check()
    while live.next_step():
        clock.advance(31)
        check()
        live.toggle_pause()
        check()
        live.toggle_pause()
        check()
    while live.previous_step():
        check()
    live.go_to(3)
    check()
    with live._change("Zero taken away"):  # step 4 equal to what it was, but encoded apart
        live.meeting.steps[4].added = -0.0
        live.meeting.steps[5].added = 30.0
    check()
    assert b'"added":-0.0' in path.read_bytes()
    live.close(None)
    check()
    live.reopen()
    check()
    while live.undo() is not None:
        check()
    assert store.open_meeting(live.meeting) == (live.items, live.reviews, live.journal)


def test_meetings_written_in_turn_by_one_store_are_each_the_json_of_all_of_it(
    store, the_set, meeting, clock, monkeypatch
):
    """What one store keeps of the last file written never leaks into another's, nor into
    the next write after one that failed."""
    import altui.store
    from altui.live import LiveMeeting, NotSaved

    first = LiveMeeting(store, meeting, clock)
    first.enter("only in the first")
    store.create_meeting(make_meeting(the_set, number=2))
    second = LiveMeeting(store, store.meeting(the_set.slug, 2), clock)
    for live, text in ((second, "second"), (first, "first"), (second, "again"), (first, "more")):
        live.enter(text)
        path = store.root / the_set.slug / "meetings" / f"{live.meeting.number:04d}.json"
        assert path.read_bytes() == whole_file(live, {})

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(altui.store, "write_atomic", disk_full)
    with pytest.raises(NotSaved):
        first.enter("not saved")
    monkeypatch.undo()
    first.enter("saved")
    first.edit(first.items[0].id, "edited", ItemKind.NOTE)
    assert path.read_bytes() == whole_file(first, {})
    assert [i.text for i in store.items(first.meeting)] == ["edited", "first", "more", "saved"]


def test_a_journal_entry_is_let_go_of_once_it_leaves_the_journal(store, meeting, clock):
    """The store keeps the encoding of what it wrote, but not of a journal entry that has
    left the journal: that one is freed with the change that drops it (kept, hundreds of them
    were freed at once later, and the garbage collector ran four times as often)."""
    import gc
    import weakref

    from altui.live import JOURNAL_KEPT, LiveMeeting

    live = LiveMeeting(store, meeting, clock)
    for n in range(JOURNAL_KEPT):
        live.enter(f"line {n}")
    oldest = weakref.ref(live.journal[0])
    gc.disable()  # freed as it is dropped, not found later by the collector
    try:
        live.enter("one more")
        assert oldest() is None
    finally:
        gc.enable()


def test_the_documents_a_save_reuses_the_encoding_of_cannot_change():
    """The store keeps each item's, report's and journal entry's encoding while it is the
    same object; that holds only as long as they are frozen."""
    from pydantic import ValidationError

    from altui.models import Change, Review

    item = Item(kind=ItemKind.NOTE, text="x", step=0, created=WHEN)
    with pytest.raises(ValidationError):
        item.text = "y"
    for model in (Item, Review, Change):
        assert model.model_config.get("frozen") is True
