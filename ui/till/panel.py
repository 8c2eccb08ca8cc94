"""The customer panel: greeting, usual order, notes, the stamp card and its three buttons.

It shows the regular and does what the counter does (stamp, redeem, undo, the usual); the
rest of its menus open dialogs through :mod:`customer_flows`."""

from __future__ import annotations

from collections.abc import Callable

from cafe_loyalty_ui import i18n, icons, theme, vocabulary
from cafe_loyalty_ui.card_widget import StampCardWidget
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.till.checkback_strip import AnswerBar
from cafe_loyalty_ui.till.flows import CustomerFlows
from cafe_loyalty_ui.till.history_model import HistoryModel
from cafe_loyalty_ui.till.panel_actions import CounterActions
from cafe_loyalty_ui.widgets import Banner
from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.changes import Changes
from cafe_loyalty.errors import NotFound
from cafe_loyalty.services.feedback import FeedbackView
from cafe_loyalty.services.profiles import Profile
from cafe_loyalty.services.regulars import NEW_REGULAR_DAYS, UsualOrder
from cafe_loyalty.services.views import CardView, CustomerView
from cafe_loyalty.till import Till


class CustomerPanel(QWidget):
    """Shows one regular, read as one ``Profile`` on the database thread. Every write goes
    through :class:`Operations` and the panel redraws from what the service returned, so the
    screen never shows a stamp that is not on disk."""

    edit_requested = Signal(int)
    shown = Signal(int)  # a regular's profile is on screen
    closed = Signal()
    forgotten = Signal(str, object)  # name, the ForgetResult

    def __init__(self, till: Till, ops: Operations, staff_id: Callable[[], int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("panel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._till = till
        self._ops = ops
        self._staff_id = staff_id
        self._wanted: int | None = None  # the regular asked for; their profile may be on its way
        self.profile: Profile | None = None
        self.customer: CustomerView | None = None
        self.card: CardView | None = None
        self.usual_order: UsualOrder | None = None
        self.open_feedback: list[FeedbackView] = []
        self._asked: int | None = None  # the visit the "How was it?" bar asks about
        self.flows = CustomerFlows(self, till, ops)
        self.actions = CounterActions(self, till, ops)
        self.setMinimumWidth(420)

        # Who they are scrolls (a counter screen may be 768 pixels high); what the barista does
        # (the message line, Stamp, Redeem, Undo) stays pinned at the bottom, always in reach.
        frame = QVBoxLayout(self)
        frame.setContentsMargins(0, 0, 0, 0)
        frame.setSpacing(0)
        info = QWidget(objectName="panelInfo")
        self.info_scroll = QScrollArea()
        self.info_scroll.setWidget(info)
        self.info_scroll.setWidgetResizable(True)
        self.info_scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Text at 200 % can make a row wider than the panel: it scrolls sideways rather than clip.
        self.info_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        frame.addWidget(self.info_scroll, 1)
        actions = QWidget(objectName="panelActions")
        frame.addWidget(actions)
        bottom = QVBoxLayout(actions)
        bottom.setContentsMargins(24, 10, 24, 16)
        bottom.setSpacing(10)
        outer = QVBoxLayout(info)
        outer.setContentsMargins(24, 20, 24, 8)
        outer.setSpacing(10)

        head = QHBoxLayout()
        self.greeting = QLabel(objectName="greeting")
        self.greeting.setWordWrap(True)
        self.first_name = QLabel(objectName="firstName")
        self.first_name.setWordWrap(True)
        self.last_name = QLabel(objectName="lastName")
        self.last_name.setWordWrap(True)
        names = QVBoxLayout()
        names.setSpacing(0)
        # At normal text the name sits beside the card, edit and close buttons, keeping the
        # stamp card in view. With larger text only the greeting does, and the name gets the
        # panel's whole width below them, so a long name wraps rather than clips.
        large = theme.scale > 1
        if large:
            head.addWidget(self.greeting, 1, Qt.AlignmentFlag.AlignVCenter)
        else:
            head.addLayout(names, 1)
            names.addWidget(self.greeting)
        self.edit_button = QPushButton(icons.icon("edit"), "")
        self.edit_button.setToolTip(self.tr("Edit details"))
        self.edit_button.setAccessibleName(self.tr("Edit details"))
        self.edit_button.setIconSize(QSize(22, 22))
        self.edit_button.clicked.connect(lambda: self.customer and self.edit_requested.emit(self.customer.id))
        self.close_button = QPushButton(icons.icon("close"), "")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setIconSize(QSize(22, 22))
        self.close_button.clicked.connect(self.closed.emit)
        self.card_button = QToolButton(objectName="cardButton")
        self.card_button.setText(self.tr("Card"))
        self.card_button.setIcon(icons.icon("qr"))
        self.card_button.setIconSize(QSize(22, 22))
        self.card_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.card_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.card_button.setToolTip(self.tr("Print, save or replace the printed card"))
        self.card_menu = QMenu(self.card_button)
        flows = self.flows
        self.print_action = self.card_menu.addAction(icons.icon("printer"), self.tr("Print card…"), flows.print_card)
        self.pdf_action = self.card_menu.addAction(self.tr("Save card as PDF…"), lambda: self.flows.save_card("pdf"))
        self.png_action = self.card_menu.addAction(self.tr("Save card as PNG…"), lambda: self.flows.save_card("png"))
        self.slip_action = self.card_menu.addAction(self.tr("Print a receipt slip…"), self.flows.print_slip)
        self.slip_pdf_action = self.card_menu.addAction(self.tr("Save slip as PDF…"), self.flows.save_slip)
        self.card_menu.addSeparator()
        self.reissue_action = self.card_menu.addAction(self.tr("Replace a lost card…"), self.flows.ask_reissue)
        self.treat_action = self.card_menu.addAction(icons.icon("gift"), self.tr("Give a treat…"), self.flows.ask_treat)
        self.card_menu.addSeparator()
        self.merge_action = self.card_menu.addAction(
            self.tr("Merge a duplicate into them… (owner)"), self.flows.ask_merge
        )
        self.export_action = self.card_menu.addAction(self.tr("Export their data… (owner)"), self.flows.ask_export)
        self.forget_action = self.card_menu.addAction(self.tr("Forget this customer… (owner)"), self.flows.ask_forget)
        self.card_button.setMenu(self.card_menu)
        head.addWidget(self.card_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)
        names.addWidget(self.first_name)
        names.addWidget(self.last_name)
        if large:
            outer.addLayout(names)

        self.alert = QLabel(objectName="allergyBox")
        self.alert.setWordWrap(True)
        outer.addWidget(self.alert)
        # Read from the till's own copy while the server is away (issue #18): say what is missing.
        self.offline_note = QLabel(objectName="banner")
        self.offline_note.setProperty("tone", "warn")
        self.offline_note.setWordWrap(True)
        self.offline_note.setText(
            self.tr("From this till's copy while the server is away: the card, allergies and usual only.")
        )
        self.offline_note.hide()
        outer.addWidget(self.offline_note)
        # The birthday gets a row of its own: with its date it is the longest badge, and the
        # panel must never grow wider than its column.
        self.birthday_badge = QLabel(objectName="badge")
        self.birthday_badge.setProperty("tone", "birthday")
        birthday_row = QHBoxLayout()
        birthday_row.addWidget(self.birthday_badge)
        birthday_row.addStretch(1)
        outer.addLayout(birthday_row)
        self.milestone_badge = QLabel(objectName="badge")
        self.newcomer_badge = QLabel(objectName="badge")
        for badge in (self.milestone_badge, self.newcomer_badge):  # a row each, as the birthday
            row = QHBoxLayout()
            row.addWidget(badge)
            row.addStretch(1)
            outer.addLayout(row)
        self.birthday = QLabel(objectName="progressHint")
        outer.addWidget(self.birthday)

        self.usual_box, self.usual = self._info_box("usualBox", "coffee", "usualLabel")
        self.usual_button = QPushButton(self.tr("The usual"))
        theme.set_kind(self.usual_button, "primary")
        self.usual_button.setToolTip(self.tr("Record the usual order and stamp the card"))
        self.usual_button.clicked.connect(lambda: self.actions.the_usual())
        self.usual_box.layout().addWidget(self.usual_button)
        outer.addWidget(self.usual_box)
        self.suggestion = QLabel(objectName="progressHint")
        self.suggestion.setWordWrap(True)
        outer.addWidget(self.suggestion)
        # "How was the saffron cake?": an item tried last time that nobody checked back about.
        self.ask_bar = AnswerBar(self)
        self.ask_bar.setObjectName("usualBox")
        self.ask_bar.answered.connect(self._answer_ask)
        self.ask_bar.hide()
        outer.addWidget(self.ask_bar)
        self.notes_box, self.notes = self._info_box("notesBox", "note", "")
        outer.addWidget(self.notes_box)

        self.banner = Banner()
        bottom.addWidget(self.banner)
        self.guard_box = QFrame()
        guard = QHBoxLayout(self.guard_box)
        guard.setContentsMargins(0, 0, 0, 0)
        self.force_button = QPushButton(self.tr("Stamp again anyway"))
        theme.set_kind(self.force_button, "primary")
        self.force_button.clicked.connect(self.actions.force)
        self.cancel_force = QPushButton(self.tr("Cancel"))
        self.cancel_force.clicked.connect(self.hide_guard)
        guard.addStretch(1)
        guard.addWidget(self.cancel_force)
        guard.addWidget(self.force_button)
        self.guard_box.hide()
        bottom.addWidget(self.guard_box)

        title_row = QHBoxLayout()
        title = QLabel(self.tr("STAMP CARD"), objectName="sectionTitle")
        self.progress = QLabel(objectName="progressText")
        title_row.addWidget(title)
        title_row.addStretch(1)
        title_row.addWidget(self.progress)
        outer.addLayout(title_row)
        self.card_view = StampCardWidget()
        outer.addWidget(self.card_view)
        self.hint = QLabel(objectName="progressHint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)

        self.stamp_button = QPushButton(icons.icon("stamp", theme.ON_ACCENT), self.tr("Stamp"))
        theme.set_kind(self.stamp_button, "primary")
        self.stamp_button.setProperty("kind", "primary")
        self.stamp_button.setStyleSheet(
            f"font-size: {theme.px(22)}px; min-height: {theme.px(56)}px; border-radius: 16px;"
        )
        self.stamp_button.setIconSize(QSize(28, 28))
        self.stamp_button.clicked.connect(lambda: self.actions.stamp())
        bottom.addWidget(self.stamp_button)
        row = QHBoxLayout()
        self.redeem_button = QPushButton(icons.icon("gift", theme.ON_SUCCESS, theme.ON_DISABLED), self.tr("Redeem"))
        theme.set_kind(self.redeem_button, "success")
        self.redeem_button.setIconSize(QSize(22, 22))
        self.redeem_button.setMinimumHeight(48)
        self.redeem_button.clicked.connect(self.actions.redeem)
        self.undo_button = QPushButton(icons.icon("undo"), self.tr("Undo"))
        self.undo_button.setIconSize(QSize(22, 22))
        self.undo_button.setMinimumHeight(48)
        self.undo_button.clicked.connect(self.actions.ask_undo)
        self.items_button = QPushButton(icons.icon("coffee"), self.tr("Items…"))
        self.items_button.setIconSize(QSize(22, 22))
        self.items_button.setMinimumHeight(48)
        self.items_button.setToolTip(self.tr("Record what they had"))
        self.items_button.clicked.connect(self.flows.ask_visit)
        row.addWidget(self.redeem_button, 1)
        row.addWidget(self.undo_button, 1)
        row.addWidget(self.items_button, 1)
        bottom.addLayout(row)

        feedback_row = QHBoxLayout()
        feedback_row.addWidget(QLabel(self.tr("OPEN FEEDBACK"), objectName="sectionTitle"))
        feedback_row.addStretch(1)
        self.add_feedback_button = QPushButton(self.tr("+ Feedback"))
        theme.set_kind(self.add_feedback_button, "link")
        self.add_feedback_button.clicked.connect(self.flows.ask_feedback)
        self.resolve_button = QPushButton(self.tr("Mark acted on"))
        theme.set_kind(self.resolve_button, "link")
        self.resolve_button.clicked.connect(self.flows.resolve_feedback)
        feedback_row.addWidget(self.add_feedback_button)
        outer.addLayout(feedback_row)
        self.feedback_model = QStringListModel(self)
        self.feedback_list = QListView(objectName="feedback")
        self.feedback_list.setModel(self.feedback_model)
        self.feedback_list.setAccessibleName(self.tr("Open feedback"))
        self.feedback_list.setWordWrap(True)
        self.feedback_list.setMaximumHeight(theme.px(84))
        outer.addWidget(self.feedback_list)
        # Under the list it acts on (and out of the title's row, which large text fills).
        resolve_row = QHBoxLayout()
        resolve_row.addStretch(1)
        resolve_row.addWidget(self.resolve_button)
        outer.addLayout(resolve_row)

        outer.addWidget(QLabel(self.tr("HISTORY"), objectName="sectionTitle"))
        self.history_model = HistoryModel(self)
        self.history = QListView(objectName="history")
        self.history.setAccessibleName(self.tr("Card history"))
        self.history.setModel(self.history_model)
        self.history.setIconSize(QSize(18, 18))
        self.history.setSpacing(3)
        self.history.setWordWrap(True)
        self.history.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.history.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.history.setMinimumHeight(160)
        outer.addWidget(self.history, 1)

        self._ops.busy_changed.connect(self._set_busy)
        self._ops.changed.connect(self._data_changed)

    def _info_box(self, name: str, icon_name: str, label_name: str) -> tuple[QFrame, QLabel]:
        box = QFrame(objectName=name)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(10)
        pic = QLabel()
        pic.setPixmap(icons.pixmap(icon_name, theme.ESPRESSO, 22))
        pic.setAlignment(Qt.AlignmentFlag.AlignTop)
        label = QLabel()
        if label_name:
            label.setObjectName(label_name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(pic)
        layout.addWidget(label, 1)
        return box, label

    # -- showing ---------------------------------------------------------------------------

    def staff_id(self) -> int:
        """Who is serving: the staff member the till has chosen."""
        return self._staff_id()

    def show_customer(self, customer_id: int) -> None:
        """Read the regular's profile on the database thread; ``shown`` follows when it is
        on screen (an error goes to the till's banner)."""
        self._want(customer_id)
        self._ops.query(
            self._till.panel,
            customer_id,
            on_done=self._show_profile,
            on_error=lambda error: self._load_failed(customer_id, error),
        )

    def _load_failed(self, customer_id: int, error: Exception) -> bool:
        """A profile that could not be read: say why, unless nobody waits for it any more
        (a regular just forgotten, then closed). Anything else reaches the till's banner."""
        return isinstance(error, NotFound) and customer_id != self._wanted

    def reload(self) -> None:
        if self._wanted is not None:
            self.show_customer(self._wanted)

    def clear(self) -> None:
        """Nobody on the panel: answers still on their way are dropped."""
        self._wanted = None
        self.profile = self.customer = self.card = None

    def show_profile(self, profile: Profile) -> None:
        """Show a profile read elsewhere (a scan reads card and profile together)."""
        self._want(profile.customer.id)
        self._show_profile(profile)

    def _want(self, customer_id: int) -> None:
        if self._wanted != customer_id:  # another regular: the last one's messages go
            self.banner.hide()
            self.hide_guard()
        self._wanted = customer_id

    def _show_profile(self, profile: Profile) -> None:
        if profile.customer.id != self._wanted:
            return  # closed, or another regular opened meanwhile
        self.profile = profile
        self.customer = profile.customer
        self._render(profile)
        self.shown.emit(profile.customer.id)

    def _data_changed(self, changes: Changes) -> None:
        """Redraw when the write touched this regular (or what the panel shows of the café:
        the menu behind "something new", the reward text). A regular merged into another (here
        or on another till) gives way to the one kept: their card is the one to stamp now."""
        kept = changes.merged_into(self._wanted)
        if kept is not None:
            self.show_customer(kept)
            return
        if self._wanted is not None and (
            changes.customer(self._wanted) or changes.area("menu") or changes.setting("reward_text")
        ):
            self.reload()

    def _render(self, profile: Profile) -> None:
        c = profile.customer
        history = profile.history
        self.greeting.setText(self.tr("Welcome back,") if profile.returning else self.tr("Welcome,"))
        self.first_name.setText(c.first_name)
        self.last_name.setText(c.last_name)
        self.last_name.setVisible(bool(c.last_name))
        self.usual_order = profile.usual
        if self.usual_order is None:
            self.usual.setText(self.tr("No usual order yet: it is learned from what they have."))
        elif self.usual_order.source == "learned":
            self.usual.setText(i18n.commas(self.usual_order.text) + "  " + self.tr("(usually)"))
        else:
            self.usual.setText(i18n.commas(self.usual_order.text))
        self.usual_button.setVisible(bool(self.usual_order and self.usual_order.item_id))
        self.notes.setText(c.notes)
        self.notes_box.setVisible(bool(c.notes))
        warnings = []
        if c.allergies:
            warnings.append(self.tr("Allergies: {0}").format(c.allergies))
        if c.dietary:
            warnings.append(self.tr("Diet: {0}").format(vocabulary.dietary_text(c.dietary)))
        self.alert.setText(i18n.sep().join(warnings))
        self.alert.setVisible(bool(warnings))
        self.offline_note.setVisible(profile.offline)
        birthday = i18n.birthday_text(c.birthday, profile.today)
        birthday_week = profile.birthday_week
        self.birthday_badge.setText(self.tr("Birthday this week: {0}").format(birthday))
        self.birthday_badge.setVisible(birthday_week)
        self.birthday.setText(self.tr("Birthday: {0}").format(birthday))
        self.birthday.setVisible(bool(birthday) and not birthday_week)
        milestone = profile.milestone
        self.milestone_badge.setText(i18n.numbers(self.tr("Visit number {0}!"), milestone) if milestone else "")
        self.milestone_badge.setVisible(bool(milestone))
        self.newcomer_badge.setText(
            i18n.numbers(self.tr("New regular · day {0}/{1}"), profile.days_as_regular, NEW_REGULAR_DAYS)
        )
        self.newcomer_badge.setVisible(profile.new_regular)
        ask = profile.ask_about
        if ask is not None and (self.ask_bar.isHidden() or self._asked != ask.visit_id):
            self.ask_bar.reset(self.tr("How was the {0}?").format(ask.item))
        self._asked = ask.visit_id if ask else None
        self.ask_bar.setVisible(ask is not None)
        suggestion = profile.suggestion
        self.suggestion.setText(self.tr("Something new to offer: {0}").format(suggestion) if suggestion else "")
        self.suggestion.setVisible(bool(suggestion))
        self.open_feedback = profile.open_feedback
        self.feedback_model.setStringList([f"{vocabulary.feedback_kind(f.kind)}: {f.text}" for f in self.open_feedback])
        self.feedback_list.setVisible(bool(self.open_feedback))
        self.resolve_button.setVisible(bool(self.open_feedback))
        self.history_model.set_entries(history)
        self._render_card(c.card)

    def _answer_ask(self, result: str, text: str) -> None:
        """Their answer about what they tried last time, recorded by whoever is at the till."""
        if self.profile is None or self.profile.ask_about is None:
            return
        ask = self.profile.ask_about
        self._ops.run(
            self._till.record_checkback,
            self.profile.customer.id,
            result,
            visit_id=ask.visit_id,
            item_id=ask.item_id,
            text=text,
            by=self.staff_id(),
            on_done=lambda _view: self.banner.say(
                self.tr("Thanks: noted.")
                if result == "good"
                else self.tr("Noted. It is on the owner's list to follow up.")
            ),
        )

    def _thanks(self, result: str) -> str:
        if result == "good":
            return self.tr("Thanks: noted.")
        return self.tr("Noted. It is on the owner's list to follow up.")

    def _render_card(self, card: CardView) -> None:
        self.card = card
        self.card_view.set_card(card)
        self.progress.setText(i18n.numbers(self.tr("{0} of {1}"), card.filled, card.slots))
        reward = self.profile.reward_text if self.profile else ""
        if card.redeemable:
            self.hint.setText(self.tr("Card full! Ready to redeem: {0}.").format(reward))
        else:
            left = card.slots - card.filled
            self.hint.setText(i18n.numbers(self.tr("{0} more to {1}."), left, reward))
        self.stamp_button.setEnabled(not card.redeemable and not self._ops.pending)
        self.redeem_button.setEnabled(card.redeemable and not self._ops.pending)
        self.undo_button.setEnabled(not self._ops.pending)

    def _set_busy(self, busy: bool) -> None:
        if self.card is not None and not busy:
            self._render_card(self.card)
        elif busy:
            for b in (self.stamp_button, self.redeem_button, self.undo_button, self.force_button):
                b.setEnabled(False)
        self.force_button.setEnabled(not busy)

    # -- what the flows (flows.PanelView) and the actions ask of the panel --------------------

    def chosen_feedback(self) -> int:
        index = self.feedback_list.currentIndex()
        return index.row() if index.isValid() else -1

    def said_visit(self, result: object) -> None:
        self.actions.visited(result)

    def said_forgotten(self, name: str, result: object) -> None:
        self.forgotten.emit(name, result)

    def hide_guard(self) -> None:
        self.guard_box.hide()

    def show_error(self, error: Exception) -> bool:
        if self.banner.said_error(error):
            self.reload()
            return True
        return False
