"""Indonesian wording for what the domain says in English: review and user errors, HTTP and
validation errors. (The matcher's explanation labels are in clearance.report.evidence, shared with the
workbooks.)

The domain modules (clearance/review.py, clearance/users.py, catalog/match.py) keep English messages
for the CLI, the logs and the JSON API. Pages show these translations instead. ReviewError carries
only its message, so it is matched by pattern; a message without a pattern still reads as Indonesian
with the English text given as the technical detail."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from clearance.records import OUTCOME_LABELS
from clearance.users import UserError

TECHNICAL = "keterangan teknis"

# --- review errors -------------------------------------------------------------------------------

NOTE_ACTIONS = {
    "overturn": "Pembatalan temuan",
    "not a duplicate": "Penandaan bukan duplikat",
    "re-point": "Pengalihan",
    "confirm": "Konfirmasi",
}
STATUS_LABELS = {"open": "belum direviu", "reviewed": "sudah direviu", "all": "semua"}


def _unquote(text: str) -> str:
    return f"\u201c{text[1:-1]}\u201d" if len(text) >= 2 and text[0] in "'\"" else text


def _outcomes(text: str) -> str:
    return ", ".join(OUTCOME_LABELS.get(o.strip(), o.strip()) for o in text.split(","))


def _statuses(text: str) -> str:
    return ", ".join(STATUS_LABELS.get(s.strip(), s.strip()) for s in text.split(","))


def _pattern(regex: str) -> re.Pattern[str]:
    """`{name}` in `regex` stands for a Python repr of a string ('x' or "x"), captured as `name`."""
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: rf"(?P<{m[1]}>'[^']*'|\"[^\"]*\")", regex))


Rewrite = Callable[[dict[str, str]], str]
_REVIEW: list[tuple[re.Pattern[str], Rewrite]] = [
    (
        _pattern(r"line (?P<id>\d+) has not been decided by the engine yet"),
        lambda m: f"Baris {m['id']} belum diputuskan mesin; jalankan kliring dahulu.",
    ),
    (
        _pattern(r"line (?P<id>\d+) was replaced by a revised file"),
        lambda m: f"Baris {m['id']} sudah digantikan oleh berkas revisi.",
    ),
    (
        _pattern(r"line (?P<id>\d+) is not flagged \((?P<outcome>[A-Z_]+)\)"),
        lambda m: f"Baris {m['id']} tidak ditandai mesin ({OUTCOME_LABELS.get(m['outcome'], m['outcome'])}).",
    ),
    (
        _pattern(r"(?P<action>.+) needs a note saying why"),
        lambda m: f"{NOTE_ACTIONS.get(m['action'], 'Tindakan ini')} wajib disertai catatan alasan.",
    ),
    (
        _pattern(r"note too long \((?P<n>\d+) characters; limit (?P<max>\d+)\)"),
        lambda m: f"Catatan terlalu panjang ({m['n']} karakter; batasnya {m['max']}).",
    ),
    (
        _pattern(r"(?P<app_id>\S+) belongs to region (?P<region>\S+) and is not shareable"),
        lambda m: f"Aplikasi {m['app_id']} milik daerah {m['region']} dan tidak dapat dipakai bersama.",
    ),
    (
        _pattern(r"re-point to exactly one of: a catalog app, a duplicate group"),
        lambda m: "Pilih tepat satu tujuan pengalihan: aplikasi katalog atau grup duplikat.",
    ),
    (
        _pattern(r"line (?P<id>\d+) is not SPBE spending"),
        lambda m: f"Baris {m['id']} bukan belanja SPBE.",
    ),
    (
        _pattern(r"no app {app} in the catalog"),
        lambda m: f"Aplikasi {_unquote(m['app'])} tidak ada di katalog.",
    ),
    (
        _pattern(r"no app {app} in the latest catalog version"),
        lambda m: f"Aplikasi {_unquote(m['app'])} tidak ada di katalog versi terbaru.",
    ),
    (
        _pattern(r"no duplicate group {group} in cycle (?P<cycle>\d+)"),
        lambda m: f"Grup duplikat {_unquote(m['group'])} tidak ada pada tahun anggaran {m['cycle']}.",
    ),
    (
        _pattern(r"{target} is not a match of line (?P<id>\d+)"),
        lambda m: f"{_unquote(m['target'])} bukan kecocokan baris {m['id']}.",
    ),
    (
        _pattern(r"line (?P<id>\d+) has no matched app or duplicate group to suppress"),
        lambda m: (
            f"Baris {m['id']} tidak punya aplikasi cocok atau grup duplikat yang dapat ditandai "
            "bukan duplikat."
        ),
    ),
    (_pattern(r"no lines selected"), lambda m: "Tidak ada baris yang dipilih."),
    (
        _pattern(r"at most (?P<n>\d+) lines at once"),
        lambda m: f"Paling banyak {m['n']} baris sekaligus.",
    ),
    (
        _pattern(r"an alias is 1-(?P<n>\d+) characters"),
        lambda m: f"Alias harus 1 sampai {m['n']} karakter.",
    ),
    (
        _pattern(r"line (?P<id>\d+) has no confirmed match: confirm or re-point it first"),
        lambda m: f"Baris {m['id']} belum punya kecocokan yang dikonfirmasi: konfirmasi atau alihkan dahulu.",
    ),
    (
        _pattern(r"line (?P<id>\d+) was confirmed as (?P<confirmed>\S+), not (?P<app_id>\S+)"),
        lambda m: f"Baris {m['id']} dikonfirmasi cocok dengan {m['confirmed']}, bukan {m['app_id']}.",
    ),
    (
        _pattern(r"{alias} is already a name of (?P<app_id>\S+)"),
        lambda m: f"{_unquote(m['alias'])} sudah menjadi nama atau alias {m['app_id']}.",
    ),
    (
        _pattern(r"outcome must be one of (?P<outcomes>.+)"),
        lambda m: f"Keputusan harus salah satu dari: {_outcomes(m['outcomes'])}.",
    ),
    (
        _pattern(r"unknown rule {rule}"),
        lambda m: f"Aturan {_unquote(m['rule'])} tidak dikenal.",
    ),
    (
        _pattern(r"status must be one of (?P<statuses>.+)"),
        lambda m: f"Status harus salah satu dari: {_statuses(m['statuses'])}.",
    ),
]


def review_message(exc: BaseException | str) -> str:
    """A ReviewError in Indonesian (a full sentence); unknown ones keep the English as the detail."""
    text = str(exc).strip()
    for pattern, rewrite in _REVIEW:
        found = pattern.fullmatch(text)
        if found:
            return rewrite(found.groupdict())
    return f"Permintaan tidak dapat diproses ({TECHNICAL}: {text})."


# --- user errors ---------------------------------------------------------------------------------

_USER: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "region_invalid": lambda p: f"Kode daerah tidak sah: {', '.join(p.get('regions') or [])}.",
    "planner_one_region": lambda p: "Perencana harus punya tepat satu kode daerah.",
    "auditor_regions": lambda p: "Auditor perlu minimal satu kode daerah, atau * untuk semua daerah.",
    "username_format": lambda p: (
        "Nama pengguna harus 3-64 karakter: huruf kecil, angka, titik (.), "
        "garis bawah (_) atau tanda hubung (-)."
    ),
    "role_unknown": lambda p: "Peran harus salah satu dari: perencana, auditor, admin.",
    "password_short": lambda p: f"Kata sandi terlalu pendek (minimal {p.get('min_chars', 10)} karakter).",
    "user_exists": lambda p: f"Nama pengguna \u201c{p.get('username', '')}\u201d sudah dipakai.",
    "user_unknown": lambda p: f"Pengguna \u201c{p.get('username', '')}\u201d tidak ada.",
    "disable_self": lambda p: "Anda tidak dapat menonaktifkan akun Anda sendiri.",
}


def user_message(exc: UserError) -> str:
    """A UserError in Indonesian, by its code."""
    rewrite = _USER.get(getattr(exc, "code", ""))
    if rewrite is not None:
        return rewrite(getattr(exc, "params", {}) or {})
    return f"Data pengguna tidak sah ({TECHNICAL}: {exc})."


def domain_message(exc: BaseException) -> str:
    return user_message(exc) if isinstance(exc, UserError) else review_message(exc)


# --- HTTP errors ---------------------------------------------------------------------------------

HTTP_DETAILS = {
    "unknown region or cycle": "Daerah atau tahun anggaran tidak dikenal.",
    "invalid region code": "Kode wilayah tidak sah.",
    "choose a region": "Pilih daerah terlebih dahulu.",
    "no such submission": "Unggahan tidak ditemukan.",
    "not signed in": "Silakan masuk terlebih dahulu.",
}
HTTP_DEFAULTS = {
    400: "Permintaan tidak dapat diproses.",
    401: "Silakan masuk terlebih dahulu.",
    403: "Anda tidak berhak membuka atau mengubah data ini.",
    404: "Halaman atau data yang Anda cari tidak ada.",
    405: "Alamat ini tidak menerima cara permintaan tersebut.",
    413: "Permintaan terlalu besar.",
    415: "Jenis isi permintaan tidak diterima.",
    422: "Data yang dikirim tidak sah.",
    429: "Terlalu banyak permintaan. Coba lagi sebentar lagi.",
}


def http_message(status: int, detail: object) -> str:
    """What an error page says for an HTTPException: known English details and Starlette's default
    reason phrases become Indonesian; details already written for the pages are kept."""
    text = detail if isinstance(detail, str) else ""
    if text in HTTP_DETAILS:
        return HTTP_DETAILS[text]
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    if not text or text == phrase:
        return HTTP_DEFAULTS.get(status, "Terjadi kesalahan.")
    return text


# --- request validation --------------------------------------------------------------------------

FIELD_LABELS = {
    "username": "nama pengguna",
    "password": "kata sandi",
    "next": "alamat tujuan",
    "back": "alamat kembali",
    "qs": "saringan",
    "cycle": "tahun anggaran",
    "region": "kode wilayah",
    "regions": "daerah",
    "role": "peran",
    "note": "catatan",
    "line_id": "nomor baris",
    "line_ids": "baris yang dipilih",
    "submission_id": "nomor unggahan",
    "app_id": "ID aplikasi",
    "alias": "alias",
    "target": "tujuan",
    "group": "grup duplikat",
    "files": "berkas",
    "page": "halaman",
    "per_page": "jumlah per halaman",
    "min_score": "skor minimum",
    "max_score": "skor maksimum",
    "outcome": "keputusan",
    "rule": "aturan",
    "status": "status",
    "opd": "OPD",
    "unggahan": "daftar unggahan",
    "csrf_token": "token formulir",
}
PLACES = {"path": "Alamat halaman", "query": "Parameter alamat", "body": "Isian"}


def _problem(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "wajib diisi"
    if kind == "string_too_long":
        return f"terlalu panjang (maks. {ctx.get('max_length')} karakter)"
    if kind == "string_too_short":
        return f"terlalu pendek (min. {ctx.get('min_length')} karakter)"
    if kind == "too_long":
        return f"terlalu banyak (maks. {ctx.get('max_length')})"
    if kind == "too_short":
        return f"terlalu sedikit (min. {ctx.get('min_length')})"
    if kind.startswith("int_"):
        return "harus berupa bilangan bulat"
    if kind.startswith("float_") or kind.startswith("decimal_"):
        return "harus berupa angka"
    if kind.startswith("bool_"):
        return "harus ya atau tidak"
    if kind == "greater_than_equal":
        return f"paling kecil {ctx.get('ge')}"
    if kind == "greater_than":
        return f"harus lebih dari {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"paling besar {ctx.get('le')}"
    if kind == "less_than":
        return f"harus kurang dari {ctx.get('lt')}"
    if kind.startswith("json_"):
        return "bukan JSON yang sah"
    if kind.startswith("string_"):
        return "harus berupa teks"
    return "tidak sah"


def _field(loc: Sequence[Any]) -> str:
    names = [str(p) for p in loc[1:] if not isinstance(p, int)] or [str(loc[0]) if loc else ""]
    name = names[-1]
    return FIELD_LABELS.get(name, f"\u201c{name}\u201d")


def validation_status(errors: Sequence[Mapping[str, Any]]) -> int:
    """422 when a submitted form or body is invalid; 400 for a bad address (path or query)."""
    return 422 if any((e.get("loc") or ("",))[0] == "body" for e in errors) else 400


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """One Indonesian sentence about what is invalid, never echoing the value that was sent."""
    if not errors:
        return HTTP_DEFAULTS[422]
    place = PLACES.get(str((errors[0].get("loc") or ("",))[0]), "Permintaan")
    parts = list(dict.fromkeys(f"{_field(e.get('loc') or ())} {_problem(e)}" for e in errors[:5]))
    return f"{place} tidak sah: {'; '.join(parts)}."


def api_validation_errors(errors: Sequence[Mapping[str, Any]]) -> list[dict]:
    """FastAPI's error list without the `input` echo (and without the docs `url`)."""
    out = []
    for e in errors:
        item = {"type": e.get("type"), "loc": list(e.get("loc") or ()), "msg": e.get("msg")}
        ctx = e.get("ctx")
        if ctx:
            item["ctx"] = {
                k: v if isinstance(v, str | int | float | bool) or v is None else str(v)
                for k, v in ctx.items()
            }
        out.append(item)
    return out


def too_large_message(limit: int, *, per_file: int | None = None, max_files: int | None = None) -> str:
    from clearance.web.security import megabytes

    text = f"Permintaan terlalu besar: batasnya {megabytes(limit)} MB per kiriman."
    if per_file and max_files:
        text = (
            f"Unggahan terlalu besar: batasnya {megabytes(limit)} MB per unggahan "
            f"(paling banyak {max_files} berkas, {megabytes(per_file)} MB per berkas). "
            "Unggah berkas dalam beberapa kali kirim."
        )
    return text
