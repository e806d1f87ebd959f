"""Web test fixtures: an app over the `engine` fixture (SQLite and PostgreSQL), users, seeded flags.

Flags are built directly as EngineDecision rows (deterministic); the upload tests run the real
ingest and engine."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from clearance import users
from clearance.config import Settings
from clearance.models import (
    BudgetCycle,
    BudgetLine,
    CatalogEntry,
    CatalogVersion,
    ClearanceRun,
    EngineDecision,
    Region,
    Submission,
)
from clearance.web.app import create_app

PASSWORD = "rahasia-kuat-123"
CYCLE = 2027
A, B = "35.19", "35.20"
GROUP = "DG-0123456789"
USERS = {
    "planner_a": ("planner", [A]),
    "planner_b": ("planner", [B]),
    "auditor_a": ("auditor", [A]),
    "auditor_all": ("auditor", ["*"]),
    "admin": ("admin", []),
}
APPS = [
    ("nas-srikandi", "SRIKANDI", "shared", "ANRI", None, True, ["Sistem Informasi Kearsipan Dinamis Terintegrasi"],
     ["persuratan", "tata naskah dinas"]),
    ("nas-siasn", "SIASN", "shared", "BKN", None, True, ["MySAPK"], ["kepegawaian"]),
    ("reg-3519-simpeg", "SIMPEG Kab. Madiun", "existing", "BKPSDM", A, False, [], ["kepegawaian"]),
    ("reg-3520-sipkd", "SIPKD Magetan", "existing", "BPKAD", B, True, [], ["keuangan daerah"]),
    ("reg-3520-private", "Aplikasi Internal Magetan", "existing", "Setda", B, False, [], []),
]  # fmt: skip


@dataclass
class Seeded:
    lines: dict[str, int]
    submissions: dict[str, int]
    a: str = A
    b: str = B
    cycle: int = CYCLE
    group: str = GROUP
    password: str = PASSWORD


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with small parameters: the tests hash many passwords."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _candidate(app_id: str, name: str, score: float, kind: str = "shared", region: str | None = None) -> dict:
    return {
        "app_id": app_id,
        "app_name": name,
        "kind": kind,
        "region_code": region,
        "shareable": True,
        "score": score,
        "relation": "rebuild",
        "explanation": {"matched_tokens": ["surat"], "scorer": "token_sort_ratio"},
    }


def seed_flags(engine: Engine) -> Seeded:
    """Two regions, a catalog version, and decided lines: flags of every kind plus a cleared one."""
    spec = {
        "a_shared": (A, "Diskominfo", "Aplikasi Surat Menyurat Elektronik", 250_000_000, "USE_SHARED_APP", ["R1"],
                     "nas-srikandi", "SRIKANDI", 92.0, None),
        "a_consolidate": (A, "BKPSDM", "SIMPEG Daerah", 300_000_000, "CONSOLIDATE", ["R2"], "reg-3519-simpeg",
                          "SIMPEG Kab. Madiun", 90.0, None),
        "a_review": (A, "BKPSDM", "Sistem Informasi Kepegawaian Terpadu", 150_000_000, "NEEDS_REVIEW", ["R6"],
                     "nas-siasn", "SIASN", 80.0, None),
        "a_cleared": (A, "Dinas Pariwisata", "Portal Pariwisata", 100_000_000, "CLEARED", ["R0"], None, None, None,
                      None),
        "a_group": (A, "Dinas Kesehatan", "e-Office Dinkes", 200_000_000, "CONSOLIDATE", ["R4"], None, None, None,
                    GROUP),
        "b_shared": (B, "Diskominfo", "Aplikasi Persuratan", 175_000_000, "USE_SHARED_APP", ["R1"], "nas-srikandi",
                     "SRIKANDI", 91.0, None),
        "b_group": (B, "Setda", "e-Office Kabupaten", 120_000_000, "CONSOLIDATE", ["R4"], None, None, None, GROUP),
    }  # fmt: skip
    with Session(engine) as s:
        s.add(BudgetCycle(year=CYCLE))
        s.add(Region(code=A, name="Kab. Madiun"))
        s.add(Region(code=B, name="Kab. Magetan"))
        version = CatalogVersion(source="test", apps_count=len(APPS))
        s.add(version)
        s.flush()
        for app_id, name, kind, owner, region, shareable, aliases, function in APPS:
            s.add(
                CatalogEntry(
                    version_id=version.id,
                    app_id=app_id,
                    name=name,
                    kind=kind,
                    owner=owner,
                    region_code=region,
                    shareable=shareable,
                    aliases=aliases,
                    function=function,
                )
            )
        subs, runs = {}, {}
        for region in (A, B):
            sub = Submission(
                cycle_year=CYCLE,
                region_code=region,
                file_name=f"usulan-{region}.xlsx",
                sha256=region,
                uploader="seed",
                layout="template",
                rows_read=4,
                rows_ingested=4,
            )
            run = ClearanceRun(
                cycle_year=CYCLE,
                region_code=region,
                status="done",
                policy_version="2027.1",
                catalog_version=version.id,
            )
            s.add(sub)
            s.add(run)
            s.flush()
            subs[region], runs[region] = sub.id, run.id
        lines = {}
        for i, (key, (region, opd, app, amount, outcome, rules, app_id, app_name, score, group)) in enumerate(
            spec.items()
        ):
            line = BudgetLine(
                submission_id=subs[region],
                cycle_year=CYCLE,
                region_code=region,
                source_file=f"usulan-{region}.xlsx",
                sheet="Usulan",
                row=5 + i,
                opd=opd,
                app_name=app,
                spend_type="new",
                amount=amount,
                content_hash=f"hash-{key}",
            )
            s.add(line)
            s.flush()
            lines[key] = line.id
            cands = [_candidate(app_id, app_name, score)] if app_id else []
            cands.append(_candidate("nas-siasn", "SIASN", 41.0))
            s.add(
                EngineDecision(
                    run_id=runs[region],
                    line_id=line.id,
                    content_hash=line.content_hash,
                    outcome=outcome,
                    rules=rules,
                    reason=f"alasan {key}",
                    matched_app_id=app_id,
                    matched_app_name=app_name,
                    score=score,
                    duplicate_group=group,
                    policy_version="2027.1",
                    catalog_version=version.id,
                    explanation={"match": {"scorer": "token_sort_ratio", "matched_tokens": ["surat"]}},
                    candidates=cands,
                )
            )
        s.commit()
    return Seeded(lines=lines, submissions={"a": subs[A], "b": subs[B]})


def make_users(engine: Engine) -> None:
    with Session(engine) as s:
        for name, (role, regions) in USERS.items():
            users.create_user(s, name, PASSWORD, role, regions)
        s.commit()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", secret_key="k" * 48)


@pytest.fixture
def app(engine: Engine, settings: Settings, tmp_path: Path):
    make_users(engine)
    return create_app(engine, out_dir=tmp_path / "reports", settings=settings)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def seeded(engine: Engine, app) -> Seeded:
    return seed_flags(engine)


@pytest.fixture
def login(client: TestClient):
    """login(username, via="api"|"page") -> the session's CSRF token (API: also set as a header)."""

    def sign_in(username: str, *, via: str = "api", password: str = PASSWORD) -> str:
        client.cookies.clear()
        client.headers.pop("X-CSRF-Token", None)
        return (
            login_api(client, username, password) if via == "api" else login_page(client, username, password)
        )

    return sign_in


def login_api(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the API; returns the CSRF token and sets it as a default header."""
    response = client.post("/api/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    token = response.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return token


def page_token(client: TestClient, path: str = "/login") -> str:
    """The CSRF token a page's forms carry."""
    html = client.get(path).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login_page(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; returns the CSRF token of the new session."""
    token = page_token(client)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return page_token(client, "/dasbor")
