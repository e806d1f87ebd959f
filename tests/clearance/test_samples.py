"""The sample generator: deterministic, the committed set is current, and every sample parses as designed."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from clearance.config import DATA_DIR
from clearance.ingest.model import ParsedFile
from clearance.samples import (
    CLEAN,
    MESSY,
    SampleFile,
    generate_samples,
    template_rows,
    write_big_template_workbook,
    write_sipd_workbook,
    write_template_csv,
    write_template_workbook,
)

SAMPLES = DATA_DIR / "samples"
MAX_SAMPLE_BYTES = 200 * 1024
with open(SAMPLES / "manifest.csv", encoding="utf-8") as _fh:
    BUNDLED = [row["file"] for row in csv.DictReader(_fh)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SampleFile]:
    return {s.path.name: s for s in generate_samples(tmp_path_factory.mktemp("samples"))}


def cells(path: Path) -> dict[str, object]:
    """Everything a reader can see: per sheet its visibility, the formulas/values openpyxl reads and the
    (cached) values calamine reads."""
    if path.suffix == ".csv":
        return {"bytes": path.read_bytes()}
    book = load_workbook(path)
    seen: dict[str, object] = {}
    for ws in book.worksheets:
        values = [list(row) for row in ws.iter_rows(values_only=True)]
        seen[ws.title] = (ws.sheet_state, values, sorted(map(str, ws.merged_cells.ranges)))
    calamine = CalamineWorkbook.from_path(str(path))
    for name in calamine.sheet_names:
        seen[f"cached:{name}"] = calamine.get_sheet_by_name(name).to_python()
    return seen


def parse_amount(value: object) -> int:
    """SIPD subtotal cells: numbers or "1.465.000,00"."""
    if isinstance(value, int | float):
        return round(value)
    return round(float(str(value).replace(".", "").replace(",", ".")))


# --- determinism ----------------------------------------------------------------------------------


def test_csv_same_seed_is_byte_identical(tmp_path: Path) -> None:
    a = write_template_csv(tmp_path / "a.csv", "51.71", seed=4)
    b = write_template_csv(tmp_path / "b.csv", "51.71", seed=4)
    c = write_template_csv(tmp_path / "c.csv", "51.71", seed=5)
    assert a.path.read_bytes() == b.path.read_bytes()
    assert a.path.read_bytes() != c.path.read_bytes()
    assert [(x.row, x.amount) for x in a.lines] == [(x.row, x.amount) for x in b.lines]
    assert [(x.row, x.problem) for x in a.bad_rows] == [(x.row, x.problem) for x in b.bad_rows]


@pytest.mark.parametrize(
    "write",
    [
        lambda p, seed: write_template_workbook(p, "35.19", seed=seed),
        lambda p, seed: write_template_workbook(p, "35.20", seed=seed, n=40),
        lambda p, seed: write_sipd_workbook(p, "35.19", seed=seed, mismatch=True),
        lambda p, seed: write_sipd_workbook(p, "35.20", seed=seed, perubahan=True),
    ],
    ids=["template", "template-padded", "sipd", "sipd-perubahan"],
)
def test_xlsx_same_seed_same_cells(tmp_path: Path, write: Callable[[Path, int], SampleFile]) -> None:
    a = write(tmp_path / "a.xlsx", 7)
    b = write(tmp_path / "b.xlsx", 7)
    assert cells(a.path) == cells(b.path)
    assert a.path.read_bytes() == b.path.read_bytes()  # fixed ZIP timestamps and document dates
    assert (a.lines, a.bad_rows) == (b.lines, b.bad_rows)


def test_committed_samples_are_what_the_generator_makes(generated: dict[str, SampleFile]) -> None:
    committed = {p.name for p in SAMPLES.iterdir() if p.name != "README.md"}
    assert committed == set(generated) | {"manifest.csv"}
    out = next(iter(generated.values())).path.parent
    assert (SAMPLES / "manifest.csv").read_bytes() == (out / "manifest.csv").read_bytes()
    for sample in generated.values():
        assert cells(SAMPLES / sample.path.name) == cells(sample.path), f"{sample.path.name} is stale: run " \
            "`uv run python -m clearance.samples data/samples`"  # fmt: skip


# --- what the set contains ------------------------------------------------------------------------


def test_bundled_set_covers_regions_and_layouts() -> None:
    with open(SAMPLES / "manifest.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["cycle"] for r in rows} == {"2027"}
    template = {r["region_code"] for r in rows if r["layout"] == "template"}
    sipd = [r for r in rows if r["layout"] == "sipd"]
    assert {"35.19", "35.20", "51.71"} <= template
    assert len(sipd) >= 3 and any("perubahan" in r["file"] for r in sipd)
    assert any(r["file"].endswith(".csv") for r in rows)
    for row in rows:
        assert (SAMPLES / row["file"]).stat().st_size < MAX_SAMPLE_BYTES


def test_csv_is_semicolon_windows_1252() -> None:
    raw = (SAMPLES / "kotadenpasar_usulan_diskominfo_2027.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert "Denpasar’s" in text and "–" in text and "\r\n" in text
    assert text.splitlines()[3].startswith("No;Unit Kerja;Nama Layanan")


def test_formulas_carry_cached_values() -> None:
    path = SAMPLES / "kabmadiun_usulan_spbe_2027.xlsx"
    formulas = load_workbook(path)
    cached = load_workbook(path, data_only=True)
    found = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    found += 1
                    assert isinstance(cached[ws.title][cell.coordinate].value, int | float), cell.coordinate
    assert found >= 5
    assert any("Referensi!" in str(c.value) for ws in formulas.worksheets for r in ws.iter_rows() for c in r)
    assert formulas["Referensi"].sheet_state == "hidden"


def test_clean_variant_has_none_of_the_mess(tmp_path: Path) -> None:
    sample = write_template_workbook(tmp_path / "clean.xlsx", "35.19", messy=False)
    book = load_workbook(sample.path)
    assert book.sheetnames == ["Usulan SPBE"] and not sample.bad_rows and not sample.hidden_sheets
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:7] == ("No", "Perangkat Daerah", "Kode Sub Kegiatan", "Nama Aplikasi", "Uraian",
                           "Jenis Belanja", "Pagu (Rp)")  # fmt: skip
    assert all(isinstance(r[6], int) for r in rows[1:])
    assert len(rows) - 1 == sample.items == len(template_rows("35.19", with_bad_rows=False))


def test_flags_make_variants(tmp_path: Path) -> None:
    no_bad = write_template_workbook(tmp_path / "a.xlsx", "35.20", messy=replace(MESSY, bad_rows=False))
    assert not no_bad.bad_rows and no_bad.items == len(template_rows("35.20", with_bad_rows=False))
    padded = write_template_workbook(tmp_path / "b.xlsx", "35.20", n=60, messy=replace(CLEAN, bad_rows=True))
    assert padded.items == 60 and len(padded.bad_rows) == 3
    assert {b.problem for b in padded.bad_rows} == {"amount in words", "negative amount", "missing app name"}


@pytest.mark.parametrize("name", [name for name in BUNDLED if "_rka_" in name])
def test_sipd_subtotals_add_up(generated: dict[str, SampleFile], name: str) -> None:
    """Every account, [#] and [-] row equals the sum of its component lines (bar a deliberate mismatch)."""
    sample = generated[name]
    assert sample.layout == "sipd"
    amount_col = 11 if sample.variant == "rka-perubahan" else 6
    items = {(line.sheet, line.row): line.amount for line in sample.lines}
    book = CalamineWorkbook.from_path(str(sample.path))
    mismatches: list[tuple[str, int]] = []
    for sheet in sample.sheets:
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        shown: list[tuple[str, int, int]] = []  # (key, row, amount shown) of the block's subtotal rows
        sums: dict[str, int] = {}
        akun = ""
        for index, row in enumerate(rows, start=1):
            code, text = str(row[0]).strip(), str(row[1]).strip()
            if code == "Jumlah Anggaran Sub Kegiatan":
                mismatches += [(sheet, r) for key, r, value in shown if sums.get(key, 0) != value]
                shown, sums = [], {}
            elif re.fullmatch(r"5(\.\d+)*", code):
                akun = code
                shown.append((code, index, parse_amount(row[amount_col])))
            elif text.startswith(("[#]", "[-]")):
                shown.append((f"{akun}/{text[:3]}", index, parse_amount(row[amount_col])))
            elif (sheet, index) in items:
                parts = akun.split(".")
                for key in [".".join(parts[: i + 1]) for i in range(len(parts))] + [
                    f"{akun}/[#]",
                    f"{akun}/[-]",
                ]:
                    sums[key] = sums.get(key, 0) + items[(sheet, index)]
    assert mismatches == [(m.sheet, m.row) for m in sample.subtotal_mismatches]
    assert sum(items.values()) == sample.total


def test_big_workbook(tmp_path: Path) -> None:
    sample = write_big_template_workbook(tmp_path / "big.xlsx", rows=500, seed=1)
    rows = CalamineWorkbook.from_path(str(sample.path)).get_sheet_by_name("Usulan SPBE").to_python()
    assert len(rows) == 504 and rows[3][0] == "No" and sample.items == 500
    assert [line.row for line in sample.lines] == list(range(5, 505))


# --- the parser reads every sample as designed ----------------------------------------------------


def _parse_file() -> Callable[[Path], ParsedFile]:
    try:
        from clearance.ingest import parse_file
    except ImportError as exc:  # pragma: no cover - only while the parser is being written
        pytest.skip(f"clearance.ingest.parse_file cannot be imported yet: {exc}")
    return parse_file


@pytest.mark.parametrize("name", BUNDLED)
def test_every_sample_parses_as_designed(generated: dict[str, SampleFile], name: str) -> None:
    """Row accounting holds, exactly the deliberately bad rows are rejected, every item is read with its
    amount (and, for SIPD, its SPBE flag), and a deliberate subtotal mismatch is reported."""
    parse_file = _parse_file()
    sample = generated[name]
    parsed = parse_file(SAMPLES / name)
    where = name
    assert parsed.layout == sample.layout, where
    assert parsed.rows_read == len(parsed.lines) + len(parsed.rejected) + len(parsed.skipped), where

    def key(sheet: str, row: int) -> tuple[str, int]:
        return ("", row) if sample.format == "csv" else (sheet, row)  # a CSV's "sheet" is the parser's name

    assert sorted(key(i.sheet, i.row) for i in parsed.rejected) == sorted(
        key(b.sheet, b.row) for b in sample.bad_rows
    ), f"{where}: rejected rows differ: {[(i.sheet, i.row, i.reason) for i in parsed.rejected]}"
    got = {key(line.sheet, line.row): line for line in parsed.lines}
    want = {key(line.sheet, line.row): line for line in sample.lines}
    assert got.keys() == want.keys(), where
    assert {k: v.amount for k, v in got.items()} == {k: v.amount for k, v in want.items()}, where
    if sample.layout == "sipd":
        assert {k: v.is_spbe for k, v in got.items()} == {k: v.spbe for k, v in want.items()}, where
        for mismatch in sample.subtotal_mismatches:
            assert any(f'"{mismatch.sheet}", row {mismatch.row}' in w for w in parsed.warnings), (
                parsed.warnings
            )


def test_each_opd_submits_once_per_region() -> None:
    """A later file from the same OPD is a revision that replaces its lines, so a region's files must not
    share OPDs (otherwise the bundled set would silently lose lines)."""
    parse_file = _parse_file()
    by_region: dict[str, list[set[str]]] = {}
    with open(SAMPLES / "manifest.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            opds = {(line.opd or "").strip().casefold() for line in parse_file(SAMPLES / row["file"]).lines}
            by_region.setdefault(row["region_code"], []).append(opds)
    for region, files in by_region.items():
        for i, first in enumerate(files):
            for second in files[i + 1 :]:
                assert not first & second, f"{region}: OPDs in two files: {first & second}"
