"""Duplicate groups among the lines of a cycle (any OPD, any region), with ids that stay stable
across re-runs."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from catalog.integration import integration_targets
from catalog.models import LineQuery
from catalog.normalize import Lexicon, default_lexicon
from catalog.parallel import no_gc
from catalog.scoring import lexical_score

DEFAULT_GROUP_THRESHOLD = 90.0


def _split_block(block: list[int], texts: list[str], limit: int = 4000) -> list[list[int]]:
    """A block too large to score at once, split by the next letters (names that far apart in
    spelling score below any sensible group threshold anyway)."""
    if len(block) <= limit:
        return [block]
    parts: dict[str, list[int]] = defaultdict(list)
    for ki in block:
        parts[texts[ki][:5]].append(ki)
    return list(parts.values())


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
    lex = lexicon or default_lexicon()
    with no_gc():
        return _cluster([(q.key, group_entry(q, lex)) for q in queries], threshold)


GroupEntry = tuple[str, frozenset[str]] | None


def group_entry(query: LineQuery, lex: Lexicon) -> GroupEntry:
    """What grouping needs of one line: its normalised name and the unambiguous acronym or expansion
    variants that link it to other names; None for a line left out (generic, short, integration).
    The per-line part of `duplicate_groups`, so that it can run where the line was matched."""
    name = lex.normalize(query.app_name)
    if name.generic or len(name.compact) < 3 or integration_targets(query.app_name or ""):
        return None
    links = frozenset(v for v, acr, _ in name.derived if len(lex.acronym_expansions.get(acr, ())) == 1)
    return name.text, links


def cluster_groups(
    entries: Sequence[tuple[Hashable, GroupEntry]], threshold: float = DEFAULT_GROUP_THRESHOLD
) -> dict[Hashable, str]:
    """{line key: group id} from (line key, `group_entry`) pairs: the clustering of `duplicate_groups`."""
    with no_gc():
        return _cluster(entries, threshold)


def _cluster(entries: Sequence[tuple[Hashable, GroupEntry]], threshold: float) -> dict[Hashable, str]:
    members: dict[str, list[Hashable]] = defaultdict(list)
    links: dict[str, frozenset[str]] = {}
    for key, entry in entries:
        if entry is None:
            continue
        text, variants = entry
        members[text].append(key)
        links.setdefault(text, variants)
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
