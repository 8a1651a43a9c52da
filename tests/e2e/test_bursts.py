"""Keys sent in one burst through a real terminal (``tmux send-keys A B C`` writes them in one
go, as ssh or a laggy link delivers them) do what the same keys typed slowly do, at the
projector's 120x36 and at 80x24."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.terminal import (
    MEETING,
    Tmux,
    console_ready,
    draft_of,
    items_of,
    load_meeting,
    open_demo,
    wait_for_file,
)

SETTLE = 0.4
"""Long enough for a key typed slowly to be handled before the next."""


def texts(data: Path) -> list[str]:
    return [text for _, _, text in items_of(load_meeting(data))]


def kinds(data: Path) -> list[tuple[int, str, str]]:
    return items_of(load_meeting(data))


def burst(term: Tmux, *keys: str) -> None:
    """Send ``keys`` in one write to the terminal."""
    term.press(*keys)


def slowly(term: Tmux, *keys: str) -> None:
    for key in keys:
        term.press(key)
        time.sleep(SETTLE)


def wait_items(data: Path, check: Any, what: str) -> None:
    wait_for_file(data, lambda doc: check(items_of(doc)), what)


def wait_box(data: Path, text: str, what: str) -> None:
    """Until the entry box holds ``text`` (its draft, kept on disk within a quarter second)."""
    deadline = time.monotonic() + 5
    while draft_of(data).text != text:
        assert time.monotonic() < deadline, f"{what}: the box holds {draft_of(data).text!r}"
        time.sleep(0.05)


def blank_marker(data: Path) -> Path:
    return data / MEETING / "0002.blank"


def wait_blank(term: Tmux, data: Path, blank: bool, what: str) -> None:
    """Until the console and the wall are both blank, or both shown."""
    if blank:
        term.wait_until(lambda s: not s.strip(), f"{what}: a black console")
    else:
        term.wait_until(console_ready, f"{what}: the console")
    deadline = time.monotonic() + 5
    while blank_marker(data).exists() != blank:
        assert time.monotonic() < deadline, f"{what}: the wall is {'not ' * blank}blank"
        time.sleep(0.05)
    time.sleep(SETTLE)  # and they stay so
    assert blank_marker(data).exists() == blank, what
    assert (not term.screen().strip()) == blank, what


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_bursts_of_editing_and_steering_keys(term: Tmux, data: Path, size: tuple[int, int]) -> None:
    term.width, term.height = size
    open_demo(term, data)

    # a deletion followed at once by Enter saves the line as it is after the deletion
    term.send_text("newlineXX")
    time.sleep(SETTLE)
    burst(term, "BSpace", "BSpace", "Enter")
    wait_items(data, lambda items: len(items) == 1, "the first line")
    term.send_text("burst2")
    time.sleep(SETTLE)
    burst(term, "C-u", "Enter")
    term.type_line("marker")
    wait_items(data, lambda items: len(items) == 2, "the marker line")
    assert texts(data) == ["newline", "marker"]

    # while editing: the line emptied and Enter at once deletes the item
    slowly(term, "Up")
    burst(term, "C-u", "Enter")
    term.wait_for("Deleted. Ctrl+Z brings it back.")
    wait_items(data, lambda items: len(items) == 1, "the item deleted")
    assert texts(data) == ["newline"]

    # Tab then Enter in a burst: the kind Tab chose, as when typed slowly
    term.send_text("slow kind")
    slowly(term, "Tab", "Enter")
    term.send_text("fast kind")
    burst(term, "Tab", "Enter")
    wait_items(data, lambda items: len(items) == 3, "the two kinds")
    slow, fast = kinds(data)[1:]
    assert slow[1] != "note" and fast[1] == slow[1], kinds(data)

    # Up then Enter in a burst: the item is saved as it was, nothing added
    burst(term, "Up", "Enter")
    term.type_line("after the edit")
    wait_items(data, lambda items: len(items) == 4, "the line after the edit")
    assert texts(data) == ["newline", "slow kind", "fast kind", "after the edit"]

    # a line, Enter and PageDown in a burst: the line is saved once, in the step it was typed in
    term.send_text("before the step")
    burst(term, "Enter", "PageDown")
    wait_for_file(data, lambda doc: doc["meeting"]["1"]["current"] == 1, "the next step")
    assert kinds(data)[-1] == (0, "note", "before the step")
    assert texts(data).count("before the step") == 1
    # a line and PageDown without Enter: the line stays in the box, as typed slowly
    term.send_text("kept in the box")
    burst(term, "PageUp")
    wait_for_file(data, lambda doc: doc["meeting"]["1"]["current"] == 0, "back")
    wait_box(data, "kept in the box", "PageUp after a line")
    burst(term, "C-u")
    wait_box(data, "", "Ctrl+U")

    # PageDown then `...` in a burst: blank, back, blank; console and wall always agree
    burst(term, "PageDown", ".", ".", ".")
    wait_blank(term, data, True, "PageDown ...")
    burst(term, "a", "b")
    wait_blank(term, data, False, "typing on the blank wall")
    wait_box(data, "ab", "both letters typed")
    burst(term, "C-u", "PageUp", ".", ".")
    wait_blank(term, data, False, "PageUp ..")
    wait_box(data, "", "the second `.` is not typed")

    # a `.` after a typed character is typed, fast or slow
    burst(term, "C-l")
    wait_blank(term, data, True, "Ctrl+L")
    term.send_text("x.")
    wait_blank(term, data, False, "x.")
    wait_box(data, "x.", "x. typed")
    slowly(term, "C-u", "C-l", "y", ".")
    wait_blank(term, data, False, "y.")
    wait_box(data, "y.", "y. typed")
    assert (data / "altui.log").read_text() == ""  # no error logged


def test_joiners_typed_in_a_real_terminal_are_kept(term: Tmux, data: Path) -> None:
    open_demo(term, data)
    words = ["می\u200cخواهم", "x\u200dy", "👩\u200d👩\u200d👧 \u2764\ufe0f", "prix\u00a0!"]
    for word in words:
        term.type_line(word)
    wait_items(data, lambda items: len(items) == len(words), "every word")
    assert texts(data) == words
