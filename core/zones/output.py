"""Output cleaning: the 1 mm grid, the closing of hair cracks, scraps and redundant vertices, and the
fast rectangle clip (module docstring of :mod:`core.zones`, "Accuracy")."""

from __future__ import annotations

import numpy as np
import shapely

from .accuracy import GRID


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
