"""DraftKeeper: drafts saved off the event loop, newest last, failures logged."""

from __future__ import annotations

import logging
import threading

import pytest

from altui.drafts import DraftKeeper


class SlowDisk:
    """A save that can be held (to pile texts up behind it) and that records what it wrote."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.release = threading.Event()
        self.release.set()
        self.entered = threading.Event()

    def save(self, text: str) -> None:
        self.entered.set()
        self.release.wait(5)
        self.written.append(text)


def test_the_text_is_saved_and_settle_waits_for_it() -> None:
    disk = SlowDisk()
    keeper = DraftKeeper(disk.save)
    keeper.keep("half a thought")
    assert keeper.settle()
    assert disk.written == ["half a thought"]


def test_texts_waiting_behind_a_slow_save_are_replaced_by_the_newest() -> None:
    disk = SlowDisk()
    disk.release.clear()
    keeper = DraftKeeper(disk.save)
    keeper.keep("a")
    assert disk.entered.wait(5)
    for text in ("ab", "abc", "abcd"):
        keeper.keep(text)
    disk.release.set()
    assert keeper.settle()
    assert disk.written == ["a", "abcd"]


def test_the_empty_text_after_enter_is_never_overtaken_by_an_older_draft() -> None:
    disk = SlowDisk()
    disk.release.clear()
    keeper = DraftKeeper(disk.save)
    keeper.keep("saved line")
    assert disk.entered.wait(5)
    keeper.keep("")
    disk.release.set()
    assert keeper.settle()
    assert disk.written[-1] == ""


def test_settle_says_when_a_save_is_still_going() -> None:
    disk = SlowDisk()
    disk.release.clear()
    keeper = DraftKeeper(disk.save)
    keeper.keep("stuck")
    assert disk.entered.wait(5)
    assert not keeper.settle(timeout=0.05)
    disk.release.set()
    assert keeper.settle()


def test_a_failed_save_is_logged_and_the_next_one_still_goes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    written: list[str] = []

    def save(text: str) -> None:
        if text == "bad":
            raise OSError(28, "No space left on device")
        written.append(text)

    keeper = DraftKeeper(save)
    with caplog.at_level(logging.WARNING, logger="altui"):
        keeper.keep("bad")
        assert keeper.settle()
        keeper.keep("good")
        assert keeper.settle()
    assert written == ["good"]
    assert "draft not saved" in caplog.text
