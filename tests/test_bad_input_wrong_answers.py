"""Hostile input that used to give a wrong answer with success (issue 14), end to end through
``processing.run``: each run now does the right thing or stops with a message naming the layer,
parameter, field or file at fault. Coordinates that cannot be in their CRS, data spread over
several UTM zones, the antimeridian and the poles, NaN and absurd numbers, layers of the wrong
kind, curved and collection geometries, administrative polygons as barriers, hostile rule
profiles, and the noise users read as failure.
"""

from __future__ import annotations

import gc
import json
import os
import re
import warnings

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterNumber,
    QgsProject,
    QgsVectorLayer,
)
from rifa_test_utils import Recorder, make_layer, qgis_process, sample_counties

from rifa_zoning.core.profile import DEFAULT_PROFILE

UTM = "EPSG:32650"
X0, Y0 = 700000.0, 2812000.0  # Putian in UTM 50N
ZONE_OUTPUTS = ("OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS")
MEMORY_ZONES = {name: "memory:" for name in ZONE_OUTPUTS}


@pytest.fixture(autouse=True)
def _free_layers_while_qgis_runs():
    """Failed runs leave layers in reference cycles (the exceptions' frames): freed now, while QGIS
    runs. Freed after QGIS has exited (pytest's last garbage collection), QGIS 3.22 crashes."""
    yield
    gc.collect()


@pytest.fixture
def cli(plugin_parent_dir, tmp_path):
    """``qgis_process.bin`` with the plugin enabled in a fresh profile (what users run)."""
    home = tmp_path / "home"
    assert qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home).returncode == 0
    return lambda args: qgis_process(args, plugin_parent=plugin_parent_dir, home=home)


def run(algorithm, parameters, feedback=None):
    import processing

    return processing.run(f"rifa:{algorithm}", parameters, feedback=feedback)


def failure(algorithm, parameters, feedback=None) -> str:
    """The message of a run that must fail with a message, never an unexpected error."""
    with pytest.raises(QgsProcessingException) as error:
        run(algorithm, parameters, feedback)
    message = str(error.value.args[0]) if error.value.args else str(error.value)
    assert "Traceback" not in message and "unexpected error" not in message, message
    return message


def points(crs, coordinates, name="nests", path=None):
    return make_layer("Point", crs, [(f"POINT({x} {y})", {"n": i}) for i, (x, y) in enumerate(coordinates)], name, path=path)


def utm_nests(offsets, name="nests"):
    return points(UTM, [(X0 + dx, Y0 + dy) for dx, dy in offsets], name)


def ground_distances(layer, centre_lonlat, *others):
    """Ground distances (WGS 84 ellipsoid) from ``centre_lonlat`` (or the nearest of it and
    ``others``, lon/lat) to every vertex of the features of ``layer`` whose geometry holds that
    point. Measured in the layer's own CRS (a zone across 180° is one polygon only there)."""
    from_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), layer.crs(), QgsProject.instance())
    area = QgsDistanceArea()
    area.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    area.setEllipsoid("EPSG:7030")
    centres = [from_wgs84.transform(QgsPointXY(*c)) for c in (centre_lonlat, *others)]
    found = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        if geometry.contains(QgsGeometry.fromPointXY(centres[0])):
            found.extend(min(area.measureLine(c, QgsPointXY(v.x(), v.y())) for c in centres) for v in geometry.vertices())
    return found


# -- coordinates that cannot be what the CRS says --------------------------------------------------


def test_lat_lon_swapped_utm_metres_as_degrees_and_degrees_as_metres_are_refused(rifa_provider):
    cases = [
        (points("EPSG:4326", [(25.45, 119.0), (25.46, 119.01)], "swapped"), "EPSG:4326", "latitude and longitude swapped"),
        (points("EPSG:4326", [(X0, Y0), (X0 + 500, Y0)], "metres as degrees"), "EPSG:4326", "look like metres"),
        (points(UTM, [(119.0, 25.45), (119.01, 25.46)], "degrees as metres"), UTM, "look like degrees"),
    ]
    for layer, crs, why in cases:
        for algorithm, parameters in (
            ("barrierbuffer", {"INPUT": layer, "DISTANCE": 1000, "OUTPUT": "memory:"}),
            ("delineatezones", {"NESTS": layer, **MEMORY_ZONES}),
        ):
            message = failure(algorithm, parameters)
            assert f"Layer '{layer.name()}'" in message and crs in message and why in message, message
            extent = layer.extent()
            assert f"{extent.xMinimum():.6g}, {extent.yMinimum():.6g}" in message  # the extent found


def test_geojson_in_lat_lon_order_is_refused(rifa_provider, tmp_path):
    path = tmp_path / "nests.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"n": i}, "geometry": {"type": "Point", "coordinates": [lat, lon]}}
        for i, (lon, lat) in enumerate([(119.0, 25.45), (119.01, 25.46)])
    ]}))
    layer = QgsVectorLayer(str(path), "field survey", "ogr")
    assert layer.isValid()
    message = failure("delineatezones", {"NESTS": layer, **MEMORY_ZONES})
    assert "field survey" in message and "EPSG:4326" in message and "swapped" in message


def test_every_layer_is_checked_not_only_the_nests(rifa_provider):
    """A river layer with swapped coordinates would block nothing: refused, naming it."""
    rivers = make_layer("LineString", "EPSG:4326", [("LINESTRING(25.4 119.0, 25.5 119.0)", {})], "rivers")
    nests = points("EPSG:4326", [(119.0, 25.45)])
    message = failure("barrierbuffer", {"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [rivers], "OUTPUT": "memory:"})
    assert "Layer 'rivers'" in message and "swapped" in message


# -- nests over several UTM zones: each region in its own projection --------------------------------

FUJIAN = (119.0, 25.45)
XINJIANG = (87.6, 43.8)
FUJIAN_WEST = (114.5, 25.4)  # 450 km west of Putian: one projection would be 0.06 % off


BRASILIA = (-47.9, -15.8)  # the other side of the Earth


@pytest.mark.parametrize("far", [XINJIANG, FUJIAN_WEST, BRASILIA])
def test_nests_far_apart_keep_the_radius_within_0_1_percent(rifa_provider, far):
    nests = points("EPSG:4326", [FUJIAN, far], "nests")
    feedback = Recorder()
    out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 5000, "OUTPUT": "memory:"}, feedback)["OUTPUT"]
    assert out.featureCount() == 2
    assert any("2 regions" in info for info in feedback.infos)
    for centre in (FUJIAN, far):
        distances = ground_distances(out, centre)
        assert distances, centre
        # every vertex on the true circle or inside it by at most 0.1 % (one projection for both
        # was 3 % off in Xinjiang, 0.07 % for 300 km)
        assert 5000 * 0.999 <= min(distances) and max(distances) <= 5000 * 1.0001, (centre, min(distances), max(distances))


def test_delineatezones_over_two_provinces_numbers_the_zones_of_both(rifa_provider):
    nests = points("EPSG:4326", [FUJIAN, (FUJIAN[0] + 0.01, FUJIAN[1]), XINJIANG], "nests")
    out = run("delineatezones", {"NESTS": nests, **MEMORY_ZONES})
    quarantine = {f["zone_id"]: f for f in out["QUARANTINE_ZONES"].getFeatures()}
    threatened = list(out["THREATENED_ZONES"].getFeatures())
    points_out = list(out["OCCURRENCE_POINTS"].getFeatures())
    assert sorted(quarantine) == [1, 2] and len(threatened) == 2
    assert sorted(p["point_id"] for p in points_out) == [1, 2, 3]
    for zone_id, feature in quarantine.items():
        # each occurrence point's zone holds it; each threatened ring surrounds its own quarantine zone
        for point in points_out:
            if point["zone_id"] == zone_id:
                assert feature.geometry().intersects(point.geometry())
    for ring in threatened:
        (own,) = [int(i) for i in ring["quarantine_ids"].split(",")]
        assert ring.geometry().buffer(1e-6, 4).intersects(quarantine[own].geometry())
    for centre, *others in ((FUJIAN, (FUJIAN[0] + 0.01, FUJIAN[1])), (XINJIANG,)):
        distances = ground_distances(out["OCCURRENCE_AREAS"], centre, *others)
        assert distances and 3000 * 0.999 <= min(distances) and max(distances) <= 3000 * 1.0001


def test_regions_get_their_own_villages_and_barriers(rifa_provider):
    """Each region reads the villages and barriers within its zones' reach, in its own projection."""
    def square(lon, lat, half):
        return f"POLYGON(({lon - half} {lat - half}, {lon + half} {lat - half}, {lon + half} {lat + half}, {lon - half} {lat + half}, {lon - half} {lat - half}))"

    villages = make_layer("Polygon", "EPSG:4326", [(square(*FUJIAN, 0.02), {"name": "莆田村"}), (square(*XINJIANG, 0.02), {"name": "乌鲁木齐村"})],
                          "villages")
    # a river 1 km east of the Xinjiang nest, running north-south for 40 km
    river = make_layer("LineString", "EPSG:4326", [(f"LINESTRING({XINJIANG[0] + 0.0125} {XINJIANG[1] - 0.2}, "
                                                    f"{XINJIANG[0] + 0.0125} {XINJIANG[1] + 0.2})", {})], "river")
    nests = points("EPSG:4326", [FUJIAN, XINJIANG], "nests")
    out = run("delineatezones", {"NESTS": nests, "VILLAGES": villages, "VILLAGE_NAME_FIELD": "name", "BARRIERS": [river],
                                 **MEMORY_ZONES})
    assert sorted(f["village"] for f in out["OCCURRENCE_POINTS"].getFeatures()) == ["乌鲁木齐村", "莆田村"]
    quarantine = QgsGeometry.unaryUnion([f.geometry() for f in out["QUARANTINE_ZONES"].getFeatures()])
    assert quarantine.contains(QgsGeometry.fromPointXY(QgsPointXY(XINJIANG[0] - 0.03, XINJIANG[1])))  # 2.4 km west
    assert not quarantine.contains(QgsGeometry.fromPointXY(QgsPointXY(XINJIANG[0] + 0.03, XINJIANG[1])))  # behind the river


def test_one_region_too_wide_for_one_projection_is_refused_naming_its_extent(rifa_provider):
    chain = points("EPSG:4326", [(116.0 + 0.1 * i, 25.4) for i in range(46)], "chain of nests")
    message = failure("barrierbuffer", {"INPUT": chain, "DISTANCE": 5000, "OUTPUT": "memory:"})
    assert "Layer 'chain of nests' spreads too far for one projection" in message
    assert "115.95°E to 120.55°E" in message and "0.1 %" in message


# -- the antimeridian and the poles ----------------------------------------------------------------


@pytest.mark.parametrize(("coordinates", "words"), [
    ([(179.99, -16.5), (-179.99, -16.5)], "180° meridian"),
    ([(179.98, -16.5)], "180° meridian"),
    ([(10.0, 89.99)], "pole"),
    ([(10.0, -89.99)], "pole"),
])
def test_zones_across_the_antimeridian_or_a_pole_in_degrees_are_refused(rifa_provider, coordinates, words):
    nests = points("EPSG:4326", coordinates, "island nests")
    for algorithm, parameters in (
        ("barrierbuffer", {"INPUT": nests, "DISTANCE": 5000, "OUTPUT": "memory:"}),
        ("delineatezones", {"NESTS": nests, **MEMORY_ZONES}),
    ):
        message = failure(algorithm, parameters)
        assert "island nests" in message and words in message and "EPSG:4326" in message


def test_nests_at_the_antimeridian_in_a_projected_crs_are_zoned(rifa_provider):
    """In UTM 60S the same nests are fine: the zones are true circles on both sides of 180°."""
    utm60s = QgsCoordinateReferenceSystem("EPSG:32760")
    to_utm = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), utm60s, QgsProject.instance())
    lonlat = [(179.99, -16.5), (-179.99, -16.5)]
    projected = [to_utm.transform(QgsPointXY(*p)) for p in lonlat]
    nests = points("EPSG:32760", [(p.x(), p.y()) for p in projected], "fiji")
    out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 5000, "OUTPUT": "memory:"})["OUTPUT"]
    assert out.featureCount() == 1 and all(f.geometry().isGeosValid() for f in out.getFeatures())
    distances = ground_distances(out, *lonlat)  # the two nests 2 km apart make one zone
    assert distances and 5000 * 0.999 <= min(distances) and max(distances) <= 5000 * 1.0001


@pytest.mark.parametrize("xy", [(0.0, 0.0), (0.0, 3000.0)])
def test_nests_at_the_north_pole_in_a_polar_crs_are_zoned(rifa_provider, xy):
    """In a polar CRS (EPSG:3413) a zone over the pole is one true circle. A nest exactly at (0, 0),
    whose extent is QGIS's null rectangle, used to give an empty output."""
    nests = points("EPSG:3413", [xy], "polar nests")
    out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 5000, "OUTPUT": "memory:"})["OUTPUT"]
    assert out.featureCount() == 1
    to_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:3413"), QgsCoordinateReferenceSystem("EPSG:4326"),
                                      QgsProject.instance())
    centre = to_wgs84.transform(QgsPointXY(*xy))
    distances = ground_distances(out, (centre.x(), centre.y()))
    assert distances and 5000 * 0.999 <= min(distances) and max(distances) <= 5000 * 1.0001


# -- NaN, infinity and absurd numbers ---------------------------------------------------------------

NAN, INF = float("nan"), float("inf")


def checkpoint_scene():
    zones = make_layer("Polygon", UTM, [(f"POLYGON(({X0 - 1000} {Y0 - 1000}, {X0 + 1000} {Y0 - 1000}, {X0 + 1000} "
                                         f"{Y0 + 1000}, {X0 - 1000} {Y0 + 1000}, {X0 - 1000} {Y0 - 1000}))", {"zone_id": 1})], "zones")
    roads = make_layer("LineString", UTM, [(f"LINESTRING({X0 - 3000} {Y0}, {X0 + 3000} {Y0})", {})], "roads")
    return zones, roads


@pytest.mark.parametrize(("algorithm", "parameter", "value", "words"), [
    ("barrierbuffer", "DISTANCE", NAN, "must be a finite number"),
    ("barrierbuffer", "DISTANCE", INF, "must be a finite number"),
    ("barrierbuffer", "DISTANCE", 1e9, "must be from 0 to 100000"),
    ("barrierbuffer", "CROSSING_WIDTH", NAN, "must be a finite number"),
    ("barrierbuffer", "CROSSING_WIDTH", 1e9, "must be from 0 to 1000"),
    ("delineatezones", "MIN_POINTS", NAN, "must be a finite number"),
    ("delineatezones", "MIN_POINTS", 1e12, "must be a whole number from 1 to 1000"),
    ("delineatezones", "MIN_POINTS", 2.5, "must be a whole number from 1 to 1000"),
    ("delineatezones", "GROUPING_DISTANCE", NAN, "must be a finite number"),
    ("delineatezones", "GROUPING_DISTANCE", 1e9, "must be from 0 to 5000"),
    ("delineatezones", "QUARANTINE_RADIUS", NAN, "must be a finite number"),
    ("delineatezones", "THREAT_EXTENSION", -INF, "must be a finite number"),
    ("delineatezones", "CROSSING_WIDTH", "nan", "must be a finite number"),  # as qgis_process passes it
    ("checkpoints", "MERGE_DISTANCE", NAN, "must be a finite number"),
    ("checkpoints", "MERGE_DISTANCE", 1e9, "must be from 0 to 1000"),
])
def test_nan_infinity_and_absurd_numbers_are_refused_by_name(rifa_provider, tmp_path, algorithm, parameter, value, words):
    if algorithm == "checkpoints":
        zones, roads = checkpoint_scene()
        parameters = {"ZONES": zones, "ROADS": roads, "OUTPUT": str(tmp_path / "out.gpkg")}
    elif algorithm == "barrierbuffer":
        parameters = {"INPUT": utm_nests([(0, 0)]), "DISTANCE": 1000, "OUTPUT": str(tmp_path / "out.gpkg")}
    else:
        parameters = {"NESTS": utm_nests([(0, 0)]), **{n: str(tmp_path / f"{n}.gpkg") for n in ZONE_OUTPUTS}}
    message = failure(algorithm, {**parameters, parameter: value})
    assert message.splitlines()[-1].startswith(f"{parameter} (") and words in message, message
    assert not list(tmp_path.iterdir())  # refused before any output


def test_every_number_parameter_states_a_sane_range(rifa_provider):
    """Each number parameter of every algorithm is bounded and says so in its description, or
    takes its range from the rule profile (the radii: "legal …")."""
    for algorithm in rifa_provider.algorithms():
        for definition in algorithm.parameterDefinitions():
            if not isinstance(definition, QgsProcessingParameterNumber):
                continue
            where = f"{algorithm.id()} {definition.name()}: {definition.description()}"
            if "legal" in definition.description():
                continue
            assert definition.maximum() < 1e300, where
            assert f"{definition.maximum():g}" in definition.description(), where


def test_crossing_width_zero_with_crossings_is_refused_not_silently_ignored(rifa_provider):
    nests = utm_nests([(0, 0)])
    bridges = make_layer("Point", UTM, [(f"POINT({X0 + 500} {Y0})", {})], "bridges")
    river = make_layer("LineString", UTM, [(f"LINESTRING({X0 + 500} {Y0 - 4000}, {X0 + 500} {Y0 + 4000})", {})], "river")
    message = failure("barrierbuffer", {"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [river], "CROSSINGS": bridges,
                                        "CROSSING_WIDTH": 0, "OUTPUT": "memory:"})
    assert "CROSSING_WIDTH is 0 m" in message and "1 crossing(s)" in message
    # without crossings 0 is harmless and runs
    out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [river], "CROSSING_WIDTH": 0,
                                "OUTPUT": "memory:"})["OUTPUT"]
    assert out.featureCount() == 1


# -- layers of the wrong kind -------------------------------------------------------------------------


def test_layers_of_the_wrong_kind_are_refused_naming_the_expected_geometry(rifa_provider, tmp_path):
    villages = make_layer("Polygon", UTM, [(f"POLYGON(({X0} {Y0}, {X0 + 500} {Y0}, {X0 + 500} {Y0 + 500}, {X0} {Y0}))", {})], "villages")
    rivers = make_layer("LineString", UTM, [(f"LINESTRING({X0} {Y0}, {X0 + 500} {Y0})", {})], "rivers")
    nests = utm_nests([(0, 0), (100, 0)])
    zones, roads = checkpoint_scene()
    counties = sample_counties()
    cases = [
        ("delineatezones", {"NESTS": villages, **MEMORY_ZONES}, "villages", "NESTS", "polygons", "points"),
        ("delineatezones", {"NESTS": rivers, **MEMORY_ZONES}, "rivers", "NESTS", "lines", "points"),
        ("outbreakgrade", {"NESTS": counties, "ADMIN": counties, "COUNTY_CODE_FIELD": "county_code",
                           "COUNTY_NAME_FIELD": "county_name", "OUTPUT": "memory:"}, "counties", "NESTS", "polygons", "points"),
        ("checkpoints", {"ZONES": nests, "ROADS": roads, "OUTPUT": "memory:"}, "nests", "ZONES", "points", "polygons"),
        ("checkpoints", {"ZONES": zones, "ROADS": nests, "OUTPUT": "memory:"}, "nests", "ROADS", "points", "lines"),
        ("affectedunits", {"ZONES": nests, "UNITS": counties, "OUTPUT": "memory:"}, "nests", "ZONES", "points", "polygons"),
        ("lockdownmap", {"QUARANTINE": nests, "OUTPUT": str(tmp_path / "map.pdf")}, "nests", "QUARANTINE", "points", "polygons"),
        ("lockdownmap", {"QUARANTINE": zones, "NESTS": zones, "OUTPUT": str(tmp_path / "map.pdf")}, "zones", "NESTS", "polygons",
         "points"),
        ("lockdownmap", {"QUARANTINE": zones, "ROADS": nests, "OUTPUT": str(tmp_path / "map.pdf")}, "nests", "ROADS", "points",
         "lines"),
    ]
    for algorithm, parameters, layer, parameter, found, expected in cases:
        message = failure(algorithm, parameters)
        assert f"Layer '{layer}' given as {parameter}" in message and f"holds {found}; {parameter} needs {expected}" in message, message
    assert not (tmp_path / "map.pdf").exists()


def test_geometry_collection_nests_get_the_right_message(rifa_provider, tmp_path):
    path = tmp_path / "collections.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "GeometryCollection", "geometries": [
            {"type": "Point", "coordinates": [119.0, 25.45]}, {"type": "Point", "coordinates": [119.01, 25.45]}]}}]}))
    layer = QgsVectorLayer(str(path), "collected nests", "ogr")
    assert layer.isValid()
    for algorithm, parameters, expected in (
        ("delineatezones", {"NESTS": layer, **MEMORY_ZONES}, "save its features as points"),
        ("barrierbuffer", {"INPUT": layer, "DISTANCE": 1000, "OUTPUT": "memory:"}, "save its features as points, lines or polygons"),
    ):
        message = failure(algorithm, parameters)
        assert "Layer 'collected nests' is of type GeometryCollection" in message and expected in message
        assert "coordinate reference system" not in message
    nests = utm_nests([(0, 0)])
    message = failure("barrierbuffer", {"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [layer], "OUTPUT": "memory:"})
    assert "collected nests" in message and "lines or polygons" in message


# -- curved geometries ------------------------------------------------------------------------------

CURVED_WALL = f"CIRCULARSTRING({X0 + 500} {Y0 - 4000}, {X0 + 900} {Y0}, {X0 + 500} {Y0 + 4000})"
CURVED_LAKE = (f"CURVEPOLYGON(CIRCULARSTRING({X0 - 1200} {Y0}, {X0 - 800} {Y0 + 400}, {X0 - 400} {Y0}, "
               f"{X0 - 800} {Y0 - 400}, {X0 - 1200} {Y0}))")


def curved_layers(tmp_path):
    gpkg = tmp_path / "curves.gpkg"
    wall = make_layer("CircularString", UTM, [(CURVED_WALL, {"name": "wall"})], "wall", path=gpkg)
    lake = make_layer("CurvePolygon", UTM, [(CURVED_LAKE, {"name": "lake"})], "lake", path=gpkg)
    arc = CURVED_WALL[len("CIRCULARSTRING"):]
    multi = make_layer("MultiCurve", UTM, [(f"MULTICURVE(CIRCULARSTRING{arc}, ({X0 - 3000} {Y0 + 3000}, {X0 - 2000} {Y0 + 3000}))", {})],
                       "multi", path=gpkg)
    return wall, lake, multi


def test_curved_barriers_from_a_geopackage_are_segmentized_and_block(rifa_provider, tmp_path):
    wall, lake, multi = curved_layers(tmp_path)
    assert [layer.featureCount() for layer in (wall, lake, multi)] == [1, 1, 1]
    nests = utm_nests([(0, 0)])
    for barriers in ([wall, lake], [multi, lake]):
        out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 1500, "BARRIERS": barriers, "OUTPUT": "memory:"})["OUTPUT"]
        zone = QgsGeometry.unaryUnion([f.geometry() for f in out.getFeatures()])
        # the wall's bulge reaches X0 + 900: in front of it inside, behind it outside
        assert zone.contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 800, Y0)))
        assert not zone.contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 1000, Y0)))
        # the lake's interior (a circle of 400 m around X0 - 800) is not zone, within the tolerance
        curved = QgsGeometry.fromWkt(CURVED_LAKE)
        assert zone.intersection(curved).area() < 1.0 * curved.length()


def test_curved_barriers_through_qgis_process(cli, tmp_path):
    """What users run: QGIS's GEOS 3.11 refused the arcs ("Unknown WKB type")."""
    curved_layers(tmp_path)
    nests_path = tmp_path / "nests.gpkg"
    make_layer("Point", UTM, [(f"POINT({X0} {Y0})", {"n": 1})], "nests", path=nests_path)
    done = cli(
        ["run", "rifa:barrierbuffer", "--json", "--", f"INPUT={nests_path}|layername=nests", "DISTANCE=1500",
         f"BARRIERS={tmp_path / 'curves.gpkg'}|layername=wall", f"BARRIERS={tmp_path / 'curves.gpkg'}|layername=lake",
         f"OUTPUT={tmp_path / 'zones.gpkg'}"]
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Unknown WKB" not in done.stdout + done.stderr
    # and NaN as qgis_process passes it (text) is refused by name there too
    nan = cli(["run", "rifa:barrierbuffer", "--", f"INPUT={nests_path}|layername=nests", "DISTANCE=nan",
               f"OUTPUT={tmp_path / 'nan.gpkg'}"])
    assert nan.returncode != 0 and "DISTANCE (" in nan.stdout + nan.stderr and "must be a finite number" in nan.stdout + nan.stderr
    assert not (tmp_path / "nan.gpkg").exists()
    zones = QgsVectorLayer(str(tmp_path / "zones.gpkg"), "zones", "ogr")
    zone = QgsGeometry.unaryUnion([f.geometry() for f in zones.getFeatures()])
    assert not zone.contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 1000, Y0)))


# -- administrative polygons as barriers --------------------------------------------------------------


def test_a_province_polygon_or_the_counties_as_barriers_never_crash(rifa_provider):
    """Every nest inside a barrier polygon: today the polygons' interiors are never zone, so no
    zone can be drawn and the run says why (it used to end on an IndexError, or give nothing with
    exit 0). If the engine lets a nest's own polygon stop blocking it, the run succeeds instead;
    either way the polygons holding the nests are named in the warnings."""
    province = make_layer("Polygon", "EPSG:4326", [("POLYGON((115.8 23.5, 120.7 23.5, 120.7 28.3, 115.8 28.3, 115.8 23.5))", {})],
                          "province")
    nests = points("EPSG:4326", [(119.0, 25.45), (119.01, 25.46), (119.2, 25.5)], "nests")
    for barrier, name in ((province, "province"), (sample_counties(), "counties")):
        for algorithm, parameters in (
            ("delineatezones", {"NESTS": nests, "BARRIERS": [barrier], **MEMORY_ZONES}),
            ("barrierbuffer", {"INPUT": nests, "DISTANCE": 5000, "BARRIERS": [barrier], "OUTPUT": "memory:"}),
        ):
            feedback = Recorder()
            try:
                out = run(algorithm, parameters, feedback)
            except QgsProcessingException as error:
                message = str(error)
                assert "unexpected error" not in message and "IndexError" not in message, message
                assert "No zone can be drawn" in message and "administrative layer" in message
            else:
                assert all(layer.featureCount() > 0 for layer in out.values() if hasattr(layer, "featureCount"))
            assert any(f"barrier polygon '{name} #" in e for e in feedback.errors), (name, feedback.errors)


def test_a_world_sized_barrier_polygon_is_seen_not_silently_ignored(rifa_provider):
    """Reprojected whole into a projection centred on the nests, its far side had no meaningful
    coordinates and it silently held nothing; it is cut to the zones' reach first."""
    world = make_layer("Polygon", "EPSG:4326", [("POLYGON((-179 -85, 179 -85, 179 85, -179 85, -179 -85))", {})], "world")
    nests = points("EPSG:4326", [(119.0, 25.45)], "nests")
    feedback = Recorder()
    try:
        run("barrierbuffer", {"INPUT": nests, "DISTANCE": 5000, "BARRIERS": [world], "OUTPUT": "memory:"}, feedback)
    except QgsProcessingException as error:
        assert "No zone can be drawn" in str(error)
    assert any("barrier polygon 'world #1'" in e for e in feedback.errors), feedback.errors


# -- hostile rule profiles ----------------------------------------------------------------------------


def profile_text():
    return DEFAULT_PROFILE.read_text(encoding="utf-8")


def profile_failure(path) -> str:
    return failure("delineatezones", {"NESTS": utm_nests([(0, 0)]), "PROFILE": str(path), **MEMORY_ZONES})


def test_profiles_in_other_encodings_are_named(rifa_provider, tmp_path):
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(profile_text().encode("gbk"))
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes(profile_text().encode("utf-16"))
    stray = tmp_path / "stray.json"
    stray.write_bytes(profile_text().encode("utf-8").replace(b'"Putian 2006"', b'"Putian\xff 2006"'))
    message = profile_failure(gbk)
    assert str(gbk) in message and "not UTF-8 text" in message and "GBK" in message
    assert str(utf16) in profile_failure(utf16) and "UTF-16" in profile_failure(utf16)
    message = profile_failure(stray)
    assert str(stray) in message and "byte 0xff on line 4" in message


def test_deep_huge_and_infinite_profiles_are_bounded_before_use(rifa_provider, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    assert "levels deep" in profile_failure(deep)
    zero = tmp_path / "zero.json"
    os.symlink("/dev/zero", zero)
    message = profile_failure(zero)
    assert str(zero) in message and "not a regular file" in message
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)  # opening it would wait for a writer for ever
    assert "not a regular file" in profile_failure(pipe)
    big = tmp_path / "big.json"
    big.write_text(profile_text()[:-2] + ", \"padding\": \"" + "x" * 2_000_000 + "\"}")
    assert "larger than 1000 kB" in profile_failure(big)
    data = json.loads(profile_text())
    for value, words in (("1e308", "must be from 0 to 100000 (got 1e+308)"), ("1e400", "must be a finite number"),
                         ("Infinity", "Infinity, which is not a number"), ("NaN", "NaN, which is not a number")):
        path = tmp_path / f"max_{value}.json"
        text = json.dumps(data).replace('"max": 8000', f'"max": {value}')
        path.write_text(text)
        message = profile_failure(path)
        assert str(path) in message and words in message, message
        if "field" in words or "must be" in words:
            assert "zones.quarantine.radius_m.max" in message


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d.__setitem__("grades", 3), "grades", "must be a"),
    (lambda d: d["checklist"][0].__setitem__("grades", 3), "checklist[0].grades", "must be a list"),
    (lambda d: d["checklist"][0].__setitem__("grades", [True]), "checklist[0].grades", "may hold only 3, 2 and 1"),
    (lambda d: d["zones"]["quarantine"].__setitem__("min_points", 10**12), "zones.quarantine.min_points", "from 1 to 1000"),
    (lambda d: d["grades"].__setitem__("grade_I_min_cities", 10**9), "grades.grade_I_min_cities", "from 1 to 10000"),
    (lambda d: d["checklist"][1]["due"].__setitem__("hours", 1e300), "checklist[1].due.hours", "from 0 to 87840"),
    (lambda d: d.__setitem__("checklist", [d["checklist"][0]] * 1001), "checklist", "more than 1000"),
])
def test_absurd_profile_values_are_named(rifa_provider, tmp_path, change, field, words):
    data = json.loads(profile_text())
    change(data)
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    message = profile_failure(path)
    assert str(path) in message and f"'{field}'" in message and words in message, message


# -- noise the user reads as failure ------------------------------------------------------------------


def test_warnings_are_warnings_not_errors(rifa_provider):
    """qgis_process prints reportError as "ERROR:": a warning (here the 3-point rule) must not be one."""
    feedback = Recorder()
    run("delineatezones", {"NESTS": utm_nests([(0, 0)]), **MEMORY_ZONES}, feedback)
    assert any("do not meet the rule" in w for w in feedback.warnings)
    assert feedback.reported_errors == []


def test_no_error_lines_from_a_run_with_warnings_and_a_map_through_qgis_process(cli, tmp_path):
    nests = tmp_path / "nests.gpkg"
    make_layer("Point", UTM, [(f"POINT({X0} {Y0})", {"n": 1})], "nests", path=nests)
    zones = tmp_path / "zones.gpkg"
    done = cli(
        ["run", "rifa:delineatezones", "--", f"NESTS={nests}|layername=nests"]
        + [f"{name}=ogr:dbname='{zones}' table=\"{name.lower()}\" (geom)" for name in ZONE_OUTPUTS]
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "do not meet the rule" in done.stdout + done.stderr  # the warning is shown...
    assert not re.search(r"^ERROR", done.stdout + done.stderr, re.MULTILINE)  # ...not as an error
    assert "RuntimeWarning" not in done.stderr
    done = cli(
        ["run", "rifa:lockdownmap", "--", f"QUARANTINE={zones}|layername=quarantine_zones",
         f"NESTS={nests}|layername=nests", f"OUTPUT={tmp_path / 'map.pdf'}", f"OUTPUT_PNG={tmp_path / 'map.png'}"]
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "map.png").stat().st_size > 10000
    assert "ERROR" not in done.stdout + done.stderr, done.stderr  # was "ERROR 6: PNG driver ..." on every map


def test_floating_point_warnings_of_the_engine_do_not_reach_the_log(rifa_provider):
    """numpy's RuntimeWarnings raised in the plugin's code (NaN lanes it masks afterwards) are
    filtered out for the plugin's modules, shapely and numpy (the filter the plugin installs when
    it loads); warnings of other code are left alone."""
    import rifa_zoning.core.zones.visibility as engine_module
    from rifa_zoning.processing import base

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # what pytest or a user's settings may have put first
        base.quiet_floating_point_warnings()
        # warnings attributed to the engine module, as numpy attributes its ufunc warnings
        exec(compile("import warnings\nwarnings.warn('invalid value encountered in divide', RuntimeWarning)",
                     engine_module.__file__, "exec"), {"__name__": engine_module.__name__})
        exec(compile("import warnings\nwarnings.warn('divide by zero encountered in set_precision', RuntimeWarning)",
                     "shapely/decorators.py", "exec"), {"__name__": "shapely.decorators"})
        exec(compile("import warnings\nwarnings.warn('a warning of another plugin', RuntimeWarning)",
                     "other.py", "exec"), {"__name__": "other_plugin"})
    assert [str(w.message) for w in caught] == ["a warning of another plugin"]
