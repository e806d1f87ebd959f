"""The 552 pemda (38 provinces, 514 kabupaten/kota) by Kemendagri code, from data/catalog/wilayah.csv."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["RegionError", "check_region", "known_regions", "region_name"]


class RegionError(ValueError):
    """A region code that is not a Kemendagri code of a province, kabupaten or kota."""


@lru_cache(maxsize=1)
def known_regions() -> dict[str, str]:
    """{code: name}, e.g. {"35.19": "Kabupaten Madiun", "92": "Papua Barat", ...}."""
    from catalog.load import load_regions

    return {code: region.name for code, region in load_regions().items()}


def check_region(code: str) -> str:
    """`code` trimmed, if it is one of the pemda of the bundled list; RegionError otherwise."""
    code = (code or "").strip()
    regions = known_regions()
    if code in regions or not regions:
        return code
    hint = "e.g. 35.19 for Kabupaten Madiun, 92 for Provinsi Papua Barat; see data/catalog/wilayah.csv"
    raise RegionError(f"unknown region code {code!r}: use the Kemendagri code ({hint})")


def region_name(code: str) -> str:
    """The pemda's name from the bundled list ("Kabupaten Madiun"), or "" for an unknown code."""
    return known_regions().get(code, "")
