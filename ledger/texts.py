"""A stored ledger's documents with their texts read on demand.

A ledger of a million assertions holds tens of thousands of documents; reading and hashing
every text took most of the time of opening it, though a check or a report needs few of them
(the documents a finding shows). :class:`StoredDocuments` holds every document's metadata
(``doc_id``, which is the SHA-256 of the text, name, source, publisher, title, publication
date) and reads a text the first time its :class:`~fact_ledger.model.Document` is asked for,
checking it against its hash then: a stored text edited since it was recorded is an
:class:`~fact_ledger.errors.IntegrityError` (exit 2) where it is read, and ``fact-ledger
verify`` checks every text up front.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .model import Document

__all__ = ["StoredDocuments"]


class StoredDocuments(Mapping[str, Document]):
    """Documents by ``doc_id``: the metadata in memory, each text read (and hash-checked)
    by ``read_text(doc_id)`` the first time that document is looked up, then kept.

    Iterating, ``len``, ``in`` and :attr:`metadata` never read a text; ``values()``,
    ``items()`` and ``dict(...)`` read them all.
    """

    __slots__ = ("_documents", "_metadata", "_read_text")

    def __init__(
        self, metadata: Mapping[str, Mapping[str, Any]], read_text: Callable[[str], str]
    ) -> None:
        self._metadata = dict(metadata)
        self._read_text = read_text
        self._documents: dict[str, Document] = {}

    @property
    def metadata(self) -> Mapping[str, Mapping[str, Any]]:
        """Every document's metadata by ``doc_id`` (as :meth:`Document.metadata` gives it),
        without reading a text."""
        return types.MappingProxyType(self._metadata)

    def __getitem__(self, doc_id: str) -> Document:
        found = self._documents.get(doc_id)
        if found is None:
            meta = self._metadata[doc_id]  # KeyError for an unknown id, as a dict
            found = Document(text=self._read_text(doc_id), **meta)
            self._documents[doc_id] = found
        return found

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._metadata

    def __iter__(self) -> Iterator[str]:
        return iter(self._metadata)

    def __len__(self) -> int:
        return len(self._metadata)

    def __repr__(self) -> str:
        read = len(self._documents)
        return f"<StoredDocuments: {len(self)} documents, {read} texts read>"
