"""Acronyms and their expansions, both ways: curated pairs and pairs learned from the catalog."""

from __future__ import annotations

import pytest

from catalog.models import CatalogApp
from catalog.normalize import Lexicon, acronym_fits, learn_catalog

CURATED = [
    ("SIMPEG", "Sistem Informasi Manajemen Kepegawaian"),
    ("LAPOR", "Layanan Aspirasi dan Pengaduan Online Rakyat"),
    ("SIRS", "Sistem Informasi Rumah Sakit"),
    ("SIKD", "Sistem Informasi Kearsipan Dinamis"),
    ("SIKD", "Sistem Informasi Keuangan Daerah"),
]
SRIKANDI = CatalogApp(
    app_id="nas-srikandi",
    name="SRIKANDI",
    kind="shared",
    owner="ANRI",
    aliases=("Sistem Informasi Kearsipan Dinamis Terintegrasi", "Srikandi ANRI", "srikandi.arsip"),
)
SIDAB = CatalogApp(
    app_id="ex-1",
    name="SIDAB (Sistem Informasi Distribusi Air Bersih)",
    kind="existing",
    region_code="51.71",
)


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return learn_catalog(Lexicon(acronyms=CURATED), [SRIKANDI, SIDAB])


@pytest.mark.parametrize(
    ("acronym", "expansion", "fits"),
    [
        ("SRIKANDI", "Sistem Informasi Kearsipan Dinamis Terintegrasi", True),
        ("SIMPEG", "Sistem Informasi Manajemen Kepegawaian", True),
        ("SIKS-NG", "Sistem Informasi Kesejahteraan Sosial Next Generation", True),
        ("SP4N", "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional", True),
        ("LAPOR", "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional", False),
        ("MYSAPK", "Sistem Informasi Aparatur Sipil Negara", False),
    ],
)
def test_acronym_fits(acronym: str, expansion: str, fits: bool) -> None:
    assert acronym_fits(acronym, expansion) is fits


def test_curated_acronym_expands(lex: Lexicon) -> None:
    name = lex.normalize("SIMPEG")
    assert ("simpeg", "kepegawaian") in name.expansions
    assert "kepegawaian" in name.variants


def test_curated_expansion_gives_acronym(lex: Lexicon) -> None:
    name = lex.normalize("Sistem Informasi Manajemen Kepegawaian")
    assert "simpeg" in name.acronyms
    assert "simpeg" in name.variants


def test_short_expansion_needs_the_same_prefix(lex: Lexicon) -> None:
    # "rumah sakit" is SIRS only as "Sistem Informasi Rumah Sakit", not inside SIMRS
    assert "sirs" in lex.normalize("Sistem Informasi Rumah Sakit").variants
    assert "sirs" not in lex.normalize("Sistem Informasi Manajemen Rumah Sakit").variants
    assert "simpeg" not in lex.normalize("Sistem Informasi Kepegawaian").variants


def test_acronym_inside_a_longer_name_is_written_out_in_place(lex: Lexicon) -> None:
    name = lex.normalize("SIMPEG Guru")
    assert "kepegawaian guru" in name.variants
    assert "kepegawaian" not in name.variants


@pytest.mark.parametrize(
    ("name", "variant", "present"),
    [
        ("Lapor", "aspirasi pengaduan rakyat", True),  # the whole name: the acronym
        ("Lapor KDRT", "aspirasi pengaduan rakyat kdrt", False),  # a verb: "report domestic violence"
        ("Aplikasi Lapor Banjir", "aspirasi pengaduan rakyat banjir", False),
    ],
)
def test_an_acronym_that_is_an_ordinary_word_is_read_as_one_only_alone(
    lex: Lexicon, name: str, variant: str, present: bool
) -> None:
    assert (variant in lex.normalize(name).variants) is present


def test_expansion_inside_a_longer_name_is_written_short(lex: Lexicon) -> None:
    name = lex.normalize("Layanan Aspirasi dan Pengaduan Online Rakyat Kota Batu")
    assert "lapor" in name.variants


def test_ambiguous_acronym_gives_every_expansion(lex: Lexicon) -> None:
    variants = lex.normalize("SIKD").variants
    assert "kearsipan dinamis" in variants and "keuangan daerah" in variants


def test_learned_from_catalog_both_ways(lex: Lexicon) -> None:
    assert "srikandi" in lex.normalize("Sistem Informasi Kearsipan Dinamis Terintegrasi").acronyms
    assert "kearsipan dinamis" in lex.normalize("SRIKANDI").variants
    assert lex.expansion_apps("srikandi", "kearsipan dinamis") == frozenset({"nas-srikandi"})
    assert lex.expansion_apps("simpeg", "kepegawaian") is None  # curated: valid for every app


def test_learned_from_bracketed_names(lex: Lexicon) -> None:
    assert "distribusi air bersih" in lex.normalize("SIDAB").variants


def test_names_are_not_expansions(lex: Lexicon) -> None:
    # "Srikandi ANRI" contains the app's own one-word name: not an expansion of anything
    assert all("srikandi" not in exp for exps in lex.acronym_expansions.values() for exp in exps)


def test_owner_names_are_filler(lex: Lexicon) -> None:
    assert lex.normalize("Srikandi ANRI").text == "srikandi"


def test_bundled_acronyms_file(tmp_path) -> None:
    from catalog.normalize import base_lexicon

    path = tmp_path / "acronyms.csv"
    path.write_text("acronym,expansion\nSIPD,Sistem Informasi Pemerintahan Daerah\n", encoding="utf-8")
    lexicon = base_lexicon(tmp_path)
    assert "sipd" in lexicon.normalize("Sistem Informasi Pemerintahan Daerah").variants


def test_an_acronym_written_out_in_the_name_has_that_meaning_only(lex: Lexicon) -> None:
    # SIKD is both Kearsipan Dinamis (ANRI) and Keuangan Daerah (DJPK); the line says which
    name = lex.normalize("Aplikasi SIKD (Sistem Informasi Kearsipan Dinamis)")
    assert ("sikd", "kearsipan dinamis") in name.expansions
    assert ("sikd", "keuangan daerah") not in name.expansions
    assert not any("keuangan" in v for v in name.variants)
    both = lex.normalize("Aplikasi SIKD Kabupaten")  # nothing written out: both meanings stay
    assert {("sikd", "kearsipan dinamis"), ("sikd", "keuangan daerah")} <= set(both.expansions)
