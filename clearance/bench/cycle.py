"""`clearance bench cycle`: a synthetic national cycle from spreadsheets to every report and JSONL.

Phases, in one run:
1. generate one proposal workbook per region (552 real region codes; not timed as the clearance);
2. ingest them all into a fresh SQLite database (timed);
3. copy that database twice; on copy A run the clearance as plain function calls (decide the whole
   cycle, one workbook per region, roll-up, JSONL), on copy B run the `clearance_cycle` Prefect flow
   doing the same through tasks, under Prefect's temporary local server (started first, timed apart).

`seconds` is ingest + the flow + the server start, i.e. what `clearance ingest` and `clearance cycle`
cost from spreadsheets to reports. `prefect_overhead_seconds` is (flow - plain run) + server start:
the same work on the same data, with and without Prefect (both write the region workbooks on the same
number of processes)."""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from clearance.bench import peak_rss_mb

CYCLE = 2027


def _regions(n: int) -> list[tuple[str, str]]:
    """The first `n` of the 552 pemda (provinces, kabupaten and kota), by code."""
    from catalog.load import load_regions

    regions = sorted((code, r.name) for code, r in load_regions().items())
    if n > len(regions):
        raise ValueError(f"at most {len(regions)} regions")
    return regions[:n]


def _report(db_url: str, code: str, out: str) -> str:
    from clearance.db import make_engine
    from clearance.run import step_region_report

    return str(step_region_report(make_engine(db_url), cycle=CYCLE, region_code=code, out_dir=Path(out)))


def _plain_run(db_url: str, out: Path, workers: int) -> float:
    """The flow's work as plain calls, with region workbooks on as many processes as the flow uses."""
    from clearance.db import make_engine
    from clearance.run import regions_of_cycle, step_cycle_outputs, step_decide

    engine = make_engine(db_url)
    t0 = time.perf_counter()
    step_decide(engine, cycle=CYCLE)
    codes = regions_of_cycle(engine, CYCLE)
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(_report, db_url, code, str(out)) for code in codes]
        step_cycle_outputs(engine, cycle=CYCLE, out_dir=out)
        for future in futures:
            future.result()
    seconds = time.perf_counter() - t0
    engine.dispose()
    return seconds


def run_cycle_bench(lines: int = 300_000, regions: int = 552, *, workdir: Path | None = None) -> dict:
    from clearance.db import make_engine, migrate, session_scope
    from clearance.samples import write_big_template_workbook
    from clearance.submissions import ingest_file

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        region_list = _regions(regions)
        per_region = max(1, lines // len(region_list))
        extra = lines - per_region * len(region_list)
        t0 = time.perf_counter()
        files = []
        for i, (code, _name) in enumerate(region_list):
            path = root / "in" / f"usulan_{code}.xlsx"
            write_big_template_workbook(path, rows=per_region + (1 if i < extra else 0), seed=i)
            files.append((code, path))
        generate = time.perf_counter() - t0

        base = root / "ingested.db"
        engine = make_engine(f"sqlite:///{base}")
        migrate(engine)
        t0 = time.perf_counter()
        ingested = 0
        for code, path in files:
            with session_scope(engine) as session:
                ingested += ingest_file(
                    session, path, region_code=code, cycle=CYCLE, uploader="bench"
                ).ingested
        ingest = time.perf_counter() - t0
        engine.dispose()
        for name in ("plain.db", "flow.db"):
            shutil.copyfile(base, root / name)

        from flows.clearance_cycle import report_workers

        workers = report_workers()
        plain = _plain_run(f"sqlite:///{root / 'plain.db'}", root / "plain", workers)

        from prefect.testing.utilities import prefect_test_harness

        from flows.clearance_cycle import clearance_cycle

        t0 = time.perf_counter()
        with prefect_test_harness(server_startup_timeout=120):
            startup = time.perf_counter() - t0
            t1 = time.perf_counter()
            result = clearance_cycle(CYCLE, str(root / "flow"), db_url=f"sqlite:///{root / 'flow.db'}")
            flow_seconds = time.perf_counter() - t1
        outputs = sorted(p.name for p in (root / "flow").iterdir())
        workbooks = sum(
            1 for n in outputs if n.startswith("clearance-") and n != f"clearance-rollup-{CYCLE}.xlsx"
        )
        decided = result["decided"]
        return {
            "lines": ingested,
            "regions": len(result["regions"]),
            "seconds": round(ingest + startup + flow_seconds, 1),
            "prefect_overhead_seconds": round(flow_seconds - plain + startup, 1),
            "peak_rss_mb": peak_rss_mb(),
            "generate_seconds": round(generate, 1),
            "ingest_seconds": round(ingest, 1),
            "prefect_server_start_seconds": round(startup, 1),
            "flow_seconds": round(flow_seconds, 1),
            "plain_run_seconds": round(plain, 1),
            "report_workers": workers,
            "decide_breakdown": {k: round(v, 1) for k, v in decided["seconds"].items()},
            "outcomes": decided["counts"],
            "region_workbooks": workbooks,
            "rollup_and_jsonl": [n for n in outputs if not n.startswith("clearance-") or "rollup" in n],
        }
