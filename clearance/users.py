"""Users and roles: planner (one region), auditor (regions or all: ["*"]), admin. Argon2 passwords."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlmodel import Session

from clearance.models import AuditLog, User
from clearance.regions import known_regions

ROLES: tuple[str, ...] = ("planner", "auditor", "admin")
ALL_REGIONS = "*"
MIN_PASSWORD_CHARS = 10
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
REGION_CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,15}$")

_hasher = PasswordHasher()
# Verified when the username is unknown, so both paths take an argon2 verification's time.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


class UserError(ValueError):
    """A user that cannot be created or changed as asked (bad name, role, regions or password).

    The message is English (CLI, API); `code` and `params` let a front end say it in its own language
    (clearance/web/messages.py)."""

    def __init__(self, message: str, code: str = "invalid", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class AccessDenied(PermissionError):
    """The user may not read or change what was asked (role or region)."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def normalize_regions(role: str, regions: Sequence[str]) -> list[str]:
    """The regions stored for `role`, checked: planner exactly one, auditor some or ["*"], admin ["*"]."""
    cleaned = sorted({r.strip() for r in regions if r and r.strip()})
    if role == "admin":
        return [ALL_REGIONS]
    known = known_regions()
    bad = [
        r for r in cleaned if r != ALL_REGIONS and (not REGION_CODE_RE.match(r) or (known and r not in known))
    ]
    if bad:
        raise UserError(f"invalid region code(s): {', '.join(bad)}", "region_invalid", regions=bad)
    if role == "planner":
        if len(cleaned) != 1 or cleaned == [ALL_REGIONS]:
            raise UserError("a planner has exactly one region (--region CODE)", "planner_one_region")
        return cleaned
    if not cleaned:
        raise UserError("an auditor needs at least one region, or '*' for all regions", "auditor_regions")
    return [ALL_REGIONS] if ALL_REGIONS in cleaned else cleaned


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    regions: Sequence[str] = (),
    *,
    by: str = "system",
) -> User:
    """Add an active user; raises UserError for a taken or invalid name, a weak password or bad regions."""
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise UserError(
            "username: 3-64 characters, lowercase letters, digits, '.', '_' or '-'", "username_format"
        )
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}", "role_unknown", roles=ROLES)
    if len(password) < MIN_PASSWORD_CHARS:
        raise UserError(
            f"password too short (at least {MIN_PASSWORD_CHARS} characters)",
            "password_short",
            min_chars=MIN_PASSWORD_CHARS,
        )
    if get_user(session, username) is not None:
        raise UserError(f"user {username!r} already exists", "user_exists", username=username)
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        regions=normalize_regions(role, regions),
    )
    session.add(user)
    session.add(AuditLog(username=by, action="user_add", after=user_summary(user)))
    session.flush()
    return user


def user_summary(user: User) -> dict:
    return {
        "username": user.username,
        "role": user.role,
        "regions": list(user.regions),
        "active": user.active,
    }


def get_user(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username.strip().lower())).first()


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)).all())


def disable_user(session: Session, username: str, *, by: str = "system") -> User:
    """Deactivate a user (their sessions stop working at the next request)."""
    user = get_user(session, username)
    if user is None:
        raise UserError(f"no user {username!r}", "user_unknown", username=username)
    if user.username == by:
        raise UserError("you cannot disable your own account", "disable_self")
    before = user_summary(user)
    user.active = False
    session.add(user)
    session.add(AuditLog(username=by, action="user_disable", before=before, after=user_summary(user)))
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this password, else None. Rehashes when argon2 parameters changed."""
    user = get_user(session, username)
    if user is None or not user.active:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
        session.flush()
    return user


def can_access_region(user: User | None, region_code: str | None) -> bool:
    """Whether `user` may read (and, by role, act on) the data of `region_code`."""
    if user is None or not user.active or not region_code:
        return False
    if user.role == "admin":
        return True
    if user.role == "auditor":
        return ALL_REGIONS in user.regions or region_code in user.regions
    if user.role == "planner":
        return list(user.regions) == [region_code]
    return False


def allowed_regions(user: User) -> list[str] | None:
    """The regions a user sees: None means all of them."""
    if user.role == "admin" or ALL_REGIONS in user.regions:
        return None
    return list(user.regions)


def require_region(user: User | None, region_code: str | None) -> None:
    if not can_access_region(user, region_code):
        raise AccessDenied(f"no access to region {region_code}")


def require_role(user: User | None, *roles: str) -> None:
    if user is None or not user.active or user.role not in roles:
        raise AccessDenied(f"this needs the role {' or '.join(roles)}")
