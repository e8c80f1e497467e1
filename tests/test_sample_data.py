"""The Putian sample GeoPackage: layers, fields, CRS, labels, and the story the demo relies on."""

from __future__ import annotations

import importlib.util
import sqlite3

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from rifa_test_utils import ROOT

GPKG = ROOT / "resources" / "sample_data" / "putian_sample.gpkg"
SCRIPT = ROOT / "scripts" / "make_sample_data.py"
PUTIAN = {"350302", "350303", "350304", "350305", "350322"}

LAYERS = {
    "counties": (QgsWkbTypes.PolygonGeometry, {"county_code", "county_name", "city_code", "city_name", "province"}),
    "rivers": (QgsWkbTypes.LineGeometry, {"name"}),
    "ridges": (QgsWkbTypes.LineGeometry, {"name"}),
    "roads": (QgsWkbTypes.LineGeometry, {"name", "class"}),
    "bridges": (QgsWkbTypes.PointGeometry, {"name"}),
    "villages": (QgsWkbTypes.PolygonGeometry, {"name"}),
    "nests": (QgsWkbTypes.PointGeometry, {"nest_id", "found_on", "team", "village", "notes"}),
}


def load(name: str, path=GPKG) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert layer.isValid(), f"{path} has no valid layer {name}"
    return layer


def to_metres(layer: QgsVectorLayer):
    """Geometries in UTM 50N, where planar distances are metres."""
    transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:32650"), QgsProject.instance())
    out = []
    for feature in layer.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(transform)
        out.append((feature, geometry))
    return out


def test_small_enough_to_commit():
    assert GPKG.stat().st_size < 3 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_layer_geometry_fields_crs_and_label(qgis_app, name):
    geometry_type, fields = LAYERS[name]
    layer = load(name)
    assert layer.geometryType() == geometry_type
    assert fields | {"source_note"} <= set(layer.fields().names())
    assert layer.crs().authid() == "EPSG:4326"
    assert layer.featureCount() > 0
    for feature in layer.getFeatures():
        assert "approximate, not authoritative" in feature["source_note"]
        assert feature.geometry().isGeosValid(), (name, feature.id())
    with sqlite3.connect(GPKG) as db:
        (description,) = db.execute("SELECT description FROM gpkg_contents WHERE table_name = ?", (name,)).fetchone()
    assert "approximate, not authoritative" in description
    if name == "counties":
        assert "GCJ-02" in description


def test_counties_are_putian_and_neighbours(qgis_app):
    rows = {f["county_code"]: f for f in load("counties").getFeatures()}
    assert PUTIAN <= set(rows)
    assert {"350181", "350125", "350521", "350505"} <= set(rows)  # Fuqing, Yongtai, Hui'an, Quangang
    assert all(rows[code]["city_code"] == "350300" and rows[code]["city_name"] == "莆田市" for code in PUTIAN)


def test_nests_lie_in_their_village_and_in_several_counties_of_one_city(qgis_app):
    villages = {f["name"]: f.geometry() for f in load("villages").getFeatures()}
    counties = list(load("counties").getFeatures())
    nests = list(load("nests").getFeatures())
    assert len({n["nest_id"] for n in nests}) == len(nests)
    hit_counties = set()
    nests_per_village: dict[str, int] = {}
    for nest in nests:
        assert villages[nest["village"]].contains(nest.geometry()), nest["nest_id"]
        assert nest["found_on"] is not None and nest["team"]
        nests_per_village[nest["village"]] = nests_per_village.get(nest["village"], 0) + 1
        inside = [c for c in counties if c.geometry().contains(nest.geometry())]
        assert len(inside) == 1, nest["nest_id"]
        hit_counties.add((inside[0]["county_code"], inside[0]["city_code"]))
    # Grade II: two or more counties, all in one prefecture-level city
    assert len(hit_counties) >= 2
    assert {city for _, city in hit_counties} == {"350300"}
    # the plan's 3-point rule: at least 3 occurrence points (villages with nests)
    assert len(nests_per_village) >= 3


def test_every_bridge_is_on_a_river_and_a_road(qgis_app):
    rivers = [g for _, g in to_metres(load("rivers"))]
    roads = {f["name"]: g for f, g in to_metres(load("roads"))}
    bridges = to_metres(load("bridges"))
    assert len(bridges) >= 3
    for bridge, point in bridges:
        assert min(river.distance(point) for river in rivers) < 1.0, bridge["name"]
        assert roads[bridge["road"]].distance(point) < 1.0, bridge["name"]


def test_all_nests_on_one_bank_of_the_mulan_river(qgis_app):
    """The demo's story: the river, not the nests, decides where the zone stops in the south."""
    mulan = next(f.geometry() for f in load("rivers").getFeatures() if f["name"].startswith("木兰溪"))
    for nest in load("nests").getFeatures():
        point = nest.geometry().asPoint()
        # the river's latitude at the nest's longitude is below the nest
        line = QgsGeometry.fromWkt(f"LINESTRING({point.x()} 25.0, {point.x()} {point.y()})")
        assert line.intersects(mulan), nest["nest_id"]


def test_script_rebuilds_the_same_data(qgis_app, tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        counties = module.find_counties(None)
    except SystemExit:
        pytest.skip("shared fujian_counties.geojson not beside the checkout")
    rebuilt = tmp_path / "rebuilt.gpkg"
    module.build(rebuilt, counties)
    for name in LAYERS:
        old = sorted((f.geometry().asWkt(7), str(f.attributes()[1:])) for f in load(name).getFeatures())
        new = sorted((f.geometry().asWkt(7), str(f.attributes()[1:])) for f in load(name, rebuilt).getFeatures())
        assert old == new, name


def test_barrier_buffer_of_the_sample_runs_in_qgis_process(qgis_app, plugin_parent_dir, tmp_path):
    """qgis_process links QGIS's own GEOS: the engine must not mix it with shapely's newer one (it crashed)."""
    from rifa_test_utils import enabled_plugin_home, qgis_process

    home = enabled_plugin_home(tmp_path, plugin_parent_dir)
    out = tmp_path / "zone.gpkg"
    done = qgis_process(
        ["run", "rifa:barrierbuffer", "--", f"INPUT={GPKG}|layername=nests", "DISTANCE=5000",
         f"BARRIERS={GPKG}|layername=rivers", f"BARRIERS={GPKG}|layername=ridges",
         f"CROSSINGS={GPKG}|layername=bridges", f"OUTPUT={out}"],
        plugin_parent=plugin_parent_dir, home=home,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    zone = QgsVectorLayer(str(out), "zone", "ogr")
    assert zone.isValid() and zone.featureCount() >= 1
    nests = load("nests")
    utm = QgsCoordinateReferenceSystem("EPSG:32650")
    area = sum(g.area() for _, g in to_metres(zone))
    to_utm = QgsCoordinateTransform(nests.crs(), utm, QgsProject.instance())
    disks = []
    for nest in nests.getFeatures():
        point = QgsGeometry(nest.geometry())
        point.transform(to_utm)
        disks.append(point.buffer(5000, 64))
    assert area < 0.95 * QgsGeometry.unaryUnion(disks).area()  # the Mulan River cuts it
