"""Catalog versions in the database: merge by scope, replace, run-scoped versions, unchanged imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from catalog.load import CatalogError
from clearance.catalog_store import (
    RUN,
    catalog_apps,
    ensure_catalog,
    import_catalog_file,
    latest_version_id,
)

HEADER = "app_id,name,aliases,kind,owner,region_code,function,shareable\n"


def write(tmp_path: Path, name: str, rows: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def ids(session: Session, version: int) -> set[str]:
    return {a.app_id for a in catalog_apps(session, version)}


def test_a_region_file_updates_only_that_region(session: Session, tmp_path: Path) -> None:
    bundled = ensure_catalog(session)
    national = {i for i in ids(session, bundled) if i.startswith("nas-")}
    madiun = {i for i in ids(session, bundled) if i.startswith("ex-35.19-")}
    assert len(national) > 50 and len(madiun) > 10
    result = import_catalog_file(
        session,
        write(tmp_path, "madiun.csv", "ex-35.19-0001,Kertas Kerja Kinerja,,existing,BAPPEDA,35.19,kinerja,false\n"
                                       "ex-35.19-9999,SIMPEG Madiun,,existing,BKPSDM,35.19,kepegawaian,false\n"),
    )  # fmt: skip
    session.commit()
    assert result.scopes == ["35.19"] and result.added == ["ex-35.19-9999"]
    assert result.changed == ["ex-35.19-0001"] and set(result.retired) == madiun - {"ex-35.19-0001"}
    now = ids(session, result.version_id)
    assert national <= now and {"ex-35.19-0001", "ex-35.19-9999"} <= now
    assert any(i.startswith("ex-35.20-") for i in now)  # Magetan untouched
    assert latest_version_id(session) == result.version_id


def test_replace_and_run_scoped_versions(session: Session, tmp_path: Path) -> None:
    bundled = ensure_catalog(session)
    tiny = write(tmp_path, "tiny.csv", "nas-x,Aplikasi X,,shared,Kementerian X,,fungsi x,true\n")
    run = import_catalog_file(session, tiny, purpose=RUN)
    assert ids(session, run.version_id) == {"nas-x"}
    assert latest_version_id(session) == bundled  # a run's own catalog never becomes the catalog
    replaced = import_catalog_file(session, tiny, replace=True)
    assert latest_version_id(session) == replaced.version_id and replaced.apps == 1


def test_unchanged_import_makes_no_version_and_unknown_regions_are_rejected(
    session: Session, tmp_path: Path
) -> None:
    ensure_catalog(session)
    path = write(tmp_path, "a.csv", "ex-35.19-0500,Aplikasi A,,existing,Dinas,35.19,,false\n"
                                    "ex-99.99-1,Aplikasi B,,existing,Dinas,99.99,,false\n")  # fmt: skip
    first = import_catalog_file(session, path)
    assert [str(r) for r in first.rejects] and "99.99" in str(first.rejects[0])
    again = import_catalog_file(session, path)
    assert again.unchanged and again.version_id == first.version_id


def test_a_file_without_the_columns_is_refused(session: Session, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("nama,keterangan\nSIMPEG,kepegawaian\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="app_id"):
        import_catalog_file(session, bad)
