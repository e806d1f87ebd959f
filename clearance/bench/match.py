"""Matching at national scale: a synthetic cycle of 300k lines from 552 regions against a 30k-app
catalog, timed end to end, with an estimate of what exhaustive scoring would cost and how much of
it blocking keeps.

The cycle is built from real names (realdata/app_inventories.csv and the national catalog) with the
variations people write: region and OPD suffixes, proposal verbs, e-prefix spellings, case, typos,
plus invented brand names, generic noise and integration lines (shares in `MIX`). Definitions:
- seconds: Matcher construction + matching every line and grouping them (`Matcher.match_and_group`:
  each line's grouping part is computed where it was matched, reusing the name normalised there;
  then the clustering); match_seconds is the matching with those grouping parts, group_seconds
  the clustering;
- exhaustive_estimate_seconds: rapidfuzz `process.cdist` with the same scorer (token_sort_ratio on
  normalised names, all name forms of a line against all name forms of the catalog, both cores)
  timed on a random sample of lines and scaled to all lines (normalisation not included);
- blocked_recall: of the (line, app) pairs in that sample where the name scorer (`lexical_score`,
  i.e. token_sort_ratio with the exact/e-prefix/short-name rules) reaches the review threshold and
  the app is eligible for the line's region, the share the blocking index also retrieved;
- peak_rss_mb: peak memory of the bench, synthesis included: the larger of this process's peak
  resident set (VmHWM) and the peak sum of proportional set sizes over it and its matching workers
  (`TreeMemory`: pages the forked workers share copy-on-write count once);
  peak_rss_sum_mb is the peak plain sum of their resident sets (shared pages counted in each);
- workers: processes `match_many` shares the regions out to (`catalog.parallel`), this one
  included; 1 is the single-process baseline.
"""

from __future__ import annotations

import csv
import os
import random
import string
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz import process

from catalog.groups import cluster_groups
from catalog.load import load_national_apps, load_regions
from catalog.match import Matcher
from catalog.models import CatalogApp, LineQuery
from catalog.parallel import no_gc
from catalog.scoring import SCORER, lexical_score
from clearance.bench import TreeMemory, peak_rss_mb

ROOT = Path(__file__).resolve().parents[2]
EXISTING_DIR = ROOT / "data" / "catalog" / "existing"
GENERIC_LINES = (
    "Pemeliharaan Website",
    "Sewa Hosting",
    "Langganan Internet",
    "Aplikasi",
    "Pengadaan Lisensi Microsoft Office",
    "Pemeliharaan Server",
    "Jasa Tenaga Ahli Website",
    "Pengembangan Website OPD",
)
VERBS = ("Pembangunan", "Pengembangan", "Pemeliharaan", "Pembuatan", "Belanja Modal Software Berupa", "")
OPDS = (
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "BKPSDM",
    "Diskominfo",
    "Bappeda",
    "Setda",
    "BPKAD",
    "Dinas Sosial",
)
# Share of the cycle's lines (cumulative): a national app's name, alias or function (25%), the
# region's own existing app (35%), another real app name (22%), an invented name (8%), generic
# noise (5%), integration with a national app (5%).
MIX = {"national": 0.25, "own": 0.60, "real": 0.82, "invented": 0.90, "generic": 0.95}
SYLLABLES = (
    "si",
    "ma",
    "pe",
    "ka",
    "ra",
    "ta",
    "na",
    "du",
    "gi",
    "lo",
    "ba",
    "ri",
    "mo",
    "ke",
    "sa",
    "ja",
    "wi",
    "po",
)


def _real_rows(folder: Path = EXISTING_DIR) -> list[tuple[str, str]]:
    """(name, description) of real regional apps: the bundled inventories of four pemda (names and
    aliases as their OPDs wrote them, from ../shared/realdata/app_inventories.csv), web addresses left out."""
    rows: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for r in csv.DictReader(fh):
                description = (r.get("function") or "").replace(";", ", ")
                for name in [r["name"], *(r.get("aliases") or "").split(";")]:
                    name = name.strip()
                    if name and "." not in name.replace(". ", " "):
                        rows.append((name, description))
    return rows


def _typo(rng: random.Random, text: str) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 6:
        return text
    i = rng.choice(letters[2:-1])
    op = rng.random()
    if op < 0.4:
        return text[:i] + text[i + 1 :]
    if op < 0.7:
        return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]


def _vary(rng: random.Random, name: str, region_name: str, typo_rate: float) -> str:
    """A way a planner might write `name`."""
    out = name
    r = rng.random()
    if r < 0.25:
        out = f"{rng.choice(VERBS)} {out}".strip()
    elif r < 0.35:
        out = f"{rng.choice(VERBS)} Aplikasi {out}".strip()
    r = rng.random()
    if r < 0.2:
        out = f"{out} {region_name}"
    elif r < 0.3:
        out = f"{out} {rng.choice(OPDS)}"
    r = rng.random()
    if r < 0.1:
        out = out.upper()
    elif r < 0.2:
        out = out.lower()
    if "e-" in out and rng.random() < 0.5:
        out = out.replace("e-", rng.choice(("e ", "E-", "e", "E ")), 1)
    if rng.random() < typo_rate:
        out = _typo(rng, out)
    return out


def _brand(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).upper()


def synthesize(
    lines: int = 300_000, regions: int = 552, catalog: int = 30_000, seed: int = 0, typo_rate: float = 0.05
) -> tuple[list[CatalogApp], list[LineQuery]]:
    """A national catalog (the bundled national apps + `catalog` existing apps in total) and a cycle."""
    rng = random.Random(seed)
    known = load_regions()
    region_list = sorted(known.values(), key=lambda r: r.code)[:regions] if known else []
    codes = [r.code for r in region_list] or [f"99.{i:03d}" for i in range(regions)]
    names = {r.code: r.name for r in region_list}
    national = load_national_apps()
    real = _real_rows()
    apps: list[CatalogApp] = list(national)
    per_region = max((catalog - len(national)) // len(codes), 1)
    own: dict[str, list[CatalogApp]] = defaultdict(list)
    n = 0
    for code in codes:
        region_name = names.get(code, f"Kab. {code}")
        for _ in range(per_region):
            if len(apps) >= catalog:
                break
            n += 1
            if rng.random() < 0.55:
                base, desc = rng.choice(real)
            else:
                base, desc = f"{_brand(rng)} {rng.choice(('', 'Online', 'Mobile', 'Terpadu'))}".strip(), ""
            name = f"{base} {region_name}" if rng.random() < 0.3 else base
            app = CatalogApp(
                app_id=f"syn-{code}-{n:05d}",
                name=name,
                kind="existing",
                owner=rng.choice(OPDS),
                region_code=code,
                function=tuple(x for x in (desc[:80],) if x),
                shareable=rng.random() < 0.1,
            )
            apps.append(app)
            own[code].append(app)
    national_forms = [(a.name, a.function[0] if a.function else "") for a in national]
    national_forms += [(alias, "") for a in national for alias in a.aliases]
    national_forms += [(f"Aplikasi {kw}", "") for a in national for kw in a.function]
    queries: list[LineQuery] = []
    for i in range(lines):
        code = codes[i % len(codes)]
        region_name = names.get(code, "")
        r = rng.random()
        desc = ""
        if r < MIX["national"]:
            base, desc = rng.choice(national_forms)
        elif r < MIX["own"] and own[code]:
            app = rng.choice(own[code])
            base, desc = app.name, (app.function[0] if app.function else "")
        elif r < MIX["real"]:
            base, desc = rng.choice(real)
        elif r < MIX["invented"]:
            base = _brand(rng)
        elif r < MIX["generic"]:
            base = rng.choice(GENERIC_LINES)
        else:
            target = rng.choice(national).name
            base = rng.choice(
                (f"Integrasi dengan {target}", f"Bridging data ke {target}", f"Sinkronisasi data {target}")
            )
        if rng.random() < 0.5:
            desc = ""
        queries.append(
            LineQuery(
                key=i,
                app_name=_vary(rng, base, region_name, typo_rate),
                description=desc,
                region_code=code,
                opd=rng.choice(OPDS),
                spend_type=rng.choice(("new", "enhancement", "maintenance", "license")),
            )
        )
    return apps, queries


def run_match_bench(
    lines: int = 300_000,
    regions: int = 552,
    catalog: int = 30_000,
    seed: int = 0,
    *,
    sample: int = 1000,
    typo_rate: float = 0.05,
    workers: int | None = None,
) -> dict:
    """Time matching and grouping of a synthetic national cycle (see the module docstring);
    `workers` defaults to the number of cores."""
    workers = workers or os.cpu_count() or 1
    with TreeMemory() as memory:
        t0 = time.perf_counter()
        apps, queries = synthesize(lines, regions, catalog, seed, typo_rate)
        synth_seconds = time.perf_counter() - t0

        t0 = time.perf_counter()
        matcher = Matcher(apps)
        build_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        both = matcher.match_with_group_entries(queries, workers=workers)
        match_seconds = time.perf_counter() - t1
        t2 = time.perf_counter()
        with no_gc():  # millions of result objects alive: the collector's passes would dominate
            groups = cluster_groups([(q.key, entry) for q, (_, entry) in zip(queries, both, strict=True)])
            results = [found for found, _ in both]
        group_seconds = time.perf_counter() - t2
        seconds = time.perf_counter() - t0

    estimate, recall, pairs = _exhaustive_check(matcher, queries, sample, seed)
    matched = sum(1 for r in results if any(c.score >= matcher.match_threshold for c in r))
    return {
        "lines": len(queries),
        "catalog": len(apps),
        "regions": regions,
        "seconds": round(seconds, 2),
        "exhaustive_estimate_seconds": round(estimate, 1),
        "blocked_recall": round(recall, 4),
        "peak_rss_mb": max(peak_rss_mb(), memory.peak_pss_mb),
        "peak_rss_sum_mb": memory.peak_rss_mb,
        "workers": workers,
        "build_seconds": round(build_seconds, 2),
        "match_seconds": round(match_seconds, 2),
        "group_seconds": round(group_seconds, 2),
        "synthesis_seconds": round(synth_seconds, 2),
        "lines_per_second": round(len(queries) / max(match_seconds, 1e-9)),
        "lines_with_match": matched,
        "lines_in_groups": len(groups),
        "groups": len(set(groups.values())),
        "largest_group": max(np.unique(list(groups.values()), return_counts=True)[1], default=0).item()
        if groups
        else 0,
        "recall_sample_lines": sample,
        "typo_rate": typo_rate,
        "recall_sample_pairs": pairs,
    }


def _exhaustive_check(
    matcher: Matcher, queries: list[LineQuery], sample: int, seed: int
) -> tuple[float, float, int]:
    """Exhaustive time estimate and blocked recall on a random sample of lines."""
    rng = random.Random(seed + 1)
    picked = rng.sample(queries, min(sample, len(queries)))
    lex = matcher.lexicon
    forms = matcher._forms
    texts = [f.text for f in forms]
    q_forms: list[tuple[int, str]] = []
    for qi, q in enumerate(picked):
        for form in lex.normalize(q.app_name).forms:
            q_forms.append((qi, form))
    t0 = time.perf_counter()
    scores = process.cdist(
        [f for _, f in q_forms],
        texts,
        scorer=SCORER,
        score_cutoff=matcher.review_threshold,
        dtype=np.float32,
        workers=-1,
    )
    elapsed = time.perf_counter() - t0
    estimate = elapsed * len(queries) / max(len(picked), 1)

    wanted: set[tuple[int, int]] = set()
    rows, cols = np.nonzero(scores >= matcher.review_threshold)
    apps = matcher._apps
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        qi, qf = q_forms[row]
        form = forms[col]
        app = apps[form.app].app
        region = picked[qi].region_code
        if app.kind == "existing" and not app.shareable and app.region_code != region:
            continue
        score, _ = lexical_score(qf, qf.replace(" ", ""), form.text, form.compact)
        if score >= matcher.review_threshold:
            wanted.add((qi, form.app))
    found = 0
    retrieved: dict[int, set[str]] = {}
    for qi, ai in wanted:
        if qi not in retrieved:
            retrieved[qi] = matcher.blocked_app_ids(picked[qi].app_name, picked[qi].region_code)
        found += apps[ai].app.app_id in retrieved[qi]
    return estimate, (found / len(wanted) if wanted else 1.0), len(wanted)
