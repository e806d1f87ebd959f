"""The flows under prefect_test_harness: outputs, artifacts, safe re-runs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from clearance.config import DATA_DIR
from clearance.records import JSONL_FIELDS

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_harness")]

SAMPLES = DATA_DIR / "samples"


def manifest() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    with open(SAMPLES / "manifest.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["region_code"], []).append(SAMPLES / row["file"])
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def artifact_keys() -> set[str]:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return {a.key for a in client.read_artifacts() if a.key}


def test_process_submission_writes_reports_and_artifacts(tmp_path: Path) -> None:
    from flows.process_submission import process_submission

    region, files = next(iter(manifest().items()))
    db_url = f"sqlite:///{tmp_path / 'flow.db'}"
    out = tmp_path / "out"
    result = process_submission([str(f) for f in files], region, 2027, str(out), db_url=db_url)
    ingested = sum(r["ingested"] for r in result["ingested"])
    assert ingested > 0 and all("error" not in r for r in result["ingested"])
    decisions = read_jsonl(out / "decisions.jsonl")
    assert len(decisions) == ingested
    assert all(tuple(d) == JSONL_FIELDS for d in decisions)
    assert (out / "rejected.jsonl").exists()
    workbook = load_workbook(out / f"clearance-{region}-2027.xlsx", read_only=True)
    assert {"Ringkasan", "Keputusan", "Duplikat", "Ditolak"} <= set(workbook.sheetnames)
    rows = list(workbook["Keputusan"].iter_rows(values_only=True))
    evidence = rows[0].index("Bukti Kecocokan")
    flagged = [r for r in rows[1:] if r[rows[0].index("Kode Keputusan")] == "USE_SHARED_APP"]
    assert flagged and all(r[evidence] and "; skor " in r[evidence] for r in flagged)
    integration = next(
        r for r in rows[1:] if r[rows[0].index("Nama Aplikasi")] == "Integrasi e-Office dengan SRIKANDI"
    )
    assert integration[rows[0].index("Kode Keputusan")] == "CLEARED"  # R5: integration is no re-build
    keys = artifact_keys()
    assert any(k.startswith("ringkasan-") for k in keys) and any(k.startswith("temuan-") for k in keys)
    assert any(k.startswith("laporan-") for k in keys)

    again = process_submission([str(f) for f in files], region, 2027, str(out), db_url=db_url)
    assert all(r["duplicate_of"] for r in again["ingested"])  # same files: nothing ingested twice
    assert read_jsonl(out / "decisions.jsonl") == decisions  # a re-run gives the same result


def test_clearance_cycle_covers_every_region(tmp_path: Path) -> None:
    from flows.clearance_cycle import clearance_cycle
    from flows.process_submission import process_submission

    db_url = f"sqlite:///{tmp_path / 'cycle.db'}"
    regions = manifest()
    for region, files in regions.items():
        process_submission([str(f) for f in files], region, 2027, str(tmp_path / region), db_url=db_url)
    out = tmp_path / "cycle"
    result = clearance_cycle(2027, str(out), db_url=db_url)
    assert sorted(result["regions"]) == sorted(regions)
    for region in regions:
        assert (out / f"clearance-{region}-2027.xlsx").exists()
    decisions = read_jsonl(out / "decisions.jsonl")
    assert {d["region_code"] for d in decisions} == set(regions)
    assert (out / "clearance-rollup-2027.xlsx").exists()


def test_catalog_refresh_merges_by_scope_and_skips_unchanged_content(tmp_path: Path) -> None:
    from flows.catalog_refresh import catalog_refresh

    db_url = f"sqlite:///{tmp_path / 'cat.db'}"
    first = catalog_refresh(db_url=db_url)
    assert first["apps"] > 300 and not first["unchanged"] and "national" in first["scopes"]
    second = catalog_refresh(db_url=db_url)
    assert second["unchanged"] and second["version_id"] == first["version_id"]
    inventory = tmp_path / "kab_malang.csv"
    inventory.write_text(
        "app_id,name,aliases,kind,owner,region_code,function,shareable\n"
        "ex-35.07-1,SIMPEG Kabupaten Malang,,existing,BKPSDM,35.07,kepegawaian,false\n",
        encoding="utf-8",
    )
    third = catalog_refresh(path=str(inventory), db_url=db_url)
    assert third["version_id"] == first["version_id"] + 1 and third["scopes"] == ["35.07"]
    assert (third["apps"], third["added"], third["retired"]) == (first["apps"] + 1, 1, 0)
