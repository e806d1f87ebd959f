"""Matching a large batch on several cores: forked workers share the built matcher.

Building a `Matcher` for a national catalog takes seconds and gigabytes, so the workers are forked
from the process that built it (copy-on-write) instead of being handed a pickled copy. Lines are
split by region, so that each region's names are prepared and cached in one process only; the
parent process matches a share itself and then reads the workers' results. Results are pickled with
the garbage collector paused (most of the cost is otherwise its passes over the new objects).

Forking is only available on POSIX and is unsafe in a process whose other threads may hold locks,
so this is opt-in (`Matcher.match_many(..., workers=N)`); without fork it falls back to one process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from catalog.models import LineQuery

T = TypeVar("T")


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch: with millions of cached objects alive, its
    full passes (not the work) would dominate. Nothing built here forms reference cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# The parent also unpickles every worker's results: it takes a little less than an equal share.
PARENT_SHARE = 0.95


def fork_available() -> bool:
    """Whether this platform can fork workers."""
    return "fork" in multiprocessing.get_all_start_methods()


def split_by_region(queries: Sequence[LineQuery], parts: int, first_weight: float = 1.0) -> list[list[int]]:
    """Indexes of `queries` in `parts` lists, each region whole, balanced by line count (largest
    regions first, each to the lightest part); part 0 is meant to carry `first_weight` of a share."""
    by_region: dict[str | None, list[int]] = defaultdict(list)
    for i, q in enumerate(queries):
        by_region[q.region_code].append(i)
    out: list[list[int]] = [[] for _ in range(parts)]
    load = [0.0] * parts
    weights = [first_weight] + [1.0] * (parts - 1)
    for _region, idx in sorted(by_region.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
        k = min(range(parts), key=lambda p: ((load[p] + len(idx)) / weights[p], p))
        out[k].extend(idx)
        load[k] += len(idx)
    for part in out:
        part.sort()
    return out


def run_split(
    work: Callable[[list[LineQuery]], list[T]],
    queries: Sequence[LineQuery],
    workers: int,
    *,
    pause_gc: Callable[[], object],
) -> list[T]:
    """`work` over `queries` split by region across `workers` processes (this one included), the
    results back in the order of `queries`. `work` runs in forked children: it must not rely on
    threads of this process. A failure in a worker is raised here with the worker's traceback."""
    parts = split_by_region(queries, workers, PARENT_SHARE)
    ctx = multiprocessing.get_context("fork")
    children = []
    for part in parts[1:]:
        if not part:
            continue
        reader, writer = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(work, [queries[i] for i in part], writer, pause_gc))
        proc.start()
        writer.close()
        children.append((part, proc, reader))
    results: list[T | None] = [None] * len(queries)
    try:
        mine = work([queries[i] for i in parts[0]])
        for i, r in zip(parts[0], mine, strict=True):
            results[i] = r
        for part, proc, reader in children:
            with pause_gc():
                status, payload = pickle.loads(reader.recv_bytes())
            if status != "ok":
                raise RuntimeError(f"matching worker {proc.pid} failed:\n{payload}")
            for i, r in zip(part, payload, strict=True):
                results[i] = r
    finally:
        for _part, proc, reader in children:
            reader.close()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join()
    return results  # type: ignore[return-value]


def _child(work, queries, writer, pause_gc) -> None:
    try:
        out = work(queries)
        with pause_gc():
            data = pickle.dumps(("ok", out), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        data = pickle.dumps(("error", traceback.format_exc()))
    writer.send_bytes(data)
    writer.close()
    os._exit(0)  # skip the parent's atexit handlers and finalisers
