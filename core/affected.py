"""Affected administrative units: how much of each unit lies inside each zone.

The lockdown order names the townships and villages it covers. For every pair (unit, zone) that
overlap, the area of the unit inside the zone and its share of the unit. Areas are planar in the
caller's CRS, which must keep areas (the QGIS side uses a Lambert azimuthal equal-area
projection centred on the zones, so planar m² are ground m² on the ellipsoid).

Overlaps smaller than :data:`MIN_AREA_M2` (units that only touch a zone along an edge, or
slivers from digitizing) are not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from .checkpoints import id_sort_key
from .feedback import Feedback

MIN_AREA_M2 = 1.0


@dataclass
class ZoneArea:
    zone_type: str
    zone_id: object
    geometry: shapely.Geometry


@dataclass
class Unit:
    unit_id: object
    name: str
    geometry: shapely.Geometry


@dataclass
class AffectedUnit:
    unit: Unit
    zone: ZoneArea
    area_m2: float
    share_pct: float

    @property
    def area_km2(self) -> float:
        return self.area_m2 / 1e6


ZONE_TYPE_ORDER = {"occurrence": 0, "quarantine": 1, "threatened": 2}


def zone_order(zone: ZoneArea):
    """Zones in the order of the plan (occurrence, quarantine, threatened; others after), then by id."""
    return (ZONE_TYPE_ORDER.get(str(zone.zone_type or "").lower(), 3), str(zone.zone_type or ""), id_sort_key(zone.zone_id))


def affected_units(zones: list[ZoneArea], units: list[Unit], feedback: Feedback | None = None) -> list[AffectedUnit]:
    """Every (unit, zone) overlap, sorted by zone, then unit name, then unit id."""
    feedback = feedback or Feedback()
    result: list[AffectedUnit] = []
    if not units:
        return result
    tree = shapely.STRtree([u.geometry for u in units])
    for index, zone in enumerate(zones):
        feedback.check_canceled()
        feedback.progress(100.0 * index / max(1, len(zones)))
        shapely.prepare(zone.geometry)
        for unit_index in tree.query(zone.geometry, predicate="intersects"):
            feedback.check_canceled()
            unit = units[unit_index]
            area = shapely.intersection(unit.geometry, zone.geometry).area
            if area < MIN_AREA_M2:
                continue
            unit_area = unit.geometry.area
            share = 100.0 * area / unit_area if unit_area > 0 else 0.0
            result.append(AffectedUnit(unit, zone, area, min(share, 100.0)))
    result.sort(key=lambda a: (zone_order(a.zone), str(a.unit.name or ""), id_sort_key(a.unit.unit_id)))
    feedback.progress(100.0)
    return result
