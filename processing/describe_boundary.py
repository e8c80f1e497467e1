"""``rifa:describeboundary``: the written boundary of each zone (四至) for the lockdown order.

Reads the zones and the named roads, barriers, villages and units near them into a local
Transverse Mercator frame centred on the zones (true metres and areas, whatever the input CRS),
and lets ``core.boundary`` compute the extreme points, landmarks and the sentence in the rule
profile's words. :func:`describe_zones` is shared with ``rifa:lockdownorder``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from qgis.core import (
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsRectangle,
)

from ..core.errors import QT_TRANSLATE_NOOP, Msg
from . import compat
from .base import RifaAlgorithm
from .layer_io import field_value, find_field, layer_name, require_features, zone_id_field, zone_id_output_field

LANGUAGES = ["zh", "en"]
LANGUAGE_NAMES = ["中文", "English"]  # each in its own language
# name fields tried when none is given (as the lockdown map guesses them)
ROAD_NAME_FIELDS = ("road_name", "name", "名称", "道路名称", "NAME")
BARRIER_NAME_FIELDS = ("name", "名称", "river_name", "ridge_name", "NAME")
VILLAGE_NAME_FIELDS = ("village", "village_name", "name", "名称", "村名", "NAME")
UNIT_NAME_FIELDS = ("unit_name", "name", "county_name", "town_name", "village_name", "xzqmc", "名称", "NAME")
COLUMNS = ("east_lon", "east_lat", "south_lon", "south_lat", "west_lon", "west_lat", "north_lon", "north_lat")


def _name_index(fields, given: str, guesses) -> int:
    index = fields.lookupField(given) if given else -1
    return index if index >= 0 else find_field(fields, *guesses)


def _text(feature, index: int) -> str:
    value = field_value(feature, index)
    return "" if value is None else str(value).strip()


def _lonlat_function(frame, context):
    from .geometry_io import WGS84

    transform = frame.transform_to(WGS84, context)

    def to_lonlat(xs, ys):
        points = [transform.transform(QgsPointXY(float(x), float(y))) for x, y in zip(xs, ys)]
        return [p.x() for p in points], [p.y() for p in points]

    return to_lonlat


def describe_zones(
    algorithm, parameters, context, core_feedback, zones_parameter: str, language: str = "zh", profile=None,
    name_fields: dict | None = None,
) -> list[dict]:
    """One dict per zone: ``zone_id``, ``zone_type``, the extreme points, ``area_km2``,
    ``perimeter_km``, ``description``, ``clauses``, ``landmarks`` (dicts), ``places``, ``units``.

    ``parameters`` may hold ROADS, BARRIERS, VILLAGES, UNITS (and their ``*_NAME_FIELD``s, or
    ``name_fields`` {kind: field}); names are guessed when no field is given."""
    from ..core.profile import load_profile

    profile = profile or load_profile(algorithm.parameterAsFile(parameters, "PROFILE", context) or None)
    rules = _boundary_rules(profile, language)
    name_fields = dict(name_fields or {})
    for kind in ("ROAD", "BARRIER", "VILLAGE", "UNIT"):
        parameter = f"{kind}_NAME_FIELD"
        if algorithm.parameterDefinition(parameter) is not None:
            name_fields.setdefault(kind, algorithm.parameterAsString(parameters, parameter, context))
    zones = _read_zones(algorithm, parameters, context, zones_parameter, core_feedback)
    named = _read_named_features(algorithm, parameters, context, zones, rules, name_fields, core_feedback)
    to_lonlat = _lonlat_function(zones.frame, context)
    rows = []
    step = core_feedback.step(40, 100)
    for number, feature in enumerate(zones.features):
        step.check_canceled()
        rows.append(_describe_zone(feature, zones, named, to_lonlat, rules))
        step.progress(100.0 * (number + 1) / len(zones.features))
    return rows


def _boundary_rules(profile, language: str):
    """The words and distances of the rule profile's boundary section, in ``language``."""
    from ..core.boundary import BoundaryRules

    section = profile.boundary(language)
    return BoundaryRules(
        float(section["follow_distance_m"]), float(section["reference_radius_m"]), float(section["distance_step_m"]),
        section["texts"],
    )


@dataclass
class ZonesRead:
    """The zones to describe, read in a local Transverse Mercator frame centred on them."""

    frame: object  # geometry_io.WorkingFrame
    features: list  # geometry_io.InputFeature
    id_index: int  # of the zone_id field, -1: none
    type_index: int  # of the zone_type field, -1: none


def _read_zones(algorithm, parameters, context, zones_parameter: str, core_feedback) -> ZonesRead:
    from .geometry_io import WorkingFrame, centred_crs, read_features, require_crs

    zones_source = algorithm.parameterAsSource(parameters, zones_parameter, context)
    zones_name = layer_name(algorithm, parameters, zones_parameter, context)
    require_features(zones_source, zones_name)
    require_crs(zones_source.sourceCrs(), zones_name)
    local, lon, lat = centred_crs(zones_source.sourceCrs(), zones_source.sourceExtent(), "+proj=tmerc +k=1", context)
    frame = WorkingFrame(
        local,
        Msg(QT_TRANSLATE_NOOP("core", "Working CRS: local Transverse Mercator centred on {lon}°E {lat}°N."),
            lon=lon, lat=lat),
    )
    core_feedback.info(frame.description)
    zone_features = read_features(zones_source, frame, zones_name, core_feedback.step(0, 10), context)
    require_features(zone_features, zones_name)
    fields = zones_source.fields()
    return ZonesRead(frame, zone_features, zone_id_field(fields), find_field(fields, "zone_type"))


def _read_named_features(algorithm, parameters, context, zones: ZonesRead, rules, name_fields: dict, core_feedback) -> list:
    """The named roads, villages, units and barriers near the zones (``core.boundary.NamedFeature``)."""
    import shapely

    from .barrier_params import barrier_kind as barrier_geometry_type

    xmin, ymin, xmax, ymax = shapely.total_bounds([f.geometry for f in zones.features])
    margin = rules.reference_radius + rules.follow_distance
    request = QgsFeatureRequest().setFilterRect(QgsRectangle(xmin - margin, ymin - margin, xmax + margin, ymax + margin))
    named: list = []
    for parameter, kind, key, guesses in (
        ("ROADS", "road", "ROAD", ROAD_NAME_FIELDS),
        ("VILLAGES", "village", "VILLAGE", VILLAGE_NAME_FIELDS),
        ("UNITS", "unit", "UNIT", UNIT_NAME_FIELDS),
    ):
        if algorithm.parameterDefinition(parameter) is None:
            continue
        source = algorithm.parameterAsSource(parameters, parameter, context)
        if source is not None:
            named += _named_features(source, layer_name(algorithm, parameters, parameter, context), kind,
                                     name_fields.get(key, ""), guesses, zones.frame, request, context,
                                     core_feedback, core_feedback.step(10, 30))
    if algorithm.parameterDefinition("BARRIERS") is not None:
        for layer in algorithm.parameterAsLayerList(parameters, "BARRIERS", context) or []:
            barrier_geometry_type(layer)  # lines or polygons, else a message naming the layer
            named += _named_features(layer, layer.name(), "barrier", name_fields.get("BARRIER", ""), BARRIER_NAME_FIELDS,
                                     zones.frame, request, context, core_feedback, core_feedback.step(30, 40))
    return named


def _named_features(source, name: str, kind: str, name_field: str, guesses, frame, request, context, core_feedback,
                    step) -> list:
    """The features of one layer that have a name, as ``NamedFeature``s of ``kind``; a barrier's
    kind (river, ridge) comes from the layer's name, a kind field or the feature's name, and a
    barrier polygon (lake, mountain) counts by its outline."""
    import shapely

    from ..core.boundary import NamedFeature
    from .geometry_io import read_features, require_crs
    from .styles import KIND_FIELDS, _layer_words, barrier_kind

    require_crs(source.sourceCrs(), name)
    index = _name_index(source.fields(), name_field, guesses)
    if index < 0:
        core_feedback.warn(
            Msg(QT_TRANSLATE_NOOP("core", "Layer '{layer}' has no name field: its features are not named in the "
                                  "description."), layer=name)
        )
        return []
    layer_kind = barrier_kind(_layer_words(source)) if kind == "barrier" and hasattr(source, "source") else None
    kind_index = find_field(source.fields(), *KIND_FIELDS) if kind == "barrier" else -1
    named = []
    for feature in read_features(source, frame, name, step, context, request):
        text = _text(feature.feature, index)
        if not text:
            continue
        geometry = feature.geometry
        feature_kind = kind
        if kind == "barrier":
            feature_kind = (layer_kind or barrier_kind(_text(feature.feature, kind_index)) or barrier_kind(text)
                            or "barrier")
            if shapely.get_dimensions(geometry) == 2:  # a lake or mountain polygon: its outline
                geometry = geometry.boundary
        named.append(NamedFeature(feature_kind, text, geometry))
    return named


def _describe_zone(feature, zones: ZonesRead, named: list, to_lonlat, rules) -> dict:
    """The row of one zone: its extreme points, sentence, landmarks and the units it overlaps."""
    from ..core.affected import MIN_AREA_M2
    from ..core.boundary import describe

    result = describe(feature.geometry, named, to_lonlat, rules)
    overlaps = sorted(
        ((feature.geometry.intersection(unit.geometry).area, unit.name) for unit in named
         if unit.kind == "unit" and feature.geometry.intersects(unit.geometry)),
        key=lambda item: (-item[0], item[1]),
    )
    units = []
    for area, name in overlaps:
        if area >= MIN_AREA_M2 and name not in units:
            units.append(name)
    row = {
        "zone_id": field_value(feature.feature, zones.id_index, feature.fid),
        "zone_type": field_value(feature.feature, zones.type_index, "") or "",
        "area_km2": round(result.area_km2, 3),
        "perimeter_km": round(result.perimeter_km, 3),
        "description": result.description,
        "clauses": result.clauses,
        "places": result.places,
        "landmarks": [m.as_dict() for m in result.landmarks],
        "units": units,  # names of the units the zone overlaps, largest overlap first
    }
    for direction, point in result.extremes.items():
        row[f"{direction}_lon"] = round(point.lon, 6)
        row[f"{direction}_lat"] = round(point.lat, 6)
    return row


class DescribeBoundaryAlgorithm(RifaAlgorithm):
    ZONES = "ZONES"
    ROADS = "ROADS"
    BARRIERS = "BARRIERS"
    VILLAGES = "VILLAGES"
    UNITS = "UNITS"
    ROAD_NAME_FIELD = "ROAD_NAME_FIELD"
    BARRIER_NAME_FIELD = "BARRIER_NAME_FIELD"
    VILLAGE_NAME_FIELD = "VILLAGE_NAME_FIELD"
    UNIT_NAME_FIELD = "UNIT_NAME_FIELD"
    LANGUAGE = "LANGUAGE"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"

    group_key = "lockdown"

    def name(self) -> str:
        return "describeboundary"

    def displayName(self) -> str:
        return self.tr("Describe the zone boundary (四至)")

    def help_text(self) -> str:
        return self.tr(
            "Writes the boundary of each zone in words, as the lockdown order describes it (chapter 5, "
            "section 2): how far the zone reaches east, south, west and north, what it reaches there (the "
            "bank of a river it stops at, the side of a road it follows, a road junction or village near "
            "the point, else the unit it lies in) and the coordinates.\n\n"
            "Columns: zone_id, zone_type (when the zone layer has them), east_lon … north_lat (the zone's "
            "extreme points, WGS 84 degrees, 6 decimals, within 0.1 m of the zone's boundary), area_km2, "
            "perimeter_km, description (e.g. 东至…（东经…，北纬…），南至木兰溪北岸…) and landmarks (JSON: "
            "each named road, river, village or unit the boundary follows, crosses or runs through, "
            "clockwise from north, with the length of boundary it follows, follows_m).\n\n"
            "ROADS, BARRIERS (rivers, ridges), VILLAGES, UNITS are optional; their name fields are guessed "
            "(name, road_name, county_name…) when left empty. Only named features are used. The words, the "
            "distance within which the boundary follows a line, the search radius for junctions and "
            "villages and the rounding of distances come from the rule profile (boundary section), so "
            "another bureau's wording needs no code. LANGUAGE: 0 = Chinese (default), 1 = English."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES, self.tr("Zones (usually the quarantine zones)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        for name, text, types in (
            (self.ROADS, self.tr("Roads"), [QgsProcessing.SourceType.TypeVectorLine]),
            (self.VILLAGES, self.tr("Villages"), [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint]),
            (self.UNITS, self.tr("Administrative units"), [QgsProcessing.SourceType.TypeVectorPolygon]),
        ):
            self.addParameter(QgsProcessingParameterFeatureSource(name, text, types, optional=True))
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.BARRIERS, self.tr("Barriers (rivers, ridges)"), QgsProcessing.SourceType.TypeVectorAnyGeometry, optional=True
            )
        )
        for name, text, parent in (
            (self.ROAD_NAME_FIELD, self.tr("Road name field (default: guessed)"), self.ROADS),
            (self.VILLAGE_NAME_FIELD, self.tr("Village name field (default: guessed)"), self.VILLAGES),
            (self.UNIT_NAME_FIELD, self.tr("Unit name field (default: guessed)"), self.UNITS),
        ):
            self.addParameter(QgsProcessingParameterField(name, text, parentLayerParameterName=parent, optional=True))
        # several barrier layers: a field name, used in each layer that has it
        self.addParameter(
            QgsProcessingParameterString(self.BARRIER_NAME_FIELD, self.tr("Barrier name field (default: guessed)"),
                                         optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(self.LANGUAGE, self.tr("Language of the description"), LANGUAGE_NAMES,
                                       defaultValue=0)
        )
        self.add_profile_parameter(self.tr("Rule profile (default: Putian 2006)"))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Zone boundaries"), QgsProcessing.SourceType.TypeVector)
        )

    def compute(self, parameters, context, feedback, core_feedback):
        language = LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        zones_source = self.parameterAsSource(parameters, self.ZONES, context)
        rows = describe_zones(self, parameters, context, core_feedback, self.ZONES, language)

        fields = QgsFields()
        fields.append(zone_id_output_field(zones_source.fields()))
        fields.append(QgsField("zone_type", compat.STRING))
        for column in COLUMNS:
            fields.append(QgsField(column, compat.DOUBLE, len=12, prec=6))
        fields.append(QgsField("area_km2", compat.DOUBLE, len=14, prec=3))
        fields.append(QgsField("perimeter_km", compat.DOUBLE, len=14, prec=3))
        fields.append(QgsField("description", compat.STRING))
        fields.append(QgsField("landmarks", compat.STRING))
        dest_id = self.write_features(
            parameters, self.OUTPUT, context, fields,
            [[row["zone_id"], row["zone_type"], *(row[c] for c in COLUMNS), row["area_km2"], row["perimeter_km"],
              row["description"], json.dumps(row["landmarks"], ensure_ascii=False)] for row in rows],
        )
        for row in rows:
            core_feedback.info(Msg(QT_TRANSLATE_NOOP("core", "Zone {zone}: {description}"), zone=row["zone_id"],
                                   description=row["description"]))
        return {self.OUTPUT: dest_id}
