"""Report-back status keys pressed in a quick burst, in a real terminal."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.e2e.test_kill import MEETING, Tmux, data, open_demo, term  # noqa: F401 - fixtures


def test_a_burst_of_status_keys_marks_one_commitment_each(term: Tmux, data: Path) -> None:  # noqa: F811
    """1, 5 and 3 arrive in one read: each marks the next commitment, and nothing fails."""
    open_demo(term, data)
    term.tmux("send-keys", "-t", term.session, "PageDown", "Escape")
    # the list has the keys once its 1-5 show in the footer (an Escape still being read would
    # turn a quick "1" into Alt+1)
    term.wait_until(lambda s: "1 Done" in s, "the commitment list to have the keys")
    term.tmux("send-keys", "-t", term.session, "1", "5", "3")
    term.wait_until(lambda s: "Not done" in s, "the third status on screen")
    time.sleep(0.3)
    tables = json.loads((data / MEETING / "0002.json").read_text())
    statuses = [review["status"] for review in tables["reviews"].values()]
    assert statuses == ["done", "carried", "not_done"], term.screen()
    assert (data / "altui.log").read_text() == ""  # no error logged
