"""Owner ▸ Regulars ▸ Import regulars…: a file, a preview of what will be stored, import.

Every change (the encoding, a column's field, what to do with regulars already here, the date
order) reads the file again on the worker and shows the new plan: the first rows as they will
be stored, the counts, the rows that match a regular here (each with its own choice), and every
rejected row with its reason, which can be saved to fix and import again. Importing runs on the
worker with progress and Stop; stopped or failed, nothing is written.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from cafe_loyalty_ui import i18n, theme
from cafe_loyalty_ui.operations import Operations
from cafe_loyalty_ui.owner.checkbacks_tab import RowsModel, rows_table
from cafe_loyalty_ui.widgets import Banner, FitScroll, save_dialog
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cafe_loyalty.app import Cafe
from cafe_loyalty.io.import_rows import FIELDS
from cafe_loyalty.io.tabular import ENCODINGS
from cafe_loyalty.services.imports import ImportPlan, ImportResult, Rejected


class ImportDialog(QDialog):
    def __init__(self, cafe: Cafe, ops: Operations, owner_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._cafe, self._ops, self._owner = cafe, ops, owner_id
        self.setWindowTitle(self.tr("Import regulars"))
        self.path: str = ""
        self.plan: ImportPlan | None = None
        self.choices: dict[int, str] = {}
        self.mapping_boxes: dict[str, QComboBox] = {}
        self._stop = threading.Event()
        self.file_dialog: QFileDialog | None = None
        self.result: ImportResult | None = None
        outer = QVBoxLayout(self)
        # Everything but the message line and the buttons scrolls on a low screen.
        body = QWidget()
        v = QVBoxLayout(body)
        v.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(FitScroll(body), 1)
        top = QHBoxLayout()
        self.file_label = QLabel(self.tr("No file chosen yet."), objectName="hint")
        top.addWidget(self.file_label, 1)
        self.choose_button = QPushButton(self.tr("Choose a file…"))
        self.choose_button.clicked.connect(self.ask_file)
        top.addWidget(self.choose_button)
        v.addLayout(top)
        hint = QLabel(
            self.tr(
                "CSV, Excel (XLSX, XLS) or OpenDocument (ODS): a list typed by hand, or a customer export from "
                "Loyverse or Square. Nothing is written until you press Import."
            ),
            objectName="hint",
        )
        hint.setWordWrap(True)
        v.addWidget(hint)

        options = QFormLayout()
        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("Detect"), "")
        for name in ENCODINGS:
            self.encoding.addItem(name, name)
        options.addRow(self.tr("Text encoding (CSV)"), self.encoding)
        self.duplicates = QComboBox()
        for code, text in (
            ("skip", self.tr("Leave them as they are")),
            ("update", self.tr("Fill in their empty fields")),
            ("add", self.tr("Add them anyway")),
        ):
            self.duplicates.addItem(text, code)
        options.addRow(self.tr("Regulars already here"), self.duplicates)
        self.date_order = QComboBox()
        for code, text in (
            ("", self.tr("Ask (reject dates like 03/04/1990)")),
            ("dmy", self.tr("Day first (03/04 is 3 April)")),
            ("mdy", self.tr("Month first (03/04 is 4 March)")),
        ):
            self.date_order.addItem(text, code)
        options.addRow(self.tr("Dates"), self.date_order)
        v.addLayout(options)
        for box in (self.encoding, self.duplicates, self.date_order):
            box.currentIndexChanged.connect(self.replan)

        v.addWidget(QLabel(self.tr("COLUMNS"), objectName="sectionTitle"))
        self.mapping_area = QScrollArea()
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setMaximumHeight(130)
        v.addWidget(self.mapping_area)

        self.summary = QLabel(objectName="hint")
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        v.addWidget(QLabel(self.tr("AS THEY WILL BE STORED"), objectName="sectionTitle"))
        self.preview_model = RowsModel(
            lambda: [
                self.tr("Line"),
                self.tr("First name"),
                self.tr("Last name"),
                self.tr("Phone"),
                self.tr("Email"),
                self.tr("Birthday"),
                self.tr("Stamps"),
            ],
            self,
        )
        preview = rows_table(self.preview_model)
        preview.setMinimumHeight(170)
        v.addWidget(preview, 2)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("ALREADY HERE"), objectName="sectionTitle"), 0, 0)
        self.matches_model = RowsModel(
            lambda: [self.tr("Line"), self.tr("In the file"), self.tr("Here"), self.tr("What happens")], self
        )
        self.matches = rows_table(self.matches_model)
        self.matches.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matches.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        grid.addWidget(self.matches, 1, 0)
        row_choice = QHBoxLayout()
        self.row_buttons: dict[str, QPushButton] = {}
        for code, text in (("skip", self.tr("Leave")), ("update", self.tr("Fill in")), ("add", self.tr("Add anyway"))):
            button = QPushButton(text)
            button.setToolTip(self.tr("For the chosen row only"))
            button.clicked.connect(lambda _c=False, code=code: self.choose_for_row(code))
            row_choice.addWidget(button)
            self.row_buttons[code] = button
        grid.addLayout(row_choice, 2, 0)
        grid.addWidget(QLabel(self.tr("REJECTED"), objectName="sectionTitle"), 0, 1)
        self.rejected_model = RowsModel(
            lambda: [self.tr("Line"), self.tr("Column"), self.tr("Value"), self.tr("Why")], self
        )
        self.rejected_table = rows_table(self.rejected_model, wrap_last=True)
        grid.addWidget(self.rejected_table, 1, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        v.addLayout(grid, 2)

        self.banner = Banner()
        outer.addWidget(self.banner)
        self.progress = QProgressBar()
        self.progress.hide()
        outer.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.save_rejected_button = QPushButton(self.tr("Save rejected rows…"))
        self.save_rejected_button.setToolTip(self.tr("A CSV of the rejected rows and why: fix them and import it"))
        self.save_rejected_button.clicked.connect(self.ask_save_rejected)
        buttons.addWidget(self.save_rejected_button)
        buttons.addStretch(1)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self._stop.set)
        self.stop_button.hide()
        buttons.addWidget(self.stop_button)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        self.import_button = QPushButton(self.tr("Import"))
        theme.set_kind(self.import_button, "primary")
        self.import_button.clicked.connect(self.run_import)
        buttons.addWidget(self.import_button)
        outer.addLayout(buttons)
        self._ops.progress.connect(self._progressed)
        self._enable()
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1040, 780)
        self.resize(QSize(1040, 780).expandedTo(self.sizeHint()).boundedTo(room))

    # -- the file and the plan -----------------------------------------------------------

    def ask_file(self) -> None:
        self.file_dialog = QFileDialog(self, self.tr("Choose the list of regulars"), str(Path.home()))
        self.file_dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.file_dialog.setNameFilters(
            [self.tr("Spreadsheets (*.csv *.txt *.xlsx *.xls *.ods)"), self.tr("All files (*)")]
        )
        self.file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.file_dialog.fileSelected.connect(self.load)
        self.file_dialog.open()

    def load(self, path: str) -> None:
        """A new file: its own columns, no choices yet."""
        self.path, self.choices, self.plan = path, {}, None
        self.mapping_boxes = {}
        self.file_label.setText(Path(path).name)
        self.replan()

    def _mapping(self) -> dict[str, str]:
        return {column: box.currentData() for column, box in self.mapping_boxes.items()}

    def replan(self) -> None:
        if not self.path:
            return
        self.banner.hide()
        self._ops.run(
            self._cafe.imports.plan,
            self.path,
            self._mapping() or None,
            self.encoding.currentData(),
            self.duplicates.currentData(),
            dict(self.choices),
            self.date_order.currentData(),
            writes=False,
            on_done=self._show_plan,
            on_error=self._failed,
        )

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        if not self.mapping_boxes:
            self._build_mapping(plan)
        self.summary.setText(
            i18n.numbers(
                self.tr(
                    "{0} rows: {1} to add, {2} to fill in, {3} already here and left, {4} rejected, "
                    "{5} with a field left empty."
                ),
                plan.rows,
                plan.to_add,
                plan.to_update,
                plan.to_skip,
                len(plan.rejected),
                len(plan.warnings),
            )
            + " "
            + (self.tr("Read as {0}.").format(plan.encoding) if plan.encoding else "")
        )
        today = self._cafe.regulars.today()
        self.preview_model.set_cells(
            [
                [
                    i18n.digits(str(row["line"])),
                    row.get("first_name", ""),
                    row.get("last_name", ""),
                    row.get("phone", ""),
                    row.get("email", ""),
                    i18n.birthday_text(_birthday(row), today) if row.get("birthday_month") else "",
                    i18n.digits(str(row.get("stamps", ""))),
                ]
                for row in plan.preview
            ]
        )
        what = {
            "skip": self.tr("left as it is"),
            "update": self.tr("empty fields filled in"),
            "add": self.tr("added anyway"),
        }
        self.matches_model.set_cells(
            [[i18n.digits(str(m.line)), m.name, m.existing_name, what[m.action]] for m in plan.matches]
        )
        kept = self.tr("Imported without it: {0}")
        self.rejected_model.set_cells(
            [[i18n.digits(str(r.line)), r.column, r.value, _why(r)] for r in plan.rejected]
            + [[i18n.digits(str(w.line)), w.column, w.value, kept.format(_why(w))] for w in plan.warnings]
        )
        self._enable()

    def _build_mapping(self, plan: ImportPlan) -> None:
        labels = {
            "first_name": self.tr("First name"),
            "last_name": self.tr("Last name"),
            "name": self.tr("Full name (split at the first space)"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "birthday": self.tr("Birthday"),
            "notes": self.tr("Notes"),
            "allergies": self.tr("Allergies"),
            "stamps": self.tr("Stamps on a paper card"),
            "ignore": self.tr("(not imported)"),
        }
        holder = QWidget()
        form = QFormLayout(holder)
        for column in plan.columns:
            box = QComboBox()
            for name in FIELDS:
                box.addItem(labels[name], name)
            box.setCurrentIndex(box.findData(plan.mapping.get(column, "ignore")))
            box.setAccessibleName(self.tr("Field for the column {0}").format(column))
            box.currentIndexChanged.connect(self.replan)
            form.addRow(column, box)
            self.mapping_boxes[column] = box
        self.mapping_area.setWidget(holder)

    def choose_for_row(self, action: str) -> None:
        index = self.matches.currentIndex()
        if self.plan is None or not index.isValid():
            self.banner.say(self.tr("Choose a row in the list of regulars already here."), "warn")
            return
        self.choices[self.plan.matches[index.row()].line] = action
        self.replan()

    def _failed(self, error: Exception) -> bool:
        self.progress.hide()
        self.stop_button.hide()
        self._enable()
        return self.banner.said_error(error)

    def _enable(self) -> None:
        ready = self.plan is not None and (self.plan.to_add + self.plan.to_update) > 0
        self.import_button.setEnabled(ready)
        self.save_rejected_button.setEnabled(self.plan is not None and bool(self.plan.rejected or self.plan.warnings))
        for button in self.row_buttons.values():
            button.setEnabled(self.plan is not None and bool(self.plan.matches))

    # -- importing -----------------------------------------------------------------------

    def run_import(self) -> None:
        if self.plan is None:
            return
        self._stop.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.show()
        self.import_button.setEnabled(False)
        self._ops.run(
            self._cafe.imports.run,
            self.path,
            by=self._owner,
            mapping=self._mapping(),
            encoding=self.encoding.currentData(),
            duplicates=self.duplicates.currentData(),
            choices=dict(self.choices),
            date_order=self.date_order.currentData(),
            stop=self._stop.is_set,
            progress=True,
            on_done=self._imported,
            on_error=self._failed,
        )

    def _progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self.progress.hide()
        self.stop_button.hide()
        self.banner.say(
            i18n.numbers(
                self.tr("Imported: {0} added, {1} filled in, {2} rejected. It can be undone from the Regulars tab."),
                result.added,
                result.updated,
                result.rejected,
            ),
            "ok",
        )
        self.import_button.setEnabled(False)

    def ask_save_rejected(self) -> None:
        if self.plan is None:
            return
        self.file_dialog = save_dialog(self, self.tr("Save the rejected rows"), "rejected-rows.csv", "csv")
        self.file_dialog.fileSelected.connect(self.save_rejected)
        self.file_dialog.open()

    def save_rejected(self, path: str) -> None:
        plan = self.plan
        self._ops.run(
            self._cafe.imports.save_rejected,
            plan,
            path,
            writes=False,
            on_done=lambda saved: self.banner.say(
                self.tr("Saved {0}. Fix the rows and import that file.").format(saved)
            ),
            on_error=self._failed,
        )


def _birthday(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "month": row.get("birthday_month"),
        "day": row.get("birthday_day"),
        "year": row.get("birthday_year"),
        "calendar": row.get("birthday_calendar", "gregorian"),
    }


def _why(row: Rejected) -> str:
    """The reason in the till's language (the plan keeps it in English for files and the CLI)."""
    return i18n.error_text(row.error) if row.error is not None else row.reason
