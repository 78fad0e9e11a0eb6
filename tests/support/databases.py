"""Real PostgreSQL and Redis servers for tests: each on a free loopback port with its data in a
temporary folder, started by the test session and stopped at its end (never the system services)."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg

from support.server import free_port


def newest_postgres_bin() -> Path:
    """The bin folder of the newest PostgreSQL Debian has installed (whichever major version)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda initdb: int(initdb.parts[-3]) if initdb.parts[-3].isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = newest_postgres_bin()
START_S = 60.0


def _as_unprivileged() -> list[str]:
    """The prefix that runs a command as the postgres user when we are root (PostgreSQL refuses root)."""
    return ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


class Postgres:
    """A PostgreSQL cluster of our own: initdb in a temporary folder, pg_ctl on a free port."""

    def __init__(self) -> None:
        for tool in ("initdb", "pg_ctl"):
            assert (PG_BIN / tool).exists(), f"no {PG_BIN / tool}: run scripts/test.sh"
        self.folder = Path(tempfile.mkdtemp(prefix="audiobrief-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        if os.getuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self.admin_url = f"postgresql://audiobrief@127.0.0.1:{self.port}/postgres"

    def start(self) -> Postgres:
        """initdb (trust on loopback, user audiobrief) and start; wait until it takes connections."""
        subprocess.run([*_as_unprivileged(), str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "audiobrief",
                        "-A", "trust", "--no-sync"], check=True, capture_output=True, timeout=120)
        return self.resume()

    def pause(self) -> None:
        """Stop the server at once, keeping its data (an outage)."""
        subprocess.run([*_as_unprivileged(), str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                        "-w", "stop"], check=True, capture_output=True, timeout=60)

    def resume(self) -> Postgres:
        """Start the server on its port and wait until it takes connections."""
        subprocess.run([*_as_unprivileged(), str(PG_BIN / "pg_ctl"), "-D", str(self.data),
                        "-l", str(self.folder / "log"),
                        "-w", "-t", str(int(START_S)), "-o",
                        f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start"], check=True, capture_output=True, timeout=START_S + 10)
        return self

    def stop(self) -> None:
        """Stop the cluster now and remove its folder."""
        subprocess.run([*_as_unprivileged(), str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def new_database(self) -> str:
        """A fresh empty database; returns its URL."""
        name = f"t{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return f"postgresql://audiobrief@127.0.0.1:{self.port}/{name}"


class Redis:
    """A redis-server of our own on a free port, saving nothing, in a temporary folder."""

    def __init__(self) -> None:
        assert shutil.which("redis-server"), "redis-server is missing: run scripts/test.sh (installs it)"
        self.folder = Path(tempfile.mkdtemp(prefix="audiobrief-redis-"))
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The broker URL for this server."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> Redis:
        """Start it (again, after stop_process, on the same port) and wait until it answers PING."""
        with (self.folder / "log").open("ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
                 "--save", "", "--appendonly", "no"], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), redis_ping(self.port) as answer:
                if answer == b"+PONG":
                    return self
            time.sleep(0.1)
        raise AssertionError(f"redis-server did not start: {(self.folder / 'log').read_text()[-2000:]}")

    def stop_process(self) -> None:
        """Kill the server (an outage); its folder stays for a restart."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        self.stop_process()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def redis_ping(port: int) -> Iterator[bytes]:
    """Send PING to a Redis port over a plain socket; yields the first line of the answer."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"PING\r\n")
        yield sock.recv(64).strip()
