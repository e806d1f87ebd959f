"""Storing parsed files: accounting, idempotence, revisions that supersede by OPD, all-or-nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from clearance.ingest.model import ParsedFile, ParsedLine, RowIssue
from clearance.models import BudgetLine, RejectedRow, Submission
from clearance.submissions import line_content_hash, store_parsed

pytestmark = pytest.mark.usefixtures("engine")


def parsed(name: str, lines: list[tuple[str, str, int]], issues: int = 0) -> ParsedFile:
    items = [ParsedLine(sheet="Usulan", row=5 + i, opd=opd, app_name=app, amount=amt) for i, (opd, app, amt) in
             enumerate(lines)]  # fmt: skip
    rows = [RowIssue(sheet="Usulan", row=100 + i, kind="rejected", reason="no amount", column="Pagu",
                     raw=["x" * 2000]) for i in range(issues)]  # fmt: skip
    rows.append(RowIssue(sheet="Usulan", row=99, kind="skipped", reason="total row"))
    return ParsedFile(
        file=name, layout="template", lines=items, issues=rows, rows_read=len(items) + len(rows)
    )


def count(session: Session, model, *where) -> int:
    return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def test_store_counts_every_row(session: Session) -> None:
    p = parsed("a.xlsx", [("Dinkes", "SIMPUS", 100), ("Dinkes", "e-Office", 200)], issues=2)
    result = store_parsed(session, p, sha256="s1", region_code="35.19", cycle=2027)
    session.commit()
    assert (result.rows_read, result.ingested, result.rejected, result.skipped) == (5, 2, 2, 1)
    assert result.accounted
    sub = session.get(Submission, result.submission_id)
    assert (sub.rows_read, sub.rows_ingested, sub.rows_rejected, sub.rows_skipped) == (5, 2, 2, 1)
    assert count(session, BudgetLine) == 2 and count(session, RejectedRow) == 3
    raw = session.scalars(select(RejectedRow).where(RejectedRow.kind == "rejected")).first().raw
    assert len(raw[0]) < 600 and raw[0].endswith("(2000 characters)")


def test_revision_supersedes_same_opd_only_and_keeps_history(session: Session) -> None:
    first = store_parsed(
        session,
        parsed("usulan.xlsx", [("Dinkes", "SIMPUS", 100), ("Diskominfo", "Portal", 50)]),
        sha256="s1",
        region_code="35.19",
        cycle=2027,
    )
    revised = store_parsed(
        session,
        parsed("usulan-rev.xlsx", [("Dinkes", "SIMPUS v2", 120)]),
        sha256="s2",
        region_code="35.19",
        cycle=2027,
    )
    session.commit()
    assert revised.superseded_lines == 1
    active = session.scalars(
        select(BudgetLine).where(BudgetLine.active.is_(True)).order_by(BudgetLine.id)
    ).all()
    assert [(ln.opd, ln.app_name) for ln in active] == [("Diskominfo", "Portal"), ("Dinkes", "SIMPUS v2")]
    old = session.scalars(select(BudgetLine).where(BudgetLine.active.is_(False))).one()
    assert old.superseded_by == revised.submission_id and old.app_name == "SIMPUS"
    assert session.get(Submission, first.submission_id).status == "ingested"  # Diskominfo still in force
    store_parsed(
        session,
        parsed("rev2.xlsx", [("Diskominfo", "Portal", 60)]),
        sha256="s3",
        region_code="35.19",
        cycle=2027,
    )
    session.commit()
    assert session.get(Submission, first.submission_id).status == "superseded"


def test_other_region_or_cycle_is_not_superseded(session: Session) -> None:
    store_parsed(
        session, parsed("a.xlsx", [("Dinkes", "SIMPUS", 1)]), sha256="s1", region_code="35.19", cycle=2027
    )
    store_parsed(
        session, parsed("a.xlsx", [("Dinkes", "SIMPUS", 1)]), sha256="s2", region_code="35.20", cycle=2027
    )
    store_parsed(
        session, parsed("a.xlsx", [("Dinkes", "SIMPUS", 1)]), sha256="s3", region_code="35.19", cycle=2028
    )
    session.commit()
    assert count(session, BudgetLine, BudgetLine.active.is_(True)) == 3


def test_failure_leaves_nothing_half_stored(engine) -> None:
    bad = parsed("bad.xlsx", [("Dinkes", "SIMPUS", 1)])
    bad.lines.append(ParsedLine(sheet="Usulan", row=9, app_name=None, amount=5))  # type: ignore[arg-type]
    with Session(engine) as session, pytest.raises(Exception):  # noqa: B017 - any DB error
        store_parsed(session, bad, sha256="s1", region_code="35.19", cycle=2027)
        session.commit()
    with Session(engine) as session:
        assert count(session, Submission) == 0 and count(session, BudgetLine) == 0


def test_content_hash_ignores_position_but_not_content() -> None:
    a = ParsedLine(sheet="S", row=1, opd="Dinkes ", app_name="SIMPUS  Online", amount=10)
    b = ParsedLine(sheet="T", row=7, opd="dinkes", app_name="simpus online", amount=10)
    c = ParsedLine(sheet="S", row=1, opd="Dinkes", app_name="SIMPUS Online", amount=11)
    assert line_content_hash(a, "35.19", 2027) == line_content_hash(b, "35.19", 2027)
    assert line_content_hash(a, "35.19", 2027) != line_content_hash(c, "35.19", 2027)
    assert line_content_hash(a, "35.19", 2027) != line_content_hash(a, "35.20", 2027)


def test_opd_names_match_across_case_and_punctuation_but_not_across_layouts(session: Session) -> None:
    store_parsed(session, parsed("a.xlsx", [("Dinas A", "SIMPUS", 1)]), sha256="s1", region_code="35.19",
                 cycle=2027)  # fmt: skip
    rka = parsed("rka.xlsx", [("Dinas A", "Belanja Modal Software SIMPUS", 1)])
    rka.layout = "sipd"
    assert store_parsed(session, rka, sha256="s2", region_code="35.19", cycle=2027).superseded_lines == 0
    revised = parsed("a2.xlsx", [("DINAS  A.", "SIMPUS", 2)])
    assert store_parsed(session, revised, sha256="s3", region_code="35.19", cycle=2027).superseded_lines == 1
    session.commit()
    assert count(session, BudgetLine, BudgetLine.active.is_(True)) == 2
