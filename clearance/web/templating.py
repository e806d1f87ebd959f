"""Jinja2 templates, their filters (rupiah, dates in WIB, labels) and the page renderer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from clearance.models import User
from clearance.records import FLAGGED, OUTCOME_LABELS, OUTCOMES
from clearance.report.evidence import acronym_source_label, matched_field_label, reason_label, scorer_label
from clearance.report.labels import SPEND_TYPE_LABELS, opd_name, percent, rupiah
from clearance.report.reasons import reason_id
from clearance.web.security import csrf_token

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
WIB = timezone(timedelta(hours=7), "WIB")
ROLE_LABELS = {"planner": "Perencana", "auditor": "Auditor", "admin": "Admin"}
ACTION_LABELS = {
    "confirm": "Konfirmasi",
    "bulk_confirm": "Konfirmasi massal",
    "overturn": "Dibatalkan (Disetujui)",
    "repoint": "Dialihkan",
    "not_duplicate": "Bukan duplikat",
    "add_alias": "Alias ditambahkan ke katalog",
}
FLASH_KEY = "flash"


def rupiah_short(amount: int | float | None) -> str:
    """`1_250_000_000` -> `Rp 1,25 M`; `350_000_000` -> `Rp 350 jt`."""
    value = float(amount or 0)
    for size, unit in ((1e12, "T"), (1e9, "M"), (1e6, "jt")):
        if abs(value) >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"Rp {text} {unit}"
    return rupiah(value)


def wib(moment: datetime | float | None) -> str:
    """A timestamp as `12-05-2026 14:03 WIB`."""
    if moment is None:
        return "-"
    if isinstance(moment, int | float):
        moment = datetime.fromtimestamp(moment, UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")


def number(value: int | float | None) -> str:
    return f"{round(value or 0):,}".replace(",", ".")


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.filters.update(
        rupiah=rupiah,
        rupiah_short=rupiah_short,
        percent=lambda share: percent(100.0 * (share or 0)),
        wib=wib,
        number=number,
        outcome_label=lambda o: OUTCOME_LABELS.get(o, o or "-"),
        spend_type_label=lambda s: SPEND_TYPE_LABELS.get(s or "", s or "-"),
        role_label=lambda r: ROLE_LABELS.get(r, r),
        action_label=lambda a: ACTION_LABELS.get(a, a),
        opd_name=opd_name,
        matched_field_label=matched_field_label,
        scorer_label=scorer_label,
        acronym_source_label=acronym_source_label,
        reason_label=reason_label,
        row_reason=reason_id,
    )
    env.globals.update(OUTCOMES=OUTCOMES, FLAGGED=FLAGGED, OUTCOME_LABELS=OUTCOME_LABELS)
    env.trim_blocks = env.lstrip_blocks = True
    return templates


def flash(request: Request, message: str, kind: str = "info") -> None:
    """A message shown once on the next page (kind: info, success, error)."""
    messages = list(request.session.get(FLASH_KEY, []))
    messages.append([kind, message[:500]])
    request.session[FLASH_KEY] = messages[-5:]


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    ctx = dict(context or {})
    ctx.update(
        user=user,
        csrf_token=csrf_token(request.session),
        flashes=request.session.pop(FLASH_KEY, []) if FLASH_KEY in request.session else [],
        path=request.url.path,
    )
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    response.headers["cache-control"] = "no-store"
    return response
