"""What the pages show, computed from DecisionRecords: results per OPD and the dashboard's charts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from clearance.records import FLAGGED, OUTCOMES, DecisionRecord
from clearance.report.labels import opd_name
from clearance.report.summary import Totals, totals, totals_by

FOLLOW_UP: dict[str, str] = {
    "CLEARED": "",
    "USE_SHARED_APP": "Gunakan aplikasi umum/berbagi pakai yang disebut; ubah usulan menjadi pemanfaatan atau integrasi.",
    "CONSOLIDATE": "Koordinasikan dengan pemilik aplikasi atau usulan sejenis dan gabungkan anggarannya.",
    "NEEDS_REVIEW": "Menunggu reviu auditor; lengkapi uraian fungsi aplikasi bila belum jelas.",
    "NOT_SPBE": "",
}
TOP_OPDS = 12


@dataclass
class Segment:
    """One coloured piece of a stacked bar: x and width in percent of the chart width."""

    outcome: str
    x: float
    width: float
    value: int


@dataclass
class BarRow:
    label: str
    totals: Totals
    segments: list[Segment] = field(default_factory=list)
    key: str = ""

    @property
    def flagged_pagu(self) -> int:
        return self.totals.pagu_of(FLAGGED)


@dataclass
class OpdResult:
    opd: str
    totals: Totals
    decisions: list[DecisionRecord]

    @property
    def flagged_pagu(self) -> int:
        return self.totals.pagu_of(FLAGGED)

    @property
    def flagged_lines(self) -> int:
        return sum(self.totals.lines_by_outcome.get(o, 0) for o in FLAGGED)


def _flag_first(d: DecisionRecord) -> tuple:
    order = {"USE_SHARED_APP": 0, "CONSOLIDATE": 1, "NEEDS_REVIEW": 2, "CLEARED": 3, "NOT_SPBE": 4}
    return (order.get(d.outcome, 5), -d.amount, d.line_id)


def results_by_opd(decisions: Iterable[DecisionRecord]) -> list[OpdResult]:
    """One entry per OPD, most flagged pagu first; each OPD's lines with flags first."""
    groups: dict[str, list[DecisionRecord]] = {}
    for d in decisions:
        groups.setdefault(opd_name(d.opd), []).append(d)
    out = [OpdResult(opd, totals(lines), sorted(lines, key=_flag_first)) for opd, lines in groups.items()]
    return sorted(out, key=lambda r: (-r.flagged_pagu, r.opd.casefold()))


def stacked(rows: Sequence[BarRow], outcomes: Sequence[str]) -> list[BarRow]:
    """Fill each row's segments (pagu of `outcomes`), scaled to the largest row's total."""
    biggest = max((r.totals.pagu_of(outcomes) for r in rows), default=0)
    for row in rows:
        x = 0.0
        row.segments = []
        for outcome in outcomes:
            value = row.totals.pagu_by_outcome.get(outcome, 0)
            if value and biggest:
                width = 100.0 * value / biggest
                row.segments.append(Segment(outcome, round(x, 3), round(width, 3), value))
                x += width
    return list(rows)


@dataclass
class ReviewProgress:
    flags: int
    reviewed: int

    @property
    def share(self) -> float:
        return self.reviewed / self.flags if self.flags else 0.0


def review_progress(decisions: Iterable[DecisionRecord]) -> ReviewProgress:
    """Flags are lines the engine flagged (or an auditor decided); reviewed ones carry an auditor."""
    flags = reviewed = 0
    for d in decisions:
        if d.outcome in FLAGGED or d.reviewed_by:
            flags += 1
            reviewed += bool(d.reviewed_by)
    return ReviewProgress(flags, reviewed)


@dataclass
class Dashboard:
    overall: Totals
    by_outcome: list[BarRow]
    by_opd: list[BarRow]
    opd_count: int
    by_region: list[BarRow]
    progress: ReviewProgress
    progress_by_region: dict[str, ReviewProgress]


def dashboard(decisions: list[DecisionRecord], region_names: dict[str, str]) -> Dashboard:
    """Totals, pagu by outcome, flagged pagu by OPD (top ones) and region, and review progress."""
    overall = totals(decisions)
    by_outcome = []
    for outcome in OUTCOMES:
        t = Totals()
        t.pagu_by_outcome[outcome] = overall.pagu_by_outcome.get(outcome, 0)
        t.lines_by_outcome[outcome] = overall.lines_by_outcome.get(outcome, 0)
        t.pagu, t.lines = t.pagu_by_outcome[outcome], t.lines_by_outcome[outcome]
        by_outcome.append(BarRow(outcome, t))
    multi_region = len({d.region_code for d in decisions}) > 1
    opd_key = (
        (lambda d: f"{opd_name(d.opd)} ({d.region_code})") if multi_region else (lambda d: opd_name(d.opd))
    )
    opds = [BarRow(k, t) for k, t in totals_by(decisions, opd_key).items()]
    flagged_opds = sorted((r for r in opds if r.flagged_pagu), key=lambda r: -r.flagged_pagu)
    regions = [
        BarRow(f"{code} {region_names.get(code, '')}".strip(), t, key=code)
        for code, t in totals_by(decisions, lambda d: d.region_code).items()
    ]
    per_region: dict[str, list[DecisionRecord]] = {}
    for d in decisions:
        per_region.setdefault(d.region_code, []).append(d)
    return Dashboard(
        overall=overall,
        by_outcome=stacked(by_outcome, OUTCOMES),
        by_opd=stacked(flagged_opds[:TOP_OPDS], FLAGGED),
        opd_count=len(flagged_opds),
        by_region=stacked(regions, OUTCOMES),
        progress=review_progress(decisions),
        progress_by_region={code: review_progress(ds) for code, ds in sorted(per_region.items())},
    )
