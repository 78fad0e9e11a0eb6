"""A real audiobrief server for tests: uvicorn in a subprocess on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

STARTUP_S = 60.0
BRIEFING_S = 120.0

STORIES = {
    "ferry": "Night Ferry Returns\n\nThe night ferry between the two harbour towns runs again from Monday. "
             "It stopped last winter when its engine failed. Tickets cost the same as before.\n",
    "library": "Library Opens Late\n\nThe central library will stay open until ten on weekdays. "
               "Students asked for quiet rooms during exams. The council agreed to a one year trial.\n",
    "orchard": "Orchard Harvest Starts Early\n\nApple growers in the valley began picking two weeks early. "
               "A warm spring helped the fruit ripen. Growers expect a good year.\n",
    "market": "Market Moves Indoors\n\nThe Saturday market will move into the old tram shed in March. "
              "Traders wanted a roof for the rainy months. Parking stays free.\n",
}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class GroupedProcess:
    """A child started in a process group of its own, so that stopping it ends what it started too."""

    process: subprocess.Popen[bytes] | None = None
    stop_wait_s = 15.0  #: how long SIGTERM is given before the group gets SIGKILL

    def stop(self) -> None:
        """SIGTERM, then SIGKILL for the whole process group if it lingers."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(self.stop_wait_s)
            except subprocess.TimeoutExpired:
                self.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process = None

    def kill(self) -> None:
        """SIGKILL the process and everything it started (a crash, a machine dying)."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


class Server(GroupedProcess):
    """One `audiobrief serve` process with its own data folder and settings."""

    def __init__(self, home: Path, **settings: str) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "AUDIOBRIEF_HOME": str(home), "PYTHONUNBUFFERED": "1",
                    **{f"AUDIOBRIEF_{k.upper()}": v for k, v in settings.items()}}
        self.process: subprocess.Popen[bytes] | None = None
        self.log = home / "server.log"

    def start(self) -> Server:
        """Start the process and wait until it answers."""
        home = self.home
        home.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "audiobrief", "serve", "--port", str(self.port)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"server exited: {self.log.read_text()[-3000:]}"
            try:
                if httpx.get(f"{self.url}/openapi.json", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.2)
        raise AssertionError(f"server did not start: {self.log.read_text()[-3000:]}")

    def client(self) -> httpx.Client:
        """An HTTP client for this server."""
        return httpx.Client(base_url=self.url, timeout=30)

    def submit(self, *texts: str, **fields: object) -> str:
        """POST a JSON request with these article texts; returns the id."""
        body = {"articles": [{"text": t} for t in texts], **fields}
        response = httpx.post(f"{self.url}/api/briefings", json=body, timeout=30)
        assert response.status_code == 202, response.text
        return response.json()["id"]

    def submit_unreachable(self) -> str:
        """Queue a briefing that fails while it is made: its URL is a loopback port nobody listens on
        (the server must allow private URLs; what is wrong at submit time is refused with 422)."""
        body = {"articles": [{"url": f"http://127.0.0.1:{free_port()}/gone"}]}
        response = httpx.post(f"{self.url}/api/briefings", json=body, timeout=30)
        assert response.status_code == 202, response.text
        return response.json()["id"]

    def wait(self, briefing_id: str, timeout: float = BRIEFING_S, until: tuple[str, ...] = ("done", "failed"),
             ) -> dict:
        """Poll the status until the briefing reaches one of the states."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = httpx.get(f"{self.url}/api/briefings/{briefing_id}", timeout=30).json()
            if status["state"] in until:
                return status
            time.sleep(0.25)
        raise AssertionError(f"briefing {briefing_id} still {status}: {self.log.read_text()[-3000:]}")

    def make(self, *texts: str, **fields: object) -> dict:
        """Submit and wait; the briefing must be done."""
        status = self.wait(self.submit(*texts, **fields))
        assert status["state"] == "done", status
        return status


#: the server set-ups the API and feed tests run against (the cluster ones are slow)
SERVER_MODES = ["sqlite", pytest.param("cluster", marks=pytest.mark.slow)]
