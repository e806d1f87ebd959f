"""Parse budget spreadsheets (SPBE proposal template or SIPD RKA/DPA export) into plain data.

    parsed = parse_file(Path("usulan_diskominfo.xlsx"), cycle=2027)
    parsed.lines       # ParsedLine per item, in file order
    parsed.issues      # RowIssue per skipped (heading, total) or rejected (with reason) row
    parsed.rows_read   # == len(lines) + len(issues): every non-blank row of the sheets read
    parsed.blank_rows  # blank rows of those sheets, counted but not listed (no RowIssue each)

rows_read + blank_rows is the number of rows of the sheets read (up to the last used row), so a
planner can reconcile the counts with the spreadsheet; sheets skipped with a warning (empty, no table)
count in neither. `cycle` (the budget year) chooses among amount columns for several years
("Anggaran 2026" | "Anggaran 2027"); when it cannot, the file is refused rather than guessed.

A file that cannot be used at all raises IngestError naming the file (and sheet/row when known).
"""

from __future__ import annotations

from pathlib import Path

from clearance.config import Settings, get_settings
from clearance.ingest.amounts import AmountError, parse_rupiah
from clearance.ingest.headers import find_header, is_blank_row, missing_fields_message
from clearance.ingest.model import SPEND_TYPES, IngestError, Layout, ParsedFile, ParsedLine, RowIssue
from clearance.ingest.read import Sheet, read_workbook
from clearance.ingest.sipd import parse_sipd_sheet, sipd_header_row
from clearance.ingest.spend_type import infer_spend_type, normalize_spend_type
from clearance.ingest.template import parse_template_sheet

__all__ = [
    "SPEND_TYPES",
    "AmountError",
    "IngestError",
    "Layout",
    "ParsedFile",
    "ParsedLine",
    "RowIssue",
    "infer_spend_type",
    "normalize_spend_type",
    "parse_file",
    "parse_rupiah",
]

NOT_A_TABLE = "not a proposal template or SIPD RKA/DPA export"


def parse_file(
    path: str | Path,
    *,
    name: str | None = None,
    include_hidden: bool = False,
    settings: Settings | None = None,
    cycle: int | None = None,
) -> ParsedFile:
    """Read every (visible) sheet of a workbook or CSV; sheets without a recognisable table are skipped
    with a warning; raise IngestError when no sheet is usable or the file itself is unusable. `cycle`
    is the budget year, to pick the amount column naming it when a sheet has one per year."""
    path = Path(path)
    file = name or path.name
    settings = settings or get_settings()
    book = read_workbook(path, file=file, include_hidden=include_hidden, settings=settings)
    parsed = ParsedFile(
        file=file, layout="template", lines=[], issues=[], rows_read=0, warnings=list(book.warnings)
    )
    layouts: list[Layout] = []
    problems: list[str] = []
    for sheet in book.sheets:
        result = _parse_sheet(sheet, file, settings, cycle)
        if isinstance(result, str):
            problems.append(f'sheet "{sheet.name}": {result}')
            parsed.warnings.append(f'{file}, sheet "{sheet.name}": skipped: {result}')
            continue
        layout, lines, issues, warnings, blank_rows = result
        layouts.append(layout)
        parsed.blank_rows += blank_rows
        parsed.sheets.append(sheet.name)
        parsed.lines.extend(lines)
        parsed.issues.extend(issues)
        parsed.warnings.extend(warnings)
    if not layouts:
        raise _no_usable_sheet(file, book.sheets, problems, book.hidden)
    parsed.layout = layouts[0]
    if len(set(layouts)) > 1:
        mixed = ", ".join(f'"{s}" ({k})' for s, k in zip(parsed.sheets, layouts, strict=True))
        parsed.warnings.append(f"{file}: sheets use different layouts: {mixed}")
    parsed.rows_read = len(parsed.lines) + len(parsed.issues)
    return parsed


SheetResult = tuple[Layout, list[ParsedLine], list[RowIssue], list[str], int]


def _parse_sheet(sheet: Sheet, file: str, settings: Settings, cycle: int | None) -> SheetResult | str:
    """(layout, lines, issues, warnings, blank rows) of one sheet, or why it has no usable table."""
    if all(is_blank_row(row) for row in sheet.rows):
        return "the sheet is empty"
    if sipd_header_row(sheet) is not None:
        return ("sipd", *parse_sipd_sheet(sheet, file, settings.max_cell_chars))
    header, closest = find_header(sheet)
    if header is None:
        return f"{NOT_A_TABLE}: {missing_fields_message(closest)}"
    return ("template", *parse_template_sheet(sheet, header, file, settings.max_cell_chars, cycle))


def _no_usable_sheet(file: str, sheets: list[Sheet], problems: list[str], hidden: list[str]) -> IngestError:
    if not sheets:
        names = ", ".join(f'"{name}"' for name in hidden)
        note = f" (hidden sheets {names} were not read)" if hidden else ""
        return IngestError(f"the workbook has no visible sheet{note}", file=file)
    if len(sheets) == 1:
        return IngestError(problems[0].split(": ", 1)[1], file=file, sheet=sheets[0].name)
    return IngestError("no usable sheet: " + "; ".join(problems), file=file)
