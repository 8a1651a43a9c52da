"""The home screen: the sets, with keys to open, create, rename, archive and staff them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from altui import sets
from altui.commitments import open_commitments
from altui.dates import short_date
from altui.errors import AltuiError
from altui.guard import guarded
from altui.models import MeetingStatus, Set
from altui.plans import builtin_plans
from altui.screens import altui_app
from altui.screens.confirm import ConfirmScreen
from altui.screens.history import HistoryScreen
from altui.screens.members import MembersScreen
from altui.screens.prompt import PromptScreen
from altui.store import DamagedSet, Store
from altui.text import count, shorten, visible

NO_SETS = (
    "No sets yet.\n\nPress n to create one, or try the demo:  altui demo\n"
    'From the command line:  altui set new "My set" --member Ana --member Ben ...'
)


def set_line(store: Store, the_set: Set) -> Content:
    """A set's name, then its members, meetings, dates and open commitments (or, if its meeting
    files cannot be read, the one line saying why)."""
    try:
        facts = _facts(store, the_set)
    except AltuiError as exc:
        facts = str(exc)
    name_style = "bold $text-muted" if the_set.archived else "bold"
    archived = " (archived)" if the_set.archived else ""
    return Content.assemble(
        (shorten(visible(the_set.name), 70) + archived, name_style),
        "\n",
        ("  " + visible(facts), "$text-muted"),
    )


def damaged_line(broken: DamagedSet) -> Content:
    """A set whose file cannot be read: its folder, greyed, and why (it cannot be opened)."""
    return Content.assemble(
        (f"{shorten(visible(broken.slug), 60)} (cannot be read)", "$text-disabled"),
        "\n",
        ("  " + visible(broken.error), "$text-disabled"),
    )


def _facts(store: Store, the_set: Set) -> str:
    numbers = store.meeting_numbers(the_set.slug)
    latest = store.meeting(the_set.slug, numbers[-1]) if numbers else None
    facts = [count(len(the_set.members), "member"), count(len(numbers), "meeting")]
    if latest is not None and latest.status is MeetingStatus.RUNNING:
        facts.append(f"meeting {latest.number} in progress")
    elif latest is not None:
        facts.append(f"last {short_date(latest.date)}")
        if latest.next_date:
            facts.append(f"next {short_date(latest.next_date)}")
        upcoming = latest.number + 1
        still_open = len(open_commitments(store, the_set.slug, upcoming))
        facts.append(count(still_open, "open commitment"))
    return " · ".join(facts)


class HomeScreen(Screen[None]):
    """Lists the sets; Enter sets up or resumes the highlighted set's meeting."""

    BINDINGS = [
        # over the list's own Enter, whose footer entry is hidden
        Binding("enter", "open", "Open", priority=True),
        Binding("h", "history", "History"),
        Binding("n", "new_set", "New set"),
        Binding("m", "members", "Members"),
        Binding("r", "rename", "Rename"),
        Binding("l", "plan", "Plan"),
        Binding("a", "archive", "Archive", tooltip="Archive the set, or unarchive an archived one"),
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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill the list."""
        self.refresh_sets()

    def on_screen_resume(self) -> None:
        """Refresh the list when coming back from a meeting."""
        self.refresh_sets()

    def refresh_sets(self) -> None:
        """Read the sets again and show them, current ones first."""
        listing = self.query_one("#sets", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        found, damaged = self.store.survey()
        self.sets = sorted(found, key=lambda s: s.archived)
        if not self.sets and not damaged:
            listing.add_option(Option(NO_SETS, disabled=True))
            return
        listing.add_options([Option(set_line(self.store, s)) for s in self.sets])
        listing.add_options([Option(damaged_line(d), disabled=True) for d in damaged])
        if self.sets:
            listing.highlighted = min(keep or 0, len(self.sets) - 1)
        listing.focus()

    def _highlighted(self) -> Set | None:
        index = self.query_one("#sets", OptionList).highlighted
        return self.sets[index] if index is not None and index < len(self.sets) else None

    def _change(self, change: Callable[[], object]) -> None:
        try:
            change()
        except AltuiError as exc:
            self.notify(str(exc), severity="error", markup=False)
        self.refresh_sets()

    def action_open(self) -> None:
        """Open the highlighted set's meeting."""
        the_set = self._highlighted()
        if the_set is not None:
            self._open(the_set)

    @on(OptionList.OptionSelected, "#sets")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(self.sets[event.option_index])

    @guarded
    def _open(self, the_set: Set) -> None:
        try:
            altui_app(self).open_meeting(the_set)
        except AltuiError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", markup=False)

    def action_history(self) -> None:
        """The highlighted set's meetings, search and follow-through."""
        the_set = self._highlighted()
        if the_set is not None:
            self.app.push_screen(HistoryScreen(self.store, the_set))

    def action_new_set(self) -> None:
        """Ask for a name, then the members, and create the set."""

        def named(name: str | None) -> None:
            if name is None:
                return
            clock = altui_app(self).clock

            def create(members: str) -> None:
                names = [m for m in (part.strip() for part in members.split(",")) if m]
                sets.new_set(self.store, name, names, "classic", clock)

            self.app.push_screen(
                PromptScreen(f"Members of {name}", hint="Names separated by commas", act=create),
                lambda _: self.refresh_sets(),
            )

        # a name refused now, not after the members are typed
        check = partial(sets.new_set_name, self.store)
        self.app.push_screen(PromptScreen("New set's name", act=check), named)

    def action_members(self) -> None:
        """Add, rename or remove the highlighted set's members."""
        the_set = self._highlighted()
        if the_set is not None:
            self.app.push_screen(MembersScreen(self.store, the_set), lambda _: self.refresh_sets())

    def action_rename(self) -> None:
        """Give the highlighted set a new name."""
        the_set = self._highlighted()
        if the_set is None:
            return

        def rename(name: str) -> None:
            sets.rename_set(self.store, the_set.slug, name)

        self.app.push_screen(
            PromptScreen(f"Rename {the_set.name}", the_set.name, act=rename),
            lambda _: self.refresh_sets(),
        )

    def action_plan(self) -> None:
        """Choose the highlighted set's default session plan."""
        the_set = self._highlighted()
        if the_set is None:
            return

        def choose(plan: str) -> None:
            sets.set_default_plan(self.store, the_set.slug, plan.strip())

        shipped = ", ".join(builtin_plans())
        hint = f"Shipped: {shipped}; or a .toml file"
        self.app.push_screen(
            PromptScreen("Default plan", the_set.plan, hint, act=choose),
            lambda _: self.refresh_sets(),
        )

    def action_archive(self) -> None:
        """Archive the highlighted set, or unarchive an archived one, after asking."""
        the_set = self._highlighted()
        if the_set is None:
            return
        unarchive = the_set.archived

        def confirmed(yes: bool | None) -> None:
            if yes and unarchive:
                self._change(lambda: sets.unarchive_set(self.store, the_set.slug))
            elif yes:
                self._change(lambda: sets.archive_set(self.store, the_set.slug))

        if unarchive:
            question = ConfirmScreen(
                f"Unarchive {the_set.name}?", "It can be changed and hold meetings again."
            )
        else:
            question = ConfirmScreen(
                f"Archive {the_set.name}?",
                "It stays readable and exportable, listed last; it holds no meetings and "
                "cannot be changed until it is unarchived (a again).",
            )
        self.app.push_screen(question, confirmed)
