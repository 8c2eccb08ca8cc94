"""What belongs to this till rather than to the café: which screen faces the customer, and
whether the customer display was open. Kept in a small JSON file in the user's config folder
(not in the database, which is the café's and may one day be shared by several tills), and
written atomically so a crash leaves the old file.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from .files import atomic_write

APP_NAME = "cafe-loyalty"
ENV = "CAFE_LOYALTY_CONFIG_DIR"  # tests and portable installs point this elsewhere


@functools.cache
def _default_folder() -> str:
    return platformdirs.user_config_dir(APP_NAME, appauthor=False)


def prefs_path() -> Path:
    return Path(os.environ.get(ENV) or _default_folder()) / "till.json"


# The file as last read, by path: the till asks after every stamp (should a slip print?), and
# reading and parsing it each time was most of that question's cost on the UI thread. A save
# replaces the file (a new inode), so the key below changes with every save.
_read: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}


def load() -> dict[str, Any]:
    """The till's preferences; an absent, unreadable or damaged file is an empty one (these
    are conveniences, never worth refusing to start over)."""
    path = prefs_path()
    try:
        info = path.stat()
    except OSError:
        return {}
    key = (info.st_ino, info.st_mtime_ns, info.st_size)
    known = _read.get(path)
    if known is not None and known[0] == key:
        return dict(known[1])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    kept = data if isinstance(data, dict) else {}
    _read[path] = (key, kept)
    return dict(kept)


def save(**values: Any) -> None:
    """Merge ``values`` into the file. A failure to write is ignored for the same reason."""
    data = load() | values
    path = prefs_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp: Path(tmp).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8"))
    except OSError:
        pass


def branch_for(address: str) -> int | None:
    """The branch this till stands in for the café at ``address`` (issue #34): kept per café,
    because one computer may open several (a test file, the chain's server)."""
    chosen = load().get("branches", {})
    value = chosen.get(address) if isinstance(chosen, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def save_branch(address: str, branch_id: int | None) -> None:
    chosen = load().get("branches", {})
    chosen = dict(chosen) if isinstance(chosen, dict) else {}
    if branch_id is None:
        chosen.pop(address, None)
    else:
        chosen[address] = branch_id
    save(branches=chosen)
