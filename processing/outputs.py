"""Output destinations checked before an algorithm computes anything.

A run that cannot write one of its outputs must say so before it works for minutes, and must not
leave some outputs written and others not (``rifa:delineatezones`` has four). So every
destination parameter that names a file is checked first: its folder exists and takes new files,
an existing file is writable (the lockdown map checks its PDF itself). Memory layers, temporary outputs and databases other than files
are left to QGIS.

Writing into an existing GeoPackage keeps its other layers: QGIS does so for an
``ogr:dbname='x.gpkg' table="zones" (geom)`` destination, but a
``QgsProcessingOutputLayerDefinition("x.gpkg")`` with the create option ``layerName`` would
recreate the whole file; such a definition is rewritten into the ``ogr:`` form.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from qgis.core import QgsProcessingOutputLayerDefinition, QgsProperty

from ..core.errors import QT_TRANSLATE_NOOP, InputError, Msg

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
    if not text or any(text.startswith(prefix) for prefix in _NOT_FILES):
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
    return parameters
