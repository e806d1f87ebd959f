"""The JSON API (OpenAPI at /api/openapi.json): the same actions as the pages.

Sign in with POST /api/auth/login (JSON); it sets the session cookie and returns the CSRF token that
every POST must send back as the `X-CSRF-Token` header."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from clearance import review
from clearance.models import AuditLog, Submission, User
from clearance.pipeline import current_decisions
from clearance.report.summary import Totals, totals
from clearance.review import QueueFilter
from clearance.users import UserError, create_user, disable_user, list_users, require_region, require_role
from clearance.web.context import issues_of, submissions_of, superseded_count
from clearance.web.deps import DB, ApiUser, sign_out, writing
from clearance.web.jobs import run_status
from clearance.web.routes.auth import attempt_login
from clearance.web.routes.dashboard import dashboard_for
from clearance.web.routes.results import checked_region, report_file
from clearance.web.routes.uploads import run_upload, upload_region
from clearance.web.security import csrf_token
from clearance.web.views import results_by_opd

router = APIRouter(prefix="/api")
Note = Field(default="", max_length=review.MAX_NOTE_CHARS)


# --- schemas ---------------------------------------------------------------------------------------


class LoginIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class UserOut(BaseModel):
    username: str
    role: str
    regions: list[str]
    active: bool = True


class SessionOut(UserOut):
    csrf_token: str


class UserIn(BaseModel):
    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)
    role: str
    regions: list[str] = []


class RunStatusOut(BaseModel):
    status: str = Field(description="none | running | done | failed")
    step: str = ""
    started_at: float | None = None
    elapsed_seconds: float | None = None
    run_id: int | None = None
    message: str = ""


class IssueOut(BaseModel):
    sheet: str
    row: int
    column: str | None
    kind: str
    reason: str


class SubmissionOut(BaseModel):
    submission_id: int
    file_name: str
    region_code: str
    cycle: int
    layout: str
    status: str
    uploader: str
    rows_read: int
    ingested: int
    rejected: int
    skipped: int
    superseded_lines: int | None = None
    duplicate_of: int | None = None
    warnings: list[str] = []
    issues: list[IssueOut] | None = None


class UploadOut(BaseModel):
    region_code: str
    cycle: int
    files: list[SubmissionOut]
    run: RunStatusOut


class NoteIn(BaseModel):
    note: str = Note


class OverturnIn(BaseModel):
    note: str = Field(min_length=1, max_length=review.MAX_NOTE_CHARS)


class NotDuplicateIn(OverturnIn):
    target: str | None = Field(default=None, description='"app:<app_id>" or "group:<group id>"; default all')


class RepointIn(BaseModel):
    app_id: str | None = None
    group: str | None = None
    note: str = Note


class BulkIn(BaseModel):
    line_ids: list[int] = Field(min_length=1, max_length=review.MAX_BULK)
    note: str = Note


class AliasIn(BaseModel):
    app_id: str
    alias: str = Field(max_length=review.MAX_ALIAS_CHARS)
    line_id: int | None = None


class ReviewOut(BaseModel):
    line_id: int
    action: str
    outcome: str
    matched_app_id: str | None
    duplicate_group: str | None
    note: str
    username: str


class AuditOut(BaseModel):
    at: str
    username: str
    action: str
    line_id: int | None
    region_code: str | None
    before: dict
    after: dict
    note: str


# --- helpers ---------------------------------------------------------------------------------------


def _user_out(user: User) -> dict:
    return {
        "username": user.username,
        "role": user.role,
        "regions": list(user.regions),
        "active": user.active,
    }


def _submission(sub: Submission, *, issues=None, superseded: int | None = None) -> SubmissionOut:
    return SubmissionOut(
        submission_id=sub.id,
        file_name=sub.file_name,
        region_code=sub.region_code,
        cycle=sub.cycle_year,
        layout=sub.layout,
        status=sub.status,
        uploader=sub.uploader,
        rows_read=sub.rows_read,
        ingested=sub.rows_ingested,
        rejected=sub.rows_rejected,
        skipped=sub.rows_skipped,
        superseded_lines=superseded,
        warnings=list(sub.warnings),
        issues=None
        if issues is None
        else [
            IssueOut(sheet=i.sheet, row=i.row, column=i.column, kind=i.kind, reason=i.reason) for i in issues
        ],
    )


def _totals(t: Totals) -> dict:
    return {
        "lines": t.lines,
        "pagu": t.pagu,
        "flagged_pagu": t.pagu_of(review.FLAGGED),
        "lines_by_outcome": t.lines_by_outcome,
        "pagu_by_outcome": t.pagu_by_outcome,
    }


def _review(r) -> ReviewOut:
    return ReviewOut(
        line_id=r.line_id,
        action=r.action,
        outcome=r.outcome,
        matched_app_id=r.matched_app_id,
        duplicate_group=r.duplicate_group,
        note=r.note,
        username=r.username,
    )


def _audit(a: AuditLog) -> AuditOut:
    return AuditOut(
        at=a.at.isoformat(),
        username=a.username,
        action=a.action,
        line_id=a.line_id,
        region_code=a.region_code,
        before=a.before,
        after=a.after,
        note=a.note,
    )


def _act(session, fn, *args, **kwargs):
    """Run a review action in a transaction; ReviewError -> 422."""
    try:
        with writing(session):
            return fn(session, *args, **kwargs)
    except review.ReviewError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


# --- auth ------------------------------------------------------------------------------------------


@router.post("/auth/login", response_model=SessionOut, tags=["auth"])
def api_login(request: Request, session: DB, body: LoginIn) -> Any:
    """Sign in; rate-limited per username and address (429 with Retry-After)."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise HTTPException(status_code=415, detail="send JSON")
    user, wait = attempt_login(request, session, body.username, body.password)
    if wait:
        raise HTTPException(status_code=429, detail="too many attempts", headers={"Retry-After": str(wait)})
    if user is None:
        raise HTTPException(status_code=401, detail="wrong username or password")
    return {**_user_out(user), "csrf_token": csrf_token(request.session)}


@router.post("/auth/logout", tags=["auth"])
def api_logout(request: Request) -> dict:
    """End the session: the cookie, even a copy of it, no longer signs in."""
    sign_out(request)
    return {"ok": True}


@router.get("/me", response_model=SessionOut, tags=["auth"])
def api_me(request: Request, user: ApiUser) -> Any:
    return {**_user_out(user), "csrf_token": csrf_token(request.session)}


# --- uploads, runs, results ------------------------------------------------------------------------


@router.post("/uploads", response_model=UploadOut, status_code=201, tags=["uploads"])
def api_upload(
    request: Request,
    session: DB,
    user: ApiUser,
    files: Annotated[list[UploadFile], File(description="xlsx, xlsm, xls or csv")],
    cycle: Annotated[int, Form(ge=2000, le=2100)],
    region: Annotated[str, Form(max_length=16)] = "",
) -> Any:
    """Ingest spreadsheets of one region and cycle (all or nothing), then start the clearance run.

    415: a file type not accepted; 413: a file too large; 422: a file that cannot be read."""
    code = upload_region(user, region)
    outcome = run_upload(request, user, files, code, cycle)
    if not outcome.ok:
        kinds = {p.kind for p in outcome.problems}
        status = 415 if "type" in kinds else 413 if "size" in kinds else 500 if "internal" in kinds else 422
        raise HTTPException(status_code=status, detail=[p.__dict__ for p in outcome.problems])
    files_out = []
    for r in outcome.results:
        sub = session.get(Submission, r.submission_id)
        out = _submission(sub, issues=r.issues, superseded=r.superseded_lines)
        out.duplicate_of = r.duplicate_of
        files_out.append(out)
    status = run_status(session, request.app.state.registry, code, cycle)
    return UploadOut(region_code=code, cycle=cycle, files=files_out, run=RunStatusOut(**status))


@router.get(
    "/regions/{region}/cycles/{cycle}/submissions", response_model=list[SubmissionOut], tags=["uploads"]
)
def api_submissions(session: DB, user: ApiUser, region: str, cycle: int) -> Any:
    checked_region(user, region, cycle)
    return [_submission(s) for s in submissions_of(session, region, cycle)]


@router.get("/submissions/{submission_id}", response_model=SubmissionOut, tags=["uploads"])
def api_submission(session: DB, user: ApiUser, submission_id: int) -> Any:
    """One upload with its rejected and skipped rows (sheet, row, column, reason)."""
    sub = session.get(Submission, submission_id)
    if sub is None:
        raise HTTPException(status_code=404, detail="no such submission")
    require_region(user, sub.region_code)
    return _submission(sub, issues=issues_of(session, sub.id), superseded=superseded_count(session, sub.id))


@router.get("/regions/{region}/cycles/{cycle}/run", response_model=RunStatusOut, tags=["runs"])
def api_run_status(request: Request, session: DB, user: ApiUser, region: str, cycle: int) -> Any:
    checked_region(user, region, cycle)
    return run_status(session, request.app.state.registry, region, cycle)


@router.post(
    "/regions/{region}/cycles/{cycle}/run", response_model=RunStatusOut, status_code=202, tags=["runs"]
)
def api_run_start(request: Request, session: DB, user: ApiUser, region: str, cycle: int) -> Any:
    checked_region(user, region, cycle)
    request.app.state.registry.start(region, cycle)
    return run_status(session, request.app.state.registry, region, cycle)


@router.get("/regions/{region}/cycles/{cycle}/results", tags=["results"])
def api_results(session: DB, user: ApiUser, region: str, cycle: int) -> dict:
    """Current decisions of the region (auditors' decisions applied) and totals per OPD."""
    checked_region(user, region, cycle)
    decisions = current_decisions(session, cycle=cycle, region_codes=[region])
    return {
        "region_code": region,
        "cycle": cycle,
        "totals": _totals(totals(decisions)),
        "opds": [{"opd": r.opd, **_totals(r.totals)} for r in results_by_opd(decisions)],
        "decisions": [
            {
                **d.to_json(),
                "outcome_label": d.outcome_label,
                "reviewed_by": d.reviewed_by,
                "review_note": d.review_note,
            }
            for d in decisions
        ],
    }


@router.get(
    "/regions/{region}/cycles/{cycle}/report",
    tags=["results"],
    response_class=FileResponse,
    responses={200: {"content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}},
)
def api_report(request: Request, user: ApiUser, region: str, cycle: int) -> FileResponse:
    """The region's Excel report (rewritten first when auditors acted since it was written)."""
    return report_file(request, user, region, cycle)


@router.get("/dashboard", tags=["results"])
def api_dashboard(session: DB, user: ApiUser, cycle: int, region: str | None = None) -> dict:
    d = dashboard_for(session, user, cycle, region)
    return {
        "cycle": cycle,
        "totals": _totals(d.overall),
        "by_region": [{"region": r.label, **_totals(r.totals)} for r in d.by_region],
        "top_flagged_opds": [{"opd": r.label, **_totals(r.totals)} for r in d.by_opd],
        "review": {"flags": d.progress.flags, "reviewed": d.progress.reviewed},
    }


# --- review ----------------------------------------------------------------------------------------


@router.get("/review/queue", tags=["review"])
def api_queue(
    session: DB,
    user: ApiUser,
    cycle: int,
    region: str | None = None,
    opd: str | None = None,
    outcome: str | None = None,
    rule: str | None = None,
    min_score: float | None = None,
    max_score: float | None = None,
    status: str = "open",
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    """Flags (NEEDS_REVIEW, USE_SHARED_APP, CONSOLIDATE) the user may review; status open|reviewed|all."""
    f = QueueFilter(
        cycle=cycle,
        region=region,
        opd=opd,
        outcome=outcome,
        rule=rule,
        min_score=min_score,
        max_score=max_score,
        status=status,
    )
    try:
        result = review.review_queue(session, user, f, page=page, per_page=per_page)
    except review.ReviewError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return {
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "pages": result.pages,
        "items": [item.__dict__ for item in result.items],
    }


@router.get("/review/lines/{line_id}", tags=["review"])
def api_line(session: DB, user: ApiUser, line_id: int) -> dict:
    """A line: the proposal, the engine's decision with explanation and candidates, the auditor's."""
    require_role(user, *review.REVIEWER_ROLES)
    s = review.load_line(session, line_id, user)
    ln, ed = s.line, s.engine
    return {
        "line": ln.model_dump(exclude={"content_hash"}),
        "engine": ed.model_dump() if ed else None,
        "review": _review(s.review).model_dump() if s.review else None,
        "current_outcome": s.outcome,
        "audit": [_audit(a).model_dump() for a in review.audit_trail(session, line_id, user)],
    }


@router.get("/review/lines/{line_id}/audit", response_model=list[AuditOut], tags=["review"])
def api_audit(session: DB, user: ApiUser, line_id: int) -> Any:
    return [_audit(a) for a in review.audit_trail(session, line_id, user)]


@router.post("/review/lines/{line_id}/confirm", response_model=ReviewOut, tags=["review"])
def api_confirm(session: DB, user: ApiUser, line_id: int, body: NoteIn) -> Any:
    return _review(_act(session, review.confirm, line_id, user, body.note))


@router.post("/review/lines/{line_id}/overturn", response_model=ReviewOut, tags=["review"])
def api_overturn(session: DB, user: ApiUser, line_id: int, body: OverturnIn) -> Any:
    """Clear the flag (Disetujui); a note is required."""
    return _review(_act(session, review.overturn, line_id, user, body.note))


@router.post("/review/lines/{line_id}/repoint", response_model=ReviewOut, tags=["review"])
def api_repoint(session: DB, user: ApiUser, line_id: int, body: RepointIn) -> Any:
    """Point the line at another catalog app or duplicate group (exactly one)."""
    return _review(_act(session, review.repoint, line_id, user, body.app_id, body.group, note=body.note))


@router.post("/review/lines/{line_id}/not-duplicate", response_model=ReviewOut, tags=["review"])
def api_not_duplicate(session: DB, user: ApiUser, line_id: int, body: NotDuplicateIn) -> Any:
    """The pair is not a duplicate: later runs do not flag it again; the line is cleared."""
    return _review(_act(session, review.mark_not_duplicate, line_id, user, body.note, target=body.target))


@router.post("/review/bulk-confirm", response_model=list[ReviewOut], tags=["review"])
def api_bulk_confirm(session: DB, user: ApiUser, body: BulkIn) -> Any:
    """Confirm many flags: all of them, or none when any cannot be confirmed."""
    return [_review(r) for r in _act(session, review.bulk_confirm, body.line_ids, user, body.note)]


@router.post("/catalog/aliases", tags=["catalog"])
def api_add_alias(session: DB, user: ApiUser, body: AliasIn) -> dict:
    """Admin: add an alias to a catalog app, as a new catalog version."""
    version = _act(session, review.add_alias_to_catalog, body.app_id, body.alias, user, line_id=body.line_id)
    return {"catalog_version": version, "app_id": body.app_id, "alias": body.alias}


# --- users -----------------------------------------------------------------------------------------


@router.get("/users", response_model=list[UserOut], tags=["users"])
def api_users(session: DB, user: ApiUser) -> Any:
    require_role(user, "admin")
    return [_user_out(u) for u in list_users(session)]


@router.post("/users", response_model=UserOut, status_code=201, tags=["users"])
def api_add_user(session: DB, user: ApiUser, body: UserIn) -> Any:
    require_role(user, "admin")
    try:
        with writing(session):
            created = create_user(
                session, body.username, body.password, body.role, body.regions, by=user.username
            )
    except UserError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return _user_out(created)


@router.post("/users/{username}/disable", response_model=UserOut, tags=["users"])
def api_disable_user(request: Request, session: DB, user: ApiUser, username: str) -> Any:
    """Disable a user: they cannot sign in, and their open sessions end at once."""
    require_role(user, "admin")
    try:
        with writing(session):
            disabled = disable_user(session, username, by=user.username)
    except UserError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    request.app.state.sessions.end_user(disabled.id)
    return _user_out(disabled)
