"""``make demo``: the real chain through qgis_process on the Putian sample data, and ``make demo-project``.

Slow (one qgis_process start per algorithm, about 20 s in all), but part of ``make test``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QImage
from rifa_test_utils import ROOT
from rifa_test_utils import SAMPLE_GPKG as SAMPLE

pytestmark = pytest.mark.slow

UTM = QgsCoordinateReferenceSystem("EPSG:32650")
ALGORITHMS = ["rifa:delineatezones", "rifa:outbreakgrade", "rifa:checkpoints", "rifa:affectedunits", "rifa:lockdownmap",
              "rifa:describeboundary", "rifa:lockdownorder"]
RESULT_LAYERS = ["occurrence_areas", "quarantine_zones", "threatened_zones", "occurrence_points", "outbreak_counties",
                 "checkpoints", "affected_units"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory, qgis_app):
    from rifa_zoning.processing.provider import algorithm_classes

    present = {f"rifa:{cls().name()}" for cls in algorithm_classes()}
    missing = [a for a in ALGORITHMS if a not in present]
    if missing:
        pytest.skip("not in this checkout yet: " + ", ".join(missing))
    out = tmp_path_factory.mktemp("demo_output")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "demo.py"), "--output-dir", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return out, done.stdout


def layer(path, name) -> QgsVectorLayer:
    result = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert result.isValid(), f"{path} has no layer {name}"
    return result


def in_utm(geometry: QgsGeometry, crs) -> QgsGeometry:
    geometry = QgsGeometry(geometry)
    geometry.transform(QgsCoordinateTransform(crs, UTM, QgsProject.instance()))
    return geometry


def lonlat(lon: float, lat: float) -> QgsGeometry:
    return in_utm(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)), QgsCoordinateReferenceSystem("EPSG:4326"))


def test_summary_tells_the_putian_story(demo):
    out, stdout = demo
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert "Grade II" in stdout and "二级" in stdout
    assert (summary["grade"], summary["n_counties"], summary["n_cities"], summary["n_unassigned"]) == (2, 3, 1, 0)
    assert sorted(summary["outbreak_counties"]) == sorted(["城厢区", "荔城区", "涵江区"])
    assert (summary["occurrence_points"], summary["nests"]) == (6, 25)
    assert summary["quarantine_zones"]["count"] == 1 and summary["quarantine_zones"]["meeting_rule"] == 1
    assert summary["checkpoints"] >= 4
    assert {"城厢区", "荔城区", "涵江区"} <= {u["unit"] for u in summary["affected_units"]}
    for kind in ("occurrence_areas", "quarantine_zones", "threatened_zones"):
        assert summary[kind]["area_km2"] > 0
        assert f"{summary[kind]['area_km2']} km²" in stdout


def test_geopackage_holds_every_output(demo):
    out, _ = demo
    gpkg = out / "rifa_demo.gpkg"
    for name in RESULT_LAYERS:
        assert layer(gpkg, name).featureCount() > 0, name


def test_the_mulan_river_cuts_the_quarantine_zone(demo):
    """Against an independent plain buffer: the river removes area, bridges let the zone through."""
    out, _ = demo
    zones = layer(out / "rifa_demo.gpkg", "quarantine_zones")
    zone = QgsGeometry.unaryUnion([in_utm(f.geometry(), zones.crs()) for f in zones.getFeatures()])
    nests = layer(SAMPLE, "nests")
    disks = QgsGeometry.unaryUnion([in_utm(f.geometry(), nests.crs()).buffer(5000, 64) for f in nests.getFeatures()])
    assert zone.area() < 0.95 * disks.area()
    # south bank, 4 km from the nearest nest but more than 5 km from it through any bridge
    south_bank = lonlat(119.02, 25.392)
    assert disks.contains(south_bank) and not zone.contains(south_bank)
    # 500 m south of the G15 bridge: reached through it
    assert zone.contains(lonlat(118.9412, 25.3922))
    # every nest is inside
    for nest in nests.getFeatures():
        assert zone.contains(in_utm(nest.geometry(), nests.crs())), nest["nest_id"]


def test_checkpoints_are_where_roads_cross_the_zone_boundary(demo):
    out, _ = demo
    gpkg = out / "rifa_demo.gpkg"
    zones = layer(gpkg, "quarantine_zones")
    zone = QgsGeometry.unaryUnion([in_utm(f.geometry(), zones.crs()) for f in zones.getFeatures()])
    boundary = QgsGeometry(zone.constGet().boundary())
    roads = layer(SAMPLE, "roads")
    road_lines = {f["name"]: in_utm(f.geometry(), roads.crs()) for f in roads.getFeatures()}
    checkpoints = layer(gpkg, "checkpoints")
    crossings = 0
    for line in road_lines.values():
        hits = line.intersection(boundary)  # points where the road crosses the boundary
        crossings += 0 if hits.isEmpty() else hits.constGet().partCount()
    assert checkpoints.featureCount() == crossings  # no two crossings of the sample roads lie within 50 m
    for checkpoint in checkpoints.getFeatures():
        point = in_utm(checkpoint.geometry(), checkpoints.crs())
        assert boundary.distance(point) < 1.0
        assert road_lines[checkpoint["road_name"]].distance(point) < 1.0


def test_map_pdf_and_png(demo):
    out, _ = demo
    info = subprocess.run(["pdfinfo", str(out / "lockdown_map.pdf")], capture_output=True, text=True, check=True)
    assert "A3" in info.stdout
    text = subprocess.run(["pdftotext", str(out / "lockdown_map.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    # the very characters printed (no Kangxi radicals for 火, 民), the grid labels with their digits
    assert "红火蚁疫区封锁范围图" in text and "莆政封〔2025〕1号" in text and "莆田市人民政府" in text
    assert "119°0′E" in text and "25°30′N" in text
    image = QImage(str(out / "lockdown_map.png"))
    assert not image.isNull() and image.width() > 800
    small = image.scaled(120, 85)
    colours = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    assert len(colours) > 20  # a drawn map, not a blank page


def test_the_order_beside_the_map_holds_the_printed_boundary_and_every_checkpoint(demo):
    import docx

    out, stdout = demo
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    (sentence,) = summary["boundary"]
    assert sentence.startswith("东至") and "，南至" in sentence and "，西至" in sentence and "，北至" in sentence
    assert f"boundary (四至)     {sentence}" in stdout
    document = docx.Document(str(out / "lockdown_order.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[1:3] == ["封锁令", "莆政封〔2025〕1号(示例 sample)"]
    assert f"疫区Q1（面积约{summary['quarantine_zones']['area_km2']:.1f}平方千米）：{sentence}" in texts
    assert any(t.startswith("受威胁区T1（面积约939.3平方千米）：东至") for t in texts)
    checkpoints = layer(out / "rifa_demo.gpkg", "checkpoints")
    rows = [[c.text for c in r.cells] for r in document.tables[0].rows][1:]
    assert [r[0] for r in rows] == [str(i) for i in range(1, checkpoints.featureCount() + 1)]
    assert "三、封锁措施（疫情等级：二级）" in texts and "2025年4月12日" in texts
    assert len(document.inline_shapes) == 1  # the A3 map, one page


def test_demo_project_opens_with_valid_styled_layers(demo):
    out, _ = demo
    done = subprocess.run([sys.executable, "-P", str(ROOT / "scripts" / "demo_project.py"), "--output-dir", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    path = out / "rifa_demo.qgz"
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(next(n for n in zf.namelist() if n.endswith(".qgs"))).decode("utf-8")
    assert "./rifa_demo.gpkg|layername=quarantine_zones" in xml  # relative paths
    project = QgsProject()
    assert project.read(str(path))
    layers = {lyr.name(): lyr for lyr in project.mapLayers().values()}
    assert len(layers) == 12 and all(lyr.isValid() for lyr in layers.values())
    nests_id, ok = project.readEntry("rifa_zoning", "response/nests_layer")
    assert ok and project.mapLayer(nests_id).name().startswith("Nests")
    quarantine = next(lyr for name, lyr in layers.items() if name.startswith("Quarantine"))
    assert quarantine.renderer() is not None and quarantine.featureCount() == 1


def test_demo_declares_the_zones_and_writes_a_weekly_report(demo):
    import sqlite3

    import docx

    out, stdout = demo
    assert "4 zones declared; weekly report: 25 new detections, 6 new occurrence points" in stdout
    with sqlite3.connect(out / "rifa_case.gpkg") as db:
        versions = db.execute("SELECT zone_type, version, change, valid_from, valid_to FROM zone_versions ORDER BY fid").fetchall()
    assert sorted(v[0] for v in versions) == ["occurrence", "occurrence", "quarantine", "threatened"]
    assert {v[1:] for v in versions} == {(1, "new", "2025-04-12", None)}
    document = docx.Document(str(out / "weekly_report.docx"))
    assert document.paragraphs[0].text == "红火蚁疫情处理情况周报"
    summary = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["新发现疫情", "25"] in summary and ["现行疫区面积(平方公里)", "204.04"] in summary
