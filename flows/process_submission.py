"""One upload: ingest -> match -> decide -> report."""

from __future__ import annotations

from pathlib import Path

from prefect import flow

from flows.artifacts import publish_artifacts
from flows.tasks import (
    cycle_outputs_task,
    decide_task,
    finish_task,
    import_catalog_task,
    ingest_task,
    region_report_task,
    summary_task,
)


@flow(name="process-submission", log_prints=True)
def process_submission(
    files: list[str],
    region_code: str,
    cycle: int,
    out_dir: str,
    policy: str | None = None,
    catalog_path: str | None = None,
    uploader: str = "prefect",
    db_url: str | None = None,
) -> dict:
    """Ingest the files of one region, decide its lines and write its reports."""
    catalog_version = None
    if catalog_path:
        catalog_version = import_catalog_task(catalog_path, db_url, for_run=True)["version_id"]
    ingested = [ingest_task(f, region_code, cycle, uploader, db_url) for f in files]
    decided = decide_task(cycle, policy, [region_code], catalog_version, db_url)
    report = region_report_task(cycle, region_code, out_dir, db_url)
    outputs = cycle_outputs_task(cycle, out_dir, [region_code], db_url)
    finish_task(decided["run_id"], out_dir, db_url=db_url)
    summary = summary_task(decided["run_id"], cycle, [region_code], out_dir, db_url)
    summary.report_paths = {region_code: Path(report)}
    summary.rollup_path = Path(outputs["rollup"])
    summary.jsonl_paths = {k: Path(v) for k, v in outputs.items() if k != "rollup"}
    publish_artifacts(
        summary, cycle=cycle, region_codes=[region_code], paths=[report, *outputs.values()], db_url=db_url
    )
    return {"ingested": ingested, "summary": summary, "decided": decided}
