"""The dock's group box "Records (chapter 5, section 8)": where the records log is, what it holds, and
appending to it.

Every checklist change, the grade and its override are appended to the project's records log
(``tools/records.py``, or a PostgreSQL store, ``tools/store_postgres.py``); its chain of hashes is
checked each time the box is redrawn, so an altered log shows at once. When the log cannot be
written the change is refused (:meth:`RecordsBoxMixin.record` returns False).

A mixin of :class:`~.response_dock.ResponseDock`: it uses the dock's project and messages.
"""

from __future__ import annotations

import os

from qgis.core import Qgis
from qgis.PyQt.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from ..tools.i18n import message_text, tr
from ..tools.records import RecordsError, RecordsLog, configured_path, default_path, set_records_path
from ..tools.store_postgres import display_name, is_postgres, open_log


class RecordsBoxMixin:
    """The group box "Records" of the dock, and the dock's records log."""

    def _build_records(self) -> QGroupBox:
        records_box = self._box(tr("Records (chapter 5, section 8)"))
        records_layout = records_box.layout()
        path_row = QHBoxLayout()
        self.records_edit = QLineEdit()
        self.records_edit.setReadOnly(True)
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(self.choose_records_file)
        path_row.addWidget(self.records_edit, 1)
        path_row.addWidget(choose)
        records_layout.addLayout(path_row)
        buttons_row = QHBoxLayout()
        self.records_label = QLabel()
        self.records_label.setWordWrap(True)
        show = QPushButton(tr("Show records…"))
        show.clicked.connect(self.show_records)
        export = QPushButton(tr("Export CSV…"))
        export.clicked.connect(self.export_records)
        records_layout.addWidget(self.records_label)
        buttons_row.addWidget(show)
        buttons_row.addWidget(export)
        buttons_row.addStretch(1)
        records_layout.addLayout(buttons_row)
        return records_box

    def records_log(self, configure: bool = False) -> RecordsLog | None:
        """The project's log; with ``configure`` the default beside the project file is set up."""
        path = configured_path(self.project)
        if path is None and configure:
            path = default_path(self.project)
            if path:
                set_records_path(self.project, path)
                self.update_records_label()
        return open_log(path) if path else None

    def record(self, action: str, parameters: dict, result: str, ask: bool = False) -> bool:
        """Append to the log; False (and a message) when it cannot be written. With ``ask``
        (a tick or a note: the records the plan requires, 第五章 八) an unsaved project without a
        records file first asks where to record, and the change is refused when the answer is no."""
        log = self.records_log(configure=True)
        if log is None and ask and self.ask_records_location():
            log = self.records_log(configure=True)
        if log is None:
            if ask:
                self.message(tr("Not recorded: save the project or choose a records GeoPackage first."), Qgis.MessageLevel.Warning)
                return False
            return True  # nowhere to log yet: the label says so
        try:
            new = not os.path.exists(log.path)
            log.append(action, parameters, result)
        except RecordsError as error:
            self.message(message_text(error.msg), Qgis.MessageLevel.Critical)
            return False
        if new:  # said, never silent: a log that vanished is not quietly replaced by an empty one
            self.message(tr("Started a new records log at {path} (there was none).").format(path=log.path), Qgis.MessageLevel.Info)
        self.update_records_label()
        return True

    def update_records_label(self) -> None:
        path = configured_path(self.project)
        default = default_path(self.project)
        shown = display_name(path) if path and is_postgres(path) else path  # a shared store: never its password
        self.records_edit.setText(shown or (tr("{path} (default, created on the first record)").format(path=default) if default else ""))
        if not path and not default:
            self.records_label.setText(tr("Save the project or choose a GeoPackage: nothing is recorded yet."))
            return
        # the chain of hashes and the triggers are checked each time: an altered log shows at once
        try:
            verification = open_log(path).verify() if path and (is_postgres(path) or os.path.exists(path)) else None
        except RecordsError as error:
            self.records_label.setText(message_text(error.msg))
            return
        if verification is None:
            self.records_label.setText(tr("{count} record(s)").format(count=0))
        elif verification.ok:
            self.records_label.setStyleSheet("")
            self.records_label.setText(verification.summary())
        else:
            self.records_label.setStyleSheet("color: #b00020;")
            self.records_label.setText(verification.summary())

    def choose_records_file(self) -> None:
        start = configured_path(self.project) or default_path(self.project) or ""
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Records GeoPackage"), start, tr("GeoPackage (*.gpkg)"), options=QFileDialog.Option.DontConfirmOverwrite
        )
        if path:
            self.set_records_file(path)

    def ask_records_location(self) -> bool:
        """Ask to save the project or choose a records GeoPackage; True when there is one now."""
        self.ask_save_or_choose(
            "rifaRecordsQuestion", tr("Records (chapter 5, section 8)"),
            tr("The plan requires a record of every step (chapter 5, section 8), but this project is not "
               "saved yet. Save the project (the records go beside it) or choose a records GeoPackage."),
            tr("Choose a records file…"), self.choose_records_file,
        )
        self.update_records_label()
        return bool(configured_path(self.project) or default_path(self.project))

    def set_records_file(self, path: str) -> None:
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        set_records_path(self.project, path)
        self.update_records_label()

    def show_records(self) -> None:
        from .records_dialog import RecordsDialog

        log = self._existing_log()
        if log is None:
            return
        try:
            RecordsDialog(log, self).exec()
        except RecordsError as error:
            self.message(message_text(error.msg), Qgis.MessageLevel.Critical)

    def export_records(self) -> None:
        from .records_dialog import export_records_csv

        log = self._existing_log()
        if log is not None:
            export_records_csv(self, log)

    def _existing_log(self) -> RecordsLog | None:
        """The project's log, or None after saying there is none yet (showing or exporting it)."""
        log = self.records_log()
        if log is None:
            self.message(tr("No records GeoPackage yet: save the project or choose one."), Qgis.MessageLevel.Warning)
        return log

