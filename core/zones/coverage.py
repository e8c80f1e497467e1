"""The zone built so far and the pruning test "is this generator's reach covered?" (module docstring
of :mod:`core.zones`, "Pruning"): the contributions are folded in a background thread, fold after
fold, and checked unions (:func:`_union`)."""

from __future__ import annotations

import collections
import functools
import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import shapely

from ..barriers import BarrierView
from .accuracy import FOLD_GRID, GRID, _disks
from .output import _clip_to_box, _floating, _on_grid

REFRESH_MIN = 256  # contributions folded into the covered zone at a time, at least,
REFRESH_DIV = 16  # or this fraction of those folded so far (folding runs in a background thread)
FOLDS_AHEAD = 2  # folds the background thread may be behind (the main thread seldom waits)
FOLD_VERTICES = 200  # a contribution counts one more for this many vertices of its visibility polygon
# a face's free part is recomputed when it is more than this many folds old: an older one is larger
# (the zone only grows), so the coverage tests stay exact, only a little less sharp
FREE_FACE_AGE = 1


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
