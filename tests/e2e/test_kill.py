"""End to end in a real terminal: altui runs in tmux and is killed with SIGKILL at awkward moments.

Nothing typed and confirmed on screen may be lost, the meeting file must always be valid JSON, a
killed console's lock is taken over, and a second console on the same meeting is refused.

tmux runs on a socket of its own (``tmux -L altui-e2e-<random>``) with its own config file, so no
other tmux session is ever touched; the server is killed when each test ends.
Set ``ALTUI_E2E_KILLS`` for more rounds of the random-kill test (default 5).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import time
from pathlib import Path

from altui.drafts import Draft
from tests.e2e.terminal import (
    MEETING,
    POLL,
    STEP_COUNT,
    TIMEOUT,
    Tmux,
    altui_command,
    clean_env,
    draft_of,
    entry_line,
    in_panel,
    items_of,
    load_meeting,
    meeting_file,
    next_step,
    notes_of,
    open_demo,
    panel_lines,
    shown_step,
    submit,
    tmp_files,
    wait_for_file,
)

KILLS = int(os.environ.get("ALTUI_E2E_KILLS", "5"))
SEED = int(os.environ.get("ALTUI_E2E_SEED", "20261125"))


# the tests ------------------------------------------------------------------------------------


def test_kill_after_items_loses_nothing(term: Tmux, data: Path) -> None:
    screen = open_demo(term, data)
    assert "Check-in · step 1 of 21" in screen

    submit(term, "Mark [b]x[/b] up")  # markup stays text, on screen and on disk
    submit(term, "Aim 🎯 high")
    submit(term, "? Why now?", shown="Why now?")  # the ? makes it a question, and is stripped
    next_step(term)
    screen = next_step(term)
    assert "Bids for time · step 3 of 21" in screen
    submit(term, "Last one #4 [i]!")
    term.kill()

    doc = load_meeting(data)
    assert items_of(doc) == [
        (0, "note", "Mark [b]x[/b] up"),
        (0, "note", "Aim 🎯 high"),
        (0, "question", "Why now?"),
        (2, "note", "Last one #4 [i]!"),
    ]
    assert doc["meeting"]["1"]["current"] == 2
    assert tmp_files(data) == []
    assert not (data / MEETING / "0002.draft").exists()

    screen = open_demo(term, data)  # takes over the dead console's lock
    assert "▶ Bids" in screen, screen
    assert "Bids for time · step 3 of 21" in screen, screen
    assert in_panel(screen, "Last one #4 [i]!"), screen

    term.press("C-q")
    term.wait_dead()
    assert term.exit_status() == 0, term.screen()
    assert not (data / MEETING / "0002.lock").exists()
    assert items_of(load_meeting(data)) == items_of(doc)


def test_unsent_text_survives_a_kill(term: Tmux, data: Path) -> None:
    open_demo(term, data)
    draft = data / MEETING / "0002.draft"
    text = "half a thought 🎯 [b]about[/b] #time"
    term.send_text(text)
    term.wait_until(lambda s: text in entry_line(s), "the text in the entry box")

    deadline = time.monotonic() + 2.5  # saved "within about a second"
    while draft_of(data) != Draft(text):
        assert time.monotonic() < deadline, f"no draft after 2.5 s: {draft.exists()}"
        time.sleep(POLL)
    term.kill()

    assert draft_of(data) == Draft(text)
    assert items_of(load_meeting(data)) == []

    open_demo(term, data)
    screen = term.wait_until(lambda s: text in entry_line(s), "the draft back in the entry box")
    assert not in_panel(screen, text), screen

    term.press("Enter")  # the restored text is sent like any other, and the draft goes
    submit_screen = term.wait_until(lambda s: in_panel(s, text), "the draft as an item")
    assert text not in entry_line(submit_screen)
    assert items_of(load_meeting(data)) == [(0, "note", text)]
    deadline = time.monotonic() + TIMEOUT
    while draft.exists():
        assert time.monotonic() < deadline, "draft still there after the line was saved"
        time.sleep(POLL)


def test_an_edit_in_progress_survives_a_kill_in_edit_mode(term: Tmux, data: Path) -> None:
    open_demo(term, data)
    submit(term, "Ben is worried")
    term.press("Up")
    term.wait_until(lambda s: "Editing 1 of 1" in s, "editing the item")
    term.send_text(" about money")
    text = "Ben is worried about money"
    term.wait_until(lambda s: text in entry_line(s), "the edit in the entry box")
    deadline = time.monotonic() + 2.5
    while draft_of(data).text != text:
        assert time.monotonic() < deadline, f"no draft after 2.5 s: {draft_of(data)}"
        time.sleep(POLL)
    term.kill()

    assert items_of(load_meeting(data)) == [(0, "note", "Ben is worried")]
    screen = open_demo(term, data)
    screen = term.wait_until(lambda s: text in entry_line(s), "the edit back in the box")
    assert "Editing 1 of 1" in screen, screen
    term.press("Enter")
    term.wait_until(lambda s: in_panel(s, text), "the edit saved")
    assert items_of(load_meeting(data)) == [(0, "note", text)]


def test_a_report_back_note_survives_a_kill_on_its_commitment(term: Tmux, data: Path) -> None:
    open_demo(term, data)
    term.press("PageDown")
    term.wait_until(lambda s: "Report back" in s and "step 2 of" in s, "the report back")
    term.press("Down", "Down")
    term.send_text("NOTE FOR BEN")
    term.wait_until(lambda s: "NOTE FOR BEN" in entry_line(s), "the note in the box")
    deadline = time.monotonic() + 2.5
    while draft_of(data).text != "NOTE FOR BEN":
        assert time.monotonic() < deadline, f"no draft after 2.5 s: {draft_of(data)}"
        time.sleep(POLL)
    term.kill()

    open_demo(term, data)
    term.wait_until(lambda s: "NOTE FOR BEN" in entry_line(s), "the note back in the box")
    term.press("Enter")
    doc = wait_for_file(data, notes_of, "the note saved")
    (review,) = doc["reviews"].values()
    assert review["note"] == "NOTE FOR BEN"
    first = json.loads((data / MEETING / "0001.json").read_text(encoding="utf-8"))
    (action,) = [i for i in first["items"].values() if i["id"] == review["action_id"]]
    assert action["text"] == "Talk to two people who have held the role"  # Ben's, not Amira's


def test_kills_at_random_moments_lose_no_confirmed_item(term: Tmux, data: Path) -> None:
    """Open, type an item, maybe change step, kill 0-300 ms later; again, ALTUI_E2E_KILLS times.

    Every line the screen showed saved before the kill is in the file (an item, under the step
    it was typed in, or in report back a commitment's note); the file is valid JSON after every
    kill; nothing is saved twice or half.
    """
    rng = random.Random(SEED)
    typed_at: dict[str, int] = {}  # item text -> the step (0-based) it was typed in
    confirmed: list[str] = []
    log: list[str] = []
    for round_ in range(KILLS):
        restored = draft_of(data).text
        screen = open_demo(term, data)  # takes over the killed console's lock
        if restored:
            assert restored in entry_line(screen), (log, screen)
            term.press("End", "C-u")  # the next item starts on an empty line
            term.wait_until(lambda s: "Enter saves" in entry_line(s), "an empty entry box")
        step = shown_step(screen) - 1
        moves = 0
        if rng.random() < 0.25 and step < STEP_COUNT - 1:
            next_step(term)
            step, moves = step + 1, 1
        text = f"item-{round_}"
        term.type_line(text)
        typed_at[text] = step
        page_down = rng.random() < 0.3
        if page_down:
            term.press("PageDown")
            moves += 1
        pause = rng.uniform(0, 0.3)
        time.sleep(pause)
        last = term.screen()
        pid = term.kill()
        seen = in_panel(last, text)
        if seen:
            confirmed.append(text)

        doc = load_meeting(data)  # valid JSON after every kill
        current = doc["meeting"]["1"]["current"]
        item_texts, notes = [t for _, _, t in items_of(doc)], notes_of(doc)
        saved = item_texts + notes  # in report back, a line is saved as a commitment's note
        where = "item" if text in item_texts else "note" if text in notes else "no"
        log.append(
            f"round {round_}: pid {pid}, draft {restored!r}, typed at step {step}, "
            f"PageDown after: {page_down}, killed after {pause:.3f}s, seen: {seen}, "
            f"saved: {where}, current: {current}"
        )
        assert shown_step(last) - 1 <= current <= step + page_down, (log, last)
        missing = [t for t in confirmed if t not in saved]
        assert not missing, (missing, log)

    print("\n".join(log))  # shown with -s, or when the test fails
    doc = load_meeting(data)
    items = items_of(doc)
    texts = [t for _, _, t in items] + notes_of(doc)  # in report back a line is a note
    assert set(confirmed) <= set(texts), log
    assert len(texts) == len(set(texts)), f"an item saved twice: {texts}"
    assert set(texts) <= set(typed_at), f"an item nobody typed: {texts}"
    wrong_step = [(t, s, typed_at[t]) for s, _, t in items if s != typed_at[t]]
    assert not wrong_step, f"items filed under another step (text, saved, typed): {wrong_step}"

    screen = open_demo(term, data)  # one more takeover, then a clean quit
    term.press("C-q")
    term.wait_dead()
    assert term.exit_status() == 0, screen
    assert not (data / MEETING / "0002.lock").exists()


def test_second_console_on_the_same_meeting_is_refused(term: Tmux, data: Path) -> None:
    open_demo(term, data)
    holder = term.pid()
    before = meeting_file(data).read_bytes()
    lock_before = (data / MEETING / "0002.lock").read_bytes()

    second = subprocess.run(
        [*altui_command(), "--data", str(data), "meet", "Demo set"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=data.parent,
        timeout=30,
        check=False,
    )
    assert second.returncode == 2, second
    lines = second.stderr.splitlines()
    assert len(lines) == 1, second.stderr
    assert lines[0].startswith("altui:"), lines
    assert "already open" in lines[0], lines
    assert str(holder) in lines[0], lines
    assert meeting_file(data).read_bytes() == before
    assert (data / MEETING / "0002.lock").read_bytes() == lock_before
    assert not term.dead(), "the first console died"


def test_lines_typed_quickly_stay_separate_items(term: Tmux, data: Path) -> None:
    """Keys that arrive together (fast typing over ssh, a busy machine) keep every Enter.

    The eight-odd keys go to the terminal in one tmux command, so altui reads them in one go.
    """
    open_demo(term, data)
    target = ("-t", term.session)
    term.tmux(
        "send-keys", *target, "-l", "--", "first line", ";",
        "send-keys", *target, "Enter", ";",
        "send-keys", *target, "-l", "--", "second line", ";",
        "send-keys", *target, "Enter",
    )  # fmt: skip
    screen = term.wait_until(
        lambda s: "second" in " ".join(panel_lines(s)) and "Enter saves" in entry_line(s),
        "the lines saved and the entry box empty again",
    )
    saved = [t for _, _, t in items_of(load_meeting(data))]
    assert saved == ["first line", "second line"], f"an Enter was lost: {saved}\n{screen}"
