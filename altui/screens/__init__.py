"""Screens of altui, one per module."""
