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
import textwrap
import threading
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import httpx
import pytest
from support.server import Server

from audiobrief.audio.lifeline import Stopped, Stopper, stopping
from audiobrief.audio.workers import WorkerPool
from audiobrief.cancel import CancelToken
from audiobrief.server.config import Settings
from audiobrief.server.jobs.runner import JobRunner
from audiobrief.server.store.records import Record, Source, Store

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")

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


POOL_PARENT = textwrap.dedent("""
    import os, signal, sys, time
    from audiobrief.audio.workers import WorkerPool
    pool = WorkerPool(2)
    pool.start()
    busy = pool.submit(time.sleep, 60)
    print(*pool.pids(), flush=True)
    sys.stdin.readline()
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_pool_workers_and_resource_tracker_end_when_their_parent_is_killed(home: Path) -> None:
    """A parent holding a pool (one worker busy, one idle) is killed; no engine involved."""
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    parent = subprocess.Popen([sys.executable, "-c", POOL_PARENT], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdin is not None and parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2
    expected = ["audiobrief", "resource tracker", "worker", "worker"]
    deadline = time.monotonic() + SETTLE_S  # a worker still in exec shows no environment for a moment
    while kinds(processes_of(home)) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert kinds(processes_of(home)) == expected
    parent.communicate("go\n", timeout=SETTLE_S)

    assert parent.returncode == -signal.SIGKILL
    assert left_after(home) == {}, kinds(processes_of(home))


def test_a_worker_ignores_ctrl_c_and_leaves_it_to_its_parent() -> None:
    with WorkerPool(1) as pool:
        worker = pool.submit(os.getpid)[0].result(timeout=30)  # started, initialiser run
        busy, _ = pool.submit(time.sleep, 1)
        os.kill(worker, signal.SIGINT)
        assert busy.exception(timeout=30) is None
        assert pool.submit(os.getpid)[0].result(timeout=30) == worker


def test_ctrl_c_cannot_reach_a_worker_that_is_still_starting() -> None:
    with WorkerPool(2) as pool:
        first, _ = pool.submit(os.getpid)
        starting = pool.pids()
        for pid in starting:
            os.kill(pid, signal.SIGINT)  # microseconds after the spawn: long before any worker code runs
        assert first.result(timeout=30) in starting
        assert pool.pids() == starting, "no worker died and was replaced"


UNNOTED_WORKER = textwrap.dedent("""
    import time
    from audiobrief.audio.lifeline import WorkerContext, kill_children
    WorkerContext().Process(target=time.sleep, args=(600,)).start()
    kill_children()
""")


def test_a_worker_no_pool_knows_of_is_killed_on_the_way_out(home: Path) -> None:
    """As when Ctrl-C lands between a worker's start and its pool noting it: multiprocessing
    would wait at exit for that worker, which would wait for work that never comes."""
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    subprocess.run([sys.executable, "-c", UNNOTED_WORKER], env=env, timeout=60, check=True)
    assert left_after(home) == {}, kinds(processes_of(home))


def test_stopping_from_another_thread_kills_the_workers_and_the_pool_refuses_more_work() -> None:
    stopper = Stopper()
    with stopping(stopper):
        pool = WorkerPool(2)
    try:
        pool.start()
        busy, generation = pool.submit(time.sleep, 60)
        workers = pool.pids()
        threading.Thread(target=stopper.stop).start()
        with pytest.raises(BrokenProcessPool):
            busy.result(timeout=SETTLE_S)
        with pytest.raises(Stopped):
            pool.submit(os.getpid)
        with pytest.raises(Stopped):
            pool.replace(generation)
    finally:
        pool.close(kill=True)
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
    with stopping(stopper), pytest.raises(Stopped):
        WorkerPool(1)


def test_a_stopper_stops_only_pools_made_inside_its_block_in_its_thread() -> None:
    stopper = Stopper()
    elsewhere: list[WorkerPool] = []
    with stopping(stopper):
        maker = threading.Thread(target=lambda: elsewhere.append(WorkerPool(1)))
        maker.start()
        maker.join()
    with WorkerPool(1) as after, elsewhere[0] as other:
        stopper.stop()
        assert after.submit(os.getpid)[0].result(timeout=30) in after.pids()
        assert other.submit(os.getpid)[0].result(timeout=30) in other.pids()


def test_a_stopping_runner_requeues_the_briefings_it_cut_short_and_starts_no_other(tmp_path: Path) -> None:
    """The briefings in hand when stop comes (one per thread: being made, or read) are queued
    again; one waiting behind them is not started (and so not counted as an attempt). The work
    itself is held by a stand-in."""
    settings = Settings(home=tmp_path, workers=1, readers=2)
    store = Store(settings.database)
    runner = JobRunner(settings, store)
    threads = settings.workers + settings.readers
    started, stop_seen = threading.Semaphore(0), threading.Event()

    def run(record: Record, token: CancelToken) -> None:
        started.release()
        stop_seen.wait(30)
        runner.stopper.check()

    runner.run = run  # type: ignore[method-assign]
    runner.start()
    names = [f"{n:04d}" * 8 for n in range(threads + 1)]
    for name in names:
        runner.submit(name, "", "en-us", None, {}, [Source("text", name, b"Some text.")])
    for _ in range(threads):
        assert started.acquire(timeout=30)
    stopping_thread = threading.Thread(target=runner.stop)
    stopping_thread.start()
    while not runner.stopper.stopped:
        time.sleep(0.01)
    stop_seen.set()
    stopping_thread.join(30)

    assert not any(thread.is_alive() for thread in runner.threads)
    states = [(r.state, r.attempts) for r in map(store.get, names)]
    assert states == [("queued", 1)] * threads + [("queued", 0)]


def ctrl_c_as_usual() -> None:
    """In the child, before it starts: Ctrl-C's default action, which it inherits as "ignored" when
    the test run itself was started in the background (a shell's `&`)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


CLI_SIGNALS = {
    "SIGKILL": (signal.SIGKILL, -signal.SIGKILL, None),
    "SIGTERM": (signal.SIGTERM, 143, "audiobrief: terminated (SIGTERM)"),
    "SIGINT": (signal.SIGINT, 130, "audiobrief: interrupted"),
}


@pytest.mark.slow
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
                            stderr=subprocess.PIPE, preexec_fn=ctrl_c_as_usual)
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


@pytest.mark.slow
def test_the_next_make_removes_what_a_killed_make_left_and_nothing_of_a_live_one(home: Path) -> None:
    """A make killed with SIGKILL mid-way leaves its scratch files beside the output (it cleans up
    nothing); the next make writing there removes them, but never those of a process still running."""
    out_dir = home / "out"
    out_dir.mkdir()
    article = home / "valley.txt"
    article.write_text(long_article(), "utf-8")
    out = out_dir / "valley.mp3"
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    killed = subprocess.Popen([sys.executable, "-m", "audiobrief", "make", str(article), "-o", str(out),
                               "--voice", "en-us-espeak"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    # the journal is opened first, the frames file a moment later: killed once both are there (a
    # loaded run killed it between the two)
    scratch = [out_dir / f".valley.mp3.{killed.pid}{suffix}" for suffix in (".live", ".stream")]
    deadline = time.monotonic() + 120
    while not all(p.exists() for p in scratch) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(path.exists() for path in scratch), "the make never began writing its audio"
    killed.kill()
    killed.wait(SETTLE_S)
    left = sorted(path.name for path in out_dir.iterdir())
    assert left == [f".valley.mp3.{killed.pid}.live", f".valley.mp3.{killed.pid}.stream"]
    live = out_dir / f".valley.mp3.{os.getpid()}.live"  # this test's own process is alive
    live.write_text("")

    short = home / "short.txt"
    short.write_text("Ferry Returns\n\nThe night ferry runs again from Monday.\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "audiobrief", "make", str(short), "-o", str(out),
                             "--voice", "en-us-espeak"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in out_dir.iterdir() if path.name.startswith(".")) == [live.name]
    assert out.exists()


@pytest.mark.slow
def test_ctrl_c_in_a_terminal_ends_make_with_one_line(home: Path) -> None:
    """Ctrl-C signals the whole process group: the workers leave it to the parent, so the only
    thing said is the parent's one line, and nothing is left running."""
    article = home / "valley.txt"
    article.write_text(long_article(), "utf-8")
    env = {**os.environ, "AUDIOBRIEF_HOME": str(home)}
    make = subprocess.Popen([sys.executable, "-m", "audiobrief", "make", str(article), "-o",
                             str(home / "valley.mp3")], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, preexec_fn=ctrl_c_as_usual)
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


@pytest.mark.slow
@pytest.mark.parametrize(("name", "whole_group"), [("SIGKILL", False), ("SIGTERM", False), ("SIGINT", False),
                                                   ("SIGTERM", True)])
def test_server_stopped_mid_briefing_leaves_nothing_running_and_resumes_it(
        name: str, whole_group: bool, home: Path) -> None:
    """The server alone is signalled (a service manager stopping the main process), or every
    process in its group (systemd's default, and Ctrl-C)."""
    server = Server(home, workers="1").start()
    briefing_id = server.submit(long_article(), title="Interrupted")
    wait_for_speech(home)
    assert httpx.get(f"{server.url}/api/briefings/{briefing_id}").json()["state"] == "running"
    assert server.process is not None
    (os.killpg if whole_group else os.kill)(server.process.pid, getattr(signal, name))
    server.process.wait(SETTLE_S)

    assert left_after(home) == {}, kinds(processes_of(home))
    log = server.log.read_text()
    if name != "SIGKILL":
        # uvicorn ends with status 0 on Ctrl-C and, after its clean shutdown, by the signal itself on
        # SIGTERM (what service managers count as a clean stop; exit status 143 they would not)
        assert server.process.returncode == {"SIGTERM": -signal.SIGTERM, "SIGINT": 0}[name], log[-3000:]
        assert "Traceback" not in log, log[-3000:]
        assert briefing_state(home, briefing_id) == ("queued", 1), "put back in the queue, not failed"
        assert not list((home / "briefings").glob(".work-*")), "its scratch folder is removed"
    assert not (home / "briefings" / briefing_id).exists()

    restarted = Server(home, workers="1").start()
    try:
        final = restarted.wait(briefing_id)
        assert final["state"] == "done", final
        assert httpx.get(final["audio_url"]).status_code == 200
    finally:
        restarted.stop()
    assert left_after(home) == {}, kinds(processes_of(home))
