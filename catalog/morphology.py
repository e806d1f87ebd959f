"""Indonesian morphology and domain synonyms for matching words that say the same thing.

Two words are *related* when they share a key:
- a root key `r:<root>`: the word's root by the Sastrawi stemmer (PySastrawi, MIT licence; the
  Nazief-Adriani / enhanced confix-stripping algorithm with its dictionary of 29,000 root words):
  "pengaduan", "aduan" and "mengadu" -> adu; "kepegawaian" and "pegawai" -> pegawai; "perizinan" and
  "izin" -> izin; "penimbangan", "ditimbang" -> timbang. A root that several unrelated words share
  ("pengadaan" and "keadaan" -> ada; "pendapatan" and "mendapatkan" -> dapat; "penanganan" and
  "tanda tangan" -> tangan) gives no key (`AMBIGUOUS_ROOTS`), nor does a root of fewer than three
  letters; a word with digits, or one the stemmer does not know, is its own root;
- a synonym key `s:<group>`: the groups of data/catalog/synonyms.csv, words a government planner
  uses interchangeably (ASN / PNS / pegawai; aduan / keluhan / pengaduan; tender / lelang ...), each
  group with its source. A word is looked up as written, without its e-prefix, and by its root, so a
  group lists root forms ("adu" is not needed: "aduan" and "pengaduan" share the root).

Keys only ever tell whether a word is explained by an app's vocabulary or stands for a keyword's
word; they never rewrite a name. Roots are cached per word (the national benchmark has 300,000 lines
but a few thousand distinct words)."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from catalog.normalize import DATA_DIR, word_set

SYNONYMS_FILE = DATA_DIR / "synonyms.csv"

# Roots that join words of unrelated meaning in this domain: no root key for them (the word keeps its
# own key only). ada: pengadaan / keadaan; dapat: pendapatan / mendapatkan; tangan: penanganan / tanda
# tangan; bangun: pembangunan / bangunan; kerja: kinerja / pekerjaan; serta: peserta / serta; umum:
# pengumuman / umum; tuju: persetujuan / tujuan; sedia: penyedia / persediaan / ketersediaan; jabat:
# pejabat / jabatan; terang: keterangan / penerangan; undang: undangan / undang-undang; sampai:
# penyampaian / sampai; berat: keberatan / berat badan; milu: pemilu; perintah: pemerintahan /
# perintah; guna, laku, buat, jadi, kena, baru, lalu, ikut, kata, masuk, luar, atas, dasar, kait,
# hasil, tanggal: function words and light verbs whose derived forms mean too many things.
AMBIGUOUS_ROOTS = word_set(
    "ada dapat tangan bangun kerja serta umum tuju sedia jabat terang undang sampai berat milu perintah "
    "guna laku buat jadi kena baru lalu ikut kata masuk luar atas dasar kait hasil tanggal pakai pada "
    "oleh dalam untuk akan bagi antar tentu hubung capai rupa ubah tahu ambil beri lihat pergi datang"
)
MIN_ROOT = 3

_STEMMER = None
_LETTERS = re.compile(r"[a-z]+")
# derivational prefixes (me-, pe-, be-, te-, di-, ke-, se-) and suffixes (-i, -an, -kan, -nya, -lah,
# -kah, -pun, -ku, -mu): a word with none of them is its own root
_AFFIXED = re.compile(r"^(?:me|pe|be|te|di|ke|se)|(?:i|an|nya|lah|kah|pun|ku|mu)$")


def _stemmer():
    global _STEMMER
    if _STEMMER is None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        _STEMMER = StemmerFactory().create_stemmer()
    return _STEMMER


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Sastrawi root of one lower-case word ("pengaduan" -> "adu"); the word itself when it has
    digits or other characters, is shorter than four letters, or the stemmer finds no root."""
    if len(word) < 4 or not _LETTERS.fullmatch(word) or not _AFFIXED.search(word):
        return word  # no Indonesian prefix or suffix: nothing to strip (and brand names stay fast)
    return _stemmer().stem(word) or word


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words())


@lru_cache(maxsize=200_000)
def indonesian_word(word: str) -> bool:
    """The word, or its Sastrawi root, is one of the stemmer dictionary's 29,000 root words."""
    words = _dictionary()
    return word in words or stem(word) in words


@lru_cache(maxsize=200_000)
def root(word: str) -> str:
    """The word's root when it can be trusted as a key: `stem` (the word itself when it is a root
    or unknown), unless the root is ambiguous (`AMBIGUOUS_ROOTS`) or shorter than three letters, in
    which case ""."""
    r = stem(word)
    if len(r) < MIN_ROOT or r in AMBIGUOUS_ROOTS:
        return ""
    return r


def read_synonyms(path: Path = SYNONYMS_FILE) -> dict[str, tuple[str, ...]]:
    """word -> group keys from a `group,words,source` CSV (words ';'-separated, one word each; a
    word may be in several groups). A missing file gives none; a multi-word entry raises."""
    if not path.exists():
        return {}
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            group = (row.get("group") or "").strip().lower()
            if not group:
                continue
            words = [w.strip().lower() for w in (row.get("words") or "").split(";") if w.strip()]
            for w in [group, *words]:
                if not re.fullmatch(r"[a-z0-9]+", w):
                    raise ValueError(f"{path}:{line}: synonym {w!r} is not one lower-case word")
                keys = out.setdefault(w, [])
                if group not in keys:
                    keys.append(group)
    return {w: tuple(k) for w, k in out.items()}


SYNONYMS: dict[str, tuple[str, ...]] = read_synonyms()


def _estem(token: str) -> str:
    return token[1:] if len(token) >= 5 and token[0] == "e" else token


@lru_cache(maxsize=200_000)
def synonym_keys(word: str) -> tuple[str, ...]:
    """The synonym group keys of a word: as written, without its e-prefix, or by its root."""
    keys: list[str] = []
    for form in (word, _estem(word), root(word)):
        for k in SYNONYMS.get(form, ()) if form else ():
            if k not in keys:
                keys.append(k)
    return tuple(keys)


@lru_cache(maxsize=200_000)
def related_keys(word: str) -> tuple[str, ...]:
    """The keys under which another word counts as this one: its root key and its synonym keys."""
    out = []
    r = root(word)
    if r:
        out.append("r:" + r)
    out.extend("s:" + k for k in synonym_keys(word))
    return tuple(out)


def has_synonym(word: str) -> bool:
    return bool(synonym_keys(word))
