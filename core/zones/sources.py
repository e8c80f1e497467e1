"""Source preparation: the points, lines and polygons of a source geometry turned into generator
points and exact parts, grouped by the barrier polygons that hold them (module docstring of
:mod:`core.zones`, "Accuracy", "Sources inside a barrier polygon")."""

from __future__ import annotations

import numpy as np
import shapely

from ..barriers import Barriers, BarrierView
from ..errors import QT_TRANSLATE_NOOP, Msg


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
