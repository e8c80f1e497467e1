"""Is shapely >= 2 there? The plugin loads without it, says what to install, and the
algorithms that need it refuse with the same message instead of crashing."""

from __future__ import annotations

import importlib

from .i18n import tr

MIN_SHAPELY = (2, 0)


def shapely_problem() -> str | None:
    """None when shapely >= 2 imports; otherwise a message saying what to install and how."""
    try:
        shapely = importlib.import_module("shapely")
        version = tuple(int(p) for p in shapely.__version__.split(".")[:2] if p.isdigit())
    except Exception:  # ImportError, or a broken install
        version = None
    if version is not None and version >= MIN_SHAPELY:
        return None
    found = tr("not installed") if version is None else ".".join(map(str, version))
    return tr(
        "RIFA Zoning needs the Python package shapely 2 or newer (found: {found}). "
        "Install it for the Python that QGIS uses, then restart QGIS: "
        "on Windows (OSGeo4W Shell) run 'python -m pip install \"shapely>=2\"'; "
        "on Debian/Ubuntu run 'make venv' in the plugin folder and start QGIS with 'make qgis' "
        "(or put that venv's site-packages on PYTHONPATH); see the README."
    ).format(found=found)


def docx_problem() -> str | None:
    """None when python-docx imports; otherwise what to install and how (as for shapely): only
    the Word documents need it (rifa:lockdownorder, rifa:periodreport, through
    ``processing.docx_report.require_docx``), the rest of the plugin works without it."""
    try:
        importlib.import_module("docx")
        return None
    except Exception:  # ImportError, or a broken install
        pass
    return tr(
        "The Word documents (rifa:lockdownorder, rifa:periodreport) need the Python package python-docx "
        "(found: not installed). "
        "Install it for the Python that QGIS uses, then restart QGIS: "
        "on Windows (OSGeo4W Shell) run 'python -m pip install python-docx'; "
        "on Debian/Ubuntu run 'make venv' in the plugin folder and start QGIS with 'make qgis' "
        "(or put that venv's site-packages on PYTHONPATH); see the README."
    )
