"""One recap writer: Ctrl+R on the summary, the console and the history view write the recap
the same way, and a folder that cannot be written is said in one line, the same everywhere."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from altui.app import make_app
from altui.cli import main
from altui.live import LiveMeeting
from altui.screens.meeting_view import MeetingViewScreen
from altui.screens.summary import SummaryScreen
from altui.store import Store

ERRORS = {"read-only": errno.EROFS, "full": errno.ENOSPC}


@pytest.fixture(params=list(ERRORS))
def broken_disk(request, monkeypatch, store):
    """Every file replaced into the data folder's recaps fails: read-only, or a full disk."""
    real = os.replace
    number = ERRORS[request.param]

    def replace(src, dst, *args, **kwargs):
        if "recaps" in Path(os.fsdecode(dst)).parts:
            raise OSError(number, os.strerror(number), os.fsdecode(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return os.strerror(number)


async def said_after_ctrl_r(app, pilot) -> list[tuple[str, str]]:
    app._notifications.clear()
    await pilot.press("ctrl+r")
    await pilot.pause()
    return [(str(n.message), n.severity) for n in app._notifications]


async def test_ctrl_r_says_in_one_line_why_the_recap_was_not_written(
    store: Store, the_set, meeting, clock, broken_disk
):
    path = store.root / the_set.slug / "recaps" / "meeting-0001.md"
    expected = [(f"Recap not written: {path}: cannot be written ({broken_disk})", "error")]
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        assert await said_after_ctrl_r(app, pilot) == expected  # the console
        await app.push_screen(SummaryScreen(the_set, LiveMeeting(store, meeting, clock)))
        await pilot.pause()
        assert await said_after_ctrl_r(app, pilot) == expected
        await app.push_screen(MeetingViewScreen(store, the_set, meeting))
        await pilot.pause()
        assert await said_after_ctrl_r(app, pilot) == expected
    assert not path.exists()
    assert not list(path.parent.iterdir())  # no temporary file left behind


def test_the_command_line_says_the_same_line(store: Store, the_set, meeting, tmp_path, broken_disk):
    from click.testing import CliRunner

    target = tmp_path / "recaps" / "out.md"
    target.parent.mkdir()
    result = CliRunner().invoke(
        main, ["--data", str(store.root), "export", the_set.name, "-o", str(target), "--force"]
    )
    assert result.exit_code == 0  # a new file is created in place, not replaced into
    target.write_text("old")
    result = CliRunner().invoke(
        main, ["--data", str(store.root), "export", the_set.name, "-o", str(target), "--force"]
    )
    assert result.exit_code == 2
    assert result.stderr == f"altui: {target}: cannot be written ({broken_disk})\n"
    assert target.read_text() == "old"
