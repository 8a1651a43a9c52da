"""One damaged file stops nothing but what is in it: the other sets list, open, export and check."""

from __future__ import annotations

import pytest

from altui.check import check_data
from altui.errors import AltuiError
from altui.meetings import start_or_resume
from altui.sets import new_set
from altui.store import SET_FILE, Store


@pytest.fixture
def folder(store, clock):
    """Owls and Lions healthy (Owls with a meeting); Crows' set.json damaged, its meeting too."""
    new_set(store, "Owls", ["Ana"], "classic", clock)
    start_or_resume(store, store.find_set("Owls"), clock)
    new_set(store, "Lions", ["Ben"], "classic", clock)
    crows = new_set(store, "Crows", ["Dev"], "classic", clock)
    start_or_resume(store, crows, clock)
    (store.root / "crows" / SET_FILE).write_text("{not json")
    (store.root / "crows" / "meetings" / "0001.json").write_text("[]")
    return Store(store.root)


def test_the_survey_lists_the_healthy_sets_and_names_the_damaged_one(folder):
    sets, damaged = folder.survey()
    assert [s.name for s in sets] == ["Lions", "Owls"]
    assert [d.slug for d in damaged] == ["crows"]
    assert "crows/set.json: not valid JSON" in damaged[0].error
    assert [s.name for s in folder.sets()] == ["Lions", "Owls"]


@pytest.mark.parametrize("name", ["Owls", "owls", "Lions"])
def test_a_healthy_set_is_found_beside_a_damaged_one(folder, name):
    assert folder.find_set(name).name.casefold() == name.casefold()


def test_a_set_is_found_by_its_folder_without_reading_the_others(folder, monkeypatch):
    read = []
    real = Store._read_header

    def counting(self, path, table, model):
        read.append(path.parent.name)
        return real(self, path, table, model)

    monkeypatch.setattr(Store, "_read_header", counting)
    assert folder.find_set("Owls").slug == "owls"
    assert read == ["owls"]


def test_asking_for_the_damaged_set_gives_its_damage(folder):
    with pytest.raises(AltuiError, match=r"crows/set.json: not valid JSON"):
        folder.find_set("Crows")


def test_an_unknown_name_mentions_the_damaged_sets(folder):
    with pytest.raises(AltuiError, match=r"sets: 'Lions', 'Owls'; 1 damaged, see altui check"):
        folder.find_set("Hawks")


def test_check_reports_each_file_once_and_checks_all_the_others(store, clock):
    """44 sets, 3 with a damaged set.json: 3 problems (not 3 x 44), and the damaged sets'
    meeting files are still read (one of them is damaged too)."""
    for n in range(44):
        made = new_set(store, f"Set {n:02d}", ["Ana"], "classic", clock)
        start_or_resume(store, made, clock)
    for n in (3, 17, 40):
        (store.root / f"set-{n:02d}" / SET_FILE).write_text("[]")
    (store.root / "set-17" / "meetings" / "0001.json").write_text("{")
    found = check_data(store)
    problems = [line for line in found.lines if line.startswith("problem")]
    assert found.problems == 4, problems
    assert sorted(p.split("/")[-2] for p in problems if SET_FILE in p) == [
        "set-03",
        "set-17",
        "set-40",
    ]
    assert any("set-17/meetings/0001.json: not valid JSON" in p for p in problems)
    assert sum(line.startswith("ok") for line in found.lines) == 41
