"""Typing is always safe: ordinary sentences typed into the console, from every state it can be
in, become exactly one item each, word for word, and change nothing else.

A real terminal (tmux) runs ``altui demo``; the sentences are sent as bursts, as a fast typist or
a paste would send them. Between bursts the test presses the keys that put the console in each
state a facilitator meets: just started, after Escape, after PageDown/PageUp, after a question
closes, after blank, after a restart, and in report back (where a line is a note on the
highlighted commitment).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from tests.e2e.terminal import (
    MEETING,
    Tmux,
    entry_line,
    in_panel,
    items_of,
    load_meeting,
    notes_of,
    open_demo,
    wait_for_file,
)

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Pack my box with five dozen liquor jugs?",
    "We need 3 more weeks - maybe 4 + a buffer.",
    "Sphinx of black quartz, judge my vow.",
    "Budget is 120000 euros, not 90000.",
    "n p e y v t i f b q are just letters here",
    "Escape then typing must stay typing.",
    "Ben will call the supplier on Monday at 9.",
    "Zoe asked what you would regret most?",
    "Next step is to map who decides what.",
    "I think we need to plan this properly",
    "let me see your notes",
    "done",
    "See you in January",
    "2 + 2 - 1 = 3, and 7 or 8 people came.",
    "Jack quietly moved up front and seized the big ball of wax.",
    "How vexingly quick daft zebras jump!",
    "What is the real deadline - June or July?",
    "The director said yes, then no, then maybe.",
    "She tried 5 times and kept a log.",
    "Whose problem is it, really?",
    "Quiet people were asked first.",
    "End of the first round. Break next.",
    "1 2 3 4 5 6 7 8 9 0",
    "We could try a pilot in the Oxford office.",
    "Fix the rota before Friday.",
    "Give me a minute + then we start.",
    "Yes, and the union rep joined - good.",
    "Keep the private view private.",
    "Hmm... not sure that helps?",
    "Very good question, let us wait with it.",
    "Xavier explained the quarterly numbers.",
]
PRIVATE = "#private remark zq"


def meeting_now(data: Path) -> dict[str, Any]:
    return load_meeting(data)["meeting"]["1"]


def burst(term: Tmux, sentences: list[str]) -> None:
    """Type each sentence and press Enter, as fast as tmux sends keys."""
    for sentence in sentences:
        term.send_text(sentence)
        term.press("Enter")


def unchanged_but_items(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Step, clock, minutes and status are as they were: only items were added."""
    assert after["current"] == before["current"]
    assert after["status"] == "running"
    fields = ("minutes", "added", "running_since", "spent", "visited")
    assert [[s[f] for f in fields] for s in after["steps"]] == [
        [s[f] for f in fields] for s in before["steps"]
    ]


def test_sentences_typed_in_every_state_are_items_and_nothing_else(term: Tmux, data: Path):
    phases: list[tuple[str, list[str]]] = [
        ("just started", []),
        ("after Escape", ["Escape"]),
        ("after PageDown and PageUp", ["PageDown", "PageUp"]),
        ("after the key list closes", ["F1", "Escape"]),
        ("after the end question closes", ["F9", "Escape"]),
        ("after blank", ["C-l", "Escape"]),
    ]
    chunks = [CORPUS[n : n + 4] for n in range(0, len(CORPUS), 4)]
    screen = open_demo(term, data)
    term.type_line(PRIVATE)
    expected: list[str] = [PRIVATE[1:]]
    wait_for_file(data, lambda d: len(items_of(d)) == 1, "the private note")
    for (name, keys), sentences in zip(phases, chunks, strict=False):
        if keys:
            term.press(*keys)
            time.sleep(0.3)  # let a key that opens a screen be handled first
        before = meeting_now(data)
        burst(term, sentences)
        expected += sentences
        count = len(expected)
        doc = wait_for_file(data, lambda d, n=count: len(items_of(d)) >= n, name)
        assert [text for _, _, text in items_of(doc)] == expected, name
        unchanged_but_items(before, doc["meeting"]["1"])
        assert not (data / MEETING / "0002.blank").exists(), name
        # the file can be written a frame before the entry line is cleared on screen
        screen = term.wait_until(lambda s: "private remark" not in s, f"{name}: no private text")
        assert "This meeting has ended" not in screen and "is closed" not in screen, name

    # after a restart (kill -9): the same again
    term.kill()
    open_demo(term, data)
    before = meeting_now(data)
    restart = chunks[len(phases)]
    burst(term, restart)
    expected += restart
    doc = wait_for_file(data, lambda d: len(items_of(d)) >= len(expected), "after a restart")
    assert [text for _, _, text in items_of(doc)] == expected
    unchanged_but_items(before, doc["meeting"]["1"])

    # in report back: each line is a note on the highlighted commitment, nothing else changes
    term.press("PageDown")
    wait_for_file(data, lambda d: d["meeting"]["1"]["current"] == 1, "report back")
    time.sleep(0.3)
    before = meeting_now(data)
    notes = chunks[len(phases) + 1]
    burst(term, notes)
    doc = wait_for_file(data, lambda d: len(notes_of(d)) >= len(notes), "report back notes")
    assert notes_of(doc) == notes
    assert all(r.get("status") is None for r in doc["reviews"].values())
    assert [text for _, _, text in items_of(doc)] == expected
    unchanged_but_items(before, doc["meeting"]["1"])
    assert "private remark" not in term.screen()
    assert len(expected) - 1 + len(notes) >= 30


def test_a_paste_holding_colours_and_line_breaks_is_one_shown_line_until_enter(
    term: Tmux, data: Path
):
    """Text copied with its colours holds ESC; Textual read what followed a pasted ESC as keys,
    so the paste's Tab changed the kind and its line break saved it. Now the paste is one line
    in the box, its controls shown as symbols, and Enter saves it as shown."""
    open_demo(term, data)
    before = meeting_now(data)
    pasted = "copied \x1b[31mred\x1b[0m\x07\tand\nthe next line\n"
    shown = "copied ␛[31mred␛[0m␇ and the next line"
    term.tmux("set-buffer", "-b", "colours", pasted)
    term.tmux("paste-buffer", "-p", "-b", "colours", "-t", term.session)  # as a terminal pastes
    term.wait_until(lambda s: shown in entry_line(s), "the paste, one line, in the entry line")
    time.sleep(0.5)  # anything the paste set off has happened
    assert items_of(load_meeting(data)) == []
    assert "Note" in entry_line(term.screen())  # the kind the step starts with
    term.press("Enter")
    doc = wait_for_file(data, lambda d: len(items_of(d)) == 1, "the pasted line saved")
    assert items_of(doc) == [(0, "note", shown)]
    unchanged_but_items(before, doc["meeting"]["1"])
    term.wait_until(lambda s: in_panel(s, shown), "the item, as shown, in the panel")
