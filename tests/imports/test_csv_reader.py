import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from contacts_graph.imports.csv_reader import (
    CsvFileError,
    CsvRow,
    detect_delimiter,
    read_csv,
)

DATA = Path(__file__).parents[2] / ".." / "shared" / "data"
CUSTOMERS = DATA / "customers-100.csv"


def rows_of(data):
    return list(read_csv(data).rows)


def test_read_csv_reads_the_customers_file():
    with CUSTOMERS.open("rb") as file:
        table = read_csv(file)
        rows = list(table.rows)

        assert not file.closed
    assert (table.encoding, table.delimiter, table.header_line) == ("utf-8", ",", 1)
    assert table.header[:3] == ("Index", "Customer Id", "First Name")
    assert len(rows) == 100
    assert [row.line for row in rows] == list(range(2, 102))
    assert rows[3].values[4] == "Dominguez, Mcmillan and Donovan"


def test_read_csv_reads_bytes():
    table = read_csv(CUSTOMERS.read_bytes())

    assert len(table.header) == 12
    assert sum(1 for _ in table.rows) == 100


def test_read_csv_reads_bom_semicolons_and_windows_1252(tmp_path):
    path = tmp_path / "contacts.csv"
    text = "Prénom;Nom;Ville\r\nZoë;Müller;Köln\r\nJosé;Françoise;Besançon\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with path.open("rb") as file:
        table = read_csv(file)
        rows = list(table.rows)

    assert (table.encoding, table.delimiter) == ("utf-8-sig", ";")
    assert table.header == ("Prénom", "Nom", "Ville")
    assert rows == [
        CsvRow(2, ("Zoë", "Müller", "Köln")),
        CsvRow(3, ("José", "Françoise", "Besançon")),
    ]


def test_read_csv_reads_windows_1252_without_bom(tmp_path):
    path = tmp_path / "contacts.csv"
    text = "First Name;Last Name;City\r\nZoë;Müller;Köln\r\nRenée;Côté;Besançon €\r\n"
    path.write_bytes(text.encode("cp1252"))
    with path.open("rb") as file:
        table = read_csv(file)
        rows = list(table.rows)

    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert rows[1].values == ("Renée", "Côté", "Besançon €")


def test_read_csv_finds_a_stray_byte_after_the_first_megabyte():
    row = "Jane,Doe,jane@example.com\n"
    data = (
        "First,Last,Email\n" + row * 60_000
    ).encode() + "Zoë,Müller,z@example.com\n".encode("cp1252")

    rows = rows_of(data)

    assert rows[-1] == CsvRow(60_002, ("Zoë", "Müller", "z@example.com"))


def test_read_csv_reads_utf16_tab_separated_text():
    data = "Name\tEmail\r\nZoë\tzoe@example.com\r\n".encode("utf-16")

    table = read_csv(data)

    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert list(table.rows) == [CsvRow(2, ("Zoë", "zoe@example.com"))]


def test_read_csv_counts_lines_of_quoted_multiline_values():
    data = (
        b"Name,Notes,Email\n"
        b'Ann,"first line\nsecond line\r\nthird, with comma",ann@example.com\n'
        b'Bob,"say ""hi""",bob@example.com\n'
        b'Cy,"\n",cy@example.com\n'
        b"Di,,di@example.com\n"
    )

    rows = rows_of(data)

    assert [row.line for row in rows] == [2, 5, 6, 8]
    assert rows[0].values[1] == "first line\nsecond line\r\nthird, with comma"
    assert rows[1].values[1] == 'say "hi"'


def test_read_csv_skips_blank_rows_and_keeps_counting():
    data = b"\n\nName,Email\n\nAnn,a@example.com\n , \n,,\nBob,b@example.com\n\n"

    table = read_csv(data)

    assert table.header_line == 3
    assert [row.line for row in table.rows] == [5, 8]


def test_read_csv_follows_an_excel_separator_line():
    table = read_csv(b"sep=;\r\nName;Company\r\nAnn;Smith, Jones & Co\r\n")

    assert (table.delimiter, table.header, table.header_line) == (
        ";",
        ("Name", "Company"),
        2,
    )
    assert list(table.rows) == [CsvRow(3, ("Ann", "Smith, Jones & Co"))]


def test_read_csv_reads_a_single_column():
    table = read_csv(b"Email\nann@example.com\nbob@example.com\n")

    assert table.delimiter == ","
    assert [row.values for row in table.rows] == [
        ("ann@example.com",),
        ("bob@example.com",),
    ]


def test_read_csv_keeps_short_and_long_rows_as_they_are():
    assert [row.values for row in rows_of(b"a,b,c\n1\n1,2,3,4\n")] == [
        ("1",),
        ("1", "2", "3", "4"),
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "EMPTY_FILE"),
        (b"\n\r\n  \n", "EMPTY_FILE"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "NOT_TEXT"),
    ],
)
def test_read_csv_refuses_files_without_rows_or_text(data, code):
    with pytest.raises(CsvFileError) as caught:
        read_csv(data)

    assert caught.value.code == code


def test_read_csv_reports_text_that_its_encoding_cannot_read():
    data = ("Name,City\n" + "Zoë,Köln\n" * 10_000).encode("cp1252")
    table = read_csv(data + b"Ann,Leeds\n" * 10_000 + b"Bad,\x81\n")

    with pytest.raises(CsvFileError) as caught:
        list(table.rows)

    assert (table.encoding, caught.value.code) == ("cp1252", "INVALID_ENCODING")
    assert "at or after line" in caught.value.message


def test_read_csv_reports_the_line_of_a_malformed_record():
    data = b"Name,Notes\nAnn,ok\nBob," + b'"' + b"x" * 200_000 + b'"\n'
    table = read_csv(data)

    with pytest.raises(CsvFileError) as caught:
        list(table.rows)

    assert (caught.value.code, caught.value.line) == ("MALFORMED_CSV", 3)
    assert "Line 3" in caught.value.message


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b'Id,Email,City\nB1,ann@example.com,Leeds\nB9,"Unbalanced,q@example.com,,\n'
            b"B10,bob@example.com,York\nB11,cy@example.com,Hull\n",
            id="open-to-the-end",
        ),
        pytest.param(
            b'Id,Email,City\nB1,ann@example.com,Leeds\nB9,"Unbalanced,q@example.com,,\n'
            b'B10,"bob@example.com",York\n',
            id="closed-by-a-later-quote",
        ),
    ],
)
def test_read_csv_reports_the_line_of_an_unbalanced_quote(data):
    table = read_csv(data)
    rows = table.rows

    first = next(rows)
    with pytest.raises(CsvFileError) as caught:
        next(rows)

    assert first == CsvRow(2, ("B1", "ann@example.com", "Leeds"))
    assert (caught.value.code, caught.value.line) == ("MALFORMED_CSV", 3)
    assert "Line 3" in caught.value.message


def test_read_csv_reads_a_stream_that_cannot_seek():
    class Pipe(io.RawIOBase):
        def __init__(self, data):
            self.data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            return self.data.readinto(buffer)

    table = read_csv(Pipe(b"Name,Email\nAnn,a@example.com\n"))

    assert list(table.rows) == [CsvRow(2, ("Ann", "a@example.com"))]


@pytest.mark.parametrize(
    ("sample", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b\n1|2\n", "|"),
        ("just one column\n", ","),
    ],
)
def test_detect_delimiter(sample, delimiter):
    assert detect_delimiter(sample) == delimiter


CELL = st.text(alphabet=st.sampled_from(list("abXY09 éü€,\"'\n\r")), max_size=12)
HEADER_CELL = st.text(alphabet=st.sampled_from(list("abcXYZ")), min_size=1, max_size=8)


@given(
    header=st.lists(HEADER_CELL, min_size=1, max_size=5),
    body=st.lists(st.lists(CELL, min_size=5, max_size=5), max_size=8),
)
def test_read_csv_gives_back_what_csv_writer_wrote(header, body):
    records = [row[: len(header)] for row in body]
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(header)
    expected, line = [], 2
    for record in records:
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\r\n").writerow(record)
        output.write(text.getvalue())
        if any(value.strip() for value in record):
            expected.append(CsvRow(line, tuple(record)))
        line += len(re.findall(r"\r\n|\r|\n", text.getvalue()))

    table = read_csv(output.getvalue().encode("utf-8"))

    assert (table.header, table.header_line) == (tuple(header), 1)
    assert list(table.rows) == expected
