"""A latest meeting whose file cannot be read may be the meeting in progress: no meeting is
started after it without saying so (``altui meet``/``demo`` refuse; setup warns)."""

from __future__ import annotations

import pytest

from altui.errors import AltuiError
from altui.meetings import next_meeting, start_or_resume
from tests.builders import close, files, hold

IN_PROGRESS = b'{"meeting": {"1": {"schema": 3, "number": "three"}}}'
"""The trial's damage: JSON, but not a meeting, and nothing in it says the meeting ended."""
SAID_CLOSED = b'{"meeting": {"1": {"schema": 3, "number": "three", "status": "closed"}}}'


@pytest.fixture
def damaged(store, the_set, clock):
    """Meeting 1 held and closed, meeting 2 running; then meeting 2's file damaged."""
    first, _ = hold(store, the_set, clock)
    close(store, clock, first)
    hold(store, the_set, clock)
    path = store.root / the_set.slug / "meetings" / "0002.json"
    path.write_bytes(IN_PROGRESS)
    return path


@pytest.mark.parametrize(
    "damage", [IN_PROGRESS, b"{not json", b""], ids=["foreign", "JSON", "empty"]
)
def test_no_meeting_is_started_after_one_that_may_be_in_progress(
    store, the_set, clock, damaged, damage
):
    damaged.write_bytes(damage)
    before = files(store.root)
    with pytest.raises(AltuiError) as caught:
        start_or_resume(store, the_set, clock)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{damaged}: ")
    backups = store.root / the_set.slug / "backups"
    assert (
        f"Meeting 2 may still be in progress, so meeting 3 was not started: restore the file "
        f"from {backups} (README: Restore a backup), or add --skip-damaged to start meeting 3 "
        "after it anyway"
    ) in message
    assert files(store.root) == before
    assert store.meeting_numbers(the_set.slug) == [1, 2]


def test_skip_damaged_starts_the_next_meeting_after_it(store, the_set, clock, damaged):
    meeting = start_or_resume(store, the_set, clock, skip_damaged=True)
    assert meeting.number == 3
    assert damaged.read_bytes() == IN_PROGRESS  # left as it is


def test_a_damaged_file_that_says_its_meeting_closed_does_not_stop_the_next(
    store, the_set, clock, damaged
):
    damaged.write_bytes(SAID_CLOSED)
    assert next_meeting(store, the_set.slug).damage_doubt() == ""
    assert start_or_resume(store, the_set, clock).number == 3


def test_setup_is_warned_in_one_line_naming_the_file(store, the_set, damaged):
    upcoming = next_meeting(store, the_set.slug)
    doubt = upcoming.damage_doubt()
    assert "\n" not in doubt
    assert doubt.startswith(
        f"Meeting 2 may still be in progress, but its file cannot be read: {damaged}: "
    )
    assert doubt.endswith(
        "Ctrl+S starts meeting 3 after it; to go on with meeting 2 instead, restore its file "
        f"from {store.root / the_set.slug / 'backups'} (README: Restore a backup)."
    )


def test_a_readable_last_meeting_raises_no_doubt(store, the_set, clock, meeting):
    close(store, clock, meeting)
    assert next_meeting(store, the_set.slug).damage_doubt() == ""
    assert start_or_resume(store, the_set, clock).number == 2
