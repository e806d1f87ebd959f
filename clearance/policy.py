"""The versioned policy file: thresholds and the decision table, validated at load."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Formatter

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from clearance.config import DATA_DIR
from clearance.ingest.model import SPEND_TYPES
from clearance.records import OUTCOMES

POLICY_DIR = DATA_DIR / "policy"
DEFAULT_POLICY = POLICY_DIR / "2027.1.yaml"
RULE_IDS = ("R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "NS")
APP_FIELDS = ("app", "owner", "region", "score")
# The placeholders each rule's reason may use (what clearance.decide fills in).
REASON_FIELDS: dict[str, tuple[str, ...]] = {
    "R5": ("detail", *APP_FIELDS),
    "R7": (),
    "R1": APP_FIELDS,
    "R3": APP_FIELDS,
    "R2": APP_FIELDS,
    "R4": ("n", "group", "where"),
    "R6": ("detail",),
    "R0": (),
    "NS": (),
}
# Line fields R6 may require (missing_fields), with their labels in the reason.
MISSING_FIELDS: dict[str, str] = {
    "opd": "Perangkat Daerah",
    "description": "Uraian",
    "sub_activity": "Kode Sub Kegiatan",
}


class PolicyError(Exception):
    """A policy file that cannot be used, naming the file and the field."""


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    match: float = Field(ge=50, le=100)
    review: float = Field(ge=30, le=100)
    group: float = Field(ge=60, le=100)  # below 60 unrelated names would group

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.review > self.match:
            raise ValueError(f"review ({self.review}) must not exceed match ({self.match})")
        return self


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str
    title: str
    reason: str
    spend_types: list[str] = Field(default_factory=lambda: list(SPEND_TYPES))
    # R5 only: the spend types for which integration with a shared app clears a line (not
    # infrastructure by default, which R7 reviews against the national data centre)
    integration_spend_types: list[str] | None = None
    missing_fields: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_values(self) -> Rule:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"outcome {self.outcome!r} is not one of {', '.join(OUTCOMES)}")
        for name in ("spend_types", "integration_spend_types"):
            unknown = sorted(set(getattr(self, name) or ()) - set(SPEND_TYPES))
            if unknown:
                raise ValueError(f"{name}: unknown spend types {unknown}; known: {', '.join(SPEND_TYPES)}")
        unknown = sorted(set(self.missing_fields) - set(MISSING_FIELDS))
        if unknown:
            raise ValueError(f"missing_fields: unknown fields {unknown}; known: {', '.join(MISSING_FIELDS)}")
        return self


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(min_length=1)
    description: str = ""
    thresholds: Thresholds
    precedence: list[str]
    rules: dict[str, Rule]

    @model_validator(mode="after")
    def _complete(self) -> Policy:
        missing = [r for r in RULE_IDS if r not in self.rules]
        if missing:
            raise ValueError(f"rules missing: {', '.join(missing)}")
        unknown = [r for r in self.rules if r not in RULE_IDS]
        if unknown:
            raise ValueError(f"unknown rules: {', '.join(unknown)}; known: {', '.join(RULE_IDS)}")
        wanted = [r for r in RULE_IDS if r != "NS"]
        if sorted(self.precedence) != sorted(wanted):
            raise ValueError(f"precedence must list each of {', '.join(wanted)} once")
        if self.precedence[-1] != "R0":
            raise ValueError("precedence must end with R0 (it decides when no other rule fires)")
        for rule_id, rule in self.rules.items():
            _check_reason(rule_id, rule.reason)
            if rule.integration_spend_types is not None and rule_id != "R5":
                raise ValueError(f"rules.{rule_id}: integration_spend_types applies to R5 only")
        return self


def _check_reason(rule_id: str, template: str) -> None:
    """The reason must be a valid template whose placeholders are the rule's fields."""
    try:
        names = [name for _, name, _, _ in Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ValueError(f"rules.{rule_id}.reason: not a valid template ({exc})") from None
    allowed = REASON_FIELDS[rule_id]
    unknown = sorted({n for n in names if n not in allowed})
    if unknown:
        known = ", ".join("{" + f + "}" for f in allowed) or "none"
        raise ValueError(f"rules.{rule_id}.reason: unknown placeholders {unknown}; this rule has {known}")
    try:
        template.format_map(dict.fromkeys(allowed, "x"))
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"rules.{rule_id}.reason: not a valid template ({exc})") from None


def policy_path(policy: Path | str | None = None) -> Path:
    """The file of `policy`: a path to a YAML file, or a bundled version ("2027.1" is
    data/policy/2027.1.yaml); None is the default policy."""
    if not policy:
        return DEFAULT_POLICY
    path = Path(policy)
    if path.exists() or path.suffix in (".yaml", ".yml") or len(path.parts) > 1:
        return path
    bundled = POLICY_DIR / f"{policy}.yaml"
    if bundled.exists():
        return bundled
    known = ", ".join(sorted(p.stem for p in POLICY_DIR.glob("*.yaml")))
    raise PolicyError(f"{policy}: no such policy file or bundled policy version (bundled: {known})")


def load_policy(policy: Path | str | None = None) -> Policy:
    """Load and validate a policy: a YAML file or a bundled version (see `policy_path`)."""
    path = policy_path(policy)
    return _load_policy_cached(path.resolve(), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=16)
def _load_policy_cached(path: Path, _mtime: int) -> Policy:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"{path}: policy file not found") from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping with version, thresholds, precedence and rules")
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise PolicyError(f"{path}: {problems}") from None
