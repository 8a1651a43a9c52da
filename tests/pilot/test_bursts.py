"""A burst of keys (ssh, a laggy link, a fast typist) does exactly what the same keys typed
slowly do: every key is handled after every key before it, whoever handles it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from altui.app import Altui, make_app
from altui.clock import FakeClock
from altui.meetings import start_or_resume
from altui.models import Meeting
from altui.screens.blank import BlankScreen
from altui.screens.meeting import MeetingScreen
from altui.sets import new_set
from altui.store import Store
from altui.widgets.entry import EntryInput
from tests.builders import MEMBERS
from tests.pilot.keys import CHARACTERS, at_once, slowly


def saved(store: Store, meeting: Meeting) -> list[str]:
    return [i.text for i in store.items(meeting)]


def entry(app: Altui) -> EntryInput:
    return app.screen.query_one(EntryInput)


def told(app: Altui) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_deletions_then_enter_save_the_line_as_it_is_after_them(
    console: Altui, store: Store, meeting: Meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"newlineXX")
        await at_once(console, pilot, "backspace", "backspace", "enter")
        await pilot.press(*"burst2")
        await at_once(console, pilot, "ctrl+u", "enter")
        assert saved(store, meeting) == ["newline"]
        assert entry(console).value == ""


async def test_ctrl_u_then_enter_deletes_the_item_being_edited(
    console: Altui, store: Store, meeting: Meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"keep", "enter", *"drop me", "enter", "up")
        await at_once(console, pilot, "ctrl+u", "enter")
        assert saved(store, meeting) == ["keep"]
        assert any(m.startswith("Deleted. Ctrl+Z brings it back.") for m in told(console))


async def test_a_fast_second_full_stop_after_pagedown_brings_console_and_wall_back(
    console: Altui, store: Store, meeting: Meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await at_once(console, pilot, "pagedown", ".", ".")
        assert isinstance(console.screen, MeetingScreen)
        assert not store._blank_path(meeting).exists()
        await at_once(console, pilot, "a", "b")
        assert entry(console).value == "ab"


@pytest.mark.parametrize("keys", [at_once, slowly], ids=["at once", "slowly"])
async def test_a_full_stop_after_a_typed_character_is_typed(
    console: Altui, store: Store, meeting: Meeting, keys: Any
):
    async with console.run_test(size=(120, 36)) as pilot:
        await keys(console, pilot, "ctrl+l", "x", ".")
        assert isinstance(console.screen, MeetingScreen)
        assert entry(console).value == "x."
        assert not store._blank_path(meeting).exists()


KEYS = {
    *CHARACTERS,
    *("pagedown", "pageup", "up", "down", "left", "home", "end"),
    *("ctrl+l", "ctrl+o", "ctrl+z", "f1", "f9"),
}
SEQUENCES = [
    ["newlineXX", "backspace", "backspace", "enter"],
    ["burst2", "ctrl+u", "enter"],
    ["keep", "enter", "drop", "enter", "up", "ctrl+u", "enter"],
    ["abc", "left", "left", "X", "home", "<", "end", ">", "enter"],
    ["pagedown", ".", ".", "."],  # blank, back, blank: the console never stays black alone
    ["pagedown", ".", ".", ".", ".", "a"],
    ["pagedown", ".", "a", "b"],
    ["ctrl+l", "x", ".", "y", "enter"],  # a `.` after a typed character is typed
    ["ctrl+l", "ctrl+l", "z"],
    ["ctrl+l", "escape", "."],
    ["ctrl+l", "pagedown", ".", "pagedown", "pageup"],
    ["line", "tab", "enter"],
    ["first", "enter", "up", "enter", "up", "!", "enter"],
    ["typed", "enter", "pagedown", "more", "enter", "pageup", "kept"],
    ["typed", "pagedown", "more", "enter"],
    ["one", "enter", "ctrl+z", "two", "enter"],
    ["f9", "enter", "x", "enter"],
    ["f9", "x", "backspace", "y", "enter"],
    ["f9", "tab", "enter", "x"],  # ends the meeting: the summary
    ["f1", "hello", "enter"],
    ["f1", "pagedown", ".", "z"],
    ["item", "enter", "up", "ctrl+o", "down", "enter", "after"],
    ["x\u200dy", "enter", "\u200c", "\u00a0", "z", "enter"],
]
"""Key sequences that once went another way in a burst: a word is a key's name (``KEYS``)
or the characters typed."""


def keys_of(sequence: list[str]) -> list[str]:
    return [key for word in sequence for key in ([word] if word in KEYS else list(word))]


def state(app: Altui, store: Store, meeting: Meeting) -> dict[str, object]:
    """What the keys left: items, step, the box, what is on top, and whether the wall is blank."""
    now = store.meeting(meeting.set_slug, meeting.number)
    console = next((s for s in app.screen_stack if isinstance(s, MeetingScreen)), None)
    return {
        "items": [(i.kind.value, i.text, i.step) for i in store.items(meeting)],
        "step": now.current,
        "status": now.status.value,
        "box": console.query_one(EntryInput).value if console else None,
        "screens": [type(s).__name__ for s in app.screen_stack],
        "wall blank": store._blank_path(meeting).exists(),
    }


@pytest.mark.parametrize("sequence", SEQUENCES, ids=" ".join)
async def test_a_burst_does_what_the_same_keys_typed_slowly_do(
    sequence: list[str], tmp_path: Path, clock: FakeClock
):
    keys = keys_of(sequence)
    seen = []
    for fast in (False, True):
        store = Store(tmp_path / ("fast" if fast else "slow"))
        the_set = new_set(store, "Team Tiger", list(MEMBERS), "classic", clock)
        meeting = start_or_resume(store, the_set, clock, presenters=["Ana Silva", "Ben Okafor"])
        app = make_app(store, clock, the_set, meeting)
        async with app.run_test(size=(120, 36)) as pilot:
            await (at_once if fast else slowly)(app, pilot, *keys)
            seen.append(state(app, store, meeting))
            blanks = sum(isinstance(s, BlankScreen) for s in app.screen_stack)
            assert blanks == seen[-1]["wall blank"], "console and wall disagree"
    slow, fast = seen
    assert fast == slow
