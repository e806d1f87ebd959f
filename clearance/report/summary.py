"""Totals over decisions: by outcome, by OPD, by region, and the duplicate groups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from clearance.records import FLAGGED, OUTCOMES, DecisionRecord
from clearance.report.labels import EFFICIENCY, opd_name, outcome_label, percent, rupiah, text_order


@dataclass
class Totals:
    """Lines and pagu of a set of decisions, split by outcome."""

    lines: int = 0
    pagu: int = 0
    lines_by_outcome: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    pagu_by_outcome: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))

    def add(self, d: DecisionRecord) -> None:
        self.lines += 1
        self.pagu += d.amount
        self.lines_by_outcome[d.outcome] = self.lines_by_outcome.get(d.outcome, 0) + 1
        self.pagu_by_outcome[d.outcome] = self.pagu_by_outcome.get(d.outcome, 0) + d.amount

    def pagu_of(self, outcomes: Iterable[str]) -> int:
        return sum(self.pagu_by_outcome.get(o, 0) for o in outcomes)

    @property
    def spbe_pagu(self) -> int:
        """Proposed pagu of SPBE spending: everything but NOT_SPBE pass-through lines."""
        return self.pagu - self.pagu_by_outcome.get("NOT_SPBE", 0)

    @property
    def efficiency_pagu(self) -> int:
        """Pagu flagged for a shared app or for consolidation: what the clearance saves."""
        return self.pagu_of(EFFICIENCY)

    @property
    def efficiency_share(self) -> float:
        """efficiency_pagu as a fraction of spbe_pagu (0 when there is none)."""
        return self.efficiency_pagu / self.spbe_pagu if self.spbe_pagu else 0.0

    def share(self, outcome: str) -> float:
        return self.pagu_by_outcome.get(outcome, 0) / self.spbe_pagu if self.spbe_pagu else 0.0


def totals(decisions: Iterable[DecisionRecord]) -> Totals:
    out = Totals()
    for d in decisions:
        out.add(d)
    return out


def totals_by(decisions: Iterable[DecisionRecord], key) -> dict:
    """Totals per `key(decision)`, keys sorted."""
    out: dict = defaultdict(Totals)
    for d in decisions:
        out[key(d)].add(d)
    return dict(sorted(out.items(), key=lambda item: text_order(item[0])))


@dataclass
class DuplicateGroup:
    """A duplicate group as these decisions show it; `cycle_*` come from the engine's view of the
    whole cycle where the decisions carry it (a region's workbook sees only its own members)."""

    group_id: str
    members: list[DecisionRecord]
    cycle_size: int | None = None
    cycle_regions: tuple[str, ...] = ()
    cycle_region_count: int | None = None  # all regions of the group (cycle_regions names the first few)

    @property
    def pagu(self) -> int:
        return sum(m.amount for m in self.members)

    @property
    def regions(self) -> list[str]:
        return sorted({m.region_code for m in self.members} | set(self.cycle_regions))

    @property
    def regions_text(self) -> str:
        """The regions, "; "-joined, with "(+N daerah lain)" for those the decisions do not name."""
        shown = self.regions
        more = (self.cycle_region_count or 0) - len(shown)
        return "; ".join(shown) + (f" (+{more} daerah lain)" if more > 0 else "")

    @property
    def opds(self) -> list[str]:
        return sorted({opd_name(m.opd) for m in self.members}, key=text_order)

    @property
    def app_names(self) -> list[str]:
        return sorted({" ".join(m.app_name.split()) for m in self.members}, key=text_order)


def duplicate_groups(decisions: Iterable[DecisionRecord]) -> list[DuplicateGroup]:
    """Groups of the decisions, largest pagu first; members by region, OPD and line."""
    members: dict[str, list[DecisionRecord]] = defaultdict(list)
    for d in decisions:
        if d.duplicate_group:
            members[d.duplicate_group].append(d)
    groups = []
    for gid, group in members.items():
        group.sort(key=lambda m: (m.region_code, text_order(opd_name(m.opd)), m.line_id))
        info = next(
            (
                m.explanation["group"]
                for m in group
                if isinstance(m.explanation, dict)
                and isinstance(m.explanation.get("group"), dict)
                and m.explanation["group"].get("id") == gid
            ),
            {},
        )
        groups.append(
            DuplicateGroup(
                group_id=gid,
                members=group,
                cycle_size=info.get("size"),
                cycle_regions=tuple(info.get("regions") or ()),
                cycle_region_count=info.get("region_count"),
            )
        )
    groups.sort(key=lambda g: (-g.pagu, g.group_id))
    return groups


def _totals_json(t: Totals) -> dict:
    return {
        "lines": t.lines,
        "pagu": t.pagu,
        "spbe_pagu": t.spbe_pagu,
        "efficiency_pagu": t.efficiency_pagu,
        "lines_by_outcome": dict(t.lines_by_outcome),
        "pagu_by_outcome": dict(t.pagu_by_outcome),
    }


def summarize(decisions: Iterable[DecisionRecord]) -> dict:
    """Counts and pagu per outcome, the flagged pagu, and totals per region and per OPD (JSON-ready).

    `efficiency_pagu` is the headline (USE_SHARED_APP + CONSOLIDATE); `flagged_pagu` also counts
    NEEDS_REVIEW (records.FLAGGED, as the CLI prints it). Percentages are of `spbe_pagu`, the
    proposed pagu without NOT_SPBE pass-through lines."""
    decisions = list(decisions)
    all_ = totals(decisions)
    flagged = all_.pagu_of(FLAGGED)
    pct = (lambda v: 100 * v / all_.spbe_pagu) if all_.spbe_pagu else (lambda v: 0.0)
    return {
        "lines": all_.lines,
        "regions": sorted({d.region_code for d in decisions}),
        "total_pagu": all_.pagu,
        "spbe_pagu": all_.spbe_pagu,
        "not_spbe_pagu": all_.pagu_by_outcome["NOT_SPBE"],
        "efficiency_pagu": all_.efficiency_pagu,
        "efficiency_pct": pct(all_.efficiency_pagu),
        "flagged_pagu": flagged,
        "flagged_pct": pct(flagged),
        "review_pagu": all_.pagu_by_outcome["NEEDS_REVIEW"],
        "cleared_pagu": all_.pagu_by_outcome["CLEARED"],
        "by_outcome": {
            o: {
                "label": outcome_label(o),
                "lines": all_.lines_by_outcome.get(o, 0),
                "pagu": all_.pagu_by_outcome.get(o, 0),
            }
            for o in all_.pagu_by_outcome
        },
        "by_region": [
            {"region_code": region, **_totals_json(t)}
            for region, t in totals_by(decisions, lambda d: d.region_code).items()
        ],
        "by_opd": [
            {"region_code": region, "opd": opd, **_totals_json(t)}
            for (region, opd), t in totals_by(decisions, lambda d: (d.region_code, opd_name(d.opd))).items()
        ],
    }


MARKDOWN_ROWS = 15


def _md(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def summary_markdown(summary: dict, region_name: str, cycle: int) -> str:
    """An Indonesian markdown summary of `summarize()` for a Prefect artifact."""
    spbe = summary["spbe_pagu"]

    def share(v: int) -> str:
        return percent(100 * v / spbe) if spbe else "-"

    out = [
        f"# Kliring Belanja SPBE: {_md(region_name)}, Tahun Anggaran {cycle}",
        "",
        f"- **Total pagu diusulkan:** {rupiah(summary['total_pagu'])} ({summary['lines']} baris)",
    ]
    if summary["not_spbe_pagu"]:
        out.append(
            f"- **Pagu belanja SPBE:** {rupiah(spbe)} (tanpa {rupiah(summary['not_spbe_pagu'])} bukan SPBE)"
        )
    out += [
        f"- **Pagu ditandai untuk aplikasi umum dan konsolidasi (efisiensi):** "
        f"{rupiah(summary['efficiency_pagu'])} ({share(summary['efficiency_pagu'])} dari pagu belanja SPBE)",
        f"- **Pagu perlu reviu:** {rupiah(summary['review_pagu'])} ({share(summary['review_pagu'])})",
        f"- **Pagu disetujui:** {rupiah(summary['cleared_pagu'])} ({share(summary['cleared_pagu'])})",
        "",
        "## Menurut keputusan",
        "",
        "| Keputusan | Baris | Pagu | % pagu SPBE |",
        "| --- | ---: | ---: | ---: |",
    ]
    for code, row in summary["by_outcome"].items():
        pct = "-" if code == "NOT_SPBE" else share(row["pagu"])
        out.append(f"| {_md(row['label'])} | {row['lines']} | {rupiah(row['pagu'])} | {pct} |")
    out.append(f"| **Jumlah** | **{summary['lines']}** | **{rupiah(summary['total_pagu'])}** | |")

    multi = len(summary["regions"]) > 1
    rows = summary["by_region"] if multi else summary["by_opd"]
    title, col = ("daerah", "Daerah") if multi else ("perangkat daerah", "Perangkat Daerah")
    rows = sorted(rows, key=lambda r: (-r["efficiency_pagu"], -r["pagu"]))
    out += [
        "",
        f"## Menurut {title} (pagu efisiensi terbesar)",
        "",
        f"| {col} | Baris | Pagu diusulkan | Aplikasi umum | Konsolidasi | Perlu reviu | Disetujui |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows[:MARKDOWN_ROWS]:
        p = r["pagu_by_outcome"]
        name = r["region_code"] if multi else r["opd"]
        out.append(
            f"| {_md(name)} | {r['lines']} | {rupiah(r['pagu'])} | {rupiah(p.get('USE_SHARED_APP', 0))} | "
            f"{rupiah(p.get('CONSOLIDATE', 0))} | {rupiah(p.get('NEEDS_REVIEW', 0))} | "
            f"{rupiah(p.get('CLEARED', 0))} |"
        )
    if len(rows) > MARKDOWN_ROWS:
        out.append(f"\n… dan {len(rows) - MARKDOWN_ROWS} {title} lainnya (lihat laporan Excel).")
    return "\n".join(out) + "\n"
