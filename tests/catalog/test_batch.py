"""Batch matching: a line's candidates never depend on the other lines of the batch or their order,
and sharing regions out to forked workers gives the same results."""

from __future__ import annotations

import contextlib
import random
import time
from pathlib import Path

import pytest

from catalog.match import PARALLEL_MIN_LINES, Matcher
from catalog.parallel import fork_available, run_split, split_by_region
from clearance.bench import TreeMemory
from clearance.bench.match import synthesize


@pytest.fixture(scope="module")
def cycle() -> tuple[list, list]:
    return synthesize(PARALLEL_MIN_LINES + 1000, 120, 6000, 3, 0.05)


def test_results_do_not_depend_on_line_order(cycle: tuple[list, list]) -> None:
    apps, queries = cycle
    serial = Matcher(apps).match_many(queries)
    order = list(range(len(queries)))
    random.Random(7).shuffle(order)
    shuffled = Matcher(apps).match_many([queries[i] for i in order])
    back = [None] * len(queries)
    for i, r in zip(order, shuffled, strict=True):
        back[i] = r
    assert sum(a != b for a, b in zip(serial, back, strict=True)) == 0


@pytest.mark.skipif(not fork_available(), reason="needs fork")
def test_workers_give_the_serial_results(cycle: tuple[list, list]) -> None:
    apps, queries = cycle
    assert Matcher(apps).match_many(queries, workers=2) == Matcher(apps).match_many(queries)


@pytest.mark.parametrize(
    "workers", [1, pytest.param(2, marks=pytest.mark.skipif(not fork_available(), reason="needs fork"))]
)
def test_matching_and_grouping_in_one_pass_gives_the_two_calls_results(
    cycle: tuple[list, list], workers: int
) -> None:
    apps, queries = cycle
    found, groups = Matcher(apps).match_and_group(queries, workers=workers)
    serial = Matcher(apps)
    assert found == serial.match_many(queries)
    assert groups == serial.duplicate_groups(queries) and len(set(groups.values())) > 10


def test_split_keeps_regions_whole_and_balanced(cycle: tuple[list, list]) -> None:
    _, queries = cycle
    parts = split_by_region(queries, 2)
    assert sorted(i for p in parts for i in p) == list(range(len(queries)))
    regions = [{queries[i].region_code for i in p} for p in parts]
    assert not regions[0] & regions[1]
    assert abs(len(parts[0]) - len(parts[1])) < 0.1 * len(queries)


def _fails(queries: list) -> list:
    if any(q.region_code == "boom" for q in queries):
        raise ValueError("boom")
    return list(queries)


@pytest.mark.skipif(not fork_available(), reason="needs fork")
def test_a_worker_failure_is_raised(cycle: tuple[list, list]) -> None:
    from dataclasses import replace

    _, queries = cycle
    lines = [*queries[:50], *(replace(q, region_code="boom") for q in queries[50:5000])]
    parts = split_by_region(lines, 2, 0.95)
    if any(lines[i].region_code == "boom" for i in parts[0]):
        pytest.skip("the failing region fell to this process")
    with pytest.raises(RuntimeError, match="boom"):
        run_split(_fails, lines, 2, pause_gc=contextlib.nullcontext)


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_tree_memory_sees_an_allocation() -> None:
    with TreeMemory(interval=0.05) as mem:
        block = bytearray(300 * 1024 * 1024)
        time.sleep(0.5)
        del block
    assert 300 <= mem.peak_pss_mb <= mem.peak_rss_mb
