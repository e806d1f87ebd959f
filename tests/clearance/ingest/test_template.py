"""Layout A: the SPBE proposal template, from clean to messy."""

from __future__ import annotations

import time
from dataclasses import astuple

import pytest
import python_calamine

from clearance.config import Settings
from clearance.ingest import IngestError, parse_file
from clearance.ingest.read import _scan_zip


def issues(parsed) -> list[tuple]:
    return [(i.row, i.kind, i.reason, i.column) for i in parsed.issues]


def test_clean_template(xlsx, make_template) -> None:
    parsed = parse_file(xlsx(make_template()))
    assert parsed.layout == "template"
    assert parsed.sheets == ["Usulan"]
    assert [(ln.row, ln.opd, ln.app_name, ln.spend_type, ln.amount) for ln in parsed.lines] == [
        (5, "Dinas Komunikasi dan Informatika", "SIMPEG", "enhancement", 1_250_000_000),
        (6, "Dinas Komunikasi dan Informatika", "Aplikasi Surat Menyurat Elektronik", "new", 350_000_000),
        (7, "Dinas Kesehatan", "simpus.magetan.go.id", "maintenance", 150_000_000),
        (
            8,
            "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "SiCantik Cloud",
            "infrastructure",
            1_250_000_000,
        ),
        (9, "Dinas Perhubungan", "ATCS DENPASAR", "license", 2_500_000),
    ]
    assert parsed.lines[0].description == "Sistem Informasi Manajemen Kepegawaian"
    assert all(ln.is_spbe and ln.sheet == "Usulan" for ln in parsed.lines)
    assert issues(parsed) == [
        (1, "skipped", "title/heading", None),
        (2, "skipped", "title/heading", None),
        (4, "skipped", "header", None),
        (10, "skipped", "total row", None),
    ]
    assert parsed.rows_read == 9 == len(parsed.lines) + len(parsed.issues)
    assert parsed.warnings == []


MESSY = [
    ["RENCANA BELANJA SPBE TAHUN 2027"],
    ["PEMERINTAH KABUPATEN MADIUN  "],
    [],
    ["No", "Perangkat Daerah", "Aplikasi", None, "Jenis\nBelanja", "Anggaran\n(Rp)", "Sumber Dana"],
    [None, None, "Nama", "Deskripsi Singkat", None, None, None],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
    ["I. BIDANG PEMERINTAHAN"],
    [
        1,
        "Badan Kepegawaian dan Pengembangan SDM ",
        "SIMPEG ",
        "Data ASN",
        "Pengembangan",
        "Rp 1.250.000.000,00",
        "PAD",
    ],
    [2, None, "e-Kinerja", "Kinerja dan TPP pegawai", "Pembangunan Baru", 350_000_000.0, "PAD"],
    [
        3,
        "Dinas Kesehatan",
        None,
        "Pembangunan Sistem Informasi Puskesmas Terpadu",
        "Sewa Hosting",
        "150 jt",
        "DAK",
    ],
    [4, "Dinas Kesehatan", "SIMPUS", None, None, "seratus juta", "DAK"],
    [5, "Dinas Kesehatan", None, "Pengadaan laptop untuk puskesmas", "Perangkat", 80_000_000, "DAK"],
    [6, "   ", None, None, None, None, None],
    ["   "],
    ["Sub Total", None, None, None, None, "=SUM(F8:F12)", None],
    ["No", "Perangkat Daerah", "Aplikasi", None, "Jenis Belanja", "Anggaran (Rp)", "Sumber Dana"],
    [7, "Dinas Perhubungan", "ATCS DENPASAR", "Lalu lintas", "Lisensi", "-5.000.000", "PAD"],
    [8, "Dinas Perhubungan", "Aplikasi Parkir Elektronik", None, "Pengembangan", 0, None],
    ["JUMLAH TOTAL", None, None, None, None, "=SUM(F8:F18)", None],
    [],
    [None, None, None, None, "Caruban, 14 Oktober 2026"],
    [None, None, None, None, "Kepala Bappeda"],
    [None, None, None, None, "( ............................ )"],
    [None, None, None, None, "NIP. 19780101 200501 1 001"],
]
MERGES = [
    "A1:G1",
    "A4:A5",
    "B4:B5",
    "C4:D4",
    "E4:E5",
    "F4:F5",
    "G4:G5",
    "A7:G7",
    "B8:B9",
    "A15:E15",
    "A19:E19",
]


def test_messy_template(xlsx) -> None:
    path = xlsx(
        MESSY, merges={"Usulan": MERGES}, cached={"Usulan": {"F15": 1_600_000_000, "F19": 1_600_000_000}}
    )
    parsed = parse_file(path, name="usulan_madiun.xlsx")
    assert parsed.file == "usulan_madiun.xlsx"
    assert [(ln.row, ln.opd, ln.app_name, ln.spend_type, ln.amount) for ln in parsed.lines] == [
        (8, "Badan Kepegawaian dan Pengembangan SDM", "SIMPEG", "enhancement", 1_250_000_000),
        (
            9,
            "Badan Kepegawaian dan Pengembangan SDM",
            "e-Kinerja",
            "new",
            350_000_000,
        ),  # merged OPD filled down
        (10, "Dinas Kesehatan", "Sistem Informasi Puskesmas Terpadu", "infrastructure", 150_000_000),
    ]
    assert parsed.lines[2].description == "Pembangunan Sistem Informasi Puskesmas Terpadu"
    assert issues(parsed) == [
        (1, "skipped", "title/heading", None),
        (2, "skipped", "title/heading", None),
        (4, "skipped", "header", None),
        (5, "skipped", "header", None),
        (6, "skipped", "column numbers", None),
        (7, "skipped", "heading", None),
        (11, "rejected", '"seratus juta" is not an amount', "Anggaran (Rp)"),
        (
            12,
            "rejected",
            'missing app name (and column "Aplikasi / Deskripsi Singkat" does not name an application)',
            "Aplikasi / Nama",
        ),
        (13, "skipped", "empty row (numbers only)", None),
        (15, "skipped", "subtotal row", None),
        (16, "skipped", "repeated header", None),
        (
            17,
            "rejected",
            '"-5.000.000" is negative; an amount cannot be negative',
            "Anggaran (Rp)",
        ),
        (18, "rejected", "amount is 0", "Anggaran (Rp)"),
        (19, "skipped", "total row", None),
        (21, "skipped", "note/signature", None),
        (22, "skipped", "note/signature", None),
        (23, "skipped", "note/signature", None),
        (24, "skipped", "note/signature", None),
    ]
    rejected = parsed.rejected[0]
    assert rejected.raw == ["4", "Dinas Kesehatan", "SIMPUS", "", "", "seratus juta", "DAK"]
    assert (
        parsed.rows_read == len(parsed.lines) + len(parsed.issues) == 21
    )  # blank rows 3, 14, 20 not counted
    assert parsed.warnings == [
        'usulan_madiun.xlsx, sheet "Usulan": column "Aplikasi / Deskripsi Singkat" was read as the description'
    ]


def test_missing_both_name_and_amount_reports_both(xlsx, make_template) -> None:
    rows = make_template([("Dinas Sosial", None, None, "Pembangunan", "sejuta")], total=False)
    parsed = parse_file(xlsx(rows))
    assert parsed.rejected[0].reason == ('missing app name; column "Pagu (Rp)": "sejuta" is not an amount')
    assert parsed.rejected[0].column == "Nama Aplikasi"


def test_description_names_the_app_when_there_is_no_name_column(xlsx) -> None:
    rows = [
        ["Perangkat Daerah", "Uraian Kegiatan", "Pagu"],
        ["Bappeda", "Pengembangan Aplikasi e-Musrenbang tahun 2027", "95.000.000"],
        ["Bappeda", "Rapat koordinasi perencanaan", "5.000.000"],
        ["Dinas Kominfo", "Belanja Modal Software Berupa Pembangunan Portal Satu Data", "200 jt"],
    ]
    parsed = parse_file(xlsx(rows))
    assert [(ln.app_name, ln.spend_type) for ln in parsed.lines] == [
        ("Aplikasi e-Musrenbang", "enhancement"),
        ("Portal Satu Data", "new"),
    ]
    assert [(i.row, i.reason, i.column) for i in parsed.rejected] == [
        (
            3,
            "missing app name: the description does not name an application",
            "Uraian Kegiatan",
        )
    ]


def test_sub_activity_codes_are_normalised(xlsx) -> None:
    rows = [
        ["Kode Sub Kegiatan", "Nama Aplikasi", "Pagu"],
        ["2.16.3.2.2.20 - Pembangunan dan/atau Pengembangan Aplikasi Khusus", "SIMPEG", 1_000_000],
        ["2.16.03.02.02.0020", "SRIKANDI", 1_000_000],
        ["Pengelolaan e-Government", "JDIH", 1_000_000],
    ]
    parsed = parse_file(xlsx(rows))
    assert [ln.sub_activity for ln in parsed.lines] == [
        "2.16.03.2.02.0020",
        "2.16.03.2.02.0020",
        "Pengelolaan e-Government",
    ]


def test_region_column_and_spend_type_from_description(xlsx) -> None:
    rows = [
        ["Kabupaten/Kota", "Nama Aplikasi", "Keterangan", "Jenis Usulan", "Nilai"],
        ["Kabupaten Magetan", "Website Desa", "Sewa hosting website desa", None, 79_920_000],
        ["Kabupaten Magetan", "SIMPEG", "Pemeliharaan rutin", "", 10_000_000],
        ["Kabupaten Magetan", "SIMPUS", "Bridging SATUSEHAT", "integrasi", 10_000_000],
    ]
    parsed = parse_file(xlsx(rows))
    assert [(ln.region, ln.spend_type) for ln in parsed.lines] == [
        ("Kabupaten Magetan", "infrastructure"),
        ("Kabupaten Magetan", "maintenance"),
        ("Kabupaten Magetan", "enhancement"),
    ]


def test_formula_amounts_are_read_as_cached_values(xlsx) -> None:
    rows = [["Nama Aplikasi", "Volume", "Harga", "Pagu"], ["SIMPEG", 12, 5_000_000, "=B2*C2"]]
    parsed = parse_file(xlsx(rows, cached={"Usulan": {"D2": 60_000_000}}))
    assert [ln.amount for ln in parsed.lines] == [60_000_000]


def test_formula_never_calculated_is_a_missing_amount_that_says_so(xlsx) -> None:
    rows = [["Nama Aplikasi", "Pagu"], ["SIMPEG", "=1000*2"], ["SIMPUS", None]]
    parsed = parse_file(xlsx(rows))
    assert [(i.row, i.reason, i.column) for i in parsed.rejected] == [
        (
            2,
            "missing amount: the cell holds a formula without a calculated value "
            "(open the file in Excel, let it calculate and save it again)",
            "Pagu",
        ),
        (3, "missing amount", "Pagu"),
    ]


def test_several_sheets_hidden_and_instructions(xlsx, make_template) -> None:
    sheets = {
        "Petunjuk": [["Petunjuk pengisian"], ["Isi satu baris per usulan belanja"]],
        "Bid. Pemerintahan": make_template(),
        "Bid. Ekonomi": make_template([("Dinas Perhubungan", "ATCS DENPASAR", "", "Lisensi", 2_000_000)]),
        "Referensi": [["Nama Aplikasi", "Pagu"], ["SRIKANDI", 1]],
        "Kosong": [],
    }
    path = xlsx(sheets, hidden=["Referensi"])
    parsed = parse_file(path)
    assert parsed.sheets == ["Bid. Pemerintahan", "Bid. Ekonomi"]
    assert [(ln.sheet, ln.row) for ln in parsed.lines][-2:] == [("Bid. Pemerintahan", 9), ("Bid. Ekonomi", 5)]
    assert parsed.warnings[0] == 'usulan.xlsx, sheet "Referensi": hidden sheet, not read'
    assert parsed.warnings[1].startswith(
        'usulan.xlsx, sheet "Petunjuk": skipped: not a proposal template or SIPD RKA/DPA export: '
        "no header row with the required columns: missing app name or description"
    )
    assert parsed.warnings[2] == 'usulan.xlsx, sheet "Kosong": skipped: the sheet is empty'
    with_hidden = parse_file(path, include_hidden=True)
    assert with_hidden.sheets == ["Bid. Pemerintahan", "Bid. Ekonomi", "Referensi"]
    assert with_hidden.lines[-1].app_name == "SRIKANDI"


def test_csv_semicolon_windows_1252(csv_file) -> None:
    rows = [
        ["Daftar Usulan Belanja SPBE – Kota Denpasar"],
        ["OPD", "Nama Aplikasi", "Deskripsi", "Jenis Belanja", "Anggaran (Rp)"],
        [
            "Dinas Pariwisata",
            "Sistem Informasi Pariwisata",
            "Promosi daerah wisata",
            "Pembangunan",
            "Rp 1.250.000.000,00",
        ],
        [
            "Dinas Kebudayaan",
            "Aplikasi Cagar Budaya",
            "Pendataan situs cagar budaya – Puri",
            "Pengembangan",
            "150.000.000",
        ],
        ["Dinas Kesehatan", "SIMPUS", "", "", "seratus juta"],
        ["TOTAL", "", "", "", "1.400.000.000"],
    ]
    parsed = parse_file(csv_file(rows, name="usulan_denpasar.csv"))
    assert parsed.sheets == ["usulan_denpasar"]
    assert [(ln.row, ln.app_name, ln.amount) for ln in parsed.lines] == [
        (3, "Sistem Informasi Pariwisata", 1_250_000_000),
        (4, "Aplikasi Cagar Budaya", 150_000_000),
    ]
    assert parsed.lines[1].description == "Pendataan situs cagar budaya – Puri"
    assert issues(parsed) == [
        (1, "skipped", "title/heading", None),
        (2, "skipped", "header", None),
        (5, "rejected", '"seratus juta" is not an amount', "Anggaran (Rp)"),
        (6, "skipped", "total row", None),
    ]


@pytest.mark.parametrize(("delimiter", "encoding"), [(",", "utf-8-sig"), (";", "utf-8"), ("\t", "utf-16")])
def test_csv_delimiters_and_encodings(csv_file, delimiter: str, encoding: str) -> None:
    rows = [
        ["Perangkat Daerah", "Nama Aplikasi", "Pagu"],
        ["Dinas Komunikasi dan Informatika", "Aplikasi Surat Menyurat Elektronik", "2,500,000.00"],
        ["Sekretariat Daerah", "JDIH – Produk Hukum", "1.000.000"],
    ]
    parsed = parse_file(csv_file(rows, delimiter=delimiter, encoding=encoding))
    assert [(ln.opd, ln.app_name, ln.amount) for ln in parsed.lines] == [
        ("Dinas Komunikasi dan Informatika", "Aplikasi Surat Menyurat Elektronik", 2_500_000),
        ("Sekretariat Daerah", "JDIH – Produk Hukum", 1_000_000),
    ]


def test_csv_semicolons_with_decimal_commas_in_every_row(csv_file) -> None:
    rows = [
        ["Perangkat Daerah", "Nama Aplikasi", "Pagu"],
        ["Dinas Kesehatan", "SIMPUS", "150.000.000,00"],
        ["Dinas Sosial", "SIKS-NG Daerah", "75.500.000,00"],
    ]
    parsed = parse_file(csv_file(rows, delimiter=";"))
    assert [(ln.opd, ln.amount) for ln in parsed.lines] == [
        ("Dinas Kesehatan", 150_000_000),
        ("Dinas Sosial", 75_500_000),
    ]


def test_parsing_twice_gives_identical_output(xlsx) -> None:
    path = xlsx(MESSY, merges={"Usulan": MERGES})
    first, second = parse_file(path), parse_file(path)
    assert [astuple(x) for x in first.lines] == [astuple(x) for x in second.lines]
    assert [astuple(x) for x in first.issues] == [astuple(x) for x in second.issues]
    assert first.warnings == second.warnings
    rows = [x.row for x in sorted([*first.lines, *first.issues], key=lambda x: x.row)]
    assert rows == sorted(set(rows))


@pytest.mark.slow
def test_100k_rows_parse_in_seconds(raw_xlsx) -> None:
    """Performance guard: 100,000 item rows (about 3.5 s in the 2-CPU dev container)."""
    opds = ["Dinas Komunikasi dan Informatika", "Dinas Kesehatan", "Bappeda", "BKPSDM", "Dinas Pendidikan"]
    apps = ["SIMPEG", "Aplikasi Surat Menyurat Elektronik", "SIMPUS", "e-Kinerja", "Portal Satu Data"]
    kinds = ["Pembangunan", "Pengembangan", "Pemeliharaan", "Sewa Hosting", "Lisensi"]
    rows: list[list[object]] = [["USULAN BELANJA SPBE 2027"], []]
    rows.append(
        ["No", "Perangkat Daerah", "Nama Aplikasi", "Deskripsi", "Jenis Belanja", "Kode Sub Kegiatan", "Pagu"]
    )
    for i in range(100_000):
        amount = (i % 4999 + 1) * 1_000_000
        rows.append(
            [
                i + 1,
                opds[i % 5],
                f"{apps[i % 5]} {i % 977}",
                "Pengembangan modul layanan",
                kinds[i % 5],
                "2.16.03.2.02.0020",
                amount if i % 3 else f"Rp {amount:,}".replace(",", ".") + ",00",
            ]
        )
    rows.append(["JUMLAH", None, None, None, None, None, 1])
    path = raw_xlsx(rows)
    start = time.perf_counter()
    parsed = parse_file(path)
    elapsed = time.perf_counter() - start
    assert len(parsed.lines) == 100_000 and parsed.rows_read == 100_003
    assert parsed.lines[2].amount == 3_000_000 and parsed.lines[1].spend_type == "enhancement"
    assert elapsed < 20, f"100k rows took {elapsed:.1f} s"


def test_merged_ranges_from_the_zip_scan_match_calamine(xlsx) -> None:
    """The fallback for calamine versions without `merged_cell_ranges` reads the same ranges."""
    path = xlsx(MESSY, merges={"Usulan": MERGES})
    report = _scan_zip(path, path.name, Settings())
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Usulan")
    from_calamine = sorted((r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges)
    assert report.merges[report.sheet_parts["Usulan"]] == from_calamine
    assert len(from_calamine) == len(MERGES)


def test_amounts_too_large_or_odd_reject_only_their_row(csv_file) -> None:
    rows = [
        ["Nama Aplikasi", "Deskripsi", "Anggaran"],
        ["SIMPEG", "Kepegawaian", "1E30"],
        ["SIMPUS", "Puskesmas", "99999999999999999999999"],
        ["e-Kinerja", "Kinerja", "1.250 jt"],
        ["JDIH", "Produk hukum", "-50000000.0"],
        ["SRIKANDI", "Persuratan", "1,25 M"],
    ]
    parsed = parse_file(csv_file(rows))
    assert [(ln.app_name, ln.amount) for ln in parsed.lines] == [("SRIKANDI", 1_250_000_000)]
    limit = "is too large for one item (the limit is Rp 1.000.000.000.000.000, i.e. Rp 1.000 triliun)"
    assert [(i.row, i.reason, i.column) for i in parsed.rejected] == [
        (2, f'"1E30" {limit}', "Anggaran"),
        (3, f'"99999999999999999999999" {limit}', "Anggaran"),
        (4, '"1.250 jt" is ambiguous (1.250 juta or 1,25 juta): write 1.250.000.000 or 1,25 jt', "Anggaran"),
        (5, '"-50000000.0" is negative; an amount cannot be negative', "Anggaran"),  # text: as typed
    ]


def test_numeric_cells_too_large_or_negative_are_shown_in_rupiah_style(raw_xlsx) -> None:
    rows = [["Nama Aplikasi", "Anggaran"], ["SIMPEG", 1e20], ["SIMPUS", -50_000_000.0], ["JDIH", 10**15]]
    parsed = parse_file(raw_xlsx(rows))
    assert [(ln.app_name, ln.amount) for ln in parsed.lines] == [("JDIH", 10**15)]
    assert [(i.row, i.reason, i.column) for i in parsed.rejected] == [
        (
            2,
            "100.000.000.000.000.000.000 is too large for one item "
            "(the limit is Rp 1.000.000.000.000.000, i.e. Rp 1.000 triliun)",
            "Anggaran",
        ),
        (3, "-50.000.000 is negative; an amount cannot be negative", "Anggaran"),
    ]


def test_apps_named_total_or_jumlah_are_items(csv_file) -> None:
    rows = [
        ["Nama Aplikasi", "Deskripsi", "Pagu"],
        ["Total Station GIS", "pemetaan", "1000000"],
        ["Jumlah Penduduk Online (Dashboard)", "Dasbor kependudukan", "2000000"],
        ["Sub Total Dinas Kesehatan", "", "3000000"],
        ["JUMLAH", "", "3000000"],
    ]
    parsed = parse_file(csv_file(rows))
    assert [(ln.row, ln.app_name, ln.amount) for ln in parsed.lines] == [
        (2, "Total Station GIS", 1_000_000),
        (3, "Jumlah Penduduk Online (Dashboard)", 2_000_000),
    ]
    assert issues(parsed)[1:] == [(4, "skipped", "subtotal row", None), (5, "skipped", "total row", None)]


def test_real_total_rows_are_skipped(xlsx) -> None:
    rows = [
        ["No", "Perangkat Daerah", "Nama Aplikasi", "Deskripsi", "Pagu"],
        [1, "Dinas Kesehatan", "SIMPUS", "Puskesmas", 1_000_000],
        [2, None, "Total Station GIS", "Pemetaan aset", 2_000_000],
        [None, None, "Sub Total Dinas Kesehatan", None, 3_000_000],
        ["JUMLAH", None, None, None, 3_000_000],
        ["Total Anggaran", None, None, None, 3_000_000],
        [None, "Total Anggaran", None, None, 3_000_000],
    ]
    merges = ["B2:B4", "A6:D6", "B7:D7"]  # the OPD over its items and subtotal; totals merged across
    parsed = parse_file(xlsx(rows, merges={"Usulan": merges}))
    assert [(ln.row, ln.opd, ln.app_name) for ln in parsed.lines] == [
        (2, "Dinas Kesehatan", "SIMPUS"),
        (3, "Dinas Kesehatan", "Total Station GIS"),
    ]
    assert issues(parsed)[1:] == [
        (4, "skipped", "subtotal row", None),
        (5, "skipped", "total row", None),
        (6, "skipped", "total row", None),
        (7, "skipped", "total row", None),
    ]


def _years_sheet(*amount_headers: str) -> list[list[object]]:
    header = ["Nama Aplikasi", "Deskripsi", *amount_headers]
    values = [1_000_000 * (i + 1) for i in range(len(amount_headers))]
    return [header, ["SIMPEG", "Kepegawaian", *values]]


@pytest.mark.parametrize(
    ("headers", "cycle", "amount"),
    [
        (("Anggaran 2026", "Anggaran 2027"), 2027, 2_000_000),
        (("Anggaran 2026", "Anggaran 2027"), 2026, 1_000_000),
        (("Realisasi 2026", "Pagu 2027 (Rp)"), 2027, 2_000_000),
        (("Anggaran 2026 (Rp)", "Pagu 2027 (Rp)"), 2027, 2_000_000),
        (("Pagu Anggaran (Rp)",), 2027, 1_000_000),
        (("Pagu Anggaran (Rp)",), None, 1_000_000),
        (("Pagu", "Nilai"), None, 1_000_000),  # no years: the best-matching header, as before
        (("Pagu", "Anggaran 2026"), 2027, 1_000_000),  # the column naming no other year
    ],
)
def test_amount_column_for_the_cycle(xlsx, headers, cycle, amount: int) -> None:
    parsed = parse_file(xlsx(_years_sheet(*headers)), cycle=cycle)
    assert [ln.amount for ln in parsed.lines] == [amount]


def test_amount_column_rejects_name_the_chosen_column(xlsx) -> None:
    rows = [["Nama Aplikasi", "Anggaran 2026", "Anggaran 2027"], ["SIMPEG", 1_000_000, "sejuta"]]
    parsed = parse_file(xlsx(rows), cycle=2027)
    assert [(i.reason, i.column) for i in parsed.rejected] == [('"sejuta" is not an amount', "Anggaran 2027")]


def test_amount_columns_for_years_merged_over_a_year_row(xlsx) -> None:
    rows = [
        ["Nama Aplikasi", "Pagu Indikatif", None],
        [None, 2026, 2027],
        ["SIMPEG", 1_000_000, 2_000_000],
    ]
    parsed = parse_file(xlsx(rows, merges={"Usulan": ["A1:A2", "B1:C1"]}), cycle=2027)
    assert [(ln.row, ln.amount) for ln in parsed.lines] == [(3, 2_000_000)]
    assert issues(parsed) == [(1, "skipped", "header", None), (2, "skipped", "header", None)]


@pytest.mark.parametrize(
    ("headers", "cycle", "message"),
    [
        (
            ("Anggaran 2026", "Anggaran 2027"),
            None,
            'several amount columns for different years ("Anggaran 2026", "Anggaran 2027") '
            "and no cycle year to choose one",
        ),
        (
            ("Anggaran 2025", "Anggaran 2026"),
            2027,
            'several amount columns and none names the cycle year 2027 ("Anggaran 2025", "Anggaran 2026"); '
            "head the 2027 amount column with its year",
        ),
        (
            ("Pagu 2027", "Anggaran 2027"),
            2027,
            'several amount columns name the cycle year 2027 ("Pagu 2027", "Anggaran 2027"); keep one',
        ),
    ],
)
def test_ambiguous_amount_columns_refuse_the_file(xlsx, headers, cycle, message: str) -> None:
    with pytest.raises(IngestError) as excinfo:
        parse_file(xlsx(_years_sheet(*headers)), cycle=cycle)
    assert str(excinfo.value) == f'usulan.xlsx, sheet "Usulan", row 1: {message}'
    assert (excinfo.value.sheet, excinfo.value.row) == ("Usulan", 1)


def test_single_amount_column_naming_another_year_is_read_with_a_warning(xlsx) -> None:
    parsed = parse_file(xlsx(_years_sheet("Pagu 2026")), cycle=2027)
    assert [ln.amount for ln in parsed.lines] == [1_000_000]
    assert parsed.warnings == [
        'usulan.xlsx, sheet "Usulan": the amount column "Pagu 2026" names 2026, not the cycle year 2027',
        'usulan.xlsx, sheet "Usulan": column "Pagu 2026" was read as the amount',
    ]


def test_blank_rows_are_counted_separately(xlsx) -> None:
    parsed = parse_file(xlsx(MESSY, merges={"Usulan": MERGES}))
    assert parsed.blank_rows == 3  # rows 3, 14 and 20
    assert parsed.rows_read == 21
    assert parsed.rows_read + parsed.blank_rows == len(MESSY)


def test_unknown_spend_types_are_inferred_and_listed(xlsx) -> None:
    rows = [
        ["Nama Perangkat Daerah Pengusul", "Nama Aplikasi", "Deskripsi", "Jenis Belanja", "Pagu"],
        ["Dinas Kesehatan", "SIMPUS", "Pemeliharaan server puskesmas", "Lanjutan", 1_000_000],
        ["Dinas Kesehatan", "Pembangunan Aplikasi Rujukan", "", "Lanjutan", 1_000_000],
        ["Dinas Sosial", "SIKS-NG", "Data sosial", "Prioritas", 1_000_000],
        ["Dinas Sosial", "e-Bansos", "", "Lainnya", 1_000_000],
        ["Dinas Sosial", "Website Layanan Sosial", "Sewa hosting", "-", 1_000_000],
    ]
    parsed = parse_file(xlsx(rows))
    assert [ln.spend_type for ln in parsed.lines] == [
        "infrastructure",
        "new",
        "other",
        "other",
        "infrastructure",
    ]
    assert parsed.warnings == [
        'usulan.xlsx, sheet "Usulan": column "Nama Perangkat Daerah Pengusul" was read as the OPD',
        'usulan.xlsx, sheet "Usulan": column "Jenis Belanja" has values that are not a known spend type: '
        '"Lanjutan" (rows 2, 3); "Prioritas" (row 4); the spend type was inferred from the description or '
        "app name",
    ]


def test_rental_of_infrastructure_is_infrastructure(xlsx) -> None:
    rows = [
        ["Perangkat Daerah", "Nama Aplikasi", "Uraian", "Jenis Belanja", "Pagu"],
        ["Dinas Pariwisata", "Sewa Hosting", "Sewa hosting website promosi wisata", "Lisensi", 96_000_000],
        ["Diskominfo", "Langganan Internet Kantor", "", "Sewa", 50_000_000],
        ["Diskominfo", "Lisensi Antivirus", "perlindungan komputer kantor", "Lisensi", 20_000_000],
        ["Dinas Kesehatan", "Pengembangan Aplikasi Monitoring Server", "", "Pengembangan", 30_000_000],
    ]
    assert [ln.spend_type for ln in parse_file(xlsx(rows)).lines] == [
        "infrastructure",
        "infrastructure",
        "license",  # the licence of a program; "komputer" in the description does not make it hardware
        "enhancement",  # an application about servers is still an application
    ]
