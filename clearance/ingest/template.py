"""Layout A: the SPBE proposal template (one row per proposed item) -> ParsedLines and RowIssues.

Rows above the header are skipped as "title/heading", the header row(s) as "header". Below it every
non-blank row is an item, or a skipped total/subtotal, heading, repeated header, column-number,
signature or number-only row, or is rejected with the column and reason. Merged cells in the text
columns (an OPD merged over its items) are filled down; a merged amount is not (a pagu counts once).
"""

from __future__ import annotations

import re

from clearance.ingest.amounts import AmountError, parse_rupiah
from clearance.ingest.headers import (
    PREFIX,
    HeaderMatch,
    header_grid,
    is_blank_row,
    is_numbering_row,
    merged_fill,
    normalize_header,
    note_label,
    total_label,
)
from clearance.ingest.model import ParsedLine, RowIssue
from clearance.ingest.read import Sheet, cell_text, column_letter
from clearance.ingest.sipd import app_name_from_text, raw_cells, sub_activity_from_text
from clearance.ingest.spend_type import normalize_spend_type

__all__ = ["parse_template_sheet"]

TEXT_FIELDS = ("opd", "app_name", "description", "spend_type", "sub_activity", "region")
_TOTAL_START = frozenset({"sub", "jum", "tot", "gra"})
_ABSENT = 1 << 30  # column index of a field the header does not have
_ENUMERATOR = re.compile(r"^(?:[IVXL]+|[A-Z]|\d{1,2})[.)]\s+\S")
_ROW_NUMBER = re.compile(r"^\(?\d{1,5}[.)]?$")


class TemplateParser:
    """Reads the rows of one sheet below (and above) a found header."""

    def __init__(self, sheet: Sheet, header: HeaderMatch, file: str, max_cell_chars: int) -> None:
        self.sheet = sheet
        self.header = header
        self.file = file
        self.max_cell_chars = max_cell_chars
        self.lines: list[ParsedLine] = []
        self.issues: list[RowIssue] = []
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
        c, length = self.sheet.long_cells[r]
        label = self.column_label(c)
        reason = f'column "{label}": cell has {length:,} characters (limit {self.max_cell_chars:,})'
        self.reject(r, reason, label, self.sheet.rows[r])

    def run(self) -> None:
        rows = self.sheet.rows
        for r in range(self.header.data_start):
            if is_blank_row(rows[r]):
                continue
            if r in self.sheet.long_cells:
                self.reject_long_cell(r)
            else:
                self.skip(r, "title/heading" if r < self.header.row else "header")
        fills = self._data_fills()
        for r in range(self.header.data_start, len(rows)):
            row = rows[r]
            if is_blank_row(row):
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
        first = (
            row[0]
            if row[0] != "" and row[0] is not None
            else next((v for v in row if v != "" and v is not None), "")
        )
        if type(first) is str and first.lstrip()[:3].lower() in _TOTAL_START and (kind := total_label(first)):
            self.skip(r, kind)
            return
        width = len(row)
        app_col, desc_col, amount_col = self.item_columns
        app = cell_text(row[app_col]) if app_col < width else ""
        if app and app[0] in "(0123456789" and _ROW_NUMBER.match(app) and is_numbering_row(row):
            self.skip(r, "column numbers")
            return
        description = cell_text(row[desc_col]) if desc_col < width else ""
        amount_cell = row[amount_col] if amount_col < width else ""
        amount, amount_problem = self.amount(amount_cell)
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
        self.reject(r, "; ".join(p for p, _ in problems), problems[0][1], row)

    def amount(self, value: object) -> tuple[int, tuple[str, str] | None]:
        if type(value) is float and value > 0 and value.is_integer():
            return int(value), None
        label = self.labels["amount"]
        if value == "" or value is None or (type(value) is str and not value.strip()):
            return 0, (f'column "{label}": missing amount', label)
        try:
            amount = parse_rupiah(value)
        except AmountError as exc:
            return 0, (f'column "{label}": {exc}', label)
        if amount == 0:
            return 0, (f'column "{label}": amount is 0', label)
        return amount, None

    def missing_app(self, description: str) -> tuple[str, str]:
        if "app_name" in self.index:
            label = self.labels["app_name"]
            reason = f'column "{label}": missing app name'
            if description:
                reason += f' (and column "{self.labels["description"]}" does not name an application)'
            return reason, label
        label = self.labels["description"]
        if not description:
            return f'column "{label}": missing description naming the application', label
        return f'missing app name: column "{label}" does not name an application', label

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
        sub_activity = cell_text(row[sub_col]) if sub_col < width else ""
        self.lines.append(
            ParsedLine(
                sheet=self.sheet.name,
                row=r + 1,
                app_name=app_name,
                amount=amount,
                opd=(cell_text(row[opd_col]) if opd_col < width else "") or None,
                description=description or None,
                spend_type=normalize_spend_type(spend or description),
                sub_activity=sub_activity_from_text(sub_activity) if sub_activity else None,
                region=(cell_text(row[region_col]) if region_col < width else "") or None,
            )
        )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _pairs(row: list[object]) -> list[tuple[object, str]]:
    return [(v, t) for v, t in ((v, cell_text(v)) for v in row) if t]


def parse_template_sheet(
    sheet: Sheet, header: HeaderMatch, file: str, max_cell_chars: int
) -> tuple[list[ParsedLine], list[RowIssue], list[str]]:
    """Lines, issues and warnings of one proposal-template sheet whose header was found."""
    parser = TemplateParser(sheet, header, file, max_cell_chars)
    parser.run()
    warnings = [
        f'{file}, sheet "{sheet.name}": column "{col.label}" was read as the {name.replace("_", " ")}'
        for name, col in header.columns.items()
        if col.quality == PREFIX
    ]
    return parser.lines, parser.issues, warnings
