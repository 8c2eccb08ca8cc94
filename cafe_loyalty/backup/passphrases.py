"""The passphrases the automatic backups are encrypted with, kept on this computer (issue #35).

The automatic backups are written unattended, so the till must hold their passphrase. It is
kept in ``backup-passphrases.json`` in the user's config folder (beside ``till.json``), readable
by this user only, and never in the café's database: the backup holds the database, and a
passphrase inside what it locks would lock nothing. Each café names its entry by a random key
kept in its settings, so a backup restored on a new computer knows it was encrypted but finds no
passphrase there until the owner types it again.

What this protects: every copy that leaves the till (a lost USB stick, a shared network folder,
the sync provider's servers). What it does not: someone who can log in to the till as its user
can read the database itself, with or without this file.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from cafe_loyalty.errors import StorageError
from cafe_loyalty.files import atomic_write
from cafe_loyalty.till_prefs import prefs_path

FILE = "backup-passphrases.json"


def store_path() -> Path:
    return prefs_path().with_name(FILE)


def new_key() -> str:
    """A name for a café's entry: random, so it says nothing about the café."""
    return secrets.token_hex(16)


def _load() -> dict[str, str]:
    try:
        data = json.loads(store_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise StorageError("The backup passphrases on this computer cannot be read ({reason}).", reason=exc) from exc
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def get(key: str) -> str | None:
    """The passphrase kept under ``key`` on this computer, or None."""
    return _load().get(key) if key else None


def keep(key: str, passphrase: str | None) -> None:
    """Keep ``passphrase`` under ``key`` (None forgets it); the file is written whole."""
    data = _load()
    if passphrase is None:
        if data.pop(key, None) is None:
            return
    else:
        data[key] = passphrase
    # atomic_write makes the folder and says its own StorageError; its temporary file comes from
    # mkstemp: readable by this user only (0600) before the secret goes in.
    atomic_write(store_path(), lambda tmp: Path(tmp).write_text(json.dumps(data), encoding="utf-8"))
