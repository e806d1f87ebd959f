"""Integration phrasing in names and descriptions: the apps a line integrates with, uses, helps people
use or moves to, rather than re-builds ("Integrasi SIMPEG dengan SIASN", "Bimtek SRIKANDI",
"Migrasi ... ke Pusat Data Nasional"). `catalog.match` decides which named apps these are."""

from __future__ import annotations

import re
from functools import lru_cache

from catalog.normalize import fold, word_set

INTEGRATION_CUE = re.compile(
    r"\b(?:integrasi(?:kan)?|mengintegrasikan|terintegrasi|interkoneksi|bridging|brigding|"
    r"sinkronisasi|sinkron|interoperabilitas|api|web ?service|konektor|connector|terhubung|"
    r"terkoneksi|koneksi|menghubungkan|pertukaran data|kirim data|pengiriman data|penghubung|"
    r"tarik data|penarikan data|pengambilan data|ambil data|pemanfaatan|memanfaatkan|penggunaan|"
    r"menggunakan|pendampingan|bimtek|bimbingan teknis|pelatihan|sosialisasi|implementasi|penerapan|"
    r"konfigurasi|aktivasi|pemadanan|publikasi|unggah|pengunggahan|upload|pendaftaran|registrasi|"
    r"onboarding|pengisian|honor|honorarium|interface|antarmuka|antar muka)\b"
)
# Cues of using or connecting that make an integration only when they name the app used ("Pemanfaatan
# Data SIAK untuk ...", "Penghubung ... ke SATUSEHAT"); "Aplikasi Penghubung Antar Sistem" builds one.
# helping people use an app ("Pendampingan Operator SIPD", "Bimtek SRIKANDI"): no app is built, unless
# the name builds too ("Pendampingan dan Pemeliharaan Siskeudes", `integration_head`)
# paying people who run an app ("Honor Operator Dapodik") is helping people use it too
_PEOPLE_CUES = word_set("pendampingan bimtek pelatihan sosialisasi honor honorarium")
NAMED_ONLY = {"penghubung", "pemanfaatan", "memanfaatkan", "penggunaan", "menggunakan", "bimbingan teknis"}
# putting a named app to work ("Implementasi SiCantik Cloud", "Aktivasi Massal IKD", "Pemadanan Data
# Bansos dengan DTKS"): adopting it, unless the name also builds something (`_BUILDS_TOO`)
_ADOPT_CUES = word_set("implementasi penerapan konfigurasi aktivasi pemadanan")
# registering with a named app ("Pendaftaran Layanan Perizinan Daerah ke MPP Digital") or filling it
# with data ("Pengisian Data ke SIMDASI") uses it; a registration app builds one ("Pendaftaran Pasien
# Online"): these need a connector and a named app
_REGISTER_CUES = word_set("pendaftaran registrasi onboarding pengisian")
# sending data to an app ("Publikasi Dataset ... ke Portal Satu Data Indonesia"): also with a connector
_SEND_CUES = word_set("publikasi unggah pengunggahan upload")
NAMED_ONLY |= _PEOPLE_CUES | _ADOPT_CUES | _REGISTER_CUES
# what a line helping people use an app may also do to it, so that it builds too ("Pendampingan dan
# Pemeliharaan Siskeudes"); drafting, filling in or rolling out is using it ("Bimtek Penyusunan RUP")
_BUILDS_TOO = word_set(
    "pemeliharaan pengembangan pembangunan pembuatan perancangan pengadaan penyempurnaan pembaruan "
    "pembaharuan upgrade upgrading maintenance development lisensi langganan sewa penambahan fitur modul"
)
CONNECTOR = re.compile(r"\b(?:dengan|ke|kepada|menuju|melalui|via|to|with)\b")
# where a named app is used ("Bimtek Penyusunan SKP pada e-Kinerja"): what follows is a target too
PLACE_CONNECTOR = re.compile(r"\bpada\b")
CLAUSE_END = re.compile(r"[.;,:\n()]")
_PURPOSE = re.compile(r"\b(?:untuk|agar|guna|supaya|yang|dalam rangka|sehingga)\b")
_NEEDS_CONNECTOR = {
    "terintegrasi",
    "api",
    "koneksi",
    "terhubung",
    "terkoneksi",
    "menghubungkan",
    "interoperabilitas",
    "penghubung",
    "interface",  # "Interface SIPD dengan CMS Bank": between two systems; "Redesain Antarmuka SIPD" is a UI
    "antarmuka",
    "antar muka",
    *_SEND_CUES,
    *_REGISTER_CUES,
}
RAW_WORD = re.compile(r"[A-Za-z0-9]+")
_HEAD_SKIP = word_set(
    "pengembangan pembangunan pembuatan peningkatan penyediaan penyelenggaraan jasa belanja modal "
    "layanan aplikasi sistem dan untuk kegiatan pekerjaan"
)
_HEAD_CUES = (
    word_set(
        "integrasi integrasikan mengintegrasikan interkoneksi bridging brigding sinkronisasi sinkron api "
        "webservice web konektor connector koneksi interoperabilitas pertukaran kirim pengiriman penghubung "
        "pemanfaatan memanfaatkan penggunaan menggunakan interface antarmuka"
    )
    | _SEND_CUES
    | _PEOPLE_CUES
    | _ADOPT_CUES
    | _REGISTER_CUES
)
# Moving to a national app ("Migrasi Arsip Surat dari e-Office ke SRIKANDI", "Migrasi Aplikasi OPD ke
# Pusat Data Nasional") adopts it: when the name's action is the move and what follows "ke" names a
# national app, the line re-builds none of the apps it names (`Matcher._relations`)
_MOVE_HEAD = re.compile(
    r"^(?:(?:belanja|biaya|jasa|pekerjaan|kegiatan|layanan|penyediaan|pelaksanaan|dan)\s+)*"
    r"migrasi\b.*?\b(?:ke|menuju)\s+(?P<target>.+)$"
)
_HEAD_PULL = re.compile(r"(?:tarik|penarikan|pengambilan|ambil) data\b")  # reads another system's data


@lru_cache(maxsize=100_000)
def integration_targets(text: str) -> tuple[tuple[str, str], ...]:
    """(cue, target text) for each integration phrase: "integrasi SIMPEG dengan SIASN" -> SIASN."""
    low = fold(text)
    out: list[tuple[str, str]] = []
    if not INTEGRATION_CUE.search(low):
        return ()
    for m in INTEGRATION_CUE.finditer(low):
        end = CLAUSE_END.search(low, m.end())
        clause = low[m.end() : end.start() if end else len(low)]
        clause = _PURPOSE.split(clause, maxsplit=1)[0]  # "ke SIASN untuk sinkronisasi ...": SIASN
        connectors = list(CONNECTOR.finditer(clause))
        places = list(PLACE_CONNECTOR.finditer(clause))
        if places:  # "... pada e-Kinerja": the app it is done on
            out.append((m.group(0), clause[places[-1].end() :].strip()))
        if connectors:
            target = clause[connectors[-1].end() :]
        elif m.group(0) in _NEEDS_CONNECTOR:
            continue
        else:
            target = clause
        if target.strip():
            out.append((m.group(0), target.strip()))
    return tuple(out)


# after "Pembangunan Aplikasi" (a build word, then an app word) these cues name what the app is for,
# not what the line does: "Pembangunan Aplikasi Pendampingan dan Pemutakhiran Data KPM PKH" builds one
_NAMES_A_FUNCTION = _PEOPLE_CUES | _ADOPT_CUES | _REGISTER_CUES
_BUILD_WORDS = word_set("pembangunan pengembangan pembuatan")  # the build words of `_HEAD_SKIP`
_APP_WORDS = word_set("aplikasi sistem")


def _builds_an_app(words: list[str]) -> bool:
    return not _BUILD_WORDS.isdisjoint(words) and not _APP_WORDS.isdisjoint(words)


@lru_cache(maxsize=100_000)
def integration_head(name: str) -> str:
    """The cue when the name's action is integration (its first word after build words is a cue,
    or "tarik data" ...), else "". A cue of `NAMED_ONLY` counts only when the name names the app
    it uses (`Matcher._relations` checks)."""
    words = RAW_WORD.findall(fold(name))
    for i, word in enumerate(words):
        if word in _HEAD_SKIP:
            continue
        if word in _NAMES_A_FUNCTION and _builds_an_app(words[:i]):
            return ""  # "Pembangunan Aplikasi Pendampingan ... PKH": an app for it is built
        if _HEAD_PULL.match(" ".join(words[i : i + 2])):
            return " ".join(words[i : i + 2])
        if word in _PEOPLE_CUES and not _BUILDS_TOO.isdisjoint(words[i + 1 :]):
            return ""  # "Pendampingan dan Pemeliharaan Siskeudes" also maintains it
        if word in _ADOPT_CUES and not _BUILDS_TOO.isdisjoint(words):
            return ""  # "Pengembangan dan Implementasi ..." builds what it puts to work
        return word if word in _HEAD_CUES else ""
    return ""


@lru_cache(maxsize=100_000)
def move_target(name: str) -> str:
    """What a name moves to when its action is a move ("Migrasi ... ke SRIKANDI" -> "srikandi"), else ""."""
    m = _MOVE_HEAD.match(" ".join(RAW_WORD.findall(fold(name))))
    return m.group("target").strip() if m else ""
