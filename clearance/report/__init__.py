"""Outputs of a clearance: the region workbook, the cycle roll-up, the JSONL files and summaries.

Pure functions over `DecisionRecord`/`RejectRecord`; no database, no Prefect."""

from clearance.report.jsonl import write_decisions_jsonl, write_rejected_jsonl
from clearance.report.labels import OUTCOME_FILLS, SPEND_TYPE_LABELS
from clearance.report.region import region_report_name, write_region_workbook
from clearance.report.rollup import rollup_report_name, write_cycle_rollup
from clearance.report.summary import summarize, summary_markdown
from clearance.report.xlsx import RUPIAH_FORMAT

__all__ = [
    "OUTCOME_FILLS",
    "RUPIAH_FORMAT",
    "SPEND_TYPE_LABELS",
    "region_report_name",
    "rollup_report_name",
    "summarize",
    "summary_markdown",
    "write_cycle_rollup",
    "write_decisions_jsonl",
    "write_region_workbook",
    "write_rejected_jsonl",
]
