"""``rifa:delineatezones`` end to end through ``processing.run`` on GeoPackage layers: grouping,
dates, the 3-point rule, attributes, true areas in a geographic CRS, styles on load, and the
zones against independent computations (``rifa:barrierbuffer``; a visibility-graph oracle)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
import shapely
from delineation_oracle import oracle_distances
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingContext,
    QgsProject,
)
from rifa_test_utils import Recorder, make_layer

CRS = "EPSG:32650"  # UTM 50N, Putian
X0, Y0 = 500000.0, 2800000.0
OUTPUTS = ("OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS")


def _run(feedback=None, **parameters):
    import processing

    for output in OUTPUTS:
        parameters.setdefault(output, "TEMPORARY_OUTPUT")
    return processing.run("rifa:delineatezones", parameters, feedback=feedback)


def _features(layer):
    return sorted(layer.getFeatures(), key=lambda f: f["zone_id"] if "zone_id" in f.fields().names() else f.id())


def _shapely(feature):
    return shapely.from_wkb(bytes(feature.geometry().asWkb()))


def _nest_rows(coords, **attributes):
    return [(f"POINT({X0 + x} {Y0 + y})", {**{k: v[i] for k, v in attributes.items()}}) for i, (x, y) in enumerate(coords)]


# -- grouping and dates


def test_a_chain_of_nests_400_m_apart_is_one_occurrence_point(rifa_provider, tmp_path):
    coords = [(400.0 * i, 0.0) for i in range(6)] + [(20000.0, 0.0)]
    nests = make_layer("Point", CRS, _nest_rows(coords, tag=list("abcdefg")), "nests", tmp_path / "nests.gpkg")
    result = _run(NESTS=nests, GROUPING_DISTANCE=500)
    points = list(result["OCCURRENCE_POINTS"].getFeatures())
    assert sorted(p["n_nests"] for p in points) == [1, 6]
    chain = next(p for p in points if p["n_nests"] == 6)
    assert chain.geometry().constGet().numGeometries() == 6  # a multipoint of its nests
    assert result["OCCURRENCE_POINTS"].crs().authid() == CRS


def test_villages_group_nests_copy_names_and_nests_outside_are_grouped_by_distance(rifa_provider, tmp_path):
    path = tmp_path / "villages.gpkg"
    villages = make_layer(
        "Polygon", CRS,
        [(f"POLYGON(({X0} {Y0}, {X0 + 1000} {Y0}, {X0 + 1000} {Y0 + 1000}, {X0} {Y0 + 1000}, {X0} {Y0}))", {"name": "后塘村"}),
         (f"POLYGON(({X0 + 3000} {Y0}, {X0 + 4000} {Y0}, {X0 + 4000} {Y0 + 1000}, {X0 + 3000} {Y0 + 1000}, {X0 + 3000} {Y0}))", {"name": "东庄"})],
        "villages", path,
    )
    coords = [(100, 100), (900, 900), (3500, 500), (1300, 500), (1700, 500), (2400, 500)]
    dates = ["2024-05-03", "2024-04-28", "2024-05-10", "2024-06-01T09:30:00", None, "2024-06-02"]
    nests = make_layer("Point", CRS, _nest_rows(coords, found=dates), "nests", path)
    feedback = Recorder()
    result = _run(feedback, NESTS=nests, VILLAGES=villages, VILLAGE_NAME_FIELD="name", DATE_FIELD="found")
    points = {p["point_id"]: p for p in result["OCCURRENCE_POINTS"].getFeatures()}
    assert len(points) == 4
    by_village = {p["village"]: p for p in points.values()}
    assert by_village["后塘村"]["n_nests"] == 2 and by_village["东庄"]["n_nests"] == 1
    # a time of day in the data: first/last seen are date-times
    assert by_village["后塘村"]["first_seen"].toPyDateTime() == dt.datetime(2024, 4, 28)
    assert by_village["后塘村"]["last_seen"].toPyDateTime() == dt.datetime(2024, 5, 3)
    outside = sorted((p for p in points.values() if p["village"] in (None, "") or p.attribute("village") is None
                      or str(p["village"]) == "NULL"), key=lambda p: p["n_nests"])
    assert [p["n_nests"] for p in outside] == [1, 2]
    assert outside[1]["first_seen"].toPyDateTime() == dt.datetime(2024, 6, 1, 9, 30)
    assert any("outside every village" in text for text in feedback.infos)


def test_bad_dates_are_reported_with_their_feature_id(rifa_provider, tmp_path):
    nests = make_layer("Point", CRS, _nest_rows([(0, 0), (300, 0)], found=["2024-05-03", "3 May"]), "nests",
                       tmp_path / "nests.gpkg")
    feedback = Recorder()
    result = _run(feedback, NESTS=nests, DATE_FIELD="found")
    (point,) = result["OCCURRENCE_POINTS"].getFeatures()
    assert point["first_seen"].toPyDate() == point["last_seen"].toPyDate() == dt.date(2024, 5, 3)
    bad = [text for text in feedback.errors if "not dates" in text]
    assert bad and "2 ('3 May')" in bad[0]  # GeoPackage feature ids start at 1


# -- the 3-point rule and the attributes


def test_zones_with_fewer_than_min_points_are_drawn_flagged_and_logged(rifa_provider, tmp_path):
    # west: 3 occurrence points 1 km apart; east, 60 km away: 2 occurrence points
    coords = [(0, 0), (1000, 0), (2000, 0), (60000, 0), (61000, 0)]
    nests = make_layer("Point", CRS, _nest_rows(coords), "nests", tmp_path / "nests.gpkg")
    feedback = Recorder()
    result = _run(feedback, NESTS=nests, GROUPING_DISTANCE=500, QUARANTINE_RADIUS=3000, OCCURRENCE_RADIUS=2000,
                  THREAT_EXTENSION=5000)
    quarantine = _features(result["QUARANTINE_ZONES"])
    assert [(z["zone_id"], z["n_points"], z["n_nests"], z["meets_rule"]) for z in quarantine] == [
        (1, 3, 3, True), (2, 2, 2, False)]
    occurrence = _features(result["OCCURRENCE_AREAS"])
    assert [(z["n_points"], z["meets_rule"]) for z in occurrence] == [(3, True), (2, False)]
    threatened = _features(result["THREATENED_ZONES"])
    assert [(z["quarantine_ids"], z["n_points"], z["meets_rule"]) for z in threatened] == [("1", 3, True), ("2", 2, False)]
    logged = [text for text in feedback.errors if "quarantine zone(s) hold fewer than 3" in text]
    assert logged and "2 (2)" in logged[0] and "1 (3)" not in logged[0]
    points = {p["point_id"]: p["zone_id"] for p in result["OCCURRENCE_POINTS"].getFeatures()}
    assert points == {1: 1, 2: 1, 3: 1, 4: 2, 5: 2}


def test_min_points_parameter_changes_the_rule(rifa_provider, tmp_path):
    nests = make_layer("Point", CRS, _nest_rows([(0, 0), (1000, 0)]), "nests", tmp_path / "nests.gpkg")
    result = _run(NESTS=nests, MIN_POINTS=2)
    (zone,) = result["QUARANTINE_ZONES"].getFeatures()
    assert zone["n_points"] == 2 and zone["meets_rule"] is True


def test_attributes_and_true_areas_for_geographic_nests(rifa_provider, tmp_path):
    # two nests near Putian in longitude/latitude, 50 km apart: two separate zones
    nests = make_layer("Point", "EPSG:4326", [("POINT(119.0 25.43)", {}), ("POINT(119.5 25.43)", {})], "nests",
                       tmp_path / "nests.gpkg")
    feedback = Recorder()
    result = _run(feedback, NESTS=nests, OCCURRENCE_RADIUS=2000, QUARANTINE_RADIUS=5000, THREAT_EXTENSION=10000)
    assert any("Transverse Mercator" in text for text in feedback.infos)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    expected = {"occurrence": math.pi * 2.0**2, "quarantine": math.pi * 5.0**2, "threatened": math.pi * (15.0**2 - 5.0**2)}
    radius = {"occurrence": 2000, "quarantine": 5000, "threatened": 10000}
    for output, kind in (("OCCURRENCE_AREAS", "occurrence"), ("QUARANTINE_ZONES", "quarantine"),
                         ("THREATENED_ZONES", "threatened")):
        layer = result[output]
        assert layer.crs() == wgs84
        zones = _features(layer)
        assert len(zones) == 2
        for zone in zones:
            assert zone["zone_type"] == kind and zone["radius_m"] == radius[kind]
            assert zone["profile"] == "Putian 2006 (莆政办[2006]2号)"
            assert dt.datetime.fromisoformat(zone["computed_at"]).tzinfo is not None
            # independent: the polygon in a local Lambert equal-area projection centred on it
            centre = zone.geometry().centroid().asPoint()
            laea = QgsCoordinateReferenceSystem.fromProj(
                f"+proj=laea +lat_0={centre.y()} +lon_0={centre.x()} +datum=WGS84 +units=m +no_defs")
            geometry = zone.geometry()
            geometry.transform(QgsCoordinateTransform(wgs84, laea, QgsProject.instance()))
            independent = geometry.area() / 1e6
            assert zone["area_km2"] == pytest.approx(independent, rel=5e-4)
            # and the disk (ring) it should be, up to the inscribed-polygon error
            assert zone["area_km2"] == pytest.approx(expected[kind], rel=4e-3)
            assert zone["area_km2"] <= expected[kind] * (1 + 1e-4)


def test_computed_before_written_nothing_is_left_on_a_range_error(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    nests = make_layer("Point", CRS, _nest_rows([(0, 0)]), "nests", tmp_path / "nests.gpkg")
    outputs = {name: str(tmp_path / f"{name}.gpkg") for name in OUTPUTS}
    with pytest.raises(QgsProcessingException):
        _run(NESTS=nests, QUARANTINE_RADIUS=100, **outputs)
    assert not any((tmp_path / f"{name}.gpkg").exists() for name in OUTPUTS)


# -- styles


def test_outputs_loaded_into_the_project_get_the_zone_styles(rifa_provider, qgis_iface, tmp_path):
    import processing

    nests = make_layer("Point", CRS, _nest_rows([(0, 0), (1000, 0), (2000, 0)]), "nests", tmp_path / "nests.gpkg")
    project = QgsProject.instance()
    project.removeAllMapLayers()
    # as the Processing dialog does: outputs loaded into the project, post-processors called
    processing.runAndLoadResults(
        "rifa:delineatezones", {"NESTS": nests, **{name: "TEMPORARY_OUTPUT" for name in OUTPUTS}},
        context=QgsProcessingContext(),
    )
    colours = {}
    for layer in project.mapLayers().values():
        renderer = layer.renderer()
        if hasattr(renderer, "rootRule"):
            colours[layer.name()] = renderer.rootRule().children()[0].symbol().color().name()
            label = layer.labeling().settings().fieldName
            assert layer.labelsEnabled() and ("zone_id" in label and "area_km2" in label or "point_id" in label)
    assert colours == {"Occurrence areas": "#e31a1c", "Quarantine zones": "#fd8d3c", "Threatened zones": "#ffe34d",
                       "Occurrence points": "#67000d"}
    project.removeAllMapLayers()


# -- exactness against independent computations


def _river_scene(tmp_path):
    """Nests on both sides of a river that ends 2 km north of them, and a ridge to the east."""
    path = tmp_path / "scene.gpkg"
    nests = make_layer(
        "Point", CRS, _nest_rows([(0, 0), (300, -200), (-1500, 600), (3500, -1000), (3900, -600)]), "nests", path)
    river = [(1500.0, -30000.0), (1500.0, 2000.0)]
    ridge = [(7000.0, -3000.0), (9000.0, 4000.0)]
    lines = make_layer(
        "LineString", CRS,
        [(f"LINESTRING({X0 + river[0][0]} {Y0 + river[0][1]}, {X0 + river[1][0]} {Y0 + river[1][1]})", {"kind": "river"}),
         (f"LINESTRING({X0 + ridge[0][0]} {Y0 + ridge[0][1]}, {X0 + ridge[1][0]} {Y0 + ridge[1][1]})", {"kind": "ridge"})],
        "barriers", path,
    )
    return nests, lines, [river, ridge]


def test_quarantine_zones_equal_barrierbuffer_of_all_nests(rifa_provider, tmp_path):
    import processing

    nests, lines, _ = _river_scene(tmp_path)
    result = _run(NESTS=nests, BARRIERS=[lines], QUARANTINE_RADIUS=5000)
    reference = processing.run("rifa:barrierbuffer", {
        "INPUT": nests, "DISTANCE": 5000, "BARRIERS": [lines], "DISSOLVE": True, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    ours = shapely.union_all([_shapely(f) for f in result["QUARANTINE_ZONES"].getFeatures()])
    theirs = shapely.union_all([_shapely(f) for f in reference.getFeatures()])
    assert ours.area > 0 and theirs.area > 0
    # equal up to the engine's accuracy: delineatezones runs its three radii in one expansion, at
    # the (finer) segmentation of the smallest radius, so the vertices differ, not the zone
    tol = max(1.0, 1e-3 * 5000)
    assert ours.geom_type == theirs.geom_type and len(shapely.get_parts(ours)) == len(shapely.get_parts(theirs))
    # (not a Hausdorff distance of the boundaries: where a zone reaches both sides of a barrier
    # line, the line stays as a sliver-thin inlet whose length depends on rounding)
    assert shapely.difference(ours, shapely.buffer(theirs, tol)).area <= 1e-9 * theirs.area
    assert shapely.difference(theirs, shapely.buffer(ours, tol)).area <= 1e-9 * theirs.area
    assert shapely.symmetric_difference(ours, theirs).area <= tol * theirs.boundary.length
    # the river really shapes the zone: it is not the plain disk union
    disks = shapely.union_all([_shapely(f).buffer(5000, 256) for f in nests.getFeatures()])
    assert disks.area - ours.area > 1e6


def test_threatened_ring_is_exact_against_a_visibility_graph_oracle(rifa_provider, tmp_path):
    nests, lines, barriers = _river_scene(tmp_path)
    r_q, e = 5000.0, 5000.0
    result = _run(NESTS=nests, BARRIERS=[lines], QUARANTINE_RADIUS=r_q, THREAT_EXTENSION=e)
    shift = np.array([X0, Y0])
    ring = shapely.union_all([_shapely(f) for f in result["THREATENED_ZONES"].getFeatures()])
    quarantine = shapely.union_all([_shapely(f) for f in result["QUARANTINE_ZONES"].getFeatures()])
    ring = shapely.affinity.translate(ring, -X0, -Y0)
    quarantine = shapely.affinity.translate(quarantine, -X0, -Y0)
    sources = [np.array(f.geometry().asPoint()) - shift for f in nests.getFeatures()]

    rng = np.random.default_rng(11)
    samples = rng.uniform([-12000, -12000], [16000, 12000], (1500, 2))
    barrier_lines = shapely.MultiLineString(barriers)
    samples = samples[shapely.distance(shapely.points(samples), barrier_lines) > 20.0]  # off the barriers
    d = oracle_distances(sources, barriers, samples)
    inside_ring = shapely.contains_xy(ring, samples[:, 0], samples[:, 1])
    inside_q = shapely.contains_xy(quarantine, samples[:, 0], samples[:, 1])
    tol_q, tol_outer = max(1.0, 1e-3 * r_q), max(1.0, 1e-3 * (r_q + e))

    near_nests = d <= r_q - tol_q
    in_band = (d >= r_q + tol_q) & (d <= r_q + e - tol_outer)
    beyond = d >= r_q + e + tol_outer
    assert near_nests.sum() > 50 and in_band.sum() > 200 and beyond.sum() > 100
    assert not inside_ring[near_nests].any() and inside_q[near_nests].all()
    assert inside_ring[in_band].all(), samples[in_band & ~inside_ring][:5]
    assert not inside_ring[beyond].any(), samples[beyond & inside_ring][:5]
    assert not inside_q[in_band | beyond].any()
    # the river matters here: points behind it that a plain ring would wrongly include or exclude
    plain = np.hypot(*(samples[:, None, :] - np.asarray(sources)[None]).transpose(2, 0, 1)).min(axis=1)
    assert ((plain <= r_q + e - tol_outer) & beyond).sum() > 10


def test_qgis_process_run_takes_left_out_radii_from_the_given_profile(plugin_parent_dir, tmp_path):
    import json

    from qgis.core import QgsVectorLayer
    from rifa_test_utils import qgis_process

    from rifa_zoning.core.profile import DEFAULT_PROFILE

    profile = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    profile["name"] = "Test bureau"
    profile["zones"]["quarantine"]["radius_m"] = {"min": 1000, "max": 4500, "default": 4000}
    profile["zones"]["quarantine"]["min_points"] = 2
    (tmp_path / "bureau.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    make_layer("Point", CRS, _nest_rows([(0, 0), (1000, 0)]), "nests", tmp_path / "nests.gpkg")
    home = tmp_path / "home"
    assert qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home).returncode == 0
    outputs = [f"{name}={tmp_path / name}.gpkg" for name in OUTPUTS]
    run = qgis_process(["run", "rifa:delineatezones", "--", f"NESTS={tmp_path / 'nests.gpkg'}",
                        f"PROFILE={tmp_path / 'bureau.json'}", *outputs], plugin_parent=plugin_parent_dir, home=home)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Rule profile: Test bureau" in run.stdout
    layer = QgsVectorLayer(str(tmp_path / "QUARANTINE_ZONES.gpkg"), "q", "ogr")
    (zone,) = layer.getFeatures()
    assert zone["radius_m"] == 4000 and zone["meets_rule"] and zone["profile"].startswith("Test bureau")
    # two disks of 4 km, 1 km apart: their union
    r, d = 4.0, 1.0
    lens = 2 * r**2 * math.acos(d / (2 * r)) - d / 2 * math.sqrt(4 * r**2 - d**2)
    assert zone["area_km2"] == pytest.approx(2 * math.pi * r**2 - lens, rel=3e-3)


def test_a_run_is_recorded_with_a_readable_summary(rifa_provider, tmp_path):
    from rifa_zoning.tools.records import RecordsLog, set_records_path

    project = QgsProject.instance()
    set_records_path(project, str(tmp_path / "records.gpkg"))
    try:
        nests = make_layer("Point", CRS, _nest_rows([(0, 0), (1000, 0), (2000, 0), (60000, 0)]), "nests",
                           tmp_path / "nests.gpkg")
        results = _run(NESTS=nests, QUARANTINE_RADIUS=3000)
    finally:
        set_records_path(project, None)
    record = RecordsLog(tmp_path / "records.gpkg").latest("rifa:delineatezones")
    assert record is not None
    assert record["result"] == results["SUMMARY"]  # the summary is an output, not state of the algorithm
    assert record["result"].startswith("4 nests, 4 occurrence points; occurrence areas 2 (1 meet the rule")
    assert "quarantine zones 2 (1 meet the rule" in record["result"] and "Putian 2006" in record["result"]
