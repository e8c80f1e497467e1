"""The QGIS side of ``core.delineation`` for ``rifa:delineatezones``: one region's nests and
villages read in its working CRS, grouped into occurrence points and delineated by ``core``, and
the zones and occurrence points converted into the features of the four outputs.

Imported when the algorithm runs (it needs shapely 2; the plugin loads without it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shapely
from qgis.core import QgsDistanceArea, QgsFeature, QgsFeatureRequest, QgsFields, QgsRectangle
from qgis.PyQt.QtCore import QDate, QDateTime

from ..core.delineation import KINDS, Delineation, delineate
from ..core.errors import QT_TRANSLATE_NOOP, Msg
from ..core.occurrence import Grouping, assign_dates, group_nests
from . import compat
from .barrier_params import read_barriers
from .geometry_io import read_features, shapely_to_qgs
from .layer_io import make_fields, python_value

if TYPE_CHECKING:
    from .delineate_zones import ZoningInputs

ELLIPSOID = "EPSG:7030"  # WGS 84: true ground areas whatever the working CRS

# the attributes of the outputs (a point's first_seen / last_seen: dates, or date-times when some date has a time)
ZONE_FIELDS = (
    ("zone_type", compat.STRING), ("zone_id", compat.INT), ("n_points", compat.INT), ("n_nests", compat.INT),
    ("meets_rule", compat.BOOL), ("radius_m", compat.DOUBLE), ("area_km2", compat.DOUBLE),
    ("quarantine_ids", compat.STRING), ("profile", compat.STRING), ("computed_at", compat.STRING),
)
POINT_FIELDS = (
    ("point_id", compat.INT), ("village", compat.STRING), ("n_nests", compat.INT), ("first_seen", compat.DATE),
    ("last_seen", compat.DATE), ("zone_id", compat.INT), ("profile", compat.STRING), ("computed_at", compat.STRING),
)


def zone_fields() -> QgsFields:
    return make_fields(ZONE_FIELDS)


def point_fields(with_time: bool = False) -> QgsFields:
    date_type = compat.DATETIME if with_time else compat.DATE
    return make_fields((name, date_type if kind == compat.DATE else kind) for name, kind in POINT_FIELDS)


def qt_date(value):
    """A detection date or date-time as Qt's (None stays None)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return QDateTime(value)
    return QDate(value)


def delineate_region(algorithm, inputs: ZoningInputs, parameters, context, frame, region, step, core_feedback):
    """The nests of one region (``region``: their feature ids, None for all) grouped into
    occurrence points and their zones, in the region's working CRS; None when it has no nest."""
    request = QgsFeatureRequest().setFilterFids(region) if region is not None else None
    # nests (a multipoint feature gives one nest per part)
    nests, fids, dates = [], [], []
    for item in read_features(inputs.nests, frame, inputs.nests_name, step.step(0, 5), context, request):
        date = python_value(item.feature[inputs.date_field]) if inputs.date_field else None
        for part in shapely.get_parts(item.geometry):
            nests.append(part)
            fids.append(item.fid)
            dates.append(date)
    if not nests:
        return None
    # the villages and barriers this region's zones can meet: within the reach of a nest (and a margin)
    near = QgsRectangle(*shapely.total_bounds(nests)).buffered(inputs.reach * 1.1 + 10.0)
    villages = None
    if inputs.villages is not None:
        village_request = QgsFeatureRequest().setFilterRect(near) if region is not None else None
        name_field = inputs.village_name_field
        villages = [
            (python_value(item.feature[name_field]) if name_field else None, item.geometry)
            for item in read_features(inputs.villages, frame, inputs.villages_name, step.step(5, 8), context, village_request)
        ]
    grouping = group_nests(nests, inputs.grouping_distance, villages, step.step(8, 12))
    with_time = assign_dates(grouping, dates, fids, core_feedback) if inputs.date_field else False
    core_feedback.info(
        Msg(
            QT_TRANSLATE_NOOP("core", "{nests} nest(s) form {points} occurrence point(s)."),
            nests=len(nests), points=len(grouping),
        )
    )
    # (the largest zone radius: the occurrence radius may exceed the others, with a warning)
    reach_of = (nests, max(inputs.reach, inputs.radii["occurrence"]))
    barriers = read_barriers(algorithm, parameters, context, frame, step.step(12, 14), near, reach_of=reach_of)
    result = delineate(
        nests,
        grouping,
        inputs.radii["occurrence"],
        inputs.radii["quarantine"],
        inputs.radii["threatened"],
        inputs.min_points,
        barriers,
        step.step(14, 100),
        nest_labels=[f"'{inputs.nests_name}' #{fid}" for fid in fids],
    )
    return RegionZoning(nests, grouping, result, with_time)


@dataclass
class RegionZoning:
    """One region's nests (shapely Points in its working CRS), occurrence points and zones."""

    nests: list
    grouping: Grouping
    result: Delineation
    with_time: bool  # some detection date carries a time of day


class ZoneTables:
    """The features of the four outputs, filled region by region: the ids of a region's zones and
    occurrence points follow on from the regions before."""

    def __init__(self, profile_label: str, computed_at: str):
        self.profile_label = profile_label
        self.computed_at = computed_at
        self.zones: dict[str, list[QgsFeature]] = {kind: [] for kind in KINDS}
        self.points: list = []  # (geometry, attributes without the profile and time), all regions
        self.with_time = False
        self.n_nests = 0

    def add_region(self, zoning: RegionZoning, frame, output_crs, context, core_feedback) -> None:
        """The zones (their true ground areas measured in the working CRS) and occurrence points of
        one region, in ``output_crs``."""
        to_output = frame.transform_to(output_crs, context)
        area = QgsDistanceArea()
        area.setSourceCrs(frame.crs, context.transformContext())
        area.setEllipsoid(ELLIPSOID)
        offsets = {kind: len(self.zones[kind]) for kind in KINDS}
        for kind in KINDS:
            for zone in zoning.result.zones(kind):
                if core_feedback.canceled():
                    break
                geometry = shapely_to_qgs(zone.geometry)
                area_km2 = area.measureArea(geometry) / 1e6
                geometry.transform(to_output)
                geometry.convertToMultiType()
                feature = QgsFeature(zone_fields())
                feature.setGeometry(geometry)
                feature.setAttributes(
                    [kind, zone.zone_id + offsets[kind], zone.n_points, zone.n_nests, zone.meets_rule, zone.radius_m,
                     area_km2, ", ".join(str(i + offsets["quarantine"]) for i in zone.quarantine_ids), self.profile_label,
                     self.computed_at]
                )
                self.zones[kind].append(feature)
        core_feedback.check_canceled()
        first_point = len(self.points)
        nests = zoning.nests
        for point, zone_id in zip(zoning.grouping.points, zoning.result.point_zone):
            geometry = shapely_to_qgs(shapely.multipoints([nests[i] for i in point.nests]), to_output)
            self.points.append(
                (geometry, [point.point_id + first_point, point.village, len(point.nests), qt_date(point.first_seen),
                            qt_date(point.last_seen), int(zone_id) + offsets["quarantine"] if zone_id else int(zone_id)])
            )
        self.n_nests += len(nests)
        self.with_time = zoning.with_time or self.with_time

    def point_features(self, fields: QgsFields) -> list[QgsFeature]:
        features = []
        for geometry, attributes in self.points:
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            feature.setAttributes(attributes + [self.profile_label, self.computed_at])
            features.append(feature)
        return features
