"""Keys handled in the order they came, however fast they come.

Textual types a character where the key arrives but runs a key's binding only once the key has
bubbled up to the app, after later keys of a burst (ssh, a laggy link, a fast typist) were
handled: Backspace, Backspace, Enter saved the line with the two characters still in it. The
input boxes (``SafeInput``) and the screens that take keys run a binding the moment its key
arrives (``bind_now``), so a burst does what the same keys typed slowly do.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen

STEP_KEYS = frozenset(["pagedown", "pageup"])
"""A clicker's next and back: they move the meeting from anywhere, whatever is open."""


async def bind_now(screen: Screen[Any], event: events.Key) -> bool:
    """Run the binding ``event``'s key has on ``screen`` (from the focused widget up to the app)
    now, before the next key is handled; whether it had one."""
    bound = screen.active_bindings.get(event.key)
    if bound is None or not bound.enabled:
        return False
    event.stop()
    event.prevent_default()
    await screen.app.run_action(bound.binding.action, bound.node)
    return True
