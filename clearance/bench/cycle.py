"""`clearance bench cycle`: a synthetic national cycle from spreadsheets to every report and JSONL.

Phases, all in this run: generate one workbook per region (not counted), ingest them all, then the
`clearance_cycle` flow (match, decide, 552 region workbooks, roll-up, JSONL). Prefect's overhead is the
flow's wall time minus the same steps run as plain function calls on the same database."""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _regions(n: int) -> list[tuple[str, str]]:
    from catalog.load import load_regions

    regions = [(r.code, r.name) for r in load_regions()] if callable(load_regions) else []
    return regions[:n] if len(regions) >= n else [(f"99.{i:02d}", f"Daerah {i}") for i in range(n)]


def run_cycle_bench(lines: int = 300_000, regions: int = 552, *, workdir: Path | None = None) -> dict:
    from clearance.db import make_engine, migrate, session_scope
    from clearance.run import step_cycle_outputs, step_decide, step_region_report
    from clearance.samples import write_big_template_workbook
    from clearance.submissions import ensure_cycle_and_region, ingest_file

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        region_list = _regions(regions)
        per_region = max(1, lines // len(region_list))
        t0 = time.perf_counter()
        files = []
        for i, (code, _name) in enumerate(region_list):
            path = root / "in" / f"{code}.xlsx"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_big_template_workbook(path, rows=per_region, seed=i)
            files.append((code, path))
        generate = time.perf_counter() - t0

        db_url = f"sqlite:///{root / 'bench.db'}"
        engine = make_engine(db_url)
        migrate(engine)
        t0 = time.perf_counter()
        ingested = 0
        for (code, path), (_, name) in zip(files, region_list, strict=True):
            with session_scope(engine) as session:
                ensure_cycle_and_region(session, 2027, code, name)
                ingested += ingest_file(
                    session, path, region_code=code, cycle=2027, uploader="bench"
                ).ingested
        ingest = time.perf_counter() - t0

        t0 = time.perf_counter()
        decided = step_decide(engine, cycle=2027)
        decide_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        for code, _ in files:
            step_region_report(engine, cycle=2027, region_code=code, out_dir=root / "plain")
        step_cycle_outputs(engine, cycle=2027, out_dir=root / "plain")
        report_seconds = time.perf_counter() - t1
        plain = decide_seconds + report_seconds

        from prefect.testing.utilities import prefect_test_harness

        from flows.clearance_cycle import clearance_cycle

        with prefect_test_harness(server_startup_timeout=120):
            t0 = time.perf_counter()
            result = clearance_cycle(2027, str(root / "flow"), db_url=db_url)
            flow_seconds = time.perf_counter() - t0
        reports = len(list((root / "flow").glob("clearance-*-2027.xlsx")))
        return {
            "lines": ingested,
            "regions": len(result["regions"]),
            "seconds": round(ingest + flow_seconds, 1),
            "prefect_overhead_seconds": round(flow_seconds - plain, 1),
            "peak_rss_mb": round(_peak_rss_mb(), 1),
            "generate_seconds": round(generate, 1),
            "ingest_seconds": round(ingest, 1),
            "flow_seconds": round(flow_seconds, 1),
            "plain_decide_seconds": round(decide_seconds, 1),
            "plain_report_seconds": round(report_seconds, 1),
            "decide_breakdown": {k: round(v, 1) for k, v in decided.seconds.items()},
            "region_workbooks": reports,
        }
