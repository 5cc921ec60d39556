"""Signed checkpoints: an ed25519 key held outside the ledger vouches for its history.

The hash chain makes every change to a journal line visible, but someone who rewrites an entry
and recomputes every later hash and the manifest has a ledger that verifies on its own. A
checkpoint closes that gap without an old copy: it is a signature, by a key kept outside the
ledger, over the entry count and root hash of the manifest at one moment. The root hash vouches
for every entry before it, so a checkpoint vouches for the whole history up to its entry.
Checkpoints are kept in ``checkpoints.jsonl`` beside the manifest, one canonical JSON line each::

    {"entries":152,"key":"5f0c…","public_key":"…","root":"c1b4…","signature":"…"}

The signed bytes are the canonical JSON of ``{"entries", "format", "root"}`` with ``format``
:data:`FORMAT`, so a signature cannot be replayed as anything else. A verifier trusts only the
public keys it is given (never the ``public_key`` a checkpoint carries: an attacker can write
those); see ``docs/store.md`` for where keys live and how to rotate them.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import fsync_dir
from .canonical import CanonicalError, canonical_json, parse_canonical
from .errors import StoreError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

# cryptography is imported where a key is used: the plugin of the signing commands is loaded
# by every command, and the import cost a check of a ledger 30-120 ms for nothing.

__all__ = [
    "CHECKPOINTS",
    "FORMAT",
    "PASSPHRASE_ENV",
    "Checkpoint",
    "CheckpointReport",
    "check_checkpoints",
    "generate_key",
    "key_id",
    "load_private_key",
    "load_public_key",
    "make_checkpoint",
    "read_checkpoints",
]

FORMAT = "fact-ledger-checkpoint/1"
CHECKPOINTS = "checkpoints.jsonl"
#: An environment variable holding the passphrase of an encrypted private key file.
PASSPHRASE_ENV = "FACT_LEDGER_KEY_PASSPHRASE"
_KEYS = frozenset({"entries", "key", "public_key", "root", "signature"})


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """One signed statement: after ``entries`` entries the journal's root hash was ``root``."""

    entries: int
    root: str
    key: str  # key_id of the public key that signed
    public_key: bytes  # raw 32 bytes, for reference only: trust comes from the verifier
    signature: bytes

    def line(self) -> str:
        """The checkpoint as a line of ``checkpoints.jsonl`` (no newline)."""
        return canonical_json(
            {
                "entries": self.entries,
                "key": self.key,
                "public_key": _b64(self.public_key),
                "root": self.root,
                "signature": _b64(self.signature),
            }
        )


def signed_bytes(entries: int, root: str) -> bytes:
    """What a checkpoint's signature covers."""
    return canonical_json({"entries": entries, "format": FORMAT, "root": root}).encode()


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of SHA-256 of its bytes."""
    return hashlib.sha256(_raw(public_key)).hexdigest()[:16]


def make_checkpoint(private_key: Ed25519PrivateKey, entries: int, root: str) -> Checkpoint:
    """Sign ``entries`` and ``root`` with ``private_key``."""
    public = private_key.public_key()
    return Checkpoint(
        entries=entries,
        root=root,
        key=key_id(public),
        public_key=_raw(public),
        signature=private_key.sign(signed_bytes(entries, root)),
    )


# -- keys -----------------------------------------------------------------------------------


def generate_key(path: Path, *, passphrase: bytes | None = None) -> Ed25519PublicKey:
    """Write a new private key to ``path`` (PEM, PKCS #8, owner-only) and its public key to
    ``path.pub``; returns the public key. Refuses to overwrite either file."""
    path = Path(path)
    public_path = path.with_name(path.name + ".pub")
    for target in (path, public_path):
        if target.exists():
            raise StoreError("already exists; not overwritten (rotate to a new file)", path=target)
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: never follow a planted file; 0600 from the start, not chmod-ed afterwards.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise StoreError(f"cannot write the key: {exc.strerror}", path=path) from None
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_pem)
        fh.flush()
        os.fsync(fh.fileno())
    public_path.write_bytes(public_pem)
    fsync_dir(path.parent)
    return key.public_key()


def load_private_key(path: Path, *, ledger: Path | None = None) -> Ed25519PrivateKey:
    """The ed25519 private key in ``path`` (PEM; encrypted ones take their passphrase from
    :data:`PASSPHRASE_ENV`). Refuses a key kept inside ``ledger``: it would protect nothing."""
    path = Path(path)
    if ledger is not None and Path(os.path.realpath(path)).is_relative_to(os.path.realpath(ledger)):
        raise StoreError(
            "the signing key must be kept outside the ledger: anyone who can change the "
            "ledger could then sign a rewrite",
            path=path,
        )
    data = _read(path)
    if os.name == "posix" and stat.S_IMODE(os.stat(path).st_mode) & 0o077:
        raise StoreError(
            "the private key can be read by other users: chmod 600 it (or keep it in a secret)",
            path=path,
        )
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    passphrase = os.environ.get(PASSPHRASE_ENV)
    try:
        key = serialization.load_pem_private_key(
            data, password=passphrase.encode() if passphrase else None
        )
    except TypeError:
        raise StoreError(
            f"the private key is encrypted: set {PASSPHRASE_ENV} to its passphrase", path=path
        ) from None
    except ValueError as exc:
        raise StoreError(f"not a readable PEM private key: {exc}", path=path) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise StoreError("not an ed25519 private key", path=path)
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The ed25519 public key in ``path`` (PEM, as ``fact-ledger keygen`` writes it)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(_read(path))
    except ValueError as exc:
        raise StoreError(f"not a readable PEM public key: {exc}", path=path) from None
    if not isinstance(key, Ed25519PublicKey):
        raise StoreError("not an ed25519 public key", path=path)
    return key


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read the key: {exc.strerror}", path=path) from None


def _raw(public_key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# -- the checkpoints file -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckpointLine:
    """One line of ``checkpoints.jsonl`` as read: a checkpoint, or why it is not one."""

    lineno: int
    checkpoint: Checkpoint | None
    problem: str | None
    torn: bool = False  # the last line, without its newline: an interrupted ``sign``


def read_checkpoints(ledger: Path) -> list[CheckpointLine]:
    """Every line of the ledger's ``checkpoints.jsonl`` (none if there is no such file)."""
    path = Path(ledger) / CHECKPOINTS
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise StoreError(f"cannot read: {exc.strerror}", path=path) from None
    pieces = data.split(b"\n")
    found = []
    for lineno, raw in enumerate(pieces, start=1):
        last = lineno == len(pieces)
        if last and not raw:
            break
        if last:  # no newline: a sign that was interrupted mid-write
            found.append(CheckpointLine(lineno, None, "cut short (no newline)", torn=True))
            break
        try:
            found.append(CheckpointLine(lineno, _parse(raw.decode("utf-8")), None))
        except (UnicodeDecodeError, CanonicalError, ValueError, TypeError) as exc:
            found.append(CheckpointLine(lineno, None, str(exc)))
    return found


def _parse(line: str) -> Checkpoint:
    value = parse_canonical(line)
    if not isinstance(value, dict) or set(value) != _KEYS:
        raise ValueError(f"not a checkpoint (keys must be {', '.join(sorted(_KEYS))})")
    entries = value["entries"]
    if type(entries) is not int or entries < 1:
        raise ValueError("entries must be a positive integer")
    return Checkpoint(
        entries=entries,
        root=str(value["root"]),
        key=str(value["key"]),
        public_key=base64.b64decode(value["public_key"], validate=True),
        signature=base64.b64decode(value["signature"], validate=True),
    )


def append_checkpoint(ledger: Path, checkpoint: Checkpoint) -> None:
    """Append one line to ``checkpoints.jsonl`` and make it durable. The caller holds the
    ledger's writers' lock; a torn last line an interrupted append left is cut off first."""
    path = Path(ledger) / CHECKPOINTS
    created = not path.exists()
    with open(path, "ab+") as fh:
        fh.seek(0)
        data = fh.read()
        if data and not data.endswith(b"\n"):
            fh.truncate(data.rfind(b"\n") + 1)
        fh.write(checkpoint.line().encode("utf-8") + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
    if created:
        fsync_dir(path.parent)


# -- verification ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckpointReport:
    """What the checkpoints say about a journal, given the keys the verifier trusts."""

    problems: list[str]
    notes: list[str]
    first_bad: int | None
    signed_through: int  # entries covered by a valid checkpoint of a trusted key (0: none)


def check_checkpoints(
    lines: Sequence[CheckpointLine],
    hashes: dict[int, str],
    entries: int,
    trusted: Iterable[Ed25519PublicKey],
    *,
    allow_unsigned: bool = False,
) -> CheckpointReport:
    """Judge ``lines`` against the journal: ``hashes`` maps an entry number to the hash of its
    line (at least for every entry a checkpoint names) and ``entries`` is the journal's length.

    A checkpoint by a trusted key must carry a valid signature (else it is forged) and must
    name the hash the journal has at its entry (else history was rewritten before it). A
    checkpoint by any other key proves nothing and is only noted. Unless ``allow_unsigned``,
    the latest trusted checkpoint must cover every entry: entries after it were appended by
    someone who did not sign them.
    """
    from cryptography.exceptions import InvalidSignature

    keys = {key_id(k): k for k in trusted}
    problems: list[tuple[int, str]] = []
    notes: list[str] = []
    valid: list[tuple[str, Checkpoint]] = []  # signed by a trusted key, signature good
    for item in lines:
        where = f"{CHECKPOINTS} line {item.lineno}"
        if item.checkpoint is None:
            if item.torn:
                notes.append(
                    f"{where}: {item.problem} (an interrupted sign; the next sign drops it)"
                )
            else:
                problems.append((entries + 1, f"{where}: {item.problem}"))
            continue
        cp = item.checkpoint
        key = keys.get(cp.key)
        if key is None:
            notes.append(f"{where}: signed by key {cp.key}, which is not trusted here: ignored")
            continue
        try:
            key.verify(cp.signature, signed_bytes(cp.entries, cp.root))
        except InvalidSignature:
            problems.append(
                (cp.entries, f"{where}: the signature of key {cp.key} is not valid (forged?)")
            )
            continue
        valid.append((where, cp))
    # Entries up to a checkpoint that still matches are intact (the root hash vouches for
    # them), so a rewrite lies after the last matching checkpoint before the one it broke.
    matching = sorted(
        cp.entries for _, cp in valid if cp.entries <= entries and hashes.get(cp.entries) == cp.root
    )
    signed_through = matching[-1] if matching else 0
    for where, cp in valid:
        if cp.entries > entries:
            problems.append(
                (
                    entries + 1,
                    f"{where}: signed {cp.entries} entries but the journal has {entries}: "
                    "history was truncated",
                )
            )
        elif hashes.get(cp.entries) != cp.root:
            after = max((n for n in matching if n < cp.entries), default=0)
            problems.append(
                (
                    after + 1,
                    f"{where}: history rewritten: entry {cp.entries} no longer has the root "
                    f"hash key {cp.key} signed; the first changed entry is between {after + 1} "
                    f"and {cp.entries}",
                )
            )
    if entries > signed_through:
        span = f"entries {signed_through + 1}-{entries}"
        message = (
            f"{span} are not covered by a checkpoint signed by a trusted key "
            "(appended by someone without the key, or not signed yet: `fact-ledger sign`)"
        )
        if allow_unsigned:
            notes.append(message)
        else:
            problems.append((signed_through + 1, message))
    first_bad = min((pos for pos, _ in problems), default=None)
    return CheckpointReport([text for _, text in problems], notes, first_bad, signed_through)
