"""Natural barriers (rivers, ridges, lakes, mountains) as the zone engine sees them.

:meth:`Barriers.build` takes labelled line and polygon geometries in the working CRS (metres),
joins the line ends within SNAP_TOLERANCE of another barrier to it (:func:`_snap_connectors`),
opens them at the crossings (bridges, passes: a disk of ``crossing_width / 2`` around each
crossing point is cut out of every barrier, connectors included) and prepares a
:class:`BarrierView`: all barrier linework made one clean planar arrangement (:func:`_planar`:
noded by snap rounding, so that crossings and self-crossings, a tributary ending on a river, a
river flowing into a lake become shared vertices; overshoots shorter than SNAP_TOLERANCE past a
junction dropped; rules and reasons in the docstring of core/zones/__init__.py, "Topology") and split into
segments, an STRtree over the segments and a table of the barrier vertices where a shortest path
may bend. Given the sources and the reach of their zones (``reach_of``), only the barriers that can
shape those zones are prepared (:func:`_near_sources`).

Bend vertices. Around a vertex v the incident barrier edges cut the full turn into sectors. A
taut path can only wrap around v inside a sector wider than 180° (it must be able to arrive from
direction u and leave straight on, -u, in the same sector). At most one sector of a vertex is
wider than 180°; we call it the *reflex sector* of v (the whole turn for the end of a line). A
vertex is a *bend vertex* when it has a reflex sector that is not inside a barrier polygon.
The end of a line and the convex corner of a polygon are bend vertices; an X crossing of two
rivers, a concave polygon corner or a straight run of vertices are not.
"""

from __future__ import annotations

import hashlib
import math
import threading
from dataclasses import dataclass, field

import numpy as np
import shapely

from .errors import QT_TRANSLATE_NOOP, Msg
from .feedback import Feedback

TWO_PI = 2.0 * math.pi
ANGLE_EPS = 1e-9
# metres: a line end this close to another barrier is joined to it, an overshoot this short dropped
# (digitizing noise; a wider gap is an opening: core/zones/__init__.py, "Topology")
SNAP_TOLERANCE = 0.1
# radians: a vertex whose widest sector exceeds π by more than this is a bend vertex. Only rounding
# noise below it: a vertex that bulges by any real amount (a junction snapped 0.05 mm off a straight
# river run bulges by 1e-8 rad over a kilometre) hides what lies behind it, so paths must be able to
# wrap around it
BEND_EPS = 1e-12
NODE_GRID = 1e-4  # metres: the barrier linework is noded by snap rounding on this grid (:func:`_planar`)
# segments: barriers prepared with at most this many are kept for the next run (:meth:`Barriers.prepared`;
# about 100 bytes each)
KEEP_SEGMENTS = 2_000_000


@dataclass
class BarrierView:
    """The barriers as one expansion sees them (all of them, or all but some ignored polygons)."""

    seg: np.ndarray  # (N, 4) ax, ay, bx, by
    cont: np.ndarray  # (N,) bool: segment i + 1 continues segment i (same chain)
    seg_v: np.ndarray  # (N, 2) vertex ids of both ends
    tree: shapely.STRtree | None
    vxy: np.ndarray  # (M, 2) vertex coordinates
    v_bend: np.ndarray  # (M,) bool: the vertex is a bend vertex
    v_sigma: np.ndarray  # (M,) start angle of the reflex sector (counter-clockwise)
    v_span: np.ndarray  # (M,) its width (2π at the end of a line)
    polygons: shapely.Geometry | None  # union of the barrier polygons of the view (subtracted from its zone)

    @property
    def is_empty(self) -> bool:
        return len(self.seg) == 0 and self.polygons is None


def _empty_view() -> BarrierView:
    z = np.zeros((0,), dtype=float)
    return BarrierView(
        np.zeros((0, 4)), np.zeros((0,), bool), np.zeros((0, 2), np.int64), None, np.zeros((0, 2)),
        np.zeros((0,), bool), z, z, None,
    )


def _make_view(lines: list, polygons: list) -> BarrierView:
    """Segments, tree and bend-vertex table of the given (opened) line and polygon geometries."""
    linework = [g for g in lines if not g.is_empty] + [shapely.boundary(p) for p in polygons if not p.is_empty]
    if not linework:
        return _empty_view()
    # node everything together so that junctions become shared vertices, snap line ends, then merge chains
    parts = shapely.get_parts(shapely.line_merge(_planar(linework)))
    parts = parts[shapely.get_type_id(parts) == 1]
    seg, seg_part = _segments_of(parts)
    if len(seg) == 0:
        return _empty_view()
    cont = np.zeros(len(seg), bool)
    cont[:-1] = (seg_part[1:] == seg_part[:-1]) & np.all(seg[1:, :2] == seg[:-1, 2:], axis=1)

    vxy, seg_v = _vertices_of(seg)

    # incident edge directions per vertex, sorted by angle
    ang_a = np.arctan2(seg[:, 3] - seg[:, 1], seg[:, 2] - seg[:, 0]) % TWO_PI
    ang_b = (ang_a + math.pi) % TWO_PI
    ev = np.concatenate([seg_v[:, 0], seg_v[:, 1]])
    ea = np.concatenate([ang_a, ang_b])
    order = np.lexsort((ea, ev))
    ev, ea = ev[order], ea[order]
    m = len(vxy)
    first = np.searchsorted(ev, np.arange(m))
    degree = np.bincount(ev, minlength=m)
    # gap after each edge (to the next edge of the same vertex, wrapping to the first)
    nxt = np.arange(len(ev)) + 1
    last_of_vertex = first[ev] + degree[ev] - 1
    nxt = np.where(np.arange(len(ev)) == last_of_vertex, first[ev], nxt)
    gap = (ea[nxt] - ea) % TWO_PI
    gap = np.where(degree[ev] == 1, TWO_PI, gap)
    # the widest gap of each vertex and its start
    order2 = np.lexsort((gap, ev))
    best = order2[first + degree - 1]  # last = widest per vertex
    v_span = gap[best]
    v_sigma = ea[best]
    v_bend = v_span > math.pi + BEND_EPS

    polygon_union = None
    if polygons:
        polygon_union = shapely.union_all([p for p in polygons if not p.is_empty])
        if polygon_union.is_empty:
            polygon_union = None
        else:
            shapely.prepare(polygon_union)
            # a reflex sector inside a polygon (concave polygon corner) is no place to bend
            idx = np.nonzero(v_bend)[0]
            if len(idx):
                vmin, vmax = polygon_union.bounds[:2], polygon_union.bounds[2:]
                near = idx[
                    (vxy[idx, 0] >= vmin[0]) & (vxy[idx, 0] <= vmax[0]) & (vxy[idx, 1] >= vmin[1]) & (vxy[idx, 1] <= vmax[1])
                ]
                if len(near):
                    # probe a little way along the bisector of the reflex sector
                    probe = _probe_distance(seg, seg_v, near, len(vxy))
                    mid = v_sigma[near] + v_span[near] / 2.0
                    px = vxy[near, 0] + probe * np.cos(mid)
                    py = vxy[near, 1] + probe * np.sin(mid)
                    # contains, not contains_xy (GEOS >= 3.12): in qgis_process QGIS's GEOS 3.11 symbols win, and mixing the two crashes
                    inside = shapely.contains(polygon_union, shapely.points(px, py))
                    v_bend[near[inside]] = False
    tree = shapely.STRtree(shapely.linestrings(seg.reshape(-1, 2, 2)))
    return BarrierView(seg, cont, seg_v, tree, vxy, v_bend, v_sigma, v_span, polygon_union)


def _segments_of(parts):
    """The segments (N, 4) of line parts, without zero-length ones, and the part of each."""
    coords, index = shapely.get_coordinates(parts, return_index=True)
    same = index[1:] == index[:-1]
    seg = np.hstack([coords[:-1][same], coords[1:][same]])
    seg_part = index[:-1][same]
    keep = (seg[:, 0] != seg[:, 2]) | (seg[:, 1] != seg[:, 3])
    return seg[keep], seg_part[keep]


def unique_points(xy):
    """``(unique points (M, 2), index of each point's unique one (N,))``: what ``np.unique(xy, axis=0,
    return_inverse=True)`` returns (the same points in the same lexicographic order, the same index),
    five times faster. Each point is read as one complex number x + iy: numpy sorts complex numbers by
    their real part, then their imaginary part, and compares them by value (as it does the rows of
    ``axis=0``, -0.0 equal to 0.0), so the order and the groups of equal points are the same."""
    xy = np.ascontiguousarray(xy, dtype=np.float64).reshape(-1, 2)
    values, inverse = np.unique(xy.view(np.complex128).reshape(-1), return_inverse=True)
    return values.view(np.float64).reshape(-1, 2), inverse.reshape(-1)


def _vertices_of(seg):
    """(vertex coordinates (M, 2), vertex ids of both ends of each segment (N, 2))."""
    vxy, inverse = unique_points(np.vstack([seg[:, :2], seg[:, 2:]]))
    return vxy, np.stack([inverse[: len(seg)], inverse[len(seg) :]], axis=1)


def _vertex_ids(seg):
    """(vertex ids of both ends of each segment (N, 2), degree of each vertex)."""
    _, seg_v = _vertices_of(seg)
    return seg_v, np.bincount(seg_v.reshape(-1))


def _planar(linework):
    """All barrier linework as one clean planar arrangement (a MultiLineString or LineString): noded
    (crossings, self-crossings, junctions on a segment or at a vertex become shared vertices;
    duplicate and overlapping pieces dissolve), overshoots shorter than SNAP_TOLERANCE past a
    junction dropped (module docstring, "Topology"). The line ends near another barrier were joined
    to it before the crossings opened the barriers (:func:`_snap_connectors`).

    Noding is snap rounding on a grid of NODE_GRID = 0.1 mm (GEOS overlay with a fixed precision):
    every vertex lands on the grid, and a segment passing within the grid cell of a vertex is routed
    through it. Floating-point noding leaves junctions a rounding error off the line they lie on and
    pairs of intersection points 1e-10 m apart (three lines meeting nearly at one point); an engine
    that tests "on a segment" within ON_EPS = 1e-6 m would take such a vertex as lying on segments it
    is not joined to, and see through them. After snap rounding a vertex is a shared vertex of every
    segment within about half a grid cell and at least that far from any other one: 50 times ON_EPS.
    The barriers move by at most 0.07 mm, far below the 1 mm output grid."""
    noded = shapely.union_all(linework, grid_size=NODE_GRID)
    seg, _ = _segments_of(shapely.get_parts(noded))
    if len(seg) == 0:
        return noded
    seg, trimmed = _trim_overshoots(seg)
    if not trimmed:
        return noded
    return shapely.multilinestrings(shapely.linestrings(seg.reshape(-1, 2, 2)))


def _trim_overshoots(seg):
    """Drop the dangling segments shorter than SNAP_TOLERANCE whose other end is a junction (degree
    >= 3): a line drawn a few centimetres past the river it flows into. (seg, anything dropped)"""
    seg_v, degree = _vertex_ids(seg)
    d0, d1 = degree[seg_v[:, 0]], degree[seg_v[:, 1]]
    length = np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])
    drop = (length < SNAP_TOLERANCE) & (((d0 == 1) & (d1 >= 3)) | ((d1 == 1) & (d0 >= 3)))
    return seg[~drop], bool(drop.any())


def _snap_connectors(lines, polygons) -> list:
    """For every line end within SNAP_TOLERANCE of a barrier segment other than its own: a short line
    joining it to the nearest point of that segment (its vertex when that is the nearest). Line ends are
    the vertices of degree 1 of the noded linework after the overshoots are dropped (a line drawn past
    the shore it crosses is cut back, not joined to it a second time). The nearest point lies a rounding
    error off the segment: the snap rounding of :func:`_planar` nodes it onto it. Computed on the
    barriers as digitized, before the crossings open them: the ends a crossing cuts are openings,
    never joined again."""
    linework = [g for g in lines if not g.is_empty] + [shapely.boundary(p) for p in polygons if not p.is_empty]
    if not linework:
        return []
    # floating noding here: the connectors must end on the barriers as digitized (a point of a segment
    # moved by the snap rounding may lie outside the grid cell the original segment passes through)
    seg, _ = _segments_of(shapely.get_parts(shapely.union_all(linework)))
    if len(seg) == 0:
        return []
    seg, _ = _trim_overshoots(seg)
    seg_v, degree = _vertex_ids(seg)
    ends = np.nonzero(degree == 1)[0]
    if len(ends) == 0:
        return []
    # the segment of each end and its coordinates
    at = np.concatenate([seg_v[:, 0], seg_v[:, 1]])
    owner = np.concatenate([np.arange(len(seg)), np.arange(len(seg))])
    xy = np.vstack([seg[:, :2], seg[:, 2:]])
    first = np.full(len(degree), -1)
    first[at[::-1]] = np.arange(len(at))[::-1]
    pick = first[ends]
    end_xy, own = xy[pick], owner[pick]
    tree = shapely.STRtree(shapely.linestrings(seg.reshape(-1, 2, 2)))
    hit_end, hit_seg = tree.query(shapely.points(end_xy), predicate="dwithin", distance=SNAP_TOLERANCE)
    other = hit_seg != own[hit_end]
    hit_end, hit_seg = hit_end[other], hit_seg[other]
    if len(hit_end) == 0:
        return []
    e = end_xy[hit_end]
    s = seg[hit_seg]
    a, ab = s[:, :2], s[:, 2:] - s[:, :2]
    t = np.clip(np.einsum("ij,ij->i", e - a, ab) / np.einsum("ij,ij->i", ab, ab), 0.0, 1.0)
    foot = a + t[:, None] * ab
    dist = np.hypot(*(e - foot).T)
    # the nearest segment of each end
    order = np.lexsort((dist, hit_end))
    first_of_end = np.ones(len(order), bool)
    first_of_end[1:] = hit_end[order[1:]] != hit_end[order[:-1]]
    best = order[first_of_end]
    best = best[dist[best] > 0.0]
    return list(shapely.linestrings(np.stack([e[best], foot[best]], axis=1)))


# metres: barriers are prepared this far beyond the reach of the zones (:func:`_near_sources`); more than
# anything the preparation of a barrier point looks at around it (SNAP_TOLERANCE, a NODE_GRID cell)
REACH_MARGIN = 1.0
REACH_GRID_CELLS = 1024  # cells per side of the grid that selects the barriers in reach, at most


def _near_sources(line_items, poly_items, sources, reach):
    """The barriers that can shape zones reaching ``reach`` metres from ``sources`` (shapely geometries):
    ``(line items, polygon items)`` with every line segment that can matter kept (with its own
    vertices: a line becomes the runs of its kept segments, a line kept whole is the same object) and
    the polygons that can matter kept whole.

    Why the zones stay the same. A path of length <= reach from a source stays within ``reach`` of it,
    and the engine looks only at the barrier segments within the remaining reach of each generator,
    at the polygons holding a source and at the barriers within NODE_GRID of a source (the coverage
    faces, which look farther, only grow when a barrier beyond is missing: a larger face makes a
    generator less often skipped, never wrongly; core/zones, "Pruning"). So the zones depend only on
    the prepared barriers within ``reach`` of the sources. The preparation is local: the noding by
    snap rounding routes a segment through the grid cells of the vertices and intersection points
    within a cell of it; a line end is joined to a segment within SNAP_TOLERANCE of it; an overshoot
    is a piece shorter than that at a junction; a crossing cuts each barrier by itself. For a segment
    S all of it depends only on the segments within REACH_MARGIN of S. Kept here: K, every segment
    that comes within R = ``reach`` + REACH_MARGIN of a source, and every segment within
    REACH_MARGIN of one of K: the segments, pieces, joints and junctions within ``reach`` are then
    those of the whole layer, coordinates and bend table alike (tests/test_barrier_reach.py; a source
    moved onto a shore or a barrier moves by at most SNAP_TOLERANCE, within the margin). What
    differs lies beyond R: the end of a run of kept segments is a new line end, which may be joined,
    trimmed or be a bend vertex, but it ends a segment not in K. The engine then sees the same
    barriers in another order, so the unions of its contributions may round differently (below the
    1 mm output grid). Polygons are kept whole when their box meets the cells of K or a source's
    reach (a source inside a polygon keeps it).

    Conservative on a grid (a barrier kept that could be dropped changes nothing): the cells
    within R of a cell meeting a source's box (rectangle distance), then the segments whose box
    meets such a cell (K), then the segments whose box meets a cell next to a cell a box of K meets
    (cells wider than REACH_MARGIN)."""
    boxes = shapely.bounds(np.asarray(list(sources), dtype=object).reshape(-1))
    boxes = boxes[np.isfinite(boxes).all(axis=1)]
    if not len(boxes) or not (line_items or poly_items):
        return line_items, poly_items
    far = float(reach) + REACH_MARGIN
    grid = _ReachGrid(boxes, far)
    reached = grid.within(grid.paint(grid.cells(boxes)), far)

    # the segments (consecutive coordinates of one part) of every line and polygon boundary, and the cells
    # they can matter in
    geoms = np.empty(len(line_items) + len(poly_items), dtype=object)
    geoms[:] = [g for _, g in line_items] + [shapely.boundary(g) for _, g in poly_items]
    parts, part_owner = shapely.get_parts(geoms, return_index=True)
    xy, part = shapely.get_coordinates(parts, return_index=True)
    same = part[1:] == part[:-1]
    seg_box = grid.cells(np.hstack([np.minimum(xy[:-1], xy[1:]), np.maximum(xy[:-1], xy[1:])]))
    in_k = same & grid.meets(reached, seg_box)
    near_k = _grown(grid.paint(seg_box[in_k])) if in_k.any() else np.zeros_like(reached)
    kept = same & grid.meets(near_k, seg_box)
    lines = _kept_runs(line_items, xy, part_owner[part], same, kept)
    polygons = []
    if poly_items:
        around = reached | near_k
        poly_box = grid.cells(shapely.bounds(np.array([g for _, g in poly_items], dtype=object)))
        polygons = [item for item, keep in zip(poly_items, grid.meets(around, poly_box)) if keep]
    return lines, polygons


class _ReachGrid:
    """A square grid over the sources' boxes grown by ``far`` (cells wider than REACH_MARGIN, at most
    REACH_GRID_CELLS a side): boxes become cell ranges, painted or tested in one vectorized step."""

    def __init__(self, boxes, far):
        lo = boxes[:, :2].min(axis=0) - far
        span = float((boxes[:, 2:].max(axis=0) + far - lo).max())
        self.size = max(far / 16.0, span / REACH_GRID_CELLS, 2.0 * REACH_MARGIN)
        self.lo = lo - 2.0 * self.size
        self.n = int(math.ceil(span / self.size)) + 5

    def cells(self, b):
        """Boxes (k, 4) -> cell ranges (k, 4) clipped to the grid."""
        ij = np.floor((b - np.concatenate([self.lo, self.lo])) / self.size)
        return np.clip(ij, 0, self.n - 1).astype(np.int64)

    def paint(self, ij):
        """Cell ranges -> the cells they cover (n, n) bool."""
        n = self.n
        diff = np.zeros((n + 1, n + 1), np.int64)
        np.add.at(diff, (ij[:, 0], ij[:, 1]), 1)
        np.add.at(diff, (ij[:, 2] + 1, ij[:, 1]), -1)
        np.add.at(diff, (ij[:, 0], ij[:, 3] + 1), -1)
        np.add.at(diff, (ij[:, 2] + 1, ij[:, 3] + 1), 1)
        return np.cumsum(np.cumsum(diff, axis=0), axis=1)[:n, :n] > 0

    def meets(self, grid, ij):
        """Cell ranges -> does the range hold a True cell of ``grid`` (summed-area table)."""
        n = self.n
        table = np.zeros((n + 1, n + 1), np.int64)
        table[1:, 1:] = np.cumsum(np.cumsum(grid, axis=0), axis=1)
        i0, j0, i1, j1 = ij[:, 0], ij[:, 1], ij[:, 2] + 1, ij[:, 3] + 1
        return (table[i1, j1] - table[i0, j1] - table[i1, j0] + table[i0, j0]) > 0

    def within(self, occupied, far):
        """The cells within ``far`` of an occupied one (rectangle distance between cells): row by
        row, a run of the cells within far horizontally."""
        n, size = self.n, self.size
        reached = np.zeros_like(occupied)
        before = np.zeros((n, n + 1), np.int64)
        before[:, 1:] = np.cumsum(occupied, axis=1)
        cols = np.arange(n)
        steps = int(math.ceil(far / size)) + 1
        for di in range(-steps, steps + 1):
            gap = max(abs(di) - 1, 0) * size
            if gap > far:
                continue
            w = 1 + int(math.floor(math.sqrt(far * far - gap * gap) / size))
            row = (before[:, np.minimum(cols + w + 1, n)] - before[:, np.maximum(cols - w, 0)]) > 0
            if di >= 0:
                reached[: n - di] |= row[di:]
            else:
                reached[-di:] |= row[: n + di]
        return reached


def _kept_runs(line_items, xy, owner, same, kept):
    """The line items with their kept segments: a line kept whole is the very same geometry, a line
    kept in part the runs of its consecutive kept segments (its own vertices), a line with none left
    out. ``owner``: the item of each coordinate ``xy``; ``same``/``kept``: per pair of consecutive
    coordinates, one segment of one part / kept."""
    n_lines = len(line_items)
    lines = []
    on_line = kept & (owner[:-1] < n_lines)
    count = np.bincount(owner[:-1][same & (owner[:-1] < n_lines)], minlength=n_lines)
    got = np.bincount(owner[:-1][on_line], minlength=n_lines)
    # runs of consecutive kept segments: each starts where the segment before is not kept
    t = np.flatnonzero(on_line)
    starts = np.ones(len(t), bool)
    starts[1:] = t[1:] != t[:-1] + 1
    run = np.cumsum(starts) - 1
    ends = np.append(starts[1:], True)[: len(t)]
    at = np.concatenate([t, t[ends] + 1])
    run_of = np.concatenate([run, run[ends]])
    order = np.lexsort((at, run_of))
    runs = shapely.linestrings(xy[at[order]], indices=run_of[order]) if len(t) else np.zeros(0, object)
    run_owner = owner[t[starts]]
    first = np.searchsorted(run_owner, np.arange(n_lines))
    last = np.searchsorted(run_owner, np.arange(n_lines), side="right")
    for i, (label, geometry) in enumerate(line_items):
        if got[i] == count[i]:
            lines.append((label, geometry))  # all of it: the very same geometry
        elif got[i]:
            mine = runs[first[i] : last[i]]
            lines.append((label, mine[0] if len(mine) == 1 else shapely.multilinestrings(mine)))
    return lines


def _grown(grid):
    """The cells of ``grid`` (bool) and their eight neighbours."""
    out = grid.copy()
    out[1:] |= grid[:-1]
    out[:-1] |= grid[1:]
    wide = out.copy()
    wide[:, 1:] |= out[:, :-1]
    wide[:, :-1] |= out[:, 1:]
    return wide


def _probe_distance(seg, seg_v, vertices, m):
    """A distance short enough to stay next to each vertex: a quarter of its shortest edge (<= 1 mm)."""
    length = np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])
    shortest = np.full(m, np.inf)
    np.minimum.at(shortest, seg_v[:, 0], length)
    np.minimum.at(shortest, seg_v[:, 1], length)
    return np.minimum(1e-3, shortest[vertices] / 4.0)


@dataclass
class Barriers:
    """Barrier lines and polygons, opened at the crossings. Build with :meth:`build`."""

    lines: list = field(default_factory=list)  # [(label, geometry)] after opening
    polygons: list = field(default_factory=list)  # [(label, geometry)] after opening
    crossing_width: float = 50.0
    _views: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, lines=(), polygons=(), crossings=(), crossing_width=50.0, feedback=None, reach_of=None) -> Barriers:
        """Barriers from ``(label, geometry)`` pairs in the working CRS (metres).

        ``lines``: line geometries (rivers, ridges); ``polygons``: polygon geometries (lakes,
        mountain massifs); ``crossings``: ``(label, Point)`` bridges and passes. Each crossing cuts a
        disk of radius ``crossing_width / 2`` out of every barrier; a crossing farther than that
        from every barrier opens nothing and gets a warning. ``label`` names the feature in
        messages, e.g. ``"rivers #12"``. Geometries of the wrong dimension are ignored.

        ``reach_of``: ``(sources, reach)``, shapely geometries and metres: only the barriers that can shape
        zones reaching ``reach`` metres from ``sources`` are prepared (:func:`_near_sources`; the zones of
        those sources up to that radius are the same as with every barrier; a county's river layer
        for a cluster of nests: a fraction of it). The crossing warning still looks at every barrier.
        """
        feedback = feedback or Feedback()
        line_items = [(str(label), g) for label, g in lines if g is not None and not g.is_empty]
        line_items = [(lb, _of_dimension(g, 1)) for lb, g in line_items]
        line_items = [(lb, g) for lb, g in line_items if g is not None]
        poly_items = [(str(label), g) for label, g in polygons if g is not None and not g.is_empty]
        poly_items = [(lb, _of_dimension(g, 2)) for lb, g in poly_items]
        poly_items = [(lb, g) for lb, g in poly_items if g is not None]
        everything = [g for _, g in line_items] + [g for _, g in poly_items]
        if reach_of is not None:
            line_items, poly_items = _near_sources(line_items, poly_items, *reach_of)
        # line ends within SNAP_TOLERANCE of another barrier are joined to it, before the crossings open
        connectors = _snap_connectors([g for _, g in line_items], [g for _, g in poly_items])
        if connectors:
            line_items.append(("(snapped line ends)", shapely.multilinestrings(connectors)))
        crossing_items = [(str(label), p) for label, p in crossings if p is not None and not p.is_empty]
        half = float(crossing_width) / 2.0
        if crossing_items and half > 0:
            points = shapely.points(shapely.get_coordinates(np.array([p for _, p in crossing_items], dtype=object)))
            # 64 segments per quarter: an opening is a gap, its exact shape hardly matters
            openings = shapely.buffer(points, half, quad_segs=16)
            all_barriers = [g for _, g in line_items] + [g for _, g in poly_items]
            if all_barriers:
                tree = shapely.STRtree(all_barriers)
                hits = tree.query(points, predicate="dwithin", distance=half)
                touched = set(hits[0].tolist())
            else:
                hits, touched = np.zeros((2, 0), int), set()
            if reach_of is not None and everything and len(touched) < len(crossing_items):
                # a crossing by a barrier left out (beyond the reach) opens it all the same
                touched |= set(shapely.STRtree(everything).query(points, predicate="dwithin", distance=half)[0].tolist())
            for i, (label, _) in enumerate(crossing_items):
                if i not in touched:
                    feedback.warn(
                        Msg(
                            QT_TRANSLATE_NOOP(
                                "core",
                                "Crossing '{crossing}' is farther than {half} m from every barrier: it opens nothing.",
                            ),
                            crossing=label,
                            half=_fmt(half),
                        )
                    )
            if len(hits[0]):
                cut = {}
                for c, b in zip(hits[0].tolist(), hits[1].tolist()):
                    cut.setdefault(b, []).append(openings[c])
                n_lines = len(line_items)
                for b, disks in cut.items():
                    hole = shapely.union_all(disks)
                    if b < n_lines:
                        label, g = line_items[b]
                        line_items[b] = (label, shapely.difference(g, hole))
                    else:
                        label, g = poly_items[b - n_lines]
                        poly_items[b - n_lines] = (label, shapely.difference(g, hole))
        return cls(line_items, poly_items, float(crossing_width))

    @classmethod
    def prepared(cls, lines=(), polygons=(), crossings=(), crossing_width=50.0, feedback=None, reach_of=None) -> Barriers:
        """:meth:`build`, with the barriers prepared by the last call kept for the next one (a technician
        runs the zoning again with another radius, in the same session).

        Reused only when built from the same input, compared by content: the same labels and the
        same geometries, coordinate for coordinate (their WKB), the same crossings and width, the
        same sources, and a reach at least as large (barriers kept for a larger reach are a superset of
        those needed: still every segment near a segment within reach, :func:`_near_sources`). So an
        edited layer (a vertex moved, a bridge added, an edit not yet saved: the features read are
        what is compared) is prepared anew, never served stale. One set is kept (the last), and only up
        to KEEP_SEGMENTS segments; it is dropped before another is built. Its arrays are read-only, and
        each run gets its own segment tree and prepared polygons (runs may overlap in the desktop's
        background tasks; GEOS's prepared geometries are not to be shared between threads). The
        warnings of the build are given again."""
        feedback = feedback or Feedback()
        lines, polygons, crossings = list(lines), list(polygons), list(crossings)
        sources, reach = reach_of if reach_of is not None else ((), math.inf)
        key = _digest(lines, polygons, crossings, crossing_width, sources)
        with _KEPT_LOCK:
            kept = _KEPT.get("barriers")
            if kept is not None and _KEPT["key"] == key and _KEPT["reach"] >= reach:
                for message in _KEPT["warnings"]:
                    feedback.warn(message)
                return kept._copy()
            _KEPT.clear()  # before the next is built: peak memory
        recorder = _Warnings(feedback)
        barriers = cls.build(lines, polygons, crossings, crossing_width, recorder, reach_of)
        if len(barriers.view().seg) <= KEEP_SEGMENTS:
            keep = barriers._copy(read_only=True)
            with _KEPT_LOCK:
                _KEPT.update(key=key, reach=reach, barriers=keep, warnings=tuple(recorder.warned))
        return barriers

    def _copy(self, read_only=False) -> Barriers:
        """The same barriers and prepared views (arrays shared), with their own trees and prepared polygons."""
        copy = Barriers(list(self.lines), list(self.polygons), self.crossing_width)
        for key, view in self._views.items():
            copy._views[key] = _own_view(view, read_only)
        return copy

    @property
    def is_empty(self) -> bool:
        return not any(not g.is_empty for _, g in self.lines) and not any(not g.is_empty for _, g in self.polygons)

    def view(self, ignore: frozenset = frozenset()) -> BarrierView:
        """The engine's view of the barriers without the polygons whose indices are in ``ignore``."""
        key = frozenset(ignore)
        if key not in self._views:
            polygons = [g for i, (_, g) in enumerate(self.polygons) if i not in key]
            self._views[key] = _make_view([g for _, g in self.lines], polygons)
        return self._views[key]

    def polygons_containing(self, points) -> list:
        """For each point (x, y) or shapely Point: the indices of the barrier polygons holding it farther
        than SNAP_TOLERANCE inside (a point nearer their boundary is on the shore: :meth:`onto_shores`)."""
        result = [[] for _ in range(len(points))]
        if not self.polygons:
            return result
        geoms = np.array([g for _, g in self.polygons], dtype=object)
        pts = shapely.points(np.asarray([_xy(p) for p in points], dtype=float).reshape(-1, 2))
        tree = shapely.STRtree(geoms)
        hits = tree.query(pts, predicate="within")
        if len(hits[0]):
            deep = shapely.distance(pts[hits[0]], shapely.boundary(geoms[hits[1]])) > SNAP_TOLERANCE
            hits = hits[:, deep]
        for p, b in zip(hits[0].tolist(), hits[1].tolist()):
            result[p].append(b)
        return result

    def onto_shores(self, xy: np.ndarray) -> np.ndarray:
        """The points (n, 2) with those inside a barrier polygon but within SNAP_TOLERANCE of its boundary
        moved onto that boundary (the nearest point): a nest digitized on a lake shore lies a rounding
        error or a few centimetres to either side of it, and inside it would not be blocked by the lake
        (module docstring of core/zones/__init__.py). The others are returned unchanged."""
        xy = np.array(xy, dtype=float).reshape(-1, 2)
        if not self.polygons or not len(xy):
            return xy
        geoms = np.array([g for _, g in self.polygons], dtype=object)
        pts = shapely.points(xy)
        tree = shapely.STRtree(geoms)
        hits = tree.query(pts, predicate="within")
        if len(hits[0]):
            rims = shapely.boundary(geoms[hits[1]])
            near = shapely.distance(pts[hits[0]], rims) <= SNAP_TOLERANCE
            p = hits[0][near]
            xy[p] = shapely.get_coordinates(shapely.shortest_line(pts[p], rims[near]))[1::2]
        return xy


_KEPT: dict = {}  # the barriers kept by Barriers.prepared: key, reach, barriers, warnings
_KEPT_LOCK = threading.Lock()


class _Warnings(Feedback):
    """Passes warnings on to ``feedback`` and keeps them."""

    def __init__(self, feedback: Feedback):
        self.feedback, self.warned = feedback, []

    def _report(self, level, message) -> None:
        if level == "warning":
            self.warned.append(message)
        self.feedback._report(level, message)


def _digest(lines, polygons, crossings, crossing_width, sources) -> bytes:
    """A digest of everything :meth:`Barriers.build` depends on (labels, WKB of every geometry, width) and of
    the sources."""
    h = hashlib.blake2b(digest_size=32)
    h.update(repr(float(crossing_width)).encode())
    for group in (lines, polygons, crossings, [("", g) for g in sources]):
        h.update(b"|%d|" % len(group))
        labels, geoms = [str(label) for label, _ in group], [g for _, g in group]
        h.update("\x00".join(labels).encode())
        if geoms:
            array = np.empty(len(geoms), dtype=object)
            array[:] = geoms
            for wkb in shapely.to_wkb(array, output_dimension=2, include_srid=False):
                h.update(b"%d:" % len(wkb) if wkb is not None else b"-:")
                h.update(wkb or b"")
    return h.digest()


def _own_view(view: BarrierView, read_only: bool) -> BarrierView:
    """``view`` with its arrays shared (made read-only when asked) and its own tree and polygon union."""
    arrays = [view.seg, view.cont, view.seg_v, view.vxy, view.v_bend, view.v_sigma, view.v_span]
    if read_only:
        for a in arrays:
            a.flags.writeable = False
    tree = shapely.STRtree(shapely.linestrings(view.seg.reshape(-1, 2, 2))) if view.tree is not None else None
    polygons = None
    if view.polygons is not None:
        polygons = shapely.from_wkb(shapely.to_wkb(view.polygons, output_dimension=2))
        shapely.prepare(polygons)
    return BarrierView(view.seg, view.cont, view.seg_v, tree, view.vxy, view.v_bend, view.v_sigma, view.v_span, polygons)


def _xy(p):
    if isinstance(p, shapely.Geometry):
        return (p.x, p.y)
    return tuple(p)


def _of_dimension(geometry, dimension):
    parts = shapely.get_parts(geometry)
    parts = [p for p in parts if shapely.get_dimensions(p) == dimension and not p.is_empty]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return shapely.union_all(parts) if dimension == 2 else shapely.multilinestrings(parts)


def _fmt(value: float) -> str:
    return f"{value:g}"
