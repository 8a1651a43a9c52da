"""A real terminal for the end-to-end tests: a private tmux server running altui, and readers
of its screen and of the demo meeting's file.

tmux runs on a socket of its own (``tmux -L altui-e2e-<random>``) with its own config file, so no
other tmux session is ever touched.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from altui.drafts import Draft

WIDTH, HEIGHT = 120, 36
TIMEOUT = 10.0
POLL = 0.05
MEETING = Path("demo-set") / "meetings"
STEP_COUNT = 21
"""The demo's meeting 2: the classic plan with three presenters."""


def altui_command() -> list[str]:
    """The ``altui`` script of the Python running the tests (else ``python -m altui``)."""
    script = Path(sys.executable).with_name("altui")
    if script.exists():
        return [str(script)]
    found = shutil.which("altui")
    return [found] if found else [sys.executable, "-m", "altui"]


def clean_env() -> dict[str, str]:
    """The environment for altui and tmux: no ALTUI_DATA, not inside another tmux, UTF-8."""
    env = {k: v for k, v in os.environ.items() if k not in {"ALTUI_DATA", "TMUX", "TMUX_PANE"}}
    env["TERM"] = "xterm-256color"
    if "utf" not in env.get("LC_ALL", env.get("LANG", "")).lower():
        env.pop("LC_ALL", None)
        env["LANG"] = "C.UTF-8"
    return env


class Tmux:
    """A private tmux server running altui in detached sessions, one session per run of altui.

    Each pane runs ``/bin/sh -c 'altui ...; echo $? >STATUS'``: the shell reaps altui at once
    when it is killed (tmux 3.3 was seen to leave a SIGKILLed pane process a zombie, and a zombie
    still "holds" altui's lock) and records its exit status.
    """

    def __init__(self, workdir: Path, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.workdir = workdir
        self.width, self.height = width, height
        self.socket = f"altui-e2e-{uuid.uuid4().hex[:12]}"
        self.config = workdir / "tmux.conf"
        # Our own config (never ~/.tmux.conf): a POSIX shell runs the command; a dead pane stays,
        # so its last screen can be read and the server does not exit with its last pane.
        self.config.write_text(
            "set -g default-shell /bin/sh\nset -g remain-on-exit on\nset -g status off\n"
        )
        self.env = clean_env()
        self.session = ""
        self.started: list[int] = []
        self._runs = 0
        self._status_file = workdir / "status"

    def tmux(self, *args: str, check: bool = True) -> str:
        """Run one tmux command on this server; its stdout."""
        done = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=TIMEOUT,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    # running altui --------------------------------------------------------------------------

    def start(self, *args: str) -> int:
        """Start ``altui ARGS`` in a new detached session (it becomes the current one); its pid."""
        self._runs += 1
        number = self._runs
        self.session = f"run{number}"
        self._status_file = self.workdir / f"status-{number}"
        altui = shlex.join(["env", "-u", "ALTUI_DATA", "TERM=xterm-256color", *altui_command()])
        command = f"{altui} {shlex.join(args)}; echo $? >{shlex.quote(str(self._status_file))}"
        self.tmux(
            "new-session", "-d", "-s", self.session, "-x", str(self.width), "-y",
            str(self.height), "-c", str(self.workdir), command,
        )  # fmt: skip
        shell = int(self._format("#{pane_pid}"))
        deadline = time.monotonic() + TIMEOUT
        while not (children := _children(shell)):
            assert time.monotonic() < deadline, f"altui never started:\n{self.screen()}"
            assert not self.dead(), f"altui exited at once:\n{self.screen()}"
            time.sleep(POLL / 5)
        self.started.append(children[0])
        return children[0]

    def _format(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", self.session, fmt).strip()

    def pid(self) -> int:
        """The pid of the altui in the current session."""
        return self.started[-1]

    def dead(self) -> bool:
        """Whether the current session's altui has exited (and its shell with it)."""
        return self._format("#{pane_dead}") == "1"

    def exit_status(self) -> int:
        """The exit status of the current session's altui, once it has exited."""
        deadline = time.monotonic() + TIMEOUT
        while not (self._status_file.exists() and self._status_file.read_text().strip()):
            assert time.monotonic() < deadline, f"altui has not exited:\n{self.screen()}"
            time.sleep(POLL)
        return int(self._status_file.read_text())

    # keys and screen ------------------------------------------------------------------------

    def send_text(self, text: str) -> None:
        """Type ``text`` literally (``? ! # [ ]`` and emoji are not read as key names)."""
        self.tmux("send-keys", "-t", self.session, "-l", "--", text)

    def press(self, *keys: str) -> None:
        """Press named keys (Enter, PageDown, C-q, ...)."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def type_line(self, text: str) -> None:
        """Type ``text`` and press Enter."""
        self.send_text(text)
        self.press("Enter")

    def screen(self) -> str:
        """What the terminal shows now."""
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
        """Poll the screen until ``check(screen)``; the screen then. Fails showing the screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if check(screen):
                return screen
            if self.dead():  # a crash: its traceback is on the screen
                raise AssertionError(f"altui exited while waiting for {what}:\n{self.screen()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:g}s waiting for {what}:\n{screen}")
            time.sleep(POLL)

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        """Poll until ``text`` is on screen."""
        return self.wait_until(lambda screen: text in screen, repr(text), timeout)

    def wait_dead(self, timeout: float = TIMEOUT) -> None:
        """Poll until the current session's altui has exited."""
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise AssertionError(f"altui still running after {timeout:g}s:\n{self.screen()}")
            time.sleep(POLL)

    def kill(self) -> int:
        """SIGKILL the current session's altui and wait until it is gone; its pid."""
        pid = self.pid()
        os.kill(pid, signal.SIGKILL)
        assert self.exit_status() == 128 + signal.SIGKILL
        self.wait_dead()
        assert not _exists(pid), f"process {pid} still there after SIGKILL"
        return pid

    def close(self) -> None:
        """Stop the tmux server, and any altui it started that is somehow still alive."""
        self.tmux("kill-server", check=False)
        for pid in self.started:
            deadline = time.monotonic() + 2
            while _is_altui(pid) and time.monotonic() < deadline:
                time.sleep(POLL)
            if _is_altui(pid):
                os.kill(pid, signal.SIGKILL)


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux's /proc, else pgrep)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        done = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
        return [int(c) for c in done.stdout.split()]


def _is_altui(pid: int) -> bool:
    try:
        return b"altui" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


# reading the screen ---------------------------------------------------------------------------


def panel_lines(screen: str) -> list[str]:
    """The item panel's rows: the text between its borders ``│ ... │``."""
    found = []
    for line in screen.splitlines():
        match = re.search(r"│(.*)│\s*$", line)
        if match:
            found.append(match.group(1).strip())
    return found


def in_panel(screen: str, text: str) -> bool:
    """Whether an item with exactly ``text`` is shown in the item panel."""
    return any(re.fullmatch(rf"\S+\s+{re.escape(text)}", row) for row in panel_lines(screen))


def entry_line(screen: str) -> str:
    """The entry box's middle row (kind label, then what is typed)."""
    for line in screen.splitlines():
        if re.search(r"▊[^▔▁].*▎\s*$", line):
            return line
    return ""


def shown_step(screen: str) -> int:
    """The step number the presenter banner shows (1-based)."""
    match = re.search(rf"step (\d+) of {STEP_COUNT}", screen)
    assert match, f"no step number on screen:\n{screen}"
    return int(match.group(1))


def console_ready(screen: str) -> bool:
    """The console is drawn with its footer (the entry line is the only thing with focus)."""
    return "^z Undo" in screen and f" of {STEP_COUNT}" in screen and "^q Quit" in screen


# reading the files ----------------------------------------------------------------------------


def meeting_file(data: Path) -> Path:
    return data / MEETING / "0002.json"


def load_meeting(data: Path) -> dict[str, Any]:
    """Meeting 2's file, which must always be valid JSON of the right shape."""
    raw = meeting_file(data).read_bytes()
    try:
        doc = json.loads(raw)
    except ValueError as exc:
        raise AssertionError(
            f"{meeting_file(data)}: not valid JSON ({exc}): {raw[:200]!r}"
        ) from exc
    assert set(doc) >= {"meeting"}, doc.keys()
    assert list(doc["meeting"]) == ["1"], doc["meeting"].keys()
    return doc


def items_of(doc: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(step, kind, text) of each item, in the order captured."""
    items = doc.get("items", {})
    return [(i["step"], i["kind"], i["text"]) for _, i in sorted(items.items(), key=_doc_id)]


def _doc_id(pair: tuple[str, Any]) -> int:
    return int(pair[0])


def notes_of(doc: dict[str, Any]) -> list[str]:
    """Notes saved on earlier commitments (a line typed in report back), in order."""
    reviews = doc.get("reviews", {})
    return [r["note"] for _, r in sorted(reviews.items(), key=_doc_id) if r.get("note")]


def wait_for_file(data: Path, check: Any, what: str) -> dict[str, Any]:
    """Poll meeting 2's file until ``check(doc)``."""
    deadline = time.monotonic() + TIMEOUT * 3
    while True:
        doc = load_meeting(data)
        if check(doc):
            return doc
        assert time.monotonic() < deadline, f"timed out waiting for {what}: {items_of(doc)}"
        time.sleep(POLL)


def draft_of(data: Path) -> Draft:
    """Meeting 2's draft as its file holds it (``Draft()`` when there is none)."""
    try:
        return Draft.from_bytes((data / MEETING / "0002.draft").read_bytes())
    except FileNotFoundError:
        return Draft()


def tmp_files(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*.tmp"))


# driving the demo --------------------------------------------------------------------------------


def open_demo(term: Tmux, data: Path) -> str:
    """Start ``altui --data DATA demo`` and wait for the console, ready for typing."""
    term.start("--data", str(data), "demo")
    screen = term.wait_until(console_ready, "the live console")
    lock = json.loads((data / MEETING / "0002.lock").read_text())
    assert lock["pid"] == term.pid(), (lock, term.pid())
    return screen


def submit(term: Tmux, text: str, shown: str | None = None) -> str:
    """Type a line, press Enter, and wait until the item panel shows it."""
    term.type_line(text)
    return term.wait_until(lambda s: in_panel(s, shown or text), f"item {text!r} in the panel")


def next_step(term: Tmux) -> str:
    """PageDown, and wait until the banner shows the next step."""
    before = shown_step(term.screen())
    term.press("PageDown")
    return term.wait_until(lambda s: shown_step(s) == before + 1, f"step {before + 1}")
