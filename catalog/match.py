"""Match proposed budget lines against the catalog, and group lines of a cycle that propose one app.

Scores are on a 0-100 scale. The evidence for a (line, app) pair is the best of:
- name: `token_sort_ratio` of the normalised line name and an app name, alias or acronym expansion;
  an exact or e-prefix variant scores 100/97; names of five letters or fewer must match exactly (so
  "SIPD" never scores high against "SIPP"); two known words that merely look alike ("pengaduan" /
  "pengadaan") cap it at 70. `token_set_ratio` is not used: any subset would score 100.
- brand: the app's one-word name inside a longer line name ("srikandi.arsip"), 98 minus 8 points per
  extra strong word and 3 per weak word the app's own vocabulary does not explain; a multi-word app
  name inside the line name costs 12/4 per extra word (the subset trap, priced);
- function: the app's function keywords in the line name, 50 + 45 x the IDF-weighted share of the
  name they cover ("Aplikasi Surat Menyurat Elektronik" -> SRIKANDI 95).
The description then confirms (+4), or alone suggests (70-80, a review at most). Penalties, each
recorded in the explanation: a description that says the line is a different app of the same name
(`SENSE_RULES`, e.g. a local e-Kinerja for TPP), that points at another app's functions only, or that
is about another domain and shares no word with the app; a line that declares another acronym than
the app's ("(SIMRS)" against SIRS); two national apps tied on the name (ambiguous: review).
Integration phrasing ("integrasi dengan X", "bridging ke X", "API ke X") makes X a candidate with
relation "integration". Existing regional apps are candidates only in their own region, or when
shareable.

Blocking: national and shareable apps are found through an inverted index over name keys
(catalog.index); a region's own apps are blocked by region (`match_many` scores each region's names
against its own few dozen apps in one rapidfuzz call). Normalised names, evidence and results are
cached, so lines that normalise alike are matched once.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from catalog.index import BlockingIndex, name_keys
from catalog.models import Candidate, CatalogApp, LineQuery
from catalog.normalize import (
    COMMON_WORDS,
    GENERIC,
    OPD_WORDS,
    PROPOSAL_WORDS,
    STOPWORDS,
    WEAK,
    Lexicon,
    NormalizedName,
    base_lexicon,
    default_lexicon,
    estem,
    fold,
    learn_catalog,
    one_word,
    word_set,
)

DEFAULT_REVIEW_THRESHOLD = 72.0
DEFAULT_MATCH_THRESHOLD = 88.0
DEFAULT_GROUP_THRESHOLD = 90.0
DEFAULT_TOP_K = 5
SCORER = fuzz.token_sort_ratio
SCORER_NAME = "token_sort_ratio"
SHORT_NAME = 5  # names of this many letters or fewer must match exactly
SHORT_CAP = 60.0
DIFFERENT_WORDS_CAP = 70.0
NORMALISED_EXACT = 98.0  # equal once filler, region and OPD words are gone, not as written
ACRONYM_CAP = 96.0  # evidence that needed an acronym expansion
TYPO_SCORE = 90.0  # one letter off a one-word name (>= 7 letters) that is no known word
GENERIC_CAP = 65.0  # generic names ("website") never match on the name alone ...
GENERIC_SAME_PLACE = 88.0  # ... unless it is the same generic name of the same OPD
BRAND_STRONG, BRAND_WEAK = 8.0, 3.0
CONTAIN_STRONG, CONTAIN_WEAK = 12.0, 4.0
FUNCTION_BASE, FUNCTION_SPAN = 50.0, 45.0
REVERSE_FACTOR = 0.9  # the whole line name inside one function keyword ("pengaduan")
VOCAB_CREDIT = 0.5  # a name word the app's vocabulary explains, next to a matched keyword
WEAK_FACTOR = 0.3
DESC_CONFIRM = 4.0
DESC_ONLY_BASE, DESC_ONLY_STEP, DESC_MENTION = 66.0, 4.0, 80.0
ELSEWHERE_POINTS = 14.0
UNRELATED_POINTS = 14.0
DECLARED_POINTS = 15.0


@dataclass(frozen=True)
class SenseRule:
    """Same name, different app: a national app's name that regions reuse for an app of their own.

    Applies to a shared app whose normalised name or alias is one of `names` when the line's name or
    description holds one of `signals`; the candidate loses `points`."""

    rule_id: str
    names: tuple[str, ...]
    signals: tuple[str, ...]
    points: float
    reason: str


SENSE_RULES: tuple[SenseRule, ...] = (
    SenseRule(
        "local-ekinerja-tpp",
        ("ekinerja",),
        (
            "tpp",
            "tambahan penghasilan",
            "tunjangan tambahan",
            "tunjangan penghasilan",
            "tunjangan daerah",
            "perhitungan tunjangan",
            "insentif pegawai",
        ),
        22.0,
        "Banyak pemda memakai nama e-Kinerja untuk aplikasi perhitungan TPP (tambahan penghasilan "
        "pegawai) sendiri; itu bukan e-Kinerja BKN (SKP). Uraian menyebut TPP/tunjangan.",
    ),
)

_INTEGRATION_CUE = re.compile(
    r"\b(?:integrasi(?:kan)?|mengintegrasikan|terintegrasi|interkoneksi|bridging|brigding|"
    r"sinkronisasi|sinkron|interoperabilitas|api|web ?service|konektor|connector|terhubung|"
    r"terkoneksi|koneksi|menghubungkan|pertukaran data|kirim data|pengiriman data)\b"
)
_CONNECTOR = re.compile(r"\b(?:dengan|ke|kepada|menuju|to|with)\b")
_CLAUSE_END = re.compile(r"[.;,:\n()]")
_PURPOSE = re.compile(r"\b(?:untuk|agar|guna|supaya|yang|dalam rangka|sehingga)\b")
_NEEDS_CONNECTOR = {
    "terintegrasi",
    "api",
    "koneksi",
    "terhubung",
    "terkoneksi",
    "menghubungkan",
    "interoperabilitas",
}
_RAW_WORD = re.compile(r"[A-Za-z0-9]+")
_HEAD_SKIP = word_set(
    "pengembangan pembangunan pembuatan peningkatan penyediaan penyelenggaraan jasa belanja modal "
    "layanan aplikasi sistem dan untuk kegiatan pekerjaan"
)
_HEAD_CUES = word_set(
    "integrasi integrasikan mengintegrasikan interkoneksi bridging brigding sinkronisasi sinkron api "
    "webservice web konektor connector koneksi interoperabilitas pertukaran kirim pengiriman"
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


def scorer_many(query: str, choices: list[str]) -> list[float]:
    """`SCORER` of one query against many choices, in one C call."""
    return process.cdist([query], choices, scorer=SCORER)[0].tolist() if choices else []


def lexical_score(
    q_text: str, q_compact: str, a_text: str, a_compact: str, tsr: float | None = None
) -> tuple[float, str]:
    """The name scorer: exact (100), e-prefix variant (97), else token_sort_ratio (`tsr` when
    already known) with the short-name guard (five letters or fewer: at most 60 unless equal)."""
    if q_compact == a_compact:
        return 100.0, "exact"
    if estem(q_compact) == estem(a_compact):
        return 97.0, "e_prefix_variant"
    score = SCORER(q_text, a_text) if tsr is None else tsr
    if min(len(q_compact), len(a_compact)) <= SHORT_NAME:
        score = min(score, SHORT_CAP)
    return score, SCORER_NAME


@lru_cache(maxsize=100_000)
def integration_targets(text: str) -> tuple[tuple[str, str], ...]:
    """(cue, target text) for each integration phrase: "integrasi SIMPEG dengan SIASN" -> SIASN."""
    low = fold(text)
    out: list[tuple[str, str]] = []
    if not _INTEGRATION_CUE.search(low):
        return ()
    for m in _INTEGRATION_CUE.finditer(low):
        end = _CLAUSE_END.search(low, m.end())
        clause = low[m.end() : end.start() if end else len(low)]
        clause = _PURPOSE.split(clause, maxsplit=1)[0]  # "ke SIASN untuk sinkronisasi ...": SIASN
        connectors = list(_CONNECTOR.finditer(clause))
        if connectors:
            target = clause[connectors[-1].end() :]
        elif m.group(0) in _NEEDS_CONNECTOR:
            continue
        else:
            target = clause
        if target.strip():
            out.append((m.group(0), target.strip()))
    return tuple(out)


@lru_cache(maxsize=100_000)
def integration_head(name: str) -> bool:
    """True when the name's action is integration: its first word after build words is a cue."""
    for word in _RAW_WORD.findall(fold(name)):
        if word in _HEAD_SKIP:
            continue
        return word in _HEAD_CUES
    return False


def word_keys(word: str) -> set[str]:
    """Keys under which two words count as related: the word, without e-prefix, its first six
    letters, and a rough Indonesian root (pe-/me-/ber- ... -an/-kan stripped)."""
    keys = {word, estem(word)}
    if len(word) >= 6:
        keys.add(word[:6])
    root = word
    for p in _PREFIXES:
        if root.startswith(p) and len(root) - len(p) >= 4:
            root = root[len(p) :]
            break
    for suf in _SUFFIXES:
        if root.endswith(suf) and len(root) - len(suf) >= 4:
            root = root[: -len(suf)]
            break
    keys.add("r:" + root)
    return keys


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
        sense_rules: Sequence[SenseRule] = SENSE_RULES,
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
        self._max_idf = 1.0
        self._known: frozenset[str] = frozenset()
        self._domain: frozenset[str] = frozenset()
        self._name_cache: dict[tuple, dict[int, _Ev]] = {}
        self._desc_cache: dict[str, _Desc] = {}
        self._hits_cache: dict[tuple[str, str | None], tuple[dict, dict]] = {}
        self._line_cache: dict[tuple, list[tuple[int, float, str, dict]]] = {}
        self._query_expl: dict[tuple[str, str], dict] = {}
        self._sig_cache: dict[str, tuple[NormalizedName, tuple]] = {}
        self._sig_ids: dict[tuple, tuple[int, bool]] = {}
        self._ev_keys: dict[
            str, tuple
        ] = {}  # raw name -> what its evidence depends on  # normalised signature -> (id, integrates)
        self._regions_of: dict[int, tuple[dict, frozenset]] = {}
        with _no_gc():
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
            for kw in app.function:
                toks = lex.keyword(kw)
                if toks:
                    entry.functions.append((frozenset(toks), " ".join(toks), kw))
            own = {t for _, _, n in norms for t in n.tokens} | {t for f in entry.functions for t in f[0]}
            forms: dict[str, _Form] = {}
            brands: set[str] = set()
            ids: set[str] = set()
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
            entry.vocab_keys = frozenset(
                k for t in vocab if t not in WEAK and t not in GENERIC for k in word_keys(t)
            )
            entry.brands = frozenset(brands)
            entry.ids = frozenset(ids | {estem(t) for t in ids})
            names = {f.compact for f in forms.values() if f.field != "expansion"}
            entry.senses = tuple(r for r in sense_rules if app.kind == "shared" and names & set(r.names))
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
        self._max_idf = math.log(1.0 + n)
        self._known = frozenset(self._idf) | OPD_WORDS | WEAK | COMMON_WORDS
        self._domain = frozenset((function_vocab | OPD_WORDS | COMMON_WORDS) - WEAK - GENERIC - STOPWORDS)
        for scope in self._scopes.values():  # national first, then by app id: a stable fan-out order
            for forms_ in scope.text_forms:
                forms_.sort(key=lambda fid: self._fan_order(self._forms[fid].app))
        common = COMMON_WORDS | OPD_WORDS | WEAK | national_vocab
        for ai, entry in enumerate(self._apps):
            scope = self._scopes[entry.part]
            for brand in entry.brands:
                stem = estem(brand)  # "bphtb" finds e-BPHTB; "kinerja" is a word, not e-Kinerja
                for token in (brand, stem) if stem != brand and stem not in common else (brand,):
                    scope.brands[token].append(ai)
                    scope.words.add(token)
        for scope in self._scopes.values():
            for apps_ in scope.brands.values():
                apps_.sort(key=self._fan_order)
        for ai, entry in enumerate(self._apps):
            scope = self._scopes[entry.part]
            for pi, (toks, _, _) in enumerate(entry.functions):
                # a keyword is found through its two rarest words: it is in a name only if they are
                for t in sorted(toks, key=lambda t: (-self._idf.get(t, 0.0), t))[:2]:
                    scope.functions[t].append((ai, pi))
                    scope.words.add(t)

    def _fan_order(self, ai: int) -> tuple[bool, str]:
        app = self._apps[ai].app
        return (app.kind != "shared", app.app_id)

    def _w(self, token: str) -> float:
        w = self._idf.get(token, self._max_idf)
        return w * WEAK_FACTOR if token in WEAK or token in GENERIC else w

    def _weight(self, tokens: Iterable[str]) -> float:
        return sum(self._w(t) for t in tokens)

    # --- public -------------------------------------------------------------------------------

    def match(self, query: LineQuery) -> list[Candidate]:
        """Candidates for one line: best first, at most top_k, each scoring >= review_threshold.

        Identical lines (same name, description and region) share one explanation dict: treat
        explanations as read-only."""
        app_name, description, region = query.app_name or "", query.description or "", query.region_code
        name, sig = self._signature(app_name)
        found = self._line_cache.get((sig, description, region))
        if found is None:
            if region is not None and not self._region_matters(name, sig, description, region):
                region = None  # nothing of the region's own: the line matches as in any region
            key = (sig, description, region)
            found = self._line_cache.get(key)
            if found is None:
                found = self._match(app_name, description, region)
                if len(self._line_cache) > 300_000:
                    self._line_cache.clear()
                self._line_cache[key] = found
        out = []
        query_part = None
        for ai, score, relation, expl in found:
            if expl["query"]["name"] != app_name:  # found for another spelling of the same name
                if query_part is None:
                    naming = name if name.tokens else self._desc(description).name
                    query_part = self._query_part(name, naming)
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

    def _signature(self, app_name: str) -> tuple[NormalizedName, tuple]:
        """The normalised name and the key under which lines that normalise alike share results."""
        hit = self._sig_cache.get(app_name)
        if hit is None:
            name = self.lexicon.normalize(app_name)
            integration = integration_targets(app_name)
            full = (
                name.text, name.variants, name.stems, name.light, name.declared,
                name.context if name.generic else (), integration, bool(integration) and integration_head(app_name),
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
        if region not in self._scopes:
            return False
        if sig[1] or (description and integration_targets(description)):
            return True
        desc = self._desc(description)
        naming = name if name.tokens or not desc.name.tokens else desc.name
        if self._name_evidence(naming, region):
            return True
        hits, mentions = self._desc_hits(description, desc, region)
        if hits or mentions:
            return True
        if region in self._glob_regions(naming):
            return True
        g_hits, g_mentions = self._desc_hits(description, desc, None)
        return any(self._apps[ai].app.region_code == region for ai in (*g_hits, *g_mentions))

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

    def match_many(self, queries: Iterable[LineQuery]) -> list[list[Candidate]]:
        """`match` for each query, in order. Lines are blocked by region first: each region's names
        are scored against that region's own apps in one rapidfuzz call."""
        queries = list(queries)
        with _no_gc():
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

    # --- one line -----------------------------------------------------------------------------

    def _match(
        self, app_name: str, description: str, region: str | None
    ) -> list[tuple[int, float, str, dict]]:
        name = self.lexicon.normalize(app_name)
        desc = self._desc(description)
        naming = name if name.tokens or not desc.name.tokens else desc.name  # "Aplikasi" + description
        evidence = self._evidence_for(naming, region)
        hits, mentions = self._desc_hits(description, desc, None)
        if region is not None and region in self._scopes:
            own_hits, own_mentions = self._desc_hits(description, desc, region)
            if own_hits or own_mentions:
                hits, mentions = {**hits, **own_hits}, {**mentions, **own_mentions}
        line_tokens = set(name.tokens) | set(name.stems) | desc.tokens
        floor = self._floor if desc.tokens else self.review_threshold  # no description, no +4
        scored = {
            ai: self._score(ai, evidence.get(ai), hits, mentions, name, naming, desc, line_tokens)
            for ai in self._worth_scoring(evidence, hits, mentions, floor)
        }
        if integration_targets(app_name) or (description and integration_targets(description)):
            self._relations(app_name, description, region, evidence, scored)
        if len(scored) > 1:
            self._ambiguity(scored)
        ranked = sorted(
            (s for s in scored.values() if s.score >= self.review_threshold),
            key=lambda s: self._order(s, region),
        )
        return [
            (s.ai, round(min(s.score, 100.0), 1), s.relation, self._explain(s, name, naming, hits, mentions))
            for s in ranked[: self.top_k]
        ]

    def _worth_scoring(self, evidence: dict[int, _Ev], hits: dict, mentions: dict, floor: float) -> list[int]:
        """Every national candidate that can reach the review threshold, those found in the
        description, and the best `top_k + 3` existing apps by evidence (penalties only lower a
        score; the description's confirmation adds 4 at most)."""
        limit = self.top_k + 3
        national, existing = [], []
        apps = self._apps
        for ai, ev in evidence.items():
            if ev.score >= floor:
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
        name: NormalizedName,
        naming: NormalizedName,
        desc: _Desc,
        line_tokens: set[str],
    ) -> _Scored:
        entry = self._apps[ai]
        if ev is None:
            hit = hits.get(ai)
            score = (
                DESC_MENTION if ai in mentions else DESC_ONLY_BASE + DESC_ONLY_STEP * min(len(hit or ()), 3)
            )
            return self._senses(_Scored(ai, score, None), entry, line_tokens)
        out = _Scored(ai, ev.score, ev)
        if ev.light is not None and ev.light != naming.light:
            out.score = min(out.score, NORMALISED_EXACT)
            out.scorer = "exact (normalised)"
        penalties: list[dict] = []
        if desc.tokens:
            words = entry.single_functions & desc.tokens
            if (ai in hits or ai in mentions or words) and naming is name:
                if out.score < 100:
                    add = min(DESC_CONFIRM, 100 - out.score)
                    out.score += add
                    said = [*hits.get(ai, ()), *([mentions[ai]] if ai in mentions else ()), *sorted(words)]
                    out.boosts = [
                        {"reason": "the description confirms the app", "points": add, "words": said}
                    ]
            elif desc.content and ev.field != "function":
                penalty = self._description_penalty(ai, entry, hits, desc)
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
        if penalties:
            out.penalties = penalties
            out.score -= sum(p["points"] for p in penalties)
        return self._senses(out, entry, line_tokens) if entry.senses else out

    @staticmethod
    def _declares_other(name: NormalizedName, entry: _App, ev: _Ev) -> bool:
        """The line gives itself a one-word name (SIMRS) that is none of the app's (SIRS), and the
        match came from its other words."""
        if not name.declared or not entry.ids or ev.field == "function" or ev.qform in name.declared:
            return False
        return not any(_consistent(d, entry.ids) for d in name.declared)

    def _description_penalty(self, ai: int, entry: _App, hits: dict, desc: _Desc) -> dict | None:
        """The description points at another app's functions, or is about another subject."""
        elsewhere = next((o for o in hits if o != ai), None)
        if elsewhere is not None and entry.functions:
            return {
                "rule": "description-points-elsewhere",
                "points": ELSEWHERE_POINTS,
                "reason": f"the description names functions of another app ({self._apps[elsewhere].app.name}) "
                "and none of this one",
            }
        if len(desc.content) >= 2 and desc.content & self._domain and not desc.keys & entry.vocab_keys:
            return {
                "rule": "description-unrelated",
                "points": UNRELATED_POINTS,
                "reason": "the description is about another subject and shares no word with the app",
            }
        return None

    def _senses(self, out: _Scored, entry: _App, line_tokens: set[str]) -> _Scored:
        for rule in entry.senses:
            signal = next((s for s in rule.signals if set(s.split()) <= line_tokens), None)
            if signal:
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

    def _order(self, s: _Scored, region: str | None) -> tuple:
        """Matches (>= match_threshold) in the policy's order: national app, another region's
        shareable app, the region's own app; then by score. Below the match threshold: by score."""
        app = self._apps[s.ai].app
        rank = 0 if app.kind == "shared" else 2 if app.region_code == region else 1
        strong = s.score >= self.match_threshold
        return (not strong, rank if strong else 0, -s.score, rank, app.app_id)

    def _relations(
        self,
        app_name: str,
        description: str,
        region: str | None,
        evidence: dict[int, _Ev],
        scored: dict[int, _Scored],
    ) -> None:
        """Integration phrasing. When the name's own action is integration ("Integrasi SIMPEG dengan
        SIASN", "Bridging SIMRS ke SATUSEHAT") every app it names gets relation "integration". When
        a build merely integrates ("Pembangunan ... terintegrasi dengan SIASN", or the description
        says so), the target becomes an integration candidate unless the name itself re-builds it."""
        head_found = False
        for source, text in (("name", app_name), ("description", description)):
            if not text:
                continue
            head = source == "name" and integration_head(text)
            for cue, target in integration_targets(text):
                tnorm = self.lexicon.normalize(target)
                if tnorm.generic:
                    continue
                for ai, ev in self._evidence_for(tnorm, region).items():
                    if ev.score < self.review_threshold:
                        continue
                    info = {"cue": cue, "target": target, "found_in": source, "role": "target"}
                    cur = scored.get(ai)
                    if not head and ai in evidence and evidence[ai].score >= self.match_threshold:
                        if cur is not None and cur.integration is None:
                            cur.integration = {**info, "ignored": "the name itself re-builds this app"}
                        continue
                    if cur is None:
                        cur = scored[ai] = _Scored(ai, ev.score, ev)
                    head_found = head_found or head
                    if cur.relation != "integration" or cur.score < ev.score:
                        cur.relation = "integration"
                        cur.score = max(cur.score, ev.score)
                        cur.integration = info
        if head_found:
            for cur in scored.values():
                if cur.relation == "rebuild" and cur.ai in evidence:
                    cur.relation = "integration"
                    cur.integration = {
                        "role": "integrated app",
                        "reason": "the line integrates it, it does not re-build it",
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
            base = self._ev_keys[name.raw] = (
                name.text,
                name.variants,
                name.stems,
                name.raw if name.generic else "",
            )
        key = (base, scope_key)
        hit = self._name_cache.get(key)
        if hit is None:
            scope = self._scopes[scope_key]
            if scope_key is not None and self._nothing_in(scope, name):
                hit = {}
            else:
                found = self._compute_name_evidence(name, scope)
                hit = {ai: ev for ai, ev in found.items() if ev.score >= self._floor}
                if scope_key is None:
                    hit = self._cap_copies(hit)
            if len(self._name_cache) > 600_000:
                self._name_cache.clear()
                self._ev_keys.clear()
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
            prepared = scope.lexical.get(qf)
            if prepared is None:
                limit = self.block_limit * (3 if len(qt) == 1 else 1)  # coined one-word names: wider
                tids = scope.index.search_ids(name_keys(qf), limit)
            else:
                tids = list(prepared) + [
                    t for w in qset for t in scope.word_texts.get(w, ()) if t not in prepared
                ]
            if not tids:
                continue
            texts = scope.texts
            if len(tids) > 4:
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
                    if name.generic or form.generic:
                        same_place = scorer == "exact" and bool(set(name.context) & set(form.context))
                        score = min(score, GENERIC_SAME_PLACE if same_place else GENERIC_CAP)
                    if score >= self._floor:
                        keep(form.app, _Ev(score, scorer, base, form.field, qf, text, matched, light=light))
                    # the whole catalog name inside a longer line name: each extra word costs points
                    if contained and not form.generic:
                        self._contained(
                            form.app, qt, set(ftoks), CONTAIN_STRONG, CONTAIN_WEAK, qf, text, form.field,
                            "name_contained", keep,
                        )  # fmt: skip
            if len(qt) > 1 and scope.brands:  # the app's one-word name inside a longer line name
                pairs = [(t, {t}) for t in qset] + [(a + b, {a, b}) for a, b in itertools.pairwise(qt)]
                for token, used in pairs:
                    for n, ai in enumerate(scope.brands.get(token, ())):
                        if n >= fan_limit + 3:
                            break
                        self._contained(
                            ai, qt, used, BRAND_STRONG, BRAND_WEAK, qf, token, "name", "brand_token", keep
                        )
        self._function_evidence(name, scope, keep)
        return out

    def _contained(
        self, ai: int, qt: list[str], used: set[str], strong_pts: float, weak_pts: float,
        qf: str, aform: str, fld: str, scorer: str, keep: Callable[[int, _Ev], None],
    ) -> None:  # fmt: skip
        vocab = self._apps[ai].vocab
        others = [o for o in qt if o not in used and o not in vocab and estem(o) not in vocab]
        strong = sum(1 for o in others if o not in WEAK and o not in GENERIC)
        score = 98.0 - strong_pts * strong - weak_pts * (len(others) - strong)
        if score >= self._floor:
            keep(ai, _Ev(score, scorer, score, fld, qf, aform, tuple(sorted(used))))

    def _function_evidence(
        self, name: NormalizedName, scope: _Scope, keep: Callable[[int, _Ev], None]
    ) -> None:
        """Function keywords in the name: 50 + 45 x (IDF-weighted share of the name they cover)."""
        if not scope.functions:
            return
        forms = []
        for qf in name.forms:
            qt = qf.split()
            joined = {a + b: (a, b) for a, b in itertools.pairwise(qt)}
            forms.append((qf, qt, set(qt) | {estem(x) for x in qt} | set(joined), joined))
        lookup = {t for _, _, ext, _ in forms for t in ext}
        if scope.functions.keys().isdisjoint(lookup):
            return
        covered: dict[tuple[int, str], set[str]] = defaultdict(set)
        keywords: dict[tuple[int, str], list[str]] = defaultdict(list)
        reverse: dict[tuple[int, str], tuple[float, str]] = {}
        seen: set[tuple[int, int]] = set()
        for t in lookup:
            for ai, pi in scope.functions.get(t, ()):
                if (ai, pi) in seen:
                    continue
                seen.add((ai, pi))
                toks, _, kw = self._apps[ai].functions[pi]
                for qf, qt, ext, joined in forms:
                    if toks <= ext:
                        words = covered[(ai, qf)]
                        words.update(x for x in qt if x in toks or estem(x) in toks)
                        for j, (a, b) in joined.items():
                            if j in toks:
                                words.update((a, b))
                        keywords[(ai, qf)].append(kw)
                    elif set(qt) < toks:
                        cov = self._weight(qt) / max(self._weight(toks), 1e-9)
                        score = FUNCTION_BASE + FUNCTION_SPAN * REVERSE_FACTOR * cov
                        if score > reverse.get((ai, qf), (0.0, ""))[0]:
                            reverse[(ai, qf)] = (score, kw)
        for (ai, qf), words in covered.items():
            qt = qf.split()
            vocab = self._apps[ai].vocab
            partial = [x for x in qt if x not in words and (x in vocab or estem(x) in vocab)]
            cov = (self._weight(words) + VOCAB_CREDIT * self._weight(partial)) / max(self._weight(qt), 1e-9)
            score = FUNCTION_BASE + FUNCTION_SPAN * min(cov, 1.0)
            kws = tuple(dict.fromkeys(keywords[(ai, qf)]))
            keep(
                ai,
                _Ev(
                    score, "function_keyword", score, "function", qf, kws[0], tuple(sorted(words)), None, kws
                ),
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
            toks = frozenset({t for f in norm.forms for t in f.split()} | set(norm.stems))
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
            hit = _Desc(norm, toks, content, keys)
            if len(self._desc_cache) > 300_000:
                self._desc_cache.clear()
            self._desc_cache[description] = hit
        return hit

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
        for t in desc.tokens:
            for ai, pi in scope.functions.get(t, ()):
                if (ai, pi) in seen:
                    continue
                seen.add((ai, pi))
                toks, _, kw = self._apps[ai].functions[pi]
                if toks <= desc.tokens and (len(toks) >= 2 or _acronym_style(kw)):
                    hits[ai].append(kw)
            for ai in scope.brands.get(t, ()):
                mentions.setdefault(ai, t)
        hit = ({ai: tuple(v) for ai, v in hits.items()}, mentions)
        if len(self._hits_cache) > 300_000:
            self._hits_cache.clear()
        self._hits_cache[(description, scope_key)] = hit
        return hit

    # --- explanation --------------------------------------------------------------------------

    def _query_part(self, name: NormalizedName, naming: NormalizedName) -> dict:
        """The line's side of an explanation (shared by its candidates: read-only)."""
        query = self._query_expl.get((name.raw, naming.text))
        if query is None:
            query = {
                "name": name.raw,
                "normalized": name.text,
                "variants": list(name.variants),
                "removed": name.removed_by_kind(),
            }
            if naming is not name:
                query["named_by_description"] = naming.text
            if len(self._query_expl) > 200_000:
                self._query_expl.clear()
            self._query_expl[(name.raw, naming.text)] = query
        return query

    def _explain(
        self, s: _Scored, name: NormalizedName, naming: NormalizedName, hits: dict, mentions: dict
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
            "query": self._query_part(name, naming),
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
        }
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


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a batch: with millions of cached objects alive, its
    full passes (not the work) would dominate. Nothing built here forms reference cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _acronym_style(keyword: str) -> bool:
    """A one-word keyword written like an acronym ("TNDE", "SIMPEG", "LKjIP")."""
    words = _RAW_WORD.findall(keyword)
    return len(words) == 1 and sum(c.isupper() for c in words[0]) >= 2


@lru_cache(maxsize=100_000)
def _consistent(declared: str, ids: frozenset[str]) -> bool:
    """A line's own acronym fits the app's (equal, e-prefix, or one letter off when long)."""
    if declared in ids or estem(declared) in ids:
        return True
    if len(declared) < 6:
        return False
    n = len(declared)
    return any(abs(len(i) - n) <= 1 and Levenshtein.distance(declared, i, score_cutoff=1) <= 1 for i in ids)


def _split_block(block: list[int], texts: list[str], limit: int = 4000) -> list[list[int]]:
    """A block too large to score at once, split by the next letters (names that far apart in
    spelling score below any sensible group threshold anyway)."""
    if len(block) <= limit:
        return [block]
    parts: dict[str, list[int]] = defaultdict(list)
    for ki in block:
        parts[texts[ki][:5]].append(ki)
    return list(parts.values())


def _with_joins(toks: Sequence[str]) -> set[str]:
    """Tokens plus each neighbouring pair written together ("satu sehat" also gives "satusehat")."""
    out = set(toks)
    out.update(a + b for a, b in itertools.pairwise(toks))
    return out


# --- duplicate groups -----------------------------------------------------------------------------


def duplicate_groups(
    queries: Sequence[LineQuery],
    threshold: float = DEFAULT_GROUP_THRESHOLD,
    *,
    lexicon: Lexicon | None = None,
) -> dict[Hashable, str]:
    """{line key: group id} for lines of a cycle (any OPD, any region) that propose the same app.

    Lines are normalised; identical names form a cluster. Clusters are joined (union-find) when their
    names score >= `threshold` with `lexical_score` (blocked: names sharing the first or the last three
    letters of their token-sorted spelling, each block scored in one rapidfuzz call), or when one name
    is an unambiguous acronym or expansion of the other ("SRIKANDI" / "Sistem Informasi Kearsipan
    Dinamis Terintegrasi"). Only main names are compared fuzzily, so chains of variants cannot glue
    unrelated names together. Left out: generic names (website, aplikasi, hosting ...), names shorter than
    three letters and lines that integrate with another app. Groups of one line are dropped. A group
    id is "DG-" + 10 hex of the SHA-1 of the group's canonical name (its most frequent normalised name,
    ties alphabetical), so it depends neither on line keys nor on their order."""
    with _no_gc():
        return _duplicate_groups(queries, threshold, lexicon or default_lexicon())


def _duplicate_groups(queries: Sequence[LineQuery], threshold: float, lex: Lexicon) -> dict[Hashable, str]:
    members: dict[str, list[Hashable]] = defaultdict(list)
    links: dict[str, set[str]] = {}
    for q in queries:
        name = lex.normalize(q.app_name)
        if name.generic or len(name.compact) < 3 or integration_targets(q.app_name or ""):
            continue
        members[name.text].append(q.key)
        if name.text not in links:
            links[name.text] = {
                v for v, acr, _ in name.derived if len(lex.acronym_expansions.get(acr, ())) == 1
            }
    keys = sorted(members)
    position = {key: i for i, key in enumerate(keys)}
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for ki, key in enumerate(keys):
        for variant in links[key]:
            kj = position.get(variant)
            if kj is not None:
                parent[find(kj)] = find(ki)
    # fuzzy links: names scoring >= threshold have nearly the same token-sorted spelling, so they share
    # its first or its last three letters; each such block is scored in one rapidfuzz call
    sorted_keys = [" ".join(sorted(key.split())) for key in keys]
    blocks: dict[str, list[int]] = defaultdict(list)
    for ki, sk in enumerate(sorted_keys):
        blocks["p:" + sk[:3]].append(ki)
        blocks["s:" + sk[-3:]].append(ki)
    for members_ in blocks.values():
        for block in _split_block(members_, sorted_keys):
            if len(block) < 2:
                continue
            texts = [sorted_keys[ki] for ki in block]
            scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8)
            rows, cols = np.nonzero(np.triu(scores, 1))
            for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
                ki, kj = block[row], block[col]
                if find(ki) != find(kj) and lexical_score(keys[ki], keys[ki].replace(" ", ""), keys[kj],
                                                          keys[kj].replace(" ", ""))[0] >= threshold:  # fmt: skip
                    parent[find(kj)] = find(ki)
    groups: dict[int, list[int]] = defaultdict(list)
    for ki in range(len(keys)):
        groups[find(ki)].append(ki)
    out: dict[Hashable, str] = {}
    for kis in groups.values():
        lines = [line for ki in kis for line in members[keys[ki]]]
        if len(lines) < 2:
            continue
        canonical = keys[min(kis, key=lambda ki: (-len(members[keys[ki]]), keys[ki]))]
        gid = "DG-" + hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:10]
        for line in lines:
            out[line] = gid
    return out


def carry_group_ids(groups: dict[Hashable, str], previous: dict[Hashable, str]) -> dict[Hashable, str]:
    """Keep group ids stable across runs: each new group takes the id most of its members had before
    (`previous`: line key -> earlier group id), unless a larger new group already took it; groups
    without earlier members keep their computed id. Ties go to the smaller id, so the result does not
    depend on order."""
    members: dict[str, list[Hashable]] = defaultdict(list)
    for key, gid in groups.items():
        members[gid].append(key)
    taken: set[str] = set()
    renamed: dict[str, str] = {}
    for gid in sorted(members, key=lambda g: (-len(members[g]), g)):
        votes = Counter(previous[k] for k in members[gid] if k in previous)
        choice = next(
            (old for old, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if old not in taken),
            gid,
        )
        if choice in taken:  # the computed id of a group whose members had other ids
            choice = gid
        taken.add(choice)
        renamed[gid] = choice
    return {key: renamed[gid] for key, gid in groups.items()}
