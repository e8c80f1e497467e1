"""The production-process tier: the algorithms run through ``qgis_process.bin`` as technicians run
them, so the GEOS that QGIS itself links (3.11 on Debian 12) is the one loaded, not shapely's own
(pytest never loads it: production-only failures are invisible to the rest of the suite).

Issue 13, item 1: with QGIS's GEOS loaded first, ``shapely.to_wkb`` without ``output_dimension``
asked for 4 dimensions and both zoning algorithms stopped with "WKB output dimension must be 2 or
3" on these scenes (random nests around the Putian sample rivers, 1,000 nests without barriers,
nests among random-walk rivers). The zones produced here are also checked against true
shortest-path distances from an external library (see ``independent_oracle.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sysconfig

import numpy as np
import pytest
import shapely
from independent_oracle import TrueDistances, boundary_points, judge
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)
from rifa_test_utils import SAMPLE_GPKG, make_layer, qgis_process

from rifa_zoning.core.zones import tolerance
from rifa_zoning.core.zones.coverage import REFRESH_MIN
from rifa_zoning.core.zones.expansion import VERTEX_BATCH

pytestmark = pytest.mark.production

UTM = "EPSG:32650"
QUARANTINE_OUTPUTS = ("OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS")


@pytest.fixture(scope="module")
def qgis_home(plugin_parent_dir, tmp_path_factory):
    """A throwaway profile with the plugin enabled, shared by the runs of this module."""
    home = tmp_path_factory.mktemp("home")
    enabled = qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home)
    assert enabled.returncode == 0, enabled.stderr
    return home


def run_algorithm(plugin_parent_dir, home, algorithm: str, params: list[str]) -> str:
    done = qgis_process(["run", algorithm, "--", *params], plugin_parent=plugin_parent_dir, home=home, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "GEOSException" not in done.stdout + done.stderr
    return done.stdout


def nest_layer(path, crs: str, xy) -> str:
    make_layer("Point", crs, [(f"POINT ({float(x)!r} {float(y)!r})", {"name": f"n{i}"}) for i, (x, y) in enumerate(xy)],
               "nests", path)
    return f"{path}|layername=nests"


def line_layer(path, crs: str, lines) -> str:
    rows = [("LINESTRING (" + ", ".join(f"{float(x)!r} {float(y)!r}" for x, y in line) + ")", {"name": f"river {i}"})
            for i, line in enumerate(lines)]
    make_layer("LineString", crs, rows, "rivers", path)
    return f"{path}|layername=rivers"


def zone_geometry(path) -> shapely.Geometry:
    """The output zone as one shapely geometry (its CRS is the input's)."""
    layer = zone_layer(path)
    return shapely.union_all([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in layer.getFeatures()])


def engine_figures(log: str) -> dict:
    """The zone engine's own counts from its log line ("Zone engine: 60 source point(s), ...")."""
    found = re.search(r"Zone engine: (\d+) source point\(s\), (\d+) generator\(s\), (\d+) with barriers in reach, "
                      r"(\d+) skipped", log)
    assert found, log[-2000:]
    return dict(zip(("sources", "generators", "visibility", "skipped"), map(int, found.groups())))


def zone_layer(path) -> QgsVectorLayer:
    layer = QgsVectorLayer(str(path), "zone", "ogr")
    assert layer.isValid() and layer.featureCount() >= 1
    return layer


def random_walk_rivers(rng, n_rivers: int, x0: float, y0: float, size: float, steps: int = 40, step: float = 150.0):
    """Meandering polylines: each heading turns by a random angle every ``step`` metres."""
    rivers = []
    for _ in range(n_rivers):
        x, y = x0 + rng.uniform(0, size), y0 + rng.uniform(0, size)
        heading = rng.uniform(0, 2 * np.pi)
        points = [(x, y)]
        for _ in range(steps):
            heading += rng.normal(0, 0.5)
            x, y = x + step * np.cos(heading), y + step * np.sin(heading)
            points.append((x, y))
        rivers.append(points)
    return rivers


def test_both_zoning_algorithms_on_random_nests_around_the_putian_rivers(plugin_parent_dir, qgis_home, tmp_path):
    rng = np.random.default_rng(1301)
    xy = np.column_stack([rng.uniform(118.90, 119.10, 100), rng.uniform(25.38, 25.48, 100)])
    nests = nest_layer(tmp_path / "nests.gpkg", "EPSG:4326", xy)
    rivers = f"{SAMPLE_GPKG}|layername=rivers"
    log = run_algorithm(plugin_parent_dir, qgis_home, "rifa:barrierbuffer",
                        [f"INPUT={nests}", "DISTANCE=3000", f"BARRIERS={rivers}", f"OUTPUT={tmp_path / 'zone.gpkg'}"])
    # the zone against the true distances, in the working CRS the run chose (its log names it)
    centre = re.search(r"local Transverse Mercator centred on ([\d.]+)°E ([\d.]+)°N", log)
    assert centre, log[-2000:]
    local = QgsCoordinateReferenceSystem.fromProj(
        f"+proj=tmerc +k=1 +lat_0={centre[2]} +lon_0={centre[1]} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs")
    to_local = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), local, QgsProject.instance())
    zone = in_crs(QgsVectorLayer(str(tmp_path / "zone.gpkg"), "zone", "ogr"), to_local)
    river_lines = shapely.get_parts(in_crs(QgsVectorLayer(rivers, "rivers", "ogr"), to_local))
    nests_local = shapely.get_coordinates(in_crs(QgsVectorLayer(nests, "nests", "ogr"), to_local))
    assert check_against_true_distances(zone, river_lines, nests_local, 3000.0, 1309, origin=(0.0, 0.0)) == []
    outputs = [f"{name}={tmp_path / name}.gpkg" for name in QUARANTINE_OUTPUTS]
    run_algorithm(plugin_parent_dir, qgis_home, "rifa:delineatezones", [f"NESTS={nests}", f"BARRIERS={rivers}", *outputs])
    assert zone_layer(tmp_path / "QUARANTINE_ZONES.gpkg").featureCount() >= 1
    assert zone_layer(tmp_path / "THREATENED_ZONES.gpkg").featureCount() >= 1


def test_both_zoning_algorithms_on_a_thousand_nests_without_barriers(plugin_parent_dir, qgis_home, tmp_path):
    rng = np.random.default_rng(1302)
    xy = np.column_stack([rng.uniform(680000, 720000, 1000), rng.uniform(2800000, 2840000, 1000)])
    nests = nest_layer(tmp_path / "nests.gpkg", UTM, xy)
    run_algorithm(plugin_parent_dir, qgis_home, "rifa:barrierbuffer",
                  [f"INPUT={nests}", "DISTANCE=1000", f"OUTPUT={tmp_path / 'zone.gpkg'}"])
    zone = zone_layer(tmp_path / "zone.gpkg")
    # no barriers: the union of the disks (inscribed polygons within the stated tolerance of 1 m)
    area = sum(f.geometry().area() for f in zone.getFeatures())
    import shapely

    disks = shapely.union_all(shapely.buffer(shapely.points(xy), 1000.0, quad_segs=64))
    assert abs(area - disks.area) < 1.0 * disks.length
    outputs = [f"{name}={tmp_path / name}.gpkg" for name in QUARANTINE_OUTPUTS]
    run_algorithm(plugin_parent_dir, qgis_home, "rifa:delineatezones", [f"NESTS={nests}", *outputs])
    assert zone_layer(tmp_path / "QUARANTINE_ZONES.gpkg").featureCount() >= 1


# 60 nests among meandering rivers (issue 13 item 1's third scene), in EPSG:32650 near Putian
X0, Y0, SIZE, RADIUS = 690000.0, 2810000.0, 12000.0, 2000.0


def river_scene(seed: int, n_nests: int):
    rng = np.random.default_rng(seed)
    rivers = random_walk_rivers(rng, 6, X0, Y0, SIZE, steps=45, step=200.0)
    river_lines = shapely.multilinestrings([shapely.LineString(r) for r in rivers])
    # clusters of six, as a survey finds them: the inner nests of a cluster are covered by the outer ones
    nests = []
    while len(nests) < n_nests:
        if len(nests) % 6 == 0:
            centre = (X0 + rng.uniform(0, SIZE), Y0 + rng.uniform(0, SIZE))
        xy = (centre[0] + rng.normal(0, 300.0), centre[1] + rng.normal(0, 300.0))
        if river_lines.distance(shapely.Point(xy)) > 1.0:
            nests.append(xy)
    return rivers, np.array(nests)


def in_crs(layer: QgsVectorLayer, transform: QgsCoordinateTransform) -> shapely.Geometry:
    """All geometries of ``layer`` transformed, as one shapely geometry."""
    assert layer.isValid()
    parts = []
    for feature in layer.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(transform)
        parts.append(shapely.from_wkb(bytes(geometry.asWkb())))
    return shapely.union_all(parts)


def _xy(line) -> np.ndarray:
    return shapely.get_coordinates(line) if isinstance(line, shapely.Geometry) else np.asarray(line, float)


def check_against_true_distances(zone, rivers, nests, radius, seed, origin=(X0, Y0)):
    """The zone against extremitypathfinder's distances on 3,000 points near the nests and on both sides
    of its boundary; returns the failures (empty: exact within the tolerance)."""
    origin = np.asarray(origin, float)
    oracle = TrueDistances(nests - origin,
                           [shapely.LineString(_xy(r) - origin) for r in rivers],
                           limit=radius + 2 * tolerance(radius) + 1.0)
    rng = np.random.default_rng(seed)
    which = rng.integers(0, len(nests), 3000)
    rho = 1.05 * radius * np.sqrt(rng.uniform(0, 1, 3000))
    angle = rng.uniform(0, 2 * np.pi, 3000)
    points = np.vstack([nests[which] + np.column_stack([rho * np.cos(angle), rho * np.sin(angle)]),
                        boundary_points(zone, tolerance(radius), rng, 3000)])
    found, judged = judge(zone, oracle, points, radius, origin)
    assert judged > 3000
    return found


def test_both_algorithms_in_qgis_process_among_random_walk_rivers(plugin_parent_dir, qgis_home, tmp_path):
    """60 nests among meandering rivers (item 1): both algorithms run, and the zone of
    rifa:barrierbuffer, computed with QGIS's GEOS, holds exactly the points within r by true distance."""
    rivers, nests = river_scene(1303, 60)
    nest_uri = nest_layer(tmp_path / "nests.gpkg", UTM, nests)
    river_uri = line_layer(tmp_path / "rivers.gpkg", UTM, rivers)
    run_algorithm(plugin_parent_dir, qgis_home, "rifa:barrierbuffer",
                  [f"INPUT={nest_uri}", f"DISTANCE={RADIUS}", f"BARRIERS={river_uri}", f"OUTPUT={tmp_path / 'zone.gpkg'}"])
    assert check_against_true_distances(zone_geometry(tmp_path / "zone.gpkg"), rivers, nests, RADIUS, 1304) == []
    outputs = [f"{name}={tmp_path / name}.gpkg" for name in QUARANTINE_OUTPUTS]
    run_algorithm(plugin_parent_dir, qgis_home, "rifa:delineatezones",
                  [f"NESTS={nest_uri}", f"BARRIERS={river_uri}", *outputs])
    assert zone_layer(tmp_path / "QUARANTINE_ZONES.gpkg").featureCount() >= 1


def test_barrierbuffer_in_qgis_process_through_every_engine_path_is_exact(plugin_parent_dir, qgis_home, tmp_path):
    """600 nests in clusters among meandering rivers. The engine's log shows that the run goes through
    every path: bend vertices in batches (many more generators than VERTEX_BATCH), background folds
    (more than REFRESH_MIN contributions) and generators skipped against a folded zone; the zone, computed
    with QGIS's GEOS, holds exactly the points within r by true distance."""
    rivers, nests = river_scene(1307, 600)
    nest_uri = nest_layer(tmp_path / "nests.gpkg", UTM, nests)
    river_uri = line_layer(tmp_path / "rivers.gpkg", UTM, rivers)
    log = run_algorithm(plugin_parent_dir, qgis_home, "rifa:barrierbuffer",
                        [f"INPUT={nest_uri}", f"DISTANCE={RADIUS}", f"BARRIERS={river_uri}",
                         f"OUTPUT={tmp_path / 'zone.gpkg'}"])
    figures = engine_figures(log)
    assert figures["sources"] == 600 and figures["skipped"] > 0, figures
    assert figures["generators"] - figures["skipped"] > REFRESH_MIN and figures["generators"] > 600 + 2 * VERTEX_BATCH, \
        figures
    assert check_against_true_distances(zone_geometry(tmp_path / "zone.gpkg"), rivers, nests, RADIUS, 1308) == []


# Run inside the desktop QGIS (--code): rifa:barrierbuffer through processing.run as the toolbox runs
# it, the result to a file, then quit without questions.
DESKTOP_STARTUP = """
import os
import sys
import traceback

from qgis.PyQt.QtCore import QTimer


def run():
    try:
        import processing
        from qgis.core import QgsApplication
        assert QgsApplication.processingRegistry().providerById("rifa") is not None, "no rifa provider"
        processing.run("rifa:barrierbuffer", {{"INPUT": {nests!r}, "DISTANCE": {radius!r}, "BARRIERS": [{rivers!r}],
                                               "OUTPUT": {out!r}}})
        print("DESKTOP RUN: done", flush=True)
        code = 0
    except Exception:
        traceback.print_exc()
        print("DESKTOP RUN: failed", flush=True)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


QTimer.singleShot(2000, run)
"""


def test_barrierbuffer_in_the_desktop_qgis_is_exact_among_random_walk_rivers(plugin_parent_dir, tmp_path):
    """The real desktop (qgis.bin under Xvfb, throwaway profile with only this plugin enabled, as
    scripts/desktop_screenshot.py starts it) runs rifa:barrierbuffer with its own GEOS loaded first."""
    rivers, nests = river_scene(1305, 30)
    nest_uri = nest_layer(tmp_path / "nests.gpkg", UTM, nests)
    river_uri = line_layer(tmp_path / "rivers.gpkg", UTM, rivers)
    out = tmp_path / "zone.gpkg"
    profiles = tmp_path / "profiles"
    settings = profiles / "profiles" / "default" / "QGIS"
    settings.mkdir(parents=True)
    (settings / "QGIS3.ini").write_text("[PythonPlugins]\nrifa_zoning=true\n\n[qgis]\ncheckVersion=false\n",
                                        encoding="utf-8")
    startup = tmp_path / "startup.py"
    startup.write_text(DESKTOP_STARTUP.format(nests=nest_uri, rivers=river_uri, radius=RADIUS, out=str(out)),
                       encoding="utf-8")
    env = dict(os.environ)
    for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QT_QPA_PLATFORM", "QGIS_OPTS"):
        env.pop(key, None)
    env.update({"HOME": str(tmp_path), "QGIS_PLUGINPATH": str(plugin_parent_dir),
                "PYTHONPATH": os.pathsep.join(p for p in (sysconfig.get_paths()["purelib"], env.get("PYTHONPATH", ""))
                                              if p)})
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "qgis.bin", "--profiles-path", str(profiles),
               "--noversioncheck", "--nologo", "--code", str(startup)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert "DESKTOP RUN: done" in done.stdout, done.stdout[-3000:] + done.stderr[-3000:]
    assert check_against_true_distances(zone_geometry(out), rivers, nests, RADIUS, 1306) == []
