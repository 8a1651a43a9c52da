"""Running altui's commands in-process, checking their one-line errors, and a stand-in for
textual-serve's server so that ``altui serve`` serves nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from altui.cli import main


def run(runner: CliRunner, *args: object, env: Mapping[str, str | None] | None = None) -> Result:
    """``altui ARGS`` (each argument as a string)."""
    return runner.invoke(main, [str(a) for a in args], env=env)


def one_line_error(result: Result, *words: str) -> str:
    """Check that ``result`` failed with one ``altui: ...`` line on stderr holding ``words``
    (no traceback, nothing on stdout); that line."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("altui: ")
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return lines[0]


def make_set(
    runner: CliRunner,
    data: Path,
    name: str = "Owls",
    members: Iterable[str] = ("Ana Silva", "Ben Okafor", "Chloé Martin"),
) -> Result:
    """``altui set new NAME --member ...``, which must succeed."""
    args: list[object] = ["--data", data, "set", "new", name]
    for member in members:
        args += ["--member", member]
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    return result


class FakeServer:
    """Stands in for textual-serve's Server: records how it was made, runs its startup hook."""

    made: list[FakeServer] = []

    def __init__(
        self,
        command: str,
        host: str = "localhost",
        port: int = 8000,
        title: str | None = None,
        public_url: str | None = None,
    ) -> None:
        self.command, self.host, self.port = command, host, port
        self.title, self.public_url = title, public_url
        FakeServer.made.append(self)

    def serve(self, debug: bool = False) -> None:
        asyncio.run(self.on_startup(None))

    async def on_startup(self, app: Any) -> None:
        raise AssertionError("altui should print its own line")
