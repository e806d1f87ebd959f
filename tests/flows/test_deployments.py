"""prefect.yaml: each deployment's entrypoint is a flow of flows/, its parameters are that flow's, and
the scheduled ones run on a cron in Asia/Jakarta."""

from __future__ import annotations

import importlib
import inspect
from datetime import date

import yaml

from clearance.config import PACKAGE_ROOT
from clearance.policy import load_policy
from clearance.run import next_budget_year


def deployments() -> dict[str, dict]:
    spec = yaml.safe_load((PACKAGE_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    return {d["name"]: d for d in spec["deployments"]}


def test_deployments_point_at_flows_with_their_parameters() -> None:
    found = deployments()
    assert {"clearance-cycle", "catalog-refresh", "process-submission"} <= set(found)
    for name, d in found.items():
        path, func = d["entrypoint"].split(":")
        module = path.removesuffix(".py").replace("/", ".")
        flow = getattr(importlib.import_module(module), func)
        params = inspect.signature(flow.fn).parameters
        assert set(d.get("parameters") or {}) <= set(params), name


def test_cycle_and_catalog_runs_are_scheduled_in_jakarta_time() -> None:
    found = deployments()
    for name in ("clearance-cycle", "catalog-refresh"):
        (schedule,) = found[name]["schedules"]
        assert schedule["timezone"] == "Asia/Jakarta" and len(schedule["cron"].split()) == 5
    cycle = found["clearance-cycle"]["parameters"]
    assert cycle["cycle"] is None and load_policy(cycle["policy"]).version == cycle["policy"]


def test_the_default_cycle_is_the_coming_budget_year() -> None:
    assert next_budget_year(date(2026, 8, 3)) == 2027
    assert next_budget_year(date(2026, 12, 31)) == 2027
