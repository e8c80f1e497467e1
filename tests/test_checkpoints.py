"""``rifa:checkpoints`` on constructed road networks whose answers are known."""

from __future__ import annotations

import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)
from rifa_test_utils import make_layer

# a 1 km square zone in UTM 50N near Putian
X0, Y0 = 700_000.0, 2_800_000.0
UTM = "EPSG:32650"


def square(x0=X0, y0=Y0, size=1000.0):
    return shapely.box(x0, y0, x0 + size, y0 + size).wkt


def line(*points):
    return "LINESTRING(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in points) + ")"


def run(zones, roads, merge=50.0, **extra):
    import processing

    params = {"ZONES": zones, "ROADS": roads, "MERGE_DISTANCE": merge, "OUTPUT": "memory:"}
    params.update(extra)
    result = processing.run("rifa:checkpoints", params)
    return result["OUTPUT"]


def rows(layer):
    out = []
    for f in layer.getFeatures():
        p = f.geometry().asPoint()
        out.append({**dict(zip(layer.fields().names(), f.attributes())), "x": p.x() - X0, "y": p.y() - Y0})
    return sorted(out, key=lambda r: r["checkpoint_id"])


def zone_layer(crs=UTM, rows_=None):
    return make_layer("Polygon", crs, rows_ or [(square(), {"zone_id": "Q1", "zone_type": "quarantine"})], "zones")


@pytest.mark.parametrize(
    "road, expected",
    [
        (line((-100, 500), (1100, 500)), [(1000, 500), (0, 500)]),  # through: 2
        (line((-100, 500), (500, 500)), [(0, 500)]),  # ends inside: 1
        (line((-100, -100), (1100, -100)), []),  # outside: 0
        (line((100, 100), (900, 900)), []),  # entirely inside: 0
        (line((-100, 100), (100, 300), (-100, 500), (100, 700), (-100, 900)), [(0, 200), (0, 400), (0, 600), (0, 800)]),
        (line((-100, 100), (0, 500), (-100, 900)), []),  # touches the boundary without entering
    ],
    ids=["through", "ends-inside", "outside", "inside", "zigzag", "touch"],
)
def test_known_crossings(rifa_provider, road, expected):
    roads = make_layer("LineString", UTM, [(road, {"name": "G324", "cls": "national"})], "roads")
    result = rows(run(zone_layer(), roads, ROAD_NAME_FIELD="name", ROAD_CLASS_FIELD="cls"))
    assert len(result) == len(expected)
    got = sorted((round(r["x"], 3), round(r["y"], 3)) for r in result)
    assert got == sorted((float(x), float(y)) for x, y in expected)
    for r in result:
        assert r["road_name"] == "G324" and r["road_class"] == "national" and r["zone_id"] == "Q1"


def test_multipart_roads_count_each_part(rifa_provider):
    road = (
        f"MULTILINESTRING(({X0 - 100} {Y0 + 500}, {X0 + 1100} {Y0 + 500}), "
        f"({X0 + 500} {Y0 - 100}, {X0 + 500} {Y0 + 300}))"
    )
    roads = make_layer("MultiLineString", UTM, [(road, {"name": "X201"})], "roads")
    result = rows(run(zone_layer(), roads, ROAD_NAME_FIELD="name"))
    assert sorted((round(r["x"]), round(r["y"])) for r in result) == [(0, 500), (500, 0), (1000, 500)]


def test_order_is_clockwise_from_north_and_numbered(rifa_provider):
    roads = make_layer(
        "LineString",
        UTM,
        [
            (line((-100, 500), (500, 500)), {"name": "west"}),
            (line((500, 1100), (500, 500)), {"name": "north"}),
            (line((1100, 500), (500, 500)), {"name": "east"}),
            (line((500, -100), (500, 500)), {"name": "south"}),
        ],
        "roads",
    )
    result = rows(run(zone_layer(), roads, ROAD_NAME_FIELD="name"))
    assert [r["road_name"] for r in result] == ["north", "east", "south", "west"]
    assert [r["checkpoint_id"] for r in result] == [1, 2, 3, 4]
    assert [r["bearing_deg"] for r in result] == [0.0, 90.0, 180.0, 270.0]


def test_merge_distance(rifa_provider):
    roads = make_layer(
        "LineString",
        UTM,
        [(line((-100, 500), (500, 500)), {"name": "A"}), (line((-100, 530), (500, 530)), {"name": "B"})],
        "roads",
    )
    merged = rows(run(zone_layer(), roads, merge=50, ROAD_NAME_FIELD="name"))
    assert len(merged) == 1
    assert merged[0]["road_name"] == "A / B" and merged[0]["n_crossings"] == 2
    assert merged[0]["x"] == pytest.approx(0.0) and merged[0]["y"] in (pytest.approx(500.0), pytest.approx(530.0))
    apart = rows(run(zone_layer(), roads, merge=20, ROAD_NAME_FIELD="name"))
    assert len(apart) == 2


def test_road_split_at_the_boundary_gives_one_entrance(rifa_provider):
    roads = make_layer(
        "LineString", UTM, [(line((-100, 500), (0, 500)), {}), (line((0, 500), (500, 500)), {})], "roads"
    )
    result = rows(run(zone_layer(), roads, merge=0))
    assert [(round(r["x"]), round(r["y"])) for r in result] == [(0, 500)]


def test_two_zones_and_feature_id_when_no_zone_id(rifa_provider):
    zones = make_layer(
        "Polygon", UTM, [(square(), {"name": "a"}), (square(X0 + 3000), {"name": "b"})], "zones"
    )
    road = make_layer("LineString", UTM, [(line((-100, 500), (4100, 500)), {})], "roads")
    result = rows(run(zones, road))
    assert len(result) == 4
    ids = [f.id() for f in zones.getFeatures()]
    assert [r["zone_id"] for r in result] == [ids[0], ids[0], ids[1], ids[1]]
    assert [r["checkpoint_id"] for r in result] == [1, 2, 3, 4]


def test_geographic_input_gives_metres_and_correct_lon_lat(rifa_provider):
    utm = QgsCoordinateReferenceSystem(UTM)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    to_wgs = QgsCoordinateTransform(utm, wgs84, QgsProject.instance())

    def geo(wkt):
        g = QgsGeometry.fromWkt(wkt)
        g.densifyByDistance(10)  # keep the square's edges where they are in UTM
        g.transform(to_wgs)
        return g.asWkt()

    zones = make_layer("Polygon", "EPSG:4326", [(geo(square()), {"zone_id": 7})], "zones")
    roads = make_layer(
        "LineString",
        "EPSG:4326",
        [(geo(line((-100, 500), (500, 500))), {"name": "A"}), (geo(line((-100, 530), (500, 530))), {"name": "B"})],
        "roads",
    )
    layer = run(zones, roads, merge=20, ROAD_NAME_FIELD="name")
    assert layer.crs().authid() == "EPSG:4326"  # the zones' CRS
    result = sorted(layer.getFeatures(), key=lambda f: f["road_name"])
    assert len(result) == 2  # 30 m apart on the ground: not merged at 20 m
    for feature, y in zip(result, (500, 530)):
        expected = to_wgs.transform(QgsPointXY(X0, Y0 + y))
        assert feature["lon"] == pytest.approx(expected.x(), abs=2e-6)  # ~0.2 m
        assert feature["lat"] == pytest.approx(expected.y(), abs=2e-6)
        assert feature.geometry().asPoint().x() == pytest.approx(expected.x(), abs=2e-6)
        assert feature["zone_id"] == 7
    assert len(rows(run(zones, roads, merge=50))) == 1  # and merged at 50 m


def test_empty_zones_layer_is_a_clear_error(rifa_provider):
    from qgis.core import QgsProcessingException

    zones = make_layer("Polygon", UTM, [], "empty zones")
    roads = make_layer("LineString", UTM, [(line((-100, 500), (500, 500)), {})], "roads")
    with pytest.raises(QgsProcessingException, match="empty zones"):
        run(zones, roads)


def test_roads_without_crs_is_a_clear_error(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    roads = make_layer("LineString", None, [(line((-100, 500), (500, 500)), {})], "nocrs", path=tmp_path / "r.gpkg")
    with pytest.raises(QgsProcessingException, match="nocrs.*coordinate reference system"):
        run(zone_layer(), roads)


def test_unwritable_output_leaves_no_file(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    import processing

    target = tmp_path / "missing_dir" / "cp.gpkg"
    roads = make_layer("LineString", UTM, [(line((-100, 500), (500, 500)), {})], "roads")
    with pytest.raises(QgsProcessingException):
        processing.run("rifa:checkpoints", {"ZONES": zone_layer(), "ROADS": roads, "OUTPUT": str(target)})
    assert not target.exists()
