"""The benchmark scene: clustered nests and meandering rivers over 50 km x 50 km (fixed seed)."""

from __future__ import annotations

import numpy as np

SIZE = 50_000.0


def nests(n=10_000, clusters=100, spread=300.0, seed=7):
    """``n`` nests in ``clusters`` Gaussian clusters (sd ``spread`` m): (n, 2) array."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.05 * SIZE, 0.95 * SIZE, size=(clusters, 2))
    owner = rng.integers(0, clusters, size=n)
    xy = centres[owner] + rng.normal(0.0, spread, size=(n, 2))
    return np.clip(xy, 0.0, SIZE)


def rivers(vertices=50_000, count=6, seed=11):
    """``count`` meandering rivers (half west-east, half south-north) with ``vertices`` vertices in all."""
    rng = np.random.default_rng(seed)
    per = vertices // count
    result = []
    for i in range(count):
        step = 1.4 * SIZE / per  # sinuosity ~1.4
        base = 0.0 if i % 2 == 0 else np.pi / 2
        heading = np.empty(per - 1)
        h = 0.0
        for k in range(per - 1):  # correlated turning: meanders of a few hundred metres
            h = 0.985 * h + rng.normal(0.0, 0.06)
            heading[k] = base + np.clip(h, -1.3, 1.3)
        steps = np.column_stack([np.cos(heading), np.sin(heading)]) * step
        start = rng.uniform(0.1 * SIZE, 0.9 * SIZE)
        origin = np.array([0.0, start]) if base == 0.0 else np.array([start, 0.0])
        xy = np.vstack([origin, origin + np.cumsum(steps, axis=0)])
        result.append(xy)
    return result
