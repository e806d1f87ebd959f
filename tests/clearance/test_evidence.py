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
    # "persuratan dan disposisi" says one function of SRIKANDI, its keyword "disposisi surat": +4
    assert "uraian menguatkan kecocokan" in text and "(disposisi surat)" in text
    assert text.endswith("skor 99")


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


def test_every_scorer_and_reason_the_matcher_gives_on_the_labelled_sets_is_in_indonesian() -> None:
    from pathlib import Path

    from catalog.load import load_default_catalog
    from catalog.match import Matcher
    from catalog.senses import SENSE_RULES, read_sense_rules
    from clearance.bench.quality import _query, read_cases
    from clearance.report.evidence import RULE_LABELS

    root = Path(__file__).resolve().parents[1] / "catalog"
    cases = [
        c
        for f in ("quality_cases.csv", "quality_planner.csv", "quality_fresh.csv", "quality_fresh2.csv")
        for c in read_cases(root / f)
    ]
    matcher = Matcher(load_default_catalog().apps, review_threshold=60)
    scorers, boosts, rules = set(), set(), set()
    for found in matcher.match_many([_query(i, c) for i, c in enumerate(cases)]):
        for c in found:
            scorers.add(c.explanation["scorer"])
            boosts.update(b["reason"] for b in c.explanation["boosts"])
            rules.update(p["rule"] for p in c.explanation["penalties"])
    assert len(scorers) > 10 and len(boosts) > 4
    assert [s for s in sorted(scorers) if scorer_label(s) == s and "different words" not in s] == []
    assert [r for r in sorted(boosts) if reason_label(r) == r] == []
    senses = {r.rule_id for r in (*SENSE_RULES, *read_sense_rules())}  # their reasons are Indonesian
    assert sorted(rules - RULE_LABELS.keys() - senses) == []
