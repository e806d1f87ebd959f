"""Plain data of the application catalog and of match results (no I/O, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

AppKind = Literal["shared", "existing"]
Relation = Literal["rebuild", "integration"]


@dataclass(frozen=True)
class CatalogApp:
    """One application: a national shared app (aplikasi umum) or a region's existing app."""

    app_id: str
    name: str
    kind: AppKind
    owner: str = ""
    region_code: str | None = None
    aliases: tuple[str, ...] = ()
    function: tuple[str, ...] = ()
    shareable: bool = False
    note: str = ""


@dataclass(frozen=True)
class LineQuery:
    """What the matcher needs to know of one proposed budget line."""

    key: int | str
    app_name: str
    description: str = ""
    region_code: str | None = None
    opd: str | None = None
    spend_type: str = "other"


@dataclass
class Candidate:
    """A catalog app that a line may re-build (or integrate with), with the evidence."""

    app_id: str
    app_name: str
    kind: AppKind
    region_code: str | None
    shareable: bool
    score: float
    relation: Relation = "rebuild"
    explanation: dict = field(default_factory=dict)
