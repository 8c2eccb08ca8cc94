"""Where customers' phones find the phone page, and the card address printed in new QR codes
once it is on. Kept apart from the page itself so the settings service can fill the card
address in without importing the page (and the services it reads through)."""

from __future__ import annotations

import re

from cafe_loyalty.text import fold


def page_slug(cafe_name: str) -> str:
    """A host name for the phone page from the café's name ("Café Shirin" → ``cafe-shirin``);
    a name with no Latin letters (a Persian one) gives ``cafe-loyalty``."""
    ascii_name = fold(cafe_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")
    return slug or "cafe-loyalty"


def page_host(settings: dict) -> str:
    """Where phones find the page: the owner's fixed address, or the café's ``.local`` name
    announced over mDNS."""
    return settings.get("phone_page_address") or f"{page_slug(settings.get('cafe_name', ''))}.local"


def url_template(settings: dict) -> str:
    """The card web address printed in new QR codes once the phone page is on."""
    port = int(settings.get("phone_page_port", 8765))
    host = page_host(settings)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}/c/{{code}}"
