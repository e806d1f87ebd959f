"""Region workbook, cycle roll-up, JSONL and summaries: written, then read back."""

from __future__ import annotations

import json
import random
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from clearance.records import JSONL_FIELDS, OUTCOMES, REJECT_JSONL_FIELDS, DecisionRecord, RejectRecord
from clearance.report import (
    OUTCOME_FILLS,
    RUPIAH_FORMAT,
    region_report_name,
    summarize,
    summary_markdown,
    write_cycle_rollup,
    write_decisions_jsonl,
    write_region_workbook,
    write_rejected_jsonl,
)

CYCLE = 2027
GENERATED = datetime(2026, 9, 1, 8, 30)
HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\t=1+1", "=cmd|' /C calc'!A0"]

_line_ids = iter(range(1, 10_000))


def rec(
    outcome: str,
    amount: int,
    *,
    opd: str | None = "Dinas Kesehatan",
    app: str = "Aplikasi Puskesmas",
    region: str = "35.19",
    group: str | None = None,
    group_regions: tuple[str, ...] = (),
    **kw,
) -> DecisionRecord:
    line_id = next(_line_ids)
    explanation = {"group": {"id": group, "size": 9, "regions": list(group_regions)}} if group_regions else {}
    return DecisionRecord(
        line_id=line_id,
        source_file=f"usulan_{region}.xlsx",
        sheet="Usulan",
        row=line_id + 4,
        region_code=region,
        cycle=CYCLE,
        opd=opd,
        app_name=app,
        description=kw.pop("description", "Pembangunan aplikasi"),
        spend_type=kw.pop("spend_type", "new"),
        amount=amount,
        outcome=outcome,
        rules=kw.pop("rules", ["R0"]),
        reason=kw.pop("reason", "Tidak ada aturan lain yang berlaku."),
        duplicate_group=group,
        policy_version="2027.1",
        catalog_version=4,
        explanation=explanation,
        **kw,
    )


def region_decisions() -> list[DecisionRecord]:
    """Region 35.19: three OPDs, every outcome, two duplicate groups (one also in 35.78), hostile text."""
    return [
        rec("CLEARED", 100_000_000, opd="Dinas Kesehatan", app="SIMPUS Kecamatan Ngébel"),
        rec("CLEARED", 50_000_000, opd="Dinas Pendidikan", app=HOSTILE[0], spend_type="maintenance"),
        rec(
            "USE_SHARED_APP",
            300_000_000,
            opd="Dinas Pendidikan",
            app="e-Office Dinas Pendidikan",
            rules=["R1", "R4"],
            reason="Fungsi dilayani aplikasi umum SRIKANDI (ANRI).",
            matched_app_id="srikandi",
            matched_app_name="SRIKANDI",
            score=93.5,
            group="G-1",
        ),
        rec("CONSOLIDATE", 200_000_000, opd="Bappeda", app="e-Office Bappeda", rules=["R4"], group="G-1"),
        rec(
            "CONSOLIDATE",
            150_000_000,
            opd="Bappeda",
            app="SIMPEG Kab. Sidoarjo",
            rules=["R4"],
            group="G-2",
            group_regions=("35.19", "35.78"),
            reviewed_by="auditor1",
            review_note="Dikonfirmasi",
        ),
        rec("NEEDS_REVIEW", 80_000_000, opd="Bappeda", app=HOSTILE[1], description=HOSTILE[3], rules=["R6"]),
        rec("NEEDS_REVIEW", 20_000_000, opd=HOSTILE[2], app="Sewa Hosting", spend_type="infrastructure"),
        rec("NOT_SPBE", 1_000_000_000, opd="Dinas Kesehatan", app="Belanja Obat", rules=["NS"]),
        rec("CLEARED", 5_000_000, opd=None, app=HOSTILE[4], reason=HOSTILE[5]),
    ]


def other_region_decisions() -> list[DecisionRecord]:
    return [
        rec(
            "CONSOLIDATE",
            175_000_000,
            region="35.78",
            opd="BKPSDM",
            app="SIMPEG Surabaya",
            rules=["R4"],
            group="G-2",
            group_regions=("35.19", "35.78"),
        ),
        rec("CLEARED", 25_000_000, region="35.78", opd="BKPSDM", app="Absensi Online"),
    ]


def region_rejects(region: str = "35.19") -> list[RejectRecord]:
    return [
        RejectRecord(
            f"usulan_{region}.xlsx",
            "Usulan",
            30,
            "Pagu",
            '"seratus juta" bukan angka',
            "rejected",
            region,
            CYCLE,
        ),
        RejectRecord(f"usulan_{region}.xlsx", "Usulan", 3, None, "Baris judul", "skipped", region, CYCLE),
        RejectRecord(
            f"usulan_{region}.xlsx", "Usulan", 31, "Nama Aplikasi", HOSTILE[0], "rejected", region, CYCLE
        ),
    ]


@pytest.fixture(scope="module")
def region_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[DecisionRecord]]:
    decisions = region_decisions()
    path = tmp_path_factory.mktemp("report") / region_report_name("35.19", CYCLE)
    written = write_region_workbook(
        path,
        region_code="35.19",
        region_name="Kabupaten Sidoarjo",
        cycle=CYCLE,
        decisions=decisions,
        rejects=region_rejects(),
        policy_version="2027.1",
        catalog_version=4,
        generated_at=GENERATED,
    )
    assert written == path
    return path, decisions


def header(ws: Worksheet, row: int = 1) -> list:
    return [c.value for c in ws[row] if c.value is not None]


def row_by_label(ws: Worksheet, label: str, column: int = 1) -> tuple:
    """The first row whose `column` holds `label`."""
    for row in ws.iter_rows():
        if row[column - 1].value == label:
            return row
    raise AssertionError(f"no row labelled {label!r} in {ws.title}")


def test_region_report_name_keeps_the_dots() -> None:
    assert region_report_name("35.19", 2027) == "clearance-35.19-2027.xlsx"
    assert region_report_name("35", 2027) == "clearance-35-2027.xlsx"


def test_region_workbook_sheets_and_headers(region_book) -> None:
    path, _ = region_book
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Keputusan", "Duplikat", "Ditolak"]
    assert header(wb["Keputusan"]) == [
        "ID Baris", "Berkas", "Lembar", "Baris", "Perangkat Daerah", "Nama Aplikasi", "Uraian",
        "Jenis Belanja", "Pagu (Rp)", "Keputusan", "Kode Keputusan", "Aturan", "Alasan", "Aplikasi Cocok",
        "ID Aplikasi Cocok", "Skor", "Bukti Kecocokan", "Kelompok Duplikat", "Direviu Oleh", "Catatan Reviu",
    ]  # fmt: skip
    assert header(wb["Duplikat"]) == [
        "Kelompok Duplikat", "Jumlah Baris", "Baris Seluruh Siklus", "Daerah", "Perangkat Daerah",
        "Nama Aplikasi", "Pagu (Rp)", "ID Baris", "Berkas", "Lembar", "Baris", "Uraian", "Keputusan", "Alasan",
    ]  # fmt: skip
    assert header(wb["Ditolak"]) == ["Berkas", "Lembar", "Baris", "Kolom", "Jenis", "Alasan"]
    for name in ("Keputusan", "Duplikat", "Ditolak"):
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(c.font.b for c in ws[1] if c.value), name
        assert ws.column_dimensions["A"].width > 0


def test_region_summary_totals(region_book) -> None:
    path, _ = region_book
    ws = load_workbook(path)["Ringkasan"]
    assert row_by_label(ws, "Pemerintah Daerah")[1].value == "Kabupaten Sidoarjo"
    assert row_by_label(ws, "Tahun Anggaran")[1].value == "2027"
    assert row_by_label(ws, "Versi Kebijakan")[1].value == "2027.1"
    assert row_by_label(ws, "Versi Katalog")[1].value == "4"
    assert row_by_label(ws, "Dibuat Pada")[1].value == "2026-09-01 08:30"

    total = row_by_label(ws, "Total pagu diusulkan")
    assert (total[1].value, total[3].value) == (1_905_000_000, 9)
    assert total[1].number_format == RUPIAH_FORMAT
    assert row_by_label(ws, "Pagu belanja SPBE")[1].value == 905_000_000
    headline = row_by_label(ws, "Pagu ditandai untuk aplikasi umum dan konsolidasi (efisiensi)")
    assert headline[1].value == 650_000_000  # 300 + 200 + 150 juta
    assert headline[2].value == pytest.approx(650 / 905)
    assert headline[2].number_format == "0.0%"
    assert row_by_label(ws, "Pagu Perlu Reviu")[1].value == 100_000_000
    assert row_by_label(ws, "Baris ditolak (lihat sheet Ditolak)")[3].value == 2
    assert row_by_label(ws, "Baris dilewati (judul, subtotal)")[3].value == 1

    expected = {  # code: (lines, pagu)
        "CLEARED": (3, 155_000_000),
        "USE_SHARED_APP": (1, 300_000_000),
        "CONSOLIDATE": (2, 350_000_000),
        "NEEDS_REVIEW": (2, 100_000_000),
        "NOT_SPBE": (1, 1_000_000_000),
    }
    for code, (lines, pagu) in expected.items():
        row = row_by_label(ws, code, column=2)
        assert (row[2].value, row[3].value) == (lines, pagu), code
        assert row[3].number_format == RUPIAH_FORMAT
        assert row[0].fill.fgColor.rgb[-6:] == OUTCOME_FILLS[code]

    # By OPD: lines, proposed, shared, consolidate, review, cleared, not SPBE, efficiency, share.
    assert [c.value for c in row_by_label(ws, "Bappeda")][1:9] == [
        3, 430_000_000, 0, 350_000_000, 80_000_000, 0, 0, 350_000_000,
    ]  # fmt: skip
    assert [c.value for c in row_by_label(ws, "Dinas Pendidikan")][1:9] == [
        2, 350_000_000, 300_000_000, 0, 0, 50_000_000, 0, 300_000_000,
    ]  # fmt: skip
    assert row_by_label(ws, "Dinas Kesehatan")[7].value == 1_000_000_000
    assert row_by_label(ws, "(tanpa OPD)")[1].value == 1
    assert row_by_label(ws, "-2")[1].value == 1  # a hostile OPD name is still an OPD
    opd_total = [r for r in ws.iter_rows() if r[0].value == "Jumlah"][-1]
    assert [c.value for c in opd_total][1:3] == [9, 1_905_000_000]
    assert ws.auto_filter.ref.startswith("A") and row_by_label(ws, "Perangkat Daerah")[0].row == int(
        ws.auto_filter.ref.split(":")[0][1:]
    )


def test_decision_rows_formats_and_colours(region_book) -> None:
    path, decisions = region_book
    ws = load_workbook(path)["Keputusan"]
    assert ws.max_row == len(decisions) + 1
    cols = {c.value: c.column - 1 for c in ws[1]}
    by_id = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    assert set(by_id) == {d.line_id for d in decisions}
    for d in decisions:
        row = by_id[d.line_id]
        assert row[cols["Pagu (Rp)"]].value == d.amount
        assert row[cols["Pagu (Rp)"]].number_format == RUPIAH_FORMAT
        assert row[cols["Kode Keputusan"]].value == d.outcome
        assert row[cols["Keputusan"]].value == d.outcome_label
        for name in ("Keputusan", "Kode Keputusan"):
            fill = row[cols[name]].fill
            assert fill.fill_type == "solid" and fill.fgColor.rgb[-6:] == OUTCOME_FILLS[d.outcome]
    shared = next(d for d in decisions if d.outcome == "USE_SHARED_APP")
    row = by_id[shared.line_id]
    assert row[cols["Aturan"]].value == "R1, R4"
    assert row[cols["Aplikasi Cocok"]].value == "SRIKANDI"
    assert row[cols["Skor"]].value == 93.5 and row[cols["Skor"]].number_format == "0.0"
    assert row[cols["Jenis Belanja"]].value == "Pembangunan baru"
    reviewed = next(d for d in decisions if d.reviewed_by)
    assert by_id[reviewed.line_id][cols["Direviu Oleh"]].value == "auditor1"
    assert by_id[reviewed.line_id][cols["Catatan Reviu"]].value == "Dikonfirmasi"
    # Rows are grouped by OPD for the planner.
    opds = [row[cols["Perangkat Daerah"]].value for row in ws.iter_rows(min_row=2)]
    assert opds == sorted(opds, key=str.casefold)


def test_duplicate_and_reject_sheets(region_book) -> None:
    path, _ = region_book
    wb = load_workbook(path)
    ws = wb["Duplikat"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    heads = {r[0]: r for r in rows if r[1] is not None}
    assert set(heads) == {"G-1", "G-2"}
    assert heads["G-1"][1:7] == [2, 2, "35.19", "Bappeda; Dinas Pendidikan", "e-Office Bappeda; e-Office Dinas Pendidikan", 500_000_000]  # fmt: skip
    assert heads["G-2"][2:4] == [9, "35.19; 35.78"]  # cycle-wide size and regions from the engine
    assert [r[0] for r in rows] == ["G-1", "G-1", "G-1", "G-2", "G-2"]  # largest pagu first
    assert ws["A2"].font.b and ws["G2"].number_format == RUPIAH_FORMAT

    ws = wb["Ditolak"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert rows == [  # what a planner must fix first, then the skipped headings
        ["usulan_35.19.xlsx", "Usulan", 30, "Pagu", "Ditolak", '"seratus juta" bukan angka'],
        ["usulan_35.19.xlsx", "Usulan", 31, "Nama Aplikasi", "Ditolak", HOSTILE[0]],
        ["usulan_35.19.xlsx", "Usulan", 3, None, "Dilewati", "Baris judul"],
    ]


def all_cells(path: Path):
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            yield from row


def assert_formula_free(path: Path) -> None:
    assert not [c.coordinate for c in all_cells(path) if c.data_type == "f"]
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name), name


def test_formula_injection_is_written_as_text(region_book) -> None:
    path, _ = region_book
    assert_formula_free(path)
    hostile = [c for c in all_cells(path) if c.value in HOSTILE]
    assert {c.value for c in hostile} == set(HOSTILE)
    for cell in hostile:
        assert cell.data_type == "s" and cell.quotePrefix, (cell.parent.title, cell.coordinate)


def test_control_characters_and_empty_workbook(tmp_path: Path) -> None:
    odd = rec("CLEARED", 1, app="SIM\x00PEG\x1f", description="x" * 40_000, score=float("nan"))
    path = write_region_workbook(
        tmp_path / "odd.xlsx",
        region_code="35.19",
        region_name="",
        cycle=CYCLE,
        decisions=[odd],
        rejects=[],
        policy_version="",
        catalog_version=None,
    )
    cells = {c.value for c in all_cells(path)}
    assert "SIMPEG" in cells and max(len(v) for v in cells if isinstance(v, str)) == 32_767
    empty = write_region_workbook(
        tmp_path / "empty.xlsx",
        region_code="35.19",
        region_name="Kabupaten Sidoarjo",
        cycle=CYCLE,
        decisions=[],
        rejects=[],
        policy_version="2027.1",
        catalog_version=4,
    )
    ws = load_workbook(empty)["Ringkasan"]
    assert row_by_label(ws, "Total pagu diusulkan")[1].value == 0
    assert not list(tmp_path.glob(".*.tmp"))


def test_decisions_jsonl(tmp_path: Path) -> None:
    decisions = region_decisions() + other_region_decisions()
    path = write_decisions_jsonl(tmp_path / "decisions.jsonl", decisions)
    raw = path.read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw
    lines = raw.decode("utf-8").splitlines()
    assert len(lines) == len(decisions)
    assert "Ngébel" in raw.decode("utf-8")  # UTF-8, not \u escapes
    by_id = {d.line_id: d for d in decisions}
    for line in lines:
        obj = json.loads(line)
        assert list(obj) == list(JSONL_FIELDS)
        assert obj == by_id[obj["line_id"]].to_json()
        assert (
            isinstance(obj["line_id"], int) and isinstance(obj["row"], int) and isinstance(obj["amount"], int)
        )
        assert isinstance(obj["rules"], list) and all(isinstance(r, str) for r in obj["rules"])
        assert obj["score"] is None or isinstance(obj["score"], float)
        assert obj["outcome"] in OUTCOMES
    shuffled = decisions[:]
    random.Random(7).shuffle(shuffled)
    again = write_decisions_jsonl(tmp_path / "again.jsonl", shuffled)
    assert again.read_bytes() == raw


def test_rejected_jsonl(tmp_path: Path) -> None:
    rejects = region_rejects() + region_rejects("35.78")
    path = write_rejected_jsonl(tmp_path / "rejected.jsonl", rejects)
    objs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(objs) == 6
    assert all(tuple(o) == REJECT_JSONL_FIELDS for o in objs)
    assert REJECT_JSONL_FIELDS[:5] == ("source_file", "sheet", "row", "column", "reason")
    assert objs[0] == {"source_file": "usulan_35.19.xlsx", "sheet": "Usulan", "row": 3, "column": None,
                       "reason": "Baris judul", "kind": "skipped", "region_code": "35.19", "cycle": CYCLE}  # fmt: skip
    assert {o["region_code"] for o in objs} == {"35.19", "35.78"}
    assert write_rejected_jsonl(tmp_path / "again.jsonl", rejects[::-1]).read_bytes() == path.read_bytes()


def test_cycle_rollup(tmp_path: Path) -> None:
    decisions = region_decisions() + other_region_decisions()
    rejects = region_rejects() + region_rejects("35.78")[:1]
    path = write_cycle_rollup(
        tmp_path / f"clearance-rollup-{CYCLE}.xlsx",
        cycle=CYCLE,
        decisions=decisions,
        rejects=rejects,
        region_names={"35.19": "Kabupaten Sidoarjo", "35.78": "Kota Surabaya"},
        policy_version="2027.1",
        catalog_version=4,
        generated_at=GENERATED,
    )
    wb = load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Per Daerah", "Per OPD", "Duplikat Lintas Daerah"]
    assert_formula_free(path)

    ws = wb["Ringkasan"]
    assert row_by_label(ws, "Jumlah Daerah")[1].value == "2"
    assert row_by_label(ws, "Total pagu diusulkan")[1].value == 2_105_000_000
    assert row_by_label(ws, "CONSOLIDATE", column=2)[3].value == 525_000_000

    ws = wb["Per Daerah"]
    assert header(ws)[:4] == ["Kode Wilayah", "Nama Daerah", "Jumlah Baris", "Pagu Diusulkan (Rp)"]
    assert header(ws)[-2:] == ["Baris Ditolak", "Baris Dilewati"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:M3"
    # code, name, lines, proposed, shared, consolidate, review, cleared, not SPBE, efficiency, %, rej, skip
    sidoarjo = [c.value for c in row_by_label(ws, "35.19")]
    assert sidoarjo[:10] == [
        "35.19", "Kabupaten Sidoarjo", 9, 1_905_000_000, 300_000_000, 350_000_000, 100_000_000,
        155_000_000, 1_000_000_000, 650_000_000,
    ]  # fmt: skip
    assert sidoarjo[10] == pytest.approx(650 / 905) and sidoarjo[11:] == [2, 1]
    surabaya = [c.value for c in row_by_label(ws, "35.78")]
    assert surabaya[:4] == ["35.78", "Kota Surabaya", 2, 200_000_000] and surabaya[5] == 175_000_000
    assert surabaya[11:] == [1, 0]
    total = row_by_label(ws, "Jumlah")
    assert [c.value for c in total][2:4] == [11, 2_105_000_000] and total[2].font.b
    assert row_by_label(ws, "35.19")[3].number_format == RUPIAH_FORMAT

    ws = wb["Per OPD"]
    bkpsdm = [c.value for c in row_by_label(ws, "BKPSDM", column=3)]
    assert bkpsdm[:5] == ["35.78", "Kota Surabaya", "BKPSDM", 2, 200_000_000]

    ws = wb["Duplikat Lintas Daerah"]
    groups = {r[0].value for r in ws.iter_rows(min_row=2)}
    assert groups == {"G-2"}  # G-1 stays inside one region
    head = [c.value for c in ws[2]]
    assert head[:5] == ["G-2", 2, 9, "35.19; 35.78", None] and head[7] == 325_000_000
    assert [c.value for c in ws["E"]][2:] == ["Kabupaten Sidoarjo", "Kota Surabaya"]


def test_summarize_and_markdown() -> None:
    summary = summarize(region_decisions() + other_region_decisions())
    assert summary["lines"] == 11 and summary["regions"] == ["35.19", "35.78"]
    assert summary["total_pagu"] == 2_105_000_000
    assert summary["spbe_pagu"] == 1_105_000_000
    assert summary["efficiency_pagu"] == 825_000_000
    assert summary["flagged_pagu"] == 925_000_000  # records.FLAGGED also counts NEEDS_REVIEW
    assert summary["efficiency_pct"] == pytest.approx(100 * 825 / 1105)
    assert summary["by_outcome"]["CONSOLIDATE"] == {"label": "Konsolidasi", "lines": 3, "pagu": 525_000_000}
    assert list(summary["by_outcome"]) == list(OUTCOMES)
    bappeda = next(r for r in summary["by_opd"] if r["opd"] == "Bappeda")
    assert (bappeda["region_code"], bappeda["lines"], bappeda["efficiency_pagu"]) == ("35.19", 3, 350_000_000)
    assert [r["region_code"] for r in summary["by_region"]] == ["35.19", "35.78"]
    json.dumps(summary)  # ready for a Prefect artifact or an API
    two = summarize([rec("CLEARED", 1, opd="BKPSDM"), rec("CLEARED", 1, opd=" Bappeda ")])
    assert [r["opd"] for r in two["by_opd"]] == ["Bappeda", "BKPSDM"]  # case-insensitive, trimmed

    md = summary_markdown(summarize(region_decisions()), "Kabupaten Sidoarjo", CYCLE)
    assert md.startswith("# Kliring Belanja SPBE: Kabupaten Sidoarjo, Tahun Anggaran 2027")
    assert "Rp 1.905.000.000" in md and "Rp 650.000.000 (71,8% dari pagu belanja SPBE)" in md
    assert "| Konsolidasi | 2 | Rp 350.000.000 | 38,7% |" in md
    assert "| Bappeda | 3 | Rp 430.000.000 |" in md
    assert "Menurut perangkat daerah" in md
    assert "Menurut daerah" in summary_markdown(summary, "semua", CYCLE)


def test_a_group_spanning_many_regions_names_the_first_and_counts_the_rest() -> None:
    from clearance.report.summary import DuplicateGroup

    member = region_decisions()[0]
    group = DuplicateGroup(
        "DG-x", [member], cycle_size=600, cycle_regions=("11", "11.01"), cycle_region_count=552
    )
    assert group.regions_text == f"11; 11.01; {member.region_code} (+549 daerah lain)"
    assert DuplicateGroup("DG-y", [member]).regions_text == member.region_code
