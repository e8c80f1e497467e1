"""Screenshot of the "Outbreak response" dock for the README (docs/images/dock.png).

Nests in two Putian districts (荔城区, 城厢区) over the Fujian county layer give Grade II; T0 is
30 hours ago, so some measures are done and some overdue.

    xvfb-run -a .venv/bin/python -P scripts/dock_screenshot.py [fujian_counties.geojson] [out.png]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COUNTIES = ROOT.parent.parent / "shared" / "data" / "fujian_counties.geojson"


def main() -> int:
    counties = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_COUNTIES
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "images" / "dock.png"
    package_dir = Path(tempfile.mkdtemp(prefix="rifa_pkg_"))
    (package_dir / "rifa_zoning").symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(package_dir))

    from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

    app = QgsApplication([], True)
    app.initQgis()
    from qgis.PyQt.QtCore import QDateTime

    from rifa_zoning.dialogs.response_dock import ResponseDock
    from rifa_zoning.tools.records import set_records_path

    work = Path(tempfile.mkdtemp(prefix="rifa_shot_"))
    project = QgsProject.instance()
    project.setFileName(str(work / "putian_outbreak.qgz"))
    admin = QgsVectorLayer(str(counties), "Fujian counties", "ogr")
    assert admin.isValid(), counties
    nests = QgsVectorLayer("Point?crs=EPSG:4326&field=nest_id:integer", "Nests", "memory")
    features = []
    for county in admin.getFeatures():
        if county["county_code"] in ("350304", "350302"):
            centre = county.geometry().pointOnSurface().asPoint()
            for k in range(3):
                feature = QgsFeature(nests.fields())
                feature.setGeometry(QgsGeometry.fromWkt(f"POINT({centre.x() + 0.002 * k} {centre.y()})"))
                feature["nest_id"] = len(features) + 1
                features.append(feature)
    nests.dataProvider().addFeatures(features)
    project.addMapLayers([admin, nests])
    set_records_path(project, str(work / "putian_outbreak_rifa_records.gpkg"))

    dock = ResponseDock(None)
    dock.lang = "en"
    now = datetime.now().replace(second=0, microsecond=0)
    dock.clock = lambda: now
    dock.t0_edit.setDateTime(QDateTime(now - timedelta(hours=30)))
    dock.nests_combo.setLayer(nests)
    dock.admin_combo.setLayer(admin)
    for key in ("county_code", "county_name", "city_code", "city_name", "province"):
        dock.field_combos[key].setField(key)
    dock.refresh()
    for item in ("inspect_on_site", "report_local_hq", "report_province", "isolation", "lockdown_request"):
        dock.set_done(item, True)
    dock.set_note("report_local_hq", "phoned 莆田市植物检疫站")
    dock.resize(900, 1760)
    dock.show()
    for _ in range(5):
        app.processEvents()
    dock.table.resizeRowsToContents()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    assert dock.grab().save(str(out)), out
    print(out, dock.badge.text(), dock.overdue_label.text())
    dock.cleanup()
    dock.deleteLater()
    app.processEvents()
    project.clear()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
