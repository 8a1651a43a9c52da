"""The line the facilitator types into; its kind shows before Enter is pressed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from altui.models import ItemKind
from altui.widgets.item_panel import KIND_STYLES

_NOT_SHOWN = object()
PLACEHOLDER = "Type, Enter saves.  ? question  ! action  * learning  # private note"


class EntryInput(Input):
    """An Input that saves on Enter before any later key is handled, and that Escape leaves.

    Saving inside the Enter key's own handling (not through a message) keeps a quick Enter then
    PageDown from filing the line under the next step.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "screen.next_step", "Next", key_display="PgDn"),
        Binding("pageup", "screen.previous_step", "Back", key_display="PgUp"),
        Binding("escape", "screen.stop_typing", "Stop typing"),
    ]
    """PageUp and PageDown change step while typing (a clicker sends them), in key order."""

    def __init__(self, save: Callable[[str], bool], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._save = save

    async def _on_key(self, event: events.Key) -> None:
        """Enter and PageUp/PageDown act here, in key order with the typed characters.

        Left to bindings, they would be resolved only after the key bubbled up to the app, by
        which time later characters of a fast burst may already be in the box.
        """
        step_keys = {"pagedown": "next_step", "pageup": "previous_step"}
        if event.key == "enter" or event.key in step_keys:
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                await self.action_submit()
            else:
                await self.screen.run_action(step_keys[event.key])
            return
        await super()._on_key(event)

    async def action_submit(self) -> None:
        """Save the line; it is cleared only once it is safely stored."""
        if self._save(self.value):
            self.clear()

    def _on_paste(self, event: events.Paste) -> None:
        """Paste every line, joined by spaces (the stock Input keeps only the first)."""
        text = " ".join(line.strip() for line in event.text.splitlines() if line.strip())
        if text:
            self.replace(text, *self.selection)
        event.stop()


class EntryBox(Horizontal):
    """The kind label and the input line."""

    def __init__(
        self,
        kind_of: Callable[[str], ItemKind | None],
        save: Callable[[str], bool],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._kind_of = kind_of
        self._save = save
        self._shown_kind: ItemKind | object | None = _NOT_SHOWN

    def compose(self) -> ComposeResult:
        """Kind on the left, the line on the right.

        ``kind_of`` tells the kind a line would be saved as (None: a report-back note).
        """
        yield Static(id="entry-kind")
        entry = EntryInput(
            self._save, placeholder=PLACEHOLDER, id="entry-input", select_on_focus=False
        )
        entry.cursor_blink = False  # calmer on the wall, and no repaint twice a second
        yield entry

    def on_mount(self) -> None:
        """Show the step's default kind."""
        self.refresh_kind()

    @on(Input.Changed)
    def _typed(self) -> None:
        self.refresh_kind()

    def refresh_kind(self) -> None:
        """Show the kind the current text would be saved as."""
        kind = self._kind_of(self.query_one(Input).value)
        if kind is self._shown_kind:
            return
        self._shown_kind = kind
        label, style = (kind.label, KIND_STYLES[kind]) if kind else ("Report", "bold $accent")
        self.query_one("#entry-kind", Static).update(
            Content.styled(f" {label} ", f"reverse {style}")
        )
