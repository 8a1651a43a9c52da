"""What the console's one-line texts and its footer say, and that nothing covers the end dialog."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from altui.app import make_app
from altui.meetings import start_or_resume
from altui.screens.asks import EndMeeting
from tests.builders import BEN, CHLOE, close, commit, hold, step_of

STATUS_CHOICES = ["1 done", "2 partly", "3 not done", "4 dropped", "5 carried forward"]
EDIT_KEYS = ["Enter saves", "empty deletes", "Esc no change", "Tab kind", "Ctrl+O move"]


def prompt_lines(screen) -> list[str]:
    """The prompt line as drawn: its rows (checked to be the rows its text holds)."""
    prompt = screen.query_one("#prompt", Static)
    lines = str(prompt.render()).splitlines()
    assert prompt.size.height == len(lines), "the text was wrapped again inside a key"
    return lines


def each_key_whole(lines: list[str], keys: list[str]) -> None:
    for key in keys:
        assert any(key in line for line in lines), (key, lines)


@pytest.mark.parametrize(("size", "rows"), [((120, 36), 1), ((80, 24), 2)])
async def test_the_edit_prompt_fits_one_line_at_120(console, meeting, size, rows):
    async with console.run_test(size=size) as pilot:
        console.screen.live.go_to(step_of(meeting, "Clarifying questions", "Ana Silva"))
        console.screen.show_step()
        await pilot.press(*"Who else knows", "enter", "up")
        await pilot.pause()
        lines = prompt_lines(console.screen)
        assert len(lines) == rows
        assert lines[0].startswith("Editing 1 of 1 · clarifying: Enter saves")
        each_key_whole(lines, EDIT_KEYS)


@pytest.mark.parametrize(("size", "rows"), [((120, 36), 1), ((80, 24), 2)])
async def test_the_report_back_question_fits_one_line_at_120(store, the_set, clock, size, rows):
    first, _ = hold(store, the_set, clock, [commit(CHLOE, "Call the director")], (CHLOE, BEN))
    close(store, clock, first)
    second = start_or_resume(store, the_set, clock, presenters=[BEN])
    app = make_app(store, clock, the_set, second)
    async with app.run_test(size=size) as pilot:
        await pilot.press("pagedown", "tab")  # check-in -> report back; what became of it?
        await pilot.pause()
        lines = prompt_lines(app.screen)
        assert len(lines) == rows
        assert lines[0].startswith("Chloé Martin's commitment:")
        each_key_whole(lines, [*STATUS_CHOICES, "Esc no change"])


def footer_says(screen) -> list[str]:
    return [key.description for key in screen.query(FooterKey)]


async def test_the_footer_says_resume_while_the_clock_is_paused(console):
    async with console.run_test(size=(120, 36)) as pilot:
        assert "Pause" in footer_says(console.screen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert console.screen.live.paused
        assert "Resume" in footer_says(console.screen)
        assert "Pause" not in footer_says(console.screen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not console.screen.live.paused
        assert "Pause" in footer_says(console.screen)
        await pilot.press("ctrl+t", "ctrl+z")  # undo resumes the clock: the footer follows
        await pilot.pause(0.5)
        assert not console.screen.live.paused
        assert "Pause" in footer_says(console.screen)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_toasts_never_cover_the_end_dialog(console, size):
    async with console.run_test(size=size, notifications=True) as pilot:
        console.notify("Not saved: the disk is full", severity="error", timeout=30)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(console.screen, EndMeeting)
        console.notify("Another thing went wrong", severity="error", timeout=30)
        await pilot.pause(0.3)
        dialog = console.screen.query_one("EndMeeting > Vertical").region
        toasts = [toast.region for toast in console.screen.query(Toast)]
        assert len(toasts) == 1  # the newer took the place of the older: one at a time
        for toast in toasts:
            assert not toast.overlaps(dialog), (toast, dialog)


@pytest.mark.parametrize(("size", "shown"), [((120, 36), True), ((80, 24), False)])
async def test_a_learning_typed_in_report_back_shows_under_the_commitments(
    store, the_set, clock, size, shown
):
    """A learning typed in report back is an item of the step, not a note on the commitment:
    it is listed under the commitments (at 80x24 they keep every row, and the line says so)."""
    first, _ = hold(store, the_set, clock, [commit(CHLOE, "Call the director")], (CHLOE, BEN))
    close(store, clock, first)
    second = start_or_resume(store, the_set, clock, presenters=[BEN])
    app = make_app(store, clock, the_set, second)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("pagedown", *"* asking early helps", "enter")
        await pilot.pause()
        screen = app.screen
        items = screen.query_one("#items")
        assert items.display is shown
        assert "asking early helps" in str(items.get_option_at_index(0).prompt)
        commitments = screen.query_one("#commitments")
        assert commitments.display and commitments.content_region.height >= 2
        said = [str(n.message) for n in app._notifications]
        assert said[-1].startswith("Saved as an item of this step (learning), not as a note")
        assert not screen.live.commitments()[0].notes
