"""Output destinations checked before an algorithm computes anything.

A run that cannot write one of its outputs must say so before it works for minutes, and must not
leave some outputs written and others not (``rifa:delineatezones`` has four). So every
destination parameter that names a file is checked first: its folder exists and takes new files,
an existing file is writable (the lockdown map checks its PDF itself). Memory layers, temporary outputs and databases other than files
are left to QGIS. PostGIS tables are staged too (a part table renamed over the target in one
transaction: ``processing/postgis_outputs.py``).

Writing into an existing GeoPackage keeps its other layers: QGIS does so for an
``ogr:dbname='x.gpkg' table="zones" (geom)`` destination, but a
``QgsProcessingOutputLayerDefinition("x.gpkg")`` with the create option ``layerName`` would
recreate the whole file; such a definition is rewritten into the ``ogr:`` form.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from pathlib import Path
from urllib.request import pathname2url

from qgis.core import QgsProcessingOutputLayerDefinition, QgsProperty

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg
from ..tools.log import logger
from .postgis_outputs import PgStage, check_destination, destination_uri, is_postgres_destination, replace_tables

_OGR_DBNAME = re.compile(r"^\s*(?:ogr|spatialite):\s*dbname='((?:[^'\\]|\\.)*)'")
_PROVIDER = re.compile(r"^[A-Za-z][A-Za-z0-9_]+:(?![\\/])")  # "postgres:...", not "C:\..."
_NOT_FILES = ("TEMPORARY_OUTPUT", "memory:")
LAYER_DESTINATIONS = ("sink", "vectorDestination")


def _static_sink(value):
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        sink = value.sink
        return sink.staticValue() if sink.propertyType() == QgsProperty.Type.StaticProperty else None
    return value


def destination_file(value) -> str | None:
    """The file an output parameter value writes to, or None (memory, temporary, a database)."""
    text = _static_sink(value)
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or any(text.startswith(prefix) for prefix in _NOT_FILES) or is_postgres_destination(text):
        return None
    match = _OGR_DBNAME.match(text)
    if match:
        return match.group(1).replace("\\'", "'")
    if _PROVIDER.match(text):
        return None
    return text.split("|", 1)[0]


def keep_other_layers(value):
    """A layer definition into an existing GeoPackage with a ``layerName`` create option, as an
    ``ogr:`` destination that adds (or replaces) only that table; other values unchanged."""
    if not isinstance(value, QgsProcessingOutputLayerDefinition):
        return value
    options = dict(value.createOptions or {})
    layer = options.get("layerName")
    path = destination_file(value)
    if not layer or not path or Path(path).suffix.lower() != ".gpkg" or not Path(path).is_file():
        return value
    if _OGR_DBNAME.match(str(_static_sink(value))):
        return value
    options.pop("layerName")
    rewritten = QgsProcessingOutputLayerDefinition(value)
    quoted = path.replace("'", "\\'")
    rewritten.sink = QgsProperty.fromValue(f"ogr:dbname='{quoted}' table=\"{layer}\" (geom)")
    rewritten.createOptions = options
    return rewritten


def check_writable(path: str, output: str) -> None:
    """Raise :class:`InputError` naming the output when ``path`` cannot be written (creates nothing)."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Cannot write the output '{output}': the folder '{folder}' does not exist."),
                output=output, folder=str(folder),
            )
        )
    if target.is_dir():
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Cannot write the output '{output}': '{path}' is a folder, not a file."),
                output=output, path=str(target),
            )
        )
    if target.exists() and not os.access(target, os.W_OK):
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Cannot write the output '{output}': the file '{path}' is read-only."),
                output=output, path=str(target),
            )
        )
    try:  # a folder may refuse new files even when access() says yes (network shares, full disks)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".rifa_probe_")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise InputError(
            Msg(
                QT_TRANSLATE_NOOP("core", "Cannot write the output '{output}' to '{path}': {problem}."),
                output=output, path=str(target), problem=error.strerror or str(error),
            )
        ) from None
    if target.suffix.lower() == ".gpkg" and target.is_file():
        problem = _gpkg_busy(target)
        if problem:  # locked now: say so before the work, not after it (the run checks again at the end)
            raise _busy_error(output, target, problem)


def _busy_error(output: str, path: Path, problem) -> InputError:
    return InputError(
        Msg(
            QT_TRANSLATE_NOOP(
                "core",
                "Cannot replace the output '{output}' ({path}): {problem}. Nothing was replaced: the "
                "files that were there before the run are unchanged. Close the other program and run again.",
            ),
            output=output, path=str(path), problem=problem,
        )
    )


def checked_destinations(algorithm, parameters: dict) -> dict:
    """``parameters`` with GeoPackage layer definitions made safe (see :func:`keep_other_layers`),
    after checking that every file destination can be written."""
    parameters = dict(parameters)
    for definition in algorithm.destinationParameterDefinitions():
        if definition.type() not in LAYER_DESTINATIONS:
            continue  # file outputs (the lockdown map's PDF) are checked by their algorithm
        name = definition.name()
        if name not in parameters or parameters[name] is None:
            continue
        parameters[name] = keep_other_layers(parameters[name])
        path = destination_file(parameters[name])
        if path:
            check_writable(path, definition.description())
        elif is_postgres_destination(parameters[name]):
            check_destination(parameters[name], definition.description())
    return parameters


# -- an output never overwrites an input ----------------------------------------------------------

_TABLE = re.compile(r"""\btable=(?:"((?:[^"\\]|\\.)*)"|(\S+))""")
_INPUT_TYPES = ("source", "vector", "layer", "multilayer", "raster", "mesh", "file", "pointcloud")
_FILE_OUTPUT_TYPES = ("fileDestination", "rasterDestination")


def destination_table(value) -> str | None:
    """The table of an ``ogr:dbname='x.gpkg' table="t"`` destination (a layer added to a file);
    None when the destination is the whole file."""
    text = _static_sink(value)
    if not isinstance(text, str) or not _OGR_DBNAME.match(text):
        return None
    match = _TABLE.search(text)
    return (match.group(1) or match.group(2)) if match else None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the resolved names
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def _first_layer_name(path: str) -> str | None:
    from osgeo import gdal

    with _GdalExceptions(False):
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR)
        layer = dataset.GetLayer(0) if dataset is not None and dataset.GetLayerCount() else None
        return layer.GetName() if layer is not None else None


def _layer_file(layer) -> tuple[str, str | None] | None:
    """(file, table) a layer reads, table None for a whole-file source; None for memory, databases."""
    from qgis.core import QgsProviderRegistry

    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path")
    if not path or not Path(path).is_file():
        return None
    table = parts.get("layerName") or None
    if table is None and Path(path).suffix.lower() == ".gpkg":
        table = _first_layer_name(path)
    if table is not None and Path(path).suffix.lower() not in (".gpkg", ".sqlite", ".db"):
        table = None  # a layer of a one-layer format (shp, geojson): the file is the layer
    return path, table


def input_files(algorithm, parameters: dict, context) -> list[tuple[str, str, str | None]]:
    """Every file the run reads: (parameter description, path, table or None for the whole file)."""
    found = []
    for definition in algorithm.parameterDefinitions():
        name = definition.name()
        if definition.isDestination() or definition.type() not in _INPUT_TYPES or parameters.get(name) is None:
            continue
        if definition.type() == "file":
            path = algorithm.parameterAsFile(parameters, name, context)
            if path and Path(path).is_file():
                # a GeoPackage read for some tables only (the case's zone_versions): its other tables may be written
                tables = getattr(algorithm, "FILE_TABLES", {}).get(name) or (None,)
                found.extend((definition.description(), path, table) for table in tables)
            continue
        if definition.type() == "multilayer":
            layers = algorithm.parameterAsLayerList(parameters, name, context)
        elif definition.type() in ("source", "vector"):  # a source may be "selected features only"
            layers = [algorithm.parameterAsVectorLayer(parameters, name, context)]
        else:
            layers = [algorithm.parameterAsLayer(parameters, name, context)]
        for layer in layers:
            where = _layer_file(layer) if layer is not None else None
            if where is not None:
                found.append((definition.description(), *where))
    return found


def _conflict(table_a: str | None, table_b: str | None) -> bool:
    """Two uses of the same file collide unless both are different tables of it."""
    return table_a is None or table_b is None or table_a.lower() == table_b.lower()


def refuse_overwriting_inputs(algorithm, parameters: dict, context, extra_inputs=()) -> None:
    """Raise :class:`InputError` when an output would write over an input (or another output).

    An output that names a whole file (``zones.gpkg``, ``zones.shp``, ``zones.geojson``, a PDF)
    replaces that file, so it may not be any file the run reads. A table added to a GeoPackage
    (``ogr:dbname='survey.gpkg' table="zones"``) may go into the GeoPackage an input layer comes
    from, as long as it is a different table: the other layers of that file are kept.
    """
    inputs = [*input_files(algorithm, parameters, context), *extra_inputs]
    outputs = []
    for definition in algorithm.destinationParameterDefinitions():
        value = parameters.get(definition.name())
        if value is None:
            continue
        if definition.type() in LAYER_DESTINATIONS:
            path, table = destination_file(value), destination_table(value)
        elif definition.type() in _FILE_OUTPUT_TYPES:
            path, table = destination_file(value), None
        else:
            continue
        if path:
            outputs.append((definition.description(), path, table))
    for i, (output, path, table) in enumerate(outputs):
        for source, source_path, source_table in inputs:
            if _same_file(path, source_path) and _conflict(table, source_table):
                raise InputError(_overwrite_message(output, source, source_path, table or source_table, table))
        for other, other_path, other_table in outputs[:i]:
            if _same_file(path, other_path) and _conflict(table, other_table):
                raise InputError(
                    Msg(
                        QT_TRANSLATE_NOOP(
                            "core",
                            "The outputs '{first}' and '{second}' both write to '{path}': give each output its own "
                            "file (or its own table of a GeoPackage). Nothing was written.",
                        ),
                        first=other, second=output, path=path,
                    )
                )


def _overwrite_message(output: str, source: str, path: str, table: str | None, output_table: str | None) -> Msg:
    if output_table:
        return Msg(
            QT_TRANSLATE_NOOP(
                "core",
                "The output '{output}' would overwrite the input '{input}': both are the table '{table}' of "
                "'{path}'. Nothing was written. Choose another table name for '{output}'.",
            ),
            output=output, input=source, table=output_table, path=path,
        )
    return Msg(
        QT_TRANSLATE_NOOP(
            "core",
            "The output '{output}' would overwrite the input '{input}': both are the file '{path}' (writing "
            "'{output}' replaces the whole file). Nothing was written. Choose another file for '{output}', or a "
            "new table of the GeoPackage (ogr:dbname='…' table=\"…\").",
        ),
        output=output, input=source, path=path,
    )


# -- every output written beside its target, moved into place when the whole run is complete -------

STAGE_MARK = "~rifa-part-"
OLD_MARK = "~rifa-old-"  # an old target renamed aside while the run's outputs move into place
# what QGIS deletes when it overwrites a shapefile (QgsVectorFileWriter::deleteShapeFile)
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".qix", ".qpj", ".cpg", ".sbn", ".sbx", ".idm", ".ind")
LOCK_TIMEOUT_S = 1.0


class _GdalExceptions:
    """``with _GdalExceptions(True):`` GDAL raises RuntimeError inside, and the setting is restored."""

    def __init__(self, use: bool):
        self.use = use

    def __enter__(self):
        from osgeo import gdal

        self.before = gdal.GetUseExceptions()
        (gdal.UseExceptions if self.use else gdal.DontUseExceptions)()

    def __exit__(self, *exc):
        from osgeo import gdal

        (gdal.UseExceptions if self.before else gdal.DontUseExceptions)()


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would end the process there: keep what cannot be checked
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_stale_parts(target: Path) -> None:
    """Delete what an earlier run left beside ``target`` when it was killed (its pid is gone): its
    parts, and an old output it had renamed aside once the new one is in place (else it is kept:
    it is the previous output)."""
    plain = target.stem.replace(".", "_")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        for mark in (STAGE_MARK, OLD_MARK):
            if not name.startswith(plain + mark):
                continue
            pid = name[len(plain + mark):].split("-", 1)[0]
            if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
                continue
            if mark == OLD_MARK and not (target.parent / (target.stem + Path(name).suffix)).exists():
                continue
            try:
                os.unlink(target.parent / name)
            except OSError:
                pass


def _write_error(output: str, path, problem: str) -> InputError:
    return InputError(
        Msg(
            QT_TRANSLATE_NOOP(
                "core",
                "Could not write the output '{output}' to '{path}': {problem}. Nothing was replaced: the files that "
                "were there before the run are unchanged.",
            ),
            output=output, path=str(path), problem=problem,
        )
    )


def _disk_problem(folder: Path, error: Msg | str = "") -> Msg:
    """``error`` (a message, or GDAL's text), and "no space left" when the folder's disk is full."""
    import shutil

    try:
        full = shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        full = False
    if isinstance(error, str):
        error = Msg("{text}", text=error.strip()) if error.strip() else Msg(
            QT_TRANSLATE_NOOP("core", "the file could not be written"))
    if full and "space" not in str(error):
        return Msg(QT_TRANSLATE_NOOP("core", "{problem} (no space left on the device)"), problem=error)
    return error


def _gpkg_busy(path: Path) -> Msg | str | None:
    """Why the GeoPackage ``path`` cannot be replaced or written now (locked, open elsewhere), or None.

    Reading the file first rolls back a hot journal an earlier crash left; a ``-wal`` file that a
    checkpoint cannot empty means another program has the file open in WAL mode: replacing the
    file under it would pair the new file with the old journal.
    """
    try:
        connection = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as error:
        return str(error)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        wal = Path(f"{path}-wal")
        if wal.exists():
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.DatabaseError as error:
        text = str(error)
        if "not a database" in text or "malformed" in text:
            return None  # not a working GeoPackage: nothing to keep consistent, it is replaced whole
        return text
    finally:
        connection.close()
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return Msg(QT_TRANSLATE_NOOP("core", "the file is open in another program (its write-ahead log {wal} is in use)"),
                   wal=wal.name)
    return None


class _Stage:
    """One output of the run: its target, the part written beside it, what was written into it."""

    def __init__(self, name: str, output: str, target: Path, table: str | None, layer: bool, shared=None):
        self.name, self.output, self.target, self.table, self.layer = name, output, target, table, layer
        self.sinks: list = []
        self.count = 0
        self.layer_name = table or target.name.split(".", 1)[0]  # QGIS names a new layer after the file
        # a table added to an existing GeoPackage is copied into it; anything else replaces the file
        self.into_existing = table is not None and target.is_file()
        if shared is not None:  # another table of the same GeoPackage: the same part
            self.part_stem, self.part = shared.part_stem, shared.part
            return
        # one dot only: QGIS finds the driver of an ogr: destination from everything after the first dot
        plain = target.stem.replace(".", "_")
        remove_stale_parts(target)
        stem = f"{plain}{STAGE_MARK}{os.getpid()}-{os.urandom(4).hex()}"
        self.part_stem = target.parent / stem
        self.part = target.parent / (stem + target.suffix)

    def parts(self) -> list[Path]:
        prefix = self.part_stem.name + "."
        try:
            return [self.target.parent / name for name in os.listdir(self.target.parent) if name.startswith(prefix)
                    or name.startswith(self.part.name + "-")]
        except OSError:
            return []

    def write_error(self, problem) -> InputError:
        """The error of a part that could not be written, naming the target."""
        return _write_error(self.output, self.target, _disk_problem(self.target.parent, problem))

    def discard(self) -> None:
        self.close()
        for part in self.parts():
            try:
                part.unlink()
            except OSError:
                pass

    def close(self) -> None:
        from qgis.PyQt import sip

        sinks, self.sinks = self.sinks, []
        for sink in sinks:
            if not sip.isdeleted(sink):
                sink.flushBuffer()
                sip.delete(sink)  # closes the file (the writer is owned by the sink)

    # -- checks
    def verify(self) -> None:
        """Reopen the part and count its features: a full disk or a cut write shows here."""
        if not self.layer:
            try:
                size = self.part.stat().st_size
            except OSError as error:
                raise _write_error(self.output, self.target, _disk_problem(self.target.parent, error.strerror or "")) from None
            if size == 0 or not _file_complete(self.part):
                raise _write_error(self.output, self.target, _disk_problem(
                    self.target.parent, Msg(QT_TRANSLATE_NOOP("core", "the file is incomplete"))))
            return
        from osgeo import gdal

        problem = None
        if self.part.suffix.lower() == ".gpkg":
            problem = _sqlite_problem(self.part)
        if problem is None:
            try:
                with _GdalExceptions(True):
                    dataset = gdal.OpenEx(str(self.part), gdal.OF_VECTOR | gdal.OF_READONLY)
                    layer = dataset.GetLayerByName(self.layer_name) if self.layer_name else None
                    if layer is None:
                        layer = dataset.GetLayer(0)
                    found = sum(1 for _ in layer) if self.part.suffix.lower() != ".gpkg" else layer.GetFeatureCount()
                    dataset = None
                if found != self.count:
                    problem = Msg(QT_TRANSLATE_NOOP("core", "{found} of {count} features were written"),
                                  found=found, count=self.count)
            except (RuntimeError, AttributeError) as error:
                problem = str(error) or Msg(QT_TRANSLATE_NOOP("core", "the file cannot be read back"))
        if problem:
            raise _write_error(self.output, self.target, _disk_problem(self.target.parent, problem))

    # -- moving into place
    def move_into_place(self, undo: list) -> None:
        """Rename the old target (and its sidecar files) aside, then the part over it; every rename
        goes into ``undo`` (pairs to rename back) so that a later failure restores the old files."""
        if self.target.suffix.lower() == ".gpkg":
            for suffix in ("-journal", "-wal", "-shm"):  # the old file's, checked unused by _gpkg_busy
                stale = Path(f"{self.target}{suffix}")
                if stale.exists():
                    stale.unlink()
        old_files = [self.target.with_suffix(suffix) for suffix in _SHAPEFILE_PARTS] \
            if self.target.suffix.lower() == ".shp" else [self.target]
        aside = f"{self.target.stem.replace('.', '_')}{OLD_MARK}{os.getpid()}-{os.urandom(4).hex()}"
        for old in old_files:
            if old.exists():
                backup = old.parent / (aside + old.suffix)
                os.replace(old, backup)  # on Windows this fails while another program has the file open
                undo.append((backup, old))
        for part in self.parts():
            ending = part.name[len(self.part_stem.name):]
            if ending.endswith(("-journal", "-wal", "-shm")):
                continue
            destination = self.target.parent / (self.target.stem + ending)
            os.replace(part, destination)
            undo.append((destination, part))


def _copy_tables(target: Path, stages: list[_Stage]) -> None:
    """The tables of ``stages``, copied into the existing GeoPackage ``target`` in one transaction:
    all of them or none (a full disk rolls it back)."""
    from osgeo import gdal

    try:
        with _GdalExceptions(True):
            dataset = gdal.OpenEx(str(target), gdal.OF_VECTOR | gdal.OF_UPDATE)
            dataset.StartTransaction()
            try:
                for stage in stages:
                    source = gdal.OpenEx(str(stage.part), gdal.OF_VECTOR | gdal.OF_READONLY)
                    source_layer = source.GetLayerByName(stage.layer_name)
                    for index in range(dataset.GetLayerCount()):
                        if dataset.GetLayer(index).GetName().lower() == stage.layer_name.lower():
                            dataset.DeleteLayer(index)
                            break
                    _copy_layer(source_layer, dataset, stage.layer_name)
                    source_layer = source = None
                dataset.CommitTransaction()
            except RuntimeError:
                dataset.RollbackTransaction()
                raise
            finally:
                dataset = None
    except RuntimeError as error:
        names = ", ".join(f"'{stage.output}'" for stage in stages)
        raise _write_error(names.strip("'"), target, _disk_problem(target.parent, str(error))) from None


_ENDINGS = {".pdf": (b"%PDF", b"%%EOF"), ".png": (b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82")}


def _file_complete(path: Path) -> bool:
    """A PDF or PNG has its first and last bytes (a full disk cuts the end); other files: not empty."""
    start, end = _ENDINGS.get(path.suffix.lower(), (b"", b""))
    with open(path, "rb") as handle:
        head = handle.read(len(start))
        handle.seek(max(0, os.fstat(handle.fileno()).st_size - 1024))
        tail = handle.read()
    return head == start and end in tail


def _copy_layer(source, dataset, name: str) -> None:
    """``source`` as the new layer ``name`` of ``dataset``, inside the caller's transaction
    (``CopyLayer`` would start a transaction of its own)."""
    from osgeo import gdal, ogr

    def check(error_code) -> None:  # ogr's layers return error codes (gdal.UseExceptions is gdal's only)
        if error_code != 0:
            raise RuntimeError(gdal.GetLastErrorMsg() or f"OGR error {error_code}")

    options = [f"GEOMETRY_NAME={source.GetGeometryColumn() or 'geom'}", f"FID={source.GetFIDColumn() or 'fid'}"]
    layer = dataset.CreateLayer(name, srs=source.GetSpatialRef(), geom_type=source.GetGeomType(), options=options)
    if layer is None:
        raise RuntimeError(gdal.GetLastErrorMsg() or f"cannot create the layer {name}")
    definition = source.GetLayerDefn()
    for index in range(definition.GetFieldCount()):
        check(layer.CreateField(definition.GetFieldDefn(index)))
    target_definition = layer.GetLayerDefn()
    for feature in source:
        copy = ogr.Feature(target_definition)
        copy.SetFrom(feature)
        copy.SetFID(feature.GetFID())
        check(layer.CreateFeature(copy))


def _create_geopackage(path: Path) -> None:
    from osgeo import gdal, ogr

    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    if dataset is None:
        raise _write_error(path.name, path, _disk_problem(path.parent, gdal.GetLastErrorMsg()))
    dataset.FlushCache()
    dataset = None


def _sqlite_problem(path: Path) -> Msg | str | None:
    try:
        connection = sqlite3.connect(f"file:{pathname2url(str(path))}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return str(error)
    if result and result[0] == "ok":
        return None
    return Msg(QT_TRANSLATE_NOOP("core", "the GeoPackage is damaged ({error})"), error=result[0] if result else "?")


class _CountingSink:
    """The sink an algorithm writes to: counts the features, and stops the run at the first one
    that cannot be written (a full disk) instead of reporting success."""

    def __init__(self, sink, stage: _Stage):
        self._sink, self._stage = sink, stage

    def addFeature(self, feature, flags=None):  # noqa: N802 - QgsFeatureSink API
        from qgis.core import QgsFeatureSink

        ok = self._sink.addFeature(feature, flags if flags is not None else QgsFeatureSink.Flags())
        ok = ok[0] if isinstance(ok, tuple) else ok
        self._check(ok)
        self._stage.count += 1
        return True

    def addFeatures(self, features, flags=None):  # noqa: N802 - QgsFeatureSink API
        from qgis.core import QgsFeatureSink

        features = list(features)
        ok = self._sink.addFeatures(features, flags if flags is not None else QgsFeatureSink.Flags())
        ok = ok[0] if isinstance(ok, tuple) else ok
        self._check(ok)
        self._stage.count += len(features)
        return True

    def _check(self, ok) -> None:
        if not ok:
            error = self._sink.lastError() if hasattr(self._sink, "lastError") else ""
            raise self._stage.write_error(error)

    def __getattr__(self, name):
        return getattr(self._sink, name)


def _tabular(definition) -> bool:
    """A sink of features without geometry (a table)."""
    from qgis.core import QgsProcessing

    return getattr(definition, "dataType", lambda: None)() == QgsProcessing.SourceType.TypeVector


class StagedOutputs:
    """The outputs of one run (see the module docstring of ``processing/base.py``).

    :meth:`stage_parameters` points every file destination at a part beside its target
    (``zones~rifa-part-<pid>-<random>.gpkg``); the algorithm writes there as usual.
    :meth:`commit`, after the algorithm is done, closes and reopens every part and counts its
    features, checks that no target is locked or open in another program, and only then moves
    them all into place: a rename for a whole file, one SQLite transaction for a table added to
    an existing GeoPackage. Any failure before that point, a cancel included, deletes the parts
    (:meth:`discard`) and leaves every file as it was before the run.
    """

    def __init__(self):
        self.stages: dict[str, _Stage] = {}

    def stage_parameters(self, algorithm, parameters: dict) -> dict:
        parameters = dict(parameters)
        for definition in algorithm.destinationParameterDefinitions():
            name = definition.name()
            value = parameters.get(name)
            if value is None:
                continue
            if definition.type() in LAYER_DESTINATIONS:
                path = destination_file(value)
                if path:
                    parameters[name] = self._stage_layer(name, definition.description(), value, path)
                elif is_postgres_destination(value):  # a PostGIS table: staged as a part table
                    stage = self.stages[name] = PgStage(name, definition.description(), destination_uri(value),
                                                        tabular=_tabular(definition))
                    parameters[name] = stage.staged_value(value)
            elif definition.type() == "fileDestination":
                path = destination_file(value)
                if path and not path.startswith("TEMPORARY_OUTPUT"):
                    self.stages[name] = _Stage(name, definition.description(), Path(path), None, layer=False)
        return parameters

    def _stage_layer(self, name: str, output: str, value, path: str):
        table = destination_table(value)
        shared = next((other for other in self.stages.values() if table is not None and other.table is not None
                       and _same_file(str(other.target), path)), None)
        stage = _Stage(name, output, Path(path), table, layer=True, shared=shared)
        self.stages[name] = stage
        text = _static_sink(value)
        quoted = str(stage.part).replace("'", "\\'")
        staged = QgsProcessingOutputLayerDefinition(value) if isinstance(value, QgsProcessingOutputLayerDefinition) \
            else QgsProcessingOutputLayerDefinition(str(value))
        options = dict(staged.createOptions or {})
        if table is not None:
            if shared is None:
                _create_geopackage(stage.part)  # the ogr: form writes into an existing GeoPackage
            staged.sink = QgsProperty.fromValue(_OGR_DBNAME.sub(lambda _: f"ogr:dbname='{quoted}'", text, count=1))
        else:
            rest = text.strip().split("|", 1)
            staged.sink = QgsProperty.fromValue(str(stage.part) + (f"|{rest[1]}" if len(rest) > 1 else ""))
            if stage.target.suffix.lower() != ".shp":  # a shapefile's layer is its file name
                options.setdefault("layerName", stage.layer_name)
        staged.createOptions = options
        return staged

    def file_part(self, name: str, target) -> Path:
        """Where a file output (the map's PDF) is written before it is moved to ``target``."""
        stage = self.stages.get(name)
        if stage is None or Path(target) != stage.target:
            stage = self.stages[name] = _Stage(name, name, Path(target), None, layer=False)
        return stage.part

    def attach(self, name: str, sink, destination: str, context):
        """The sink Processing made for the part of ``name``: counted, and named by its target."""
        stage = self.stages.get(name)
        if stage is None or sink is None:
            return sink, destination
        stage.sinks.append(sink)
        if isinstance(stage, PgStage):
            final = destination.replace(f'"{stage.part}"', f'"{stage.target}"')
        else:
            final = destination.replace(str(stage.part), str(stage.target)).replace(
                f"layername={stage.part_stem.name}", f"layername={stage.target.stem}")
        if context is not None and final != destination:
            layers = context.layersToLoadOnCompletion()
            if destination in layers:
                details = layers.pop(destination)
                layers[final] = details
                context.setLayersToLoadOnCompletion(layers)
        return _CountingSink(sink, stage), final

    def sink_error(self, name: str, error: Exception) -> Exception:
        """The error of a sink Processing could not make for the part of ``name``, naming the target."""
        stage = self.stages.get(name)
        if stage is None:
            return error
        text = str(error.args[0] if error.args else error).replace(str(stage.part), str(stage.target))
        return stage.write_error(text)

    def commit(self, feedback=None) -> None:
        from ..core.errors import Canceled

        stages = [stage for stage in self.stages.values() if not isinstance(stage, PgStage)]
        tables = [stage for stage in self.stages.values() if isinstance(stage, PgStage)]
        for stage in (*stages, *tables):
            stage.close()
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        for stage in (*stages, *tables):
            stage.verify()
        for stage in stages:  # nothing is replaced while any target is locked
            if stage.target.is_file() and stage.target.suffix.lower() == ".gpkg":
                problem = _gpkg_busy(stage.target)
                if problem:
                    raise _busy_error(stage.output, stage.target, problem)
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        # the renames first, each undone if anything after it fails; then the PostGIS tables (one
        # transaction per database) and the copies into existing GeoPackages (one transaction per
        # file), which cannot be undone once committed, last
        undo: list[tuple[Path, Path]] = []
        try:
            moved = set()
            for stage in stages:
                if not stage.into_existing and stage.part not in moved:
                    stage.move_into_place(undo)
                    moved.add(stage.part)
            replace_tables(tables)
            by_target: dict[str, list[_Stage]] = {}
            for stage in stages:
                if stage.into_existing:
                    by_target.setdefault(os.path.realpath(stage.target), []).append(stage)
            for group in by_target.values():
                _copy_tables(group[0].target, group)
        except BaseException as error:
            for done, back in reversed(undo):
                try:
                    os.replace(done, back)
                except OSError:
                    logger.error("could not put %s back as %s", done, back)
            if isinstance(error, OSError):
                raise _write_error(stages[0].output if len(stages) == 1 else ", ".join(s.output for s in stages),
                                   stages[0].target, _disk_problem(stages[0].target.parent,
                                                                   error.strerror or str(error))) from None
            raise
        for backup, _ in undo:
            if OLD_MARK in backup.name and backup.exists():
                backup.unlink()  # the old files, replaced
        for stage in stages:
            stage.discard()  # the parts of copied tables, and any journal left beside a part
        self.stages = {}

    def discard(self) -> None:
        for stage in self.stages.values():
            stage.discard()
