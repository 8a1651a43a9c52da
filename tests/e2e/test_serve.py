"""End to end in a browser: ``altui serve`` on localhost, the page loaded in headless Chromium.

The page is textual-serve's xterm.js terminal, drawn on a canvas (WebGL or 2D), so its text is
not in the DOM. Chromium is driven over the DevTools protocol: before the page loads, a script
catches the xterm ``Terminal`` as textual-serve's code stores it (``obj.terminal = ...``), and
the test then reads the terminal's buffer (what the browser shows, row by row) until the
presenter's name is there.

Chromium (Debian's ``chromium``) is installed with apt-get when missing only in CI (``CI=true``,
as root, as ``.ci/run`` runs); anywhere else a missing Chromium skips the test, saying how to get
it. Chromium is started with a fresh profile and every host name but localhost made
unresolvable, so it never reaches the network.
Each process started here (the server and the displays it runs, Chromium and its helpers) is in
a process group of its own, killed when the test ends.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from altui.clock import SystemClock
from altui.demo import DEMO_PRESENTERS, ensure_demo
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.store import Store
from tests.builders import free_port

if TYPE_CHECKING:
    import aiohttp

SHOWN = "Present the issue"
"""Plain text of the details line (the presenter's name is drawn in large letters)."""
STEP = 3
"""The demo meeting's fourth step: Chloé Martin presents."""
TIMEOUT = 30.0
CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--no-default-browser-check",
    "--disable-breakpad",
    "--window-size=1280,800",
    # Never leave this machine, whatever the page asks for (it should ask nothing elsewhere).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer) {
      (window.__altuiTerminals = window.__altuiTerminals || []).push(value);
    }
  },
});
"""
"""Runs before the page's own scripts: keeps each xterm Terminal assigned to ``x.terminal``."""

READ_TERMINAL = """
(() => {
  const rows = [];
  for (const term of window.__altuiTerminals || []) {
    const buffer = term.buffer.active;
    for (let y = 0; y < buffer.length; y++) {
      const line = buffer.getLine(y);
      rows.push(line ? line.translateToString(true) : "");
    }
  }
  return rows.join("\\n");
})()
"""
"""The text of the page's terminal(s), one line per row."""


# processes ------------------------------------------------------------------------------------


class Group:
    """Processes, each in a process group of its own, killed with their children by ``close``."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []

    def start(
        self, args: list[str], log: Path, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        self.started.append(process)
        return process

    def close(self) -> None:
        for process in reversed(self.started):
            _kill_group(process, signal.SIGTERM)
        for process in reversed(self.started):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
            _kill_group(process, signal.SIGKILL)  # its children too, even if it exited first
            process.wait(timeout=5)


def _kill_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)  # the group was made for it: its id is the process's


def members(group: int) -> list[int]:
    """The live processes in a process group (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":  # pgrp; not a zombie
            found.append(int(stat.parent.name))
    return found


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            pass
        if process.poll() is not None:
            raise AssertionError(
                f"altui serve exited with {process.returncode}:\n{log.read_text()}"
            )
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing listening on port {port}:\n{log.read_text()}")
        time.sleep(0.1)


def handshake_status(port: int, host: str, origin: str) -> int:
    """The HTTP status of a websocket handshake to the server's ``/ws`` with these headers."""
    request = (
        f"GET /ws HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(request.encode())
        return int(connection.recv(1024).split()[1])


# chromium -------------------------------------------------------------------------------------


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def install_chromium() -> None:
    """Debian's chromium, installed only in CI (``CI=true``), as root, with apt-get."""
    if os.environ.get("CI") != "true" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)
        if done.returncode != 0:
            return


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        install_chromium()
        found = find_chromium()
    if found is None:
        pytest.skip(
            "chromium is not installed: install it (Debian/Ubuntu: sudo apt install chromium)"
            " to run this browser test; CI=true as root installs it"
        )
    return found


@pytest.fixture
def processes() -> Iterator[Group]:
    group = Group()
    try:
        yield group
    finally:
        group.close()


def devtools_port(profile: Path, browser: subprocess.Popen[bytes], log: Path) -> int:
    """The DevTools port Chromium chose (``--remote-debugging-port=0``), from its profile."""
    active = profile / "DevToolsActivePort"
    deadline = time.monotonic() + TIMEOUT
    while not (active.exists() and active.read_text().strip()):
        if browser.poll() is not None:
            raise AssertionError(f"chromium exited with {browser.returncode}:\n{log.read_text()}")
        assert time.monotonic() < deadline, f"chromium gave no DevTools port:\n{log.read_text()}"
        time.sleep(0.1)
    return int(active.read_text().split()[0])


class DevTools:
    """A DevTools protocol session on one page."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict[str, object]] = []

    async def call(self, method: str, **params: object) -> dict[str, object]:
        self.next_id += 1
        ask = self.next_id
        await self.ws.send_json({"id": ask, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json(timeout=TIMEOUT)
            if message.get("id") == ask:
                assert "error" not in message, (method, message)
                return message["result"]
            if "method" in message:
                self.events.append(message)


async def page_text(
    devtools_port: int, url: str, wanted: str, screenshot: Path
) -> tuple[str, list[str]]:
    """Load ``url`` and read its terminal until ``wanted`` shows (or TIMEOUT).

    Returns the last text, and the address of every request the page made; fails if the
    page's content security policy refused anything the page itself needs.
    """
    import aiohttp  # comes with textual-serve (the test extra)

    with urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=10) as r:
        targets = json.load(r)
    page = next(t for t in targets if t["type"] == "page")
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws,
    ):
        tools = DevTools(ws)
        await tools.call("Page.enable")
        await tools.call("Network.enable")
        await tools.call("Log.enable")
        await tools.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
        await tools.call("Page.navigate", url=url)
        text = ""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            result = await tools.call("Runtime.evaluate", expression=READ_TERMINAL)
            text = str(result["result"].get("value", ""))
            if wanted in text:
                break
            await asyncio.sleep(0.25)
        shot = await tools.call("Page.captureScreenshot", format="png")
        screenshot.write_bytes(base64.b64decode(str(shot["data"])))
        refused = [
            event["params"]["entry"]["text"]  # type: ignore[index]
            for event in tools.events
            if event["method"] == "Log.entryAdded"
            and "Content Security Policy" in event["params"]["entry"]["text"]  # type: ignore[index]
        ]
        assert refused == []
        requested = [
            str(event["params"]["request"]["url"])  # type: ignore[index]
            for event in tools.events
            if event["method"] == "Network.requestWillBeSent"
        ]
        return text, requested


# the test -------------------------------------------------------------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with the demo meeting at the step where Chloé Martin presents."""
    folder = tmp_path / "data"
    store, clock = Store(folder), SystemClock()
    demo = ensure_demo(store, clock)
    meeting = start_or_resume(store, demo, clock, presenters=DEMO_PRESENTERS)
    assert LiveMeeting(store, meeting, clock).go_to(STEP)
    return folder


def test_serve_shows_the_display_in_a_browser(
    chromium: str, processes: Group, data: Path, tmp_path: Path
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ALTUI_DATA"}
    server_log = tmp_path / "serve.log"
    server = processes.start(
        [
            sys.executable,
            "-m",
            "altui",
            "--data",
            str(data),
            "serve",
            "Demo set",
            "--port",
            str(port),
        ],
        server_log,
        env=env,
    )
    wait_for_port(port, server, server_log)
    url = f"http://127.0.0.1:{port}"
    assert f"at {url} " in server_log.read_text(), server_log.read_text()

    # Another site's page (a forged Origin) and a DNS-rebinding page (a foreign Host) are refused,
    # and no display starts for them.
    assert handshake_status(port, f"127.0.0.1:{port}", "http://evil.example") == 403
    assert handshake_status(port, f"evil.example:{port}", f"http://evil.example:{port}") == 403
    assert members(server.pid) == [server.pid]

    profile = tmp_path / "chromium-profile"
    browser_log = tmp_path / "chromium.log"
    home = tmp_path / "home"  # Chromium's config and caches stay in tmp too
    browser_env = {**env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    browser_env["XDG_CACHE_HOME"] = str(home / ".cache")
    browser = processes.start(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        browser_log,
        env=browser_env,
    )
    debug_port = devtools_port(profile, browser, browser_log)
    screenshot = tmp_path / "page.png"
    text, requested = asyncio.run(page_text(debug_port, url, SHOWN, screenshot))

    assert SHOWN in text, (
        f"{SHOWN!r} not in the page's terminal after {TIMEOUT:g}s (screenshot: {screenshot})"
        f"\n--- terminal ---\n{text}\n--- altui serve ---\n{server_log.read_text()}"
    )
    assert "step 4 of 21" in text, text
    # The page asked nothing of any other host; its font came from this server.
    assert [u for u in requested if not u.startswith(f"{url}/")] == []
    assert any(u.endswith(".ttf") for u in requested), requested
    assert server.poll() is None, server_log.read_text()

    # Ctrl+C with the page still open: the server stops at once, and so does the page's display.
    displays = members(server.pid)
    assert len(displays) > 1, "no display process started for the page"
    server.send_signal(signal.SIGINT)
    assert server.wait(timeout=10) == 0, server_log.read_text()
    deadline = time.monotonic() + 10
    while members(server.pid):
        assert time.monotonic() < deadline, f"still running after Ctrl+C: {members(server.pid)}"
        time.sleep(0.1)
