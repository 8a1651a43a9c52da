"""Widgets of the meeting console, one per module."""
