"""Builtin commands for hand corrections (``fact-ledger amend``, ``retract``, ``history``) and
for signed checkpoints (``keygen``, ``sign``).

Registered through ``ledger_register_commands`` like any plugin's commands; the logic is in
:mod:`fact_ledger.corrections`, so these stay a thin layer of options and output. Messages go
to stderr and the history (the command's output) to stdout; text from documents is stripped of
terminal control characters before it is shown, or escaped in JSON. An open bound stays
``"inf"`` in JSON, as in the journal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from fact_ledger.cli import Session, session_options
from fact_ledger.corrections import amend, describe_history, find_assertion_id, retract
from fact_ledger.errors import EXIT_OK
from fact_ledger.escaping import one_line
from fact_ledger.hookspecs import hookimpl
from fact_ledger.manager import PluginHost
from fact_ledger.model import STANCES
from fact_ledger.renderers.jsonout import dumps
from fact_ledger.signing import PASSPHRASE_ENV, generate_key, key_id, load_private_key
from fact_ledger.store import LedgerStore, encode_assertion

_ledger = click.argument(
    "ledger_dir", metavar="LEDGER", type=click.Path(file_okay=False, path_type=Path)
)
_assertion_id = click.argument("assertion_id", metavar="ASSERTION_ID")
_reason = click.option(
    "--reason", required=True, help="Why: kept in the journal with the correction."
)


def _host(ctx: click.Context) -> PluginHost:
    """The run's plugin host (configured aliases and units), or a default one outside the CLI."""
    session = ctx.find_object(Session)
    return session.host if session is not None else PluginHost()


@click.command("amend")
@_ledger
@_assertion_id
@_reason
@click.option(
    "--value", type=float, metavar="N", help="The figure (an exact one's bounds move with it)."
)
@click.option(
    "--low", "value_low", type=float, metavar="N", help="Lowest value the wording allows."
)
@click.option(
    "--high", "value_high", type=float, metavar="N", help="Highest value it allows (inf: no limit)."
)
@click.option("--unit", metavar="UNIT", help="Normalised as extraction does (kilometres -> km).")
@click.option("--speaker", metavar="NAME", help="Who makes the assertion.")
@click.option("--unsourced", is_flag=True, help="The text attributes it to no one.")
@click.option("--stance", type=click.Choice(STANCES), help="What the speaker does with it.")
@click.option("--subject", metavar="TEXT", help="What is counted or claimed about.")
@click.option("--location", metavar="PLACE", help="Where.")
@click.option(
    "--reinstate", is_flag=True, help="Bring back a retracted assertion (with any changes)."
)
@session_options
@click.pass_context
def amend_command(
    ctx: click.Context,
    ledger_dir: Path,
    assertion_id: str,
    reason: str,
    unsourced: bool,
    reinstate: bool,
    **given: Any,
) -> int:
    """Correct an assertion by hand; later ingests keep the correction.

    ASSERTION_ID is the id or a unique prefix of at least 6 digits. The quote and its offsets
    cannot change. A retracted assertion is amended only with --reinstate, which brings it
    back. When another writer changes the row meanwhile, the changes go on top of theirs; when
    it retracts the row, nothing is written (exit 2).
    """
    if unsourced and given["speaker"] is not None:
        raise click.UsageError("--speaker and --unsourced contradict each other")
    changes = {name: value for name, value in given.items() if value is not None}
    if unsourced:
        changes["speaker"] = None
    store = LedgerStore.open(ledger_dir)
    result = amend(
        store, assertion_id, changes, reason=reason, host=_host(ctx), reinstate=reinstate
    )
    done = "reinstated" if result.reinstated else "amended"
    click.echo(f"{ledger_dir}: {done} {result.after.assertion_id}", err=True)
    return EXIT_OK


@click.command("retract")
@_ledger
@_assertion_id
@_reason
def retract_command(ledger_dir: Path, assertion_id: str, reason: str) -> int:
    """Remove an assertion (a false positive, say); the journal keeps it and the reason.

    ASSERTION_ID is the id or a unique prefix of at least 6 digits. Later ingests do not
    bring it back; `fact-ledger amend --reinstate` with a reason does.
    """
    store = LedgerStore.open(ledger_dir)
    aid = retract(store, assertion_id, reason=reason)
    click.echo(f"{ledger_dir}: retracted {aid}", err=True)
    return EXIT_OK


@click.command("history")
@_ledger
@_assertion_id
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one object per entry (seq, op, by, reason, assertion) per line.",
)
def history_command(ledger_dir: Path, assertion_id: str, fmt: str) -> int:
    """Every journal entry that touched an assertion, oldest first: op, values, reason."""
    store = LedgerStore.open(ledger_dir)
    aid = find_assertion_id(store, assertion_id)
    entries = store.history(aid)
    if fmt == "json":
        for entry in entries:
            record = {
                "seq": entry.seq,
                "op": entry.op,
                "by": entry.by,
                "reason": entry.reason,
                "assertion": None if entry.assertion is None else encode_assertion(entry.assertion),
            }
            click.echo(dumps(record))
        return EXIT_OK
    click.echo(f"{aid}")
    for line in describe_history(entries):
        click.echo(one_line(line))
    return EXIT_OK


@click.command("keygen")
@click.argument("key_file", metavar="KEY_FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--encrypt",
    is_flag=True,
    help=f"Encrypt the private key with the passphrase in ${PASSPHRASE_ENV}.",
)
def keygen_command(key_file: Path, encrypt: bool) -> int:
    """Make an ed25519 signing key: KEY_FILE (private, owner-only) and KEY_FILE.pub.

    Keep KEY_FILE outside the ledger and its repository (a CI secret, a password manager);
    give KEY_FILE.pub to whoever verifies (`fact-ledger verify --key KEY_FILE.pub`).
    """
    passphrase = None
    if encrypt:
        passphrase = os.environ.get(PASSPHRASE_ENV, "").encode()
        if not passphrase:
            raise click.UsageError(f"--encrypt needs the passphrase in ${PASSPHRASE_ENV}")
    public = generate_key(key_file, passphrase=passphrase)
    click.echo(f"{key_file}: key {key_id(public)}; public key in {key_file}.pub", err=True)
    return EXIT_OK


@click.command("sign")
@_ledger
@click.option(
    "--key",
    "key_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="KEY_FILE",
    help="The private key (from `fact-ledger keygen`), kept outside the ledger.",
)
def sign_command(ledger_dir: Path, key_file: Path) -> int:
    """Sign the ledger's history as it is now: a checkpoint in LEDGER/checkpoints.jsonl.

    Refused when the ledger does not verify or no longer matches this key's last checkpoint.
    """
    store = LedgerStore.open(ledger_dir)
    checkpoint = store.sign(load_private_key(key_file, ledger=ledger_dir))
    if checkpoint is None:
        click.echo(f"{ledger_dir}: already signed by this key up to its last entry", err=True)
    else:
        click.echo(
            f"{ledger_dir}: signed entries 1-{checkpoint.entries} "
            f"(root {checkpoint.root}) with key {checkpoint.key}",
            err=True,
        )
    return EXIT_OK


@hookimpl
def ledger_register_commands(register: Callable[[click.Command], None]) -> None:
    for command in (amend_command, retract_command, history_command, keygen_command, sign_command):
        register(command)
