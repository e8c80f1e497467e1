"""The hydrography benchmark scenes (benchmarks/hydrography.py) are what the benchmark says they are:
the same at every run, the claimed vertex count and spacing, a dendritic network whose tributaries
end on their parent (on a vertex or inside a segment), Strahler orders 1-4, braids that leave and
rejoin the main river, no two streams crossing, clustered nests independent of the network."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

# loaded from its file: benchmarks/ stays off sys.path
_spec = importlib.util.spec_from_file_location("hydrography", Path(__file__).resolve().parent.parent / "benchmarks" / "hydrography.py")
hydrography = importlib.util.module_from_spec(_spec)
sys.modules["hydrography"] = hydrography  # (dataclasses look their module up)
_spec.loader.exec_module(hydrography)


@pytest.fixture(scope="module")
def net():
    return hydrography.network(50_000)


def test_the_network_is_the_same_at_every_run(net):
    again = hydrography.network(50_000)
    assert len(again.streams) == len(net.streams)
    for a, b in zip(net.streams, again.streams):
        assert np.array_equal(a.xy, b.xy)
        assert (a.parent, a.junction, a.order, a.kind) == (b.parent, b.junction, b.order, b.kind)
    assert not np.array_equal(hydrography.network(50_000, seed=5).streams[0].xy, net.streams[0].xy)


def test_exactly_the_claimed_vertices_spaced_5_to_20_m(net):
    assert net.n_vertices == 50_000
    spacing = np.concatenate([np.hypot(*np.diff(s.xy, axis=0).T) for s in net.streams])
    assert spacing.min() >= 5.0 and spacing.max() <= 20.0
    assert spacing.std() > 2.0  # varying, not one step everywhere
    every = np.concatenate(net.lines())
    assert every.min() >= 0.0 and every.max() <= hydrography.SIZE


def test_every_tributary_ends_on_its_parent_on_a_vertex_or_inside_a_segment(net):
    kinds = {"vertex": 0, "segment": 0}
    for s in net.streams:
        if s.kind != "tributary":
            continue
        parent = net.streams[s.parent].xy
        mouth = s.xy[-1]
        assert shapely.distance(shapely.points(mouth), shapely.linestrings(parent)) < 1e-6
        on_vertex = np.hypot(*(parent - mouth).T).min() == 0.0
        assert on_vertex == (s.junction == "vertex")
        kinds[s.junction] += 1
    assert min(kinds.values()) > 0.3 * sum(kinds.values())


def test_strahler_orders_1_to_4_from_the_topology(net):
    tributaries = [s for s in net.streams if s.kind == "tributary"]
    assert net.streams[0].order == 4
    assert {s.order for s in tributaries} == {1, 2, 3}
    fed = {s.parent for s in tributaries}
    for i, s in enumerate(net.streams):  # a leaf (nothing joins it) is order 1, any other at least 2
        if s.kind == "tributary":
            assert (s.order == 1) == (i not in fed)
    assert len(tributaries) > 100


def test_braids_leave_and_rejoin_the_main_river_at_its_vertices(net):
    main = net.streams[0].xy
    braids = [s for s in net.streams if s.kind == "braid"]
    assert len(braids) >= 5
    line = shapely.linestrings(main)
    for b in braids:
        for end in (b.xy[0], b.xy[-1]):
            assert np.hypot(*(main - end).T).min() == 0.0
        assert shapely.get_num_geometries(shapely.intersection(shapely.linestrings(b.xy), line)) == 2


def test_no_two_streams_cross(net):
    lines = np.array([shapely.linestrings(xy) for xy in net.lines()])
    assert all(shapely.is_simple(lines))
    tree = shapely.STRtree(lines)
    # meeting only where one ends on the other (a junction; GEOS may call a mouth computed inside a
    # segment a crossing, 1e-12 m off) or where two junctions share a point
    touching = tree.query(lines, predicate="intersects")
    for i, j in touching.T[touching[0] < touching[1]]:
        meet = shapely.get_coordinates(shapely.intersection(lines[i], lines[j]))
        ends = np.vstack([net.streams[i].xy[[0, -1]], net.streams[j].xy[[0, -1]]])
        for point in meet:
            assert np.hypot(*(ends - point).T).min() < 1e-6


def test_nests_are_clustered_many_near_the_main_river_and_independent_of_the_network():
    points = hydrography.nests(1_000)
    assert points.shape == (1_000, 2)
    assert np.array_equal(points, hydrography.nests(1_000))
    river = shapely.linestrings(hydrography.main_river())
    near = shapely.distance(shapely.points(points), river) < 1_000
    assert 0.2 < near.mean() < 0.9
    # clustered: most nests have ten others within 300 m
    tree = shapely.STRtree(shapely.points(points))
    neighbours = np.bincount(tree.query(shapely.points(points), predicate="dwithin", distance=300)[0], minlength=1_000)
    assert np.median(neighbours) > 10
