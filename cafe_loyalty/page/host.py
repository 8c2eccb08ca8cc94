"""Running the phone page: in the foreground (``cafe-loyalty serve-page``), and from the till,
which starts that same command as a process of its own and stops it with itself.

Why a process rather than a thread of the till: measured with ``bench/run.py``, 200 page
requests a second served by threads inside the till made its stamp 1.5 to 1.6 times slower
(the page's Python competes with the till's for the interpreter lock); served by a separate
process, the stamp stayed within 0.9 to 1.1 times its unloaded time, and the page answered as
fast. The process reads the database through its own connection (WAL: it never blocks a
write), and ends when the till closes its standard input, even if the till was killed.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

from cafe_loyalty.errors import CafeError, ValidationError
from cafe_loyalty.page.address import page_slug, url_template

log = logging.getLogger(__name__)

START_TIMEOUT = 30.0  # seconds for the page's process to say it is serving (mDNS probing included)


def serve(
    cafe: Any,
    host: str | None,
    port: int | None,
    rate: float,
    announce: bool,
    started: Callable[[str], None],
    stop: threading.Event,
) -> str:
    """Serve the page until ``stop`` is set; ``started(url)`` once it listens. ``host`` and
    ``port`` default to the settings (an unset address: the best network of this computer)."""
    from cafe_loyalty.page.mdns import Announcement, best_address
    from cafe_loyalty.page.server import PageServer, RateLimit

    settings = cafe.settings.all()
    host = host or settings["phone_page_bind"] or best_address()
    port = settings["phone_page_port"] if port is None else port
    server = PageServer(cafe, host, port, limit=RateLimit(rate=rate, burst=max(30, int(rate * 6)))).start()
    announcement = None
    try:
        if announce and not settings["phone_page_address"] and not ipaddress.ip_address(host).is_loopback:
            try:
                announcement = Announcement(page_slug(settings["cafe_name"]), settings["cafe_name"], host, server.port)
            except (OSError, ValidationError) as exc:  # the page still works by its number
                log.warning("phone page not announced: %s", exc)
        url = f"http://{host}:{server.port}/"
        started(url)
        while not stop.wait(0.5):
            pass
        return url
    finally:
        if announcement is not None:
            announcement.close()
        server.stop()


def serve_command(db_path: Any) -> list[str]:
    """How to start ``serve-page`` on this install: the frozen app is its own command line."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--db", str(db_path), "serve-page"]
    return [sys.executable, "-m", "cafe_loyalty", "--db", str(db_path), "serve-page"]


class PhonePageHost:
    """Keeps the phone page as the owner's settings say: started when turned on, restarted
    when its address or port changes, stopped when turned off or when the till closes. Called
    on the till's maintenance thread (starting takes a moment), one call at a time."""

    KEYS = ("phone_page", "phone_page_bind", "phone_page_port", "phone_page_address", "cafe_name")

    def __init__(self, cafe: Any, rate: float = 5.0):
        self._cafe = cafe
        self._rate = rate
        self._child: subprocess.Popen[str] | None = None
        self._applied: tuple[Any, ...] | None = None
        self.url = ""

    @property
    def running(self) -> bool:
        return self._child is not None and self._child.poll() is None

    def apply(self) -> str:
        """Bring the page in line with the settings; its address ("" when off). Raises the
        page process's own refusal (a port in use, an address not on this computer)."""
        settings = self._cafe.settings.all()
        wanted = tuple(settings[k] for k in self.KEYS)
        if wanted == self._applied and (self.running or not settings["phone_page"]):
            return self.url
        self.stop()
        self._applied = wanted
        if not settings["phone_page"]:
            return ""
        command = [*serve_command(self._cafe.address), "--json", "--until-stdin-closes", "--rate", str(self._rate)]
        self._child = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            # On Windows, no console window for it (the till's build is a console program).
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        first = _first_line(self._child, START_TIMEOUT)
        try:
            said = json.loads(first) if first else {}
        except ValueError:
            said = {}
        if "serving" not in said:
            self.stop()
            self._applied = None  # try again at the next change or start
            if "error" in said:
                raise CafeError(said["error"], **said.get("params", {}))
            raise ValidationError("The phone page could not be started.")
        self.url = url_template(settings).removesuffix("c/{code}")
        return self.url

    def stop(self) -> None:
        child, self._child = self._child, None
        self._applied, self.url = None, ""
        if child is None:
            return
        try:
            if child.stdin is not None:
                child.stdin.close()  # the process ends when its input does
            child.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait()


def _first_line(child: subprocess.Popen[str], timeout: float) -> str:
    """The child's first line, or "" if it says nothing within ``timeout`` seconds."""
    lines: queue.Queue[str] = queue.Queue()
    assert child.stdout is not None
    stdout = child.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


# -- "Test from your phone" (#31) ----------------------------------------------------------


def phone_test(settings: dict[str, Any]) -> tuple[str, bytes]:
    """A test address for the owner's phone (the page's own address, ``/t/`` and a random
    token) and its QR code as PNG. Opening it on the café's Wi-Fi tells the page; the till asks
    the page with :func:`phone_reached`."""
    import secrets

    from cafe_loyalty.printing.cards import png_bytes, qr_image

    url = url_template(settings).removesuffix("c/{code}") + "t/" + secrets.token_hex(12)
    return url, png_bytes(qr_image(url, box=8))


def phone_reached(test_url: str, timeout: float = 2.0) -> bool:
    """Has a phone opened ``test_url``? Asked of the page itself, from the till."""
    import urllib.error
    import urllib.request

    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the café's own network
    try:
        with direct.open(test_url + "/seen", timeout=timeout) as answer:
            return bool(answer.status == 200 and answer.read(8) == b"yes")
    except (urllib.error.URLError, OSError, ValueError):
        return False
