"""Secrets kept out of the logs: a private feed's key (/feeds/KEY/...) and a signed media link's
?key=, in uvicorn's access log and in the server's own lines about a request."""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

import uvicorn.config

HIDDEN = "[hidden]"
_FEED_KEY = re.compile(r"(/feeds/)[^/?#]+")
_KEY_PARAMETER = re.compile(r"([?&]key=)[^&#]*", re.IGNORECASE)
ACCESS_ARGS = 5  #: uvicorn's access record: client address, method, path with query, HTTP version, status


def redact(target: str) -> str:
    """A request's path (and query) with feed keys and media keys hidden."""
    return _KEY_PARAMETER.sub(rf"\g<1>{HIDDEN}", _FEED_KEY.sub(rf"\g<1>{HIDDEN}", target))


class RedactSecrets(logging.Filter):
    """Hides the keys in the path of each uvicorn access record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's path; every record is kept."""
        if isinstance(record.args, tuple) and len(record.args) == ACCESS_ARGS:
            client, method, path, version, status = record.args
            record.args = (client, method, redact(str(path)), version, status)
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with the access log's keys hidden."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config.setdefault("filters", {})["redact"] = {"()": RedactSecrets}
    config["loggers"]["uvicorn.access"]["filters"] = ["redact"]
    return config
