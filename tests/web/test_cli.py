"""`clearance users add|list|disable` and `clearance serve`, through the console script's app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from clearance import cli as clearance_cli


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CliRunner, typer.Typer]]:
    """The `clearance` console script's app, over a fresh SQLite database."""
    from clearance.config import get_settings
    from clearance.db import get_engine

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    yield CliRunner(), clearance_cli.app
    get_settings.cache_clear()
    get_engine.cache_clear()


def test_users_add_list_disable(runner) -> None:
    cli_runner, app = runner
    r = cli_runner.invoke(app, ["users", "add", "planner1", "--role", "planner", "--region", "35.19"],
                          input="kata-sandi-rahasia\nkata-sandi-rahasia\n")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "user added: planner1 (planner; regions 35.19)" in r.output
    env = {"CLEARANCE_USER_PASSWORD": "kata-sandi-rahasia"}
    r = cli_runner.invoke(
        app, ["users", "add", "aud", "--role", "auditor", "--region", "35.19", "--region", "35.20"], env=env
    )
    assert r.exit_code == 0 and "regions 35.19, 35.20" in r.output
    r = cli_runner.invoke(
        app, ["users", "add", "bad", "--role", "planner", "--password", "kata-sandi-rahasia"]
    )
    assert r.exit_code == 2 and "exactly one region" in r.output
    r = cli_runner.invoke(app, ["users", "disable", "aud"])
    assert r.exit_code == 0 and "user disabled: aud" in r.output
    r = cli_runner.invoke(app, ["users", "list"])
    assert r.exit_code == 0 and "planner1" in r.output and "aud" in r.output and "no" in r.output
    assert cli_runner.invoke(app, ["users", "disable", "ghost"]).exit_code == 2


def test_serve_starts_uvicorn_with_the_app(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    cli_runner, app = runner
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    r = cli_runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123
    assert seen["app"].title == "SPBE Clearance"
    assert os.stat(Path(os.environ["CLEARANCE_HOME"]) / "secret_key").st_mode & 0o777 == 0o600


def test_serve_proxy_headers_are_off_by_default_and_opt_in(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    cli_runner, app = runner
    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: seen.update(app=application, **kw))
    assert cli_runner.invoke(app, ["serve"]).exit_code == 0
    assert seen["host"] == "127.0.0.1" and seen["proxy_headers"] is False
    assert "forwarded_allow_ips" not in seen
    seen.clear()
    r = cli_runner.invoke(
        app, ["serve", "--proxy-headers", "--forwarded-allow-ips", "10.0.0.5", "--secure-cookies"]
    )
    assert r.exit_code == 0, r.output
    assert seen["proxy_headers"] is True and seen["forwarded_allow_ips"] == "10.0.0.5"
    r = cli_runner.invoke(app, ["serve", "--proxy-headers"])
    assert "also pass --secure-cookies" in r.output
    r = cli_runner.invoke(app, ["serve", "--forwarded-allow-ips", "10.0.0.5"])
    assert r.exit_code == 2 and "needs --proxy-headers" in r.output


def test_serve_help_explains_https_deployment(runner) -> None:
    cli_runner, app = runner
    r = cli_runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "TERM": "dumb"})
    assert r.exit_code == 0
    text = " ".join(r.output.split())
    assert "HTTPS" in text and "--secure-cookies" in text and "--proxy-headers" in text
    assert "--forwarded-allow-ips" in text
