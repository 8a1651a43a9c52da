"""The Action Learning loop across meetings: commit, close, report back, carry forward."""

from __future__ import annotations

from datetime import date

from altui.app import make_app
from altui.commitments import open_commitments, under_review
from altui.live import LiveMeeting
from altui.models import MeetingStatus, ReviewStatus
from altui.planning import start_or_resume
from altui.screens.confirm import ConfirmScreen
from altui.screens.meeting import MeetingScreen
from altui.screens.summary import SummaryScreen
from altui.widgets.commitment_list import CommitmentList
from tests.conftest import step_of

PARTLY = ReviewStatus.PARTLY


async def run_first_meeting(store, the_set, meeting, clock) -> None:
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        screen.live.go_to(step_of(meeting, "Commit to actions", "Ana Silva"))
        screen._show_step()
        await pilot.press(*"Ask the director for time", "enter", *"Write it down", "enter")
        screen.live.go_to(step_of(meeting, "Commit to actions", "Ben Okafor"))
        screen._show_step()
        await pilot.press(*"Talk to the supplier", "enter")
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), [n.message for n in app._notifications]
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#captured").render())
        assert "Ana Silva" in text and "Ask the director for time" in text
        await pilot.press("ctrl+a", "ctrl+k", *"2026-12-23", "enter", "escape")
        assert type(app.screen).__name__ == "HomeScreen"
    closed = store.meeting(the_set.slug, 1)
    assert closed.status is MeetingStatus.CLOSED
    assert closed.next_date == date(2026, 12, 23)
    assert (store.root / the_set.slug / "backups").is_dir()


async def test_commitments_are_reviewed_and_carried_forward(store, the_set, meeting, clock):
    await run_first_meeting(store, the_set, meeting, clock)

    second = start_or_resume(store, the_set, clock, presenters=["Ana Silva"])
    assert second.number == 2
    app = make_app(store, clock, the_set, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown")  # check-in -> report back
        screen = app.screen
        assert screen.has_class("-report-back")
        listing = screen.query_one(CommitmentList)
        assert app.focused is not listing  # typing stays typing until Escape
        await pilot.press("escape")
        assert app.focused is listing
        assert [c.action.text for c in screen.live.commitments()] == [
            "Ask the director for time",
            "Write it down",
            "Talk to the supplier",
        ]
        await pilot.press("1", "down")  # Ana: ask the director -> done
        await pilot.press("5", "down")  # Ana: write it down -> carried forward
        await pilot.press("i", *"Found a cheaper one", "enter")  # note on Ben's
        await pilot.press("escape", "3")  # Ben: not done
    assert [(c.action.text, c.status, c.notes) for c in under_review(store, second)] == [
        ("Ask the director for time", ReviewStatus.DONE, ()),
        ("Write it down", ReviewStatus.CARRIED, ()),
        ("Talk to the supplier", ReviewStatus.NOT_DONE, ("Found a cheaper one",)),
    ]
    second.status = MeetingStatus.CLOSED
    store.save_meeting(second)

    third = start_or_resume(store, the_set, clock)
    still = open_commitments(store, the_set.slug, third.number)
    assert [c.action.text for c in still] == ["Write it down", "Talk to the supplier"]
    assert [c.history() for c in still] == [
        "carried 1x",
        "not done, 25 Nov: Found a cheaper one",
    ]


async def test_first_meeting_goes_from_check_in_to_bids_without_a_report_back(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"We are new", "enter")
        assert console.screen.live.step.name == "Bids for time"
        assert not console.screen.has_class("-report-back")
        assert [(i.text, i.step) for i in store.items(meeting)] == [("We are new", 1)]


async def test_pagedown_on_the_last_step_offers_to_end(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        screen = console.screen
        screen.live.go_to(len(meeting.steps) - 1)
        await pilot.press("pagedown")
        assert isinstance(console.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(console.screen, MeetingScreen)
        assert store.meeting(meeting.set_slug, 1).status is MeetingStatus.RUNNING


async def test_recap_key_writes_the_file_and_says_where(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"#secret", "enter", *"?open", "enter", "ctrl+r")
        path = store.root / meeting.set_slug / "recaps" / "meeting-0001.md"
        text = path.read_text()
        assert "open" in text and "secret" not in text
        assert any(str(path) in str(n.message) for n in console._notifications)


async def test_quick_keys_mark_and_move_in_the_order_pressed(store, the_set, meeting, clock):
    await run_first_meeting(store, the_set, meeting, clock)
    second = start_or_resume(store, the_set, clock, presenters=["Ana Silva"])
    app = make_app(store, clock, the_set, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "escape")
        for key in ("1", "down", "5", "down", "3"):  # handled one after another, no pause
            app.simulate_key(key)
        await pilot.pause()
        assert app.screen.query_one(CommitmentList).has_focus
    statuses = [r.status for r in store.reviews(second)]
    assert statuses == [ReviewStatus.DONE, ReviewStatus.CARRIED, ReviewStatus.NOT_DONE]
    assert not (store.root / "altui.log").exists()


async def test_report_back_keeps_private_notes_private_and_keys_where_they_belong(
    store, the_set, meeting, clock
):
    await run_first_meeting(store, the_set, meeting, clock)
    second = start_or_resume(store, the_set, clock, presenters=["Ana Silva"])
    app = make_app(store, clock, the_set, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"#Ben seems low", "enter", *"went well", "enter")
        assert [r.note for r in store.reviews(second)] == ["went well"]
        assert [(i.kind.value, i.text) for i in store.items(second)] == [
            ("private", "Ben seems low")
        ]
        await pilot.press("escape", "enter")  # Enter in the list goes back to typing
        assert app.focused is app.screen.query_one("#entry-input")
        await pilot.press("escape", "pagedown")  # leaving report back from the list
        assert app.focused is app.screen.query_one("#entry-input")
        await pilot.press("escape", "b", "x", "1", "5")  # blank, back, then stray digits
        assert len(store.reviews(second)) == 1


async def test_the_display_cannot_mark_commitments(store, the_set, meeting, clock):
    await run_first_meeting(store, the_set, meeting, clock)
    second = start_or_resume(store, the_set, clock, presenters=["Ana Silva"])
    LiveMeeting(store, second, clock).next_step()
    app = make_app(store, clock, the_set, store.meeting(the_set.slug, 2), display=True)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.screen.has_class("-report-back")
        await pilot.press("tab", "down", "1", "3", "enter", "5")
        await pilot.pause()
    assert store.reviews(second) == []


async def report_back_on_meeting_one(store, the_set, meeting, clock):
    """Meeting 1 held (Ana commits twice, Ben once); the app on meeting 2's report back, with
    the commitments list focused."""
    await run_first_meeting(store, the_set, meeting, clock)
    second = start_or_resume(store, the_set, clock, presenters=["Ana Silva"])
    return second, make_app(store, clock, the_set, second)


def notes_of(store, meeting) -> dict[str, tuple[str, ...]]:
    """Each commitment's notes in ``meeting``, by its text."""
    return {c.action.text: c.notes for c in under_review(store, meeting) if c.notes}


async def test_marking_keeps_the_highlight_so_the_note_typed_next_is_filed_there(
    store, the_set, meeting, clock
):
    second, app = await report_back_on_meeting_one(store, the_set, meeting, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "escape", "2")  # Ana's first: partly
        listing = app.screen.query_one(CommitmentList)
        assert listing.selected.action.text == "Ask the director for time"
        await pilot.press("i", *"She was away", "enter")
        assert listing.selected.action.text == "Ask the director for time"
    assert notes_of(store, second) == {"Ask the director for time": ("She was away",)}
    (partly,) = [c for c in under_review(store, second) if c.status]
    assert (partly.action.text, partly.status) == ("Ask the director for time", PARTLY)


async def test_two_notes_on_one_commitment_are_both_kept_in_order(store, the_set, meeting, clock):
    second, app = await report_back_on_meeting_one(store, the_set, meeting, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"Rang twice", "enter", *"Then she said yes", "enter")
        text = str(app.screen.query_one(CommitmentList).get_option_at_index(1).prompt)
        assert text.index("Rang twice") < text.index("Then she said yes")
    assert notes_of(store, second) == {
        "Ask the director for time": ("Rang twice", "Then she said yes")
    }


async def test_up_and_down_stop_at_the_ends_of_the_list(store, the_set, meeting, clock):
    second, app = await report_back_on_meeting_one(store, the_set, meeting, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "escape", "up")
        listing = app.screen.query_one(CommitmentList)
        assert listing.selected.action.text == "Ask the director for time"
        await pilot.press("down", "down", "down", "down")
        assert listing.selected.action.text == "Talk to the supplier"
        await pilot.press("1")
    assert [(c.action.text, c.status) for c in under_review(store, second) if c.status] == [
        ("Talk to the supplier", ReviewStatus.DONE)
    ]


async def test_a_status_can_be_changed_and_the_later_one_counts(store, the_set, meeting, clock):
    second, app = await report_back_on_meeting_one(store, the_set, meeting, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "escape", "1", "i", *"Booked", "enter", "escape", "2")
    (changed,) = [c for c in under_review(store, second) if c.status]
    assert (changed.status, changed.notes) == (PARTLY, ("Booked",))
    second.status = MeetingStatus.CLOSED
    store.save_meeting(second)
    assert "Ask the director for time" in [
        c.action.text for c in open_commitments(store, the_set.slug, 3)
    ]
