"""The shape the small questions share: a bold question, what it means, and the keys that
answer it, in a box in the middle of the screen (the console's own questions dock at the
bottom instead, see `altui.screens.asks`, but read the same)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from altui.text import visible

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A small modal in the middle of the screen; subclasses compose a ``Vertical`` of
    :func:`question`, what they need, and :func:`keys`. ``WARNING`` ones (a question whose
    yes cannot be taken back) have a warning border."""

    WARNING = False

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    Dialog.-warning > Vertical { border: thick $warning; }
    Dialog Keys { margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__(classes="-warning" if self.WARNING else None)


class Keys(Static):
    """The line (or lines) saying which keys answer a question, muted."""

    DEFAULT_CSS = "Keys { color: $text-muted; }"


def question(text: str, detail: str = "") -> Iterator[Static]:
    """The question in bold, then what it means if anything (names in either are shown with
    any control character as a symbol)."""
    yield Static(Content.styled(visible(text), "bold"))
    if detail:
        yield Static(Content(visible(detail)))


def keys(text: str) -> Keys:
    """The line (or lines) saying which keys answer (shown as written, never as markup)."""
    return Keys(Content(text))
