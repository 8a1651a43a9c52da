"""``altui check``: read every file of the data folder and say what was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from altui.errors import AltuiError
from altui.files import privacy_warnings
from altui.store import SET_FILE, Store
from altui.text import count


@dataclass
class Findings:
    """What a check found: lines to print, how many of them are problems, and where the
    backups of the sets with problems are."""

    lines: list[str] = field(default_factory=list)
    problems: int = 0
    backups: list[Path] = field(default_factory=list)
    """The backups folders of the sets with problems, to restore their files from."""

    def problem(self, text: str) -> None:
        """Record something wrong."""
        self.lines.append(f"problem  {text}")
        self.problems += 1

    def ok(self, text: str) -> None:
        """Record something fine."""
        self.lines.append(f"ok       {text}")


def check_data(store: Store) -> Findings:
    """Read every set and meeting file without changing anything."""
    found = Findings()
    root = store.root
    if not root.is_dir():
        found.ok(f"{root}: no data folder yet (it is created when you make a set)")
        return found
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        before = found.problems
        if (folder / SET_FILE).exists():
            _check_set(store, folder.name, found)
        else:
            found.problem(f"{folder}: a folder without {SET_FILE} (not an altui set?)")
        if found.problems > before:
            found.backups.append(store.backups_folder(folder.name))
    for warning in privacy_warnings(store.root):
        found.problem(warning)
    return found


def _check_set(store: Store, slug: str, found: Findings) -> None:
    """The set's own file, then every meeting file, each read once (a damaged set.json does
    not stop its meetings being checked)."""
    try:
        the_set = store.set_at(slug)
    except AltuiError as exc:
        found.problem(str(exc))
        the_set = None
    items = meetings = 0
    for number in store.meeting_numbers(slug):
        try:
            meeting = store.meeting(slug, number)
            items += len(store.items(meeting))
            store.reviews(meeting)
            meetings += 1
        except AltuiError as exc:
            found.problem(str(exc))
    for old in store.needs_upgrade(slug):
        found.ok(f"{old}: written by an older altui; upgraded (after a backup) when next opened")
    for stray in store.stale_temp_files(slug):
        found.problem(f"{stray}: a temporary file left by an interrupted save (safe to delete)")
    if the_set is not None:
        found.ok(
            f"{the_set.name}: {count(len(the_set.members), 'member')}, "
            f"{count(meetings, 'meeting')}, {count(items, 'item')}"
        )
