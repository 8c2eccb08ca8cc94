"""Words the core keeps as data but the till shows: dietary flags and the modifier chips.

The core holds them in English (``cafe_loyalty.services.customers.DIETARY``,
``cafe_loyalty.services.menu.MODIFIERS``, feedback kinds, treat reasons); they are listed again here inside
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


# cafe_loyalty.services.feedback.KINDS and cafe_loyalty.services.regulars.TREAT_REASONS, as shown.
FEEDBACK_LABELS = {
    "praise": QT_TRANSLATE_NOOP("Vocabulary", "Praise"),
    "complaint": QT_TRANSLATE_NOOP("Vocabulary", "Complaint"),
    "idea": QT_TRANSLATE_NOOP("Vocabulary", "Idea"),
}

TREAT_LABELS = {
    "birthday": QT_TRANSLATE_NOOP("Vocabulary", "Birthday"),
    "new-item": QT_TRANSLATE_NOOP("Vocabulary", "Something new to try"),
    "milestone": QT_TRANSLATE_NOOP("Vocabulary", "Milestone"),
    "apology": QT_TRANSLATE_NOOP("Vocabulary", "Making up for something"),
    "other": QT_TRANSLATE_NOOP("Vocabulary", "Just because"),
}


def feedback_kind(kind: str) -> str:
    return word(FEEDBACK_LABELS[kind])


def treat_reason(reason: str) -> str:
    return word(TREAT_LABELS[reason])


def word(text: str) -> str:
    """One of the words above in the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def dietary_text(flags: str) -> str:
    """The stored "vegan,halal" as the till shows it."""
    return i18n.list_separator().join(word(f) for f in flags.split(",") if f)
