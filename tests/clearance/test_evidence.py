"""The matcher's evidence in Indonesian: the one-line summary auditors and planners read."""

from __future__ import annotations

import pytest

from catalog.load import load_default_catalog
from catalog.match import Matcher
from catalog.models import LineQuery
from clearance.report.evidence import evidence_summary, reason_label, scorer_label


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_default_catalog().apps)


def summary_of(matcher: Matcher, name: str, description: str = "", region: str = "33.74") -> str:
    best = matcher.match(LineQuery(1, name, description, region))[0]
    return evidence_summary({"match": best.explanation})


def test_function_keyword_match_with_confirming_description(matcher: Matcher) -> None:
    text = summary_of(matcher, "Pembangunan Aplikasi Surat Menyurat Elektronik", "persuratan dan disposisi")
    assert text.startswith(
        "SRIKANDI (aplikasi umum nasional): «surat menyurat» ≈ fungsi aplikasi «surat menyurat», kata kunci fungsi"
    )
    assert "uraian menguatkan kecocokan" in text and "(disposisi, persuratan)" in text
    assert text.endswith("skor 100")


def test_penalty_of_a_local_ekinerja_is_explained(matcher: Matcher) -> None:
    text = summary_of(matcher, "e-Kinerja", "perhitungan TPP pegawai")
    assert (
        "e-Kinerja (aplikasi umum nasional): «ekinerja» ≈ nama aplikasi «ekinerja», sama persis 100" in text
    )
    assert "−22 Banyak pemda memakai nama e-Kinerja" in text and text.endswith("skor 78")


def test_no_match_no_text_and_every_english_reason_has_a_translation() -> None:
    assert evidence_summary({}) == evidence_summary({"thresholds": {}}) == ""
    assert (
        scorer_label("brand_token (ordinary word)")
        == "nama singkat aplikasi (kata umum) termuat dalam nama usulan"
    )
    english = [
        "the description confirms the app (3 of its functions, no other app's)",
        "the description is about another subject: the app's vocabulary explains 12% of its words",
        "the line's action is integration: it does not re-build the apps it names",
    ]
    assert all(reason_label(r) != r for r in english)
