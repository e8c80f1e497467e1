"""``rifa:barrierbuffer``: the barrier-aware buffer (the exact zone engine of ``core/zones.py``).

shapely is imported inside :meth:`compute`: the provider imports this module when it loads, and
the plugin must load (and say what to install) without shapely 2.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from .barrier_params import add_barrier_parameters, barrier_help, read_barriers
from .base import RifaAlgorithm


class BarrierBufferAlgorithm(RifaAlgorithm):
    INPUT = "INPUT"
    DISTANCE = "DISTANCE"
    DISSOLVE = "DISSOLVE"
    OUTPUT = "OUTPUT"
    group_key = "zoning"

    def name(self) -> str:
        return "barrierbuffer"

    def displayName(self) -> str:
        return self.tr("Barrier-aware buffer")

    def help_text(self) -> str:
        return self.tr(
            "<p>Everything within <i>Distance</i> metres of the input features along a path that "
            "crosses no barrier: the zone wraps around the end of a river or ridge, passes through a "
            "gap (bridge, pass) and spreads out beyond it as far as the remaining distance allows, and "
            "never jumps across a barrier. Without barriers it is the ordinary buffer. The emergency "
            "plan requires natural barriers such as rivers and mountains to be considered when a quarantine "
            "zone is delineated (chapter 3, section 2(2)).</p>"
            "<p>The zone is exact in vector form (no raster, no split buffer): every boundary point "
            "lies within max(1 m, 0.1 % of the distance) of the true boundary, inside it.</p>"
        ) + barrier_help() + self.tr(
            "<p><b>Input</b>: points (nests), lines or polygons (a polygon includes itself and grows "
            "from its boundary). A feature inside a barrier polygon gets a warning and that polygon "
            "does not block it: its zone spreads inside and out of it, and the polygon still blocks "
            "every other feature. Distances are metres on the ground whatever the CRS: geographic or Web "
            "Mercator data are processed in a local projected CRS named in the log. Invalid geometries "
            "are repaired, features without geometry skipped (counted in the log). An input without "
            "features gives an empty output and a warning.</p>"
            "<p><b>Dissolve</b> (default): one polygon per connected zone with <code>zone_id</code>, "
            "<code>area_km2</code> and <code>radius_m</code>. Otherwise one zone per input feature "
            "with its attributes plus <code>area_km2</code> and <code>radius_m</code>. The output is "
            "in the input's CRS.</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Input (nests, occurrence points, zones)"), [QgsProcessing.TypeVectorAnyGeometry]
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DISTANCE, self.tr("Distance (metres)"), QgsProcessingParameterNumber.Double, defaultValue=5000.0
            )
        )
        add_barrier_parameters(self)
        self.addParameter(
            QgsProcessingParameterBoolean(self.DISSOLVE, self.tr("Dissolve (one polygon per connected zone)"), True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Barrier-aware zones"), QgsProcessing.TypeVectorPolygon)
        )

    def compute(self, parameters, context, feedback, core_feedback) -> dict:
        import shapely

        from ..core.zones import barrier_buffer
        from .geometry_io import choose_working_crs, read_features, shapely_to_qgs

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        name = layer.name() if layer is not None else source.sourceName()
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context)
        if not distance > 0:
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "The distance must be greater than 0 m (got {value})."), value=f"{distance:g}")
            )
        dissolve = self.parameterAsBoolean(parameters, self.DISSOLVE, context)
        extent = source.sourceExtent()
        features = []
        if not extent.isNull() and math.isfinite(extent.width()) and math.isfinite(extent.height()):
            frame = choose_working_crs(source.sourceCrs(), extent, name, context)
            core_feedback.info(frame.description)
            features = read_features(source, frame, name, core_feedback.step(0, 5), context)
        if not features:
            core_feedback.warn(
                Msg(QT_TRANSLATE_NOOP("core", "Layer '{layer}' has no feature with a geometry: the output is empty."), layer=name)
            )
            zones = []
        else:
            barriers = read_barriers(self, parameters, context, frame, core_feedback.step(5, 10))
            zones = barrier_buffer(
                [f.geometry for f in features],
                distance,
                barriers,
                dissolve=dissolve,
                labels=[f"'{name}' #{f.fid}" for f in features],
                feedback=core_feedback.step(10, 95),
            )

        extra = QgsFields()
        if dissolve:
            extra.append(QgsField("zone_id", QVariant.Int))
        extra.append(QgsField("area_km2", QVariant.Double, len=20, prec=6))
        extra.append(QgsField("radius_m", QVariant.Double, len=20, prec=3))
        fields = extra if dissolve else QgsProcessingUtils.combineFields(source.fields(), extra)
        to_input = frame.transform_to(source.sourceCrs(), context) if features else None
        out = []
        if dissolve:
            for i, zone in enumerate(zones, start=1):
                feature = QgsFeature(fields)
                feature.setGeometry(shapely_to_qgs(shapely.multipolygons([zone]), to_input))
                feature.setAttributes([i, zone.area / 1e6, distance])
                out.append(feature)
        else:
            for input_feature, zone in zip(features, zones):
                feature = QgsFeature(fields)
                if not zone.is_empty:
                    multi = zone if zone.geom_type == "MultiPolygon" else shapely.multipolygons([zone])
                    feature.setGeometry(shapely_to_qgs(multi, to_input))
                feature.setAttributes(list(input_feature.feature.attributes()) + [zone.area / 1e6, distance])
                out.append(feature)
        core_feedback.check_canceled()
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.MultiPolygon, source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feature in out:
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        feedback.setProgress(100)
        return {self.OUTPUT: dest_id}

    def record_summary(self, results: dict) -> str:
        return self.tr("Barrier-aware zones written to {output}").format(output=results.get(self.OUTPUT))
