"""Normalise Indonesian application names so that the ways people write one app compare equal.

`normalize_app_name("Pembangunan e-Office Dinas Kesehatan Kab. Sleman")` drops the proposal verb,
the filler words, the OPD and the region, joins the e-prefix and returns `eoffice`. Acronyms and their
expansions are looked up both ways in a `Lexicon`: curated pairs (data/catalog/acronyms.csv) plus pairs
learned from a catalog's names and aliases ("SRIKANDI" <-> "Sistem Informasi Kearsipan Dinamis
Terintegrasi"). Every step only removes words that carry no identity; what it removed is kept in
`NormalizedName.removed` so that an auditor can see it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "catalog"

# --- word lists (data, not code) -------------------------------------------------------------


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


FILLER = word_set(
    "aplikasi aplikasih apliksi apliakasi applikasi app apps application aplication sistem sistim system "
    "informasi information info layanan online daring terpadu terintegrasi integrated elektronik electronic "
    "elektronic digital software si berbasis based versi version baru new ri indonesia nasional mobile "
    "android ios apk desktop resmi official otomatis otomasi automasi automatic apl aplk sist inf"
)
STOPWORDS = word_set(
    "dan dengan untuk yang di ke dari pada atau serta bagi oleh dalam the of and for to with secara "
    "melalui tentang tahun ta sebagai berupa se per antar terhadap guna kepada milik in on a an "
    "seluruh semua setiap masing tiap adalah merupakan yaitu ini itu tersebut"
)
# Leading words of a proposal ("Belanja Modal Software Berupa Pembangunan Aplikasi ..."): dropped only
# at the start of a name, because "Sistem Informasi Pembangunan Daerah" keeps its "pembangunan".
PROPOSAL_WORDS = word_set(
    "belanja modal pembangunan pengembangan pemeliharaan pembuatan perancangan pengadaan penyediaan "
    "peningkatan penyempurnaan pembaruan pembaharuan pemutakhiran implementasi penerapan instalasi "
    "upgrade update upgrading migrasi integrasi interkoneksi bridging sinkronisasi jasa konsultansi "
    "konsultan lisensi langganan sewa biaya kegiatan pembelian penambahan fitur modul operasional "
    "maintenance development pendampingan penguatan optimalisasi revitalisasi perangkat lunak "
    "penyusunan rancang bangun tenaga ahli honorarium narasumber perpanjangan"
)
# "Usulan Aplikasi ..." proposes: dropped at the start of a name only ("usulan kenaikan pangkat" and a
# description's "usulan masyarakat" keep it)
_LEADING = PROPOSAL_WORDS | {"usulan", "usul"}
_LEAD_OK = _LEADING | STOPWORDS | {"software", "aplikasi", "app"}
# Weak words: kept, but carry little identity (low weight in scoring, never a brand).
WEAK = word_set(
    "manajemen data pengelolaan monitoring monev evaluasi laporan pelaporan administrasi pelayanan "
    "daerah pemerintah pemerintahan publik masyarakat umum smart mobile android ios web website "
    "portal dashboard pusat kabupaten kota kecamatan nasional indonesia ri center "
    "centre super dinas badan kantor pegawai asn opd skpd perangkat platform lokal local instansi "
    "terpusat sistem aplikasi kegiatan program usulan bupati walikota wali gubernur camat lurah kades "
    "pak bapak ibu warga pimpinan"
)
# Names made only of these are generic noise ("Pemeliharaan Website", "Aplikasi"): no duplicate group.
GENERIC = word_set(
    "website web situs portal aplikasi sistem server hosting domain subdomain jaringan internet "
    "bandwidth email mail dashboard android mobile ios cms database data pusat cloud backup drive "
    "gateway wifi lan vpn firewall cctv komputer laptop printer lisensi antivirus office microsoft "
    "windows opd skpd dinas kantor"
)
SPELLING = {
    "kepegawain": "kepegawaian",
    "kepegawian": "kepegawaian",
    "kepagawaian": "kepegawaian",
    "kepegawaiaan": "kepegawaian",
    "infromasi": "informasi",
    "imformasi": "informasi",
    "informsi": "informasi",
    "informasih": "informasi",
    "inforamsi": "informasi",
    "sistim": "sistem",
    "sytem": "sistem",
    "sisitem": "sistem",
    "managemen": "manajemen",
    "manajement": "manajemen",
    "management": "manajemen",
    "managament": "manajemen",
    "perijinan": "perizinan",
    "ijin": "izin",
    "terintegritrasi": "terintegrasi",
    "terintergrasi": "terintegrasi",
    "terintegerasi": "terintegrasi",
    "akte": "akta",
    "kleuar": "keluar",
    "monitorng": "monitoring",
    "pengaduaan": "pengaduan",
    "penggaduan": "pengaduan",
    "kependudukkan": "kependudukan",
    "persuratn": "persuratan",
    "keuanggan": "keuangan",
    "perencanan": "perencanaan",
    "penganggran": "penganggaran",
    "absensi": "presensi",
    "absen": "presensi",
    "websit": "website",
    "webiste": "website",
    "situsweb": "website",
    "homepage": "website",
    "apps": "app",
    "survey": "survei",
    "survay": "survei",
}
# Ordinary words of app names: two of them that merely look alike are different words, not a typo.
COMMON_WORDS = word_set(
    "pengaduan pengadaan pendaftaran pendataan perizinan perencanaan penganggaran pelaporan pelayanan "
    "pengelolaan pemantauan penilaian pengawasan pembayaran penerimaan pengujian pendidikan kesehatan "
    "kepegawaian kependudukan keuangan kearsipan persuratan perpustakaan kinerja presensi antrian "
    "antrean aset barang gaji pajak retribusi anggaran belanja pendapatan desa kelurahan sekolah siswa "
    "guru pasien rujukan obat gizi imunisasi bencana lalu lintas parkir pasar harga komoditas pangan "
    "pertanian perikanan peternakan koperasi umkm industri pariwisata wisata budaya olahraga pemuda "
    "tenaga kerja lowongan sosial bantuan miskin perumahan rumah jalan jembatan air irigasi drainase "
    "sampah lingkungan hutan tanah tata ruang peta geografis statistik survei kepuasan aduan surat "
    "dokumen arsip naskah hukum peraturan produk perda berita media lelang tender katalog kontrak "
    "proyek kegiatan program rencana keluarga anak perempuan kekerasan penduduk kelahiran kematian "
    "akta ktp kartu identitas tamu buku rapat gedung kendaraan armada bus pelanggan rekening tagihan "
    "meter inventaris persediaan gudang penggajian pensiun pangkat mutasi cuti diklat pelatihan jabatan "
    "analisis beban kesejahteraan zakat haji masjid keamanan ketertiban kebakaran darurat pemilu partai "
    "ormas organisasi nilai ujian beasiswa ijazah rapor puskesmas posyandu stunting vaksin sanitasi "
    "energi listrik penerangan menara reklame hotel restoran hiburan investasi usaha izin perdagangan "
    "penduduk pemeriksaan temuan audit pengendalian akuntabilitas kebijakan pendamping penyuluhan "
    "pembinaan kunjungan pengunjung pengumuman agenda jadwal kalender absen presensi ruangan"
)
# Ordinary Indonesian words that apps also use as one-word brands (LAPOR!, SIAPkerja, SAKTI, SIMPEL,
# SIKaP, GOL ...): inside a longer name ("Aplikasi Lapor Banjir") such a word names an action or a
# quality, not the app, so the rest of the name must be the app's own vocabulary (see the brand
# evidence in `catalog.match`). Words of COMMON_WORDS and WEAK, and words whose root is one of theirs
# ("lapor" of "laporan"), count as ordinary too.
ORDINARY_WORDS = word_set(
    "lapor siap sakti simpel simponi sikap gol cantik pintar sehat aman cepat tepat mudah jaga lacak cek "
    "cari pantau kawal pasti prima mantap hebat bisa ayo mari harap peduli sigap tanggap bersih sahabat "
    "rakyat ramah andal handal emas intan mutiara bintang"
)
# Words that say the same thing (ASN / PNS / pegawai ...) are data: data/catalog/synonyms.csv, read by
# catalog.morphology together with the Indonesian stemmer.
OPD_HEADS = word_set(
    "dinas badan bagian biro kantor sekretariat inspektorat satuan unit uptd upt rsud bidang subbag seksi"
)
PLACE_HEADS = word_set("kecamatan kelurahan")
OPD_WORDS = word_set(
    "kesehatan pendidikan kebudayaan komunikasi informatika statistik persandian kependudukan "
    "pencatatan sipil sosial perhubungan pekerjaan umum penataan ruang perumahan kawasan permukiman "
    "lingkungan hidup kehutanan pertanian perikanan peternakan ketahanan pangan kelautan koperasi usaha "
    "kecil menengah mikro ukm umkm perindustrian perdagangan pariwisata pemuda olahraga olah raga tenaga "
    "kerja ketenagakerjaan transmigrasi penanaman modal pelayanan terpadu satu pintu pemberdayaan "
    "masyarakat desa perempuan perlindungan anak pengendalian penduduk keluarga berencana perpustakaan "
    "kearsipan arsip kepegawaian pengembangan sumber daya manusia keuangan aset pendapatan pengelola "
    "pengelolaan perencanaan pembangunan penelitian riset inovasi kesatuan bangsa politik kesbangpol "
    "penanggulangan bencana pemadam kebakaran penyelamatan hukum organisasi pemerintahan kesejahteraan "
    "rakyat administrasi protokol kerjasama kerja sama pengadaan barang jasa daerah polisi pamong praja "
    "umum rumah sakit dprd setda kota kabupaten provinsi energi mineral pekerjaan tata"
)
OPD_ABBREVIATIONS = word_set(
    "diskominfo kominfo diskominfotik diskominfosandi diskominfostandi dinkes disdik disdikbud "
    "disdikpora dindik disdukcapil dispendukcapil dukcapil bappeda bapelitbangda bappelitbangda bapenda "
    "bappenda bpkad bpkd bpkpd bkpsdm bkpp bkd bpbd dpmptsp dpmpptsp dlh dishub dinsos disnaker "
    "disnakertrans disperindag diskop diskopukm disparbud dispar dispora dpupr pupr dpkp dp3a dp3ak "
    "dppkb dpmd dpmpd setda setwan sekwan setdprd inspektorat satpol kesbangpol diskominfostandi "
    "dpmptsp rsud"
)
REGION_PREFIXES = word_set("kabupaten kab kota provinsi prov propinsi pemkab pemkot pemko pemprov pemda")
PROVINCE_ABBREVIATIONS = word_set(
    "jatim jateng jabar kaltim kalbar kalsel kalteng kaltara sulsel sulut sulteng sultra sulbar sumut "
    "sumbar sumsel ntb ntt diy dki babel kepri"
)
_CITY_PHRASES = word_set("wali tata")
DIRECTIONS = word_set("barat timur utara selatan tengah kulon wetan lor kidul raya")
# Bare region names that are also ordinary words or app names: never dropped without a prefix.
PROTECTED_BARE = word_set("batu banjar bima tegal pati bone buru siak agam solok kota baru lima")
OWNERS = word_set(
    "kemendagri kemenkes kemensos kemenkeu kemendikbud kemendikdasmen kemendikbudristek kemenpan "
    "kemenpanrb kemendesa kemendes kemenkumham kemenag kemnaker kemenaker komdigi bkn anri lkpp bpkp "
    "bphn bappenas kpk djp kemkes kemenperin kemendag bsn lan"
)
_PLACE_TRIGGERS = (
    REGION_PREFIXES | OPD_ABBREVIATIONS | PROVINCE_ABBREVIATIONS | OPD_HEADS | PLACE_HEADS | {"pemerintah"}
)
_PREFIXES = (
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "per",
    "pe",
    "ber",
    "ter",
    "di",
    "ke",
)
_SUFFIXES = ("kan", "an", "nya", "i")
SIM_PREFIXES = (
    (("sistem", "informasi", "manajemen"), "sim"),
    (("sistem", "manajemen", "informasi"), "sim"),
    (("sistem", "informasi"), "si"),
    (("sim",), "sim"),
    (("si",), "si"),
)

PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "--",
        "tidak ada",
        "belum ada",
        "n/a",
        "na",
        "deskripsi akan segera ditambahkan",
        "nihil",
        "kosong",
    }
)
_WORD = re.compile(r"[a-z0-9]+")
_RAW_WORD = re.compile(r"[A-Za-z0-9]+")
_E_PREFIX = re.compile(r"(?<![a-z0-9])e\s*[-\u2013._]\s*(?=[a-z0-9])|(?<![a-z0-9])e\s+(?=[a-z]{2,})")
_URL = re.compile(
    r"(?:https?://)?(?:www\.)?([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.(?:go|ac|co|or|web|desa|sch|my)\.id\b\S*"
    r"|(?:https?://)?(?:www\.)?([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.(?:id|com|net|org|info)\b\S*"
)
_PAREN = re.compile(r"\(([^()]*)\)?")
_SLASH = re.compile(r"\s+/\s*|\s*/\s+")
# "SIHA - Sistem Informasi Hasil Audit": a capitalised one-word name, a dash or colon, its words
_DASH_GLOSS = re.compile(
    r"^\s*([A-Za-z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*)(?:\s+[-\u2013\u2014]|\s*:)\s+(\S[^()]*)$"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_VERSION = re.compile(r"v\d+")


@dataclass(frozen=True, slots=True)
class NormalizedName:
    """A name reduced to what identifies the app.

    text/tokens/compact: the main form ("eoffice"); variants: other forms of the same name (a bracketed
    part, an acronym joined with its SI-/SIM- prefix, an acronym's expansion); acronyms: acronym
    candidates; expansions: (acronym, expansion) pairs the lexicon knows; derived: (variant, acronym,
    expansion) for each variant that an acronym pair produced; stems: tokens without their
    e-prefix; removed: (kind, words) dropped; context: the OPD and region words removed; declared: the
    one-word names the line gives itself ("SIMRS" in "Sistem Informasi Manajemen Rumah Sakit (SIMRS)");
    spelled_out: (one-word name, the words the line spells it out with) when the line writes both
    ("SIBARU (Sistem Informasi Bantuan Rumah Ibadah)" -> ("sibaru", "bantuan rumah ibadah"));
    light: the main part with filler words kept (tells "Sistem Layanan Rujukan Terpadu" from
    "Rujukan Online", which normalise alike); generic: nothing but generic words (website, aplikasi)."""

    raw: str
    text: str
    tokens: tuple[str, ...]
    compact: str
    variants: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    expansions: tuple[tuple[str, str], ...] = ()
    derived: tuple[tuple[str, str, str], ...] = ()
    stems: tuple[str, ...] = ()
    removed: tuple[tuple[str, str], ...] = ()
    context: tuple[str, ...] = ()
    declared: tuple[str, ...] = ()
    spelled_out: tuple[tuple[str, str], ...] = ()
    light: str = ""
    generic: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The main text followed by the variants, without empties or repeats."""
        seen: dict[str, None] = {}
        for form in (self.text, *self.variants):
            if form:
                seen.setdefault(form, None)
        return tuple(seen)

    @property
    def opd_words(self) -> tuple[str, ...]:
        """The words of the OPD names removed from the name ("dukcapil" of "Antrian Dukcapil")."""
        return tuple(w for kind, words in self.removed if kind == "opd" for w in words.split())

    def removed_by_kind(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for kind, words in self.removed:
            out.setdefault(kind, []).append(words)
        return out


def fold(text: str) -> str:
    """Lower case ASCII: accents and mojibake dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def estem(token: str) -> str:
    """`ekinerja` -> `kinerja`; tokens that cannot carry an e-prefix are returned unchanged."""
    return token[1:] if len(token) >= 5 and token[0] == "e" else token


def acronym_fits(acronym: str, expansion: str) -> bool:
    """Loose check that an acronym can come from a phrase: same first letter, letters in order.

    Indonesian acronyms take syllables rather than initials (SIMPEG, SRIKANDI), so this only asks
    that the acronym's letters appear in order in the expansion."""
    letters = [c for c in fold(acronym) if c.isalpha()]
    text = "".join(c for c in fold(expansion) if c.isalpha())
    if len(letters) < 2 or not text or letters[0] != text[0]:
        return False
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


@dataclass(slots=True)
class _Part:
    tokens: list[str]
    removed: list[tuple[str, str]]
    context: list[str]
    prefix: str | None
    light: str = ""


class Lexicon:
    """What normalisation knows: region names, owner names, acronyms. Caches its results."""

    def __init__(
        self,
        *,
        region_names: Iterable[str] = (),
        acronyms: Iterable[tuple[str, str]] = (),
        cache_size: int = 400_000,
    ) -> None:
        self._regions: dict[str, list[tuple[str, ...]]] = {}
        self._bare_regions: set[tuple[str, ...]] = set()
        self._region_ends: set[str] = set()
        self._longest = 1  # words of the longest region name, slogan included
        self.owners: set[str] = set(OWNERS)
        self.protected: set[str] = set(PROTECTED_BARE)
        # acronym -> {expansion text -> app ids it was learned from, or None when curated}
        self.acronym_expansions: dict[str, dict[str, frozenset[str] | None]] = {}
        # ("*" or the SI-/SIM- prefix or "", expansion text) -> {acronym -> app ids or None}
        self._expansion_acronyms: dict[tuple[str, str], dict[str, frozenset[str] | None]] = {}
        self._pair_apps: dict[tuple[str, str], frozenset[str] | None] = {}
        self._expansion_starts: set[str] = set()
        self._cache: dict[str, NormalizedName] = {}
        self._folded: dict[str, NormalizedName] = {}
        self._cache_size = cache_size
        self.add_regions(region_names)
        for acronym, expansion in acronyms:
            self.add_acronym(acronym, expansion, None)

    # --- building ---------------------------------------------------------------------------

    def add_regions(self, names: Iterable[str]) -> None:
        for name in names:
            bare = _bare_region(name)
            # "Pangkal Pinang" is also written "Pangkalpinang", "Bandar Lampung" "Bandarlampung"
            for form in (bare, ("".join(bare),) if len(bare) == 2 else ()):
                if form:
                    self._regions.setdefault(form[0], []).append(form)
                    self._bare_regions.add(form)
                    self._region_ends.add(form[-1])
                    self._longest = max(self._longest, len(form))
        for key, names_ in self._regions.items():
            self._regions[key] = sorted(set(names_), key=len, reverse=True)
        self._cache.clear()
        self._folded.clear()

    def add_acronym(self, acronym: str, expansion: str, app_id: str | None) -> bool:
        """Register acronym <-> expansion; `app_id` None means curated (valid for every app)."""
        acr = "".join(_WORD.findall(fold(acronym)))
        part = self._part(fold(expansion), strip_regions=False)
        exp = " ".join(part.tokens)
        if not acr or not exp or acr == exp.replace(" ", ""):
            return False
        if len(part.tokens) == 1 and (part.tokens[0] in WEAK or part.tokens[0] in GENERIC):
            return False  # "SIMDA" = SIM + "daerah": a weak word alone identifies nothing
        by_exp = self.acronym_expansions.setdefault(acr, {})
        by_exp[exp] = _merge_ids(by_exp.get(exp, frozenset()), app_id)
        # a long expansion is recognised anywhere; a short one ("rumah sakit") only with the same
        # SI-/SIM- prefix, so "SIM Rumah Sakit" (SIMRS) is not read as SIRS
        key = ("*", exp) if len(part.tokens) >= 3 else (part.prefix or "", exp)
        if key[0] == "*":
            self._expansion_starts.add(part.tokens[0])
        by_acr = self._expansion_acronyms.setdefault(key, {})
        by_acr[acr] = _merge_ids(by_acr.get(acr, frozenset()), app_id)
        self._pair_apps[(acr, exp)] = _merge_ids(self._pair_apps.get((acr, exp), frozenset()), app_id)
        self._cache.clear()
        self._folded.clear()
        return True

    def learn_from_names(
        self, app_id: str, names: Iterable[str], owner: str = "", *, protect: bool = True
    ) -> int:
        """Learn acronym <-> expansion pairs from one app's name and aliases; returns how many.
        `protect`: one-word names become words never dropped as a bare region name ("SIAK")."""
        for word in _WORD.findall(fold(owner)):
            if word.startswith(("kemen", "ditjen")) or (len(word) <= 6 and word.upper() in owner):
                self.owners.add(word)
        shorts: set[str] = set()
        longs: dict[str, tuple[str, ...]] = {}
        for name in names:
            for piece in _pieces(fold(name), name):
                part = self._part(piece, strip_regions=False)
                toks = tuple(part.tokens)
                if len(toks) == 1 and protect:
                    self.protected.add(toks[0])  # "SIAK" is an app, not Kabupaten Siak
                if len(toks) == 1 and 2 <= len(toks[0]) <= 12:
                    shorts.add(toks[0])
                elif len(toks) == 2 and len("".join(toks)) <= 9:
                    shorts.add("".join(toks))
                    shorts.update(t for t in toks if 3 <= len(t) <= 6)
                if len(toks) >= 2 or (toks and len(piece.split()) >= 3):
                    longs[piece] = toks
        learned = 0
        for long, toks in longs.items():
            if any(t in shorts for t in toks):
                continue  # "Srikandi Arsip" is a name, not an expansion
            joined = {"".join(toks[i:j]) for i in range(len(toks)) for j in range(i + 1, len(toks) + 1)}
            fitting = [
                short
                for short in sorted(shorts)
                if short not in joined
                and not any(len(t) >= 3 and (t.startswith(short) or short.startswith(t)) for t in toks)
                and acronym_fits(short, long)
            ]
            for short in fitting:
                if any(o != short and o.startswith(short) for o in fitting):
                    continue  # "SIKS NG" spells "Kesejahteraan Sosial Next Generation", "SIKS" does not
                if self.add_acronym(short, long, app_id):
                    learned += 1
        return learned

    # --- normalising --------------------------------------------------------------------------

    def normalize(self, text: str | None) -> NormalizedName:
        """Normalise one name (cached)."""
        text = text or ""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        folded = _dash_glossed(text) or fold(text)
        same = self._folded.get(folded)  # "SIMPEG", "Simpeg" and "simpeg" normalise alike
        result = self._normalize(text, folded) if same is None else replace(same, raw=text)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
            self._folded.clear()
        self._cache[text] = result
        self._folded.setdefault(folded, result)
        return result

    def _normalize(self, raw: str, folded: str) -> NormalizedName:
        if len(folded) <= 40 and " ".join(folded.replace(".", " ").split()) in PLACEHOLDERS:
            folded = ""
        pieces = _pieces(folded, raw)
        parts = [self._part(p) for p in pieces]
        main_i = next((i for i, p in enumerate(parts) if p.tokens), 0) if parts else 0
        main = parts[main_i] if parts else _Part([], [], [], None)
        removed: list[tuple[str, str]] = []
        context: list[str] = []
        variants: list[str] = []
        declared: list[str] = []
        names: list[str] = []  # one-word names the line gives itself, by part
        spelled: list[str] = []  # the parts that spell a name out in words
        for i, part in enumerate(parts):
            if i != main_i and part.tokens and all(t in GENERIC or t in WEAK for t in part.tokens):
                # "(Desktop)", "(WEB)", "(web OPD)": a qualifier in brackets is no other name of the app
                removed.append(("qualifier", " ".join(part.tokens)))
                continue
            if len(part.tokens) == 1 and (_nameish(part.tokens[0]) or _spelled_by(part.tokens[0], parts)):
                declared.append(part.tokens[0])
                if part.prefix:
                    declared.append(part.prefix + part.tokens[0])
                    spelled.append(" ".join(part.tokens))
                else:
                    names.append(part.tokens[0])
            elif len(part.tokens) >= 2:
                spelled.append(" ".join(part.tokens))
            removed.extend(part.removed)
            context.extend(part.context)
            if i != main_i and part.tokens:
                variants.append(" ".join(part.tokens))
            if part.prefix and len(part.tokens) == 1 and not part.tokens[0].isdigit():
                variants.append(part.prefix + part.tokens[0])
        tokens = tuple(main.tokens)
        text = " ".join(tokens)
        forms = [text, *variants]
        acronyms, found = self._acronyms(forms, tokens, main.prefix)
        # the line writes one meaning of its acronym out ("KIA (Kesehatan Ibu dan Anak)"): not the others;
        # a meaning of its own that shares no word with a known one ("SIPD (Sistem Informasi Persediaan
        # Darah)") rules every known one out
        written = [f" {f} " for f in forms]
        meant = {acr: exp for _, acr, exp in found if any(f" {exp} " in w for w in written)}
        glossed = self._glossed(folded, tokens)
        own = {
            n: sp
            for n, sp in [*((n, sp) for n in names for sp in spelled if len(spelled) == 1), *glossed]
            if _bare_region(sp) not in self._bare_regions  # "SIMPEG (Kabupaten Madiun)" spells nothing out
        }
        found = [
            (v, acr, exp)
            for v, acr, exp in found
            if meant.get(acr, exp) == exp and (acr in meant or acr not in own or _share_words(exp, own[acr]))
        ]
        expansions = list(dict.fromkeys((acr, exp) for _, acr, exp in found))
        derived = []
        for variant, acr, exp in found:
            if variant not in forms:
                variants.append(variant)
                forms.append(variant)
                derived.append((variant, acr, exp))
        if "e" in text or any("e" in v for v in variants):
            all_tokens = {t for form in (text, *variants) for t in form.split()}
            stems = tuple(sorted({estem(t) for t in all_tokens if t[0] == "e"} - all_tokens))
        else:
            stems = ()
        generic = not tokens or all(t in GENERIC for t in tokens) or (len(tokens) == 1 and tokens[0] in WEAK)
        variants_t = tuple(dict.fromkeys(v for v in variants if v and v != text))
        return NormalizedName(
            raw=raw,
            text=text,
            tokens=tokens,
            compact="".join(tokens),
            variants=variants_t,
            acronyms=tuple(acronyms),
            expansions=tuple(expansions),
            derived=tuple(derived),
            stems=stems,
            removed=tuple(dict.fromkeys(removed)),
            context=tuple(dict.fromkeys(context)),
            declared=tuple(dict.fromkeys(declared)),
            spelled_out=tuple(
                dict.fromkeys(
                    [
                        *((n, sp) for n in names for sp in spelled if len(spelled) == 1),
                        *glossed,
                    ]
                )
            ),
            light=main.light,
            generic=generic,
        )

    def _glossed(self, folded: str, tokens: tuple[str, ...]) -> list[tuple[str, str]]:
        """(word, words) for a word of a longer name that the bracket right after it spells out:
        "Migrasi Perangkat Lunak Kantor ke OSS (Open Source Software)" -> ("oss", "open source software")."""
        if "(" not in folded or len(tokens) < 2:
            return []
        out = []
        for m in _GLOSS.finditer(folded):
            word = m.group(1)
            if word not in tokens or not 2 <= len(word) <= 8 or word in GENERIC or word.isdigit():
                continue
            part = self._part(m.group(2))
            if len(part.tokens) >= 2 and acronym_fits(word, part.light or " ".join(part.tokens)):
                out.append((word, " ".join(part.tokens)))
        return out

    def _acronyms(
        self, forms: list[str], tokens: tuple[str, ...], prefix: str | None
    ) -> tuple[list[str], list[tuple[str, str, str]]]:
        """Acronym candidates, and (variant, acronym, expansion) for each acronym or expansion found:
        the variant is the form with the acronym written out, or the expansion written short. An
        acronym that is also an ordinary word ("lapor", "siap") is read as one only when it is the
        whole name: "Aplikasi Lapor Banjir" reports floods (case cannot tell: names are folded)."""
        acronyms: dict[str, None] = {}
        found: dict[tuple[str, str, str], None] = {}
        for form in forms:
            words = form.split()
            compact = "".join(words)
            if len(words) > 1 and compact in self.acronym_expansions:
                for exp in self.acronym_expansions[compact]:
                    acronyms[compact] = None
                    found[(exp, compact, exp)] = None
            for i, word in enumerate(words):
                if word in WEAK and len(words) > 1:
                    continue  # "ASN" beside a name is a qualifier, not words to match on
                if len(words) > 1 and ordinary_word(word):
                    continue
                for exp in self.acronym_expansions.get(word, ()):
                    acronyms[word] = None
                    found[(" ".join([*words[:i], exp, *words[i + 1 :]]), word, exp)] = None
            if not (len(words) == 1 and words[0] in WEAK):
                for acr in self._expansion_acronyms.get((prefix or "", form), ()):
                    acronyms[acr] = None
                    found[(acr, acr, form)] = None
            if len(words) < 3 or self._expansion_starts.isdisjoint(words):
                continue
            for size in range(min(len(words), 7), 2, -1):
                for i in range(len(words) - size + 1):
                    exp = " ".join(words[i : i + size])
                    for acr in self._expansion_acronyms.get(("*", exp), ()):
                        acronyms[acr] = None
                        found[(" ".join([*words[:i], acr, *words[i + size :]]), acr, exp)] = None
        if len(tokens) == 1 and 2 <= len(tokens[0]) <= 10 and tokens[0] not in WEAK:
            acronyms.setdefault(tokens[0], None)
        return list(acronyms), list(found)

    def keyword(self, text: str) -> tuple[str, ...]:
        """Tokens of a function keyword: like a name, but no proposal, region or OPD words removed
        ("pengadaan barang jasa" keeps "pengadaan")."""
        toks = _negations([SPELLING.get(t, t) for t in _WORD.findall(_E_PREFIX.sub("e", fold(text)))])
        return tuple(t for t in toks if t not in FILLER and t not in STOPWORDS)

    def expansion_apps(self, acronym: str, expansion: str) -> frozenset[str] | None:
        """App ids an acronym pair was learned from (None: curated, valid for every app)."""
        return self._pair_apps.get((acronym, expansion), frozenset())

    def _part(self, s: str, *, strip_regions: bool = True) -> _Part:
        if "e" in s:
            s = _E_PREFIX.sub("e", s)
        toks = _negations([SPELLING.get(t, t) for t in _WORD.findall(s)])
        if any(t[0].isdigit() or t[0] == "v" for t in toks):
            toks = [t for t in toks if not _YEAR.fullmatch(t) and not _VERSION.fullmatch(t)]
        removed: list[tuple[str, str]] = []
        context: list[str] = []
        toks = _strip_phases(toks, removed)
        toks = _strip_leading(toks, removed)
        before_places = toks
        if strip_regions:
            toks = self._strip_places(toks, removed, context)
            if not any(t not in FILLER and t not in STOPWORDS for t in toks):
                toks, removed, context = before_places, [r for r in removed if r[0] == "proposal"], []
        light = " ".join(t for t in toks if t not in STOPWORDS)
        prefix, toks = _strip_prefix(toks, removed)
        core = []
        owners = []
        for t in toks:
            if t in FILLER or t in STOPWORDS or _filler_typo(t):
                if t not in STOPWORDS:
                    removed.append(("filler", t))
            elif t in self.owners:
                owners.append(t)
                core.append(t)
            else:
                core.append(t)
        if owners and len(core) > len(owners):  # "SIPD Kemendagri" -> sipd; "DJP Online" keeps djp
            core = [t for t in core if t not in owners]
            removed.extend(("owner", t) for t in dict.fromkeys(owners))
        return _Part(core, removed, context, prefix, light)

    def _strip_places(self, toks: list[str], removed: list[tuple[str, str]], context: list[str]) -> list[str]:
        if not toks or (_PLACE_TRIGGERS.isdisjoint(toks) and self._region_ends.isdisjoint(toks)):
            return toks  # no region or OPD word anywhere, no word that ends a region name
        out: list[str] = []
        i, n = 0, len(toks)
        while i < n:
            t = toks[i]
            if t in REGION_PREFIXES or (t == "pemerintah" and i + 1 < n and toks[i + 1] in REGION_PREFIXES):
                j = i + 1
                while j < n and toks[j] in REGION_PREFIXES:
                    j += 1
                k = self._region_at(toks, j)
                if k == j and not self._regions and j < n and toks[j] not in FILLER:
                    k = j + 1
                    while k < n and toks[k] in DIRECTIONS:
                        k += 1
                # "Kota" alone at the end is the city the line is for ("Data Pokok Pendidikan Kota"),
                # but not in "Wali Kota" or "Tata Kota"
                at_end = t == "kota" and j == n and i > 0 and toks[i - 1] not in _CITY_PHRASES
                if k > j or t not in ("kota", "pemerintah") or at_end:
                    removed.append(("region", " ".join(toks[i:k])))
                    context.extend(toks[j:k])
                    i = k
                    continue
            elif t in OPD_ABBREVIATIONS or t in PROVINCE_ABBREVIATIONS:
                removed.append(("opd" if t in OPD_ABBREVIATIONS else "region", t))
                context.append(t)
                i += 1
                continue
            elif t in OPD_HEADS and i + 1 < n and toks[i + 1] in OPD_WORDS:
                j = i + 1
                while j < n and (toks[j] in OPD_WORDS or toks[j] == "dan"):
                    j += 1
                removed.append(("opd", " ".join(toks[i:j])))
                context.extend(w for w in toks[i + 1 : j] if w != "dan")
                i = j
                continue
            elif t in PLACE_HEADS and i + 1 < n and self._region_at(toks, i + 1) > i + 1:
                # "Profil Kelurahan Makassar": the city's kelurahan, the head word is what the app is about
                k = self._region_at(toks, i + 1)
                out.append(t)
                removed.append(("region", " ".join(toks[i + 1 : k])))
                context.extend(toks[i + 1 : k])
                i = k
                continue
            elif t in PLACE_HEADS and i + 1 < n:
                j = i + 2
                while j < n and toks[j] in DIRECTIONS:
                    j += 1
                removed.append(("opd", " ".join(toks[i:j])))
                context.extend(toks[i + 1 : j])
                i = j
                continue
            out.append(t)
            i += 1
        # a region name at the end, after the app's own words ("SIMPEG Madiun", "ATCS Denpasar"),
        # filler words after it aside ("SIMPEG Magetan Mobile")
        for _ in range(2):
            end = len(out)
            while end > 0 and (out[end - 1] in FILLER or out[end - 1] in STOPWORDS):
                end -= 1
            body, tail = out[:end], out[end:]
            if len(body) < 2:
                break
            for name in self._bare_ending(body):
                if len(name) == 1 and name[0] in self.protected:
                    continue
                if _content(body[: -len(name)]):
                    removed.append(("region", " ".join(name)))
                    context.extend(name)
                    out = body[: -len(name)] + tail
                break
        return out

    def _region_at(self, toks: list[str], j: int) -> int:
        if j >= len(toks):
            return j
        for name in self._regions.get(toks[j], ()):
            if tuple(toks[j : j + len(name)]) == name:
                return j + len(name)
        return j

    def _bare_ending(self, toks: list[str]) -> list[tuple[str, ...]]:
        found = []
        for size in range(self._longest, 0, -1):
            if len(toks) > size and tuple(toks[-size:]) in self._bare_regions:
                found.append(tuple(toks[-size:]))
        return found


_LONG_FILLER = tuple(w for w in FILLER if len(w) >= 7)
_ORDINARY_ROOTS: frozenset[str] = frozenset()


def word_root(word: str) -> str:
    """A rough Indonesian root: one prefix (pe-/me-/ber- ...) and one suffix (-an/-kan ...) off,
    keeping four letters at least ("pelaporan" -> "lapor", "pengaduan" -> "gadu")."""
    root = word
    for p in _PREFIXES:
        if root.startswith(p) and len(root) - len(p) >= 4:
            root = root[len(p) :]
            break
    for suf in _SUFFIXES:
        if root.endswith(suf) and len(root) - len(suf) >= 4:
            root = root[: -len(suf)]
            break
    return root


@lru_cache(maxsize=100_000)
def ordinary_word(word: str) -> bool:
    """An ordinary Indonesian word (ORDINARY_WORDS, COMMON_WORDS, WEAK, or the root of one of
    those): as a brand inside a longer name it needs the rest of the name to fit the app."""
    global _ORDINARY_ROOTS
    if word in ORDINARY_WORDS or word in COMMON_WORDS or word in WEAK:
        return True
    if not _ORDINARY_ROOTS:
        _ORDINARY_ROOTS = frozenset(word_root(w) for w in COMMON_WORDS | WEAK | ORDINARY_WORDS)
    return len(word) >= 4 and word_root(word) in _ORDINARY_ROOTS


@lru_cache(maxsize=100_000)
def _filler_typo(token: str) -> bool:
    """A word one typo away from a long filler word ("alpikasi", "infromasi", "terintegarsi")."""
    if len(token) < 6 or token in COMMON_WORDS or token in OPD_WORDS:
        return False
    return any(
        abs(len(token) - len(w)) <= 1 and OSA.distance(token, w, score_cutoff=1) <= 1 for w in _LONG_FILLER
    )


def _nameish(token: str) -> bool:
    """A word that can be a one-word name: not a number, not an ordinary or generic word."""
    return 3 <= len(token) <= 16 and not token.isdigit() and token not in GENERIC and not ordinary_word(token)


def _spelled_by(token: str, parts: list[_Part]) -> bool:
    """An ordinary word written beside its own spelling-out is an acronym too: "SIKAP (Sistem
    Informasi Kinerja Aparatur)" names an app, whatever "sikap" means as a word."""
    if not 4 <= len(token) <= 8 or token in GENERIC or token.isdigit():
        return False
    return any(len(p.tokens) >= 2 and acronym_fits(token, p.light or " ".join(p.tokens)) for p in parts)


def _merge_ids(current: frozenset[str] | None, app_id: str | None) -> frozenset[str] | None:
    if current is None or app_id is None:
        return None
    return current | {app_id}


def _negations(toks: list[str]) -> list[str]:
    """ "non" joins the word it negates ("guru non ASN" -> guru nonasn, "izin non berusaha" -> izin
    nonberusaha): a negated word is another word, not the one it negates."""
    if "non" not in toks:
        return toks
    out: list[str] = []
    for t in toks:
        if out and out[-1] == "non" and t != "non":
            out[-1] = "non" + t
        else:
            out.append(t)
    return out


def _content(toks: list[str]) -> bool:
    return any(t not in FILLER and t not in STOPWORDS and t not in _LEADING for t in toks)


def _strip_leading(toks: list[str], removed: list[tuple[str, str]]) -> list[str]:
    """Drop proposal words at the start ("Belanja Modal ... Pembangunan Aplikasi"), never everything."""
    if not toks or toks[0] not in _LEADING:
        return toks
    i = 0
    while i < len(toks) and toks[i] in _LEAD_OK:
        i += 1
    if not _content(toks[i:]):
        return toks
    removed.append(("proposal", " ".join(t for t in toks[:i] if t in _LEADING)))
    return [t for t in toks[:i] if t in ("aplikasi", "app")] + toks[i:]


def _strip_prefix(toks: list[str], removed: list[tuple[str, str]]) -> tuple[str | None, list[str]]:
    """The SI-/SIM- prefix ("Sistem Informasi Manajemen Gaji", "SIM Gaji", "Si Andal")."""
    lead = 0
    while lead < len(toks) and toks[lead] in ("aplikasi", "app"):
        lead += 1
    for words, prefix in SIM_PREFIXES:
        end = lead + len(words)
        if tuple(toks[lead:end]) == words and _content(toks[end:]):
            removed.append(("filler", " ".join(words)))
            return prefix, toks[:lead] + toks[end:]
    return None, toks


_URL_SUFFIX = frozenset(
    ["go", "ac", "co", "or", "web", "desa", "sch", "my", "id", "com", "net", "org", "info"]
)
_REGION_LABEL = re.compile(r"^(?:kab|kota|prov|pemkab|pemkot|pemprov)[a-z]{3,}$|^[a-z]{3,}(?:kab|kota|prov)$")


def _url_words(m: re.Match) -> str:
    """The name in a web address: the first label of its host, after "www" and labels that only
    name the region ("srikandi.arsip.go.id" -> srikandi, "magetankab.sipd.kemendagri.go.id" -> sipd)."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group(0)).split("/", 1)[0]
    labels = [x for x in host.split(".") if x]
    while len(labels) > 1 and labels[-1] in _URL_SUFFIX:
        labels.pop()
    named = [x for x in labels if not _REGION_LABEL.match(x)]
    return " " + (named or labels)[0] + " "


_PHASE_WORDS = word_set("tahap tahapan fase termin jilid seri batch versi ver paket")
_NUMERAL = re.compile(
    r"\d+|i{1,3}|iv|vi{0,3}|ix|x{1,3}|satu|dua|tiga|empat|lima|pertama|kedua|ketiga|keempat|kelima|"
    r"lanjutan|akhir|awal"
)


def _strip_phases(toks: list[str], removed: list[tuple[str, str]]) -> list[str]:
    """Which phase or version of the work ("Tahap I-III", "Tahap 2", "Versi 2.0") names no app."""
    if _PHASE_WORDS.isdisjoint(toks):
        return toks
    out: list[str] = []
    i, n = 0, len(toks)
    while i < n:
        j = i + 1
        if toks[i] in _PHASE_WORDS:
            while j < n and _NUMERAL.fullmatch(toks[j]):
                j += 1
            if j > i + 1:
                removed.append(("phase", " ".join(toks[i:j])))
                i = j
                continue
        out.append(toks[i])
        i = j
    return out if out else toks


_GLOSS = re.compile(r"([a-z0-9]+)\s*\(([^()]*)\)")


def _dash_glossed(raw: str) -> str | None:
    """ "SIHA - Sistem Informasi Hasil Audit" folded as "siha (sistem informasi hasil audit)": a
    capitalised one-word name, then a dash or colon and a few words (eight at most, no sentence
    punctuation: a name, not a description); None otherwise."""
    if len(raw) > 120:
        return None
    gloss = _DASH_GLOSS.match(raw)
    if gloss is None or sum(c.isupper() for c in gloss.group(1)) < 2:
        return None
    rest = gloss.group(2)
    if len(rest.split()) > 8 or any(p in rest for p in ".,;"):
        return None
    return fold(f"{gloss.group(1)} ({rest})")


def _share_words(a: str, b: str) -> bool:
    """Two phrases share a word, or the first five letters of one ("pemerintah" / "pemerintahan")."""
    return any(x[:5] == y[:5] if min(len(x), len(y)) >= 5 else x == y for x in a.split() for y in b.split())


def _pieces(folded: str, raw: str) -> list[str]:
    """Split a name into its main part and bracketed or slash-separated alternatives."""
    if "." in folded:
        folded = _URL.sub(_url_words, folded)
    if "(" not in folded and "/" not in folded:
        return [folded]
    inner = [m.group(1) for m in _PAREN.finditer(folded) if m.group(1).strip()]
    outer = _PAREN.sub(" ", folded)
    pieces = [p for p in _SLASH.split(outer) if p.strip()] or [outer]
    out: list[str] = []
    for piece in pieces:
        # "SIFA/Fixed Asset", "SIKN/JIKN": a slash beside an acronym separates alternatives
        if "/" in piece and re.search(r"\b[A-Z]{2,}\s*/|/\s*[A-Z]{2,}\b", raw):
            out.extend(x for x in piece.split("/") if x.strip())
        else:
            out.append(piece.replace("/", " "))
    for chunk in inner:
        out.extend(x for x in _SLASH.split(chunk) if x.strip())
    return out or [folded]


def _bare_region(name: str) -> tuple[str, ...]:
    words = _WORD.findall(fold(name))
    while words and words[0] in {"kabupaten", "kab", "kota", "provinsi", "prov", "administrasi", "adm"}:
        words = words[1:]
    if words[:2] == ["daerah", "istimewa"]:
        words = words[2:]
    if words[:1] == ["dki"]:
        words = words[1:]
    return tuple(words)


# --- defaults -------------------------------------------------------------------------------


def read_acronyms(path: Path) -> list[tuple[str, str]]:
    """Pairs from an `acronym,expansion` CSV; a missing file gives none."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            (row["acronym"].strip(), row["expansion"].strip())
            for row in csv.DictReader(fh)
            if (row.get("acronym") or "").strip() and (row.get("expansion") or "").strip()
        ]


def _region_names_by_code(path: Path) -> dict[str, str]:
    """code -> name of a `code,name,level,province_code` CSV; a missing file gives none."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {
            (row.get("code") or "").strip(): row["name"].strip()
            for row in csv.DictReader(fh)
            if (row.get("name") or "").strip()
        }


def read_region_names(path: Path) -> list[str]:
    """Region names from a `code,name,level,province_code` CSV; a missing file gives none."""
    return list(_region_names_by_code(path).values())


def read_motto_names(path: Path, wilayah: Path) -> list[str]:
    """Region names with the region's slogan after them ("Kota Pekanbaru Bertuah", "Kota Balikpapan
    Beriman"), from a `region_code,motto,words,form,...` CSV, to be read as region names: a slogan
    goes with its region's name, never alone, unless its form is "alone" (a set phrase that holds
    the name or its short form: "Ambon Manise", "Jogja Istimewa"). A missing file gives none."""
    return _motto_names(path, _region_names_by_code(wilayah))


def _motto_names(path: Path, names: dict[str, str]) -> list[str]:
    if not path.exists() or not names:
        return []
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = names.get((row.get("region_code") or "").strip())
            words = " ".join(_WORD.findall(fold(row.get("words") or "")))
            if name and words:
                out.append(words if (row.get("form") or "").strip() == "alone" else f"{name} {words}")
    return out


def base_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """A new lexicon with the curated acronyms and the region names of `data_dir`, with their slogans."""
    names = _region_names_by_code(data_dir / "wilayah.csv")  # read once for both
    return Lexicon(
        region_names=[*names.values(), *_motto_names(data_dir / "mottos.csv", names)],
        acronyms=read_acronyms(data_dir / "acronyms.csv"),
    )


def _opd_abbreviation(owner: str) -> str:
    """The abbreviation an OPD name gives itself: the whole name when it is one word, or what it
    puts in brackets."""
    inner = " ".join(_PAREN.findall(owner))
    return owner if len(owner.split()) == 1 else inner


def learn_catalog(lexicon: Lexicon, apps: Iterable) -> Lexicon:
    """Teach `lexicon` the acronyms and owner names of catalog apps (objects like CatalogApp).

    A ministry or agency names the national app it runs ("SIPD Kemendagri"). Of a region's OPD only
    its own abbreviation counts ("BKPSDM", "Badan ... (BAPPEDA)"), not the words inside its name
    ("Dinas Koperasi dan UMKM"), and never a word the catalog's function keywords use, weak words
    ("OPD") aside: that says what apps do ("Marketplace Produk UMKM" beside an OPD called "UMKM")."""
    apps = list(apps)
    said = {w for app in apps for kw in app.function for w in _WORD.findall(fold(kw))} - WEAK
    for app in apps:
        shared = app.kind == "shared"
        before = set(lexicon.owners)
        owner = app.owner if shared else _opd_abbreviation(app.owner or "")
        lexicon.learn_from_names(app.app_id, (app.name, *app.aliases), owner, protect=shared)
        if not shared:
            lexicon.owners -= (lexicon.owners - before) & said
    lexicon._cache.clear()
    lexicon._folded.clear()
    return lexicon


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """Curated acronyms, region names and what the bundled national catalog teaches."""
    from catalog.load import load_national_apps

    lexicon = base_lexicon()
    if (DATA_DIR / "national.csv").exists():  # a broken file raises: it must not pass unnoticed
        learn_catalog(lexicon, load_national_apps())
    return lexicon


def normalize_app_name(text: str | None, lexicon: Lexicon | None = None) -> NormalizedName:
    """Normalise an application name with `lexicon` (default: `default_lexicon()`)."""
    return (lexicon or default_lexicon()).normalize(text)


def one_word(name: str) -> bool:
    """True for names written as one word once the e-prefix is joined ("SRIKANDI", "e-Kinerja",
    "SIKS-NG"): such a name is a brand, not a description."""
    words = _WORD.findall(_E_PREFIX.sub("e", fold(name)))
    return len(words) == 1 or (len(words) == 2 and name.upper() == name and len("".join(words)) <= 9)
