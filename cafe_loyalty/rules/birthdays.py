"""Birthday rules, kept apart so the tile grid, the panel and the reports agree on them.

A birthday is kept in the calendar it was given in. Someone born on 1 Farvardin celebrates on
Nowruz, which falls on 20 or 21 March depending on the year, so storing a Jalali birthday as a
Gregorian month and day would be a day out in some years.

The birthday week is the birthday and three days either side, across the turn of the year.
Days that a year may lack are celebrated on the day before: 29 February on the 28th in common
Gregorian years, 30 Esfand on the 29th in common Jalali years.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import jdatetime

from cafe_loyalty.errors import ValidationError

BIRTHDAY_WINDOW_DAYS = 3
CALENDARS = ("gregorian", "jalali")
JALALI_FIRST_YEAR = 1279  # 1900 in the Gregorian calendar


@dataclass(frozen=True)
class Birthday:
    month: int
    day: int
    year: int | None
    calendar: str = "gregorian"

    def in_year(self, year: int) -> dt.date:
        """The Gregorian day it is celebrated in ``year`` of its own calendar."""
        if self.calendar == "jalali":
            return jalali_birthday_in(year, self.month, self.day)
        return birthday_in(year, self.month, self.day)

    def around(self, today: dt.date) -> list[dt.date]:
        """Its celebrations in the year before, of and after ``today``, in that order."""
        current = jdatetime.date.fromgregorian(date=today).year if self.calendar == "jalali" else today.year
        return [self.in_year(y) for y in (current - 1, current, current + 1)]

    def next_on_or_after(self, today: dt.date) -> dt.date:
        return next(day for day in self.around(today) if day >= today)

    def birth_date(self) -> dt.date | None:
        """The Gregorian date of birth, when the year is known."""
        return None if self.year is None else self.in_year(self.year)


def birthday_in(year: int, month: int, day: int) -> dt.date:
    """The day a birthday is celebrated in ``year``: 29 February falls on the 28th in common years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def jalali_month_length(year: int | None, month: int) -> int:
    """Days in a Jalali month; Esfand has 30 only in leap years (any year when ``year`` is None)."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if year is None or jdatetime.date(year, 1, 1).isleap() else 29


def jalali_birthday_in(year: int, month: int, day: int) -> dt.date:
    """The Gregorian day a Jalali birthday falls on in Jalali ``year``: 30 Esfand on the 29th in common years."""
    day = min(day, jalali_month_length(year, month))
    return jdatetime.date(year, month, day).togregorian()


def validate_birthday(
    month: int | None, day: int | None, year: int | None, today: dt.date, calendar_: str = "gregorian"
) -> Birthday | None:
    if month is None and day is None and year is None:
        return None
    if calendar_ not in CALENDARS:
        raise ValidationError("A birthday's calendar is gregorian or jalali, not {calendar!r}.", calendar=calendar_)
    if month is None or day is None:
        raise ValidationError("A birthday needs both a month and a day (the year is optional).")
    if not 1 <= month <= 12:
        raise ValidationError("The birthday month must be 1 to 12.")
    if calendar_ == "jalali":
        first, last = JALALI_FIRST_YEAR, jdatetime.date.fromgregorian(date=today).year
        longest = jalali_month_length(year, month)
    else:
        first, last = 1900, today.year
        longest = calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000: leap, so 29 Feb is fine
    if year is not None and not first <= year <= last:
        raise ValidationError("The birth year must be between {first} and {last}.", first=first, last=last)
    if not 1 <= day <= longest:
        if year:
            raise ValidationError("There is no day {day} in month {month} of {year}.", day=day, month=month, year=year)
        raise ValidationError("There is no day {day} in month {month}.", day=day, month=month)
    birthday = Birthday(month, day, year, calendar_)
    if birthday.birth_date() is not None and birthday.birth_date() > today:  # type: ignore[operator]
        raise ValidationError("The birthday is in the future.")
    return birthday


def in_birthday_week(birthday: Birthday, today: dt.date) -> bool:
    return any(abs((day - today).days) <= BIRTHDAY_WINDOW_DAYS for day in birthday.around(today))
