"""The customer display: a full-screen window on a second screen that faces the customer.

It follows the till: the regular the barista opens (or whose card was scanned) is greeted and
their card drawn large, with the head start marked apart; a stamp grows into its slot; a full
card says the reward is ready; after a redeem the new card's head start is pointed out. It
reads only through :class:`~cafe_loyalty.services.display.CustomerSide`, so it cannot show
what the owner does not allow (never a last name, phone, note, allergy or feedback).

Between customers it rests on the programme's pitch. A card scanner facing the customer
(typing into this window) checks the customer in: the till is told, nothing is stamped.
"""

from __future__ import annotations

from typing import Any

from cafe_loyalty_ui import i18n, icons, theme
from cafe_loyalty_ui.camera import CameraScanDialog, available_cameras
from cafe_loyalty_ui.card_widget import StampCardWidget
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.scanner import WedgeDetector
from cafe_loyalty_ui.widgets import announce
from PySide6.QtCore import QEasingCurve, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty import till_prefs
from cafe_loyalty.changes import Changes
from cafe_loyalty.services.display import AskAtCounter, RestScreen, ShownCard, moment
from cafe_loyalty.till import Till

PULSE_MS = 600


def display_style(scale: float = 1.0) -> str:
    """The display's own look, in the theme's colours, at ``scale`` (1 on a 1280 x 820 screen:
    an 800 x 480 counter display gets smaller type, a 1920 x 1080 one larger)."""

    def px(size: float) -> str:
        return f"{max(1, round(size * scale))}px"

    return f"""
#customerDisplay {{ background: {theme.CREAM}; }}
#customerDisplay QLabel {{ color: {theme.INK}; }}
#displayCafe {{ font-size: {px(28)}; font-weight: 600; color: {theme.HEADING}; }}
#displayGreeting {{ font-size: {px(56)}; font-weight: 700; color: {theme.HEADING}; }}
#displayProgress {{ font-size: {px(40)}; font-weight: 600; }}
#displayLine {{ font-size: {px(28)}; color: {theme.MUTED}; }}
#displayReady {{ font-size: {px(34)}; font-weight: 700; color: {theme.ON_SUCCESS}; background: {theme.SUCCESS};
  border-radius: {px(18)}; padding: {px(14)} {px(28)}; }}
#displayBirthday {{ font-size: {px(30)}; background: {theme.GOLD_SOFT}; border-radius: {px(16)};
  padding: {px(10)} {px(24)}; }}
#displayPitch {{ font-size: {px(48)}; font-weight: 700; color: {theme.HEADING}; }}
#displayNew {{ font-size: {px(30)}; background: {theme.SURFACE}; border-radius: {px(16)}; padding: {px(12)} {px(28)}; }}
#displayMessage {{ font-size: {px(48)}; font-weight: 700; color: {theme.HEADING}; }}
#displayKeypad QPushButton {{ font-size: {px(30)}; min-width: {px(110)}; min-height: {px(80)}; }}
#displayPhone {{ font-size: {px(36)}; min-height: {px(70)}; }}
#displayClose {{ background: transparent; border: none; padding: 6px; min-width: 32px; min-height: 32px; }}
"""


def fit_scale(width: int, height: int) -> float:
    """How large the display draws on a screen of this size (1 at 1280 x 820)."""
    return max(0.4, min(width / 1280, height / 820, 1.5))


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel(objectName=name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    return label


class CustomerDisplay(QWidget):
    #: A customer checked in at the display (their card scanned, or their phone number typed).
    checked_in = Signal(int)

    close_requested = Signal()  # its close control or Esc: the till closes it

    def __init__(self, till: Till, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("customerDisplay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Opening it must not take the keyboard from the till (where the barista's scanner
        # types); a click on it, or a customer-side scanner, makes it the active window.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._scale = 1.0
        self.setStyleSheet(display_style())
        self.setWindowTitle(self.tr("Customer display"))
        self.till = till
        self.ops = ops
        self.settings: dict[str, Any] = {}
        self.customer_id: int | None = None  # whom the till has open
        self.shown: ShownCard | None = None  # what is drawn now
        self.state = "rest"  # rest, card, message, phone
        self.animation: QVariantAnimation | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(48, 48))
        top.addWidget(logo)
        self.cafe_name = QLabel(objectName="displayCafe")
        top.addWidget(self.cafe_name)  # beside the logo, at the leading edge in either direction
        top.addStretch(1)
        # A way back to the till on a one-screen counter (Esc does the same): small, in the
        # trailing corner, where a customer's hand does not land.
        self.close_button = QToolButton(objectName="displayClose")
        self.close_button.setIcon(icons.icon("close"))
        self.close_button.setAccessibleName(self.tr("Close the customer display"))
        self.close_button.setToolTip(self.tr("Close the customer display (Esc)"))
        self.close_button.clicked.connect(self.close_requested)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(top)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)

        # the customer's card
        card_page = QWidget()
        v = QVBoxLayout(card_page)
        v.addStretch(1)
        self.greeting = _label("displayGreeting")
        v.addWidget(self.greeting)
        self.birthday = _label("displayBirthday", wrap=False)
        v.addWidget(self.birthday, 0, Qt.AlignmentFlag.AlignHCenter)
        self.card = StampCardWidget(cell=130)
        v.addWidget(self.card)
        self.progress = _label("displayProgress")
        v.addWidget(self.progress)
        self.line = _label("displayLine")
        v.addWidget(self.line)
        self.ready = _label("displayReady", wrap=False)
        v.addWidget(self.ready, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addStretch(1)
        self.pages.addWidget(card_page)

        # resting between customers: the programme's pitch
        rest_page = QWidget()
        v = QVBoxLayout(rest_page)
        v.addStretch(1)
        self.pitch = _label("displayPitch")
        v.addWidget(self.pitch)
        self.rest_card = StampCardWidget(cell=100)
        v.addWidget(self.rest_card)
        self.rest_reward = _label("displayLine")
        v.addWidget(self.rest_reward)
        self.newest = _label("displayNew", wrap=False)
        v.addWidget(self.newest, 0, Qt.AlignmentFlag.AlignHCenter)
        self.phone_button = QPushButton(icons.icon("phone"), self.tr("Check in with your phone number"))
        self.phone_button.setMinimumHeight(72)
        self.phone_button.clicked.connect(self.open_keypad)
        v.addWidget(self.phone_button, 0, Qt.AlignmentFlag.AlignHCenter)
        # With the webcam extra and a camera facing the customer: scan the card at the screen.
        self.camera_button = QPushButton(icons.icon("scan"), self.tr("Scan your card with the camera"))
        self.camera_button.setMinimumHeight(72)
        self.camera_button.clicked.connect(self.open_camera)
        self.camera_button.setVisible(bool(available_cameras()))
        v.addWidget(self.camera_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.camera_dialog: QWidget | None = None
        v.addStretch(1)
        self.contact = _label("displayLine")
        v.addWidget(self.contact)
        self.pages.addWidget(rest_page)

        # "Please ask at the counter"
        message_page = QWidget()
        v = QVBoxLayout(message_page)
        self.message = _label("displayMessage")
        v.addWidget(self.message)
        self.pages.addWidget(message_page)

        # check-in by phone number (off unless the owner turns it on)
        phone_page = QWidget(objectName="displayKeypad")
        v = QVBoxLayout(phone_page)
        v.addStretch(1)
        hint = _label("displayLine")
        hint.setText(self.tr("Type the phone number you gave us"))
        v.addWidget(hint)
        self.phone = QLineEdit(objectName="displayPhone")
        self.phone.setEchoMode(QLineEdit.EchoMode.Password)  # masked: others may be watching
        self.phone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phone.setMaxLength(20)
        self.phone.setAccessibleName(self.tr("Phone number"))
        self.phone.returnPressed.connect(self.submit_phone)
        v.addWidget(self.phone, 0, Qt.AlignmentFlag.AlignHCenter)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for n, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "✓"]):
            text = i18n.digits(key)
            button = QPushButton(text)
            button.setAccessibleName({"⌫": self.tr("Delete"), "✓": self.tr("Check in")}.get(key, text))
            button.clicked.connect(lambda _c=False, k=key: self.press_key(k))
            grid.addWidget(button, n // 3, n % 3)
            self.keys[key] = button
        v.addLayout(grid)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setMinimumHeight(60)
        cancel.clicked.connect(self.rest)
        v.addWidget(cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addStretch(1)
        self.pages.addWidget(phone_page)
        self._pages = {"card": card_page, "rest": rest_page, "message": message_page, "phone": phone_page}

        self.rest_timer = QTimer(self)
        self.rest_timer.setSingleShot(True)
        self.rest_timer.timeout.connect(self.rest)
        self.wedge = WedgeDetector(self, None)
        self.wedge.scanned.connect(self.check_in)
        ops.changed.connect(self._data_changed)
        self.reload_settings()
        self._show("rest")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Type and slots follow the screen's size: at 800 x 480 the progress line overlapped
        the slots; at 1920 x 1080 everything was small in the middle."""
        super().resizeEvent(event)
        scale = fit_scale(self.width(), self.height())
        if abs(scale - self._scale) < 0.02:
            return
        self._scale = scale
        self.setStyleSheet(display_style(scale))
        self.card.set_cell(round(130 * scale))
        self.rest_card.set_cell(round(100 * scale))
        margin = round(32 * scale)
        self.layout().setContentsMargins(round(48 * scale), margin, round(48 * scale), margin)
        for button in (self.phone_button, self.camera_button):
            button.setMinimumHeight(round(72 * scale))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes it (the way back to the till when it covers the till's only screen)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)

    # -- placing it ------------------------------------------------------------------------

    def place(self, screen: QScreen | None = None) -> None:
        """Full screen on ``screen`` (remembered for this till), else on the remembered one,
        else on a screen other than the till's, else on the only one."""
        screens = QGuiApplication.screens()
        if screen is None:
            wanted = till_prefs.load().get("display_screen")
            screen = next((s for s in screens if s.name() == wanted), None)
            if screen is None:
                others = [s for s in screens if s is not QGuiApplication.primaryScreen()]
                screen = others[0] if others else QGuiApplication.primaryScreen()
        till_prefs.save(display_screen=screen.name(), display_open=True)
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

    def close_display(self) -> None:
        till_prefs.save(display_open=False)
        self.close()

    # -- following the till ----------------------------------------------------------------

    def follow(self, customer_id: int | None) -> None:
        """The till opened a regular (or closed the panel: ``None``)."""
        if customer_id == self.customer_id:
            return
        self.customer_id = customer_id
        if customer_id is None:
            if self.state == "card":  # a few seconds more for the customer, then the pitch
                self.rest_timer.start(self.settings["display_linger_seconds"] * 1000)
            return
        self.ops.query(self.till.card_of, customer_id, on_done=self.show_card, on_error=lambda _e: True)

    def _data_changed(self, changes: Changes) -> None:
        if changes.area("settings"):
            self.reload_settings()
        if self.customer_id is not None and changes.customer(self.customer_id):
            wanted = self.customer_id
            self.ops.query(
                self.till.card_of,
                wanted,
                on_done=lambda card: self.customer_id == wanted and self.show_card(card),
                on_error=lambda _e: self.rest() or True,  # forgotten meanwhile
            )

    def reload_settings(self) -> None:
        self.ops.query(self.till.settings, on_done=self._got_settings)
        self.ops.query(self.till.rest_screen, on_done=self._got_rest)

    def _got_settings(self, values: dict[str, Any]) -> None:
        self.settings = values
        self.cafe_name.setText(values["cafe_name"])

    def _got_rest(self, rest: RestScreen) -> None:
        self.pitch.setText(
            i18n.numbers(self.tr("Your card starts with {0} stamps — ask us"), rest.head_start)
            if rest.head_start
            else self.tr("Ask us for a loyalty card")
        )
        self.rest_card.set_card(_sample(rest))
        self.rest_reward.setText(i18n.numbers(self.tr("{0} stamps = {1}"), rest.slots, rest.reward))
        self.newest.setText(self.tr("New: {0}").format(rest.newest_item))
        self.newest.setVisible(bool(rest.newest_item))
        self.contact.setText(rest.contact)
        self.contact.setVisible(bool(rest.contact))
        self.phone_button.setVisible(rest.phone_checkin)

    # -- what is shown ---------------------------------------------------------------------

    def show_card(self, card: ShownCard) -> None:
        happened = moment(self.shown, card)
        self.shown = card
        name = card.name
        self.greeting.setText(
            self.tr("Welcome back, {0}").format(i18n.isolate(name)) if name else self.tr("Welcome back")
        )
        self.birthday.setText(
            self.tr("Happy birthday week, {0}!").format(i18n.isolate(name)) if name else self.tr("Happy birthday week!")
        )
        self.birthday.setVisible(card.birthday_week)
        self.card.set_card(card)  # type: ignore[arg-type]  # draws any card-shaped view
        progress = i18n.numbers(self.tr("{0} of {1}"), card.filled, card.slots)
        if card.redeemable:
            self.progress.setText(progress)
            self.line.setText("")
            self.ready.setText(self.tr("Your card is full: {0} is ready for you!").format(card.reward))
        elif happened == "redeemed":
            self.progress.setText(self.tr("Enjoy!"))
            self.line.setText(i18n.numbers(self.tr("Your new card already has {0} stamps"), card.filled))
        else:
            to_go = card.to_go
            more = (
                self.tr("1 more to {0}").format(card.reward)
                if to_go == 1
                else i18n.numbers(self.tr("{0} more to {1}"), to_go, card.reward)
            )
            self.progress.setText(progress + i18n.sep() + more)
            self.line.setText(
                i18n.numbers(self.tr("{0} of them were on your card from the start"), card.head_start)
                if card.head_start and card.filled <= card.head_start
                else ""
            )
        self.ready.setVisible(card.redeemable)
        self.line.setVisible(bool(self.line.text()))
        if happened in ("stamped", "ready"):
            self._mark(card.filled - 1)
        self._show("card")
        announce(self.progress, self.greeting.text() + ". " + self.progress.text())
        linger = happened == "redeemed" or self.customer_id != card.customer_id
        seconds = self.settings.get("display_linger_seconds" if linger else "display_idle_seconds", 60)
        self.rest_timer.start(seconds * 1000)

    def _mark(self, slot: int) -> None:
        """The stamp just given grows into its slot, unless the owner chose reduced motion."""
        if self.animation is not None:
            self.animation.stop()
        self.card.pulse_slot = slot
        if self.settings.get("reduce_motion"):
            self.card.pulse, self.animation = 1.0, None
            return
        self.animation = QVariantAnimation(self, startValue=0.0, endValue=1.0, duration=PULSE_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.OutBack)
        self.animation.valueChanged.connect(self._grow)
        self.animation.start()

    def _grow(self, value: float) -> None:
        self.card.pulse = float(value)
        self.card.update()

    def rest(self) -> None:
        self.rest_timer.stop()
        self.shown = None
        self.phone.clear()
        self._show("rest")

    def say(self, text: str) -> None:
        self.message.setText(text)
        self._show("message")
        announce(self.message, text)
        self.rest_timer.start(self.settings.get("display_linger_seconds", 8) * 1000)

    def _show(self, state: str) -> None:
        self.state = state
        self.pages.setCurrentWidget(self._pages[state])

    # -- self check-in ---------------------------------------------------------------------

    def check_in(self, readings: list[str] | str) -> None:
        """The customer scanned their card at the display: their card, and the till is told."""
        self.ops.query(self.till.check_in, readings, on_done=self._checked_in, on_error=self._refused)

    def _checked_in(self, card: ShownCard) -> None:
        self.phone.clear()
        self.show_card(card)
        self.checked_in.emit(card.customer_id)

    def _refused(self, error: Exception) -> bool:
        if not isinstance(error, AskAtCounter):
            return False  # a damaged database: the till reports it
        self.phone.clear()
        self.say(i18n.error_text(error))
        return True

    def open_camera(self) -> None:
        self.camera_dialog = CameraScanDialog(self)
        self.camera_dialog.scanned.connect(lambda text: self.check_in([text]))
        self.camera_dialog.open()

    def open_keypad(self) -> None:
        self.phone.clear()
        self._show("phone")
        self.phone.setFocus()
        self.rest_timer.start(self.settings.get("display_idle_seconds", 60) * 1000)

    def press_key(self, key: str) -> None:
        if key == "⌫":
            self.phone.backspace()
        elif key == "✓":
            self.submit_phone()
        else:
            self.phone.insert(key)

    def submit_phone(self) -> None:
        self.ops.query(
            self.till.check_in_by_phone,
            self.phone.text(),
            on_done=self._checked_in,
            on_error=self._refused,
        )

    def visible_text(self) -> str:
        """Every word on the current page (tests check what the customer can read)."""
        page = self._pages[self.state]
        texts = [self.cafe_name.text()]
        texts += [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(self) and w.text()]
        return "\n".join(texts)


def _sample(rest: RestScreen) -> Any:
    """A new card as the pitch draws it: the head start filled, the rest empty."""
    from cafe_loyalty.services.views import CardView

    return CardView(0, 0, "", rest.slots, rest.head_start, rest.head_start, "active", None)  # type: ignore[arg-type]
