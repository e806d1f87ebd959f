"""A region's cycle: ingest results, run progress, results per OPD, the Excel report, a re-run."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlmodel import Session

from clearance import review
from clearance.models import AuditLog, Submission, User
from clearance.pipeline import current_decisions, current_rejects
from clearance.records import DecisionRecord
from clearance.report.summary import totals
from clearance.users import REGION_CODE_RE, require_region
from clearance.web.context import (
    cycles,
    default_cycle,
    issues_of,
    region_names,
    submissions_of,
    superseded_count,
    valid_cycle,
    visible_regions,
)
from clearance.web.deps import DB, PageUser
from clearance.web.jobs import ensure_report, latest_run, run_status
from clearance.web.templating import flash, render
from clearance.web.views import FOLLOW_UP, results_by_opd

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def checked_region(user: User, region: str, cycle: int) -> None:
    """The user may read this region; unknown-looking codes and cycles are 404."""
    require_region(user, region)
    if not valid_cycle(cycle) or not REGION_CODE_RE.match(region):
        raise HTTPException(status_code=404, detail="unknown region or cycle")


def _parse_ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()][:20]


def uploaded(session: Session, ids: list[int], region: str, cycle: int) -> list[dict]:
    """The named submissions of this region and cycle with their issues (others are ignored)."""
    out = []
    for sid in ids:
        sub = session.get(Submission, sid)
        if sub is None or sub.region_code != region or sub.cycle_year != cycle:
            continue
        out.append(
            {
                "submission": sub,
                "issues": issues_of(session, sid),
                "superseded": superseded_count(session, sid),
            }
        )
    return out


def audit_trails(
    session: Session, user: User, decisions: Iterable[DecisionRecord]
) -> dict[int, list[AuditLog]]:
    """The audit trail (review.audit_trail: who, when, before, after, note; earlier versions of the
    line included) of each line that has one: lines with logged actions or a carried-over review."""
    decisions = list(decisions)
    ids = [d.line_id for d in decisions]
    candidates = {d.line_id for d in decisions if d.reviewed_by}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        candidates.update(
            session.scalars(select(AuditLog.line_id).where(AuditLog.line_id.in_(chunk)).distinct()).all()
        )
    trails = {line_id: review.audit_trail(session, line_id, user) for line_id in ids if line_id in candidates}
    return {line_id: trail for line_id, trail in trails.items() if trail}


def report_file(request: Request, user: User, region: str, cycle: int) -> FileResponse:
    checked_region(user, region, cycle)
    path = ensure_report(request.app.state.engine, request.app.state.registry, region, cycle)
    if path is None or not path.is_file():
        raise HTTPException(status_code=404, detail="Laporan belum tersedia: kliring belum dijalankan.")
    return FileResponse(path, media_type=XLSX, filename=path.name)


@router.get("/hasil")
def results_index(request: Request, session: DB, user: PageUser, cycle: int | None = None) -> Response:
    """A planner goes straight to their region; others pick one."""
    year = cycle or default_cycle(session)
    if user.role == "planner":
        return RedirectResponse(f"/hasil/{user.regions[0]}/{year}", status_code=303)
    names = region_names(session)
    rows = [
        {
            "code": code,
            "name": names.get(code, ""),
            "files": len(submissions_of(session, code, year)),
            "status": run_status(session, request.app.state.registry, code, year),
        }
        for code in visible_regions(session, user)
    ]
    ctx = {"rows": rows, "cycle": year, "cycles": cycles(session) or [year]}
    return render(request, "results_index.html", ctx, user=user)


@router.get("/hasil/{region}/{cycle}")
def results_page(
    request: Request, session: DB, user: PageUser, region: str, cycle: int, unggahan: str = ""
) -> Response:
    checked_region(user, region, cycle)
    decisions = current_decisions(session, cycle=cycle, region_codes=[region])
    rejects = [
        r for r in current_rejects(session, cycle=cycle, region_codes=[region]) if r.kind == "rejected"
    ]
    ctx = {
        "region": region,
        "region_name": region_names(session).get(region, ""),
        "cycle": cycle,
        "uploaded": uploaded(session, _parse_ids(unggahan), region, cycle),
        "history": submissions_of(session, region, cycle),
        "status": run_status(session, request.app.state.registry, region, cycle),
        "report_ready": latest_run(session, region, cycle, done=True) is not None,
        "overall": totals(decisions),
        "opds": results_by_opd(decisions),
        "rejects": rejects,
        "follow_up": FOLLOW_UP,
        "trails": audit_trails(session, user, decisions),
    }
    return render(request, "results.html", ctx, user=user)


@router.get("/hasil/{region}/{cycle}/laporan.xlsx")
def download_report(request: Request, user: PageUser, region: str, cycle: int) -> FileResponse:
    return report_file(request, user, region, cycle)


@router.post("/hasil/{region}/{cycle}/jalankan")
def rerun(request: Request, user: PageUser, region: str, cycle: int) -> Response:
    checked_region(user, region, cycle)
    request.app.state.registry.start(region, cycle)
    flash(request, "Kliring dijalankan ulang.", "info")
    return RedirectResponse(f"/hasil/{region}/{cycle}", status_code=303)
