"""Nothing typed is lost while editing an item or noting a commitment: the draft says what the
text was for, so a restart, a quit, a step change or Ctrl+Z never drops it or files it wrongly."""

from __future__ import annotations

from altui.app import Altui, make_app
from altui.drafts import Draft
from altui.meetings import start_or_resume
from altui.screens.meeting import MeetingScreen
from altui.widgets.commitment_list import CommitmentList
from altui.widgets.entry import EntryInput
from tests.builders import ANA, BEN, close, commit, hold


def box(app: Altui) -> EntryInput:
    return app.screen.query_one(EntryInput)


def console_of(app: Altui) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def notices(app: Altui) -> list[str]:
    return [str(n.message) for n in app._notifications]


def prompt(app: Altui) -> str:
    return str(app.screen.query_one("#prompt").render())


async def test_an_edit_in_progress_survives_a_restart_in_edit_mode(store, the_set, meeting, clock):
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"Ben is worried", "enter", "up", *" about money")
        await pilot.pause(0.4)
        assert console_of(app).live.settle()
        (item,) = store.items(meeting)
        assert store.draft(meeting) == Draft("Ben is worried about money", editing=item.id)
    # the console killed here: its draft is what a restart finds
    again = make_app(store, clock, the_set, meeting)
    async with again.run_test(size=(120, 36)) as pilot:
        assert box(again).value == "Ben is worried about money"
        assert console_of(again)._editing == item
        assert prompt(again).startswith("Editing 1 of 1:")
        await pilot.press("enter")
        assert [i.text for i in store.items(meeting)] == ["Ben is worried about money"]


async def test_a_restored_edit_whose_item_is_gone_comes_back_as_a_new_line(
    store, the_set, meeting, clock
):
    store.save_draft(meeting, Draft("reworded", editing="deleted-since"))
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert box(app).value == "reworded"
        assert console_of(app)._editing is None
        assert any("The item being edited is gone" in m for m in notices(app))
        await pilot.press("enter")
        assert [i.text for i in store.items(meeting)] == ["reworded"]


async def test_quitting_while_editing_keeps_the_edit(store, the_set, meeting, clock, monkeypatch):
    monkeypatch.setattr("altui.screens.meeting.DRAFT_SECONDS", 3600)
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"first", "enter", "up", *" and more", "ctrl+q")
    (item,) = store.items(meeting)
    assert item.text == "first"
    assert store.draft(meeting) == Draft("first and more", editing=item.id)


async def test_a_step_change_keeps_the_edit_on_its_item(console: Altui, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"first", "enter", "up", *" and more", "pagedown")
        assert console_of(console).live.meeting.current == 1
        assert box(console).value == "first and more"
        assert prompt(console).startswith("Editing “first” of step 1:")
        await pilot.press("pageup")
        assert prompt(console).startswith("Editing 1 of 1:")
        await pilot.press("pagedown", "enter")
        assert [(i.text, i.step) for i in store.items(meeting)] == [("first and more", 0)]
        assert box(console).value == ""


async def test_up_keeps_an_edit_being_typed(console: Altui, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"one", "enter", *"two", "enter", "up", *"!", "up")
        assert box(console).value == "two!"
        assert console_of(console)._editing == store.items(meeting)[1]


async def test_ctrl_z_while_editing_leaves_the_edit_and_again_brings_it_back(
    console: Altui, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"first", "enter", "up", *" and more", "ctrl+z")
        await pilot.pause()
        assert box(console).value == ""
        assert console_of(console)._editing is None
        assert notices(console) == [
            "Stopped editing; “first” is as it was. Your change is not saved: Ctrl+Z brings it "
            "back."
        ]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert box(console).value == "first and more"
        assert console_of(console)._editing == store.items(meeting)[0]
        assert notices(console) == ["Undone: editing “first” again, with your change."]
        await pilot.press("enter")
        assert [i.text for i in store.items(meeting)] == ["first and more"]


async def report_back(store, the_set, clock) -> Altui:
    held, _ = hold(store, the_set, clock, [commit(ANA, "call the bank"), commit(BEN, "ask HR")])
    close(store, clock, held)
    meeting = start_or_resume(store, the_set, clock)
    return make_app(store, clock, the_set, meeting)


async def test_a_restored_report_back_note_goes_to_the_commitment_it_was_for(store, the_set, clock):
    app = await report_back(store, the_set, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        while not console_of(app).live.step.report_back:
            await pilot.press("pagedown")
        await pilot.press("down", *"NOTE FOR BEN")
        assert app.screen.query_one(CommitmentList).selected.owner == BEN
        await pilot.pause(0.4)
        assert console_of(app).live.settle()
        meeting = console_of(app).live.meeting
    again = make_app(store, clock, the_set, meeting)
    async with again.run_test(size=(120, 36)) as pilot:
        assert box(again).value == "NOTE FOR BEN"
        assert again.screen.query_one(CommitmentList).selected.owner == BEN
        await pilot.press("enter")
        notes = {c.owner: list(c.notes) for c in console_of(again).live.commitments()}
        assert notes == {ANA: [], BEN: ["NOTE FOR BEN"]}


async def test_a_restored_note_whose_commitment_is_gone_is_no_ones_note(store, the_set, clock):
    app = await report_back(store, the_set, clock)
    meeting = app._first[1]
    async with app.run_test(size=(120, 36)) as pilot:
        while not console_of(app).live.step.report_back:
            await pilot.press("pagedown")
    store.save_draft(meeting, Draft("NOTE FOR BEN", commitment="not-listed"))
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert box(app).value == "NOTE FOR BEN"
        assert any("no longer listed" in m for m in notices(app))
        await pilot.pause(0.4)
        assert console_of(app).live.settle()  # a second restart finds it unlisted again
        assert store.draft(meeting) == Draft("NOTE FOR BEN", commitment="not-listed")
        await pilot.press("enter")
        assert all(not c.notes for c in console_of(app).live.commitments())
        assert [i.text for i in store.items(meeting)] == ["NOTE FOR BEN"]
        await pilot.press(*"for Ana", "enter")  # the next line is the highlighted one's note
        notes = {c.owner: list(c.notes) for c in console_of(app).live.commitments()}
        assert notes == {ANA: ["for Ana"], BEN: []}


async def test_escape_leaves_an_edit_and_ctrl_z_brings_it_back(console: Altui, store, meeting):
    """A stray Escape (a clicker's slideshow key) loses no typing."""
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"first", "enter", "up", *" and more", "escape")
        assert box(console).value == ""
        assert console_of(console)._editing is None
        await pilot.press("ctrl+z", "enter")
        assert [i.text for i in store.items(meeting)] == ["first and more"]
        await pilot.press("up", "escape", "ctrl+z")  # nothing changed: Ctrl+Z undoes the edit
        assert [i.text for i in store.items(meeting)] == ["first"]


async def test_a_saved_note_leaves_no_draft_to_file_it_twice(store, the_set, clock, monkeypatch):
    """A note saved just before a crash (within a draft tick) is not offered again."""
    monkeypatch.setattr("altui.screens.meeting.DRAFT_SECONDS", 3600)
    app = await report_back(store, the_set, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        while not console_of(app).live.step.report_back:
            await pilot.press("pagedown")
        await pilot.press("down", *"NOTE FOR BEN")
        console_of(app)._keep_draft()
        await pilot.press("enter")
        assert console_of(app).live.settle()
        meeting = console_of(app).live.meeting
        assert store.draft(meeting) == Draft()


async def test_a_private_note_being_edited_leaves_the_box_on_a_new_step(
    store, the_set, meeting, clock
):
    """Private notes hide again on a new step: an edit of one leaves the box with them (Ctrl+Z
    as the next key brings it back), and a restart never reopens one on the wall."""
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press(*"# Ben's divorce", "enter")
        console_of(app).action_reveal()
        await pilot.press("up", *" is final")
        assert box(app).value == "Ben's divorce is final"
        await pilot.press("pagedown")
        await pilot.pause()
        assert box(app).value == ""
        assert not any("divorce" in m for m in notices(app))
        await pilot.press("ctrl+z")
        assert box(app).value == "Ben's divorce is final"
        (item,) = store.items(meeting)
        await pilot.pause(0.4)
        assert console_of(app).live.settle()
        assert store.draft(meeting) == Draft("Ben's divorce is final", editing=item.id)
    again = make_app(store, clock, the_set, meeting)
    async with again.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        assert box(again).value == ""
        assert console_of(again)._editing is None
        assert any("private note" in m for m in notices(again))
        await pilot.press("ctrl+z")
        assert box(again).value == "Ben's divorce is final"


async def test_an_edit_kept_across_a_step_change_survives_a_restart_there(
    store, the_set, meeting, clock
):
    """The edit of step 1's item, kept in the box on step 2, comes back on step 2 after a
    restart (the items panel lists step 2's items, not the one being edited)."""
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"Ben is worried", "enter", "up", *" about money", "pagedown")
        await pilot.pause(0.4)
        assert console_of(app).live.settle()
        meeting = console_of(app).live.meeting
    (item,) = store.items(meeting)
    again = make_app(store, clock, the_set, meeting)
    async with again.run_test(size=(120, 36)) as pilot:
        assert again.is_running and console_of(again).live.meeting.current == 1
        assert box(again).value == "Ben is worried about money"
        assert console_of(again)._editing == item
        await pilot.press("enter")
    assert [i.text for i in store.items(meeting)] == ["Ben is worried about money"]
