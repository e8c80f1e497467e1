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
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProcessingLayerPostProcessorInterface,
    QgsRenderContext,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from .provider import PLUGIN_DIR

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
            {"name": "triangle", "color": "139,0,0", "outline_color": "255,255,255", "size": "2.2", "outline_width": "0.2"}
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
    text = QgsTextFormat()
    font = QFont(font_family) if font_family else QFont()
    font.setBold(bold)
    text.setFont(font)
    text.setSize(size)
    text.setColor(QColor(0, 40, 120) if bold else QColor(60, 60, 60))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor(255, 255, 255))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.setFormat(text)
    if layer.geometryType() == 0:  # points: the number beside the symbol
        settings.placement = QgsPalLayerSettings.OrderedPositionsAroundPoint
        settings.dist = 0.8
    else:
        settings.placement = QgsPalLayerSettings.Horizontal
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
                feedback.reportError(message, fatalError=False)
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
