"""Running the phone page inside the till, as the owner's settings say.

The server, its HTTP library and mDNS load only when the page is turned on: a till that does
not serve it starts no faster or slower for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .errors import ValidationError
from .page_address import page_slug, url_template

if TYPE_CHECKING:
    from .page_server import PageServer

log = logging.getLogger(__name__)


class PhonePageHost:
    """Keeps the phone page as the owner's settings say: started when turned on, moved when
    its address or port changes, stopped when turned off or when the till closes. Called on
    the till's maintenance thread (starting and announcing take a moment), one call at a time."""

    KEYS = ("phone_page", "phone_page_bind", "phone_page_port", "phone_page_address", "cafe_name")

    def __init__(self, cafe: Any):
        self._cafe = cafe
        self._server: PageServer | None = None
        self._announcement: Any = None
        self._applied: tuple[Any, ...] | None = None
        self.url = ""

    def apply(self) -> str:
        """Bring the page in line with the settings; its address ("" when off). Raises a
        :class:`ValidationError` the owner can act on when it cannot listen."""
        settings = self._cafe.settings.all()
        wanted = tuple(settings[k] for k in self.KEYS)
        if wanted == self._applied:
            return self.url
        self.stop()
        if not settings["phone_page"]:
            self._applied = wanted
            return ""
        from .mdns import Announcement, best_address
        from .page_server import PageServer

        host = settings["phone_page_bind"] or best_address()
        self._server = PageServer(self._cafe, host, settings["phone_page_port"]).start()
        if not settings["phone_page_address"]:
            try:
                self._announcement = Announcement(
                    page_slug(settings["cafe_name"]), settings["cafe_name"], host, self._server.port
                )
            except (OSError, ValidationError) as exc:  # the page still works by its number
                log.warning("phone page not announced: %s", exc)
        self._applied = wanted
        self.url = url_template(settings).removesuffix("c/{code}")
        return self.url

    def stop(self) -> None:
        if self._announcement is not None:
            self._announcement.close()
            self._announcement = None
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._applied, self.url = None, ""

    @property
    def server(self) -> PageServer | None:
        return self._server
