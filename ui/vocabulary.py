"""Words the core keeps as data but the till shows: dietary flags and the modifier chips.

The core holds them in English (``cafe_loyalty.services.customers.DIETARY``,
``cafe_loyalty.services.menu.MODIFIERS``); they are listed again here inside
``QT_TRANSLATE_NOOP`` so lupdate extracts them. A test checks that both lists agree.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from . import i18n

CONTEXT = "Vocabulary"

DIETARY_LABELS = (
    QT_TRANSLATE_NOOP("Vocabulary", "vegetarian"),
    QT_TRANSLATE_NOOP("Vocabulary", "vegan"),
    QT_TRANSLATE_NOOP("Vocabulary", "lactose-free"),
    QT_TRANSLATE_NOOP("Vocabulary", "gluten-free"),
    QT_TRANSLATE_NOOP("Vocabulary", "nut-free"),
    QT_TRANSLATE_NOOP("Vocabulary", "halal"),
    QT_TRANSLATE_NOOP("Vocabulary", "no caffeine"),
)

MODIFIER_LABELS = (
    QT_TRANSLATE_NOOP("Vocabulary", "whole milk"),
    QT_TRANSLATE_NOOP("Vocabulary", "low-fat milk"),
    QT_TRANSLATE_NOOP("Vocabulary", "oat milk"),
    QT_TRANSLATE_NOOP("Vocabulary", "soy milk"),
    QT_TRANSLATE_NOOP("Vocabulary", "no milk"),
    QT_TRANSLATE_NOOP("Vocabulary", "small"),
    QT_TRANSLATE_NOOP("Vocabulary", "regular"),
    QT_TRANSLATE_NOOP("Vocabulary", "large"),
    QT_TRANSLATE_NOOP("Vocabulary", "extra hot"),
    QT_TRANSLATE_NOOP("Vocabulary", "not too hot"),
    QT_TRANSLATE_NOOP("Vocabulary", "iced"),
    QT_TRANSLATE_NOOP("Vocabulary", "no sugar"),
    QT_TRANSLATE_NOOP("Vocabulary", "less sugar"),
    QT_TRANSLATE_NOOP("Vocabulary", "extra sugar"),
)


def word(text: str) -> str:
    """One of the words above in the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def dietary_text(flags: str) -> str:
    """The stored "vegan,halal" as the till shows it."""
    return i18n.list_separator().join(word(f) for f in flags.split(",") if f)
