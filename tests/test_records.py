"""The records log (处理记录): append-only GeoPackage table, algorithm runs logged, locked files, CSV."""

from __future__ import annotations

import csv
import sqlite3

import pytest
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer, QgsWkbTypes
from rifa_test_utils import make_layer

from rifa_zoning.tools.records import RecordsError, RecordsLog, configured_path, default_path, set_records_path


def grade_inputs():
    admin = make_layer("Polygon", "EPSG:4326", [
        ("POLYGON((119 25,119.1 25,119.1 25.1,119 25.1,119 25))", {"county_code": "350304", "county_name": "荔城区"}),
        ("POLYGON((119.1 25,119.2 25,119.2 25.1,119.1 25.1,119.1 25))", {"county_code": "350302", "county_name": "城厢区"}),
    ], "counties")
    nests = make_layer("Point", "EPSG:4326", [("POINT(119.05 25.05)", {"n": 1}), ("POINT(119.15 25.05)", {"n": 2})], "nests")
    return nests, admin


def run_grade(nests, admin):
    import processing

    return processing.run("rifa:outbreakgrade", {
        "NESTS": nests, "ADMIN": admin, "COUNTY_CODE_FIELD": "county_code", "COUNTY_NAME_FIELD": "county_name",
        "OUTPUT": "memory:",
    })


@pytest.fixture
def project_records(tmp_path):
    project = QgsProject.instance()
    path = tmp_path / "records.gpkg"
    set_records_path(project, str(path))
    yield RecordsLog(path)
    set_records_path(project, None)


def test_append_read_and_the_table_opens_in_qgis(tmp_path):
    log = RecordsLog(tmp_path / "log.gpkg")
    assert log.records() == []
    first = log.append("checklist", {"item": "lockdown_order", "done": True}, "封锁令 done", user="张三")
    second = log.append("note", "free text", "ok")
    assert second == first + 1
    rows = log.records()
    assert [r["action"] for r in rows] == ["checklist", "note"]
    assert rows[0]["user"] == "张三" and rows[0]["parameters"] == '{"done": true, "item": "lockdown_order"}'
    assert rows[0]["time"][:2] == "20" and ("+" in rows[0]["time"][10:] or "-" in rows[0]["time"][10:])
    layer = QgsVectorLayer(f"{log.path}|layername=rifa_records", "records", "ogr")
    assert layer.isValid()
    assert layer.geometryType() == QgsWkbTypes.NullGeometry
    assert layer.featureCount() == 2
    assert sorted(f["result"] for f in layer.getFeatures()) == ["ok", "封锁令 done"]
    with sqlite3.connect(log.path) as connection:
        assert connection.execute("SELECT data_type FROM gpkg_contents WHERE table_name='rifa_records'").fetchone() == ("attributes",)


def test_records_are_append_only(tmp_path):
    log = RecordsLog(tmp_path / "log.gpkg")
    log.append("a", {}, "1")
    connection = sqlite3.connect(log.path)
    for statement in ("UPDATE rifa_records SET result='changed'", "DELETE FROM rifa_records"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(statement)
    connection.close()
    assert [r["result"] for r in log.records()] == ["1"]


def test_locked_file_fails_clearly_and_keeps_earlier_records(tmp_path):
    log = RecordsLog(tmp_path / "log.gpkg")
    log.append("a", {}, "first")
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(RecordsError, match="is locked by another program.*Nothing was recorded"):
            log.append("b", {}, "second")
        with pytest.raises(RecordsError, match="locked"):
            log.check_writable()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [r["result"] for r in log.records()] == ["first"]
    log.append("c", {}, "third")
    assert [r["result"] for r in log.records()] == ["first", "third"]


def test_csv_export_keeps_chinese(tmp_path):
    log = RecordsLog(tmp_path / "log.gpkg")
    log.append("rifa:outbreakgrade", {"NESTS": "蚁巢"}, "二级 / Grade II")
    log.append("checklist", {"item": "x"}, "done")
    out = tmp_path / "records.csv"
    assert log.export_csv(out) == 2
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["action"] for r in rows] == ["rifa:outbreakgrade", "checklist"]
    assert rows[0]["result"] == "二级 / Grade II" and "蚁巢" in rows[0]["parameters"]
    assert list(rows[0]) == ["fid", "time", "user", "action", "parameters", "result", "hash"]
    assert len(rows[1]["hash"]) == 64  # the chain of hashes travels with the copy


def test_a_not_geopackage_file_is_refused(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("not a database", encoding="utf-8")
    with pytest.raises(RecordsError):
        RecordsLog(path).append("a", {}, "x")


def test_an_algorithm_run_is_appended(rifa_provider, project_records):
    nests, admin = grade_inputs()
    run_grade(nests, admin)
    run_grade(nests, admin)
    rows = project_records.records()
    assert [r["action"] for r in rows] == ["rifa:outbreakgrade", "rifa:outbreakgrade"]
    assert rows[0]["result"].startswith("二级 / Grade II: 2 counties in 1 city → Grade II")
    assert "nests (" in rows[0]["parameters"] and "county_code" in rows[0]["parameters"]


def test_a_locked_log_stops_the_run_before_any_output(rifa_provider, project_records):
    nests, admin = grade_inputs()
    run_grade(nests, admin)
    other = sqlite3.connect(project_records.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(QgsProcessingException, match="locked by another program"):
            run_grade(nests, admin)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(project_records.records()) == 1


def test_without_a_configured_log_nothing_is_written(rifa_provider, tmp_path):
    project = QgsProject.instance()
    set_records_path(project, None)
    assert configured_path(project) is None
    nests, admin = grade_inputs()
    assert run_grade(nests, admin)["GRADE"] == 2
    assert list(tmp_path.iterdir()) == []


def test_default_path_is_beside_the_project(tmp_path):
    project = QgsProject()
    assert default_path(project) is None
    project.setFileName(str(tmp_path / "outbreak.qgz"))
    assert default_path(project) == str(tmp_path / "outbreak_rifa_records.gpkg")
    set_records_path(project, "logs/r.gpkg")  # relative: to the project folder
    assert configured_path(project) == str(tmp_path / "logs" / "r.gpkg")


def test_a_subclass_defining_run_is_refused():
    # run() would hide QgsProcessingAlgorithm.run, which processing.run() calls
    import pytest

    from rifa_zoning.processing.base import RifaAlgorithm

    with pytest.raises(TypeError, match="rename it compute"):

        class Legacy(RifaAlgorithm):
            def run(self, parameters, context, feedback, core_feedback):
                return {"X": 1}
