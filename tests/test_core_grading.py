"""The outbreak grade from affected counties (第一章 四), without QGIS."""

from __future__ import annotations

import copy

import pytest

from rifa_zoning.core.errors import InputError
from rifa_zoning.core.grading import (
    AffectedCounty,
    apply_override,
    city_code_from_adcode,
    decide_grade,
    grade_label,
    normalize_code,
)
from rifa_zoning.core.profile import RuleProfile, load_profile


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def county(code: str, nests: int = 1, province: str = "福建省") -> AffectedCounty:
    return AffectedCounty(code, f"county {code}", city_code_from_adcode(code), "", province, nests)


def test_one_county_is_grade_iii(profile):
    result = decide_grade([county("350304", 5)], profile)
    assert (result.grade, result.n_counties, result.n_cities) == (3, 1, 1)
    assert result.rule["en"] == "1 county in 1 city → Grade III (1 county-level unit), 第一章 四(一)"
    assert result.rule["zh"].endswith("三级（1个县级行政区域内），第一章 四(一)")
    assert grade_label(profile, result.grade) == "三级 / Grade III"


def test_two_counties_of_one_city_is_grade_ii(profile):
    result = decide_grade([county("350304"), county("350302")], profile)
    assert (result.grade, result.n_counties, result.n_cities) == (2, 2, 1)
    assert result.rule["en"] == "2 counties in 1 city → Grade II (2 or more counties), 第一章 四(二)"
    assert result.label(profile) == "二级 / Grade II"


def test_two_cities_is_grade_i(profile):
    result = decide_grade([county("350304"), county("350102")], profile)
    assert (result.grade, result.rule_key, result.n_cities) == (1, "cities", 2)
    assert "第一章 四(三)" in result.rule["en"] and "2 or more prefecture-level cities" in result.rule["en"]


def test_ten_counties_of_one_city_is_grade_i_by_the_province_rule_nine_is_grade_ii(profile):
    ten = [county(f"3503{i:02d}") for i in range(1, 11)]
    result = decide_grade(ten, profile)
    assert (result.grade, result.rule_key, result.n_counties, result.n_cities) == (1, "province", 10, 1)
    assert "10 or more counties of the province" in result.rule["en"]
    nine = decide_grade(ten[:9], profile)
    assert (nine.grade, nine.rule_key) == (2, "counties")


def test_the_province_rule_counts_per_province(profile):
    # a bureau profile where cities do not decide: 10 counties split 5 + 5 over two provinces stay Grade II
    data = copy.deepcopy(profile.data)
    data["grades"]["grade_I_min_cities"] = 99
    other = RuleProfile(data)
    split = [county(f"3503{i:02d}", province="A") for i in range(1, 6)]
    split += [county(f"4403{i:02d}", province="B") for i in range(1, 6)]
    assert decide_grade(split, other).grade == 2
    same = [AffectedCounty(c.code, c.name, c.city_code, "", "A", 1) for c in split]
    assert decide_grade(same, other).grade == 1


def test_no_nest_in_any_unit_is_grade_0(profile):
    result = decide_grade([county("350304", nests=0)], profile)
    assert (result.grade, result.n_counties) == (0, 0)
    assert grade_label(profile, 0) == "未定级 / No grade"


def test_override_raises_needs_a_reason_and_never_lowers(profile):
    base = decide_grade([county("350304")], profile)
    with pytest.raises(InputError, match="needs a reason"):
        apply_override(base, 2, "  ", profile)
    raised = apply_override(base, 2, "省指挥部 notice 7, special circumstances", profile)
    assert (raised.grade, raised.computed_grade, raised.overridden) == (2, 3, True)
    assert raised.override_reason == "省指挥部 notice 7, special circumstances"
    assert "raised to Grade II" in raised.rule["en"] and raised.rule["en"].endswith("第一章 四(二)")
    assert "理由：省指挥部" in raised.rule["zh"]
    grade_i = decide_grade([county("350304"), county("350102")], profile)
    kept = apply_override(grade_i, 2, "city HQ", profile)
    assert (kept.grade, kept.overridden) == (1, False)
    assert "only raises" in str(kept.notes[0])
    assert apply_override(base, None, "", profile) is base


@pytest.mark.parametrize(
    "value, city", [("350304", "350300"), (350304, "350300"), (350304.0, "350300"), (" 350322 ", "350300")]
)
def test_city_from_adcode(value, city):
    assert city_code_from_adcode(value) == city


@pytest.mark.parametrize("value", ["3503", "35030x", "350300", "", None, "1234567"])
def test_bad_adcodes_are_refused_naming_the_value_and_feature(value):
    with pytest.raises(InputError) as error:
        city_code_from_adcode(value, "feature 7 of 'counties'")
    text = str(error.value)
    assert "feature 7 of 'counties'" in text and "6 digits" in text
    assert (str(value) if value is not None else "NULL") in text


def test_normalize_code():
    assert normalize_code(None) == "" and normalize_code("NULL") == "" and normalize_code(350304.0) == "350304"
