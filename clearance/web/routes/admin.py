"""Admin pages: users (add, disable)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from clearance.users import ROLES, UserError, create_user, disable_user, list_users, require_role
from clearance.web.deps import DB, PageUser, writing
from clearance.web.messages import user_message
from clearance.web.templating import flash, render

router = APIRouter(include_in_schema=False)


@router.get("/admin/pengguna")
def users_page(request: Request, session: DB, user: PageUser) -> Response:
    require_role(user, "admin")
    return render(request, "users.html", {"users": list_users(session), "roles": ROLES}, user=user)


@router.post("/admin/pengguna")
def add_user(
    request: Request,
    session: DB,
    user: PageUser,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    role: Annotated[str, Form(max_length=16)],
    regions: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    require_role(user, "admin")
    codes = [c for c in regions.replace(";", ",").replace(" ", ",").split(",") if c]
    try:
        with writing(session):
            created = create_user(session, username, password, role, codes, by=user.username)
    except UserError as exc:
        flash(request, f"Pengguna tidak dibuat: {user_message(exc)}", "error")
    else:
        flash(request, f"Pengguna {created.username} dibuat.", "success")
    return RedirectResponse("/admin/pengguna", status_code=303)


@router.post("/admin/pengguna/{username}/nonaktifkan")
def disable(request: Request, session: DB, user: PageUser, username: str) -> Response:
    require_role(user, "admin")
    try:
        with writing(session):
            disabled = disable_user(session, username, by=user.username)
    except UserError as exc:
        flash(request, f"Pengguna tidak dinonaktifkan: {user_message(exc)}", "error")
    else:
        request.app.state.sessions.end_user(disabled.id)
        flash(request, f"Pengguna {disabled.username} dinonaktifkan.", "success")
    return RedirectResponse("/admin/pengguna", status_code=303)
