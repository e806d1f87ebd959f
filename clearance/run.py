"""Steps of a clearance run over an engine (each its own transaction), and whole runs without Prefect.

The Prefect flows call the same steps as tasks; the web app calls `run_region` in a thread."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from clearance.db import session_scope
from clearance.models import BudgetLine, ClearanceRun, Region
from clearance.pipeline import DecideResult, current_decisions, current_rejects, decide_cycle, finish_run
from clearance.policy import load_policy
from clearance.records import FLAGGED


@dataclass
class RunSummary:
    """What a run did, for the CLI, the web app and Prefect artifacts."""

    run_id: int
    cycle: int
    regions: list[str]
    counts: dict[str, int]
    total_pagu: int
    flagged_pagu: int
    out_dir: Path
    report_paths: dict[str, Path] = field(default_factory=dict)
    jsonl_paths: dict[str, Path] = field(default_factory=dict)
    rollup_path: Path | None = None
    policy_version: str = ""
    catalog_version: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def report_path(self) -> Path | None:
        return next(iter(self.report_paths.values()), None)


def step_decide(
    engine: Engine,
    *,
    cycle: int,
    policy_path: Path | None = None,
    region_codes: list[str] | None = None,
    catalog_version: int | None = None,
) -> DecideResult:
    """Match and decide (one transaction)."""
    policy = load_policy(policy_path)
    with session_scope(engine) as session:
        return decide_cycle(
            session, cycle=cycle, policy=policy, region_codes=region_codes, catalog_version=catalog_version
        )


def region_names(session: Session) -> dict[str, str]:
    return {r.code: r.name for r in session.scalars(select(Region)).all()}


def step_region_report(engine: Engine, *, cycle: int, region_code: str, out_dir: Path) -> Path:
    """Write one region's workbook from its current decisions."""
    from clearance.report import region_report_name, write_region_workbook

    with Session(engine) as session:
        decisions = current_decisions(session, cycle=cycle, region_codes=[region_code], candidates=False)
        rejects = current_rejects(session, cycle=cycle, region_codes=[region_code])
        name = region_names(session).get(region_code, "")
    versions = _versions(decisions)
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_region_workbook(
        out_dir / region_report_name(region_code, cycle),
        region_code=region_code,
        region_name=name,
        cycle=cycle,
        decisions=decisions,
        rejects=rejects,
        policy_version=versions[0],
        catalog_version=versions[1],
    )


def _versions(decisions) -> tuple[str, int | None]:
    if not decisions:
        return "", None
    newest = max(decisions, key=lambda d: d.catalog_version or 0)
    return newest.policy_version, newest.catalog_version


def step_cycle_outputs(
    engine: Engine,
    *,
    cycle: int,
    out_dir: Path,
    region_codes: list[str] | None = None,
    rollup: bool = True,
) -> dict[str, Path]:
    """decisions.jsonl and rejected.jsonl of `region_codes` (default all), and with `rollup` the
    roll-up workbook of the whole cycle as it stands (every region's current decisions)."""
    from clearance.report import write_cycle_rollup, write_decisions_jsonl, write_rejected_jsonl

    with Session(engine) as session:
        light = {"explanations": False, "candidates": False}
        decisions = current_decisions(session, cycle=cycle, region_codes=region_codes, **light)
        rejects = current_rejects(session, cycle=cycle, region_codes=region_codes)
        names = region_names(session)
        if rollup and region_codes:
            all_decisions = current_decisions(session, cycle=cycle, **light)
            all_rejects = current_rejects(session, cycle=cycle)
        else:
            all_decisions, all_rejects = decisions, rejects
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "decisions": write_decisions_jsonl(out_dir / "decisions.jsonl", decisions),
        "rejected": write_rejected_jsonl(out_dir / "rejected.jsonl", rejects),
    }
    if rollup:
        policy_version, catalog_version = _versions(all_decisions)
        paths["rollup"] = write_cycle_rollup(
            out_dir / f"clearance-rollup-{cycle}.xlsx",
            cycle=cycle,
            decisions=all_decisions,
            rejects=all_rejects,
            region_names=names,
            policy_version=policy_version,
            catalog_version=catalog_version,
        )
    return paths


def step_finish(
    engine: Engine, run_id: int, *, out_dir: Path, status: str = "done", message: str = ""
) -> None:
    with session_scope(engine) as session:
        finish_run(session, run_id, out_dir=out_dir, status=status, message=message)


def summarize_run(
    engine: Engine, *, run_id: int, cycle: int, region_codes: list[str] | None, out_dir: Path
) -> RunSummary:
    """Counts and pagu per outcome over the current decisions of the run's regions."""
    with Session(engine) as session:
        decisions = current_decisions(
            session, cycle=cycle, region_codes=region_codes, explanations=False, candidates=False
        )
        run = session.get(ClearanceRun, run_id)
    counts = Counter(d.outcome for d in decisions)
    return RunSummary(
        run_id=run_id,
        cycle=cycle,
        regions=sorted({d.region_code for d in decisions}),
        counts=dict(counts),
        total_pagu=sum(d.amount for d in decisions),
        flagged_pagu=sum(d.amount for d in decisions if d.outcome in FLAGGED),
        out_dir=out_dir,
        policy_version=run.policy_version if run else "",
        catalog_version=run.catalog_version if run else None,
    )


def next_budget_year(today: date | None = None) -> int:
    """The budget year being prepared: RKA proposals are cleared the year before (Asia/Jakarta)."""
    today = today or datetime.now(ZoneInfo("Asia/Jakarta")).date()
    return today.year + 1


def regions_of_cycle(engine: Engine, cycle: int) -> list[str]:
    with Session(engine) as session:
        return sorted(
            set(
                session.scalars(
                    select(BudgetLine.region_code).where(
                        BudgetLine.cycle_year == cycle, BudgetLine.active.is_(True)
                    )
                ).all()
            )
        )


def run_region(
    engine: Engine,
    *,
    region_code: str,
    cycle: int,
    out_dir: Path,
    policy_path: Path | None = None,
    catalog_version: int | None = None,
) -> RunSummary:
    """Decide one region and write its workbook and its JSONL (no Prefect; the web app's runs). The
    cycle roll-up, which shows every region, is left to the cycle run."""
    t0 = time.perf_counter()
    decided = step_decide(
        engine,
        cycle=cycle,
        policy_path=policy_path,
        region_codes=[region_code],
        catalog_version=catalog_version,
    )
    try:
        report = step_region_report(engine, cycle=cycle, region_code=region_code, out_dir=out_dir)
        paths = step_cycle_outputs(
            engine, cycle=cycle, out_dir=out_dir, region_codes=[region_code], rollup=False
        )
    except Exception as exc:
        step_finish(engine, decided.run_id, out_dir=out_dir, status="failed", message=str(exc))
        raise
    step_finish(engine, decided.run_id, out_dir=out_dir)
    summary = summarize_run(
        engine, run_id=decided.run_id, cycle=cycle, region_codes=[region_code], out_dir=out_dir
    )
    summary.report_paths = {region_code: report}
    summary.jsonl_paths = paths
    summary.seconds = {**decided.seconds, "total": time.perf_counter() - t0}
    return summary
