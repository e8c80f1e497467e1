"""Benchmark on real-looking hydrography (issue 18): prints a Markdown table beside the targets.

Scenes: benchmarks/hydrography.py (a dendritic river network with braided reaches, 5-20 m vertex
spacing, 50k / 200k / 1M vertices over a 50 km x 50 km county in UTM 50N; clustered nests of an
outbreak). Each case runs in its own subprocess (QGIS initialised headless, Processing initialised,
the plugin loaded as tests/conftest.py does), so its peak memory (maxrss) is its own. In that
process, in turn, ``--repeat`` times:

- ``native:buffer`` (5 km, SEGMENTS=32, no barriers) then ``native:dissolve`` of the same nests:
  what QGIS does without barriers, the yardstick of the issue;
- ``rifa:barrierbuffer`` (5 km, the rivers as BARRIERS), or ``rifa:delineatezones`` (occurrence
  3 km, quarantine 5 km, threatened +10 km, grouping 500 m, the rivers as BARRIERS).

The medians are compared. ``make bench`` (benchmarks/bench_barrier_buffer.py) stays the old scene;
its case is run here too for the old stretch target (<= 3x).

Run: make bench-hydrography [BENCH_ARGS="--quick" | "--repeat 1" | "--cases a,b"]
  (or: QT_QPA_PLATFORM=offscreen .venv/bin/python -P benchmarks/bench_hydrography.py --quick)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from qgis_layers import nest_layer as nest_layer_of  # noqa: E402
from qgis_layers import river_layer as river_layer_of  # noqa: E402
from qgis_layers import start_qgis_with_plugin  # noqa: E402

R = 5000.0

# name: (algorithm, nests, vertices, repeats by default); vertices 0 = the old scene of make bench
CASES = {
    "bb-100-200k": ("barrierbuffer", 100, 200_000, 3),
    "bb-1000-200k": ("barrierbuffer", 1_000, 200_000, 3),
    "bb-10000-200k": ("barrierbuffer", 10_000, 200_000, 1),
    "bb-100-1M": ("barrierbuffer", 100, 1_000_000, 2),
    "bb-1000-1M": ("barrierbuffer", 1_000, 1_000_000, 1),
    "bb-10000-1M": ("barrierbuffer", 10_000, 1_000_000, 1),
    "bb-1000-50k": ("barrierbuffer", 1_000, 50_000, 3),
    "dz-10000-200k": ("delineatezones", 10_000, 200_000, 1),
    "old-scene": ("barrierbuffer", 10_000, 0, 3),
}
QUICK = ["bb-100-200k", "bb-1000-200k", "bb-1000-50k", "bb-100-1M"]


def scene_cache() -> Path:
    """~/.cache/rifa_zoning_bench/<hash of the generators>: scenes made once (1M vertices take minutes)."""
    import hashlib

    digest = hashlib.sha256(b"".join((HERE / f).read_bytes() for f in ("hydrography.py", "scene.py"))).hexdigest()[:12]
    path = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "rifa_zoning_bench" / digest
    path.mkdir(parents=True, exist_ok=True)
    return path


def scene_file(vertices: int, n_nests: int, cache: Path) -> Path:
    """The scene as an .npz (rivers and nests), made once and read by each case."""
    import numpy as np

    path = cache / f"scene_{vertices}_{n_nests}.npz"
    if path.exists():
        return path
    rivers_path = cache / f"rivers_{vertices}.npz"
    if vertices and not rivers_path.exists():
        from hydrography import network

        lines = network(vertices).lines()
        part = cache / f"rivers_{vertices}.part.npz"
        np.savez(part, sizes=[len(xy) for xy in lines], xy=np.concatenate(lines))
        part.replace(rivers_path)
    if vertices:
        from hydrography import nests

        rivers = np.load(rivers_path)
        sizes, xy, points = rivers["sizes"], rivers["xy"], nests(n_nests)
    else:
        from scene import nests, rivers

        lines = rivers()
        sizes, xy, points = [len(line) for line in lines], np.concatenate(lines), nests(n_nests)
    part = cache / f"scene_{vertices}_{n_nests}.part.npz"
    np.savez(part, nests=points, sizes=sizes, xy=xy)
    part.replace(path)
    return path


def in_reach(path: Path) -> int:
    """River vertices within R of some nest (what the engine has to look at)."""
    import numpy as np
    import shapely

    data = np.load(path)
    tree = shapely.STRtree(shapely.points(data["nests"]))
    vertices = shapely.points(data["xy"])
    # the nearest nest only (every pair within R would be billions for 10,000 nests on 1M vertices)
    return int(len(np.unique(tree.query_nearest(vertices, max_distance=R)[0])))


def run_case(name: str, repeat: int, cache: Path) -> dict:
    """One case in this process; returns its figures."""
    import numpy as np

    algorithm, n_nests, vertices, _ = CASES[name]
    data = np.load(scene_file(vertices, n_nests, cache))
    app, plugin = start_qgis_with_plugin()
    import processing

    nest_layer = nest_layer_of(data["nests"])
    river_layer = river_layer_of(np.split(data["xy"], np.cumsum(data["sizes"])[:-1]))
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def native() -> float:
        t0 = time.perf_counter()
        buffered = processing.run(
            "native:buffer", {"INPUT": nest_layer, "DISTANCE": R, "SEGMENTS": 32, "DISSOLVE": False, "OUTPUT": "memory:"}
        )["OUTPUT"]
        processing.run("native:dissolve", {"INPUT": buffered, "OUTPUT": "memory:"})
        return time.perf_counter() - t0

    def ours() -> tuple[float, float]:
        t0 = time.perf_counter()
        if algorithm == "barrierbuffer":
            out = processing.run(
                "rifa:barrierbuffer", {"INPUT": nest_layer, "DISTANCE": R, "BARRIERS": [river_layer], "OUTPUT": "memory:"}
            )["OUTPUT"]
            area = sum(f["area_km2"] for f in out.getFeatures())
        else:
            out = processing.run(
                "rifa:delineatezones",
                {
                    "NESTS": nest_layer, "BARRIERS": [river_layer], "GROUPING_DISTANCE": 500,
                    "OCCURRENCE_RADIUS": 3000, "QUARANTINE_RADIUS": 5000, "THREAT_EXTENSION": 10000,
                    "OCCURRENCE_AREAS": "memory:", "QUARANTINE_ZONES": "memory:",
                    "THREATENED_ZONES": "memory:", "OCCURRENCE_POINTS": "memory:",
                },
            )
            area = sum(f.geometry().area() for f in out["QUARANTINE_ZONES"].getFeatures()) / 1e6
        return time.perf_counter() - t0, area

    native_times, our_times, area = [], [], 0.0
    for _ in range(repeat):
        native_times.append(native())
        t, area = ours()
        our_times.append(t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    plugin.unload()
    return {
        "case": name, "native": native_times, "ours": our_times, "area_km2": area,
        "peak_mb": peak, "loaded_mb": loaded, "load": os.getloadavg()[0],
    }


def first(r: dict) -> float:
    """The first run of ours in the case's process: the cold figure (later runs may reuse what the
    first one prepared, as a re-run in a QGIS session does)."""
    return r["ours"][0]


def run_child(command: list, timeout: float | None, max_rss: float) -> tuple:
    """Run a case's process; stop it past ``timeout`` s or ``max_rss`` MB (the machine is shared).
    Returns (CompletedProcess or None, why it was stopped or None)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        stopped = None
        while child.poll() is None:
            try:
                status = Path(f"/proc/{child.pid}/status").read_text()
                rss = int(status.split("VmRSS:")[1].split()[0]) / 1024 if "VmRSS:" in status else 0
            except OSError:
                rss = 0
            if rss > max_rss:
                stopped = f"{rss:.0f} MB resident > --max-rss {max_rss:.0f} MB after {time.perf_counter() - start:.0f} s"
            elif timeout and time.perf_counter() - start > timeout:
                stopped = f"still running after {timeout:.0f} s (--timeout)"
            if stopped:
                child.kill()
                child.wait()
                return None, stopped
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(command, child.returncode, out.read(), err.read()), None


def median(values):
    return statistics.median(values) if values else float("nan")


def verdict(value: float, limit: float, unit: str) -> str:
    shown = f"{value:.0f}" if value >= 100 else f"{value:.3g}"
    if value <= limit:
        return f"met ({shown}{unit} <= {limit:g}{unit})"
    return f"**missed** by {value / limit:.1f}x ({shown}{unit} > {limit:g}{unit})"


def report(results: dict, reach: dict, started: float, commit: str) -> str:
    out = []
    out.append(f"Commit {commit}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}, "
               f"bench run {time.time() - started:.0f} s in all. Times are medians of the runs listed "
               "(native = native:buffer 5 km SEGMENTS=32 + native:dissolve, same nests, same process; for "
               "delineatezones too, as a yardstick); "
               "targets are judged on the 1st run of ours (cold; later runs may reuse prepared barriers); "
               "peak = the case process's maxrss; load = 1-min load average of the shared 2-core machine "
               "at the end of the case.\n")
    out.append("| case | algorithm | nests | river vertices | in reach | native | rifa, 1st run (all runs) | ratio 1st | "
               "rifa median | peak | load |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        algorithm, n, v, _ = CASES[name]
        label = "50k (make bench scene)" if v == 0 else f"{v // 1000}k" if v < 1_000_000 else f"{v // 1_000_000}M"
        what = "barrierbuffer 5 km" if algorithm == "barrierbuffer" else "delineatezones 3/5/+10 km"
        if "timed_out" in r:
            out.append(f"| {name} | {what} | {n:,} | {label} | {reach.get(name, 0):,} | | > {r['timed_out']:.0f} s "
                       f"({r.get('why', 'stopped')}) | | | | {r['load']:.1f} |")
            continue
        tn, to = median(r["native"]), median(r["ours"])
        runs = ", ".join(f"{t:.1f}" for t in r["ours"])
        out.append(f"| {name} | {what} | {n:,} | {label} | {reach.get(name, 0):,} | {tn:.2f} s | {first(r):.1f} s ({runs}) "
                   f"| {first(r) / tn:.0f}x | {to:.1f} s | {r['peak_mb']:.0f} MB | {r['load']:.1f} |")
    out.append("")
    out.append("| target (issue 18) | measured | verdict |")
    out.append("|---|---|---|")

    def target(name, text, fn):
        if name in results and "timed_out" in results[name]:
            why = results[name].get("why", "stopped")
            out.append(f"| {text} | > {results[name]['timed_out']:.0f} s ({why}) | **missed** |")
        elif name in results:
            out.append(f"| {text} | {fn(results[name])} |")

    target("bb-100-1M", "100 nests, 1M vertices: <= 10 s", lambda r: f"{first(r):.1f} s | "
           + verdict(first(r), 10, " s"))
    target("bb-100-1M", "100 nests, 1M vertices: <= 1 GB peak", lambda r: f"{r['peak_mb']:.0f} MB | "
           + verdict(r["peak_mb"], 1024, " MB"))
    target("bb-1000-200k", "1,000 nests, 200k vertices: <= 5x native", lambda r: f"{first(r) / median(r['native']):.0f}x | "
           + verdict(first(r) / median(r["native"]), 5, "x"))
    target("old-scene", "make bench scene (10,000 nests, 50k): <= 3x native", lambda r: f"{first(r) / median(r['native']):.1f}x | "
           + verdict(first(r) / median(r["native"]), 3, "x"))
    target("dz-10000-200k", "delineatezones 10,000 nests, 200k: <= 60 s", lambda r: f"{first(r):.0f} s | "
           + verdict(first(r), 60, " s"))
    target("dz-10000-200k", "delineatezones 10,000 nests, 200k: <= 1.5 GB", lambda r: f"{r['peak_mb']:.0f} MB | "
           + verdict(r["peak_mb"], 1536, " MB"))
    growth = [g for g in ("bb-1000-50k", "bb-1000-200k", "bb-1000-1M") if g in results and "timed_out" not in results[g]]
    if len(growth) > 1:
        out.append("")
        out.append("Growth with the barrier vertices (the same 1,000 nests, r = 5 km; the target: at most like "
                   "vertices in reach x log):\n")
        out.append("| river vertices | in reach | rifa | per 1,000 vertices in reach | peak | time growth / in-reach growth |")
        out.append("|---|---|---|---|---|---|")
        for g in growth:
            r, v, n_reach = results[g], CASES[g][2], reach.get(g, 0)
            t = first(r)
            rel = (t / first(results[growth[0]])) / (n_reach / max(reach.get(growth[0], 1), 1)) if n_reach else float("nan")
            out.append(f"| {v:,} | {n_reach:,} | {t:.1f} s | {1000 * t / max(n_reach, 1):.2f} ms | {r['peak_mb']:.0f} MB | {rel:.2f} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)}, one run each")
    parser.add_argument("--repeat", type=int, help="runs per case (default: 3 for the small cases, 1-2 for the big)")
    parser.add_argument("--cases", help="comma-separated case names: " + ", ".join(CASES))
    parser.add_argument("--output", help="also write the tables to this Markdown file")
    parser.add_argument("--timeout", type=float, help="stop a case after this many seconds (reported as missed)")
    parser.add_argument("--max-rss", type=float, default=8000, help="stop a case past this resident memory, MB (default 8000)")
    parser.add_argument("--merge", nargs="+", help="print one table from the .json files that --output wrote")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # one case, in this process (the subprocess)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.repeat, Path(args.cache))))
        return
    started = time.time()
    if args.merge:  # one table from the .json files of several runs (later runs win)
        results, reach = {}, {}
        for path in args.merge:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            results.update(data["results"])
            reach.update(data["reach"])
        results = {name: results[name] for name in CASES if name in results}
        commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
        print(report(results, reach, started, commit))
        return
    names = args.cases.split(",") if args.cases else QUICK if args.quick else list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}; the cases are {', '.join(CASES)}")
    repeat = args.repeat or (1 if args.quick else None)
    cache = scene_cache()
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    results, reach = {}, {}
    for name in names:
        algorithm, n_nests, vertices, default_repeat = CASES[name]
        t0 = time.perf_counter()
        reach[name] = in_reach(scene_file(vertices, n_nests, cache))
        made = time.perf_counter() - t0
        print(f"{name}: scene ready ({made:.0f} s), {reach[name]:,} river vertices within {R / 1000:g} km; "
              f"load {os.getloadavg()[0]:.1f}", flush=True)
        proc, stopped = run_child(
            [sys.executable, "-P", __file__, "--case", name, "--repeat", str(repeat or default_repeat), "--cache", str(cache)],
            args.timeout, args.max_rss,
        )
        if stopped:
            results[name] = {"timed_out": time.perf_counter() - t0, "load": os.getloadavg()[0], "why": stopped}
            print(f"  stopped: {stopped}; load {os.getloadavg()[0]:.1f}", flush=True)
            continue
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr, file=sys.stderr)
            raise SystemExit(f"case {name} failed")
        results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
        r = results[name]
        print(f"  native {', '.join(f'{t:.2f}' for t in r['native'])} s; rifa {', '.join(f'{t:.1f}' for t in r['ours'])} s; "
              f"peak {r['peak_mb']:.0f} MB; load {r['load']:.1f}", flush=True)
    table = report(results, reach, started, commit)
    print()
    print(table)
    if args.output:  # and the raw figures beside it, to merge runs (--merge)
        Path(args.output).write_text(table + "\n", encoding="utf-8")
        Path(args.output).with_suffix(".json").write_text(json.dumps({"results": results, "reach": reach}), encoding="utf-8")


if __name__ == "__main__":
    main()
