"""Spend types (`new`, `enhancement`, `maintenance`, `license`, `infrastructure`, `other`) from text.

The keyword table is data: the first spend type (in `PRECEDENCE` order) with a keyword in the text
wins. Infrastructure comes first so that "Sewa Hosting" and "Langganan Internet" are infrastructure,
not licences; `new` comes before `enhancement` and `maintenance` so that "Pembangunan dan Pengembangan"
gets the stricter scrutiny of a new build.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["KEYWORDS", "PRECEDENCE", "infer_spend_type", "known_spend_type", "normalize_spend_type"]

PRECEDENCE: tuple[str, ...] = ("infrastructure", "license", "new", "enhancement", "maintenance")

# Regex fragments matched on lower-cased text with word boundaries.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "infrastructure": (
        "infrastruktur",
        "infrastructure",
        "server",
        "hosting",
        "colocation",
        "kolokasi",
        "pusat data",
        "data cent(?:er|re)",
        "jaringan",
        "network",
        "bandwidth",
        "internet",
        "intranet",
        "perangkat keras",
        "perangkat jaringan",
        "perangkat komputer",
        "perangkat tik",
        "perangkat",  # a bare "Perangkat" category; "perangkat lunak/daerah/desa" are excluded below
        "hardware",
        "komputer",
        "laptop",
        "cloud",
        "vps",
        "domain",
        "storage",
        "router",
        "switch",
        "fiber optik",
        "wifi",
        "lan",
        "wan",
    ),
    "license": ("lisensi", "licen[cs]e", "langganan", "berlangganan", "subscription", "sewa", "subskripsi"),
    "new": (
        "pembangunan",
        "pembuatan",
        "perancangan",
        "aplikasi baru",
        "baru",
        "new",
        "pengadaan aplikasi",
        "pengadaan software",
    ),
    "enhancement": (
        "pengembangan",
        "penambahan fitur",
        "penambahan modul",
        "integrasi",
        "interoperabilitas",
        "peningkatan",
        "penyempurnaan",
        "upgrade",
        "enhancement",
    ),
    "maintenance": ("pemeliharaan", "perawatan", "operasional", "maintenance", "pengoperasian"),
}

# "perangkat lunak" is software and "perangkat daerah/desa" are government bodies: not hardware.
_SOFTWARE = re.compile(r"\bperangkat lunak\b")
_NOT_HARDWARE = re.compile(r"\bperangkat (?:daerah|desa|kelurahan)\b")
_PATTERNS: dict[str, re.Pattern[str]] = {
    kind: re.compile(r"\b(?:" + "|".join(words) + r")\b") for kind, words in KEYWORDS.items()
}
_EXACT: dict[str, str] = {
    "other": "other",
    "lainnya": "other",
    "lain lain": "other",
    "lain": "other",
}


def _clean(text: object) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text or "").lower()).strip()


def _classify(text: str) -> str | None:
    if not text:
        return None
    if text in _EXACT:
        return _EXACT[text]
    text = _NOT_HARDWARE.sub(" ", _SOFTWARE.sub("software", text))
    for kind in PRECEDENCE:
        if _PATTERNS[kind].search(text):
            return kind
    return None


def normalize_spend_type(text: object) -> str:
    """Map a spend-type cell ("Pembangunan Baru", "Sewa Hosting", "Lisensi") to one of SPEND_TYPES."""
    return known_spend_type(text) or "other"


def known_spend_type(text: object) -> str | None:
    """The spend type a text names ("Lainnya" names `other`), or None when it names none ("Lanjutan")."""
    if type(text) is str and len(text) <= 200:
        return _known_short(text)
    return _classify(_clean(text))


@lru_cache(maxsize=4096)
def _known_short(text: str) -> str | None:
    return _classify(_clean(text))


_INFRA_ACCOUNTS = ("5.1.02.02.01.0063", "5.2.02.10.")
_SOFTWARE_ACCOUNTS = ("5.2.05.08.",)
_INFRA_TEXT = re.compile(
    r"\b(?:internet|hosting|server|bandwidth|pusat data|data center|colocation|kolokasi|cloud|vps"
    r"|jaringan (?:internet|komputer|intra|lan|wan|data|fiber|telekomunikasi|komunikasi))\b"
)
_ENHANCE_TEXT = re.compile(r"\b(?:pengembangan|penambahan fitur|penambahan modul|integrasi|upgrade)\b")
_MAINTAIN_TEXT = re.compile(r"\b(?:pemeliharaan|perawatan|maintenance)\b")


def infer_spend_type(uraian: object, account_code: str | None = None) -> str:
    """Spend type of a SIPD line (layout B), from its Uraian text and its akun.

    Internet, hosting, server and network accounts or words are `infrastructure`; software capital
    (akun 5.2.05.08.*) is `new` unless the text says pengembangan (`enhancement`) or pemeliharaan
    (`maintenance`); a pemeliharaan line (e.g. tenaga ahli pemeliharaan) is `maintenance`; anything
    else falls back to the keyword table of `normalize_spend_type`.
    """
    text = _clean(uraian)
    account = account_code or ""
    if account.startswith(_INFRA_ACCOUNTS) or _INFRA_TEXT.search(text):
        return "infrastructure"
    if account.startswith(_SOFTWARE_ACCOUNTS):
        if _MAINTAIN_TEXT.search(text) and not _ENHANCE_TEXT.search(text):
            return "maintenance"
        if _ENHANCE_TEXT.search(text):
            return "enhancement"
        return "new"
    if _MAINTAIN_TEXT.search(text):
        return "maintenance"
    return normalize_spend_type(text)
