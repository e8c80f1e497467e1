"""What the benchmarks (and the tests that run their scenes through QGIS) share: QGIS started
headless with Processing and the plugin, and memory layers of the scenes' nests and rivers.

The checkout is linked as ``rifa_zoning`` in a temporary folder (its root must never be on
sys.path: our ``processing/`` would shadow QGIS's), as tests/conftest.py does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRS = "EPSG:32650"
X0, Y0 = 650_000.0, 2_780_000.0  # south-west corner of the scenes in UTM 50N (near Putian)


def start_qgis_with_plugin():
    """QgsApplication (headless), Processing and the plugin's provider: (application, plugin)."""
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    package_dir = Path(tempfile.mkdtemp(prefix="rifa_bench_"))
    (package_dir / "rifa_zoning").symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(package_dir))
    import rifa_zoning

    plugin = rifa_zoning.classFactory(None)
    plugin.initProcessing()
    return app, plugin


def nest_layer(xy, x0=X0, y0=Y0, name="nests"):
    """A memory point layer of the nests ``xy`` (scene metres, shifted by x0, y0)."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer(f"Point?crs={CRS}", name, "memory")
    features = []
    for x, y in xy:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x0 + x, y0 + y)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def river_layer(chains, x0=X0, y0=Y0, name="rivers"):
    """A memory line layer, one feature per chain of ``chains`` ((n, 2) arrays, scene metres)."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer(f"LineString?crs={CRS}", name, "memory")
    features = []
    for xy in chains:
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x0 + x, y0 + y) for x, y in xy]))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer
