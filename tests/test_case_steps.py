"""The outbreak case in the dock on the sample data: fields guessed, each step's dialog filled from
the case and the previous steps, outputs into the case GeoPackage, the map as a print layout."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemManualTable,
    QgsLayoutItemMap,
    QgsProcessingContext,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsBrowserGuiModel, QgsDoubleSpinBox
from qgis.PyQt.QtTest import QTest
from rifa_test_utils import cancel_the_next_question

from rifa_zoning.tools.records import RecordsLog

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample_data" / "putian_sample.gpkg"
SAMPLE_LAYERS = ("nests", "counties", "villages", "rivers", "ridges", "bridges", "roads")


@pytest.fixture
def sample_project(tmp_path, qgis_new_project):
    project = QgsProject.instance()
    data = tmp_path / "data" / "putian_sample.gpkg"  # a copy: QGIS may touch a GeoPackage it opens
    data.parent.mkdir()
    shutil.copy(SAMPLE, data)
    layers = {}
    for name in SAMPLE_LAYERS:
        layer = QgsVectorLayer(f"{data}|layername={name}", name, "ogr")
        assert layer.isValid(), name
        layers[name] = layer
    project.addMapLayers(list(layers.values()))
    assert project.write(str(tmp_path / "outbreak.qgz"))
    return project, layers


@pytest.fixture
def case_dock(qgis_iface, qgis_processing, rifa_provider, sample_project):
    from rifa_zoning.dialogs.response_dock import ResponseDock

    browser_model = QgsBrowserGuiModel()  # the Processing dialog needs one; pytest-qgis's interface has none
    qgis_iface.browserModel = lambda: browser_model
    dock = ResponseDock(qgis_iface)
    dock.lang = "en"
    yield dock
    dock.cleanup()
    dock.deleteLater()


def pick_case(dock, layers):
    dock.nests_combo.setLayer(layers["nests"])
    dock.admin_combo.setLayer(layers["counties"])
    dock.villages_combo.setLayer(layers["villages"])
    dock.crossings_combo.setLayer(layers["bridges"])
    dock.roads_combo.setLayer(layers["roads"])
    dock.set_barriers([layers["rivers"], layers["ridges"]])
    dock.refresh()


def run_dialog(dialog, timeout_ms=120_000):
    """Press Run as the user would and wait for the end of the run (in a background task or not)."""
    finished = []
    dialog.algorithmFinished.connect(lambda ok, results: finished.append(ok))
    dialog.runAlgorithm()
    waited = 0
    while not finished and waited < timeout_ms:
        QTest.qWait(100)
        waited += 100
    assert finished == [True]


def test_fields_are_guessed_from_names_never_fid(case_dock, sample_project):
    _, layers = sample_project
    pick_case(case_dock, layers)
    chosen = {role: combo.currentField() for role, combo in case_dock.field_combos.items()}
    assert chosen == {
        "county_code": "county_code", "county_name": "county_name", "city_code": "city_code",
        "city_name": "city_name", "province": "province", "date": "found_on", "village_name": "name",
        "road_name": "name", "road_class": "class",
    }
    assert case_dock.badge.text() == "Grade II"
    assert not case_dock.problem_label.isVisible() or not case_dock.problem_label.text()
    assert case_dock.t0() is not None  # the earliest report date of the nests
    # a wrong field is easy to see: the message names it
    case_dock.field_combos["county_code"].setField("")
    case_dock.refresh()
    assert "County code (adcode)" in case_dock.problem_label.text() and "counties" in case_dock.problem_label.text()


def test_every_step_opens_filled_and_runs_into_the_case_geopackage(case_dock, sample_project, tmp_path, qgis_iface):
    from rifa_zoning.processing.checkpoints import CheckpointsAlgorithm
    from rifa_zoning.processing.delineate_zones import DelineateZonesAlgorithm
    from rifa_zoning.processing.lockdown_map import LockdownMapAlgorithm

    project, layers = sample_project
    pick_case(case_dock, layers)
    gpkg = tmp_path / "outbreak_rifa_case.gpkg"
    assert case_dock.case_gpkg() == gpkg
    assert [case_dock.step_status(key) for key in ("zoning", "grade", "checkpoints", "affected", "map")] == [
        "new", "new", "missing", "missing", "missing"]

    dialog = case_dock.open_step("zoning")
    values = dialog.createProcessingParameters()
    assert values[DelineateZonesAlgorithm.NESTS] == layers["nests"].id()
    assert values[DelineateZonesAlgorithm.VILLAGES] == layers["villages"].id()
    assert values[DelineateZonesAlgorithm.VILLAGE_NAME_FIELD] == "name"
    assert values[DelineateZonesAlgorithm.DATE_FIELD] == "found_on"
    assert sorted(values["BARRIERS"]) == sorted([layers["rivers"].source(), layers["ridges"].source()])
    assert values["CROSSINGS"] == layers["bridges"].id()
    assert f"dbname='{gpkg}'" in str(values[DelineateZonesAlgorithm.QUARANTINE_ZONES].sink.staticValue())
    shown = sorted(spin.text() for spin in dialog.findChildren(QgsDoubleSpinBox) if spin.value() in (3000, 5000, 10000))
    assert shown == ["10000", "3000", "5000"]  # whole metres, not "5000.000000"
    run_dialog(dialog)
    names = sorted(layer.name() for layer in case_dock.output_layers(gpkg, "quarantine_zones"))
    assert names == ["Quarantine zones"]
    assert "Quarantine zones (1)" in case_dock.last_message and gpkg.name in case_dock.last_message
    assert case_dock.step_status("zoning") == "done"
    # the run is in the records beside the project, as the plan asks (第五章 八)
    records = RecordsLog(tmp_path / "outbreak_rifa_records.gpkg").records()
    assert [r["action"] for r in records if r["action"].startswith("rifa:")] == ["rifa:delineatezones"]
    quarantine = case_dock.output_layers(gpkg, "quarantine_zones")[0]
    assert quarantine.labelsEnabled()

    dialog = case_dock.open_step("checkpoints")
    values = dialog.createProcessingParameters()
    assert values[CheckpointsAlgorithm.ZONES] == quarantine.id()
    assert values[CheckpointsAlgorithm.ROADS] == layers["roads"].id()
    assert (values[CheckpointsAlgorithm.ROAD_NAME_FIELD], values[CheckpointsAlgorithm.ROAD_CLASS_FIELD]) == ("name", "class")
    run_dialog(dialog)
    (checkpoints,) = case_dock.output_layers(gpkg, "checkpoints")
    assert checkpoints.featureCount() == 9 and checkpoints.labelsEnabled()
    assert checkpoints.labeling().settings().fieldName == "checkpoint_id"

    for key in ("grade", "affected"):
        run_dialog(case_dock.open_step(key))
    assert case_dock.output_layers(gpkg, "affected_units")[0].featureCount() > 0

    dialog = case_dock.open_step("map")
    values = dialog.createProcessingParameters()
    assert values[LockdownMapAlgorithm.QUARANTINE] == quarantine.id()
    assert values[LockdownMapAlgorithm.CHECKPOINTS] == checkpoints.id()
    assert values[LockdownMapAlgorithm.UNIT_ID_FIELD] == "county_code"
    assert values[LockdownMapAlgorithm.GRADE] == "二级"
    assert sorted(values[LockdownMapAlgorithm.BARRIERS]) == sorted([layers["rivers"].source(), layers["ridges"].source()])
    assert values[LockdownMapAlgorithm.OUTPUT] == str(tmp_path / "outbreak_lockdown_map.pdf")
    wrappers = dialog.mainWidget().wrappers  # typed by hand: what only the technician knows
    wrappers[LockdownMapAlgorithm.ORDER_NUMBER].setParameterValue("莆政封〔2025〕1号", QgsProcessingContext())
    run_dialog(dialog)
    assert (tmp_path / "outbreak_lockdown_map.pdf").stat().st_size > 10_000
    assert "Lockdown map written" in case_dock.last_message
    layout = project.layoutManager().layoutByName("Lockdown map")
    assert layout is not None
    (map_item,) = [item for item in layout.items() if isinstance(item, QgsLayoutItemMap)]
    assert quarantine.id() in [layer.id() for layer in map_item.layers()]
    assert checkpoints.id() in [layer.id() for layer in map_item.layers()]
    # the layout is the project's: it survives saving and reopening, filled as printed
    assert project.write()
    assert project.read(project.fileName())
    layout = project.layoutManager().layoutByName("Lockdown map")
    (map_item,) = [item for item in layout.items() if isinstance(item, QgsLayoutItemMap)]
    assert "Quarantine zones" in [layer.name() for layer in map_item.layers()]
    labels = [item.currentText() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)]
    assert any("莆政封〔2025〕1号" in text for text in labels), labels
    tables = [frame.multiFrame() for frame in layout.items() if isinstance(frame, QgsLayoutFrame)]
    (legend,) = [item for item in layout.items() if isinstance(item, QgsLayoutItemLegend)]
    titles = [node.customProperty("legend/title-label") for node in legend.model().rootGroup().findLayers()]
    assert {"道路出入口检查站", "疫区", "受威胁区", "发生区"} <= set(titles), titles  # as on the (Chinese) sheet
    # the tables keep their rows in the project file (manual tables: a text table's rows are not saved)
    assert sorted(len(t.contents()) for t in set(tables) if isinstance(t, QgsLayoutItemManualTable))[0] == 9
    if "RIFA_LAYOUT_PNG" in os.environ:  # to look at it
        QgsLayoutExporter(layout).exportToImage(os.environ["RIFA_LAYOUT_PNG"], QgsLayoutExporter.ImageExportSettings())
    # the dialog offers the typed number again next time
    assert case_dock.step_parameters("map")[LockdownMapAlgorithm.ORDER_NUMBER] == "莆政封〔2025〕1号"
    layers = {layer.name(): layer for layer in project.mapLayers().values()}

    # the case's roads change: checkpoints and map go stale, the zones do not
    layers["roads"].startEditing()
    feature = next(layers["roads"].getFeatures())
    layers["roads"].changeAttributeValue(feature.id(), layers["roads"].fields().indexOf("name"), "新路")
    layers["roads"].rollBack()
    assert case_dock.step_status("zoning") == "done"
    assert case_dock.step_status("checkpoints") == "stale"
    case_dock.update_steps()
    assert case_dock.step_labels["checkpoints"].property("status") == "stale"
    assert case_dock.step_labels["checkpoints"].text().startswith("stale: its inputs changed")


def test_a_step_in_an_unsaved_project_asks_where_to_write(case_dock, sample_project, qgis_iface):
    project, layers = sample_project
    project.setFileName("")
    pick_case(case_dock, layers)
    asked = cancel_the_next_question()
    assert case_dock.open_step("zoning") is None
    assert asked == ["rifaCaseQuestion"]
    assert "Save the project first" in case_dock.case_label.text()
