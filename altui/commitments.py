"""Commitments: the actions members take away, and what they report back about them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from altui.models import Item, ItemKind, Meeting, ReportBackLine, Review, ReviewStatus
from altui.store import Store

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


def _latest(reviews: list[Review]) -> dict[str, Review]:
    """The last review of each action, by action id."""
    return {review.action_id: review for review in reviews}


def open_commitments(store: Store, slug: str, before: int) -> list[Commitment]:
    """Commitments still open when meeting ``before`` starts, oldest first.

    An action is open until a report back closes it (done, partly, not done or dropped);
    carried forward keeps it open for the next meeting.
    """
    found: dict[str, Commitment] = {}
    for number in store.meeting_numbers(slug):
        if number >= before:
            break
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
    return list(found.values())


def under_review(store: Store, meeting: Meeting) -> list[Commitment]:
    """The commitments open at the start of ``meeting``, with what was reported in it."""
    reviewed = _latest(store.reviews(meeting))
    result = []
    for commitment in open_commitments(store, meeting.set_slug, meeting.number):
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
    origins = sorted({review.origin for review in reviewed.values()})
    lines = []
    for origin in origins:
        made_in, actions, _ = store.record(meeting.set_slug, origin, ACTIONS)
        for action in actions:
            review = reviewed.get(action.id)
            if review is not None and (review.status is not None or review.note):
                lines.append(
                    ReportBackLine(
                        member=_owner(made_in, action),
                        commitment=action.text,
                        origin=origin,
                        status=review.status,
                        note=review.note,
                    )
                )
    return lines
