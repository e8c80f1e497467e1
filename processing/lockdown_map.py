"""``rifa:lockdownmap``: the zone map printed with the lockdown order (封锁令附图), as PDF.

A real QGIS print layout loaded from ``resources/layouts/lockdown_map*.qpt`` (a bureau can edit
them; see ``layout_template.py`` for the item ids), filled with the zones, nests, checkpoints and
administrative units of a run, and exported. Runs in the main thread (``FlagNoThreading``):
layout rendering and export are not safe in Processing's background thread, and headless
``qgis_process`` runs it the same way. Everything is drawn in a temporary project, never in the
user's.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import shutil
from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemTextTable,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendStyle,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QFont, QFontDatabase, QImage, QPainter
from qgis.PyQt.QtWidgets import QStyleOptionGraphicsItem
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..core.profile import load_profile
from ..paths import version as _metadata_version
from ..tools.i18n import sheet_language
from . import compat
from .affected_units import equal_area_frame, read_units, read_zone_areas
from .barrier_params import barrier_kind
from .base import RifaAlgorithm
from .layer_io import field_value, find_field, require_features
from .layout_template import FONT_FAMILY, NORTH_ARROW, TEMPLATE_LANGUAGE, TEMPLATES, build_layout, localize_layout
from .outputs import check_writable
from .pdf_text import fix_radicals, prefer_no_shaping
from .sheet_style import (
    add_villages,
    emphasise_labels,
    group_close_checkpoints,
    plain_scalebar,
    plain_zone_legends,
    wrap_tables,
)
from .styles import (
    BELOW_MINIMUM,
    MEETS_RULE,
    OCCURRENCE_POINT,
    label_barriers,
    relabel_rules,
    style_barriers,
    style_layer,
    style_roads,
)

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
PAPERS = ["A4", "A3"]
ORIENTATIONS = ["landscape", "portrait"]
A4 = (297.0, 210.0)  # landscape, mm
# LANGUAGE enum index -> sheet language; the options are language names in their own language
SHEET_LANGUAGES = ["zh_CN", "en"]
SHEET_LANGUAGE_NAMES = ["中文", "English"]
TITLE_SOURCE = QT_TRANSLATE_NOOP("LockdownSheet", "Lockdown map of the red imported fire ant quarantine zone")
CJK_FALLBACKS = (
    FONT_FAMILY, "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "SimHei",
    "PingFang SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans SC", "SimSun",
)

# Words printed on the sheet, in the sheet's language (LANGUAGE; default Chinese, the language of
# the lockdown order the map is annexed to), translated by tools.i18n.SheetLanguage.
SHEET = {
    "occurrence": QT_TRANSLATE_NOOP("LockdownSheet", "Occurrence area"),
    "quarantine": QT_TRANSLATE_NOOP("LockdownSheet", "Quarantine zone"),
    "threatened": QT_TRANSLATE_NOOP("LockdownSheet", "Threatened zone"),
    "nests": QT_TRANSLATE_NOOP("LockdownSheet", "Nests"),
    "checkpoints": QT_TRANSLATE_NOOP("LockdownSheet", "Road entrance checkpoints"),
    "units": QT_TRANSLATE_NOOP("LockdownSheet", "Administrative boundaries"),
    "roads": QT_TRANSLATE_NOOP("LockdownSheet", "Roads"),
    "villages": QT_TRANSLATE_NOOP("LockdownSheet", "Villages"),
    "river": QT_TRANSLATE_NOOP("LockdownSheet", "River (barrier)"),
    "ridge": QT_TRANSLATE_NOOP("LockdownSheet", "Ridge (barrier)"),
    "barrier": QT_TRANSLATE_NOOP("LockdownSheet", "Natural barrier"),
    "barriers": QT_TRANSLATE_NOOP("LockdownSheet", "Natural barriers"),
    "meets_rule": QT_TRANSLATE_NOOP("LockdownSheet", "meets the {n}-point rule"),
    "below_minimum": QT_TRANSLATE_NOOP("LockdownSheet", "fewer than {n} occurrence points"),
    "occurrence_point": QT_TRANSLATE_NOOP("LockdownSheet", "Occurrence point"),
    "continued": QT_TRANSLATE_NOOP("LockdownSheet", "{title} (continued)"),
    "crs": QT_TRANSLATE_NOOP("LockdownSheet", "CRS: {crs}; graticule: WGS 84"),
    "sources": QT_TRANSLATE_NOOP("LockdownSheet", "Data sources: {sources}"),
    "source": QT_TRANSLATE_NOOP("LockdownSheet", "{name} ({crs})"),
    "separator": QT_TRANSLATE_NOOP("LockdownSheet", "; "),
    "with_note": QT_TRANSLATE_NOOP("LockdownSheet", "{text}. {note}"),
    "gcj02": QT_TRANSLATE_NOOP(
        "LockdownSheet",
        "The administrative boundaries are sample data (GCJ-02 coordinates, off by several hundred metres, "
        "for illustration only)",
    ),
    "result": QT_TRANSLATE_NOOP("LockdownSheet", "computed result"),
    "profile": QT_TRANSLATE_NOOP(
        "LockdownSheet", "Delineated under: {profile}. Internal working map. Made with RIFA Zoning {version}, {date}"
    ),
}
ZONE_WORDS = {k: SHEET[k] for k in ("occurrence", "quarantine", "threatened")}


def default_title(language: str = TEMPLATE_LANGUAGE) -> str:
    """The title printed when TITLE is left empty (or at the Chinese default) in ``language``."""
    return sheet_language(language).tr(TITLE_SOURCE)

UNIT_NAME_FIELDS = ("unit_name", "name", "county_name", "town_name", "village_name", "xzqmc", "名称", "NAME")
BARRIER_NAME_FIELDS = ("name", "名称", "river_name", "ridge_name", "NAME")
UNIT_ID_FIELDS = ("unit_id", "adcode", "county_code", "town_code", "village_code", "code", "xzqdm")
CONTINUATION_MARGIN = 10.0  # mm around the tables of continuation pages
PANEL_GAP = 2.0  # mm between the legend and the caption under it
MIN_TABLE_HEIGHT = 14.0  # mm: a table on the first page keeps its heading and a few rows
# the side-panel items that make room for the legend (moved down; tables made shorter)
PANEL_ITEMS = ("checkpoint_caption", "checkpoint_table", "units_caption", "units_table", "crs_note", "source_note",
               "profile_note")


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
        self.addParameter(QgsProcessingParameterVectorLayer(self.QUARANTINE, self.tr("Quarantine zones"), polygon))
        for name, text, types in (
            (self.THREATENED, self.tr("Threatened zones"), polygon),
            (self.OCCURRENCE, self.tr("Occurrence areas"), polygon),
            (self.NESTS, self.tr("Nests"), [QgsProcessing.SourceType.TypeVectorPoint]),
            (self.CHECKPOINTS, self.tr("Checkpoints (from Road checkpoints)"), [QgsProcessing.SourceType.TypeVectorPoint]),
            (self.UNITS, self.tr("Administrative units"), polygon),
        ):
            self.addParameter(QgsProcessingParameterVectorLayer(name, text, types, optional=True))
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
        self.addParameter(
            QgsProcessingParameterFile(
                self.PROFILE, self.tr("Rule profile (default: Putian 2006)"), extension="json", optional=True
            )
        )
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

    # -- running
    def compute(self, parameters, context, feedback, core_feedback):
        sheet = self.prepare(parameters, context, core_feedback)
        pages = self._export(sheet.layout, sheet.pdf_path, sheet.png_path)
        core_feedback.progress(100)
        core_feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "Map written: {path} ({pages} page(s))."),
                path=str(sheet.pdf_path), pages=pages,
            )
        )
        png = str(sheet.png_path) if sheet.png_path else None
        return {self.OUTPUT: str(sheet.pdf_path), self.OUTPUT_PNG: png, "PAGES": pages}

    def prepare(self, parameters, context, core_feedback) -> PreparedSheet:
        """The filled layout, ready to export (and to inspect: tests check where its items are)."""
        from .geometry_io import require_crs  # needs shapely: imported when running

        layers = {
            kind: self.parameterAsVectorLayer(parameters, name, context)
            for kind, name in (
                ("quarantine", self.QUARANTINE),
                ("threatened", self.THREATENED),
                ("occurrence", self.OCCURRENCE),
                ("nests", self.NESTS),
                ("checkpoints", self.CHECKPOINTS),
                ("units", self.UNITS),
            )
        }
        layers = {k: v for k, v in layers.items() if v is not None}
        quarantine = layers.get("quarantine")
        if quarantine is None:
            raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The quarantine zone layer is required.")))
        roads = self.parameterAsVectorLayer(parameters, self.ROADS, context)
        if roads is not None:
            layers["roads"] = roads
        barriers = self.parameterAsLayerList(parameters, self.BARRIERS, context) or []
        for barrier in barriers:
            barrier_kind(barrier)
        for layer in [*layers.values(), *barriers]:
            require_crs(layer.crs(), layer.name())
        require_features(quarantine, quarantine.name())
        paper = PAPERS[self.parameterAsEnum(parameters, self.PAPER, context)]
        orientation = ORIENTATIONS[self.parameterAsEnum(parameters, self.ORIENTATION, context)]
        pdf_path = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        png_text = self.parameterAsFileOutput(parameters, self.OUTPUT_PNG, context)
        png_path = Path(png_text) if png_text else None
        for name, path in ((self.OUTPUT, pdf_path), (self.OUTPUT_PNG, png_path)):
            if path is not None:
                check_writable(str(path), self.parameterDefinition(name).description())
        profile_path = self.parameterAsFile(parameters, self.PROFILE, context)
        profile = load_profile(profile_path or None)
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
        title = self.parameterAsString(parameters, self.TITLE, context)
        if not title or title == default_title():  # the default title follows the sheet language
            title = default_title(language)
        texts = {
            "title": title,
            "order_number": self.parameterAsString(parameters, self.ORDER_NUMBER, context),
            "authority": self.parameterAsString(parameters, self.AUTHORITY, context),
            "issue_date": self.parameterAsString(parameters, self.ISSUE_DATE, context),
            "grade": self.parameterAsString(parameters, self.GRADE, context),
        }
        font_family = _cjk_family()
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

        # the table of affected units (computed here from the zones and UNITS)
        unit_rows = []
        units_layer = layers.get("units")
        unit_name_field = ""
        if units_layer is not None:
            unit_id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) or _guess(
                units_layer, UNIT_ID_FIELDS
            )
            unit_name_field = self.parameterAsString(parameters, self.UNIT_NAME_FIELD, context) or _guess(
                units_layer, UNIT_NAME_FIELDS
            )
            unit_rows = self._affected(
                layers, units_layer, unit_id_field, unit_name_field, context, core_feedback, sheet
            )
        core_feedback.progress(20)

        project = QgsProject()
        map_crs = _map_crs(quarantine, context)
        project.setCrs(map_crs)
        drawn = self._add_layers(project, layers, barriers, font_family, unit_name_field, sheet, profile)
        villages = self.parameterAsVectorLayer(parameters, self.VILLAGES, context)
        if villages is not None:
            require_crs(villages.crs(), villages.name())
            drawn = add_villages(project, drawn, villages, sheet.tr(SHEET["villages"]), font_family)
        emphasise_labels(drawn)
        plain_zone_legends(drawn)
        layout = _load_layout(project, orientation, core_feedback, sheet)
        if paper == "A3":
            _scale_layout(layout, math.sqrt(2.0), paper, orientation)
        items = {item_id: layout.itemById(item_id) for item_id in _ITEM_TYPES}
        for item_id, item in list(items.items()):
            if item is not None and not isinstance(item, _ITEM_TYPES[item_id]):
                items[item_id] = None
        # the legend's box in the template: the room the designer gave it (it resizes to its content)
        legend_box = items["legend"].sceneBoundingRect() if items.get("legend") is not None else None
        missing = [i for i, item in items.items() if item is None and i in ("map",)]
        if missing:
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "The layout template has no map item with id '{id}'."), id=missing[0])
            )

        checkpoint_rows = _checkpoint_rows(layers.get("checkpoints"), context)
        variables = {
            "rifa_" + key: value for key, value in texts.items()
        }
        variables.update(
            {
                "rifa_checkpoint_count": str(len(checkpoint_rows)),
                "rifa_unit_count": str(len(unit_rows)),
                "rifa_crs_note": sheet.tr(SHEET["crs"]).format(crs=f"{map_crs.description()} ({map_crs.authid()})"),
                "rifa_source_note": _source_note(layers, sheet, barriers),
                "rifa_profile_note": sheet.tr(SHEET["profile"]).format(
                    profile=profile.display_label(sheet.language), version=_metadata_version(), date=datetime.date.today().isoformat()
                ),
            }
        )
        for name, value in variables.items():
            QgsExpressionContextUtils.setLayoutVariable(layout, name, value)
        for item_id in ("order_number", "authority", "issue_date", "grade"):
            if items.get(item_id) is not None and not texts[item_id]:
                items[item_id].setVisibility(False)

        self._fill_map(items, layers, drawn, map_crs, context)
        group_close_checkpoints(drawn.get("checkpoints"), items["map"])
        tables = []
        for caption, frame_id, rows, given in (
            ("checkpoint_caption", "checkpoint_table", checkpoint_rows, "checkpoints" in layers),
            ("units_caption", "units_table", unit_rows, units_layer is not None),
        ):
            frame = items.get(frame_id)
            table = frame.multiFrame() if frame is not None else None
            if not isinstance(table, QgsLayoutItemTextTable):
                continue
            if not given:  # nothing to list: no empty table on the sheet
                for item in (frame, items.get(caption)):
                    if item is not None:
                        item.setVisibility(False)
                continue
            tables.append((table, frame, rows))
        _apply_fonts(layout, font_family)
        wrap_tables(layout, tables)
        prefer_no_shaping(layout, drawn.values())  # digits keep their characters in the PDF (pdf_text.py)
        _make_room_for_legend(layout, items, legend_box)
        _paginate(layout, tables, texts["title"], font_family, items, sheet)
        core_feedback.progress(50)
        return PreparedSheet(layout, project, pdf_path, png_path)

    def _affected(self, layers, units_layer, id_field, name_field, context, core_feedback, sheet) -> list[dict]:
        import shapely

        from ..core.affected import affected_units

        quarantine = layers["quarantine"]
        frame = equal_area_frame(quarantine.crs(), quarantine.extent(), quarantine.name(), context)
        zones = []
        for kind in ("occurrence", "quarantine", "threatened"):
            layer = layers.get(kind)
            if layer is not None:
                zones.extend(read_zone_areas(layer, frame, layer.name(), core_feedback, context, kind))
        if not zones:
            return []
        xmin, ymin, xmax, ymax = shapely.total_bounds([z.geometry for z in zones])
        units = read_units(
            units_layer, frame, units_layer.name(), core_feedback, context, id_field, name_field,
            QgsRectangle(xmin, ymin, xmax, ymax),
        )
        rows = []
        for row in affected_units(zones, units, core_feedback):
            zone_type = str(row.zone.zone_type or "")
            zone_word = sheet.tr(ZONE_WORDS[zone_type.lower()]) if zone_type.lower() in ZONE_WORDS else zone_type
            rows.append(
                {
                    "unit_name": row.unit.name,
                    "unit_id": "" if row.unit.unit_id is None else str(row.unit.unit_id),
                    "zone": f"{zone_word} {row.zone.zone_id}".strip(),
                    "zone_type": zone_word,
                    "zone_id": str(row.zone.zone_id),
                    "area_km2": f"{row.area_km2:.2f}",
                    "share_pct": f"{row.share_pct:.1f}",
                }
            )
        return rows

    def _add_layers(self, project, layers, barriers, font_family, unit_name_field, sheet, profile) -> dict:
        """Copies of the input layers, styled, in a temporary project (the legend follows its tree).

        Barriers and roads lie under the zones: their outlines stay on top, and the rivers and
        roads show through the semi-transparent fills."""
        drawn = {}
        root = project.layerTreeRoot()
        points = profile.min_points("quarantine")
        # legend and drawing order: top first
        for kind in ("checkpoints", "nests", "occurrence", "quarantine", "threatened", "roads", "barriers", "units"):
            sources = barriers if kind == "barriers" else [layers[kind]] if kind in layers else []
            for index, source in enumerate(sources):
                copy = source.materialize(QgsFeatureRequest())
                copy.setCustomProperty("rifa/source", source.id())  # the layout added to a project shows the source
                copy.setName(sheet.tr(SHEET[kind]) if kind != "barriers" else source.name())
                if kind == "barriers":
                    names = {k: sheet.tr(SHEET[k]) for k in ("river", "ridge", "barrier")}
                    barrier = style_barriers(copy, names, source)
                    copy.setName(names.get(barrier, sheet.tr(SHEET["barriers"])))
                    name_field = _guess(copy, BARRIER_NAME_FIELDS)
                    if name_field:
                        label_barriers(copy, name_field, barrier, font_family)
                elif kind == "roads":
                    style_roads(copy)
                else:
                    label_field = {"checkpoints": "checkpoint_id", "units": unit_name_field}.get(kind, "")
                    style_layer(copy, kind, font_family, label_field)
                    n = profile.min_points(kind) if kind in ("occurrence", "quarantine") else points
                    relabel_rules(copy, {  # the QML rule labels, in the sheet's language
                        MEETS_RULE: sheet.tr(SHEET["meets_rule"]).format(n=n),
                        BELOW_MINIMUM: sheet.tr(SHEET["below_minimum"]).format(n=n),
                        OCCURRENCE_POINT: sheet.tr(SHEET["occurrence_point"]),
                    })
                project.addMapLayer(copy, False)
                root.addLayer(copy)
                drawn[kind if kind != "barriers" else f"barriers{index}"] = copy
        return drawn

    def _fill_map(self, items, layers, drawn, map_crs, context) -> None:
        map_item: QgsLayoutItemMap = items["map"]
        map_item.setCrs(map_crs)
        map_item.setLayers(list(drawn.values()))
        map_item.setKeepLayerSet(True)
        extent = compat.null_rectangle()
        for kind in ("quarantine", "threatened", "occurrence"):
            layer = layers.get(kind)
            if layer is not None and layer.featureCount() > 0:
                transform = QgsCoordinateTransform(layer.crs(), map_crs, context.transformContext())
                extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
        extent.scale(1.1)  # a margin around the zones
        map_item.setExtent(_fit_ratio(extent, map_item.rect().width() / map_item.rect().height()))
        grid = map_item.grid()
        grid.setEnabled(True)
        grid.setCrs(WGS84)
        to_wgs = QgsCoordinateTransform(map_crs, WGS84, context.transformContext())
        geo = to_wgs.transformBoundingBox(map_item.extent())
        interval = _nice_interval(max(geo.width(), geo.height()) / 4.0)
        grid.setIntervalX(interval)
        grid.setIntervalY(interval)
        grid.setAnnotationFormat(
            QgsLayoutItemMapGrid.AnnotationFormat.DegreeMinute if interval >= 1 / 60 else QgsLayoutItemMapGrid.AnnotationFormat.DegreeMinuteSecond
        )
        north = items.get("north_arrow")
        if north is not None:
            if not Path(north.picturePath()).is_file():
                north.setPicturePath(str(NORTH_ARROW))
            north.setLinkedMap(map_item)
            north.setBackgroundEnabled(True)  # stays readable over labels
        scalebar = items.get("scalebar")
        if scalebar is not None:
            scalebar.setLinkedMap(map_item)
            scalebar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
            scalebar.setUnitLabel("km")
            # two segments of a round length, the bar about a fifth of the map's width
            # (the item's own width follows its content, so it cannot be the reference)
            map_width_km = map_item.extent().width() * QgsUnitTypes.fromUnitToUnitFactor(
                map_crs.mapUnits(), QgsUnitTypes.DistanceUnit.DistanceKilometers
            )
            segment = _nice_length(map_width_km * 0.1)
            scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed)
            scalebar.setNumberOfSegments(2)
            scalebar.setNumberOfSegmentsLeft(0)
            scalebar.setUnitsPerSegment(segment)
            # QGIS 3.22 sizes the bar in map units and divides the labels by this factor
            scalebar.setMapUnitsPerScaleBarUnit(1.0)
            plain_scalebar(scalebar)
            scalebar.update()
        legend = items.get("legend")
        if legend is not None:
            legend.setLinkedMap(map_item)
            legend.setAutoUpdateModel(True)
            # only what the map shows (no "fewer than 3 points" entry when every zone meets the rule)
            legend.setLegendFilterByMapEnabled(True)
            legend.updateFilterByMap(False)
            legend.adjustBoxSize()

    def _export(self, layout, pdf_path: Path, png_path: Path | None) -> int:
        """The PDF (and PNG) written to their parts beside the targets; the run moves them into place
        when they are complete (``StagedOutputs``)."""
        exporter = QgsLayoutExporter(layout)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 300
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # real text: searchable, copyable
        pdf_part = self.output_part(self.OUTPUT, pdf_path)
        _exported(exporter.exportToPdf(pdf_part, settings), exporter, pdf_path)
        fix_radicals(Path(pdf_part), [f for f in (_cjk_family(), FONT_FAMILY) if f])  # 火, not the radical ⽕
        if png_path is not None:
            image = QgsLayoutExporter.ImageExportSettings()
            image.dpi = 100
            image.pages = [0]
            with _quiet_gdal():  # see _quiet_gdal: a GDAL error about a PNG that loses nothing
                exported = exporter.exportToImage(self.output_part(self.OUTPUT_PNG, png_path), image)
            _exported(exported, exporter, png_path)
        return layout.pageCollection().pageCount()


_EXPORT_ERRORS = {
    QgsLayoutExporter.ExportResult.FileError: QT_TRANSLATE_NOOP("core", "the file could not be written"),
    QgsLayoutExporter.ExportResult.MemoryError: QT_TRANSLATE_NOOP("core", "not enough memory"),
    QgsLayoutExporter.ExportResult.PrintError: QT_TRANSLATE_NOOP("core", "the PDF could not be made"),
    QgsLayoutExporter.ExportResult.SvgLayerError: QT_TRANSLATE_NOOP("core", "a layer could not be drawn"),
    QgsLayoutExporter.ExportResult.IteratorError: QT_TRANSLATE_NOOP("core", "the pages could not be made"),
    QgsLayoutExporter.ExportResult.Canceled: QT_TRANSLATE_NOOP("core", "canceled"),
}


def _exported(result, exporter: QgsLayoutExporter, path: Path) -> None:
    """Raise InputError naming ``path`` unless the export succeeded. (``errorMessage()`` does not
    exist in QGIS 3.22; ``errorFile()`` and the result code say what failed.)"""
    if result == QgsLayoutExporter.ExportResult.Success:
        return
    problem = _EXPORT_ERRORS.get(result, QT_TRANSLATE_NOOP("core", "the file could not be written"))
    free = None
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        pass
    raise InputError(
        Msg(
            QT_TRANSLATE_NOOP("core", "Could not write the map to '{path}': {error}{space}. Nothing was replaced."),
            path=str(path),
            error=Msg(problem),
            space=Msg(QT_TRANSLATE_NOOP("core", " (no space left on the device)")) if free is not None and free < 1024 * 1024 else "",
        )
    )


@contextlib.contextmanager
def _quiet_gdal():
    """GDAL's own error printing off for one export.

    ``QgsLayoutExporter.exportToImage`` georeferences the page of the layout's reference map by
    opening the written image for update through GDAL. GDAL's PNG driver cannot update, so every
    map printed "ERROR 6: The PNG driver does not support update access to existing datasets." on
    stderr, which users read as a failure. Nothing is lost (a PNG holds no georeference; the
    export's own result is still checked)."""
    try:
        from osgeo import gdal
    except ImportError:  # GDAL's Python bindings are optional: the message then stays
        yield
        return
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()


_ITEM_TYPES = {
    "title": QgsLayoutItemLabel,
    "order_number": QgsLayoutItemLabel,
    "authority": QgsLayoutItemLabel,
    "issue_date": QgsLayoutItemLabel,
    "grade": QgsLayoutItemLabel,
    "checkpoint_caption": QgsLayoutItemLabel,
    "units_caption": QgsLayoutItemLabel,
    "crs_note": QgsLayoutItemLabel,
    "source_note": QgsLayoutItemLabel,
    "profile_note": QgsLayoutItemLabel,
    "map": QgsLayoutItemMap,
    "legend": QgsLayoutItemLegend,
    "scalebar": QgsLayoutItemScaleBar,
    "north_arrow": QgsLayoutItemPicture,
    "checkpoint_table": QgsLayoutFrame,
    "units_table": QgsLayoutFrame,
}


def _guess(layer, candidates) -> str:
    index = find_field(layer.fields(), *candidates)
    return layer.fields().at(index).name() if index >= 0 else ""


def _map_crs(layer, context) -> QgsCoordinateReferenceSystem:
    """The layer's CRS when projected, otherwise the WGS 84 UTM zone of its centre."""
    crs = layer.crs()
    if not crs.isGeographic():
        return crs
    centre = QgsCoordinateTransform(crs, WGS84, context.transformContext()).transform(layer.extent().center())
    zone = int((centre.x() + 180) // 6) + 1
    return QgsCoordinateReferenceSystem(f"EPSG:{32600 + zone if centre.y() >= 0 else 32700 + zone}")


def _fit_ratio(extent: QgsRectangle, ratio: float) -> QgsRectangle:
    """The smallest rectangle with width/height ``ratio`` centred on ``extent`` and containing it
    (the map frame keeps its size; a template's stored extent is not relied on)."""
    width, height = extent.width(), extent.height()
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre = extent.center()
    return QgsRectangle(centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2)


def _nice_length(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at most ``raw`` (scale bar segments)."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return max(step * power for step in (1, 2, 5) if step * power <= raw)


def _nice_interval(raw: float) -> float:
    """A grid interval in degrees from 1, 2, 5, 10, 15, 30 minutes or seconds... near ``raw``."""
    steps = [s / 3600 for s in (1, 2, 5, 10, 15, 30)] + [m / 60 for m in (1, 2, 5, 10, 15, 30)] + [1, 2, 5, 10]
    return min(steps, key=lambda s: abs(math.log(s / raw)) if raw > 0 else s)


def _source_note(layers, sheet, barriers=()) -> str:
    """Files (or "results" for layers in memory) with their CRS, each named once."""
    parts: list[str] = []
    gcj02 = False
    kinds = ("occurrence", "quarantine", "threatened", "nests", "checkpoints", "units", "roads")
    for kind, layer in [(kind, layers.get(kind)) for kind in kinds] + [("barriers", b) for b in barriers]:
        if layer is None:
            continue
        source = layer.source().split("|")[0]
        name = Path(source).name if layer.providerType() == "ogr" else sheet.tr(SHEET["result"])
        text = sheet.tr(SHEET["source"]).format(name=name, crs=layer.crs().authid() or layer.crs().description())
        if text not in parts:
            parts.append(text)
        # the shared Fujian counties and the sample data derived from them are GCJ-02 (Amap)
        if kind == "units" and ("fujian_counties" in source or "GCJ-02" in layer.metadata().abstract()):
            gcj02 = True
    text = sheet.tr(SHEET["sources"]).format(sources=sheet.tr(SHEET["separator"]).join(parts))
    if gcj02:
        text = sheet.tr(SHEET["with_note"]).format(text=text, note=sheet.tr(SHEET["gcj02"]))
    return text


def _checkpoint_rows(layer, context) -> list[dict]:
    if layer is None:
        return []
    fields = layer.fields().names()
    to_wgs = QgsCoordinateTransform(layer.crs(), WGS84, context.transformContext())
    rows = []
    for number, feature in enumerate(layer.getFeatures(), start=1):
        def value(name, default="", feature=feature):
            return field_value(feature, feature.fields().lookupField(name) if name in fields else -1, default)

        if "lon" in fields and "lat" in fields and value("lon", None) is not None:
            lon, lat = float(value("lon")), float(value("lat"))
        else:
            point = to_wgs.transform(feature.geometry().centroid().asPoint())
            lon, lat = point.x(), point.y()
        rows.append(
            {
                "checkpoint_id": value("checkpoint_id", number),
                "road_name": value("road_name"),
                "road_class": value("road_class"),
                "zone_id": value("zone_id"),
                "lon": f"{lon:.5f}",
                "lat": f"{lat:.5f}",
            }
        )
    rows.sort(key=lambda r: (0, float(r["checkpoint_id"])) if _is_number(r["checkpoint_id"]) else (1, str(r["checkpoint_id"])))
    return rows


def _is_number(value) -> bool:
    try:
        float(value)
        return True
    except (TypeError, ValueError):
        return False


def _load_layout(project, orientation: str, core_feedback, sheet) -> QgsPrintLayout:
    """The layout from the orientation's template; the built-in one when the template is unusable.
    Its texts in the sheet's language."""
    path = TEMPLATES[orientation]
    layout = QgsPrintLayout(project)
    document = QDomDocument()
    ok = False
    if path.is_file():
        ok = document.setContent(path.read_text(encoding="utf-8"))
        if ok:
            context = QgsReadWriteContext()
            context.setPathResolver(QgsPathResolver(str(path)))
            _, ok = layout.loadFromTemplate(document, context)
    if not ok:
        core_feedback.warn(
            Msg(
                QT_TRANSLATE_NOOP("core", "Layout template '{path}' is missing or unreadable: using the built-in layout."),
                path=str(path),
            )
        )
        return build_layout(project, orientation, sheet)
    localize_layout(layout, sheet)
    return layout


def _scale_layout(layout, factor: float, paper: str, orientation: str) -> None:
    """Enlarge every item and the page by ``factor`` (A4 -> A3 keeps the proportions)."""
    collection = layout.pageCollection()
    for index in range(collection.pageCount()):
        collection.page(index).setPageSize(
            paper, QgsLayoutItemPage.Orientation.Landscape if orientation == "landscape" else QgsLayoutItemPage.Orientation.Portrait
        )
    for item in layout.items():
        if not hasattr(item, "positionWithUnits") or isinstance(item, QgsLayoutItemPage):
            continue
        if item.parentGroup() is not None:
            continue
        page = item.page()
        position = item.pagePositionWithUnits()
        size = item.sizeWithUnits()
        item.attemptResize(QgsLayoutSize(size.width() * factor, size.height() * factor, size.units()))
        item.attemptMove(
            QgsLayoutPoint(position.x() * factor, position.y() * factor, position.units()), True, False, page
        )


def _cjk_family() -> str:
    families = set(QFontDatabase().families())
    return next((f for f in CJK_FALLBACKS if f in families), "")


def _apply_fonts(layout, family: str) -> None:
    """Give every text of the layout a font that exists here (the template's, else a CJK fallback)."""
    if not family:
        return
    families = set(QFontDatabase().families())

    def fixed(font: QFont) -> QFont:
        if font.family() not in families:
            font = QFont(font)
            font.setFamily(family)
        return font

    def fixed_format(fmt):
        fmt.setFont(fixed(fmt.font()))
        return fmt

    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            compat.set_label_font(item, fixed(compat.label_font(item)))
        elif isinstance(item, QgsLayoutItemLegend):
            for style in (QgsLegendStyle.Style.Title, QgsLegendStyle.Style.Group, QgsLegendStyle.Style.Subgroup,
                          QgsLegendStyle.Style.SymbolLabel):
                compat.set_legend_style_font(item, style, fixed(compat.legend_style_font(item, style)))
        elif isinstance(item, QgsLayoutItemScaleBar):
            item.setTextFormat(fixed_format(item.textFormat()))
        elif isinstance(item, QgsLayoutItemMap):
            for grid in item.grids().asList():
                grid.setAnnotationTextFormat(fixed_format(grid.annotationTextFormat()))
    for multi in layout.multiFrames():
        if isinstance(multi, QgsLayoutItemTextTable):
            multi.setHeaderTextFormat(fixed_format(multi.headerTextFormat()))
            multi.setContentTextFormat(fixed_format(multi.contentTextFormat()))


def _table_contents(table: QgsLayoutItemTextTable, rows: list[dict]) -> list[list[str]]:
    keys = [column.attribute() for column in table.columns()]
    return [["" if row.get(key) is None else str(row.get(key, "")) for key in keys] for row in rows]


def _rows_shown(layout, table, frame_index: int) -> int:
    """Index after the last row QGIS draws in frame ``frame_index`` (its own flow computation)."""
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    return table.rowRange(context, frame_index)[1]


def _shrink_to_content(layout, table, frame, count: int) -> float:
    """Shrink the table's only frame to what its rows need; returns the height saved (mm)."""
    height = frame.rect().height()
    if count == 0 or table.frameCount() != 1 or _rows_shown(layout, table, 0) < count:
        return 0.0
    low, high = 0.0, height
    while high - low > 0.5:
        middle = (low + high) / 2
        frame.attemptResize(QgsLayoutSize(frame.rect().width(), middle))
        if _rows_shown(layout, table, 0) >= count:
            high = middle
        else:
            low = middle
    frame.attemptResize(QgsLayoutSize(frame.rect().width(), high + 0.5))
    return height - high - 0.5


def _make_room_for_legend(layout, items: dict, box) -> None:
    """Keep the legend clear of the side panel under it.

    The legend resizes to its content, which may outgrow the box of the template (``box``, its
    scene rectangle there). First it tries two columns when they fit the box's width; then the
    panel items under the legend's box (captions, tables, notes in its column) move down by what
    the legend still overflows, and the tables get that much shorter (down to
    MIN_TABLE_HEIGHT; their rows continue on added pages), so the column keeps its bottom.
    """
    legend = items.get("legend")
    if legend is None or box is None or not legend.isVisible():
        return
    _fit_legend_to_content(legend)
    if legend.sceneBoundingRect().height() > box.height() and legend.columnCount() < 2:
        legend.setColumnCount(2)
        legend.setSplitLayer(True)
        _fit_legend_to_content(legend)
        if legend.sceneBoundingRect().width() > box.width() + 0.5:  # too wide for its place: one column
            legend.setColumnCount(1)
            _fit_legend_to_content(legend)
    rect = legend.sceneBoundingRect()
    followers = []
    for item_id in PANEL_ITEMS:
        item = items.get(item_id)
        if item is None or not item.isVisible() or item.page() != legend.page():
            continue
        other = item.sceneBoundingRect()
        if other.top() >= box.top() + 1.0 and other.left() < rect.right() and rect.left() < other.right():
            followers.append(item)
    if not followers:
        return
    followers.sort(key=lambda item: item.sceneBoundingRect().top())
    overflow = rect.bottom() + PANEL_GAP - followers[0].sceneBoundingRect().top()
    tables = [item for item in followers if isinstance(item, QgsLayoutFrame)]
    if abs(overflow) < 0.1 or not tables:
        return
    if overflow > 0:  # every table gives its share of what the legend needs
        spare = {item: max(0.0, item.rect().height() - MIN_TABLE_HEIGHT) for item in tables}
        total = sum(spare.values())
        change = {item: -(min(overflow, total) * spare[item] / total if total > 0 else 0.0) for item in tables}
    else:  # a legend shorter than its box leaves the room to the first table
        change = {tables[0]: -overflow}
    shift = overflow
    for item in followers:
        position = item.pagePositionWithUnits()
        item.attemptMove(QgsLayoutPoint(position.x(), position.y() + shift, position.units()), True, False, item.page())
        if change.get(item):
            size = item.sizeWithUnits()
            item.attemptResize(QgsLayoutSize(size.width(), size.height() + change[item], size.units()))
            shift += change[item]


def _fit_legend_to_content(legend) -> None:
    """Resize the legend to its content now. QGIS 3.22 sizes a legend only once it has been
    painted (``adjustBoxSize`` does nothing before: it needs the paint device's dpi), so paint it
    once on a small image at print resolution; this also applies the filter by map content (on
    3.40 in a background task: waited for here)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(300 / 0.0254))
    image.setDotsPerMeterY(round(300 / 0.0254))
    painter = QPainter(image)
    try:
        legend.paint(painter, QStyleOptionGraphicsItem(), None)
    finally:
        painter.end()
    compat.finish_legend_filter(legend)
    legend.adjustBoxSize()


def _below(upper, lower) -> bool:
    """``lower`` sits under ``upper`` in the same column of the same page."""
    a, b = upper.sceneBoundingRect(), lower.sceneBoundingRect()
    return b.top() >= a.bottom() - 1.0 and b.left() < a.right() and a.left() < b.right()


def _paginate(layout, tables, title: str, family: str, items: dict, sheet) -> None:
    """Fill the tables; close up the side panel; continue long tables on added pages.

    Continuation pages hold the checkpoints in the left half and the units in the right half,
    under a heading "<title>（续表）". QGIS itself says how many rows each frame shows.
    """
    collection = layout.pageCollection()
    page_size = collection.page(0).pageSize()
    width, height = page_size.width(), page_size.height()
    top = CONTINUATION_MARGIN + 8.0
    column_width = (width - 2 * CONTINUATION_MARGIN - 6.0) / 2.0
    continued_height = height - top - CONTINUATION_MARGIN
    for table, _frame, rows in tables:
        table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
        table.setContents(_table_contents(table, rows))
        table.refresh()
    # a short checkpoint list leaves its space to the units table below it
    if len(tables) == 2:
        (first, first_frame, first_rows), (second, second_frame, _) = tables
        caption = items.get("units_caption")
        if _below(first_frame, second_frame):
            saved = _shrink_to_content(layout, first, first_frame, len(first_rows))
            if saved > 0:
                for item in (caption, second_frame):
                    if item is not None and _below(first_frame, item):
                        position = item.pagePositionWithUnits()
                        item.attemptMove(
                            QgsLayoutPoint(position.x(), position.y() - saved, position.units()), True, False, item.page()
                        )
                second_frame.attemptResize(
                    QgsLayoutSize(second_frame.rect().width(), second_frame.rect().height() + saved)
                )
    first_new = collection.pageCount()
    for index, (table, _frame, rows) in enumerate(tables):
        page = first_new
        while rows and _rows_shown(layout, table, table.frameCount() - 1) < len(rows):
            if page >= collection.pageCount():
                _add_continuation_page(layout, width, height, sheet.tr(SHEET["continued"]).format(title=title), family)
            frame = QgsLayoutFrame(layout, table)
            layout.addLayoutItem(frame)
            frame.attemptResize(QgsLayoutSize(column_width, continued_height))
            x = CONTINUATION_MARGIN + (column_width + 6.0) * min(index, 1)
            frame.attemptMove(QgsLayoutPoint(x, top), True, False, page)
            table.addFrame(frame)
            table.refresh()
            page += 1


def _add_continuation_page(layout, width: float, height: float, heading_text: str, family: str) -> None:
    collection = layout.pageCollection()
    page = QgsLayoutItemPage(layout)
    page.setPageSize(QgsLayoutSize(width, height))
    collection.addPage(page)
    heading = QgsLayoutItemLabel(layout)
    heading.setText(heading_text)
    font = QFont(family or FONT_FAMILY)
    font.setPointSizeF(11)
    font.setBold(True)
    compat.set_label_font(heading, font)
    layout.addLayoutItem(heading)
    heading.attemptResize(QgsLayoutSize(width - 2 * CONTINUATION_MARGIN, 7))
    heading.attemptMove(
        QgsLayoutPoint(CONTINUATION_MARGIN, CONTINUATION_MARGIN), True, False, collection.pageCount() - 1
    )
