"""Every rule of the decision table, its precedence and its traps."""

from __future__ import annotations

import pytest

from catalog.models import Candidate
from clearance.decide import GroupInfo, LineFacts, decide
from clearance.policy import load_policy

POLICY = load_policy()
MATCH = POLICY.thresholds.match
GREY = (POLICY.thresholds.review + POLICY.thresholds.match) / 2


def shared(app_id: str = "nas-srikandi", name: str = "SRIKANDI", score: float = 95.0, **kw) -> Candidate:
    kw.setdefault("explanation", {"owner": "ANRI"})
    return Candidate(app_id, name, "shared", None, True, score, **kw)


def existing(region: str, *, shareable: bool = False, score: float = 95.0) -> Candidate:
    return Candidate(
        f"ex-{region}-1", "SIMPATEN", "existing", region, shareable, score, explanation={"owner": "DPMPTSP"}
    )


def line(spend: str = "new", region: str = "35.19", **kw) -> LineFacts:
    return LineFacts(region_code=region, spend_type=spend, opd=kw.pop("opd", "Dinas Kesehatan"), **kw)


GROUP = GroupInfo("DG-abc123", 3, regions=("35.19", "35.20"), opds=("Dinkes", "Diskominfo"))

CASES = [
    # (id, line, candidates, group, outcome, rules)
    ("R1 new rebuilds a national app", line("new"), [shared()], None, "USE_SHARED_APP", ["R1"]),
    ("R1 enhancement", line("enhancement"), [shared()], None, "USE_SHARED_APP", ["R1"]),
    ("R1 licence", line("license"), [shared()], None, "USE_SHARED_APP", ["R1"]),
    ("R2 new matches own region app", line("new"), [existing("35.19")], None, "CONSOLIDATE", ["R2"]),
    ("R3 new matches shareable app of another region", line("new"), [existing("51.71", shareable=True)], None,
     "USE_SHARED_APP", ["R3"]),
    ("other region, not shareable: no rule", line("new"), [existing("51.71")], None, "CLEARED", ["R0"]),
    ("R4 duplicate group", line("new"), [], GROUP, "CONSOLIDATE", ["R4"]),
    ("R5 maintenance of a registered app", line("maintenance"), [existing("35.19")], None, "CLEARED", ["R5"]),
    ("R5 licence of a registered app beats R1", line("license"), [existing("35.19"), shared(score=90)], None,
     "CLEARED", ["R5", "R1"]),
    ("R5 integration with a shared app is cleared", line("new"), [shared(relation="integration")], None,
     "CLEARED", ["R5"]),
    ("integration of infrastructure is still reviewed (R7)", line("infrastructure"),
     [shared(relation="integration")], None, "NEEDS_REVIEW", ["R7"]),
    ("R6 grey zone", line("new"), [shared(score=GREY)], None, "NEEDS_REVIEW", ["R6"]),
    ("R6 missing OPD", line("new", opd=None), [], None, "NEEDS_REVIEW", ["R6"]),
    ("R6 unknown spend type with a strong match", line("other"), [shared()], None, "NEEDS_REVIEW", ["R6"]),
    ("R7 infrastructure", line("infrastructure"), [], None, "NEEDS_REVIEW", ["R7"]),
    ("R7 beats R1 for infrastructure", line("infrastructure"), [shared()], None, "NEEDS_REVIEW", ["R7"]),
    ("R0 nothing found", line("new"), [], None, "CLEARED", ["R0"]),
    ("maintenance of a national-like app is not R1", line("maintenance"), [shared()], None, "CLEARED", ["R0"]),
    ("R1 before R4, both recorded", line("new"), [shared()], GROUP, "USE_SHARED_APP", ["R1", "R4"]),
    ("R2 before R4", line("new"), [existing("35.19")], GROUP, "CONSOLIDATE", ["R2", "R4"]),
    ("R3 before R2", line("new"), [existing("51.71", shareable=True), existing("35.19", score=90)], None,
     "USE_SHARED_APP", ["R3", "R2"]),
    ("below review threshold is ignored", line("new"), [shared(score=POLICY.thresholds.review - 1)], None,
     "CLEARED", ["R0"]),
    ("group of one is no group", line("new"), [], GroupInfo("DG-x", 1), "CLEARED", ["R0"]),
]  # fmt: skip


@pytest.mark.parametrize(("facts", "cands", "group", "outcome", "rules"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_decision_table(facts, cands, group, outcome, rules) -> None:
    decision = decide(facts, cands, group, POLICY)
    assert decision.outcome == outcome
    assert decision.rules == rules
    assert decision.reason and "{" not in decision.reason


def test_not_spbe_passes_through() -> None:
    decision = decide(line("new", is_spbe=False), [shared()], GROUP, POLICY)
    assert (decision.outcome, decision.rules) == ("NOT_SPBE", ["NS"])


def test_r1_names_the_app_and_records_evidence() -> None:
    cand = shared(explanation={"owner": "ANRI", "matched_on": "function", "tokens": ["naskah", "dinas"]})
    decision = decide(line("new"), [cand], None, POLICY)
    assert decision.matched is cand and decision.score == 95.0
    assert "SRIKANDI" in decision.reason and "ANRI" in decision.reason
    assert decision.explanation["match"]["tokens"] == ["naskah", "dinas"]


def test_r4_reason_names_group_and_regions() -> None:
    decision = decide(line("new"), [], GROUP, POLICY)
    assert decision.duplicate_group == "DG-abc123"
    assert "DG-abc123" in decision.reason and "35.19" in decision.reason and "3 usulan" in decision.reason


def test_r7_mentions_pdn() -> None:
    assert "PDN" in decide(line("infrastructure"), [], None, POLICY).reason


def test_policy_spend_types_drive_rules() -> None:
    narrowed = POLICY.model_copy(deep=True)
    narrowed.rules["R1"].spend_types = ["new"]
    assert decide(line("license"), [shared()], None, narrowed).outcome == "CLEARED"
    assert decide(line("license"), [shared()], None, POLICY).outcome == "USE_SHARED_APP"


def test_thresholds_come_from_policy() -> None:
    strict = POLICY.model_copy(deep=True)
    strict.thresholds.match = 99
    assert decide(line("new"), [shared(score=95)], None, strict).outcome == "NEEDS_REVIEW"
