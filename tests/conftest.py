"""Shared fixtures: one `engine` fixture runs a test on SQLite and on PostgreSQL.

PostgreSQL is the machine's server (127.0.0.1:5432, database `test`, user `postgres`, or
`TEST_POSTGRES_URL`). Without it the PostgreSQL cases skip, except with CI=true, where they fail."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from clearance.db import make_engine, migrate

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep every test away from the user's real data directory."""
    home = tmp_path_factory.mktemp("clearance-home")
    old = os.environ.get("CLEARANCE_HOME")
    os.environ["CLEARANCE_HOME"] = str(home)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from clearance.config import get_settings

    get_settings.cache_clear()
    yield
    if old is None:
        os.environ.pop("CLEARANCE_HOME", None)
    else:
        os.environ["CLEARANCE_HOME"] = old
    get_settings.cache_clear()


def _postgres_database() -> Iterator[str]:
    admin = make_engine(PG_ADMIN_URL)
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        admin.dispose()
        if IN_CI:
            pytest.fail(f"PostgreSQL is required with CI=true and is not reachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc}")
    name = f"clearance_test_{uuid.uuid4().hex[:10]}"
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    gen = _postgres_database()
    url = next(gen)
    engine = make_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()
    next(gen, None)


def _wipe(engine: Engine) -> None:
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(
                text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
            )
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An empty, migrated database: the test runs once on SQLite and once on PostgreSQL."""
    eng = request.getfixturevalue(f"{request.param}_engine")
    _wipe(eng)
    yield eng


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s:
        yield s
