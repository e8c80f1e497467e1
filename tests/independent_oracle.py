"""True barrier distances from a shortest-path implementation not written here: extremitypathfinder.

The rest of the suite checks the zone engine against ``zone_oracle.py``, which was written in this
repository by the same people as the engine. This module gets the distances from
`extremitypathfinder <https://pypi.org/project/extremitypathfinder/>`_ (pinned in
requirements-dev.txt; 2.7.2 on Python 3.11, 2.8.0 from Python 3.12, same API), an established
visibility-graph path finder, and from GEOS for the last straight leg.

What extremitypathfinder models
-------------------------------
A ``PolygonEnvironment`` is one polygon (the boundary, counter-clockwise) with polygonal holes
(obstacles, clockwise). It has no notion of a line: "at least 3 vertices (no single points or
lines allowed)". It precomputes a visibility graph over the *extremities* (obstacle corners whose
free-space angle exceeds 180°, the only places a shortest path bends) and answers queries with A*.

How the barriers are modelled
-----------------------------
- A barrier line becomes a thin obstacle: ``buffer(line, EPS, cap_style="square",
  join_style="mitre")`` with EPS = 0.1 mm (mitre limit 5: a corner moves at most 5 EPS). Lines
  that touch, cross, meet at a junction or cross themselves overlap as thin polygons and are
  unioned into one obstacle, so no path slips through a junction: that is the topology rule
  ("a junction is closed"), independent of how the engine nodes lines.
- Line ends within SNAP of another line are joined to it by the shortest connecting segment before
  buffering (the snapping rule of issue 13: digitizing noise, not a real gap).
- Crossings (bridges, passes): a disk of ``crossing_width / 2`` around each crossing point is cut out
  of every barrier line and polygon, as the plugin's rule says (a 1024-gon, nearly the exact circle;
  the engine's opening is its own 64-gon, at most 3 cm narrower: far inside its tolerance).
- Barrier polygons (lakes, massifs) are obstacles as they are, holes (islands) included, except for
  a nest strictly inside one: that polygon does not block that nest (issue 13, item 7). Each nest is
  expanded in the environment of the polygons that block it.
- Free space = a box around the nests (margin r + 10 % + 10 m: no path of length <= r leaves it)
  minus the obstacles. Each connected part of it is one ``PolygonEnvironment``; a point in another
  part than every nest (an island in a lake, a pocket closed by a self-crossing river) is
  unreachable.

How a distance is computed
--------------------------
D(v) for every extremity v: networkx's Dijkstra from all the nests of a part at once over the
library's own visibility graph (``env.graph``), each nest joined to the extremities it sees as
``find_shortest_path`` joins its start (``env.get_visible_idxs``). For a sample point p: d(p) =
min over the nests and extremities v that p sees of |pv| + D(v) (the last bend of a shortest path is
an extremity that sees p). "a sees b" is decided by GEOS: the segment a-b does not intersect the
obstacles shrunk by SHRINK = 1 µm (so a segment that ends on or slides along an obstacle's boundary
is clear). Every edge of the library's graph is checked that way too: its visibility test is fooled
by a segment that enters a thin polygon through one vertex and leaves through another, which the
collinear sides of two thin polygons at a junction produce (seen: a path across the main river at a
tributary's junction); such edges are dropped, which can only lengthen a distance (a false alarm,
never a hidden violation). The suite checks the result against the library's own point-to-point
``find_shortest_path`` where the library's path is legal.

The error this modelling introduces
-----------------------------------
- d_true <= d_model: a path around the thickened lines avoids the lines.
- d_model <= d_true + 10 EPS (bends + 1): the taut true path, moved to the thickened corners (each at
  most 5 EPS away) at each of its bends. :attr:`TrueDistances.slack` is this bound for the scene.
So "a point in the zone has d <= r + tol" is checked as d_model <= r + tol + slack, and "a point with
d <= r - tol is in the zone" as d_model <= r - tol (no allowance needed). Points within NEAR = 3 mm
of a barrier line or of a barrier polygon's boundary are not judged: they lie inside the thin
obstacle or next to a shore, and the zone's edge along a barrier is on the engine's 1 mm output grid
(a zone may reach 1 mm into a lake). The 1 µm shrinking can only let a segment cut a
thickened corner by less than 1 µm, never cross the line itself (EPS inside).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import shapely
from extremitypathfinder import PolygonEnvironment
from extremitypathfinder import utils as epf_utils

from rifa_zoning.core.zones import tolerance

EPS = 1e-4  # half-width of the thin polygon of a barrier line (m)
NEAR = 3e-3  # points this close to a barrier line are not judged (m)
MITRE = 5.0
SHRINK = 1e-6  # visibility is tested against the obstacles shrunk by this much (m)
STRAIGHT = 1e-7  # a ring vertex this close to the chord of its neighbours is dropped (m)


def thin(lines) -> shapely.Geometry:
    """The barrier lines as one thin obstacle (see the module docstring)."""
    lines = [g for g in lines if g is not None and not g.is_empty]
    if not lines:
        return shapely.Polygon()
    return shapely.union_all(
        shapely.buffer(np.array(lines, dtype=object), EPS, cap_style="square", join_style="mitre", mitre_limit=MITRE)
    )


def snapped(lines: list, snap: float) -> list:
    """``lines`` plus, for every line end within ``snap`` of another line (or of its own line away from
    that end), the shortest segment joining it there."""
    lines = [g for g in lines if g is not None and not g.is_empty]
    parts = [p for g in lines for p in shapely.get_parts(g)]
    joins = []
    for i, part in enumerate(parts):
        coords = shapely.get_coordinates(part)
        for end in (coords[0], coords[-1]):
            point = shapely.Point(end)
            others = [q for j, q in enumerate(parts) if j != i]
            # the own line, without the snap-neighbourhood of this end
            own = shapely.difference(part, point.buffer(2 * snap + EPS))
            for other in others + ([own] if not own.is_empty else []):
                gap = other.distance(point)
                if 0 < gap <= snap:
                    joins.append(shapely.shortest_line(point, other))
    return lines + joins


def open_crossings(geometries: list, crossings, crossing_width: float) -> list:
    """Cut a disk of ``crossing_width / 2`` around each crossing out of every geometry."""
    if not len(crossings) or crossing_width <= 0:
        return list(geometries)
    holes = shapely.union_all(shapely.buffer(shapely.points(np.asarray(crossings, float)), crossing_width / 2,
                                             quad_segs=256))
    return [shapely.difference(g, holes) for g in geometries]


def _environment(part: shapely.Polygon) -> PolygonEnvironment:
    def ring(linear_ring, ccw):
        xy = shapely.get_coordinates(linear_ring)[:-1]  # 2D (``.coords`` gives 3 columns on GEOS 3.11)
        keep = np.r_[True, np.any(np.diff(xy, axis=0) != 0, axis=1)]
        xy = xy[keep]
        if shapely.LinearRing(xy).is_ccw != ccw:
            xy = xy[::-1]
        return xy

    # drop straight-run vertices (off the chord by < 0.1 µm: never a place where a path bends): the
    # library's visibility test loses the line of sight along an edge through such a vertex, e.g. from
    # a corner of a thin polygon to the next along the same side (seen: scenes 18, 64, 196)
    part = shapely.simplify(part, STRAIGHT)
    env = PolygonEnvironment()
    env.store(ring(part.exterior, True), [ring(r, False) for r in part.interiors], validate=False)
    return env


def segments_clear(a: np.ndarray, b: np.ndarray, shrunk) -> np.ndarray:
    """For each pair of points: the segment a-b does not enter the obstacles (``shrunk``: the obstacles
    shrunk by SHRINK, so a segment ending on, or sliding along, an obstacle's boundary is clear)."""
    if not len(a):
        return np.zeros(0, bool)
    return ~shapely.intersects(shapely.linestrings(np.stack([a, b], axis=1)), shrunk)


class _Part:
    """One connected part of the free space of one obstacle set, with the distances of its extremities."""

    def __init__(self, polygon, obstacles, shrunk, nests_xy, limit):
        self.polygon = polygon
        shapely.prepare(self.polygon)
        self.shrunk = shrunk
        self.env = _environment(polygon)
        env = self.env
        graph = env.graph.copy()
        n0 = len(env.coords)
        for k, (x, y) in enumerate(nests_xy):
            coords = np.append(env.coords, [[x, y]], axis=0)
            reprs, dists = epf_utils.cmp_reps_n_distances(n0, coords)
            visible = env.get_visible_idxs(n0, set(env.graph.nodes), coords, reprs, dists)
            for i in visible:
                graph.add_edge(("nest", k), i, weight=float(dists[i]))
            graph.add_edge("S", ("nest", k), weight=0.0)
        # the library's visibility misjudges a segment that enters an obstacle through one vertex and
        # leaves through another (collinear edges of the thin polygons at a junction): GEOS checks
        # every edge it proposes; dropping one can only make a distance longer (a false alarm), never
        # hide a violation
        edges = [(u, v) for u, v in graph.edges if "S" not in (u, v)]
        self.edges_proposed = len(edges)
        xy = {u: (np.asarray(nests_xy[u[1]], float) if isinstance(u, tuple) else env.coords[u]) for e in edges for u in e}
        a = np.array([xy[u] for u, _ in edges]).reshape(-1, 2)
        b = np.array([xy[v] for _, v in edges]).reshape(-1, 2)
        clear = segments_clear(a, b, shrunk)
        graph.remove_edges_from([e for e, ok in zip(edges, clear) if not ok])
        self.edges_dropped = int((~clear).sum())
        dist, paths = nx.single_source_dijkstra(graph, "S", cutoff=limit, weight="weight")
        nodes = [v for v in dist if isinstance(v, (int, np.integer))]
        self.xy = np.vstack([np.asarray(nests_xy, float).reshape(-1, 2),
                             env.coords[np.array(nodes, dtype=int)].reshape(-1, 2)])
        self.d = np.r_[np.zeros(len(nests_xy)), [dist[v] for v in nodes]]
        self.max_bends = max([len(paths[v]) - 2 for v in nodes], default=0)

    def distances(self, points: np.ndarray, limit: float) -> np.ndarray:
        """min over visible nodes of |pv| + D(v), for the points of this part (inf above ``limit``)."""
        result = np.full(len(points), np.inf)
        if not len(points) or not len(self.xy):
            return result
        for start in range(0, len(points), 2000):  # bounded memory
            chunk = points[start:start + 2000]
            gap = np.hypot(chunk[:, None, 0] - self.xy[None, :, 0], chunk[:, None, 1] - self.xy[None, :, 1])
            cost = gap + self.d[None, :]
            pi, vi = np.nonzero(cost <= limit)
            c = cost[pi, vi]
            order = np.lexsort((c, pi))
            pi, vi, c = pi[order], vi[order], c[order]
            first = np.r_[0, np.nonzero(np.diff(pi))[0] + 1] if len(pi) else np.zeros(0, int)
            rank = np.arange(len(pi)) - np.repeat(first, np.diff(np.r_[first, len(pi)]))
            best = np.full(len(chunk), np.inf)
            lo, width = 0, 1
            top = rank.max() if len(rank) else -1
            while lo <= top:
                sel = (rank >= lo) & (rank < lo + width) & ~np.isfinite(best[pi])
                if sel.any():
                    seen = segments_clear(chunk[pi[sel]], self.xy[vi[sel]], self.shrunk)
                    # candidates come in cost order: the cheapest one seen in this round is the answer
                    np.minimum.at(best, pi[sel][seen], c[sel][seen])
                lo += width
                width *= 2
            result[start:start + len(chunk)] = best
        return result


class TrueDistances:
    """Shortest barrier-respecting distance from a set of nests (see the module docstring).

    ``lines``, ``polygons``: shapely geometries as the *rule* means them (the tier passes the lines it
    gave the engine; gaps of at most ``snap`` at line ends are closed here). ``limit``: distances are
    exact up to it and ``inf`` beyond.
    """

    def __init__(self, nests, lines=(), polygons=(), crossings=(), crossing_width=50.0, *, limit, snap=0.05):
        nests = np.asarray(nests, float).reshape(-1, 2)
        self.limit = float(limit)
        lines = open_crossings(snapped(list(lines), snap), crossings, crossing_width)
        polygons = [p for p in open_crossings(list(polygons), crossings, crossing_width) if not p.is_empty]
        margin = 1.1 * self.limit + 10.0
        x0, y0 = nests.min(axis=0) - margin
        x1, y1 = nests.max(axis=0) + margin
        box = shapely.box(x0, y0, x1, y1)
        self.lines = shapely.intersection(thin(lines), box.buffer(1.0))
        # the barrier lines and polygon boundaries: points within NEAR of them are not judged
        edges = [shapely.intersection(g, box.buffer(1.0)) for g in lines + [p.boundary for p in polygons]]
        self.line_geoms = shapely.union_all(edges) if edges else shapely.GeometryCollection()
        shapely.prepare(self.line_geoms)
        # which polygons block which nest
        holders = [frozenset(j for j, poly in enumerate(polygons) if poly.contains(shapely.Point(xy))) for xy in nests]
        self.parts: list[_Part] = []
        for key in sorted(set(holders), key=sorted):
            members = [k for k, h in enumerate(holders) if h == key]
            blocking = [p for j, p in enumerate(polygons) if j not in key]
            obstacles = shapely.union_all([self.lines, *blocking])
            shrunk = shapely.buffer(obstacles, -SHRINK, join_style="mitre", mitre_limit=MITRE)
            shapely.prepare(shrunk)
            free = shapely.difference(box, obstacles)
            for polygon in shapely.get_parts(free):
                inside = [k for k in members if polygon.contains(shapely.Point(nests[k]))]
                if inside:
                    self.parts.append(_Part(polygon, obstacles, shrunk, nests[inside], self.limit))
        self.slack = 10 * EPS * (max((p.max_bends for p in self.parts), default=0) + 1)

    def judged(self, points: np.ndarray) -> np.ndarray:
        """The points farther than NEAR from every barrier line and polygon boundary (the others are not
        judged: the zone's edge along a barrier is on the engine's 1 mm output grid)."""
        points = np.asarray(points, float).reshape(-1, 2)
        if self.line_geoms.is_empty:
            return np.ones(len(points), bool)
        return ~shapely.dwithin(shapely.points(points), self.line_geoms, NEAR)

    def distances(self, points) -> np.ndarray:
        """The true distance of each point (inf when unreachable or beyond ``limit``)."""
        points = np.asarray(points, float).reshape(-1, 2)
        result = np.full(len(points), np.inf)
        pts = shapely.points(points)
        for part in self.parts:
            inside = shapely.contains(part.polygon, pts)
            if inside.any():
                result[inside] = np.minimum(result[inside], part.distances(points[inside], self.limit))
        return result


def boundary_points(zone, tol: float, rng, max_pieces: int = 1500) -> np.ndarray:
    """Points 1 mm and tol/2 on both sides of the middle of each piece of the zone's boundary (a seeded
    ``max_pieces`` of them when there are more): where leaks and needles hide."""
    rings = shapely.get_parts(shapely.boundary(zone)) if not zone.is_empty else []
    pieces = [np.hstack([xy[:-1], xy[1:]]) for xy in (shapely.get_coordinates(ring) for ring in rings)]
    if not pieces:
        return np.zeros((0, 2))
    seg = np.vstack(pieces)
    seg = seg[np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1]) > 0]
    if len(seg) > max_pieces:
        seg = seg[np.sort(rng.choice(len(seg), max_pieces, replace=False))]
    mid = (seg[:, :2] + seg[:, 2:]) / 2
    d = seg[:, 2:] - seg[:, :2]
    normal = np.column_stack([-d[:, 1], d[:, 0]]) / np.hypot(d[:, 0], d[:, 1])[:, None]
    return np.vstack([mid + h * normal for h in (1e-3, -1e-3, tol / 2, -tol / 2)])


def judge(zone, oracle: TrueDistances, points: np.ndarray, r: float, origin=(0.0, 0.0)):
    """Check a zone (shapely, in the scene's coordinates) against the true distances on ``points``:
    a point in the zone must have d <= r + tol (+ the oracle's slack), a point with d <= r - tol must
    be in it, tol = max(1 m, 0.1 % of r) (the engine's stated tolerance). ``origin`` is subtracted to
    get the oracle's coordinates. Returns (readable lines for the failures, number of points judged)."""
    tol = tolerance(r)
    points = np.asarray(points, float).reshape(-1, 2)
    local = points - np.asarray(origin, float)
    judged = oracle.judged(local)
    inside = shapely.contains(zone, shapely.points(points))  # not contains_xy: GEOS 3.12 only
    d = oracle.distances(local)
    leak = judged & inside & (d > r + tol + oracle.slack)
    missing = judged & ~inside & (d <= r - tol)
    lines = []
    for name, mask in (("in the zone but d > r + tol", leak), ("d <= r - tol but not in the zone", missing)):
        for k in np.nonzero(mask)[0][:5]:
            lines.append(f"{name}: point ({points[k, 0]:.4f}, {points[k, 1]:.4f}) d={d[k]:.3f} r={r:g} tol={tol:g}")
        if mask.sum() > 5:
            lines.append(f"... {mask.sum()} points in all: {name}")
    return lines, int(judged.sum())
