"""Angular geometry around a generator: the visibility polygons (the angular sweep), the depth buffer
that drops hidden segments, pies (disk ∩ sector) and the wedge tests of the expansion (module
docstring of :mod:`core.zones`, "Construction")."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import shapely

from ..barriers import TWO_PI
from .accuracy import HIDDEN_EPS, quad_segs_for

PIE_SLACK = 1e-9  # radians: the sides of a pie are turned inwards by this much (:func:`_pies`)
FAR_STEP = math.radians(60.0)  # corners of a wedge's bounding polygon at least every 60°


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
    out = np.full(len(gxy), None, dtype=object)
    oriented = _oriented_segments(gxy, seg, gid, idx)
    if oriented is None:
        return out
    sweep = _elementary_intervals(gxy, oriented)
    nearest = _nearest_segments(gxy, oriented, sweep)
    xs, ys, pg = _boundary_points(gxy, oriented, sweep, nearest, reach)
    return _rings(out, xs, ys, pg, sweep.gens)


class _Oriented(NamedTuple):
    """The segments of a sweep, counter-clockwise around their generator ``gid``: from (x0, y0) to (x1, y1)."""

    gid: np.ndarray
    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray


class _Intervals(NamedTuple):
    """The elementary intervals of a sweep: the critical angles ``crit`` of every generator, sorted and
    distinct (``crit[start[g] : start[g] + m[g]]``, generator ``cg`` and rank ``local`` of each,
    ``mg`` = m[cg]), and the local index of each segment's end angles (``j0``, ``j1``)."""

    crit: np.ndarray
    cg: np.ndarray
    start: np.ndarray
    m: np.ndarray
    local: np.ndarray
    mg: np.ndarray
    j0: np.ndarray
    j1: np.ndarray
    gens: np.ndarray


def _oriented_segments(gxy, seg, gid, idx):
    """The segments of the sweep oriented counter-clockwise around their generator (None: none left);
    segments pointing at g hide nothing and are left out."""
    s = seg[idx]
    gx, gy = gxy[gid, 0], gxy[gid, 1]
    ax, ay, bx, by = s[:, 0] - gx, s[:, 1] - gy, s[:, 2] - gx, s[:, 3] - gy
    cross = ax * by - ay * bx
    ok = np.abs(cross) > 1e-12 * np.hypot(ax, ay) * np.hypot(bx, by)
    s, gid, cross = s[ok], gid[ok], cross[ok]
    if len(s) == 0:
        return None
    flip = cross < 0
    return _Oriented(
        gid,
        np.where(flip, s[:, 2], s[:, 0]),
        np.where(flip, s[:, 3], s[:, 1]),
        np.where(flip, s[:, 0], s[:, 2]),
        np.where(flip, s[:, 1], s[:, 3]),
    )


def _elementary_intervals(gxy, o: _Oriented) -> _Intervals:
    """The critical angles of each generator (its segments' ends and the FAR_ANGLES), sorted and distinct."""
    n_g, n, gid = len(gxy), len(o.gid), o.gid
    gx, gy = gxy[gid, 0], gxy[gid, 1]
    # one angle per barrier vertex (computed from its own coordinates, so chained segments agree)
    t0 = _angle(o.x0 - gx, o.y0 - gy)
    t1 = _angle(o.x1 - gx, o.y1 - gy)
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
    start = np.searchsorted(cg, np.arange(n_g))
    m = np.bincount(cg, minlength=n_g)
    local = np.arange(len(crit)) - start[cg]
    j0 = rank[:n] - start[gid]  # local index of each segment's end angles
    j1 = rank[n : 2 * n] - start[gid]
    return _Intervals(crit, cg, start, m, local, m[cg], j0, j1, gens)


def _nearest_segments(gxy, o: _Oriented, sw: _Intervals) -> np.ndarray:
    """The nearest segment of each elementary interval, on its middle ray (the first one on ties; -1: none)."""
    gid = o.gid
    count = (sw.j1 - sw.j0) % sw.m[gid]  # elementary intervals covered (a span < π never wraps fully)
    owner = np.repeat(np.arange(len(gid)), count)
    offs = np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)
    og = gid[owner]
    interval = sw.start[og] + (sw.j0[owner] + offs) % sw.m[og]
    last = sw.local == sw.mg - 1
    upper = np.append(sw.crit[1:], 0.0)
    upper[last] = sw.crit[sw.start[sw.cg[last]]] + TWO_PI
    mid = (sw.crit + upper) / 2.0
    ux, uy = np.cos(mid)[interval], np.sin(mid)[interval]
    ex, ey = o.x1[owner] - o.x0[owner], o.y1[owner] - o.y0[owner]
    px, py = o.x0[owner] - gxy[og, 0], o.y0[owner] - gxy[og, 1]
    depth = (px * ey - py * ex) / (ux * ey - uy * ex)
    m_all = len(sw.crit)
    nearest_depth = np.full(m_all, np.inf)
    np.minimum.at(nearest_depth, interval, depth)
    tie = depth == nearest_depth[interval]
    nearest = np.full(m_all, len(gid))
    np.minimum.at(nearest, interval[tie], owner[tie])
    nearest[nearest == len(gid)] = -1
    return nearest


def _boundary_points(gxy, o: _Oriented, sw: _Intervals, nearest, reach):
    """The boundary points of the visibility polygons in ring order (xs, ys, generator): two per interval,
    where its nearest segment (or the far circle at ``reach``) meets its side rays, less those where the
    same segment goes on across a ray (no vertex there)."""
    cg, local, mg = sw.cg, sw.local, sw.mg
    has = nearest >= 0
    sg = np.where(has, nearest, 0)
    cx, cy = gxy[cg, 0], gxy[cg, 1]
    sex, sey = o.x1[sg] - o.x0[sg], o.y1[sg] - o.y0[sg]
    sdx, sdy = o.x0[sg] - cx, o.y0[sg] - cy

    # the rays at the ends of each interval (the upper one of an interval is the lower one of the next)
    nxt_local = (local + 1) % mg
    nxt = sw.start[cg] + nxt_local
    cos_lo, sin_lo = np.cos(sw.crit), np.sin(sw.crit)
    cos_hi, sin_hi = cos_lo[nxt], sin_lo[nxt]

    def on_segment(ca, sa):
        # intervals without a nearest segment borrow segment 0 and are masked below; a zero-length
        # barrier segment divides 0 by 0 there: neither value is used
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (sdx * sey - sdy * sex) / (ca * sey - sa * sex)
            return cx + t * ca, cy + t * sa

    sx, sy = on_segment(cos_lo, sin_lo)
    exs, eys = on_segment(cos_hi, sin_hi)
    at0 = has & (sw.j0[sg] == local)
    at1 = has & (sw.j1[sg] == nxt_local)
    sx, sy = np.where(at0, o.x0[sg], sx), np.where(at0, o.y0[sg], sy)
    exs, eys = np.where(at1, o.x1[sg], exs), np.where(at1, o.y1[sg], eys)
    far = reach[cg]
    sx = np.where(has, sx, cx + far * cos_lo)
    sy = np.where(has, sy, cy + far * sin_lo)
    exs = np.where(has, exs, cx + far * cos_hi)
    eys = np.where(has, eys, cy + far * sin_hi)
    # the same segment on both sides of a ray: no vertex there
    same = has & (nearest[nxt] == nearest)
    keep_start = ~same[sw.start[cg] + (local - 1) % mg]
    xs = np.column_stack([sx, exs]).ravel()
    ys = np.column_stack([sy, eys]).ravel()
    pg = np.repeat(cg, 2)
    keep = np.column_stack([keep_start, ~same]).ravel()
    return xs[keep], ys[keep], pg[keep]


def _rings(out, xs, ys, pg, gens):
    """``out`` with the polygon of each generator that has three distinct boundary points or more
    (repeated points dropped, a ring's last point equal to its first too)."""
    dup = np.zeros(len(xs), bool)
    dup[1:] = (xs[1:] == xs[:-1]) & (ys[1:] == ys[:-1]) & (pg[1:] == pg[:-1])
    firsts = np.searchsorted(pg, gens)
    lasts = np.searchsorted(pg, gens, side="right") - 1
    closing = (lasts > firsts) & (xs[lasts] == xs[firsts]) & (ys[lasts] == ys[firsts])
    dup[lasts[closing]] = True
    xs, ys, pg = xs[~dup], ys[~dup], pg[~dup]
    valid = np.bincount(pg, minlength=len(out)) >= 3
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


ZBUF_BINS = 4096
DEPTH_SLACK = 1e-9  # (relative and in metres) a segment this little beyond a bin's depth is still kept


def _depth_buffer(gxy, seg, gid, idx):
    """The angular depth buffer of every generator: (depth, lo, hi). ``depth`` (n, ZBUF_BINS): per bin of
    the turn around g (bin j: angles from j·bw - π, bw = 2π / ZBUF_BINS), the largest distance from g of
    a segment covering the whole bin, the smallest such (inf: none); everything farther in that bin is
    hidden. ``lo``, ``hi``: the angular extent of each segment, in [0, 3π) from -π."""
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
    return depth.reshape(len(gxy), ZBUF_BINS), lo, hi


def _visible_segments(gxy, seg, gid, idx, dist):
    """Drop the segments hidden behind nearer ones, for every generator at once (an angular depth buffer
    per generator, :func:`_depth_buffer`; conservative, exact). ``gid``: the generator (row of ``gxy``)
    of each segment.

    A bin of the turn around g fully covered by a segment at most ``dmax`` away hides everything
    farther than ``dmax`` in that bin; a segment whose nearest point lies beyond the depth of every
    bin it touches casts no shadow of its own and shows no vertex.
    """
    if len(idx) == 0:
        return gid, idx, dist
    depth, lo, hi = _depth_buffer(gxy, seg, gid, idx)
    depth = depth.ravel()
    bw = TWO_PI / ZBUF_BINS
    base = gid.astype(np.int64) * ZBUF_BINS
    first_touch = np.floor(lo / bw).astype(np.int64)
    n_touch = np.floor(hi / bw).astype(np.int64) - first_touch + 1
    owner = np.repeat(np.arange(len(idx)), n_touch)
    offs = np.arange(len(owner)) - np.repeat(np.cumsum(n_touch) - n_touch, n_touch)
    shallowest = np.zeros(len(idx))
    np.maximum.at(shallowest, owner, depth[base[owner] + (first_touch[owner] + offs) % ZBUF_BINS])
    # relative margin: the depth of a bin is a true upper bound, keep a hair of slack anyway
    keep = ~(dist > shallowest * (1.0 + DEPTH_SLACK) + DEPTH_SLACK)
    return gid[keep], idx[keep], dist[keep]


def _closed_within(gxy, seg, gid, idx, wedges, reach):
    """Per generator: True when the segments ``seg[idx[gid == g]]``, all within ``reach[g]`` of g, hide
    everything farther than ``reach[g]`` in every direction g spreads into (every bin of the depth buffer
    its wedge meets, and one more on each side; every bin for a source, NaN wedge). Then no segment
    farther than ``reach[g]`` can change g's visibility polygon in its wedge (nor its successors, which
    lie in the wedge): each lies beyond the depth of every such bin, and a nearer segment's shadow is
    decided by the bins it touches, whose depth a farther segment cannot bring down to it
    (:func:`_visible_segments`)."""
    n = len(gxy)
    if len(idx) == 0:
        return np.zeros(n, bool)
    depth = _depth_buffer(gxy, seg, gid, idx)[0]
    bw = TWO_PI / ZBUF_BINS
    wedged = ~np.isnan(wedges[:, 0])
    if wedged.any():
        centre = (np.arange(ZBUF_BINS) + 0.5) * bw - math.pi
        rel = (centre[None, :] - wedges[wedged, :1]) % TWO_PI
        outside = (rel > wedges[wedged, 1:] + 1.5 * bw) & (rel < TWO_PI - 1.5 * bw)
        depth[wedged] = np.where(outside, 0.0, depth[wedged])
    deepest = depth.max(axis=1)
    return deepest * (1.0 + 2 * DEPTH_SLACK) + 2 * DEPTH_SLACK < reach


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
