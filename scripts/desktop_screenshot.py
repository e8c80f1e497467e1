"""Screenshot of QGIS desktop with the demo project and the "Outbreak response" dock, for the README.

Needs ``make demo-project`` first. Starts the real QGIS desktop (``qgis.bin``) under Xvfb with a
throwaway profile in which only this checkout's plugin is enabled, opens
``demo_output/rifa_demo.qgz``, and grabs the main window to ``docs/images/qgis_desktop.png``::

    .venv/bin/python -P scripts/desktop_screenshot.py [--output-dir demo_output] [--out PNG]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1680, 1000)

# Run inside QGIS (--code): open the project, show the dock, grab the window, quit.
STARTUP = """
import os
import sys

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget
from qgis.utils import iface, plugins

window = iface.mainWindow()
window.setGeometry(0, 0, {width}, {height})  # Xvfb has no window manager to maximize it
QgsProject.instance().read({project!r})
for name in ("Browser", "Browser2"):  # more room for the map
    browser = window.findChild(QDockWidget, name)
    if browser is not None:
        browser.hide()

def show_dock():
    plugin = plugins.get("rifa_zoning")
    dock = getattr(plugin, "response_dock", None)
    if dock is None:
        print("SCREENSHOT: the plugin has no response dock")
    else:
        dock.show()
        dock.raise_()
        window.resizeDocks([dock], [620], 1)  # 1 = Qt.Horizontal
    view = QgsProject.instance().viewSettings().defaultViewExtent()
    if not view.isEmpty():
        iface.mapCanvas().setReferencedExtent(view)
    iface.mapCanvas().refreshAllLayers()

def shoot():
    ok = window.grab().save({out!r})
    print("SCREENSHOT:", "saved" if ok else "failed", flush=True)
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # no "save changes?" questions

QTimer.singleShot(3000, show_dock)
QTimer.singleShot(12000, shoot)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", default=str(ROOT / "demo_output"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "images" / "qgis_desktop.png"))
    args = parser.parse_args(argv)
    project = Path(args.output_dir).resolve() / "rifa_demo.qgz"
    if not project.is_file():
        raise SystemExit(f"{project} not found: run make demo-project first")
    out = Path(args.out).resolve()
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="rifa_desktop_") as tmp:
        tmp = Path(tmp)
        plugins = tmp / "plugins"
        plugins.mkdir()
        (plugins / "rifa_zoning").symlink_to(ROOT, target_is_directory=True)
        settings = tmp / "profiles" / "profiles" / "default" / "QGIS"
        settings.mkdir(parents=True)
        (settings / "QGIS3.ini").write_text(
            "[PythonPlugins]\nrifa_zoning=true\n\n[qgis]\ncheckVersion=false\n"
            "\n[locale]\noverrideFlag=true\nuserLocale=en_US\n",
            encoding="utf-8",
        )
        startup = tmp / "startup.py"
        startup.write_text(STARTUP.format(width=SIZE[0], height=SIZE[1], project=str(project), out=str(out)),
                           encoding="utf-8")
        env = dict(os.environ)
        for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QT_QPA_PLATFORM", "QGIS_OPTS"):
            env.pop(key, None)
        env.update({
            "HOME": str(tmp),
            "QGIS_PLUGINPATH": str(plugins),
            "PYTHONPATH": os.pathsep.join(p for p in (sysconfig.get_paths()["purelib"], env.get("PYTHONPATH", "")) if p),
        })
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24", "qgis.bin", "--profiles-path",
                   str(tmp / "profiles"), "--noversioncheck", "--nologo", "--code", str(startup)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    if not out.is_file():
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
        raise SystemExit("no screenshot written")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
