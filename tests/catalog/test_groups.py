"""duplicate_groups: lines of a cycle that propose the same app, across OPDs and regions."""

from __future__ import annotations

import random
import re
from collections import defaultdict

import pytest

from catalog.groups import duplicate_groups
from catalog.match import Matcher
from catalog.models import CatalogApp, LineQuery
from catalog.normalize import Lexicon

LINES = [
    # (region, opd, name)
    ("35.19", "BKPSDM", "Pembangunan SIMPEG"),
    ("35.19", "Dinas Kesehatan", "Aplikasi SIMPEG Dinas Kesehatan"),
    ("51.71", "BKPSDM", "SIMPEG Kota Denpasar"),
    ("34.04", "BKD", "simpeg"),
    ("35.19", "Setda", "e-Office"),
    ("51.71", "Setda", "eOffice Pemkot"),
    ("34.04", "Diskominfo", "E Office Kab. Sleman"),
    ("35.19", "Dispendukcapil", "Sistem Informasi Administrasi Kependudukan"),
    ("51.71", "Disdukcapil", "Sistem Informasi Administrasi Kependudukkan"),  # a typo
    ("35.19", "Diskominfo", "SRIKANDI"),
    ("34.04", "Setda", "Sistem Informasi Kearsipan Dinamis Terintegrasi"),  # its expansion
    ("35.19", "Bapenda", "e-BPHTB"),  # alone: no group
    # noise that must not form giant groups
    ("35.19", "Diskominfo", "Pemeliharaan Website"),
    ("51.71", "Diskominfo", "Pemeliharaan Website"),
    ("34.04", "Dinas Pendidikan", "Website Dinas Pendidikan"),
    ("35.19", "Bappeda", "Aplikasi"),
    ("51.71", "Bappeda", "Aplikasi"),
    ("35.19", "Diskominfo", "Sewa Hosting"),
    ("51.71", "Diskominfo", "Sewa Hosting"),
    # integration is not a proposal of the app
    ("35.19", "Setda", "Integrasi dengan SRIKANDI"),
    ("51.71", "Setda", "Integrasi dengan SRIKANDI"),
]
LEXICON = Lexicon(
    region_names=["Kota Denpasar", "Kabupaten Sleman", "Kabupaten Madiun"],
    acronyms=[("SRIKANDI", "Sistem Informasi Kearsipan Dinamis Terintegrasi")],
)


def queries(keys=None) -> list[LineQuery]:
    keys = keys or [f"line-{i}" for i in range(len(LINES))]
    return [LineQuery(k, name, "", region, opd) for k, (region, opd, name) in zip(keys, LINES, strict=True)]


def members(groups: dict) -> list[set[str]]:
    by_gid: dict[str, set[str]] = defaultdict(set)
    names = {f"line-{i}": LINES[i][2] for i in range(len(LINES))}
    for key, gid in groups.items():
        by_gid[gid].add(names[key])
    return sorted(by_gid.values(), key=lambda s: sorted(s))


def test_groups_across_opds_and_regions() -> None:
    groups = members(duplicate_groups(queries(), lexicon=LEXICON))
    assert {
        "Pembangunan SIMPEG",
        "Aplikasi SIMPEG Dinas Kesehatan",
        "SIMPEG Kota Denpasar",
        "simpeg",
    } in groups
    assert {"e-Office", "eOffice Pemkot", "E Office Kab. Sleman"} in groups
    assert {
        "Sistem Informasi Administrasi Kependudukan",
        "Sistem Informasi Administrasi Kependudukkan",
    } in groups
    assert {"SRIKANDI", "Sistem Informasi Kearsipan Dinamis Terintegrasi"} in groups
    assert len(groups) == 4


def test_noise_and_integration_stay_out() -> None:
    grouped = duplicate_groups(queries(), lexicon=LEXICON)
    left_out = {LINES[int(k.split("-")[1])][2] for k in {q.key for q in queries()} - set(grouped)}
    assert {
        "Pemeliharaan Website",
        "Aplikasi",
        "Sewa Hosting",
        "Integrasi dengan SRIKANDI",
        "e-BPHTB",
    } <= left_out


def test_ids_are_stable_across_runs_keys_and_order() -> None:
    first = duplicate_groups(queries(), lexicon=LEXICON)
    assert all(re.fullmatch(r"DG-[0-9a-f]{10}", gid) for gid in first.values())
    assert duplicate_groups(queries(), lexicon=LEXICON) == first
    # other keys, shuffled: the same groups get the same ids
    renamed = [f"x{i}" for i in range(len(LINES))]
    shuffled = list(zip(renamed, queries(renamed), strict=True))
    random.Random(3).shuffle(shuffled)
    again = duplicate_groups([q for _, q in shuffled], lexicon=LEXICON)
    to_old = {f"x{i}": f"line-{i}" for i in range(len(LINES))}
    assert {to_old[k]: gid for k, gid in again.items()} == first


def test_groups_need_the_threshold() -> None:
    lines = [LineQuery(1, "Sistem Informasi Kepegawaian"), LineQuery(2, "Sistem Informasi Kependudukan")]
    assert duplicate_groups(lines, lexicon=LEXICON) == {}
    lines = [LineQuery(1, "Aplikasi Antrian Online"), LineQuery(2, "Aplikasi Antrean Online")]
    assert duplicate_groups(lines, threshold=80, lexicon=LEXICON) != {}
    assert duplicate_groups(lines, threshold=95, lexicon=LEXICON) == {}


def test_no_chaining_through_variants() -> None:
    # an ambiguous acronym (SIKD: kearsipan dinamis / keuangan daerah) must not glue two apps
    lex = Lexicon(
        acronyms=[
            ("SIKD", "Sistem Informasi Kearsipan Dinamis"),
            ("SIKD", "Sistem Informasi Keuangan Daerah"),
        ]
    )
    lines = [
        LineQuery(1, "SIKD"),
        LineQuery(2, "Sistem Informasi Kearsipan Dinamis"),
        LineQuery(3, "Sistem Informasi Keuangan Daerah"),
    ]
    assert duplicate_groups(lines, lexicon=lex) == {}


@pytest.mark.parametrize("threshold", [90.0])
def test_matcher_method_uses_its_lexicon(threshold: float) -> None:
    app = CatalogApp(
        "nas-srikandi", "SRIKANDI", "shared", aliases=("Sistem Informasi Kearsipan Dinamis Terintegrasi",)
    )
    matcher = Matcher([app])
    lines = [LineQuery(1, "SRIKANDI"), LineQuery(2, "Sistem Informasi Kearsipan Dinamis Terintegrasi")]
    groups = matcher.duplicate_groups(lines, threshold)
    assert set(groups) == {1, 2} and len(set(groups.values())) == 1


def test_carried_group_ids_survive_new_members_and_splits() -> None:
    from catalog.groups import carry_group_ids

    before = {1: "DG-old", 2: "DG-old", 3: "DG-old"}
    # two more lines join: the computed id changes, the carried one does not
    now = carry_group_ids({1: "DG-new", 2: "DG-new", 3: "DG-new", 4: "DG-new", 5: "DG-new"}, before)
    assert set(now.values()) == {"DG-old"}
    # a split: the larger part keeps the id, the other part gets its own computed id
    split = carry_group_ids({1: "DG-a", 2: "DG-a", 3: "DG-b"}, before)
    assert (split[1], split[2], split[3]) == ("DG-old", "DG-old", "DG-b")
    # two old groups merge: the id most members had wins, ties to the smaller id
    merged = carry_group_ids({1: "DG-m", 2: "DG-m", 6: "DG-m"}, {1: "DG-y", 2: "DG-x", 6: "DG-y"})
    assert set(merged.values()) == {"DG-y"}
    assert carry_group_ids({1: "DG-m", 2: "DG-m"}, {1: "DG-y", 2: "DG-x"}) == {1: "DG-x", 2: "DG-x"}
    assert carry_group_ids({7: "DG-c", 8: "DG-c"}, before) == {7: "DG-c", 8: "DG-c"}
