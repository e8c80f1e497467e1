"""Qt 6 readiness of the plugin's Python (QGIS 4 is built on Qt 6 / PyQt6).

What QGIS's own ``scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py`` rewrites, checked against the QGIS
and PyQt that are installed here (that script itself needs PyQt6 installed, Debian 12 has none):

- enums reached through their class only (``Qt.AlignLeft``, ``QgsWkbTypes.LineGeometry``): PyQt6
  has scoped enums only, so write ``Qt.AlignmentFlag.AlignLeft``; PyQt5 (QGIS 3.22 and 3.40)
  accepts that form too;
- ``exec_()``: gone in PyQt6, ``exec()`` works in both;
- ``QVariant.Int`` and the other QVariant types: gone in PyQt6, use QMetaType (QGIS 3.38+ takes it;
  ``processing/compat.py`` is the one place that still names QVariant's types, for QGIS < 3.38);
- ``import PyQt5``: go through ``qgis.PyQt``.

    python -P scripts/qt6_check.py [--fix] [FILE...]      (QGIS's Python; default: the plugin)

``--fix`` rewrites the enums to their scoped form in place. tests/test_qt6_ready.py runs the check.
"""

from __future__ import annotations

import argparse
import ast
import enum
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_PARTS = ("__init__.py", "plugin.py", "core", "dialogs", "processing", "tools")
# the modules whose classes' enums are checked (names imported from them)
QT_MODULES = ("qgis.core", "qgis.gui", "qgis.analysis", "qgis.PyQt.QtCore", "qgis.PyQt.QtGui", "qgis.PyQt.QtWidgets",
              "qgis.PyQt.QtXml", "qgis.PyQt.QtTest", "qgis.PyQt.QtNetwork", "qgis.PyQt.QtSvg")
QVARIANT_ALLOWED = {ROOT / "processing" / "compat.py"}


def plugin_files() -> list[Path]:
    files = []
    for part in PLUGIN_PARTS:
        path = ROOT / part
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _enum_type(value):
    """The enum type of ``value`` when it is an enum member (sip enum or Python enum), else None."""
    kind = type(value)
    if isinstance(value, enum.Enum):
        return kind
    if isinstance(value, int) and kind not in (int, bool) and kind.__module__.split(".")[0] in ("PyQt5", "PyQt6", "qgis"):
        return kind
    return None


def _scoped_name(cls, member: str, value) -> str | None:
    """``EnumName`` such that ``cls.EnumName.member`` is ``value``; None if there is none."""
    kind = _enum_type(value)
    if kind is None:
        return None
    candidates = [kind.__name__] + [name for name in dir(cls) if not name.startswith("_")]
    for name in candidates:
        holder = getattr(cls, name, None)
        if isinstance(holder, type) and (holder is kind or issubclass(kind, holder) or issubclass(holder, kind)):
            try:
                if getattr(holder, member) == value:
                    return name
            except AttributeError:
                continue
    return None


def _qgis_enum(value) -> bool:
    from qgis.core import Qgis

    return isinstance(value, enum.Enum) and getattr(Qgis, type(value).__name__, None) is type(value)


def _imported_classes(tree: ast.Module) -> dict:
    """Names bound by ``from <Qt or QGIS module> import X`` anywhere in the file -> the objects."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in QT_MODULES and node.level == 0:
            module = importlib.import_module(node.module)
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if isinstance(obj, type):
                    names[alias.asname or alias.name] = obj
    return names


def problems(path: Path) -> list[tuple[int, int, str, str | None]]:
    """(line, column, message, scoped enum name to insert or None) for each Qt 5 only idiom."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    classes = _imported_classes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(m == "PyQt5" or m.startswith("PyQt5.") for m in modules):
                found.append((node.lineno, node.col_offset, "import from qgis.PyQt, not PyQt5", None))
        elif isinstance(node, ast.FunctionDef) and node.name == "exec_":
            found.append((node.lineno, node.col_offset, "def exec(), not exec_() (gone in PyQt6)", None))
        elif isinstance(node, ast.Attribute):
            if node.attr == "exec_":
                found.append((node.lineno, node.col_offset, "exec(), not exec_() (gone in PyQt6)", None))
                continue
            if not isinstance(node.value, ast.Name):
                continue
            owner = node.value.id
            if owner == "QVariant" and node.attr not in ("Type",) and path not in QVARIANT_ALLOWED:
                value = getattr(classes.get("QVariant"), node.attr, None)
                if _enum_type(value) is not None:
                    found.append((node.lineno, node.col_offset,
                                  f"QVariant.{node.attr}: QVariant's types are gone in Qt 6 (processing/compat.py)", None))
                continue
            cls = classes.get(owner)
            if cls is None:
                continue
            value = getattr(cls, node.attr, None)
            if value is None or isinstance(value, type) or _enum_type(value) is None:
                continue
            scoped = _scoped_name(cls, node.attr, value)
            if scoped is not None and scoped != node.attr:
                found.append((node.lineno, node.col_offset,
                              f"{owner}.{node.attr}: write {owner}.{scoped}.{node.attr} (Qt 6 enums are scoped)", scoped))
            elif scoped is None and owner != "Qgis" and _qgis_enum(value):
                # an enum QGIS moved to the Qgis class, whose old scoped name not every version has
                found.append((node.lineno, node.col_offset,
                              f"{owner}.{node.attr}: write Qgis.{type(value).__name__}.{value.name}", None))
    return sorted(found)


def fix(path: Path) -> int:
    """Rewrite the unscoped enums of ``path`` in place; returns how many."""
    found = [p for p in problems(path) if p[3] is not None]
    if not found:
        return 0
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for line, column, _, scoped in sorted(found, reverse=True):
        text = lines[line - 1].encode("utf-8")  # ast's columns count UTF-8 bytes
        dot = text.index(b".", column)  # Owner.member: the owner's name ends at the first dot
        lines[line - 1] = (text[: dot + 1] + scoped.encode() + b"." + text[dot + 1:]).decode("utf-8")
    path.write_text("".join(lines), encoding="utf-8")
    return len(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="rewrite unscoped enums in place")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)  # some classes need a running QGIS to be introspected
    app.initQgis()
    files = [f.resolve() for f in args.files] or plugin_files()
    left = 0
    for path in files:
        if args.fix:
            count = fix(path)
            if count:
                print(f"{path.relative_to(ROOT)}: {count} enums scoped")
        for line, column, message, _ in problems(path):
            print(f"{path.relative_to(ROOT)}:{line}:{column + 1}: {message}")
            left += 1
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
