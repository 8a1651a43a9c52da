"""Every command in the README's code blocks, run as written, in the README's order.

A line is a command when it starts ``altui``; its ``# comment`` is dropped, and so are its
``[optional parts]``; a line of alternatives (``set list | rename OLD NEW``) is run for each
alternative that names no placeholder (``SET``, ``NAME``). The console, the display and the
server are not started: each call is recorded instead, and a meeting the console opens is ended
there as F9 would end it, so the commands after it (the recap, the calendar event) have a
meeting behind them.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import altui.cli
import altui.serve
from altui.cli import main
from altui.clock import SystemClock
from altui.live import LiveMeeting
from altui.models import MeetingStatus
from altui.resources import sessions_dir

README = Path(__file__).parents[2] / "README.md"
OPTIONAL = re.compile(r"\s*\[[^\[\]]*\]")
PLACEHOLDER = re.compile(r"^[A-Z][A-Z_]+$")


def readme_commands(text: str) -> list[list[str]]:
    """The ``altui`` command lines of the README's code blocks, as argument lists."""
    commands: list[list[str]] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
            continue
        if not inside or not line.startswith("altui"):
            continue
        line = re.sub(r"\s+#\s.*$", "", line)
        while OPTIONAL.search(line):
            line = OPTIONAL.sub("", line)
        first, *others = line.split(" | ")
        words = shlex.split(first)
        prefix = words[:2] if others else []
        for args in [words, *(prefix + shlex.split(other) for other in others)]:
            if not any(PLACEHOLDER.match(word) for word in args):
                commands.append(args[1:])
    return commands


def test_the_readme_lists_the_commands_a_user_tries_first():
    commands = [" ".join(args) for args in readme_commands(README.read_text())]
    assert "set new Team Tiger --member Ana --member Ben --member Chloé Martin" in commands
    assert "meet Team Tiger --plan quick --presenter Ana --presenter Ben --apologies Chloé" in (
        commands
    )
    assert "export Team Tiger --ics" in commands and "set list" in commands


@pytest.fixture
def started(monkeypatch):
    """What the commands would have started: consoles (each meeting ended there) and servers."""
    calls: list[str] = []

    def console(store, the_set, meeting, display=False, reopen=False):
        calls.append("display" if display else "console")
        if meeting is not None and not display and meeting.status is MeetingStatus.RUNNING:
            LiveMeeting(store, meeting, SystemClock()).close()

    monkeypatch.setattr(altui.cli, "run_console", console)
    monkeypatch.setattr(altui.serve, "serve_display", lambda *args: calls.append("serve"))
    return calls


def test_every_readme_command_works_as_written(runner, tmp_path, monkeypatch, started):
    monkeypatch.setenv("ALTUI_DATA", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_plan.toml").write_text((sessions_dir() / "quick.toml").read_text())
    for args in readme_commands(README.read_text()):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, f"altui {shlex.join(args)}: {result.output}"
    assert "serve" in started and "display" in started
