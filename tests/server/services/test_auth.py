"""Accounts, sessions, CSRF tokens, API tokens, ownership and the Host/Origin checks, in process."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from support.accounts import ARTICLE, PASSWORD, add_user, hidden_token, log_in, make_client

from audiobrief.server.config import Settings
from audiobrief.server.http.guard import exposure_problem, host_allowed
from audiobrief.server.store.tables import sessions

NO_LOGIN = {"detail": "log in first (at /login), or send an API token as Authorization: Bearer"}
FOREIGN = {"detail": "requests from other sites are refused: use this site's own form"}
NO_CSRF = {"detail": "the form has expired or came from another site: reload the page and send it again"}
BAD_TOKEN = {"detail": "the API token is not valid: create one with `audiobrief token create NAME`"}
NOT_YOURS = {"detail": "this briefing belongs to another account: only its owner or an admin may delete it"}


@pytest.fixture
def open_client(tmp_path: Path) -> TestClient:
    """A server without accounts (loopback mode)."""
    return make_client(tmp_path)


@pytest.fixture
def accounts(tmp_path: Path) -> TestClient:
    """A server with the accounts alice, bob and root (admin)."""
    client = make_client(tmp_path)
    for name in ("alice", "bob"):
        add_user(client, name)
    add_user(client, "root", admin=True)
    return client


def other(client: TestClient) -> TestClient:
    """A second browser on the same app (its own cookies)."""
    return TestClient(client.app, base_url=str(client.base_url))


# --- open mode (no accounts, loopback) -------------------------------------------------------------

def test_open_server_needs_no_login_and_makes_everything_public(open_client: TestClient) -> None:
    assert open_client.get("/").status_code == 200
    created = open_client.post("/api/briefings", json=ARTICLE)
    assert created.status_code == 202
    status = open_client.get(f"/api/briefings/{created.json()['id']}").json()
    assert status["public"] is True
    assert open_client.get("/login", follow_redirects=False).headers["location"] == "/"
    assert "Log in" not in open_client.get("/library").text


@pytest.mark.parametrize("origin", ["http://evil.example", "https://127.0.0.1:8000", "http://127.0.0.1:8001",
                                    "null", "http://127.0.0.1:8000.evil.example"])
def test_open_server_refuses_other_origins_scheme_and_port_included(open_client: TestClient,
                                                                     origin: str) -> None:
    answer = open_client.post("/api/briefings", json=ARTICLE, headers={"Origin": origin})
    assert (answer.status_code, answer.json()) == (403, FOREIGN)
    form = open_client.post("/briefings", data={"text": "x"}, headers={"Origin": origin})
    assert form.status_code == 403 and "requests from other sites are refused" in form.text


def test_open_server_accepts_its_own_origin(open_client: TestClient) -> None:
    answer = open_client.post("/api/briefings", json=ARTICLE, headers={"Origin": "http://127.0.0.1:8000"})
    assert answer.status_code == 202


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1:8001", "localhost",
                                  "user@127.0.0.1:8000", "127.0.0.1:8000/x", ""])
def test_other_hosts_get_400(open_client: TestClient, host: str) -> None:
    """DNS rebinding (a foreign name pointing at 127.0.0.1) and Host-header link forging are refused."""
    answer = open_client.get("/feed.xml", headers={"Host": host})
    assert answer.status_code == 400
    assert answer.json() == {"detail": f"this server does not answer for the host '{host}': use a loopback "
                                       "name on port 8000 (AUDIOBRIEF_PUBLIC_URL sets the public address)"}


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "127.0.0.2:8000"])
def test_loopback_hosts_on_the_server_port_are_answered(open_client: TestClient, host: str) -> None:
    answer = open_client.get("/feed.xml", headers={"Host": host})
    assert answer.status_code == 200
    assert f"http://{host}/feed.xml" in answer.text


def test_with_a_public_url_links_come_from_it_and_other_hosts_get_400(tmp_path: Path) -> None:
    client = make_client(tmp_path, public_url="https://briefs.example.org")
    feed = client.get("/feed.xml", headers={"Host": "127.0.0.1:8000"})  # a reverse proxy passing its upstream
    assert feed.status_code == 200 and "https://briefs.example.org/feed.xml" in feed.text
    assert "127.0.0.1" not in feed.text
    assert client.get("/feed.xml", headers={"Host": "briefs.example.org"}).status_code == 200
    assert client.get("/feed.xml", headers={"Host": "briefs.example.org:443"}).status_code == 200
    wrong = client.get("/feed.xml", headers={"Host": "evil.example"})
    assert wrong.status_code == 400
    assert wrong.json()["detail"].endswith("use its public address https://briefs.example.org "
                                           "(AUDIOBRIEF_PUBLIC_URL sets the public address)")
    http = client.post("/api/briefings", json=ARTICLE, headers={"Origin": "http://briefs.example.org"})
    assert (http.status_code, http.json()) == (403, FOREIGN)
    same = client.post("/api/briefings", json=ARTICLE, headers={"Origin": "https://briefs.example.org"})
    assert same.status_code == 202


def test_host_rules() -> None:
    assert host_allowed("LOCALHOST:8000", "http", 8000, "")
    assert not host_allowed("127.0.0.1:8000", "http", 8001, "")
    assert host_allowed("briefs.example.org", "https", 8000, "https://briefs.example.org/")
    assert not host_allowed("briefs.example.org:8443", "https", 8000, "https://briefs.example.org")
    assert not host_allowed("[::ffff:127.0.0.1", "http", 8000, "")


# --- start-up rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "public_url", "has_accounts", "problem"), [
    ("127.0.0.1", "", False, None),
    ("localhost", "", False, None),
    ("::1", "", True, None),
    ("0.0.0.0", "https://briefs.example.org", True, None),
    ("0.0.0.0", "", False, "listening on 0.0.0.0 (not loopback) needs an account (add one with `audiobrief "
                           "user add NAME`) and AUDIOBRIEF_PUBLIC_URL set to the address people use (for "
                           "example https://briefs.example.org)"),
    ("192.0.2.7", "https://briefs.example.org", False,
     "listening on 192.0.2.7 (not loopback) needs an account (add one with `audiobrief user add NAME`)"),
    ("::", "", True, "listening on :: (not loopback) needs AUDIOBRIEF_PUBLIC_URL set to the address people "
                     "use (for example https://briefs.example.org)"),
    ("127.0.0.1", "briefs.example.org", False, "AUDIOBRIEF_PUBLIC_URL='briefs.example.org' is not a base "
     "address: give scheme and host only, for example https://briefs.example.org"),
    ("127.0.0.1", "https://example.org/audio", False, "AUDIOBRIEF_PUBLIC_URL='https://example.org/audio' is "
     "not a base address: give scheme and host only, for example https://briefs.example.org"),
])
def test_listening_beyond_loopback_needs_an_account_and_a_public_url(
        host: str, public_url: str, has_accounts: bool, problem: str | None) -> None:
    settings = Settings(home=Path("."), public_url=public_url)
    assert exposure_problem(host, settings, has_accounts) == problem


def test_the_secret_key_is_created_owner_only_and_kept(tmp_path: Path) -> None:
    make_client(tmp_path)
    key = tmp_path / "secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    first = key.read_text()
    make_client(tmp_path)
    assert key.read_text() == first and len(bytes.fromhex(first)) == 32


# --- logging in -------------------------------------------------------------------------------------

def test_with_accounts_pages_ask_for_a_login_and_writes_are_401(accounts: TestClient) -> None:
    form = accounts.get("/", follow_redirects=False)
    assert (form.status_code, form.headers["location"]) == (303, "/login?next=%2F")
    api = accounts.post("/api/briefings", json=ARTICLE)
    assert (api.status_code, api.json()) == (401, NO_LOGIN)
    assert api.headers["www-authenticate"] == "Bearer"
    page = accounts.post("/briefings", data={"text": "x"})
    assert page.status_code == 401 and '<a href="/login">Log in</a>' in page.text
    delete = accounts.delete(f"/api/briefings/{'0' * 32}")
    assert (delete.status_code, delete.json()) == (401, NO_LOGIN)


def test_login_sets_a_session_cookie_that_scripts_cannot_read(accounts: TestClient) -> None:
    token = hidden_token(accounts.get("/login").text)
    answer = accounts.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token,
                                           "next": "/library"}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/library")
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("audiobrief_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http on loopback: a Secure cookie would never come back
    assert "Account (alice)" in accounts.get("/").text


def test_session_cookie_is_secure_behind_https(tmp_path: Path) -> None:
    app = make_client(tmp_path, public_url="https://briefs.example.org").app
    client = TestClient(app, base_url="https://briefs.example.org")
    add_user(client, "alice")
    token = hidden_token(client.get("/login").text)
    answer = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token},
                         follow_redirects=False)
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("audiobrief_session="))
    assert "Secure" in cookie


@pytest.mark.parametrize(("name", "password"), [("alice", "wrong password!"), ("nobody", PASSWORD)])
def test_wrong_name_or_password_is_401_with_the_form_again(accounts: TestClient, name: str,
                                                         password: str) -> None:
    token = hidden_token(accounts.get("/login").text)
    answer = accounts.post("/login", data={"name": name, "password": password, "csrf_token": token})
    assert answer.status_code == 401
    assert "The name or password is wrong." in answer.text
    assert "audiobrief_session" not in accounts.cookies


def test_login_form_needs_its_token(accounts: TestClient) -> None:
    """Login CSRF: a form posted from elsewhere (no token tied to this browser's cookie) is refused."""
    accounts.get("/login")
    answer = accounts.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": "forged"})
    assert answer.status_code == 403 and "The login form expired. Please log in again." in answer.text
    stranger = other(accounts)
    stolen = hidden_token(stranger.get("/login").text)  # valid only with the stranger's cookie
    answer = accounts.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": stolen})
    assert answer.status_code == 403


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(accounts: TestClient, target: str) -> None:
    token = hidden_token(accounts.get("/login").text)
    answer = accounts.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token,
                                           "next": target}, follow_redirects=False)
    assert answer.headers["location"] == "/"


def test_failed_logins_are_rate_limited(accounts: TestClient) -> None:
    token = hidden_token(accounts.get("/login").text)
    wrong = {"name": "alice", "password": "not the password", "csrf_token": token}
    codes = [accounts.post("/login", data=wrong).status_code for _ in range(11)]
    assert codes == [401] * 10 + [429]
    right = accounts.post("/login", data={**wrong, "password": PASSWORD})
    assert right.status_code == 429 and "Too many failed logins. Try again in" in right.text


def test_logout_ends_the_session(accounts: TestClient) -> None:
    csrf = log_in(accounts, "alice")
    cookie = accounts.cookies["audiobrief_session"]
    refused = accounts.post("/logout", data={})
    assert (refused.status_code, "the form has expired" in refused.text) == (403, True)
    assert accounts.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    replay = other(accounts)
    replay.cookies.set("audiobrief_session", cookie)
    assert replay.get("/", follow_redirects=False).headers["location"] == "/login?next=%2F"


# --- CSRF and API tokens ------------------------------------------------------------------------------

def test_cookie_requests_need_the_session_csrf_token(accounts: TestClient) -> None:
    csrf = log_in(accounts, "alice")
    bare = accounts.post("/api/briefings", json=ARTICLE)
    assert (bare.status_code, bare.json()) == (403, NO_CSRF)
    for guess in ("guess", "é" * 43, csrf[:-1]):
        header = {"X-CSRF-Token": guess.encode("latin-1")}
        wrong = accounts.post("/api/briefings", json=ARTICLE, headers=header)
        assert (wrong.status_code, wrong.json()) == (403, NO_CSRF)
    assert accounts.post("/api/briefings", json=ARTICLE, headers={"X-CSRF-Token": csrf}).status_code == 202
    form = accounts.post("/briefings", data={"text": ARTICLE["articles"][0]["text"], "csrf_token": csrf},
                         follow_redirects=False)
    assert form.status_code == 303
    story = ARTICLE["articles"][0]["text"]
    multipart = accounts.post("/api/briefings", data={"text": story, "csrf_token": csrf},
                              files={"files": ("a.txt", story.encode())})
    assert multipart.status_code == 202, multipart.text  # the form's script posts the hidden field this way
    no_field = accounts.post("/briefings", data={"text": "x"})
    assert no_field.status_code == 403 and "the form has expired" in no_field.text


def test_csrf_token_belongs_to_its_session(accounts: TestClient) -> None:
    alice = log_in(accounts, "alice")
    bob = other(accounts)
    log_in(bob, "bob")
    answer = bob.post("/api/briefings", json=ARTICLE, headers={"X-CSRF-Token": alice})
    assert (answer.status_code, answer.json()) == (403, NO_CSRF)


def test_api_tokens_work_without_csrf_and_can_be_revoked(accounts: TestClient) -> None:
    store = accounts.app.state.accounts
    token = store.create_token("alice", "phone")
    bearer = {"Authorization": f"Bearer {token}"}
    created = accounts.post("/api/briefings", json=ARTICLE, headers=bearer)
    assert created.status_code == 202
    listed = accounts.get("/api/briefings", headers=bearer).json()["briefings"]
    assert [b["id"] for b in listed] == [created.json()["id"]]
    assert listed[0]["public"] is False
    (entry,) = store.tokens("alice")
    store.revoke_token(entry.id)
    revoked = accounts.post("/api/briefings", json=ARTICLE, headers=bearer)
    assert (revoked.status_code, revoked.json()) == (401, BAD_TOKEN)
    assert revoked.headers["www-authenticate"] == 'Bearer error="invalid_token"'
    forged = accounts.get("/api/briefings", headers={"Authorization": "Bearer abt_forged"})
    assert (forged.status_code, forged.json()) == (401, BAD_TOKEN)


def test_tokens_are_stored_only_hashed(accounts: TestClient, tmp_path: Path) -> None:
    token = accounts.app.state.accounts.create_token("alice", "")
    log_in(accounts, "alice")
    database = b"".join(path.read_bytes() for path in tmp_path.glob("server.sqlite3*"))
    assert token.encode() not in database
    assert accounts.cookies["audiobrief_session"].encode() not in database
    assert PASSWORD.encode() not in database


# --- ownership ------------------------------------------------------------------------------------------

def bearer(client: TestClient, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {client.app.state.accounts.create_token(name, 'test')}"}


def test_a_briefing_belongs_to_its_maker(accounts: TestClient) -> None:
    alice, bob, root = bearer(accounts, "alice"), bearer(accounts, "bob"), bearer(accounts, "root")
    private = accounts.post("/api/briefings", json=ARTICLE, headers=alice).json()["id"]
    public = accounts.post("/api/briefings", json={**ARTICLE, "public": True}, headers=alice).json()["id"]

    def ids(headers: dict[str, str]) -> set[str]:
        return {b["id"] for b in accounts.get("/api/briefings", headers=headers).json()["briefings"]}

    assert ids(alice) == {private, public}
    assert ids(bob) == {public}
    assert ids({}) == {public}
    assert ids(root) == {private, public}
    assert accounts.get(f"/api/briefings/{private}", headers=bob).status_code == 404
    assert accounts.get(f"/api/briefings/{private}").status_code == 404
    assert accounts.get(f"/api/briefings/{public}").json()["public"] is True
    refused = accounts.delete(f"/api/briefings/{public}", headers=bob)
    assert (refused.status_code, refused.json()) == (403, NOT_YOURS)
    refused = accounts.delete(f"/api/briefings/{private}", headers=bob)
    assert (refused.status_code, refused.json()) == (403, NOT_YOURS)
    assert accounts.delete(f"/api/briefings/{private}", headers=root).status_code == 204
    assert accounts.delete(f"/api/briefings/{public}", headers=alice).status_code == 204
    assert ids(alice) == set()


def test_pages_show_only_what_the_visitor_may_see(accounts: TestClient) -> None:
    alice = bearer(accounts, "alice")
    private = accounts.post("/api/briefings", json={**ARTICLE, "title": "Alice private"},
                            headers=alice).json()
    public = accounts.post("/api/briefings", json={**ARTICLE, "title": "Alice public", "public": True},
                           headers=alice).json()
    anonymous = accounts.get("/library").text
    assert "Alice public" in anonymous and "Alice private" not in anonymous
    assert f"/briefings/{public['id']}/delete" not in anonymous
    login = accounts.get(f"/briefings/{private['id']}", follow_redirects=False)
    assert login.headers["location"] == f"/login?next=%2Fbriefings%2F{private['id']}"
    csrf = log_in(accounts, "bob")
    assert accounts.get(f"/briefings/{private['id']}").status_code == 404
    assert accounts.get(f"/briefings/{public['id']}").status_code == 200
    confirm = accounts.get(f"/briefings/{public['id']}/delete")
    assert confirm.status_code == 403 and "belongs to another account" in confirm.text
    posted = accounts.post(f"/briefings/{public['id']}/delete", data={"csrf_token": csrf})
    assert posted.status_code == 403
    assert accounts.get(f"/api/briefings/{public['id']}").status_code == 200


def test_the_form_offers_public_and_carries_the_token(accounts: TestClient) -> None:
    csrf = log_in(accounts, "alice")
    form = accounts.get("/").text
    assert f'name="csrf_token" value="{csrf}"' in form
    assert 'type="checkbox" id="public" name="public"' in form
    made = accounts.post("/briefings", data={"text": ARTICLE["articles"][0]["text"], "public": "on",
                                             "csrf_token": csrf}, follow_redirects=False)
    record_id = made.headers["location"].rsplit("/", 1)[1]
    assert accounts.app.state.store.get(record_id).public is True
    assert other(accounts).get(f"/api/briefings/{record_id}").status_code == 200


def test_a_bad_token_on_a_page_gets_the_401_page(accounts: TestClient) -> None:
    bad = {"Authorization": "Bearer abt_nothing"}
    page = accounts.get("/library", headers=bad)
    assert page.status_code == 401 and "the API token is not valid" in page.text
    large = accounts.post("/briefings", content=b"x" * (13 * 1024 * 1024), headers=bad)
    assert large.status_code == 413


@pytest.mark.parametrize(("fields", "headers"), [
    ({}, {}),
    ({"name": "alice", "password": PASSWORD, "csrf_token": ""}, {}),
    ({"name": "alice" * 1000, "password": "x" * 100_000, "csrf_token": "é"}, {}),
])
def test_hostile_login_posts_get_the_form_again(accounts: TestClient, fields: dict, headers: dict) -> None:
    answer = accounts.post("/login", data=fields, headers=headers)
    assert answer.status_code == 403 and "The login form expired. Please log in again." in answer.text
    assert "audiobrief_session" not in accounts.cookies


def test_login_from_another_site_is_403(accounts: TestClient) -> None:
    token = hidden_token(accounts.get("/login").text)
    answer = accounts.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token},
                           headers={"Origin": "http://evil.example"})
    assert answer.status_code == 403 and "requests from other sites are refused" in answer.text


@pytest.mark.parametrize("authorization", ["Bearer", "Bearer ", "bearer abt_x", "Bearer abt_x extra"])
def test_malformed_bearer_headers_are_401(accounts: TestClient, authorization: str) -> None:
    answer = accounts.get("/api/briefings", headers={"Authorization": authorization})
    assert (answer.status_code, answer.json()) == (401, BAD_TOKEN)


@pytest.mark.parametrize("cookie", ["", "garbage", "x" * 5000, "é"])
def test_unknown_session_cookies_are_nobody(accounts: TestClient, cookie: str) -> None:
    answer = accounts.get("/", headers={"Cookie": f"audiobrief_session={cookie}".encode()},
                          follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2F")


def test_owners_make_briefings_public_or_private(accounts: TestClient) -> None:
    alice, bob = bearer(accounts, "alice"), bearer(accounts, "bob")
    record_id = accounts.post("/api/briefings", json=ARTICLE, headers=alice).json()["id"]
    assert accounts.get(f"/api/briefings/{record_id}").status_code == 404
    shared = accounts.patch(f"/api/briefings/{record_id}", json={"public": True}, headers=alice)
    assert shared.status_code == 200 and shared.json()["public"] is True
    assert accounts.get(f"/api/briefings/{record_id}").json()["public"] is True
    refused = accounts.patch(f"/api/briefings/{record_id}", json={"public": False}, headers=bob)
    assert (refused.status_code, refused.json()) == (403, {
        "detail": "this briefing belongs to another account: only its owner or an admin may change it"})
    anonymous = accounts.patch(f"/api/briefings/{record_id}", json={"public": False})
    assert (anonymous.status_code, anonymous.json()) == (401, NO_LOGIN)
    invalid = accounts.patch(f"/api/briefings/{record_id}", json={"public": "maybe"}, headers=alice)
    assert invalid.status_code == 422 and invalid.json()["detail"][0]["loc"] == ["body", "public"]

    csrf = log_in(accounts, "alice")
    page = accounts.get(f"/briefings/{record_id}").text
    assert "Public: anyone can find it" in page and ">Make it private</button>" in page
    back = accounts.post(f"/briefings/{record_id}/sharing", data={"public": "off", "csrf_token": csrf},
                         follow_redirects=False)
    assert (back.status_code, back.headers["location"]) == (303, f"/briefings/{record_id}")
    assert accounts.app.state.store.get(record_id).public is False
    assert other(accounts).get(f"/api/briefings/{record_id}").status_code == 404
    assert accounts.post(f"/briefings/{record_id}/sharing", data={"public": "on"}).status_code == 403


def test_an_open_server_keeps_everything_public(open_client: TestClient) -> None:
    record_id = open_client.post("/api/briefings", json={**ARTICLE, "public": False}).json()["id"]
    assert open_client.get(f"/api/briefings/{record_id}").json()["public"] is True
    refused = open_client.patch(f"/api/briefings/{record_id}", json={"public": False})
    assert (refused.status_code, refused.json()) == (409, {
        "detail": "a server without accounts keeps every briefing public: add an account "
                  "(audiobrief user add NAME) to have private ones"})
    assert open_client.patch(f"/api/briefings/{record_id}", json={"public": True}).status_code == 200


def test_the_public_box_stays_ticked_when_the_form_comes_back_with_errors(accounts: TestClient) -> None:
    csrf = log_in(accounts, "alice")
    answer = accounts.post("/briefings", data={"text": "", "public": "on", "csrf_token": csrf})
    assert answer.status_code == 422
    assert 'id="public" name="public" checked' in answer.text


def test_an_expired_session_is_refused(accounts: TestClient) -> None:
    browser = other(accounts)
    log_in(browser, "alice")
    assert browser.get("/account").status_code == 200
    with accounts.app.state.store.connect() as db:
        db.execute(update(sessions).values(expires_at=time.time() - 1))
    answer = browser.get("/account", follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2Faccount")
    refused = browser.post("/api/briefings", json=ARTICLE, headers={"Origin": str(accounts.base_url)})
    assert (refused.status_code, refused.json()) == (401, NO_LOGIN)
