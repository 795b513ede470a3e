"""Briefing at scale: write the briefing of N synthetic one-document stories and open it in
headless Chromium; print file sizes, write time, load time and the load average.

    .venv/bin/python benchmarks/briefing_scale.py [N] [--no-browser]

The stories are the ones `tests/test_report.py` builds (`synthetic`): one dated event each
between two of 60 actors, so the charts must aggregate and the rest of the list must page.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402
from tacitus.report import write_briefing  # noqa: E402
from test_report import synthetic  # noqa: E402


def browser_seconds(path: Path) -> tuple[float, float] | None:
    """(seconds to the load event, seconds until every chart is drawn), or None."""
    executable = find_chromium()
    if executable is None:
        return None
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        loaded = time.perf_counter() - started
        page.wait_for_function(
            "Array.from(document.querySelectorAll('.chart'))"
            ".every(c => c.querySelector('.main-svg'))",
            timeout=120_000,
        )
        drawn = time.perf_counter() - started
        browser.close()
    return loaded, drawn


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "10000"))
    stories, docs = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        html, md = write_briefing(stories, docs, Path(tmp), top=20)
        written = time.perf_counter() - started
        print(f"{n:,} stories: wrote briefing in {written:.2f} s")
        print(f"briefing.html {html.stat().st_size / 1e6:.2f} MB, briefing.md "
              f"{md.stat().st_size / 1e6:.2f} MB")  # fmt: skip
        if "--no-browser" not in sys.argv:
            timing = browser_seconds(html)
            if timing:
                print(f"Chromium: load event {timing[0]:.2f} s, charts drawn {timing[1]:.2f} s")
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
