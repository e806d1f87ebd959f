"""Prefect artifacts of a run: a markdown summary, a table of flags and links to the reports."""

from __future__ import annotations

import re
from pathlib import Path

from prefect import task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from sqlmodel import Session

from clearance.db import get_engine
from clearance.pipeline import current_decisions
from clearance.records import FLAGGED, OUTCOME_LABELS

MAX_FLAG_ROWS = 500


def artifact_key(*parts: object) -> str:
    """Prefect keys allow lowercase letters, digits and dashes only."""
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(str(p) for p in parts).lower()).strip("-")


@task(name="publish-artifacts", cache_policy=NONE)
def publish_artifacts(
    summary, *, cycle: int, region_codes: list[str] | None, paths: list[str], db_url: str | None = None
) -> None:
    from clearance.report import summarize, summary_markdown

    with Session(get_engine(db_url)) as session:
        decisions = current_decisions(
            session, cycle=cycle, region_codes=region_codes, explanations=False, candidates=False
        )
    scope = region_codes[0] if region_codes and len(region_codes) == 1 else "semua"
    title = f"{scope} {cycle}"
    create_markdown_artifact(
        key=artifact_key("ringkasan", scope, cycle),
        markdown=summary_markdown(summarize(decisions), title, cycle),
        description=f"Ringkasan kliring belanja SPBE {title}",
    )
    flags = [d for d in decisions if d.outcome in FLAGGED]
    rows = [
        {
            "daerah": d.region_code,
            "opd": d.opd or "",
            "aplikasi": d.app_name,
            "pagu": d.amount,
            "keputusan": OUTCOME_LABELS[d.outcome],
            "aturan": ",".join(d.rules),
            "aplikasi_cocok": d.matched_app_name or "",
            "skor": d.score,
            "kelompok": d.duplicate_group or "",
        }
        for d in sorted(flags, key=lambda d: -d.amount)[:MAX_FLAG_ROWS]
    ]
    create_table_artifact(
        key=artifact_key("temuan", scope, cycle),
        table=rows,
        description=f"{len(flags)} baris ditandai ({min(len(flags), MAX_FLAG_ROWS)} pagu terbesar ditampilkan)",
    )
    for path in paths:
        p = Path(path)
        create_link_artifact(
            key=artifact_key("laporan", scope, cycle, p.stem),
            link=p.resolve().as_uri(),
            link_text=p.name,
            description=f"Laporan {p.name} ({title})",
        )
    if len(summary.report_paths) > 1:  # one table of the regions' workbooks, not hundreds of links
        create_table_artifact(
            key=artifact_key("laporan-daerah", scope, cycle),
            table=[
                {"daerah": code, "laporan": Path(p).resolve().as_uri()}
                for code, p in sorted(summary.report_paths.items())
            ],
            description=f"Laporan Excel per daerah ({len(summary.report_paths)} daerah)",
        )
