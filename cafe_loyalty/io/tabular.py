"""Reading a customer list from a spreadsheet file, row by row, without trusting the file.

CSV in UTF-8 (with or without BOM), UTF-16, Windows-1256 (Persian Excel) or Windows-1252
(Western Excel), with commas, semicolons or tabs; XLSX, XLS and ODS through python-calamine
(a Rust reader: it reads all three, where openpyxl reads only XLSX and is several times
slower). The encoding is detected (BOM, then strict UTF-8, then charset-normalizer among the
likely ones) and can be overridden.

A hostile file is refused before anything is decoded: an empty file, a file over
:data:`MAX_BYTES`, binary junk, a ZIP that is not a spreadsheet or that unpacks to far more
than it is (a ZIP bomb). CSV rows are streamed, so memory stays bounded.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cafe_loyalty.errors import ValidationError

MAX_BYTES = 50 * 1024 * 1024  # 100,000 regulars take about 10 MB as CSV; no café's list is 50 MB
MAX_UNZIPPED = 200 * 1024 * 1024  # what an XLSX or ODS may unpack to
MAX_RATIO = 100  # a spreadsheet's XML compresses about 10:1; 1000:1 is a bomb
MAX_CELL = 1_000_000  # a cell longer than this makes the file refused (shorter long cells: the row)
SAMPLE = 64 * 1024
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1256", "cp1252")

csv.field_size_limit(MAX_CELL)


@dataclass
class Table:
    """An opened file: its kind, how it was read, its header and its rows (streamed)."""

    path: Path
    kind: str  # csv | xlsx | xls | ods
    header: list[str]
    encoding: str = ""
    delimiter: str = ""
    _rows: Iterator[tuple[int, list[str]]] = field(default=iter(()), repr=False)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number as the owner sees it in their program, cells); the header is line 1."""
        return self._rows


def open_table(path: str | Path, encoding: str = "") -> Table:
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe would block the read forever; a folder fails
            raise ValidationError("{file} is not a file that can be imported.", file=path.name)
        size = info.st_size
        with path.open("rb") as f:
            head = f.read(SAMPLE)
    except OSError as exc:
        raise ValidationError("Cannot read {file}: {reason}.", file=path.name, reason=exc.strerror or exc) from exc
    if size == 0:
        raise ValidationError("{file} is empty.", file=path.name)
    if size > MAX_BYTES:
        raise ValidationError(
            "{file} is {size} MB: far larger than any café's list of regulars (the limit is {most} MB). "
            "Is it the right file?",
            file=path.name,
            size=size // (1024 * 1024),
            most=MAX_BYTES // (1024 * 1024),
        )
    if head.startswith(b"PK\x03\x04"):
        return _open_zip(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _open_workbook(path, "xls")
    return _open_csv(path, head, encoding)


# -- CSV -----------------------------------------------------------------------------------


def detect_encoding(head: bytes) -> str:
    """The encoding of a CSV from its first bytes: a BOM says it; else strict UTF-8 if that
    decodes; else the likelier of Windows-1256 and -1252 (charset-normalizer)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=["cp1256", "cp1252"]).best()
    return best.encoding if best is not None else "cp1252"


def _open_csv(path: Path, head: bytes, encoding: str) -> Table:
    encoding = encoding or detect_encoding(head)
    if encoding not in ENCODINGS:
        raise ValidationError("The encoding is one of: {choices}.", choices=", ".join(ENCODINGS))
    if b"\x00" in head and encoding != "utf-16":
        raise ValidationError("{file} is not a spreadsheet (it holds binary data).", file=path.name)
    try:
        sample = head.decode(encoding, errors="ignore")
    except LookupError as exc:  # pragma: no cover - ENCODINGS are all known
        raise ValidationError("The encoding is one of: {choices}.", choices=", ".join(ENCODINGS)) from exc
    if encoding == "utf-8" and sample.startswith("\ufeff"):
        sample = sample[1:]
    delimiter = _delimiter(sample)
    text = path.open("r", encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        text.close()
        raise ValidationError("{file} is empty.", file=path.name) from None
    except (csv.Error, UnicodeDecodeError) as exc:
        text.close()
        raise _unreadable(path, encoding, 1, exc) from exc
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        text.close()
        raise ValidationError("{file} has no column names in its first line.", file=path.name)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for cells in reader:
                if any(c.strip() for c in cells):
                    yield reader.line_num, cells
        except csv.Error as exc:  # the reader has read the bad line itself: its number
            raise _unreadable(path, encoding, reader.line_num, exc) from exc
        except UnicodeDecodeError as exc:  # met while fetching the line after the last one read
            raise _unreadable(path, encoding, reader.line_num + 1, exc) from exc
        finally:
            text.close()

    return Table(path, "csv", header, encoding, delimiter, rows())


def _delimiter(sample: str) -> str:
    first = sample.splitlines()[0] if sample else ""
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _unreadable(path: Path, encoding: str, line: int, exc: Exception) -> ValidationError:
    if isinstance(exc, UnicodeDecodeError):
        return ValidationError(
            "{file} is not {encoding} text after all (line {line}). Choose its encoding.",
            file=path.name,
            encoding=encoding,
            line=line,
        )
    return ValidationError(
        "{file} cannot be read as CSV at line {line}: {reason}.", file=path.name, line=line, reason=exc
    )


# -- XLSX, XLS, ODS ------------------------------------------------------------------------


def _open_zip(path: Path) -> Table:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise ValidationError("{file} is damaged (not a readable spreadsheet).", file=path.name) from exc
    if total > MAX_UNZIPPED or total / packed > MAX_RATIO:
        raise ValidationError(
            "{file} unpacks to {size} MB from {packed} MB: that is not a spreadsheet but a trap (a ZIP bomb). "
            "Nothing was read.",
            file=path.name,
            size=total // (1024 * 1024),
            packed=max(1, packed // (1024 * 1024)),
        )
    if "xl/workbook.xml" in names:
        return _open_workbook(path, "xlsx")
    if "content.xml" in names and b"opendocument.spreadsheet" in mimetype:
        return _open_workbook(path, "ods")
    raise ValidationError("{file} is a ZIP file but not a spreadsheet (XLSX or ODS).", file=path.name)


def _open_workbook(path: Path, kind: str) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        if not book.sheet_names:
            raise ValidationError("{file} has no sheets.", file=path.name)
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except ValidationError:
        raise
    except (CalamineError, OSError, ValueError) as exc:
        raise ValidationError("{file} is damaged (not a readable spreadsheet).", file=path.name) from exc
    cells = [[cell_text(c) for c in row] for row in rows]
    start = next((n for n, row in enumerate(cells) if any(row)), None)
    if start is None:
        raise ValidationError("{file} is empty.", file=path.name)
    header = [h.strip() for h in cells[start]]

    def body() -> Iterator[tuple[int, list[str]]]:
        for n, row in enumerate(cells[start + 1 :], start=start + 2):
            if any(c.strip() for c in row):
                yield n, row

    return Table(path, kind, header, "", "", body())


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person typed: 9123456789.0 is 9123456789 (a phone
    number typed as a number), a date cell is YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def write_ods(path: str | Path, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument sheet of text cells: what the self-test imports to prove a build
    reads spreadsheets, and what the tests use for ODS."""
    from xml.sax.saxutils import escape

    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>' for c in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIME}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODS_MIME, zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path
