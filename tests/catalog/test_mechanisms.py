"""Matcher mechanisms, one table per mechanism, on a small catalog made for them (see catalog.match):
evidence order, ordinary-word brands, spelled-out names, acronyms, description evidence (lift,
agreement, contradiction, ambiguous acronyms, related words), descriptive names, integration, typos."""

from __future__ import annotations

import json
import time

import pytest

from catalog.match import Matcher
from catalog.models import CatalogApp, LineQuery


def shared(
    app_id: str, name: str, aliases: tuple[str, ...] = (), function: tuple[str, ...] = ()
) -> CatalogApp:
    return CatalogApp(
        app_id, name, "shared", owner="Kementerian", aliases=aliases, function=function, shareable=True
    )


def own(app_id: str, name: str, region: str, *, aliases=(), function=(), owner="Diskominfo", shareable=False):
    return CatalogApp(
        app_id, name, "existing", owner=owner, region_code=region, aliases=aliases, function=function,
        shareable=shareable,
    )  # fmt: skip


CATALOG = [
    shared(
        "nas-srikandi",
        "SRIKANDI",
        ("Sistem Informasi Kearsipan Dinamis Terintegrasi",),
        ("persuratan", "surat menyurat", "surat masuk", "surat keluar", "disposisi", "e-office", "TNDE"),
    ),
    shared(
        "nas-siasn",
        "SIASN",
        ("Sistem Informasi Aparatur Sipil Negara",),
        ("kepegawaian", "data ASN", "SIMPEG", "kenaikan pangkat", "kenaikan gaji berkala", "pensiun"),
    ),
    shared(
        "nas-siak",
        "SIAK Terpusat",
        ("Sistem Informasi Administrasi Kependudukan", "SIAK"),
        ("administrasi kependudukan", "kartu keluarga", "akta kelahiran", "akta kematian", "pindah datang"),
    ),
    shared(
        "nas-lapor",
        "SP4N-LAPOR!",
        ("LAPOR", "Layanan Aspirasi dan Pengaduan Online Rakyat"),
        (
            "pengaduan masyarakat",
            "aspirasi masyarakat",
            "keluhan pelayanan publik",
            "tindak lanjut pengaduan",
        ),
    ),
    shared(
        "nas-sipd",
        "SIPD",
        ("Sistem Informasi Pemerintahan Daerah",),
        (
            "perencanaan pembangunan daerah",
            "penatausahaan keuangan daerah",
            "RKPD",
            "renja",
            "SPP",
            "SPM",
            "SP2D",
        ),
    ),
    shared(
        "nas-sippn",
        "SIPPN",
        ("Sistem Informasi Pelayanan Publik Nasional",),
        ("standar pelayanan", "survei kepuasan masyarakat"),
    ),
    shared(
        "nas-sibaru",
        "SIBARU",
        ("Sistem Informasi Bantuan Perumahan",),
        ("bantuan stimulan perumahan swadaya",),
    ),
    shared(
        "nas-simpkb",
        "SIMPKB",
        ("Sistem Informasi Manajemen Pengembangan Keprofesian Berkelanjutan",),
        ("pengembangan keprofesian berkelanjutan guru", "sertifikasi guru", "uji kompetensi guru"),
    ),
    shared(
        "nas-oss", "OSS RBA", ("Online Single Submission", "OSS"), ("perizinan berusaha", "izin usaha", "NIB")
    ),
    shared(
        "nas-sikd-djpk",
        "SIKD DJPK",
        ("Sistem Informasi Keuangan Daerah DJPK",),
        ("penyampaian informasi keuangan daerah ke pusat",),
    ),
    shared(
        "nas-simona",
        "SIMONA",
        ("Anjab ABK Kemendagri",),
        ("analisis jabatan", "analisis beban kerja", "peta jabatan"),
    ),
    shared(
        "nas-dapodik", "Dapodik", ("Data Pokok Pendidikan",), ("data sekolah", "data peserta didik", "NISN")
    ),
    shared("nas-siormas", "SIORMAS", (), ("data ormas", "pendaftaran organisasi kemasyarakatan")),
    shared("nas-ikd", "IKD", ("Identitas Kependudukan Digital",), ("identitas digital penduduk",)),
    own(
        "ex-mdn-simpeg",
        "SIMPEG Kabupaten Madiun",
        "35.19",
        function=("data kepegawaian",),
        owner="BKPSDM",
    ),
    own(
        "ex-mdn-simdalev",
        "SIMDALEV",
        "35.19",
        function=("rekap data realisasi fisik dan keuangan", "monitoring evaluasi pembangunan"),
        owner="Bagian Administrasi Pembangunan",
    ),
    own(
        "ex-mdn-emonev",
        "e-Monev Madiun",
        "35.19",
        function=("monitoring realisasi anggaran dan fisik",),
    ),
    own("ex-mdn-gateway", "Gateway", "35.19", function=("API gateway internal",)),
    # a regional SIMPKB of another kind (vehicle testing), not shareable: its words are catalog words
    own(
        "ex-mgt-simpkb",
        "SIMPKB Magetan",
        "35.20",
        function=("pengujian kendaraan bermotor", "cetak hasil uji KIR"),
    ),
    own("ex-mdn-dapodik", "Integrasi Dapodik", "35.19", function=("analisis anak tidak sekolah",)),
    own(
        "ex-dps-antrian",
        "Sistem Antrian Terpadu (PATEN)",
        "51.71",
        aliases=("PATEN",),
        function=("antrian pelayanan administrasi terpadu kecamatan",),
        shareable=True,
    ),
    own("ex-dps-tnde", "TNDE Kota Denpasar", "51.71", aliases=("TNDE",), shareable=True),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(CATALOG)


def cands(m: Matcher, name: str, description: str = "", region: str | None = "12.71", opd: str | None = None):
    return m.match(LineQuery("k", name, description, region, opd))


def matched(m: Matcher, name: str, description: str = "", region: str | None = "12.71") -> str | None:
    top = next((c for c in cands(m, name, description, region) if c.relation == "rebuild"), None)
    return top.app_id if top and top.score >= m.match_threshold else None


def candidate(m: Matcher, app_id: str, name: str, description: str = "", region: str | None = "12.71"):
    return next((c for c in cands(m, name, description, region) if c.app_id == app_id), None)


def rules(c) -> list[str]:
    return [p.get("rule") for p in c.explanation["penalties"]] if c else []


# --- evidence order: exact names first, on equal footing the region's own app ---------------------


@pytest.mark.parametrize(
    ("name", "region", "expected"),
    [
        ("SIMPEG Kabupaten Madiun", "35.19", "ex-mdn-simpeg"),  # own exact name beats SIASN's keyword
        ("SIMPEG", "12.71", "nas-siasn"),  # no own SIMPEG: the national app
        ("TNDE", "35.19", "nas-srikandi"),  # another region's shareable TNDE comes after the national app
        ("TNDE", "51.71", "ex-dps-tnde"),  # ... but in its own region it is the app
    ],
)
def test_order(matcher: Matcher, name: str, region: str, expected: str) -> None:
    assert matched(matcher, name, region=region) == expected


def test_order_is_explained(matcher: Matcher) -> None:
    c = cands(matcher, "SIMPEG Kabupaten Madiun", region="35.19")
    assert c[0].explanation["evidence_tier"] == 0 and c[0].explanation["standing"] == "own region"
    siasn = next(x for x in c if x.app_id == "nas-siasn")
    assert siasn.explanation["evidence_tier"] == 4 and siasn.explanation["standing"] == "national"


# --- brands that are ordinary words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description", "expected"),
    [
        ("Aplikasi Lapor Banjir", "Warga melaporkan genangan dan ketinggian air", None),  # not SP4N-LAPOR!
        ("Lapor Bencana Sleman", "", None),
        ("Lapor", "Pengaduan masyarakat tentang pelayanan publik", "nas-lapor"),
        (
            "Lapor Pak Camat",
            "Kanal pengaduan warga terhadap pelayanan publik",
            "nas-lapor",
        ),  # the rest is weak
    ],
)
def test_ordinary_word_brands(matcher: Matcher, name: str, description: str, expected: str | None) -> None:
    assert matched(matcher, name, description) == expected


def test_ordinary_word_brand_is_explained() -> None:
    m = Matcher(CATALOG, review_threshold=60)
    c = candidate(m, "nas-lapor", "Aplikasi Lapor Banjir")
    assert c is not None and c.explanation["scorer"] == "brand_token (ordinary word)"
    # and hazard reporting is another function (data/catalog/senses.csv)
    assert "hazard-report-not-complaint" in rules(c) and c.score < m.match_threshold


# --- a name that contradicts its own exact match ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description", "app_id", "rule"),
    [
        # the line spells its acronym out as something else
        ("SIBARU (Sistem Informasi Bantuan Rumah Ibadah)", "Pengajuan hibah rumah ibadah", "nas-sibaru",
         "spelled-out-name-differs"),
        ("Migrasi Aplikasi Perkantoran Open Source (OSS)", "", "nas-oss", "spelled-out-name-differs"),
        # the match came from writing the line's acronym out, and that acronym is not the app's
        ("Pembangunan SIPKD Keuangan", "", "nas-sikd-djpk", "line-acronym-differs"),
        # an acronym of two meanings, and a description that reads it as the other one
        ("SIMPKB Dishub", "Pendaftaran uji KIR online dan cetak hasil uji kendaraan bermotor", "nas-simpkb",
         "acronym-meaning-differs"),
        # an exact name, and a description about another subject
        ("SIAK", "Jadwal pelajaran, nilai rapor dan absensi siswa", "nas-siak", "description-unrelated"),
        # a function keyword, and a description that names another app's functions
        ("Sistem Informasi Kepegawaian", "Pendataan penduduk, kartu keluarga dan akta kelahiran", "nas-siasn",
         "description-points-elsewhere"),
    ],
)  # fmt: skip
def test_contradictions(matcher: Matcher, name: str, description: str, app_id: str, rule: str) -> None:
    c = candidate(matcher, app_id, name, description)
    assert c is None or c.score < matcher.match_threshold
    if c is not None:
        assert rule in rules(c)


def test_spelled_out_as_the_app_is_no_contradiction(matcher: Matcher) -> None:
    c = candidate(matcher, "nas-sibaru", "SIBARU (Sistem Informasi Bantuan Perumahan)")
    assert c.score >= matcher.match_threshold and "spelled-out-name-differs" not in rules(c)


def test_own_function_in_the_description_is_agreement(matcher: Matcher) -> None:
    # "realisasi fisik dan keuangan" is also another app's keyword: the app's own words still agree
    c = cands(matcher, "Pengembangan SIMDALEV", "Monitoring realisasi fisik dan keuangan", region="35.19")[0]
    assert c.app_id == "ex-mdn-simdalev" and c.score == 100.0 and c.explanation["penalties"] == []
    assert c.explanation["description_agreement"] > 0


# --- description evidence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description", "expected"),
    [
        # a coined name, a description stating several functions of one app and of no other
        (
            "G Sinjab",
            "Menginput data analisis jabatan dan analisis beban kerja perangkat daerah",
            "nas-simona",
        ),
        ("Pengembangan SIPPD", "Perencanaan pembangunan daerah untuk RKPD dan Renja", "nas-sipd"),
        # one function only: a review, not a match
        ("G Sinjab", "Menginput data analisis jabatan", None),
        # the name says something else
        ("Aplikasi Pendataan Kendaraan Dinas", "analisis jabatan dan analisis beban kerja", None),
    ],
)
def test_description_lift(matcher: Matcher, name: str, description: str, expected: str | None) -> None:
    assert matched(matcher, name, description) == expected


def test_description_lift_is_explained(matcher: Matcher) -> None:
    c = candidate(matcher, "nas-simona", "G Sinjab", "analisis jabatan dan analisis beban kerja")
    assert any("several functions" in b["reason"] for b in c.explanation["boosts"])
    assert set(c.explanation["description_keywords"]) == {"analisis jabatan", "analisis beban kerja"}


@pytest.mark.parametrize(
    ("description", "app_id", "present"),
    [
        ("Penerbitan SPP, SPM dan SP2D", "nas-sipd", True),  # SPM beside SPP and SP2D: surat perintah
        ("Penerbitan SPP, SPM dan SP2D", "nas-sippn", False),  # ... not standar pelayanan minimal
    ],
)
def test_ambiguous_acronym_in_a_description(
    matcher: Matcher, description: str, app_id: str, present: bool
) -> None:
    c = candidate(matcher, app_id, "Aplikasi Verifikasi", description)
    assert (c is not None) is present


def test_related_words_in_a_description(matcher: Matcher) -> None:
    # "keluhan" is "pengaduan", "warga" is "masyarakat": the description confirms the complaint app
    c = candidate(
        matcher, "nas-lapor", "e-Aduan Warga", "Penyampaian keluhan pelayanan publik dan tindak lanjutnya"
    )
    assert c is not None and c.explanation["description_keywords"]


def test_keyword_across_name_and_description(matcher: Matcher) -> None:
    c = candidate(matcher, "nas-siak", "Aplikasi Akta", "Pencatatan kelahiran bayi di rumah sakit")
    assert c is not None and "akta kelahiran" in c.explanation["description_keywords"]


def test_description_names_another_system_the_line_feeds(matcher: Matcher) -> None:
    c = candidate(
        matcher,
        "nas-siak",
        "Aplikasi Pendaftaran Akta Kelahiran Online",
        "Berkas permohonan diproses di SIAK",
    )
    assert c.relation == "integration" and c.explanation["integration"]["cue"] == "di siak"
    assert (
        matched(matcher, "Aplikasi Pendaftaran Akta Kelahiran Online", "Berkas permohonan diproses di SIAK")
        is None
    )


# --- names of ordinary words; generic names --------------------------------------------------------


def test_descriptive_name_of_another_region_is_no_identity(matcher: Matcher) -> None:
    # "Sistem Antrian Terpadu" and "Antrian Online" both come down to "antrian"
    c = candidate(matcher, "ex-dps-antrian", "Antrian Online Disdukcapil", region="34.04")
    assert c.score < matcher.match_threshold
    assert c.explanation["scorer"] == "exact (normalised, descriptive name)"


def test_generic_name_of_the_regions_own_app_with_an_agreeing_description(matcher: Matcher) -> None:
    assert matched(matcher, "Gateway", "API gateway internal kabupaten", region="35.19") == "ex-mdn-gateway"
    assert matched(matcher, "Gateway", "", region="35.19") is None


# --- keywords: roots, weak words left unsaid, typos --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aplikasi Pendataan Ormas", "nas-siormas"),  # "pendataan" for "data": the same root
        ("Aplikasi Pengaduan", "nas-lapor"),  # "pengaduan [masyarakat]": a qualifier unsaid
        ("Aplikasi Sekolah", None),  # "[data] sekolah": what is done is unsaid
        ("Aplikasi Kepegawaian", "nas-siasn"),
        ("SRIKANDY", "nas-srikandi"),  # one letter off
        ("SIMMONA Anjab ABK", "nas-simona"),  # one letter off, inside a longer name
        ("Sistem Informasi Kepegawaian", "nas-siasn"),
    ],
)
def test_keyword_forms(matcher: Matcher, name: str, expected: str | None) -> None:
    assert matched(matcher, name) == expected


@pytest.mark.parametrize("name", ["Sistem Informasi Kependudukan", "Sistem Informasi Kependudukan Desa"])
def test_kependudukan_is_not_kepegawaian(matcher: Matcher, name: str) -> None:
    c = candidate(matcher, "nas-siasn", name)
    assert c is None or c.score < matcher.match_threshold


def test_typo_inside_a_longer_name_is_explained(matcher: Matcher) -> None:
    c = candidate(matcher, "nas-simona", "SIMMONA Anjab ABK")
    assert c.explanation["scorer"] == "brand_typo" and c.explanation["app_form"] == "simona"


# --- integration ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Integrasi dengan SRIKANDI", ""),  # not a re-build
        (
            "Integrasi IKD dengan Aplikasi Layanan Publik",
            "Login layanan publik memakai Identitas Kependudukan Digital",
        ),
        ("Integrasi SIMPEG dengan SIASN", "Sinkronisasi kenaikan pangkat dan pensiun"),
        ("Pendampingan Operator SIPD Penatausahaan", ""),  # helping people use the app
        ("Bimtek Operator SRIKANDI", ""),
    ],
)
def test_integration_rebuilds_nothing(matcher: Matcher, name: str, description: str) -> None:
    assert matched(matcher, name, description) is None
    assert all(c.relation == "integration" for c in cands(matcher, name, description))


def test_assistance_that_also_maintains_the_app_is_about_it(matcher: Matcher) -> None:
    assert matched(matcher, "Pendampingan dan Pemeliharaan SIPD") == "nas-sipd"
    assert matched(matcher, "Aplikasi Pelatihan Pegawai") is None  # names no app: nothing to use


def test_an_app_called_integration_is_that_app(matcher: Matcher) -> None:
    c = cands(matcher, "Integrasi Dapodik", "Analisis anak tidak sekolah", region="35.19")
    by_id = {x.app_id: x for x in c}
    assert by_id["ex-mdn-dapodik"].relation == "rebuild"
    assert by_id["nas-dapodik"].relation == "integration"


def test_build_part_of_a_name_that_integrates(matcher: Matcher) -> None:
    c = {x.app_id: x for x in cands(matcher, "Pembangunan e-Office terintegrasi dengan SIASN")}
    assert c["nas-srikandi"].relation == "rebuild" and c["nas-srikandi"].score >= 88
    assert c["nas-siasn"].relation == "integration"


def test_explanations_of_new_mechanisms_are_json(matcher: Matcher) -> None:
    for name, description, region in [
        ("SIBARU (Sistem Informasi Bantuan Rumah Ibadah)", "", "12.71"),
        ("G Sinjab", "analisis jabatan dan analisis beban kerja", "12.71"),
        ("Aplikasi Pendaftaran Akta Kelahiran", "diproses di SIAK", "12.71"),
        ("Pembangunan e-Office terintegrasi dengan SIASN", "", "12.71"),
        ("SIMPEG Kabupaten Madiun", "kenaikan pangkat", "35.19"),
    ]:
        for c in cands(matcher, name, description, region):
            e = json.loads(json.dumps(c.explanation))
            assert {"scorer", "score", "evidence_tier", "standing", "penalties", "boosts"} <= e.keys()
            assert e["score"] == c.score


# --- the region runs its own copy of a national app ------------------------------------------------

TWIN_CATALOG = [
    CatalogApp(
        "nas-sippn", "SIPPN", "shared", owner="KemenPANRB", aliases=("Sistem Informasi Pelayanan Publik Nasional",),
        function=("standar pelayanan publik", "survei kepuasan masyarakat", "indeks kepuasan masyarakat"),
        shareable=True,
    ),
    shared("nas-simona", "SIMONA", ("Anjab ABK Kemendagri",), ("analisis jabatan", "analisis beban kerja")),
    own("ex-mgt-eskm", "E-SKM", "35.20", function=("survei kepuasan masyarakat",)),
    own("ex-mdn-anjab", "ANJAB Kabupaten Madiun", "35.19", function=("analisis jabatan", "analisis beban kerja")),
    # a water utility's ledger: its words are not a copy of any national app
    own("ex-dps-gl", "GL (General Ledger)", "51.71", function=("akuntansi dan keuangan PDAM",)),
]  # fmt: skip


@pytest.fixture(scope="module")
def copies() -> Matcher:
    return Matcher(TWIN_CATALOG)


@pytest.mark.parametrize(
    ("name", "description", "region", "expected"),
    [
        ("Aplikasi Survei Kepuasan Masyarakat Kab. Magetan", "", "35.20", "ex-mgt-eskm"),
        ("Aplikasi IKM", "survei kepuasan masyarakat unit layanan", "35.20", "ex-mgt-eskm"),  # via "IKM"
        ("Aplikasi Analisa Jabatan & ABK", "", "35.19", "ex-mdn-anjab"),
        ("Aplikasi Survei Kepuasan Masyarakat", "", "12.71", "nas-sippn"),  # no own copy there
        ("SIPPN", "", "35.20", "nas-sippn"),  # named: the national app itself
        (
            "Aplikasi IKM",
            "survei kepuasan masyarakat, dilaporkan ke KemenPANRB",
            "35.20",
            "nas-sippn",
        ),  # owner
        ("Aplikasi Standar Pelayanan Publik", "", "35.20", "nas-sippn"),  # what E-SKM does not do
    ],
)
def test_own_copy_of_a_national_app_comes_first(
    copies: Matcher, name: str, description: str, region: str, expected: str
) -> None:
    assert matched(copies, name, description, region) == expected


def test_own_copy_is_explained_and_the_national_app_stays(copies: Matcher) -> None:
    c = cands(copies, "Aplikasi IKM", "survei kepuasan masyarakat unit layanan", region="35.20")
    assert [x.app_id for x in c[:2]] == ["ex-mgt-eskm", "nas-sippn"]
    assert c[0].score == c[1].score >= copies.match_threshold  # R1 still sees SIPPN
    boost = next(b for b in c[0].explanation["boosts"] if "already runs its own app" in b["reason"])
    assert boost["words"] == ["SIPPN"] and boost["points"] > 0


def test_app_of_a_function_no_national_app_has_is_no_copy(copies: Matcher) -> None:
    ids = {a.app_id: i for i, a in enumerate(TWIN_CATALOG)}
    assert copies._copies_of(ids["ex-dps-gl"]) == frozenset()
    assert copies._copies_of(ids["ex-mgt-eskm"]) == {ids["nas-sippn"]}


# --- a name that states several functions of one app -----------------------------------------------

SEVERAL_CATALOG = [
    shared("nas-simona", "SIMONA", (), ("analisis jabatan", "beban kerja", "peta jabatan")),
    shared("nas-siak", "SIAK", (), ("pencatatan kelahiran", "pencatatan kematian", "pindah datang")),
    shared("nas-sibaru", "SIBARU", (), ("pencatatan bantuan rumah",)),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aplikasi Peta Jabatan dan Hitung Beban Kerja", "nas-simona"),  # two of SIMONA's functions
        ("Sistem Pencatatan Kelahiran, Kematian dan Perpindahan Warga", "nas-siak"),
        ("Aplikasi Peta Jabatan Fungsional Guru Honorer", None),  # one function, much else: review
        ("Aplikasi Pencatatan Kelahiran Ternak Sapi Perah", None),
    ],
)
def test_several_functions_of_one_app_in_the_name(name: str, expected: str | None) -> None:
    m = Matcher(SEVERAL_CATALOG)
    assert matched(m, name) == expected
    if expected:
        top = cands(m, name)[0]
        assert top.explanation["scorer"].endswith("(several of its functions)")


# --- the region's own app named inside a longer name, or with the region the line gives ------------

PLACE_CATALOG = [
    shared("nas-sipd", "SIPD", ("Sistem Informasi Pemerintahan Daerah",), ("penatausahaan keuangan daerah",)),
    shared("nas-sdi", "Satu Data Indonesia", ("Portal Satu Data", "Satu Data"), ("data sektoral",)),
    own("ex-pbl-simral", "Simral", "35.74", function=("pengelolaan keuangan daerah",)),
    own("ex-pbl-satudata", "Satu Data Kota Probolinggo", "35.74", aliases=("Satu Data",)),
]


@pytest.mark.parametrize(
    ("name", "region", "expected"),
    [
        ("SIMRAL Kota Probolinggo - Modul Penatausahaan", "35.74", "ex-pbl-simral"),
        ("Portal Satu Data Probolinggo v2", "35.74", "ex-pbl-satudata"),  # the region the own app names
        ("Portal Satu Data v2", "35.74", "nas-sdi"),
    ],
)
def test_own_app_by_its_brand_or_its_place(name: str, region: str, expected: str) -> None:
    assert matched(Matcher(PLACE_CATALOG), name, region=region) == expected


def test_own_brand_in_a_longer_name_is_explained() -> None:
    c = cands(Matcher(PLACE_CATALOG), "SIMRAL Modul Penatausahaan", region="35.74")[0]
    assert c.explanation["scorer"] == "brand_token (the region's own app)"
    # elsewhere the brand of another region's (unshareable) app is nothing
    assert not cands(Matcher(PLACE_CATALOG), "SIMRAL Modul Penatausahaan", region="35.19") or (
        cands(Matcher(PLACE_CATALOG), "SIMRAL Modul Penatausahaan", region="35.19")[0].app_id
        != "ex-pbl-simral"
    )


def test_weak_words_of_a_keyword_may_go_unsaid_beside_two_strong_ones() -> None:
    m = Matcher([own("ex-dps-foto", "Galeri", "51.71", function=("pengelolaan arsip foto",), shareable=True)])
    c = candidate(m, "ex-dps-foto", "Aplikasi Arsip Foto", region="35.20")
    assert c is not None and c.explanation["scorer"].endswith("(the keyword's weak words unsaid)")
    one = candidate(m, "ex-dps-foto", "Aplikasi Pengelolaan Foto", region="35.20")  # one strong word
    assert one is None or ("unsaid" not in one.explanation["scorer"] and one.score < m.match_threshold)


# --- a function keyword said whole, with no rival near, is a match -----------------------------------

OUT_CATALOG = [
    shared("nas-srikandi", "SRIKANDI", (), ("disposisi", "surat masuk")),
    shared("nas-sippn", "SIPPN", (), ("survei kepuasan masyarakat",)),
    shared("nas-sakip", "e-SAKIP", (), ("survei kinerja",)),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aplikasi Disposisi Pimpinan Digital", "nas-srikandi"),  # one keyword, a qualifier beside it
        ("Aplikasi Disposisi Pimpinan dan Protokol Kegiatan Walikota", None),  # most of the name unsaid
        ("Aplikasi Survei Kepuasan Loket", None),  # a keyword not said whole
    ],
)
def test_function_keyword_that_stands_out(name: str, expected: str | None) -> None:
    m = Matcher(OUT_CATALOG)
    assert matched(m, name) == expected
    if expected:
        boosts = cands(m, name)[0].explanation["boosts"]
        assert any("no other app comes within" in b["reason"] for b in boosts)


OWN_ATCS = own("ex-mgt-atcs", "ATCS Magetan", "35.20", function=("pengendalian lampu lalu lintas terpusat",), shareable=True)  # fmt: skip


@pytest.mark.parametrize(
    ("region", "rival", "expected"),
    [
        ("35.20", None, "ex-mgt-atcs"),  # the region's own app: what the region runs, the line re-builds
        ("35.19", None, None),  # another region's shareable app, the same words: review only
        ("35.20", shared("nas-lalin", "SI-LALIN", (), ("lalu lintas",)), None),  # a rival as near: review
    ],
)
def test_a_function_of_the_regions_own_app_stands_out(region: str, rival, expected: str | None) -> None:
    m = Matcher([OWN_ATCS, *([rival] if rival else [])])
    name = "Aplikasi Lampu Lalu Lintas"  # inside the own app's keyword: 75.7 on the keyword alone
    best = cands(m, name, "", region)[0]
    assert best.app_id == "ex-mgt-atcs" and best.score >= m.review_threshold
    assert matched(m, name, "", region) == expected
    if expected:
        assert any("the region's own app" in b["reason"] for b in best.explanation["boosts"])


def test_a_regional_copy_named_by_the_description_is_not_elsewhere() -> None:
    catalog = [
        shared("nas-srikandi", "SRIKANDI", (), ("disposisi", "tata naskah dinas", "agenda surat")),
        own("ex-dps-tnde", "TNDE", "51.71", function=("tata naskah dinas", "penomoran agenda keluar"), shareable=True),
    ]  # fmt: skip
    m = Matcher(catalog)
    description = "penomoran agenda keluar untuk camat lurah kepala desa sekretaris"  # TNDE's words
    c = candidate(m, "nas-srikandi", "Aplikasi Disposisi Pimpinan", description, "73.71")
    assert c is not None and "description-points-elsewhere" not in rules(c)


def test_a_word_said_twice_counts_once(matcher: Matcher) -> None:
    # "surat" of "surat masuk" and of "surat keluar": the keywords cover every word of the name
    c = candidate(matcher, "nas-srikandi", "Sistem Surat Masuk dan Surat Keluar")
    assert c is not None and c.score >= 95.0


# --- a maintenance or licence line keeps up an app that runs ---------------------------------------


def test_upkeep_of_the_regions_own_app_is_that_app() -> None:
    m = Matcher([*CATALOG, own("ex-gis", "Arcview GIS 3.2", "12.71", function=("pemetaan data spasial",))])

    def top(spend_type: str, region: str = "12.71"):
        found = m.match(LineQuery("k", "Perpanjangan lisensi ArcView GIS", "", region, None, spend_type))
        return found[0] if found else None

    kept = top("license")
    assert kept.app_id == "ex-gis" and kept.score == m.match_threshold
    assert "maintains or licenses" in kept.explanation["boosts"][-1]["reason"]
    assert top("maintenance").score == m.match_threshold
    built = top("new")  # building it anew is no upkeep: the likeness alone stays in review
    assert built.app_id == "ex-gis" and built.score < m.match_threshold
    assert top("license", region="35.19") is None  # another region's app, not shareable


def test_upkeep_never_lifts_a_national_app(matcher: Matcher) -> None:
    found = matcher.match(LineQuery("k", "Pemeliharaan Aplikasi Disposisi", "", "12.71", None, "maintenance"))
    assert not any("maintains or licenses" in str(c.explanation["boosts"]) for c in found)


# --- on the bundled catalog -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Matcher:
    from catalog.load import load_default_catalog

    return Matcher(load_default_catalog().apps)


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Bimtek Penyusunan RUP pada SiRUP", ""),  # drafting in the app is using it, not building it
        # two apps named side by side: each brand names its app, though the other costs it points
        ("Pendampingan Pengisian Data Prodeskel dan Epdeskel", "Asistensi operator mengisi profil desa"),
    ],
)
def test_helping_people_use_named_apps_rebuilds_nothing(
    bundled: Matcher, name: str, description: str
) -> None:
    found = cands(bundled, name, description)
    assert found and all(c.relation == "integration" for c in found)


def test_an_acronym_the_line_writes_out_keeps_its_meaning(bundled: Matcher) -> None:
    # KIA here is Kesehatan Ibu dan Anak, not Dukcapil's Kartu Identitas Anak (SIAK)
    name, desc = (
        "Aplikasi KIA Puskesmas (Kesehatan Ibu dan Anak)",
        "Pemantauan kohort ibu hamil dan persalinan",
    )
    c = candidate(bundled, "nas-siak", name, desc)
    assert c is None or c.score < bundled.match_threshold
    assert matched(bundled, "Aplikasi Pendaftaran KIA (Kartu Identitas Anak)", "Penerbitan KIA") == "nas-siak"


def test_an_ordinary_word_spelled_out_beside_it_is_the_lines_acronym(bundled: Matcher) -> None:
    # "sikap" is a word (attitude), but here the line spells it out: not LKPP's SIKaP (Kinerja
    # Penyedia), and SIKaP's own expansion is no word of the line for its description to confirm
    name = "Aplikasi SIKAP (Sistem Informasi Kinerja Aparatur)"
    desc = "Pegawai menyusun rencana kinerja, realisasi dan penilaian SKP."
    assert bundled.lexicon.normalize(name).spelled_out == (("sikap", "kinerja aparatur"),)
    sikap = candidate(bundled, "nas-sikap", name, desc)
    assert sikap.score < bundled.match_threshold
    assert any(p["rule"] == "spelled-out-name-differs" for p in sikap.explanation["penalties"])
    assert "description_keywords" not in sikap.explanation
    assert matched(bundled, name, desc) == "nas-ekinerja"


def test_a_process_word_may_stand_for_its_synonym(bundled: Matcher) -> None:
    # data/catalog/synonyms.csv: pengajuan = permohonan = usulan ("usulan formasi ASN")
    c = candidate(bundled, "nas-eformasi", "Aplikasi Pengajuan Formasi ASN")
    assert c is not None and c.score >= bundled.match_threshold


def test_weak_words_of_a_keyword_may_go_unsaid_beside_a_generic_one() -> None:
    # "[laporan] gangguan jaringan": "jaringan" is generic (network), but beside "gangguan" it says
    # the function
    helpdesk = own("ex-net", "SIPENJAR", "12.71", function=("laporan gangguan jaringan",), shareable=True)
    m = Matcher([*CATALOG, helpdesk])
    c = candidate(m, "ex-net", "Tiket Gangguan Jaringan", region="35.19")
    assert c is not None and c.score >= m.review_threshold
    assert "weak words unsaid" in c.explanation["scorer"]


def test_an_institutions_performance_is_not_e_kinerja(bundled: Matcher) -> None:
    # data/catalog/senses.csv institution-not-individual-performance
    c = candidate(bundled, "nas-ekinerja", "e-Kinerja Puskesmas", "Penilaian kinerja puskesmas tahunan")
    assert c is not None and c.score < bundled.match_threshold
    assert any(p["rule"] == "institution-not-individual-performance" for p in c.explanation["penalties"])
    assert matched(bundled, "e-Kinerja Pegawai", "Penilaian kinerja pegawai ASN bulanan") == "nas-ekinerja"


def test_a_regions_copy_is_no_rival_of_the_national_app_it_copies(bundled: Matcher) -> None:
    # Magetan's shareable e-Office also has disposisi and surat menyurat: it copies SRIKANDI, so the
    # name still states two functions of one app
    name = "Aplikasi Disposisi dan Surat Menyurat Online Dikbud"
    assert matched(bundled, name, region="52.01") == "nas-srikandi"


def test_a_coined_name_spelled_out_as_the_apps_own_is_a_local_label(bundled: Matcher) -> None:
    # SIKADES is no acronym any list knows; "Sistem Keuangan Desa" is Siskeudes's own name
    assert matched(bundled, "SIKADES (Sistem Keuangan Desa)", region="61.04") == "nas-siskeudes"
    # SIMRS is a known acronym of another kind of app than SIRS: the line declares another app
    c = candidate(bundled, "nas-sirs", "Sistem Informasi Rumah Sakit (SIMRS) RSUD Probolinggo")
    assert c is None or c.score < bundled.match_threshold


@pytest.mark.parametrize(
    "name",
    [
        "Migrasi Arsip Surat dari e-Office ke SRIKANDI",  # leaves the region's e-Office for SRIKANDI
        "Migrasi Aplikasi OPD ke Pusat Data Nasional",
        "Migrasi Hosting Aplikasi Pemkot ke PDN",
    ],
)
def test_moving_to_a_national_app_adopts_it(bundled: Matcher, name: str) -> None:
    found = cands(bundled, name, region="35.20")
    assert found and all(c.relation == "integration" for c in found)


def test_a_move_to_no_national_app_is_no_adoption(bundled: Matcher) -> None:
    # moving a local copy to a new server keeps it: what it copies stays a re-build candidate
    found = cands(bundled, "Migrasi Aplikasi SRIKANDI Lokal ke Server Baru", region="35.20")
    assert found[0].app_id == "nas-srikandi" and found[0].relation == "rebuild"


def test_the_description_supporting_a_copy_and_its_original_is_no_rivalry(bundled: Matcher) -> None:
    # Denpasar's own akta app copies SIAK: that the description states SIAK's functions too does
    # not make SIAK a rival of the own app the name fits
    name, desc = (
        "Layanan Pendaftaran Akta Secara Daring",
        "Pengajuan paket akta kelahiran, perkawinan dan kematian",
    )
    assert matched(bundled, name, desc, region="51.71") == "ex-51.71-0119"


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Aplikasi Jadwal Kunjungan Bidan", "Jadwal imunisasi balita dan ibu hamil tiap desa sebagai dasar rencana kunjungan bidan."),
        ("Aplikasi Pemetaan Kerawanan Wilayah", "Menyusun peta bahaya, kerentanan dan kapasitas tiap desa sebagai dasar rencana kontinjensi."),
        ("Aplikasi Kalender Tanam", "Kalender tanam padi tiap desa sebagai dasar rencana pupuk petani."),
    ],
)  # fmt: skip
def test_a_function_said_in_passing_by_a_description_about_else_is_no_candidate(
    bundled: Matcher, name: str, description: str
) -> None:
    # "... tiap desa sebagai dasar rencana ..." says Siskeudes' "perencanaan desa", and nothing in
    # the name does: the description is about another subject, the app stays out of review
    assert candidate(bundled, "nas-siskeudes", name, description) is None
    # a description about village planning itself still finds it
    found = candidate(
        bundled, "nas-siskeudes", "Aplikasi Desa", "Perencanaan desa dan penatausahaan keuangan desa"
    )
    assert found is not None and found.score >= bundled.review_threshold


@pytest.mark.parametrize(
    ("name", "app_id"),
    [
        ("SIPD (Sistem Informasi Persediaan Darah) UTD", "nas-sipd"),  # blood stock, not Kemendagri's SIPD
        ("SIHA - Sistem Informasi Hasil Audit", "nas-siha"),  # audit findings, not HIV/AIDS
    ],
)
def test_an_acronym_the_line_spells_its_own_way_is_another_app(
    bundled: Matcher, name: str, app_id: str
) -> None:
    c = candidate(bundled, app_id, name)
    assert c is None or c.score < bundled.match_threshold


def test_an_abbreviated_term_is_no_name_of_another_app(bundled: Matcher) -> None:
    # "Adminduk" abbreviates administrasi kependudukan, SIAK's own words: the line names SIAK's function
    description = "pelayanan dan database administrasi kependudukan: KK, KTP-el, akta"
    assert matched(bundled, "Aplikasi Adminduk Kabupaten Lumajang", description, "35.08") == "nas-siak"
    # SIMRS abbreviates a system (Sistem Informasi Manajemen Rumah Sakit): it is not SIRS
    assert matched(bundled, "SIMRS RSUD Indramayu", "", "32.12") != "nas-sirs"


def test_a_misspelt_word_is_read_as_the_word_it_misses(bundled: Matcher) -> None:
    found = cands(bundled, "Aplikasi Pengaduan Masyarakt", "pengaduan pelayanan publik oleh warga", "35.12")
    assert found[0].app_id == "nas-lapor" and found[0].score >= bundled.match_threshold
    query = found[0].explanation["query"]
    assert (
        query["spelling"] == {"masyarakt": "masyarakat"} and query["name"] == "Aplikasi Pengaduan Masyarakt"
    )


def test_two_letters_swapped_in_a_shorter_word_are_put_back(bundled: Matcher) -> None:
    assert bundled._respell("Aplikasi Rujukan Pasein") == ("Aplikasi Rujukan pasien", {"pasein": "pasien"})
    assert bundled._respell("Aplikasi Rujukan Pasie") == (
        "Aplikasi Rujukan Pasie",
        {},
    )  # five letters: no guess


@pytest.mark.parametrize(
    "name",
    [
        "Sistem Informasi Pemakaman Umum",  # pemakaman (makam) is a word, though pemakaian is one letter off
        "Website Kalurahan Panggungharjo",  # kalurahan is DIY's desa (a synonym), not kelurahan misspelt
        "Aplikasi Tracking Armada Sampah",  # no Indonesian word one letter off
    ],
)
def test_a_word_that_is_spelt_right_is_left_alone(bundled: Matcher, name: str) -> None:
    assert all("spelling" not in c.explanation["query"] for c in cands(bundled, name, "", "34.02"))
    assert bundled._respell(name) == (name, {})


def test_the_opd_a_name_carries_may_say_a_keywords_words() -> None:
    m = Matcher([own("ex-mgt-antrian", "Antrian Disduk", "35.20", function=("antrian dukcapil",)), *CATALOG])
    # "Dukcapil" leaves the name as an OPD word ("antrian" is left), yet it says the keyword's word
    assert matched(m, "Aplikasi Antrian Online Dukcapil Magetan", "", "35.20") == "ex-mgt-antrian"
    # the OPD's words alone say nothing of what the line builds
    assert candidate(m, "ex-mgt-antrian", "Aplikasi Dukcapil Magetan", "", "35.20") is None


def test_a_misspelt_catalog_term_is_read_as_that_term(bundled: Matcher) -> None:
    # "penatausahaan" is no root of the dictionary, but a term of many apps' vocabularies
    assert bundled._respell("Aplikasi Penatausahan Aset") == ("Aplikasi penatausahaan Aset", {"penatausahan": "penatausahaan"})  # fmt: skip


def test_a_number_in_the_name_weighs_nothing(bundled: Matcher) -> None:
    plain = candidate(bundled, "nas-srikandi", "Aplikasi Persuratan Elektronik")
    counted = candidate(bundled, "nas-srikandi", "Aplikasi Persuratan Elektronik untuk 40 OPD")  # "40" stays
    assert plain is not None and counted is not None and counted.score == plain.score


def test_two_words_of_a_keyword_written_as_one_are_put_apart(bundled: Matcher) -> None:
    fixed, fixes = bundled._respell("Aplikasi Tandatangan Elektronik Dokumen Dinas")
    assert (
        fixes == {"tandatangan": "tanda tangan"} and fixed == "Aplikasi tanda tangan Elektronik Dokumen Dinas"
    )
    assert matched(bundled, "Aplikasi Tandatangan Elektronik Dokumen Dinas", "", "33.74") == "nas-bsre"


# --- found in review, 2026-12-06 ----------------------------------------------------------------


def _fresh_bundled() -> Matcher:
    from catalog.load import load_default_catalog

    return Matcher(load_default_catalog().apps)


def test_results_do_not_depend_on_which_spelling_came_first() -> None:
    lines = [("Aplikasi Antrian Online", "35.20"), ("Aplikasi Antrian Online Dukcapil", "35.20"),
             ("Pengaduan Masyarákt", "35.12"), ("Pengaduan Masyarakt", "35.12")]  # fmt: skip

    def run(order: list[int]) -> dict[int, list]:
        m = _fresh_bundled()
        return {i: [(c.app_id, c.score) for c in m.match(LineQuery("k", *lines[i]))] for i in order}

    assert run([0, 1, 2, 3]) == run([1, 0, 3, 2])
    assert run([0, 1, 2, 3])[2] and run([0, 1, 2, 3])[2][0][0] == "nas-lapor"


def test_a_respelt_name_finds_the_regions_own_app(bundled: Matcher) -> None:
    found = cands(bundled, "Aplikasi Kenaikn Pangkat", "", "35.19")
    assert "ex-35.19-0004" in [c.app_id for c in found]
    assert cands(bundled, "Pengaduan Maſyarakt", "", "35.12")[0].app_id == "nas-lapor"  # no KeyError


def test_a_dash_gloss_does_not_depend_on_what_was_normalised_before() -> None:
    from catalog.normalize import default_lexicon

    lex = default_lexicon()
    lex.normalize("siha - sistem informasi hasil audit")  # lower case: no gloss
    assert lex.normalize("SIHA - Sistem Informasi Hasil Audit").spelled_out == (("siha", "hasil audit"),)
    assert ("simpeg", "kepegawaian") in lex.normalize(
        "SIMPEG (Kabupaten Madiun)"
    ).expansions  # a place, no meaning


def test_a_one_word_name_inside_an_own_apps_keyword_does_not_stand_out(bundled: Matcher) -> None:
    c = candidate(bundled, "ex-35.19-0009", "Aplikasi Berita", "", "35.19")
    assert c is None or c.score < bundled.match_threshold


def test_a_user_interface_is_no_integration(bundled: Matcher) -> None:
    found = cands(bundled, "Redesain Antarmuka SIPD", "", "32.71")
    assert found and found[0].app_id == "nas-sipd" and found[0].relation == "rebuild"


def test_a_very_long_word_normalises_fast() -> None:
    from catalog.normalize import default_lexicon

    t0 = time.perf_counter()
    default_lexicon().normalize("A" + "b" * 8000 + " - Sistem")
    assert time.perf_counter() - t0 < 0.2
