"""Making typed text safe to put on screen without changing what is stored."""

from __future__ import annotations

import re

C1_CONTROLS = range(0x80, 0xA0)
"""U+0080-U+009F: ``\\x9b`` is CSI and ``\\x9d`` OSC to a terminal (or xterm.js) that reads them."""
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Embeddings, overrides (U+202E turns text around) and isolates: they reorder what follows."""
SEPARATORS = (0x2028, 0x2029)
"""Line and paragraph separators: a line break to some terminals, nothing to others."""
WIDTH_DISPUTED = (*range(0x1F3FB, 0x1F400), 0xFE0F)
"""Emoji skin-tone modifiers and the emoji presentation selector: Rich lays ``👍🏽`` and ``❤️``
out two cells wide, a terminal such as tmux four and one, so a border after them moves."""
UNSEEN = "\u200b"
"""What a character of ``WIDTH_DISPUTED`` is shown as: nothing, the emoji before it plain."""
UNSHOWN = "\ufffd"
"""What a character that steers the terminal and has no picture of its own is shown as."""

_UNPICTURED = (*C1_CONTROLS, *BIDI_CONTROLS, *SEPARATORS)
_PICTURES = (
    {code: chr(0x2400 + code) for code in range(32)}
    | {0x7F: "\u2421"}
    | dict.fromkeys(_UNPICTURED, UNSHOWN)
)
_DRAWN = _PICTURES | dict.fromkeys(WIDTH_DISPUTED, UNSEEN)
_STRAY = re.compile("[" + "".join(map(chr, _UNPICTURED)) + "]")


def pictured(text: str) -> str:
    """``text`` with every character that can steer a terminal shown as a symbol: what is saved
    of a typed line, so it never steers a terminal later (any other character kept as typed).

    C0 controls become their Unicode pictures (ESC as ␛, NUL as ␀, DEL as ␡); C1 controls, bidi
    embeddings, overrides and isolates, and line and paragraph separators become ``UNSHOWN``.
    """
    return text.translate(_PICTURES)


def visible(text: str) -> str:
    """``text`` as drawn on screen: ``pictured``, and the skin-tone modifiers and the emoji
    presentation selector as ``UNSEEN``, so every terminal agrees with the layout on the width
    of what is drawn (one character still stands for one, for an input box's cursor).

    Markup needs no escaping here: widgets render this through ``Content``, never as markup.
    """
    return text.translate(_DRAWN)


def one_line(text: str) -> str:
    """Pasted text as one line for an input box: its lines (split wherever ``str.splitlines``
    splits) trimmed and joined by a space, blank ones left out, each tab a space. Any other
    control is kept, for the box to show as ``visible`` does."""
    return " ".join(line.replace("\t", " ").strip() for line in text.splitlines() if line.strip())


def strip_stray(output: str) -> str:
    """Terminal output with any C1 control, bidi control or separator left out.

    A last guard on what a screen writes, for text that reached it without ``visible``: these
    characters are never part of the escape sequences Textual writes, and it lays them out as
    zero width, so leaving them out moves nothing on the screen.
    """
    return _STRAY.sub("", output) if _STRAY.search(output) else output


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for names on narrow screens."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def listed(names: list[str], width: int) -> str:
    """``names`` joined by commas within ``width`` characters: those that fit whole, then
    "and 3 more" (at least the first name, shortened if it must be)."""
    for shown in range(len(names), 0, -1):
        rest = len(names) - shown
        line = ", ".join(names[:shown]) + (f" and {rest} more" if rest else "")
        if len(line) <= width:
            return line
    rest = len(names) - 1
    more = f" and {rest} more" if rest else ""
    return shorten(names[0], max(1, width - len(more))) + more if names else ""


def count(number: int, noun: str) -> str:
    """``1 meeting``, ``2 meetings``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def quoted(text: str) -> str:
    """A name as it would be typed in a command: bare when it is one word, else in quotes."""
    return text if text.replace("-", "").replace("_", "").isalnum() else repr(text)
