"""The web app in a real browser (Playwright with Debian's Chromium): search → document → event
→ story, event filters, the CSV download; screenshots go to test-artifacts/.

Skips with the reason when Playwright or Chromium is missing (see the `browser` fixture).
"""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tacitus import Analyzer
from tacitus.web import create_app
from test_web_api import build_store


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[str]:
    """The app over the seeds and test articles, served by uvicorn on a loopback port."""
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'web.db'}"
    build_store(url, folder / "in", seeds_dir, Analyzer())
    port = _free_port()
    config = uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1300, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.problems = problems
    yield tab
    context.close()


def test_search_document_event_story(page: Any, server: str, artifacts_dir: Path) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "Xi visit")
    page.click("button[type=submit]")
    page.wait_for_selector("li.hit")
    assert page.locator("li.hit mark").count() > 0
    page.screenshot(path=str(artifacts_dir / "web-1-search.png"), full_page=True)

    page.locator("li.hit a.doc-link").first.click()
    page.wait_for_selector("article.doc-text")
    assert page.locator("article.doc-text mark.ev").count() > 0
    page.locator("button.show-evidence").first.click()
    assert page.locator("mark.ev.active").count() > 0  # our JS ran under the CSP
    page.screenshot(path=str(artifacts_dir / "web-2-document.png"), full_page=True)

    page.locator("ol.event-list a.event-link").first.click()
    page.wait_for_selector("ol.evidence-list")
    page.screenshot(path=str(artifacts_dir / "web-3-event.png"), full_page=True)

    page.locator("a.story-link").first.click()
    page.wait_for_selector("svg.timeline")
    assert "independent sources" in page.inner_text("main")
    page.screenshot(path=str(artifacts_dir / "web-4-story.png"), full_page=True)
    assert page.problems == []


def test_filters_and_csv_download(page: Any, server: str, artifacts_dir: Path) -> None:
    page.goto(server + "/events")
    everything = page.locator("table.events tbody tr").count()
    page.fill("input[name=actor]", "RUS")
    page.select_option("select[name=sort]", "-date")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**/events?*actor=RUS*")
    assert "since=" not in page.url  # empty filters are left out of the URL
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() <= everything
    page.screenshot(path=str(artifacts_dir / "web-5-events-filtered.png"), full_page=True)

    with page.expect_download() as info:
        page.click("#download-csv")
    target = artifacts_dir / "web-events-RUS.csv"
    info.value.save_as(str(target))
    records = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert len(records) == int(page.inner_text(".pager span").split(" of ")[1])
    assert all("RUS" in r["actor_codes"] for r in records)
    assert page.problems == []


def test_actor_page(page: Any, server: str, artifacts_dir: Path) -> None:
    page.goto(server + "/actors/CHN")
    page.wait_for_selector("svg.bars")
    page.locator('table.partners a[href^="/events?dyad="]').first.click()
    page.wait_for_url("**/events?dyad=*")
    assert page.locator("table.events tbody tr").count() > 0
    page.goto(server + "/actors/CHN")
    page.screenshot(path=str(artifacts_dir / "web-6-actor.png"), full_page=True)
    assert page.problems == []
