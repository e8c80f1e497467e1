"""``rifa:periodreport``: period edges (core) and the .docx read back with python-docx."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import shapely
from qgis.core import QgsProject
from rifa_test_utils import make_layer

from rifa_zoning.core.case import Dated, DeclaredZone, declare
from rifa_zoning.core.report import period_report

D = dt.date
UTM = "EPSG:32650"
X0, Y0 = 700_000.0, 2_800_000.0


def _versions():
    first = declare([], [DeclaredZone("quarantine", "1", shapely.box(0, 0, 2000, 2000))], {"quarantine"}, D(2024, 2, 1), "令1")
    revised = declare(first.new, [DeclaredZone("quarantine", "1", shapely.box(0, 0, 3000, 2000))], {"quarantine"}, D(2024, 2, 26), "令2")
    closed = {v.version: v for v in revised.closed}
    return [closed.get(v.version, v) for v in first.new] + revised.new


def test_weekly_and_monthly_period_edges():
    versions = _versions()
    # the week ending Sunday 3 March 2024 is 26 February .. 3 March (over the leap day)
    detections = [
        Dated(D(2024, 2, 25), shapely.Point(100, 100), village="甲村"),  # the day before the week
        Dated(D(2024, 2, 26), shapely.Point(200, 100), village="甲村"),  # first day: in, 甲村 not new
        Dated(D(2024, 2, 29), shapely.Point(2500, 100), village="乙村"),  # leap day, 乙村 new
        Dated(D(2024, 3, 3), shapely.Point(2600, 100), village=""),  # last day: in, no village -> a new group
        Dated(D(2024, 3, 4), shapely.Point(2700, 100), village="丙村"),  # after the end: not known yet
    ]
    weekly = period_report("weekly", D(2024, 3, 3), versions, detections, [], [], None, 500)
    assert (weekly.start, weekly.end) == (D(2024, 2, 26), D(2024, 3, 3))
    assert [d.day for d in weekly.new_detections] == [D(2024, 2, 26), D(2024, 2, 29), D(2024, 3, 3)]
    assert [(p.village, p.first) for p in weekly.new_occurrence_points] == [("", D(2024, 3, 3)), ("乙村", D(2024, 2, 29))]
    assert weekly.n_zones_changed == 1 and weekly.zone_changes[0].version == 2  # revised on 26 February
    assert weekly.area_km2("quarantine") == pytest.approx(6.0)
    assert [(p.village, p.count) for p in weekly.by_place] == [("", 1), ("乙村", 1), ("甲村", 1)]

    # the week ending 25 February: the revision of the 26th is not in it, version 1 in force
    before = period_report("weekly", D(2024, 2, 25), versions, detections, [], [], None, 500)
    assert before.n_zones_changed == 0 and before.area_km2("quarantine") == pytest.approx(4.0)
    assert [d.day for d in before.new_detections] == [D(2024, 2, 25)]

    # February 2024 is 1..29 February whatever day of it the period ends on
    monthly = period_report("monthly", D(2024, 2, 10), versions, detections, [], [], None, 500)
    assert (monthly.start, monthly.end) == (D(2024, 2, 1), D(2024, 2, 29))
    assert len(monthly.new_detections) == 3  # 25, 26, 29 February; not 3 March
    assert monthly.n_zones_changed == 1  # version 1 (new, 1 February) and 2 (revised): one zone
    assert monthly.totals["detections_to_date"] == 3
    march = period_report("monthly", D(2024, 3, 31), versions, detections, [], [], None, 500)
    assert len(march.new_detections) == 2 and march.n_zones_changed == 0 and march.totals["detections_to_date"] == 5


def _case(tmp_path):
    import processing

    case = tmp_path / "case.gpkg"
    square = f"POLYGON(({X0} {Y0}, {X0 + 2000} {Y0}, {X0 + 2000} {Y0 + 2000}, {X0} {Y0 + 2000}, {X0} {Y0}))"
    wider = f"POLYGON(({X0} {Y0}, {X0 + 3000} {Y0}, {X0 + 3000} {Y0 + 2000}, {X0} {Y0 + 2000}, {X0} {Y0}))"
    processing.run("rifa:declarezones", {"CASE": str(case), "ORDER_NUMBER": "莆政封〔2024〕1号", "DECLARED_ON": "2024-02-01",
                                         "QUARANTINE": make_layer("Polygon", UTM, [(square, {"zone_id": 1})], "q")})
    processing.run("rifa:declarezones", {"CASE": str(case), "ORDER_NUMBER": "莆政封〔2024〕2号", "DECLARED_ON": "2024-02-27",
                                         "QUARANTINE": make_layer("Polygon", UTM, [(wider, {"zone_id": 1})], "q")})
    return case


def _detections():
    rows = [(f"POINT({X0 + x} {Y0 + y})", {"found_on": day, "village": village}) for x, y, day, village in (
        (100, 100, "2024-02-01", "甲村"), (2500, 500, "2024-02-28", "乙村"), (2600, 600, "2024-02-29", "乙村"), (900, 900, "2024-03-10", "丙村"))]
    return make_layer("Point", UTM, rows, "nests")


def _text(path):
    import docx

    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def test_weekly_report_docx_read_back(rifa_provider, tmp_path):
    from qgis.core import QgsProject

    import processing

    QgsProject.instance().clear()  # no checklist state left by the dock tests that ran before

    case = _case(tmp_path)
    county = f"POLYGON(({X0 - 5000} {Y0 - 5000}, {X0 + 5000} {Y0 - 5000}, {X0 + 5000} {Y0 + 5000}, {X0 - 5000} {Y0 + 5000}, {X0 - 5000} {Y0 - 5000}))"
    counties = make_layer("Polygon", UTM, [(county, {"county_name": "城厢区"})], "counties")
    surveys = make_layer("Point", UTM, [
        (f"POINT({X0 + 100} {Y0 + 100})", {"survey_date": "2024-02-27", "result": "negative"}),
        (f"POINT({X0 + 150} {Y0 + 100})", {"survey_date": "2024-03-01", "result": "positive"}),
        (f"POINT({X0 + 150} {Y0 + 100})", {"survey_date": "2024-03-05", "result": "negative"}),  # after the week
    ], "surveys")
    output = tmp_path / "weekly.docx"
    result = processing.run("rifa:periodreport", {
        "CASE": str(case), "DETECTIONS": _detections(), "DATE_FIELD": "found_on", "VILLAGE_FIELD": "village",
        "COUNTIES": counties, "COUNTY_NAME_FIELD": "county_name", "SURVEYS": surveys, "SURVEY_DATE_FIELD": "survey_date",
        "PERIOD": 0, "PERIOD_END": "2024-03-03", "MONTHS_WITHOUT_DETECTION": 24, "OUTPUT": str(output)})
    assert (result["N_NEW_DETECTIONS"], result["N_NEW_OCCURRENCE_POINTS"], result["N_ZONES_CHANGED"]) == (2, 1, 1)
    assert result["AREA_QUARANTINE_KM2"] == pytest.approx(6.0, rel=1e-3) and result["OUTPUT"] == str(output)
    paragraphs, tables = _text(output)
    assert paragraphs[0] == "红火蚁疫情处理情况周报"
    assert "报告期：2024-02-26 至 2024-03-03" in paragraphs
    assert any("第三章 一(二)2" in p for p in paragraphs)
    summary, by_place, new_points, changes, in_force, lifting = tables  # no checklist table: no panel state
    assert summary[1:] == [["新发现疫情", "2"], ["新增发生点", "1"], ["变化的区域", "1"], ["现行疫区面积(平方公里)", "6.00"], ["现行受威胁区面积(平方公里)", "0.00"]]
    assert by_place[1:] == [["城厢区", "乙村", "2", "2024-02-28", "2024-02-29"]]
    assert new_points[1:] == [["城厢区", "乙村", "2", "2024-02-28"]]
    assert changes[1:] == [["疫区 1", "2", "2024-02-27", "莆政封〔2024〕2号", "调整", "2.00", "0.00"]]
    assert in_force[1:] == [["疫区 1", "2", "2024-02-27", "莆政封〔2024〕2号", "6.00"]]
    assert "项目中没有处置清单：清单由疫情应急处置面板保存(T0 和已勾选的事项)。" in paragraphs
    assert "报告期内调查 2 次(阴性 1 次，阳性 1 次)。" in paragraphs
    assert lifting[1:] == [["疫区 1", "2024-02-29", "0", "2026-02-28", "0", "未撤销"]]  # 29 Feb + 24 months
    assert not any("本月汇总" in p for p in paragraphs)


def test_monthly_report_with_the_checklist_of_the_project(rifa_provider, tmp_path):
    import processing

    case = _case(tmp_path)
    project = QgsProject.instance()
    project.writeEntry("rifa_zoning", "response/t0", "2024-02-01T08:00:00")
    project.writeEntry("rifa_zoning", "response/checklist", json.dumps(
        {"lockdown_order": {"done_at": "2024-02-02T09:30:00"}, "weekly_report": {"done_at": "2024-02-07T10:00:00"}}))
    try:
        output = tmp_path / "monthly.docx"
        result = processing.run("rifa:periodreport", {
            "CASE": str(case), "DETECTIONS": _detections(), "DATE_FIELD": "found_on", "VILLAGE_FIELD": "village",
            "PERIOD": 1, "PERIOD_END": "2024-02-15", "GRADE": 1, "LANGUAGE": 1, "OUTPUT": str(output)})
    finally:
        project.removeEntry("rifa_zoning", "response/")
    assert (result["N_NEW_DETECTIONS"], result["N_NEW_OCCURRENCE_POINTS"], result["N_ZONES_CHANGED"]) == (3, 2, 1)
    paragraphs, tables = _text(output)
    assert paragraphs[0] == "Monthly summary of the red imported fire ant outbreak"
    assert "Period: 2024-02-01 to 2024-02-29" in paragraphs
    measures = next(t for t in tables if t[0][0] == "Measure")
    states = {row[0]: row[3] for row in measures[1:]}
    assert states["Issue the lockdown order (封锁令)"] == "done 2024-02-02 09:30"
    assert states["On-site inspection by 2 or more senior agronomists"] == "overdue"  # never ticked, due at T0
    # weekly reports: ticked on 7 February, the weeks after were not reported
    assert states["Weekly handling report (eradication, lockdown, disinfection, monitoring, quarantine); daily when required"] == "overdue"
    totals = tables[-1]
    assert totals[0] == ["Item", "Value"] and ["Detections to date", "3"] in totals and ["Zones in force", "1"] in totals
    assert any("No eligible dates" in p or "names no number of months" in p for p in paragraphs)  # Putian: no months


def test_periodreport_refuses_without_case_and_writes_nothing(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    import processing

    output = tmp_path / "r.docx"
    with pytest.raises(QgsProcessingException, match="no zone versions yet"):
        processing.run("rifa:periodreport", {"CASE": str(tmp_path / "none.gpkg"), "DETECTIONS": _detections(),
                                             "DATE_FIELD": "found_on", "OUTPUT": str(output)})
    assert not output.exists()
