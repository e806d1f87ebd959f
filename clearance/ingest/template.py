"""Layout A: the SPBE proposal template (one row per proposed item) -> ParsedLines and RowIssues.

Rows above the header are skipped as "title/heading", the header row(s) as "header". Below it every
non-blank row is an item, or a skipped total/subtotal, heading, repeated header, column-number,
signature or number-only row, or is rejected with the column (`RowIssue.column`) and the reason (which
does not repeat that column). Blank rows are counted, not listed. Merged cells in the text columns (an
OPD merged over its items) are filled down; a merged amount is not (a pagu counts once).

Totals: a row whose label reads "Jumlah", "Total", "Sub Total ..." is a total when the label stands
outside the app-name and description columns (the No or OPD column), or when the row has no other item
text (app name and description are the label or empty, as in "Total Anggaran" merged across). An app
named "Total Station GIS" with its description is an item.

Several amount columns (one per year: "Anggaran 2026", "Anggaran 2027"): the one naming the cycle year
is read; with none naming it, a single column that names no year is read; otherwise the sheet is refused
(IngestError listing the columns) rather than guessed.

Spend type: the spend-type cell, or, when it is empty or not a known value ("Lanjutan"), the
description or the app name; unknown values are listed in one warning per sheet. A licence or "other"
cell whose app name names infrastructure ("Sewa" for "Hosting Website Dinas") is infrastructure, as
infrastructure words win over licence words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from clearance.ingest.amounts import MAX_AMOUNT, AmountError, parse_rupiah
from clearance.ingest.headers import (
    FIELD_NAMES,
    PREFIX,
    Column,
    HeaderMatch,
    header_grid,
    is_blank_row,
    is_numbering_row,
    merged_fill,
    normalize_header,
    note_label,
    total_label,
)
from clearance.ingest.model import IngestError, ParsedLine, RowIssue
from clearance.ingest.read import Sheet, cell_text, column_letter
from clearance.ingest.sipd import app_name_from_text, raw_cells, sub_activity_from_text
from clearance.ingest.spend_type import known_spend_type

__all__ = ["parse_template_sheet"]

TEXT_FIELDS = ("opd", "app_name", "description", "spend_type", "sub_activity", "region")
_TOTAL_START = frozenset({"sub", "jum", "tot", "gra"})
RENTAL_KINDS = frozenset({"license", "other"})
_ABSENT = 1 << 30  # column index of a field the header does not have
_ENUMERATOR = re.compile(r"^(?:[IVXL]+|[A-Z]|\d{1,2})[.)]\s+\S")
_ROW_NUMBER = re.compile(r"^\(?\d{1,5}[.)]?$")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
UNCALCULATED = (
    "missing amount: the cell holds a formula without a calculated value "
    "(open the file in Excel, let it calculate and save it again)"
)


class TemplateParser:
    """Reads the rows of one sheet below (and above) a found header."""

    def __init__(self, sheet: Sheet, header: HeaderMatch, file: str, max_cell_chars: int) -> None:
        self.sheet = sheet
        self.header = header
        self.file = file
        self.max_cell_chars = max_cell_chars
        self.lines: list[ParsedLine] = []
        self.issues: list[RowIssue] = []
        self.blank_rows = 0
        self.unknown_spend: dict[str, list[int]] = {}  # spend-type text -> rows (1-based)
        self.index = {name: col.index for name, col in header.columns.items()}
        self.labels = {name: col.label for name, col in header.columns.items()}
        self.other_columns = tuple(
            self.index.get(f, _ABSENT) for f in ("opd", "spend_type", "sub_activity", "region")
        )
        self.item_columns = tuple(self.index.get(f, _ABSENT) for f in ("app_name", "description", "amount"))
        grid = header_grid(sheet, header.data_start)
        self.header_norms = [
            {c: normalize_header(grid[r][c]) for c in self.index.values() if c < len(grid[r])}
            for r in range(header.row, header.data_start)
        ]

    def skip(self, r: int, reason: str) -> None:
        self.issues.append(
            RowIssue(self.sheet.name, r + 1, "skipped", reason, raw=raw_cells(self.sheet.rows[r]))
        )

    def reject(self, r: int, reason: str, column: str | None, row: list[object]) -> None:
        self.issues.append(RowIssue(self.sheet.name, r + 1, "rejected", reason, column, raw_cells(row)))

    def column_label(self, c: int) -> str:
        return next((self.labels[n] for n, i in self.index.items() if i == c), column_letter(c))

    def reject_long_cell(self, r: int) -> None:
        label = self.column_label(self.sheet.long_cells[r][0])
        self.reject(r, self.sheet.long_cell_reason(r, self.max_cell_chars), label, self.sheet.rows[r])

    def run(self) -> None:
        rows = self.sheet.rows
        for r in range(self.header.data_start):
            if is_blank_row(rows[r]):
                self.blank_rows += 1
                continue
            if r in self.sheet.long_cells:
                self.reject_long_cell(r)
            else:
                self.skip(r, "title/heading" if r < self.header.row else "header")
        fills = self._data_fills()
        for r in range(self.header.data_start, len(rows)):
            row = rows[r]
            if is_blank_row(row):
                self.blank_rows += 1
                continue
            if r in self.sheet.long_cells:
                self.reject_long_cell(r)
                continue
            if r in fills:
                row = list(row)
                row.extend([""] * (max(fills[r]) + 1 - len(row)))
                for c, value in fills[r].items():
                    if row[c] == "" or row[c] is None:
                        row[c] = value
            self.data_row(r, row)

    def _data_fills(self) -> dict[int, dict[int, object]]:
        """Merged-cell values to fill down, per row, for the text columns only."""
        columns = {self.index[f] for f in TEXT_FIELDS if f in self.index}
        fills: dict[int, dict[int, object]] = {}
        for (r, c), value in merged_fill(
            self.sheet, range(self.header.data_start, len(self.sheet.rows))
        ).items():
            if c in columns:
                fills.setdefault(r, {})[c] = value
        return fills

    def get(self, row: list[object], name: str) -> object:
        c = self.index.get(name)
        return row[c] if c is not None and c < len(row) else ""

    def data_row(self, r: int, row: list[object]) -> None:
        first, first_col = row[0], 0
        if first == "" or first is None:
            first_col = next((c for c, v in enumerate(row) if v != "" and v is not None), 0)
            first = row[first_col]
        width = len(row)
        app_col, desc_col, amount_col = self.item_columns
        if type(first) is str and (kind := self.total_kind(row, first_col, first)):
            self.skip(r, kind)
            return
        app = cell_text(row[app_col]) if app_col < width else ""
        if type(first) is str and first_col != app_col and (kind := self.total_kind(row, app_col, app)):
            self.skip(r, kind)  # "Sub Total" in the app-name column, after an OPD filled down
            return
        if app and app[0] in "(0123456789" and _ROW_NUMBER.match(app) and is_numbering_row(row):
            self.skip(r, "column numbers")
            return
        description = cell_text(row[desc_col]) if desc_col < width else ""
        amount_cell = row[amount_col] if amount_col < width else ""
        amount, amount_problem = self.amount(amount_cell, r)
        app_name = app or (app_name_from_text(description) if description else None)
        if amount_problem is None and app_name:
            self.add_line(r, row, app_name, description, amount)
            return
        if reason := self.not_an_item(row, amount_cell, amount):
            self.skip(r, reason)
            return
        problems = []
        if not app_name:
            problems.append(self.missing_app(description))
        if amount_problem:
            problems.append(amount_problem)
        # The issue's column is the first problem's; a second problem names its own column.
        reason = "; ".join([problems[0][0], *(f'column "{label}": {text}' for text, label in problems[1:])])
        self.reject(r, reason, problems[0][1], row)

    def total_kind(self, row: list[object], c: int, label: str) -> str | None:
        """ "total row"/"subtotal row" when the text `label` at column `c` makes the row a total: it reads
        like one and is not the app name (or description) of an item, i.e. it stands outside those
        columns or the app-name and description columns hold no other text."""
        if label.lstrip()[:3].lower() not in _TOTAL_START or not (kind := total_label(label)):
            return None
        app_col, desc_col, _ = self.item_columns
        if c != app_col and c != desc_col:
            return kind
        text = cell_text(label)
        for col in (app_col, desc_col):
            if col < len(row) and (other := cell_text(row[col])) and other != text:
                return None
        return kind

    def amount(self, value: object, r: int) -> tuple[int, tuple[str, str] | None]:
        if type(value) is float and 0 < value <= MAX_AMOUNT and value.is_integer():
            return int(value), None
        label = self.labels["amount"]
        if value == "" or value is None or (type(value) is str and not value.strip()):
            if (r, self.index["amount"]) in self.sheet.uncalculated:
                return 0, (UNCALCULATED, label)
            return 0, ("missing amount", label)
        try:
            amount = parse_rupiah(value)
        except AmountError as exc:
            return 0, (str(exc), label)
        if amount == 0:
            return 0, ("amount is 0", label)
        return amount, None

    def missing_app(self, description: str) -> tuple[str, str]:
        if "app_name" in self.index:
            label = self.labels["app_name"]
            reason = "missing app name"
            if description:
                reason += f' (and column "{self.labels["description"]}" does not name an application)'
            return reason, label
        label = self.labels["description"]
        if not description:
            return "missing description naming the application", label
        return "missing app name: the description does not name an application", label

    def not_an_item(self, row: list[object], amount_cell: object, amount: int) -> str | None:
        """Why a row that failed as an item is not one (heading, repeated header, ...), or None."""
        norms = [(c, normalize_header(row[c])) for c in self.index.values() if c < len(row)]
        for header in self.header_norms:
            if sum(1 for c, n in norms if n and header.get(c) == n) >= 2:
                return "repeated header"
        if is_numbering_row(row):
            return "column numbers"
        texts = [cell_text(v) for v in row if cell_text(v)]
        has_amount = amount > 0
        if not has_amount and texts and note_label(texts[0]):
            return "note/signature"
        if not has_amount and all(_ROW_NUMBER.match(t) or _is_number(v) for v, t in _pairs(row)):
            return "empty row (numbers only)"
        if cell_text(amount_cell) == "" and len(set(texts)) == 1 and self._is_heading(row, texts[0]):
            return "heading"
        return None

    def _is_heading(self, row: list[object], text: str) -> bool:
        """A lone label: enumerated ("I. Dinas Kesehatan"), or outside the app-name/description columns."""
        if _ENUMERATOR.match(text):
            return True
        item_columns = {self.index[f] for f in ("app_name", "description") if f in self.index}
        return all(c not in item_columns for c, v in enumerate(row) if cell_text(v))

    def add_line(self, r: int, row: list[object], app_name: str, description: str, amount: int) -> None:
        opd_col, spend_col, sub_col, region_col = self.other_columns
        width = len(row)
        spend = cell_text(row[spend_col]) if spend_col < width else ""
        kind = known_spend_type(spend) if spend else None
        if kind is None:
            if spend and any(ch.isalpha() for ch in spend):  # "-" or "0" is no value, not an unknown one
                self.unknown_spend.setdefault(spend, []).append(r + 1)
            kind = (known_spend_type(description) if description else None) or known_spend_type(app_name)
        elif kind in RENTAL_KINDS and known_spend_type(app_name) == "infrastructure":
            kind = "infrastructure"  # "Sewa" / "Lisensi" of "Hosting Website Dinas": infrastructure wins
        sub_activity = cell_text(row[sub_col]) if sub_col < width else ""
        self.lines.append(
            ParsedLine(
                sheet=self.sheet.name,
                row=r + 1,
                app_name=app_name,
                amount=amount,
                opd=(cell_text(row[opd_col]) if opd_col < width else "") or None,
                description=description or None,
                spend_type=kind or "other",
                sub_activity=sub_activity_from_text(sub_activity) if sub_activity else None,
                region=(cell_text(row[region_col]) if region_col < width else "") or None,
            )
        )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _pairs(row: list[object]) -> list[tuple[object, str]]:
    return [(v, t) for v, t in ((v, cell_text(v)) for v in row) if t]


def _years(col: Column) -> set[int]:
    return {int(y) for y in _YEAR.findall(col.label)}


def choose_amount_column(
    header: HeaderMatch, cycle: int | None, file: str, sheet: str
) -> tuple[HeaderMatch, list[str]]:
    """The header with the amount column for `cycle` (see the module docstring), and any warning.
    Raises IngestError when several amount columns for different years leave the choice open."""
    candidates = header.candidates.get("amount", [])
    where = f'{file}, sheet "{sheet}"'
    if len(candidates) <= 1:
        only = header.columns["amount"]
        if cycle is not None and (years := _years(only)) and cycle not in years:
            named = ", ".join(map(str, sorted(years)))
            return header, [
                f'{where}: the amount column "{only.label}" names {named}, not the cycle year {cycle}'
            ]
        return header, []
    if not any(_years(col) for col in candidates):
        return header, []  # no years: the best-matching header, as for any field
    shown = ", ".join(f'"{col.label}"' for col in candidates)
    if cycle is None:
        raise IngestError(
            f"several amount columns for different years ({shown}) and no cycle year to choose one",
            file=file,
            sheet=sheet,
            row=header.row + 1,
        )
    naming = [col for col in candidates if cycle in _years(col)]
    if len(naming) > 1:
        raise IngestError(
            f"several amount columns name the cycle year {cycle} ("
            + ", ".join(f'"{col.label}"' for col in naming)
            + "); keep one",
            file=file,
            sheet=sheet,
            row=header.row + 1,
        )
    undated = [col for col in candidates if not _years(col)]
    if naming:
        chosen = naming[0]
    elif undated:  # "Pagu" next to "Realisasi 2026": the column naming no other year
        chosen = max(undated, key=lambda col: (col.quality, -col.priority, -col.index))
    else:
        raise IngestError(
            f"several amount columns and none names the cycle year {cycle} ({shown}); "
            f"head the {cycle} amount column with its year",
            file=file,
            sheet=sheet,
            row=header.row + 1,
        )
    columns = {**header.columns, "amount": chosen}
    return replace(header, columns=dict(sorted(columns.items(), key=lambda kv: kv[1].index))), []


def parse_template_sheet(
    sheet: Sheet, header: HeaderMatch, file: str, max_cell_chars: int, cycle: int | None = None
) -> tuple[list[ParsedLine], list[RowIssue], list[str], int]:
    """Lines, issues, warnings and the number of blank rows of one proposal-template sheet whose header
    was found; `cycle` picks among amount columns for different years."""
    header, warnings = choose_amount_column(header, cycle, file, sheet.name)
    parser = TemplateParser(sheet, header, file, max_cell_chars)
    parser.run()
    where = f'{file}, sheet "{sheet.name}"'
    warnings += [
        f'{where}: column "{col.label}" was read as the {FIELD_NAMES.get(name, name)}'
        for name, col in header.columns.items()
        if col.quality == PREFIX
    ]
    if parser.unknown_spend:
        values = "; ".join(
            f'"{text}" (row{"s" if len(rows) > 1 else ""} {_rows(rows)})'
            for text, rows in parser.unknown_spend.items()
        )
        warnings.append(
            f'{where}: column "{header.columns["spend_type"].label}" has values that are not a known spend '
            f"type: {values}; the spend type was inferred from the description or app name"
        )
    return parser.lines, parser.issues, warnings, parser.blank_rows


def _rows(rows: list[int], limit: int = 10) -> str:
    shown = ", ".join(map(str, rows[:limit]))
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")
