"""Match -> decide -> current decisions, on SQLite and PostgreSQL; re-runs keep auditor decisions."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from catalog.models import CatalogApp
from clearance.catalog_store import store_catalog_version
from clearance.ingest.model import ParsedFile, ParsedLine
from clearance.models import BudgetLine, EngineDecision, ReviewDecision, SuppressedMatch
from clearance.pipeline import current_decisions, decide_cycle
from clearance.policy import load_policy
from clearance.submissions import store_parsed

POLICY = load_policy()

APPS = [
    CatalogApp(
        "nas-srikandi",
        "SRIKANDI",
        "shared",
        "ANRI",
        aliases=("Sistem Informasi Kearsipan Dinamis Terintegrasi",),
        function=("persuratan", "surat menyurat", "tata naskah dinas", "kearsipan dinamis", "e-office"),
        shareable=True,
    ),
    CatalogApp(
        "ex-35.19-0001",
        "SIMPATEN",
        "existing",
        "DPMPTSP Kabupaten Madiun",
        region_code="35.19",
        function=("perizinan", "pelayanan terpadu satu pintu"),
    ),
]

LINES_MADIUN = [
    (
        "Dinas Kesehatan",
        "Aplikasi Surat Menyurat Elektronik",
        "Persuratan dan disposisi naskah dinas elektronik",
        "new",
    ),
    ("DPMPTSP", "Pemeliharaan SIMPATEN", "Pemeliharaan aplikasi perizinan", "maintenance"),
    ("Diskominfo", "Integrasi dengan SRIKANDI", "Integrasi persuratan OPD ke SRIKANDI", "enhancement"),
    ("Diskominfo", "Sewa Hosting Server Aplikasi", "Sewa hosting", "infrastructure"),
    (
        "Dinas Pariwisata",
        "Sistem Informasi Desa Wisata Kampung Pesilat",
        "Promosi dan data desa wisata",
        "new",
    ),
]
LINE_MAGETAN = ("Dinas Pariwisata", "Sistem Informasi Desa Wisata Kampung Pesilat", "Data desa wisata", "new")


def _store(session: Session, region: str, rows, sha: str, name: str = "usulan.xlsx") -> None:
    lines = [
        ParsedLine(
            sheet="Usulan",
            row=5 + i,
            opd=opd,
            app_name=app,
            description=desc,
            spend_type=st,
            amount=1_000_000,
        )
        for i, (opd, app, desc, st) in enumerate(rows)
    ]
    p = ParsedFile(file=name, layout="template", lines=lines, issues=[], rows_read=len(lines))
    store_parsed(session, p, sha256=sha, region_code=region, cycle=2027)


@pytest.fixture
def cycle_db(session: Session) -> Session:
    store_catalog_version(session, APPS, source="test")
    _store(session, "35.19", LINES_MADIUN, "s1")
    _store(session, "35.20", [LINE_MAGETAN], "s2")
    session.commit()
    return session


def outcomes(session: Session, region: str = "35.19") -> dict[str, tuple[str, list[str]]]:
    return {
        d.app_name: (d.outcome, d.rules)
        for d in current_decisions(session, cycle=2027, region_codes=[region])
    }


def test_decisions_of_a_cycle(cycle_db: Session) -> None:
    result = decide_cycle(cycle_db, cycle=2027, policy=POLICY)
    cycle_db.commit()
    assert result.lines == 6
    got = outcomes(cycle_db)
    assert got["Aplikasi Surat Menyurat Elektronik"][0] == "USE_SHARED_APP"
    assert got["Aplikasi Surat Menyurat Elektronik"][1][0] == "R1"
    assert got["Pemeliharaan SIMPATEN"] == ("CLEARED", ["R5"])
    assert got["Integrasi dengan SRIKANDI"][0] == "CLEARED"
    assert got["Integrasi dengan SRIKANDI"][1][0] == "R5"
    assert got["Sewa Hosting Server Aplikasi"][0] == "NEEDS_REVIEW"
    assert got["Sewa Hosting Server Aplikasi"][1][0] == "R7"
    wisata = [d for d in current_decisions(cycle_db, cycle=2027) if "Wisata" in d.app_name]
    assert {d.outcome for d in wisata} == {"CONSOLIDATE"}
    assert len({d.duplicate_group for d in wisata}) == 1 and wisata[0].duplicate_group
    r1 = next(d for d in current_decisions(cycle_db, cycle=2027) if d.rules[0] == "R1")
    assert r1.matched_app_id == "nas-srikandi" and r1.score >= POLICY.thresholds.match
    assert r1.policy_version == "2027.1" and r1.catalog_version is not None
    assert r1.explanation["match"]  # the matcher's evidence travels with the decision


def test_rerun_keeps_auditor_decision_while_content_unchanged(cycle_db: Session) -> None:
    decide_cycle(cycle_db, cycle=2027, policy=POLICY)
    line = cycle_db.scalars(select(BudgetLine).where(BudgetLine.app_name.like("Aplikasi Surat%"))).one()
    cycle_db.add(
        ReviewDecision(
            line_id=line.id, content_hash=line.content_hash, action="overturn", outcome="CLEARED",
            note="Modul khusus rumah sakit, bukan persuratan umum", username="auditor1",
        )
    )  # fmt: skip
    cycle_db.commit()
    stricter = POLICY.model_copy(deep=True)
    stricter.version = "2027.2"
    decide_cycle(cycle_db, cycle=2027, policy=stricter)
    cycle_db.commit()
    record = next(d for d in current_decisions(cycle_db, cycle=2027) if d.line_id == line.id)
    assert (record.outcome, record.reviewed_by) == ("CLEARED", "auditor1")
    assert "AUDITOR" in record.rules and "auditor1" in record.reason
    engine_rows = cycle_db.scalars(select(EngineDecision).where(EngineDecision.line_id == line.id)).all()
    assert [e.outcome for e in engine_rows] == ["USE_SHARED_APP", "USE_SHARED_APP"]  # engine's own untouched
    assert engine_rows[-1].policy_version == "2027.2"
    # a revised line (new content) is decided afresh: the auditor's decision no longer applies
    _store(
        cycle_db,
        "35.19",
        [("Dinas Kesehatan", "Aplikasi Surat Menyurat Elektronik", "Versi baru", "new")],
        "s3",
    )
    cycle_db.commit()
    decide_cycle(cycle_db, cycle=2027, policy=stricter)
    cycle_db.commit()
    fresh = next(
        d for d in current_decisions(cycle_db, cycle=2027) if d.app_name.startswith("Aplikasi Surat")
    )
    assert fresh.reviewed_by is None and fresh.outcome == "USE_SHARED_APP"


def test_not_a_duplicate_is_not_flagged_again(cycle_db: Session) -> None:
    decide_cycle(cycle_db, cycle=2027, policy=POLICY)
    line = cycle_db.scalars(select(BudgetLine).where(BudgetLine.app_name.like("Aplikasi Surat%"))).one()
    cycle_db.add(
        SuppressedMatch(content_hash=line.content_hash, target="app:nas-srikandi", username="auditor1")
    )
    cycle_db.commit()
    decide_cycle(cycle_db, cycle=2027, policy=POLICY)
    cycle_db.commit()
    record = next(d for d in current_decisions(cycle_db, cycle=2027) if d.line_id == line.id)
    assert record.matched_app_id != "nas-srikandi" and "R1" not in record.rules


def test_region_run_decides_only_that_region(cycle_db: Session) -> None:
    result = decide_cycle(cycle_db, cycle=2027, policy=POLICY, region_codes=["35.20"])
    cycle_db.commit()
    assert result.lines == 1
    magetan = current_decisions(cycle_db, cycle=2027, region_codes=["35.20"])
    assert magetan[0].outcome == "CONSOLIDATE"  # its twin in 35.19 still counts for the group
    assert current_decisions(cycle_db, cycle=2027, region_codes=["35.19"]) == []


def test_group_ids_stay_when_the_group_grows(cycle_db: Session) -> None:
    decide_cycle(cycle_db, cycle=2027, policy=POLICY)
    cycle_db.commit()
    first = {d.duplicate_group for d in current_decisions(cycle_db, cycle=2027) if "Wisata" in d.app_name}
    variant = ("Bappeda", "Sistem Informasi Desa Wisata Kampung Pesilatt", "desa wisata", "new")  # a typo
    _store(cycle_db, "35.74", [variant] * 3, "s3")  # now the most frequent spelling of the group
    cycle_db.commit()
    decide_cycle(cycle_db, cycle=2027, policy=POLICY)
    cycle_db.commit()
    wisata = [d for d in current_decisions(cycle_db, cycle=2027) if "Wisata" in d.app_name]
    assert len(wisata) == 5 and {d.duplicate_group for d in wisata} == first
