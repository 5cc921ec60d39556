"""Signed checkpoints: a key outside the ledger catches rewrites and unsigned appends that a
ledger verifying on its own cannot show."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from fact_ledger.cli import cli
from fact_ledger.errors import StoreError
from fact_ledger.model import Assertion, Document
from fact_ledger.signing import (
    CHECKPOINTS,
    PASSPHRASE_ENV,
    CheckpointLine,
    check_checkpoints,
    generate_key,
    key_id,
    load_private_key,
    load_public_key,
    make_checkpoint,
)
from fact_ledger.store import LedgerStore

TEXT = "Officials said 350 militants were in Al-Tanf and 750 in Al-Shaddadah.\n"


def figures(doc: Document, **changed: float) -> list[Assertion]:
    rows = []
    for quote in ("350", "750"):
        start = doc.text.index(quote)
        value = changed.get(quote, float(quote))
        rows.append(
            Assertion(
                assertion_id=Assertion.make_id(doc.doc_id, start, start + 3, "quantity"),
                doc_id=doc.doc_id, start=start, end=start + 3, quote=quote, kind="quantity",
                value=value, value_low=value, value_high=value, unit="person",
            )
        )  # fmt: skip
    return rows


def build(path: Path, **changed: float) -> LedgerStore:
    """Three batches (5 entries): a document and two figures, then two more documents."""
    doc = Document.from_text(TEXT, name="a")
    store = LedgerStore.create(path, segment_size=2)
    store.record([doc], figures(doc, **changed))
    store.record([Document.from_text("A second text.\n", name="b")], [])
    store.record([Document.from_text("A third text.\n", name="c")], [])
    return store


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "keys" / "signing.pem"
    generate_key(path)
    return path


@pytest.fixture
def signed(tmp_path: Path, key: Path) -> LedgerStore:
    store = build(tmp_path / "ledger")
    assert store.sign(load_private_key(key)) is not None
    return store


def public(key: Path):
    return load_public_key(key.with_name(key.name + ".pub"))


def rewrite(store: LedgerStore, tmp_path: Path, **changed: float) -> None:
    """A consistent rewrite by someone without the key: the same history with one figure
    changed, every hash and the manifest recomputed, the checkpoints left as they were."""
    forged = build(tmp_path / "forged", **changed)
    shutil.rmtree(store.path / "journal")
    shutil.copytree(forged.path / "journal", store.path / "journal")
    shutil.copy(forged.path / "manifest.json", store.path / "manifest.json")


def test_keygen_writes_an_owner_only_key_and_refuses_to_overwrite(key: Path) -> None:
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key_id(public(key)) == key_id(load_private_key(key).public_key())
    with pytest.raises(StoreError, match="already exists"):
        generate_key(key)


def test_a_signed_ledger_verifies_with_the_key(signed: LedgerStore, key: Path) -> None:
    result = signed.verify(keys=[public(key)])
    assert result.ok and result.problems == []
    assert signed.sign(load_private_key(key)) is None  # nothing new to sign


def test_a_consistent_rewrite_passes_alone_but_not_with_the_key(
    signed: LedgerStore, key: Path, tmp_path: Path
) -> None:
    rewrite(signed, tmp_path, **{"750": 760.0})
    alone = LedgerStore.open(signed.path).verify()
    assert alone.ok  # the hash chain alone cannot tell
    result = LedgerStore.open(signed.path).verify(keys=[public(key)])
    assert not result.ok and result.first_bad == 1
    assert any("history rewritten: entry 5" in p for p in result.problems)


def test_an_earlier_checkpoint_narrows_where_the_rewrite_is(tmp_path: Path, key: Path) -> None:
    store = build(tmp_path / "ledger")
    private = load_private_key(key)
    # A checkpoint at entry 3 (a second ledger signed when it had only the first batch).
    partial = LedgerStore.create(tmp_path / "partial", segment_size=2)
    doc = Document.from_text(TEXT, name="a")
    partial.record([doc], figures(doc))
    partial.sign(private)
    shutil.copy(partial.path / CHECKPOINTS, store.path / CHECKPOINTS)
    store.sign(private)
    # Only entry 5 (the third document's entry) differs: another name, hashes recomputed.
    forged = tmp_path / "forged"
    f = LedgerStore.create(forged, segment_size=2)
    f.record([doc], figures(doc))
    f.record([Document.from_text("A second text.\n", name="b")], [])
    f.record([Document.from_text("A third text.\n", name="c-renamed")], [])
    shutil.rmtree(store.path / "journal")
    shutil.copytree(forged / "journal", store.path / "journal")
    shutil.copy(forged / "manifest.json", store.path / "manifest.json")
    result = LedgerStore.open(store.path).verify(keys=[public(key)])
    assert result.first_bad == 4
    assert any("between 4 and 5" in p for p in result.problems)


def test_an_unsigned_append_fails_unless_allowed(signed: LedgerStore, key: Path) -> None:
    signed.record([Document.from_text("Appended without the key.\n", name="d")], [])
    result = signed.verify(keys=[public(key)])
    assert not result.ok and result.first_bad == 6
    assert result.problems == [
        "entries 6-6 are not covered by a checkpoint signed by a trusted key (appended by "
        "someone without the key, or not signed yet: `fact-ledger sign`)"
    ]
    allowed = signed.verify(keys=[public(key)], allow_unsigned=True)
    assert allowed.ok and any("entries 6-6" in n for n in allowed.notes)


def test_a_checkpoint_by_another_key_proves_nothing(
    signed: LedgerStore, key: Path, tmp_path: Path
) -> None:
    signed.record([Document.from_text("Appended by an attacker.\n", name="d")], [])
    attacker = tmp_path / "attacker.pem"
    generate_key(attacker)
    assert signed.sign(load_private_key(attacker)) is not None
    result = signed.verify(keys=[public(key)])
    assert not result.ok and any("entries 6-6 are not covered" in p for p in result.problems)
    assert any("which is not trusted here: ignored" in n for n in result.notes)


def test_a_tampered_signature_is_named(signed: LedgerStore, key: Path) -> None:
    path = signed.path / CHECKPOINTS
    line = path.read_text()
    sig = line.split('"signature":"')[1][:4]
    path.write_text(line.replace(sig, "AAAA" if sig != "AAAA" else "BBBB", 1))
    result = signed.verify(keys=[public(key)])
    assert not result.ok and any("is not valid (forged?)" in p for p in result.problems)


def test_a_truncated_history_is_named(signed: LedgerStore, key: Path, tmp_path: Path) -> None:
    short = LedgerStore.create(tmp_path / "short", segment_size=2)
    doc = Document.from_text(TEXT, name="a")
    short.record([doc], figures(doc))
    shutil.rmtree(signed.path / "journal")
    shutil.copytree(short.path / "journal", signed.path / "journal")
    shutil.copy(short.path / "manifest.json", signed.path / "manifest.json")
    result = LedgerStore.open(signed.path).verify(keys=[public(key)])
    assert any("history was truncated" in p for p in result.problems)


def test_sign_refuses_to_bless_a_rewrite(signed: LedgerStore, key: Path, tmp_path: Path) -> None:
    rewrite(signed, tmp_path, **{"350": 360.0})
    before = (signed.path / CHECKPOINTS).read_bytes()
    with pytest.raises(StoreError, match="not signed: the ledger does not verify"):
        LedgerStore.open(signed.path).sign(load_private_key(key))
    assert (signed.path / CHECKPOINTS).read_bytes() == before


def test_a_key_inside_the_ledger_or_readable_by_others_is_refused(
    signed: LedgerStore, key: Path
) -> None:
    inside = signed.path / "key.pem"
    shutil.copy(key, inside)
    with pytest.raises(StoreError, match="outside the ledger"):
        load_private_key(inside, ledger=signed.path)
    os.chmod(key, 0o644)
    with pytest.raises(StoreError, match="chmod 600"):
        load_private_key(key)


def test_an_encrypted_key_needs_its_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "enc.pem"
    generate_key(path, passphrase=b"correct horse")
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    with pytest.raises(StoreError, match=PASSPHRASE_ENV):
        load_private_key(path)
    monkeypatch.setenv(PASSPHRASE_ENV, "correct horse")
    assert load_private_key(path) is not None


def test_a_torn_checkpoint_line_is_a_note_and_the_next_sign_drops_it(
    signed: LedgerStore, key: Path
) -> None:
    with open(signed.path / CHECKPOINTS, "ab") as fh:
        fh.write(b'{"entries":9,"ke')
    result = signed.verify(keys=[public(key)])
    assert result.ok and any("an interrupted sign" in n for n in result.notes)
    signed.record([Document.from_text("More.\n", name="d")], [])
    signed.sign(load_private_key(key))
    lines = (signed.path / CHECKPOINTS).read_bytes().splitlines()
    assert len(lines) == 2 and all(line.startswith(b'{"entries":') for line in lines)
    assert signed.verify(keys=[public(key)]).ok


def run(*args: str):
    return CliRunner().invoke(cli, ["--isolated", *args], catch_exceptions=False)


def test_the_commands_keygen_sign_and_verify_with_a_key(tmp_path: Path) -> None:
    ledger = build(tmp_path / "ledger").path
    key = tmp_path / "secret" / "ledger.pem"
    made = run("keygen", str(key))
    assert made.exit_code == 0 and f"public key in {key}.pub" in made.stderr
    assert run("verify", str(ledger), "--key", f"{key}.pub").exit_code == 1
    signed = run("sign", str(ledger), "--key", str(key))
    assert signed.exit_code == 0 and "signed entries 1-5" in signed.stderr
    ok = run("verify", str(ledger), "--key", f"{key}.pub")
    assert ok.exit_code == 0 and ok.stdout.startswith(f"{ledger}: ok, 5 entries")
    usage = run("verify", str(ledger), "--allow-unsigned")
    assert usage.exit_code == 2 and "--allow-unsigned goes with --key" in usage.stderr
    inside = run("sign", str(ledger), "--key", str(ledger / "manifest.json"))
    assert inside.exit_code == 2 and "outside the ledger" in inside.stderr
    # Without a key, verify says the checkpoints were not checked, and still passes.
    plain = run("verify", str(ledger))
    assert plain.exit_code == 0


# -- the checkpoint judgement as a property ---------------------------------------------------

_KEY = Ed25519PrivateKey.generate()


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    entries=st.integers(min_value=1, max_value=40),
)
def test_a_rewrite_is_caught_by_any_later_checkpoint_and_placed_after_the_last_earlier_one(
    data: st.DataObject, entries: int
) -> None:
    signed_at = data.draw(
        st.lists(st.integers(1, entries), min_size=1, max_size=5, unique=True), label="signed"
    )
    changed = data.draw(st.integers(1, entries), label="first changed entry")
    original = {n: hashlib.sha256(b"%d" % n).hexdigest() for n in range(1, entries + 1)}
    lines = [
        CheckpointLine(i, make_checkpoint(_KEY, n, original[n]), None)
        for i, n in enumerate(sorted(signed_at), start=1)
    ]
    # A consistent rewrite from `changed` on: that line's hash and every later one move.
    rewritten = {n: (h if n < changed else h[::-1]) for n, h in original.items()}
    report = check_checkpoints(lines, rewritten, entries, [_KEY.public_key()], allow_unsigned=True)
    caught = any(n >= changed for n in signed_at)
    assert bool(report.problems) == caught
    if caught:
        assert report.first_bad == max((n for n in signed_at if n < changed), default=0) + 1
        assert report.first_bad <= changed
    intact = check_checkpoints(lines, original, entries, [_KEY.public_key()])
    assert intact.signed_through == max(signed_at)
    assert (intact.problems == []) == (max(signed_at) == entries)
