"""The one conversion of attribute values (processing/layer_io.py), on real GeoPackage features."""

from __future__ import annotations

import datetime as dt

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorFileWriter, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QDateTime, QTime

from rifa_zoning.processing import compat
from rifa_zoning.processing.layer_io import field_value, is_null, python_value, text_value


def _gpkg_layer(tmp_path) -> QgsVectorLayer:
    memory = QgsVectorLayer("Point?crs=EPSG:4326", "roads", "memory")
    memory.dataProvider().addAttributes([compat.field("name", compat.STRING), compat.field("day", compat.DATE),
                                         compat.field("seen", compat.DATETIME)])
    memory.updateFields()
    full, empty = QgsFeature(memory.fields()), QgsFeature(memory.fields())
    full.setAttributes(["  G324 ", QDate(2024, 3, 5), QDateTime(QDate(2024, 3, 5), QTime(8, 30))])
    empty.setAttributes([None, None, None])
    for feature in (full, empty):
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(119.0, 25.4)))
    assert memory.dataProvider().addFeatures([full, empty])
    path = str(tmp_path / "values.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(memory, path, memory.transformContext(), options)[0]
    assert error == QgsVectorFileWriter.WriterError.NoError
    layer = QgsVectorLayer(path, "values", "ogr")
    assert layer.isValid() and layer.featureCount() == 2
    return layer


def test_values_read_back_as_python(tmp_path):
    layer = _gpkg_layer(tmp_path)
    full, empty = sorted(layer.getFeatures(), key=lambda f: f.id())
    name, day, seen = (layer.fields().lookupField(n) for n in ("name", "day", "seen"))
    assert text_value(full, "name") == "G324"  # stripped
    assert field_value(full, day) == dt.date(2024, 3, 5)
    assert field_value(full, seen) == dt.datetime(2024, 3, 5, 8, 30)
    assert field_value(full, -1, "none") == "none"
    for index in (name, day, seen):
        assert is_null(empty.attributes()[index])
        assert field_value(empty, index) is None and field_value(empty, index, 7) == 7
    assert text_value(empty, "name") == "" and text_value(full, "") == ""
    assert python_value(3.5) == 3.5
