"""The outbreak case over its life: zone versions, calendar arithmetic, the lifting status.

After the lockdown order the zones are revised as new nests are found, the county reports every
week and every month (第三章 一(二)2, (二)4), the zones are monitored (第五章 四) and the lockdown
is lifted once eradication is verified (第五章 六; report: 第三章 一(二)3). This module holds the
computation; ``processing/case_store.py`` keeps it in the case GeoPackage.

**Zone versions.** A declaration (``rifa:declarezones``) names the zones of one or more zone
types in force from ``declared_on``. A zone is known by (zone_type, zone_id); each declaration
gives every zone it names a new version (1, 2, …) and closes the version before it
(``valid_to`` = the new ``valid_from``). A zone of a declared type that the declaration no longer
names is lifted: it gets a last version without geometry (``change`` = ``lifted``), which is its
current version until a later declaration names it again. A version is valid on the days
``valid_from`` <= day < ``valid_to`` (an open version has no ``valid_to``). Versions are never
rewritten: only the ``valid_to`` of the open one is set, once.

**Months.** ``add_months(day, n)`` is the same day n calendar months later; when that month is
shorter the result is its last day (31 January + 1 month = 28 February, or 29 February in a leap
year; 29 February + 12 months = 28 February). Whole months between two days are the largest m
with ``add_months(start, m) <= end``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

import shapely

from .errors import QT_TRANSLATE_NOOP, InputError, Msg

ZONE_TYPES = ("occurrence", "quarantine", "threatened")
CHANGES = ("new", "revised", "unchanged", "lifted")
STATUSES = ("active", "eligible", "lifted")
BOUNDARY_TOLERANCE_M = 0.01  # a point this close to a zone (1 cm) lies on its boundary: it counts as inside
AREA_TOLERANCE_KM2 = 1e-6  # 1 m²: less added or removed area counts as unchanged (reprojection noise)


# -- calendar


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is before a month is full)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def report_period(period: str, end: dt.date) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a report period, both included.

    ``weekly``: the 7 days ending on ``end`` (第三章 一(二)2: every week); ``monthly``: the calendar
    month containing ``end`` (第三章 一(二)4: the summary of the month, due before the 1st of the next).
    """
    if period == "weekly":
        return end - dt.timedelta(days=6), end
    if period == "monthly":
        return end.replace(day=1), end.replace(day=calendar.monthrange(end.year, end.month)[1])
    raise ValueError(period)


# -- zone versions


@dataclass(frozen=True)
class ZoneVersion:
    """One version of one zone. ``geometry`` is in an equal-area frame (areas in m²), None when lifted."""

    zone_type: str
    zone_id: str
    version: int
    valid_from: dt.date
    valid_to: dt.date | None
    order_number: str
    note: str
    change: str
    area_km2: float
    added_km2: float
    removed_km2: float
    geometry: shapely.Geometry | None = None
    key: int | None = None  # the row in the case (feature id), when stored

    @property
    def lifted(self) -> bool:
        return self.change == "lifted"

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class DeclaredZone:
    zone_type: str
    zone_id: str
    geometry: shapely.Geometry  # in the same equal-area frame as the current versions


@dataclass
class Declaration:
    """What a declaration changes: versions to close (with their new ``valid_to``) and new versions."""

    closed: list[ZoneVersion]
    new: list[ZoneVersion]
    unrelated: list[tuple[str, str]]  # zones whose new geometry does not overlap their previous one

    def count(self, change: str) -> int:
        return sum(1 for v in self.new if v.change == change)


def current_versions(versions: list[ZoneVersion]) -> dict[tuple[str, str], ZoneVersion]:
    """The open (latest) version of every zone."""
    current: dict[tuple[str, str], ZoneVersion] = {}
    for version in versions:
        key = (version.zone_type, version.zone_id)
        if key not in current or version.version > current[key].version:
            current[key] = version
    return current


def versions_on(versions: list[ZoneVersion], day: dt.date) -> list[ZoneVersion]:
    """The versions in force on ``day`` (lifted zones not included)."""
    return [v for v in versions if v.valid_on(day) and not v.lifted]


def declare(
    versions: list[ZoneVersion],
    zones: list[DeclaredZone],
    declared_types: set[str] | tuple[str, ...],
    declared_on: dt.date,
    order_number: str = "",
    note: str = "",
) -> Declaration:
    """A new declaration of the zones of ``declared_types`` from ``declared_on``.

    ``versions``: every version stored so far; ``zones``: the zones declared now (each type in
    ``declared_types``; a declared type without zones lifts all its zones). Zones of other types
    are left as they are.
    """
    seen: set[tuple[str, str]] = set()
    for zone in zones:
        if zone.zone_type not in declared_types:
            raise ValueError(zone.zone_type)
        key = (zone.zone_type, zone.zone_id)
        if key in seen:
            raise InputError(
                Msg(
                    QT_TRANSLATE_NOOP("core", "The {zone_type} zones name zone_id {zone_id} twice: every zone must be one feature."),
                    zone_type=zone.zone_type,
                    zone_id=zone.zone_id,
                )
            )
        seen.add(key)
    current = current_versions(versions)
    latest = max((v.valid_from for v in versions), default=None)
    if latest is not None and declared_on < latest:
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The declaration date {date} is before the latest declaration in the case ({latest}): "
                    "declarations are recorded in the order they take effect.",
                ),
                date=declared_on.isoformat(),
                latest=latest.isoformat(),
            )
        )
    closed: list[ZoneVersion] = []
    new: list[ZoneVersion] = []
    unrelated: list[tuple[str, str]] = []

    def close(previous: ZoneVersion) -> None:
        closed.append(replace(previous, valid_to=declared_on))

    for zone in zones:
        key = (zone.zone_type, zone.zone_id)
        previous = current.get(key)
        area = zone.geometry.area / 1e6
        if previous is None or previous.lifted or previous.geometry is None:
            change, added, removed = "new", area, 0.0
        else:
            added = shapely.difference(zone.geometry, previous.geometry).area / 1e6
            removed = shapely.difference(previous.geometry, zone.geometry).area / 1e6
            added = added if added > AREA_TOLERANCE_KM2 else 0.0
            removed = removed if removed > AREA_TOLERANCE_KM2 else 0.0
            change = "revised" if added or removed else "unchanged"
            if not shapely.intersects(zone.geometry, previous.geometry):
                unrelated.append(key)
        if previous is not None:
            close(previous)
        new.append(
            ZoneVersion(
                zone.zone_type, zone.zone_id, (previous.version + 1) if previous else 1, declared_on, None,
                order_number, note, change, area, added, removed, zone.geometry,
            )
        )
    for key, previous in sorted(current.items()):
        if key[0] in declared_types and key not in seen and not previous.lifted:
            close(previous)
            new.append(
                ZoneVersion(
                    key[0], key[1], previous.version + 1, declared_on, None, order_number, note, "lifted",
                    0.0, 0.0, previous.area_km2, None,
                )
            )
    new.sort(key=lambda v: (ZONE_TYPES.index(v.zone_type) if v.zone_type in ZONE_TYPES else 9, _id_key(v.zone_id)))
    return Declaration(closed, new, unrelated)


def _id_key(zone_id: str):
    """Zone ids sort as numbers when they are numbers: 2 before 10."""
    text = str(zone_id)
    return (0, int(text), "") if text.lstrip("-").isdigit() else (1, 0, text)


def sort_key(version: ZoneVersion):
    """Plan order: occurrence, quarantine, threatened; then zone id, then version."""
    rank = ZONE_TYPES.index(version.zone_type) if version.zone_type in ZONE_TYPES else len(ZONE_TYPES)
    return (rank, _id_key(version.zone_id), version.version)


# -- lifting status


@dataclass(frozen=True)
class Dated:
    """A dated point (a detection or a negative survey) in the same equal-area frame as the zones."""

    day: dt.date
    geometry: shapely.Geometry
    fid: int | None = None
    result: str = ""  # surveys: negative / positive, when the layer has a result field
    village: str = ""  # detections: the village (VILLAGE_FIELD), when given


@dataclass(frozen=True)
class LiftingStatus:
    zone_type: str
    zone_id: str
    version: int
    last_detection: dt.date | None
    clock_from: dt.date  # the last detection, or the first declaration of the zone when none lies in it
    months_clean: int
    eligible_from: dt.date | None
    surveys_since_last_detection: int
    status: str  # active / eligible / lifted


def first_declared(versions: list[ZoneVersion]) -> dict[tuple[str, str], dt.date]:
    first: dict[tuple[str, str], dt.date] = {}
    for version in versions:
        key = (version.zone_type, version.zone_id)
        if key not in first or version.valid_from < first[key]:
            first[key] = version.valid_from
    return first


def _inside(geometry: shapely.Geometry, points: list[Dated]) -> list[Dated]:
    """The points that lie in ``geometry``, its boundary included (a nest on the line is in the zone):
    within ``BOUNDARY_TOLERANCE_M`` of it, so that reprojection noise never puts a point digitized on
    the boundary outside."""
    if not points:
        return []
    shapely.prepare(geometry)
    flags = shapely.dwithin(geometry, [p.geometry for p in points], BOUNDARY_TOLERANCE_M)
    return [p for p, inside in zip(points, flags) if inside]


def lifting_status(
    versions: list[ZoneVersion],
    detections: list[Dated],
    surveys: list[Dated],
    as_of: dt.date,
    months_required: int | None,
) -> list[LiftingStatus]:
    """The lifting status of every zone's current version on ``as_of`` (第五章 六).

    A detection counts for the current version of every zone that covers it (boundary included).
    Detections and surveys after ``as_of`` are not counted. The clock runs from the last detection
    in the zone, or from the zone's first declaration when no detection lies in it (a threatened
    zone, usually). ``eligible_from`` = clock + ``months_required`` calendar months (None when no
    number is given); the status is ``eligible`` from that day on, ``lifted`` once a declaration
    lifted the zone, else ``active``.
    """
    detections = [d for d in detections if d.day <= as_of]
    surveys = [s for s in surveys if s.day <= as_of]
    first = first_declared(versions)
    rows = []
    for key, version in sorted(current_versions(versions).items(), key=lambda item: sort_key(item[1])):
        if version.lifted or version.geometry is None:
            rows.append(LiftingStatus(key[0], key[1], version.version, None, version.valid_from, 0, None, 0, "lifted"))
            continue
        inside = _inside(version.geometry, detections)
        last = max((d.day for d in inside), default=None)
        clock = last if last is not None else first[key]
        counted = [s for s in _inside(version.geometry, surveys) if s.day > clock or (last is None and s.day >= clock)]
        eligible = add_months(clock, months_required) if months_required is not None else None
        status = "eligible" if eligible is not None and as_of >= eligible else "active"
        rows.append(
            LiftingStatus(key[0], key[1], version.version, last, clock, whole_months(clock, as_of), eligible, len(counted), status)
        )
    return rows
