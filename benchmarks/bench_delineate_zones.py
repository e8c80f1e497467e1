"""Benchmark of the zoning steps of ``rifa:delineatezones`` (prints figures; not a test).

    .venv/bin/python -P benchmarks/bench_delineate_zones.py [n_nests] [n_grouping_only]

1. Zones: the engine benchmark's scene (clustered nests, 50,000 river vertices over 50 km x 50 km),
   grouped by 500 m, then occurrence (3 km), quarantine (5 km) and threatened (+10 km) zones in
   one multi-radius expansion, with the rivers as barriers.
2. Grouping only, on many nests (default 100,000): STRtree pairs + vectorized union-find.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scene import nests, rivers  # noqa: E402


def main(n_nests: int = 10_000, n_grouping: int = 100_000) -> None:
    package_dir = Path(tempfile.mkdtemp(prefix="rifa_bench_"))
    (package_dir / "rifa_zoning").symlink_to(HERE.parent, target_is_directory=True)
    sys.path.insert(0, str(package_dir))
    import shapely

    from rifa_zoning.core.barriers import Barriers
    from rifa_zoning.core.delineation import delineate
    from rifa_zoning.core.occurrence import group_nests

    points = shapely.points(nests(n_nests))
    barriers = Barriers.build(lines=[(f"river {i}", shapely.LineString(xy)) for i, xy in enumerate(rivers())])
    start = time.perf_counter()
    grouping = group_nests(points, 500.0)
    grouped = time.perf_counter()
    result = delineate(points, grouping, 3000, 5000, 10000, {"occurrence": 3, "quarantine": 3}, barriers)
    done = time.perf_counter()
    print(f"{n_nests} nests -> {len(grouping)} occurrence points in {grouped - start:.2f} s; zones "
          f"({len(result.occurrence)} occurrence, {len(result.quarantine)} quarantine, "
          f"{len(result.threatened)} threatened) with 50,000 river vertices in {done - grouped:.2f} s")

    many = shapely.points(nests(n_grouping, clusters=2000, spread=150.0, seed=3))
    start = time.perf_counter()
    grouping = group_nests(many, 500.0)
    print(f"grouping only: {n_grouping} nests -> {len(grouping)} occurrence points in {time.perf_counter() - start:.2f} s")
    print(f"peak memory (max RSS) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
