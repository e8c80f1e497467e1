"""Write resources/layouts/lockdown_map*.qpt from processing/layout_template.py.

Run after changing the layout code: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -P
scripts/make_layout_templates.py``. Bureaus edit the .qpt files themselves in the layout designer.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    link_dir = Path(tempfile.mkdtemp(prefix="rifa_tpl_"))
    (link_dir / "rifa_zoning").symlink_to(ROOT, target_is_directory=True)
    sys.path.insert(0, str(link_dir))
    from qgis.core import QgsApplication, QgsPathResolver, QgsProject, QgsReadWriteContext

    app = QgsApplication([], False)
    app.initQgis()
    from rifa_zoning.processing.layout_template import TEMPLATES, build_layout

    project = QgsProject()
    for orientation, path in TEMPLATES.items():
        layout = build_layout(project, orientation)
        path.parent.mkdir(parents=True, exist_ok=True)
        context = QgsReadWriteContext()
        context.setPathResolver(QgsPathResolver(str(path)))  # the north arrow relative to the template
        if not layout.saveAsTemplate(str(path), context):
            print(f"could not write {path}")
            return 1
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
