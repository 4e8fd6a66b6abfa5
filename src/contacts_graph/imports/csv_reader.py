"""Read a CSV file of unknown origin: its encoding, its delimiter, its rows.

Rows stream from the file one at a time, each with the line of the file it
starts on, so a report can point at the line a spreadsheet program shows.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import charset_normalizer

SAMPLE_SIZE = 64 * 1024
CHUNK_SIZE = 1024 * 1024
DELIMITERS = ",;\t|"
# How much worse (charset-normalizer's "chaos" ratio) a Windows code page may
# read than the best guess and still be chosen.
CHAOS_MARGIN = 0.1
# Excel writes "sep=;" as the first line to name the delimiter.
_EXCEL_SEPARATOR = re.compile(r"sep=(.)(?:\r\n|\r|\n|$)")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class CsvFileError(ValueError):
    """A file that cannot be read as CSV, with a stable code and a readable message.

    ``line`` is where reading stopped: the line of the record at fault.
    """

    def __init__(self, code: str, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


@dataclass(frozen=True)
class CsvRow:
    """The values of one record and the line of the file it starts on."""

    line: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    """An open CSV file: how it was read, its header and its remaining rows."""

    encoding: str
    delimiter: str
    header: tuple[str, ...]
    header_line: int
    rows: Iterator[CsvRow]


def read_csv(source: bytes | BinaryIO) -> CsvTable:
    """Open CSV data, given as bytes or a binary file read from its start.

    Raises:
        CsvFileError: when the file is empty, not text, or not valid CSV.
    """
    stream = _seekable(source)
    encoding = detect_encoding(stream)
    sample = stream.read(SAMPLE_SIZE).decode(encoding, errors="replace")
    stream.seek(0)

    separator = _EXCEL_SEPARATOR.match(sample.lstrip("\ufeff"))
    delimiter = separator.group(1) if separator else detect_delimiter(sample)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    rows = _rows(text, delimiter, encoding, skip_lines=1 if separator else 0)
    header = next(rows, None)
    if header is None:
        raise CsvFileError("EMPTY_FILE", "The file has no header row.")
    return CsvTable(encoding, delimiter, header.values, header.line, rows)


def _seekable(source: bytes | BinaryIO) -> BinaryIO:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)
    if source.seekable():
        source.seek(0)
        return source
    # Limitation: a stream that cannot seek (a pipe) is read into memory
    # whole, since detecting the encoding reads the file twice.
    return io.BytesIO(source.read())


def detect_encoding(stream: BinaryIO) -> str:
    """Return the text encoding of a seekable binary stream and rewind it.

    A byte order mark decides first; then UTF-8 if the whole file is valid
    UTF-8; else charset-normalizer's guess from around the first byte that
    is not.
    """
    head = stream.read(SAMPLE_SIZE)
    stream.seek(0)
    if not head:
        raise CsvFileError("EMPTY_FILE", "The file is empty.")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise CsvFileError(
            "NOT_TEXT", "The file is not a text file; save it as CSV and try again."
        )

    bad_at = _first_invalid_utf8(stream)
    if bad_at is None:
        return "utf-8"
    stream.seek(max(0, bad_at - SAMPLE_SIZE // 2))
    window = stream.read(SAMPLE_SIZE)
    stream.seek(0)
    return _guess_encoding(window)


def _first_invalid_utf8(stream: BinaryIO) -> int | None:
    # Checks the whole file in chunks, so a stray byte after the first
    # megabyte is found before rows are imported, not halfway through.
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        while chunk := stream.read(CHUNK_SIZE):
            decoder.decode(chunk)
            offset += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        return offset + error.start
    finally:
        stream.seek(0)
    return None


def _guess_encoding(sample: bytes) -> str:
    matches = charset_normalizer.from_bytes(sample)
    best = matches.best()
    if best is None:
        raise CsvFileError(
            "UNKNOWN_ENCODING",
            "The file's text encoding is not recognised; save it as CSV UTF-8.",
        )
    # A short sample reads almost as well in several code pages; prefer the
    # Windows ones that spreadsheet programs write, Windows-1252 first.
    # Limitation: so a short Central European or Turkish file may read as
    # Windows-1252; UTF-8 files are always read right.
    close = [match for match in matches if match.chaos <= best.chaos + CHAOS_MARGIN]
    if any("cp1252" in match.could_be_from_charset for match in close):
        return "cp1252"
    for match in close:
        windows = [cp for cp in match.could_be_from_charset if cp.startswith("cp125")]
        if windows:
            return windows[0]
    return best.encoding


def detect_delimiter(sample: str) -> str:
    """Return the delimiter of CSV text from a sample of it, else a comma."""
    # Whole lines only: a cut last line would skew the counts.
    complete = sample[: sample.rfind("\n") + 1] or sample
    try:
        return csv.Sniffer().sniff(complete, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _rows(
    text: io.TextIOWrapper, delimiter: str, encoding: str, *, skip_lines: int
) -> Iterator[CsvRow]:
    line = 1
    try:
        for _ in range(skip_lines):
            text.readline()
        line += skip_lines
        # Strict, so a quote left open fails where it opens instead of taking
        # in every row after it as one value.
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        for values in reader:
            if any(value.strip() for value in values):
                yield CsvRow(line, tuple(values))
            # Quoted values may span lines; the next record starts after them.
            line = skip_lines + reader.line_num + 1
    except csv.Error as error:
        raise CsvFileError("MALFORMED_CSV", _malformed(line, error), line) from error
    except UnicodeDecodeError as error:
        raise CsvFileError(
            "INVALID_ENCODING",
            # Text is decoded a block ahead, so the line is a lower bound.
            f"The file stops being valid {encoding} text at or after line {line}.",
            line,
        ) from error
    finally:
        # Leave the caller's file open: closing the wrapper would close it.
        text.detach()


def _malformed(line: int, error: csv.Error) -> str:
    # The csv module's wording for a quoted value still open at the end.
    if str(error) == "unexpected end of data":
        return f"Line {line} opens a quoted value that is never closed."
    if "expected after" in str(error):
        return (
            f"Line {line} is not valid CSV: a quoted value is closed too early "
            "or never closed."
        )
    return f"Line {line} is not valid CSV ({error})."
