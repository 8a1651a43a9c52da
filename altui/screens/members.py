"""A set's members: add, rename and remove them without the mouse."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from altui import sets
from altui.commitments import LEFT
from altui.errors import AltuiError
from altui.models import Set
from altui.screens import altui_app
from altui.screens.confirm import ConfirmScreen
from altui.screens.dialog import Dialog, keys, question
from altui.screens.prompt import PromptScreen
from altui.sets import Leaving
from altui.store import Store
from altui.text import count, shorten, visible


class LeavingScreen(Dialog[Leaving | None]):
    """Asks what becomes of a leaving member's open commitments: d drops them, k keeps them
    (under their name marked as left), Escape keeps the member."""

    WARNING = True
    BINDINGS = [
        Binding("d", "answer('drop')", "Drop them"),
        Binding("k", "answer('keep')", "Keep them"),
        Binding("escape,n", "answer('')", "Cancel"),
    ]

    def __init__(self, name: str, open_count: int) -> None:
        super().__init__()
        self._member = name
        self._open = open_count

    def compose(self) -> ComposeResult:
        """The question and the keys that answer it."""
        left = visible(self._member + LEFT)
        held = count(self._open, "open commitment")
        with Vertical():
            yield from question(
                f"Remove {self._member} from the set?",
                f"They have {held}. Past meetings keep their record.",
            )
            yield keys(
                f"d  drop them (they close now)\nk  keep them open, under {left}\n"
                f"Escape  keep {visible(self._member)} in the set"
            )

    def action_answer(self, choice: str) -> None:
        """Close with the choice (None: the member stays)."""
        self.dismiss(Leaving(choice) if choice else None)


class MembersScreen(Dialog[None]):
    """The set's members; a adds, r renames, d removes (past meetings keep their names)."""

    DEFAULT_CSS = """
    MembersScreen > Vertical { height: 80%; padding: 0; }
    MembersScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("r", "rename", "Rename"),
        Binding("d", "remove", "Remove"),
        Binding("escape", "dismiss", "Done"),
    ]

    def __init__(self, store: Store, the_set: Set) -> None:
        super().__init__()
        self.store = store
        self.the_set = the_set

    def compose(self) -> ComposeResult:
        """Title, list, keys."""
        with Vertical():
            yield Static(
                Content.styled(f"Members of {shorten(visible(self.the_set.name), 50)}", "bold")
            )
            yield OptionList(id="members")
            yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill the list."""
        self._refresh()

    def _refresh(self) -> None:
        self.the_set = self.store.find_set(self.the_set.slug)
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(Content(visible(m.name))) for m in self.the_set.members])
        if self.the_set.members:
            listing.highlighted = min(keep or 0, len(self.the_set.members) - 1)
        listing.focus()

    def _selected(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        members = self.the_set.members
        return members[index].name if index is not None and index < len(members) else None

    def _change(self, change: Callable[[], object]) -> None:
        try:
            change()
        except AltuiError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self._refresh()

    def action_add(self) -> None:
        """Ask for a new member's name."""

        def add(name: str) -> None:
            sets.add_member(self.store, self.the_set.slug, name)

        self.app.push_screen(PromptScreen("New member's name", act=add), lambda _: self._refresh())

    def action_rename(self) -> None:
        """Ask for the highlighted member's new name."""
        old = self._selected()
        if old is None:
            return

        def rename(name: str) -> None:
            sets.rename_member(self.store, self.the_set.slug, old, name)

        self.app.push_screen(
            PromptScreen(f"Rename {old}", old, act=rename), lambda _: self._refresh()
        )

    def action_remove(self) -> None:
        """Remove the highlighted member, after asking (and asking what becomes of their open
        commitments, if they have any)."""
        name = self._selected()
        if name is None:
            return
        slug = self.the_set.slug
        if self.the_set.archived:
            self.notify(sets.archived(self.the_set), severity="error", markup=False)
            return
        try:
            sets.refuse_in_meeting(self.store, self.the_set, sets.member_named(self.the_set, name))
            still = sets.commitments_of(self.store, slug, name)
        except AltuiError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return

        def remove(leaving: Leaving | None) -> None:
            now = altui_app(self).clock.now()
            self._change(lambda: sets.remove_member(self.store, slug, name, leaving, now))

        def chosen(leaving: Leaving | None) -> None:
            if leaving is not None:
                remove(leaving)

        def confirmed(yes: bool | None) -> None:
            if yes:
                remove(None)

        if still:
            self.app.push_screen(LeavingScreen(name, len(still)), chosen)
            return
        self.app.push_screen(
            ConfirmScreen(f"Remove {name} from the set?", "Past meetings keep their record."),
            confirmed,
        )
