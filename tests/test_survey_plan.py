"""``rifa:surveyplan``: the grid in walking order (core) and the field package opened in QGIS with its forms."""

from __future__ import annotations

import pytest
import shapely
from qgis.core import QgsVectorLayer
from rifa_test_utils import make_layer

from rifa_zoning.core.errors import InputError
from rifa_zoning.core.feedback import RecordingFeedback
from rifa_zoning.core.survey import SurveyZone, survey_grid

UTM = "EPSG:32650"
X0, Y0 = 700_000.0, 2_800_000.0


def test_walking_order_is_a_snake_from_the_north_west():
    zone = SurveyZone(1, "quarantine", shapely.box(0, 0, 3000, 2000))  # boundary nodes included: 4 x 3
    points = survey_grid([zone], 1000)
    assert [(p.x, p.y) for p in points] == [
        (0, 2000), (1000, 2000), (2000, 2000), (3000, 2000),
        (3000, 1000), (2000, 1000), (1000, 1000), (0, 1000),
        (0, 0), (1000, 0), (2000, 0), (3000, 0),
    ]
    assert [p.point_no for p in points] == list(range(1, 13))
    assert [p.row_no for p in points] == [1] * 4 + [2] * 4 + [3] * 4
    # consecutive points are always one spacing apart: nobody walks back
    assert all(abs(a.x - b.x) + abs(a.y - b.y) == 1000 for a, b in zip(points, points[1:]))


def test_zones_in_id_order_overlaps_once_and_small_zones():
    big = SurveyZone(10, "threatened", shapely.box(0, 0, 2000, 1000))
    first = SurveyZone(2, "quarantine", shapely.box(0, 0, 1000, 1000))  # overlaps big's west half
    tiny = SurveyZone(3, "occurrence", shapely.Point(5500, 5500).buffer(100))
    feedback = RecordingFeedback()
    points = survey_grid([big, tiny, first], 1000, feedback)
    assert [(p.zone.zone_id, p.x, p.y, p.on_grid) for p in points] == [
        (2, 0, 1000, True), (2, 1000, 1000, True), (2, 1000, 0, True), (2, 0, 0, True),
        (3, pytest.approx(5500, abs=100), pytest.approx(5500, abs=100), False),
        (10, 2000, 1000, True), (10, 2000, 0, True),
    ]
    assert any("3" in w and "on_grid" in w for w in feedback.warnings())
    with pytest.raises(InputError, match="larger spacing"):
        survey_grid([SurveyZone(1, "", shapely.box(0, 0, 100000, 100000))], 10)


def _zones():
    square = f"POLYGON(({X0} {Y0}, {X0 + 2500} {Y0}, {X0 + 2500} {Y0 + 1500}, {X0} {Y0 + 1500}, {X0} {Y0}))"
    return make_layer("Polygon", UTM, [(square, {"zone_id": 1, "zone_type": "quarantine"})], "zones")


def test_surveyplan_and_its_field_package_open_with_forms(rifa_provider, tmp_path):
    import processing

    package = tmp_path / "field.gpkg"
    result = processing.run("rifa:surveyplan", {"ZONES": _zones(), "SPACING": 1000, "OUTPUT": "memory:", "FIELD_PACKAGE": str(package)})
    layer = result["OUTPUT"]
    rows = [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]
    # UTM is the working CRS: nodes at multiples of 1000 m inside the 2.5 x 1.5 km square
    assert result["N_POINTS"] == 6 and [r["point_no"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [(f.geometry().asPoint().x() - X0, f.geometry().asPoint().y() - Y0) for f in layer.getFeatures()] == [
        (0, 1000), (1000, 1000), (2000, 1000), (2000, 0), (1000, 0), (0, 0)]
    assert {r["zone_id"] for r in rows} == {1} and {r["zone_type"] for r in rows} == {"quarantine"}
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem(UTM), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    first = wgs84.transform(X0, Y0 + 1000)
    assert (rows[0]["lon"], rows[0]["lat"]) == (pytest.approx(first.x(), abs=1e-7), pytest.approx(first.y(), abs=1e-7))

    # the package: loaded as QField / QGIS load it, the forms come from layer_styles
    import sqlite3

    connection = sqlite3.connect(package)
    styles = sorted(r[0] for r in connection.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault"))
    connection.close()
    assert styles == ["detections", "survey_points", "surveys"]
    plan = QgsVectorLayer(f"{package}|layername=survey_points", "plan", "ogr")
    assert plan.isValid() and plan.featureCount() == 6 and plan.crs().authid() == "EPSG:4326"
    assert plan.labelsEnabled()
    assert plan.editFormConfig().readOnly(plan.fields().indexOf("point_no"))
    surveys = QgsVectorLayer(f"{package}|layername=surveys", "surveys", "ogr")
    fields = surveys.fields()
    result_setup = surveys.editorWidgetSetup(fields.indexOf("result"))
    assert result_setup.type() == "ValueMap"
    assert result_setup.config()["map"] == [{"阴性(未发现红火蚁)": "negative"}, {"阳性(发现红火蚁)": "positive"}]
    assert surveys.editorWidgetSetup(fields.indexOf("survey_date")).type() == "DateTime"
    assert surveys.editorWidgetSetup(fields.indexOf("photo")).type() == "ExternalResource"
    assert surveys.editorWidgetSetup(fields.indexOf("nest_count")).type() == "Range"
    assert surveys.editorWidgetSetup(fields.indexOf("note")).config()["IsMultiline"] is True
    assert fields.field("team").alias() == "调查队" and fields.field("result").alias() == "调查结果"
    assert surveys.defaultValueDefinition(fields.indexOf("result")).expression() == "'negative'"
    detections = QgsVectorLayer(f"{package}|layername=detections", "detections", "ogr")
    assert detections.editorWidgetSetup(detections.fields().indexOf("found_on")).type() == "DateTime"
    assert detections.fields().field("nest_count").alias() == "蚁巢数"

    # surveys recorded in the package go back into rifa:liftingstatus (only negative ones count)
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
    from qgis.PyQt.QtCore import QDate

    surveys.startEditing()
    for lon, day, outcome in ((rows[0]["lon"], QDate(2024, 3, 1), "negative"), (rows[0]["lon"], QDate(2024, 3, 2), "positive")):
        feature = QgsFeature(fields)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, rows[0]["lat"])))
        feature["team"], feature["survey_date"], feature["result"] = "一队", day, outcome
        assert surveys.addFeature(feature)
    assert surveys.commitChanges(), surveys.commitErrors()
    case = tmp_path / "case.gpkg"
    processing.run("rifa:declarezones", {"CASE": str(case), "QUARANTINE": _zones(), "DECLARED_ON": "2024-01-01"})
    nests = make_layer("Point", UTM, [(f"POINT({X0 + 10} {Y0 + 10})", {"found_on": "2024-02-01"})], "nests")
    status = processing.run("rifa:liftingstatus", {
        "CASE": str(case), "DETECTIONS": nests, "DATE_FIELD": "found_on", "AS_OF": "2024-04-01", "MONTHS_WITHOUT_DETECTION": 24,
        "SURVEYS": QgsVectorLayer(f"{package}|layername=surveys", "s", "ogr"), "SURVEY_DATE_FIELD": "survey_date", "OUTPUT": "memory:"})
    (row,) = status["OUTPUT"].getFeatures()
    assert row["surveys_since_last_detection"] == 1


def test_field_package_through_qgis_process(plugin_parent_dir, tmp_path):
    from rifa_test_utils import qgis_process

    square = f"POLYGON(({X0} {Y0}, {X0 + 2500} {Y0}, {X0 + 2500} {Y0 + 1500}, {X0} {Y0 + 1500}, {X0} {Y0}))"
    make_layer("Polygon", UTM, [(square, {"zone_id": 1})], "zones", tmp_path / "zones.gpkg")
    home = tmp_path / "home"
    assert qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home).returncode == 0
    run = qgis_process(["run", "rifa:surveyplan", "--", f"ZONES={tmp_path / 'zones.gpkg'}", f"OUTPUT={tmp_path / 'points.gpkg'}",
                        f"FIELD_PACKAGE={tmp_path / 'field.gpkg'}"], plugin_parent=plugin_parent_dir, home=home)
    assert run.returncode == 0, run.stdout + run.stderr
    assert QgsVectorLayer(str(tmp_path / "points.gpkg"), "p", "ogr").featureCount() == 6  # the profile's 1000 m
    surveys = QgsVectorLayer(f"{tmp_path / 'field.gpkg'}|layername=surveys", "s", "ogr")
    assert surveys.editorWidgetSetup(surveys.fields().indexOf("result")).type() == "ValueMap"
