"""The console's blank marker: beside the meeting file, private, never backed up or reported."""

from __future__ import annotations

from altui.check import check_data
from altui.files import privacy_warnings


def test_the_marker_comes_and_goes(store, meeting):
    lock = store.meeting_lock(meeting)
    lock.acquire()  # as the console that blanks holds it
    assert not store.blanked(meeting)
    store.set_blanked(meeting, True)
    store.set_blanked(meeting, True)  # blanking twice is still one marker
    assert store.blanked(meeting)
    path = store.root / meeting.set_slug / "meetings" / f"{meeting.number:04d}.blank"
    assert path.stat().st_mode & 0o777 == 0o600
    store.set_blanked(meeting, False)
    store.set_blanked(meeting, False)  # and lifting it twice is fine
    assert not store.blanked(meeting)
    assert not path.exists()
    lock.release()


def test_the_marker_is_private_not_backed_up_and_not_a_problem_for_check(
    store, the_set, meeting, clock
):
    store.set_blanked(meeting, True)
    assert privacy_warnings(store.root) == []
    copy = store.backup(the_set.slug, "test", clock.now(), everything=True)
    assert not list(copy.rglob("*.blank"))
    found = check_data(store)
    assert found.problems == 0, found.lines


def test_a_marker_without_a_running_console_does_not_count(store, meeting):
    """Left by a console that was killed while blank: the displays come back."""
    store.set_blanked(meeting, True)
    assert not store.blanked(meeting)
    lock = store.meeting_lock(meeting)
    lock.acquire()
    assert store.blanked(meeting)
    lock.release()
    assert not store.blanked(meeting)
