"""Birthdays in the Persian (Jalali) calendar: kept as given, celebrated on the right Gregorian
day each year, with the leap-year and Nowruz edges."""

from __future__ import annotations

import datetime as dt

import pytest

from cafe_loyalty.errors import ValidationError
from cafe_loyalty.rules.birthdays import Birthday, in_birthday_week, jalali_birthday_in, validate_birthday


@pytest.mark.parametrize(
    ("jalali_year", "month", "day", "gregorian"),
    [
        (1403, 12, 30, dt.date(2025, 3, 20)),  # 1403 is a leap year: 30 Esfand exists
        (1404, 12, 30, dt.date(2026, 3, 20)),  # 1404 is not: celebrated on 29 Esfand
        (1404, 12, 29, dt.date(2026, 3, 20)),
        (1404, 1, 1, dt.date(2025, 3, 21)),  # Nowruz 1404
        (1405, 1, 1, dt.date(2026, 3, 21)),
        (1403, 1, 1, dt.date(2024, 3, 20)),  # Nowruz moves to the 20th after a leap Esfand
        (1408, 12, 30, dt.date(2030, 3, 20)),  # the next leap year after 1403
        (1405, 9, 2, dt.date(2026, 11, 23)),
    ],
)
def test_jalali_birthday_falls_on_the_right_gregorian_day(jalali_year, month, day, gregorian):
    assert jalali_birthday_in(jalali_year, month, day) == gregorian


def test_a_nowruz_birthday_follows_nowruz_not_a_fixed_gregorian_day():
    nowruz = Birthday(1, 1, None, "jalali")
    assert nowruz.next_on_or_after(dt.date(2024, 3, 1)) == dt.date(2024, 3, 20)
    assert nowruz.next_on_or_after(dt.date(2025, 3, 1)) == dt.date(2025, 3, 21)
    # Across the Nowruz boundary: the day after Nowruz, the next one is a year away.
    assert nowruz.next_on_or_after(dt.date(2025, 3, 22)) == dt.date(2026, 3, 21)
    # The last day of the Jalali year counts as the same week as Nowruz.
    assert in_birthday_week(nowruz, dt.date(2026, 3, 20))
    assert in_birthday_week(nowruz, dt.date(2026, 3, 18))
    assert not in_birthday_week(nowruz, dt.date(2026, 3, 17))


@pytest.mark.parametrize(
    ("today", "inside"),
    [
        (dt.date(2025, 3, 20), True),  # 30 Esfand 1403 itself
        (dt.date(2026, 3, 20), True),  # 29 Esfand 1404 stands in for it
        (dt.date(2026, 3, 23), True),
        (dt.date(2026, 3, 24), False),
        (dt.date(2026, 3, 16), False),
    ],
)
def test_30_esfand_birthday_week_in_leap_and_common_years(today, inside):
    assert in_birthday_week(Birthday(12, 30, None, "jalali"), today) is inside


@pytest.mark.parametrize(
    ("month", "day", "year", "message"),
    [
        (12, 30, 1404, "no day 30"),  # 1404 is not a leap year
        (7, 31, None, "no day 31"),  # Mehr has 30 days
        (13, 1, None, "1 to 12"),
        (1, 1, 1278, "between 1279"),
        (1, 1, 1406, "between 1279 and 1405"),  # today is in 1405
        (9, 10, 1405, "future"),  # 10 Azar 1405 is next week
    ],
)
def test_impossible_jalali_birthdays_are_refused(cafe, clock, month, day, year, message):
    clock.current = dt.datetime(2026, 11, 23, 9, 0)  # 2 Azar 1405
    sara = cafe.customers.add("Sara")
    with pytest.raises(ValidationError, match=message):
        cafe.customers.update(
            sara.id, birthday_month=month, birthday_day=day, birthday_year=year, birthday_calendar="jalali"
        )
    assert cafe.regulars.birthday(sara.id) is None


def test_a_leap_year_30_esfand_with_its_year_is_accepted():
    birthday = validate_birthday(12, 30, 1399, dt.date(2026, 11, 23), "jalali")
    assert birthday is not None and birthday.birth_date() == dt.date(2021, 3, 20)


def test_unknown_calendar_is_refused(cafe):
    with pytest.raises(ValidationError, match="gregorian or jalali"):
        cafe.customers.add("Sara", birthday_month=1, birthday_day=1, birthday_calendar="lunar")
    assert cafe.customers.count() == 0


def test_jalali_birthday_through_the_service_the_tiles_and_the_upcoming_list(cafe, clock):
    clock.current = dt.datetime(2026, 11, 23, 9, 0)  # 2 Azar 1405: a birthday on 5 Azar is three days away
    sara = cafe.customers.add("سارا", birthday_month=9, birthday_day=5, birthday_year=1370, birthday_calendar="jalali")
    assert sara.birthday == {"month": 9, "day": 5, "year": 1370, "calendar": "jalali"}
    assert cafe.regulars.is_birthday_week(sara.id)
    assert cafe.customers.search("سارا")[0].birthday_week
    assert cafe.regulars.upcoming_birthdays(14) == [(dt.date(2026, 11, 26), sara.id, "سارا")]
    edited = cafe.customers.update(sara.id, birthday_month=5, birthday_day=5, birthday_calendar="gregorian")
    assert edited.birthday == {"month": 5, "day": 5, "year": None, "calendar": "gregorian"}
    assert not cafe.regulars.is_birthday_week(sara.id)
