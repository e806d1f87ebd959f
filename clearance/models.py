"""SQLModel tables: cycles, submissions, budget lines, rejects, catalog versions, runs, decisions, review."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class BudgetCycle(SQLModel, table=True):
    """A budget year (tahun anggaran)."""

    year: int = Field(primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)


class Region(SQLModel, table=True):
    """A pemda, keyed by its Kemendagri code (e.g. "35.19" Kab. Madiun)."""

    code: str = Field(primary_key=True, max_length=16)
    name: str = ""


class Submission(SQLModel, table=True):
    """One uploaded file for a region and cycle."""

    id: int | None = Field(default=None, primary_key=True)
    cycle_year: int = Field(index=True)
    region_code: str = Field(index=True, max_length=16)
    file_name: str
    sha256: str = Field(index=True, max_length=64)
    uploader: str = ""
    received_at: datetime = Field(default_factory=utcnow)
    layout: str = ""
    status: str = "ingested"  # ingested | superseded
    rows_read: int = 0
    rows_ingested: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0
    blank_rows: int = 0  # counted apart: rows_read + blank_rows = the rows of the sheets read
    warnings: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))


class BudgetLine(SQLModel, table=True):
    """One proposed spending item. `active` is False once a revised file supersedes it."""

    __table_args__ = (Index("ix_budgetline_cycle_region_active", "cycle_year", "region_code", "active"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    cycle_year: int
    region_code: str = Field(max_length=16)
    source_file: str
    sheet: str
    row: int
    opd: str | None = None
    app_name: str = Field(sa_column=Column(Text, nullable=False))
    description: str | None = Field(default=None, sa_column=Column(Text))
    spend_type: str = "other"
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    sub_activity: str | None = None
    account_code: str | None = None
    is_spbe: bool = True
    spbe_basis: str | None = None
    content_hash: str = Field(index=True, max_length=64)
    active: bool = True
    superseded_by: int | None = None


class RejectedRow(SQLModel, table=True):
    """A non-blank row not ingested: rejected (to fix) or skipped (heading, total), with its reason."""

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submission.id", index=True)
    source_file: str
    sheet: str
    row: int
    column: str | None = None
    kind: str = "rejected"  # rejected | skipped
    reason: str = Field(sa_column=Column(Text, nullable=False))
    raw: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))


class CatalogVersion(SQLModel, table=True):
    """Every catalog import makes a version; decisions reference it. `purpose` "catalog" versions are the
    catalog (the newest one is current); a "run" version is the catalog file one `clearance run
    --catalog FILE` decided against alone, and never becomes the current catalog."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    purpose: str = Field(default="catalog", max_length=16)  # catalog | run
    source: str = ""
    sha256: str = ""
    added: int = 0
    changed: int = 0
    retired: int = 0
    apps_count: int = 0


class CatalogEntry(SQLModel, table=True):
    """One app as it stands in one catalog version."""

    __table_args__ = (UniqueConstraint("version_id", "app_id"),)

    id: int | None = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="catalogversion.id", index=True)
    app_id: str = Field(max_length=128)
    name: str
    kind: str  # shared | existing
    owner: str = ""
    region_code: str | None = None
    aliases: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    function: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    shareable: bool = False
    note: str = ""


class ClearanceRun(SQLModel, table=True):
    """One run of the engine over a cycle (all regions) or one region."""

    id: int | None = Field(default=None, primary_key=True)
    cycle_year: int = Field(index=True)
    region_code: str | None = None  # None: the whole cycle
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    status: str = "running"  # running | done | failed
    policy_version: str = ""
    catalog_version: int | None = None
    out_dir: str = ""
    message: str = ""


class EngineDecision(SQLModel, table=True):
    """The engine's decision for a line in a run. The latest run's decision is the current one."""

    __table_args__ = (Index("ix_enginedecision_line_run", "line_id", "run_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="clearancerun.id", index=True)
    line_id: int = Field(foreign_key="budgetline.id")
    content_hash: str = Field(max_length=64)
    outcome: str
    rules: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    matched_app_id: str | None = None
    matched_app_name: str | None = None
    score: float | None = None
    duplicate_group: str | None = None
    policy_version: str = ""
    catalog_version: int | None = None
    explanation: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    candidates: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))


class ReviewDecision(SQLModel, table=True):
    """An auditor's decision on a line, kept apart from the engine's.

    It applies while the line's content hash equals `content_hash`; a later one for the same line
    replaces it (`active` False on the older)."""

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="budgetline.id", index=True)
    content_hash: str = Field(max_length=64)
    action: str  # confirm | overturn | repoint
    outcome: str
    matched_app_id: str | None = None
    duplicate_group: str | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    username: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    active: bool = True


class SuppressedMatch(SQLModel, table=True):
    """A (line content, app or group) pair an auditor confirmed as "not a duplicate": never flagged again."""

    __table_args__ = (UniqueConstraint("content_hash", "target"),)

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(max_length=64, index=True)
    target: str  # "app:<app_id>" or "group:<group id>"
    username: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class AuditLog(SQLModel, table=True):
    """Append-only trail of human actions: who, when, before, after, note."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    username: str
    action: str
    line_id: int | None = Field(default=None, index=True)
    region_code: str | None = None
    before: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    after: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class User(SQLModel, table=True):
    """A person: planner (one region), auditor (regions or all: ["*"]) or admin."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True, max_length=64)
    password_hash: str
    role: str  # planner | auditor | admin
    regions: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
