"""The clearance pipeline as plain functions: match, decide, store decisions, read current decisions.

Flows (flows/) and the web app call these; nothing here knows about Prefect."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from catalog.models import Candidate, LineQuery
from clearance.catalog_store import catalog_apps, ensure_catalog
from clearance.db import bulk_insert
from clearance.decide import Decision, GroupInfo, LineFacts, decide
from clearance.models import (
    BudgetLine,
    ClearanceRun,
    EngineDecision,
    Region,
    RejectedRow,
    ReviewDecision,
    Submission,
    SuppressedMatch,
    utcnow,
)
from clearance.policy import Policy
from clearance.records import DecisionRecord, RejectRecord

MAX_CANDIDATES_KEPT = 5


@dataclass
class DecideResult:
    run_id: int
    lines: int
    counts: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)


_DECIDED_COLUMNS = (
    BudgetLine.id, BudgetLine.app_name, BudgetLine.description, BudgetLine.region_code, BudgetLine.opd,
    BudgetLine.spend_type, BudgetLine.is_spbe, BudgetLine.sub_activity, BudgetLine.content_hash,
)  # fmt: skip


def _active_lines(session: Session, cycle: int) -> list:
    """The active lines of a cycle as rows of what matching and deciding read (not ORM objects: a
    national cycle has 300,000)."""
    return list(
        session.execute(
            select(*_DECIDED_COLUMNS)
            .where(BudgetLine.cycle_year == cycle, BudgetLine.active.is_(True))
            .order_by(BudgetLine.id)
        ).all()
    )


def _query(line: BudgetLine) -> LineQuery:
    return LineQuery(
        key=line.id,
        app_name=line.app_name,
        description=line.description or "",
        region_code=line.region_code,
        opd=line.opd,
        spend_type=line.spend_type,
    )


def build_matcher(apps, policy: Policy):
    from catalog.match import Matcher

    return Matcher(apps, review_threshold=policy.thresholds.review, match_threshold=policy.thresholds.match)


def group_infos(lines: list[BudgetLine], groups: dict) -> dict[int, GroupInfo]:
    """GroupInfo per line id from the matcher's {line id: group id}."""
    members: dict[str, list[BudgetLine]] = defaultdict(list)
    by_id = {line.id: line for line in lines}
    for line_id, gid in groups.items():
        members[gid].append(by_id[line_id])
    infos: dict[int, GroupInfo] = {}
    for gid, group in members.items():
        info = GroupInfo(
            group_id=gid,
            size=len(group),
            regions=tuple(sorted({m.region_code for m in group})),
            opds=tuple(sorted({m.opd or "-" for m in group})),
        )
        for m in group:
            infos[m.id] = info
    return infos


def _previous_groups(session: Session, cycle: int, lines: list[BudgetLine]) -> dict[int, str]:
    """{line id: the duplicate group the last decision of the same content had}, so re-runs and
    revisions keep group ids (and the auditors' "not a duplicate" on them)."""
    by_hash: dict[str, str] = {}
    rows = session.execute(
        select(BudgetLine.content_hash, EngineDecision.duplicate_group)
        .join(EngineDecision, EngineDecision.line_id == BudgetLine.id)
        .where(BudgetLine.cycle_year == cycle, EngineDecision.duplicate_group.is_not(None))
        .order_by(EngineDecision.id)
    )
    for content_hash, gid in rows:
        by_hash[content_hash] = gid
    return {ln.id: by_hash[ln.content_hash] for ln in lines if ln.content_hash in by_hash}


def _suppressed(session: Session, hashes: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    if not hashes:
        return out
    for row in session.scalars(select(SuppressedMatch)).all():
        if row.content_hash in hashes:
            out[row.content_hash].add(row.target)
    return out


CANDIDATE_EVIDENCE = ("matched_field", "scorer", "scorer_score", "query_form", "app_form", "matched_tokens")


def candidate_json(c: Candidate) -> dict:
    """A candidate as stored with a decision: the app, score, relation and the gist of its evidence
    (the full explanation of the matched candidate is the decision's own `explanation`)."""
    return {
        "app_id": c.app_id,
        "app_name": c.app_name,
        "kind": c.kind,
        "region_code": c.region_code,
        "shareable": c.shareable,
        "score": round(c.score, 1),
        "relation": c.relation,
        "explanation": {k: c.explanation[k] for k in CANDIDATE_EVIDENCE if k in c.explanation},
    }


def decide_cycle(
    session: Session,
    *,
    cycle: int,
    policy: Policy,
    region_codes: list[str] | None = None,
    catalog_version: int | None = None,
) -> DecideResult:
    """Match and decide the active lines of `region_codes` (default: all) against one catalog version.

    Duplicate groups are always found over the whole cycle, so lines of other regions count."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    version = catalog_version or ensure_catalog(session)
    apps = catalog_apps(session, version)
    lines = _active_lines(session, cycle)
    wanted = set(region_codes) if region_codes else None
    targets = [ln for ln in lines if wanted is None or ln.region_code in wanted]
    timings["load"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    matcher = build_matcher(apps, policy)
    spbe_targets = [ln for ln in targets if ln.is_spbe]
    matches = matcher.match_many([_query(ln) for ln in spbe_targets])
    candidates = dict(zip([ln.id for ln in spbe_targets], matches, strict=True))
    timings["match"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    from catalog.groups import carry_group_ids, duplicate_groups

    spbe_lines = [ln for ln in lines if ln.is_spbe]
    groups = duplicate_groups([_query(ln) for ln in spbe_lines], threshold=policy.thresholds.group)
    groups = carry_group_ids(groups, _previous_groups(session, cycle, spbe_lines))
    infos = group_infos(spbe_lines, groups)
    timings["groups"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    suppressed = _suppressed(session, {ln.content_hash for ln in targets})
    run = ClearanceRun(
        cycle_year=cycle,
        region_code=region_codes[0] if region_codes and len(region_codes) == 1 else None,
        policy_version=policy.version,
        catalog_version=version,
    )
    session.add(run)
    session.flush()
    rows = []
    counts: Counter[str] = Counter()
    for line in targets:
        blocked = suppressed.get(line.content_hash, set())
        cands = [c for c in candidates.get(line.id, []) if f"app:{c.app_id}" not in blocked]
        group = infos.get(line.id)
        if group is not None and f"group:{group.group_id}" in blocked:
            group = None
        decision = decide(_facts(line), cands, group, policy)
        counts[decision.outcome] += 1
        rows.append(_decision_row(run.id, line, decision, cands, policy.version, version))
    bulk_insert(session, EngineDecision, rows)
    run.status = "decided"
    session.flush()
    timings["decide"] = time.perf_counter() - t0
    return DecideResult(run_id=run.id, lines=len(targets), counts=dict(counts), seconds=timings)


def _facts(line: BudgetLine) -> LineFacts:
    return LineFacts(
        region_code=line.region_code,
        spend_type=line.spend_type,
        is_spbe=line.is_spbe,
        opd=line.opd,
        app_name=line.app_name,
        description=line.description,
        sub_activity=line.sub_activity,
    )


def _decision_row(
    run_id: int, line: BudgetLine, d: Decision, cands: list[Candidate], policy_version: str, version: int
) -> dict:
    return {
        "run_id": run_id,
        "line_id": line.id,
        "content_hash": line.content_hash,
        "outcome": d.outcome,
        "rules": d.rules,
        "reason": d.reason,
        "matched_app_id": d.matched.app_id if d.matched else None,
        "matched_app_name": d.matched.app_name if d.matched else None,
        "score": d.score,
        "duplicate_group": d.duplicate_group,
        "policy_version": policy_version,
        "catalog_version": version,
        "explanation": d.explanation,
        "candidates": [candidate_json(c) for c in cands[:MAX_CANDIDATES_KEPT]],
    }


def latest_decision_ids(cycle: int, region_codes: list[str] | None = None):
    """Subquery (line_id, decision_id) of the engine's latest decision on each active line of a cycle
    (optionally of some regions): what "the engine's current decision" means everywhere."""
    stmt = (
        select(EngineDecision.line_id, func.max(EngineDecision.id).label("decision_id"))
        .join(BudgetLine, BudgetLine.id == EngineDecision.line_id)
        .where(BudgetLine.cycle_year == cycle, BudgetLine.active.is_(True))
    )
    if region_codes is not None:
        stmt = stmt.where(BudgetLine.region_code.in_(region_codes))
    return stmt.group_by(EngineDecision.line_id).subquery()


def current_decisions(
    session: Session,
    *,
    cycle: int,
    region_codes: list[str] | None = None,
    explanations: bool = True,
    candidates: bool = True,
) -> list[DecisionRecord]:
    """The current decision of each active line: the engine's latest, unless an auditor's applies.

    An auditor's decision applies while the line's content hash is the one it was made on. Without
    `explanations` / `candidates` those (large) parts are not read and come back empty: totals, JSONL
    and roll-ups of a national cycle do not need them."""
    latest = latest_decision_ids(cycle, region_codes or None)
    line_cols = (
        BudgetLine.id, BudgetLine.source_file, BudgetLine.sheet, BudgetLine.row, BudgetLine.region_code,
        BudgetLine.cycle_year, BudgetLine.opd, BudgetLine.app_name, BudgetLine.description,
        BudgetLine.spend_type, BudgetLine.amount, BudgetLine.content_hash,
    )  # fmt: skip
    decision_cols = (
        EngineDecision.id.label("decision_id"), EngineDecision.outcome, EngineDecision.rules,
        EngineDecision.reason, EngineDecision.matched_app_id, EngineDecision.matched_app_name,
        EngineDecision.score, EngineDecision.duplicate_group, EngineDecision.policy_version,
        EngineDecision.catalog_version,
    )  # fmt: skip
    extra = (EngineDecision.explanation,) if explanations else ()
    extra += (EngineDecision.candidates,) if candidates else ()
    stmt = (
        select(*line_cols, *decision_cols, *extra)
        .join(latest, latest.c.line_id == BudgetLine.id)
        .join(EngineDecision, EngineDecision.id == latest.c.decision_id)
        .order_by(BudgetLine.region_code, BudgetLine.source_file, BudgetLine.sheet, BudgetLine.row)
    )
    rows = session.execute(stmt).all()
    reviews = _active_reviews(session, [r.id for r in rows])
    names = {r.code: r.name for r in session.scalars(select(Region)).all()}
    out = []
    for r in rows:
        record = DecisionRecord(
            line_id=r.id,
            source_file=r.source_file,
            sheet=r.sheet,
            row=r.row,
            region_code=r.region_code,
            region_name=names.get(r.region_code, ""),
            cycle=r.cycle_year,
            opd=r.opd,
            app_name=r.app_name,
            description=r.description,
            spend_type=r.spend_type,
            amount=r.amount,
            outcome=r.outcome,
            rules=list(r.rules),
            reason=r.reason,
            matched_app_id=r.matched_app_id,
            matched_app_name=r.matched_app_name,
            score=r.score,
            duplicate_group=r.duplicate_group,
            policy_version=r.policy_version,
            catalog_version=r.catalog_version,
            explanation=r.explanation if explanations else {},
            candidates=r.candidates if candidates else [],
        )
        review = reviews.get(r.id)
        if review is not None and review.content_hash == r.content_hash:
            _apply_review(session, record, review, r.decision_id)
        out.append(record)
    return out


def _active_reviews(session: Session, line_ids: list[int]) -> dict[int, ReviewDecision]:
    found: dict[int, ReviewDecision] = {}
    for start in range(0, len(line_ids), 5000):
        chunk = line_ids[start : start + 5000]
        for r in session.scalars(
            select(ReviewDecision)
            .where(ReviewDecision.line_id.in_(chunk), ReviewDecision.active.is_(True))
            .order_by(ReviewDecision.id)
        ).all():
            found[r.line_id] = r
    return found


def _apply_review(session: Session, record: DecisionRecord, review: ReviewDecision, decision_id: int) -> None:
    record.outcome = review.outcome
    record.reviewed_by = review.username
    record.review_note = review.note
    if review.action != "confirm":
        record.rules = [*record.rules, "AUDITOR"]
        record.reason = f"Keputusan auditor ({review.username}): {review.note or review.action}"
    if review.matched_app_id is not None:
        record.matched_app_id = review.matched_app_id
        candidates = record.candidates or session.get(EngineDecision, decision_id).candidates
        match = next((c for c in candidates if c.get("app_id") == review.matched_app_id), None)
        record.matched_app_name = match["app_name"] if match else review.matched_app_id
        record.score = match["score"] if match else None
    if review.duplicate_group is not None:
        record.duplicate_group = review.duplicate_group
    if review.outcome == "CLEARED" and review.action == "overturn":
        record.matched_app_id = record.matched_app_name = None
        record.score = None
        record.duplicate_group = None


def current_rejects(
    session: Session, *, cycle: int, region_codes: list[str] | None = None
) -> list[RejectRecord]:
    """Rejected and skipped rows of the submissions still in force (not superseded)."""
    stmt = (
        select(RejectedRow, Submission.region_code)
        .join(Submission, Submission.id == RejectedRow.submission_id)
        .where(Submission.cycle_year == cycle, Submission.status != "superseded")
        .order_by(Submission.region_code, RejectedRow.source_file, RejectedRow.sheet, RejectedRow.row)
    )
    if region_codes:
        stmt = stmt.where(Submission.region_code.in_(region_codes))
    return [
        RejectRecord(
            source_file=r.source_file,
            sheet=r.sheet,
            row=r.row,
            column=r.column,
            reason=r.reason,
            kind=r.kind,
            region_code=region,
            cycle=cycle,
        )
        for r, region in session.execute(stmt).all()
    ]


def finish_run(
    session: Session, run_id: int, *, out_dir: Path | None, status: str = "done", message: str = ""
) -> None:
    run = session.get(ClearanceRun, run_id)
    if run is None:
        return
    run.status = status
    run.finished_at = utcnow()
    run.out_dir = str(out_dir or "")
    run.message = message
    session.add(run)
    session.flush()


def engine_session(engine: Engine) -> Session:
    return Session(engine)
