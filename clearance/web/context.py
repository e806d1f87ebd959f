"""Small read helpers shared by pages and API: cycles, regions, submissions of a region."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from clearance.models import BudgetCycle, BudgetLine, Region, RejectedRow, Submission, User
from clearance.users import allowed_regions

MIN_CYCLE, MAX_CYCLE = 2000, 2100
MAX_ISSUES_SHOWN = 300


def cycles(session: Session) -> list[int]:
    """Budget years with data, newest first."""
    return list(session.scalars(select(BudgetCycle.year).order_by(BudgetCycle.year.desc())).all())


def default_cycle(session: Session) -> int:
    """The newest cycle with data, else next year (the budget being prepared)."""
    found = cycles(session)
    return found[0] if found else date.today().year + 1


def valid_cycle(cycle: int) -> bool:
    return MIN_CYCLE <= cycle <= MAX_CYCLE


def region_names(session: Session) -> dict[str, str]:
    return {r.code: r.name for r in session.scalars(select(Region)).all()}


def visible_regions(session: Session, user: User) -> list[str]:
    """Region codes the user may see that have data (a planner's own region always)."""
    allowed = allowed_regions(user)
    known = set(session.scalars(select(Region.code)).all())
    if allowed is None:
        return sorted(known)
    return sorted(set(allowed) if user.role == "planner" else known & set(allowed))


def submissions_of(session: Session, region_code: str, cycle: int) -> list[Submission]:
    return list(
        session.scalars(
            select(Submission)
            .where(Submission.region_code == region_code, Submission.cycle_year == cycle)
            .order_by(Submission.id.desc())
        ).all()
    )


def issues_of(session: Session, submission_id: int) -> list[RejectedRow]:
    """Rejected rows first, then skipped ones, in sheet and row order."""
    rows = session.scalars(
        select(RejectedRow)
        .where(RejectedRow.submission_id == submission_id)
        .order_by(RejectedRow.kind, RejectedRow.sheet, RejectedRow.row)
        .limit(MAX_ISSUES_SHOWN)
    ).all()
    return list(rows)


def superseded_count(session: Session, submission_id: int) -> int:
    """Lines of earlier files this submission replaced."""
    return session.execute(
        select(func.count()).select_from(BudgetLine).where(BudgetLine.superseded_by == submission_id)
    ).scalar_one()


def safe_next(target: str | None, default: str = "/") -> str:
    """A same-site path to go to after login or an action (never another host)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def home_for(user: User) -> str:
    return {"planner": "/unggah", "auditor": "/reviu"}.get(user.role, "/dasbor")
