"""rifa:outbreakgrade end to end on real QGIS layers."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
)
from rifa_test_utils import make_layer

LON0, LAT0, STEP = 119.0, 25.4, 0.1


def square(i: int, j: int = 0) -> str:
    x, y = LON0 + STEP * i, LAT0 + STEP * j
    return f"POLYGON(({x} {y},{x + STEP} {y},{x + STEP} {y + STEP},{x} {y + STEP},{x} {y}))"


def centre(i: int, j: int = 0, dx: float = 0.0) -> tuple[float, float]:
    return LON0 + STEP * (i + 0.5) + dx, LAT0 + STEP * (j + 0.5)


def admin_layer(codes: list, extra: dict | None = None, crs: str = "EPSG:4326"):
    """Unit i is the square i of a row; codes[i] its county code."""
    rows = []
    for i, code in enumerate(codes):
        attributes = {"county_code": code, "county_name": f"县{code}"}
        for key, values in (extra or {}).items():
            attributes[key] = values[i]
        rows.append((square(i), attributes))
    return make_layer("Polygon", crs, rows, "counties")


def nests_layer(points: list[tuple[float, float]], crs: str = "EPSG:4326"):
    return make_layer("Point", crs, [(f"POINT({x} {y})", {"nest": n}) for n, (x, y) in enumerate(points)], "nests")


def run(nests, admin, **extra):
    import processing

    parameters = {
        "NESTS": nests, "ADMIN": admin, "COUNTY_CODE_FIELD": "county_code", "COUNTY_NAME_FIELD": "county_name",
        "OUTPUT": "memory:",
    }
    parameters.update(extra)
    return processing.run("rifa:outbreakgrade", parameters)


PUTIAN = ["350302", "350303", "350304", "350305", "350322"]


def test_one_county_is_grade_iii_with_the_affected_table(rifa_provider):
    result = run(nests_layer([centre(2), centre(2, dx=0.01), centre(2, dx=-0.01)]), admin_layer(PUTIAN))
    assert (result["GRADE"], result["N_COUNTIES"], result["N_CITIES"], result["N_UNASSIGNED"]) == (3, 1, 1, 0)
    assert result["GRADE_LABEL"] == "三级 / Grade III"
    assert result["RULE"].endswith("第一章 四(一)")
    rows = [f.attributes() for f in result["OUTPUT"].getFeatures()]
    assert rows == [["350304", "县350304", "350300", "", "", 3]]


def test_two_counties_of_one_city_is_grade_ii(rifa_provider):
    result = run(nests_layer([centre(0), centre(2)]), admin_layer(PUTIAN))
    assert (result["GRADE"], result["N_COUNTIES"], result["N_CITIES"]) == (2, 2, 1)
    assert result["RULE"] == "2 counties in 1 city → Grade II (2 or more counties), 第一章 四(二)"


def test_two_cities_is_grade_i_with_a_city_code_field(rifa_provider):
    admin = admin_layer(["A1", "A2", "B1"], {"city": ["A", "A", "B"], "city_name": ["甲市", "甲市", "乙市"]})
    result = run(nests_layer([centre(0), centre(2)]), admin, CITY_CODE_FIELD="city", CITY_NAME_FIELD="city_name")
    assert (result["GRADE"], result["N_CITIES"]) == (1, 2)
    assert "2 or more prefecture-level cities" in result["RULE"]
    assert {f["city_name"] for f in result["OUTPUT"].getFeatures()} == {"甲市", "乙市"}
    # same units, same nests, but no city field: "A1" is no adcode -> clear error naming the feature
    with pytest.raises(QgsProcessingException, match=r"county code 'A1' \(feature \d+ of 'counties'\).*6 digits"):
        run(nests_layer([centre(0), centre(2)]), admin)


def test_ten_counties_of_one_city_is_grade_i_nine_is_grade_ii(rifa_provider):
    codes = [f"3503{i:02d}" for i in range(1, 11)]
    ten = run(nests_layer([centre(i) for i in range(10)]), admin_layer(codes))
    assert (ten["GRADE"], ten["N_COUNTIES"], ten["N_CITIES"]) == (1, 10, 1)
    assert "10 or more counties of the province" in ten["RULE"]
    nine = run(nests_layer([centre(i) for i in range(9)]), admin_layer(codes))
    assert (nine["GRADE"], nine["N_COUNTIES"]) == (2, 9)


def test_province_field_counts_counties_per_province(rifa_provider, tmp_path):
    import json

    from rifa_zoning.core.profile import DEFAULT_PROFILE

    data = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    data["grades"]["grade_I_min_cities"] = 99  # only the county rule can give Grade I
    data["grades"]["grade_I_min_counties_in_province"] = 3
    profile = tmp_path / "bureau.json"
    profile.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    codes = ["350302", "350303", "440303", "440304"]
    admin = admin_layer(codes, {"prov": ["福建", "福建", "广东", "广东"]})
    nests = nests_layer([centre(i) for i in range(4)])
    per_province = run(nests, admin, PROVINCE_FIELD="prov", PROFILE=str(profile))
    assert per_province["GRADE"] == 2  # 2 + 2 counties: below 3 in each province
    as_one = run(nests, admin, PROFILE=str(profile))
    assert as_one["GRADE"] == 1  # 4 counties counted as one province


def test_nests_outside_every_unit_are_counted_and_grade_0(rifa_provider):
    outside = [centre(20), centre(21)]
    result = run(nests_layer(outside), admin_layer(PUTIAN))
    assert (result["GRADE"], result["N_UNASSIGNED"], result["N_COUNTIES"]) == (0, 2, 0)
    assert result["GRADE_LABEL"] == "未定级 / No grade"
    assert result["OUTPUT"].featureCount() == 0
    mixed = run(nests_layer([*outside, centre(1)]), admin_layer(PUTIAN))
    assert (mixed["GRADE"], mixed["N_UNASSIGNED"]) == (3, 2)


def test_mixed_crs_nests_in_utm_admin_in_gauss_kruger(rifa_provider):
    wgs84, utm = QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:32650")
    to_utm = QgsCoordinateTransform(wgs84, utm, QgsProject.instance())
    # nests near the shared border of units 1 and 2 (x = 119.2): only the right CRS handling puts them right
    points = [to_utm.transform(QgsPointXY(*centre(1, dx=0.045))), to_utm.transform(QgsPointXY(*centre(2, dx=-0.045)))]
    nests = nests_layer([(p.x(), p.y()) for p in points], "EPSG:32650")
    admin_4326 = admin_layer(PUTIAN)
    # the same units in CGCS2000 / 3-degree GK CM 120E
    import processing

    admin_gk = processing.run(
        "native:reprojectlayer", {"INPUT": admin_4326, "TARGET_CRS": "EPSG:4549", "OUTPUT": "memory:"}
    )["OUTPUT"]
    for admin in (admin_4326, admin_gk):
        result = run(nests, admin)
        assert (result["GRADE"], result["N_COUNTIES"], result["N_UNASSIGNED"]) == (2, 2, 0)
        assert sorted(f["county_code"] for f in result["OUTPUT"].getFeatures()) == ["350303", "350304"]


def test_integer_adcodes_derive_the_city(rifa_provider):
    result = run(nests_layer([centre(0), centre(1)]), admin_layer([350302, 350102]))
    assert (result["GRADE"], result["N_CITIES"]) == (1, 2)
    assert sorted(f["city_code"] for f in result["OUTPUT"].getFeatures()) == ["350100", "350300"]


def test_override_raises_with_a_reason_and_refuses_without(rifa_provider):
    nests, admin = nests_layer([centre(0)]), admin_layer(PUTIAN)
    with pytest.raises(QgsProcessingException, match="needs a reason"):
        run(nests, admin, OVERRIDE_GRADE=1)
    raised = run(nests, admin, OVERRIDE_GRADE=2, OVERRIDE_REASON="国家规定 (MARA notice 12)")
    assert (raised["GRADE"], raised["GRADE_LABEL"]) == (1, "一级 / Grade I")
    assert "raised to Grade I" in raised["RULE"] and "MARA notice 12" in raised["RULE"]
    assert raised["RULE"].endswith("第一章 四(三)")
    # never lowers: Grade I from the nests stays Grade I with an override to II
    two_cities = run(nests_layer([centre(0), centre(1)]), admin_layer([350302, 350102]), OVERRIDE_GRADE=1, OVERRIDE_REASON="x")
    assert two_cities["GRADE"] == 1 and "raised" not in two_cities["RULE"]


def test_missing_fields_and_bad_codes_are_named(rifa_provider):
    from rifa_zoning.core.errors import InputError
    from rifa_zoning.core.profile import load_profile
    from rifa_zoning.processing.outbreak_grade import FieldMap, grade_layers

    admin = admin_layer(PUTIAN)
    nests = nests_layer([centre(0)])
    with pytest.raises(InputError, match="Layer 'counties' has no field 'adcode'"):
        grade_layers(nests, admin, FieldMap("adcode", "county_name"), load_profile(), admin_name="counties")
    with pytest.raises(InputError, match="COUNTY_NAME_FIELD"):
        grade_layers(nests, admin, FieldMap("county_code", ""), load_profile(), admin_name="counties")
    with pytest.raises(QgsProcessingException):
        run(nests, admin, CITY_CODE_FIELD="no_such_field")
    bad = admin_layer(["3503", "350303"])
    with pytest.raises(QgsProcessingException, match="'3503'.*6 digits"):
        run(nests_layer([centre(0)]), bad)
    # a bad code in a unit without nests does not matter: no city is derived for it
    assert run(nests_layer([centre(1)]), bad)["GRADE"] == 3
    no_crs = nests_layer([centre(0)], crs=None)
    no_crs.setCrs(QgsCoordinateReferenceSystem())  # memory layers default to EPSG:4326
    with pytest.raises(QgsProcessingException, match="no coordinate reference system"):
        run(no_crs, admin)
