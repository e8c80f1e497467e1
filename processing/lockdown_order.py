"""``rifa:lockdownorder``: the lockdown order (封锁令) as a Word document, from an editable template.

Header (authority, order number, date), the legal basis (the rule profile's citation), each
zone's written boundary from ``rifa:describeboundary`` (:func:`describe_zones`), the checkpoints
table, the profile's measures for the grade (第五章 二), the duration and lifting rule, and the
map as the annex. The template's placeholders are described in ``order_document.py``.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from qgis.core import (
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..paths import PLUGIN_DIR
from .base import RifaAlgorithm
from .describe_boundary import describe_zones
from .docx_report import require_docx

TEMPLATE = PLUGIN_DIR / "resources" / "templates" / "lockdown_order.docx"
MAP_DPI = 150  # a PDF map is embedded as a picture of this resolution
MAX_MAP_PAGES = 20


def chinese_date(text: str) -> str:
    """``2025-04-12`` -> ``2025年4月12日``; other text as it is; empty -> blanks to fill by hand."""
    text = (text or "").strip()
    if not text:
        return "　　　　年　　月　　日"
    try:
        day = datetime.date.fromisoformat(text[:10])
    except ValueError:
        return text
    return f"{day.year}年{day.month}月{day.day}日"


def map_pictures(path: Path, folder: Path) -> list[Path]:
    """The map as PNG pictures: a PNG (or JPEG) as it is; a PDF rendered page by page through
    GDAL's PDF driver (the one QGIS reads geospatial PDFs with)."""
    if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
        if QImage(str(path)).isNull():
            raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The map '{path}' is not a readable picture."),
                                 path=str(path)))
        return [path]
    if path.suffix.lower() != ".pdf":
        raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The map '{path}' must be a PDF or PNG file."), path=str(path)))
    pictures = []
    # GDAL reads these when it opens a file: the resolution of the pages, and no .aux.xml beside the map
    options = {"GDAL_PDF_DPI": str(MAP_DPI), "GDAL_PAM_ENABLED": "NO"}
    previous = {key: os.environ.get(key) for key in options}
    os.environ.update(options)
    try:
        layer = QgsRasterLayer(str(path), "map", "gdal")
        pages = [layer]
        if layer.isValid() and layer.dataProvider().subLayers():  # several pages: PDF:1:…, PDF:2:…
            count = min(len(layer.dataProvider().subLayers()), MAX_MAP_PAGES)
            pages = [QgsRasterLayer(f"PDF:{page}:{path}", "map", "gdal") for page in range(1, count + 1)]
        for number, page in enumerate(pages, start=1):
            if page.isValid():
                picture = folder / f"map_page_{number}.png"
                _render_raster(page, picture)
                pictures.append(picture)
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if not pictures:
        raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The map PDF '{path}' cannot be read (GDAL's PDF driver). "
                                               "Give the PNG preview of rifa:lockdownmap (OUTPUT_PNG) instead."),
                             path=str(path)))
    return pictures


def _render_raster(layer: QgsRasterLayer, path: Path) -> None:
    """The whole raster at its own size, on white."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(layer.width(), layer.height()))
    settings.setBackgroundColor(QColor("white"))
    image = QImage(layer.width(), layer.height(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        job = QgsMapRendererCustomPainterJob(settings, painter)
        job.start()
        job.waitForFinished()
    finally:
        painter.end()
    image.save(str(path), "PNG")


class LockdownOrderAlgorithm(RifaAlgorithm):
    QUARANTINE = "QUARANTINE"
    THREATENED = "THREATENED"
    CHECKPOINTS = "CHECKPOINTS"
    UNITS = "UNITS"
    ROADS = "ROADS"
    BARRIERS = "BARRIERS"
    VILLAGES = "VILLAGES"
    ORDER_NUMBER = "ORDER_NUMBER"
    AUTHORITY = "AUTHORITY"
    ISSUE_DATE = "ISSUE_DATE"
    GRADE = "GRADE"
    PROFILE = "PROFILE"
    MAP = "MAP"
    TEMPLATE = "TEMPLATE"
    OUTPUT = "OUTPUT"

    group_key = "lockdown"

    def name(self) -> str:
        return "lockdownorder"

    def displayName(self) -> str:
        return self.tr("Lockdown order (Word document)")

    def help_text(self) -> str:
        return self.tr(
            "Writes the lockdown order (封锁令, chapter 5, section 2) as a Word document (.docx) that the "
            "bureau edits, signs and stamps: the issuing authority, order number and date; the legal basis "
            "(the rule profile's plan and section); each quarantine zone and threatened zone with its "
            "area and written boundary (east, south, west and north, with coordinates, as Describe the zone "
            "boundary writes it from ROADS, BARRIERS, VILLAGES and UNITS); the affected administrative units; "
            "the table of road checkpoints (number, road, longitude, latitude) from Road checkpoints; the "
            "measures of the profile for the grade; the duration and how the lockdown is lifted (chapter 5, "
            "section 6); and the map (MAP: the PDF or PNG of Lockdown map) as the annex.\n\n"
            "GRADE: the outbreak grade, 3, 2 or 1 (from Outbreak grade). AUTHORITY: empty gives the body "
            "that issues the order for the grade (chapter 4). ISSUE_DATE: YYYY-MM-DD is written 2025年4月12日; "
            "empty leaves blanks to fill in.\n\n"
            "TEMPLATE: a .docx of your own (default resources/templates/lockdown_order.docx); its "
            "placeholders such as {{order_number}}, {{q.description}} (a paragraph repeated per zone) and "
            "{{cp.road}} (a table row repeated per checkpoint) are listed in the README. The order is in "
            "Chinese. Needs the Python package python-docx."
        )

    def initAlgorithm(self, config=None):
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterFeatureSource(self.QUARANTINE, self.tr("Quarantine zones"), polygon))
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.THREATENED, self.tr("Threatened zones"), polygon, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.CHECKPOINTS, self.tr("Checkpoints (from Road checkpoints)"), [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        for name, text, types in (
            (self.UNITS, self.tr("Administrative units"), polygon),
            (self.ROADS, self.tr("Roads"), [QgsProcessing.SourceType.TypeVectorLine]),
        ):
            self.addParameter(QgsProcessingParameterFeatureSource(name, text, types, optional=True))
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.BARRIERS, self.tr("Barriers (rivers, ridges)"), QgsProcessing.SourceType.TypeVectorAnyGeometry, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.VILLAGES, self.tr("Villages"), [QgsProcessing.SourceType.TypeVectorPolygon, QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        for name, text in (
            (self.ORDER_NUMBER, self.tr("Lockdown order number")),
            (self.AUTHORITY, self.tr("Issuing authority")),
            (self.ISSUE_DATE, self.tr("Issue date")),
        ):
            self.addParameter(QgsProcessingParameterString(name, text, optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.GRADE, self.tr("Outbreak grade (3, 2 or 1)"), QgsProcessingParameterNumber.Type.Integer,
                minValue=1, maxValue=3,
            )
        )
        self.add_profile_parameter(self.tr("Rule profile (default: Putian 2006)"))
        self.addParameter(
            QgsProcessingParameterFile(
                self.MAP, self.tr("Map to attach (PDF or PNG of Lockdown map)"), optional=True,
                fileFilter="PDF (*.pdf);;PNG (*.png)",
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.TEMPLATE, self.tr("Order template (.docx, default: the shipped one)"), optional=True,
                fileFilter="Word (*.docx)",
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Lockdown order (.docx)"), "Word (*.docx)")
        )

    def compute(self, parameters, context, feedback, core_feedback):
        docx = require_docx()

        from .order_document import fill_document
        from .sheet_tables import checkpoint_rows

        profile = self.profile_parameter(parameters, context)
        grade = self.parameterAsInt(parameters, self.GRADE, context)
        order = profile.order()
        template = Path(self.parameterAsFile(parameters, self.TEMPLATE, context) or TEMPLATE)
        map_path = self.parameterAsFile(parameters, self.MAP, context)
        output = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        try:
            document = docx.Document(str(template))
        except Exception as error:  # noqa: BLE001 - python-docx raises several kinds for a bad file
            raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The order template '{path}' is not a readable .docx "
                                                   "file: {error}"), path=str(template), error=error)) from None

        quarantine = describe_zones(self, parameters, context, core_feedback.step(0, 40), self.QUARANTINE, "zh", profile)
        threatened = []
        if self.parameterAsSource(parameters, self.THREATENED, context) is not None:
            threatened = describe_zones(self, parameters, context, core_feedback.step(40, 70), self.THREATENED, "zh",
                                        profile)
        checkpoints_layer = self.parameterAsVectorLayer(parameters, self.CHECKPOINTS, context)
        checkpoints = [
            {"number": row["checkpoint_id"], "road": row["road_name"] or row["road_class"], "road_class": row["road_class"],
             "lon": row["lon"], "lat": row["lat"], "zone_id": row["zone_id"]}
            for row in checkpoint_rows(checkpoints_layer, context)
        ]
        units = _unit_names(quarantine) if self.parameterAsSource(parameters, self.UNITS, context) is not None else None

        source = profile.data["source"]
        authority = self.parameterAsString(parameters, self.AUTHORITY, context).strip() or \
            profile.responders(grade)["order_issued_by"]["zh"]
        values = {
            "title": order["title"]["zh"],
            "order_number": self.parameterAsString(parameters, self.ORDER_NUMBER, context).strip() or "〔　　〕　号",
            "authority": authority,
            "issue_date": chinese_date(self.parameterAsString(parameters, self.ISSUE_DATE, context)),
            "grade": profile.grade_label(grade)["zh"],
            "legal_basis": order["legal_basis"]["zh"].format(
                title=source["title"], title_en=source.get("title_en", source["title"]), document=source["document"]
            ),
            "duration": order["duration"]["zh"],
            "lifting": order["lifting"]["zh"],
            "profile": f"{profile.data.get('name_zh') or profile.name}（{profile.document}）",
            "checkpoint_count": len(checkpoints),
            "units": "、".join(units) if units is not None else None,
            "map": "",
        }
        measures = [
            {"number": index, "text": measure["zh"], "citation": measure["citation"]}
            for index, measure in enumerate(profile.order_measures(grade), start=1)
        ]
        lists = {"q": [_zone_fields(z) for z in quarantine], "t": [_zone_fields(z) for z in threatened], "m": measures}

        with tempfile.TemporaryDirectory(prefix="rifa_order_") as folder:
            pictures = map_pictures(Path(map_path), Path(folder)) if map_path else []
            fill_document(document, values, lists, checkpoints, pictures, no_checkpoints="（无）")
            # written beside the output; the run moves it into place once every output is complete
            document.save(self.output_part(self.OUTPUT, output))
        for zone in quarantine:
            core_feedback.info(Msg(QT_TRANSLATE_NOOP("core", "Zone {zone}: {description}"), zone=zone["zone_id"],
                                   description=zone["description"]))
        core_feedback.info(Msg(QT_TRANSLATE_NOOP("core", "Lockdown order written: {path}."), path=str(output)))
        return {self.OUTPUT: str(output)}


def _zone_fields(row: dict) -> dict:
    fields = {
        "zone_id": row["zone_id"],
        "area_km2": f"{row['area_km2']:.1f}",
        "perimeter_km": f"{row['perimeter_km']:.1f}",
        "description": row["description"],
        "units": "、".join(row.get("units", [])),
    }
    fields.update(row["clauses"])
    return fields


def _unit_names(zones: list[dict]) -> list[str]:
    names: list[str] = []
    for zone in zones:
        for name in zone["units"]:
            if name not in names:
                names.append(name)
    return names
