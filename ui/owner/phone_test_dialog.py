"""Owner ▸ Customer side ▸ Test from your phone (#31).

Many café routers keep guests on the Wi-Fi from reaching each other ("client isolation"), and
pass no .local names between a guest network and the staff one: the phone page then cannot be
reached, however well it works, and nothing said why. The owner scans this QR with their own
phone on the guests' Wi-Fi; the till hears when it arrives, and after a minute without it,
says in plain words what to change."""

from __future__ import annotations

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.operations import Operations
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from cafe_loyalty.page.host import phone_reached, phone_test


class PhoneTestDialog(QDialog):
    POLL_MS = 2000
    POLLS = 30  # a minute

    def __init__(self, ops: Operations, settings: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.setWindowTitle(self.tr("Test from your phone"))
        self.url, png = phone_test(settings)
        v = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Join the café's Wi-Fi for guests on your phone (as a customer would), then scan this code with "
                "its camera."
            )
        )
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.qr = QLabel()
        self.qr.setPixmap(QPixmap.fromImage(QImage.fromData(png)).scaledToWidth(260))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setAccessibleName(self.tr("Test code for your phone"))
        v.addWidget(self.qr)
        address = QLabel(i18n.isolate(self.url), objectName="hint")
        address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        address.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(address)
        self.status = QLabel(self.tr("Waiting for your phone…"), objectName="progressHint")
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        v.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.polls = 0
        self.reached = False
        self.timer = QTimer(self)
        self.timer.setInterval(self.POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.timer.start()
        self.setMinimumWidth(460)

    def _poll(self) -> None:
        self.polls += 1
        self._ops.background(phone_reached, self.url, on_done=self._answer, on_error=lambda _e: True)

    def _answer(self, reached: bool) -> None:
        if self.reached:
            return
        if reached:
            self.reached = True
            self.timer.stop()
            self.status.setProperty("tone", "ok")
            self.status.setText(self.tr("Your phone reached the till: the phone page works on this network."))
        elif self.polls >= self.POLLS and self.timer.isActive():
            self.timer.stop()
            self.status.setText(
                self.tr(
                    "Nothing has arrived from your phone. Most likely the router keeps guests on the Wi-Fi from "
                    "reaching other devices (\u201cclient isolation\u201d or \u201cAP isolation\u201d on the guest "
                    "network). Change one of these: turn client isolation off for the guest network in the "
                    "router's settings; or connect the till to the guests' Wi-Fi; or give the till a fixed "
                    "address on the guest network and enter it under Fixed address. Then test again."
                )
            )

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
