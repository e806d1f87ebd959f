"""The policy file is validated at load, with errors that name the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clearance.policy import DEFAULT_POLICY, PolicyError, load_policy


def write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(DEFAULT_POLICY.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_bundled_policy_loads() -> None:
    policy = load_policy()
    assert policy.version == "2027.1"
    assert policy.precedence == ["R5", "R7", "R1", "R3", "R2", "R4", "R6", "R0"]
    assert policy.thresholds.review < policy.thresholds.match


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["thresholds"].update(review=95), "review (95.0) must not exceed match"),
        (lambda d: d["rules"]["R1"].update(outcome="APPROVED"), "rules.R1: outcome 'APPROVED' is not one of"),
        (lambda d: d["rules"]["R2"].update(spend_types=["baru"]), "unknown spend types ['baru']"),
        (lambda d: d["rules"].pop("R4"), "rules missing: R4"),
        (lambda d: d.update(precedence=["R1", "R0"]), "precedence must list each of"),
        (
            lambda d: d["thresholds"].update(match=120),
            "thresholds.match: Input should be less than or equal to 100",
        ),
        (lambda d: d.update(extra_key=1), "extra_key: Extra inputs are not permitted"),
        (
            lambda d: d["rules"]["R6"].update(missing_fields=["opdd"]),
            "missing_fields: unknown fields ['opdd']",
        ),
        (lambda d: d["rules"]["R1"].update(reason="{app"), "rules.R1.reason: not a valid template"),
        (
            lambda d: d["rules"]["R1"].update(reason="{detial}"),
            "unknown placeholders ['detial']; this rule has {app}",
        ),
        (lambda d: d["rules"]["R2"].update(reason="{app:.0f}"), "rules.R2.reason: not a valid template"),
        (lambda d: d.update(precedence=["R0", "R5", "R7", "R1", "R3", "R2", "R4", "R6"]), "must end with R0"),
        (
            lambda d: d["thresholds"].update(group=10),
            "thresholds.group: Input should be greater than or equal to 60",
        ),
        (lambda d: d["rules"]["R1"].update(integration_spend_types=["new"]), "applies to R5 only"),
    ],
)
def test_invalid_policy_is_refused_with_its_reason(tmp_path: Path, mutate, message: str) -> None:
    path = write(tmp_path, mutate)
    with pytest.raises(PolicyError) as err:
        load_policy(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("version: [unclosed", encoding="utf-8")
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="policy file not found"):
        load_policy(tmp_path / "nope.yaml")


def test_policy_by_bundled_version_or_path(tmp_path: Path) -> None:
    assert load_policy("2027.1").version == "2027.1"
    assert load_policy(DEFAULT_POLICY).version == "2027.1"
    with pytest.raises(
        PolicyError, match=r"no such policy file or bundled policy version \(bundled: 2027\.1"
    ):
        load_policy("2031.9")
    with pytest.raises(PolicyError, match="policy file not found"):
        load_policy(tmp_path / "nope.yaml")
