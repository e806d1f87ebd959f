"""Request dependencies: the database session, the signed-in user, CSRF checks, role and region guards."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from clearance.models import User
from clearance.users import AccessDenied
from clearance.web.security import CSRF_FORM_FIELD, CSRF_HEADER, csrf_valid

SESSION_USER = "uid"
SESSION_FINGERPRINT = "fp"
SESSION_ID = "sid"  # random per sign-in: what logout revokes (security.SessionRevocations)
SESSION_SIGNED_IN = "iat"  # wall time of the sign-in: what disabling a user revokes
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_EXEMPT = frozenset({"/api/auth/login"})  # JSON only: a cross-site form cannot send it


class LoginRequired(Exception):
    """A page needs a signed-in user; the app redirects to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


class CsrfFailed(Exception):
    """An unsafe request without the session's CSRF token."""


def get_db(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


DB = Annotated[Session, Depends(get_db)]


@contextmanager
def writing(session: Session) -> Iterator[Session]:
    """Commit what the block wrote, or roll it all back on any error."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def password_fingerprint(user: User) -> str:
    """Changes when the password does: sessions made before a password change stop working."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def sign_in(request: Request, user: User) -> None:
    """A fresh session (no fixation) for `user` with a new id and, on first use, a new CSRF token."""
    request.session.clear()
    request.session[SESSION_USER] = user.id
    request.session[SESSION_FINGERPRINT] = password_fingerprint(user)
    request.session[SESSION_ID] = request.app.state.sessions.new_id()
    request.session[SESSION_SIGNED_IN] = time.time()


def sign_out(request: Request) -> None:
    """End the session on the server too: a copy of the cookie no longer signs anyone in."""
    sid = request.session.get(SESSION_ID)
    if isinstance(sid, str):
        request.app.state.sessions.end(sid)
    request.session.clear()


def session_user(request: Request, session: Session) -> User | None:
    """The session's user while the session is valid: not ended by logout, the user active and with
    the password the session was made with. An invalid session is emptied."""
    data = request.session
    uid, sid, since = data.get(SESSION_USER), data.get(SESSION_ID), data.get(SESSION_SIGNED_IN)
    if uid is None:
        return None
    well_formed = isinstance(uid, int) and isinstance(sid, str) and isinstance(since, int | float)
    ended = not well_formed or request.app.state.sessions.ended(sid, uid, since)
    user = None if ended else session.get(User, uid)
    if user is None or not user.active or data.get(SESSION_FINGERPRINT) != password_fingerprint(user):
        data.clear()
        return None
    return user


def optional_user(request: Request, session: DB) -> User | None:
    return session_user(request, session)


def page_user(request: Request, user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return user


def api_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise HTTPException(status_code=401, detail="not signed in", headers={"WWW-Authenticate": "Session"})
    return user


PageUser = Annotated[User, Depends(page_user)]
ApiUser = Annotated[User, Depends(api_user)]


async def csrf_protect(request: Request) -> None:
    """Every unsafe request carries the session's token: form field `csrf_token` or `X-CSRF-Token`."""
    if request.method not in UNSAFE_METHODS or request.url.path in CSRF_EXEMPT:
        return
    supplied = request.headers.get(CSRF_HEADER)
    if supplied is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
            form = await request.form()
            value = form.get(CSRF_FORM_FIELD)
            supplied = value if isinstance(value, str) else None
    if not csrf_valid(request.session, supplied):
        raise CsrfFailed


__all__ = [
    "DB",
    "AccessDenied",
    "ApiUser",
    "CsrfFailed",
    "LoginRequired",
    "PageUser",
    "csrf_protect",
    "get_db",
    "optional_user",
    "session_user",
    "sign_in",
    "sign_out",
    "writing",
]
