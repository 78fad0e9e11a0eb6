"""Server settings, read once from the environment and handed to the app factory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudiobriefError
from ..ingest import MAX_INPUT_BYTES
from ..settings import (
    DEFAULT_CACHE_BYTES,
    DEFAULT_FETCH_DEADLINE_S,
    MB,
    cache_limit_bytes,
    data_home,
    env_int,
    fetch_deadline_s,
)

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything the web app needs to know; tests build one directly or through the environment."""

    home: Path  #: data folder: database, briefings, cover
    public_url: str = ""  #: absolute base URL for feed links; "" means "from the request"
    allow_private_urls: bool = False  #: let article URLs point at loopback or private networks
    queue_size: int = 8  #: briefings that may wait for a worker; more are refused with 503
    queue_share: int = 4  #: briefings one account may have waiting (its share of the queue); more get 429
    workers: int = 1  #: briefings made at the same time (each uses a pool of engine processes)
    readers: int = 2  #: briefings read at once besides those being made (reading waits on other sites)
    fetch_deadline_s: int = DEFAULT_FETCH_DEADLINE_S  #: seconds one fetch may take, connection to last byte
    max_request_bytes: int = 12 * 1024 * 1024  #: largest request body; larger gets 413
    max_article_bytes: int = MAX_INPUT_BYTES  #: largest single article (text or file); larger gets 413
    max_articles: int = 20  #: most articles in one briefing
    header_timeout_s: int = 10  #: seconds a client may take to send a request's headers (then 408)
    body_timeout_s: int = 15  #: seconds a request body may stall (then 408); 8 times that in all
    cache_bytes: int = DEFAULT_CACHE_BYTES  #: bound of the audio cache (AUDIOBRIEF_CACHE_MB)
    feed_title: str = "audiobrief"  #: the podcast's title
    feed_description: str = "Spoken news briefings made with audiobrief."  #: the podcast's description
    language: str = "en"  #: the podcast's language
    submit_burst: int = 10  #: briefings a client may request at once before the rate limit applies
    submit_per_hour: int = 60  #: the rate (per account and per address) at which that allowance refills
    quota_briefings: int = 500  #: briefings one account (or the open, account-less server) may keep
    quota_bytes: int = 4096 * MB  #: bytes of MP3 one account may keep
    keep_inputs: int = 10  #: finished briefings per account whose inputs are kept (for making again)
    keep_inputs_days: int = 7  #: inputs older than this are deleted whatever their number
    keep_failed_days: int = 7  #: failed briefings are removed this long after they failed
    session_days: int = 30  #: how long a login lasts
    database_url: str = ""  #: AUDIOBRIEF_DATABASE_URL: "" for SQLite in the data folder, or postgresql://...
    broker_url: str = ""  #: AUDIOBRIEF_BROKER_URL: "" to make briefings in the web process, or redis://...
    visibility_timeout_s: int = 3600  #: a briefing unacknowledged this long goes to another worker
    max_attempts: int = 3  #: a briefing whose worker died this many times is failed with the reason
    worker_grace_s: int = 30  #: a stopping worker finishes its briefings this long, then hands them back
    show_max_stories: int = 8  #: a new show's stories per episode, all sources together
    show_max_per_source: int = 4  #: a new show's stories per episode from one source
    show_keep_episodes: int = 30  #: a new show's newest episodes kept (0: no bound by count)
    show_keep_days: int = 0  #: a new show's episodes deleted after this many days (0: no bound by age)
    show_check_s: int = 30  #: how often the scheduler looks for shows due to run
    max_shows: int = 20  #: shows one account may have
    show_run_workers: int = 2  #: show runs made at once (threads of the web process, or of each worker)
    show_run_queue: int = 16  #: show runs waiting or going (all accounts) beyond which one asked gets 503
    show_runs_per_account: int = 2  #: show runs one account may have waiting or going; one more gets 429
    show_fetch_concurrency: int = 4  #: sources (and then story pages) one run reads at once

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
            queue_share=env_int("AUDIOBRIEF_QUEUE_SHARE", defaults.queue_share),
            workers=env_int("AUDIOBRIEF_WORKERS", defaults.workers),
            readers=env_int("AUDIOBRIEF_READERS", defaults.readers),
            fetch_deadline_s=fetch_deadline_s(),
            max_request_bytes=env_int("AUDIOBRIEF_MAX_REQUEST_BYTES", defaults.max_request_bytes),
            max_article_bytes=env_int("AUDIOBRIEF_MAX_ARTICLE_BYTES", defaults.max_article_bytes),
            max_articles=env_int("AUDIOBRIEF_MAX_ARTICLES", defaults.max_articles),
            header_timeout_s=env_int("AUDIOBRIEF_HEADER_TIMEOUT", defaults.header_timeout_s),
            body_timeout_s=env_int("AUDIOBRIEF_BODY_TIMEOUT", defaults.body_timeout_s),
            cache_bytes=cache_limit_bytes(),
            submit_burst=env_int("AUDIOBRIEF_SUBMIT_BURST", defaults.submit_burst),
            submit_per_hour=env_int("AUDIOBRIEF_SUBMIT_PER_HOUR", defaults.submit_per_hour),
            quota_briefings=env_int("AUDIOBRIEF_QUOTA_BRIEFINGS", defaults.quota_briefings),
            quota_bytes=env_int("AUDIOBRIEF_QUOTA_MB", defaults.quota_bytes // MB) * MB,
            keep_inputs=env_int("AUDIOBRIEF_KEEP_INPUTS", defaults.keep_inputs),
            keep_inputs_days=env_int("AUDIOBRIEF_KEEP_INPUTS_DAYS", defaults.keep_inputs_days),
            keep_failed_days=env_int("AUDIOBRIEF_KEEP_FAILED_DAYS", defaults.keep_failed_days),
            database_url=_url("AUDIOBRIEF_DATABASE_URL", ("postgresql://", "postgres://")),
            broker_url=_url("AUDIOBRIEF_BROKER_URL", ("redis://", "rediss://")),
            visibility_timeout_s=env_int("AUDIOBRIEF_VISIBILITY_TIMEOUT", defaults.visibility_timeout_s),
            max_attempts=env_int("AUDIOBRIEF_MAX_ATTEMPTS", defaults.max_attempts),
            worker_grace_s=env_int("AUDIOBRIEF_WORKER_GRACE", defaults.worker_grace_s),
            show_max_stories=env_int("AUDIOBRIEF_SHOW_MAX_STORIES", defaults.show_max_stories),
            show_max_per_source=env_int("AUDIOBRIEF_SHOW_MAX_PER_SOURCE", defaults.show_max_per_source),
            show_keep_episodes=env_int("AUDIOBRIEF_SHOW_KEEP_EPISODES", defaults.show_keep_episodes),
            show_keep_days=env_int("AUDIOBRIEF_SHOW_KEEP_DAYS", defaults.show_keep_days),
            show_check_s=env_int("AUDIOBRIEF_SHOW_CHECK_SECONDS", defaults.show_check_s),
            max_shows=env_int("AUDIOBRIEF_MAX_SHOWS", defaults.max_shows),
            show_run_workers=env_int("AUDIOBRIEF_SHOW_RUN_WORKERS", defaults.show_run_workers),
            show_run_queue=env_int("AUDIOBRIEF_SHOW_RUN_QUEUE", defaults.show_run_queue),
            show_runs_per_account=env_int("AUDIOBRIEF_SHOW_RUNS_PER_ACCOUNT",
                                          defaults.show_runs_per_account),
            show_fetch_concurrency=env_int("AUDIOBRIEF_SHOW_FETCH_CONCURRENCY",
                                           defaults.show_fetch_concurrency),
        )

    @property
    def https(self) -> bool:
        """Whether the public address is https (session cookies are then marked Secure)."""
        return self.public_url.lower().startswith("https://")

    @property
    def secret_file(self) -> Path:
        """The server's signing key (feed addresses, media links, login forms), created 0600."""
        return self.home / "secret.key"

    @property
    def database(self) -> Path:
        """The SQLite database file."""
        return self.home / "server.sqlite3"

    @property
    def store_target(self) -> Path | str:
        """What the store opens: the database URL when one is set, else the SQLite file."""
        return self.database_url or self.database

    @property
    def briefings_dir(self) -> Path:
        """Where finished briefings live, one folder per id."""
        return self.home / "briefings"


def _url(name: str, schemes: tuple[str, ...]) -> str:
    """The address in the environment variable name ("" when unset), or an error naming the schemes
    it may use (the address itself is not echoed: it may hold a password)."""
    url = os.environ.get(name, "").strip()
    if url and not url.lower().startswith(schemes):
        scheme = url.split("://", 1)[0][:20] if "://" in url else "no scheme"
        raise AudiobriefError(f"{name} starts with {scheme!r}: use a {' or '.join(schemes)} address, "
                              "or unset it")
    return url
