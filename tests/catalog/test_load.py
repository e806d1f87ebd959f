"""Catalog import from CSV and XLSX: apps, rejects with row/column/reason, unusable files."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from catalog.load import CatalogError, load_catalog, load_catalogs, load_default_catalog, load_regions

HEADER = "app_id,name,aliases,kind,owner,region_code,function,shareable,note"
GOOD = [
    "nas-srikandi,SRIKANDI,Srikandi ANRI;srikandi.arsip,shared,ANRI,,persuratan;tata naskah dinas,true,",
    "ex-1,SIMPEG Kab. Sleman,Simpeg,existing,BKPSDM,34.04,kepegawaian,tidak,local",
    "ex-2,e-Office Sleman,,Existing,Diskominfo,34.04,,ya,",
]


def _csv(tmp_path: Path, rows: list[str], name: str = "catalog.csv", header: str = HEADER, **kw) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding=kw.get("encoding", "utf-8"))
    return path


def test_csv_apps(tmp_path: Path) -> None:
    loaded = load_catalog(_csv(tmp_path, GOOD))
    assert [a.app_id for a in loaded.apps] == ["nas-srikandi", "ex-1", "ex-2"]
    srikandi, simpeg, eoffice = loaded.apps
    assert srikandi.aliases == ("Srikandi ANRI", "srikandi.arsip")
    assert srikandi.function == ("persuratan", "tata naskah dinas")
    assert srikandi.kind == "shared" and srikandi.region_code is None and srikandi.shareable
    assert simpeg.region_code == "34.04" and simpeg.shareable is False and simpeg.note == "local"
    assert eoffice.kind == "existing" and eoffice.shareable is True
    assert loaded.rejects == [] and loaded.rows_read == 3


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (",NoId,,shared,,,,true,", "app_id", "app_id is empty"),
        ("x1,,,shared,,,,true,", "name", "name is empty"),
        ("x2,App,,nasional-ish,,,,true,", "kind", "is not shared or existing"),
        ("x3,App,,existing,,,,false,", "region_code", "needs a region_code"),
        ("x4,App,,shared,,,,mungkin,", "shareable", "is not true/false"),
        ("nas-srikandi,Again,,shared,,,,true,", "app_id", "duplicate app_id"),
    ],
)
def test_rejects_have_row_column_reason(tmp_path: Path, row: str, column: str, reason: str) -> None:
    loaded = load_catalog(_csv(tmp_path, [*GOOD, row]))
    assert len(loaded.apps) == 3
    (reject,) = loaded.rejects
    assert reject.row == 5 and reject.column == column and reason in reject.reason
    assert str(reject).startswith('catalog.csv, row 5, column "')


def test_unknown_region_rejected_when_regions_known(tmp_path: Path) -> None:
    loaded = load_catalog(_csv(tmp_path, GOOD), known_regions={"34.04"})
    assert len(loaded.apps) == 3
    loaded = load_catalog(_csv(tmp_path, GOOD), known_regions={"35.19"})
    assert [r.column for r in loaded.rejects] == ["region_code", "region_code"]


def test_shared_app_with_region_is_kept_with_a_warning(tmp_path: Path) -> None:
    loaded = load_catalog(_csv(tmp_path, ["nas-x,X,,shared,,35.19,,true,"]))
    assert loaded.apps[0].region_code is None and loaded.warnings


def test_semicolon_cp1252_and_header_variants(tmp_path: Path) -> None:
    header = "App ID;Name;Kind;Region Code;Shareable"
    rows = ["ex-9;Aplikasi Pengaduan Warga Kota Pekalongan–Lama;existing;33.75;1"]
    path = _csv(tmp_path, rows, header=header, encoding="cp1252")
    (app,) = load_catalog(path).apps
    assert app.name.startswith("Aplikasi Pengaduan") and app.shareable and app.region_code == "33.75"


def test_xlsx_with_title_block_and_numeric_region(tmp_path: Path) -> None:
    path = tmp_path / "katalog.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Katalog Aplikasi Kabupaten Madiun"])
    sheet.append([])
    sheet.append(["app_id", "name", "aliases", "kind", "owner", "region_code", "function", "shareable"])
    sheet.append(["ex-1", "SIMPEG", "Simpeg;E Pegawai", "existing", "BKPSDM", 35.1, "kepegawaian", True])
    sheet.append(["ex-2", "", "", "existing", "", "35.19", "", False])
    book.save(path)
    loaded = load_catalog(path)
    (app,) = loaded.apps
    assert app.region_code == "35.10" and app.aliases == ("Simpeg", "E Pegawai") and app.shareable
    (reject,) = loaded.rejects
    assert (reject.file, reject.row, reject.column) == ("katalog.xlsx", 5, "name")


def test_missing_columns_raise_with_names(tmp_path: Path) -> None:
    path = _csv(tmp_path, ["a,b"], header="id,title")
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    assert err.value.missing == ("app_id", "name", "kind")
    assert "catalog.csv" in str(err.value) and "missing columns: app_id, name, kind" in str(err.value)


def test_not_a_catalog_file(tmp_path: Path) -> None:
    path = tmp_path / "catalog.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(CatalogError, match=r"catalog\.pdf.*not a CSV or XLSX"):
        load_catalog(path)
    with pytest.raises(CatalogError, match="file not found"):
        load_catalog(tmp_path / "nothing.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(CatalogError, match=r"broken\.xlsx.*not a readable XLSX"):
        load_catalog(broken)


def test_duplicates_across_files(tmp_path: Path) -> None:
    first = _csv(tmp_path, GOOD, name="national.csv")
    second = _csv(tmp_path, ["ex-1,Other,,existing,,35.19,,false,"], name="35.19.csv")
    loaded = load_catalogs([first, second])
    assert len(loaded.apps) == 3
    assert "duplicate app_id" in loaded.rejects[0].reason and loaded.rejects[0].file == "35.19.csv"


def test_bundled_catalog_and_regions() -> None:
    loaded = load_default_catalog()
    assert loaded.rejects == []
    assert any(a.app_id == "nas-srikandi" for a in loaded.apps)
    regions = load_regions()
    if regions:  # data/catalog/wilayah.csv
        assert len(regions) == 552
        assert all(r.code and r.name for r in regions.values())
