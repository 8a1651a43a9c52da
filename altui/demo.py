"""The built-in demo: a five-member set whose first meeting is finished, ready for meeting 2."""

from __future__ import annotations

from datetime import timedelta

from altui.clock import Clock
from altui.meetings import next_meeting
from altui.models import Item, ItemKind, Meeting, MeetingStatus, Set, slugify
from altui.plans import find_plan
from altui.sets import new_set
from altui.store import Store

DEMO_SET = "Demo set"
DEMO_MEMBERS = ["Amira Haddad", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eilidh Ross"]
DEMO_SLUG = slugify(DEMO_SET)
"""The demo set's folder: how ``altui demo`` knows it after a rename."""
DEMO_PRESENTERS = ["Chloé Martin", "Dev Patel", "Eilidh Ross"]
"""Meeting 2's presenters: those who did not present at meeting 1."""

_FIRST_MEETING: dict[str, list[tuple[str, ItemKind, str]]] = {
    "Amira Haddad": [
        ("Present the issue", ItemKind.ISSUE, "A colleague keeps redoing my team's work"),
        ("Clarifying questions", ItemKind.QUESTION, "How long has this been happening?"),
        ("Open questions", ItemKind.QUESTION, "What do you imagine he is afraid of?"),
        ("Reflect and reframe", ItemKind.LEARNING, "I have been avoiding the conversation"),
        ("Commit to actions", ItemKind.ACTION, "Ask him for thirty minutes to talk it through"),
        ("Commit to actions", ItemKind.ACTION, "Write down what 'done' means for my team"),
    ],
    "Ben Okafor": [
        ("Present the issue", ItemKind.ISSUE, "Whether to apply for the regional role"),
        ("Clarifying questions", ItemKind.QUESTION, "When does the application close?"),
        ("Open questions", ItemKind.QUESTION, "What would you regret not trying?"),
        ("Commit to actions", ItemKind.ACTION, "Talk to two people who have held the role"),
    ],
}


def ensure_demo(store: Store, clock: Clock) -> Set:
    """The demo set, created once with a finished first meeting; never touches other sets.

    It is found by its folder, ``demo-set``, whatever it is called now: renamed, it is still
    the demo (and another set may take the name). A damaged demo set is refused with its
    damage, never made again beside it. Consoles started at the same moment make it once.
    """
    with store.making_set():  # demos started at once make one demo set
        if (store.root / DEMO_SLUG).exists():
            return store.set_at(DEMO_SLUG)
        return _make_demo(store, clock)


def _make_demo(store: Store, clock: Clock) -> Set:
    """The demo set, made with its first meeting held four weeks ago."""
    demo = new_set(store, DEMO_SET, DEMO_MEMBERS, "classic", clock)
    plan_name, plan = find_plan("classic")
    presenters = [m for m in demo.members if m.name in _FIRST_MEETING]
    steps = next_meeting(store, demo.slug).steps(plan, presenters)  # first: no report back
    held = clock.now() - timedelta(weeks=4)
    for step in steps:
        step.spent = step.planned_seconds
        step.visited = True
    meeting = Meeting(
        set_slug=demo.slug,
        number=1,
        date=held.astimezone().date(),
        plan=plan_name,
        presenters=presenters,
        steps=steps,
        current=len(steps) - 1,
        status=MeetingStatus.CLOSED,
    )
    store.create_meeting(meeting)
    for member in presenters:
        for step_name, kind, text in _FIRST_MEETING[member.name]:
            index = next(
                i
                for i, s in enumerate(steps)
                if s.name == step_name and s.presenter_id == member.id
            )
            item = Item(kind=kind, text=text, step=index, presenter_id=member.id, created=held)
            store.add_item(meeting, item)
    return demo
