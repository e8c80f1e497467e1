"""An independent oracle for barrier-aware distances (shares no code with ``core/zones/``).

Shortest paths over a visibility graph: nodes are the sources and, around every barrier vertex,
points a hair (``HUG`` metres) away from it in seven directions (no two opposite,
so no segment between two of them passes through the vertex) (those outside barrier
polygons). A path that wraps around a corner hugs it through one of these points, so it can never
slip through a vertex from one side of a barrier to the other, and its length is off by at most
2 * HUG per bend. Two points see each other when their segment properly crosses no barrier
segment and its midpoint is outside every barrier polygon. Dijkstra gives each node its distance;
a sample point p then has d(p) = min over visible nodes n of d_n + |n p| (inf inside a barrier
polygon).
"""

from __future__ import annotations

import numpy as np
import shapely

HUG = 1e-3


def barrier_segments(lines, polygons) -> np.ndarray:
    rows = []
    for geometry in list(lines) + [shapely.boundary(p) for p in polygons]:
        for part in shapely.get_parts(geometry):
            xy = np.asarray(part.coords)
            rows.extend(np.hstack([xy[:-1], xy[1:]]))
    return np.array(rows, dtype=float).reshape(-1, 4)


def _orient(ax, ay, bx, by, cx, cy):
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


def crosses_any(p, q, seg) -> np.ndarray:
    """For segment pairs p[i]-q[i]: does it properly cross any barrier segment? (vectorized)"""
    px, py = p[:, 0:1], p[:, 1:2]
    qx, qy = q[:, 0:1], q[:, 1:2]
    ax, ay, bx, by = seg[None, :, 0], seg[None, :, 1], seg[None, :, 2], seg[None, :, 3]
    o1 = _orient(px, py, qx, qy, ax, ay)
    o2 = _orient(px, py, qx, qy, bx, by)
    o3 = _orient(ax, ay, bx, by, px, py)
    o4 = _orient(ax, ay, bx, by, qx, qy)
    return np.any((o1 * o2 < 0) & (o3 * o4 < 0), axis=1)


class Oracle:
    def __init__(self, sources_xy, lines=(), polygons=()):
        self.seg = barrier_segments(lines, polygons)
        self.polygons = shapely.union_all(list(polygons)) if polygons else None
        vertices = np.unique(self.seg.reshape(-1, 2), axis=0) if len(self.seg) else np.zeros((0, 2))
        angles = np.arange(7) * 2 * np.pi / 7 + 0.1234  # off any axis a scene might use
        hug = (vertices[:, None, :] + HUG * np.stack([np.cos(angles), np.sin(angles)], axis=1)[None]).reshape(-1, 2)
        if self.polygons is not None and len(hug):
            hug = hug[~shapely.contains_xy(self.polygons, hug[:, 0], hug[:, 1])]
        self.sources = np.asarray(sources_xy, float).reshape(-1, 2)
        self.nodes = np.vstack([self.sources, hug])
        self.dist = self._dijkstra()

    def _visible(self, p, q):
        ok = np.ones(len(p), bool)
        for lo in range(0, len(p), 2000):
            sl = slice(lo, lo + 2000)
            if len(self.seg):
                ok[sl] = ~crosses_any(p[sl], q[sl], self.seg)
        if self.polygons is not None:
            mid = (p + q) / 2.0
            ok &= ~shapely.contains_xy(self.polygons, mid[:, 0], mid[:, 1])
        return ok

    def _dijkstra(self):
        n = len(self.nodes)
        i, j = np.triu_indices(n, 1)
        vis = self._visible(self.nodes[i], self.nodes[j])
        w = np.full((n, n), np.inf)
        length = np.hypot(*(self.nodes[i] - self.nodes[j]).T)
        w[i[vis], j[vis]] = length[vis]
        w[j[vis], i[vis]] = length[vis]
        dist = np.full(n, np.inf)
        dist[: len(self.sources)] = 0.0
        done = np.zeros(n, bool)
        for _ in range(n):
            cand = np.where(done, np.inf, dist)
            k = int(np.argmin(cand))
            if not np.isfinite(cand[k]):
                break
            done[k] = True
            dist = np.minimum(dist, dist[k] + w[k])
        return dist

    def distance(self, points) -> np.ndarray:
        """Barrier-aware distance from the sources to each point."""
        points = np.asarray(points, float).reshape(-1, 2)
        reach = np.isfinite(self.dist)
        nodes, dn = self.nodes[reach], self.dist[reach]
        out = np.full(len(points), np.inf)
        for k, p in enumerate(points):
            pp = np.repeat(p[None], len(nodes), axis=0)
            vis = self._visible(pp, nodes)
            if vis.any():
                out[k] = np.min(dn[vis] + np.hypot(*(nodes[vis] - p).T))
        if self.polygons is not None:
            out[shapely.contains_xy(self.polygons, points[:, 0], points[:, 1])] = np.inf
        return out
