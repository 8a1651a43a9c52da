"""Making typed text safe to put on screen without changing what is stored."""

from __future__ import annotations

_CONTROL_PICTURES = (
    {code: chr(0x2400 + code) for code in range(32)}
    | {127: "\u2421"}
    | dict.fromkeys([*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\ufffd")
)


def visible(text: str) -> str:
    """``text`` with control characters shown as their Unicode pictures (ESC as ␛, NUL as ␀),
    and C1 controls and text-direction overrides (which a stored name from an older altui may
    hold) as U+FFFD, so nothing typed can reorder or restyle what follows it.

    Markup needs no escaping here: widgets render this through ``Content``, never as markup.
    """
    return text.translate(_CONTROL_PICTURES)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for names on narrow screens."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def count(number: int, noun: str) -> str:
    """``1 meeting``, ``2 meetings``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def quoted(text: str) -> str:
    """A name as it would be typed in a command: bare when it is one word, else in quotes."""
    return text if text.replace("-", "").replace("_", "").isalnum() else repr(text)
