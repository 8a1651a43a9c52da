"""What ``altui serve`` sends a browser carries no character that steers its terminal.

The display runs as textual-serve runs it for each browser (Textual's web driver, packets on
stdout); the terminal output in its data packets is read until the hostile names show, then
checked: C1 controls, bidi controls and separators never appear, C0 ones only as pictures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

from altui.clock import FakeClock
from altui.store import Store
from altui.text import visible
from tests.builders import NAME, SET_NAME, STEERING, TEXT, hostile

TIMEOUT = 30.0
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


class Stream:
    """The display's stdout, read on a thread: the terminal output of its data packets."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.raw = bytearray()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while chunk := self.process.stdout.read1(65536):
            self.raw += chunk

    def output(self) -> str:
        """The text of every complete data packet so far."""
        data, rest = bytearray(), bytes(self.raw)
        start = rest.find(b"__GANGLION__\n")
        if start < 0:
            return ""
        rest = rest[start + len(b"__GANGLION__\n") :]
        while len(rest) >= 5:
            size = int.from_bytes(rest[1:5], "big")
            if len(rest) < 5 + size:
                break
            if rest[:1] == b"D":
                data += rest[5 : 5 + size]
            rest = rest[5 + size :]
        return data.decode("utf-8", errors="replace")


def test_the_served_display_sends_only_visible_symbols(store: Store, clock: FakeClock):
    from altui.live import LiveMeeting
    from altui.meetings import start_or_resume

    the_set = hostile(store, clock)
    meeting = start_or_resume(store, the_set, clock)
    LiveMeeting(store, meeting, clock).enter(TEXT)

    env = {k: v for k, v in os.environ.items() if k != "ALTUI_DATA"}
    env |= {"TEXTUAL_DRIVER": WEB_DRIVER, "COLUMNS": "120", "ROWS": "36"}
    env |= {"TEXTUAL_COLOR_SYSTEM": "truecolor", "TERM_PROGRAM": "textual"}
    command = [sys.executable, "-m", "altui", "--data", str(store.root), "display", "Owls"]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    try:
        assert process.stdin is not None
        stream = Stream(process)
        wanted = [visible(SET_NAME), visible(NAME)[:12], "see ␛]0;pwned␇"]
        deadline = time.monotonic() + TIMEOUT
        while not all(w in stream.output() for w in wanted):
            assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
            assert time.monotonic() < deadline, f"not all of {wanted} in:\n{stream.output()!r}"
            time.sleep(0.1)
        shown = stream.output()
        assert "\x1b]0;pwned" not in shown  # the item's title change never reaches the terminal
        for code in (0x9B, 0x9C, 0x9D, 0x85, 0x202D, 0x202E, 0x2066, 0x2028, 0x2029):
            assert chr(code) not in shown, f"U+{code:04X} sent raw"
        stray = {ch for ch in STEERING.findall(shown) if ch not in "\x1b\r\n\x07\x08"}
        assert stray == set()
        process.stdin.write(packet(b"M", json.dumps({"type": "quit"}).encode()))
        process.stdin.flush()
        assert process.wait(timeout=TIMEOUT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
