"""Values that cannot be true, and files that are not data files, are refused in one line.

They used to pass validation and then break the meeting (an error four times a second, a crash
with status 0), give a traceback, hang every command (a FIFO) or eat memory (a link to
/dev/zero).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from datetime import datetime

import pytest
from pydantic import ValidationError

from altui.check import check_data
from altui.errors import AltuiError
from altui.files import READ_MAX, parse_json
from altui.models import MINUTES_MAX, Item, ItemKind, Meeting, Review, Set, Step
from altui.store import AtomicJSONStorage, Store

NAIVE = "2026-11-25T14:00:00"


def step(**changes: object) -> dict[str, object]:
    return {"name": "Check in", "short": "In", "minutes": 15, "kind": "note", **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"minutes": float("nan")},
        {"minutes": float("inf")},
        {"minutes": 1e308},
        {"minutes": MINUTES_MAX + 1},
        {"minutes": 0},
        {"minutes": -5},
        {"spent": float("nan")},
        {"spent": -1.0},
        {"spent": 1e308},
        {"added": float("-inf")},
        {"added": -1e308},
        {"running_since": NAIVE},
    ],
)
def test_a_step_refuses_what_cannot_be_true(changes):
    with pytest.raises(ValidationError):
        Step.model_validate(step(**changes))


def test_a_whole_day_step_and_an_aware_time_are_fine():
    made = Step.model_validate(step(minutes=MINUTES_MAX, running_since=NAIVE + "+01:00"))
    assert made.running_since is not None and made.running_since.utcoffset() is not None


def meeting_doc(**changes: object) -> dict[str, object]:
    doc = {
        "set_slug": "owls",
        "number": 1,
        "date": "2026-11-25",
        "plan": "classic",
        "steps": [step(), step(name="Close")],
        "current": 1,
    }
    return {**doc, **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"steps": []},
        {"current": 2},
        {"current": -1},
        {"planned_finish": NAIVE},
    ],
)
def test_a_meeting_refuses_what_cannot_be_true(changes):
    with pytest.raises(ValidationError):
        Meeting.model_validate(meeting_doc(**changes))


def test_a_meeting_cannot_be_moved_past_its_last_step():
    meeting = Meeting.model_validate(meeting_doc())
    with pytest.raises(ValidationError):
        meeting.current = 2


@pytest.mark.parametrize(
    ("model", "doc"),
    [
        (Set, {"name": "Owls", "slug": "owls", "created": NAIVE}),
        (Item, {"kind": ItemKind.NOTE, "text": "x", "step": 0, "created": NAIVE}),
        (Review, {"action_id": "a", "origin": 1, "created": NAIVE}),
    ],
)
def test_times_without_a_time_zone_are_refused(model, doc):
    with pytest.raises(ValidationError, match="timezone"):
        model.model_validate(doc)


# in a data file ---------------------------------------------------------------------------


@pytest.fixture
def meeting_file(store, meeting):
    return store.root / meeting.set_slug / "meetings" / "0001.json"


def damage(path, change) -> None:
    data = json.loads(path.read_text())
    change(data["meeting"]["1"])
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m["steps"][0].update(minutes=float("nan")),
        lambda m: m["steps"][0].update(minutes=1e308),
        lambda m: m["steps"][0].update(running_since=NAIVE),
        lambda m: m.update(current=99),
        lambda m: m.update(steps=[]),
    ],
)
def test_a_meeting_file_with_an_impossible_value_is_one_line_and_check_says_so(
    store, meeting, meeting_file, change
):
    damage(meeting_file, change)
    before = meeting_file.read_bytes()
    with pytest.raises(AltuiError, match=f"^{meeting_file}: not an altui meeting file"):
        Store(store.root).meeting(meeting.set_slug, 1)
    found = check_data(Store(store.root))
    assert found.problems == 1, found.lines
    assert meeting_file.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
        (b'{"meeting": {"1": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}", "nested too deep"),
        (b'{"meeting": {"1": [1, 2]}}', "wrong shape"),
        (b'{"meeting": {"1": {}}, "items": {"1": "text"}}', "wrong shape"),
        (b'{"meeting": {"1": {"number": 1' + b"0" * 5000 + b"}}}", "not valid JSON"),
    ],
)
def test_a_damaged_file_is_one_line_never_a_traceback(meeting_file, content, words):
    meeting_file.write_bytes(content)
    with pytest.raises(AltuiError, match=f"^{meeting_file}: .*{words}"):
        AtomicJSONStorage(str(meeting_file)).read()


def test_a_file_over_the_size_cap_is_refused_unread(meeting_file):
    with meeting_file.open("r+b") as handle:
        handle.truncate(READ_MAX + 1)  # sparse: nothing is written, nothing should be read
    with pytest.raises(AltuiError, match=f"^{meeting_file}: over 64 MiB"):
        AtomicJSONStorage(str(meeting_file)).read()


def test_a_link_to_a_regular_file_is_read(store, meeting, meeting_file, tmp_path):
    moved = tmp_path / "elsewhere.json"
    meeting_file.rename(moved)
    meeting_file.symlink_to(moved)
    assert Store(store.root).meeting(meeting.set_slug, 1).number == 1


def run_altui(store, *args: str) -> subprocess.CompletedProcess[str]:
    """altui in a process of its own, with a time limit and 1 GiB of memory at most."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {k: v for k, v in os.environ.items() if k != "ALTUI_DATA"}
    return subprocess.run(
        [sys.executable, "-m", "altui", "--data", str(store.root), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=limit_memory,
        check=False,
    )


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("which", ["set", "meeting"])
def test_a_fifo_or_a_link_to_dev_zero_is_refused_at_once(store, meeting, kind, which):
    """Every command used to hang on a FIFO; a link to /dev/zero ate memory."""
    slug = meeting.set_slug
    path = store.root / slug / ("set.json" if which == "set" else "meetings/0001.json")
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    for args in (["export", "Team Tiger"], ["check"], ["display", "Team Tiger"]):
        done = run_altui(store, *args)
        said = done.stdout + done.stderr
        assert done.returncode == 2, (args, said)
        assert f"{path}: not a regular file" in said, (args, said)
        assert "chmod" not in said  # never advice that would reach what a link points to
        assert "Traceback" not in said


def test_started_at_is_still_a_time_after_a_round_trip(store, meeting):
    """What altui itself writes reads back (aware times survive the JSON round trip)."""
    again = Store(store.root).meeting(meeting.set_slug, meeting.number)
    assert isinstance(again.step.running_since, datetime)
    assert again.step.running_since.tzinfo is not None


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": "caf\\u00e9", "b": [1, -0, 2.5e-308, 1e400, 12345678901234567890123]}',
        '{"a": "é", "b": null, "c": true}'.encode(),
        b'{"a": 1, "a": 2}',
        b"[NaN, Infinity, -Infinity]",
        b'\xef\xbb\xbf{"a": 1}',  # a byte-order mark
        '{"a": "é"}'.encode("utf-16"),
        b'{"a": "\\ud800"}',  # a lone surrogate
        b"[" * 300 + b"]" * 300,
    ],
)
def test_a_file_is_read_as_the_json_module_reads_it(tmp_path, raw):
    assert repr(parse_json(tmp_path / "f.json", raw)) == repr(json.loads(raw))


@pytest.mark.parametrize("raw", [b"{not json", b'{"a": 1,}', b'"a\nb"', b"[1] x", b'"\xff"'])
def test_what_is_not_json_is_worded_as_the_json_module_words_it(tmp_path, raw):
    with pytest.raises(ValueError) as wording:
        json.loads(raw)
    with pytest.raises(AltuiError) as found:
        parse_json(tmp_path / "f.json", raw)
    assert str(wording.value) in str(found.value)
