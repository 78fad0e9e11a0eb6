"""schemathesis against a real server: every check, on every API operation, from the served schema,
including the stateful phase (the schema links a new briefing's id to reading, following and deleting it)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.server import Server

pytestmark = pytest.mark.slow

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
EXAMPLES = 150  #: test cases per operation and phase; the run takes a minute or so on two cores
#: The create operation checks each article's content when it is submitted (what is left after cleaning,
#: at least five words, a host with public addresses): no schema can say which strings pass, so a request
#: the schema allows may still be refused with 422. With one briefing allowed to wait, an accepted one may
#: find the queue full: 503 with Retry-After, documented. Every other operation keeps the defaults.
CONFIG = """\
workers = 1
request-timeout = 20

[[operations]]
include-operation-id = "create_briefing_api_briefings_post"
checks.positive_data_acceptance.expected-statuses = ["202", "422", "503"]
checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "503"]

# A show's schedule, voice and feed URLs are checked when saved (a zone must exist, a URL must be
# http or https): a string the schema allows may still be refused with 422 naming the problem.
[[operations]]
include-operation-id = "create_show_api_shows_post"
checks.positive_data_acceptance.expected-statuses = ["201", "409", "422"]

[[operations]]
include-operation-id = "change_show_api_shows__slug__patch"
checks.positive_data_acceptance.expected-statuses = ["200", "404", "409", "422"]

[[operations]]
include-operation-id = "add_source_api_shows__slug__sources_post"
checks.positive_data_acceptance.expected-statuses = ["200", "404", "422"]

[[operations]]
include-operation-id = "remove_source_api_shows__slug__sources_delete"
checks.positive_data_acceptance.expected-statuses = ["200", "404", "422"]

[[operations]]
include-operation-id = "import_opml_api_shows__slug__opml_put"
checks.positive_data_acceptance.expected-statuses = ["200", "404", "413", "422"]

# A run is queued (202) unless the show has one waiting already (409) or the bounds on runs are
# reached (429 for the account, 503 in all), each answered with Retry-After where it applies.
[[operations]]
include-operation-id = "run_show_api_shows__slug__runs_post"
checks.positive_data_acceptance.expected-statuses = ["202", "404", "409", "429", "503"]
checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "503"]

# Making a briefing again names blocks left out of that briefing: an id the schema allows may name a
# block it does not have (422 naming it), and a briefing not made yet has none (409).
[[operations]]
include-operation-id = "make_again_api_briefings__briefing_id__again_post"
checks.positive_data_acceptance.expected-statuses = ["202", "404", "409", "422", "429", "503"]
checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "503"]

# This server has no accounts, so it keeps no listening state: the listening API answers 409 saying the
# browser keeps it (documented); a body the schema refuses is still 422 first.
[[operations]]
include-operation-id = "listening_overview_api_listening_get"
checks.positive_data_acceptance.expected-statuses = ["200", "409"]

[[operations]]
include-operation-id = "get_queue_api_listening_queue_get"
checks.positive_data_acceptance.expected-statuses = ["200", "409"]

[[operations]]
include-operation-id = "change_state_api_listening_briefings__briefing_id__put"
checks.positive_data_acceptance.expected-statuses = ["200", "404", "409", "422"]

[[operations]]
include-operation-id = "replace_queue_api_listening_queue_put"
checks.positive_data_acceptance.expected-statuses = ["200", "404", "409", "422"]
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose queue holds one briefing, so accepted requests cost little."""
    running = Server(tmp_path_factory.mktemp("schemathesis"), queue_size="1", workers="1").start()
    yield running
    running.stop()


def test_schemathesis_finds_no_failures(server: Server, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    command = [str(Path(sys.executable).with_name("schemathesis")), "--config-file", str(config), "run",
               f"{server.url}/openapi.json", "--checks", "all", "--no-shrink",
               "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", str(EXAMPLES)]
    # No wall-clock bound (a loaded run passed 600 s): the run is bounded by its work, a set number of
    # cases per operation and phase, each request cut off after request-timeout (20 s).
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    paths = httpx.get(f"{server.url}/openapi.json").json()["paths"].values()
    operations = sum(method in HTTP_METHODS for path in paths for method in path)  # every one was tested
    assert f"{operations} selected / {operations} total" in result.stdout, report
    assert " failed" not in result.stdout, report
