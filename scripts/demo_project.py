"""Write demo_output/rifa_demo.qgz: a QGIS project with the demo's results and the sample data, styled.

``make demo-project`` runs ``make demo`` first, then this script::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -P scripts/demo_project.py [--output-dir demo_output]

Zones, occurrence points and checkpoints come from ``rifa_demo.gpkg`` with the plugin's QML styles
(``resources/styles/``) when a fitting one exists, otherwise simple colours (occurrence red,
quarantine orange, threatened yellow); the sample layers keep the default styles stored in the
sample GeoPackage. The "Outbreak response" dock is pointed at the nests and the counties, so it
shows the grade as soon as the project is opened. Paths in the project are relative.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsRenderContext,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_script import ROOT, SAMPLE, qgis_application  # noqa: E402

STYLES = ROOT / "resources" / "styles"
PROJECT_CRS = "EPSG:32650"  # UTM 50N: true shapes around Putian

# (layer in rifa_demo.gpkg, name in the layer tree, QML files tried in order, fallback)
RESULT_LAYERS = [
    ("checkpoints", "Checkpoints 道路出入口检查站", ["checkpoints.qml"],
     {"marker": {"name": "square", "color": "white", "outline_color": "#0046a0", "size": "2.8", "outline_width": "0.6"}}),
    ("occurrence_points", "Occurrence points 发生点", ["occurrence_points.qml"], None),
    ("occurrence_areas", "Occurrence areas 发生区", ["occurrence_zones.qml", "occurrence.qml"],
     {"fill": {"color": "228,26,28,150", "outline_color": "153,0,0", "outline_width": "0.5"}}),
    ("quarantine_zones", "Quarantine zones 疫区", ["quarantine_zones.qml", "quarantine.qml"],
     {"fill": {"color": "255,140,0,110", "outline_color": "204,85,0", "outline_width": "0.6"}}),
    ("threatened_zones", "Threatened zones 受威胁区", ["threatened_zones.qml", "threatened.qml"],
     {"fill": {"color": "255,221,0,90", "outline_color": "179,143,0", "outline_width": "0.5"}}),
]
SAMPLE_LAYERS = [  # top to bottom
    ("nests", "Nests 蚁巢"), ("bridges", "Bridges 桥梁"), ("villages", "Villages 自然村"), ("roads", "Roads 道路"),
    ("rivers", "Rivers 河流"), ("ridges", "Ridges 山脊"), ("counties", "Counties 区县 (GCJ-02)"),
]
# the "Outbreak response" dock reads its layers and fields from these project entries
DOCK_SCOPE, DOCK_KEY = "rifa_zoning", "response/"
DOCK_FIELDS = {"county_code": "county_code", "county_name": "county_name", "city_code": "city_code",
               "city_name": "city_name", "province": "province"}


def _qml_fits(layer: QgsVectorLayer) -> bool:
    renderer = layer.renderer()
    if renderer is None:
        return False
    return set(renderer.usedAttributes(QgsRenderContext())) <= set(layer.fields().names())


def style_result(layer: QgsVectorLayer, qml_names: list[str], fallback: dict | None) -> str:
    """Apply the first fitting QML of ``resources/styles``; say what was used."""
    for name in qml_names:
        path = STYLES / name
        if path.is_file():
            _, ok = layer.loadNamedStyle(str(path))
            if ok and _qml_fits(layer):
                return name
    if fallback and "fill" in fallback:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(fallback["fill"])))
    elif fallback and "marker" in fallback:
        layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(fallback["marker"])))
    return "built-in colours"


def unlabel_villages(villages: QgsVectorLayer, names: list[str]) -> None:
    """No village label where an occurrence point already prints the name ("P3 华亭村"): the
    names of the villages with nests would show twice."""
    labeling = villages.labeling()
    if not names or not isinstance(labeling, QgsVectorLayerSimpleLabeling):
        return
    settings = QgsPalLayerSettings(labeling.settings())
    quoted = ", ".join("'{}'".format(name.replace("'", "''")) for name in names)
    settings.dataDefinedProperties().setProperty(
        QgsPalLayerSettings.Show, QgsProperty.fromExpression(f'NOT ("name" IN ({quoted}))')
    )
    villages.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def build_project(out: Path) -> Path:
    results = out / "rifa_demo.gpkg"
    if not results.is_file():
        raise SystemExit(f"{results} not found: run make demo first")
    project = QgsProject.instance()
    project.clear()
    project.setTitle("RIFA Zoning demo: Putian sample data (approximate, not authoritative)")
    project.setCrs(QgsCoordinateReferenceSystem(PROJECT_CRS))
    root = project.layerTreeRoot()
    group = root.addGroup("Demo results 划定结果")
    extent = QgsRectangle()
    for table, title, qml_names, fallback in RESULT_LAYERS:
        layer = QgsVectorLayer(f"{results}|layername={table}", title, "ogr")
        if not layer.isValid():
            raise SystemExit(f"{results} has no layer {table}")
        used = style_result(layer, qml_names, fallback)
        print(f"  {title}: {used}")
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        if table == "threatened_zones":
            extent = layer.extent()
    sample = root.addGroup("Sample data (approximate, not authoritative) 示意数据")
    layers = {}
    for table, title in SAMPLE_LAYERS:
        layer = QgsVectorLayer(f"{SAMPLE}|layername={table}", title, "ogr")  # default style from the GeoPackage
        if not layer.isValid():
            raise SystemExit(f"{SAMPLE} has no layer {table}")
        project.addMapLayer(layer, False)
        sample.addLayer(layer)
        layers[table] = layer
    occurrence_villages = [f["village"] for f in QgsVectorLayer(
        f"{results}|layername=occurrence_points", "points", "ogr").getFeatures() if f["village"]]
    unlabel_villages(layers["villages"], occurrence_villages)
    project.writeEntry(DOCK_SCOPE, DOCK_KEY + "nests_layer", layers["nests"].id())
    project.writeEntry(DOCK_SCOPE, DOCK_KEY + "admin_layer", layers["counties"].id())
    for key, field in DOCK_FIELDS.items():
        project.writeEntry(DOCK_SCOPE, DOCK_KEY + "field_" + key, field)
    # T0: the demo's nests were reported on the last day of the survey
    project.writeEntry(DOCK_SCOPE, DOCK_KEY + "t0", datetime(2025, 4, 12, 9, 0).isoformat())
    if not extent.isEmpty():
        extent.scale(1.05)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, layers["nests"].crs()))
    path = out / "rifa_demo.qgz"
    if not project.write(str(path)):
        raise SystemExit(f"could not write {path}: {project.error()}")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the demo's QGIS project.")
    parser.add_argument("--output-dir", default=str(ROOT / "demo_output"))
    args = parser.parse_args(argv)
    with qgis_application():
        try:
            path = build_project(Path(args.output_dir).resolve())
        finally:
            QgsProject.instance().clear()
    print(f"wrote {path}  (open it in QGIS: make qgis, then Project > Open)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
