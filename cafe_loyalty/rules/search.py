"""What the search box matches, decided once (issue #33 found it written three times: SQLite,
PostgreSQL and the till's copy). Every word typed must appear somewhere in a regular's search
key (folded names, phone digits, the card code), in any order; case, diacritics, Arabic and
Persian letter forms, ZWNJ and Persian digits do not matter because both sides are folded.

The server's statements differ by engine (``Dialect.search``); the till's copy has its own
table. All three take their matching from :func:`matching`.
"""

from __future__ import annotations

from cafe_loyalty.text import fold

MAX_QUERY = 200  # characters of a query read (a scanner's burst, a paste)
MAX_TERMS = 8  # words matched; more narrow nothing a person would type


def terms(query: str) -> list[str]:
    """The words of a query as the keys hold them (a card code's dashes dropped)."""
    return fold(query[:MAX_QUERY]).replace("-", "").split()[:MAX_TERMS]


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching(query: str, key: str) -> tuple[list[str], list[object]]:
    """SQL conditions (one per word, all to hold) on the column ``key``, and their values;
    plain SQL both engines and the copy's SQLite read alike."""
    words = terms(query)
    values: list[object] = [f"%{_like_escape(w)}%" for w in words]
    return [f"{key} LIKE ? ESCAPE '\\'" for _ in words], values
