"""Names: one name however it was typed, nothing invisible or reordering; the data folder's
leftovers, foreign tables and backups."""

from __future__ import annotations

import json
import os
import time

import pytest

from altui.check import check_data
from altui.errors import AltuiError
from altui.live import LiveMeeting
from altui.models import clean_name, name_key
from altui.sets import add_member, new_set, rename_member, rename_set
from altui.store import SET_FILE, Store
from altui.text import visible

NFC, NFD = "Caf\u00e9", "Cafe\u0301"
UNSAFE = {*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028}
"""C1 controls, text-direction controls, the line separator: never in a message."""


def test_nfc_and_nfd_are_one_name(store, clock):
    made = new_set(store, NFD, ["Zoe\u0308"], "classic", clock)
    assert made.name == NFC and made.members[0].name == "Zo\u00eb"  # kept in NFC
    with pytest.raises(AltuiError, match="already exists"):
        new_set(store, NFC, [], "classic", clock)
    with pytest.raises(AltuiError, match="already exists"):
        new_set(store, "CAF\u00c9", [], "classic", clock)
    assert store.find_set(NFD).slug == made.slug
    assert store.find_set("caf\u00e9").slug == made.slug
    assert made.member("ZOE\u0308") is made.members[0]
    with pytest.raises(AltuiError, match="already in"):
        add_member(store, NFC, "ZOE\u0308")


def test_older_data_in_nfd_is_found_by_an_nfc_name(store, the_set, clock):
    data = json.loads((store.root / the_set.slug / SET_FILE).read_text())
    data["set"]["1"]["name"] = NFD
    data["set"]["1"]["members"][0]["name"] = "Zoe\u0308"
    (store.root / the_set.slug / SET_FILE).write_text(json.dumps(data))
    found = Store(store.root).find_set(NFC)
    assert found.name == NFD  # as stored: nothing is rewritten by reading it
    assert found.member("Zo\u00eb") is found.members[0]
    with pytest.raises(AltuiError, match="already exists"):
        new_set(store, NFC, [], "classic", clock)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("\u200b\u200b", "visible character"),  # zero-width spaces
        ("\u3164", "visible character"),  # Hangul filler
        ("\u2800 \u00a0", "visible character"),  # blank braille, no-break space
        ("\u0301\u0308", "visible character"),  # combining marks alone
        ("Ana\u202eSilva", "text-direction"),  # right-to-left override
        ("\u2066Ben\u2069", "text-direction"),  # isolates
        ("A\u0085B", "control"),  # C1 next line
        ("A\u009bB", "control"),  # C1 CSI
        ("A\u2028B", "control"),  # line separator
        ("tab\tinside", "control"),
    ],
)
def test_names_that_cannot_be_seen_or_reorder_text_are_refused(store, the_set, clock, name, why):
    with pytest.raises(ValueError, match=why):
        clean_name(name)
    for attempt in (
        lambda: new_set(store, name, [], "classic", clock),
        lambda: new_set(store, "Lions", [name], "classic", clock),
        lambda: add_member(store, the_set.name, name),
        lambda: rename_member(store, the_set.name, "Ana Silva", name),
        lambda: rename_set(store, the_set.name, name),
    ):
        with pytest.raises(AltuiError, match=why) as caught:
            attempt()
        said = str(caught.value)
        assert "\n" not in said
        assert not any(ord(ch) in UNSAFE for ch in said)


def test_a_name_with_an_invisible_character_among_visible_ones_is_kept(store, clock):
    made = new_set(store, "Ana\u200dBen", ["Chlo\u00e9"], "classic", clock)
    assert made.name == "Ana\u200dBen"


def test_existing_data_with_such_names_still_loads_and_is_shown_safely(store, the_set):
    data = json.loads((store.root / the_set.slug / SET_FILE).read_text())
    data["set"]["1"]["name"] = "Evil\u202eset"
    data["set"]["1"]["members"][0]["name"] = "\u200b"
    data["set"]["1"]["members"][1]["name"] = "Ben\u0085Okafor"
    (store.root / the_set.slug / SET_FILE).write_text(json.dumps(data))
    (loaded,) = Store(store.root).sets()
    assert loaded.name == "Evil\u202eset"
    assert [m.name for m in loaded.members][:2] == ["\u200b", "Ben\u0085Okafor"]
    for shown in (visible(loaded.name), visible(loaded.members[1].name)):
        assert "\ufffd" in shown
        assert not any(ord(ch) in UNSAFE for ch in shown)


def test_name_key_is_the_one_comparison():
    assert name_key(NFD) == name_key(NFC) == name_key(" caf\u00c9 ")
    assert name_key("Stra\u00dfe") == name_key("STRASSE")


# temporary files ----------------------------------------------------------------------------


def leftovers(store, slug):
    """A temp file left by a save killed a minute ago, and one a console is writing now."""
    stale = store.root / slug / "meetings" / ".0001.json.killed.tmp"
    stale_set = store.root / slug / f".{SET_FILE}.killed.tmp"
    fresh = store.root / slug / "meetings" / ".0001.json.now.tmp"
    for path in (stale, stale_set, fresh):
        path.write_text("{")
        path.chmod(0o600)
    for path in (stale, stale_set):
        os.utime(path, (time.time() - 60, time.time() - 60))
    return [stale, stale_set], fresh


def test_taking_the_lock_clears_old_temporary_files_and_keeps_a_fresh_one(store, meeting):
    stale, fresh = leftovers(store, meeting.set_slug)
    with store.meeting_lock(meeting):
        assert not any(path.exists() for path in stale)
        assert fresh.exists()


def test_check_reports_old_temporary_files_and_ignores_one_being_written(store, meeting):
    stale, fresh = leftovers(store, meeting.set_slug)
    found = check_data(store)
    flagged = [line for line in found.lines if "temporary file" in line]
    assert found.problems == 2, found.lines
    assert sorted(line.split()[1].rstrip(":") for line in flagged) == sorted(map(str, stale))
    assert not any(str(fresh) in line for line in found.lines)


# foreign tables -----------------------------------------------------------------------------


def with_foreign_table(store, slug, schema=None):
    path = store.root / slug / SET_FILE
    data = json.loads(path.read_text())
    if schema is not None:
        data["set"]["1"]["schema"] = schema
    data["notes"] = {"1": {"by": "another program"}, "2": {"schema": "theirs"}}
    path.write_text(json.dumps(data))
    return path


def test_a_foreign_table_needs_no_upgrade_and_is_left_as_it_is(store, the_set, clock):
    path = with_foreign_table(store, the_set.slug)
    before = path.read_bytes()
    fresh = Store(store.root)
    assert fresh.needs_upgrade(the_set.slug) == []
    assert fresh.upgrade(the_set.slug, clock.now()) == []
    assert path.read_bytes() == before
    fresh.save_set(fresh.set_at(the_set.slug))
    assert json.loads(path.read_text())["notes"] == json.loads(before)["notes"]


def test_upgrading_an_older_set_file_leaves_its_foreign_table_alone(store, the_set, clock):
    path = with_foreign_table(store, the_set.slug, schema=1)
    fresh = Store(store.root)
    assert fresh.upgrade(the_set.slug, clock.now()) == [path]
    data = json.loads(path.read_text())
    assert data["notes"] == {"1": {"by": "another program"}, "2": {"schema": "theirs"}}
    assert data["set"]["1"]["schema"] > 1


def test_a_foreign_table_in_a_meeting_file_outlives_every_save_of_the_console(
    store, meeting, clock
):
    path = store.root / meeting.set_slug / "meetings" / "0001.json"
    data = json.loads(path.read_text())
    theirs = {"1": {"by": "another program"}, "2": {"schema": "theirs", "n": [1, 2]}}
    data["notes_from_other_tool"] = theirs
    path.write_text(json.dumps(data))

    live = LiveMeeting(Store(store.root), meeting, clock)

    def kept(what: str) -> None:
        assert json.loads(path.read_text())["notes_from_other_tool"] == theirs, what

    added = live.enter("what did you try?").item
    kept("an item saved")
    live.edit(added.id, "what else did you try?", added.kind)
    kept("an edit")
    assert live.undo() is not None
    kept("an undo")
    assert live.next_step()
    kept("a step move")
    live.close(None)
    kept("the end of the meeting")
    assert [i.text for i in Store(store.root).items(meeting)] == ["what did you try?"]
