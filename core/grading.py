"""The outbreak grade (疫情分级, 第一章 四) from the county-level units that hold nests.

From lightest to most severe (thresholds from the rule profile, "以上" includes the number):

- Grade III (三级): nests in 1 county-level unit (第一章 四(一));
- Grade II (二级): nests in ``grade_II_min_counties`` (2) or more counties (第一章 四(二));
- Grade I (一级): nests in ``grade_I_min_cities`` (2) or more prefecture-level cities, or in
  ``grade_I_min_counties_in_province`` (10) or more counties of the province (第一章 四(三));
- 0: no nest lies in any unit (nothing to grade).

The "designated by a higher authority / special circumstances" clauses are a manual override
(:func:`apply_override`): it only raises the grade, needs a reason (who decided it and why) and
is recorded as such.

The province rule counts affected counties per province and takes the largest count: the plan
is a provincial plan ("全省10个以上县"), so counties of two provinces never add up. Without a
province the whole admin layer counts as one province. When several provinces are affected the
units lie in several cities anyway, so the city rule already gives Grade I.

The rule sentence is kept in both languages (like the profile texts) so the records log, the
dock and the printed map can cite it whatever the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .errors import QT_TRANSLATE_NOOP, InputError, Msg
from .profile import RuleProfile


@dataclass(frozen=True)
class AffectedCounty:
    """A county-level unit holding at least one nest."""

    code: str
    name: str
    city_code: str
    city_name: str = ""
    province: str = ""
    nests: int = 0


@dataclass(frozen=True)
class GradeResult:
    grade: int  # 3, 2, 1; 0 when no nest lies in any unit
    rule: dict  # {"en": ..., "zh": ...}: the sentence that cites the plan
    rule_key: str  # none, county, counties, cities, province (+ "override" when raised)
    citation: str
    counties: tuple[AffectedCounty, ...] = ()
    n_counties: int = 0
    n_cities: int = 0
    max_counties_in_province: int = 0
    computed_grade: int = 0  # the grade before any override
    overridden: bool = False
    override_reason: str = ""
    profile_label: str = ""
    notes: list = field(default_factory=list)  # Msg notes for the log

    def label(self, profile: RuleProfile) -> str:
        return grade_label(profile, self.grade)

    def rule_text(self, lang: str = "en") -> str:
        return self.rule["zh" if lang.startswith("zh") else "en"]


ROMAN = {3: "III", 2: "II", 1: "I"}


def grade_label(profile: RuleProfile, grade: int) -> str:
    """``二级 / Grade II``; grade 0: ``未定级 / No grade``."""
    if grade == 0:
        return "未定级 / No grade"
    label = profile.grade_label(grade)
    return f"{label['zh']} / {label['en']}"


def city_code_from_adcode(code: str, where: str | Msg = "") -> str:
    """The prefecture-level city code of a 6-digit county adcode: 350304 -> 350300.

    ``where`` names the feature for the error message (e.g. ``feature 12 of 'counties'``).
    """
    text = normalize_code(code)
    if len(text) != 6 or not text.isdigit() or text.endswith("00"):
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Cannot derive the city from the county code '{code}' ({where}): a county adcode has 6 digits "
                    "and does not end in 00 (e.g. 350304 → 350300). Choose a city code field instead.",
                ),
                code=code if code is not None else "NULL",
                where=where or "?",
            )
        )
    return text[:4] + "00"


def normalize_code(value) -> str:
    """A code as text: 350304, 350304.0 and "350304 " all give "350304"; NULL gives ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.upper() == "NULL":
        return ""
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def decide_grade(counties: list[AffectedCounty], profile: RuleProfile) -> GradeResult:
    """The grade the plan gives to nests in ``counties`` (one entry per distinct county code)."""
    grades = profile.grades
    affected = tuple(sorted((c for c in counties if c.nests > 0), key=lambda c: c.code))
    n_counties = len(affected)
    n_cities = len({c.city_code for c in affected})
    per_province: dict[str, int] = {}
    for county in affected:
        per_province[county.province] = per_province.get(county.province, 0) + 1
    max_in_province = max(per_province.values(), default=0)
    min_ii = grades["grade_II_min_counties"]
    min_i_cities = grades["grade_I_min_cities"]
    min_i_counties = grades["grade_I_min_counties_in_province"]

    en_counts = f"{_plural(n_counties, 'county', 'counties')} in {_plural(n_cities, 'city', 'cities')}"
    zh_counts = f"{n_cities}个设区市的{n_counties}个县（市、区）"
    if n_counties == 0:
        grade, key = 0, "none"
        en = "No nest lies in any county-level unit → no grade"
        zh = "没有蚁巢位于任何县级行政区域内 → 不定级"
    elif n_cities >= min_i_cities:
        grade, key = 1, "cities"
        en = f"{en_counts} → Grade I ({min_i_cities} or more prefecture-level cities)"
        zh = f"{zh_counts} → 一级（{min_i_cities}个以上设区市）"
    elif max_in_province >= min_i_counties:
        grade, key = 1, "province"
        en = f"{en_counts} → Grade I ({min_i_counties} or more counties of the province)"
        zh = f"{zh_counts} → 一级（全省{min_i_counties}个以上县（市、区））"
    elif n_counties >= min_ii:
        grade, key = 2, "counties"
        en = f"{en_counts} → Grade II ({min_ii} or more counties)"
        zh = f"{zh_counts} → 二级（{min_ii}个以上县（区））"
    else:
        grade, key = 3, "county"
        en = f"{en_counts} → Grade III (1 county-level unit)"
        zh = f"{zh_counts} → 三级（1个县级行政区域内）"
    citation = profile.grade_citation(grade) if grade else profile.grades["citation"]
    return GradeResult(
        grade=grade,
        rule={"en": f"{en}, {citation}", "zh": f"{zh}，{citation}"},
        rule_key=key,
        citation=citation,
        counties=affected,
        n_counties=n_counties,
        n_cities=n_cities,
        max_counties_in_province=max_in_province,
        computed_grade=grade,
        profile_label=profile.label,
    )


def severity(grade: int) -> int:
    """Grades as an order of severity: 0 < III < II < I."""
    return {0: 0, 3: 1, 2: 2, 1: 3}[grade]


def apply_override(result: GradeResult, override: int | None, reason: str, profile: RuleProfile) -> GradeResult:
    """Raise ``result`` to ``override`` (2 or 1; None = no override) for "designated / special
    circumstances" (第一章 四(二), 四(三)). Never lowers; a reason (who decided, why) is required."""
    if override in (None, 0):
        return result
    if override not in (2, 1):
        raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The grade override must be II or I (got {value})."), value=override))
    reason = (reason or "").strip()
    if not reason:
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Raising the grade to {grade} needs a reason: say who designated it and why "
                    "(e.g. 'Provincial HQ notice 2024-3, special circumstances').",
                ),
                grade=ROMAN[override],
            )
        )
    if severity(override) <= severity(result.grade):
        note = Msg(
            QT_TRANSLATE_NOOP(
                "core", "Grade override {override} ignored: the nests already give Grade {grade}; an override only raises the grade."
            ),
            override=ROMAN[override],
            grade=ROMAN.get(result.grade, "0"),
        )
        return replace(result, notes=[*result.notes, note])
    citation = profile.grade_citation(override)
    label = profile.grade_label(override)
    return replace(
        result,
        grade=override,
        rule={
            "en": f"{result.rule['en']}; raised to {label['en']} by designation / special circumstances "
            f"(reason: {reason}), {citation}",
            "zh": f"{result.rule['zh']}；经规定或特殊情况提升为{label['zh']}（理由：{reason}），{citation}",
        },
        rule_key=f"{result.rule_key}+override",
        citation=citation,
        overridden=True,
        override_reason=reason,
    )
