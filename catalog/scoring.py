"""The name scorer shared by the matcher, the duplicate groups and the benchmarks."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from catalog.normalize import estem

SCORER = fuzz.token_sort_ratio
SCORER_NAME = "token_sort_ratio"
SHORT_NAME = 5  # names of this many letters or fewer must match exactly
SHORT_CAP = 60.0


def scorer_many(query: str, choices: list[str]) -> list[float]:
    """`SCORER` of one query against many choices, in one C call."""
    return process.cdist([query], choices, scorer=SCORER)[0].tolist() if choices else []


def lexical_score(
    q_text: str, q_compact: str, a_text: str, a_compact: str, tsr: float | None = None
) -> tuple[float, str]:
    """The name scorer: exact (100), e-prefix variant (97), else token_sort_ratio (`tsr` when
    already known) with the short-name guard (five letters or fewer: at most 60 unless equal)."""
    if q_compact == a_compact:
        return 100.0, "exact"
    if estem(q_compact) == estem(a_compact):
        return 97.0, "e_prefix_variant"
    score = SCORER(q_text, a_text) if tsr is None else tsr
    if min(len(q_compact), len(a_compact)) <= SHORT_NAME:
        score = min(score, SHORT_CAP)
    return score, SCORER_NAME
