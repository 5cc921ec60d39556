"""Reading input: folders of .txt files, single files, JSONL corpora and standard input.

Everything is read and checked before anything is written, so a bad input leaves an existing
ledger untouched. Each failure is an :class:`~fact_ledger.errors.InputError` naming the file.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .model import Document

TEXT_SUFFIXES = (".txt",)
CORPUS_SUFFIXES = (".jsonl", ".ndjson")
METADATA_FILE = "metadata.toml"
_META_FIELDS = ("source", "publisher", "title", "published")


@dataclass
class Inputs:
    """What the paths named on the command line hold: documents to extract from, and
    ledger folders whose stored assertions are used as they are."""

    documents: list[Document] = field(default_factory=list)
    ledgers: list[Path] = field(default_factory=list)


def read_inputs(paths: Sequence[str], *, stdin: BinaryIO | None = None) -> Inputs:
    """Read every path (``-`` is standard input) into documents, or note it as a ledger."""
    from .store import LedgerStore

    if not paths:
        raise InputError("no input paths given")
    inputs = Inputs()
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            docs: Iterable[Document] = read_stream(stream.read(), name="stdin")
        else:
            path = Path(raw)
            if not path.exists():
                raise InputError("no such file or folder", path=path)
            if path.is_dir() and LedgerStore.is_ledger(path):
                inputs.ledgers.append(path)
                continue
            docs = read_folder(path) if path.is_dir() else read_file(path)
        for doc in docs:
            if doc.doc_id not in seen:  # the same text twice is one document
                seen.add(doc.doc_id)
                inputs.documents.append(doc)
    return inputs


def read_folder(folder: Path) -> list[Document]:
    """The .txt and .jsonl files directly in ``folder``, in name order, with the folder's
    ``metadata.toml`` (a table per file stem) applied."""
    try:
        files = sorted(
            p
            for p in folder.iterdir()
            if p.is_file() and p.suffix in TEXT_SUFFIXES + CORPUS_SUFFIXES
        )
    except OSError as exc:
        raise InputError(f"cannot read folder: {exc.strerror or exc}", path=folder) from None
    if not files:
        raise InputError("folder has no documents (.txt or .jsonl files)", path=folder)
    metadata = read_metadata(folder / METADATA_FILE)
    documents: list[Document] = []
    for path in files:
        documents.extend(read_file(path, metadata.get(path.stem, {})))
    return documents


def read_metadata(path: Path) -> Mapping[str, Mapping[str, Any]]:
    """``metadata.toml``: ``[documents.STEM]`` tables with source, publisher, title, published."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"invalid metadata: {exc}", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    tables = data.get("documents", {})
    if not isinstance(tables, dict):
        raise InputError("[documents] must be a table of tables", path=path)
    for stem, table in tables.items():
        unknown = set(table) - set(_META_FIELDS)
        if unknown:
            raise InputError(f"documents.{stem}: unknown field(s) {sorted(unknown)}", path=path)
    return tables


def read_file(path: Path, meta: Mapping[str, Any] | None = None) -> list[Document]:
    """One text file as one document, or a JSONL corpus as many."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    if path.suffix in CORPUS_SUFFIXES:
        return list(read_corpus(data, path=path))
    text = decode_text(data, path=path)
    return [_document(text, name=path.stem, path=path, meta={"source": str(path), **(meta or {})})]


def read_stream(data: bytes, *, name: str) -> list[Document]:
    """Standard input: a JSONL corpus when its first line is a JSON object, else one text."""
    text = decode_text(data, path="<stdin>")
    if text.lstrip().startswith("{"):
        return list(read_corpus(data, path="<stdin>"))
    return [_document(text, name=name, path="<stdin>", meta={"source": "<stdin>"})]


def read_corpus(data: bytes, *, path: Path | str) -> Iterator[Document]:
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
        found = True
        yield _document(body, name=str(doc_id), path=path, meta=meta)
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


def _document(text: str, *, name: str, path: Path | str, meta: Mapping[str, Any]) -> Document:
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
    import datetime as dt

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
