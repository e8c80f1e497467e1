"""Styles (``resources/styles/*.qml``) applied to algorithm outputs when QGIS loads them.

Processing calls a layer post-processor on the main thread after the run, when the output is
added to the project. QGIS does not own the post-processor object, so we keep a reference until
the next run replaces it (otherwise Python would garbage-collect it before it is called).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingLayerPostProcessorInterface, QgsVectorLayer

STYLES_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"

_KEEP_ALIVE: dict[str, QgsProcessingLayerPostProcessorInterface] = {}


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
