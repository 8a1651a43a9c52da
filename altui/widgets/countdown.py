"""The countdown: big digits plus a word for its state, so colour is never the only signal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from altui.clock import CountdownState, Reading
from altui.widgets.big_clock import BigClock

_STATE_CLASSES = {state: f"-{state.value}" for state in CountdownState}


class Countdown(Vertical):
    """Time left in the current step, styled by state: running, low, last minute, over, paused."""

    class TimeUp(Message):
        """The step's time has just run out (sent once per step, as it happens)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._state: CountdownState | None = None
        self._step_key: object = None

    def compose(self) -> ComposeResult:
        """The digits and the state line."""
        yield BigClock(id="clock-digits")
        yield Static(id="clock-word")

    def update(self, reading: Reading, step_key: object) -> None:
        """Show ``reading``; posts TimeUp when the same step crosses zero while watched."""
        crossed = (
            step_key == self._step_key
            and self._state
            in (CountdownState.RUNNING, CountdownState.LOW, CountdownState.LAST_MINUTE)
            and reading.state is CountdownState.OVER
        )
        self._step_key = step_key
        self.query_one(BigClock).text = reading.text
        if reading.state is not self._state:
            self._state = reading.state
            self.set_class(True, _STATE_CLASSES[reading.state])
            for other, css in _STATE_CLASSES.items():
                if other is not reading.state:
                    self.set_class(False, css)
            self.query_one("#clock-word", Static).update(Content(_word(reading)))
        if crossed:
            self.post_message(self.TimeUp())

    @property
    def state(self) -> CountdownState | None:
        """The state shown now."""
        return self._state


def _word(reading: Reading) -> str:
    return {
        CountdownState.RUNNING: "▶ time left",
        CountdownState.LOW: "◆ TIME LOW",
        CountdownState.LAST_MINUTE: "▲ LAST MINUTE",
        CountdownState.OVER: "■ OVER TIME",
        CountdownState.PAUSED: "❚❚ PAUSED",
    }[reading.state]
