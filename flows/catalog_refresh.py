"""Refresh the catalog: import a catalog file (or the bundled one) as a new version, merged by scope."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from flows.tasks import import_catalog_task


@flow(name="catalog-refresh", log_prints=True)
def catalog_refresh(path: str | None = None, replace: bool = False, db_url: str | None = None) -> dict:
    """`path` (CSV/XLSX) updates the scopes it covers (national list, regions' inventories), or replaces
    the whole catalog with `replace`; no path re-imports the bundled catalog. Unchanged content makes no
    new version."""
    result = import_catalog_task(path, db_url, replace=replace)
    state = "tidak berubah" if result["unchanged"] else "versi baru"
    create_markdown_artifact(
        key="katalog",
        markdown=(
            f"# Katalog versi {result['version_id']} ({state})\n\n"
            f"Cakupan: {', '.join(result['scopes']) or '-'}\n\n"
            "| aplikasi | baru | berubah | dihapus | baris ditolak |\n|---|---|---|---|---|\n"
            f"| {result['apps']} | {result['added']} | {result['changed']} | {result['retired']} "
            f"| {result['rejected']} |\n"
        ),
    )
    print(
        f"catalog version {result['version_id']} ({'unchanged' if result['unchanged'] else 'new'}): "
        f"{result['apps']} apps"
    )
    return result
