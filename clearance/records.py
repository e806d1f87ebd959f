"""Plain records that leave the engine: one per decided line and one per rejected/skipped row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Outcome = Literal["CLEARED", "USE_SHARED_APP", "CONSOLIDATE", "NEEDS_REVIEW", "NOT_SPBE"]
OUTCOMES: tuple[str, ...] = ("CLEARED", "USE_SHARED_APP", "CONSOLIDATE", "NEEDS_REVIEW", "NOT_SPBE")
OUTCOME_LABELS: dict[str, str] = {
    "CLEARED": "Disetujui",
    "USE_SHARED_APP": "Gunakan Aplikasi Umum",
    "CONSOLIDATE": "Konsolidasi",
    "NEEDS_REVIEW": "Perlu Reviu",
    "NOT_SPBE": "Bukan Belanja SPBE",
}
FLAGGED: tuple[str, ...] = ("USE_SHARED_APP", "CONSOLIDATE", "NEEDS_REVIEW")

JSONL_FIELDS: tuple[str, ...] = (
    "line_id", "source_file", "sheet", "row", "region_code", "cycle", "opd", "app_name", "description",
    "spend_type", "amount", "outcome", "rules", "reason", "matched_app_id", "matched_app_name", "score",
    "duplicate_group", "policy_version", "catalog_version",
)  # fmt: skip


REJECT_JSONL_FIELDS: tuple[str, ...] = (
    "source_file", "sheet", "row", "column", "reason", "kind", "region_code", "cycle",
)  # fmt: skip


@dataclass
class DecisionRecord:
    """The current decision of one ingested line (the engine's, or an auditor's where one applies)."""

    line_id: int
    source_file: str
    sheet: str
    row: int
    region_code: str
    cycle: int
    opd: str | None
    app_name: str
    description: str | None
    spend_type: str
    amount: int
    outcome: str
    rules: list[str]
    reason: str
    matched_app_id: str | None = None
    matched_app_name: str | None = None
    score: float | None = None
    duplicate_group: str | None = None
    policy_version: str = ""
    catalog_version: int | None = None
    region_name: str = ""
    explanation: dict = field(default_factory=dict)
    candidates: list = field(default_factory=list)
    reviewed_by: str | None = None  # set when an auditor's decision overrides the engine's
    review_note: str | None = None

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    def to_json(self) -> dict:
        """The `decisions.jsonl` object: exactly JSONL_FIELDS (lists copied, nothing else shared)."""
        data = {key: getattr(self, key) for key in JSONL_FIELDS}
        data["rules"] = list(self.rules)
        return data


@dataclass
class RejectRecord:
    """A rejected or skipped input row."""

    source_file: str
    sheet: str
    row: int
    column: str | None
    reason: str
    kind: str = "rejected"
    region_code: str = ""
    cycle: int | None = None

    def to_json(self) -> dict:
        """The `rejected.jsonl` object: REJECT_JSONL_FIELDS (the file's place and reason, then which
        region and whether the row was rejected or skipped as a heading or total)."""
        return {
            "source_file": self.source_file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
            "kind": self.kind,
            "region_code": self.region_code,
            "cycle": self.cycle,
        }
