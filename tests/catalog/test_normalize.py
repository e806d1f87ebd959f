"""normalize_app_name: table-driven cases of how people write application names."""

from __future__ import annotations

import pytest

from catalog.normalize import Lexicon, estem, fold, normalize_app_name, one_word

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
