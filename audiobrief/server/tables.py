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
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("admin", Integer, nullable=False, server_default=text("0")),
    Column("feed_version", Integer, nullable=False, server_default=text("0")),
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
