"""Nests -> occurrence points: chained grouping, villages, nests outside villages, dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from rifa_zoning.core.feedback import RecordingFeedback
from rifa_zoning.core.occurrence import (
    assign_dates,
    cluster_by_distance,
    connected_components,
    group_nests,
    parse_date,
)


def _points(coords):
    return shapely.points(np.asarray(coords, dtype=float))


def _components_by_search(n, edges):
    """Independent oracle: breadth-first search, component label = smallest member's rank."""
    neighbours = {i: set() for i in range(n)}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    label, result = 0, [-1] * n
    for start in range(n):
        if result[start] >= 0:
            continue
        stack = [start]
        result[start] = label
        while stack:
            node = stack.pop()
            for other in neighbours[node]:
                if result[other] < 0:
                    result[other] = label
                    stack.append(other)
        label += 1
    return result


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=80))))
def test_connected_components_match_a_graph_search(case):
    n, edges = case
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    labels = connected_components(n, edges[:, 0], edges[:, 1])
    assert labels.tolist() == _components_by_search(n, edges.tolist())


def test_a_chain_of_nests_400_m_apart_is_one_occurrence_point_for_500_m():
    # shuffled so the chain is not in index order
    order = np.random.default_rng(3).permutation(30)
    nests = _points([(400.0 * i, 0.0) for i in order])
    grouping = group_nests(nests, 500.0)
    assert len(grouping) == 1
    assert sorted(grouping.points[0].nests.tolist()) == list(range(30))
    assert grouping.points[0].village is None


def test_a_gap_wider_than_the_grouping_distance_splits_the_chain():
    nests = _points([(0, 0), (400, 0), (800, 0), (1400, 0), (1800, 0), (5000, 5000)])
    grouping = group_nests(nests, 500.0)
    assert grouping.labels.tolist() == [0, 0, 0, 1, 1, 2]
    assert [p.point_id for p in grouping.points] == [1, 2, 3]
    # exactly the grouping distance apart still links ("closer than" read inclusively)
    assert len(group_nests(_points([(0, 0), (500, 0)]), 500.0)) == 1
    assert len(group_nests(_points([(0, 0), (500.01, 0)]), 500.0)) == 2


def test_grouping_distance_zero_keeps_every_nest_apart_but_joins_duplicates():
    grouping = group_nests(_points([(0, 0), (0, 0), (1, 0)]), 0.0)
    assert grouping.labels.tolist() == [0, 0, 1]


def test_villages_group_their_nests_and_nests_outside_are_grouped_by_distance():
    west = shapely.box(0, 0, 1000, 1000)
    east = shapely.box(3000, 0, 4000, 1000)
    villages = [("西村", west), ("东村", east)]
    nests = _points([
        (100, 100), (900, 900),       # west village, 1131 m apart: one point all the same
        (3100, 500),                  # east village
        (1300, 500), (1700, 500),     # outside, 400 m apart: one point
        (2500, 500),                  # outside, 800 m from the others: its own point
        (950, 950),                   # west again
    ])
    feedback = RecordingFeedback()
    grouping = group_nests(nests, 500.0, villages, feedback)
    assert len(grouping) == 4
    by_nest = grouping.labels.tolist()
    assert by_nest[0] == by_nest[1] == by_nest[6]
    assert by_nest[3] == by_nest[4] != by_nest[5]
    names = {p.point_id: p.village for p in grouping.points}
    assert names[grouping.labels[0] + 1] == "西村"
    assert names[grouping.labels[2] + 1] == "东村"
    assert names[grouping.labels[3] + 1] is None and names[grouping.labels[5] + 1] is None
    assert sorted(grouping.outside.tolist()) == [3, 4, 5]
    log = " ".join(text for _, text in feedback.messages)
    assert "3 nest(s) lie outside every village" in log and "2 occurrence point(s)" in log


def test_an_outside_nest_next_to_a_village_does_not_merge_two_villages():
    villages = [("A", shapely.box(0, 0, 1000, 1000)), ("B", shapely.box(1400, 0, 2400, 1000))]
    nests = _points([(900, 500), (1200, 500), (1500, 500)])  # the middle one is in neither village
    grouping = group_nests(nests, 500.0, villages)
    assert len(grouping) == 3


def test_a_nest_in_two_overlapping_villages_goes_to_the_first():
    villages = [("first", shapely.box(0, 0, 1000, 1000)), ("second", shapely.box(500, 0, 1500, 1000))]
    feedback = RecordingFeedback()
    grouping = group_nests(_points([(700, 500), (1200, 500)]), 500.0, villages, feedback)
    assert [p.village for p in grouping.points] == ["first", "second"]
    assert any("more than one village" in text for _, text in feedback.messages)


def test_cluster_by_distance_on_many_nests_matches_an_independent_graph_search():
    rng = np.random.default_rng(7)
    coords = np.concatenate([rng.normal(c, 300, (60, 2)) for c in rng.uniform(0, 20000, (8, 2))])
    points = _points(coords)
    labels = cluster_by_distance(points, 250.0)
    edges = [(i, j) for i in range(len(coords)) for j in range(i + 1, len(coords))
             if np.hypot(*(coords[i] - coords[j])) <= 250.0]
    assert labels.tolist() == _components_by_search(len(coords), edges)


@settings(max_examples=60, deadline=None)
@given(
    coords=st.lists(
        st.tuples(st.integers(0, 40).map(lambda v: v * 50.0), st.integers(0, 40).map(lambda v: v * 50.0)),
        min_size=1, max_size=60,
    ),
    distance=st.sampled_from([0.0, 50.0, 70.71, 100.0, 141.42135623730951, 250.0]),
)
def test_cluster_by_distance_matches_brute_force_on_a_lattice(coords, distance):
    # lattice points: many pairs exactly at the distance, on cell borders, and duplicates
    xy = np.asarray(coords, dtype=float) + 349_000.0
    labels = cluster_by_distance(_points(xy), distance)
    edges = [(i, j) for i in range(len(xy)) for j in range(i + 1, len(xy))
             if shapely.dwithin(shapely.Point(xy[i]), shapely.Point(xy[j]), distance)
             or (distance == 0 and tuple(xy[i]) == tuple(xy[j]))]
    assert labels.tolist() == _components_by_search(len(xy), edges)


def test_dense_nests_are_grouped_in_bounded_memory():
    # 3,000 nests around each of 10 villages: 10 million pairs within 500 m, which the earlier
    # pair-listing grouping kept in memory (gigabytes for 100,000 nests)
    import tracemalloc

    rng = np.random.default_rng(11)
    centres = rng.uniform(0, 50_000, (10, 2))
    coords = centres[rng.integers(0, 10, 30_000)] + rng.normal(0, 200, (30_000, 2))
    points = _points(coords)
    tracemalloc.start()
    feedback = RecordingFeedback()
    labels = cluster_by_distance(points, 500.0, feedback)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100 * 2**20, peak
    assert feedback.progress_values[-1] == 100.0 and len(feedback.progress_values) > 5
    assert len(labels) == 30_000 and 10 <= labels.max() + 1 < 100


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 5, 31), dt.date(2024, 5, 31)),
        (dt.datetime(2024, 5, 31, 8, 30), dt.datetime(2024, 5, 31, 8, 30)),
        ("2024-05-31", dt.date(2024, 5, 31)),
        (" 2024-05-31T08:30:00 ", dt.datetime(2024, 5, 31, 8, 30)),
        ("2024-05-31T23:30:00+08:00", dt.datetime(2024, 5, 31, 23, 30)),  # wall time kept
        ("2024-05-31T08:30:00Z", dt.datetime(2024, 5, 31, 8, 30)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_accepts_dates_datetimes_and_iso_text(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/05/2024", "yesterday", "2024-13-01", 20240531])
def test_parse_date_refuses_other_values(value):
    with pytest.raises((ValueError, TypeError)):
        parse_date(value)


def test_first_and_last_seen_per_point_and_bad_dates_reported_with_feature_ids():
    nests = _points([(0, 0), (300, 0), (600, 0), (9000, 0), (9300, 0)])
    grouping = group_nests(nests, 500.0)
    values = ["2024-06-02", dt.date(2024, 5, 20), "not a date", None, "2024-07-01"]
    fids = [11, 12, 13, 14, 15]
    feedback = RecordingFeedback()
    with_time = assign_dates(grouping, values, fids, feedback)
    assert with_time is False
    first, second = grouping.points
    assert (first.first_seen, first.last_seen) == (dt.date(2024, 5, 20), dt.date(2024, 6, 2))
    assert (second.first_seen, second.last_seen) == (dt.date(2024, 7, 1), dt.date(2024, 7, 1))
    (warning,) = feedback.warnings()
    assert "13 ('not a date')" in warning and "11" not in warning


def test_a_time_of_day_anywhere_makes_date_times():
    grouping = group_nests(_points([(0, 0), (100, 0)]), 500.0)
    with_time = assign_dates(grouping, [dt.date(2024, 5, 1), "2024-05-01T07:15:00"], [1, 2])
    assert with_time is True
    point = grouping.points[0]
    assert point.first_seen == dt.datetime(2024, 5, 1, 0, 0) and point.last_seen == dt.datetime(2024, 5, 1, 7, 15)
