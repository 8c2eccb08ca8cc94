"""The café's country, chosen at setup and in Settings: it turns phone numbers into full
international ones (0912… in Iran is +98912…). A short list of where cafés using the till are,
named in the till's language; the computer's own country is added if it is not among them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QComboBox

_NAMES = {
    "IR": "Iran",
    "AF": "Afghanistan",
    "TJ": "Tajikistan",
    "IQ": "Iraq",
    "TR": "Türkiye",
    "AE": "United Arab Emirates",
    "DE": "Germany",
    "AT": "Austria",
    "CH": "Switzerland",
    "NL": "Netherlands",
    "BE": "Belgium",
    "FR": "France",
    "IT": "Italy",
    "ES": "Spain",
    "GB": "United Kingdom",
    "IE": "Ireland",
    "SE": "Sweden",
    "NO": "Norway",
    "DK": "Denmark",
    "FI": "Finland",
    "US": "United States",
    "CA": "Canada",
    "AU": "Australia",
    "NZ": "New Zealand",
}


def _translated(code: str) -> str:
    return QCoreApplication.translate("Countries", _NAMES[code])


if False:  # for lupdate: the names above, in the "Countries" context
    QCoreApplication.translate("Countries", "Iran")
    QCoreApplication.translate("Countries", "Afghanistan")
    QCoreApplication.translate("Countries", "Tajikistan")
    QCoreApplication.translate("Countries", "Iraq")
    QCoreApplication.translate("Countries", "Türkiye")
    QCoreApplication.translate("Countries", "United Arab Emirates")
    QCoreApplication.translate("Countries", "Germany")
    QCoreApplication.translate("Countries", "Austria")
    QCoreApplication.translate("Countries", "Switzerland")
    QCoreApplication.translate("Countries", "Netherlands")
    QCoreApplication.translate("Countries", "Belgium")
    QCoreApplication.translate("Countries", "France")
    QCoreApplication.translate("Countries", "Italy")
    QCoreApplication.translate("Countries", "Spain")
    QCoreApplication.translate("Countries", "United Kingdom")
    QCoreApplication.translate("Countries", "Ireland")
    QCoreApplication.translate("Countries", "Sweden")
    QCoreApplication.translate("Countries", "Norway")
    QCoreApplication.translate("Countries", "Denmark")
    QCoreApplication.translate("Countries", "Finland")
    QCoreApplication.translate("Countries", "United States")
    QCoreApplication.translate("Countries", "Canada")
    QCoreApplication.translate("Countries", "Australia")
    QCoreApplication.translate("Countries", "New Zealand")


def _name(code: str) -> str:
    return _translated(code) if code in _NAMES else QLocale.territoryToString(QLocale.codeToTerritory(code))


def system_country() -> str:
    """This computer's country (its locale), as a two-letter code, or ""."""
    code = QLocale.territoryToCode(QLocale.system().territory())
    return code if len(code) == 2 and code.isalpha() else ""


def fill(combo: QComboBox, chosen: str = "", guess: bool = True) -> None:
    """The countries, sorted by name in the till's language; ``chosen`` (a code) selected, or
    else (with ``guess``) this computer's country; the item data is the code."""
    combo.clear()
    codes = dict.fromkeys([*_NAMES, *(c for c in (chosen, system_country()) if c)])
    items = [(_name(c), c) for c in codes]
    combo.addItem(QCoreApplication.translate("Countries", "(none: numbers kept as typed)"), "")
    for name, code in sorted(items, key=lambda item: item[0].casefold()):
        combo.addItem(name, code)
    want = chosen or (system_country() if guess else "")
    combo.setCurrentIndex(max(0, combo.findData(want)))
