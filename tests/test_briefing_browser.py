"""The briefing in a real browser: headless Chromium opens the file offline and draws it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tacitus.extract import extract_paths
from tacitus.fuse import fuse
from tacitus.report import write_briefing
from tacitus.store import Store
from test_report import SEEDS, synthetic


@pytest.fixture(scope="module")
def seeds_briefing(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("briefing-browser")
    with Store(f"sqlite:///{root / 'store.db'}") as store:
        extract_paths([str(seeds_dir)], store)
        docs = list(store.documents())
        events = store.document_events([d.id for d in docs])
    stories = [s.to_dict() for s in fuse(docs, events)]
    return write_briefing(stories, docs, root / "out")[0]


class Visit:
    """A page opened on a file URL, with every console error and request it made."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        started = time.perf_counter()
        self.page.goto(path.as_uri(), wait_until="load")
        self.seconds = time.perf_counter() - started


@pytest.fixture
def visit(browser: Any, seeds_briefing: Path) -> Iterator[Visit]:
    opened = Visit(browser, seeds_briefing)
    yield opened
    opened.page.close()


def test_seeds_briefing_renders_offline(
    visit: Visit, seeds_briefing: Path, artifacts_dir: Path
) -> None:
    page = visit.page
    for chart in ("#chart-timeline", "#chart-actors", "#chart-dyads"):
        page.wait_for_selector(f"{chart}.js-plotly-plot .main-svg", timeout=30_000)
        assert page.locator(f"{chart} .main-svg").first.is_visible()
    # the timeline has its dots, the graph its actors
    assert page.locator("#chart-timeline .scatterlayer .point").count() >= 3
    labels = page.locator("#chart-actors .scatterlayer .textpoint").all_text_contents()
    assert {"CHN", "RUS"} <= set(labels)

    clash = page.locator("#s1-e1 .clashes")
    assert clash.is_visible()
    assert "7–10 May 2025" in clash.inner_text() and "7–9 May 2025" in clash.inner_text()
    rows = page.locator("#s1-e1 table.values").first.locator("tbody tr")
    values = {rows.nth(i).locator("td").nth(0).inner_text(): rows.nth(i).locator("td").nth(1)
              .inner_text() for i in range(rows.count())}  # fmt: skip
    assert values == {"7–10 May 2025": SEEDS[0], "7–9 May 2025": SEEDS[1], "9 May 2025": SEEDS[2]}
    assert page.locator("#s1-e1 tr.contradiction").count() == 2
    assert page.locator("#s1-e1 .trajectory .badge").all_inner_texts() == [
        "possible",
        "planned",
        "asserted",
    ]

    page.screenshot(path=str(artifacts_dir / "briefing-seeds.png"), full_page=True)
    assert visit.errors == []
    assert visit.requests == [seeds_briefing.as_uri()]


def test_clicking_a_timeline_dot_jumps_to_its_event(visit: Visit) -> None:
    page = visit.page
    page.wait_for_selector("#chart-timeline .scatterlayer .point", timeout=30_000)
    page.evaluate(
        """() => {
            const plot = document.getElementById('chart-timeline');
            plot.emit('plotly_click', {points: [{customdata: 's1-e1'}]});
        }"""
    )
    assert page.evaluate("window.location.hash") == "#s1-e1"


def test_ten_thousand_documents_open_and_page(
    browser: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    stories, docs = synthetic(10_000)
    path = write_briefing(stories, docs, tmp_path)[0]
    opened = Visit(browser, path)
    page = opened.page
    try:
        page.wait_for_selector("#chart-actors .main-svg", timeout=60_000)
        assert page.locator("#rest-table tbody tr:not([hidden])").count() == 50
        assert "Page 1 of 200 (9980 stories)" in page.locator(".pager .page-label").inner_text()
        page.locator(".pager button[data-step='1']").click()
        assert page.locator("#rest-table tbody tr:not([hidden])").first.get_attribute("id") == "s71"
        page.locator(".pager input").fill("Story number 9999")
        assert page.locator("#rest-table tbody tr:not([hidden])").count() == 1
        page.screenshot(path=str(artifacts_dir / "briefing-10k.png"))
        assert opened.errors == []
        assert opened.requests == [path.as_uri()]
        assert opened.seconds < 60, opened.seconds
    finally:
        page.close()
