"""The web app's JSON API and pages through FastAPI's test client: every endpoint, bad
parameters (a coded 4xx, never a 500), ingest limits, read-only mode, and a hostile article."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tacitus import Analyzer, Store, extract_paths
from tacitus.export import write_events
from tacitus.fuse import fuse
from tacitus.store.search import EventQuery, iter_events
from tacitus.web import create_app
from tacitus.web.api import event_document, stream_events
from tacitus.web.app import CSP
from test_search import ARTICLES, write_corpus

HOSTILE = {
    "id": "hostile<b>name</b>",
    "title": "<script>alert('title')</script> Ministers meet",
    "outlet": '"><svg onload=alert(1)>',
    "published": "2025-05-10",
    "text": "<script>alert('text')</script>\nFrench President Emmanuel Macron met German "
    "Chancellor Friedrich Merz in Paris on Friday <img src=x onerror=alert(2)>. "
    "The two leaders agreed to coordinate aid to Ukraine, an adviser said. "
    '</textarea><a href="javascript:alert(3)">click</a>',
}
RAW_ATTACKS = ("<script>alert", "<img src=x", "<svg onload", 'href="javascript:', "</textarea><a")


def build_store(url: str, folder: Path, seeds: Path | None, analyzer: Analyzer) -> None:
    """Ingest and analyse the test articles (and the seeds), then fuse them into stories."""
    paths = [str(write_corpus(folder, [*ARTICLES, HOSTILE]))]
    if seeds is not None:
        paths.append(str(seeds))
    with Store(url) as store:
        extract_paths(paths, store, analyzer)
        docs = list(store.documents(with_text=True))
        store.save_stories(fuse(docs, store.document_events([d.id for d in docs])))


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="module")
def store_file(
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, analyzer: Analyzer
) -> str:
    folder = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{folder / 'web.db'}"
    build_store(url, folder / "in", seeds_dir, analyzer)
    return url


@pytest.fixture(scope="module")
def client(store_file: str) -> Iterator[TestClient]:
    with TestClient(create_app(store_file)) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path, store_file: str) -> Iterator[TestClient]:
    """A server with ingest allowed over a copy of the store, with a small upload limit."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(store_file.removeprefix("sqlite:///")).read_bytes())
    app = create_app(f"sqlite:///{copy}", allow_ingest=True, max_upload_bytes=20_000)
    with TestClient(app) as test_client:
        yield test_client


def _doc_id(client: TestClient, name: str) -> str:
    return str(client.get(f"/api/documents/{name}").json()["id"])


# ----------------------------------------------------------------------------- basics


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/meta", "/static/app.js", "/nope"):
        response = client.get(url)
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    story = client.get("/api/stories").json()["items"][0]["id"]
    for url in ("/", "/events", "/stories", f"/stories/{story}", "/actors/RUS"):
        html = client.get(url).text
        assert "<script>" not in html and "<style" not in html and "style=" not in html
        assert '<script src="/static/app.js' in html


def test_meta(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert meta["documents"] == 7  # three articles, the hostile one, three seeds
    assert meta["stories"] >= 1
    assert "CONSULT" in meta["types"] and meta["factuality"][0] == "asserted"
    assert "Harbour Gazette" in meta["outlets"]
    assert meta["allow_ingest"] is False


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/meta",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/documents/upload",
        "/api/events",
        "/api/events/export",
        "/api/events/{doc_id}/{event_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/actors/{actor_code}",
    }
    assert {p["name"] for p in paths["/api/events"]["get"]["parameters"]} >= {
        "actor",
        "dyad",
        "since",
        "sort",
        "limit",
    }
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_static_files_come_from_memory(client: TestClient) -> None:
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    for name in ("../app.py", "..%2Fapp.py", "app.py", "templates", "%00"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 404, name


# ----------------------------------------------------------------------------- documents


def test_document_search(client: TestClient) -> None:
    found = client.get("/api/documents", params={"q": "hotline"}).json()
    assert found["total"] == 1
    hit = found["items"][0]
    assert hit["name"] == "border-shelling"
    assert "\x02hotline\x03" in hit["snippet"]
    listed = client.get("/api/documents", params={"limit": 2, "offset": 2, "sort": "published"})
    assert listed.json()["total"] == 7 and len(listed.json()["items"]) == 2
    gazette = client.get("/api/documents", params={"outlet": "Harbour Gazette"}).json()
    assert {d["name"] for d in gazette["items"]} == {"moscow-visit", "eu-sanctions"}


def test_search_page_highlights_matches(client: TestClient) -> None:
    html = client.get("/", params={"q": "hotline"}).text
    assert "<mark>hotline</mark>" in html
    assert "1–1 of 1" in html


def test_document(client: TestClient) -> None:
    doc = client.get("/api/documents/border-shelling").json()
    assert doc["outlet"] == "Valley Courier" and doc["story_id"]
    assert doc["sources"][0]["name"] == "border-shelling"
    assert {e["type"] for e in doc["events"]} >= {"ACCUSE", "REQUEST"}
    assert client.get(f"/api/documents/{doc['id']}").json()["name"] == "border-shelling"
    missing = client.get("/api/documents/no-such-document")
    assert missing.status_code == 404
    assert missing.json() == {
        "code": "E203",
        "message": "[E203] no document with id or name 'no-such-document'",
    }


def test_document_page_marks_every_evidence_sentence(client: TestClient) -> None:
    doc = client.get("/api/documents/border-shelling").json()
    html = client.get(f"/documents/{doc['id']}").text
    for event in doc["events"]:
        assert f'id="event-{event["id"]}"' in html
        assert event["id"] in html.split('class="doc-text"')[1]  # a mark names the event
    assert html.count('<mark class="ev"') >= 2


# ----------------------------------------------------------------------------- events


def test_events_filters_and_pages(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 10
    accuse = client.get("/api/events", params={"dyad": "pak-ind"}).json()
    assert [e["type"] for e in accuse["items"]] == ["ACCUSE", "REJECT"]  # the charge, the denial
    assert accuse["items"][0]["doc_title"] == "India accuses Pakistan over border shelling"
    july = client.get(
        "/api/events",
        params={"since": "2025-07-01", "type": "sanction", "outlet": "Harbour Gazette"},
    ).json()
    assert [e["doc"] for e in july["items"]] == ["eu-sanctions"]
    first = client.get("/api/events", params={"limit": 5, "sort": "-date"}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5, "sort": "-date"}).json()
    ids = [(e["doc_id"], e["id"]) for e in first["items"] + second["items"]]
    assert len(set(ids)) == 10


def test_event_detail_links_its_story(client: TestClient) -> None:
    item = client.get("/api/events", params={"type": "ACCUSE", "actor": "IND"}).json()["items"][0]
    found = client.get(f"/api/events/{item['doc_id']}/{item['id']}").json()
    assert found["id"] == item["id"] and found["story_id"]
    html = client.get(f"/events/{item['doc_id']}/{item['id']}").text
    assert f'href="/stories/{found["story_id"]}' in html
    assert client.get(f"/api/events/{item['doc_id']}/nope").status_code == 404


def test_events_page_links_downloads_with_the_filters(client: TestClient) -> None:
    html = client.get("/events", params={"actor": "IND", "offset": 0}).text
    assert 'href="/api/events/export?actor=IND&amp;format=csv"' in html


def test_csv_export_is_the_filtered_set(client: TestClient) -> None:
    response = client.get("/api/events/export", params={"actor": "RUS", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = client.get("/api/events", params={"actor": "RUS", "limit": 500}).json()
    assert len(rows) == expected["total"] > 0
    assert all("RUS" in r["actor_codes"].split(";") or "RUS" in r["actor_codes"] for r in rows)
    lines = client.get("/api/events/export", params={"actor": "RUS", "format": "jsonl"}).text
    assert [json.loads(x)["id"] for x in lines.splitlines()] == [r["id"] for r in rows]
    bad = client.get("/api/events/export", params={"format": "xlsx"})
    assert bad.status_code == 422 and bad.json()["code"] == "E401"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "plover", "gdelt"])
def test_streamed_export_equals_one_write(store_file: str, fmt: str) -> None:
    with Store(store_file) as store:
        found = list(iter_events(store, EventQuery()))
        streamed = "".join(stream_events(iter(found), fmt, batch=3))
        whole = io.StringIO(newline="")
        infos = {s.event.doc: event_document(s) for s in found}
        write_events((s.event for s in found), whole, fmt, documents=infos)
    assert streamed == whole.getvalue()


# ----------------------------------------------------------------------------- stories, actors


def test_stories_and_story(client: TestClient) -> None:
    listed = client.get("/api/stories", params={"limit": 2}).json()
    assert listed["total"] >= 2 and len(listed["items"]) == 2
    story = client.get(f"/api/stories/{listed['items'][0]['id']}").json()
    assert story["id"] == listed["items"][0]["id"]
    assert client.get("/api/stories/nope").status_code == 404
    html = client.get(f"/stories/{story['id']}").text
    assert f"{story['outlets']} outlets, {story['independent_sources']} independent sources" in html
    assert '<svg class="timeline"' in html


def test_story_page_highlights_contradictions(client: TestClient) -> None:
    stories = client.get("/api/stories", params={"limit": 500}).json()["items"]
    contradicted = [s for s in stories if any(e["contradictions"] for e in s["events"])]
    if not contradicted:
        pytest.skip("no contradiction among the seeds and test articles")
    html = client.get(f"/stories/{contradicted[0]['id']}").text
    assert 'class="fused has-contradiction"' in html
    assert '<li class="contradiction">' in html
    assert "contradicted" in html  # the timeline bar


def test_actor(client: TestClient) -> None:
    russia = client.get("/api/actors/rus").json()
    assert russia["code"] == "RUS" and russia["name"] == "Russia"
    assert russia["as_actor"] + russia["as_recipient"] > 0
    assert any(p["code"] == "CHN" for p in russia["partners"])
    html = client.get("/actors/RUS").text
    assert '<svg class="bars"' in html and 'href="/events?dyad=RUS-CHN"' in html


# ----------------------------------------------------------------------------- bad parameters

BAD_REQUESTS = [
    "/api/documents?limit=0",
    "/api/documents?limit=100000",
    "/api/documents?limit=abc",
    "/api/documents?offset=-1",
    "/api/documents?sort=name;drop",
    "/api/documents?q=" + "x" * 600,
    "/api/documents?q=%22",
    "/api/documents?q=-only",
    "/api/events?since=2025-02-30",
    "/api/events?since=yesterday",
    "/api/events?until=2025-5-1",
    "/api/events?since=2025-06-01&until=2025-05-01",
    "/api/events?type=NOPE",
    "/api/events?factuality=certain",
    "/api/events?actor=%3Cscript%3E",
    "/api/events?actor=" + "A" * 40,
    "/api/events?dyad=CHN",
    "/api/events?dyad=CHN-RUS-USA",
    "/api/events?dyad=-",
    "/api/events?sort=record",
    "/api/events?limit=-5",
    "/api/events?offset=99999999999",
    "/api/events?doc=../../etc/passwd",
    "/api/events/export?format=../../x",
    "/api/stories?limit=0",
    "/api/stories?offset=x",
    "/api/actors/%20",
    "/api/actors/a-b",
    "/api/documents/" + "a" * 300,
    "/events?since=nope",
    "/?sort=bad",
    "/?q=%22",
    "/stories?limit=9999",
    "/actors/%3Cb%3E",
]


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_bad_parameters_are_coded_4xx(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500, response.text[:300]
    if url.startswith("/api/"):
        body = response.json()
        assert body["code"].startswith("E") and body["message"].startswith(f"[{body['code']}]")
    else:
        assert "text/html" in response.headers["content-type"]
        assert 'class="error"' in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/api/documents?q=NEAR(a%20b)",
        "/api/documents?q=pipe*",
        "/api/documents?q=title:x",
        "/api/documents?q=%27);DROP%20TABLE%20documents;--",
        "/api/documents?outlet=%27%20OR%201=1",
        "/api/events?outlet=%27%20OR%201=1",
        "/api/events?actor=ZZZ",
        "/api/events/nope/nope",
        "/api/stories/%27",
        "/api/actors/ZZZ",
        "/events?type=&since=&actor=",
    ],
)
def test_odd_but_valid_parameters_answer_without_error(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (200, 404), response.text[:300]


# ----------------------------------------------------------------------------- hostile article


def _assert_escaped(html: str) -> None:
    for attack in RAW_ATTACKS:
        assert attack not in html, attack


def test_hostile_article_renders_as_text(client: TestClient) -> None:
    doc = client.get("/api/documents", params={"q": "Macron"}).json()["items"][0]
    assert doc["title"].startswith("<script>")  # stored as written
    urls = [
        "/",
        "/?q=script",
        "/?q=Macron",
        f"/documents/{doc['id']}",
        "/events",
        "/events?actor=FRA",
        "/stories?limit=500",
        "/actors/FRA",
    ]
    events = client.get("/api/events", params={"doc": doc["id"]}).json()["items"]
    urls += [f"/events/{e['doc_id']}/{e['id']}" for e in events]
    story = client.get(f"/api/documents/{doc['id']}").json()["story_id"]
    urls.append(f"/stories/{story}")
    for url in urls:
        html = client.get(url).text
        _assert_escaped(html)
    page = client.get(f"/documents/{doc['id']}").text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert events, "the hostile article still yields its meeting"


def test_hostile_values_in_the_url_are_escaped(client: TestClient) -> None:
    html = client.get("/", params={"q": '"><script>alert(9)</script>'}).text
    _assert_escaped(html)
    html = client.get("/events", params={"outlet": '"><script>alert(9)</script>'}).text
    _assert_escaped(html)
    html = client.get("/nope<script>alert(1)</script>").text
    _assert_escaped(html)


# ----------------------------------------------------------------------------- ingest


def test_read_only_server_refuses_ingest(client: TestClient) -> None:
    pasted = client.post("/api/documents", json={"text": "Some text."})
    assert pasted.status_code == 403 and pasted.json()["code"] == "E403"
    upload = client.post("/api/documents/upload", files={"file": ("a.txt", b"Text.", "text/plain")})
    assert upload.status_code == 403
    assert client.get("/ingest").status_code == 403
    assert client.post("/ingest/text", data={"text": "x"}).status_code == 403
    assert "/ingest" not in client.get("/").text.split("<main>")[0]


PASTED = (
    "Japanese Prime Minister Shigeru Ishiba met South Korean President Lee Jae-myung in Tokyo "
    "on Saturday. The two leaders agreed to expand cooperation on supply chains, officials said."
)

PAGE = f"<html><body><article><p>{PASTED}</p></article></body></html>".encode()


def test_pasted_text_is_analysed_and_appears(writable: TestClient) -> None:
    done = writable.post(
        "/api/documents",
        json={"text": PASTED, "title": "Tokyo summit", "published": "2025-08-23", "name": "tokyo"},
    )
    assert done.status_code == 201, done.text
    body = done.json()
    assert body["status"] == "stored" and body["events"] >= 1
    assert writable.get("/api/documents", params={"q": "supply chains"}).json()["total"] == 1
    events = writable.get("/api/events", params={"doc": body["doc_id"]}).json()["items"]
    assert {"JPN", "KOR"} <= {a["code"] for e in events for a in e["actor"] + e["recipient"]}
    again = writable.post("/api/documents", json={"text": PASTED})
    assert again.json()["status"] == "duplicate"


def test_uploaded_files_are_read_in_memory(writable: TestClient, tmp_path: Path) -> None:
    html = (
        "<html><head><title>Talks in Ankara</title></head><body><article><p>"
        + PASTED.replace("Tokyo", "Ankara")
        + "</p></article></body></html>"
    ).encode()
    before = set(Path.cwd().iterdir())
    done = writable.post(
        "/api/documents/upload", files={"file": ("../../etc/talks.html", html, "text/html")}
    )
    assert done.status_code == 201, done.text
    assert done.json()["name"] == "talks.html"
    assert set(Path.cwd().iterdir()) == before
    doc = writable.get(f"/api/documents/{done.json()['doc_id']}").json()
    assert doc["sources"] == [{"name": "talks.html", "source": "web:upload:talks.html"}]
    assert "Ankara" in doc["text"] and "<p>" not in doc["text"]


def test_upload_form_redirects_to_the_new_document(writable: TestClient) -> None:
    response = writable.post(
        "/ingest/file",
        files={"file": ("note.md", b"# A note\n\n" + PASTED.encode(), "text/markdown")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert writable.get(response.headers["location"]).status_code == 200
    pasted = writable.post(
        "/ingest/text", data={"text": PASTED.replace("Tokyo", "Osaka")}, follow_redirects=False
    )
    assert pasted.status_code == 303 and pasted.headers["location"].startswith("/documents/")


@pytest.mark.parametrize(
    ("filename", "content_type", "data", "status", "code"),
    [
        ("big.txt", "text/plain", b"word " * 5000, 413, "E404"),
        ("report.pdf", "application/pdf", b"%PDF-1.4 text", 415, "E405"),
        ("image.txt", "image/png", b"\x89PNG....", 415, "E405"),
        ("noext", "text/plain", b"Some words.", 415, "E405"),
        ("page.html", "text/plain", PAGE, 201, None),
        ("tiny.html", "text/html", b"<p>Hi</p>", 422, "E103"),
        ("binary.txt", "text/plain", b"\x00\x01\x02\x03" * 50, 415, "E405"),
        ("empty.txt", "text/plain", b"   ", 422, "E401"),
    ],
)
def test_upload_limits_and_types(
    writable: TestClient, filename: str, content_type: str, data: bytes, status: int, code: Any
) -> None:
    response = writable.post(
        "/api/documents/upload", files={"file": (filename, data, content_type)}
    )
    assert response.status_code == status, response.text
    if code:
        assert response.json()["code"] == code


def test_oversized_bodies_are_refused_before_reading(writable: TestClient) -> None:
    pasted = writable.post("/api/documents", json={"text": "word " * 10_000})
    assert pasted.status_code == 413 and pasted.json()["code"] == "E404"
    wrong = writable.post(
        "/api/documents", content=b"text=x", headers={"content-type": "text/plain"}
    )
    assert wrong.status_code == 415
    broken = writable.post(
        "/api/documents", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422 and broken.json()["code"] == "E401"
    no_file = writable.post(
        "/api/documents/upload", data={"title": "x"}, files={"other": ("a.txt", b"x")}
    )
    assert no_file.status_code == 422


# ----------------------------------------------------------------------------- both backends


def test_app_over_each_backend(store_url: str, tmp_path: Path, analyzer: Analyzer) -> None:
    build_store(store_url, tmp_path / "in", None, analyzer)
    with TestClient(create_app(store_url)) as client:
        found = client.get("/api/documents", params={"q": "pipeline OR hotline"}).json()
        assert {d["name"] for d in found["items"]} == {"moscow-visit", "border-shelling"}
        assert "<mark>" in client.get("/", params={"q": "hotline"}).text
        sorted_events = client.get("/api/events", params={"sort": "-confidence"}).json()
        assert sorted_events["total"] > 0
        assert client.get("/api/events/export", params={"format": "csv"}).status_code == 200
        assert client.get("/actors/RUS").status_code == 200
        assert client.get("/stories").status_code == 200


def test_serve_with_two_workers_answers(tmp_path: Path) -> None:
    """`tacitus serve --workers 2`: uvicorn starts the processes and each builds the app from
    the options `serve` passed on."""
    db = f"sqlite:///{tmp_path / 'w.db'}"
    Store(db).close()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    tacitus = Path(sys.executable).parent / "tacitus"
    server = subprocess.Popen(
        [str(tacitus), "serve", "--db", db, "--port", str(port), "--workers", "2", "--allow-ingest"]
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                meta = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert meta.status_code == 200
        assert meta.json()["allow_ingest"] is True
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_undated_document_says_when_it_was_written(tmp_path: Path) -> None:
    (tmp_path / "preview.txt").write_text(
        "Leaders to meet\n\nChinese President Xi Jinping will visit Moscow from May 7 to 10, 2025, "
        "officials said.\n"
    )
    db = f"sqlite:///{tmp_path / 'u.db'}"
    with Store(db) as store:
        extract_paths([str(tmp_path / "preview.txt")], store)
    with TestClient(create_app(db)) as undated:
        doc_id = undated.get("/api/documents/preview.txt").json()["id"]
        page = undated.get(f"/documents/{doc_id}").text
    assert "before 2025-05-07" in page
    assert "?" not in page.split("written</th>")[1].split("</td>")[0]
