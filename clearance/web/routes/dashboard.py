"""The dashboard of a cycle: pagu proposed and flagged by outcome, OPD and region; review progress."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from clearance.models import User
from clearance.pipeline import current_decisions
from clearance.users import allowed_regions, require_region
from clearance.web.context import cycles, default_cycle, region_names, visible_regions
from clearance.web.deps import DB, PageUser
from clearance.web.templating import render
from clearance.web.views import Dashboard, dashboard

router = APIRouter(include_in_schema=False)


def dashboard_for(session: Session, user: User, cycle: int, region: str | None) -> Dashboard:
    """The dashboard over the regions the user may see (or one of them)."""
    if region:
        require_region(user, region)
        scope: list[str] | None = [region]
    else:
        scope = allowed_regions(user)
    decisions = (
        current_decisions(session, cycle=cycle, region_codes=scope, explanations=False, candidates=False)
        if scope != []
        else []
    )
    return dashboard(decisions, region_names(session))


@router.get("/dasbor")
def dashboard_page(
    request: Request, session: DB, user: PageUser, cycle: int | None = None, region: str = ""
) -> Response:
    year = cycle or default_cycle(session)
    ctx = {
        "d": dashboard_for(session, user, year, region or None),
        "cycle": year,
        "cycles": cycles(session) or [year],
        "region": region,
        "regions": visible_regions(session, user),
        "names": region_names(session),
    }
    return render(request, "dashboard.html", ctx, user=user)
