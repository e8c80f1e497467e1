"""Zones around nests in ``core``: the threatened ring against an independent oracle, zone
numbering and counts, the 3-point rule."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from delineation_oracle import oracle_distances

from rifa_zoning.core.barriers import Barriers
from rifa_zoning.core.delineation import delineate
from rifa_zoning.core.errors import Canceled
from rifa_zoning.core.feedback import RecordingFeedback
from rifa_zoning.core.occurrence import group_nests

MIN_POINTS = {"occurrence": 3, "quarantine": 3}


def _tol(radius):
    return max(1.0, 1e-3 * radius)


def test_threatened_ring_and_quarantine_zone_match_the_oracle_around_a_river_end():
    nests_xy = [(0, 0), (300, -200), (-1500, 600), (3500, -1000), (3900, -600)]
    river = [(1500.0, -30000.0), (1500.0, 2000.0)]  # ends 2 km north of the nests
    ridge = [(7000.0, -3000.0), (9000.0, 4000.0)]
    nests = shapely.points(nests_xy)
    barriers = Barriers.build(lines=[("river", shapely.LineString(river)), ("ridge", shapely.LineString(ridge))])
    r_o, r_q, e = 2000.0, 4000.0, 6000.0
    result = delineate(nests, group_nests(nests, 500.0), r_o, r_q, e, MIN_POINTS, barriers)

    ring = shapely.union_all([z.geometry for z in result.threatened])
    quarantine = shapely.union_all([z.geometry for z in result.quarantine])
    occurrence = shapely.union_all([z.geometry for z in result.occurrence])
    rng = np.random.default_rng(5)
    samples = rng.uniform([-13000, -13000], [17000, 13000], (2500, 2))
    samples = samples[shapely.distance(shapely.points(samples), shapely.MultiLineString([river, ridge])) > 20.0]
    d = oracle_distances(nests_xy, [river, ridge], samples)
    x, y = samples[:, 0], samples[:, 1]
    in_ring, in_q, in_o = (shapely.contains_xy(g, x, y) for g in (ring, quarantine, occurrence))

    near = d <= r_q - _tol(r_q)
    band = (d >= r_q + _tol(r_q)) & (d <= r_q + e - _tol(r_q + e))
    beyond = d >= r_q + e + _tol(r_q + e)
    assert near.sum() > 100 and band.sum() > 300 and beyond.sum() > 100
    assert in_q[near].all() and not in_ring[near].any()
    assert in_ring[band].all(), samples[band & ~in_ring][:5]
    assert not in_ring[beyond].any() and not in_q[band | beyond].any()
    assert in_o[d <= r_o - _tol(r_o)].all() and not in_o[d >= r_o + _tol(r_o)].any()
    # the river matters: the plain ring would hold points the barrier puts beyond reach
    plain = np.min(np.hypot(x[:, None] - np.array(nests_xy)[:, 0], y[:, None] - np.array(nests_xy)[:, 1]), axis=1)
    assert ((plain <= r_q + e - _tol(r_q + e)) & beyond).sum() > 20
    # one ring: the quarantine zones on both banks merge around the river end
    assert len(result.threatened) == 1 and result.threatened[0].quarantine_ids == tuple(z.zone_id for z in result.quarantine)


def test_zones_are_numbered_from_the_first_occurrence_point_and_count_points_and_nests():
    # point 1 (2 nests) and point 2 far east; point 3 next to point 1
    nests = shapely.points([(0, 0), (200, 0), (50000, 0), (1500, 0)])
    grouping = group_nests(nests, 500.0)
    feedback = RecordingFeedback()
    result = delineate(nests, grouping, 2000, 3000, 5000, {"occurrence": 2, "quarantine": 2}, None, feedback)
    assert [(z.zone_id, z.n_points, z.n_nests, z.meets_rule) for z in result.quarantine] == [(1, 2, 3, True), (2, 1, 1, False)]
    assert result.point_zone.tolist() == [1, 2, 1]
    assert [z.quarantine_ids for z in result.threatened] == [(1,), (2,)]
    assert [z.quarantine_ids for z in result.occurrence] == [(1,), (2,)]
    # rings do not cover their quarantine zone and hold no nest
    for ring in result.threatened:
        assert not shapely.intersects(ring.geometry, nests).any()
        assert all(shapely.intersection(ring.geometry, q.geometry).area < 1.0 for q in result.quarantine)
    warnings = feedback.warnings()
    assert any("1 quarantine zone(s) hold fewer than 2" in w and "2 (1)" in w for w in warnings)


def test_no_barriers_gives_disks_and_annuli():
    nests = shapely.points([(0, 0)])
    result = delineate(nests, group_nests(nests, 500.0), 2000, 5000, 10000, MIN_POINTS, None)
    (quarantine,), (ring,) = result.quarantine, result.threatened
    assert abs(quarantine.geometry.area - np.pi * 5000**2) / (np.pi * 5000**2) < 2e-3
    assert abs(ring.geometry.area - np.pi * (15000**2 - 5000**2)) / (np.pi * (15000**2 - 5000**2)) < 2e-3
    assert len(ring.geometry.interiors) == 1


def test_cancel_stops_the_run_with_canceled():
    rng = np.random.default_rng(2)
    nests = shapely.points(rng.uniform(0, 40000, (300, 2)))
    feedback = RecordingFeedback(cancel_after_progress=5)
    with pytest.raises(Canceled):
        delineate(nests, group_nests(nests, 500.0), 2000, 5000, 10000, MIN_POINTS, None, feedback)
    assert max(feedback.progress_values) < 100
