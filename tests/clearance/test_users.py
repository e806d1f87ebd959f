"""Users: roles and regions, argon2 passwords, disabling, region access (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session

from clearance import users
from clearance.models import User
from clearance.users import (
    AccessDenied,
    UserError,
    allowed_regions,
    authenticate,
    can_access_region,
    create_user,
    disable_user,
    get_user,
    list_users,
    require_region,
    require_role,
)

PASSWORD = "kata-sandi-panjang"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def test_create_list_and_authenticate(session: Session) -> None:
    create_user(session, "Perencana.Madiun", PASSWORD, "planner", ["35.19"])
    create_user(session, "auditor1", PASSWORD, "auditor", ["35.20", "35.19", "35.19"])
    create_user(session, "root", PASSWORD, "admin", ["35.19"])
    session.commit()
    assert [(u.username, u.role, u.regions) for u in list_users(session)] == [
        ("auditor1", "auditor", ["35.19", "35.20"]),
        ("perencana.madiun", "planner", ["35.19"]),
        ("root", "admin", ["*"]),
    ]
    stored = get_user(session, "perencana.madiun")
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    assert authenticate(session, "PERENCANA.madiun", PASSWORD).username == "perencana.madiun"
    assert authenticate(session, "perencana.madiun", "wrong") is None
    assert authenticate(session, "nobody", PASSWORD) is None


@pytest.mark.parametrize(
    ("username", "password", "role", "regions", "message"),
    [
        ("ab", PASSWORD, "planner", ["35.19"], "username"),
        ("bad name", PASSWORD, "planner", ["35.19"], "username"),
        ("okname", "short", "planner", ["35.19"], "too short"),
        ("okname", PASSWORD, "boss", ["35.19"], "role"),
        ("okname", PASSWORD, "planner", [], "exactly one region"),
        ("okname", PASSWORD, "planner", ["35.19", "35.20"], "exactly one region"),
        ("okname", PASSWORD, "planner", ["*"], "exactly one region"),
        ("okname", PASSWORD, "auditor", [], "at least one region"),
        ("okname", PASSWORD, "auditor", ["35.19/../x"], "invalid region"),
    ],
)
def test_invalid_users_are_refused(session: Session, username, password, role, regions, message) -> None:
    with pytest.raises(UserError, match=message):
        create_user(session, username, password, role, regions)


def test_duplicate_username_and_auditor_star(session: Session) -> None:
    create_user(session, "aud", PASSWORD, "auditor", ["35.19", "*"])
    assert get_user(session, "aud").regions == ["*"]
    with pytest.raises(UserError, match="already exists"):
        create_user(session, "AUD", PASSWORD, "planner", ["35.19"])


def test_disable_blocks_login_and_access(session: Session) -> None:
    user = create_user(session, "planner1", PASSWORD, "planner", ["35.19"])
    create_user(session, "admin1", PASSWORD, "admin")
    disable_user(session, "planner1", by="admin1")
    session.commit()
    assert authenticate(session, "planner1", PASSWORD) is None
    assert not can_access_region(user, "35.19")
    with pytest.raises(UserError, match="own account"):
        disable_user(session, "admin1", by="admin1")
    with pytest.raises(UserError, match="no user"):
        disable_user(session, "ghost")


def test_old_hashes_are_upgraded_on_login(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    create_user(session, "planner2", PASSWORD, "planner", ["35.19"])
    old = get_user(session, "planner2").password_hash
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    assert authenticate(session, "planner2", PASSWORD) is not None
    assert get_user(session, "planner2").password_hash != old


def _user(role: str, regions: list[str], active: bool = True) -> User:
    return User(username="u", password_hash="x", role=role, regions=regions, active=active)


@pytest.mark.parametrize(
    ("role", "regions", "region", "allowed"),
    [
        ("planner", ["35.19"], "35.19", True),
        ("planner", ["35.19"], "35.20", False),
        ("planner", ["35.19"], "35.1", False),
        ("auditor", ["35.19", "35.20"], "35.20", True),
        ("auditor", ["35.19", "35.20"], "51.71", False),
        ("auditor", ["*"], "51.71", True),
        ("admin", ["*"], "92", True),
        ("guest", ["*"], "35.19", False),
        ("planner", ["35.19"], "", False),
    ],
)
def test_can_access_region(role: str, regions: list[str], region: str, allowed: bool) -> None:
    assert can_access_region(_user(role, regions), region) is allowed


def test_guards_and_scopes() -> None:
    assert not can_access_region(_user("admin", ["*"], active=False), "35.19")
    assert not can_access_region(None, "35.19")
    with pytest.raises(AccessDenied):
        require_region(_user("planner", ["35.19"]), "35.20")
    with pytest.raises(AccessDenied):
        require_role(_user("planner", ["35.19"]), "auditor", "admin")
    assert allowed_regions(_user("auditor", ["35.19"])) == ["35.19"]
    assert allowed_regions(_user("auditor", ["*"])) is None
    assert allowed_regions(_user("admin", ["*"])) is None


@pytest.mark.parametrize(
    ("username", "password", "role", "regions", "code", "params"),
    [
        ("ab", PASSWORD, "planner", ["35.19"], "username_format", {}),
        ("okname", "short", "planner", ["35.19"], "password_short", {"min_chars": 10}),
        ("okname", PASSWORD, "boss", ["35.19"], "role_unknown", {"roles": users.ROLES}),
        ("okname", PASSWORD, "planner", [], "planner_one_region", {}),
        ("okname", PASSWORD, "auditor", [], "auditor_regions", {}),
        ("okname", PASSWORD, "auditor", ["35.19/../x"], "region_invalid", {"regions": ["35.19/../x"]}),
    ],
)
def test_user_errors_carry_a_code_for_translation(
    session: Session, username, password, role, regions, code, params
) -> None:
    with pytest.raises(UserError) as caught:
        create_user(session, username, password, role, regions)
    assert caught.value.code == code and caught.value.params == params
    assert str(caught.value)  # the English message stays (CLI, API)


def test_user_errors_of_existing_and_disabled_users_carry_a_code(session: Session) -> None:
    create_user(session, "admin1", PASSWORD, "admin")
    with pytest.raises(UserError) as caught:
        create_user(session, "admin1", PASSWORD, "admin")
    assert (caught.value.code, caught.value.params) == ("user_exists", {"username": "admin1"})
    with pytest.raises(UserError) as caught:
        disable_user(session, "ghost", by="admin1")
    assert (caught.value.code, caught.value.params) == ("user_unknown", {"username": "ghost"})
    with pytest.raises(UserError, match="your own account") as caught:
        disable_user(session, "admin1", by="admin1")
    assert caught.value.code == "disable_self"


def test_unknown_region_codes_are_refused(session) -> None:
    from clearance.users import UserError, create_user

    with pytest.raises(UserError, match=r"invalid region code\(s\): 99\.99"):
        create_user(session, "planner_x", "kata-sandi-rahasia", "planner", ["99.99"], by="test")
