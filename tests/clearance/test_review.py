"""Auditor review over a Session: actions, audit trail, access, queue, aliases (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from clearance import review
from clearance.catalog_store import catalog_apps, latest_version_id
from clearance.models import (
    AuditLog,
    BudgetLine,
    CatalogEntry,
    CatalogVersion,
    ClearanceRun,
    EngineDecision,
    ReviewDecision,
    Submission,
    SuppressedMatch,
    User,
)
from clearance.pipeline import current_decisions
from clearance.review import AccessDenied, LineNotFound, QueueFilter, ReviewError

A, B, CYCLE, GROUP = "35.19", "35.20", 2027, "DG-aaaaaaaaaa"
AUDITOR_A = User(username="aud_a", password_hash="x", role="auditor", regions=[A])
AUDITOR_ALL = User(username="aud_all", password_hash="x", role="auditor", regions=["*"])
PLANNER_A = User(username="plan_a", password_hash="x", role="planner", regions=[A])
ADMIN = User(username="root", password_hash="x", role="admin", regions=["*"])

# key: region, opd, name, outcome, rules, matched app, score, group
LINES = {
    "shared": (
        A,
        "Diskominfo",
        "Surat Menyurat Elektronik",
        "USE_SHARED_APP",
        ["R1"],
        "nas-srikandi",
        93.0,
        None,
    ),
    "review": (A, "BKPSDM", "SI Kepegawaian", "NEEDS_REVIEW", ["R6"], "nas-siasn", 78.0, None),
    "group": (A, "Dinkes", "e-Office Dinkes", "CONSOLIDATE", ["R4"], None, None, GROUP),
    "both": (A, "Bappeda", "e-Office Bappeda", "CONSOLIDATE", ["R2", "R4"], "reg-a-eoffice", 91.0, GROUP),
    "cleared": (A, "Dispar", "Portal Wisata", "CLEARED", ["R0"], None, None, None),
    "other": (B, "Setda", "e-Office Setda", "CONSOLIDATE", ["R4"], None, None, GROUP),
}
APPS = [
    ("nas-srikandi", "SRIKANDI", "shared", None, True),
    ("nas-siasn", "SIASN", "shared", None, True),
    ("reg-a-eoffice", "e-Office Kab. Madiun", "existing", A, False),
    ("reg-b-simda", "SIMDA Magetan", "existing", B, True),
    ("reg-b-private", "Internal Magetan", "existing", B, False),
]


@pytest.fixture
def ids(session: Session) -> dict[str, int]:
    """One catalog version and one decided line per LINES entry."""
    version = CatalogVersion(source="test")
    session.add(version)
    session.flush()
    for app_id, name, kind, region, shareable in APPS:
        session.add(
            CatalogEntry(
                version_id=version.id,
                app_id=app_id,
                name=name,
                kind=kind,
                region_code=region,
                shareable=shareable,
                aliases=[f"{name} lama"],
            )
        )
    out = {}
    for region in (A, B):
        sub = Submission(cycle_year=CYCLE, region_code=region, file_name="f.xlsx", sha256=region)
        run = ClearanceRun(cycle_year=CYCLE, region_code=region, status="done")
        session.add_all([sub, run])
        session.flush()
        for key, (reg, opd, name, outcome, rules, app, score, group) in LINES.items():
            if reg != region:
                continue
            line = BudgetLine(
                submission_id=sub.id,
                cycle_year=CYCLE,
                region_code=reg,
                source_file="f.xlsx",
                sheet="S",
                row=len(out) + 2,
                opd=opd,
                app_name=name,
                amount=100,
                content_hash=f"h-{key}",
            )
            session.add(line)
            session.flush()
            cands = [{"app_id": app, "app_name": app, "score": score}] if app else []
            cands.append({"app_id": "nas-siasn", "app_name": "SIASN", "score": 40.0})
            session.add(
                EngineDecision(
                    run_id=run.id,
                    line_id=line.id,
                    content_hash=line.content_hash,
                    outcome=outcome,
                    rules=rules,
                    reason="r",
                    matched_app_id=app,
                    matched_app_name=app,
                    score=score,
                    duplicate_group=group,
                    catalog_version=version.id,
                    candidates=cands,
                )
            )
            out[key] = line.id
    session.commit()
    return out


def trail(session: Session, line_id: int) -> list[str]:
    return [a.action for a in review.audit_trail(session, line_id, AUDITOR_ALL)]


def test_confirm_records_review_and_audit(session: Session, ids: dict[str, int]) -> None:
    decided = review.confirm(session, ids["shared"], AUDITOR_A, note="benar")
    session.commit()
    assert (decided.outcome, decided.matched_app_id, decided.username) == (
        "USE_SHARED_APP",
        "nas-srikandi",
        "aud_a",
    )
    (entry,) = review.audit_trail(session, ids["shared"], AUDITOR_A)
    assert entry.before["by"] == "engine" and entry.after["by"] == "aud_a" and entry.note == "benar"
    assert entry.region_code == A and entry.after["outcome"] == "USE_SHARED_APP"
    record = next(d for d in current_decisions(session, cycle=CYCLE) if d.line_id == ids["shared"])
    assert record.reviewed_by == "aud_a" and record.outcome == "USE_SHARED_APP"


def test_overturn_needs_a_note_and_replaces_the_earlier_review(session: Session, ids: dict[str, int]) -> None:
    with pytest.raises(ReviewError, match="note"):
        review.overturn(session, ids["review"], AUDITOR_A, "   ")
    review.confirm(session, ids["review"], AUDITOR_A)
    review.overturn(session, ids["review"], AUDITOR_A, "aplikasi khusus daerah")
    session.commit()
    reviews = session.scalars(select(ReviewDecision).order_by(ReviewDecision.id)).all()
    assert [(r.action, r.active) for r in reviews] == [("confirm", False), ("overturn", True)]
    assert trail(session, ids["review"]) == ["confirm", "overturn"]
    last = review.audit_trail(session, ids["review"], AUDITOR_A)[-1]
    assert last.before["outcome"] == "NEEDS_REVIEW" and last.after["outcome"] == "CLEARED"
    record = next(d for d in current_decisions(session, cycle=CYCLE) if d.line_id == ids["review"])
    assert record.outcome == "CLEARED" and record.matched_app_id is None and record.review_note


@pytest.mark.parametrize(
    ("app_id", "group", "outcome"),
    [
        ("nas-srikandi", None, "USE_SHARED_APP"),  # national shared app
        ("reg-a-eoffice", None, "CONSOLIDATE"),  # an app of the line's own region
        ("reg-b-simda", None, "USE_SHARED_APP"),  # a shareable app of another region (berbagi pakai)
        (None, GROUP, "CONSOLIDATE"),
    ],
)
def test_repoint(session: Session, ids: dict[str, int], app_id, group, outcome) -> None:
    decided = review.repoint(session, ids["review"], AUDITOR_A, app_id=app_id, group=group, note="n")
    assert (decided.outcome, decided.matched_app_id, decided.duplicate_group) == (outcome, app_id, group)
    assert trail(session, ids["review"]) == ["repoint"]


@pytest.mark.parametrize(
    ("app_id", "group", "message"),
    [
        ("reg-b-private", None, "not shareable"),
        ("nope", None, "no app"),
        (None, "DG-missing", "no duplicate group"),
        (None, None, "exactly one"),
        ("nas-siasn", GROUP, "exactly one"),
    ],
)
def test_repoint_refuses(session: Session, ids: dict[str, int], app_id, group, message) -> None:
    with pytest.raises(ReviewError, match=message):
        review.repoint(session, ids["review"], AUDITOR_A, app_id=app_id, group=group)


def test_repoint_to_a_group_of_another_region_only_is_refused(session: Session, ids: dict[str, int]) -> None:
    other = session.scalars(select(EngineDecision).where(EngineDecision.line_id == ids["other"])).one()
    other.duplicate_group = "DG-only-in-b"
    session.commit()
    with pytest.raises(ReviewError, match="no duplicate group 'DG-only-in-b'"):
        review.repoint(session, ids["review"], AUDITOR_A, group="DG-only-in-b")
    assert review.repoint(session, ids["review"], AUDITOR_ALL, group="DG-only-in-b").outcome == "CONSOLIDATE"


def test_not_duplicate_suppresses_every_pair_the_flag_rests_on(session: Session, ids: dict[str, int]) -> None:
    review.mark_not_duplicate(session, ids["both"], AUDITOR_A, "fungsi berbeda")
    review.mark_not_duplicate(session, ids["group"], AUDITOR_A, "beda", target=f"group:{GROUP}")
    session.commit()
    rows = session.scalars(select(SuppressedMatch).order_by(SuppressedMatch.id)).all()
    assert [(r.content_hash, r.target) for r in rows] == [
        ("h-both", "app:reg-a-eoffice"),
        ("h-both", f"group:{GROUP}"),
        ("h-group", f"group:{GROUP}"),
    ]
    assert trail(session, ids["both"]) == ["not_duplicate"]
    with pytest.raises(ReviewError, match="note"):
        review.mark_not_duplicate(session, ids["shared"], AUDITOR_A, "")
    with pytest.raises(ReviewError, match="not a match"):
        review.mark_not_duplicate(session, ids["shared"], AUDITOR_A, "x", target="app:reg-b-simda")
    review.mark_not_duplicate(session, ids["both"], AUDITOR_A, "lagi")  # idempotent for the pairs
    assert session.execute(select(func.count()).select_from(SuppressedMatch)).scalar_one() == 3


def test_bulk_confirm_is_all_or_nothing(session: Session, ids: dict[str, int]) -> None:
    with pytest.raises(ReviewError, match="not flagged"):
        review.bulk_confirm(session, [ids["shared"], ids["cleared"]], AUDITOR_A)
    with pytest.raises(AccessDenied):
        review.bulk_confirm(session, [ids["shared"], ids["other"]], AUDITOR_A)
    assert session.scalars(select(ReviewDecision)).all() == []
    done = review.bulk_confirm(session, [ids["shared"], ids["group"], ids["shared"]], AUDITOR_A)
    assert [d.line_id for d in done] == [ids["shared"], ids["group"]]
    assert trail(session, ids["group"]) == ["bulk_confirm"]
    with pytest.raises(ReviewError, match="no lines"):
        review.bulk_confirm(session, [], AUDITOR_A)


def test_access_is_checked_everywhere(session: Session, ids: dict[str, int]) -> None:
    other = ids["other"]
    for call in (
        lambda: review.confirm(session, other, AUDITOR_A),
        lambda: review.overturn(session, other, AUDITOR_A, "x"),
        lambda: review.repoint(session, other, AUDITOR_A, app_id="nas-siasn"),
        lambda: review.mark_not_duplicate(session, other, AUDITOR_A, "x"),
        lambda: review.audit_trail(session, other, AUDITOR_A),
        lambda: review.load_line(session, other, PLANNER_A),
        lambda: review.confirm(session, ids["shared"], PLANNER_A),  # planners do not review
        lambda: review.review_queue(session, PLANNER_A, QueueFilter(cycle=CYCLE)),
        lambda: review.review_queue(session, AUDITOR_A, QueueFilter(cycle=CYCLE, region=B)),
        lambda: review.add_alias_to_catalog(session, "nas-siasn", "SAPK", AUDITOR_ALL),
    ):
        with pytest.raises(AccessDenied):
            call()
    with pytest.raises(LineNotFound):
        review.confirm(session, 10**6, AUDITOR_ALL)
    assert review.load_line(session, ids["shared"], PLANNER_A).outcome == "USE_SHARED_APP"  # planners read


def test_queue_filters_status_and_neighbours(session: Session, ids: dict[str, int]) -> None:
    page = review.review_queue(session, AUDITOR_A, QueueFilter(cycle=CYCLE))
    assert page.total == 4 and {i.line_id for i in page.items} == {
        ids[k] for k in ("shared", "review", "group", "both")
    }
    assert review.review_queue(session, AUDITOR_ALL, QueueFilter(cycle=CYCLE)).total == 5
    assert review.review_queue(session, AUDITOR_ALL, QueueFilter(cycle=CYCLE, rule="R4")).total == 3
    assert review.review_queue(session, AUDITOR_ALL, QueueFilter(cycle=CYCLE, rule="R2")).total == 1
    scored = review.review_queue(session, AUDITOR_ALL, QueueFilter(cycle=CYCLE, min_score=80))
    assert {i.line_id for i in scored.items} == {ids["shared"], ids["both"]}
    assert review.queue_opds(session, AUDITOR_A, CYCLE) == ["BKPSDM", "Bappeda", "Dinkes", "Diskominfo"]
    review.confirm(session, ids["shared"], AUDITOR_A)
    assert review.review_queue(session, AUDITOR_A, QueueFilter(cycle=CYCLE)).total == 3
    reviewed = review.review_queue(session, AUDITOR_A, QueueFilter(cycle=CYCLE, status="reviewed"))
    assert [(i.line_id, i.reviewed_by) for i in reviewed.items] == [(ids["shared"], "aud_a")]
    two = review.review_queue(session, AUDITOR_A, QueueFilter(cycle=CYCLE, status="all"), page=2, per_page=3)
    assert two.pages == 2 and len(two.items) == 1
    ordered = [
        i.line_id
        for i in review.review_queue(session, AUDITOR_A, QueueFilter(cycle=CYCLE, status="all")).items
    ]
    assert review.queue_neighbours(session, AUDITOR_A, QueueFilter(cycle=CYCLE), ordered[1]) == (
        ordered[0],
        ordered[2],
    )
    with pytest.raises(ReviewError, match="outcome"):
        review.review_queue(session, AUDITOR_A, QueueFilter(cycle=CYCLE, outcome="CLEARED"))


def test_a_revised_line_drops_the_old_review(session: Session, ids: dict[str, int]) -> None:
    review.overturn(session, ids["shared"], AUDITOR_A, "ok")
    line = session.get(BudgetLine, ids["shared"])
    line.content_hash = "h-changed"
    session.commit()
    state = review.load_line(session, ids["shared"], AUDITOR_A)
    assert state.review is None and state.outcome == "USE_SHARED_APP"


def test_group_members_hide_other_regions_from_a_regional_auditor(
    session: Session, ids: dict[str, int]
) -> None:
    members, hidden = review.group_members(session, GROUP, CYCLE, AUDITOR_A)
    assert {m.id for m in members} == {ids["group"], ids["both"]} and hidden == {B: 1}
    members, hidden = review.group_members(session, GROUP, CYCLE, AUDITOR_ALL)
    assert len(members) == 3 and hidden == {}


def test_add_alias_makes_a_new_catalog_version(session: Session, ids: dict[str, int]) -> None:
    before = latest_version_id(session)
    with pytest.raises(ReviewError, match="no confirmed match"):
        review.add_alias_to_catalog(session, "nas-srikandi", "Surat Menyurat Elektronik", ADMIN,
                                    line_id=ids["shared"])  # fmt: skip
    review.confirm(session, ids["shared"], AUDITOR_A)
    with pytest.raises(ReviewError, match="confirmed as nas-srikandi, not nas-siasn"):
        review.add_alias_to_catalog(
            session, "nas-siasn", "Surat Menyurat Elektronik", ADMIN, line_id=ids["shared"]
        )
    version = review.add_alias_to_catalog(
        session, "nas-srikandi", "  Surat  Menyurat Elektronik ", ADMIN, line_id=ids["shared"]
    )
    session.commit()
    assert version == before + 1
    apps = {a.app_id: a for a in catalog_apps(session, version)}
    assert len(apps) == len(APPS) and apps["nas-srikandi"].aliases[-1] == "Surat Menyurat Elektronik"
    old = {a.app_id: a for a in catalog_apps(session, before)}
    assert old["nas-srikandi"].aliases == ("SRIKANDI lama",)  # the old version is unchanged
    log = session.scalars(select(AuditLog).where(AuditLog.action == "add_alias")).one()
    assert log.after["catalog_version"] == version and log.region_code == A and log.line_id == ids["shared"]
    with pytest.raises(ReviewError, match="already"):
        review.add_alias_to_catalog(session, "nas-srikandi", "srikandi", ADMIN)
    with pytest.raises(ReviewError, match="no app"):
        review.add_alias_to_catalog(session, "nope", "x", ADMIN)


@pytest.mark.slow
def test_not_a_duplicate_is_not_flagged_again_on_the_next_run(engine: Engine, tmp_path: Path) -> None:
    """End to end with the real parser and engine."""
    from clearance.db import session_scope
    from clearance.run import run_region
    from clearance.samples import write_template_workbook
    from clearance.submissions import ingest_file

    sample = write_template_workbook(tmp_path / "usulan.xlsx", A).path
    with session_scope(engine) as s:
        ingest_file(s, sample, region_code=A, cycle=CYCLE)
    run_region(engine, region_code=A, cycle=CYCLE, out_dir=tmp_path / "out")
    with session_scope(engine) as s:
        flagged = next(d for d in current_decisions(s, cycle=CYCLE) if d.outcome == "USE_SHARED_APP")
        review.mark_not_duplicate(s, flagged.line_id, AUDITOR_A, "bukan aplikasi yang sama")
    run_region(engine, region_code=A, cycle=CYCLE, out_dir=tmp_path / "out")
    with Session(engine) as s:
        latest = s.scalars(
            select(EngineDecision)
            .where(EngineDecision.line_id == flagged.line_id)
            .order_by(EngineDecision.id.desc())
        ).first()
        assert latest.matched_app_id != flagged.matched_app_id
        assert flagged.matched_app_id not in {c["app_id"] for c in latest.candidates}
        record = next(d for d in current_decisions(s, cycle=CYCLE) if d.line_id == flagged.line_id)
        assert record.outcome == "CLEARED" and record.reviewed_by == "aud_a"


@pytest.mark.slow
def test_a_revised_file_keeps_decisions_on_unchanged_lines(engine: Engine, tmp_path: Path) -> None:
    """A planner re-uploads the file with one other row changed: the reviewed line keeps its auditor
    decision (carried to the new line, with its trail); going back to the first file is a revision too."""
    import csv

    from clearance.db import session_scope
    from clearance.run import run_region
    from clearance.submissions import ingest_file

    rows = [
        ["Perangkat Daerah", "Nama Aplikasi", "Uraian", "Jenis Belanja", "Pagu"],
        ["Diskominfo", "Aplikasi Surat Menyurat Elektronik", "persuratan dan disposisi", "Pembangunan", "250000000"],
        ["Diskominfo", "Portal Pariwisata Daerah", "informasi wisata", "Pembangunan", "100000000"],
    ]  # fmt: skip

    def write(name: str, table: list[list[str]]) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(table)
        return path

    first = write("usulan.csv", rows)
    revised = write("usulan-rev.csv", [*rows[:2], [*rows[2][:4], "120000000"]])
    with session_scope(engine) as s:
        ingest_file(s, first, region_code=A, cycle=CYCLE)
    run_region(engine, region_code=A, cycle=CYCLE, out_dir=tmp_path / "out")
    with session_scope(engine) as s:
        flagged = next(d for d in current_decisions(s, cycle=CYCLE) if d.outcome == "USE_SHARED_APP")
        review.overturn(s, flagged.line_id, AUDITOR_A, "sudah memakai SRIKANDI, ini modul lokal")
    with session_scope(engine) as s:
        result = ingest_file(s, revised, region_code=A, cycle=CYCLE, uploader="plan_a")
        assert (result.superseded_lines, result.carried_reviews) == (2, 1)
    run_region(engine, region_code=A, cycle=CYCLE, out_dir=tmp_path / "out")
    with session_scope(engine) as s:
        now = {d.app_name: d for d in current_decisions(s, cycle=CYCLE)}
        kept = now["Aplikasi Surat Menyurat Elektronik"]
        assert kept.line_id != flagged.line_id
        assert (kept.outcome, kept.reviewed_by) == ("CLEARED", "aud_a")
        trail = review.audit_trail(s, kept.line_id, AUDITOR_A)
        assert [t.action for t in trail] == ["overturn", "carry_over"]
        assert trail[0].line_id == flagged.line_id and trail[1].line_id == kept.line_id
        assert now["Portal Pariwisata Daerah"].amount == 120_000_000
    with session_scope(engine) as s:  # back to the first file: ingested again, not "already ingested"
        back = ingest_file(s, first, region_code=A, cycle=CYCLE)
        assert back.duplicate_of is None and back.superseded_lines == 2 and back.carried_reviews == 1
    with session_scope(engine) as s:  # the same file once more: nothing new
        again = ingest_file(s, first, region_code=A, cycle=CYCLE)
        assert again.duplicate_of == back.submission_id
        active = s.scalars(select(BudgetLine).where(BudgetLine.active.is_(True))).all()
        assert sorted(ln.amount for ln in active) == [100_000_000, 250_000_000]
