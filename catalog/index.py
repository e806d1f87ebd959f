"""Blocking: an inverted index from name keys to catalog forms, so a line is scored only against the
forms that share something with it, never against the whole catalog.

Keys of a normalised name (see `name_keys`): each token (`w:`), each pair of neighbouring tokens
written together (`w:satusehat` for "satu sehat"), each token without its e-prefix, and the first and
last four letters of each token (`p:`, `s:`), which keep a one-letter typo ("srikandy") in the block,
and, for one-word names, their letter trigrams (`g:`, light), which keep coined names that differ
inside ("simyandu" / "simadu"). A search adds the IDF weight of every key a form shares with the query,
divides by the form's own key weight (a long form does not win by having more keys) and keeps the
heaviest forms.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from catalog.normalize import estem

KEY_WEIGHT = {"w": 1.0, "p": 0.35, "s": 0.35, "g": 0.15}


@lru_cache(maxsize=200_000)
def name_keys(text: str, grams: bool = True) -> frozenset[str]:
    """Blocking keys of one normalised text (`grams=False`: without the letter trigrams)."""
    toks = text.split()
    keys: set[str] = set()
    for i, t in enumerate(toks):
        keys.add("w:" + t)
        stem = estem(t)
        if stem != t:
            keys.add("w:" + stem)
        if i + 1 < len(toks):
            keys.add("w:" + t + toks[i + 1])
        if len(t) >= 4:
            keys.add("p:" + t[:4])
            keys.add("s:" + t[-4:])
            if grams and len(toks) == 1:
                keys.update("g:" + t[j : j + 3] for j in range(len(t) - 2))
    return frozenset(keys)


class BlockingIndex:
    """Inverted index key -> document ids with IDF weights. Add documents, then search.

    `max_postings` bounds the work of a search: a key shared by more documents than that is only
    used when the query has no rarer key (typo keys `p:`/`s:` are then skipped altogether)."""

    def __init__(self, max_postings: int = 5_000) -> None:
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._docs = 0
        self._weights: dict[str, float] = {}
        self._doc_keys: dict[int, list[str]] = {}
        self._norms: dict[int, float] = {}
        self.max_postings = max_postings

    def __len__(self) -> int:
        return self._docs

    def add(self, doc: int, keys: Iterable[str]) -> None:
        keys = list(keys)
        for key in keys:
            self._postings[key].append(doc)
        self._doc_keys[doc] = keys
        self._docs += 1
        self._weights.clear()
        self._norms.clear()

    def _freeze(self) -> None:
        n = max(self._docs, 1)
        self._weights = {k: KEY_WEIGHT[k[0]] * math.log(1.0 + n / len(v)) for k, v in self._postings.items()}
        self._norms = {
            d: math.sqrt(sum(self._weights[k] for k in keys)) or 1.0 for d, keys in self._doc_keys.items()
        }
        size = max(self._doc_keys, default=-1) + 1
        self._norm_array = np.ones(size)
        for d, v in self._norms.items():
            self._norm_array[d] = v
        self._arrays = {k: np.asarray(v, dtype=np.int64) for k, v in self._postings.items()}

    def weight(self, key: str) -> float:
        """IDF weight of a key (0 when no document has it)."""
        if not self._weights and self._postings:
            self._freeze()
        return self._weights.get(key, 0.0)

    def df(self, key: str) -> int:
        return len(self._postings.get(key, ()))

    def search_ids(self, keys: Iterable[str], limit: int = 40) -> list[int]:
        """Like `search`, only the document ids."""
        return [doc for doc, _ in self.search(keys, limit)]

    def search(
        self, keys: Iterable[str], limit: int = 40, min_weight: float = 0.0
    ) -> list[tuple[int, float]]:
        """Documents sharing keys with the query, heaviest first, at most `limit`."""
        postings = self._postings
        present = [(k, postings[k]) for k in keys if k in postings]
        if not present:
            return []
        total = sum(len(p) for _, p in present)
        if total > self.max_postings and any(len(p) > self.max_postings for _, p in present):
            rare = [(k, p) for k, p in present if len(p) <= self.max_postings]
            present = rare or [(k, p) for k, p in present if k[0] == "w"] or present[:1]
            total = sum(len(p) for _, p in present)
        if not self._weights:
            self._freeze()
        if total >= 200:
            return self._search_numpy(present, total, limit, min_weight)
        acc: dict[int, float] = defaultdict(float)
        for key, postings in present:
            w = self._weights[key]
            for doc in postings:
                acc[doc] += w
        norms = self._norms
        acc = {d: s / norms[d] for d, s in acc.items() if s >= min_weight}
        if len(acc) > limit:
            acc = {d: acc[d] for d in heapq.nlargest(limit, acc, key=acc.__getitem__)}
        return sorted(acc.items(), key=lambda x: (-x[1], x[0]))

    def _search_numpy(
        self, present: list, total: int, limit: int, min_weight: float
    ) -> list[tuple[int, float]]:
        """The same search with numpy, for queries whose keys have long postings."""
        arrays = [self._arrays[k] for k, _ in present]
        docs = np.concatenate(arrays)
        weights = np.repeat([self._weights[k] for k, _ in present], [len(p) for _, p in present])
        size = len(self._norm_array)
        if total * 8 >= size:
            acc = np.bincount(docs, weights=weights, minlength=size)
            ids = np.flatnonzero(acc >= max(min_weight, 1e-12))
            sums = acc[ids]
        else:
            ids, inverse = np.unique(docs, return_inverse=True)
            sums = np.bincount(inverse, weights=weights)
            keep = sums >= max(min_weight, 1e-12)
            ids, sums = ids[keep], sums[keep]
        scores = sums / self._norm_array[ids]
        if len(ids) > limit:
            top = np.argpartition(-scores, limit - 1)[:limit]
            ids, scores = ids[top], scores[top]
        order = np.lexsort((ids, -scores))
        return [(int(ids[i]), float(scores[i])) for i in order]
