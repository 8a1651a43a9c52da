"""What ``visible`` shows for characters that steer a terminal, and the driver's last guard."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.drivers.headless_driver import HeadlessDriver

from altui.app import guarded_driver
from altui.text import (
    BIDI_CONTROLS,
    C1_CONTROLS,
    SEPARATORS,
    UNSHOWN,
    listed,
    strip_stray,
    visible,
)

STEERING = [*range(0x00, 0x20), 0x7F, *C1_CONTROLS, *BIDI_CONTROLS, *SEPARATORS]


@pytest.mark.parametrize("code", STEERING, ids=lambda code: f"U+{code:04X}")
def test_every_steering_character_becomes_one_visible_cell(code: int):
    shown = visible(f"a{chr(code)}b")
    assert chr(code) not in shown
    assert len(shown) == 3
    assert cell_len(shown) == 3  # a symbol one cell wide, where the character took none


def test_c1_and_bidi_controls_are_shown_as_the_replacement_character():
    assert (
        visible("\x9b2J\u202eevil\u2066x\u2069\u2028")
        == f"{UNSHOWN}2J{UNSHOWN}evil{UNSHOWN}x{UNSHOWN}{UNSHOWN}"
    )
    assert visible("\x1b[31m\x00\x7f") == "␛[31m␀␡"


@pytest.mark.parametrize(
    "text",
    [
        "Chloé Martin",
        "עברית ومرحبا",  # right-to-left scripts need no control characters
        "👩🏽\u200d💻",  # a zero-width joiner holds an emoji together
        "non\u00a0breaking",
        "[b]markup[/b]",
    ],
)
def test_ordinary_text_is_unchanged(text: str):
    assert visible(text) == text


def test_strip_stray_leaves_escape_sequences_and_drops_stray_controls():
    frame = "\x1b[2J\x1b[1;1H│ Ana\x9b2J \u202eSilva\u2028 │\x1b[0m"
    assert strip_stray(frame) == "\x1b[2J\x1b[1;1H│ Ana2J Silva │\x1b[0m"
    clean = "\x1b[1;1Hnothing to drop ━━"
    assert strip_stray(clean) is clean


async def test_the_guarded_driver_writes_no_stray_control():
    written: list[str] = []

    class Recording(HeadlessDriver):
        def write(self, data: str) -> None:
            written.append(data)

    guarded = guarded_driver(Recording)
    assert guarded is guarded_driver(Recording)  # one class per driver
    assert issubclass(guarded, Recording)
    driver = guarded(app=None)  # type: ignore[arg-type]
    driver.write("\x1b[1;1HOwls\x9d0;pwned\x9c \u202eevil")
    assert written == ["\x1b[1;1HOwls0;pwned evil"]


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (40, "Ana Silva, Ben Okafor, Chloé Martin"),
        (34, "Ana Silva, Ben Okafor and 1 more"),
        (24, "Ana Silva and 2 more"),
        (17, "Ana S… and 2 more"),
    ],
)
def test_listed_names_are_cut_at_a_name_and_say_how_many_more(width, shown):
    assert listed(["Ana Silva", "Ben Okafor", "Chloé Martin"], width) == shown
