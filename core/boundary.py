"""The written boundary of a zone (四至): its extreme points and the landmarks on its boundary.

A lockdown order (封锁令) describes each zone in words: which road, river or village it reaches
in each direction (东至…，南至…，西至…，北至…), with coordinates. This module computes that in
planar metres (the caller reads the layers into a working CRS where planar metres are ground
metres, and gives a function from working coordinates to WGS 84 longitude/latitude). The words
come from the rule profile's templates (``boundary.texts`` of :mod:`core.profile`), so another
bureau's wording needs no code.

- **Extreme points.** The easternmost, southernmost, westernmost and northernmost points of the
  zone in WGS 84 longitude/latitude (not in the working grid: its north is not true north away
  from its central meridian). The boundary is densified every :data:`DENSIFY_STEP` metres before
  it is transformed, so a straight edge of the working CRS, slightly curved in longitude/latitude,
  cannot hide an extreme between two vertices (the curve leaves its chord by far less than 1 mm
  over 20 m); the point found is a point of the boundary.
- **Landmarks.** Every *named* line (road, river, ridge) the boundary follows or crosses and every
  named polygon (village, unit) it passes through. The boundary *follows* a line where it stays
  within ``follow_distance`` of it for longer than :data:`FOLLOW_FACTOR` times that distance (a
  road crossing the boundary at an angle stays near it for about twice the distance divided by
  the sine of the angle, so crossings steeper than 30° never count as following); it *crosses* a
  line where they intersect outside the followed stretches. Features of one kind and name are one
  landmark. Landmarks are listed clockwise around the zone's centroid from north, by the point
  of the boundary where they are met (the middle of the longest followed stretch, else the first
  crossing clockwise), as the checkpoints are.
- **The place in each direction.** At the extreme point: a river the boundary follows there
  (within ``follow_distance`` of a followed stretch: the zone stops at it, "木兰溪北岸", the bank on
  the zone's side, which at the southern extreme is the north bank; a followed road or ridge gives
  its side, "…南侧"); else the nearest road junction or village within
  ``reference_radius`` ("G324国道与X201县道交叉口以东约300米", the distance rounded to
  ``distance_step``), else the nearest road within that radius, else the unit the point lies in
  ("城厢区境内"), else only the coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from .checkpoints import bearing

DENSIFY_STEP = 20.0  # metres between boundary points before the transform to longitude/latitude
FOLLOW_FACTOR = 4.0  # a stretch near a line follows it when longer than this many follow distances
DIRECTIONS = ("east", "south", "west", "north")
LINE_KINDS = ("road", "river", "ridge", "barrier")
AREA_KINDS = ("village", "unit")
# the side of a line at each extreme where the zone lies: at the southern extreme, to the north
ZONE_SIDE = {"east": "west", "south": "north", "west": "east", "north": "south"}
COMPASS = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")


@dataclass
class NamedFeature:
    """A named road, river, ridge, other barrier, village or unit, in the working CRS."""

    kind: str  # one of LINE_KINDS or AREA_KINDS
    name: str
    geometry: shapely.Geometry


@dataclass
class ExtremePoint:
    direction: str  # east, south, west, north
    x: float
    y: float
    lon: float
    lat: float


@dataclass
class Landmark:
    kind: str
    name: str
    relation: str  # "follows", "crosses", "passes" (the boundary runs through a village or unit)
    follows_m: float  # length of boundary following the line, or inside the polygon
    crossings: int
    bearing_deg: float  # where it is met, clockwise from north around the zone centroid
    point: tuple[float, float]  # working CRS
    lon: float = 0.0
    lat: float = 0.0
    followed: shapely.Geometry | None = None  # the stretches of boundary following the line

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "relation": self.relation,
            "follows_m": round(self.follows_m, 1),
            "crossings": self.crossings,
            "bearing_deg": round(self.bearing_deg, 1),
            "lon": round(self.lon, 6),
            "lat": round(self.lat, 6),
        }


@dataclass
class BoundaryRules:
    """The numbers and words of the profile's ``boundary`` section, for one language."""

    follow_distance: float
    reference_radius: float
    distance_step: float
    texts: dict  # templates of one language (see core.profile)


@dataclass
class ZoneDescription:
    extremes: dict[str, ExtremePoint]
    area_km2: float
    perimeter_km: float
    landmarks: list[Landmark]
    places: dict[str, str]  # direction -> the place words (without coordinates)
    description: str
    clauses: dict[str, str] = field(default_factory=dict)  # direction -> "东至…（东经…）"


# -- extreme points


def extreme_points(geometry: shapely.Geometry, to_lonlat) -> dict[str, ExtremePoint]:
    """The zone's extreme points in longitude/latitude. ``to_lonlat(xs, ys) -> (lons, lats)``
    transforms arrays of working coordinates."""
    rings = [shapely.get_exterior_ring(p) for p in shapely.get_parts(geometry) if not p.is_empty]
    dense = shapely.segmentize(np.array(rings, dtype=object), DENSIFY_STEP)
    xy = np.concatenate([shapely.get_coordinates(r) for r in dense])
    lons, lats = (np.asarray(v, dtype=float) for v in to_lonlat(xy[:, 0], xy[:, 1]))
    picks = {"east": int(np.argmax(lons)), "south": int(np.argmin(lats)), "west": int(np.argmin(lons)),
             "north": int(np.argmax(lats))}
    return {
        direction: ExtremePoint(direction, float(xy[i, 0]), float(xy[i, 1]), float(lons[i]), float(lats[i]))
        for direction, i in picks.items()
    }


# -- landmarks


def _lines(geometry: shapely.Geometry) -> list[shapely.LineString]:
    return [g for g in shapely.get_parts(geometry) if isinstance(g, shapely.LineString) and g.length > 0]


def _points(geometry: shapely.Geometry) -> list[shapely.Point]:
    return [g for g in shapely.get_parts(geometry) if isinstance(g, shapely.Point)]


def _grouped(features: list[NamedFeature]) -> dict[tuple[str, str], shapely.Geometry]:
    groups: dict[tuple[str, str], list] = {}
    for feature in features:
        name = (feature.name or "").strip()
        if name and feature.geometry is not None and not feature.geometry.is_empty:
            groups.setdefault((feature.kind, name), []).append(feature.geometry)
    return {key: shapely.union_all(parts) if len(parts) > 1 else parts[0] for key, parts in groups.items()}


def find_landmarks(zone: shapely.Geometry, features: list[NamedFeature], follow_distance: float) -> list[Landmark]:
    """The named features the boundary of ``zone`` follows, crosses or passes through, clockwise
    from north around the zone's centroid."""
    boundary = zone.boundary
    centre = zone.centroid
    origin = (centre.x, centre.y)
    found = []
    for (kind, name), geometry in _grouped(features).items():
        if not geometry.intersects(boundary) and geometry.distance(boundary) > follow_distance:
            continue
        if kind in AREA_KINDS and shapely.get_dimensions(geometry) == 2:
            pieces = _lines(boundary.intersection(geometry))
            if not pieces:
                continue
            longest = max(pieces, key=lambda p: p.length)
            anchor = longest.interpolate(0.5, normalized=True)
            found.append(Landmark(kind, name, "passes", sum(p.length for p in pieces), 0,
                                  bearing(origin, (anchor.x, anchor.y)), (anchor.x, anchor.y)))
            continue
        if shapely.get_dimensions(geometry) == 0:  # a village as a point: on the boundary or near it
            nearest = shapely.shortest_line(boundary, geometry)
            start = shapely.get_point(nearest, 0)
            found.append(Landmark(kind, name, "passes", 0.0, 0, bearing(origin, (start.x, start.y)),
                                  (start.x, start.y)))
            continue
        near = boundary.intersection(geometry.buffer(follow_distance, quad_segs=8))
        followed = [p for p in _lines(shapely.line_merge(near) if near.geom_type == "MultiLineString" else near)
                    if p.length > FOLLOW_FACTOR * follow_distance]
        followed_zone = shapely.union_all([p.buffer(follow_distance) for p in followed]) if followed else None
        crossing_points = [p for p in _points(boundary.intersection(geometry))
                           if followed_zone is None or not followed_zone.covers(p)]
        # a road ending on the boundary touches it: count only points where the line goes on outside
        crossing_points = [p for p in crossing_points if _passes(zone, geometry, p, follow_distance)]
        if not followed and not crossing_points:
            continue
        if followed:
            longest = max(followed, key=lambda p: p.length)
            anchor = longest.interpolate(0.5, normalized=True)
            anchor_xy = (anchor.x, anchor.y)
        else:
            anchor_xy = min(((p.x, p.y) for p in crossing_points), key=lambda xy: bearing(origin, xy))
        found.append(Landmark(kind, name, "follows" if followed else "crosses",
                              sum(p.length for p in followed), len(crossing_points),
                              bearing(origin, anchor_xy), anchor_xy,
                              followed=shapely.multilinestrings(followed) if followed else None))
    found.sort(key=lambda m: (round(m.bearing_deg, 6), m.kind, m.name))
    return found


def _passes(zone: shapely.Geometry, line: shapely.Geometry, point: shapely.Point, step: float) -> bool:
    """The line has points both inside and outside the zone near ``point`` (it crosses there)."""
    disk = point.buffer(max(step, 1.0), quad_segs=8)
    local = line.intersection(disk)
    inside = local.intersection(zone).length
    return inside > 1e-9 and local.length - inside > 1e-9


# -- the place in each direction


def _compass(origin: tuple[float, float], point: tuple[float, float]) -> str:
    return COMPASS[int(((bearing(origin, point) + 22.5) % 360.0) // 45.0)]


def _rounded(distance: float, step: float) -> int:
    return int(max(step, round(distance / step) * step))


def _junctions(roads: dict[str, shapely.Geometry]) -> list[tuple[str, str, shapely.Point]]:
    names = sorted(roads)
    junctions = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            meeting = roads[a].intersection(roads[b])
            for point in _points(meeting):
                junctions.append((a, b, point))
    return junctions


def place_words(
    direction: str, point: ExtremePoint, groups: dict, landmarks: list[Landmark], rules: BoundaryRules
) -> str:
    """What the zone reaches in ``direction``, in the profile's words (empty: coordinates only).
    ``groups``: {(kind, name): geometry} of the named features (:func:`_grouped`)."""
    texts = rules.texts
    words = texts["directions"]
    here = shapely.Point(point.x, point.y)
    # 1. a line the boundary follows at the extreme point: the zone stops at a river (its bank on
    # the zone's side) or runs along a road or ridge (that side of it)
    on_line = sorted(
        (m.followed.distance(here), m.kind, m.name) for m in landmarks
        if m.followed is not None and m.followed.distance(here) <= rules.follow_distance
    )
    if on_line:
        _, kind, name = on_line[0]
        template = texts["bank"] if kind == "river" else texts["side"]
        return template.format(name=name, side=words[ZONE_SIDE[direction]])
    # 2. the nearest road junction or village within the reference radius, else the nearest road
    # only roads within the radius can meet at a junction within it (and the pairs stay few)
    roads = {name: g for (kind, name), g in groups.items()
             if kind == "road" and g.distance(here) <= rules.reference_radius}
    candidates = []
    for a, b, junction in _junctions(roads):
        candidates.append((junction.distance(here), texts["junction"].format(a=a, b=b), junction))
    for (kind, name), geometry in groups.items():
        if kind == "village":
            nearest = shapely.get_point(shapely.shortest_line(geometry, here), 0)
            candidates.append((geometry.distance(here), name, nearest))
    near = sorted((c for c in candidates if c[0] <= rules.reference_radius), key=lambda c: (c[0], c[1]))
    if not near:
        road_candidates = [(g.distance(here), name, shapely.get_point(shapely.shortest_line(g, here), 0))
                           for name, g in roads.items()]
        near = sorted((c for c in road_candidates if c[0] <= rules.reference_radius), key=lambda c: (c[0], c[1]))
    if near:
        distance, reference, at = near[0]
        if distance < rules.distance_step / 2:
            return texts["at"].format(reference=reference)
        return texts["offset"].format(
            reference=reference,
            direction=words[_compass((at.x, at.y), (point.x, point.y))],
            distance=_rounded(distance, rules.distance_step),
        )
    # 3. the unit the point lies in
    for (kind, name), geometry in sorted(groups.items()):
        if kind == "unit" and geometry.buffer(rules.follow_distance).covers(here):
            return texts["within"].format(name=name)
    return ""


def describe(zone: shapely.Geometry, features: list[NamedFeature], to_lonlat, rules: BoundaryRules) -> ZoneDescription:
    """Extreme points, area, perimeter, landmarks and the 四至 sentence of one zone."""
    extremes = extreme_points(zone, to_lonlat)
    landmarks = find_landmarks(zone, features, rules.follow_distance)
    groups = _grouped(features)
    if landmarks:
        lons, lats = to_lonlat(np.array([m.point[0] for m in landmarks]), np.array([m.point[1] for m in landmarks]))
        for landmark, lon, lat in zip(landmarks, lons, lats):
            landmark.lon, landmark.lat = float(lon), float(lat)
    texts = rules.texts
    places, clauses = {}, {}
    for direction in DIRECTIONS:
        point = extremes[direction]
        place = place_words(direction, point, groups, landmarks, rules)
        places[direction] = place
        values = {"direction": texts["headings"][direction], "place": place,
                  "lon": f"{point.lon:.4f}", "lat": f"{point.lat:.4f}"}
        clauses[direction] = (texts["clause"] if place else texts["clause_coordinates"]).format(**values)
    description = texts["sentence"].format(**clauses)
    return ZoneDescription(
        extremes=extremes,
        area_km2=zone.area / 1e6,
        perimeter_km=zone.boundary.length / 1000.0,
        landmarks=landmarks,
        places=places,
        description=description,
        clauses=clauses,
    )

