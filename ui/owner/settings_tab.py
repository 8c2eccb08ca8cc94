"""Owner ▸ Settings, built from the core's ``SPECS``: each setting's kind and limits come from
there, so a box can never offer a value the service would refuse. Only the labels and units,
which are words for people, are written here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cafe_loyalty_ui import countries, i18n, theme
from cafe_loyalty_ui.owner.screen import OwnerTab
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout

from cafe_loyalty.services.settings import SPECS

# The settings the owner edits here, in this order (others are set elsewhere or by the CLI).
SHOWN = (
    "cafe_name",
    "card_slots",
    "head_start",
    "reward_text",
    "reward_text_fa",
    "guard_minutes",
    "card_show_names",
    "card_url_template",
    "backup_reminder_days",
    "completion_days",
    "checkback_minutes",
    "checkback_expire_minutes",
    "contact_phone",
    "contact_email",
    "contact_address",
    "contact_social_1",
    "contact_social_2",
    "contact_social_3",
    "time_zone",
    "phone_region",
    "language",
    "theme",
)


class SettingsTab(OwnerTab):
    areas = ("settings",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.setting_widgets: dict[str, Any] = {}
        for key in SHOWN:
            widget = self._widget(key)
            self.setting_widgets[key] = widget
            form.addRow(self._label(key), widget)
        v.addLayout(form)
        hint = QLabel(self.tr("A new card size or head start applies to cards issued from now on."), objectName="hint")
        v.addWidget(hint)
        v.addWidget(self.result)
        self.save_settings_button = QPushButton(self.tr("Save settings"))
        theme.set_kind(self.save_settings_button, "primary")
        self.save_settings_button.clicked.connect(self.save_settings)
        self.save_settings_button.setEnabled(False)  # until the fields show the settings
        v.addWidget(self.save_settings_button, 0, Qt.AlignmentFlag.AlignRight)
        v.addStretch(1)
        self.reload()

    def _widget(self, key: str):
        spec = SPECS[key]
        if key == "language":
            combo = QComboBox()
            for code, name in i18n.LANGUAGES.items():
                combo.addItem(name, code)
            return combo
        if key == "phone_region":
            combo = QComboBox()
            countries.fill(combo, guess=False)
            return combo
        if key == "theme":
            combo = QComboBox()
            for code, name in (
                ("light", self.tr("Light")),
                ("dark", self.tr("Dark (evening)")),
                ("contrast", self.tr("High contrast")),
            ):
                combo.addItem(name, code)
            return combo
        if spec.kind is int and (spec.low, spec.high) == (0, 1):
            return QCheckBox(self.tr("Print first names on cards"))
        if spec.kind is int:
            units = {
                "guard_minutes": self.tr(" min"),
                "backup_reminder_days": self.tr(" days"),
                "completion_days": self.tr(" days"),
                "checkback_minutes": self.tr(" min"),
                "checkback_expire_minutes": self.tr(" min"),
            }
            return QSpinBox(minimum=spec.low, maximum=spec.high, suffix=units.get(key, ""))
        edit = QLineEdit()
        if key == "card_url_template":
            edit.setPlaceholderText("https://example.com/c/{code}")
        if key == "time_zone":
            edit.setPlaceholderText(self.tr("This computer's (or a name such as Asia/Tehran)"))
        return edit

    def _label(self, key: str) -> str:
        return {
            "cafe_name": self.tr("Café name"),
            "card_slots": self.tr("Slots on a card"),
            "head_start": self.tr("Head start (filled at issue)"),
            "reward_text": self.tr("Reward (in English)"),
            "reward_text_fa": self.tr("Reward (in Persian)"),
            "guard_minutes": self.tr("Double-tap guard"),
            "card_show_names": "",
            "card_url_template": self.tr("Card web address"),
            "backup_reminder_days": self.tr("Backup reminder"),
            "completion_days": self.tr("Time to finish a card"),
            "checkback_minutes": self.tr("Check back after (0: never)"),
            "checkback_expire_minutes": self.tr("Drop a check-back after"),
            "contact_phone": self.tr("Café phone"),
            "contact_email": self.tr("Café email"),
            "contact_address": self.tr("Café address"),
            "contact_social_1": self.tr("Social (e.g. Instagram @cafe)"),
            "contact_social_2": self.tr("Social"),
            "contact_social_3": self.tr("Social"),
            "time_zone": self.tr("Time zone"),
            "phone_region": self.tr("Country (for phone numbers)"),
            "language": self.tr("Language (the till reopens in it)"),
            "theme": self.tr("Colours (the till reopens in them)"),
        }[key]

    def reload(self) -> None:
        self._ops.query(self._cafe.settings.all, on_done=self._got_settings)

    def _got_settings(self, values: dict[str, Any]) -> None:
        for key, widget in self.setting_widgets.items():
            if isinstance(widget, QSpinBox):
                widget.setValue(int(values[key]))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(values[key]))
            elif key == "phone_region":
                countries.fill(widget, values[key], guess=False)  # the café's own, if not listed
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(values[key])))
            else:
                widget.setText(str(values[key]))
        self._loaded = self.setting_values()
        self.save_settings_button.setEnabled(True)

    def _values(self) -> dict[str, Any]:
        return self.setting_values()

    def setting_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.setting_widgets.items():
            if isinstance(widget, QSpinBox):
                out[key] = widget.value()
            elif isinstance(widget, QCheckBox):
                out[key] = int(widget.isChecked())
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            else:
                out[key] = widget.text()
        return out

    def save_settings(self) -> None:
        self.save_changes(lambda _saved: None)

    def save_changes(self, then: Callable[[bool], None]) -> None:
        self.act(self._cafe.settings.update, **self._saving(then, self.tr("Settings saved.")), **self.setting_values())
