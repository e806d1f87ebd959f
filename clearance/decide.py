"""The decision table as code that reads the policy: one pure function per line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from catalog.models import Candidate
from clearance.policy import MISSING_FIELDS, Policy

GROUP_REGIONS_KEPT = 10  # regions of a duplicate group named in each decision's explanation


@dataclass(frozen=True)
class LineFacts:
    """What the rules look at in a budget line."""

    region_code: str
    spend_type: str
    is_spbe: bool = True
    opd: str | None = None
    app_name: str = ""
    description: str | None = None
    sub_activity: str | None = None


@dataclass(frozen=True)
class GroupInfo:
    """A duplicate group of the cycle this line belongs to."""

    group_id: str
    size: int
    regions: tuple[str, ...] = ()
    opds: tuple[str, ...] = ()


@dataclass
class Decision:
    outcome: str
    rules: list[str]
    reason: str
    matched: Candidate | None = None
    duplicate_group: str | None = None
    explanation: dict = field(default_factory=dict)

    @property
    def score(self) -> float | None:
        return None if self.matched is None else round(self.matched.score, 1)


@dataclass
class _Context:
    line: LineFacts
    policy: Policy
    candidates: list[Candidate]
    group: GroupInfo | None

    def strong(self, pred: Callable[[Candidate], bool]) -> Candidate | None:
        limit = self.policy.thresholds.match
        return next((c for c in self.candidates if c.score >= limit and pred(c)), None)

    @property
    def best_rebuild(self) -> Candidate | None:
        return next((c for c in self.candidates if c.relation == "rebuild"), None)


Fired = tuple[Candidate | None, dict]  # the candidate the rule rests on, and the template fields
Check = Callable[[_Context], Fired | None]


def _app_fields(c: Candidate) -> dict:
    return {
        "app": c.app_name,
        "owner": c.explanation.get("owner") or c.app_id,
        "region": c.region_code or "nasional",
        "score": f"{c.score:.0f}",
    }


def _r5(ctx: _Context) -> Fired | None:
    rule = ctx.policy.rules["R5"]
    integration_types = rule.integration_spend_types
    integration = None
    if integration_types is None or ctx.line.spend_type in integration_types:
        integration = ctx.strong(lambda c: c.relation == "integration")
    if integration is not None:
        detail = (
            f"Integrasi/interkoneksi dengan {integration.app_name}, bukan pembangunan ulang: "
            "sejalan dengan keterpaduan layanan digital nasional (Perpres 82/2023)."
        )
        return integration, {"detail": detail}
    if ctx.line.spend_type not in ctx.policy.rules["R5"].spend_types:
        return None
    own = ctx.strong(lambda c: c.relation == "rebuild" and c.region_code == ctx.line.region_code)
    if own is None:
        return None
    detail = f"Pemeliharaan/lisensi aplikasi yang sudah terdaftar: {own.app_name}."
    return own, {"detail": detail, **_app_fields(own)}


def _spend(rule: str) -> Callable[[_Context], bool]:
    return lambda ctx: ctx.line.spend_type in ctx.policy.rules[rule].spend_types


def _r7(ctx: _Context) -> Fired | None:
    return (None, {}) if _spend("R7")(ctx) else None


def _r1(ctx: _Context) -> Fired | None:
    if not _spend("R1")(ctx):
        return None
    c = ctx.strong(lambda c: c.relation == "rebuild" and c.kind == "shared")
    return None if c is None else (c, _app_fields(c))


def _r3(ctx: _Context) -> Fired | None:
    if not _spend("R3")(ctx):
        return None
    c = ctx.strong(
        lambda c: (
            c.relation == "rebuild"
            and c.kind == "existing"
            and c.shareable
            and c.region_code != ctx.line.region_code
        )
    )
    return None if c is None else (c, _app_fields(c))


def _r2(ctx: _Context) -> Fired | None:
    if not _spend("R2")(ctx):
        return None
    c = ctx.strong(
        lambda c: c.relation == "rebuild" and c.kind == "existing" and c.region_code == ctx.line.region_code
    )
    return None if c is None else (c, _app_fields(c))


def _r4(ctx: _Context) -> Fired | None:
    g = ctx.group
    if g is None or g.size < 2 or not _spend("R4")(ctx):
        return None
    where = ", ".join(g.regions[:5]) + (
        f" dan {len(g.regions) - 5} daerah lain" if len(g.regions) > 5 else ""
    )
    if len(g.regions) <= 1:
        where = ", ".join(g.opds[:5]) + (f" dan {len(g.opds) - 5} OPD lain" if len(g.opds) > 5 else "")
    return None, {"n": g.size, "group": g.group_id, "where": where}


def _r6(ctx: _Context) -> Fired | None:
    if not _spend("R6")(ctx):
        return None
    th = ctx.policy.thresholds
    notes: list[str] = []
    best = ctx.best_rebuild
    grey = best is not None and th.review <= best.score < th.match
    if grey:
        notes.append(
            f"Kemiripan dengan {best.app_name} (skor {best.score:.0f}) berada di antara ambang reviu "
            f"({th.review:.0f}) dan ambang cocok ({th.match:.0f}): pastikan apakah usulan membangun ulang "
            "aplikasi tersebut."
        )
    strong = best is not None and best.score >= th.match
    if strong and ctx.line.spend_type == "other":
        notes.append(f"Jenis belanja tidak dikenali, sedangkan usulan sangat mirip {best.app_name}.")
    missing = [MISSING_FIELDS[f] for f in ctx.policy.rules["R6"].missing_fields if not getattr(ctx.line, f)]
    if missing:
        notes.append(f"Kolom kosong: {', '.join(missing)}; lengkapi agar usulan dapat dinilai.")
    if not notes:
        return None
    return (best if (grey or strong) else None), {"detail": " ".join(notes)}


CHECKS: dict[str, Check] = {"R5": _r5, "R7": _r7, "R1": _r1, "R3": _r3, "R2": _r2, "R4": _r4, "R6": _r6}


def decide(line: LineFacts, candidates: list[Candidate], group: GroupInfo | None, policy: Policy) -> Decision:
    """Evaluate every rule in precedence order; the first that fires decides, all that fire are recorded."""
    if not line.is_spbe:
        rule = policy.rules["NS"]
        return Decision(outcome=rule.outcome, rules=["NS"], reason=_text(rule.reason, {}))
    ctx = _Context(line, policy, sorted(candidates, key=lambda c: -c.score), group)
    fired: list[tuple[str, Fired]] = []
    for rule_id in policy.precedence:
        if rule_id == "R0":
            continue
        result = CHECKS[rule_id](ctx)
        if result is not None:
            fired.append((rule_id, result))
    group_id = group.group_id if group is not None and group.size >= 2 else None
    if not fired:
        rule = policy.rules["R0"]
        return Decision(
            outcome=rule.outcome,
            rules=["R0"],
            reason=_text(rule.reason, {}),
            duplicate_group=group_id,
            explanation=_explain(ctx, None),
        )
    rule_id, (matched, fields) = fired[0]
    rule = policy.rules[rule_id]
    return Decision(
        outcome=rule.outcome,
        rules=[r for r, _ in fired],
        reason=_text(rule.reason, fields),
        matched=matched,
        duplicate_group=group_id,
        explanation=_explain(ctx, matched),
    )


def _text(template: str, fields: dict) -> str:
    return " ".join(template.format_map(_Blank(fields)).split())


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "-"


def _explain(ctx: _Context, matched: Candidate | None) -> dict:
    shown = matched or ctx.best_rebuild
    out: dict = {"thresholds": ctx.policy.thresholds.model_dump()}
    if shown is not None:
        out["match"] = shown.explanation
    if ctx.group is not None:
        regions = ctx.group.regions
        out["group"] = {
            "id": ctx.group.group_id,
            "size": ctx.group.size,
            "region_count": len(regions),
            "regions": list(regions[:GROUP_REGIONS_KEPT]),  # a national group can span 552 regions
        }
    return out
