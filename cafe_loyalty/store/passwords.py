"""The password of a till's PostgreSQL user, kept in the operating system's own password store
(Windows Credential Manager, the macOS Keychain, the Secret Service on Linux) through
``keyring``, never in the café's database, its settings or ``till.json`` (issue #18).

Where a till finds the password, first found first: in the address itself (discouraged: it
shows in the process list), ``PGPASSWORD``, this store, then libpq's ``.pgpass`` file.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any
from urllib.parse import urlsplit

from cafe_loyalty.errors import StorageError

SERVICE = "cafe-loyalty"


def account(url: str) -> str:
    """The name the password is kept under: user, server and database, never the password."""
    parts = urlsplit(url)
    user = parts.username or os.environ.get("PGUSER") or ""
    return f"{user}@{parts.hostname or 'localhost'}:{parts.port or 5432}/{parts.path.strip('/')}"


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def stored(url: str) -> str | None:
    """The password kept for ``url``, or None (no store on this computer, or nothing in it)."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, account(url))
    except Exception:  # a locked or missing store: the password is simply not there
        return None


def connect_args(url: str) -> dict[str, Any]:
    """What to add to a connection to ``url``: the kept password, when nothing else gives one."""
    if urlsplit(url).password or os.environ.get("PGPASSWORD"):
        return {}
    password = stored(url)
    return {"password": password} if password else {}


def keep(url: str, password: str | None) -> None:
    """Keep ``password`` for ``url`` in the store (None: forget it)."""
    keyring = _keyring()
    if keyring is None:
        raise StorageError("Keeping the password needs the keyring package: pip install 'cafe-loyalty[postgresql]'.")
    try:
        if password is None:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # nothing was kept
                keyring.delete_password(SERVICE, account(url))
        else:
            keyring.set_password(SERVICE, account(url), password)
    except keyring.errors.KeyringError as exc:
        raise StorageError(
            "This computer has no password store the till can use ({reason}). Use PGPASSWORD or a .pgpass "
            "file instead.",
            reason=exc,
        ) from exc
