"""``rifa:barrierbuffer``: the barrier-aware buffer (the exact zone engine of ``core/zones/``).

shapely is imported inside :meth:`compute`: the provider imports this module when it loads, and
the plugin must load (and say what to install) without shapely 2.
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsRectangle,
    QgsWkbTypes,
)

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from . import compat
from .barrier_params import add_barrier_parameters, barrier_help, read_barriers
from .base import RifaAlgorithm

# sane bound of DISTANCE: the zones of the plan reach 23 km at most (quarantine 8 km + threatened
# 15 km); at 100 km a local projection still keeps distances within 0.05 %
MAX_DISTANCE = 100000.0


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
                self.INPUT, self.tr("Input (nests, occurrence points, zones)"), [QgsProcessing.SourceType.TypeVectorAnyGeometry]
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                self.tr("Distance (metres, more than 0, at most {most:g})").format(most=MAX_DISTANCE),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=5000.0,
                minValue=0.0,
                maxValue=MAX_DISTANCE,
            )
        )
        add_barrier_parameters(self)
        self.addParameter(
            QgsProcessingParameterBoolean(self.DISSOLVE, self.tr("Dissolve (one polygon per connected zone)"), True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Barrier-aware zones"), QgsProcessing.SourceType.TypeVectorPolygon)
        )

    def compute(self, parameters, context, feedback, core_feedback) -> dict:
        import shapely

        from ..core.delineation import enclosed_error
        from ..core.zones import barrier_buffer
        from .geometry_io import read_features, shapely_to_qgs, working_frames

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
        plan = []
        # (not extent.isNull(): a single source at (0, 0) has the null rectangle as its extent)
        if math.isfinite(extent.width()) and math.isfinite(extent.height()) and extent.width() >= 0:
            # one working CRS, or one per region when the sources lie too far apart for one
            plan = working_frames(source, name, distance, context, core_feedback)
        extra = QgsFields()
        if dissolve:
            extra.append(compat.field("zone_id", compat.INT))
        extra.append(compat.field("area_km2", compat.DOUBLE, 20, 6))
        extra.append(compat.field("radius_m", compat.DOUBLE, 20, 3))
        fields = extra if dissolve else QgsProcessingUtils.combineFields(source.fields(), extra)
        out, read_any = [], False
        for index, (frame, fids) in enumerate(plan):
            share = 95.0 / len(plan)
            step = core_feedback.step(index * share, (index + 1) * share)
            core_feedback.info(frame.description)
            request = QgsFeatureRequest().setFilterFids(fids) if fids is not None else None
            features = read_features(source, frame, name, step.step(0, 5), context, request)
            if not features:
                continue
            read_any = True
            sources = [f.geometry for f in features]
            # the barriers this region's zones can meet: within the distance of a source (and a margin)
            near = QgsRectangle(*shapely.total_bounds(sources)).buffered(distance * 1.1 + 10.0)
            barriers = read_barriers(self, parameters, context, frame, step.step(5, 10), near, reach_of=(sources, distance))
            zones = barrier_buffer(
                sources,
                distance,
                barriers,
                dissolve=dissolve,
                labels=[f"'{name}' #{f.fid}" for f in features],
                feedback=step.step(10, 100),
            )
            if barriers.polygons and all(zone.is_empty for zone in zones):
                raise enclosed_error(len(features))
            to_input = frame.transform_to(source.sourceCrs(), context)
            if dissolve:
                for zone in zones:
                    feature = QgsFeature(fields)
                    feature.setGeometry(shapely_to_qgs(shapely.multipolygons([zone]), to_input))
                    feature.setAttributes([len(out) + 1, zone.area / 1e6, distance])
                    out.append(feature)
            else:
                for input_feature, zone in zip(features, zones):
                    feature = QgsFeature(fields)
                    if not zone.is_empty:
                        multi = zone if zone.geom_type == "MultiPolygon" else shapely.multipolygons([zone])
                        feature.setGeometry(shapely_to_qgs(multi, to_input))
                    feature.setAttributes(list(input_feature.feature.attributes()) + [zone.area / 1e6, distance])
                    out.append((input_feature.fid, feature))
        if not dissolve:  # one zone per input feature, in the input's order whatever the regions
            out = [feature for _, feature in sorted(out, key=lambda pair: pair[0])]
        if not read_any:
            core_feedback.warn(
                Msg(QT_TRANSLATE_NOOP("core", "Layer '{layer}' has no feature with a geometry: the output is empty."), layer=name)
            )
        core_feedback.check_canceled()
        sink, dest_id = self.create_sink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.MultiPolygon, source.sourceCrs())
        for feature in out:
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        feedback.setProgress(100)
        return {self.OUTPUT: dest_id}

    def record_summary(self, results: dict) -> str:
        return self.tr("Barrier-aware zones written to {output}").format(output=results.get(self.OUTPUT))
