"""Header synonyms per field, and finding the header row of a table.

Headers are compared after `normalize_header`: lower case, words in brackets dropped (units such as
"(Rp)"), punctuation and line breaks turned into single spaces. A header equal to a synonym names its
field; a header that starts with a synonym and adds words ("Deskripsi Singkat Aplikasi") names it too,
but only when no column matches exactly. A header may span two rows, possibly merged ("Aplikasi" over
"Nama" | "Deskripsi"): each column is then read as its lower label, or both labels in either order.
A second row holding only units ("Rp") or years under the labels above ("Anggaran" merged over "2026" |
"2027") belongs to the header too; the years then join the labels ("Anggaran / 2027").

Every column matching a field is kept in `HeaderMatch.candidates` (a sheet may have an amount column
per year); `HeaderMatch.columns` holds the best one per field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from clearance.ingest.read import Sheet, cell_text

__all__ = [
    "FIELD_NAMES",
    "SYNONYMS",
    "Column",
    "HeaderMatch",
    "find_header",
    "header_grid",
    "header_year",
    "is_blank_row",
    "is_numbering_row",
    "merged_fill",
    "missing_fields_message",
    "normalize_header",
    "note_label",
    "total_label",
]

# Layout A (SPBE proposal template): synonyms in order of preference.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "app_name": (
        "Nama Aplikasi",
        "Aplikasi",
        "Nama Sistem",
        "Nama Sistem Informasi",
        "Nama Layanan",
        "Nama Aplikasi/Sistem",
        "Sistem Informasi",
    ),
    "amount": (
        "Pagu",
        "Pagu Anggaran",
        "Anggaran",
        "Anggaran (Rp)",
        "Nilai",
        "Jumlah",
        "Total",
        "Pagu Indikatif",
        "Nilai Anggaran",
        "Jumlah Anggaran",
        "Total Anggaran",
        "Usulan Anggaran",
        "Kebutuhan Anggaran",
        "Rencana Anggaran",
    ),
    "opd": (
        "Perangkat Daerah",
        "OPD",
        "SKPD",
        "Unit Kerja",
        "Instansi",
        "Nama Perangkat Daerah",
        "Nama OPD",
        "Nama SKPD",
        "Nama Unit Kerja",
        "Nama Instansi",
        "Organisasi Perangkat Daerah",
        "Satuan Kerja",
    ),
    "description": (
        "Uraian",
        "Deskripsi",
        "Keterangan",
        "Fungsi",
        "Fungsi Aplikasi",
        "Uraian Kegiatan",
        "Deskripsi Aplikasi",
        "Uraian Usulan",
    ),
    "spend_type": ("Jenis Belanja", "Jenis Kegiatan", "Kategori", "Jenis Usulan", "Jenis", "Tipe Belanja"),
    "sub_activity": ("Kode Sub Kegiatan", "Sub Kegiatan", "Kode Kegiatan", "Nomenklatur Sub Kegiatan"),
    "region": (
        "Kode Wilayah",
        "Pemda",
        "Kabupaten/Kota",
        "Provinsi",
        "Kab/Kota",
        "Wilayah",
        "Pemerintah Daerah",
        "Nama Pemda",
    ),
}

FIELD_NAMES: dict[str, str] = {
    "app_name": "app name",
    "amount": "amount",
    "opd": "OPD",
    "description": "description",
    "spend_type": "spend type",
    "sub_activity": "sub-kegiatan",
    "region": "region",
}

EXACT, PREFIX = 2, 1
MAX_SCAN_ROWS = 60
MAX_FILLED_CELLS = 2_000_000

_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_header(value: object) -> str:
    """'Anggaran\\n(Rp)' -> 'anggaran'; 'Kabupaten/Kota' -> 'kabupaten kota'."""
    text = value if type(value) is str else cell_text(value)
    return _normalize_short(text) if len(text) <= 200 else _normalize_text(text)


def _normalize_text(value: str) -> str:
    text = unicodedata.normalize("NFKD", cell_text(value)).encode("ascii", "ignore").decode().lower()
    return _NON_WORD.sub(" ", _BRACKETS.sub(" ", text)).strip()


_normalize_short = lru_cache(maxsize=8192)(_normalize_text)


def _compile(synonyms: Mapping[str, Sequence[str]]) -> list[tuple[str, str, int]]:
    """(normalized synonym, field, priority) for every synonym."""
    return [(normalize_header(s), f, i) for f, words in synonyms.items() for i, s in enumerate(words)]


_TEMPLATE = _compile(SYNONYMS)


@dataclass(frozen=True)
class Column:
    """A matched column: 0-based index, the header text as written, and how well it matched."""

    index: int
    label: str
    quality: int  # EXACT or PREFIX
    priority: int  # index of the synonym in its list (lower is preferred)


@dataclass
class HeaderMatch:
    """Where a table's header is: 0-based first row, 1 or 2 rows high, and the field of each column."""

    row: int
    height: int
    columns: dict[str, Column]
    candidates: dict[str, list[Column]] = field(default_factory=dict)  # every column per field, by index

    @property
    def data_start(self) -> int:
        return self.row + self.height

    def score(self, required: Sequence[Sequence[str]]) -> tuple[int, int, int]:
        found = sum(any(f in self.columns for f in group) for group in required)
        return (found, len(self.columns), sum(c.quality for c in self.columns.values()))


def match_label(norm: str, table: list[tuple[str, str, int]]) -> tuple[str, int, int, int] | None:
    """(field, quality, synonym length, priority) of the best synonym for a normalized label."""
    best = None
    for synonym, name, priority in table:
        if norm == synonym:
            key = (name, EXACT, len(synonym), -priority)
        elif norm.startswith(synonym + " "):
            key = (name, PREFIX, len(synonym), -priority)
        else:
            continue
        if best is None or key[1:] > best[1:]:
            best = key
    if best is None:
        return None
    return best[0], best[1], best[2], -best[3]


def merged_fill(sheet: Sheet, rows: range | None = None) -> dict[tuple[int, int], object]:
    """Value of the top-left cell for every other cell of a merged range (clipped to the sheet's data).

    With `rows`, only ranges whose top-left cell is in those rows are filled, and only within them.
    """
    filled: dict[tuple[int, int], object] = {}
    height = len(sheet.rows)
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= height or c0 >= len(sheet.rows[r0]) or (rows is not None and r0 not in rows):
            continue
        value = sheet.rows[r0][c0]
        if value == "" or value is None:
            continue
        last = min(r1, height - 1) if rows is None else min(r1, height - 1, rows.stop - 1)
        for r in range(r0, last + 1):
            width = len(sheet.rows[r])
            for c in range(c0, min(c1, width - 1) + 1):
                if (r, c) != (r0, c0):
                    filled[(r, c)] = value
            if len(filled) > MAX_FILLED_CELLS:
                return filled
    return filled


def header_grid(sheet: Sheet, stop: int) -> list[list[str]]:
    """The first `stop` rows as text with merged ranges filled in every direction."""
    fill = merged_fill(sheet, range(0, stop))
    grid = []
    for r, row in enumerate(sheet.rows[:stop]):
        grid.append([cell_text(fill.get((r, c), v)) for c, v in enumerate(row)])
    return grid


def _row_candidates(top: list[str], bottom: list[str] | None) -> list[list[tuple[str, str]]]:
    """Per column, the (display, normalized) readings of a one- or two-row header."""
    width = max(len(top), len(bottom or []))
    result = []
    for c in range(width):
        upper = top[c] if c < len(top) else ""
        lower = bottom[c] if bottom and c < len(bottom) else ""
        if not lower or lower == upper:
            texts = [upper]
        elif not upper:
            texts = [lower]
        else:
            texts = [lower, f"{upper} {lower}", f"{lower} {upper}"]
        shown = f"{upper} / {lower}" if upper and lower and lower != upper else (upper or lower)
        result.append([(shown, normalize_header(t)) for t in texts])
    return result


def match_columns(
    candidates: list[list[tuple[str, str]]],
    table: list[tuple[str, str, int]],
    every: dict[str, list[Column]] | None = None,
) -> dict[str, Column]:
    """Assign fields to columns: each column its best field, each field its best column (all the
    columns of each field go into `every` when given)."""
    best_by_field: dict[str, tuple[tuple[int, int, int], Column]] = {}
    for c, readings in enumerate(candidates):
        choice = None
        for shown, norm in readings:
            if not norm:
                continue
            hit = match_label(norm, table)
            if hit and (choice is None or (hit[1], hit[2]) > (choice[1], choice[2])):
                choice = (*hit, shown)
        if choice is None:
            continue
        name, quality, _, priority, shown = choice
        rank = (quality, -priority, -c)
        column = Column(c, shown, quality, priority)
        if every is not None:
            every.setdefault(name, []).append(column)
        if name not in best_by_field or rank > best_by_field[name][0]:
            best_by_field[name] = (rank, column)
    return {name: col for name, (_, col) in sorted(best_by_field.items(), key=lambda kv: kv[1][1].index)}


def _all_text(row: list[object]) -> bool:
    return all(isinstance(v, str) for v in row if v != "" and v is not None)


TEMPLATE_REQUIRED: tuple[tuple[str, ...], ...] = (("app_name", "description"), ("amount",))


def find_header(
    sheet: Sheet,
    synonyms: Mapping[str, Sequence[str]] | None = None,
    required: Sequence[Sequence[str]] = TEMPLATE_REQUIRED,
    max_scan: int = MAX_SCAN_ROWS,
) -> tuple[HeaderMatch | None, HeaderMatch | None]:
    """(header, closest): the header row(s) having every required field (or None) and the best attempt."""
    table = _TEMPLATE if synonyms is None else _compile(synonyms)
    stop = min(len(sheet.rows), max_scan + 1)
    grid = header_grid(sheet, stop)
    best: HeaderMatch | None = None
    best_key: tuple = ()
    for r in range(min(len(grid), max_scan)):
        if not any(grid[r]):
            continue
        options = [(1, _row_candidates(grid[r], None))]
        if r + 1 < len(grid) and any(grid[r + 1]) and _all_text(sheet.rows[r + 1]):
            options.append((2, _row_candidates(grid[r], grid[r + 1])))
        for height, candidates in options:
            every: dict[str, list[Column]] = {}
            columns = match_columns(candidates, table, every)
            if not columns:
                continue
            match = HeaderMatch(r, height, columns, every)
            key = (*match.score(required), -height, -r)
            if best is None or key > best_key:
                best, best_key = match, key
    if best is not None and best.height == 1 and _is_unit_row(sheet, grid, best.row + 1):
        best.height = 2
        _add_years(best, sheet.rows[best.row + 1])
    if best is not None and best.score(required)[0] == len(required):
        return best, best
    return None, best


_UNIT_WORDS = {"", "rp", "rupiah", "idr"}
_YEAR_LABEL = re.compile(r"^(?:(?:ta|tahun|thn)\.?\s*)?(20\d\d)$", re.IGNORECASE)


def header_year(value: object) -> int | None:
    """A year under a header label: 2027, "2027", "TA 2027", "Tahun 2027"; else None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if value == int(value) and 2000 <= value <= 2099 else None
    match = _YEAR_LABEL.match(cell_text(value)) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def _is_unit_row(sheet: Sheet, grid: list[list[str]], r: int) -> bool:
    """A second header row holding only units ("(Rp)"), years ("2026" | "2027") and the rest of
    vertically merged labels."""
    if r >= len(grid) or is_blank_row(sheet.rows[r]) or is_numbering_row(sheet.rows[r]):
        return False
    above = grid[r - 1]
    for c, value in enumerate(sheet.rows[r]):
        if value == "" or value is None:
            continue
        if header_year(value) is not None and c < len(above) and above[c]:
            continue
        if not isinstance(value, str):
            return False
        is_unit = normalize_header(value) in _UNIT_WORDS and re.search("[A-Za-z]", value)
        if not is_unit and (c >= len(above) or grid[r][c] != above[c]):
            return False
    return True


def _add_years(match: HeaderMatch, below: list[object]) -> None:
    """Join the years of a second header row to the labels above them ("Anggaran / 2027")."""

    def with_year(col: Column) -> Column:
        year = header_year(below[col.index]) if col.index < len(below) else None
        return replace(col, label=f"{col.label} / {year}") if year is not None else col

    match.columns = {name: with_year(col) for name, col in match.columns.items()}
    match.candidates = {name: [with_year(col) for col in cols] for name, cols in match.candidates.items()}


def missing_fields_message(
    closest: HeaderMatch | None,
    synonyms: Mapping[str, Sequence[str]] = SYNONYMS,
    required: Sequence[Sequence[str]] = TEMPLATE_REQUIRED,
) -> str:
    """Which required columns were not found, which header names were looked for, and the closest row."""
    found = closest.columns if closest else {}
    parts = []
    for group in required:
        if any(f in found for f in group):
            continue
        names = " or ".join(FIELD_NAMES.get(f, f) for f in group)
        looked = ", ".join(f'"{s}"' for f in group for s in synonyms[f])
        parts.append(f"{names} (looked for {looked})")
    message = "no header row with the required columns: missing " + "; ".join(parts)
    if closest:
        seen = ", ".join(f'"{c.label}"' for c in closest.columns.values())
        message += f"; closest was row {closest.row + 1} with {seen}"
    return message


# Row labels that mark a row as not an item.
_TOTAL = re.compile(
    r"^(?:(?P<sub>sub ?total|sub jumlah|jumlah sub)|jumlah|total|grand total|jumlah total"
    r"|total keseluruhan|jumlah keseluruhan|jumlah seluruhnya)(?: |$)"
)
_NOTE = re.compile(
    r"^(?:mengetahui|menyetujui|disetujui|kepala|sekretaris|plt|plh|pj|a n|an|nip|ditetapkan|dibuat|catatan"
    r"|keterangan|ttd|tanda tangan|pembina|penata|pengguna anggaran|kuasa pengguna|pejabat|tim anggaran"
    r"|direktur|bupati|wali kota|walikota|gubernur|camat|lurah|inspektur|bendahara|ketua|sekda|kabag|kasubag"
    r"|[a-z ]+ \d{1,2} (?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november"
    r"|desember) \d{4})(?: |$)"
)
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


def total_label(text: str) -> str | None:
    """ "subtotal row" or "total row" when a row label reads like one ("Jumlah", "Sub Total", "JUMLAH TOTAL")."""
    match = _TOTAL.match(normalize_header(text))
    if match is None:
        return None
    return "subtotal row" if match.group("sub") else "total row"


def note_label(text: str) -> bool:
    """Signature blocks and notes below a table ("Mengetahui,", "NIP. 1978...", "Surabaya, 5 Januari 2026",
    a "( ............ )" name placeholder)."""
    if not re.search(r"[0-9A-Za-z]", text):
        return bool(text.strip())
    return bool(_NOTE.match(normalize_header(text)))


def is_blank_row(row: list[object]) -> bool:
    """No cell with visible content (empty strings, None and whitespace do not count)."""
    for value in row:
        if value == "" or value is None:
            continue
        if type(value) is str and not value.strip():
            continue
        return False
    return True


def is_numbering_row(row: list[object]) -> bool:
    """A row of column numbers under a header: "1 | 2 | 3 | 4" or "(1) | (2) | (3)", increasing."""
    numbers = []
    for value in row:
        text = cell_text(value)
        if not text:
            continue
        if not _NUMBERING.match(text):
            return False
        numbers.append(int(text.strip("()")))
    return len(numbers) >= 3 and all(b > a for a, b in pairwise(numbers))
