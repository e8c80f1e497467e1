"""The barrier parameters shared by every zoning algorithm: BARRIERS, CROSSINGS, CROSSING_WIDTH.

``add_barrier_parameters(algorithm)`` adds them (names are a public interface);
``read_barriers(algorithm, parameters, context, frame, core_feedback)`` reads them into a
``core.barriers.Barriers`` in the run's working CRS (every layer reprojected, invalid geometries
repaired, empty ones skipped, Z/M dropped). shapely is imported inside the functions: the provider
imports this module when it loads, and the plugin must load without shapely 2.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg

BARRIERS = "BARRIERS"
CROSSINGS = "CROSSINGS"
CROSSING_WIDTH = "CROSSING_WIDTH"
DEFAULT_CROSSING_WIDTH = 50.0
MAX_CROSSING_WIDTH = 1000.0  # a bridge or pass wider than 1 km is a gap in the barrier, not a crossing
# one translation context for the shared parameters, whichever algorithm shows them
CONTEXT = "BarrierParameters"

BARRIER_HELP = QT_TRANSLATE_NOOP(
    "BarrierParameters",
    "<p><b>Barriers</b>: line layers (rivers, ridges) and polygon layers (lakes, reservoirs, "
    "mountain massifs), in any CRS. A zone never crosses a barrier line and never enters a barrier "
    "polygon; it wraps around the end of a barrier and spreads through gaps. A line end within "
    "0.1 m of another barrier is joined to it (digitizing noise); a wider gap is an opening.</p>"
    "<p><b>Crossings</b>: points (bridges, mountain passes). Each crossing opens every barrier "
    "within <i>Crossing width</i> / 2 of it; a crossing farther than that from every barrier opens "
    "nothing and gets a warning.</p>",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def barrier_help() -> str:
    """The help paragraphs on BARRIERS, CROSSINGS and CROSSING_WIDTH, in the user's language."""
    return _tr(BARRIER_HELP)


def add_barrier_parameters(algorithm) -> None:
    """Add BARRIERS, CROSSINGS and CROSSING_WIDTH to ``algorithm`` (in ``initAlgorithm``)."""
    algorithm.addParameter(
        QgsProcessingParameterMultipleLayers(
            BARRIERS,
            QCoreApplication.translate("BarrierParameters", "Barriers (rivers, ridges as lines; lakes, mountains as polygons)"),
            QgsProcessing.SourceType.TypeVectorAnyGeometry,
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSource(
            CROSSINGS,
            QCoreApplication.translate("BarrierParameters", "Crossings (bridges, passes)"),
            [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterNumber(
            CROSSING_WIDTH,
            QCoreApplication.translate("BarrierParameters", "Crossing width (metres, more than 0, at most {most:g})").format(
                most=MAX_CROSSING_WIDTH
            ),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=DEFAULT_CROSSING_WIDTH,
            minValue=0.0,
            maxValue=MAX_CROSSING_WIDTH,
        )
    )


def barrier_kind(layer) -> QgsWkbTypes.GeometryType:
    """The geometry type of a layer given as a barrier (line or polygon); :class:`InputError`
    naming the layer for anything else. The one check of a barrier layer (zoning, lockdown map)."""
    if not isinstance(layer, QgsVectorLayer):
        raise InputError(
            Msg(QT_TRANSLATE_NOOP("core", "Barrier layer '{layer}' is not a vector layer."), layer=layer.name())
        )
    kind = QgsWkbTypes.geometryType(layer.wkbType())
    if kind == QgsWkbTypes.GeometryType.UnknownGeometry:
        from .geometry_io import collection_error

        raise collection_error(layer.name(), layer.wkbType(), Msg(QT_TRANSLATE_NOOP("core", "lines or polygons")))
    if kind not in (QgsWkbTypes.GeometryType.LineGeometry, QgsWkbTypes.GeometryType.PolygonGeometry):
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core", "Barrier layer '{layer}' is not a line or polygon layer: barriers are lines "
                    "(rivers, ridges) or polygons (lakes, mountains)."
                ),
                layer=layer.name(),
            )
        )
    return kind


def read_barriers(algorithm, parameters, context, frame, core_feedback, near=None, reach_of=None):
    """The barriers of a run as ``core.barriers.Barriers`` in ``frame``'s working CRS.

    ``near``: a rectangle in the working CRS holding every zone of the run; only barriers and
    crossings meeting it are read, and barriers reaching beyond it are cut to it before they are
    reprojected (a province polygon or a world coastline cannot be reprojected whole into a
    projection centred on the nests). Barriers beyond it cannot shape a zone.

    ``reach_of``: ``(sources, reach)`` (shapely geometries in the working CRS, metres): of the barriers
    read, only those that can shape the zones reaching ``reach`` from the sources are prepared
    (``Barriers.build``; for nests in clusters over a county, the rivers near the clusters, not the
    county's: the box ``near`` holds them all). The barriers prepared are kept for the next run on the
    same barriers and nests in the session (``Barriers.prepared``: compared by content, never stale).
    """
    from ..core.barriers import Barriers
    from .geometry_io import read_features

    lines, polygons = [], []
    for layer in algorithm.parameterAsLayerList(parameters, BARRIERS, context) or []:
        target = lines if barrier_kind(layer) == QgsWkbTypes.GeometryType.LineGeometry else polygons
        for feature in read_features(layer, frame, layer.name(), core_feedback, context, clip=near):
            target.append((f"{layer.name()} #{feature.fid}", feature.geometry))
    crossings = []
    source = algorithm.parameterAsSource(parameters, CROSSINGS, context)
    if source is not None:
        layer = algorithm.parameterAsVectorLayer(parameters, CROSSINGS, context)
        name = layer.name() if layer is not None else source.sourceName()
        for feature in read_features(source, frame, name, core_feedback, context, clip=near):
            import shapely

            for point in shapely.get_parts(feature.geometry):
                crossings.append((f"{name} #{feature.fid}", point))
    width = algorithm.parameterAsDouble(parameters, CROSSING_WIDTH, context)
    if not 0 <= width <= MAX_CROSSING_WIDTH:  # NaN included
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP("core", "The crossing width must be from 0 to {most:g} m (got {value})."),
                value=f"{width:g}",
                most=MAX_CROSSING_WIDTH,
            )
        )
    if crossings and width <= 0:  # every bridge would open nothing, silently
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core", "CROSSING_WIDTH is 0 m: the {count} crossing(s) would open no barrier. Give the width of "
                    "the bridges and passes (default {default:g} m)."
                ),
                count=len(crossings),
                default=DEFAULT_CROSSING_WIDTH,
            )
        )
    core_feedback.info(
        Msg(
            QT_TRANSLATE_NOOP(
                "core", "Barriers: {lines} line feature(s), {polygons} polygon feature(s), {crossings} crossing(s)."
            ),
            lines=len(lines),
            polygons=len(polygons),
            crossings=len(crossings),
        )
    )
    return Barriers.prepared(lines, polygons, crossings, width, feedback=core_feedback, reach_of=reach_of)
