"""Accuracy of the zone engine: the tolerance, the inscribed disks and the epsilons every step shares
(module docstring of :mod:`core.zones`, "Accuracy"). A leaf: imports nothing of the engine."""

from __future__ import annotations

import numpy as np
import shapely

ON_EPS = 1e-6  # metres: a generator this close to a barrier segment lies on it
HIDDEN_EPS = 1e-9  # radians: angular slack in sector tests
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
