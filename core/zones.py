"""Barrier-aware zones: the exact vector construction of "everything within r of a nest by a path
that crosses no river or ridge".

Definition
----------
The zone of radius r around sources S is ``{p : d(p) <= r}`` where d(p) is the length of a
shortest path from S to p that never crosses a barrier line and never enters the interior of a
barrier polygon (touching or sliding along a barrier is allowed). Barrier polygon interiors are
never part of a zone. Without barriers the zone is the union of the disks of radius r.

Construction (why it is exact)
------------------------------
Barriers are polygonal, so a shortest path is a polyline whose bends are barrier vertices around
which it wraps (taut-string argument): it bends only at *bend vertices* (see ``core/barriers.py``:
a vertex whose widest sector between incident barrier edges exceeds 180°, e.g. the end of a river
or the convex corner of a lake), and only when it arrives at v from a direction u with both u
and -u in that reflex sector (v is a tangent point of the barrier as seen from the previous bend).
Call *generators* the sources (d = 0) and the bend vertices reached by a shortest path with
d_v < r. The last bend g of a shortest path to p sees p, so

    zone = ⋃_g  Vis(g) ∩ Disk(g, r - d_g) ∩ Sector(g)          (minus barrier polygons)

where Vis(g) is the set of points p whose segment g-p crosses no barrier and Sector(g) is the
reflex sector of a bend vertex (a path wrapping around v continues on the side it came from; a
source may spread to every side, also when it lies on a barrier line). Every point of the union
is reached by a legal path of length <= r, and every point of the zone is in it: the union is
exactly the zone. The d_v come from a Dijkstra over generators in order of d: from g with
remaining ρ = r - d_g the successors are the bend vertices w visible from g, within ρ, inside
Sector(g) and tangent as seen from g; d_w = d_g + |g w|.

Vis(g) ∩ Disk(g, ρ) is computed in vector form: the barrier segments within ρ of g (STRtree)
are cut into chains that are monotone in angle around g (consecutive segments turning the same
way, at most ~150° each); the shadow of a monotone chain is one simple polygon (the chain, then
points far beyond it along the rays through its end vertices and every <= 60° between, backwards).
Disk minus the union of the shadows (and of the complement of Sector(g)) is the visible part of
the disk. A segment through g itself (a source on a barrier line) casts no shadow, so such a
source sees both sides; a source on a lake shore sees the water too, but the lake is subtracted
at the end and no path bends through it (successors inside a barrier polygon are refused). A
generator whose disk meets no barrier is a plain disk: no visibility work at all.

Accuracy
--------
tol = max(1 m, 0.1 % of r). Disks are regular polygons inscribed in the circle with n vertices
such that the chord error ρ(1 - cos(π/n)) <= tol/2, chosen per disk radius ρ. Shadows are exact
(their sides are the rays through barrier vertices). Line and polygon sources: a source segment
whose buffer of radius r meets no barrier contributes its exact buffer (stadium); a segment near
a barrier is replaced by points every Δ = tol/2 along it. Every source point q then has a
generator q' on the same side of every barrier within Δ along the segment, and
d_q'(p) <= Δ + d_q(p), so the boundary moves inwards by at most Δ = tol/2. All errors are inward
(the computed zone lies inside the true zone) and together <= tol.

Several radii
-------------
:func:`barrier_buffers` computes several radii from one expansion (the generators and shadows of
the largest radius serve all of them). The zone of radius r_q + e around the nests equals the
zone of radius e around the zone of radius r_q (a path of length <= r_q + e leaves the inner zone
after r_q), so a threatened zone is best computed as a second radius of the nests' expansion
rather than by buffering the quarantine zone polygon (whose boundary is many generators).

Sources inside a barrier polygon
--------------------------------
A source strictly inside a barrier polygon gets a warning naming the polygon; that polygon is
ignored (neither blocks nor is subtracted) for that source. A source on the polygon's boundary is
outside it.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import shapely

from .barriers import TWO_PI, Barriers, BarrierView
from .errors import QT_TRANSLATE_NOOP, InputError, Msg
from .feedback import Feedback

ON_EPS = 1e-6  # metres: a generator this close to a barrier segment lies on it
HIDDEN_EPS = 1e-9  # radians: angular slack in sector tests
PIECE_SPAN = math.radians(150.0)  # longest monotone chain cast as one shadow
FAR_STEP = math.radians(60.0)  # far points of a shadow at least every 60°
SOURCE_CHUNK = 256  # sources per bulk STRtree query
GRID = 1e-3  # metres: output precision
BATCH = 2048  # contributions folded together at a time


def tolerance(radius: float) -> float:
    """Allowed distance between the computed and the true zone boundary: max(1 m, 0.1 % of r)."""
    return max(1.0, 0.001 * float(radius))


def quad_segs_for(rho, tol):
    """Segments per quarter circle so that the chord error rho*(1 - cos(pi/n)) <= tol/2."""
    rho = np.asarray(rho, dtype=float)
    x = 1.0 - (tol / 2.0) / np.maximum(rho, 1e-12)
    n = np.where(x <= 0.0, 4.0, np.pi / np.arccos(np.clip(x, -1.0, 1.0 - 1e-16)))
    return np.maximum(2, np.ceil(n / 4.0)).astype(int)


def _disks(x, y, rho, tol):
    """Inscribed disk polygons (vectorized, grouped by segment count)."""
    x, y, rho = np.asarray(x, float), np.asarray(y, float), np.asarray(rho, float)
    out = np.empty(len(x), dtype=object)
    if len(x) == 0:
        return out
    q = quad_segs_for(rho, tol)
    points = shapely.points(x, y)
    for value in np.unique(q):
        sel = q == value
        out[sel] = shapely.buffer(points[sel], rho[sel], quad_segs=int(value))
    return out


def _seg_distance(px, py, seg):
    ax, ay, bx, by = seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3]
    dx, dy = bx - ax, by - ay
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return np.hypot(ax + t * dx - px, ay + t * dy - py)


def _in_sector(angle, sigma, span):
    rel = (angle - sigma) % TWO_PI
    return (rel <= span + HIDDEN_EPS) | (rel >= TWO_PI - HIDDEN_EPS)


def _shadow_polygons(gx, gy, seg, idx, cont, rho):
    """Shadow polygons of the segments ``seg[idx]`` (idx ascending) as seen from (gx, gy)."""
    s = seg[idx]
    ax, ay, bx, by = s[:, 0] - gx, s[:, 1] - gy, s[:, 2] - gx, s[:, 3] - gy
    cross = ax * by - ay * bx
    la, lb = np.hypot(ax, ay), np.hypot(bx, by)
    ok = np.abs(cross) > 1e-12 * la * lb  # segments pointing at g have no angular width
    if not ok.all():
        idx, ax, ay, bx, by, cross, la, lb = idx[ok], ax[ok], ay[ok], bx[ok], by[ok], cross[ok], la[ok], lb[ok]
    n = len(idx)
    if n == 0:
        return None
    dtheta = np.arctan2(cross, ax * bx + ay * by)  # signed, |.| < pi
    positive = cross > 0
    brk = np.ones(n, bool)
    brk[1:] = ~((idx[1:] == idx[:-1] + 1) & cont[idx[:-1]] & (positive[1:] == positive[:-1]))
    run = np.cumsum(brk) - 1
    absd = np.abs(dtheta)
    cum = np.cumsum(absd)
    before = cum - absd
    run_first = np.nonzero(brk)[0]
    before = before - before[run_first][run]
    sub = np.floor(before / PIECE_SPAN).astype(np.int64)
    brk2 = brk.copy()
    brk2[1:] |= sub[1:] != sub[:-1]
    piece = np.cumsum(brk2) - 1
    starts = np.nonzero(brk2)[0]
    n_piece = len(starts)
    lasts = np.append(starts[1:] - 1, n - 1)
    count = lasts - starts + 1  # segments per piece
    span = np.add.reduceat(dtheta, starts)
    phi0 = np.arctan2(ay[starts], ax[starts])
    phi1 = np.arctan2(by[lasts], bx[lasts])
    far = 2.0 * max(rho, float(la.max()), float(lb.max()))
    k = np.maximum(1, np.ceil(np.abs(span) / FAR_STEP).astype(np.int64))
    # chain points: the start of every segment, then the end of each piece's last segment
    pos_chain = np.arange(n) - starts[piece]
    # the barrier's own coordinates (not g + (a - g), which rounds differently)
    s = seg[idx]
    cx = np.concatenate([s[:, 0], s[lasts, 2]])
    cy = np.concatenate([s[:, 1], s[lasts, 3]])
    c_ring = np.concatenate([piece, np.arange(n_piece)])
    c_pos = np.concatenate([pos_chain, count])
    # far points from the end ray back to the start ray
    f_ring = np.repeat(np.arange(n_piece), k + 1)
    f_step = np.arange(len(f_ring)) - np.repeat(np.cumsum(k + 1) - (k + 1), k + 1)
    f_angle = phi1[f_ring] - span[f_ring] * f_step / k[f_ring]
    # the angle of the last far point is exactly phi0 up to rounding: use phi0 itself
    f_angle = np.where(f_step == k[f_ring], phi0[f_ring], f_angle)
    fx = gx + far * np.cos(f_angle)
    fy = gy + far * np.sin(f_angle)
    f_pos = count[f_ring] + 1 + f_step
    ring = np.concatenate([c_ring, f_ring])
    pos = np.concatenate([c_pos, f_pos])
    order = np.lexsort((pos, ring))
    coords = np.stack([np.concatenate([cx, fx])[order], np.concatenate([cy, fy])[order]], axis=1)
    rings = shapely.linearrings(coords, indices=ring[order])
    return shapely.polygons(rings)


def _pie(gx, gy, start, span, rho, tol):
    """Disk(g, rho) ∩ the sector from ``start`` over ``span`` (< π), with inscribed arc vertices."""
    n = 4 * int(quad_segs_for(rho, tol))
    k = max(1, math.ceil(span / (TWO_PI / n)))
    angles = start + span * np.arange(k + 1) / k
    xs = np.concatenate([[gx], gx + rho * np.cos(angles)])
    ys = np.concatenate([[gy], gy + rho * np.sin(angles)])
    return shapely.polygons(np.stack([xs, ys], axis=1))


def _wrap(angle):
    """Angle in (-π, π]."""
    return math.pi - (math.pi - angle) % TWO_PI


ZBUF_BINS = 4096


def _visible_segments(gx, gy, seg, idx, dist):
    """Drop the segments hidden behind nearer ones (angular depth buffer; conservative, exact).

    A bin of the turn around g fully covered by a segment at most ``dmax`` away hides everything
    farther than ``dmax`` in that bin; a segment whose nearest point lies beyond the depth of every
    bin it touches casts no shadow of its own and shows no vertex.
    """
    if len(idx) < 16:
        return idx, dist
    s = seg[idx]
    ax, ay, bx, by = s[:, 0] - gx, s[:, 1] - gy, s[:, 2] - gx, s[:, 3] - gy
    ta = np.arctan2(ay, ax)
    dtheta = np.arctan2(ax * by - ay * bx, ax * bx + ay * by)
    lo = np.minimum(ta, ta + dtheta) + math.pi  # in [0, 3π)
    hi = lo + np.abs(dtheta)
    bw = TWO_PI / ZBUF_BINS
    dmax = np.maximum(np.hypot(ax, ay), np.hypot(bx, by))
    first_full = np.ceil(lo / bw).astype(np.int64)
    n_full = np.maximum(0, np.floor(hi / bw).astype(np.int64) - first_full)
    depth = np.full(ZBUF_BINS, np.inf)
    if n_full.sum():
        owner = np.repeat(np.arange(len(idx)), n_full)
        offs = np.arange(len(owner)) - np.repeat(np.cumsum(n_full) - n_full, n_full)
        np.minimum.at(depth, (first_full[owner] + offs) % ZBUF_BINS, dmax[owner])
    first_touch = np.floor(lo / bw).astype(np.int64)
    n_touch = np.floor(hi / bw).astype(np.int64) - first_touch + 1
    owner = np.repeat(np.arange(len(idx)), n_touch)
    offs = np.arange(len(owner)) - np.repeat(np.cumsum(n_touch) - n_touch, n_touch)
    shallowest = np.zeros(len(idx))
    np.maximum.at(shallowest, owner, depth[(first_touch[owner] + offs) % ZBUF_BINS])
    # relative margin: the depth of a bin is a true upper bound, keep a hair of slack anyway
    keep = ~(dist > shallowest * (1.0 + 1e-9) + 1e-9)
    return idx[keep], dist[keep]


class _Expansion:
    """One Dijkstra over the generators of one set of sources against one barrier view."""

    def __init__(self, view: BarrierView, radii, tol, feedback: Feedback):
        self.view = view
        self.radii = sorted(float(r) for r in radii)
        self.rmax = self.radii[-1]
        self.tol = tol
        self.feedback = feedback
        self.best = np.full(len(view.vxy), np.inf)
        self.heap: list = []
        # contributions per radius: plain disks (x, y, rho) and exact polygons
        self.plain: list[list] = [[] for _ in self.radii]
        self.shaped: list[list] = [[] for _ in self.radii]
        self.generators = 0
        self.visibility_runs = 0

    # -- generators
    def run_sources(self, xy: np.ndarray, progress=None) -> None:
        view, rmax = self.view, self.rmax
        if len(xy) == 0:
            return
        if view.tree is None:
            for i in range(len(self.radii)):
                self.plain[i].append(np.column_stack([xy, np.full(len(xy), self.radii[i])]))
            self.generators += len(xy)
            return
        for lo in range(0, len(xy), SOURCE_CHUNK):
            self.feedback.check_canceled()
            chunk = xy[lo : lo + SOURCE_CHUNK]
            boxes = shapely.box(chunk[:, 0] - rmax, chunk[:, 1] - rmax, chunk[:, 0] + rmax, chunk[:, 1] + rmax)
            src, segs = view.tree.query(boxes)
            if len(src):
                dist = _seg_distance(chunk[src, 0], chunk[src, 1], view.seg[segs])
                near = dist <= rmax
                src, segs, dist = src[near], segs[near], dist[near]
            else:
                dist = np.zeros(0)
            has = np.zeros(len(chunk), bool)
            has[src] = True
            free = ~has
            if free.any():
                for i, r in enumerate(self.radii):
                    self.plain[i].append(np.column_stack([chunk[free], np.full(int(free.sum()), r)]))
                self.generators += int(free.sum())
            bounds = np.searchsorted(src, np.arange(len(chunk) + 1))
            for j in np.nonzero(has)[0]:
                a, b = bounds[j], bounds[j + 1]
                order = np.argsort(segs[a:b], kind="stable")
                self._generator(chunk[j, 0], chunk[j, 1], 0.0, None, None, segs[a:b][order], dist[a:b][order])
            if progress is not None:
                progress(min(len(xy), lo + SOURCE_CHUNK) / len(xy))

    def run_vertices(self) -> None:
        view, rmax = self.view, self.rmax
        done = 0
        while self.heap:
            d, v, px, py, side = heapq.heappop(self.heap)
            if d > self.best[v] + 1e-9:
                continue
            done += 1
            if done % 64 == 0:
                self.feedback.check_canceled()
            rho = rmax - d
            gx, gy = view.vxy[v]
            for wedge in self._wedges_of(v, gx, gy, px, py, side):
                segs = view.tree.query(_wedge_box(gx, gy, wedge, rho))
                segs.sort()
                s = view.seg[segs]
                dist = _seg_distance(gx, gy, s)
                near = (dist <= rho) & ((dist < ON_EPS) | _overlaps_wedge(gx, gy, s, wedge))  # incident edges lead on
                self._generator(gx, gy, d, v, wedge, segs[near], dist[near])

    def _wedges_of(self, v, gx, gy, px, py, side):
        """Where a taut path arriving at bend vertex v from (px, py) may go on: [(start, span)], span <= π.

        The path keeps straight on or turns towards the barrier, at most until it runs along the
        barrier edge that bounds the reflex sector on that side. At the end of a line reached
        along the line itself, the side the path runs on (``side``: +1 left, -1 right, 0 both)
        decides which way it turns around the end.
        """
        view = self.view
        sigma, span = float(view.v_sigma[v]), float(view.v_span[v])
        ahead = math.atan2(gy - py, gx - px)
        rel = (ahead - sigma) % TWO_PI
        if rel > span + HIDDEN_EPS and rel < TWO_PI - HIDDEN_EPS:
            return []
        if rel >= TWO_PI - HIDDEN_EPS:
            rel = 0.0
        clockwise = rel <= span - math.pi + HIDDEN_EPS  # turn clockwise, down to the edge at sigma
        counter = rel >= math.pi - HIDDEN_EPS  # turn counter-clockwise, up to the edge at sigma + span
        if clockwise and counter and side:
            clockwise, counter = side > 0, side < 0
        wedges = []
        if clockwise:
            wedges.append((sigma, min(rel, math.pi)))
        if counter:
            wedges.append((ahead, min(max(0.0, span - rel), math.pi)))
        return wedges

    def _generator(self, gx, gy, d, vertex, wedge, segs, dist) -> None:
        view = self.view
        rho = self.rmax - d
        self.generators += 1
        on = dist < ON_EPS
        obstacles, odist = segs[~on], dist[~on]
        if len(obstacles):
            obstacles, odist = _visible_segments(gx, gy, view.seg, obstacles, odist)
        blocker = None
        if len(obstacles):
            shadows = _shadow_polygons(gx, gy, view.seg, obstacles, view.cont, rho)
            if shadows is not None:
                blocker = shapely.union_all(shadows) if len(shadows) > 1 else shadows[0]
        radii = [r - d for r in self.radii if r - d > 0]
        k0 = len(self.radii) - len(radii)
        if wedge is None and blocker is None:
            for i, r in enumerate(radii):
                self.plain[k0 + i].append(np.array([[gx, gy, r]]))
        else:
            self.visibility_runs += blocker is not None
            if wedge is None:
                areas = _disks(np.full(len(radii), gx), np.full(len(radii), gy), np.array(radii), self.tol)
            else:
                if wedge[1] <= 0.0:
                    areas = []
                else:
                    areas = [_pie(gx, gy, wedge[0], wedge[1], r, self.tol) for r in radii]
            for i, area in enumerate(areas):
                geom = shapely.difference(area, blocker) if blocker is not None else area
                if not geom.is_empty:
                    shaped = self.shaped[k0 + i]
                    shaped.append(geom)
                    if len(shaped) >= BATCH:  # bounded memory: fold a batch into one polygon
                        self.shaped[k0 + i] = [shapely.union_all(np.array(shaped, dtype=object))]
        # successors: bend vertices visible from g, within rho, tangent as seen from g
        if len(segs) == 0:
            return
        cand = np.unique(np.concatenate([view.seg_v[segs[on]].ravel(), view.seg_v[obstacles].ravel()]))
        cand = cand[view.v_bend[cand]]
        if len(cand) == 0:
            return
        dx = view.vxy[cand, 0] - gx
        dy = view.vxy[cand, 1] - gy
        dw = np.hypot(dx, dy)
        keep = (dw > ON_EPS) & (dw < rho) & (d + dw < self.best[cand] + 1e-9)
        if not keep.any():
            return
        cand, dx, dy, dw = cand[keep], dx[keep], dy[keep], dw[keep]
        back = np.arctan2(-dy, -dx)
        sig, spn = view.v_sigma[cand], view.v_span[cand]
        keep = _in_sector(back, sig, spn) & _in_sector(back + math.pi, sig, spn)
        phi = np.arctan2(dy, dx)
        side = np.zeros(len(cand))
        if wedge is not None:
            keep &= _in_sector(phi, wedge[0], wedge[1])
            # which side of g -> w the path runs on, when w lies on a side of the wedge
            side[np.abs((phi - wedge[0] + math.pi) % TWO_PI - math.pi) <= HIDDEN_EPS] = 1.0
            side[np.abs((phi - wedge[0] - wedge[1] + math.pi) % TWO_PI - math.pi) <= HIDDEN_EPS] = -1.0
            # arriving along a barrier edge of w on the far side from w's reflex sector: no bend
            rel_back = (back - sig) % TWO_PI
            # (the sector next to the edge on the path's side: right of the travel direction is
            # counter-clockwise from the edge seen from w, left is clockwise)
            at_start = np.minimum(rel_back, TWO_PI - rel_back) <= HIDDEN_EPS
            at_end = np.abs(rel_back - spn) <= HIDDEN_EPS
            wrong = (at_start & (side > 0)) | (at_end & (side < 0))
            keep &= ~wrong | (spn >= TWO_PI - HIDDEN_EPS)
        elif on.any() and view.polygons is not None:
            # a source on a lake shore: no path goes through the lake
            step = np.minimum(1e-3, dw / 4.0) / dw
            keep &= ~shapely.contains_xy(view.polygons, gx + dx * step, gy + dy * step)
        if blocker is not None and keep.any():
            shapely.prepare(blocker)
            # test a point a hair towards g: a vertex on the front of its own shadow stays visible
            k = keep.nonzero()[0]
            step = 1.0 - ON_EPS / dw[k]
            keep[k] = ~shapely.contains_xy(blocker, gx + dx[k] * step, gy + dy[k] * step)
        best = self.best
        for w, nd, sd in zip(cand[keep].tolist(), (d + dw[keep]).tolist(), side[keep].tolist()):
            if nd < best[w] + 1e-9:
                if nd < best[w]:
                    best[w] = nd
                heapq.heappush(self.heap, (nd, w, gx, gy, sd))

    # -- results
    def zone_geometry(self, index: int) -> shapely.Geometry:
        """The union of the contributions for radius ``self.radii[index]`` (barrier polygons not yet removed)."""
        parts = list(self.shaped[index])
        if self.plain[index]:
            plain = np.vstack(self.plain[index])
            parts.extend(_disks(plain[:, 0], plain[:, 1], plain[:, 2], self.tol).tolist())
        if not parts:
            return shapely.from_wkt("POLYGON EMPTY")
        return shapely.union_all(np.array(parts, dtype=object))


def _wedge_box(gx, gy, wedge, rho):
    start, span = wedge
    k = max(1, math.ceil(span / FAR_STEP))
    angles = start + span * np.arange(k + 1) / k
    far = rho / math.cos(min(FAR_STEP, span / k) / 2.0)
    xs = np.concatenate([[gx], gx + far * np.cos(angles)])
    ys = np.concatenate([[gy], gy + far * np.sin(angles)])
    return shapely.box(xs.min(), ys.min(), xs.max(), ys.max())


def _overlaps_wedge(gx, gy, s, wedge):
    """Segments whose angular extent seen from g meets the wedge (both narrower than π)."""
    start, span = wedge
    mid = start + span / 2.0
    half = span / 2.0 + HIDDEN_EPS
    ta = (np.arctan2(s[:, 1] - gy, s[:, 0] - gx) - mid + math.pi) % TWO_PI - math.pi
    ax, ay, bx, by = s[:, 0] - gx, s[:, 1] - gy, s[:, 2] - gx, s[:, 3] - gy
    dtheta = np.arctan2(ax * by - ay * bx, ax * bx + ay * by)
    lo = np.minimum(ta, ta + dtheta)
    hi = np.maximum(ta, ta + dtheta)
    hit = np.zeros(len(s), bool)
    for shift in (-TWO_PI, 0.0, TWO_PI):
        hit |= (lo + shift <= half) & (hi + shift >= -half)
    return hit


def _source_parts(geometry):
    """Points (n, 2), linework parts and polygon parts of a source geometry."""
    parts = shapely.get_parts(geometry)
    points, lines, polygons = [], [], []
    for part in parts:
        if part.is_empty:
            continue
        kind = shapely.get_type_id(part)
        if kind == 0:
            points.append(shapely.get_coordinates(part))
        elif kind in (1, 2):
            lines.append(part)
        elif kind == 3:
            polygons.append(part)
            lines.extend(shapely.get_parts(shapely.boundary(part)))
        else:  # nested collection
            p, ln, pg = _source_parts(part)
            points.append(p)
            lines.extend(ln)
            polygons.extend(pg)
    xy = np.vstack(points) if points else np.zeros((0, 2))
    return xy, lines, polygons


def _line_generators(lines, view: BarrierView, rmax: float, spacing: float):
    """Source segments far from every barrier (exact buffers) and points densified along the others."""
    if not lines:
        return np.zeros((0, 4)), np.zeros((0, 2))
    coords, index = shapely.get_coordinates(np.array(lines, dtype=object), return_index=True)
    same = index[1:] == index[:-1]
    seg = np.hstack([coords[:-1][same], coords[1:][same]])
    if len(seg) == 0:
        return np.zeros((0, 4)), np.unique(coords, axis=0)
    if view.tree is None:
        return seg, np.zeros((0, 2))
    hits = view.tree.query(shapely.linestrings(seg.reshape(-1, 2, 2)), predicate="dwithin", distance=rmax)
    near = np.zeros(len(seg), bool)
    near[hits[0]] = True
    dense = seg[near]
    if len(dense) == 0:
        return seg, np.zeros((0, 2))
    length = np.hypot(dense[:, 2] - dense[:, 0], dense[:, 3] - dense[:, 1])
    n = np.maximum(1, np.ceil(length / spacing).astype(np.int64))
    owner = np.repeat(np.arange(len(dense)), n + 1)
    t = (np.arange(len(owner)) - np.repeat(np.cumsum(n + 1) - (n + 1), n + 1)) / n[owner]
    pts = np.column_stack(
        [
            dense[owner, 0] + t * (dense[owner, 2] - dense[owner, 0]),
            dense[owner, 1] + t * (dense[owner, 3] - dense[owner, 1]),
        ]
    )
    return seg[~near], np.unique(pts, axis=0)


def barrier_buffer(sources, radius, barriers: Barriers | None = None, *, dissolve=True, labels=None, feedback=None) -> list:
    """The barrier-aware zone of ``radius`` metres around ``sources`` (shapely geometries, working CRS).

    ``dissolve=True``: a list of Polygons, one per connected zone (largest first).
    ``dissolve=False``: one geometry per source, same order: a Polygon or MultiPolygon, or an
    empty Polygon for an empty source. ``labels`` name the sources in warnings (default "#1"...).
    Raises :class:`InputError` for a radius <= 0 and :class:`Canceled` on cancel.
    """
    return barrier_buffers(sources, [radius], barriers, dissolve=dissolve, labels=labels, feedback=feedback)[0]


def barrier_buffers(sources, radii, barriers: Barriers | None = None, *, dissolve=True, labels=None, feedback=None):
    """Like :func:`barrier_buffer` for several radii from one expansion: one result list per radius, in the
    order of ``radii``. Accuracy: tolerance of the smallest radius for all of them."""
    feedback = feedback or Feedback()
    radii = [float(r) for r in radii]
    if not radii:
        return []
    for r in radii:
        if not math.isfinite(r) or r <= 0:
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "The distance must be greater than 0 m (got {value})."), value=_fmt(r))
            )
    sources = list(sources)
    if labels is None:
        labels = [f"#{i + 1}" for i in range(len(sources))]
    barriers = barriers if barriers is not None else Barriers()
    order = sorted(range(len(radii)), key=lambda i: radii[i])
    sorted_radii = [radii[i] for i in order]
    tol = tolerance(sorted_radii[0])
    rmax = sorted_radii[-1]

    per_source = []  # one list (per group) of (ignore, points, exact parts) per source
    warned = set()
    for i, geometry in enumerate(sources):
        per_source.append(_prepare_source(geometry, labels[i], barriers, rmax, tol, feedback, warned))

    if dissolve:
        groups: dict = {}
        for items in per_source:
            for ignore, xy, exact in items:
                g = groups.setdefault(ignore, ([], []))
                g[0].append(xy)
                g[1].append(exact)
        results = _expand_groups(groups, barriers, sorted_radii, tol, feedback)
        out = []
        for geometry in results:
            polys = [p for p in shapely.get_parts(geometry) if shapely.get_type_id(p) == 3 and not p.is_empty]
            polys.sort(key=lambda p: -p.area)
            out.append(polys)
    else:
        per_radius = [[] for _ in sorted_radii]
        for i, items in enumerate(per_source):
            step = feedback.step(100.0 * i / max(1, len(per_source)), 100.0 * (i + 1) / max(1, len(per_source)))
            groups = {}
            for ignore, xy, exact in items:
                g = groups.setdefault(ignore, ([], []))
                g[0].append(xy)
                g[1].append(exact)
            results = _expand_groups(groups, barriers, sorted_radii, tol, step, report=False)
            for k, geometry in enumerate(results):
                per_radius[k].append(_polygonal(geometry))
        out = per_radius
    feedback.progress(100.0)
    unsorted = [None] * len(radii)
    for k, i in enumerate(order):
        unsorted[i] = out[k]
    return unsorted


def _prepare_source(geometry, label, barriers: Barriers, rmax, tol, feedback, warned):
    """[(ignored polygon indices, generator points, exact parts per radius-independent form)]."""
    if geometry is None or geometry.is_empty:
        return []
    xy, lines, polygons = _source_parts(geometry)
    view = barriers.view()
    free_segments, dense = _line_generators(lines, view, rmax, tol / 2.0)
    points = np.vstack([xy, dense]) if len(dense) else xy
    items = {}
    if len(points):
        inside = barriers.polygons_containing([tuple(p) for p in points]) if barriers.polygons else [[]] * len(points)
        keys = [frozenset(s) for s in inside]
        for key in set(keys):
            sel = np.array([k == key for k in keys])
            items.setdefault(key, [np.zeros((0, 2)), []])[0] = points[sel]
    exact = []  # ("segment", coords) or ("polygon", geometry)
    for s in free_segments:
        exact.append(("segment", s))
    for p in polygons:
        exact.append(("polygon", p))
    if exact:
        probes = []
        for kind, value in exact:
            if kind == "segment":
                probes.append(((value[0] + value[2]) / 2.0, (value[1] + value[3]) / 2.0))
            else:
                pt = shapely.point_on_surface(value)
                probes.append((pt.x, pt.y))
        inside = barriers.polygons_containing(probes) if barriers.polygons else [[]] * len(probes)
        for (kind, value), s in zip(exact, inside):
            items.setdefault(frozenset(s), [np.zeros((0, 2)), []])[1].append((kind, value))
    for key in items:
        for b in sorted(key):
            if (label, b) in warned:
                continue
            warned.add((label, b))
            feedback.warn(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "Source {source} lies inside the barrier polygon '{barrier}': that polygon is ignored for it.",
                    ),
                    source=label,
                    barrier=barriers.polygons[b][0],
                )
            )
    return [(key, xy_, ex) for key, (xy_, ex) in items.items()]


def _expand_groups(groups, barriers: Barriers, radii, tol, feedback, report=True):
    """Union per radius of the zones of every group (one expansion per set of ignored polygons)."""
    results = [[] for _ in radii]
    n_groups = max(1, len(groups))
    for gi, (ignore, (xys, exacts)) in enumerate(sorted(groups.items(), key=lambda kv: sorted(kv[0]))):
        fb = feedback.step(100.0 * gi / n_groups, 100.0 * (gi + 1) / n_groups)
        view = barriers.view(ignore)
        xy = np.vstack(xys) if xys else np.zeros((0, 2))
        if len(xy):
            xy = np.unique(xy, axis=0)
        expansion = _Expansion(view, radii, tol, fb)
        expansion.run_sources(xy, progress=lambda f, fb=fb: fb.progress(60.0 * f))
        fb.progress(60.0)
        expansion.run_vertices()
        fb.progress(85.0)
        if report:
            fb.info(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core", "Zone engine: {sources} source point(s), {generators} generator(s), {visibility} "
                        "with barriers in reach."
                    ),
                    sources=len(xy),
                    generators=expansion.generators,
                    visibility=expansion.visibility_runs,
                )
            )
        exact_parts = [e for ex in exacts for e in ex]
        for k, r in enumerate(radii):
            fb.check_canceled()
            geometry = expansion.zone_geometry(k)
            extra = []
            for kind, value in exact_parts:
                if kind == "segment":
                    line = shapely.linestrings(np.asarray(value).reshape(2, 2))
                    extra.append(shapely.buffer(line, r, quad_segs=int(quad_segs_for(r, tol))))
                else:  # a polygon source includes itself; its boundary grows as segments/points
                    extra.append(value)
            if extra:
                geometry = shapely.union_all(np.array([geometry, *extra], dtype=object))
            if view.polygons is not None:
                geometry = shapely.difference(geometry, view.polygons)
            results[k].append(geometry)
        fb.progress(100.0)
    return [_clean(shapely.union_all(np.array(parts, dtype=object))) if parts else shapely.from_wkt("POLYGON EMPTY") for parts in results]


def _clean(geometry):
    """Snap to a 1 mm grid: closes the hair-thin gaps and slivers left where a shadow side and the
    wedge of the corner that casts it meet along the same ray (they agree only up to rounding)."""
    return shapely.set_precision(geometry, GRID)


def _polygonal(geometry):
    polys = [p for p in shapely.get_parts(geometry) if shapely.get_type_id(p) == 3 and not p.is_empty]
    if not polys:
        return shapely.from_wkt("POLYGON EMPTY")
    return polys[0] if len(polys) == 1 else shapely.multipolygons(polys)


def _fmt(value: float) -> str:
    return f"{value:g}"
