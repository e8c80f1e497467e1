"""Rule profiles: the shipped Putian 2006 profile, validation errors that name the field, ranges."""

from __future__ import annotations

import copy
import json

import pytest

from rifa_zoning.core.errors import InputError, ProfileError
from rifa_zoning.core.profile import DEFAULT_PROFILE, RuleProfile, load_profile


@pytest.fixture
def putian():
    return json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))


def test_default_profile_is_putian_2006_with_the_plan_numbers():
    profile = load_profile()
    assert profile.label == "Putian 2006 (莆政办[2006]2号)"
    assert (profile.radius_range("occurrence").low, profile.radius_range("occurrence").high) == (2000, 5000)
    assert (profile.radius_range("quarantine").low, profile.radius_range("quarantine").high) == (3000, 8000)
    assert (profile.radius_range("threatened").low, profile.radius_range("threatened").high) == (5000, 15000)
    assert profile.min_points("quarantine") == 3 and profile.min_points("occurrence") == 3
    assert profile.grades["grade_I_min_counties_in_province"] == 10
    assert profile.responders(3)["order_issued_by"]["zh"] == "县级人民政府"
    ids = [item["id"] for item in profile.checklist(2)]
    assert "lockdown_order" in ids and "guard_entrances" in ids and "monthly_report" in ids


def test_radius_outside_the_range_names_value_range_and_profile():
    profile = load_profile()
    assert profile.check_radius("quarantine", 8000) == 8000  # "以上"/ranges include their ends
    with pytest.raises(InputError) as error:
        profile.check_radius("quarantine", 9000)
    assert str(error.value) == "Quarantine radius 9000 m is outside 3000–8000 m (profile Putian 2006, 莆政办[2006]2号 第三章)."
    with pytest.raises(InputError, match="Occurrence radius 1999 m is outside 2000–5000 m"):
        profile.check_radius("occurrence", 1999)
    with pytest.raises(InputError, match="extension 16000 m is outside 5000–15000 m"):
        profile.check_radius("threatened", 16000)


def test_another_bureau_profile_changes_numbers_without_code(putian, tmp_path):
    other = copy.deepcopy(putian)
    other["name"] = "Test bureau"
    other["zones"]["quarantine"]["radius_m"] = {"min": 1000, "max": 9000, "default": 4000}
    path = tmp_path / "bureau.json"
    path.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    profile = load_profile(path)
    assert profile.check_radius("quarantine", 9000) == 9000
    assert profile.label.startswith("Test bureau")


@pytest.mark.parametrize(
    "path",
    ["format", "source.document", "zones.quarantine.radius_m.max", "zones.occurrence.min_points",
     "zones.threatened.extension_m", "grades.grade_I_min_cities", "grades.labels.2.zh",
     "responders.3.order_issued_by", "checklist"],
)
def test_missing_field_is_named(putian, tmp_path, path):
    broken = copy.deepcopy(putian)
    *parents, last = path.split(".")
    node = broken
    for key in parents:
        node = node[key]
    del node[last]
    file = tmp_path / "broken.json"
    file.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile(file)
    assert f"'{path}'" in str(error.value) and str(file) in str(error.value)


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        ("zones.quarantine.radius_m.min", 9000, "0 < min <= default <= max"),
        ("zones.quarantine.radius_m.max", "8 km", "must be a number"),
        ("grades.grade_II_min_counties", 0, "must be from 1 to 10000"),
        ("checklist.0.due.type", "soon", "must be one of"),
        ("checklist.2.due.after", "nothing", "earlier checklist item"),
    ],
)
def test_bad_values_are_named(putian, path, value, words):
    broken = copy.deepcopy(putian)
    *parents, last = path.split(".")
    node = broken
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[last] = value
    with pytest.raises(ProfileError, match=words):
        RuleProfile(broken)


def test_unreadable_and_malformed_files(tmp_path):
    with pytest.raises(ProfileError, match="Cannot read the rule profile"):
        load_profile(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"not valid JSON \(line 1"):
        load_profile(bad)
