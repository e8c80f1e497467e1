"""``rifa:describeboundary`` and ``rifa:lockdownorder`` on real QGIS layers: extreme points
against the zone geometry, landmarks on a constructed road/river layout, the .docx read back with
python-docx, both through ``qgis_process``."""

from __future__ import annotations

import json
import sqlite3
import subprocess

import docx
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)
from rifa_test_utils import ground_measure, make_layer, qgis_process, run_without_module

UTM = "EPSG:32650"
X0, Y0 = 700_000.0, 2_800_000.0
# the heptagon of test_core_boundary.py, in UTM metres: south edge on the river, apexes E, N, W
ZONE = [(0, 0), (10000, 0), (11000, 4000), (10000, 8000), (5000, 9000), (0, 8000), (-1000, 4000), (0, 0)]


def wkt_polygon(points):
    return "POLYGON((" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in points) + "))"


def wkt_line(points):
    return "LINESTRING(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in points) + ")"


@pytest.fixture
def scene(tmp_path):
    """GeoPackage layers of the constructed scene (the zone also in EPSG:4326, as the demo writes it)."""
    zone = QgsGeometry.fromWkt(wkt_polygon(ZONE))
    to_wgs = QgsCoordinateTransform(QgsCoordinateReferenceSystem(UTM), QgsCoordinateReferenceSystem("EPSG:4326"),
                                    QgsProject.instance())
    zone_wgs = QgsGeometry(zone.densifyByDistance(250))
    zone_wgs.transform(to_wgs)
    gpkg = tmp_path / "scene.gpkg"
    layers = {
        "zones": make_layer("Polygon", "EPSG:4326", [(zone_wgs.asWkt(12), {"zone_id": 1, "zone_type": "quarantine"})],
                            "zones", gpkg),
        "rivers": make_layer("LineString", UTM, [(wkt_line([(-3000, 0), (13000, 0)]), {"name": "木兰溪"})], "rivers", gpkg),
        "roads": make_layer("LineString", UTM, [
            (wkt_line([(5000, -3000), (5000, 12000)]), {"name": "G324国道", "class": "国道"}),
            (wkt_line([(-2000, 9300), (12000, 9300)]), {"name": "X201县道", "class": "县道"}),
        ], "roads", gpkg),
        "villages": make_layer("Polygon", UTM, [
            (wkt_polygon([(10800, 3000), (11800, 3000), (11800, 3500), (10800, 3500), (10800, 3000)]), {"name": "华亭村"}),
        ], "villages", gpkg),
        "units": make_layer("Polygon", UTM, [
            (wkt_polygon([(-5000, -5000), (4000, -5000), (4000, 15000), (-5000, 15000), (-5000, -5000)]),
             {"county_name": "城厢区"}),
            (wkt_polygon([(4000, -5000), (15000, -5000), (15000, 15000), (4000, 15000), (4000, -5000)]),
             {"county_name": "荔城区"}),
        ], "units", gpkg),
    }
    return gpkg, layers


def describe(layers, **extra):
    import processing

    params = {"ZONES": layers["zones"], "ROADS": layers["roads"], "BARRIERS": [layers["rivers"]],
              "VILLAGES": layers["villages"], "UNITS": layers["units"], "OUTPUT": "memory:"}
    params.update(extra)
    out = processing.run("rifa:describeboundary", params)["OUTPUT"]
    return [dict(zip(out.fields().names(), f.attributes())) for f in out.getFeatures()]


def test_extreme_points_lie_on_the_zone_and_nothing_of_it_lies_beyond(rifa_provider, scene):
    _, layers = scene
    (row,) = describe(layers)
    zone = next(layers["zones"].getFeatures()).geometry()
    # every point of the boundary, 1 m apart, in longitude/latitude (the layer is EPSG:4326)
    to_utm = QgsCoordinateTransform(layers["zones"].crs(), QgsCoordinateReferenceSystem(UTM), QgsProject.instance())
    utm_zone = QgsGeometry(zone)
    utm_zone.transform(to_utm)
    dense = QgsGeometry(utm_zone.densifyByDistance(1.0))
    dense.transform(to_utm, QgsCoordinateTransform.ReverseTransform)
    lons = [p.x() for p in dense.vertices()]
    lats = [p.y() for p in dense.vertices()]
    tolerance = 1e-6  # degrees: about 0.1 m
    assert max(lons) <= row["east_lon"] + tolerance and min(lons) >= row["west_lon"] - tolerance
    assert max(lats) <= row["north_lat"] + tolerance and min(lats) >= row["south_lat"] - tolerance
    for direction in ("east", "south", "west", "north"):
        point = to_utm.transform(QgsPointXY(row[f"{direction}_lon"], row[f"{direction}_lat"]))
        # on the boundary to within 0.1 m (6 decimals are 0.11 m of latitude at most: ±0.06 m)
        distance = QgsGeometry.fromPointXY(point).distance(QgsGeometry(utm_zone.constGet().boundary()))
        assert distance <= 0.1, (direction, distance)
    # the apexes of the constructed zone (UTM grid north is not true north: the apex still wins here)
    east = to_utm.transform(QgsPointXY(row["east_lon"], row["east_lat"]))
    assert (east.x() - X0, east.y() - Y0) == pytest.approx((11000, 4000), abs=0.1)


def test_description_landmarks_area_and_perimeter(rifa_provider, scene):
    _, layers = scene
    (row,) = describe(layers, ROAD_NAME_FIELD="name", UNIT_NAME_FIELD="county_name")
    assert row["zone_id"] == 1 and row["zone_type"] == "quarantine"
    # true ground figures: QGIS's ellipsoidal measure of the zone as stored (UTM's planar area is 0.02 % more here)
    measure = ground_measure(layers["zones"].crs())
    zone = next(layers["zones"].getFeatures()).geometry()
    assert row["area_km2"] == pytest.approx(measure.measureArea(zone) / 1e6, rel=5e-5)
    assert row["perimeter_km"] == pytest.approx(measure.measurePerimeter(zone) / 1000, rel=5e-5)
    description = row["description"]
    assert description.startswith("东至华亭村以北约500米（东经")
    assert "，南至木兰溪北岸（东经" in description
    assert "，西至城厢区境内（东经" in description
    assert "，北至G324国道与X201县道交叉口以南约300米（东经" in description and description.endswith("°）。")
    marks = json.loads(row["landmarks"])
    assert [(m["kind"], m["name"], m["relation"]) for m in marks] == [
        ("road", "G324国道", "crosses"), ("unit", "荔城区", "passes"), ("village", "华亭村", "passes"),
        ("river", "木兰溪", "follows"), ("unit", "城厢区", "passes"),
    ]
    river = marks[3]
    assert river["follows_m"] == pytest.approx(10062, abs=5) and marks[0]["crossings"] == 2


def test_english_description(rifa_provider, scene):
    _, layers = scene
    (row,) = describe(layers, LANGUAGE=1)
    assert row["description"].startswith("East: about 500 m north of 华亭村 (")
    assert "; South: the north bank of 木兰溪 (" in row["description"]


def _qgis_process_run(plugin_parent_dir, tmp_path, algorithm, zones_parameter, *more):
    """``algorithm`` on the scene's GeoPackage through qgis_process, in a fresh profile."""
    gpkg = tmp_path / "scene.gpkg"
    home = tmp_path / "home"
    assert qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home).returncode == 0
    layers = [f"{zones_parameter}={gpkg}|layername=zones"] + [
        f"{name}={gpkg}|layername={table}"
        for name, table in (("ROADS", "roads"), ("BARRIERS", "rivers"), ("VILLAGES", "villages"), ("UNITS", "units"))
    ]
    return qgis_process(["run", algorithm, "--", *layers, *more], plugin_parent=plugin_parent_dir, home=home)


def test_describeboundary_through_qgis_process(plugin_parent_dir, scene, tmp_path):
    out = tmp_path / "out.gpkg"
    run = _qgis_process_run(plugin_parent_dir, tmp_path, "rifa:describeboundary", "ZONES",
                            f"OUTPUT=ogr:dbname='{out}' table=\"boundary\" (geom)")
    assert run.returncode == 0, run.stdout + run.stderr
    with sqlite3.connect(out) as db:
        (description, landmarks, east_lon) = db.execute("SELECT description, landmarks, east_lon FROM boundary").fetchone()
    assert "南至木兰溪北岸" in description and "北至G324国道与X201县道交叉口以南约300米" in description
    assert json.loads(landmarks)[0]["name"] == "G324国道" and 119 < east_lon < 120


def _order(layers, tmp_path, **extra):
    import processing

    checkpoints = processing.run("rifa:checkpoints", {"ZONES": layers["zones"], "ROADS": layers["roads"],
                                                      "ROAD_NAME_FIELD": "name", "OUTPUT": "memory:"})["OUTPUT"]
    params = {"QUARANTINE": layers["zones"], "CHECKPOINTS": checkpoints, "ROADS": layers["roads"],
              "BARRIERS": [layers["rivers"]], "VILLAGES": layers["villages"], "UNITS": layers["units"],
              "ORDER_NUMBER": "莆政封〔2025〕7号", "AUTHORITY": "莆田市人民政府", "ISSUE_DATE": "2025-04-12",
              "GRADE": 2, "OUTPUT": str(tmp_path / "order.docx")}
    params.update(extra)
    result = processing.run("rifa:lockdownorder", params)
    return docx.Document(result["OUTPUT"]), checkpoints


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_order_reads_back_with_number_zone_sentences_checkpoints_and_measures(rifa_provider, scene, tmp_path):
    _, layers = scene
    document, checkpoints = _order(layers, tmp_path)
    texts = _texts(document)
    assert texts[:3] == ["莆田市人民政府", "封锁令", "莆政封〔2025〕7号"]
    assert any("《莆田市防控红火蚁疫情应急预案》（莆政办[2006]2号）第五章 二" in t for t in texts)
    (zone_line,) = [t for t in texts if t.startswith("疫区Q1")]
    (row,) = describe(layers)
    assert zone_line == f"疫区Q1（面积约{row['area_km2']:.1f}平方千米）：{row['description']}"
    for clause in ("东至华亭村以北约500米（东经", "南至木兰溪北岸（东经", "西至城厢区境内（东经",
                   "北至G324国道与X201县道交叉口以南约300米（东经"):
        assert clause in zone_line
    assert "涉及行政区：荔城区、城厢区。" in texts  # largest overlap first
    assert not any(t.startswith("受威胁区T") for t in texts)  # no threatened zones given: the line goes
    # every checkpoint, in order, with its coordinates
    (table,) = document.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["编号", "道路", "经度（°E）", "纬度（°N）"]
    expected = sorted(checkpoints.getFeatures(), key=lambda f: f["checkpoint_id"])
    assert len(rows) == 1 + len(expected) == 3
    for cells, feature in zip(rows[1:], expected):
        assert cells == [str(feature["checkpoint_id"]), feature["road_name"], f"{feature['lon']:.5f}",
                         f"{feature['lat']:.5f}"]
    assert "在下列2处进出疫区的交通路口派专人守护，配备消毒设备：" in texts
    assert "三、封锁措施（疫情等级：二级）" in texts
    assert "3．禁止植物、植物产品及可能受到污染的物品进出疫区。" in texts
    assert any(t.startswith("疫区内红火蚁按规定根除扑灭处理后") for t in texts)
    assert "2025年4月12日" in texts
    assert not any("{{" in t for t in texts)


def test_the_map_pdf_is_attached_page_by_page_and_a_png_as_it_is(rifa_provider, scene, tmp_path):
    from qgis.PyQt.QtGui import QColor, QImage

    _, layers = scene
    picture = QImage(400, 300, QImage.Format_RGB32)
    picture.fill(QColor("orange"))
    png = tmp_path / "map.png"
    picture.save(str(png))
    document, _ = _order(layers, tmp_path, MAP=str(png))
    assert len(document.inline_shapes) == 1
    # a two-page PDF of a QGIS layout: two pictures
    import processing

    pdf = tmp_path / "map.pdf"
    processing.run("rifa:lockdownmap", {"QUARANTINE": layers["zones"], "UNITS": layers["units"],
                                        "ORDER_NUMBER": "x", "OUTPUT": str(pdf)})
    two = tmp_path / "two.pdf"
    subprocess.run(["pdfunite", str(pdf), str(pdf), str(two)], check=True)
    document, _ = _order(layers, tmp_path, MAP=str(two))
    assert len(document.inline_shapes) == 2
    assert not (tmp_path / "two.pdf.aux.xml").exists()


def test_authority_and_date_default_from_the_profile_and_blanks(rifa_provider, scene, tmp_path):
    _, layers = scene
    document, _ = _order(layers, tmp_path, AUTHORITY="", ISSUE_DATE="", GRADE=3, UNITS=None)
    texts = _texts(document)
    assert texts[0] == "县级人民政府"  # who issues the order for grade III (第四章)
    assert "　　　　年　　月　　日" in texts and "三、封锁措施（疫情等级：三级）" in texts
    assert not any(t.startswith("涉及行政区") for t in texts)


def test_a_template_of_the_bureau(rifa_provider, scene, tmp_path):
    _, layers = scene
    template = docx.Document()
    template.add_paragraph("{{ order_number }}：{{q.north}}")
    table = template.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "{{cp.number}}"
    table.rows[0].cells[1].text = "{{cp.lat}}"
    path = tmp_path / "bureau.docx"
    template.save(str(path))
    document, _ = _order(layers, tmp_path, TEMPLATE=str(path))
    assert document.paragraphs[0].text.startswith("莆政封〔2025〕7号：北至G324国道与X201县道交叉口以南约300米（东经")
    assert [r.cells[0].text for r in document.tables[0].rows] == ["1", "2"]


def test_a_bad_template_or_map_is_named(rifa_provider, scene, tmp_path):
    from qgis.core import QgsProcessingException

    _, layers = scene
    bad = tmp_path / "bad.docx"
    bad.write_text("not a docx", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="bad.docx"):
        _order(layers, tmp_path, TEMPLATE=str(bad))
    (tmp_path / "map.png").write_text("not a picture", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"map\.png' is not a readable picture"):
        _order(layers, tmp_path, MAP=str(tmp_path / "map.png"))
    (tmp_path / "map.txt").write_text("x", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="MAP"):  # Processing itself refuses the file type
        _order(layers, tmp_path, MAP=str(tmp_path / "map.txt"))
    assert not (tmp_path / "order.docx").exists()


def test_lockdownorder_through_qgis_process(plugin_parent_dir, scene, tmp_path):
    out = tmp_path / "order.docx"
    run = _qgis_process_run(plugin_parent_dir, tmp_path, "rifa:lockdownorder", "QUARANTINE",
                            "ORDER_NUMBER=莆政封〔2025〕9号", "GRADE=1", f"OUTPUT={out}")
    assert run.returncode == 0, run.stdout + run.stderr
    texts = _texts(docx.Document(str(out)))
    assert "莆政封〔2025〕9号" in texts and "三、封锁措施（疫情等级：一级）" in texts
    assert any("南至木兰溪北岸" in t for t in texts)
    assert [[c.text for c in r.cells] for r in docx.Document(str(out)).tables[0].rows][1][0] == "（无）"


def test_without_python_docx_the_order_says_what_to_install(plugin_parent_dir, tmp_path):
    body = f"""
        from qgis.core import QgsVectorLayer, QgsProcessingException
        sys.path.append("/usr/share/qgis/python/plugins")
        import processing
        from processing.core.Processing import Processing
        Processing.initialize()
        import rifa_zoning
        plugin = rifa_zoning.classFactory(None)
        plugin.initProcessing()
        zones = QgsVectorLayer("Polygon?crs=EPSG:32650", "zones", "memory")
        try:
            processing.run("rifa:lockdownorder", {{"QUARANTINE": zones, "GRADE": 2, "OUTPUT": {str(tmp_path / "o.docx")!r}}})
        except QgsProcessingException as error:
            print("MESSAGE:", error)
        plugin.unload()
        """
    result = run_without_module("docx", body, plugin_parent_dir, tmp_path)
    assert "MESSAGE:" in result.stdout, result.stdout + result.stderr
    message = result.stdout.split("MESSAGE:", 1)[1]
    assert "python-docx" in message and "not installed" in message and "pip install python-docx" in message
    assert not (tmp_path / "o.docx").exists()


def test_bad_zone_layers_are_named(rifa_provider, scene, tmp_path):
    from qgis.core import QgsProcessingException

    import processing

    empty = make_layer("Polygon", UTM, [], "empty zones")
    with pytest.raises(QgsProcessingException, match="'empty zones' has no features"):
        processing.run("rifa:describeboundary", {"ZONES": empty, "OUTPUT": "memory:"})
    no_crs = make_layer("Polygon", None, [(wkt_polygon(ZONE), {"zone_id": 1})], "zones without crs",
                        tmp_path / "nocrs.gpkg")
    with pytest.raises(QgsProcessingException, match="'zones without crs' has no coordinate reference system"):
        processing.run("rifa:lockdownorder", {"QUARANTINE": no_crs, "GRADE": 2, "OUTPUT": str(tmp_path / "o.docx")})
    assert not (tmp_path / "o.docx").exists()
    _, layers = scene
    with pytest.raises(QgsProcessingException, match="GRADE"):  # 1, 2 or 3 only: refused by Processing
        processing.run("rifa:lockdownorder", {"QUARANTINE": layers["zones"], "GRADE": 4,
                                              "OUTPUT": str(tmp_path / "o.docx")})
