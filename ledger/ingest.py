"""Reading input: folders of .txt files, single files, JSONL corpora and standard input.

Everything is read and checked before anything is written, so a bad input leaves an existing
ledger untouched. Each failure is an :class:`~fact_ledger.errors.InputError` naming the file.

Inputs are untrusted (issue 9): only regular files are opened, and without blocking, so a
FIFO or a device (``/dev/zero``) is refused instead of hanging the run; a symbolic link in an
input folder that leads out of the folder is refused unless following is allowed
(``--follow-symlinks``, ``follow-symlinks = true``), so a folder cannot pull ``~/.ssh`` into
a report; a document longer than :attr:`Limits.max_document` characters is refused; and
JSON that Python's parser cannot take (nesting past the recursion limit, a 5,000-digit
integer, a lone surrogate) is a one-line error like any other bad line.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .model import Document
from .regularfile import NotRegularFileError, opened_regular
from .tomlfile import load_toml

TEXT_SUFFIXES = (".txt",)
CORPUS_SUFFIXES = (".jsonl", ".ndjson")
METADATA_FILE = "metadata.toml"
_META_FIELDS = ("source", "publisher", "title", "published")
#: The default for :attr:`Limits.max_document`: ten million characters, a hundred times a
#: long feature article; extraction of that takes well under a minute.
MAX_DOCUMENT = 10_000_000
#: Standard input is read up to this many bytes (it may hold a whole JSONL corpus).
MAX_STDIN = 2**31
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What input is accepted: the longest document in characters, and whether a symbolic
    link in an input folder may lead out of that folder."""

    max_document: int = MAX_DOCUMENT
    follow_symlinks: bool = False


@dataclass
class Inputs:
    """What the paths named on the command line hold: documents to extract from, and
    ledger folders whose stored assertions are used as they are."""

    documents: list[Document] = field(default_factory=list)
    ledgers: list[Path] = field(default_factory=list)


def read_inputs(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, limits: Limits | None = None
) -> Inputs:
    """Read every path (``-`` is standard input) into documents, or note it as a ledger."""
    from .store import LedgerStore

    limits = limits or Limits()

    if not paths:
        raise InputError("no input paths given")
    inputs = Inputs()
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            docs: Iterable[Document] = read_stream(
                _read_stream_bytes(stream), name="stdin", limits=limits
            )
        else:
            path = Path(raw)
            if not path.exists():
                raise InputError("no such file or folder", path=path)
            if path.is_dir() and LedgerStore.is_ledger(path):
                inputs.ledgers.append(path)
                continue
            docs = read_folder(path, limits) if path.is_dir() else read_file(path, limits=limits)
        for doc in docs:
            if doc.doc_id not in seen:  # the same text twice is one document
                seen.add(doc.doc_id)
                inputs.documents.append(doc)
    return inputs


def read_folder(folder: Path, limits: Limits | None = None) -> list[Document]:
    """The .txt and .jsonl files directly in ``folder``, in name order, with the folder's
    ``metadata.toml`` (a table per file stem) applied. An entry with a document suffix that
    is not a regular file (a FIFO, a device) is refused, as is a symbolic link that leads
    out of the folder unless ``limits.follow_symlinks``."""
    limits = limits or Limits()
    suffixes = TEXT_SUFFIXES + CORPUS_SUFFIXES
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in suffixes)
        inside = folder.resolve()
    except OSError as exc:
        raise InputError(f"cannot read folder: {exc.strerror or exc}", path=folder) from None
    kept: list[Path] = []
    for path in files:
        if path.is_dir():
            continue  # "2024.txt/" is a folder: not a document, as before
        _refuse_link_out(path, inside, limits)
        kept.append(path)
    if not kept:
        raise InputError("folder has no documents (.txt or .jsonl files)", path=folder)
    meta_path = folder / METADATA_FILE
    _refuse_link_out(meta_path, inside, limits)
    metadata = read_metadata(meta_path)
    # A table that names no document is a typo whose metadata would silently not apply.
    strays = sorted(set(metadata) - {path.stem for path in kept})
    if strays:
        stem = strays[0]
        hint = " (name a document by its file name without the suffix)" if "." in stem else ""
        raise InputError(
            f"documents.{stem}: no document {stem}.txt or {stem}.jsonl in the folder{hint}",
            path=meta_path,
        )
    documents: list[Document] = []
    for path in kept:
        documents.extend(read_file(path, metadata.get(path.stem, {}), limits=limits))
    return documents


def _refuse_link_out(path: Path, inside: Path, limits: Limits) -> None:
    """A symbolic link that leads out of the input folder is an input error, unless allowed:
    its text would otherwise reach reports and SARIF from outside what was named."""
    if not path.is_symlink() or limits.follow_symlinks:
        return
    target = path.resolve()
    if not target.is_relative_to(inside):
        raise InputError(
            f"symbolic link leads out of the input folder (to {target}); "
            "pass --follow-symlinks or set follow-symlinks = true to read it",
            path=path,
        )


def read_metadata(path: Path) -> Mapping[str, Mapping[str, Any]]:
    """``metadata.toml``: ``[documents.STEM]`` tables with source, publisher, title, published.

    Anything else in the file is an input error rather than ignored: metadata that silently
    does not apply (a misspelt table) would leave documents undated, and their relative
    dates unresolved, without a word."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid metadata: {exc}", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    data = load_toml(text, path, prefix="invalid metadata", error=InputError)
    unknown_tables = sorted(set(data) - {"documents"})
    if unknown_tables:
        raise InputError(
            f"unknown table(s) {unknown_tables}: metadata is given in [documents.STEM] tables",
            path=path,
        )
    tables = data.get("documents", {})
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise InputError("[documents] must be a table of tables", path=path)
    for stem, table in tables.items():
        unknown = set(table) - set(_META_FIELDS)
        if unknown:
            raise InputError(f"documents.{stem}: unknown field(s) {sorted(unknown)}", path=path)
        for key, value in table.items():
            # TOML writes a date bare (published = 2024-05-01); everything else is text.
            dated = key == "published" and isinstance(value, dt.date)
            if not isinstance(value, str) and not dated:
                raise InputError(
                    f"documents.{stem}.{key} must be a string, got {type(value).__name__}",
                    path=path,
                )
    return tables


def read_file(
    path: Path, meta: Mapping[str, Any] | None = None, *, limits: Limits | None = None
) -> list[Document]:
    """One text file as one document, or a JSONL corpus as many."""
    limits = limits or Limits()
    data = _read_regular(path, limits)
    if path.suffix in CORPUS_SUFFIXES:
        return list(read_corpus(data, path=path, limits=limits))
    text = decode_text(data, path=path)
    meta = {"source": str(path), **(meta or {})}
    return [_document(text, name=path.stem, path=path, meta=meta, limits=limits)]


def _read_regular(path: Path, limits: Limits) -> bytes:
    """The bytes of ``path`` if it is a regular file (:func:`opened_regular`: a FIFO or
    device cannot hang the run, even one swapped in after a check of the name)."""
    try:
        with opened_regular(path) as (handle, info):
            # A .txt file holds one document: refuse it by size before reading it. UTF-8
            # takes at least one byte per character, so this never refuses a document
            # within limits.
            if path.suffix not in CORPUS_SUFFIXES and info.st_size > 4 * limits.max_document:
                raise _too_long(path, limits, f"{info.st_size:,} bytes")
            return handle.read()
    except NotRegularFileError:
        raise InputError(
            "not a regular file (a FIFO, socket or device); give a file or folder", path=path
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None


def _read_stream_bytes(stream: BinaryIO) -> bytes:
    """Standard input in chunks: NUL bytes (``< /dev/zero``) are refused at the first chunk
    and an endless stream at :data:`MAX_STDIN` bytes, instead of reading forever."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK):
        if b"\x00" in chunk:
            raise InputError(
                "binary input (contains NUL bytes), expected UTF-8 text", path="<stdin>"
            )
        total += len(chunk)
        if total > MAX_STDIN:
            raise InputError(f"more than {MAX_STDIN:,} bytes on standard input", path="<stdin>")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_long(path: Path | str, limits: Limits, size: str) -> InputError:
    return InputError(
        f"document too long ({size}; the limit is {limits.max_document:,} characters, "
        "max-document-size in the configuration)",
        path=path,
    )


def read_stream(data: bytes, *, name: str, limits: Limits | None = None) -> list[Document]:
    """Standard input: a JSONL corpus when its first line is a JSON object, else one text."""
    text = decode_text(data, path="<stdin>")
    if text.lstrip().startswith("{"):
        return list(read_corpus(data, path="<stdin>", limits=limits))
    meta = {"source": "<stdin>"}
    return [_document(text, name=name, path="<stdin>", meta=meta, limits=limits)]


def read_corpus(
    data: bytes, *, path: Path | str, limits: Limits | None = None
) -> Iterator[Document]:
    """A JSONL corpus: one object per line with ``id`` and ``text``, and optionally
    ``source``, ``publisher``, ``title`` and ``published``."""
    text = decode_text(data, path=path)
    found = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number}: not JSON ({exc.msg})", path=path) from None
        except RecursionError:
            raise InputError(f"line {number}: JSON nested too deeply", path=path) from None
        except ValueError as exc:  # an integer past sys.get_int_max_str_digits()
            raise InputError(f"line {number}: unreadable JSON ({exc})", path=path) from None
        if not isinstance(record, dict):
            raise InputError(f"line {number}: expected a JSON object", path=path)
        doc_id, body = record.get("id"), record.get("text")
        if not isinstance(body, str) or not body.strip():
            raise InputError(f"line {number}: 'text' must be a non-empty string", path=path)
        if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
            raise InputError(f"line {number}: 'id' must be a string or number", path=path)
        meta = {}
        for key in _META_FIELDS:
            value = record.get(key)
            if value is not None and not isinstance(value, str):
                raise InputError(f"line {number}: {key!r} must be a string", path=path)
            meta[key] = value
        for key, value in (("id", doc_id), ("text", body), *meta.items()):
            if isinstance(value, str) and _has_surrogate(value):
                raise InputError(
                    f"line {number}: {key!r} holds a lone surrogate (\\u{_surrogate(value):04x}), "
                    "which is not Unicode text",
                    path=path,
                )
        found = True
        yield _document(body, name=str(doc_id), path=path, meta=meta, limits=limits)
    if not found:
        raise InputError("corpus has no documents", path=path)


def decode_text(data: bytes, *, path: Path | str) -> str:
    """UTF-8 text (a BOM is dropped); binary or other encodings are refused, never guessed."""
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), expected UTF-8 text", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); convert it to UTF-8 first",
            path=path,
        ) from None
    if not text.strip():
        raise InputError("empty document", path=path)
    return text


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate(value: str) -> int:
    return next(ord(c) for c in value if 0xD800 <= ord(c) <= 0xDFFF)


def _document(
    text: str,
    *,
    name: str,
    path: Path | str,
    meta: Mapping[str, Any],
    limits: Limits | None = None,
) -> Document:
    limits = limits or Limits()
    if len(text) > limits.max_document:
        where = f"{path} (document {name})" if str(path) != name else path
        raise _too_long(where, limits, f"{len(text):,} characters")
    clean = {k: meta.get(k) for k in _META_FIELDS}
    published = clean.get("published")
    if published is not None:
        clean["published"] = _iso_date(published, path=path)
    document = Document.from_text(text, name=name, **clean)
    if document.published is None:
        dateline = _dateline(document.text)
        if dateline is not None:
            document = replace(document, published=dateline)
    return document


def _iso_date(value: Any, *, path: Path | str) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise InputError(
            f"published {value!r} is not an ISO date (YYYY-MM-DD)", path=path
        ) from None


def _dateline(text: str) -> str | None:
    """The publication date a dateline near the top gives, when the extractor can read one."""
    from .extraction.dates import parse_dateline

    found = parse_dateline(text)
    return found.isoformat() if found is not None else None
