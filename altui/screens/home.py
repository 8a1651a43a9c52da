"""The home screen: the sets in the data folder; Enter starts or resumes a set's meeting."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from altui.errors import AltuiError
from altui.guard import guarded
from altui.models import Set
from altui.planning import unfinished_meeting
from altui.store import Store
from altui.text import visible

NO_SETS = (
    "No sets yet.\n\nTry the demo:            altui demo\n"
    'Or create your own set:  altui set new "My set" --member Ana --member Ben ...'
)


def set_line(store: Store, the_set: Set) -> Content:
    """A set's name, members and meetings, and whether a meeting is under way."""
    held = len(store.meeting_numbers(the_set.slug))
    running = unfinished_meeting(store, the_set)
    state = f"meeting {running.number} in progress" if running else "Enter starts the next meeting"
    return Content.assemble(
        (visible(the_set.name), "bold"),
        ("\n", ""),
        (f"  {len(the_set.members)} members · {held} meetings · {state}", "$text-muted"),
    )


class HomeScreen(Screen[None]):
    """Lists the sets; choosing one opens its meeting in the live console."""

    BINDINGS = [
        Binding("enter", "open", "Open meeting", show=True),
        Binding("ctrl+q", "app.quit", "Quit", priority=True, key_display="^q"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sets: list[Set] = []

    def compose(self) -> ComposeResult:
        """The title, the list of sets, the keys."""
        yield Static(
            Content.styled("altui · Action Learning sets", "bold $accent"), id="home-title"
        )
        yield OptionList(id="sets")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the list."""
        self.refresh_sets()

    def on_screen_resume(self) -> None:
        """Refresh the list when coming back from a meeting."""
        self.refresh_sets()

    def refresh_sets(self) -> None:
        """Read the sets again and show them."""
        listing = self.query_one("#sets", OptionList)
        listing.clear_options()
        self.sets = self.store.sets()
        if not self.sets:
            listing.add_option(Option(NO_SETS, disabled=True))
            return
        listing.add_options([Option(set_line(self.store, s)) for s in self.sets])
        listing.highlighted = 0
        listing.focus()

    def action_open(self) -> None:
        """Open the highlighted set's meeting."""
        index = self.query_one("#sets", OptionList).highlighted
        if index is not None and index < len(self.sets):
            self._open(self.sets[index])

    @on(OptionList.OptionSelected, "#sets")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(self.sets[event.option_index])

    @guarded
    def _open(self, the_set: Set) -> None:
        try:
            self.app.open_meeting(the_set)  # type: ignore[attr-defined]
        except AltuiError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", markup=False)
