"""The store's tables as SQLAlchemy Core objects, for queries; migrations/ creates and changes them."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    text,
)

metadata = MetaData()
_EMPTY = text("''")

briefings = Table(
    "briefings", metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False, server_default=_EMPTY),
    Column("requested_title", Text, nullable=False, server_default=_EMPTY),
    Column("voice", Text, nullable=False),
    Column("rate", Integer),
    Column("pronunciations", Text, nullable=False, server_default=text("'{}'")),
    Column("state", Text, nullable=False, server_default=text("'queued'")),
    Column("stage", Text, nullable=False, server_default=_EMPTY),
    Column("progress", Float, nullable=False, server_default=text("0")),
    Column("error", Text, nullable=False, server_default=_EMPTY),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("created_at", Float, nullable=False),
    Column("finished_at", Float),
    Column("duration_ms", Integer),
    Column("mp3_bytes", Integer),
    Column("description", Text, nullable=False, server_default=_EMPTY),
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("public", Integer, nullable=False, server_default=text("1")),
    Column("claimed_by", Text, nullable=False, server_default=_EMPTY),  #: the worker making it
    Column("heartbeat_at", Float),  #: when that worker last said it was alive
)

inputs = Table(
    "inputs", metadata,
    Column("briefing_id", Text, ForeignKey("briefings.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("cleaned", Text),  #: the article as cleaned when it was submitted (its JSON form); NULL for a URL
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("admin", Integer, nullable=False, server_default=text("0")),
    Column("feed_version", Integer, nullable=False, server_default=text("0")),
    Column("feed_salt", Text, nullable=False, server_default=_EMPTY),  #: random, signed into the feed key
    Column("created_at", Float, nullable=False),
)

sessions = Table(
    "sessions", metadata,
    Column("token_hash", Text, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", Text, nullable=False),
    Column("expires_at", Float, nullable=False),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("label", Text, nullable=False),
    Column("token_hash", Text, nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
)

shows = Table(
    "shows", metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("description", Text, nullable=False, server_default=_EMPTY),
    Column("voice", Text, nullable=False),
    Column("schedule", Text, nullable=False, server_default=_EMPTY),  #: "" for runs on demand only
    Column("max_stories", Integer, nullable=False),  #: stories in one episode, all sources together
    Column("max_per_source", Integer, nullable=False),  #: stories one source may give one episode
    Column("keep_episodes", Integer, nullable=False),  #: newest episodes kept (0: no bound by count)
    Column("keep_days", Integer, nullable=False),  #: episodes older than this are deleted (0: none)
    Column("owner_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("public", Integer, nullable=False, server_default=text("1")),
    Column("created_at", Float, nullable=False),
    Column("last_run_at", Float),  #: when the last run (scheduled or by hand) started
    Column("next_run_at", Float),  #: when the schedule next makes a run; NULL without a schedule
)

show_sources = Table(
    "show_sources", metadata,
    Column("show_id", Integer, ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True),
    Column("url", Text, primary_key=True),
    Column("title", Text, nullable=False, server_default=_EMPTY),
    Column("position", Integer, nullable=False),
    Column("etag", Text, nullable=False, server_default=_EMPTY),
    Column("last_modified", Text, nullable=False, server_default=_EMPTY),
    Column("checked_at", Float),  #: when the feed was last read (or found unchanged)
    Column("error", Text, nullable=False, server_default=_EMPTY),  #: why the last read failed, or ""
    Column("error_at", Float),
)

show_seen = Table(
    "show_seen", metadata,
    Column("show_id", Integer, ForeignKey("shows.id", ondelete="CASCADE"), primary_key=True),
    Column("key", Text, primary_key=True),  #: "id:" + an entry's id, or "link:" + its canonical link
    Column("seen_at", Float, nullable=False),
)

show_episodes = Table(
    "show_episodes", metadata,
    Column("briefing_id", Text, ForeignKey("briefings.id", ondelete="CASCADE"), primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", Float, nullable=False),
    Column("stories", Text, nullable=False),  #: JSON: title, link, source, origin ("page" or "entry")
)

show_runs = Table(
    "show_runs", metadata,
    Column("id", Text, primary_key=True),
    Column("show_id", Integer, ForeignKey("shows.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("active", Integer, unique=True),  #: the show's id while queued or running (one a show), else NULL
    Column("trigger", Text, nullable=False),  #: "hand" or "schedule"
    Column("state", Text, nullable=False, server_default=text("'queued'")),  #: queued, running, done, failed
    Column("outcome", Text, nullable=False, server_default=_EMPTY),  #: episode, nothing-new, refused, or ""
    Column("message", Text, nullable=False, server_default=_EMPTY),  #: why it was refused or failed
    Column("briefing_id", Text, ForeignKey("briefings.id", ondelete="SET NULL")),  #: the episode it queued
    Column("failures", Text, nullable=False, server_default=text("'[]'")),  #: JSON: url, error, at
    Column("created_at", Float, nullable=False),
    Column("started_at", Float),
    Column("finished_at", Float),
    Column("claimed_by", Text, nullable=False, server_default=_EMPTY),  #: the process making it
    Column("heartbeat_at", Float),  #: when that process last said it was alive
)

listening = Table(
    "listening", metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("briefing_id", Text, ForeignKey("briefings.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("position_s", Float, nullable=False, server_default=text("0")),  #: where the account stopped
    Column("played", Integer, nullable=False, server_default=text("0")),  #: heard to the end (or so marked)
    Column("updated_at", Float, nullable=False),
)

up_next = Table(
    "up_next", metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),  #: order in the account's queue, from 0
    Column("briefing_id", Text, ForeignKey("briefings.id", ondelete="CASCADE"), nullable=False, index=True),
)
