"""Server settings, read once from the environment and handed to the app factory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..ingest import MAX_INPUT_BYTES
from ..settings import DEFAULT_CACHE_BYTES, cache_limit_bytes, data_home, env_int

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything the web app needs to know; tests build one directly or through the environment."""

    home: Path  #: data folder: database, briefings, cover
    public_url: str = ""  #: absolute base URL for feed links; "" means "from the request"
    allow_private_urls: bool = False  #: let article URLs point at loopback or private networks
    queue_size: int = 8  #: briefings that may wait for a worker; more are refused with 503
    workers: int = 1  #: briefings made at the same time (each uses a pool of engine processes)
    max_request_bytes: int = 12 * 1024 * 1024  #: largest request body; larger gets 413
    max_article_bytes: int = MAX_INPUT_BYTES  #: largest single article (text or file); larger gets 413
    max_articles: int = 20  #: most articles in one briefing
    header_timeout_s: int = 10  #: seconds a client may take to send a request's headers (then 408)
    body_timeout_s: int = 15  #: seconds a request body may stall (then 408); 8 times that in all
    cache_bytes: int = DEFAULT_CACHE_BYTES  #: bound of the audio cache (AUDIOBRIEF_CACHE_MB)
    feed_title: str = "audiobrief"  #: the podcast's title
    feed_description: str = "Spoken news briefings made with audiobrief."  #: the podcast's description
    language: str = "en"  #: the podcast's language

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from AUDIOBRIEF_* environment variables, defaults for the rest."""
        env = os.environ
        defaults = cls(home=Path("."))
        return cls(
            home=data_home(),
            public_url=env.get("AUDIOBRIEF_PUBLIC_URL", "").strip(),
            allow_private_urls=env.get("AUDIOBRIEF_ALLOW_PRIVATE_URLS", "").lower() in _TRUE,
            queue_size=env_int("AUDIOBRIEF_QUEUE_SIZE", defaults.queue_size),
            workers=env_int("AUDIOBRIEF_WORKERS", defaults.workers),
            max_request_bytes=env_int("AUDIOBRIEF_MAX_REQUEST_BYTES", defaults.max_request_bytes),
            max_article_bytes=env_int("AUDIOBRIEF_MAX_ARTICLE_BYTES", defaults.max_article_bytes),
            max_articles=env_int("AUDIOBRIEF_MAX_ARTICLES", defaults.max_articles),
            header_timeout_s=env_int("AUDIOBRIEF_HEADER_TIMEOUT", defaults.header_timeout_s),
            body_timeout_s=env_int("AUDIOBRIEF_BODY_TIMEOUT", defaults.body_timeout_s),
            cache_bytes=cache_limit_bytes(),
        )

    @property
    def database(self) -> Path:
        """The SQLite database file."""
        return self.home / "server.sqlite3"

    @property
    def briefings_dir(self) -> Path:
        """Where finished briefings live, one folder per id."""
        return self.home / "briefings"
