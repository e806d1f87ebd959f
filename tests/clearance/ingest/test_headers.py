"""Header synonyms and header-row detection."""

from __future__ import annotations

import pytest

from clearance.ingest.headers import (
    EXACT,
    PREFIX,
    find_header,
    is_numbering_row,
    missing_fields_message,
    normalize_header,
    note_label,
    total_label,
)
from clearance.ingest.read import Sheet


def sheet(rows: list[list[object]], merged: list[tuple[int, int, int, int]] | None = None) -> Sheet:
    return Sheet("Usulan", rows, merged or [])


def fields(rows: list[list[object]], merged=None) -> dict[str, str]:
    header, _ = find_header(sheet(rows, merged))
    assert header is not None
    return {name: col.label for name, col in header.columns.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nama Aplikasi", "nama aplikasi"),
        ("  NAMA   APLIKASI ", "nama aplikasi"),
        ("Nama\nAplikasi", "nama aplikasi"),
        ("Anggaran (Rp)", "anggaran"),
        ("Anggaran\n(Rp.)", "anggaran"),
        ("Pagu [Rp]", "pagu"),
        ("Kabupaten/Kota", "kabupaten kota"),
        ("Nama_Aplikasi*", "nama aplikasi"),
        ("Perangkat Daerah:", "perangkat daerah"),
        ("Bertambah/(Berkurang)", "bertambah"),
        (2027, "2027"),
        (None, ""),
    ],
)
def test_normalize_header(text: object, expected: str) -> None:
    assert normalize_header(text) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            ["OPD", "Aplikasi", "Uraian", "Jenis Kegiatan", "Anggaran"],
            {"opd": "OPD", "app_name": "Aplikasi", "description": "Uraian", "spend_type": "Jenis Kegiatan"},
        ),
        (
            ["SKPD", "Nama Sistem Informasi", "Fungsi Aplikasi", "Kategori", "Nilai"],
            {"opd": "SKPD", "app_name": "Nama Sistem Informasi", "description": "Fungsi Aplikasi"},
        ),
        (["Unit Kerja", "Nama Layanan", "Keterangan", "Jenis Usulan", "Jumlah"], {"opd": "Unit Kerja"}),
        (["Instansi", "Nama Sistem", "Deskripsi", "Total"], {"app_name": "Nama Sistem"}),
        (
            ["Kode Wilayah", "Kode Sub Kegiatan", "Nama Aplikasi", "Pagu Anggaran"],
            {"region": "Kode Wilayah", "sub_activity": "Kode Sub Kegiatan", "amount": "Pagu Anggaran"},
        ),
        (["Kabupaten/Kota", "Sub Kegiatan", "Nama Aplikasi", "Pagu"], {"region": "Kabupaten/Kota"}),
        (["Provinsi", "Kode Kegiatan", "Aplikasi", "Pagu"], {"sub_activity": "Kode Kegiatan"}),
        (["Pemda", "Aplikasi", "Uraian Kegiatan", "Anggaran (Rp)"], {"region": "Pemda"}),
    ],
)
def test_readme_synonyms(header: list[str], expected: dict[str, str]) -> None:
    found = fields([header, ["x"] * len(header)])
    assert "amount" in found
    assert {k: found[k] for k in expected} == expected


def test_case_space_punctuation_and_line_breaks() -> None:
    found = fields([["NO.", " perangkat  daerah ", "NAMA\nAPLIKASI", "Pagu\n(Rp.)"]])
    assert found == {"opd": "perangkat daerah", "app_name": "NAMA APLIKASI", "amount": "Pagu (Rp.)"}


def test_prefix_rule_names_a_field_when_no_closer_header_does() -> None:
    header, _ = find_header(
        sheet([["Nama Perangkat Daerah Pengusul", "Nama Aplikasi", "Deskripsi Singkat Aplikasi", "Pagu"]])
    )
    assert header is not None
    assert header.columns["opd"].label == "Nama Perangkat Daerah Pengusul"
    assert header.columns["opd"].quality == PREFIX
    assert header.columns["description"].label == "Deskripsi Singkat Aplikasi"
    assert header.columns["app_name"].quality == EXACT


def test_exact_header_beats_prefix() -> None:
    found = fields([["Deskripsi Singkat Aplikasi", "Nama Aplikasi", "Deskripsi", "Jumlah Pengguna", "Pagu"]])
    assert found["description"] == "Deskripsi"
    assert found["amount"] == "Pagu"


def test_preferred_synonym_wins_between_exact_matches() -> None:
    found = fields([["Nama Aplikasi", "Total", "Pagu"]])
    assert found["amount"] == "Pagu"


def test_title_block_above_header() -> None:
    rows = [
        ["USULAN BELANJA SPBE TAHUN ANGGARAN 2027"],
        ["PEMERINTAH KABUPATEN MAGETAN"],
        [],
        ["Anggaran belanja aplikasi per perangkat daerah"],
        ["No", "Perangkat Daerah", "Nama Aplikasi", "Pagu"],
        [1, "Dinas Kesehatan", "SIMPUS", 150_000_000],
    ]
    header, _ = find_header(sheet(rows, [(0, 0, 0, 3)]))
    assert header is not None
    assert (header.row, header.height, header.data_start) == (4, 1, 5)


def test_header_split_over_two_rows_with_merged_cells() -> None:
    rows = [
        ["No", "Perangkat Daerah", "Aplikasi", None, "Anggaran"],
        [None, None, "Nama", "Deskripsi", "(Rp)"],
        [1, "Dinas Kesehatan", "SIMPUS", "Aplikasi Puskesmas", 150_000_000],
    ]
    merged = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3)]  # No and OPD merged down, Aplikasi across
    header, _ = find_header(sheet(rows, merged))
    assert header is not None
    assert (header.row, header.height) == (0, 2)
    assert {n: c.index for n, c in header.columns.items()} == {
        "opd": 1,
        "app_name": 2,
        "description": 3,
        "amount": 4,
    }
    assert header.columns["app_name"].label == "Aplikasi / Nama"


def test_header_words_wrapped_into_two_rows_without_merges() -> None:
    rows = [["Nama", "Pagu"], ["Sistem", "(Rp)"], ["SIMPEG", 1_000_000]]
    header, _ = find_header(sheet(rows))
    assert header is not None
    assert (header.height, header.data_start) == (2, 2)
    assert header.columns["app_name"].label == "Nama / Sistem"
    assert header.columns["amount"].label == "Pagu / (Rp)"


def test_second_header_row_with_only_units() -> None:
    rows = [
        ["No", "SKPD", "Nama Aplikasi", "Jumlah"],
        [None, None, None, "(Rp)"],
        [1, "Dinas Komunikasi dan Informatika", "Klinik Hoaks", 30_000_000],
    ]
    header, _ = find_header(sheet(rows, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2)]))
    assert header is not None
    assert (header.row, header.height, header.data_start) == (0, 2, 2)


def test_numbering_row_is_not_a_header_row() -> None:
    rows = [["Nama Aplikasi", "Pagu"], ["(1)", "(2)"], ["SIMPEG", 1]]
    header, _ = find_header(sheet(rows))
    assert header is not None
    assert header.data_start == 1


def test_description_alone_satisfies_the_name_requirement() -> None:
    header, _ = find_header(sheet([["Uraian", "Pagu"]]))
    assert header is not None
    assert set(header.columns) == {"description", "amount"}


def test_missing_fields_message_names_fields_and_synonyms() -> None:
    header, closest = find_header(
        sheet([["Daftar usulan"], ["No", "Perangkat Daerah", "Nama Aplikasi", "Satuan"]])
    )
    assert header is None
    assert missing_fields_message(closest) == (
        'no header row with the required columns: missing amount (looked for "Pagu", "Pagu Anggaran", '
        '"Anggaran", "Anggaran (Rp)", "Nilai", "Jumlah", "Total", "Pagu Indikatif", "Nilai Anggaran", '
        '"Jumlah Anggaran", "Total Anggaran", "Usulan Anggaran", "Kebutuhan Anggaran", "Rencana Anggaran"); '
        'closest was row 2 with "Perangkat Daerah", "Nama Aplikasi"'
    )


def test_missing_everything() -> None:
    header, closest = find_header(sheet([["Petunjuk pengisian"], ["Isi setiap baris"]]))
    assert header is None and closest is None
    message = missing_fields_message(closest)
    assert message.startswith(
        'no header row with the required columns: missing app name or description (looked for "Nama Aplikasi", '
    )
    assert '"Uraian", "Deskripsi"' in message
    assert '; amount (looked for "Pagu"' in message
    assert "closest" not in message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Jumlah", "total row"),
        ("JUMLAH TOTAL", "total row"),
        ("Total", "total row"),
        ("Grand Total", "total row"),
        ("Sub Total", "subtotal row"),
        ("Subtotal Dinas Kesehatan", "subtotal row"),
        ("Jumlah (Rp)", "total row"),
        ("Jumlah Anggaran Sub Kegiatan", "total row"),
        ("SIMPEG", None),
        ("Totalitas Layanan", None),
        ("Penjumlahan", None),
    ],
)
def test_total_label(text: str, kind: str | None) -> None:
    assert total_label(text) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mengetahui,", True),
        ("Kepala Dinas Komunikasi dan Informatika", True),
        ("NIP. 19780101 200501 1 001", True),
        ("Caruban, 14 Oktober 2026", True),
        ("( .............................. )", True),
        ("SIMPEG", False),
        ("Sistem Informasi Kepegawaian", False),
    ],
)
def test_note_label(text: str, expected: bool) -> None:
    assert note_label(text) is expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ([1, 2, 3, 4, 5], True),
        (["(1)", "(2)", "(3)", "(4)"], True),
        (["1", "", "2", "3"], True),
        ([1, 2], False),
        ([1, "SIMPEG", 3], False),
        ([3, 2, 1], False),
    ],
)
def test_numbering_row(row: list[object], expected: bool) -> None:
    assert is_numbering_row(row) is expected
