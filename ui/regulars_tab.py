"""Owner ▸ Regulars: who to look after this week (birthdays, feedback to follow up, regulars
drifting away, who brings friends)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QGridLayout, QLabel, QListView, QVBoxLayout

from cafe_loyalty.clock import to_local

from . import i18n
from .owner_tab import OwnerTab

CARE_LIMIT = 100  # longest list shown (longest absence first); the CLI lists them all


class RegularsTab(OwnerTab):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grid = QGridLayout(self)
        self.care_models: dict[str, QStringListModel] = {}
        titles = {
            "birthdays": self.tr("BIRTHDAYS IN THE NEXT TWO WEEKS"),
            "followups": self.tr("FEEDBACK TO FOLLOW UP"),
            "lapsed": self.tr("REGULARS TO WIN BACK"),
            "referrals": self.tr("WHO BRINGS FRIENDS"),
        }
        for n, (key, title) in enumerate(titles.items()):
            box = QVBoxLayout()
            box.addWidget(QLabel(title, objectName="sectionTitle"))
            model = QStringListModel(self)
            view = QListView(objectName="history")
            view.setModel(model)
            view.setWordWrap(True)
            box.addWidget(view)
            self.care_models[key] = model
            grid.addLayout(box, n // 2, n % 2)
        self.reload()

    def reload(self) -> None:
        """The four lists read weeks of visits at a big café: gathered on the maintenance thread."""
        regulars, feedback = self._cafe.regulars, self._cafe.feedback

        def gather() -> tuple:
            return regulars.upcoming_birthdays(14), feedback.follow_ups(), regulars.lapsed(), regulars.referrals()

        self._ops.background(gather, on_done=self._show_care)

    def _show_care(self, found: tuple) -> None:
        birthdays, follow_ups, lapsed, referrals = found
        self.care_models["birthdays"].setStringList(
            [f"{i18n.date_text(d, weekday=True, year=False)} · {name}" for d, _cid, name in birthdays]
            or [self.tr("No birthdays coming up.")]
        )
        self.care_models["followups"].setStringList(
            [f"{i18n.date_text(to_local(f.at).date(), year=False)} · {f.first_name}: {f.text}" for f in follow_ups]
            or [self.tr("All dealt with.")]
        )
        shown = [
            i18n.numbers(
                self.tr("{0}: {1} days away (usually every {2})"), r.first_name, r.days_since, r.usual_interval_days
            )
            for r in lapsed[:CARE_LIMIT]
        ]
        if len(lapsed) > CARE_LIMIT:
            shown.append(
                i18n.numbers(self.tr("…and {0} more (the command line lists them all)"), len(lapsed) - CARE_LIMIT)
            )
        self.care_models["lapsed"].setStringList(shown or [self.tr("Nobody is lapsing.")])
        self.care_models["referrals"].setStringList(
            [self.tr("{0}: %n friend(s)", "", n).format(name) for _cid, name, n in referrals]
            or [self.tr("No referrals yet.")]
        )
