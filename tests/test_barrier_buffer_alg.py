"""rifa:barrierbuffer end to end through processing.run on GeoPackage layers."""

from __future__ import annotations

import math

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from rifa_test_utils import Recorder, make_layer

UTM50 = "EPSG:32650"  # Putian lies in UTM zone 50N
X0, Y0 = 700000.0, 2812000.0  # a wall along x = X0 from Y0 - 2000 to Y0 + 2000


def transform(points, src, dst):
    t = QgsCoordinateTransform(QgsCoordinateReferenceSystem(src), QgsCoordinateReferenceSystem(dst), QgsProject.instance())
    return [t.transform(QgsPointXY(x, y)) for x, y in points]


def wall_layer(tmp_path, crs=UTM50, name="rivers"):
    a, b = transform([(X0, Y0 - 2000), (X0, Y0 + 2000)], UTM50, crs)
    wkt = f"LineString ({a.x()} {a.y()}, {b.x()} {b.y()})"
    return make_layer("LineString", crs, [(wkt, {"name": "wall"})], name, path=tmp_path / f"{name}.gpkg")


def nests_layer(tmp_path, crs, points_utm, name="nests"):
    rows = []
    for i, p in enumerate(transform(points_utm, UTM50, crs)):
        rows.append((f"Point ({p.x()} {p.y()})", {"nest": f"N{i + 1}", "count": i + 1}))
    return make_layer("Point", crs, rows, name, path=tmp_path / f"{name}.gpkg")


def run(parameters, feedback=None):
    import processing

    parameters = {"OUTPUT": "memory:", **parameters}
    return processing.run("rifa:barrierbuffer", parameters, feedback=feedback)


def output_contains(layer: QgsVectorLayer, points_utm):
    """For each UTM point: is it inside some output zone (tested in the output's CRS)?"""
    pts = transform(points_utm, UTM50, layer.crs().authid())
    zones = [f.geometry() for f in layer.getFeatures()]
    return [any(z.contains(QgsGeometry.fromPointXY(p)) for z in zones) for p in pts]


@pytest.mark.parametrize("crs", ["EPSG:3857", "EPSG:4326", UTM50])
def test_zone_respects_the_wall_in_any_input_crs(rifa_provider, tmp_path, crs):
    nests = nests_layer(tmp_path, crs, [(X0 - 100, Y0)])
    feedback = Recorder()
    result = run({"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [wall_layer(tmp_path)]}, feedback)
    layer = result["OUTPUT"]
    assert layer.crs().authid() == crs
    assert layer.featureCount() == 1
    feature = next(layer.getFeatures())
    assert feature["zone_id"] == 1 and feature["radius_m"] == 1000
    # the wall blocks: the zone is the disk minus what lies beyond the wall (within 1000 m)
    expected_km2 = (math.pi * 1000**2 - (1000**2 * math.acos(0.1) - 100 * math.sqrt(1000**2 - 100**2))) / 1e6
    assert feature["area_km2"] == pytest.approx(expected_km2, rel=0.01)
    assert output_contains(layer, [(X0 - 900, Y0), (X0 + 200, Y0), (X0 + 5, Y0 + 2000 + 50)]) == [True, False, False]
    log = " ".join(feedback.infos)
    assert "Working CRS" in log
    if crs != UTM50:
        assert "local Transverse Mercator" in log


def test_mixed_crs_barriers_and_dissolve_false_keeps_attributes(rifa_provider, tmp_path):
    nests = nests_layer(tmp_path, "EPSG:4326", [(X0 - 100, Y0), (X0 + 100, Y0), (X0 - 150, Y0 + 100)])
    lake_utm = [(X0 - 700, Y0 - 300), (X0 - 400, Y0 - 300), (X0 - 400, Y0 + 300), (X0 - 700, Y0 + 300)]
    lake = transform(lake_utm, UTM50, "EPSG:3857")
    lake_wkt = "Polygon ((" + ", ".join(f"{p.x()} {p.y()}" for p in [*lake, lake[0]]) + "))"
    lakes = make_layer("Polygon", "EPSG:3857", [(lake_wkt, {"name": "lake"})], "lakes", path=tmp_path / "lakes.gpkg")
    result = run(
        {"INPUT": nests, "DISTANCE": 800, "BARRIERS": [wall_layer(tmp_path, UTM50), lakes], "DISSOLVE": False}
    )
    layer = result["OUTPUT"]
    assert layer.crs().authid() == "EPSG:4326"
    features = list(layer.getFeatures())
    assert [f["nest"] for f in features] == ["N1", "N2", "N3"]
    assert [f["count"] for f in features] == [1, 2, 3]
    assert all(f["radius_m"] == 800 and f["area_km2"] > 0 for f in features)
    west, east = features[0].geometry(), features[1].geometry()
    (p_west, p_east, p_lake, p_behind_lake) = transform(
        [(X0 - 300, Y0), (X0 + 300, Y0), (X0 - 550, Y0), (X0 - 750, Y0)], UTM50, "EPSG:4326"
    )
    assert west.contains(QgsGeometry.fromPointXY(p_west)) and not west.contains(QgsGeometry.fromPointXY(p_east))
    assert east.contains(QgsGeometry.fromPointXY(p_east)) and not east.contains(QgsGeometry.fromPointXY(p_west))
    assert not west.contains(QgsGeometry.fromPointXY(p_lake))  # lake interiors are never zone
    # behind the lake: 650 m straight but around the lake corner 100 + ~360 + ... > 800? the corner
    # (X0-400, Y0+300) is 424 m away, then 461 m to the point: hidden behind the lake
    assert not west.contains(QgsGeometry.fromPointXY(p_behind_lake))


def test_crossings_open_the_wall_and_a_far_crossing_warns(rifa_provider, tmp_path):
    nests = nests_layer(tmp_path, UTM50, [(X0 - 300, Y0)])
    crossings = make_layer(
        "Point", UTM50,
        # "nowhere" lies within reach of the zone (crossings out of reach are not read) but 900 m off the wall
        [(f"Point ({X0} {Y0})", {"name": "bridge"}), (f"Point ({X0 - 900} {Y0 + 300})", {"name": "nowhere"})],
        "bridges", path=tmp_path / "bridges.gpkg",
    )
    feedback = Recorder()
    result = run(
        {"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [wall_layer(tmp_path)], "CROSSINGS": crossings,
         "CROSSING_WIDTH": 100},
        feedback,
    )
    layer = result["OUTPUT"]
    assert output_contains(layer, [(X0 + 500, Y0), (X0 + 200, Y0 + 400), (X0 + 300, Y0 + 700)]) == [True, True, False]
    assert any("bridges #2" in e and "opens nothing" in e for e in feedback.errors)
    closed = run({"INPUT": nests, "DISTANCE": 1000, "BARRIERS": [wall_layer(tmp_path)]})["OUTPUT"]
    assert output_contains(closed, [(X0 + 500, Y0)]) == [False]


def test_without_barriers_it_is_the_dissolved_buffer(rifa_provider, tmp_path):
    nests = nests_layer(tmp_path, UTM50, [(X0, Y0), (X0 + 500, Y0), (X0 + 5000, Y0)])
    layer = run({"INPUT": nests, "DISTANCE": 1000})["OUTPUT"]
    features = sorted(layer.getFeatures(), key=lambda f: f["zone_id"])
    assert [f["zone_id"] for f in features] == [1, 2]
    import processing

    reference = processing.run(
        "native:buffer", {"INPUT": nests, "DISTANCE": 1000, "SEGMENTS": 64, "DISSOLVE": True, "OUTPUT": "memory:"}
    )["OUTPUT"]
    ref = next(reference.getFeatures()).geometry()
    ours = QgsGeometry.unaryUnion([f.geometry() for f in features])
    assert ours.symDifference(ref).area() <= ref.length() * 1.0


def test_empty_input_gives_an_empty_output_and_a_warning(rifa_provider, tmp_path):
    empty = make_layer("Point", UTM50, [(None, {"nest": "no geometry"})], "empty", path=tmp_path / "empty.gpkg")
    feedback = Recorder()
    layer = run({"INPUT": empty, "DISTANCE": 1000, "BARRIERS": [wall_layer(tmp_path)]}, feedback)["OUTPUT"]
    assert layer.featureCount() == 0
    assert any("no feature with a geometry" in e for e in feedback.errors)


@pytest.mark.parametrize("distance", [0, -100])
def test_distance_must_be_positive(rifa_provider, tmp_path, distance):
    nests = nests_layer(tmp_path, UTM50, [(X0, Y0)])
    # 0 passes the parameter's range and is refused by the algorithm; -100 by the range, naming it
    expected = "greater than 0" if distance == 0 else r"DISTANCE \(.*\) must be from 0 to 100000 \(got -100\)"
    with pytest.raises(QgsProcessingException, match=expected):
        run({"INPUT": nests, "DISTANCE": distance})


def test_point_layer_as_barrier_is_refused(rifa_provider, tmp_path):
    nests = nests_layer(tmp_path, UTM50, [(X0, Y0)])
    with pytest.raises(QgsProcessingException, match="not a line or polygon layer"):
        run({"INPUT": nests, "DISTANCE": 100, "BARRIERS": [nests]})



def test_a_large_run_in_a_background_task_keeps_the_event_loop_running(rifa_provider):
    """As the desktop runs it: a QgsProcessingAlgRunnerTask in the task manager. The engine's own fold
    thread runs inside that task; the main thread's event loop (the window) must keep ticking, and
    the task must finish with the right zone."""
    import time

    import numpy as np
    import shapely
    from qgis.core import (
        QgsApplication,
        QgsProcessingAlgRunnerTask,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )
    from qgis.PyQt.QtCore import QTimer

    rng = np.random.default_rng(3)
    centres = rng.uniform([2000, 5000], [18000, 8500], (20, 2))  # south of the river
    xy = centres[rng.integers(0, 20, 2000)] + rng.normal(0, 300, (2000, 2))
    nests = make_layer("Point", UTM50, [(f"Point ({X0 + x} {Y0 + y})", {}) for x, y in xy], "nests")
    t = np.linspace(0, 20000, 2000)  # a meandering river across the scene
    river = np.column_stack([X0 + t, Y0 + 10000 + 800 * np.sin(t / 700.0)])
    rivers = make_layer("LineString", UTM50, [(shapely.LineString(river).wkt, {})], "rivers")
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("rifa:barrierbuffer")
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    parameters = {"INPUT": nests, "DISTANCE": 3000, "BARRIERS": [rivers], "OUTPUT": "memory:"}
    task = QgsProcessingAlgRunnerTask(algorithm, parameters, context, feedback)
    finished = []
    task.executed.connect(lambda ok, results: finished.append((ok, results)))
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + 180
    while not finished and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.002)
    timer.stop()
    assert finished and finished[0][0], feedback.textLog()
    assert len(ticks) > 10
    assert max(np.diff(ticks)) < 1.0  # the window never froze for a second
    output = context.takeResultLayer(finished[0][1]["OUTPUT"])
    zone = shapely.union_all([shapely.from_wkt(f.geometry().asWkt()) for f in output.getFeatures()])
    nest_points = shapely.points(np.column_stack([X0 + xy[:, 0], Y0 + xy[:, 1]]))
    assert shapely.contains(zone, nest_points).all()
    # north of the river, mid-scene (the way round its ends is over 7 km): within 2.9 km of a nest
    # but across the river, so not in the zone
    assert (xy[:, 1] < 10000 + 800 * np.sin(xy[:, 0] / 700.0)).all()
    probe = rng.uniform([7000, 0], [13000, 20000], (20000, 2))
    probe = probe[probe[:, 1] > 10000 + 800 * np.sin(probe[:, 0] / 700.0) + 10]
    probe_points = shapely.points(np.column_stack([X0 + probe[:, 0], Y0 + probe[:, 1]]))
    across = probe_points[shapely.dwithin(shapely.multipoints(nest_points), probe_points, 2900.0)]
    assert len(across) > 20
    assert not shapely.contains(zone, across).any()
