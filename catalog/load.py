"""Read catalog files (CSV or XLSX) into CatalogApp records; bad rows become rejects with reasons.

Columns: app_id, name, aliases (; separated), kind (shared|existing), owner, region_code (empty for
national apps), function (; separated), shareable (true/false/ya/tidak/1/0), note. app_id, name and
kind are required; the others may be absent. A file that cannot be used at all raises CatalogError.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from catalog.models import CatalogApp

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "catalog"

COLUMNS = ("app_id", "name", "aliases", "kind", "owner", "region_code", "function", "shareable", "note")
REQUIRED = ("app_id", "name", "kind")
KINDS = {
    "shared": "shared",
    "nasional": "shared",
    "national": "shared",
    "umum": "shared",
    "aplikasi umum": "shared",
    "pusat": "shared",
    "existing": "existing",
    "daerah": "existing",
    "lokal": "existing",
    "local": "existing",
    "khusus": "existing",
}
TRUE = {"true", "ya", "yes", "y", "1", "benar", "t"}
FALSE = {"false", "tidak", "no", "n", "0", "salah", "f", "tdk"}


class CatalogError(Exception):
    """A catalog file that cannot be used at all (wrong type, unreadable, required columns missing)."""

    def __init__(self, message: str, *, file: str, missing: Iterable[str] = ()) -> None:
        self.message = message
        self.file = file
        self.missing = tuple(missing)
        super().__init__(f"{file}: {message}")


@dataclass(frozen=True)
class CatalogReject:
    """One row that was not loaded, and why."""

    file: str
    row: int
    column: str
    reason: str
    value: str = ""

    def __str__(self) -> str:
        return f'{self.file}, row {self.row}, column "{self.column}": {self.reason}'


@dataclass
class CatalogLoad:
    """What a catalog import produced: the apps, the rejected rows, and notes on rows kept."""

    apps: list[CatalogApp] = field(default_factory=list)
    rejects: list[CatalogReject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    rows_read: int = 0


@dataclass(frozen=True)
class Region:
    """One pemda (or province) of wilayah.csv."""

    code: str
    name: str
    level: str = ""
    province_code: str = ""


def load_catalog(path: Path | str, *, known_regions: Iterable[str] | None = None) -> CatalogLoad:
    """Load one CSV/XLSX catalog file; `known_regions` (codes) also rejects unknown region codes."""
    path = Path(path)
    rows = _read_rows(path)
    out = CatalogLoad(sources=[str(path)])
    _add_rows(out, path.name, rows, set(known_regions) if known_regions is not None else None, {})
    return out


def load_catalogs(paths: Iterable[Path | str], *, known_regions: Iterable[str] | None = None) -> CatalogLoad:
    """Load several files into one catalog; an app_id already loaded from an earlier file is a reject."""
    out = CatalogLoad()
    seen: dict[str, str] = {}
    regions = set(known_regions) if known_regions is not None else None
    for path in paths:
        path = Path(path)
        out.sources.append(str(path))
        _add_rows(out, path.name, _read_rows(path), regions, seen)
    return out


def load_national_apps(data_dir: Path = DATA_DIR) -> list[CatalogApp]:
    """The national shared apps only (no region data needed)."""
    return load_catalog(data_dir / "national.csv").apps


def load_default_catalog(data_dir: Path = DATA_DIR) -> CatalogLoad:
    """national.csv plus every existing/*.csv|xlsx of `data_dir`, region codes checked against
    wilayah.csv when it is there."""
    existing = sorted(
        p for p in (data_dir / "existing").glob("*") if p.suffix.lower() in (".csv", ".xlsx", ".xlsm")
    )
    regions = load_regions(data_dir / "wilayah.csv")
    known = set(regions) if regions else None
    return load_catalogs([data_dir / "national.csv", *existing], known_regions=known)


def load_regions(path: Path | str = DATA_DIR / "wilayah.csv") -> dict[str, Region]:
    """Regions by code from `code,name,level,province_code`; a missing file gives an empty dict."""
    path = Path(path)
    if not path.exists():
        return {}
    header, rows = _read_csv(path)
    cols = {name: i for i, name in enumerate(header)}
    missing = [c for c in ("code", "name") if c not in cols]
    if missing:
        raise CatalogError(f"missing columns: {', '.join(missing)}", file=path.name, missing=missing)
    out: dict[str, Region] = {}
    for _, row in rows:
        get = _getter(row, cols)
        code = _region_code(get("code"))
        if code:
            out[code] = Region(code, get("name"), get("level"), _region_code(get("province_code")))
    return out


# --- rows to apps --------------------------------------------------------------------------------


def _add_rows(
    out: CatalogLoad,
    file: str,
    table: tuple[list[str], Iterator[tuple[int, list]]],
    regions: set[str] | None,
    seen: dict[str, str],
) -> None:
    header, rows = table
    cols = {name: i for i, name in enumerate(header) if name in COLUMNS}
    first_row: dict[str, int] = {}
    for rownum, row in rows:
        get = _getter(row, cols)
        if not any(get(c) for c in cols):
            continue
        out.rows_read += 1

        def reject(column: str, reason: str, value: str = "", rownum: int = rownum) -> None:
            out.rejects.append(CatalogReject(file, rownum, column, reason, value))

        app_id, name = get("app_id"), get("name")
        if not app_id:
            reject("app_id", "app_id is empty")
            continue
        if not name:
            reject("name", "name is empty", app_id)
            continue
        kind = KINDS.get(get("kind").lower())
        if kind is None:
            reject("kind", f'kind "{get("kind")}" is not shared or existing', get("kind"))
            continue
        if app_id in first_row or app_id in seen:
            where = f"row {first_row[app_id]}" if app_id in first_row else seen[app_id]
            reject("app_id", f'duplicate app_id "{app_id}" (first at {where})', app_id)
            continue
        region = _region_code(get("region_code")) or None
        if kind == "existing" and not region:
            reject("region_code", "an existing (regional) app needs a region_code", app_id)
            continue
        if kind == "existing" and regions is not None and region not in regions:
            reject("region_code", f'region_code "{region}" is not in wilayah.csv', region or "")
            continue
        if kind == "shared" and region:
            out.warnings.append(
                f"{file}, row {rownum}: shared app {app_id} has region_code {region}; ignored"
            )
            region = None
        raw_share = get("shareable").lower()
        if raw_share in TRUE:
            shareable = True
        elif raw_share in FALSE:
            shareable = False
        elif not raw_share:
            shareable = kind == "shared"
        else:
            reject("shareable", f'shareable "{get("shareable")}" is not true/false/ya/tidak/1/0', raw_share)
            continue
        first_row[app_id] = rownum
        seen[app_id] = f"{file} row {rownum}"
        out.apps.append(
            CatalogApp(
                app_id=app_id,
                name=name,
                kind=kind,  # type: ignore[arg-type]
                owner=get("owner"),
                region_code=region,
                aliases=_split(get("aliases")),
                function=_split(get("function")),
                shareable=shareable,
                note=get("note"),
            )
        )


def _split(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in value.replace("|", ";").split(";") if v.strip()))


def _getter(row: list, cols: dict[str, int]):
    def get(name: str) -> str:
        i = cols.get(name)
        if i is None or i >= len(row):
            return ""
        return _cell(row[i])

    return get


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.2f}"  # region codes such as 35.10 arrive from XLSX as 35.1
    return " ".join(str(value).split())


def _region_code(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    parts = value.split(".")
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and len(parts[1]) == 1:
        return f"{parts[0]}.{parts[1]}0"
    return value


# --- files to rows -------------------------------------------------------------------------------


def _header_key(value: object) -> str:
    text = _cell(value).lower().lstrip("\ufeff").strip()
    return "_".join(text.replace("-", " ").split())


def _read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list]]]:
    if not path.exists():
        raise CatalogError("file not found", file=str(path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        header, rows = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        header, rows = _read_xlsx(path)
    else:
        raise CatalogError(f'"{suffix or path.name}" is not a CSV or XLSX catalog file', file=path.name)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        found = ", ".join(h for h in header if h) or "none"
        raise CatalogError(
            f"missing columns: {', '.join(missing)} (found: {found})", file=path.name, missing=missing
        )
    return header, rows


def _read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [_header_key(h) for h in next(reader)]
    except StopIteration:
        raise CatalogError("the file is empty", file=path.name, missing=REQUIRED) from None
    except csv.Error as exc:
        raise CatalogError(f"not a readable CSV file ({exc})", file=path.name) from None

    def rows() -> Iterator[tuple[int, list]]:
        for row in reader:
            yield reader.line_num, row

    return header, rows()


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise CatalogError(f"not a readable XLSX file ({exc})", file=path.name) from None
    best: tuple[list[str], list[list], int] | None = None
    for sheet_name in book.sheet_names:
        table = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        for i, row in enumerate(table[:20]):
            header = [_header_key(v) for v in row]
            if all(c in header for c in REQUIRED):
                rows = [list(r) for r in table[i + 1 :]]
                return header, ((i + 2 + n, r) for n, r in enumerate(rows))
            if best is None and any(h in COLUMNS for h in header):
                best = (header, [], i)
    header = best[0] if best else []
    return header, iter(())
