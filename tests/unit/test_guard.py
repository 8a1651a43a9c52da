"""An unexpected error in a handler is logged and shown once, however often it repeats."""

from __future__ import annotations

import logging

import pytest

from altui.guard import guarded


class Screen:
    """Stands in for a screen: records what it is asked to show."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.broken: Exception | None = ZeroDivisionError("division by zero")

    def notify(self, message: str, **_: object) -> None:
        self.shown.append(message)

    @guarded
    def tick(self) -> int:
        if self.broken is not None:
            raise self.broken
        return 7


@pytest.fixture(autouse=True)
def _log_info(caplog):
    caplog.set_level(logging.INFO, logger="altui")


def test_an_error_on_every_tick_is_logged_once_with_its_count(caplog):
    records = caplog.records
    screen = Screen()
    for _ in range(1234):  # five minutes of ticks at four a second
        assert screen.tick() is None
    assert len(screen.shown) == 1
    tracebacks = [r for r in records if r.exc_info]
    assert len(tracebacks) == 1
    counted = [r.getMessage() for r in records if not r.exc_info]
    assert [m.split(", ")[1].split(":")[0] for m in counted] == [
        "10 times in a row",
        "100 times in a row",
        "1000 times in a row",
    ]
    screen.broken = None
    assert screen.tick() == 7
    assert "works again after the same error 1234 times" in records[-1].getMessage()
    assert screen.tick() == 7
    assert len(records) == 5


def test_a_different_error_is_logged_and_shown_again(caplog):
    records = caplog.records
    screen = Screen()
    screen.tick()
    screen.tick()
    screen.broken = KeyError("step")
    screen.tick()
    assert len([r for r in records if r.exc_info]) == 2
    assert len(screen.shown) == 2
    screen.broken = None
    screen.tick()
    screen.broken = KeyError("step")
    screen.tick()  # after it worked, the same error is news again
    assert len(screen.shown) == 3
