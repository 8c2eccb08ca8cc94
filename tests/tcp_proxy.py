"""A TCP proxy between a till and its server that breaks the network the ways a real one does
(#30): it cuts connections, stalls (stops relaying without closing anything, as a hung server
or middlebox does), and half-opens them (the till's side goes, the server's stays open).

Each accepted connection is a pair of sockets and two relay threads; the proxy's ``mode``
decides what the relays do with what arrives.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from urllib.parse import urlsplit, urlunsplit


class Proxy:
    def __init__(self, upstream_url: str):
        parts = urlsplit(upstream_url)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{self.port}"))
        self.mode = "relay"  # relay | stall
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self._upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._relay, args=(a, b), daemon=True).start()

    def _relay(self, source: socket.socket, target: socket.socket) -> None:
        while not self._closed.is_set():
            try:
                ready, _, _ = select.select([source], [], [], 0.1)
            except (OSError, ValueError):
                return
            if not ready:
                continue
            if self.mode == "stall":
                continue  # the bytes wait in the kernel: nothing is relayed, nothing closed
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                with contextlib.suppress(OSError):
                    target.shutdown(socket.SHUT_WR)
                return
            try:
                target.sendall(data)
            except OSError:
                return

    def half_open(self) -> None:
        """The tills' sides are reset; the server's sides stay open and silent (as after a
        network split where the server never hears of it)."""
        self.mode = "stall"
        with self._lock:
            for client, _server in self._pairs:
                with contextlib.suppress(OSError):
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    client.close()

    def stall(self) -> None:
        self.mode = "stall"

    def relay(self) -> None:
        self.mode = "relay"

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
        with self._lock:
            for pair in self._pairs:
                for sock in pair:
                    with contextlib.suppress(OSError):
                        sock.close()
