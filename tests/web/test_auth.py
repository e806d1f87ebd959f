"""Sign-in, session cookie, CSRF, rate limiting, security headers and user administration."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

PASSWORD = "rahasia-kuat-123"


def _form_token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def test_login_page_sets_httponly_samesite_cookie_and_redirects_by_role(client: TestClient) -> None:
    page = client.get("/login")
    assert page.status_code == 200 and "Masuk" in page.text
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    token = _form_token(client, "/login")
    response = client.post(
        "/login",
        data={"username": "planner_a", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/unggah"
    cookie = response.headers["set-cookie"].lower()
    assert "spbe_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/", follow_redirects=False).headers["location"] == "/unggah"


@pytest.mark.parametrize(("username", "home"), [("auditor_a", "/reviu"), ("admin", "/dasbor")])
def test_each_role_lands_on_its_page(client: TestClient, login, username: str, home: str) -> None:
    login(username, via="page")
    assert client.get("/", follow_redirects=False).headers["location"] == home


def test_login_next_is_kept_on_site(client: TestClient) -> None:
    token = _form_token(client, "/login")
    data = {"username": "admin", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/x"}
    assert client.post("/login", data=data, follow_redirects=False).headers["location"] == "/dasbor"
    client.cookies.clear()
    token = _form_token(client, "/login")
    data |= {"csrf_token": token, "next": "/reviu?status=all"}
    assert client.post("/login", data=data, follow_redirects=False).headers["location"] == "/reviu?status=all"


def test_wrong_password_is_401_and_login_form_needs_csrf(client: TestClient) -> None:
    token = _form_token(client, "/login")
    bad = client.post("/login", data={"username": "admin", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401 and "salah" in bad.text
    no_token = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert no_token.status_code == 403 and "CSRF" not in no_token.text  # Indonesian message on pages
    assert "Formulir kedaluwarsa" in no_token.text


def test_login_is_rate_limited_per_username_even_with_the_right_password(client: TestClient) -> None:
    for _ in range(5):
        r = client.post("/api/auth/login", json={"username": "auditor_a", "password": "wrong"})
        assert r.status_code == 401
    blocked = client.post("/api/auth/login", json={"username": "auditor_a", "password": PASSWORD})
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
    token = _form_token(client, "/login")
    page = client.post("/login", data={"username": "auditor_a", "password": PASSWORD, "csrf_token": token})
    assert page.status_code == 429 and "Terlalu banyak percobaan" in page.text
    assert client.post("/api/auth/login", json={"username": "admin", "password": PASSWORD}).status_code == 200


def test_api_login_wants_json_and_logout_ends_the_session(client: TestClient, login) -> None:
    form = client.post("/api/auth/login", data={"username": "admin", "password": PASSWORD})
    assert form.status_code in (415, 422)
    login("admin")
    me = client.get("/api/me").json()
    assert me["username"] == "admin" and me["role"] == "admin" and me["csrf_token"]
    assert client.post("/api/auth/logout").status_code == 200
    assert client.get("/api/me").status_code == 401


def test_unauthenticated_pages_redirect_and_api_says_401(client: TestClient) -> None:
    for path in ("/unggah", "/hasil", "/reviu", "/dasbor", "/admin/pengguna", "/hasil/35.19/2027"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), path
    for path in ("/api/me", "/api/review/queue?cycle=2027", "/api/dashboard?cycle=2027", "/api/users"):
        assert client.get(path).status_code == 401, path


def test_csrf_is_required_on_api_and_page_posts(client: TestClient, login, seeded) -> None:
    token = login("auditor_all")
    line = seeded.lines["a_shared"]
    client.headers.pop("X-CSRF-Token")
    assert client.post(f"/api/review/lines/{line}/confirm", json={}).status_code == 403
    bad = client.post(f"/api/review/lines/{line}/confirm", json={}, headers={"X-CSRF-Token": "forged"})
    assert bad.status_code == 403 and bad.json()["detail"].startswith("CSRF")
    assert client.post(f"/reviu/{line}/konfirmasi", data={"note": ""}).status_code == 403
    assert client.post("/logout", follow_redirects=False).status_code == 403
    ok = client.post(f"/api/review/lines/{line}/confirm", json={}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/login").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"


def test_disabled_user_loses_the_session(client: TestClient, login, engine) -> None:
    from sqlmodel import Session

    from clearance.users import disable_user

    login("planner_a")
    assert client.get("/api/me").status_code == 200
    with Session(engine) as s:
        disable_user(s, "planner_a", by="admin")
        s.commit()
    assert client.get("/api/me").status_code == 401
    r = client.post("/api/auth/login", json={"username": "planner_a", "password": PASSWORD})
    assert r.status_code == 401


def test_users_api_is_admin_only(client: TestClient, login) -> None:
    login("auditor_all")
    assert client.get("/api/users").status_code == 403
    assert (
        client.post("/api/users", json={"username": "x1x", "password": "p" * 12, "role": "admin"}).status_code
        == 403
    )
    login("admin")
    names = [u["username"] for u in client.get("/api/users").json()]
    assert names == sorted(["admin", "auditor_a", "auditor_all", "planner_a", "planner_b"])
    created = client.post(
        "/api/users",
        json={"username": "perencana.c", "password": "p" * 12, "role": "planner", "regions": ["35.74"]},
    )
    assert created.status_code == 201 and created.json()["regions"] == ["35.74"]
    bad = client.post(
        "/api/users", json={"username": "pc2", "password": "p" * 12, "role": "planner", "regions": []}
    )
    assert bad.status_code == 422 and "exactly one region" in bad.json()["detail"]
    assert client.post("/api/users/perencana.c/disable").json()["active"] is False
    assert client.post("/api/users/admin/disable").status_code == 422


def test_users_pages_add_and_disable(client: TestClient, login) -> None:
    token = login("admin", via="page")
    assert "planner_b" in client.get("/admin/pengguna").text
    data = {
        "username": "auditor.x",
        "password": "p" * 12,
        "role": "auditor",
        "regions": "35.19, 35.20",
        "csrf_token": token,
    }
    page = client.post("/admin/pengguna", data=data)
    assert page.status_code == 200 and "Pengguna auditor.x dibuat" in page.text
    page = client.post("/admin/pengguna/auditor.x/nonaktifkan", data={"csrf_token": token})
    assert "dinonaktifkan" in page.text
    login("planner_a", via="page")
    assert client.get("/admin/pengguna").status_code == 403


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/auth/login",
        "/api/uploads",
        "/api/review/queue",
        "/api/review/lines/{line_id}/overturn",
        "/api/review/bulk-confirm",
        "/api/regions/{region}/cycles/{cycle}/report",
        "/api/dashboard",
        "/api/catalog/aliases",
    ):
        assert path in paths, path
    assert not any(p.startswith("/reviu") for p in paths)


def test_parallel_wrong_passwords_cannot_pass_the_rate_limit(client: TestClient, monkeypatch) -> None:
    """Twelve attempts at once: five are verified (and fail), the other seven are refused up front."""
    import threading
    import time

    from clearance.web.routes import auth

    real = auth.authenticate

    def slow_authenticate(*args, **kwargs):
        time.sleep(0.3)  # every attempt is in flight while the others check the limit
        return real(*args, **kwargs)

    monkeypatch.setattr(auth, "authenticate", slow_authenticate)
    statuses: list[int] = []
    start = threading.Barrier(12)

    def attempt() -> None:
        start.wait()
        r = client.post("/api/auth/login", json={"username": "auditor_a", "password": "wrong"})
        statuses.append(r.status_code)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [401] * 5 + [429] * 7
    blocked = client.post("/api/auth/login", json={"username": "auditor_a", "password": PASSWORD})
    assert blocked.status_code == 429


def test_limiter_counts_each_attempt_before_it_is_verified() -> None:
    import threading

    from clearance.web.security import LoginLimiter

    limiter = LoginLimiter(per_user=5, per_address=100)
    allowed: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(40)

    def attempt() -> None:
        start.wait()
        wait, stamp = limiter.begin("someone", "10.0.0.1")
        if not wait:
            with lock:
                allowed.append(stamp)

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 5 and limiter.retry_after("someone", "10.0.0.1") > 0
    # a right password takes its own attempt back from the address and clears the username
    wait, stamp = limiter.begin("other", "10.0.0.2")
    assert wait == 0
    limiter.succeeded("other", "10.0.0.2", stamp)
    for n in range(100):  # the success did not use up one of the address's 100 attempts
        assert limiter.begin(f"u{n}", "10.0.0.2")[0] == 0, n
    assert limiter.begin("one-more", "10.0.0.2")[0] > 0


def test_a_copied_cookie_does_not_sign_in_after_logout(client: TestClient, login) -> None:
    login("planner_a")
    stolen = client.cookies.get("spbe_session")
    assert stolen and client.get("/api/me").status_code == 200
    assert client.post("/api/auth/logout").status_code == 200
    client.cookies.set("spbe_session", stolen)
    assert client.get("/api/me").status_code == 401
    client.cookies.set("spbe_session", stolen)
    r = client.get("/unggah", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    # the page's logout (form) does the same; signing in again gives a new, working session
    login("planner_a", via="page")
    stolen = client.cookies.get("spbe_session")
    token = _form_token(client, "/unggah")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    client.cookies.set("spbe_session", stolen)
    r = client.get("/unggah", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    login("planner_a")
    assert client.get("/api/me").json()["username"] == "planner_a"


def test_disabling_a_user_ends_their_sessions_even_if_re_enabled(client: TestClient, login, engine) -> None:
    from sqlmodel import Session

    from clearance.users import get_user

    login("planner_a")
    planner_cookie = client.cookies.get("spbe_session")
    login("admin")
    assert client.post("/api/users/planner_a/disable").status_code == 200
    with Session(engine) as s:  # re-enabled by hand in the database
        user = get_user(s, "planner_a")
        user.active = True
        s.add(user)
        s.commit()
    client.cookies.clear()
    client.headers.pop("X-CSRF-Token", None)
    client.cookies.set("spbe_session", planner_cookie)
    assert client.get("/api/me").status_code == 401
    login("planner_a")  # a new sign-in works again
    assert client.get("/api/me").status_code == 200


def test_invalid_input_is_an_indonesian_page_or_json_without_the_input(client: TestClient, login) -> None:
    token = _form_token(client, "/login")
    long_name = "z" * 100
    page = client.post("/login", data={"username": long_name, "password": "x", "csrf_token": token})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "Data tidak sah" in page.text and "nama pengguna terlalu panjang (maks. 64 karakter)" in page.text
    assert long_name not in page.text and "String should" not in page.text
    api = client.post("/api/auth/login", json={"username": long_name, "password": "x"})
    assert api.status_code == 422 and long_name not in api.text
    (error,) = api.json()["detail"]
    assert (
        "input" not in error and error["loc"] == ["body", "username"] and error["type"] == "string_too_long"
    )
    login("planner_a", via="page")
    bad_cycle = client.get("/hasil/35.19/abc")
    assert bad_cycle.status_code == 400 and "Permintaan tidak sah" in bad_cycle.text
    assert "Alamat halaman tidak sah: tahun anggaran harus berupa bilangan bulat." in bad_cycle.text
    assert "int_parsing" not in bad_cycle.text and '"detail"' not in bad_cycle.text
    api = client.get("/api/regions/35.19/cycles/abc/results")
    assert api.status_code == 422 and "input" not in api.json()["detail"][0]
    unknown = client.get("/hasil/35.19/1999")
    assert unknown.status_code == 404 and "Daerah atau tahun anggaran tidak dikenal." in unknown.text
    missing = client.get("/tidak-ada")
    assert missing.status_code == 404 and "Not Found" not in missing.text
    assert "Halaman atau data yang Anda cari tidak ada." in missing.text


def test_users_page_errors_are_indonesian(client: TestClient, login) -> None:
    token = login("admin", via="page")
    data = {"username": "x", "password": "p" * 12, "role": "auditor", "regions": "*", "csrf_token": token}
    page = client.post("/admin/pengguna", data=data)
    assert "Pengguna tidak dibuat: Nama pengguna harus 3-64 karakter" in page.text
    assert "lowercase" not in page.text
    page = client.post("/admin/pengguna", data={**data, "username": "planner_a"})
    assert "Nama pengguna \u201cplanner_a\u201d sudah dipakai." in page.text
    page = client.post("/admin/pengguna", data={**data, "username": "pc3", "role": "planner", "regions": ""})
    assert "Perencana harus punya tepat satu kode daerah." in page.text
    page = client.post("/admin/pengguna/admin/nonaktifkan", data={"csrf_token": token})
    assert "Anda tidak dapat menonaktifkan akun Anda sendiri." in page.text
    assert "you cannot disable" not in page.text
    page = client.post("/admin/pengguna/hantu/nonaktifkan", data={"csrf_token": token})
    assert "Pengguna \u201chantu\u201d tidak ada." in page.text
    # the API keeps the English detail
    client.headers["X-CSRF-Token"] = token
    assert "cannot disable" in client.post("/api/users/admin/disable").json()["detail"]
