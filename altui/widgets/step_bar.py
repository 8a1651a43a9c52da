"""One line naming every step of the meeting: done, current and ahead, each visibly different."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from altui.clock import whole_minutes
from altui.models import Step, first_name
from altui.text import shorten, visible

_SEPARATOR = " › "


def step_label(step: Step) -> str:
    """A step's name in the bar, with the presenter's first name for presenter steps."""
    if step.presenter:
        return f"{visible(step.short)} {shorten(visible(first_name(step.presenter)), 12)}"
    return visible(step.short)


class StepBar(Widget):
    """Every step in order, with the minutes of those ahead; when they do not all fit, a
    window around the current one."""

    DEFAULT_CSS = "StepBar { height: 1; }"

    current = reactive(0)
    """The index of the step highlighted; setting a different one redraws the bar."""

    def __init__(self, steps: list[Step], current: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps = steps
        self.set_reactive(StepBar.current, current)

    def reload(self, steps: list[Step]) -> None:
        """Take a fresh copy of the meeting's steps (a display following another console)."""
        self._steps = steps
        self.refresh()

    def _parts(self) -> list[tuple[str, str]]:
        parts: list[tuple[str, str]] = []
        for index, step in enumerate(self._steps):
            if index < self.current:
                parts.append((f"✓ {step_label(step)}", "$text-muted"))
            elif index == self.current:
                parts.append((f"▶ {step_label(step)}", "bold reverse $accent"))
            else:
                parts.append((f"{step_label(step)} {whole_minutes(step.planned_seconds)}m", ""))
        return parts

    def render(self) -> Content:
        """The visible window of steps, centred on the current one when space is short."""
        parts = self._parts()
        width = self.content_size.width
        first, last = self.current, self.current
        used = len(parts[first][0])
        while True:
            grown = False
            for candidate in (last + 1, first - 1):
                if 0 <= candidate < len(parts) and not first <= candidate <= last:
                    cost = len(parts[candidate][0]) + len(_SEPARATOR)
                    if used + cost + 4 <= width:
                        used += cost
                        first, last = min(first, candidate), max(last, candidate)
                        grown = True
            if not grown:
                break
        pieces: list[tuple[str, str] | str] = []
        if first > 0:
            pieces.append(("… ", "$text-muted"))
        for index in range(first, last + 1):
            if index > first:
                pieces.append((_SEPARATOR, "$text-muted"))
            pieces.append(parts[index])
        if last < len(parts) - 1:
            pieces.append((" …", "$text-muted"))
        return Content.assemble(*pieces)
