"""A damaged earlier meeting does not cost a meeting its recap."""

from __future__ import annotations

from altui.exporting import recap_text
from altui.live import LiveMeeting
from altui.meetings import start_or_resume
from altui.recap import unreadable_report_back
from tests.builders import step_of


def test_the_recap_leaves_out_the_report_back_it_cannot_read_and_says_why(
    store, the_set, meeting, clock
):
    first = LiveMeeting(store, meeting, clock)
    first.go_to(step_of(meeting, "Commit to actions", "Ana Silva"))
    first.enter("Ask the director")
    first.close(None)
    second = LiveMeeting(store, start_or_resume(store, the_set, clock), clock)
    second.enter("said in meeting two")
    path = store.root / the_set.slug / "meetings" / "0001.json"
    path.write_text('{"meeting": {"1": {"broken": true}}}')
    recap = recap_text(store, the_set, second.meeting)
    assert "said in meeting two" in recap
    section = recap.split("## Report back\n\n")[1].split("\n\n")[0]
    assert section.startswith(unreadable_report_back("").removesuffix(")."))  # the console's
    assert "0001.json: not an altui meeting file" in section
    assert "No commitment was open" not in recap
