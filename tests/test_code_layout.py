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


# shapely calls whose default depends on the GEOS shapely was built with (shapely 2.2 bundles GEOS
# >= 3.12 and then writes 4 dimensions): inside QGIS 3.22 the GEOS 3.11 QGIS loads first refuses
# them with "WKB output dimension must be 2 or 3" (issue 13, item 1). They must say output_dimension.
NEEDS_OUTPUT_DIMENSION = {"to_wkb", "to_wkt", "wkb.dumps", "wkt.dumps"}
# keywords of otherwise safe functions that need GEOS >= 3.12
GEOS_312_KEYWORDS = {("voronoi_polygons", "ordered"), ("get_coordinates", "include_m"), ("to_ragged_array", "include_m")}
# geometry properties that call them with the default (QGIS objects use asWkb()/asWkt() instead)
DEFAULT_DIMENSION_PROPERTIES = {"wkb", "wkb_hex", "wkt"}


def _geos_dependent_calls(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if name == "dumps":  # shapely.wkb.dumps / wkt.dumps, not json.dumps
                owner = func.value if isinstance(func, ast.Attribute) else None
                owner = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
                name = f"{owner}.dumps"
            if name in NEEDS_OUTPUT_DIMENSION and not any(k.arg == "output_dimension" for k in node.keywords):
                found.append((node.lineno, f"{name}() without output_dimension"))
            for keyword in node.keywords:
                if (name, keyword.arg) in GEOS_312_KEYWORDS:
                    found.append((node.lineno, f"{name}({keyword.arg}=...) needs GEOS 3.12"))
        elif (isinstance(node, ast.Attribute) and node.attr in DEFAULT_DIMENSION_PROPERTIES
              and not (isinstance(node.value, ast.Name) and node.value.id == "shapely")):  # the modules
            found.append((node.lineno, f".{node.attr}"))
    return found


def test_the_lint_sees_a_to_wkb_without_output_dimension():
    tree = ast.parse("shapely.to_wkb(g)\nshapely.to_wkb(g, output_dimension=2)\nto_wkt(g)\ng.wkb\nshapely.wkb.dumps(g)\n"
                     "json.dumps(x)\nshapely.voronoi_polygons(g, ordered=True)\nshapely.voronoi_polygons(g)\n")
    assert [line for line, _ in _geos_dependent_calls(tree)] == [1, 3, 4, 5, 7]


def test_no_shapely_call_whose_result_depends_on_the_geos_version():
    offenders = []
    paths = [ROOT / "plugin.py"] + [p for f in ("core", "processing", "dialogs", "tools") for p in (ROOT / f).rglob("*.py")]
    for path in sorted(paths):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(ROOT)}:{line} {what}" for line, what in _geos_dependent_calls(tree)]
    assert offenders == []


def test_plugin_files_are_named_through_paths_only():
    # paths.py is the one home of the plugin folder, its icon and version (issue 21): the provider is
    # no resources module (nothing imports from it but plugin.py), and nobody computes the folder again
    offenders = []
    for path in sorted(p for f in ("core", "processing", "dialogs", "tools") for p in (ROOT / f).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("provider") and node.level:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports the provider")
        if "Path(__file__)" in text:
            offenders.append(f"{path.relative_to(ROOT)} computes a path from __file__")
    assert offenders == []
    assert not {m for m in _imported_modules(ROOT / "paths.py") if m.split(".")[0] in {"qgis", "PyQt5", "PyQt6"}}
