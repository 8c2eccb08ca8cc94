"""The owner's Programme tab: is the loyalty card working? Visits in the last 30 days, how many
regulars came back, how many cards get finished (judged honestly: see the core's completion
module), visits week by week, and the head-start experiment.

The report reads weeks of stamps, so it is worked out on the maintenance thread and shown when
it arrives; the tab says so meanwhile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.owner.experiment_box import ExperimentBox
from cafe_loyalty_ui.owner.experiment_box import percent as _percent
from cafe_loyalty_ui.owner.screen import OwnerTab
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QComboBox, QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from cafe_loyalty.changes import Changes
from cafe_loyalty.services.experiments import ExperimentStatus, Forecast
from cafe_loyalty.services.reports import CompletionReport, ProgrammeReport, WeekFigures


class WeeklyChart(QWidget):
    """Visits per week as bars, the latest week last (on the left in Persian)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.weeks: list[WeekFigures] = []
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_weeks(self, weeks: list[WeekFigures]) -> None:
        self.weeks = list(weeks)
        self.setAccessibleName(
            i18n.list_separator().join(
                f"{i18n.date_text(w.start, year=False)}: {i18n.number(w.visits)}" for w in self.weeks
            )
        )
        self.update()

    def paintEvent(self, event) -> None:
        if not self.weeks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_h, top = 22, 18
        n = len(self.weeks)
        slot = self.width() / n
        bar_w = max(6.0, slot * 0.6)
        high = max(1, max(w.visits for w in self.weeks))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.75))
        painter.setFont(small)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for i, week in enumerate(self.weeks):
            col = n - 1 - i if rtl else i
            x = col * slot + (slot - bar_w) / 2
            h = (self.height() - label_h - top) * week.visits / high
            bar = QRectF(x, self.height() - label_h - h, bar_w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.CARAMEL if i == n - 1 else theme.ESPRESSO))
            painter.drawRoundedRect(bar, 4, 4)
            painter.setPen(QColor(theme.INK))
            painter.drawText(
                QRectF(col * slot, bar.top() - top, slot, top), Qt.AlignmentFlag.AlignCenter, i18n.number(week.visits)
            )
            if i % 2 == n % 2 or n <= 6:  # every other date, so they do not collide
                painter.setPen(QColor(theme.MUTED))
                painter.drawText(
                    QRectF(col * slot - slot / 2, self.height() - label_h, slot * 2, label_h),
                    Qt.AlignmentFlag.AlignCenter,
                    i18n.date_text(week.start, year=False),
                )


@dataclass(frozen=True)
class ProgrammeFigures:
    """What the tab shows, read together on the maintenance thread."""

    report: ProgrammeReport
    completion: CompletionReport
    experiment: ExperimentStatus | None
    forecast: Forecast  # how long a test would take at this café's pace


class ProgrammeTab(OwnerTab):
    areas = ("experiment", "settings")

    # Which cards the completion figure judges: (label, days back from today, or None for all).
    PERIODS = (
        (QT_TRANSLATE_NOOP("ProgrammeTab", "Cards of the last year and a half"), None),
        (QT_TRANSLATE_NOOP("ProgrammeTab", "Cards of the last three years"), 3 * 365),
        (QT_TRANSLATE_NOOP("ProgrammeTab", "All cards"), 100 * 365),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.report: ProgrammeReport | None = None
        self.completion: CompletionReport | None = None
        v = QVBoxLayout(self)
        v.setSpacing(8)
        v.addWidget(self.result)
        # The owner of a chain reads one branch or all; a manager reads theirs (OwnerTab.scope).
        self.branch_choice = QComboBox()
        self.branch_choice.setAccessibleName(self.tr("Which branch"))
        self.branch_choice.hide()
        self.branch_choice.currentIndexChanged.connect(self._branch_chosen)
        v.addWidget(self.branch_choice, 0, Qt.AlignmentFlag.AlignLeft)
        if not self.managing:
            self._ops.query(self._cafe.branches.list, on_done=self._got_branches)
        self.status = QLabel(self.tr("Working it out…"), objectName="progressHint")
        v.addWidget(self.status)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.figures: dict[str, tuple[QLabel, QLabel]] = {}
        for n, key in enumerate(("visits", "active", "returned", "finished")):
            box = QFrame(objectName="usualBox")
            box.setMinimumHeight(84)  # room for a two-line caption
            inner = QVBoxLayout(box)
            big = QLabel("—", objectName="progressText")
            small = QLabel(objectName="progressHint")
            small.setWordWrap(True)
            inner.addWidget(big)
            inner.addWidget(small)
            if key == "finished":
                self.period = QComboBox()
                self.period.setAccessibleName(self.tr("Which cards"))
                for label, _days in self.PERIODS:
                    self.period.addItem(self.tr(label))
                self.period.currentIndexChanged.connect(self.refresh)
                inner.addWidget(self.period)
            grid.addWidget(box, n // 2, n % 2)
            self.figures[key] = (big, small)
        v.addLayout(grid)
        v.addWidget(QLabel(self.tr("VISITS, WEEK BY WEEK"), objectName="sectionTitle"))
        self.chart = WeeklyChart()
        v.addWidget(self.chart, 1)
        self.experiment = ExperimentBox()
        self.experiment.setVisible(not self.managing)  # the chain's test: started and ended by the owner
        self.experiment.start_requested.connect(self.start_experiment)
        self.experiment.stop_requested.connect(self.stop_experiment)
        self.experiment.export_requested.connect(self.export_experiment)
        v.addWidget(self.experiment)
        hint = QLabel(
            self.tr(
                "A visit is a purchase stamp or a recorded order. Came back: of the regulars who came in the "
                "30 days before, how many came again in the last 30. Cards finished: a card is judged once it "
                "is as old as the finishing time (Settings); it counts as finished if its reward came within "
                "that time. Younger cards are still running and count neither way."
            ),
            objectName="hint",
        )
        hint.setWordWrap(True)
        v.addWidget(hint)

    def follow(self, changes: Changes) -> None:
        """A branch added or renamed on any till (or a restore) shows in the picker at once."""
        if not self.managing and (changes.everything or changes.area("branches")):
            self._ops.query(self._cafe.branches.list, on_done=self._got_branches)
        super().follow(changes)

    def _got_branches(self, branches: list) -> None:
        chosen = self.branch_choice.currentData()
        self.branch_choice.blockSignals(True)
        self.branch_choice.clear()
        self.branch_choice.addItem(self.tr("The whole chain"), None)
        for branch in branches:
            self.branch_choice.addItem(branch.name, branch.id)
        kept = self.branch_choice.findData(chosen)
        self.branch_choice.setCurrentIndex(max(kept, 0))
        self.branch_choice.blockSignals(False)
        self.branch_choice.setVisible(len(branches) > 1)
        if kept < 0 and chosen is not None:  # the branch read is gone (a restore): the whole chain
            self._branch_chosen()

    def _branch_chosen(self) -> None:
        self.scope = self.branch_choice.currentData()
        self.refresh()

    def reload(self) -> None:
        if self.report is not None:  # worked out only once the tab has been opened
            self.refresh()

    def refresh(self) -> None:
        self.status.setText(self.tr("Working it out…"))
        self.status.show()
        days = self.PERIODS[self.period.currentIndex()][1]
        cafe = self._cafe
        branch = self.scope

        def figures() -> ProgrammeFigures:
            today = cafe.clock.now().date()
            since = today - dt.timedelta(days=days) if days else None
            return ProgrammeFigures(
                cafe.reports.programme(branch=branch),
                cafe.reports.completion(since, branch=branch),
                cafe.experiments.current(branch),
                cafe.experiments.forecast(),
            )

        self._ops.background(figures, on_done=self.show_figures)

    def show_figures(self, figures: ProgrammeFigures) -> None:
        report, self.completion = figures.report, figures.completion
        self.report = report
        self.status.hide()
        c = self.completion.completion
        if c.judged:
            lines = [
                i18n.numbers(
                    self.tr(
                        "of {0} judged cards finished within {1} days (95% interval {2}–{3}); {4} still running. "
                        "The study: {5} with a head start, {6} with a blank card."
                    ),
                    c.judged,
                    c.window_days,
                    _percent(c.ci_low),
                    _percent(c.ci_high),
                    c.running,
                    _percent(self.completion.study_head_start),
                    _percent(self.completion.study_blank),
                ),
                i18n.numbers(self.tr("Never a second purchase: {0} of judged cards."), _percent(c.one_purchase_share)),
            ]
            if c.median_days is not None and c.median_purchases is not None:
                lines.insert(
                    1,
                    i18n.numbers(
                        self.tr("Median {0} days and {1} purchases to the reward."),
                        round(c.median_days),
                        round(c.median_purchases),
                    ),
                )
            finished = (_percent(c.rate), "\n".join(lines))
        else:
            finished = (
                "—",
                i18n.numbers(self.tr("No card has had its {0} days yet; {1} still running."), c.window_days, c.running),
            )
        texts = {
            "visits": (
                i18n.number(report.visits),
                i18n.numbers(self.tr("visits in the last 30 days, {0} rewards given"), report.rewards),
            ),
            "active": (
                i18n.number(report.active),
                i18n.numbers(
                    self.tr("of your {1} regulars bought something in the last 30 days; {0} joined in that time"),
                    report.new,
                    report.regulars,
                ),
            ),
            "returned": (
                _percent(report.return_rate),
                i18n.numbers(self.tr("came back: {0} of {1}"), report.came_back, report.came_before),
            ),
            "finished": finished,
        }
        for key, (big, small) in texts.items():
            self.figures[key][0].setText(big)
            self.figures[key][1].setText(small)
        self.chart.set_weeks(report.weeks)
        self.experiment.forecast = figures.forecast
        self.experiment.show_status(figures.experiment)

    # -- the experiment, as the owner ----------------------------------------------------------

    def start_experiment(self, arms: str, min_effect: float) -> None:
        self.act(self._cafe.experiments.start, arms, min_effect, writes=True, on_done=self._started)

    def _started(self, status: ExperimentStatus) -> None:
        self.result.say(
            i18n.numbers(
                self.tr("The test has started: new regulars now get design A or B at random. Planned: {0} per design."),
                status.planned_cards_per_arm,
            )
        )
        self.experiment.show_status(status)

    def stop_experiment(self, keep: str) -> None:
        self.act(self._cafe.experiments.stop, keep, writes=True, on_done=self._stopped)

    def _stopped(self, status: ExperimentStatus) -> None:
        self.result.say(self.tr("The test has ended. New cards use the design you kept."))
        self.experiment.show_status(status)

    def export_experiment(self, path: str) -> None:
        self.act(self._cafe.experiments.export_cards, path, on_done=self._exported)

    def _exported(self, path: Path) -> None:
        self.result.say(self.tr("Saved {0}.").format(i18n.isolate(str(path))))
