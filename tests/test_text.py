"""Search folding and input cleaning, including Persian/Arabic forms and invisible characters."""

from __future__ import annotations

import pytest

from cafe_loyalty.errors import ValidationError
from cafe_loyalty.text import clean, clean_phone, fold, phone_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SARA", "sara"),
        ("Zoë", "zoe"),
        ("José", "JOSE"),
        ("علي", "علی"),  # Arabic yeh vs Persian yeh
        ("كريم", "کریم"),  # Arabic kaf vs keheh
        ("مهرناز", "مهر\u200cناز"),  # zero-width non-joiner
        ("مُحَمَّد", "محمد"),  # harakat (diacritics)
        ("آرش", "ارش"),  # alef madda
        ("فاطمة", "فاطمه"),  # teh marbuta
        ("۰۹۱۲", "0912"),  # Persian digits
        ("٠٩١٢", "0912"),  # Arabic-Indic digits
        ("Sa\u202era", "sara"),  # right-to-left override
        ("  Sara   Ahmadi ", "sara ahmadi"),
    ],
)
def test_fold_treats_spellings_alike(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_different():
    assert fold("Sara") != fold("Sarah")
    assert fold("علی") != fold("عالی")


def test_clean_removes_bidi_overrides_but_keeps_zwnj_and_emoji():
    assert clean("Sa\u202eara\u202c", field="first name", max_len=80) == "Saara"
    assert clean("مهر\u200cناز", field="first name", max_len=80) == "مهر\u200cناز"
    assert clean("Leo ☕🦁", field="first name", max_len=80) == "Leo ☕🦁"
    assert clean("O'Brien; DROP TABLE customer;--", field="last name", max_len=80) == (
        "O'Brien; DROP TABLE customer;--"
    )


@pytest.mark.parametrize("name", ["", "   ", "\u200f\u202e", "\t\n"])
def test_clean_refuses_empty_names(name):
    with pytest.raises(ValidationError, match="first name"):
        clean(name, field="first name", max_len=80, required=True)


def test_clean_refuses_too_long():
    with pytest.raises(ValidationError, match="too long"):
        clean("x" * 10_000, field="first name", max_len=80, required=True)


def test_notes_keep_line_breaks_names_do_not():
    assert clean("oat milk\nno sugar", field="notes", max_len=100) == "oat milk\nno sugar"
    assert clean("Sara\nAhmadi", field="first name", max_len=100) == "Sara Ahmadi"


def test_phone_rules():
    assert clean_phone("۰۹۱۲ ۳۴۵ ۶۷۸۹") == "۰۹۱۲ ۳۴۵ ۶۷۸۹"
    assert phone_key("۰۹۱۲ ۳۴۵ ۶۷۸۹") == "09123456789"
    assert clean_phone("+98 (912) 345-6789") == "+98 (912) 345-6789"
    with pytest.raises(ValidationError):
        clean_phone("call me")
    with pytest.raises(ValidationError):
        clean_phone("12")
