"""Sign in and out (pages), with rate-limited attempts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from clearance.models import User
from clearance.users import authenticate
from clearance.web.context import home_for, safe_next
from clearance.web.deps import DB, optional_user, sign_in, sign_out, writing
from clearance.web.templating import render

router = APIRouter(include_in_schema=False)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def attempt_login(request: Request, session, username: str, password: str) -> tuple[User | None, int]:
    """(user, 0) on success; (None, seconds to wait) when rate-limited; (None, 0) on a wrong password.

    The attempt is counted before the password is verified (LoginLimiter.begin, atomic), so parallel
    attempts cannot pass the limit during argon2; a right password takes the count back."""
    limiter = request.app.state.limiter
    address = client_address(request)
    wait, stamp = limiter.begin(username, address)
    if wait:
        return None, wait
    with writing(session):
        user = authenticate(session, username, password)
    if user is None:
        return None, 0
    limiter.succeeded(username, address, stamp)
    sign_in(request, user)
    return user, 0


@router.get("/login")
def login_page(
    request: Request, user: Annotated[User | None, Depends(optional_user)], next: str = ""
) -> Response:
    if user is not None:
        return RedirectResponse(safe_next(next, home_for(user)), status_code=303)
    return render(request, "login.html", {"next": safe_next(next, "")})


@router.post("/login")
def login_submit(
    request: Request,
    session: DB,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    user, wait = attempt_login(request, session, username, password)
    if user is not None:
        return RedirectResponse(safe_next(next, home_for(user)), status_code=303)
    if wait:
        minutes = max(1, round(wait / 60))
        response = render(
            request,
            "login.html",
            {
                "next": next,
                "username": username,
                "error": f"Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit.",
            },
            status_code=429,
        )
        response.headers["retry-after"] = str(wait)
        return response
    return render(
        request,
        "login.html",
        {"next": next, "username": username, "error": "Nama pengguna atau kata sandi salah."},
        status_code=401,
    )


@router.post("/logout")
def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(request: Request, user: Annotated[User | None, Depends(optional_user)]) -> Response:
    return RedirectResponse(home_for(user) if user else "/login", status_code=303)
