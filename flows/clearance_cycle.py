"""A whole budget cycle: re-decide every region against the current catalog and policy."""

from __future__ import annotations

import os
from pathlib import Path

from prefect import flow, unmapped
from prefect.task_runners import ProcessPoolTaskRunner

from clearance.db import get_engine
from clearance.run import next_budget_year, regions_of_cycle
from flows.artifacts import publish_artifacts
from flows.tasks import cycle_outputs_task, decide_task, finish_task, region_report_task, summary_task


def report_workers() -> int:
    """Region workbooks are CPU-bound Python: one process per core (at least two) writes them."""
    return max(2, os.cpu_count() or 2)


@flow(
    name="clearance-cycle", log_prints=True, task_runner=ProcessPoolTaskRunner(max_workers=report_workers())
)
def clearance_cycle(
    cycle: int | None = None,
    out_dir: str = "out",
    policy: str | None = None,
    catalog_version: int | None = None,
    db_url: str | None = None,
) -> dict:
    """Decide all regions at once (duplicates across regions), then write each region's report.

    `cycle` defaults to the coming budget year (next year in Asia/Jakarta), so one scheduled deployment
    serves every cycle; `policy` is a bundled policy version ("2027.1") or a policy file; `out_dir`
    gets a sub-folder per cycle when it contains "{cycle}"."""
    cycle = cycle or next_budget_year()
    out_dir = out_dir.replace("{cycle}", str(cycle))
    regions = regions_of_cycle(get_engine(db_url), cycle)
    if not regions:
        print(f"no budget lines ingested for cycle {cycle}")
        return {"regions": [], "summary": None}
    decided = decide_task(cycle, policy, None, catalog_version, db_url)
    reports = region_report_task.map(cycle, regions, unmapped(out_dir), unmapped(db_url))
    outputs = cycle_outputs_task(cycle, out_dir, None, db_url)
    report_paths = [r.result() for r in reports]
    finish_task(decided["run_id"], out_dir, db_url=db_url)
    summary = summary_task(decided["run_id"], cycle, None, out_dir, db_url)
    summary.report_paths = {code: Path(p) for code, p in zip(regions, report_paths, strict=True)}
    summary.rollup_path = Path(outputs["rollup"])
    summary.jsonl_paths = {k: Path(v) for k, v in outputs.items() if k != "rollup"}
    publish_artifacts(summary, cycle=cycle, region_codes=None, paths=list(outputs.values()), db_url=db_url)
    return {"regions": regions, "summary": summary, "decided": decided}
