"""Qt 6 readiness (QGIS 4): no PyQt5-only idioms in the plugin, checked by scripts/qt6_check.py
(the equivalent of QGIS's pyqt5_to_pyqt6 script, against the QGIS installed here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_checker():
    spec = importlib.util.spec_from_file_location("qt6_check", ROOT / "scripts" / "qt6_check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_plugin_has_no_qt5_only_idioms(qgis_app):
    checker = load_checker()
    files = checker.plugin_files()
    assert ROOT / "processing" / "lockdown_map.py" in files and ROOT / "plugin.py" in files
    found = [f"{path.relative_to(ROOT)}:{line}: {message}" for path in files
             for line, _, message, _ in checker.problems(path)]
    assert not found, "run: python -P scripts/qt6_check.py --fix\n" + "\n".join(found)


def test_the_check_finds_and_fixes_each_idiom(qgis_app, tmp_path):
    checker = load_checker()
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from PyQt5.QtCore import QTimer\n"
        "from qgis.core import QgsWkbTypes, Qgis\n"
        "from qgis.PyQt.QtCore import Qt, QVariant\n"
        "label = '封锁'; align = Qt.AlignLeft | Qt.AlignTop\n"
        "kind = QgsWkbTypes.LineGeometry\n"
        "level = Qgis.Warning\n"
        "field_type = QVariant.Int\n"
        "fine = (Qt.AlignmentFlag.AlignLeft, QgsWkbTypes.GeometryType.LineGeometry, Qgis.MessageLevel.Info)\n"
        "def run(dialog):\n"
        "    return dialog.exec_()\n",
        encoding="utf-8",
    )
    found = {(line, message.split(":")[0]) for line, _, message, _ in checker.problems(sample)}
    assert found == {
        (1, "import from qgis.PyQt, not PyQt5"),
        (4, "Qt.AlignLeft"), (4, "Qt.AlignTop"),
        (5, "QgsWkbTypes.LineGeometry"),
        (6, "Qgis.Warning"),
        (7, "QVariant.Int"),
        (10, "exec(), not exec_() (gone in PyQt6)"),
    }
    assert checker.fix(sample) == 4
    lines = sample.read_text(encoding="utf-8").splitlines()
    assert lines[3] == "label = '封锁'; align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop"
    assert lines[4] == "kind = QgsWkbTypes.GeometryType.LineGeometry"
    assert lines[5] == "level = Qgis.MessageLevel.Warning"
    namespace = {}
    exec(compile("\n".join(lines[1:8]), "fixed", "exec"), namespace)  # the scoped forms work on this QGIS
    assert int(namespace["align"]) == 0x21 and namespace["level"] == namespace["Qgis"].Warning
