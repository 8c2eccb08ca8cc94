"""Keep the Persian translation in step with the code.

    python scripts/translations.py update    # pyside6-lupdate: new strings from ui/ into the .ts
    python scripts/translations.py release   # pyside6-lrelease: the .ts compiled to the .qm the app loads

Translators edit ``assets/translations/cafe_loyalty_fa.ts`` (Qt Linguist, or any editor); both
files are committed so that ``pip install .`` needs no Qt tools. ``tests/test_translations.py``
fails when a string in ui/ has no translation or the .qm is older than the .ts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "cafe_loyalty_fa.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (pip install -e .)")
    return found


def update(ts: Path = TS) -> None:
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run(
        [tool("lupdate"), *sources, "-locations", "none", "-no-obsolete", "-target-language", "fa_IR", "-ts", str(ts)],
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


if __name__ == "__main__":
    commands = {"update": update, "release": release}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        raise SystemExit(__doc__)
    commands[sys.argv[1]]()
