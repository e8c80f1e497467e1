"""Benchmark: rifa:barrierbuffer against native:buffer on 10,000 clustered nests (prints figures).

Scene (fixed seeds, benchmarks/scene.py): 10,000 nests in 100 Gaussian clusters over 50 km x 50 km,
six meandering rivers with 50,000 vertices in all, r = 5 km, in UTM 50N. Both algorithms run in
this process (QGIS initialised headless, Processing initialised, the plugin loaded as
tests/conftest.py does): native:buffer with DISSOLVE=True, SEGMENTS=32 without barriers, then
rifa:barrierbuffer with the rivers, three times in turn. Prints the times, the ratio of the
medians and the peak memory (maxrss).

Run: make bench   (or: QT_QPA_PLATFORM=offscreen .venv/bin/python -P benchmarks/bench_barrier_buffer.py [n_nests [repeat]])
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from qgis_layers import nest_layer as nest_layer_of  # noqa: E402
from qgis_layers import river_layer as river_layer_of  # noqa: E402
from qgis_layers import start_qgis_with_plugin  # noqa: E402
from scene import SIZE, nests, rivers  # noqa: E402


def main(n_nests: int = 10_000, repeat: int = 3) -> None:
    app, plugin = start_qgis_with_plugin()
    import processing

    nest_layer = nest_layer_of(nests(n_nests))
    river_layer = river_layer_of(rivers())
    n_vertices = sum(len(xy) for xy in rivers())
    print(f"scene: {n_nests} nests, {n_vertices} river vertices, {SIZE / 1000:.0f} km x {SIZE / 1000:.0f} km, r = 5 km")

    # each algorithm several times, alternating, in this process: the median of each is compared (the
    # machine's noise is ±10 % from one run to the next)
    native_times, our_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        native = processing.run(
            "native:buffer", {"INPUT": nest_layer, "DISTANCE": 5000, "SEGMENTS": 32, "DISSOLVE": True, "OUTPUT": "memory:"}
        )["OUTPUT"]
        native_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ours = processing.run(
            "rifa:barrierbuffer", {"INPUT": nest_layer, "DISTANCE": 5000, "BARRIERS": [river_layer], "OUTPUT": "memory:"}
        )["OUTPUT"]
        our_times.append(time.perf_counter() - t0)
    t_native, t_ours = statistics.median(native_times), statistics.median(our_times)
    runs = ", ".join(f"{t:.2f}" for t in native_times)
    print(f"native:buffer (DISSOLVE, SEGMENTS=32, no barriers): {t_native:.2f} s   (median of {runs})")
    runs = ", ".join(f"{t:.2f}" for t in our_times)
    print(f"rifa:barrierbuffer (rivers):                        {t_ours:.2f} s   (median of {runs})")
    area_native = sum(f.geometry().area() for f in native.getFeatures()) / 1e6
    area_ours = sum(f["area_km2"] for f in ours.getFeatures())
    print(f"zones: {ours.featureCount()}, {area_ours:.1f} km2 (plain buffer {area_native:.1f} km2)")
    print(f"ratio: {t_ours / t_native:.1f} x   (target <= 5, stretch <= 3)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (maxrss): {peak:.0f} MB   (target <= 1024 MB)")
    plugin.unload()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
