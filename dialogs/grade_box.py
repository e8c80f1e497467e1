"""The dock's group box "Outbreak grade (chapter 1, section 4)": the grade computed from the case's
nests and county-level units, its rule, who responds, the override and the latest zones.

The grade is recomputed whenever the case's layers, fields or override change
(:meth:`GradeBoxMixin.refresh`, debounced while digitizing), with ``rifa:outbreakgrade``'s own
function, so the badge and the algorithm never disagree. A new grade is recorded.

A mixin of :class:`~.response_dock.ResponseDock`: it uses the dock's project state and records.
"""

from __future__ import annotations

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit

from ..core.errors import RifaError
from ..core.grading import ROMAN, grade_label
from ..tools.i18n import message_text, tr
from ..tools.records import RecordsError
from .steps_box import OUTPUT_NAMES, ZONE_TABLES

OVERRIDES = (0, 2, 1)  # combo index -> grade (0 = no override)
BADGE_COLOURS = {0: ("#9e9e9e", "#ffffff"), 3: ("#f9d71c", "#000000"), 2: ("#f57c00", "#ffffff"), 1: ("#c62828", "#ffffff")}
# the county-level units' fields the grade reads (``rifa:outbreakgrade``'s FieldMap, in its order)
FIELD_KEYS = ("county_code", "county_name", "city_code", "city_name", "province")
# zone kind -> its name, translated where shown: the name of its layer
ZONE_NAMES = {kind: OUTPUT_NAMES[table] for kind, table in ZONE_TABLES.items()}


class GradeBoxMixin:
    """The group box \"Outbreak grade\" of the dock."""

    def _build_grade(self) -> QGroupBox:
        grade_box = self._box(tr("Outbreak grade (chapter 1, section 4)"))
        grade_layout = grade_box.layout()
        self.badge = QLabel()
        self.badge.setObjectName("gradeBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.badge.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.badge.setFont(font)
        self.badge.setMinimumHeight(44)
        self.rule_label = QLabel()
        self.counts_label = QLabel()
        self.responders_label = QLabel()
        self.zones_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #b71c1c;")
        for label in (self.rule_label, self.counts_label, self.responders_label, self.zones_label, self.problem_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grade_layout.addWidget(self.badge)
        for label in (self.rule_label, self.counts_label, self.problem_label, self.responders_label, self.zones_label):
            grade_layout.addWidget(label)
        override_row = QHBoxLayout()
        self.override_combo = QComboBox()
        self.override_combo.addItems([tr("no override"), tr("raise to Grade II"), tr("raise to Grade I")])
        self.override_combo.setToolTip(
            tr(
                "Designated by a higher authority or special circumstances (chapter 1, sections 4(2) and 4(3)): "
                "raises, never lowers."
            )
        )
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(tr("who decided it, and why"))
        override_row.addWidget(self.override_combo)
        override_row.addWidget(self.reason_edit, 1)
        grade_layout.addLayout(override_row)
        self.override_combo.currentIndexChanged.connect(self._override_changed)
        self.reason_edit.editingFinished.connect(self._override_changed)
        return grade_box

    def names(self):
        from ..processing.outbreak_grade import FieldMap

        return FieldMap(*(self.field_combos[key].currentField() for key in FIELD_KEYS))

    def _override_changed(self, *args) -> None:
        if self._loading:
            return
        grade = OVERRIDES[self.override_combo.currentIndex()]
        reason = self.reason_edit.text().strip()
        old = (int(self._read("override", "0") or 0), self._read("override_reason"))
        if (grade, reason) == old:
            return
        self._write("override", str(grade))
        self._write("override_reason", reason)
        self.record("grade override", {"override": ROMAN.get(grade, "none"), "reason": reason},
                    tr("override set") if grade else tr("override removed"))
        self.refresh()

    def refresh(self) -> None:
        """Recompute the grade from the layers and redraw everything."""
        self._refresh_timer.stop()
        self.grade_result, problem, n_unassigned = self._compute_grade()
        if n_unassigned:
            outside = tr("{count} nest(s) lie outside every county-level unit and are not graded.").format(
                count=n_unassigned
            )
            problem = tr("{problem} {outside}").format(problem=problem, outside=outside) if problem else outside
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.grade = self.grade_result.grade if self.grade_result else 0
        self.show_grade()
        self.show_zones()
        self.fill_checklist()
        self._record_grade_change()
        self.update_steps()

    def _compute_grade(self) -> tuple:
        """(the grade's result or None, what stands in the way or "", the number of nests outside every unit)."""
        nests, admin = self.nests_combo.currentLayer(), self.admin_combo.currentLayer()
        missing = [role for role in ("county_code", "county_name") if not self.field_combos[role].currentField()]
        if nests is None or admin is None:
            return None, tr("Choose the nests layer and the county-level units layer."), 0
        if missing:
            what = {"county_code": tr("County code (adcode)"), "county_name": tr("County name")}
            return None, tr("Choose the field '{field}' of layer '{layer}': none of its fields ({fields}) looks like one.").format(
                field=what[missing[0]], layer=admin.name(), fields=tr(", ").join(admin.fields().names())
            ), 0
        from ..processing.outbreak_grade import grade_layers

        override = OVERRIDES[self.override_combo.currentIndex()]
        reason = self.reason_edit.text()
        problem = ""
        try:
            try:
                graded = grade_layers(nests, admin, self.names(), self.profile, override, reason,
                                      nests_name=nests.name(), admin_name=admin.name())
            except RifaError as error:
                if not override or reason.strip():
                    raise
                problem = message_text(error.msg)  # override without reason: show the computed grade
                graded = grade_layers(nests, admin, self.names(), self.profile,
                                      nests_name=nests.name(), admin_name=admin.name())
        except RifaError as error:
            return None, message_text(error.msg), 0
        return graded.result, problem, graded.n_unassigned

    def _record_grade_change(self) -> None:
        if self.grade_result is None:
            return
        summary = f"{grade_label(self.profile, self.grade)}: {self.grade_result.rule['en']}"
        if summary == self._read("last_recorded_grade"):
            return
        counties = [f"{c.code} {c.name}" for c in self.grade_result.counties]
        if self.record("grade", {"counties": counties, "profile": self.profile.label}, summary):
            self._write("last_recorded_grade", summary)

    def show_grade(self) -> None:
        result, grade = self.grade_result, self.grade
        background, foreground = BADGE_COLOURS[grade]
        self.badge.setStyleSheet(
            f"QLabel {{ background: {background}; color: {foreground}; border-radius: 6px; padding: 6px; }}"
        )
        if result is None:
            self.badge.setText(tr("Grade: —"))
            for label in (self.rule_label, self.counts_label, self.responders_label):
                label.clear()
            return
        self.badge.setText(self.profile.grade_label(grade)[self.lang] if grade else tr("No grade"))
        self.rule_label.setText(result.rule_text(self.lang))
        self.counts_label.setText(
            tr("{counties} county-level unit(s) in {cities} city(ies); profile {profile}").format(
                counties=result.n_counties, cities=result.n_cities, profile=self.profile.display_label(self.lang)
            )
        )
        if grade == 0:
            self.responders_label.clear()
            return
        responders = self.profile.responders(grade)
        lang = self.lang
        self.responders_label.setText(
            tr("Plan activated by: {activated}\nLockdown order issued by: {order}\nHeadquarters: {hq}  ({citation})").format(
                activated=responders["plan_activated_by"][lang],
                order=responders["order_issued_by"][lang],
                hq=responders["headquarters"][lang],
                citation=self.profile.data["responders"]["citation"],
            )
        )

    def zone_figures(self) -> dict[str, tuple[int, float]]:
        """{zone_type: (number of zones, km²)} of the latest zoning run among the project's layers."""
        features = []
        for layer in self.project.mapLayers().values():
            if not isinstance(layer, QgsVectorLayer):
                continue
            names = set(layer.fields().names())
            if not {"zone_type", "area_km2"} <= names:
                continue
            for feature in layer.getFeatures():
                stamp = feature["computed_at"] if "computed_at" in names else ""
                features.append((str(stamp or ""), str(feature["zone_type"]), float(feature["area_km2"] or 0.0)))
        if not features:
            return {}
        latest = max(stamp for stamp, _, _ in features)
        figures: dict[str, tuple[int, float]] = {}
        for stamp, kind, area in features:
            if stamp == latest:
                count, total = figures.get(kind, (0, 0.0))
                figures[kind] = (count + 1, total + area)
        return figures

    def show_zones(self) -> None:
        figures = self.zone_figures()
        if figures:
            parts = [
                tr("{name}: {count} zone(s), {area:.1f} km²").format(
                    name=tr(ZONE_NAMES.get(kind, kind)), count=count, area=area
                )
                for kind, (count, area) in sorted(figures.items(), key=lambda kv: list(ZONE_NAMES).index(kv[0]) if kv[0] in ZONE_NAMES else 9)
            ]
            self.zones_label.setText(tr("Latest zoning run: {zones}").format(zones=tr("; ").join(parts)))
            return
        log = self.records_log()
        try:
            latest = log.latest("rifa:delineatezones") if log else None
        except RecordsError:
            latest = None
        if latest:
            self.zones_label.setText(tr("Latest zoning run ({time}): {result}").format(time=latest["time"], result=latest["result"]))
        else:
            self.zones_label.setText(tr("No zoning run yet: run zoning (below) to draw the zones."))
