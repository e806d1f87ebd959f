"""Upload pages: pick or drop spreadsheets for a region and cycle; ingest, then start the run."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from clearance.models import User
from clearance.users import REGION_CODE_RE, AccessDenied, require_region, require_role
from clearance.web.context import default_cycle, region_names, submissions_of, valid_cycle, visible_regions
from clearance.web.deps import DB, PageUser
from clearance.web.security import megabytes
from clearance.web.templating import flash, render
from clearance.web.upload_service import ALLOWED_SUFFIXES, MAX_FILES, UploadOutcome, ingest_uploads

router = APIRouter(include_in_schema=False)
UPLOAD_ROLES = ("planner", "admin")


def upload_region(user: User, region: str | None) -> str:
    """The region an upload is for: a planner's own; others must name one they may access."""
    require_role(user, *UPLOAD_ROLES)
    code = (region or "").strip() or (user.regions[0] if user.role == "planner" else "")
    if not code:
        raise AccessDenied("choose a region")
    require_region(user, code)
    if not REGION_CODE_RE.match(code):
        raise HTTPException(status_code=422, detail="invalid region code")
    return code


def run_upload(
    request: Request, user: User, files: list[UploadFile], region: str, cycle: int
) -> UploadOutcome:
    """Ingest the files (all or nothing) and start the region's run when something changed."""
    settings = request.app.state.settings
    outcome = ingest_uploads(
        request.app.state.engine,
        [(f.filename, f.file) for f in files if f.filename],
        region_code=region,
        cycle=cycle,
        uploader=user.username,
        max_file_bytes=settings.max_file_bytes,
    )
    registry = request.app.state.registry
    if outcome.ok and (outcome.changed or registry.get(region, cycle) is None):
        registry.start(region, cycle)
    return outcome


def _page(request: Request, session: Session, user: User, *, region: str, cycle: int, **extra) -> dict:
    return {
        "region": region,
        "region_name": region_names(session).get(region, ""),
        "regions": visible_regions(session, user),
        "cycle": cycle,
        "history": submissions_of(session, region, cycle) if region else [],
        "accept": ",".join(ALLOWED_SUFFIXES),
        "max_files": MAX_FILES,
        "max_bytes": request.app.state.settings.max_file_bytes,
        "max_mb": megabytes(request.app.state.settings.max_file_bytes),
        **extra,
    }


@router.get("/unggah")
def upload_page(
    request: Request, session: DB, user: PageUser, cycle: int | None = None, region: str = ""
) -> Response:
    require_role(user, *UPLOAD_ROLES)
    code = region.strip() or (user.regions[0] if user.role == "planner" else "")
    if code:
        require_region(user, code)
    ctx = _page(request, session, user, region=code, cycle=cycle or default_cycle(session))
    return render(request, "upload.html", ctx, user=user)


@router.post("/unggah")
def upload_submit(
    request: Request,
    session: DB,
    user: PageUser,
    files: Annotated[list[UploadFile], File(description="xlsx, xlsm, xls or csv")] = [],  # noqa: B006
    cycle: Annotated[int, Form()] = 0,
    region: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    code = upload_region(user, region)
    if not valid_cycle(cycle):
        ctx = _page(
            request,
            session,
            user,
            region=code,
            cycle=default_cycle(session),
            error="Tahun anggaran tidak sah.",
        )
        return render(request, "upload.html", ctx, user=user, status_code=422)
    outcome = run_upload(request, user, files, code, cycle)
    if not outcome.ok:
        ctx = _page(request, session, user, region=code, cycle=cycle, problems=outcome.problems)
        return render(request, "upload.html", ctx, user=user, status_code=422)
    ids = ",".join(str(r.submission_id) for r in outcome.results)
    flash(request, f"{len(outcome.results)} berkas diterima.", "success")
    return RedirectResponse(f"/hasil/{code}/{cycle}?unggahan={ids}", status_code=303)
