"""``--data`` is accepted after any command and always beats ``ALTUI_DATA``.

A trial "on a copy" with ALTUI_DATA set used to start a real meeting in the real data.
"""

from __future__ import annotations

import pytest

import altui.cli
from altui.cli import main
from altui.meetings import start_or_resume
from altui.sets import new_set
from altui.store import Store
from tests.cli.commands import one_line_error


@pytest.fixture
def real(tmp_path, clock):
    """The real data (named by ALTUI_DATA): Owls, whose meeting must never be touched."""
    store = Store(tmp_path / "real")
    start_or_resume(store, new_set(store, "Owls", ["Ana"], "classic", clock), clock)
    return store.root


@pytest.fixture
def copy(tmp_path, clock):
    """The copy named with --data: Owls too, with another member."""
    store = Store(tmp_path / "copy")
    start_or_resume(store, new_set(store, "Owls", ["Ben"], "classic", clock), clock)
    return store.root


@pytest.fixture
def consoles(monkeypatch):
    """The data folder each command would run the console on."""
    roots = []
    monkeypatch.setattr(altui.cli, "run_console", lambda store, *_, **__: roots.append(store.root))
    return roots


def tree(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ["--data", "{copy}", "set", "list"],
        ["set", "--data", "{copy}", "list"],
        ["set", "list", "--data", "{copy}"],
        ["--data", "{copy}", "member", "add", "Owls", "Zed"],
        ["member", "--data", "{copy}", "add", "Owls", "Zed"],
        ["member", "add", "Owls", "Zed", "--data", "{copy}"],
        ["set", "rename", "Owls", "Night Owls", "--data", "{copy}"],
        ["export", "Owls", "--data", "{copy}"],
        ["plans", "--data", "{copy}"],
        ["check", "--data", "{copy}"],
    ],
)
def test_data_after_any_command_beats_altui_data(runner, real, copy, monkeypatch, args):
    monkeypatch.setenv("ALTUI_DATA", str(real))
    before = tree(real)
    result = runner.invoke(main, [a.format(copy=copy) for a in args])
    assert result.exit_code == 0, result.output
    assert tree(real) == before
    if "list" in args:
        assert result.stdout.split()[-1] == "Ben"  # the copy's member, not the real one's
    if "add" in args:
        assert [m.name for m in Store(copy).find_set("Owls").members] == ["Ben", "Zed"]


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", [["meet", "Owls"], ["display", "Owls"], ["demo"]])
def test_the_console_opens_on_the_data_given(
    runner, real, copy, consoles, monkeypatch, where, command
):
    monkeypatch.setenv("ALTUI_DATA", str(real))
    data = ["--data", str(copy)]
    args = [*data, *command] if where == "before" else [*command, *data]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert consoles == [copy]


def test_altui_data_is_used_when_no_data_is_given(runner, real, consoles, monkeypatch):
    monkeypatch.setenv("ALTUI_DATA", str(real))
    result = runner.invoke(main, ["meet", "Owls"])
    assert result.exit_code == 0, result.output
    assert consoles == [real]


@pytest.mark.parametrize("args", [[], ["set", "list"], ["check"], ["meet", "Owls"]])
def test_a_data_folder_that_is_a_file_is_refused_in_one_line(runner, tmp_path, consoles, args):
    given = tmp_path / "notes.txt"
    given.write_text("mine")
    for how in ([*args, "--data", given], args):
        result = runner.invoke(main, [str(a) for a in how], env={"ALTUI_DATA": str(given)})
        one_line_error(result, f"altui: data folder {given}: is a file, not a folder")
    assert given.read_text() == "mine"
    assert consoles == []
