"""``rifa:lockdownmap``: the PDF on real layers: page size, Chinese text, not blank, long tables."""

from __future__ import annotations

import math
import re
import shutil
import subprocess

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsPointXY, QgsProject
from qgis.PyQt.QtGui import QColor, QImage
from rifa_test_utils import enabled_plugin_home, make_layer, qgis_process, sample_counties

CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E
TITLE = "红火蚁疫区封锁范围图"
ORDER = "莆政封〔2024〕7号"
AUTHORITY = "莆田市荔城区人民政府"

RADICALS = re.compile("[\u2e80-\u2fdf]")  # CJK Radicals Supplement, Kangxi Radicals

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
    """The text of the PDF as pdftotext reads it, nothing mended (see processing/pdf_text.py)."""
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


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
    assert re.search(r"\b25°\d{1,2}′(\d{1,2}″)?N\b", first)  # a grid label with its digits
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
    home = enabled_plugin_home(tmp_path, plugin_parent_dir)
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
    """Every zone meets the 3-point rule, so each group shows its plain name and no "below the
    minimum" entry: in the legend as prepared
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
    assert {"发生区", "疫区", "受威胁区"} <= set(labels), labels
    assert not [label for label in labels if "3个发生点" in label], labels

    processing.run("rifa:lockdownmap", params)
    text = " ".join(pdf_text(tmp_path / "map.pdf", 1).split())
    assert "疫区" in text and "3个发生点" not in text

    processing.run("rifa:lockdownmap", {**params, "QUARANTINE": rule_zones(5000, "q", "quarantine")})
    text = " ".join(pdf_text(tmp_path / "map.pdf", 1).split())
    assert text.count("不足3个发生点") == 1, text


def test_legend_speaks_the_sheet_language_and_shows_barriers_and_roads(rifa_provider, tmp_path):
    import processing

    params = full_parameters(tmp_path, 0, 0)
    processing.run("rifa:lockdownmap", params)
    text = " ".join(pdf_text(tmp_path / "map.pdf", 1).split())
    for expected in ("符合3个发生点规则", "不足3个发生点", "河流(屏障)", "山脊(屏障)", "道路", "木兰溪", "道路出入口检查站（8 处）"):
        assert expected in text, expected
    assert "meets the rule" not in text and "below the minimum" not in text
    english = tmp_path / "en"
    english.mkdir()
    processing.run("rifa:lockdownmap", {**full_parameters(english, 0, 0), "LANGUAGE": 1})
    text = " ".join(pdf_text(english / "map.pdf", 1).split())
    assert re.search(r"\b25°\d{1,2}′(\d{1,2}″)?N\b", text)  # a grid label with its digits
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


# -- the text in the PDF is the text printed; the sheet's labels (issue 17)


def test_pdf_text_is_the_text_printed(rifa_provider, tmp_path):
    """pdftotext gives the very characters printed: no Kangxi radicals for 火 / 民 / 田, and the
    digits of the grid labels and numbers of Latin runs."""
    run_map(tmp_path, ISSUE_DATE="2024-05-06", OUTPUT_PNG=None)
    text = pdf_text(tmp_path / "map.pdf")
    assert not RADICALS.findall(text), RADICALS.findall(text)
    for expected in (TITLE, "封锁令文号：" + ORDER, "发布机关：" + AUTHORITY, "发布日期：2024-05-06", "疫情等级：三级"):
        assert expected in text, expected
    assert "莆田2006" in text and "Putian 2006" not in text  # the profile by its Chinese name on a Chinese sheet
    assert re.search(r"\b119°\d{1,2}′(\d{1,2}″)?E\b", text), text  # 119°3′E: the degrees and minutes
    assert re.search(r"\b25°\d{1,2}′(\d{1,2}″)?N\b", text)
    assert re.search(r"\b\d+ km\b", text)  # the scale bar's unit with its number


def test_the_radicals_are_rewritten_in_the_to_unicode_map_only(qgis_app, tmp_path):
    from rifa_zoning.processing.pdf_text import fix_radicals, radical_map

    mapping = radical_map(["Noto Sans CJK SC"])
    assert mapping[0x2F55] == ord("火") and mapping[0x2EA0] == ord("民") and mapping[0x2F65] == ord("田")
    cmap = (b"1 0 obj\n<< /Length 99 >>\nstream\n/CIDInit begincmap\n1 begincodespacerange\n<0000> <FFFF>\n"
            b"endcodespacerange\n2 beginbfrange\n<0001> <0003> [<2F55> <0031> <2EA0>]\n<2F55> <2F55> <2F65>\n"
            b"endbfrange\n1 beginbfchar\n<2F00> <2F00>\nendbfchar\nendcmap\nendstream\nendobj\n"
            b"2 0 obj\n<< /Length 9 >>\nstream\n<2F55> Tj\nendstream\nendobj\n")
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(cmap)
    assert fix_radicals(pdf, ["Noto Sans CJK SC"]) == 4
    fixed = pdf.read_bytes()
    assert len(fixed) == len(cmap)  # offsets unchanged: the cross-reference table stays right
    assert b"[<706B> <0031> <6C11>]" in fixed and b"<2F55> <2F55> <7530>" in fixed  # sources kept
    assert b"<2F00> <4E00>" in fixed
    assert fixed.endswith(b"stream\n<2F55> Tj\nendstream\nendobj\n")  # content streams untouched


def test_chinese_sheet_from_qgis_process_in_an_english_locale(plugin_parent_dir, tmp_path, monkeypatch):
    zones = tmp_path / "zones.gpkg"
    disc(5000, zones, name="quarantine")
    home = enabled_plugin_home(tmp_path, plugin_parent_dir)
    ini = home / ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini"
    with ini.open("a", encoding="utf-8") as settings:  # QGIS told to speak English, as is the system
        settings.write("\n[locale]\noverrideFlag=true\nuserLocale=en_US\nglobalLocale=en_US\n")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    out = tmp_path / "map.pdf"
    result = qgis_process(
        ["run", "rifa:lockdownmap", "--", f"QUARANTINE={zones}|layername=quarantine", f"ORDER_NUMBER={ORDER}",
         f"OUTPUT={out}"], plugin_parent=plugin_parent_dir, home=home,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = " ".join(pdf_text(out).split())
    for chinese in (TITLE, "图例", "疫区", "坐标系", "数据来源", "划定依据", "内部工作用图", "制图"):
        assert chinese in text, chinese
    for english in ("Quarantine zone", "Legend", "CRS", "Data sources", "Delineated under", "Internal working map",
                    "Made with"):
        assert english not in text, english


def test_the_chinese_sheet_needs_no_compiled_translation(qgis_app, tmp_path):
    from rifa_zoning.tools import i18n

    shutil.copy(i18n.I18N_DIR / "rifa_zoning_zh_CN.ts", tmp_path)  # the source only: no .qm
    sheet = i18n.SheetLanguage("zh_CN", tmp_path)
    assert sheet.translator is None and sheet.complete
    assert sheet.tr("Legend") == "图例" and sheet.tr("Quarantine zone") == "疫区"
    assert not i18n.SheetLanguage("zh_CN", tmp_path / "nothing").complete


def _prepared(tmp_path, **extra):
    from qgis.core import QgsProcessingContext

    from rifa_zoning.core.feedback import RecordingFeedback
    from rifa_zoning.processing.lockdown_map import LockdownMapAlgorithm

    algorithm = LockdownMapAlgorithm()
    algorithm.initAlgorithm()
    parameters = {"QUARANTINE": disc(5000), "ORDER_NUMBER": ORDER, "OUTPUT": str(tmp_path / "map.pdf")}
    parameters.update(extra)
    return algorithm.prepare(parameters, QgsProcessingContext(), RecordingFeedback())


def _labels(sheet):
    """(layer name, text, rectangle, placed) of every label the PDF export draws."""
    from qgis.core import QgsLayoutExporter, QgsRenderContext

    exporter = QgsLayoutExporter(sheet.layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    assert exporter.exportToPdf(str(sheet.pdf_path), settings) == QgsLayoutExporter.Success
    names = {layer.id(): layer.name() for layer in sheet.project.mapLayers().values()}
    return [
        (names.get(label.layerID, ""), label.labelText, label.labelRect, not label.isUnplaced)
        for results in exporter.labelingResults().values() for label in results.allLabels()
    ]


def test_checkpoint_numbers_and_the_quarantine_label_are_all_drawn_apart(rifa_provider, tmp_path):
    """Checkpoints 40 m apart (one symbol on another on the sheet) share one label "2, 3, 4"; the
    others get their own; every number is drawn, no two labels overlap; the quarantine zone's
    label is drawn."""
    c = centre()
    rows = [(f"POINT({c.x() + 5000} {c.y() + 40 * i})", {"checkpoint_id": i + 2, "road_name": f"X{i}"})
            for i in range(3)]
    rows += [(f"POINT({c.x() - 5000} {c.y()})", {"checkpoint_id": 1, "road_name": "Y"}),
             (f"POINT({c.x()} {c.y() - 5000})", {"checkpoint_id": 5, "road_name": "Z"})]
    sheet = _prepared(tmp_path, CHECKPOINTS=make_layer("Point", CRS, rows, "checkpoints"),
                      QUARANTINE=rule_zones(5000, "q", "quarantine"), OCCURRENCE=rule_zones(2500, "occ", "occurrence"))
    labels = _labels(sheet)
    numbers = [(text, rect) for layer, text, rect, placed in labels if layer == "道路出入口检查站" and placed]
    assert sorted(text for text, _ in numbers) == ["1", "2, 3, 4", "5"]
    for i, (text, rect) in enumerate(numbers):
        for other, other_rect in numbers[i + 1:]:
            assert not rect.intersects(other_rect), (text, other)
    assert any(layer == "疫区" and text.startswith("Q1") and placed for layer, text, _, placed in labels)


def test_villages_are_named_and_zone_legends_plain_unless_a_zone_fails(rifa_provider, tmp_path):
    from qgis.core import QgsRuleBasedRenderer, QgsSingleSymbolRenderer

    c = centre()
    village = QgsGeometry.fromPointXY(QgsPointXY(c.x() + 1500, c.y())).buffer(400, 12).asWkt()
    meeting = make_layer("Polygon", CRS, [(QgsGeometry.fromPointXY(c).buffer(5000, 36).asWkt(),
                                           {"zone_type": "quarantine", "zone_id": 1, "area_km2": 78.5,
                                            "meets_rule": True})], "q")
    sheet = _prepared(tmp_path, QUARANTINE=meeting, THREATENED=rule_zones(12000, "thr", "threatened"),
                      VILLAGES=make_layer("Polygon", CRS, [(village, {"name": "园头村"})], "villages"))
    layers = {layer.name(): layer for layer in sheet.project.mapLayers().values()}
    assert isinstance(layers["疫区"].renderer(), QgsSingleSymbolRenderer)  # the legend says 疫区, no rule line
    assert isinstance(layers["受威胁区"].renderer(), QgsRuleBasedRenderer)  # one of them fails the rule
    assert ("自然村", "园头村") in {(layer, text) for layer, text, _, placed in _labels(sheet) if placed}


def test_long_cells_wrap_and_the_scale_bar_is_opaque(rifa_provider, tmp_path):
    c = centre()
    rows = [(f"POINT({c.x() + 5000} {c.y()})", {"checkpoint_id": 1, "road_name": "荔港大道",
                                                "road_class": "城市主干道", "lon": 119.1, "lat": 25.4})]
    long_name = "莆田市荔城区黄石镇东山村民委员会东山自然村"
    unit = make_layer("Polygon", CRS, [(QgsGeometry.fromPointXY(centre()).buffer(8000, 12).asWkt(),
                                        {"unit_name": long_name, "adcode": "350304"})], "units")
    sheet = _prepared(tmp_path, CHECKPOINTS=make_layer("Point", CRS, rows, "cp"), UNITS=unit)
    layout = sheet.layout
    checkpoint_table = layout.itemById("checkpoint_table").multiFrame()
    keys = [column.attribute() for column in checkpoint_table.columns()]
    (row,) = checkpoint_table.contents()
    assert "\n" in row[keys.index("road_class")] and row[keys.index("road_class")].replace("\n", "") == "城市主干道"
    units_table = layout.itemById("units_table").multiFrame()
    names = [r[[c.attribute() for c in units_table.columns()].index("unit_name")] for r in units_table.contents()]
    assert names and all("\n" in n and n.replace("\n", "") == long_name for n in names)
    # the columns fit the frame: nothing runs past it
    frame = layout.itemById("units_table")
    widths = sum(c.width() + 2 * units_table.cellMargin() for c in units_table.columns())
    assert widths <= frame.rect().width() + 0.01
    scalebar = layout.itemById("scalebar")
    assert scalebar.hasBackground() and scalebar.backgroundColor().alpha() == 255


def test_a_continuation_page_starts_its_table_at_the_top(rifa_provider, tmp_path):
    run_map(tmp_path, n_checkpoints=60, OUTPUT_PNG=None)
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(tmp_path / "map.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    tops = [float(m) / 72 * 25.4 for m in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"', bbox)]
    heading = min(tops)
    assert heading < 15  # the heading "…（续表）" at the top margin
    rows = sorted(t for t in tops if t > heading + 3)
    assert rows and rows[0] < heading + 15  # the table right under it, not lower down the page


def test_point_layer_as_barrier_is_refused_as_by_the_zoning(rifa_provider, tmp_path):
    from qgis.core import QgsProcessingException

    bridges = checkpoints(2)  # a point layer
    with pytest.raises(QgsProcessingException, match=f"Barrier layer '{bridges.name()}' is not a line or polygon layer"):
        run_map(tmp_path, BARRIERS=[bridges])
    assert not (tmp_path / "map.pdf").exists()
