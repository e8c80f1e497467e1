"""An independent oracle for barrier-aware distances, for tests: shortest paths over a visibility
graph with Dijkstra. Barriers are straight segments here, so a shortest path bends only at
segment ends (a path may touch an end or slide along a barrier, never cross one)."""

from __future__ import annotations

import heapq
import math

import numpy as np
import shapely


def _blocked(a, b, barriers) -> bool:
    segment = shapely.LineString([a, b])
    return any(segment.crosses(barrier) for barrier in barriers)


def oracle_distances(sources, segments, samples) -> np.ndarray:
    """Length of the shortest path from any of ``sources`` to each of ``samples`` crossing none
    of the straight ``segments`` ([(x0, y0), (x1, y1)]). ``inf`` when unreachable."""
    barriers = [shapely.LineString(s) for s in segments]
    nodes = [tuple(map(float, s)) for s in sources] + [tuple(map(float, p)) for s in segments for p in s]
    best = [math.inf] * len(nodes)
    heap = []
    for i in range(len(sources)):
        best[i] = 0.0
        heap.append((0.0, i))
    while heap:
        d, i = heapq.heappop(heap)
        if d > best[i]:
            continue
        for j in range(len(nodes)):
            if j != i and d + math.dist(nodes[i], nodes[j]) < best[j] - 1e-9 and not _blocked(nodes[i], nodes[j], barriers):
                best[j] = d + math.dist(nodes[i], nodes[j])
                heapq.heappush(heap, (best[j], j))
    reached = [i for i in range(len(nodes)) if best[i] < math.inf]
    result = np.full(len(samples), math.inf)
    for k, p in enumerate(samples):
        p = tuple(map(float, p))
        for i in sorted(reached, key=lambda i: best[i] + math.dist(nodes[i], p)):
            length = best[i] + math.dist(nodes[i], p)
            if length >= result[k]:
                break
            if not _blocked(nodes[i], p, barriers):
                result[k] = length
                break
    return result
