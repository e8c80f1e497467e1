"""``rifa:surveyplan``: survey points on a grid in the zones, in walking order (第五章 四), and a
field package for QField."""

from __future__ import annotations

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..core.profile import MAX_SURVEY_SPACING_M, load_profile
from . import compat
from .base import RifaAlgorithm
from .layer_io import field_value, find_field, layer_name, require_features, zone_id_field, zone_id_output_field


class SurveyPlanAlgorithm(RifaAlgorithm):
    ZONES = "ZONES"
    SPACING = "SPACING"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"
    FIELD_PACKAGE = "FIELD_PACKAGE"

    group_key = "response"

    def name(self) -> str:
        return "surveyplan"

    def displayName(self) -> str:
        return self.tr("Survey plan (grid points and field package)")

    def help_text(self) -> str:
        profile = load_profile()
        spacing = profile.survey_spacing()
        return self.tr(
            "<p>Plans the emergency monitoring of the quarantine and threatened zones (chapter 5, section 4): "
            "survey points on a square grid clipped to the zones, numbered in walking order.</p>"
            "<p>Grid nodes lie at whole multiples of SPACING metres (ground metres whatever the CRS; default from "
            "the rule profile, {profile}: {spacing} m; 1000 m suits quarantine zones) and are kept where a zone "
            "covers them, boundary included. Points are numbered zone by zone (in zone_id order): rows from north "
            "to south, the first row west to east, the next east to west (a snake), so a team walks from one point "
            "to the next. A point in two zones goes to the first; a zone too small for a grid node gets one point "
            "inside it (on_grid = false).</p>"
            "<p>Output: point_no, zone_type and zone_id (from the zone layer when it has them), row_no, lon, lat "
            "(WGS 84), on_grid.</p>"
            "<p>FIELD_PACKAGE (optional): a GeoPackage for the field teams, ready for QField: the survey points, a "
            "surveys layer (point_no, zone_id, team, survey_date, result positive / negative, nest_count, photo, "
            "note) and a detections layer (team, found_on, nest_count, photo, note), with their forms in Chinese "
            "saved as the layers' default styles. The surveys layer goes back into rifa:liftingstatus (SURVEYS) and "
            "the detections into the zoning.</p>"
        ).format(profile=profile.label, spacing=f"{spacing:g}" if spacing else "—")

    def initAlgorithm(self, config=None):
        spacing = load_profile().survey_spacing()
        self.addParameter(QgsProcessingParameterFeatureSource(self.ZONES, self.tr("Zones to survey"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SPACING, self.tr("Grid spacing (m, 1 to {most:g}; empty: from the rule profile)").format(most=MAX_SURVEY_SPACING_M),
                QgsProcessingParameterNumber.Type.Double, defaultValue=spacing, optional=True, minValue=1, maxValue=MAX_SURVEY_SPACING_M,
            )
        )
        self.add_profile_parameter(self.tr("Rule profile (JSON; empty: Putian 2006)"))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Survey points"), QgsProcessing.SourceType.TypeVectorPoint))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.FIELD_PACKAGE, self.tr("Field package for QField (GeoPackage)"), self.tr("GeoPackage (*.gpkg)"),
                optional=True, createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("N_POINTS", self.tr("Survey points")))

    def compute(self, parameters, context, feedback, core_feedback):
        import shapely

        from ..core.survey import SurveyZone, survey_grid
        from .field_package import WGS84, write_field_package
        from .geometry_io import choose_working_crs, read_features, shapely_to_qgs
        from .outputs import check_writable

        profile = self.profile_parameter(parameters, context)
        if self.is_given(parameters, self.SPACING):
            spacing = self.parameterAsDouble(parameters, self.SPACING, context)
        else:
            spacing = profile.survey_spacing()
            if spacing is None:
                raise InputError(
                    Msg(QT_TRANSLATE_NOOP("core", "The rule profile {profile} names no survey spacing: set SPACING (metres)."), profile=profile.label)
                )
        package = self.parameterAsFileOutput(parameters, self.FIELD_PACKAGE, context) if parameters.get(self.FIELD_PACKAGE) else ""
        if package:
            check_writable(package, self.parameterDefinition(self.FIELD_PACKAGE).description())

        source = self.parameterAsSource(parameters, self.ZONES, context)
        name = layer_name(self, parameters, self.ZONES, context)
        require_features(source, name)
        frame = choose_working_crs(source.sourceCrs(), source.sourceExtent(), name, context)
        core_feedback.info(frame.description)
        id_index = zone_id_field(source.fields())
        type_index = find_field(source.fields(), "zone_type")
        zones = [
            SurveyZone(field_value(f.feature, id_index, f.fid), field_value(f.feature, type_index, "") or "", f.geometry)
            for f in read_features(source, frame, name, core_feedback.step(0, 20), context)
        ]
        require_features(zones, name)
        points = survey_grid(zones, spacing, core_feedback.step(20, 80))

        fields = QgsFields()
        fields.append(QgsField("point_no", compat.INT))
        fields.append(QgsField("zone_type", compat.STRING))
        fields.append(zone_id_output_field(source.fields()))
        fields.append(QgsField("row_no", compat.INT))
        fields.append(QgsField("lon", compat.DOUBLE, len=12, prec=7))
        fields.append(QgsField("lat", compat.DOUBLE, len=12, prec=7))
        fields.append(QgsField("on_grid", compat.BOOL))
        to_output = frame.transform_to(source.sourceCrs(), context)
        to_wgs84 = frame.transform_to(WGS84, context)
        rows, package_points = [], []
        for point in points:
            geometry = shapely.Point(point.x, point.y)
            lonlat = shapely_to_qgs(geometry, to_wgs84)
            lon, lat = round(lonlat.asPoint().x(), 7), round(lonlat.asPoint().y(), 7)
            rows.append((shapely_to_qgs(geometry, to_output), [point.point_no, point.zone.zone_type, point.zone.zone_id, point.row_no, lon, lat, point.on_grid]))
            package_points.append(
                (lonlat, {"point_no": point.point_no, "zone_type": point.zone.zone_type, "zone_id": str(point.zone.zone_id),
                          "row_no": point.row_no, "lon": lon, "lat": lat})
            )
        if package:
            core_feedback.check_canceled()
            write_field_package(self.output_part(self.FIELD_PACKAGE, package), package_points, context.transformContext())
        dest_id = self.write_features(parameters, self.OUTPUT, context, fields, [attributes for _, attributes in rows],
                                      QgsWkbTypes.Type.Point, source.sourceCrs(), [geometry for geometry, _ in rows])
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "{count} survey point(s) at {spacing:g} m in {zones} zone(s)."),
                count=len(points), spacing=spacing, zones=len(zones),
            )
        )
        results = {self.OUTPUT: dest_id, "N_POINTS": len(points)}
        if package:
            core_feedback.info(Msg(QT_TRANSLATE_NOOP("core", "Field package written: {path} (open it in QField or QGIS)."), path=package))
            results[self.FIELD_PACKAGE] = package
        return results
