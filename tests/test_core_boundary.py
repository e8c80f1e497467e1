"""The written boundary (四至, core/boundary.py): extreme points, landmarks, the sentence, on
constructed layouts of roads, rivers, villages and units whose answers are known by hand."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
import shapely

from rifa_zoning.core.boundary import BoundaryRules, NamedFeature, describe, extreme_points, find_landmarks
from rifa_zoning.core.errors import ProfileError
from rifa_zoning.core.profile import DEFAULT_PROFILE, RuleProfile, load_profile

# the zone: a heptagon whose south edge lies on the river, with one apex in each other direction
ZONE = shapely.Polygon([(0, 0), (10000, 0), (11000, 4000), (10000, 8000), (5000, 9000), (0, 8000), (-1000, 4000)])
RIVER = NamedFeature("river", "木兰溪", shapely.LineString([(-3000, 0), (13000, 0)]))
G324 = NamedFeature("road", "G324国道", shapely.LineString([(5000, -3000), (5000, 12000)]))
X201 = NamedFeature("road", "X201县道", shapely.LineString([(-2000, 9300), (12000, 9300)]))
VILLAGE = NamedFeature("village", "华亭村", shapely.box(10800, 3000, 11800, 3500))
WEST_UNIT = NamedFeature("unit", "城厢区", shapely.box(-5000, -5000, 5000, 15000))
EAST_UNIT = NamedFeature("unit", "荔城区", shapely.box(5000, -5000, 15000, 15000))
FEATURES = [RIVER, G324, X201, VILLAGE, WEST_UNIT, EAST_UNIT]


def plain_lonlat(xs, ys):
    """A linear stand-in for the WGS 84 transform (1 m = 1e-5° east, 1/111000° north)."""
    return 119.0 + np.asarray(xs) / 100000.0, 25.0 + np.asarray(ys) / 111000.0


def rules(language="zh") -> BoundaryRules:
    section = load_profile().boundary(language)
    return BoundaryRules(section["follow_distance_m"], section["reference_radius_m"], section["distance_step_m"],
                         section["texts"])


def test_extreme_points_are_the_apexes_in_longitude_and_latitude():
    extremes = extreme_points(ZONE, plain_lonlat)
    assert (extremes["east"].x, extremes["east"].y) == (11000, 4000)
    assert (extremes["west"].x, extremes["west"].y) == (-1000, 4000)
    assert (extremes["north"].x, extremes["north"].y) == (5000, 9000)
    assert extremes["south"].y == 0 and 0 <= extremes["south"].x <= 10000
    assert extremes["east"].lon == pytest.approx(119.11) and extremes["north"].lat == pytest.approx(25 + 9000 / 111000)


def test_extreme_points_follow_true_north_not_the_grid():
    """In a rotated frame (grid north 30° off true north) the north point is not the grid's top."""
    angle = np.radians(30)

    def rotated(xs, ys):
        xs, ys = np.asarray(xs), np.asarray(ys)
        return xs * np.cos(angle) - ys * np.sin(angle), xs * np.sin(angle) + ys * np.cos(angle)

    square = shapely.box(0, 0, 1000, 1000)
    extremes = extreme_points(square, rotated)
    # the corner (0, 1000) goes furthest along true north: y' = x sin30 + y cos30 is largest at (1000, 1000)
    assert (extremes["north"].x, extremes["north"].y) == (1000, 1000)
    assert (extremes["west"].x, extremes["west"].y) == (0, 1000)
    # a curved transform (longitude gains (y - 500)² / 10⁴): the edges' middles lie furthest west,
    # between the corners, and the boundary densified every 20 m finds them
    def bent(xs, ys):
        xs, ys = np.asarray(xs), np.asarray(ys)
        return xs + 1e-4 * (ys - 500) ** 2, ys

    east = extreme_points(square, bent)["east"]
    assert east.x == 1000 and (east.y == 0 or east.y == 1000)  # the edge's ends are furthest east
    west = extreme_points(square, bent)["west"]
    assert west.x == 0 and abs(west.y - 500) <= 20  # the west edge's middle, found between its corners


def test_landmarks_clockwise_from_north_with_lengths_and_crossings():
    marks = find_landmarks(ZONE, FEATURES, 30)
    assert [m.name for m in marks] == ["G324国道", "荔城区", "华亭村", "木兰溪", "城厢区"]
    by_name = {m.name: m for m in marks}
    assert by_name["G324国道"].relation == "crosses" and by_name["G324国道"].crossings == 2
    assert by_name["G324国道"].bearing_deg == pytest.approx(0.0)
    river = by_name["木兰溪"]
    assert river.relation == "follows" and river.crossings == 0
    # the south edge (10 km) plus, at each end, where the next edge is still within 30 m of the river
    assert river.follows_m == pytest.approx(10000 + 2 * np.hypot(7.5, 30))
    village = by_name["华亭村"]
    # the edge (10000,0)-(11000,4000), x = 10000 + y/4, enters the village box at x=10800 (y=3200), leaves at y=3500
    assert village.relation == "passes" and village.follows_m == pytest.approx(np.hypot(75, 300), rel=1e-9)
    east_length = 5000 + np.hypot(1000, 4000) * 2 + np.hypot(5000, 1000)
    assert by_name["荔城区"].follows_m == pytest.approx(east_length)
    assert by_name["城厢区"].follows_m == pytest.approx(ZONE.length - east_length)
    assert "X201县道" not in by_name  # 300 m outside the zone: the boundary neither follows nor crosses it


def test_a_road_along_the_boundary_is_followed_not_crossed():
    along = NamedFeature("road", "滨江路", shapely.LineString([(2000, 10), (8000, 10)]))  # 10 m inside the south edge
    marks = {m.name: m for m in find_landmarks(ZONE, [along], 30)}
    assert marks["滨江路"].relation == "follows" and marks["滨江路"].crossings == 0
    assert marks["滨江路"].follows_m == pytest.approx(6000 + 2 * np.sqrt(30**2 - 10**2), abs=1.0)


def test_a_road_ending_inside_crosses_once_and_unnamed_features_are_left_out():
    spur = NamedFeature("road", "X100县道", shapely.LineString([(-3000, 4000), (2000, 4000)]))
    nameless = NamedFeature("road", "  ", shapely.LineString([(5000, 5000), (5000, 20000)]))
    marks = find_landmarks(ZONE, [spur, nameless], 30)
    assert [(m.name, m.relation, m.crossings) for m in marks] == [("X100县道", "crosses", 1)]
    assert marks[0].bearing_deg == pytest.approx(270.0, abs=3.0)


def test_features_of_one_name_are_one_landmark():
    halves = [NamedFeature("road", "G324国道", shapely.LineString([(5000, -3000), (5000, 4000)])),
              NamedFeature("road", "G324国道", shapely.LineString([(5000, 4000), (5000, 12000)]))]
    marks = find_landmarks(ZONE, halves, 30)
    assert [(m.name, m.crossings) for m in marks] == [("G324国道", 2)]


def test_the_sentence_in_chinese_names_bank_junction_village_and_unit():
    result = describe(ZONE, FEATURES, plain_lonlat, rules("zh"))
    assert result.places == {
        "east": "华亭村以北约500米",
        "south": "木兰溪北岸",
        "west": "城厢区境内",
        "north": "G324国道与X201县道交叉口以南约300米",
    }
    assert result.clauses["east"] == "东至华亭村以北约500米（东经119.1100°，北纬25.0360°）"
    assert result.description.startswith("东至华亭村以北约500米（东经119.1100°，北纬25.0360°），南至木兰溪北岸（东经")
    assert "，西至城厢区境内（东经118.9900°，北纬25.0360°），北至G324国道与X201县道交叉口以南约300米（" in result.description
    assert result.description.endswith("°）。")
    assert result.area_km2 == pytest.approx(ZONE.area / 1e6) and result.perimeter_km == pytest.approx(ZONE.length / 1000)


def test_the_sentence_in_english():
    result = describe(ZONE, FEATURES, plain_lonlat, rules("en"))
    assert result.clauses["south"].startswith("South: the north bank of 木兰溪 (119.")
    assert result.clauses["north"].startswith("North: about 300 m south of the junction of G324国道 and X201县道 (")
    assert result.clauses["west"] == "West: inside 城厢区 (118.9900°E, 25.0360°N)"


def test_nothing_near_gives_the_coordinates_alone():
    result = describe(ZONE, [], plain_lonlat, rules("zh"))
    assert result.clauses["west"] == "西至东经118.9900°，北纬25.0360°"
    assert result.landmarks == []


def test_the_words_come_from_the_profile():
    data = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    data["boundary"]["texts"]["zh"]["bank"] = "{name}（{side}岸堤脚）"
    data["boundary"]["reference_radius_m"] = 200  # the junction 300 m away is too far now
    section = RuleProfile(data).boundary("zh")
    custom = BoundaryRules(section["follow_distance_m"], section["reference_radius_m"], section["distance_step_m"],
                           section["texts"])
    result = describe(ZONE, FEATURES, plain_lonlat, custom)
    assert result.places["south"] == "木兰溪（北岸堤脚）"
    assert result.places["north"] == "G324国道"  # the road through the apex, at 0 m


def test_profile_boundary_and_order_sections_are_checked_by_field():
    data = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    del broken["boundary"]["texts"]["en"]["junction"]
    with pytest.raises(ProfileError, match=r"boundary\.texts\.en\.junction"):
        RuleProfile(broken)
    broken = copy.deepcopy(data)
    broken["boundary"]["follow_distance_m"] = 0
    with pytest.raises(ProfileError, match=r"boundary\.follow_distance_m"):
        RuleProfile(broken)
    broken = copy.deepcopy(data)
    broken["order"]["measures"][1]["grades"] = [4]
    with pytest.raises(ProfileError, match=r"order\.measures\[1\]\.grades"):
        RuleProfile(broken)
    # the sections are optional; asking for a missing one names it
    del data["order"]
    with pytest.raises(ProfileError, match="'order' is missing"):
        RuleProfile(data).order()
