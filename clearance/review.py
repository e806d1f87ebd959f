"""Auditor review of flagged lines: confirm, overturn, re-point, "not a duplicate", the queue, the trail.

Every action writes a ReviewDecision (the older ones of the line become inactive) and appends an
AuditLog row (who, when, before, after, note). Every function checks the user's role and region."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from clearance.catalog_store import catalog_apps, latest_version_id, store_catalog_version
from clearance.models import (
    AuditLog,
    BudgetLine,
    CatalogEntry,
    EngineDecision,
    ReviewDecision,
    SuppressedMatch,
    User,
)
from clearance.pipeline import latest_decision_ids
from clearance.records import FLAGGED
from clearance.users import AccessDenied, allowed_regions, require_region, require_role

REVIEWER_ROLES = ("auditor", "admin")
RULES: tuple[str, ...] = ("R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7")
QUEUE_STATUSES: tuple[str, ...] = ("open", "reviewed", "all")
MAX_BULK = 500
MAX_NOTE_CHARS = 4000
MAX_ALIAS_CHARS = 200
_RULE_RE = re.compile(r"^R[0-9]{1,2}$")

__all__ = [
    "AccessDenied",
    "LineNotFound",
    "LineState",
    "QueueFilter",
    "QueueItem",
    "QueuePage",
    "ReviewError",
    "add_alias_to_catalog",
    "audit_trail",
    "bulk_confirm",
    "confirm",
    "load_line",
    "mark_not_duplicate",
    "overturn",
    "repoint",
    "review_queue",
]


class ReviewError(ValueError):
    """An action that cannot be taken as asked (missing note, unknown app, a line that is not a flag)."""


class LineNotFound(LookupError):
    """No budget line with that id."""


@dataclass
class LineState:
    """A line with the engine's latest decision and the auditor's decision that applies to it, if any."""

    line: BudgetLine
    engine: EngineDecision | None
    review: ReviewDecision | None

    @property
    def outcome(self) -> str | None:
        if self.review is not None:
            return self.review.outcome
        return self.engine.outcome if self.engine else None

    def snapshot(self) -> dict:
        """The current decision as the audit log records it."""
        if self.review is not None:
            r = self.review
            return {
                "outcome": r.outcome,
                "matched_app_id": r.matched_app_id,
                "duplicate_group": r.duplicate_group,
                "by": r.username,
                "action": r.action,
            }
        if self.engine is None:
            return {"outcome": None}
        e = self.engine
        return {
            "outcome": e.outcome,
            "matched_app_id": e.matched_app_id,
            "duplicate_group": e.duplicate_group,
            "by": "engine",
            "rules": list(e.rules),
            "score": e.score,
        }


# --- reading ---------------------------------------------------------------------------------------


def _latest_engine_decision(session: Session, line_id: int) -> EngineDecision | None:
    return session.scalars(
        select(EngineDecision).where(EngineDecision.line_id == line_id).order_by(EngineDecision.id.desc())
    ).first()


def _active_review(session: Session, line: BudgetLine) -> ReviewDecision | None:
    return session.scalars(
        select(ReviewDecision)
        .where(
            ReviewDecision.line_id == line.id,
            ReviewDecision.active.is_(True),
            ReviewDecision.content_hash == line.content_hash,
        )
        .order_by(ReviewDecision.id.desc())
    ).first()


def load_line(session: Session, line_id: int, user: User) -> LineState:
    """The line's state for a user who may read its region (AccessDenied otherwise)."""
    line = session.get(BudgetLine, line_id)
    if line is None:
        raise LineNotFound(f"no budget line {line_id}")
    require_region(user, line.region_code)
    return LineState(line, _latest_engine_decision(session, line_id), _active_review(session, line))


def audit_trail(session: Session, line_id: int, user: User) -> list[AuditLog]:
    """Every logged action on a line and on the earlier versions of it (lines with the same content that
    a revised file replaced, whose auditor decision was carried over), oldest first."""
    line = load_line(session, line_id, user).line
    same = select(BudgetLine.id).where(
        BudgetLine.content_hash == line.content_hash,
        BudgetLine.region_code == line.region_code,
        BudgetLine.id <= line.id,
    )
    return list(
        session.scalars(
            select(AuditLog).where(AuditLog.line_id.in_(same)).order_by(AuditLog.at, AuditLog.id)
        ).all()
    )


# --- actions ---------------------------------------------------------------------------------------


def _reviewable(session: Session, line_id: int, user: User, *, flagged_only: bool = True) -> LineState:
    require_role(user, *REVIEWER_ROLES)
    state = load_line(session, line_id, user)
    if state.engine is None:
        raise ReviewError(f"line {line_id} has not been decided by the engine yet")
    if not state.line.active:
        raise ReviewError(f"line {line_id} was replaced by a revised file")
    if flagged_only and state.engine.outcome not in FLAGGED:
        raise ReviewError(f"line {line_id} is not flagged ({state.engine.outcome})")
    return state


def _clean_note(note: str | None, *, required: bool, action: str) -> str:
    text = (note or "").strip()
    if required and not text:
        raise ReviewError(f"{action} needs a note saying why")
    if len(text) > MAX_NOTE_CHARS:
        raise ReviewError(f"note too long ({len(text)} characters; limit {MAX_NOTE_CHARS})")
    return text


def _record(
    session: Session,
    state: LineState,
    user: User,
    *,
    action: str,
    outcome: str,
    note: str,
    matched_app_id: str | None = None,
    duplicate_group: str | None = None,
    audit_action: str | None = None,
) -> ReviewDecision:
    """Write the auditor's decision (replacing earlier ones) and its audit log entry."""
    before = state.snapshot()
    for old in session.scalars(
        select(ReviewDecision).where(ReviewDecision.line_id == state.line.id, ReviewDecision.active.is_(True))
    ).all():
        old.active = False
        session.add(old)
    review = ReviewDecision(
        line_id=state.line.id,
        content_hash=state.line.content_hash,
        action=action,
        outcome=outcome,
        matched_app_id=matched_app_id,
        duplicate_group=duplicate_group,
        note=note,
        username=user.username,
    )
    session.add(review)
    session.flush()
    state.review = review
    session.add(
        AuditLog(
            username=user.username,
            action=audit_action or action,
            line_id=state.line.id,
            region_code=state.line.region_code,
            before=before,
            after=state.snapshot(),
            note=note,
        )
    )
    session.flush()
    return review


def confirm(session: Session, line_id: int, user: User, note: str = "") -> ReviewDecision:
    """Agree with the engine's flag."""
    state = _reviewable(session, line_id, user)
    return _record(
        session,
        state,
        user,
        action="confirm",
        outcome=state.engine.outcome,
        note=_clean_note(note, required=False, action="confirm"),
        matched_app_id=state.engine.matched_app_id,
        duplicate_group=state.engine.duplicate_group,
    )


def overturn(session: Session, line_id: int, user: User, note: str) -> ReviewDecision:
    """Clear a flagged line (Disetujui); the note saying why is required."""
    state = _reviewable(session, line_id, user)
    return _record(
        session,
        state,
        user,
        action="overturn",
        outcome="CLEARED",
        note=_clean_note(note, required=True, action="overturn"),
    )


def _catalog_entry(session: Session, app_id: str) -> CatalogEntry | None:
    """The app as the newest catalog version that has it describes it."""
    return session.scalars(
        select(CatalogEntry).where(CatalogEntry.app_id == app_id).order_by(CatalogEntry.version_id.desc())
    ).first()


def _outcome_for_app(entry: CatalogEntry, region_code: str) -> str:
    if entry.kind == "shared":
        return "USE_SHARED_APP"
    if entry.region_code == region_code:
        return "CONSOLIDATE"
    if entry.shareable:
        return "USE_SHARED_APP"
    raise ReviewError(f"{entry.app_id} belongs to region {entry.region_code} and is not shareable")


def _group_visible(session: Session, group: str, cycle: int, user: User) -> bool:
    """Whether the cycle has a line of `group` in a region the user may read (other regions' group ids
    are neither usable nor probeable)."""
    stmt = (
        select(EngineDecision.id)
        .join(BudgetLine, BudgetLine.id == EngineDecision.line_id)
        .where(EngineDecision.duplicate_group == group, BudgetLine.cycle_year == cycle)
    )
    regions = allowed_regions(user)
    if regions is not None:
        stmt = stmt.where(BudgetLine.region_code.in_(regions))
    return session.execute(stmt.limit(1)).first() is not None


def repoint(
    session: Session,
    line_id: int,
    user: User,
    app_id: str | None = None,
    group: str | None = None,
    *,
    note: str = "",
) -> ReviewDecision:
    """Point the line at another catalog app (outcome from the app's kind) or duplicate group."""
    app_id, group = (app_id or "").strip() or None, (group or "").strip() or None
    if (app_id is None) == (group is None):
        raise ReviewError("re-point to exactly one of: a catalog app, a duplicate group")
    state = _reviewable(session, line_id, user, flagged_only=False)
    if state.engine.outcome == "NOT_SPBE":
        raise ReviewError(f"line {line_id} is not SPBE spending")
    text = _clean_note(note, required=False, action="re-point")
    if app_id is not None:
        entry = _catalog_entry(session, app_id)
        if entry is None:
            raise ReviewError(f"no app {app_id!r} in the catalog")
        outcome = _outcome_for_app(entry, state.line.region_code)
        return _record(
            session, state, user, action="repoint", outcome=outcome, note=text, matched_app_id=app_id
        )
    if not _group_visible(session, group, state.line.cycle_year, user):
        raise ReviewError(f"no duplicate group {group!r} in cycle {state.line.cycle_year}")
    return _record(
        session, state, user, action="repoint", outcome="CONSOLIDATE", note=text, duplicate_group=group
    )


def flag_targets(engine: EngineDecision) -> list[str]:
    """The pairs a flag rests on: "app:<id>" for the matched app, "group:<id>" for the duplicate group."""
    targets = []
    if engine.matched_app_id:
        targets.append(f"app:{engine.matched_app_id}")
    if engine.duplicate_group:
        targets.append(f"group:{engine.duplicate_group}")
    return targets


def mark_not_duplicate(
    session: Session, line_id: int, user: User, note: str, *, target: str | None = None
) -> ReviewDecision:
    """Confirm the line is not a duplicate of its match: never flag the pair again, and clear the line.

    `target` ("app:<id>", "group:<id>") picks one pair; default: every pair the flag rests on."""
    state = _reviewable(session, line_id, user)
    text = _clean_note(note, required=True, action="not a duplicate")
    candidates = {f"app:{c.get('app_id')}" for c in state.engine.candidates if c.get("app_id")}
    targets = flag_targets(state.engine)
    if target is not None:
        if target not in {*targets, *candidates}:
            raise ReviewError(f"{target!r} is not a match of line {line_id}")
        targets = [target]
    if not targets:
        raise ReviewError(f"line {line_id} has no matched app or duplicate group to suppress")
    existing = set(
        session.scalars(
            select(SuppressedMatch.target).where(SuppressedMatch.content_hash == state.line.content_hash)
        ).all()
    )
    for t in targets:
        if t not in existing:
            session.add(
                SuppressedMatch(content_hash=state.line.content_hash, target=t, username=user.username)
            )
    session.flush()
    return _record(
        session,
        state,
        user,
        action="overturn",
        outcome="CLEARED",
        note=f"{text} [bukan duplikat: {', '.join(targets)}]",
        audit_action="not_duplicate",
    )


def bulk_confirm(
    session: Session, line_ids: Sequence[int], user: User, note: str = ""
) -> list[ReviewDecision]:
    """Confirm many flags at once: all of them or, if any cannot be confirmed, none."""
    ids = list(dict.fromkeys(int(i) for i in line_ids))
    if not ids:
        raise ReviewError("no lines selected")
    if len(ids) > MAX_BULK:
        raise ReviewError(f"at most {MAX_BULK} lines at once")
    states = [_reviewable(session, i, user) for i in ids]
    text = _clean_note(note, required=False, action="confirm")
    return [
        _record(
            session,
            s,
            user,
            action="confirm",
            outcome=s.engine.outcome,
            note=text,
            matched_app_id=s.engine.matched_app_id,
            duplicate_group=s.engine.duplicate_group,
            audit_action="bulk_confirm",
        )
        for s in states
    ]


def add_alias_to_catalog(
    session: Session, app_id: str, alias: str, admin_user: User, *, line_id: int | None = None
) -> int:
    """Add `alias` to an app in a NEW catalog version (a copy of the latest); returns its id. Admin only."""
    require_role(admin_user, "admin")
    alias = " ".join((alias or "").split())
    if not alias or len(alias) > MAX_ALIAS_CHARS:
        raise ReviewError(f"an alias is 1-{MAX_ALIAS_CHARS} characters")
    region = None
    if line_id is not None:
        state = load_line(session, line_id, admin_user)
        region = state.line.region_code
        if state.review is None or state.review.action not in ("confirm", "repoint"):
            raise ReviewError(f"line {line_id} has no confirmed match: confirm or re-point it first")
        if state.review.matched_app_id != app_id:
            raise ReviewError(f"line {line_id} was confirmed as {state.review.matched_app_id}, not {app_id}")
    version = latest_version_id(session)
    apps = catalog_apps(session, version) if version else []
    app = next((a for a in apps if a.app_id == app_id), None)
    if app is None:
        raise ReviewError(f"no app {app_id!r} in the latest catalog version")
    if alias.casefold() in {n.casefold() for n in (app.name, *app.aliases)}:
        raise ReviewError(f"{alias!r} is already a name of {app_id}")
    updated = replace(app, aliases=(*app.aliases, alias))
    stored = store_catalog_version(
        session,
        [updated if a.app_id == app_id else a for a in apps],
        source=f"alias {alias!r} added to {app_id} by {admin_user.username}",
    )
    session.add(
        AuditLog(
            username=admin_user.username,
            action="add_alias",
            line_id=line_id,
            region_code=region,
            before={"app_id": app_id, "aliases": list(app.aliases), "catalog_version": version},
            after={"app_id": app_id, "aliases": list(updated.aliases), "catalog_version": stored.version_id},
            note=f"alias {alias!r}",
        )
    )
    session.flush()
    return stored.version_id


# --- the queue -------------------------------------------------------------------------------------


@dataclass
class QueueFilter:
    """What the auditor narrows the queue of flags to."""

    cycle: int
    region: str | None = None
    opd: str | None = None
    outcome: str | None = None
    rule: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    status: str = "open"  # open | reviewed | all


@dataclass
class QueueItem:
    line_id: int
    region_code: str
    opd: str | None
    app_name: str
    amount: int
    spend_type: str
    outcome: str
    rules: list[str]
    reason: str
    score: float | None
    matched_app_id: str | None
    matched_app_name: str | None
    duplicate_group: str | None
    review_action: str | None = None
    review_outcome: str | None = None
    reviewed_by: str | None = None


@dataclass
class QueuePage:
    items: list[QueueItem]
    total: int
    page: int
    per_page: int
    filters: QueueFilter = field(default_factory=lambda: QueueFilter(cycle=0))

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _check_filter(f: QueueFilter, user: User) -> None:
    require_role(user, *REVIEWER_ROLES)
    if f.region is not None:
        require_region(user, f.region)
    if f.outcome is not None and f.outcome not in FLAGGED:
        raise ReviewError(f"outcome must be one of {', '.join(FLAGGED)}")
    if f.rule is not None and not _RULE_RE.match(f.rule):
        raise ReviewError(f"unknown rule {f.rule!r}")
    if f.status not in QUEUE_STATUSES:
        raise ReviewError(f"status must be one of {', '.join(QUEUE_STATUSES)}")


def _queue_statement(f: QueueFilter, user: User):
    """BudgetLine, latest EngineDecision and applying ReviewDecision of each flag in the user's scope."""
    regions = [f.region] if f.region else allowed_regions(user)
    latest = latest_decision_ids(f.cycle, regions)
    review = aliased(ReviewDecision)
    stmt = (
        select(BudgetLine, EngineDecision, review)
        .join(latest, latest.c.line_id == BudgetLine.id)
        .join(EngineDecision, EngineDecision.id == latest.c.decision_id)
        .outerjoin(
            review,
            and_(
                review.line_id == BudgetLine.id,
                review.active.is_(True),
                review.content_hash == BudgetLine.content_hash,
            ),
        )
        .where(EngineDecision.outcome.in_([f.outcome] if f.outcome else FLAGGED))
    )
    if f.opd:
        stmt = stmt.where(BudgetLine.opd == f.opd)
    if f.rule:
        stmt = stmt.where(cast(EngineDecision.rules, String).like(f'%"{f.rule}"%'))
    if f.min_score is not None:
        stmt = stmt.where(EngineDecision.score >= f.min_score)
    if f.max_score is not None:
        stmt = stmt.where(EngineDecision.score <= f.max_score)
    if f.status == "open":
        stmt = stmt.where(review.id.is_(None))
    elif f.status == "reviewed":
        stmt = stmt.where(review.id.is_not(None))
    return stmt.order_by(BudgetLine.region_code, BudgetLine.opd, BudgetLine.id)


def review_queue(
    session: Session, user: User, f: QueueFilter, *, page: int = 1, per_page: int = 50
) -> QueuePage:
    """One page of the flags (NEEDS_REVIEW, USE_SHARED_APP, CONSOLIDATE) the user may review."""
    _check_filter(f, user)
    page, per_page = max(1, page), min(max(1, per_page), 200)
    stmt = _queue_statement(f, user)
    total = session.execute(stmt.with_only_columns(func.count(BudgetLine.id)).order_by(None)).scalar_one()
    rows = session.execute(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    items = [
        QueueItem(
            line_id=line.id,
            region_code=line.region_code,
            opd=line.opd,
            app_name=line.app_name,
            amount=line.amount,
            spend_type=line.spend_type,
            outcome=ed.outcome,
            rules=list(ed.rules),
            reason=ed.reason,
            score=ed.score,
            matched_app_id=ed.matched_app_id,
            matched_app_name=ed.matched_app_name,
            duplicate_group=ed.duplicate_group,
            review_action=rv.action if rv else None,
            review_outcome=rv.outcome if rv else None,
            reviewed_by=rv.username if rv else None,
        )
        for line, ed, rv in rows
    ]
    return QueuePage(items=items, total=total, page=page, per_page=per_page, filters=f)


def queue_neighbours(
    session: Session, user: User, f: QueueFilter, line_id: int
) -> tuple[int | None, int | None]:
    """The previous and next flags of the filtered queue around `line_id` (which may itself be filtered out,
    e.g. reviewed a moment ago)."""
    _check_filter(f, user)
    ordered = list(
        session.scalars(_queue_statement(replace(f, status="all"), user).with_only_columns(BudgetLine.id))
    )
    wanted = set(session.scalars(_queue_statement(f, user).with_only_columns(BudgetLine.id)))
    if line_id not in ordered:
        return None, next((i for i in ordered if i in wanted), None)
    at = ordered.index(line_id)
    before = next((i for i in reversed(ordered[:at]) if i in wanted), None)
    after = next((i for i in ordered[at + 1 :] if i in wanted), None)
    return before, after


def queue_opds(session: Session, user: User, cycle: int, region: str | None = None) -> list[str]:
    """The OPDs that have flags in the user's scope (for the filter list)."""
    f = QueueFilter(cycle=cycle, region=region, status="all")
    _check_filter(f, user)
    stmt = _queue_statement(f, user).with_only_columns(BudgetLine.opd).distinct().order_by(None)
    return sorted(o for o in session.scalars(stmt).all() if o)


def group_members(
    session: Session, group: str, cycle: int, user: User
) -> tuple[list[BudgetLine], dict[str, int]]:
    """Lines of a duplicate group the user may read, and per other region how many it may not."""
    require_role(user, *REVIEWER_ROLES)
    latest = latest_decision_ids(cycle)
    lines = session.scalars(
        select(BudgetLine)
        .join(latest, latest.c.line_id == BudgetLine.id)
        .join(EngineDecision, EngineDecision.id == latest.c.decision_id)
        .where(EngineDecision.duplicate_group == group)
        .order_by(BudgetLine.region_code, BudgetLine.id)
    ).all()
    regions = allowed_regions(user)
    visible = [ln for ln in lines if regions is None or ln.region_code in regions]
    hidden: dict[str, int] = {}
    for ln in lines:
        if regions is not None and ln.region_code not in regions:
            hidden[ln.region_code] = hidden.get(ln.region_code, 0) + 1
    return visible, hidden


def catalog_entry(session: Session, app_id: str | None, version_id: int | None = None) -> CatalogEntry | None:
    """A catalog app as `version_id` (else the newest version having it) describes it."""
    if not app_id:
        return None
    if version_id is not None:
        found = session.scalars(
            select(CatalogEntry).where(CatalogEntry.app_id == app_id, CatalogEntry.version_id == version_id)
        ).first()
        if found is not None:
            return found
    return _catalog_entry(session, app_id)
