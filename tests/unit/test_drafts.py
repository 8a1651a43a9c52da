"""Drafts: what they hold on disk, and DraftKeeper saving them off the event loop, newest last,
failures logged."""

from __future__ import annotations

import logging
import threading

import pytest

from altui.drafts import Draft, DraftKeeper


class SlowDisk:
    """A save that can be held (to pile texts up behind it) and that records what it wrote."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.release = threading.Event()
        self.release.set()
        self.entered = threading.Event()

    def save(self, draft: Draft) -> None:
        self.entered.set()
        self.release.wait(5)
        self.written.append(draft.text)


def test_the_text_is_saved_and_settle_waits_for_it() -> None:
    disk = SlowDisk()
    keeper = DraftKeeper(disk.save)
    keeper.keep(Draft("half a thought"))
    assert keeper.settle()
    assert disk.written == ["half a thought"]


def test_texts_waiting_behind_a_slow_save_are_replaced_by_the_newest() -> None:
    disk = SlowDisk()
    disk.release.clear()
    keeper = DraftKeeper(disk.save)
    keeper.keep(Draft("a"))
    assert disk.entered.wait(5)
    for text in ("ab", "abc", "abcd"):
        keeper.keep(Draft(text))
    disk.release.set()
    assert keeper.settle()
    assert disk.written == ["a", "abcd"]


def test_the_empty_text_after_enter_is_never_overtaken_by_an_older_draft() -> None:
    disk = SlowDisk()
    disk.release.clear()
    keeper = DraftKeeper(disk.save)
    keeper.keep(Draft("saved line"))
    assert disk.entered.wait(5)
    keeper.keep(Draft(""))
    disk.release.set()
    assert keeper.settle()
    assert disk.written[-1] == ""


def test_settle_says_when_a_save_is_still_going() -> None:
    disk = SlowDisk()
    disk.release.clear()
    keeper = DraftKeeper(disk.save)
    keeper.keep(Draft("stuck"))
    assert disk.entered.wait(5)
    assert not keeper.settle(timeout=0.05)
    disk.release.set()
    assert keeper.settle()


def test_a_failed_save_is_logged_and_the_next_one_still_goes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    written: list[str] = []

    def save(draft: Draft) -> None:
        if draft.text == "bad":
            raise OSError(28, "No space left on device")
        written.append(draft.text)

    keeper = DraftKeeper(save)
    with caplog.at_level(logging.WARNING, logger="altui"):
        keeper.keep(Draft("bad"))
        assert keeper.settle()
        keeper.keep(Draft("good"))
        assert keeper.settle()
    assert written == ["good"]
    assert "draft not saved" in caplog.text


@pytest.mark.parametrize(
    "draft",
    [
        Draft("half a thought 🎯"),
        Draft("better wording", editing="item-1"),
        Draft("", editing="item-1"),  # an edit emptied to delete its item
        Draft("NOTE FOR BEN", commitment="action-7"),
        Draft('{"text": "x"}'),
    ],
)
def test_a_draft_reads_back_as_written(draft: Draft) -> None:
    assert Draft.from_bytes(draft.to_bytes()) == draft


@pytest.mark.parametrize(
    "text", ["left by an older altui", "[1, 2]", '{"text": 3}', "{}", "{}x", ""]
)
def test_a_file_that_is_no_drafts_object_is_its_text(text: str) -> None:
    assert Draft.from_bytes(text.encode()) == Draft(text)
