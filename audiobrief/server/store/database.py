"""The store's database: an SQLAlchemy engine for SQLite (the default, in the data folder) or
PostgreSQL (AUDIOBRIEF_DATABASE_URL), brought to the newest schema by Alembic migrations."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.pool import NullPool

#: the lock migrating processes take on PostgreSQL, so web and workers starting together take turns
MIGRATION_LOCK = 0x61756469
#: briefings columns added after the first release: (name, SQLite declaration)
LEGACY_ADDED_COLUMNS = (
    ("owner_id", "INTEGER REFERENCES users(id) ON DELETE SET NULL"),  # NULL: made without an account
    ("public", "INTEGER NOT NULL DEFAULT 1"),  # rows from before accounts were all public
)


def database_url(target: Path | str) -> str:
    """The SQLAlchemy URL for a SQLite file path or a postgresql:// URL (psycopg 3 as the driver)."""
    if isinstance(target, Path):
        return f"sqlite:///{target}"
    for prefix in ("postgresql://", "postgres://"):
        if target.startswith(prefix):
            return "postgresql+psycopg://" + target[len(prefix):]
    return target


def make_engine(target: Path | str) -> Engine:
    """An engine whose connections suit the store: on SQLite one per use, with WAL, foreign keys and a
    30 s lock wait;
    on PostgreSQL pooled connections tested before use, so a restarted server is found again."""
    url = database_url(target)
    if url.startswith("sqlite"):
        engine = create_engine(url, poolclass=NullPool,  # a connection per call, as before SQLAlchemy
                               connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(connection: object, _record: object) -> None:
            cursor = connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10,
                         connect_args={"connect_timeout": 5})


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to the newest schema (or to an older revision, for tests of a migration); a
    SQLite file from before migrations is adopted first (its briefings get the first revision's
    columns; the first revision adds the tables)."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        tables = set(inspect(connection).get_table_names())
        config = migration_config(connection)
        if "briefings" in tables and "alembic_version" not in tables:
            _adopt_legacy(connection)
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str:
    """The Alembic revision the database is at."""
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def migration_config(connection: Connection) -> Config:
    """Alembic's configuration for the package's migrations, run on this connection."""
    config = Config()
    config.set_main_option("script_location", str(files("audiobrief.server.store").joinpath("migrations")))
    config.attributes["connection"] = connection
    return config


def _adopt_legacy(connection: Connection) -> None:
    """Give the briefings of a database made before migrations the first revision's columns."""
    present = {column["name"] for column in inspect(connection).get_columns("briefings")}
    for name, declaration in LEGACY_ADDED_COLUMNS:
        if name not in present:
            connection.exec_driver_sql(f"ALTER TABLE briefings ADD COLUMN {name} {declaration}")


def ping(engine: Engine) -> None:
    """Run the least query there is; raises when the database is out of reach."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
