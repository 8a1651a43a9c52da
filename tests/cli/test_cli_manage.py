"""Managing sets and members, and exporting a recap, from the command line."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
from datetime import date

import pytest

from altui.clock import SystemClock
from altui.commitments import open_commitments, report_back_lines
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.models import ItemKind, ReviewStatus
from altui.recap import PRIVATE_BANNER
from altui.store import Store
from tests.builders import ANA, BEN, close, commit, files, hold, review, step_of
from tests.cli.commands import make_set, one_line_error, run


def manage(runner, data, *args):
    return run(runner, "--data", data, *args)


def succeeded(result) -> str:
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


# help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], ["member", "export"]),
        (["set"], ["list", "rename", "archive", "unarchive", "plan"]),
        (["set", "unarchive"], ["NAME", "current again", "--data"]),
        (["set", "list"], ["List every set", "archived", "--data"]),
        (["set", "rename"], ["OLD NEW", "Rename the set", "--data"]),
        (["set", "archive"], ["NAME", "Archive the set", "exported", "--data"]),
        (["set", "plan"], ["NAME PLAN", ".toml", "--data"]),
        (["member"], ["Add, rename and remove", "add", "rename", "remove"]),
        (["member", "add"], ["SET NAME", "Add a member", "--data"]),
        (["member", "rename"], ["SET OLD NEW", "past meetings", "--data"]),
        (
            ["member", "remove"],
            ["SET NAME", "past meetings", "--drop-commitments", "--keep-commitments", "--data"],
        ),
        (
            ["export"],
            [
                "SET",
                "Markdown recap",
                "--meeting",
                "-o, --output",
                "--include-private",
                "--ics",
                "--data",
            ],
        ),
    ],
)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_for_every_new_command(runner, data, args, words, flag):
    result = run(runner, *args, flag)
    out = succeeded(result)
    assert out.startswith("Usage: ")
    for word in words:
        assert word in out
    assert not data.exists()


# set list -----------------------------------------------------------------------------------


def test_set_list_with_no_sets(runner, data):
    out = succeeded(manage(runner, data, "set", "list"))
    assert out == "No sets yet. Create one: altui set new NAME --member NAME\n"
    assert not data.exists()


def test_set_list_prints_names_as_they_are_typed_again(runner, data):
    """The command line prints emoji whole (only the screen draws skin tones plain), so a name
    copied from the list names the member."""
    make_set(runner, data, "Owls ❤️", members=["Sam 👍🏽", "Ana"])
    out = succeeded(manage(runner, data, "set", "list"))
    assert "Owls ❤️" in out and "Sam 👍🏽" in out


def test_set_list_shows_meetings_archived_and_members_by_name(runner, data, clock):
    make_set(runner, data, "Owls")
    make_set(runner, data, "Team Tiger", members=["Ana"])
    make_set(runner, data, "Lions", members=[])
    store = Store(data)
    first = start_or_resume(store, store.find_set("Owls"), clock)
    close(store, clock, first)
    start_or_resume(store, store.find_set("Owls"), clock)
    start_or_resume(store, store.find_set("Team Tiger"), clock)
    succeeded(manage(runner, data, "set", "archive", "Lions"))

    lines = succeeded(manage(runner, data, "set", "list")).splitlines()
    assert [line.split("  ")[0].strip() for line in lines] == [
        "Lions (archived)",
        "Owls",
        "Team Tiger",
    ]
    assert lines[0].split()[2:] == ["0", "meetings", "no", "members"]
    assert lines[1].split("  ")[-1] == "Ana Silva, Ben Okafor, Chloé Martin"
    assert lines[1].split()[1:3] == ["2", "meetings"]
    assert lines[2].split()[2:] == ["1", "meeting", "Ana"]
    assert len({line.index("meeting") for line in lines}) == 1  # columns line up


def test_set_list_cuts_a_long_member_list_at_a_name(runner, data, monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    make_set(runner, data, "Owls", members=[f"Member Number {n}" for n in range(1, 13)])
    (line,) = succeeded(manage(runner, data, "set", "list")).splitlines()
    assert len(line) <= 70
    assert line.endswith("Member Number 1, Member Number 2 and 10 more"), line


def test_set_list_shows_odd_characters_harmlessly(runner, data):
    make_set(runner, data, "Owls")
    one_line_error(manage(runner, data, "set", "rename", "Owls", "Owls\x9b31m"), "control")
    stored = json.loads((data / "owls" / "set.json").read_text())
    stored["set"]["1"]["name"] = "Owls\x9b31m"  # as an older altui let it be typed
    (data / "owls" / "set.json").write_text(json.dumps(stored))
    out = succeeded(manage(runner, data, "set", "list"))
    assert "\x9b" not in out
    assert out.startswith("Owls\ufffd31m")


def test_set_list_with_a_damaged_set_file(runner, data):
    make_set(runner, data)
    (data / "owls" / "set.json").write_text("{not json")
    result = manage(runner, data, "set", "list")
    assert result.exit_code == 0 and result.stdout == ""
    assert "owls/set.json: not valid JSON" in result.stderr


# set rename ---------------------------------------------------------------------------------


def test_set_rename(runner, data):
    make_set(runner, data)
    before = set(files(data))
    out = succeeded(manage(runner, data, "set", "rename", "owls", "Night Owls"))
    assert out == "Renamed set 'Owls' to 'Night Owls'.\n"
    assert Store(data).find_set("Night Owls").slug == "owls"
    assert set(files(data)) == before


def test_set_rename_refuses_a_taken_name(runner, data):
    make_set(runner, data, "Owls")
    make_set(runner, data, "Lions")
    before = files(data)
    result = manage(runner, data, "set", "rename", "Owls", "LIONS")
    one_line_error(result, "a set called 'Lions' already exists")
    assert files(data) == before


@pytest.mark.parametrize(("name", "why"), [(" ", "empty"), ("A\nB", "control characters")])
def test_set_rename_refuses_a_bad_name(runner, data, name, why):
    make_set(runner, data)
    one_line_error(manage(runner, data, "set", "rename", "Owls", name), "set name", why)
    assert Store(data).find_set("Owls").name == "Owls"


def test_set_rename_unknown_set(runner, data):
    make_set(runner, data)
    one_line_error(manage(runner, data, "set", "rename", "Lions", "Tigers"), "'Lions'", "'Owls'")


# set archive --------------------------------------------------------------------------------


def test_set_archive(runner, data):
    make_set(runner, data)
    out = succeeded(manage(runner, data, "set", "archive", "owls"))
    assert out == "Archived set 'Owls'; its meetings are kept and can be exported.\n"
    assert Store(data).find_set("Owls").archived is True
    again = succeeded(manage(runner, data, "set", "archive", "Owls"))
    assert again == "Set 'Owls' was already archived.\n"


def test_set_archive_unknown_set(runner, data):
    make_set(runner, data)
    one_line_error(manage(runner, data, "set", "archive", "Lions"), "no set called 'Lions'")


# set plan -----------------------------------------------------------------------------------


def test_set_plan(runner, data):
    make_set(runner, data)
    out = succeeded(manage(runner, data, "set", "plan", "Owls", "quick"))
    assert out == "Set 'Owls' now uses plan quick for its next meetings.\n"
    assert Store(data).find_set("Owls").plan == "quick"


def test_set_plan_refuses_an_unknown_plan(runner, data):
    make_set(runner, data)
    one_line_error(manage(runner, data, "set", "plan", "Owls", "nope"), "'nope'", "quick")
    assert Store(data).find_set("Owls").plan == "classic"


def test_set_plan_refuses_a_bad_plan_file(runner, data, tmp_path):
    make_set(runner, data)
    path = tmp_path / "bad.toml"
    path.write_text('name = "Bad"\n[[steps]]\nname = "A"\nminutes = -1\n')
    one_line_error(manage(runner, data, "set", "plan", "Owls", path), str(path), "minutes")


# member add / rename / remove ---------------------------------------------------------------


def test_member_add(runner, data):
    make_set(runner, data)
    out = succeeded(manage(runner, data, "member", "add", "owls", "  Dev Patel "))
    assert out == "Added 'Dev Patel' to 'Owls' (4 members).\n"
    names = [m.name for m in Store(data).find_set("Owls").members]
    assert names == ["Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"]


def test_member_add_refuses_a_duplicate(runner, data):
    make_set(runner, data)
    before = files(data)
    result = manage(runner, data, "member", "add", "Owls", "ana silva")
    line = one_line_error(result)
    assert line == "altui: a member called 'Ana Silva' is already in 'Owls'"
    assert files(data) == before


@pytest.mark.parametrize(("name", "why"), [("", "empty"), ("Ana\x1b[2J", "control characters")])
def test_member_add_refuses_a_bad_name(runner, data, name, why):
    make_set(runner, data)
    one_line_error(manage(runner, data, "member", "add", "Owls", name), "member name", why)


def test_member_add_to_an_unknown_set(runner, data):
    one_line_error(manage(runner, data, "member", "add", "Owls", "Ana"), "no set called 'Owls'")


def test_member_rename(runner, data):
    make_set(runner, data)
    ben = Store(data).find_set("Owls").member("Ben Okafor")
    out = succeeded(manage(runner, data, "member", "rename", "Owls", "ben okafor", "Ben O."))
    assert out == "Renamed 'Ben Okafor' to 'Ben O.' in 'Owls'.\n"
    assert Store(data).find_set("Owls").member("Ben O.").id == ben.id


def test_member_rename_refuses_a_taken_name(runner, data):
    make_set(runner, data)
    result = manage(runner, data, "member", "rename", "Owls", "Ben Okafor", "ANA SILVA")
    one_line_error(result, "a member called 'Ana Silva' is already in 'Owls'")


def test_member_rename_unknown_member(runner, data):
    make_set(runner, data)
    result = manage(runner, data, "member", "rename", "Owls", "Zed", "Zoe")
    one_line_error(result, "'Zed' is not a member of 'Owls'", "Ana Silva")


def test_member_remove(runner, data):
    make_set(runner, data)
    out = succeeded(manage(runner, data, "member", "remove", "Owls", "chloé martin"))
    assert out == (
        "Removed 'Chloé Martin' from 'Owls' (2 members left; past meetings still show them).\n"
    )
    assert [m.name for m in Store(data).find_set("Owls").members] == ["Ana Silva", "Ben Okafor"]


@pytest.mark.parametrize(
    "command", [["rename", "Owls", "chloé", "Chloé M."], ["remove", "Owls", "CHLOÉ"]]
)
def test_a_member_is_named_by_a_first_name_only_they_have(runner, data, command):
    make_set(runner, data)
    out = succeeded(manage(runner, data, "member", *command))
    assert out.startswith(("Renamed 'Chloé Martin' to 'Chloé M.'", "Removed 'Chloé Martin'"))


def test_a_first_name_two_members_share_is_refused_in_one_line(runner, data):
    make_set(runner, data, members=("Ana Silva", "Ana Okafor", "Ben"))
    before = files(data)
    result = manage(runner, data, "member", "remove", "Owls", "ana")
    one_line_error(result, "'ana' could be 'Ana Silva' or 'Ana Okafor'", "give the whole name")
    assert files(data) == before


def test_member_remove_unknown_member(runner, data):
    make_set(runner, data)
    before = files(data)
    one_line_error(manage(runner, data, "member", "remove", "Owls", "Zed"), "'Zed'")
    assert files(data) == before


def ben_commits(data, *texts):
    """Meeting 1 of Owls held and closed, Ben committing to each of ``texts``."""
    store = Store(data)
    meeting = start_or_resume(store, store.find_set("Owls"), SystemClock())
    live = LiveMeeting(store, meeting, SystemClock())
    live.go_to(step_of(meeting, "Commit to actions", "Ben Okafor"))
    for text in texts:
        live.enter(f"!{text}")
    live.close(None)


@pytest.mark.parametrize("flag", [[], ["--keep-commitments"]])
def test_a_member_in_the_meeting_in_progress_is_not_removed(runner, data, flag):
    make_set(runner, data)
    store = Store(data)
    start_or_resume(store, store.find_set("Owls"), SystemClock(), presenters=["Ana Silva"])
    for name in ("Ana Silva", "Ben Okafor"):  # presenting; attending
        result = manage(runner, data, "member", "remove", "Owls", name, *flag)
        assert one_line_error(result) == (
            f"altui: {name} is in meeting 1, which is in progress: remove them after it ends"
        )
    assert [m.name for m in Store(data).find_set("Owls").members] == [
        "Ana Silva",
        "Ben Okafor",
        "Chloé Martin",
    ]


def test_member_remove_with_open_commitments_asks_what_becomes_of_them(runner, data):
    make_set(runner, data)
    ben_commits(data, "Call the lead", "Write it up")
    result = manage(runner, data, "member", "remove", "Owls", "Ben Okafor")
    assert one_line_error(result) == (
        "altui: Ben Okafor has 2 open commitments: add --drop-commitments to close them, "
        "or --keep-commitments to keep them open under 'Ben Okafor (left)'"
    )
    assert Store(data).find_set("Owls").member("Ben Okafor") is not None


@pytest.mark.parametrize(
    ("flag", "said", "still_open"),
    [
        ("--drop-commitments", "2 open commitments dropped", 0),
        ("--keep-commitments", "2 open commitments kept under 'Ben Okafor (left)'", 2),
    ],
)
def test_member_remove_drops_or_keeps_their_commitments(runner, data, flag, said, still_open):
    make_set(runner, data)
    ben_commits(data, "Call the lead", "Write it up")
    out = succeeded(manage(runner, data, "member", "remove", "Owls", "Ben Okafor", flag))
    assert out == (
        "Removed 'Ben Okafor' from 'Owls' (2 members left; past meetings still show them; "
        f"{said}).\n"
    )
    assert len(open_commitments(Store(data), "owls", 2)) == still_open


def test_set_unarchive(runner, data):
    make_set(runner, data)
    succeeded(manage(runner, data, "set", "archive", "Owls"))
    out = succeeded(manage(runner, data, "set", "unarchive", "owls"))
    assert out == "Unarchived set 'Owls'; it can hold meetings again.\n"
    assert Store(data).find_set("Owls").archived is False
    again = succeeded(manage(runner, data, "set", "unarchive", "Owls"))
    assert again == "Set 'Owls' is not archived.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["member", "add", "Owls", "Dev"],
        ["member", "rename", "Owls", "Ana Silva", "Anna"],
        ["member", "remove", "Owls", "Ana Silva"],
        ["set", "rename", "Owls", "Larks"],
        ["set", "plan", "Owls", "quick"],
        ["meet", "Owls"],
    ],
)
def test_an_archived_set_refuses_changes_and_meetings_in_one_line(runner, data, args):
    make_set(runner, data)
    succeeded(manage(runner, data, "set", "archive", "Owls"))
    before = files(data)
    line = one_line_error(manage(runner, data, *args))
    assert line == (
        "altui: 'Owls' is archived; unarchive it first "
        "(a on the home screen, or: altui set unarchive Owls)"
    )
    assert files(data) == before


def test_meet_refuses_a_set_without_members(runner, data):
    make_set(runner, data, members=())
    line = one_line_error(manage(runner, data, "meet", "Owls"))
    assert line == (
        "altui: 'Owls' has no members yet; add them first "
        "(m on the home screen, or: altui member add Owls NAME)"
    )
    assert Store(data).meeting_numbers("owls") == []


def test_member_commands_after_data(runner, data):
    make_set(runner, data)
    result = run(runner, "member", "add", "Owls", "Dev", "--data", data)
    assert succeeded(result) == "Added 'Dev' to 'Owls' (4 members).\n"


# export -------------------------------------------------------------------------------------


@pytest.fixture
def held(runner, data, clock):
    """Owls: meeting 1 (closed) with an action, a question and a private note for Ana;
    meeting 2 (running) where Ana reported the action done."""
    make_set(runner, data)
    store = Store(data)
    owls = store.find_set("Owls")
    first, made = hold(
        store,
        owls,
        clock,
        [
            commit(ANA, "Call the director"),
            ("Commit to actions", ANA, "?What would happen if you waited"),
            ("Commit to actions", ANA, "#Ana seemed worn out"),
        ],
        presenters=[ANA],
    )
    assert made["Ana seemed worn out"].kind is ItemKind.PRIVATE
    close(store, clock, first)
    second, _ = hold(store, owls, clock, presenters=[BEN])
    review(store, clock, second, made["Call the director"], 1, ReviewStatus.DONE, "She said yes")
    assert len(report_back_lines(store, second)) == 1
    return store


def test_export_the_latest_meeting_to_standard_output(runner, data, held):
    out = succeeded(manage(runner, data, "export", "owls"))
    assert out.startswith("# Owls: meeting 2, ")
    assert "### Ana Silva\n\n- Call the director: **Done**\n  - She said yes\n" in out
    assert "## Ben Okafor" in out
    assert "worn out" not in out


def test_export_an_earlier_meeting(runner, data, held):
    out = succeeded(manage(runner, data, "export", "Owls", "--meeting", "1"))
    assert out.startswith("# Owls: meeting 1, ")
    assert "## Ana Silva" in out
    assert "| Ana Silva | Call the director | the next meeting |" in out
    assert "What would happen if you waited" in out
    assert "worn out" not in out
    assert PRIVATE_BANNER not in out


def test_export_ics_writes_the_next_meeting_as_a_calendar_event(runner, data, held, tmp_path):
    from icalendar import Calendar

    refused = manage(runner, data, "export", "Owls", "--ics")
    one_line_error(refused, "no date is saved for the meeting after meeting 2 of 'Owls'")
    second = held.meeting("owls", 2)
    second.next_date = date(2027, 1, 20)
    held.save_meeting(second)
    out = succeeded(manage(runner, data, "export", "Owls", "--ics"))
    (event,) = Calendar.from_ical(out).walk("VEVENT")
    assert str(event["summary"]) == "Owls: meeting 3"
    assert event.decoded("dtstart").date() == date(2027, 1, 20)
    target = tmp_path / "next.ics"
    assert succeeded(manage(runner, data, "export", "Owls", "--ics", "-o", target)) == (
        f"Wrote {target}\n"
    )
    (again,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(again["uid"]) == str(event["uid"])
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("extra", [["--meeting", "1"], ["--include-private"]])
def test_export_ics_takes_no_recap_options(runner, data, held, extra):
    result = manage(runner, data, "export", "Owls", "--ics", *extra)
    one_line_error(result, "--ics writes the next meeting")


def test_export_ics_of_a_set_without_meetings(runner, data):
    make_set(runner, data)
    one_line_error(manage(runner, data, "export", "Owls", "--ics"), "has held no meetings yet")


def test_export_with_private_notes(runner, data, held):
    out = succeeded(manage(runner, data, "export", "Owls", "--meeting", "1", "--include-private"))
    assert PRIVATE_BANNER in out
    assert "Ana seemed worn out" in out


def test_export_to_a_new_file(runner, data, held, tmp_path):
    target = tmp_path / "out" / "recap.md"
    target.parent.mkdir()
    expected = succeeded(manage(runner, data, "export", "Owls", "--meeting", "1"))
    out = succeeded(manage(runner, data, "export", "Owls", "--meeting", "1", "-o", target))
    assert out == f"Wrote {target}\n"
    assert target.read_text(encoding="utf-8") == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["recap.md"]  # no temp file left


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o444])
def test_an_existing_file_is_replaced_only_with_force_and_keeps_its_mode(
    runner, data, held, tmp_path, mode
):
    target = tmp_path / "recap.md"
    target.write_text("someone else's notes")
    target.chmod(mode)
    result = manage(runner, data, "export", "Owls", "-o", target)
    one_line_error(result, f"{target}: already exists; add --force to replace it")
    assert target.read_text() == "someone else's notes"
    assert succeeded(manage(runner, data, "export", "Owls", "-o", target, "--force"))
    assert target.read_text().startswith("# Owls: meeting 2")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_a_file_this_user_may_not_write_is_not_replaced_even_with_force(
    runner, data, held, tmp_path, monkeypatch
):
    target = tmp_path / "theirs.md"
    target.write_text("theirs")
    real_access = os.access

    def access(path, how, **kwargs):  # the target as another user's file: not writable
        mine = str(path) != str(target) or how != os.W_OK
        return real_access(path, how, **kwargs) if mine else False

    monkeypatch.setattr(os, "access", access)
    one_line_error(manage(runner, data, "export", "Owls", "-o", target, "--force"), "not writable")
    assert target.read_text() == "theirs"


@pytest.mark.parametrize("exists", [True, False])
def test_export_writes_through_a_link_to_its_target(runner, data, held, tmp_path, exists):
    real = tmp_path / "real" / "recap.md"
    real.parent.mkdir()
    if exists:
        real.write_text("old")
        real.chmod(0o644)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    args = ["export", "Owls", "-o", link, *(["--force"] if exists else [])]
    assert succeeded(manage(runner, data, *args)) == f"Wrote {link}\n"
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text().startswith("# Owls: meeting 2")
    assert stat.S_IMODE(real.stat().st_mode) == (0o644 if exists else 0o600)


def test_export_through_a_link_to_an_existing_file_needs_force(runner, data, held, tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    one_line_error(manage(runner, data, "export", "Owls", "-o", link), "add --force")
    assert real.read_text() == "old" and link.is_symlink()


def test_export_to_a_fifo_writes_into_it(runner, data, held, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    fifo.chmod(0o620)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = manage(runner, data, "export", "Owls", "-o", fifo)
    reader.join(timeout=10)
    assert succeeded(result) == ""  # nothing but the recap, which went into the pipe
    assert got and got[0].decode().startswith("# Owls: meeting 2")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert stat.S_IMODE(fifo.lstat().st_mode) == 0o620


def test_export_to_a_device_writes_into_it_and_leaves_it_a_device(runner, data, held, tmp_path):
    """A sandboxed /dev/null (never the real /dev): as root, -o /dev/null used to replace it."""
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        null.write_bytes(b"")
    except OSError:
        pytest.skip("cannot make a device node here")
    before = null.lstat()
    assert succeeded(manage(runner, data, "export", "Owls", "-o", null)) == ""
    after = null.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not list(tmp_path.glob(".null*"))  # no temp file beside it


def test_export_to_dash_is_standard_output(runner, data, held, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = succeeded(manage(runner, data, "export", "Owls", "-o", "-"))
    assert out.startswith("# Owls: meeting 2")
    assert not (tmp_path / "-").exists()


def test_export_through_a_link_loop_is_one_line(runner, data, held, tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    one_line_error(manage(runner, data, "export", "Owls", "-o", loop), str(loop))


def test_export_to_a_file_with_private_notes(runner, data, held, tmp_path):
    target = tmp_path / "private.md"
    result = manage(
        runner, data, "export", "Owls", "--output", target, "--include-private", "--meeting", "1"
    )
    assert succeeded(result) == f"Wrote {target}\n"
    assert "Ana seemed worn out" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_a_missing_folder(runner, data, held, tmp_path):
    target = tmp_path / "nowhere" / "recap.md"
    one_line_error(manage(runner, data, "export", "Owls", "-o", target), str(target))
    assert not target.parent.exists()


def test_export_to_a_folder(runner, data, held, tmp_path):
    one_line_error(manage(runner, data, "export", "Owls", "-o", tmp_path), "is a folder")


@pytest.mark.parametrize("number", ["3", "0", "-1"])
def test_export_an_unknown_meeting(runner, data, held, number):
    result = manage(runner, data, "export", "Owls", "--meeting", number)
    one_line_error(result, f"'Owls' has no meeting {number}", "meetings: 1, 2")


def test_export_a_set_with_no_meetings(runner, data):
    make_set(runner, data)
    one_line_error(manage(runner, data, "export", "Owls"), "no meetings yet")


def test_export_an_unknown_set(runner, data, held):
    one_line_error(manage(runner, data, "export", "Lions"), "no set called 'Lions'")


def test_export_an_archived_set(runner, data, held):
    succeeded(manage(runner, data, "set", "archive", "Owls"))
    assert succeeded(manage(runner, data, "export", "Owls")).startswith("# Owls: meeting 2, ")


def test_export_reads_a_meeting_another_console_holds_and_changes_nothing(runner, data, held):
    meeting = held.latest_meeting("owls")
    lock = held.meeting_lock(meeting).path
    holder = {"pid": 1, "host": socket.gethostname()}  # pid 1 is always alive
    lock.write_text(json.dumps(holder))
    before = files(data)
    out = succeeded(manage(runner, data, "export", "Owls"))
    assert "She said yes" in out
    assert files(data) == before
    assert json.loads(lock.read_text()) == holder
    assert os.path.exists(lock)
