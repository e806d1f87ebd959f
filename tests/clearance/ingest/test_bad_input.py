"""Unusable and unsafe files: each raises IngestError with a message a planner can act on."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import msoffcrypto.format.ooxml
import pytest

from clearance.config import Settings
from clearance.ingest import IngestError, parse_file

HEADER = ["Perangkat Daerah", "Nama Aplikasi", "Deskripsi", "Pagu"]
ROW = ["Dinas Komunikasi dan Informatika", "SIMPEG", "Kepegawaian", 1_000_000]


def replace_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    parts[part] = change(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def error_of(path: Path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as excinfo:
        parse_file(path, **kwargs)
    return excinfo.value


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "usulan.xlsx"
    path.write_bytes(b"")
    assert str(error_of(path)) == "usulan.xlsx: the file is empty"


def test_missing_file(tmp_path: Path) -> None:
    assert (
        str(error_of(tmp_path / "hilang.xlsx"))
        == "hilang.xlsx: cannot open the file (No such file or directory)"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("usulan.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not a spreadsheet: this is a PDF document"),
        (
            "usulan.xlsx",
            b"Perangkat Daerah;Nama Aplikasi;Pagu\r\nDinas Kesehatan;SIMPUS;1000\r\n",
            "not a spreadsheet: the name ends in .xlsx but the content is plain text, not an Excel workbook "
            "(save it as .xlsx, or upload it as .csv)",
        ),
        (
            "rka.xls",
            b"<html><body><table><tr><td>Kode Rekening</td></tr></table></body></html>",
            "not a spreadsheet: an HTML page saved with a spreadsheet name; open it in Excel and save it as .xlsx",
        ),
        (
            "usulan.csv",
            b"\x00\x01\x02\x03garbage\x00",
            "not a spreadsheet: the file is neither an Excel workbook nor CSV text",
        ),
        (
            "usulan.xlsx",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "not a spreadsheet: the file is neither an Excel workbook nor CSV text",
        ),
    ],
)
def test_not_a_spreadsheet(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert str(error_of(path)) == f"{name}: {message}"


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"word/document.xml": "<w:document/>"}, "not a spreadsheet: this is a Word document"),
        ({"notes.txt": "hello"}, "not a spreadsheet: a ZIP archive without an Excel workbook inside"),
        (
            {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
            "OpenDocument spreadsheets (.ods) are not supported; save the file as .xlsx or .csv",
        ),
        (
            {"xl/workbook.bin": "\x00"},
            "Excel binary workbooks (.xlsb) are not supported; save the file as .xlsx",
        ),
    ],
)
def test_zip_that_is_not_an_xlsx(tmp_path: Path, members: dict[str, str], message: str) -> None:
    path = tmp_path / "usulan.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    assert str(error_of(path)) == f"usulan.xlsx: {message}"


def test_truncated_xlsx(xlsx) -> None:
    path = xlsx([HEADER, ROW])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert str(error_of(path)).startswith("usulan.xlsx: the workbook is damaged or incomplete (")


def test_corrupted_member(raw_xlsx) -> None:
    path = raw_xlsx([HEADER, ROW] * 50, compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.index(b"SIMPEG")
    data[at : at + 6] = b"SIMPUS"  # stored bytes no longer match the CRC
    path.write_bytes(bytes(data))
    assert str(error_of(path)) == (
        "usulan.xlsx: the workbook is damaged or incomplete (Bad CRC-32 for file 'xl/worksheets/sheet1.xml')"
    )


def test_member_larger_than_its_header_says(raw_xlsx) -> None:
    """A ZIP header that understates a part's size (to slip past the size limits) fails its CRC check."""
    path = raw_xlsx([HEADER, ROW] * 50)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    central = data.rindex(name) - 46  # the central directory entry is the last mention of the name
    assert data[central + 46 : central + 46 + len(name)] == name
    struct.pack_into("<I", data, central + 24, 100)  # declared uncompressed size: 100 bytes
    path.write_bytes(bytes(data))
    assert str(error_of(path)) == (
        "usulan.xlsx: the workbook is damaged or incomplete (Bad CRC-32 for file 'xl/worksheets/sheet1.xml')"
    )


def test_password_protected_xlsx(xlsx, tmp_path: Path) -> None:
    plain = xlsx([HEADER, ROW])
    encrypted = tmp_path / "usulan_terkunci.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("rahasia", target)
    assert encrypted.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert str(error_of(encrypted)) == (
        "usulan_terkunci.xlsx: the workbook is password-protected; remove the password "
        "(File > Info > Protect Workbook) and upload it again"
    )


def test_ole_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "usulan.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert str(error_of(path)).startswith("usulan.xls: the workbook is damaged or not an Excel file (")


def test_file_too_large(xlsx) -> None:
    path = xlsx([HEADER, ROW])
    size = path.stat().st_size
    message = str(error_of(path, settings=Settings(max_file_bytes=1000)))
    assert message == f"usulan.xlsx: the file is too large ({size:,} bytes; the limit is 1,000 bytes)"


def test_decompression_bomb_by_ratio(raw_xlsx) -> None:
    path = raw_xlsx([HEADER, ROW], extra={"xl/media/image1.bin": b"\x00" * (20 << 20)})
    message = str(error_of(path))
    assert message.startswith("usulan.xlsx: unsafe workbook: part xl/media/image1.bin expands ")
    assert message.endswith(" times (limit 200); refusing a possible decompression bomb")


def test_decompression_bomb_by_total_size(raw_xlsx) -> None:
    path = raw_xlsx([HEADER, ROW] * 2000)
    message = str(error_of(path, settings=Settings(max_uncompressed_bytes=50_000)))
    assert message.startswith("usulan.xlsx: unsafe workbook: it expands to more than ")
    assert message.endswith(" (limit 50,000 bytes); refusing a possible decompression bomb")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def test_entity_expansion_in_a_worksheet(raw_xlsx) -> None:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    path = raw_xlsx(sheet, prolog=BILLION_LAUGHS)
    assert str(error_of(path)) == (
        "usulan.xlsx: unsafe workbook: XML part xl/worksheets/sheet1.xml declares a DOCTYPE or ENTITY "
        "(possible entity-expansion attack)"
    )


def test_external_entity_in_shared_strings(raw_xlsx) -> None:
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst>&xxe;</sst>'
    path = raw_xlsx([HEADER, ROW], extra={"xl/sharedStrings.xml": xxe})
    assert "XML part xl/sharedStrings.xml declares a DOCTYPE or ENTITY" in str(error_of(path))


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/elsewhere/data.xml"])
def test_far_away_cell_is_refused_before_reading(raw_xlsx, part: str) -> None:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Nama Aplikasi</t></is></c>'
        "<c r='XFD1048576' t=\"n\"><v>1</v></c></row></sheetData></worksheet>"
    )
    assert str(error_of(raw_xlsx(sheet, part=part))) == (
        'usulan.xlsx, sheet "Usulan": the sheet\'s used range reaches row 1,048,576, column XFD '
        "(17,179,869,184 cells, limit 30,000,000); delete the stray far-away cells"
    )


def test_too_many_rows(raw_xlsx, csv_file) -> None:
    rows = [HEADER, *[ROW] * 11]
    settings = Settings(max_rows_per_sheet=10)
    assert str(error_of(raw_xlsx(rows), settings=settings)) == (
        'usulan.xlsx, sheet "Usulan": the sheet has 12 rows (limit 10)'
    )
    assert str(error_of(csv_file(rows), settings=settings)) == (
        'usulan.csv, sheet "usulan": the sheet has 11 rows (limit 10)'
    )


def test_over_long_cell_rejects_only_its_row(csv_file) -> None:
    rows = [HEADER, ["Dinas Kesehatan", "SIMPUS", "x" * 100_000, "1.000.000"], ROW]
    parsed = parse_file(csv_file(rows, encoding="utf-8"))
    assert [ln.app_name for ln in parsed.lines] == ["SIMPEG"]
    (issue,) = parsed.issues[1:]
    assert (issue.row, issue.kind, issue.column) == (2, "rejected", "Deskripsi")
    assert issue.reason == "cell has 100,000 characters (limit 32,767)"
    assert len(issue.raw[2]) == 201 and issue.raw[2].endswith("…")


def test_over_long_cell_in_xlsx_cut_by_the_reader_is_still_rejected(xlsx) -> None:
    """openpyxl writes a shared string; calamine cuts it to Excel's 32,767 characters, which is exactly
    the default limit: the row must still be rejected, not ingested with a cut description."""
    rows = [HEADER, ["Dinas Kesehatan", "SIMPUS", "x" * 100_000, "1.000.000"], ROW]
    parsed = parse_file(xlsx(rows))
    assert [ln.app_name for ln in parsed.lines] == ["SIMPEG"]
    assert [(i.row, i.kind, i.reason, i.column) for i in parsed.issues[1:]] == [
        (
            2,
            "rejected",
            "cell has at least 32,767 characters (Excel's limit; the cell was cut)",
            "Deskripsi",
        )
    ]
    assert len(parsed.issues[1].raw[2]) == 201


def test_over_long_inline_string_in_xlsx_shows_its_length(raw_xlsx) -> None:
    rows = [HEADER, ["Dinas Kesehatan", "SIMPUS", "x" * 100_000, "1.000.000"], ROW]
    parsed = parse_file(raw_xlsx(rows))  # inline strings are read whole
    assert [(i.row, i.reason, i.column) for i in parsed.rejected] == [
        (2, "cell has 100,000 characters (limit 32,767)", "Deskripsi")
    ]
    assert [ln.app_name for ln in parsed.lines] == ["SIMPEG"]


def test_cell_just_under_excels_limit_is_read(xlsx) -> None:
    rows = [HEADER, ["Dinas Kesehatan", "SIMPUS", "x" * 32_766, "1.000.000"]]
    parsed = parse_file(xlsx(rows))
    assert [len(ln.description) for ln in parsed.lines] == [32_766]
    assert parsed.rejected == []


def test_over_long_cell_in_xlsx_title_block(raw_xlsx) -> None:
    rows = [["y" * 5000], HEADER, ROW]
    parsed = parse_file(raw_xlsx(rows), settings=Settings(max_cell_chars=1000))
    assert [(i.row, i.kind, i.reason, i.column) for i in parsed.issues] == [
        (
            1,
            "rejected",
            "cell has 5,000 characters (limit 1,000)",
            "Perangkat Daerah",
        ),
        (2, "skipped", "header", None),
    ]


def test_no_table_names_the_missing_columns(xlsx) -> None:
    path = xlsx([["Daftar Aplikasi"], ["No", "Perangkat Daerah", "Nama Aplikasi", "URL"]], name="daftar.xlsx")
    message = str(error_of(path))
    assert message.startswith(
        'daftar.xlsx, sheet "Usulan": not a proposal template or SIPD RKA/DPA export: '
        'no header row with the required columns: missing amount (looked for "Pagu", "Pagu Anggaran", '
    )
    assert message.endswith('; closest was row 2 with "Perangkat Daerah", "Nama Aplikasi"')


def test_no_usable_sheet_lists_every_sheet(xlsx) -> None:
    path = xlsx({"Petunjuk": [["Isi kolom sesuai petunjuk"]], "Kosong": [], "Data": [["Nama Aplikasi"]]})
    message = str(error_of(path))
    assert message.startswith(
        'usulan.xlsx: no usable sheet: sheet "Petunjuk": not a proposal template or SIPD RKA/DPA export: '
        "no header row with the required columns: missing app name or description"
    )
    assert '; sheet "Kosong": the sheet is empty; sheet "Data": not a proposal template' in message
    assert message.endswith('closest was row 1 with "Nama Aplikasi"')


def test_only_hidden_sheets(xlsx) -> None:
    path = xlsx({"Data": [HEADER, ROW], "Referensi": [["x"]]}, hidden=["Data"])
    # Excel allows it; openpyxl refuses to hide every sheet itself.
    replace_part(path, "xl/workbook.xml", lambda xml: xml.replace(b'state="visible"', b'state="hidden"'))
    assert str(error_of(path)) == (
        'usulan.xlsx: the workbook has no visible sheet (hidden sheets "Data", "Referensi" were not read)'
    )
    assert parse_file(path, include_hidden=True).lines[0].app_name == "SIMPEG"


def test_malformed_workbook_part(raw_xlsx) -> None:
    path = raw_xlsx([HEADER, ROW])
    replace_part(path, "xl/workbook.xml", lambda _: b"<workbook><sheets><sheet name='a' name='b'/></sheets>")
    assert str(error_of(path)).startswith(
        "usulan.xlsx: the workbook is damaged or incomplete (xl/workbook.xml or its relationships cannot be read"
    )


def test_error_carries_where(xlsx) -> None:
    error = error_of(xlsx([["Isi kolom sesuai petunjuk"]]))
    assert (error.file, error.sheet, error.row, error.column) == ("usulan.xlsx", "Usulan", None, None)


def test_bytes_of_an_upload_with_a_display_name(tmp_path: Path) -> None:
    upload = tmp_path / "tmp8a7sd6"
    upload.write_bytes(io.BytesIO(b"%PDF-1.4").getvalue())
    assert (
        str(error_of(upload, name="rka_dinkes.xlsx"))
        == "rka_dinkes.xlsx: not a spreadsheet: this is a PDF document"
    )


def test_wide_sheet_gets_the_exact_extent(raw_xlsx) -> None:
    """No row reaches 100,000, but column ZZZ makes 2,000 rows too many cells: the exact pass sees it."""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Nama Aplikasi</t></is></c></row>'
        '<row r="2000"><c r="ZZZ2000" t="n"><v>1</v></c></row></sheetData></worksheet>'
    )
    assert str(error_of(raw_xlsx(sheet))) == (
        'usulan.xlsx, sheet "Usulan": the sheet\'s used range reaches row 2,000, column ZZZ '
        "(36,556,000 cells, limit 30,000,000); delete the stray far-away cells"
    )
