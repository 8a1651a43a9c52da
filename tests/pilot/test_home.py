"""The home screen and the command palette."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from altui.app import make_app
from altui.clock import whole_minutes
from altui.meetings import FIRST_MEETING, NOTHING_OPEN
from altui.models import Meeting, ReviewStatus, Set
from altui.screens.home import HomeScreen
from altui.screens.meeting import MeetingScreen
from altui.screens.prompt import PromptScreen
from altui.screens.setup import SetupScreen
from altui.store import Store
from altui.widgets.safe_input import SafeInput
from tests.builders import ANA, close, commit, hold, review, shown_safely, until


async def test_home_lists_sets_and_enter_starts_a_meeting(store: Store, the_set: Set, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        listing = app.screen.query_one("#sets")
        assert "Team Tiger" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)
        assert store.meeting_numbers(the_set.slug) == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert store.meeting_numbers(the_set.slug) == [1]
        assert app.screen.live.meeting.presenters == the_set.members


async def test_the_footer_shows_enter_and_enter_opens_the_set_once(
    store: Store, the_set: Set, clock, monkeypatch
):
    app = make_app(store, clock)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_meeting", lambda the_set: opened.append(the_set.name))
    async with app.run_test(size=(120, 30)) as pilot:

        def footer() -> str:
            return " ".join(shown_safely(app).splitlines()[-1].split())

        await until(pilot, lambda: footer(), "the footer drawn")
        assert footer().startswith("⏎ Open h History")
        await pilot.press("enter")
        assert opened == ["Team Tiger"]


async def test_home_with_no_sets_says_how_to_start(store: Store, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        assert "altui demo" in str(app.screen.query_one("#sets").get_option_at_index(0).prompt)


async def test_command_palette_offers_the_console_actions(console, store, meeting):
    async with console.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"next step")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert store.meeting(meeting.set_slug, meeting.number).current == 1


async def test_sets_and_members_are_managed_from_the_keyboard(store: Store, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"Owls", "enter", *"Ana, Ben ,, Chloé", "enter")
        owls = store.find_set("Owls")
        assert [m.name for m in owls.members] == ["Ana", "Ben", "Chloé"]

        await pilot.press("m", "a", *"Dev", "enter")
        await pilot.press("down", "r", "ctrl+a", "ctrl+k", *"Benedict", "enter")
        await pilot.press("down", "d", "y", "escape")
        assert [m.name for m in store.find_set("Owls").members] == ["Ana", "Benedict", "Dev"]

        await pilot.press("r", "ctrl+a", "ctrl+k", *"Night Owls", "enter")
        await pilot.press("l", "ctrl+a", "ctrl+k", *"quick", "enter")
        renamed = store.find_set("Night Owls")
        assert renamed.slug == "owls" and renamed.plan == "quick"

        await pilot.press("a", "y")
        assert store.find_set("Night Owls").archived
        assert "(archived)" in str(app.screen.query_one("#sets").get_option_at_index(0).prompt)


async def test_refused_names_are_explained_and_nothing_changes(store: Store, the_set: Set, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"team tiger", "enter")  # refused before the members are asked
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # open, with the name as typed
        said = str(app.screen.query_one("#prompt-error").render())
        assert "already exists" in said
        assert app.screen.query_one(SafeInput).value == "team tiger"
        assert [s.name for s in store.sets()] == ["Team Tiger"]


async def test_a_refused_member_list_stays_in_its_box_to_be_put_right(store: Store, clock):
    """A name typed twice refuses the list in the dialog, which keeps every name typed; once
    put right, Enter creates the set."""
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"Owls", "enter", *"Zoë, Ada, ada, , Bo", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert "member 'ada' is named twice" in str(app.screen.query_one("#prompt-error").render())
        assert app.screen.query_one(SafeInput).value == "Zoë, Ada, ada, , Bo"
        assert store.sets() == []
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "B", "o", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert [m.name for m in store.find_set("Owls").members] == ["Zoë", "Ada", "Bo"]


async def test_h_opens_the_sets_history(store: Store, the_set: Set, meeting, clock):
    from altui.screens.history import HistoryScreen

    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_setup_attendance_and_presenters(store: Store, the_set: Set, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("down", "space")  # Ben sends apologies
        assert "ben" not in [m.split()[0].lower() for m in _presenters(app)]
        await pilot.press("space")  # Ben is here after all: presents again (equal time)
        assert len(_presenters(app)) == 4
        await pilot.press("right_square_bracket")  # ...and moves later
        await pilot.press("m", "plus", "plus")  # bids: Ben asks for 10 more minutes
        preview = str(app.screen.query_one("#setup-preview").render())
        assert "Over by" in preview
        await pilot.press("s")  # shrink to fit, in whole minutes
        minutes = app.screen.attendance.minutes
        assert all(float(m).is_integer() for m in minutes.values())
        assert "Fits" in str(app.screen.query_one("#setup-preview").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    meeting = store.meeting(the_set.slug, 1)
    order = [m.name for m in meeting.presenters]
    assert order[-1] == "Ben Okafor" and len(order) == 4
    assert meeting.attendees == the_set.members and meeting.apologies == []


def _presenters(app) -> list[str]:
    screen = app.screen
    return [screen._member(m).name for m in screen.attendance.presenters]


# the report back in the setup preview ---------------------------------------------------------


async def set_up_and_start(store: Store, clock) -> tuple[str, list[tuple], Meeting]:
    """Open the first set's setup: its preview and the steps it shows, then start the meeting."""
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        preview = str(screen.query_one("#setup-preview").render())
        shown = [(s.name, s.presenter, s.minutes) for s in screen._steps()]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        return preview, shown, app.screen.live.meeting


def finish_line(meeting: Meeting) -> str:
    """The preview's finish line for the meeting as it was started."""
    assert meeting.planned_finish is not None
    total = whole_minutes(sum(s.planned_seconds for s in meeting.steps))
    return f"Finish ≈ {meeting.planned_finish:%H:%M} ({total} min)"


def steps_of(meeting: Meeting) -> list[tuple]:
    return [(s.name, s.presenter, s.minutes) for s in meeting.steps]


async def test_setup_of_a_first_meeting_leaves_out_the_report_back_and_says_why(
    store: Store, the_set: Set, clock
):
    preview, shown, started = await set_up_and_start(store, clock)
    assert started.number == 1
    assert shown == steps_of(started)
    assert "Report back" not in [name for name, _, _ in shown]
    assert FIRST_MEETING in preview
    # the plan's 190 minutes (with three presenters) available, 50 fixed (70 less the 20-minute
    # report back): four presenters share 140, so 35 each instead of the plan's 40, from 14:00
    assert "Finish ≈ 17:10 (190 min)" in preview
    assert finish_line(started) == "Finish ≈ 17:10 (190 min)"
    assert "14:20-14:55  Ana Silva" in preview  # after check-in and bids
    assert "Fits, with 0 min to spare" in preview


async def test_setup_shrinks_the_slots_into_the_time_the_meeting_has(
    store: Store, the_set: Set, clock
):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "s")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        # 190 available, less 50 fixed (no report back at a first meeting): 140 for four
        assert set(screen.attendance.minutes.values()) == {35}
        assert "Fits, with 0 min to spare." in str(screen.query_one("#setup-preview").render())


async def test_setup_after_actions_were_taken_keeps_the_report_back(
    store: Store, the_set: Set, clock
):
    first, _ = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    preview, shown, started = await set_up_and_start(store, clock)
    assert started.number == 2
    assert shown == steps_of(started)
    assert started.steps[1].name == "Report back"
    assert "No report back" not in preview
    assert finish_line(started) in preview
    assert finish_line(started).endswith("(190 min)")  # the report back's 20 min from the slots
    assert sum(s.minutes for s in started.steps if s.presenter == "Ana Silva") == 30


async def test_setup_after_every_commitment_was_closed_has_no_report_back(
    store: Store, the_set: Set, clock
):
    first, made = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    close(store, clock, first)
    second, _ = hold(store, the_set, clock)
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.DONE)
    close(store, clock, second)
    preview, shown, started = await set_up_and_start(store, clock)
    assert started.number == 3
    assert shown == steps_of(started)
    assert "Report back" not in [name for name, _, _ in shown]
    assert NOTHING_OPEN in preview
    assert finish_line(started) in preview
    assert finish_line(started).endswith("(190 min)")


async def test_setup_of_a_big_set_starts_with_slots_that_fit(store: Store, clock):
    from altui.sets import new_set

    names = ["Ana", "Ben", "Chloé", "Dev", "Eve", "Femi", "Gus"]
    new_set(store, "Big", names, "classic", clock)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        # 190 available, 50 fixed: 140 for seven presenters, 20 each (not the plan's 40)
        assert set(screen.attendance.minutes.values()) == {20}
        preview = str(screen.query_one("#setup-preview").render())
        assert "Fits, with 0 min to spare." in preview and "Over by" not in preview


async def test_setup_refits_equal_time_as_presenters_drop_out_and_come_back(store: Store, clock):
    from altui.sets import new_set

    names = ["Ana", "Ben", "Chloé", "Dev", "Eve", "Femi", "Gus"]
    new_set(store, "Big", names, "classic", clock)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SetupScreen)

        def slots() -> list[float]:
            minutes = screen.attendance.minutes
            return [minutes[m] for m in screen.attendance.presenters]

        def preview() -> str:
            return str(screen.query_one("#setup-preview").render())

        assert slots() == [20] * 7
        await pilot.press("p", "down", "p", "down", "space")  # Ana, Ben out; Chloé sends apologies
        # 140 minutes for the presenter steps: four presenters get the plan's 40, shrunk to 35
        assert slots() == [35] * 4
        assert "Fits, with 0 min to spare." in preview()
        dev = next(m.id for m in screen.the_set.members if m.name == "Dev")
        assert screen.query_one("#setup-members").get_row(dev)[4] == "35"  # the table too
        await pilot.press("up", "p")  # Ben presents again
        assert slots() == [28] * 5
        assert "Fits, with 0 min to spare." in preview()


async def test_setup_says_the_date_planned_and_starts_the_meeting_today(
    store: Store, the_set: Set, clock
):
    """A meeting held before the date planned for it is dated the day it is held; setup says
    both (the trial: meeting 3 was dated four weeks ahead, and meeting 4 a month before it)."""
    first, _ = hold(store, the_set, clock, [commit(ANA, "Call the director")])
    first.next_date = date(2027, 1, 20)
    close(store, clock, first)  # four weeks on: Wed 23 Dec 2026
    app = make_app(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        said = str(app.screen.query_one("#setup-date").render())
        assert said == "Held today, Wed 23 Dec 2026 (planned for Wed 20 Jan 2027)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    assert store.meeting(the_set.slug, 2).date == date(2026, 12, 23)


async def test_setup_on_the_day_planned_says_only_today(store: Store, the_set: Set, clock):
    first, _ = hold(store, the_set, clock)
    first.next_date = date(2026, 12, 23)
    close(store, clock, first)
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        said = str(app.screen.query_one("#setup-date").render())
        assert said == "Held today, Wed 23 Dec 2026"


async def test_a_computer_dated_before_the_last_meeting_sets_up_with_a_warning(
    store: Store, the_set: Set, clock
):
    """Setup opens (a meeting is never refused in the room) and says, under the date, that the
    last meeting is dated after today; the meeting starts dated today."""
    first, _ = hold(store, the_set, clock)
    first.next_date = date(2026, 12, 23)
    close(store, clock, first)
    clock.advance(-30 * 86400)  # 23 Nov, two days before meeting 1
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        said = str(app.screen.query_one("#setup-date").render()).splitlines()
        assert said[1] == (
            "Meeting 1 is dated Wed 25 Nov 2026, after today (Mon 23 Nov 2026): is this "
            "computer's date right? This meeting is dated today."
        )
        assert app.screen.query_one("#setup-date").size.height > 1  # not cut to one line
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.meeting_numbers(the_set.slug) == [1, 2]
    assert store.meeting(the_set.slug, 2).date == date(2026, 11, 23)


async def test_a_last_meeting_that_cannot_be_read_sets_up_with_a_warning(
    store: Store, the_set: Set, clock
):
    """Meeting 1 running, its file then damaged: setup says, under the date, that it may be
    the meeting in progress, naming the file and the backups; Ctrl+S starts meeting 2."""
    hold(store, the_set, clock)
    path = store.root / the_set.slug / "meetings" / "0001.json"
    path.write_bytes(b'{"meeting": {"1": {"schema": 3, "number": "one"}}}')
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        said = " ".join(str(app.screen.query_one("#setup-date").render()).split())
        assert f"Meeting 1 may still be in progress, but its file cannot be read: {path}" in said
        backups = store.root / the_set.slug / "backups"
        assert f"restore its file from {backups} (README: Restore a backup)" in said
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    assert store.meeting_numbers(the_set.slug) == [1, 2]


async def test_a_member_in_the_meeting_in_progress_is_not_removed(
    store: Store, the_set: Set, meeting: Meeting, clock
):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("m", "d")  # Ana Silva, presenting
        await pilot.pause()
        (notice,) = [str(n.message) for n in app._notifications]
        assert notice == (
            "Ana Silva is in meeting 1, which is in progress: remove them after it ends"
        )
        assert type(app.screen).__name__ == "MembersScreen"  # nothing asked
        await pilot.press("y")
    assert store.find_set(the_set.name).members == the_set.members


async def test_changing_the_plan_keeps_bids_and_says_so(store: Store, the_set: Set, clock):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "m", "plus")  # bids: Ana asks for 5 more minutes
        screen = app.screen
        bids = dict(screen.attendance.minutes)
        screen.query_one("#setup-plan").value = "quick"
        await pilot.pause()
        assert screen.plan_name == "quick"
        assert screen.attendance.minutes == bids
        assert any("bids kept" in str(n.message) for n in app._notifications)
        available = screen.query_one("#setup-available").value
        minutes = screen.plan.total_minutes(screen.plan.typical_presenters)
        assert available == f"{whole_minutes(minutes * 60)}"


async def test_changing_the_plan_in_equal_time_says_the_new_slots(
    store: Store, the_set: Set, clock
):
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        screen = app.screen
        screen.query_one("#setup-available").value = "400"  # typed: kept across the change
        await pilot.pause()
        screen.query_one("#setup-plan").value = "quick"
        await pilot.pause()
        slot = screen.plan.slot_minutes()
        assert set(screen.attendance.minutes.values()) == {slot}
        assert screen.query_one("#setup-available").value == "400"
        assert any(f"equal time, {slot:g} min each" in str(n.message) for n in app._notifications)


async def test_a_damaged_set_is_shown_greyed_and_the_others_still_open(
    store: Store, the_set: Set, clock
):
    """Crows' set.json is not JSON and Owls' meeting file is: both are listed with their one
    line; Crows cannot be chosen, Team Tiger still opens."""
    from altui.meetings import start_or_resume
    from altui.sets import new_set
    from altui.store import SET_FILE

    new_set(store, "Crows", ["Dev"], "classic", clock)
    (store.root / "crows" / SET_FILE).write_text("{not json")
    owls = new_set(store, "Owls", ["Eve"], "classic", clock)
    start_or_resume(store, owls, clock)
    (store.root / "owls" / "meetings" / "0001.json").write_text("[1]")
    app = make_app(store, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        listing = app.screen.query_one("#sets")
        shown = [listing.get_option_at_index(i) for i in range(listing.option_count)]
        assert [str(o.prompt).split("\n")[0] for o in shown] == [
            "Owls",
            "Team Tiger",
            "crows (cannot be read)",
        ]
        assert "owls/meetings/0001.json" in str(shown[0].prompt)
        assert "crows/set.json: not valid JSON" in str(shown[2].prompt)
        assert shown[2].disabled and not shown[1].disabled
        await pilot.press("end", "enter")
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.the_set.name == "Team Tiger"


async def test_minutes_available_shows_three_digits_whole(store: Store, the_set: Set, clock):
    """190 minutes typed in setup stay readable as 190, also once the cursor has left the box
    (the box was three cells wide, so the cursor scrolled the 1 out of sight)."""
    app = make_app(store, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        field = app.screen.query_one("#setup-available", Input)
        field.focus()
        field.value = ""
        await pilot.press("1", "9", "0", "0", "backspace", "tab")
        await pilot.pause()
        assert field.value == "190"
        assert field.scroll_offset.x == 0
        assert field.content_region.width > len("1900")  # four digits and the cursor
