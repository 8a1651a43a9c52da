"""Report back marked from the keyboard in a quick burst, in a real terminal."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.e2e.terminal import MEETING, Tmux, open_demo


def test_a_burst_of_marks_files_each_status_under_the_highlighted_commitment(
    term: Tmux, data: Path
) -> None:
    """Tab 1, Down Tab 5, Down Tab 3 arrive in one read: each marks the commitment highlighted
    when it was pressed (the highlight stays on a marked one), and nothing fails."""
    open_demo(term, data)
    term.tmux("send-keys", "-t", term.session, "PageDown")
    term.wait_until(lambda s: "Report back" in s and "step 2 of" in s, "the report back")
    keys = ["Tab", "1", "Down", "Tab", "5", "Down", "Tab", "3"]
    term.tmux("send-keys", "-t", term.session, *keys)
    term.wait_until(lambda s: "Not done" in s, "the third status on screen")
    time.sleep(0.3)
    tables = json.loads((data / MEETING / "0002.json").read_text())
    reviews = list(tables["reviews"].values())
    assert [r["status"] for r in reviews] == ["done", "carried", "not_done"], term.screen()
    assert len({r["action_id"] for r in reviews}) == 3
    assert (data / "altui.log").read_text() == ""  # no error logged
