"""What ``visible`` shows for characters that steer a terminal, and the driver's last guard."""

from __future__ import annotations

import time

import pytest
from rich.cells import cell_len
from textual import _xterm_parser, events
from textual.drivers import linux_driver
from textual.drivers.headless_driver import HeadlessDriver

from altui.app import PasteSafeParser, guarded_driver
from altui.text import (
    BIDI_CONTROLS,
    C1_CONTROLS,
    SEPARATORS,
    UNSEEN,
    UNSHOWN,
    WIDTH_DISPUTED,
    listed,
    one_line,
    pictured,
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
        "👩\u200d💻",  # a zero-width joiner holds an emoji together (tmux agrees: 2 cells)
        "non\u00a0breaking",
        "[b]markup[/b]",
    ],
)
def test_ordinary_text_is_unchanged(text: str):
    assert visible(text) == text


@pytest.mark.parametrize("code", WIDTH_DISPUTED, ids=lambda code: f"U+{code:04X}")
def test_a_skin_tone_or_emoji_selector_is_drawn_as_nothing_beside_its_emoji(code: int):
    """tmux draws 👍🏽 four cells wide and ❤️ one, where Rich lays both out as two: the
    border after them moved and left a stray │ on the wall. Shown plain, both agree."""
    shown = visible(f"👍{chr(code)}|")
    assert shown == f"👍{UNSEEN}|"
    assert cell_len(shown) == 3
    assert cell_len(visible("❤\ufe0f|")) == 2


def test_what_is_saved_keeps_skin_tones_and_the_emoji_selector():
    """Only the screen draws them plain: a typed line is saved with them, as typed."""
    assert pictured("👍🏽 ❤\ufe0f\x1b") == "👍🏽 ❤\ufe0f␛"
    assert visible("👍🏽 ❤\ufe0f\x1b") == f"👍{UNSEEN} ❤{UNSEEN}␛"


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


@pytest.mark.parametrize(
    ("pasted", "line"),
    [
        ("one\ntwo\r\nthree\rfour", "one two three four"),
        ("\n  indented\n\n\ttabbed\there \n", "indented tabbed here"),
        ("a\u2028b\x85c\x0bd\x0ce\x1cf", "a b c d e f"),  # every line break str knows
        ("keep \x1b[31m\x07\x9b\u202e", "keep \x1b[31m\x07\x9b\u202e"),  # for the box to show
        ("\n\t \n", ""),
    ],
)
def test_a_paste_is_one_line(pasted: str, line: str):
    assert one_line(pasted) == line


# a paste through the terminal's parser -----------------------------------------------------------

PASTE = "k\x1b[200~a\x1b[31mred\x07\ttab\nsecond\x1b\x1b[201~z\x1b[6~\x1b[200~\x1b[201\x1b[201~"
"""A key, a paste of coloured text (ESC inside, one right before the paste's end), a key,
PageDown, and a paste of what looks like a paste's end without its ``~``."""
PARSED = [
    events.Key("k", "k"),
    events.Paste("a␛[31mred\x07\ttab\nsecond␛"),
    events.Key("z", "z"),
    events.Key("pagedown", None),
    events.Paste("␛[201"),
]


def parsed(parser: _xterm_parser.XTermParser, chunks: list[str]) -> list[tuple[str, str | None]]:
    found = [event for chunk in chunks if chunk for event in parser.feed(chunk)]
    return [(type(e).__name__, e.text if isinstance(e, events.Paste) else e.key) for e in found]


def test_textuals_parser_reads_a_paste_after_an_esc_as_keys():
    """Why PasteSafeParser exists: Tab and the line break would steer the console."""
    got = parsed(_xterm_parser.XTermParser(), [PASTE])
    assert ("Key", "tab") in got and ("Key", "ctrl+j") in got


def test_a_paste_holding_esc_stays_one_paste_however_the_input_is_split():
    want = [(type(e).__name__, e.text if isinstance(e, events.Paste) else e.key) for e in PARSED]
    assert parsed(PasteSafeParser(), [PASTE]) == want
    assert parsed(PasteSafeParser(), list(PASTE)) == want  # a character a read
    for cut in range(len(PASTE) + 1):
        for second in range(cut, len(PASTE) + 1, 3):
            chunks = [PASTE[:cut], PASTE[cut:second], PASTE[second:]]
            assert parsed(PasteSafeParser(), chunks) == want, chunks


def test_escape_outside_a_paste_is_still_the_escape_key():
    parser = PasteSafeParser()
    assert list(parser.feed("\x1b")) == []
    time.sleep(0.2)  # longer than Textual waits for the rest of an escape sequence
    assert [e.key for e in parser.tick() if isinstance(e, events.Key)] == ["escape"]


def test_the_console_reads_the_terminal_with_the_paste_safe_parser():
    guarded_driver(linux_driver.LinuxDriver)
    assert linux_driver.XTermParser is PasteSafeParser
