"""Store parsed spreadsheets: one submission per file, idempotent, revisions supersede by OPD."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, text, update
from sqlalchemy.orm import aliased
from sqlmodel import Session

from clearance.db import bulk_insert
from clearance.ingest.model import ParsedFile, ParsedLine, RowIssue
from clearance.models import (
    AuditLog,
    BudgetCycle,
    BudgetLine,
    Region,
    RejectedRow,
    ReviewDecision,
    Submission,
)
from clearance.regions import check_region, known_regions

MAX_RAW_CHARS = 500
LINE_COLUMNS = (
    "submission_id", "cycle_year", "region_code", "source_file", "sheet", "row", "opd", "app_name",
    "description", "spend_type", "amount", "sub_activity", "account_code", "is_spbe", "spbe_basis",
    "content_hash", "active", "superseded_by",
)  # fmt: skip  # raw cell text kept per rejected cell


@dataclass
class IngestResult:
    """What happened to one file; `duplicate_of` is set when the same bytes were already ingested."""

    submission_id: int
    file_name: str
    layout: str
    rows_read: int
    ingested: int
    rejected: int
    skipped: int
    blank_rows: int = 0
    superseded_lines: int = 0
    carried_reviews: int = 0  # auditor decisions kept on unchanged lines of a revised file
    duplicate_of: int | None = None
    issues: list[RowIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def accounted(self) -> bool:
        return self.rows_read == self.ingested + self.rejected + self.skipped


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def line_content_hash(line: ParsedLine, region_code: str, cycle: int) -> str:
    """Identity of a line's content: auditor decisions apply while it is unchanged. Case and runs of
    whitespace in the texts do not count."""
    parts = (
        region_code,
        str(cycle),
        _folded(line.opd or ""),
        _folded(line.app_name),
        _folded(line.description or ""),
        line.spend_type,
        str(line.amount),
        line.sub_activity or "",
        line.account_code or "",
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _folded(text: str) -> str:
    """Case-folded, with every run of whitespace (tabs, line breaks, non-breaking spaces) one space."""
    return " ".join(text.split()).casefold()


_NOT_WORD = re.compile(r"[^\w]+")


def opd_key(opd: str | None, file_name: str, layout: str = "") -> str:
    """The scope a revision replaces: the OPD (case, punctuation and spacing aside) within one layout,
    or the file name for lines without an OPD. A SIPD RKA export and a proposal template of the same
    OPD are different documents: neither replaces the other."""
    name = " ".join(_NOT_WORD.sub(" ", (opd or "").casefold()).split())
    return f"{layout}|{name or 'file:' + file_name.casefold()}"


def ensure_cycle_and_region(session: Session, cycle: int, region_code: str, region_name: str = "") -> None:
    """Create the budget cycle and the region (named from the bundled list) when they are new."""
    region_name = region_name or known_regions().get(region_code, "")
    if session.get(BudgetCycle, cycle) is None:
        session.add(BudgetCycle(year=cycle))
    region = session.get(Region, region_code)
    if region is None:
        session.add(Region(code=region_code, name=region_name))
    elif region_name and not region.name:
        region.name = region_name
    session.flush()


def _line_row(ln: ParsedLine, submission_id: int, file: str, region_code: str, cycle: int) -> tuple:
    """A budget line as a LINE_COLUMNS tuple."""
    content_hash = line_content_hash(ln, region_code, cycle)
    return (
        submission_id, cycle, region_code, file, ln.sheet, ln.row, ln.opd, ln.app_name, ln.description,
        ln.spend_type, ln.amount, ln.sub_activity, ln.account_code, ln.is_spbe, ln.spbe_basis, content_hash,
        True, None,
    )  # fmt: skip


def _trim(value: object) -> object:
    if isinstance(value, str) and len(value) > MAX_RAW_CHARS:
        return value[:MAX_RAW_CHARS] + f"… ({len(value)} characters)"
    return value


def store_parsed(
    session: Session,
    parsed: ParsedFile,
    *,
    sha256: str,
    region_code: str,
    cycle: int,
    uploader: str = "",
) -> IngestResult:
    """Write a parsed file as a new submission, supersede the same OPDs' earlier active lines (same
    layout) and carry the auditors' decisions over to the new lines whose content did not change."""
    lock_region_cycle(session, region_code, cycle)
    ensure_cycle_and_region(session, cycle, region_code)
    sub = Submission(
        cycle_year=cycle,
        region_code=region_code,
        file_name=parsed.file,
        sha256=sha256,
        uploader=uploader,
        layout=parsed.layout,
        rows_read=parsed.rows_read,
        rows_ingested=len(parsed.lines),
        rows_rejected=len(parsed.rejected),
        rows_skipped=len(parsed.skipped),
        blank_rows=parsed.blank_rows,
        warnings=list(parsed.warnings),
    )
    session.add(sub)
    session.flush()
    keys = {opd_key(opd, parsed.file, parsed.layout) for opd in {line.opd for line in parsed.lines}}
    superseded = _supersede(session, sub, keys)
    if parsed.lines:
        rows = (_line_row(ln, sub.id, parsed.file, region_code, cycle) for ln in parsed.lines)
        bulk_insert(session, BudgetLine, rows, columns=LINE_COLUMNS)
    if parsed.issues:
        bulk_insert(
            session,
            RejectedRow,
            [
                {
                    "submission_id": sub.id,
                    "source_file": parsed.file,
                    "sheet": issue.sheet,
                    "row": issue.row,
                    "column": issue.column,
                    "kind": issue.kind,
                    "reason": issue.reason,
                    "raw": [_trim(v) for v in issue.raw],
                }
                for issue in parsed.issues
            ],
        )
    session.flush()
    carried = carry_reviews(session, sub, uploader) if superseded else 0
    return IngestResult(
        submission_id=sub.id,
        file_name=parsed.file,
        layout=parsed.layout,
        rows_read=parsed.rows_read,
        ingested=len(parsed.lines),
        rejected=len(parsed.rejected),
        skipped=len(parsed.skipped),
        blank_rows=parsed.blank_rows,
        superseded_lines=superseded,
        carried_reviews=carried,
        issues=parsed.issues,
        warnings=parsed.warnings,
    )


def _supersede(session: Session, sub: Submission, keys: set[str]) -> int:
    """Deactivate earlier active lines of the same region, cycle and OPDs; mark emptied submissions."""
    earlier = session.execute(
        select(
            BudgetLine.id, BudgetLine.opd, BudgetLine.source_file, BudgetLine.submission_id, Submission.layout
        )
        .join(Submission, Submission.id == BudgetLine.submission_id)
        .where(
            BudgetLine.cycle_year == sub.cycle_year,
            BudgetLine.region_code == sub.region_code,
            BudgetLine.active.is_(True),
            BudgetLine.submission_id != sub.id,
        )
    ).all()
    hits = [row for row in earlier if opd_key(row.opd, row.source_file, row.layout) in keys]
    ids = [row.id for row in hits]
    for start in range(0, len(ids), 5000):
        session.execute(
            update(BudgetLine)
            .where(BudgetLine.id.in_(ids[start : start + 5000]))
            .values(active=False, superseded_by=sub.id)
        )
    touched = {row.submission_id for row in hits}
    for sub_id in touched:
        still_active = session.execute(
            select(BudgetLine.id)
            .where(BudgetLine.submission_id == sub_id, BudgetLine.active.is_(True))
            .limit(1)
        ).first()
        if still_active is None:
            session.execute(update(Submission).where(Submission.id == sub_id).values(status="superseded"))
    return len(ids)


def carry_reviews(session: Session, sub: Submission, uploader: str = "") -> int:
    """Copy the active auditor decision of each line `sub` superseded onto the new line with the same
    content hash, with an audit entry saying so. Returns how many were carried."""
    old = aliased(BudgetLine)
    reviews = session.scalars(
        select(ReviewDecision)
        .join(old, old.id == ReviewDecision.line_id)
        .where(
            old.superseded_by == sub.id,
            ReviewDecision.active.is_(True),
            ReviewDecision.content_hash == old.content_hash,
        )
        .order_by(ReviewDecision.id)
    ).all()
    latest = {r.content_hash: r for r in reviews}
    if not latest:
        return 0
    new_lines = session.execute(
        select(BudgetLine.id, BudgetLine.content_hash, BudgetLine.region_code).where(
            BudgetLine.submission_id == sub.id, BudgetLine.content_hash.in_(list(latest))
        )
    ).all()
    for line_id, content_hash, region_code in new_lines:
        r = latest[content_hash]
        session.add(
            ReviewDecision(
                line_id=line_id,
                content_hash=content_hash,
                action=r.action,
                outcome=r.outcome,
                matched_app_id=r.matched_app_id,
                duplicate_group=r.duplicate_group,
                note=r.note,
                username=r.username,
                created_at=r.created_at,
            )
        )
        snapshot = {"outcome": r.outcome, "by": r.username, "action": r.action}
        session.add(
            AuditLog(
                username=uploader or "system",
                action="carry_over",
                line_id=line_id,
                region_code=region_code,
                before={"line_id": r.line_id, **snapshot},
                after={"line_id": line_id, **snapshot},
                note=f"berkas revisi {sub.file_name}: baris tidak berubah, keputusan auditor tetap berlaku",
            )
        )
    session.flush()
    return len(new_lines)


def lock_region_cycle(session: Session, region_code: str, cycle: int) -> None:
    """Serialise ingests of one region and cycle until the transaction ends, so two uploads of the same
    file at once cannot both pass the duplicate check (PostgreSQL: an advisory lock; SQLite: a write,
    which takes the database's write lock)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(
            hashlib.sha256(f"{region_code}|{cycle}".encode()).digest()[:8], "big", signed=True
        )
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        session.execute(update(Region).where(Region.code == region_code).values(code=Region.code))


def find_duplicate(session: Session, sha256: str, region_code: str, cycle: int) -> Submission | None:
    """The submission of the same bytes for this region and cycle whose lines are all still in force;
    a file whose lines a later revision replaced (wholly or partly) is ingested again: going back to it
    is a revision too."""
    for sub in session.scalars(
        select(Submission)
        .where(
            Submission.sha256 == sha256, Submission.region_code == region_code, Submission.cycle_year == cycle
        )
        .order_by(Submission.id.desc())
    ):
        replaced = session.execute(
            select(BudgetLine.id)
            .where(BudgetLine.submission_id == sub.id, BudgetLine.active.is_(False))
            .limit(1)
        ).first()
        return None if replaced is not None or sub.status == "superseded" else sub
    return None


def ingest_file(
    session: Session,
    path: Path,
    *,
    region_code: str,
    cycle: int,
    uploader: str = "",
    name: str | None = None,
    include_hidden: bool = False,
) -> IngestResult:
    """Parse and store one file inside the caller's transaction (the caller commits or rolls back).

    Raises IngestError for an unusable file and RegionError for an unknown region code, before
    anything is written."""
    region_code = check_region(region_code)
    path = Path(path)
    sha = file_sha256(path)
    lock_region_cycle(session, region_code, cycle)
    ensure_cycle_and_region(session, cycle, region_code)
    existing = find_duplicate(session, sha, region_code, cycle)
    if existing is not None:
        return IngestResult(
            submission_id=existing.id,
            file_name=existing.file_name,
            layout=existing.layout,
            rows_read=existing.rows_read,
            ingested=existing.rows_ingested,
            rejected=existing.rows_rejected,
            skipped=existing.rows_skipped,
            blank_rows=existing.blank_rows,
            duplicate_of=existing.id,
            warnings=list(existing.warnings),
        )
    from clearance.ingest import parse_file

    parsed = parse_file(path, name=name, include_hidden=include_hidden, cycle=cycle)
    return store_parsed(session, parsed, sha256=sha, region_code=region_code, cycle=cycle, uploader=uploader)
