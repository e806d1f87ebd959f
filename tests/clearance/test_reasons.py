"""Every reason the parser gives has an Indonesian text (what planners read in reports and pages)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from clearance.config import DATA_DIR
from clearance.ingest import parse_file
from clearance.report.reasons import is_known, reason_id

HEADER = ["Perangkat Daerah", "Nama Aplikasi", "Uraian", "Jenis Belanja", "Pagu"]
BAD_ROWS = [
    ["Dinkes", "SIMPUS", "", "Pembangunan", "seratus juta"],
    ["Dinkes", "Koreksi", "", "Pembangunan", "-50.000.000"],
    ["Dinkes", "SIMPUS 2", "", "Pembangunan", "0"],
    ["Dinkes", "SIMPUS 3", "", "Pembangunan", "1.250 jt"],
    ["Dinkes", "SIMPUS 4", "", "Pembangunan", "99999999999999999999"],
    ["Dinkes", "", "", "Pembangunan", "100.000"],
    ["Dinkes", "", "rapat koordinasi", "Pembangunan", "100.000"],
    ["Dinkes", "SIMPUS 5", "x" * 40_000, "Pembangunan", "100.000"],
    ["Dinkes", "", "", "Pembangunan", "seratus"],
    ["JUMLAH", "", "", "", "1.000.000"],
    ["Sub Total", "", "", "", "1.000.000"],
]


def reasons_of(path: Path) -> list[str]:
    return [issue.reason for issue in parse_file(path, cycle=2027).issues]


SAMPLES = sorted(p.name for p in (DATA_DIR / "samples").glob("*_2027.*"))


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_reasons_are_translated(sample: str) -> None:
    unknown = [r for r in reasons_of(DATA_DIR / "samples" / sample) if not is_known(r)]
    assert unknown == []


def test_bad_row_reasons_are_translated(tmp_path: Path) -> None:
    path = tmp_path / "usulan.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows([HEADER, *BAD_ROWS])
    assert len(SAMPLES) == 8
    reasons = reasons_of(path)
    assert len(reasons) == len(BAD_ROWS) + 1  # and the header row
    assert [r for r in reasons if not is_known(r)] == []


@pytest.mark.parametrize(
    ("reason", "indonesian"),
    [
        ('"seratus juta" is not an amount', '"seratus juta" bukan nilai rupiah'),
        ("-50.000.000 is negative; an amount cannot be negative", "-50.000.000 bernilai negatif; pagu tidak boleh negatif"),
        ('missing app name; column "Pagu": "seratus" is not an amount',
         'nama aplikasi kosong; kolom "Pagu": "seratus" bukan nilai rupiah'),
        ("cell has 40,000 characters (limit 32,767)", "sel berisi 40.000 karakter (batas 32.767)"),
        ("account row 5.1.02.01.01.0024 (subtotal)", "baris akun 5.1.02.01.01.0024 (subtotal)"),
        ("total row", "baris total"),
        ("something new", "something new"),  # unknown: shown as it is
    ],
)  # fmt: skip
def test_reason_id(reason: str, indonesian: str) -> None:
    assert reason_id(reason) == indonesian
