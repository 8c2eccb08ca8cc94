"""Owner ▸ Backup ▸ Passphrase…: encrypt the automatic backups (issue #35).

Offered as soon as a folder is chosen, since a USB stick gets lost. The passphrase is typed twice
(it cannot be shown again: the owner needs it to restore), and the rules (length) are the core's;
this dialog only says them."""

from __future__ import annotations

from cafe_loyalty_ui import theme
from cafe_loyalty_ui.widgets import Banner, SecretPair
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout


class BackupPassphraseDialog(QDialog):
    chosen = Signal(str)  # the passphrase, typed the same twice
    stopped = Signal()  # "Do not encrypt" on backups that were

    def __init__(self, parent, encrypted: bool):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypt the backups"))
        v = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A USB stick gets lost and a synced folder lives on someone else's servers. With a passphrase, "
                "the backups written there can only be opened with it. This computer keeps it to write them; "
                "write it down somewhere safe: a restore on another computer asks for it."
            )
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        form = QFormLayout()
        self.pair = SecretPair(form, self.tr("Passphrase"), self.tr("At least 8 characters"), parent=self)
        self.first, self.again = self.pair.first, self.pair.again
        v.addLayout(form)
        self.result = Banner()
        v.addWidget(self.result)
        buttons = QHBoxLayout()
        self.stop_button = QPushButton(self.tr("Do not encrypt"))
        self.stop_button.setVisible(encrypted)
        self.stop_button.clicked.connect(self._stop)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        later = QPushButton(self.tr("Not now"))
        later.clicked.connect(self.reject)
        self.encrypt_button = QPushButton(self.tr("Encrypt backups"))
        theme.set_kind(self.encrypt_button, "primary")
        self.encrypt_button.setDefault(True)
        self.encrypt_button.clicked.connect(self._encrypt)
        buttons.addWidget(later)
        buttons.addWidget(self.encrypt_button)
        v.addLayout(buttons)
        self.setMinimumWidth(520)
        v.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # the wrapped text is never cut

    def _encrypt(self) -> None:
        passphrase = self.pair.text()
        if passphrase is None:
            self.result.say(self.tr("The two passphrases differ."), "error")
            return
        self.chosen.emit(passphrase)  # the tab closes this once the core has kept it

    def _stop(self) -> None:
        self.stopped.emit()
