"""``core.case``: month arithmetic, report periods, version chains and the lifting status (no QGIS)."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from rifa_zoning.core.case import (
    Dated,
    DeclaredZone,
    add_months,
    current_versions,
    declare,
    lifting_status,
    report_period,
    versions_on,
    whole_months,
)
from rifa_zoning.core.errors import InputError

D = dt.date


# -- months


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year: clamped to 29 February
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 1, 31), 2, D(2024, 3, 31)),  # not 29 March: always from the start day
        (D(2024, 11, 15), 2, D(2025, 1, 15)),  # over the year end
        (D(2024, 12, 31), 24, D(2026, 12, 31)),
        (D(2024, 5, 10), 0, D(2024, 5, 10)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(1900, 1, 31), 1, D(1900, 2, 28)),  # 1900 is no leap year
        (D(2000, 1, 31), 1, D(2000, 2, 29)),  # 2000 is
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (D(2024, 1, 31), D(2024, 2, 28), 0),
        (D(2024, 1, 31), D(2024, 2, 29), 1),
        (D(2024, 1, 15), D(2024, 3, 14), 1),
        (D(2024, 1, 15), D(2024, 3, 15), 2),
        (D(2024, 5, 1), D(2024, 4, 1), 0),
        (D(2023, 6, 30), D(2025, 6, 30), 24),
    ],
)
def test_whole_months(start, end, expected):
    assert whole_months(start, end) == expected


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.dates(D(1990, 1, 1), D(2090, 12, 31)), st.integers(0, 240))
def test_whole_months_inverts_add_months(start, months):
    end = add_months(start, months)
    assert whole_months(start, end) == months
    assert end.day == min(start.day, calendar.monthrange(end.year, end.month)[1])
    if months:
        assert whole_months(start, end - dt.timedelta(days=1)) == months - 1


def test_report_periods():
    assert report_period("weekly", D(2024, 3, 3)) == (D(2024, 2, 26), D(2024, 3, 3))  # over a leap day
    assert report_period("weekly", D(2025, 1, 2)) == (D(2024, 12, 27), D(2025, 1, 2))
    assert report_period("monthly", D(2024, 2, 10)) == (D(2024, 2, 1), D(2024, 2, 29))
    assert report_period("monthly", D(2023, 2, 28)) == (D(2023, 2, 1), D(2023, 2, 28))
    assert report_period("monthly", D(2024, 12, 31)) == (D(2024, 12, 1), D(2024, 12, 31))
    with pytest.raises(ValueError):
        report_period("daily", D(2024, 1, 1))


# -- version chains

SQUARE = shapely.box(0, 0, 2000, 2000)  # 4 km²


def stored(declaration, versions):
    """What the case holds after ``declaration`` (closing sets valid_to, new versions appended)."""
    closed = {(v.zone_type, v.zone_id, v.version): v for v in declaration.closed}
    kept = [closed.get((v.zone_type, v.zone_id, v.version), v) for v in versions]
    return kept + list(declaration.new)


def test_declare_revise_lift_chain():
    first = declare([], [DeclaredZone("quarantine", "1", SQUARE), DeclaredZone("threatened", "1", SQUARE.buffer(1000).difference(SQUARE))],
                    {"quarantine", "threatened"}, D(2024, 5, 1), "莆政封〔2024〕1号")
    assert [(v.zone_type, v.version, v.change) for v in first.new] == [("quarantine", 1, "new"), ("threatened", 1, "new")]
    assert first.new[0].area_km2 == pytest.approx(4.0)
    assert first.new[0].added_km2 == pytest.approx(4.0) and not first.closed
    versions = stored(first, [])

    # a new nest east of the zone: the quarantine zone grows by 2000 x 1000 m
    grown = shapely.box(0, 0, 3000, 2000)
    second = declare(versions, [DeclaredZone("quarantine", "1", grown)], {"quarantine"}, D(2024, 5, 20), "莆政封〔2024〕2号", "new nest")
    assert [(v.zone_type, v.version, v.change) for v in second.new] == [("quarantine", 2, "revised")]
    assert second.new[0].added_km2 == pytest.approx(2.0) and second.new[0].removed_km2 == 0
    assert [(v.zone_type, v.version, v.valid_to) for v in second.closed] == [("quarantine", 1, D(2024, 5, 20))]
    versions = stored(second, versions)
    # the threatened zone was not declared again: untouched, still version 1 and open
    current = current_versions(versions)
    assert current[("threatened", "1")].version == 1 and current[("threatened", "1")].valid_to is None
    assert [v.version for v in versions_on(versions, D(2024, 5, 19)) if v.zone_type == "quarantine"] == [1]
    assert [v.version for v in versions_on(versions, D(2024, 5, 20)) if v.zone_type == "quarantine"] == [2]

    # lifting: both types declared with no zones
    third = declare(versions, [], {"quarantine", "threatened"}, D(2026, 6, 1), "莆政解〔2026〕1号")
    assert [(v.zone_type, v.version, v.change, v.geometry) for v in third.new] == [
        ("quarantine", 3, "lifted", None), ("threatened", 2, "lifted", None)
    ]
    assert third.new[0].removed_km2 == pytest.approx(6.0)
    versions = stored(third, versions)
    assert versions_on(versions, D(2026, 6, 1)) == []
    assert len(versions_on(versions, D(2026, 5, 31))) == 2
    # lifting again changes nothing
    assert declare(versions, [], {"quarantine"}, D(2026, 7, 1)).new == []
    # the same zone found again later: version 4, new
    again = declare(versions, [DeclaredZone("quarantine", "1", SQUARE)], {"quarantine"}, D(2027, 1, 1))
    assert [(v.version, v.change) for v in again.new] == [(4, "new")]


def test_unchanged_duplicate_and_order():
    first = declare([], [DeclaredZone("quarantine", "1", SQUARE)], {"quarantine"}, D(2024, 5, 1))
    versions = stored(first, [])
    same = declare(versions, [DeclaredZone("quarantine", "1", shapely.box(0, 0, 2000, 2000.0000001))], {"quarantine"}, D(2024, 5, 2))
    assert same.new[0].change == "unchanged" and same.new[0].added_km2 == 0
    with pytest.raises(InputError, match="twice"):
        declare(versions, [DeclaredZone("quarantine", "1", SQUARE), DeclaredZone("quarantine", "1", SQUARE)], {"quarantine"}, D(2024, 5, 2))
    with pytest.raises(InputError, match="before the latest declaration"):
        declare(versions, [DeclaredZone("quarantine", "1", SQUARE)], {"quarantine"}, D(2024, 4, 30))
    moved = declare(versions, [DeclaredZone("quarantine", "1", shapely.box(9000, 0, 9100, 100))], {"quarantine"}, D(2024, 5, 3))
    assert moved.unrelated == [("quarantine", "1")]


# -- lifting status


def test_lifting_status_counts_boundary_detections_and_surveys():
    first = declare(
        [], [DeclaredZone("quarantine", "1", SQUARE), DeclaredZone("quarantine", "2", shapely.box(2000, 0, 4000, 2000)),
             DeclaredZone("threatened", "1", shapely.box(-5000, -5000, 9000, 9000).difference(shapely.box(0, 0, 4000, 2000)))],
        {"quarantine", "threatened"}, D(2024, 1, 10),
    )
    versions = first.new
    detections = [
        Dated(D(2024, 1, 31), shapely.Point(2000, 1000)),  # on the shared border of zones 1 and 2: counts for both
        Dated(D(2024, 1, 5), shapely.Point(500, 500)),
        Dated(D(2024, 9, 1), shapely.Point(500, 500)),  # after AS_OF: not counted
    ]
    surveys = [Dated(D(2024, 2, 1), shapely.Point(100, 100)), Dated(D(2024, 1, 20), shapely.Point(100, 100)),
               Dated(D(2024, 2, 5), shapely.Point(3000, 100))]
    rows = lifting_status(versions, detections, surveys, D(2024, 2, 29), 1)
    by_zone = {(r.zone_type, r.zone_id): r for r in rows}
    assert [(r.zone_type, r.zone_id) for r in rows] == [("quarantine", "1"), ("quarantine", "2"), ("threatened", "1")]
    q1, q2, t1 = by_zone[("quarantine", "1")], by_zone[("quarantine", "2")], by_zone[("threatened", "1")]
    assert q1.last_detection == q2.last_detection == D(2024, 1, 31)
    assert q1.eligible_from == D(2024, 2, 29)  # 31 January + 1 month in a leap year
    assert q1.status == "eligible" and q1.months_clean == 1
    assert q1.surveys_since_last_detection == 1 and q2.surveys_since_last_detection == 1
    # no detection in the ring: the clock runs from its declaration
    assert t1.last_detection is None and t1.clock_from == D(2024, 1, 10) and t1.eligible_from == D(2024, 2, 10)
    assert t1.status == "eligible"
    rows = lifting_status(versions, detections, surveys, D(2024, 2, 28), 1)
    assert [r.status for r in rows] == ["active", "active", "eligible"]
    rows = lifting_status(versions, detections, surveys, D(2024, 2, 28), None)
    assert [r.eligible_from for r in rows] == [None, None, None] and {r.status for r in rows} == {"active"}


def test_lifted_zone_status():
    first = declare([], [DeclaredZone("quarantine", "1", SQUARE)], {"quarantine"}, D(2024, 1, 10))
    lifted = declare(stored(first, []), [], {"quarantine"}, D(2026, 3, 1))
    rows = lifting_status(stored(lifted, stored(first, [])), [], [], D(2026, 4, 1), 24)
    assert [(r.version, r.status) for r in rows] == [(2, "lifted")]


# -- the profile's case sections


def test_profile_case_sections():
    import copy

    from rifa_zoning.core.errors import ProfileError
    from rifa_zoning.core.profile import RuleProfile, load_profile

    putian = load_profile()
    assert putian.months_without_detection() is None  # the plan names no number
    assert putian.survey_spacing() == 1000.0
    assert putian.section_citation("lifting") == "第五章 六" and putian.section_citation("monitoring") == "第五章 四"
    data = copy.deepcopy(putian.data)
    data["lifting"]["months_without_detection"] = 24
    assert RuleProfile(data).months_without_detection() == 24
    for section, field, value in (("lifting", "months_without_detection", 0), ("lifting", "months_without_detection", 1.5),
                                  ("monitoring", "survey_spacing_m", -5), ("monitoring", "survey_spacing_m", "1 km")):
        broken = copy.deepcopy(putian.data)
        broken[section][field] = value
        with pytest.raises(ProfileError, match=f"{section}.{field}"):
            RuleProfile(broken)
    older = copy.deepcopy(putian.data)
    del older["lifting"], older["monitoring"]  # profiles written before these sections still load
    assert RuleProfile(older).months_without_detection() is None and RuleProfile(older).survey_spacing() is None
