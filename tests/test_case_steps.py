"""The outbreak case in the dock on the sample data: fields guessed, each step's dialog filled from
the case and the previous steps, outputs into the case GeoPackage, the map as a print layout."""

from __future__ import annotations

import os
import shutil

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
from rifa_test_utils import SAMPLE_GPKG as SAMPLE
from rifa_test_utils import cancel_the_next_question

from rifa_zoning.tools.records import RecordsLog

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
    if finished != [True]:  # the dialog's log says why
        from qgis.PyQt.QtWidgets import QTextEdit

        logs = [browser.toPlainText()[-2000:] for browser in dialog.findChildren(QTextEdit)][1:]
        bar = [item.text() for item in dialog.messageBar().items()]
        pytest.fail(f"the run failed: {bar} {logs}")


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
    check_order_step(case_dock, layers, tmp_path, qgis_iface)

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


def check_order_step(case_dock, layers, tmp_path, qgis_iface):
    """The order's button (after the map): everything filled from the case, the map step's typed
    number and its PDF; the .docx beside the project, and the message bar opens it."""
    import docx
    from qgis.PyQt.QtWidgets import QPushButton

    from rifa_zoning.processing.lockdown_order import LockdownOrderAlgorithm as Order

    assert case_dock.step_status("order") == "new"
    assert case_dock.step_buttons["order"].isEnabled()
    dialog = case_dock.open_step("order")
    values = dialog.createProcessingParameters()
    assert values[Order.QUARANTINE] == layers["Quarantine zones"].id()
    assert values[Order.THREATENED] == layers["Threatened zones"].id()
    assert values[Order.CHECKPOINTS] == layers["Checkpoints"].id()
    assert (values[Order.UNITS], values[Order.ROADS], values[Order.VILLAGES]) == (
        layers["counties"].id(), layers["roads"].id(), layers["villages"].id())
    assert sorted(values[Order.BARRIERS]) == sorted([layers["rivers"].source(), layers["ridges"].source()])
    assert values[Order.GRADE] == 2  # the dock's grade (二级)
    assert values[Order.MAP] == str(tmp_path / "outbreak_lockdown_map.pdf")
    assert values[Order.ORDER_NUMBER] == "莆政封〔2025〕1号"  # typed once, in the map's dialog
    assert values[Order.OUTPUT] == str(tmp_path / "outbreak_lockdown_order.docx")
    qgis_iface.messageBar().clearWidgets()
    run_dialog(dialog)
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(tmp_path / "outbreak_lockdown_order.docx")).paragraphs)
    assert "莆政封〔2025〕1号" in text and "东至" in text
    assert case_dock.last_message == "Lockdown order written: outbreak_lockdown_order.docx."
    assert case_dock.step_status("order") == "done"
    buttons = [b.text() for item in qgis_iface.messageBar().items() for b in item.findChildren(QPushButton)]
    assert "Open document" in buttons


def set_value(dialog, name, value):
    """Type a value in the dialog as the technician would (what the case cannot know)."""
    dialog.mainWidget().wrappers[name].setParameterValue(value, QgsProcessingContext())


def test_the_case_after_the_first_day_from_the_dock(case_dock, sample_project, tmp_path, qgis_iface):
    """Declare, revise after a new nest, lifting status, survey plan and weekly report from the
    dock's buttons, each dialog filled from the case; the timeline shows the case's life."""
    import docx
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
    from qgis.PyQt.QtCore import QDate

    from rifa_zoning.processing.declare_zones import DeclareZonesAlgorithm as Declare
    from rifa_zoning.processing.lifting_status import LiftingStatusAlgorithm as Lifting
    from rifa_zoning.processing.period_report import PeriodReportAlgorithm as Report
    from rifa_zoning.processing.survey_plan import SurveyPlanAlgorithm as Survey

    project, layers = sample_project
    pick_case(case_dock, layers)
    gpkg = tmp_path / "outbreak_rifa_case.gpkg"
    assert [case_dock.step_status(key) for key in ("declare", "lifting", "survey", "report")] == ["missing"] * 4
    assert case_dock.step_labels["lifting"].text() == "run Declare zones first"
    # before any declaration: the reports the checklist asks for (T0 from the nests' dates)
    assert [row[2] for row in case_dock.timeline_rows()] == ["Weekly report due", "Monthly report due"]
    run_dialog(case_dock.open_step("zoning"))
    zones = {name: case_dock.output_layers(gpkg, name)[0] for name in ("quarantine_zones", "threatened_zones", "occurrence_areas")}

    dialog = case_dock.open_step("map")  # the order's number and date, typed once for the map
    set_value(dialog, "ORDER_NUMBER", "莆政封〔2025〕1号")
    set_value(dialog, "ISSUE_DATE", "2025-04-12")
    run_dialog(dialog)

    dialog = case_dock.open_step("declare")
    values = dialog.createProcessingParameters()
    assert values[Declare.CASE] == str(gpkg)
    assert values[Declare.QUARANTINE] == zones["quarantine_zones"].id()
    assert values[Declare.THREATENED] == zones["threatened_zones"].id()
    assert values[Declare.OCCURRENCE] == zones["occurrence_areas"].id()
    assert values[Declare.ORDER_NUMBER] == "莆政封〔2025〕1号"
    assert values[Declare.DECLARED_ON] == QDate(2025, 4, 12)
    run_dialog(dialog)
    assert case_dock.last_message == "Zones declared in outbreak_rifa_case.gpkg: 4 new, 0 revised, 0 unchanged, 0 lifted."
    assert case_dock.step_status("declare") == "done"
    assert case_dock.timeline_rows()[0] == (
        "Declarations", "2025-04-12", "Declaration 1", "莆政封〔2025〕1号: 4 new; quarantine zones "
        f"{zones['quarantine_zones'].getFeature(1)['area_km2']:.1f} km²")

    # a new nest 800 m east of the easternmost one: the zones are drawn again and revised
    nests = layers["nests"]
    east = max(nests.getFeatures(), key=lambda f: f.geometry().asPoint().x())
    nests.startEditing()
    feature = QgsFeature(nests.fields())
    feature.setAttributes([None, "N-NEW", QDate(2025, 4, 28), "", east["village"], "", ""])
    point = east.geometry().asPoint()
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(point.x() + 0.008, point.y())))
    nests.addFeature(feature)
    assert nests.commitChanges()
    assert case_dock.step_status("zoning") == "stale"
    run_dialog(case_dock.open_step("zoning"))
    assert case_dock.step_status("declare") == "stale"
    dialog = case_dock.open_step("declare")
    values = dialog.createProcessingParameters()
    assert values[Declare.ORDER_NUMBER] == "莆政封〔2025〕1号"  # the last one typed, to change
    assert values[Declare.DECLARED_ON] is None  # a revision is not dated by the first order
    set_value(dialog, Declare.ORDER_NUMBER, "莆政封〔2025〕2号")
    set_value(dialog, Declare.DECLARED_ON, QDate(2025, 5, 2))
    run_dialog(dialog)
    assert "revised" in case_dock.last_message and "0 revised" not in case_dock.last_message
    declarations = [row for row in case_dock.timeline_rows() if row[0] == "Declarations"]
    assert [row[1:3] for row in declarations] == [("2025-04-12", "Declaration 1"), ("2025-05-02", "Declaration 2")]
    assert declarations[1][3].startswith("莆政封〔2025〕2号: ") and " revised" in declarations[1][3]

    dialog = case_dock.open_step("lifting")
    values = dialog.createProcessingParameters()
    assert (values[Lifting.CASE], values[Lifting.DETECTIONS], values[Lifting.DATE_FIELD]) == (
        str(gpkg), nests.id(), "found_on")
    set_value(dialog, Lifting.MONTHS_WITHOUT_DETECTION, 24)  # the Putian plan names no number
    set_value(dialog, Lifting.AS_OF, QDate(2025, 6, 1))
    run_dialog(dialog)
    (status,) = case_dock.output_layers(gpkg, "lifting_status")
    assert status.name() == "Lifting status"
    rows = {(f["zone_type"], f["zone_id"]): f for f in status.getFeatures()}
    assert len(rows) == 4 and {f["status"] for f in rows.values()} == {"active"}
    lifting = [row for row in case_dock.timeline_rows() if row[0] == "Lifting status"]
    assert len(lifting) == 4
    today = case_dock.clock().date()
    for _group, date, event, details in lifting:
        zone_type, zone_id = next((t, i) for (t, i) in rows if event.startswith(f"{t} zone {i} ") or
                                  event.startswith(f"{t} area {i} "))
        eligible = rows[(zone_type, zone_id)]["eligible_from"].toPyDate()
        assert date == "2025-06-01" and event.endswith(" (version 2)")  # every zone was revised
        if eligible > today:
            assert details.endswith(f"eligible from {eligible.isoformat()}: in {(eligible - today).days} day(s)")
        else:
            assert f"eligible since {eligible.isoformat()}" in details
    quarantine_row = next(row for row in lifting if row[2].startswith("quarantine zone"))
    assert "last detection 2025-04-28" in quarantine_row[3] and "(version 2)" in quarantine_row[2]
    # the monthly count is remembered, and the report takes it too
    assert case_dock.step_parameters("lifting")[Lifting.MONTHS_WITHOUT_DETECTION] == 24

    dialog = case_dock.open_step("survey")
    values = dialog.createProcessingParameters()
    assert values[Survey.ZONES] == case_dock.output_layers(gpkg, "quarantine_zones")[0].id()
    assert values[Survey.FIELD_PACKAGE] == str(tmp_path / "outbreak_field_package.gpkg")
    run_dialog(dialog)
    (points,) = case_dock.output_layers(gpkg, "survey_points")
    assert points.featureCount() > 50 and points.name() == "Survey points"
    assert (tmp_path / "outbreak_field_package.gpkg").is_file()
    assert "Field package for QField: outbreak_field_package.gpkg" in case_dock.last_message
    surveys = [row for row in case_dock.timeline_rows() if row[0] == "Surveys"]
    assert surveys == [("Surveys", surveys[0][1], "Survey plan", f"Survey points ({points.featureCount()})")]

    dialog = case_dock.open_step("report")
    values = dialog.createProcessingParameters()
    assert (values[Report.CASE], values[Report.DETECTIONS], values[Report.DATE_FIELD]) == (str(gpkg), nests.id(), "found_on")
    assert (values[Report.VILLAGE_FIELD], values[Report.COUNTIES], values[Report.COUNTY_NAME_FIELD]) == (
        "village", layers["counties"].id(), "county_name")
    assert values[Report.GRADE] == 1 and values[Report.MONTHS_WITHOUT_DETECTION] == 24  # Grade II
    assert values[Report.OUTPUT] == str(tmp_path / "outbreak_period_report.docx")
    set_value(dialog, Report.PERIOD_END, QDate(2025, 5, 2))
    qgis_iface.messageBar().clearWidgets()
    run_dialog(dialog)
    assert case_dock.last_message == "Weekly report to 2025-05-02 written: outbreak_period_report.docx (1 new detection(s))."
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "outbreak_period_report.docx")).paragraphs)
    assert "2025-04-26" in text and "2025-05-02" in text
    reports = [row for row in case_dock.timeline_rows() if row[0] == "Reports"]
    assert reports[0] == ("Reports", "2025-05-02", "Weekly report written", "outbreak_period_report.docx")
    assert {row[2] for row in reports[1:]} == {"Weekly report due", "Monthly report due"}
    # everything survives saving and reopening the project
    assert project.write()
    assert project.read(project.fileName())
    assert [row[:3] for row in case_dock.timeline_rows()][:2] == [
        ("Declarations", "2025-04-12", "Declaration 1"), ("Declarations", "2025-05-02", "Declaration 2")]
