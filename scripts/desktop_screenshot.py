"""Screenshots of QGIS desktop after the whole chain was run from the "Outbreak response" dock, for
the README: ``docs/images/qgis_desktop.png`` (English) and ``docs/images/qgis_desktop_zh.png``
(简体中文, locale ``zh-Hans``).

Starts the real QGIS desktop (``qgis.bin``) under Xvfb at 1366×768 with a throwaway profile in
which only this checkout's plugin is enabled, and runs ``scripts/desktop_driver.py`` in it: the
sample layers are loaded, picked once in the dock, and every step's button is pressed and run, as
``tests/test_desktop.py`` does; the main window is grabbed at the end::

    .venv/bin/python -P scripts/desktop_screenshot.py [--out-dir docs/images]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qgis_desktop import ROOT, run_desktop  # noqa: E402
from qgis_script import SAMPLE  # noqa: E402

SIZE = (1366, 768)
LOCALES = {"en_US": "qgis_desktop.png", "zh-Hans": "qgis_desktop_zh.png"}
SETTINGS = {
    "layers": {name: name for name in ("counties", "villages", "rivers", "ridges", "roads", "bridges", "nests")},
    "pick": {"single": {"nests_combo": "nests", "admin_combo": "counties", "villages_combo": "villages",
                        "crossings_combo": "bridges", "roads_combo": "roads"}, "barriers": ["rivers", "ridges"]},
    "steps": ["zoning", "grade", "checkpoints", "affected", "map", "order", "declare"],
    "typed": {"map": {"ORDER_NUMBER": "莆政封〔2025〕1号(示例 sample)", "AUTHORITY": "莆田市人民政府(示例 sample)",
                      "ISSUE_DATE": "2025-04-12"}},
    "width": SIZE[0], "height": SIZE[1],
}


def shoot(locale: str, out: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="rifa_shot_") as tmp:
        tmp = Path(tmp)
        data = tmp / "putian_sample.gpkg"
        shutil.copy(SAMPLE, data)
        settings = dict(SETTINGS, data=str(data), project=str(tmp / "outbreak.qgz"), report=str(tmp / "report.json"),
                        screenshot=str(out))
        startup = (ROOT / "scripts" / "desktop_driver.py").read_text(encoding="utf-8").replace(
            "{settings}", json.dumps(settings, ensure_ascii=False))
        done = run_desktop(startup, locale=locale, size=SIZE, timeout=360)
        report = tmp / "report.json"
        if not report.is_file() or not out.is_file():
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
            raise SystemExit(f"no screenshot written for {locale}")
        return json.loads(report.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=str(ROOT / "docs" / "images"))
    args = parser.parse_args(argv)
    for locale, name in LOCALES.items():
        out = Path(args.out_dir).resolve() / name
        out.unlink(missing_ok=True)
        report = shoot(locale, out)
        print(f"wrote {out}: {report.get('badge')}, errors: {len(report.get('errors', []))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
