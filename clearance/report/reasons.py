"""Row reasons in Bahasa Indonesia for planners (workbooks, web pages).

The parser (clearance.ingest) states its reasons in English, as the code, the CLI and the logs do;
planners read them in Indonesian. `reason_id` translates a reason by its pattern: the table below is
the list of every reason the parser gives (tests/clearance/test_reasons.py holds it to that), and a
reason it does not know is shown as it is rather than hidden.
"""

from __future__ import annotations

import re

_AMOUNT = r"(?P<v>(?:(?!; ).)+?)"  # a value as shown, never across "; "

# (pattern, Indonesian template): the pattern matches one whole reason part; named groups fill the
# template. Order matters where patterns overlap (the more specific first).
_TABLE: tuple[tuple[str, str], ...] = (
    # skipped rows
    (r"title/heading", "judul/kepala laporan"),
    (r"header", "baris judul kolom"),
    (r"repeated header", "judul kolom berulang"),
    (r"column numbers", "baris nomor kolom"),
    (r"heading", "judul kelompok"),
    (r"note/signature", "catatan/tanda tangan"),
    (r"empty row \(numbers only\)", "baris kosong (hanya nomor)"),
    (r"subtotal row", "baris subtotal"),
    (r"total row", "baris total"),
    (r"sub-kegiatan row", "baris sub kegiatan"),
    (r"group row \[#\](?P<t>.*)", "baris kelompok [#]{t}"),
    (r"description row \[-\](?P<t>.*)", "baris keterangan [-]{t}"),
    (r"account row (?P<a>\S+) \(subtotal\)", "baris akun {a} (subtotal)"),
    (r"text-only row \(no Koefisien, Harga or Jumlah\)", "baris teks saja (tanpa Koefisien, Harga, Jumlah)"),
    (
        r"removed in the Perubahan \(no Setelah Perubahan values\)",
        "dihapus dalam Perubahan (kolom Setelah Perubahan kosong)",
    ),
    (
        r"removed in the Perubahan \(Setelah Perubahan is 0\)",
        "dihapus dalam Perubahan (Setelah Perubahan bernilai 0)",
    ),
    # rejected rows: amounts
    (
        r"missing amount: the cell holds a formula without a calculated value \(open the file in Excel, let it "
        r"calculate and save it again\)",
        "pagu kosong: sel berisi rumus tanpa nilai hasil hitung (buka berkas di Excel, biarkan dihitung, lalu simpan)",
    ),
    (
        r"missing amount \(and no Koefisien x Harga to compute it\)",
        "pagu kosong (dan tidak ada Koefisien x Harga untuk menghitungnya)",
    ),
    (r"missing amount", "pagu kosong"),
    (r"empty amount", "pagu kosong"),
    (r"amount is 0", "pagu bernilai 0"),
    (rf"{_AMOUNT} is not an amount", "{v} bukan nilai rupiah"),
    (
        rf"{_AMOUNT} is negative; an amount cannot be negative",
        "{v} bernilai negatif; pagu tidak boleh negatif",
    ),
    (
        rf"{_AMOUNT} is too large for one item \(the limit is Rp 1\.000\.000\.000\.000\.000, i\.e\. Rp 1\.000 triliun\)",
        "{v} terlalu besar untuk satu usulan (batas Rp 1.000 triliun)",
    ),
    (
        rf"{_AMOUNT} is ambiguous \((?P<a>[^)]*?) or (?P<b>[^)]*)\): write (?P<c>\S+) or (?P<d>.+)",
        "{v} bermakna ganda ({a} atau {b}): tulis {c} atau {d}",
    ),
    # rejected rows: names and cells
    (
        r"missing app name \(and column \"(?P<c>[^\"]+)\" does not name an application\)",
        'nama aplikasi kosong (dan kolom "{c}" tidak menyebut aplikasi)',
    ),
    (
        r"missing app name: the description does not name an application",
        "nama aplikasi kosong: uraian tidak menyebut aplikasi",
    ),
    (r"missing app name", "nama aplikasi kosong"),
    (r"missing description naming the application", "uraian yang menyebut aplikasi kosong"),
    (r"missing Uraian \(no item name\)", "Uraian kosong (tidak ada nama rincian)"),
    (
        r"cell has at least (?P<n>[\d,]+) characters \(Excel's limit; the cell was cut\)",
        "sel berisi sedikitnya {n} karakter (batas Excel; isi sel terpotong)",
    ),
    (r"cell has (?P<n>[\d,]+) characters \(limit (?P<m>[\d,]+)\)", "sel berisi {n} karakter (batas {m})"),
)
_COMPILED = tuple((re.compile(pattern), template) for pattern, template in _TABLE)
_COLUMN = re.compile(r'column "(?P<c>[^"]+)": (?P<rest>(?:(?!; ).)+)')
_NUMBERS = re.compile(r"\d{1,3}(?:,\d{3})+")


def _part(text: str) -> tuple[str, bool]:
    """One reason part in Indonesian, and whether it was known."""
    column = _COLUMN.fullmatch(text)
    if column is not None:
        inner, known = _part(column.group("rest"))
        return f'kolom "{column.group("c")}": {inner}', known
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(text)
        if match is not None:
            values = {k: _dots(v) if k in ("n", "m") else v for k, v in match.groupdict().items()}
            return template.format(**values), True
    return text, False


def _dots(number: str) -> str:
    """`100,000` -> `100.000` (Indonesian thousands)."""
    return _NUMBERS.sub(lambda m: m.group(0).replace(",", "."), number)


def _translate(text: str) -> tuple[str, bool]:
    """`text` whole if the table knows it, else split at "; " into the fewest known parts."""
    whole, known = _part(text)
    if known:
        return whole, True
    cuts = [i for i in range(len(text)) if text.startswith("; ", i)]
    for i in cuts:
        left, left_known = _part(text[:i])
        if left_known:
            right, right_known = _translate(text[i + 2 :])
            if right_known:
                return f"{left}; {right}", True
    return text, False


def reason_id(reason: str) -> str:
    """The Indonesian text of a parser reason (reasons joined with "; " are translated one by one); an
    unknown reason comes back unchanged."""
    return _translate(reason)[0]


def is_known(reason: str) -> bool:
    """Whether the table knows every part of a reason (for the tests)."""
    return _translate(reason)[1]
