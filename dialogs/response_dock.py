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
from datetime import datetime

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsCheckableComboBox, QgsDockWidget, QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDateTime, Qt, QTimer
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.fields import guess_fields
from ..core.profile import load_profile
from ..processing import compat
from ..tools.i18n import tr, user_locale
from ..tools.log import logger
from .case_life import CaseLifeMixin
from .checklist_box import T0_UNSET, ChecklistBoxMixin, parse_time
from .grade_box import FIELD_KEYS, OVERRIDES, GradeBoxMixin
from .records_box import RecordsBoxMixin
from .steps import ALL_STEPS, Case
from .steps_box import StepsBoxMixin

SCOPE = "rifa_zoning"
KEY = "response/"
# every field picker: role -> the case layer it belongs to
FIELD_LAYERS = {**{key: "admin" for key in FIELD_KEYS}, "date": "nests", "village_name": "villages",
                "road_name": "roads", "road_class": "roads"}
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



class ResponseDock(CaseLifeMixin, StepsBoxMixin, GradeBoxMixin, ChecklistBoxMixin, RecordsBoxMixin, QgsDockWidget):
    """The dock; each group box is a mixin of its own module (``grade_box``, ``steps_box``,
    ``case_life``, ``checklist_box``, ``records_box``). Here: the case's layers and fields, the
    project state and the reactions to the user's picks."""
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
    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self._build_layers())
        layout.addWidget(self._build_grade())
        layout.addWidget(self._build_steps())
        layout.addWidget(self._build_case_life())
        layout.addWidget(self._build_checklist())
        layout.addWidget(self._build_records())
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # everything wraps to the dock's width
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.setMinimumWidth(360)

    def _build_layers(self) -> QGroupBox:
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
        return layers

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
            t0 = parse_time(self._read("t0"))
            self.t0_edit.setDateTime(QDateTime(t0) if t0 else T0_UNSET)
            self.state = self._read_json("checklist", {})
            self.edits = self._read_json("edits", {})
        finally:
            self._loading = False
        self._watch_case_layers()
        self.update_records_label()
        self.update_next_steps()
        self.refresh()

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

    def nest_village_field(self) -> str:
        """The nests' field naming their village (guessed as the villages' name field is), or ""."""
        fields, keys = layer_fields(self.layer("nests"))
        return guess_fields(fields, ["village_name"], keys)["village_name"] if fields else ""

    def ask_save_or_choose(self, name: str, title: str, text: str, choose_text: str, choose) -> str:
        """Ask to save the unsaved project or to choose a file (then ``choose()`` asks which):
        "save" (then saved), "choose" or ""."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self)
        box.setObjectName(name)
        save = box.addButton(tr("Save project…"), QMessageBox.ButtonRole.AcceptRole)
        choose_button = box.addButton(choose_text, QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is save:
            self.save_project()
            return "save"
        if box.clickedButton() is choose_button:
            choose()
            return "choose"
        return ""

    def save_project(self) -> None:
        """QGIS's own "Save project as…" (on the desktop); otherwise a file dialog."""
        if self.iface is not None and hasattr(self.iface, "actionSaveProjectAs"):
            self.iface.actionSaveProjectAs().trigger()
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Save project"), "", tr("QGIS project (*.qgz)"))
        if path:
            self.project.write(path if path.lower().endswith((".qgz", ".qgs")) else path + ".qgz")

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

