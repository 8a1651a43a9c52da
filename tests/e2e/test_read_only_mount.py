"""End to end on a truly read-only data folder: a projector machine that mounts the facilitator's.

Each run is in a mount namespace of its own (``unshare -m``) where the data folder is bind-mounted
read-only, so nothing outside the test sees the mount. ``altui display`` runs in a pseudo-terminal
and must draw the meeting (report back included, which works out the open commitments); ``altui
serve`` must send a browser's websocket the display's bytes. Neither may change the folder.
Skipped where mount namespaces are not allowed.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from altui.clock import SystemClock
from altui.demo import DEMO_PRESENTERS, ensure_demo
from altui.guard import LOG_FILE
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.store import COMMITMENT_INDEX, Store
from tests.builders import free_port, tree

TIMEOUT = 30.0
WANTED = "Ask him for thirty minutes"
"""A commitment from the demo's meeting 1, shown in meeting 2's report back."""


def _can_mount_read_only(tmp: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    (tmp / "probe").mkdir()
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", 'mount --bind -o ro "$0" "$0" && ! touch "$0/x"', tmp],
        capture_output=True,
        timeout=10,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The demo's meeting 2 at its report-back step, with no commitment index written yet."""
    if not _can_mount_read_only(tmp_path):
        pytest.skip("cannot bind-mount read-only in a mount namespace here (unshare -m)")
    folder = tmp_path / "data"
    store, clock = Store(folder), SystemClock()
    meeting = start_or_resume(store, ensure_demo(store, clock), clock, presenters=DEMO_PRESENTERS)
    report_back = next(i for i, s in enumerate(meeting.steps) if s.report_back)
    LiveMeeting(store, meeting, clock).go_to(report_back)
    (folder / "demo-set" / COMMITMENT_INDEX).unlink(missing_ok=True)
    return folder


def read_only(data: Path, *args: str) -> list[str]:
    """``altui --data DATA ARGS`` with DATA mounted read-only over itself."""
    mount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    altui = [sys.executable, "-m", "altui", "--data", str(data), *args]
    return ["unshare", "-m", "sh", "-c", mount, str(data), *altui]


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"ALTUI_DATA", "TMUX"}}
    return {**env, "TERM": "xterm-256color", "LANG": "C.UTF-8"}


@contextlib.contextmanager
def started(args: list[str], **kwargs: object) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(args, env=clean_env(), start_new_session=True, **kwargs)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def screen_text(raw: bytes) -> str:
    """The text in a terminal byte stream, escape sequences removed."""
    return re.sub(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)", "", raw.decode(
        "utf-8", "replace"
    ))  # fmt: skip


def test_display_draws_the_meeting_from_a_read_only_folder(data: Path) -> None:
    before = tree(data)
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    with started(
        read_only(data, "display", "Demo set"), stdin=child, stdout=child, stderr=child
    ) as display:
        os.close(child)
        seen = b""
        deadline = time.monotonic() + TIMEOUT
        while WANTED not in screen_text(seen):
            assert time.monotonic() < deadline, f"not shown in {TIMEOUT:g}s: {seen[-2000:]!r}"
            try:
                seen += os.read(parent, 65536) if _readable(parent) else b""
            except OSError:  # the display exited, closing its terminal
                display.wait(timeout=10)
                raise AssertionError(f"exited {display.returncode}: {screen_text(seen)}") from None
        os.write(parent, b"\x11")  # Ctrl+Q
        deadline = time.monotonic() + TIMEOUT
        while display.poll() is None:
            assert time.monotonic() < deadline, "the display did not quit on Ctrl+Q"
            with contextlib.suppress(OSError):
                if _readable(parent):
                    os.read(parent, 65536)
        assert display.returncode == 0
    os.close(parent)
    assert not (data / LOG_FILE).exists()
    assert tree(data) == before


def _readable(fd: int) -> bool:
    return bool(select.select([fd], [], [], 0.1)[0])


def test_serve_sends_the_display_from_a_read_only_folder(data: Path, tmp_path: Path) -> None:
    import aiohttp  # comes with textual-serve (the test extra)

    before = tree(data)
    port = free_port()
    log = tmp_path / "serve.log"
    args = read_only(data, "serve", "Demo set", "--port", str(port))
    with log.open("wb") as out, started(args, stdout=out, stderr=subprocess.STDOUT) as server:
        url = f"http://127.0.0.1:{port}"

        async def watch() -> str:
            seen = b""
            deadline = time.monotonic() + TIMEOUT
            async with aiohttp.ClientSession() as session:
                while True:  # until the server listens
                    try:
                        socket = await session.ws_connect(
                            f"{url}/ws?width=120&height=36", headers={"Origin": url}
                        )
                        break
                    except aiohttp.ClientError:
                        assert server.poll() is None, log.read_text()
                        assert time.monotonic() < deadline, log.read_text()
                        await asyncio.sleep(0.1)
                async with socket:
                    while WANTED not in screen_text(seen) and time.monotonic() < deadline:
                        with contextlib.suppress(TimeoutError):
                            message = await socket.receive(timeout=1)
                            if message.type == aiohttp.WSMsgType.BINARY:
                                seen += message.data
                            elif message.type != aiohttp.WSMsgType.TEXT:
                                break
            return screen_text(seen)

        text = asyncio.run(watch())
        assert WANTED in text, f"{text[-2000:]}\n--- altui serve ---\n{log.read_text()}"
        assert server.poll() is None, log.read_text()
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0, log.read_text()
    assert not (data / LOG_FILE).exists()
    assert tree(data) == before
