"""Read a workbook or CSV into plain rows, refusing files that are unusable or unsafe.

Excel files are read with python-calamine (Rust). Measured on `clearance.samples.write_big_template_workbook`
(100,000 rows x 8 columns, 5.5 MB xlsx) in the 2-CPU dev container: calamine loads every cell in 1.6 s,
openpyxl read-only (`iter_rows(values_only=True)`) in 37.7 s, about 23 times slower; `parse_file` takes
3.4 s end to end (ZIP safety scan 0.85 s, calamine 1.6 s, row parsing 0.9 s). openpyxl is used only by
the tests to write workbooks. Formulas come back as their cached values (a formula Excel never
calculated reads as an empty cell; `Sheet.uncalculated` finds such cells in the worksheet XML, read
again only when a parser asks, i.e. when a row misses its amount, so that the reason can say so).

Over-long cells: calamine cuts a shared string at Excel's limit of 32,767 characters (inline strings
are read whole), so a cell read from a workbook with exactly 32,767 characters may have been longer.
Such a cell counts as over-long ("at least 32,767 characters") even when max_cell_chars is 32,767:
its text is not what the file holds. `Sheet.cut_at` carries the limit for the messages.

Before calamine sees an xlsx, `_scan_zip` checks it as a ZIP: member count, declared and actual
uncompressed sizes (max_uncompressed_bytes, max_compression_ratio; a lying header fails its CRC), XML
parts declaring a DOCTYPE or ENTITY (entity-expansion attacks), and each worksheet's cell extent,
because calamine allocates the full rectangle up to the farthest cell and a 5 kB file naming cell
XFD1048576 would abort the process. Legacy .xls (an OLE file) is read by calamine as well (its format
caps a sheet at 65,536 x 256 cells); an OLE file holding an EncryptedPackage is a password-protected
xlsx and is refused, as are .xlsb and .ods (save as .xlsx).
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property, partial
from itertools import chain
from pathlib import Path, PurePosixPath

import defusedxml.ElementTree as SafeET

from clearance.config import Settings
from clearance.ingest.model import IngestError

__all__ = ["MAX_SHEET_CELLS", "Sheet", "Workbook", "cell_text", "column_letter", "read_workbook"]

MAX_SHEET_CELLS = 30_000_000  # rows x columns calamine may allocate for one sheet (1.1M rows x A:Z)
MAX_ZIP_MEMBERS = 10_000
RATIO_MIN_BYTES = 1 << 20  # members smaller than this are not checked for their compression ratio
PREVIEW_CHARS = 200  # what is kept of a cell over max_cell_chars
EXCEL_CELL_CHARS = 32_767  # Excel's limit per cell; calamine cuts shared strings there
CHUNK = 1 << 20

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_TEXT_EXTENSIONS = {".csv", ".txt", ".tsv", ""}
# Cell and row references (`r="AB12"`, `r = '12'`: any spacing and quoting calamine accepts). Other
# attributes ending in "r" with a small number (`firstPageNumber="1"`) only widen the estimate.
# Without two-letter references the widest column is taken as Z (26), conservatively.
_ROW_REF = re.compile(rb"""r\s*=\s*["'][A-Z]*0*([0-9]+)["']""")
_WIDE_COL_REF = re.compile(rb"""r\s*=\s*["']([A-Z]{2,})[0-9]""")
# The fast pass: only references past column Z or at row 100,000 and beyond (3x faster than reading
# every reference). A sheet with neither stays under 100,000 x 26 cells; only one wider than
# FAST_MAX_COLUMNS with no big row gets the exact pass.
_FAR_REF = re.compile(rb"""r\s*=\s*["'](?:([A-Z]{2,})[0-9]|[A-Z]?0*([1-9][0-9]{5,})["'])""")
FAST_ROW_BOUND = 99_999
# A formula cell without a cached value: `<c r="F15"><f>SUM(F8:F12)</f><v/></c>` (or no <v> at all).
_UNCALCULATED = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})([0-9]+):([A-Z]{1,3})([0-9]+)"')
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_WS = re.compile(r"\s+")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class Sheet:
    """One sheet as plain rows: `rows[i]` is spreadsheet row i+1, `rows[i][j]` column j+1 ('' = empty)."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r0, c0, r1, c1
    long_cells: dict[int, tuple[int, int]] = field(default_factory=dict)  # row index -> (col, length)
    cut_at: int | None = None  # the reader cuts cells at this length (xlsx: 32,767); None for CSV
    formula_scan: Callable[[], frozenset[tuple[int, int]]] | None = field(default=None, repr=False)

    @cached_property
    def uncalculated(self) -> frozenset[tuple[int, int]]:
        """0-based (row, col) of formula cells without a calculated value (read on first use)."""
        return self.formula_scan() if self.formula_scan is not None else frozenset()

    def long_cell_reason(self, r: int, limit: int) -> str:
        """Why row `r` (0-based, in `long_cells`) is rejected: its over-long cell, without the column."""
        _, length = self.long_cells[r]
        if length == self.cut_at:  # longer cells were read whole; this one may have been cut
            return f"cell has at least {self.cut_at:,} characters (Excel's limit; the cell was cut)"
        return f"cell has {length:,} characters (limit {limit:,})"


@dataclass
class Workbook:
    """The readable sheets of one file, in workbook order, plus notes about what was left out."""

    file: str
    kind: str  # "xlsx", "xls" or "csv"
    sheets: list[Sheet]
    warnings: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # names of hidden sheets left unread


@dataclass
class _ZipReport:
    extents: dict[str, tuple[int, int]] = field(default_factory=dict)  # part -> (max row, max column)
    merges: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    sheet_parts: dict[str, str] = field(default_factory=dict)  # sheet name -> part name


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def cell_text(value: object) -> str:
    """A cell as trimmed single-spaced text: 12.0 -> "12", dates ISO, empty -> ""."""
    if type(value) is str:
        if "  " in value or "\n" in value or "\t" in value or "\r" in value or "\xa0" in value:
            return _WS.sub(" ", value).strip()
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _mb(size: int) -> str:
    """A byte count for people: "52.4 MB", or "1,234 bytes" below a megabyte."""
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{size:,} bytes"


def _cap_long_cells(rows: list[list[object]], limit: int) -> dict[int, tuple[int, int]]:
    """Truncate cells over `limit` characters in place; return where they were and how long."""
    found: dict[int, tuple[int, int]] = {}
    if max(map(len, filter(str.__instancecheck__, chain.from_iterable(rows))), default=0) <= limit:
        return found  # the common case, checked at C speed
    for r, row in enumerate(rows):
        if not any(type(value) is str and len(value) > limit for value in row):
            continue
        for c, value in enumerate(row):
            if type(value) is str and len(value) > limit:
                found.setdefault(r, (c, len(value)))
                row[c] = value[:PREVIEW_CHARS] + "…"
    return found


def _check_part(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, report: _ZipReport, is_sheet: bool
) -> int:
    """Stream one member: refuse DTDs in XML, measure real size and worksheet extent. Returns bytes."""
    is_xml = is_sheet or info.filename.endswith((".xml", ".rels", ".vml"))
    size, max_row, max_col, tail = 0, 0, 26, b""
    merges: list[tuple[int, int, int, int]] = []
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            if size == 0 and is_xml:
                _check_prolog(chunk, info.filename, file)
            size += len(chunk)
            if size > info.file_size:
                raise IngestError(
                    f"damaged workbook: part {info.filename} is larger than declared", file=file
                )
            if is_sheet:
                window = tail + chunk
                max_row, max_col = _far_extent(window, max_row, max_col)
                if b"mergeCell" in window:
                    merges.extend(
                        (int(r0) - 1, _column_number(c0) - 1, int(r1) - 1, _column_number(c1) - 1)
                        for c0, r0, c1, r1 in _MERGE_REF.findall(window)
                    )
                tail = window[-200:]
                cut = tail.rfind(b">")
                tail = tail[cut + 1 :] if cut >= 0 else tail
    if is_sheet and max_row == 0 and max_col * FAST_ROW_BOUND > MAX_SHEET_CELLS:
        max_row, max_col = _exact_extent(zf, info)
    if is_sheet:  # a name stored twice in the ZIP keeps the larger extent
        old_row, old_col = report.extents.get(info.filename, (0, 0))
        report.extents[info.filename] = (max(max_row, old_row), max(max_col, old_col))
        report.merges[info.filename] = sorted(set(merges))
    return size


def _far_extent(window: bytes, max_row: int, max_col: int) -> tuple[int, int]:
    """Grow (max row, max column) with the far references in a piece of worksheet XML; a max row of
    0 means "below 100,000"."""
    for wide, row in _FAR_REF.findall(window):
        if wide:
            max_col = max(max_col, _column_number(wide[:8]))
        else:
            max_row = max(max_row, int(row[:12]))
    return max_row, max_col


def _exact_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(max row, max column) from every reference of a worksheet part (a second, slower pass)."""
    max_row, max_col, tail = 0, 26, b""
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            window = tail + chunk
            max_row, max_col = _extent(window, max_row, max_col)
            tail = window[-200:]
            cut = tail.rfind(b">")
            tail = tail[cut + 1 :] if cut >= 0 else tail
    return max_row, max_col


def _extent(window: bytes, max_row: int, max_col: int) -> tuple[int, int]:
    """Grow (max row, max column) with the cell references in a piece of worksheet XML."""
    if rows := _ROW_REF.findall(window):
        max_row = max(max_row, *(int(r[:12]) for r in set(rows)))
    if wide := _WIDE_COL_REF.findall(window):
        max_col = max(max_col, *(_column_number(c[:8]) for c in set(wide)))
    return max_row, max_col


def _check_prolog(head: bytes, part: str, file: str) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00":
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    root = _ROOT_START.search(head)
    prolog = head[: root.start()] if root else head
    if _DTD.search(prolog) or (root is None and len(head) >= CHUNK):
        raise IngestError(
            f"unsafe workbook: XML part {part} declares a DOCTYPE or ENTITY (possible entity-expansion attack)",
            file=file,
        )


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part, from xl/workbook.xml and its relationships."""
    try:
        book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    except SafeET.ParseError as exc:
        raise ValueError(f"xl/workbook.xml or its relationships cannot be read: {exc}") from exc
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_NS_REL) in targets:
            target = targets[sheet.get(_NS_REL)]
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def _scan_zip(path: Path, file: str, settings: Settings) -> _ZipReport:
    report = _ZipReport()
    file_size = path.stat().st_size
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        names = {info.filename for info in infos}
        _zip_kind(names, file)
        if len(infos) > MAX_ZIP_MEMBERS:
            raise IngestError(
                f"unsafe workbook: {len(infos)} ZIP members (limit {MAX_ZIP_MEMBERS})", file=file
            )
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_MIN_BYTES and ratio > settings.max_compression_ratio:
                raise IngestError(
                    f"unsafe workbook: part {info.filename} expands {ratio:,.0f} times "
                    f"(limit {settings.max_compression_ratio}); refusing a possible decompression bomb",
                    file=file,
                )
        _check_expansion(sum(info.file_size for info in infos), file_size, file, settings)
        # The workbook part and its relationships first (small, DTD-checked before parsing): they say
        # which parts are worksheets, wherever they are stored.
        first = [i for i in infos if i.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")]
        actual = sum(_check_part(zf, info, file, report, is_sheet=False) for info in first)
        report.sheet_parts = _sheet_parts(zf)
        sheets = set(report.sheet_parts.values())
        for info in infos:
            if info in first:
                continue
            is_sheet = info.filename in sheets or info.filename.startswith("xl/worksheets/")
            actual += _check_part(zf, info, file, report, is_sheet)
            _check_expansion(actual, file_size, file, settings)
    return report


def _check_expansion(total: int, file_size: int, file: str, settings: Settings) -> None:
    if total > settings.max_uncompressed_bytes:
        raise IngestError(
            f"unsafe workbook: it expands to more than {_mb(total)} "
            f"(limit {_mb(settings.max_uncompressed_bytes)}); refusing a possible decompression bomb",
            file=file,
        )
    if total > RATIO_MIN_BYTES and total / max(file_size, 1) > settings.max_compression_ratio:
        raise IngestError(
            f"unsafe workbook: it expands {total / max(file_size, 1):,.0f} times "
            f"(limit {settings.max_compression_ratio}); refusing a possible decompression bomb",
            file=file,
        )


def _zip_kind(names: set[str], file: str) -> None:
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise IngestError(
            "Excel binary workbooks (.xlsb) are not supported; save the file as .xlsx", file=file
        )
    if "content.xml" in names and "mimetype" in names:
        raise IngestError(
            "OpenDocument spreadsheets (.ods) are not supported; save the file as .xlsx or .csv", file=file
        )
    if "word/document.xml" in names:
        raise IngestError("not a spreadsheet: this is a Word document", file=file)
    raise IngestError("not a spreadsheet: a ZIP archive without an Excel workbook inside", file=file)


def _check_ole(path: Path, file: str) -> None:
    """Refuse password-protected Office files (an OLE container holding an EncryptedPackage)."""
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.format.xls97 import Xls97File

    try:
        with path.open("rb") as handle:
            office = msoffcrypto.OfficeFile(handle)
            if isinstance(office, OOXMLFile):
                encrypted = True
            elif isinstance(office, Xls97File):
                encrypted = office.is_encrypted()
            else:
                raise IngestError("not a spreadsheet: an Office document that is not a workbook", file=file)
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(f"the workbook is damaged or not an Excel file ({exc})", file=file) from exc
    if encrypted:
        raise IngestError(
            "the workbook is password-protected; remove the password (File > Info > Protect Workbook) "
            "and upload it again",
            file=file,
        )


def _sniff(head: bytes, suffix: str, file: str) -> str:
    """Decide the reader from the first bytes: "zip", "ole" or "text"; refuse anything else."""
    if head.startswith(_ZIP_MAGICS):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.startswith(b"%PDF"):
        raise IngestError("not a spreadsheet: this is a PDF document", file=file)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<html", b"<!doctype html", b"<table")):
        raise IngestError(
            "not a spreadsheet: an HTML page saved with a spreadsheet name; "
            "open it in Excel and save it as .xlsx",
            file=file,
        )
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if (b"\x00" in head and not utf16) or stripped.startswith(b"<?xml"):
        raise IngestError("not a spreadsheet: the file is neither an Excel workbook nor CSV text", file=file)
    if suffix not in _TEXT_EXTENSIONS:
        raise IngestError(
            f"not a spreadsheet: the name ends in {suffix} but the content is plain text, "
            "not an Excel workbook (save it as .xlsx, or upload it as .csv)",
            file=file,
        )
    return "text"


def read_workbook(
    path: Path, *, file: str, include_hidden: bool = False, settings: Settings | None = None
) -> Workbook:
    """Read every visible sheet of an xlsx/xlsm/xls workbook or a CSV file; raise IngestError if unusable."""
    settings = settings or Settings()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot open the file ({exc.strerror})", file=file) from exc
    if size == 0:
        raise IngestError("the file is empty", file=file)
    if size > settings.max_file_bytes:
        raise IngestError(
            f"the file is too large ({_mb(size)}; the limit is {_mb(settings.max_file_bytes)})", file=file
        )
    with path.open("rb") as handle:
        head = handle.read(4096)
    kind = _sniff(head, PurePosixPath(file).suffix.lower() or path.suffix.lower(), file)
    if kind == "text":
        return Workbook(file, "csv", [_read_csv(path, file, settings)])
    report = None
    if kind == "zip":
        try:
            report = _scan_zip(path, file, settings)
        except IngestError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
            raise IngestError(f"the workbook is damaged or incomplete ({exc})", file=file) from exc
        except (NotImplementedError, RuntimeError) as exc:
            raise IngestError(f"the workbook cannot be read ({exc})", file=file) from exc
    else:
        _check_ole(path, file)
    return _read_excel(path, file, "xlsx" if kind == "zip" else "xls", report, include_hidden, settings)


def _read_excel(
    path: Path, file: str, kind: str, report: _ZipReport | None, include_hidden: bool, settings: Settings
) -> Workbook:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        metadata = list(book.sheets_metadata)
    except Exception as exc:
        raise IngestError(f"the workbook is damaged or cannot be read ({exc})", file=file) from exc
    workbook = Workbook(file, kind, [])
    with book:
        for meta in metadata:
            if "WorkSheet" not in str(meta.typ):
                continue
            if str(meta.visible).split(".")[-1] != "Visible" and not include_hidden:
                workbook.warnings.append(f'{file}, sheet "{meta.name}": hidden sheet, not read')
                workbook.hidden.append(meta.name)
                continue
            workbook.sheets.append(_read_sheet(book, meta.name, path, file, report, settings))
    return workbook


def _read_sheet(
    book, name: str, path: Path, file: str, report: _ZipReport | None, settings: Settings
) -> Sheet:
    part = report.sheet_parts.get(name) if report else None
    if report and report.extents:
        # A sheet whose part is unknown is held to the largest extent of any worksheet part.
        extent = report.extents.get(part) if part else None
        max_row, max_col = extent or max(report.extents.values(), key=lambda e: e[0] * e[1])
        _check_extent(max_row, max_col, name, file, settings)
    try:
        sheet = book.get_sheet_by_name(name)
        if (sheet.height or 0) * (sheet.width or 0) > MAX_SHEET_CELLS:
            _check_extent(sheet.height, sheet.width, name, file, settings)
        rows = sheet.to_python(skip_empty_area=False, nrows=settings.max_rows_per_sheet + 1)
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(f"cannot read the sheet ({exc})", file=file, sheet=name) from exc
    if len(rows) > settings.max_rows_per_sheet:
        _check_extent(max(len(rows), sheet.height or 0), 1, name, file, settings)
    merged = getattr(sheet, "merged_cell_ranges", None)
    if merged is None:
        ranges = report.merges.get(part, []) if report and part else []
    else:
        ranges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in merged]
    # A cell of exactly 32,767 characters may have been cut by calamine: over-long whatever the limit.
    long_cells = _cap_long_cells(rows, min(settings.max_cell_chars, EXCEL_CELL_CHARS - 1))
    scan = partial(_uncalculated_cells, path, part) if report and part else None
    return Sheet(name, rows, ranges, long_cells, EXCEL_CELL_CHARS, scan)


def _uncalculated_cells(path: Path, part: str) -> frozenset[tuple[int, int]]:
    """Formula cells without a cached value in one worksheet part (already checked by `_scan_zip`)."""
    found: set[tuple[int, int]] = set()
    tail = b""
    try:
        with zipfile.ZipFile(path) as zf, zf.open(part) as member:
            while chunk := member.read(CHUNK):
                window = tail + chunk  # a formula cell is short: 2 kB of overlap catches one split here
                if b"<f" in window:
                    found.update(
                        (int(r) - 1, _column_number(c) - 1) for c, r in _UNCALCULATED.findall(window)
                    )
                tail = window[-2048:]
    except (OSError, KeyError, zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError):
        return frozenset()  # only a message depends on it
    return frozenset(found)


def _check_extent(max_row: int, max_col: int, sheet: str, file: str, settings: Settings) -> None:
    if max_row > settings.max_rows_per_sheet:
        raise IngestError(
            f"the sheet has {max_row:,} rows (limit {settings.max_rows_per_sheet:,})", file=file, sheet=sheet
        )
    if max_row * max_col > MAX_SHEET_CELLS:
        raise IngestError(
            f"the sheet's used range reaches row {max_row:,}, column {column_letter(max(max_col, 1) - 1)} "
            f"({max_row * max_col:,} cells, limit {MAX_SHEET_CELLS:,}); delete the stray far-away cells",
            file=file,
            sheet=sheet,
        )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """The delimiter (`;`, `,`, tab or `|`) that splits most of the first lines into the same number of
    columns, preferring more columns: a `;` file with amounts like "1.250.000,00" stays `;`."""
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    best, best_key = ",", (False, 0, 0.0)
    for candidate in (";", ",", "\t", "|"):
        counts = [len(fields) for fields in csv.reader(lines, delimiter=candidate)]
        multi = [n for n in counts if n > 1]
        if not multi:
            continue
        modal = max(sorted(set(multi)), key=multi.count)
        share = multi.count(modal) / len(counts)
        key = (share >= 0.5, modal, share)
        if key > best_key:
            best, best_key = candidate, key
    return best


def _csv_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(len(text) + 1)
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _read_csv(path: Path, file: str, settings: Settings) -> Sheet:
    """CSV (`,`, `;` or tab, sniffed) in UTF-8 with or without BOM, UTF-16 or Windows-1252."""
    text = _decode(path.read_bytes())
    sheet_name = PurePosixPath(file).stem or "csv"
    rows: list[list[object]] = []
    try:
        for record in _csv_rows(text, _delimiter(text)):
            rows.append(record)
            if len(rows) > settings.max_rows_per_sheet:
                _check_extent(len(rows), 1, sheet_name, file, settings)
    except csv.Error as exc:
        raise IngestError(f"the CSV text cannot be read ({exc})", file=file, row=len(rows) + 1) from exc
    return Sheet(sheet_name, rows, [], _cap_long_cells(rows, settings.max_cell_chars))
