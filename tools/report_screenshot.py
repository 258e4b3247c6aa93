"""The README's picture of the report: its overview page in Debian's Chromium.

.venv/bin/python tools/report_screenshot.py data/warehouse/haberdar-report docs/report.png
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTH, HEIGHT = 1200, 2000  # the charts; the institutions table below is left out


def main(report: Path, out: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        page.goto((report / "index.html").resolve().as_uri())
        for chart in ("network", "map", "monthly", "cities"):
            page.wait_for_selector(f"#{chart} svg", timeout=30_000)
        page.screenshot(path=out, full_page=True, clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
