"""The matcher's quality on the hand-labelled dev set at the default thresholds (CI guards it), the
thresholds chosen from that set's curves, and the policy file carrying the same thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from catalog.match import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, Matcher
from catalog.models import LineQuery
from clearance.bench.quality import DEFAULT_CASES, run_quality_bench

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "data" / "policy" / "2027.1.yaml"


@pytest.fixture(scope="module")
def dev() -> dict:
    return run_quality_bench(DEFAULT_CASES)


def test_dev_set_quality_at_the_defaults(dev: dict) -> None:
    assert dev["match_threshold"] == DEFAULT_MATCH_THRESHOLD
    assert dev["precision"] >= 0.97, dev["errors"][:10]
    assert dev["recall"] >= 0.97, dev["errors"][:10]


@pytest.mark.parametrize(
    ("cases", "precision", "recall"),
    [
        # the holdout set: written with the dev set, never tuned on
        ("quality_holdout.csv", 0.97, 0.94),
        # planners' own wording (paraphrases, other regions' shareable apps, upkeep of the region's own
        # apps), written by the matcher's engineer before the vocabulary was extended: a regression
        # guard for that vocabulary, not an independent measure
        ("quality_planner.csv", 0.97, 0.93),
        # a second independent labeller's set (251 cases, planners' abbreviations and the region's own
        # apps beside national ones); its misses shaped the own-copy, several-functions and own-brand
        # mechanisms, so it is a dev set now, guarded here
        ("quality_fresh.csv", 0.94, 0.90),
        # a fourth labeller's set (242 cases, 2026-12-03: paraphrases, maintenance of the regions' own
        # apps, use and integration lines), written apart from the vocabulary work of the same day and
        # studied after it: a dev set
        ("quality_fresh2.csv", 0.95, 0.93),
        # a fifth labeller's set (226 cases, 2026-12-03: planners' paraphrases of national apps, other
        # regions' shareable apps), measured unseen at 0.967 / 0.792 and then studied: a dev set
        ("quality_fresh3.csv", 0.96, 0.89),
        # a sixth labeller's set (250 cases, 2026-12-04: paraphrases that share no two-word phrase with
        # the app's keywords, descriptions that carry the meaning), measured unseen at 0.939 / 0.613,
        # then 0.961 / 0.660 after a vocabulary pass written blind to it, then studied (and some of
        # its misses given to the next vocabulary writer as examples): a dev set
        ("quality_fresh4.csv", 0.97, 0.80),
        # a seventh labeller's set for precision (160 cases, 2026-12-04: hard negatives sharing words
        # with 72 national apps' keywords, integration and use lines, 13 controls): unseen 0.625 (6
        # FPs: 3 operator/data-entry lines, 3 mislabelled re-builds of other regions' shareable apps)
        ("quality_negatives.csv", 0.97, 0.90),
        # an eighth labeller's set (250 cases, 2026-12-06: real regional names of 172 regions, 72
        # national and 43 regional apps), measured unseen at 0.925 / 0.925 (0.917 / 0.917 at the
        # session's start), then studied: a dev set
        ("quality_fresh5.csv", 0.95, 0.95),
        # a ninth labeller's set (250 cases, 2026-12-06: budget-document wording, "Belanja Jasa ...",
        # terse descriptions, 170 regions), measured unseen at 0.929 / 0.901 after the day's changes
        # (0.929 / 0.893 at the session's start), then studied: a dev set
        ("quality_fresh6.csv", 0.94, 0.93),
    ],
)
def test_other_labelled_sets_at_the_defaults(cases: str, precision: float, recall: float) -> None:
    result = run_quality_bench(ROOT / "tests" / "catalog" / cases)
    assert result["precision"] >= precision, result["errors"][:10]
    assert result["recall"] >= recall, result["errors"][:10]


@pytest.mark.parametrize(
    ("cases", "precision", "recall"),
    # 2026-12-04, after the fourth and fifth vocabulary passes: test 121 TP / 5 FP (0.960 / 0.877; it
    # was 116 / 3), unseen 92 / 1 (0.989 / 0.893; it was 81 / 3); 2026-12-06, with the figures taken at
    # the default thresholds as the pipeline runs: test 120 / 4 (0.968 / 0.870), unseen 94 / 1 (0.989 /
    # 0.913)
    # quality_fresh7.csv: a tenth labeller's set (250 cases, 2026-12-06, a realistic clearance-cycle
    # mix), kept unseen: 120 / 4 (0.968 / 0.902) at the end of that day, 119 / 4 at its start
    [
        ("quality_test.csv", 0.965, 0.865),
        ("quality_unseen.csv", 0.985, 0.905),
        ("quality_fresh7.csv", 0.96, 0.895),
    ],
)
def test_unseen_sets_do_not_regress(cases: str, precision: float, recall: float) -> None:
    # sets nobody looked at case by case: guarded on their aggregate figures only, and a failure
    # shows no case (read the figures, not the errors, to keep them unseen)
    result = run_quality_bench(ROOT / "tests" / "catalog" / cases)
    figures = {k: result[k] for k in ("precision", "recall", "tp", "fp", "fn")}
    del result  # so that pytest's report cannot print its errors
    assert figures["precision"] >= precision and figures["recall"] >= recall, figures


def test_defaults_are_the_ones_the_dev_curves_give(dev: dict) -> None:
    # match: the highest recall among the points with precision >= 0.97 (ties: the higher precision)
    assert dev["suggested_match_threshold"] == DEFAULT_MATCH_THRESHOLD
    # review: the candidate-recall curves of the later dev sets would go lower (on the first dev set
    # the right apps now score high enough for 76, since the vocabulary passes of 2026-12-04), the
    # blocking index keeps up from 72 on (see the catalog.match docstring); what a reviewer can find
    # there stays near the curve's ceiling
    for cases in ("quality_fresh3.csv", "quality_fresh4.csv"):
        later = run_quality_bench(ROOT / "tests" / "catalog" / cases)
        assert later["suggested_review_threshold"] <= DEFAULT_REVIEW_THRESHOLD
    at_default = {p["threshold"]: p["candidate_recall"] for p in dev["candidate_curve"]}[
        DEFAULT_REVIEW_THRESHOLD
    ]
    ceiling = max(p["candidate_recall"] for p in dev["candidate_curve"])
    assert at_default >= 0.97 and ceiling - at_default <= 0.02


def test_policy_thresholds_equal_the_code_defaults() -> None:
    policy = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    assert float(policy["thresholds"]["match"]) == DEFAULT_MATCH_THRESHOLD
    assert float(policy["thresholds"]["review"]) == DEFAULT_REVIEW_THRESHOLD


@pytest.fixture(scope="module")
def bundled() -> Matcher:
    from catalog.load import load_default_catalog

    return Matcher(load_default_catalog().apps)


@pytest.mark.parametrize(
    ("name", "description", "region", "not_expected"),
    [
        # the hard negatives, on the bundled catalog
        ("Sistem Informasi Kependudukan Desa", "Profil penduduk desa", "34.04", "nas-siasn"),
        ("Sistem Informasi Kepegawaian", "Pendataan penduduk, kartu keluarga, akta", "12.71", "nas-siasn"),
        ("Aplikasi Lapor Banjir", "Warga melaporkan genangan dan ketinggian air", "33.74", "nas-lapor"),
        ("Integrasi dengan SRIKANDI", "", "35.19", "nas-srikandi"),
        ("SIBARU (Sistem Informasi Bantuan Rumah Ibadah)", "Pengajuan hibah bantuan rumah ibadah", "73.71",
         "nas-sibaru"),
        ("SIMPKB Dishub Kota Semarang", "Pendaftaran uji KIR online dan cetak hasil uji kendaraan bermotor",
         "33.74", "nas-simpkb"),
        ("Migrasi Aplikasi Perkantoran Open Source (OSS)", "Penggantian lisensi office ke LibreOffice", "92",
         "nas-oss"),
        ("Aplikasi Verifikasi Keuangan", "Penerbitan SPM dan SP2D", "12.71", "nas-sippn"),
    ],
)  # fmt: skip
def test_bundled_hard_negatives(
    bundled: Matcher, name: str, description: str, region: str, not_expected: str
) -> None:
    cands = bundled.match(LineQuery("k", name, description, region))
    top = next((c for c in cands if c.relation == "rebuild"), None)
    assert top is None or top.score < bundled.match_threshold or top.app_id != not_expected


@pytest.mark.parametrize(
    ("name", "description", "region", "opd", "expected"),
    [
        ("SIMPEG KAB MADIUN", "Aplikasi untuk kepegawaian meliputi KP, KGB, pensiun", "35.19", None,
         "ex-35.19-0004"),  # the region's own app before SIASN
        ("SMS Gateway", "Automasi pengiriman info perijinan via sms", "51.71",
         "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "ex-51.71-0057"),  # the OPD decides
        ("SIMGAJI (Desktop)", "Aplikasi untuk penggajian", "35.20", None, "ex-35.20-0036"),  # "(Desktop)" no name
        ("Pembangunan e-Office terintegrasi dengan SIASN", "", "33.74", None, "nas-srikandi"),
    ],
)  # fmt: skip
def test_bundled_matches(
    bundled: Matcher, name: str, description: str, region: str, opd, expected: str
) -> None:
    cands = bundled.match(LineQuery("k", name, description, region, opd))
    top = next(c for c in cands if c.relation == "rebuild")
    assert top.app_id == expected and top.score >= bundled.match_threshold
