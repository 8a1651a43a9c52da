"""Files written by an older altui (a checked-in fixture from schema version 1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from altui.check import check_data
from altui.errors import AltuiError
from altui.exporting import recap_text
from altui.history import History
from altui.migrate import upgrade, version_of
from altui.models import SCHEMA_VERSION
from altui.store import Store

FIXTURE = Path(__file__).parent.parent / "fixtures" / "v1-data"
MEETING = Path("old-owls") / "meetings" / "0001.json"


@pytest.fixture
def old_data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    for path in [
        target,
        *target.rglob("*"),
    ]:  # git keeps no 0600/0700 modes: set them as altui does
        path.chmod(0o700 if path.is_dir() else 0o600)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_fixture_really_is_version_1():
    doc = json.loads((FIXTURE / MEETING).read_text())["meeting"]["1"]
    assert version_of(doc) == 1 < SCHEMA_VERSION
    assert "report_back" not in doc["steps"][1]


def test_reading_an_old_file_migrates_it_in_memory_and_writes_nothing(old_data):
    before = snapshot(old_data)
    store = Store(old_data)
    meeting = store.meeting("old-owls", 1)
    assert [s.name for s in meeting.steps if s.report_back] == ["Report back"]
    assert [i.text for i in store.items(meeting)] == ["Arrived tired", "what happened"]
    the_set = store.find_set("Old Owls")
    assert "what happened" in recap_text(store, the_set, meeting)
    found = check_data(store)
    assert found.problems == 0
    assert any("older altui" in line for line in found.lines)
    history = History.load(store, "old-owls")
    assert [m.text for m in history.search("HAPPENED")] == ["what happened"]
    assert history.records[0].meeting == meeting and history.problems == []
    assert snapshot(old_data) == before


def test_upgrade_backs_up_then_rewrites_in_the_current_format(old_data, clock):
    original = (old_data / MEETING).read_bytes()
    store = Store(old_data)
    upgraded = store.upgrade("old-owls", clock.now())
    assert sorted(p.name for p in upgraded) == ["0001.json", "set.json"]
    tables = json.loads((old_data / MEETING).read_text())
    assert {version_of(d) for t in tables.values() for d in t.values()} == {SCHEMA_VERSION}
    assert tables["meeting"]["1"]["steps"][1]["report_back"] is True
    backups = list((old_data / "old-owls" / "backups").glob("*before-upgrade"))
    assert len(backups) == 1
    assert (backups[0] / "meetings" / "0001.json").read_bytes() == original
    assert store.upgrade("old-owls", clock.now()) == []
    assert Store(old_data).meeting("old-owls", 1).steps[1].report_back


def test_a_file_from_a_newer_altui_is_refused_and_left_alone(old_data):
    path = old_data / MEETING
    tables = json.loads(path.read_text())
    tables["meeting"]["1"]["schema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(tables))
    before = path.read_bytes()
    with pytest.raises(AltuiError, match="newer altui"):
        Store(old_data).meeting("old-owls", 1)
    assert path.read_bytes() == before


def test_upgrade_of_a_current_document_changes_nothing():
    doc = {"schema": SCHEMA_VERSION, "name": "x"}
    assert upgrade("set", doc) == doc
