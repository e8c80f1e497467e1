"""Cheap tests that guard the project's conventions (after lizmap's test_code_layout.py)."""

from __future__ import annotations

import ast
import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qgis_or_qt():
    offenders = {}
    for path in sorted((ROOT / "core").rglob("*.py")):
        bad = {m for m in _imported_modules(path) if m.split(".")[0] in {"qgis", "PyQt5", "PyQt6", "processing"}}
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}
    assert list((ROOT / "core").rglob("*.py")), "core/ has no modules"


def test_init_holds_only_class_factory():
    tree = ast.parse((ROOT / "__init__.py").read_text(encoding="utf-8"))
    top_level = [node for node in tree.body if not isinstance(node, ast.Expr)]  # docstring aside
    assert [type(n).__name__ for n in top_level] == ["FunctionDef"]
    assert top_level[0].name == "classFactory"


def test_no_module_shadows_qgis_processing_at_top_level():
    # the repo root is never on sys.path, but a top-level processing.py would still confuse tools
    assert not (ROOT / "processing.py").exists()
    assert not (ROOT / "tests" / "processing.py").exists()


def test_metadata_has_what_the_plugin_repository_needs():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email",
                "repository", "tags", "icon", "hasProcessingProvider", "category"):
        assert general.get(key, "").strip(), key
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["hasProcessingProvider"] == "yes"
    assert (ROOT / general["icon"]).is_file()
    # about in English and Chinese
    assert "quarantine" in general["about"] and "疫区" in general["about"]


# shapely functions that need GEOS >= 3.12. Inside QGIS 3.22 (qgis_process, the desktop) QGIS's
# GEOS 3.11 is loaded first and its symbols win; these functions then mix two GEOS builds and crash.
GEOS_312_ONLY = {
    "contains_xy", "intersects_xy", "coverage_simplify", "coverage_is_valid", "coverage_invalid_edges",
    "disjoint_subset_union", "disjoint_subset_union_all", "orient_polygons", "equals_identical",
    "minimum_clearance_line", "has_m", "get_m", "maximum_inscribed_circle_center",
}


def test_no_shapely_function_that_needs_a_newer_geos_than_qgis():
    offenders = []
    for folder in ("core", "processing", "dialogs", "tools"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr in GEOS_312_ONLY:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.attr}")
    assert offenders == []
