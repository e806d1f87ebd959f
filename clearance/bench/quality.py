"""Match quality on a labelled set of budget lines: precision, recall, F1, a precision/recall curve.

Definition. For each case the matcher's prediction at threshold t is the app of the best candidate
whose relation is "rebuild" when its score is >= t, else nothing. Then:
- TP: a prediction equal to `expected_app_id`;
- FP: a prediction when `expected_app_id` is empty, or a prediction of another app;
- FN: `expected_app_id` is set and the prediction is not that app (a wrong app is both FP and FN);
- TN: no prediction and no expected app.
precision = TP/(TP+FP) (1.0 when nothing is predicted), recall = TP/(TP+FN), F1 their harmonic mean.
The figures at the given thresholds come from a matcher built with them, as the pipeline runs; the
curve sweeps t over the candidates of a matcher whose review threshold is the curve's lowest point.
Candidate recall at t (`candidate_curve`): the share of cases with an expected app where that app is
among the matcher's candidates (relation "rebuild") with score >= t, whatever their order: what a
reviewer can still find in the grey zone, the measure for the review threshold.
A case is correct when prediction == expected (both empty counts); per-category accuracy is the share
of correct cases. Integration cases ("Integrasi dengan SRIKANDI") expect no re-build; the report also
gives the share of them for which an integration candidate was found.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from catalog.match import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, Matcher
from catalog.models import Candidate, CatalogApp, LineQuery

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CASES = ROOT / "tests" / "catalog" / "quality_cases.csv"
CURVE = tuple(range(60, 101, 2))
TARGET_PRECISION = 0.97
TARGET_CANDIDATE_RECALL = 0.99


def read_cases(path: Path | str) -> list[dict[str, str]]:
    """Rows of a `case_id,region_code,opd,app_name,description,spend_type,expected_app_id,category,note`
    CSV, with blanks for absent columns."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: labelled cases not found")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    cols = (
        "case_id",
        "region_code",
        "opd",
        "app_name",
        "description",
        "spend_type",
        "expected_app_id",
        "category",
    )
    return [{c: (row.get(c) or "").strip() for c in cols} for row in rows]


def _query(i: int, case: dict[str, str]) -> LineQuery:
    return LineQuery(
        key=case["case_id"] or i,
        app_name=case["app_name"],
        description=case["description"],
        region_code=case["region_code"] or None,
        opd=case["opd"] or None,
        spend_type=case["spend_type"] or "other",
    )


def _best_rebuild(cands: Sequence[Candidate]) -> Candidate | None:
    return next((c for c in cands if c.relation == "rebuild"), None)


def _counts(rows: Iterable[tuple[str, Candidate | None]], threshold: float) -> dict[str, int]:
    tp = fp = fn = tn = 0
    for expected, best in rows:
        predicted = best.app_id if best is not None and best.score >= threshold else ""
        if predicted and predicted == expected:
            tp += 1
        else:
            fp += bool(predicted)
            fn += bool(expected)
            tn += not predicted and not expected
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn}


def _rates(c: dict[str, int]) -> dict[str, float]:
    predicted = c["tp"] + c["fp"]
    precision = c["tp"] / predicted if predicted else 1.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def run_quality_bench(
    cases_path: Path | str = DEFAULT_CASES,
    *,
    apps: Sequence[CatalogApp] | None = None,
    review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
    match_threshold: float = DEFAULT_MATCH_THRESHOLD,
    curve: Iterable[float] = CURVE,
    max_errors: int = 200,
) -> dict:
    """Quality of the matcher on the labelled cases at the given thresholds (see module docstring).

    `apps` defaults to the bundled catalog (catalog.load.load_default_catalog)."""
    if apps is None:
        from catalog.load import load_default_catalog

        apps = load_default_catalog().apps
    cases = read_cases(cases_path)
    curve = sorted(set(float(t) for t in curve))
    floor = min([review_threshold, *curve])
    t0 = time.perf_counter()
    queries = [_query(i, c) for i, c in enumerate(cases)]
    matcher = Matcher(apps, review_threshold=floor, match_threshold=match_threshold, top_k=10)
    swept = matcher.match_many(queries)
    # the figures at the thresholds come from a matcher built with them, as the pipeline runs it (a
    # lower review threshold lets more candidates in, which can change what ranks first); the curves
    # sweep the thresholds over the low-floor matcher's candidates
    results = (
        Matcher(
            apps, review_threshold=review_threshold, match_threshold=match_threshold, top_k=10
        ).match_many(queries)
        if floor < review_threshold
        else swept
    )
    seconds = time.perf_counter() - t0

    rows = [(c["expected_app_id"], _best_rebuild(r)) for c, r in zip(cases, results, strict=True)]
    swept_rows = [(c["expected_app_id"], _best_rebuild(r)) for c, r in zip(cases, swept, strict=True)]
    counts = _counts(rows, match_threshold)
    points = []
    for t in curve:
        c = _counts(swept_rows, t)
        points.append({"threshold": t, **_rates(c), **c})
    ok = [p for p in points if p["precision"] >= TARGET_PRECISION and p["tp"] > 0]
    # the highest recall; among equal recalls the higher precision (a false duplicate blocks a line)
    suggested = (
        max(ok, key=lambda p: (p["recall"], p["precision"], p["threshold"]))["threshold"] if ok else None
    )
    expected_best = [
        max(
            (c.score for c in r if c.app_id == case["expected_app_id"] and c.relation == "rebuild"),
            default=None,
        )
        for case, r in zip(cases, swept, strict=True)
        if case["expected_app_id"]
    ]
    candidate_curve = [
        {
            "threshold": t,
            "candidate_recall": round(
                sum(1 for b in expected_best if b is not None and b >= t) / max(len(expected_best), 1), 4
            ),
        }
        for t in curve
    ]
    # the highest threshold that keeps the target candidate recall, or, when no threshold of the
    # curve reaches it, the highest one that keeps the best candidate recall there is
    best = max((p["candidate_recall"] for p in candidate_curve), default=0.0)
    goal = min(TARGET_CANDIDATE_RECALL, best)
    reach = [p["threshold"] for p in candidate_curve if p["candidate_recall"] >= goal]
    suggested_review = max(reach) if reach and expected_best else None

    per_category: dict[str, dict] = defaultdict(lambda: {"cases": 0, "correct": 0})
    errors = []
    integration_total = integration_found = 0
    for case, cands, (expected, best) in zip(cases, results, rows, strict=True):
        predicted = best.app_id if best is not None and best.score >= match_threshold else ""
        category = case["category"] or "uncategorised"
        stats = per_category[category]
        stats["cases"] += 1
        stats["correct"] += predicted == expected
        if category == "integration":
            integration_total += 1
            integration_found += any(
                c.relation == "integration" and c.score >= review_threshold for c in cands
            )
        if predicted != expected and len(errors) < max_errors:
            errors.append(
                {
                    "case_id": case["case_id"],
                    "category": category,
                    "app_name": case["app_name"],
                    "description": case["description"][:160],
                    "region_code": case["region_code"],
                    "expected": expected,
                    "predicted": predicted,
                    "kind": "FP" if predicted and not expected else "FN" if not predicted else "wrong app",
                    "top": [
                        {
                            "app_id": c.app_id,
                            "score": c.score,
                            "relation": c.relation,
                            "scorer": c.explanation.get("scorer"),
                        }
                        for c in cands[:3]
                    ],
                }
            )
    for stats in per_category.values():
        stats["accuracy"] = round(stats["correct"] / stats["cases"], 4) if stats["cases"] else None

    return {
        "cases": len(cases),
        "catalog": len(apps),
        "review_threshold": review_threshold,
        "match_threshold": match_threshold,
        **counts,
        **_rates(counts),
        "accuracy": round(sum(p == e for e, p in _predictions(rows, match_threshold)) / max(len(rows), 1), 4),
        "suggested_match_threshold": suggested,
        "target_precision": TARGET_PRECISION,
        "curve": points,
        "candidate_curve": candidate_curve,
        "suggested_review_threshold": suggested_review,
        "target_candidate_recall": TARGET_CANDIDATE_RECALL,
        "per_category": dict(sorted(per_category.items())),
        "integration_detected": (
            round(integration_found / integration_total, 4) if integration_total else None
        ),
        "errors": errors,
        "seconds": round(seconds, 3),
        "definition": (
            "prediction = best rebuild candidate with score >= match_threshold; TP = prediction equals "
            "expected_app_id; FP = prediction that is empty-expected or another app; FN = expected app not "
            "predicted (a wrong app counts as FP and FN); precision = TP/(TP+FP), recall = TP/(TP+FN)"
        ),
    }


def _predictions(rows: Iterable[tuple[str, Candidate | None]], threshold: float) -> list[tuple[str, str]]:
    return [(e, b.app_id if b is not None and b.score >= threshold else "") for e, b in rows]
