"""The named components plugins register: extractors, checks and renderers.

A plugin builds one of these and hands it to the ``register`` callback of the matching
``ledger_register_*`` hook. The host records which plugin registered it (``plugin``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import SEVERITIES, Assertion, Document

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .checking import SharedCodes
    from .report import Report


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may read besides the assertions frame.

    ``documents`` maps ``doc_id`` to the stored :class:`Document`; ``options`` is this
    check's table from the configuration (``[tool.fact-ledger.checks.NAME]``) merged over
    its defaults; ``tolerance`` is the relative tolerance for comparing figures.

    :meth:`factorize` gives the integer codes of a column of the assertions frame. The check
    runner fills ``codes`` so that every check shares one factorization of each column
    instead of hashing the same text again; without it (a context built by hand) the method
    simply calls :func:`pandas.factorize`.
    """

    documents: Mapping[str, Document] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    tolerance: float = 0.0
    codes: SharedCodes | None = field(default=None, repr=False, compare=False)

    def factorize(self, assertions: pd.DataFrame, column: str) -> tuple[np.ndarray, pd.Index]:
        """``pandas.factorize(assertions[column])``: codes (``-1`` for a missing value) and
        the distinct values, computed once per run when ``assertions`` is the frame the
        runner handed to the check (unchanged), and on the spot otherwise."""
        if self.codes is not None:
            return self.codes.factorize(assertions, column)
        import pandas as pd

        return pd.factorize(assertions[column])


CheckFunction = Callable[["pd.DataFrame", CheckContext], "pd.DataFrame"]


@dataclass(frozen=True, slots=True)
class Check:
    """A check: a function from the assertions DataFrame to a findings DataFrame.

    ``run(assertions, context)`` returns a frame with at least the columns
    ``assertion_ids`` (a list of assertion ids per row) and ``message``; an optional
    ``severity`` column overrides ``severity`` row by row. The host adds the code, the
    check name, the plugin, the fingerprint and the evidence, and validates the frame.
    Checks work vectorised (group by key), never over all pairs of rows.
    """

    code: str
    name: str
    title: str
    description: str
    severity: str
    run: CheckFunction
    defaults: Mapping[str, Any] = field(default_factory=dict)
    plugin: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"check {self.code}: severity must be one of {SEVERITIES}")
        if not self.code or not self.name:
            raise ValueError("a check needs a code and a name")


ExtractFunction = Callable[[Document], Iterable[Assertion]]


@dataclass(frozen=True, slots=True)
class Extractor:
    """Turns a stored document into assertions whose quotes are spans of its text."""

    name: str
    extract: ExtractFunction
    description: str = ""
    plugin: str = ""


RenderFunction = Callable[["Report"], str]


@dataclass(frozen=True, slots=True)
class Renderer:
    """Turns a :class:`~fact_ledger.report.Report` into text in one output format."""

    name: str
    render: RenderFunction
    description: str = ""
    extension: str = "txt"
    plugin: str = ""
