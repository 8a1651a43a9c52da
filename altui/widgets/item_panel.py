"""The items captured in this presenter's slot or this group step, newest last."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from altui.models import Item, ItemKind, ItemTag
from altui.text import visible

KIND_STYLES = {
    ItemKind.QUESTION: "bold $primary",
    ItemKind.ACTION: "bold $success",
    ItemKind.LEARNING: "bold $secondary",
    ItemKind.ISSUE: "bold $warning",
    ItemKind.NOTE: "bold $foreground",
    ItemKind.PRIVATE: "bold $error",
}
EMPTY_HINT = "Nothing captured yet in this step."
SHOWN_CHARACTERS = 400
"""Of an item's text, what the panel shows (about seven lines): a long paste is kept whole,
and shown whole in the entry line (Up) and the recap, without pushing every other item
out of the room's view."""


HIDDEN = "•••••  (private note)"


def item_line(item: Item, reveal: bool = True, usual: ItemTag | None = None) -> Content:
    """One item: its kind as a word, then the text exactly as typed (never read as markup;
    its first ``SHOWN_CHARACTERS``), then its tag unless it is the step's ``usual`` one (every
    question of a clarifying step is clarifying: saying so would only push long questions
    onto a second line).

    A private note shows only dots unless ``reveal``.
    """
    label = (f"{item.kind.label:<9}", KIND_STYLES[item.kind])
    if item.kind is ItemKind.PRIVATE and not reveal:
        return Content.assemble(label, (HIDDEN, "$text-muted"))
    tag = (f"  · {item.tag.label}", "italic $text-muted") if item.tag not in (None, usual) else ""
    rest = len(item.text) - SHOWN_CHARACTERS
    more = (f" … ({rest:,} more characters)", "italic $text-muted") if rest > 0 else ""
    return Content.assemble(label, visible(item.text[:SHOWN_CHARACTERS]), more, tag)


class ItemPanel(OptionList):
    """A scrolling list of items (drawn lazily, so long lists stay fast); a hint when empty.

    The border says how many items there are instead of a scrollbar: a scrollbar is hard to
    read on the wall, and with one Textual redraws the whole list on every key typed.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.can_focus = False
        self._count = 0
        self.reveal = False
        self.step_tag: ItemTag | None = None
        """The tag this step gives its items (not repeated on each line)."""

    def update(self, items: list[Item], editing: str | None = None) -> None:
        """Replace the list with ``items``, the newest in view (or the one being edited, when
        it is one of them: an edit kept across a step change is of another step's item)."""
        self.clear_options()
        self._count = len(items)
        if items:
            self.add_options(
                [Option(item_line(item, self.reveal, self.step_tag), id=item.id) for item in items]
            )
        else:
            self.add_option(Option(Content.styled(EMPTY_HINT, "$text-muted"), disabled=True))
        self._show_count()
        listed = editing if any(item.id == editing for item in items) else None
        self.highlighted = None if listed is None else self.get_option_index(listed)
        self._keep_in_view()

    def append(self, item: Item) -> None:
        """Add one item at the bottom."""
        if self._count == 0:
            self.clear_options()
        self._count += 1
        self.add_option(Option(item_line(item, self.reveal, self.step_tag), id=item.id))
        self._show_count()
        self._keep_in_view()

    def on_resize(self) -> None:
        """A new size (or the first one, after a restart) still shows the newest items."""
        self._keep_in_view()

    def _keep_in_view(self) -> None:
        """Scroll to the item being edited, else to the newest, once the list is laid out."""
        if self.highlighted is None:
            self.call_after_refresh(self.scroll_end, animate=False, immediate=True)
        else:
            self.call_after_refresh(self.scroll_to_highlight)

    def _show_count(self) -> None:
        self.border_subtitle = f"{self._count} captured" if self._count else ""
