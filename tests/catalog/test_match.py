"""Matcher: function matches, hard negatives, same name different app, integration, region scoping,
explanations."""

from __future__ import annotations

import json

import pytest

from catalog.integration import integration_targets
from catalog.match import Matcher
from catalog.models import CatalogApp, LineQuery
from catalog.scoring import lexical_score

NATIONAL = [
    CatalogApp(
        "nas-srikandi",
        "SRIKANDI",
        "shared",
        owner="ANRI",
        aliases=("Sistem Informasi Kearsipan Dinamis Terintegrasi", "Srikandi ANRI", "SIKD ANRI"),
        function=("persuratan", "surat menyurat", "tata naskah dinas", "disposisi", "e-office", "TNDE"),
        shareable=True,
    ),
    CatalogApp(
        "nas-siasn",
        "SIASN",
        "shared",
        owner="BKN",
        aliases=("Sistem Informasi Aparatur Sipil Negara", "MySAPK"),
        function=("kepegawaian", "data ASN", "SIMPEG", "kenaikan pangkat", "pensiun"),
        shareable=True,
    ),
    CatalogApp(
        "nas-ekinerja",
        "e-Kinerja",
        "shared",
        owner="BKN",
        aliases=("E-Kinerja BKN",),
        function=("kinerja pegawai", "SKP", "sasaran kinerja pegawai"),
        shareable=True,
    ),
    CatalogApp(
        "nas-siak",
        "SIAK Terpusat",
        "shared",
        owner="Ditjen Dukcapil",
        aliases=("Sistem Informasi Administrasi Kependudukan", "SIAK"),
        function=("administrasi kependudukan", "kartu keluarga", "KTP elektronik"),
        shareable=True,
    ),
    CatalogApp(
        "nas-sipd",
        "SIPD",
        "shared",
        owner="Kemendagri",
        aliases=("Sistem Informasi Pemerintahan Daerah", "SIPD RI"),
        function=("perencanaan pembangunan daerah", "penganggaran daerah", "musrenbang"),
        shareable=True,
    ),
    CatalogApp(
        "nas-spse",
        "SPSE",
        "shared",
        owner="LKPP",
        aliases=("Sistem Pengadaan Secara Elektronik", "LPSE"),
        function=("pengadaan barang jasa", "tender"),
        shareable=True,
    ),
    CatalogApp(
        "nas-lapor",
        "SP4N-LAPOR!",
        "shared",
        owner="KemenPANRB",
        aliases=("LAPOR", "SP4N LAPOR"),
        function=("pengaduan masyarakat", "aspirasi masyarakat"),
        shareable=True,
    ),
    CatalogApp(
        "nas-satusehat",
        "SATUSEHAT",
        "shared",
        owner="Kemenkes",
        aliases=("Platform SATUSEHAT", "Satu Sehat"),
        function=("interoperabilitas data kesehatan",),
        shareable=True,
    ),
    CatalogApp(
        "nas-sirs",
        "SIRS Online",
        "shared",
        owner="Kemenkes",
        aliases=("Sistem Informasi Rumah Sakit Kemenkes",),
        function=("pelaporan rumah sakit",),
        shareable=True,
    ),
    CatalogApp(
        "nas-simponi",
        "SIMPONI",
        "shared",
        owner="Kemenkeu",
        aliases=("Sistem Informasi PNBP Online",),
        function=("billing PNBP", "setoran PNBP"),
        shareable=True,
    ),
]
EXISTING = [
    CatalogApp(
        "ex-a-1", "SIMPEG Kabupaten Madiun", "existing", region_code="35.19", function=("data kepegawaian",)
    ),
    CatalogApp("ex-a-2", "Si Hello", "existing", region_code="35.19", function=("buku tamu",)),
    CatalogApp("ex-b-1", "TNDE Kota Denpasar", "existing", region_code="51.71", shareable=True),
    CatalogApp("ex-b-2", "ATCS Denpasar", "existing", region_code="51.71", function=("lalu lintas",)),
    CatalogApp(
        "ex-b-3",
        "Simponi Denpasar",
        "existing",
        region_code="51.71",
        function=("monitoring koperasi simpan pinjam",),
    ),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(NATIONAL + EXISTING)


def best(matcher: Matcher, name: str, description: str = "", region: str | None = "35.19"):
    cands = matcher.match(LineQuery("k", name, description, region))
    return cands[0] if cands else None


def matched(matcher: Matcher, name: str, description: str = "", region: str | None = "35.19") -> str | None:
    """The app a line re-builds at the match threshold, as the quality bench counts it."""
    cands = matcher.match(LineQuery("k", name, description, region))
    top = next((c for c in cands if c.relation == "rebuild"), None)
    return top.app_id if top and top.score >= matcher.match_threshold else None


@pytest.mark.parametrize(
    ("name", "description", "expected"),
    [
        ("Pembangunan Aplikasi Surat Menyurat Elektronik", "", "nas-srikandi"),
        ("Tata Naskah Dinas Elektronik", "", "nas-srikandi"),
        ("E Office Dinas Kesehatan", "", "nas-srikandi"),
        ("srikandi.arsip", "Pengelolaan surat masuk keluar", "nas-srikandi"),
        ("Srikandy", "", "nas-srikandi"),  # one letter off a one-word name
        ("Sistem Informasi Kepegawain", "", "ex-a-1"),  # SIMPEG written out: the region's own
        ("My SAPK", "", "nas-siasn"),
        ("Sistem Informasi Pemerintahan Daerah", "", "nas-sipd"),
        ("SIPD RI", "Aplikasi untuk penatausahaan anggaran", "nas-sipd"),
        ("LPSE", "", "nas-spse"),
        ("Aplikasi Pengaduan Masyarakat", "", "nas-lapor"),
        ("Aplikasi Pengaduan", "", "nas-lapor"),  # "pengaduan [masyarakat]": the weak word unsaid
        ("Platform Satu Sehat Daerah", "", "nas-satusehat"),
        ("E-Kinerja", "Laporan kinerja pegawai (SKP)", "nas-ekinerja"),
        ("Aplikasi", "Pengembangan aplikasi SRIKANDI untuk seluruh OPD", "nas-srikandi"),
        ("Buku Tamu Digital", "", "ex-a-2"),  # the region's own app
    ],
)
def test_matches(matcher: Matcher, name: str, description: str, expected: str) -> None:
    assert matched(matcher, name, description) == expected


@pytest.mark.parametrize(
    ("name", "region", "expected"),
    [
        ("SIMPEG", "51.71", "nas-siasn"),  # a region without its own SIMPEG: SIASN's function
        ("Sistem Informasi Kepegawain", "51.71", "nas-siasn"),
        ("SIMPEG", "35.19", "ex-a-1"),  # the region's own SIMPEG, exactly: that app
    ],
)
def test_matches_depend_on_the_region(matcher: Matcher, name: str, region: str, expected: str) -> None:
    assert matched(matcher, name, "", region) == expected


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Sistem Informasi Kependudukan Desa", "profil penduduk desa"),  # not SIASN (kepegawaian)
        ("SIPP", "Sistem Informasi Pelayanan Perizinan"),  # short names must match exactly: not SIPD
        ("Aplikasi Pengadaan Kendaraan Dinas", ""),  # "pengadaan" is not "pengaduan"
        ("Lapor KDRT PA", "laporan kekerasan dalam rumah tangga"),  # subset trap with a short brand
        ("Aplikasi Kinerja Desa", ""),  # "kinerja" is a word, not e-Kinerja
        ("Sistem Informasi Manajemen Rumah Sakit (SIMRS)", ""),  # SIMRS is not SIRS
        ("Pemeliharaan Website", ""),
        ("Sewa Server", ""),
        ("SIAP", ""),
    ],
)
def test_hard_negatives(matcher: Matcher, name: str, description: str) -> None:
    assert matched(matcher, name, description) is None


def test_subset_trap_is_priced_not_trusted(matcher: Matcher) -> None:
    # every word of "SRIKANDI" is in the line, but so are two unrelated ones
    c = best(matcher, "Srikandi Penilaian Pegawai Honorer")
    assert c is None or c.score < matcher.match_threshold


def test_same_name_different_app(matcher: Matcher) -> None:
    tpp = best(matcher, "e-Kinerja", "Aplikasi perhitungan TPP pegawai berdasarkan aktivitas harian")
    assert tpp.app_id == "nas-ekinerja"
    assert matcher.review_threshold <= tpp.score < matcher.match_threshold
    rules = [p["rule"] for p in tpp.explanation["penalties"]]
    assert "local-ekinerja-tpp" in rules


def test_description_about_another_subject(matcher: Matcher) -> None:
    # the region's own Simponi is the match; BKN-style SIMPONI (PNBP) is not
    cands = matcher.match(
        LineQuery("k", "Simponi", "Monitoring dan evaluasi koperasi simpan pinjam usaha kecil", "51.71")
    )
    top = next(c for c in cands if c.relation == "rebuild")
    assert top.app_id == "ex-b-3"
    national = next((c for c in cands if c.app_id == "nas-simponi"), None)
    assert national is None or national.score < matcher.match_threshold


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("Integrasi dengan SRIKANDI", "nas-srikandi"),
        ("Integrasi SIMPEG dengan SIASN", "nas-siasn"),
        ("Bridging SIMRS ke SATUSEHAT", "nas-satusehat"),
        ("Pengembangan API ke SIASN untuk sinkronisasi data pegawai", "nas-siasn"),
        ("Sinkronisasi data ke SIPD", "nas-sipd"),
    ],
)
def test_integration_is_not_a_rebuild(matcher: Matcher, name: str, target: str) -> None:
    cands = matcher.match(LineQuery("k", name, "", "35.19"))
    assert matched(matcher, name) is None
    integration = [c for c in cands if c.relation == "integration"]
    assert integration and integration[0].app_id == target
    assert integration[0].score >= matcher.match_threshold
    assert integration[0].explanation["integration"]["cue"]


def test_a_build_that_integrates_is_still_a_rebuild(matcher: Matcher) -> None:
    # the built part (SIMPEG) is SIASN's function: SIASN is re-built, not merely integrated
    assert matched(matcher, "Pembangunan SIMPEG terintegrasi dengan SIASN", region="51.71") == "nas-siasn"


def test_the_built_part_decides_what_is_rebuilt(matcher: Matcher) -> None:
    # an e-Office (SRIKANDI's function) that integrates with SIASN: SRIKANDI re-built, SIASN a target
    cands = matcher.match(LineQuery("k", "Pembangunan e-Office terintegrasi dengan SIASN", "", "51.71"))
    by_id = {c.app_id: c for c in cands}
    assert (
        matched(matcher, "Pembangunan e-Office terintegrasi dengan SIASN", region="51.71") == "nas-srikandi"
    )
    assert by_id["nas-siasn"].relation == "integration"
    assert by_id["nas-srikandi"].explanation["query"]["built_part"] == "eoffice"


@pytest.mark.parametrize(
    "name",
    [
        "Integrasi dengan SRIKANDI",
        "Integrasi IKD dengan Aplikasi Layanan Publik",
        "Integrasi SRIKANDI",
        "Interface SRIKANDI dengan Aplikasi Layanan Publik",  # an interface between systems connects them
        "Antarmuka IKD dengan Aplikasi Layanan Publik",
    ],
)
def test_an_integration_rebuilds_nothing_it_names(matcher: Matcher, name: str) -> None:
    cands = matcher.match(LineQuery("k", name, "Login layanan publik dengan SRIKANDI", "51.71"))
    assert all(c.relation == "integration" for c in cands)


def test_an_app_built_for_helping_people_is_a_build() -> None:
    from catalog.integration import integration_head

    assert integration_head("Pendampingan Operator SIPD") == "pendampingan"  # helping people use SIPD
    # "Pembangunan Aplikasi" first: the cue names what the app is for
    assert integration_head("Pembangunan Aplikasi Pendampingan dan Pemutakhiran Data KPM PKH") == ""
    assert integration_head("Pengembangan Sistem Registrasi Peserta Pelatihan") == ""
    assert integration_head("Pembangunan Bimtek SRIKANDI") == "bimtek"  # no app word: still the action


def test_integration_phrase_parsing() -> None:
    assert integration_targets("Integrasi SIMPEG dengan SIASN") == (("integrasi", "siasn"),)
    assert integration_targets("Bridging data ke SATUSEHAT; laporan") == (("bridging", "satusehat"),)
    assert integration_targets("Sistem Informasi Kearsipan Dinamis Terintegrasi") == ()
    assert integration_targets("Pengembangan API Gateway") == ()


def test_region_scoping(matcher: Matcher) -> None:
    # own region: a candidate; another region's non-shareable app: never; shareable: anywhere
    assert any(c.app_id == "ex-b-2" for c in matcher.match(LineQuery("k", "ATCS", "", "51.71")))
    assert not any(c.app_id == "ex-b-2" for c in matcher.match(LineQuery("k", "ATCS", "", "35.19")))
    assert any(c.app_id == "ex-b-1" for c in matcher.match(LineQuery("k", "TNDE Kota Denpasar", "", "35.19")))
    assert not any(
        c.app_id.startswith("ex-") and not c.shareable for c in matcher.match(LineQuery("k", "ATCS"))
    )


@pytest.mark.parametrize(
    ("name", "region", "order"),
    [
        # the region's own app by its exact name before a national app that matched a keyword
        ("SIMPEG Kab. Madiun", "35.19", ["ex-a-1", "nas-siasn"]),
        ("SIMPEG", "35.19", ["ex-a-1", "nas-siasn"]),
        # elsewhere the national app; another region's shareable app after it (R1 before R3)
        ("SIMPEG", "51.71", ["nas-siasn"]),
        ("TNDE", "35.19", ["nas-srikandi", "ex-b-1"]),
    ],
)
def test_order_of_matches(matcher: Matcher, name: str, region: str, order: list[str]) -> None:
    cands = matcher.match(LineQuery("k", name, "", region))
    strong = [c.app_id for c in cands if c.score >= matcher.match_threshold]
    assert strong[: len(order)] == order


def test_same_named_apps_of_a_region_are_told_apart_by_the_opd() -> None:
    apps = [
        CatalogApp("ex-1", "SMS Gateway", "existing", owner="Badan Pendapatan Daerah", region_code="51.71"),
        CatalogApp(
            "ex-2",
            "SMS Gateway",
            "existing",
            owner="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            region_code="51.71",
        ),
        CatalogApp("ex-3", "SMS Gateway", "existing", owner="RSUD Wangaya", region_code="51.71"),
    ]
    m = Matcher(NATIONAL + apps)
    for opd, expected in [
        ("DPMPTSP", "ex-2"),
        ("Badan Pendapatan Daerah Kota Denpasar", "ex-1"),
        ("RSUD Wangaya", "ex-3"),
    ]:
        top = m.match(LineQuery("k", "SMS Gateway", "", "51.71", opd=opd))[0]
        assert top.app_id == expected
        assert top.explanation["tie_break"]["by"] == "opd"
    # without an OPD the order is stable (by app id)
    assert m.match(LineQuery("k", "SMS Gateway", "", "51.71"))[0].app_id == "ex-1"


def test_explanation_contents(matcher: Matcher) -> None:
    c = best(matcher, "Pembangunan Aplikasi Surat Menyurat Elektronik Kab. Sleman", "persuratan dinas")
    e = c.explanation
    json.dumps(e)  # auditors read it as JSON
    assert e["query"]["normalized"] == "surat menyurat"
    assert e["query"]["removed"]["proposal"] == ["pembangunan"]
    assert e["app"]["name"] == "SRIKANDI" and e["owner"] == "ANRI"
    assert e["matched_field"] == "function" and "surat menyurat" in e["function_keywords"]
    assert e["matched_tokens"] == ["menyurat", "surat"]
    assert e["scorer"] == "function_keyword" and e["scorer_score"] > 0
    assert e["boosts"][0]["words"] == ["persuratan"] and e["boosts"][0]["points"] > 0
    assert e["score"] == c.score and e["penalties"] == []


def test_explanation_names_the_acronym(matcher: Matcher) -> None:
    e = best(matcher, "Sistem Informasi Kearsipan Dinamis Terintegrasi").explanation
    assert e["matched_field"] in ("alias", "acronym", "expansion")
    e = best(matcher, "Aplikasi SIAK").explanation
    assert e["scorer"] in ("brand_token", "exact", "exact (normalised)")
    assert "siak" in e["matched_tokens"] or e["app_form"] == "siak"


def test_declared_acronym_penalty_is_explained(matcher: Matcher) -> None:
    c = next(
        c
        for c in matcher.match(LineQuery("k", "Sistem Informasi Manajemen Rumah Sakit (SIMRS)", "", "35.19"))
        if c.app_id == "nas-sirs"
    )
    assert any(p["rule"] == "declared-acronym-differs" for p in c.explanation["penalties"])


def test_top_k_and_threshold(matcher: Matcher) -> None:
    cands = matcher.match(LineQuery("k", "Sistem Informasi", "", "35.19"))
    assert all(c.score >= matcher.review_threshold for c in cands) and len(cands) <= matcher.top_k
    small = Matcher(NATIONAL, top_k=1)
    assert len(small.match(LineQuery("k", "SIKD"))) <= 1
    with pytest.raises(ValueError):
        Matcher(NATIONAL, review_threshold=90, match_threshold=80)


def test_match_many_keeps_order_and_is_repeatable(matcher: Matcher) -> None:
    queries = [LineQuery(i, n, "", "35.19") for i, n in enumerate(["SIMPEG", "LPSE", "Website", "SIMPEG"])]
    first = matcher.match_many(queries)
    again = Matcher(NATIONAL + EXISTING).match_many(queries)
    assert [[c.app_id for c in r] for r in first] == [[c.app_id for c in r] for r in again]
    assert first[0][0].app_id == first[3][0].app_id == "ex-a-1" and first[1][0].app_id == "nas-spse"


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("sipd", "sipp", 0, 60),  # short names: exact or nothing
        ("ekinerja", "kinerja", 97, 97),  # e-prefix variant
        ("simpeg", "simpeg", 100, 100),
        ("surat menyurat", "menyurat surat", 100, 100),  # token order does not matter
        ("kepegawaian", "kependudukan", 0, 60),
    ],
)
def test_lexical_score(a: str, b: str, low: float, high: float) -> None:
    score, _ = lexical_score(a, a.replace(" ", ""), b, b.replace(" ", ""))
    assert low <= score <= high


def test_bundled_catalog_smoke() -> None:
    from catalog.load import load_default_catalog

    m = Matcher(load_default_catalog().apps)
    assert matched(m, "Aplikasi Persuratan Elektronik", "", "35.19") == "nas-srikandi"
    assert matched(m, "Integrasi dengan SRIKANDI", "", "35.19") is None


def test_quality_bench_counts(tmp_path) -> None:
    from clearance.bench.quality import run_quality_bench

    cases = tmp_path / "cases.csv"
    cases.write_text(
        "case_id,region_code,opd,app_name,description,spend_type,expected_app_id,category,note\n"
        "c1,35.19,Setda,Aplikasi Surat Menyurat Elektronik,,new,nas-srikandi,function,\n"  # TP
        "c2,35.19,BKD,SIMPEG,,new,nas-srikandi,variant,\n"  # wrong app: FP and FN
        "c3,35.19,Setda,Integrasi dengan SRIKANDI,,enhancement,,integration,\n"  # TN
        "c4,35.19,Dinkes,LPSE,,new,,hard_negative,\n",  # FP
        encoding="utf-8",
    )
    result = run_quality_bench(cases, apps=NATIONAL + EXISTING)
    assert (result["tp"], result["fp"], result["fn"], result["tn"]) == (1, 2, 1, 1)
    assert result["precision"] == pytest.approx(1 / 3, abs=1e-3) and result["recall"] == 0.5
    assert result["per_category"]["integration"]["accuracy"] == 1.0
    assert result["integration_detected"] == 1.0
    assert {e["case_id"] for e in result["errors"]} == {"c2", "c4"}
    assert [p["threshold"] for p in result["curve"]][:2] == [60.0, 62.0]


def test_match_bench_smoke() -> None:
    from clearance.bench.match import run_match_bench

    result = run_match_bench(lines=1500, regions=40, catalog=800, sample=40)
    for key in (
        "lines",
        "catalog",
        "seconds",
        "exhaustive_estimate_seconds",
        "blocked_recall",
        "peak_rss_mb",
    ):
        assert key in result
    assert result["lines"] == 1500 and 0.9 <= result["blocked_recall"] <= 1.0
