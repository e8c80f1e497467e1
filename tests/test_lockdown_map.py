"""``rifa:lockdownmap``: the PDF on real layers: page size, Chinese text, not blank, long tables."""

from __future__ import annotations

import math
import shutil
import subprocess
import unicodedata

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsPointXY, QgsProject
from qgis.PyQt.QtGui import QColor, QImage
from rifa_test_utils import make_layer, qgis_process, sample_counties

CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E
TITLE = "红火蚁疫区封锁范围图"
ORDER = "莆政封〔2024〕7号"
AUTHORITY = "莆田市荔城区人民政府"

RADICALS = str.maketrans(
    "⺠⻔⻢⻓⻋⻅⻜⻬⻆⻉⻛⻚⻘⻝⻰⻳⻥⻦⻩⻨⻮",
    "民门马长车见飞齐角贝风页青食龙龟鱼鸟黄麦齿",
)

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed (make deps)")


def centre():
    to_crs = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem(CRS), QgsProject.instance()
    )
    return to_crs.transform(QgsPointXY(119.05, 25.45))


def disc(radius, path=None, name="q", zone_type="quarantine"):
    c = centre()
    wkt = QgsGeometry.fromPointXY(c).buffer(radius, 36).asWkt()
    return make_layer("Polygon", CRS, [(wkt, {"zone_type": zone_type, "zone_id": 1})], name, path)


def checkpoints(count):
    """``count`` radial roads into a 5 km quarantine zone, through rifa:checkpoints."""
    import processing

    c = centre()
    roads = []
    for i in range(count):
        a = 2 * math.pi * i / count
        roads.append(
            (
                f"LINESTRING({c.x() + 7000 * math.sin(a)} {c.y() + 7000 * math.cos(a)}, "
                f"{c.x() + 1000 * math.sin(a)} {c.y() + 1000 * math.cos(a)})",
                {"name": f"X{100 + i}", "cls": "县道"},
            )
        )
    road_layer = make_layer("LineString", CRS, roads, "roads")
    return processing.run(
        "rifa:checkpoints",
        {"ZONES": disc(5000), "ROADS": road_layer, "ROAD_NAME_FIELD": "name", "ROAD_CLASS_FIELD": "cls",
         "MERGE_DISTANCE": 1, "OUTPUT": "memory:"},
    )["OUTPUT"]


def result_layer_features(result):
    return list(result["_checkpoints"].getFeatures())


def run_map(tmp_path, n_checkpoints=8, **extra):

    import processing

    params = {
        "QUARANTINE": disc(5000),
        "OCCURRENCE": disc(2500, name="occ", zone_type="occurrence"),
        "THREATENED": disc(12000, name="thr", zone_type="threatened"),
        "CHECKPOINTS": checkpoints(n_checkpoints),
        "UNITS": sample_counties(),
        "ORDER_NUMBER": ORDER,
        "AUTHORITY": AUTHORITY,
        "ISSUE_DATE": "2024年5月6日",
        "GRADE": "三级",
        "OUTPUT": str(tmp_path / "map.pdf"),
        "OUTPUT_PNG": str(tmp_path / "map.png"),
    }
    params.update(extra)
    result = processing.run("rifa:lockdownmap", params)
    result["_checkpoints"] = params["CHECKPOINTS"]
    return result


def pdf_pages_mm(path):
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True)
    sizes = []
    for line in info.stdout.splitlines():
        if line.startswith("Page") and "size:" in line:
            parts = line.split("size:")[1].split()
            sizes.append((round(float(parts[0]) / 72 * 25.4), round(float(parts[2]) / 72 * 25.4)))
    return sizes


def pdf_text(path, page=None):
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    # Known limitation: Qt's PDF writer names each glyph by the lowest code point the font maps to
    # it, so some ideographs come out of text extraction as radicals (火 -> ⽕ U+2F55, 民 -> ⺠
    # U+2EA0). The printed page is right. NFKC undoes the Kangxi radicals; the CJK Radicals
    # Supplement has no such decomposition, so the simplified forms we meet are mapped by hand.
    return unicodedata.normalize("NFKC", text).translate(RADICALS)


def page_image(path, tmp_path, page=1) -> QImage:
    prefix = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page), "-singlefile", str(path),
                    str(prefix)], check=True)
    image = QImage(str(prefix) + ".png")
    assert not image.isNull()
    return image


def colour_share(image: QImage, predicate, step=2) -> float:
    hits = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            hits += bool(predicate(QColor(image.pixel(x, y))))
    return hits / total


def test_a4_landscape_map(rifa_provider, tmp_path):
    result = run_map(tmp_path)
    pdf = tmp_path / "map.pdf"
    assert result["OUTPUT"] == str(pdf) and pdf.is_file()
    assert pdf_pages_mm(pdf) == [(297, 210)]
    text = pdf_text(pdf)
    for expected in (TITLE, ORDER, AUTHORITY, "三级", "图例", "疫区", "受威胁区", "县道", "荔城区", "莆政办[2006]2号",
                     "GCJ"):
        assert expected in text, expected
    image = page_image(pdf, tmp_path)
    assert abs(image.width() - 585) <= 1 and abs(image.height() - 413) <= 1  # 297 x 210 mm at 50 dpi
    not_white = colour_share(image, lambda c: c.lightness() < 245)
    orange = colour_share(image, lambda c: 25 <= c.hue() <= 45 and c.saturation() > 60 and c.lightness() < 230)
    red = colour_share(image, lambda c: (0 <= c.hue() <= 16 or c.hue() >= 350) and c.saturation() > 120 and c.lightness() < 200)
    assert not_white > 0.25  # the zones fill much of the sheet
    assert orange > 0.02 and red > 0.005  # quarantine zone, occurrence area
    preview = QImage(str(tmp_path / "map.png"))
    assert not preview.isNull() and preview.width() > preview.height()
    assert not list(tmp_path.glob(".map_*"))  # no temporary files left


@pytest.mark.parametrize(
    "paper, orientation, size",
    [(1, 0, (420, 297)), (0, 1, (210, 297)), (1, 1, (297, 420))],
    ids=["A3-landscape", "A4-portrait", "A3-portrait"],
)
def test_paper_and_orientation(rifa_provider, tmp_path, paper, orientation, size):
    run_map(tmp_path, PAPER=paper, ORIENTATION=orientation, OUTPUT_PNG=None)
    pdf = tmp_path / "map.pdf"
    assert pdf_pages_mm(pdf) == [size]
    assert TITLE in pdf_text(pdf) and ORDER in pdf_text(pdf)
    image = page_image(pdf, tmp_path)
    assert colour_share(image, lambda c: c.lightness() < 245) > 0.15
    assert not (tmp_path / "map.png").exists()


def test_sixty_checkpoints_continue_on_another_page(rifa_provider, tmp_path):
    result = run_map(tmp_path, n_checkpoints=60)
    pdf = tmp_path / "map.pdf"
    sizes = pdf_pages_mm(pdf)
    assert result["PAGES"] == len(sizes) >= 2
    assert set(sizes) == {(297, 210)}
    first, rest = pdf_text(pdf, 1), "".join(pdf_text(pdf, p) for p in range(2, len(sizes) + 1))
    assert "（60 处）" in first or "(60 处)" in first
    assert "续表" in rest
    # every checkpoint is listed exactly once across the pages (its longitude, 5 decimals)
    expected = sorted(f"{f['lon']:.5f}" for f in result_layer_features(result))
    listed = sorted(t for t in (first + rest).split() if t.startswith("119.") and len(t) == 9)
    assert listed == expected and len(listed) == 60


def test_english_sheet_with_sixty_checkpoints(rifa_provider, tmp_path):
    """LANGUAGE = English: the template's texts, layer names, notes, tables and the continuation
    heading are English; only the user's own texts (order number, authority...) stay as given."""
    run_map(tmp_path, n_checkpoints=60, LANGUAGE=1, GRADE="Grade III", OUTPUT_PNG=None)
    pdf = tmp_path / "map.pdf"
    pages = len(pdf_pages_mm(pdf))
    first, rest = pdf_text(pdf, 1), "".join(pdf_text(pdf, p) for p in range(2, pages + 1))
    for expected in ("Lockdown map of the red imported fire ant quarantine zone", "Lockdown order no.:", "Issued by:",
                     "Outbreak grade: Grade III", "Legend", "Quarantine zone", "Threatened zone", "Occurrence area",
                     "Road entrance checkpoints (", "Administrative units concerned (", "Longitude", "Data sources:", "Delineated under:", "sample data",
                     ORDER):
        assert expected in " ".join(first.split()), expected
    assert "(continued)" in rest
    # (digits of Latin-only labels do not come out of pdftotext here, though they print: see pdf_text)
    for chinese in ("图例", "疫区", "受威胁区", "经度", "续表", "数据来源", "划定依据"):
        assert chinese not in first + rest, chinese


def test_unwritable_output_is_a_clear_error_without_file(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(QgsProcessingException, match="Cannot write"):
        run_map(tmp_path, OUTPUT=str(blocker / "map.pdf"))
    assert not (tmp_path / "map.png").exists()
    assert blocker.read_text() == "x"
    # a missing folder is refused, as for every output (outputs.check_writable), and not created
    with pytest.raises(QgsProcessingException, match="Cannot write the output 'Map \\(PDF\\)': the folder '.*missing' does not exist"):
        run_map(tmp_path, OUTPUT=str(tmp_path / "missing" / "map.pdf"))
    assert not (tmp_path / "missing").exists()


def test_empty_quarantine_layer_is_a_clear_error(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="empty q"):
        run_map(tmp_path, QUARANTINE=make_layer("Polygon", CRS, [], "empty q"))
    assert not (tmp_path / "map.pdf").exists()


def test_headless_qgis_process(plugin_parent_dir, tmp_path):
    zones = tmp_path / "zones.gpkg"
    disc(5000, zones, name="quarantine")
    home = tmp_path / "home"
    home.mkdir()
    enabled = qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home)
    assert enabled.returncode == 0, enabled.stderr
    out = tmp_path / "headless.pdf"
    result = qgis_process(
        ["run", "rifa:lockdownmap", "--", f"QUARANTINE={zones}|layername=quarantine", f"ORDER_NUMBER={ORDER}",
         f"OUTPUT={out}"],
        plugin_parent=plugin_parent_dir,
        home=home,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert pdf_pages_mm(out) == [(297, 210)]
    assert TITLE in pdf_text(out) and ORDER in pdf_text(out)


def barriers_and_roads():
    """A river through the zones, a ridge beside them, a road across: the map's context layers."""
    c = centre()
    river = make_layer(
        "LineString", CRS,
        [(f"LINESTRING({c.x() - 15000} {c.y() - 1500}, {c.x() + 15000} {c.y() + 1000})", {"name": "木兰溪"})], "rivers",
    )
    ridge = make_layer(
        "LineString", CRS,
        [(f"LINESTRING({c.x() - 8000} {c.y() + 7000}, {c.x() + 3000} {c.y() + 8000})", {"name": "九华山"})], "ridges",
    )
    roads = make_layer(
        "LineString", CRS,
        [(f"LINESTRING({c.x() - 2000} {c.y() - 15000}, {c.x() + 2000} {c.y() + 15000})", {"name": "G324"})], "roads",
    )
    return [river, ridge], roads


def rule_zones(radius, name, zone_type):
    """Two zones, one meeting the 3-point rule and one not: the zone QML styles and both legend entries."""
    c = centre()
    rows = []
    for zone_id, (dx, meets) in enumerate(((0, True), (4 * radius, False)), start=1):
        wkt = QgsGeometry.fromPointXY(QgsPointXY(c.x() + dx, c.y())).buffer(radius, 36).asWkt()
        rows.append((wkt, {"zone_type": zone_type, "zone_id": zone_id, "area_km2": 1.5, "meets_rule": meets}))
    return make_layer("Polygon", CRS, rows, name)


def full_parameters(tmp_path, paper, orientation, n_checkpoints=8):
    barriers, roads = barriers_and_roads()
    return {
        "QUARANTINE": rule_zones(5000, "q", "quarantine"),
        "OCCURRENCE": rule_zones(2500, "occ", "occurrence"),
        "THREATENED": rule_zones(12000, "thr", "threatened"),
        "NESTS": make_layer("Point", CRS, [(QgsGeometry.fromPointXY(centre()).asWkt(), {"village": "园头村"})], "nests"),
        "CHECKPOINTS": checkpoints(n_checkpoints),
        "UNITS": sample_counties(),
        "BARRIERS": barriers,
        "ROADS": roads,
        "ORDER_NUMBER": ORDER,
        "PAPER": paper,
        "ORIENTATION": orientation,
        "OUTPUT": str(tmp_path / "map.pdf"),
    }


@pytest.mark.parametrize(
    "paper, orientation", [(0, 0), (1, 0), (0, 1), (1, 1)],
    ids=["A4-landscape", "A3-landscape", "A4-portrait", "A3-portrait"],
)
def test_legend_and_tables_do_not_overlap(rifa_provider, tmp_path, paper, orientation):
    """The tallest legend we make (every layer, both rule entries of every zone type, barriers,
    roads) leaves the checkpoint caption and table and the units caption and table clear on page 1,
    and everything stays on the page."""
    from qgis.core import QgsLayoutExporter, QgsProcessingContext
    from qgis.PyQt.QtCore import QSize

    from rifa_zoning.core.feedback import RecordingFeedback
    from rifa_zoning.processing.lockdown_map import LockdownMapAlgorithm

    algorithm = LockdownMapAlgorithm()
    algorithm.initAlgorithm()
    sheet = algorithm.prepare(full_parameters(tmp_path, paper, orientation), QgsProcessingContext(), RecordingFeedback())
    layout = sheet.layout
    # the rectangles as printed: a legend takes its final size when it is drawn
    assert not QgsLayoutExporter(layout).renderPageToImage(0, QSize(), 40).isNull()
    page = layout.pageCollection().page(0).rect()
    rects = {}
    for item_id in ("legend", "checkpoint_caption", "checkpoint_table", "units_caption", "units_table", "crs_note",
                    "source_note", "profile_note"):
        item = layout.itemById(item_id)
        assert item is not None and item.isVisible() and item.page() == 0, item_id
        rects[item_id] = item.sceneBoundingRect()
        assert page.contains(rects[item_id]), item_id
    legend = rects.pop("legend")
    assert legend.height() > 40  # a real legend was laid out (QGIS sizes a legend only once painted)
    for item_id, rect in rects.items():
        assert not legend.intersects(rect), f"legend {legend} overlaps {item_id} {rect}"
    for upper, lower in (("checkpoint_caption", "checkpoint_table"), ("checkpoint_table", "units_caption"),
                         ("units_caption", "units_table")):
        assert rects[upper].bottom() <= rects[lower].top() + 0.01, (upper, lower)


def legend_labels(legend) -> list[str]:
    """The entries the legend item draws now: layer names and their class labels."""
    from qgis.core import QgsLayerTree
    from qgis.PyQt.QtCore import Qt

    model = legend.model()
    labels = []
    for node in model.rootGroup().findLayers():
        labels.append(node.name())
        labels.extend(str(n.data(Qt.ItemDataRole.DisplayRole)) for n in model.layerLegendNodes(node))
    assert QgsLayerTree.isGroup(model.rootGroup())
    return labels


def test_legend_lists_only_the_classes_the_map_shows(rifa_provider, tmp_path):
    """Every zone meets the 3-point rule, so no "below the minimum" entry: in the legend as prepared
    (before any event loop: QGIS 3.40 filters a legend by its map in a background task unless told
    not to) and in the PDF; a zone that does not meet the rule brings its entry back."""
    from qgis.core import QgsProcessingContext

    import processing
    from rifa_zoning.core.feedback import RecordingFeedback
    from rifa_zoning.processing.lockdown_map import LockdownMapAlgorithm

    def met(radius, name, zone_type):
        wkt = QgsGeometry.fromPointXY(centre()).buffer(radius, 36).asWkt()
        return make_layer("Polygon", CRS, [(wkt, {"zone_type": zone_type, "zone_id": 1, "area_km2": 1.5,
                                                   "meets_rule": True})], name)

    params = {**full_parameters(tmp_path, 0, 0), "QUARANTINE": met(5000, "q", "quarantine"),
              "OCCURRENCE": met(2500, "occ", "occurrence"), "THREATENED": met(12000, "thr", "threatened")}
    algorithm = LockdownMapAlgorithm()
    algorithm.initAlgorithm()
    sheet = algorithm.prepare(params, QgsProcessingContext(), RecordingFeedback())
    labels = legend_labels(sheet.layout.itemById("legend"))
    assert labels.count("符合3个发生点规则") == 3, labels
    assert not [label for label in labels if "不足3个发生点" in label], labels

    processing.run("rifa:lockdownmap", params)
    text = " ".join(pdf_text(tmp_path / "map.pdf", 1).split())
    assert "符合3个发生点规则" in text and "不足3个发生点" not in text

    processing.run("rifa:lockdownmap", {**params, "QUARANTINE": rule_zones(5000, "q", "quarantine")})
    text = " ".join(pdf_text(tmp_path / "map.pdf", 1).split())
    assert text.count("不足3个发生点") == 1, text


def test_legend_speaks_the_sheet_language_and_shows_barriers_and_roads(rifa_provider, tmp_path):
    import processing

    params = full_parameters(tmp_path, 0, 0)
    processing.run("rifa:lockdownmap", params)
    text = " ".join(pdf_text(tmp_path / "map.pdf", 1).split())
    for expected in ("符合3个发生点规则", "不足3个发生点", "河流(屏障)", "山脊(屏障)", "道路", "木兰溪", "道路出入口检查站(8 处)"):
        assert expected in text, expected
    assert "meets the rule" not in text and "below the minimum" not in text
    english = tmp_path / "en"
    english.mkdir()
    processing.run("rifa:lockdownmap", {**full_parameters(english, 0, 0), "LANGUAGE": 1})
    text = " ".join(pdf_text(english / "map.pdf", 1).split())
    # (digits of Latin-only labels do not come out of pdftotext here, though they print: see pdf_text)
    for expected in ("-point rule", "occurrence points", "River (barrier)", "Ridge (barrier)", "Roads"):
        assert expected in text, expected
    assert "符合" not in text and "河流" not in text


def test_barriers_styled_by_name_or_kind_field(qgis_app):
    from rifa_zoning.processing.styles import style_barriers

    names = {"river": "R", "ridge": "M", "barrier": "B"}
    river = make_layer("LineString", CRS, [("LINESTRING(0 0, 1 1)", {"name": "x"})], "rivers")
    assert style_barriers(river, names) == "river"
    assert river.renderer().symbol().color().name() == "#1469d7"  # blue
    ridge = make_layer("LineString", CRS, [("LINESTRING(0 0, 1 1)", {"name": "x"})], "山脊")
    assert style_barriers(ridge, names) == "ridge"
    mixed = make_layer("LineString", CRS, [("LINESTRING(0 0, 1 1)", {"kind": "river"}),
                                           ("LINESTRING(0 0, 2 1)", {"kind": "ridge"}),
                                           ("LINESTRING(0 0, 3 1)", {"kind": "wall"})], "barriers")
    assert style_barriers(mixed, names) == "mixed"
    rules = mixed.renderer().rootRule().children()
    assert [r.label() for r in rules] == ["R", "M", "B"] and rules[2].isElse()
    plain = make_layer("Polygon", CRS, [("POLYGON((0 0, 1 0, 1 1, 0 0))", {"id": 1})], "obstacles")
    assert style_barriers(plain, names) == "barrier"


def test_point_layer_as_barrier_is_refused_as_by_the_zoning(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    bridges = checkpoints(2)  # a point layer
    with pytest.raises(QgsProcessingException, match=f"Barrier layer '{bridges.name()}' is not a line or polygon layer"):
        run_map(tmp_path, BARRIERS=[bridges])
    assert not (tmp_path / "map.pdf").exists()
