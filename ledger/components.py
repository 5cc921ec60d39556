"""The named components plugins register: extractors, checks and renderers.

A plugin builds one of these and hands it to the ``register`` callback of the matching
``ledger_register_*`` hook. The host records which plugin registered it (``plugin``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .model import SEVERITIES, Assertion, Document
from .options import FROM_DEFAULTS, NoOptions, option_defaults, options_class

#: A check code: capital letters, then digits (``FL101``, ``XY001``).
CODE_PATTERN = re.compile(r"[A-Z]+[0-9]+")
#: A check name: lower-case words joined by hyphens (``casualty-growth``).
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from .report import Report


class Factorizer(Protocol):
    """What :meth:`CheckContext.factorize` asks of the runner's shared codes
    (:class:`fact_ledger.checking.SharedCodes`); declared here so that this module, which
    plugins import, does not import the runner (which imports it)."""

    def factorize(self, assertions: pd.DataFrame, column: str) -> tuple[np.ndarray, pd.Index]:
        """Codes (``-1`` for missing) and distinct values of ``assertions[column]``."""
        ...


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check may read besides the assertions frame.

    ``documents`` maps ``doc_id`` to the stored :class:`Document`; ``options`` is an
    instance of the check's options dataclass (:attr:`Check.options`) built from the
    configuration's ``[tool.fact-ledger.checks.NAME]`` table over the field defaults and
    validated by the host (a check without options gets :class:`NoOptions`); ``tolerance``
    is the relative tolerance for comparing figures.

    :meth:`factorize` gives the integer codes of a column of the assertions frame. The check
    runner fills ``codes`` so that every check shares one factorization of each column
    instead of hashing the same text again; without it (a context built by hand) the method
    simply calls :func:`pandas.factorize`.
    """

    documents: Mapping[str, Document] = field(default_factory=dict)
    options: Any = field(default_factory=NoOptions)
    tolerance: float = 0.0
    codes: Factorizer | None = field(default=None, repr=False, compare=False)

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
    ``severity`` column overrides ``severity`` row by row. Instead of ``assertion_ids`` it
    may give ``assertion_rows``, the findings' assertions as row positions in the frame it
    was given (docs/hooks.md; :func:`fact_ledger.findings.output_ids` reads either back). The host adds the code, the
    check name, the plugin, the fingerprint and the evidence, and validates the frame.
    Checks work vectorised (group by key), never over all pairs of rows.

    ``code`` is capital letters then digits (``XY001``), ``name`` kebab-case
    (``casualty-growth``); both are checked here, so a bad one fails registration (FL000).
    ``options`` is an optional frozen dataclass whose fields all have defaults; the host
    validates the configuration's table against it (unknown key or wrong type: exit 2) and
    hands the instance to ``run`` as ``context.options``. ``defaults`` is the older form (a
    plain mapping); a dataclass is made from it, typed by the default values.
    """

    code: str
    name: str
    title: str
    description: str
    severity: str
    run: CheckFunction
    defaults: Mapping[str, Any] = field(default_factory=dict)  # older form of ``options``
    plugin: str = ""
    options: type | None = None

    def __post_init__(self) -> None:
        if not CODE_PATTERN.fullmatch(self.code or ""):
            raise ValueError(
                f"check code {self.code!r}: capital letters then digits, such as XY001"
            )
        if not NAME_PATTERN.fullmatch(self.name or ""):
            raise ValueError(
                f"check {self.code} name {self.name!r}: kebab-case, such as casualty-growth"
            )
        if self.severity not in SEVERITIES:
            raise ValueError(f"check {self.code}: severity must be one of {SEVERITIES}")
        given = self.options
        if given is not None and getattr(given, FROM_DEFAULTS, False):
            given = None  # a copy (dataclasses.replace) of a check made from ``defaults``
        # Frozen: set the resolved class once, here, as the dataclass itself would.
        object.__setattr__(self, "options", options_class(given, self.defaults, self.code))

    @property
    def option_defaults(self) -> dict[str, Any]:
        """Each option's default value (the fields of :attr:`options`)."""
        return option_defaults(self.options_type)

    @property
    def options_type(self) -> type:
        """The options dataclass (``options``, resolved: never ``None``)."""
        assert self.options is not None  # resolved in __post_init__
        return self.options


ExtractFunction = Callable[[Document], Iterable[Assertion]]


@dataclass(frozen=True, slots=True)
class Extractor:
    """Turns a stored document into assertions whose quotes are spans of its text."""

    name: str
    extract: ExtractFunction
    description: str = ""
    plugin: str = ""


RenderFunction = Callable[["Report"], str]
StreamFunction = Callable[["Report"], Iterable[str]]


@dataclass(frozen=True, slots=True)
class Renderer:
    """Turns a :class:`~fact_ledger.report.Report` into text in one output format.

    ``stream``, when given, makes the same text in pieces (``"".join(stream(report)) ==
    render(report)``), each made when the one before has been written: the command line
    then writes the output a piece at a time rather than holding all of it (a format that
    writes every finding makes hundreds of megabytes at a million assertions)."""

    name: str
    render: RenderFunction
    description: str = ""
    extension: str = "txt"
    plugin: str = ""
    stream: StreamFunction | None = None
