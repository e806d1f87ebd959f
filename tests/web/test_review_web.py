"""Review queue, detail and actions through the API and the pages; dashboard; results pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session

from clearance.models import AuditLog, CatalogEntry, ReviewDecision, SuppressedMatch


def _queue(client: TestClient, **params) -> dict:
    r = client.get("/api/review/queue", params={"cycle": 2027, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_queue_scope_filters_and_paging(client: TestClient, login, seeded) -> None:
    login("auditor_a")
    q = _queue(client)
    assert q["total"] == 4 and {i["region_code"] for i in q["items"]} == {seeded.a}
    assert seeded.lines["a_cleared"] not in [i["line_id"] for i in q["items"]]
    login("auditor_all")
    assert _queue(client)["total"] == 6
    assert _queue(client, region=seeded.b)["total"] == 2
    assert _queue(client, outcome="CONSOLIDATE")["total"] == 3
    assert _queue(client, rule="R4")["total"] == 2
    assert [i["line_id"] for i in _queue(client, opd="BKPSDM")["items"]] == [
        seeded.lines["a_consolidate"],
        seeded.lines["a_review"],
    ]
    assert {i["line_id"] for i in _queue(client, min_score=85, max_score=91)["items"]} == {
        seeded.lines["a_consolidate"],
        seeded.lines["b_shared"],
    }
    paged = _queue(client, per_page=4, page=2)
    assert paged["pages"] == 2 and len(paged["items"]) == 2
    assert client.get("/api/review/queue", params={"cycle": 2027, "outcome": "CLEARED"}).status_code == 422
    client.post(f"/api/review/lines/{seeded.lines['a_shared']}/confirm", json={})
    assert _queue(client)["total"] == 5
    reviewed = _queue(client, status="reviewed")["items"]
    assert [(i["line_id"], i["reviewed_by"]) for i in reviewed] == [(seeded.lines["a_shared"], "auditor_all")]


def test_confirm_overturn_repoint_and_audit_trail_via_api(client: TestClient, login, seeded, engine) -> None:
    login("auditor_a")
    line = seeded.lines["a_review"]
    assert client.post(f"/api/review/lines/{line}/overturn", json={"note": ""}).status_code == 422
    r = client.post(f"/api/review/lines/{line}/confirm", json={"note": "sesuai"})
    assert r.status_code == 200 and r.json()["outcome"] == "NEEDS_REVIEW"
    r = client.post(
        f"/api/review/lines/{line}/repoint", json={"app_id": "reg-3519-simpeg", "note": "aplikasi daerah"}
    )
    assert r.json()["outcome"] == "CONSOLIDATE" and r.json()["matched_app_id"] == "reg-3519-simpeg"
    r = client.post(f"/api/review/lines/{line}/repoint", json={"app_id": "reg-3520-sipkd"})
    assert r.json()["outcome"] == "USE_SHARED_APP"
    r = client.post(f"/api/review/lines/{line}/repoint", json={"app_id": "reg-3520-private"})
    assert r.status_code == 422 and "not shareable" in r.json()["detail"]
    r = client.post(f"/api/review/lines/{line}/repoint", json={"group": seeded.group})
    assert r.json()["outcome"] == "CONSOLIDATE" and r.json()["duplicate_group"] == seeded.group
    assert client.post(f"/api/review/lines/{line}/repoint", json={"app_id": "nope"}).status_code == 422
    r = client.post(f"/api/review/lines/{line}/overturn", json={"note": "kebutuhan khusus daerah"})
    assert r.json()["outcome"] == "CLEARED"
    trail = client.get(f"/api/review/lines/{line}/audit").json()
    assert [a["action"] for a in trail] == ["confirm", "repoint", "repoint", "repoint", "overturn"]
    assert trail[0]["before"]["outcome"] == "NEEDS_REVIEW" and trail[-1]["after"]["outcome"] == "CLEARED"
    assert trail[-1]["note"] == "kebutuhan khusus daerah" and trail[-1]["username"] == "auditor_a"
    detail = client.get(f"/api/review/lines/{line}").json()
    assert detail["current_outcome"] == "CLEARED" and detail["engine"]["outcome"] == "NEEDS_REVIEW"
    assert len(detail["audit"]) == 5
    with Session(engine) as s:
        active = s.scalars(select(ReviewDecision).where(ReviewDecision.active.is_(True))).all()
    assert [r.action for r in active] == ["overturn"]
    results = client.get("/api/regions/35.19/cycles/2027/results").json()
    row = next(d for d in results["decisions"] if d["line_id"] == line)
    assert row["outcome"] == "CLEARED" and row["reviewed_by"] == "auditor_a"


def test_not_duplicate_and_bulk_confirm_via_api(client: TestClient, login, seeded, engine) -> None:
    login("auditor_all")
    line = seeded.lines["a_group"]
    r = client.post(f"/api/review/lines/{line}/not-duplicate", json={"note": "beda fungsi"})
    assert r.status_code == 200 and r.json()["outcome"] == "CLEARED"
    with Session(engine) as s:
        assert [m.target for m in s.scalars(select(SuppressedMatch)).all()] == [f"group:{seeded.group}"]
    ids = [seeded.lines["a_shared"], seeded.lines["b_shared"], seeded.lines["b_group"]]
    r = client.post("/api/review/bulk-confirm", json={"line_ids": ids})
    assert r.status_code == 200 and [x["line_id"] for x in r.json()] == ids
    r = client.post("/api/review/bulk-confirm", json={"line_ids": [seeded.lines["a_cleared"]]})
    assert r.status_code == 422 and "not flagged" in r.json()["detail"]


def test_auditor_of_one_region_cannot_touch_another(client: TestClient, login, seeded, engine) -> None:
    login("auditor_a")
    other = seeded.lines["b_shared"]
    assert client.get(f"/api/review/lines/{other}").status_code == 403
    assert client.get(f"/api/review/lines/{other}/audit").status_code == 403
    assert client.post(f"/api/review/lines/{other}/confirm", json={}).status_code == 403
    both = [seeded.lines["a_shared"], other]
    assert client.post("/api/review/bulk-confirm", json={"line_ids": both}).status_code == 403
    assert client.get("/api/review/queue", params={"cycle": 2027, "region": seeded.b}).status_code == 403
    assert client.get(f"/reviu/{other}").status_code == 403
    assert client.get("/api/review/lines/999999").status_code == 404
    with Session(engine) as s:
        assert s.scalars(select(ReviewDecision)).all() == []  # bulk is all or nothing


PLANNER_B_FORBIDDEN_GETS = [
    "/hasil/35.20/2027",
    "/hasil/35.20/2027/laporan.xlsx",
    "/dasbor?region=35.20",
    "/unggah?region=35.20",
    "/api/regions/35.20/cycles/2027/results",
    "/api/regions/35.20/cycles/2027/submissions",
    "/api/regions/35.20/cycles/2027/run",
    "/api/regions/35.20/cycles/2027/report",
    "/api/dashboard?cycle=2027&region=35.20",
]


@pytest.mark.parametrize("path", PLANNER_B_FORBIDDEN_GETS)
def test_planner_never_reads_another_region(client: TestClient, login, seeded, path: str) -> None:
    login("planner_a")
    assert client.get(path).status_code == 403


def test_planner_never_changes_another_region_nor_reviews(client: TestClient, login, seeded, engine) -> None:
    token = login("planner_a")
    b_line, a_line = seeded.lines["b_shared"], seeded.lines["a_shared"]
    assert client.get(f"/api/submissions/{seeded.submissions['b']}").status_code == 403
    assert client.post("/api/regions/35.20/cycles/2027/run").status_code == 403
    for line in (a_line, b_line):
        assert client.post(f"/api/review/lines/{line}/confirm", json={}).status_code == 403
        assert client.post(f"/api/review/lines/{line}/overturn", json={"note": "x"}).status_code == 403
        assert client.get(f"/api/review/lines/{line}").status_code == 403
    assert (
        client.post("/api/catalog/aliases", json={"app_id": "nas-srikandi", "alias": "x"}).status_code == 403
    )
    client.headers.pop("X-CSRF-Token")
    for path in ("/reviu", f"/reviu/{b_line}", f"/reviu/{a_line}"):
        assert client.get(path).status_code == 403
    page = client.post(f"/reviu/{b_line}/batalkan", data={"note": "x", "csrf_token": token})
    assert page.status_code == 403 and "Akses ditolak" in page.text
    assert client.post("/hasil/35.20/2027/jalankan", data={"csrf_token": token}).status_code == 403
    with Session(engine) as s:
        assert s.scalars(select(ReviewDecision)).all() == []
        assert s.scalars(select(AuditLog).where(AuditLog.line_id.is_not(None))).all() == []
    own = client.get("/api/dashboard", params={"cycle": 2027}).json()
    assert own["totals"]["lines"] == 5 and [r["region"] for r in own["by_region"]] == ["35.19 Kab. Madiun"]
    assert "e-Office Kabupaten" not in client.get("/hasil/35.19/2027").text
    assert client.get("/hasil", follow_redirects=False).headers["location"] == "/hasil/35.19/2027"


def test_results_page_per_opd(client: TestClient, login, seeded) -> None:
    login("planner_a", via="page")
    page = client.get("/hasil/35.19/2027").text
    assert "Hasil per OPD" in page and "BKPSDM" in page and "Dinas Pariwisata" in page
    assert "Gunakan Aplikasi Umum" in page and "Tindak lanjut" in page
    assert re.search(r"Kliring selesai", page)


def test_review_pages_and_form_actions(client: TestClient, login, seeded) -> None:
    token = login("auditor_all", via="page")
    queue = client.get("/reviu?status=open")
    assert queue.status_code == 200 and "6 temuan" in queue.text and 'data-line="' in queue.text
    filtered = client.get("/reviu?outcome=CONSOLIDATE&region=35.19")
    assert "2 temuan" in filtered.text
    line = seeded.lines["a_shared"]
    detail = client.get(f"/reviu/{line}?outcome=USE_SHARED_APP")
    assert detail.status_code == 200
    for text in (
        "Aplikasi Surat Menyurat Elektronik",
        "SRIKANDI",
        "Kandidat lain",
        "token_sort_ratio",
        "Jejak audit",
    ):
        assert text in detail.text
    nxt = re.search(r'href="/reviu/(\d+)\?outcome=USE_SHARED_APP" data-next', detail.text)
    assert nxt and int(nxt.group(1)) == seeded.lines["b_shared"]
    r = client.post(
        f"/reviu/{line}/batalkan", data={"note": "  ", "csrf_token": token, "qs": "outcome=USE_SHARED_APP"}
    )
    assert "Tidak tersimpan: Pembatalan temuan wajib disertai catatan alasan." in r.text
    assert "needs a note" not in r.text
    r = client.post(
        f"/reviu/{line}/konfirmasi",
        data={"note": "", "csrf_token": token, "next": nxt.group(1), "qs": "outcome=USE_SHARED_APP"},
        follow_redirects=False,
    )
    assert r.headers["location"] == f"/reviu/{nxt.group(1)}?outcome=USE_SHARED_APP"
    page = client.get(r.headers["location"])
    assert "dikonfirmasi" in page.text
    r = client.post(
        f"/reviu/{line}/alihkan", data={"target": "app:nas-siasn", "note": "kepegawaian", "csrf_token": token}
    )
    assert "dialihkan ke nas-siasn" in r.text and "Dialihkan" in r.text
    r = client.post(
        f"/reviu/{seeded.lines['b_group']}/bukan-duplikat", data={"note": "berbeda", "csrf_token": token}
    )
    assert "bukan duplikat" in r.text
    bulk = client.post(
        "/reviu/massal",
        data={"line_ids": [seeded.lines["a_review"], seeded.lines["a_consolidate"]], "csrf_token": token},
    )
    assert "2 baris dikonfirmasi" in bulk.text
    assert "2 temuan" in client.get("/reviu?status=open").text  # 6 - confirm - not duplicate - bulk 2


def test_admin_adds_a_confirmed_alias_as_a_new_catalog_version(
    client: TestClient, login, seeded, engine
) -> None:
    token = login("admin", via="page")
    line = seeded.lines["a_shared"]
    assert "Tambah alias katalog" in client.get(f"/reviu/{line}").text
    r = client.post(
        f"/reviu/{line}/alias",
        data={"app_id": "nas-srikandi", "alias": "Surat Menyurat Elektronik", "csrf_token": token},
    )
    assert "Tidak tersimpan: Baris" in r.text and "belum punya kecocokan yang dikonfirmasi" in r.text
    client.post(f"/reviu/{line}/konfirmasi", data={"note": "", "csrf_token": token})
    r = client.post(
        f"/reviu/{line}/alias",
        data={"app_id": "nas-srikandi", "alias": "Surat Menyurat Elektronik", "csrf_token": token},
    )
    assert "katalog versi 2" in r.text
    client.headers["X-CSRF-Token"] = token
    again = client.post(
        "/api/catalog/aliases", json={"app_id": "nas-srikandi", "alias": "surat menyurat elektronik"}
    )
    assert again.status_code == 422 and "already" in again.json()["detail"]
    with Session(engine) as s:
        entry = s.scalars(
            select(CatalogEntry).where(CatalogEntry.app_id == "nas-srikandi", CatalogEntry.version_id == 2)
        ).one()
        assert entry.aliases[-1] == "Surat Menyurat Elektronik"
        assert len(s.scalars(select(CatalogEntry).where(CatalogEntry.version_id == 2)).all()) == 5
    login("auditor_all")
    assert (
        client.post("/api/catalog/aliases", json={"app_id": "nas-siasn", "alias": "SAPK"}).status_code == 403
    )


def test_dashboard_page_and_api(client: TestClient, login, seeded) -> None:
    login("auditor_all", via="page")
    page = client.get("/dasbor?cycle=2027")
    assert page.status_code == 200
    for text in ("Pagu diusulkan", "Pagu ditandai per OPD", "Per daerah", "Progres reviu", '<svg class="bar'):
        assert text in page.text
    data = client.get("/api/dashboard", params={"cycle": 2027}).json()
    assert data["totals"]["lines"] == 7 and data["review"] == {"flags": 6, "reviewed": 0}
    assert data["totals"]["flagged_pagu"] == 1_195_000_000
    assert len(data["by_region"]) == 2
    login("planner_b", via="page")
    assert "Rp 295 jt" in client.get("/dasbor?cycle=2027").text  # 175 jt + 120 jt, region B only


def _flash_errors(html: str) -> list[str]:
    return re.findall(r'<div class="alert error" role="alert">(.*?)</div>', html, flags=re.S)


def test_review_errors_are_shown_in_indonesian(client: TestClient, login, seeded) -> None:
    token = login("auditor_all", via="page")
    line = seeded.lines["a_shared"]
    r = client.post(f"/reviu/{line}/alihkan", data={"app_id": "nope", "csrf_token": token})
    assert _flash_errors(r.text) == ["Tidak tersimpan: Aplikasi \u201cnope\u201d tidak ada di katalog."]
    r = client.post("/reviu/massal", data={"csrf_token": token})
    assert _flash_errors(r.text) == ["Tidak tersimpan: Tidak ada baris yang dipilih."]
    r = client.post(f"/reviu/{seeded.lines['a_cleared']}/konfirmasi", data={"csrf_token": token})
    assert _flash_errors(r.text) == [
        f"Tidak tersimpan: Baris {seeded.lines['a_cleared']} tidak ditandai mesin (Disetujui)."
    ]
    queue = client.get("/reviu?rule=ZZ")
    assert queue.status_code == 422 and _flash_errors(queue.text) == ["Aturan \u201cZZ\u201d tidak dikenal."]
    for english in ("needs a note", "in the catalog", "no lines selected", "unknown rule", "is not flagged"):
        assert english not in r.text + queue.text
    # the API keeps the English detail
    client.headers["X-CSRF-Token"] = token
    api = client.post(f"/api/review/lines/{line}/repoint", json={"app_id": "nope"})
    assert api.status_code == 422 and api.json()["detail"] == "no app 'nope' in the catalog"


def test_review_error_translations_and_fallback() -> None:
    from clearance.users import UserError
    from clearance.web.messages import review_message, user_message

    cases = {
        "overturn needs a note saying why": "Pembatalan temuan wajib disertai catatan alasan.",
        "not a duplicate needs a note saying why": "Penandaan bukan duplikat wajib disertai catatan alasan.",
        "line 7 has not been decided by the engine yet": "Baris 7 belum diputuskan mesin; jalankan kliring dahulu.",
        "line 7 was replaced by a revised file": "Baris 7 sudah digantikan oleh berkas revisi.",
        "note too long (4100 characters; limit 4000)": "Catatan terlalu panjang (4100 karakter; batasnya 4000).",
        "no duplicate group 'DG-1' in cycle 2027": "Grup duplikat \u201cDG-1\u201d tidak ada pada tahun anggaran 2027.",
        "at most 500 lines at once": "Paling banyak 500 baris sekaligus.",
        "'Surat' is already a name of nas-srikandi": "\u201cSurat\u201d sudah menjadi nama atau alias nas-srikandi.",
        "status must be one of open, reviewed, all": "Status harus salah satu dari: belum direviu, sudah direviu, semua.",
        "outcome must be one of NEEDS_REVIEW, CONSOLIDATE": "Keputusan harus salah satu dari: Perlu Reviu, Konsolidasi.",
    }  # fmt: skip
    for english, indonesian in cases.items():
        assert review_message(english) == indonesian
    assert (
        review_message("something new")
        == "Permintaan tidak dapat diproses (keterangan teknis: something new)."
    )
    assert user_message(UserError("you cannot disable your own account", "disable_self")).startswith(
        "Anda tidak"
    )
    assert user_message(UserError("odd")) == "Data pengguna tidak sah (keterangan teknis: odd)."


def test_review_detail_labels_explanation_fields_in_indonesian(
    client: TestClient, login, seeded, engine
) -> None:
    from clearance.models import EngineDecision

    line = seeded.lines["a_review"]
    with Session(engine) as s:
        ed = s.scalars(select(EngineDecision).where(EngineDecision.line_id == line)).one()
        ed.explanation = {
            "match": {
                "scorer": "function_keyword",
                "scorer_score": 81.5,
                "matched_field": "function",
                "function_keywords": ["kepegawaian"],
                "query": {"name": "Aplikasi Kepegawain", "spelling": {"kepegawain": "kepegawaian"}},
                "acronym": {"acronym": "SIASN", "expansion": "sistem informasi asn", "source": "curated"},
                "boosts": [{"reason": "the description confirms the app", "points": 3}],
                "penalties": [
                    {
                        "rule": "description-unrelated",
                        "points": 10,
                        "reason": "the description is about another subject and shares no word with the app",
                    }
                ],
            }
        }
        s.add(ed)
        s.commit()
    login("auditor_all", via="page")
    page = client.get(f"/reviu/{line}").text
    facts = page[page.index('id="why-title"') : page.index("Penjelasan lengkap (JSON)")]
    for label in ("kata kunci fungsi", "fungsi aplikasi", "daftar kurasi", "uraian menguatkan kecocokan"):
        assert label in facts, label
    assert "uraian membahas hal lain" in facts
    assert "Ejaan dibetulkan" in facts and "kepegawain → kepegawaian" in facts
    assert ">function<" not in facts and ">function_keyword" not in facts and "curated" not in facts
    assert "the description" not in facts


def test_results_page_shows_the_audit_trail_of_reviewed_lines(client: TestClient, login, seeded) -> None:
    login("auditor_all")
    line, other = seeded.lines["a_review"], seeded.lines["a_shared"]
    assert client.post(f"/api/review/lines/{line}/confirm", json={"note": "perlu dicek"}).status_code == 200
    r = client.post(f"/api/review/lines/{line}/overturn", json={"note": "aplikasi khusus BKPSDM"})
    assert r.status_code == 200
    login("planner_a", via="page")
    page = client.get(f"/hasil/{seeded.a}/{seeded.cycle}").text
    rows = re.findall(r'<tr class="trail-row" data-trail-line="(\d+)">(.*?)</tr>', page, flags=re.S)
    assert [int(i) for i, _ in rows] == [line]
    ((_, trail),) = rows
    assert "<details" in trail and "Jejak audit: 2 tindakan" in trail
    assert trail.count("oleh auditor_all") == 3  # summary + two entries
    assert "Konfirmasi" in trail and "Dibatalkan (Disetujui)" in trail and "WIB" in trail
    assert "Sebelum:" in trail and "Sesudah:" in trail and "Perlu Reviu" in trail and "Disetujui" in trail
    assert "perlu dicek" in trail and "aplikasi khusus BKPSDM" in trail
    assert f'data-trail-line="{other}"' not in page
