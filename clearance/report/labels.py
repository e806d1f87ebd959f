"""Indonesian labels and colours shared by the workbooks and the markdown summary."""

from __future__ import annotations

from clearance.records import OUTCOME_LABELS

SPEND_TYPE_LABELS: dict[str, str] = {
    "new": "Pembangunan baru",
    "enhancement": "Pengembangan",
    "maintenance": "Pemeliharaan",
    "license": "Lisensi/langganan",
    "infrastructure": "Infrastruktur",
    "other": "Lainnya",
}
REJECT_KIND_LABELS: dict[str, str] = {"rejected": "Ditolak", "skipped": "Dilewati"}

# Fill colour (RGB) of an outcome cell.
OUTCOME_FILLS: dict[str, str] = {
    "CLEARED": "C6EFCE",  # green
    "NEEDS_REVIEW": "FFEB9C",  # amber
    "USE_SHARED_APP": "FFC7CE",  # red
    "CONSOLIDATE": "F8CBAD",  # orange
    "NOT_SPBE": "D9D9D9",  # grey
}
EFFICIENCY: tuple[str, ...] = ("USE_SHARED_APP", "CONSOLIDATE")  # the pagu the clearance saves
NO_OPD = "(tanpa OPD)"


def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, outcome)


def spend_type_label(spend_type: str | None) -> str:
    return SPEND_TYPE_LABELS.get(spend_type or "", spend_type or "")


def reject_kind_label(kind: str) -> str:
    return REJECT_KIND_LABELS.get(kind, kind)


def opd_name(opd: str | None) -> str:
    """An OPD as shown and grouped: whitespace collapsed; missing ones under one label."""
    name = " ".join((opd or "").split())
    return name or NO_OPD


def text_order(value):
    """Sort key that puts "Bappeda" before "BKPSDM" (case-insensitive, ties by the exact text);
    tuples sort element-wise."""
    if isinstance(value, tuple):
        return tuple(text_order(v) for v in value)
    if isinstance(value, str):
        return (value.casefold(), value)
    return (value,)


def rupiah(amount: int | float) -> str:
    """`1250000` -> `Rp 1.250.000` (Indonesian thousands separator)."""
    return "Rp " + f"{round(amount):,}".replace(",", ".")


def percent(value: float) -> str:
    """`12.345` (percent) -> `12,3%`."""
    return f"{value:.1f}".replace(".", ",") + "%"
