"""``altui serve``, in-process: its one-line errors, and what it would start (no server runs).

The real server in a real browser is tested in tests/e2e/test_serve.py.
"""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import altui.cli
import altui.serve
from altui.cli import main
from altui.clock import SystemClock
from altui.demo import DEMO_PRESENTERS, ensure_demo
from altui.meetings import start_or_resume
from altui.sets import new_set
from altui.store import Store
from tests.builders import free_port
from tests.cli.commands import FakeServer, one_line_error, run


@pytest.fixture
def data(tmp_path):
    """A data folder (with a space in its path) holding the demo set and its meeting 2."""
    folder = tmp_path / "my data"
    store, clock = Store(folder), SystemClock()
    start_or_resume(store, ensure_demo(store, clock), clock, presenters=DEMO_PRESENTERS)
    return folder


@pytest.fixture
def servers(monkeypatch):
    """Every server ``altui serve`` makes, instead of serving."""
    FakeServer.made = []
    monkeypatch.setattr(altui.serve, "server_class", lambda: FakeServer)
    return FakeServer.made


def test_unknown_set_is_one_line(runner, data, servers):
    one_line_error(run(runner, "--data", data, "serve", "Nope"), "Nope")
    assert servers == []


def test_unknown_set_with_textual_serve_installed(runner, data):
    pytest.importorskip("textual_serve")
    one_line_error(run(runner, "--data", data, "serve", "Nope"), "Nope")


class Installed:
    """altui's installed metadata, as pip recorded where it was installed from (or did not)."""

    def __init__(self, direct_url: str | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self.direct_url if name == "direct_url.json" else None


@pytest.mark.parametrize(
    ("direct_url", "prefix", "said"),
    [
        (
            '{"url": "file:///home/me/my%20altui", "dir_info": {}}',
            "/home/me/my altui/.venv",
            'pip install ".[serve]" in /home/me/my altui',
        ),
        (None, "/home/me/altui/.venv", 'pip install ".[serve]" in the altui folder'),
        (
            '{"url": "file:///home/me/altui", "dir_info": {}}',
            "/home/me/.local/share/pipx/venvs/altui",
            'pipx install --force ".[serve]" in /home/me/altui',
        ),
    ],
)
def test_missing_extra_says_the_readme_command_in_altui_folder(
    runner, data, monkeypatch, direct_url, prefix, said
):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # makes `import textual_serve` fail
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.setattr(altui.serve.metadata, "distribution", lambda name: Installed(direct_url))
    monkeypatch.setattr(altui.serve.sys, "prefix", prefix)
    result = run(runner, "--data", data, "serve", "Demo set")
    one_line_error(result)
    assert result.stderr == f"altui: serving needs the serve extra: {said}\n"
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert said.split(" in ")[0] in readme  # the command the README gives


def test_a_set_with_no_meeting_is_served_waiting(runner, data, servers):
    new_set(Store(data), "Team Tiger", ["Ana", "Ben"], "classic", SystemClock())
    result = run(runner, "--data", data, "serve", "Team Tiger")
    assert result.exit_code == 0, result.output
    [server] = servers  # its display waits for the first meeting
    assert server.command.endswith("display -- 'Team Tiger'")


def test_a_port_in_use_is_one_line(runner, data, servers):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(runner, "--data", data, "serve", "Demo set", "--port", port)
    one_line_error(result, f"127.0.0.1:{port}")
    assert servers == []


def test_a_bad_port_is_refused(runner, data, servers):
    result = run(runner, "--data", data, "serve", "Demo set", "--port", "70000")
    assert result.exit_code == 2
    assert servers == []


def test_serves_on_localhost_and_prints_the_address(runner, data, servers):
    result = run(runner, "--data", data, "serve", "demo set", "--port", free_port())
    assert result.exit_code == 0, result.output
    [server] = servers
    assert server.host == "127.0.0.1"
    url = f"http://127.0.0.1:{server.port}"
    assert server.public_url == url
    assert result.stdout.splitlines() == [
        f"Serving the display of 'Demo set' at {url} (read only; Ctrl+C stops)"
    ]
    assert server.title == "altui · Demo set"
    assert str(data) not in server.title  # the page shows the title: no paths


def test_at_most_twelve_browsers_unless_told(runner, data, servers):
    assert run(runner, "--data", data, "serve", "Demo set", "--port", free_port()).exit_code == 0
    assert servers[0].max_viewers == 12
    result = run(
        runner, "--data", data, "serve", "Demo set", "--port", free_port(), "--max-viewers", 3
    )
    assert result.exit_code == 0, result.output
    assert servers[1].max_viewers == 3
    assert run(runner, "--data", data, "serve", "Demo set", "--max-viewers", 0).exit_code == 2
    assert len(servers) == 2


def test_only_the_served_address_is_accepted(runner, data, servers):
    port = free_port()
    assert run(runner, "--data", data, "serve", "Demo set", "--port", port).exit_code == 0
    address = servers[0].address
    assert address.accepts_host(f"127.0.0.1:{port}")
    assert not address.accepts_host(f"evil.example:{port}")


def test_host_and_port_are_passed_on(runner, data, servers, monkeypatch):
    monkeypatch.setattr(altui.serve, "check_port", lambda host, port: None)
    monkeypatch.setattr(socket, "gethostname", lambda: "meeting-room")
    result = run(runner, "--data", data, "serve", "Demo set", "--host", "0.0.0.0", "--port", 8123)
    assert result.exit_code == 0, result.output
    [server] = servers
    assert (server.host, server.port) == ("0.0.0.0", 8123)
    assert server.public_url == "http://meeting-room:8123"  # what other machines can open
    assert "http://meeting-room:8123" in result.stdout


def test_each_browser_gets_the_display_of_that_set_and_data_folder(
    runner, data, servers, monkeypatch
):
    assert run(runner, "--data", data, "serve", "Demo set", "--port", free_port()).exit_code == 0
    argv = shlex.split(servers[0].command)
    assert argv[:3] == [sys.executable, "-m", "altui"]

    shown = []
    monkeypatch.setattr(
        altui.cli,
        "run_console",
        lambda store, s, m, display=False: shown.append((store, s, display)),
    )
    result = runner.invoke(main, argv[3:])
    assert result.exit_code == 0, result.output
    [(store, the_set, display)] = shown
    assert display is True
    assert the_set.name == "Demo set"
    assert store.root == data.resolve()


@pytest.mark.parametrize("name", ["-dash first", 'it\'s "quoted" $HOME; rm -rf x', "Émilie's set"])
def test_the_command_quotes_any_set_name(runner, tmp_path, servers, monkeypatch, name):
    store, clock = Store(tmp_path / "odd $data"), SystemClock()
    the_set = new_set(store, name, ["Ana", "Ben"], "quick", clock)
    start_or_resume(store, the_set, clock)
    assert (
        run(runner, "--data", store.root, "serve", "--port", free_port(), "--", name).exit_code == 0
    )
    argv = shlex.split(servers[0].command)
    assert argv[3:] == ["--data", str(store.root.resolve()), "display", "--", name]

    shown = []
    monkeypatch.setattr(
        altui.cli, "run_console", lambda store, s, m, display=False: shown.append(s.name)
    )
    assert runner.invoke(main, argv[3:]).exit_code == 0
    assert shown == [name]


def test_public_url_brackets_ipv6():
    assert altui.serve.public_url("::1", 8000) == "http://[::1]:8000"
    assert altui.serve.public_url("127.0.0.1", 9000) == "http://127.0.0.1:9000"


def test_the_cli_still_starts_without_textual_serve():
    code = "import sys, altui.cli; print('textual_serve' in sys.modules, 'aiohttp' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.split() == ["False", "False"]


def test_every_interface_answers_to_this_machines_names_and_the_allowed_ones(
    runner, data, servers, monkeypatch
):
    monkeypatch.setattr(altui.serve, "check_port", lambda host, port: None)
    monkeypatch.setattr(socket, "gethostname", lambda: "meeting-room")
    monkeypatch.setattr(socket, "getfqdn", lambda *_: "meeting-room.corp.example")
    result = run(
        runner, "--data", data, "serve", "Demo set", "--host", "0.0.0.0", "--port", 8123,
        "--allow-host", "projector.example", "--allow-host", "10.1.2.3",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    address = servers[0].address
    for name in ["meeting-room", "meeting-room.corp.example", "projector.example", "10.1.2.3"]:
        assert address.accepts_host(f"{name}:8123"), name
    assert not address.accepts_host("evil.example:8123")


def test_a_bad_allowed_name_is_one_line_before_serving(runner, data, servers):
    result = run(runner, "--data", data, "serve", "Demo set", "--allow-host", "http://x:1")
    one_line_error(result, "--allow-host", "http://x:1")
    assert servers == []
