"""Session plans: TOML files of ordered steps, validated and expanded for a meeting's presenters."""

from __future__ import annotations

import math
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from altui.errors import AltuiError
from altui.models import ItemKind, ItemTag, Member, Step
from altui.resources import sessions_dir


class PlanStep(BaseModel):
    """A step as written in a plan file."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(min_length=1, max_length=80)
    short: str = Field(default="", max_length=20)
    minutes: float = Field(gt=0, le=600)
    kind: ItemKind = ItemKind.NOTE
    tag: ItemTag | None = None
    prompt: str = Field(default="", max_length=300)
    per_presenter: bool = False
    between_presenters: bool = False
    report_back: bool = False
    score: bool = False

    @property
    def label(self) -> str:
        """The short name used in the step bar."""
        return self.short or self.name


class Plan(BaseModel):
    """A whole session plan."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    typical_presenters: int = Field(default=3, ge=0, le=20)
    steps: list[PlanStep] = Field(min_length=1)

    @model_validator(mode="after")
    def _presenter_block_is_whole(self) -> Plan:
        flags = [s.per_presenter for s in self.steps]
        if any(flags):
            first, last = flags.index(True), len(flags) - 1 - flags[::-1].index(True)
            if not all(flags[first : last + 1]):
                raise ValueError("per_presenter steps must be next to each other")
        for step in self.steps:
            if step.between_presenters and step.per_presenter:
                raise ValueError(f"step {step.name!r} cannot be both per_presenter and between")
        return self

    def fixed_minutes(self) -> float:
        """Minutes of the steps that happen once."""
        return sum(s.minutes for s in self.steps if not s.per_presenter)

    def slot_minutes(self) -> float:
        """Minutes of one presenter's slot."""
        return sum(s.minutes for s in self.steps if s.per_presenter)

    def total_minutes(self, presenters: int) -> float:
        """The meeting's planned length with this many presenters."""
        return self.fixed_minutes() + presenters * self.slot_minutes()

    def expand(
        self, presenters: list[Member], slot_minutes: dict[str, float] | None = None
    ) -> list[Step]:
        """The meeting's steps: the presenter block repeated for each presenter, in order.

        ``slot_minutes`` gives a presenter's whole slot another length (a bid, or a slot shrunk
        to fit): each of their steps is scaled by the same factor. Steps marked
        ``between_presenters`` (a break) go after the middle presenter, and are left out when
        nobody presents.
        """
        lengths = slot_minutes or {}
        block = [s for s in self.steps if s.per_presenter]
        between = [s for s in self.steps if s.between_presenters]
        middle = math.ceil(len(presenters) / 2)
        steps: list[Step] = []
        for plan_step in self.steps:
            if plan_step.between_presenters or (
                plan_step.per_presenter and plan_step is not block[0]
            ):
                continue
            if not plan_step.per_presenter:
                steps.append(_step(plan_step, None))
                continue
            for number, member in enumerate(presenters, start=1):
                scale = lengths.get(member.id, self.slot_minutes()) / self.slot_minutes()
                steps.extend(_step(s, member, scale) for s in block)
                if number == middle:
                    steps.extend(_step(s, None) for s in between)
        return steps


def _step(plan_step: PlanStep, member: Member | None, scale: float = 1.0) -> Step:
    return Step(
        name=plan_step.name,
        short=plan_step.label,
        minutes=round(plan_step.minutes * scale, 2),
        kind=plan_step.kind,
        tag=plan_step.tag,
        prompt=plan_step.prompt,
        report_back=plan_step.report_back,
        score=plan_step.score,
        presenter_id=member.id if member else None,
        presenter=member.name if member else None,
    )


def load_plan_file(path: Path) -> Plan:
    """Read and validate one plan file; any problem is an AltuiError naming the file and field."""
    import tomllib  # here: a meeting resumed or shown reads no plan

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AltuiError(f"plan file {path}: not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AltuiError(f"plan file {path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise AltuiError(f"plan file {path}: not valid TOML ({exc})") from None
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise AltuiError(f"plan file {path}: {describe_validation(exc)}") from None


def describe_validation(exc: ValidationError, most: int = 3) -> str:
    """The validation problems as ``field.path: message``, unknown fields first."""
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    shown = [
        f"{'.'.join(str(part) for part in e['loc']) or '(whole file)'}: {e['msg']}"
        for e in errors[:most]
    ]
    more = f" (and {len(errors) - most} more)" if len(errors) > most else ""
    return "; ".join(shown) + more


def builtin_plans() -> dict[str, Path]:
    """The shipped plans by name (file stem)."""
    return {p.stem: p for p in sorted(sessions_dir().glob("*.toml"))}


def find_plan(name_or_file: str) -> tuple[str, Plan]:
    """Resolve a plan by shipped name or by path; returns (name to record, plan)."""
    shipped = builtin_plans()
    if name_or_file in shipped:
        return name_or_file, load_plan_file(shipped[name_or_file])
    path = Path(name_or_file).expanduser()
    if path.suffix == ".toml" or path.exists():
        return str(path.resolve()), load_plan_file(path)
    names = ", ".join(shipped) or "none"
    raise AltuiError(
        f"no plan called {name_or_file!r} (shipped plans: {names}; or give a .toml file)"
    )
