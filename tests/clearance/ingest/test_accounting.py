"""Row accounting: every non-blank row is ingested, rejected or skipped; blank rows are counted apart
(ParsedFile.blank_rows), so rows_read + blank_rows is the sheet's row count."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearance.ingest import parse_file
from clearance.ingest.read import read_workbook

OPDS = [
    "Dinas Komunikasi dan Informatika",
    "Dinas Kesehatan",
    "Badan Perencanaan Pembangunan Daerah",
    "BKPSDM",
]
APPS = ["SIMPEG", "Aplikasi Surat Menyurat Elektronik", "e-Kinerja", "SIMPUS", "Portal Satu Data", "JDIH"]
AMOUNTS = st.one_of(
    st.integers(1, 10**12),
    st.integers(1, 10**9).map(lambda n: f"Rp {n:,}".replace(",", ".") + ",00"),
    st.integers(1, 999).map(lambda n: f"{n} jt"),
)

TEMPLATE_ROWS = {
    "item": st.builds(
        lambda o, a, m: ["", o, a, "Pengembangan", m], st.sampled_from(OPDS), st.sampled_from(APPS), AMOUNTS
    ),
    "total": st.sampled_from(["JUMLAH", "Sub Total", "JUMLAH TOTAL", "Total"]).map(
        lambda t: [t, "", "", "", 1000]
    ),
    "heading": st.sampled_from(OPDS).map(lambda o: [f"II. {o.upper()}"]),
    "blank": st.sampled_from([[], ["", "   "], [None, None, "\t"]]),
    "bad amount": st.builds(lambda a: ["", "Dinas Sosial", a, "", "seratus juta"], st.sampled_from(APPS)),
    "no name": st.builds(lambda m: ["", "Dinas Sosial", "", "Rapat koordinasi", m], AMOUNTS),
}
EXPECTED_KIND = {
    "item": "line",
    "total": "skipped",
    "heading": "skipped",
    "bad amount": "rejected",
    "no name": "rejected",
}
HEADER = ["No", "Perangkat Daerah", "Nama Aplikasi", "Jenis Belanja", "Pagu"]


def _sheet_height(path) -> int:
    return len(read_workbook(path, file=path.name).sheets[0].rows)


def _check(parsed, kinds: list[str], first_row: int) -> None:
    expected = {first_row + i: EXPECTED_KIND[k] for i, k in enumerate(kinds) if k != "blank"}
    got = {ln.row: "line" for ln in parsed.lines} | {
        i.row: i.kind for i in parsed.issues if i.row >= first_row
    }
    assert got == expected
    assert parsed.rows_read == len(parsed.lines) + len(parsed.rejected) + len(parsed.skipped)
    assert parsed.rows_read == len(expected) + first_row - 1  # + the title and header rows
    rows = [x.row for x in parsed.lines]
    assert rows == sorted(rows)
    assert [i.row for i in parsed.issues] == sorted(i.row for i in parsed.issues)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kinds=st.lists(st.sampled_from(sorted(TEMPLATE_ROWS)), max_size=25))
def test_template_rows_add_up(raw_xlsx, data, kinds: list[str]) -> None:
    body = [data.draw(TEMPLATE_ROWS[k]) for k in kinds]
    path = raw_xlsx([["USULAN BELANJA SPBE 2027"], HEADER, *body])
    parsed = parse_file(path)
    _check(parsed, kinds, first_row=3)
    assert parsed.rows_read + parsed.blank_rows == _sheet_height(path)  # trailing empty rows are not read


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kinds=st.lists(st.sampled_from(sorted(TEMPLATE_ROWS)), max_size=25))
def test_csv_rows_add_up(csv_file, data, kinds: list[str]) -> None:
    body = [data.draw(TEMPLATE_ROWS[k]) for k in kinds]
    path = csv_file([["USULAN BELANJA SPBE 2027"], HEADER, *body])
    parsed = parse_file(path)
    _check(parsed, kinds, first_row=3)
    assert parsed.blank_rows == kinds.count("blank")
    assert parsed.rows_read + parsed.blank_rows == len(body) + 2 == _sheet_height(path)


SIPD_ROWS = {
    "item": st.builds(
        lambda n, h: [None, "Jasa Pengembangan Aplikasi SIMPEG", f"{n} Paket", "Paket", h, None, n * h],
        st.integers(1, 12),
        st.integers(1, 10**8),
    ),
    "account": st.sampled_from(["5.1.02.02.01.0029", "5.2.05.08.01.0005", "5.1"]).map(
        lambda code: [code, "Belanja", None, None, None, None, 1000]
    ),
    "group": st.sampled_from(["[#] Pengembangan Aplikasi", "[-] Jasa Konsultansi"]).map(
        lambda text: [None, text, None, None, None, None, 1000]
    ),
    "blank": st.just([]),
    "bad amount": st.just([None, "Honor narasumber", "1 OJ", "OJ", None, None, "seratus ribu"]),
}
SIPD_KIND = {"item": "line", "account": "skipped", "group": "skipped", "bad amount": "rejected"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kinds=st.lists(st.sampled_from(sorted(SIPD_ROWS)), max_size=25))
def test_sipd_rows_add_up(raw_xlsx, make_rka, data, kinds: list[str]) -> None:
    rows = make_rka(details=[data.draw(SIPD_ROWS[k]) for k in kinds])
    path = raw_xlsx(rows)
    parsed = parse_file(path)
    assert parsed.rows_read + parsed.blank_rows == _sheet_height(path)
    first = len(make_rka(details=[])) + 1
    expected = {first + i: SIPD_KIND[k] for i, k in enumerate(kinds) if k != "blank"}
    got = {ln.row: "line" for ln in parsed.lines} | {i.row: i.kind for i in parsed.issues if i.row >= first}
    assert got == expected
    assert parsed.rows_read == len(parsed.lines) + len(parsed.issues)
    assert all(not w or "add up" in w for w in parsed.warnings)  # subtotals may not match; rows are kept
