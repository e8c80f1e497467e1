"""The dock "Outbreak response / 疫情应急处置" on real QGIS (offscreen)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from qgis.core import Qgis, QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject
from qgis.PyQt.QtCore import QDateTime, Qt
from qgis.PyQt.QtTest import QTest
from rifa_test_utils import cancel_the_next_question, make_layer

from rifa_zoning.core.profile import load_profile
from rifa_zoning.tools.records import RecordsLog, set_records_path

T0 = datetime(2024, 5, 30, 9, 15)
CODES = ["350302", "350303", "350304", "350102"]  # three counties of Putian, one of Fuzhou


def square(i):
    x = 119.0 + 0.1 * i
    return f"POLYGON(({x} 25.4,{x + 0.1} 25.4,{x + 0.1} 25.5,{x} 25.5,{x} 25.4))"


def centre(i):
    return f"POINT({119.05 + 0.1 * i} 25.45)"


@pytest.fixture
def layers(tmp_path, qgis_new_project):
    gpkg = tmp_path / "data.gpkg"
    admin = make_layer("Polygon", "EPSG:4326", [(square(i), {"county_code": c, "county_name": f"县{c}"}) for i, c in enumerate(CODES)],
                       "counties", gpkg)
    nests = make_layer("Point", "EPSG:4326", [(centre(2), {"nest": 1}), (centre(2), {"nest": 2})], "nests", gpkg)
    QgsProject.instance().addMapLayers([admin, nests])
    return nests, admin


@pytest.fixture
def dock(qgis_iface, layers):
    from rifa_zoning.dialogs.response_dock import ResponseDock

    widget = ResponseDock(qgis_iface)
    widget.lang = "en"
    widget.clock = lambda: T0 + timedelta(hours=3)
    widget.t0_edit.setDateTime(QDateTime(T0))
    yield widget
    widget.cleanup()
    widget.deleteLater()


def pick(dock, nests, admin):
    dock.nests_combo.setLayer(nests)
    dock.admin_combo.setLayer(admin)
    dock.field_combos["county_code"].setField("county_code")
    dock.field_combos["county_name"].setField("county_name")
    dock.refresh()


def move_nests(nests, units):
    """Replace the nests by one per unit index, through the edit buffer like a digitizer."""
    nests.startEditing()
    for feature in nests.getFeatures():
        nests.deleteFeature(feature.id())
    for i in units:
        feature = QgsFeature(nests.fields())
        feature.setGeometry(QgsGeometry.fromWkt(centre(i)))
        nests.addFeature(feature)
    assert nests.commitChanges()


def row_of(dock, item_id):
    return [entry.id for entry in dock.entries].index(item_id)


def cell(dock, item_id, column):
    return dock.table.item(row_of(dock, item_id), column)


@pytest.mark.parametrize(
    "units, grade, badge, rule_end, colour, order_by",
    [
        ([2], 3, "Grade III", "第一章 四(一)", "#f9d71c", "county government"),
        ([0, 2], 2, "Grade II", "第一章 四(二)", "#f57c00", "government at county level or above"),
        ([0, 3], 1, "Grade I", "第一章 四(三)", "#c62828", "government at county level or above"),
    ],
)
def test_badge_rule_responders_and_checklist_for_each_grade(dock, layers, units, grade, badge, rule_end, colour, order_by):
    nests, admin = layers
    move_nests(nests, units)
    pick(dock, nests, admin)
    assert dock.grade == grade
    assert dock.badge.text() == badge
    assert colour in dock.badge.styleSheet()
    assert dock.rule_label.text().endswith(rule_end)
    responders = load_profile().responders(grade)
    assert responders["plan_activated_by"]["en"] in dock.responders_label.text()
    assert f"issued by: {order_by}" in dock.responders_label.text()
    assert dock.table.rowCount() == len(load_profile().checklist(grade))
    assert cell(dock, "lockdown_order", 3).text() == "2024-05-31 11:15"  # T0 + 2 h + 0 + 24 h
    assert cell(dock, "lockdown_order", 2).text() == order_by
    assert cell(dock, "report_province", 3).text() == "2024-05-30 23:15"
    assert cell(dock, "weekly_report", 3).text() == "next 2024-06-06 09:15 (every week)"
    assert cell(dock, "monthly_report", 3).text() == "next 2024-06-01 00:00 (before the 1st of each month)"
    assert cell(dock, "send_specimen", 3).text() == "promptly"


def test_no_layers_and_no_nest_in_any_unit(dock, layers):
    assert dock.badge.text() == "Grade: —" and dock.table.rowCount() == 0
    nests, admin = layers
    move_nests(nests, [9])
    pick(dock, nests, admin)
    assert dock.grade == 0 and dock.badge.text() == "No grade"
    assert "1 nest(s) lie outside every county-level unit" in dock.problem_label.text()
    assert dock.table.rowCount() == 0


def test_overdue_items_stand_out_and_ticking_records_it(dock, layers, tmp_path):
    nests, admin = layers
    set_records_path(QgsProject.instance(), str(tmp_path / "records.gpkg"))
    pick(dock, nests, admin)
    overdue_row = row_of(dock, "report_local_hq")  # due T0 + 2 h, now T0 + 3 h
    assert dock.table.item(overdue_row, 3).background().color().name() == "#ffcdd2"
    assert dock.table.item(row_of(dock, "report_province"), 3).background().style() == Qt.NoBrush
    red = [e.id for row, e in enumerate(dock.entries) if dock.table.item(row, 1).background().color().name() == "#ffcdd2"]
    assert red == ["inspect_on_site", "report_local_hq", "isolation", "lockdown_request", "eradication"]  # due <= T0 + 2 h
    assert dock.overdue_label.text() == "5 overdue"
    dock.set_done("report_local_hq", True)
    assert cell(dock, "report_local_hq", 0).checkState() == Qt.Checked
    assert cell(dock, "report_local_hq", 4).text() == "2024-05-30 12:15"
    assert cell(dock, "report_local_hq", 3).background().color().name() == "#dcedc8"
    dock.set_note("report_local_hq", "电话报告 王主任")
    records = RecordsLog(tmp_path / "records.gpkg").records()
    assert [r["action"] for r in records][-2:] == ["checklist", "checklist note"]
    assert '"item": "report_local_hq"' in records[-2]["parameters"] and records[-2]["result"] == "done"
    assert "王主任" in records[-1]["parameters"]


def test_persistence_round_trip_through_a_project_file(dock, layers, tmp_path):
    nests, admin = layers
    project = QgsProject.instance()
    path = tmp_path / "outbreak.qgz"
    assert project.write(str(path))  # saved: ticks are recorded beside it
    pick(dock, nests, admin)
    dock.t0_edit.setDateTime(QDateTime(datetime(2024, 5, 29, 8, 0)))
    dock.override_combo.setCurrentIndex(2)
    dock.reason_edit.setText("国家规定 notice 3")
    dock.reason_edit.editingFinished.emit()
    dock.set_done("inspect_on_site", True)
    dock.set_note("tracing", "货车 闽B12345")
    assert dock.badge.text() == "Grade I"
    assert project.write(str(path))

    project.clear()
    assert dock.nests_combo.currentLayer() is None and dock.table.rowCount() == 0
    assert dock.reason_edit.text() == "" and dock.state == {}

    assert project.read(str(path))
    assert dock.nests_combo.currentLayer().name() == "nests"
    assert dock.admin_combo.currentLayer().name() == "counties"
    assert dock.field_combos["county_code"].currentField() == "county_code"
    assert dock.t0() == datetime(2024, 5, 29, 8, 0)
    assert dock.override_combo.currentIndex() == 2 and dock.reason_edit.text() == "国家规定 notice 3"
    assert dock.badge.text() == "Grade I"
    assert cell(dock, "inspect_on_site", 0).checkState() == Qt.Checked
    assert cell(dock, "tracing", 5).text() == "货车 闽B12345"
    # a saved project records beside itself by default (created on the first record)
    assert dock.records_edit.text().startswith(str(tmp_path / "outbreak_rifa_records.gpkg"))
    dock.set_done("isolation", True)
    assert RecordsLog(tmp_path / "outbreak_rifa_records.gpkg").records()[-1]["result"] == "done"


def test_the_grade_follows_the_nests_layer(dock, layers):
    nests, admin = layers
    pick(dock, nests, admin)
    assert dock.grade == 3
    nests.startEditing()
    feature = QgsFeature(nests.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(119.15, 25.45)))  # in unit 1: second county
    nests.addFeature(feature)
    QTest.qWait(700)  # debounced refresh
    assert dock.grade == 2
    nests.rollBack()
    QTest.qWait(700)
    assert dock.grade == 3


def test_the_log_grows_on_a_run_and_a_locked_log_refuses_the_change(rifa_provider, dock, layers, tmp_path, qgis_iface):
    import processing

    nests, admin = layers
    log = RecordsLog(tmp_path / "records.gpkg")
    dock.set_records_file(str(tmp_path / "records"))  # ".gpkg" added
    pick(dock, nests, admin)
    before = len(log.records())
    assert dock.records_label.text().startswith(f"{before} record(s)")
    processing.run("rifa:outbreakgrade", {
        "NESTS": nests, "ADMIN": admin, "COUNTY_CODE_FIELD": "county_code", "COUNTY_NAME_FIELD": "county_name",
        "OUTPUT": "memory:",
    })
    dock.update_records_label()
    assert dock.records_label.text().startswith(f"{before + 1} record(s); the chain of hashes and the triggers are intact")
    assert log.records()[-1]["action"] == "rifa:outbreakgrade"

    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        dock.set_done("isolation", True)
        assert cell(dock, "isolation", 0).checkState() == Qt.Unchecked  # refused and undone on screen
        assert "isolation" not in dock.state
        assert any("locked by another program" in m for m in qgis_iface.messageBar().get_messages(Qgis.Critical))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(log.records()) == before + 1


def test_zone_figures_of_the_latest_zoning_run(dock, layers):
    rows = [
        (square(0), {"zone_type": "quarantine", "zone_id": 1, "area_km2": 10.0, "meets_rule": True, "computed_at": "2024-05-30T10:00:00+08:00"}),
        (square(1), {"zone_type": "quarantine", "zone_id": 1, "area_km2": 12.5, "meets_rule": True, "computed_at": "2024-05-30T11:00:00+08:00"}),
        (square(2), {"zone_type": "quarantine", "zone_id": 2, "area_km2": 7.5, "meets_rule": True, "computed_at": "2024-05-30T11:00:00+08:00"}),
        (square(3), {"zone_type": "threatened", "zone_id": 1, "area_km2": 80.25, "meets_rule": True, "computed_at": "2024-05-30T11:00:00+08:00"}),
    ]
    assert dock.zones_label.text().startswith("No zoning run yet")
    QgsProject.instance().addMapLayer(make_layer("Polygon", "EPSG:4326", rows, "Quarantine zones"))
    dock.show_zones()
    assert dock.zones_label.text() == (
        "Latest zoning run: Quarantine zones: 2 zone(s), 20.0 km²; Threatened zones: 1 zone(s), 80.2 km²"
    )


def test_step_buttons_follow_the_registry(rifa_provider, dock, layers):
    from rifa_zoning.dialogs.steps import ALL_STEPS
    from rifa_zoning.processing.outbreak_grade import OutbreakGradeAlgorithm as Grade

    nests, admin = layers
    pick(dock, nests, admin)
    registry = QgsApplication.processingRegistry()
    dock.update_next_steps()
    assert [step.key for step in ALL_STEPS] == list(dock.step_buttons) == [
        "zoning", "grade", "checkpoints", "affected", "map", "order", "declare", "lifting", "survey", "report"]
    for step in ALL_STEPS:
        assert dock.step_buttons[step.key].isEnabled() == (registry.algorithmById(step.algorithm) is not None)
    assert dock.step_buttons["order"].toolTip() == "rifa:lockdownorder"  # python-docx is installed here
    # inputs from the case, none left empty; no output destination in a project never saved
    assert dock.step_parameters("grade") == {
        Grade.NESTS: nests.id(), Grade.ADMIN: admin.id(), Grade.COUNTY_CODE_FIELD: "county_code",
        Grade.COUNTY_NAME_FIELD: "county_name", Grade.OVERRIDE_GRADE: 0,
    }


def test_t0_is_not_set_until_asked_and_deadlines_wait_for_it(qgis_iface, layers):
    from rifa_zoning.dialogs.response_dock import ResponseDock

    widget = ResponseDock(qgis_iface)
    widget.lang = "en"
    try:
        nests, admin = layers
        pick(widget, nests, admin)
        assert widget.t0() is None and widget.t0_edit.text() == "not set"
        assert widget.overdue == 0 and widget.overdue_label.text().startswith("Set T0")
        assert "#b71c1c" in widget.t0_edit.styleSheet()  # the picker asks for it
        assert cell(widget, "report_local_hq", 3).text() == "within 2 h of on-site confirmation"
        widget.t0_edit.setDateTime(QDateTime(T0))
        assert widget.t0() == T0 and cell(widget, "report_local_hq", 3).text() == "2024-05-30 11:15"
        assert widget.t0_edit.styleSheet() == ""
    finally:
        widget.cleanup()
        widget.deleteLater()


def test_a_tick_in_an_unsaved_project_asks_where_to_record(dock, layers):
    nests, admin = layers
    pick(dock, nests, admin)
    asked = cancel_the_next_question()
    dock.set_done("isolation", True)
    assert asked == ["rifaRecordsQuestion"]
    assert cell(dock, "isolation", 0).checkState() == Qt.Unchecked and "isolation" not in dock.state


def test_chinese_locale_shows_the_profile_texts_in_chinese(qgis_iface, layers):
    from qgis.core import QgsSettings

    from rifa_zoning.dialogs.response_dock import ResponseDock

    settings = QgsSettings()
    old = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "zh_CN")
    try:
        widget = ResponseDock(qgis_iface)
    finally:
        settings.setValue("locale/userLocale", old)
    try:
        assert widget.lang == "zh"
        nests, admin = layers
        move_nests(nests, [0, 2])
        pick(widget, nests, admin)
        assert widget.rule_label.text() == "1个设区市的2个县（市、区） → 二级（2个以上县（区）），第一章 四(二)"
        assert cell(widget, "lockdown_order", 1).text() == "发布封锁令"
        assert cell(widget, "lockdown_order", 2).text() == "疫区所在地县级以上人民政府"
        assert "设区市人民政府" in widget.responders_label.text()
        assert widget.badge.text() == "二级"
        assert "莆田2006（莆政办[2006]2号）" in widget.counts_label.text()
    finally:
        widget.cleanup()
        widget.deleteLater()


def test_records_dialog_lists_the_log(qgis_iface, tmp_path):
    from rifa_zoning.dialogs.records_dialog import RecordsDialog

    log = RecordsLog(tmp_path / "r.gpkg")
    log.append("checklist", {"item": "lockdown_order"}, "done")
    log.append("rifa:outbreakgrade", {}, "二级 / Grade II")
    dialog = RecordsDialog(log)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 3).text() == "rifa:outbreakgrade" and dialog.table.item(1, 5).text() == "二级 / Grade II"


@pytest.mark.parametrize("width", [460, 620, 1000])
def test_the_measure_column_keeps_its_share_in_a_narrow_dock(dock, layers, width):
    from rifa_zoning.dialogs.checklist_box import COL_DONE_AT, COL_ITEM, COL_NOTE

    nests, admin = layers
    move_nests(nests, [0, 1])
    pick(dock, nests, admin)
    dock.resize(width, 900)
    dock.show()
    from qgis.PyQt.QtWidgets import QApplication

    QApplication.processEvents()
    viewport = dock.table.viewport().width()
    assert dock.table.columnWidth(COL_ITEM) >= 0.3 * viewport
    assert dock.table.columnWidth(COL_ITEM) > dock.table.columnWidth(COL_DONE_AT)
    assert dock.table.columnWidth(COL_NOTE) > 30  # the last column keeps room for a note
    dock.hide()
