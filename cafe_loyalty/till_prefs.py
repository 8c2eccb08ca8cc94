"""What belongs to this till rather than to the café: which screen faces the customer, and
whether the customer display was open. Kept in a small JSON file in the user's config folder
(not in the database, which is the café's and may one day be shared by several tills), and
written atomically so a crash leaves the old file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from .files import atomic_write

APP_NAME = "cafe-loyalty"
ENV = "CAFE_LOYALTY_CONFIG_DIR"  # tests and portable installs point this elsewhere


def prefs_path() -> Path:
    folder = os.environ.get(ENV) or platformdirs.user_config_dir(APP_NAME, appauthor=False)
    return Path(folder) / "till.json"


def load() -> dict[str, Any]:
    """The till's preferences; an absent, unreadable or damaged file is an empty one (these
    are conveniences, never worth refusing to start over)."""
    try:
        data = json.loads(prefs_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**values: Any) -> None:
    """Merge ``values`` into the file. A failure to write is ignored for the same reason."""
    data = load() | values
    path = prefs_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp: Path(tmp).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8"))
    except OSError:
        pass
