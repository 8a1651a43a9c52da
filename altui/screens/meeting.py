"""The live console: the stage the room sees, plus the line the facilitator types into.

The key model: typing is always safe. Every letter, digit, punctuation mark and space goes
into the entry line; the meeting is steered only with keys nobody types in a sentence
(PageUp/PageDown, Up/Down, Tab, Escape, function keys, Ctrl chords) and the command palette.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property, partial
from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Static

from altui.clock import whole_minutes
from altui.drafts import Draft
from altui.errors import AltuiError
from altui.guard import guarded, guarded_or, log
from altui.live import MINUTE, LiveMeeting, NotSaved, quote
from altui.models import (
    KIND_PREFIXES,
    TAG_CYCLES,
    Commitment,
    Item,
    ItemKind,
    ItemTag,
    ReviewStatus,
    Set,
    TimeUpSignal,
    next_kind,
    next_tag,
)
from altui.screens import altui_app
from altui.screens.hand_back import HandsBack
from altui.screens.stage import TICK_SECONDS, StageScreen
from altui.text import count, visible
from altui.widgets.commitment_list import STATUS_KEYS, CommitmentList
from altui.widgets.countdown import Countdown
from altui.widgets.entry import PLACEHOLDER, REPORT_PLACEHOLDER, EntryBox, EntryInput
from altui.widgets.item_panel import KIND_STYLES, ItemPanel

DRAFT_SECONDS = 0.25
"""How often unsent text in the entry box is saved (only when it changed, off the event loop):
a crash loses at most the last quarter second of typing."""
BOX = "box"
"""What a notice about the text in the entry box is about: taken down once that is saved."""
STEP = "step"
"""What a notice about the step being shown is about: taken down when the step changes."""
QUIT_AGAIN_SECONDS = 5.0
"""How long a second Ctrl+Q quits anyway when the unsent text could not be kept."""

T = TypeVar("T")


def key_line(head: Content, keys: list[str], width: int) -> Content:
    """``head`` then ``keys`` joined by " · ", on one line where ``width`` allows, else broken
    between two keys (never inside one), so each key stays beside what it does."""
    lines: list[Content] = []
    line = head
    for key in keys:
        longer = line + (" " if line is head else " · ") + key
        if longer.cell_length > width > 0 and line.cell_length:
            lines.append(line)
            line = Content(key)
        else:
            line = longer
    return Content("\n").join([*lines, line])


class MeetingScreen(StageScreen):
    """The stage, the entry line and the footer: the facilitator's console."""

    AUTO_FOCUS = "#entry-input"
    """The entry line is the only thing that takes focus: every key starts there."""

    BINDINGS = [
        Binding("pagedown", "next_step", "Next", key_display="PgDn", tooltip="Next step"),
        Binding("pageup", "previous_step", "Back", key_display="PgUp", tooltip="Previous step"),
        Binding("ctrl+t", "pause", "Pause", key_display="^t", tooltip="Pause or resume the clock"),
        Binding(
            "ctrl+t", "resume", "Resume", key_display="^t", tooltip="Pause or resume the clock"
        ),
        Binding("f7", "less_time", "-1m", key_display="F7", show=False, tooltip="One minute less"),
        Binding("f8", "more_time", "+1m", key_display="F8", tooltip="One minute more"),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            key_display="^z",
            tooltip="Undo the last change (again for the one before); says what it undid",
        ),
        Binding(
            "ctrl+l",
            "blank",
            "Blank",
            show=False,
            tooltip="Blank the wall; any key brings it back (a clicker's . right after PgDn too)",
        ),
        Binding(
            "ctrl+o",
            "move_item",
            "Move",
            show=False,
            tooltip="While editing an item: move it to another presenter's slot or a group step",
        ),
        Binding(
            "f9",
            "end_meeting",
            "End",
            key_display="F9",
            tooltip="End the meeting (asks; Enter keeps going)",
        ),
        Binding(
            "ctrl+r",
            "export",
            "Recap",
            key_display="^r",
            show=False,
            tooltip="Write the Markdown recap (no private notes)",
        ),
        Binding("f1", "help", "Keys", key_display="F1", tooltip="This list of keys"),
        Binding(
            "ctrl+q",
            "app.quit",
            "Quit",
            priority=True,
            key_display="^q",
            tooltip="Quit at once: everything is already saved",
        ),
    ]

    _entry: EntryInput
    """The entry line (kept so its text can still be saved once the screen is taken down)."""

    def __init__(self, the_set: Set, live: LiveMeeting) -> None:
        super().__init__(the_set, live)
        self.live = live
        self._editing: Item | None = None
        self._kind: ItemKind | None = None
        self._tag: ItemTag | None = None
        self._tag_chosen = False
        self._marking: Commitment | None = None
        self._note_unplaced = ""
        """The commitment (its action's id) of a report-back note put back after a restart
        that is no longer listed: the note is no one's until Up/Down chooses one."""
        self._draft_warned = False
        self._trouble_told = False
        """Whether the console has said why the report back cannot be read."""
        self._quit_asked = float("-inf")
        self._paused_shown = False
        self._blanks = 0
        """Blank screens up over the console (two for a moment, when a burst closes one and
        opens the next before the first has gone)."""

    def compose(self) -> ComposeResult:
        """The stage, then the entry line and the footer."""
        yield from super().compose()
        yield EntryBox(self, self._label_for, id="entry")
        yield Footer(compact=True)
        yield Static(id="too-small")

    def on_mount(self) -> None:
        """Show the current step, put back any unsent text, and start the clock.

        A blank left by a console that was killed while blank is lifted from the displays.
        """
        self._blank_displays(False)
        self._entry = self.query_one(EntryInput)
        self.show_step()
        self._restore(self.live.draft)
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(DRAFT_SECONDS, self._keep_draft)

    @cached_property
    def _listing(self) -> CommitmentList:
        """The report back's commitments (kept, as the entry line is, for the last draft)."""
        return self.query_one(CommitmentList)

    def _restore(self, draft: Draft) -> None:
        """Put back the text left in the box when the console closed, on what it was for: the
        item being edited, or the commitment highlighted. One that is gone is said, and the
        text waits as a new line (a note is filed on no one else's commitment)."""
        self._entry.value = draft.text
        if draft.editing:
            item = self.live.find(draft.editing)
            if item is not None and item.kind is ItemKind.PRIVATE:  # never shown unasked
                self._entry.value = ""
                self._entry.took_out(draft.text, item.id)
                self._put_back_alone(
                    "A change to a private note was not saved before altui closed: Ctrl+Z now "
                    "puts it back in the box (where it shows)."
                )
                return
            if item is not None:
                self._edit(item, draft.text)
                return
            self._put_back_alone("The item being edited is gone; your text is back as a new line.")
        elif (
            draft.commitment
            and self.live.reporting_back
            and not self._listing.choose(draft.commitment)
        ):
            self._note_unplaced = draft.commitment
            self._put_back_alone(
                "The commitment this note was for is no longer listed: Enter saves it as an "
                "item of this step; Up/Down chooses a commitment for it."
            )
        self.query_one(EntryBox).refresh_kind()

    def _put_back_alone(self, message: str) -> None:
        self.notify(message, title="Text put back", severity="warning", timeout=15, markup=False)

    def _draft(self) -> Draft:
        """What is in the box, and what Enter would save it on."""
        text = self._entry.value
        if self._editing is not None:
            return Draft(text, editing=self._editing.id)
        noted = self._noted(text)
        chosen = noted.action.id if noted and text else ""
        return Draft(text, commitment=self._note_unplaced or chosen)

    @guarded
    def _keep_draft(self) -> None:
        """Save the unsent text in the entry box (and what it is for: an edit, a report-back
        note), if it changed; say so once if it cannot be."""
        self.live.keep_draft(self._draft())
        trouble = self.live.draft_trouble
        if trouble and not self._draft_warned:
            self.notify(
                f"The text in the box cannot be kept on disk ({trouble}). It is still in the "
                "box: Enter saves it as an item.",
                title="Draft not saved",
                severity="warning",
                timeout=15,
                markup=False,
            )
        self._draft_warned = bool(trouble)

    def quit(self) -> None:
        """Quit; text in the box that could not be kept on disk needs Ctrl+Q a second time."""
        self._keep_draft()
        self.live.settle()
        text_at_risk = bool(self._entry.value.strip()) and bool(self.live.draft_trouble)
        now = self.live.clock.now().timestamp()
        if text_at_risk and now - self._quit_asked > QUIT_AGAIN_SECONDS:
            self._quit_asked = now
            self.notify(
                "The text in the box could not be kept on disk and would be lost. Enter saves "
                "it as an item; Ctrl+Q again quits anyway.",
                title="Not quitting yet",
                severity="error",
                timeout=QUIT_AGAIN_SECONDS,
                markup=False,
            )
            return
        self.app.exit()

    def on_unmount(self) -> None:
        """Keep the text still in the box when the console closes (quit, or end of meeting)."""
        self._keep_draft()
        if not self.live.settle():
            log.warning("draft still being saved when the console closed")

    # what the facilitator sees change ------------------------------------------------------

    def _changed(self, change: Callable[[], T], about: str = "") -> T | None:
        """Run a change; one that was not saved is reported (and was not made): None."""
        try:
            return change()
        except AltuiError as exc:
            self._not_saved(str(exc), about)
            return None

    def _not_saved(self, message: str, about: str = "") -> None:
        altui_app(self).notify(
            message, title="Not saved", severity="error", timeout=10, markup=False, about=about
        )

    def _said(self, message: str, about: str = "") -> None:
        altui_app(self).notify(message, timeout=4, markup=False, about=about)

    def hand_back(self, event: events.Key | events.Paste) -> None:
        """A key or paste that reached a screen over the console: to the entry line, after
        the keys already on their way there (see `altui.screens.hand_back`)."""
        if isinstance(event, events.Paste):
            self._entry.post_message(events.Paste(event.text))
        else:
            self._entry.post_message(events.Key(event.key, event.character))

    async def above(self, event: events.Key) -> bool:
        """A key that reached the entry line while a screen is over the console: True if that
        screen took it; False if the line is to handle it (a screen that hands typing back is
        then closed). Over anything else (the palette) it is sent on as a new key."""
        over = self.app.screen
        if over is self:
            return False
        if isinstance(over, HandsBack):
            return await over.take_key(event)
        self.app.post_message(events.Key(event.key, event.character))
        return True

    def pasted_above(self, text: str) -> bool:
        """A paste that reached the entry line while a screen is over the console: False if
        the line is to paste it (a screen that hands typing back is then closed); True if it
        was sent on to what is over the console (the palette)."""
        over = self.app.screen
        if over is self:
            return False
        if isinstance(over, HandsBack):
            over.close(None)
            return False
        self.app.post_message(events.Paste(text))
        return True

    def show_step(self) -> None:
        """The stage, and the entry line's hint for this step; what was said of the step
        before goes when it changes."""
        if self.live.meeting.current != self._shown_step:
            altui_app(self).withdraw(STEP)
        super().show_step()
        reporting = self.live.reporting_back
        self._entry.placeholder = REPORT_PLACEHOLDER if reporting else PLACEHOLDER
        self.query_one(EntryBox).refresh_kind()
        if self.live.step.report_back and self.live.trouble and not self._trouble_told:
            self._trouble_told = True
            self.notify(self.live.trouble, title="Report back", severity="error", markup=False)

    def show_prompt(self) -> None:
        """The step's guidance, or what Enter does to the item being edited."""
        if self._editing is None:
            super().show_prompt()
            return
        here = self.live.items_here()
        editing = self._editing
        position = next((n for n, i in enumerate(here, 1) if i.id == editing.id), 0)
        shown = self._edited_tag(self._entry.value)
        tag = f" · {shown.label}" if shown else ""
        which = (
            f"{position} of {len(here)}"
            if position
            else f"{visible(quote(editing.text))} of step {editing.step + 1}"
        )
        keys = ["Enter saves", "empty deletes", "Esc no change", "Tab kind", "Shift+Tab tag"]
        self._prompt_keys(Content(f"Editing {which}{tag}:"), [*keys, "Ctrl+O move"])

    def _prompt_keys(self, head: Content, keys: list[str]) -> None:
        """A question or a hint and its keys on the prompt line (see ``key_line``)."""
        prompt = self.query_one("#prompt", Static)
        prompt.update(key_line(head, keys, prompt.content_size.width))

    def _label_for(self, text: str) -> tuple[str, str]:
        """The entry label: what Enter would save this text as."""
        if self._noted(text) is not None:
            return "Report", "bold $accent"
        kind = self.live.kind_for(text, self._kind)
        mark = "✎ " if self._editing is not None else ""
        return mark + kind.label, KIND_STYLES[kind]

    def _noted(self, text: str) -> Commitment | None:
        """The commitment ``text`` would be a note on: in report back, a line without a kind
        character is the highlighted commitment's note; a line starting ? ! * or # is an item
        as anywhere else (a private note stays private)."""
        if (
            self._editing is not None
            or not self.live.reporting_back
            or self._note_unplaced
            or text.lstrip().startswith(tuple(KIND_PREFIXES))
        ):
            return None
        return self._listing.selected

    def _refresh(self, agenda: bool = False) -> None:
        """Show the meeting again after a change."""
        if agenda:
            self.show_agenda()
        else:
            self.show_step()
        self.query_one(EntryBox).refresh_kind()

    # keys from the entry line (see widgets.entry) ------------------------------------------

    @guarded_or(False)  # an error keeps the text in the box
    def submit_line(self, text: str) -> bool:
        """Enter: save the line (or the edit); False keeps the text in the box. Once it is
        saved, what was said of the text in the box goes."""
        saved = self._save_edit(text) if self._editing is not None else self._save_line(text)
        if saved:
            self._note_unplaced = ""  # the next line notes the highlighted commitment again
            altui_app(self).withdraw(BOX)
        return saved

    def _save_line(self, text: str) -> bool:
        if self.live.closed:
            self._not_saved("This meeting has ended: reopen it with Ctrl+Z on its summary.", BOX)
            return False
        kind, tag = self._kind, (self._tag if self._tag_chosen else None)
        try:
            entered = self.live.enter(text, self._noted(text), kind, tag)
        except AltuiError as exc:
            self._not_saved(f"{exc}. Your text is still in the box; Enter tries again.", BOX)
            return False
        self._kind, self._tag, self._tag_chosen = None, None, False
        if entered is None:
            return True
        if entered.score is not None:
            self._said(f"The set's score today: {entered.score} out of 10.")
            self.show_banner()
        elif entered.commitment is not None:
            self.query_one(CommitmentList).update(self.live.commitments())
        elif entered.item is not None:
            if self.live.reporting_back:
                what = entered.item.kind.label.lower()
                self._said(
                    f"Saved as an item of this step ({what}), not as a note on a commitment. "
                    "Ctrl+Z takes it back."
                )
                self.show_items()
            else:
                self.query_one(ItemPanel).append(entered.item)
                if entered.item.kind is ItemKind.QUESTION:
                    self.show_banner()
        self.query_one(EntryBox).refresh_kind()
        return True

    def step_key(self, forward: bool) -> None:
        """PageDown/PageUp (a clicker's keys), whatever is in the box."""
        self._entry.after_step_key = True  # a clicker's `.` right after it blanks
        if forward:
            self.action_next_step()
        else:
            self.action_previous_step()

    def blank_key(self) -> None:
        """A clicker's blank key (`.` right after PageDown/PageUp)."""
        self.action_blank()

    def put_back(self, editing: str) -> None:
        """Ctrl+Z right after a key took text out of the line: the line has it back, and an
        edit left by Ctrl+Z is an edit of its item again."""
        item = self.live.find(editing) if editing else None
        if item is None:
            self._said("Undone: the text just cleared from the box is back.")
            return
        self._edit(item, self._entry.value)
        what = "the private note" if item.kind is ItemKind.PRIVATE else quote(item.text)
        self._said(f"Undone: editing {what} again, with your change.")

    @guarded
    def browse(self, older: bool) -> None:
        """Up/Down: in report back, the commitment being reported on; elsewhere, from an empty
        line, the items of this step to edit (Down past the newest: back to a new line)."""
        if self.live.reporting_back and self._editing is None:
            listing = self.query_one(CommitmentList)
            listing.action_cursor_up() if older else listing.action_cursor_down()
            self._note_unplaced = ""
            self.show_prompt()  # the step's guidance again, after a mark's answer
            self.query_one(EntryBox).refresh_kind()
            return
        if self._editing is None and self._entry.value.strip():
            return  # a line being typed stays in the box
        if self._editing is not None and self._entry.value != self._editing.text:
            self._said("Enter saves this edit; Esc leaves the item as it was. Then Up/Down.")
            return  # an edit being typed stays in the box
        revealed = self.query_one(ItemPanel).reveal
        here = [i for i in self.live.items_here() if revealed or i.kind is not ItemKind.PRIVATE]
        if not here:
            return
        at = next(
            (n for n, i in enumerate(here) if self._editing and i.id == self._editing.id), None
        )
        if at is None:
            target = here[-1] if older else None
        elif older:
            target = here[max(0, at - 1)]
        else:
            target = here[at + 1] if at + 1 < len(here) else None
        if target is None:
            self.cancel_edit()
        else:
            self._edit(target)

    def _edit(self, item: Item, text: str | None = None) -> None:
        """Edit ``item``: the box holds ``text`` (its own text unless given)."""
        text = item.text if text is None else text
        self._editing = item
        self._kind, self._tag, self._tag_chosen = item.kind, item.tag, True
        panel = self.query_one(ItemPanel)
        panel.update(self.live.items_here(), editing=item.id)
        entry = self._entry
        entry.value = text
        entry.cursor_position = len(text)
        self.show_prompt()
        self.query_one(EntryBox).refresh_kind()

    def _edited_tag(self, text: str) -> ItemTag | None:
        """The tag Enter would save the item being edited with, as ``text``."""
        assert self._editing is not None
        kind = self.live.kind_for(text, self._kind)
        return self.live.tag_as(self._editing, kind, self._tag)

    def cancel_edit(self) -> None:
        """Escape: leave the item being edited as it was (and forget a chosen kind). A change
        typed into it is not saved, but not lost either: it is said, and Ctrl+Z as the next
        key brings it back (see ``put_back``)."""
        editing, typed = self._editing, self._entry.value
        self._editing, self._kind, self._tag, self._tag_chosen = None, None, None, False
        if editing is not None:
            self._entry.clear()
            self._refresh()
            if typed != editing.text:
                self._entry.took_out(typed, editing.id)
                private = editing.kind is ItemKind.PRIVATE
                what = "the private note" if private else quote(editing.text)
                self._said(
                    f"Stopped editing; {what} is as it was. Your change is not saved: Ctrl+Z "
                    "brings it back."
                )
        self.query_one(EntryBox).refresh_kind()

    def _save_edit(self, text: str) -> bool:
        editing = self._editing
        assert editing is not None
        kind = self._kind or editing.kind
        saved = self._changed(lambda: self.live.edit(editing.id, text, kind, self._tag), BOX)
        if saved is None and self.live.find(editing.id) is not None:
            return False  # not saved: the text stays in the box
        if saved is None:
            self._said(f"Deleted. Ctrl+Z brings it back. ({visible(editing.text)[:40]})")
        self._editing, self._kind, self._tag, self._tag_chosen = None, None, None, False
        self._refresh()
        return True

    @guarded
    def cycle(self, back: bool) -> None:
        """Tab: the kind of the line (Shift+Tab: its tag); in report back, mark a commitment."""
        text = self._entry.value
        if self._noted(text) is not None or (self.live.reporting_back and not text.strip()):
            self._ask_status()
            return
        kind = self.live.kind_for(text, self._kind)
        if back:
            cycle = TAG_CYCLES.get(kind)
            if not cycle:
                self._said(f"{kind.label}s have no tag; Tab changes the kind.")
                return
            if self._editing is not None:
                current = self._edited_tag(text)
            else:
                current = self._tag if self._tag_chosen else self.live.step.tag
            self._tag, self._tag_chosen = next_tag(kind, current), True
            self._said(f"Tag: {self._tag.label if self._tag else 'none'}")
        else:
            if text.lstrip().startswith(tuple(KIND_PREFIXES)):
                stripped = text.lstrip()[1:].lstrip()
                self._entry.value = stripped
            self._kind = next_kind(kind)
            if self._editing is None:  # an item being edited keeps its tag where it can
                self._tag, self._tag_chosen = None, False
        self.show_prompt()
        self.query_one(EntryBox).refresh_kind()

    # report back ---------------------------------------------------------------------------

    def _ask_status(self) -> None:
        """Ask, on the prompt line, what became of the highlighted commitment."""
        commitment = self.query_one(CommitmentList).selected
        if commitment is None:
            return
        self._marking = commitment
        choices = [f"{key} {status.label.lower()}" for key, status in STATUS_KEYS.items()]
        self._prompt_keys(
            Content.styled(f"{visible(commitment.owner)}'s commitment:", "bold"),
            [*choices, "Esc no change"],
        )

    def answer(self, key: str, character: str | None) -> bool:
        """A key pressed while report back asks what became of a commitment: 1 to 5 mark
        it; Escape or Tab leave it; any other key is typed as usual (and the question goes)."""
        commitment = self._marking
        if commitment is None:
            return False
        self._marking = None
        self.show_prompt()
        if character in STATUS_KEYS:
            self._mark(STATUS_KEYS[character])
            return True
        return key in ("escape", "tab")

    @guarded
    def _mark(self, status: ReviewStatus) -> None:
        commitments = self.query_one(CommitmentList)
        commitment = commitments.selected
        if commitment is None:
            return
        if self._changed(lambda: self.live.review(commitment, status=status)) is not None:
            commitments.update(self.live.commitments())  # its line shows the new status
            owner = visible(commitment.owner)
            said = Content.styled(f"{owner}'s commitment: {status.label.lower()}.", "bold")
            self._prompt_keys(said, ["Ctrl+Z undoes"])  # answers where it asked; covers nothing

    # the meeting's steps, clock and agenda -------------------------------------------------

    @guarded
    def action_next_step(self) -> None:
        """Move to the next step (on the last one, say how to end instead). Text in the box
        stays there, an edit too: Enter still saves it on the item being edited."""
        meeting = self.live.meeting
        if meeting.current == len(meeting.steps) - 1:
            self._said("This is the last step. To end the meeting: F9 (it asks first).", STEP)
            return
        self._leave_private_edit()
        if self._changed(self.live.next_step):
            self._refresh()

    @guarded
    def action_previous_step(self) -> None:
        """Move back one step (the box as it is, as for ``action_next_step``)."""
        if self.live.meeting.current == 0:
            self._said("This is the first step.", STEP)
            return
        self._leave_private_edit()
        if self._changed(self.live.previous_step):
            self._refresh()

    def _leave_private_edit(self) -> None:
        """A private note being edited leaves the box before the step changes (the new step
        hides private notes again); Ctrl+Z as the next key brings a change back."""
        if self._editing is not None and self._editing.kind is ItemKind.PRIVATE:
            self.cancel_edit()

    def action_pause(self) -> None:
        """Ctrl+T while the clock runs (the footer says Pause)."""
        self.action_toggle_pause()

    def action_resume(self) -> None:
        """Ctrl+T while the clock is paused (the footer says Resume)."""
        self.action_toggle_pause()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+T is Pause while the clock runs and Resume while it is paused."""
        if action in ("pause", "resume"):
            return (action == "resume") == self.live.paused
        return True

    def tick(self) -> None:
        """The stage's clock, and the footer's Pause or Resume whenever that changed (by
        Ctrl+T, undo, the palette or a step move alike)."""
        super().tick()
        if self.live.paused != self._paused_shown:
            self._paused_shown = self.live.paused
            self.refresh_bindings()

    @guarded
    def action_toggle_pause(self) -> None:
        """Pause or resume the countdown."""
        self._changed(self.live.toggle_pause)
        self.tick()

    @guarded
    def action_more_time(self) -> None:
        """Give the step one more minute."""
        self._changed(lambda: self.live.add_time(MINUTE))
        self.tick()

    @guarded
    def action_less_time(self) -> None:
        """Take a minute from the step (never below one minute planned)."""
        before = self.live.step.planned_seconds
        self._changed(lambda: self.live.add_time(-MINUTE))
        if self.live.step.planned_seconds == before:
            self._said("A step keeps at least one minute.", STEP)
        self.tick()

    @guarded
    def action_undo(self) -> None:
        """Take back the last change, and say what it was; while an item is being edited, leave
        it as it was instead, as Escape does, and say so."""
        editing = self._editing
        if editing is not None:
            unchanged = self._entry.value == editing.text
            self.cancel_edit()  # says what became of a change typed into it
            if unchanged:
                self._said(f"Stopped editing; {quote(editing.text)} is as it was.")
            return
        undone = self._changed(self.live.undo)
        if undone is None:
            if not self.live.journal:
                self._said("Nothing to undo.")
            return
        self._said(f"Undone: {undone}")
        self._refresh(agenda=True)

    @guarded
    def action_move_item(self) -> None:
        """Move the item being edited to another presenter's slot or a group step."""
        editing = self._editing
        if editing is None:
            self._said("Up (from an empty line) picks an item; then Ctrl+O moves it.")
            return
        places = {str(step): name for step, name in self.live.places(editing.id)}
        if not places:
            self._said("This meeting has nowhere else to move it.")
            return

        def chosen(place: str | None) -> None:
            if place is None:
                return
            moved = self._changed(lambda: self.live.move(editing.id, int(place)))
            if moved is None:
                return
            if self._entry.value == editing.text:
                self.cancel_edit()
                self._said(f"Moved to {places[place]}. Ctrl+Z undoes.")
                return
            self._editing = moved  # what was typed in it waits for Enter, on the moved item
            self._refresh()
            self._said(
                f"Moved to {places[place]}. Your change is still in the box: Enter saves it."
            )

        from altui.screens.asks import ChoosePlace

        self.app.push_screen(
            ChoosePlace(editing.text, list(places.items()), self.hand_back, chosen)
        )

    @guarded
    def action_help(self) -> None:
        """Show every key."""
        from altui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS, self.hand_back))

    @guarded
    def action_end_meeting(self) -> None:
        """Ask, then close the meeting and show its summary."""
        meeting = self.live.meeting
        left = len(meeting.steps) - meeting.current - 1
        ahead = f"{count(left, 'step')} still ahead. " if left else ""

        def answered(end: bool | None) -> None:
            if end is True:
                self._end()

        from altui.screens.asks import EndMeeting

        self.app.push_screen(
            EndMeeting(
                f"End meeting {meeting.number} of {self.the_set.name}?",
                ahead + "The clock stops; everything captured stays saved and can be exported. "
                "Ctrl+Z on the summary reopens it.",
                self.hand_back,
                answered,
            )
        )

    def _end(self) -> None:
        from altui.screens.summary import SummaryScreen

        if not self._entry.value.strip():
            self.cancel_edit()  # an edit emptied to delete its item deletes nothing on ending
        if self._entry.value.strip() and not self.submit_line(self._entry.value):
            return  # the line or edit left in the box could not be saved: the meeting stays open
        self._entry.clear()
        trouble = ""
        try:
            self.live.close()
        except NotSaved as exc:
            self._not_saved(str(exc))
            return
        except (AltuiError, OSError) as exc:  # ended and saved; only the backup failed
            trouble = f"The meeting is ended and saved, but its backup failed: {exc}"
        self.app.switch_screen(SummaryScreen(self.the_set, self.live))
        if trouble:  # said on the summary (a new screen takes the console's notices down)
            self._not_saved(trouble)

    @guarded
    def action_export(self) -> None:
        """Write the recap and show where it went."""
        altui_app(self).export_recap(self.the_set, self.live.meeting)

    @guarded
    def action_fit(self) -> None:
        """Shrink the presenter steps ahead so the meeting still ends when planned."""
        won = self._changed(self.live.fit_to_time)
        if won is not None:
            minutes = whole_minutes(won * 60)
            self._said(
                f"Presenter slots ahead shortened by {minutes} min in all."
                if minutes
                else "On time: nothing to shorten."
            )
            self._refresh(agenda=True)

    @guarded
    def skip_presenter(self) -> None:
        """Take the next presenter's slot out (only while nothing after now has started)."""
        try:
            name = self.live.skip_next_presenter()
        except AltuiError as exc:
            self._not_saved(str(exc))
            return
        self._agenda_changed(f"Skipped {name}." if name else None)

    @guarded
    def swap_presenters(self) -> None:
        """Let the presenter after next go first (only while nothing after now has started)."""
        try:
            order = self.live.swap_next_presenters()
        except AltuiError as exc:
            self._not_saved(str(exc))
            return
        self._agenda_changed(f"Now {order[0]}, then {order[1]}." if order else None)

    def _agenda_changed(self, message: str | None) -> None:
        self._said(message or "Only possible while no later step has been started or written in.")
        self._refresh(agenda=True)

    @guarded
    def action_blank(self) -> None:
        """Blank the screen, and the displays following the meeting, until any key is pressed."""
        from altui.screens.blank import BlankScreen

        def back(by_own_key: bool | None) -> None:
            self._entry.after_step_key = bool(by_own_key)  # a clicker's `.` blanks again

        self.app.push_screen(BlankScreen(self._blank_shown, self.hand_back, back))

    def _blank_shown(self, shown: bool) -> None:
        """A blank screen went up or down: the displays are blank while one is up."""
        self._blanks += 1 if shown else -1
        self._blank_displays(self._blanks > 0)

    @guarded
    def _blank_displays(self, blank: bool) -> None:
        """Blank the displays or bring them back; a marker that cannot be written is reported."""
        try:
            self.live.store.set_blanked(self.live.meeting, blank)
        except OSError as exc:
            self.notify(
                f"The display could not be {'blanked' if blank else 'brought back'}: "
                f"{exc.strerror or exc}.",
                title="Display",
                severity="error",
                timeout=8,
                markup=False,
            )

    def action_reveal(self) -> None:
        """Show or hide the text of private notes on this screen (until the step changes)."""
        panel = self.query_one(ItemPanel)
        panel.reveal = not panel.reveal
        panel.update(self.live.items_here(), editing=self._editing.id if self._editing else None)

    @guarded
    def remember_theme(self, theme: str) -> None:
        """Keep the theme chosen in the palette as this set's theme."""
        if theme != self.the_set.theme:
            self._update_set(theme=theme)

    @guarded
    def set_signal(self, signal: TimeUpSignal) -> None:
        """Choose how this set is told that time is up, and remember it for the set."""
        if self._update_set(signal=signal):
            self._said(f"Time-up signal: {signal.label}")

    def _update_set(self, **changes: object) -> bool:
        """Change and save fields of this meeting's set (read fresh, so nothing else is lost)."""
        the_set = self.live.store.find_set(self.the_set.slug).model_copy(update=changes)
        try:
            self.live.store.save_set(the_set)
        except (AltuiError, OSError) as exc:
            self._not_saved(f"Could not save: {exc}")
            return False
        self.the_set = the_set
        return True

    @on(Countdown.TimeUp)
    @guarded
    def _time_up(self) -> None:
        if self.the_set.signal is TimeUpSignal.SILENT:
            return
        if self.the_set.signal is TimeUpSignal.BELL:
            self.app.bell()
        countdown = self.query_one(Countdown)
        countdown.add_class("-flash")
        self.set_timer(1.5, lambda: countdown.remove_class("-flash"))

    def commands(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        """The console's actions for the command palette: (name, help, callback)."""
        yield "Next step", "PageDown", self.action_next_step
        yield "Previous step", "PageUp", self.action_previous_step
        yield "Pause or resume the clock", "Ctrl+T", self.action_toggle_pause
        yield "One more minute", "F8: give the current step a minute more", self.action_more_time
        yield "One minute less", "F7: take a minute from the current step", self.action_less_time
        yield "Undo", "Ctrl+Z: take back the last change", self.action_undo
        yield "End meeting", "F9: close the meeting and see its summary", self.action_end_meeting
        yield "Export recap", "Ctrl+R: write the Markdown recap", self.action_export
        yield "Fit to time", "Shrink the presenter slots ahead to end on time", self.action_fit
        yield (
            "Skip the next presenter",
            "Take their slot out of today's agenda",
            self.skip_presenter,
        )
        yield "Swap the next two presenters", "The one after next goes first", self.swap_presenters
        yield "Blank the screen", "Ctrl+L; any key brings it back", self.action_blank
        yield (
            "Show or hide private notes",
            "On this screen only, until the step changes",
            self.action_reveal,
        )
        for signal in TimeUpSignal:
            yield (
                f"Time-up signal: {signal.label}",
                "Remembered for this set",
                partial(self.set_signal, signal),
            )
        yield "Keys", "F1: every key", self.action_help
