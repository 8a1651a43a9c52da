"""altui: run a live Action Learning set meeting on the room's shared screen."""

__version__ = "0.1.0"
