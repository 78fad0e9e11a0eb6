"""An article is cleaned once per submission: the request's check keeps the cleaned article with its
input (in the database, so a worker elsewhere gets it too), and the job reads that instead of
cleaning the text again; the article is the same either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import make_client
from support.long_article import long_article
from support.server import STORIES

from audiobrief.cancel import CancelToken
from audiobrief.clean import clean
from audiobrief.clean.saved import article_from_json
from audiobrief.ingest import document_from_bytes
from audiobrief.server.config import Settings
from audiobrief.server.jobs import runner as runner_module
from audiobrief.server.jobs.runner import JobRunner
from audiobrief.server.store.records import Source, Store

PAGE = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Trams Return</h1>"
        "<p>The tram line to the harbour opens again on Monday after a year of repairs to its bridge.</p>"
        "<p>Riders asked for later trams on Fridays, and the operator agreed to a trial.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>")


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path / "home")


def test_the_submitted_articles_are_kept_cleaned_as_the_job_would_clean_them(client: TestClient) -> None:
    texts = [STORIES["ferry"], long_article(5000, "Harbour Towns Plan Ahead")]
    files = [("text", (None, texts[0])), ("text", (None, texts[1])),
             ("files", ("trams.html", PAGE, "text/html"))]
    answer = client.post("/api/briefings", files=files)
    assert answer.status_code == 202, answer.text
    store = client.app.state.store  # type: ignore[attr-defined]
    sources = store.sources(answer.json()["id"])
    assert [(s.kind, s.label) for s in sources] == [
        ("text", "pasted article 1"), ("text", "pasted article 2"), ("file", "trams.html")]
    for source in sources:
        again = clean(document_from_bytes(source.data, source.label))
        assert article_from_json(source.cleaned, source.label) == again
    assert article_from_json(sources[2].cleaned, "trams.html").paragraphs == (
        "The tram line to the harbour opens again on Monday after a year of repairs to its bridge.",
        "Riders asked for later trams on Fridays, and the operator agreed to a trial.")


def test_a_url_is_not_cleaned_at_submission(tmp_path: Path) -> None:
    client = make_client(tmp_path / "home", allow_private_urls=True)
    answer = client.post("/api/briefings", json={"articles": [{"url": "http://127.0.0.1:9/story"}]})
    assert answer.status_code == 202, answer.text
    (source,) = client.app.state.store.sources(answer.json()["id"])  # type: ignore[attr-defined]
    assert (source.kind, source.cleaned) == ("url", "")


def test_the_job_reads_the_kept_article_without_cleaning_again(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(home=tmp_path, workers=1)
    store = Store(settings.database)
    submitted = clean(document_from_bytes(STORIES["library"].encode(), "article 1"))
    cleaned = article_from_json('{"title": "Library Opens Late", "paragraphs": ["Kept as checked."]}',
                                "article 1")
    kept = Source("text", "article 1", STORIES["library"].encode(),
                  '{"title": "Library Opens Late", "paragraphs": ["Kept as checked."]}')
    store.add("kept" * 8, "", "en-us-espeak", None, {}, [kept])
    (stored,) = store.sources("kept" * 8)
    assert stored.cleaned == kept.cleaned
    calls: list[str] = []
    monkeypatch.setattr(runner_module, "clean", lambda document: calls.append(document.source) or submitted)
    runner = JobRunner(settings, store)
    try:
        assert runner._read(stored, "kept" * 8, 1, 1, CancelToken()) == cleaned
        assert calls == []
        old = Source("text", "article 1", STORIES["library"].encode())  # stored before articles were kept
        assert runner._read(old, "kept" * 8, 1, 1, CancelToken()) == submitted
        assert calls == ["article 1"]
    finally:
        runner.pools.close()
