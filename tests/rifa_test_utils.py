"""Shared test helpers: real layers and files, and running ``qgis_process`` on the plugin."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from rifa_zoning.processing import compat

ROOT = Path(__file__).resolve().parent.parent
# the team's shared folder beside the checkout (worktrees sit one level deeper)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared").is_dir()), ROOT.parent / "shared")
SAMPLE_GPKG = ROOT / "resources" / "sample_data" / "putian_sample.gpkg"


def sample_counties() -> QgsVectorLayer:
    """Real county boundaries (Putian and neighbours, from shared/data/fujian_counties.geojson, kept
    in the plugin's sample GeoPackage so tests do not depend on shared/ being beside the checkout)."""
    layer = QgsVectorLayer(f"{SAMPLE_GPKG}|layername=counties", "counties", "ogr")
    assert layer.isValid()
    return layer

# plugins loaded by the rifa_provider fixture (conftest.py), so load/unload tests can start clean
LOADED_PLUGINS: list = []


def unload_rifa_plugins() -> None:
    """Unload what the ``rifa_provider`` fixture loaded (tests of load/unload start from nothing)."""
    while LOADED_PLUGINS:
        LOADED_PLUGINS.pop().unload()

_FIELD_TYPES = {int: compat.INT, float: compat.DOUBLE, str: compat.STRING, bool: compat.BOOL}


def make_layer(
    geometry_type: str,
    crs: str | None,
    rows: list[tuple[str | None, dict]],
    name: str = "layer",
    path: Path | None = None,
) -> QgsVectorLayer:
    """A vector layer from ``(wkt, attributes)`` rows: in memory, or written to a GeoPackage.

    ``geometry_type`` is a QGIS memory provider type ("Point", "MultiLineString", "Polygon",
    "PointZ", "None"...); ``crs`` an auth id or None for a layer without CRS.
    """
    fields = {}
    for _, attributes in rows:
        for key, value in attributes.items():
            fields.setdefault(key, type(value) if value is not None else str)
    uri = geometry_type + (f"?crs={crs}" if crs else "")
    layer = QgsVectorLayer(uri, name, "memory")
    assert layer.isValid(), uri
    provider = layer.dataProvider()
    provider.addAttributes([compat.field(k, _FIELD_TYPES.get(t, compat.STRING)) for k, t in fields.items()])
    layer.updateFields()
    features = []
    for wkt, attributes in rows:
        feature = QgsFeature(layer.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        for key, value in attributes.items():
            feature[key] = value
        features.append(feature)
    assert provider.addFeatures(features)
    layer.updateExtents()
    if path is None:
        return layer
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    if Path(path).exists():
        options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options
    )
    assert error == QgsVectorFileWriter.WriterError.NoError, message
    written = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert written.isValid()
    if crs is None:
        written.setCrs(QgsCoordinateReferenceSystem())
    return written


def venv_site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


def qgis_process(args: list[str], plugin_parent: Path | None = None, home: Path | None = None, timeout: int = 300):
    """Run ``qgis_process.bin`` headless with our plugin folder and the venv's shapely.

    Returns the CompletedProcess (text, stdout and stderr captured).
    """
    return subprocess.run(
        ["qgis_process.bin", *args], env=qgis_process_env(plugin_parent, home), capture_output=True, text=True,
        timeout=timeout, check=False,
    )


def enabled_plugin_home(tmp_path: Path, plugin_parent: Path) -> Path:
    """A fresh QGIS profile folder (``tmp_path / "home"``) in which :func:`qgis_process` has the
    plugin enabled."""
    home = tmp_path / "home"
    home.mkdir()
    enabled = qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent, home=home)
    assert enabled.returncode == 0, enabled.stderr
    return home


def run_without_module(module: str, body: str, plugin_parent: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``body`` (Python source) in a fresh interpreter in which ``import <module>`` fails, as on a
    QGIS without it: a QgsApplication is up (``app``) and the plugin's parent folder is on sys.path.
    Returns the CompletedProcess (text, stdout and stderr captured)."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules[{module!r}] = None  # makes "import {module}" raise ImportError
        sys.path.insert(0, {str(plugin_parent)!r})
        from qgis.core import QgsApplication
        app = QgsApplication([], False)
        app.initQgis()
        """
    ) + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-P", "-c", script], capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
             "PYTHONPATH": venv_site_packages()},
    )


def qgis_process_env(plugin_parent: Path | None = None, home: Path | None = None) -> dict:
    """The environment :func:`qgis_process` runs ``qgis_process.bin`` in (for ``subprocess.Popen``)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("QGIS_OPTS", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (venv_site_packages(), env.get("PYTHONPATH", "")) if p)
    if plugin_parent is not None:
        env["QGIS_PLUGINPATH"] = str(plugin_parent)
    if home is not None:  # a fresh profile: drop pytest-qgis's settings folder too
        env["HOME"] = str(home)
        env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
        env.pop("QGIS_OPTIONS_PATH", None)
    return env


class Recorder(QgsProcessingFeedback):
    """Keeps infos, warnings and progress; cancels once progress passes ``cancel_at``.

    ``errors`` holds what the user is warned about (warnings and errors); ``reported_errors`` only
    what came through ``reportError`` (qgis_process prints that as "ERROR:")."""

    def __init__(self, cancel_at: float | None = None):
        super().__init__()
        self.infos, self.errors, self.progress = [], [], []
        self.warnings, self.reported_errors = [], []
        self.cancel_at = cancel_at
        self.progress_after_cancel = []

    def setProgress(self, value):  # noqa: N802
        if self.isCanceled():
            self.progress_after_cancel.append(value)
        self.progress.append(value)
        super().setProgress(value)
        if self.cancel_at is not None and value >= self.cancel_at and not self.isCanceled():
            self.cancel()

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)
        self.errors.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)
        self.reported_errors.append(error)
        super().reportError(error, fatalError)


def run_rifa(algorithm: str, parameters: dict, feedback=None) -> dict:
    """``processing.run("rifa:<algorithm>", …)``."""
    import processing

    return processing.run(f"rifa:{algorithm}", parameters, feedback=feedback)


def rifa_failure(algorithm: str, parameters: dict, feedback=None) -> str:
    """The message of a ``rifa:`` run that must fail: a QgsProcessingException, never a traceback."""
    import pytest
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as error:
        run_rifa(algorithm, parameters, feedback)
    message = str(error.value.args[0]) if error.value.args else str(error.value)
    assert "Traceback" not in message and 'File "' not in message
    return message


def ground_measure(crs) -> QgsDistanceArea:
    """QGIS's geodesic measure on the WGS 84 ellipsoid of geometries in ``crs`` (a CRS or its code):
    the independent oracle of areas and lengths."""
    measure = QgsDistanceArea()
    crs = crs if isinstance(crs, QgsCoordinateReferenceSystem) else QgsCoordinateReferenceSystem(crs)
    measure.setSourceCrs(crs, QgsProject.instance().transformContext())
    measure.setEllipsoid("WGS84")
    return measure


def gpkg_tables(path) -> dict:
    """Every table of a GeoPackage (``gpkg_contents``) with its row count."""
    import sqlite3

    connection = sqlite3.connect(str(path))
    try:
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for (name,) in connection.execute("SELECT table_name FROM gpkg_contents")}
    finally:
        connection.close()
def cancel_the_next_question(delay_ms: int = 200) -> list:
    """Press Cancel on the modal question box that opens next, as a user would; returns the list
    that receives the box's object name (or None when no modal box was open)."""
    from qgis.PyQt.QtCore import QTimer
    from qgis.PyQt.QtWidgets import QApplication, QMessageBox

    asked: list = []

    def cancel():
        box = QApplication.activeModalWidget()
        asked.append(box.objectName() if box else None)
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.Cancel).click()

    QTimer.singleShot(delay_ms, cancel)
    return asked
