"""The Action Learning loop across meetings: commit, close, report back, carry forward."""

from __future__ import annotations

from datetime import date

from altui.app import make_app
from altui.commitments import open_commitments
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import MeetingStatus, ReviewStatus
from altui.screens.asks import EndMeeting
from altui.screens.meeting import MeetingScreen
from altui.screens.summary import SummaryScreen
from altui.widgets.commitment_list import CommitmentList
from tests.builders import close, step_of


async def run_first_meeting(store, the_set, meeting, clock) -> None:
    app = make_app(store, clock, the_set, meeting)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        screen.live.go_to(step_of(meeting, "Commit to actions", "Ana Silva"))
        screen.show_step()
        await pilot.press(*"Ask the director for time", "enter", *"Write it down", "enter")
        screen.live.go_to(step_of(meeting, "Commit to actions", "Ben Okafor"))
        screen.show_step()
        await pilot.press(*"Talk to the supplier", "enter")
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, EndMeeting), [n.message for n in app._notifications]
        await pilot.press("tab", "enter")
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
        assert app.focused is screen.query_one("#entry-input")  # typing, always
        assert [c.action.text for c in screen.live.commitments()] == [
            "Ask the director for time",
            "Write it down",
            "Talk to the supplier",
        ]
        await pilot.press("tab")
        assert "Ana Silva's commitment: 1 done" in str(screen.query_one("#prompt").render())
        await pilot.press("1")  # Ana: ask the director -> done
        assert listing.selected.action.text == "Ask the director for time"  # it stays
        await pilot.press("down", "tab", "5")  # Ana: write it down -> carried forward
        await pilot.press("down", *"Found a cheaper one", "enter")  # note on Ben's
        await pilot.press("tab", "3")  # Ben: not done
        await pilot.press("down", "tab", "4")  # no wrap: still Ben's, now dropped
    marked = [(r.action_id, r.status, r.note) for r in store.reviews(second)]
    texts = {c.action.id: c.action.text for c in LiveMeeting(store, second, clock).commitments()}
    assert [(texts[a], s, n) for a, s, n in marked] == [
        ("Ask the director for time", ReviewStatus.DONE, ""),
        ("Write it down", ReviewStatus.CARRIED, ""),
        ("Talk to the supplier", None, "Found a cheaper one"),
        ("Talk to the supplier", ReviewStatus.NOT_DONE, ""),
        ("Talk to the supplier", ReviewStatus.DROPPED, ""),
    ]
    close(store, clock, second)

    third = start_or_resume(store, the_set, clock)
    still = open_commitments(store, the_set.slug, third.number)
    assert [c.action.text for c in still] == ["Write it down"]  # done and dropped close
    assert [c.history() for c in still] == ["carried 1x"]


async def test_first_meeting_goes_from_check_in_to_bids_without_a_report_back(
    console, store, meeting
):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"We are new", "enter")
        assert console.screen.live.step.name == "Bids for time"
        assert not console.screen.has_class("-report-back")
        assert [(i.text, i.step) for i in store.items(meeting)] == [("We are new", 1)]


async def test_only_a_deliberate_act_ends_the_meeting(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        screen = console.screen
        screen.live.go_to(len(meeting.steps) - 1)
        await pilot.press("pagedown")  # a clicker on the last step: says how to end, no more
        assert console.screen is screen
        assert any("F9" in str(n.message) for n in console._notifications)
        await pilot.press("f9")
        assert isinstance(console.screen, EndMeeting)
        await pilot.press(*"yes see you in January", "enter")  # typing closes it, not ends
        assert console.screen is screen
        assert [i.text for i in store.items(meeting)] == ["yes see you in January"]
        await pilot.press("f9", "enter")  # Enter keeps going
        assert console.screen is screen
        await pilot.press("f9", "escape")
        assert console.screen is screen
        assert store.meeting(meeting.set_slug, 1).status is MeetingStatus.RUNNING
        await pilot.press("f9", "tab", "enter")
        assert isinstance(console.screen, SummaryScreen)
        assert store.meeting(meeting.set_slug, 1).status is MeetingStatus.CLOSED
        assert store.meeting(meeting.set_slug, 1).next_date == date(2026, 12, 23)  # 4 weeks on


async def test_an_ended_meeting_reopens_from_its_summary_as_it_was(console, store, meeting, clock):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", *"kept", "enter", "ctrl+t")
        clock.advance(60)
        await pilot.press("f9", "f9")  # F9 twice ends
        assert isinstance(console.screen, SummaryScreen)
        await pilot.press("ctrl+z")
        assert isinstance(console.screen, MeetingScreen)
        again = store.meeting(meeting.set_slug, 1)
        assert again.status is MeetingStatus.RUNNING and again.current == 1
        assert [i.text for i in store.items(meeting)] == ["kept"]
        await pilot.press(*"after", "enter")
        assert [i.text for i in store.items(meeting)] == ["kept", "after"]


async def test_recap_key_writes_the_file_and_says_where(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press(*"#secret", "enter", *"?open", "enter", "ctrl+r")
        path = store.root / meeting.set_slug / "recaps" / "meeting-0001.md"
        text = path.read_text()
        assert "open" in text and "secret" not in text
        assert any(str(path) in str(n.message) for n in console._notifications)


async def test_quick_status_keys_each_mark_the_highlighted_commitment(
    store, the_set, meeting, clock
):
    await run_first_meeting(store, the_set, meeting, clock)
    second = start_or_resume(store, the_set, clock, presenters=["Ana Silva"])
    app = make_app(store, clock, the_set, second)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "tab", "1", "down", "tab", "5", "down", "tab", "3")
        assert app.focused is app.screen.query_one("#entry-input")
    statuses = [r.status for r in store.reviews(second)]
    assert statuses == [ReviewStatus.DONE, ReviewStatus.CARRIED, ReviewStatus.NOT_DONE]
    assert not (store.root / "altui.log").exists()


async def test_report_back_keeps_private_notes_private_and_digits_typed(
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
        await pilot.press("escape", "b", "x", "1", "5")  # stray keys are typed, never marks
        assert app.screen.query_one("#entry-input").value == "bx15"
        await pilot.press("tab", "x")  # a letter closes the question and is typed
        assert app.screen.query_one("#entry-input").value == "bx15x"
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


async def test_a_mark_shows_in_its_line_and_on_the_prompt_never_over_the_list(
    store, the_set, meeting, clock
):
    await run_first_meeting(store, the_set, meeting, clock)
    second = start_or_resume(store, the_set, clock, presenters=["Ana Silva"])
    app = make_app(store, clock, the_set, second)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("pagedown", "tab", "5", "down", "tab", "1")
        await pilot.pause()
        assert [n.message for n in app._notifications] == []  # no pop-up over the list
        screen = app.screen
        prompt = str(screen.query_one("#prompt").render())
        assert prompt.startswith("Ana Silva's commitment: done. Ctrl+Z undoes")
        lines = [str(o.prompt) for o in screen.query_one(CommitmentList).options]
        assert lines[1].startswith("Carried forward Ask the director for time")
        assert lines[2].startswith("Done            Write it down")
        await pilot.press("down")  # the next commitment: the step's guidance again
        assert str(screen.query_one("#prompt").render()).startswith("Report back on")
