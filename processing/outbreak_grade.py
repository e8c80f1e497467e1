"""``rifa:outbreakgrade``: the outbreak grade (第一章 四) from the nests and the county-level units.

shapely is imported inside :func:`grade_layers`: the provider imports this module when it
loads, and the plugin must load (and say what to install) without shapely 2.

:func:`grade_layers` is shared with the "Outbreak response" dock, which recomputes the grade
whenever the nests change (without logging a run).
"""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..core.feedback import Feedback
from ..core.grading import (
    AffectedCounty,
    GradeResult,
    apply_override,
    city_code_from_adcode,
    decide_grade,
    grade_label,
    normalize_code,
)
from ..core.profile import RuleProfile
from ..tools.i18n import current_language
from . import compat
from .base import RifaAlgorithm
from .layer_io import layer_name, make_fields, text_value

OVERRIDE_CHOICES = (None, 2, 1)  # OVERRIDE_GRADE enum index -> grade: none, II, I


@dataclass
class FieldMap:
    """Fields of the admin layer: county code and name required, the rest optional ("" = none)."""

    county_code: str
    county_name: str
    city_code: str = ""
    city_name: str = ""
    province: str = ""


@dataclass
class GradeInputs:
    """What one run of rifa:outbreakgrade was given: the profile, the two layers and their names, the fields, the override."""

    profile: RuleProfile
    nests: object  # a feature source
    admin: object
    names: FieldMap
    override: int | None
    reason: str
    nests_name: str
    admin_name: str


@dataclass
class LayerGrade:
    result: GradeResult
    n_unassigned: int
    unassigned_ids: list
    city_derived: bool


def _check_fields(fields, names: FieldMap, layer_name: str) -> None:
    existing = set(fields.names())
    required = {"COUNTY_CODE_FIELD": names.county_code, "COUNTY_NAME_FIELD": names.county_name}
    for parameter, name in required.items():
        if not name:
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "Choose the {parameter} of layer '{layer}'."), parameter=parameter, layer=layer_name)
            )
    for name in (names.county_code, names.county_name, names.city_code, names.city_name, names.province):
        if name and name not in existing:
            raise InputError(
                Msg(
                    QT_TRANSLATE_NOOP("core", "Layer '{layer}' has no field '{field}' (fields: {fields})."),
                    layer=layer_name, field=name, fields=", ".join(fields.names()),
                )
            )


def grade_layers(
    nests,
    admin,
    names: FieldMap,
    profile: RuleProfile,
    override: int | None = None,
    reason: str = "",
    feedback: Feedback | None = None,
    context=None,
    nests_name: str = "nests",
    admin_name: str = "admin",
) -> LayerGrade:
    """The grade of the nests in ``nests`` over the county-level units of ``admin`` (feature
    sources or vector layers, any CRSs: both are read in the admin layer's CRS)."""
    feedback = feedback or Feedback()
    units, points = _read_units_and_nests(nests, admin, names, feedback, context, nests_name, admin_name)
    owner = _owning_units(units, points, names, feedback)
    unassigned = [points[i].fid for i in range(len(points)) if i not in owner]
    feedback.progress(90)
    city_derived = not names.city_code
    counties = _affected_counties(units, owner, names, admin_name)
    _report_spread(counties, city_derived, unassigned, feedback, nests_name, admin_name)
    result = apply_override(decide_grade(counties, profile), override, reason, profile)
    for note in result.notes:
        feedback.warn(note)
    feedback.progress(100)
    return LayerGrade(result, len(unassigned), unassigned, city_derived)


def _read_units_and_nests(nests, admin, names: FieldMap, feedback: Feedback, context, nests_name: str, admin_name: str):
    """The county-level units and the nests, both in the admin layer's CRS (point-in-polygon needs
    a common CRS, not true metres)."""
    # imported here: the plugin (and this module) must load without shapely 2 (see tools/dependencies.py)
    from .geometry_io import WorkingFrame, read_features, require_crs

    _check_fields(admin.fields(), names, admin_name)
    require_crs(admin.sourceCrs(), admin_name)
    require_crs(nests.sourceCrs(), nests_name)
    frame = WorkingFrame(admin.sourceCrs(), Msg("{crs}", crs=admin.sourceCrs().authid()))
    units = read_features(admin, frame, admin_name, feedback.step(0, 40), context)
    if not units:  # every nest would be "outside every unit": grade 0 from a layer that is not there
        raise InputError(
            Msg(QT_TRANSLATE_NOOP("core", "Layer '{layer}' has no features with a geometry."), layer=admin_name)
        )
    feedback.progress(40)
    points = read_features(nests, frame, nests_name, feedback.step(40, 80), context)
    feedback.check_canceled()
    feedback.progress(80)
    return units, points


def _owning_units(units: list, points: list, names: FieldMap, feedback: Feedback) -> dict[int, int]:
    """Nest index -> index of the unit it lies in; on a shared border the unit with the lowest code
    (deterministic). Nests outside every unit are left out."""
    import shapely

    tree = shapely.STRtree([unit.geometry for unit in units])
    owner: dict[int, int] = {}
    if points and units:
        nest_index, unit_index = tree.query([p.geometry for p in points], predicate="intersects")
        feedback.check_canceled()
        pairs = len(nest_index)
        for k, (n, u) in enumerate(zip(nest_index.tolist(), unit_index.tolist())):
            if k % 20000 == 0:  # a million nests take seconds here: stay cancelable, show progress
                feedback.check_canceled()
                feedback.progress(80 + 10 * k / pairs)
            current = owner.get(n)
            if current is None or normalize_code(units[u].feature[names.county_code]) < normalize_code(
                units[current].feature[names.county_code]
            ):
                owner[n] = u
    feedback.check_canceled()
    return owner


def _required_code(value, template: str, field: str, where: Msg, count: int) -> str:
    """A county or city code of a unit that holds nests: an empty one stops the run, naming the unit."""
    code = normalize_code(value)
    if not code:
        raise InputError(Msg(template, field=field, where=where, count=count))
    return code


def _affected_counties(units: list, owner: dict[int, int], names: FieldMap, admin_name: str) -> list[AffectedCounty]:
    """The counties that hold nests, with their nest counts (units sharing a code add up)."""
    counts: dict[int, int] = {}
    for u in owner.values():
        counts[u] = counts.get(u, 0) + 1
    by_code: dict[str, AffectedCounty] = {}
    for u, n in sorted(counts.items()):
        feature = units[u].feature
        where = Msg(QT_TRANSLATE_NOOP("core", "feature {fid} of '{layer}'"), fid=feature.id(), layer=admin_name)
        code = _required_code(
            feature[names.county_code],
            QT_TRANSLATE_NOOP("core", "The county code field '{field}' is empty in {where}, which holds {count} nest(s)."),
            names.county_code, where, n,
        )
        if not names.city_code:
            city = city_code_from_adcode(feature[names.county_code], where)
        else:
            city = _required_code(
                feature[names.city_code],
                QT_TRANSLATE_NOOP("core", "The city code field '{field}' is empty in {where}, which holds {count} nest(s)."),
                names.city_code, where, n,
            )
        previous = by_code.get(code)
        by_code[code] = AffectedCounty(
            code=code,
            name=text_value(feature, names.county_name) or (previous.name if previous else ""),
            city_code=city,
            city_name=text_value(feature, names.city_name),
            province=text_value(feature, names.province),
            nests=n + (previous.nests if previous else 0),
        )
    return list(by_code.values())


def _report_spread(counties: list[AffectedCounty], city_derived: bool, unassigned: list, feedback: Feedback,
                   nests_name: str, admin_name: str) -> None:
    """Notes for the log: how cities were found, nests outside every unit, nests in several provinces."""
    if city_derived and counties:
        feedback.info(
            Msg(QT_TRANSLATE_NOOP("core", "No city code field: the city of each county is derived from its 6-digit adcode (first 4 digits + 00)."))
        )
    if unassigned:
        feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "{count} nest(s) of '{layer}' lie outside every unit of '{admin}' and are not graded (ids {ids})."),
                count=len(unassigned), layer=nests_name, admin=admin_name,
                ids=", ".join(str(i) for i in unassigned[:20]) + (" …" if len(unassigned) > 20 else ""),
            )
        )
    provinces = {c.province for c in counties if c.province}
    if len(provinces) > 1:
        feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Nests lie in {count} provinces ({provinces}): the county rule of Grade I counts each province on its own.",
                ),
                count=len(provinces), provinces=", ".join(sorted(provinces)),
            )
        )


class OutbreakGradeAlgorithm(RifaAlgorithm):
    NESTS = "NESTS"
    ADMIN = "ADMIN"
    COUNTY_CODE_FIELD = "COUNTY_CODE_FIELD"
    COUNTY_NAME_FIELD = "COUNTY_NAME_FIELD"
    CITY_CODE_FIELD = "CITY_CODE_FIELD"
    CITY_NAME_FIELD = "CITY_NAME_FIELD"
    PROVINCE_FIELD = "PROVINCE_FIELD"
    OVERRIDE_GRADE = "OVERRIDE_GRADE"
    OVERRIDE_REASON = "OVERRIDE_REASON"
    PROFILE = "PROFILE"
    OUTPUT = "OUTPUT"

    group_key = "response"

    def name(self) -> str:
        return "outbreakgrade"

    def displayName(self) -> str:
        return self.tr("Outbreak grade")

    def help_text(self) -> str:
        return self.tr(
            "Decides the outbreak grade (chapter 1, section 4) from the county-level units that hold nests: "
            "Grade III when nests lie in 1 county-level unit (chapter 1, section 4(1)); Grade II in 2 or more "
            "counties (chapter 1, section 4(2)); Grade I in 2 or more prefecture-level cities or in 10 or more "
            "counties of the province (chapter 1, section 4(3)). \"Or more\" includes the number itself "
            "(chapter 7, section 2). Thresholds come from the rule profile.\n\n"
            "The grade decides who activates the plan and who issues the lockdown order (chapter 4); the log "
            "names them.\n\n"
            "ADMIN: county-level units, any CRS (nests in another CRS are reprojected). Without a city code field the "
            "city is derived from 6-digit county adcodes (350304 → 350300). PROVINCE_FIELD: affected counties are "
            "counted per province for the 10-county rule (the plan is a provincial plan); without it the whole layer "
            "counts as one province.\n\n"
            "OVERRIDE_GRADE (0 = none, 1 = II, 2 = I) raises the grade when a higher authority designates it or for "
            "special circumstances; it never lowers it, needs OVERRIDE_REASON (who decided, why) and is recorded.\n\n"
            "Outputs: GRADE (3, 2, 1; 0 when no nest lies in any unit), GRADE_LABEL, RULE (the rule that gave the "
            "grade, with its section), N_COUNTIES, N_CITIES, N_UNASSIGNED (nests outside every unit, also warned) "
            "and the table of affected counties."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.NESTS, self.tr("Nests"), [QgsProcessing.SourceType.TypeVectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ADMIN, self.tr("County-level units (administrative areas)"), [QgsProcessing.SourceType.TypeVectorPolygon]
            )
        )
        fields = (
            (self.COUNTY_CODE_FIELD, self.tr("County code field (adcode)"), False),
            (self.COUNTY_NAME_FIELD, self.tr("County name field"), False),
            (self.CITY_CODE_FIELD, self.tr("City code field (empty: derive from 6-digit county adcodes)"), True),
            (self.CITY_NAME_FIELD, self.tr("City name field"), True),
            (self.PROVINCE_FIELD, self.tr("Province field (10-county rule counted per province)"), True),
        )
        for name, label, optional in fields:
            self.addParameter(QgsProcessingParameterField(name, label, parentLayerParameterName=self.ADMIN, optional=optional))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.OVERRIDE_GRADE,
                self.tr("Raise the grade (designated by a higher authority / special circumstances)"),
                options=[self.tr("none"), "II", "I"],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.OVERRIDE_REASON, self.tr("Reason for raising the grade (who decided it, why)"), optional=True
            )
        )
        self.add_profile_parameter(self.tr("Rule profile (empty: Putian 2006)"))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Affected counties"), QgsProcessing.SourceType.TypeVector)
        )
        for name, label in (("GRADE", self.tr("Grade (3, 2, 1; 0 = no nest in any unit)")),
                            ("N_COUNTIES", self.tr("Affected counties")),
                            ("N_CITIES", self.tr("Affected cities")),
                            ("N_UNASSIGNED", self.tr("Nests outside every unit"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        for name, label in (("GRADE_LABEL", self.tr("Grade label")), ("RULE", self.tr("Rule that gave the grade")),
                            ("RULE_ZH", self.tr("Rule that gave the grade (Chinese)"))):
            self.addOutput(QgsProcessingOutputString(name, label))

    def compute(self, parameters, context, feedback, core_feedback) -> dict:
        inputs = self._read_inputs(parameters, context)
        graded = grade_layers(
            inputs.nests, inputs.admin, inputs.names, inputs.profile, inputs.override, inputs.reason, core_feedback, context,
            nests_name=inputs.nests_name, admin_name=inputs.admin_name,
        )
        result = graded.result
        label = grade_label(inputs.profile, result.grade)
        self._log_grade(inputs.profile, result, label, feedback)
        # outputs last: the table of affected counties
        return {
            self.OUTPUT: self._write_counties(parameters, context, result.counties),
            "GRADE": result.grade,
            "GRADE_LABEL": label,
            "RULE": result.rule["en"],
            "RULE_ZH": result.rule["zh"],
            "N_COUNTIES": result.n_counties,
            "N_CITIES": result.n_cities,
            "N_UNASSIGNED": graded.n_unassigned,
        }

    def _read_inputs(self, parameters, context) -> GradeInputs:
        profile = self.profile_parameter(parameters, context)
        nests = self.parameterAsSource(parameters, self.NESTS, context)
        admin = self.parameterAsSource(parameters, self.ADMIN, context)
        if nests is None or admin is None:
            raise QgsProcessingException(self.tr("Choose the nests layer and the county-level units layer."))
        names = FieldMap(
            *(
                (compat.parameter_as_strings(self, parameters, key, context) or [""])[0]
                for key in (self.COUNTY_CODE_FIELD, self.COUNTY_NAME_FIELD, self.CITY_CODE_FIELD,
                            self.CITY_NAME_FIELD, self.PROVINCE_FIELD)
            )
        )
        return GradeInputs(
            profile, nests, admin, names,
            override=OVERRIDE_CHOICES[self.parameterAsEnum(parameters, self.OVERRIDE_GRADE, context)],
            reason=self.parameterAsString(parameters, self.OVERRIDE_REASON, context),
            nests_name=layer_name(self, parameters, self.NESTS, context),
            admin_name=layer_name(self, parameters, self.ADMIN, context),
        )

    def _log_grade(self, profile: RuleProfile, result: GradeResult, label: str, feedback) -> None:
        """The grade, the rule that gave it, an override and who responds (第四章), for the log."""
        feedback.pushInfo(self.tr("Rule profile: {profile}").format(profile=profile.display_label(current_language())))
        feedback.pushInfo(self.tr("Grade: {label}").format(label=label))
        feedback.pushInfo(result.rule["en"])
        feedback.pushInfo(result.rule["zh"])
        if result.overridden:
            feedback.pushInfo(
                self.tr("Grade raised by override from {computed} (reason: {reason}).").format(
                    computed=grade_label(profile, result.computed_grade), reason=result.override_reason
                )
            )
        if result.grade:
            responders = profile.responders(result.grade)
            feedback.pushInfo(
                self.tr("Plan activated by: {activated}; lockdown order issued by: {order} ({citation}).").format(
                    activated="{zh} / {en}".format(**responders["plan_activated_by"]),
                    order="{zh} / {en}".format(**responders["order_issued_by"]),
                    citation=profile.data["responders"]["citation"],
                )
            )

    def _write_counties(self, parameters, context, counties: list[AffectedCounty]) -> str:
        fields = make_fields(
            (("county_code", compat.STRING), ("county_name", compat.STRING), ("city_code", compat.STRING),
             ("city_name", compat.STRING), ("province", compat.STRING), ("nest_count", compat.INT))
        )
        return self.write_features(
            parameters, self.OUTPUT, context, fields,
            [[county.code, county.name, county.city_code, county.city_name, county.province, county.nests] for county in counties],
        )

    def record_summary(self, results: dict) -> str:
        rule = results["RULE_ZH"] if current_language() == "zh" else results["RULE"]
        return self.tr("{label}: {rule}; {count} nest(s) outside every unit").format(
            label=results["GRADE_LABEL"], rule=rule, count=results["N_UNASSIGNED"]
        )
