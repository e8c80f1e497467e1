"""Bad input and failures across the algorithms (issue 8): each run does the right thing or stops
with a message naming the problem; no half-written output, no lost record, no traceback.

End to end through ``processing.run`` on real layers and files. Cases already covered elsewhere
are not repeated here: empty zones for checkpoints / affected units / the lockdown map, radii
outside the profile and malformed profiles for delineatezones (test_delineate_zones_errors.py),
missing admin fields and bad adcodes (test_outbreak_grade.py), locked records for outbreakgrade
(test_records.py), the CRS of barrierbuffer (test_barrier_buffer_alg.py).
"""

from __future__ import annotations

import json
import math
import os
import re
import resource
import sqlite3
import stat

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
)
from qgis_layers import nest_layer
from rifa_test_utils import Recorder, gpkg_tables, make_layer

from rifa_zoning.core.barriers import Barriers
from rifa_zoning.core.profile import DEFAULT_PROFILE
from rifa_zoning.core.zones import barrier_buffer, barrier_buffers, tolerance

UTM = "EPSG:32650"  # Putian: UTM 50N
X0, Y0 = 700000.0, 2812000.0
ZONE_OUTPUTS = ("OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS")


def run(algorithm, parameters, feedback=None):
    import processing

    return processing.run(f"rifa:{algorithm}", parameters, feedback=feedback)


def zones_run(nests, feedback=None, **extra):
    parameters = {"NESTS": nests, **{name: "memory:" for name in ZONE_OUTPUTS}, **extra}
    return run("delineatezones", parameters, feedback)


def failure(algorithm, parameters, feedback=None) -> str:
    """The message of a run that must fail: a QgsProcessingException, never a traceback."""
    with pytest.raises(QgsProcessingException) as error:
        run(algorithm, parameters, feedback)
    message = str(error.value.args[0]) if error.value.args else str(error.value)
    assert "Traceback" not in message and 'File "' not in message
    return message


def point(x, y):
    return f"POINT({X0 + x} {Y0 + y})"


def square(x, y, half):
    return (f"POLYGON(({X0 + x - half} {Y0 + y - half}, {X0 + x + half} {Y0 + y - half}, {X0 + x + half} "
            f"{Y0 + y + half}, {X0 + x - half} {Y0 + y + half}, {X0 + x - half} {Y0 + y - half}))")


def nests_layer(offsets, name="nests", crs=UTM, path=None):
    return make_layer("Point", crs, [(point(x, y), {"n": i}) for i, (x, y) in enumerate(offsets)], name, path=path)


def wall(name="river", gap=None, length=4000.0):
    """A north-south river at x = X0 + 500, optionally cut by a gap of ``gap`` metres at y = Y0."""
    x = X0 + 500
    if gap is None:
        rows = [(f"LINESTRING({x} {Y0 - length}, {x} {Y0 + length})", {"name": "wall"})]
    else:
        rows = [(f"LINESTRING({x} {Y0 - length}, {x} {Y0 - gap / 2})", {"name": "south"}),
                (f"LINESTRING({x} {Y0 + gap / 2}, {x} {Y0 + length})", {"name": "north"})]
    return make_layer("LineString", UTM, rows, name)


def geometry_union(layer):
    return QgsGeometry.unaryUnion([f.geometry() for f in layer.getFeatures()])


def contains(layer, x, y):
    return geometry_union(layer).contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))


# -- empty layers and "selected features only" with nothing selected ---------------------------


@pytest.fixture
def in_project():
    """Layers added to the project (a selection source needs them there); removed after."""
    added = []

    def add(layer):
        QgsProject.instance().addMapLayer(layer)
        added.append(layer.id())
        return layer

    yield add
    for layer_id in added:
        QgsProject.instance().removeMapLayer(layer_id)


def nothing_selected(layer):
    layer.removeSelection()
    return QgsProcessingFeatureSourceDefinition(layer.id(), selectedFeaturesOnly=True)


def test_nothing_selected_barrierbuffer_gives_an_empty_output_and_a_warning(rifa_provider, in_project):
    nests = in_project(nests_layer([(0, 0), (100, 0)], "picked nests"))
    feedback = Recorder()
    out = run("barrierbuffer", {"INPUT": nothing_selected(nests), "DISTANCE": 1000, "OUTPUT": "memory:"}, feedback)
    assert out["OUTPUT"].featureCount() == 0
    assert any("picked nests" in e and "no feature with a geometry" in e for e in feedback.errors)


def test_nothing_selected_delineatezones_names_the_layer(rifa_provider, in_project, tmp_path):
    nests = in_project(nests_layer([(0, 0), (100, 0)], "picked nests"))
    outputs = {name: str(tmp_path / f"{name.lower()}.gpkg") for name in ZONE_OUTPUTS}
    message = failure("delineatezones", {"NESTS": nothing_selected(nests), **outputs})
    assert message == "Layer 'picked nests' has no nests with a geometry."
    assert not any(tmp_path.glob("*.gpkg"))


def test_nothing_selected_checkpoints_affectedunits_lockdownmap_name_the_layer(rifa_provider, in_project, tmp_path):
    zones = in_project(make_layer("Polygon", UTM, [(square(0, 0, 1000), {"zone_id": 1})], "chosen zones"))
    roads = make_layer("LineString", UTM, [(f"LINESTRING({X0 - 3000} {Y0}, {X0 + 3000} {Y0})", {})], "roads")
    units = make_layer("Polygon", UTM, [(square(0, 0, 3000), {"name": "A"})], "units")
    selected = nothing_selected(zones)
    assert "chosen zones" in failure("checkpoints", {"ZONES": selected, "ROADS": roads, "OUTPUT": "memory:"})
    assert "chosen zones" in failure("affectedunits", {"ZONES": selected, "UNITS": units, "OUTPUT": "memory:"})
    # the lockdown map takes layers, not selections: an empty quarantine layer is named (test_lockdown_map.py)


def test_outbreakgrade_with_nothing_selected_is_grade_0_and_an_empty_admin_layer_is_named(rifa_provider, in_project):
    admin = make_layer("Polygon", "EPSG:4326", [
        ("POLYGON((119 25,119.1 25,119.1 25.1,119 25.1,119 25))", {"code": "350304", "name": "荔城区"})], "counties")
    nests = in_project(make_layer("Point", "EPSG:4326", [("POINT(119.05 25.05)", {"n": 1})], "nests"))
    fields = {"COUNTY_CODE_FIELD": "code", "COUNTY_NAME_FIELD": "name", "OUTPUT": "memory:"}
    result = run("outbreakgrade", {"NESTS": nothing_selected(nests), "ADMIN": admin, **fields})
    assert (result["GRADE"], result["N_COUNTIES"], result["N_UNASSIGNED"]) == (0, 0, 0)
    empty_admin = make_layer("Polygon", "EPSG:4326", [(None, {"code": "350304", "name": "荔城区"})], "empty counties")
    message = failure("outbreakgrade", {"NESTS": nests, "ADMIN": empty_admin, **fields})
    assert "empty counties" in message and "no features with a geometry" in message


def test_empty_roads_and_units_give_empty_outputs(rifa_provider):
    zones = make_layer("Polygon", UTM, [(square(0, 0, 1000), {"zone_id": 1})], "zones")
    no_roads = make_layer("LineString", UTM, [], "roads")
    no_units = make_layer("Polygon", UTM, [], "units")
    assert run("checkpoints", {"ZONES": zones, "ROADS": no_roads, "OUTPUT": "memory:"})["OUTPUT"].featureCount() == 0
    assert run("affectedunits", {"ZONES": zones, "UNITS": no_units, "OUTPUT": "memory:"})["OUTPUT"].featureCount() == 0


# -- null, empty, invalid, multi-part and Z/M geometries -----------------------------------------


def test_null_empty_z_m_and_multipoint_nests(rifa_provider):
    layer = make_layer("MultiPointZM", UTM, [
        (f"MultiPointZM(({X0} {Y0} 12 1), ({X0 + 100} {Y0} 13 2))", {"n": 1}),  # two nests in one feature
        (None, {"n": 2}),  # no geometry
        ("MultiPointZM EMPTY", {"n": 3}),
        (f"MultiPointZM(({X0 + 200} {Y0} 5 5))", {"n": 4}),
    ], "field nests")
    feedback = Recorder()
    result = zones_run(layer, feedback)
    points = list(result["OCCURRENCE_POINTS"].getFeatures())
    assert [p["n_nests"] for p in points] == [3]  # the two parts and the last nest, chained within 500 m
    assert any("field nests" in i and "skipped 2 feature(s) without geometry" in i for i in feedback.infos)
    zone = next(result["QUARANTINE_ZONES"].getFeatures())
    assert not zone.geometry().constGet().is3D()  # Z/M dropped, outputs are 2D
    # the zone is the 5 km disk union of the three nests, nothing of the empty ones
    disks = QgsGeometry.unaryUnion([QgsGeometry.fromPointXY(QgsPointXY(X0 + dx, Y0)).buffer(5000, 64) for dx in (0, 100, 200)])
    assert abs(zone.geometry().area() - disks.area()) / disks.area() < 2e-3


def test_invalid_barrier_polygons_are_repaired_with_a_warning_naming_them(rifa_provider):
    bowtie = (f"POLYGON(({X0 + 300} {Y0 - 500}, {X0 + 700} {Y0 + 500}, {X0 + 700} {Y0 - 500}, {X0 + 300} {Y0 + 500}, "
              f"{X0 + 300} {Y0 - 500}))")
    spike = (f"POLYGON(({X0 - 2000} {Y0 - 2000}, {X0 - 1500} {Y0 - 2000}, {X0 - 1500} {Y0 - 1500}, {X0 - 1000} "
             f"{Y0 - 1500}, {X0 - 1500} {Y0 - 1500}, {X0 - 2000} {Y0 - 1500}, {X0 - 2000} {Y0 - 2000}))")
    lakes = make_layer("Polygon", UTM, [(bowtie, {"name": "bow-tie"}), (spike, {"name": "spike"})], "lakes")
    nests = nests_layer([(0, 0)])
    feedback = Recorder()
    # 2500 m: both lakes within reach (barriers out of reach of every zone are not read)
    out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 2500, "BARRIERS": [lakes], "OUTPUT": "memory:"}, feedback)
    assert any("lakes" in e and "repaired 2 invalid geometry(ies)" in e for e in feedback.errors)
    # the repaired bow-tie (two triangles meeting at (500, 0)) blocks: its interior is out, behind it too
    assert not contains(out["OUTPUT"], 450, 0)  # inside the western triangle
    assert not contains(out["OUTPUT"], 650, 0)  # inside the eastern one
    assert contains(out["OUTPUT"], 250, 0)  # in front of them
    zone = geometry_union(out["OUTPUT"])
    repaired = QgsGeometry.fromWkt(bowtie).makeValid()
    assert zone.intersection(repaired).area() < 1.0


def test_bowtie_zones_admin_and_units_are_repaired(rifa_provider):
    # a bow-tie zone: the two triangles of (-1000,-1000)-(1000,1000) crossing at the centre
    bowtie = (f"POLYGON(({X0 - 1000} {Y0 - 1000}, {X0 + 1000} {Y0 + 1000}, {X0 + 1000} {Y0 - 1000}, "
              f"{X0 - 1000} {Y0 + 1000}, {X0 - 1000} {Y0 - 1000}))")
    zones = make_layer("Polygon", UTM, [(bowtie, {"zone_id": 4})], "zones")
    road = make_layer("LineString", UTM, [(f"LINESTRING({X0 + 900} {Y0 - 3000}, {X0 + 900} {Y0 + 3000})", {})], "roads")
    checkpoints = run("checkpoints", {"ZONES": zones, "ROADS": road, "OUTPUT": "memory:"})["OUTPUT"]
    ys = sorted(round(f.geometry().asPoint().y() - Y0) for f in checkpoints.getFeatures())
    # x = 900 cuts the east triangle between y = -900 and 900: two entrances
    assert ys == [-900, 900]
    units = make_layer("Polygon", UTM, [(square(0, 0, 1000), {"code": "350304", "name": "A"})], "units")
    rows = list(run("affectedunits", {"ZONES": zones, "UNITS": units, "UNIT_ID_FIELD": "code", "UNIT_NAME_FIELD": "name",
                                      "OUTPUT": "memory:"})["OUTPUT"].getFeatures())
    assert len(rows) == 1 and rows[0]["share_pct"] == pytest.approx(50.0, abs=0.01)  # the two triangles: half
    admin = make_layer("Polygon", UTM, [(bowtie, {"code": "350304", "name": "荔城区"})], "counties")
    nests = nests_layer([(700, 0), (-700, 0), (0, 700)])  # east and west lobes, and the empty north wedge
    graded = run("outbreakgrade", {"NESTS": nests, "ADMIN": admin, "COUNTY_CODE_FIELD": "code",
                                   "COUNTY_NAME_FIELD": "name", "OUTPUT": "memory:"})
    assert (graded["GRADE"], graded["N_UNASSIGNED"]) == (3, 1)


def test_multipart_z_barriers_and_roads(rifa_provider):
    rivers = make_layer("MultiLineStringZ", UTM, [
        (f"MultiLineStringZ(({X0 + 500} {Y0 - 4000} 3, {X0 + 500} {Y0 - 100} 3), ({X0 + 500} {Y0 + 100} 3, "
         f"{X0 + 500} {Y0 + 4000} 3))", {"name": "two parts"})], "rivers")
    nests = nests_layer([(0, 0)])
    out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 1500, "BARRIERS": [rivers], "OUTPUT": "memory:"})["OUTPUT"]
    assert contains(out, 700, 0)  # through the 200 m gap between the two parts
    assert not contains(out, 700, 1200)  # behind the northern part
    roads = make_layer("MultiLineStringZM", UTM, [
        (f"MultiLineStringZM(({X0 - 3000} {Y0} 1 1, {X0 + 3000} {Y0} 1 1), ({X0} {Y0 - 3000} 1 1, {X0} {Y0 + 3000} 1 1))",
         {"name": "G324"}), (None, {"name": "no geometry"})], "roads")
    zones = make_layer("Polygon", UTM, [(square(0, 0, 1000), {"zone_id": 1})], "zones")
    cps = run("checkpoints", {"ZONES": zones, "ROADS": roads, "ROAD_NAME_FIELD": "name", "OUTPUT": "memory:"})["OUTPUT"]
    assert sorted(f["road_name"] for f in cps.getFeatures()) == ["G324"] * 4


# -- CRS: geographic, Web Mercator, mixed; no CRS ----------------------------------------------


def ground(crs: str) -> QgsDistanceArea:
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem(crs), QgsProject.instance().transformContext())
    measure.setEllipsoid("EPSG:7030")
    return measure


def from_utm(x, y, crs):
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(UTM), QgsCoordinateReferenceSystem(crs),
                                       QgsProject.instance())
    return transform.transform(QgsPointXY(x, y))


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:3857"])
def test_delineatezones_in_geographic_and_web_mercator_gives_true_metres(rifa_provider, crs):
    nest = from_utm(X0, Y0, crs)
    nests = make_layer("Point", crs, [(f"POINT({nest.x()} {nest.y()})", {"n": 1})], "nests")
    # the river in another CRS again (mixed-CRS input), 1 km east of the nest (dense: straight in UTM)
    vertices = [from_utm(X0 + 1000, Y0 + y, "EPSG:4326") for y in range(-20000, 20001, 500)]
    river = make_layer("LineString", "EPSG:4326", [(f"LINESTRING({', '.join(f'{v.x()} {v.y()}' for v in vertices)})", {})],
                       "river")
    result = zones_run(nests, BARRIERS=[river])
    measure = ground(crs)
    quarantine = next(result["QUARANTINE_ZONES"].getFeatures())
    vertices = [QgsPointXY(v) for v in quarantine.geometry().vertices()]
    distances = [measure.measureLine(nest, v) for v in vertices]
    west = [d for v, d in zip(vertices, distances) if from_utm_back(v, crs).x() < X0 + 900]
    # every boundary vertex west of the river lies 5 km (ground) from the nest, within the engine's tolerance
    assert max(west) <= 5000 * 1.001 and max(west) >= 5000 * 0.999
    assert max(from_utm_back(v, crs).x() for v in vertices) <= X0 + 1000 + 1.0  # stops at the river
    # area_km2 is the true ground area of the written geometry
    assert quarantine["area_km2"] == pytest.approx(measure.measureArea(quarantine.geometry()) / 1e6, rel=1e-3)


def from_utm_back(p, crs):
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(crs), QgsCoordinateReferenceSystem(UTM),
                                       QgsProject.instance())
    return transform.transform(p)


def test_affectedunits_checkpoints_with_web_mercator_zones_and_geographic_units(rifa_provider):
    centre = from_utm(X0, Y0, "EPSG:3857")
    disc = QgsGeometry.fromPointXY(QgsPointXY(X0, Y0)).buffer(3000, 64)
    disc.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem(UTM), QgsCoordinateReferenceSystem("EPSG:3857"),
                                          QgsProject.instance()))
    zones = make_layer("Polygon", "EPSG:3857", [(disc.asWkt(), {"zone_id": 1})], "zones")
    unit = QgsGeometry.fromWkt(square(0, 0, 10000))
    unit.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem(UTM), QgsCoordinateReferenceSystem("EPSG:4326"),
                                          QgsProject.instance()))
    units = make_layer("Polygon", "EPSG:4326", [(unit.asWkt(), {"name": "A"})], "units")
    row = next(run("affectedunits", {"ZONES": zones, "UNITS": units, "OUTPUT": "memory:"})["OUTPUT"].getFeatures())
    # the disc inside the unit, measured on the ellipsoid (3857 planar areas would be 8 % too big here)
    assert row["area_km2"] == pytest.approx(ground("EPSG:3857").measureArea(disc) / 1e6, rel=1e-3)
    assert row["area_km2"] == pytest.approx(math.pi * 9, rel=2e-3)
    assert centre is not None


def test_a_layer_without_crs_is_named(rifa_provider, tmp_path):
    no_crs = make_layer("LineString", None, [(f"LINESTRING({X0 + 500} {Y0 - 1000}, {X0 + 500} {Y0 + 1000})", {})],
                        "unreferenced rivers", path=tmp_path / "rivers.gpkg")
    message = failure("delineatezones", {"NESTS": nests_layer([(0, 0)]), "BARRIERS": [no_crs],
                                         **{n: str(tmp_path / f"{n}.gpkg") for n in ZONE_OUTPUTS}})
    assert "'unreferenced rivers' has no coordinate reference system" in message
    assert not list(tmp_path.glob("*_*.gpkg"))
    units = make_layer("Polygon", None, [(square(0, 0, 3000), {"name": "A"})], "units without crs",
                       path=tmp_path / "units.gpkg")
    zones = make_layer("Polygon", UTM, [(square(0, 0, 1000), {"zone_id": 1})], "zones")
    assert "'units without crs' has no coordinate reference system" in failure(
        "affectedunits", {"ZONES": zones, "UNITS": units, "OUTPUT": "memory:"})


# -- nests and barriers: inside a barrier polygon, on a line, duplicated; far crossings; gaps -----


def test_a_nest_inside_a_lake_warns_naming_it_and_the_lake_does_not_block_it(rifa_provider):
    lake = make_layer("Polygon", UTM, [(square(0, 0, 400), {"name": "reservoir"})], "lakes")
    nests = nests_layer([(0, 0), (3000, 0)])
    feedback = Recorder()
    result = zones_run(nests, feedback, BARRIERS=[lake])
    warnings = " ".join(feedback.errors)
    assert "'nests' #1 lies inside the barrier polygon 'lakes #1'" in warnings
    quarantine = geometry_union(result["QUARANTINE_ZONES"])
    # the zone holds its nest and the lake around it (issue 13, item 7), and spreads out of it
    water = QgsGeometry.fromWkt(square(0, 0, 400))
    assert quarantine.contains(QgsGeometry.fromPointXY(QgsPointXY(X0, Y0)))
    assert quarantine.intersection(water).area() > water.area() - 1.0
    assert quarantine.contains(QgsGeometry.fromPointXY(QgsPointXY(X0 + 1000, Y0)))  # it spreads from the nest
    points = list(result["OCCURRENCE_POINTS"].getFeatures())
    assert sum(p["n_nests"] for p in points) == 2


def test_a_nest_on_a_barrier_line_and_duplicated_nests(rifa_provider):
    river = wall()
    on_line = zones_run(nests_layer([(500, 0)]), BARRIERS=[river])
    # a nest exactly on the river spreads to both banks
    assert contains(on_line["OCCURRENCE_AREAS"], 0, 0) and contains(on_line["OCCURRENCE_AREAS"], 1000, 0)
    single = zones_run(nests_layer([(0, 0)]), BARRIERS=[river])
    doubled = zones_run(nests_layer([(0, 0), (0, 0), (0, 0)]), BARRIERS=[river])
    points = list(doubled["OCCURRENCE_POINTS"].getFeatures())
    assert [p["n_nests"] for p in points] == [3]  # one occurrence point holding the three records
    a, b = geometry_union(single["QUARANTINE_ZONES"]), geometry_union(doubled["QUARANTINE_ZONES"])
    assert a.symDifference(b).area() < 1.0


def test_a_crossing_far_from_every_barrier_warns_in_delineatezones(rifa_provider):
    bridge = make_layer("Point", UTM, [(point(-2000, 3000), {"name": "lost bridge"})], "bridges")
    feedback = Recorder()
    zones_run(nests_layer([(0, 0)]), feedback, BARRIERS=[wall()], CROSSINGS=bridge)
    assert any("bridges #1" in e for e in feedback.errors), feedback.errors


def test_a_half_metre_digitizing_gap_is_an_opening(rifa_provider):
    # documented behaviour (README "When input is wrong"): barriers are taken as digitized; snap them
    leaky = run("barrierbuffer", {"INPUT": nests_layer([(0, 0)]), "DISTANCE": 3000, "BARRIERS": [wall(gap=0.5)],
                                  "OUTPUT": "memory:"})["OUTPUT"]
    closed = run("barrierbuffer", {"INPUT": nests_layer([(0, 0)]), "DISTANCE": 3000, "BARRIERS": [wall()],
                                   "OUTPUT": "memory:"})["OUTPUT"]
    assert contains(leaky, 1500, 0) and contains(leaky, 2000, 500)  # the zone fans out behind the gap
    assert not contains(closed, 1500, 0)


# -- radii, distances, profiles ------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -3000])
def test_zero_or_negative_radii_are_refused_with_the_range(rifa_provider, value):
    message = failure("delineatezones", {"NESTS": nests_layer([(0, 0)]), "QUARANTINE_RADIUS": value,
                                         **{n: "memory:" for n in ZONE_OUTPUTS}})
    # 0 reaches the profile check; a negative value is refused by Processing itself, naming the parameter
    expected = "Quarantine radius 0 m is outside 3000–8000 m" if value == 0 else "QUARANTINE_RADIUS"
    assert expected in message


@pytest.mark.parametrize(("parameter", "value"), [("GROUPING_DISTANCE", -1), ("CROSSING_WIDTH", -5), ("MERGE", None)])
def test_negative_distances_are_refused_naming_the_parameter(rifa_provider, parameter, value):
    if parameter == "MERGE":
        zones = make_layer("Polygon", UTM, [(square(0, 0, 1000), {"zone_id": 1})], "zones")
        roads = make_layer("LineString", UTM, [(f"LINESTRING({X0 - 3000} {Y0}, {X0 + 3000} {Y0})", {})], "roads")
        message = failure("checkpoints", {"ZONES": zones, "ROADS": roads, "MERGE_DISTANCE": -1, "OUTPUT": "memory:"})
        assert "MERGE_DISTANCE" in message
        return
    message = failure("delineatezones", {"NESTS": nests_layer([(0, 0)]), parameter: value,
                                         **{n: "memory:" for n in ZONE_OUTPUTS}})
    assert parameter in message


def profile_file(tmp_path, change):
    data = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bureau.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_incomplete_profiles_are_named_in_outbreakgrade_and_lockdownmap(rifa_provider, tmp_path):
    path = profile_file(tmp_path, lambda d: d["grades"].pop(next(iter(d["grades"]))) if isinstance(d.get("grades"), dict)
                        else d.pop("grades", None))
    admin = make_layer("Polygon", UTM, [(square(0, 0, 3000), {"code": "350304", "name": "A"})], "counties")
    message = failure("outbreakgrade", {"NESTS": nests_layer([(0, 0)]), "ADMIN": admin, "COUNTY_CODE_FIELD": "code",
                                        "COUNTY_NAME_FIELD": "name", "PROFILE": path, "OUTPUT": "memory:"})
    assert path in message and "grades" in message
    zones = make_layer("Polygon", UTM, [(square(0, 0, 1000), {"zone_id": 1})], "zones")
    pdf = tmp_path / "map.pdf"
    message = failure("lockdownmap", {"QUARANTINE": zones, "PROFILE": path, "OUTPUT": str(pdf)})
    assert path in message and "grades" in message
    assert not pdf.exists()


# -- admin layers --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["35O304", "3503041", "福建莆田"])
def test_codes_that_are_not_adcodes_name_the_value_and_feature(rifa_provider, code):
    admin = make_layer("Polygon", UTM, [(square(0, 0, 3000), {"code": code, "name": "A"})], "counties")
    message = failure("outbreakgrade", {"NESTS": nests_layer([(0, 0)]), "ADMIN": admin, "COUNTY_CODE_FIELD": "code",
                                        "COUNTY_NAME_FIELD": "name", "OUTPUT": "memory:"})
    assert code in message and "counties" in message


def test_missing_admin_fields_through_processing_name_the_field(rifa_provider):
    admin = make_layer("Polygon", UTM, [(square(0, 0, 3000), {"code": "350304", "name": "A"})], "counties")
    message = failure("outbreakgrade", {"NESTS": nests_layer([(0, 0)]), "ADMIN": admin, "COUNTY_CODE_FIELD": "adcode",
                                        "COUNTY_NAME_FIELD": "name", "OUTPUT": "memory:"})
    assert "COUNTY_CODE_FIELD" in message or "adcode" in message


# -- outputs: unwritable, existing GeoPackages, locked records ------------------------------------


def test_an_unwritable_output_stops_delineatezones_before_any_output_is_written(rifa_provider, tmp_path):
    outputs = {name: str(tmp_path / f"{name.lower()}.gpkg") for name in ZONE_OUTPUTS}
    outputs["THREATENED_ZONES"] = str(tmp_path / "no such folder" / "threatened.gpkg")
    message = failure("delineatezones", {"NESTS": nests_layer([(0, 0)]), **outputs})
    assert "no such folder" in message and "does not exist" in message and "Threatened zones" in message
    assert sorted(os.listdir(tmp_path)) == []


def test_a_read_only_folder_or_file_is_a_clear_error(rifa_provider, tmp_path):
    if os.geteuid() == 0:
        # root writes anywhere: an existing folder in place of the output file is the unwritable case
        target = tmp_path / "zones.gpkg"
        target.mkdir()
        message = failure("barrierbuffer", {"INPUT": nests_layer([(0, 0)]), "DISTANCE": 100, "OUTPUT": str(target)})
        assert "is a folder, not a file" in message and str(target) in message
        assert os.listdir(target) == []
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        message = failure("barrierbuffer", {"INPUT": nests_layer([(0, 0)]), "DISTANCE": 100,
                                            "OUTPUT": str(folder / "zones.gpkg")})
        assert "Cannot write the output" in message
    finally:
        folder.chmod(stat.S_IRWXU)
    assert os.listdir(folder) == []


def test_writing_into_an_existing_geopackage_keeps_its_other_layers(rifa_provider, tmp_path):
    path = tmp_path / "county.gpkg"
    nests = nests_layer([(0, 0), (200, 0)], "nests", path=path)
    make_layer("LineString", UTM, [(f"LINESTRING({X0 + 500} {Y0 - 4000}, {X0 + 500} {Y0 + 4000})", {})], "rivers",
               path=path)
    # all four outputs as tables of the same file, the ogr: form the QGIS dialog writes
    outputs = {name: f"ogr:dbname='{path}' table=\"{name.lower()}\" (geom)" for name in ZONE_OUTPUTS}
    zones_run(nests, **outputs)
    tables = gpkg_tables(path)
    assert tables["nests"] == 2 and tables["rivers"] == 1
    assert tables["quarantine_zones"] == 1 and tables["occurrence_points"] == 1
    # a layer definition with a layer name (scripts): only that table is added
    definition = QgsProcessingOutputLayerDefinition(str(path))
    definition.createOptions = {"layerName": "buffer_1km"}
    out = run("barrierbuffer", {"INPUT": nests, "DISTANCE": 1000, "OUTPUT": definition})
    tables = gpkg_tables(path)
    assert tables["buffer_1km"] == 1 and tables["nests"] == 2 and tables["quarantine_zones"] == 1
    assert out["OUTPUT"].endswith("layername=buffer_1km")
    # running again replaces that table, not the file
    run("barrierbuffer", {"INPUT": nests, "DISTANCE": 500, "DISSOLVE": False, "OUTPUT": definition})
    tables = gpkg_tables(path)
    assert tables["buffer_1km"] == 2 and tables["nests"] == 2


def test_a_locked_records_log_stops_zoning_before_any_file_and_keeps_the_records(rifa_provider, tmp_path):
    from rifa_zoning.tools.records import RecordsLog, set_records_path

    project = QgsProject.instance()
    log = RecordsLog(tmp_path / "records.gpkg")
    log.append("checklist", {"item": "report"}, "done")
    set_records_path(project, str(log.path))
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    outputs = {name: str(tmp_path / f"{name.lower()}.gpkg") for name in ZONE_OUTPUTS}
    try:
        message = failure("delineatezones", {"NESTS": nests_layer([(0, 0)]), **outputs})
    finally:
        other.execute("ROLLBACK")
        other.close()
        set_records_path(project, None)
    assert "locked by another program" in message
    assert not any(os.path.exists(p) for p in outputs.values())
    assert [r["result"] for r in log.records()] == ["done"]


# -- cancel --------------------------------------------------------------------------------------


def many_nests(n, seed=5, spread=20000.0, clusters=None):
    rng = np.random.default_rng(seed)
    if clusters:
        centres = rng.uniform(-spread, spread, (clusters, 2))
        xy = centres[rng.integers(0, clusters, n)] + rng.normal(0, 300, (n, 2))
    else:
        xy = rng.uniform(-spread, spread, (n, 2))
    return nest_layer(xy, X0, Y0, name="many nests")  # in UTM (benchmarks/qgis_layers.py: CRS = UTM)


def meandering_river(name="rivers"):
    xs = np.linspace(-25000, 25000, 2000)
    rows = [(f"LINESTRING({', '.join(f'{X0 + x} {Y0 + 8000 * k + 600 * math.sin(x / 700)}' for x in xs)})", {})
            for k in (-2, -1, 0, 1, 2)]
    return make_layer("LineString", UTM, rows, name)


@pytest.mark.parametrize("algorithm", ["barrierbuffer", "delineatezones"])
def test_cancel_in_the_middle_stops_promptly_without_output(rifa_provider, tmp_path, algorithm):
    nests = many_nests(3000)
    feedback = Recorder(cancel_at=30.0)
    if algorithm == "barrierbuffer":
        outputs = {"OUTPUT": str(tmp_path / "zones.gpkg")}
        parameters = {"INPUT": nests, "DISTANCE": 3000, "BARRIERS": [meandering_river()], **outputs}
    else:
        outputs = {name: str(tmp_path / f"{name.lower()}.gpkg") for name in ZONE_OUTPUTS}
        parameters = {"NESTS": nests, "BARRIERS": [meandering_river()], **outputs}
    message = failure(algorithm, parameters, feedback)
    assert message == "Canceled by the user."
    assert feedback.isCanceled()
    # promptly: at most a few progress steps after the cancel, none near the end
    assert max(feedback.progress) < 60.0, feedback.progress[-5:]
    assert len(feedback.progress_after_cancel) <= 3
    assert os.listdir(tmp_path) == []


# -- large input ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_100000_nests_progress_moves_and_memory_stays_bounded(rifa_provider):
    nests = many_nests(100_000, clusters=30, spread=30000.0)
    feedback = Recorder()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = zones_run(nests, feedback)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    # grouping once listed every pair of nests within 500 m: 2.7 GB for these clustered nests
    assert grown_mb < 1500, grown_mb
    assert sum(p["n_nests"] for p in result["OCCURRENCE_POINTS"].getFeatures()) == 100_000
    values = feedback.progress
    assert values == sorted(values) and values[-1] == 100
    assert len(set(round(v) for v in values)) > 30  # progress moves through the run, not in one jump
    gaps = np.diff([0.0, *values])
    assert gaps.max() < 40, gaps.max()


# -- messages in the user's language ---------------------------------------------------------


@pytest.fixture
def chinese_ui(qgis_app):
    from rifa_zoning.tools import i18n

    assert i18n.install_translator("zh_CN") is not None
    yield
    i18n.remove_translator()
    i18n.install_translator()


def test_errors_come_in_chinese_and_name_the_layer_or_value(rifa_provider, chinese_ui, tmp_path):
    no_crs = make_layer("Point", None, [(point(0, 0), {})], "蚁巢点", path=tmp_path / "n.gpkg")
    message = failure("barrierbuffer", {"INPUT": no_crs, "DISTANCE": 100, "OUTPUT": "memory:"})
    assert "蚁巢点" in message and "坐标" in message and not re.search("[A-Za-z]{5,}", message.replace("CRS", ""))
    message = failure("delineatezones", {"NESTS": nests_layer([(0, 0)]), "QUARANTINE_RADIUS": 9000,
                                         **{n: "memory:" for n in ZONE_OUTPUTS}})
    assert "9000" in message and "疫区" in message
    outputs = {name: str(tmp_path / "缺少的文件夹" / f"{name}.gpkg") for name in ZONE_OUTPUTS}
    message = failure("delineatezones", {"NESTS": nests_layer([(0, 0)]), **outputs})
    assert "缺少的文件夹" in message and "不存在" in message


# -- fuzzing the engine with degenerate barriers -------------------------------------------------

coordinate = st.integers(0, 20).map(lambda v: v * 50.0)  # a coarse lattice: touching, collinear, shared vertices
vertex = st.tuples(coordinate, coordinate)


@st.composite
def degenerate_scene(draw):
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        points = draw(st.lists(vertex, min_size=2, max_size=6))
        if draw(st.booleans()):  # repeated vertex / zero-length segment
            k = draw(st.integers(0, len(points) - 1))
            points.insert(k, points[k])
        lines.append(shapely.LineString(points))
    polygons = []
    for _ in range(draw(st.integers(0, 3))):
        x, y = draw(vertex)
        w, h = draw(st.integers(1, 6)) * 50.0, draw(st.integers(1, 6)) * 50.0
        polygons.append(shapely.box(x, y, x + w, y + h))  # lattice boxes touch and overlap each other
    if lines and draw(st.booleans()):  # a collinear overlap: part of a line digitized twice
        first = lines[0]
        lines.append(shapely.LineString(list(first.coords)[:2]))
    sources = draw(st.lists(vertex, min_size=1, max_size=4))
    if lines and draw(st.booleans()):  # a source at a barrier vertex
        sources.append(list(lines[0].coords)[0])
    if lines and draw(st.booleans()):  # a source in the middle of a barrier segment
        a, b = list(lines[0].coords)[:2]
        sources.append(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    return lines, polygons, sources, draw(st.floats(60.0, 600.0))


# derandomized: the same 40 examples on every run and machine (no pass or fail by the luck of the
# draw); the explicit example is one a random run once found (two lines crossing near a source at a
# line's vertex: the zone 315 m from that source, the 88 m zone not inside the 132 m one)
@settings(max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(scene=degenerate_scene())
@example(scene=([shapely.LineString([(200, 400), (0, 0), (250, 350)]), shapely.LineString([(400, 50), (100, 600), (300, 0)])],
                [], [(0.0, 0.0), (200.0, 400.0)], 88.0))
def test_engine_fuzz_with_degenerate_barriers(scene):
    lines, polygons, sources, r = scene
    barriers = Barriers.build(lines=[(f"l{i}", g) for i, g in enumerate(lines)],
                              polygons=[(f"p{i}", g) for i, g in enumerate(polygons)])
    parts = barrier_buffer([shapely.Point(s) for s in sources], r, barriers)
    zone = shapely.union_all(parts) if parts else shapely.Polygon()
    assert zone.is_valid
    disks = shapely.union_all([shapely.Point(s).buffer(r * (1 + 1e-5), quad_segs=256) for s in sources])
    assert zone.difference(disks).area <= 1e-6
    for s in sources:  # a zone holds its sources, also one inside a barrier polygon (which does not block it)
        assert zone.distance(shapely.Point(s)) <= tolerance(r), (s, zone.distance(shapely.Point(s)))
    # several radii from one expansion agree with separate runs on containment
    small, large = barrier_buffers([shapely.Point(s) for s in sources], [r, 1.5 * r], barriers)
    assert shapely.union_all(small).difference(shapely.union_all(large)).buffer(-0.005).is_empty
