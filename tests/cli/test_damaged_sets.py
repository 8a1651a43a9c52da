"""A damaged set.json beside a healthy set: every command on the healthy set still works."""

from __future__ import annotations

import pytest

import altui.cli
from altui.meetings import start_or_resume
from altui.sets import new_set
from altui.store import SET_FILE, Store
from tests.cli.commands import one_line_error, run


@pytest.fixture
def data(tmp_path, clock):
    """Owls (healthy, meeting 1 running) and Crows, whose set.json is not JSON."""
    store = Store(tmp_path / "data")
    start_or_resume(store, new_set(store, "Owls", ["Ana", "Ben"], "classic", clock), clock)
    new_set(store, "Crows", ["Dev"], "classic", clock)
    (store.root / "crows" / SET_FILE).write_text("{not json")
    return store.root


@pytest.fixture
def consoles(monkeypatch):
    """The (set, meeting, display) each command would run the console on, instead of running it."""
    calls = []

    def fake_run_console(store, the_set, meeting, display=False):
        calls.append((the_set.name, meeting.number, display))

    monkeypatch.setattr(altui.cli, "run_console", fake_run_console)
    return calls


def test_set_list_shows_the_healthy_set_and_names_the_damaged_one(runner, data):
    result = run(runner, "--data", data, "set", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["Owls", "1", "meeting", "Ana,", "Ben"]
    (line,) = result.stderr.splitlines()
    assert line.startswith("altui: skipped the damaged set in crows/: ")
    assert "crows/set.json: not valid JSON" in line


@pytest.mark.parametrize("command", ["meet", "display"])
def test_the_healthy_set_opens(runner, data, consoles, command):
    result = run(runner, "--data", data, command, "Owls")
    assert result.exit_code == 0, result.output
    assert consoles == [("Owls", 1, command == "display")]


def test_the_healthy_set_exports(runner, data):
    result = run(runner, "--data", data, "export", "Owls")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Owls: meeting 1")


@pytest.mark.parametrize("command", ["meet", "display", "export"])
def test_the_damaged_set_is_refused_in_one_line_naming_its_file(runner, data, consoles, command):
    line = one_line_error(run(runner, "--data", data, command, "Crows"))
    assert "crows/set.json: not valid JSON" in line
    assert consoles == []


def test_check_names_the_damaged_file_once(runner, data):
    result = run(runner, "--data", data, "check")
    assert result.exit_code == 2
    problems = [line for line in result.stdout.splitlines() if line.startswith("problem")]
    assert len(problems) == 1 and "crows/set.json" in problems[0]
    assert any(line.startswith("ok       Owls:") for line in result.stdout.splitlines())


def test_check_says_how_to_restore_a_damaged_file(runner, data):
    result = run(runner, "--data", data, "check")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line == (
        "altui: 1 problem found; the files were left as they are. To restore a file, quit "
        f"altui and copy it back from the set's backups folder: {data / 'crows' / 'backups'} "
        "(none made yet) (README: Restore a backup)."
    )


def test_check_names_the_backups_folder_of_each_set_with_problems(runner, data):
    (data / "owls" / "meetings" / "0001.json").write_text("[]")
    (line,) = run(runner, "--data", data, "check").stderr.splitlines()
    folders = f"{data / 'crows' / 'backups'} (none made yet), {data / 'owls' / 'backups'}"
    assert "2 problems found" in line
    assert f"copy it back from its set's backups folder: {folders} (README:" in line
