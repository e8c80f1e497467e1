"""The case GeoPackage: the table ``zone_versions`` (see ``core/case.py`` for what a version is).

The case can be the records GeoPackage or a file of its own. ``zone_versions`` is a polygon
table (MultiPolygon, in the CRS of the first declaration) with ``zone_type``, ``zone_id``,
``version``, ``valid_from``, ``valid_to``, ``order_number``, ``note``, ``change`` (new, revised,
unchanged, lifted), ``area_km2``, ``added_km2``, ``removed_km2`` (true ground km²) and
``declared_at`` (when it was recorded). SQLite triggers keep the versions as declared: no row
can be deleted, and an update may only set the ``valid_to`` of an open version. A declaration
is written in one transaction: all of it or nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsFeatureRequest, QgsGeometry, QgsVectorLayer

from ..core.case import ZoneVersion
from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg, RifaError
from .layer_io import is_null, python_value

TABLE = "zone_versions"
TEXT_FIELDS = ("zone_type", "zone_id", "order_number", "note", "change", "declared_at")
COLUMNS = (
    ("zone_type", "text"), ("zone_id", "text"), ("version", "int"), ("valid_from", "date"), ("valid_to", "date"),
    ("order_number", "text"), ("note", "text"), ("change", "text"), ("area_km2", "real"), ("added_km2", "real"),
    ("removed_km2", "real"), ("declared_at", "text"),
)
_IMMUTABLE = [name for name, _ in COLUMNS if name != "valid_to"]


def _date(value) -> dt.date | None:
    if is_null(value):
        return None
    if hasattr(value, "toPyDate"):
        return value.toPyDate()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return dt.date.fromisoformat(text[:10]) if text else None


def _value(value, empty, kind):
    return empty if is_null(value) else kind(value)


class CaseStore:
    """The versions of one case GeoPackage; for a PostgreSQL store value (``service=…``, a QGIS
    connection name) a ``PostgresCaseStore`` (``processing/case_store_postgres.py``)."""

    def __new__(cls, path=None, *args, **kwargs):
        if cls is CaseStore and path is not None:
            from ..tools.store_postgres import is_postgres

            if is_postgres(path):
                from .case_store_postgres import PostgresCaseStore

                return super().__new__(PostgresCaseStore)
        return super().__new__(cls)

    def __init__(self, path: str):
        self.path = str(path)

    def _error(self, error) -> RifaError:
        return RifaError(
            Msg(QT_TRANSLATE_NOOP("core", "Cannot write the case GeoPackage {path}: {error}"), path=self.path, error=str(error))
        )

    def has_versions(self) -> bool:
        if not Path(self.path).is_file():
            return False
        try:
            connection = sqlite3.connect(self.path, timeout=1.0)
            try:
                row = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLE,)).fetchone()
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "The case {path} is not a GeoPackage ({error})."), path=self.path, error=str(error))
            ) from None
        return row is not None

    def layer(self) -> QgsVectorLayer:
        layer = QgsVectorLayer(f"{self.path}|layername={TABLE}", TABLE, "ogr")
        if not layer.isValid():
            raise InputError(
                Msg(QT_TRANSLATE_NOOP("core", "Cannot open the table {table} of the case {path}."), table=TABLE, path=self.path)
            )
        return layer

    def crs(self) -> QgsCoordinateReferenceSystem | None:
        return self.layer().crs() if self.has_versions() else None

    def read(self, frame=None, context=None) -> list[ZoneVersion]:
        """Every stored version; geometries in ``frame`` (a ``WorkingFrame``), or none without one."""
        if not self.has_versions():
            return []
        from .geometry_io import shapely_from_wkb

        layer = self.layer()
        transform = frame.transform_from(layer.crs(), context) if frame is not None else None
        versions, wkbs = [], []
        request = QgsFeatureRequest()
        if frame is None:
            request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
        for feature in layer.getFeatures(request):
            geometry = QgsGeometry(feature.geometry())
            if frame is not None and not geometry.isNull() and not geometry.isEmpty():
                geometry.transform(transform)
                wkbs.append(bytes(geometry.asWkb()))
            else:
                wkbs.append(None)
            text = {name: _value(feature[name], "", str) for name in TEXT_FIELDS}
            number = {name: _value(feature[name], 0.0, float) for name in ("area_km2", "added_km2", "removed_km2")}
            versions.append(
                ZoneVersion(
                    text["zone_type"], text["zone_id"], int(feature["version"]), _date(feature["valid_from"]),
                    _date(feature["valid_to"]), text["order_number"], text["note"], text["change"],
                    number["area_km2"], number["added_km2"], number["removed_km2"], None, feature.id(),
                )
            )
        present = [i for i, wkb in enumerate(wkbs) if wkb is not None]
        if present:
            geometries = shapely_from_wkb([wkbs[i] for i in present])
            for i, geometry in zip(present, geometries):
                versions[i] = ZoneVersion(**{**versions[i].__dict__, "geometry": geometry})
        return versions

    def write(self, declaration, store_crs: QgsCoordinateReferenceSystem, frame, declared_at: str, context=None) -> None:
        """Close the versions of ``declaration.closed`` and append ``declaration.new``, in one transaction."""
        from osgeo import gdal, ogr, osr

        from .geometry_io import shapely_to_qgs

        transform = frame.transform_to(store_crs, context)
        gdal.UseExceptions()
        try:
            if Path(self.path).is_file():
                dataset = ogr.Open(self.path, update=1)
                if dataset is None or dataset.GetDriver().GetName() != "GPKG":
                    raise InputError(Msg(QT_TRANSLATE_NOOP("core", "The case {path} is not a GeoPackage ({error})."), path=self.path, error="GDAL"))
            else:
                dataset = ogr.GetDriverByName("GPKG").CreateDataSource(self.path)
            layer = dataset.GetLayerByName(TABLE)
            created = layer is None
            if created:
                srs = osr.SpatialReference()
                srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
                if store_crs.authid().upper().startswith("EPSG:"):
                    srs.ImportFromEPSG(int(store_crs.authid().split(":")[1]))
                else:
                    srs.ImportFromWkt(store_crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED_GDAL))
                layer = dataset.CreateLayer(
                    TABLE, srs, ogr.wkbMultiPolygon, options=["DESCRIPTION=RIFA zone versions 疫区版本", "GEOMETRY_NAME=geom"]
                )
                kinds = {"text": ogr.OFTString, "int": ogr.OFTInteger, "date": ogr.OFTDate, "real": ogr.OFTReal}
                for name, kind in COLUMNS:
                    layer.CreateField(ogr.FieldDefn(name, kinds[kind]))
            dataset.StartTransaction()
            try:
                for version in declaration.closed:
                    dataset.ExecuteSQL(
                        f"UPDATE {TABLE} SET valid_to = '{version.valid_to.isoformat()}' WHERE fid = {int(version.key)}"
                    )
                definition = layer.GetLayerDefn()
                for version in declaration.new:
                    feature = ogr.Feature(definition)
                    for name, _kind in COLUMNS:
                        value = getattr(version, name, None) if name != "declared_at" else declared_at
                        if isinstance(value, dt.date):
                            feature.SetField(name, value.year, value.month, value.day, 0, 0, 0, 0)
                        elif value is not None:
                            feature.SetField(name, round(value, 6) if isinstance(value, float) else value)
                    if version.geometry is not None:
                        qgs = shapely_to_qgs(version.geometry, transform)
                        geometry = ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(bytes(qgs.asWkb())))
                        feature.SetGeometry(geometry)
                    layer.CreateFeature(feature)
                dataset.CommitTransaction()
            except Exception:
                dataset.RollbackTransaction()
                raise
            dataset = None
        except RuntimeError as error:
            raise self._error(error) from None
        finally:
            gdal.DontUseExceptions()
        if created:
            self._protect()

    def _protect(self) -> None:
        """Triggers: no deletes; an update only sets the ``valid_to`` of an open version."""
        same = " AND ".join(f"NEW.{name} IS OLD.{name}" for name in _IMMUTABLE + ["geom"])
        try:
            connection = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
            try:
                connection.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
                    f"BEGIN SELECT RAISE(ABORT, 'zone versions are never deleted'); END"
                )
                connection.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_close_only BEFORE UPDATE ON {TABLE} "
                    f"WHEN NOT (OLD.valid_to IS NULL AND NEW.valid_to IS NOT NULL AND NEW.fid IS OLD.fid AND {same}) "
                    f"BEGIN SELECT RAISE(ABORT, 'zone versions are never rewritten: only valid_to of an open version is set'); END"
                )
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise self._error(error) from None


# -- what the case algorithms share


def date_parameter(algorithm, parameters, name: str, context) -> dt.date:
    """A date parameter as a ``datetime.date`` (today when left out)."""
    value = parameters.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(
                Msg(
                    QT_TRANSLATE_NOOP("core", "The parameter {parameter} is not a date: '{value}' (expected e.g. 2024-06-30)."),
                    parameter=name,
                    value=value,
                )
            ) from None
    stamp = algorithm.parameterAsDateTime(parameters, name, context)
    return stamp.date().toPyDate()


def case_path(algorithm, parameters, name: str, context, must_exist: bool) -> str:
    """The case GeoPackage path; with ``must_exist`` it must hold zone versions already."""
    path = algorithm.parameterAsFile(parameters, name, context)
    if not path:
        raise InputError(Msg(QT_TRANSLATE_NOOP("core", "Choose the case GeoPackage (parameter {parameter})."), parameter=name))
    if must_exist and not CaseStore(path).has_versions():
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP(
                    "core", "The case {path} holds no zone versions yet: declare the zones first (rifa:declarezones)."
                ),
                path=path,
            )
        )
    return path


def read_dated_points(
    source, frame, layer_name: str, field: str, feedback, context, only_negative: bool = False, village_field: str = ""
) -> list:
    """``core.case.Dated`` points of a layer, with their date from ``field`` (one per part of a multipoint).

    A feature without a readable date stops the run, naming it: an undated detection could be the
    latest one. With ``only_negative`` and a ``result`` field, only rows whose result is
    ``negative`` are kept (the field package's survey layer). ``result`` and ``village`` (from
    ``village_field``) are copied when the layer has them.
    """
    import shapely

    from ..core.case import Dated
    from ..core.occurrence import parse_date
    from .geometry_io import read_features
    from .layer_io import find_field

    fields = source.fields()
    index = fields.lookupField(field) if field else -1
    if index < 0:
        raise InputError(
            Msg(QT_TRANSLATE_NOOP("core", "Layer '{layer}' has no date field '{field}'."), layer=layer_name, field=field or "")
        )
    result_index = find_field(fields, "result")
    village_index = fields.lookupField(village_field) if village_field else -1
    points, skipped = [], 0
    for item in read_features(source, frame, layer_name, feedback, context):
        value = item.feature.attributes()[index]
        result = _value(item.feature.attributes()[result_index], "", str).strip().lower() if result_index >= 0 else ""
        village = _value(item.feature.attributes()[village_index], "", str).strip() if village_index >= 0 else ""
        if only_negative and result_index >= 0 and result != "negative":
            skipped += 1
            continue
        value = python_value(value)
        try:
            day = parse_date(value)
        except (ValueError, TypeError, OverflowError):
            day = None
        if day is None:
            raise InputError(
                Msg(
                    QT_TRANSLATE_NOOP(
                        "core", "Layer '{layer}', feature {fid}: the date field '{field}' holds no date ({value!r}): every point needs its date."
                    ),
                    layer=layer_name, fid=item.fid, field=field, value=value,
                )
            )
        if isinstance(day, dt.datetime):
            day = day.date()
        for part in shapely.get_parts(item.geometry):
            points.append(Dated(day, part, item.fid, result, village))
    if skipped:
        feedback.info(
            Msg(
                QT_TRANSLATE_NOOP("core", "Layer '{layer}': {count} survey(s) not negative (result field) are not counted."),
                layer=layer_name,
                count=skipped,
            )
        )
    return points
