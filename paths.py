"""Where the plugin's own files are, its icon and its version: one home (after QuickOSM's
``resources.py`` and DataPlotly's ``GuiUtils``).

Pure Python (no qgis import), so ``core/`` may use it too. Everything else names a file of the
plugin through this module instead of computing the plugin folder again.
"""

from __future__ import annotations

from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PLUGIN_DIR / "resources"
I18N_DIR = PLUGIN_DIR / "i18n"
METADATA = PLUGIN_DIR / "metadata.txt"
ICON = RESOURCES_DIR / "icons" / "rifa.svg"


def resources_path(*parts: str) -> Path:
    """A file or folder under ``resources/``: ``resources_path("profiles", "putian_2006.json")``."""
    return RESOURCES_DIR.joinpath(*parts)


def version() -> str:
    """The plugin's version, from ``metadata.txt`` ("" when it names none)."""
    for line in METADATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("version="):
            return line.split("=", 1)[1].strip()
    return ""
