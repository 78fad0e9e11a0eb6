"""The web app and podcast feed: FastAPI app factory, job queue, SQLite store, pages and feed."""

from .app import create_app
from .config import Settings

__all__ = ["Settings", "create_app"]
