"""Issue 13, item 6: an empty GeoPackage layer (its extent is infinite) as the nests layer gives a
clear message naming the layer, not the traceback "Fallback transform failed"; through Processing
(in this process and in qgis_process.bin, as technicians run it)."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer
from rifa_test_utils import make_layer, qgis_process

OUTPUTS = ("OCCURRENCE_AREAS", "QUARANTINE_ZONES", "THREATENED_ZONES", "OCCURRENCE_POINTS")


@pytest.fixture
def empty_nests(qgis_app, tmp_path):
    """The URI of an empty GeoPackage point layer 'surveyed_nests'."""
    path = tmp_path / "empty.gpkg"
    make_layer("Point", "EPSG:32650", [], "surveyed_nests", path)
    uri = f"{path}|layername=surveyed_nests"
    return uri


def test_delineatezones_on_an_empty_geopackage_layer_names_it(rifa_provider, empty_nests, tmp_path):
    import processing

    layer = QgsVectorLayer(empty_nests, "surveyed_nests", "ogr")
    assert layer.isValid() and layer.featureCount() == 0
    params = {"NESTS": layer, **{name: str(tmp_path / f"{name}.gpkg") for name in OUTPUTS}}
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("rifa:delineatezones", params)
    assert str(raised.value) == "Layer 'surveyed_nests' has no nests with a geometry."


def test_barrierbuffer_on_an_empty_geopackage_layer_says_so(rifa_provider, empty_nests, tmp_path):
    from rifa_test_utils import Recorder

    import processing

    feedback = Recorder()
    layer = QgsVectorLayer(empty_nests, "surveyed_nests", "ogr")
    result = processing.run("rifa:barrierbuffer", {"INPUT": layer, "DISTANCE": 1000, "OUTPUT": str(tmp_path / "z.gpkg")},
                            feedback=feedback)
    assert QgsVectorLayer(result["OUTPUT"], "z", "ogr").featureCount() == 0
    assert any("surveyed_nests" in line and "no feature" in line for line in feedback.errors + feedback.infos)


@pytest.mark.production
def test_delineatezones_on_an_empty_layer_in_qgis_process(plugin_parent_dir, empty_nests, tmp_path):
    uri = empty_nests
    home = tmp_path / "home"
    assert qgis_process(["plugins", "enable", "rifa_zoning"], plugin_parent=plugin_parent_dir, home=home).returncode == 0
    outputs = [f"{name}={tmp_path / name}.gpkg" for name in OUTPUTS]
    run = qgis_process(["run", "rifa:delineatezones", "--", f"NESTS={uri}", *outputs],
                       plugin_parent=plugin_parent_dir, home=home)
    assert run.returncode != 0
    text = run.stdout + run.stderr
    # Processing names a layer given by its path after the file
    assert "Layer 'empty' has no nests with a geometry." in text
    assert "Fallback transform failed" not in text and "Traceback" not in text
