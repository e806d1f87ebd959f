"""The `clearance` command line: ingest output and exit codes, region checks, catalog import."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli import app

HEADER = ["Perangkat Daerah", "Nama Aplikasi", "Uraian", "Jenis Belanja", "Pagu (Rp)"]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    from clearance.config import get_settings
    from clearance.db import get_engine

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, [str(a) for a in args])
    get_settings.cache_clear()
    get_engine.cache_clear()


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


def test_ingest_prints_accounting_and_first_rejects(run, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "usulan[1].csv", [
        HEADER,
        ["Diskominfo", "[#] Portal Data", "portal satu data", "Pengembangan", "Rp 150.000.000"],
        ["", "", "", "", ""],
        ["Diskominfo", "SIMPEG", "kepegawaian", "Pembangunan", "seratus juta"],
        ["JUMLAH", "", "", "", "150.000.000"],
    ])  # fmt: skip
    result = run("ingest", path, "--region", "35.19", "--cycle", "2027")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "usulan[1].csv: submission 1, layout template"
    assert lines[1] == "  rows read 4 = ingested 1 + rejected 1 + skipped 2 (and 1 blank row)"
    assert lines[2].startswith('  rejected: sheet "usulan[1]", row 4, column "Pagu (Rp)": ')
    assert "seratus juta" in lines[2]
    again = run("ingest", path, "--region", "35.19", "--cycle", "2027")
    assert again.exit_code == 0 and "already ingested as submission 1 (same file)" in again.output


def test_ingest_exit_codes(run, tmp_path: Path) -> None:
    good = write_csv(
        tmp_path / "ok.csv", [HEADER, ["Dinkes", "SIMPUS", "puskesmas", "Pembangunan", "1000000"]]
    )
    bad = tmp_path / "laporan.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a workbook")
    result = run("ingest", bad, good, tmp_path / "missing.csv", "--region", "35.19", "--cycle", "2027")
    assert result.exit_code == 2
    assert "error: laporan.xlsx: not a spreadsheet: this is a PDF document" in result.output
    assert "ok.csv: submission 1, layout template" in result.output  # the other files still go in
    assert "missing.csv: no such file" in result.output
    unknown = run("ingest", good, "--region", "foo", "--cycle", "2027")
    assert unknown.exit_code == 2 and "unknown region code 'foo'" in unknown.output
    assert run("ingest", good, "--region", "35.19", "--cycle", "1").exit_code == 2


def test_catalog_import_updates_only_its_scope(run, tmp_path: Path) -> None:
    listed = run("catalog", "list", "--kind", "shared")
    assert listed.exit_code == 0 and "SRIKANDI" in listed.output
    inventory = tmp_path / "kab_malang.csv"
    inventory.write_text(
        "app_id,name,aliases,kind,owner,region_code,function,shareable\n"
        "ex-35.07-1,SIMPEG Kabupaten Malang,,existing,BKPSDM,35.07,kepegawaian,false\n"
        "ex-35.07-2,,,existing,BKPSDM,35.07,,false\n",
        encoding="utf-8",
    )
    result = run("catalog", "import", inventory)
    assert result.exit_code == 0, result.output
    assert "(scopes 35.07); added 1, changed 0, retired 0, rejected rows 1" in result.output
    assert "  added: ex-35.07-1" in result.output and "rejected: kab_malang.csv, row 3" in result.output
    assert "unchanged" in run("catalog", "import", inventory).output
    assert "SRIKANDI" in run("catalog", "list").output  # the national apps are still there
