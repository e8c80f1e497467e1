"""The records log (处理记录) as a read-only table, with CSV export."""

from __future__ import annotations

from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..tools.i18n import tr
from ..tools.records import COLUMNS, RecordsError, RecordsLog


def export_records_csv(parent, log: RecordsLog) -> str | None:
    """Ask for a file name and write the log as CSV; returns the path or None."""
    path, _ = QFileDialog.getSaveFileName(parent, tr("Export the records as CSV"), log.path.rsplit(".", 1)[0] + ".csv",
                                          tr("CSV files (*.csv)"))
    if not path:
        return None
    try:
        count = log.export_csv(path)
    except (RecordsError, OSError) as error:
        QMessageBox.critical(parent, tr("Records"), str(error))
        return None
    QMessageBox.information(parent, tr("Records"), tr("{count} record(s) written to {path}.").format(count=count, path=path))
    return path


class RecordsDialog(QDialog):
    HEADERS = ("fid", *COLUMNS)

    def __init__(self, log: RecordsLog, parent=None):
        super().__init__(parent)
        self.log = log
        self.setWindowTitle(tr("Records"))
        self.resize(900, 400)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Append-only log in {path}").format(path=log.path)))
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        self.table = QTableWidget(0, len(self.HEADERS))
        headers = [tr("No."), tr("Time"), tr("User"), tr("Action"), tr("Parameters"), tr("Result")]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        export = QPushButton(tr("Export CSV…"))
        export.clicked.connect(lambda: export_records_csv(self, self.log))
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        verification = self.log.verify()
        self.check_label.setText(verification.summary())
        self.check_label.setStyleSheet("" if verification.ok else "color: #b00020; font-weight: bold;")
        broken = set(verification.broken)
        records = self.log.records()
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            for column, key in enumerate(self.HEADERS):
                item = QTableWidgetItem(str(record[key]))
                item.setToolTip(str(record[key]))
                if record["fid"] in broken:
                    item.setBackground(QColor("#f8d7da"))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
