"""The web app in a real browser: Playwright driving Debian's Chromium against uvicorn on a free port.

Chromium comes from apt (`playwright install` cannot download here): the session fixture installs it
when it is missing and the tests run as root; otherwise the tests skip, except with CI=true, where they
fail. Screenshots of the main pages go to docs/screenshots/."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "rahasia-kuat-123"
A, B, CYCLE = "35.19", "35.20", 2027
RUN_DELAY = 2.0  # seconds the web app's runs wait first, so the progress display is seen


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"browser tests are required with CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, installed with apt-get when missing and we are root."""
    if not os.path.exists(CHROMIUM):
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            _unavailable(f"{CHROMIUM} is missing; install it with `apt-get install -y chromium` (needs root)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        done = subprocess.run(
            "apt-get update -qq && apt-get install -y -qq chromium",
            shell=True,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if done.returncode != 0 or not os.path.exists(CHROMIUM):
            _unavailable(f"apt-get install chromium failed ({done.returncode}): {done.stderr[-500:]}")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - a dev dependency
        _unavailable(f"playwright is not installed: {exc}")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _slow_runner(engine, **kwargs):
    from clearance.web.jobs import default_runner

    time.sleep(RUN_DELAY)
    return default_runner()(engine, **kwargs)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The real app under uvicorn with a temp SQLite database, users, and region B's data."""
    import uvicorn
    from sqlmodel import Session

    from clearance.config import Settings
    from clearance.db import make_engine, migrate, session_scope
    from clearance.run import run_region
    from clearance.samples import write_template_workbook
    from clearance.submissions import ingest_file
    from clearance.users import create_user
    from clearance.web.app import create_app

    tmp = tmp_path_factory.mktemp("browser")
    engine = make_engine(f"sqlite:///{tmp / 'web.db'}")
    migrate(engine)
    with Session(engine) as s:
        for name, role, regions in (
            ("perencana.madiun", "planner", [A]),
            ("perencana.magetan", "planner", [B]),
            ("auditor", "auditor", ["*"]),
            ("admin", "admin", []),
        ):
            create_user(s, name, PASSWORD, role, regions)
        s.commit()
    other = write_template_workbook(tmp / "usulan-magetan.xlsx", B).path
    with session_scope(engine) as s:
        ingest_file(s, other, region_code=B, cycle=CYCLE, uploader="perencana.magetan")
    run_region(engine, region_code=B, cycle=CYCLE, out_dir=tmp / "reports" / str(CYCLE) / B)
    app = create_app(
        engine,
        out_dir=tmp / "reports",
        settings=Settings(home=tmp, secret_key="b" * 48),
        runner=_slow_runner,
    )
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield {"url": f"http://127.0.0.1:{port}", "app": app, "tmp": tmp, "engine": engine}
    uv.should_exit = True
    thread.join(10)
    engine.dispose()


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    context = browser.new_context(
        base_url=server["url"], viewport={"width": 1366, "height": 900}, accept_downloads=True, locale="id-ID"
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


def login(page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def shot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def drop_file(page, selector: str, path: Path) -> None:
    """Drag-and-drop a file onto the drop zone (a DataTransfer built in the page)."""
    data = base64.b64encode(path.read_bytes()).decode()
    transfer = page.evaluate_handle(
        """([b64, name]) => {
            const bin = atob(b64);
            const bytes = new Uint8Array(bin.length);
            for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name, {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}));
            return dt;
        }""",
        [data, path.name],
    )
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def queue_total(page) -> int:
    return int(page.get_by_role("heading", name="temuan").inner_text().split()[0].replace(".", ""))


def test_login_page(page) -> None:
    page.goto("/login")
    assert page.get_by_role("heading", name="Masuk").is_visible()
    shot(page, "login", full_page=False)


def test_planner_uploads_sees_progress_results_and_downloads(page, server) -> None:
    from clearance.samples import template_rows, write_template_workbook

    sample = write_template_workbook(server["tmp"] / "usulan-madiun-2027.xlsx", A).path
    login(page, "perencana.madiun")
    assert page.url.endswith("/unggah")
    drop_file(page, "[data-dropzone]", sample)
    assert page.locator("[data-file-list] li").first.inner_text().startswith("usulan-madiun-2027.xlsx")
    shot(page, "upload")
    page.get_by_role("button", name="Unggah dan jalankan kliring").click()
    page.wait_for_url(f"**/hasil/{A}/{CYCLE}?unggahan=*")
    assert page.get_by_role("heading", name="Hasil pembacaan: usulan-madiun-2027.xlsx").is_visible()
    counts = {
        k: int(page.locator(f'[data-count="{k}"]').inner_text())
        for k in ("read", "ingested", "rejected", "skipped")
    }
    assert (
        counts["read"] == counts["ingested"] + counts["rejected"] + counts["skipped"]
        and counts["rejected"] == 3
    )
    assert page.locator('table[data-issues="rejected"] tbody tr').count() == 3
    step = page.locator("[data-run-step]")
    assert "…" in step.inner_text()  # running: the page polls the run status
    page.get_by_text("Kliring selesai").wait_for(timeout=30_000)  # the page reloads itself when done
    assert page.get_by_role("heading", name="Hasil per OPD").is_visible()
    assert page.locator("details.opd").count() >= 3
    shot(page, "result")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh laporan Excel").click()
    download = info.value
    assert download.suggested_filename == f"clearance-{A}-{CYCLE}.xlsx"
    with zipfile.ZipFile(download.path()) as zf:
        assert "xl/workbook.xml" in zf.namelist()
    # a revised file, through the file picker
    revised = write_template_workbook(
        server["tmp"] / "usulan-madiun-revisi.xlsx", A, rows=template_rows(A, with_bad_rows=False)[:5]
    ).path
    page.get_by_role("link", name="Unggah revisi").click()
    page.set_input_files("#files", str(revised))
    page.get_by_role("button", name="Unggah dan jalankan kliring").click()
    page.wait_for_url("**/hasil/**")
    assert page.get_by_text("baris lama digantikan").is_visible()
    page.get_by_text("Kliring selesai").wait_for(timeout=30_000)


def test_unreadable_upload_is_explained(page, server) -> None:
    bad = server["tmp"] / "bukan-excel.xlsx"
    bad.write_bytes(b"%PDF-1.4 this is not a workbook")
    login(page, "perencana.madiun")
    page.set_input_files("#files", str(bad))
    page.get_by_role("button", name="Unggah dan jalankan kliring").click()
    alert = page.get_by_role("alert")
    assert "Unggahan ditolak" in alert.inner_text() and "PDF" in alert.inner_text()


def test_review_queue_keyboard_and_bulk_confirm(page, server) -> None:
    server["app"].state.registry.wait(A, CYCLE, timeout=60)
    login(page, "auditor")
    assert page.url.endswith("/reviu")
    rows = page.locator("tr[data-line]")
    assert rows.count() >= 3
    shot(page, "review-queue")
    page.keyboard.press("j")
    assert "current" in (rows.nth(0).get_attribute("class") or "")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert rows.nth(1).locator("input[type=checkbox]").is_checked()
    page.keyboard.press("?")
    assert page.locator("dialog#help").is_visible()
    page.keyboard.press("Escape")
    total_before = queue_total(page)
    page.keyboard.press("b")
    page.get_by_text("2 baris dikonfirmasi").wait_for()
    assert queue_total(page) == total_before - 2
    page.keyboard.press("j")
    page.keyboard.press("c")  # confirm the selected row, back to the queue
    page.get_by_role("status").filter(has_text="dikonfirmasi").wait_for()
    assert page.url.split("?")[0].endswith("/reviu") and queue_total(page) == total_before - 3


def test_review_detail_keyboard_actions_and_audit_trail(page, server) -> None:
    server["app"].state.registry.wait(A, CYCLE, timeout=60)
    login(page, "auditor")
    page.goto("/reviu?outcome=USE_SHARED_APP")
    page.keyboard.press("j")
    page.keyboard.press("o")  # opens the focused row
    page.wait_for_url("**/reviu/*")
    assert page.get_by_role("heading", name="Aplikasi yang cocok").is_visible()
    assert page.get_by_role("heading", name="Skor dan penjelasan").is_visible()
    shot(page, "review-detail")
    first = page.url
    page.keyboard.press("o")  # overturn: focus the required note
    assert page.evaluate("document.activeElement.id") == "overturn-note"
    page.keyboard.type("Aplikasi khusus RSUD, bukan persuratan umum")
    page.keyboard.press("Control+Enter")
    page.get_by_text("dibatalkan: kini Disetujui").wait_for()
    assert page.url != first  # went on to the next flag
    page.keyboard.press("c")  # confirm this one
    page.get_by_text("dikonfirmasi.").wait_for()
    page.goto(first.split("?")[0])
    trail = page.locator("[data-trail]")
    assert "Dibatalkan" in trail.inner_text() and "Aplikasi khusus RSUD" in trail.inner_text()


def test_dashboard(page, server) -> None:
    server["app"].state.registry.wait(A, CYCLE, timeout=60)
    login(page, "admin")
    page.goto(f"/dasbor?cycle={CYCLE}")
    assert page.get_by_role("heading", name="Pagu per keputusan").is_visible()
    assert page.locator("svg.bar rect").count() > 5
    shot(page, "dashboard")


def test_planner_cannot_open_another_regions_pages(page, server) -> None:
    login(page, "perencana.madiun")
    for path in (f"/hasil/{B}/{CYCLE}", f"/hasil/{B}/{CYCLE}/laporan.xlsx", f"/dasbor?region={B}", "/reviu"):
        response = page.goto(path)
        assert response.status == 403, path
        assert page.get_by_role("heading", name="Akses ditolak").is_visible()
    response = page.goto(f"/api/regions/{B}/cycles/{CYCLE}/results")
    assert response.status == 403
    page.goto(f"/hasil/{A}/{CYCLE}")
    assert "Magetan" not in page.locator("main").inner_text()
