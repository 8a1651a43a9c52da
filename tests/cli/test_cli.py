"""The ``altui`` command line, run in-process with click's CliRunner (the TUI is never run)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

import altui.cli
from altui import __version__
from altui.models import MeetingStatus
from altui.plans import builtin_plans
from altui.store import Store
from tests.cli.commands import make_set, one_line_error, run


@pytest.fixture
def consoles(monkeypatch):
    """Every call the CLI makes to run the console, instead of running it."""
    calls = []

    def fake_run_console(store, the_set, meeting, display=False, reopen=False):
        calls.append((store, the_set, meeting))

    monkeypatch.setattr(altui.cli, "run_console", fake_run_console)
    return calls


# version and help ---------------------------------------------------------------------------


def test_version(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"altui, version {__version__}"
    assert __version__ == "0.1.0"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], ["Run Action Learning set meetings", "demo", "meet", "set", "plans", "--data"]),
        (["demo"], ["the demo set's next meeting", "resume its unfinished one", "--data"]),
        (["meet"], ["SET", "--plan", "--presenter", "--apologies", "--data"]),
        (["set"], ["Create and manage sets", "new"]),
        (["set", "new"], ["NAME", "--member", "--plan", "--data"]),
        (["plans"], ["shipped session plans", "check", "--data"]),
        (["plans", "check"], ["FILE", "Validate a plan", "--data"]),
    ],
)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_for_every_command(runner, consoles, data, args, words, flag):
    result = run(runner, *args, flag)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    for word in words:
        assert word in result.stdout
    assert consoles == []
    assert not data.exists()


# data folder --------------------------------------------------------------------------------


def test_no_command_opens_the_home_screen_on_the_data_folder(runner, consoles, data):
    result = run(runner, "--data", data)
    assert result.exit_code == 0, result.output
    assert len(consoles) == 1
    store, the_set, meeting = consoles[0]
    assert store.root == data
    assert (the_set, meeting) == (None, None)


def test_data_folder_from_the_environment(runner, consoles, data, isolated_home):
    env = {"ALTUI_DATA": str(data)}
    result = run(runner, "set", "new", "Owls", "--member", "Ana", env=env)
    assert result.exit_code == 0, result.output
    assert [s.name for s in Store(data).sets()] == ["Owls"]
    result = run(runner, "meet", "owls", env=env)
    assert result.exit_code == 0, result.output
    assert consoles[0][0].root == data
    assert not (isolated_home / "xdg-data").exists()


def test_data_option_before_the_command(runner, data, isolated_home):
    result = run(runner, "--data", data, "set", "new", "Owls", "--member", "Ana")
    assert result.exit_code == 0, result.output
    assert [s.name for s in Store(data).sets()] == ["Owls"]
    assert not (isolated_home / "xdg-data").exists()


def test_data_option_after_the_command(runner, data, isolated_home):
    result = run(runner, "set", "new", "Owls", "--member", "Ana", "--data", data)
    assert result.exit_code == 0, result.output
    assert [s.name for s in Store(data).sets()] == ["Owls"]
    assert not (isolated_home / "xdg-data").exists()


def test_data_option_after_meet(runner, consoles, data):
    make_set(runner, data)
    result = run(runner, "meet", "Owls", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert consoles[0][0].root == data
    assert consoles[0][2].number == 1


def test_data_option_after_demo(runner, consoles, data):
    result = run(runner, "demo", "--data", data)
    assert result.exit_code == 0, result.stderr
    assert consoles[0][0].root == data
    assert [s.name for s in Store(data).sets()] == ["Demo set"]


# set new ------------------------------------------------------------------------------------


def test_set_new_creates_the_set(runner, data):
    result = make_set(runner, data)
    assert "Created set 'Owls' with 3 members (plan: classic)" in result.stdout
    assert "altui meet Owls" in result.stdout
    (owls,) = Store(data).sets()
    assert owls.name == "Owls"
    assert owls.plan == "classic"
    assert [m.name for m in owls.members] == ["Ana Silva", "Ben Okafor", "Chloé Martin"]


def test_set_new_with_a_plan(runner, data):
    result = run(
        runner, "--data", data, "set", "new", "Team Tiger", "--member", "A", "--plan", "quick"
    )
    assert result.exit_code == 0, result.output
    assert "altui meet 'Team Tiger'" in result.stdout
    assert Store(data).find_set("team tiger").plan == "quick"


def test_duplicate_set_is_refused(runner, data):
    make_set(runner, data)
    before = (data / "owls" / "set.json").read_bytes()
    result = run(runner, "--data", data, "set", "new", "OWLS", "--member", "Zed")
    one_line_error(result, "'OWLS'", "already exists")
    assert (data / "owls" / "set.json").read_bytes() == before
    assert len(Store(data).sets()) == 1


def test_set_new_refuses_a_repeated_member(runner, data):
    result = run(runner, "--data", data, "set", "new", "Owls", "--member", "Ana", "--member", "ana")
    one_line_error(result, "named twice")
    assert Store(data).sets() == []


def test_set_new_refuses_an_unknown_plan(runner, data):
    result = run(runner, "--data", data, "set", "new", "Owls", "--plan", "nope")
    one_line_error(result, "'nope'", "classic")


# meet ---------------------------------------------------------------------------------------


def test_meet_starts_the_first_meeting(runner, consoles, data):
    make_set(runner, data)
    result = run(
        runner,
        "--data",
        data,
        "meet",
        "owls",
        "--presenter",
        "Chloé Martin",
        "--presenter",
        "ana silva",
    )
    assert result.exit_code == 0, result.output
    (store, the_set, meeting) = consoles[0]
    assert the_set.name == "Owls"
    assert meeting.number == 1
    assert meeting.plan == "classic"
    assert [m.name for m in meeting.presenters] == ["Chloé Martin", "Ana Silva"]
    assert store.meeting("owls", 1) == meeting


def test_meet_records_apologies(runner, consoles, data):
    make_set(runner, data)
    result = run(
        runner,
        "--data",
        data,
        "meet",
        "Owls",
        "--apologies",
        "ben okafor",
        "--apologies",
        "Chloé Martin",
    )
    assert result.exit_code == 0, result.output
    meeting = consoles[0][2]
    assert [m.name for m in meeting.apologies] == ["Ben Okafor", "Chloé Martin"]
    assert [m.name for m in meeting.attendees] == ["Ana Silva"]
    assert [m.name for m in meeting.presenters] == ["Ana Silva"]  # those who came


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--apologies", "Zed"], ["'Zed' is not a member of 'Owls'"]),
        (["--apologies", "Ben Okafor", "--presenter", "Ben Okafor"], ["sent apologies"]),
        (
            [
                "--apologies",
                "Ana Silva",
                "--apologies",
                "Ben Okafor",
                "--apologies",
                "Chloé Martin",
            ],
            ["every member sent apologies"],
        ),
    ],
)
def test_meet_refuses_apologies_that_do_not_make_sense(runner, consoles, data, args, words):
    make_set(runner, data)
    one_line_error(run(runner, "--data", data, "meet", "Owls", *args), *words)
    assert consoles == [] and Store(data).meeting_numbers("owls") == []


def test_meet_takes_first_names_in_any_case(runner, consoles, data):
    make_set(runner, data)
    args = ["--presenter", "CHLOÉ", "--presenter", "ana", "--apologies", "Ben"]
    result = run(runner, "--data", data, "meet", "Owls", *args)
    assert result.exit_code == 0, result.output
    meeting = consoles[0][2]
    assert [m.name for m in meeting.presenters] == ["Chloé Martin", "Ana Silva"]
    assert [m.name for m in meeting.apologies] == ["Ben Okafor"]


def test_meet_resumes_and_says_options_wait(runner, consoles, data):
    make_set(runner, data)
    assert run(runner, "--data", data, "meet", "Owls").exit_code == 0
    result = run(runner, "--data", data, "meet", "Owls", "--plan", "quick")
    assert result.exit_code == 0, result.output
    assert "Resuming meeting 1" in result.stderr
    assert [c[2].number for c in consoles] == [1, 1]
    assert consoles[1][2].plan == "classic"
    assert Store(data).meeting_numbers("owls") == [1]


def test_meet_after_a_closed_meeting_starts_the_next(runner, consoles, data):
    make_set(runner, data)
    assert run(runner, "--data", data, "meet", "Owls").exit_code == 0
    store = Store(data)
    first = store.meeting("owls", 1)
    first.status = MeetingStatus.CLOSED
    store.save_meeting(first)
    result = run(
        runner, "--data", data, "meet", "Owls", "--plan", "quick", "--presenter", "Ben Okafor"
    )
    assert result.exit_code == 0, result.output
    meeting = consoles[-1][2]
    assert (meeting.number, meeting.plan) == (2, "quick")
    assert [m.name for m in meeting.presenters] == ["Ben Okafor"]


def test_meet_after_a_meeting_dated_ahead_starts_today_and_warns(runner, consoles, data):
    """A last meeting dated after today (a wrong clock, or an older altui's planned date) never
    stops `altui meet`: the meeting starts, dated today, with one warning line."""
    make_set(runner, data)
    assert run(runner, "--data", data, "meet", "Owls").exit_code == 0
    store = Store(data)
    first = store.meeting("owls", 1)
    today = first.date
    first.status, first.date = MeetingStatus.CLOSED, today + timedelta(days=28)
    store.save_meeting(first)
    result = run(runner, "--data", data, "meet", "Owls")
    assert result.exit_code == 0, result.output
    assert consoles[-1][2].number == 2
    assert store.meeting("owls", 2).date == today
    assert "altui: warning: Meeting 1 is dated " in result.stderr
    assert "This meeting is dated today." in result.stderr


class FakeApp:
    """Stands in for the Textual app: records the meeting as the file has it when it runs."""

    seen: list[tuple[int, str]] = []
    return_code = 0

    def __init__(self, store, clock, the_set, meeting, lock, display):
        self.store, self.meeting, self.lock = store, meeting, lock

    def run(self):
        saved = self.store.meeting(self.meeting.set_slug, self.meeting.number)
        FakeApp.seen.append((saved.number, saved.status.value))

    def release_lock(self):
        self.lock.release()


@pytest.fixture
def fake_app(monkeypatch):
    """The real run_console, with FakeApp for the app and no error log set up."""
    import altui.app
    import altui.guard

    monkeypatch.setattr(altui.app, "make_app", FakeApp)
    monkeypatch.setattr(altui.guard, "start_log", lambda _root: None)
    FakeApp.seen = []


def test_meet_reopen_opens_an_ended_meeting_where_it_stopped(runner, data, fake_app):
    make_set(runner, data)
    assert run(runner, "--data", data, "meet", "Owls").exit_code == 0
    store = Store(data)
    first = store.meeting("owls", 1)
    first.current, first.status = 3, MeetingStatus.CLOSED
    store.save_meeting(first)
    result = run(runner, "--data", data, "meet", "Owls", "--reopen")
    assert result.exit_code == 0, result.output
    assert "Meeting 1 reopened" in result.stderr
    assert FakeApp.seen[-1] == (1, "running")
    assert store.meeting("owls", 1).current == 3
    assert store.meeting_numbers("owls") == [1]


def test_meet_reopen_takes_the_latest_meeting_and_refuses_what_it_cannot(runner, data, monkeypatch):
    import altui.app

    monkeypatch.setattr(altui.app, "make_app", FakeApp)
    make_set(runner, data)
    store = Store(data)
    for _ in range(2):
        assert run(runner, "--data", data, "meet", "Owls").exit_code == 0
        latest = store.latest_meeting("owls")
        latest.status = MeetingStatus.CLOSED
        store.save_meeting(latest)
    FakeApp.seen = []
    assert run(runner, "--data", data, "meet", "Owls", "--reopen").exit_code == 0
    assert run(runner, "--data", data, "meet", "Owls", "--reopen").exit_code == 0  # resumes
    assert FakeApp.seen == [(2, "running"), (2, "running")]
    assert store.meeting("owls", 1).status is MeetingStatus.CLOSED
    one_line_error(run(runner, "--data", data, "meet", "Nobody", "--reopen"), "Nobody")
    result = run(runner, "--data", data, "meet", "Owls", "--reopen", "--plan", "quick")
    one_line_error(result, "--reopen")
    assert not store.meeting_lock(store.meeting("owls", 2)).taken()


def test_meet_unknown_set(runner, consoles, data):
    make_set(runner, data)
    one_line_error(run(runner, "--data", data, "meet", "Lions"), "'Lions'", "'Owls'")
    assert consoles == []


def test_meet_unknown_plan(runner, consoles, data):
    make_set(runner, data)
    one_line_error(run(runner, "--data", data, "meet", "Owls", "--plan", "nope"), "'nope'")
    assert consoles == []
    assert Store(data).meeting_numbers("owls") == []


def test_meet_unknown_plan_is_refused_when_resuming_too(runner, consoles, data):
    make_set(runner, data)
    assert run(runner, "--data", data, "meet", "Owls").exit_code == 0
    one_line_error(run(runner, "--data", data, "meet", "Owls", "--plan", "nope"), "'nope'")
    assert len(consoles) == 1


def test_meet_unknown_presenter(runner, consoles, data):
    make_set(runner, data)
    result = run(runner, "--data", data, "meet", "Owls", "--presenter", "Nobody")
    one_line_error(result, "'Nobody'", "Ana Silva")
    assert consoles == []
    assert Store(data).meeting_numbers("owls") == []


def test_meet_with_a_damaged_set_file(runner, consoles, data):
    make_set(runner, data)
    (data / "owls" / "set.json").write_bytes(b"")
    one_line_error(run(runner, "--data", data, "meet", "Owls"), "set.json", "empty")
    assert (data / "owls" / "set.json").read_bytes() == b""


# demo ---------------------------------------------------------------------------------------


def test_demo_opens_meeting_two_and_resumes_it(runner, consoles, data):
    result = run(runner, "--data", data, "demo")
    assert result.exit_code == 0, result.output
    store, the_set, meeting = consoles[0]
    assert store.root == data
    assert the_set.name == "Demo set"
    assert meeting.number == 2
    assert meeting.set_slug == the_set.slug
    assert meeting.status is MeetingStatus.RUNNING
    assert [m.name for m in meeting.presenters] == ["Chloé Martin", "Dev Patel", "Eilidh Ross"]

    result = run(runner, "--data", data, "demo")
    assert result.exit_code == 0, result.output
    again = consoles[1][2]
    assert again.number == 2
    assert again.steps[0].running_since == meeting.steps[0].running_since
    assert [s.name for s in Store(data).sets()] == ["Demo set"]
    assert Store(data).meeting_numbers(the_set.slug) == [1, 2]


DAMAGED = b'{"meeting": {"1": {"schema": 3, "number": "three"}}}'


@pytest.mark.parametrize("command", [["demo"], ["meet", "Demo set"]])
def test_no_meeting_starts_after_a_damaged_one_that_may_be_in_progress(
    runner, consoles, data, command
):
    """Meeting 2 running, its file then damaged: meet and demo refuse in one line naming the
    file, the backups folder and --skip-damaged; with it, meeting 3 starts."""
    assert run(runner, "--data", data, "demo").exit_code == 0
    path = data / "demo-set" / "meetings" / "0002.json"
    path.write_bytes(DAMAGED)
    one_line_error(
        run(runner, "--data", data, *command),
        f"{path}: not an altui meeting file",
        "Meeting 2 may still be in progress, so meeting 3 was not started",
        f"restore the file from {data / 'demo-set' / 'backups'} (README: Restore a backup)",
        "add --skip-damaged to start meeting 3 after it anyway",
    )
    assert Store(data).meeting_numbers("demo-set") == [1, 2]
    assert len(consoles) == 1
    result = run(runner, "--data", data, *command, "--skip-damaged")
    assert result.exit_code == 0, result.output
    assert consoles[-1][2].number == 3
    assert path.read_bytes() == DAMAGED


def test_demo_finds_the_demo_set_after_it_is_renamed(runner, consoles, data):
    """Renamed, the demo set is still the demo (it used to make a second "Demo set"); a set
    that takes the old name is left alone."""
    assert run(runner, "--data", data, "demo").exit_code == 0
    assert run(runner, "--data", data, "set", "rename", "Demo set", "Our trial").exit_code == 0
    make_set(runner, data, name="Demo set")
    assert run(runner, "--data", data, "demo").exit_code == 0
    _, the_set, meeting = consoles[-1]
    assert (the_set.name, the_set.slug, meeting.number) == ("Our trial", "demo-set", 2)
    assert [s.name for s in Store(data).sets()] == ["Demo set", "Our trial"]
    assert Store(data).meeting_numbers("demo-set-2") == []


def test_demo_leaves_other_sets_alone(runner, consoles, data):
    make_set(runner, data)
    before = {p: p.read_bytes() for p in (data / "owls").rglob("*") if p.is_file()}
    assert run(runner, "--data", data, "demo").exit_code == 0
    after = {p: p.read_bytes() for p in (data / "owls").rglob("*") if p.is_file()}
    assert after == before
    assert [s.name for s in Store(data).sets()] == ["Demo set", "Owls"]


# plans --------------------------------------------------------------------------------------


def test_plans_lists_the_shipped_plans_with_lengths(runner, data):
    result = run(runner, "plans", "--data", data)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["classic", "half_day", "quick"]
    assert "3h10 with 3 presenters (70 min + 40 per presenter)" in lines[0]
    assert "4h20 with 4 presenters (80 min + 45 per presenter)" in lines[1]
    assert "1h30 with 2 presenters (30 min + 30 per presenter)" in lines[2]
    assert not data.exists()


def test_plans_check_a_good_file(runner):
    path = builtin_plans()["classic"]
    result = run(runner, "plans", "check", path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{path}: a valid plan, 'Classic', 11 steps, 3h10 with 3 presenters")
    assert len(lines) == 1 + 11
    assert "Clarifying questions (each presenter)  [question]" in result.stdout
    assert "Break (between presenters)  [note]" in result.stdout


def test_plans_check_a_bad_file(runner, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('name = "Mine"\n[[steps]]\nname = "A"\nminutes = 0\n')
    result = run(runner, "plans", "check", path)
    one_line_error(result, str(path), "steps.0.minutes")


def test_plans_check_invalid_toml(runner, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "Mine\n')
    one_line_error(run(runner, "plans", "check", path), str(path), "TOML")


def test_plans_check_a_missing_file(runner, tmp_path):
    path = tmp_path / "absent.toml"
    one_line_error(run(runner, "plans", "check", path), str(path), "not found")


def test_plans_check_with_data_option(runner, data):
    path = builtin_plans()["quick"]
    for args in (
        ["--data", data, "plans", "check", path],
        ["plans", "check", path, "--data", data],
    ):
        result = run(runner, *args)
        assert result.exit_code == 0, result.output
        assert "'Quick'" in result.stdout


def test_a_reader_that_goes_away_ends_a_listing_quietly(runner, data):
    """``altui set list | head -0``: no "altui: Broken pipe", no traceback, as other commands."""
    make_set(runner, data)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a line is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "altui", "set", "list", "--data", str(data)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode == 1
