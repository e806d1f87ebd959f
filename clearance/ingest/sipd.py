"""Layout B: SIPD-style RKA/DPA exports (and their Perubahan variant) -> ParsedLines and RowIssues.

A sheet holds one or more sub-kegiatan. Each starts with a header block ("Sub Kegiatan : 2.16.03.2.02.0025
- ...", "Organisasi : ...", "Unit : ...") followed by the detail table `Kode Rekening | Uraian |
Koefisien | Satuan | Harga | PPN | Jumlah`. Component lines (Koefisien/Satuan/Harga) are the items;
account rows, `[#]` group rows and `[-]` description rows are subtotals, skipped with that reason and
checked against the items under them (a mismatch is a warning; no row is dropped). In the Perubahan
variant the `Setelah Perubahan` columns are read. A "Jumlah ..." or "Total ..." label is a total row
unless the row has Koefisien and Harga (then it is a component named so). Rejected rows carry the column
in `RowIssue.column`; the reason does not repeat it. Blank rows are counted, not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from clearance.ingest.amounts import MAX_AMOUNT, AmountError, parse_rupiah, too_large
from clearance.ingest.headers import (
    header_grid,
    is_blank_row,
    is_numbering_row,
    normalize_header,
    note_label,
    total_label,
)
from clearance.ingest.model import ParsedLine, RowIssue
from clearance.ingest.read import Sheet, cell_text, column_letter
from clearance.ingest.spend_type import infer_spend_type

__all__ = [
    "ICT_ACCOUNTS",
    "SPBE_PROGRAM",
    "app_name_from_text",
    "find_detail_header",
    "normalize_account",
    "normalize_sub_activity",
    "parse_sipd_sheet",
    "spbe_basis",
    "sub_activity_from_text",
]

# --- codes -----------------------------------------------------------------------------------------

SUB_ACTIVITY_WIDTHS = (1, 2, 2, 1, 2, 4)  # U.BB.PP.K.KK.SSSS
ACCOUNT_WIDTHS = (1, 1, 2, 2, 2, 4)  # akun: 5.1.02.02.01.0063
_CODE = re.compile(r"^[0-9Xx]+(?:\.[0-9Xx]+)+$|^[4-6]$")
_CODE_IN_TEXT = re.compile(r"^\s*([0-9Xx]+(?:\s*\.\s*[0-9Xx]+)+)\s*(?:[-–:]\s*)?(.*)$")


def _pad(segments: list[str], widths: tuple[int, ...]) -> str:
    out = []
    for seg, width in zip(segments, widths, strict=False):
        out.append(str(int(seg)).zfill(width) if seg.isdigit() else seg.upper())
    return ".".join(out)


@lru_cache(maxsize=4096)
def normalize_sub_activity(code: str) -> str:
    """'2.16.3.02.2.25' -> '2.16.03.2.02.0025' (U.BB.PP.K.KK.SSSS); shorter codes are padded as far as given."""
    return _pad(code.replace(" ", "").split(".")[:6], SUB_ACTIVITY_WIDTHS)


@lru_cache(maxsize=4096)
def normalize_account(code: str) -> str:
    """'5.1.02.04.001.00004' -> '5.1.02.04.01.0004' (SIPD prints some akun segments 3 or 5 digits wide)."""
    return _pad(code.replace(" ", "").split(".")[:6], ACCOUNT_WIDTHS)


def split_code(code: str) -> tuple[str | None, str | None]:
    """(sub-kegiatan, akun) from a Kode Rekening cell; full codes join both (>6 segments)."""
    segments = code.replace(" ", "").split(".")
    if len(segments) > 6:
        return normalize_sub_activity(".".join(segments[:6])), normalize_account(".".join(segments[6:]))
    if segments[0] in {"4", "5", "6"}:
        return None, normalize_account(code)
    if len(segments) == 6:
        return normalize_sub_activity(code), None
    return None, None


# --- SPBE classification (rules as data) ----------------------------------------------------------

SPBE_PROGRAM = ("2.16.03", "Program Pengelolaan Aplikasi Informatika")
ICT_ACCOUNTS: tuple[tuple[str, str], ...] = (
    ("5.2.05.08", "software and other intangible assets"),
    ("5.2.02.10", "computers and network equipment"),
    ("5.1.02.02.01.0063", "internet/intra-network subscription"),
)
SPBE_WORDS = re.compile(
    r"\b(aplikasi(?! (?:pupuk|pestisida|herbisida|insektisida|hayati))|sistem informasi|sistem aplikasi"
    r"|sistem elektronik|software|perangkat lunak|website|web|situs (?:web|resmi|internet)|portal"
    r"|lisensi|licen[cs]e|server|hosting|cloud|domain|bandwidth|internet|intranet|pusat data|data center"
    r"|jaringan (?:internet|komputer|intra|lan|wan|data|fiber|telekomunikasi|komunikasi data))\b",
    re.IGNORECASE,
)


def spbe_basis(sub_activity: str | None, account: str | None, texts: list[str]) -> str | None:
    """Why a SIPD line is SPBE spending: (a) sub-kegiatan under 2.16.03, (b) ICT akun, (c) text; else None."""
    reasons = []
    if sub_activity and (sub_activity + ".").startswith(SPBE_PROGRAM[0] + "."):
        reasons.append(f"sub-kegiatan {sub_activity} is under {SPBE_PROGRAM[0]} ({SPBE_PROGRAM[1]})")
    for prefix, what in ICT_ACCOUNTS:
        if account and (account + ".").startswith(prefix + "."):
            reasons.append(f"akun {account} is ICT spending ({prefix}: {what})")
    for text in texts:
        if match := SPBE_WORDS.search(text):
            reasons.append(f'text names "{match.group(1).lower()}"')
            break
    return "; ".join(reasons) or None


# --- application names -----------------------------------------------------------------------------

_APP_HEAD = re.compile(
    r"\b(?:aplikasi|sistem informasi|sistem|website|situs web|portal|dashboard|dasbor|e-[a-z]\w+"
    r"|(?-i:SI[A-Z]{2,})\b)",  # an upper-case SI- acronym (SIMPEG, SIMRS), not "siswa"
    re.IGNORECASE,
)
_INTEGRATION_BEFORE = re.compile(
    r"\b(?:integrasi|interkoneksi|interoperabilitas|sinkronisasi|bridging)(?:\s+\S+){0,2}\s*$", re.IGNORECASE
)
_APP_TAIL = re.compile(r"\s+(?:pada|di lingkungan|tahun anggaran|ta\.?|tahun)\s+.*$", re.IGNORECASE)
_BARE_HEADS = {
    "aplikasi",
    "sistem",
    "sistem informasi",
    "website",
    "situs web",
    "portal",
    "dashboard",
    "dasbor",
}


def app_name_from_text(text: str) -> str | None:
    """The application named inside a text, or None.

    "Belanja Modal Software Berupa Perancangan dan Pembangunan Sistem Pengawasan Armada (GPS Tracking)"
    -> "Sistem Pengawasan Armada (GPS Tracking)"; "Pemeliharaan Aplikasi SIMPEG pada BKPSDM" -> "Aplikasi
    SIMPEG"; an integration action just before the app stays ("Jasa Integrasi e-Office dengan SRIKANDI" ->
    "Integrasi e-Office dengan SRIKANDI"). A bare "Aplikasi" names nothing.
    """
    text = cell_text(text)
    match = _APP_HEAD.search(text)
    if match is None:
        return None
    start = match.start()
    if action := _INTEGRATION_BEFORE.search(text[:start]):
        start = action.start()  # "Jasa Integrasi e-Office dengan SRIKANDI": the action is part of it
    name = _APP_TAIL.sub("", text[start:]).strip(" ,;:.-")
    if name.lower() in _BARE_HEADS:
        return None
    return name


# --- detail table ----------------------------------------------------------------------------------

DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    "kode": ("kode rekening", "kode akun"),
    "uraian": ("uraian", "uraian rekening", "nama rekening"),
    "koefisien": ("koefisien", "volume", "vol", "koef"),
    "satuan": ("satuan",),
    "harga": ("harga", "harga satuan", "tarif"),
    "ppn": ("ppn", "pajak"),
    "jumlah": ("jumlah", "total", "nilai", "jumlah harga"),
}
_FIELD_OF = {syn: name for name, syns in DETAIL_FIELDS.items() for syn in syns}
_SUB_LABELS = set(_FIELD_OF) | {"rincian perhitungan", "sebelum perubahan", "setelah perubahan"}
_GROUPS = (("setelah", "after"), ("sebelum", "before"), ("bertambah", "diff"), ("berkurang", "diff"))


@dataclass
class DetailHeader:
    """Columns of a detail table (0-based), the rows its header spans, and whether it is a Perubahan."""

    row: int
    height: int
    columns: dict[str, int]
    labels: dict[str, str]  # field -> header text, for messages
    perubahan: bool = False
    before: dict[str, int] = field(default_factory=dict)  # Sebelum Perubahan columns


def _looks_like_detail_header(row: list[object]) -> bool:
    norms = {normalize_header(v) for v in row if type(v) is str and 0 < len(v) < 60}
    return "uraian" in norms and "kode rekening" in norms


def _column_groups(grid: list[list[str]], width: int) -> list[str]:
    """Per column: "after", "before", "diff" or "" from the group labels above the sub-labels."""
    groups = [""] * width
    for row in grid[:-1]:
        current = ""
        for c in range(width):
            text = normalize_header(row[c]) if c < len(row) else ""
            current = text or current
            words = current.split()
            for word, group in _GROUPS:
                if word in words and not groups[c]:
                    groups[c] = group
    return groups


def find_detail_header(sheet: Sheet, r: int) -> DetailHeader | None:
    """The detail-table header starting at row `r` (with up to 3 rows of sub-labels), or None."""
    if not _looks_like_detail_header(sheet.rows[r]):
        return None
    stop = min(len(sheet.rows), r + 4)
    grid = header_grid(sheet, stop)[r:stop]
    height = 1
    for extra in grid[1:]:
        if {normalize_header(t) for t in extra if t} & _SUB_LABELS:
            height += 1
        else:
            break
    grid = grid[:height]
    width = max(len(row) for row in grid)
    groups = _column_groups(grid, width) if height > 1 else [""] * width
    found: dict[str, dict[str, int]] = {"after": {}, "before": {}, "": {}}
    labels: dict[tuple[str, str], str] = {}
    for c in range(width):
        if groups[c] == "diff":
            continue
        for row in reversed(grid):
            name = _FIELD_OF.get(normalize_header(row[c]) if c < len(row) else "")
            if name:
                found[groups[c]].setdefault(name, c)
                labels.setdefault((groups[c], name), row[c])
                break
    perubahan = bool(found["after"])
    read = "after" if perubahan else "before"  # without Setelah columns, a lone Sebelum group is read
    columns = {**found[read], **found[""]}
    if "uraian" not in columns or "jumlah" not in columns:
        return None
    shown = {}
    for name, c in columns.items():
        group = "" if found[""].get(name) == c else read
        shown[name] = ("Setelah Perubahan / " if group == "after" else "") + labels[(group, name)]
    return DetailHeader(r, height, columns, shown, perubahan, found["before"] if perubahan else {})


def sipd_header_row(sheet: Sheet, max_scan: int = 400) -> int | None:
    """0-based row of the first SIPD detail-table header in the sheet, or None (not layout B)."""
    for r in range(min(len(sheet.rows), max_scan)):
        if find_detail_header(sheet, r):
            return r
    return None


# --- amounts of a component line -------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _decimal(token: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return Decimal(token.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token) and "." not in token:
        return Decimal(token.replace(",", ""))
    return Decimal(token.replace(".", "").replace(",", ".") if "," in token else token)


def parse_coefficient(value: object) -> Decimal | None:
    """'2 Orang x 12 Bulan' -> 24; '0,5 Tahun' -> 0.5; 12.0 -> 12; None when there is no number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(repr(value))
    numbers = _NUMBER.findall(cell_text(value))
    if not numbers:
        return None
    product = Decimal(1)
    for token in numbers:
        product *= _decimal(token)
    return product


def _ppn(value: object, base: Decimal) -> Decimal:
    """PPN as a percentage ("11%", 11) or, when over 100, as an amount."""
    text = cell_text(value)
    if not text:
        return Decimal(0)
    if isinstance(value, int | float) and 0 < value < 1:
        return base * Decimal(repr(value))  # 11% formatted as a percentage reads 0.11
    if text.endswith("%") or (isinstance(value, int | float) and 0 <= value <= 100):
        rate = _decimal(text.rstrip("% ")) if text.rstrip("% ") else Decimal(0)
        return base * rate / 100
    return Decimal(parse_rupiah(value))


# --- the sheet parser ------------------------------------------------------------------------------


@dataclass
class _Open:
    """An account/[#]/[-] row whose items are being added up."""

    level: int
    row: int
    label: str
    expected: int | None
    account: str | None = None
    total: int = 0


@dataclass
class _State:
    sub_activity: str | None = None
    organisasi: str | None = None
    unit: str | None = None
    region: str | None = None
    account: str | None = None
    group: str | None = None
    detail: str | None = None
    block_total: int = 0
    stack: list[_Open] = field(default_factory=list)


_BLOCK_KEYS = {
    "sub kegiatan": "sub_activity",
    "organisasi": "organisasi",
    "unit": "unit",
    "unit organisasi": "unit",
    "sub unit organisasi": "unit",
}
# Header-block labels that end the detail table above them (the next sub-kegiatan starts).
_BLOCK_START = re.compile(r"^(?:urusan|bidang urusan|program|kegiatan|sub kegiatan|organisasi|unit)\b")
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 /().-]{1,40}?)\s*:\s*(.*)$")
_REGION = re.compile(r"^pemerintah\s+((?:provinsi|kabupaten|kab\.?|kota)\s+.+?)(?:\s+tahun\b.*)?$", re.I)


class SipdParser:
    """Walks one sheet top to bottom; every non-blank row becomes a line or an issue, in order."""

    def __init__(self, sheet: Sheet, file: str, max_cell_chars: int) -> None:
        self.sheet = sheet
        self.file = file
        self.max_cell_chars = max_cell_chars
        self.lines: list[ParsedLine] = []
        self.issues: list[RowIssue] = []
        self._warnings: list[tuple[int, int, str]] = []
        self.blank_rows = 0
        self.state = _State()
        self.header: DetailHeader | None = None

    # --- bookkeeping
    def skip(self, r: int, reason: str) -> None:
        self.issues.append(
            RowIssue(self.sheet.name, r + 1, "skipped", reason, raw=raw_cells(self.sheet.rows[r]))
        )

    def reject(self, r: int, reason: str, column: str | None = None) -> None:
        self.issues.append(
            RowIssue(self.sheet.name, r + 1, "rejected", reason, column, raw_cells(self.sheet.rows[r]))
        )

    def warn(self, r: int, message: str) -> None:
        self._warnings.append((r, len(self._warnings), message))

    @property
    def warnings(self) -> list[str]:
        """Warnings in row order (a subtotal is checked when its block ends, after later rows)."""
        where = f'{self.file}, sheet "{self.sheet.name}"'
        return [f"{where}, row {r + 1}: {message}" for r, _, message in sorted(self._warnings)]

    def cell(self, r: int, name: str, columns: dict[str, int] | None = None) -> object:
        columns = self.header.columns if columns is None else columns
        c = columns.get(name)
        row = self.sheet.rows[r]
        return row[c] if c is not None and c < len(row) else ""

    def label(self, name: str) -> str:
        return self.header.labels.get(name, name.title()) if self.header else name.title()

    def column_label(self, c: int) -> str:
        if self.header:
            for name, index in self.header.columns.items():
                if index == c:
                    return self.header.labels[name]
        return column_letter(c)

    # --- subtotals
    def open(self, r: int, level: int, label: str, account: str | None = None) -> None:
        self.state.stack.append(_Open(level, r, label, self.amount_or_none(r), account))

    def close(self, level: int) -> None:
        """Check and close the open subtotals at `level` or deeper ([#] is 100, [-] 101)."""
        while self.state.stack and self.state.stack[-1].level >= level:
            self._check(self.state.stack.pop())

    def close_to_ancestor(self, account: str) -> None:
        """Close everything that is not an account above `account` (5.1 stays open for 5.1.02)."""
        stack = self.state.stack
        while stack and not (stack[-1].account and account.startswith(stack[-1].account + ".")):
            self._check(stack.pop())

    def _check(self, done: _Open) -> None:
        if done.expected is not None and done.expected != done.total:
            self.warn(
                done.row,
                f"{done.label} shows {rupiah(done.expected)} but its items add up to {rupiah(done.total)}",
            )

    def end_block(self) -> None:
        self.close(0)
        self.state.block_total = 0

    def amount_or_none(self, r: int) -> int | None:
        value = self.cell(r, "jumlah")
        try:
            return parse_rupiah(value) if cell_text(value) else None
        except AmountError:
            return None

    # --- rows
    def run(self) -> None:
        for r, row in enumerate(self.sheet.rows):
            if is_blank_row(row):
                self.blank_rows += 1
                continue
            if r in self.sheet.long_cells:
                label = self.column_label(self.sheet.long_cells[r][0])
                self.reject(r, self.sheet.long_cell_reason(r, self.max_cell_chars), label)
            elif self.header and r < self.header.row + self.header.height:
                self.skip(r, "header")
            elif header := find_detail_header(self.sheet, r):
                if self.header and header.columns != self.header.columns:
                    self.end_block()
                self.header = header
                self.skip(r, "header")
            else:
                text = " ".join(t for t in map(cell_text, row) if t)
                label = _LABEL.match(text)
                if self.header and label and _BLOCK_START.match(normalize_header(label.group(1))):
                    self.end_block()
                    self.header = None
                if self.header is None:
                    self.outside_row(r, text, label)
                else:
                    self.detail_row(r, text)
        self.end_block()

    def outside_row(self, r: int, text: str, label: re.Match[str] | None) -> None:
        """A title or header-block line ("Sub Kegiatan : ..."): skipped, but it sets the context."""
        if region := _REGION.match(text):
            self.state.region = region.group(1).strip()
        key = _BLOCK_KEYS.get(normalize_header(label.group(1))) if label else None
        if key:
            value = label.group(2).strip()
            code, name = _split_code_name(value)
            if key == "sub_activity":
                self.end_block()
                self.state.sub_activity = normalize_sub_activity(code) if code else None
                self.state.account = self.state.group = self.state.detail = None
            elif key == "organisasi":
                self.state.organisasi, self.state.unit = name or value, None
            else:
                self.state.unit = name or value
        self.skip(r, "title/heading")

    def detail_row(self, r: int, text: str) -> None:
        code = cell_text(self.cell(r, "kode"))
        uraian = cell_text(self.cell(r, "uraian"))
        if code and _CODE.match(code):
            self.code_row(r, code, uraian)
        elif uraian.startswith("[#]"):
            self.close(100)
            self.state.group, self.state.detail = uraian[3:].strip() or None, None
            self.open(r, 100, f"group row [#] {uraian[3:].strip()}".strip())
            self.skip(r, "group row [#]")
        elif uraian.startswith("[-]"):
            self.close(101)
            self.state.detail = uraian[3:].strip() or None
            self.open(r, 101, f"description row [-] {uraian[3:].strip()}".strip())
            self.skip(r, "description row [-]")
        elif (kind := total_label(code or uraian or text)) and not self.is_component(r):
            self.check_total(r, kind)
        elif is_numbering_row(self.sheet.rows[r]):
            self.skip(r, "column numbers")
        elif note_label(text):
            self.skip(r, "note/signature")
        else:
            self.item_row(r, uraian)

    def code_row(self, r: int, code: str, uraian: str) -> None:
        sub_activity, account = split_code(code)
        if account is None and sub_activity:
            self.end_block()
            self.state.sub_activity = sub_activity
            self.skip(r, "sub-kegiatan row")
            return
        if account is None:
            self.skip(r, "title/heading")
            return
        if sub_activity and sub_activity != self.state.sub_activity:
            self.end_block()
            self.state.sub_activity = sub_activity
        self.close_to_ancestor(account)
        self.state.account, self.state.group, self.state.detail = account, None, None
        self.open(r, account.count(".") + 1, f"account {account}", account)
        self.skip(r, f"account row {account} (subtotal)")

    def is_component(self, r: int) -> bool:
        """A line with Koefisien and Harga: an item even when its Uraian starts with "Jumlah"/"Total"."""
        return bool(cell_text(self.cell(r, "koefisien")) and cell_text(self.cell(r, "harga")))

    def check_total(self, r: int, kind: str) -> None:
        expected = self.amount_or_none(r)
        if kind == "total row" and expected is not None and expected != self.state.block_total:
            self.warn(
                r,
                f"total shows {rupiah(expected)} but the items of the sub-kegiatan add up to "
                f"{rupiah(self.state.block_total)}",
            )
        self.skip(r, kind)

    def item_row(self, r: int, uraian: str) -> None:
        header = self.header
        values = {name: self.cell(r, name) for name in ("koefisien", "satuan", "harga", "ppn", "jumlah")}
        if not any(cell_text(v) for v in values.values()):
            if header.perubahan and any(cell_text(self.cell(r, n, header.before)) for n in header.before):
                self.skip(r, "removed in the Perubahan (no Setelah Perubahan values)")
            else:
                self.skip(r, "text-only row (no Koefisien, Harga or Jumlah)")
            return
        if not uraian and not any(_NUMBER.search(cell_text(v)) for v in values.values()):
            self.skip(r, "note/signature")  # text outside the Uraian column, no numbers: not an item
            return
        amount, problem = self.item_amount(r, values)
        if problem:
            self.reject(r, *problem)
        elif amount == 0 and header.perubahan:
            self.skip(r, "removed in the Perubahan (Setelah Perubahan is 0)")
        elif amount == 0:
            self.reject(r, "amount is 0", self.label("jumlah"))
        elif not uraian:
            self.reject(r, "missing Uraian (no item name)", self.label("uraian"))
        else:
            self.add_line(r, uraian, amount)

    def item_amount(self, r: int, values: dict[str, object]) -> tuple[int, tuple[str, str] | None]:
        """Jumlah (or Koefisien x Harga + PPN when Jumlah is empty); warns when the two disagree."""
        jumlah = computed = None
        if cell_text(values["jumlah"]):
            try:
                jumlah = parse_rupiah(values["jumlah"])
            except AmountError as exc:
                return 0, (str(exc), self.label("jumlah"))
        coefficient = parse_coefficient(values["koefisien"])
        if coefficient is not None and cell_text(values["harga"]):
            try:
                base = coefficient * parse_rupiah(values["harga"])
                computed = int((base + _ppn(values["ppn"], base)).quantize(Decimal(1), ROUND_HALF_UP))
            except AmountError as exc:
                if jumlah is None:
                    return 0, (str(exc), self.label("harga"))
            except ArithmeticError:  # beyond Decimal's precision: far over MAX_AMOUNT
                if jumlah is None:
                    return 0, (too_large("Koefisien x Harga (+PPN)"), self.label("harga"))
            if jumlah is None and computed is not None and computed > MAX_AMOUNT:
                return 0, (too_large(f"Koefisien x Harga (+PPN) = {rupiah(computed)}"), self.label("harga"))
        if jumlah is None and computed is None:
            return 0, ("missing amount (and no Koefisien x Harga to compute it)", self.label("jumlah"))
        if jumlah is not None and computed is not None and abs(jumlah - computed) > 1:
            self.warn(
                r,
                f"Jumlah {rupiah(jumlah)} differs from Koefisien x Harga (+PPN) = {rupiah(computed)}; "
                "the Jumlah was kept",
            )
        return (jumlah if jumlah is not None else computed), None

    def add_line(self, r: int, uraian: str, amount: int) -> None:
        state = self.state
        for entry in state.stack:
            entry.total += amount
        state.block_total += amount
        context = [t for t in (state.detail, state.group) if t]
        names = (name for name in map(app_name_from_text, [uraian, *context]) if name)
        basis = spbe_basis(state.sub_activity, state.account, [uraian, *context])
        self.lines.append(
            ParsedLine(
                sheet=self.sheet.name,
                row=r + 1,
                app_name=next(names, uraian),
                amount=amount,
                opd=state.unit or state.organisasi,
                description=" / ".join([*reversed(context), uraian]),
                spend_type=infer_spend_type(" ".join([uraian, *context]), state.account),
                sub_activity=state.sub_activity,
                account_code=state.account,
                region=state.region,
                is_spbe=basis is not None,
                spbe_basis=basis,
            )
        )


def raw_cells(row: list[object]) -> list[str]:
    """A row as text for a RowIssue, without trailing empty cells."""
    values = [cell_text(v) for v in row]
    while values and not values[-1]:
        values.pop()
    return values


def _split_code_name(value: str) -> tuple[str | None, str]:
    match = _CODE_IN_TEXT.match(value)
    if match and "." in match.group(1):
        return match.group(1).replace(" ", ""), match.group(2).strip()
    return None, value.strip()


def sub_activity_from_text(text: str) -> str | None:
    """A Sub Kegiatan cell: its normalized code when it starts with one ("2.16.3.2.2.25 - ..."), else the text."""
    return _sub_activity_short(text) if len(text) <= 200 else _sub_activity(text)


def _sub_activity(text: str) -> str | None:
    code, name = _split_code_name(text)
    return normalize_sub_activity(code) if code else (name or None)


_sub_activity_short = lru_cache(maxsize=4096)(_sub_activity)


def rupiah(amount: int) -> str:
    """1250000 -> 'Rp 1.250.000'."""
    return "Rp " + f"{amount:,}".replace(",", ".")


def parse_sipd_sheet(
    sheet: Sheet, file: str, max_cell_chars: int
) -> tuple[list[ParsedLine], list[RowIssue], list[str], int]:
    """Lines, issues, warnings (subtotal mismatches) and the number of blank rows of one SIPD sheet."""
    parser = SipdParser(sheet, file, max_cell_chars)
    parser.run()
    return parser.lines, parser.issues, parser.warnings, parser.blank_rows
