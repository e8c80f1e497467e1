"""Nests -> occurrence points (发生点, plan 第三章 二(二) 1): grouping and detection dates.

An occurrence point is one natural village (自然村) or community (社区) with nests.

- With village polygons, the nests inside the same village form one occurrence point. A nest in
  two overlapping villages goes to the first of them (layer order). Nests outside every village
  cannot be given a village, so they are grouped among themselves by distance exactly as without
  villages; those occurrence points have no village name. They never join a village's point:
  that would let a chain of field nests merge two villages into one point.
- Without villages, nests closer than the grouping distance to each other form one occurrence
  point, chained (single linkage): a line of nests 400 m apart is one point for 500 m.

Fast for 100,000 nests in bounded memory: a grid of cells of side distance / sqrt(2) (all
nests of a cell are linked), GEOS distance tests between neighbouring cells only, connected
components from a vectorized union-find (no O(n²) Python, no list of all close pairs).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import shapely

from .errors import QT_TRANSLATE_NOOP, Msg
from .feedback import Feedback


@dataclass
class OccurrencePoint:
    """One occurrence point: its nests (indices into the nest array) and village name."""

    point_id: int
    nests: np.ndarray
    village: str | None = None
    first_seen: dt.date | dt.datetime | None = None
    last_seen: dt.date | dt.datetime | None = None


@dataclass
class Grouping:
    """The result of :func:`group_nests`."""

    labels: np.ndarray  # occurrence point index (0-based) of each nest
    points: list[OccurrencePoint] = field(default_factory=list)
    outside: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # nests outside every village

    def __len__(self) -> int:
        return len(self.points)


def _link(parent: np.ndarray, first: np.ndarray, second: np.ndarray) -> None:
    """Merge the components of ``first[i]`` and ``second[i]`` in the union-find ``parent`` (in
    place; on return every node points to its root, the smallest member of its component).

    Hooking on roots and full path compression, vectorized: every parent is smaller than its
    child, so there are no cycles, and each round hooks at least one root.
    """
    keep = first != second
    first, second = first[keep], second[keep]
    while first.size:
        root_a, root_b = parent[first], parent[second]
        differ = root_a != root_b
        if not differ.any():
            break
        first, second = first[differ], second[differ]
        low = np.minimum(root_a[differ], root_b[differ])
        high = np.maximum(root_a[differ], root_b[differ])
        np.minimum.at(parent, high, low)
        while True:  # compress: everyone points to its root
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent[:] = grand


def connected_components(n: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Component label (0..k-1, numbered by smallest member) of each of ``n`` nodes linked by
    the edges ``first[i] -- second[i]``."""
    parent = np.arange(n, dtype=np.int64)
    _link(parent, np.asarray(first, dtype=np.int64), np.asarray(second, dtype=np.int64))
    return np.unique(parent, return_inverse=True)[1].astype(np.int64)


# neighbour offsets (half of the 5 x 5 block: each pair of cells once) for cells of side d / sqrt(2)
_OFFSETS = [(dx, dy) for dx in range(-2, 3) for dy in range(-2, 3) if (dx, dy) > (0, 0)]
PAIR_CHUNK = 50_000  # cell pairs per vectorized distance test


def _first_seen_labels(labels: np.ndarray) -> np.ndarray:
    """``labels`` renumbered 0..k-1 in the order of their first occurrence."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.ravel()]


def cluster_by_distance(points: np.ndarray, distance: float, feedback: Feedback | None = None) -> np.ndarray:
    """Single-linkage clusters of ``points`` (shapely Points): a cluster label per point, numbered
    by the first point of each cluster.

    Two points are linked when they are at most ``distance`` apart (the plan's "closer than"
    is read as "not farther than", so 500 m apart with 500 m grouping is one point).

    Memory stays bounded however dense the nests: enumerating every pair within the distance
    would not (3,000 nests around one village are 9 million pairs). The points go into square
    cells of side ``distance / sqrt(2)``, so all points of one cell are linked; two cells are
    linked when some pair of their points is within the distance (GEOS ``dwithin`` on the cells'
    multipoints, which stops at the first such pair). Only cells up to 2 apart can be linked.
    """
    feedback = feedback or Feedback()
    n = len(points)
    if n == 0:
        return np.arange(0, dtype=np.int64)
    xy = shapely.get_coordinates(np.asarray(points, dtype=object))
    if not distance > 0:  # nests at the very same place still make one point
        return _first_seen_labels(np.unique(xy, axis=0, return_inverse=True)[1].ravel())
    side = distance / math.sqrt(2.0) * (1.0 - 1e-6)  # strictly below: a cell's diagonal is within the distance
    ij = np.floor((xy - xy.min(axis=0)) / side).astype(np.int64)
    cells, cell_of = np.unique(ij, axis=0, return_inverse=True)
    cell_of = cell_of.ravel()
    m = len(cells)
    width = int(cells[:, 1].max()) + 5
    keys = (cells[:, 0] + 2) * width + (cells[:, 1] + 2)  # sorted, as cells are (lexicographic)
    by_cell = np.argsort(cell_of, kind="stable")
    multipoints = shapely.multipoints(shapely.points(xy[by_cell]), indices=cell_of[by_cell])
    parent = np.arange(m, dtype=np.int64)
    for step, (dx, dy) in enumerate(_OFFSETS):
        feedback.check_canceled()
        wanted = keys + dx * width + dy
        found = np.searchsorted(keys, wanted)
        found[found >= m] = 0
        hit = keys[found] == wanted
        first, second = np.flatnonzero(hit), found[hit]
        for lo in range(0, len(first), PAIR_CHUNK):
            feedback.check_canceled()
            a, b = first[lo:lo + PAIR_CHUNK], second[lo:lo + PAIR_CHUNK]
            # skip pairs already joined: the distance test is the costly part
            open_ = parent[a] != parent[b]
            a, b = a[open_], b[open_]
            near = shapely.dwithin(multipoints[a], multipoints[b], distance)
            _link(parent, a[near], b[near])
        feedback.progress(100.0 * (step + 1) / len(_OFFSETS))
    return _first_seen_labels(parent[cell_of])


def cluster_geometries(geometries, distance: float) -> np.ndarray:
    """A label per geometry (0..k-1, in first-seen order): geometries not farther apart than
    ``distance``, chained, share a label. Any geometry type, multi-part ones included.

    Conservative: geometries up to 8.3 % farther apart may share a label too (the test grows each
    geometry by half the distance with octagons that contain the true circles, and unions them),
    never the other way round. Used to split data far apart into regions that cannot interact.
    """
    geometries = np.asarray(geometries, dtype=object)
    if len(geometries) == 0:
        return np.zeros(0, dtype=np.int64)
    quad_segs = 2
    grown = shapely.buffer(geometries, distance / 2.0 / math.cos(math.pi / (4 * quad_segs)), quad_segs=quad_segs)
    parts = shapely.get_parts(shapely.union_all(grown))
    geometry_index, part_index = shapely.STRtree(parts).query(geometries, predicate="intersects")
    # a multi-part geometry may meet several parts: they are one region
    order = np.argsort(geometry_index, kind="stable")
    geometry_index, part_index = geometry_index[order], part_index[order]
    same = geometry_index[1:] == geometry_index[:-1]
    part_label = connected_components(len(parts), part_index[1:][same], part_index[:-1][same])
    labels = np.zeros(len(geometries), dtype=np.int64)
    labels[geometry_index] = part_label[part_index]
    return _first_seen_labels(labels)


def group_nests(
    nests,
    distance: float,
    villages: list[tuple[str | None, shapely.Geometry]] | None = None,
    feedback: Feedback | None = None,
) -> Grouping:
    """Group nests (shapely Points in a metric CRS) into occurrence points.

    ``villages``: ``(name, polygon)`` in the same CRS, or None to group by ``distance`` only.
    Occurrence points are numbered 1.. in the order of their first nest.
    """
    feedback = feedback or Feedback()
    points = np.asarray(nests, dtype=object)
    n = len(points)
    if n == 0:
        return Grouping(np.zeros(0, dtype=np.int64))
    village_of = np.full(n, -1, dtype=np.int64)
    if villages:
        polygons = np.asarray([geometry for _, geometry in villages], dtype=object)
        tree = shapely.STRtree(polygons)
        nest_index, village_index = tree.query(points, predicate="intersects")
        # first village (layer order) of each nest: sort by nest, then village
        order = np.lexsort((village_index, nest_index))
        nest_index, village_index = nest_index[order], village_index[order]
        first = np.ones(len(nest_index), dtype=bool)
        first[1:] = nest_index[1:] != nest_index[:-1]
        village_of[nest_index[first]] = village_index[first]
        if (~first).any():
            feedback.info(
                Msg(
                    QT_TRANSLATE_NOOP("core", "{count} nest(s) lie in more than one village; each was given to the first village in the layer."),
                    count=int(np.unique(nest_index[~first]).size),
                )
            )
    feedback.check_canceled()

    # key of each nest: its village (0..v-1) or v + its distance cluster among the outside nests
    outside = np.flatnonzero(village_of < 0)
    key = village_of.copy()
    base = len(villages) if villages else 0
    if outside.size:
        key[outside] = base + cluster_by_distance(points[outside], distance, feedback.step(0, 90))
    feedback.check_canceled()

    # number occurrence points by their first nest
    _, first_nest, inverse = np.unique(key, return_index=True, return_inverse=True)
    rank = np.empty(len(first_nest), dtype=np.int64)
    rank[np.argsort(first_nest, kind="stable")] = np.arange(len(first_nest))
    labels = rank[inverse.ravel()]
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(len(first_nest) + 1))
    result: list[OccurrencePoint] = []
    for index in range(len(first_nest)):
        members = order[bounds[index]:bounds[index + 1]]
        village = village_of[members[0]]
        name = None
        if village >= 0:
            name = villages[village][0]
            name = None if name is None else str(name)
        result.append(OccurrencePoint(index + 1, members, name))
    if villages and outside.size:
        outside_points = np.unique(labels[outside]) + 1
        feedback.info(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{count} nest(s) lie outside every village: grouped among themselves by the grouping "
                    "distance {distance:g} m into {points} occurrence point(s) without village name (point ids {ids}).",
                ),
                count=int(outside.size),
                distance=distance,
                points=int(outside_points.size),
                ids=id_list(outside_points.tolist()),
            )
        )
    return Grouping(labels, result, outside)


# -- detection dates


def parse_date(value) -> dt.date | dt.datetime | None:
    """A detection date from a date, a datetime or ISO 8601 text; None for an empty value.

    Raises ValueError for anything else. Time-zone offsets are dropped (the wall time the field
    team recorded is kept), so dates never shift across midnight.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if len(text) <= 10:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        return parsed.replace(tzinfo=None)
    raise ValueError(value)


def _sort_key(value: dt.date | dt.datetime) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)


def assign_dates(grouping: Grouping, values: list, fids: list[int], feedback: Feedback | None = None) -> bool:
    """Set ``first_seen`` / ``last_seen`` of every occurrence point from the nests' date values.

    ``values[i]`` is nest i's raw value, ``fids[i]`` its feature id (for the log). Values that
    are not dates are ignored and reported with their feature ids. Returns True when some date
    carries a time of day (the caller then writes date-times instead of dates).
    """
    feedback = feedback or Feedback()
    parsed: list = [None] * len(values)
    bad: list[str] = []
    empty = 0
    for index, value in enumerate(values):
        try:
            parsed[index] = parse_date(value)
        except (ValueError, TypeError, OverflowError):
            bad.append(f"{fids[index]} ({value!r})")
            continue
        if parsed[index] is None:
            empty += 1
    if bad:
        feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "{count} nest date(s) are not dates (expected a date or ISO text like 2024-05-31) and were ignored: feature(s) {items}."),
                count=len(bad),
                items=id_list(bad),
            )
        )
    if empty:
        feedback.info(Msg(QT_TRANSLATE_NOOP("core", "{count} nest(s) have no date."), count=empty))
    with_time = any(isinstance(v, dt.datetime) for v in parsed)
    for point in grouping.points:
        dates = [parsed[i] for i in point.nests if parsed[i] is not None]
        if with_time:
            dates = [_sort_key(d) for d in dates]
        if dates:
            point.first_seen = min(dates, key=_sort_key)
            point.last_seen = max(dates, key=_sort_key)
    return with_time


def id_list(ids: list, most: int = 10) -> str:
    """``1, 2, 3, … (+7)``: a short list of ids for the log."""
    text = ", ".join(str(i) for i in ids[:most])
    return text + (f", … (+{len(ids) - most})" if len(ids) > most else "")
