"""The matcher's evidence in Bahasa Indonesia: labels for its explanation fields and a one-line summary
(`evidence_summary`) for the Keputusan sheet and the review pages.

catalog.match writes its explanations in English (code and logs); auditors read these."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

MATCHED_FIELD_LABELS = {
    "name": "nama aplikasi",
    "alias": "alias aplikasi",
    "acronym": "akronim",
    "expansion": "kepanjangan akronim",
    "function": "fungsi aplikasi",
    "description": "uraian usulan",
}
SCORER_LABELS = {
    "exact": "sama persis",
    "exact (normalised)": "sama persis setelah dinormalkan",
    "exact (normalised, descriptive name)": "sama persis setelah dinormalkan (nama deskriptif)",
    "exact (generic name of the region's own app, the description agrees)": (
        "nama umum aplikasi daerah sendiri, uraian sesuai"
    ),
    "e_prefix_variant": "varian awalan e-",
    "token_sort_ratio": "kemiripan susunan kata",
    "one_letter_typo": "salah ketik satu huruf",
    "name_contained": "nama aplikasi termuat dalam nama usulan",
    "brand_token": "nama singkat aplikasi termuat dalam nama usulan",
    "brand_token (ordinary word)": "nama singkat aplikasi (kata umum) termuat dalam nama usulan",
    "function_keyword": "kata kunci fungsi",
    "function_keyword (by root)": "kata kunci fungsi (kata dasar)",
    "function_keyword (line name inside keyword)": "kata kunci fungsi (nama usulan termuat dalam kata kunci)",
    "description_keywords": "kata kunci uraian",
    "brand_typo": "nama singkat aplikasi dengan salah ketik satu huruf",
    "brand_typo (neighbouring key)": "nama singkat aplikasi dengan satu huruf tertukar tombol di sebelahnya",
    "function_keyword (the keyword's weak words unsaid)": (
        "kata kunci fungsi (kata pelengkap atau kata kerja kata kunci tidak disebut)"
    ),
    "function_keyword (by root) (the keyword's weak words unsaid)": (
        "kata kunci fungsi (kata dasar; kata pelengkap atau kata kerja kata kunci tidak disebut)"
    ),
    "function_keyword (several of its functions)": "kata kunci fungsi (beberapa fungsi aplikasi ini)",
    "function_keyword (by root) (several of its functions)": (
        "kata kunci fungsi (kata dasar; beberapa fungsi aplikasi ini)"
    ),
    "brand_token (the region's own app)": "nama singkat aplikasi daerah sendiri termuat dalam nama usulan",
}
STANDING_LABELS = {
    "national": "aplikasi umum nasional",
    "own region": "aplikasi daerah sendiri",
    "shareable, other region": "aplikasi daerah lain yang dapat dibagipakaikan",
}
ACRONYM_SOURCES = {"curated": "daftar kurasi", "learned": "dipelajari dari katalog"}
RULE_LABELS = {
    "ambiguous-name": "nama usulan sama cocoknya dengan beberapa aplikasi nasional",
    "declared-acronym-differs": "usulan menyebut akronim lain",
    "line-acronym-differs": "akronim usulan bukan akronim aplikasi ini",
    "spelled-out-name-differs": "kepanjangan nama pada usulan berbeda",
    "description-points-elsewhere": "uraian menyebut fungsi aplikasi lain",
    "description-unrelated": "uraian membahas hal lain",
    "acronym-meaning-differs": "uraian memaknai akronim usulan sebagai kepanjangan lain",
}

Rewrite = Callable[[Mapping[str, str]], str]
_DIFFERENT_WORDS = re.compile(r"(?P<scorer>\S+) \(different words: (?P<a>.+) / (?P<b>.+)\)")
_REASONS: list[tuple[re.Pattern[str], Rewrite]] = [
    (
        re.compile(r"the description confirms the app \((?P<n>\d+) of its functions, no other app's\)"),
        lambda m: f"uraian menguatkan kecocokan ({m['n']} fungsi aplikasi ini, bukan aplikasi lain)",
    ),
    (
        re.compile(r"the description confirms the app"),
        lambda m: "uraian menguatkan kecocokan dengan aplikasi",
    ),
    (
        re.compile(
            r"the description states several functions of this app and none of another; the name "
            r"does not contradict it"
        ),
        lambda m: "uraian menyebut beberapa fungsi aplikasi ini dan bukan fungsi aplikasi lain",
    ),
    (
        re.compile(
            r"the region already runs an app of this function: the line maintains, develops or re-builds it"
        ),
        lambda m: (
            "daerah sudah memiliki aplikasi dengan fungsi ini: usulan memelihara, mengembangkan atau "
            "membangun ulang aplikasi tersebut"
        ),
    ),
    (
        re.compile(
            r"the region already runs its own app of this national app's function: the line re-builds it"
        ),
        lambda m: (
            "daerah sudah memiliki aplikasi sendiri dengan fungsi aplikasi umum ini: usulan membangun ulang "
            "aplikasi daerah tersebut"
        ),
    ),
    (
        re.compile(
            r"the name states a function of the region's own app and no other app comes within "
            r"(?P<n>\d+) points"
        ),
        lambda m: (
            "nama usulan menyebut fungsi aplikasi milik daerah sendiri dan tidak ada aplikasi lain dalam "
            f"selisih {m['n']} poin"
        ),
    ),
    (
        re.compile(
            r"the name states this app's function whole and no other app comes within (?P<n>\d+) points"
        ),
        lambda m: (
            f"nama usulan menyebut utuh fungsi aplikasi ini dan tidak ada aplikasi lain dalam selisih {m['n']} poin"
        ),
    ),
    (
        re.compile(
            r"the name states a function of this app and the description agrees with it, naming more of "
            r"its functions than of any other app's"
        ),
        lambda m: (
            "nama usulan menyebut fungsi aplikasi ini dan uraian sejalan, lebih banyak menyebut fungsi "
            "aplikasi ini daripada fungsi aplikasi lain"
        ),
    ),
    (
        re.compile(r"the line maintains or licenses an app, and the region runs this one"),
        lambda m: (
            "usulan memelihara atau memperpanjang lisensi aplikasi, dan daerah menjalankan aplikasi ini"
        ),
    ),
    (
        re.compile(r"the description reads (?P<acr>\S+) as \"(?P<other>.+)\"; the app is \"(?P<own>.+)\""),
        lambda m: f"uraian memaknai {m['acr']} sebagai «{m['other']}», sedangkan aplikasi ini «{m['own']}»",
    ),
    (
        re.compile(r"the line calls itself (?P<declared>.+); the app is (?P<ids>.+)"),
        lambda m: f"usulan menyebut dirinya {m['declared']}, sedangkan aplikasi ini {m['ids']}",
    ),
    (
        re.compile(
            r"the match came from writing out the line's acronym (?P<a>\S+), which is not this "
            r"app's \((?P<ids>.+)\)"
        ),
        lambda m: (
            f"kecocokan berasal dari kepanjangan akronim {m['a']}, yang bukan akronim aplikasi ini ({m['ids']})"
        ),
    ),
    (
        re.compile(r"the line spells (?P<short>\S+) out as (?P<words>\".+\"); the app is (?P<app>.+)"),
        lambda m: f"usulan menjabarkan {m['short']} sebagai {m['words']}; aplikasi ini {m['app']}",
    ),
    (
        re.compile(r"the description names functions of another app \((?P<app>.+)\) and none of this one"),
        lambda m: f"uraian menyebut fungsi aplikasi lain ({m['app']}), bukan fungsi aplikasi ini",
    ),
    (
        re.compile(
            r"the description is about another subject: the app's vocabulary explains (?P<p>\d+)% of "
            r"its words"
        ),
        lambda m: f"uraian membahas hal lain: kosakata aplikasi hanya menjelaskan {m['p']}% kata uraian",
    ),
    (
        re.compile(r"the description is about another subject and shares no word with the app"),
        lambda m: "uraian membahas hal lain dan tidak memuat satu kata pun dari aplikasi ini",
    ),
    (
        re.compile(r"the name fits (?P<names>.+) equally"),
        lambda m: f"nama usulan sama cocoknya dengan {m['names']}",
    ),
    (
        re.compile(r"the line's action is integration: it does not re-build the apps it names"),
        lambda m: "usulan berupa integrasi: tidak membangun ulang aplikasi yang disebut",
    ),
    (
        re.compile(r"the description names it as another system the line works with"),
        lambda m: "uraian menyebutnya sebagai sistem lain yang terhubung dengan usulan",
    ),
    (
        re.compile(r"the line integrates it, it does not re-build it"),
        lambda m: "usulan mengintegrasikannya, tidak membangun ulang",
    ),
]


def matched_field_label(field: str | None) -> str:
    return MATCHED_FIELD_LABELS.get(field or "", field or "-")


def scorer_label(scorer: str | None) -> str:
    text = scorer or ""
    if text in SCORER_LABELS:
        return SCORER_LABELS[text]
    found = _DIFFERENT_WORDS.fullmatch(text)
    if found:
        base = SCORER_LABELS.get(found["scorer"], found["scorer"])
        return f"{base} (kata berbeda: {found['a']} / {found['b']})"
    return text or "-"


def acronym_source_label(source: str | None) -> str:
    return ACRONYM_SOURCES.get(source or "", source or "-")


def reason_label(reason: str | None) -> str:
    """A boost's or penalty's reason in Indonesian; catalog-defined reasons are kept as written."""
    text = (reason or "").strip()
    for pattern, rewrite in _REASONS:
        found = pattern.fullmatch(text)
        if found:
            return rewrite(found.groupdict())
    return text


def _points(value: object) -> str:
    number = float(value) if isinstance(value, int | float) else 0.0
    return f"{number:.0f}" if number == int(number) else f"{number:.1f}".replace(".", ",")


def evidence_summary(explanation: Mapping | None) -> str:
    """One Indonesian line on why a line matched its app: what matched what, how, and what raised or
    lowered the score. Empty for a line without a match."""
    match = (explanation or {}).get("match")
    if not isinstance(match, Mapping) or not match.get("app"):
        return ""
    app = match["app"]
    standing = STANDING_LABELS.get(match.get("standing", ""), "")
    head = f"{app.get('name')} ({standing})" if standing else str(app.get("name"))
    query_form, app_form = match.get("query_form"), match.get("app_form")
    field = matched_field_label(match.get("matched_field"))
    said = f"«{query_form}» ≈ {field} «{app_form}»" if query_form and app_form else field
    parts = [f"{head}: {said}, {scorer_label(match.get('scorer'))} {_points(match.get('scorer_score'))}"]
    for boost in match.get("boosts") or ():
        words = ", ".join(str(w) for w in (boost.get("words") or ())[:5])
        parts.append(
            f"+{_points(boost.get('points'))} {reason_label(boost.get('reason'))}"
            + (f" ({words})" if words else "")
        )
    for penalty in match.get("penalties") or ():
        label = RULE_LABELS.get(penalty.get("rule", ""), reason_label(penalty.get("reason")))
        parts.append(f"−{_points(penalty.get('points'))} {label}")
    if match.get("relation") == "integration":
        parts.append("hubungan: integrasi, bukan pembangunan ulang")
    parts.append(f"skor {_points(match.get('score'))}")
    return "; ".join(parts)
