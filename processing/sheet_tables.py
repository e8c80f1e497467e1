"""The rows of the two tables of the lockdown map (``rifa:lockdownmap``): the road checkpoints
and the affected administrative units.

Rows are dicts keyed by the column *attributes* of ``layout_template.CHECKPOINT_COLUMNS`` and
``UNIT_COLUMNS`` (a bureau's template may drop or reorder columns; ``sheet_panel`` puts the rows
in the table's own columns). The checkpoint rows also fill the lockdown order's table
(``rifa:lockdownorder``).
"""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsRectangle

from .affected_units import equal_area_frame, read_units, read_zone_areas
from .layer_io import field_value
from .sheet_layers import WGS84
from .sheet_texts import ZONE_WORDS

UNIT_NAME_FIELDS = ("unit_name", "name", "county_name", "town_name", "village_name", "xzqmc", "名称", "NAME")
UNIT_ID_FIELDS = ("unit_id", "adcode", "county_code", "town_code", "village_code", "code", "xzqdm")


def checkpoint_rows(layer, context) -> list[dict]:
    """One row a checkpoint of ``layer`` (number, road, class, zone, longitude and latitude), in
    the order of their numbers; [] without a layer."""
    if layer is None:
        return []
    fields = layer.fields().names()
    to_wgs = QgsCoordinateTransform(layer.crs(), WGS84, context.transformContext())
    rows = []
    for number, feature in enumerate(layer.getFeatures(), start=1):
        def value(name, default="", feature=feature):
            return field_value(feature, feature.fields().lookupField(name) if name in fields else -1, default)

        if "lon" in fields and "lat" in fields and value("lon", None) is not None:
            lon, lat = float(value("lon")), float(value("lat"))
        else:
            point = to_wgs.transform(feature.geometry().centroid().asPoint())
            lon, lat = point.x(), point.y()
        rows.append(
            {
                "checkpoint_id": value("checkpoint_id", number),
                "road_name": value("road_name"),
                "road_class": value("road_class"),
                "zone_id": value("zone_id"),
                "lon": f"{lon:.5f}",
                "lat": f"{lat:.5f}",
            }
        )
    rows.sort(key=lambda r: (0, float(r["checkpoint_id"])) if _is_number(r["checkpoint_id"]) else (1, str(r["checkpoint_id"])))
    return rows


def _is_number(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


def affected_unit_rows(layers, units_layer, id_field, name_field, context, core_feedback, sheet) -> list[dict]:
    """One row per (unit, zone) that share ground: the unit, the zone (named in the sheet's
    language), the area and the unit's share, as ``rifa:affectedunits`` computes them."""
    import shapely

    from ..core.affected import affected_units

    quarantine = layers["quarantine"]
    frame = equal_area_frame(quarantine.crs(), quarantine.extent(), quarantine.name(), context)
    zones = []
    for kind in ("occurrence", "quarantine", "threatened"):
        layer = layers.get(kind)
        if layer is not None:
            zones.extend(read_zone_areas(layer, frame, layer.name(), core_feedback, context, kind))
    if not zones:
        return []
    xmin, ymin, xmax, ymax = shapely.total_bounds([z.geometry for z in zones])
    units = read_units(
        units_layer, frame, units_layer.name(), core_feedback, context, id_field, name_field,
        QgsRectangle(xmin, ymin, xmax, ymax),
    )
    rows = []
    for row in affected_units(zones, units, core_feedback):
        zone_type = str(row.zone.zone_type or "")
        zone_word = sheet.tr(ZONE_WORDS[zone_type.lower()]) if zone_type.lower() in ZONE_WORDS else zone_type
        rows.append(
            {
                "unit_name": row.unit.name,
                "unit_id": "" if row.unit.unit_id is None else str(row.unit.unit_id),
                "zone": f"{zone_word} {row.zone.zone_id}".strip(),
                "zone_type": zone_word,
                "zone_id": str(row.zone.zone_id),
                "area_km2": f"{row.area_km2:.2f}",
                "share_pct": f"{row.share_pct:.1f}",
            }
        )
    return rows
