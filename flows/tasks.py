"""Prefect tasks: each is one call into clearance/ or catalog/, retried where I/O can fail."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from clearance import progress
from clearance.db import get_engine, session_scope
from clearance.ingest.model import IngestError
from clearance.run import (
    step_cycle_outputs,
    step_decide,
    step_finish,
    step_region_report,
    summarize_run,
)


def _not_bad_input(task, task_run, state) -> bool:
    """Retry I/O hiccups, never a file that is unusable as it stands."""
    try:
        state.result()
    except IngestError:
        return False
    except Exception:
        return True
    return False


@task(name="ingest", retries=2, retry_delay_seconds=1, retry_condition_fn=_not_bad_input, cache_policy=NONE)
def ingest_task(path: str, region_code: str, cycle: int, uploader: str, db_url: str | None = None) -> dict:
    """Ingest one file in its own transaction; returns its accounting (or the error, for the summary)."""
    from clearance.submissions import ingest_file

    progress.emit("ingest", Path(path).name)
    try:
        with session_scope(get_engine(db_url)) as session:
            result = ingest_file(session, Path(path), region_code=region_code, cycle=cycle, uploader=uploader)
    except IngestError as exc:
        return {"file": Path(path).name, "error": str(exc)}
    return {
        "file": result.file_name,
        "submission_id": result.submission_id,
        "layout": result.layout,
        "rows_read": result.rows_read,
        "ingested": result.ingested,
        "rejected": result.rejected,
        "skipped": result.skipped,
        "duplicate_of": result.duplicate_of,
        "superseded_lines": result.superseded_lines,
        "first_rejects": [
            {"sheet": i.sheet, "row": i.row, "column": i.column, "reason": i.reason}
            for i in result.issues
            if i.kind == "rejected"
        ][:10],
        "warnings": result.warnings,
    }


@task(name="import-catalog", retries=2, retry_delay_seconds=1, cache_policy=NONE)
def import_catalog_task(
    path: str | None, db_url: str | None = None, *, for_run: bool = False, replace: bool = False
) -> dict:
    """Import a catalog file (or the bundled default): a new version of the catalog, merged by scope
    unless `replace`; `for_run` makes a version one run decides against alone."""
    from clearance.catalog_store import RUN, import_catalog_file, import_default_catalog

    progress.emit("catalog", Path(path).name if path else "bundled")
    with session_scope(get_engine(db_url)) as session:
        if path:
            kwargs = {"purpose": RUN} if for_run else {"replace": replace}
            result = import_catalog_file(session, Path(path), **kwargs)
        else:
            result = import_default_catalog(session)
    return {
        "version_id": result.version_id,
        "apps": result.apps,
        "added": len(result.added),
        "changed": len(result.changed),
        "retired": len(result.retired),
        "rejected": len(result.rejects),
        "unchanged": result.unchanged,
        "scopes": result.scopes,
    }


def _database_hiccup(task, task_run, state) -> bool:
    """Retry when the database was busy or the connection dropped; the step is one transaction, so a
    retry starts clean. Anything else (a bad policy file, a bug) fails at once."""
    from sqlalchemy.exc import DBAPIError

    try:
        state.result()
    except DBAPIError as exc:
        return bool(exc.connection_invalidated) or "locked" in str(exc).lower() or "busy" in str(exc).lower()
    except Exception:
        return False
    return False


@task(
    name="match-and-decide",
    retries=2,
    retry_delay_seconds=5,
    retry_condition_fn=_database_hiccup,
    cache_policy=NONE,
)
def decide_task(
    cycle: int,
    policy: str | None,
    region_codes: list[str] | None,
    catalog_version: int | None,
    db_url: str | None = None,
) -> dict:
    progress.emit("decide", ", ".join(region_codes or ["semua daerah"]))
    result = step_decide(
        get_engine(db_url),
        cycle=cycle,
        policy_path=policy,
        region_codes=region_codes,
        catalog_version=catalog_version,
    )
    return {
        "run_id": result.run_id,
        "lines": result.lines,
        "counts": result.counts,
        "seconds": result.seconds,
    }


@task(name="region-report", retries=2, retry_delay_seconds=1, cache_policy=NONE)
def region_report_task(cycle: int, region_code: str, out_dir: str, db_url: str | None = None) -> str:
    progress.emit("report", region_code)
    return str(
        step_region_report(get_engine(db_url), cycle=cycle, region_code=region_code, out_dir=Path(out_dir))
    )


@task(name="cycle-outputs", retries=2, retry_delay_seconds=1, cache_policy=NONE)
def cycle_outputs_task(
    cycle: int, out_dir: str, region_codes: list[str] | None, db_url: str | None = None
) -> dict[str, str]:
    progress.emit("jsonl", "decisions.jsonl, rejected.jsonl, roll-up")
    paths = step_cycle_outputs(
        get_engine(db_url), cycle=cycle, out_dir=Path(out_dir), region_codes=region_codes
    )
    return {k: str(v) for k, v in paths.items()}


@task(name="finish-run", cache_policy=NONE)
def finish_task(
    run_id: int, out_dir: str, status: str = "done", message: str = "", db_url: str | None = None
):
    step_finish(get_engine(db_url), run_id, out_dir=Path(out_dir), status=status, message=message)


@task(name="summarize", cache_policy=NONE)
def summary_task(
    run_id: int, cycle: int, region_codes: list[str] | None, out_dir: str, db_url: str | None = None
):
    return summarize_run(
        get_engine(db_url), run_id=run_id, cycle=cycle, region_codes=region_codes, out_dir=Path(out_dir)
    )
