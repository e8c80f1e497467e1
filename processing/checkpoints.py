"""``rifa:checkpoints``: where roads cross the zone boundary (a guard at every entrance, 第五章 二)."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsWkbTypes,
)

from ..core.errors import QT_TRANSLATE_NOOP, Msg
from . import compat
from .base import RifaAlgorithm
from .layer_io import field_value, layer_name, require_features, text_value, zone_id_field, zone_id_output_field

# sane bound of MERGE_DISTANCE: entrances farther apart than 1 km need guards of their own
MAX_MERGE_DISTANCE = 1000.0


class CheckpointsAlgorithm(RifaAlgorithm):
    ZONES = "ZONES"
    ROADS = "ROADS"
    ROAD_NAME_FIELD = "ROAD_NAME_FIELD"
    ROAD_CLASS_FIELD = "ROAD_CLASS_FIELD"
    MERGE_DISTANCE = "MERGE_DISTANCE"
    OUTPUT = "OUTPUT"

    group_key = "lockdown"

    def name(self) -> str:
        return "checkpoints"

    def displayName(self) -> str:
        return self.tr("Road checkpoints (where roads enter the zone)")

    def help_text(self) -> str:
        return self.tr(
            "Finds every place where a road crosses the boundary of a zone, usually the quarantine "
            "zone: the plan requires a guard with disinfection equipment at every road entrance and "
            "exit of the quarantine zone (chapter 5, section 2: lockdown).\n\n"
            "A road through the zone gives two checkpoints, a road ending inside one, a road "
            "entirely inside or outside none. Each part of a multi-part road counts on its own. A "
            "road that only touches the boundary without entering gives none. A road end lying "
            "exactly on the boundary is taken to continue outside, so road networks split at "
            "nodes still give their entrance once.\n\n"
            "Crossings of the same zone closer than the merge distance (metres on the ground, "
            "chained) become one checkpoint, placed at the crossing nearest the middle of the "
            "group; the road names are joined with ' / '.\n\n"
            "Output: points in the CRS of the zone layer, numbered 1, 2, 3… zone by zone "
            "(zone_id order) and clockwise around each zone's centre starting from north "
            "(bearing_deg), so a printed list can be walked in order. lon/lat are WGS 84 "
            "degrees for field teams. zone_id comes from the zone layer's zone_id field, or the "
            "feature id when it has none."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES, self.tr("Zones (usually the quarantine zones)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.ROADS, self.tr("Roads"), [QgsProcessing.SourceType.TypeVectorLine])
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ROAD_NAME_FIELD, self.tr("Road name field"), parentLayerParameterName=self.ROADS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ROAD_CLASS_FIELD,
                self.tr("Road class field"),
                parentLayerParameterName=self.ROADS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MERGE_DISTANCE,
                self.tr("Merge crossings closer than (metres, 0 to {most:g})").format(most=MAX_MERGE_DISTANCE),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=50.0,
                minValue=0.0,
                maxValue=MAX_MERGE_DISTANCE,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Checkpoints"), QgsProcessing.SourceType.TypeVectorPoint)
        )

    def compute(self, parameters, context, feedback, core_feedback):
        # shapely-dependent modules load only when running (the plugin loads without shapely 2)
        import shapely

        from ..core.checkpoints import Road, Zone, find_checkpoints
        from .geometry_io import WGS84, choose_working_crs, read_features, require_crs

        zones_source = self.parameterAsSource(parameters, self.ZONES, context)
        roads_source = self.parameterAsSource(parameters, self.ROADS, context)
        zones_name = layer_name(self, parameters, self.ZONES, context)
        roads_name = layer_name(self, parameters, self.ROADS, context)
        name_field = self.parameterAsString(parameters, self.ROAD_NAME_FIELD, context)
        class_field = self.parameterAsString(parameters, self.ROAD_CLASS_FIELD, context)
        merge_distance = self.parameterAsDouble(parameters, self.MERGE_DISTANCE, context)

        require_features(zones_source, zones_name)
        frame = choose_working_crs(zones_source.sourceCrs(), zones_source.sourceExtent(), zones_name, context)
        core_feedback.info(frame.description)
        zone_features = read_features(zones_source, frame, zones_name, core_feedback.step(0, 10), context)
        require_features(zone_features, zones_name)
        id_field = zone_id_field(zones_source.fields())
        zones = [Zone(field_value(f.feature, id_field, f.fid), f.geometry) for f in zone_features]

        # only roads near the zones (read_features sets a destination CRS: the rectangle is in the working CRS)
        require_crs(roads_source.sourceCrs(), roads_name)
        xmin, ymin, xmax, ymax = shapely.total_bounds([z.geometry for z in zones])
        margin = max(merge_distance, 1.0)
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(xmin - margin, ymin - margin, xmax + margin, ymax + margin))
        road_features = read_features(roads_source, frame, roads_name, core_feedback.step(10, 30), context, request)
        roads = [
            Road(f.fid, f.geometry, text_value(f.feature, name_field), text_value(f.feature, class_field)) for f in road_features
        ]
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "{zones} zone(s), {roads} road feature(s) near them."),
                zones=len(zones),
                roads=len(roads),
            )
        )
        checkpoints = find_checkpoints(zones, roads, merge_distance, core_feedback.step(30, 90))

        # everything computed: now the sink
        fields = QgsFields()
        fields.append(compat.field("checkpoint_id", compat.INT))
        fields.append(compat.field("road_name", compat.STRING))
        fields.append(compat.field("road_class", compat.STRING))
        fields.append(zone_id_output_field(zones_source.fields()))
        fields.append(compat.field("lon", compat.DOUBLE, 12, 7))
        fields.append(compat.field("lat", compat.DOUBLE, 12, 7))
        fields.append(compat.field("bearing_deg", compat.DOUBLE, 6, 1))
        fields.append(compat.field("n_crossings", compat.INT))
        output_crs = zones_source.sourceCrs()
        to_output = frame.transform_to(output_crs, context)
        to_wgs84 = frame.transform_to(WGS84, context)
        rows, geometries = [], []
        for checkpoint in checkpoints:
            point = QgsPointXY(*checkpoint.point)
            lonlat = to_wgs84.transform(point)
            geometries.append(QgsGeometry.fromPointXY(to_output.transform(point)))
            rows.append(
                [
                    checkpoint.checkpoint_id,
                    checkpoint.road_names,
                    checkpoint.road_classes,
                    checkpoint.zone.zone_id,
                    round(lonlat.x(), 7),
                    round(lonlat.y(), 7),
                    round(checkpoint.bearing_deg, 1),
                    len(checkpoint.crossings),
                ]
            )
        dest_id = self.write_features(parameters, self.OUTPUT, context, fields, rows, QgsWkbTypes.Type.Point, output_crs,
                                      geometries)
        core_feedback.info(
            Msg(QT_TRANSLATE_NOOP("core", "{count} checkpoint(s) found."), count=len(checkpoints))
        )
        return {self.OUTPUT: dest_id}
