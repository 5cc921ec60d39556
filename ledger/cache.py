"""The findings cache: ``check`` of stored ledgers answered from an identical earlier run.

Checking a ledger of a million assertions takes seconds; checking it again unchanged, with
the same configuration and plugins, must not. As ruff and pytest do, the findings of a run
are kept in a cache folder (``.fact-ledger-cache/`` beside the configuration file, or in the
working folder; the ``cache-dir`` setting or the ``FACT_LEDGER_CACHE_DIR`` variable move
it), which ignores itself in git. A later run whose key is the same reads them back instead
of loading and checking the ledgers: ``--statistics`` and the exit code read only the
findings' code, severity and state columns; a format that prints each finding reads the
rest and loads the ledger for the evidence.

The key is a SHA-256 over everything that can change a finding:

* the cache format, fact-ledger's version, Python's and the versions of pandas, numpy,
  pyarrow and pandera;
* the content of every file of fact-ledger itself (modules, data files, templates: an
  editable or patched install changes findings without changing its version);
* every loaded plugin: its name, the version of the distribution that installed it, and the
  content of the files of its top-level package (or its module, when it is one file); the
  same for the module of every check, and the plugins that failed to load;
* the resolved configuration (every setting but ``cache`` and ``cache-dir``), the content
  of the aliases, waivers and baseline files, and which waivers have expired today;
* each input ledger, in order, by :func:`ledger_state`.

Only runs whose inputs are all ledger folders are cached (documents are extracted, and
``-`` and ``--new-since`` are never cached). The cache holds one file per list of inputs,
replaced atomically, so the folder does not grow with each change; a file that is missing,
unreadable, not Arrow IPC, of another shape or another key is ignored and written again.
``--no-cache`` or ``cache = false`` turn the cache off.

Tampering: a ledger is still verified on every run. :func:`ledger_state` reads the manifest
(its entry count, root hash and each segment's size and last hash), hashes the bytes of
the open segment that the manifest covers, and records each sealed segment's and each
stored document's size, modification and change times and inode. The findings are cached
only by a run that loaded the ledger, which checked every segment's hash chain against the
manifest (or used a snapshot built by one that did) and every document's text against its
hash. An edit of a sealed segment or a document after that changes its change time (which
``touch`` cannot set back), so the key differs and the run loads and verifies the ledger
again, naming what is wrong. Reading a sealed segment's lines again on every run is what
``fact-ledger verify`` does; the cache, like the snapshots, trusts the file system's times
for files that have not changed since they were verified.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .findings import LIGHT_COLUMNS, TABLE_COLUMNS, Findings, LedgerSource
from .journal import JOURNAL, MANIFEST, Manifest

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .config import Config
    from .manager import PluginHost
    from .model import Document
    from .snapshot import DocumentStamps

__all__ = [
    "CACHE_DIR",
    "ENV_DIR",
    "FORMAT",
    "FindingsCache",
    "cache_folder",
    "ledger_state",
]

CACHE_DIR = ".fact-ledger-cache"
#: An environment variable that moves the cache folder (as ``RUFF_CACHE_DIR`` does).
ENV_DIR = "FACT_LEDGER_CACHE_DIR"
#: Bumped whenever the stored table or the key changes meaning.
FORMAT = "fact-ledger-findings-cache/2"
_META = b"fact-ledger-cache"
_IGNORE_ALL = "# fact-ledger's findings cache: rebuilt when missing or stale.\n*\n"
# https://bford.info/cachedir/: backup tools skip a folder holding this file.
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by fact-ledger.\n"
)
# Settings that choose where findings are cached, not what they are.
_NOT_IN_KEY = frozenset({"cache", "cache_dir", "source"})


def cache_folder(config: Config, cwd: Path | None = None) -> Path:
    """Where the cache lives: ``$FACT_LEDGER_CACHE_DIR``, else the ``cache-dir`` setting,
    else ``.fact-ledger-cache`` beside the configuration file, else in ``cwd``."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    if config.cache_dir is not None:
        return config.cache_dir
    base = config.source.parent if config.source is not None else (cwd or Path.cwd())
    return base / CACHE_DIR


# -- the state of a stored ledger ---------------------------------------------------------


def _stat(path: Path) -> list[int]:
    """The file's stamp as the snapshots compare it (:func:`~fact_ledger.snapshot.file_stamp`)."""
    from .snapshot import file_stamp

    stamp = file_stamp(path)
    if stamp is None:
        raise FileNotFoundError(path)
    return stamp


def ledger_state(folder: Path, *, documents: DocumentStamps | None = None) -> dict[str, Any]:
    """What the key records of the stored ledger ``folder`` (see the module documentation):
    the manifest's hash, each segment's file times (sealed) or content hash (open), and
    every stored document's file times (``documents``: their stamps as an earlier call
    took them, not taken again). Reads no sealed segment and no document."""
    from .snapshot import documents_stamps

    folder = Path(folder)
    manifest_bytes = (folder / MANIFEST).read_bytes()
    manifest = Manifest.load(folder / MANIFEST)
    segments: list[list[Any]] = []
    for segment in manifest.segments:
        path = folder / JOURNAL / segment.file
        if segment.sealed:
            segments.append([segment.file, *_stat(path)])
        else:
            with open(path, "rb") as handle:
                body = handle.read(segment.bytes)
            segments.append([segment.file, len(body), hashlib.sha256(body).hexdigest()])
    return {
        "manifest": hashlib.sha256(manifest_bytes).hexdigest(),
        "segments": segments,
        "documents": (documents if documents is not None else documents_stamps(folder)).digest,
    }


# -- code and plugins ---------------------------------------------------------------------


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_digest(roots: Sequence[Path]) -> str:
    """The content of every file under ``roots`` (compiled files and dot-files left out)."""
    digest = hashlib.sha256()
    for root in sorted(set(roots)):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name.endswith((".pyc", ".pyo")):
                    continue
                path = Path(folder) / name
                digest.update(f"{path.relative_to(root)}\0".encode())
                digest.update(_file_digest(path).encode())
    return digest.hexdigest()


#: Sub-packages of fact-ledger that live outside its folder (``package-dir`` in
#: pyproject.toml maps them to the repository's top-level folders).
_MAPPED = ("fact_ledger.plugins", "fact_ledger.schemas")


@functools.cache
def _package_digest(top: str) -> str | None:
    """The content of the files of the top-level package (or one-file module) ``top``;
    ``None`` when it has no files to read. For fact-ledger, also the folders of its
    sub-packages that live elsewhere (the same whichever of them this run imported)."""
    import importlib.util

    module = sys.modules.get(top)
    if module is None:
        return None
    paths = list(getattr(module, "__path__", None) or ())
    if not paths:
        file = getattr(module, "__file__", None)
        return _file_digest(Path(file)) if file else None
    roots = [Path(p) for p in paths]
    if top == __name__.split(".")[0]:
        for name in _MAPPED:
            spec = importlib.util.find_spec(name)
            for extra in (spec.submodule_search_locations or ()) if spec else ():
                if not any(Path(extra).is_relative_to(root) for root in roots):
                    roots.append(Path(extra))
    return _tree_digest(roots)


def _module_of(plugin: object) -> str | None:
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    return getattr(type(plugin), "__module__", None)


def _code_digest(module_name: str | None) -> str | None:
    if not module_name:
        return None
    return _package_digest(module_name.split(".")[0])


def plugins_state(host: PluginHost) -> list[Any] | None:
    """Every loaded plugin and check with the digest of its code; ``None`` if the code of
    one cannot be read (then nothing is cached: the key could not see it change)."""
    checks = list(host.checks)  # building the registries records register failures
    state: list[Any] = []
    for name, plugin in host.pm.list_name_plugin():
        if plugin is None:  # blocked
            continue
        digest = _code_digest(_module_of(plugin))
        if digest is None:
            return None
        state.append(["plugin", name, host.versions.get(name), digest])
    for check in checks:
        digest = _code_digest(getattr(check.run, "__module__", None))
        if digest is None:
            return None
        state.append(["check", check.code, check.name, check.plugin, check.severity, digest])
    state.append(["failures", [[f.plugin, f.stage, f.error] for f in host.failures]])
    return state


def _libraries() -> dict[str, str | None]:
    """The versions of Python and of the libraries checks run on (read from their
    metadata: importing pandera only for its version would cost a quarter second)."""
    import importlib.metadata

    versions: dict[str, str | None] = {"python": sys.version}
    for name in ("numpy", "pandas", "pandera", "pyarrow"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _config_state(config: Config, today: date) -> dict[str, Any]:
    from .waivers import load_waivers

    settings = {k: v for k, v in asdict(config).items() if k not in _NOT_IN_KEY}
    files: dict[str, str | None] = {}
    for path in (*config.aliases, config.waivers, config.baseline):
        if path is not None:
            files[str(path)] = _file_digest(path) if path.is_file() else None
    expired: list[str] = []
    if config.waivers is not None and config.waivers.exists():
        # A bad waivers file stops this run as it stops an uncached one (exit 2).
        expired = sorted(
            w.finding for w in load_waivers(config.waivers) if w.expires and today > w.expires
        )
    return {"settings": settings, "files": files, "expired": expired}


# -- the cache ---------------------------------------------------------------------------


def _arrow_schema() -> pa.Schema:
    import pyarrow as pa

    # The light text columns hold a few distinct values: stored as a dictionary, each
    # written and read once.
    few = pa.dictionary(pa.int32(), pa.string())
    types = {"assertion_ids": pa.list_(pa.string()), "waived": pa.bool_()}
    types.update((c, few) for c in LIGHT_COLUMNS if c != "waived")
    return pa.schema([pa.field(c, types.get(c, pa.string())) for c in TABLE_COLUMNS])


def _reader(source: Any, columns: Sequence[str]) -> pa.Table:
    """``columns`` of the cache file opened as ``source`` (only those are decompressed)."""
    import pyarrow.ipc as ipc

    fields = [TABLE_COLUMNS.index(c) for c in columns]
    options = ipc.IpcReadOptions(included_fields=fields)
    return ipc.open_file(source, options=options).read_all()


class FindingsCache:
    """The cache entry of one run: where it lives and the key it must have.

    :meth:`for_run` returns ``None`` when the run cannot be cached; :meth:`findings` reads
    the entry when its key is this run's; :meth:`store` writes a run's findings.
    """

    def __init__(
        self,
        file: Path,
        key: str,
        compute_key: Callable[[], str | None],
        documents_stamps: Mapping[Path, DocumentStamps] | None = None,
    ) -> None:
        self.file = file
        self.key = key
        self._compute_key = compute_key
        #: The stamp of each input ledger's documents the key was made with, by resolved
        #: folder: a load of the same run checks its texts pack against it.
        self.documents_stamps: Mapping[Path, DocumentStamps] = documents_stamps or {}

    @classmethod
    def for_run(
        cls,
        paths: Sequence[str],
        config: Config,
        host: PluginHost,
        *,
        folder: Path | None = None,
    ) -> FindingsCache | None:
        """The cache entry for checking ``paths`` with ``config`` and ``host``; ``None``
        when caching is off, an input is not a ledger folder, the configured baseline is
        missing (the run then says so) or a plugin's code cannot be read."""
        from .store import LedgerStore

        if not config.cache or not paths:
            return None
        if any(p == "-" or not LedgerStore.is_ledger(Path(p)) for p in paths):
            return None
        if config.baseline is not None and not config.baseline.is_file():
            return None
        ledgers = [Path(p).resolve() for p in paths]
        # The documents' stamps are taken once (a stat of each of tens of thousands): the
        # key computed again before storing asks whether a writer changed the ledger, and
        # every write changes its manifest. A document edited during the run was either
        # read after the edit (its hash fails, nothing is stored) or is stamped anew (the
        # next run's key differs and that run reads and hash-checks it).
        documents: dict[Path, DocumentStamps] = {}

        def compute_key() -> str | None:
            from .snapshot import documents_stamps

            plugins = plugins_state(host)
            if plugins is None:
                return None
            try:
                for p in ledgers:
                    if p not in documents:
                        documents[p] = documents_stamps(p)
                inputs = [ledger_state(p, documents=documents[p]) for p in ledgers]
            except (OSError, StoreError):
                return None  # a damaged ledger: the uncached run says what is wrong
            from . import __version__

            material = {
                "format": FORMAT,
                "version": __version__,
                "libraries": _libraries(),
                "plugins": plugins,
                "config": _config_state(config, date.today()),
                "inputs": inputs,
            }
            text = json.dumps(material, sort_keys=True, default=str)
            return hashlib.sha256(text.encode()).hexdigest()

        key = compute_key()
        if key is None:
            return None
        where = folder if folder is not None else cache_folder(config)
        slot = hashlib.sha256(json.dumps([str(p) for p in ledgers]).encode()).hexdigest()
        return cls(where / f"findings-{slot[:24]}.arrow", key, compute_key, documents)

    def findings(
        self,
        load: Callable[[], tuple[pd.DataFrame, Mapping[str, Document]]],
        *,
        deferred: bool = False,
    ) -> Findings | None:
        """The cached findings if the entry has this run's key, else ``None``.

        ``load`` reads the ledger when a finding's evidence is first needed. With
        ``deferred`` only the columns counts and the exit code need are read now (see
        :meth:`Findings.deferred`); otherwise the whole entry is read and checked here, so
        that a damaged entry is ignored rather than found half-way through rendering.
        """
        import pyarrow as pa
        import pyarrow.ipc as ipc

        try:
            # Memory-mapped: a later replacement of the entry (always by a rename) leaves
            # this run reading the file it opened, so the deferred columns match.
            mapped = pa.memory_map(str(self.file))
            schema = ipc.open_file(mapped).schema
            if (schema.metadata or {}).get(_META) != self.key.encode():
                return None
            if schema.remove_metadata() != _arrow_schema():
                return None
            source = LedgerSource(load=load)
            if deferred:
                frame = _frame(_reader(mapped, LIGHT_COLUMNS))
                if not _valid(frame):
                    return None
                return Findings.deferred(frame, functools.partial(self._rest, mapped), source)
            frame = _frame(_reader(mapped, TABLE_COLUMNS))
        except (OSError, pa.ArrowException, ValueError):
            return None  # missing, torn or not Arrow: computed again and replaced
        if not _valid(frame):
            return None
        return Findings.from_table(frame, source)

    def _rest(self, mapped: Any) -> pd.DataFrame:
        """The deferred columns, from the file opened when the light ones were read (a
        later replacement of the entry does not mix two runs)."""
        import pyarrow as pa

        rest = [c for c in TABLE_COLUMNS if c not in LIGHT_COLUMNS]
        try:
            return _frame(_reader(mapped, rest))
        except (OSError, pa.ArrowException, ValueError) as exc:
            self.file.unlink(missing_ok=True)  # the next run computes the findings again
            raise StoreError(
                f"findings cache damaged ({exc}); it was removed", path=self.file
            ) from None

    def store(self, findings: Sequence[Any]) -> bool:
        """Write ``findings`` (a :class:`Findings`) under this run's key, if the inputs
        still have the key they had when the run began (a ledger written meanwhile is not
        cached). A folder that cannot be written is no error. Whether it was written."""
        import pyarrow as pa
        import pyarrow.ipc as ipc

        if not isinstance(findings, Findings) or self._compute_key() != self.key:
            return False
        # Fingerprints not yet computed are stored as missing and computed when read back.
        table = findings.table(fingerprints=False)
        schema = _arrow_schema()
        arrow = pa.Table.from_arrays(
            [_arrow_column(table[field.name], field.type) for field in schema], schema=schema
        ).replace_schema_metadata({_META: self.key.encode()})
        folder = self.file.parent
        tmp = folder / f".{self.file.name}.{os.getpid()}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in ((".gitignore", _IGNORE_ALL), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
                if not (folder / name).exists():
                    (folder / name).write_text(text, encoding="utf-8")
            # Arrow IPC with lz4: a tenth of the time of zstd Parquet to write, and a run
            # answered from the cache decompresses only the columns it reads.
            options = ipc.IpcWriteOptions(compression="lz4")
            with (
                pa.OSFile(str(tmp), "wb") as sink,
                ipc.new_file(sink, arrow.schema, options=options) as out,
            ):
                out.write_table(arrow)
            os.replace(tmp, self.file)
        except (OSError, pa.ArrowException):
            tmp.unlink(missing_ok=True)
            return False
        return True


def _arrow_column(column: pd.Series, kind: pa.DataType) -> pa.Array:
    """One column of a findings table as Arrow, whole-column: text and flags converted in C,
    the id lists as one flat array of ids and the offsets where each finding's start."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        codes, words = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
        indices = pa.array(codes, type=kind.index_type, mask=codes < 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(words, type=kind.value_type))
    if pa.types.is_list(kind):
        lists = column.tolist()
        offsets = np.zeros(len(lists) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, lists), dtype=np.int64, count=len(lists)), out=offsets[1:])
        flat = pa.array(list(itertools.chain.from_iterable(lists)), type=kind.value_type)
        return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), flat)
    if pa.types.is_boolean(kind):
        return pa.array(column.to_numpy(dtype=bool), type=kind)
    return pa.array(column.to_numpy(dtype=object), type=kind, from_pandas=True)


def _frame(table: pa.Table) -> pd.DataFrame:
    """A cache table as the columns :class:`Findings` holds (ids as tuples, text as Python
    strings in object columns, as a run makes them)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    columns: dict[str, Any] = {}
    for name in table.column_names:
        column = table[name]
        if name in LIGHT_COLUMNS and column.null_count:
            raise ValueError(f"column {name} has missing values")
        if name == "waived":
            columns[name] = np.asarray(column.to_numpy(zero_copy_only=False), dtype=bool)
        elif name == "assertion_ids":
            columns[name] = pd.Series([tuple(v) for v in column.to_pylist()], dtype=object)
        elif name in LIGHT_COLUMNS:
            # A few distinct values in a long column: decode each once, then take.
            encoded = column.combine_chunks()
            if not pa.types.is_dictionary(encoded.type):
                encoded = encoded.dictionary_encode()
            words = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
            codes = encoded.indices.to_numpy(zero_copy_only=False)
            columns[name] = pd.Series(words[codes], dtype=object)
        else:
            array = column.combine_chunks()
            if not pa.types.is_string(array.type):
                raise ValueError(f"column {name} is not text")
            columns[name] = pd.Series(array.to_pylist(), dtype=object)
    return pd.DataFrame(columns)


def _valid(frame: pd.DataFrame) -> bool:
    """The columns a cache entry is read back with hold what a run writes."""
    from .model import SEVERITIES

    # Missing values were refused as the columns were read (_frame).
    allowed = {"severity": SEVERITIES, "baseline": ("new", "unchanged")}
    return all(frame[name].isin(values).all() for name, values in allowed.items())
