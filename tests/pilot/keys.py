"""Keys as a terminal sends them, one by one or in one read (a burst)."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot

CHARACTERS = {"enter": "\r", "tab": "\t", "escape": "\x1b", "backspace": "\x7f", "ctrl+u": "\x15"}
"""What the terminal sends for the named keys that carry a character."""


def post(app: App[None], key: str) -> None:
    """Post ``key`` as the terminal sends it: a character (``"."``, ``"a"``) or Textual's name
    for the key (``"enter"``, ``"ctrl+u"``)."""
    if len(key) == 1:
        app.post_message(events.Key(_character_to_key(key), key))
    else:
        app.post_message(events.Key(key, CHARACTERS.get(key)))


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.pause()


async def at_once(app: App[None], pilot: Pilot[None], *keys: str) -> None:
    """``keys`` arriving in one read: all are posted before the first is handled."""
    for key in keys:
        post(app, key)
    await settle(pilot)


async def slowly(app: App[None], pilot: Pilot[None], *keys: str) -> None:
    """``keys`` typed one by one, each handled before the next comes."""
    for key in keys:
        post(app, key)
        await settle(pilot)
