"""``altui serve``'s guards around textual-serve, on a real server in this process (finding 8).

A forged Origin or a foreign Host is refused before any display starts; no more than
``max_viewers`` browsers at once; no terminal larger than MAX_SIZE; a page that names no other
host. The displays here are a stand-in app that writes down what it was asked for.
"""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from altui.errors import AltuiError
from altui.serve import (
    MAX_SIZE,
    Address,
    allowed_name,
    clamp_size,
    guarded_server,
    local_page,
    public_url,
)
from tests.builders import free_port

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

FAKE_DISPLAY = r"""
import json, os, sys
log = open(sys.argv[1], "a")
def note(meta):
    log.write(json.dumps(meta) + "\n")
    log.flush()
note({"type": "start", "width": int(os.environ["COLUMNS"]), "height": int(os.environ["ROWS"])})
sys.stdout.write("__GANGLION__\n")
sys.stdout.flush()
stdin = sys.stdin.buffer
while kind := stdin.read(1):
    payload = stdin.read(int.from_bytes(stdin.read(4), "big"))
    if kind == b"M":
        note(json.loads(payload))
        if json.loads(payload)["type"] == "quit":
            break
"""
"""Speaks textual-serve's protocol like a display: notes its size and every meta packet."""


# which headers name this server ----------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST:8000"]
)
def test_loopback_accepts_its_own_names(host: str):
    assert Address.serving("127.0.0.1", 8000).accepts_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:8000",  # a DNS-rebinding page: the browser sends its own name
        "127.0.0.1:8001",
        "127.0.0.1",
        "127.0.0.1:8000@evil.example",
        "127.0.0.1:8000/x",
        "10.0.0.7:8000",
        "",
        None,
    ],
)
def test_loopback_refuses_any_other_host(host: str | None):
    assert not Address.serving("127.0.0.1", 8000).accepts_host(host)


@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        (None, True),  # not a web page (browsers send Origin with every websocket)
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://evil.example", False),
        ("http://evil.example:8000", False),
        ("null", False),
        ("https://127.0.0.1:8000", False),
        ("http://127.0.0.1:9000", False),
        ("http://127.0.0.1:8000/page", False),
        ("", False),
    ],
)
def test_origin_must_be_this_servers_page(origin: str | None, accepted: bool):
    assert Address.serving("127.0.0.1", 8000).accepts_origin(origin) is accepted


def test_every_interface_accepts_ip_addresses_and_this_machines_name(monkeypatch):
    monkeypatch.setattr(socket, "gethostname", lambda: "Meeting-Room")
    address = Address.serving("0.0.0.0", 8080)
    for host in [
        "meeting-room:8080",
        "meeting-room.local:8080",
        "192.168.1.5:8080",
        "[fe80::1]:8080",
    ]:
        assert address.accepts_host(host), host
    for host in ["evil.example:8080", "meeting-room.evil.example:8080", "192.168.1.5:80"]:
        assert not address.accepts_host(host), host


def test_a_named_host_accepts_that_name_only():
    address = Address.serving("room.example", 8000)
    assert address.accepts_host("ROOM.example:8000")
    assert not address.accepts_host("localhost:8000")


@pytest.fixture
def meeting_room(monkeypatch):
    """This machine is ``meeting-room``, ``meeting-room.corp.example`` in full."""
    monkeypatch.setattr(socket, "gethostname", lambda: "meeting-room")
    monkeypatch.setattr(socket, "getfqdn", lambda *_: "Meeting-Room.corp.example")


def test_every_interface_accepts_this_machines_full_name(meeting_room):
    address = Address.serving("0.0.0.0", 8080)
    assert address.accepts_host("meeting-room.corp.example:8080")
    assert address.accepts_host("MEETING-ROOM.CORP.EXAMPLE.:8080")
    assert address.accepts_origin("http://meeting-room.corp.example:8080")
    assert not address.accepts_host("meeting-room.corp.example.evil.example:8080")
    assert not address.accepts_host("corp.example:8080")
    assert not address.accepts_origin("http://evil.example:8080")


def test_allowed_names_are_accepted_and_nothing_else(meeting_room):
    for host in ("0.0.0.0", "192.168.1.5"):
        address = Address.serving(host, 8080, ["Room.Example.Org", "[fe80::1]", "10.0.0.9"])
        for name in ["room.example.org", "ROOM.example.org.", "[fe80::1]", "10.0.0.9"]:
            assert address.accepts_host(f"{name}:8080"), (host, name)
            assert address.accepts_origin(f"http://{name}:8080"), (host, name)
        assert not address.accepts_host("evil.example:8080")
        assert not address.accepts_host("room.example.org:8081")
        assert not address.accepts_origin("http://evil.example:8080")
    named = Address.serving("192.168.1.5", 8080)
    assert not named.accepts_host("meeting-room.corp.example:8080")  # own names: 0.0.0.0 only


@pytest.mark.parametrize(
    "name", ["", " ", "*", "*.example.org", "http://room", "room:8080", "room/x", "ro om", "-x"]
)
def test_an_allowed_name_must_be_a_bare_host_name(name):
    with pytest.raises(AltuiError, match="--allow-host") as refused:
        Address.serving("0.0.0.0", 8080, [name])
    assert "\n" not in str(refused.value)


def test_allowed_names_are_compared_as_hosts_are():
    assert allowed_name(" Room.Example.ORG. ") == "room.example.org"
    assert allowed_name("[FE80::0001]") == allowed_name("fe80::1") == "fe80::1"


def test_a_refusal_says_which_address_to_open_and_how_to_allow_a_name(meeting_room):
    address, url = Address.serving("0.0.0.0", 8080), "http://meeting-room:8080"
    refused = address.refusal("room.other.example:8080", None, url)
    assert refused is not None and refused.count("\n") == 1
    assert f"answers only at {url}" in refused
    assert "--allow-host room.other.example" in refused
    wrong_port = address.refusal("meeting-room:9000", None, url)
    assert wrong_port is not None and "--allow-host" not in wrong_port and url in wrong_port
    garbled = address.refusal("<script>:8080", None, url)
    assert garbled is not None and "<script>" not in garbled and "--allow-host NAME" in garbled
    forged = address.refusal("meeting-room:8080", "http://evil.example", url)
    assert forged is not None and f"open {url}" in forged and "evil" not in forged
    assert address.refusal("meeting-room.corp.example:8080", None, url) is None


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        ((4000, 2000), MAX_SIZE),
        ((120, 36), (120, 36)),
        (("132", "43"), (132, 43)),
        ((-5, 0), (20, 5)),
        (("wide", None), (80, 24)),
        ((float("nan"), float("inf")), (80, 24)),
        (([1], {"a": 1}), (80, 24)),
    ],
)
def test_sizes_are_clamped(asked: tuple[Any, Any], given: tuple[int, int]):
    assert clamp_size(*asked) == given


def test_the_page_links_no_other_host():
    html = '<head><link\n rel="stylesheet"\n href="https://fonts.googleapis.com/css?family=Roboto%20Mono"\n/></head>'
    page = local_page(html, "http://127.0.0.1:8000", "http://127.0.0.1:8000")
    assert "googleapis" not in page
    assert 'url("http://127.0.0.1:8000/static/fonts/RobotoMono-VariableFont_wght.ttf")' in page


def test_the_page_refers_to_the_address_it_was_opened_at():
    html = (
        '<head><script src="http://room:8000/static/js/textual.js"></script></head>'
        '<div data-session-websocket-url="ws://room:8000/ws"></div>'
    )
    page = local_page(html, "http://room:8000", "http://room.corp.example:8000")
    assert "//room:8000" not in page
    assert '"http://room.corp.example:8000/static/js/textual.js"' in page
    assert '"ws://room.corp.example:8000/ws"' in page


# the real server -----------------------------------------------------------------------------


class Served:
    """A guarded textual-serve server on 127.0.0.1, a client, and what its displays noted."""

    def __init__(self, server: Any, client: TestClient, log: Path) -> None:
        self.server, self.client, self.log = server, client, log
        self.port: int = server.port
        self.url = f"http://127.0.0.1:{self.port}"

    def noted(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    async def connect(self, origin: str | None = None, query: str = "") -> Any:
        return await self.client.ws_connect(f"/ws{query}", origin=origin or self.url)


@pytest.fixture
async def served(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Served]:
    """Listening on 127.0.0.1; parametrized indirectly with ``(host, *names)``, guarded and
    addressed as a server bound to ``host`` with ``--allow-host`` for each of ``names``."""
    from textual_serve.server import Server

    class Quiet(guarded_server(Server)):  # type: ignore[misc]
        async def on_startup(self, app: Any) -> None:
            """No banner."""

    host, *allowed = getattr(request, "param", ("127.0.0.1",))
    port = free_port()
    log = tmp_path / "displays.jsonl"
    server = Quiet(
        shlex.join([sys.executable, "-c", FAKE_DISPLAY, str(log)]),
        host="127.0.0.1",
        port=port,
        title="altui · Team Tiger",
        public_url=public_url(host, port),
        address=Address.serving(host, port, allowed),
        max_viewers=2,
    )
    client = TestClient(TestServer(await server._make_app(), host="127.0.0.1", port=port))
    await client.start_server()
    try:
        yield Served(server, client, log)
    finally:
        served = Served(server, client, log)
        for _ in range(200):  # each display the test closed has quit, and its exit is seen
            kinds = [meta["type"] for meta in served.noted()]
            if not server.sessions and kinds.count("start") == kinds.count("quit"):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)
        await client.close()


async def wait_for(served: Served, count: int) -> list[dict[str, Any]]:
    for _ in range(200):
        noted = served.noted()
        if len(noted) >= count:
            return noted
        await asyncio.sleep(0.05)
    raise AssertionError(f"the display noted only {served.noted()}")


async def test_a_forged_origin_is_refused_before_any_display_starts(served: Served):
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.connect(origin="http://evil.example")
    assert refused.value.status == 403
    assert served.noted() == []


async def test_a_foreign_host_is_refused(served: Served):
    headers = {"Host": f"evil.example:{served.port}"}
    page = await served.client.get("/", headers=headers)
    assert page.status == 403
    assert served.url in await page.text()
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.client.ws_connect(
            "/ws", headers=headers, origin=f"http://evil.example:{served.port}"
        )
    assert refused.value.status == 403
    assert served.noted() == []


async def test_the_page_asks_nothing_of_another_host(served: Served):
    page = await served.client.get("/")
    assert page.status == 200
    html = await page.text()
    urls = re.findall(r"(?:https?|wss?):?//[^\s\"'<>)]+", html)
    assert urls, "the page names its own scripts by address"
    foreign = [u for u in urls if not re.match(rf"(?:http|ws)://127\.0\.0\.1:{served.port}/", u)]
    assert foreign == []
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    fonts = re.findall(rf"http://127\.0\.0\.1:{served.port}(/static/fonts/[^\"]+\.ttf)", html)
    assert fonts
    for font in set(fonts):
        got = await served.client.get(font)
        assert got.status == 200, font
        assert len(await got.read()) > 10_000


async def test_a_huge_terminal_is_clamped_at_start_and_on_resize(served: Served):
    ws = await served.connect(query="?width=4000&height=2000")
    assert (await wait_for(served, 1))[0] == {"type": "start", "width": 300, "height": 100}
    await ws.send_json(["resize", {"width": 100000, "height": 3}])
    await ws.send_json(["resize", {"width": "x", "height": None}])
    noted = await wait_for(served, 3)
    sizes = [(m["width"], m["height"]) for m in noted if m["type"] == "resize"]
    assert sizes == [(300, 5), (80, 24)]
    await ws.close()


async def test_no_more_viewers_than_the_cap(served: Served):
    first, second = await served.connect(), await served.connect()
    await wait_for(served, 2)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await served.connect()
    assert refused.value.status == 503
    page = await served.client.get("/")
    assert page.status == 503
    assert "2 browsers watching already" in await page.text()
    await first.close()
    for _ in range(100):  # until the server has ended the first display
        if (await served.client.get("/")).status == 200:
            break
        await asyncio.sleep(0.05)
    third = await served.connect()
    assert not third.closed
    for ws in (second, third):
        await ws.close()


@pytest.mark.parametrize("served", [("0.0.0.0", "projector.corp.example")], indirect=True)
async def test_on_every_interface_its_full_and_allowed_names_get_the_page(
    meeting_room: None, served: Served
):
    for name in ("meeting-room.corp.example", "projector.corp.example", "meeting-room"):
        here = f"http://{name}:{served.port}"
        page = await served.client.get("/", headers={"Host": f"{name}:{served.port}"})
        assert page.status == 200, name
        html = await page.text()
        # its scripts, font and websocket at the address the browser opened
        urls = re.findall(r"(?:https?|wss?)://[^\s\"'<>)/]+", html)
        assert urls and set(urls) == {here, f"ws://{name}:{served.port}"}, name
        assert here in page.headers["Content-Security-Policy"]
        ws = await served.client.ws_connect(
            "/ws", headers={"Host": f"{name}:{served.port}"}, origin=here
        )
        assert not ws.closed, name
        await ws.close()
        for _ in range(200):  # its display ended: it no longer counts against max_viewers
            if not served.server.sessions:
                break
            await asyncio.sleep(0.05)

    headers = {"Host": f"evil.example:{served.port}"}
    refused = await served.client.get("/", headers=headers)
    assert refused.status == 403
    said = await refused.text()
    assert f"answers only at http://meeting-room:{served.port}" in said
    assert "--allow-host evil.example" in said
    with pytest.raises(aiohttp.WSServerHandshakeError) as forged:
        await served.client.ws_connect(
            "/ws",
            headers={"Host": f"meeting-room.corp.example:{served.port}"},
            origin="http://evil.example",
        )
    assert forged.value.status == 403
