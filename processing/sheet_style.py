"""How the layers and tables of the printed lockdown map read (``rifa:lockdownmap``).

- The quarantine zone is the subject of the order: its label ("Q1 / 204.0 km²") is always drawn,
  before the labels of the other zones, which give way to it.
- Checkpoint numbers are always drawn, first of all labels, beside their symbol (ten places
  around the point are tried). Checkpoints whose symbols touch on the sheet (closer than
  :data:`CLOSE_MM`, e.g. two roads entering 90 m apart on a 1:100,000 sheet) get one label with
  all their numbers ("1, 2"), so no number ever hides another.
- A zone layer whose zones all meet the 3-point rule is drawn with its one symbol, so its legend
  entry is the plain layer name (发生区, 疫区, 受威胁区); the rule entries stay when a zone fails it.
- Villages (``VILLAGES``): thin outlines and their names.
- Tables wrap long cells (城市主干道, long unit names) inside their columns instead of running into
  the next one: automatic-width columns share the width the fixed ones leave in the frame.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsField,
    QgsFillSymbol,
    QgsLayoutTable,
    QgsLayoutUtils,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTextRenderer,
    QgsUnitTypes,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from . import compat
from .layer_io import field_name
from .styles import set_labels

SHEET_LABEL = "sheet_label"
CLOSE_MM = 4.0  # checkpoints closer than this on the sheet share one label
ALL_AROUND = "TR,TL,BR,BL,R,L,TSR,BSR,T,B"  # the candidate places of a checkpoint number, best first
PRIORITY = {"checkpoints": 10, "quarantine": 9, "villages": 4, "units": 3, "occurrence": 5, "threatened": 4}


def _labeling_settings(layer):
    labeling = layer.labeling()
    if not layer.labelsEnabled() or not isinstance(labeling, QgsVectorLayerSimpleLabeling):
        return None
    return labeling.settings()


def emphasise_labels(drawn: dict) -> None:
    """Label priorities of the sheet; the quarantine zone's and checkpoints' labels always drawn."""
    for kind, layer in drawn.items():
        settings = _labeling_settings(layer)
        if settings is None or kind not in PRIORITY:
            continue
        settings.priority = PRIORITY[kind]
        if kind in ("quarantine", "checkpoints"):
            settings.displayAll = True  # never dropped: placed where it collides least
        if kind == "checkpoints":
            settings.placement = QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
            settings.predefinedPositionOrder = _positions(ALL_AROUND)
            settings.dist = 0.5
            obstacle = settings.obstacleSettings()
            obstacle.setIsObstacle(True)
            obstacle.setFactor(2.0)  # numbers keep off other checkpoints' symbols
            settings.setObstacleSettings(obstacle)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def group_close_checkpoints(layer, map_item, field: str = "checkpoint_id") -> None:
    """One label for the checkpoints that lie within CLOSE_MM of each other on the sheet."""
    if layer is None or field not in layer.fields().names():
        return
    settings = _labeling_settings(layer)
    if settings is None:
        return
    to_map = QgsCoordinateTransform(layer.crs(), map_item.crs(), QgsProject.instance().transformContext())
    metres = QgsUnitTypes.fromUnitToUnitFactor(map_item.crs().mapUnits(), QgsUnitTypes.DistanceUnit.DistanceMeters)
    limit = CLOSE_MM / 1000.0 * map_item.scale() / metres  # map units
    features = []
    for feature in layer.getFeatures():
        point = to_map.transform(feature.geometry().centroid().asPoint())
        features.append((feature.id(), feature[field], point))
    parent = list(range(len(features)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(features)):
        for j in range(i + 1, len(features)):
            if features[i][2].distance(features[j][2]) < limit:
                parent[root(i)] = root(j)
    groups: dict[int, list] = {}
    for i, item in enumerate(features):
        groups.setdefault(root(i), []).append(item)
    layer.dataProvider().addAttributes([QgsField(SHEET_LABEL, compat.STRING)])
    layer.updateFields()
    index = layer.fields().indexOf(SHEET_LABEL)
    changes = {}
    for members in groups.values():
        members.sort(key=lambda m: _number_key(m[1]))
        changes[members[0][0]] = {index: ", ".join(str(m[1]) for m in members)}
        for other in members[1:]:
            changes[other[0]] = {index: ""}
    layer.dataProvider().changeAttributeValues(changes)
    settings.fieldName = SHEET_LABEL
    settings.isExpression = False
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def _number_key(value):
    try:
        return (0, float(value), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(value))


def _positions(text: str) -> list:
    return [_POSITION[name] for name in text.split(",")]


_POSITION = {
    "TL": QgsPalLayerSettings.PredefinedPointPosition.TopLeft, "TSL": QgsPalLayerSettings.PredefinedPointPosition.TopSlightlyLeft, "T": QgsPalLayerSettings.PredefinedPointPosition.TopMiddle,
    "TSR": QgsPalLayerSettings.PredefinedPointPosition.TopSlightlyRight, "TR": QgsPalLayerSettings.PredefinedPointPosition.TopRight, "L": QgsPalLayerSettings.PredefinedPointPosition.MiddleLeft,
    "R": QgsPalLayerSettings.PredefinedPointPosition.MiddleRight, "BL": QgsPalLayerSettings.PredefinedPointPosition.BottomLeft, "BSL": QgsPalLayerSettings.PredefinedPointPosition.BottomSlightlyLeft,
    "B": QgsPalLayerSettings.PredefinedPointPosition.BottomMiddle, "BSR": QgsPalLayerSettings.PredefinedPointPosition.BottomSlightlyRight,
    "BR": QgsPalLayerSettings.PredefinedPointPosition.BottomRight,
}


def plain_zone_legends(drawn: dict, field: str = "meets_rule") -> None:
    """Zone layers whose every zone meets the rule: one symbol (the legend shows the layer name)."""
    for kind in ("occurrence", "quarantine", "threatened"):
        layer = drawn.get(kind)
        if layer is None or not isinstance(layer.renderer(), QgsRuleBasedRenderer):
            continue
        if field not in layer.fields().names():
            continue
        values = [f[field] for f in layer.getFeatures(QgsFeatureRequest().setSubsetOfAttributes([field], layer.fields()))]
        if not values or not all(v is True or v == 1 for v in values):
            continue
        rules = layer.renderer().rootRule().children()
        meets = next((r for r in rules if r.symbol() is not None and field in (r.filterExpression() or "")
                      and "NOT" not in (r.filterExpression() or "").upper()), None)
        if meets is not None:
            layer.setRenderer(QgsSingleSymbolRenderer(meets.symbol().clone()))


def add_villages(project, drawn: dict, villages, name: str, font_family: str) -> dict:
    """A copy of ``villages`` called ``name``, with the village names, drawn over the roads and
    barriers and under the zones; in the legend above the roads. Returns ``drawn`` (kind -> layer,
    top first) with the villages in their place."""
    from .describe_boundary import VILLAGE_NAME_FIELDS

    copy = villages.materialize(QgsFeatureRequest())
    copy.setName(name)
    style_villages(copy, field_name(copy.fields(), *VILLAGE_NAME_FIELDS), font_family)
    project.addMapLayer(copy, False)
    kinds = list(drawn)
    position = next((i for i, kind in enumerate(kinds) if kind in ("roads", "units") or kind.startswith("barriers")),
                    len(kinds))
    project.layerTreeRoot().insertLayer(position, copy)
    items = list(drawn.items())
    return dict(items[:position] + [("villages", copy)] + items[position:])


def style_villages(layer, name_field: str, font_family: str) -> None:
    """Thin grey outlines (or small dots) and the names of the villages."""
    if layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry:
        symbol = QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "120,120,120", "outline_width": "0.2", "outline_style": "dot"}
        )
    else:
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "90,90,90", "outline_style": "no", "size": "1.2"}
        )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if name_field:
        set_labels(layer, name_field, font_family, size=6.5)
        settings = layer.labeling().settings()
        text = settings.format()
        text.setColor(QColor(70, 70, 70))
        settings.setFormat(text)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def plain_scalebar(scalebar) -> None:
    """An opaque white background: no road or zone line runs through the bar and its numbers."""
    scalebar.setBackgroundEnabled(True)
    scalebar.setBackgroundColor(QColor(255, 255, 255))


# mm a cell's text may exceed its column's width and stay on one line: the automatic column of the
# demo map (A4 units table) is a county name's width by QGIS's measure, which differs from textWidth's in
# the last thousandths of a mm (3.40: 6.9130 against 6.9137 for 福清市); the cell margin takes it
FIT_TOLERANCE = 0.05


def wrap_tables(layout, tables) -> None:
    """Long cells wrap inside their column: automatic-width columns get the width the fixed ones
    leave in the frame, and every cell is broken into lines that fit (at spaces where there are
    any, else between characters: Chinese has no spaces, where QGIS's own wrapping never breaks)."""
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    per_mm = context.convertToPainterUnits(1, QgsUnitTypes.RenderUnit.RenderMillimeters)
    for table, frame, rows in tables:
        table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
        columns = table.columns()
        margins = 2 * table.cellMargin() * len(columns) + table.gridStrokeWidth() * (len(columns) + 1)
        fixed = sum(column.width() for column in columns if column.width() > 0)
        automatic = [column for column in columns if column.width() <= 0]
        if automatic:
            share = (frame.rect().width() - fixed - margins) / len(automatic)
            if share > 5.0:
                for column in automatic:
                    column.setWidth(share)
                table.setColumns(columns)
        text_format = table.contentTextFormat()

        def width_mm(text: str, text_format=text_format) -> float:
            return QgsTextRenderer.textWidth(context, text_format, [text]) / per_mm

        for column in columns:
            if column.width() <= 0:
                continue
            key = column.attribute()
            for row in rows:
                value = row.get(key)
                if value is not None and width_mm(str(value)) > column.width() + FIT_TOLERANCE:
                    row[key] = _wrapped(str(value), column.width() + FIT_TOLERANCE, width_mm)


def _wrapped(text: str, width: float, width_mm) -> str:
    """``text`` in lines no wider than ``width``: broken at spaces when every word fits, else
    between characters."""
    words = text.split(" ")
    if len(words) > 1 and all(width_mm(word) <= width for word in words):
        tokens, joiner = words, " "
    else:
        tokens, joiner = list(text), ""
    lines, line = [], ""
    for token in tokens:
        candidate = f"{line}{joiner}{token}" if line else token
        if line and width_mm(candidate) > width:
            lines.append(line)
            line = token
        else:
            line = candidate
    lines.append(line)
    return "\n".join(lines)
