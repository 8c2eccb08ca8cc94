"""Birthday rules, kept apart so the tile grid, the panel and the reports agree on them.

The birthday week is the birthday and three days either side, across the turn of the year;
29 February is celebrated on the 28th in common years.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .errors import ValidationError
from .services.views import JsonView

BIRTHDAY_WINDOW_DAYS = 3


@dataclass(frozen=True)
class Birthday(JsonView):
    month: int
    day: int
    year: int | None

    def next_on_or_after(self, today: dt.date) -> dt.date:
        for year in (today.year, today.year + 1):
            when = birthday_in(year, self.month, self.day)
            if when >= today:
                return when
        raise AssertionError("unreachable")


def birthday_in(year: int, month: int, day: int) -> dt.date:
    """The day a birthday is celebrated in ``year``: 29 February falls on the 28th in common years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def validate_birthday(month: int | None, day: int | None, year: int | None, today: dt.date) -> Birthday | None:
    if month is None and day is None and year is None:
        return None
    if month is None or day is None:
        raise ValidationError("A birthday needs both a month and a day (the year is optional).")
    if not 1 <= month <= 12:
        raise ValidationError("The birthday month must be 1 to 12.")
    if year is not None and not 1900 <= year <= today.year:
        raise ValidationError(f"The birth year must be between 1900 and {today.year}.")
    longest = calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000: leap, so 29 Feb is fine
    if not 1 <= day <= longest:
        raise ValidationError(f"There is no day {day} in month {month}{f' of {year}' if year else ''}.")
    return Birthday(month, day, year)


def in_birthday_week(birthday: Birthday, today: dt.date) -> bool:
    for year in (today.year - 1, today.year, today.year + 1):
        if abs((birthday_in(year, birthday.month, birthday.day) - today).days) <= BIRTHDAY_WINDOW_DAYS:
            return True
    return False
