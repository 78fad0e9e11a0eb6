"""`audiobrief user` and `audiobrief token`, and `serve` refusing to listen beyond loopback unprotected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.commands import run
from support.server import free_port

from audiobrief.server.store.accounts import Accounts
from audiobrief.server.store.records import Store

pytestmark = pytest.mark.slow  # each test runs the command, hashing passwords at the users' cost

PASSWORD = "correct horse battery"


def test_user_add_reads_the_password_from_stdin_and_hashes_it(tmp_path: Path) -> None:
    added = run("user", "add", "alice", "--admin", stdin=PASSWORD + "\n", home=tmp_path)
    assert (added.returncode, added.stdout, added.stderr) == (0, "added admin account 'alice'\n", "")
    accounts = Accounts(Store(tmp_path / "server.sqlite3"))
    user = accounts.verify("alice", PASSWORD)
    assert user is not None and user.admin
    assert accounts.verify("alice", PASSWORD + "x") is None
    stored = (tmp_path / "server.sqlite3").read_bytes() + b"".join(
        p.read_bytes() for p in tmp_path.glob("server.sqlite3-wal"))
    assert PASSWORD.encode() not in stored
    assert b"$argon2id$v=19$m=65536,t=3,p=4$" in stored  # the cost users get, not the tests' own
    listed = run("user", "list", home=tmp_path)
    assert listed.stdout == "alice (admin)\n"


def test_user_add_errors_name_the_fix(tmp_path: Path) -> None:
    short = run("user", "add", "alice", stdin="short\n", home=tmp_path)
    assert (short.returncode, short.stderr) == (
        1, "audiobrief: error: the password is 5 characters long: use at least 10\n")
    bad = run("user", "add", "../root", stdin=PASSWORD + "\n", home=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr == ("audiobrief: error: '../root' is not a usable account name: use 1 to 64 letters, "
                          "digits, '.', '_' or '-', starting with a letter or digit\n")
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=tmp_path).returncode == 0
    again = run("user", "add", "alice", stdin=PASSWORD + "\n", home=tmp_path)
    assert (again.returncode, again.stderr) == (
        1, "audiobrief: error: there is already an account called 'alice': choose another name\n")
    missing = run("token", "create", "nobody", home=tmp_path)
    assert (missing.returncode, missing.stderr) == (
        1, "audiobrief: error: there is no account called 'nobody': see `audiobrief user list`\n")


def test_tokens_are_printed_once_listed_without_themselves_and_revoked(tmp_path: Path) -> None:
    run("user", "add", "alice", stdin=PASSWORD + "\n", home=tmp_path)
    created = run("token", "create", "alice", "--label", "phone", home=tmp_path)
    assert created.returncode == 0
    token = created.stdout.strip()
    assert token.startswith("abt_") and len(token) > 40
    assert created.stderr == ("keep it safe: it is shown only this once (send it as Authorization: Bearer "
                              "TOKEN)\n")
    listed = run("token", "list", home=tmp_path).stdout
    assert listed.startswith("1\talice\t") and listed.endswith("\tphone\n") and token not in listed
    accounts = Accounts(Store(tmp_path / "server.sqlite3"))
    assert accounts.token_user(token).name == "alice"
    assert run("token", "revoke", "1", home=tmp_path).stdout == "revoked API token 1\n"
    assert accounts.token_user(token) is None
    again = run("token", "revoke", "1", home=tmp_path)
    assert (again.returncode, again.stderr) == (
        1, "audiobrief: error: there is no API token 1: see `audiobrief token list`\n")


def test_removing_an_account_removes_its_briefings(tmp_path: Path) -> None:
    run("user", "add", "alice", stdin=PASSWORD + "\n", home=tmp_path)
    store = Store(tmp_path / "server.sqlite3")
    alice = Accounts(store).named("alice")
    store.add("a" * 32, "", "en", None, {}, [], alice.id, False)
    (tmp_path / "briefings" / ("a" * 32)).mkdir(parents=True)
    removed = run("user", "remove", "alice", home=tmp_path)
    assert removed.stdout == "removed account 'alice' and its briefings\n"
    assert store.get("a" * 32) is None and not (tmp_path / "briefings" / ("a" * 32)).exists()


def serve(home: Path, host: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `audiobrief serve` expecting it to refuse at once (a port of our own, in case it does not)."""
    environment = {key: value for key, value in os.environ.items() if key != "AUDIOBRIEF_PUBLIC_URL"}
    environment.update(AUDIOBRIEF_HOME=str(home), **env)
    command = [sys.executable, "-m", "audiobrief", "serve", "--host", host, "--port", str(free_port())]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment)


def test_serve_refuses_a_public_address_without_an_account(tmp_path: Path) -> None:
    refused = serve(tmp_path, "0.0.0.0")
    assert refused.returncode == 1
    assert refused.stderr == ("audiobrief: error: listening on 0.0.0.0 (not loopback) needs an account "
                              "(add one with `audiobrief user add NAME`) and AUDIOBRIEF_PUBLIC_URL set to "
                              "the address people use (for example https://briefs.example.org)\n")


def test_serve_refuses_a_public_address_without_a_public_url(tmp_path: Path) -> None:
    run("user", "add", "alice", stdin=PASSWORD + "\n", home=tmp_path)
    refused = serve(tmp_path, "0.0.0.0")
    assert refused.returncode == 1
    assert refused.stderr == ("audiobrief: error: listening on 0.0.0.0 (not loopback) needs "
                              "AUDIOBRIEF_PUBLIC_URL set to the address people use (for example "
                              "https://briefs.example.org)\n")


def test_serve_refuses_a_public_url_with_a_path(tmp_path: Path) -> None:
    refused = serve(tmp_path, "127.0.0.1", AUDIOBRIEF_PUBLIC_URL="https://example.org/briefs")
    assert refused.returncode == 1
    assert refused.stderr == ("audiobrief: error: AUDIOBRIEF_PUBLIC_URL='https://example.org/briefs' is not "
                              "a base address: give scheme and host only, for example "
                              "https://briefs.example.org\n")


def test_a_new_password_logs_out_the_sessions(tmp_path: Path) -> None:
    run("user", "add", "alice", stdin=PASSWORD + "\n", home=tmp_path)
    accounts = Accounts(Store(tmp_path / "server.sqlite3"))
    session = accounts.open_session(accounts.named("alice"), days=1)
    changed = run("user", "password", "alice", stdin="another long secret\n", home=tmp_path)
    assert changed.stdout == "new password for 'alice'; its sessions are logged out\n"
    assert accounts.session(session) is None
    assert accounts.verify("alice", PASSWORD) is None
    assert accounts.verify("alice", "another long secret") is not None
