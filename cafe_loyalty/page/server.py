"""Serving the phone page: a read-only WSGI app on waitress, on threads of its own.

Waitress (Pylons) is a small pure-Python server that already refuses what a hand-made one
gets wrong: oversized headers (431), request bodies, idle clients (``channel_timeout``) and
too many connections. This module adds what is ours to decide: only GET and HEAD, short
addresses, no ``..``, no encoded slashes, valid UTF-8, a per-address rate limit (429), a
deadline on each request head (a client trickling bytes is never idle) and a cap on the
connections one address holds.
Each request reads through its own thread's connection (WAL: the till's writes never wait
for it); a failing read is a plain 503 page, never a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

from cafe_loyalty import assets  # type: ignore[attr-defined]  # assets/ installs as cafe_loyalty.assets
from cafe_loyalty.errors import CafeError, ValidationError
from cafe_loyalty.page.html import card_page, message_page
from cafe_loyalty.printing.cards import png_bytes
from cafe_loyalty.services.display import AskAtCounter

log = logging.getLogger(__name__)

MAX_PATH = 200  # "/c/" and a code are 25 characters; anything long is not ours
CODE_PATH = "/c/"
# "Test from your phone" (#31): the owner's phone opens /t/TOKEN, and the till, asking
# /t/TOKEN/seen, learns that a phone on the café's Wi-Fi reached it.
TEST_PATH = "/t/"
_TOKEN = re.compile(r"[A-Za-z0-9]{16,64}")
TESTS_KEPT = 32

# Waitress's own limits (see its Adjustments): small, since a page request is one short GET.
LIMITS: dict[str, Any] = {
    "max_request_header_size": 8 * 1024,
    "max_request_body_size": 1024,
    "channel_timeout": 10,  # a client that sends nothing for 10 s is dropped
    "cleanup_interval": 1,  # how often those deadlines (and HEAD_DEADLINE) are looked at
    "connection_limit": 64,
    "threads": 4,
    "asyncore_loop_timeout": 0.2,  # how soon the loop notices it was asked to stop
    "expose_tracebacks": False,
    "ident": "cafe-loyalty",
    "clear_untrusted_proxy_headers": True,
}

# A phone sends its whole request head at once. A client that trickles it a byte at a time
# keeps waitress's idle timeout from firing, so the head has a deadline of its own, and one
# address holds only a few connections: one guest on the Wi-Fi cannot take the page from the rest.
HEAD_DEADLINE = 5.0  # seconds from a request's first byte to its blank line
PER_ADDRESS = 10  # open connections from one address (a phone opens 2 to 6)

HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),  # the card's code is in the address
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'none'; img-src 'self'; font-src 'self'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
]

STATUS = {
    200: "200 OK",
    400: "400 Bad Request",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    414: "414 URI Too Long",
    429: "429 Too Many Requests",
    503: "503 Service Unavailable",
}


class RateLimit:
    """A token bucket per client address: ``burst`` requests at once, then ``rate`` a second.
    At most ``addresses`` buckets are kept (the least recently seen are dropped), so a flood of
    addresses cannot grow memory."""

    def __init__(
        self,
        rate: float = 5.0,
        burst: int = 30,
        addresses: int = 4096,
        now: Callable[[], float] = time.monotonic,
    ):
        self.rate, self.burst, self.addresses, self.now = rate, burst, addresses, now
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        with self._lock:
            now = self.now()
            tokens, last = self._buckets.pop(address, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[address] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.addresses:
                self._buckets.popitem(last=False)
            return allowed


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    extra: tuple[tuple[str, str], ...] = ()


class PageApp:
    """The WSGI application. ``side`` is the café's :class:`CustomerSide`; ``language`` is read
    from the settings for each page, so a change of language shows at once."""

    def __init__(self, cafe: Any, limit: RateLimit | None = None):
        self._cafe = cafe
        self.limit = limit or RateLimit()
        self._static = {
            "/logo.png": ("image/png", self._logo),
            "/font.ttf": ("font/ttf", lambda: assets.path("fonts", "Vazirmatn-Regular.ttf").read_bytes()),
        }
        self._static_cache: dict[str, bytes] = {}
        self._reached: OrderedDict[str, None] = OrderedDict()  # test tokens a phone opened
        self._reached_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response = self.respond(environ)
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(response.body)))]
        headers += HEADERS if response.content_type.startswith("text/html") else HEADERS[1:3]
        headers += list(response.extra)
        start_response(STATUS[response.status], headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [response.body]

    def respond(self, environ: dict[str, Any]) -> Response:
        method = environ.get("REQUEST_METHOD", "")
        if method not in ("GET", "HEAD"):
            return Response(405, b"", "text/plain", (("Allow", "GET, HEAD"),))
        if not self.limit.allow(environ.get("REMOTE_ADDR", "")):
            return Response(429, self._html("busy"), extra=(("Retry-After", "5"),))
        raw = environ.get("REQUEST_URI", "").split("?", 1)[0]
        if len(raw) > MAX_PATH:
            return Response(414, b"", "text/plain")
        lowered = raw.lower()
        if "%2f" in lowered or "%5c" in lowered or "\\" in raw or "%00" in lowered:
            return Response(400, b"", "text/plain")
        try:
            # PEP 3333: PATH_INFO arrives as latin-1; its bytes must be UTF-8.
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return Response(400, b"", "text/plain")
        if ".." in path.split("/") or any(ord(ch) < 32 for ch in path):
            return Response(400, b"", "text/plain")
        try:
            return self._route(path)
        except CafeError as exc:  # the database cannot be read just now
            log.warning("phone page: %s", exc)
            return Response(503, b"", "text/plain", (("Retry-After", "30"),))

    def _route(self, path: str) -> Response:
        if path in self._static:
            content_type, read = self._static[path]
            if path not in self._static_cache:
                self._static_cache[path] = read()
            return Response(200, self._static_cache[path], content_type)
        if path == "/":
            return Response(200, self._html("welcome"))
        if path.startswith(CODE_PATH) and "/" not in path[len(CODE_PATH) :]:
            return self._card(path[len(CODE_PATH) :])
        if path.startswith(TEST_PATH):
            return self._test(path[len(TEST_PATH) :])
        return Response(404, self._html("not_found"))

    def _test(self, rest: str) -> Response:
        """``TOKEN``: a phone got here (said on the page, noted); ``TOKEN/seen``: the till asks."""
        token, _, what = rest.partition("/")
        if not _TOKEN.fullmatch(token) or what not in ("", "seen"):
            return Response(404, self._html("not_found"))
        with self._reached_lock:
            if what == "seen":
                return (
                    Response(200, b"yes", "text/plain") if token in self._reached else Response(404, b"", "text/plain")
                )
            self._reached[token] = None
            while len(self._reached) > TESTS_KEPT:
                self._reached.popitem(last=False)
        return Response(200, self._html("reached"))

    def _card(self, code: str) -> Response:
        try:
            card, rest, language = self._cafe.customer_side.page(code)
        except AskAtCounter:
            return Response(404, self._html("not_found"))
        return Response(200, card_page(card, rest, language).encode())

    def _html(self, key: str) -> bytes:
        side = self._cafe.customer_side
        return message_page(key, side.rest_screen(), self._cafe.settings.get("language")).encode()

    def _logo(self) -> bytes:
        logo = self._cafe.settings.get("card_logo")
        path = Path(logo) if logo and Path(logo).is_file() else assets.path("cards", "logo.png")
        with Image.open(path) as img:
            small = img.convert("RGBA")
        small.thumbnail((192, 192))
        return png_bytes(small)


class _OncePerMinute(logging.Filter):
    """Waitress warns "Task queue depth is N" on every request queued in a burst (over 100
    lines in one); once a minute says the same."""

    def __init__(self, now: Callable[[], float] = time.monotonic):
        super().__init__()
        self._now, self._last = now, -math.inf

    def filter(self, record: logging.LogRecord) -> bool:
        if self._now() - self._last < 60:
            return False
        self._last = self._now()
        return True


logging.getLogger("waitress.queue").addFilter(_OncePerMinute())


class _PageChannel(HTTPChannel):
    """A connection that knows when its current request head began."""

    head_started: float | None = None

    def received(self, data: bytes) -> bool:
        if data and self.head_started is None:
            self.head_started = time.monotonic()
        result = bool(super().received(data))
        if self.request is None or self.request.headers_finished:
            self.head_started = None  # the head is whole (or a request ended): no deadline runs
        return result


class _PageWSGIServer(TcpWSGIServer):
    """Waitress's server with a deadline on request heads and a cap per address."""

    channel_class = _PageChannel
    head_deadline = HEAD_DEADLINE
    per_address = PER_ADDRESS

    def handle_accept(self) -> None:
        try:
            accepted = self.accept()
            if accepted is None:
                return
            conn, addr = accepted
            self.set_socket_options(conn)
        except OSError:
            return  # as waitress: a connection gone before it was accepted
        host = addr[0] if isinstance(addr, tuple) else addr
        held = sum(1 for ch in list(self.active_channels.values()) if _host(ch.addr) == host)
        if held >= self.per_address:
            conn.close()
            return
        self.channel_class(self, conn, self.fix_addr(addr), self.adj, map=self._map)

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = time.monotonic() - self.head_deadline
        for channel in list(self.active_channels.values()):
            started = getattr(channel, "head_started", None)
            if started is not None and started < cutoff:
                channel.will_close = True


def _host(addr: Any) -> Any:
    return addr[0] if isinstance(addr, tuple) else addr


class PageServer:
    """The page on ``host:port`` (port 0: any free one, for tests), served on background
    threads until :meth:`stop`. The till never waits for it."""

    def __init__(
        self,
        cafe: Any,
        host: str,
        port: int,
        limit: RateLimit | None = None,
        head_deadline: float = HEAD_DEADLINE,
        per_address: int = PER_ADDRESS,
    ):
        self.app = PageApp(cafe, limit)
        try:
            self._server = _PageWSGIServer(self.app, map={}, host=host, port=port, **LIMITS)
        except OSError as exc:
            raise ValidationError(
                "The phone page cannot listen on {host} port {port}: {reason}. Pick another address or port in "
                "Owner ▸ Customer side.",
                host=host,
                port=port,
                reason=exc.strerror or exc,
            ) from exc
        self._server.head_deadline, self._server.per_address = head_deadline, per_address
        self.host = host
        self._thread = threading.Thread(target=self._server.run, name="cafe-phone-page", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    def start(self) -> PageServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, finish the requests in hand (a couple of seconds at most), return.
        The order matters: a request thread that finishes pulls the loop's trigger, so the
        trigger (and the loop) must outlive the request threads; and the sockets are closed by
        the loop's own thread, so it never polls a descriptor closed under it."""
        server = self._server
        if not self._thread.is_alive():
            server.task_dispatcher.shutdown(timeout=2)
            wasyncore.close_all(server._map)
            return
        try:
            # Only the listening socket (the server's own close() would take the trigger with it).
            server.trigger.pull_trigger(lambda: wasyncore.dispatcher.close(server))
            server.task_dispatcher.shutdown(timeout=2)
            server.trigger.pull_trigger(lambda: _flush_and_close(server._map))
        except OSError:
            # The loop closed its trigger already (it is ending: seen once in CI, at teardown
            # after a refused request): nothing polls the sockets now, so they are closed here.
            server.task_dispatcher.shutdown(timeout=2)
            self._thread.join(timeout=5)
            _flush_and_close(server._map)
            return
        self._thread.join(timeout=5)


def _flush_and_close(channels: dict[int, Any]) -> None:
    """Hand each guest what their finished request wrote (a page fits a socket buffer), then
    close every socket. Runs on the loop's thread, after the request threads have ended."""
    for channel in list(channels.values()):
        if isinstance(channel, HTTPChannel) and channel.total_outbufs_len:
            with channel.outbuf_lock, contextlib.suppress(OSError):  # a guest gone gets nothing
                channel._flush_some(do_close=False)
    wasyncore.close_all(channels)
