"""Start the real QGIS desktop (``qgis.bin``) under Xvfb with a throwaway profile in which only this
checkout's plugin is enabled, run a Python startup file in it (``--code``), and wait for it to quit.

Used by ``scripts/desktop_screenshot.py`` (README pictures) and ``tests/test_desktop.py`` (the dock
driven as a person would). The startup code must end QGIS itself (``os._exit``) when done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QGIS_BIN = "qgis.bin"  # Debian's qgis wrapper adds options QGIS 3.22 does not need here


def desktop_available() -> bool:
    return shutil.which(QGIS_BIN) is not None and shutil.which("xvfb-run") is not None


def run_desktop(startup: str, locale: str = "en_US", size: tuple[int, int] = (1366, 768), timeout: int = 300,
                workdir: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``startup`` (Python source) in QGIS desktop with the interface in ``locale`` (``zh-Hans``
    is what QGIS stores when a user picks 简体中文)."""
    with tempfile.TemporaryDirectory(prefix="rifa_desktop_") as tmp:
        tmp = Path(workdir or tmp)
        plugins = tmp / "plugins"
        plugins.mkdir(exist_ok=True)
        link = plugins / "rifa_zoning"
        if not link.exists():
            link.symlink_to(ROOT, target_is_directory=True)
        settings = tmp / "profiles" / "profiles" / "default" / "QGIS"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "QGIS3.ini").write_text(
            "[PythonPlugins]\nrifa_zoning=true\nprocessing=true\n\n[qgis]\ncheckVersion=false\n"
            f"\n[locale]\noverrideFlag=true\nuserLocale={locale}\nglobalLocale={locale}\n",
            encoding="utf-8",
        )
        code = tmp / "startup.py"
        code.write_text(startup, encoding="utf-8")
        env = dict(os.environ)
        for key in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QT_QPA_PLATFORM", "QGIS_OPTS"):
            env.pop(key, None)
        env.update({
            "HOME": str(tmp),
            "QGIS_PLUGINPATH": str(plugins),
            "PYTHONPATH": os.pathsep.join(p for p in (sysconfig.get_paths()["purelib"], env.get("PYTHONPATH", "")) if p),
        })
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {size[0]}x{size[1]}x24", QGIS_BIN, "--profiles-path",
                   str(tmp / "profiles"), "--noversioncheck", "--nologo", "--code", str(code)]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
