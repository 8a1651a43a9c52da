"""Screens of altui, one per module."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # altui.app imports the screens: at run time this would be a cycle
    from textual.dom import DOMNode

    from altui.app import Altui


def altui_app(node: DOMNode) -> Altui:
    """The running app as altui's own (``node.app`` is typed as any Textual App).

    Only altui runs these screens, so the cast holds; it keeps altui's methods type-checked.
    """
    return cast("Altui", node.app)
