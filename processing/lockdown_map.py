"""``rifa:lockdownmap``: the zone map printed with the lockdown order (封锁令附图), as PDF.

A real QGIS print layout loaded from ``resources/layouts/lockdown_map*.qpt`` (a bureau can edit
them; see ``layout_template.py`` for the item ids), filled with the zones, nests, checkpoints and
administrative units of a run, and exported. Runs in the main thread (``FlagNoThreading``):
layout rendering and export are not safe in Processing's background thread, and headless
``qgis_process`` runs it the same way. Everything is drawn in a temporary project, never in the
user's.

This module holds the parameters and the run, in three steps: :meth:`LockdownMapAlgorithm.read_inputs`
(the parameters read and checked into :class:`MapInputs`), :func:`fill_sheet` (the layout filled)
and :meth:`LockdownMapAlgorithm.write` (the PDF and PNG). The sheet is made by

- ``sheet_texts.py``: the words printed, in the sheet's language; the notes (CRS, sources, profile);
- ``sheet_fonts.py``: a Chinese font that exists here, for every text;
- ``sheet_layers.py``: the styled copies of the input layers, and the map's CRS;
- ``sheet_tables.py``: the rows of the checkpoint and affected-unit tables;
- ``sheet_layout.py``: the template loaded (A3, language) and its map, grid, scale bar and legend filled;
- ``sheet_panel.py``: the side panel: room for the legend, the tables, continuation pages;
- ``sheet_export.py``: the PDF with real text and the PNG preview;
- and ``layout_template.py`` (the template as code), ``sheet_style.py`` (how layers and tables
  read), ``pdf_text.py`` (the PDF's text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsLayoutExporter,
    QgsPrintLayout,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsVectorLayer,
)

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..core.profile import RuleProfile
from ..tools.i18n import SheetLanguage, sheet_language
from .barrier_params import barrier_kind
from .base import RifaAlgorithm
from .layer_io import field_name, require_features
from .outputs import check_writable
from .pdf_text import prefer_no_shaping
from .sheet_export import export_pdf, export_png
from .sheet_fonts import apply_fonts, cjk_family
from .sheet_layers import draw_layers, map_crs
from .sheet_layout import fill_map, set_texts, sheet_layout
from .sheet_panel import legend_room, make_room_for_legend, paginate, shown_tables
from .sheet_style import group_close_checkpoints, wrap_tables
from .sheet_tables import UNIT_ID_FIELDS, UNIT_NAME_FIELDS, affected_unit_rows, checkpoint_rows
from .sheet_texts import SHEET_LANGUAGE_NAMES, SHEET_LANGUAGES, crs_note, default_title, profile_note, source_note

PAPERS = ["A4", "A3"]
ORIENTATIONS = ["landscape", "portrait"]
TEXT_KEYS = ("title", "order_number", "authority", "issue_date", "grade")  # the sheet's header texts


@dataclass
class MapInputs:
    """What one run prints: its parameters read and checked (:meth:`LockdownMapAlgorithm.read_inputs`)."""

    layers: dict[str, QgsVectorLayer]  # kind (quarantine, always; threatened, occurrence, nests, ...) -> layer
    barriers: list[QgsVectorLayer]
    villages: QgsVectorLayer | None
    unit_id_field: str  # of the units layer ("" without one)
    unit_name_field: str
    texts: dict[str, str]  # TEXT_KEYS -> the text ("" when not given); the title in the sheet's language
    paper: str
    orientation: str
    profile: RuleProfile
    sheet: SheetLanguage
    pdf_path: Path
    png_path: Path | None


@dataclass
class PreparedSheet:
    layout: QgsPrintLayout
    project: QgsProject  # the layout's project: kept alive with it
    pdf_path: Path
    png_path: Path | None


class LockdownMapAlgorithm(RifaAlgorithm):
    QUARANTINE = "QUARANTINE"
    THREATENED = "THREATENED"
    OCCURRENCE = "OCCURRENCE"
    NESTS = "NESTS"
    CHECKPOINTS = "CHECKPOINTS"
    UNITS = "UNITS"
    BARRIERS = "BARRIERS"
    ROADS = "ROADS"
    VILLAGES = "VILLAGES"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    UNIT_NAME_FIELD = "UNIT_NAME_FIELD"
    TITLE = "TITLE"
    ORDER_NUMBER = "ORDER_NUMBER"
    AUTHORITY = "AUTHORITY"
    ISSUE_DATE = "ISSUE_DATE"
    GRADE = "GRADE"
    PAPER = "PAPER"
    ORIENTATION = "ORIENTATION"
    PROFILE = "PROFILE"
    LANGUAGE = "LANGUAGE"
    OUTPUT = "OUTPUT"
    OUTPUT_PNG = "OUTPUT_PNG"
    PAGES = "PAGES"  # output: the number of pages of the PDF
    # kind on the sheet -> the parameter of its layer (only QUARANTINE is required)
    LAYER_KINDS = {
        "quarantine": QUARANTINE,
        "threatened": THREATENED,
        "occurrence": OCCURRENCE,
        "nests": NESTS,
        "checkpoints": CHECKPOINTS,
        "units": UNITS,
        "roads": ROADS,
    }
    TEXT_PARAMETERS = dict(zip(TEXT_KEYS, (TITLE, ORDER_NUMBER, AUTHORITY, ISSUE_DATE, GRADE)))

    group_key = "lockdown"

    def flags(self):
        # layouts render and export safely only in the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def name(self) -> str:
        return "lockdownmap"

    def displayName(self) -> str:
        return self.tr("Lockdown map (PDF)")

    def help_text(self) -> str:
        return self.tr(
            "Prints the zone map annexed to the lockdown order (chapter 5, section 2): the quarantine "
            "zone (orange) with, when given, the occurrence areas (red), threatened zones (yellow), "
            "nests, numbered road checkpoints, administrative boundaries, and the rivers and ridges "
            "(BARRIERS) and roads (ROADS) that explain where the zones stop and where guards stand; "
            "title, order number, "
            "issuing authority, date and outbreak grade; legend, scale bar, north arrow, "
            "longitude/latitude grid, CRS and data sources, the rule profile cited; the table of "
            "checkpoints and the table of affected units (from the zones and UNITS), continued on "
            "further pages when long. The legend shows only what the map shows; the side panel makes "
            "room for it (the tables get shorter and continue on further pages).\n\n"
            "BARRIERS: rivers are drawn blue, ridges brown dashed, known from the layer's name (or its "
            "table's) or from a field such as 'kind' or 'type'; other barriers get one barrier style.\n\n"
            "PAPER: 0 = A4, 1 = A3. ORIENTATION: 0 = landscape, 1 = portrait. The layout comes from "
            "resources/layouts/lockdown_map.qpt (landscape) or lockdown_map_portrait.qpt, A4; A3 "
            "enlarges every item in proportion. A bureau can edit these templates in the layout "
            "designer; items are found by their id.\n\n"
            "The map is drawn in the quarantine layer's CRS when it is projected, otherwise in the "
            "UTM zone of the zones. Chinese text uses Noto Sans CJK SC (Debian fonts-noto-cjk) or "
            "another Chinese font found on the system, embedded in the PDF. The PDF is written "
            "only when complete. OUTPUT_PNG (optional) is a preview of the first page.\n\n"
            "LANGUAGE: the language of the sheet, 0 = Chinese (default, the language of the lockdown "
            "order), 1 = English; it does not follow the language of the interface. Texts a bureau has "
            "changed in the template are printed as they are."
        )

    def initAlgorithm(self, config=None):
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        point = [QgsProcessing.SourceType.TypeVectorPoint]
        for name, text, types in (
            (self.QUARANTINE, self.tr("Quarantine zones"), polygon),
            (self.THREATENED, self.tr("Threatened zones"), polygon),
            (self.OCCURRENCE, self.tr("Occurrence areas"), polygon),
            (self.NESTS, self.tr("Nests"), point),
            (self.CHECKPOINTS, self.tr("Checkpoints (from Road checkpoints)"), point),
            (self.UNITS, self.tr("Administrative units"), polygon),
        ):
            self.addParameter(QgsProcessingParameterVectorLayer(name, text, types, optional=name != self.QUARANTINE))
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.BARRIERS, self.tr("Barriers shown on the map (rivers, ridges)"),
                QgsProcessing.SourceType.TypeVectorAnyGeometry, optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.ROADS, self.tr("Roads shown on the map"), [QgsProcessing.SourceType.TypeVectorLine], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.VILLAGES, self.tr("Villages shown on the map (names drawn)"),
                [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint], optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.UNIT_ID_FIELD, self.tr("Unit id field (default: guessed)"), parentLayerParameterName=self.UNITS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.UNIT_NAME_FIELD, self.tr("Unit name field (default: guessed)"),
                parentLayerParameterName=self.UNITS, optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterString(self.TITLE, self.tr("Title"), defaultValue=default_title()))
        for name, text in (
            (self.ORDER_NUMBER, self.tr("Lockdown order number")),
            (self.AUTHORITY, self.tr("Issuing authority")),
            (self.ISSUE_DATE, self.tr("Issue date")),
            (self.GRADE, self.tr("Outbreak grade")),
        ):
            self.addParameter(QgsProcessingParameterString(name, text, optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.PAPER, self.tr("Paper"), PAPERS, defaultValue=0))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.ORIENTATION, self.tr("Orientation"), [self.tr("landscape"), self.tr("portrait")], defaultValue=0
            )
        )
        self.add_profile_parameter(self.tr("Rule profile (default: Putian 2006)"))
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Sheet language"), SHEET_LANGUAGE_NAMES, defaultValue=0
            )
        )
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Map (PDF)"), "PDF (*.pdf)"))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_PNG, self.tr("Preview (PNG, first page)"), "PNG (*.png)", optional=True,
                createByDefault=False,
            )
        )

    # -- running: read, fill, write
    def compute(self, parameters, context, feedback, core_feedback):
        sheet = self.prepare(parameters, context, core_feedback)
        pages = self.write(sheet)
        core_feedback.progress(100)
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "Map written: {path} ({pages} page(s))."),
                path=str(sheet.pdf_path), pages=pages,
            )
        )
        png = str(sheet.png_path) if sheet.png_path else None
        return {self.OUTPUT: str(sheet.pdf_path), self.OUTPUT_PNG: png, self.PAGES: pages}

    def prepare(self, parameters, context, core_feedback) -> PreparedSheet:
        """The filled layout, ready to export (and to inspect: tests check where its items are)."""
        return fill_sheet(self.read_inputs(parameters, context, core_feedback), context, core_feedback)

    def read_inputs(self, parameters, context, core_feedback) -> MapInputs:
        """The parameters, checked: layers with a CRS, a quarantine layer with features, outputs that
        can be written."""
        from .geometry_io import require_crs  # needs shapely: imported when running

        layers = {kind: self.parameterAsVectorLayer(parameters, name, context) for kind, name in self.LAYER_KINDS.items()}
        layers = {k: v for k, v in layers.items() if v is not None}
        quarantine = layers.get("quarantine")
        if quarantine is None:
            raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The quarantine zone layer is required.")))
        barriers = self.parameterAsLayerList(parameters, self.BARRIERS, context) or []
        for barrier in barriers:
            barrier_kind(barrier)
        for layer in [*layers.values(), *barriers]:
            require_crs(layer.crs(), layer.name())
        require_features(quarantine, quarantine.name())
        pdf_path = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        png_text = self.parameterAsFileOutput(parameters, self.OUTPUT_PNG, context)
        png_path = Path(png_text) if png_text else None
        for name, path in ((self.OUTPUT, pdf_path), (self.OUTPUT_PNG, png_path)):
            if path is not None:
                check_writable(str(path), self.parameterDefinition(name).description())
        profile = self.profile_parameter(parameters, context)
        sheet = self._sheet_language(parameters, context, core_feedback)
        texts = {key: self.parameterAsString(parameters, name, context) for key, name in self.TEXT_PARAMETERS.items()}
        if not texts["title"] or texts["title"] == default_title():  # the default title follows the sheet language
            texts["title"] = default_title(sheet.language)
        units = layers.get("units")
        unit_id_field = unit_name_field = ""
        if units is not None:
            unit_id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) or field_name(
                units.fields(), *UNIT_ID_FIELDS
            )
            unit_name_field = self.parameterAsString(parameters, self.UNIT_NAME_FIELD, context) or field_name(
                units.fields(), *UNIT_NAME_FIELDS
            )
        villages = self.parameterAsVectorLayer(parameters, self.VILLAGES, context)
        if villages is not None:
            require_crs(villages.crs(), villages.name())
        return MapInputs(
            layers=layers, barriers=barriers, villages=villages, unit_id_field=unit_id_field,
            unit_name_field=unit_name_field, texts=texts,
            paper=PAPERS[self.parameterAsEnum(parameters, self.PAPER, context)],
            orientation=ORIENTATIONS[self.parameterAsEnum(parameters, self.ORIENTATION, context)],
            profile=profile, sheet=sheet, pdf_path=pdf_path, png_path=png_path,
        )

    def _sheet_language(self, parameters, context, core_feedback) -> SheetLanguage:
        language = SHEET_LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        sheet = sheet_language(language)
        if not sheet.complete:
            core_feedback.warn(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core",
                        "No translation file for the sheet language {language} (i18n/rifa_zoning_{language}.qm; "
                        "run 'make translations'): the sheet texts are printed in English.",
                    ),
                    language=language,
                )
            )
        return sheet

    def write(self, sheet: PreparedSheet) -> int:
        """The PDF (and PNG) written to their parts beside the targets; the run moves them into place
        when they are complete (``StagedOutputs``). Returns the number of pages."""
        exporter = QgsLayoutExporter(sheet.layout)
        export_pdf(exporter, self.output_part(self.OUTPUT, sheet.pdf_path), sheet.pdf_path)
        if sheet.png_path is not None:
            export_png(exporter, self.output_part(self.OUTPUT_PNG, sheet.png_path), sheet.png_path)
        return sheet.layout.pageCollection().pageCount()


def fill_sheet(inputs: MapInputs, context, core_feedback) -> PreparedSheet:
    """The layout of ``inputs`` filled: the layers drawn in a project of its own, the template's
    texts, map and tables, the side panel laid out and continued on further pages."""
    sheet, layers = inputs.sheet, inputs.layers
    font_family = cjk_family()
    if not font_family:
        core_feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core",
                    "No Chinese font found: Chinese text may print as boxes. Install Noto Sans CJK SC "
                    "(Debian: fonts-noto-cjk).",
                )
            )
        )
    units = layers.get("units")
    unit_rows = []  # the table of affected units, computed here from the zones and UNITS
    if units is not None:
        unit_rows = affected_unit_rows(
            layers, units, inputs.unit_id_field, inputs.unit_name_field, context, core_feedback, sheet
        )
    core_feedback.progress(20)

    project = QgsProject()
    crs = map_crs(layers["quarantine"], context)
    project.setCrs(crs)
    drawn = draw_layers(project, inputs, font_family, sheet)
    layout, items = sheet_layout(project, inputs.orientation, inputs.paper, core_feedback, sheet)
    legend_box = legend_room(items)
    checkpoints = checkpoint_rows(layers.get("checkpoints"), context)
    set_texts(layout, items, inputs.texts, {
        "checkpoint_count": str(len(checkpoints)),
        "unit_count": str(len(unit_rows)),
        "crs_note": crs_note(sheet, crs),
        "source_note": source_note(layers, sheet, inputs.barriers),
        "profile_note": profile_note(sheet, inputs.profile),
    })
    fill_map(items, layers, drawn, crs, context)
    group_close_checkpoints(drawn.get("checkpoints"), items["map"])
    tables = shown_tables(items, (
        ("checkpoint_caption", "checkpoint_table", checkpoints, "checkpoints" in layers),
        ("units_caption", "units_table", unit_rows, units is not None),
    ))
    apply_fonts(layout, font_family)
    wrap_tables(layout, tables)
    prefer_no_shaping(layout, drawn.values())  # digits keep their characters in the PDF (pdf_text.py)
    make_room_for_legend(layout, items, legend_box)
    paginate(layout, tables, inputs.texts["title"], font_family, items, sheet)
    core_feedback.progress(50)
    return PreparedSheet(layout, project, inputs.pdf_path, inputs.png_path)
