"""Nothing outlives audiobrief: after SIGKILL, SIGTERM or Ctrl-C to `make` or `serve` while
speech workers run, no worker and no multiprocessing resource tracker is left behind.

Every process a test starts carries the test's own AUDIOBRIEF_HOME in its environment (spawned
workers and the resource tracker inherit it), so scanning /proc for it lists exactly what is left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_fixture import Server

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")]

SETTLE_S = 15.0  #: the most time the test allows for every process to be gone
TOWNS = ["Ashford", "Brightwater", "Caldermoor", "Dunmere", "Eastholm", "Fernley", "Glenrock", "Hollins"]
DEEDS = ["opened a new bus stop beside the school", "repaired the footbridge over the river",
         "planted forty trees along the high street", "held a bake sale for the fire station",
         "painted the old town hall a pale shade of green", "counted the swans on the mill pond"]


def long_article() -> str:
    """Forty-eight distinct sentences: long enough to be interrupted while speaking."""
    lines = [f"{town} {deed} this week." for town in TOWNS for deed in DEEDS]
    paragraphs = [" ".join(lines[n:n + 4]) for n in range(0, len(lines), 4)]
    return "Around the Valley\n\n" + "\n\n".join(paragraphs) + "\n"


def processes_of(home: Path) -> dict[int, str]:
    """Live processes (pid: command line) whose environment sets AUDIOBRIEF_HOME to home."""
    marker = f"AUDIOBRIEF_HOME={home}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = next(line for line in (entry / "status").read_text().splitlines()
                         if line.startswith("State:"))
        except (OSError, StopIteration):
            continue
        if marker in environ and "zombie" not in state:
            found[int(entry.name)] = cmdline.strip()
    return found


def left_after(home: Path, timeout: float = SETTLE_S) -> dict[int, str]:
    """What is still running of home's processes once timeout has passed (or nothing, sooner)."""
    deadline = time.monotonic() + timeout
    while (left := processes_of(home)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def kinds(processes: dict[int, str]) -> list[str]:
    """A readable name for each process: worker, resource tracker or audiobrief itself."""
    def kind(cmdline: str) -> str:
        if "resource_tracker" in cmdline:
            return "resource tracker"
        return "worker" if "multiprocessing.spawn" in cmdline else "audiobrief"
    return sorted(kind(cmdline) for cmdline in processes.values())


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """The test's data folder; whatever still runs with it at the end is killed (by pid)."""
    folder = tmp_path / "home"
    folder.mkdir()
    yield folder
    for pid in processes_of(folder):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def wait_for_speech(home: Path, parent: subprocess.Popen[bytes] | None = None, timeout: float = 120) -> None:
    """Until the workers are running and have spoken a few clips."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert parent is None or parent.poll() is None, "audiobrief ended before it was signalled"
        workers = kinds(processes_of(home)).count("worker")
        if workers and len(list((home / "cache").rglob("*.wav"))) >= 3:
            return
        time.sleep(0.1)
    raise AssertionError(f"no speech after {timeout} s: {processes_of(home)}")


CLI_SIGNALS = {
    "SIGKILL": (signal.SIGKILL, -signal.SIGKILL, None),
    "SIGTERM": (signal.SIGTERM, 143, "audiobrief: terminated (SIGTERM)"),
    "SIGINT": (signal.SIGINT, 130, "audiobrief: interrupted"),
}


@pytest.mark.parametrize("name", CLI_SIGNALS)
def test_make_leaves_nothing_running_when_its_process_is_signalled(name: str, home: Path) -> None:
    number, exit_status, message = CLI_SIGNALS[name]
    out_dir = home / "out"
    out_dir.mkdir()
    article = home / "valley.txt"
    article.write_text(long_article(), "utf-8")
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    make = subprocess.Popen([sys.executable, "-m", "audiobrief", "make", str(article), "-o",
                             str(out_dir / "valley.mp3")], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    wait_for_speech(home, make)
    assert kinds(processes_of(home)).count("resource tracker") == 1
    make.send_signal(number)
    stdout, stderr = make.communicate(timeout=SETTLE_S)

    assert make.returncode == exit_status, stderr
    assert left_after(home) == {}, kinds(processes_of(home))
    if message is not None:
        assert stderr.decode().splitlines() == [message]
        assert stdout == b""
        assert sorted(out_dir.iterdir()) == [], "no output, partial or whole, is left"


def test_ctrl_c_in_a_terminal_ends_make_with_one_line(home: Path) -> None:
    """Ctrl-C signals the whole process group: the workers leave it to the parent, so the only
    thing said is the parent's one line, and nothing is left running."""
    article = home / "valley.txt"
    article.write_text(long_article(), "utf-8")
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    make = subprocess.Popen([sys.executable, "-m", "audiobrief", "make", str(article), "-o",
                             str(home / "valley.mp3")], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    wait_for_speech(home, make)
    os.killpg(make.pid, signal.SIGINT)
    _, stderr = make.communicate(timeout=SETTLE_S)

    assert make.returncode == 130
    assert stderr.decode().splitlines() == ["audiobrief: interrupted"]
    assert left_after(home) == {}, kinds(processes_of(home))
    assert not list(home.glob("*valley.mp3*"))


def briefing_state(home: Path, briefing_id: str) -> tuple[str, int]:
    """The stored state and attempt count of a briefing, read straight from the database."""
    with sqlite3.connect(home / "server.sqlite3") as db:
        return db.execute("SELECT state, attempts FROM briefings WHERE id = ?", (briefing_id,)).fetchone()


@pytest.mark.parametrize("name", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_server_stopped_mid_briefing_leaves_nothing_running_and_resumes_it(name: str, home: Path) -> None:
    server = Server(home, workers="1").start()
    briefing_id = server.submit(long_article(), title="Interrupted")
    wait_for_speech(home)
    assert httpx.get(f"{server.url}/api/briefings/{briefing_id}").json()["state"] == "running"
    assert server.process is not None
    pid = server.process.pid
    os.kill(pid, getattr(signal, name))  # the server alone, as a service manager would
    server.process.wait(SETTLE_S)

    assert left_after(home) == {}, kinds(processes_of(home))
    log = server.log.read_text()
    if name != "SIGKILL":
        # uvicorn ends on Ctrl-C with status 0; SIGTERM, raised again once it is done, gives 143
        assert server.process.returncode == {"SIGTERM": 143, "SIGINT": 0}[name], log[-3000:]
        assert "Traceback" not in log, log[-3000:]
        assert briefing_state(home, briefing_id) == ("queued", 1), "put back in the queue, not failed"
    assert not (home / "briefings" / briefing_id).exists()

    restarted = Server(home, workers="1").start()
    try:
        final = restarted.wait(briefing_id)
        assert final["state"] == "done", final
        assert httpx.get(final["audio_url"]).status_code == 200
    finally:
        restarted.stop()
    assert left_after(home) == {}, kinds(processes_of(home))
