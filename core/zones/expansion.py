"""The expansion: a Dijkstra over the generators (sources, then the bend vertices they reach) that
adds their contributions to the coverage, and the run of one expansion per group of sources
(module docstring of :mod:`core.zones`, "Construction", "Pruning", "Several radii")."""

from __future__ import annotations

import heapq
import math

import numpy as np
import shapely

from ..barriers import NODE_GRID, TWO_PI, Barriers, BarrierView
from ..errors import QT_TRANSLATE_NOOP, Msg
from ..feedback import Feedback
from .accuracy import HIDDEN_EPS, ON_EPS, _disks, quad_segs_for
from .coverage import _Cover, _union
from .output import _clean, _drop_scraps, _tidy
from .visibility import (
    _angle,
    _closed_within,
    _in_sector,
    _overlaps_wedge,
    _pies,
    _seg_distance,
    _visibility_polygons,
    _visible_segments,
    _wedge_boxes,
)

HEAD_ON = 1e-6  # radians: a path arriving at a line end this close to its direction arrives along it
SOURCE_CHUNK = 256  # sources per bulk STRtree query (and per coverage test)
VERTEX_BATCH = 64  # bend vertices processed together, at most
PAIR_BUDGET = 250_000  # (generator, barrier segment) pairs swept together, at most (memory)
# (generator, barrier segment) pairs a bulk query of the barrier index returns at once, about at most:
# 256 nests' boxes on a county's hydrography (1M vertices) meet 50M segments, gigabytes of pairs
QUERY_BUDGET = 1_000_000
# a generator looks first at the barriers this near (metres), then 4 times farther, and so on up to its
# reach, until those it has seen hide everything beyond (on dense hydrography half the bend vertices
# see no farther than 120 m, 85 % no farther than 400 m: the segments within their 5 km are mostly hidden)
NEAR_FIRST = 400.0
NEAR_STEP = 4.0
FIRST_CHUNK = 16  # the first chunks are small: the zone grows fast while little is covered


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
        reach = self._reach(0.0, todo)
        wedges = np.full((len(chunk), 2), np.nan)  # sources spread every way
        for lo, hi, src, segs, dist in self._segments_in_reach(chunk, wedges, reach):
            part, part_todo = chunk[lo:hi], todo[:, lo:hi]
            has = np.zeros(len(part), bool)
            has[src] = True
            if (~has).any():
                self._add_plain(part[~has], 0.0, part_todo[:, ~has])
                self.generators += int((~has).sum())
            if has.any():
                gen = np.cumsum(has) - 1  # index among the sources with barriers in reach
                self._generators(part[has], np.zeros(int(has.sum())), wedges[lo:hi][has], part_todo[:, has], gen[src], segs, dist)

    def _segments_in_reach(self, gxy, wedges, reach):
        """The barrier segments each generator must see, in consecutive ranges of generators of about
        QUERY_BUDGET pairs: (lo, hi, generator - lo, segment, distance), sorted by generator, then segment.

        Those within ``reach`` of g (in its wedge: NaN for a source, which spreads every way), less the
        ones beyond a ring of nearer segments that hides everything behind it: the generator is looked
        at within NEAR_FIRST first, then NEAR_STEP times farther, until :func:`visibility._closed_within`
        or its reach (the visibility polygon in the wedge and the successors are the same)."""
        lo, size = 0, 16
        while lo < len(gxy):
            hi = min(len(gxy), lo + size)
            g, w, rho = gxy[lo:hi], wedges[lo:hi], reach[lo:hi]
            pending, radius, found = np.arange(hi - lo), NEAR_FIRST, []
            while len(pending):
                near = np.minimum(rho[pending], radius)
                gid, segs, dist = self._segments_within(g[pending], w[pending], near)
                done = near >= rho[pending]
                if not done.all():
                    # (not the segments through g: they hide nothing, as in the sweep)
                    off = dist >= ON_EPS
                    done |= _closed_within(g[pending], self.view.seg, gid[off], segs[off], w[pending], near)
                final = done[gid]
                found.append((pending[gid[final]], segs[final], dist[final]))
                pending = pending[~done]
                radius *= NEAR_STEP
            gid, segs, dist = (np.concatenate(a) for a in zip(*found))
            order = np.lexsort((segs, gid))
            yield lo, hi, gid[order], segs[order], dist[order]
            size = _next_range(size, hi - lo, len(segs))
            lo = hi

    def _segments_within(self, gxy, wedges, reach):
        """(generator, segment, distance): the barrier segments within ``reach`` of each generator that
        meet its wedge (NaN: every way), or run through it (incident edges lead on)."""
        view = self.view
        source = np.isnan(wedges[:, 0])
        boxes = np.empty(len(gxy), dtype=object)
        x, y = gxy[source, 0], gxy[source, 1]
        boxes[source] = shapely.box(x - reach[source], y - reach[source], x + reach[source], y + reach[source])
        if (~source).any():
            boxes[~source] = _wedge_boxes(gxy[~source], wedges[~source], reach[~source])
        found = []
        for lo, _, gen, segs in _queried(view.tree, boxes):
            gen = gen + lo
            dist = _seg_distance(gxy[gen, 0], gxy[gen, 1], view.seg[segs])
            near = dist <= reach[gen]
            gen, segs, dist = gen[near], segs[near], dist[near]
            # in the wedge (only those within reach tested: most of a box is not)
            w = np.nonzero(~source[gen] & (dist >= ON_EPS))[0]
            if len(w):
                g = gen[w]
                ahead = _overlaps_wedge(gxy[g, 0], gxy[g, 1], view.seg[segs[w]], wedges[g, 0], wedges[g, 1])
                keep = np.ones(len(gen), bool)
                keep[w[~ahead]] = False
                gen, segs, dist = gen[keep], segs[keep], dist[keep]
            found.append((gen, segs, dist))
        if not found:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        return tuple(np.concatenate(a) for a in zip(*found))

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
            for lo, hi, gen, segs, dist in self._segments_in_reach(g, wedges, rho):
                self._generators(g[lo:hi], gd[lo:hi], wedges[lo:hi], gtodo[:, lo:hi], gen, segs, dist)

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
        rho = self._reach(d, todo)
        self.generators += len(gxy)
        on = dist < ON_EPS
        o_gid, obstacles, _ = _visible_segments(gxy, view.seg, gid[~on], segs[~on], dist[~on])
        # far enough that the 30° chords of the far boundary stay outside the disk
        visible = _visibility_polygons(gxy, view.seg, o_gid, obstacles, rho / math.cos(math.pi / 12.0) + 1.0)
        source = np.isnan(wedges[:, 0])
        self._contribute(gxy, d, wedges, todo, visible, source)
        # successors: bend vertices visible from g, within rho, tangent as seen from g (candidates: the
        # ends of the segments through g and of the segments it sees)
        found = self._candidates(gxy, d, rho, np.concatenate([gid[on], o_gid]), np.concatenate([segs[on], obstacles]))
        if found is None:
            return
        c_gid, cand, gx, gy, cd, dx, dy, dw = found
        keep, phi, side = self._taut(wedges, source, c_gid, cand, dx, dy)
        if view.polygons is not None:
            self._not_into_lakes(keep, gxy, source, gid[on], segs[on], c_gid, phi)
        test = keep & (visible != None)[c_gid]  # noqa: E711 (elementwise)
        if test.any():
            shapely.prepare(visible[visible != None])  # noqa: E711 (elementwise)
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

    def _contribute(self, gxy, d, wedges, todo, visible, source) -> None:
        """Add the contributions of the generators: a plain disk for a source that sees no barrier, else
        its disk (a source) or pie (a bend vertex's wedge) clipped to its visibility polygon, per radius."""
        n = len(gxy)
        has_vis = visible != None  # noqa: E711 (elementwise)
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

    def _candidates(self, gxy, d, rho, gid, segs):
        """The successor candidates: the bend vertices at the ends of the segments ``segs`` (of generator
        ``gid``) farther than ON_EPS, within reach and reached no shorter already, as arrays (generator,
        vertex, gx, gy, d_g, dx, dy, |g w|); None when there is none."""
        view = self.view
        ends = view.seg_v[segs]
        c_gid = np.repeat(gid, 2)
        c_v = ends.ravel()
        bend = view.v_bend[c_v]
        n_v = len(view.vxy)
        pairs = np.unique(c_gid[bend].astype(np.int64) * n_v + c_v[bend])
        if len(pairs) == 0:
            return None
        c_gid, cand = pairs // n_v, pairs % n_v
        gx, gy, cd = gxy[c_gid, 0], gxy[c_gid, 1], d[c_gid]
        dx = view.vxy[cand, 0] - gx
        dy = view.vxy[cand, 1] - gy
        dw = np.hypot(dx, dy)
        keep = (dw > ON_EPS) & (dw < rho[c_gid]) & (cd + dw < self.best[cand] + 1e-9)
        if not keep.any():
            return None
        return tuple(a[keep] for a in (c_gid, cand, gx, gy, cd, dx, dy, dw))

    def _taut(self, wedges, source, c_gid, cand, dx, dy):
        """(keep, phi, side) for the candidates ``cand`` of generators ``c_gid`` at offset (dx, dy): kept
        where a taut path from g bends at w (w is tangent as seen from g: both the direction back to g and
        its opposite lie in w's reflex sector) and, from a bend vertex, within g's wedge and not arriving
        along an edge of w on the wrong side; phi the direction g -> w, side the side of the wedge it runs
        along (+1, -1, 0: neither)."""
        view = self.view
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
        return keep, phi, side

    def _not_into_lakes(self, keep, gxy, source, on_gid, on_segs, c_gid, phi) -> None:
        """A source on a lake shore (on the barrier segments ``on_segs`` of generator ``on_gid``): no path
        goes through the lake; ``keep`` is cleared for candidates in a sector that lies inside it."""
        shore = np.zeros(len(gxy), bool)
        shore[on_gid] = True
        shore &= source
        if shore[c_gid].any():
            wet = _wet_sectors(self.view, gxy, on_gid, on_segs, np.nonzero(shore)[0])
            for i in np.nonzero(shore[c_gid])[0].tolist():
                for start_w, span_w in wet[int(c_gid[i])]:
                    rel = (phi[i] - start_w) % TWO_PI
                    if HIDDEN_EPS < rel < span_w - HIDDEN_EPS:
                        keep[i] = False

    # -- results
    def zone_geometry(self, index: int) -> shapely.Geometry:
        """The union of the contributions for radius ``self.radii[index]`` (barrier polygons not yet removed)."""
        return self.cover.result(index)


def _next_range(size, done, pairs) -> int:
    """How many generators (or boxes) to take next, after ``done`` of them gave ``pairs`` pairs: about
    QUERY_BUDGET pairs at the same pairs per generator (neighbours see similar rivers), at most twice
    as many as last time, one at least."""
    return max(1, min(2 * size, int(QUERY_BUDGET * done / max(1, pairs))))


def _queried(tree, boxes):
    """The barrier segments meeting each of ``boxes``, in consecutive ranges of boxes whose query returns
    about QUERY_BUDGET pairs (one box at least): (lo, hi, box index - lo, segment index) per range.
    Memory stays bounded however dense the rivers: a range that returns over twice that is queried
    again in fewer boxes."""
    lo, size = 0, 16
    while lo < len(boxes):
        hi = min(len(boxes), lo + size)
        box, segs = tree.query(boxes[lo:hi])
        size = _next_range(size, hi - lo, len(box))
        if len(box) > 2 * QUERY_BUDGET and hi - lo > 1:
            continue
        yield lo, hi, box, segs
        lo = hi


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
