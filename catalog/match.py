"""Match proposed budget lines against the catalog, and group lines of a cycle that propose one app.

Scores are on a 0-100 scale. The evidence for a (line, app) pair is the best of:
- name: `token_sort_ratio` of the normalised line name and an app name, alias or acronym expansion;
  an exact or e-prefix variant scores 100/97; names of five letters or fewer must match exactly (so
  "SIPD" never scores high against "SIPP"); two known words that merely look alike ("pengaduan" /
  "pengadaan") cap it at 70. `token_set_ratio` is not used: any subset would score 100. A name of
  ordinary words only ("antrian", "pengaduan") that is equal only once filler is dropped caps at 85
  for another region's app (and for a national app when each side has filler the other lacks): it
  names a function, not an app. A generic name ("Gateway") of the region's own app rises to 88 when
  the description agrees with the app.
- brand: the app's one-word name inside a longer line name ("srikandi.arsip"), 98 minus 8 points per
  extra strong word and 3 per weak word the app's own vocabulary does not explain (15/5 when the
  brand is an ordinary word: "Aplikasi Lapor Banjir" is not SP4N-LAPOR!; half of 8/3 for the
  region's own app in its region: "SIMRAL Modul Penatausahaan"); a multi-word app name
  inside the line name costs 12/4 per extra word (the subset trap, priced); a word, or two written
  apart ("SKIS-NG"), one typo off a brand ("SRIKANDY", "INLISLIET"; two letters swapped for short
  ones, "JDHI") costs 6 more; a five-letter name with one letter hit on a neighbouring key ("LJKPN")
  costs 12 more (review, unless the description confirms).
- function: the app's function keywords in the line name, 50 + 45 x the IDF-weighted share of the
  name they cover ("Aplikasi Surat Menyurat Elektronik" -> SRIKANDI 95; a word no app knows weighs
  `UNKNOWN_WEIGHT` of the rarest). A keyword word may appear as another form of its root or a
  synonym (`catalog.morphology`: Sastrawi roots, "pengaduan"/"aduan"/"mengadu"; data/catalog/
  synonyms.csv, "PNS" for "pegawai", "keluhan" for "pengaduan", "lelang" for "tender"; x0.8); a
  keyword's qualifier words (masyarakat, pegawai, daerah ...) may go unsaid when what is left is a
  process noun or two strong words ("Aplikasi Pengaduan", x0.95), any weak word when two strong words
  are said ("Tiket Gangguan Jaringan" for "laporan gangguan jaringan"), and so may its action noun when two
  object words are said ("pemantauan posisi kendaraan": "Aplikasi Posisi Kendaraan"); "Aplikasi
  Sekolah" is not "data sekolah". "non" joins the word it negates ("guru non ASN": nonasn). Acronyms
  of a keyword are also indexed written out (RTLH -> rumah tidak layak huni). A name that states two
  functions of one app and of no other (keywords covering different strong words: "Peta Jabatan
  dan Hitung Beban Kerja" -> SIMONA) rises from 78 or more to 88, and so does a keyword said whole
  scoring 80 or more when every other candidate is 8 points below or more and no penalty applies
  ("Aplikasi Disposisi Pimpinan Digital" -> SRIKANDI, `Matcher._stands_out`); for the region's own
  app any function keyword of 75 or more stands out so. An OPD word the name carries ("Antrian Online
  Dukcapil") may say a keyword's words beside the name's own; a number ("untuk 40 OPD") weighs nothing.
Before all of it, a misspelt word of the name is read as the word it misses ("Pengaduan Masyarakt",
"Penatausahan", "Pasein", "Tandatangan" -> tanda tangan; `Matcher._respell`), and the explanation
lists the corrections.
The description then confirms (+4 per distinct function of the app it states, up to +12 when no
other app's functions are stated as often; keywords whose strong words all stand for words of a
longer stated one are one function: "kinerja pegawai" within "penilaian kinerja ASN"), or alone
suggests (72-80: a review); two or more distinct functions of one app and of no other, under a name
that does not say something else, lift the candidate to 88-94 (coined names: "G Sinjab" + analisis
jabatan, analisis beban kerja -> SIMONA), and so does a function keyword in the name (74 or more)
with a description that states more of this app's functions than of any other app's and agrees with
it (half of its known words or more): 88. Description
keywords must stand as a phrase (within their length + 3 words), may use related words, may take
words from the name, and an acronym of several meanings ("SPM") counts only in the meaning the rest
of the description supports ("SPP, SPM dan SP2D": surat perintah membayar).
Words of the description that no app knows count as the app's when one typo off its vocabulary
("pengadian" for pengaduan). Penalties, each recorded in the explanation: a line that says it is
another function than the app's (`SENSE_RULES`, e.g. a local e-Kinerja for TPP, and the rules of
data/catalog/senses.csv, each with its source: hazard reports are not complaints, regional tax is not
DJP's, non-ASN staff are not SIASN's ...; such a rule replaces the generic description penalties; a
signal the line negates, "tidak terkait perhitungan TPP", does not fire),
an acronym of several meanings that the description reads as another one ("SIMPKB" + uji KIR
kendaraan bermotor), a description that points at another app's
functions only, or that is about another subject (the app's vocabulary explains under 25% of the
description's known words, IDF-weighted; 12.5% for a function-keyword match; it was 20% and 10%
until the vocabulary passes of 2026-12-04 let every app explain more words: on the dev sets, wrong
candidates under 25% are now 32%, right ones 1.3%, as under 20%) -- a description that
shares a third of its words with the app agrees, whatever else it names; a line that declares
another acronym than the app's ("(SIMRS)" against SIRS), that spells its one-word name out as
something else ("SIBARU (Sistem Informasi Bantuan Rumah Ibadah)", "Open Source (OSS)"), or whose
own acronym, written out, is what matched another app ("SIPKD Keuangan" vs SIKD DJPK); two national
apps tied on the name (ambiguous: review).
Integration phrasing ("integrasi dengan X", "bridging ke X", "API ke X") makes X a candidate with
relation "integration" (X must be named, not a function); when the name's action is integration,
every candidate is an integration. "Pembangunan e-Office terintegrasi dengan SIASN" is scored on its
built part (e-Office: SRIKANDI re-built, SIASN a target). A description that names an app as another
system the line works with ("diproses di SIAK", "dikirim ke SATUSEHAT") makes it an integration when
the name does not name it. Reading or using another system ("Tarik Data Dapodik untuk ...",
"Pemanfaatan Data SIAK untuk ...", "Penghubung ... ke SATUSEHAT") is integration too, and so is
helping people use one ("Pendampingan Operator SIPD", "Bimtek SRIKANDI", unless the name also
maintains or builds: "Pendampingan dan Pemeliharaan Siskeudes"); "pemanfaatan", "penggunaan",
"penghubung" and those count only when they name the app (match score): "Aplikasi Penghubung
Antar Sistem" builds one, "Pemanfaatan Barang Milik Daerah" uses no app. Existing regional apps are
candidates only in their own region, or when shareable. A region that already runs an app of the
line's function maintains, develops or re-builds that one: when a national app comes first by its
function only and the region's own app matches by name likeness or function and explains the name,
the own app comes first at the match threshold at least (`Matcher._own_first`). The region's own
copy of a national app (an own app whose name or a function keyword re-builds it: "E-SKM" of SIPPN)
comes first, at the national app's score, when that national app is the best candidate by likeness
or function and the own app's vocabulary explains most of the line's name, unless the line names the
national app's owner ("... BKN") (`Matcher._own_copy_first`).

Order of candidates (`Matcher._rank`): matches first; among them the region's own apps matched
exactly on their name or alias (an alias that is exactly a national app's name yields to it), then
the rest, then other regions' shareable apps when a national app matches too (R1 before R3); within
a group by score, then how direct the evidence is (name > alias > acronym > other name likeness >
function keyword > description), then own / national / other region, then description agreement.
Apps of one region that still tie (three "SMS Gateway") are ordered by how well their owner fits
the line's OPD. The decision rules pick candidates by predicate, so R1 still cites a strong national
app when the region's own app comes first.

Thresholds, chosen on the dev set (tests/catalog/quality_cases.csv, 653 cases, 349 with an expected
app) with clearance.bench.quality:
- match 88: the highest recall among the curve points with precision >= 0.97 (ties to the higher
  precision). Points (threshold: precision / recall, 2026-12-04): 80: 0.964 / 0.989, 82: 0.977 /
  0.986, 84: 0.986 / 0.986, 86: 0.997 / 0.986, 88: 0.997 / 0.986, 90: 0.997 / 0.974 (86 ties 88 on
  this set; the later dev sets lose precision at 86: fresh3 0.964, fresh4 0.990 against 0.986 and
  0.992). The holdout (tests/catalog/quality_holdout.csv, 163 cases) gives 0.988 / 0.965 at 88;
  at 80 the penalties (15 points off an exact name) would no longer keep contradicted names in
  review, so the threshold stays where the penalties were set.
- review 72: the share of cases whose expected app is among the candidates at or above the
  threshold (candidate recall) is 1.000 at 60-72 and 0.994 at 74-76 on the dev set, but falls faster
  on the later dev sets (fresh4: 0.947 at 68, 0.913 at 72, 0.860 at 76), so 72 stays. The blocking
  index keeps up there too: the share
  of (line, app) pairs with a name score at or above the review threshold that blocking retrieves
  (`clearance bench match`, blocked_recall, required >= 0.99) is 0.991 at 72, 0.96 at 68-70 and 0.83
  at 64-66, where the pairs are loose look-alikes sharing no key.
data/policy/2027.1.yaml carries the same values (tests/catalog/test_quality.py checks both).

Blocking: national and shareable apps are found through an inverted index over name keys
(catalog.index); a region's own apps are blocked by region (`match_many` scores each region's names
against its own few dozen apps in one rapidfuzz call). Normalised names, evidence and results are
cached, so lines that normalise alike are matched once.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from catalog.groups import DEFAULT_GROUP_THRESHOLD, GroupEntry, cluster_groups, duplicate_groups, group_entry
from catalog.index import BlockingIndex, name_keys
from catalog.integration import (
    CLAUSE_END,
    CONNECTOR,
    INTEGRATION_CUE,
    NAMED_ONLY,
    RAW_WORD,
    integration_head,
    integration_targets,
    move_target,
)
from catalog.models import Candidate, CatalogApp, LineQuery
from catalog.morphology import indonesian_word, related_keys, synonym_keys
from catalog.normalize import (
    COMMON_WORDS,
    FILLER,
    GENERIC,
    OPD_HEADS,
    OPD_WORDS,
    PROPOSAL_WORDS,
    REGION_PREFIXES,
    STOPWORDS,
    WEAK,
    Lexicon,
    NormalizedName,
    acronym_fits,
    base_lexicon,
    estem,
    fold,
    learn_catalog,
    one_word,
    ordinary_word,
    word_root,
    word_set,
)
from catalog.parallel import fork_available, no_gc, run_split
from catalog.scoring import SCORER, SCORER_NAME, lexical_score, scorer_many
from catalog.senses import SENSE_RULES, SenseRule, read_sense_rules

DEFAULT_REVIEW_THRESHOLD = 72.0
DEFAULT_MATCH_THRESHOLD = 88.0
DEFAULT_TOP_K = 5
UPKEEP = frozenset({"maintenance", "license"})  # spend types that keep up an app that already runs
PARALLEL_MIN_LINES = 5_000  # below it, forking workers costs more than it saves
DIFFERENT_WORDS_CAP = 70.0
NORMALISED_EXACT = 98.0  # equal once filler, region and OPD words are gone, not as written
DESCRIPTIVE_CAP = 85.0  # ... and made of ordinary words only ("antrian"): review at most
ACRONYM_CAP = 96.0  # evidence that needed an acronym expansion
TYPO_SCORE = 90.0  # one letter off a one-word name (>= 7 letters) that is no known word
TYPO_POINTS = 6.0  # a brand inside a longer name, written one typo off
KEY_TYPO_POINTS = 12.0  # a short name (five letters) with one letter hit on a neighbouring key ("LJKPN")
GENERIC_CAP = 65.0  # generic names ("website") never match on the name alone ...
GENERIC_SAME_PLACE = 88.0  # ... unless it is the same generic name of the same OPD
BRAND_BASE = 98.0  # an app's name inside a longer line name, before the points for extra words
BRAND_STRONG, BRAND_WEAK = 8.0, 3.0
OWN_BRAND_FACTOR = 0.5  # ... half of it for the region's own app in its region
ORDINARY_STRONG, ORDINARY_WEAK = 15.0, 5.0  # the brand is an ordinary word ("lapor", "siap")
CONTAIN_STRONG, CONTAIN_WEAK = 12.0, 4.0
FUNCTION_BASE, FUNCTION_SPAN = 50.0, 45.0
REVERSE_FACTOR = 0.9  # the whole line name inside one function keyword ("pengaduan")
VOCAB_CREDIT = 0.7  # a name word the app's vocabulary explains, next to a matched keyword
ROOT_CREDIT = 0.8  # a name word that is another form of a keyword word's root ("pendataan" / "data")
WEAK_UNSAID_FACTOR = 0.95  # only keywords whose weak words the name leaves out ("pengaduan [masyarakat]")
WEAK_FACTOR = 0.3
UNKNOWN_WEIGHT = 0.8  # a word no app's vocabulary has: weighed as a rare word, not the rarest
DESC_CONFIRM, DESC_CONFIRM_MAX = 4.0, 12.0  # per distinct function the description states, at most
DESC_ONLY_BASE, DESC_ONLY_STEP, DESC_MENTION = 68.0, 4.0, 80.0
DESC_STRONG, DESC_STRONG_STEP = 88.0, 3.0  # two or more functions of one app, and of no other
AGREED_FUNCTION_FLOOR, AGREED_SHARE = 74.0, 0.5  # a function keyword in the name, the description agrees
DESC_WINDOW_SLACK = 3  # a keyword's words in a description: within its length plus this many words
AGREE_ENOUGH = 0.34  # the description's known words this app explains (IDF-weighted share): agreement
UNRELATED_SHARE = 0.25  # below this, with two strong known words or more: about another subject
ELSEWHERE_POINTS = 14.0
UNRELATED_POINTS = 14.0
DECLARED_POINTS = 15.0
SPELLED_POINTS = 15.0
SPELLED_SAME = 85.0  # the line's spelled-out name against the app's own multi-word names
NAME_FUNCTIONS_FLOOR, NAME_FUNCTIONS = 78.0, 88.0  # a name stating two functions of one app, of no other
STANDS_OUT_FLOOR, STANDS_OUT_MARGIN = 80.0, 8.0  # a function keyword said whole, no rival near: a match
COMMON_TERM_APPS = 3  # a misspelt word may be read as a catalog term this common (`Matcher._respell`)
OWN_STANDS_OUT_FLOOR = 75.0  # ... a function of the region's own app, no rival near
COPY_WINDOW = 6.0  # national apps this close to the best one may be what a region's own copy stands for


_DESCRIPTION_RULES = ("description-unrelated", "description-points-elsewhere")


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Keys under which two words count as related: the word, without e-prefix, its Indonesian
    root and its synonym groups (`catalog.morphology`)."""
    return frozenset({word, estem(word), *_related_keys(word), *_related_keys(estem(word))})


@dataclass(frozen=True, slots=True)
class _Form:
    app: int
    field: str  # name | alias | expansion
    source: str
    text: str
    compact: str
    context: tuple[str, ...]
    generic: bool
    light: str = ""


@dataclass(slots=True)
class _App:
    app: CatalogApp
    part: str | None
    functions: list[tuple[frozenset[str], str, str]] = field(default_factory=list)
    vocab: frozenset[str] = frozenset()
    vocab_keys: frozenset[str] = frozenset()
    brands: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    single_functions: frozenset[str] = frozenset()
    senses: tuple[SenseRule, ...] = ()
    spelled: tuple[str, ...] = ()  # its multi-word names and aliases, normalised
    integrates: bool = False  # its own name is an integration ("Integrasi Dapodik")
    opd_words: frozenset[str] = frozenset()
    opd_initials: frozenset[str] = frozenset()
    all_keys: frozenset[str] = frozenset()  # vocab_keys with generic and weak words too (agreement)
    places: frozenset[str] = frozenset()  # the region words its names carry ("Satu Data Kota Probolinggo")


@dataclass(slots=True)
class _Ev:
    """Evidence for one (line, app) pair."""

    score: float
    scorer: str
    raw: float
    field: str
    qform: str
    aform: str
    matched: tuple[str, ...] = ()
    acronym: tuple[str, str] | None = None
    keywords: tuple[str, ...] = ()
    light: str | None = None  # the app form as written, when the line's main form equals it


@dataclass(slots=True)
class _Scope:
    """The apps one search covers: national and shareable ones, or one region's own apps."""

    index: BlockingIndex = field(default_factory=BlockingIndex)
    texts: list[str] = field(default_factory=list)
    text_tokens: list[tuple[str, ...]] = field(default_factory=list)
    text_ids: dict[str, int] = field(default_factory=dict)
    text_forms: list[list[int]] = field(default_factory=list)
    brands: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    brand_deletes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # typo lookup
    functions: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    words: set[str] = field(default_factory=set)  # a name sharing none finds no brand, keyword, containment
    word_texts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    lexical: dict[str, tuple[int, ...]] = field(default_factory=dict)  # form -> texts scoring >= floor

    def add_form(self, fid: int, text: str) -> None:
        tid = self.text_ids.get(text)
        if tid is None:
            tid = self.text_ids[text] = len(self.texts)
            self.texts.append(text)
            self.text_tokens.append(tuple(text.split()))
            self.text_forms.append([])
            self.index.add(tid, name_keys(text))
            toks = text.split()
            if len(toks) > 1:
                strong = [t for t in toks if t not in WEAK and t not in GENERIC]
                if strong:  # a multi-word name can be contained in a longer line name
                    self.words.add(strong[0])
                    self.word_texts[strong[0]].append(tid)
        self.text_forms[tid].append(fid)


@dataclass(slots=True)
class _Desc:
    name: NormalizedName
    tokens: frozenset[str]
    content: frozenset[str]
    keys: frozenset[str]
    known: tuple[str, ...] = ()  # words the catalog knows (sorted): what agreement is measured on
    meanings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ambiguous acronym -> kept
    seqs: tuple[tuple[str, ...], ...] = ()  # the words of each kept form, in order
    related: frozenset[str] = frozenset()  # root and synonym keys of its words

    def has(self, toks: frozenset[str]) -> bool:
        """Every word of a keyword is in the description, as written or as a related word (same
        root, synonym: "menerima" for "penerimaan", "keluhan" for "pengaduan")."""
        return all(k in self.tokens or any(r in self.related for r in _related_keys(k)) for k in toks)

    def close(self, toks: frozenset[str], slack: int = DESC_WINDOW_SLACK) -> bool:
        """All of a keyword's words within a window of its length plus `slack` in some form: the
        words of one phrase, not words scattered over the description."""
        need = len(toks)
        if need < 2:
            return True
        for seq in self.seqs:
            last: dict[str, int] = {}
            for i, t in enumerate(seq):
                k = _keyword_word(t, toks)
                if k is None:
                    continue
                last[k] = i
                if len(last) == need and i - min(last.values()) < need + slack:
                    return True
        return False


@dataclass(slots=True)
class _Scored:
    ai: int
    score: float
    ev: _Ev | None
    boosts: list[dict] | None = None
    penalties: list[dict] | None = None
    relation: str = "rebuild"
    integration: dict | None = None
    scorer: str | None = None  # when the line adjusts the evidence's scorer (exact as written or not)
    agree: float | None = None  # share of the description's known words the app explains

    @property
    def tier(self) -> int:
        """How direct the evidence is: 0 the app's name exactly (as written, normalised, e-prefix),
        1 one of its aliases exactly, 2 an acronym or its expansion, 3 another name likeness
        (token_sort_ratio, a typo, the brand inside a longer name), 4 a function keyword, 5 the
        description alone."""
        return _evidence_tier(self.ev, self.scorer)


class Matcher:
    """Candidates from the catalog for budget lines (see the module docstring for the scores)."""

    def __init__(
        self,
        apps: Sequence[CatalogApp],
        review_threshold: float = DEFAULT_REVIEW_THRESHOLD,
        match_threshold: float = DEFAULT_MATCH_THRESHOLD,
        *,
        top_k: int = DEFAULT_TOP_K,
        lexicon: Lexicon | None = None,
        block_limit: int = 50,
        sense_rules: Sequence[SenseRule] | None = None,
    ) -> None:
        if review_threshold > match_threshold:
            raise ValueError(f"review_threshold {review_threshold} exceeds match_threshold {match_threshold}")
        self.review_threshold = float(review_threshold)
        self.match_threshold = float(match_threshold)
        self.top_k = top_k
        self.block_limit = block_limit
        self.lexicon = lexicon or learn_catalog(base_lexicon(), apps)
        self._apps: list[_App] = []
        self._forms: list[_Form] = []
        self._scopes: dict[str | None, _Scope] = defaultdict(_Scope)  # None: national and shareable
        self._floor = self.review_threshold - DESC_CONFIRM
        self._idf: dict[str, float] = {}
        self._common_terms: frozenset[str] = frozenset()
        self._joins: dict[str, str] = {}
        self._max_idf = 1.0
        self._known: frozenset[str] = frozenset()
        self._domain: frozenset[str] = frozenset()
        self._name_cache: dict[tuple, dict[int, _Ev]] = {}
        self._desc_cache: dict[str, _Desc] = {}
        self._hits_cache: dict[tuple[str, str | None], tuple[dict, dict]] = {}
        self._cross_cache: dict[tuple, tuple[_Desc, dict]] = {}
        self._line_cache: dict[tuple, list[tuple[int, float, str, dict]]] = {}
        self._query_expl: dict[tuple[str, str], dict] = {}
        self._sig_cache: dict[str, tuple[NormalizedName, tuple]] = {}
        self._sig_ids: dict[tuple, tuple[int, bool]] = {}
        self._ev_keys: dict[str, tuple] = {}  # raw name -> what its name evidence depends on
        self._read_as_written = False  # set while computing evidence that reads name.light or .context
        self._regions_of: dict[int, tuple[dict, frozenset]] = {}
        self._typo_index: dict[str, list[str]] | None = None
        self._typo_cache: dict[str, tuple[str, ...]] = {}
        self._region_key_cache: dict[str, dict[str, tuple[int, ...]]] = {}
        self._copies_cache: dict[int, frozenset[int]] = {}
        self._in_copies = False
        self._rebuilds_cache: dict[tuple[str, str], frozenset[int]] = {}
        if sense_rules is None:
            sense_rules = (*SENSE_RULES, *read_sense_rules())
        with no_gc():
            self._build(apps, sense_rules)

    # --- building -----------------------------------------------------------------------------

    def _build(self, apps: Sequence[CatalogApp], sense_rules: Sequence[SenseRule]) -> None:
        lex = self.lexicon
        df: Counter[str] = Counter()
        function_vocab: set[str] = set()
        national_vocab: set[str] = set()
        for app in apps:
            ai = len(self._apps)
            entry = _App(app, None if app.kind == "shared" or app.shareable else app.region_code)
            self._apps.append(entry)
            norms = [("name", app.name, lex.normalize(app.name))]
            norms += [("alias", a, lex.normalize(a)) for a in app.aliases]
            seen_kw: set[frozenset[str]] = set()
            for kw in app.function:
                toks = lex.keyword(kw)
                # "pendataan RTLH" is also "pendataan rumah tidak layak huni": an acronym of a keyword
                # with one known expansion gives the keyword a second, spelled-out form
                for variant in (toks, *self._spelled_keyword(toks)):
                    key = frozenset(variant)
                    if variant and key not in seen_kw:
                        seen_kw.add(key)
                        entry.functions.append((key, " ".join(variant), kw))
            own = {t for _, _, n in norms for t in n.tokens} | {t for f in entry.functions for t in f[0]}
            forms: dict[str, _Form] = {}
            brands: set[str] = set()
            ids: set[str] = set()
            places: set[str] = set()
            for fld, source, norm in norms:
                derived = {v: (a, e) for v, a, e in norm.derived}
                for text in norm.forms:
                    kind = fld
                    if text in derived:
                        acr, exp = derived[text]
                        # an ambiguous acronym (SIKD) expands only to what the app's own text supports
                        if len(lex.acronym_expansions.get(acr, ())) > 1 and not set(exp.split()) & own:
                            continue
                        kind = "expansion"
                    if text not in forms or (forms[text].field == "expansion" and kind != "expansion"):
                        light = norm.light if text == norm.text else text
                        forms[text] = _Form(
                            ai, kind, source, text, text.replace(" ", ""), norm.context, norm.generic, light
                        )
                places.update(_place_words(norm))
                if len(norm.tokens) == 1:
                    ids.add(norm.compact)
                if one_word(source) and len(norm.compact) >= 3 and not norm.generic:
                    brands.add(norm.compact)
            singles = {next(iter(toks)) for toks, _, _ in entry.functions if len(toks) == 1}
            entry.single_functions = frozenset(t for t in singles if t not in WEAK and t not in GENERIC)
            ids.update(singles)
            vocab = {t for f in forms for t in f.split()} | {t for f in entry.functions for t in f[0]}
            vocab |= {estem(t) for t in vocab}
            entry.vocab = frozenset(vocab)
            entry.places = frozenset(places)
            entry.vocab_keys = frozenset(
                k for t in vocab if t not in WEAK and t not in GENERIC for k in word_keys(t)
            )
            entry.all_keys = frozenset(k for t in vocab if len(t) >= 3 for k in word_keys(t))
            entry.brands = frozenset(brands)
            entry.ids = frozenset(ids | {estem(t) for t in ids})
            names = {f.compact for f in forms.values() if f.field != "expansion"}
            entry.senses = tuple(
                r
                for r in sense_rules
                if app.app_id in r.app_ids or (app.kind == "shared" and names & set(r.names))
            )
            entry.spelled = tuple(f for f, form in forms.items() if " " in f and form.field != "expansion")
            entry.integrates = any(integration_head(n) for n in (app.name, *app.aliases))
            entry.opd_words, entry.opd_initials = _opd_signature(app.owner)
            df.update(entry.vocab)
            function_vocab.update(t for f in entry.functions for t in f[0])
            if app.kind == "shared":
                national_vocab.update(entry.vocab)
            scope = self._scopes[entry.part]
            for form in forms.values():
                scope.add_form(len(self._forms), form.text)
                self._forms.append(form)
        n = max(len(self._apps), 1)
        self._idf = {t: math.log(1.0 + n / c) for t, c in df.items()}
        # two adjacent words of a keyword, as one word ("tandatangan" for "tanda tangan elektronik")
        self._joins = {}
        for entry in self._apps:
            for _, text, _ in entry.functions:
                for a, b in itertools.pairwise(text.split()):
                    if len(a) >= 3 and len(b) >= 3:
                        self._joins.setdefault(a + b, f"{a} {b}")
        # words of three apps' vocabularies or more: the catalog's own terms ("penatausahaan")
        self._common_terms = frozenset(t for t, c in df.items() if c >= COMMON_TERM_APPS)
        self._max_idf = math.log(1.0 + n)
        self._known = frozenset(self._idf) | OPD_WORDS | WEAK | COMMON_WORDS
        self._brand_words = frozenset(b for e in self._apps for b in (*e.brands, *e.ids))
        self._app_regions = frozenset(e.app.region_code for e in self._apps if e.app.region_code)
        # a national app's owner as one word ("BKN", "ANRI", "LKPP"): a line that names it means that app
        self._owner_word = {
            ai: w[0]
            for ai, e in enumerate(self._apps)
            if e.app.kind == "shared"
            and (w := RAW_WORD.findall(fold(e.app.owner or "").split("(")[0]))
            and len(w) == 1
        }
        self._region_apps: dict[str, list[int]] = defaultdict(list)
        for ai, e in enumerate(self._apps):
            if e.app.kind == "existing" and e.app.region_code:
                self._region_apps[e.app.region_code].append(ai)
        self._domain = frozenset((function_vocab | OPD_WORDS | COMMON_WORDS) - WEAK - GENERIC - STOPWORDS)
        for scope in self._scopes.values():  # national first, then by app id: a stable fan-out order
            for forms_ in scope.text_forms:
                forms_.sort(key=lambda fid: self._fan_order(self._forms[fid].app))
        common = COMMON_WORDS | OPD_WORDS | WEAK | national_vocab
        for ai, entry in enumerate(self._apps):
            scope = self._scopes[entry.part]
            for brand in entry.brands:
                # "bphtb" finds e-BPHTB; "kinerja" is a word, not e-Kinerja; "link" (of ELINK) too short
                stem = estem(brand)
                plain = stem == brand or stem in common or len(stem) < 5 or ordinary_word(stem)
                for token in (brand,) if plain else (brand, stem):
                    scope.brands[token].append(ai)
                    scope.words.add(token)
        for scope in self._scopes.values():
            for apps_ in scope.brands.values():
                apps_.sort(key=self._fan_order)
            for brand in scope.brands:
                if len(brand) >= 4 and not ordinary_word(brand):
                    for variant in _deletions(brand):
                        scope.brand_deletes[variant].append(brand)
        for ai, entry in enumerate(self._apps):
            scope = self._scopes[entry.part]
            for pi, (toks, _, _) in enumerate(entry.functions):
                # a keyword is found through its two rarest words: it is in a name only if they are
                for t in sorted(toks, key=lambda t: (-self._idf.get(t, 0.0), t))[:2]:
                    scope.functions[t].append((ai, pi))
                    scope.words.add(t)
                    for root in _related_keys(t):
                        scope.functions[root].append((ai, pi))
                        scope.words.add(root)

    def _spelled_keyword(self, toks: tuple[str, ...]) -> list[tuple[str, ...]]:
        """A keyword's forms with each acronym of one known expansion written out."""
        out = []
        for i, t in enumerate(toks):
            exps = self.lexicon.acronym_expansions.get(t, {})
            if len(exps) == 1 and len(t) >= 3:
                (exp,) = exps
                if exps[exp] is None:  # curated pairs only: a learned one belongs to one app's name
                    out.append((*toks[:i], *exp.split(), *toks[i + 1 :]))
        return out

    def _fan_order(self, ai: int) -> tuple[bool, str]:
        app = self._apps[ai].app
        return (app.kind != "shared", app.app_id)

    def _w(self, token: str) -> float:
        if token.isdigit():
            return 0.0  # a number ("untuk 40 OPD") says nothing of a function
        w = self._idf.get(token, UNKNOWN_WEIGHT * self._max_idf)
        return w * WEAK_FACTOR if token in WEAK or token in GENERIC else w

    def _weight(self, tokens: Iterable[str]) -> float:
        return sum(self._w(t) for t in tokens)

    # --- public -------------------------------------------------------------------------------

    def match(self, query: LineQuery) -> list[Candidate]:
        """Candidates for one line: best first, at most top_k, each scoring >= review_threshold.

        Identical lines (same name, description and region) share one explanation dict: treat
        explanations as read-only."""
        written, description, region = query.app_name or "", query.description or "", query.region_code
        app_name, spelling = self._respell(written)  # before anything reads the name
        name, sig = self._signature(app_name)
        found = self._line_cache.get((sig, description, region))
        if found is None:
            if region is not None and not self._region_matters(name, sig, description, region):
                region = None  # nothing of the region's own: the line matches as in any region
            key = (sig, description, region)
            found = self._line_cache.get(key)
            if found is None:
                found = self._match(app_name, description, region)
                if len(found) > 1 and region is not None:
                    found = self._own_first(found, region, name)
                if len(self._line_cache) > 300_000:
                    self._line_cache.clear()
                self._line_cache[key] = found
        if query.spend_type in UPKEEP and region is not None and found:
            found = self._upkeep(found, query.region_code)
        if query.opd and len(found) > 1:
            found = self._by_opd(found, query.opd)
        out = []
        query_part = None
        for ai, score, relation, expl, _tie in found:
            if expl["query"]["name"] != written:  # found for another spelling of the same name
                if query_part is None:
                    build, naming = self._naming(app_name, name, description)
                    query_part = self._query_part(name, naming, build)
                    if spelling:
                        query_part = {**query_part, "name": written, "spelling": spelling}
                expl = {**expl, "query": query_part}
            app = self._apps[ai].app
            out.append(
                Candidate(
                    app_id=app.app_id,
                    app_name=app.name,
                    kind=app.kind,
                    region_code=app.region_code,
                    shareable=app.shareable,
                    score=score,
                    relation=relation,  # type: ignore[arg-type]
                    explanation=expl,
                )
            )
        return out

    def _own_first(self, found: list[tuple], region: str, name: NormalizedName) -> list[tuple]:
        """The region already runs an app of the line's function: when the best candidate is a
        national app matched by its function only (not its name) and the region's own app matches by
        name likeness or function keyword and its vocabulary explains the name's words, the line
        maintains, develops or re-builds the own app ("Pemeliharaan Aplikasi Naskah Dinas" in a region
        that runs TNDE). The own app comes first, at the national app's score and the match threshold
        at least; the explanation says so. The decision rules still see the national app (R1)."""
        top = found[0]
        if self._apps[top[0]].app.kind != "shared" or top[2] != "rebuild" or top[3]["evidence_tier"] < 3:
            return found
        for i, (ai, score, relation, expl, tie) in enumerate(found[1:], start=1):
            app = self._apps[ai].app
            if app.kind != "existing" or app.region_code != region or relation != "rebuild":
                continue
            if (
                expl["evidence_tier"] > 4
                or score < DEFAULT_REVIEW_THRESHOLD
                or "inside keyword" in expl["scorer"]
            ):
                return found
            entry = self._apps[ai]
            said = [t for t in name.tokens if _strong(t) and t in self._domain]
            if not any(word_keys(t) & entry.vocab_keys for t in said) or self._name_clash(name, entry):
                return found  # the own app must explain what the name says
            lifted = max(score, top[1], self.match_threshold)
            boost = {
                "reason": "the region already runs an app of this function: the line maintains, develops or "
                "re-builds it",
                "points": round(lifted - score, 1),
                "words": [top[3]["app"]["name"]],
            }
            expl = {**expl, "score": lifted, "boosts": [*expl["boosts"], boost]}
            return [(ai, lifted, relation, expl, tie), *found[:i], *found[i + 1 :]]
        return found

    def _upkeep(self, found: list[tuple], region: str) -> list[tuple]:
        """A maintenance or licence line keeps up an app that runs: when nothing matches and the
        region's own app is a candidate that nothing speaks against (no penalty), that is the app
        kept up ("Perpanjangan lisensi ArcView GIS" for the region's "Arcview GIS 3.2"). It comes
        first at the match threshold; the explanation says so. A national app is no region's to
        maintain, so it never gains this way."""
        if found[0][1] >= self.match_threshold:
            return found
        for i, (ai, score, relation, expl, tie) in enumerate(found):
            app = self._apps[ai].app
            if app.kind != "existing" or app.region_code != region or relation != "rebuild":
                continue
            if expl.get("penalties"):
                return found
            boost = {
                "reason": "the line maintains or licenses an app, and the region runs this one",
                "points": round(self.match_threshold - score, 1),
                "words": [],
            }
            lifted = self.match_threshold
            expl = {**expl, "score": lifted, "boosts": [*expl["boosts"], boost]}
            return [(ai, lifted, relation, expl, tie), *found[:i], *found[i + 1 :]]
        return found

    def _by_opd(self, found: list[tuple], opd: str) -> list[tuple]:
        """Apps of one region that tie (same evidence tier, score and standing) are ordered by how
        well their owner fits the line's OPD ("SMS Gateway" of Bapenda, of DPMPTSP, of an RSUD);
        the explanation says so. Other candidates keep their place."""
        ties: dict[tuple, list[int]] = defaultdict(list)
        for i, (ai, *_rest, tie) in enumerate(found):
            if tie is not None and self._apps[ai].app.kind == "existing":
                ties[tie].append(i)
        groups = [idx for idx in ties.values() if len(idx) > 1]
        if not groups:
            return found
        words, initials = _opd_signature(opd)
        found = list(found)
        for idx in groups:
            fits = {i: _opd_fit(words, initials, self._apps[found[i][0]]) for i in idx}
            if len(set(fits.values())) == 1:
                continue
            order = sorted(idx, key=lambda i: -fits[i])  # stable: equal fits keep their order
            rows = [found[i] for i in order]
            for i, row in zip(idx, rows, strict=True):
                ai, score, relation, expl, tie = row
                note = {
                    "by": "opd",
                    "line_opd": opd,
                    "owner": self._apps[ai].app.owner,
                    "fit": round(fits[i], 2),
                }
                found[i] = (ai, score, relation, {**expl, "tie_break": note}, tie)
        return found

    def _naming(
        self, app_name: str, name: NormalizedName, description: str
    ) -> tuple[NormalizedName, NormalizedName]:
        """The part of the name that says what is built (without "terintegrasi dengan X"), and the
        name the evidence comes from (the description's, when the name is empty)."""
        build = self._build_part(app_name, name)
        if build.tokens or not description:
            return build, build
        desc = self._desc(description)
        return build, (desc.name if desc.name.tokens else build)

    def _build_part(self, app_name: str, name: NormalizedName) -> NormalizedName:
        """ "Pembangunan e-Office terintegrasi dengan SIASN" builds an e-Office: the name before an
        integration phrase that names its target with a connector, when that part names something."""
        if not app_name or not integration_targets(app_name) or integration_head(app_name):
            return name
        low = fold(app_name)
        for m in INTEGRATION_CUE.finditer(low):
            end = CLAUSE_END.search(low, m.end())
            clause = low[m.end() : end.start() if end else len(low)]
            if not CONNECTOR.search(clause):
                continue
            part = self.lexicon.normalize(low[: m.start()])
            return part if part.tokens and not part.generic else name
        return name

    def _signature(self, app_name: str) -> tuple[NormalizedName, tuple]:
        """The normalised name and the key under which lines that normalise alike share results."""
        hit = self._sig_cache.get(app_name)
        if hit is None:
            name = self.lexicon.normalize(app_name)
            integration = integration_targets(app_name) or move_target(app_name)
            full = (
                name.text, name.variants, name.derived, name.stems, name.light, name.declared, name.generic,
                name.context, integration, bool(integration) and integration_head(app_name),
            )  # fmt: skip
            sig = self._sig_ids.setdefault(full, (len(self._sig_ids), bool(integration)))
            hit = (name, sig)
            if len(self._sig_cache) > 400_000:
                self._sig_cache.clear()  # ids stay: they only name signatures
            self._sig_cache[app_name] = hit
        return hit

    def _region_matters(self, name: NormalizedName, sig: tuple, description: str, region: str) -> bool:
        """Whether a line's candidates depend on its region: its own apps give evidence, or a
        shareable app of its own region is among the national and shareable candidates."""
        if region not in self._app_regions:
            return False
        if sig[1] or (description and integration_targets(description)):
            return True
        desc = self._desc(description)
        naming = name if name.tokens or not desc.name.tokens else desc.name
        if region in self._scopes:
            if self._name_evidence(naming, region):
                return True
            hits, mentions = self._desc_hits(description, desc, region)
            if hits or mentions:
                return True
        if region in self._glob_regions(naming):
            return True
        g_hits, g_mentions = self._desc_hits(description, desc, None)
        if any(self._apps[ai].app.region_code == region for ai in (*g_hits, *g_mentions)):
            return True
        glob = self._name_evidence(naming, None)
        return any(self._own_copies(naming, region, ai, ev) for ai, ev in self._leading_national(glob))

    def _glob_regions(self, name: NormalizedName) -> frozenset[str | None]:
        """Regions of the shareable apps among a name's national and shareable candidates."""
        glob = self._name_evidence(name, None)
        key = id(glob)
        hit = self._regions_of.get(key)
        if hit is None or hit[0] is not glob:
            hit = (glob, frozenset(self._apps[ai].app.region_code for ai in glob))
            if len(self._regions_of) > 600_000:
                self._regions_of.clear()
            self._regions_of[key] = hit
        return hit[1]

    def match_many(self, queries: Iterable[LineQuery], workers: int = 1) -> list[list[Candidate]]:
        """`match` for each query, in order. Lines are blocked by region first: each region's names
        are scored against that region's own apps in one rapidfuzz call. With `workers` > 1 and at
        least `PARALLEL_MIN_LINES` lines, regions are shared out to forked processes
        (`catalog.parallel`; same results); call it so only where no other thread holds locks."""
        queries = list(queries)
        if workers > 1 and len(queries) >= PARALLEL_MIN_LINES and fork_available():
            return run_split(self.match_many, queries, workers, pause_gc=no_gc)
        with no_gc():
            if len(queries) >= 50:
                self._prepare_regions(queries)
            return [self.match(q) for q in queries]

    def _prepare_regions(self, queries: list[LineQuery]) -> None:
        forms: dict[str, set[str]] = defaultdict(set)
        for q in queries:
            if q.region_code is None or q.region_code not in self._scopes:
                continue
            name = self.lexicon.normalize(q.app_name)
            if not name.tokens and q.description:
                name = self._desc(q.description).name
            forms[q.region_code].update(name.forms)
        for region, wanted in forms.items():
            scope = self._scopes[region]
            todo = sorted(wanted - scope.lexical.keys())
            if not todo or not scope.texts:
                scope.lexical.update(dict.fromkeys(todo, ()))
                continue
            scores = process.cdist(
                todo, scope.texts, scorer=SCORER, score_cutoff=self._floor, dtype=np.float32
            )
            hits: dict[int, list[int]] = defaultdict(list)
            for row, col in zip(*np.nonzero(scores), strict=True):
                hits[int(row)].append(int(col))
            for i, form in enumerate(todo):
                scope.lexical[form] = tuple(hits.get(i, ()))
            del scores

    def blocked_app_ids(self, app_name: str, region: str | None = None) -> set[str]:
        """App ids the blocking index retrieves for a name (before scoring), eligible in `region`."""
        name = self.lexicon.normalize(app_name)
        out: set[str] = set()
        for key in {None, region} & self._scopes.keys():
            scope = self._scopes[key]
            for qf in name.forms:
                limit = self.block_limit * (3 if " " not in qf else 1)
                for tid, _ in scope.index.search(name_keys(qf), limit):
                    out.update(self._apps[self._forms[fid].app].app.app_id for fid in scope.text_forms[tid])
        return out

    def duplicate_groups(
        self, queries: Sequence[LineQuery], threshold: float = DEFAULT_GROUP_THRESHOLD
    ) -> dict[Hashable, str]:
        """`duplicate_groups` with this matcher's lexicon."""
        return duplicate_groups(queries, threshold, lexicon=self.lexicon)

    def match_and_group(
        self, queries: Iterable[LineQuery], workers: int = 1, threshold: float = DEFAULT_GROUP_THRESHOLD
    ) -> tuple[list[list[Candidate]], dict[Hashable, str]]:
        """`match_many` and `duplicate_groups` in one pass (`match_with_group_entries`, then
        `cluster_groups`): the same results as the two calls."""
        queries = list(queries)
        both = self.match_with_group_entries(queries, workers)
        with no_gc():  # millions of result objects alive: the collector's passes would dominate
            groups = cluster_groups([(q.key, e) for q, (_, e) in zip(queries, both, strict=True)], threshold)
            return [found for found, _ in both], groups

    def match_with_group_entries(
        self, queries: Iterable[LineQuery], workers: int = 1
    ) -> list[tuple[list[Candidate], GroupEntry]]:
        """For each query, its candidates (`match_many`) and its grouping part (`group_entry`),
        computed where the line was matched while its normalised name is cached there: with
        `workers` > 1 no process normalises another process's names again."""
        queries = list(queries)

        def work(part: list[LineQuery]) -> list[tuple[list[Candidate], GroupEntry]]:
            found = self.match_many(part)
            with no_gc():
                return list(zip(found, (group_entry(q, self.lexicon) for q in part), strict=True))

        if workers > 1 and len(queries) >= PARALLEL_MIN_LINES and fork_available():
            return run_split(work, queries, workers, pause_gc=no_gc)
        return work(queries)

    # --- one line -----------------------------------------------------------------------------

    def _match(
        self, app_name: str, description: str, region: str | None, *, explain: bool = True
    ) -> list[tuple[int, float, str, dict, tuple | None]]:
        """(app index, score, relation, explanation, tie key) of the candidates, best first;
        without `explain`, the explanation is an empty dict. `app_name` is respelt already (`match`)."""
        name = self.lexicon.normalize(app_name)
        desc = self._desc(description)
        build, naming = self._naming(app_name, name, description)  # "Aplikasi" + description
        evidence = self._evidence_for(naming, region)
        hits, mentions = self._desc_hits(description, desc, None)
        if region is not None and region in self._scopes:
            own_hits, own_mentions = self._desc_hits(description, desc, region)
            if own_hits or own_mentions:
                hits, mentions = {**hits, **own_hits}, {**mentions, **own_mentions}
        if desc.tokens and build.tokens:
            cross = self._cross_hits(build, desc, None)
            if region is not None and region in self._scopes:
                cross = {**cross, **self._cross_hits(build, desc, region)}
            if cross:
                hits = {**hits}
                for ai, kws in cross.items():
                    hits[ai] = tuple(dict.fromkeys((*hits.get(ai, ()), *kws)))
        line_tokens = set(name.tokens) | set(name.stems) | desc.tokens
        plain = " " + " ".join(RAW_WORD.findall(fold(f"{app_name} {description}"))) + " "
        floor = self._floor if desc.tokens else self.review_threshold  # no description, no +4
        ids = self._worth_scoring(evidence, hits, mentions, floor, region if desc.tokens else None)
        if region is not None and region in self._region_apps:
            copies = [
                o
                for ai, ev in self._leading_national(evidence)
                for o in self._own_copies(naming, region, ai, ev)
            ]
            ids = list(dict.fromkeys([*ids, *copies]))
        support = self._support(ids, hits, mentions, desc)
        scored = {
            ai: self._score(
                ai, evidence.get(ai), hits, mentions, support, build, naming, desc, line_tokens, region, plain
            )
            for ai in ids
        }
        if (
            integration_targets(app_name)
            or move_target(app_name)
            or (description and integration_targets(description))
        ):
            self._relations(app_name, description, region, evidence, scored)
        if description and mentions:
            self._elsewhere_in_description(description, desc, mentions, scored)
        if len(scored) > 1:
            self._ambiguity(scored)
        self._stands_out(scored, region)
        ranked = self._rank(scored, region, _place_words(name))
        if region is not None and ranked and region in self._region_apps:
            ranked = self._own_copy_first(ranked, scored, naming, region, plain)
        return [
            (
                s.ai,
                round(min(s.score, 100.0), 1),
                s.relation,
                self._explain(s, name, naming, build, hits, mentions, region) if explain else {},
                self._tie(s, region),
            )
            for s in ranked[: self.top_k]
        ]

    def _respell(self, app_name: str) -> tuple[str, dict[str, str]]:
        """The name with each misspelt word put right ("Pengaduan Masyarakt" -> masyarakat), and the
        corrections. A word of the normalised name is misspelt when it has seven letters or more (six,
        for two letters swapped), neither the catalog's vocabulary, its synonyms and acronyms nor the
        Indonesian dictionary knows it (nor its root), and exactly one catalog word one typo away
        (`_typo_of`) is an Indonesian word or a term of `COMMON_TERM_APPS` apps: "pemakaman" (makam)
        stays, though "pemakaian" is one letter off; "tracking" stays, "tracing" being no Indonesian
        word. Two adjacent words of a keyword written as one are put apart ("Tandatangan" -> tanda
        tangan)."""
        fixes: dict[str, str] = {}
        for word in sorted(set(self.lexicon.normalize(app_name).tokens)):  # region, OPD, filler words gone
            if (
                word in self._known
                or not word.isalpha()
                or indonesian_word(word)
                or synonym_keys(word)
                or word in self.lexicon.acronym_expansions
            ):
                continue
            if word in self._joins:  # two words of a keyword written as one ("Tandatangan")
                fixes[word] = self._joins[word]
                continue
            near = [v for v in self._typo_of(word) if indonesian_word(v) or v in self._common_terms]
            if not near and len(word) == 6:  # a shorter word: only two letters swapped ("pasein")
                near = sorted(
                    {
                        v
                        for v in _swaps(word)
                        if v in self._idf and (indonesian_word(v) or v in self._common_terms)
                    }
                )
            if len(near) == 1:
                fixes[word] = near[0]
        if not fixes:
            return app_name, fixes
        # each written word whose folded form was put right ("Masyarákt", "MASYARAKT"); a token
        # the name only forms by joining words ("e-Survey" -> esurvey) is left as it is
        applied: dict[str, str] = {}

        def put_right(m: re.Match[str]) -> str:
            word = fold(m.group(0))
            if word in fixes:
                applied[word] = fixes[word]
                return fixes[word]
            return m.group(0)

        fixed = _WRITTEN_WORD.sub(put_right, app_name)
        return fixed, dict(sorted(applied.items()))

    def _own_copies(self, name: NormalizedName, region: str, national: int, ev: _Ev | None) -> list[int]:
        """The region's own apps that are its copy of `national` (a name or function keyword of the
        own app re-builds it, `_copies_of`) and that the line's name may mean: the own app's
        vocabulary explains most of the name's strong vocabulary words, an acronym the national
        app's evidence wrote out ("IKM") through the words of its expansion; half of its words
        when it has only common ones ("Data Pegawai")."""
        spelled = {ev.acronym[0]: ev.acronym[1].split()} if ev is not None and ev.acronym else {}
        known = [t for t in name.tokens if _strong(t) and (t in self._domain or t in spelled)]
        strong = bool(known)
        if not strong:
            known = list(name.tokens)
            if not known:
                return []
        by_key = self._region_keys(region)
        explains: Counter[int] = Counter()
        for t in known:
            words = [w for w in spelled.get(t, (t,)) if _strong(w) or not strong]
            explains.update({oi for w in words for k in word_keys(w) for oi in by_key.get(k, ())})
        need = len(known) + strong  # more than half, or half
        shared_keys = self._apps[national].vocab_keys  # a copy shares vocabulary with the original
        return [
            oi
            for oi, n in sorted(explains.items())
            if 2 * n >= need
            and not shared_keys.isdisjoint(self._apps[oi].vocab_keys)
            and national in self._copies_of(oi)
        ]

    def _leading_national(self, evidence: dict[int, _Ev]) -> list[tuple[int, _Ev]]:
        """National apps whose name evidence may make them the line's best candidate by likeness or
        function (within COPY_WINDOW of the best, at the floor): those an own copy may stand for.
        None when the best national evidence is an app's name, alias or acronym."""
        national = [(ai, ev) for ai, ev in evidence.items() if self._apps[ai].app.kind == "shared"]
        if not national:
            return []
        best = max(ev.score for _, ev in national)
        lead = [(ai, ev) for ai, ev in national if ev.score >= max(best - COPY_WINDOW, self._floor)]
        if any(_evidence_tier(ev) < 3 for _, ev in lead if ev.score >= best):
            return []
        return lead

    def _region_keys(self, region: str) -> dict[str, tuple[int, ...]]:
        """Vocabulary key -> the region's own apps that have it."""
        got = self._region_key_cache.get(region)
        if got is None:
            keys: dict[str, list[int]] = defaultdict(list)
            for oi in self._region_apps.get(region, ()):
                for k in self._apps[oi].vocab_keys:
                    keys[k].append(oi)
            got = self._region_key_cache[region] = {k: tuple(v) for k, v in keys.items()}
        return got

    def _copies_of(self, oi: int) -> frozenset[int]:
        """National apps an existing app re-builds: its name, one of its function keywords, or its
        name with its function keywords as description matches them at the match threshold."""
        got = self._copies_cache.get(oi)
        if got is None:
            app = self._apps[oi].app
            texts = [(t, "") for t in (app.name, *app.function)]
            if app.function:
                texts.append((app.name, "; ".join(app.function)))
            self._in_copies = True
            try:
                got = self._copies_cache[oi] = frozenset().union(*(self._rebuilds(t, d) for t, d in texts))
            finally:
                self._in_copies = False
        return got

    def _rebuilds(self, text: str, description: str) -> frozenset[int]:
        """National apps a line of this name and description (no region) re-builds at the match
        threshold (apps of many regions share names and keywords: cached by text)."""
        got = self._rebuilds_cache.get((text, description))
        if got is None:
            got = self._rebuilds_cache[(text, description)] = frozenset(
                ai
                for ai, score, relation, _expl, _tie in self._match(text, description, None, explain=False)
                if relation == "rebuild"
                and score >= self.match_threshold
                and self._apps[ai].app.kind == "shared"
            )
        return got

    def _copy_pair(self, a: int, b: int) -> bool:
        """One of the two is a regional copy of the other, a national app (`_copies_of`)."""
        if self._in_copies:
            return False  # within `_copies_of`: no copies of copies
        kinds = (self._apps[a].app.kind, self._apps[b].app.kind)
        if kinds == ("shared", "existing"):
            return a in self._copies_of(b)
        if kinds == ("existing", "shared"):
            return b in self._copies_of(a)
        return False

    def _own_copy_first(
        self, ranked: list[_Scored], scored: dict[int, _Scored], name: NormalizedName, region: str, plain: str
    ) -> list[_Scored]:
        """The best candidate is a national app found by likeness or function (not by its name) and
        the region runs its own copy of it that the name may mean (`_own_copies`): the line
        re-builds the own app (the region's "Aplikasi Stunting" beside e-PPGBM). The own app comes
        first, at the national app's score, unless the line names the national app's owner; the
        decision rules still see the national app (R1)."""
        top = ranked[0]
        if top.relation != "rebuild" or top.tier < 3 or self._apps[top.ai].app.kind != "shared":
            return ranked
        owner = self._owner_word.get(top.ai)
        if owner and f" {owner} " in plain:
            return ranked  # "... ASN Terpadu BKN": the line means the national app
        own = [
            scored[o]
            for o in self._own_copies(name, region, top.ai, top.ev)
            if o in scored
            and scored[o].relation == "rebuild"
            and not any(p["rule"] in _DESCRIPTION_RULES for p in scored[o].penalties or ())
        ]
        if not own:
            return ranked
        best = max(
            own, key=lambda s: (round(s.score, 1), -s.tier, s.agree or 0.0, self._apps[s.ai].app.app_id)
        )
        if best.score < top.score:
            boost = {
                "reason": "the region already runs its own app of this national app's function: the line "
                "re-builds it",
                "points": round(top.score - best.score, 1),
                "words": [self._apps[top.ai].app.name],
            }
            best.boosts = [*(best.boosts or ()), boost]
            best.score = top.score
        return [best, *(s for s in ranked if s is not best)]

    def _support(self, ids: list[int], hits: dict, mentions: dict, desc: _Desc) -> dict[int, tuple[str, ...]]:
        """What the description says of each app: its function keywords (distinct), its one-word
        function words, its one-word name."""
        if not desc.tokens:
            return {}
        out: dict[int, tuple[str, ...]] = {}
        for ai in dict.fromkeys([*ids, *hits, *mentions]):
            said: dict[frozenset[str], str] = {}
            for kw in hits.get(ai, ()):
                said.setdefault(frozenset(self.lexicon.keyword(kw)), kw)
            if ai in mentions:
                said.setdefault(frozenset((mentions[ai],)), mentions[ai])
            for word in sorted(self._apps[ai].single_functions & desc.tokens):
                said.setdefault(frozenset((word,)), word)
            if said:
                out[ai] = _distinct(said)
        # most support first: an app's strongest rival is the first other app (`_score`)
        return dict(sorted(out.items(), key=lambda kv: -len(kv[1])))

    def _worth_scoring(
        self, evidence: dict[int, _Ev], hits: dict, mentions: dict, floor: float, region: str | None = None
    ) -> list[int]:
        """Every national candidate that can reach the review threshold, those found in the
        description, and the best `top_k + 3` existing apps by evidence (penalties only lower a
        score; the description's confirmation adds 4 at most)."""
        limit = self.top_k + 3
        national, existing = [], []
        apps = self._apps
        for ai, ev in evidence.items():
            app = apps[ai].app
            if ev.score >= floor or (
                _generic_exact(ev) and app.kind == "existing" and app.region_code == region
            ):
                (national if apps[ai].app.kind == "shared" else existing).append(ai)
        if len(existing) > limit:
            existing.sort(key=lambda ai: (-evidence[ai].score, self._apps[ai].app.app_id))
            existing = existing[:limit]
        ids = national + existing
        if hits or mentions:
            ids = list(dict.fromkeys([*ids, *hits, *mentions]))
        return ids

    def _score(
        self,
        ai: int,
        ev: _Ev | None,
        hits: dict[int, tuple[str, ...]],
        mentions: dict[int, str],
        support: dict[int, tuple[str, ...]],
        name: NormalizedName,
        naming: NormalizedName,
        desc: _Desc,
        line_tokens: set[str],
        region: str | None,
        plain: str = "",
    ) -> _Scored:
        entry = self._apps[ai]
        said = support.get(ai, ())
        # the description's support for another app, a region's copy of this one (or its original) aside
        # (only weighed when the description supports this app: `said`)
        rival = (
            next((len(v) for o, v in support.items() if o != ai and not self._copy_pair(ai, o)), 0)
            if said
            else 0
        )
        agree = self._agreement(entry, desc)
        if ev is None:
            hit = hits.get(ai)
            score = (
                DESC_MENTION if ai in mentions else DESC_ONLY_BASE + DESC_ONLY_STEP * min(len(hit or ()), 3)
            )
            out = _Scored(ai, score, None, agree=agree)
            strong = sum(1 for t in desc.content if t in self._domain)
            if ai not in mentions and strong >= 2 and (agree or 0.0) < UNRELATED_SHARE:
                # the description says one of the app's functions in passing ("... tiap desa sebagai
                # dasar rencana ..." for Siskeudes' "perencanaan desa") and is about something else
                out.penalties = [_unrelated(agree)]
                out.score -= UNRELATED_POINTS
                return self._senses(out, entry, line_tokens, plain)
            lifted = self._lift(said, rival, name, entry)
            if lifted is not None and lifted > out.score:
                _lift_to(out, lifted, said)
            return self._senses(out, entry, line_tokens, plain)
        out = _Scored(ai, ev.score, ev, agree=agree)
        if ev.light is not None and ev.light != naming.light:
            out.score = min(out.score, NORMALISED_EXACT)
            out.scorer = "exact (normalised)"
            if self._descriptive_only(entry, ev, naming, region):
                # "Sistem Antrian Terpadu" and "Antrian Online" both come down to "antrian": a
                # descriptive name equal only once filler is gone names a function, not this app
                out.score = min(out.score, DESCRIPTIVE_CAP)
                out.scorer = "exact (normalised, descriptive name)"
        if (
            ev.raw >= 100
            and ev.score < GENERIC_SAME_PLACE
            and (out.scorer or ev.scorer) == "exact"
            and entry.app.kind == "existing"
            and entry.app.region_code == region
            and (agree or 0.0) >= AGREE_ENOUGH
        ):
            # a generic name ("Gateway") of the region's own app, and the description is its function
            out.score = GENERIC_SAME_PLACE
            out.scorer = "exact (generic name of the region's own app, the description agrees)"
        if (
            ev.scorer == "brand_token"
            and ev.score < BRAND_BASE
            and entry.app.kind == "existing"
            and entry.app.region_code == region
        ):
            # the region's own coined name inside a longer line name ("SIMRAL ... Modul
            # Penatausahaan"): in its own region the brand names the app, the rest is what of it
            out.score = BRAND_BASE - (BRAND_BASE - ev.score) * OWN_BRAND_FACTOR
            out.scorer = "brand_token (the region's own app)"
        lifted = self._lift(said, rival, name, entry) if naming is name else None
        penalties: list[dict] = []
        if desc.tokens:
            if said and naming is name:
                if out.score < 100:
                    n = len(said)
                    step = DESC_CONFIRM if rival >= n else min(DESC_CONFIRM * n, DESC_CONFIRM_MAX)
                    add = min(step, 100 - out.score)
                    out.score += add
                    reason = "the description confirms the app"
                    if step > DESC_CONFIRM:
                        reason += f" ({n} of its functions, no other app's)"
                    out.boosts = [{"reason": reason, "points": add, "words": list(said)}]
            elif desc.content:
                penalty = self._description_penalty(ai, entry, hits, desc, agree, ev.field == "function")
                if penalty:
                    penalties.append(penalty)
        if self._declares_other(name, entry, ev):
            penalties.append(
                {
                    "rule": "declared-acronym-differs",
                    "points": DECLARED_POINTS,
                    "reason": f"the line calls itself {', '.join(name.declared)}; the app is "
                    + ", ".join(sorted(entry.ids)[:4]),
                }
            )
        spelled = self._spelled_differs(name, entry, ev)
        if spelled:
            penalties.append(spelled)
        meaning = self._meaning_differs(name, entry, ev, desc)
        if meaning:
            penalties.append(meaning)
        if (
            ev.acronym is not None
            and ev.field != "function"
            and ev.raw < 100
            and entry.ids
            and not _consistent(ev.acronym[0], entry.ids)
        ):
            # "SIPKD Keuangan" written out is "pengelolaan keuangan daerah keuangan", which contains
            # SIKD DJPK's "keuangan daerah": the line's own acronym says it is another app
            penalties.append(
                {
                    "rule": "line-acronym-differs",
                    "points": DECLARED_POINTS,
                    "reason": f"the match came from writing out the line's acronym {ev.acronym[0]}, which is "
                    "not this app's (" + ", ".join(sorted(entry.ids)[:4]) + ")",
                }
            )
        if penalties:
            out.penalties = penalties
            out.score -= sum(p["points"] for p in penalties)
        elif lifted is not None and lifted > out.score:
            _lift_to(out, lifted, said)
        elif (
            said
            and rival < len(said)
            and ev.field == "function"
            and ev.raw >= AGREED_FUNCTION_FLOOR
            and (agree or 0.0) >= AGREED_SHARE
            and out.score < DESC_STRONG
            and naming is name
            and self._name_clash(name, entry) is None
        ):
            out.boosts = [
                *(out.boosts or ()),
                {
                    "reason": "the name states a function of this app and the description agrees with it, "
                    "naming more of its functions than of any other app's",
                    "points": round(DESC_STRONG - out.score, 1),
                    "words": list(said),
                },
            ]
            out.score = DESC_STRONG
        return self._senses(out, entry, line_tokens, plain) if entry.senses else out

    @staticmethod
    def _descriptive_only(entry: _App, ev: _Ev, naming: NormalizedName, region: str | None) -> bool:
        """An exact match on a name of ordinary words only ("antrian", "pengaduan") that holds only
        once filler is dropped: for another region's app whenever the names differ as written, for a
        national app when each has filler the other lacks. The region's own app is never doubted."""
        if not all(ordinary_word(t) or t in GENERIC for t in ev.aform.split()):
            return False
        app = entry.app
        if app.kind == "existing":
            return app.region_code != region
        mine, theirs = set(naming.light.split()), set((ev.light or "").split())
        return not (mine <= theirs or theirs <= mine)

    def _lift(self, said: tuple[str, ...], rival: int, name: NormalizedName, entry: _App) -> float | None:
        """The score the description alone earns: two or more distinct functions of this app, none
        of another, and a name that does not say something else."""
        if len(said) < 2 or rival or self._name_clash(name, entry) is not None:
            return None
        return DESC_STRONG + DESC_STRONG_STEP * (min(len(said), 4) - 2)

    def _declares_other(self, name: NormalizedName, entry: _App, ev: _Ev) -> bool:
        """The line gives itself a one-word name (SIMRS) that is none of the app's (SIRS), and the
        match came from its other words. A coined name no list knows, spelled out as one of the
        app's own names, is a local label of that app ("SIKADES (Sistem Keuangan Desa)")."""
        if not name.declared or not entry.ids or ev.field == "function" or ev.qform in name.declared:
            return False
        if (
            ev.acronym is not None
            and ev.acronym[0] in name.declared
            and ev.raw >= 100
            and acronym_fits(*ev.acronym)
        ):
            # the one-word name abbreviates a term whose words are exactly one of this app's names
            # ("Aplikasi Adminduk": administrasi kependudukan, SIAK's), not another system's name
            # (SIMRS, Sistem Informasi Manajemen Rumah Sakit, is not SIRS): a term, not another app
            return False
        if any(_consistent(d, entry.ids) for d in name.declared):
            return False
        spelled = dict(name.spelled_out)
        return not all(
            d in spelled
            and not self.lexicon.acronym_expansions.get(d)
            and entry.spelled
            and max(scorer_many(spelled[d], list(entry.spelled))) >= SPELLED_SAME
            for d in name.declared
        )

    def _spelled_differs(self, name: NormalizedName, entry: _App, ev: _Ev) -> dict | None:
        """The line writes its one-word name out ("SIBARU (Sistem Informasi Bantuan Rumah Ibadah)",
        "Perkantoran Open Source (OSS)"), the match came from the one-word name, and the words are
        neither one of the app's own multi-word names nor its vocabulary: another app of that name."""
        for short, words in name.spelled_out:
            brand = ev.scorer.startswith("brand") and ev.aform == short  # "... ke OSS (Open Source ...)"
            if (ev.qform != short and not brand) or ev.field == "function":
                continue
            if self._explained(words, entry):
                continue
            return {
                "rule": "spelled-out-name-differs",
                "points": SPELLED_POINTS,
                "reason": f'the line spells {short} out as "{words}"; the app is '
                + (", ".join(f'"{f}"' for f in entry.spelled[:3]) or entry.app.name),
            }
        return None

    def _meaning_differs(self, name: NormalizedName, entry: _App, ev: _Ev, desc: _Desc) -> dict | None:
        """The line's name is an acronym of several meanings ("SIMPKB": pengembangan keprofesian
        berkelanjutan, pengujian kendaraan bermotor), the match came from that acronym, and the
        description states a meaning that is not the app's and none that is: another app of that
        acronym."""
        if ev.field == "function" or not desc.tokens or not name.expansions:
            return None
        for acr in dict.fromkeys(a for a, _ in name.expansions):
            meanings = self.lexicon.acronym_expansions.get(acr, {})
            if len(meanings) < 2 or acr not in ev.qform.split():
                continue
            own = [e for e in meanings if self._explained(e, entry)]
            other = [e for e in meanings if e not in own and self._stated(e, desc)]
            if own and other and not any(self._stated(e, desc) for e in own):
                return {
                    "rule": "acronym-meaning-differs",
                    "points": DECLARED_POINTS,
                    "reason": f'the description reads {acr} as "{other[0]}"; the app is "{own[0]}"',
                }
        return None

    @staticmethod
    def _stated(expansion: str, desc: _Desc) -> bool:
        """The strong words of an acronym's expansion stand in the description as a phrase."""
        toks = frozenset(t for t in expansion.split() if _strong(t)) or frozenset(expansion.split())
        return desc.has(toks) and desc.close(toks)

    def _explained(self, words: str, entry: _App) -> bool:
        """Words that are one of the app's multi-word names, or all of whose strong words belong to
        the app's vocabulary."""
        if entry.spelled and max(scorer_many(words, list(entry.spelled))) >= SPELLED_SAME:
            return True
        strong = [t for t in words.split() if _strong(t)]
        return all(word_keys(t) & entry.vocab_keys for t in strong)

    def _agreement(self, entry: _App, desc: _Desc) -> float | None:
        """The IDF-weighted share of the description's known words (words of the catalog and of
        app names) that the app's vocabulary explains; None when the description has none."""
        total = explained = 0.0
        for t in desc.known:
            fits = bool(word_keys(t) & entry.all_keys)
            if not fits and t not in self._known:
                # a word nobody's vocabulary has says nothing either way, unless it is one typo
                # off a word of this app's ("pengadian" for pengaduan)
                fits = any(word_keys(v) & entry.all_keys for v in self._typo_of(t))
                if not fits:
                    continue
            w = self._w(t)
            total += w
            if fits:
                explained += w
        return explained / total if total else None

    def _typo_of(self, word: str) -> tuple[str, ...]:
        """Catalog words one typo (OSA distance 1) away from an unknown word of seven letters or
        more (symmetric-delete lookup over the catalog's vocabulary, built on first use)."""
        if len(word) < 7 or word.isdigit():
            return ()
        hit = self._typo_cache.get(word)
        if hit is None:
            if self._typo_index is None:
                index: dict[str, list[str]] = defaultdict(list)
                for v in sorted(self._idf):
                    if len(v) >= 6 and v.isalpha():
                        for d in _deletions(v):
                            index[d].append(v)
                self._typo_index = index
            found = {v for d in _deletions(word) for v in self._typo_index.get(d, ())}
            hit = tuple(sorted(v for v in found if OSA.distance(word, v, score_cutoff=1) == 1))
            if len(self._typo_cache) > 100_000:
                self._typo_cache.clear()
            self._typo_cache[word] = hit
        return hit

    def _name_clash(self, name: NormalizedName, entry: _App) -> str | None:
        """The line's name says something else: of its strong words that are vocabulary (function
        keywords, common words of app names, OPD words; not other apps' coined names), the app's
        vocabulary explains fewer than it does not (a coined name such as "G Sinjab" clashes with
        nothing). Returns the first unexplained word."""
        known = [t for t in name.tokens if _strong(t) and t in self._domain]
        unexplained = [t for t in known if not word_keys(t) & entry.vocab_keys]
        if unexplained and 2 * len(unexplained) >= len(known):
            return unexplained[0]
        return None

    def _description_penalty(
        self, ai: int, entry: _App, hits: dict, desc: _Desc, agree: float | None, function: bool = False
    ) -> dict | None:
        """The description points at another app's functions (not those of its regional copies,
        `_copy_pair`), or is about another subject. Words the description shares with the app's own
        vocabulary (`agree`) count against both."""
        if agree is not None and agree >= AGREE_ENOUGH:
            return None
        # a regional copy of this app (or the national app this one copies) is no elsewhere: the
        # description says the function both have ("meneruskan surat": TNDE's words, SRIKANDI's job)
        elsewhere = next((o for o in hits if o != ai and not self._copy_pair(ai, o)), None)
        if elsewhere is not None and entry.functions and ai not in hits and (agree or 0.0) < UNRELATED_SHARE:
            return {
                "rule": "description-points-elsewhere",
                "points": ELSEWHERE_POINTS,
                "reason": f"the description names functions of another app ({self._apps[elsewhere].app.name}) "
                "and none of this one",
                "agreement": round(agree or 0.0, 2),
            }
        strong = [t for t in desc.content if t in self._domain]
        # a function keyword in the name already says what the line does: only a description that
        # shares next to nothing with the app contradicts it
        limit = UNRELATED_SHARE / 2 if function else UNRELATED_SHARE
        if len(strong) >= 2 and (agree is None or agree < limit):
            return _unrelated(agree)
        return None

    def _senses(self, out: _Scored, entry: _App, line_tokens: set[str], plain: str = "") -> _Scored:
        """Same name, different app (`SENSE_RULES`). A rule that fires is the specific reading of
        the description, so the generic description penalties (unrelated, points elsewhere) do not
        count the same contradiction twice."""
        for rule in entry.senses:
            if rule.phrase:
                said = [s for s in rule.signals if f" {s} " in plain]
            else:
                said = [s for s in rule.signals if set(s.split()) <= line_tokens]
            # "tidak terkait perhitungan TPP": a signal the line negates says it is not the other app,
            # and so do the signals only read into it (TPP's expansion "tambahan penghasilan")
            written = [s for s in said if f" {s} " in plain]
            if written and all(_negated(s, plain) for s in written):
                continue
            signal = next((s for s in said if not _negated(s, plain)), None)
            if signal:
                generic = [p for p in out.penalties or () if p["rule"] in _DESCRIPTION_RULES]
                if generic:
                    out.score += sum(p["points"] for p in generic)
                    out.penalties = [p for p in out.penalties or () if p not in generic]
                out.score -= rule.points
                out.penalties = [
                    *(out.penalties or ()),
                    {"rule": rule.rule_id, "points": rule.points, "signal": signal, "reason": rule.reason},
                ]
        return out

    def _ambiguity(self, scored: dict[int, _Scored]) -> None:
        """Two national apps tied on the name ("SIKD"): both go to review."""
        strong = [
            s
            for s in scored.values()
            if s.relation == "rebuild"
            and s.ev is not None
            and s.ev.field != "function"
            and s.score >= self.match_threshold
            and self._apps[s.ai].app.kind == "shared"
        ]
        if len(strong) < 2:
            return
        top = max(s.score for s in strong)
        tied = [s for s in strong if s.score >= top - 1.0]
        if len(tied) < 2:
            return
        limit = self.match_threshold - 1.0
        names = ", ".join(sorted(self._apps[s.ai].app.name for s in tied))
        for s in tied:
            penalty = {
                "rule": "ambiguous-name",
                "points": round(s.score - limit, 1),
                "reason": f"the name fits {names} equally",
            }
            s.penalties = [*(s.penalties or ()), penalty]
            s.score = limit

    def _stands_out(self, scored: dict[int, _Scored], region: str | None) -> None:
        """One candidate stands alone and the evidence for it is whole: it rises to the match
        threshold when every other candidate is `STANDS_OUT_MARGIN` points below or more and nothing
        speaks against it (no penalty). Two ways to stand out:
        - the name says a national or shareable app's function keyword whole (no word of it unsaid),
          from `STANDS_OUT_FLOOR` ("Aplikasi Disposisi Pimpinan" -> SRIKANDI, 84; nothing else
          above 60);
        - the name states a function of the region's own app (a function keyword, whole or with its
          weak words unsaid; a name inside a keyword needs two strong words), from
          `OWN_STANDS_OUT_FLOOR`: what the region already runs is what a line of its own most likely
          re-builds ("Sistem Pengendalian Lampu Lalu Lintas" beside the region's ATCS).
        (The description alone, however much of it is one app's vocabulary, is not enough: on the
        unseen sets that made two false duplicates for one match.)"""
        best = max(
            (s for s in scored.values() if s.relation == "rebuild"), key=lambda s: s.score, default=None
        )
        if best is None or not self.review_threshold <= best.score < self.match_threshold or best.penalties:
            return
        second = max((s.score for s in scored.values() if s is not best), default=0.0)
        if best.score - second < STANDS_OUT_MARGIN:
            return
        ev = best.ev
        if ev is None or ev.field != "function":
            return
        if self._standing(best, region) == 0:
            if best.score < OWN_STANDS_OUT_FLOOR:
                return
            if (best.scorer or ev.scorer).startswith(
                "function_keyword (line name inside keyword)"
            ) and not _said_enough(frozenset(t for t in ev.qform.split() if _strong(t))):
                return  # "Aplikasi Berita" inside "berita kegiatan kecamatan": one word says too little
            reason = (
                "the name states a function of the region's own app and no other app comes within "
                f"{STANDS_OUT_MARGIN:.0f} points"
            )
        else:
            if best.score < STANDS_OUT_FLOOR:
                return
            if (best.scorer or ev.scorer) not in ("function_keyword", "function_keyword (by root)"):
                return
            reason = (
                "the name states this app's function whole and no other app comes within "
                f"{STANDS_OUT_MARGIN:.0f} points"
            )
        words = list(ev.keywords[:3])
        boost = {"reason": reason, "points": round(self.match_threshold - best.score, 1), "words": words}
        best.boosts = [*(best.boosts or ()), boost]
        best.score = self.match_threshold

    def _standing(self, s: _Scored, region: str | None) -> int:
        """0 the region's own app, 1 another region's shareable app, 2 a national app."""
        app = self._apps[s.ai].app
        return 2 if app.kind == "shared" else 0 if app.region_code == region else 1

    def _rank(
        self, scored: dict[int, _Scored], region: str | None, places: frozenset[str] = frozenset()
    ) -> list[_Scored]:
        """Candidates at or above the review threshold, best first. Matches (>= match_threshold)
        come in three groups: (1) the region's own apps matched exactly on their name or alias (an
        alias that is exactly a national app's name, matched as well, yields to it: "SIPD" is
        Kemendagri's, not the URL of a regional plugin), or whose names carry the region the line's
        name gives (`places`: "Portal Satu Data Probolinggo" and "Satu Data Kota Probolinggo");
        (2) the other matches; (3) other regions'
        shareable apps, when a national app matches too (R1 before R3, as the decision table has
        it). Within a group: by score, then how direct the evidence is (`_Scored.tier`), then own
        app, national app, other region's app, then how much of the description the app explains.
        Below the match threshold: by score, the same way."""
        ranked = [s for s in scored.values() if s.score >= self.review_threshold]
        strong = [s for s in ranked if s.score >= self.match_threshold and s.relation == "rebuild"]
        national = [s for s in strong if self._apps[s.ai].app.kind == "shared"]
        named = max((s.score for s in national if s.tier == 0), default=None)
        groups: dict[int, int] = {}
        for s in strong:
            standing = self._standing(s, region)
            if standing == 0 and (
                s.tier == 0
                or (s.tier == 1 and (named is None or named < s.score))
                or (places and places <= self._apps[s.ai].places)
            ):
                groups[s.ai] = 0
            elif standing == 1 and national:
                groups[s.ai] = 2
            else:
                groups[s.ai] = 1
        ranked.sort(
            key=lambda s: (s.score < self.match_threshold, groups.get(s.ai, 1), *self._order(s, region))
        )
        return ranked

    def _order(self, s: _Scored, region: str | None) -> tuple:
        """Within a group of `_rank`: score, evidence tier, own / national / other region, agreement."""
        standing = (0, 2, 1)[self._standing(s, region)]  # own, national, other region's
        return (-round(s.score, 1), s.tier, standing, -(s.agree or 0.0), self._apps[s.ai].app.app_id)

    def _tie(self, s: _Scored, region: str | None) -> tuple | None:
        """Candidates with equal keys here tie (the OPD may break it, `_by_opd`); None: no tie-break."""
        if s.score < self.match_threshold:
            return None
        return (round(s.score, 1), s.tier, self._standing(s, region), round(s.agree or 0.0, 2))

    def _relations(
        self,
        app_name: str,
        description: str,
        region: str | None,
        evidence: dict[int, _Ev],
        scored: dict[int, _Scored],
    ) -> None:
        """Integration phrasing. When the name's own action is integration ("Integrasi SIMPEG dengan
        SIASN", "Integrasi IKD dengan Aplikasi Layanan Publik") every candidate gets relation
        "integration": the line builds none of them (an app whose own name is an integration,
        "Integrasi Dapodik", matched exactly, stays the one re-built). When a build merely
        integrates ("Pembangunan e-Office terintegrasi dengan SIASN", or the description says so),
        the target becomes an integration candidate unless the built part itself re-builds it. A
        target must be named (name, alias, acronym): "integrasi data kesehatan" names a function,
        not an app."""
        head = integration_head(app_name) if app_name else ""
        named = False  # the name names an app it integrates with or uses
        moved = move_target(app_name) if app_name and not head else ""
        if moved and self._moves_to(moved, region, scored):
            head, named = "migrasi", True
        for source, text in (("name", app_name), ("description", description)):
            if not text:
                continue
            for cue, target in integration_targets(text):
                tnorm = self.lexicon.normalize(target)
                if tnorm.generic:
                    continue
                floor = self.match_threshold if cue in NAMED_ONLY else self.review_threshold
                for ai, ev in self._evidence_for(tnorm, region).items():
                    # the app's own coined name among other words ("Pengisian Data Prodeskel dan
                    # Epdeskel") names it, whatever the other words cost
                    brand = ev.scorer == "brand_token" and ev.score >= self.review_threshold
                    if (ev.score < floor and not brand) or ev.field == "function":
                        continue
                    info = {"cue": cue, "target": target, "found_in": source, "role": "target"}
                    named = named or source == "name"
                    cur = scored.get(ai)
                    if self._apps[ai].integrates and cur is not None and cur.tier <= 1:
                        continue  # the app is itself called "Integrasi ..." and the line names it
                    built = ai in evidence and evidence[ai].score >= self.match_threshold
                    if built and not (head and source == "name"):
                        if cur is not None and cur.integration is None:
                            cur.integration = {**info, "ignored": "the name itself re-builds this app"}
                        continue
                    if cur is None:
                        cur = scored[ai] = _Scored(ai, ev.score, ev)
                    if cur.relation != "integration" or cur.score < ev.score:
                        cur.relation = "integration"
                        cur.score = max(cur.score, ev.score)
                        cur.integration = info
        if head and (head not in NAMED_ONLY or named):
            for cur in scored.values():
                if cur.relation != "rebuild":
                    continue
                if self._apps[cur.ai].integrates and cur.tier == 0:
                    continue  # the app is itself called "Integrasi ..." and the line names it
                cur.relation = "integration"
                cur.integration = {
                    "role": "integrated app",
                    "reason": "the line's action is integration: it does not re-build the apps it names",
                }

    def _moves_to(self, target: str, region: str | None, scored: dict[int, _Scored]) -> bool:
        """Whether what a move goes to names a national app (its name, alias or acronym at the match
        threshold, or its coined name among other words); that app becomes an integration candidate."""
        tnorm = self.lexicon.normalize(target)  # generic words may name one ("Pusat Data Nasional")
        named = False
        for ai, ev in self._evidence_for(tnorm, region).items():
            if self._apps[ai].app.kind != "shared" or ev.field == "function":
                continue
            if ev.score < self.match_threshold and not (
                ev.scorer == "brand_token" and ev.score >= self.review_threshold
            ):
                continue
            named = True
            cur = scored.get(ai)
            if cur is None:
                cur = scored[ai] = _Scored(ai, ev.score, ev)
            cur.relation = "integration"
            cur.integration = {"cue": "migrasi", "target": target, "found_in": "name", "role": "target"}
        return named

    def _elsewhere_in_description(
        self, description: str, desc: _Desc, mentions: dict[int, str], scored: dict[int, _Scored]
    ) -> None:
        """The description names an app as another system the line works with ("berkas ... untuk
        diproses di SIAK", "data dikirim ke SATUSEHAT", "tarik data dari Dapodik"): when the line's
        name does not name that app (only its function, or nothing), the line is a front end or
        a feeder of it, so the app becomes an integration candidate. "bagian dari SIMPEG" (a module
        of it) is not such a reference."""
        places = _external_references(description)
        if not places:
            return
        for ai, word in mentions.items():
            cue = places.get(word)
            cur = scored.get(ai)
            if cue is None or cur is None or cur.relation != "rebuild" or cur.tier <= 3:
                continue
            cur.relation = "integration"
            cur.integration = {
                "cue": cue,
                "target": word,
                "found_in": "description",
                "role": "target",
                "reason": "the description names it as another system the line works with",
            }

    # --- evidence -----------------------------------------------------------------------------

    def _evidence_for(self, name: NormalizedName, region: str | None) -> dict[int, _Ev]:
        """Name evidence for apps eligible in `region`: national and shareable apps, and its own."""
        glob = self._name_evidence(name, None)
        if region is None or region not in self._scopes:
            return glob
        own = self._name_evidence(name, region)
        return {**glob, **own} if own else glob

    def _name_evidence(self, name: NormalizedName, scope_key: str | None) -> dict[int, _Ev]:
        base = self._ev_keys.get(name.raw)
        if base is None:
            # what `_compute_name_evidence` reads of the name, so that a result never depends on
            # which spelling was scored first (a generic name's raw form settles everything)
            base = self._ev_keys[name.raw] = (
                name.text,
                name.variants,
                name.stems,
                name.derived,
                name.generic,
                name.raw if name.generic else "",
                name.opd_words,  # `_function_evidence` reads them
            )
        key: tuple = (base, scope_key)
        hit = self._name_cache.get(key)
        if hit is _AS_WRITTEN:  # this name's evidence also depends on how it is written
            key = (base, scope_key, name.light, name.context)
            hit = self._name_cache.get(key)
        if hit is None:
            scope = self._scopes[scope_key]
            self._read_as_written = False
            if scope_key is not None and self._nothing_in(scope, name):
                hit = {}
            else:
                found = self._compute_name_evidence(name, scope)
                hit = {
                    ai: ev
                    for ai, ev in found.items()
                    if ev.score >= self._floor
                    or (_generic_exact(ev) and self._apps[ai].app.kind == "existing")
                }
                if scope_key is None:
                    hit = self._cap_copies(hit)
            if len(self._name_cache) > 600_000:
                self._name_cache.clear()
                self._ev_keys.clear()
            if self._read_as_written and len(key) == 2:
                self._name_cache[key] = _AS_WRITTEN  # type: ignore[assignment]
                key = (base, scope_key, name.light, name.context)
            self._name_cache[key] = hit
        return hit

    def _cap_copies(self, evidence: dict[int, _Ev]) -> dict[int, _Ev]:
        """Keep every national app, and the best `3 x top_k` shareable apps of other regions (a
        common name such as SIMPEG has a shareable copy in many regions; they rank below anyway)."""
        limit = 3 * self.top_k
        shared = [ai for ai in evidence if self._apps[ai].app.kind == "existing"]
        if len(shared) <= limit:
            return evidence
        shared.sort(key=lambda ai: (-evidence[ai].score, self._apps[ai].app.app_id))
        drop = set(shared[limit:])
        return {ai: ev for ai, ev in evidence.items() if ai not in drop}

    def _nothing_in(self, scope: _Scope, name: NormalizedName) -> bool:
        """True when a region's apps certainly give a name no evidence (its forms were scored in
        `_prepare_regions` without a hit, and it shares no word with brands, keywords or names)."""
        words = set(name.stems)
        for form in name.forms:
            if scope.lexical.get(form, True):  # not prepared, or some hit
                return False
            toks = form.split()
            words.update(toks)
            words.update(_roots(toks))
            words.update(a + b for a, b in itertools.pairwise(toks))
        return scope.words.isdisjoint(words)

    def _compute_name_evidence(self, name: NormalizedName, scope: _Scope) -> dict[int, _Ev]:
        out: dict[int, _Ev] = {}
        if not name.tokens:
            return out
        allowed = {v: (self.lexicon.expansion_apps(a, e), (a, e)) for v, a, e in reversed(name.derived)}
        fan_limit = 3 * self.top_k

        def keep(ai: int, ev: _Ev) -> None:
            ids, pair = allowed.get(ev.qform, (None, None))
            if ids is not None and self._apps[ai].app.app_id not in ids:
                return
            ambiguous = pair is not None and len(self.lexicon.acronym_expansions.get(pair[0], ())) > 1
            if ambiguous and not set(pair[1].split()) & self._apps[ai].vocab:
                return  # an ambiguous acronym (SIKD) counts only for apps that share its meaning
            if pair is not None:
                ev.acronym = pair
                ev.score = min(ev.score, ACRONYM_CAP)
                ev.field = "acronym" if ev.field in ("name", "alias") else ev.field
            cur = out.get(ai)
            if cur is None or ev.score > cur.score:
                out[ai] = ev

        for qf in name.forms:
            qt = qf.split()
            qset = set(qt)
            qc = "".join(qt)
            qjoins = _with_joins(qt)
            if scope.brand_deletes:
                self._brand_typos(qf, qt, scope, keep, fan_limit)
            prepared = scope.lexical.get(qf)
            if prepared is None:
                limit = self.block_limit * (3 if len(qt) == 1 else 1)  # coined one-word names: wider
                tids = scope.index.search_ids(name_keys(qf), limit)
            else:
                tids = list(prepared) + [
                    t for w in sorted(qset) for t in scope.word_texts.get(w, ()) if t not in prepared
                ]
            texts = scope.texts
            if not tids:  # no name text near it; a brand inside the name may still be there
                quick = []
            elif len(tids) > 4:
                quick = process.cdist([qf], [texts[t] for t in tids], scorer=SCORER)[0]
                close = quick >= self._floor
                if len(qt) == 1:  # nothing fits inside a one-word name: only close texts matter
                    keep_at = np.flatnonzero(close).tolist()
                    tids, quick = [tids[i] for i in keep_at], quick[close].tolist()
                else:
                    quick = quick.tolist()
            else:
                quick = [SCORER(qf, texts[t]) for t in tids]
            for tid, tsr in zip(tids, quick, strict=True):
                ftoks = scope.text_tokens[tid]
                contained = (
                    len(ftoks) < len(qt) and qset.issuperset(ftoks) and any(t not in WEAK for t in ftoks)
                )
                if contained and len(ftoks) == 1:  # one word inside: only beside weak words ("ASN")
                    contained = all(t in WEAK or t in GENERIC for t in qt if t != ftoks[0])
                if tsr < self._floor and not contained:
                    continue  # too far apart to matter (exact and e-prefix variants score high here too)
                text = texts[tid]
                base, base_scorer = lexical_score(qf, qc, text, text.replace(" ", ""), tsr)
                if base_scorer == SCORER_NAME:
                    clash = self._different_words(qjoins, ftoks) if base > DIFFERENT_WORDS_CAP else None
                    if clash:
                        base = DIFFERENT_WORDS_CAP
                        base_scorer = f"{SCORER_NAME} (different words: {clash[0]} / {clash[1]})"
                    elif (
                        qf == name.text
                        and len(qt) == len(ftoks) == 1
                        and len(qc) >= 7
                        and qc not in self._known
                        and Levenshtein.distance(qc, ftoks[0]) == 1
                    ):
                        base, base_scorer = max(base, TYPO_SCORE), "one_letter_typo"
                matched = tuple(t for t in ftoks if t in qset)
                copies = 0
                for fid in scope.text_forms[tid]:
                    form = self._forms[fid]
                    if self._apps[form.app].app.kind != "shared":
                        copies += 1
                        if copies > fan_limit:
                            break  # further copies of a common name (SIMPEG) would rank below anyway
                    score, scorer = base, base_scorer
                    light = None
                    if scorer == "exact" and qf == name.text:
                        light = form.light  # 100 or NORMALISED_EXACT, decided per line (as written)
                    elif scorer == "exact" and qf != form.light:
                        score, scorer = NORMALISED_EXACT, "exact (normalised)"
                    if form.field == "expansion":
                        score = min(score, ACRONYM_CAP)
                    if (name.generic or form.generic) and scorer.startswith("exact"):
                        self._read_as_written = True  # `_spelled_alike` and the place read them
                    if (name.generic or form.generic) and not self._spelled_alike(name, form, scorer):
                        same_place = scorer == "exact" and bool(set(name.context) & set(form.context))
                        score = min(score, GENERIC_SAME_PLACE if same_place else GENERIC_CAP)
                    if score >= self._floor or (
                        scorer == "exact" and self._apps[form.app].app.kind == "existing"
                    ):
                        # a generic name of a regional app is kept: in its own region the line's
                        # description may vouch for it (`_score`)
                        keep(form.app, _Ev(score, scorer, base, form.field, qf, text, matched, light=light))
                    # the whole catalog name inside a longer line name: each extra word costs points
                    if contained and not form.generic:
                        self._contained(
                            form.app, qt, set(ftoks), CONTAIN_STRONG, CONTAIN_WEAK, qf, text, form.field,
                            "name_contained", keep,
                        )  # fmt: skip
            if len(qt) > 1 and scope.brands:  # the app's one-word name inside a longer line name
                pairs = [(t, {t}) for t in sorted(qset)] + [
                    (a + b, {a, b}) for a, b in itertools.pairwise(qt)
                ]
                for token, used in pairs:
                    # an ordinary word as a brand ("Lapor Banjir"): the other words must be the app's
                    plain = ordinary_word(token)
                    strong_pts, weak_pts = (
                        (ORDINARY_STRONG, ORDINARY_WEAK) if plain else (BRAND_STRONG, BRAND_WEAK)
                    )
                    scorer = "brand_token (ordinary word)" if plain else "brand_token"
                    for n, ai in enumerate(scope.brands.get(token, ())):
                        if n >= fan_limit + 3:
                            break
                        self._contained(ai, qt, used, strong_pts, weak_pts, qf, token, "name", scorer, keep)
        self._function_evidence(name, scope, keep)
        return out

    def _brand_typos(
        self, qf: str, qt: list[str], scope: _Scope, keep: Callable[[int, _Ev], None], fan_limit: int
    ) -> None:
        """A word of the line one typo off an app's one-word name ("SRIKANDY", "SIMMONA Anjab",
        "e-Katalok Lokal"): a letter off for names of six letters or more, two letters swapped for
        shorter ones ("JDHI"). Words the catalog knows are never typos. Scored like the brand
        itself, less `TYPO_POINTS`."""
        # the words, and neighbouring pairs written apart ("SKIS-NG" -> skis ng -> skisng)
        pairs = [(t, {t}) for t in qt] + [(a + b, {a, b}) for a, b in itertools.pairwise(qt)]
        for t, used in pairs:
            if len(t) < 4 or t in scope.brands or t in self._known or ordinary_word(t):
                continue
            found = {b for v in _deletions(t) for b in scope.brand_deletes.get(v, ())}
            for brand in sorted(found):
                if OSA.distance(t, brand, score_cutoff=1) != 1:
                    continue
                points = TYPO_POINTS
                scorer = "brand_typo"
                if min(len(t), len(brand)) < 6 and sorted(t) != sorted(brand):
                    # short names: two letters swapped ("JDHI"), or one letter hit on a neighbouring
                    # key of a five-letter name ("LJKPN"), never another letter ("SIPP" is not "SIPD")
                    if not _key_slip(t, brand):
                        continue
                    points, scorer = KEY_TYPO_POINTS, "brand_typo (neighbouring key)"
                for n, ai in enumerate(scope.brands[brand]):
                    if n >= fan_limit + 3:
                        break
                    if len(used) == len(qt):
                        score = TYPO_SCORE + TYPO_POINTS - points
                        keep(ai, _Ev(score, scorer, score, "name", qf, brand, tuple(sorted(used))))
                    else:
                        self._contained(
                            ai, qt, used, BRAND_STRONG, BRAND_WEAK, qf, brand, "name", scorer, keep,
                            base=BRAND_BASE - points,
                        )  # fmt: skip

    @staticmethod
    def _spelled_alike(name: NormalizedName, form: _Form, scorer: str) -> bool:
        """A name of generic words that is the app's multi-word name as written, give or take filler
        ("Aplikasi Layanan Informasi Publik" / "Layanan Informasi Publik"): a name, not noise."""
        if not scorer.startswith("exact"):
            return False
        theirs, mine = form.light.split(), set(name.light.split())
        return (
            len(theirs) >= 3
            and set(theirs) <= mine
            and all(t in FILLER or t in STOPWORDS for t in mine - set(theirs))
        )

    def _contained(
        self, ai: int, qt: list[str], used: set[str], strong_pts: float, weak_pts: float,
        qf: str, aform: str, fld: str, scorer: str, keep: Callable[[int, _Ev], None], base: float = BRAND_BASE,
    ) -> None:  # fmt: skip
        vocab = self._apps[ai].vocab
        keys = self._apps[ai].all_keys
        others = [
            o
            for o in qt
            if o not in used and o not in vocab and estem(o) not in vocab and not _synonym_in(o, keys)
        ]
        strong = sum(1 for o in others if o not in WEAK and o not in GENERIC)
        score = base - strong_pts * strong - weak_pts * (len(others) - strong)
        if score >= self._floor:
            keep(ai, _Ev(score, scorer, score, fld, qf, aform, tuple(sorted(used))))

    def _function_evidence(
        self, name: NormalizedName, scope: _Scope, keep: Callable[[int, _Ev], None]
    ) -> None:
        """Function keywords in the name: 50 + 45 x (IDF-weighted share of the name they cover)."""
        if not scope.functions:
            return
        # the OPD the name carries ("Antrian Online Dukcapil"): its words may say a keyword's words
        # ("antrian dukcapil") beside the name's own, though they count for none of the name
        opd = {w for w in name.opd_words if w in self._known}
        forms = []
        for qf in name.forms:
            qt = qf.split()
            joined = {a + b: (a, b) for a, b in itertools.pairwise(qt)}
            # an app's one-word name ("e-Kinerja") is a name: its e-less word or root is no keyword
            derivable = [x for x in qt if x not in self._brand_words]
            roots = _roots(derivable)
            ext = set(qt) | {estem(x) for x in derivable} | set(joined)
            forms.append((qf, qt, ext | opd, joined, roots))
        lookup = {t for _, _, ext, _, roots in forms for t in (*ext, *roots)}
        if scope.functions.keys().isdisjoint(lookup):
            return
        covered: dict[tuple[int, str], set[str]] = defaultdict(set)
        rooted: dict[tuple[int, str], set[str]] = defaultdict(set)
        keywords: dict[tuple[int, str], list[str]] = defaultdict(list)
        reverse: dict[tuple[int, str], tuple[float, str]] = {}
        whole: set[tuple[int, str]] = set()  # some keyword matched with all its words
        functions: dict[tuple[int, str], set[frozenset[str]]] = defaultdict(set)  # their strong name words
        seen: set[tuple[int, int]] = set()
        for t in sorted(lookup):
            for ai, pi in scope.functions.get(t, ()):
                if (ai, pi) in seen:
                    continue
                seen.add((ai, pi))
                toks, _, kw = self._apps[ai].functions[pi]
                if len(toks) == 1 and len(self.lexicon.acronym_expansions.get(next(iter(toks)), ())) > 1:
                    continue  # "SPM", "KIA" alone in a name: which meaning? (descriptions can tell)
                for qf, qt, ext, joined, roots in forms:
                    missing = toks - ext
                    # a keyword word may stand in the line as another form of its root ("pendataan"
                    # for "data", "pelaporan" for "laporan"): such words count a little less
                    by_root: set[str] = set()
                    unsaid: set[str] = set()
                    for k in missing:
                        found = [roots[r] for r in _related_keys(k) if r in roots]
                        if found:
                            by_root.update(found)
                        else:
                            unsaid.add(k)
                    # the keyword's weak words ("masyarakat" of "pengaduan masyarakat") may go
                    # unsaid when a strong word of it is in the name ("Aplikasi Pengaduan")
                    weak_only = (
                        bool(unsaid)
                        and _may_go_unsaid(unsaid)
                        and (
                            (unsaid <= QUALIFIERS and _heads(toks - unsaid - WEAK))
                            or _objects_stand(toks, unsaid)
                            # any weak words, when two strong ones are said ("[laporan] gangguan jaringan")
                            # (a generic word counts beside a strong one: "[laporan] gangguan jaringan")
                            or (unsaid <= WEAK and _said_enough(toks - unsaid))
                        )
                    )
                    if unsaid and not weak_only:
                        if set(qt) < toks:
                            cov = self._weight(qt) / max(self._weight(toks), 1e-9)
                            score = FUNCTION_BASE + FUNCTION_SPAN * REVERSE_FACTOR * cov
                            if score > reverse.get((ai, qf), (0.0, ""))[0]:
                                reverse[(ai, qf)] = (score, kw)
                        continue
                    mine = {x for x in qt if x in toks or estem(x) in toks}
                    for j, (a, b) in joined.items():
                        if j in toks:
                            mine.update((a, b))
                    if not mine and not by_root:
                        continue  # the OPD's words alone say nothing of what the line builds
                    covered[(ai, qf)].update(mine)
                    rooted[(ai, qf)].update(by_root)
                    keywords[(ai, qf)].append(kw)
                    if not weak_only:
                        whole.add((ai, qf))
                        strong = frozenset(x for x in mine | by_root if _strong(x))
                        if strong:
                            functions[(ai, qf)].add(strong)
        several = {key for key, sets in functions.items() if _several(sets)}
        reach = {key: frozenset().union(*sets) for key, sets in functions.items()}
        # another app whose keywords cover as much of the name, in one keyword or several, rivals it
        # (a region's copy of a national app is no rival of it: the national app is what it copies)
        rivals = Counter(
            (ai, qf)
            for (ai, qf) in several
            for (aj, qg), words in reach.items()
            if qg == qf and words >= reach[(ai, qf)] and (aj == ai or not self._copy_pair(ai, aj))
        )
        for (ai, qf), words in covered.items():
            qt = qf.split()
            vocab = self._apps[ai].vocab
            by_root = rooted[(ai, qf)] - words
            keys = self._apps[ai].all_keys
            partial = [
                x
                for x in qt
                if x not in words
                and x not in by_root
                and (x in vocab or estem(x) in vocab or _synonym_in(x, keys))
            ]
            cov = (
                self._weight(words)
                + ROOT_CREDIT * self._weight(by_root)
                + VOCAB_CREDIT * self._weight(partial)
            ) / max(self._weight(set(qt)), 1e-9)  # a word said twice ("surat masuk, surat keluar") once
            if (ai, qf) not in whole:
                cov *= WEAK_UNSAID_FACTOR
            score = FUNCTION_BASE + FUNCTION_SPAN * min(cov, 1.0)
            kws = tuple(dict.fromkeys(keywords[(ai, qf)]))
            scorer = "function_keyword (by root)" if by_root else "function_keyword"
            if (ai, qf) not in whole:
                scorer += " (the keyword's weak words unsaid)"
            elif (
                (ai, qf) in several
                and rivals[(ai, qf)] == 1
                and NAME_FUNCTIONS_FLOOR <= score < NAME_FUNCTIONS
            ):
                # "Peta Jabatan dan Hitung Beban Kerja": two functions of one app, and of no other
                score = NAME_FUNCTIONS
                scorer += " (several of its functions)"
            keep(
                ai,
                _Ev(score, scorer, score, "function", qf, kws[0], tuple(sorted(words | by_root)), None, kws),
            )
        for (ai, qf), (score, kw) in reverse.items():
            scorer = "function_keyword (line name inside keyword)"
            keep(ai, _Ev(score, scorer, score, "function", qf, kw, tuple(qf.split()), None, (kw,)))

    def _different_words(self, qs: set[str], a_toks: Sequence[str]) -> tuple[str, str] | None:
        """Two known words that merely look alike ("pengaduan" / "pengadaan") are not a typo.
        `qs`: the line's words with joined pairs (`_with_joins`)."""
        as_ = _with_joins(a_toks)
        for u in qs - as_:
            if len(u) < 4 or u not in self._known:
                continue
            for v in as_ - qs:
                if len(v) >= 4 and v in self._known and estem(u) != estem(v) and fuzz.ratio(u, v) >= 70:
                    return u, v
        return None

    def _desc(self, description: str) -> _Desc:
        hit = self._desc_cache.get(description)
        if hit is None:
            norm = self.lexicon.normalize(description)
            forms, meanings = self._desc_forms(norm)
            toks = frozenset({t for f in forms for t in f.split()} | set(norm.stems))
            content = frozenset(
                t
                for t in toks
                if len(t) >= 3
                and not t.isdigit()
                and t not in WEAK
                and t not in GENERIC
                and t not in PROPOSAL_WORDS
            )
            keys = frozenset(k for t in content for k in word_keys(t))
            known = tuple(
                sorted(
                    t
                    for t in toks
                    if len(t) >= 3
                    and not t.isdigit()
                    and t not in STOPWORDS
                    and t not in PROPOSAL_WORDS
                    and t not in FILLER
                )
            )
            related = frozenset(r for t in toks for r in _related_keys(estem(t)))
            hit = _Desc(
                norm, toks, content, keys, known, meanings, tuple(tuple(f.split()) for f in forms), related
            )
            if len(self._desc_cache) > 300_000:
                self._desc_cache.clear()
            self._desc_cache[description] = hit
        return hit

    def _desc_forms(self, norm: NormalizedName) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        """A description's forms: an acronym of several meanings ("SPM": standar pelayanan minimal,
        surat perintah membayar) is written out only in the meaning that shares a word with the rest
        of the description ("penerbitan SPP, SPM dan SP2D": surat perintah), else in none."""
        ambiguous = {
            v: (a, e) for v, a, e in norm.derived if len(self.lexicon.acronym_expansions.get(a, ())) > 1
        }
        if not ambiguous:
            return list(norm.forms), {}
        acronyms = {a for a, _ in ambiguous.values()}
        context = {t for f in norm.forms if f not in ambiguous for t in f.split()} - acronyms - STOPWORDS
        keep = []
        meanings: dict[str, list[str]] = {a: [] for a in acronyms}
        for form in norm.forms:
            pair = ambiguous.get(form)
            if pair is None or set(pair[1].split()) & context:
                keep.append(form)
                if pair is not None:
                    meanings[pair[0]].append(pair[1])
        return keep, {a: tuple(v) for a, v in meanings.items()}

    def _acronym_meant(self, acronym: str, ai: int, desc: _Desc) -> bool:
        """An acronym of several meanings ("KIA") in a description counts for an app only when the
        description keeps the meaning that is the app's (see `_desc_forms`)."""
        meanings = self.lexicon.acronym_expansions.get(acronym, ())
        if len(meanings) < 2:
            return True
        vocab = self._apps[ai].vocab
        return any(set(exp.split()) & vocab for exp in desc.meanings.get(acronym, ()))

    def _cross_hits(
        self, name: NormalizedName, desc: _Desc, scope_key: str | None
    ) -> dict[int, tuple[str, ...]]:
        """Function keywords (two words or more) that the line states across its name and its
        description, with words of both ("Pencatatan Gizi Balita Posyandu" + "penimbangan balita":
        "penimbangan balita posyandu")."""
        key = (name.forms, id(desc), scope_key)
        hit = self._cross_cache.get(key)
        if hit is not None and hit[0] is desc:
            return hit[1]
        scope = self._scopes[scope_key]
        own = frozenset(t for f in name.forms for t in f.split())
        # words that only an acronym written out gives ("SIKAP" -> "kinerja penyedia"), by acronym:
        # they cannot confirm the app that acronym names (the line may mean another SIKAP)
        said = frozenset(t for f in name.forms if f not in {d[0] for d in name.derived} for t in f.split())
        given: dict[str, set[str]] = defaultdict(set)
        for _v, acr, exp in name.derived:
            given[acr].update(w for w in exp.split() if w not in said)
        both = own | desc.tokens
        out: dict[int, list[str]] = defaultdict(list)
        seen: set[tuple[int, int]] = set()
        for t in sorted(both):
            for ai, pi in scope.functions.get(t, ()):
                if (ai, pi) in seen:
                    continue
                seen.add((ai, pi))
                toks, _, kw = self._apps[ai].functions[pi]
                if len(toks) < 2 or not toks <= both or toks <= desc.tokens or toks <= own:
                    continue
                if all(x in WEAK or x in GENERIC for x in toks - own):
                    continue  # the description must add a word of its own ("data" adds nothing)
                if any(
                    acr in self._apps[ai].ids and toks & words - desc.tokens for acr, words in given.items()
                ):
                    continue
                if all(x in WEAK or x in GENERIC for x in toks) or kw in out.get(ai, ()):
                    continue
                out[ai].append(kw)
        result = {ai: tuple(v) for ai, v in out.items()}
        if len(self._cross_cache) > 300_000:
            self._cross_cache.clear()
        self._cross_cache[key] = (desc, result)
        return result

    def _desc_hits(self, description: str, desc: _Desc, scope_key: str | None) -> tuple[dict, dict]:
        """Function keywords (two words or more, or one written as an acronym) and one-word app
        names found in the description, among the apps of one scope."""
        if not desc.tokens:
            return {}, {}
        hit = self._hits_cache.get((description, scope_key))
        if hit is not None:
            return hit
        scope = self._scopes[scope_key]
        hits: dict[int, list[str]] = defaultdict(list)
        mentions: dict[int, str] = {}
        seen: set[tuple[int, int]] = set()
        for t in (*sorted(desc.tokens), *sorted(desc.related)):
            for ai, pi in scope.functions.get(t, ()):
                if (ai, pi) in seen:
                    continue
                seen.add((ai, pi))
                toks, _, kw = self._apps[ai].functions[pi]
                if kw in hits.get(ai, ()) or not desc.has(toks) or not desc.close(toks):
                    continue
                if all(x in WEAK or x in GENERIC for x in toks):
                    continue  # "pelayanan publik" alone says nothing of an app
                if len(toks) >= 2 or (_acronym_style(kw) and self._acronym_meant(next(iter(toks)), ai, desc)):
                    hits[ai].append(kw)
        written = None
        for t in sorted(desc.tokens):
            apps_ = scope.brands.get(t, ())
            if apps_ and ordinary_word(t):
                # an ordinary word names the app only when written as a name ("LAPOR!", "Lapor"
                # mid-sentence), not as the word ("ASN wajib lapor ke KPK")
                written = _written_as_names(description) if written is None else written
                if t not in written:
                    continue
            for ai in apps_:
                mentions.setdefault(ai, t)
        hit = ({ai: tuple(v) for ai, v in hits.items()}, mentions)
        if len(self._hits_cache) > 300_000:
            self._hits_cache.clear()
        self._hits_cache[(description, scope_key)] = hit
        return hit

    # --- explanation --------------------------------------------------------------------------

    def _query_part(self, name: NormalizedName, naming: NormalizedName, build: NormalizedName) -> dict:
        """The line's side of an explanation (shared by its candidates: read-only)."""
        key = (name.raw, naming.text, build.text)
        query = self._query_expl.get(key)
        if query is None:
            query = {
                "name": name.raw,
                "normalized": name.text,
                "variants": list(name.variants),
                "removed": name.removed_by_kind(),
            }
            if build is not name:
                query["built_part"] = build.text  # the name without its "terintegrasi dengan X"
            if naming is not build:
                query["named_by_description"] = naming.text
            if name.spelled_out:
                query["spelled_out"] = [list(p) for p in name.spelled_out]
            if len(self._query_expl) > 200_000:
                self._query_expl.clear()
            self._query_expl[key] = query
        return query

    def _explain(
        self,
        s: _Scored,
        name: NormalizedName,
        naming: NormalizedName,
        build: NormalizedName,
        hits: dict,
        mentions: dict,
        region: str | None,
    ) -> dict:
        """What an auditor reads: both sides normalised, what matched where, the scorer and its
        score, boosts and penalties. JSON-serialisable."""
        app = self._apps[s.ai].app
        ev = s.ev
        hit, mention = hits.get(s.ai), mentions.get(s.ai)
        expl: dict = {
            "owner": app.owner,
            "score": round(min(s.score, 100.0), 1),
            "relation": s.relation,
            "query": self._query_part(name, naming, build),
            "app": {"app_id": app.app_id, "name": app.name, "kind": app.kind, "region_code": app.region_code},
            "matched_field": ev.field if ev else "description",
            "scorer": s.scorer or (ev.scorer if ev else "description_keywords"),
            "scorer_score": round(ev.raw if ev else s.score, 1),
            "evidence_score": round(min(ev.score, NORMALISED_EXACT) if s.scorer else ev.score, 1)
            if ev
            else round(s.score, 1),
            "query_form": ev.qform if ev else "",
            "app_form": ev.aform if ev else "",
            "matched_tokens": list(ev.matched) if ev else ([mention] if mention else []),
            "penalties": s.penalties or [],
            "boosts": s.boosts or [],
            "evidence_tier": s.tier,
            "standing": ("own region", "shareable, other region", "national")[self._standing(s, region)],
        }
        if s.agree is not None:
            expl["description_agreement"] = round(s.agree, 2)
        if ev is not None and ev.acronym:
            acr, exp = ev.acronym
            ids = self.lexicon.expansion_apps(acr, exp)
            expl["acronym"] = {
                "acronym": acr,
                "expansion": exp,
                "source": "curated" if ids is None else "learned",
            }
        if ev is not None and ev.keywords:
            expl["function_keywords"] = list(ev.keywords)
        if hit:
            expl["description_keywords"] = list(hit)
        if mention:
            expl["description_mentions"] = mention
        if s.integration:
            expl["integration"] = s.integration
        return expl


_AS_WRITTEN = object()  # in the name cache: look again under the name as written


def _written_as_names(text: str) -> frozenset[str]:
    """Words of a text written as names: in capitals, or capitalised other than at a sentence's start."""
    out = set()
    end = 0  # where the previous word ended
    starts = True  # the word starts a sentence (or the text)
    for m in RAW_WORD.finditer(text):
        w = m.group(0)
        between = text[end : m.start()].strip()
        if between:
            starts = between[-1] in ".!?:;"
        if w.isupper() or (w[0].isupper() and not starts):
            out.add(fold(w))
        end, starts = m.end(), False
    return frozenset(out)


def _acronym_style(keyword: str) -> bool:
    """A one-word keyword written like an acronym ("TNDE", "SIMPEG", "LKjIP")."""
    words = RAW_WORD.findall(keyword)
    return len(words) == 1 and sum(c.isupper() for c in words[0]) >= 2


_EXTERNAL = re.compile(
    r"(?<!bagian )(?<!modul )\b(di|ke|dari|melalui|via|lewat)\s+(?:(?:aplikasi|sistem|platform)\s+)?"
    r"([a-z0-9][a-z0-9-]*)"
)


@lru_cache(maxsize=100_000)
def _external_references(description: str) -> dict[str, str]:
    """Words a description puts after "di", "ke", "dari", "melalui" ... (another system the line
    works with), e-prefix joined: word -> the phrase ("di siak")."""
    low = fold(description)
    out: dict[str, str] = {}
    for m in _EXTERNAL.finditer(low):
        word = m.group(2).replace("-", "")
        out.setdefault(word, m.group(0))
        out.setdefault(estem(word), m.group(0))
    return out


def _unrelated(agree: float | None) -> dict:
    """The description-unrelated penalty, with the share of the description the app explains."""
    return {
        "rule": "description-unrelated",
        "points": UNRELATED_POINTS,
        "reason": "the description is about another subject: the app's vocabulary explains "
        f"{round(100 * (agree or 0.0))}% of its words",
        "agreement": round(agree or 0.0, 2),
    }


_WRITTEN_WORD = re.compile(r"[^\W_]+")
_NEGATING = frozenset({"tidak", "tak", "bukan", "tanpa", "non"})


def _negated(signal: str, plain: str) -> bool:
    """Every place the line writes `signal` has a negating word among the three words before it
    ("tidak terkait perhitungan TPP", "tanpa perhitungan tunjangan"); False when it is not written
    as one phrase (`plain`: the line's folded words, space-padded)."""
    words = plain.split()
    n = len(signal.split())
    places = [i for i in range(len(words) - n + 1) if " ".join(words[i : i + n]) == signal]
    return bool(places) and all(not _NEGATING.isdisjoint(words[max(i - 3, 0) : i]) for i in places)


def _swaps(word: str) -> tuple[str, ...]:
    """The word with two adjacent letters swapped, each way ("pasein" -> "pasien", ...)."""
    return tuple(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))


@lru_cache(maxsize=200_000)
def _deletions(word: str) -> tuple[str, ...]:
    """The word and the words one letter shorter (symmetric-delete typo lookup)."""
    return (word, *{word[:i] + word[i + 1 :] for i in range(len(word))})


def _keyword_word(token: str, toks: frozenset[str]) -> str | None:
    """The keyword word a description word stands for (itself, without e-prefix, or related)."""
    if token in toks:
        return token
    if estem(token) in toks:
        return estem(token)
    mine = _related_keys(estem(token))
    # in a fixed order: a word related to two keyword words stands for the same one each run
    for k in sorted(toks):
        if any(r in mine for r in _related_keys(k)):
            return k
    return None


def _distinct(said: dict[frozenset[str], str]) -> tuple[str, ...]:
    """The distinct functions among keywords a description states: a keyword whose strong words
    all stand for words of a longer one ("kinerja pegawai" within "penilaian kinerja ASN": ASN is a
    pegawai) states no other function."""
    if len(said) < 2:
        return tuple(said.values())
    concepts = {toks: _concept(toks) for toks in said}
    kept = []
    for toks, kw in said.items():
        mine = concepts[toks]
        covered = any(
            other is not toks
            and (len(concepts[other]) > len(mine) or (len(concepts[other]) == len(mine) and kw > said[other]))
            and all(any(w & o for o in concepts[other]) for w in mine)
            for other in said
        )
        if not covered:
            kept.append(kw)
    return tuple(kept)


def _evidence_tier(ev: _Ev | None, scorer: str | None = None) -> int:
    """`_Scored.tier` of evidence `ev` (`scorer`: the line's adjustment of its scorer, if any)."""
    if ev is None:
        return 5
    if ev.field == "function":
        return 4
    if ev.acronym is not None or ev.field == "expansion":
        return 2
    scorer = scorer or ev.scorer
    if scorer.startswith("exact") or scorer == "e_prefix_variant":
        return 0 if ev.field == "name" else 1
    return 3


def _place_words(name: NormalizedName) -> frozenset[str]:
    """The region words a name carries, without their prefixes ("kota probolinggo" -> probolinggo)."""
    return frozenset(
        w
        for kind, words in name.removed
        if kind == "region"
        for w in words.split()
        if w not in REGION_PREFIXES
    )


def _several(sets: set[frozenset[str]]) -> bool:
    """Keywords that cover different strong words of a name, neither's inside the other's: the
    name states two functions or more ("peta jabatan" and "beban kerja")."""
    tops = [a for a in sets if not any(a < b for b in sets)]
    return len(tops) >= 2


def _concept(toks: frozenset[str]) -> tuple[frozenset[str], ...]:
    """A keyword's strong words (all of them when none is strong), each as the set of its keys."""
    strong = [t for t in toks if t not in WEAK and t not in GENERIC] or list(toks)
    return tuple(frozenset((t, *_related_keys(t))) for t in sorted(strong))


def _related_keys(word: str) -> tuple[str, ...]:
    """The root key and the synonym keys of a word ("pengaduan": r:adu; "keluhan": s:pengaduan)."""
    return related_keys(word)


def _synonym_in(word: str, keys: frozenset[str]) -> bool:
    return any("s:" + k in keys for k in synonym_keys(word))


def _roots(tokens: Sequence[str]) -> dict[str, str]:
    """Root and synonym key -> the line word it came from (the e-prefix off first: "eaduan" ->
    aduan)."""
    out: dict[str, str] = {}
    for x in tokens:
        for r in _related_keys(estem(x)):
            out.setdefault(r, x)
    return out


ACTION_WORDS = word_set("monitoring manajemen tracking layanan pelayanan management")

# Weak words that only say for whom or where ("pengaduan masyarakat", "kinerja pegawai"): a
# keyword may go without them. Weak words that say what is done ("data sekolah", "laporan kinerja",
# "administrasi kependudukan") may not: "Aplikasi Sekolah" is not Dapodik.
QUALIFIERS = word_set(
    "masyarakat publik umum pegawai asn daerah pemerintah pemerintahan nasional indonesia ri instansi "
    "opd skpd perangkat kabupaten kota kecamatan pusat lokal local warga"
)
_UNSAID_OK = WEAK | ACTION_WORDS | QUALIFIERS  # what `_may_go_unsaid` lets go, process nouns aside


def _heads(present: Iterable[str]) -> bool:
    """What is left of a keyword without its qualifiers can stand for it: two strong words or more,
    or one process noun (pe-/per- ... -an: "pengaduan", "pendaftaran"), not a bare object
    ("arsip", "sekolah", "kinerja")."""
    present = list(present)
    if len(present) >= 2:
        return True
    return len(present) == 1 and _process_noun(present[0])


def _objects_stand(toks: frozenset[str], unsaid: set[str]) -> bool:
    """A keyword's action may go unsaid when its objects are said: the unsaid words are qualifiers
    or action nouns (pemantauan, pencatatan, penanganan ...), one of them an action, and two strong
    object words remain ("pemantauan posisi kendaraan": "Aplikasi Posisi Kendaraan"; "penanganan
    insiden siber": "Tim Tanggap Insiden Siber"). The object, not the verb, says what the app is for."""
    actions = {t for t in unsaid if _process_noun(t) or t in ACTION_WORDS}
    if not actions or not unsaid <= QUALIFIERS | actions:
        return False
    return sum(1 for t in toks - unsaid if _strong(t) and not _process_noun(t)) >= 2


def _may_go_unsaid(unsaid: set[str]) -> bool:
    """Whether unsaid keyword words can be left out at all: weak words, qualifiers or actions only
    (what each way of leaving words out in `Matcher._function_evidence` needs, checked first)."""
    return all(t in _UNSAID_OK or _process_noun(t) for t in unsaid)


def _process_noun(word: str) -> bool:
    return len(word) >= 7 and word.startswith("pe") and word.endswith("an") and word_root(word) != word


def _generic_exact(ev: _Ev) -> bool:
    """Exact evidence that a generic name held down (`GENERIC_CAP`)."""
    return ev.raw >= 100 and ev.scorer == "exact" and ev.score <= GENERIC_CAP


def _said_enough(said: frozenset[str] | set[str]) -> bool:
    """Two words of a keyword said, one of them strong, the other strong or generic: enough to leave
    its weak words unsaid."""
    strong = sum(1 for t in said if _strong(t))
    return strong >= 2 or (strong == 1 and any(t in GENERIC and t not in WEAK for t in said))


def _strong(token: str) -> bool:
    """A word that can carry identity: three letters or more, not a number, weak, generic or a stopword."""
    return (
        len(token) >= 3
        and not token.isdigit()
        and token not in WEAK
        and token not in GENERIC
        and token not in STOPWORDS
    )


_OPD_SKIP = OPD_HEADS | STOPWORDS | word_set("daerah kabupaten kab kota provinsi prov pemerintah")


@lru_cache(maxsize=20_000)
def _opd_signature(text: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """An OPD's words (without "Dinas", "Badan", "daerah" ...) and its initials ("Dinas Penanaman
    Modal dan Pelayanan Terpadu Satu Pintu": dpmptsp), to compare a line's OPD with an app's owner."""
    words = re.findall(r"[a-z0-9]+", fold(text or ""))
    content = frozenset(w for w in words if w not in _OPD_SKIP and len(w) >= 3)
    initials = "".join(w[0] for w in words if w not in STOPWORDS)
    return content, frozenset({initials} if len(initials) >= 3 else ())


def _opd_fit(words: frozenset[str], initials: frozenset[str], entry: _App) -> float:
    """How well a line's OPD fits an app's owner: shared words (Jaccard), plus one when either is
    written as the other's initials (BKPSDM / Badan Kepegawaian ...)."""
    union = words | entry.opd_words
    fit = len(words & entry.opd_words) / len(union) if union else 0.0
    if initials & entry.opd_words or entry.opd_initials & words or initials & entry.opd_initials:
        fit += 1.0
    return fit


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (r, i) for r, row in enumerate(_KEYBOARD) for i, c in enumerate(row)}


def _key_slip(typed: str, name: str) -> bool:
    """Same length (five letters or more), one letter different, and the two letters are neighbours
    on a QWERTY keyboard (same row, next key; or the row above or below, same or next column)."""
    if len(typed) != len(name) or len(name) < 5:
        return False
    diff = [(a, b) for a, b in zip(typed, name, strict=True) if a != b]
    if len(diff) != 1:
        return False
    a, b = diff[0]
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ia), (rb, ib) = _KEY_AT[a], _KEY_AT[b]
    return (ra == rb and abs(ia - ib) == 1) or (abs(ra - rb) == 1 and -1 <= ia - ib <= 1)


@lru_cache(maxsize=100_000)
def _consistent(declared: str, ids: frozenset[str]) -> bool:
    """A line's own acronym fits the app's (equal, e-prefix, or one letter off when long)."""
    if declared in ids or estem(declared) in ids:
        return True
    if len(declared) >= 3 and any(
        len(i) == len(declared) and sorted(i) == sorted(declared) and OSA.distance(declared, i) == 1
        for i in ids
    ):
        return True  # two letters swapped ("PHK" for PKH)
    if len(declared) < 6:
        return False
    n = len(declared)
    return any(abs(len(i) - n) <= 1 and Levenshtein.distance(declared, i, score_cutoff=1) <= 1 for i in ids)


def _with_joins(toks: Sequence[str]) -> set[str]:
    """Tokens plus each neighbouring pair written together ("satu sehat" also gives "satusehat")."""
    out = set(toks)
    out.update(a + b for a, b in itertools.pairwise(toks))
    return out


LIFT_REASON = "the description states several functions of this app and none of another; the name does not contradict it"


def _lift_to(out: _Scored, lifted: float, said: Iterable[str]) -> None:
    """Raise a candidate to `lifted` for its description, recording the boost."""
    boost = {"reason": LIFT_REASON, "points": round(lifted - out.score, 1), "words": list(said)}
    out.boosts = [*(out.boosts or ()), boost]
    out.score = lifted
