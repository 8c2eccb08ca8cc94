"""The owner's Programme tab: is the loyalty card working? Visits in the last 30 days, how many
regulars came back, how many cards get finished, and visits week by week.

The report reads weeks of stamps, so it is worked out on the maintenance thread and shown when
it arrives; the tab says so meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from cafe_loyalty.app import Cafe
from cafe_loyalty.services.reports import ProgrammeReport, WeekFigures

from . import i18n, theme
from .operations import Operations


def _percent(rate: float | None) -> str:
    if rate is None:
        return "—"
    return i18n.digits(f"{rate:.0%}").replace("%", "٪") if i18n.is_persian() else f"{rate:.0%}"


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


class ProgrammeTab(QWidget):
    def __init__(self, cafe: Cafe, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self._cafe = cafe
        self._ops = ops
        self.report: ProgrammeReport | None = None
        v = QVBoxLayout(self)
        v.setSpacing(8)
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
            grid.addWidget(box, n // 2, n % 2)
            self.figures[key] = (big, small)
        v.addLayout(grid)
        v.addWidget(QLabel(self.tr("VISITS, WEEK BY WEEK"), objectName="sectionTitle"))
        self.chart = WeeklyChart()
        v.addWidget(self.chart, 1)
        hint = QLabel(
            self.tr(
                "A visit is a purchase stamp or a recorded order. Came back: of the regulars who came in the "
                "30 days before, how many came again in the last 30. Cards finished: of the cards issued 2 to "
                "14 months ago, how many reached their reward."
            ),
            objectName="hint",
        )
        hint.setWordWrap(True)
        v.addWidget(hint)

    def refresh(self) -> None:
        self.status.setText(self.tr("Working it out…"))
        self.status.show()
        self._ops.background(self._cafe.reports.programme, on_done=self.show_report)

    def show_report(self, report: ProgrammeReport) -> None:
        self.report = report
        self.status.hide()
        texts = {
            "visits": (
                i18n.number(report.visits),
                i18n.numbers(self.tr("visits in the last 30 days, {0} rewards given"), report.rewards),
            ),
            "active": (
                i18n.number(report.active),
                i18n.numbers(self.tr("of {1} regulars came in the last 30 days; {0} new"), report.new, report.regulars),
            ),
            "returned": (
                _percent(report.return_rate),
                i18n.numbers(self.tr("came back: {0} of {1}"), report.came_back, report.came_before),
            ),
            "finished": (
                _percent(report.completion_rate),
                i18n.numbers(self.tr("of cards finished: {0} of {1}"), report.cards_finished, report.cards_counted),
            ),
        }
        for key, (big, small) in texts.items():
            self.figures[key][0].setText(big)
            self.figures[key][1].setText(small)
        self.chart.set_weeks(report.weeks)
