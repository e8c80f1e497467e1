"""``rifa:affectedunits``: areas against QGIS's ellipsoidal measure, shares, sorting, passthrough."""

from __future__ import annotations

import pytest
from qgis.core import QgsGeometry, QgsPointXY
from rifa_test_utils import ground_measure, make_layer, sample_counties

UTM = "EPSG:32650"
X0, Y0 = 700_000.0, 2_800_000.0


def ellipsoidal_area_m2(geometry: QgsGeometry, crs: str) -> float:
    """The independent oracle: QGIS's geodesic area on the WGS 84 ellipsoid."""
    return ground_measure(crs).measureArea(geometry)


def run(zones, units, **extra):
    import processing

    params = {"ZONES": zones, "UNITS": units, "OUTPUT": "memory:"}
    params.update(extra)
    layer = processing.run("rifa:affectedunits", params)["OUTPUT"]
    return [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]


def test_areas_shares_sorting_and_passthrough(rifa_provider):
    # four 2 km x 2 km villages; the zones: a disc and a square
    villages = []
    for i, (name, dx, dy) in enumerate([("乙村", 0, 0), ("甲村", 2000, 0), ("丙村", 0, 2000), ("丁村", 9000, 9000)]):
        wkt = QgsGeometry.fromRect(
            QgsGeometry.fromWkt(f"POINT({X0 + dx} {Y0 + dy})").buffer(1000, 1).boundingBox()
        ).asWkt()
        villages.append((wkt, {"code": 350300 + i, "name": name}))
    units = make_layer("Polygon", UTM, villages, "villages")
    disc = QgsGeometry.fromPointXY(QgsPointXY(X0 + 1000, Y0)).buffer(1500, 32)
    square = QgsGeometry.fromWkt(f"POLYGON(({X0 - 200} {Y0 + 800}, {X0 + 200} {Y0 + 800}, {X0 + 200} {Y0 + 1200}, {X0 - 200} {Y0 + 1200}, {X0 - 200} {Y0 + 800}))")
    zones = make_layer(
        "Polygon",
        UTM,
        [(square.asWkt(), {"zone_type": "quarantine", "zone_id": 2}), (disc.asWkt(), {"zone_type": "occurrence", "zone_id": 1})],
        "zones",
    )
    rows = run(zones, units, UNIT_ID_FIELD="code", UNIT_NAME_FIELD="name")
    # occurrence zone 1 first (plan order), then names; 丁村 is far away
    assert [(r["zone_type"], r["zone_id"], r["unit_name"]) for r in rows] == [
        ("occurrence", 1, "丙村"),
        ("occurrence", 1, "乙村"),
        ("occurrence", 1, "甲村"),
        ("quarantine", 2, "丙村"),
        ("quarantine", 2, "乙村"),
    ]
    geoms = {f["name"]: f.geometry() for f in units.getFeatures()}
    zone_geoms = {f["zone_id"]: f.geometry() for f in zones.getFeatures()}
    for row in rows:
        unit = geoms[row["unit_name"]]
        expected = ellipsoidal_area_m2(unit.intersection(zone_geoms[row["zone_id"]]), UTM)
        assert row["area_km2"] == pytest.approx(expected / 1e6, rel=2e-4)
        unit_area = ellipsoidal_area_m2(unit, UTM)
        assert row["share_pct"] == pytest.approx(100 * expected / unit_area, rel=2e-4)
        assert row["unit_id"] == next(f["code"] for f in units.getFeatures() if f["name"] == row["unit_name"])
    # the disc overlaps 乙村 and 甲村 symmetrically (up to UTM scale change)
    shares = {r["unit_name"]: r["share_pct"] for r in rows if r["zone_id"] == 1}
    assert shares["乙村"] == pytest.approx(shares["甲村"], rel=1e-4)
    # UTM is not equal-area: the result must be the ground area, not the planar one
    planar = unit.intersection(zone_geoms[rows[-1]["zone_id"]]).area() / 1e6
    assert abs(rows[-1]["area_km2"] - planar) > 1e-7


def test_geographic_counties_against_ellipsoidal_oracle(rifa_provider):
    counties = sample_counties()
    assert counties.isValid()
    # a 15 km zone on the Putian city centre, in lon/lat: crosses several districts
    wgs84_disc = QgsGeometry.fromPointXY(QgsPointXY(119.01, 25.45)).buffer(0.15, 24)
    zones = make_layer("Polygon", "EPSG:4326", [(wgs84_disc.asWkt(), {"zone_id": "Q-1"})], "zones")
    rows = run(zones, counties, UNIT_ID_FIELD="county_code", UNIT_NAME_FIELD="county_name")
    assert len(rows) >= 3
    assert [r["unit_name"] for r in rows] == sorted(r["unit_name"] for r in rows)
    by_name = {f["county_name"]: f.geometry() for f in counties.getFeatures()}
    total = 0.0
    for row in rows:
        assert row["zone_type"] in (None, "")
        assert row["zone_id"] == "Q-1"
        unit = by_name[row["unit_name"]]
        expected = ellipsoidal_area_m2(unit.intersection(wgs84_disc), "EPSG:4326")
        assert row["area_km2"] == pytest.approx(expected / 1e6, rel=5e-4)
        assert row["share_pct"] == pytest.approx(100 * expected / ellipsoidal_area_m2(unit, "EPSG:4326"), rel=5e-4)
        total += row["area_km2"]
    # the counties tile the land: what is inside them adds up to at most the zone
    assert total <= ellipsoidal_area_m2(wgs84_disc, "EPSG:4326") / 1e6 * 1.0005


def test_empty_zones_is_a_clear_error(rifa_provider):
    from qgis.core import QgsProcessingException

    zones = make_layer("Polygon", UTM, [], "no zones here")
    units = make_layer("Polygon", UTM, [(f"POLYGON(({X0} {Y0}, {X0 + 1} {Y0}, {X0} {Y0 + 1}, {X0} {Y0}))", {"n": "a"})], "u")
    with pytest.raises(QgsProcessingException, match="no zones here"):
        run(zones, units)
