"""`clearance bench ingest`: a generated workbook ingested into SQLite and PostgreSQL, against a plain
pandas+openpyxl read of the same file in the same run. Each measurement runs in its own process, so
its peak RSS is its own."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

from clearance.bench import in_subprocess, peak_rss_mb

DEFAULT_PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _baseline(path: str) -> dict:
    import pandas as pd

    t0 = time.perf_counter()
    frames = pd.read_excel(path, sheet_name=None, engine="openpyxl", header=None)
    rows = sum(len(f) for f in frames.values())
    return {"seconds": time.perf_counter() - t0, "rows": rows, "peak_rss_mb": peak_rss_mb()}


def _ingest(path: str, db_url: str) -> dict:
    from clearance.db import make_engine, migrate, session_scope
    from clearance.submissions import ingest_file

    engine = make_engine(db_url)
    migrate(engine)
    t0 = time.perf_counter()
    with session_scope(engine) as session:
        result = ingest_file(session, Path(path), region_code="35.19", cycle=2027, uploader="bench")
    seconds = time.perf_counter() - t0
    engine.dispose()
    return {
        "seconds": seconds,
        "rows_read": result.rows_read,
        "ingested": result.ingested,
        "accounted": result.accounted,
        "peak_rss_mb": peak_rss_mb(),
    }


def _postgres_url() -> tuple[str, str] | str:
    """(admin url, url of a fresh database) on the PostgreSQL server, or why there is none."""
    from sqlalchemy import text

    from clearance.db import make_engine

    admin_url = os.environ.get("TEST_POSTGRES_URL", DEFAULT_PG_ADMIN)
    try:
        admin = make_engine(admin_url)
        name = f"clearance_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:
        return f"PostgreSQL at {admin_url} is not usable: {type(exc).__name__}: {exc}"[:300]
    return admin_url, admin_url.rsplit("/", 1)[0] + f"/{name}"


def _drop_postgres(admin_url: str, url: str) -> None:
    from sqlalchemy import text

    from clearance.db import make_engine

    admin = make_engine(admin_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def run_ingest_bench(rows: int = 100_000, *, workdir: Path | None = None) -> dict:
    """Measure ingest of a `rows`-row template workbook; returns the figures as a dict."""
    from clearance.samples import write_big_template_workbook

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        path = Path(tmp) / f"bench-{rows}.xlsx"
        t0 = time.perf_counter()
        write_big_template_workbook(path, rows=rows, seed=0)
        generate_seconds = time.perf_counter() - t0
        baseline = in_subprocess(_baseline, str(path))
        sqlite = in_subprocess(_ingest, str(path), f"sqlite:///{Path(tmp) / 'bench.db'}")
        pg = _postgres_url()
        postgres = None
        if not isinstance(pg, str):
            try:
                postgres = in_subprocess(_ingest, str(path), pg[1])
            finally:
                _drop_postgres(*pg)
        result = {
            "rows": rows,
            "file_mb": round(path.stat().st_size / 1e6, 2),
            "generate_seconds": round(generate_seconds, 2),
            "seconds": round(sqlite["seconds"], 3),
            "rows_per_second": round(rows / sqlite["seconds"]),
            "baseline_seconds": round(baseline["seconds"], 3),
            "speedup_vs_baseline": round(baseline["seconds"] / sqlite["seconds"], 2),
            "peak_rss_mb": round(max(sqlite["peak_rss_mb"], postgres["peak_rss_mb"] if postgres else 0), 1),
            "sqlite": sqlite,
            "postgres": postgres,
            "baseline": baseline,
        }
        if isinstance(pg, str):
            result["postgres_error"] = pg
        if postgres:
            result["postgres_seconds"] = round(postgres["seconds"], 3)
            result["postgres_speedup_vs_baseline"] = round(baseline["seconds"] / postgres["seconds"], 2)
        return result
