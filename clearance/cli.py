"""The `clearance` command line: a thin shell over the domain functions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from clearance.ingest.model import IngestError

app = typer.Typer(help="SPBE spending clearance (SE Mendagri 000.9.3.2/92/SJ).", no_args_is_help=True)
console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

FIRST_REJECTS = 10


def print_ingest_result(result, out: Console = console) -> None:
    """Per file: layout, rows read, ingested, rejected, skipped, and the first rejects with reasons."""
    if result.duplicate_of is not None:
        out.print(
            f"[bold]{result.file_name}[/]: already ingested as submission {result.duplicate_of} (same file)"
        )
    else:
        out.print(f"[bold]{result.file_name}[/]: submission {result.submission_id}, layout {result.layout}")
    out.print(
        f"  rows read {result.rows_read} = ingested {result.ingested} + rejected {result.rejected}"
        f" + skipped {result.skipped}"
    )
    if result.superseded_lines:
        out.print(f"  superseded {result.superseded_lines} lines of an earlier revision")
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
    """Ingest budget spreadsheets: every row ingested, rejected or skipped, each with its reason."""
    from clearance.db import session_scope
    from clearance.submissions import ingest_file

    failed = 0
    for path in files:
        if not path.is_file():
            err.print(f"{path}: no such file")
            failed += 1
            continue
        try:
            with session_scope() as session:
                result = ingest_file(
                    session,
                    path,
                    region_code=region,
                    cycle=cycle,
                    uploader=uploader,
                    include_hidden=include_hidden,
                )
        except IngestError as exc:
            err.print(f"[red]error[/]: {exc}")
            failed += 1
            continue
        print_ingest_result(result)
    if failed:
        raise typer.Exit(2)


db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the schema migrations to the configured database."""
    from clearance.config import get_settings
    from clearance.db import get_engine

    get_engine()
    console.print(f"schema up to date: {get_settings().db_url}")


if __name__ == "__main__":  # pragma: no cover
    app()
