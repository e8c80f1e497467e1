"""Regenerate ``resources/styles/*.qml`` (the styles of the zone outputs) with PyQGIS.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -P scripts/make_styles.py

Occurrence areas red, quarantine zones orange, threatened zones yellow, semi-transparent fills;
zones that do not meet the 3-point rule get a dashed outline; labels show the zone id and area.
"""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.core import (
    QgsFillSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_script import ROOT, halo_text, qgis_application  # noqa: E402

STYLES = ROOT / "resources" / "styles"

ZONES = {
    # name: (fill colour, outline colour, label prefix)
    "occurrence_zones": ("#e31a1c", "#a50f15", "O"),
    "quarantine_zones": ("#fd8d3c", "#d94701", "Q"),
    "threatened_zones": ("#ffe34d", "#b8a000", "T"),
}
CATEGORIES = QgsMapLayer.Symbology | QgsMapLayer.Labeling  # no field settings: they belong to the data
FILL_ALPHA = 90  # of 255: semi-transparent, the map below stays readable


def zone_layer_style(name: str, fill: str, outline: str, prefix: str) -> QgsVectorLayer:
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=zone_id:integer&field=area_km2:double&field=meets_rule:boolean", name, "memory")
    colour = QColor(fill)
    colour.setAlpha(FILL_ALPHA)
    rgba = f"{colour.red()},{colour.green()},{colour.blue()},{colour.alpha()}"
    meets = QgsFillSymbol.createSimple(
        {"color": rgba, "outline_color": outline, "outline_width": "0.6", "outline_style": "solid"}
    )
    fails = QgsFillSymbol.createSimple(
        {"color": rgba, "outline_color": outline, "outline_width": "0.6", "outline_style": "dash"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(meets, 0, 0, '"meets_rule"', "meets the rule"))
    root.appendChild(
        QgsRuleBasedRenderer.Rule(fails, 0, 0, 'NOT "meets_rule" OR "meets_rule" IS NULL', "below the minimum of occurrence points")
    )
    layer.setRenderer(QgsRuleBasedRenderer(root))
    labels = QgsPalLayerSettings()
    labels.isExpression = True
    labels.fieldName = f"'{prefix}' || \"zone_id\" || '\\n' || format_number(\"area_km2\", 1) || ' km²'"
    labels.setFormat(halo_text(outline, 9, 1.0, bold=True))
    labels.placement = QgsPalLayerSettings.Horizontal
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    layer.setLabelsEnabled(True)
    layer.setOpacity(1.0)
    return layer


def points_layer_style() -> QgsVectorLayer:
    layer = QgsVectorLayer("MultiPoint?crs=EPSG:4326&field=point_id:integer&field=village:string", "points", "memory")
    symbol = QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "#67000d", "outline_color": "white", "outline_width": "0.3", "size": "2.4"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, "", "occurrence point"))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    labels = QgsPalLayerSettings()
    labels.isExpression = True
    labels.fieldName = "'P' || \"point_id\" || if(\"village\" IS NULL, '', ' ' || \"village\")"
    # one label per occurrence point: QGIS labels every part of a multipoint (the village's nests)
    labels.geometryGeneratorEnabled = True
    labels.geometryGeneratorType = QgsWkbTypes.PointGeometry
    labels.geometryGenerator = "point_on_surface($geometry)"
    labels.setFormat(halo_text("#67000d", 8, 1.0, bold=True))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
    layer.setLabelsEnabled(True)
    return layer


def main() -> None:
    with qgis_application():
        STYLES.mkdir(parents=True, exist_ok=True)
        for name, (fill, outline, prefix) in ZONES.items():
            layer = zone_layer_style(name, fill, outline, prefix)
            message, ok = layer.saveNamedStyle(str(STYLES / f"{name}.qml"), categories=CATEGORIES)
            assert ok, message
        message, ok = points_layer_style().saveNamedStyle(str(STYLES / "occurrence_points.qml"), categories=CATEGORIES)
        assert ok, message
    print("wrote", sorted(p.name for p in STYLES.glob("*.qml")))

if __name__ == "__main__":
    main()
