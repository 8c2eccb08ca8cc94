"""Owner ▸ Regulars: who to look after this week (birthdays, feedback to follow up, regulars
drifting away, who brings friends)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cafe_loyalty_ui import i18n
from cafe_loyalty_ui.owner.checkbacks_tab import RowsModel, rows_table
from cafe_loyalty_ui.owner.merge_dialog import MergePreviewDialog, merged_text
from cafe_loyalty_ui.owner.screen import OwnerTab
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from cafe_loyalty.clock import to_local
from cafe_loyalty.services.imports import BatchView, UndoImportResult
from cafe_loyalty.services.merging import DuplicatePair, MergePreview, MergeResult

if TYPE_CHECKING:
    from cafe_loyalty_ui.owner.import_dialog import ImportDialog
from cafe_loyalty_ui.widgets import selected_row

CARE_LIMIT = 100  # longest list shown (longest absence first); the CLI lists them all


class RegularsTab(OwnerTab):
    areas = ("customers.added",)

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
        # The same regular entered twice: found on demand (it reads every regular), merged by the owner.
        box = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("POSSIBLE DUPLICATES"), objectName="sectionTitle"), 1)
        self.duplicates_button = QPushButton(self.tr("Find possible duplicates"))
        self.duplicates_button.clicked.connect(lambda: self.find_duplicates())
        top.addWidget(self.duplicates_button)
        self.merge_button = QPushButton(self.tr("Merge…"))
        self.merge_button.setToolTip(self.tr("Merge the second regular of the chosen row into the first"))
        self.merge_button.clicked.connect(self.ask_merge)
        top.addWidget(self.merge_button)
        box.addLayout(top)
        box.addWidget(self.result)
        self.duplicates_model = RowsModel(lambda: [self.tr("Keep"), self.tr("Merge into it"), self.tr("Why")], self)
        self.duplicates = rows_table(self.duplicates_model)
        self.duplicates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.duplicates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        box.addWidget(self.duplicates)
        grid.addLayout(box, 2, 0, 1, 2)
        # Regulars brought in from a spreadsheet, and taking an import back.
        box = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("IMPORTS"), objectName="sectionTitle"), 1)
        self.import_button = QPushButton(self.tr("Import regulars…"))
        self.import_button.setToolTip(self.tr("From a spreadsheet, or the customer export of another till"))
        self.import_button.clicked.connect(self.open_import)
        top.addWidget(self.import_button)
        self.undo_import_button = QPushButton(self.tr("Undo import…"))
        self.undo_import_button.clicked.connect(self.ask_undo_import)
        top.addWidget(self.undo_import_button)
        box.addLayout(top)
        self.imports_model = RowsModel(
            lambda: [self.tr("When"), self.tr("File"), self.tr("Added"), self.tr("Filled in"), self.tr("Undone")], self
        )
        self.imports = rows_table(self.imports_model)
        self.imports.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.imports.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.imports.setMaximumHeight(160)
        box.addWidget(self.imports)
        grid.addLayout(box, 3, 0, 1, 2)
        self.batches: list[BatchView] = []
        self.import_dialog: ImportDialog | None = None
        self.pairs: list[DuplicatePair] = []
        self.confirm_box: QMessageBox | None = None
        self.merge_preview: MergePreviewDialog | None = None
        self.reload()

    def reload(self) -> None:
        """The four lists read weeks of visits at a big café: gathered on the maintenance thread."""
        self._ops.query(self._cafe.imports.batches, on_done=self._show_batches)
        regulars, feedback = self._cafe.regulars, self._cafe.feedback

        def gather() -> tuple:
            return regulars.upcoming_birthdays(14), feedback.follow_ups(), regulars.lapsed(), regulars.referrals()

        self._ops.background(gather, on_done=self._show_care)

    def _show_care(self, found: tuple) -> None:
        birthdays, follow_ups, lapsed, referrals = found
        self.care_models["birthdays"].setStringList(
            [f"{i18n.date_text(d, weekday=True, year=False)}{i18n.sep()}{name}" for d, _cid, name in birthdays]
            or [self.tr("No birthdays coming up.")]
        )
        self.care_models["followups"].setStringList(
            [
                f"{i18n.date_text(to_local(f.at).date(), year=False)}{i18n.sep()}{f.first_name}: {f.text}"
                for f in follow_ups
            ]
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
            [self.tr("{0}: %n friend(s)", "", n).format(i18n.isolate(name)) for _cid, name, n in referrals]
            or [self.tr("No referrals yet.")]
        )

    # -- imports ---------------------------------------------------------------------------

    def _show_batches(self, batches: list[BatchView]) -> None:
        self.batches = batches
        self.imports_model.set_cells(
            [
                [
                    i18n.when(b.at),
                    b.file_name,
                    i18n.digits(str(b.added)),
                    i18n.digits(str(b.updated)),
                    i18n.when(b.undone_at) if b.undone_at else "",
                ]
                for b in batches
            ]
        )

    def open_import(self) -> None:
        from cafe_loyalty_ui.owner.import_dialog import ImportDialog  # its readers load when it is first opened

        self.import_dialog = ImportDialog(self._cafe, self._ops, self.owner.id, self)
        self.import_dialog.open()

    def ask_undo_import(self) -> None:
        row = selected_row(self.imports, self.result, self.tr("Choose an import first."))
        if row is None:
            return
        batch = self.batches[row]
        self.confirm_box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Undo an import"),
            i18n.numbers(
                self.tr(
                    "Remove the {0} regulars that {1} added, and empty again the fields it filled in? This works only "
                    "while none of them has been served."
                ),
                batch.added,
                batch.file_name,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        self.confirm_box.accepted.connect(lambda: self.undo_import(batch.id))
        self.confirm_box.open()

    def undo_import(self, batch_id: int) -> None:
        def undone(result: UndoImportResult) -> None:
            self.result.say(i18n.numbers(self.tr("Import undone: {0} regulars removed."), result.removed), "ok")
            self.reload()

        self.act(self._cafe.imports.undo, batch_id, on_done=undone)

    # -- duplicates --------------------------------------------------------------------------

    def find_duplicates(self, say_none: bool = True) -> None:
        self._ops.background(self._cafe.merging.possible_duplicates, on_done=lambda p: self._show_pairs(p, say_none))

    def _show_pairs(self, pairs: list[DuplicatePair], say_none: bool = True) -> None:
        self.pairs = pairs
        why = {"phone": self.tr("same phone"), "name_birthday": self.tr("same name and birthday")}

        def who(twin) -> str:
            return i18n.numbers(self.tr("{0} (#{1}, {2} visits)"), twin.name, twin.id, twin.visits)

        self.duplicates_model.set_cells([[who(p.first), who(p.second), why[p.reason]] for p in pairs])
        if not pairs and say_none:
            self.result.say(self.tr("No possible duplicates found."), "ok")

    def ask_merge(self) -> None:
        row = selected_row(self.duplicates, self.result, self.tr("Choose a pair first."))
        if row is None:
            return
        pair = self.pairs[row]
        self.merge_preview = None
        self._ops.query(
            self._cafe.merging.preview,
            pair.first.id,
            pair.second.id,
            on_done=lambda preview: self._show_merge(preview),
            on_error=self.failed,
        )

    def _show_merge(self, preview: MergePreview) -> None:
        self.merge_preview = MergePreviewDialog(self._cafe, self._ops, preview, self.owner.id, self)
        self.merge_preview.merged.connect(self._merged)
        self.merge_preview.open()

    def _merged(self, result: MergeResult) -> None:
        self.result.say(merged_text(result), "ok")
        self.find_duplicates(say_none=False)
