"""Benchmark scenes that look like real hydrography (fixed seeds; issue 18).

A county of 50 km x 50 km in UTM 50N metres (the bench adds the south-west corner X0, Y0 near
Putian), as a river layer from a hydrography survey or OSM would draw it:

- a dendritic network: a main river crossing the county west to east, tributaries of three more
  levels, each joining its parent at a junction, half of them ending exactly on a vertex of the
  parent and half on a point inside one of its segments (as digitized data has both); no two
  streams cross (a tributary that would cross another stops short of it, as a channel head does);
  every stream is digitized from its source to its mouth;
- Strahler orders 1-4, computed from that topology (not assigned): leaves are order 1, the main
  river order 4 when two order-3 tributaries join it (they always do at these sizes); beyond 200k
  vertices the land near those fills up and small streams also join small streams: the 1M network
  is a fine survey's (about 3 km of stream per km² where it is drawn), orders up to 7;
- braided reaches on the main river: side channels that leave it at one vertex, go round an island
  (40-180 m off) and rejoin it at another vertex, some islands with a second, wider channel;
- meanders (sine-generated curves of irregular wavelength, sized by the stream's level, plus
  low-frequency valley bends and digitizing wiggle);
- vertex spacing 5-20 m, varying along each stream and from stream to stream;
- exactly ``vertices`` vertices in all (the last leaves are cut at their source to fit).

And clustered nests as a real outbreak has them: clusters of tens of nests within a few hundred
metres, the clusters spread over the county around a few foci, about half of them near the main
river. The nests depend only on their count and seed, not on the network, so the same nests can be
zoned against 50k, 200k or 1M river vertices.

    from hydrography import network, nests
    net = network(200_000)        # net.streams: list of Stream (xy, level, order, parent, junction, kind)
    points = nests(1_000)         # (n, 2) array

``python benchmarks/hydrography.py [vertices ...]`` writes a PNG of each scene into /tmp.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import shapely

PROGRESS: list = []  # [start time] to print progress

SIZE = 50_000.0  # the county: 50 km x 50 km
SEED = 18
MIN_SPACING, MAX_SPACING = 5.0, 20.0

# per level (0 = main river): mean meander wavelength (m), meander amplitude (rad), length (m) range
WAVELENGTH = (2600.0, 1100.0, 550.0, 260.0)
AMPLITUDE = (1.05, 0.85, 0.7, 0.5)
LENGTH = (None, (8000.0, 24000.0), (1500.0, 6000.0), (300.0, 1400.0))
# share of the vertices (after the main river and its braids) of levels 1 and 2; leaves get the rest
LEVEL_SHARE = (None, 0.22, 0.33)


@dataclass
class Stream:
    xy: np.ndarray  # (n, 2), source first, mouth last (braids: from where they leave to where they rejoin)
    level: int  # 0 main river, 1-3 tributaries (3 = leaves)
    kind: str  # "main", "tributary" or "braid"
    parent: int = -1  # index of the stream it joins (braids: the river they leave and rejoin)
    junction: str | None = None  # "vertex" or "segment": where its mouth lies on the parent
    at: float = 0.0  # position of the mouth on the parent, in vertex indices (k + t for a segment)
    order: int = 0  # Strahler order at the mouth


@dataclass
class Network:
    streams: list[Stream] = field(default_factory=list)
    counted: int = 0  # vertices of the streams appended through add()

    @property
    def n_vertices(self) -> int:
        return sum(len(s.xy) for s in self.streams)

    def add(self, stream: Stream) -> None:
        self.streams.append(stream)
        self.counted += len(stream.xy)

    def lines(self) -> list[np.ndarray]:
        return [s.xy for s in self.streams]


def _spacings(rng, n: int, mean: float) -> np.ndarray:
    """``n`` segment lengths around ``mean``, varying smoothly along the stream, within 5.2-19.4 m."""
    wobble = _smooth(rng.normal(0.0, 1.0, n + 200), 60)[100 : 100 + n]
    wobble /= max(wobble.std(), 1e-9)
    return np.clip(mean * np.exp(0.3 * wobble), MIN_SPACING + 0.2, MAX_SPACING - 0.6)


def _smooth(values: np.ndarray, width: int) -> np.ndarray:
    kernel = np.exp(-0.5 * (np.arange(-3 * width, 3 * width + 1) / width) ** 2)
    return np.convolve(values, kernel / kernel.sum(), mode="same")


def _path(rng, start, heading: float, length: float, level: int, turn: float = 0.0, spacing=(7.0, 17.0)) -> np.ndarray:
    """A meandering path from ``start`` in mean direction ``heading`` (turning by ``turn`` over its
    first kilometres), about ``length`` m long."""
    mean = rng.uniform(*spacing)
    n = int(length / mean * 1.3) + 2
    steps = _spacings(rng, n, mean)
    s = np.concatenate([[0.0], np.cumsum(steps)])
    s = s[: np.searchsorted(s, length) + 1]
    steps = steps[: len(s) - 1]
    wavelength = WAVELENGTH[level] * rng.uniform(0.8, 1.25)
    # irregular meanders: the wavelength drifts by +-30 % along the stream
    stretch = 1.0 + 0.3 * np.sin(2 * np.pi * s / (wavelength * rng.uniform(4, 9)) + rng.uniform(0, 2 * np.pi))
    phase = np.concatenate([[0.0], np.cumsum(np.diff(s) / (wavelength * stretch[1:]))]) * 2 * np.pi
    ramp = np.minimum(1.0, s / (0.5 * wavelength))  # leave the parent at the chosen angle
    amplitude = AMPLITUDE[level] * rng.uniform(0.7, 1.15) * (1.0 + 0.25 * np.sin(phase / rng.uniform(3, 6)))
    valley = 0.0
    for _ in range(2):  # valley bends a few kilometres long
        valley = valley + rng.uniform(0.15, 0.5) * np.sin(
            2 * np.pi * s / (wavelength * rng.uniform(6, 20)) + rng.uniform(0, 2 * np.pi)
        )
    wiggle = _smooth(rng.normal(0.0, 0.5, len(s) + 40), 3)[20 : 20 + len(s)]  # digitizing
    theta = heading + turn * (1.0 - np.exp(-s / (0.3 * length + 1.0))) + ramp * (amplitude * np.sin(phase) + valley - valley[0]) + wiggle
    mid = 0.5 * (theta[:-1] + theta[1:])
    xy = np.empty((len(s), 2))
    xy[0] = start
    xy[1:] = start + np.cumsum(np.column_stack([np.cos(mid), np.sin(mid)]) * steps[:, None], axis=0)
    return xy


def _inside(xy: np.ndarray) -> int:
    """Number of leading vertices inside the county."""
    out = np.flatnonzero((xy < 0.0).any(axis=1) | (xy > SIZE).any(axis=1))
    return len(xy) if len(out) == 0 else int(out[0])


def main_river(seed: int = SEED) -> np.ndarray:
    """The main river: west to east across the county (the same for every network of this seed)."""
    rng = np.random.default_rng([seed, 0])
    start = np.array([0.0, rng.uniform(0.4, 0.6) * SIZE])
    for _ in range(20):
        xy = _path(rng, start, rng.uniform(-0.1, 0.1), 2.2 * SIZE, 0)
        k = _inside(xy)
        if xy[k - 1, 0] > 0.9 * SIZE and shapely.is_simple(shapely.linestrings(xy[:k])):
            return xy[:k]
    raise RuntimeError("no main river found")


def _braids(rng, river: np.ndarray) -> list[np.ndarray]:
    """Side channels round islands, leaving and rejoining ``river`` at its vertices."""
    line = shapely.linestrings(river)
    s = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(river, axis=0).T))])
    normal = np.gradient(river, axis=0)
    normal = np.column_stack([-normal[:, 1], normal[:, 0]]) / np.hypot(*normal.T)[:, None]
    channels = []
    for reach_start in np.sort(rng.uniform(0.05, 0.9, 5)) * s[-1]:
        at = reach_start
        side = rng.choice([-1.0, 1.0])
        for _ in range(rng.integers(2, 5)):  # islands in a row
            length = rng.uniform(300.0, 1100.0)
            i, j = np.searchsorted(s, [at, at + length])
            if j >= len(river) - 1:
                break
            for width in [rng.uniform(40.0, 90.0)] + ([rng.uniform(110.0, 180.0)] if rng.random() < 0.4 else []):
                t = (s[i : j + 1] - s[i]) / (s[j] - s[i])
                offset = river[i : j + 1] + side * (width * np.sin(np.pi * t) ** 0.8)[:, None] * normal[i : j + 1]
                xy = _resample(rng, offset)
                xy[0], xy[-1] = river[i], river[j]
                channel = shapely.linestrings(xy)
                touching = shapely.get_num_geometries(shapely.intersection(channel, line))
                crossing = any(shapely.crosses(channel, shapely.linestrings(c)) for c in channels)
                if shapely.is_simple(channel) and touching == 2 and not crossing:
                    channels.append(xy)
            at += length + rng.uniform(0.0, 150.0)
            side = -side if rng.random() < 0.6 else side
    return channels


def _resample(rng, xy: np.ndarray) -> np.ndarray:
    """``xy`` with new vertices every 5-20 m along it (the same ends)."""
    s = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])
    steps = _spacings(rng, int(s[-1] / 5) + 2, rng.uniform(8.0, 15.0))
    k = int(np.searchsorted(np.cumsum(steps), s[-1]))
    k = k if k > 0 else 1
    at = np.concatenate([[0.0], np.cumsum(steps[:k])])
    at *= s[-1] / at[-1]
    return np.column_stack([np.interp(at, s, xy[:, 0]), np.interp(at, s, xy[:, 1])])


class _Index:
    """The streams drawn so far, for the crossing test (a tree, and the few added since it was built)."""

    def __init__(self):
        self.geoms: list = []
        self.tree = shapely.STRtree([])
        self.array = np.empty(0, dtype=object)

    def add(self, xy: np.ndarray) -> None:
        self.geoms.append(shapely.linestrings(xy))
        if len(self.geoms) - len(self.array) >= 64:
            self.array = np.asarray(self.geoms, dtype=object)
            self.tree = shapely.STRtree(self.array)

    def nearest(self, point) -> tuple[float, int]:
        """Distance from ``point`` to the nearest stream drawn so far, and its index."""
        d, k = np.inf, -1
        if len(self.array):
            k = int(self.tree.query_nearest(point)[0])
            d = float(shapely.distance(point, self.array[k]))
        pending = shapely.distance(point, np.asarray(self.geoms[len(self.array) :], dtype=object))
        if len(pending) and pending.min() < d:
            return float(pending.min()), len(self.array) + int(pending.argmin())
        return d, k

    def first_hit(self, path: np.ndarray) -> float:
        """Arc length along ``path`` of its first meeting with a stream drawn so far (beyond its start), or inf."""
        line = shapely.linestrings(path)
        candidates = np.concatenate([self.array[self.tree.query(line)], np.asarray(self.geoms[len(self.array) :], dtype=object)])
        if len(candidates) == 0:
            return np.inf
        hits = shapely.intersection(line, candidates[shapely.intersects(line, candidates)])
        if len(hits) == 0:
            return np.inf
        points = shapely.points(shapely.get_coordinates(hits))
        positions = shapely.line_locate_point(line, points)
        positions = positions[positions > 1e-6]
        return float(positions.min()) if len(positions) else np.inf


def _arc(xy: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])


def _site(rng, parent: np.ndarray):
    """A junction on ``parent``: (point, position in vertex indices, "vertex"/"segment", downstream tangent)."""
    k = int(rng.integers(2, len(parent) - 3))
    tangent = parent[k + 1] - parent[k - 1]
    if rng.random() < 0.5:
        return parent[k].copy(), float(k), "vertex", tangent
    t = rng.uniform(0.2, 0.8)
    return parent[k] + t * (parent[k + 1] - parent[k]), k + t, "segment", parent[k + 1] - parent[k]


def network(vertices: int = 200_000, seed: int = SEED) -> Network:
    """The river network with exactly ``vertices`` vertices (at least 20,000)."""
    if vertices < 20_000:
        raise ValueError("at least 20,000 vertices")
    net = Network()
    index = _Index()
    river = main_river(seed)
    net.add(Stream(river, 0, "main"))
    index.add(river)
    for xy in _braids(np.random.default_rng([seed, 1]), river):
        net.add(Stream(xy, 0, "braid", parent=0))
        index.add(xy)
    # denser layers draw shorter streams (a finer survey), not only more of them
    scale = (200_000 / vertices) ** 0.5
    budget = vertices - net.counted
    # and digitize more densely: mean spacing 7-17 m per stream up to 200k vertices, 5.5-10 m beyond
    spacing = (7.0, 17.0) if vertices <= 200_000 else (5.5, 10.0)
    for level in (1, 2):
        rng = np.random.default_rng([seed, 10 + level])
        parents = [i for i, s in enumerate(net.streams) if s.kind == "tributary" and s.level == level - 1] or [0]
        weights = np.array([len(net.streams[i].xy) for i in parents], dtype=float)
        goal = net.counted + budget * LEVEL_SHARE[level]
        low, high = LENGTH[level]
        gap = 0.15 * scale * (low + high) / 2  # between junctions on one parent
        junctions: dict[int, list[float]] = {}
        failures = 0
        while net.counted < goal:
            if failures > 1500:  # no room left at this level: the leaves get the rest
                break
            failures += 1
            p = parents[rng.choice(len(parents), p=weights / weights.sum())]
            parent = net.streams[p].xy
            point, at, junction, tangent = _site(rng, parent)
            s_parent = _arc(parent)
            here = np.interp(at, np.arange(len(parent)), s_parent)
            if any(abs(here - other) < gap for other in junctions.get(p, [])):
                failures -= 0.9  # a taken site is cheap to find again: counts a tenth
                continue
            upstream = np.arctan2(-tangent[1], -tangent[0])
            length = rng.uniform(low, high) * scale
            best = None
            for _ in range(3):  # the heading that runs farthest into free land
                side = rng.choice([-1.0, 1.0])
                # upstream at an acute angle to one side, turning away from the parent
                angle = rng.uniform(0.6, 1.2)
                path = _path(rng, point, upstream + side * angle, length, level, side * (rng.uniform(1.2, 1.8) - angle), spacing)
                path = path[: _inside(path)]
                if len(path) < 2:
                    continue
                hit = index.first_hit(path)
                if np.isfinite(hit):
                    path = path[: int(np.searchsorted(_arc(path), hit - rng.uniform(25.0, 60.0)))]
                if len(path) >= 12 and (best is None or len(path) > len(best)) and shapely.is_simple(shapely.linestrings(path)):
                    best = path
            if best is None or np.isfinite(index.first_hit(best)):  # (cannot happen: cut before the first hit)
                continue
            failures = 0
            junctions.setdefault(p, []).append(here)
            net.add(Stream(best[::-1].copy(), level, "tributary", parent=p, junction=junction, at=at))
            index.add(best)
    if PROGRESS:
        print(f"levels 1-2: {net.counted} vertices, {time.perf_counter() - PROGRESS[0]:.1f} s", flush=True)
    _leaves(net, index, vertices, np.random.default_rng([seed, 13]), scale, spacing)
    _fit(net, vertices)
    _strahler(net)
    return net


def _leaves(net: Network, index: _Index, vertices: int, rng, scale: float, spacing) -> None:
    """Order-1 streams into the free land: from a point far from every stream, back to the nearest
    stream of levels 0-2 (its junction), until the network has at least ``vertices`` vertices.
    Beyond 200k vertices the land near those fills up: small streams then also join small streams
    (the nearest stream of any level), and the main river can reach Strahler order 5."""
    deep = vertices > 200_000
    candidates = [i for i, s in enumerate(net.streams) if s.kind != "braid"]
    parents = shapely.STRtree([shapely.linestrings(net.streams[i].xy) for i in candidates])
    low, high = (length * max(scale, 0.8) for length in LENGTH[3])
    clearance, margin = 0.4 * low, (25.0, 60.0)
    if deep:  # into the gaps left: shorter streams, stopping closer to the others
        low, clearance, margin = 100.0, 50.0, (10.0, 25.0)
    failures = 0
    while net.counted < vertices:
        if failures > 20_000:
            raise RuntimeError("no room for more streams")
        failures += 1
        free = shapely.points(rng.uniform(0.0, SIZE, 2))
        nearest, p = index.nearest(free)
        if nearest < clearance:
            continue
        if deep:  # the nearest stream, whatever its level
            if net.streams[p].kind == "braid":
                continue
            line = index.geoms[p]
        else:
            k = int(parents.query_nearest(free)[0])
            p = candidates[k]
            line = parents.geometries[k]
        parent = net.streams[p].xy
        along = shapely.line_locate_point(line, free)
        s_parent = _arc(parent)
        j = int(np.clip(np.searchsorted(s_parent, along) - 1, 1, len(parent) - 3))
        if rng.random() < 0.5:
            point, at, junction = parent[j].copy(), float(j), "vertex"
        else:
            t = rng.uniform(0.2, 0.8)
            point, at, junction = parent[j] + t * (parent[j + 1] - parent[j]), j + t, "segment"
        target = shapely.get_coordinates(free)[0]
        distance = float(np.hypot(*(target - point)))
        if distance > 3 * high:
            continue
        heading = float(np.arctan2(*(target - point)[::-1]))
        length = float(np.clip(distance * rng.uniform(1.0, 1.5), low, high))
        path = _path(rng, point, heading, length, 3, 0.0, spacing)
        path = path[: _inside(path)]
        hit = index.first_hit(path) if len(path) >= 2 else 0.0
        if np.isfinite(hit):
            path = path[: int(np.searchsorted(_arc(path), hit - rng.uniform(*margin)))]
        if len(path) < 12 or not shapely.is_simple(shapely.linestrings(path)) or np.isfinite(index.first_hit(path)):
            continue
        failures = 0
        if PROGRESS and len(net.streams) % 1000 == 0:
            print(f"leaves: {net.counted} vertices, {time.perf_counter() - PROGRESS[0]:.1f} s", flush=True)
        level = max(3, net.streams[p].level + 1)
        net.add(Stream(path[::-1].copy(), level, "tributary", parent=p, junction=junction, at=at))
        index.add(path)


def _fit(net: Network, vertices: int) -> None:
    """Cut the last leaves at their source so that the network has exactly ``vertices`` vertices."""
    excess = net.n_vertices - vertices
    fed = {s.parent for s in net.streams}
    for i in reversed(range(len(net.streams))):
        stream = net.streams[i]
        if excess <= 0:
            break
        if stream.level >= 3 and i not in fed:  # (cutting a stream that others join would move their junctions)
            cut = min(excess, len(stream.xy) - 12)
            stream.xy = stream.xy[cut:]
            excess -= cut
    if excess > 0:
        raise RuntimeError("cannot fit the vertex count")


def _strahler(net: Network) -> None:
    """Strahler order at each stream's mouth, from the junctions along it (source to mouth)."""
    joining: dict[int, list[int]] = {}
    for i, s in enumerate(net.streams):
        if s.kind == "tributary":
            joining.setdefault(s.parent, []).append(i)

    def order(i: int) -> int:
        current = 1
        for j in sorted(joining.get(i, []), key=lambda j: net.streams[j].at):
            o = order(j)
            current = current + 1 if o == current else max(current, o)
        net.streams[i].order = current
        return current

    order(0)
    for s in net.streams:
        if s.kind == "braid":
            s.order = net.streams[s.parent].order


def nests(n: int = 1_000, seed: int = SEED) -> np.ndarray:
    """``n`` nests of an outbreak, (n, 2): clusters of tens of nests, about half of them near the main river."""
    rng = np.random.default_rng([seed, 100, n])
    river = main_river(seed)
    n_clusters = max(3, round(n / 35))
    sizes = rng.lognormal(0.0, 0.7, n_clusters)
    owner = rng.choice(n_clusters, size=n, p=sizes / sizes.sum())
    foci = rng.uniform(0.15 * SIZE, 0.85 * SIZE, size=(4, 2))
    centres = foci[rng.integers(0, len(foci), n_clusters)] + rng.normal(0.0, 6000.0, size=(n_clusters, 2))
    near = rng.random(n_clusters) < 0.5
    k = rng.integers(0, len(river) - 1, near.sum())
    tangent = river[k + 1] - river[k]
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]]) / np.hypot(*tangent.T)[:, None]
    centres[near] = river[k] + normal * (rng.choice([-1.0, 1.0], near.sum()) * rng.uniform(30.0, 600.0, near.sum()))[:, None]
    spread = rng.uniform(60.0, 200.0, n_clusters)  # a few hundred metres across
    xy = centres[owner] + rng.normal(0.0, 1.0, size=(n, 2)) * spread[owner, None]
    return np.clip(xy, 0.0, SIZE)


def plot(net: Network, points: np.ndarray | None, path: str, zoom=None) -> None:
    """A PNG of the scene (lines by Strahler order, braids, nests)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    fig, ax = plt.subplots(figsize=(12, 12), dpi=110)
    for order in (1, 2, 3, 4, 5):
        lines = [s.xy for s in net.streams if s.order == order and s.kind != "braid"]
        ax.add_collection(LineCollection(lines, colors="#1f5fa8", linewidths=0.3 + 0.6 * (order - 1) ** 1.3))
    braids = [s.xy for s in net.streams if s.kind == "braid"]
    ax.add_collection(LineCollection(braids, colors="#2aa198", linewidths=1.0))
    if points is not None:
        ax.plot(points[:, 0], points[:, 1], ".", color="#d62728", markersize=2)
    if zoom:
        ax.set_xlim(zoom[0], zoom[2])
        ax.set_ylim(zoom[1], zoom[3])
    else:
        ax.set_xlim(0, SIZE)
        ax.set_ylim(0, SIZE)
    ax.set_aspect("equal")
    counts = {o: sum(1 for s in net.streams if s.order == o and s.kind == "tributary") for o in (1, 2, 3, 4, 5)}
    ax.set_title(f"{net.n_vertices:,} vertices, {len(net.streams)} lines, tributaries by Strahler order {counts}")
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)


if __name__ == "__main__":
    import sys

    PROGRESS.append(time.perf_counter())
    for v in [int(a) for a in sys.argv[1:]] or [50_000, 200_000, 1_000_000]:
        t0 = time.perf_counter()
        net = network(v)
        print(f"{v}: {len(net.streams)} lines in {time.perf_counter() - t0:.1f} s, main river order {net.streams[0].order}", flush=True)
        plot(net, nests(1_000), f"/tmp/hydrography_{v}.png")
