"""decisions.jsonl and rejected.jsonl: one `to_json()` object per line, UTF-8, deterministic order."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from clearance.records import DecisionRecord, RejectRecord


def _write_lines(path: Path, objects: Iterable[dict]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for obj in objects:
                fh.write(json.dumps(obj, ensure_ascii=False))
                fh.write("\n")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_decisions_jsonl(path: Path, decisions: Iterable[DecisionRecord]) -> Path:
    """One object per decision (keys in JSONL_FIELDS order), by region then line id."""
    ordered = sorted(decisions, key=lambda d: (d.region_code, d.line_id))
    return _write_lines(path, (d.to_json() for d in ordered))


def write_rejected_jsonl(path: Path, rejects: Iterable[RejectRecord]) -> Path:
    """One object per rejected or skipped row, by region, file, sheet, row and column."""
    ordered = sorted(rejects, key=lambda r: (r.region_code, r.source_file, r.sheet, r.row, r.column or ""))
    return _write_lines(path, (r.to_json() for r in ordered))
