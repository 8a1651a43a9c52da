"""The small questions share one shape: a bold question, then their keys in one muted style."""

from __future__ import annotations

from pathlib import Path

from altui.app import make_app
from altui.screens.asks import ChoosePlace, EndMeeting
from altui.screens.confirm import ConfirmScreen
from altui.screens.dialog import Dialog, Keys
from altui.screens.members import LeavingScreen, MembersScreen
from altui.screens.prompt import PromptScreen

SCREENS = Path(__file__).resolve().parents[2] / "altui" / "screens"


def questions(the_set, store):
    return [
        ConfirmScreen("Remove Ana Silva from the set?", "Past meetings keep their record."),
        LeavingScreen("Ana Silva", 2),
        PromptScreen("Rename Ana Silva", "Ana Silva", "A name"),
        EndMeeting("End meeting 1 of Team Tiger?", "Everything is saved."),
        ChoosePlace("A question", [("a", "Ana Silva"), ("b", "Ben Okafor")]),
    ]


async def test_every_question_says_its_keys_alike(store, the_set, clock):
    app = make_app(store, clock)
    seen = set()
    async with app.run_test(size=(100, 30)) as pilot:
        for screen in questions(the_set, store):
            await app.push_screen(screen)
            await pilot.pause()
            (hint,) = screen.query(Keys)
            seen.add((hint.rich_style.color, hint.rich_style.bold))
            app.pop_screen()
            await pilot.pause()
    assert len(seen) == 1


def test_the_centred_box_is_drawn_only_by_dialog():
    boxed = sorted(
        path.name
        for path in SCREENS.glob("*.py")
        if path.name != "dialog.py" and "border: thick" in path.read_text(encoding="utf-8")
    )
    assert boxed == ["asks.py", "help.py"]  # docked over the console, not in the middle
    for screen in (ConfirmScreen, LeavingScreen, PromptScreen, MembersScreen):
        assert issubclass(screen, Dialog)
