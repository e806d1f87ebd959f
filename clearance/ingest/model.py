"""Plain data produced by parsing one spreadsheet (no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Layout = Literal["template", "sipd"]
SpendType = Literal["new", "enhancement", "maintenance", "license", "infrastructure", "other"]
SPEND_TYPES: tuple[str, ...] = ("new", "enhancement", "maintenance", "license", "infrastructure", "other")


class IngestError(Exception):
    """A file that cannot be used at all; carries where the problem is."""

    def __init__(
        self,
        message: str,
        *,
        file: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f'sheet "{self.sheet}"')
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f'column "{self.column}"')
        return f"{', '.join(where)}: {self.message}"


@dataclass(slots=True)
class ParsedLine:
    """One budget item read from a sheet. `row` is the 1-based spreadsheet row (CSV: line number)."""

    sheet: str
    row: int
    app_name: str
    amount: int
    opd: str | None = None
    description: str | None = None
    spend_type: str = "other"
    sub_activity: str | None = None
    account_code: str | None = None
    region: str | None = None
    is_spbe: bool = True
    spbe_basis: str | None = None  # why it counts as SPBE spending (layout B): sub-kegiatan, akun or text


@dataclass
class RowIssue:
    """A non-blank input row that was not ingested: rejected (a problem to fix) or skipped (heading, total).

    `column` is the header of the cell at fault; `reason` says what is wrong without repeating it
    (shown together as: row 16, column "Anggaran": -50.000.000 is negative; ...)."""

    sheet: str
    row: int
    kind: Literal["rejected", "skipped"]
    reason: str
    column: str | None = None
    raw: list = field(default_factory=list)


@dataclass
class ParsedFile:
    """Everything read from one file. rows_read == len(lines) + len(issues) counts the non-blank rows of
    the sheets read; blank_rows counts their blank rows (not listed as issues), so rows_read +
    blank_rows is the sheets' row count."""

    file: str
    layout: Layout
    lines: list[ParsedLine]
    issues: list[RowIssue]
    rows_read: int
    warnings: list[str] = field(default_factory=list)  # e.g. SIPD subtotal mismatches (rows are kept)
    sheets: list[str] = field(default_factory=list)
    blank_rows: int = 0

    @property
    def rejected(self) -> list[RowIssue]:
        return [i for i in self.issues if i.kind == "rejected"]

    @property
    def skipped(self) -> list[RowIssue]:
        return [i for i in self.issues if i.kind == "skipped"]
