"""FL108 provenance-integrity: every quote is its document's text at its offsets."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..validation import provenance_failures
from .frames import findings_at, no_findings

DESCRIPTION = """\
## What it does
Checks each assertion against its stored document: the document must exist, and the quote
must equal the document's text between `start` and `end`.

## Why is this bad?
The ledger's promise is that every figure can be traced to the exact characters it came
from. A quote that no longer matches its text (an edited document, a wrong offset, a
hand-edited row) breaks that promise, and every finding built on it is suspect.

## How to fix
Re-extract the document, or correct the row with an amend entry in the journal.
"""

_MESSAGES = {
    "document_exists": "points to a document that is not in the ledger ({value})",
    "quote == text[start:end]": "quote “{value}” is not the document's text at its offsets",
}


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    at = np.flatnonzero(~_quotes_hold(assertions, context))
    if not len(at):
        return no_findings()
    # The rules themselves live in validation.provenance_failures; ask it about the suspects
    # (numbered from 0, so its rows are positions among them).
    suspects = assertions.iloc[at].reset_index(drop=True)
    failures = provenance_failures(suspects, context.documents)
    messages = [
        "assertion " + _MESSAGES[rule].format(value=value)
        for rule, value in zip(failures["rule"], failures["value"], strict=True)
    ]
    return findings_at(at[failures["row"].to_numpy(dtype=np.int64)], messages)


def _quotes_hold(assertions: pd.DataFrame, context: CheckContext) -> np.ndarray:
    """True where the quote is its document's text at its offsets, as
    ``text[start:end] == quote`` says.

    A Python slice and a Python string of the quote per row were most of this check's cost.
    In a text that is all ASCII a character is one byte, so those texts are laid end to end
    as bytes once and each row's quote, read from the Arrow column's UTF-8 bytes as they
    are, is compared with its span there, eight bytes at a time. Rows of other texts (a
    curly quote or a dash makes a character offset differ from a byte offset; encoding
    every such text and mapping offsets cost more than the slices it spares), rows whose
    offsets are not a span of their text (Python slicing gives those a meaning of its own),
    and columns of other types are compared in Python, row by row."""
    codes, doc_ids = context.factorize(assertions, "doc_id")
    documents = context.documents
    # Texts by document code, not mapped onto the rows: a pandas string column (pyarrow
    # storage) would hand back a fresh copy of the whole text for every row.
    texts = [documents[i].text if i in documents else None for i in doc_ids.tolist()]
    code = np.asarray(codes, dtype=np.int64)
    quotes = _utf8_column(assertions["quote"])
    starts, ends = _integers(assertions["start"]), _integers(assertions["end"])
    if quotes is None or starts is None or ends is None:
        return _holds_by_row(assertions, code, texts, np.arange(len(code)))
    ascii_texts = _AsciiTexts(texts)
    doc = np.maximum(code, 0)
    known = (code >= 0) & ascii_texts.known[doc]
    in_span = known & ascii_texts.ascii[doc] & (starts >= 0) & (starts <= ends)
    in_span &= ends <= ascii_texts.lengths[doc]
    rows = np.flatnonzero(in_span & quotes.valid)  # a missing quote is no text's slice
    holds = np.zeros(len(code), dtype=bool)
    holds[rows] = _same_bytes(
        ascii_texts.data,
        ascii_texts.starts[doc[rows]] + starts[rows],
        ends[rows] - starts[rows],
        quotes.data,
        quotes.starts[rows],
        quotes.sizes[rows],
    )
    by_row = np.flatnonzero(known & ~in_span)
    if len(by_row):
        holds[by_row] = _holds_by_row(assertions, code, texts, by_row)
    return holds


def _holds_by_row(
    assertions: pd.DataFrame, code: np.ndarray, texts: list[str | None], rows: np.ndarray
) -> np.ndarray:
    """``text[start:end] == quote`` for ``rows``, one Python comparison each."""
    part = assertions.iloc[rows]
    return np.fromiter(
        (
            c >= 0 and (text := texts[c]) is not None and text[start:end] == quote
            for c, start, end, quote in zip(
                code[rows].tolist(),
                part["start"].tolist(),
                part["end"].tolist(),
                part["quote"].tolist(),
                strict=True,
            )
        ),
        dtype=bool,
        count=len(rows),
    )


def _integers(column: pd.Series) -> np.ndarray | None:
    """The column as 64-bit integers if it holds integers without gaps, else ``None``."""
    if column.dtype.kind not in "iu" or column.hasnans:
        return None
    return np.asarray(column.to_numpy(), dtype=np.int64)


class _AsciiTexts:
    """The documents' texts that are all ASCII, laid end to end as bytes (a character is a
    byte there; padded by eight bytes), by document code."""

    def __init__(self, texts: list[str | None]) -> None:
        count = len(texts)
        self.known = np.fromiter((t is not None for t in texts), dtype=bool, count=count)
        self.ascii = np.fromiter((t is not None and t.isascii() for t in texts), bool, count)
        chosen = [t if t is not None and t.isascii() else "" for t in texts]
        self.lengths = np.fromiter(map(len, chosen), dtype=np.int64, count=count)
        self.starts = np.cumsum(self.lengths) - self.lengths
        self.data = np.frombuffer("".join(chosen).encode("ascii") + bytes(8), dtype=np.uint8)


class _Utf8Column:
    """A string column's UTF-8 bytes as Arrow holds them: ``data`` (padded by eight bytes),
    each row's ``starts`` and ``sizes`` in it, and which rows are ``valid`` (not missing)."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray, valid: np.ndarray) -> None:
        self.data = data
        self.starts = offsets[:-1]
        self.sizes = np.diff(offsets)
        self.valid = valid


def _utf8_column(column: pd.Series) -> _Utf8Column | None:
    """The column's UTF-8 bytes, without a Python string per row; ``None`` if it does not
    convert to an Arrow string array (values that are not all strings)."""
    import pyarrow as pa

    try:
        values = pa.array(column)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    large = pa.types.is_large_string(values.type)
    if not (large or pa.types.is_string(values.type)):
        return None
    _, offsets_buffer, data_buffer = values.buffers()
    n = len(values)
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64 if large else np.int32)
    offsets = offsets[values.offset : values.offset + n + 1].astype(np.int64)
    raw = (
        np.frombuffer(data_buffer, dtype=np.uint8)
        if data_buffer is not None
        else np.zeros(0, np.uint8)
    )
    data = np.concatenate((raw[offsets[0] : offsets[-1]], np.zeros(8, dtype=np.uint8)))
    if values.null_count:
        valid = values.is_valid().to_numpy(zero_copy_only=False)
    else:
        valid = np.ones(n, dtype=bool)
    return _Utf8Column(data, offsets - offsets[0], np.asarray(valid, dtype=bool))


def _same_bytes(
    left: np.ndarray,
    left_starts: np.ndarray,
    left_sizes: np.ndarray,
    right: np.ndarray,
    right_starts: np.ndarray,
    right_sizes: np.ndarray,
) -> np.ndarray:
    """Row by row, whether ``left[start : start + size]`` equals the same of ``right`` (both
    padded by eight bytes), compared a 64-bit word at a time."""
    same = left_sizes == right_sizes
    left_words, right_words = _word_view(left), _word_view(right)
    active = np.flatnonzero(same & (right_sizes > 0))
    step = 0
    while len(active):
        rest = right_sizes[active] - step
        differs = left_words[left_starts[active] + step] ^ right_words[right_starts[active] + step]
        # Only the row's own bytes count in its last word: the low ones (little-endian).
        tail = rest < 8
        if tail.any():
            bits = np.uint64(8) * rest[tail].astype(np.uint64)
            differs[tail] &= (np.uint64(1) << bits) - np.uint64(1)
        unequal = differs != 0
        same[active[unequal]] = False
        active = active[~unequal & (rest > 8)]
        step += 8
    return same


def _word_view(data: np.ndarray) -> np.ndarray:
    """Position ``i`` is the little-endian 64-bit word of bytes ``i`` to ``i + 7`` of
    ``data`` (a strided view, no copy; ``data`` is padded by eight bytes)."""
    count = max(len(data) - 7, 0)
    return np.ndarray(shape=(count,), dtype="<u8", buffer=data, strides=(1,))


CHECK = Check(
    code="FL108",
    name="provenance-integrity",
    title="A quote that is not its document's text at its offsets",
    description=DESCRIPTION,
    severity="error",
    run=run,
)
