"""Programme ▸ "Test the head start": start the experiment, follow both arms, end it.

Everything shown is computed by the core (``Experiments``); this only lays it out, in the
owner's words, and says how it is judged so nobody reads a verdict into early figures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cafe_loyalty_ui import i18n, theme
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.services.experiments import DAYS_A_MONTH, ArmResult, ExperimentStatus, Forecast


def percent(rate: float | None) -> str:
    if rate is None:
        return "—"
    return i18n.digits(f"{rate:.0%}").replace("%", "٪") if i18n.is_persian() else f"{rate:.0%}"


def points(value: float) -> str:
    """A difference of two rates, in percentage points with its sign."""
    text = f"{value * 100:+.0f}"
    return i18n.digits(text) if i18n.is_persian() else text


# The arms' names from the core ("A", "B"), as the owner reads them (الف and ب in Persian).
ARM_LABELS = {"A": QT_TRANSLATE_NOOP("ExperimentBox", "A"), "B": QT_TRANSLATE_NOOP("ExperimentBox", "B")}


def arm_label(name: str) -> str:
    return QCoreApplication.translate("ExperimentBox", ARM_LABELS.get(name, name))


def design_text(slots: int, head_start: int) -> str:
    return i18n.numbers(QCoreApplication.translate("ExperimentBox", "{0} slots, {1} given"), slots, head_start)


class ArmTableModel(QAbstractTableModel):
    """The two arms side by side, one column each, a measure per row: it reads like the
    study's table and fits the owner screen at any width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.arms: list[ArmResult] = []

    def measures(self) -> list[str]:
        return [
            self.tr("Regulars"),
            self.tr("Finished"),
            self.tr("Not finished"),
            self.tr("Running"),
            self.tr("Rate (95% interval)"),
            self.tr("Median days to the reward"),
            self.tr("Came back within 30 days"),
        ]

    def set_arms(self, arms: list[ArmResult]) -> None:
        self.beginResetModel()
        self.arms = list(arms)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.arms else len(self.measures())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.arms)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical and section == 6:
            return self.tr("Of the regulars who joined at least 30 days ago, how many came again within 30 days")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.measures()[section]
        if section >= len(self.arms):
            return None
        arm = self.arms[section]
        return f"{arm_label(arm.name)}{i18n.sep()}{design_text(arm.slots, arm.head_start)}"

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        arm = self.arms[index.column()]
        row = index.row()
        if row == 4:
            if arm.rate is None:
                return "—"
            return f"{percent(arm.rate)} ({percent(arm.ci_low)}–{percent(arm.ci_high)})"
        if row == 5:
            days = arm.completion.median_days
            return "—" if days is None else i18n.number(round(days))
        if row == 6:
            if not arm.came_back_of:
                return "—"
            return i18n.numbers(self.tr("{0} of {1}"), arm.came_back, arm.came_back_of)
        return i18n.number((arm.regulars, arm.completed, arm.failed, arm.running)[row])


class StartDialog(QDialog):
    """The two designs and the smallest difference worth finding; the core checks them. Below,
    how long that takes at the café's pace, following the difference as the owner changes it."""

    def __init__(self, parent: QWidget | None = None, pace: Callable[[float], str] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Test the head start"))
        form = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "From now on, each new regular gets one of two cards at random and keeps that design for every "
                "card until the test ends. Regulars who already have a card are not in it. Both designs must "
                "need the same purchases to the reward."
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.spins: list[tuple[QSpinBox, QSpinBox]] = []
        for name, (slots, head) in (("A", (10, 2)), ("B", (8, 0))):
            row = QHBoxLayout()
            slot_spin, head_spin = QSpinBox(), QSpinBox()
            slot_spin.setRange(2, 40)
            head_spin.setRange(0, 39)
            slot_spin.setValue(slots)
            head_spin.setValue(head)
            slot_spin.setAccessibleName(self.tr("Design {0}: slots").format(arm_label(name)))
            head_spin.setAccessibleName(self.tr("Design {0}: stamps given").format(arm_label(name)))
            row.addWidget(slot_spin)
            row.addWidget(QLabel(self.tr("slots, of them given:")))
            row.addWidget(head_spin)
            form.addRow(self.tr("Design {0}").format(arm_label(name)), row)
            self.spins.append((slot_spin, head_spin))
        self.min_effect = QSpinBox()
        self.min_effect.setRange(2, 50)
        self.min_effect.setValue(10)
        self.min_effect.setSuffix(self.tr(" points"))
        form.addRow(self.tr("Smallest difference worth finding"), self.min_effect)
        self.pace = QLabel(objectName="hint")
        self.pace.setWordWrap(True)
        form.addRow(self.pace)
        if pace is not None:
            self.min_effect.valueChanged.connect(lambda points: self.pace.setText(pace(points / 100)))
            self.pace.setText(pace(self.min_effect.value() / 100))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(self.tr("Start the test"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def arms(self) -> str:
        return ",".join(f"{slots.value()}/{head.value()}" for slots, head in self.spins)


class ExperimentBox(QFrame):
    """The experiment's part of the Programme tab; asks its tab to act as the owner."""

    start_requested = Signal(str, float)  # arms, smallest difference
    stop_requested = Signal(str)  # the design to keep
    export_requested = Signal(str)  # the file

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("usualBox")
        self.status: ExperimentStatus | None = None
        self.forecast: Forecast | None = None  # the café's pace, for "about N months"
        self.start_dialog: StartDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self._keep: str | None = None
        v = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(self.tr("TEST THE HEAD START"), objectName="sectionTitle")
        head.addWidget(title, 1)
        self.start_button = QPushButton(self.tr("Test the head start…"))
        theme.set_kind(self.start_button, "primary")
        self.start_button.clicked.connect(self.open_start)
        head.addWidget(self.start_button)
        v.addLayout(head)
        self.summary = QLabel(objectName="progressHint")
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self.model = ArmTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        v.addWidget(self.table)
        self.verdict = QLabel(objectName="progressText")
        self.verdict.setWordWrap(True)
        v.addWidget(self.verdict)
        # The statistics behind the verdict, for whoever wants them: a link, not a wall of text.
        self.how_button = QPushButton(self.tr("How this is decided"))
        theme.set_kind(self.how_button, "link")
        self.how_button.setCheckable(True)
        self.how_button.toggled.connect(lambda shown: self.method.setVisible(shown))
        v.addWidget(self.how_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.method = QLabel(objectName="hint")
        self.method.setWordWrap(True)
        v.addWidget(self.method)
        actions = QHBoxLayout()
        self.keep_buttons = [QPushButton(), QPushButton()]
        for arm, button in enumerate(self.keep_buttons):
            button.clicked.connect(lambda _=False, arm=arm: self.ask_keep(arm))
            actions.addWidget(button)
        actions.addStretch(1)
        self.export_button = QPushButton(self.tr("Export cards…"))
        self.export_button.clicked.connect(self.open_export)
        actions.addWidget(self.export_button)
        v.addLayout(actions)
        self.confirm = QFrame()
        confirm = QHBoxLayout(self.confirm)
        confirm.setContentsMargins(0, 0, 0, 0)
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("End the test"))
        theme.set_kind(self.confirm_button, "danger")
        self.confirm_button.clicked.connect(self._confirmed)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.confirm.hide)
        confirm.addWidget(self.confirm_text, 1)
        confirm.addWidget(self.confirm_button)
        confirm.addWidget(cancel)
        v.addWidget(self.confirm)
        self.show_status(None)

    # -- showing -----------------------------------------------------------------------------

    def show_status(self, status: ExperimentStatus | None) -> None:
        self.status = status
        running = status is not None and status.ended_at is None
        self.start_button.setVisible(not running)
        for part in (self.table, self.verdict, self.how_button, self.export_button):
            part.setVisible(status is not None)
        self.method.setVisible(status is not None and self.how_button.isChecked())
        for arm, button in enumerate(self.keep_buttons):
            button.setVisible(running)
            if status is not None:
                a = status.arms[arm]
                button.setText(
                    self.tr("End, keep {0} ({1})…").format(arm_label(a.name), design_text(a.slots, a.head_start))
                )
        self.confirm.hide()
        if status is None:
            self.summary.setText(
                self.tr(
                    "Does the head start work here? Give half of your new regulars a card with stamps already "
                    "given and half a blank one, and see which is finished more often."
                )
                + " "
                + self.pace_text(DEFAULT_EFFECT)
            )
            self.model.set_arms([])
            return
        self.model.set_arms(status.arms)
        if running:
            left = status.months_to_verdict
            self.summary.setText(
                i18n.numbers(
                    self.tr("Running since {0}. Planned: {1} regulars in each design; so far {2} and {3}."),
                    i18n.date_text(status.started_at.date()),
                    status.planned_cards_per_arm,
                    status.arms[0].regulars,
                    status.arms[1].regulars,
                )
                + " "
                + (
                    i18n.numbers(self.tr("At your pace, the answer is about {0} months away."), _months(left))
                    if left
                    else self.tr("No new regulars lately: the test waits for them.")
                    if left is None
                    else ""
                )
            )
        else:
            assert status.ended_at is not None
            kept = status.kept or ""
            self.summary.setText(
                self.tr("Ended {0}. New cards use {1}.").format(
                    i18n.date_text(status.ended_at.date()), design_text(*map(int, kept.split("/")))
                )
            )
        self.verdict.setText(self.verdict_text(status))
        self.method.setText(
            i18n.numbers(
                self.tr(
                    "How it is judged: each regular's first card counts once, finished if the reward came within "
                    "{0} days of issue; younger cards are still running and count neither way. The number of "
                    "regulars was planned at the start: {1} per design finds a difference of {2} points 8 times "
                    "in 10, with a 5% risk of a false win. The verdict uses exactly those cards, once all are "
                    "judged (a two-proportion test); looking before then cannot make a difference appear. "
                    "Intervals are 95% Wilson intervals. Stopped early, a difference is declared only if p < 0.001."
                ),
                status.window_days,
                status.planned_cards_per_arm,
                round(status.min_effect * 100),
            )
        )

    def verdict_text(self, status: ExperimentStatus) -> str:
        a, b = status.arms
        if status.verdict == "collecting":
            waiting = sum(arm.running for arm in status.arms)
            return i18n.numbers(
                self.tr("No verdict yet: {0} of the planned cards are still running or yet to be issued."),
                waiting + sum(max(0, arm.planned - arm.regulars) for arm in status.arms),
            )
        if status.verdict in ("a_better", "b_better"):
            win, lose = (a, b) if status.verdict == "a_better" else (b, a)
            return self.tr(
                "Design {0} works better here: {1} of its cards were finished against {2} ({3} points, 95% "
                "interval {4} to {5})."
            ).format(
                arm_label(win.name),
                percent(win.rate),
                percent(lose.rate),
                points(abs(status.difference or 0)),
                points(min(abs(status.difference_low or 0), abs(status.difference_high or 0))),
                points(max(abs(status.difference_low or 0), abs(status.difference_high or 0))),
            )
        if status.verdict == "no_difference":
            return self.tr("No difference as large as {0} points: {1} against {2}. Either design will do.").format(
                points(status.min_effect).lstrip("+"), percent(a.rate), percent(b.rate)
            )
        return self.tr("Stopped early: inconclusive ({0} against {1}).").format(percent(a.rate), percent(b.rate))

    # -- acting ------------------------------------------------------------------------------

    def pace_text(self, min_effect: float) -> str:
        """How long a test takes here, in the owner's terms: months at the café's own pace."""
        if self.forecast is None:
            return ""
        months = self.forecast.months(min_effect)
        if months is None:
            return self.tr(
                "The till estimates how long a test takes from how many new regulars join each month: add a "
                "few weeks of new regulars first."
            )
        issue, total = months
        return i18n.numbers(
            self.tr(
                "At your pace (about {0} new regulars a month), a test that can tell a difference of {1} points "
                "takes about {2} months: {3} to give out {4} cards, then {5} for the last of them to be finished "
                "or not. It then says which card your regulars finish more often."
            ),
            _months(self.forecast.new_per_month),
            round(min_effect * 100),
            _months(total),
            _months(issue),
            2 * self.forecast.planned(min_effect),
            _months(self.forecast.window_days / DAYS_A_MONTH),
        )

    def open_start(self) -> None:
        self.start_dialog = StartDialog(self, self.pace_text)
        self.start_dialog.accepted.connect(
            lambda: self.start_requested.emit(self.start_dialog.arms(), self.start_dialog.min_effect.value() / 100)
        )
        self.start_dialog.open()

    def ask_keep(self, arm: int) -> None:
        assert self.status is not None
        chosen = self.status.arms[arm]
        self._keep = f"{chosen.slots}/{chosen.head_start}"
        self.confirm_text.setText(
            self.tr("End the test? From now on every new card is {0}. The results stay here.").format(
                design_text(chosen.slots, chosen.head_start)
            )
        )
        self.confirm.show()

    def _confirmed(self) -> None:
        self.confirm.hide()
        if self._keep:
            self.stop_requested.emit(self._keep)

    def open_export(self) -> None:
        from cafe_loyalty_ui.widgets import save_dialog

        self.file_dialog = save_dialog(self, self.tr("Export the test's cards"), "head-start-test.csv", "csv")
        self.file_dialog.fileSelected.connect(self.export_requested)
        self.file_dialog.open()


DEFAULT_EFFECT = 0.10  # the start dialog's first difference (as the core's default)


def _months(value: float | None) -> int:
    """Months said as a whole number, at least 1 (nobody plans in fractions of a month)."""
    return max(1, round(value or 0))
