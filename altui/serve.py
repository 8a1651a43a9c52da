"""``altui serve``: the read-only display in web browsers, through textual-serve.

textual-serve (the optional ``serve`` extra, imported only when serving) runs a command for each
browser that connects: here ``python -m altui --data DIR display SET`` with this Python and this
data folder, so every browser gets its own read-only display following the meeting.
"""

from __future__ import annotations

import asyncio
import shlex
import socket
import sys
from typing import Any

from altui.errors import AltuiError
from altui.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MISSING_EXTRA = "serving needs the serve extra: pip install 'altui[serve]'"
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}


def server_class() -> type[Any]:
    """textual-serve's ``Server``, or a one-line AltuiError saying how to install it."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise AltuiError(MISSING_EXTRA) from None
    return Server


def display_command(store: Store, set_name: str) -> str:
    """The shell command that runs the display of ``set_name`` on ``store``'s data folder."""
    return shlex.join(
        [
            sys.executable,
            "-m",
            "altui",
            "--data",
            str(store.root.resolve()),
            "display",
            "--",
            set_name,
        ]
    )


def public_url(host: str, port: int) -> str:
    """The address browsers open (and the page's websocket uses).

    Listening on every interface, that is this machine's name, which other machines can use.
    """
    name = socket.gethostname() if host in WILDCARD_HOSTS else host
    if ":" in name:
        name = f"[{name}]"  # an IPv6 address
    return f"http://{name}:{port}"


def check_port(host: str, port: int) -> None:
    """Fail in one line now, before anything is printed, if ``host:port`` cannot be listened on."""
    try:
        found = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as exc:
        raise AltuiError(f"cannot serve on {host!r}: {exc.strerror}") from None
    family, kind, proto, _, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(address)
        except OSError as exc:
            raise AltuiError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def serve_display(
    store: Store,
    set_name: str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
) -> None:
    """Serve the display of ``set_name``'s meetings (waiting for one, following it, then
    waiting for the next) until Ctrl+C (or SIGTERM).

    Everything a user can fix (no extra, unknown set, port taken) is an AltuiError raised
    before the server starts; once it is up, one line gives the address.
    """
    base = server_class()
    the_set = store.find_set(set_name)
    check_port(host, port)
    url = public_url(host, port)

    # The base is textual-serve's Server, imported on use (an optional extra), so mypy cannot
    # see it as a type here.
    class DisplayServer(base):  # type: ignore[misc, valid-type]
        """textual-serve's server, with altui's start line and a prompt stop."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.sessions: set[asyncio.Task[Any]] = set()

        async def on_startup(self, app: Any) -> None:
            """One line with the address, instead of textual-serve's banner."""
            line = f"Serving the display of {the_set.name!r} at {url} (read only; Ctrl+C stops)"
            print(line, flush=True)

        async def handle_websocket(self, request: Any) -> Any:
            """One browser's display, remembered so that stopping can end it."""
            task = asyncio.current_task()
            if task is None:
                return await super().handle_websocket(request)
            self.sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(task)

        async def on_shutdown(self, app: Any) -> None:
            """Ctrl+C: end every browser's display now (each quits its app), not after a wait."""
            for task in list(self.sessions):
                task.cancel()

    server = DisplayServer(
        display_command(store, the_set.name),
        host=host,
        port=port,
        title=f"altui · {the_set.name}",
        public_url=url,
    )
    server.serve()
