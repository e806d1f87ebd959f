"""Factories that generate messy budget workbooks and CSV files in tmp_path (nothing large is committed)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

Rows = list[list[object]]

TITLE = ["USULAN BELANJA SPBE TAHUN ANGGARAN 2027", "PEMERINTAH KABUPATEN MADIUN"]
HEADER = ["No", "Perangkat Daerah", "Nama Aplikasi", "Deskripsi", "Jenis Belanja", "Pagu (Rp)"]

# Real OPDs and apps (shared/realdata/app_inventories.csv).
ITEMS: list[tuple[str, str, str, str, object]] = [
    (
        "Dinas Komunikasi dan Informatika",
        "SIMPEG",
        "Sistem Informasi Manajemen Kepegawaian",
        "Pengembangan",
        "Rp 1.250.000.000,00",
    ),
    (
        "Dinas Komunikasi dan Informatika",
        "Aplikasi Surat Menyurat Elektronik",
        "Persuratan dan tata naskah dinas",
        "Pembangunan",
        350_000_000.0,
    ),
    ("Dinas Kesehatan", "simpus.magetan.go.id", "Aplikasi Puskesmas", "Pemeliharaan", "150 jt"),
    (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "SiCantik Cloud",
        "Perizinan online",
        "Sewa Hosting",
        "1,25 M",
    ),
    ("Dinas Perhubungan", "ATCS DENPASAR", "Informasi arus lalu lintas", "Lisensi", "2,500,000.00"),
]


def template_rows(
    items: Sequence[Sequence[object]] = ITEMS,
    *,
    header: Sequence[object] = HEADER,
    title: Sequence[str] = TITLE,
    total: bool = True,
) -> Rows:
    """Title block, a blank row, the header, numbered items and a JUMLAH row."""
    rows: Rows = [[t] for t in title]
    if title:
        rows.append([])
    rows.append(list(header))
    rows.extend([n, *item] for n, item in enumerate(items, 1))
    if total:
        rows.append(["JUMLAH", None, None, None, None, "=SUM(F5:F9)"])
    return rows


def rka_rows(
    *,
    sub_kegiatan: str = "2.16.03.2.02.0020 - Pembangunan dan/atau Pengembangan Aplikasi Khusus",
    unit: str = "2.16.2.20.2.21.01.0000 - Dinas Komunikasi dan Informatika",
    details: Rows | None = None,
    title: bool = True,
) -> Rows:
    """One SIPD RKA sub-kegiatan: title, header block, detail table header and detail rows."""
    rows: Rows = []
    if title:
        rows += [["RENCANA KERJA DAN ANGGARAN"], ["PEMERINTAH KABUPATEN MADIUN TAHUN ANGGARAN 2027"], []]
    rows += [
        [
            "Urusan Pemerintahan",
            ":",
            "2 URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR",
        ],
        ["Program", ":", "2.16.03 PROGRAM PENGELOLAAN APLIKASI INFORMATIKA"],
        ["Organisasi", ":", unit],
        ["Unit", ":", unit],
        ["Sub Kegiatan", ":", sub_kegiatan],
        ["Sumber Pendanaan", ":", "PAD"],
        [],
        ["Kode Rekening", "Uraian", "Koefisien", "Satuan", "Harga", "PPN", "Jumlah"],
    ]
    rows += details if details is not None else RKA_DETAILS
    return rows


RKA_DETAILS: Rows = [
    ["5", "BELANJA DAERAH", None, None, None, None, 1_500_600_000],
    ["5.2", "BELANJA MODAL", None, None, None, None, "1.500.000.000,00"],
    ["5.2.05.08.01.0005", "Belanja Modal Software", None, None, None, None, 1_500_000_000],
    [None, "[#] Pembangunan Sistem Pengawasan Armada", None, None, None, None, 1_500_000_000],
    [None, "[-] Perangkat Lunak", None, None, None, None, 1_500_000_000],
    [
        None,
        "Belanja Modal Software Berupa Perancangan dan Pembangunan Sistem Pengawasan Armada (GPS Tracking)",
        "1 Paket",
        "Paket",
        1_351_351_351,
        "11%",
        "1.500.000.000,00",
    ],
    [
        "5.1.02.01.01.0024",
        "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
        None,
        None,
        None,
        None,
        600_000,
    ],
    [None, "Kertas HVS A4 80 gram", "10 Rim", "Rim", 60_000, None, 600_000],
    ["Jumlah Anggaran Sub Kegiatan", None, None, None, None, None, 1_500_600_000],
]


def _cache_formula_values(path: Path, cached: dict[str, dict[str, object]], titles: list[str]) -> None:
    """Put cached values into formula cells, as Excel does on save (openpyxl leaves them empty)."""
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    for sheet, cells in cached.items():
        part = f"xl/worksheets/sheet{titles.index(sheet) + 1}.xml"
        xml = parts[part].decode()
        for ref, value in cells.items():
            xml, count = re.subn(
                rf'(<c r="{ref}"[^>]*>(?:<f>[^<]*</f>))<v\s*/>', rf"\g<1><v>{value}</v>", xml
            )
            assert count == 1, f"no formula at {sheet}!{ref}"
        parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """make(rows or {sheet: rows}, name=, merges={sheet: ["A1:F1"]}, hidden=[...], cached={sheet: {"F10": 1}})."""

    def make(
        sheets: Rows | dict[str, Rows],
        *,
        name: str = "usulan.xlsx",
        merges: dict[str, list[str]] | None = None,
        hidden: Sequence[str] = (),
        cached: dict[str, dict[str, object]] | None = None,
    ) -> Path:
        sheets = {"Usulan": sheets} if isinstance(sheets, list) else sheets
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for r, row in enumerate(rows, 1):
                for c, value in enumerate(row, 1):
                    if value is not None:
                        ws.cell(r, c, value)
            for ref in (merges or {}).get(title, []):
                ws.merge_cells(ref)
            if title in hidden:
                ws.sheet_state = "hidden"
        path = tmp_path / name
        wb.save(path)
        if cached:
            _cache_formula_values(path, cached, list(sheets))
        return path

    return make


@pytest.fixture
def csv_file(tmp_path: Path) -> Callable[..., Path]:
    """make(rows, name=, delimiter=";", encoding="cp1252") -> a CSV file as an old system exports it."""

    def make(rows: Rows, *, name: str = "usulan.csv", delimiter: str = ";", encoding: str = "cp1252") -> Path:
        lines = []
        for row in rows:
            cells = ["" if v is None else str(v) for v in row]
            lines.append(delimiter.join(f'"{c}"' if delimiter in c or '"' in c else c for c in cells))
        path = tmp_path / name
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
        return path

    return make


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Usulan" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="{target}"/></Relationships>'
)
_SHEET_OPEN = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_CLOSE = "</sheetData></worksheet>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows: Rows) -> str:
    """Worksheet XML with inline strings and numbers; fast enough for 100,000 rows."""
    out = [_SHEET_OPEN]
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{get_column_letter(c + 1)}{r}"
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_escape(str(value))}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append(_SHEET_CLOSE)
    return "".join(out)


@pytest.fixture
def raw_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """make(sheet XML or rows, name=, prolog=, extra={part: bytes}, part=): a hand-written minimal xlsx."""

    def make(
        sheet: str | bytes | Rows,
        *,
        name: str = "usulan.xlsx",
        prolog: str = '<?xml version="1.0" encoding="UTF-8"?>',
        extra: dict[str, bytes] | None = None,
        compression: int = zipfile.ZIP_DEFLATED,
        part: str = "xl/worksheets/sheet1.xml",
    ) -> Path:
        body = sheet_xml(sheet) if isinstance(sheet, list) else sheet
        body = body if isinstance(body, bytes) else (prolog + body).encode()
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", compression) as zf:
            zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
            zf.writestr("_rels/.rels", _ROOT_RELS)
            zf.writestr("xl/workbook.xml", _WORKBOOK)
            zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(target="/" + part))
            zf.writestr(part, body)
            for part, data in (extra or {}).items():
                zf.writestr(part, data)
        return path

    return make


@pytest.fixture
def make_template() -> Callable[..., Rows]:
    """template_rows(items, header=, title=, total=): rows of a layout-A sheet."""
    return template_rows


@pytest.fixture
def make_rka() -> Callable[..., Rows]:
    """rka_rows(sub_kegiatan=, unit=, details=, title=): rows of one SIPD RKA sub-kegiatan."""
    return rka_rows
