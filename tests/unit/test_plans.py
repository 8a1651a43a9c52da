"""Session plans: the shipped files, their expansion for presenters, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from altui.errors import AltuiError
from altui.models import ItemKind, Member
from altui.plans import Plan, builtin_plans, find_plan, load_plan_file

SLOT = [
    "Present the issue",
    "Clarifying questions",
    "Open questions",
    "Reflect and reframe",
    "Commit to actions",
]


def members(*names):
    return [Member(name=n) for n in names]


def classic() -> Plan:
    return find_plan("classic")[1]


def test_shipped_plans_are_the_three_expected():
    assert sorted(builtin_plans()) == ["classic", "half_day", "quick"]


@pytest.mark.parametrize("name", ["classic", "half_day", "quick"])
def test_every_shipped_plan_loads_and_expands(name):
    plan = load_plan_file(builtin_plans()[name])
    assert plan.steps
    n = plan.typical_presenters
    steps = plan.expand(members(*(f"P{i}" for i in range(n))))
    assert sum(s.minutes for s in steps) == plan.total_minutes(n)


def test_classic_is_about_three_hours_with_three_presenters():
    plan = classic()
    assert plan.typical_presenters == 3
    assert 170 <= plan.total_minutes(3) <= 200
    assert plan.total_minutes(3) == 190
    assert plan.slot_minutes() == 40


def test_classic_has_the_steps_of_an_action_learning_meeting():
    plan = classic()
    assert [s.name for s in plan.steps] == [
        "Check-in",
        "Report back",
        "Bids for time",
        *SLOT,
        "Break",
        "Process review",
        "Check-out",
    ]
    slot = {s.name: s.minutes for s in plan.steps if s.per_presenter}
    assert slot == {
        "Present the issue": 5,
        "Clarifying questions": 10,
        "Open questions": 15,
        "Reflect and reframe": 5,
        "Commit to actions": 5,
    }
    kinds = {s.name: s.kind for s in plan.steps}
    assert kinds["Clarifying questions"] is ItemKind.QUESTION
    assert kinds["Commit to actions"] is ItemKind.ACTION
    assert [s.name for s in plan.steps if s.between_presenters] == ["Break"]


def test_quick_is_ninety_minutes_with_two_presenters():
    plan = find_plan("quick")[1]
    assert plan.typical_presenters == 2
    assert plan.total_minutes(2) == 90
    assert not any(s.between_presenters for s in plan.steps)


def test_expand_three_presenters_in_order_with_break_after_the_second():
    ana, ben, chloe = members("Ana", "Ben", "Chloé")
    steps = classic().expand([ana, ben, chloe])
    names = [s.name for s in steps]
    assert names == [
        "Check-in",
        "Report back",
        "Bids for time",
        *SLOT,
        *SLOT,
        "Break",
        *SLOT,
        "Process review",
        "Check-out",
    ]
    assert [s.presenter for s in steps] == [
        None,
        None,
        None,
        *["Ana"] * 5,
        *["Ben"] * 5,
        None,
        *["Chloé"] * 5,
        None,
        None,
    ]
    assert [s.presenter_id for s in steps[3:8]] == [ana.id] * 5
    assert [s.presenter_id for s in steps[8:13]] == [ben.id] * 5
    assert [s.presenter_id for s in steps[14:19]] == [chloe.id] * 5
    group = [s for s in steps if s.presenter is None]
    assert all(s.presenter_id is None for s in group)


def test_expand_copies_short_names_kinds_and_prompts():
    steps = classic().expand(members("Ana"))
    bids = steps[2]
    assert (bids.name, bids.short, bids.minutes, bids.kind) == (
        "Bids for time",
        "Bids",
        5,
        ItemKind.NOTE,
    )
    assert steps[0].short == "Check-in"  # no short name: the name is used
    assert "Clarifying" in steps[4].prompt
    assert all(not s.visited and s.running_since is None and s.spent == 0 for s in steps)


def test_expand_gives_each_presenter_fresh_steps():
    steps = classic().expand(members("Ana", "Ben"))
    assert len({id(s) for s in steps}) == len(steps)
    steps[3].spent = 99
    assert steps[9].spent == 0


def test_expand_four_presenters_break_after_second():
    steps = classic().expand(members("A", "B", "C", "D"))
    assert steps.index(next(s for s in steps if s.name == "Break")) == 3 + 2 * 5
    assert len(steps) == 3 + 4 * 5 + 1 + 2


def test_expand_no_presenters_has_no_presenter_steps_and_no_break():
    steps = classic().expand([])
    assert [s.name for s in steps] == [
        "Check-in",
        "Report back",
        "Bids for time",
        "Process review",
        "Check-out",
    ]
    assert all(s.presenter is None for s in steps)


def test_expand_one_presenter():
    (ana,) = members("Ana")
    steps = classic().expand([ana])
    assert [s.name for s in steps] == [
        "Check-in",
        "Report back",
        "Bids for time",
        *SLOT,
        "Break",
        "Process review",
        "Check-out",
    ]
    assert [s.presenter for s in steps if s.presenter] == ["Ana"] * 5


# bad plan files -----------------------------------------------------------------------------

GOOD_STEP = '[[steps]]\nname = "Check-in"\nminutes = 5\n'


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem(path: Path) -> str:
    with pytest.raises(AltuiError) as caught:
        load_plan_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message.strip()
    return message


def test_a_minimal_plan_loads(tmp_path):
    plan = load_plan_file(write(tmp_path, 'name = "Mine"\n' + GOOD_STEP))
    assert plan.name == "Mine"
    assert plan.steps[0].kind is ItemKind.NOTE
    assert plan.total_minutes(4) == 5


def test_invalid_toml(tmp_path):
    message = problem(write(tmp_path, 'name = "Mine\n' + GOOD_STEP))
    assert "TOML" in message


def test_missing_steps(tmp_path):
    message = problem(write(tmp_path, 'name = "Mine"\n'))
    assert "steps" in message
    assert "required" in message.lower()


def test_empty_steps(tmp_path):
    message = problem(write(tmp_path, 'name = "Mine"\nsteps = []\n'))
    assert "steps" in message


def test_zero_minutes(tmp_path):
    message = problem(write(tmp_path, 'name = "Mine"\n[[steps]]\nname = "A"\nminutes = 0\n'))
    assert "steps.0.minutes" in message


def test_bad_minutes_in_a_later_step_names_its_index(tmp_path):
    text = 'name = "Mine"\n' + GOOD_STEP + '[[steps]]\nname = "B"\nminutes = -3\n'
    assert "steps.1.minutes" in problem(write(tmp_path, text))


def test_typo_in_a_field_name(tmp_path):
    message = problem(write(tmp_path, 'name = "Mine"\n[[steps]]\nname = "A"\nminuts = 5\n'))
    assert "steps.0.minutes" in message


def test_unknown_field(tmp_path):
    text = 'name = "Mine"\n[[steps]]\nname = "A"\nminutes = 5\ncolour = "red"\n'
    message = problem(write(tmp_path, text))
    assert "steps.0.colour" in message


def test_unknown_top_level_field(tmp_path):
    message = problem(write(tmp_path, 'name = "Mine"\ntypical = 3\n' + GOOD_STEP))
    assert "typical" in message


def test_unknown_kind(tmp_path):
    text = 'name = "Mine"\n[[steps]]\nname = "A"\nminutes = 5\nkind = "gossip"\n'
    assert "steps.0.kind" in problem(write(tmp_path, text))


def test_per_presenter_steps_must_be_together(tmp_path):
    text = (
        'name = "Mine"\n'
        '[[steps]]\nname = "A"\nminutes = 5\nper_presenter = true\n'
        '[[steps]]\nname = "B"\nminutes = 5\n'
        '[[steps]]\nname = "C"\nminutes = 5\nper_presenter = true\n'
    )
    assert "per_presenter" in problem(write(tmp_path, text))


def test_step_cannot_be_per_presenter_and_between(tmp_path):
    text = (
        'name = "Mine"\n'
        '[[steps]]\nname = "A"\nminutes = 5\nper_presenter = true\nbetween_presenters = true\n'
    )
    message = problem(write(tmp_path, text))
    assert "'A'" in message


def test_missing_file(tmp_path):
    message = problem(tmp_path / "nowhere.toml")
    assert "not found" in message


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('name = "Caf\xe9"\n'.encode("latin-1") + GOOD_STEP.encode())
    problem(path)


def test_find_plan_by_shipped_name():
    name, plan = find_plan("quick")
    assert name == "quick"
    assert plan.name == "Quick"


def test_find_plan_by_path(tmp_path):
    path = write(tmp_path, 'name = "Mine"\n' + GOOD_STEP, "mine.toml")
    name, plan = find_plan(str(path))
    assert name == str(path.resolve())
    assert plan.name == "Mine"


def test_find_plan_by_missing_toml_path_says_not_found(tmp_path):
    path = tmp_path / "absent.toml"
    with pytest.raises(AltuiError, match="not found"):
        find_plan(str(path))


def test_find_plan_unknown_name_lists_shipped_plans():
    with pytest.raises(AltuiError) as caught:
        find_plan("nope")
    message = str(caught.value)
    assert "'nope'" in message
    for name in ("classic", "half_day", "quick"):
        assert name in message
