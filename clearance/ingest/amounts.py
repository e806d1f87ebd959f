"""Exact rupiah amounts from spreadsheet cells.

`parse_rupiah` turns what planners type into whole rupiah, exactly: strings go through `Decimal`,
never through float arithmetic. Accepted forms include ``"Rp 1.250.000.000,00"``, ``"1.250.000.000"``,
``"1250000000"``, ``"2,500,000.00"`` (English separators), ``"Rp. 2.500.000"``, ``"1.500.000,-"`` and
scaled amounts ``"1,25 M"``, ``"1,25 Miliar"``, ``"150 jt"``, ``"150 juta"``, ``"500 rb"``, ``"2 T"``.

Separators: when both ``.`` and ``,`` occur, the last one is the decimal mark. When only one kind
occurs, it is a thousands separator if it occurs more than once or is followed by exactly three
digits (``"1.250"`` is 1,250 rupiah: fractions of a rupiah never have three digits), otherwise it is a
decimal mark (``"1250000,50"``). With a scale word a single separator is always a decimal mark
(``"1.250 M"`` is 1.25 billion).

Rounding: budgets are in whole rupiah, so a fractional result (``"1.250,50"``, a float from a
formula, ``"1,2345 jt"``) is rounded half up (0.5 -> 1), as Excel's ROUND and SIPD's print do.
Negative amounts are errors: a budget proposal cannot be negative.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["AmountError", "parse_rupiah"]


class AmountError(ValueError):
    """A cell value that is not a usable rupiah amount; the message says why."""


SCALES: dict[str, int] = {
    "rb": 10**3,
    "ribu": 10**3,
    "k": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "milliar": 10**9,
    "t": 10**12,
    "triliun": 10**12,
    "trilyun": 10**12,
}

_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_SCALE = re.compile(r"(?<=[\d\s.,])(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\.?$", re.I)
_NUMBER = re.compile(r"^\d[\d.,]*$")
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?[eE][+-]?\d+$")
_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$")  # X stands for the thousands separator
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MINUS = ("-", "\u2212", "\u2013")
# The two forms most cells take ("Rp 1.250.000.000,00", "1.250.000"), read without the general path.
_DOTTED = re.compile(r"(?:[Rr][Pp]\.?\s?)?([1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?(?:,-)?")


def _quote(text: str, limit: int = 60) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return f'"{shown}"'


def _whole_rupiah(value: Decimal, shown: str) -> int:
    if value < 0:
        raise AmountError(f"{shown} is negative; an amount cannot be negative")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _split_number(digits: str, scaled: bool) -> Decimal | None:
    """Read a digit string with `.`/`,` separators; None when it is not a well-formed number."""
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal_mark = "." if digits.rfind(".") > digits.rfind(",") else ","
    elif dots or commas:
        mark = "." if dots else ","
        tail = digits.rsplit(mark, 1)[1]
        single = (dots or commas) == 1
        decimal_mark = mark if single and (scaled or len(tail) != 3) else ""
    else:
        decimal_mark = ""
    thousands = {".": ",", ",": "."}.get(decimal_mark, "." if dots else ",")
    whole, _, fraction = digits.partition(decimal_mark) if decimal_mark else (digits, "", "")
    if decimal_mark and (not fraction.isdigit() or thousands in fraction):
        return None
    if thousands in whole and not _GROUPED.match(whole.replace(thousands, "X")):
        return None
    whole = whole.replace(thousands, "")
    if not whole.isdigit():
        return None
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def _parse_text(text: str) -> int:
    if (fast := _DOTTED.fullmatch(text)) is not None:
        whole, fraction = fast.groups()
        amount = int(whole.replace(".", ""))
        return amount + 1 if fraction is not None and int(fraction.ljust(2, "0")) >= 50 else amount
    return _parse_general(text)


def _parse_general(text: str) -> int:
    shown = _quote(text)
    body = _SPACES.sub(" ", text).strip()
    if not body:
        raise AmountError("empty amount")
    body = _CURRENCY.sub("", body)
    negative = body.startswith(_MINUS) or (body.startswith("(") and body.endswith(")"))
    body = _CURRENCY.sub("", body.strip("()").lstrip("".join(_MINUS)).strip()).strip()
    if body.endswith((",-", ".-")):
        body = body[:-2]
    scale = 1
    if match := _SCALE.search(body):
        scale = SCALES[match.group(1).lower()]
        body = body[: match.start()].strip()
    body = body.replace(" ", "")
    if _SCIENTIFIC.match(body) and scale == 1:
        number: Decimal | None = Decimal(body)
    elif _NUMBER.match(body):
        number = _split_number(body, scaled=scale != 1)
    else:
        number = None
    if number is None:
        raise AmountError(f"{shown} is not an amount")
    if negative and number:
        raise AmountError(f"{shown} is negative; an amount cannot be negative")
    return _whole_rupiah(number * scale, shown)


def parse_rupiah(value: object) -> int:
    """Whole rupiah from an int, float, Decimal or text cell; raises AmountError when not an amount."""
    if isinstance(value, bool) or value is None:
        raise AmountError(f"{_quote(str(value))} is not an amount")
    if isinstance(value, int):
        if value < 0:
            raise AmountError(f"{value} is negative; an amount cannot be negative")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AmountError(f"{_quote(str(value))} is not an amount")
        if value.is_integer():
            return _whole_rupiah(Decimal(int(value)), str(value))
        return _whole_rupiah(Decimal(repr(value)), repr(value))
    if isinstance(value, Decimal):
        try:
            if not value.is_finite():
                raise AmountError(f"{_quote(str(value))} is not an amount")
            return _whole_rupiah(value, str(value))
        except InvalidOperation as exc:
            raise AmountError(f"{_quote(str(value))} is not an amount") from exc
    if isinstance(value, str):
        return _parse_text(value)
    raise AmountError(f"{_quote(str(value))} is not an amount")
