"""``rifa:affectedunits``: which administrative units lie in which zone, with true ground areas."""

from __future__ import annotations

from qgis.core import (
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsRectangle,
)

from ..core.errors import QT_TRANSLATE_NOOP, Msg
from . import compat
from .base import RifaAlgorithm
from .layer_io import field_value, find_field, layer_name, require_features, zone_id_field, zone_id_output_field


def equal_area_frame(crs, extent, layer_name_: str, context=None):
    """A Lambert azimuthal equal-area CRS centred on ``extent`` (in ``crs``): planar m² there are
    ellipsoidal ground m² everywhere, so areas are true whatever the input CRS."""
    from .geometry_io import WorkingFrame, centred_crs, require_crs  # shapely inside: imported when running

    require_crs(crs, layer_name_)
    laea, lon, lat = centred_crs(crs, extent, "+proj=laea", context)
    return WorkingFrame(
        laea,
        Msg(
            QT_TRANSLATE_NOOP(
                "core", "Areas computed in a Lambert azimuthal equal-area projection centred on {lon}°E {lat}°N."
            ),
            lon=lon,
            lat=lat,
        ),
    )


def read_zone_areas(source, frame, name, feedback, context, default_type: str = "") -> list:
    """Zones (``core.affected.ZoneArea``) with their ``zone_type`` / ``zone_id`` fields when the layer has them."""
    from ..core.affected import ZoneArea
    from .geometry_io import read_features

    fields = source.fields()
    type_index = find_field(fields, "zone_type")
    id_index = zone_id_field(fields)
    return [
        ZoneArea(field_value(f.feature, type_index, default_type) or default_type, field_value(f.feature, id_index, f.fid), f.geometry)
        for f in read_features(source, frame, name, feedback, context)
    ]


def read_units(source, frame, name, feedback, context, id_field: str, name_field: str, extent=None) -> list:
    """Units (``core.affected.Unit``), only those near the zones when ``extent`` is given."""
    from ..core.affected import Unit
    from .geometry_io import read_features

    request = QgsFeatureRequest()
    if extent is not None:  # only units near the zones (read_features reprojects: extent in the frame's CRS)
        request.setFilterRect(extent)
    fields = source.fields()
    id_index = fields.lookupField(id_field) if id_field else -1
    name_index = fields.lookupField(name_field) if name_field else -1
    units = []
    for f in read_features(source, frame, name, feedback, context, request):
        unit_name = field_value(f.feature, name_index, "")
        units.append(Unit(field_value(f.feature, id_index, f.fid), "" if unit_name is None else str(unit_name), f.geometry))
    return units


class AffectedUnitsAlgorithm(RifaAlgorithm):
    ZONES = "ZONES"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    UNIT_NAME_FIELD = "UNIT_NAME_FIELD"
    OUTPUT = "OUTPUT"

    group_key = "lockdown"

    def name(self) -> str:
        return "affectedunits"

    def displayName(self) -> str:
        return self.tr("Affected administrative units")

    def help_text(self) -> str:
        return self.tr(
            "Lists the administrative units (counties, townships or villages) that lie in each zone, "
            "for the lockdown order (chapter 5, section 2) and the reports (chapter 3, section 1).\n\n"
            "One row per unit and zone they overlap: unit_id, unit_name, zone_type and zone_id "
            "(copied from the zone layer when it has these fields; otherwise zone_type is empty and "
            "zone_id is the feature id), area_km2 of the unit inside the zone, unit_area_km2 and "
            "share_pct (the share of the unit inside the zone). Areas are true ground areas whatever "
            "the CRS: they are computed in an equal-area projection centred on the zones. Units that "
            "only touch a zone (overlap under 1 m²) are left out. Sorted by zone (occurrence, "
            "quarantine, threatened, then zone_id), then unit name."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.ZONES, self.tr("Zones"), [QgsProcessing.SourceType.TypeVectorPolygon])
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.UNITS, self.tr("Administrative units (counties, townships, villages)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.UNIT_ID_FIELD, self.tr("Unit id field (e.g. adcode)"), parentLayerParameterName=self.UNITS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.UNIT_NAME_FIELD, self.tr("Unit name field"), parentLayerParameterName=self.UNITS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Affected units"), QgsProcessing.SourceType.TypeVector)
        )

    def compute(self, parameters, context, feedback, core_feedback):
        import shapely

        from ..core.affected import affected_units
        from .geometry_io import require_crs

        zones_source = self.parameterAsSource(parameters, self.ZONES, context)
        units_source = self.parameterAsSource(parameters, self.UNITS, context)
        zones_name = layer_name(self, parameters, self.ZONES, context)
        units_name = layer_name(self, parameters, self.UNITS, context)
        id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context)
        name_field = self.parameterAsString(parameters, self.UNIT_NAME_FIELD, context)

        require_features(zones_source, zones_name)
        require_crs(units_source.sourceCrs(), units_name)
        frame = equal_area_frame(zones_source.sourceCrs(), zones_source.sourceExtent(), zones_name, context)
        core_feedback.info(frame.description)
        zones = read_zone_areas(zones_source, frame, zones_name, core_feedback.step(0, 20), context)
        require_features(zones, zones_name)
        xmin, ymin, xmax, ymax = shapely.total_bounds([z.geometry for z in zones])
        extent = QgsRectangle(xmin, ymin, xmax, ymax)
        units = read_units(
            units_source, frame, units_name, core_feedback.step(20, 50), context, id_field, name_field, extent
        )
        rows = affected_units(zones, units, core_feedback.step(50, 95))

        fields = QgsFields()
        units_fields = units_source.fields()
        if id_field and units_fields.lookupField(id_field) >= 0:
            unit_id = QgsField(units_fields.at(units_fields.lookupField(id_field)))
            unit_id.setName("unit_id")
        else:
            unit_id = compat.field("unit_id", compat.LONG)
        fields.append(unit_id)
        fields.append(compat.field("unit_name", compat.STRING))
        fields.append(compat.field("zone_type", compat.STRING))
        fields.append(zone_id_output_field(zones_source.fields()))
        fields.append(compat.field("area_km2", compat.DOUBLE, 20, 6))
        fields.append(compat.field("unit_area_km2", compat.DOUBLE, 20, 6))
        fields.append(compat.field("share_pct", compat.DOUBLE, 12, 6))
        dest_id = self.write_features(
            parameters, self.OUTPUT, context, fields,
            [[row.unit.unit_id, row.unit.name, row.zone.zone_type, row.zone.zone_id, round(row.area_km2, 6),
              round(row.unit.geometry.area / 1e6, 6), round(row.share_pct, 6)] for row in rows],
        )
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "{count} unit/zone overlap(s) from {units} unit(s) near the zones."),
                count=len(rows),
                units=len(units),
            )
        )
        return {self.OUTPUT: dest_id}
