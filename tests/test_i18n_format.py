"""How the till writes numbers and dates in each language: Persian digits and the Jalali
calendar in Persian, with birthdays converted between calendars."""

from __future__ import annotations

import datetime as dt

import pytest
from cafe_loyalty_ui import i18n


@pytest.fixture(params=["en", "fa"])
def lang(request, language):
    language(request.param)
    return request.param


EXPECTED = {
    "en": {
        "date": "23 Nov 2026",
        "weekday": "Mon 23 Nov",
        "nowruz": "21 Mar 2026",
        "numbers": "1,234 of 10",
        "birthday_jalali": "20 March 2025",  # 30 Esfand 1403, year known: its Gregorian date
        "birthday_gregorian": "21 March",
        "months": ("January", "December"),
    },
    "fa": {
        "date": "۲ آذر ۱۴۰۵",
        "weekday": "دوشنبه ۲ آذر",
        "nowruz": "۱ فروردین ۱۴۰۵",
        "numbers": "۱٬۲۳۴ of ۱۰",
        "birthday_jalali": "۳۰ اسفند ۱۴۰۳",
        "birthday_gregorian": "۱ فروردین",  # 21 March, no year: as it falls this (Jalali) year
        "months": ("فروردین", "اسفند"),
    },
}


def test_dates_and_numbers(lang):
    want = EXPECTED[lang]
    assert i18n.date_text(dt.date(2026, 11, 23)) == want["date"]
    assert i18n.date_text(dt.date(2026, 11, 23), weekday=True, year=False) == want["weekday"]
    assert i18n.date_text(dt.date(2026, 3, 21)) == want["nowruz"]
    assert i18n.numbers("{0} of {1}", 1234, 10) == want["numbers"]
    assert (i18n.month_names()[0], i18n.month_names()[-1]) == want["months"]


def test_birthdays_are_shown_in_the_language_calendar(lang):
    today = dt.date(2026, 11, 23)
    jalali = {"month": 12, "day": 30, "year": 1403, "calendar": "jalali"}
    gregorian = {"month": 3, "day": 21, "year": None, "calendar": "gregorian"}
    assert i18n.birthday_text(jalali, today) == EXPECTED[lang]["birthday_jalali"]
    assert i18n.birthday_text(gregorian, today) == EXPECTED[lang]["birthday_gregorian"]
    assert i18n.birthday_text(None, today) == ""


def test_moments_and_stored_iso_text(language):
    language("fa")
    try:
        today = dt.date(2026, 11, 23)
        assert i18n.digits("12:05") == "۱۲:۰۵"
        assert i18n.when(dt.datetime(2025, 1, 1, 12, 0), today) == "۱۲ دی ۱۴۰۳"
        assert i18n.iso_text("2026-11-23") == "۲ آذر ۱۴۰۵"
        assert i18n.commas("لاته, شیر کم‌چرب") == "لاته، شیر کم‌چرب"
    finally:
        language("en")
    assert i18n.digits("12:05") == "12:05"
    assert i18n.commas("latte, oat milk") == "latte, oat milk"
