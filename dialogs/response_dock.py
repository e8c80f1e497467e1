"""The dock panel "Outbreak response / 疫情应急处置": grade, who acts, what is due when, records.

Everything the technician sets here (layers, field mapping, override, T0, ticks, notes) is kept
in the project (``QgsProject.writeEntry`` under ``rifa_zoning/response/…``), so it survives
closing and reopening the project. Every checklist change is appended to the records log
(``tools/records.py``); when that file is locked the change is refused and undone on screen.
"""

from __future__ import annotations

import json
import os
from datetime import datetime

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDateTime, QEvent, Qt, QTimer
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.checklist import build_checklist, is_done, is_overdue
from ..core.errors import QT_TRANSLATE_NOOP, RifaError
from ..core.grading import ROMAN, grade_label
from ..core.profile import load_profile
from ..processing.base import message_text
from ..tools.i18n import tr, user_locale
from ..tools.log import logger
from ..tools.records import (
    RecordsError,
    RecordsLog,
    configured_path,
    default_path,
    set_records_path,
)

SCOPE = "rifa_zoning"
KEY = "response/"
FIELD_KEYS = ("county_code", "county_name", "city_code", "city_name", "province")
OVERRIDES = (0, 2, 1)  # combo index -> grade (0 = no override)
BADGE_COLOURS = {0: ("#9e9e9e", "#ffffff"), 3: ("#f9d71c", "#000000"), 2: ("#f57c00", "#ffffff"), 1: ("#c62828", "#ffffff")}
OVERDUE = QColor("#ffcdd2")
DONE = QColor("#dcedc8")
NEXT_STEPS = (  # marked for scripts/update_translations.py, translated with tr() where shown
    ("rifa:delineatezones", QT_TRANSLATE_NOOP("RifaZoning", "Run zoning…")),
    ("rifa:checkpoints", QT_TRANSLATE_NOOP("RifaZoning", "Find checkpoints…")),
    ("rifa:lockdownmap", QT_TRANSLATE_NOOP("RifaZoning", "Print the lockdown map…")),
)
ZONE_NAMES = {
    "occurrence": QT_TRANSLATE_NOOP("RifaZoning", "Occurrence areas"),
    "quarantine": QT_TRANSLATE_NOOP("RifaZoning", "Quarantine zones"),
    "threatened": QT_TRANSLATE_NOOP("RifaZoning", "Threatened zones"),
}
TIME_FORMAT = "%Y-%m-%d %H:%M"
COL_DONE, COL_ITEM, COL_RESPONSIBLE, COL_DUE, COL_DONE_AT, COL_NOTE = range(6)


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _show(value: datetime | None) -> str:
    return value.strftime(TIME_FORMAT) if value else ""


class ResponseDock(QgsDockWidget):
    def __init__(self, iface=None, parent=None, project: QgsProject | None = None):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.setObjectName("RifaResponseDock")
        self.setWindowTitle(tr("Outbreak response"))
        self.lang = "zh" if user_locale().lower().startswith("zh") else "en"
        self.clock = datetime.now  # tests set a fixed clock
        self.profile = load_profile()
        self.grade = 0
        self.grade_result = None
        self.entries = []
        self.state: dict[str, dict] = {}
        self._loading = False
        self._filling = False
        self._watched: QgsVectorLayer | None = None

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(400)  # debounce: digitizing fires many signals
        self._refresh_timer.timeout.connect(self.refresh)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(60_000)  # overdue items turn red while the panel is open
        self._clock_timer.timeout.connect(self.fill_checklist)
        self._clock_timer.start()

        self._build()
        self.project.readProject.connect(self.load_state)
        self.project.cleared.connect(self.load_state)
        registry = QgsApplication.processingRegistry()
        registry.providerAdded.connect(self.update_next_steps)
        registry.providerRemoved.connect(self.update_next_steps)
        self.load_state()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)

        layers = QGroupBox(tr("Nests and administrative units"))
        form = QFormLayout(layers)
        self.nests_combo = QgsMapLayerComboBox()
        self.nests_combo.setFilters(QgsMapLayerProxyModel.PointLayer)
        self.nests_combo.setAllowEmptyLayer(True)
        self.admin_combo = QgsMapLayerComboBox()
        self.admin_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.admin_combo.setAllowEmptyLayer(True)
        form.addRow(tr("Nests"), self.nests_combo)
        form.addRow(tr("County-level units"), self.admin_combo)
        labels = {
            "county_code": tr("County code (adcode)"),
            "county_name": tr("County name"),
            "city_code": tr("City code (empty: from adcode)"),
            "city_name": tr("City name"),
            "province": tr("Province"),
        }
        self.field_combos: dict[str, QgsFieldComboBox] = {}
        for key in FIELD_KEYS:
            combo = QgsFieldComboBox()
            combo.setAllowEmptyFieldName(key not in ("county_code", "county_name"))
            combo.fieldChanged.connect(self._fields_changed)
            self.field_combos[key] = combo
            form.addRow(labels[key], combo)
        self.nests_combo.layerChanged.connect(self._layers_changed)
        self.admin_combo.layerChanged.connect(self._layers_changed)
        layout.addWidget(layers)

        grade_box = QGroupBox(tr("Outbreak grade (chapter 1, section 4)"))
        grade_layout = QVBoxLayout(grade_box)
        self.badge = QLabel()
        self.badge.setObjectName("gradeBadge")
        self.badge.setAlignment(Qt.AlignCenter)
        font = QFont(self.badge.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.badge.setFont(font)
        self.badge.setMinimumHeight(44)
        self.rule_label = QLabel()
        self.counts_label = QLabel()
        self.responders_label = QLabel()
        self.zones_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #b71c1c;")
        for label in (self.rule_label, self.counts_label, self.responders_label, self.zones_label, self.problem_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        grade_layout.addWidget(self.badge)
        for label in (self.rule_label, self.counts_label, self.problem_label, self.responders_label, self.zones_label):
            grade_layout.addWidget(label)
        override_row = QHBoxLayout()
        self.override_combo = QComboBox()
        self.override_combo.addItems([tr("no override"), tr("raise to Grade II"), tr("raise to Grade I")])
        self.override_combo.setToolTip(
            tr(
                "Designated by a higher authority or special circumstances (chapter 1, sections 4(2) and 4(3)): "
                "raises, never lowers."
            )
        )
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(tr("who decided it, and why"))
        override_row.addWidget(self.override_combo)
        override_row.addWidget(self.reason_edit, 1)
        grade_layout.addLayout(override_row)
        self.override_combo.currentIndexChanged.connect(self._override_changed)
        self.reason_edit.editingFinished.connect(self._override_changed)
        layout.addWidget(grade_box)

        checklist_box = QGroupBox(tr("Required measures and reports (chapter 3, section 1; chapter 5)"))
        checklist_layout = QVBoxLayout(checklist_box)
        t0_row = QHBoxLayout()
        t0_row.addWidget(QLabel(tr("T0, outbreak reported at:")))
        self.t0_edit = QDateTimeEdit()
        self.t0_edit.setCalendarPopup(True)
        self.t0_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.t0_edit.dateTimeChanged.connect(self._t0_changed)
        t0_row.addWidget(self.t0_edit)
        self.overdue_label = QLabel()
        t0_row.addWidget(self.overdue_label, 1)
        checklist_layout.addLayout(t0_row)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [tr("Done"), tr("Measure / report"), tr("Responsible"), tr("Due"), tr("Done at"), tr("Note")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(COL_DONE, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *args: self.table.resizeRowsToContents())  # wrapped text follows widths
        # columns share the dock's width in fixed proportions and the text wraps: a fixed width for
        # the short columns left the measure column nothing in a narrow dock
        self.table.viewport().installEventFilter(self)
        self.table.setMinimumHeight(320)
        self.table.itemChanged.connect(self._item_changed)
        checklist_layout.addWidget(self.table)
        layout.addWidget(checklist_box)

        records_box = QGroupBox(tr("Records (chapter 5, section 8)"))
        records_layout = QVBoxLayout(records_box)
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
        buttons_row.addWidget(self.records_label, 1)
        buttons_row.addWidget(show)
        buttons_row.addWidget(export)
        records_layout.addLayout(buttons_row)
        layout.addWidget(records_box)

        steps_box = QGroupBox(tr("Next steps"))
        steps_layout = QHBoxLayout(steps_box)
        self.step_buttons: dict[str, QPushButton] = {}
        for algorithm_id, text in NEXT_STEPS:
            button = QPushButton(tr(text))
            button.clicked.connect(lambda _checked=False, a=algorithm_id: self.open_algorithm(a))
            self.step_buttons[algorithm_id] = button
            steps_layout.addWidget(button)
        layout.addWidget(steps_box)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)

    def cleanup(self) -> None:
        """Disconnect from the project and the registry (plugin unload)."""
        self._refresh_timer.stop()
        self._clock_timer.stop()
        self._watch(None)
        for signal, slot in (
            (self.project.readProject, self.load_state),
            (self.project.cleared, self.load_state),
            (QgsApplication.processingRegistry().providerAdded, self.update_next_steps),
            (QgsApplication.processingRegistry().providerRemoved, self.update_next_steps),
        ):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass

    # ------------------------------------------------------------------ project state
    def _read(self, key: str, default: str = "") -> str:
        value, ok = self.project.readEntry(SCOPE, KEY + key, default)
        return value if ok else default

    def _write(self, key: str, value: str) -> None:
        if not self._loading:
            self.project.writeEntry(SCOPE, KEY + key, value)

    def load_state(self, *args) -> None:
        """Restore the panel from the project (after reading a project, or empty after clearing it)."""
        self._loading = True
        try:
            self.nests_combo.setLayer(self.project.mapLayer(self._read("nests_layer")))
            self.admin_combo.setLayer(self.project.mapLayer(self._read("admin_layer")))
            self._update_field_layers()
            for key, combo in self.field_combos.items():
                combo.setField(self._read("field_" + key))
            override = int(self._read("override", "0") or 0)
            self.override_combo.setCurrentIndex(OVERRIDES.index(override) if override in OVERRIDES else 0)
            self.reason_edit.setText(self._read("override_reason"))
            t0 = _parse(self._read("t0"))
            self.t0_edit.setDateTime(QDateTime(t0 or self.clock().replace(second=0, microsecond=0)))
            try:
                self.state = json.loads(self._read("checklist", "{}") or "{}")
            except ValueError:
                self.state = {}
        finally:
            self._loading = False
        self._watch(self.nests_combo.currentLayer())
        self.update_records_label()
        self.update_next_steps()
        self.refresh()

    def t0(self) -> datetime:
        return self.t0_edit.dateTime().toPyDateTime().replace(second=0, microsecond=0)

    def names(self):
        from ..processing.outbreak_grade import FieldMap

        return FieldMap(*(self.field_combos[key].currentField() for key in FIELD_KEYS))

    # ------------------------------------------------------------------ records
    def records_log(self, configure: bool = False) -> RecordsLog | None:
        """The project's log; with ``configure`` the default beside the project file is set up."""
        path = configured_path(self.project)
        if path is None and configure:
            path = default_path(self.project)
            if path:
                set_records_path(self.project, path)
                self.update_records_label()
        return RecordsLog(path) if path else None

    def record(self, action: str, parameters: dict, result: str) -> bool:
        """Append to the log; False (and a message) when it cannot be written."""
        log = self.records_log(configure=True)
        if log is None:
            return True  # nowhere to log yet: the label says so
        try:
            new = not os.path.exists(log.path)
            log.append(action, parameters, result)
        except RecordsError as error:
            self.message(message_text(error.msg), Qgis.Critical)
            return False
        if new:  # said, never silent: a log that vanished is not quietly replaced by an empty one
            self.message(tr("Started a new records log at {path} (there was none).").format(path=log.path), Qgis.Info)
        self.update_records_label()
        return True

    def update_records_label(self) -> None:
        path = configured_path(self.project)
        default = default_path(self.project)
        self.records_edit.setText(path or (tr("{path} (default, created on the first record)").format(path=default) if default else ""))
        if not path and not default:
            self.records_label.setText(tr("Save the project or choose a GeoPackage: nothing is recorded yet."))
            return
        # the chain of hashes and the triggers are checked each time: an altered log shows at once
        try:
            verification = RecordsLog(path).verify() if path and os.path.exists(path) else None
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
            self, tr("Records GeoPackage"), start, tr("GeoPackage (*.gpkg)"), options=QFileDialog.DontConfirmOverwrite
        )
        if path:
            self.set_records_file(path)

    def set_records_file(self, path: str) -> None:
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        set_records_path(self.project, path)
        self.update_records_label()

    def show_records(self) -> None:
        from .records_dialog import RecordsDialog

        log = self.records_log()
        if log is None:
            self.message(tr("No records GeoPackage yet: save the project or choose one."), Qgis.Warning)
            return
        try:
            RecordsDialog(log, self).exec_()
        except RecordsError as error:
            self.message(message_text(error.msg), Qgis.Critical)

    def export_records(self) -> None:
        from .records_dialog import export_records_csv

        log = self.records_log()
        if log is None:
            self.message(tr("No records GeoPackage yet: save the project or choose one."), Qgis.Warning)
            return
        export_records_csv(self, log)

    def message(self, text: str, level=Qgis.Info) -> None:
        logger.log({Qgis.Critical: 40, Qgis.Warning: 30}.get(level, 20), text)
        if self.iface is not None:
            self.iface.messageBar().pushMessage(tr("Outbreak response"), text, level, 10)

    # ------------------------------------------------------------------ reacting to the user
    def _watch(self, layer) -> None:
        signals = ("featureAdded", "featureDeleted", "geometryChanged", "dataChanged")
        if self._watched is not None:
            for name in signals:
                try:
                    getattr(self._watched, name).disconnect(self.schedule_refresh)
                except (TypeError, RuntimeError):
                    pass
        self._watched = layer if isinstance(layer, QgsVectorLayer) else None
        if self._watched is not None:
            for name in signals:
                getattr(self._watched, name).connect(self.schedule_refresh)

    def schedule_refresh(self, *args) -> None:
        self._refresh_timer.start()

    def _update_field_layers(self) -> None:
        admin = self.admin_combo.currentLayer()
        for combo in self.field_combos.values():
            combo.setLayer(admin)

    def _layers_changed(self, *args) -> None:
        if self._loading:
            return
        self._update_field_layers()
        nests, admin = self.nests_combo.currentLayer(), self.admin_combo.currentLayer()
        self._write("nests_layer", nests.id() if nests else "")
        self._write("admin_layer", admin.id() if admin else "")
        self._watch(nests)
        self._fields_changed()

    def _fields_changed(self, *args) -> None:
        if self._loading:
            return
        for key, combo in self.field_combos.items():
            self._write("field_" + key, combo.currentField())
        self.schedule_refresh()

    def _override_changed(self, *args) -> None:
        if self._loading:
            return
        grade = OVERRIDES[self.override_combo.currentIndex()]
        reason = self.reason_edit.text().strip()
        old = (int(self._read("override", "0") or 0), self._read("override_reason"))
        if (grade, reason) == old:
            return
        self._write("override", str(grade))
        self._write("override_reason", reason)
        self.record("grade override", {"override": ROMAN.get(grade, "none"), "reason": reason},
                    tr("override set") if grade else tr("override removed"))
        self.refresh()

    def _t0_changed(self, *args) -> None:
        if self._loading:
            return
        t0 = _iso(self.t0())
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
            done = item.checkState() == Qt.Checked
            state["done_at"] = _iso(self.clock().replace(microsecond=0)) if done else ""
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
        if self.record(action, parameters, result):
            self.state[entry.id] = state
            self._write("checklist", json.dumps(self.state, ensure_ascii=False, sort_keys=True))
        self.fill_checklist()  # shows the stored state: a refused change is undone on screen

    def set_done(self, item_id: str, done: bool) -> None:
        """Tick or untick an item as the user would (tests, scripts)."""
        row = [entry.id for entry in self.entries].index(item_id)
        self.table.item(row, COL_DONE).setCheckState(Qt.Checked if done else Qt.Unchecked)

    def set_note(self, item_id: str, note: str) -> None:
        row = [entry.id for entry in self.entries].index(item_id)
        self.table.item(row, COL_NOTE).setText(note)

    # ------------------------------------------------------------------ computing and showing
    def refresh(self) -> None:
        """Recompute the grade from the layers and redraw everything."""
        self._refresh_timer.stop()
        self.grade_result, problem, n_unassigned = None, "", 0
        nests, admin = self.nests_combo.currentLayer(), self.admin_combo.currentLayer()
        if nests is None or admin is None:
            problem = tr("Choose the nests layer and the county-level units layer.")
        else:
            from ..processing.outbreak_grade import grade_layers

            override = OVERRIDES[self.override_combo.currentIndex()]
            reason = self.reason_edit.text()
            try:
                try:
                    graded = grade_layers(nests, admin, self.names(), self.profile, override, reason,
                                          nests_name=nests.name(), admin_name=admin.name())
                except RifaError as error:
                    if not override or reason.strip():
                        raise
                    problem = message_text(error.msg)  # override without reason: show the computed grade
                    graded = grade_layers(nests, admin, self.names(), self.profile,
                                          nests_name=nests.name(), admin_name=admin.name())
                self.grade_result, n_unassigned = graded.result, graded.n_unassigned
            except RifaError as error:
                problem = message_text(error.msg)
        if n_unassigned:
            outside = tr("{count} nest(s) lie outside every county-level unit and are not graded.").format(
                count=n_unassigned
            )
            problem = tr("{problem} {outside}").format(problem=problem, outside=outside) if problem else outside
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.grade = self.grade_result.grade if self.grade_result else 0
        self.show_grade()
        self.show_zones()
        self.fill_checklist()
        self._record_grade_change()

    def _record_grade_change(self) -> None:
        if self.grade_result is None:
            return
        summary = f"{grade_label(self.profile, self.grade)}: {self.grade_result.rule['en']}"
        if summary == self._read("last_recorded_grade"):
            return
        counties = [f"{c.code} {c.name}" for c in self.grade_result.counties]
        if self.record("grade", {"counties": counties, "profile": self.profile.label}, summary):
            self._write("last_recorded_grade", summary)

    def show_grade(self) -> None:
        result, grade = self.grade_result, self.grade
        background, foreground = BADGE_COLOURS[grade]
        self.badge.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; border-radius: 6px; padding: 6px; }}"
        )
        if result is None:
            self.badge.setText(tr("Grade: —"))
            for label in (self.rule_label, self.counts_label, self.responders_label):
                label.clear()
            return
        self.badge.setText(grade_label(self.profile, grade))
        self.rule_label.setText(result.rule_text(self.lang))
        self.counts_label.setText(
            tr("{counties} county-level unit(s) in {cities} city(ies); profile {profile}").format(
                counties=result.n_counties, cities=result.n_cities, profile=self.profile.label
            )
        )
        if grade == 0:
            self.responders_label.clear()
            return
        responders = self.profile.responders(grade)
        lang = self.lang
        self.responders_label.setText(
            tr("Plan activated by: {activated}\nLockdown order issued by: {order}\nHeadquarters: {hq}  ({citation})").format(
                activated=responders["plan_activated_by"][lang],
                order=responders["order_issued_by"][lang],
                hq=responders["headquarters"][lang],
                citation=self.profile.data["responders"]["citation"],
            )
        )

    def zone_figures(self) -> dict[str, tuple[int, float]]:
        """{zone_type: (number of zones, km²)} of the latest zoning run among the project's layers."""
        features = []
        for layer in self.project.mapLayers().values():
            if not isinstance(layer, QgsVectorLayer):
                continue
            names = set(layer.fields().names())
            if not {"zone_type", "area_km2"} <= names:
                continue
            for feature in layer.getFeatures():
                stamp = feature["computed_at"] if "computed_at" in names else ""
                features.append((str(stamp or ""), str(feature["zone_type"]), float(feature["area_km2"] or 0.0)))
        if not features:
            return {}
        latest = max(stamp for stamp, _, _ in features)
        figures: dict[str, tuple[int, float]] = {}
        for stamp, kind, area in features:
            if stamp == latest:
                count, total = figures.get(kind, (0, 0.0))
                figures[kind] = (count + 1, total + area)
        return figures

    def show_zones(self) -> None:
        figures = self.zone_figures()
        if figures:
            parts = [
                tr("{name}: {count} zone(s), {area:.1f} km²").format(
                    name=tr(ZONE_NAMES.get(kind, kind)), count=count, area=area
                )
                for kind, (count, area) in sorted(figures.items(), key=lambda kv: list(ZONE_NAMES).index(kv[0]) if kv[0] in ZONE_NAMES else 9)
            ]
            self.zones_label.setText(tr("Latest zoning run: {zones}").format(zones=tr("; ").join(parts)))
            return
        log = self.records_log()
        try:
            latest = log.latest("rifa:delineatezones") if log else None
        except RecordsError:
            latest = None
        if latest:
            self.zones_label.setText(tr("Latest zoning run ({time}): {result}").format(time=latest["time"], result=latest["result"]))
        else:
            self.zones_label.setText(tr("No zoning run yet: run zoning (below) to draw the zones."))

    def fill_checklist(self) -> None:
        now = self.clock()
        t0 = self.t0()
        self.entries = build_checklist(self.profile, self.grade, t0, now) if self.grade else []
        lang = self.lang
        overdue_count = 0
        self._filling = True
        try:
            self.table.setRowCount(len(self.entries))
            for row, entry in enumerate(self.entries):
                state = self.state.get(entry.id, {})
                done_at = _parse(state.get("done_at", ""))
                done = is_done(entry, done_at, t0)
                overdue = is_overdue(entry, done_at, now, t0)
                overdue_count += overdue
                check = QTableWidgetItem()
                check.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable)
                check.setCheckState(Qt.Checked if done else Qt.Unchecked)
                title = QTableWidgetItem(entry.text("title", lang))
                title.setToolTip(f"{entry.title['zh']}\n{entry.title['en']}\n{entry.citation}")
                responsible = QTableWidgetItem(entry.text("responsible", lang))
                if entry.due is None:
                    due_text = entry.text("due_text", lang)
                elif entry.recurring:
                    due_text = tr("next {time} ({rule})").format(time=_show(entry.due), rule=entry.text("due_text", lang))
                else:
                    due_text = _show(entry.due)
                due = QTableWidgetItem(due_text)
                due.setToolTip(entry.text("due_text", lang))
                done_item = QTableWidgetItem(_show(done_at))
                note = QTableWidgetItem(state.get("note", ""))
                note.setFlags(Qt.ItemIsEnabled | Qt.ItemIsEditable)
                for item in (title, responsible, due, done_item):
                    item.setFlags(Qt.ItemIsEnabled)
                colour = OVERDUE if overdue else DONE if done else None
                for column, item in enumerate((check, title, responsible, due, done_item, note)):
                    if colour is not None:
                        item.setBackground(QBrush(colour))
                    self.table.setItem(row, column, item)
                if overdue:
                    font = QFont(due.font())
                    font.setBold(True)
                    due.setFont(font)
                    due.setForeground(QBrush(QColor("#b71c1c")))
                    due.setToolTip(tr("Overdue — {rule}").format(rule=entry.text("due_text", lang)))
            self.table.resizeRowsToContents()
        finally:
            self._filling = False
        self.overdue_label.setText(tr("{count} overdue").format(count=overdue_count) if overdue_count else "")
        self.overdue_label.setStyleSheet("color: #b71c1c; font-weight: bold;" if overdue_count else "")
        self.overdue = overdue_count

    # ------------------------------------------------------------------ next steps
    def update_next_steps(self, *args) -> None:
        registry = QgsApplication.processingRegistry()
        for algorithm_id, button in self.step_buttons.items():
            available = registry.algorithmById(algorithm_id) is not None
            button.setEnabled(available)
            button.setToolTip(
                algorithm_id if available else tr("{id} is not available yet in this version of the plugin.").format(id=algorithm_id)
            )

    def step_defaults(self, algorithm_id: str) -> dict:
        """Parameter values the dock already knows, for the parameters the algorithm has."""
        algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        if algorithm is None:
            return {}
        nests, admin = self.nests_combo.currentLayer(), self.admin_combo.currentLayer()
        names = self.names()
        known = {
            "NESTS": nests.id() if nests else None,
            "ADMIN": admin.id() if admin else None,
            "COUNTY_CODE_FIELD": names.county_code, "COUNTY_NAME_FIELD": names.county_name,
            "CITY_CODE_FIELD": names.city_code, "CITY_NAME_FIELD": names.city_name,
            "PROVINCE_FIELD": names.province,
        }
        return {k: v for k, v in known.items() if v and algorithm.parameterDefinition(k) is not None}

    def open_algorithm(self, algorithm_id: str) -> None:
        if QgsApplication.processingRegistry().algorithmById(algorithm_id) is None:
            self.message(tr("{id} is not available yet in this version of the plugin.").format(id=algorithm_id), Qgis.Warning)
            return
        import processing

        processing.execAlgorithmDialog(algorithm_id, self.step_defaults(algorithm_id))
        self.update_records_label()
        self.show_zones()

    # share of the width after the "done" box: measure, responsible, due, done at, note
    COLUMN_SHARES = ((COL_ITEM, 0.34), (COL_RESPONSIBLE, 0.18), (COL_DUE, 0.22), (COL_DONE_AT, 0.13))

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Resize:
            self._fit_columns(event.size().width())
        return super().eventFilter(watched, event)

    def _fit_columns(self, width: int) -> None:
        free = max(width - self.table.columnWidth(COL_DONE), 300)
        for column, share in self.COLUMN_SHARES:
            self.table.setColumnWidth(column, int(free * share))
