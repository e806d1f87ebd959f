"""Benchmarks (`clearance bench …`): figures for the issue notes, not tests.

Each measurement that reports a peak RSS runs in a process of its own (`in_subprocess`), because a
process's high-water mark only grows."""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_module
import resource
from collections.abc import Callable


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB: VmHWM, which (unlike ru_maxrss) starts afresh in a
    spawned process instead of inheriting the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _child(target: Callable[..., dict], args: tuple, out: mp.Queue) -> None:
    try:
        out.put(("ok", target(*args)))
    except BaseException as exc:  # reported to the parent, which raises it
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def in_subprocess(target: Callable[..., dict], *args: object, timeout: float = 3600) -> dict:
    """`target(*args)` in a fresh (spawned) process; its dict result, or RuntimeError if it failed."""
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    proc = ctx.Process(target=_child, args=(target, args, out))
    proc.start()
    try:
        status, value = out.get(timeout=timeout)
    except queue_module.Empty:
        proc.kill()
        raise RuntimeError(f"{target.__name__} gave no result (exit code {proc.exitcode})") from None
    finally:
        proc.join(timeout=60)
    if status != "ok":
        raise RuntimeError(f"{target.__name__} failed: {value}")
    return value
