"""altui: run a live Action Learning set meeting on the room's shared screen."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("altui")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"
