"""Uploaded spreadsheets -> `ingest_file`, all-or-nothing: any unusable file means nothing is stored."""

from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from sqlalchemy.engine import Engine

from clearance.db import session_scope
from clearance.ingest.model import IngestError
from clearance.submissions import IngestResult, ingest_file
from clearance.web.security import megabytes

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".csv")
MAX_FILES = 10
MAX_NAME_CHARS = 150
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass
class FileProblem:
    """Why one uploaded file was refused; `detail` is the parser's English message."""

    file: str
    summary: str
    kind: str = "unreadable"  # type | size | count | unreadable | internal
    detail: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None


@dataclass
class UploadOutcome:
    results: list[IngestResult] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.results)

    @property
    def changed(self) -> bool:
        """Whether any file added lines (a file uploaded twice changes nothing)."""
        return any(r.duplicate_of is None for r in self.results)


def safe_file_name(name: str | None) -> str:
    """The base name of an uploaded file without path parts or control characters."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .") or "berkas"
    if len(base) > MAX_NAME_CHARS:
        stem, suffix = PurePosixPath(base).stem, PurePosixPath(base).suffix[:10]
        base = stem[: MAX_NAME_CHARS - len(suffix)] + suffix
    return base


def type_problem(name: str) -> FileProblem | None:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in ALLOWED_SUFFIXES:
        return None
    return FileProblem(
        file=name,
        kind="type",
        summary=f"Jenis berkas tidak diterima ({suffix or 'tanpa ekstensi'}). "
        f"Unggah {', '.join(ALLOWED_SUFFIXES)}.",
    )


def _copy_limited(src: BinaryIO, dest: Path, max_bytes: int) -> int:
    size = 0
    with open(dest, "wb") as out:
        while chunk := src.read(1 << 20):
            size += len(chunk)
            if size > max_bytes:
                return size
            out.write(chunk)
    return size


def _problem_from(exc: IngestError, name: str) -> FileProblem:
    return FileProblem(
        file=name,
        summary="Berkas tidak dapat diproses; tidak ada baris yang disimpan.",
        detail=exc.message,
        sheet=exc.sheet,
        row=exc.row,
        column=exc.column,
    )


def ingest_uploads(
    engine: Engine,
    files: list[tuple[str | None, BinaryIO]],
    *,
    region_code: str,
    cycle: int,
    uploader: str,
    max_file_bytes: int,
) -> UploadOutcome:
    """Check, save and ingest every file in one transaction; any problem rolls all of them back."""
    outcome = UploadOutcome()
    if not files:
        outcome.problems.append(FileProblem(file="", kind="count", summary="Pilih minimal satu berkas."))
        return outcome
    if len(files) > MAX_FILES:
        outcome.problems.append(
            FileProblem(file="", kind="count", summary=f"Paling banyak {MAX_FILES} berkas sekali unggah.")
        )
        return outcome
    with tempfile.TemporaryDirectory(prefix="clearance-upload-") as tmp:
        saved: list[tuple[str, Path]] = []
        for i, (raw_name, stream) in enumerate(files):
            name = safe_file_name(raw_name)
            problem = type_problem(name)
            path = Path(tmp) / f"{i:02d}{PurePosixPath(name).suffix.lower()}"
            if problem is None and _copy_limited(stream, path, max_file_bytes) > max_file_bytes:
                problem = FileProblem(
                    file=name,
                    kind="size",
                    summary=f"Berkas terlalu besar (batas {megabytes(max_file_bytes)} MB).",
                )
            if problem is not None:
                outcome.problems.append(problem)
            else:
                saved.append((name, path))
        if outcome.problems:
            return outcome
        try:
            with session_scope(engine) as session:
                for name, path in saved:
                    try:
                        result = ingest_file(
                            session, path, region_code=region_code, cycle=cycle, uploader=uploader, name=name
                        )
                        outcome.results.append(result)
                    except IngestError as exc:
                        outcome.problems.append(_problem_from(exc, name))
                if outcome.problems:
                    raise _RollBack
        except _RollBack:
            outcome.results.clear()
        except Exception as exc:  # a parser bug must not show a traceback to the planner
            log.exception("ingest of an upload failed")
            outcome.results.clear()
            outcome.problems.append(
                FileProblem(
                    file=", ".join(n for n, _ in saved),
                    kind="internal",
                    summary="Kesalahan sistem saat membaca berkas; tidak ada yang disimpan. Hubungi admin.",
                    detail=f"{type(exc).__name__}: {exc}",
                )
            )
    return outcome


class _RollBack(Exception):
    """Raised inside the transaction to undo every file of an upload with a problem."""
