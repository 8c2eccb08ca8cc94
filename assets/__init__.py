"""Icons, fonts and card artwork, installed as ``cafe_loyalty.assets``.

The folder sits at the top of the repository (as the layout asks) and is mapped into the
package by ``pyproject.toml``, so one lookup works from a checkout, an installed wheel and the
PyInstaller bundle.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    return ROOT.joinpath(*parts)
