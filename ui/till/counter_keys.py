"""The keyboard and the scanner at the counter: Enter opens the one regular found (and stamps them
at the second Enter), Up and Down walk the tiles, the shortcuts on the buttons, a scanned or typed
card code, and the text size keys.

A presenter of the till window (see :mod:`~cafe_loyalty_ui.till.presenter`)."""

from __future__ import annotations

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.scanner import looks_like_payload
from cafe_loyalty_ui.till.customer_model import IdRole
from cafe_loyalty_ui.till.presenter import Presenter
from PySide6.QtGui import QKeySequence, QShortcut

from cafe_loyalty.errors import CafeError, RevokedCode
from cafe_loyalty.scanning import keymap
from cafe_loyalty.services.profiles import Profile


class CounterKeys(Presenter):
    def _action_keys(self) -> None:
        """The shortcuts, each shown in its button's tooltip. A shortcut clicks the real button,
        so it does nothing the button would not (no regular open, the card not full)."""
        panel = self._w.panel
        buttons = {
            "stamp": (panel.stamp_button, self.tr("Stamp the card")),
            "redeem": (panel.redeem_button, self.tr("Give the reward")),
            "undo": (panel.undo_button, self.tr("Undo the last stamp or reward")),
            "new": (self._w.add_button, self.tr("Add a new regular")),
        }
        for name, (button, words) in buttons.items():
            key = QKeySequence(self._w.KEYS[name])
            button.setToolTip(f"{words} ({key.toString(QKeySequence.SequenceFormat.NativeText)})")
            QShortcut(key, self._w, activated=lambda b=button: b.isVisible() and b.isEnabled() and b.click())
        find = QKeySequence(self._w.KEYS["search"])
        keys = find.toString(QKeySequence.SequenceFormat.NativeText)
        self._w.search.setToolTip(self.tr("Search a name, phone or card code ({0})").format(keys))
        QShortcut(find, self._w, activated=lambda: (self._w.search.setFocus(), self._w.search.selectAll()))

    def choose_text_size(self, percent: int) -> None:
        """The till reopens with text at ``percent`` (kept for this till, not the café)."""
        if percent in theme.TEXT_SIZES and percent != theme.text_size:
            self._w.text_size_changed.emit(percent)

    def step_text_size(self, step: int) -> None:
        """Ctrl+Plus and Ctrl+Minus: the next size up or down, as in a web browser."""
        sizes = theme.TEXT_SIZES
        at = sizes.index(theme.text_size) if theme.text_size in sizes else 0
        self.choose_text_size(sizes[max(0, min(len(sizes) - 1, at + step))])

    def step_tile(self, step: int) -> None:
        """Down and Up in the search field walk the tiles (Enter opens the one chosen): every
        regular is reachable from the keyboard while the focus, which a card scanner types
        into, stays in the search field."""
        rows = self._w.model.rowCount()
        if not rows:
            return
        current = self._w.tiles.currentIndex()
        row = (current.row() + step) % rows if current.isValid() else (0 if step > 0 else rows - 1)
        index = self._w.model.index(row)
        self._w.tiles.setCurrentIndex(index)
        self._w.tiles.scrollTo(index)
        self._w._arrowed = True

    def handle_scan(self, payload: str | list[str]) -> None:
        """Open the regular a scanned (or typed) card belongs to, or say why not.

        ``payload`` is a typed code or the readings of one scan (see ``WedgeDetector``). A scan
        that opens nobody empties the search box: it must never become a new regular's name.
        The card and the profile are read in one trip to the database thread."""
        scanned = isinstance(payload, list)

        def refused(exc: Exception) -> bool:
            if isinstance(exc, RevokedCode):
                text = i18n.error_text(exc) + " " + self.tr("Search their name to open the current card.")
                self._w.banner.say(text, "warn")
                return True
            if not isinstance(exc, CafeError):
                return False  # e.g. a damaged table: reported by the operations
            message = i18n.error_text(exc)
            if scanned:
                self._w.search.clear()
                message = self.tr("Card not recognised.") + " " + message
                layout = keymap.typed_in(" ".join(payload))
                if layout is not None:
                    message += " " + self.tr(
                        "The keyboard is in {0}: a card scanner types as if on an English keyboard. If scans keep "
                        "failing, switch the keyboard to English before scanning."
                    ).format(i18n.layout_name(layout))
            self._w.banner.say(message, "error")
            return True

        def found(profile: Profile) -> None:
            if not scanned:  # a typed code opened someone: it is not a search any more
                self._w.search.clear()
            self._w.banner.hide()
            self._w.panel.show_profile(profile)

        self._w.ops.query(self._w.till.of_card, payload, on_done=found, on_error=refused)

    def enter_pressed(self) -> None:
        query = self._w.search.text()
        if looks_like_payload(query):  # a code typed (or pasted) by hand
            self.handle_scan(query)
            return
        chosen = self._w.tiles.currentIndex()
        if self._w._arrowed and chosen.isValid():  # a tile chosen with Down/Up
            self._w._arrowed = False
            self._w.open_customer(chosen.data(IdRole))
            self._w._enter_opened = query
            return
        if self._w._enter_opened == query and self._w.panel.customer is not None:
            self._w.panel.actions.stamp()
            return
        if self._w.model.rowCount() == 1:
            self._w.open_customer(self._w.model.index(0).data(IdRole))
            self._w._enter_opened = query
