"""Road checkpoints: every place where a road crosses the boundary of a zone (plan 第五章 二(二)).

The plan asks for a guard at every road entrance/exit of the quarantine zone (第五章 2). This
module finds them in planar metres (the caller reads the layers into a working CRS where planar
metres are ground metres).

How a road is read, part by part (each part of a multi-part road on its own):

- The part is cut where it meets the zone boundary. Each piece between two cuts lies inside the
  zone, outside it, or runs along the boundary.
- A *crossing* is where the road passes from outside to inside or from inside to outside
  (pieces along the boundary in between are skipped). A road through the zone has two, a road
  ending inside has one, a road entirely inside or outside none.
- A road touching the boundary without entering (outside, touch, outside again) is **not** a
  crossing: no traffic enters there. A road running along the boundary and then entering has
  one crossing, where it leaves the outside.
- A road *end* lying exactly on the boundary is taken as continuing outside: road networks are
  often split at nodes, so a segment that starts on the boundary and runs inside is an entrance
  (its outer neighbour segment adds nothing), and the entrance is counted once.
- The crossing is placed on the boundary, next to the outside piece.

Crossings of one zone closer than the merge distance to each other (chained: A-B and B-C close
merge A, B and C) become one checkpoint, placed at the member crossing nearest the group's
centroid (so it stays on a road and on the boundary). Names and classes of the merged roads are
joined with " / ".

Order (to walk a printed list): zones by zone id, then clockwise around the zone centroid,
starting from north (bearing 0° = grid north of the working CRS, 90° = east).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely

from .feedback import Feedback

EPSILON = 1e-6  # metres: two cuts closer than this are one; a point this close to the boundary is on it

OUTSIDE, INSIDE, ON_BOUNDARY = "outside", "inside", "boundary"


@dataclass
class Zone:
    zone_id: object
    geometry: shapely.Geometry  # Polygon or MultiPolygon, working CRS


@dataclass
class Road:
    key: int  # the caller's feature id (for messages)
    geometry: shapely.Geometry  # LineString or MultiLineString, working CRS
    name: str = ""
    road_class: str = ""


@dataclass
class Crossing:
    point: tuple[float, float]
    road: Road
    zone: Zone


@dataclass
class Checkpoint:
    zone: Zone
    point: tuple[float, float]
    bearing_deg: float  # from the zone centroid, clockwise from north
    crossings: list[Crossing] = field(default_factory=list)
    checkpoint_id: int = 0

    @property
    def road_names(self) -> str:
        return _joined(c.road.name for c in self.crossings)

    @property
    def road_classes(self) -> str:
        return _joined(c.road.road_class for c in self.crossings)


def _joined(values) -> str:
    seen: list[str] = []
    for value in values:
        text = "" if value is None else str(value).strip()
        if text and text not in seen:
            seen.append(text)
    return " / ".join(seen)


def _line_parts(geometry: shapely.Geometry) -> list[shapely.LineString]:
    return [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.LineString) and not p.is_empty]


def _cut_parameters(coords: np.ndarray, boundary: shapely.Geometry) -> list[float]:
    """Where the polyline ``coords`` meets ``boundary``, as parameters ``i + t`` (segment ``i``,
    fraction ``t``), sorted, with 0 and the end included. Per segment, so self-crossing roads and
    loops are handled."""
    segments = shapely.linestrings(np.stack([coords[:-1], coords[1:]], axis=1))
    shapely.prepare(boundary)
    hits = np.nonzero(shapely.intersects(boundary, segments))[0]
    params = [0.0, float(len(coords) - 1)]
    for i in hits:
        start, end = coords[i], coords[i + 1]
        vector = end - start
        length2 = float(vector @ vector)
        if length2 == 0:
            continue
        meet = shapely.intersection(segments[i], boundary)
        # points of the meet: intersection points, ends of pieces running along the boundary
        for x, y in shapely.get_coordinates(meet):
            t = float((np.array([x, y]) - start) @ vector) / length2
            params.append(i + min(1.0, max(0.0, t)))
    params.sort()
    merged = [params[0]]
    for p in params[1:]:
        if _param_distance(coords, merged[-1], p) > EPSILON:
            merged.append(p)
    if merged[-1] != params[-1]:
        merged[-1] = params[-1]
    return merged


def _point_at(coords: np.ndarray, param: float) -> np.ndarray:
    i = min(int(math.floor(param)), len(coords) - 2)
    t = param - i
    return coords[i] + (coords[i + 1] - coords[i]) * t


def _param_distance(coords: np.ndarray, a: float, b: float) -> float:
    """Length along the line between parameters ``a <= b``."""
    if b - a <= 0:
        return 0.0
    ia, ib = int(math.floor(a)), min(int(math.floor(b)), len(coords) - 2)
    if ia == ib:
        return float(np.linalg.norm(coords[ia + 1] - coords[ia])) * (b - a)
    total = float(np.linalg.norm(coords[ia + 1] - coords[ia])) * (ia + 1 - a)
    for i in range(ia + 1, ib):
        total += float(np.linalg.norm(coords[i + 1] - coords[i]))
    total += float(np.linalg.norm(coords[ib + 1] - coords[ib])) * (b - ib)
    return total


def _state(polygon: shapely.Geometry, boundary: shapely.Geometry, xy: np.ndarray) -> str:
    point = shapely.Point(float(xy[0]), float(xy[1]))
    if shapely.distance(boundary, point) <= EPSILON:
        return ON_BOUNDARY
    return INSIDE if shapely.contains(polygon, point) else OUTSIDE


def part_crossings(polygon: shapely.Geometry, line: shapely.LineString) -> list[tuple[float, float]]:
    """The crossings of one line part with one zone polygon, in the order met along the line."""
    boundary = polygon.boundary
    if not shapely.intersects(line, boundary):
        return []
    coords = shapely.get_coordinates(line)
    if len(coords) < 2:
        return []
    params = _cut_parameters(coords, boundary)
    # pieces (start, end, state); a road end on the boundary continues outside (virtual piece)
    pieces: list[tuple[float, float, str]] = []
    if _state(polygon, boundary, coords[0]) == ON_BOUNDARY:
        pieces.append((0.0, 0.0, OUTSIDE))
    for a, b in zip(params[:-1], params[1:]):
        pieces.append((a, b, _state(polygon, boundary, _point_at(coords, (a + b) / 2))))
    end = params[-1]
    if _state(polygon, boundary, coords[-1]) == ON_BOUNDARY:
        pieces.append((end, end, OUTSIDE))

    crossings = []
    last = None  # last state that was not "boundary"
    last_outside_end = 0.0
    for a, b, state in pieces:
        if state == ON_BOUNDARY:
            continue
        if state == OUTSIDE:
            if last == INSIDE:
                crossings.append(a)  # exit: where the outside begins
            last_outside_end = b
        elif last == OUTSIDE:
            crossings.append(last_outside_end)  # entrance: where the outside ended
        last = state
    return [tuple(float(v) for v in _point_at(coords, p)) for p in crossings]


def bearing(origin: tuple[float, float], point: tuple[float, float]) -> float:
    """Degrees clockwise from north (the +y axis), 0 <= b < 360."""
    angle = math.degrees(math.atan2(point[0] - origin[0], point[1] - origin[1]))
    return angle % 360.0


def _clusters(points: np.ndarray, distance: float) -> list[list[int]]:
    """Single-linkage groups of points closer than ``distance`` (exact duplicates always merge)."""
    n = len(points)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    limit = max(distance, EPSILON)
    tree = shapely.STRtree(shapely.points(points))
    left, right = tree.query(shapely.points(points), predicate="dwithin", distance=limit)
    for i, j in zip(left, right):
        if i < j and float(np.linalg.norm(points[i] - points[j])) < limit:
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def id_sort_key(value):
    """Zone ids sort numerically when they are numbers, else as text; numbers first."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    text = "" if value is None else str(value)
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text)


def find_checkpoints(
    zones: list[Zone], roads: list[Road], merge_distance: float, feedback: Feedback | None = None
) -> list[Checkpoint]:
    """The checkpoints of every zone, numbered 1..n in walking order (see the module doc)."""
    feedback = feedback or Feedback()
    checkpoints: list[Checkpoint] = []
    road_tree = shapely.STRtree([r.geometry for r in roads]) if roads else None
    ordered = sorted(zones, key=lambda z: id_sort_key(z.zone_id))
    for index, zone in enumerate(ordered):
        feedback.check_canceled()
        feedback.progress(100.0 * index / max(1, len(ordered)))
        if zone.geometry.is_empty or road_tree is None:
            continue
        crossings: list[Crossing] = []
        for road_index in sorted(road_tree.query(zone.geometry.boundary, predicate="intersects")):
            road = roads[road_index]
            for part in _line_parts(road.geometry):
                feedback.check_canceled()
                for xy in part_crossings(zone.geometry, part):
                    crossings.append(Crossing(xy, road, zone))
        if not crossings:
            continue
        points = np.array([c.point for c in crossings])
        centroid = zone.geometry.centroid
        origin = (centroid.x, centroid.y)
        zone_checkpoints = []
        for group in _clusters(points, merge_distance):
            members = [crossings[i] for i in group]
            mean = points[group].mean(axis=0)
            nearest = min(group, key=lambda i: float(np.linalg.norm(points[i] - mean)))
            where = tuple(float(v) for v in points[nearest])
            zone_checkpoints.append(Checkpoint(zone, where, bearing(origin, where), members))
        zone_checkpoints.sort(key=lambda c: (c.bearing_deg, c.point))
        checkpoints.extend(zone_checkpoints)
    for number, checkpoint in enumerate(checkpoints, start=1):
        checkpoint.checkpoint_id = number
    feedback.progress(100.0)
    return checkpoints
