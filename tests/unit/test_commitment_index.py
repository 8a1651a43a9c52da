"""The commitment index: a derived checkpoint of open commitments that checks itself."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from altui import store as store_module
from altui.check import check_data
from altui.commitments import INDEX_FORMAT, open_commitments, report_back_lines
from altui.files import privacy_warnings
from altui.live import LiveMeeting
from altui.models import SCHEMA_VERSION, Commitment, Item, ItemKind, ReviewStatus
from altui.store import COMMITMENT_INDEX, Store
from tests.builders import ANA, BEN, close, commit, hold, review, texts

FIXTURE = Path(__file__).parent.parent / "fixtures" / "v1-data"


def index_path(store: Store, slug: str) -> Path:
    return store.root / slug / COMMITMENT_INDEX


def from_scratch(store: Store, slug: str, before: int) -> list[Commitment]:
    """The fold over every meeting file, with no index to start from."""
    index_path(store, slug).unlink(missing_ok=True)
    return open_commitments(store, slug, before)


@pytest.fixture
def reads(store, monkeypatch) -> list[int]:
    """The meeting numbers ``store.record`` is asked for, in order."""
    seen: list[int] = []
    real = store.record

    def counting(slug, number, kinds=None):
        seen.append(number)
        return real(slug, number, kinds)

    monkeypatch.setattr(store, "record", counting)
    return seen


@pytest.fixture
def history(store, the_set, clock):
    """Four closed meetings whose report backs carry, close and ignore commitments; 5 running."""
    first, one = hold(
        store,
        the_set,
        clock,
        [
            commit(ANA, "Call the director"),
            commit(BEN, "Draft the bid"),
            commit(None, "Agree the date"),
        ],
    )
    close(store, clock, first)
    second, two = hold(
        store, the_set, clock, [commit(BEN, "Ask for feedback"), commit(None, "Write it up")]
    )
    review(store, clock, second, one["Call the director"], 1, ReviewStatus.CARRIED)
    review(store, clock, second, one["Draft the bid"], 1, ReviewStatus.DONE)
    review(store, clock, second, one["Agree the date"], 1, ReviewStatus.DROPPED)
    close(store, clock, second)
    third, three = hold(store, the_set, clock, [commit(ANA, "Say no once")])
    review(store, clock, third, one["Call the director"], 1, ReviewStatus.CARRIED)
    review(store, clock, third, two["Ask for feedback"], 2, ReviewStatus.CARRIED)
    review(store, clock, third, two["Ask for feedback"], 2, ReviewStatus.PARTLY)
    close(store, clock, third)
    fourth, _ = hold(store, the_set, clock)
    review(store, clock, fourth, one["Call the director"], 1, ReviewStatus.DONE)
    review(store, clock, fourth, three["Say no once"], 3, ReviewStatus.CARRIED)
    close(store, clock, fourth)
    fifth, _ = hold(store, the_set, clock, [commit(BEN, "Late one")])
    review(store, clock, fifth, three["Say no once"], 3, ReviewStatus.NOT_DONE)
    index_path(store, the_set.slug).unlink(missing_ok=True)
    return the_set.slug


# the same answer as the fold ----------------------------------------------------------------


def test_the_index_gives_what_a_fold_from_scratch_gives(store, history, reads):
    for before in range(1, 7):
        reads.clear()
        indexed = open_commitments(store, history, before)
        assert reads == ([before - 1] if before > 1 else [])  # resumed from before - 1
        assert indexed == from_scratch(store, history, before)
    assert json.loads(index_path(store, history).read_text())["before"] == 6
    for before in range(6, 0, -1):  # from an index made for a later meeting
        indexed = open_commitments(store, history, before)
        assert indexed == from_scratch(store, history, before)
    found = open_commitments(store, history, 5)
    assert [(c.action.text, c.origin, c.times_carried) for c in found] == [
        ("Ask for feedback", 2, 0),  # partly: still open
        ("Write it up", 2, 0),
        ("Say no once", 3, 1),
    ]
    assert texts(open_commitments(store, history, 6)) == [
        "Ask for feedback",
        "Write it up",
        "Say no once",  # not done: still open
        "Late one",
    ]


def test_the_index_holds_the_open_commitments_and_the_stamps_it_was_made_from(store, history):
    found = open_commitments(store, history, 5)
    saved = json.loads(index_path(store, history).read_text())
    assert saved["schema"] == SCHEMA_VERSION
    assert saved["format"] == INDEX_FORMAT
    assert saved["before"] == 5
    stamps = store.meeting_stamps(history, [1, 2, 3, 4])
    assert saved["stamps"] == {str(n): list(stamp) for n, stamp in stamps.items()}
    assert [Item.model_validate(c["action"]) for c in saved["open"]] == [c.action for c in found]
    assert [(c["origin"], c["owner"], len(c["earlier"])) for c in saved["open"]] == [
        (2, BEN, 1),
        (2, "Everyone", 0),
        (3, ANA, 1),
    ]
    assert [(h["meeting"], h["status"]) for c in saved["open"] for h in c["earlier"]] == [
        (3, "partly"),
        (4, "carried"),
    ]
    assert not any("status" in c or "notes" in c for c in saved["open"])  # a meeting's own word


def test_an_incremental_step_reads_only_the_meeting_since(store, history, reads):
    open_commitments(store, history, 4)
    reads.clear()
    assert open_commitments(store, history, 5) == from_scratch(store, history, 5)
    assert reads[0] == 4  # the indexed call; then the fold from scratch reads 1 to 4
    reads.clear()
    before = index_path(store, history).read_bytes()
    open_commitments(store, history, 5)
    assert reads == []  # the index is for this very meeting: nothing read, nothing written
    assert index_path(store, history).read_bytes() == before


def test_closing_a_meeting_writes_the_index_for_the_next(store, history, clock, reads):
    fifth = store.meeting(history, 5)
    LiveMeeting(store, fifth, clock).close(None)
    assert json.loads(index_path(store, history).read_text())["before"] == 6
    reads.clear()
    assert texts(open_commitments(store, history, 6)) == [
        "Ask for feedback",
        "Write it up",
        "Say no once",
        "Late one",
    ]
    assert reads == []


def test_the_meetings_just_before_read_no_meeting_file(store, history, reads):
    open_commitments(store, history, 6)
    saved = index_path(store, history).read_bytes()
    assert [p["before"] for p in json.loads(saved)["earlier"]] == [4, 5]
    for before in (5, 4):  # the recap or the history of the meeting just ended
        reads.clear()
        kept = open_commitments(store, history, before)
        assert reads == []
        assert index_path(store, history).read_bytes() == saved  # left for meeting 6
        assert kept == from_scratch(store, history, before)
        index_path(store, history).write_bytes(saved)
    reads.clear()
    assert open_commitments(store, history, 3) == from_scratch(store, history, 3)
    assert reads[:2] == [1, 2]  # older than the index keeps: folded from the files


def test_the_report_back_of_a_meeting_just_ended_reads_only_that_meeting(
    store, history, clock, reads
):
    fifth = store.meeting(history, 5)
    LiveMeeting(store, fifth, clock).close(None)
    reads.clear()
    lines = report_back_lines(store, fifth)
    assert reads == []
    assert ("Say no once", ReviewStatus.NOT_DONE) in [(i.commitment, i.status) for i in lines]
    index_path(store, history).unlink()
    assert report_back_lines(store, fifth) == lines  # as the fold over the files has it


def test_a_point_whose_files_changed_is_passed_over_for_an_earlier_one(store, history, reads):
    open_commitments(store, history, 6)
    fifth = store.meeting(history, 5)
    store.save_meeting(fifth)  # meeting 5's file written again: points 6 no longer match
    reads.clear()
    assert open_commitments(store, history, 6) == from_scratch(store, history, 6)
    assert reads[0] == 5  # from the point before meeting 5, then the fold from scratch


# a stale index ------------------------------------------------------------------------------


def test_an_old_meeting_saved_again_makes_the_index_stale(store, history, clock, reads):
    open_commitments(store, history, 5)
    second = store.meeting(history, 2)
    late = Item(kind=ItemKind.ACTION, text="Added later", step=0, created=clock.now())
    store.add_item(second, late)  # the file is written again: its stamp changes
    reads.clear()
    found = open_commitments(store, history, 5)
    assert reads == [1, 2, 3, 4]
    assert texts(found) == ["Ask for feedback", "Write it up", "Added later", "Say no once"]
    assert found == from_scratch(store, history, 5)


def test_a_missing_meeting_makes_the_index_stale(store, history, reads):
    open_commitments(store, history, 5)
    (store.root / history / "meetings" / "0002.json").unlink()
    reads.clear()
    found = open_commitments(store, history, 5)
    assert reads == [1, 3, 4]
    assert found == from_scratch(store, history, 5)


def test_an_upgrade_rewrites_the_meetings_and_the_index_is_rebuilt(tmp_path, clock):
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    store = Store(root)
    before = open_commitments(store, "old-owls", 2)
    old = json.loads(index_path(store, "old-owls").read_text())
    store.upgrade("old-owls", clock.now())
    assert open_commitments(store, "old-owls", 2) == before
    rebuilt = json.loads(index_path(store, "old-owls").read_text())
    assert rebuilt["stamps"] != old["stamps"]
    assert rebuilt["stamps"]["1"] == list(store.meeting_stamps("old-owls", [1])[1])


# a damaged or foreign index -----------------------------------------------------------------


def _damage_item(saved: dict) -> None:
    saved["open"][0]["action"]["kind"] = "wish"


def _drop_field(saved: dict) -> None:
    del saved["open"][0]["owner"]


def _wrong_stamps(saved: dict) -> None:
    saved["stamps"] = ["not", "a", "mapping"]


def _newer_altui(saved: dict) -> None:
    saved["schema"] = SCHEMA_VERSION + 1


def _older_rule(saved: dict) -> None:
    """As the first altui wrote it: no format, partly and not done already closed, carries
    only counted."""
    del saved["format"]
    saved["open"] = [
        {**{k: v for k, v in c.items() if k != "earlier"}, "times_carried": 0, "note": ""}
        for c in saved["open"]
        if c["action"]["text"] != "Ask for feedback"
    ]


def _format_two(saved: dict) -> None:
    """As the altui before the earlier points wrote it."""
    saved["format"] = 2
    del saved["earlier"], saved["closed"]


def _unknown_in_earlier(saved: dict) -> None:
    saved["earlier"][-1]["open"].append("madeup000000")


def _earlier_out_of_order(saved: dict) -> None:
    saved["earlier"][-1]["before"] = saved["before"]


def _from_no_files(saved: dict) -> None:
    saved["before"], saved["stamps"] = 1, {}
    saved["open"][0]["action"]["id"] = "madeup000000"


@pytest.mark.parametrize(
    "damage",
    [
        _damage_item,
        _drop_field,
        _wrong_stamps,
        _newer_altui,
        _older_rule,
        _format_two,
        _unknown_in_earlier,
        _earlier_out_of_order,
        _from_no_files,
    ],
)
def test_a_wrong_shaped_index_is_ignored_and_rebuilt(store, history, reads, damage):
    expected = open_commitments(store, history, 5)
    path = index_path(store, history)
    saved = json.loads(path.read_text())
    damage(saved)
    path.write_text(json.dumps(saved))
    reads.clear()
    assert open_commitments(store, history, 5) == expected
    assert reads == [1, 2, 3, 4]
    assert json.loads(path.read_text())["before"] == 5  # rebuilt
    reads.clear()
    assert open_commitments(store, history, 5) == expected
    assert reads == []


@pytest.mark.parametrize(
    "payload",
    [b"", b"\x00\xff\xfe garbage", b'{"before": 5, "stamps"', b"[1, 2, 3]", b"null", b'"text"'],
)
def test_a_corrupt_index_is_ignored_and_rebuilt(store, history, reads, payload):
    expected = from_scratch(store, history, 5)
    index_path(store, history).write_bytes(payload)
    reads.clear()
    assert open_commitments(store, history, 5) == expected
    assert reads == [1, 2, 3, 4]
    assert json.loads(index_path(store, history).read_text())["before"] == 5


# writing it is best effort ------------------------------------------------------------------


def test_an_unwritable_folder_still_gives_the_right_answer(store, history, monkeypatch, caplog):
    expected = from_scratch(store, history, 5)
    index_path(store, history).unlink()

    def refuse(path, payload):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(store_module, "write_atomic", refuse)
    with caplog.at_level(logging.WARNING, logger="altui"):
        assert open_commitments(store, history, 5) == expected
        assert open_commitments(store, history, 5) == expected
    assert not index_path(store, history).exists()
    assert "commitment index not saved" in caplog.text


# privacy, backups and altui check -----------------------------------------------------------


def test_the_index_is_private_not_backed_up_and_not_a_problem_for_check(store, history, clock):
    open_commitments(store, history, 5)
    path = index_path(store, history)
    assert path.stat().st_mode & 0o777 == 0o600
    assert privacy_warnings(store.root) == []
    copy = store.backup(history, "test", clock.now(), everything=True)
    assert not list(copy.rglob(COMMITMENT_INDEX))
    found = check_data(store)
    assert found.problems == 0, found.lines
    stray = path.parent / f".{COMMITMENT_INDEX}.abc.tmp"
    stray.write_bytes(b"{")
    stray.chmod(0o600)
    os.utime(stray, (time.time() - 60, time.time() - 60))  # left by a save killed a minute ago
    found = check_data(store)
    assert found.problems == 1
    assert any("temporary file" in line and str(stray) in line for line in found.lines)


def test_the_index_models_are_built_when_first_used_not_at_start_up():
    """Importing the commitments (as the console's start does) builds neither model of the
    index: a pydantic model built at import costs every start (the index is read at report
    back)."""
    code = (
        "import altui.commitments as c\n"
        "print(c._Point.__pydantic_complete__, c._Checkpoint.__pydantic_complete__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "False"]
