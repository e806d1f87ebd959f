"""Deterministic generator of realistic, messy SPBE budget spreadsheets (layouts A and B).

Everything here is built from real material copied into `shared/realdata` (kept verbatim below so the
generator needs no file outside the repository):

- app names and owning OPDs of Kab. Madiun, Kab. Magetan, Kota Denpasar and Kota Probolinggo from
  `app_inventories.csv`, spelled as the OPDs spelled them ("srikandi.arsip", "INSLISLITE", "Divos");
- sub-kegiatan codes and names from `kemendagri_subkegiatan.csv` (printed the SIPD way: the 4th
  segment is 1 for a province and 2 for a kabupaten/kota, `2.16.03.02.02.0020` -> `2.16.03.2.02.0020`);
- the sub-kegiatan and pagu indikatif of the Prov. Papua Barat Diskominfo work plan
  (`papuabarat_renja.csv`, `papuabarat_sub_kegiatan.csv`): the RKA blocks add up to the real pagu.

Program and kegiatan names, organisation codes and akun (account) names are not in those files; they
follow Kepmendagri 050-5889/2021 as far as we know it (akun names checked against public SIPD tables).
Proposal amounts, OPD-to-proposal pairings, koefisien and prices are invented.

Writers (each returns a `SampleFile` saying what a correct parser must find in the file):
- `write_template_workbook` layout A, the SPBE proposal template (xlsx), messy by `Messiness` flags;
- `write_template_csv` layout A exported by an old system: `;` and Windows-1252;
- `write_sipd_workbook` layout B, a SIPD RKA export, or the RKA-Perubahan variant;
- `write_big_template_workbook` 100k-row layout A workbook for benchmarks (rows rendered as XML);
- `generate_samples` the bundled set in `data/samples` plus `manifest.csv`
  (`python -m clearance.samples OUT_DIR`).

Formulas: openpyxl writes formulas without cached values and calamine (our reader) then returns an
empty cell, as Excel files never calculated would. Real files are saved by Excel with cached values, so
after saving we put the value we computed into each formula cell's `<v>` element. Saved xlsx files are
also normalised (fixed ZIP timestamps and document dates) so the same seed gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import random
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape as xml_escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from clearance.ingest.model import Layout

__all__ = [
    "CLEAN",
    "CYCLE",
    "MESSY",
    "REGIONS",
    "BadRow",
    "ExpectedLine",
    "Messiness",
    "Region",
    "SampleFile",
    "SampleRow",
    "bad_rows",
    "generate_samples",
    "rupiah_text",
    "template_rows",
    "write_big_template_workbook",
    "write_sipd_workbook",
    "write_template_csv",
    "write_template_workbook",
]

CYCLE = 2027
FIXED_ZIP_TIME = (2026, 10, 15, 8, 0, 0)
FIXED_DOC_TIME = "2026-10-15T08:00:00Z"


# --------------------------------------------------------------------------------------------------
# Public data types


@dataclass(frozen=True)
class Region:
    """A pemda with its Kemendagri code and how its documents name it."""

    code: str
    name: str  # "Kabupaten Madiun"
    pemda: str  # title line: "PEMERINTAH KABUPATEN MADIUN"
    slug: str  # file-name prefix
    capital: str  # where the RKA is signed


@dataclass(frozen=True)
class SampleRow:
    """One layout-A proposal line. `problem` set = a deliberately bad row that must be rejected."""

    opd: str
    app_name: str
    description: str
    spend_type: str  # as the planner wrote it: "Pembangunan", "Pengembangan", "Sewa", ...
    amount: int | None
    sub_activity: str | None = None
    bidang: str | None = None  # sheet of a multi-sheet workbook; None = derived from the OPD
    amount_text: str | None = None  # written verbatim instead of `amount` ("seratus juta")
    problem: str | None = None


@dataclass(frozen=True)
class Messiness:
    """Which real-world mess a layout-A writer adds. `MESSY` turns everything on, `CLEAN` off."""

    title_block: bool = True  # title lines and a blank row above the header
    split_header: bool = True  # header over two rows with merged cells ("Anggaran" / "(Rp)")
    header_synonyms: bool = True  # the region's own header words instead of the canonical ones
    group_header: bool = False  # a merged group label ("Usulan") above name/description/type
    text_amounts: bool = True  # "Rp 1.250.000.000,00", "1.250.000.000", "1,25 M", "150 jt"
    formulas: bool = True  # amounts and totals as formulas (with cached values)
    subtotals: bool = True  # "Sub Total" row after each OPD
    grand_total: bool = True  # "JUMLAH TOTAL" row at the end of each sheet
    blank_rows: bool = True  # blank and whitespace-only rows between OPD groups
    trailing_spaces: bool = True  # "Dinas Kesehatan  ", "Nama\nAplikasi", double spaces
    hidden_sheet: bool = True  # hidden "Referensi" sheet with lookups (formulas refer to it)
    multi_sheet: bool = True  # one sheet per bidang
    instructions_sheet: bool = False  # a visible "Petunjuk" sheet of prose before the data
    extra_columns: bool = True  # "Sumber Dana" and similar columns the parser must ignore
    bad_rows: bool = True  # amount "seratus juta", negative amount, missing app name

    def features(self) -> list[str]:
        """The names of the flags that are on."""
        return [name for name, on in vars(self).items() if on]


MESSY = Messiness()
CLEAN = Messiness(**{name: False for name in vars(MESSY)})


@dataclass(frozen=True)
class BadRow:
    """Where a deliberately bad row sits (1-based row; CSV: line number) and what is wrong with it."""

    sheet: str
    row: int
    problem: str


@dataclass(frozen=True)
class ExpectedLine:
    """An item a correct parser must ingest: where it is, its amount, and (layout B) whether it is SPBE."""

    sheet: str
    row: int
    amount: int
    spbe: bool = True


@dataclass
class SampleFile:
    """A written sample and what a correct parser must find in it."""

    path: Path
    region_code: str
    region_name: str
    layout: Layout
    cycle: int = CYCLE
    format: Literal["xlsx", "csv"] = "xlsx"
    variant: str = "usulan"  # usulan | rka | rka-perubahan | benchmark
    lines: list[ExpectedLine] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    subtotal_mismatches: list[BadRow] = field(
        default_factory=list
    )  # layout B: rows that deliberately do not add up
    sheets: list[str] = field(default_factory=list)  # visible sheets holding data
    hidden_sheets: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)

    @property
    def items(self) -> int:
        return len(self.lines)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def spbe_items(self) -> int:
        return sum(line.spbe for line in self.lines)

    def manifest_row(self) -> dict[str, str]:
        return {
            "file": self.path.name,
            "region_code": self.region_code,
            "region_name": self.region_name,
            "layout": self.layout,
            "cycle": str(self.cycle),
        }


# --------------------------------------------------------------------------------------------------
# Regions, OPDs and apps (real names from shared/realdata/app_inventories.csv)

REGIONS: dict[str, Region] = {
    "35.19": Region("35.19", "Kabupaten Madiun", "PEMERINTAH KABUPATEN MADIUN", "kabmadiun", "Caruban"),
    "35.20": Region("35.20", "Kabupaten Magetan", "PEMERINTAH KABUPATEN MAGETAN", "kabmagetan", "Magetan"),
    "51.71": Region("51.71", "Kota Denpasar", "PEMERINTAH KOTA DENPASAR", "kotadenpasar", "Denpasar"),
    "35.74": Region(
        "35.74", "Kota Probolinggo", "PEMERINTAH KOTA PROBOLINGGO", "kotaprobolinggo", "Probolinggo"
    ),
    "92": Region(
        "92", "Provinsi Papua Barat", "PEMERINTAH PROVINSI PAPUA BARAT", "provpapuabarat", "Manokwari"
    ),
}

# Existing apps per region as (app name as written in the inventory, owning OPD, what it does).
# fmt: off
INVENTORY: dict[str, list[tuple[str, str, str]]] = {
    "35.19": [
        ("SIDA", "Badan Perencanaan Pembangunan Daerah (BAPPEDA)", "Sistem Informasi Daerah"),
        ("Kertas Kerja Kinerja Pembangunan Daerah", "Badan Perencanaan Pembangunan Daerah (BAPPEDA)",
         "penyusunan pohon kinerja perencanaan"),
        ("WP-SIPD", "Badan Pengelolaan Keuangan dan Aset Daerah (BPKAD)", "aplikasi pendukung SIPD"),
        ("SIMATA", "Badan Pengelolaan Keuangan dan Aset Daerah (BPKAD)",
         "manajemen data aset pemerintah daerah"),
        ("SIPEPELING", "Dinas Lingkungan Hidup", "pengaduan masyarakat bidang lingkungan hidup"),
        ("SIPEDALRUM", "Dinas Perumahan dan Kawasan Pemukiman", "pengendalian pembangunan perumahan"),
        ("Si-PeDe", "Dinas Perumahan dan Kawasan Pemukiman", "pertanggungjawaban perjalanan dinas"),
        ("e-parpol", "Badan Kesatuan Bangsa dan Politik Dalam Negeri", "database partai politik"),
        ("e-Ormas", "Badan Kesatuan Bangsa dan Politik Dalam Negeri", "pendataan organisasi kemasyarakatan"),
        ("Aplikasi SIROIS", "Badan Kesatuan Bangsa dan Politik Dalam Negeri", "pelayanan rekomendasi"),
        ("Kolak Pisang", "Dinas Kependudukan dan Pencatatan Sipil", "penghubung dukcapil dengan rumah sakit"),
        ("Siap Ngajar", "Dinas Pendidikan dan Kebudayaan", "pemantauan aktivitas mengajar guru"),
        ("PPDB Kab Madiun", "Dinas Pendidikan dan Kebudayaan", "penerimaan peserta didik baru"),
        ("iMadiunkab", "Dinas Perpustakaan dan Kearsipan", "perpustakaan digital"),
        ("ELINK", "Dinas Kesehatan", "rekam medis elektronik puskesmas"),
        ("Lik Randu Sakti", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
         "pengaduan layanan perizinan"),
        ("SiWALI", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "pengajuan izin online"),
        ("Simade (Sistem Manajemen Aparatur Desa)", "Dinas Pemberdayaan Masyarakat dan Desa",
         "berkas perangkat desa"),
        ("Simonik Desa (Sistem Monitoring Kinerja Desa)", "Dinas Pemberdayaan Masyarakat dan Desa",
         "monitoring kinerja desa"),
        ("AKSATA", "Dinas Perdagangan, Koperasi dan Usaha Mikro", "komoditas pasar pantauan"),
        ("ELIT PKL", "Dinas Perdagangan, Koperasi dan Usaha Mikro", "layanan informasi pedagang kaki lima"),
        ("SIMPKB (WEB) SI PINTAR (ANDROID)", "Dinas Perhubungan", "pengujian kendaraan bermotor"),
        ("SIMADU", "Dinas Perhubungan", "informasi mudik balik terpadu"),
        ("SIGAPURA",
         "Dinas Pengendalian Penduduk dan Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak",
         "pengaduan kekerasan"),
        ("SIMRS", "Rumah Sakit Umum Daerah Dolopo", "manajemen rumah sakit"),
        ("Website Kecamatan Mejayan", "Kecamatan Mejayan", "profil dan kegiatan kecamatan"),
        ("EP3", "Kecamatan Sawahan", "kinerja dan perolehan TPP"),
    ],
    "35.20": [
        ("simpeg.magetan.go.id", "Badan Kepegawaian Daerah", "data kepegawaian, e-file, kenaikan pangkat"),
        ("SIPEKAT", "Badan Kepegawaian Daerah", "kenaikan pangkat"),
        ("e-personal (Mobile)", "Badan Kepegawaian Daerah", "data ASN di Magetan"),
        ("RUMAH INOVASI", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
         "pengelolaan inovasi OPD dan masyarakat"),
        ("damai.magetan.go.id", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
         "data perencanaan pembangunan daerah"),
        ("SIMDALEV | Monev", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
         "cetak data monev"),
        ("NEXTCLOUD", "Dinas Komunikasi dan Informatika", "file sharing, form sharing dan chat"),
        ("registrasi.magetan.go.id", "Dinas Komunikasi dan Informatika", "pendaftaran domain dan email"),
        ("lppl.magetan.go.id", "Dinas Komunikasi dan Informatika", "streaming radio Magetan Indah"),
        ("Visit Magetan", "Dinas Komunikasi dan Informatika", "promosi wisata Magetan"),
        ("Absensi mobile", "Dinas Komunikasi dan Informatika", "absensi PNS mobile"),
        ("sismiop (Desktop)", "Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah", "PBB"),
        ("esptpd", "Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah", "pajak daerah"),
        ("antrian-disduk.magetan.go.id", "Dinas Kependudukan dan Catatan Sipil", "antrian pelayanan"),
        ("PUPR SDA", "Dinas Pekerjaan Umum dan Penataan Ruang", "data sumber daya air"),
        ("e-kir (pihak ke3) mobile", "Dinas Perhubungan", "uji KIR, pendaftaran dan cetak hasil"),
        ("Pengajuan siteplan", "Dinas Perumahan dan Kawasan Permukiman", "pendaftaran siteplan"),
        ("perpusda.magetan.go.id", "Dinas Kearsipan dan Perpustakaan", "perpustakaan online"),
        ("Aplikasi arsip inaktif", "Dinas Kearsipan dan Perpustakaan", "penyimpanan arsip inaktif"),
        ("ppdb.magetan.go.id", "Dinas Pendidikan, Kepemudaan dan Olahraga", "PPDB tingkat SMP"),
        ("mpp.magetan.go.id", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
         "antrian mall pelayanan publik"),
        ("simpus.magetan.go.id", "Dinas Kesehatan", "sistem informasi puskesmas"),
        ("Sistem informasi manajemen logistik IFK", "Dinas Kesehatan", "logistik instalasi farmasi"),
        ("SIHARKO", "SETDA Kab Magetan", "ketersediaan harga bahan pokok"),
        ("E- SKM", "SETDA Kab Magetan", "survei kepuasan masyarakat"),
    ],
    "51.71": [
        ("ATCS DENPASAR", "Dinas Perhubungan", "info arus lalu lintas"),
        ("SI BUSED", "Dinas Perhubungan", "layanan Bus Sekolah Denpasar"),
        ("RFID Bus Sekolah", "Dinas Perhubungan", "tap penumpang bus sekolah"),
        ("Rajakol (Rekomendasi Jasa Konstruksi Online)", "Dinas Pekerjaan Umum dan Penataan Ruang",
         "rekomendasi teknis jasa konstruksi"),
        ("SIJALAK (Sistem Informasi Jalan Kota)", "Dinas Pekerjaan Umum dan Penataan Ruang",
         "peta jalan kota"),
        ("Rumah Belanja Denpasar", "Dinas Perindustrian dan Perdagangan", "promosi produk IKM"),
        ("Rujukan Online", "Rumah Sakit Umum Daerah Wangaya", "rujukan dari faskes pertama"),
        ("Bed Management", "Rumah Sakit Umum Daerah Wangaya", "ketersediaan tempat tidur"),
        ("EMR", "Rumah Sakit Umum Daerah Wangaya", "rekam medis elektronik"),
        ("SIMPADA PHR", "Badan Pendapatan Daerah", "wajib pajak hotel, restoran dan hiburan"),
        ("e-BPHTB", "Badan Pendapatan Daerah", "wajib pajak BPHTB"),
        ("Taringdukcapil (Pendaftaran Daring Dukcapil Kota Denpasar)",
         "Dinas Kependudukan dan Pencatatan Sipil", "pendaftaran layanan adminduk daring"),
        ("Antrian Online (Akuwaras)", "Dinas Kependudukan dan Pencatatan Sipil", "antrian online"),
        ("SIMAK DIHATI", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kepegawaian"),
        ("Cyberschool Kota Denpasar", "Dinas Pendidikan, Pemuda dan Olahraga", "pembelajaran daring"),
        ("Kota Tangguh Sosial", "Dinas Sosial", "data sosial"),
        ("Bali Denpasar Tourism", "Dinas Pariwisata", "promosi pariwisata"),
        ("SIM HP (sistem Informasi Manajemen Hasil Pemeriksa)", "Inspektorat", "temuan pemeriksaan"),
        ("Siapel Rutilahu  (Sistem Aplikasi Rumah Tidak Layak Huni)",
         "Dinas Perumahan, Kawasan Permukiman Dan Pertanahan", "data rumah tidak layak huni"),
        ("SIMPATI (Sistem informasi Denpasar Timur)", "Kecamatan Denpasar Timur", "layanan kecamatan"),
        ("SIKEKAL (Sistem Informasi Desa Kesiman Kertalangu)", "Kecamatan Denpasar Timur", "layanan desa"),
        ("Safe City", "Dinas Komunikasi, Informatika dan Statistik", "informasi keamanan kota (CCTV)"),
        ("GPS Tracking", "Dinas Komunikasi, Informatika dan Statistik", "posisi kendaraan dinas"),
        ("TNDE (Tata Naskah Dinas Elektronik)", "Dinas Komunikasi, Informatika dan Statistik",
         "tata naskah dinas"),
        ("Divos", "Dinas Komunikasi, Informatika dan Statistik",
         "Denpasar’s Integrated Virtual Office System"),
        ("Jendela Kota Denpasar (Pusat Data berbasis GIS)", "Dinas Komunikasi, Informatika dan Statistik",
         "pusat data berbasis GIS"),
        ("Aplikasi Kegawatdaruratan 112", "Dinas Komunikasi, Informatika dan Statistik",
         "layanan darurat 112"),
        ("PRO Denpasar Mobile Android", "Dinas Komunikasi, Informatika dan Statistik", "pengaduan mobile"),
    ],
    "35.74": [
        ("Satu Data", "Dinas Komunikasi dan Informatika", "portal data statistik"),
        ("Klinik Hoaks", "Dinas Komunikasi dan Informatika", "klarifikasi hoaks"),
        ("Peta Tematik", "Dinas Komunikasi dan Informatika", "peta tematik geospasial"),
        ("Portal Emas", "Dinas Komunikasi dan Informatika", "portal internal"),
        ("Sideka Pro", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana", "layanan kesehatan"),
        ("Simpustronik", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana",
         "puskesmas elektronik"),
        ("Siskia Pro Cantik", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana",
         "kesehatan ibu dan anak"),
        ("Simpeg", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kepegawaian"),
        ("SIAP", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "presensi ASN"),
        ("Layanan Kependudukan", "Dinas Kependudukan dan Pencatatan Sipil", "layanan adminduk"),
        ("INSLISLITE", "Dinas Perpustakaan dan Kearsipan", "otomasi perpustakaan"),
        ("Iprobolinggo", "Dinas Perpustakaan dan Kearsipan", "perpustakaan digital"),
        ("PPDB", "Dinas Pendidikan dan Kebudayaan", "penerimaan peserta didik baru"),
        ("E-Sultan", "Sekretariat Daerah", "layanan sekretariat"),
        ("SIAB MASPRO", "Badan Penanggulangan Bencana Daerah", "informasi bencana"),
        ("UKM Pintar", "Dinas Koperasi, Usaha Mikro dan Tenaga Kerja", "pembinaan UKM"),
        ("Simpatda", "Badan Pengelolaan Keuangan dan Pendapatan Daerah", "pajak daerah"),
    ],
}
# fmt: on

# The header words of each region's template (synonyms from the domain README, "Inputs: the spreadsheets").
_HEADER_KEYS = ("opd", "app", "desc", "type", "amount", "sub")
# fmt: off
HEADERS: dict[str, dict[str, str]] = {
    key: dict(zip(_HEADER_KEYS, words, strict=False)) for key, words in {
        "canonical": ("Perangkat Daerah", "Nama Aplikasi", "Uraian", "Jenis Belanja", "Pagu",
                      "Kode Sub Kegiatan"),
        "35.19": ("Perangkat Daerah", "Nama\nAplikasi", "Uraian", "Jenis Belanja ", "Anggaran",
                  "Kode Sub Kegiatan"),
        "35.20": ("OPD", "Nama Sistem Informasi", "Deskripsi Singkat Aplikasi", "Jenis Usulan", "Pagu",
                  "Sub Kegiatan"),
        "51.71": ("Unit Kerja", "Nama Layanan", "Fungsi Aplikasi", "Kategori", "Nilai"),
        "35.74": ("SKPD", "Nama Aplikasi", "Uraian Kegiatan", "Jenis Kegiatan", "Jumlah"),
        "92": ("Nama Perangkat Daerah Pengusul", "Aplikasi", "Deskripsi", "Kategori", "Pagu Anggaran"),
    }.items()
}  # a region without "sub" has no sub-kegiatan column
# fmt: on

BIDANG_SHEETS = ("Bid. Pemerintahan", "Bid. Pembangunan Manusia", "Bid. Ekonomi & Infrastruktur")

# --------------------------------------------------------------------------------------------------
# Proposal scenarios per region (layout A). Each line exercises a clearance case: national-app rebuilds
# (SRIKANDI, SIASN, SP4N-LAPOR!, SIKS-NG), development/maintenance of registered apps, integration with a
# shared app, infrastructure, legitimately new local apps, duplicates across OPDs and across regions.

_R = SampleRow
JT = 1_000_000

# fmt: off
SCENARIOS: dict[str, list[SampleRow]] = {
    "35.19": [
        _R("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "SIMPEG Kab. Madiun",
           "Pembangunan ulang sistem informasi manajemen kepegawaian (KP, KGB, pensiun, e-file)",
           "Pembangunan", 850 * JT, "5.03.02.2.01.0010"),
        _R("Bagian Administrasi Pemerintahan", "Pembangunan Aplikasi Surat Menyurat Elektronik",
           "Aplikasi persuratan dan disposisi elektronik untuk seluruh OPD", "Pembangunan", 1_250 * JT),
        _R("Dinas Perpustakaan dan Kearsipan", "Integrasi dengan SRIKANDI",
           "Integrasi pengelolaan arsip dinamis dengan srikandi.arsip ANRI", "Integrasi", 150 * JT),
        _R("Kecamatan Wungu", "Aplikasi e-Presensi", "Presensi ASN berbasis lokasi", "Pembangunan", 75 * JT),
        _R("Kecamatan Jiwan", "E Presensi", "Aplikasi absensi pegawai kecamatan", "Pembangunan", 60 * JT),
        _R("Badan Kesatuan Bangsa dan Politik Dalam Negeri",
           "Pemeliharaan WASKITA PURABAYA EARLY WARNING SYSTEM",
           "Aplikasi deteksi dini, pelaporan dan informasi", "Pemeliharaan", 40 * JT),
        _R("Dinas Kesehatan", "Aplikasi e-Office Dinas Kesehatan",
           "Tata naskah dinas elektronik internal Dinas Kesehatan", "Pembangunan Aplikasi Baru", 400 * JT,
           "1.02.02.2.03.0002"),
        _R("Dinas Kesehatan", "Pengembangan ELINK", "Rekam medis elektronik puskesmas, bridging SATUSEHAT",
           "Pengembangan", 500 * JT, "1.02.02.2.03.0002"),
        _R("Rumah Sakit Umum Daerah Dolopo", "Pemeliharaan SIMRS",
           "Pemeliharaan aplikasi manajemen rumah sakit", "Pemeliharaan", 180 * JT, "1.02.02.2.02.0032"),
        _R("Dinas Pendidikan dan Kebudayaan", "Pengembangan PPDB Kab Madiun",
           "Penerimaan peserta didik baru jenjang SD dan SMP", "Pengembangan", 225 * JT),
        _R("Dinas Sosial", "Sistem Informasi Data Kemiskinan Daerah",
           "Pendataan fakir miskin dan penerima bantuan sosial daerah", "Pembangunan", 350 * JT),
        _R("Dinas Pariwisata, Pemuda dan Olahraga", "Sewa Hosting", "Sewa hosting website promosi wisata",
           "Sewa", 96 * JT),
        _R("Dinas Pendidikan dan Kebudayaan", "Langganan Internet",
           "Bandwidth internet untuk SD dan SMP negeri", "Langganan", 1_440 * JT),
        _R("Inspektorat Daerah", "Aplikasi Pengaduan Masyarakat",
           "Kanal pengaduan masyarakat terpadu berbasis web dan WhatsApp", "Pembangunan", 275 * JT),
        _R("Dinas Lingkungan Hidup", "Pengembangan SIPEPELING",
           "Pengaduan masyarakat bidang lingkungan hidup", "Pengembangan", 85 * JT),
        _R("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Aplikasi Antrian Mal Pelayanan Publik",
           "Antrian online dan survei kepuasan di MPP", "Pembangunan", 150 * JT),
        _R("Dinas Perhubungan", "Pemeliharaan SIMPKB (WEB) SI PINTAR (ANDROID)",
           "Pengujian kendaraan bermotor", "Pemeliharaan", 50 * JT),
        _R("Dinas Perdagangan, Koperasi dan Usaha Mikro", "Pengembangan AKSATA",
           "Komoditas pasar pantauan Kabupaten Madiun", "Pengembangan", 65 * JT),
        _R("Dinas Pertanian dan Perikanan", "Sistem Informasi Pemantauan Harga Gabah Petani",
           "Harga gabah di tingkat petani per kecamatan, data untuk TPID", "Pembangunan", 180 * JT),
        _R("Dinas Pekerjaan Umum dan Penataan Ruang", "Lisensi ArcGIS",
           "Perpanjangan lisensi perangkat lunak pemetaan", "Lisensi", 95 * JT),
    ],
    "35.20": [
        _R("Badan Kepegawaian Daerah", "Pengembangan simpeg.magetan.go.id",
           "Modul e-file dan usul kenaikan pangkat", "Pengembangan", 250 * JT, "5.03.02.2.01.0010"),
        _R("Badan Kepegawaian Daerah", "e-kinerja.magetan.go.id",
           "Penilaian kinerja ASN untuk perhitungan TPP daerah", "Pengembangan", 175 * JT,
           "5.03.02.2.01.0010"),
        _R("Dinas Kearsipan dan Perpustakaan", "Integrasi dengan SRIKANDI",
           "Integrasi aplikasi arsip inaktif dengan SRIKANDI ANRI", "Integrasi", 100 * JT),
        _R("Dinas Pariwisata dan Kebudayaan", "Sewa Hosting", "Sewa hosting website Visit Magetan", "Sewa",
           84 * JT),
        _R("Dinas Pendidikan, Kepemudaan dan Olahraga", "Langganan Internet",
           "Bandwidth internet SD dan SMP negeri", "Langganan", 1_200 * JT),
        _R("Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah", "Pengadaan Server Aplikasi Pajak Daerah",
           "Server dan storage untuk sismiop dan esptpd", "Infrastruktur", 650 * JT),
        _R("SETDA Kab Magetan", "Aplikasi Pengaduan Masyarakat", "Layanan pengaduan warga terpadu",
           "Pembangunan", 200 * JT),
        _R("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Aplikasi Antrian Mal Pelayanan Publik",
           "Antrian online MPP", "Pembangunan", 140 * JT),
        _R("Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah", "Pemeliharaan sismiop (Desktop)",
           "Aplikasi PBB", "Pemeliharaan", 90 * JT),
        _R("Badan Pendapatan, Pengelolaan Keuangan dan Aset Daerah", "Pengembangan esptpd",
           "Pelaporan pajak daerah online", "Pengembangan", 150 * JT),
        _R("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
           "Pengembangan e-planning.magetan.go.id", "RENSTRA, RKPD, RENJA dan manajemen SSH", "Pengembangan",
           225 * JT),
        _R("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Pemeliharaan RUMAH INOVASI",
           "Pengelolaan inovasi dari OPD dan masyarakat", "Pemeliharaan", 30 * JT),
        _R("RSUD Dr. Sayidiman", "Pembangunan Aplikasi Surat Menyurat Elektronik", "Persuratan RSUD",
           "Pembangunan", 150 * JT),
        _R("Dinas Kearsipan dan Perpustakaan", "Pengembangan Aplikasi arsip inaktif",
           "Penyimpanan dan penelusuran arsip inaktif", "Pengembangan", 80 * JT),
        _R("Dinas Kearsipan dan Perpustakaan", "Pemeliharaan perpusda.magetan.go.id", "Perpustakaan online",
           "Pemeliharaan", 25 * JT),
        _R("Dinas Pariwisata dan Kebudayaan", "Sistem Informasi Reservasi Wisata Telaga Sarangan",
           "Reservasi tiket dan homestay kawasan Telaga Sarangan", "Pembangunan", 190 * JT),
        _R("Dinas Perhubungan", "Pengembangan e-kir (pihak ke3) mobile",
           "Uji KIR, pendaftaran dan cetak hasil", "Pengembangan", 70 * JT),
        _R("Kecamatan Plaosan", "Website Kecamatan", "Pembuatan website profil kecamatan", "Pembangunan",
           15 * JT),
        _R("Kecamatan Panekan", "Website Kecamatan", "Pembuatan website profil kecamatan", "Pembangunan",
           15 * JT),
    ],
    "51.71": [
        _R("Dinas Perhubungan", "Sistem Pengawasan Armada (GPS Tracking)",
           "Pemantauan posisi bus sekolah dan kendaraan operasional", "Pembangunan", 350 * JT),
        _R("Dinas Perhubungan", "Pengembangan ATCS DENPASAR", "Info arus lalu lintas dan traffic light",
           "Pengembangan", 400 * JT),
        _R("Dinas Kesehatan", "Aplikasi e-Office Dinas Kesehatan",
           "Surat menyurat dan disposisi Dinas Kesehatan", "Pembangunan", 250 * JT),
        _R("Dinas Kesehatan", "Pemeliharaan SIKDA Generik", "Pelaporan data kesehatan ke Kemenkes",
           "Pemeliharaan", 60 * JT),
        _R("Rumah Sakit Umum Daerah Wangaya", "Pengembangan EMR",
           "Rekam medis elektronik rawat jalan dan inap", "Pengembangan", 600 * JT),
        _R("Rumah Sakit Umum Daerah Wangaya", "Pemeliharaan Bed Management",
           "Ketersediaan tempat tidur rawat inap", "Pemeliharaan", 35 * JT),
        _R("Badan Pendapatan Daerah", "Pengembangan e-BPHTB", "Pelaporan BPHTB online", "Pengembangan",
           150 * JT),
        _R("Badan Pendapatan Daerah", "Pemeliharaan SIMPADA PHR", "Pajak hotel, restoran dan hiburan",
           "Pemeliharaan", 75 * JT),
        _R("Dinas Kependudukan dan Pencatatan Sipil", "Pengembangan Taringdukcapil",
           "Pendaftaran layanan adminduk daring", "Pengembangan", 110 * JT),
        _R("Dinas Kependudukan dan Pencatatan Sipil", "Aplikasi Antrian Online", "Antrian online pelayanan",
           "Pembangunan", 80 * JT),
        _R("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Aplikasi Antrian Online",
           "Antrian online pelayanan perizinan", "Pembangunan", 90 * JT),
        _R("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Pengembangan SIMAK DIHATI",
           "Layanan kepegawaian mandiri ASN", "Pengembangan", 130 * JT),
        _R("Dinas Pendidikan, Pemuda dan Olahraga", "Pengembangan Cyberschool Kota Denpasar",
           "Pembelajaran daring SD dan SMP", "Pengembangan", 200 * JT),
        _R("Dinas Sosial", "Pemeliharaan Kota Tangguh Sosial", "Data sosial kota", "Pemeliharaan", 40 * JT),
        _R("Dinas Pariwisata", "Pengembangan Bali Denpasar Tourism", "Promosi destinasi wisata kota",
           "Pengembangan", 120 * JT),
        _R("Dinas Perumahan, Kawasan Permukiman Dan Pertanahan", "Pengembangan Siapel Rutilahu",
           "Data rumah tidak layak huni", "Pengembangan", 95 * JT),
        _R("Dinas Kebudayaan", "Sistem Informasi Subak dan Desa Adat",
           "Data subak, pura dan desa adat untuk pelestarian budaya", "Pembangunan", 210 * JT),
        _R("Bagian Hukum Setda Kota Denpasar", "Pemeliharaan Jaringan Dokumentasi Informasi Hukum (JDIH)",
           "Layanan informasi produk hukum", "Pemeliharaan", 30 * JT),
        _R("Inspektorat", "Pengembangan SIM HP (sistem Informasi Manajemen Hasil Pemeriksa)",
           "Tindak lanjut temuan pemeriksaan", "Pengembangan", 70 * JT),
    ],
    "35.74": [
        _R("Dinas Komunikasi dan Informatika", "Pengembangan Satu Data", "Portal data statistik sektoral",
           "Pengembangan", 150 * JT),
        _R("Dinas Komunikasi dan Informatika", "Pemeliharaan Klinik Hoaks", "Klarifikasi hoaks",
           "Pemeliharaan", 30 * JT),
        _R("Dinas Komunikasi dan Informatika", "Aplikasi Pengaduan Masyarakat",
           "Pengembangan kanal pengaduan masyarakat", "Pengembangan", 120 * JT),
        _R("Dinas Komunikasi dan Informatika", "Sewa Cloud Backup", "Cloud storage untuk backup data OPD",
           "Sewa", 240 * JT),
        _R("Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana", "Pengembangan Simpustronik",
           "Puskesmas elektronik", "Pengembangan", 180 * JT),
        _R("Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana", "Pemeliharaan Sideka Pro",
           "Layanan kesehatan", "Pemeliharaan", 35 * JT),
        _R("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Pengembangan Simpeg",
           "Kepegawaian daerah", "Pengembangan", 200 * JT),
        _R("Dinas Kependudukan dan Pencatatan Sipil", "Layanan Kependudukan", "Layanan adminduk online",
           "Pengembangan", 90 * JT),
        _R("Dinas Perpustakaan dan Kearsipan", "Pemeliharaan INSLISLITE", "Otomasi perpustakaan",
           "Pemeliharaan", 20 * JT),
        _R("Dinas Pendidikan dan Kebudayaan", "PPDB", "Penerimaan peserta didik baru", "Pengembangan",
           130 * JT),
        _R("Sekretariat Daerah", "Pengembangan E-Sultan", "Layanan sekretariat daerah", "Pengembangan",
           60 * JT),
        _R("Badan Penanggulangan Bencana Daerah", "Pengembangan SIAB MASPRO", "Informasi bencana",
           "Pengembangan", 45 * JT),
        _R("Dinas Koperasi, Usaha Mikro dan Tenaga Kerja", "Pengembangan UKM Pintar", "Pembinaan UKM",
           "Pengembangan", 75 * JT),
    ],
}

# The CSV export (Kota Denpasar): Diskominfostat and the kecamatan, from an older e-planning system.
DENPASAR_CSV_ROWS: list[SampleRow] = [
    _R("Dinas Komunikasi, Informatika dan Statistik",
       "Pengembangan Divos (Denpasar’s Integrated Virtual Office System)",
       "Virtual office – persuratan, disposisi; tanda tangan elektronik", "Pengembangan", 450 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik", "Pemeliharaan TNDE (Tata Naskah Dinas Elektronik)",
       "Tata naskah dinas elektronik", "Pemeliharaan", 50 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik", "Integrasi dengan SRIKANDI",
       "Integrasi TNDE – SRIKANDI (“bridging” surat keluar)", "Integrasi", 75 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik", "Langganan Internet",
       "Bandwidth dedicated 2 Gbps – OPD dan kelurahan", "Langganan", 2_400 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik", "Sewa Hosting",
       "Cloud hosting Web Portal Kota Denpasar", "Sewa", 180 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik", "Pengembangan PRO Denpasar Mobile Android",
       "Pengaduan masyarakat berbasis mobile", "Pengembangan", 160 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik", "Pemeliharaan Safe City", "CCTV dan ruang kendali kota",
       "Pemeliharaan", 300 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik",
       "Pengembangan Jendela Kota Denpasar (Pusat Data berbasis GIS)", "Integrasi data spasial OPD",
       "Pengembangan", 140 * JT),
    _R("Dinas Komunikasi, Informatika dan Statistik", "Pemeliharaan Aplikasi Kegawatdaruratan 112",
       'Layanan darurat 112 "Denpasar Siaga"', "Pemeliharaan", 90 * JT),
    _R("Kecamatan Denpasar Timur", "Pengembangan SIMPATI (Sistem informasi Denpasar Timur)",
       "Layanan administrasi kecamatan", "Pengembangan", 45 * JT),
    _R("Kecamatan Denpasar Timur", "Pemeliharaan SIKEKAL (Sistem Informasi Desa Kesiman Kertalangu)",
       "Layanan desa", "Pemeliharaan", 20 * JT),
    _R("Kecamatan Denpasar Timur", "Pemeliharaan Jaringan – Kantor Camat",
       "Jaringan LAN dan Wi-Fi kantor camat", "Infrastruktur", 30 * JT),
]
# fmt: on
# A region's CSV comes from OPDs other than its xlsx (each OPD submits once): rows and bad-row OPDs.
CSV_SCENARIOS: dict[str, tuple[list[SampleRow], tuple[str, str]]] = {
    "51.71": (DENPASAR_CSV_ROWS, ("Dinas Komunikasi, Informatika dan Statistik", "Kecamatan Denpasar Timur")),
}

NATIONAL_REBUILDS = [
    ("Pembangunan Aplikasi Surat Menyurat Elektronik", "persuratan dan disposisi elektronik", "Pembangunan"),
    ("Aplikasi e-Office", "tata naskah dinas elektronik", "Pembangunan"),
    ("Aplikasi Pengaduan Masyarakat", "pengaduan masyarakat", "Pembangunan"),
    ("Sistem Informasi Kepegawaian", "data ASN dan kenaikan pangkat", "Pembangunan"),
    ("Aplikasi e-Kinerja", "penilaian kinerja pegawai", "Pengembangan"),
    ("Aplikasi Perizinan Online", "perizinan berusaha", "Pembangunan"),
    ("Aplikasi Keuangan Desa", "pengelolaan keuangan desa", "Pembangunan"),
    ("Portal PPID", "layanan informasi publik", "Pengembangan"),
    ("Integrasi dengan SRIKANDI", "integrasi persuratan dengan SRIKANDI", "Integrasi"),
    ("Sewa Hosting", "hosting website OPD", "Sewa"),
    ("Langganan Internet", "bandwidth internet kantor", "Langganan"),
]


_GOVERNMENT_WORDS = (
    "kecamatan",
    "bagian",
    "setda",
    "sekretariat",
    "kepegawaian",
    "inspektorat",
    "kesatuan bangsa",
    "perencanaan",
)
_SOCIAL_WORDS = (
    "kesehatan",
    "rumah sakit",
    "rsud",
    "pendidikan",
    "sosial",
    "kependudukan",
    "perpustakaan",
    "kearsipan",
    "pariwisata",
    "kebudayaan",
    "penduduk",
)


def _bidang_of(opd: str) -> str:
    """Which Bappeda bidang (sheet) an OPD's proposals go to."""
    text = opd.lower()
    if any(word in text for word in _GOVERNMENT_WORDS):
        return BIDANG_SHEETS[0]
    if any(word in text for word in _SOCIAL_WORDS):
        return BIDANG_SHEETS[1]
    return BIDANG_SHEETS[2]


BAD_ROW_OPDS: dict[str, tuple[str, str]] = {  # (OPD of the "seratus juta" row, kecamatan of the other two)
    "35.19": ("Dinas Pariwisata, Pemuda dan Olahraga", "Kecamatan Saradan"),
    "35.20": ("Dinas Pariwisata dan Kebudayaan", "Kecamatan Poncol"),
    "51.71": ("Dinas Pariwisata", "Kecamatan Denpasar Selatan"),
    "35.74": ("Dinas Kepemudaan, Olahraga dan Pariwisata", "Kecamatan Kademangan"),
}


def bad_rows(region_code: str, opds: tuple[str, str] | None = None) -> list[SampleRow]:
    """The three deliberately bad rows: amount in words, negative amount, no app name."""
    wisata, kec = opds or BAD_ROW_OPDS.get(region_code, ("Dinas Pariwisata", "Kecamatan"))
    return [
        _R(
            wisata,
            "Pengembangan Website Pariwisata",
            "Website promosi destinasi wisata",
            "Pengembangan",
            None,
            amount_text="seratus juta",
            problem="amount in words",
        ),
        _R(
            kec,
            "Pemeliharaan Website Kecamatan",
            "Koreksi anggaran tahun lalu",
            "Pemeliharaan",
            -50 * JT,
            problem="negative amount",
        ),
        _R(kec, "", "", "Pengembangan", 35 * JT, problem="missing app name"),
    ]


def _region(region_code: str, region_name: str | None) -> Region:
    if region_code in REGIONS:
        region = REGIONS[region_code]
        return replace(region, name=region_name) if region_name else region
    name = region_name or f"Wilayah {region_code}"
    slug = re.sub(r"[^a-z0-9]+", "", name.lower())
    return Region(region_code, name, f"PEMERINTAH {name.upper()}", slug, name)


def template_rows(
    region_code: str,
    *,
    seed: int = 0,
    n: int | None = None,
    with_bad_rows: bool = True,
    scenario: Sequence[SampleRow] | None = None,
    bad_row_opds: tuple[str, str] | None = None,
) -> list[SampleRow]:
    """The region's proposal lines (`scenario`, default its template scenario), padded up to `n` with
    random lines about its real apps. Bad rows (when asked) go in at seeded places; `n` counts good rows."""
    rng = random.Random(f"rows:{seed}:{region_code}")
    rows = list(SCENARIOS.get(region_code, []) if scenario is None else scenario)
    if n is not None:
        rows = rows[:n]
        inventory = INVENTORY.get(region_code) or [app for apps in INVENTORY.values() for app in apps]
        while len(rows) < n:
            rows.append(_random_row(rng, inventory))
    if with_bad_rows:
        for bad in bad_rows(region_code, bad_row_opds):
            rows.insert(rng.randrange(1, len(rows) + 1), bad)
    return rows


def _random_row(rng: random.Random, inventory: Sequence[tuple[str, str, str]]) -> SampleRow:
    app, opd, what = rng.choice(inventory)
    roll = rng.random()
    if roll < 0.15:
        name, what, kind = rng.choice(NATIONAL_REBUILDS)
        return _R(opd, name, what[0].upper() + what[1:], kind, _random_amount(rng))
    kind = "Pemeliharaan" if roll < 0.55 else "Pengembangan"
    return _R(opd, f"{kind} {app}", what[0].upper() + what[1:], kind, _random_amount(rng))


def _random_amount(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.6:
        return rng.randrange(4, 120) * 5 * JT
    if roll < 0.9:
        return rng.randrange(100, 1500) * 500_000
    return rng.randrange(1, 30) * 100 * JT


# --------------------------------------------------------------------------------------------------
# Amount spellings


def rupiah_text(amount: int, *, prefix: str = "Rp ", decimals: bool = True) -> str:
    """1250000000 -> "Rp 1.250.000.000,00" (Indonesian separators)."""
    sign = "-" if amount < 0 else ""
    body = f"{abs(amount):,}".replace(",", ".")
    return f"{prefix}{sign}{body}{',00' if decimals else ''}"


def _scaled_text(amount: int) -> str | None:
    """1250000000 -> "1,25 M", 150000000 -> "150 jt"; None when the scaled form would not be exact."""
    if amount >= 10**9 and amount % 10**7 == 0:
        return f"{amount / 10**9:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " M"
    if amount < 10**9 and amount % 10**5 == 0:
        return f"{amount / 10**6:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " jt"
    return None


def _amount_text(rng: random.Random, amount: int, *, prefer_scaled: bool = False) -> str:
    """One of the ways planners type an amount as text."""
    roll = rng.random()
    scaled = _scaled_text(amount)
    if (roll < 0.3 or prefer_scaled) and scaled:
        return scaled
    if roll < 0.55:
        return rupiah_text(amount)
    if roll < 0.7:
        return rupiah_text(amount, prefix="Rp. ", decimals=False)
    return rupiah_text(amount, prefix="", decimals=False)


# --------------------------------------------------------------------------------------------------
# Workbook helpers

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=12)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_NUM = "#,##0"
_NUM_ACC = "#,##0.00;(#,##0.00)"


class _Formulas:
    """Cached values of the formula cells written so far: {sheet title: {"G7": 125000000}}."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, int]] = {}

    def put(self, ws: Worksheet, ref: str, formula: str, value: int) -> None:
        ws[ref] = formula
        self.values.setdefault(ws.title, {})[ref] = value


_FORMULA_CELL = re.compile(rb'(<c r="([A-Z]+[0-9]+)"[^>]*><f>[^<]*</f>)<v\s*/>')
_CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _finish_xlsx(
    path: Path,
    sheet_titles: Sequence[str],
    formulas: _Formulas | None = None,
    appended_rows: dict[str, bytes] | None = None,
) -> None:
    """Put cached values into formula cells, append pre-rendered `<row>` XML to sheets (big workbook),
    and make the ZIP byte-reproducible (fixed dates)."""
    values = formulas.values if formulas else {}
    appended = appended_rows or {}
    parts = {f"xl/worksheets/sheet{i}.xml": title for i, title in enumerate(sheet_titles, start=1)}
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            title = parts.get(info.filename)
            if title is not None and values.get(title):
                cached = values[title]

                def fill(match: re.Match[bytes], cached: dict[str, int] = cached) -> bytes:
                    value = cached.get(match.group(2).decode())
                    return match.group(0) if value is None else match.group(1) + b"<v>%d</v>" % value

                data = _FORMULA_CELL.sub(fill, data)
            if title is not None and title in appended:
                data = data.replace(b"</sheetData>", appended[title] + b"</sheetData>", 1)
            elif info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(rb"\g<1>" + FIXED_DOC_TIME.encode() + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            zf.writestr(fixed, data)
    path.write_bytes(out.getvalue())


def _set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


# --------------------------------------------------------------------------------------------------
# Layout A: the SPBE proposal template


@dataclass
class _Columns:
    """Column order of one template sheet: field -> 1-based column, and header texts."""

    fields: list[str]
    top: dict[str, str]  # field -> header text in the first header row
    bottom: dict[str, str]  # field -> header text in the second header row (split header)
    group: tuple[str, ...] = ()  # fields under a merged group label

    def col(self, name: str) -> int:
        return self.fields.index(name) + 1


def _template_columns(region_code: str, messy: Messiness, has_sub: bool) -> _Columns:
    words = HEADERS.get(region_code if messy.header_synonyms else "canonical", HEADERS["canonical"])
    if not messy.trailing_spaces:
        words = {key: " ".join(value.split()) for key, value in words.items()}
    fields = ["no", "opd"]
    if has_sub:
        fields.append("sub")
    fields += ["app", "desc", "type", "amount"]
    if messy.extra_columns:
        fields.append("dana")
    top = {
        "no": "No",
        "opd": words["opd"],
        "sub": words.get("sub", HEADERS["canonical"]["sub"]),
        "app": words["app"],
        "desc": words["desc"],
        "type": words["type"],
        "amount": words["amount"],
        "dana": "Sumber Dana",
    }
    bottom: dict[str, str] = {}
    if messy.split_header:
        bottom["amount"] = "(Rp)"
    else:
        top["amount"] = f"{words['amount']} (Rp)"
    group: tuple[str, ...] = ()
    if messy.group_header and messy.split_header:
        group = ("app", "desc", "type")
        for name in group:
            bottom[name] = top[name]
            top[name] = "Usulan"
    return _Columns(fields, top, bottom, group)


def _write_title(ws: Worksheet, region: Region, last_col: int, subtitle: str | None) -> int:
    """Title block; returns the next free row."""
    lines = [f"USULAN BELANJA SPBE TAHUN ANGGARAN {CYCLE}", region.pemda]
    if subtitle:
        lines.append(subtitle)
    for row, text in enumerate(lines, start=1):
        ws.cell(row, 1, text).font = _TITLE
        ws.cell(row, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    return len(lines) + 2  # one blank row


def _write_header(ws: Worksheet, cols: _Columns, row: int, split: bool) -> int:
    """Header rows with merged cells; returns the first data row."""
    height = 2 if split else 1
    for index, name in enumerate(cols.fields, start=1):
        cell = ws.cell(row, index, cols.top[name])
        for r in range(row, row + height):
            ws.cell(r, index).font = _BOLD
            ws.cell(r, index).fill = _HEAD_FILL
            ws.cell(r, index).border = _BOX
            ws.cell(r, index).alignment = _CENTER
        if split and name in cols.bottom:
            ws.cell(row + 1, index, cols.bottom[name])
        elif split:
            ws.merge_cells(start_row=row, start_column=index, end_row=row + 1, end_column=index)
        cell.alignment = _CENTER
    if split and cols.group:
        first, last = cols.col(cols.group[0]), cols.col(cols.group[-1])
        for index in range(first + 1, last + 1):
            ws.cell(row, index).value = None
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    return row + height


MONTHLY_ITEMS = ("Langganan Internet", "Sewa Hosting", "Sewa Cloud Backup")  # priced per month in Referensi


def _referensi_cell(what: str) -> str:
    return f"Referensi!$F${3 + MONTHLY_ITEMS.index(what)}"


def _write_referensi(wb: Workbook, monthly: dict[str, int]) -> None:
    """Hidden lookup sheet: spend types, and the monthly prices that amount formulas multiply by 12."""
    ws = wb.create_sheet("Referensi")
    ws.sheet_state = "hidden"
    ws["A1"] = "DAFTAR JENIS BELANJA"
    ws["A1"].font = _BOLD
    kinds = [
        ("Pembangunan", "Aplikasi baru"),
        ("Pengembangan", "Penambahan fitur / integrasi"),
        ("Pemeliharaan", "Operasional dan pemeliharaan"),
        ("Lisensi", "Lisensi / langganan perangkat lunak"),
        ("Sewa", "Sewa hosting / cloud"),
        ("Infrastruktur", "Server, jaringan, pusat data"),
    ]
    for offset, (kind, note) in enumerate(kinds, start=2):
        ws.cell(offset, 1, kind)
        ws.cell(offset, 2, note)
    ws["D1"] = "HARGA SATUAN LANGGANAN (per bulan)"
    ws["D1"].font = _BOLD
    ws["D2"], ws["E2"], ws["F2"] = "Uraian", "Satuan", "Harga"
    for offset, what in enumerate(MONTHLY_ITEMS, start=3):
        ws.cell(offset, 4, what)
        ws.cell(offset, 5, "Bulan")
        ws.cell(offset, 6, monthly.get(what, 0)).number_format = _NUM
    _set_widths(ws, [16, 36, 2, 28, 10, 16])


def write_template_workbook(
    path: str | Path,
    region_code: str,
    region_name: str | None = None,
    rows: list[SampleRow] | None = None,
    *,
    seed: int = 0,
    n: int | None = None,
    messy: bool | Messiness = True,
) -> SampleFile:
    """Write a layout-A proposal workbook. `rows` None = the region's scenario (padded to `n`).

    With `messy` (a bool or `Messiness` flags) the file has a title block, a two-row merged header with
    the region's synonyms, text and formula amounts, per-OPD subtotals, a grand total, blank rows,
    trailing spaces, one sheet per bidang, a hidden "Referensi" sheet and three bad rows."""
    flags = MESSY if messy is True else CLEAN if messy is False else messy
    region = _region(region_code, region_name)
    path = Path(path)
    rng = random.Random(f"template:{seed}:{region.code}")
    if rows is None:
        rows = template_rows(region.code, seed=seed, n=n, with_bad_rows=flags.bad_rows)
    has_sub = any(r.sub_activity for r in rows) and "sub" in HEADERS.get(region.code, HEADERS["canonical"])
    cols = _template_columns(region.code, flags, has_sub)

    sheets: dict[str, list[SampleRow]] = {}
    for row in rows:
        name = (row.bidang or _bidang_of(row.opd)) if flags.multi_sheet else "Usulan SPBE"
        sheets.setdefault(name, []).append(row)
    if flags.multi_sheet:
        sheets = {name: sheets[name] for name in [*BIDANG_SHEETS, *sheets] if name in sheets}

    wb = Workbook()
    wb.remove(wb.active)
    formulas = _Formulas()
    result = SampleFile(path, region.code, region.name, "template", features=flags.features())
    if flags.instructions_sheet:
        _write_instructions(wb.create_sheet("Petunjuk"), region)
    monthly: dict[str, int] = {}  # filled by rows whose amount is =Referensi!$F$n*12
    for sheet_name, sheet_rows in sheets.items():
        ws = wb.create_sheet(sheet_name)
        result.sheets.append(sheet_name)
        _write_template_sheet(ws, region, cols, sheet_rows, flags, rng, formulas, monthly, result)
    if flags.hidden_sheet:
        _write_referensi(wb, monthly)
        result.hidden_sheets.append("Referensi")
    titles = wb.sheetnames
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _finish_xlsx(path, titles, formulas)
    return result


def _write_instructions(ws: Worksheet, region: Region) -> None:
    lines = [
        "PETUNJUK PENGISIAN USULAN BELANJA SPBE",
        f"{region.pemda} - TAHUN ANGGARAN {CYCLE}",
        "",
        "1. Isi satu baris untuk setiap usulan belanja aplikasi atau infrastruktur SPBE.",
        "2. Kolom Jenis Belanja diisi: Pembangunan, Pengembangan, Pemeliharaan, Lisensi, Sewa atau "
        "Infrastruktur.",
        "3. Anggaran ditulis dalam rupiah tanpa desimal.",
        "4. Usulan aplikasi yang fungsinya sudah tersedia di aplikasi umum (SRIKANDI, SIASN, SP4N-LAPOR!) "
        "tidak akan disetujui (SE Mendagri 000.9.3.2/92/SJ).",
        "5. Batas akhir pengiriman: 30 September 2026 ke Diskominfo.",
    ]
    for row, text in enumerate(lines, start=1):
        ws.cell(row, 1, text)
    ws["A1"].font = _TITLE
    ws.column_dimensions["A"].width = 110


def _write_template_sheet(
    ws: Worksheet,
    region: Region,
    cols: _Columns,
    rows: list[SampleRow],
    flags: Messiness,
    rng: random.Random,
    formulas: _Formulas,
    monthly: dict[str, int],
    result: SampleFile,
) -> None:
    last_col = len(cols.fields)
    row = 1
    if flags.title_block:
        subtitle = f"BIDANG {ws.title.removeprefix('Bid. ').upper()}" if flags.multi_sheet else None
        row = _write_title(ws, region, last_col, subtitle)
    row = _write_header(ws, cols, row, flags.split_header)
    ws.freeze_panes = f"A{row}"
    amount_col = cols.col("amount")
    amount_letter = get_column_letter(amount_col)

    if flags.subtotals:  # one OPD's lines together, OPDs in first-seen order
        by_opd: dict[str, list[SampleRow]] = {}
        for item in rows:
            by_opd.setdefault(item.opd, []).append(item)
        groups = list(by_opd.values())
    else:
        groups = [[item] for item in rows]

    number = 0
    subtotal_cells: list[tuple[str, int]] = []
    for g_index, group in enumerate(groups):
        first_row = row
        all_numeric = True
        group_total = 0  # the good lines: what a planner would type as the subtotal
        cell_sum = 0  # what Excel's SUM over the group's cells gives (bad numeric cells included)
        for item in group:
            number += 1
            numeric = _write_template_row(ws, cols, row, number, item, flags, rng, formulas, monthly)
            all_numeric &= numeric
            cell_sum += (item.amount or 0) if numeric else 0
            if item.problem:
                result.bad_rows.append(BadRow(ws.title, row, item.problem))
            else:
                result.lines.append(ExpectedLine(ws.title, row, item.amount or 0))
                group_total += item.amount or 0
            row += 1
        if flags.subtotals:
            label = rng.choice(["Sub Total", "Sub Total ", "SUB TOTAL", "Subtotal"])
            ws.cell(row, cols.col("opd"), label)
            ws.merge_cells(
                start_row=row, start_column=cols.col("opd"), end_row=row, end_column=amount_col - 1
            )
            ref = f"{amount_letter}{row}"
            if flags.formulas and all_numeric:
                group_total = cell_sum
                formulas.put(ws, ref, f"=SUM({amount_letter}{first_row}:{amount_letter}{row - 1})", cell_sum)
            else:
                ws[ref] = group_total
            for c in range(1, last_col + 1):
                ws.cell(row, c).font = _BOLD
                ws.cell(row, c).fill = _TOTAL_FILL
            ws[ref].number_format = _NUM
            subtotal_cells.append((ref, group_total))
            row += 1
        if flags.blank_rows and g_index % 3 == 1:
            if g_index == 1:
                ws.cell(row, cols.col("app"), "  ")  # a row of nothing but spaces
            row += 1
    if flags.grand_total:
        ws.cell(row, 1, "JUMLAH TOTAL")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=amount_col - 1)
        ref = f"{amount_letter}{row}"
        if flags.formulas and subtotal_cells:
            formulas.put(
                ws,
                ref,
                "=" + "+".join(cell for cell, _ in subtotal_cells),
                sum(value for _, value in subtotal_cells),
            )
        else:
            ws[ref] = sum(0 if r.problem else (r.amount or 0) for r in rows)
        ws[ref].number_format = _NUM
        for c in range(1, last_col + 1):
            ws.cell(row, c).font = _BOLD
    widths = {"no": 5, "opd": 38, "sub": 19, "app": 42, "desc": 48, "type": 16, "amount": 20, "dana": 12}
    _set_widths(ws, [widths[name] for name in cols.fields])


def _write_template_row(
    ws: Worksheet,
    cols: _Columns,
    row: int,
    number: int,
    item: SampleRow,
    flags: Messiness,
    rng: random.Random,
    formulas: _Formulas,
    monthly: dict[str, int],
) -> bool:
    """One proposal row; returns whether its amount cell holds a number (for SUM subtotals)."""
    opd, app, desc = item.opd, item.app_name, item.description
    if flags.trailing_spaces and app:
        roll = rng.random()
        if roll < 0.15:
            opd += " "
        elif roll < 0.3:
            app += "  "
        elif roll < 0.4:
            desc = desc.replace(" ", "  ", 1)
    ws.cell(row, cols.col("no"), f"{number}." if flags.text_amounts and rng.random() < 0.1 else number)
    ws.cell(row, cols.col("opd"), opd)
    if "sub" in cols.fields:
        ws.cell(row, cols.col("sub"), item.sub_activity or None)
    ws.cell(row, cols.col("app"), app or None)
    ws.cell(row, cols.col("desc"), desc or None)
    ws.cell(row, cols.col("type"), item.spend_type)
    if "dana" in cols.fields:
        dana = (
            "BLUD" if "Rumah Sakit" in item.opd or "RSUD" in item.opd else rng.choice(["APBD", "APBD", "DAK"])
        )
        ws.cell(row, cols.col("dana"), dana)
    for c in range(1, len(cols.fields) + 1):
        ws.cell(row, c).alignment = _WRAP
        ws.cell(row, c).border = _BOX
    ref = f"{get_column_letter(cols.col('amount'))}{row}"
    if item.amount_text is not None or item.amount is None:
        ws[ref] = item.amount_text
        return False
    amount = item.amount
    base = app.strip()
    if (
        flags.formulas
        and flags.hidden_sheet
        and base in MONTHLY_ITEMS
        and amount % 12 == 0
        and base not in monthly
    ):
        monthly[base] = amount // 12
        formulas.put(ws, ref, f"={_referensi_cell(base)}*12", amount)
        ws[ref].number_format = _NUM
        return True
    roll = rng.random()
    if flags.formulas and roll < 0.12 and amount > 0 and amount % JT == 0:
        formulas.put(ws, ref, f"={amount // JT}*1000000", amount)
        ws[ref].number_format = _NUM
        return True
    if flags.text_amounts and (roll < 0.45 or amount >= 10**9):
        ws[ref] = _amount_text(rng, amount, prefer_scaled=amount >= 10**9)
        return False
    ws[ref] = float(amount) if flags.text_amounts and roll < 0.55 else amount
    ws[ref].number_format = _NUM
    return True


def _csv_amount(rng: random.Random, amount: int) -> str:
    """How old systems export an amount: "1.250.000.000", "1250000000,00", "Rp 1.250.000.000,00", "1,25 M"."""
    roll = rng.random()
    if roll < 0.5:
        return rupiah_text(amount, prefix="", decimals=False)
    if roll < 0.7:
        return f"{amount},00"
    if roll < 0.85:
        return rupiah_text(amount)
    return _scaled_text(amount) or str(amount)


def write_template_csv(
    path: str | Path,
    region_code: str,
    region_name: str | None = None,
    rows: list[SampleRow] | None = None,
    *,
    seed: int = 0,
    n: int | None = None,
    messy: bool | Messiness = True,
    delimiter: str = ";",
    encoding: str = "cp1252",
) -> SampleFile:
    """Write layout A as an old system's CSV export (`;`, Windows-1252, CRLF).

    Messy: title lines above the header, text amounts with Indonesian separators, a "JUMLAH TOTAL" line,
    blank lines, trailing spaces, quoted fields holding `;` and `"`, cp1252 punctuation (’ – “ ”)."""
    flags = MESSY if messy is True else CLEAN if messy is False else messy
    region = _region(region_code, region_name)
    path = Path(path)
    rng = random.Random(f"csv:{seed}:{region.code}")
    if rows is None:
        scenario, opds = CSV_SCENARIOS.get(region.code, (None, None))
        rows = template_rows(
            region.code, seed=seed, n=n, with_bad_rows=flags.bad_rows, scenario=scenario, bad_row_opds=opds
        )
    words = HEADERS.get(region.code if flags.header_synonyms else "canonical", HEADERS["canonical"])
    header = [
        "No",
        words["opd"].strip(),
        " ".join(words["app"].split()),
        words["desc"],
        words["type"].strip(),
        f"{words['amount']} (Rp)",
    ]
    if flags.extra_columns:
        header.append("Sumber Dana")
    width = len(header)
    lines: list[list[str]] = []
    if flags.title_block:
        lines.append([f"USULAN BELANJA SPBE TA {CYCLE} - {region.name.upper()}"] + [""] * (width - 1))
        lines.append(["Dicetak dari e-Planning: 14/10/2026 09.12"] + [""] * (width - 1))
        lines.append([""] * width)
    lines.append(header)
    csv_flags = (
        "title_block",
        "header_synonyms",
        "text_amounts",
        "grand_total",
        "blank_rows",
        "trailing_spaces",
        "extra_columns",
        "bad_rows",
    )
    features = [f for f in flags.features() if f in csv_flags] + [f"delimiter {delimiter!r}", encoding]
    result = SampleFile(path, region.code, region.name, "template", format="csv", features=features)
    result.sheets.append(path.stem)
    total = 0
    for number, item in enumerate(rows, start=1):
        if flags.blank_rows and number % 7 == 0:
            lines.append([""] * width)
        opd, app = item.opd, item.app_name
        if flags.trailing_spaces and app and rng.random() < 0.25:
            opd += " "
        if item.amount_text is not None or item.amount is None:
            amount = item.amount_text or ""
        elif flags.text_amounts:
            amount = _csv_amount(rng, item.amount)
        else:
            amount = str(item.amount)
        line = [str(number), opd, app, item.description, item.spend_type, amount]
        if flags.extra_columns:
            line.append("APBD")
        lines.append(line)
        row_number = len(lines)
        if item.problem:
            result.bad_rows.append(BadRow(path.stem, row_number, item.problem))
        else:
            result.lines.append(ExpectedLine(path.stem, row_number, item.amount or 0))
            total += item.amount or 0
    if flags.grand_total:
        lines.append(
            ["", "", "", "", "JUMLAH TOTAL", rupiah_text(total, prefix="", decimals=False)]
            + [""] * (width - 6)
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return result


# --------------------------------------------------------------------------------------------------
# Layout B: SIPD RKA export


@dataclass(frozen=True)
class Rincian:
    """A component line: `koefisien` as ((2, "Orang"), (12, "Bulan")); `ppn` in percent."""

    uraian: str
    koefisien: tuple[tuple[int, str], ...]
    satuan: str
    harga: int
    ppn: int = 0
    spbe: bool = False  # expected: SPBE spending (by sub-kegiatan, akun or text)
    change: str | None = None  # RKA-Perubahan: None unchanged, "up", "down", "new"

    @property
    def volume(self) -> int:
        volume = 1
        for number, _ in self.koefisien:
            volume *= number
        return volume

    def jumlah(self, harga: int | None = None) -> int:
        """Koefisien x Harga plus PPN, rounded half up to whole rupiah (`harga` overrides, for Perubahan)."""
        base = self.volume * (self.harga if harga is None else harga)
        return base + (base * self.ppn + 50) // 100


@dataclass(frozen=True)
class Kelompok:
    """Component lines under one akun, with their `[#]` kelompok and `[-]` keterangan headings."""

    akun: str
    kelompok: str
    keterangan: str
    items: tuple[Rincian, ...]


@dataclass(frozen=True)
class SubKegiatan:
    """One sub-kegiatan block of an RKA: its header fields and detail table."""

    code: str  # SIPD print: 2.16.03.2.02.0020
    name: str
    organisasi: str
    unit: str
    sumber_dana: str
    lokasi: str
    keluaran: str
    groups: tuple[Kelompok, ...]
    alokasi_prev: int = 0
    alokasi_next: int = 0

    @property
    def total(self) -> int:
        return sum(item.jumlah() for group in self.groups for item in group.items)


URUSAN = {
    "1": "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
    "2": "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
    "5": "UNSUR PENUNJANG URUSAN PEMERINTAHAN",
}
BIDANG_URUSAN = {
    "1.02": "URUSAN PEMERINTAHAN BIDANG KESEHATAN",
    "1.05": "URUSAN PEMERINTAHAN BIDANG KETENTERAMAN DAN KETERTIBAN UMUM SERTA PERLINDUNGAN MASYARAKAT",
    "1.06": "URUSAN PEMERINTAHAN BIDANG SOSIAL",
    "2.12": "URUSAN PEMERINTAHAN BIDANG ADMINISTRASI KEPENDUDUKAN DAN PENCATATAN SIPIL",
    "2.16": "URUSAN PEMERINTAHAN BIDANG KOMUNIKASI DAN INFORMATIKA",
    "2.20": "URUSAN PEMERINTAHAN BIDANG STATISTIK",
    "2.21": "URUSAN PEMERINTAHAN BIDANG PERSANDIAN",
    "5.01": "PERENCANAAN",
}
PROGRAM = {
    "1.02.02": "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
    "1.05.02": "PROGRAM PENINGKATAN KETENTERAMAN DAN KETERTIBAN UMUM",
    "1.06.05": "PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL",
    "2.12.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    "2.16.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",
    "2.16.03": "PROGRAM PENGELOLAAN APLIKASI INFORMATIKA",
    "2.20.02": "PROGRAM PENYELENGGARAAN STATISTIK SEKTORAL",
    "2.21.02": "PROGRAM PENYELENGGARAAN PERSANDIAN UNTUK PENGAMANAN INFORMASI",
    "5.01.02": "PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH",
}
KEGIATAN = {
    "1.02.02.2.02": "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
    "1.02.02.2.03": "Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi",
    "1.05.02.2.01": (
        "Penanganan Gangguan Ketenteraman dan Ketertiban Umum dalam 1 (Satu) Daerah Kabupaten/Kota"
    ),
    "1.06.05.2.02": "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota",
    "2.12.01.2.06": "Administrasi Umum Perangkat Daerah",
    "2.16.03.2.01": "Pengelolaan Nama Domain yang telah Ditetapkan oleh Pemerintah Pusat dan Sub Domain di "
    "Lingkup Pemerintah Daerah Kabupaten/Kota",
    "2.16.03.2.02": "Pengelolaan e-government Di Lingkup Pemerintah Daerah Kabupaten/Kota",
    "2.16.01.1.06": "Administrasi Umum Perangkat Daerah",
    "2.16.01.1.09": "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    "2.16.03.1.01": "Pengelolaan e-government Di Lingkup Pemerintah Daerah Provinsi",
    "2.20.02.1.01": "Penyelenggaraan Statistik Sektoral di Lingkup Daerah Provinsi",
    "2.21.02.1.01": "Penyelenggaraan Persandian untuk Pengamanan Informasi Pemerintah Daerah Provinsi",
    "5.01.02.2.01": "Penyusunan Perencanaan dan Pendanaan",
}
AKUN = {
    "5": "BELANJA DAERAH",
    "5.1": "BELANJA OPERASI",
    "5.1.02": "Belanja Barang dan Jasa",
    "5.1.02.01": "Belanja Barang",
    "5.1.02.01.01": "Belanja Barang Pakai Habis",
    "5.1.02.01.01.0004": "Belanja Bahan-Bahan Bakar dan Pelumas",
    "5.1.02.01.01.0024": "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
    "5.1.02.01.01.0026": "Belanja Alat/Bahan untuk Kegiatan Kantor- Bahan Cetak",
    "5.1.02.01.01.0037": "Belanja Obat-Obatan-Obat",
    "5.1.02.01.01.0052": "Belanja Makanan dan Minuman Rapat",
    "5.1.02.02": "Belanja Jasa",
    "5.1.02.02.01": "Belanja Jasa Kantor",
    "5.1.02.02.01.0003": "Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, dan Panitia",
    "5.1.02.02.01.0029": "Belanja Jasa Tenaga Ahli",
    "5.1.02.02.01.0030": "Belanja Jasa Tenaga Kebersihan",
    "5.1.02.02.01.0039": "Belanja Jasa Tenaga Informasi dan Teknologi",
    "5.1.02.02.01.0063": "Belanja Kawat/Faksimili/Internet/TV Berlangganan",
    "5.1.02.03": "Belanja Pemeliharaan",
    "5.1.02.03.02": "Belanja Pemeliharaan Peralatan dan Mesin",
    "5.1.02.03.02.0117": "Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Kantor-Alat Kantor Lainnya",
    "5.1.02.04": "Belanja Perjalanan Dinas",
    "5.1.02.04.01": "Belanja Perjalanan Dinas Dalam Negeri",
    "5.1.02.04.01.0003": "Belanja Perjalanan Dinas Dalam Kota",
    "5.2": "BELANJA MODAL",
    "5.2.02": "Belanja Modal Peralatan dan Mesin",
    "5.2.02.10": "Belanja Modal Komputer",
    "5.2.02.10.01": "Belanja Modal Komputer Unit",
    "5.2.02.10.01.0002": "Belanja Modal Personal Computer",
    "5.2.02.10.02": "Belanja Modal Peralatan Komputer",
    "5.2.02.10.02.0004": "Belanja Modal Peralatan Jaringan",
    "5.2.02.10.02.0005": "Belanja Modal Komputer Server",
    "5.2.05": "Belanja Modal Aset Tetap Lainnya",
    "5.2.05.08": "Belanja Modal Aset Tidak Berwujud",
    "5.2.05.08.01": "Belanja Modal Aset Tidak Berwujud",
    "5.2.05.08.01.0005": "Belanja Modal Software",
}

SW = "5.2.05.08.01.0005"  # Belanja Modal Software
NET = "5.1.02.02.01.0063"  # Belanja Kawat/Faksimili/Internet/TV Berlangganan
ATK = "5.1.02.01.01.0024"
MAMIN = "5.1.02.01.01.0052"
AHLI = "5.1.02.02.01.0029"
HONOR = "5.1.02.02.01.0003"
DALAM_KOTA = "5.1.02.04.01.0003"

# Sub-kegiatan names as in kemendagri_subkegiatan.csv (kab/kota) and papuabarat_sub_kegiatan.csv
# (province; whitespace normalised), keyed by the code as SIPD prints it.
SUB_KEGIATAN = {
    "1.02.02.2.02.0032": "Operasional Pelayanan Rumah Sakit",
    "1.05.02.2.01.0015": (
        "Pencegahan Gangguan Ketenteraman dan Ketertiban Umum Melalui Deteksi Dini dan Cegah Dini, Pembinaan "
        "dan Penyuluhan, Pelaksanaan Patroli, Pengamanan, dan Pengawalan"
    ),
    "1.06.05.2.02.0002": "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota",
    "1.02.02.2.03.0002": "Pengelolaan Sistem Informasi Kesehatan",
    "2.12.01.2.06.0011": "Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD",
    "2.16.03.2.01.0004": (
        "Pengelolaan Nama Domain dan Sub Domain Penyelenggaraan Pemerintah Daerah dan "
        "Pengelolaan Nama Domain Pemerintah Desa"
    ),
    "2.16.03.2.02.0020": (
        "Pembangunan dan/atau Pengembangan Aplikasi Khusus yang sesuai dengan arsitektur dan "
        "peta rencana SPBE pemerintah daerah"
    ),
    "2.16.03.2.02.0024": "Penyelenggaraan Jaringan Intra Pemerintah Daerah Kab/Kota",
    "2.16.03.2.02.0029": "Koordinasi pemanfaatan Aplikasi Umum SPBE",
    "2.16.03.2.02.0030": "Penyediaan Akses Internet untuk Perangkat Daerah dalam rangka penyelenggaraan SPBE",
    "5.01.02.2.01.0005": "Pelaksanaan Musrenbang Kabupaten/Kota",
    "2.16.01.1.06.0004": "Penyediaan Bahan Logistik Kantor",
    "2.16.01.1.09.0007": "Pemeliharaan Aset Tetap Lainnya",
    "2.16.01.1.09.0008": "Pemeliharaan Aset Tak Berwujud",
    "2.16.03.1.01.0004": "Penyelenggaraan Sistem Penghubung Layanan Pemerintah",
    "2.16.03.1.01.0007": "Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik",
    "2.16.03.1.01.0010": (
        "Pengembangan dan Pengelolaan Sumber Daya Teknologi Informasi dan Komunikasi Pemerintah Daerah"
    ),
    "2.20.02.1.01.0005": "Pengembangan Infrastruktur",
    "2.21.02.1.01.0004": "Penyediaan Layanan Keamanan Informasi Pemerintah Daerah Provinsi",
}


def _koefisien(text: str) -> tuple[tuple[int, str], ...]:
    """ "2 Orang x 12 Bulan" -> ((2, "Orang"), (12, "Bulan"))."""
    parts = []
    for factor in text.split(" x "):
        number, unit = factor.split(" ", 1)
        parts.append((int(number.replace(".", "")), unit))
    return tuple(parts)


def _i(
    uraian: str,
    koefisien: str,
    satuan: str,
    harga: int,
    ppn: int = 0,
    *,
    spbe: bool = False,
    change: str | None = None,
) -> Rincian:
    return Rincian(uraian, _koefisien(koefisien), satuan, harga, ppn, spbe, change)


def _g(akun: str, kelompok: str, keterangan: str, *items: Rincian) -> Kelompok:
    return Kelompok(akun, kelompok, keterangan, items)


def _sub(
    code: str,
    organisasi: str,
    unit: str,
    dana: str,
    lokasi: str,
    keluaran: str,
    prev: int,
    nxt: int,
    *groups: Kelompok,
) -> SubKegiatan:
    return SubKegiatan(code, SUB_KEGIATAN[code], organisasi, unit, dana, lokasi, keluaran, groups, prev, nxt)


def _atk(spbe: bool) -> Kelompok:
    return _g(
        ATK,
        "Belanja Alat Tulis Kantor",
        "ATK Kegiatan",
        _i("Kertas HVS A4 80 gram", "10 Rim", "Rim", 55_000, spbe=spbe),
        _i("Tinta Printer Original", "6 Botol", "Botol", 115_000, spbe=spbe),
        _i("Map Snelhecter Plastik", "50 Buah", "Buah", 4_500, spbe=spbe),
    )


PAD, DAU, BLUD = "PENDAPATAN ASLI DAERAH (PAD)", "DANA ALOKASI UMUM (DAU)", "PENDAPATAN DARI BLUD"
KOMINFO = "2.16.2.20.2.21.01.0000 DINAS KOMUNIKASI DAN INFORMATIKA"
DINKES = "1.02.0.00.0.00.01.0000 DINAS KESEHATAN"


# fmt: off
def _madiun_blocks() -> list[tuple[str, SubKegiatan]]:
    """Kab. Madiun RKA: Diskominfo (2.16.03), and SPBE items inside hospital, Bappeda and Dukcapil budgets."""
    rsud = "1.02.0.00.0.00.02.0000 RUMAH SAKIT UMUM DAERAH CARUBAN"
    satpol = "1.05.0.00.0.00.01.0000 SATUAN POLISI PAMONG PRAJA"
    bappeda = "5.01.5.05.0.00.01.0000 BADAN PERENCANAAN PEMBANGUNAN DAERAH"
    dukcapil = "2.12.0.00.0.00.01.0000 DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"
    return [
        ("Diskominfo", _sub(
            "2.16.03.2.02.0020", KOMINFO, KOMINFO, PAD, "Kabupaten Madiun",
            "Jumlah aplikasi khusus yang dibangun/dikembangkan (3 Aplikasi)", 1_050 * JT, 900 * JT,
            _atk(True),
            _g(MAMIN, "Belanja Makanan dan Minuman Rapat", "Rapat Koordinasi Pengembangan Aplikasi",
               _i("Nasi Kotak Rapat", "40 Orang x 4 Kali", "Orang / Kali", 35_000, spbe=True),
               _i("Snack Rapat", "40 Orang x 4 Kali", "Orang / Kali", 15_000, spbe=True)),
            _g(AHLI, "Belanja Jasa Tenaga Ahli", "Tenaga Ahli Pengembangan Aplikasi",
               _i("Tenaga Ahli Programmer Portal Satu Data Kabupaten Madiun", "2 Orang x 12 Bulan",
                  "Orang / Bulan", 8_500_000, spbe=True),
               _i("Tenaga Ahli Analis Sistem", "1 Orang x 12 Bulan", "Orang / Bulan", 9_000_000, spbe=True)),
            _g(SW, "Belanja Modal Software", "Pembangunan dan Pengembangan Aplikasi",
               _i("Belanja Modal Software Berupa Perancangan dan Pembangunan Aplikasi Surat Menyurat "
                  "Elektronik", "1 Paket", "Paket", 450_000_000, 11, spbe=True),
               _i("Belanja Modal Software Berupa Pengembangan Sistem Pengendalian dan Evaluasi Kabupaten "
                  "Madiun", "1 Paket", "Paket", 180_000_000, 11, spbe=True)))),
        ("Diskominfo", _sub(
            "2.16.03.2.02.0030", KOMINFO, KOMINFO, DAU, "Kabupaten Madiun",
            "Jumlah perangkat daerah yang terlayani akses internet (42 Perangkat Daerah)",
            1_300 * JT, 1_450 * JT,
            _g(NET, "Langganan Internet", "Bandwidth Dedicated OPD",
               _i("Langganan Internet Dedicated 1 Gbps Pusat Data", "12 Bulan", "Bulan", 95_000_000, 11,
                  spbe=True),
               _i("Sewa Hosting dan Colocation Server", "12 Bulan", "Bulan", 7_500_000, 11, spbe=True)),
            _g("5.2.02.10.02.0004", "Belanja Modal Peralatan Jaringan", "Perangkat Jaringan OPD",
               _i("Switch Managed 48 Port", "4 Unit", "Unit", 38_500_000, 11, spbe=True),
               _i("Access Point Outdoor", "20 Unit", "Unit", 4_250_000, 11, spbe=True)))),
        ("Diskominfo", _sub(
            "2.16.03.2.02.0029", KOMINFO, KOMINFO, PAD, "Kabupaten Madiun",
            "Jumlah perangkat daerah yang memanfaatkan aplikasi umum (42 Perangkat Daerah)", 75 * JT, 60 * JT,
            _g(HONOR, "Honorarium Narasumber", "Sosialisasi SRIKANDI",
               _i("Narasumber Sosialisasi Aplikasi Umum SRIKANDI", "2 Orang x 2 Kali", "OJ", 1_000_000,
                  spbe=True)),
            _g(AHLI, "Belanja Jasa Tenaga Ahli", "Integrasi Aplikasi Umum",
               _i("Jasa Integrasi e-Office dengan SRIKANDI", "1 Paket", "Paket", 85_000_000, 11,
                  spbe=True)))),
        ("RSUD Caruban", _sub(
            "1.02.02.2.02.0032", DINKES, rsud, BLUD, "RSUD Caruban",
            "Jumlah rumah sakit yang beroperasi (1 Unit)",
            1_500 * JT, 1_650 * JT,
            _atk(False),
            _g("5.1.02.01.01.0037", "Belanja Obat-Obatan", "Obat Instalasi Farmasi",
               _i("Obat Generik Kebutuhan Instalasi Farmasi", "1 Paket", "Paket", 750_000_000)),
            _g("5.1.02.02.01.0030", "Belanja Jasa Tenaga Kebersihan", "Tenaga Kebersihan Rawat Inap",
               _i("Tenaga Kebersihan Ruang Rawat Inap", "8 Orang x 12 Bulan", "Orang / Bulan", 2_300_000)),
            _g(NET, "Langganan Internet", "Internet RSUD",
               _i("Langganan Internet RSUD 200 Mbps", "12 Bulan", "Bulan", 6_500_000, 11, spbe=True)),
            _g(SW, "Belanja Modal Software", "SIMRS",
               _i("Belanja Modal Software Berupa Pengembangan SIMRS Modul Bridging SATUSEHAT dan V-Claim",
                  "1 Paket", "Paket", 325_000_000, 11, spbe=True)))),
        ("Satpol PP", _sub(
            "1.05.02.2.01.0015", satpol, satpol, DAU, "Kabupaten Madiun",
            "Jumlah patroli dan pengamanan yang dilaksanakan (52 Kali)", 300 * JT, 320 * JT,
            _g("5.1.02.01.01.0004", "Belanja Bahan Bakar", "Patroli Wilayah",
               _i("Bahan Bakar Kendaraan Patroli", "4 Unit x 52 Kali", "Unit / Kali", 250_000)),
            _g(MAMIN, "Belanja Makanan dan Minuman", "Petugas Patroli",
               _i("Makan Minum Petugas Patroli Malam", "30 Orang x 52 Kali", "Orang / Kali", 40_000)),
            _g(DALAM_KOTA, "Belanja Perjalanan Dinas Dalam Kota", "Pengamanan Kegiatan",
               _i("Transport Pengamanan dan Pengawalan", "20 Orang x 24 Kali", "Orang / Kali", 150_000)))),
        ("Bappeda", _sub(
            "5.01.02.2.01.0005", bappeda, bappeda, PAD, "Kabupaten Madiun",
            "Jumlah dokumen hasil Musrenbang (1 Dokumen)", 160 * JT, 175 * JT,
            _g(MAMIN, "Belanja Makanan dan Minuman Rapat", "Musrenbang Kabupaten",
               _i("Nasi Kotak Peserta Musrenbang", "250 Orang x 2 Kali", "Orang / Kali", 35_000)),
            _g("5.1.02.01.01.0026", "Belanja Bahan Cetak", "Dokumen Musrenbang",
               _i("Penggandaan Dokumen Rancangan RKPD", "250 Eksemplar", "Eksemplar", 45_000)),
            _g(HONOR, "Honorarium Narasumber", "Narasumber Musrenbang",
               _i("Narasumber Provinsi Jawa Timur", "2 Orang x 1 Kali", "OJ", 1_500_000)),
            _g(AHLI, "Belanja Jasa Tenaga Ahli", "Pendukung Musrenbang",
               _i("Jasa Tenaga Ahli Pengembangan Aplikasi e-Musrenbang", "1 Paket", "Paket", 95_000_000,
                  spbe=True)))),
        ("Dispendukcapil", _sub(
            "2.12.01.2.06.0011", dukcapil, dukcapil, DAU, "Kabupaten Madiun",
            "Jumlah dokumen dukungan pelaksanaan SPBE (12 Laporan)", 380 * JT, 300 * JT,
            _atk(False),
            _g("5.1.02.02.01.0039", "Belanja Jasa Tenaga Informasi dan Teknologi", "Operator",
               _i("Tenaga Pengelola Jaringan dan Aplikasi SIAK", "3 Orang x 12 Bulan", "Orang / Bulan",
                  3_200_000, spbe=True)),
            _g("5.2.02.10.02.0005", "Belanja Modal Komputer Server", "Server Database",
               _i("Server Rack 2U Database Kependudukan", "1 Unit", "Unit", 285_000_000, 11, spbe=True)),
            _g("5.2.02.10.01.0002", "Belanja Modal Personal Computer", "Komputer Pelayanan",
               _i("Personal Computer All-in-One Pelayanan", "6 Unit", "Unit", 14_500_000, 11, spbe=True)))),
    ]


def _magetan_blocks() -> list[tuple[str, SubKegiatan]]:
    """Kab. Magetan RKA(-Perubahan): `change` says how a line moved in the Perubahan."""
    dinsos = "1.06.0.00.0.00.01.0000 DINAS SOSIAL"
    return [
        ("Diskominfo", _sub(
            "2.16.03.2.02.0020", KOMINFO, KOMINFO, PAD, "Kabupaten Magetan",
            "Jumlah aplikasi khusus yang dikembangkan (3 Aplikasi)", 600 * JT, 500 * JT,
            _g(ATK, "Belanja Alat Tulis Kantor", "ATK Kegiatan",
               _i("Kertas HVS F4 70 gram", "15 Rim", "Rim", 52_000, spbe=True, change="down"),
               _i("Ballpoint", "5 Pak", "Pak", 36_000, spbe=True)),
            _g(AHLI, "Belanja Jasa Tenaga Ahli", "Tenaga Ahli Programmer",
               _i("Tenaga Ahli Programmer e-office", "2 Orang x 12 Bulan", "Orang / Bulan", 7_500_000,
                  spbe=True)),
            _g(SW, "Belanja Modal Software", "Pengembangan Aplikasi",
               _i("Belanja Modal Software Berupa Pengembangan Aplikasi e-office Modul Disposisi Mobile",
                  "1 Paket", "Paket", 240_000_000, 11, spbe=True, change="up"),
               _i("Belanja Modal Software Berupa Pembangunan Aplikasi Dashboard Eksekutif Kabupaten Magetan",
                  "1 Paket", "Paket", 165_000_000, 11, spbe=True, change="new")))),
        ("Diskominfo", _sub(
            "2.16.03.2.02.0024", KOMINFO, KOMINFO, DAU, "Kabupaten Magetan",
            "Jumlah perangkat daerah yang terhubung jaringan intra (40 Perangkat Daerah)",
            1_250 * JT, 1_300 * JT,
            _g(NET, "Langganan Internet", "Bandwidth OPD",
               _i("Langganan Internet Kecamatan 100 Mbps", "18 Kecamatan x 12 Bulan", "Kecamatan / Bulan",
                  2_750_000, 11, spbe=True, change="up")),
            _g("5.2.02.10.02.0004", "Belanja Modal Peralatan Jaringan", "Jaringan Intra",
               _i("Router Core Pusat Data", "2 Unit", "Unit", 145_000_000, 11, spbe=True, change="down"),
               _i("Kabel Fiber Optic Single Mode 24 Core", "4.000 Meter", "Meter", 18_500, 11, spbe=True)))),
        ("Diskominfo", _sub(
            "2.16.03.2.01.0004", KOMINFO, KOMINFO, PAD, "Kabupaten Magetan",
            "Jumlah nama domain dan sub domain yang dikelola (250 Domain)", 70 * JT, 80 * JT,
            _g(NET, "Langganan Hosting dan Domain", "Hosting Website Desa",
               _i("Sewa Hosting dan Domain magetan.go.id", "12 Bulan", "Bulan", 6_000_000, 11, spbe=True)))),
        ("Dinsos", _sub(
            "1.06.05.2.02.0002", dinsos, dinsos, DAU, "Semua Kecamatan",
            "Jumlah data fakir miskin yang dikelola (1 Dokumen)", 210 * JT, 190 * JT,
            _g(ATK, "Belanja Alat Tulis Kantor", "ATK Pendataan",
               _i("Map Snelhecter Plastik", "200 Buah", "Buah", 4_500),
               _i("Ordner Arsip Data Penerima Bantuan", "40 Buah", "Buah", 32_000, change="up")),
            _g(HONOR, "Honorarium", "Verifikasi dan Validasi Data",
               _i("Honorarium Petugas Verifikasi dan Validasi DTKS Desa", "235 Orang x 1 Kali", "OK", 300_000,
                  change="up")),
            _g(AHLI, "Belanja Jasa Tenaga Ahli", "Aplikasi Data Kemiskinan",
               _i("Jasa Tenaga Ahli Pembangunan Aplikasi Data Kemiskinan Daerah", "1 Paket", "Paket",
                  135_000_000, 11, spbe=True, change="new")))),
        ("Dinkes", _sub(
            "1.02.02.2.03.0002", DINKES, DINKES, DAU, "Semua Kecamatan",
            "Jumlah dokumen hasil pengelolaan sistem informasi kesehatan (1 Dokumen)", 160 * JT, 170 * JT,
            _g(MAMIN, "Belanja Makanan dan Minuman Rapat", "Rapat Validasi Data",
               _i("Nasi Kotak Rapat Validasi Data Puskesmas", "22 Orang x 4 Kali", "Orang / Kali", 30_000)),
            _g(AHLI, "Belanja Jasa Tenaga Ahli", "Pengembangan simpus",
               _i("Jasa Pengembangan Aplikasi simpus.magetan.go.id Bridging SATUSEHAT", "1 Paket", "Paket",
                  120_000_000, 11, spbe=True, change="up")),
            _g(DALAM_KOTA, "Belanja Perjalanan Dinas Dalam Kota", "Pendampingan Puskesmas",
               _i("Transport Pendampingan Puskesmas", "4 Orang x 22 Kali", "Orang / Kali", 150_000,
                  change="down")))),
    ]


# Prov. Papua Barat, Diskominfo work plan (papuabarat_renja.csv): sub-kegiatan, keluaran, pagu indikatif
# and prakiraan maju are real; the component lines are invented. A last line with harga 0 takes what is
# left of the pagu, so each block adds up to the real pagu indikatif.
PAPUA_BARAT_PLAN: list[tuple[str, str, str, int, int, list[tuple[str, Rincian]]]] = [
    # (sheet, sub-kegiatan, keluaran, pagu indikatif, prakiraan maju, [(akun, component line)])
    ("Diskominfo", "2.16.03.1.01.0004", "tersedianya aplikasi bank data kesehatan terpadu",
     450_000_000, 459_000_000, [
         (AHLI, _i("Tenaga Ahli Integrasi Sistem Penghubung Layanan", "2 Orang x 10 Bulan", "Orang / Bulan",
                   9_000_000, spbe=True)),
         (SW, _i("Belanja Modal Software Berupa Pembangunan Aplikasi Bank Data Kesehatan Terpadu", "1 Paket",
                 "Paket", 0, spbe=True))]),
    ("Diskominfo", "2.16.03.1.01.0007", "Setiap OPD memiliki Operator Website dan Operator JDIH yang handal",
     1_000_000_000, 1_020_000_000, [
         (MAMIN, _i("Konsumsi Bimtek Operator Website dan JDIH", "60 Orang x 3 Hari", "Orang / Hari", 120_000,
                    spbe=True)),
         (HONOR, _i("Narasumber Bimtek Operator Website OPD", "3 Orang x 3 Kali", "OJ", 1_700_000,
                    spbe=True)),
         (SW, _i("Belanja Modal Software Berupa Pengembangan Portal Website OPD Terpadu", "1 Paket", "Paket",
                 0, spbe=True))]),
    ("Diskominfo", "2.16.03.1.01.0010",
     "Terlaksananya Asesment manajemen tata kelola TIK di Seluruh kab/kota se Papua Barat", 300_000_000,
     306_000_000, [
         (DALAM_KOTA, _i("Perjalanan Dinas Asesmen Tata Kelola TIK Kabupaten", "4 Orang x 7 Kali",
                         "Orang / Kali", 4_500_000, spbe=True)),
         (AHLI, _i("Tenaga Ahli Asesmen Manajemen Tata Kelola TIK", "1 Paket", "Paket", 0, spbe=True))]),
    ("Diskominfo", "2.16.01.1.09.0008", "Terpeliharanya Aplikasi Milik Pemprov Papua Barat", 300_000_000,
     306_000_000, [
         (AHLI, _i("Jasa Pemeliharaan Aplikasi Milik Pemerintah Provinsi Papua Barat", "12 Bulan", "Bulan", 0,
                   spbe=True))]),
    ("Diskominfo", "2.16.01.1.09.0007",
     "CCTV dapat di gunakan, Terpeliharanya Jaringan Internet Arfai Smart City",
     1_200_000_000, 1_224_000_000, [
         ("5.1.02.03.02.0117", _i("Pemeliharaan Kamera CCTV Kawasan Arfai", "48 Titik", "Titik", 3_500_000,
                                  11)),
         (NET, _i("Langganan Jaringan Internet Arfai Smart City", "12 Bulan", "Bulan", 0, spbe=True))]),
    ("Diskominfo", "2.16.01.1.06.0004", "Tersedianya alat Tulis Kantor", 350_000_000, 357_000_000, [
         (ATK, _i("Kertas HVS A4 80 gram", "400 Rim", "Rim", 62_000)),
         (ATK, _i("Tinta Printer Original", "150 Botol", "Botol", 125_000)),
         (ATK, _i("Alat Tulis Kantor Bidang dan Sekretariat", "1 Paket", "Paket", 0))]),
    ("Persandian", "2.21.02.1.01.0004", "Layanan Keamanan Informasi", 600_000_000, 612_000_000, [
         (SW, _i("Belanja Modal Software Berupa Lisensi Firewall Next Generation 1 Tahun", "1 Paket", "Paket",
                 275_000_000, 11, spbe=True)),
         (AHLI, _i("Tenaga Ahli Keamanan Jaringan dan Server (Security Operation Center)", "1 Paket",
                   "Paket", 0, spbe=True))]),
    ("Statistik", "2.20.02.1.01.0005", "Pengembangan infrastruktur Daerah", 500_000_000, 510_000_000, [
         ("5.2.02.10.02.0005", _i("Server Portal Satu Data Papua Barat", "2 Unit", "Unit", 145_000_000, 11,
                                  spbe=True)),
         ("5.2.02.10.01.0002", _i("Personal Computer Pengolah Data Statistik", "1 Paket", "Paket", 0,
                                  spbe=True))]),
]
# fmt: on

_PB_ORG = "2.16.2.20.2.21.01.0000 DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN"


def _papua_barat_blocks() -> list[tuple[str, SubKegiatan]]:
    """Blocks that add up to the real pagu indikatif: the line with harga 0 takes what is left."""
    blocks: list[tuple[str, SubKegiatan]] = []
    for sheet, code, keluaran, pagu, maju, lines in PAPUA_BARAT_PLAN:
        rest = pagu - sum(item.jumlah() for _, item in lines)
        akun, last = lines[-1]
        if last.harga != 0 or rest <= 0 or rest % last.volume:
            raise ValueError(f"Papua Barat plan for {code} does not add up to its pagu")
        items = [*lines[:-1], (akun, replace(last, harga=rest // last.volume))]
        groups: list[Kelompok] = []
        for akun, item in items:
            if groups and groups[-1].akun == akun:
                groups[-1] = replace(groups[-1], items=(*groups[-1].items, item))
            else:
                keterangan = item.uraian.split(" Berupa ")[-1][:60].strip()
                groups.append(Kelompok(akun, AKUN[akun], keterangan, (item,)))
        prev = pagu * 95 // 100 // JT * JT  # n-1 is not in the work plan
        blocks.append(
            (
                sheet,
                SubKegiatan(
                    code,
                    SUB_KEGIATAN[code],
                    _PB_ORG,
                    _PB_ORG,
                    "DANA OTONOMI KHUSUS (OTSUS)",
                    "Provinsi Papua Barat",
                    keluaran,
                    tuple(groups),
                    prev,
                    maju,
                ),
            )
        )
    return blocks


SIPD_BLOCKS = {"35.19": _madiun_blocks, "35.20": _magetan_blocks, "92": _papua_barat_blocks}


def _account_chain(akun: str) -> list[str]:
    """5.1.02.01.01.0024 -> [5, 5.1, 5.1.02, 5.1.02.01, 5.1.02.01.01, 5.1.02.01.01.0024]."""
    parts = akun.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _koefisien_text(koef: tuple[tuple[int, str], ...]) -> str:
    return " x ".join(f"{number:,}".replace(",", ".") + f" {unit}" for number, unit in koef)


def write_sipd_workbook(
    path: str | Path,
    region_code: str,
    region_name: str | None = None,
    blocks: list[tuple[str, SubKegiatan]] | None = None,
    *,
    seed: int = 0,
    perubahan: bool = False,
    messy: bool = True,
    mismatch: bool = False,
) -> SampleFile:
    """Write a SIPD-style RKA export (layout B), or the RKA-Perubahan variant with `perubahan`.

    `blocks` is a list of (sheet name, SubKegiatan); None = the region's bundled blocks (Kab. Madiun,
    Kab. Magetan, Prov. Papua Barat). Account, `[#]` and `[-]` rows carry subtotals that add up unless
    `mismatch` puts one account row Rp 1.000.000 off. Messy adds the indicator table, split header,
    text amounts, a signature block and blank rows."""
    region = _region(region_code, region_name)
    path = Path(path)
    rng = random.Random(f"sipd:{seed}:{region.code}:{perubahan}")
    if blocks is None:
        if region.code not in SIPD_BLOCKS:
            raise ValueError(f"no bundled RKA blocks for region {region.code}; pass `blocks`")
        blocks = SIPD_BLOCKS[region.code]()
    features = ["header block per sub-kegiatan", "account/[#]/[-] subtotal rows", "several sheets"]
    if messy:
        features += ["indicator table", "two-row merged header", "signature block", "blank rows"]
        features += [] if perubahan else ["text amounts (some Harga/Jumlah as '1.500.000,00')"]
    if perubahan:
        features.append("Sebelum/Setelah Perubahan column groups, Bertambah/(Berkurang)")
    if mismatch:
        features.append("one subtotal mismatch")
    result = SampleFile(
        path,
        region.code,
        region.name,
        "sipd",
        variant="rka-perubahan" if perubahan else "rka",
        features=features,
    )
    wb = Workbook()
    wb.remove(wb.active)
    by_sheet: dict[str, list[SubKegiatan]] = {}
    for sheet, block in blocks:
        by_sheet.setdefault(sheet, []).append(block)
    mismatch_left = mismatch
    for sheet, sheet_blocks in by_sheet.items():
        ws = wb.create_sheet(sheet)
        result.sheets.append(sheet)
        writer = _SipdSheet(ws, region, rng, perubahan, messy)
        writer.title()
        for block in sheet_blocks:
            mismatch_left = writer.block(block, result, mismatch_left)
        if messy:
            writer.signature(sheet_blocks[0].unit)
        writer.finish()
    path.parent.mkdir(parents=True, exist_ok=True)
    titles = wb.sheetnames
    wb.save(path)
    _finish_xlsx(path, titles)
    return result


class _SipdSheet:
    """Writes one RKA sheet row by row."""

    def __init__(
        self, ws: Worksheet, region: Region, rng: random.Random, perubahan: bool, messy: bool
    ) -> None:
        self.ws, self.region, self.rng, self.perubahan, self.messy = ws, region, rng, perubahan, messy
        self.row = 1
        self.width = 13 if perubahan else 7

    def put(self, col: int, value: object, *, bold: bool = False, fmt: str | None = None) -> None:
        cell = self.ws.cell(self.row, col, value)
        if bold:
            cell.font = _BOLD
        if fmt and not isinstance(value, str):
            cell.number_format = fmt

    def merge(self, first: int, last: int, rows: int = 1) -> None:
        self.ws.merge_cells(
            start_row=self.row, start_column=first, end_row=self.row + rows - 1, end_column=last
        )

    def money(self, value: int, *, force_number: bool = False) -> int | str:
        if self.messy and not force_number and self.rng.random() < 0.25:
            return rupiah_text(value, prefix="")
        return value

    def title(self) -> None:
        kind = "RENCANA KERJA DAN ANGGARAN PERUBAHAN" if self.perubahan else "RENCANA KERJA DAN ANGGARAN"
        form = "RKAP-RINCIAN BELANJA SKPD" if self.perubahan else "RKA-RINCIAN BELANJA SKPD"
        for text, side in (
            (kind, "Formulir"),
            ("SATUAN KERJA PERANGKAT DAERAH", form),
            (f"{self.region.pemda} TAHUN ANGGARAN {CYCLE}", None),
        ):
            self.put(1, text, bold=True)
            self.merge(1, self.width - 1)
            if side:
                self.put(self.width, side, bold=True)
            self.row += 1
        self.row += 1

    def field(self, label: str, value: str) -> None:
        self.put(1, label)
        self.put(2, ":")
        self.put(3, value)
        self.merge(3, self.width)
        self.row += 1

    def block(self, block: SubKegiatan, result: SampleFile, mismatch: bool) -> bool:
        """Header block and detail table of one sub-kegiatan; returns whether a mismatch is still owed."""
        code = block.code
        segments = code.split(".")
        urusan, bidang = segments[0], ".".join(segments[:2])
        program, kegiatan = ".".join(segments[:3]), ".".join(segments[:5])
        self.field("Urusan Pemerintahan", f"{urusan} {URUSAN[urusan]}")
        self.field("Bidang Urusan", f"{bidang} {BIDANG_URUSAN[bidang]}")
        self.field("Program", f"{program} {PROGRAM[program]}")
        self.field("Kegiatan", f"{kegiatan} {KEGIATAN[kegiatan]}")
        self.field("Organisasi", block.organisasi)
        self.field("Unit", block.unit)
        before_total = sum(self._jumlah_before(item) for group in block.groups for item in group.items)
        total = block.total
        if self.messy:
            self.row += 1
            self.put(1, "Indikator & Tolok Ukur Kinerja Kegiatan", bold=True)
            self.merge(1, self.width)
            self.row += 1
            for texts in (
                ("Indikator", "Tolok Ukur Kinerja", "Target Kinerja"),
                ("Capaian Kegiatan", block.keluaran, "100 %"),
                ("Masukan", "Dana yang Dibutuhkan", rupiah_text(total, prefix="Rp. ")),
                ("Keluaran", block.keluaran, "12 Bulan"),
                ("Hasil", "Persentase layanan yang terselenggara", "100 %"),
            ):
                self.put(1, texts[0], bold=texts[0] == "Indikator")
                self.put(2, texts[1], bold=texts[0] == "Indikator")
                self.merge(2, self.width - 2)
                self.put(self.width - 1, texts[2], bold=texts[0] == "Indikator")
                self.merge(self.width - 1, self.width)
                self.row += 1
            self.field("Kelompok Sasaran Kegiatan", "Perangkat Daerah dan Masyarakat")
            self.row += 1
        self.field("Sub Kegiatan", f"{block.code} {block.name}")
        self.field("Sumber Pendanaan", block.sumber_dana)
        self.field("Lokasi", block.lokasi)
        self.field("Waktu Pelaksanaan", "Januari s.d. Desember")
        self.field("Keluaran Sub Kegiatan", block.keluaran)
        self.field(f"Alokasi Tahun {CYCLE - 1}", rupiah_text(block.alokasi_prev, prefix="Rp. "))
        if self.perubahan:
            self.field(f"Alokasi Tahun {CYCLE} Sebelum Perubahan", rupiah_text(before_total, prefix="Rp. "))
            self.field(f"Alokasi Tahun {CYCLE} Setelah Perubahan", rupiah_text(total, prefix="Rp. "))
        else:
            self.field(f"Alokasi Tahun {CYCLE}", rupiah_text(total, prefix="Rp. "))
        self.field(f"Alokasi Tahun {CYCLE + 1}", rupiah_text(block.alokasi_next, prefix="Rp. "))
        self.row += 1
        self.put(1, "RINCIAN ANGGARAN BELANJA KEGIATAN SATUAN KERJA PERANGKAT DAERAH", bold=True)
        self.merge(1, self.width)
        self.row += 1
        self._table_header()
        mismatch = self._detail(block, result, mismatch)
        label = "Jumlah Anggaran Sub Kegiatan"
        self.put(1, label, bold=True)
        self.merge(1, self.width - 1 if not self.perubahan else 2)
        if self.perubahan:
            self.put(7, before_total, bold=True, fmt=_NUM_ACC)
            self.put(12, total, bold=True, fmt=_NUM_ACC)
            self.put(13, total - before_total, bold=True, fmt=_NUM_ACC)
        else:
            self.put(7, total, bold=True, fmt=_NUM_ACC)
        self.row += 3 if self.messy else 2
        return mismatch

    def _table_header(self) -> None:
        rows = 2 if (self.messy or self.perubahan) else 1
        if self.perubahan:
            top = {
                1: "Kode Rekening",
                2: "Uraian",
                3: "Sebelum Perubahan",
                8: "Setelah Perubahan",
                13: "Bertambah/(Berkurang)",
            }
            sub = ["Koefisien", "Satuan", "Harga", "PPN", "Jumlah"]
            for col in range(1, 14):
                self.ws.cell(self.row, col).fill = _HEAD_FILL
                self.ws.cell(self.row + 1, col).fill = _HEAD_FILL
            for col, text in top.items():
                self.put(col, text, bold=True)
            for col in (1, 2, 13):
                self.merge(col, col, rows=2)
            self.merge(3, 7)
            self.merge(8, 12)
            self.row += 1
            for offset, text in enumerate(sub):
                self.put(3 + offset, text, bold=True)
                self.put(8 + offset, text, bold=True)
            self.row += 1
            return
        if rows == 2:
            for col, text in ((1, "Kode Rekening"), (2, "Uraian"), (3, "Rincian Perhitungan"), (7, "Jumlah")):
                self.put(col, text, bold=True)
            for col in range(1, 8):
                self.ws.cell(self.row, col).fill = _HEAD_FILL
                self.ws.cell(self.row + 1, col).fill = _HEAD_FILL
            for col in (1, 2, 7):
                self.merge(col, col, rows=2)
            self.merge(3, 6)
            self.row += 1
            for col, text in ((3, "Koefisien"), (4, "Satuan"), (5, "Harga"), (6, "PPN")):
                self.put(col, text, bold=True)
            self.row += 1
            return
        for col, text in enumerate(
            ("Kode Rekening", "Uraian", "Koefisien", "Satuan", "Harga", "PPN", "Jumlah"), 1
        ):
            self.put(col, text, bold=True)
            self.ws.cell(self.row, col).fill = _HEAD_FILL
        self.row += 1

    def _harga_before(self, item: Rincian) -> int | None:
        """Harga before the change (RKA-Perubahan); None for a line added in the Perubahan."""
        if not self.perubahan or item.change is None:
            return item.harga
        if item.change == "new":
            return None
        factor = (4, 5) if item.change == "up" else (5, 4)
        return item.harga * factor[0] // factor[1] // 1000 * 1000

    def _jumlah_before(self, item: Rincian) -> int:
        harga = self._harga_before(item)
        return 0 if harga is None else item.jumlah(harga=harga)

    def _detail(self, block: SubKegiatan, result: SampleFile, mismatch: bool) -> bool:
        """Account rows (every prefix of each akun), `[#]`/`[-]` rows and component lines, in akun order."""
        after: dict[str, int] = {}
        before: dict[str, int] = {}
        for group in block.groups:
            for item in group.items:
                for key in _account_chain(group.akun):
                    after[key] = after.get(key, 0) + item.jumlah()
                    before[key] = before.get(key, 0) + self._jumlah_before(item)
        written: set[str] = set()
        for group in sorted(block.groups, key=lambda g: [int(part) for part in g.akun.split(".")]):
            for key in _account_chain(group.akun):
                if key in written:
                    continue
                written.add(key)
                off = 0
                if mismatch and key == group.akun:
                    off, mismatch = 1_000_000, False
                    result.subtotal_mismatches.append(
                        BadRow(self.ws.title, self.row, "subtotal Rp 1.000.000 too high")
                    )
                self._sum_row(key, AKUN[key], before[key], after[key] + off, bold=key.count(".") < 5)
            g_after = sum(item.jumlah() for item in group.items)
            g_before = sum(self._jumlah_before(item) for item in group.items)
            self._sum_row(None, f"[#] {group.kelompok}", g_before, g_after)
            self._sum_row(None, f"[-] {group.keterangan}", g_before, g_after)
            for item in group.items:
                result.lines.append(ExpectedLine(self.ws.title, self.row, item.jumlah(), item.spbe))
                self._item(item)
        return mismatch

    def _sum_row(self, code: str | None, text: str, before: int, after: int, *, bold: bool = False) -> None:
        if code:
            self.put(1, code, bold=bold)
        self.put(2, text, bold=bold)
        if self.perubahan:
            self.put(7, before, bold=bold, fmt=_NUM_ACC)
            self.put(12, after, bold=bold, fmt=_NUM_ACC)
            self.put(13, after - before, bold=bold, fmt=_NUM_ACC)
        else:
            self.put(7, self.money(after, force_number=bold), bold=bold, fmt=_NUM_ACC)
        self.row += 1

    def _item(self, item: Rincian) -> None:
        self.put(2, item.uraian)
        self.ws.cell(self.row, 2).alignment = _WRAP
        if self.perubahan:
            harga = self._harga_before(item)
            if harga is not None:
                self.put(3, _koefisien_text(item.koefisien))
                self.put(4, item.satuan)
                self.put(5, harga, fmt=_NUM_ACC)
                self.put(6, item.ppn)
                self.put(7, item.jumlah(harga=harga), fmt=_NUM_ACC)
            self.put(8, _koefisien_text(item.koefisien))
            self.put(9, item.satuan)
            self.put(10, item.harga, fmt=_NUM_ACC)
            self.put(11, item.ppn)
            self.put(12, item.jumlah(), fmt=_NUM_ACC)
            self.put(13, item.jumlah() - self._jumlah_before(item), fmt=_NUM_ACC)
        else:
            self.put(3, _koefisien_text(item.koefisien))
            self.put(4, item.satuan)
            self.put(5, self.money(item.harga), fmt=_NUM_ACC)
            self.put(6, item.ppn)
            self.put(7, self.money(item.jumlah()), fmt=_NUM_ACC)
        self.row += 1

    def signature(self, unit: str) -> None:
        """Place, date and an unsigned signatory block (no invented names or NIPs)."""
        name = unit.split(" ", 1)[1].title().replace(" Dan ", " dan ")
        head = "Direktur" if "Rumah Sakit" in name else "Kepala"
        first = self.width - 2
        for text in (
            f"{self.region.capital}, 14 Oktober 2026",
            f"{head} {name}",
            "",
            "",
            "( ........................................ )",
            "NIP. ........................",
        ):
            if text:
                self.put(first, text)
                self.merge(first, self.width)
            self.row += 1

    def finish(self) -> None:
        widths = (
            [22, 62, 16, 14, 16, 6, 18]
            if not self.perubahan
            else [22, 56, 14, 12, 15, 5, 17, 14, 12, 15, 5, 17, 18]
        )
        _set_widths(self.ws, widths)


# --------------------------------------------------------------------------------------------------
# Benchmark workbook


# No region column: the region of an uploaded file comes from the upload (benchmarks upload it per region).
BIG_HEADER = (
    "No",
    "Perangkat Daerah",
    "Kode Sub Kegiatan",
    "Nama Aplikasi",
    "Uraian",
    "Jenis Belanja",
    "Pagu (Rp)",
    "Sumber Dana",
)
BIG_SUB_KEGIATAN = ("2.16.03.2.02.0020", "", "", "2.16.03.2.02.0030", "")


def _rows_xml(rows: Iterable[Sequence[int | str]], first_row: int) -> bytes:
    """Worksheet `<row>` elements for plain ints and strings (inline strings, as openpyxl writes them)."""
    letters = [get_column_letter(index) for index in range(1, 27)]
    parts: list[str] = []
    for number, values in enumerate(rows, start=first_row):
        cells = "".join(
            f'<c r="{letters[col]}{number}" t="n"><v>{value}</v></c>'
            if isinstance(value, int)
            else f'<c r="{letters[col]}{number}" t="inlineStr"><is><t>{xml_escape(value)}</t></is></c>'
            for col, value in enumerate(values)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts).encode()


def write_big_template_workbook(path: str | Path, rows: int = 100_000, seed: int = 0) -> SampleFile:
    """A large layout-A workbook: title block, header and `rows` item rows on one sheet.

    Amounts are mostly numbers, every tenth "Rp 1.250.000,00" and every tenth "150 jt"; no subtotals or
    bad rows, so every data row is an item. openpyxl (write-only mode) writes the title block, header
    and packaging; the item rows are rendered as worksheet XML directly, because openpyxl without lxml
    needs about 20 s for 100,000 rows and this takes about 2 s (about 5 MB)."""
    path = Path(path)
    rng = random.Random(f"big:{seed}")
    pool = [rng.choice(apps) for apps in INVENTORY.values() for _ in range(1024)]
    rng.shuffle(pool)
    kinds = ("Pengembangan", "Pemeliharaan", "Pemeliharaan", "Pengembangan", "Lisensi", "Sewa")
    amounts = [rng.randrange(1, 2000) * 500_000 for _ in range(997)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Usulan SPBE")
    ws.append([f"USULAN BELANJA SPBE TAHUN ANGGARAN {CYCLE}"])
    ws.append(["REKAPITULASI USULAN PERANGKAT DAERAH"])
    ws.append([])
    ws.append(list(BIG_HEADER))
    first = 5
    lines: list[ExpectedLine] = []
    data: list[list[int | str]] = []
    for number in range(1, rows + 1):
        app, opd, what = pool[number % len(pool)]
        sub = BIG_SUB_KEGIATAN[number % len(BIG_SUB_KEGIATAN)]
        kind = kinds[number % len(kinds)]
        amount = amounts[number % len(amounts)]
        cell: int | str = amount
        if number % 10 == 3:
            cell = rupiah_text(amount)
        elif number % 10 == 7:
            cell = _scaled_text(amount) or amount
        data.append([number, opd, sub, f"{kind} {app}", what, kind, cell, "APBD"])
        lines.append(ExpectedLine("Usulan SPBE", first - 1 + number, amount))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _finish_xlsx(path, ["Usulan SPBE"], appended_rows={"Usulan SPBE": _rows_xml(data, first)})
    return SampleFile(
        path,
        "",
        "Rekapitulasi",
        "template",
        variant="benchmark",
        lines=lines,
        sheets=["Usulan SPBE"],
        features=["title block", "text amounts"],
    )


# --------------------------------------------------------------------------------------------------
# The bundled set


def generate_samples(out_dir: str | Path) -> list[SampleFile]:
    """Write the bundled sample set and `manifest.csv` into `out_dir`; return what was written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = [
        write_template_workbook(out / f"kabmadiun_usulan_spbe_{CYCLE}.xlsx", "35.19", seed=1),
        write_template_workbook(
            out / f"kabmagetan_usulan_spbe_{CYCLE}.xlsx",
            "35.20",
            seed=2,
            messy=replace(MESSY, instructions_sheet=True, extra_columns=False),
        ),
        write_template_workbook(
            out / f"kotadenpasar_usulan_spbe_{CYCLE}.xlsx",
            "51.71",
            seed=3,
            messy=replace(MESSY, group_header=True, multi_sheet=False),
        ),
        write_template_csv(out / f"kotadenpasar_usulan_diskominfo_{CYCLE}.csv", "51.71", seed=4),
        write_template_workbook(
            out / f"kotaprobolinggo_usulan_spbe_{CYCLE}.xlsx",
            "35.74",
            seed=5,
            messy=replace(MESSY, multi_sheet=False, hidden_sheet=False, formulas=False),
        ),
        write_sipd_workbook(out / f"kabmadiun_rka_skpd_{CYCLE}.xlsx", "35.19", seed=6, mismatch=True),
        write_sipd_workbook(out / f"provpapuabarat_rka_diskominfo_{CYCLE}.xlsx", "92", seed=7),
        write_sipd_workbook(out / f"kabmagetan_rka_perubahan_{CYCLE}.xlsx", "35.20", seed=8, perubahan=True),
    ]
    write_manifest(out / "manifest.csv", files)
    return files


def write_manifest(path: Path, files: Iterable[SampleFile]) -> None:
    """`file,region_code,region_name,layout,cycle`, one line per sample."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, ["file", "region_code", "region_name", "layout", "cycle"], lineterminator="\n"
    )
    writer.writeheader()
    for sample in files:
        writer.writerow(sample.manifest_row())
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m clearance.samples OUT_DIR`: write the bundled set and print one line per file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m clearance.samples OUT_DIR", file=sys.stderr)
        return 2
    for sample in generate_samples(args[0]):
        size = sample.path.stat().st_size
        print(
            f"{sample.path.name:45} {sample.region_code:6} {sample.layout:8} {sample.variant:13} "
            f"items={sample.items:3} bad={len(sample.bad_rows)} {size / 1024:6.1f} KB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
