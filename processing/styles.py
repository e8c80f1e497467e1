"""Layer styles: ``resources/styles/*.qml`` applied to algorithm outputs when QGIS loads them, and
the styles of the printed map (a QML from ``resources/styles`` when one fits the layer, otherwise
a simple renderer made here: occurrence red, quarantine orange, threatened yellow, as on the
plan's maps).

Processing calls a layer post-processor on the main thread after the run, when the output is
added to the project. QGIS does not own the post-processor object, so we keep a reference until
the next run replaces it (otherwise Python would garbage-collect it before it is called).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProcessingLayerPostProcessorInterface,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor, QFont

from ..core.errors import QT_TRANSLATE_NOOP
from ..paths import PLUGIN_DIR

STYLES_DIR = PLUGIN_DIR / "resources" / "styles"

_KEEP_ALIVE: dict[str, QgsProcessingLayerPostProcessorInterface] = {}

# kind -> QML file names tried in order (the zoning algorithm's names first)
QML_NAMES = {
    "occurrence": ("occurrence_zones.qml", "occurrence.qml"),
    "quarantine": ("quarantine_zones.qml", "quarantine.qml"),
    "threatened": ("threatened_zones.qml", "threatened.qml"),
    "nests": ("nests.qml",),
    "checkpoints": ("checkpoints.qml",),
    "units": ("units.qml",),
}

ZONE_COLOURS = {  # fill RGBA, outline RGB
    "occurrence": ((228, 26, 28, 150), (153, 0, 0)),
    "quarantine": ((255, 140, 0, 110), (204, 85, 0)),
    "threatened": ((255, 221, 0, 90), (179, 143, 0)),
}


# Rule labels of the shipped QML styles (English sources, written by scripts/make_styles.py);
# translated when a style is loaded in the desktop (context RifaZoning).
QML_RULE_LABELS = (
    QT_TRANSLATE_NOOP("RifaZoning", "meets the rule"),
    QT_TRANSLATE_NOOP("RifaZoning", "below the minimum of occurrence points"),
    QT_TRANSLATE_NOOP("RifaZoning", "occurrence point"),
)
MEETS_RULE, BELOW_MINIMUM, OCCURRENCE_POINT = QML_RULE_LABELS

# Barriers and roads on the printed map. A barrier layer is a river or a ridge when its name (or
# the table it comes from) says so; otherwise a kind-like field sorts its features; otherwise it
# gets the plain barrier style.
RIVER_WORDS = ("river", "stream", "creek", "canal", "water", "lake", "reservoir", "河", "溪", "江", "湖", "水库", "渠")
RIDGE_WORDS = ("ridge", "mountain", "hill", "shan", "range", "山", "岭", "峰", "脊")
KIND_FIELDS = ("kind", "type", "class", "barrier_type", "category", "fclass", "类型", "种类", "类别")
BARRIER_SYMBOLS = {  # kind -> (line symbol, polygon symbol)
    "river": (
        {"line_color": "20,105,215", "line_width": "0.9", "capstyle": "round"},
        {"color": "140,190,235,220", "outline_color": "20,105,215", "outline_width": "0.4"},
    ),
    "ridge": (
        {"line_color": "125,75,20", "line_width": "0.8", "line_style": "dash", "capstyle": "flat"},
        {"color": "200,170,120,120", "outline_color": "140,90,30", "outline_width": "0.5", "outline_style": "dash"},
    ),
    "barrier": (
        {"line_color": "80,80,110", "line_width": "0.6", "line_style": "dash dot"},
        {"color": "150,150,170,110", "outline_color": "80,80,110", "outline_width": "0.4"},
    ),
}
ROAD_SYMBOL = {"line_color": "85,85,85", "line_width": "0.5", "capstyle": "round", "joinstyle": "round"}
LINE_LABEL_COLOURS = {"river": QColor(20, 90, 190), "ridge": QColor(110, 65, 15), "barrier": QColor(70, 70, 100),
                      "mixed": QColor(70, 70, 100)}


def barrier_kind(text: str) -> str | None:
    """"river", "ridge" or None from a name or a field value (English or Chinese words)."""
    text = (text or "").lower()
    for kind, words in (("river", RIVER_WORDS), ("ridge", RIDGE_WORDS)):
        if any(word in text for word in words):
            return kind
    return None


def _layer_words(layer: QgsVectorLayer) -> str:
    """The layer's name and, for a GeoPackage or database layer, its table name."""
    source = layer.source()
    table = source.split("layername=")[1].split("|")[0] if "layername=" in source else ""
    return f"{layer.name()} {table}"


def _barrier_symbol(kind: str, polygon: bool):
    line, fill = BARRIER_SYMBOLS[kind]
    return QgsFillSymbol.createSimple(fill) if polygon else QgsLineSymbol.createSimple(line)


def style_barriers(layer: QgsVectorLayer, names: dict, source: QgsVectorLayer | None = None) -> str:
    """Style a barrier layer (rivers blue, ridges brown dashed, others one barrier style); returns
    its kind ("river", "ridge", "barrier" or "mixed" when a kind field sorts the features).
    ``names``: kind -> legend text ("river", "ridge", "barrier"), in the sheet's language;
    ``source``: the layer ``layer`` was copied from (its name and table tell the kind)."""
    polygon = layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry
    kind = barrier_kind(_layer_words(source or layer))
    if kind is None:
        fields = layer.fields().names()
        field = next((f for f in fields if f.lower() in KIND_FIELDS), None)
        if field is not None:
            values = {str(v) for v in layer.uniqueValues(layer.fields().indexOf(field)) if v is not None}
            sorted_values = {k: sorted(v for v in values if barrier_kind(v) == k) for k in ("river", "ridge")}
            if any(sorted_values.values()):
                root = QgsRuleBasedRenderer.Rule(None)
                for rule_kind, rule_values in sorted_values.items():
                    if rule_values:
                        quoted = ", ".join("'{}'".format(v.replace("'", "''")) for v in rule_values)
                        expression = '"{}" IN ({})'.format(field.replace('"', '""'), quoted)
                        root.appendChild(
                            QgsRuleBasedRenderer.Rule(_barrier_symbol(rule_kind, polygon), 0, 0, expression, names[rule_kind])
                        )
                other = QgsRuleBasedRenderer.Rule(_barrier_symbol("barrier", polygon), 0, 0, "", names["barrier"])
                other.setIsElse(True)
                root.appendChild(other)
                layer.setRenderer(QgsRuleBasedRenderer(root))
                return "mixed"
        kind = "barrier"
    layer.setRenderer(QgsSingleSymbolRenderer(_barrier_symbol(kind, polygon)))
    return kind


def label_barriers(layer: QgsVectorLayer, field: str, kind: str, font_family: str = "") -> None:
    """Names along the rivers and ridges (木兰溪 tells the reader why a zone stops there)."""
    colour = LINE_LABEL_COLOURS.get(kind, LINE_LABEL_COLOURS["barrier"])
    settings = _label_settings(field, font_family, 7, colour, italic=kind == "river", halo=0.7)
    if layer.geometryType() == QgsWkbTypes.GeometryType.LineGeometry:
        settings.placement = QgsPalLayerSettings.Placement.Curved
        settings.placementFlags = QgsPalLayerSettings.LinePlacementFlags.AboveLine | QgsPalLayerSettings.LinePlacementFlags.BelowLine
        settings.dist = 0.6
    else:
        settings.placement = QgsPalLayerSettings.Placement.Horizontal
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _label_settings(field, font_family, size, colour, bold=False, italic=False, halo=0.8) -> QgsPalLayerSettings:
    """Labels of ``field`` in a white halo: the map's one label look, placement left to the caller."""
    text = QgsTextFormat()
    font = QFont(font_family) if font_family else QFont()
    font.setBold(bold)
    font.setItalic(italic)
    text.setFont(font)
    text.setSize(size)
    text.setColor(colour)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(halo)
    buffer.setColor(QColor(255, 255, 255))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.setFormat(text)
    return settings


def style_roads(layer: QgsVectorLayer) -> None:
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(ROAD_SYMBOL)))


def relabel_rules(layer: QgsVectorLayer, labels: dict) -> None:
    """Replace the labels of rule-based renderer rules: ``labels`` maps a shipped (English) rule
    label to the text to show; labels a user changed stay as they are."""
    renderer = layer.renderer()
    if not isinstance(renderer, QgsRuleBasedRenderer):
        return
    for rule in renderer.rootRule().descendants():
        if rule.label() in labels:
            rule.setLabel(labels[rule.label()])


def translate_rule_labels(layer: QgsVectorLayer) -> None:
    """The shipped QML rule labels in the interface language (desktop). The renderer is set again
    so that the Layers panel redraws the layer's legend (it was built with the English labels)."""
    before = _rule_labels(layer)
    relabel_rules(layer, {label: QCoreApplication.translate("RifaZoning", label) for label in QML_RULE_LABELS})
    if _rule_labels(layer) != before:
        layer.setRenderer(layer.renderer().clone())


def _rule_labels(layer: QgsVectorLayer) -> list:
    renderer = layer.renderer()
    if not isinstance(renderer, QgsRuleBasedRenderer):
        return []
    return [rule.label() for rule in renderer.rootRule().descendants()]


def _qml_fits(layer: QgsVectorLayer) -> bool:
    """A loaded style fits when the fields its renderer uses exist in the layer."""
    renderer = layer.renderer()
    if renderer is None:
        return False
    names = set(layer.fields().names())
    used = renderer.usedAttributes(QgsRenderContext())
    return all(name in names for name in used)


def load_qml(layer: QgsVectorLayer, kind: str) -> bool:
    for name in QML_NAMES.get(kind, ()):
        path = STYLES_DIR / name
        if not path.is_file():
            continue
        _, ok = layer.loadNamedStyle(str(path))
        if ok and _qml_fits(layer):
            return True
    return False


def style_layer(layer: QgsVectorLayer, kind: str, font_family: str = "", label_field: str = "") -> None:
    """Style ``layer`` as ``kind`` (occurrence, quarantine, threatened, nests, checkpoints, units)."""
    if load_qml(layer, kind):
        return
    if kind in ZONE_COLOURS:
        fill, outline = ZONE_COLOURS[kind]
        symbol = QgsFillSymbol.createSimple(
            {"color": ",".join(map(str, fill)), "outline_color": ",".join(map(str, outline)), "outline_width": "0.4"}
        )
    elif kind == "nests":
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "triangle", "color": "120,0,0", "outline_color": "255,255,255", "size": "2.6", "outline_width": "0.3"}
        )
    elif kind == "checkpoints":
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "square", "color": "255,255,255", "outline_color": "0,70,160", "size": "2.6", "outline_width": "0.5"}
        )
    elif kind == "units":
        symbol = QgsFillSymbol.createSimple(  # boundaries only: no fill
            {"style": "no", "outline_color": "90,90,90", "outline_width": "0.35", "outline_style": "dash"}
        )
    else:
        return
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if label_field and label_field in layer.fields().names():
        set_labels(layer, label_field, font_family, bold=kind == "checkpoints", size=7 if kind == "checkpoints" else 7.5)


def set_labels(layer: QgsVectorLayer, field: str, font_family: str = "", bold: bool = False, size: float = 7.0) -> None:
    colour = QColor(0, 40, 120) if bold else QColor(60, 60, 60)
    settings = _label_settings(field, font_family, size, colour, bold=bold)
    if layer.geometryType() == 0:  # points: the number beside the symbol
        settings.placement = QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
        settings.dist = 0.8
    else:
        settings.placement = QgsPalLayerSettings.Placement.Horizontal
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style_path(name: str) -> Path:
    return STYLES_DIR / f"{name}.qml"


class StyleLoader(QgsProcessingLayerPostProcessorInterface):
    """Loads one QML style into the output layer."""

    def __init__(self, style: Path):
        super().__init__()
        self.style = style

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS's name
        if isinstance(layer, QgsVectorLayer) and self.style.is_file():
            message, ok = layer.loadNamedStyle(str(self.style))
            if not ok and feedback is not None:
                feedback.pushWarning(message)
            translate_rule_labels(layer)
            layer.triggerRepaint()


def style_on_load(context, destination_id: str, style: str, name: str | None = None) -> None:
    """Have ``resources/styles/<style>.qml`` applied to output ``destination_id`` (and give it
    ``name`` in the layer tree) if QGIS loads it at the end of the run."""
    if not destination_id or not context.willLoadLayerOnCompletion(destination_id):
        return
    details = context.layerToLoadOnCompletionDetails(destination_id)
    if name:
        details.name = name
    loader = StyleLoader(style_path(style))
    _KEEP_ALIVE[f"{style}:{destination_id}"] = loader
    details.setPostProcessor(loader)


def style_checkpoints(layer: QgsVectorLayer, font_family: str = "") -> None:
    """Checkpoints on the canvas as on the printed map: the same symbol, numbered by checkpoint_id."""
    style_layer(layer, "checkpoints", font_family, "checkpoint_id")


def label_quarantine_zones(layer: QgsVectorLayer, template: str, font_family: str = "") -> None:
    """Label each zone with ``template`` ("Quarantine zone {id}", translated) filled with its zone_id."""
    if "zone_id" not in layer.fields().names():
        return
    before, _, after = template.partition("{id}")

    def quoted(text: str) -> str:
        return "'{}'".format(text.replace("'", "''"))

    settings = _label_settings(f'{quoted(before)} || "zone_id" || {quoted(after)}', font_family, 9,
                               ZONE_LABEL_COLOUR, bold=True, halo=1.0)
    settings.isExpression = True
    settings.placement = QgsPalLayerSettings.Placement.Horizontal
    settings.priority = 10  # before the village and nest labels that crowd the zone
    settings.displayAll = True
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


ZONE_LABEL_COLOUR = QColor(153, 51, 0)
