"""Sheet builders shared by the region workbook and the cycle roll-up (all text in Indonesian)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

from clearance.records import DecisionRecord, RejectRecord
from clearance.report.evidence import evidence_summary
from clearance.report.labels import (
    OUTCOME_FILLS,
    opd_name,
    outcome_label,
    reject_kind_label,
    spend_type_label,
    text_order,
)
from clearance.report.reasons import reason_id
from clearance.report.summary import DuplicateGroup, Totals
from clearance.report.xlsx import (
    COUNT,
    GROUP_FILL,
    HEADER,
    PERCENT,
    PLAIN,
    RUPIAH,
    SCORE,
    Column,
    SheetSpec,
    Style,
    Styled,
)

WIB = timezone(timedelta(hours=7), "WIB")
TITLE = Style(bold=True, size=14)
SECTION = Style(bold=True, size=12)
BOLD = Style(bold=True)
BOLD_RUPIAH = Style(kind=RUPIAH, bold=True)
BOLD_COUNT = Style(kind=COUNT, bold=True)
BOLD_PERCENT = Style(kind=PERCENT, bold=True)
RP = Style(kind=RUPIAH)
PCT = Style(kind=PERCENT)
CNT = Style(kind=COUNT)


def now_wib() -> datetime:
    return datetime.now(WIB)


def stamp(moment: datetime) -> str:
    zone = moment.strftime("%Z")
    return moment.strftime("%Y-%m-%d %H:%M") + (f" {zone}" if zone else "")


def outcome_cell(outcome: str, value: str | None = None, *, bold: bool = False) -> Styled:
    """A cell filled with the outcome's colour (its label unless `value` is given)."""
    text = outcome_label(outcome) if value is None else value
    return Styled(text, Style(bold=bold, fill=OUTCOME_FILLS.get(outcome)))


def meta_block(spec: SheetSpec, title: str, items: list[tuple[str, str]]) -> None:
    spec.row(Styled(title, TITLE), measure=False)
    for label, value in items:
        spec.row(Styled(label, BOLD), value)
    spec.blank()


def headline_block(spec: SheetSpec, t: Totals, *, rejected: int, skipped: int) -> None:
    """Total proposed pagu and the pagu the clearance flags, each with its share of SPBE pagu."""
    spec.row(Styled("Ringkasan Pagu", SECTION), measure=False)
    spec.row(*(Styled(v, HEADER) for v in ("Uraian", "Pagu (Rp)", "% Pagu Belanja SPBE", "Jumlah Baris")))
    lines = t.lines_by_outcome

    def row(label: str, pagu: int, share: float | None, n: int | None, bold: bool = False) -> None:
        spec.row(
            Styled(label, BOLD if bold else PLAIN),
            Styled(pagu, BOLD_RUPIAH if bold else RP),
            None if share is None else Styled(share, BOLD_PERCENT if bold else PCT),
            None if n is None else Styled(n, BOLD_COUNT if bold else CNT),
        )

    row("Total pagu diusulkan", t.pagu, None, t.lines, bold=True)
    if t.pagu_by_outcome.get("NOT_SPBE"):
        row("Bukan belanja SPBE (tidak dinilai)", t.pagu_by_outcome["NOT_SPBE"], None, lines["NOT_SPBE"])
    row("Pagu belanja SPBE", t.spbe_pagu, 1.0 if t.spbe_pagu else 0.0, t.lines - lines.get("NOT_SPBE", 0))
    efficiency_lines = lines.get("USE_SHARED_APP", 0) + lines.get("CONSOLIDATE", 0)
    row(
        "Pagu ditandai untuk aplikasi umum dan konsolidasi (efisiensi)",
        t.efficiency_pagu,
        t.efficiency_share,
        efficiency_lines,
        bold=True,
    )
    for o in ("USE_SHARED_APP", "CONSOLIDATE", "NEEDS_REVIEW", "CLEARED"):
        prefix = "    " if o in ("USE_SHARED_APP", "CONSOLIDATE") else ""
        row(f"{prefix}Pagu {outcome_label(o)}", t.pagu_by_outcome.get(o, 0), t.share(o), lines.get(o, 0))
    spec.row("Baris ditolak (lihat sheet Ditolak)", None, None, Styled(rejected, CNT))
    spec.row("Baris dilewati (judul, subtotal)", None, None, Styled(skipped, CNT))
    spec.blank()


def outcome_table(spec: SheetSpec, t: Totals) -> None:
    spec.row(Styled("Menurut Keputusan", SECTION), measure=False)
    columns = [
        Column("Keputusan"),
        Column("Kode Keputusan"),
        Column("Jumlah Baris", COUNT),
        Column("Pagu Diusulkan (Rp)", RUPIAH),
        Column("% Pagu Belanja SPBE", PERCENT),
    ]
    rows = [
        [
            outcome_cell(o),
            outcome_cell(o, o),
            t.lines_by_outcome.get(o, 0),
            t.pagu_by_outcome.get(o, 0),
            None if o == "NOT_SPBE" else t.share(o),
        ]
        for o in t.pagu_by_outcome
    ]
    spec.table(columns, rows, filter_=False)
    spec.row(Styled("Jumlah", BOLD), None, Styled(t.lines, BOLD_COUNT), Styled(t.pagu, BOLD_RUPIAH))
    spec.blank()


BREAKDOWN_COLUMNS: list[Column] = [
    Column("Jumlah Baris", COUNT),
    Column("Pagu Diusulkan (Rp)", RUPIAH),
    Column("Pagu Gunakan Aplikasi Umum (Rp)", RUPIAH),
    Column("Pagu Konsolidasi (Rp)", RUPIAH),
    Column("Pagu Perlu Reviu (Rp)", RUPIAH),
    Column("Pagu Disetujui (Rp)", RUPIAH),
    Column("Pagu Bukan Belanja SPBE (Rp)", RUPIAH),
    Column("Pagu Efisiensi (Rp)", RUPIAH),
    Column("% Efisiensi dari Pagu SPBE", PERCENT),
]
_BREAKDOWN_OUTCOMES = ("USE_SHARED_APP", "CONSOLIDATE", "NEEDS_REVIEW", "CLEARED", "NOT_SPBE")


def breakdown_values(t: Totals) -> list:
    """Values under BREAKDOWN_COLUMNS: lines, proposed pagu, pagu per outcome, efficiency."""
    return [
        t.lines,
        t.pagu,
        *(t.pagu_by_outcome.get(o, 0) for o in _BREAKDOWN_OUTCOMES),
        t.efficiency_pagu,
        t.efficiency_share,
    ]


def breakdown_total_row(lead: list, t: Totals) -> list:
    kinds = [c.kind for c in BREAKDOWN_COLUMNS]
    values = breakdown_values(t)
    return [Styled(v, BOLD) for v in lead] + [
        Styled(v, Style(kind=k, bold=True)) for v, k in zip(values, kinds, strict=True)
    ]


def opd_table(spec: SheetSpec, by_opd: dict[str, Totals], overall: Totals) -> None:
    spec.row(Styled("Menurut Perangkat Daerah", SECTION), measure=False)
    rows = [[opd, *breakdown_values(t)] for opd, t in by_opd.items()]
    spec.table([Column("Perangkat Daerah", max_width=45), *BREAKDOWN_COLUMNS], rows)
    spec.row(*breakdown_total_row(["Jumlah"], overall))


DECISION_COLUMNS: list[Column] = [
    Column("ID Baris"),
    Column("Berkas", max_width=35),
    Column("Lembar", max_width=20),
    Column("Baris"),
    Column("Perangkat Daerah", max_width=40),
    Column("Nama Aplikasi", max_width=45),
    Column("Uraian", max_width=60),
    Column("Jenis Belanja"),
    Column("Pagu (Rp)", RUPIAH),
    Column("Keputusan"),
    Column("Kode Keputusan"),
    Column("Aturan"),
    Column("Alasan", max_width=80),
    Column("Aplikasi Cocok", max_width=40),
    Column("ID Aplikasi Cocok", max_width=25),
    Column("Skor", SCORE),
    Column("Bukti Kecocokan", max_width=90),
    Column("Kelompok Duplikat"),
    Column("Direviu Oleh"),
    Column("Catatan Reviu", max_width=60),
]


def decision_row(d: DecisionRecord) -> list:
    return [
        d.line_id,
        d.source_file,
        d.sheet,
        d.row,
        opd_name(d.opd),
        d.app_name,
        d.description or "",
        spend_type_label(d.spend_type),
        d.amount,
        outcome_cell(d.outcome),
        outcome_cell(d.outcome, d.outcome),
        ", ".join(d.rules),
        d.reason,
        d.matched_app_name or "",
        d.matched_app_id or "",
        d.score,
        evidence_summary(d.explanation),
        d.duplicate_group or "",
        d.reviewed_by or "",
        d.review_note or "",
    ]


def decisions_sheet(decisions: list[DecisionRecord]) -> SheetSpec:
    """One row per line, by OPD then source position."""
    spec = SheetSpec("Keputusan")
    ordered = sorted(
        decisions, key=lambda d: (text_order(opd_name(d.opd)), d.source_file, d.sheet, d.row, d.line_id)
    )
    spec.table(DECISION_COLUMNS, [decision_row(d) for d in ordered], freeze=True)
    return spec


def duplicates_sheet(
    title: str,
    groups: list[DuplicateGroup],
    region_names: dict[str, str] | None = None,
    *,
    by_region: bool = False,
) -> SheetSpec:
    """Each group as a bold row (lines, regions, OPDs, app names, total pagu) followed by its lines, or
    with `by_region` by one row per region (lines, OPDs, app names and pagu there): the roll-up of a
    national cycle would otherwise list a quarter of a million lines that each region's workbook has.

    The group id is on every row, so filtering on it keeps a group together."""
    named = region_names is not None
    columns = [
        Column("Kelompok Duplikat"),
        Column("Jumlah Baris", COUNT),
        Column("Baris Seluruh Siklus", COUNT),
        Column("Daerah", max_width=40),
        *([Column("Nama Daerah", max_width=35)] if named else []),
        Column("Perangkat Daerah", max_width=45),
        Column("Nama Aplikasi", max_width=50),
        Column("Pagu (Rp)", RUPIAH),
        Column("ID Baris"),
        Column("Berkas", max_width=35),
        Column("Lembar", max_width=20),
        Column("Baris"),
        Column("Uraian", max_width=60),
        Column("Keputusan"),
        Column("Alasan", max_width=80),
    ]
    kinds = [c.kind for c in columns]
    rows: list[list] = []
    for g in groups:
        head = [
            g.group_id,
            len(g.members),
            g.cycle_size or len(g.members),
            g.regions_text,
            *([""] if named else []),
            "; ".join(g.opds),
            "; ".join(g.app_names),
            g.pagu,
            *[""] * 7,
        ]
        rows.append(
            [Styled(v, Style(kind=k, bold=True, fill=GROUP_FILL)) for v, k in zip(head, kinds, strict=True)]
        )
        if by_region:
            rows.extend(_region_rows(g, region_names))
            continue
        for m in g.members:
            rows.append(
                [
                    g.group_id,
                    None,
                    None,
                    m.region_code,
                    *([region_names.get(m.region_code, "")] if named else []),
                    opd_name(m.opd),
                    m.app_name,
                    m.amount,
                    m.line_id,
                    m.source_file,
                    m.sheet,
                    m.row,
                    m.description or "",
                    outcome_cell(m.outcome),
                    m.reason,
                ]
            )
    spec = SheetSpec(title)
    spec.table(columns, rows, freeze=True)
    return spec


def _region_rows(g: DuplicateGroup, region_names: dict[str, str] | None) -> list[list]:
    """One row per region of a group: its lines, OPDs, app names, pagu and outcomes there."""
    by_code: dict[str, list[DecisionRecord]] = defaultdict(list)
    for m in g.members:
        by_code[m.region_code].append(m)
    rows = []
    for code, members in sorted(by_code.items()):
        outcomes = Counter(m.outcome for m in members)
        rows.append(
            [
                g.group_id,
                len(members),
                None,
                code,
                *([region_names.get(code, "")] if region_names is not None else []),
                "; ".join(sorted({opd_name(m.opd) for m in members}, key=text_order)),
                "; ".join(sorted({" ".join(m.app_name.split()) for m in members}, key=text_order)),
                sum(m.amount for m in members),
                None,
                "",
                "",
                None,
                "",
                "; ".join(f"{outcome_label(o)} {n}" for o, n in sorted(outcomes.items())),
                "",
            ]
        )
    return rows


REJECT_COLUMNS: list[Column] = [
    Column("Berkas", max_width=35),
    Column("Lembar", max_width=20),
    Column("Baris"),
    Column("Kolom", max_width=25),
    Column("Jenis"),
    Column("Alasan", max_width=100),
]


def rejects_sheet(rejects: list[RejectRecord]) -> SheetSpec:
    """Rejected rows (the ones a planner must fix) first, then skipped headings and totals; each in
    file order."""
    ordered = sorted(
        rejects,
        key=lambda r: (r.kind != "rejected", r.region_code, r.source_file, r.sheet, r.row, r.column or ""),
    )
    rows = [
        [r.source_file, r.sheet, r.row, r.column or "", reject_kind_label(r.kind), reason_id(r.reason)]
        for r in ordered
    ]
    spec = SheetSpec("Ditolak")
    spec.table(REJECT_COLUMNS, rows, freeze=True)
    return spec


def reject_counts(rejects: list[RejectRecord]) -> tuple[int, int]:
    """(rejected, skipped)."""
    skipped = sum(1 for r in rejects if r.kind == "skipped")
    return len(rejects) - skipped, skipped
