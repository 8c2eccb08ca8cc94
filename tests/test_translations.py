"""The Persian translation file: complete, in step with ui/, placeholders intact, and the
compiled .qm the one the .ts produces."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from cafe_loyalty_ui import vocabulary

from cafe_loyalty.services.customers import DIETARY
from cafe_loyalty.services.menu import MODIFIERS
from scripts import translations

# Latin that may stay in a Persian translation: file formats, keys, the field names inside
# braces, card codes, web addresses, and what is typed as it is (command-line options, the
# database server's name and its password variable and file).
LATIN_ALLOWED = re.compile(
    r"PDF|PNG|CSV|XLSX|XLS|ODS|Esc|zip|--\w+|PostgreSQL|psycopg|PGPASSWORD|\.pgpass|"
    r"keyring|cafe-loyalty db password|ADDRESS|"
    r"\*\.\w+|usb:\S+|file:\S+|pip install \S+|\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b|\{\w+(?:!r)?\}|%L?n|https?://\S*|\b[0-9A-Z]{4}(?:-[0-9A-Z]{1,4})+\b|\b(?:en|fa)\b"
)


def messages(ts: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> translations (one per numerus form), for unfinished ones too."""
    out: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                texts = [""]
            else:
                forms = translation.findall("numerusform")
                texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            out[(name, message.findtext("source") or "")] = texts
    return out


def test_every_string_is_translated():
    found = messages(translations.TS)
    assert len(found) > 250
    assert [key for key, texts in found.items() if not all(t.strip() for t in texts)] == []


def test_the_ts_file_holds_every_string_in_ui(tmp_path):
    if shutil.which("pyside6-lupdate") is None:
        pytest.fail("pyside6-lupdate is missing (it comes with PySide6)")
    assert translations.ERROR_TEXTS.read_text(encoding="utf-8") == translations.error_texts_source(), (
        "the core's messages changed: run python scripts/translations.py update"
    )
    copy = tmp_path / "fa.ts"
    shutil.copy(translations.TS, copy)
    translations.update(copy, error_texts=False)  # lupdate adds new strings as unfinished, drops gone ones
    assert messages(copy) == messages(translations.TS), "run: python scripts/translations.py update"


def test_the_qm_is_compiled_from_the_ts(tmp_path):
    qm = tmp_path / "fa.qm"
    translations.release(translations.TS, qm)
    assert qm.read_bytes() == translations.QM.read_bytes(), "run: python scripts/translations.py release"


def test_placeholders_and_plurals_survive_translation():
    for (context, source), texts in messages(translations.TS).items():
        for text in texts:
            assert ("%n" in source) == bool(re.search(r"%L?n", text)), (context, source)
            assert sorted(re.findall(r"\{\w+(?:!r)?\}", text)) == sorted(re.findall(r"\{\w+(?:!r)?\}", source)), (
                context,
                source,
            )
            assert not re.search(r"[A-Za-z]{3,}", LATIN_ALLOWED.sub("", text)), (context, source)


def test_vocabulary_lists_every_word_the_core_keeps():
    assert set(vocabulary.DIETARY_LABELS) == set(DIETARY)
    assert set(vocabulary.MODIFIER_LABELS) == {m for options in MODIFIERS.values() for m in options}
