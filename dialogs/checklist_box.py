"""The dock's group box "Required measures and reports": T0 and the checklist of 第三章 一 and 第五章.

The checklist comes from the rule profile (``core/checklist.py``): each measure or report with who
is responsible and its deadline counted from T0 (when the suspected outbreak was reported). A tick
or a note is recorded (:meth:`~.records_box.RecordsBoxMixin.record`) before it is kept; a change
the log refuses is undone on screen. Overdue items turn red while the panel is open.

A mixin of :class:`~.response_dock.ResponseDock`: it uses the dock's project state and records.
"""

from __future__ import annotations

import json
from datetime import datetime

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
)

from ..core.checklist import build_checklist, is_done, is_overdue
from ..tools.i18n import tr

OVERDUE = QColor("#ffcdd2")
DONE = QColor("#dcedc8")
LATE_TEXT = QColor("#b71c1c")
T0_UNSET = QDateTime(QDate(2000, 1, 1), QTime(0, 0))  # the T0 picker's "not set" value
TIME_FORMAT = "%Y-%m-%d %H:%M"
COL_DONE, COL_ITEM, COL_RESPONSIBLE, COL_DUE, COL_DONE_AT, COL_NOTE = range(6)


def iso_time(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def parse_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def show_time(value: datetime | None) -> str:
    return value.strftime(TIME_FORMAT) if value else ""


class ChecklistBoxMixin:
    """The group box "Required measures and reports" of the dock."""

    def _build_checklist(self) -> QGroupBox:
        checklist_box = self._box(tr("Required measures and reports (chapter 3, section 1; chapter 5)"))
        checklist_layout = checklist_box.layout()
        t0_row = QHBoxLayout()
        t0_row.addWidget(QLabel(tr("T0, outbreak reported at:")))
        self.t0_edit = QDateTimeEdit()
        self.t0_edit.setCalendarPopup(True)
        self.t0_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.t0_edit.setMinimumDateTime(T0_UNSET)
        self.t0_edit.setSpecialValueText(tr("not set"))
        self.t0_edit.setDateTime(T0_UNSET)
        self.t0_edit.dateTimeChanged.connect(self._t0_changed)
        t0_row.addWidget(self.t0_edit)
        t0_row.addStretch(1)
        self.overdue_label = QLabel()
        self.overdue_label.setWordWrap(True)
        checklist_layout.addLayout(t0_row)
        checklist_layout.addWidget(self.overdue_label)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [tr("Done"), tr("Measure / report"), tr("Responsible"), tr("Due"), tr("Done at"), tr("Note")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        # the panel scrolls, not the table inside it: the table is as high as its rows
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_DONE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *args: self._fit_rows())  # wrapped text follows widths
        # columns share the dock's width in fixed proportions and the text wraps: a fixed width for
        # the short columns left the measure column nothing in a narrow dock
        self.table.viewport().installEventFilter(self)
        self.table.itemChanged.connect(self._item_changed)
        checklist_layout.addWidget(self.table)
        return checklist_box

    def t0(self) -> datetime | None:
        """T0 as set (None until the technician or the nests' earliest date sets it)."""
        value = self.t0_edit.dateTime()
        if value <= T0_UNSET:
            return None
        return value.toPyDateTime().replace(second=0, microsecond=0)

    def earliest_report(self) -> datetime | None:
        """The earliest detection date of the nests (their date field), for the default T0."""
        layer, name = self.layer("nests"), self.field_combos["date"].currentField()
        if not isinstance(layer, QgsVectorLayer) or not name:
            return None
        value = layer.minimumValue(layer.fields().indexOf(name))
        if isinstance(value, QDateTime) and value.isValid():
            return value.toPyDateTime().replace(second=0, microsecond=0)
        if isinstance(value, QDate) and value.isValid():
            return datetime(value.year(), value.month(), value.day())
        return parse_time(str(value)) if isinstance(value, str) else None

    def default_t0(self) -> None:
        """T0 not set yet: the earliest report date of the nests, when they have one."""
        if self.t0() is not None:
            return
        earliest = self.earliest_report()
        if earliest is not None:
            self.t0_edit.setDateTime(QDateTime(earliest))

    def _t0_changed(self, *args) -> None:
        if self._loading:
            return
        t0 = iso_time(self.t0())
        if t0 == self._read("t0"):
            return
        self._write("t0", t0)
        self.record("T0", {"t0": t0}, tr("report time set"))
        self.fill_checklist()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in (COL_DONE, COL_NOTE):
            return
        entry = self.entries[item.row()]
        state = dict(self.state.get(entry.id, {}))
        if item.column() == COL_DONE:
            done = item.checkState() == Qt.CheckState.Checked
            state["done_at"] = iso_time(self.clock().replace(microsecond=0)) if done else ""
            parameters = {"item": entry.id, "title": entry.title["en"], "done": done, "done_at": state["done_at"]}
            result = tr("done") if done else tr("not done")
            action = "checklist"
        else:
            note = item.text().strip()
            if note == state.get("note", ""):
                return
            state["note"] = note
            parameters = {"item": entry.id, "title": entry.title["en"], "note": note}
            result = tr("note")
            action = "checklist note"
        if self.record(action, parameters, result, ask=True):
            self.state[entry.id] = state
            self._write("checklist", json.dumps(self.state, ensure_ascii=False, sort_keys=True))
        self.fill_checklist()  # shows the stored state: a refused change is undone on screen

    def set_done(self, item_id: str, done: bool) -> None:
        """Tick or untick an item as the user would (tests, scripts)."""
        row = [entry.id for entry in self.entries].index(item_id)
        self.table.item(row, COL_DONE).setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)

    def set_note(self, item_id: str, note: str) -> None:
        row = [entry.id for entry in self.entries].index(item_id)
        self.table.item(row, COL_NOTE).setText(note)

    def fill_checklist(self) -> None:
        now = self.clock()
        t0 = self.t0()
        unset = t0 is None  # deadlines unknown: the rules are shown, nothing is overdue
        if unset:
            t0 = now
        self.entries = build_checklist(self.profile, self.grade, t0, now) if self.grade else []
        overdue_count = 0
        self._filling = True
        try:
            self.table.setRowCount(len(self.entries))
            for row, entry in enumerate(self.entries):
                overdue_count += self._fill_checklist_row(row, entry, t0, now, unset)
        finally:
            self._filling = False
        self._fit_rows()
        if unset and self.entries:
            self.overdue_label.setText(tr("Set T0 (when the suspected outbreak was reported) to see the deadlines."))
        else:
            self.overdue_label.setText(tr("{count} overdue").format(count=overdue_count) if overdue_count else "")
        self.overdue_label.setStyleSheet("color: #b71c1c; font-weight: bold;" if overdue_count or unset else "")
        self.update_case_life()  # the reports due follow the ticks
        # T0 is asked for: the picker stands out until it is set
        self.t0_edit.setStyleSheet("QDateTimeEdit { border: 2px solid #b71c1c; }" if unset and self.entries else "")
        self.overdue = overdue_count

    def _fill_checklist_row(self, row: int, entry, t0: datetime, now: datetime, unset: bool) -> bool:
        """Row ``row`` of the table: ``entry`` with its tick, deadline and note; True when it is overdue."""
        lang = self.lang
        state = self.state.get(entry.id, {})
        done_at = parse_time(state.get("done_at", ""))
        done = is_done(entry, done_at, t0)
        overdue = is_overdue(entry, done_at, now, t0) and not unset
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        check.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        title = QTableWidgetItem(entry.text("title", lang))
        title.setToolTip(f"{entry.title['zh']}\n{entry.title['en']}\n{entry.citation}")
        responsible = QTableWidgetItem(entry.text("responsible", lang))
        if entry.due is None or unset:
            due_text = entry.text("due_text", lang)
        elif entry.recurring:
            due_text = tr("next {time} ({rule})").format(time=show_time(entry.due), rule=entry.text("due_text", lang))
        else:
            due_text = show_time(entry.due)
        due = QTableWidgetItem(due_text)
        due.setToolTip(entry.text("due_text", lang))
        done_item = QTableWidgetItem(show_time(done_at))
        note = QTableWidgetItem(state.get("note", ""))
        note.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable)
        for item in (title, responsible, due, done_item):
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        colour = OVERDUE if overdue else DONE if done else None
        for column, item in enumerate((check, title, responsible, due, done_item, note)):
            if colour is not None:
                item.setBackground(QBrush(colour))
            self.table.setItem(row, column, item)
        if overdue:
            font = QFont(due.font())
            font.setBold(True)
            due.setFont(font)
            due.setForeground(QBrush(LATE_TEXT))
            due.setToolTip(tr("Overdue — {rule}").format(rule=entry.text("due_text", lang)))
        return overdue

    # share of the width after the "done" box: measure, responsible, due, done at, note
    COLUMN_SHARES = ((COL_ITEM, 0.37), (COL_RESPONSIBLE, 0.17), (COL_DUE, 0.21), (COL_DONE_AT, 0.12))

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns(event.size().width())
        return super().eventFilter(watched, event)

    def _fit_rows(self) -> None:
        """Rows as high as their wrapped text, the table as high as its rows (no scrolling inside)."""
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        self.table.setFixedHeight(max(height, 60))

    def _fit_columns(self, width: int) -> None:
        free = max(width - self.table.columnWidth(COL_DONE), 300)
        for column, share in self.COLUMN_SHARES:
            self.table.setColumnWidth(column, int(free * share))
