"""Benchmark of the zoning steps on many nests (prints figures; not a test).

    PYTHONPATH=<dir holding a rifa_zoning link> .venv/bin/python -P benchmarks/delineate_zones.py [n_nests]

Clustered nests over 50 km x 50 km (villages of nests), grouped by 500 m, then occurrence /
quarantine / threatened zones without barriers (the engine's own benchmark covers barriers).
"""

from __future__ import annotations

import sys
import time
import tracemalloc

import numpy as np
import shapely

from rifa_zoning.core.delineation import delineate
from rifa_zoning.core.occurrence import group_nests


def clustered_nests(n: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 50000, (max(1, n // 50), 2))
    owner = rng.integers(0, len(centres), n)
    return centres[owner] + rng.normal(0, 250, (n, 2))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    nests = shapely.points(clustered_nests(n))
    tracemalloc.start()
    start = time.perf_counter()
    grouping = group_nests(nests, 500.0)
    grouped = time.perf_counter()
    print(f"{n} nests -> {len(grouping)} occurrence points: grouping {grouped - start:.2f} s")
    if n <= 20_000:
        result = delineate(nests, grouping, 3000, 5000, 10000, {"occurrence": 3, "quarantine": 3})
        print(f"zones: {len(result.occurrence)} occurrence, {len(result.quarantine)} quarantine, "
              f"{len(result.threatened)} threatened in {time.perf_counter() - grouped:.2f} s")
    print(f"peak Python memory {tracemalloc.get_traced_memory()[1] / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
