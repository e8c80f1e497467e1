"""Pictures for the README (docs/images/), from the demo's results on the Putian sample data.

Run ``make demo`` first, then::

    QT_QPA_PLATFORM=offscreen .venv/bin/python -P scripts/readme_images.py [--output-dir demo_output]

- ``docs/images/demo_map.png``: the lockdown map preview the demo printed (``lockdown_map.png``).
- ``docs/images/zone_vs_buffer.png``: left, a plain 5 km buffer around the nests (what a technician
  gets from a buffer tool); right, the quarantine zone of ``rifa:delineatezones`` with the same
  radius, which stops at the Mulan River and passes only at the bridges.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_script import ROOT, SAMPLE, qgis_application  # noqa: E402

IMAGES = ROOT / "docs" / "images"
CRS = QgsCoordinateReferenceSystem("EPSG:32650")
RADIUS = 5000  # the demo's quarantine radius
ZONE_STYLE = {"color": "255,140,0,110", "outline_color": "204,85,0", "outline_width": "0.7"}
PANEL = QSize(860, 640)
FONT = "Noto Sans CJK SC"


def sample(name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{SAMPLE}|layername={name}", name, "ogr")  # default style from the GeoPackage
    assert layer.isValid(), name
    return layer


def plain_buffer(nests: QgsVectorLayer) -> QgsVectorLayer:
    """The union of 5 km disks around the nests, in UTM 50N (true metres)."""
    to_utm = QgsCoordinateTransform(nests.crs(), CRS, QgsProject.instance())
    disks = []
    for feature in nests.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(to_utm)
        disks.append(geometry.buffer(RADIUS, 64))
    layer = QgsVectorLayer(f"Polygon?crs={CRS.authid()}", "plain buffer", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.unaryUnion(disks))
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    return layer


def zone_layer(layer: QgsVectorLayer) -> QgsVectorLayer:
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(ZONE_STYLE)))
    return layer


def render(layers: list[QgsVectorLayer], extent: QgsRectangle) -> QImage:
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(CRS)
    settings.setOutputSize(PANEL)
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def compose(left: QImage, right: QImage, captions: tuple[str, str]) -> QImage:
    header, gap = 64, 16
    image = QImage(left.width() + right.width() + gap, left.height() + header, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    font = QFont(FONT)
    font.setPixelSize(19)
    painter.setFont(font)
    for x, panel, caption in ((0, left, captions[0]), (left.width() + gap, right, captions[1])):
        painter.drawImage(x, header, panel)
        painter.setPen(QColor("#333333"))
        painter.drawRect(x, header, panel.width() - 1, panel.height() - 1)
        painter.drawText(QRectF(x, 0, panel.width(), header), Qt.AlignCenter | Qt.TextWordWrap, caption)
    painter.end()
    return image


def zone_vs_buffer(results: Path, out: Path) -> None:
    nests, rivers, ridges, roads, bridges = (sample(n) for n in ("nests", "rivers", "ridges", "roads", "bridges"))
    buffer = zone_layer(plain_buffer(nests))
    quarantine = zone_layer(QgsVectorLayer(f"{results}|layername=quarantine_zones", "quarantine", "ogr"))
    assert quarantine.isValid(), results
    extent = QgsCoordinateTransform(buffer.crs(), CRS, QgsProject.instance()).transformBoundingBox(buffer.extent())
    extent.scale(1.08)
    # keep the panel's aspect ratio
    want = PANEL.width() / PANEL.height()
    if extent.width() / extent.height() < want:
        extent.scale(want * extent.height() / extent.width(), extent.center())
    else:
        extent.scale(extent.width() / want / extent.height(), extent.center())
    top = [nests, bridges, roads, rivers, ridges]
    left = render([*top, buffer], extent)
    right = render([*top, quarantine], extent)
    image = compose(left, right, (
        "Plain 5 km buffer: crosses the Mulan River everywhere\n普通缓冲区:越过木兰溪",
        "rifa:delineatezones, 5 km: stops at the river, passes at bridges\n疫区:止于木兰溪,仅经桥梁延伸",
    ))
    if not image.save(str(out)):
        raise SystemExit(f"could not write {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the README pictures from the demo output.")
    parser.add_argument("--output-dir", default=str(ROOT / "demo_output"), help="the demo's output folder")
    args = parser.parse_args(argv)
    out = Path(args.output_dir).resolve()
    IMAGES.mkdir(parents=True, exist_ok=True)
    with qgis_application():
        zone_vs_buffer(out / "rifa_demo.gpkg", IMAGES / "zone_vs_buffer.png")
        shutil.copyfile(out / "lockdown_map.png", IMAGES / "demo_map.png")
    print(f"wrote {IMAGES / 'zone_vs_buffer.png'} and {IMAGES / 'demo_map.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
