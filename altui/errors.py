"""The one exception type whose message is meant for the user."""


class AltuiError(Exception):
    """A problem the user can fix; its message is one plain line, shown without a traceback."""
