"""The app's language: Qt translators, layout direction and font, and how numbers and dates
are written. In Persian the layout runs right to left, digits are Persian and dates are Jalali;
every place that shows a number or a date goes through here so none is missed.

The language is chosen once per window: changing it rebuilds the till (see ``cafe_loyalty_ui.app.Session``)
rather than retranslating every widget in place.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import jdatetime
from PySide6.QtCore import QCalendar, QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDateEdit

from cafe_loyalty import assets
from cafe_loyalty.clock import to_local
from cafe_loyalty.errors import CafeError
from cafe_loyalty.rules.birthdays import Birthday

from . import theme

# Shown in the language pickers in their own language, so nobody needs to read the other one.
LANGUAGES = {"en": "English", "fa": "فارسی"}
FONT_FAMILY = "Vazirmatn"

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_JALALI_MONTHS_FA = jdatetime.date.j_months_fa
_WEEKDAYS_FA = ("دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنج\u200cشنبه", "جمعه", "شنبه", "یک\u200cشنبه")  # Monday first


class _Current:
    language = "en"
    default_family = ""
    translators: ClassVar[list[QTranslator]] = []


def current() -> str:
    return _Current.language


def is_persian() -> bool:
    return _Current.language == "fa"


def system_language() -> str:
    """Persian on a machine set up in Persian, English otherwise: the first-run default."""
    return "fa" if QLocale.system().language() == QLocale.Language.Persian else "en"


def install(app: QApplication, language: str) -> None:
    """Load the translations, font, locale and direction for ``language`` into the running app.

    Widgets built afterwards come out in that language; existing ones are rebuilt by the caller.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    for old in _Current.translators:
        app.removeTranslator(old)
    _Current.translators = []
    if language == "fa":
        ours = QTranslator(app)
        if not ours.load(str(assets.path("translations", "cafe_loyalty_fa.qm"))):
            raise FileNotFoundError(assets.path("translations", "cafe_loyalty_fa.qm"))
        qt = QTranslator(app)  # the standard buttons and dialogs (OK, Cancel, the file dialog)
        if any(qt.load("qtbase_fa", folder) for folder in _qt_translation_folders()):
            _Current.translators.append(qt)
        _Current.translators.append(ours)
    for translator in _Current.translators:
        app.installTranslator(translator)
    _Current.language = language
    persian = language == "fa"
    QLocale.setDefault(
        QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
        if persian
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if persian else Qt.LayoutDirection.LeftToRight)
    _load_fonts()
    font = app.font()
    _Current.default_family = _Current.default_family or font.family()
    font.setFamily(FONT_FAMILY if persian else _Current.default_family)
    app.setFont(font)
    sheet = theme.style(rtl=persian)
    if app.styleSheet() != sheet:  # re-polishing every widget is the costly part of a switch
        app.setStyleSheet(sheet)


def _qt_translation_folders() -> list[str]:
    """Where Qt's own .qm files are: Qt's configured folder, else PySide6's (a frozen build
    may not carry the qt.conf that points there)."""
    import PySide6

    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
        str(Path(PySide6.__file__).resolve().parent / "translations"),
    ]


def _load_fonts() -> None:
    if FONT_FAMILY in QFontDatabase.families():
        return
    for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(assets.path("fonts", name)))


# -- numbers and dates ----------------------------------------------------------------------


def digits(text: str) -> str:
    """ASCII digits as Persian digits in Persian; unchanged in English. Not for card codes."""
    return text.translate(_PERSIAN_DIGITS) if is_persian() else text


def list_separator() -> str:
    return "، " if is_persian() else ", "


def isolate(text: str) -> str:
    """A name or a file path of the other direction, kept in its own order inside a sentence:
    a Latin name in a Persian greeting sat on the wrong side of it, and the slashes of a path in
    a Persian message moved. Wrapped in Unicode's first-strong isolate (FSI … PDI) only when it
    differs from the till's direction, so plain text stays plain."""
    if not text:
        return text
    kinds = {unicodedata.bidirectional(ch) for ch in text}
    if (is_persian() and "L" in kinds) or (not is_persian() and kinds & {"R", "AL"}):
        return "\u2068" + text + "\u2069"
    return text


def sep() -> str:
    """Between two parts of one line ("6 of 10 · 4 more"). Persian gets a dash: a middle dot
    beside Persian digits reads as the Persian zero (۰), so "۲ از ۱۰ · ۸" looked like one number."""
    return " — " if is_persian() else " · "


def commas(text: str) -> str:
    """A list the core wrote with ", " in the current language's separator."""
    return text.replace(", ", list_separator()) if is_persian() else text


def number(value: int) -> str:
    return QLocale().toString(value)


def numbers(template: str, *args: Any) -> str:
    """``template.format(*args)`` with numbers written in the current language's digits."""

    def written(value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return number(value)
        if isinstance(value, float):
            return digits(f"{value:g}").replace(".", "٫") if is_persian() else f"{value:g}"
        return value

    return template.format(*(written(a) for a in args))


def _jalali(day: dt.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def date_text(day: dt.date, weekday: bool = False, year: bool = True) -> str:
    """ "Mon 23 Nov 2026" or "دوشنبه ۲ آذر ۱۴۰۵"."""
    if is_persian():
        j = _jalali(day)
        parts = [_WEEKDAYS_FA[day.weekday()]] if weekday else []
        parts += [str(j.day), _JALALI_MONTHS_FA[j.month - 1]] + ([str(j.year)] if year else [])
        return digits(" ".join(parts))
    fmt = ("%a " if weekday else "") + "%d %b" + (" %Y" if year else "")
    return day.strftime(fmt).lstrip("0")


def time_text(moment: dt.datetime | dt.time) -> str:
    return digits(moment.strftime("%H:%M"))


def when(value: dt.datetime, today: dt.date | None = None) -> str:
    """A past moment as briefly as it can be said: the time today, the day this year, else the date."""
    local = to_local(value)
    today = today or dt.datetime.now().date()
    if local.date() == today:
        return time_text(local)
    same_year = (_jalali(local.date()).year == _jalali(today).year) if is_persian() else local.year == today.year
    if same_year:
        return date_text(local.date(), weekday=True, year=False) + list_separator() + time_text(local)
    return date_text(local.date())


def iso_text(value: str) -> str:
    """A stored ISO date ("2026-11-23") or UTC moment ("2026-11-23T14:05:00+00:00") for reading."""
    moment = dt.datetime.fromisoformat(value)
    if "T" not in value:
        return date_text(moment.date())
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    local = to_local(moment)
    return date_text(local.date()) + list_separator() + time_text(local)


def calendar_for(edit: QDateEdit) -> None:
    """A date field in the current calendar: Jalali months and Persian digits in Persian."""
    if is_persian():
        edit.setCalendar(QCalendar(QCalendar.System.Jalali))
        edit.setDisplayFormat("yyyy MMMM d")  # Qt reverses the sections right to left: reads "2 Azar 1405"
    else:
        edit.setDisplayFormat("d MMM yyyy")


def error_text(error: CafeError) -> str:
    """A service's message in the current language: its template translated, then its values
    filled in (numbers in the language's digits, field names translated too)."""
    template = QCoreApplication.translate("CafeError", error.template)
    if not error.params:
        return template
    params = {}
    for key, value in error.params.items():
        if isinstance(value, int) and not isinstance(value, bool):
            value = digits(str(value))
        elif key in ("field", "label") and isinstance(value, str):
            value = QCoreApplication.translate("Field", value)
        params[key] = value
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: say it in English
        return error.message


def month_names() -> list[str]:
    """The twelve months of the calendar birthdays are entered in, in the current language."""
    if is_persian():
        return list(_JALALI_MONTHS_FA)
    return [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]


def entry_calendar() -> str:
    """The calendar birthdays are entered in: Jalali in Persian, Gregorian in English."""
    return "jalali" if is_persian() else "gregorian"


def birthday_in_entry_calendar(birthday: Mapping[str, Any] | None, today: dt.date) -> tuple[int, int, int | None]:
    """(month, day, year) of a stored birthday as the current language enters it; (0, 0, None) if none.

    A birthday stored in the other calendar is converted: exactly when its year is known,
    otherwise by its celebration this year (the day a Jalali birthday falls on moves by one).
    """
    if not birthday:
        return (0, 0, None)
    stored = Birthday(birthday["month"], birthday["day"], birthday["year"], birthday.get("calendar", "gregorian"))
    if stored.calendar == entry_calendar():
        return (stored.month, stored.day, stored.year)
    day = stored.birth_date() or stored.next_on_or_after(today)
    if is_persian():
        j = _jalali(day)
        return (j.month, j.day, j.year if stored.year else None)
    return (day.month, day.day, day.year if stored.year else None)


def birthday_text(birthday: Mapping[str, Any] | None, today: dt.date) -> str:
    """ "5 Azar 1370" in Persian, "26 November 1991" in English, without the year when unknown."""
    month, day, year = birthday_in_entry_calendar(birthday, today)
    if not month:
        return ""
    parts = [str(day), month_names()[month - 1]] + ([str(year)] if year else [])
    return digits(" ".join(parts))


def layout_name(layout: str) -> str:
    """A keyboard layout of :mod:`cafe_loyalty.scanning.keymap`, named for the person at the till."""
    names = {
        "fa": QCoreApplication.translate("Keyboard", "Persian"),
        "fa-legacy": QCoreApplication.translate("Keyboard", "Persian"),
        "ar": QCoreApplication.translate("Keyboard", "Arabic"),
        "ru": QCoreApplication.translate("Keyboard", "Russian"),
        "de": QCoreApplication.translate("Keyboard", "German"),
        "fr": QCoreApplication.translate("Keyboard", "French"),
    }
    return names.get(layout, layout)
