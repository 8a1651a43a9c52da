"""Backups, privacy of the data folder, and `altui check`."""

from __future__ import annotations

import json
import os
import stat
import time

from altui.check import check_data
from altui.files import privacy_warnings
from altui.meetings import start_or_resume
from altui.store import BACKUPS_KEPT


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_starting_a_meeting_backs_up_the_set(store, the_set, clock):
    meeting = start_or_resume(store, the_set, clock)
    backups = list((store.root / the_set.slug / "backups").iterdir())
    assert [b.name for b in backups] == ["000001_20261125-140000-meeting-1-start"]
    copy = backups[0] / "meetings" / "0001.json"
    assert json.loads(copy.read_text())["meeting"]["1"]["number"] == meeting.number
    assert (backups[0] / "set.json").read_bytes() == (
        store.root / the_set.slug / "set.json"
    ).read_bytes()
    assert mode(backups[0]) == 0o700 and mode(copy) == 0o600


def test_only_the_newest_backups_are_kept(store, the_set, clock):
    for _ in range(BACKUPS_KEPT + 3):
        store.backup(the_set.slug, "test", clock.now())
        clock.advance(1)
    assert len(list((store.root / the_set.slug / "backups").iterdir())) == BACKUPS_KEPT


def test_backups_rotate_by_sequence_whatever_the_clock_says(store, the_set, clock):
    """The clock set back an hour (and then again): the backup just made is the newest, kept;
    older altui's time-named backups count as older than any numbered one."""
    folder = store.root / the_set.slug / "backups"
    folder.mkdir()
    (folder / "20991231-235959-from-an-older-altui").mkdir()
    made = []
    for _ in range(BACKUPS_KEPT + 3):
        made.append(store.backup(the_set.slug, "test", clock.now()).name)
        clock.advance(-3600)
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted(made[-BACKUPS_KEPT:])
    assert [name.split("_")[0] for name in made[:3]] == ["000001", "000002", "000003"]


def test_a_private_data_folder_gives_no_warning(store, the_set, meeting):
    assert privacy_warnings(store.root) == []


def test_files_readable_by_others_are_named(store, the_set, meeting):
    meeting_file = store.root / the_set.slug / "meetings" / "0001.json"
    meeting_file.chmod(0o644)
    store.root.chmod(0o755)
    warnings = privacy_warnings(store.root)
    assert len(warnings) == 2
    assert str(meeting_file) in warnings[1] and "chmod 600" in warnings[1]
    assert "chmod 700" in warnings[0]


def test_check_reports_a_healthy_folder(store, the_set, meeting):
    found = check_data(store)
    assert found.problems == 0
    assert any("Team Tiger: 4 members, 1 meeting, 0 items" in line for line in found.lines)


def test_check_names_a_broken_file_and_leaves_it_alone(store, the_set, meeting):
    broken = store.root / the_set.slug / "meetings" / "0001.json"
    broken.write_text("{oops")
    broken.chmod(0o600)
    before = broken.read_bytes()
    found = check_data(store)
    assert found.problems == 1
    assert str(broken) in found.lines[0] and "not valid JSON" in found.lines[0]
    assert broken.read_bytes() == before


def test_check_finds_a_stray_temporary_file_and_a_foreign_folder(store, the_set):
    stray = store.root / the_set.slug / "meetings" / ".0001.json.abc.tmp"
    stray.write_text("x")
    stray.chmod(0o600)
    os.utime(stray, (time.time() - 60, time.time() - 60))  # left by a save killed a minute ago
    (store.root / "holiday-photos").mkdir(mode=0o700)
    found = check_data(store)
    assert found.problems == 2
    assert any("temporary file" in line for line in found.lines)
    assert any("holiday-photos" in line for line in found.lines)
