"""parse_rupiah: exact whole rupiah from what planners type."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearance.ingest.amounts import MAX_AMOUNT, AmountError, format_number, parse_rupiah


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Rp 1.250.000.000,00", 1_250_000_000),
        ("1.250.000.000", 1_250_000_000),
        ("1250000000", 1_250_000_000),
        ("1,25 M", 1_250_000_000),
        ("1,25 Miliar", 1_250_000_000),
        ("1,25 milyar", 1_250_000_000),
        ("1.25M", 1_250_000_000),
        ("150 jt", 150_000_000),
        ("150 juta", 150_000_000),
        ("150jt", 150_000_000),
        ("500 rb", 500_000),
        ("2 T", 2_000_000_000_000),
        ("Rp. 2.500.000", 2_500_000),
        ("Rp2.500.000", 2_500_000),
        ("IDR 2.500.000", 2_500_000),
        ("2,500,000.00", 2_500_000),
        ("2,500,000", 2_500_000),
        ("1.500.000,-", 1_500_000),
        ("  Rp 75.000  ", 75_000),
        ("1 250 000", 1_250_000),
        ("Rp\u00a01.000.000", 1_000_000),
        ("1.250", 1_250),  # three digits after a single separator: thousands
        ("1250000,50", 1_250_001),  # half up
        ("1250000,49", 1_250_000),
        ("1.25e9", 1_250_000_000),
        (1_250_000_000, 1_250_000_000),
        (1_250_000_000.0, 1_250_000_000),
        (1_234_567.5, 1_234_568),
        (2.5, 3),  # half up, not banker's rounding
        (Decimal("99.5"), 100),
        (0, 0),
    ],
)
def test_parses(value: object, expected: int) -> None:
    assert parse_rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("seratus juta", '"seratus juta" is not an amount'),
        ("-", '"-" is not an amount'),
        ("", "empty amount"),
        ("Rp", '"Rp" is not an amount'),
        ("M", '"M" is not an amount'),
        ("5%", '"5%" is not an amount'),
        ("1.2.3", '"1.2.3" is not an amount'),
        ("1,250.000,00", '"1,250.000,00" is not an amount'),
        ("12 unit", '"12 unit" is not an amount'),
        ("-5.000.000", '"-5.000.000" is negative; an amount cannot be negative'),
        ("Rp -5.000", '"Rp -5.000" is negative; an amount cannot be negative'),
        ("(1.000.000)", '"(1.000.000)" is negative; an amount cannot be negative'),
        (-1, "-1 is negative; an amount cannot be negative"),
        (-0.5, "-0,5 is negative; an amount cannot be negative"),
        (-50_000_000.0, "-50.000.000 is negative; an amount cannot be negative"),
        (float("nan"), '"nan" is not an amount'),
        (True, '"True" is not an amount'),
        (None, '"None" is not an amount'),
    ],
)
def test_rejects_with_reason(value: object, message: str) -> None:
    with pytest.raises(AmountError) as excinfo:
        parse_rupiah(value)
    assert str(excinfo.value) == message
    assert isinstance(excinfo.value, ValueError)


def test_long_text_is_shortened_in_the_message() -> None:
    with pytest.raises(AmountError, match=r'^"x{59}…" is not an amount$'):
        parse_rupiah("x" * 500)


def _dots(n: int, sep: str = ".") -> str:
    return f"{n:,}".replace(",", sep)


STYLES = {
    "plain": str,
    "indonesian": _dots,
    "indonesian with Rp and decimals": lambda n: f"Rp {_dots(n)},00",
    "Rp. prefix": lambda n: f"Rp. {_dots(n)}",
    "trailing ,-": lambda n: f"{_dots(n)},-",
    "english": lambda n: f"{n:,}.00",
    "excel float": float,
    "int": int,
}


@given(n=st.integers(min_value=0, max_value=10**15), style=st.sampled_from(sorted(STYLES)))
def test_round_trip_every_style(n: int, style: str) -> None:
    value = STYLES[style](n)
    if style == "excel float" and n > 2**53:
        return  # beyond a float's exact integers; Excel cannot hold them either
    assert parse_rupiah(value) == n


@given(
    whole=st.integers(min_value=0, max_value=9999),
    fraction=st.integers(min_value=0, max_value=99),
    scale=st.sampled_from([("jt", 10**6), ("juta", 10**6), ("M", 10**9), ("Miliar", 10**9)]),
)
def test_scaled_round_trip(whole: int, fraction: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    text = f"{whole},{fraction:02d} {word}"
    assert parse_rupiah(text) == (whole * 100 + fraction) * factor // 100


@given(
    text=st.from_regex(r"(Rp\.? ?|rp|RP)?[0-9]{1,3}(\.[0-9]{3}){0,4}(,[0-9]{1,3})?(,-)?", fullmatch=True)
    | st.from_regex(r"[0-9]{1,13}(,[0-9]{1,2})?", fullmatch=True)
)
def test_fast_path_agrees_with_the_general_reader(text: str) -> None:
    from clearance.ingest.amounts import _parse_general, _parse_text

    def outcome(parse):
        try:
            return parse(text)
        except AmountError as exc:
            return str(exc)

    assert outcome(_parse_text) == outcome(_parse_general)


TOO_LARGE = "is too large for one item (the limit is Rp 1.000.000.000.000.000, i.e. Rp 1.000 triliun)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1E30", '"1E30"'),  # Decimal's quantize raised InvalidOperation here and crashed the file
        ("99999999999999999999999", '"99999999999999999999999"'),
        ("1.000.000.000.000.001", '"1.000.000.000.000.001"'),
        ("1E999999999", '"1E999999999"'),
        ("9" * 5000, '"' + "9" * 59 + '…"'),  # beyond int()'s 4,300-digit limit
        (1e20, "100.000.000.000.000.000.000"),
        (10**15 + 1, "1.000.000.000.000.001"),
        (Decimal("1E30"), "1.000.000.000.000.000.000.000.000.000.000"),
    ],
)
def test_amounts_over_the_limit_are_rejected(value: object, shown: str) -> None:
    with pytest.raises(AmountError) as excinfo:
        parse_rupiah(value)
    assert str(excinfo.value) == f"{shown} {TOO_LARGE}"


def test_the_limit_itself_is_an_amount() -> None:
    assert MAX_AMOUNT == 10**15
    assert parse_rupiah(10**15) == parse_rupiah("1.000.000.000.000.000") == parse_rupiah(1e15) == 10**15
    assert parse_rupiah("1000 T") == 10**15


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.250 jt", '"1.250 jt" is ambiguous (1.250 juta or 1,25 juta): write 1.250.000.000 or 1,25 jt'),
        (
            "1.250 M",
            '"1.250 M" is ambiguous (1.250 miliar or 1,25 miliar): write 1.250.000.000.000 or 1,25 M',
        ),
        (
            "Rp 12.500 juta",
            '"Rp 12.500 juta" is ambiguous (12.500 juta or 12,5 juta): write 12.500.000.000 or 12,5 juta',
        ),
        ("1.000 M", '"1.000 M" is ambiguous (1.000 miliar or 1 miliar): write 1.000.000.000.000 or 1 M'),
    ],
)
def test_a_dot_before_three_digits_and_a_scale_word_is_ambiguous(value: str, message: str) -> None:
    with pytest.raises(AmountError) as excinfo:
        parse_rupiah(value)
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,25 M", 1_250_000_000),
        ("1.5 M", 1_500_000_000),
        ("1,5 jt", 1_500_000),
        ("150 jt", 150_000_000),
        ("1.250,5 jt", 1_250_500_000),
        ("1.250.000 jt", 1_250_000_000_000),
        ("1,250 M", 1_250_000_000),  # a comma is the Indonesian decimal mark
        ("0.250 M", 250_000_000),
        ("1.2500 M", 1_250_000_000),
    ],
)
def test_unambiguous_scaled_amounts(value: str, expected: int) -> None:
    assert parse_rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (-50_000_000.0, "-50.000.000"),
        (-1_234_567.25, "-1.234.567,25"),
        (Decimal("-1250000.50"), "-1.250.000,5"),
    ],
)
def test_numbers_are_shown_in_rupiah_style(value: object, shown: str) -> None:
    assert format_number(value) == shown
    with pytest.raises(AmountError, match=f"^{shown}"):
        parse_rupiah(value)
