"""Sense rules: a line that says it is another function than a national app's ("e-Kinerja" for a
local TPP calculation, a hazard report for SP4N-LAPOR!), so the app loses points. Built in
(`SENSE_RULES`) and as data (data/catalog/senses.csv, each rule with its source)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from catalog.normalize import fold

_RAW_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class SenseRule:
    """Same name, different app: a national app's name that regions reuse for an app of their own.

    Applies to a shared app whose normalised name or alias is one of `names` when the line's name or
    description holds one of `signals`; the candidate loses `points`."""

    rule_id: str
    names: tuple[str, ...]
    signals: tuple[str, ...]
    points: float
    reason: str
    app_ids: tuple[str, ...] = ()  # also applies to these apps, whatever their names
    phrase: bool = False  # signals must stand as written (consecutive words), not as a set of words


SENSE_RULES: tuple[SenseRule, ...] = (
    SenseRule(
        "local-ekinerja-tpp",
        ("ekinerja",),
        (
            "tpp",
            "tambahan penghasilan",
            "tunjangan tambahan",
            "tunjangan penghasilan",
            "tunjangan daerah",
            "perhitungan tunjangan",
            "insentif pegawai",
        ),
        22.0,
        "Banyak pemda memakai nama e-Kinerja untuk aplikasi perhitungan TPP (tambahan penghasilan "
        "pegawai) sendiri; itu bukan e-Kinerja BKN (SKP). Uraian menyebut TPP/tunjangan.",
    ),
)

SENSES_FILE = Path(__file__).resolve().parent.parent / "data" / "catalog" / "senses.csv"


def read_sense_rules(path: Path = SENSES_FILE) -> tuple[SenseRule, ...]:
    """Sense rules from a `rule_id,app_ids,signals,points,reason,source` CSV (';'-separated app ids
    and signal phrases): a line that says one of the signals is about another function than the
    app's. A missing file gives none."""
    if not path.exists():
        return ()
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            rule_id = (row.get("rule_id") or "").strip()
            if not rule_id:
                continue
            signals = tuple(
                " ".join(_RAW_WORD.findall(fold(x)))
                for x in (row.get("signals") or "").split(";")
                if x.strip()
            )
            app_ids = tuple(x.strip() for x in (row.get("app_ids") or "").split(";") if x.strip())
            out.append(
                SenseRule(rule_id, (), signals, float(row.get("points") or 15), (row.get("reason") or "").strip(),
                          app_ids=app_ids, phrase=True)
            )  # fmt: skip
    return tuple(out)
