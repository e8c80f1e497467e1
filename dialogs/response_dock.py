"""The dock panel "Outbreak response / 疫情应急处置": the outbreak case, its steps, grade, deadlines, records.

The technician picks the case's layers once (nests, county-level units, villages, barriers,
crossings, roads); the fields are guessed from their names and types (``core/fields.py``). Every
step (zones, grade, checkpoints, affected units, map: ``dialogs/steps.py``) is one button that opens
its algorithm with every parameter filled from the case and the previous steps' outputs, which go
to named layers of the case GeoPackage beside the project; they are added styled, the map zooms to
them and the message bar says what came out. A step whose inputs changed since its last run is
marked stale.

Everything the technician sets here (layers, fields, override, T0, ticks, notes, step runs) is kept
in the project (``QgsProject.writeEntry`` under ``rifa_zoning/response/…``), so it survives
closing and reopening the project. Every checklist change is appended to the records log
(``tools/records.py``); when that file is locked the change is refused and undone on screen.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsCheckableComboBox, QgsDockWidget, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDate, QDateTime, QEvent, Qt, QTime, QTimer, QUrl
from qgis.PyQt.QtGui import QBrush, QColor, QDesktopServices, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.checklist import build_checklist, is_done, is_overdue
from ..core.errors import QT_TRANSLATE_NOOP, RifaError
from ..core.fields import guess_fields
from ..core.grading import ROMAN, grade_label
from ..core.profile import load_profile
from ..processing import compat
from ..tools.i18n import message_text, tr, user_locale
from ..tools.log import logger
from ..tools.records import (
    RecordsError,
    RecordsLog,
    configured_path,
    default_path,
    set_records_path,
)
from ..tools.store_postgres import display_name, is_postgres, open_log
from .case_life import STEP_KEYS as CASE_LIFE_STEPS
from .case_life import CaseLifeMixin
from .steps import ALL_STEPS, STEP_BY_KEY, STEPS, Case, case_gpkg_path, output_values, signature

SCOPE = "rifa_zoning"
KEY = "response/"
FIELD_KEYS = ("county_code", "county_name", "city_code", "city_name", "province")
# every field picker: role -> the case layer it belongs to
FIELD_LAYERS = {**{key: "admin" for key in FIELD_KEYS}, "date": "nests", "village_name": "villages",
                "road_name": "roads", "road_class": "roads"}
CASE_LAYERS = ("nests", "admin", "villages", "crossings", "roads")  # single-layer pickers (barriers: several)
OVERRIDES = (0, 2, 1)  # combo index -> grade (0 = no override)
BADGE_COLOURS = {0: ("#9e9e9e", "#ffffff"), 3: ("#f9d71c", "#000000"), 2: ("#f57c00", "#ffffff"), 1: ("#c62828", "#ffffff")}
OVERDUE = QColor("#ffcdd2")
DONE = QColor("#dcedc8")
STALE_COLOUR = "#e65100"
T0_UNSET = QDateTime(QDate(2000, 1, 1), QTime(0, 0))  # the T0 picker's "not set" value
ZONE_NAMES = {
    "occurrence": QT_TRANSLATE_NOOP("RifaZoning", "Occurrence areas"),
    "quarantine": QT_TRANSLATE_NOOP("RifaZoning", "Quarantine zones"),
    "threatened": QT_TRANSLATE_NOOP("RifaZoning", "Threatened zones"),
}
# names of the case GeoPackage's layers in the Layers panel (translated where shown)
OUTPUT_NAMES = {
    "occurrence_areas": QT_TRANSLATE_NOOP("RifaZoning", "Occurrence areas"),
    "quarantine_zones": QT_TRANSLATE_NOOP("RifaZoning", "Quarantine zones"),
    "threatened_zones": QT_TRANSLATE_NOOP("RifaZoning", "Threatened zones"),
    "occurrence_points": QT_TRANSLATE_NOOP("RifaZoning", "Occurrence points"),
    "outbreak_counties": QT_TRANSLATE_NOOP("RifaZoning", "Outbreak counties"),
    "checkpoints": QT_TRANSLATE_NOOP("RifaZoning", "Checkpoints"),
    "affected_units": QT_TRANSLATE_NOOP("RifaZoning", "Affected units"),
    "lifting_status": QT_TRANSLATE_NOOP("RifaZoning", "Lifting status"),
    "survey_points": QT_TRANSLATE_NOOP("RifaZoning", "Survey points"),
}
TIME_FORMAT = "%Y-%m-%d %H:%M"
COL_DONE, COL_ITEM, COL_RESPONSIBLE, COL_DUE, COL_DONE_AT, COL_NOTE = range(6)
FIELD_KINDS = {compat.STRING: "text", compat.INT: "integer", compat.LONG: "integer", compat.UINT: "integer",
               compat.ULONG: "integer", compat.DOUBLE: "real", compat.DATE: "date", compat.DATETIME: "datetime"}


def layer_fields(layer) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, kind) of the layer's fields for ``core.fields``, and the names never to guess (primary key)."""
    if not isinstance(layer, QgsVectorLayer):
        return [], []
    fields = layer.fields()
    pairs = [(f.name(), FIELD_KINDS.get(f.type(), "other")) for f in fields]
    keys = [fields.at(i).name() for i in layer.primaryKeyAttributes() if 0 <= i < fields.count()]
    return pairs, keys


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _show(value: datetime | None) -> str:
    return value.strftime(TIME_FORMAT) if value else ""


class ResponseDock(CaseLifeMixin, QgsDockWidget):
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
        self.edits: dict[str, int] = {}  # layer id -> edits seen (steps reading the layer go stale)
        self.dialogs: dict = {}  # step key -> its open Processing dialog
        self.last_message = ""
        self._loading = False
        self._filling = False
        self._watched: list[QgsVectorLayer] = []

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
        self.project.layersAdded.connect(self._fill_barrier_choices)
        self.project.layersRemoved.connect(self._fill_barrier_choices)
        registry = QgsApplication.processingRegistry()
        registry.providerAdded.connect(self.update_next_steps)
        registry.providerRemoved.connect(self.update_next_steps)
        self.load_state()

    # ------------------------------------------------------------------ building
    def _layer_combo(self, filters) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox()
        combo.setFilters(filters)
        combo.setAllowEmptyLayer(True)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.layerChanged.connect(self._layers_changed)
        return combo

    @staticmethod
    def _box(title: str) -> QGroupBox:
        """A group box whose heading wraps: a group box is at least as wide as its own title, and a
        long title made the panel wider than a narrow dock (its texts were cut on the right)."""
        box = QGroupBox()
        layout = QVBoxLayout(box)
        heading = QLabel(title)
        heading.setWordWrap(True)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        return box

    def _step_grid(self, steps) -> QGridLayout:
        """One row per step: its button (opens the step's dialog) and its status line."""
        grid = QGridLayout()
        for row, step in enumerate(steps):
            button = QPushButton(tr(step.text))
            button.setObjectName(f"rifaStep_{step.key}")
            button.clicked.connect(lambda _checked=False, key=step.key: self.open_step(key))
            status = QLabel()
            status.setWordWrap(True)
            self.step_buttons[step.key] = button
            self.step_labels[step.key] = status
            grid.addWidget(button, row, 0)
            grid.addWidget(status, row, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)

        layers = self._box(tr("Outbreak case: layers and fields"))
        form = QFormLayout()
        layers.layout().addLayout(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.nests_combo = self._layer_combo(QgsMapLayerProxyModel.Filter.PointLayer)
        self.admin_combo = self._layer_combo(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.villages_combo = self._layer_combo(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.crossings_combo = self._layer_combo(QgsMapLayerProxyModel.Filter.PointLayer)
        self.roads_combo = self._layer_combo(QgsMapLayerProxyModel.Filter.LineLayer)
        self.layer_combos = {"nests": self.nests_combo, "admin": self.admin_combo, "villages": self.villages_combo,
                             "crossings": self.crossings_combo, "roads": self.roads_combo}
        self.barriers_combo = QgsCheckableComboBox()
        self.barriers_combo.setDefaultText(tr("none"))
        self.barriers_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLength)
        self.barriers_combo.setMinimumContentsLength(10)
        self.barriers_combo.checkedItemsChanged.connect(self._barriers_changed)
        self.barriers_combo.model().dataChanged.connect(self._barriers_changed)  # a tick in the list
        labels = {
            "county_code": tr("County code (adcode)"),
            "county_name": tr("County name"),
            "city_code": tr("City code (empty: from adcode)"),
            "city_name": tr("City name"),
            "province": tr("Province"),
            "date": tr("Detection date field"),
            "village_name": tr("Village name field"),
            "road_name": tr("Road name field"),
            "road_class": tr("Road class field"),
        }
        self.field_combos: dict[str, QgsFieldComboBox] = {}
        for role in FIELD_LAYERS:
            combo = QgsFieldComboBox()
            combo.setAllowEmptyFieldName(True)  # nothing is chosen silently (an empty pick is named in the message)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLength)
            combo.setMinimumContentsLength(8)
            combo.fieldChanged.connect(self._fields_changed)
            self.field_combos[role] = combo
        # key inputs first: what the zones and the grade need
        form.addRow(tr("Nests"), self.nests_combo)
        form.addRow(labels["date"], self.field_combos["date"])
        form.addRow(tr("County-level units"), self.admin_combo)
        for key in FIELD_KEYS:
            form.addRow(labels[key], self.field_combos[key])
        form.addRow(tr("Barriers (rivers, ridges)"), self.barriers_combo)
        form.addRow(tr("Crossings (bridges, passes)"), self.crossings_combo)
        form.addRow(tr("Roads"), self.roads_combo)
        form.addRow(labels["road_name"], self.field_combos["road_name"])
        form.addRow(labels["road_class"], self.field_combos["road_class"])
        form.addRow(tr("Natural villages"), self.villages_combo)
        form.addRow(labels["village_name"], self.field_combos["village_name"])
        layout.addWidget(layers)

        grade_box = self._box(tr("Outbreak grade (chapter 1, section 4)"))
        grade_layout = grade_box.layout()
        self.badge = QLabel()
        self.badge.setObjectName("gradeBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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

        steps_box = self._box(tr("Steps (outputs go to the case GeoPackage beside the project)"))
        self.step_buttons: dict[str, QPushButton] = {}
        self.step_labels: dict[str, QLabel] = {}
        steps_layout = self._step_grid(STEPS)
        steps_box.layout().addLayout(steps_layout)
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        steps_layout.addWidget(self.case_label, len(STEPS), 0, 1, 2)
        layout.addWidget(steps_box)
        layout.addWidget(self._build_case_life())

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
        layout.addWidget(checklist_box)

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
        layout.addWidget(records_box)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # everything wraps to the dock's width
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.setMinimumWidth(360)

    def showEvent(self, event):  # noqa: N802 - Qt's name
        super().showEvent(event)
        window = self.iface.mainWindow() if self.iface is not None else None
        if window is not None and hasattr(window, "resizeDocks") and not self.isFloating() and self.width() < 440:
            QTimer.singleShot(0, lambda: window.resizeDocks([self], [460], Qt.Orientation.Horizontal))  # not a sliver

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 460))  # not a sliver when QGIS first docks it
        return hint

    def cleanup(self) -> None:
        """Disconnect from the project and the registry (plugin unload)."""
        self._refresh_timer.stop()
        self._clock_timer.stop()
        self._watch([])
        for dialog in self.dialogs.values():
            dialog.close()
        self.dialogs.clear()
        for signal, slot in (
            (self.project.readProject, self.load_state),
            (self.project.cleared, self.load_state),
            (self.project.layersAdded, self._fill_barrier_choices),
            (self.project.layersRemoved, self._fill_barrier_choices),
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

    def _read_json(self, key: str, default):
        try:
            return json.loads(self._read(key) or "null") or default
        except ValueError:
            return default

    def load_state(self, *args) -> None:
        """Restore the panel from the project (after reading a project, or empty after clearing it)."""
        self._loading = True
        try:
            for name, combo in self.layer_combos.items():
                combo.setLayer(self.project.mapLayer(self._read(f"{name}_layer")))
            self._fill_barrier_choices()
            self._update_field_layers()
            for key, combo in self.field_combos.items():
                combo.setField(self._read("field_" + key))
            override = int(self._read("override", "0") or 0)
            self.override_combo.setCurrentIndex(OVERRIDES.index(override) if override in OVERRIDES else 0)
            self.reason_edit.setText(self._read("override_reason"))
            t0 = _parse(self._read("t0"))
            self.t0_edit.setDateTime(QDateTime(t0) if t0 else T0_UNSET)
            self.state = self._read_json("checklist", {})
            self.edits = self._read_json("edits", {})
        finally:
            self._loading = False
        self._watch_case_layers()
        self.update_records_label()
        self.update_next_steps()
        self.refresh()

    def t0(self) -> datetime | None:
        """T0 as set (None until the technician or the nests' earliest date sets it)."""
        value = self.t0_edit.dateTime()
        if value <= T0_UNSET:
            return None
        return value.toPyDateTime().replace(second=0, microsecond=0)

    def names(self):
        from ..processing.outbreak_grade import FieldMap

        return FieldMap(*(self.field_combos[key].currentField() for key in FIELD_KEYS))

    def layer(self, name: str):
        """The case layer ``name`` (nests, admin, villages, crossings, roads) or None."""
        return self.layer_combos[name].currentLayer()

    def barrier_layers(self) -> list:
        return [layer for layer in (self.project.mapLayer(i) for i in self.barriers_combo.checkedItemsData()) if layer]

    def case(self) -> Case:
        """The case as the steps read it."""
        ids = {name: (combo.currentLayer().id() if combo.currentLayer() else "") for name, combo in self.layer_combos.items()}
        grade_text = self.profile.grade_label(self.grade)["zh"] if self.grade else ""
        fields = {role: combo.currentField() for role, combo in self.field_combos.items()}
        fields["nest_village"] = self.nest_village_field()
        gpkg = self.case_gpkg()
        return Case(
            nests=ids["nests"], admin=ids["admin"], villages=ids["villages"], crossings=ids["crossings"],
            roads=ids["roads"], barriers=[layer.id() for layer in self.barrier_layers()],
            fields=fields, grade=self.grade, grade_text=grade_text,
            override=OVERRIDES[self.override_combo.currentIndex()], override_reason=self.reason_edit.text().strip(),
            gpkg=str(gpkg) if gpkg else "",
            remembered={step.key: state.get("remembered", {}) for step in ALL_STEPS if (state := self.step_state(step.key))},
        )

    # ------------------------------------------------------------------ records
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

    def ask_save_or_choose(self, name: str, title: str, text: str, choose_text: str) -> str:
        """Ask to save the unsaved project or to choose a file: "save" (then saved), "choose" or ""."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self)
        box.setObjectName(name)
        save = box.addButton(tr("Save project…"), QMessageBox.ButtonRole.AcceptRole)
        choose = box.addButton(choose_text, QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is save:
            self.save_project()
            return "save"
        return "choose" if box.clickedButton() is choose else ""

    def ask_records_location(self) -> bool:
        """Ask to save the project or choose a records GeoPackage; True when there is one now."""
        answer = self.ask_save_or_choose(
            "rifaRecordsQuestion", tr("Records (chapter 5, section 8)"),
            tr("The plan requires a record of every step (chapter 5, section 8), but this project is not "
               "saved yet. Save the project (the records go beside it) or choose a records GeoPackage."),
            tr("Choose a records file…"),
        )
        if answer == "choose":
            self.choose_records_file()
        self.update_records_label()
        return bool(configured_path(self.project) or default_path(self.project))

    def save_project(self) -> None:
        """QGIS's own "Save project as…" (on the desktop); otherwise a file dialog."""
        if self.iface is not None and hasattr(self.iface, "actionSaveProjectAs"):
            self.iface.actionSaveProjectAs().trigger()
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Save project"), "", tr("QGIS project (*.qgz)"))
        if path:
            self.project.write(path if path.lower().endswith((".qgz", ".qgs")) else path + ".qgz")

    def set_records_file(self, path: str) -> None:
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        set_records_path(self.project, path)
        self.update_records_label()

    def show_records(self) -> None:
        from .records_dialog import RecordsDialog

        log = self.records_log()
        if log is None:
            self.message(tr("No records GeoPackage yet: save the project or choose one."), Qgis.MessageLevel.Warning)
            return
        try:
            RecordsDialog(log, self).exec()
        except RecordsError as error:
            self.message(message_text(error.msg), Qgis.MessageLevel.Critical)

    def export_records(self) -> None:
        from .records_dialog import export_records_csv

        log = self.records_log()
        if log is None:
            self.message(tr("No records GeoPackage yet: save the project or choose one."), Qgis.MessageLevel.Warning)
            return
        export_records_csv(self, log)

    def message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        logger.log({Qgis.MessageLevel.Critical: 40, Qgis.MessageLevel.Warning: 30}.get(level, 20), text)
        if self.iface is not None:
            self.iface.messageBar().pushMessage(tr("Outbreak response"), text, level, 10)

    # ------------------------------------------------------------------ reacting to the user
    def _watch(self, layers) -> None:
        # edits only: dataChanged is also emitted when the canvas refreshes (reloads) a layer
        signals = ("featureAdded", "featureDeleted", "geometryChanged", "attributeValueChanged")
        for layer in self._watched:
            for name in signals:
                try:
                    getattr(layer, name).disconnect(self._layer_edited)
                except (TypeError, RuntimeError):
                    pass
        self._watched = [layer for layer in layers if isinstance(layer, QgsVectorLayer)]
        for layer in self._watched:
            for name in signals:
                getattr(layer, name).connect(self._layer_edited)

    def _watch_case_layers(self) -> None:
        layers = [combo.currentLayer() for combo in self.layer_combos.values()] + self.barrier_layers()
        self._watch([layer for layer in dict.fromkeys(layers) if layer is not None])

    def _layer_edited(self, *args) -> None:
        layer = self.sender()
        if isinstance(layer, QgsVectorLayer):
            self.edits[layer.id()] = self.edits.get(layer.id(), 0) + 1
            self._write("edits", json.dumps(self.edits, sort_keys=True))
        self.schedule_refresh()

    def schedule_refresh(self, *args) -> None:
        self._refresh_timer.start()

    def _fill_barrier_choices(self, *args) -> None:
        """The line and polygon layers of the project, the case's barriers checked."""
        if not hasattr(self, "barriers_combo"):
            return
        stored = self._read_json("barrier_layers", [])
        wanted = set(stored)
        self.barriers_combo.blockSignals(True)
        try:
            self.barriers_combo.clear()
            for layer in self.project.layerTreeRoot().layerOrder() or self.project.mapLayers().values():
                if isinstance(layer, QgsVectorLayer) and layer.geometryType() in (
                    QgsWkbTypes.GeometryType.LineGeometry, QgsWkbTypes.GeometryType.PolygonGeometry
                ):
                    state = Qt.CheckState.Checked if layer.id() in wanted else Qt.CheckState.Unchecked
                    self.barriers_combo.addItemWithCheckState(layer.name(), state, layer.id())
        finally:
            self.barriers_combo.blockSignals(False)

    def set_barriers(self, layers) -> None:
        """Check the barrier layers ``layers`` (the rest unchecked), as the user would."""
        ids = {layer.id() for layer in layers}
        for index in range(self.barriers_combo.count()):
            state = Qt.CheckState.Checked if self.barriers_combo.itemData(index) in ids else Qt.CheckState.Unchecked
            self.barriers_combo.setItemCheckState(index, state)

    def _barriers_changed(self, *args) -> None:
        if self._loading or self.barriers_combo.signalsBlocked():
            return
        checked = self.barriers_combo.checkedItemsData()
        if json.dumps(checked) == self._read("barrier_layers", "[]"):
            return
        self._write("barrier_layers", json.dumps(checked))
        self._watch_case_layers()
        self.update_steps()

    def _update_field_layers(self) -> None:
        for role, combo in self.field_combos.items():
            combo.setLayer(self.layer_combos[FIELD_LAYERS[role]].currentLayer())

    def guess_fields(self, layer_name: str) -> None:
        """Set the field pickers of case layer ``layer_name`` to the fields guessed from names and types."""
        roles = [role for role, owner in FIELD_LAYERS.items() if owner == layer_name]
        fields, keys = layer_fields(self.layer(layer_name))
        guesses = guess_fields(fields, roles, keys)
        for role in roles:
            self.field_combos[role].setField(guesses[role])

    def _layers_changed(self, *args) -> None:
        if self._loading:
            return
        self._update_field_layers()
        for name, combo in self.layer_combos.items():
            layer = combo.currentLayer()
            layer_id = layer.id() if layer else ""
            if layer_id != self._read(f"{name}_layer"):  # a new pick: guess its fields
                self._write(f"{name}_layer", layer_id)
                self._loading = True  # one write of the fields below, not one per guess
                try:
                    self.guess_fields(name)
                finally:
                    self._loading = False
                if name == "nests":
                    self.default_t0()
        self._watch_case_layers()
        self._fields_changed()

    def _fields_changed(self, *args) -> None:
        if self._loading:
            return
        for key, combo in self.field_combos.items():
            self._write("field_" + key, combo.currentField())
        self.schedule_refresh()

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
        return _parse(str(value)) if isinstance(value, str) else None

    def default_t0(self) -> None:
        """T0 not set yet: the earliest report date of the nests, when they have one."""
        if self.t0() is not None:
            return
        earliest = self.earliest_report()
        if earliest is not None:
            self.t0_edit.setDateTime(QDateTime(earliest))

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
            done = item.checkState() == Qt.CheckState.Checked
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

    # ------------------------------------------------------------------ computing and showing
    def refresh(self) -> None:
        """Recompute the grade from the layers and redraw everything."""
        self._refresh_timer.stop()
        self.grade_result, problem, n_unassigned = None, "", 0
        nests, admin = self.nests_combo.currentLayer(), self.admin_combo.currentLayer()
        missing = [role for role in ("county_code", "county_name") if not self.field_combos[role].currentField()]
        if nests is None or admin is None:
            problem = tr("Choose the nests layer and the county-level units layer.")
        elif missing:
            what = {"county_code": tr("County code (adcode)"), "county_name": tr("County name")}
            problem = tr("Choose the field '{field}' of layer '{layer}': none of its fields ({fields}) looks like one.").format(
                field=what[missing[0]], layer=admin.name(), fields=tr(", ").join(admin.fields().names())
            )
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
        self.update_steps()

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
        self.badge.setText(self.profile.grade_label(grade)[self.lang] if grade else tr("No grade"))
        self.rule_label.setText(result.rule_text(self.lang))
        self.counts_label.setText(
            tr("{counties} county-level unit(s) in {cities} city(ies); profile {profile}").format(
                counties=result.n_counties, cities=result.n_cities, profile=self.profile.display_label(self.lang)
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
        unset = t0 is None  # deadlines unknown: the rules are shown, nothing is overdue
        if unset:
            t0 = now
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
                overdue = is_overdue(entry, done_at, now, t0) and not unset
                overdue_count += overdue
                check = QTableWidgetItem()
                check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                check.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
                title = QTableWidgetItem(entry.text("title", lang))
                title.setToolTip(f"{entry.title['zh']}\n{entry.title['en']}\n{entry.citation}")
                responsible = QTableWidgetItem(entry.text("responsible", lang))
                if entry.due is None or unset:
                    due_text = entry.text("due_text", lang)
                elif entry.recurring:
                    due_text = tr("next {time} ({rule})").format(time=_show(entry.due), rule=entry.text("due_text", lang))
                else:
                    due_text = _show(entry.due)
                due = QTableWidgetItem(due_text)
                due.setToolTip(entry.text("due_text", lang))
                done_item = QTableWidgetItem(_show(done_at))
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
                    due.setForeground(QBrush(QColor("#b71c1c")))
                    due.setToolTip(tr("Overdue — {rule}").format(rule=entry.text("due_text", lang)))
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

    # ------------------------------------------------------------------ steps
    def update_next_steps(self, *args) -> None:
        """Enable the step buttons whose algorithm is registered (the provider may load later)."""
        registry = QgsApplication.processingRegistry()
        for step in ALL_STEPS:
            available = registry.algorithmById(step.algorithm) is not None
            problem = step.problem() if available and step.problem else None  # e.g. python-docx missing
            button = self.step_buttons[step.key]
            button.setEnabled(available and not problem)
            button.setToolTip(
                problem or step.algorithm if available
                else tr("{id} is not available yet in this version of the plugin.").format(id=step.algorithm)
            )
        self.update_steps()

    def step_state(self, key: str) -> dict:
        """The last run of step ``key``: time, signature, output layers and sources, remembered values."""
        return self._read_json(f"step_{key}", {})

    def step_output(self, key: str, parameter: str) -> str:
        """Output ``parameter`` of the last run of step ``key``: its layer in the project (id), else its source."""
        state = self.step_state(key)
        layer_id = state.get("layers", {}).get(parameter, "")
        if layer_id and self.project.mapLayer(layer_id) is not None:
            return layer_id
        return state.get("sources", {}).get(parameter, "")

    def case_gpkg(self) -> Path | None:
        """Where the steps write: the GeoPackage chosen for the case, else ``<project>_rifa_case.gpkg``."""
        chosen = self._read("case_gpkg")
        return Path(chosen) if chosen else case_gpkg_path(self.project.fileName())

    def step_inputs(self, key: str) -> dict:
        """The input parameters of step ``key`` known from the case and the previous steps (empty ones left out)."""
        step = STEP_BY_KEY[key]
        values = step.inputs(self.case(), self.step_output)
        return {name: value for name, value in values.items() if value not in ("", None, [])}

    def step_parameters(self, key: str) -> dict:
        """Every parameter the dock fills for step ``key``: inputs, remembered choices, output destinations."""
        step = STEP_BY_KEY[key]
        parameters = dict(self.step_state(key).get("remembered", {}))
        parameters.update(self.step_inputs(key))
        gpkg = self.case_gpkg()
        if gpkg is not None:
            parameters.update(output_values(step, gpkg))
        return parameters

    def step_signature(self, key: str) -> str:
        step = STEP_BY_KEY[key]
        inputs = {name: value for name, value in self.step_inputs(key).items() if name not in step.unsigned}
        layer_ids = [value for value in inputs.values() if isinstance(value, str) and self.project.mapLayer(value)]
        layer_ids += [v for value in inputs.values() if isinstance(value, list) for v in value]
        upstream = {other: self.step_state(other).get("time", "") for other in step.reads}
        return signature(inputs, upstream, {i: self.edits.get(i, 0) for i in sorted(set(layer_ids))})

    def step_status(self, key: str) -> str:
        """"missing" (a step it reads has not run), "new" (never run), "stale" or "done"."""
        step = STEP_BY_KEY[key]
        if any(not self.step_state(other) for other in step.reads):
            return "missing"
        state = self.step_state(key)
        if not state:
            return "new"
        return "done" if state.get("signature") == self.step_signature(key) else "stale"

    def update_steps(self) -> None:
        if not hasattr(self, "step_labels"):
            return
        for step in ALL_STEPS:
            status, state = self.step_status(step.key), self.step_state(step.key)
            label = self.step_labels[step.key]
            if status == "missing":
                needed = [tr(STEP_BY_KEY[other].text).rstrip("…") for other in step.reads if not self.step_state(other)]
                text, colour = tr("run {steps} first").format(steps=tr(", ").join(needed)), "#616161"
            elif status == "new":
                text, colour = tr("not run yet"), "#616161"
            elif status == "stale":
                text = tr("stale: its inputs changed since the run of {time}; run it again").format(time=state.get("time", ""))
                colour = STALE_COLOUR
            else:
                text, colour = tr("done {time}: {summary}").format(time=state.get("time", ""), summary=state.get("summary", "")), "#2e7d32"
            label.setText(text)
            label.setStyleSheet(f"color: {colour};")
            label.setProperty("status", status)
        gpkg = self.case_gpkg()
        self.case_label.setText(
            tr("Case GeoPackage: {path}").format(path=gpkg) if gpkg
            else tr("Save the project first: the steps write their layers into a GeoPackage beside it.")
        )
        self.update_case_life()

    def ensure_case_gpkg(self) -> Path | None:
        """The case GeoPackage; an unsaved project is first saved (or a GeoPackage chosen) on request."""
        if self.case_gpkg() is None:
            answer = self.ask_save_or_choose(
                "rifaCaseQuestion", tr("Outbreak case"),
                tr("The steps write their layers into a GeoPackage beside the project, and this project "
                   "is not saved yet. Save the project, or choose the case GeoPackage."),
                tr("Choose a GeoPackage…"),
            )
            if answer == "choose":
                path, _ = QFileDialog.getSaveFileName(self, tr("Case GeoPackage"), "", tr("GeoPackage (*.gpkg)"),
                                                      options=QFileDialog.Option.DontConfirmOverwrite)
                if path:
                    self._write("case_gpkg", path if path.lower().endswith(".gpkg") else path + ".gpkg")
            self.update_steps()
        return self.case_gpkg()

    def open_step(self, key: str):
        """Open the algorithm of step ``key`` with every parameter filled; returns the dialog (or None)."""
        step = STEP_BY_KEY[key]
        if QgsApplication.processingRegistry().algorithmById(step.algorithm) is None:
            self.message(tr("{id} is not available yet in this version of the plugin.").format(id=step.algorithm), Qgis.MessageLevel.Warning)
            return None
        if self.ensure_case_gpkg() is None:
            return None
        self.records_log(configure=True)  # the run is recorded beside the project (第五章 八)
        import processing

        old = self.dialogs.pop(key, None)
        if old is not None:
            old.close()
        dialog = processing.createAlgorithmDialog(step.algorithm, self.step_parameters(key))
        if dialog is None:
            return None
        dialog.setObjectName(f"rifaStepDialog_{key}")
        before = set(self.project.mapLayers())
        dialog.algorithmFinished.connect(
            lambda ok, results, key=key, dialog=dialog, before=before: self._step_finished(key, dialog, ok, results, before)
        )
        self.dialogs[key] = dialog
        screen = dialog.screen().availableGeometry() if hasattr(dialog, "screen") else None
        if screen is not None:  # long labels readable, and still inside a 1366×768 screen
            dialog.resize(min(900, screen.width() - 40), min(820, screen.height() - 60))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def output_layers(self, gpkg: Path, table: str) -> list:
        """The project's layers showing layer ``table`` of ``gpkg``."""
        found = []
        for layer in self.project.mapLayers().values():
            if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
                continue
            parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
            if Path(parts.get("path", "")).resolve() == gpkg.resolve() and parts.get("layerName") == table:
                found.append(layer)
        return found

    def _step_finished(self, key: str, dialog, ok: bool, results: dict, before: set) -> None:
        if not ok:
            return  # the dialog stays open on its log
        try:
            self.step_done(key, results, dialog.createProcessingParameters(), before)
        except Exception as error:  # noqa: BLE001 - an exception in a Qt slot would abort QGIS
            logger.exception("after %s", key)
            self.message(str(error), Qgis.MessageLevel.Critical)
        self.dialogs.pop(key, None)
        dialog.close()

    def step_done(self, key: str, results: dict, parameters: dict, before: set) -> str:
        """After a successful run of step ``key``: its layers replace the previous run's, styled and
        named, the map zooms to them, the run is stored and the message bar says what came out."""
        from ..processing import styles

        step = STEP_BY_KEY[key]
        gpkg = self.case_gpkg()
        state = {"time": self.clock().strftime(TIME_FORMAT), "signature": self.step_signature(key),
                 "layers": {}, "sources": {}}
        parts, new_layers = [], []
        for output in step.outputs:
            if output.file:
                state["sources"][output.parameter] = str(results.get(output.parameter) or "")
                continue
            layers = self.output_layers(gpkg, output.table)
            fresh = [layer for layer in layers if layer.id() not in before]
            stale = [layer for layer in layers if layer.id() in before]
            self.project.removeMapLayers([layer.id() for layer in stale])  # the previous run's
            if not fresh:  # not loaded (the dialog's "open output file" unticked): add it ourselves
                layer = QgsVectorLayer(f"{gpkg}|layername={output.table}", output.table, "ogr")
                if not layer.isValid():
                    continue
                self.project.addMapLayer(layer)
                fresh = [layer]
            layer = fresh[0]
            layer.setName(tr(OUTPUT_NAMES.get(output.table, output.table)))
            if output.style == "checkpoints":
                styles.style_checkpoints(layer)
            elif output.style == "quarantine":
                styles.label_quarantine_zones(layer, tr("Quarantine zone {id}"))
            styles.translate_rule_labels(layer)
            layer.triggerRepaint()
            state["layers"][output.parameter] = layer.id()
            state["sources"][output.parameter] = f"{gpkg}|layername={output.table}"
            new_layers.append(layer)
            parts.append(tr("{layer} ({count})").format(layer=layer.name(), count=layer.featureCount()))
        state["remembered"] = {name: value for name, value in parameters.items()  # kept as JSON: no NULL QVariant
                               if name in step.remember and isinstance(value, (str, int, float, bool, list))}
        if key == "map":
            pdf = state["sources"].get(step.outputs[0].parameter, "")
            layout_name = self.add_map_layout(parameters)
            text = tr("Lockdown map written: {path} ({pages} page(s)); print layout '{layout}' in the project.").format(
                path=Path(pdf).name, pages=results.get("PAGES", "?"), layout=layout_name
            ) if layout_name else tr("Lockdown map written: {path} ({pages} page(s)).").format(
                path=Path(pdf).name, pages=results.get("PAGES", "?"))
            state["summary"] = Path(pdf).name
            self._write(f"step_{key}", json.dumps(state, ensure_ascii=False, sort_keys=True))
            self.show_result(text, pdf)
        elif key in CASE_LIFE_STEPS:
            text = self.case_step_done(step, state, results, parameters, parts, new_layers)
        else:
            state["summary"] = tr(", ").join(parts)
            self._write(f"step_{key}", json.dumps(state, ensure_ascii=False, sort_keys=True))
            self.zoom_to(new_layers)
            text = tr("{step}: {layers} in {path}.").format(step=tr(step.text).rstrip("…"), layers=state["summary"], path=gpkg.name)
            self.show_result(text)
        self.update_records_label()
        self.show_zones()
        self.update_steps()
        return text

    def add_map_layout(self, parameters: dict) -> str:
        """The lockdown map as a print layout of the project (filled from the same template); its name."""
        from .map_layout import add_lockdown_layout

        try:
            return add_lockdown_layout(self.project, parameters)
        except Exception:  # noqa: BLE001 - the PDF is written; the layout is a convenience
            logger.exception("Cannot add the lockdown map's print layout to the project")
            return ""

    def zoom_to(self, layers) -> None:
        if self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        extent = compat.null_rectangle()
        for layer in layers:
            if layer.isSpatial() and layer.featureCount() > 0:
                transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), self.project)
                extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
        if not extent.isEmpty() and extent.isFinite():
            extent.scale(1.1)
            canvas.setExtent(extent)
            canvas.refresh()

    def show_result(self, text: str, pdf: str = "", open_text: str = "") -> None:
        """The message bar says what came out, with a button opening the file ``pdf`` ("Open PDF"
        for the map, ``open_text`` for another file)."""
        self.last_message = text
        logger.info("%s (%s)", text, pdf or self.case_gpkg())
        if self.iface is None:
            return
        bar = self.iface.messageBar()
        item = bar.createMessage(tr("Outbreak response"), text)
        if pdf:
            button = QPushButton(open_text or tr("Open PDF"))
            button.setObjectName("rifaOpenPdf")
            button.clicked.connect(lambda _checked=False, pdf=pdf: QDesktopServices.openUrl(QUrl.fromLocalFile(pdf)))
            item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Success, 0 if pdf else 15)

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
