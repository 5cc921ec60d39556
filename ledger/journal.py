"""The hash-chained journal: canonical JSON lines in segments, a manifest, recovery and verification.

A journal is the folder ``journal/`` of a ledger plus its ``manifest.json``. Entry ``n`` (from 1)
is one line of canonical JSON (:mod:`fact_ledger.canonical`) ``{"data":…,"op":…,"prev":…,"seq":n}``
where ``prev`` is the SHA-256 of the previous entry's line (64 zeros for the first). Entries are
stored in segments of ``segment_size`` lines: segment ``k`` is ``journal/{k:06d}.jsonl`` and holds
entries ``(k-1)*segment_size+1`` to ``k*segment_size``. A full segment is sealed and never changes.

The manifest is the commit point: an append writes and fsyncs its lines, then replaces the
manifest (temp file and rename). Bytes after what the manifest records are an interrupted write;
:meth:`Journal.recover` moves them aside, never dropping them. This module knows nothing of
documents or assertions; :mod:`fact_ledger.store` gives the entries their meaning.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

from .atomic import fsync_dir as _fsync_dir
from .atomic import replace_file as _rename
from .atomic import write_atomic
from .atomic import write_temp as _write_temp
from .canonical import CanonicalError, canonical_json, parse_canonical, parse_json
from .errors import CommittedError, IntegrityError, StoreError

__all__ = [
    "FORMAT",
    "GENESIS",
    "OPS",
    "Entry",
    "Journal",
    "Manifest",
    "Segment",
    "VerifyResult",
    "entry_line",
    "line_hash",
    "segment_name",
]

FORMAT = "fact-ledger-journal/1"
GENESIS = "0" * 64
OPS: frozenset[str] = frozenset({"document", "assert", "amend", "retract"})
MANIFEST = "manifest.json"
JOURNAL = "journal"
_SEGMENT_RE = re.compile(r"^(\d{6})\.jsonl$")
_HASH_RE = re.compile(r"^[0-9a-f]{64}$")
_ENTRY_KEYS = frozenset({"seq", "prev", "op", "data"})
_BY_MANIFEST = "the manifest's"


def line_hash(line: str) -> str:
    """SHA-256 (hex) of one journal line's UTF-8 bytes, without its newline."""
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def entry_line(seq: int, prev: str, op: str, data: dict[str, Any]) -> str:
    """The canonical line of an entry (no newline); :class:`CanonicalError` if ``data`` has none."""
    return canonical_json({"seq": seq, "prev": prev, "op": op, "data": data})


def segment_name(index: int) -> str:
    """File name of segment ``index`` (from 1)."""
    return f"{index:06d}.jsonl"


@dataclass(frozen=True, slots=True)
class Entry:
    """One verified journal entry."""

    seq: int
    op: str
    data: dict[str, Any]
    hash: str


@dataclass(frozen=True, slots=True)
class Segment:
    """What the manifest records of one segment file."""

    file: str
    first: int
    entries: int
    bytes: int
    last_hash: str
    sealed: bool

    @property
    def last(self) -> int:
        """Seq of the segment's last entry."""
        return self.first + self.entries - 1


@dataclass(frozen=True, slots=True)
class Manifest:
    """The journal's commit record: entry count, root hash (hash of the last line), segments."""

    segment_size: int
    entries: int = 0
    root: str = GENESIS
    segments: tuple[Segment, ...] = ()
    format: str = FORMAT

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read a manifest file; :class:`StoreError` naming ``path`` if it is not one."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError("not found: not a fact-ledger ledger or manifest", path=path) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise StoreError(f"unreadable manifest: {exc}", path=path) from None
        except RecursionError:
            raise StoreError("unreadable manifest: nested too deeply", path=path) from None
        try:
            if raw.get("format") != FORMAT:
                raise ValueError(f"format is {raw.get('format')!r}, expected {FORMAT!r}")
            manifest = cls(
                segment_size=_positive(raw["segment_size"], "segment_size"),
                entries=_count(raw["entries"], "entries"),
                root=_hash(raw["root"], "root"),
                segments=tuple(
                    Segment(
                        file=_segment_file(s["file"]),
                        first=_positive(s["first"], "first"),
                        entries=_count(s["entries"], "entries"),
                        bytes=_count(s["bytes"], "bytes"),
                        last_hash=_hash(s["last_hash"], "last_hash"),
                        sealed=bool(s["sealed"]),
                    )
                    for s in raw["segments"]
                ),
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"malformed manifest: {exc}", path=path) from None
        if sum(s.entries for s in manifest.segments) != manifest.entries:
            raise StoreError("malformed manifest: segment counts do not add up", path=path)
        return manifest

    def dumps(self) -> str:
        """Indented, sorted JSON: the manifest is read in pull-request diffs."""
        data = {
            "format": self.format,
            "segment_size": self.segment_size,
            "entries": self.entries,
            "root": self.root,
            "segments": [
                {
                    "file": s.file,
                    "first": s.first,
                    "entries": s.entries,
                    "bytes": s.bytes,
                    "last_hash": s.last_hash,
                    "sealed": s.sealed,
                }
                for s in self.segments
            ],
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _positive(value: Any, name: str) -> int:
    if type(value) is not int or value < 1:
        raise ValueError(f"{name} must be a positive integer")
    return value


def _count(value: Any, name: str) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"{name} must be a non-negative integer")
    return value


def _segment_file(value: Any) -> str:
    # Only a bare segment name: a manifest must not point the reader outside journal/.
    if not isinstance(value, str) or not _SEGMENT_RE.match(value):
        raise ValueError(f"segment file {value!r} is not a journal segment name")
    return value


def _hash(value: Any, name: str) -> str:
    if not isinstance(value, str) or not _HASH_RE.match(value):
        raise ValueError(f"{name} must be a SHA-256 hex digest")
    return value


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """Outcome of :meth:`Journal.verify` / ``LedgerStore.verify``.

    ``entries`` and ``root_hash`` describe the journal as found (the committed lines read and
    the hash of the last one); ``first_bad`` is the 1-based seq of the first entry that is
    damaged, missing or not attested, or ``None``. ``notes`` are observations that do not make
    the ledger invalid (an unreferenced document file).
    """

    ok: bool
    entries: int
    root_hash: str
    problems: list[str]
    first_bad: int | None
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    """One raw line as found on disk, before any judgement."""

    segment: str
    lineno: int  # 1-based, within its segment file
    raw: bytes
    complete: bool  # ended with a newline

    def where(self, pos: int) -> str:
        return f"entry {pos} ({JOURNAL}/{self.segment} line {self.lineno})"


@dataclass(slots=True)
class _Analysis:
    hashes: list[str]  # hash of every committed line read, by position
    problems: list[str]
    first_bad: int | None
    tail: list[str]  # descriptions of bytes beyond the manifest


def _record_problems(manifest: Manifest, committed: list[_Line]) -> list[tuple[int, str]]:
    """Each segment's recorded entry count and size against its committed lines.

    The last segment may hold bytes beyond its record (an interrupted write), so a record
    edited smaller would otherwise pass committed entries off as such a tail.
    """
    held: dict[str, list[int]] = {}
    for line in committed:
        count_size = held.setdefault(line.segment, [0, 0])
        count_size[0] += 1
        count_size[1] += len(line.raw) + line.complete
    problems: list[tuple[int, str]] = []
    for seg in manifest.segments:
        count, size = held.get(seg.file, (0, 0))
        if (count, size) != (seg.entries, seg.bytes):
            problems.append(
                (
                    seg.first,
                    f"{MANIFEST}: records {seg.entries} entries in {seg.bytes} bytes for "
                    f"{JOURNAL}/{seg.file}, whose committed lines are {count} in {size} bytes "
                    "(edited manifest?)",
                )
            )
    return problems


def _aside_path(path: Path) -> Path:
    """A fresh ``<file>.torn`` (or ``.torn.1``…) next to ``path``: earlier ones are kept."""
    candidate = path.with_name(path.name + ".torn")
    n = 0
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.torn.{n}")
    return candidate


class Journal:
    """The journal of the ledger at ``root`` (its ``journal/`` folder and ``manifest.json``).

    Callers serialise writes (``LedgerStore`` holds a file lock); this class only orders bytes.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / JOURNAL
        self.manifest_path = root / MANIFEST

    # -- manifest ---------------------------------------------------------------------------

    def read_manifest(self) -> Manifest:
        """The current manifest (:class:`StoreError` if missing or malformed)."""
        return Manifest.load(self.manifest_path)

    def write_manifest(self, manifest: Manifest) -> None:
        """Atomically replace the manifest: the commit point of every write."""
        write_atomic(self.manifest_path, manifest.dumps().encode("utf-8"))

    # -- reading ----------------------------------------------------------------------------

    def segment_files(self) -> list[str]:
        """Names of the segment files present, in order."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if _SEGMENT_RE.match(p.name))

    def _raw_lines(self) -> list[_Line]:
        lines: list[_Line] = []
        for name in self.segment_files():
            data = (self.folder / name).read_bytes()
            pieces = data.split(b"\n")
            for lineno, piece in enumerate(pieces[:-1], start=1):
                lines.append(_Line(name, lineno, piece, True))
            if pieces[-1]:
                lines.append(_Line(name, len(pieces), pieces[-1], False))
        return lines

    def entries(self, manifest: Manifest | None = None) -> Iterator[Entry]:
        """The committed entries, checked as they are read.

        Reads exactly what ``manifest`` records (bytes beyond it are an interrupted write and
        are ignored here) and checks sizes, seqs and the hash chain up to the root, so any
        change since writing raises :class:`IntegrityError` naming the first bad entry. The
        canonical form of each line is left to :meth:`verify`: re-serialising every line would
        double the cost of a load and a changed byte already breaks the chain.
        """
        manifest = manifest or self.read_manifest()
        prev, seq = GENESIS, 0
        for segment in manifest.segments:
            path = self.folder / segment.file
            try:
                with open(path, "rb") as fh:
                    data = fh.read(segment.bytes)
            except OSError:
                data = b""
            if len(data) != segment.bytes or (data and not data.endswith(b"\n")):
                self._raise_first_bad(manifest)
            lines = data.split(b"\n")[:-1]
            if len(lines) != segment.entries:
                self._raise_first_bad(manifest)
            for raw in lines:
                seq += 1
                try:
                    line = raw.decode("utf-8")
                    entry: Entry | None = _entry(parse_json(line), seq, prev, line)
                except (UnicodeDecodeError, CanonicalError, ValueError):
                    entry = None
                if entry is None:  # outside the except: the parse error is not the story
                    self._raise_first_bad(manifest)
                prev = entry.hash
                yield entry
            if prev != segment.last_hash:
                self._raise_first_bad(manifest)
        if seq != manifest.entries or prev != manifest.root:
            self._raise_first_bad(manifest)

    def _raise_first_bad(self, manifest: Manifest) -> NoReturn:
        analysis = self._analyse(manifest)
        first = analysis.first_bad
        problem = analysis.problems[0] if analysis.problems else "journal does not verify"
        raise IntegrityError(problem, path=self.manifest_path.parent, entry=first)

    # -- verification -----------------------------------------------------------------------

    def _analyse(
        self, manifest: Manifest, visit: Callable[[Entry], None] | None = None
    ) -> _Analysis:
        """Judge every line against its successor, the manifest and the segment layout."""
        size = manifest.segment_size
        committed = manifest.entries
        lines = self._raw_lines()
        problems: list[tuple[int, str]] = []
        bad: set[int] = set()
        prevs: dict[int, str] = {}  # pos -> the prev that line records
        hashes: list[str] = []
        intact = True  # every committed line so far parsed and chained

        for pos, item in enumerate(lines[:committed], start=1):
            hashes.append(hashlib.sha256(item.raw).hexdigest())
            where = item.where(pos)
            if not item.complete:
                bad.add(pos)
                problems.append((pos, f"{where}: line is cut short (no newline)"))
                intact = False
                continue
            expected_segment = segment_name((pos - 1) // size + 1)
            if item.segment != expected_segment:
                bad.add(pos)
                problems.append((pos, f"{where}: belongs in segment {expected_segment}"))
            try:
                line = item.raw.decode("utf-8")
                value = parse_canonical(line)
                _check_shape(value)
            except (UnicodeDecodeError, CanonicalError, ValueError) as exc:
                bad.add(pos)
                problems.append((pos, f"{where}: {exc}"))
                intact = False
                continue
            prevs[pos] = value["prev"]
            if value["seq"] != pos:
                bad.add(pos)
                problems.append(
                    (
                        pos,
                        f"{where}: found seq {value['seq']} where seq {pos} belongs "
                        "(a line was removed, reordered or inserted)",
                    )
                )
            if intact and visit is not None:
                visit(Entry(pos, value["op"], value["data"], hashes[-1]))

        # Attestation: line i is vouched for by the prev of line i+1, the manifest's root (last
        # line) and the manifest's segment records. A mismatch at i is blamed on line i+1
        # instead when line i+1 is itself bad: an edit to line i+1's prev field breaks the link
        # to line i without touching line i.
        witnesses: dict[int, list[tuple[str, str]]] = {}
        for pos, prev in prevs.items():
            witnesses.setdefault(pos - 1, []).append((prev, f"the prev of entry {pos}"))
        if committed:
            witnesses.setdefault(committed, []).append((manifest.root, f"{_BY_MANIFEST} root hash"))
        for seg in manifest.segments:
            if seg.entries:
                witnesses.setdefault(seg.last, []).append(
                    (seg.last_hash, f"{_BY_MANIFEST} last hash of {seg.file}")
                )
        suspect: dict[int, str] = {}  # pos -> a witness the line at pos fails
        for pos, claims in witnesses.items():
            actual = GENESIS if pos == 0 else (hashes[pos - 1] if pos <= len(hashes) else None)
            if actual is None:
                continue
            against = [who for claimed, who in claims if claimed != actual]
            if not against:
                continue
            if (
                pos
                and len(against) < len(claims)
                and all(w.startswith(_BY_MANIFEST) for w in against)
            ):
                # Another witness vouches for the line: the manifest's record is what changed.
                problems.append(
                    (pos, f"{MANIFEST}: {against[0]} does not match entry {pos} (edited manifest?)")
                )
                continue
            suspect[pos] = against[0]
        for pos in sorted(suspect):
            if pos == 0:
                culprit, text = 1, "does not start the chain (its prev is not the genesis hash)"
            elif pos + 1 in bad or pos + 1 in suspect:
                culprit = pos + 1
                text = f"its prev does not match the hash of entry {pos}"
            else:
                culprit = pos
                text = f"does not hash to {suspect[pos]} (the line was changed)"
            if culprit not in bad:
                bad.add(culprit)
                problems.append((culprit, f"{lines[culprit - 1].where(culprit)}: {text}"))

        if len(hashes) < committed:
            missing = len(hashes) + 1
            bad.add(missing)
            problems.append(
                (
                    missing,
                    f"entry {missing}: missing: the journal ends after entry {len(hashes)} but "
                    f"{MANIFEST} records "
                    f"{committed} entries (truncated)",
                )
            )
        problems.sort(key=lambda p: p[0])
        # File-level findings come after the entry-level ones: they explain, the entries name.
        segment_problems = self._segment_problems(manifest)
        problems.extend(segment_problems)
        if not segment_problems:
            problems.extend(_record_problems(manifest, lines[:committed]))
        tail = self._describe_tail(manifest, lines, hashes)
        return _Analysis(
            hashes=hashes,
            problems=[text for _, text in problems],
            first_bad=min(bad) if bad else None,
            tail=tail,
        )

    def _segment_problems(self, manifest: Manifest) -> list[tuple[int, str]]:
        """Files and sizes against what the manifest records (sizes catch appended bytes)."""
        problems: list[tuple[int, str]] = []
        for index, seg in enumerate(manifest.segments, start=1):
            path = self.folder / seg.file
            expected_first = (index - 1) * manifest.segment_size + 1
            if seg.file != segment_name(index) or seg.first != expected_first:
                problems.append(
                    (seg.first, f"{MANIFEST}: segment {index} is misnamed or misplaced")
                )
            if not path.exists():
                problems.append(
                    (seg.first, f"{JOURNAL}/{seg.file}: missing (entries {seg.first}-{seg.last})")
                )
                continue
            actual = path.stat().st_size
            last = index == len(manifest.segments)
            if actual < seg.bytes or (actual > seg.bytes and not last):
                problems.append(
                    (
                        seg.first,
                        f"{JOURNAL}/{seg.file}: {actual} bytes where {MANIFEST} records {seg.bytes}",
                    )
                )
        return problems

    def _describe_tail(
        self, manifest: Manifest, lines: list[_Line], hashes: list[str]
    ) -> list[str]:
        """What lies beyond the commit point: uncommitted entries and a torn line."""
        extra = lines[manifest.entries :]
        if not extra:
            return []
        complete = 0
        prev = hashes[-1] if hashes and len(hashes) == manifest.entries else manifest.root
        for pos, item in enumerate(extra, start=manifest.entries + 1):
            try:
                if not item.complete:
                    raise ValueError
                line = item.raw.decode("utf-8")
                _entry(parse_canonical(line), pos, prev, line)
            except (UnicodeDecodeError, CanonicalError, ValueError):
                break
            prev = line_hash(line)
            complete += 1
        torn = len(extra) - complete
        notes = []
        if complete:
            notes.append(
                f"entries {manifest.entries + 1}-{manifest.entries + complete} are in the journal "
                f"but not in {MANIFEST} (a write stopped before the manifest was "
                "replaced); LedgerStore.repair() moves them aside, repair(adopt=True) keeps them"
            )
        if torn:
            notes.append(
                f"torn tail after entry {manifest.entries + complete}: {torn} incomplete or "
                "unreadable line(s) from an interrupted write; the next write (or "
                "LedgerStore.repair()) moves them aside"
            )
        return notes

    def verify(
        self, against: Path | None = None, *, visit: Callable[[Entry], None] | None = None
    ) -> VerifyResult:
        """Check every line and the manifest; with ``against``, also that history still ends in
        the root hash an older manifest (or an older copy of the ledger folder) recorded.

        ``visit`` is called with each committed entry, in order, up to the first line that does
        not parse: the store replays them for its own checks without holding them all.
        """
        manifest = self.read_manifest()
        analysis = self._analyse(manifest, visit)
        problems = list(analysis.problems)
        if self.manifest_path.read_text(encoding="utf-8") != manifest.dumps():
            # Same values, other bytes: harmless, but a reviewed file should not change silently.
            problems.append(f"{MANIFEST}: not in the form fact-ledger writes (edited by hand?)")
        first_bad = analysis.first_bad
        if analysis.tail:
            problems.extend(analysis.tail)
            if first_bad is None:
                first_bad = manifest.entries + 1
        if against is not None:
            bad, messages = self._check_against(against, analysis.hashes)
            problems.extend(messages)
            if bad is not None and (first_bad is None or bad < first_bad):
                first_bad = bad
        hashes = analysis.hashes
        result = VerifyResult(
            ok=not problems,
            entries=len(hashes),
            root_hash=hashes[-1] if hashes else GENESIS,
            problems=problems,
            first_bad=first_bad,
        )
        return result

    def _check_against(self, against: Path, hashes: list[str]) -> tuple[int | None, list[str]]:
        if against.is_dir():
            return self._check_against_copy(Journal(against), hashes)
        old = Manifest.load(against)
        if old.entries == 0:
            return None, []
        if old.entries > len(hashes):
            return len(hashes) + 1, [
                f"{against} recorded {old.entries} entries but the journal has {len(hashes)}: "
                "history was truncated"
            ]
        if hashes[old.entries - 1] == old.root:
            return None, []
        # The old manifest vouches only for segment ends: name the first span that changed.
        start = 1
        for seg in old.segments:
            if seg.entries and hashes[seg.last - 1] != seg.last_hash:
                return seg.first, [
                    f"history rewritten: entries {seg.first}-{seg.last} no longer end in the hash "
                    f"{against} recorded; the first changed entry is in that range"
                ]
            start = seg.last + 1
        return start, [
            f"history rewritten: entry {old.entries} no longer has the root hash {against} "
            f"recorded; the first changed entry is between {start} and {old.entries}"
        ]

    def _check_against_copy(self, old: Journal, hashes: list[str]) -> tuple[int | None, list[str]]:
        old_manifest = old.read_manifest()
        old_hashes = old._analyse(old_manifest).hashes[: old_manifest.entries]
        for pos, (mine, theirs) in enumerate(zip(hashes, old_hashes, strict=False), start=1):
            if mine != theirs:
                return pos, [f"history rewritten: entry {pos} differs from {old.root}"]
        if len(old_hashes) > len(hashes):
            return len(hashes) + 1, [
                f"{old.root} has {len(old_hashes)} entries but the journal has {len(hashes)}: "
                "history was truncated"
            ]
        return None, []

    # -- writing ----------------------------------------------------------------------------

    def has_tail(self, manifest: Manifest) -> bool:
        """Whether bytes lie beyond what ``manifest`` records (cheap: sizes and names only)."""
        last = manifest.segments[-1] if manifest.segments else None
        if any(last is None or name > last.file for name in self.segment_files()):
            return True
        if last is None:
            return False
        path = self.folder / last.file
        return path.exists() and path.stat().st_size > last.bytes

    def recover(self, *, adopt: bool = False) -> list[str]:
        """Move bytes beyond the manifest aside (to ``<segment>.torn`` files) and report them.

        With ``adopt``, complete entries that chain on from the manifest's root are kept and
        the manifest is extended to them (a crash after the journal fsync but before the
        manifest rename lost nothing); only what does not verify is moved aside. Damage inside
        the committed part raises :class:`IntegrityError`. Call under the ledger's lock.
        """
        manifest = self.read_manifest()
        if not self.has_tail(manifest):
            return []
        for _ in self.entries(manifest):  # the committed part must be intact first
            pass
        keep: list[tuple[str, bytes]] = []  # (segment, line) adopted
        if adopt:
            lines = self._raw_lines()[manifest.entries :]
            prev = manifest.root
            for pos, item in enumerate(lines, start=manifest.entries + 1):
                expected_segment = segment_name((pos - 1) // manifest.segment_size + 1)
                try:
                    if not item.complete or item.segment != expected_segment:
                        raise ValueError
                    line = item.raw.decode("utf-8")
                    entry = _entry(parse_canonical(line), pos, prev, line)
                except (UnicodeDecodeError, CanonicalError, ValueError):
                    break
                prev = entry.hash
                keep.append((item.segment, item.raw))
        new_manifest = manifest
        if keep:
            new_manifest = _extend(manifest, [(seg, raw + b"\n") for seg, raw in keep])

        # Cut each file back to what the (new) manifest records; the rest goes aside.
        messages: list[str] = []
        recorded = {s.file: s.bytes for s in new_manifest.segments}
        for name in self.segment_files():
            path = self.folder / name
            size = path.stat().st_size
            keep_bytes = recorded.get(name, 0)
            if size <= keep_bytes:
                continue
            aside = _aside_path(path)
            if keep_bytes == 0:
                os.replace(path, aside)
            else:
                with open(path, "rb") as fh:
                    fh.seek(keep_bytes)
                    spill = fh.read()
                write_atomic(aside, spill)
                os.truncate(path, keep_bytes)
                with open(path, "rb+") as fh:
                    os.fsync(fh.fileno())
            _fsync_dir(self.folder)
            messages.append(
                f"{path}: moved {size - keep_bytes} bytes beyond the manifest aside to {aside}"
            )
        if keep:
            self.write_manifest(new_manifest)
            messages.insert(
                0,
                f"{self.manifest_path}: adopted entries {manifest.entries + 1}-"
                f"{new_manifest.entries} written before an interrupted manifest update",
            )
        return messages

    def append(self, records: Iterable[tuple[str, dict[str, Any]]]) -> Manifest:
        """Append entries and commit them: write, flush, fsync each file, then the manifest.

        The caller holds the lock and has made sure there is no tail (:meth:`recover`). On any
        failure the files are cut back to the manifest, so the ledger is as it was.
        """
        manifest = self.read_manifest()
        prev, seq = manifest.root, manifest.entries
        chunks: list[tuple[str, bytes]] = []
        for op, data in records:
            if op not in OPS:
                raise StoreError(f"unknown journal op {op!r}", path=self.manifest_path)
            seq += 1
            try:
                line = entry_line(seq, prev, op, data)
            except CanonicalError as exc:
                raise StoreError(
                    f"entry {seq} cannot be written: {exc}", path=self.folder
                ) from None
            prev = line_hash(line)
            chunks.append(
                (segment_name((seq - 1) // manifest.segment_size + 1), line.encode() + b"\n")
            )
        if not chunks:
            return manifest
        new_manifest = _extend(manifest, chunks)
        by_file: dict[str, list[bytes]] = {}
        for name, chunk in chunks:
            by_file.setdefault(name, []).append(chunk)
        sizes = {s.file: s.bytes for s in manifest.segments}
        self.folder.mkdir(exist_ok=True)
        try:
            for name, parts in by_file.items():
                with open(self.folder / name, "ab") as fh:
                    fh.write(b"".join(parts))
                    fh.flush()
                    os.fsync(fh.fileno())
            _fsync_dir(self.folder)
            tmp = _write_temp(self.manifest_path, new_manifest.dumps().encode("utf-8"))
            _rename(tmp, self.manifest_path)
        except BaseException as exc:
            # Not committed: the manifest still describes the old journal, so cut back to it.
            self._cut_back(by_file, sizes)
            if isinstance(exc, OSError):
                raise StoreError(
                    f"write failed, nothing recorded: {exc}", path=self.folder
                ) from exc
            raise
        # Committed by the rename; syncing the folder only makes it durable. A failure now
        # must not read as "nothing recorded": the entries are in the ledger.
        try:
            _fsync_dir(self.root)
        except OSError as exc:
            raise CommittedError(
                f"entries {manifest.entries + 1}-{new_manifest.entries} were recorded, but "
                f"syncing the folder failed ({exc.strerror or exc}): they may not survive a "
                "power cut; run `fact-ledger verify` once the disk is healthy",
                path=self.root,
            ) from None
        return new_manifest

    def _cut_back(self, touched: Iterable[str], sizes: dict[str, int]) -> None:
        for name in touched:
            path = self.folder / name
            try:
                if name in sizes:
                    os.truncate(path, sizes[name])
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                pass  # the manifest was not replaced, so leftover bytes are only a tail


def _extend(manifest: Manifest, chunks: list[tuple[str, bytes]]) -> Manifest:
    """The manifest after appending ``chunks`` (segment name, line with newline) in order."""
    segments = list(manifest.segments)
    seq, prev = manifest.entries, manifest.root
    # Per segment: [first, entries, bytes, last_hash], folded into Segment records at the end.
    open_: dict[str, list[Any]] = {}
    if segments:
        last = segments.pop()
        open_[last.file] = [last.first, last.entries, last.bytes, last.last_hash]
    for name, data in chunks:
        seq += 1
        prev = hashlib.sha256(data[:-1]).hexdigest()
        acc = open_.setdefault(name, [seq, 0, 0, prev])
        acc[1] += 1
        acc[2] += len(data)
        acc[3] = prev
    segments.extend(
        Segment(name, first, entries, size, last_hash, entries == manifest.segment_size)
        for name, (first, entries, size, last_hash) in open_.items()
    )
    return replace(manifest, entries=seq, root=prev, segments=tuple(segments))


def _check_shape(value: Any) -> None:
    if not isinstance(value, dict) or set(value) != _ENTRY_KEYS:
        raise ValueError("not a journal entry (keys must be data, op, prev, seq)")
    if type(value["seq"]) is not int:
        raise ValueError("seq is not an integer")
    if not isinstance(value["prev"], str) or not _HASH_RE.match(value["prev"]):
        raise ValueError("prev is not a SHA-256 hex digest")
    if value["op"] not in OPS:
        raise ValueError(f"unknown op {value['op']!r}")
    if not isinstance(value["data"], dict):
        raise ValueError("data is not an object")


def _entry(value: Any, seq: int, prev: str, line: str) -> Entry:
    """Check a parsed line at position ``seq`` chains on from ``prev``; ValueError if not."""
    _check_shape(value)
    if value["seq"] != seq:
        raise ValueError(f"seq {value['seq']} where {seq} belongs")
    if value["prev"] != prev:
        raise ValueError("prev does not match")
    return Entry(seq, value["op"], value["data"], line_hash(line))
