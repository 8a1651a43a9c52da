"""The console keeps going and keeps everything through failed saves, errors and tiny windows."""

from __future__ import annotations

import gc
import json

import pytest

from altui.app import make_app
from altui.drafts import Draft
from altui.errors import AltuiError
from altui.guard import LOG_FILE, start_log
from altui.meetings import start_or_resume
from altui.screens.meeting import MeetingScreen
from altui.screens.stage import UNREADABLE_REPORT_BACK
from altui.widgets.entry import EntryInput
from tests.builders import ANA, close, commit, hold, shown_safely


async def test_unsent_text_is_kept_as_a_draft_and_put_back(store, the_set, meeting, clock):
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"half a thought")
        await pilot.pause(1.3)
        assert store.draft(meeting) == Draft("half a thought")
    reopened = make_app(store, clock, the_set, meeting)
    async with reopened.run_test(size=(120, 36)) as pilot:
        entry = reopened.screen.query_one(EntryInput)
        assert entry.value == "half a thought"
        await pilot.press("enter")
        assert [i.text for i in store.items(meeting)] == ["half a thought"]
        assert reopened.screen.live.settle()
        assert store.draft(meeting) == Draft()


async def test_a_failed_save_keeps_the_text_and_tells_the_user(
    console, store, meeting, monkeypatch
):
    def disk_full(*_args, **_kwargs):
        raise AltuiError("0001.json: could not save (No space left on device)")

    async with console.run_test(size=(120, 36)) as pilot:
        monkeypatch.setattr(store, "write_meeting", disk_full)
        await pilot.press(*"precious", "enter")
        assert console.screen.query_one(EntryInput).value == "precious"
        assert any("No space left" in str(n.message) for n in console._notifications)
        monkeypatch.undo()
        await pilot.press("enter")
        assert [i.text for i in store.items(meeting)] == ["precious"]
        assert console.screen.query_one(EntryInput).value == ""


async def test_an_unexpected_error_is_logged_and_the_meeting_goes_on(
    console, store, meeting, monkeypatch
):
    log_path = start_log(store.root)
    async with console.run_test(size=(120, 36)) as pilot:
        screen = console.screen
        assert isinstance(screen, MeetingScreen)
        monkeypatch.setattr(screen.live, "toggle_pause", lambda: 1 / 0)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert console.is_running
        assert any("Unexpected error" in n.title for n in console._notifications)
        await pilot.press("pagedown")
        assert store.meeting(meeting.set_slug, meeting.number).current == 1
    assert "ZeroDivisionError" in log_path.read_text()
    assert log_path.name == LOG_FILE


@pytest.mark.parametrize("size", [(20, 6), (39, 24), (80, 11), (300, 100)])
async def test_any_window_size_renders_and_small_ones_say_what_they_need(console, size):
    async with console.run_test(size=size) as pilot:
        await pilot.pause()
        screen = console.screen
        small = size[0] < 40 or size[1] < 12
        assert screen.has_class("-too-small") is small
        if small:
            assert "at least 40x12" in str(screen.query_one("#too-small").render())


async def test_a_meeting_open_elsewhere_is_refused_from_the_home_screen(
    store, the_set, meeting, clock, lock_holder
):
    lock_path = store.meeting_lock(meeting).path
    holder = lock_holder(lock_path)
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert not isinstance(app.screen, MeetingScreen)
        assert any("already open" in str(n.message) for n in app._notifications)
    assert json.loads(lock_path.read_text())["pid"] == holder.pid


async def test_start_up_objects_are_left_out_of_later_collections(console):
    """After the first frame the app freezes what start-up made (so full garbage collections,
    which would otherwise walk every module and style again, stay short while typing)."""
    gc.unfreeze()
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 10_000


async def test_text_in_the_box_when_the_console_quits_is_kept(console, store, meeting, monkeypatch):
    """Typed just before quitting, before the draft timer came round: still kept."""
    monkeypatch.setattr("altui.screens.meeting.DRAFT_SECONDS", 3600)
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"last words")
        await pilot.press("ctrl+q")
    assert store.draft(meeting) == Draft("last words")


async def test_unsent_text_is_on_disk_within_a_third_of_a_second(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"half a thought")
        await pilot.pause(0.35)
        assert console.screen.live.settle()
        assert store.draft(meeting) == Draft("half a thought")


async def test_a_draft_that_cannot_be_kept_is_shown_and_quitting_asks_twice(
    console, store, meeting, monkeypatch
):
    def read_only(*_args, **_kwargs):
        raise PermissionError(30, "Read-only file system")

    monkeypatch.setattr(store, "save_draft", read_only)
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"words that matter")
        await pilot.pause(0.4)
        console.screen.live.settle()
        await pilot.pause(0.3)
        assert any(n.title == "Draft not saved" for n in console._notifications)
        await pilot.press("ctrl+q")
        assert console.is_running  # the text would be lost: it asks first
        assert any(n.title == "Not quitting yet" for n in console._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not console.is_running


@pytest.mark.parametrize(
    "damage", [b"{not json", b'{"meeting": {"1": {"foo": 1}}}'], ids=["not JSON", "foreign"]
)
async def test_a_damaged_last_meeting_does_not_stop_the_next_one(store, the_set, clock, damage):
    """The last meeting's file damaged (or replaced by another program's): the next meeting
    starts after it when asked to (it may have been the one in progress), the file is left as
    it is, and the report back says why it is empty."""
    held, _ = hold(store, the_set, clock, [commit(ANA, "call the bank")])
    close(store, clock, held)
    path = store.root / the_set.slug / "meetings" / "0001.json"
    path.write_bytes(damage)
    meeting = start_or_resume(store, the_set, clock, skip_damaged=True)
    assert meeting.number == 2 and path.read_bytes() == damage
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.screen.live.step.report_back:
            await pilot.press("pagedown")
        await pilot.pause()
        assert UNREADABLE_REPORT_BACK in shown_safely(app).replace("\n", " ")
        (notice,) = [n.message for n in app._notifications]
        assert "0001.json" in notice
        await pilot.press(*"bank called", "enter")
        assert [i.text for i in store.items(meeting)] == ["bank called"]
    assert path.read_bytes() == damage


@pytest.mark.parametrize("width", [50, 60, 80])
async def test_the_header_keeps_a_gap_before_the_times_when_narrow(console, width):
    async with console.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        top = shown_safely(console).splitlines()[0]
        assert "Now 14:00 · Finish ≈" in top
        title = top[: top.index("Now")].rstrip()
        assert top[len(title) : len(title) + 2] == "  "  # never "Meeting 1Now"
        whole = "Team Tiger · Meeting 1 · Wed 25 Nov 2026"
        assert title.strip() == whole or (
            title.endswith("…") and whole.startswith(title.strip()[:-1])
        )
