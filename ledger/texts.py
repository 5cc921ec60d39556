"""A stored ledger's documents with their texts read on demand.

A ledger of a million assertions holds tens of thousands of documents; reading and hashing
every text took most of the time of opening it, though a check or a report needs few of them
(the documents a finding shows). :class:`StoredDocuments` holds every document's metadata
(``doc_id``, which is the SHA-256 of the text, name, source, publisher, title, publication
date) and reads a text the first time its :class:`~fact_ledger.model.Document` is asked for,
checking it against its hash then: a stored text edited since it was recorded is an
:class:`~fact_ledger.errors.IntegrityError` (exit 2) where it is read, and ``fact-ledger
verify`` checks every text up front. Once every text has been read (a check of the whole
ledger reads them all), ``on_complete`` receives them, so that the load path can keep them
in one file (:mod:`fact_ledger.snapshot`'s texts pack) for the next run.
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

    __slots__ = ("_documents", "_metadata", "_on_complete", "_read_text")

    def __init__(
        self,
        metadata: Mapping[str, Mapping[str, Any]],
        read_text: Callable[[str], str],
        *,
        on_complete: Callable[[Mapping[str, str]], None] | None = None,
    ) -> None:
        self._metadata = dict(metadata)
        self._read_text = read_text
        self._documents: dict[str, Document] = {}
        self._on_complete = on_complete

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
            if self._on_complete is not None and len(self._documents) == len(self._metadata):
                complete, self._on_complete = self._on_complete, None
                complete({d: document.text for d, document in self._documents.items()})
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
