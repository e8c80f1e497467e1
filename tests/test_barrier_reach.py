"""Barriers prepared only within the reach of the sources (issue 18): ``Barriers.build(reach_of=...)``.

The claim (core/barriers.py, ``_near_sources``): the prepared barriers (noded segments, bend vertices)
within the reach of the sources are those of the whole layer, so the zones are the same. Checked on
the independent tier's scenes (tributaries ending on, short of and past the river, braided channels,
lakes with islands, bridges on junctions, a massif holding a nest, a river crossing itself) with a
reach smaller than the scene, so that the selection cuts through all of that, and on the benchmark's
meandering rivers.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from qgis_layers import nest_layer, river_layer  # benchmarks/ (tests/conftest.py puts it on sys.path)
from scene import nests as bench_nests
from scene import rivers as bench_rivers
from test_independent_tier import KINDS, Scene

from rifa_zoning.core.barriers import Barriers
from rifa_zoning.core.feedback import RecordingFeedback
from rifa_zoning.core.zones import barrier_buffer


def _items(scene):
    return dict(
        lines=[(f"line #{i}", shapely.LineString(line)) for i, line in enumerate(scene.lines)],
        polygons=[(f"polygon #{i}", poly) for i, poly in enumerate(scene.polygons)],
        crossings=[(f"crossing #{i}", shapely.Point(c)) for i, c in enumerate(scene.crossings)],
        crossing_width=scene.crossing_width,
    )


def _within(view, sources, reach):
    """The segments of ``view`` within ``reach`` of a source (ends in a canonical order, sorted) and the
    bend table {vertex: (bend, sigma, span)} of their ends."""
    segments = shapely.linestrings(view.seg.reshape(-1, 2, 2))
    near = np.unique(shapely.STRtree(segments).query(sources, predicate="dwithin", distance=reach)[1])
    seg = view.seg[near]
    swap = (seg[:, 0] > seg[:, 2]) | ((seg[:, 0] == seg[:, 2]) & (seg[:, 1] > seg[:, 3]))
    seg = np.where(swap[:, None], seg[:, [2, 3, 0, 1]], seg)
    seg = seg[np.lexsort(seg.T[::-1])]
    ends = np.unique(view.seg_v[near].reshape(-1))
    table = {
        tuple(view.vxy[v]): (bool(view.v_bend[v]), float(view.v_sigma[v]), float(view.v_span[v])) for v in ends
    }
    return seg, table


@pytest.mark.parametrize("index", range(2 * len(KINDS)))
@pytest.mark.parametrize("share", [0.15, 0.5])
def test_the_barriers_prepared_within_the_reach_are_those_of_the_whole_scene(index, share):
    scene = Scene(index)
    nests = [shapely.Point(n) for n in scene.nests]
    whole = Barriers.build(**_items(scene))
    # beyond the nearest barrier, so that there is something to compare
    reach = float(shapely.distance(shapely.multipoints(nests), shapely.union_all([g for _, g in whole.lines + whole.polygons])))
    reach += share * scene.r
    near = Barriers.build(**_items(scene), reach_of=(nests, reach))
    seg_whole, table_whole = _within(whole.view(), nests, reach)
    seg_near, table_near = _within(near.view(), nests, reach)
    assert len(seg_whole) > 0
    np.testing.assert_array_equal(seg_near, seg_whole)
    assert table_near == table_whole
    # the polygons a nest can meet are all there, whole
    kept = {label: g for label, g in near.polygons}
    for label, g in whole.polygons:
        if shapely.dwithin(g, shapely.multipoints(nests), reach):
            assert shapely.equals_exact(kept[label], g, 0.0)


def _bench_scene(n_vertices=40_000, clusters=3):
    nests = [shapely.Point(p) for p in bench_nests(60, clusters=clusters, seed=5)]
    lines = [(f"river #{i}", shapely.LineString(xy)) for i, xy in enumerate(bench_rivers(n_vertices, count=6))]
    return nests, lines


def test_on_the_benchmark_rivers_a_fraction_is_prepared_and_the_same_within_the_reach():
    nests, lines = _bench_scene()
    whole = Barriers.build(lines=lines)
    near = Barriers.build(lines=lines, reach_of=(nests, 3000.0))
    assert len(near.view().seg) < 0.6 * len(whole.view().seg)
    seg_whole, table_whole = _within(whole.view(), nests, 3000.0)
    seg_near, table_near = _within(near.view(), nests, 3000.0)
    np.testing.assert_array_equal(seg_near, seg_whole)
    assert table_near == table_whole


def test_the_zone_with_the_barriers_in_reach_is_the_zone_with_all_of_them():
    """The same zone up to the 1 mm output grid (the engine visits the same generators; only the
    order of the segments, hence the rounding of the unions, may differ)."""
    nests, lines = _bench_scene(n_vertices=20_000)
    r = 3000.0
    whole = shapely.union_all(barrier_buffer(nests, r, Barriers.build(lines=lines)))
    near = shapely.union_all(barrier_buffer(nests, r, Barriers.build(lines=lines, reach_of=(nests, r))))
    assert near.area == pytest.approx(whole.area, rel=1e-9)
    assert shapely.symmetric_difference(near, whole).area < 1.0  # m², on some 80 km²
    assert shapely.hausdorff_distance(near, whole) < 2e-3


@pytest.mark.parametrize("index", [3, 4, 5])  # lake, crossings, massif
def test_scene_zones_with_the_barriers_in_reach_are_the_same(index):
    scene = Scene(index)
    nests = [shapely.Point(n) for n in scene.nests]
    whole = shapely.union_all(barrier_buffer(nests, scene.r, Barriers.build(**_items(scene))))
    near = shapely.union_all(barrier_buffer(nests, scene.r, Barriers.build(**_items(scene), reach_of=(nests, scene.r))))
    assert near.area == pytest.approx(whole.area, rel=1e-9)
    assert shapely.hausdorff_distance(near, whole) < 2e-3


def test_a_crossing_by_a_barrier_left_out_is_no_crossing_far_from_every_barrier():
    """The warning "farther than half the width from every barrier" looks at every barrier given."""
    far_river = ("far river", shapely.LineString([(20_000, -1000), (20_000, 1000)]))
    near_river = ("near river", shapely.LineString([(300, -1000), (300, 1000)]))
    crossings = [("bridge far", shapely.Point(20_010, 0)), ("nowhere", shapely.Point(10_000, 0))]
    feedback = RecordingFeedback()
    barriers = Barriers.build(
        lines=[far_river, near_river], crossings=crossings, feedback=feedback, reach_of=([shapely.Point(0, 0)], 1000.0)
    )
    assert [label for label, _ in barriers.lines] == ["near river"]
    warned = " ".join(feedback.warnings())
    assert "nowhere" in warned and "bridge far" not in warned


def test_a_line_partly_in_reach_keeps_its_own_vertices_and_a_polygon_holding_a_source_stays():
    ring = shapely.LineString([(x, 500.0 * np.sin(x / 700.0)) for x in np.arange(-30_000.0, 30_001.0, 37.0)])
    massif = shapely.Polygon([(-50_000, -50_000), (50_000, -50_000), (50_000, 50_000), (-50_000, 50_000)])
    lake = shapely.Polygon([(40_000, 0), (41_000, 0), (41_000, 1000)])
    barriers = Barriers.build(
        lines=[("river", ring)], polygons=[("massif", massif), ("lake", lake)], reach_of=([shapely.Point(0, 2000)], 3000.0)
    )
    (_, kept), = barriers.lines
    assert 0 < kept.length < 0.2 * ring.length
    assert set(map(tuple, shapely.get_coordinates(kept))) <= set(map(tuple, shapely.get_coordinates(ring)))
    assert shapely.dwithin(kept, shapely.Point(0, 2000), 3000.0)
    assert [label for label, _ in barriers.polygons] == ["massif"]  # the far lake left out, the massif whole
    assert shapely.equals_exact(barriers.polygons[0][1], massif, 0.0)


def test_rifa_barrierbuffer_reads_the_county_prepares_the_reach_and_gives_the_zone_of_all_barriers(rifa_provider):
    """Two clusters at opposite corners: the reach box (read) is the whole scene, the barriers
    prepared are those around the clusters; the zone is the one of every barrier (core, no selection)."""
    import processing

    x0, y0, r = 650_000.0, 2_780_000.0, 3000.0
    nest_xy = np.vstack([bench_nests(30, clusters=1, seed=3) * 0.1 + 2000.0, bench_nests(30, clusters=1, seed=4) * 0.1 + 44_000.0])
    river_xy = bench_rivers(20_000, count=6)
    nests = nest_layer(nest_xy, x0, y0)
    rivers = river_layer(river_xy, x0, y0)
    out = processing.run("rifa:barrierbuffer", {"INPUT": nests, "DISTANCE": r, "BARRIERS": [rivers], "OUTPUT": "memory:"})
    got = shapely.union_all([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in out["OUTPUT"].getFeatures()])

    points = [shapely.Point(x0 + x, y0 + y) for x, y in nest_xy]
    lines = [(f"rivers #{i + 1}", shapely.LineString(xy + (x0, y0))) for i, xy in enumerate(river_xy)]
    whole = Barriers.build(lines=lines)
    near = Barriers.build(lines=lines, reach_of=(points, r))
    assert len(near.view().seg) < 0.7 * len(whole.view().seg)
    expected = shapely.union_all(barrier_buffer(points, r, whole))
    assert got.area == pytest.approx(expected.area, rel=1e-9)
    assert shapely.hausdorff_distance(got, expected) < 2e-3
