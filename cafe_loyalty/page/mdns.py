"""Announcing the phone page on the café's network as ``<café>.local`` (multicast DNS).

Phones resolve ``.local`` names by themselves (iOS always, Android 12 and later, Windows 10
and later), so a printed card can carry ``http://cafe-shirin.local:8765/c/CODE`` and keep
working when the router hands the till another address. python-zeroconf answers for the name
and advertises the page as an HTTP service; the owner can set a fixed address instead
(``phone_page_address``) for phones that do not resolve ``.local``.
"""

from __future__ import annotations

import ipaddress
import socket

import ifaddr
from zeroconf import IPVersion, NonUniqueNameException, ServiceInfo, Zeroconf

from cafe_loyalty.errors import ValidationError

SERVICE = "_http._tcp.local."


def local_addresses() -> list[tuple[str, str]]:
    """(interface name, IPv4 address) of this computer's networks, loopback last: the choices
    for where the phone page listens."""
    found: list[tuple[str, str]] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                found.append((adapter.nice_name, ip.ip))
    return sorted(found, key=lambda pair: (ipaddress.ip_address(pair[1]).is_loopback, pair[1]))


def best_address() -> str:
    """The address a café's phones most likely reach: the first private, non-loopback IPv4."""
    for _name, address in local_addresses():
        ip = ipaddress.ip_address(address)
        if ip.is_private and not ip.is_loopback and not ip.is_link_local:
            return address
    return "127.0.0.1"


class Announcement:
    """``<slug>.local`` and the HTTP service, announced on the interface of ``address`` until
    :meth:`close`."""

    def __init__(self, slug: str, title: str, address: str, port: int):
        self.host = f"{slug}.local."
        self._zeroconf = Zeroconf(interfaces=[address], ip_version=IPVersion.V4Only)
        self.info = ServiceInfo(
            SERVICE,
            f"{(title or slug)[:50]}.{SERVICE}",
            addresses=[socket.inet_aton(address)],
            port=port,
            properties={"path": "/"},
            server=self.host,
        )
        try:
            self._zeroconf.register_service(self.info, allow_name_change=True)
        except NonUniqueNameException as exc:
            self._zeroconf.close()
            raise ValidationError(
                "Another device on this network already calls itself {name}. Set a fixed address for the phone "
                "page instead.",
                name=self.host.rstrip("."),
            ) from exc

    def close(self) -> None:
        self._zeroconf.unregister_service(self.info)
        self._zeroconf.close()
