"""The `clearance` command line: a thin shell over the domain functions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from clearance.ingest.model import IngestError

app = typer.Typer(help="SPBE spending clearance (SE Mendagri 000.9.3.2/92/SJ).", no_args_is_help=True)
# No markup: file names and cell text ("[#] Belanja ...", "br[1].xlsx") are printed as they are; no
# wrapping: a message stays on one line when the output goes to a file or another program.
console = Console(highlight=False, markup=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)

FIRST_REJECTS = 10


def print_ingest_result(result, out: Console = console) -> None:
    """Per file: layout, rows read, ingested, rejected, skipped, and the first rejects with reasons."""
    if result.duplicate_of is not None:
        out.print(f"{result.file_name}: already ingested as submission {result.duplicate_of} (same file)")
    else:
        out.print(f"{result.file_name}: submission {result.submission_id}, layout {result.layout}")
    plural = "s" if result.blank_rows != 1 else ""
    blank = f" (and {result.blank_rows} blank row{plural})" if result.blank_rows else ""
    out.print(
        f"  rows read {result.rows_read} = ingested {result.ingested} + rejected {result.rejected}"
        f" + skipped {result.skipped}{blank}"
    )
    if result.superseded_lines:
        out.print(f"  superseded {result.superseded_lines} lines of an earlier revision")
    if result.carried_reviews:
        out.print(f"  kept {result.carried_reviews} auditor decisions on lines that did not change")
    rejects = [i for i in result.issues if i.kind == "rejected"]
    for issue in rejects[:FIRST_REJECTS]:
        col = f', column "{issue.column}"' if issue.column else ""
        out.print(f'  rejected: sheet "{issue.sheet}", row {issue.row}{col}: {issue.reason}')
    if len(rejects) > FIRST_REJECTS:
        out.print(f"  … and {len(rejects) - FIRST_REJECTS} more rejected rows")
    for warning in result.warnings:
        out.print(f"  warning: {warning}")


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="xlsx or csv files", exists=False)],
    region: Annotated[str, typer.Option("--region", help="region code, e.g. 35.19")],
    cycle: Annotated[int, typer.Option("--cycle", help="budget year, e.g. 2027")],
    uploader: Annotated[str, typer.Option(help="who sent the files")] = "cli",
    include_hidden: Annotated[bool, typer.Option(help="also read hidden sheets")] = False,
) -> None:
    """Ingest budget spreadsheets: every row ingested, rejected or skipped, each with its reason.

    Each file is stored whole or not at all; exit code 2 when a file (or the region) is unusable."""
    from clearance.db import session_scope
    from clearance.regions import RegionError, check_region
    from clearance.submissions import ingest_file

    region = _checked_region(region)
    _checked_cycle(cycle)
    failed = 0
    for path in files:
        if not path.is_file():
            err.print(f"error: {path}: no such file", style="red")
            failed += 1
            continue
        try:
            with session_scope() as session:
                result = ingest_file(
                    session,
                    path,
                    region_code=check_region(region),
                    cycle=cycle,
                    uploader=uploader,
                    include_hidden=include_hidden,
                )
        except (IngestError, RegionError) as exc:
            err.print(f"error: {exc}", style="red")
            failed += 1
            continue
        except Exception as exc:  # a bug must not stop the other files or leave a traceback
            err.print(f"error: {path.name}: could not be ingested ({type(exc).__name__}: {exc})", style="red")
            failed += 1
            continue
        print_ingest_result(result)
    if failed:
        raise typer.Exit(2)


def _checked_region(code: str) -> str:
    from clearance.regions import RegionError, check_region

    try:
        return check_region(code)
    except RegionError as exc:
        err.print(f"error: {exc}", style="red")
        raise typer.Exit(2) from None


def _checked_cycle(year: int) -> int:
    if not 2000 <= year <= 2100:
        err.print(f"error: budget year {year} is not a year (use e.g. --cycle 2027)", style="red")
        raise typer.Exit(2)
    return year


db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the schema migrations to the configured database."""
    from clearance.config import get_settings
    from clearance.db import get_engine

    get_engine()
    console.print(f"schema up to date: {get_settings().db_url}")


# --- the main job ---------------------------------------------------------------------------------


def _quiet_prefect(verbose: bool) -> None:
    """Prefect's own logs are for operators; the CLI shows its progress display instead."""
    import os

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


STEP_LABELS = {
    "catalog": "Mengimpor katalog",
    "ingest": "Membaca berkas",
    "decide": "Mencocokkan dan memutuskan",
    "report": "Menulis laporan",
    "jsonl": "Menulis JSONL dan rekap",
}


def _progress_display():
    """A live progress line fed by clearance.progress events."""
    from contextlib import contextmanager

    from clearance import progress

    @contextmanager
    def display():
        with console.status("Menyiapkan Prefect…") as status:

            def show(step: str, detail: str) -> None:
                label = STEP_LABELS.get(step, step)
                status.update(f"{label}: {detail}")
                console.print(f"  • {label}: {detail}")

            unsubscribe = progress.subscribe(show)
            try:
                yield
            finally:
                unsubscribe()

    return display()


def print_summary(summary, title: str) -> None:
    from rich.table import Table

    from clearance.records import OUTCOME_LABELS, OUTCOMES

    table = Table(title=title, show_lines=False)
    table.add_column("Keputusan")
    table.add_column("Baris", justify="right")
    for outcome in OUTCOMES:
        if summary.counts.get(outcome):
            table.add_row(f"{OUTCOME_LABELS[outcome]} ({outcome})", str(summary.counts[outcome]))
    console.print(table)
    pct = 100 * summary.flagged_pagu / summary.total_pagu if summary.total_pagu else 0.0
    console.print(
        f"Pagu diusulkan Rp {summary.total_pagu:,.0f}; ditandai Rp {summary.flagged_pagu:,.0f} ({pct:.1f}%)".replace(
            ",", "."
        )
    )
    console.print(f"policy {summary.policy_version}, catalog version {summary.catalog_version}")
    for path in [*summary.report_paths.values(), summary.rollup_path, *summary.jsonl_paths.values()]:
        if path:
            console.print(f"  {path}")


def _print_ingested(rows: list[dict]) -> int:
    failed = 0
    for row in rows:
        if "error" in row:
            err.print(f"error: {row['error']}", style="red")
            failed += 1
            continue
        dup = f" (already ingested as submission {row['duplicate_of']})" if row["duplicate_of"] else ""
        console.print(
            f"{row['file']} ({row['layout']}){dup}: rows read {row['rows_read']} = ingested "
            f"{row['ingested']} + rejected {row['rejected']} + skipped {row['skipped']}"
        )
        for rej in row["first_rejects"]:
            col = f', column "{rej["column"]}"' if rej["column"] else ""
            console.print(f'  rejected: sheet "{rej["sheet"]}", row {rej["row"]}{col}: {rej["reason"]}')
    return failed


@app.command()
def run(
    files: Annotated[list[Path], typer.Argument(help="xlsx or csv files of one region")],
    region: Annotated[str, typer.Option("--region", help="region code, e.g. 35.19")],
    cycle: Annotated[int, typer.Option("--cycle", help="budget year")],
    out: Annotated[Path, typer.Option("--out", help="output directory")] = Path("out"),
    catalog: Annotated[
        Path | None, typer.Option("--catalog", help="decide against this catalog file alone")
    ] = None,
    policy: Annotated[
        str | None,
        typer.Option("--policy", help="policy version (e.g. 2027.1) or YAML file; default: bundled"),
    ] = None,
    verbose: Annotated[bool, typer.Option(help="show Prefect's logs")] = False,
) -> None:
    """Ingest, match, decide and report one region's files (the process_submission flow)."""
    region = _checked_region(region)
    _checked_cycle(cycle)
    _quiet_prefect(verbose)
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        err.print(f"no such file: {', '.join(missing)}")
        raise typer.Exit(2)
    policy_path = _checked_policy(policy)
    from flows.process_submission import process_submission

    with _progress_display():
        result = process_submission(
            files=[str(f) for f in files],
            region_code=region,
            cycle=cycle,
            out_dir=str(out),
            policy=policy_path,
            catalog_path=str(catalog) if catalog else None,
            uploader="cli",
        )
    failed = _print_ingested(result["ingested"])
    print_summary(result["summary"], f"Kliring belanja SPBE {region} tahun {cycle}")
    if failed:
        raise typer.Exit(2)


def _checked_policy(policy: str | None) -> str | None:
    from clearance.policy import PolicyError, load_policy

    try:
        load_policy(policy)
    except PolicyError as exc:
        err.print(f"error: {exc}", style="red")
        raise typer.Exit(2) from None
    return str(policy) if policy else None


@app.command()
def cycle(
    cycle: Annotated[int, typer.Option("--cycle", help="budget year")],
    out: Annotated[Path, typer.Option("--out", help="output directory")] = Path("out"),
    policy: Annotated[
        str | None,
        typer.Option("--policy", help="policy version (e.g. 2027.1) or YAML file; default: bundled"),
    ] = None,
    verbose: Annotated[bool, typer.Option(help="show Prefect's logs")] = False,
) -> None:
    """Re-decide every region ingested for a cycle (the clearance_cycle flow): duplicates across regions."""
    _quiet_prefect(verbose)
    policy_path = _checked_policy(policy)
    from flows.clearance_cycle import clearance_cycle

    with _progress_display():
        result = clearance_cycle(cycle=cycle, out_dir=str(out), policy=policy_path)
    if result["summary"] is None:
        err.print(f"no budget lines ingested for cycle {cycle}; run `clearance ingest` first")
        raise typer.Exit(2)
    print_summary(result["summary"], f"Kliring belanja SPBE tahun {cycle}: {len(result['regions'])} daerah")


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="output directory")] = Path("out/demo"),
    verbose: Annotated[bool, typer.Option(help="show Prefect's logs")] = False,
) -> None:
    """Run the main job on the bundled samples (data/samples), one region after another, then the cycle."""
    import csv
    import os

    from clearance.config import DATA_DIR, get_settings

    _quiet_prefect(verbose)
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{get_settings().home / 'demo.db'}"
        get_settings.cache_clear()
    samples = DATA_DIR / "samples"
    by_region: dict[tuple[str, int], list[Path]] = {}
    with open(samples / "manifest.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            by_region.setdefault((row["region_code"], int(row["cycle"])), []).append(samples / row["file"])
    from flows.clearance_cycle import clearance_cycle
    from flows.process_submission import process_submission

    console.print(f"database: {get_settings().db_url}")
    failed = 0
    with _progress_display():
        results = []
        for (region, year), files in by_region.items():
            results.append(
                (region, year, process_submission([str(f) for f in files], region, year, str(out / region)))
            )
        cycles = sorted({year for _, year, _ in results})
        cycle_results = [clearance_cycle(cycle=year, out_dir=str(out / f"cycle-{year}")) for year in cycles]
    for region, year, result in results:
        failed += _print_ingested(result["ingested"])
        print_summary(result["summary"], f"Kliring belanja SPBE {region} tahun {year}")
    for year, result in zip(cycles, cycle_results, strict=True):
        print_summary(result["summary"], f"Seluruh daerah tahun {year}: {len(result['regions'])} daerah")
    if failed:
        raise typer.Exit(2)


# --- catalog ------------------------------------------------------------------------------------

catalog_app = typer.Typer(
    help="The application catalog (national shared apps and regional apps).", no_args_is_help=True
)
app.add_typer(catalog_app, name="catalog")


@catalog_app.command("import")
def catalog_import(
    file: Annotated[Path, typer.Argument(help="catalog CSV or XLSX")],
    replace: Annotated[
        bool, typer.Option("--replace", help="make the file the whole catalog (default: update its scopes)")
    ] = False,
) -> None:
    """Import a catalog file as a new catalog version.

    The file updates the scopes it has rows for: national apps (kind shared) and/or the inventories of
    the regions it names; the rest of the catalog stays. Unchanged content makes no new version."""
    from catalog.load import CatalogError
    from clearance.catalog_store import import_catalog_file
    from clearance.db import session_scope

    try:
        with session_scope() as session:
            result = import_catalog_file(session, file, replace=replace)
    except (CatalogError, OSError) as exc:
        err.print(f"error: {exc}", style="red")
        raise typer.Exit(2) from None
    scopes = ", ".join(result.scopes) or "-"
    if result.unchanged:
        console.print(f"catalog version {result.version_id} unchanged: {result.apps} apps (scopes {scopes})")
    else:
        console.print(
            f"catalog version {result.version_id}: {result.apps} apps (scopes {scopes}); added "
            f"{len(result.added)}, changed {len(result.changed)}, retired {len(result.retired)}, "
            f"rejected rows {len(result.rejects)}"
        )
    for label, app_ids in (("added", result.added), ("changed", result.changed), ("retired", result.retired)):
        if app_ids:
            more = f" … and {len(app_ids) - 20} more" if len(app_ids) > 20 else ""
            console.print(f"  {label}: {', '.join(app_ids[:20])}{more}")
    for reject in result.rejects[:20]:
        console.print(f"  rejected: {reject}")
    if len(result.rejects) > 20:
        console.print(f"  … and {len(result.rejects) - 20} more rejected rows")


@catalog_app.command("list")
def catalog_list(
    kind: Annotated[str | None, typer.Option(help="shared or existing")] = None,
    region: Annotated[str | None, typer.Option(help="region code")] = None,
) -> None:
    """List the apps of the latest catalog version (the bundled catalog on an empty database)."""
    from rich.table import Table

    from clearance.catalog_store import catalog_apps, ensure_catalog
    from clearance.db import session_scope

    with session_scope() as session:
        version = ensure_catalog(session)
        apps = catalog_apps(session, version)
    apps = [
        a for a in apps if (kind is None or a.kind == kind) and (region is None or a.region_code == region)
    ]
    table = Table(title=f"Katalog versi {version}: {len(apps)} aplikasi")
    for col in ("app_id", "nama", "jenis", "pemilik", "daerah", "alias"):
        table.add_column(col)
    for a in apps:
        table.add_row(
            a.app_id, a.name, a.kind, a.owner, a.region_code or "nasional", "; ".join(a.aliases[:3])
        )
    console.print(table)


# --- benchmarks ---------------------------------------------------------------------------------

bench_app = typer.Typer(help="Benchmarks (not tests): figures for the issue notes.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


def _print_bench(result: dict, as_json: bool) -> None:
    import json

    if as_json:
        print(json.dumps(result, default=str))
        return
    for key, value in result.items():
        if isinstance(value, dict | list):
            value = json.dumps(value, default=str)[:300]
        console.print(f"{key:>30}: {value}")


@bench_app.command("ingest")
def bench_ingest(
    rows: Annotated[int, typer.Option(help="rows in the generated workbook")] = 100_000,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Ingest a generated workbook into SQLite and PostgreSQL vs a pandas+openpyxl read of it."""
    from clearance.bench.ingest import run_ingest_bench

    _print_bench(run_ingest_bench(rows), as_json)


@bench_app.command("quality")
def bench_quality(
    cases: Annotated[
        Path | None,
        typer.Option("--cases", help="labelled CSV (default tests/catalog/quality_cases.csv)"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Precision, recall and the precision/recall curve of the matcher on a labelled set.

    The bundled sets: tests/catalog/quality_cases.csv (the set the thresholds are chosen on);
    quality_holdout.csv, quality_planner.csv, quality_fresh.csv to quality_fresh6.csv and
    quality_negatives.csv (written apart, measured unseen once, then studied);
    quality_test.csv, quality_unseen.csv and quality_fresh7.csv (written apart, never looked at: do
    they generalise?)."""
    from clearance.bench.quality import DEFAULT_CASES, run_quality_bench

    _print_bench(run_quality_bench(cases or DEFAULT_CASES), as_json)


@bench_app.command("match")
def bench_match(
    lines: Annotated[int, typer.Option(help="budget lines")] = 300_000,
    catalog: Annotated[int, typer.Option(help="catalog apps")] = 30_000,
    workers: Annotated[
        int, typer.Option(help="processes to match in (0: one per core; 1: the single-process baseline)")
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Full matching of a synthetic national cycle, with exhaustive cdist on a sample for recall."""
    from clearance.bench.match import run_match_bench

    _print_bench(run_match_bench(lines=lines, catalog=catalog, workers=workers or None), as_json)


@bench_app.command("cycle")
def bench_cycle(
    lines: Annotated[int, typer.Option(help="budget lines in all")] = 300_000,
    regions: Annotated[int, typer.Option(help="regions")] = 552,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """A synthetic national cycle from spreadsheets to every report, Prefect overhead apart."""
    from clearance.bench.cycle import run_cycle_bench

    _print_bench(run_cycle_bench(lines=lines, regions=regions), as_json)


# --- web app and its users ------------------------------------------------------------------------

from clearance.web.cli import serve, users_app  # noqa: E402  (typer apps of the web shell)

app.add_typer(users_app, name="users")
app.command("serve")(serve)


if __name__ == "__main__":  # pragma: no cover
    app()
