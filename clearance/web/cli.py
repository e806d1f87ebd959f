"""`clearance users add|list|disable` and `clearance serve`: registered by clearance/cli.py."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

users_app = typer.Typer(help="Users of the web app: planners, auditors and admins.", no_args_is_help=True)
console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

PASSWORD_ENV = "CLEARANCE_USER_PASSWORD"


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="login name: lowercase letters, digits, . _ -")],
    role: Annotated[str, typer.Option("--role", help="planner, auditor or admin")],
    region: Annotated[
        list[str] | None,
        typer.Option(
            "--region", help="region code (repeatable); planner: exactly one; auditor: codes or '*'"
        ),
    ] = None,
    password: Annotated[
        str | None,
        typer.Option("--password", envvar=PASSWORD_ENV, help=f"else ${PASSWORD_ENV}, else asked for"),
    ] = None,
) -> None:
    """Add a user with an argon2-hashed password."""
    from clearance.db import session_scope
    from clearance.users import UserError, create_user

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with session_scope() as session:
            user = create_user(session, username, password, role, region or [], by="cli")
            summary = f"{user.username} ({user.role}; regions {', '.join(user.regions)})"
    except UserError as exc:
        err.print(f"[red]error[/]: {exc}")
        raise typer.Exit(2) from None
    console.print(f"user added: {summary}")


@users_app.command("list")
def users_list() -> None:
    """List users with role, regions and status."""
    from rich.table import Table

    from clearance.db import session_scope
    from clearance.users import list_users

    table = Table(title="Pengguna")
    for col in ("username", "role", "regions", "active", "created"):
        table.add_column(col)
    with session_scope() as session:
        for u in list_users(session):
            table.add_row(
                u.username,
                u.role,
                ", ".join(u.regions),
                "yes" if u.active else "no",
                f"{u.created_at:%Y-%m-%d}",
            )
    console.print(table)


@users_app.command("disable")
def users_disable(username: Annotated[str, typer.Argument(help="login name")]) -> None:
    """Disable a user: they cannot sign in, and their open sessions stop working."""
    from clearance.db import session_scope
    from clearance.users import UserError, disable_user

    try:
        with session_scope() as session:
            disable_user(session, username, by="cli")
    except UserError as exc:
        err.print(f"[red]error[/]: {exc}")
        raise typer.Exit(2) from None
    console.print(f"user disabled: {username}")


def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            "--secure-cookies",
            help="mark the session cookie Secure; required when users reach the app over HTTPS",
        ),
    ] = False,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers/--no-proxy-headers",
            help="trust X-Forwarded-For/-Proto from the proxies of --forwarded-allow-ips "
            "(client address for the login rate limit, https scheme)",
        ),
    ] = False,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="comma-separated proxy addresses trusted with --proxy-headers (default 127.0.0.1)",
        ),
    ] = None,
) -> None:
    """Start the web app (upload, results, review, dashboard, JSON API) on the configured database.

    The defaults suit a browser on this machine: http://127.0.0.1:8000, no proxy. Behind an HTTPS
    reverse proxy (nginx, Caddy) pass --secure-cookies, so that the session cookie is only sent over
    HTTPS, and --proxy-headers with --forwarded-allow-ips set to the proxy's address, so that the
    login rate limit sees each client's address rather than the proxy's. Without --proxy-headers,
    forwarded headers are ignored: every request seems to come from the proxy."""
    import uvicorn

    from clearance.config import get_settings
    from clearance.web.app import create_app

    if forwarded_allow_ips is not None and not proxy_headers:
        err.print("[red]error[/]: --forwarded-allow-ips needs --proxy-headers")
        raise typer.Exit(2)
    app = create_app(secure_cookies=secure_cookies)
    console.print(f"database: {get_settings().db_url}")
    console.print(f"open http://{host}:{port}/  (API schema: /api/openapi.json)")
    if proxy_headers and not secure_cookies:
        console.print("note: behind an HTTPS proxy, also pass --secure-cookies")
    options: dict = {"proxy_headers": proxy_headers}
    if proxy_headers and forwarded_allow_ips is not None:
        options["forwarded_allow_ips"] = forwarded_allow_ips
    uvicorn.run(app, host=host, port=port, log_level="info", **options)
