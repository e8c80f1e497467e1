"""The dock's group box "Case after the first day": the case's timeline and its four buttons.

The timeline is read from the case GeoPackage (``zone_versions``: the declarations, with their
order numbers; ``lifting_status``: the last lifting status run, per zone, with its countdown),
from the dock's checklist (the weekly and monthly reports due, 第三章 一(二)2、4) and from the
project (the reports written and the survey plans made from the dock). The buttons are steps
(``dialogs/steps.py`` ``CASE_STEPS``) opened and loaded as the first day's steps are.

A mixin of :class:`ResponseDock`: it uses the dock's project state and step machinery.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core.checklist import is_overdue
from ..core.errors import QT_TRANSLATE_NOOP
from ..processing.declare_zones import DeclareZonesAlgorithm as Declare
from ..processing.lifting_status import LiftingStatusAlgorithm as Lifting
from ..processing.period_report import PeriodReportAlgorithm as Report
from ..processing.survey_plan import SurveyPlanAlgorithm as Survey
from ..tools.i18n import tr
from ..tools.log import logger
from .steps import CASE_STEPS

# the runs whose end :meth:`CaseLifeMixin.case_step_done` handles
STEP_KEYS = ("order",) + tuple(step.key for step in CASE_STEPS)

GROUPS = {
    "declarations": QT_TRANSLATE_NOOP("RifaZoning", "Declarations"),
    "reports": QT_TRANSLATE_NOOP("RifaZoning", "Reports"),
    "surveys": QT_TRANSLATE_NOOP("RifaZoning", "Surveys"),
    "lifting": QT_TRANSLATE_NOOP("RifaZoning", "Lifting status"),
}
STATUS_NAMES = {
    "active": QT_TRANSLATE_NOOP("RifaZoning", "active"),
    "eligible": QT_TRANSLATE_NOOP("RifaZoning", "eligible for lifting"),
    "lifted": QT_TRANSLATE_NOOP("RifaZoning", "lifted"),
}
ZONE_KINDS = {
    "occurrence": QT_TRANSLATE_NOOP("RifaZoning", "occurrence area"),
    "quarantine": QT_TRANSLATE_NOOP("RifaZoning", "quarantine zone"),
    "threatened": QT_TRANSLATE_NOOP("RifaZoning", "threatened zone"),
}
CHANGE_NAMES = {
    "new": QT_TRANSLATE_NOOP("RifaZoning", "new"),
    "revised": QT_TRANSLATE_NOOP("RifaZoning", "revised"),
    "unchanged": QT_TRANSLATE_NOOP("RifaZoning", "unchanged"),
    "lifted": QT_TRANSLATE_NOOP("RifaZoning", "lifted"),
}
PERIOD_NAMES = (QT_TRANSLATE_NOOP("RifaZoning", "Weekly report"), QT_TRANSLATE_NOOP("RifaZoning", "Monthly report"))
REPORT_ITEMS = ("weekly_report", "monthly_report")  # checklist items of the reports (rule profile)
LATE = QColor("#b71c1c")
TIMELINE_MAX_HEIGHT = 240  # the panel scrolls; the timeline stays a small box (1366×768)


def read_rows(gpkg: Path | None, table: str, columns: str) -> list[tuple]:
    """Rows of ``table`` of the case GeoPackage (none when the file or the table is missing)."""
    if gpkg is None or not gpkg.is_file():
        return []
    try:
        connection = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True, timeout=1.0)
        try:
            if connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone() is None:
                return []
            return connection.execute(f'SELECT {columns} FROM "{table}" ORDER BY fid').fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        logger.exception("Cannot read %s of %s", table, gpkg)
        return []


def declarations(gpkg: Path | None) -> list[dict]:
    """The declarations of the case in order: date, order number, counts of each change, quarantine km²."""
    found: dict[tuple, dict] = {}
    rows = read_rows(gpkg, "zone_versions", "valid_from, order_number, declared_at, change, zone_type, area_km2")
    for valid_from, order_number, declared_at, change, zone_type, area in rows:
        key = (str(declared_at or ""), str(valid_from or ""), str(order_number or ""))
        item = found.setdefault(key, {"date": str(valid_from or "")[:10], "order_number": str(order_number or ""),
                                      "changes": {}, "quarantine_km2": 0.0})
        item["changes"][change] = item["changes"].get(change, 0) + 1
        if zone_type == "quarantine" and change != "lifted":
            item["quarantine_km2"] += float(area or 0.0)
    return list(found.values())


def as_date(value) -> dt.date | None:
    """A date parameter's value as a date (QDate, QDateTime, text), None when empty."""
    if value in (None, ""):
        return None
    if hasattr(value, "toPyDate"):
        return value.toPyDate()
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime().date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


class CaseLifeMixin:
    """The group box "Case after the first day" of the dock."""

    def _build_case_life(self) -> QgsCollapsibleGroupBox:
        box = QgsCollapsibleGroupBox(tr("Case after the first day"))
        box.setObjectName("rifaCaseLife")
        box.setToolTip(tr("Zone versions, reports, surveys and lifting (chapter 3, section 1(2); chapter 5, sections 4 and 6)"))
        layout = QVBoxLayout(box)
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("rifaTimeline")
        self.timeline.setColumnCount(2)  # the date, and the event over its details (wrapped to the dock's width)
        self.timeline.setHeaderLabels([tr("Date"), tr("Event")])
        self.timeline.setRootIsDecorated(True)
        self.timeline.setIndentation(12)
        self.timeline.setWordWrap(True)
        self.timeline.setUniformRowHeights(False)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.timeline.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *args: self.timeline.doItemsLayout())  # the wrapped rows follow
        layout.addWidget(self.timeline)
        layout.addLayout(self._step_grid(CASE_STEPS))  # buttons and status lines as the dock's steps
        return box

    # ------------------------------------------------------------------ after a run
    def case_step_done(self, step, state: dict, results: dict, parameters: dict, parts: list, new_layers: list) -> str:
        """After a run of the order or of a step of the case after the first day: the message and
        what the timeline needs (a report's period, the lifting status's date)."""
        gpkg = self.case_gpkg()
        name = tr(step.text).rstrip("…")
        document = ""
        if step.key == "order":
            document = state["sources"].get(step.outputs[0].parameter, "")
            state["summary"] = Path(document).name
            text = tr("Lockdown order written: {path}.").format(path=Path(document).name)
        elif step.key == "declare":
            counts = {key: int(results.get(key) or 0) for key in (Declare.N_NEW, Declare.N_REVISED, Declare.N_UNCHANGED, Declare.N_LIFTED)}
            state["summary"] = tr("{new} new, {revised} revised, {unchanged} unchanged, {lifted} lifted").format(
                new=counts[Declare.N_NEW], revised=counts[Declare.N_REVISED], unchanged=counts[Declare.N_UNCHANGED],
                lifted=counts[Declare.N_LIFTED])
            text = tr("Zones declared in {path}: {summary}.").format(path=gpkg.name, summary=state["summary"])
        elif step.key == "report":
            document = state["sources"].get(step.outputs[0].parameter, "")
            period = int(parameters.get(Report.PERIOD) or 0)
            end = as_date(parameters.get(Report.PERIOD_END)) or dt.date.today()
            reports = self._read_json("case_reports", [])
            reports.append({"period": period, "end": end.isoformat(), "path": document,
                            "time": state["time"], "detections": results.get(Report.N_NEW_DETECTIONS)})
            self._write("case_reports", json.dumps(reports, ensure_ascii=False))
            state["summary"] = Path(document).name
            text = tr("{report} to {end} written: {path} ({count} new detection(s)).").format(
                report=tr(PERIOD_NAMES[period]), end=end.isoformat(), path=Path(document).name,
                count=results.get(Report.N_NEW_DETECTIONS, "?"))
        else:  # lifting status, survey plan: layers
            if step.key == "lifting":
                state["as_of"] = (as_date(parameters.get(Lifting.AS_OF)) or dt.date.today()).isoformat()
            state["summary"] = tr(", ").join(parts)
            text = tr("{step}: {layers} in {path}.").format(step=name, layers=state["summary"], path=gpkg.name)
            package = state["sources"].get(Survey.FIELD_PACKAGE, "")
            if package:
                text = tr("{text} Field package for QField: {path}.").format(text=text, path=Path(package).name)
        self._write(f"step_{step.key}", json.dumps(state, ensure_ascii=False, sort_keys=True))
        if new_layers:
            self.zoom_to([layer for layer in new_layers if layer.isSpatial()])
        self.show_result(text, document, tr("Open document") if document else "")
        return text

    # ------------------------------------------------------------------ the timeline
    def timeline_entries(self) -> list[tuple[str, str, str, str, bool]]:
        """(group, date, event, details, late) of the case, group by group, each in time order."""
        gpkg = self.case_gpkg()
        today = self.clock().date()
        entries = []
        for number, item in enumerate(declarations(gpkg), start=1):
            changes = tr(", ").join(
                tr("{count} {change}").format(count=count, change=tr(CHANGE_NAMES.get(change, change))) for change, count in item["changes"].items()
            )
            details = tr("{order}: {changes}; quarantine zones {area:.1f} km²").format(
                order=item["order_number"] or tr("no order number"), changes=changes, area=item["quarantine_km2"])
            entries.append(("declarations", item["date"], tr("Declaration {number}").format(number=number), details, False))
        for report in self._read_json("case_reports", []):
            period = int(report.get("period", 0))
            entries.append(("reports", report.get("end", ""), tr("{report} written").format(report=tr(PERIOD_NAMES[period % 2])),
                            Path(report.get("path", "")).name, False))
        now = self.clock()
        t0 = self.t0()
        for entry in self.entries:
            if entry.id not in REPORT_ITEMS or entry.due is None or t0 is None:
                continue
            done_at = None
            try:
                done_at = dt.datetime.fromisoformat(self.state.get(entry.id, {}).get("done_at", "") or "")
            except ValueError:
                pass
            late = is_overdue(entry, done_at, now, t0)
            due = entry.previous_due if late and entry.previous_due else entry.due
            text = tr("overdue: not ticked as sent") if late else tr("tick it in the checklist once sent")
            report = tr(PERIOD_NAMES[REPORT_ITEMS.index(entry.id)])
            entries.append(("reports", due.strftime("%Y-%m-%d"), tr("{report} due").format(report=report), text, late))
        survey = self.step_state("survey")
        if survey:
            entries.append(("surveys", survey.get("time", ""), tr("Survey plan"), survey.get("summary", ""), False))
        lifting = self.step_state("lifting")
        rows = read_rows(gpkg, "lifting_status", "zone_type, zone_id, version, last_detection, eligible_from, "
                         "surveys_since_last_detection, status") if lifting else []
        for zone_type, zone_id, version, last, eligible, surveys, status in rows:
            eligible_day = as_date(eligible)
            if status == "lifted":
                countdown = tr("lifted")
            elif eligible_day is None:
                countdown = tr("no number of months without detection given")
            elif eligible_day > today:
                countdown = tr("eligible from {date}: in {days} day(s)").format(date=eligible_day.isoformat(),
                                                                               days=(eligible_day - today).days)
            else:
                countdown = tr("eligible since {date}: write the report on lifting (chapter 3, section 1(2)3)").format(
                    date=eligible_day.isoformat())
            details = tr("{status}; last detection {last}; {surveys} survey(s) since; {countdown}").format(
                status=tr(STATUS_NAMES.get(status, status)), last=str(last or "—")[:10], surveys=surveys or 0,
                countdown=countdown)
            event = tr("{kind} {zone} (version {version})").format(kind=tr(ZONE_KINDS.get(zone_type, zone_type)),
                                                                   zone=zone_id, version=version)
            entries.append(("lifting", lifting.get("as_of", ""), event, details, False))
        return entries

    def update_case_life(self) -> None:
        """Redraw the timeline (after a run, a tick, a new project)."""
        if not hasattr(self, "timeline"):
            return
        self.timeline.clear()
        groups = {}
        children = 0
        for group, date, event, details, late in self.timeline_entries():
            parent = groups.get(group)
            if parent is None:
                parent = groups[group] = QTreeWidgetItem(self.timeline, [tr(GROUPS[group])])
                parent.setFirstColumnSpanned(True)
                parent.setExpanded(True)
            item = QTreeWidgetItem(parent, [date[:10], f"{event}\n{details}"])
            item.setData(1, Qt.ItemDataRole.UserRole, [event, details])
            item.setToolTip(0, date)
            item.setToolTip(1, f"{event}\n{details}")
            children += 1
            if late:
                for column in range(2):
                    item.setForeground(column, QBrush(LATE))
        if not groups:
            empty = QTreeWidgetItem(self.timeline, [tr("Nothing declared yet: declare the zones once the order is issued.")])
            empty.setFirstColumnSpanned(True)
        line = self.timeline.fontMetrics().lineSpacing()
        wanted = self.timeline.header().sizeHint().height() + max(len(groups), 1) * (line + 10) + children * (2 * line + 14) + 6
        self.timeline.setFixedHeight(min(wanted, TIMELINE_MAX_HEIGHT))  # beyond it the timeline scrolls

    def timeline_rows(self) -> list[tuple[str, str, str, str]]:
        """The timeline as shown: (group, date, event, details) per row (tests, scripts)."""
        rows = []
        for i in range(self.timeline.topLevelItemCount()):
            parent = self.timeline.topLevelItem(i)
            for j in range(parent.childCount()):
                child = parent.child(j)
                event, details = child.data(1, Qt.ItemDataRole.UserRole)
                rows.append((parent.text(0), child.toolTip(0), event, details))
        return rows
