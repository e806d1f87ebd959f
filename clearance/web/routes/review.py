"""Review pages: the queue of flags, a flag's detail, and the auditor's actions (forms)."""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from clearance import review
from clearance.records import FLAGGED
from clearance.review import QUEUE_STATUSES, RULES, QueueFilter, ReviewError
from clearance.users import require_role
from clearance.web.context import cycles, default_cycle, safe_next, visible_regions
from clearance.web.deps import DB, PageUser, writing
from clearance.web.messages import review_message
from clearance.web.templating import flash, render

router = APIRouter(include_in_schema=False)
PER_PAGE_CHOICES = (25, 50, 100)
FILTER_KEYS = ("cycle", "region", "opd", "outcome", "rule", "min_score", "max_score", "status", "per_page")


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def queue_filter(params, session: Session) -> QueueFilter:
    """A QueueFilter from query parameters; blanks mean "any"."""
    cycle = params.get("cycle", "")
    return QueueFilter(
        cycle=int(cycle) if str(cycle).isdigit() else default_cycle(session),
        region=params.get("region") or None,
        opd=params.get("opd") or None,
        outcome=params.get("outcome") or None,
        rule=params.get("rule") or None,
        min_score=_number(params.get("min_score")),
        max_score=_number(params.get("max_score")),
        status=params.get("status") or "open",
    )


def filter_query(params) -> str:
    """The queue's filter parameters, to carry from the queue to a detail page and back."""
    return urlencode({k: params[k] for k in FILTER_KEYS if params.get(k)})


@router.get("/reviu")
def queue_page(request: Request, session: DB, user: PageUser) -> Response:
    require_role(user, *review.REVIEWER_ROLES)
    params = request.query_params
    f = queue_filter(params, session)
    page = int(params["page"]) if params.get("page", "").isdigit() else 1
    per_page = int(params["per_page"]) if params.get("per_page", "").isdigit() else 50
    error = None
    try:
        result = review.review_queue(session, user, f, page=page, per_page=per_page)
        opds = review.queue_opds(session, user, f.cycle, f.region)
    except ReviewError as exc:
        error, result, opds = review_message(exc), review.QueuePage([], 0, 1, per_page, f), []
    ctx = {
        "page": result,
        "f": f,
        "qs": filter_query(params),
        "error": error,
        "cycles": cycles(session) or [f.cycle],
        "regions": visible_regions(session, user),
        "opds": opds,
        "rules": RULES,
        "outcomes": FLAGGED,
        "statuses": QUEUE_STATUSES,
        "per_page_choices": PER_PAGE_CHOICES,
    }
    return render(request, "review_queue.html", ctx, user=user, status_code=422 if error else 200)


@router.get("/reviu/{line_id}")
def detail_page(request: Request, session: DB, user: PageUser, line_id: int) -> Response:
    require_role(user, *review.REVIEWER_ROLES)
    state = review.load_line(session, line_id, user)
    params = request.query_params
    f = queue_filter(params, session)
    f.cycle = state.line.cycle_year
    ed = state.engine
    members, hidden = ([], {})
    if ed is not None and ed.duplicate_group:
        members, hidden = review.group_members(session, ed.duplicate_group, state.line.cycle_year, user)
    prev_id, next_id = review.queue_neighbours(session, user, f, line_id)
    matched_id = (state.review.matched_app_id if state.review else None) or (
        ed.matched_app_id if ed else None
    )
    ctx = {
        "s": state,
        "ed": ed,
        "match": (ed.explanation or {}).get("match", {}) if ed else {},
        "explanation_json": json.dumps(ed.explanation if ed else {}, indent=2, ensure_ascii=False),
        "app": review.catalog_entry(
            session, ed.matched_app_id if ed else None, ed.catalog_version if ed else None
        ),
        "alias_app": review.catalog_entry(session, matched_id),
        "members": members,
        "hidden_members": hidden,
        "trail": review.audit_trail(session, line_id, user),
        "prev_id": prev_id,
        "next_id": next_id,
        "qs": filter_query(params),
        "flagged": ed is not None and ed.outcome in FLAGGED,
    }
    return render(request, "review_detail.html", ctx, user=user)


def _after(line_id: int, go_next: str, qs: str) -> str:
    """Where an action leads: the next flag of the queue when asked, else the same line."""
    suffix = f"?{qs}" if qs else ""
    if go_next == "queue":
        return f"/reviu{suffix}"
    if go_next.isdigit():
        return f"/reviu/{int(go_next)}{suffix}"
    return f"/reviu/{line_id}{suffix}"


def _act(request: Request, session: Session, line_id: int, action, *, go_next: str, qs: str) -> Response:
    """Run one review action (returning its success message) in a transaction; flash; redirect."""
    try:
        with writing(session):
            message = action()
    except ReviewError as exc:
        flash(request, f"Tidak tersimpan: {review_message(exc)}", "error")
        return RedirectResponse(_after(line_id, "", qs), status_code=303)
    flash(request, message, "success")
    return RedirectResponse(_after(line_id, go_next, qs), status_code=303)


Note = Annotated[str, Form(max_length=review.MAX_NOTE_CHARS)]
Text = Annotated[str, Form(max_length=2000)]


@router.post("/reviu/{line_id}/konfirmasi")
def confirm_action(
    request: Request,
    session: DB,
    user: PageUser,
    line_id: int,
    note: Note = "",
    next: Text = "",
    qs: Text = "",
) -> Response:
    def action() -> str:
        review.confirm(session, line_id, user, note)
        return f"Baris {line_id} dikonfirmasi."

    return _act(request, session, line_id, action, go_next=next, qs=qs)


@router.post("/reviu/{line_id}/batalkan")
def overturn_action(
    request: Request,
    session: DB,
    user: PageUser,
    line_id: int,
    note: Note = "",
    next: Text = "",
    qs: Text = "",
) -> Response:
    def action() -> str:
        review.overturn(session, line_id, user, note)
        return f"Baris {line_id} dibatalkan: kini Disetujui."

    return _act(request, session, line_id, action, go_next=next, qs=qs)


@router.post("/reviu/{line_id}/alihkan")
def repoint_action(
    request: Request,
    session: DB,
    user: PageUser,
    line_id: int,
    target: Text = "",
    app_id: Text = "",
    note: Note = "",
    next: Text = "",
    qs: Text = "",
) -> Response:
    """`target` is "app:<id>" or "group:<id>" from the list; a typed `app_id` wins over it."""
    kind, _, value = target.partition(":")
    app = app_id.strip() or (value if kind == "app" else None)
    group = value if kind == "group" and not app else None

    def action() -> str:
        decided = review.repoint(session, line_id, user, app_id=app, group=group, note=note)
        return f"Baris {line_id} dialihkan ke {decided.matched_app_id or decided.duplicate_group}."

    return _act(request, session, line_id, action, go_next=next, qs=qs)


@router.post("/reviu/{line_id}/bukan-duplikat")
def not_duplicate_action(
    request: Request,
    session: DB,
    user: PageUser,
    line_id: int,
    note: Note = "",
    next: Text = "",
    qs: Text = "",
) -> Response:
    def action() -> str:
        review.mark_not_duplicate(session, line_id, user, note)
        return f"Baris {line_id} ditandai bukan duplikat dan tidak akan ditandai lagi."

    return _act(request, session, line_id, action, go_next=next, qs=qs)


@router.post("/reviu/{line_id}/alias")
def alias_action(
    request: Request,
    session: DB,
    user: PageUser,
    line_id: int,
    app_id: Text = "",
    alias: Text = "",
    qs: Text = "",
) -> Response:
    def action() -> str:
        version = review.add_alias_to_catalog(session, app_id, alias, user, line_id=line_id)
        return f"Alias \u201c{alias.strip()}\u201d ditambahkan ke {app_id}: katalog versi {version}."

    return _act(request, session, line_id, action, go_next="", qs=qs)


@router.post("/reviu/massal")
def bulk_action(
    request: Request,
    session: DB,
    user: PageUser,
    line_ids: Annotated[list[int], Form()] = [],  # noqa: B006
    back: Text = "",
) -> Response:
    target = safe_next(back, "/reviu")
    if not target.startswith("/reviu"):
        target = "/reviu"
    try:
        with writing(session):
            done = review.bulk_confirm(session, line_ids, user)
    except ReviewError as exc:
        flash(request, f"Tidak tersimpan: {review_message(exc)}", "error")
    else:
        flash(request, f"{len(done)} baris dikonfirmasi.", "success")
    return RedirectResponse(target, status_code=303)
