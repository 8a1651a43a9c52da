"""Commitments: the actions members take away, and what they report back about them.

What is open before a meeting is a fold over every earlier meeting. The fold's state is kept in
the set's commitment index with the stamp of each meeting file it was read from, so the next
call reads only the meetings held since; a meeting file saved again (an upgrade, a late edit)
no longer matches its stamp, and the index is rebuilt from the files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from altui.guard import log
from altui.models import Item, ItemKind, Meeting, ReportBackLine, Review, ReviewStatus
from altui.store import Stamp, Store

ACTIONS = frozenset({ItemKind.ACTION})
NO_OWNER = "The set"
"""Owner shown for an action captured in a group step rather than a presenter's slot."""


@dataclass(frozen=True)
class Commitment:
    """An action from an earlier meeting, its owner, and what this meeting heard of it."""

    action: Item
    origin: int
    owner_id: str | None
    owner: str
    times_carried: int = 0
    status: ReviewStatus | None = None
    note: str = ""


def _owner(meeting: Meeting, item: Item) -> str:
    names = {m.id: m.name for m in meeting.presenters}
    return names.get(item.presenter_id or "", NO_OWNER)


def _names_at(meeting: Meeting) -> dict[str, str]:
    """Each member's name as ``meeting`` knew it (a member renamed since the commitment was made
    is shown under the new name)."""
    return {m.id: m.name for m in (*meeting.presenters, *meeting.attendees, *meeting.apologies)}


def _latest(reviews: list[Review]) -> dict[str, Review]:
    """The last review of each action, by action id."""
    return {review.action_id: review for review in reviews}


class _Checkpoint(BaseModel):
    """The commitment index: what was open when meeting ``before`` started, and from which files."""

    model_config = ConfigDict(defer_build=True)  # built on first use, not at every start-up

    before: int
    stamps: dict[int, Stamp] = Field(min_length=1)  # it is written only after reading a file
    open: list[Commitment]


def _resume(store: Store, slug: str, stamps: dict[int, Stamp]) -> tuple[int, dict[str, Commitment]]:
    """The meeting the fold can start from and its state there, by action id.

    ``stamps`` are those of the meeting files to fold. The index is used only if the files it
    was read from are exactly these files before its meeting, unchanged; otherwise the fold
    starts from nothing.
    """
    raw = store.read_commitment_index(slug)
    try:
        saved = _Checkpoint.model_validate(raw)
    except ValidationError:  # missing (None), foreign or damaged: rebuilt from the files
        return 0, {}
    if saved.stamps != {number: s for number, s in stamps.items() if number < saved.before}:
        return 0, {}
    return saved.before, {c.action.id: c for c in saved.open}


def _fold(store: Store, slug: str, found: dict[str, Commitment], numbers: list[int]) -> None:
    """Take ``found`` (open commitments by action id) through these meetings, in order."""
    for number in numbers:
        meeting, actions, reviews = store.record(slug, number, ACTIONS)
        for review in _latest(reviews).values():
            commitment = found.get(review.action_id)
            if commitment is None:
                continue
            if review.status is ReviewStatus.CARRIED:
                found[review.action_id] = replace(
                    commitment, times_carried=commitment.times_carried + 1
                )
            else:
                del found[review.action_id]
        for item in actions:
            found[item.id] = Commitment(item, number, item.presenter_id, _owner(meeting, item))


def _save(store: Store, slug: str, checkpoint: _Checkpoint) -> None:
    """Keep the fold's state for next time; a failure only costs a longer fold then."""
    data = checkpoint.model_dump(
        mode="json", by_alias=True, exclude={"open": {"__all__": {"status", "note"}}}
    )
    try:
        store.write_commitment_index(slug, data)
    except OSError as exc:
        log.warning("commitment index not saved: %s", exc)


def open_commitments(store: Store, slug: str, before: int) -> list[Commitment]:
    """Commitments still open when meeting ``before`` starts, oldest first.

    An action is open until a report back closes it (done, partly, not done or dropped);
    carried forward keeps it open for the next meeting. Only the meetings the commitment index
    does not cover are read, and the index is then brought up to ``before``.
    """
    numbers = [number for number in store.meeting_numbers(slug) if number < before]
    stamps = store.meeting_stamps(slug, numbers)  # before reading: a save meanwhile will not match
    start, found = _resume(store, slug, stamps)
    unread = [number for number in numbers if number >= start]
    _fold(store, slug, found, unread)
    if unread:
        _save(store, slug, _Checkpoint(before=before, stamps=stamps, open=list(found.values())))
    return list(found.values())


def under_review(store: Store, meeting: Meeting) -> list[Commitment]:
    """The commitments open at the start of ``meeting``, with what was reported in it."""
    reviewed = _latest(store.reviews(meeting))
    names = _names_at(meeting)
    result = []
    for commitment in open_commitments(store, meeting.set_slug, meeting.number):
        owner = names.get(commitment.owner_id or "", commitment.owner)
        commitment = replace(commitment, owner=owner)
        review = reviewed.get(commitment.action.id)
        if review is not None:
            commitment = replace(commitment, status=review.status, note=review.note)
        result.append(commitment)
    return result


def report_back_lines(store: Store, meeting: Meeting) -> list[ReportBackLine]:
    """The rows of the meeting's report-back table: every commitment reviewed in it.

    Reads only the meetings those commitments were made in, not the whole history.
    """
    reviewed = _latest(store.reviews(meeting))
    names = _names_at(meeting)
    origins = sorted({review.origin for review in reviewed.values()})
    lines = []
    for origin in origins:
        made_in, actions, _ = store.record(meeting.set_slug, origin, ACTIONS)
        for action in actions:
            review = reviewed.get(action.id)
            if review is not None and (review.status is not None or review.note):
                lines.append(
                    ReportBackLine(
                        member=names.get(action.presenter_id or "", _owner(made_in, action)),
                        commitment=action.text,
                        origin=origin,
                        status=review.status,
                        note=review.note,
                    )
                )
    return lines
