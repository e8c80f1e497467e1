"""Draws ``docs/images/lockdown_order.png``: the first page of the demo's lockdown order, as Word
or LibreOffice shows it. Needs ``make demo`` first and LibreOffice Writer (Debian:
``apt-get install libreoffice-writer-nogui``); without LibreOffice it says so and leaves the
committed picture as it is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORDER = ROOT / "demo_output" / "lockdown_order.docx"
PICTURE = ROOT / "docs" / "images" / "lockdown_order.png"


def main() -> int:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("LibreOffice not found (apt-get install libreoffice-writer-nogui): "
              f"{PICTURE.relative_to(ROOT)} left as it is")
        return 0
    if not ORDER.is_file():
        print(f"{ORDER} is missing: run 'make demo' first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="rifa_order_picture_") as tmp:
        tmp = Path(tmp)
        subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp / 'profile'}",
                        "--convert-to", "pdf", "--outdir", str(tmp), str(ORDER)],
                       check=True, capture_output=True, timeout=300)
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile",
                        str(tmp / "lockdown_order.pdf"), str(tmp / "page")], check=True, timeout=120)
        PICTURE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tmp / "page.png", PICTURE)
    print(f"written {PICTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
