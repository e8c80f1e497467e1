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
it is on the shore; a source within NODE_GRID of a barrier is put on it (:func:`expansion._onto_barriers`), so
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
minus those an angular depth buffer proves hidden, go into an angular sweep around g. They are
gathered ring by ring (within 400 m, then 4 times farther, up to ρ: ``expansion.NEAR_FIRST``): once
the segments seen so far hide everything beyond the ring in every direction g spreads into
(:func:`visibility._closed_within`), the farther ones are never looked at; each of them lies behind
that ring, so the sweep in g's wedge and g's successors are the same (on a county's hydrography most
bend vertices see no farther than a few hundred metres of their 5 km). Queries of the index come in
parts of about a million pairs (``expansion.QUERY_BUDGET``), so memory does not grow with the density
of the rivers. The sweep (:func:`visibility._visibility_polygons`): the angles of all segment
ends cut the turn into elementary intervals; the noded barrier segments never cross, so inside an interval the nearest segment is
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
the zone built so far Z (``coverage._Cover``: a background thread folds them in batches while the next
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
move by at most 0.07 mm (snap rounding), pie sides are turned inwards by 1e-9 rad (:func:`visibility._pies`), a
union GEOS returns invalid is redone on a 1 µm grid (:func:`coverage._union`).

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
inside the polygon, :func:`expansion._wet_sectors`).
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from ..barriers import Barriers
from ..errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..feedback import Feedback
from .accuracy import quad_segs_for, tolerance
from .expansion import _expand_groups
from .output import _polygonal
from .sources import _prepare_source

__all__ = ["barrier_buffer", "barrier_buffers", "quad_segs_for", "tolerance"]


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


def _fmt(value: float) -> str:
    return f"{value:g}"
