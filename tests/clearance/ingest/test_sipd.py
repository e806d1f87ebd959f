"""Layout B: SIPD-style RKA/DPA exports and the RKA-Perubahan variant."""

from __future__ import annotations

import pytest

from clearance.ingest import infer_spend_type, parse_file
from clearance.ingest.sipd import (
    app_name_from_text,
    normalize_account,
    normalize_sub_activity,
    spbe_basis,
    split_code,
)

SOFTWARE_BASIS = (
    "sub-kegiatan 2.16.03.2.02.0020 is under 2.16.03 (Program Pengelolaan Aplikasi Informatika); "
    "akun 5.2.05.08.01.0005 is ICT spending (5.2.05.08: software and other intangible assets); "
    'text names "software"'
)


def test_rka_items_context_and_classification(xlsx, make_rka) -> None:
    parsed = parse_file(xlsx({"RKA Diskominfo": make_rka()}, name="rka_diskominfo.xlsx"))
    assert parsed.layout == "sipd"
    software, paper = parsed.lines
    assert software.row == 17
    assert software.app_name == "Sistem Pengawasan Armada (GPS Tracking)"
    assert software.amount == 1_500_000_000
    assert software.opd == "Dinas Komunikasi dan Informatika"
    assert software.region == "KABUPATEN MADIUN"
    assert software.sub_activity == "2.16.03.2.02.0020"
    assert software.account_code == "5.2.05.08.01.0005"
    assert software.spend_type == "new"
    assert software.description == (
        "Pembangunan Sistem Pengawasan Armada / Perangkat Lunak / Belanja Modal Software Berupa "
        "Perancangan dan Pembangunan Sistem Pengawasan Armada (GPS Tracking)"
    )
    assert (software.is_spbe, software.spbe_basis) == (True, SOFTWARE_BASIS)
    # Office paper is SPBE spending only because its sub-kegiatan is under 2.16.03 (rule a).
    assert (paper.row, paper.app_name, paper.amount, paper.account_code) == (
        19,
        "Kertas HVS A4 80 gram",
        600_000,
        "5.1.02.01.01.0024",
    )
    assert paper.spbe_basis == (
        "sub-kegiatan 2.16.03.2.02.0020 is under 2.16.03 (Program Pengelolaan Aplikasi Informatika)"
    )
    assert [(i.row, i.kind, i.reason) for i in parsed.issues] == [
        (1, "skipped", "title/heading"),
        (2, "skipped", "title/heading"),
        (4, "skipped", "title/heading"),
        (5, "skipped", "title/heading"),
        (6, "skipped", "title/heading"),
        (7, "skipped", "title/heading"),
        (8, "skipped", "title/heading"),
        (9, "skipped", "title/heading"),
        (11, "skipped", "header"),
        (12, "skipped", "account row 5 (subtotal)"),
        (13, "skipped", "account row 5.2 (subtotal)"),
        (14, "skipped", "account row 5.2.05.08.01.0005 (subtotal)"),
        (15, "skipped", "group row [#]"),
        (16, "skipped", "description row [-]"),
        (18, "skipped", "account row 5.1.02.01.01.0024 (subtotal)"),
        (20, "skipped", "total row"),
    ]
    assert parsed.rows_read == 18
    assert parsed.warnings == []


def _rs_details() -> list[list[object]]:
    return [
        [
            "5.1.02.01.01.0024",
            "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
            None,
            None,
            None,
            None,
            550_000,
        ],
        [None, "Kertas HVS A4 80 gram", "10 Rim", "Rim", 55_000, None, 550_000],
        [
            "5.1.02.02.001.00063",
            "Belanja Langganan Jurnal/Surat Kabar/Majalah",
            None,
            None,
            None,
            None,
            86_580_000,
        ],
        [None, "Langganan Internet RSUD 200 Mbps", "12 Bulan", "Bulan", 6_500_000, "11%", 86_580_000],
        ["5.1.02.02.01.0029", "Belanja Jasa Tenaga Ahli", None, None, None, None, 60_000_000],
        [None, "[#] Pemeliharaan Aplikasi SIMRS", None, None, None, None, 60_000_000],
        [None, "Tenaga Ahli Programmer", "2 Orang x 12 Bulan", "OB", 2_500_000, None, 60_000_000],
        [
            "1.02.02.2.02.0032.5.2.05.08.001.00005",
            "Belanja Modal Software",
            None,
            None,
            None,
            None,
            360_750_000,
        ],
        [
            None,
            "SIMRS Modul Bridging SATUSEHAT dan V-Claim",
            "1 Paket",
            "Paket",
            325_000_000,
            "11%",
            360_750_000,
        ],
        [None, "Obat Generik", "100 Box", "Box", 10_000, None, None],
    ]


def test_other_urusan_are_scanned_too(xlsx, make_rka) -> None:
    rows = make_rka(
        sub_kegiatan="1.02.2.02.02.32 - Penyediaan Layanan Kesehatan untuk UKP Rujukan",
        unit="1.02.0.00.0.00.01.0001 - RSUD Dolopo",
        details=_rs_details(),
    )
    parsed = parse_file(xlsx(rows))
    got = [
        (ln.row, ln.app_name, ln.account_code, ln.spend_type, ln.is_spbe, ln.spbe_basis)
        for ln in parsed.lines
    ]
    assert got == [
        (13, "Kertas HVS A4 80 gram", "5.1.02.01.01.0024", "other", False, None),
        (
            15,
            "Langganan Internet RSUD 200 Mbps",
            "5.1.02.02.01.0063",
            "infrastructure",
            True,
            "akun 5.1.02.02.01.0063 is ICT spending (5.1.02.02.01.0063: internet/intra-network subscription); "
            'text names "internet"',
        ),
        (18, "Aplikasi SIMRS", "5.1.02.02.01.0029", "maintenance", True, 'text names "aplikasi"'),
        (
            20,
            "SIMRS Modul Bridging SATUSEHAT dan V-Claim",
            "5.2.05.08.01.0005",
            "new",
            True,
            "akun 5.2.05.08.01.0005 is ICT spending (5.2.05.08: software and other intangible assets)",
        ),
        (
            21,
            "Obat Generik",
            "5.2.05.08.01.0005",
            "new",
            True,
            "akun 5.2.05.08.01.0005 is ICT spending (5.2.05.08: software and other intangible assets)",
        ),
    ]
    assert {ln.sub_activity for ln in parsed.lines} == {"1.02.02.2.02.0032"}
    assert {ln.opd for ln in parsed.lines} == {"RSUD Dolopo"}
    assert parsed.lines[2].amount == 60_000_000  # 2 Orang x 12 Bulan x 2.500.000
    assert parsed.lines[4].amount == 1_000_000  # no Jumlah: Koefisien x Harga


def test_subtotal_and_jumlah_mismatches_are_warnings(xlsx, make_rka) -> None:
    details = [
        ["5.2.02.10.01.0002", "Belanja Modal Personal Computer", None, None, None, None, 45_000_000],
        [None, "[#] Komputer Pelayanan", None, None, None, None, 45_000_000],
        [None, "Personal Computer All-in-One", "3 Unit", "Unit", 15_000_000, None, 45_000_000],
        [None, "Printer Laser", "1 Unit", "Unit", 4_000_000, None, 5_000_000],
        ["Jumlah", None, None, None, None, None, 50_000_000],
    ]
    parsed = parse_file(xlsx(make_rka(details=details)), name="rka.xlsx")
    assert [ln.amount for ln in parsed.lines] == [45_000_000, 5_000_000]  # nothing dropped
    assert parsed.warnings == [
        'rka.xlsx, sheet "Usulan", row 12: account 5.2.02.10.01.0002 shows Rp 45.000.000 '
        "but its items add up to Rp 50.000.000",
        'rka.xlsx, sheet "Usulan", row 13: group row [#] Komputer Pelayanan shows Rp 45.000.000 '
        "but its items add up to Rp 50.000.000",
        'rka.xlsx, sheet "Usulan", row 15: Jumlah Rp 5.000.000 differs from Koefisien x Harga (+PPN) '
        "= Rp 4.000.000; the Jumlah was kept",
    ]


def test_bad_component_lines_are_rejected_with_the_column(xlsx, make_rka) -> None:
    details = [
        ["5.1.02.02.01.0003", "Honorarium Narasumber", None, None, None, None, 3_000_000],
        [None, "Honor narasumber sosialisasi SRIKANDI", "2 OJ", "OJ", 1_000_000, None, "seratus ribu"],
        [None, "Honor moderator", "1 OJ", "OJ", "sejuta", None, None],
        [None, "Honor panitia", "1 OK", "OK", None, None, None],
        [None, "Spesifikasi: sesuai standar biaya", None, None, None, None, None],
        [None, None, "1 OJ", "OJ", 1_000_000, None, 1_000_000],
    ]
    parsed = parse_file(xlsx(make_rka(details=details)))
    assert [(i.row, i.reason, i.column) for i in parsed.rejected] == [
        (13, '"seratus ribu" is not an amount', "Jumlah"),
        (14, '"sejuta" is not an amount', "Harga"),
        (15, "missing amount (and no Koefisien x Harga to compute it)", "Jumlah"),
        (17, "missing Uraian (no item name)", "Uraian"),
    ]
    assert [(i.row, i.reason) for i in parsed.skipped if i.row == 16] == [
        (16, "text-only row (no Koefisien, Harga or Jumlah)")
    ]


def test_signature_block_below_the_table(xlsx, make_rka) -> None:
    details = [
        ["5.1.02.01.01.0024", "Belanja Alat Tulis Kantor", None, None, None, None, 550_000],
        [None, "Kertas HVS A4 80 gram", "10 Rim", "Rim", 55_000, None, 550_000],
        ["Jumlah Anggaran Sub Kegiatan", None, None, None, None, None, 550_000],
        [],
        [None, None, None, None, "Caruban, 14 Oktober 2026"],
        [None, None, None, None, "Direktur Rumah Sakit Umum Daerah Caruban"],
        [None, None, None, None, "dr. Nama Lengkap, Sp.PD"],
        [None, None, None, None, "( ........................................ )"],
        [None, None, None, None, "NIP. ........................"],
    ]
    parsed = parse_file(xlsx(make_rka(details=details)))
    assert len(parsed.lines) == 1
    assert parsed.rejected == []
    assert [i.reason for i in parsed.issues][-5:] == ["note/signature"] * 5


def test_several_sub_kegiatan_in_one_sheet(xlsx, make_rka) -> None:
    dukcapil = make_rka(
        sub_kegiatan="2.12.01.2.06.0011 - Pengelolaan Data Kependudukan",
        unit="2.12.0.00.0.00.01.0000 - Dinas Kependudukan dan Pencatatan Sipil",
        details=[
            ["5.2.02.10.02.0005", "Belanja Modal Server", None, None, None, None, 316_350_000],
            [None, "Server Rack 2U Database Kependudukan", "1 Unit", "Unit", 285_000_000, "11%", 316_350_000],
        ],
        title=False,
    )
    parsed = parse_file(xlsx([*make_rka(), [], *dukcapil]))
    assert [(ln.sub_activity, ln.opd, ln.spend_type) for ln in parsed.lines] == [
        ("2.16.03.2.02.0020", "Dinas Komunikasi dan Informatika", "new"),
        ("2.16.03.2.02.0020", "Dinas Komunikasi dan Informatika", "other"),
        ("2.12.01.2.06.0011", "Dinas Kependudukan dan Pencatatan Sipil", "infrastructure"),
    ]
    assert parsed.lines[2].spbe_basis == (
        "akun 5.2.02.10.02.0005 is ICT spending (5.2.02.10: computers and network equipment); "
        'text names "server"'
    )
    assert parsed.warnings == []


def perubahan_rows(merge_groups: bool) -> tuple[list[list[object]], list[str]]:
    top = ["Kode Rekening", "Uraian", "Sebelum Perubahan", None, None, None, None, "Setelah Perubahan"]
    top += [None, None, None, None, "Bertambah/(Berkurang)"]
    sub = [None, None, *(["Koefisien", "Satuan", "Harga", "PPN", "Jumlah"] * 2), None]
    rows = [
        ["RENCANA KERJA DAN ANGGARAN PERUBAHAN"],
        ["PEMERINTAH KABUPATEN MAGETAN TAHUN ANGGARAN 2027"],
        ["Organisasi", ":", "2.16.2.20.2.21.01.0000 DINAS KOMUNIKASI DAN INFORMATIKA"],
        ["Sub Kegiatan", ":", "2.16.03.2.02.0020 Pembangunan dan/atau Pengembangan Aplikasi Khusus"],
        top,
        sub,
        [
            "5.2.05.08.01.0005",
            "Belanja Modal Software",
            *[None] * 4,
            200_000_000,
            *[None] * 4,
            449_550_000,
            249_550_000,
        ],
        [
            None,
            "Pengembangan Aplikasi e-office Modul Disposisi Mobile",
            "1 Paket",
            "Paket",
            180_000_000,
            "11%",
            199_800_000,
            "1 Paket",
            "Paket",
            240_000_000,
            "11%",
            266_400_000,
            66_600_000,
        ],
        [
            None,
            "Pengembangan Sistem Informasi Reservasi Wisata Telaga Sarangan",
            None,
            None,
            None,
            None,
            None,
            "1 Paket",
            "Paket",
            165_000_000,
            "11%",
            183_150_000,
            183_150_000,
        ],
        [
            None,
            "Pembangunan Aplikasi Antrian",
            "1 Paket",
            "Paket",
            180_000,
            None,
            180_000,
            None,
            None,
            None,
            None,
            None,
            -180_000,
        ],
        [
            None,
            "Lisensi Aplikasi Lama",
            "1 Paket",
            "Paket",
            20_000,
            None,
            20_000,
            "0 Paket",
            "Paket",
            0,
            None,
            0,
            -20_000,
        ],
        [
            "Jumlah Anggaran Sub Kegiatan",
            None,
            None,
            None,
            None,
            None,
            200_000_000,
            None,
            None,
            None,
            None,
            449_550_000,
            249_550_000,
        ],
    ]
    merges = ["C5:G5", "H5:L5", "A5:A6", "B5:B6", "M5:M6"] if merge_groups else []
    return rows, merges


@pytest.mark.parametrize("merge_groups", [True, False])
def test_perubahan_takes_setelah_values(xlsx, merge_groups: bool) -> None:
    rows, merges = perubahan_rows(merge_groups)
    parsed = parse_file(xlsx(rows, merges={"Usulan": merges}, name="rkap.xlsx"))
    assert [(ln.row, ln.app_name, ln.amount, ln.spend_type) for ln in parsed.lines] == [
        (8, "Aplikasi e-office Modul Disposisi Mobile", 266_400_000, "enhancement"),
        (9, "Sistem Informasi Reservasi Wisata Telaga Sarangan", 183_150_000, "enhancement"),
    ]
    assert [(i.row, i.reason) for i in parsed.issues if i.row >= 5] == [
        (5, "header"),
        (6, "header"),
        (7, "account row 5.2.05.08.01.0005 (subtotal)"),
        (10, "removed in the Perubahan (no Setelah Perubahan values)"),
        (11, "removed in the Perubahan (Setelah Perubahan is 0)"),
        (12, "total row"),
    ]
    assert parsed.lines[0].opd == "DINAS KOMUNIKASI DAN INFORMATIKA"
    assert parsed.warnings == []


def test_perubahan_rejects_name_the_setelah_column(xlsx) -> None:
    rows, merges = perubahan_rows(True)
    rows[7][11] = "dua ratus juta"
    parsed = parse_file(xlsx(rows, merges={"Usulan": merges}))
    assert [(i.row, i.reason, i.column) for i in parsed.rejected] == [
        (
            8,
            '"dua ratus juta" is not an amount',
            "Setelah Perubahan / Jumlah",
        )
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Belanja Modal Software Berupa Perancangan dan Pembangunan Sistem Pengawasan Armada (GPS Tracking)",
            "Sistem Pengawasan Armada (GPS Tracking)",
        ),
        ("Jasa Tenaga Ahli Pemeliharaan Aplikasi SIMPEG pada BKPSDM", "Aplikasi SIMPEG"),
        (
            "Pengembangan Website Resmi Pemerintah Kabupaten Magetan Tahun 2027",
            "Website Resmi Pemerintah Kabupaten Magetan",
        ),
        ("Pengembangan Portal Satu Data", "Portal Satu Data"),
        ("Integrasi e-Kinerja dengan SIASN", "Integrasi e-Kinerja dengan SIASN"),
        ("Sewa SIMRS", "SIMRS"),
        ("Pengembangan Aplikasi", None),
        ("Pengadaan seragam siswa", None),
        ("Pemugaran Situs Cagar Budaya", None),
        ("Kertas HVS A4 80 gram", None),
    ],
)
def test_app_name_from_uraian(text: str, name: str | None) -> None:
    assert app_name_from_text(text) == name


@pytest.mark.parametrize(
    ("code", "sub_activity", "account"),
    [
        ("5.1.02.02.01.0063", None, "5.1.02.02.01.0063"),
        ("5.1.02.04.001.00004", None, "5.1.02.04.01.0004"),
        ("5.2.05.08.1.5", None, "5.2.05.08.01.0005"),
        ("5", None, "5"),
        ("2.16.03.2.02.0025.5.1.02.04.001.00004", "2.16.03.2.02.0025", "5.1.02.04.01.0004"),
        ("2.16.3.02.2.25", "2.16.03.2.02.0025", None),
        ("X.XX.01.2.01.0001", "X.XX.01.2.01.0001", None),
    ],
)
def test_codes(code: str, sub_activity: str | None, account: str | None) -> None:
    assert split_code(code) == (sub_activity, account)


def test_code_normalisers() -> None:
    assert normalize_sub_activity("2.16.03.02.02.0020") == "2.16.03.2.02.0020"
    assert normalize_account("5.2.05.08.001.00005") == "5.2.05.08.01.0005"


@pytest.mark.parametrize(
    ("texts", "basis"),
    [
        (["Pembangunan Jaringan Irigasi Tersier"], None),
        (["Peningkatan Sistem Penyediaan Air Minum (SPAM) Jaringan Perpipaan"], None),
        (["Pemugaran Situs Cagar Budaya"], None),
        (["Aplikasi Pupuk Organik Cair"], None),
        (["Pengadaan barang melalui e-Katalog"], None),
        (["Pemasangan Jaringan Fiber Optik Kecamatan"], 'text names "jaringan fiber"'),
        (["Sewa Cloud Server"], 'text names "cloud"'),
        (["Perpanjangan Nama Domain go.id"], 'text names "domain"'),
        (["Penambahan Bandwidth"], 'text names "bandwidth"'),
        (["Lisensi Antivirus"], 'text names "lisensi"'),
        (["Pengembangan Situs Web Dinas"], 'text names "situs web"'),
        (["Nasi kotak rapat", "Sosialisasi Sistem Informasi Desa"], 'text names "sistem informasi"'),
    ],
)
def test_spbe_text_rule(texts: list[str], basis: str | None) -> None:
    assert spbe_basis("3.27.03.2.01.0001", "5.1.02.01.01.0052", texts) == basis


@pytest.mark.parametrize(
    ("uraian", "akun", "spend_type"),
    [
        ("Belanja Modal Software Berupa Pembangunan Aplikasi e-Retribusi", "5.2.05.08.01.0005", "new"),
        ("Pengembangan Aplikasi SIMPEG Modul e-File", "5.2.05.08.01.0005", "enhancement"),
        ("Pemeliharaan Aplikasi SIMPEG", "5.2.05.08.01.0005", "maintenance"),
        ("Langganan Internet Dedicated 100 Mbps", "5.1.02.02.01.0063", "infrastructure"),
        ("Switch Managed 48 Port", "5.2.02.10.02.0004", "infrastructure"),
        ("Sewa Hosting dan Colocation Server", "5.1.02.02.01.0026", "infrastructure"),
        ("Tenaga Ahli Pemeliharaan Jaringan Komputer", "5.1.02.02.01.0029", "infrastructure"),
        ("Tenaga Ahli Pemeliharaan Aplikasi SIMRS", "5.1.02.02.01.0029", "maintenance"),
        ("Lisensi Microsoft Office 365", "5.1.02.02.01.0026", "license"),
        ("Jasa Pembuatan Aplikasi Antrian", "5.1.02.02.01.0029", "new"),
        ("Honorarium Narasumber", "5.1.02.02.01.0003", "other"),
        ("Honorarium Narasumber", None, "other"),
    ],
)
def test_infer_spend_type(uraian: str, akun: str | None, spend_type: str) -> None:
    assert infer_spend_type(uraian, akun) == spend_type


def test_component_named_like_a_total_is_an_item_and_blank_rows_are_counted(xlsx, make_rka) -> None:
    details = [
        ["5.2.02.10.01.0002", "Belanja Modal Peralatan Komputer", None, None, None, None, 90_000_000],
        [None, "Total Station GIS untuk pemetaan jaringan", "2 Unit", "Unit", 45_000_000, None, 90_000_000],
        [],
        ["Jumlah Anggaran Sub Kegiatan", None, None, None, None, None, 90_000_000],
        [None, "Honor tim", "1 OB", "OB", 2e20, None, None],
    ]
    rows = make_rka(details=details)
    parsed = parse_file(xlsx(rows))
    assert [(ln.row, ln.app_name, ln.amount) for ln in parsed.lines] == [
        (13, "Total Station GIS untuk pemetaan jaringan", 90_000_000)
    ]
    assert [(i.row, i.kind, i.reason) for i in parsed.issues if i.row > 13] == [
        (15, "skipped", "total row"),
        (
            16,
            "rejected",
            "200.000.000.000.000.000.000 is too large for one item "
            "(the limit is Rp 1.000.000.000.000.000, i.e. Rp 1.000 triliun)",
        ),
    ]
    assert parsed.warnings == []
    assert parsed.blank_rows == 3  # below the title, above the detail table, row 14
    assert parsed.rows_read + parsed.blank_rows == len(rows)


def test_coefficient_times_price_over_the_limit_is_rejected(xlsx, make_rka) -> None:
    details = [[None, "Lisensi aplikasi", "2000 Tahun", "Tahun", 999_999_999_999, None, None]]
    parsed = parse_file(xlsx(make_rka(details=details)))
    assert [(i.reason, i.column) for i in parsed.rejected] == [
        (
            "Koefisien x Harga (+PPN) = Rp 1.999.999.999.998.000 is too large for one item "
            "(the limit is Rp 1.000.000.000.000.000, i.e. Rp 1.000 triliun)",
            "Harga",
        )
    ]
