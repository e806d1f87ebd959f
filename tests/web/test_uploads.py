"""Uploads through the API and the pages: real ingest, real clearance run, report download, limits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session

from clearance.config import Settings
from clearance.models import BudgetLine, Submission
from clearance.samples import template_rows, write_template_workbook
from clearance.web.app import create_app, upload_body_limit
from clearance.web.upload_service import MAX_FILES

A, B, CYCLE = "35.19", "35.20", 2027
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template_workbook(tmp_path_factory.mktemp("samples") / "usulan-madiun.xlsx", A).path


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = template_rows(A, with_bad_rows=False)[:6]
    return write_template_workbook(
        tmp_path_factory.mktemp("samples") / "usulan-revisi.xlsx", A, rows=rows
    ).path


def _files(*paths: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), XLSX)) for p in paths]


def _count(engine, model) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_api_upload_ingests_runs_and_reports(client: TestClient, login, app, sample: Path) -> None:
    login("planner_a")
    r = client.post("/api/uploads", data={"cycle": CYCLE}, files=_files(sample))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["region_code"] == A and body["run"]["status"] == "running"
    (f,) = body["files"]
    assert f["rows_read"] == f["ingested"] + f["rejected"] + f["skipped"] and f["ingested"] > 0
    assert f["rejected"] == 3 and all(i["row"] > 0 and i["reason"] for i in f["issues"])
    job = app.state.registry.wait(A, CYCLE)
    assert job.status == "done", job.error
    status = client.get(f"/api/regions/{A}/cycles/{CYCLE}/run").json()
    assert status["status"] == "done" and status["run_id"]
    results = client.get(f"/api/regions/{A}/cycles/{CYCLE}/results").json()
    assert results["totals"]["lines"] == f["ingested"]
    assert sum(o["lines"] for o in results["opds"]) == f["ingested"]
    assert {d["outcome"] for d in results["decisions"]} & {"USE_SHARED_APP", "CONSOLIDATE", "NEEDS_REVIEW"}
    report = client.get(f"/api/regions/{A}/cycles/{CYCLE}/report")
    assert report.status_code == 200 and report.headers["content-type"] == XLSX
    assert (
        report.content[:2] == b"PK" and f"clearance-{A}-{CYCLE}.xlsx" in report.headers["content-disposition"]
    )
    subs = client.get(f"/api/regions/{A}/cycles/{CYCLE}/submissions").json()
    assert [s["submission_id"] for s in subs] == [f["submission_id"]]
    one = client.get(f"/api/submissions/{f['submission_id']}").json()
    assert len(one["issues"]) == f["rejected"] + f["skipped"]


def test_page_upload_shows_ingest_result_progress_and_results(
    client: TestClient, login, app, sample: Path, revised: Path
) -> None:
    token = login("planner_a", via="page")
    page = client.get("/unggah")
    assert page.status_code == 200 and 'name="files"' in page.text and "data-dropzone" in page.text
    r = client.post(
        "/unggah",
        data={"cycle": CYCLE, "region": A, "csrf_token": token},
        files=_files(sample),
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith(f"/hasil/{A}/{CYCLE}?unggahan=")
    result = client.get(r.headers["location"])
    assert "Hasil pembacaan: usulan-madiun.xlsx" in result.text
    assert 'data-count="rejected">3<' in result.text and "Baris ditolak" in result.text
    assert "data-run-status" in result.text
    assert app.state.registry.wait(A, CYCLE).status == "done"
    done = client.get(r.headers["location"])
    assert "Hasil per OPD" in done.text and "Kliring selesai" in done.text
    download = client.get(f"/hasil/{A}/{CYCLE}/laporan.xlsx")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    # a revised file replaces the same OPDs' earlier lines
    r2 = client.post(
        "/unggah",
        data={"cycle": CYCLE, "region": A, "csrf_token": token},
        files=_files(revised),
        follow_redirects=False,
    )
    assert r2.status_code == 303
    assert "baris lama digantikan" in client.get(r2.headers["location"]).text
    assert app.state.registry.wait(A, CYCLE).status == "done"


def test_same_file_twice_changes_nothing(client: TestClient, login, app, sample: Path, engine) -> None:
    login("planner_a")
    first = client.post("/api/uploads", data={"cycle": CYCLE}, files=_files(sample)).json()
    app.state.registry.wait(A, CYCLE)
    again = client.post("/api/uploads", data={"cycle": CYCLE}, files=_files(sample)).json()
    assert again["files"][0]["duplicate_of"] == first["files"][0]["submission_id"]
    assert _count(engine, Submission) == 1


def test_wrong_type_and_unreadable_files_store_nothing(
    client: TestClient, login, engine, sample: Path
) -> None:
    token = login("planner_a")
    pdf = ("files", ("laporan.pdf", b"%PDF-1.4 not a sheet", "application/pdf"))
    r = client.post("/api/uploads", data={"cycle": CYCLE}, files=[pdf])
    assert r.status_code == 415 and "Jenis berkas tidak diterima" in r.json()["detail"][0]["summary"]
    disguised = ("files", ("usulan.xlsx", b"%PDF-1.4 not a sheet", XLSX))
    r = client.post("/api/uploads", data={"cycle": CYCLE}, files=[*_files(sample), disguised])
    assert r.status_code == 422
    (problem,) = r.json()["detail"]
    assert problem["file"] == "usulan.xlsx" and "PDF" in problem["detail"]
    assert _count(engine, Submission) == 0 and _count(engine, BudgetLine) == 0  # all or nothing
    login("planner_a", via="page")
    token = client.get("/api/me").json()["csrf_token"]
    page = client.post("/unggah", data={"cycle": CYCLE, "region": A, "csrf_token": token}, files=[disguised])
    assert page.status_code == 422
    assert "Unggahan ditolak" in page.text and "not a spreadsheet" in page.text and "Keterangan" in page.text
    page = client.post("/unggah", data={"cycle": CYCLE, "region": A, "csrf_token": token}, files=[pdf])
    assert page.status_code == 422 and "Jenis berkas tidak diterima (.pdf)" in page.text


def test_upload_size_limits(engine, app, tmp_path: Path, sample: Path) -> None:
    """The body cap is MAX_FILES x max_file_bytes (+ the form), as the page says; 413s are Indonesian."""
    settings = Settings(home=tmp_path, secret_key="s" * 48, max_file_bytes=1 << 20)
    small = create_app(engine, out_dir=tmp_path / "r", settings=settings)
    limit = upload_body_limit(settings)
    assert limit == MAX_FILES * (1 << 20) + (1 << 20)
    with TestClient(small) as c:
        token = c.post(
            "/api/auth/login", json={"username": "planner_a", "password": "rahasia-kuat-123"}
        ).json()["csrf_token"]
        c.headers["X-CSRF-Token"] = token
        big = ("files", ("besar.csv", b"a;b\n" + b"x;1\n" * 270_000, "text/csv"))  # just over 1 MB
        r = c.post("/api/uploads", data={"cycle": CYCLE}, files=[big])
        assert (
            r.status_code == 413 and r.json()["detail"][0]["summary"] == "Berkas terlalu besar (batas 1 MB)."
        )
        # four files of 0.9 MB: more than the old cap of two files, within ten files of 1 MB
        four = [("files", (f"u{i}.csv", b"x" * 900_000, "text/csv")) for i in range(4)]
        r = c.post("/api/uploads", data={"cycle": CYCLE}, files=four)
        assert r.status_code != 413 and "terlalu besar" not in r.text
        huge = ("files", ("huge.csv", io.BytesIO(b"x" * (limit + 10)), "text/csv"))
        r = c.post("/api/uploads", data={"cycle": CYCLE}, files=[huge])
        assert r.status_code == 413 and r.json() == {
            "detail": f"request body too large (limit {limit} bytes)"
        }
        page = c.get("/unggah")
        assert f"maks. {MAX_FILES} berkas, 1 MB per berkas" in page.text
        r = c.post("/unggah", data={"cycle": CYCLE, "region": A, "csrf_token": token}, files=[huge])
        assert r.status_code == 413 and r.headers["content-type"].startswith("text/html")
        assert "Kiriman terlalu besar" in r.text and "Kode 413" in r.text and "planner_a" in r.text  # menu
        assert f"batasnya 11 MB per unggahan (paling banyak {MAX_FILES} berkas, 1 MB per berkas)" in r.text
        # any other request: 1 MB, also when streamed without Content-Length
        chunks = iter([b"username=" + b"x" * 600_000, b"x" * 600_000])
        form = {"content-type": "application/x-www-form-urlencoded"}
        r = c.post("/login", content=chunks, headers=form)
        assert r.status_code == 413 and "Permintaan terlalu besar: batasnya 1 MB per kiriman." in r.text
        r = c.post("/api/review/bulk-confirm", json={"line_ids": [1] * 700_000})
        assert r.status_code == 413 and "too large" in r.json()["detail"]
    assert _count(engine, Submission) == 0


def test_planner_cannot_upload_for_another_region_nor_auditor_at_all(
    client: TestClient, login, sample: Path
) -> None:
    token = login("planner_a")
    assert (
        client.post("/api/uploads", data={"cycle": CYCLE, "region": B}, files=_files(sample)).status_code
        == 403
    )
    page = client.post(
        "/unggah", data={"cycle": CYCLE, "region": B, "csrf_token": token}, files=_files(sample)
    )
    assert page.status_code == 403 and "Akses ditolak" in page.text
    login("auditor_all")
    assert (
        client.post("/api/uploads", data={"cycle": CYCLE, "region": A}, files=_files(sample)).status_code
        == 403
    )
    assert client.get("/unggah").status_code == 403


def test_admin_uploads_for_any_region_and_runs_again(client: TestClient, login, app, sample: Path) -> None:
    login("admin")
    r = client.post("/api/uploads", data={"cycle": CYCLE, "region": B}, files=_files(sample))
    assert r.status_code == 201 and r.json()["region_code"] == B
    app.state.registry.wait(B, CYCLE)
    again = client.post(f"/api/regions/{B}/cycles/{CYCLE}/run")
    assert again.status_code == 202 and again.json()["status"] == "running"
    assert app.state.registry.wait(B, CYCLE).status == "done"
    assert (
        client.post("/api/uploads", data={"cycle": 1900, "region": B}, files=_files(sample)).status_code
        == 422
    )


def test_report_is_rewritten_after_an_auditor_acts(client: TestClient, login, app, sample: Path) -> None:
    from openpyxl import load_workbook

    login("planner_a")
    client.post("/api/uploads", data={"cycle": CYCLE}, files=_files(sample))
    app.state.registry.wait(A, CYCLE)
    assert client.get(f"/api/regions/{A}/cycles/{CYCLE}/report").status_code == 200
    path = app.state.registry.out_dir(A, CYCLE) / f"clearance-{A}-{CYCLE}.xlsx"
    first = path.stat().st_mtime_ns
    login("auditor_a")
    flag = client.get("/api/review/queue", params={"cycle": CYCLE}).json()["items"][0]["line_id"]
    assert (
        client.post(f"/api/review/lines/{flag}/overturn", json={"note": "catatan-auditor-xyz"}).status_code
        == 200
    )
    login("planner_a")
    report = client.get(f"/api/regions/{A}/cycles/{CYCLE}/report")
    assert report.status_code == 200 and path.stat().st_mtime_ns > first
    cells = {
        str(c.value)
        for ws in load_workbook(io.BytesIO(report.content))
        for row in ws.iter_rows()
        for c in row
    }
    assert "catatan-auditor-xyz" in cells


def test_a_failed_run_is_reported(engine, app, tmp_path: Path, sample: Path) -> None:
    def broken(engine, **kwargs):
        raise RuntimeError("catalog unavailable")

    failing = create_app(
        engine, out_dir=tmp_path / "r", settings=Settings(home=tmp_path, secret_key="f" * 48), runner=broken
    )
    with TestClient(failing) as c:
        token = c.post(
            "/api/auth/login", json={"username": "planner_a", "password": "rahasia-kuat-123"}
        ).json()
        c.headers["X-CSRF-Token"] = token["csrf_token"]
        assert c.post("/api/uploads", data={"cycle": CYCLE}, files=_files(sample)).status_code == 201
        assert failing.state.registry.wait(A, CYCLE).status == "failed"
        status = c.get(f"/api/regions/{A}/cycles/{CYCLE}/run").json()
        assert status["status"] == "failed" and "catalog unavailable" in status["message"]
        page = c.get(f"/hasil/{A}/{CYCLE}").text
        assert "Kliring gagal" in page and "catalog unavailable" in page
        assert c.get(f"/api/regions/{A}/cycles/{CYCLE}/report").status_code == 404
