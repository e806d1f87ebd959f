"""Benchmarks (`clearance bench …`): figures for the issue notes, not tests.

Each measurement that reports a peak RSS runs in a process of its own (`in_subprocess`), because a
process's high-water mark only grows."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue as queue_module
import resource
from collections.abc import Callable
from pathlib import Path
from types import TracebackType


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


class TreeMemory:
    """Peak memory of this process and the workers it forks, sampled by a watcher process: the
    largest sum over the tree of proportional set sizes (PSS: a page shared copy-on-write by N
    processes counts 1/N in each, so shared pages count once) and of resident set sizes (RSS: shared
    pages counted in every process, an upper bound). Linux only; elsewhere both stay 0.

        with TreeMemory() as mem:
            ...
        mem.peak_pss_mb, mem.peak_rss_mb
    """

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_pss_mb = 0.0
        self.peak_rss_mb = 0.0
        self._proc: mp.process.BaseProcess | None = None

    def __enter__(self) -> TreeMemory:
        if Path("/proc/self/smaps_rollup").exists() and "fork" in mp.get_all_start_methods():
            ctx = mp.get_context("fork")
            self._stop = ctx.Event()
            self._out = ctx.Queue()
            self._proc = ctx.Process(
                target=_watch, args=(os.getpid(), self.interval, self._stop, self._out), daemon=True
            )
            self._proc.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._proc is None:
            return
        self._stop.set()
        try:
            pss, rss = self._out.get(timeout=30)
            self.peak_pss_mb, self.peak_rss_mb = round(pss / 1024, 1), round(rss / 1024, 1)
        except queue_module.Empty:
            pass
        self._proc.join(timeout=10)


def _watch(root: int, interval: float, stop: object, out: mp.Queue) -> None:
    peak_pss = peak_rss = 0
    me = os.getpid()
    while True:
        pss = rss = 0
        for pid in _tree(root):
            if pid == me:
                continue
            p, r = _rollup(pid)
            pss, rss = pss + p, rss + r
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        if stop.wait(interval):  # type: ignore[attr-defined]
            break
    out.put((peak_pss, peak_rss))


def _tree(root: int) -> list[int]:
    """`root` and its descendants (from /proc/<pid>/task/*/children)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in task.read_text().split())
    return out


def _rollup(pid: int) -> tuple[int, int]:
    """(Pss, Rss) of one process in kB, (0, 0) once it is gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss
