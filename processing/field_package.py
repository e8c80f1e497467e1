"""The field package of ``rifa:surveyplan``: one GeoPackage a field team opens in QField (or QGIS).

Three layers, in WGS 84 (what a phone's GPS gives):

- ``survey_points``: the plan (point_no, zone_type, zone_id, row_no, lon, lat), labelled with
  point_no, read-only in the form;
- ``surveys``: one row per point surveyed: point_no, zone_id, team, survey_date, result
  (positive / negative), nest_count, photo, note;
- ``detections``: one row per nest found: team, found_on, nest_count, photo, note.

The forms (widgets, Chinese aliases and value maps, defaults, constraints) are saved as each
layer's default style in the GeoPackage's ``layer_styles`` table, so QField and QGIS open the
layers with their forms. The form texts are Chinese whatever the interface language: the package
goes to Chinese field teams, like the printed lockdown map.
"""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsEditorWidgetSetup,
    QgsFeature,
    QgsField,
    QgsFieldConstraints,
    QgsPalLayerSettings,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from . import compat

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
RESULT_MAP = [{"阴性(未发现红火蚁)": "negative"}, {"阳性(发现红火蚁)": "positive"}]

# layer -> [(field, type, alias, widget, config)]
_DATE = {"allow_null": True, "calendar_popup": True, "display_format": "yyyy-MM-dd", "field_format": "yyyy-MM-dd", "field_iso_format": False}
_COUNT = {"Min": 0, "Max": 100000, "Step": 1, "Style": "SpinBox", "AllowNull": True}
_PHOTO = {"DocumentViewer": 1, "FileWidget": True, "FileWidgetButton": True, "RelativeStorage": 1, "StorageMode": 0}
_TEXT = {"IsMultiline": False, "UseHtml": False}
_NOTE = {"IsMultiline": True, "UseHtml": False}

# the fields every field record has (a survey and a detection alike)
_TEAM = ("team", compat.STRING, "调查队", "TextEdit", _TEXT)
_FINDINGS = [
    ("nest_count", compat.INT, "蚁巢数", "Range", _COUNT),
    ("photo", compat.STRING, "照片", "ExternalResource", _PHOTO),
    ("note", compat.STRING, "备注", "TextEdit", _NOTE),
]
FORMS = {
    # the planned points, shown read-only
    "survey_points": [
        (field, kind, alias, "TextEdit", _TEXT)
        for field, kind, alias in (
            ("point_no", compat.INT, "调查点编号"), ("zone_type", compat.STRING, "区域类型"), ("zone_id", compat.STRING, "区域编号"),
            ("row_no", compat.INT, "行号"), ("lon", compat.DOUBLE, "经度"), ("lat", compat.DOUBLE, "纬度"),
        )
    ],
    "surveys": [
        ("point_no", compat.INT, "调查点编号", "Range", {**_COUNT, "Min": 1}),
        ("zone_id", compat.STRING, "区域编号", "TextEdit", _TEXT),
        _TEAM,
        ("survey_date", compat.DATE, "调查日期", "DateTime", _DATE),
        ("result", compat.STRING, "调查结果", "ValueMap", {"map": RESULT_MAP}),
        *_FINDINGS,
    ],
    "detections": [_TEAM, ("found_on", compat.DATE, "发现日期", "DateTime", _DATE), *_FINDINGS],
}
TITLES = {"survey_points": "调查点", "surveys": "调查记录", "detections": "疫情发现点"}
DEFAULTS = {"survey_date": "now()", "found_on": "now()", "result": "'negative'", "nest_count": "0"}
REQUIRED = ("survey_date", "found_on", "result", "team")


def _memory_layer(name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer("Point?crs=EPSG:4326", name, "memory")
    layer.dataProvider().addAttributes([QgsField(field, kind) for field, kind, *_ in FORMS[name]])
    layer.updateFields()
    return layer


def _fail(path: str, message: str) -> InputError:
    return InputError(
        Msg(QT_TRANSLATE_NOOP("core", "Cannot write the field package {path}: {error}"), path=path, error=message)
    )


def _style(layer: QgsVectorLayer, name: str) -> None:
    """Widgets, aliases, defaults, constraints (and labels on the plan) as the layer's default style."""
    fields = layer.fields()
    config = layer.editFormConfig()
    for field, _kind, alias, widget, widget_config in FORMS[name]:
        index = fields.indexOf(field)
        layer.setFieldAlias(index, alias)
        layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup(widget, widget_config))
        if name == "survey_points":
            config.setReadOnly(index, True)
            continue
        if field in DEFAULTS:
            layer.setDefaultValueDefinition(index, QgsDefaultValue(DEFAULTS[field]))
        if field in REQUIRED:
            layer.setFieldConstraint(index, QgsFieldConstraints.Constraint.ConstraintNotNull, QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard)
    fid = fields.indexOf("fid")
    if fid >= 0:
        layer.setEditorWidgetSetup(fid, QgsEditorWidgetSetup("Hidden", {}))
    layer.setEditFormConfig(config)
    if name == "survey_points":
        labels = QgsPalLayerSettings()
        labels.fieldName = "point_no"
        labels.placement = QgsPalLayerSettings.Placement.OverPoint
        layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
        layer.setLabelsEnabled(True)
    error = layer.saveStyleToDatabase(name, TITLES[name], True, "")
    if error:
        raise _fail(layer.source(), error)


def write_field_package(path: str, points: list[tuple[QgsFeature, dict]], transform_context) -> None:
    """Write the package to ``path`` (replaced when it exists). ``points``: (feature in WGS 84, attributes)."""
    target = Path(path)
    if target.exists():
        try:
            os.unlink(target)
        except OSError as error:
            raise _fail(path, error.strerror or str(error)) from None
    for index, name in enumerate(("survey_points", "surveys", "detections")):
        memory = _memory_layer(name)
        if name == "survey_points":
            features = []
            for geometry, attributes in points:
                feature = QgsFeature(memory.fields())
                feature.setGeometry(geometry)
                for key, value in attributes.items():
                    feature[key] = value
                features.append(feature)
            memory.dataProvider().addFeatures(features)
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = name
        options.layerOptions = [f"DESCRIPTION={TITLES[name]}"]
        if index:
            options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(memory, str(target), transform_context, options)
        if error != QgsVectorFileWriter.WriterError.NoError:
            raise _fail(path, message)
        layer = QgsVectorLayer(f"{target}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise _fail(path, name)
        _style(layer, name)
