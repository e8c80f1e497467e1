"""``rifa:delineatezones``: nests -> occurrence points, occurrence areas, quarantine zones and
threatened zones (plan 第三章 二(二)). The computing is in ``core.occurrence`` and
``core.delineation``; this module reads the layers, checks the radii against the rule profile and
writes the four outputs."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime

from ..core.errors import QT_TRANSLATE_NOOP, Msg
from ..core.profile import MAX_GROUPING_DISTANCE, load_profile
from ..core.profile import MAX_MIN_POINTS as MAX_PROFILE_MIN_POINTS
from ..tools.i18n import current_language
from ..tools.records import now_text
from . import compat
from .barrier_params import add_barrier_parameters, barrier_help, read_barriers
from .base import RifaAlgorithm
from .layer_io import python_value
from .styles import style_on_load

# shapely and the modules that use it are imported in compute(): without shapely 2 the plugin
# still loads and the base class refuses to run with a message saying what to install

# parameter name -> profile zone kind
RADII = {"OCCURRENCE_RADIUS": "occurrence", "QUARANTINE_RADIUS": "quarantine", "THREAT_EXTENSION": "threatened"}
ZONE_OUTPUTS = {"occurrence": "OCCURRENCE_AREAS", "quarantine": "QUARANTINE_ZONES", "threatened": "THREATENED_ZONES"}
# sane bounds: GROUPING_DISTANCE as core.profile.MAX_GROUPING_DISTANCE; MIN_POINTS is the 3-point
# rule, and more points than 1000 would turn it off (the profile's min_points must lie in the same
# range, core/profile.py)
MAX_MIN_POINTS = MAX_PROFILE_MIN_POINTS
ELLIPSOID = "EPSG:7030"  # WGS 84: true ground areas whatever the working CRS


def _qt_date(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return QDateTime(value)
    return QDate(value)


class DelineateZonesAlgorithm(RifaAlgorithm):
    NESTS = "NESTS"
    VILLAGES = "VILLAGES"
    VILLAGE_NAME_FIELD = "VILLAGE_NAME_FIELD"
    GROUPING_DISTANCE = "GROUPING_DISTANCE"
    DATE_FIELD = "DATE_FIELD"
    OCCURRENCE_RADIUS = "OCCURRENCE_RADIUS"
    QUARANTINE_RADIUS = "QUARANTINE_RADIUS"
    THREAT_EXTENSION = "THREAT_EXTENSION"
    MIN_POINTS = "MIN_POINTS"
    PROFILE = "PROFILE"
    OCCURRENCE_AREAS = "OCCURRENCE_AREAS"
    QUARANTINE_ZONES = "QUARANTINE_ZONES"
    THREATENED_ZONES = "THREATENED_ZONES"
    OCCURRENCE_POINTS = "OCCURRENCE_POINTS"
    SUMMARY = "SUMMARY"

    group_key = "zoning"

    def name(self) -> str:
        return "delineatezones"

    def displayName(self) -> str:
        return self.tr("Delineate outbreak zones (occurrence, quarantine, threatened)")

    def tags(self):
        return self.tr("rifa,fire ant,nests,occurrence,quarantine,threatened,zone,barrier").split(",")

    # -- parameters
    def radius_description(self, parameter: str, profile=None) -> str:
        """"Quarantine radius (m) [legal 3000–8000, Putian 2006]": the legal range in the GUI."""
        profile = profile or load_profile()
        legal = profile.radius_range(RADII[parameter])
        names = {
            "OCCURRENCE_RADIUS": self.tr("Occurrence area radius (m)"),
            "QUARANTINE_RADIUS": self.tr("Quarantine radius (m)"),
            "THREAT_EXTENSION": self.tr("Threatened zone extension beyond the quarantine zone (m)"),
        }
        return self.tr("{name} [legal {low:g}–{high:g}, {profile}]").format(
            name=names[parameter], low=legal.low, high=legal.high, profile=profile.display_name(current_language())
        )

    def zone_names(self, in_sentence: bool = False) -> dict[str, str]:
        """Zone kind -> the name of its output ("Quarantine zones"), or as a sentence says it."""
        if in_sentence:
            return {
                "occurrence": self.tr("occurrence areas"),
                "quarantine": self.tr("quarantine zones"),
                "threatened": self.tr("threatened zones"),
            }
        return {
            "occurrence": self.tr("Occurrence areas"),
            "quarantine": self.tr("Quarantine zones"),
            "threatened": self.tr("Threatened zones"),
        }

    def initAlgorithm(self, config=None):
        profile = load_profile()
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.NESTS, self.tr("Nests (detections)"), [QgsProcessing.SourceType.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.VILLAGES, self.tr("Natural villages / communities"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.VILLAGE_NAME_FIELD, self.tr("Village name field"), parentLayerParameterName=self.VILLAGES, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.GROUPING_DISTANCE,
                self.tr("Grouping distance (m, 0 to {most:g}): nests this close form one occurrence point (without villages)").format(
                    most=MAX_GROUPING_DISTANCE
                ),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=500.0,
                minValue=0.0,
                maxValue=MAX_GROUPING_DISTANCE,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DATE_FIELD,
                self.tr("Detection date field"),
                parentLayerParameterName=self.NESTS,
                optional=True,
            )
        )
        add_barrier_parameters(self)  # BARRIERS, CROSSINGS, CROSSING_WIDTH as in rifa:barrierbuffer
        for parameter in RADII:
            radius = QgsProcessingParameterNumber(
                parameter,
                self.radius_description(parameter, profile),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=profile.radius_range(RADII[parameter]).default,
                minValue=0.0,
            )
            radius.setMetadata({"widget_wrapper": {"decimals": 0}})  # whole metres: "5000", not "5000.000000"
            self.addParameter(radius)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_POINTS,
                self.tr("Minimum occurrence points per zone (1 to {most}) [{profile}: {count}]").format(
                    profile=profile.display_name(current_language()), count=profile.min_points("quarantine"), most=MAX_MIN_POINTS
                ),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=profile.min_points("quarantine"),
                minValue=1,
                maxValue=MAX_MIN_POINTS,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.PROFILE,
                self.tr("Rule profile (JSON; empty: Putian 2006)"),
                extension="json",
                optional=True,
            )
        )
        names = self.zone_names()
        for kind, output in ZONE_OUTPUTS.items():
            self.addParameter(QgsProcessingParameterFeatureSink(output, names[kind], QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OCCURRENCE_POINTS, self.tr("Occurrence points"), QgsProcessing.SourceType.TypeVectorPoint)
        )
        self.addOutput(QgsProcessingOutputString(self.SUMMARY, self.tr("Summary (as recorded)")))

    def help_text(self) -> str:
        profile = load_profile()
        ranges = {kind: profile.radius_range(kind) for kind in RADII.values()}
        return self.tr(
            "<p>Draws the zones of the emergency plan around the nests the field teams found "
            "(profile {profile}).</p>"
            "<p><b>Occurrence points</b>: one natural village or community with nests (chapter 3, section 2(2)1). With "
            "<i>Natural villages</i>, the nests in one village make one occurrence point; nests outside "
            "every village are grouped among themselves by the grouping distance and get no village "
            "name (the log lists them). Without villages, nests not farther apart than the grouping "
            "distance, chained, make one occurrence point.</p>"
            "<p><b>Zones</b> are drawn around every nest, not around centroids, in metres on the "
            "ground whatever the CRS: occurrence areas (chapter 3, section 2(2)1, legal radius "
            "{o_low:g}–{o_high:g} m), quarantine zones (chapter 3, section 2(2)2, {q_low:g}–{q_high:g} m) and "
            "threatened zones (chapter 3, section 2(2)3: the band {t_low:g}–{t_high:g} m beyond the "
            "quarantine zone, a ring that does not cover it). Radii outside the profile's range are "
            "refused.</p>"
            "<p><b>Natural barriers</b> (rivers, ridges; the plan requires them to be considered when "
            "the quarantine zone is drawn): zones follow the shortest path that never crosses a barrier "
            "line or enters a barrier polygon, except through crossings (bridges, passes). The "
            "threatened ring is exact: the barrier-aware buffer of the quarantine zone by the extension "
            "equals the barrier-aware zone of radius quarantine radius + extension around the nests, "
            "so the ring is that zone minus the quarantine zone.</p>"
            "<p><b>The 3-point rule</b>: a zone needs at least MIN_POINTS occurrence points ({min_points} "
            "in this profile). Every zone is drawn; <i>meets_rule</i> says whether it qualifies and the "
            "log lists the ones that do not. Each connected part is one zone with its <i>zone_id</i>. A "
            "threatened zone lists the quarantine zones it surrounds in <i>quarantine_ids</i> (rings of "
            "nearby zones merge); its counts are their totals.</p>"
            "<p>Attributes: zone_type, zone_id, n_points, n_nests, meets_rule, radius_m (for threatened "
            "zones the extension), area_km2 (true ground area), quarantine_ids, profile, computed_at. "
            "Occurrence points: point_id, village, n_nests, first_seen, last_seen (from the date field: "
            "dates, date-times or ISO text), zone_id of their quarantine zone.</p>"
        ).format(
            profile=profile.display_label(current_language()),
            o_low=ranges["occurrence"].low, o_high=ranges["occurrence"].high,
            q_low=ranges["quarantine"].low, q_high=ranges["quarantine"].high,
            t_low=ranges["threatened"].low, t_high=ranges["threatened"].high,
            min_points=profile.min_points("quarantine"),
        ) + barrier_help()

    # -- running
    def _given(self, parameters, name) -> bool:
        value = parameters.get(name)
        return value is not None and not (isinstance(value, str) and not value.strip())

    def compute(self, parameters, context, feedback, core_feedback):
        import shapely

        from ..core.delineation import delineate
        from ..core.occurrence import assign_dates, group_nests
        from .geometry_io import read_features, shapely_to_qgs, working_frames

        profile = load_profile(self.parameterAsFile(parameters, self.PROFILE, context) or None)
        radii = {}
        for parameter, kind in RADII.items():
            # left out (scripts, qgis_process): the profile's default
            value = (
                self.parameterAsDouble(parameters, parameter, context)
                if self._given(parameters, parameter)
                else profile.radius_range(kind).default
            )
            radii[kind] = profile.check_radius(kind, value)
        if self._given(parameters, self.MIN_POINTS):
            count = self.parameterAsInt(parameters, self.MIN_POINTS, context)
            min_points = {"occurrence": count, "quarantine": count}
        else:
            min_points = {kind: profile.min_points(kind) for kind in ("occurrence", "quarantine")}
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "Rule profile: {profile}. Occurrence radius {o:g} m, quarantine radius {q:g} m, threatened zone extension {t:g} m, at least {n} occurrence points per zone."),
                profile=profile.display_label(current_language()), o=radii["occurrence"], q=radii["quarantine"],
                t=radii["threatened"], n=min_points["quarantine"],
            )
        )

        nests_source = self.parameterAsSource(parameters, self.NESTS, context)
        if nests_source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.NESTS))
        nests_name = nests_source.sourceName() or self.tr("Nests")
        date_field = self.parameterAsString(parameters, self.DATE_FIELD, context)
        if date_field and nests_source.fields().lookupField(date_field) < 0:
            raise QgsProcessingException(
                self.tr("The date field '{field}' is not a field of layer '{layer}'.").format(field=date_field, layer=nests_name)
            )
        villages_source = self.parameterAsSource(parameters, self.VILLAGES, context)
        villages_name = name_field = None
        if villages_source is not None:
            villages_name = villages_source.sourceName() or self.tr("Villages")
            name_field = self.parameterAsString(parameters, self.VILLAGE_NAME_FIELD, context)
            if name_field and villages_source.fields().lookupField(name_field) < 0:
                raise QgsProcessingException(
                    self.tr("The village name field '{field}' is not a field of layer '{layer}'.").format(
                        field=name_field, layer=villages_name
                    )
                )
        distance = self.parameterAsDouble(parameters, self.GROUPING_DISTANCE, context)
        reach = radii["quarantine"] + radii["threatened"]
        # one working CRS, or one per region when the nests lie too far apart for one (each region's
        # zones are more than twice the reach from the others': they never meet)
        if nests_source.featureCount() == 0:  # an empty layer or selection (its extent is +-DBL_MAX on QGIS 3.40)
            raise QgsProcessingException(self.tr("Layer '{layer}' has no nests with a geometry.").format(layer=nests_name))
        plan = working_frames(nests_source, nests_name, reach, context, core_feedback)
        computed_at = now_text()
        zone_features = {kind: [] for kind in ZONE_OUTPUTS}
        points = []  # (geometry, attributes without the profile and time), all regions
        with_time = False
        n_nests = 0
        for index, (frame, region) in enumerate(plan):
            share = 92.0 / len(plan)
            step = core_feedback.step(index * share, (index + 1) * share)
            core_feedback.info(frame.description)
            request = QgsFeatureRequest().setFilterFids(region) if region is not None else None

            # nests (a multipoint feature gives one nest per part)
            nests, fids, dates = [], [], []
            for item in read_features(nests_source, frame, nests_name, step.step(0, 5), context, request):
                date = python_value(item.feature[date_field]) if date_field else None
                for part in shapely.get_parts(item.geometry):
                    nests.append(part)
                    fids.append(item.fid)
                    dates.append(date)
            if not nests:
                continue
            # the villages and barriers this region's zones can meet: within the reach of a nest (and a margin)
            near = QgsRectangle(*shapely.total_bounds(nests)).buffered(reach * 1.1 + 10.0)
            villages = None
            if villages_source is not None:
                village_request = QgsFeatureRequest().setFilterRect(near) if region is not None else None
                villages = [
                    (python_value(item.feature[name_field]) if name_field else None, item.geometry)
                    for item in read_features(villages_source, frame, villages_name, step.step(5, 8), context, village_request)
                ]
            grouping = group_nests(nests, distance, villages, step.step(8, 12))
            if date_field:
                with_time = assign_dates(grouping, dates, fids, core_feedback) or with_time
            core_feedback.info(
                Msg(
                    QT_TRANSLATE_NOOP("core", "{nests} nest(s) form {points} occurrence point(s)."),
                    nests=len(nests), points=len(grouping),
                )
            )
            # (the largest zone radius: the occurrence radius may exceed the others, with a warning)
            barriers = read_barriers(
                self, parameters, context, frame, step.step(12, 14), near, reach_of=(nests, max(reach, radii["occurrence"]))
            )
            result = delineate(
                nests,
                grouping,
                radii["occurrence"],
                radii["quarantine"],
                radii["threatened"],
                min_points,
                barriers,
                step.step(14, 100),
                nest_labels=[f"'{nests_name}' #{fid}" for fid in fids],
            )

            # this region computed: convert (ids follow on from the regions before)
            to_output = frame.transform_to(nests_source.sourceCrs(), context)
            area = QgsDistanceArea()
            area.setSourceCrs(frame.crs, context.transformContext())
            area.setEllipsoid(ELLIPSOID)
            offsets = {kind: len(zone_features[kind]) for kind in ZONE_OUTPUTS}
            for kind in ZONE_OUTPUTS:
                for zone in result.zones(kind):
                    if feedback.isCanceled():
                        break
                    geometry = shapely_to_qgs(zone.geometry)
                    area_km2 = area.measureArea(geometry) / 1e6
                    geometry.transform(to_output)
                    geometry.convertToMultiType()
                    feature = QgsFeature(zone_fields())
                    feature.setGeometry(geometry)
                    feature.setAttributes(
                        [kind, zone.zone_id + offsets[kind], zone.n_points, zone.n_nests, zone.meets_rule, zone.radius_m,
                         area_km2, ", ".join(str(i + offsets["quarantine"]) for i in zone.quarantine_ids), profile.label,
                         computed_at]
                    )
                    zone_features[kind].append(feature)
            core_feedback.check_canceled()
            first_point = len(points)
            for point, zone_id in zip(grouping.points, result.point_zone):
                geometry = shapely_to_qgs(shapely.multipoints([nests[i] for i in point.nests]), to_output)
                points.append(
                    (geometry, [point.point_id + first_point, point.village, len(point.nests), _qt_date(point.first_seen),
                                _qt_date(point.last_seen), int(zone_id) + offsets["quarantine"] if zone_id else int(zone_id)])
                )
            n_nests += len(nests)
        if not points:
            raise QgsProcessingException(self.tr("Layer '{layer}' has no nests with a geometry.").format(layer=nests_name))
        fields = point_fields(with_time)
        point_features = []
        for geometry, attributes in points:
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            feature.setAttributes(attributes + [profile.label, computed_at])
            point_features.append(feature)

        summary = self._describe(profile, radii, n_nests, len(points), zone_features)
        names = self.zone_names()
        # every sink is created before any is filled: one that cannot be made leaves the others unwritten
        sinks = []
        for kind, output in ZONE_OUTPUTS.items():
            sink, dest = self.parameterAsSink(
                parameters, output, context, zone_fields(), QgsWkbTypes.Type.MultiPolygon, nests_source.sourceCrs()
            )
            if sink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, output))
            sinks.append((output, sink, dest, zone_features[kind], f"{kind}_zones", names[kind]))
        sink, dest = self.parameterAsSink(
            parameters, self.OCCURRENCE_POINTS, context, fields, QgsWkbTypes.Type.MultiPoint, nests_source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OCCURRENCE_POINTS))
        sinks.append((self.OCCURRENCE_POINTS, sink, dest, point_features, "occurrence_points", self.tr("Occurrence points")))
        outputs = {self.SUMMARY: summary}
        for output, sink, dest, features, style, title in sinks:
            sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert)
            outputs[output] = dest
            style_on_load(context, dest, style, title)
        feedback.setProgress(100)
        return outputs


    def _describe(self, profile, radii, n_nests, n_points, zone_features) -> str:
        """One line for the records log (处理记录) and the response dock."""
        parts = []
        names = self.zone_names(in_sentence=True)
        for kind in ZONE_OUTPUTS:
            zones = zone_features[kind]
            area = sum(feature["area_km2"] for feature in zones)
            parts.append(
                self.tr("{name} {count} ({meeting} meet the rule, {area:.1f} km²)").format(
                    name=names[kind], count=len(zones), meeting=sum(bool(z["meets_rule"]) for z in zones), area=area
                )
            )
        return self.tr("{nests} nests, {points} occurrence points; {zones}; radii {o:g}/{q:g}/+{t:g} m; profile {profile}").format(
            nests=n_nests, points=n_points, zones="; ".join(parts), o=radii["occurrence"], q=radii["quarantine"],
            t=radii["threatened"], profile=profile.label,
        )

    def record_summary(self, results: dict) -> str:
        return results[self.SUMMARY]


def zone_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (
        ("zone_type", compat.STRING),
        ("zone_id", compat.INT),
        ("n_points", compat.INT),
        ("n_nests", compat.INT),
        ("meets_rule", compat.BOOL),
        ("radius_m", compat.DOUBLE),
        ("area_km2", compat.DOUBLE),
        ("quarantine_ids", compat.STRING),
        ("profile", compat.STRING),
        ("computed_at", compat.STRING),
    ):
        fields.append(compat.field(name, kind))
    return fields


def point_fields(with_time: bool = False) -> QgsFields:
    date_type = compat.DATETIME if with_time else compat.DATE
    fields = QgsFields()
    for name, kind in (
        ("point_id", compat.INT),
        ("village", compat.STRING),
        ("n_nests", compat.INT),
        ("first_seen", date_type),
        ("last_seen", date_type),
        ("zone_id", compat.INT),
        ("profile", compat.STRING),
        ("computed_at", compat.STRING),
    ):
        fields.append(compat.field(name, kind))
    return fields
