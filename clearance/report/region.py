"""The workbook of one region's clearance: Ringkasan, Keputusan, Duplikat, Ditolak."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from clearance.records import DecisionRecord, RejectRecord
from clearance.report.labels import opd_name
from clearance.report.sheets import (
    decisions_sheet,
    duplicates_sheet,
    headline_block,
    meta_block,
    now_wib,
    opd_table,
    outcome_table,
    reject_counts,
    rejects_sheet,
    stamp,
)
from clearance.report.summary import duplicate_groups, totals, totals_by
from clearance.report.xlsx import SheetSpec, save_workbook


def region_report_name(region_code: str, cycle: int) -> str:
    """`clearance-35.19-2027.xlsx`; the region code keeps its dots."""
    safe = "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in region_code.strip())
    return f"clearance-{safe}-{cycle}.xlsx"


def write_region_workbook(
    path: Path,
    *,
    region_code: str,
    region_name: str,
    cycle: int,
    decisions: list[DecisionRecord],
    rejects: list[RejectRecord],
    policy_version: str,
    catalog_version: int | str | None,
    generated_at: datetime | None = None,
) -> Path:
    """Write the region's clearance workbook to `path` (replacing it atomically) and return it."""
    generated_at = generated_at or now_wib()
    overall = totals(decisions)
    rejected, skipped = reject_counts(rejects)

    summary = SheetSpec("Ringkasan")
    meta_block(
        summary,
        "Laporan Kliring Belanja SPBE",
        [
            ("Pemerintah Daerah", region_name or region_code),
            ("Kode Wilayah", region_code),
            ("Tahun Anggaran", str(cycle)),
            ("Versi Kebijakan", policy_version or "-"),
            ("Versi Katalog", "-" if catalog_version is None else str(catalog_version)),
            ("Dibuat Pada", stamp(generated_at)),
        ],
    )
    headline_block(summary, overall, rejected=rejected, skipped=skipped)
    outcome_table(summary, overall)
    opd_table(summary, totals_by(decisions, lambda d: opd_name(d.opd)), overall)

    sheets = [
        summary,
        decisions_sheet(decisions),
        duplicates_sheet("Duplikat", duplicate_groups(decisions)),
        rejects_sheet(rejects),
    ]
    title = f"Kliring Belanja SPBE {region_name or region_code} {cycle}"
    return save_workbook(path, sheets, title=title, created=generated_at)
