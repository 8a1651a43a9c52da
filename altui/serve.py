"""``altui serve``: the read-only display in web browsers, through textual-serve.

textual-serve (the optional ``serve`` extra, imported only when serving) runs a command for each
browser that connects: here ``python -m altui --data DIR display SET`` with this Python and this
data folder, so every browser gets its own read-only display following the meeting.

Around textual-serve's server (subclassed, not forked) altui adds what a meeting needs:
- every request must name this server (``Host``: its address, this machine's names when it
  listens on every interface, or a name allowed with ``--allow-host``) and, when it comes from a
  page, come from this server's page (``Origin``): another site open in a browser, or a
  DNS-rebinding page, cannot watch the meeting; the page refers to the address it was opened at;
- at most ``max_viewers`` displays at once, each no larger than ``MAX_SIZE`` however large a
  terminal the browser asks for;
- the page asks nothing of any other host: its font comes from here, and a content security
  policy tells the browser to refuse anything else.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import re
import shlex
import socket
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from altui.errors import AltuiError
from altui.store import Store
from altui.text import count, visible

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_VIEWERS = 12
"""Browsers watching at once unless told otherwise: a set plus a few (a display costs ~50 MiB)."""
MIN_SIZE = (20, 5)
DEFAULT_SIZE = (80, 24)
"""What a browser gets when it asks for no size, or for one that is not a number."""
MAX_SIZE = (300, 100)
"""The largest terminal (columns, rows) a browser may ask for; a bigger one costs memory and CPU."""
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
HOST_HEADER = re.compile(r"(?P<name>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(?P<port>[0-9]{1,5}))?")
ORIGIN_HEADER = re.compile(r"http://(?P<host>[^/?#]+)")
EXTERNAL_LINK = re.compile(r"<link\b[^>]*\bhref=\"(?:https?:)?//[^\"]*\"[^>]*>", re.IGNORECASE)
SVG_NAMESPACE = ' xmlns="http://www.w3.org/2000/svg"'
"""Not a request, but not needed either in an HTML page: dropped, so the page names no host."""
FONTS = {
    "normal": "RobotoMono-VariableFont_wght.ttf",
    "italic": "RobotoMono-Italic-VariableFont_wght.ttf",
}
"""The page's font, as textual-serve ships it in its static folder (it links Google's instead)."""


def server_class() -> type[Any]:
    """textual-serve's ``Server``, or a one-line AltuiError saying how to install it."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise AltuiError(missing_extra()) from None
    return Server


def missing_extra() -> str:
    """How to add the serve extra, as the README says: from the folder altui was installed
    from (named when pip recorded it), with pipx when altui runs in a pipx environment."""
    installer = "pipx install --force" if "pipx" in Path(sys.prefix).parts else "pip install"
    return f'serving needs the serve extra: {installer} ".[serve]" in {_source_folder()}'


def _source_folder() -> str:
    """The folder altui was installed from, as pip recorded it, else "the altui folder"."""
    try:
        recorded = json.loads(metadata.distribution("altui").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return "the altui folder"
    url = urlparse(str(recorded.get("url", "")))
    return unquote(url.path) if url.scheme == "file" else "the altui folder"


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


def _host_name(name: str) -> str:
    """A host as compared: IP addresses in their one spelling, names lower case."""
    bare = name.removeprefix("[").removesuffix("]")
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        return bare.lower().removesuffix(".")


def allowed_name(name: str) -> str:
    """A name given to ``--allow-host``, as compared; a one-line AltuiError if it is not a bare
    host name or address (a port, a scheme, a path or a wildcard is refused)."""
    host = _host_name(name.strip())
    if _is_ip(host) or re.fullmatch(r"[a-z0-9][a-z0-9._-]*", host):
        return host
    raise AltuiError(
        f"--allow-host {name!r}: not a host name (give one name of this machine, such as "
        "room.example.org, without scheme or port)"
    )


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Address:
    """The names under which this server may be reached, and its port."""

    names: frozenset[str]
    port: int
    any_ip: bool = False
    """Listening on every interface: any IP address reaching it is one of this machine's."""

    @classmethod
    def serving(cls, host: str, port: int, allowed: Iterable[str] = ()) -> Address:
        """Where a server listening on ``host:port`` answers.

        A DNS-rebinding page reaches the server under its own name, never under an IP address
        or this machine's name, so those are what is accepted: the host served (with the usual
        names of this machine when that is loopback), or on every interface any IP address
        and this machine's names (its host name, ``.local`` too as mDNS resolves it, and its
        fully qualified name); and in both cases the ``allowed`` names (see ``allowed_name``).
        """
        extra = {allowed_name(name) for name in allowed}
        if host in WILDCARD_HOSTS:
            own = _host_name(socket.gethostname())
            names = {own, f"{own}.local", _host_name(socket.getfqdn()), "localhost"}
            return cls(frozenset(names | extra), port, any_ip=True)
        name = _host_name(host)
        loopback = name == "localhost" or (_is_ip(name) and ipaddress.ip_address(name).is_loopback)
        return cls(frozenset({name} | (LOOPBACK_NAMES if loopback else set()) | extra), port)

    def accepts_host(self, header: str | None) -> bool:
        """Whether a ``Host`` header (``name[:port]``) names this server."""
        found = HOST_HEADER.fullmatch(header or "")
        if found is None:
            return False
        port = int(found["port"]) if found["port"] else 80
        return port == self.port and self._knows(found["name"])

    def _knows(self, name: str) -> bool:
        """Whether ``name`` (from a header) is one of this server's names."""
        host = _host_name(name)
        return host in self.names or (self.any_ip and _is_ip(host))

    def accepts_origin(self, header: str | None) -> bool:
        """Whether an ``Origin`` header is this server's page (no header: not a web page)."""
        if header is None:
            return True
        found = ORIGIN_HEADER.fullmatch(header)
        return found is not None and self.accepts_host(found["host"])

    def refusal(self, host: str | None, origin: str | None, url: str) -> str | None:
        """Why a request with these headers is refused, and what to do (None: it is not)."""
        if not self.accepts_host(host):
            found = HOST_HEADER.fullmatch(host or "")
            if found is not None and self._knows(found["name"]):  # the wrong port
                return f"altui serve answers only at {url}: open that address\n"
            name = _host_name(found["name"]) if found else "NAME"
            return (
                f"altui serve answers only at {url}: open that address. If {name} is a name of "
                f"the machine serving, start altui serve with --allow-host {name}\n"
            )
        if not self.accepts_origin(origin):
            return (
                f"altui serve shows this meeting only on its own page: open {url}. Another "
                "site's page cannot watch it\n"
            )
        return None


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size a browser asked for, made whole and kept within MIN_SIZE..MAX_SIZE."""
    sizes = []
    for asked, low, default, high in zip(
        (width, height), MIN_SIZE, DEFAULT_SIZE, MAX_SIZE, strict=True
    ):
        try:
            number = int(asked)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            number = default
        sizes.append(min(max(number, low), high))
    return sizes[0], sizes[1]


def local_page(html: str, served: str, here: str) -> str:
    """textual-serve's page, made for the address ``served``, pointed at ``here`` (where the
    browser opened it: another name of this server), its links to other hosts replaced by the
    font served here."""
    static_url = f"{here}/static/"
    faces = "".join(
        f'@font-face {{ font-family: "Roboto Mono"; font-style: {style}; font-weight: 100 700; '
        f'src: url("{static_url}fonts/{file}") format("truetype"); }}\n'
        for style, file in FONTS.items()
    )
    preload = (
        f'<link rel="preload" href="{static_url}fonts/{FONTS["normal"]}" as="font" '
        'type="font/ttf" crossorigin />\n'
    )
    page = EXTERNAL_LINK.sub("", html).replace(SVG_NAMESPACE, "")
    page = page.replace(
        f"//{served.removeprefix('http://')}/", f"//{here.removeprefix('http://')}/"
    )
    return page.replace("</head>", f"{preload}<style>\n{faces}</style>\n</head>", 1)


def page_headers(url: str) -> dict[str, str]:
    """Headers on every answer: the browser may fetch from this server only, frame it nowhere."""
    own = f"'self' {url}"
    socket_url = "ws" + url.removeprefix("http")
    policy = (
        "default-src 'none'; "
        f"script-src {own} 'unsafe-inline'; style-src {own} 'unsafe-inline'; "
        f"font-src {own}; img-src {own} data:; connect-src {own} {socket_url}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
    }


class ClampedSizes:
    """textual-serve's AppService for one browser, resized only within MIN_SIZE..MAX_SIZE."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    async def set_terminal_size(self, width: object, height: object) -> None:
        """Pass on the size asked for, clamped."""
        await self._service.set_terminal_size(*clamp_size(width, height))


def guarded_server(base: type[Any]) -> type[Any]:
    """textual-serve's ``Server`` class ``base`` with altui's guards (see the module docstring)."""
    from aiohttp import web

    class GuardedServer(base):  # type: ignore[misc]  # base: textual-serve's, imported on use
        """textual-serve's server, guarded, with a prompt stop."""

        def __init__(
            self, *args: Any, address: Address, max_viewers: int = MAX_VIEWERS, **kwargs: Any
        ) -> None:
            super().__init__(*args, **kwargs)
            self.address = address
            self.max_viewers = max_viewers
            self.sessions: set[asyncio.Task[Any]] = set()
            self.headers = page_headers(self.public_url)

        async def _make_app(self) -> web.Application:
            app: web.Application = await super()._make_app()
            app.middlewares.append(self.guard)
            return app

        @web.middleware
        async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
            """Refuse what is not addressed to this server by its own page; headers on the rest."""
            refusal = self.address.refusal(
                request.headers.get("Host"), request.headers.get("Origin"), self.public_url
            )
            if refusal is not None:
                return web.Response(status=403, text=refusal, headers=self.headers)
            response: web.StreamResponse = await handler(request)
            if not response.prepared:
                response.headers.update(page_headers(f"http://{request.host}"))
            return response

        def full(self) -> web.Response | None:
            """A refusal when max_viewers browsers are watching already, else None."""
            if len(self.sessions) < self.max_viewers:
                return None
            watching = f"{count(self.max_viewers, 'browser')} watching already"
            print(f"Refused a browser: {watching} (--max-viewers)", flush=True)
            line = f"altui serve: {watching}, the most it allows; close one, then reload this page."
            return web.Response(status=503, text=line + "\n")

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            """textual-serve's page, asking nothing of other hosts; a refusal when full."""
            refused = self.full()
            if refused is not None:
                return refused
            response: web.Response = await super().handle_index(request)
            here = f"http://{request.host}"  # the guard has made sure it is this server
            response.text = local_page(response.text or "", self.public_url, here)
            return response

        async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
            """One browser's display, at a clamped size, counted and remembered for stopping."""
            refused = self.full()
            if refused is not None:
                return refused
            task = asyncio.current_task()
            assert task is not None  # aiohttp runs each request in a task
            self.sessions.add(task)
            try:
                width, height = clamp_size(request.query.get("width"), request.query.get("height"))
                sized = request.rel_url.update_query(width=str(width), height=str(height))
                served: web.StreamResponse = await super().handle_websocket(
                    request.clone(rel_url=sized)
                )
                return served
            finally:
                self.sessions.discard(task)

        async def _process_messages(self, websocket: Any, app_service: Any) -> None:
            await super()._process_messages(websocket, ClampedSizes(app_service))

        async def on_shutdown(self, app: web.Application) -> None:
            """Ctrl+C: end every browser's display now (each quits its app), not after a wait."""
            for task in list(self.sessions):
                task.cancel()

    return GuardedServer


def serve_display(
    store: Store,
    set_name: str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    max_viewers: int = MAX_VIEWERS,
    allowed: Iterable[str] = (),
) -> None:
    """Serve the display of ``set_name``'s meetings (waiting for one, following it, then
    waiting for the next) until Ctrl+C (or SIGTERM).

    Everything a user can fix (no extra, unknown set, port taken, a bad ``--allow-host``) is an
    AltuiError raised before the server starts; once it is up, one line gives the address.
    """
    base = server_class()
    the_set = store.find_set(set_name)
    address = Address.serving(host, port, allowed)
    check_port(host, port)
    url = public_url(host, port)

    # The base is textual-serve's Server, imported on use (an optional extra), so mypy cannot
    # see it as a type here.
    class DisplayServer(guarded_server(base)):  # type: ignore[misc]
        """The guarded server, with altui's start line."""

        async def on_startup(self, app: Any) -> None:
            """One line with the address, instead of textual-serve's banner."""
            line = f"Serving the display of {the_set.name!r} at {url} (read only; Ctrl+C stops)"
            print(line, flush=True)

    server = DisplayServer(
        display_command(store, the_set.name),
        host=host,
        port=port,
        title=f"altui · {visible(the_set.name)}",
        public_url=url,
        address=address,
        max_viewers=max_viewers,
    )
    server.serve()
