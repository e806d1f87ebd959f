"""Exact rupiah amounts from spreadsheet cells.

`parse_rupiah` turns what planners type into whole rupiah, exactly: strings go through `Decimal`,
never through float arithmetic. Accepted forms include ``"Rp 1.250.000.000,00"``, ``"1.250.000.000"``,
``"1250000000"``, ``"2,500,000.00"`` (English separators), ``"Rp. 2.500.000"``, ``"1.500.000,-"`` and
scaled amounts ``"1,25 M"``, ``"1,25 Miliar"``, ``"150 jt"``, ``"150 juta"``, ``"500 rb"``, ``"2 T"``.

Separators: when both ``.`` and ``,`` occur, the last one is the decimal mark. When only one kind
occurs, it is a thousands separator if it occurs more than once or is followed by exactly three
digits (``"1.250"`` is 1,250 rupiah: fractions of a rupiah never have three digits), otherwise it is a
decimal mark (``"1250000,50"``). With a scale word a single separator followed by one, two or four
or more digits is a decimal mark (``"1.5 M"``, ``"1,25 M"``, ``"1,5 jt"``); a single ``.`` followed by
exactly three digits (``"1.250 jt"``, ``"1.250 M"``) is ambiguous (Indonesian planners usually mean
1.250 juta, an English reader 1.25 juta) and is refused with a reason naming both readings. A single
``,`` before three digits (``"1,250 M"``) stays a decimal mark, as Indonesian writes it.

Rounding: budgets are in whole rupiah, so a fractional result (``"1.250,50"``, a float from a
formula, ``"1,2345 jt"``) is rounded half up (0.5 -> 1), as Excel's ROUND and SIPD's print do.
Negative amounts are errors: a budget proposal cannot be negative. So are amounts over `MAX_AMOUNT`
(Rp 1.000 triliun), far beyond any regional budget item and beyond what the database stores safely.
Numbers typed as numbers are shown in messages in rupiah style (``-50.000.000``, ``0,5``).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["MAX_AMOUNT", "AmountError", "format_number", "parse_rupiah", "too_large"]


class AmountError(ValueError):
    """A cell value that is not a usable rupiah amount; the message says why."""


MAX_AMOUNT = 10**15  # Rp 1.000 triliun: no item comes near it; BIGINT and SQLite INTEGER hold it easily
_MAX_DIGITS = len(str(MAX_AMOUNT))


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


def format_number(value: int | float | Decimal) -> str:
    """A number as Indonesian writes rupiah: -50000000.0 -> "-50.000.000", 1234.5 -> "1.234,5"."""
    number = (
        value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    )
    sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int) or abs(exponent) > 40 or len(digits) > 40:
        return f"{value}"  # nan, inf or an absurd exponent: as Python prints it
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    shown = f"{int(whole):,}".replace(",", ".") + (f",{fraction}" if fraction else "")
    return ("-" if sign and number else "") + shown


def too_large(shown: str) -> str:
    """The reason for an amount over MAX_AMOUNT."""
    return f"{shown} is too large for one item (the limit is Rp 1.000.000.000.000.000, i.e. Rp 1.000 triliun)"


def _whole_rupiah(value: Decimal, shown: str) -> int:
    try:
        if value < 0:
            raise AmountError(f"{shown} is negative; an amount cannot be negative")
        if value > MAX_AMOUNT:
            raise AmountError(too_large(shown))
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except ArithmeticError as exc:  # decimal.InvalidOperation and friends
        raise AmountError(f"{shown} is not an amount") from exc


class _Ambiguous(Exception):
    """A scaled "1.250": 1.250 x scale or 1,25 x scale."""

    def __init__(self, whole: str, tail: str) -> None:
        super().__init__(whole, tail)
        self.whole, self.tail = whole, tail


def _split_number(digits: str, scaled: bool) -> Decimal | None:
    """Read a digit string with `.`/`,` separators; None when it is not a well-formed number."""
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal_mark = "." if digits.rfind(".") > digits.rfind(",") else ","
    elif dots or commas:
        mark = "." if dots else ","
        whole, tail = digits.rsplit(mark, 1)
        single = (dots or commas) == 1
        if scaled and single and mark == "." and len(tail) == 3 and whole.lstrip("0"):
            raise _Ambiguous(whole, tail)
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
        digits = whole.replace(".", "") if len(whole) > 3 else whole
        if len(digits) >= _MAX_DIGITS and len(digits.lstrip("0")) >= _MAX_DIGITS:
            return _parse_general(text)  # near or over the limit: the careful path says why
        amount = int(digits)
        return amount + 1 if fraction is not None and int(fraction.ljust(2, "0")) >= 50 else amount
    return _parse_general(text)


_SCALE_NAMES = {10**3: "ribu", 10**6: "juta", 10**9: "miliar", 10**12: "triliun"}


def _ambiguous(shown: str, two: _Ambiguous, word: str, scale: int) -> str:
    """'"1.250 jt" is ambiguous (1.250 juta or 1,25 juta): write 1.250.000.000 or 1,25 jt'."""
    name = _SCALE_NAMES[scale]
    fraction = two.tail.rstrip("0")
    as_decimal = f"{two.whole},{fraction}" if fraction else two.whole
    as_thousands = format_number(int(two.whole + two.tail) * scale)
    return (
        f"{shown} is ambiguous ({two.whole}.{two.tail} {name} or {as_decimal} {name}): "
        f"write {as_thousands} or {as_decimal} {word}"
    )


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
        try:
            number = _split_number(body, scaled=scale != 1)
        except _Ambiguous as two:
            raise AmountError(_ambiguous(shown, two, match.group(1), scale)) from None
    else:
        number = None
    if number is None:
        raise AmountError(f"{shown} is not an amount")
    if negative and number:
        raise AmountError(f"{shown} is negative; an amount cannot be negative")
    try:
        number = number * scale if scale != 1 else number
    except ArithmeticError as exc:  # decimal.Overflow of "1E999999999 M"
        raise AmountError(too_large(shown)) from exc
    return _whole_rupiah(number, shown)


def parse_rupiah(value: object) -> int:
    """Whole rupiah from an int, float, Decimal or text cell; raises AmountError when not an amount."""
    if isinstance(value, bool) or value is None:
        raise AmountError(f"{_quote(str(value))} is not an amount")
    if isinstance(value, int):
        if 0 <= value <= MAX_AMOUNT:
            return value
        return _whole_rupiah(Decimal(value), format_number(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AmountError(f"{_quote(str(value))} is not an amount")
        number = Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
        return _whole_rupiah(number, format_number(number))
    if isinstance(value, Decimal):
        try:
            if not value.is_finite():
                raise AmountError(f"{_quote(str(value))} is not an amount")
            return _whole_rupiah(value, format_number(value))
        except InvalidOperation as exc:
            raise AmountError(f"{_quote(str(value))} is not an amount") from exc
    if isinstance(value, str):
        return _parse_text(value)
    raise AmountError(f"{_quote(str(value))} is not an amount")
