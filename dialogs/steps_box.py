"""The dock's group box "Steps": one button per step of the outbreak case and its status line;
opening a step's algorithm with every parameter filled, and loading what it wrote.

The steps themselves (their algorithms, how their parameters are filled, where their outputs go)
are defined in ``dialogs/steps.py``. Here: a step's state is kept in the project (its run time,
signature, output layers and the values typed in its dialog), so it is "done", "stale" (its inputs
changed since the run), "new" or "missing" (a step it reads has not run); after a run its layers
replace the previous run's, styled and named, the map zooms to them and the message bar says what
came out. The steps of the case after the first day (``dialogs/case_life.py``) run the same way.

A mixin of :class:`~.response_dock.ResponseDock`: it uses the dock's project state and case.
"""

from __future__ import annotations

import json
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsCoordinateTransform, QgsProviderRegistry, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QFileDialog, QGridLayout, QGroupBox, QLabel, QPushButton

from ..core.errors import QT_TRANSLATE_NOOP
from ..processing import compat
from ..processing.lockdown_map import LockdownMapAlgorithm as LockdownMap
from ..tools.i18n import tr
from ..tools.log import logger
from .case_life import STEP_KEYS as CASE_LIFE_STEPS
from .checklist_box import TIME_FORMAT
from .steps import ALL_STEPS, STEP_BY_KEY, STEPS, case_gpkg_path, output_values, signature

STALE_COLOUR = "#e65100"
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
# zone kind -> the table of its layer
ZONE_TABLES = {"occurrence": "occurrence_areas", "quarantine": "quarantine_zones", "threatened": "threatened_zones"}


class StepsBoxMixin:
    """The group box "Steps" of the dock, and running every step of the case."""

    def _build_steps(self) -> QGroupBox:
        steps_box = self._box(tr("Steps (outputs go to the case GeoPackage beside the project)"))
        self.step_buttons: dict[str, QPushButton] = {}
        self.step_labels: dict[str, QLabel] = {}
        steps_layout = self._step_grid(STEPS)
        steps_box.layout().addLayout(steps_layout)
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        steps_layout.addWidget(self.case_label, len(STEPS), 0, 1, 2)
        return steps_box

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
            self.ask_save_or_choose(
                "rifaCaseQuestion", tr("Outbreak case"),
                tr("The steps write their layers into a GeoPackage beside the project, and this project "
                   "is not saved yet. Save the project, or choose the case GeoPackage."),
                tr("Choose a GeoPackage…"), self.choose_case_gpkg,
            )
            self.update_steps()
        return self.case_gpkg()

    def choose_case_gpkg(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Case GeoPackage"), "", tr("GeoPackage (*.gpkg)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self._write("case_gpkg", path if path.lower().endswith(".gpkg") else path + ".gpkg")

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
        step = STEP_BY_KEY[key]
        gpkg = self.case_gpkg()
        state = {"time": self.clock().strftime(TIME_FORMAT), "signature": self.step_signature(key),
                 "layers": {}, "sources": {}}
        parts, new_layers = [], []
        for output in step.outputs:
            if output.file:
                state["sources"][output.parameter] = str(results.get(output.parameter) or "")
                continue
            layer = self._load_output(gpkg, output, before)
            if layer is None:
                continue
            state["layers"][output.parameter] = layer.id()
            state["sources"][output.parameter] = f"{gpkg}|layername={output.table}"
            new_layers.append(layer)
            parts.append(tr("{layer} ({count})").format(layer=layer.name(), count=layer.featureCount()))
        state["remembered"] = {name: value for name, value in parameters.items()  # kept as JSON: no NULL QVariant
                               if name in step.remember and isinstance(value, (str, int, float, bool, list))}
        if key == "map":
            text = self._map_done(step, state, results, parameters)
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

    def _load_output(self, gpkg: Path, output, before: set):
        """The layer of ``output`` in the project, the previous run's removed, named and styled; None
        when the run wrote no such table."""
        from ..processing import styles

        layers = self.output_layers(gpkg, output.table)
        fresh = [layer for layer in layers if layer.id() not in before]
        stale = [layer for layer in layers if layer.id() in before]
        self.project.removeMapLayers([layer.id() for layer in stale])  # the previous run's
        if not fresh:  # not loaded (the dialog's "open output file" unticked): add it ourselves
            layer = QgsVectorLayer(f"{gpkg}|layername={output.table}", output.table, "ogr")
            if not layer.isValid():
                return None
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
        return layer

    def _map_done(self, step, state: dict, results: dict, parameters: dict) -> str:
        """After a run of the map: the print layout added to the project, the PDF offered."""
        pdf = state["sources"].get(step.outputs[0].parameter, "")
        layout_name = self.add_map_layout(parameters)
        pages = results.get(LockdownMap.PAGES, "?")
        text = tr("Lockdown map written: {path} ({pages} page(s)); print layout '{layout}' in the project.").format(
            path=Path(pdf).name, pages=pages, layout=layout_name
        ) if layout_name else tr("Lockdown map written: {path} ({pages} page(s)).").format(
            path=Path(pdf).name, pages=pages)
        state["summary"] = Path(pdf).name
        self._write(f"step_{step.key}", json.dumps(state, ensure_ascii=False, sort_keys=True))
        self.show_result(text, pdf)
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
