"""Barrier-aware zones: the exact vector construction of "everything within r of a nest by a path
that crosses no river or ridge".

Definition
----------
The zone of radius r around sources S is ``{p : d(p) <= r}`` where d(p) is the length of a
shortest path from S to p that never crosses a barrier line and never enters the interior of a
barrier polygon (touching or sliding along a barrier is allowed, but a path along a line leaves it
on the side it came from: legal paths are the limits of paths that touch no barrier). A barrier
polygon that holds a source does not block that source (see "Sources inside a barrier polygon");
it blocks every other one. Without barriers the zone is the union of the disks of radius r.

Topology
--------
The barriers are first made one clean planar arrangement (``core/barriers.py``, ``_planar``): all
lines and polygon boundaries noded together by snap rounding on a 0.1 mm grid (NODE_GRID), so that
lines crossing each other or themselves, a tributary ending on a river at a vertex or on a segment,
a river flowing into a lake all meet in shared vertices, and no vertex lies a rounding error off a
segment it is not joined to (duplicate, collinear and overlapping pieces dissolve; a closed line and
a polygon with holes are rings like any other). A vertex whose widest sector exceeds π by any real
amount (BEND_EPS = 1e-12 rad) is a bend vertex: a junction rounded 0.05 mm off a straight run hides
what lies behind it, and the paths along the run wrap around it. Snapping tolerance SNAP_TOLERANCE = 0.1 m: a line end within it
of another barrier segment (its own line too) is joined to it, and a dangling piece shorter than it
past a junction (a tributary drawn a few centimetres past the river) is dropped. Digitizing noise is
far smaller (an end "snapped to a segment" lies a rounding error off it, 1e-10 m; layers stored to the
centimetre; reprojection), a gap a path could use is metres wide (0.1 m is 0.01 mm on a 1:10,000 map):
a true gap wider than 0.1 m stays an opening. The line ends are joined on the barriers as
digitized; then the crossings (bridges) are cut out of every barrier (a disk of crossing_width / 2),
connectors included, so that a crossing on a junction opens every line there; the ends a crossing
cuts are never joined again, however close (a tributary meeting the river at a shallow angle under a
bridge leaves two cut ends centimetres apart on the rim: the wedge between the rivers is open). A
source inside a barrier polygon but within SNAP_TOLERANCE of its boundary is moved onto the boundary:
it is on the shore; a source within NODE_GRID of a barrier is put on it (:func:`_onto_barriers`), so
that a nest digitized on a river stays on it after the rounding.

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

Vis(g) ∩ Disk(g, ρ) is computed in vector form: the barrier segments within ρ of g (STRtree),
minus those an angular depth buffer proves hidden, go into an angular sweep around g
(:func:`_visibility_polygon`). The angles of all segment ends cut the turn into elementary
intervals; the noded barrier segments never cross, so inside an interval the nearest segment is
the same along every ray and is found on the middle ray. The visibility polygon follows that
segment from ray to ray (the barrier's own vertices at its ends) and jumps radially, along rays
through barrier vertices (the sides of the shadows), where the nearest segment changes. Its
intersection with the disk (or the pie of Sector(g)) is the contribution. A segment through g
itself (a source on a barrier line) is left out, so such a source sees both sides; a source on a
lake shore sees the water too, but the lake is subtracted at the end and no path bends through it
(successors inside a barrier polygon are refused). A generator whose disk meets no barrier is a
plain disk: no visibility work at all.

Pruning (exact)
---------------
Most generators of a dense cluster add nothing: their reach is covered by their neighbours'.
Everything reachable from g with remaining radius ρ, through g's successors too, lies in Disk(g, ρ)
and, since it never crosses a barrier, in the face F(g) of that disk cut along the barriers (a
river crossing the disk hides its far side whatever the meanders). Contributions are folded into
the zone built so far Z (``_Cover``: a background thread folds them in batches while the next
generators are computed; the tests use the zone of a fold or two before, a part of the result), and a
generator is skipped, successors and all, when Disk(g, ρ - tol/2) ∩ F(g) lies inside Z, i.e. when
no point of F(g) outside Z lies within ρ - tol/2 of g (a prepared distance test against the free
part of the face, computed once per face and refresh). Why the
result stays exact: take p with d(p) <= r - tol and its shortest path s, v1, ..., vk, p. Up to the
first skipped generator on it every generator is processed with its exact distance, so that one,
v, is reached with its exact d_v and d_v(p) <= ρ_v - tol: p lies in Disk(v, ρ_v - tol/2) ∩ F(v) ⊆ Z.
If none is skipped, p lies in the contribution of vk. Skipping loses only points within tol/2 of
the boundary, which the chords already give up. Faces are computed per square cell of r/2 by polygonizing
a disk around the cell together with the barrier chains in it, and the free part looked at is
the part farther than 1 mm from Z (the zone's edge along a barrier is snapped to the 1 mm output
grid; the points ignored are within 1 mm of Z, the output grid); a bend vertex uses a point 1 cm off it
inside its reflex sector to find its face, a source on a barrier line uses none (plain disk test).
A contribution that misses the free part (it lies within 1 mm of Z) is not folded: it adds only
points the output grid gives up; its generator's successors are still processed.
Sources go outer first (per cell of r the corners of their convex hull, then from the outside
inwards), so that inner nests of a cluster find their disk covered, and after each chunk of sources
the Dijkstra runs on over the bend vertices they reached: those fill the shadow pockets behind
meanders that no source sees, and the next chunk finds its faces covered. A vertex may then be
processed at a distance a later source shortens; it is processed again at the shorter one. Any
order is exact: the argument above only needs each generator on a shortest path to be processed
or skipped at its exact distance at some point, against a Z that is part of the result.

Accuracy
--------
tol = max(1 m, 0.1 % of r). Disks are regular polygons inscribed in the circle with n vertices
such that the chord error ρ(1 - cos(π/n)) <= tol/2, chosen per disk radius ρ. Visibility polygons
are exact up to rounding (their sides are barrier segments and rays through barrier vertices).
Line and polygon sources: a source segment whose buffer of radius r meets no barrier contributes
its exact buffer (stadium); a segment near a barrier is replaced by points every Δ = tol/2 along
it. Every source point q then has a generator q' on the same side of every barrier within Δ along
the segment, and d_q'(p) <= Δ + d_q(p), so the boundary moves inwards by at most Δ = tol/2.
Pruning uses the same tol/2 as the chords (a skipped generator's points within tol/2 of its own
disk edge are the ones its chords would have cut). All errors are inward (the computed zone lies
inside the true zone, up to the 1 mm output grid) and together <= tol. Below the grid: the barriers
move by at most 0.07 mm (snap rounding), pie sides are turned inwards by 1e-9 rad (:func:`_pies`), a
union GEOS returns invalid is redone on a 1 µm grid (:func:`_union`).

Several radii
-------------
:func:`barrier_buffers` computes several radii from one expansion (the generators and visibility
polygons of the largest radius serve all of them; a generator is skipped only when it is covered
for every radius). A generator covered for the larger radii only matters up to the largest
remaining radius it is not covered for: the barriers and successors beyond that reach are left out
(its reach for a covered radius, successors included, adds nothing). The coverage faces are kept
per radius (cells of r/2). The zone of radius r_q + e around the nests equals the
zone of radius e around the zone of radius r_q (a path of length <= r_q + e leaves the inner zone
after r_q), so a threatened zone is best computed as a second radius of the nests' expansion
rather than by buffering the quarantine zone polygon (whose boundary is many generators).

Sources inside a barrier polygon
--------------------------------
A source strictly inside a barrier polygon (farther than SNAP_TOLERANCE from its boundary: a nest on
a hill digitized as a mountain polygon) gets a warning naming the polygon. That polygon does not
block that source: it is left out of the barrier view of the source's expansion, so the source
spreads inside and out of it by shortest paths (inside it too), and only the other barrier polygons
are subtracted from its part of the zone. The zone always contains its sources. Every other source
is still blocked by the polygon (its own expansion sees it). A source on the polygon's boundary is
on the shore: it sees both sides (the polygon is subtracted from its part of the zone) and its paths
never start into the polygon (no successor in a sector between the shore edges through it that lies
inside the polygon, :func:`_wet_sectors`).
"""

from __future__ import annotations

import collections
import functools
import heapq
import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from .barriers import NODE_GRID, TWO_PI, Barriers, BarrierView
from .errors import QT_TRANSLATE_NOOP, InputError, Msg
from .feedback import Feedback

ON_EPS = 1e-6  # metres: a generator this close to a barrier segment lies on it
HIDDEN_EPS = 1e-9  # radians: angular slack in sector tests
HEAD_ON = 1e-6  # radians: a path arriving at a line end this close to its direction arrives along it
PIE_SLACK = 1e-9  # radians: the sides of a pie are turned inwards by this much (:func:`_pies`)
FAR_STEP = math.radians(60.0)  # corners of a wedge's bounding polygon at least every 60°
SOURCE_CHUNK = 256  # sources per bulk STRtree query (and per coverage test)
VERTEX_BATCH = 64  # bend vertices processed together, at most
PAIR_BUDGET = 250_000  # (generator, barrier segment) pairs swept together, at most (memory)
FIRST_CHUNK = 16  # the first chunks are small: the zone grows fast while little is covered
REFRESH_MIN = 256  # contributions folded into the covered zone at a time, at least,
REFRESH_DIV = 16  # or this fraction of those folded so far (folding runs in a background thread)
FOLDS_AHEAD = 2  # folds the background thread may be behind (the main thread seldom waits)
FOLD_VERTICES = 200  # a contribution counts one more for this many vertices of its visibility polygon
# a face's free part is recomputed when it is more than this many folds old: an older one is larger
# (the zone only grows), so the coverage tests stay exact, only a little less sharp
FREE_FACE_AGE = 1
GRID = 1e-3  # metres: output precision
FOLD_GRID = 1e-6  # metres: a union GEOS got wrong is redone by snap rounding on this grid (:func:`_union`)


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


FAR_ANGLES = np.arange(12) * (math.pi / 6.0)  # the far boundary of a visibility polygon bends at least every 30°


def _visibility_polygons(gxy, seg, gid, idx, reach):
    """For each generator g (rows of ``gxy``): the part of the plane visible from g among its segments
    ``seg[idx[gid == g]]``, as a star-shaped polygon (exact up to rounding; directions with no segment
    end at ``reach[g]``), or None where g has no segment (nothing blocks it). One vectorized sweep for
    all of them (``gid`` ascending).

    Angular sweep: the angles of all segment ends cut the turn around g into elementary intervals.
    Barrier segments never cross (the linework is noded), so inside an interval the nearest segment
    is the same along every ray: it is found on the middle ray. The boundary runs along that segment
    from ray to ray (the barrier's own vertices at its ends) and jumps radially where the nearest
    segment changes, i.e. along rays through barrier vertices: the sides of the shadows.
    """
    n_g = len(gxy)
    out = np.full(n_g, None, dtype=object)
    s = seg[idx]
    gx, gy = gxy[gid, 0], gxy[gid, 1]
    ax, ay, bx, by = s[:, 0] - gx, s[:, 1] - gy, s[:, 2] - gx, s[:, 3] - gy
    cross = ax * by - ay * bx
    ok = np.abs(cross) > 1e-12 * np.hypot(ax, ay) * np.hypot(bx, by)  # segments pointing at g hide nothing
    s, gid, cross = s[ok], gid[ok], cross[ok]
    n = len(s)
    if n == 0:
        return out
    gx, gy = gxy[gid, 0], gxy[gid, 1]
    # orient every segment counter-clockwise around its generator: from end 0 to end 1
    flip = cross < 0
    x0 = np.where(flip, s[:, 2], s[:, 0])
    y0 = np.where(flip, s[:, 3], s[:, 1])
    x1 = np.where(flip, s[:, 0], s[:, 2])
    y1 = np.where(flip, s[:, 1], s[:, 3])
    # one angle per barrier vertex (computed from its own coordinates, so chained segments agree)
    t0 = _angle(x0 - gx, y0 - gy)
    t1 = _angle(x1 - gx, y1 - gy)
    # the critical angles of each generator, sorted and distinct: crit[start[g] : start[g] + m[g]]
    gens = np.unique(gid)
    cg = np.concatenate([gid, gid, np.repeat(gens, len(FAR_ANGLES))])
    ct = np.concatenate([t0, t1, np.tile(FAR_ANGLES, len(gens))])
    order = np.argsort(ct)
    order = order[np.argsort(cg[order].astype(np.int16 if n_g < 2**15 else np.int64), kind="stable")]  # = lexsort, faster
    new = np.ones(len(order), bool)
    new[1:] = (cg[order[1:]] != cg[order[:-1]]) | (ct[order[1:]] != ct[order[:-1]])
    rank = np.empty(len(order), np.int64)
    rank[order] = np.cumsum(new) - 1
    crit, cg = ct[order][new], cg[order][new]
    m_all = len(crit)
    start = np.searchsorted(cg, np.arange(n_g))
    m = np.bincount(cg, minlength=n_g)
    local = np.arange(m_all) - start[cg]
    mg = m[cg]
    j0 = rank[:n] - start[gid]  # local index of each segment's end angles
    j1 = rank[n : 2 * n] - start[gid]
    count = (j1 - j0) % m[gid]  # elementary intervals covered (a span < π never wraps fully)
    owner = np.repeat(np.arange(n), count)
    offs = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
    og = gid[owner]
    interval = start[og] + (j0[owner] + offs) % m[og]
    last = local == mg - 1
    upper = np.append(crit[1:], 0.0)
    upper[last] = crit[start[cg[last]]] + TWO_PI
    mid = (crit + upper) / 2.0
    ux, uy = np.cos(mid)[interval], np.sin(mid)[interval]
    ex, ey = x1[owner] - x0[owner], y1[owner] - y0[owner]
    px, py = x0[owner] - gx[owner], y0[owner] - gy[owner]
    depth = (px * ey - py * ex) / (ux * ey - uy * ex)
    # the nearest segment of each interval (the first one on ties)
    nearest_depth = np.full(m_all, np.inf)
    np.minimum.at(nearest_depth, interval, depth)
    tie = depth == nearest_depth[interval]
    nearest = np.full(m_all, n)
    np.minimum.at(nearest, interval[tie], owner[tie])
    nearest[nearest == n] = -1
    # two boundary points per interval: where its nearest segment (or the far circle) meets its side rays
    has = nearest >= 0
    sg = np.where(has, nearest, 0)
    cx, cy = gxy[cg, 0], gxy[cg, 1]
    sex, sey = x1[sg] - x0[sg], y1[sg] - y0[sg]
    sdx, sdy = x0[sg] - cx, y0[sg] - cy

    # the rays at the ends of each interval (the upper one of an interval is the lower one of the next)
    nxt_local = (local + 1) % mg
    nxt = start[cg] + nxt_local
    cos_lo, sin_lo = np.cos(crit), np.sin(crit)
    cos_hi, sin_hi = cos_lo[nxt], sin_lo[nxt]

    def on_segment(ca, sa):
        # intervals without a nearest segment borrow segment 0 and are masked below; a zero-length
        # barrier segment divides 0 by 0 there: neither value is used
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (sdx * sey - sdy * sex) / (ca * sey - sa * sex)
            return cx + t * ca, cy + t * sa

    sx, sy = on_segment(cos_lo, sin_lo)
    exs, eys = on_segment(cos_hi, sin_hi)
    at0 = has & (j0[sg] == local)
    at1 = has & (j1[sg] == nxt_local)
    sx, sy = np.where(at0, x0[sg], sx), np.where(at0, y0[sg], sy)
    exs, eys = np.where(at1, x1[sg], exs), np.where(at1, y1[sg], eys)
    far = reach[cg]
    sx = np.where(has, sx, cx + far * cos_lo)
    sy = np.where(has, sy, cy + far * sin_lo)
    exs = np.where(has, exs, cx + far * cos_hi)
    eys = np.where(has, eys, cy + far * sin_hi)
    # the same segment on both sides of a ray: no vertex there
    same = has & (nearest[nxt] == nearest)
    keep_start = ~same[start[cg] + (local - 1) % mg]
    xs = np.column_stack([sx, exs]).ravel()
    ys = np.column_stack([sy, eys]).ravel()
    pg = np.repeat(cg, 2)
    keep = np.column_stack([keep_start, ~same]).ravel()
    xs, ys, pg = xs[keep], ys[keep], pg[keep]
    dup = np.zeros(len(xs), bool)
    dup[1:] = (xs[1:] == xs[:-1]) & (ys[1:] == ys[:-1]) & (pg[1:] == pg[:-1])
    # a ring's last point equal to its first
    firsts = np.searchsorted(pg, gens)
    lasts = np.searchsorted(pg, gens, side="right") - 1
    closing = (lasts > firsts) & (xs[lasts] == xs[firsts]) & (ys[lasts] == ys[firsts])
    dup[lasts[closing]] = True
    xs, ys, pg = xs[~dup], ys[~dup], pg[~dup]
    valid = np.bincount(pg, minlength=n_g) >= 3
    sel = valid[pg]
    if not sel.any():
        return out
    ring_gens = np.nonzero(valid)[0]
    ring_id = np.searchsorted(ring_gens, pg[sel])
    out[ring_gens] = shapely.polygons(shapely.linearrings(xs[sel], ys[sel], indices=ring_id))
    return out


def _angle(x, y):
    """Angle in [0, 2π)."""
    a = np.arctan2(y, x)
    a = np.where(a < 0.0, a + TWO_PI, a)
    return np.where(a >= TWO_PI, 0.0, a)


def _pies(gx, gy, start, span, rho, tol):
    """Disk(g, rho) ∩ the sector from ``start`` over ``span`` (< π), with inscribed arc vertices; for
    arrays of them.

    Both sides are turned inwards by PIE_SLACK radians. A side runs along a barrier edge or along
    the ray the path arrives on, i.e. often along a ray through a barrier vertex, where the visibility
    polygon has a shadow side too; computed from other coordinates, the two agree only up to rounding
    and their intersection would keep a zero-width spike along the ray, a needle out to rho beyond
    the vertex. Turned inwards they part cleanly. The loss, rho * PIE_SLACK (15 µm at 15 km), is
    far below the 1 mm output grid, and the crack it leaves next to the neighbouring contribution is
    closed at the end (:func:`_clean`).
    """
    start = start + PIE_SLACK
    span = np.maximum(0.0, span - 2.0 * PIE_SLACK)
    n = 4 * quad_segs_for(rho, tol)
    k = np.maximum(1, np.ceil(span / (TWO_PI / n))).astype(np.int64)
    owner = np.repeat(np.arange(len(k)), k + 2)  # the centre, then k + 1 arc vertices
    step = np.arange(len(owner)) - np.repeat(np.cumsum(k + 2) - (k + 2), k + 2) - 1
    angles = start[owner] + span[owner] * step / k[owner]
    arc = step >= 0
    xs = np.where(arc, gx[owner] + rho[owner] * np.cos(angles), gx[owner])
    ys = np.where(arc, gy[owner] + rho[owner] * np.sin(angles), gy[owner])
    return shapely.polygons(shapely.linearrings(xs, ys, indices=owner))


def _wrap(angle):
    """Angle in (-π, π]."""
    return math.pi - (math.pi - angle) % TWO_PI


ZBUF_BINS = 4096


def _visible_segments(gxy, seg, gid, idx, dist):
    """Drop the segments hidden behind nearer ones, for every generator at once (an angular depth buffer
    per generator; conservative, exact). ``gid``: the generator (row of ``gxy``) of each segment.

    A bin of the turn around g fully covered by a segment at most ``dmax`` away hides everything
    farther than ``dmax`` in that bin; a segment whose nearest point lies beyond the depth of every
    bin it touches casts no shadow of its own and shows no vertex.
    """
    if len(idx) == 0:
        return gid, idx, dist
    s = seg[idx]
    gx, gy = gxy[gid, 0], gxy[gid, 1]
    ax, ay, bx, by = s[:, 0] - gx, s[:, 1] - gy, s[:, 2] - gx, s[:, 3] - gy
    ta = np.arctan2(ay, ax)
    dtheta = np.arctan2(ax * by - ay * bx, ax * bx + ay * by)
    lo = np.minimum(ta, ta + dtheta) + math.pi  # in [0, 3π)
    hi = lo + np.abs(dtheta)
    bw = TWO_PI / ZBUF_BINS
    dmax = np.maximum(np.hypot(ax, ay), np.hypot(bx, by))
    base = gid.astype(np.int64) * ZBUF_BINS
    first_full = np.ceil(lo / bw).astype(np.int64)
    n_full = np.maximum(0, np.floor(hi / bw).astype(np.int64) - first_full)
    depth = np.full(len(gxy) * ZBUF_BINS, np.inf)
    if n_full.sum():
        owner = np.repeat(np.arange(len(idx)), n_full)
        offs = np.arange(len(owner)) - np.repeat(np.cumsum(n_full) - n_full, n_full)
        np.minimum.at(depth, base[owner] + (first_full[owner] + offs) % ZBUF_BINS, dmax[owner])
    first_touch = np.floor(lo / bw).astype(np.int64)
    n_touch = np.floor(hi / bw).astype(np.int64) - first_touch + 1
    owner = np.repeat(np.arange(len(idx)), n_touch)
    offs = np.arange(len(owner)) - np.repeat(np.cumsum(n_touch) - n_touch, n_touch)
    shallowest = np.zeros(len(idx))
    np.maximum.at(shallowest, owner, depth[base[owner] + (first_touch[owner] + offs) % ZBUF_BINS])
    # relative margin: the depth of a bin is a true upper bound, keep a hair of slack anyway
    keep = ~(dist > shallowest * (1.0 + 1e-9) + 1e-9)
    return gid[keep], idx[keep], dist[keep]


class _Cover:
    """The zone built so far, per radius, and the test "is this generator's reach already covered?".

    Contributions wait in ``pending`` until :meth:`refresh` hands them to a background thread that
    clips them to their visibility polygons and folds them into ``chain.zone[k]`` (:func:`_fold`) and
    computes ``free[k]``, the prepared part of a box holding every contribution farther than 1 mm
    from the zone. A later refresh installs that result (once FOLDS_AHEAD folds are on their way), so
    which zone each test sees is fixed by the order of the work, not by its timing: deterministic.
    Refreshes come after max(REFRESH_MIN, folded / REFRESH_DIV) contributions (plain disks count one
    each, shaped ones one more per FOLD_VERTICES vertices of their visibility polygon, whose folding
    costs more). Several runs at once (QGIS can run algorithms in parallel) share the one fold
    thread: each run's folds stay in order, and each has its own chain.
    Everything a generator g with remaining radius ρ reaches lies in Disk(g, ρ), and in the face of
    g in that disk cut along the barriers; when that part of Disk(g, ρ - tol/2) misses ``free[k]``,
    g adds nothing the result needs (module docstring, "Pruning").
    """

    def __init__(self, radii, tol, box, view: BarrierView):
        n_radii = len(radii)
        self.tol = tol
        self.box = box
        self.view = view
        self.free = [None] * n_radii
        self.plain = [[] for _ in range(n_radii)]  # arrays (x, y, rho)
        self.shaped = [[] for _ in range(n_radii)]
        self.pending = 0
        self.folded = 0
        # faces: per radius and square cell of half that radius, the pieces of a disk around the cell
        # cut along the barriers
        self.cell = [max(1.0, r / 2.0) for r in radii]
        self.face_radius = [r + c * math.sqrt(0.5) + 1.0 for r, c in zip(radii, self.cell)]
        self.faces: dict = {}
        # ((radius index, i, j), face index) -> (free ∩ face, the fold it was computed from)
        self.free_faces: dict = {}
        self.installed = [0] * n_radii
        self.running = collections.deque()  # the folds running in the background (Futures), oldest first
        self.chain = _FoldChain(n_radii)

    def add_plain(self, k, xyr) -> None:
        self.plain[k].append(xyr)
        self.pending += len(xyr)

    def add_shaped(self, k, area, visible) -> None:
        """A contribution: ``area`` (a disk or pie) ∩ ``visible`` (None: all of it), clipped when folded."""
        self.shaped[k].append((area, visible))
        # a large one (a nest seeing a long river bank) counts for more: folding it costs more
        self.pending += 1 + (shapely.get_num_coordinates(visible) / FOLD_VERTICES if visible is not None else 0)

    def due(self) -> bool:
        return self.pending >= max(REFRESH_MIN, self.folded // REFRESH_DIV)

    def refresh(self, final=False) -> None:
        """Hand the pending contributions to the background fold (:func:`_fold_next`). The coverage tests
        go on against the zone of an earlier fold, at most ``FOLDS_AHEAD`` behind (still exact: they only
        need a part of the result; and the same at every run, whatever the timing). ``final``: wait for
        everything and fold the rest here, without the free part (nothing is tested any more) and
        without the closing (the output is closed once at the end, :func:`_expand_groups`)."""
        while len(self.running) >= (1 if final else FOLDS_AHEAD):
            self._install()
        if not self.pending and not final:
            return
        batches = []
        for k in range(len(self.free)):
            plain = np.vstack(self.plain[k]) if self.plain[k] else np.zeros((0, 3))
            batches.append((self.shaped[k], plain))
            self.plain[k], self.shaped[k] = [], []
        self.folded += self.pending
        self.pending = 0
        if final:
            for k, (shaped, plain) in enumerate(batches):
                merged = _fold((shaped, plain, None), self.chain.zone[k], None, self.tol)[0]
                if merged is not None:  # (every fold is done: the chain is this thread's now)
                    self.chain.zone[k] = _on_grid(merged)
            return
        self.running.append(_folder().submit(_fold_next, self.chain, batches, self.box, self.tol))

    def _install(self) -> None:
        """Wait for the oldest fold running in the background and use its zone from now on."""
        for k, (zone, free) in enumerate(self.running.popleft().result()):
            if zone is not None:
                self.free[k] = free
                self.installed[k] += 1

    def covered(self, k, x, y, rho, probes=None) -> np.ndarray:
        """For generators at (x, y) with remaining radii rho (arrays): True where nothing is left to add.
        ``probes`` (n, 2): a point next to each generator inside the free sector it spreads into (None:
        the generator itself; NaN: no face test)."""
        x, y = np.atleast_1d(np.asarray(x, float)), np.atleast_1d(np.asarray(y, float))
        reach = np.array(np.broadcast_to(np.asarray(rho, float) - self.tol / 2.0, x.shape))
        out = reach <= 0.0
        if self.free[k] is None:
            return out
        test = np.nonzero(~out)[0]
        if len(test):
            # the prepared geometry first: shapely only uses the prepared index of the first argument
            out[test] = ~shapely.dwithin(self.free[k], shapely.points(x[test], y[test]), reach[test])
        if self.view.tree is None:
            return out
        # the rest: is the free part within reach on the far side of a barrier?
        probes = np.column_stack([x, y]) if probes is None else np.asarray(probes, float).reshape(-1, 2)
        rest = np.nonzero(~out & np.isfinite(probes[:, 0]))[0]
        if len(rest) == 0:
            return out
        # the face of each generator (every face of its cell is tried: not contains_xy, GEOS >= 3.12), the
        # free part of each face needed (once per face and fold), then one prepared distance test each
        size = self.cell[k]
        cells, cell_of = np.unique(np.floor(np.column_stack([x[rest], y[rest]]) / size).astype(np.int64), axis=0, return_inverse=True)
        cell_of = cell_of.ravel()
        keys = [(k, i, j) for i, j in cells.tolist()]
        cell_faces = [self._faces(key) for key in keys]
        count = np.array([len(f) for f in cell_faces])
        first = np.cumsum(count) - count
        faces = np.concatenate(cell_faces)
        cell_of_face = np.repeat(np.arange(len(keys)), count)
        tries = count[cell_of]
        point = np.repeat(np.arange(len(rest)), tries)
        face = np.repeat(first[cell_of], tries) + np.arange(len(point)) - np.repeat(np.cumsum(tries) - tries, tries)
        inside = shapely.contains(faces[face], shapely.points(probes[rest])[point])
        found, at = np.unique(point[inside], return_index=True)
        face_of = np.full(len(rest), -1)
        face_of[found] = face[inside][at]
        free_parts = np.empty(len(faces), dtype=object)
        for f in np.unique(face_of[face_of >= 0]).tolist():
            c = cell_of_face[f]
            key = (keys[c], f - int(first[c]))
            free_face, stamp = self.free_faces.get(key, (None, -1))
            if free_face is None or stamp < self.installed[k] - FREE_FACE_AGE:
                free_face = _free_face(faces[f], self.free[k])
                self.free_faces[key] = (free_face, self.installed[k])
            free_parts[f] = free_face
        test = rest[face_of >= 0]
        out[test] = ~shapely.dwithin(free_parts[face_of[face_of >= 0]], shapely.points(x[test], y[test]), reach[test])
        return out

    def _faces(self, key):
        """The faces of the disk around the cell ``key`` = (radius index, i, j) cut along the barriers
        (prepared; a probe strictly inside one finds its face)."""
        faces = self.faces.get(key)
        if faces is None:
            k = key[0]
            size = self.cell[k]
            cx, cy = (key[1] + 0.5) * size, (key[2] + 0.5) * size
            disk = shapely.buffer(shapely.Point(cx, cy), self.face_radius[k] / math.cos(math.pi / 64.0), quad_segs=16)
            segs = np.sort(self.view.tree.query(disk))
            if len(segs):
                # the barrier chains (runs of consecutive segments) noded with the disk's rim and
                # polygonized: the faces (a dangling line end stays inside its face, as it should)
                chain = np.zeros(len(segs), np.int64)
                chain[1:] = np.cumsum(~((segs[1:] == segs[:-1] + 1) & self.view.cont[segs[:-1]]))
                last = np.append(chain[1:] != chain[:-1], True)
                s = self.view.seg[segs]
                coords = np.vstack([s[:, :2], s[last, 2:]])
                ids = np.concatenate([chain, chain[last]])
                order = np.argsort(ids, kind="stable")
                lines = shapely.linestrings(coords[order], indices=ids[order])
                # (noded unclipped: clipping first leaves line ends a rounding error off the rim)
                noded = shapely.union_all(np.append(lines, shapely.boundary(disk)))
                faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
                faces = faces[shapely.within(shapely.point_on_surface(faces), disk)]  # not loops outside it
                if len(faces) == 0:
                    faces = np.array([disk], dtype=object)
            else:
                faces = np.array([disk], dtype=object)
            shapely.prepare(faces)
            self.faces[key] = faces
        return faces

    def result(self, k):
        self.refresh(final=True)
        zone = self.chain.zone[k]
        return zone if zone is not None else shapely.from_wkt("POLYGON EMPTY")


@functools.cache
def _folder() -> ThreadPoolExecutor:
    """The one background thread that folds contributions (shapely releases the GIL in GEOS)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="rifa-fold")


class _FoldChain:
    """The zone as the background thread builds it, fold after fold (only that thread touches it while
    folds are running). ``free``: the free part of ``zone``, as an object of its own: a prepared
    geometry builds its indexes lazily, so two threads must never use one at the same time."""

    def __init__(self, n_radii):
        self.zone = [None] * n_radii
        self.free = [None] * n_radii


def _fold_next(chain, batches, box, tol):
    """Fold the next batch of each radius into ``chain`` (the one background thread runs these in
    order): per radius (zone, its free part for the coverage tests), or (None, None)."""
    out = []
    for k, (shaped, plain) in enumerate(batches):
        zone, free, fold_free = _fold((shaped, plain, chain.free[k]), chain.zone[k], box, tol)
        if zone is not None:
            chain.zone[k], chain.free[k] = zone, fold_free
        out.append((zone, free))
    return out


def _free_face(face, free):
    """free ∩ face, prepared."""
    free_face = shapely.intersection(face, _clip_to_box(free, face.bounds))
    shapely.prepare(free_face)
    return free_face


def _fold(batch, zone, box, tol):
    """(zone ∪ the contributions, its free part in ``box`` twice: for the coverage tests and for the next
    fold), or (None, None, None) when nothing is folded.

    ``batch``: (shaped contributions as (area, visible or None), plain disks as rows (x, y, radius), the free part of
    ``zone``). A contribution that misses that free part lies within 1 mm of the zone: it adds
    nothing the output keeps (the 1 mm the pruning ignores too) and is not folded. The free part
    returned is the part of ``box`` farther than 1 mm from the new zone (hair-thin gaps left along a
    barrier by the unions are not free), prepared.
    """
    shaped, plain, free = batch
    parts = _disks(plain[:, 0], plain[:, 1], plain[:, 2], tol).tolist()
    if shaped:
        areas = np.array([a for a, _ in shaped], dtype=object)
        visible = np.array([v for _, v in shaped], dtype=object)
        clip = visible != None  # noqa: E711 (elementwise)
        areas[clip] = shapely.intersection(areas[clip], visible[clip])
        areas = areas[~shapely.is_empty(areas)]
        if free is not None and len(areas):
            areas = areas[shapely.intersects(free, areas)]
        parts.extend(areas.tolist())
    if not parts:
        return None, None, None
    if zone is not None:
        parts.append(zone)
    merged = _union(parts)
    if box is None:
        return merged, None, None
    free = shapely.difference(box, shapely.buffer(merged, GRID, quad_segs=1))
    # 2D explicitly: shapely 2.2 defaults to 4 dimensions, which QGIS's GEOS 3.11 refuses (qgis_process)
    fold_free = shapely.from_wkb(shapely.to_wkb(free, output_dimension=2))
    shapely.prepare([free, fold_free])
    return merged, free, fold_free


class _Expansion:
    """One Dijkstra over the generators of one set of sources against one barrier view."""

    def __init__(self, view: BarrierView, radii, tol, feedback: Feedback, box):
        self.view = view
        self.radii = sorted(float(r) for r in radii)
        self.rmax = self.radii[-1]
        self.tol = tol
        self.feedback = feedback
        self.best = np.full(len(view.vxy), np.inf)
        self.heap: list = []
        # contributions per radius, and what they cover so far
        self.cover = _Cover(self.radii, tol, box, view)
        # probe distance next to each vertex: 1 cm, or a quarter of its shortest edge
        length = np.hypot(view.seg[:, 2] - view.seg[:, 0], view.seg[:, 3] - view.seg[:, 1])
        shortest = np.full(len(view.vxy), 0.04)
        np.minimum.at(shortest, view.seg_v[:, 0], length)
        np.minimum.at(shortest, view.seg_v[:, 1], length)
        self._probe_step = shortest / 4.0
        self.generators = 0
        self.visibility_runs = 0
        self.skipped = 0

    def _covered(self, x, y, d, probes=None) -> np.ndarray:
        """(radii, generators) bool: the generators at (x, y), distance d, have nothing left to add for a radius."""
        return np.stack([self.cover.covered(k, x, y, r - d, probes) for k, r in enumerate(self.radii)])

    def _reach(self, d, todo) -> np.ndarray:
        """How far generators at distance ``d`` still matter (todo: (radii, n) bool): the largest remaining
        radius they are not covered for. A radius they are covered for needs nothing from them, nor from
        their successors, so neither the barriers nor the bend vertices beyond that reach."""
        remaining = np.array(self.radii)[:, None] - d
        return np.where(todo, remaining, 0.0).max(axis=0)

    def _add_plain(self, xy, d, todo) -> None:
        """Plain disks of the generators ``xy`` at distances ``d`` (todo: (radii, n) bool, None = all)."""
        d = np.broadcast_to(np.asarray(d, float), (len(xy),))
        for k, r in enumerate(self.radii):
            sel = (r - d > 0) if todo is None else todo[k] & (r - d > 0)
            if sel.any():
                self.cover.add_plain(k, np.column_stack([xy[sel], r - d[sel]]))

    # -- generators
    def run_sources(self, xy: np.ndarray, progress=None) -> None:
        view, rmax = self.view, self.rmax
        if len(xy) == 0:
            return
        xy = _onto_barriers(view, xy)
        xy = xy[_outer_first(xy, rmax)]
        lo, size = 0, FIRST_CHUNK
        while lo < len(xy):
            self.feedback.check_canceled()
            if self.cover.due():
                self.cover.refresh()
            chunk = xy[lo : lo + size]
            lo += size
            size = min(SOURCE_CHUNK, 2 * size)
            todo = ~self._covered(chunk[:, 0], chunk[:, 1], 0.0)
            live = todo.any(axis=0)
            self.skipped += int((~live).sum())
            chunk, todo = chunk[live], todo[:, live]
            if view.tree is None or len(chunk) == 0:
                self._add_plain(chunk, 0.0, todo)
                self.generators += len(chunk)
            else:
                self._run_chunk(chunk, todo)
                # the bend vertices these sources reached, before the next chunk is tested: they fill the
                # shadow pockets (behind meanders) the sources cannot see, without which no source near a
                # meandering river would find its face covered
                self.run_vertices()
            if progress is not None:
                progress(min(len(xy), lo) / len(xy))

    def _run_chunk(self, chunk, todo) -> None:
        view = self.view
        reach = self._reach(0.0, todo)
        boxes = shapely.box(chunk[:, 0] - reach, chunk[:, 1] - reach, chunk[:, 0] + reach, chunk[:, 1] + reach)
        src, segs = view.tree.query(boxes)
        dist = _seg_distance(chunk[src, 0], chunk[src, 1], view.seg[segs])
        near = dist <= reach[src]
        src, segs, dist = src[near], segs[near], dist[near]
        has = np.zeros(len(chunk), bool)
        has[src] = True
        if (~has).any():
            self._add_plain(chunk[~has], 0.0, todo[:, ~has])
            self.generators += int((~has).sum())
        if has.any():
            gen = np.cumsum(has) - 1  # index among the sources with barriers in reach
            order = np.lexsort((segs, src))
            wedges = np.full((int(has.sum()), 2), np.nan)  # sources spread every way
            self._generators(chunk[has], np.zeros(len(wedges)), wedges, todo[:, has], gen[src[order]], segs[order], dist[order])

    def run_vertices(self) -> None:
        view = self.view
        while self.heap:
            self.feedback.check_canceled()
            if self.cover.due():
                self.cover.refresh()
            batch = self._pop_batch()
            if not batch:
                continue
            d = np.array([e[0] for e in batch])
            v = np.array([e[1] for e in batch])
            gxy = view.vxy[v]
            # a point just off v in its reflex sector: the face of the barrier-cut disk v spreads into
            mid = view.v_sigma[v] + view.v_span[v] / 2.0
            step = self._probe_step[v]
            probes = np.column_stack([gxy[:, 0] + step * np.cos(mid), gxy[:, 1] + step * np.sin(mid)])
            todo = ~self._covered(gxy[:, 0], gxy[:, 1], d, probes)
            live = todo.any(axis=0)
            self.skipped += int((~live).sum())
            rows, wedges = [], []
            for i in np.nonzero(live)[0].tolist():
                _, vi, px, py, side = batch[i]
                for wedge in self._wedges_of(vi, gxy[i, 0], gxy[i, 1], px, py, side):
                    rows.append(i)
                    wedges.append(wedge)
            if not rows:
                continue
            rows, wedges = np.array(rows), np.array(wedges, dtype=float)
            g, gd, gtodo = gxy[rows], d[rows], todo[:, rows]
            rho = self._reach(gd, gtodo)
            gen, segs = view.tree.query(_wedge_boxes(g, wedges, rho))
            order = np.lexsort((segs, gen))
            gen, segs = gen[order], segs[order]
            s = view.seg[segs]
            dist = _seg_distance(g[gen, 0], g[gen, 1], s)
            near = (dist <= rho[gen]) & (
                (dist < ON_EPS) | _overlaps_wedge(g[gen, 0], g[gen, 1], s, wedges[gen, 0], wedges[gen, 1])
            )  # incident edges lead on
            self._generators(g, gd, wedges, gtodo, gen[near], segs[near], dist[near])

    def _pop_batch(self) -> list:
        """The next heap entries (up to VERTEX_BATCH) that none of them can shorten: vertex u cannot
        shorten w when d_u + |uw| >= d_w (every path through u is that long), and the entries left
        are no nearer. So each is at its final distance, as in Dijkstra's order one at a time."""
        heap, best, vxy = self.heap, self.best, self.view.vxy
        batch, bx, by, bd = [], [], [], []
        while heap and len(batch) < VERTEX_BATCH:
            d, v = heap[0][0], heap[0][1]
            if d > best[v] + 1e-9:  # stale: v was reached by a shorter path since
                heapq.heappop(heap)
                continue
            x, y = vxy[v]
            if batch and (np.asarray(bd) + np.hypot(np.asarray(bx) - x, np.asarray(by) - y) < d - 1e-9).any():
                break
            batch.append(heapq.heappop(heap))
            bx.append(x)
            by.append(y)
            bd.append(d)
        return batch

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
        if span >= TWO_PI - HIDDEN_EPS and not side and min(rel, TWO_PI - rel) < HEAD_ON:
            # arriving head-on at the end of a line, along it within rounding (a path along a straight
            # river across a bridge reaches the far cut end so: snap rounding tilts the two parts by
            # 1e-7 rad either way): it goes on along either side of the line; the wedge of the other
            # side is the edge direction itself (its width only marks the side for the successors)
            wedges.append((sigma - 2.0 * HIDDEN_EPS, 2.0 * HIDDEN_EPS) if rel < math.pi else (sigma, 2.0 * HIDDEN_EPS))
        return wedges

    def _generators(self, gxy, d, wedges, todo, gid, segs, dist) -> None:
        """The contributions and successors of generators at ``gxy`` (n, 2) with distances ``d`` and wedges
        (n, 2: start, span; NaN for a source, which spreads every way), todo (radii, n) bool; ``gid``,
        ``segs``, ``dist``: the barrier segments within their reach (sorted by generator, then segment)."""
        if len(segs) > PAIR_BUDGET and len(gxy) > 1:
            # in parts, for bounded memory (the sweep holds a few dozen arrays of this length)
            ends = np.searchsorted(gid, np.arange(len(gxy)), side="right")
            split = max(1, min(len(gxy) - 1, int(np.searchsorted(ends, PAIR_BUDGET, side="right"))))
            lo = ends[split - 1]
            self._generators(gxy[:split], d[:split], wedges[:split], todo[:, :split], gid[:lo], segs[:lo], dist[:lo])
            self._generators(gxy[split:], d[split:], wedges[split:], todo[:, split:], gid[lo:] - split, segs[lo:], dist[lo:])
            return
        view = self.view
        n = len(gxy)
        rho = self._reach(d, todo)
        self.generators += n
        on = dist < ON_EPS
        o_gid, obstacles, _ = _visible_segments(gxy, view.seg, gid[~on], segs[~on], dist[~on])
        # far enough that the 30° chords of the far boundary stay outside the disk
        visible = _visibility_polygons(gxy, view.seg, o_gid, obstacles, rho / math.cos(math.pi / 12.0) + 1.0)
        has_vis = visible != None  # noqa: E711 (elementwise)
        source = np.isnan(wedges[:, 0])
        plain = source & ~has_vis
        if plain.any():
            self._add_plain(gxy[plain], d[plain], todo[:, plain])
        self.visibility_runs += int(has_vis.sum())
        for k, r in enumerate(self.radii):
            shaped = todo[k] & ~plain & (r - d > 0) & (source | (wedges[:, 1] > 4.0 * HIDDEN_EPS))  # (narrower: nothing above the grid)
            areas = np.empty(n, dtype=object)
            disk = shaped & source
            areas[disk] = _disks(gxy[disk, 0], gxy[disk, 1], r - d[disk], self.tol)
            pie = shaped & ~source
            if pie.any():
                areas[pie] = _pies(gxy[pie, 0], gxy[pie, 1], wedges[pie, 0], wedges[pie, 1], r - d[pie], self.tol)
            for i in np.nonzero(shaped)[0].tolist():
                self.cover.add_shaped(k, areas[i], visible[i])
        # successors: bend vertices visible from g, within rho, tangent as seen from g (candidates: the
        # ends of the segments through g and of the segments it sees)
        ends = view.seg_v[np.concatenate([segs[on], obstacles])]
        c_gid = np.repeat(np.concatenate([gid[on], o_gid]), 2)
        c_v = ends.ravel()
        bend = view.v_bend[c_v]
        n_v = len(view.vxy)
        pairs = np.unique(c_gid[bend].astype(np.int64) * n_v + c_v[bend])
        if len(pairs) == 0:
            return
        c_gid, cand = pairs // n_v, pairs % n_v
        gx, gy, cd = gxy[c_gid, 0], gxy[c_gid, 1], d[c_gid]
        dx = view.vxy[cand, 0] - gx
        dy = view.vxy[cand, 1] - gy
        dw = np.hypot(dx, dy)
        keep = (dw > ON_EPS) & (dw < rho[c_gid]) & (cd + dw < self.best[cand] + 1e-9)
        if not keep.any():
            return
        c_gid, cand, gx, gy, cd, dx, dy, dw = (a[keep] for a in (c_gid, cand, gx, gy, cd, dx, dy, dw))
        back = np.arctan2(-dy, -dx)
        sig, spn = view.v_sigma[cand], view.v_span[cand]
        keep = _in_sector(back, sig, spn) & _in_sector(back + math.pi, sig, spn)
        phi = np.arctan2(dy, dx)
        side = np.zeros(len(cand))
        start, span = wedges[c_gid, 0], wedges[c_gid, 1]
        wedged = ~source[c_gid]
        if wedged.any():
            with np.errstate(invalid="ignore"):  # (NaN wedges of sources: masked)
                keep &= ~wedged | _in_sector(phi, start, span)
                # which side of g -> w the path runs on, when w lies on a side of the wedge
                side[wedged & (np.abs((phi - start + math.pi) % TWO_PI - math.pi) <= HIDDEN_EPS)] = 1.0
                side[wedged & (np.abs((phi - start - span + math.pi) % TWO_PI - math.pi) <= HIDDEN_EPS)] = -1.0
            # arriving along a barrier edge of w on the far side from w's reflex sector: no bend
            rel_back = (back - sig) % TWO_PI
            # (the sector next to the edge on the path's side: right of the travel direction is
            # counter-clockwise from the edge seen from w, left is clockwise)
            at_start = np.minimum(rel_back, TWO_PI - rel_back) <= HIDDEN_EPS
            at_end = np.abs(rel_back - spn) <= HIDDEN_EPS
            wrong = (at_start & (side > 0)) | (at_end & (side < 0))
            keep &= ~wedged | ~wrong | (spn >= TWO_PI - HIDDEN_EPS)
        if view.polygons is not None:
            # a source on a lake shore: no path goes through the lake
            shore = np.zeros(n, bool)
            shore[gid[on]] = True
            shore &= source
            if shore[c_gid].any():
                wet = _wet_sectors(view, gxy, gid[on], segs[on], np.nonzero(shore)[0])
                for i in np.nonzero(shore[c_gid])[0].tolist():
                    for start_w, span_w in wet[int(c_gid[i])]:
                        rel = (phi[i] - start_w) % TWO_PI
                        if HIDDEN_EPS < rel < span_w - HIDDEN_EPS:
                            keep[i] = False
        test = keep & has_vis[c_gid]
        if test.any():
            shapely.prepare(visible[has_vis])
            # test a point a hair towards g: a vertex on the front of its own shadow stays visible
            i = np.nonzero(test)[0]
            step = 1.0 - ON_EPS / dw[i]
            keep[i] = shapely.intersects(visible[c_gid[i]], shapely.points(gx[i] + dx[i] * step, gy[i] + dy[i] * step))
        best, heap = self.best, self.heap
        for w, nd, px, py, sd in zip(
            cand[keep].tolist(), (cd + dw)[keep].tolist(), gx[keep].tolist(), gy[keep].tolist(), side[keep].tolist()
        ):
            if nd < best[w] + 1e-9:
                if nd < best[w]:
                    best[w] = nd
                heapq.heappush(heap, (nd, w, px, py, sd))

    # -- results
    def zone_geometry(self, index: int) -> shapely.Geometry:
        """The union of the contributions for radius ``self.radii[index]`` (barrier polygons not yet removed)."""
        return self.cover.result(index)


def _onto_barriers(view: BarrierView, xy):
    """The source points with those within NODE_GRID of a barrier moved onto it (onto a vertex within
    NODE_GRID, else onto the nearest segment, to within rounding, far below ON_EPS): a nest on a river
    or a lake shore lies on it in the data, and stays on it after the snap rounding of the barriers
    moved them by up to 0.07 mm."""
    if view.tree is None or not len(xy):
        return xy
    src, segs = view.tree.query(shapely.points(xy), predicate="dwithin", distance=NODE_GRID)
    if not len(src):
        return xy
    s = view.seg[segs]
    a, ab = s[:, :2], s[:, 2:] - s[:, :2]
    p = xy[src]
    t = np.clip(np.einsum("ij,ij->i", p - a, ab) / np.einsum("ij,ij->i", ab, ab), 0.0, 1.0)
    foot = a + t[:, None] * ab
    # onto a barrier vertex within NODE_GRID rather than beside it (a nest on a vertex of the shore)
    for end in (s[:, :2], s[:, 2:]):
        at_end = np.hypot(*(p - end).T) <= NODE_GRID
        foot[at_end] = end[at_end]
    dist = np.hypot(*(p - foot).T)
    vertex = np.all(foot == s[:, :2], axis=1) | np.all(foot == s[:, 2:], axis=1)
    order = np.lexsort((dist, ~vertex, src))
    first = np.ones(len(order), bool)
    first[1:] = src[order[1:]] != src[order[:-1]]
    best = order[first]
    xy = np.array(xy, dtype=float)
    xy[src[best]] = foot[best]
    return xy


def _wet_sectors(view: BarrierView, gxy, gid, segs, shore) -> dict:
    """For each source g in ``shore`` lying on barrier segments (``segs``, of generator ``gid``): the
    sectors around g, between the directions of the barrier edges through g, that lie inside a barrier
    polygon, as [(start, span)]. A path from g never starts into one (it would go through the lake);
    a direction along a shore edge is not inside one. Found by a probe on each sector's bisector next
    to g: a probe on a direction along the edge itself (as a bend vertex along the shore) would lie on
    the shore, inside or outside the lake by rounding."""
    out = {}
    for g in shore.tolist():
        s = view.seg[segs[gid == g]]
        ends = np.vstack([s[:, :2], s[:, 2:]]) - gxy[g]
        far = np.hypot(ends[:, 0], ends[:, 1])
        ends, far = ends[far > ON_EPS], far[far > ON_EPS]
        if len(ends) == 0:
            out[g] = []
            continue
        angles = np.unique(_angle(ends[:, 0], ends[:, 1]))
        spans = (np.append(angles[1:], angles[0] + TWO_PI) - angles) if len(angles) > 1 else np.array([TWO_PI])
        mid = angles + spans / 2.0
        step = min(1e-3, float(far.min()) / 4.0)
        probes = shapely.points(gxy[g, 0] + step * np.cos(mid), gxy[g, 1] + step * np.sin(mid))
        # contains, not contains_xy (GEOS >= 3.12): in qgis_process QGIS's GEOS 3.11 symbols win, and mixing the two crashes
        inside = shapely.contains(view.polygons, probes)
        out[g] = list(zip(angles[inside].tolist(), spans[inside].tolist()))
    return out


def _outer_first(xy, cell):
    """An order of the sources that builds most of the zone early: per grid cell of size ``cell``, the
    corners of the convex hull of the cell's sources (round robin over the cells), then the others
    from the outside of their cell inwards. Interior sources of a dense cluster then usually find
    their disk covered already. (Any order is exact; this one only saves work.)"""
    n = len(xy)
    if n <= 2:
        return np.arange(n)
    ij = np.floor((xy - xy.min(axis=0)) / cell).astype(np.int64)
    _, cell_id = np.unique(ij, axis=0, return_inverse=True)
    cell_id = cell_id.ravel()
    by_cell = np.argsort(cell_id, kind="stable")
    hulls = shapely.convex_hull(shapely.multipoints(xy[by_cell], indices=cell_id[by_cell]))
    corners = np.ascontiguousarray(shapely.get_coordinates(hulls))
    flat = np.ascontiguousarray(xy, dtype=float).view(np.complex128).ravel()
    is_hull = np.isin(flat, corners.view(np.complex128).ravel())
    count = np.bincount(cell_id)
    cx = np.bincount(cell_id, weights=xy[:, 0]) / count
    cy = np.bincount(cell_id, weights=xy[:, 1]) / count
    dist = np.hypot(xy[:, 0] - cx[cell_id], xy[:, 1] - cy[cell_id])
    # rank of each hull corner within its cell (round robin), everything else after them
    hull_order = np.lexsort((-dist, cell_id, ~is_hull))
    rank = np.zeros(n, np.int64)
    h = hull_order[: int(is_hull.sum())]
    first = np.searchsorted(cell_id[h], np.arange(len(count)))
    rank[h] = np.arange(len(h)) - first[cell_id[h]]
    return np.lexsort((-dist, rank, ~is_hull))


def _wedge_boxes(gxy, wedges, rho):
    """Bounding boxes of the wedges (n, 2: start, span <= π) of radius ``rho`` at ``gxy``."""
    span = wedges[:, 1]
    k = np.maximum(1, np.ceil(span / FAR_STEP)).astype(np.int64)  # at most 3 parts
    far = rho / np.cos(np.minimum(FAR_STEP, span / k) / 2.0)
    t = np.arange(4) / k[:, None]
    angles = wedges[:, :1] + span[:, None] * np.minimum(t, 1.0)
    xs = np.hstack([gxy[:, :1], gxy[:, :1] + far[:, None] * np.cos(angles)])
    ys = np.hstack([gxy[:, 1:], gxy[:, 1:] + far[:, None] * np.sin(angles)])
    return shapely.box(xs.min(axis=1), ys.min(axis=1), xs.max(axis=1), ys.max(axis=1))


def _overlaps_wedge(gx, gy, s, start, span):
    """Segments whose angular extent seen from g meets the wedge (both narrower than π); per segment."""
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

    # plain points, when no barrier polygon can hold them, go straight to the expansion (10,000 nests:
    # no per-source work); the rest is prepared one source at a time
    geoms = np.empty(len(sources), dtype=object)
    geoms[:] = sources
    fast = np.zeros(len(sources), bool)
    if dissolve and not barriers.polygons and len(sources):
        fast = (shapely.get_type_id(geoms) == 0) & ~shapely.is_empty(geoms)
    per_source = []  # one list (per group) of (ignore, points, exact parts) per source
    warned = set()
    for i, geometry in enumerate(sources):
        per_source.append([] if fast[i] else _prepare_source(geometry, labels[i], barriers, rmax, tol, feedback, warned))

    if dissolve:
        groups: dict = {}
        if fast.any():
            groups[frozenset()] = ([shapely.get_coordinates(geoms[fast])], [])
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
    points = barriers.onto_shores(points)
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
                        "Source {source} lies inside the barrier polygon '{barrier}': that polygon does not block it "
                        "(its zone spreads inside and out of it), but it still blocks every other source.",
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
        box = _box_around(xy, exacts, radii[-1])
        expansion = _Expansion(view, radii, tol, fb, box)
        expansion.run_sources(xy, progress=lambda f, fb=fb: fb.progress(60.0 * f))
        fb.progress(60.0)
        expansion.run_vertices()
        fb.progress(85.0)
        if report:
            fb.info(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core", "Zone engine: {sources} source point(s), {generators} generator(s), {visibility} "
                        "with barriers in reach, {skipped} skipped (already covered)."
                    ),
                    sources=len(xy),
                    generators=expansion.generators,
                    visibility=expansion.visibility_runs,
                    skipped=expansion.skipped,
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
            if view.polygons is not None:  # the barrier polygons this group's sources are not inside
                geometry = shapely.difference(geometry, view.polygons)
            results[k].append(geometry)
        fb.progress(100.0)
    return [
        _drop_scraps(_tidy(_clean(_union(parts))), tol / 2.0)
        if parts else shapely.from_wkt("POLYGON EMPTY")
        for parts in results
    ]


def _box_around(xy, exacts, radius):
    """A box holding every disk of ``radius`` around the source points and exact source parts."""
    boxes = [np.column_stack([xy, xy])] if len(xy) else []
    for kind, value in (e for ex in exacts for e in ex):
        if kind == "segment":
            v = np.asarray(value)
            boxes.append([[min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3])]])
        else:
            boxes.append([shapely.bounds(value)])
    b = np.vstack(boxes) if boxes else np.zeros((1, 4))
    m = radius + 1.0
    return shapely.box(b[:, 0].min() - m, b[:, 1].min() - m, b[:, 2].max() + m, b[:, 3].max() + m)


def _clip_to_box(geometry, bounds):
    """``geometry`` clipped to the box ``bounds`` by the fast rectangle clip, or ``geometry`` itself where
    that clip fails or gives an invalid result (it promises neither: degenerate rings can make it raise).
    For a following intersection with something inside the box: both give the same result."""
    try:
        clipped = shapely.clip_by_rect(geometry, *bounds)
    except shapely.errors.GEOSException:
        return geometry
    return clipped if shapely.is_valid(clipped) else geometry


def _clean(geometry):
    """Close by 1 mm, then snap to a 1 mm grid.

    Where a zone covers both banks of a barrier line, the unions of pieces cut along that line can
    leave a gap under 1 mm wide along it (a long near-zero hole, or a zero-width spike in the
    boundary) and split one zone in two; likewise where a shadow side and the wedge of the corner
    that casts it meet along the same ray (they agree only up to rounding). A morphological closing
    (grow by 1 mm, shrink by 1 mm, mitred corners) removes such cracks and spikes and moves the rest
    of the boundary by rounding only. The points on a barrier line are reachable (a path may touch
    a barrier), so filling a crack along it is what the definition asks for.

    The buffers work in floating precision: on a geometry that carries the fixed 1 mm precision model
    of :func:`shapely.set_precision`, GEOS buffers by 1 mm on that grid and can fill a hole metres wide
    (a thin pocket closed by a barrier line crossing itself). The result is snapped to the grid and
    handed on in floating precision too, so that a later buffer of a zone is safe.
    """
    geometry = _floating(geometry)
    closed = shapely.buffer(shapely.buffer(geometry, GRID, quad_segs=1, join_style="mitre"), -GRID, quad_segs=1, join_style="mitre")
    return _floating(_on_grid(closed))


def _on_grid(geometry):
    """``geometry`` snapped to the 1 mm output grid. GEOS 3.11 (QGIS's, in qgis_process and the desktop)
    can return an invalid result ("Nested shells") for a valid polygon; such a result is made valid
    (no vertex moves) and its polygonal parts kept."""
    out = shapely.set_precision(geometry, GRID)
    if shapely.is_valid(out):
        return out
    parts = shapely.get_parts(shapely.get_parts(shapely.make_valid(out)))
    return shapely.union_all(parts[np.isin(shapely.get_type_id(parts), (3, 6))])


def _union(parts):
    """The union of polygons: GEOS's floating union, redone by snap rounding on a 1 µm grid (FOLD_GRID:
    robust, vertices move by under 1 µm; handed on in floating precision, see :func:`_clean`) when it
    is not plainly right.

    On contributions whose sides nearly coincide (a pie's side turned 1e-9 rad off the shadow side
    of the next contribution) the floating union can come out invalid ("Nested shells"), or valid
    with a whole contribution dropped: seen on a plain scene (one line (50 200, 800 0), nests (0 0)
    and (0 100), r = 600 m: the pie round the line's end, 0.16 km², lost;
    tests/test_zones_topology.py). So the result must be valid, hold a point inside every part and
    be no smaller than the largest part; snap rounding every union would be as exact and take twice
    the fold thread's time."""
    parts = np.array(parts, dtype=object)
    merged = shapely.union_all(parts)
    if not (shapely.is_valid(merged) and _holds_every_part(merged, parts)):
        merged = _floating(shapely.union_all(parts, grid_size=FOLD_GRID))
    return merged


def _holds_every_part(merged, parts) -> bool:
    # not prepared: the result is handed to the other thread, which must not share a prepared geometry
    inside = shapely.point_on_surface(parts)
    return bool(shapely.intersects(merged, inside).all()) and shapely.area(merged) >= shapely.area(parts).max() * (1.0 - 1e-9)

def _floating(geometry):
    """The same coordinates without a fixed precision model (a WKB round trip; 2D, as GEOS 3.11 needs)."""
    return shapely.from_wkb(shapely.to_wkb(geometry, output_dimension=2))


def _drop_scraps(geometry, size: float):
    """Drop the parts smaller than ``size`` across (bounding-box diagonal): scraps of the unions
    along river banks, e.g. 2 mm x 0.2 m triangles, that a technician would see as empty "zones".
    Dropping a part adds no boundary point, and a real part (a source's disk, a wedge reached around
    a corner) is far larger than tol/2."""
    parts = shapely.get_parts(geometry)
    if len(parts) < 2:
        return geometry
    bounds = shapely.bounds(parts)
    diagonal = np.hypot(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    keep = parts[diagonal >= size]
    if len(keep) == len(parts) or not len(keep):
        return geometry
    return keep[0] if len(keep) == 1 else shapely.multipolygons(keep)


def _tidy(geometry):
    """Drop the vertices that lie within half the output grid of the line through their neighbours
    (left by the unions in several passes: about a third of them). The boundary moves by at most
    0.5 mm, less than the snapping to the 1 mm grid itself; topology is preserved."""
    return shapely.simplify(geometry, GRID / 2.0)


def _polygonal(geometry):
    polys = [p for p in shapely.get_parts(geometry) if shapely.get_type_id(p) == 3 and not p.is_empty]
    if not polys:
        return shapely.from_wkt("POLYGON EMPTY")
    return polys[0] if len(polys) == 1 else shapely.multipolygons(polys)


def _fmt(value: float) -> str:
    return f"{value:g}"
