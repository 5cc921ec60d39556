"""fact-ledger: a typed, auditable ledger of the figures and claims in news articles.

The public API for plugin authors is re-exported here: ``hookimpl``, the component types
(:class:`Check`, :class:`Extractor`, :class:`Renderer`) and the value types.
"""

from .components import Check, CheckContext, Extractor, Renderer
from .hookspecs import hookimpl
from .model import Assertion, Document, Evidence, Finding

__version__ = "0.1.0"

__all__ = [
    "Assertion",
    "Check",
    "CheckContext",
    "Document",
    "Evidence",
    "Extractor",
    "Finding",
    "Renderer",
    "__version__",
    "hookimpl",
]
