"""Build dist/rifa_zoning-<version>.zip for QGIS's "Install from ZIP".

The zip holds the files git tracks (or would track) in the working tree, less those marked
``export-ignore`` in ``.gitattributes`` (tests and dev files), plus the compiled translations,
under a top folder ``rifa_zoning/``.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def version() -> str:
    for line in (ROOT / "metadata.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("version="):
            return line.split("=", 1)[1].strip()
    raise SystemExit("metadata.txt has no version")


def git_lines(*args: str, stdin: str | None = None) -> list[str]:
    out = subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True, input=stdin).stdout
    return out.splitlines()


def plugin_files() -> list[str]:
    files = git_lines("ls-files", "--cached", "--others", "--exclude-standard")
    files = [f for f in files if (ROOT / f).is_file()]
    ignored = set()
    for line in git_lines("check-attr", "--stdin", "export-ignore", stdin="\n".join(files)):
        path, _, value = line.rsplit(": ", 2)
        if value == "set":
            ignored.add(path)
    return sorted(f for f in files if f not in ignored)


def main() -> int:
    out = ROOT / "dist" / f"rifa_zoning-{version()}.zip"
    out.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in plugin_files():
            zf.write(ROOT / name, f"rifa_zoning/{name}")
        for qm in sorted((ROOT / "i18n").glob("*.qm")):
            zf.write(qm, f"rifa_zoning/i18n/{qm.name}")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
