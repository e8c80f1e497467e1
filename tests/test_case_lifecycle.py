"""``rifa:declarezones`` and ``rifa:liftingstatus`` end to end: the case GeoPackage over a zone's life."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer
from rifa_test_utils import make_layer

UTM = "EPSG:32650"
X0, Y0 = 700_000.0, 2_800_000.0


def nests(points, dates, path=None):
    rows = [(f"POINT({X0 + x} {Y0 + y})", {"found_on": day}) for (x, y), day in zip(points, dates)]
    return make_layer("Point", UTM, rows, "nests", path)


def delineate(nest_layer):
    import processing

    result = processing.run(
        "rifa:delineatezones",
        {"NESTS": nest_layer, "OCCURRENCE_RADIUS": 2000, "QUARANTINE_RADIUS": 3000, "THREAT_EXTENSION": 5000,
         "OCCURRENCE_AREAS": "memory:", "QUARANTINE_ZONES": "memory:", "THREATENED_ZONES": "memory:",
         "OCCURRENCE_POINTS": "memory:"},
    )
    return result["QUARANTINE_ZONES"], result["THREATENED_ZONES"]


def declare(case, **params):
    import processing

    return processing.run("rifa:declarezones", {"CASE": str(case), **params})


def rows(case):
    connection = sqlite3.connect(case)
    try:
        connection.row_factory = sqlite3.Row
        return [dict(r) for r in connection.execute(
            "SELECT fid, zone_type, zone_id, version, valid_from, valid_to, order_number, note, change, "
            "area_km2, added_km2, removed_km2, geom IS NULL AS no_geometry FROM zone_versions ORDER BY fid"
        )]
    finally:
        connection.close()


def status(case, detections, as_of, **extra):
    import processing

    result = processing.run(
        "rifa:liftingstatus",
        {"CASE": str(case), "DETECTIONS": detections, "DATE_FIELD": "found_on", "AS_OF": as_of, "OUTPUT": "memory:", **extra},
    )
    layer = result["OUTPUT"]
    return result, [{k: python(v) for k, v in zip(layer.fields().names(), f.attributes())} for f in layer.getFeatures()]


def python(value):
    """QGIS attribute values as Python ones: NULL -> None, QDate -> date."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value.toPyDate() if hasattr(value, "toPyDate") else value


def test_declare_revise_lift_and_the_lifting_clock(rifa_provider, tmp_path):
    case = tmp_path / "case.gpkg"
    first_nests = nests([(0, 0), (800, 0), (0, 800)], ["2024-05-01"] * 3)
    quarantine, threatened = delineate(first_nests)
    result = declare(case, QUARANTINE=quarantine, THREATENED=threatened, ORDER_NUMBER="莆政封〔2024〕1号", DECLARED_ON="2024-05-02")
    assert (result["N_NEW"], result["N_REVISED"], result["N_LIFTED"]) == (2, 0, 0)
    assert result["CASE"] == str(case)
    first = rows(case)
    assert [(r["zone_type"], r["zone_id"], r["version"], r["change"], r["valid_from"], r["valid_to"]) for r in first] == [
        ("quarantine", "1", 1, "new", "2024-05-02", None),
        ("threatened", "1", 1, "new", "2024-05-02", None),
    ]
    q_area = next(quarantine.getFeatures())["area_km2"]
    assert first[0]["area_km2"] == pytest.approx(q_area, rel=1e-3)  # true ground km², as delineatezones measures
    assert first[0]["order_number"] == "莆政封〔2024〕1号"

    # a new nest 2 km east: the zone grows, the ring moves
    second_nests = nests([(0, 0), (800, 0), (0, 800), (2000, 0)], ["2024-05-01"] * 3 + ["2024-05-20"])
    quarantine2, threatened2 = delineate(second_nests)
    result = declare(case, QUARANTINE=quarantine2, THREATENED=threatened2, ORDER_NUMBER="莆政封〔2024〕2号",
                     DECLARED_ON="2024-05-21", NOTE="新发现蚁巢")
    assert (result["N_NEW"], result["N_REVISED"]) == (0, 2)
    second = rows(case)
    assert [(r["version"], r["valid_to"]) for r in second[:2]] == [(1, "2024-05-21"), (1, "2024-05-21")]
    q2 = second[2]
    assert (q2["zone_type"], q2["version"], q2["change"], q2["note"]) == ("quarantine", 2, "revised", "新发现蚁巢")
    grown = next(quarantine2.getFeatures())["area_km2"]
    assert q2["added_km2"] - q2["removed_km2"] == pytest.approx(grown - q_area, rel=1e-3)
    assert q2["added_km2"] > 5 and q2["removed_km2"] < 1e-3  # the disk of the new nest is outside the old zone (m² of polygon noise)

    # the versions are never rewritten or deleted, also when edited in QGIS
    layer = QgsVectorLayer(f"{case}|layername=zone_versions", "v", "ogr")
    provider = layer.dataProvider()
    fields = layer.fields()
    assert not provider.deleteFeatures([1])
    assert not provider.changeAttributeValues({3: {fields.indexOf("area_km2"): 0.0}})
    assert not provider.changeAttributeValues({1: {fields.indexOf("valid_to"): "2030-01-01"}})  # closed already
    del provider, layer
    assert rows(case) == second

    # lifting status: the last detection (20 May) in the current version; 24 months
    detections = nests([(0, 0), (2000, 0), (40000, 0)], ["2024-05-01", "2024-05-20", "2025-01-01"])
    result, table = status(case, detections, "2026-05-19", MONTHS_WITHOUT_DETECTION=24)
    by_type = {r["zone_type"]: r for r in table}
    q = by_type["quarantine"]
    assert (q["version"], q["last_detection"], q["eligible_from"], q["months_clean"], q["status"]) == (
        2, dt.date(2024, 5, 20), dt.date(2026, 5, 20), 23, "active")
    # the ring holds no detection: its clock starts at its first declaration
    t = by_type["threatened"]
    assert t["last_detection"] is None and t["eligible_from"] == dt.date(2026, 5, 2) and t["status"] == "eligible"
    assert (result["N_ACTIVE"], result["N_ELIGIBLE"], result["N_LIFTED"]) == (1, 1, 0)
    _, table = status(case, detections, "2026-05-20", MONTHS_WITHOUT_DETECTION=24)
    assert {r["zone_type"]: r["status"] for r in table} == {"quarantine": "eligible", "threatened": "eligible"}

    # lifting: empty layers of both types
    empty = make_layer("Polygon", UTM, [], "empty")
    result = declare(case, QUARANTINE=empty, THREATENED=empty, ORDER_NUMBER="莆政解〔2026〕1号", DECLARED_ON="2026-06-01")
    assert result["N_LIFTED"] == 2
    lifted = rows(case)[4:]
    assert [(r["version"], r["change"], r["no_geometry"], r["valid_to"]) for r in lifted] == [
        (3, "lifted", 1, None), (3, "lifted", 1, None)]
    assert lifted[0]["removed_km2"] == pytest.approx(grown, rel=1e-3)
    result, table = status(case, detections, "2026-06-02", MONTHS_WITHOUT_DETECTION=24)
    assert [r["status"] for r in table] == ["lifted", "lifted"] and result["N_LIFTED"] == 2

    # the table opens in QGIS as a polygon layer, in the CRS of the first declaration
    layer = QgsVectorLayer(f"{case}|layername=zone_versions", "v", "ogr")
    assert layer.isValid() and layer.crs().authid() == UTM and layer.featureCount() == 6


def test_detection_on_the_zone_boundary_counts(rifa_provider, tmp_path):
    case = tmp_path / "case.gpkg"
    square = f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0} {Y0 + 1000}, {X0} {Y0}))"
    right = f"POLYGON(({X0 + 1000} {Y0}, {X0 + 2000} {Y0}, {X0 + 2000} {Y0 + 1000}, {X0 + 1000} {Y0 + 1000}, {X0 + 1000} {Y0}))"
    zones = make_layer("Polygon", UTM, [(square, {"zone_id": 1}), (right, {"zone_id": 2})], "zones")
    declare(case, QUARANTINE=zones, DECLARED_ON="2024-01-01")
    # a detection on the shared edge, another on the outer corner of zone 2
    detections = nests([(1000, 500), (2000, 1000)], ["2024-01-31", "2024-03-01"])
    _, table = status(case, detections, "2024-03-01", MONTHS_WITHOUT_DETECTION=1)
    assert [(r["zone_id"], r["last_detection"], r["eligible_from"]) for r in table] == [
        ("1", dt.date(2024, 1, 31), dt.date(2024, 2, 29)),  # 31 January + 1 month, leap year
        ("2", dt.date(2024, 3, 1), dt.date(2024, 4, 1)),
    ]
    assert [r["status"] for r in table] == ["eligible", "active"]


def test_negative_surveys_are_counted_after_the_last_detection(rifa_provider, tmp_path):
    case = tmp_path / "case.gpkg"
    square = f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0} {Y0 + 1000}, {X0} {Y0}))"
    declare(case, QUARANTINE=make_layer("Polygon", UTM, [(square, {"zone_id": 7})], "zones"), DECLARED_ON="2024-01-01")
    surveys = make_layer("Point", UTM, [
        (f"POINT({X0 + 100} {Y0 + 100})", {"survey_date": "2024-02-01", "result": "negative"}),
        (f"POINT({X0 + 200} {Y0 + 100})", {"survey_date": "2024-01-10", "result": "negative"}),  # before the detection
        (f"POINT({X0 + 300} {Y0 + 100})", {"survey_date": "2024-02-02", "result": "positive"}),  # not negative
        (f"POINT({X0 + 5000} {Y0 + 100})", {"survey_date": "2024-02-02", "result": "negative"}),  # outside
    ], "surveys")
    _, table = status(case, nests([(500, 500)], ["2024-01-15"]), "2024-03-01", MONTHS_WITHOUT_DETECTION=2,
                      SURVEYS=surveys, SURVEY_DATE_FIELD="survey_date")
    assert [(r["zone_id"], r["surveys_since_last_detection"]) for r in table] == [("7", 1)]


def test_bad_input_is_refused_with_a_message(rifa_provider, tmp_path):
    case = tmp_path / "case.gpkg"
    square = f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0} {Y0 + 1000}, {X0} {Y0}))"
    zones = make_layer("Polygon", UTM, [(square, {"zone_id": 1})], "zones")
    detections = nests([(500, 500)], ["2024-01-15"])
    with pytest.raises(QgsProcessingException, match="no zone versions yet"):
        status(case, detections, "2024-03-01", MONTHS_WITHOUT_DETECTION=2)
    with pytest.raises(QgsProcessingException, match="at least one zone layer"):
        declare(case, DECLARED_ON="2024-01-01")
    declare(case, QUARANTINE=zones, DECLARED_ON="2024-02-01")
    with pytest.raises(QgsProcessingException, match="before the latest declaration"):
        declare(case, QUARANTINE=zones, DECLARED_ON="2024-01-01")
    twice = make_layer("Polygon", UTM, [(square, {"zone_id": 1}), (square, {"zone_id": 1})], "twice")
    with pytest.raises(QgsProcessingException, match="zone_id 1 twice"):
        declare(case, QUARANTINE=twice, DECLARED_ON="2024-03-01")
    # the Putian profile names no number of months: the parameter is required
    with pytest.raises(QgsProcessingException, match="MONTHS_WITHOUT_DETECTION.*") as raised:
        status(case, detections, "2024-03-01")
    assert "Putian 2006" in str(raised.value) and "第五章 六" in str(raised.value)
    undated = make_layer("Point", UTM, [(f"POINT({X0} {Y0})", {"found_on": "soon"})], "undated")
    with pytest.raises(QgsProcessingException, match="'undated', feature 1: the date field 'found_on' holds no date"):
        status(case, undated, "2024-03-01", MONTHS_WITHOUT_DETECTION=2)
    assert len(rows(case)) == 1  # nothing written by the refused runs


def test_a_profile_with_months_sets_the_default(rifa_provider, tmp_path):
    import json

    from rifa_zoning.core.profile import DEFAULT_PROFILE

    profile = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    profile["lifting"]["months_without_detection"] = 24
    (tmp_path / "p.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    case = tmp_path / "case.gpkg"
    square = f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0} {Y0 + 1000}, {X0} {Y0}))"
    declare(case, QUARANTINE=make_layer("Polygon", UTM, [(square, {"zone_id": 1})], "zones"), DECLARED_ON="2024-01-01")
    _, table = status(case, nests([(500, 500)], ["2024-02-29"]), "2026-02-27", PROFILE=str(tmp_path / "p.json"))
    assert table[0]["eligible_from"] == dt.date(2026, 2, 28) and table[0]["months_required"] == 24
    assert table[0]["status"] == "active" and table[0]["months_clean"] == 23
    assert math.isfinite(table[0]["months_clean"])


def test_declare_and_status_through_qgis_process(plugin_parent_dir, tmp_path):
    import json

    from rifa_test_utils import qgis_process

    square = f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0} {Y0 + 1000}, {X0} {Y0}))"
    make_layer("Polygon", UTM, [(square, {"zone_id": 1})], "zones", tmp_path / "zones.gpkg")
    nests([(500, 500)], ["2024-01-31"], tmp_path / "nests.gpkg")
    home = tmp_path / "home"
    assert qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home).returncode == 0
    case = tmp_path / "case.gpkg"
    run = qgis_process(["run", "rifa:declarezones", "--json", "--", f"CASE={case}", f"QUARANTINE={tmp_path / 'zones.gpkg'}",
                        "ORDER_NUMBER=莆政封〔2024〕1号", "DECLARED_ON=2024-01-10"], plugin_parent=plugin_parent_dir, home=home)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["results"]["N_NEW"] == 1
    run = qgis_process(["run", "rifa:liftingstatus", "--json", "--", f"CASE={case}", f"DETECTIONS={tmp_path / 'nests.gpkg'}",
                        "DATE_FIELD=found_on", "AS_OF=2024-02-29", "MONTHS_WITHOUT_DETECTION=1",
                        f"OUTPUT={tmp_path / 'status.gpkg'}"], plugin_parent=plugin_parent_dir, home=home)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["results"]["N_ELIGIBLE"] == 1
    (row,) = QgsVectorLayer(str(tmp_path / "status.gpkg"), "s", "ogr").getFeatures()
    assert (python(row["eligible_from"]), row["status"], row["zone_id"]) == (dt.date(2024, 2, 29), "eligible", "1")


def test_the_lifting_status_goes_into_the_case_beside_its_versions(rifa_provider, tmp_path):
    """The case GeoPackage is read for its zone versions only: a status table may go beside them
    (as the dock writes it), never over them."""
    import processing

    case = tmp_path / "case.gpkg"
    square = f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0} {Y0 + 1000}, {X0} {Y0}))"
    declare(case, QUARANTINE=make_layer("Polygon", UTM, [(square, {"zone_id": 1})], "zones"), DECLARED_ON="2024-01-01")
    detections = nests([(500, 500)], ["2024-01-31"])
    parameters = {"CASE": str(case), "DETECTIONS": detections, "DATE_FIELD": "found_on", "AS_OF": "2024-03-01",
                  "MONTHS_WITHOUT_DETECTION": 1}
    processing.run("rifa:liftingstatus", {**parameters, "OUTPUT": f"ogr:dbname='{case}' table=\"lifting_status\" (geom)"})
    table = QgsVectorLayer(f"{case}|layername=lifting_status", "status", "ogr")
    assert [(f["zone_id"], f["status"]) for f in table.getFeatures()] == [("1", "eligible")]
    assert len(rows(case)) == 1  # the versions are kept
    with pytest.raises(QgsProcessingException, match="would overwrite the input 'Case GeoPackage'.*zone_versions"):
        processing.run("rifa:liftingstatus", {**parameters, "OUTPUT": f"ogr:dbname='{case}' table=\"zone_versions\" (geom)"})
    assert len(rows(case)) == 1
