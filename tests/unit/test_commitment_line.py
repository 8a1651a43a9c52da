"""The report-back rows: the status column is only as wide as the statuses given so far."""

from __future__ import annotations

from datetime import UTC, date, datetime

from altui.models import Commitment, Hearing, Item, ItemKind, ReviewStatus
from altui.widgets.commitment_list import commitment_line, status_width

WHEN = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def commitment(
    text: str, status: ReviewStatus | None = None, *notes: str, earlier: tuple[Hearing, ...] = ()
) -> Commitment:
    action = Item(kind=ItemKind.ACTION, text=text, step=3, created=WHEN)
    return Commitment(action, 1, None, "Ana Silva", earlier, status=status, notes=notes)


def test_nothing_reviewed_yet_leaves_only_a_dot_before_the_text():
    rows = [commitment("Call the director"), commitment("Ask HR")]
    width = status_width(rows)
    assert width == 2
    assert commitment_line(rows[0], width).plain == "· Call the director (meeting 1)"


def test_the_column_fits_the_longest_status_given():
    rows = [commitment("Call", ReviewStatus.DONE), commitment("Ask", ReviewStatus.CARRIED)]
    width = status_width(rows)
    assert width == len("Carried forward") + 1
    assert commitment_line(rows[0], width).plain.startswith("Done" + " " * 12 + "Call")


def test_a_note_sits_under_the_text():
    row = commitment("Call", ReviewStatus.PARTLY, "left a message")
    lines = commitment_line(row, status_width([row])).plain.split("\n")
    assert lines == ["Partly Call (meeting 1)", "       ↳ left a message"]


def test_every_note_is_shown_in_order_under_what_earlier_meetings_heard():
    earlier = (
        Hearing(2, date(2027, 1, 12), ReviewStatus.PARTLY, ("voicemail",)),
        Hearing(3, date(2027, 2, 9), ReviewStatus.CARRIED),
        Hearing(4, date(2027, 3, 9), ReviewStatus.CARRIED),
    )
    row = commitment("Call", None, "rang again", "she said yes", earlier=earlier)
    lines = commitment_line(row, status_width([row])).plain.split("\n")
    assert lines == [
        "· Call (meeting 1)",
        "  partly, 12 Jan: voicemail; carried 2x",
        "  ↳ rang again",
        "  ↳ she said yes",
    ]


def test_long_lines_wrap_under_their_own_text_not_under_the_status():
    earlier = (Hearing(2, date(2027, 1, 12), ReviewStatus.PARTLY, ("One page so far",)),)
    row = commitment("Write down what I want", ReviewStatus.DONE, "Sent", earlier=earlier)
    width = status_width([row])
    lines = [line.rstrip() for line in commitment_line(row, width, 5 + 24).plain.split("\n")]
    assert lines == [
        "Done Write down what I want",
        "     (meeting 1)",
        "     partly, 12 Jan: One page",
        "     so far",
        "     ↳ Sent",
    ]
    assert all(len(line.rstrip()) <= 29 for line in lines)
