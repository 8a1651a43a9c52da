"""The input box every screen uses: it keeps what was typed and shows it safely.

Textual's Input drops a typed character that Python does not call printable (a C1 control, a
bidi override, but also a no-break space or a zero-width joiner), keeps only a paste's first
line, and draws what it holds as it is, so a pasted ESC or BEL reached the terminal. This box
keeps every character typed, makes a paste one line, and draws its text through ``visible``:
what the box holds is what the user gave it, and what the screen shows cannot steer it.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual import events
from textual.widgets import Input

from altui.text import one_line, visible
from altui.widgets.keys import bind_now


def typed_text(character: str | None) -> bool:
    """Whether a key's character is text for a box: any character but a C0 control or DEL
    (those are Enter, Tab, Escape, Backspace and the Ctrl chords, which are commands)."""
    return character is not None and len(character) == 1 and " " <= character != "\x7f"


class SafeInput(Input):
    """Textual's Input, keeping every typed character and drawing each as ``visible`` does.

    ``visible`` puts one symbol in place of one character, so the cursor and a selection stay
    on the characters they are on; only the cell arithmetic is done on the drawn text.
    """

    async def _on_key(self, event: events.Key) -> None:
        """Type the key's character, or run its binding (Backspace, Ctrl+U, Left, the screen's
        keys) now, before the next key of a burst is handled (see ``altui.widgets.keys``)."""
        if self.type_key(event.character):
            event.stop()
            event.prevent_default()
        else:
            await bind_now(self.screen, event)

    def type_key(self, character: str | None) -> bool:
        """Put a key's character in the box at the cursor (over a selection), as typing does;
        False when the key has no text to put there (see ``typed_text``)."""
        if not typed_text(character):
            return False
        assert character is not None
        self.replace(character, *self.selection)
        return True

    def _on_paste(self, event: events.Paste) -> None:
        """Paste once (the stock handler would insert it a second time)."""
        event.stop()
        event.prevent_default()
        self.paste(event.text)

    def paste(self, text: str) -> None:
        """Insert ``text`` as one line (see ``one_line``; the stock Input keeps its first line)."""
        line = one_line(text)
        if line:
            self.replace(line, *self.selection)

    @property
    def _value(self) -> Text:  # no box of altui's is a password's: no dots to draw
        return Text(visible(self.value), no_wrap=True, overflow="ignore", end="")

    def _position_to_cell(self, position: int) -> int:
        return cell_len(visible(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        cells = 0
        offset += self.scroll_offset.x
        for index, char in enumerate(visible(self.value)):
            width = get_character_cell_size(char)
            if cells <= offset < cells + width:
                return index
            cells += width
        return max(0, min(offset, len(self.value)))
