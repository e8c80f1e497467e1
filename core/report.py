"""The weekly and monthly reports of the case (第三章 一(二)2 weekly handling report, (二)4 the
monthly summary due before the 1st): what happened in the period, from the case and the layers.

A **week** is the 7 days ending on the period end (both included); a **month** the calendar month
containing it (``core.case.report_period``). Detections after the period end are not counted
anywhere, so a report written later shows what was known by the end of its period.

- new detections: dated in the period;
- new occurrence points (发生点): a natural village (the village field) whose first detection
  lies in the period; detections without a village are grouped among themselves by the grouping
  distance (as ``rifa:delineatezones`` does), each group one occurrence point;
- zone changes: versions that took effect in the period and changed something (new, revised,
  lifted); a zone counts once however many versions it got;
- zones in force and their area on the period's last day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import shapely

from .case import Dated, LiftingStatus, ZoneVersion, lifting_status, report_period, sort_key, versions_on
from .occurrence import cluster_by_distance

CHANGED = ("new", "revised", "lifted")


@dataclass(frozen=True)
class PlaceCount:
    county: str
    village: str
    count: int
    first: dt.date
    last: dt.date


@dataclass
class PeriodReport:
    period: str  # weekly / monthly
    start: dt.date
    end: dt.date
    new_detections: list[Dated]
    by_place: list[PlaceCount]
    new_occurrence_points: list[PlaceCount]
    zone_changes: list[ZoneVersion]
    in_force: list[ZoneVersion]
    lifting: list[LiftingStatus]
    surveys: dict[str, int]  # result ("negative", "positive", "" unknown) -> count in the period
    totals: dict[str, object] = field(default_factory=dict)

    @property
    def n_zones_changed(self) -> int:
        return len({(v.zone_type, v.zone_id) for v in self.zone_changes})

    def area_km2(self, zone_type: str) -> float:
        return sum(v.area_km2 for v in self.in_force if v.zone_type == zone_type)


def county_of(points: list[Dated], counties: list[tuple[str, shapely.Geometry]]) -> list[str]:
    """The county name of each point ("" outside all): the first county (by name) that covers it."""
    names = [""] * len(points)
    if not points or not counties:
        return names
    geometries = [p.geometry for p in points]
    for name, geometry in sorted(counties, key=lambda c: c[0]):
        shapely.prepare(geometry)
        for index, inside in enumerate(shapely.covers(geometry, geometries)):
            if inside and not names[index]:
                names[index] = name
    return names


def _places(points: list[Dated], counties: list[str]) -> list[PlaceCount]:
    groups: dict[tuple[str, str], list[dt.date]] = {}
    for point, county in zip(points, counties):
        groups.setdefault((county, point.village), []).append(point.day)
    return [PlaceCount(c, v, len(days), min(days), max(days)) for (c, v), days in sorted(groups.items())]


def occurrence_keys(points: list[Dated], grouping_distance: float) -> list[tuple[str, int]]:
    """An occurrence point key per detection: (village, 0), or ("", group) for those without a village."""
    keys: list[tuple[str, int]] = [(p.village, 0) for p in points]
    loose = [i for i, p in enumerate(points) if not p.village]
    if loose:
        labels = cluster_by_distance(np.array([points[i].geometry for i in loose], dtype=object), grouping_distance)
        for i, label in zip(loose, labels):
            keys[i] = ("", int(label) + 1)
    return keys


def period_report(
    period: str,
    end: dt.date,
    versions: list[ZoneVersion],
    detections: list[Dated],
    surveys: list[Dated],
    counties: list[tuple[str, shapely.Geometry]],
    months_required: int | None,
    grouping_distance: float,
) -> PeriodReport:
    start, end = report_period(period, end)
    known = [d for d in detections if d.day <= end]
    county_names = county_of(known, counties)
    in_period = [i for i, d in enumerate(known) if d.day >= start]
    new = [known[i] for i in in_period]

    keys = occurrence_keys(known, grouping_distance)
    first: dict[tuple[str, int], int] = {}
    for index, key in enumerate(keys):
        if key not in first or known[index].day < known[first[key]].day:
            first[key] = index
    new_points = []
    for key, index in first.items():
        if known[index].day >= start:
            members = [i for i, k in enumerate(keys) if k == key]
            days = [known[i].day for i in members]
            new_points.append(PlaceCount(county_names[index], key[0], len(members), min(days), max(days)))
    new_points.sort(key=lambda p: (p.county, p.village, p.first))

    changes = sorted((v for v in versions if start <= v.valid_from <= end and v.change in CHANGED), key=sort_key)
    in_force = sorted(versions_on(versions, end), key=sort_key)
    surveyed: dict[str, int] = {}
    for survey in surveys:
        if start <= survey.day <= end:
            surveyed[survey.result] = surveyed.get(survey.result, 0) + 1
    report = PeriodReport(
        period, start, end, new, _places(new, [county_names[i] for i in in_period]), new_points, changes, in_force,
        lifting_status(versions, detections, [s for s in surveys if s.result in ("", "negative")], end, months_required),
        surveyed,
    )
    report.totals = {
        "detections_to_date": len(known),
        "occurrence_points_to_date": len(first),
        "counties_to_date": len({c for c in county_names if c}),
        "zones_in_force": len(in_force),
        "quarantine_km2": report.area_km2("quarantine"),
        "threatened_km2": report.area_km2("threatened"),
        "occurrence_km2": report.area_km2("occurrence"),
    }
    return report
