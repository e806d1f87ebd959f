"""normalize_app_name: table-driven cases of how people write application names."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.models import CatalogApp
from catalog.normalize import Lexicon, base_lexicon, estem, fold, normalize_app_name, one_word

REGIONS = [
    "Kabupaten Sleman",
    "Kabupaten Madiun",
    "Kota Denpasar",
    "Provinsi Jawa Timur",
    "Jawa Timur",
    "Kabupaten Siak",
    "Kota Batu",
]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    lexicon = Lexicon(region_names=REGIONS)
    lexicon.protected.add("siak")  # as the catalog teaches it: SIAK is an app
    return lexicon


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # e-prefix: every spelling is one word
        ("e-Office", "eoffice"),
        ("eOffice", "eoffice"),
        ("E Office", "eoffice"),
        ("e office", "eoffice"),
        ("E-OFFICE", "eoffice"),
        ("E.Pegawai", "epegawai"),
        # filler words carry no identity
        ("Aplikasi Sistem Informasi Kepegawaian Online Terpadu", "kepegawaian"),
        ("Sistem Informasi Kearsipan Dinamis Terintegrasi", "kearsipan dinamis"),
        ("Aplikasi Surat Menyurat Elektronik Berbasis Web", "surat menyurat web"),
        ("Layanan Pengaduan Digital", "pengaduan"),
        ("SIKS-NG Mobile Android", "siks ng"),
        ("Apl. Pemilihan Rekanan", "pemilihan rekanan"),  # planners' abbreviations
        ("Sist. Inf. Keuangan Desa", "keuangan desa"),
        # proposal words at the start go, the same words inside a name stay
        ("Pembangunan Aplikasi SIMPEG", "simpeg"),
        ("Pengembangan dan Pemeliharaan Aplikasi SIPD", "sipd"),
        ("Sistem Informasi Pembangunan Daerah", "pembangunan daerah"),
        (
            "Belanja Modal Software Berupa Perancangan dan Pembangunan Sistem Pengawasan Armada",
            "pengawasan armada",
        ),
        # region names
        ("SIMPEG Kab. Sleman", "simpeg"),
        ("SIMPEG Kabupaten Sleman", "simpeg"),
        ("SIMPEG KAB MADIUN", "simpeg"),
        ("SIMPEG SLEMAN MOBILE", "simpeg"),  # the region before filler words
        ("Sistem Data Pokok Pendidikan Kota", "data pokok pendidikan"),  # the city the line is for
        ("Peraturan Wali Kota", "peraturan wali kota"),  # ... but not the mayor
        ("Portal Satu Data Kota Denpasar", "portal satu data"),
        ("e-Office Provinsi Jawa Timur", "eoffice"),
        ("ATCS DENPASAR", "atcs"),
        ("Pemerintah Kabupaten Sleman SIMPEG", "simpeg"),
        # OPD names, but OPD words that name a function stay
        ("e-Office Dinas Kesehatan", "eoffice"),
        ("Sistem Informasi Kesehatan", "kesehatan"),
        ("Website Kecamatan Mejayan", "website"),
        ("SIMPEG BKPSDM", "simpeg"),
        ("Dinas Kesehatan", "dinas kesehatan"),  # never stripped to nothing
        # spelling variants
        ("Sistem Informasi Kepegawain", "kepegawaian"),
        ("Sistim Infromasi Perijinan", "perizinan"),
        # addresses
        ("srikandi.arsip.go.id", "srikandi"),
        ("sida.madiunkab.go.id", "sida"),
        ("srikandi.arsip", "srikandi arsip"),
        ("magetankab.sipd.kemendagri.go.id", "sipd"),  # a label that only names the region is skipped
        # platform qualifiers, "resmi", owners (only beside another word)
        ("SIMGAJI (Desktop)", "simgaji"),
        ("Website Resmi Dinas Pendidikan", "website"),
        ("SIPD Kemendagri", "sipd"),
        ("DJP Online", "djp"),
        ("Pengembangan SRIKANDY Pemko", "srikandy"),
        ("Perpanjangan Lisensi Proxmox", "proxmox"),
        # placeholders and nothing at all
        ("Deskripsi akan segera ditambahkan.", ""),
        ("-", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_normalized_text(lex: Lexicon, raw: str, text: str) -> None:
    assert lex.normalize(raw).text == text


@pytest.mark.parametrize(
    ("raw", "variant"),
    [
        ("SIDAB (Sistem Informasi Distribusi Air Bersih)", "distribusi air bersih"),
        ("SIM Gaji", "simgaji"),
        ("Si-PeDe", "sipede"),
        ("SIKN/JIKN", "jikn"),
        ("Basis data terpadu / SLRT", "slrt"),
        ("Belanja Modal Software Berupa Pembangunan Sistem Pengawasan Armada (GPS Tracking)", "gps tracking"),
    ],
)
def test_variants(lex: Lexicon, raw: str, variant: str) -> None:
    assert variant in lex.normalize(raw).variants


@pytest.mark.parametrize(
    ("raw", "generic"),
    [
        ("Pemeliharaan Website", True),
        ("Aplikasi", True),
        ("Sewa Hosting", True),
        ("Website Dinas Pendidikan", True),
        ("SIMPEG", False),
        ("Website PPID", False),
        ("Sistem Informasi Desa", False),
    ],
)
def test_generic(lex: Lexicon, raw: str, generic: bool) -> None:
    assert lex.normalize(raw).generic is generic


def test_region_word_that_is_an_app_is_kept(lex: Lexicon) -> None:
    assert lex.normalize("Data SIAK").text == "data siak"
    assert lex.normalize("SIAK Kabupaten Siak").text == "siak"
    assert lex.normalize("Sistem Informasi Batu Akik").text == "batu akik"


def test_removed_words_are_reported(lex: Lexicon) -> None:
    removed = lex.normalize("Pembangunan e-Office Dinas Kesehatan Kab. Sleman").removed_by_kind()
    assert removed["proposal"] == ["pembangunan"]
    assert removed["opd"] == ["dinas kesehatan"]
    assert removed["region"] == ["kab sleman"]


def test_declared_names(lex: Lexicon) -> None:
    assert lex.normalize("Sistem Informasi Manajemen Rumah Sakit (SIMRS)").declared == ("simrs",)
    assert lex.normalize("Aplikasi Surat Menyurat").declared == ()


def test_light_form_keeps_filler(lex: Lexicon) -> None:
    a = lex.normalize("Sistem Layanan dan Rujukan Terpadu")
    b = lex.normalize("Rujukan Online")
    assert a.text == b.text == "rujukan"
    assert a.light != b.light


def test_helpers() -> None:
    assert fold("Denpasarâ€™s").isascii() and fold("E-OFFICE") == "e-office"
    assert estem("ekinerja") == "kinerja"
    assert estem("edu") == "edu"
    assert one_word("e-Kinerja") and one_word("SIKS-NG") and one_word("SRIKANDI")
    assert not one_word("Srikandi ANRI")


def test_cached_and_fast(lex: Lexicon) -> None:
    first = lex.normalize("Aplikasi Surat Menyurat Elektronik")
    assert lex.normalize("Aplikasi Surat Menyurat Elektronik") is first


def test_default_lexicon_reads_bundled_data() -> None:
    assert normalize_app_name("SIMPEG Kabupaten Sleman").text == "simpeg"


@pytest.mark.parametrize(
    ("raw", "pairs"),
    [
        ("SIBARU (Sistem Informasi Bantuan Rumah Ibadah)", (("sibaru", "bantuan rumah ibadah"),)),
        ("Migrasi Aplikasi Perkantoran Open Source (OSS)", (("oss", "perkantoran open source"),)),
        ("Jaringan Dokumentasi Informasi Hukum (JDIH)", (("jdih", "jaringan dokumentasi hukum"),)),
        ("SIMPEG", ()),
        ("SIMPKB (WEB) SI PINTAR (ANDROID)", ()),  # "(WEB)" and "(ANDROID)" qualify, they spell nothing
        ("SIHA - Sistem Informasi Hasil Audit", (("siha", "hasil audit"),)),  # a dash glosses like brackets
        ("SIMDA: Sistem Informasi Manajemen Daerah Irigasi", (("simda", "daerah irigasi"),)),
        ("e-Kinerja - Kabupaten Madiun", ()),  # a region after a dash spells nothing out
    ],
)
def test_spelled_out_names(lex: Lexicon, raw: str, pairs: tuple) -> None:
    assert lex.normalize(raw).spelled_out == pairs


@pytest.mark.parametrize(
    ("raw", "absent"),
    [("ASET (Desktop)", "desktop"), ("Website Subdomain (web OPD)", "web"), ("SIMPKB (WEB)", "web")],
)
def test_a_bracketed_qualifier_is_no_other_name(lex: Lexicon, raw: str, absent: str) -> None:
    name = lex.normalize(raw)
    assert absent not in name.forms and absent not in name.declared


@pytest.mark.parametrize(
    ("word", "ordinary"),
    [
        ("lapor", True),  # LAPOR! is also "to report"
        ("siap", True),
        ("sakti", True),
        ("kinerja", True),  # a common word of app names
        ("laporan", True),
        ("srikandi", False),
        ("simpeg", False),
        ("sipd", False),
        ("dapodik", False),
    ],
)
def test_ordinary_words(word: str, ordinary: bool) -> None:
    from catalog.normalize import ordinary_word

    assert ordinary_word(word) is ordinary


def test_a_weak_word_alone_is_no_expansion() -> None:
    # "SIMDA" = SIM + "daerah": not learned; a phrase of weak words still is ("pemerintahan daerah")
    lexicon = Lexicon(
        acronyms=[
            ("SIMDA", "Sistem Informasi Manajemen Daerah"),
            ("SIPD", "Sistem Informasi Pemerintahan Daerah"),
        ]
    )
    assert "simda" not in lexicon.acronym_expansions
    assert "pemerintahan daerah" in lexicon.acronym_expansions["sipd"]


def test_the_longer_short_name_is_the_acronym() -> None:
    from catalog.normalize import learn_catalog

    app = CatalogApp(
        "nas-siksng", "SIKS-NG", "shared", aliases=("Sistem Informasi Kesejahteraan Sosial Next Generation",)
    )
    lexicon = learn_catalog(Lexicon(), [app])
    assert "siksng" in lexicon.acronym_expansions and "siks" not in lexicon.acronym_expansions


def test_default_lexicon_does_not_hide_a_broken_catalog(monkeypatch) -> None:
    import catalog.load
    from catalog.normalize import default_lexicon

    def broken(*_a, **_k):
        raise catalog.load.CatalogError("unreadable", file="national.csv")

    default_lexicon.cache_clear()
    monkeypatch.setattr(catalog.load, "load_national_apps", broken)
    try:
        with pytest.raises(catalog.load.CatalogError):
            default_lexicon()
    finally:
        monkeypatch.undo()
        default_lexicon.cache_clear()
    assert normalize_app_name("SIMPEG Kabupaten Sleman").text == "simpeg"


@pytest.mark.parametrize(
    ("name", "pair"),
    [
        ("Migrasi Perangkat Lunak Kantor ke OSS (Open Source Software)", ("oss", "open source")),
        ("Perkantoran Open Source (OSS)", ("oss", "perkantoran open source")),
    ],
)
def test_a_bracket_that_spells_out_the_word_before_it(name: str, pair: tuple[str, str]) -> None:
    assert pair in base_lexicon().normalize(name).spelled_out


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        # the line's own meaning shares no word with the known one: the known one is not read in
        ("SIPD (Sistem Informasi Persediaan Darah) UTD", ()),
        ("SIPD (Sistem Informasi Pemerintahan Daerah)", ("pemerintahan daerah",)),  # the known meaning
        ("SIPD (Sistem Informasi Pemerintah Daerah)", ("pemerintah daerah",)),  # ... in another form
    ],
)
def test_an_acronym_spelled_out_its_own_way_keeps_only_that_meaning(name: str, kept: tuple) -> None:
    from catalog.normalize import default_lexicon

    expansions = {exp for acr, exp in default_lexicon().normalize(name).expansions if acr == "sipd"}
    assert set(kept) <= expansions and (kept or not expansions)


def test_a_bracket_that_does_not_spell_the_word_before_it_is_no_spelling() -> None:
    assert base_lexicon().normalize("Aplikasi Antrian Pasien (Rawat Jalan)").spelled_out == ()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Pengembangan SIMPEG Tahap II", "simpeg"),
        ("Sistem Pemantauan Penyaluran Dana Desa Tahap I-III", "pemantauan penyaluran dana desa"),
        ("SIMPEG Versi 2.0", "simpeg"),
        ("Aplikasi Tahapan Pemilu", "tahapan pemilu"),  # no numeral after it: a word of the name
    ],
)
def test_the_phase_of_the_work_names_no_app(name: str, text: str) -> None:
    assert base_lexicon().normalize(name).text == text


def test_usulan_at_the_start_proposes_and_elsewhere_is_a_word() -> None:
    lex = base_lexicon()
    assert lex.normalize("Usulan Aplikasi Kenaikan Pangkat").text == "kenaikan pangkat"
    assert lex.normalize("Aplikasi Usulan Formasi ASN").text == "usulan formasi asn"


def test_a_two_word_region_written_as_one_word_is_the_region() -> None:
    lex = base_lexicon()  # wilayah.csv: "Kota Pangkal Pinang", "Kota Bandar Lampung"
    assert lex.normalize("Database Kependudukan Kota Pangkalpinang").text == "database kependudukan"
    assert lex.normalize("SIMPEG Kota Bandarlampung").text == "simpeg"


def test_a_regional_opd_is_an_owner_by_its_abbreviation_only() -> None:
    from catalog.normalize import learn_catalog

    def app(app_id: str, owner: str, function: tuple[str, ...] = ()) -> CatalogApp:
        return CatalogApp(
            app_id, f"App {app_id}", "existing", owner=owner, region_code="35.74", function=function
        )

    lex = learn_catalog(
        base_lexicon(),
        [
            app("a", "BKPSDM"),  # the OPD's own abbreviation: dropped from names like an agency's
            app("b", "Dinas Koperasi dan UMKM"),  # a word inside the OPD's name is no owner
            app("c", "UMKM", ("marketplace UMKM",)),  # ... nor a word the catalog's keywords say
        ],
    )
    assert "bkpsdm" in lex.owners
    assert "umkm" not in lex.owners
    assert lex.normalize("Marketplace Produk UMKM").text == "marketplace produk umkm"


def test_a_place_word_before_a_region_is_what_the_app_is_about() -> None:
    lex = base_lexicon()
    assert lex.normalize("Aplikasi Profil Kelurahan Makassar").text == "profil kelurahan"
    assert lex.normalize("Aplikasi Aduan Warga Kecamatan Mejayan").text == "aduan warga"  # an office


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("E-PERIZINAN Pekanbaru Madani", "eperizinan"),  # data/catalog/mottos.csv: Kota Pekanbaru
        ("Sistem Antrian Kota Balikpapan Beriman", "antrian"),
        ("Aplikasi Pengaduan Ambon Manise", "pengaduan"),  # a set phrase that holds the name
        ("Aplikasi Beriman", "beriman"),  # a slogan alone is a word
        ("Aplikasi Pengaduan Madiun Beriman", "pengaduan madiun beriman"),  # another region's slogan
    ],
)
def test_a_regions_slogan_after_its_name_goes_with_the_region(name: str, text: str) -> None:
    assert base_lexicon().normalize(name).text == text


def test_slogans_are_read_with_their_regions_names(tmp_path: Path) -> None:
    from catalog.normalize import read_motto_names

    wilayah = tmp_path / "wilayah.csv"
    wilayah.write_text("code,name,level,province_code\n14.71,Kota Pekanbaru,kota,14\n", encoding="utf-8")
    mottos = tmp_path / "mottos.csv"
    mottos.write_text(
        "region_code,motto,words,form,confidence,note\n"
        "14.71,Bertuah,bertuah,after name,high,\n"
        "14.71,Pekanbaru Bertuah,pekanbaru bertuah,alone,high,\n"
        "99.99,Nowhere,nowhere,after name,high,\n",
        encoding="utf-8",
    )
    assert read_motto_names(mottos, wilayah) == ["Kota Pekanbaru bertuah", "pekanbaru bertuah"]
    assert read_motto_names(tmp_path / "missing.csv", wilayah) == []


def test_info_is_filler_like_informasi() -> None:
    lex = base_lexicon()
    assert lex.normalize("Sistem Info Kepegawaian").text == lex.normalize("Sistem Informasi Kepegawaian").text
    assert lex.normalize("Portal Info Lowongan Kerja").text == "portal lowongan kerja"
