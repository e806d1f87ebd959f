"""Refresh the catalog: import a catalog file (or the bundled one) as a new version."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from flows.tasks import import_catalog_task


@flow(name="catalog-refresh", log_prints=True)
def catalog_refresh(path: str | None = None, db_url: str | None = None) -> dict:
    result = import_catalog_task(path, db_url)
    create_markdown_artifact(
        key="katalog",
        markdown=(
            f"# Katalog versi {result['version_id']}\n\n| aplikasi | baru | berubah | dihapus | baris ditolak |\n"
            f"|---|---|---|---|---|\n| {result['apps']} | {result['added']} | {result['changed']} "
            f"| {result['retired']} | {result['rejected']} |\n"
        ),
    )
    print(f"catalog version {result['version_id']}: {result['apps']} apps")
    return result
