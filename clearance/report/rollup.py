"""The cycle roll-up across regions: totals by region, by region and OPD, by outcome, and the
duplicate groups that span regions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from clearance.records import DecisionRecord, RejectRecord
from clearance.report.labels import opd_name
from clearance.report.sheets import (
    BREAKDOWN_COLUMNS,
    breakdown_total_row,
    breakdown_values,
    duplicates_sheet,
    headline_block,
    meta_block,
    now_wib,
    outcome_table,
    reject_counts,
    stamp,
)
from clearance.report.summary import Totals, duplicate_groups, totals, totals_by
from clearance.report.xlsx import COUNT, Column, SheetSpec, Style, Styled, save_workbook


def rollup_report_name(cycle: int) -> str:
    return f"clearance-rollup-{cycle}.xlsx"


def write_cycle_rollup(
    path: Path,
    *,
    cycle: int,
    decisions: list[DecisionRecord],
    rejects: list[RejectRecord],
    region_names: dict[str, str],
    policy_version: str,
    catalog_version: int | str | None,
    generated_at: datetime | None = None,
) -> Path:
    """Write the roll-up workbook to `path` (replacing it atomically) and return it."""
    generated_at = generated_at or now_wib()
    overall = totals(decisions)
    by_region = totals_by(decisions, lambda d: d.region_code)
    rejects_by_region: dict[str, list[RejectRecord]] = {}
    for r in rejects:
        rejects_by_region.setdefault(r.region_code, []).append(r)
    regions = sorted(set(by_region) | set(rejects_by_region))
    rejected, skipped = reject_counts(rejects)

    summary = SheetSpec("Ringkasan")
    meta_block(
        summary,
        "Rekapitulasi Kliring Belanja SPBE",
        [
            ("Tahun Anggaran", str(cycle)),
            ("Jumlah Daerah", str(len(regions))),
            ("Versi Kebijakan", policy_version or "-"),
            ("Versi Katalog", "-" if catalog_version is None else str(catalog_version)),
            ("Dibuat Pada", stamp(generated_at)),
        ],
    )
    headline_block(summary, overall, rejected=rejected, skipped=skipped)
    outcome_table(summary, overall)

    per_region = SheetSpec("Per Daerah")
    rows = []
    for code in regions:
        rej, skip = reject_counts(rejects_by_region.get(code, []))
        rows.append(
            [code, region_names.get(code, ""), *breakdown_values(by_region.get(code, Totals())), rej, skip]
        )
    per_region.table(
        [
            Column("Kode Wilayah"),
            Column("Nama Daerah", max_width=40),
            *BREAKDOWN_COLUMNS,
            Column("Baris Ditolak", COUNT),
            Column("Baris Dilewati", COUNT),
        ],
        rows,
        freeze=True,
    )
    per_region.row(
        *breakdown_total_row(["Jumlah", ""], overall),
        Styled(rejected, Style(kind=COUNT, bold=True)),
        Styled(skipped, Style(kind=COUNT, bold=True)),
    )

    per_opd = SheetSpec("Per OPD")
    by_opd = totals_by(decisions, lambda d: (d.region_code, opd_name(d.opd)))
    per_opd.table(
        [
            Column("Kode Wilayah"),
            Column("Nama Daerah", max_width=40),
            Column("Perangkat Daerah", max_width=45),
            *BREAKDOWN_COLUMNS,
        ],
        [[code, region_names.get(code, ""), opd, *breakdown_values(t)] for (code, opd), t in by_opd.items()],
        freeze=True,
    )
    per_opd.row(*breakdown_total_row(["Jumlah", "", ""], overall))

    cross_region = [g for g in duplicate_groups(decisions) if len(g.regions) > 1]
    sheets = [
        summary,
        per_region,
        per_opd,
        duplicates_sheet("Duplikat Lintas Daerah", cross_region, region_names, by_region=True),
    ]
    return save_workbook(
        path, sheets, title=f"Rekapitulasi Kliring Belanja SPBE {cycle}", created=generated_at
    )
