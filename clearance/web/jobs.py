"""Clearance runs started from the web app: one background thread per region and cycle.

The engine's `run_region` writes its ClearanceRun row when it commits its decisions; until then the
in-memory job says "running". Status for the pages merges both (see `run_status`)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from clearance import progress
from clearance.models import AuditLog, ClearanceRun, utcnow
from clearance.users import REGION_CODE_RE

log = logging.getLogger(__name__)
_report_lock = threading.Lock()  # one workbook write at a time

Runner = Callable[..., object]  # run_region(engine, *, region_code, cycle, out_dir) -> RunSummary

STEP_LABELS = {
    "queued": "Menunggu giliran",
    "catalog": "Memuat katalog",
    "decide": "Mencocokkan dan memutuskan",
    "report": "Menulis laporan",
    "jsonl": "Menulis JSONL dan rekap",
    "running": "Mencocokkan, memutuskan dan menulis laporan",
}


def default_runner() -> Runner:
    """The engine's `run_region` (clearance.pipeline, or clearance.run where it lives today)."""
    from clearance import pipeline

    found = getattr(pipeline, "run_region", None)
    if found is None:
        from clearance.run import run_region as found
    return found


@dataclass
class RunJob:
    region_code: str
    cycle: int
    status: str = "queued"  # queued | running | done | failed
    step: str = "queued"
    started_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    run_id: int | None = None
    error: str = ""
    rerun: bool = False
    thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")


class RunRegistry:
    """Starts and tracks background runs; a request during a run queues exactly one more run."""

    def __init__(self, engine: Engine, out_root: Path, runner: Runner | None = None) -> None:
        self.engine = engine
        self.out_root = Path(out_root)
        self._runner = runner
        self._jobs: dict[tuple[str, int], RunJob] = {}
        self._lock = threading.Lock()
        self._threads: dict[int, RunJob] = {}
        self._unsubscribe = progress.subscribe(self._on_progress)

    def out_dir(self, region_code: str, cycle: int) -> Path:
        if not REGION_CODE_RE.match(region_code):
            raise ValueError(f"invalid region code {region_code!r}")
        return self.out_root / str(int(cycle)) / region_code

    def get(self, region_code: str, cycle: int) -> RunJob | None:
        return self._jobs.get((region_code, cycle))

    def start(self, region_code: str, cycle: int) -> RunJob:
        """Start a run, or ask the running one to run again when it ends (a newer upload)."""
        self.out_dir(region_code, cycle)  # refuses a code that is no safe directory name
        with self._lock:
            job = self._jobs.get((region_code, cycle))
            if job is not None and job.active:
                job.rerun = True
                return job
            job = RunJob(region_code, cycle)
            job.thread = threading.Thread(
                target=self._work, args=(job,), name=f"clearance-{region_code}-{cycle}", daemon=True
            )
            self._jobs[(region_code, cycle)] = job
        job.thread.start()
        return job

    def wait(self, region_code: str, cycle: int, timeout: float = 60.0) -> RunJob | None:
        """Block until the region's job ends (tests and the CLI)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(region_code, cycle)
            if job is None or not job.active:
                return job
            time.sleep(0.05)
        return self.get(region_code, cycle)

    def shutdown(self, timeout: float = 30.0) -> None:
        self._unsubscribe()
        for job in list(self._jobs.values()):
            if job.thread is not None and job.thread.is_alive():
                job.thread.join(timeout)

    def _on_progress(self, step: str, detail: str) -> None:
        job = self._threads.get(threading.get_ident())
        if job is not None:
            job.step = step

    def _work(self, job: RunJob) -> None:
        self._threads[threading.get_ident()] = job
        try:
            while True:
                job.status, job.step, job.error = "running", "running", ""
                try:
                    runner = self._runner or default_runner()
                    out_dir = self.out_dir(job.region_code, job.cycle)
                    summary = runner(
                        self.engine, region_code=job.region_code, cycle=job.cycle, out_dir=out_dir
                    )
                    job.run_id = getattr(summary, "run_id", None)
                    job.status = "done"
                except Exception as exc:  # the page shows it; the log keeps the traceback
                    log.exception("clearance run for %s %s failed", job.region_code, job.cycle)
                    job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
                    job.run_id = self._record_failure(job)
                with self._lock:
                    job.finished_at = time.time()
                    if not job.rerun:
                        return
                    job.rerun = False
                    job.started_at, job.finished_at = time.time(), None
        finally:
            self._threads.pop(threading.get_ident(), None)

    def _record_failure(self, job: RunJob) -> int | None:
        """Leave a failed ClearanceRun behind when the engine rolled its own back."""
        try:
            with Session(self.engine) as session:
                run = ClearanceRun(
                    cycle_year=job.cycle,
                    region_code=job.region_code,
                    status="failed",
                    finished_at=utcnow(),
                    message=job.error[:2000],
                )
                session.add(run)
                session.commit()
                return run.id
        except Exception:
            log.exception("could not record the failed run")
            return None


def latest_run(session: Session, region_code: str, cycle: int, *, done: bool = False) -> ClearanceRun | None:
    """The newest run that decided this region (its own or one over the whole cycle); `done`: finished ones."""
    stmt = select(ClearanceRun).where(
        ClearanceRun.cycle_year == cycle,
        or_(ClearanceRun.region_code == region_code, ClearanceRun.region_code.is_(None)),
    )
    if done:
        stmt = stmt.where(ClearanceRun.status == "done")
    return session.scalars(stmt.order_by(ClearanceRun.id.desc())).first()


def _ts(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def run_status(session: Session, registry: RunRegistry, region_code: str, cycle: int) -> dict:
    """What the page shows: status (none|running|done|failed), step label, times, run id, message."""
    job = registry.get(region_code, cycle)
    run = latest_run(session, region_code, cycle)
    if job is not None and job.active:
        return {
            "status": "running",
            "step": STEP_LABELS.get(job.step, job.step),
            "started_at": job.started_at,
            "elapsed_seconds": round(time.time() - job.started_at, 1),
            "run_id": job.run_id,
            "message": "",
        }
    if run is None:
        return {
            "status": "none",
            "step": "",
            "started_at": None,
            "elapsed_seconds": None,
            "run_id": None,
            "message": "",
        }
    status = run.status if run.status in ("done", "failed") else "running"
    started, finished = _ts(run.started_at), _ts(run.finished_at)
    return {
        "status": status,
        "step": STEP_LABELS["running"] if status == "running" else "",
        "started_at": started,
        "elapsed_seconds": round((finished or time.time()) - started, 1) if started else None,
        "run_id": run.id,
        "message": run.message,
        "policy_version": run.policy_version,
        "catalog_version": run.catalog_version,
    }


def report_is_stale(session: Session, path: Path, region_code: str, cycle: int) -> bool:
    """Whether the workbook predates the latest finished run or a later auditor action on the region."""
    if not path.is_file():
        return True
    mtime = path.stat().st_mtime
    last_action = session.execute(
        select(func.max(AuditLog.at)).where(AuditLog.region_code == region_code)
    ).scalar()
    if (_ts(last_action) or 0) > mtime:
        return True
    run = latest_run(session, region_code, cycle, done=True)
    return run is not None and (_ts(run.started_at) or 0) > mtime


def ensure_report(engine: Engine, registry: RunRegistry, region_code: str, cycle: int) -> Path | None:
    """The region's workbook, rewritten from the current decisions when stale; None before a finished run."""
    from clearance.report import region_report_name
    from clearance.run import step_region_report

    out_dir = registry.out_dir(region_code, cycle)
    path = out_dir / region_report_name(region_code, cycle)
    with _report_lock:
        with Session(engine) as session:
            if latest_run(session, region_code, cycle, done=True) is None:
                return None
            stale = report_is_stale(session, path, region_code, cycle)
        if stale:
            step_region_report(engine, cycle=cycle, region_code=region_code, out_dir=out_dir)
    return path
