"""The ``fact-ledger`` command line.

Conventions follow ruff and Vale: machine output on stdout, messages on stderr; exit 0 when
no finding reaches ``--fail-on``, 1 when one does, 2 for a usage, input or configuration
error (one line on stderr, no traceback), 3 for an internal error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, LedgerError
from .model import SEVERITIES
from .progress import Progress, wants_color

if TYPE_CHECKING:
    from .components import Check
    from .config import Config
    from .manager import PluginHost
    from .pipeline import Ledger
    from .report import Report
    from .snapshot import DocumentStamps

PROG = "fact-ledger"
DEFAULT_FORMAT = "full"


@dataclass
class Session:
    """What the group options decide for every command: configuration and plugins."""

    config_path: Path | None
    isolated: bool
    block: tuple[str, ...]
    scheduler: str = "sync"  # where extraction runs: fact_ledger.parallel.SCHEDULERS
    workers: int | None = None
    start: Path | None = None  # where configuration discovery starts (as in ruff: the inputs)
    follow_symlinks: bool = False  # --follow-symlinks: overrides the configuration
    _config: Config | None = None
    _host: PluginHost | None = None
    progress: Progress = field(default_factory=lambda: _progress())

    def use_config(self, path: Path | None = None, *, isolated: bool = False) -> None:
        """A subcommand's own ``--config``/``--isolated``: they win over the group's."""
        if path is not None:
            self.config_path = path
        self.isolated = self.isolated or isolated
        self.refuse_config_with_isolated()
        self._config = None
        self._host = None

    def refuse_config_with_isolated(self) -> None:
        """``--isolated`` ignores every configuration file, so naming one beside it is a
        contradiction the user should hear about (as ruff does), not a silent choice."""
        if self.isolated and self.config_path is not None:
            raise click.UsageError(
                f"--config {self.config_path} cannot be used with --isolated "
                "(which ignores all configuration files)"
            )

    def use_inputs(self, paths: Sequence[str]) -> None:
        """Discover configuration from the first input path rather than the working folder,
        so `fact-ledger check articles/` finds `articles/fact-ledger.toml`."""
        for raw in paths:
            if raw != "-":
                path = Path(raw)
                self.start = path if path.is_dir() else path.parent
                return

    def read(
        self,
        paths: Sequence[str],
        stored: Mapping[str, Any] | None = None,
        documents_stamps: Mapping[Path, DocumentStamps] | None = None,
    ) -> Ledger:
        """Read, extract and resolve ``paths`` (``-``: standard input) with this session's
        plugins and scheduler; configuration is discovered from the first of them. Documents
        in ``stored`` (doc_id to metadata) are not extracted again; ``documents_stamps`` as
        :func:`~fact_ledger.pipeline.build_ledger` takes them."""
        from .pipeline import build_ledger

        self.use_inputs(paths)
        host = self.host  # configuration and plugins first: a bad one fails before reading
        stdin = sys.stdin.buffer if "-" in paths else None
        with self.progress.stage("reading " + ", ".join(paths)):
            return build_ledger(
                list(paths),
                host,
                stdin=stdin,
                progress=lambda docs: self.progress.items(docs, "extracting documents"),
                scheduler=self.scheduler,
                workers=self.workers,
                stored=stored,
                documents_stamps=documents_stamps,
            )

    @property
    def config(self) -> Config:
        if self._config is None:
            from .config import Config, load_config, with_default_waivers

            if self.isolated:
                self._config = Config()
            else:
                self._config = with_default_waivers(load_config(self.config_path, start=self.start))
            if self.follow_symlinks:
                self._config = self._config.with_overrides(follow_symlinks=True)
        return self._config

    @property
    def host(self) -> PluginHost:
        if self._host is None:
            from .manager import PluginHost

            config = self.config
            self._host = PluginHost(
                block=(*config.block_plugins, *self.block),
                allow=config.allow_plugins,
                config=config,
            )
        return self._host


def _plugin_failures(session: Session) -> int:
    """Each plugin failure of the run (an extractor that raised, rows it returned that were
    rejected, a plugin that did not load) as one line on stderr, and exit 1 if there was
    any: what ``check`` reports as FL000 findings, ``extract`` and ``ingest`` must not
    drop silently while exiting 0."""
    failures = session.host.failures
    for failure in failures:
        say(f"{PROG}: plugin {failure.plugin} failed to {failure.stage}: {failure.error}")
    return EXIT_FINDINGS if failures else EXIT_OK


def say(message: str) -> None:
    """One line on stderr. File names and document names are untrusted: a control character
    (a terminal escape, a newline) in one is printed as its escape, never obeyed."""
    from .escaping import message_text

    click.echo(message_text(message), err=True)


class LedgerErrorExit(click.ClickException):
    """An expected error, shown as one line on stderr with the exit code it carries."""

    def __init__(self, error: LedgerError) -> None:
        super().__init__(str(error))
        # click declares exit_code on the class; each expected error carries its own.
        self.exit_code = error.exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        say(f"{PROG}: error: {self.format_message()}")


class OneLineUsageError(click.UsageError):
    """A usage error (an unknown option or command, a missing or bad argument) as one line
    on stderr, exit 2, like every other expected error: click's own form is four lines
    (usage, a hint, a blank line, the error), which CI logs and scripts reading the first
    line of stderr cut apart. The line names the command and where its help is."""

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(error.format_message(), error.ctx)

    def show(self, file: Any = None) -> None:
        where = self.ctx.command_path if self.ctx is not None else PROG
        message = " ".join(self.format_message().split())
        say(f"{where}: error: {message} (see '{where} --help')")


def _one_line(error: click.UsageError) -> click.UsageError:
    """``error`` as :class:`OneLineUsageError`, except click's "no arguments: here is the
    help" (``fact-ledger`` alone prints its help, as ruff does)."""
    no_args: type = getattr(click.exceptions, "NoArgsIsHelpError", OneLineUsageError)
    if isinstance(error, (OneLineUsageError, no_args)):
        return error
    return OneLineUsageError(error)


class LedgerGroup(click.Group):
    """Turns expected errors and command results into exit codes, usage errors into one
    line, and adds the sub-commands that plugins register through
    ``ledger_register_commands``."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:  # the group's own options ("--bogus check")
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except LedgerError as exc:
            raise LedgerErrorExit(exc) from None
        except click.UsageError as exc:  # a sub-command's arguments, or its own checks
            raise _one_line(exc) from None
        if isinstance(result, int) and result != EXIT_OK:
            ctx.exit(result)
        return result

    def _plugin_commands(self, ctx: click.Context) -> dict[str, click.Command]:
        session = ctx.find_object(Session)
        if session is None:  # e.g. shell completion before the group callback ran
            session = Session(None, False, ())
        try:
            registry = session.host.commands
        except LedgerError:  # a broken configuration: the command that runs will say so
            return {}
        builtin = set(self.commands)
        return {c.name: c for c in registry if c.name and c.name not in builtin}

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = set(super().list_commands(ctx))
        if not ctx.resilient_parsing:
            names.update(self._plugin_commands(ctx))
        return sorted(names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and not ctx.resilient_parsing:
            command = self._plugin_commands(ctx).get(cmd_name)
        return command


@click.group(cls=LedgerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name=PROG)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file (fact-ledger.toml or pyproject.toml). Default: discovered upwards.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option(
    "--block-plugin",
    "block",
    multiple=True,
    metavar="NAME",
    help="Do not load this plugin (repeatable); see `fact-ledger plugins`.",
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read symbolic links in an input folder that lead out of it (refused by default).",
)
@click.option(
    "--scheduler",
    type=click.Choice(["sync", "threads", "processes", "distributed"]),
    default="sync",
    show_default=True,
    help="Where extraction runs: one process, or partitioned on Dask (distributed: the "
    "cluster at DASK_SCHEDULER_ADDRESS, else a local one). See docs/scale.md.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Dask workers for --scheduler (default: one per core).",
)
@click.pass_context
def cli(
    ctx: click.Context,
    config_path: Path | None,
    isolated: bool,
    block: tuple[str, ...],
    follow_symlinks: bool,
    scheduler: str,
    workers: int | None,
) -> None:
    """A typed, auditable ledger of the figures and claims in news articles, and the checks
    that find where they disagree."""
    ctx.obj = Session(
        config_path=config_path,
        isolated=isolated,
        block=block,
        follow_symlinks=follow_symlinks,
        scheduler=scheduler,
        workers=workers,
    )
    ctx.obj.refuse_config_with_isolated()


pass_session = click.make_pass_decorator(Session)


def _progress() -> Progress:
    return Progress()


def _set_config(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    session = ctx.find_object(Session)
    if session is not None and value:
        if param.name == "config_path":
            session.use_config(value)
        else:
            session.use_config(isolated=True)
    return value


def session_options(func: Any) -> Any:
    """``--config`` and ``--isolated`` on a subcommand too (``fact-ledger check --config
    x.toml PATH``), as well as before it. Plugin commands may use this decorator."""
    options = [
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            expose_value=False,
            is_eager=True,
            callback=_set_config,
            help="Configuration file (fact-ledger.toml or pyproject.toml).",
        ),
        click.option(
            "--isolated",
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_set_config,
            help="Ignore all configuration files.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_paths = click.argument("paths", nargs=-1, required=True, metavar="PATH...")
_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Check stored ledgers again rather than reuse the findings of an identical earlier "
    "run (see `cache` in the configuration).",
)


def _output_options(func: Any) -> Any:
    options = [
        click.option(
            "--output-format",
            "output_format",
            metavar="FORMAT",
            help="full | concise | json | json-lines | github | sarif | junit | markdown | html "
            "(any registered renderer; see `fact-ledger plugins`).",
        ),
        click.option(
            "-o",
            "--output",
            "outputs",
            multiple=True,
            metavar="[FORMAT:]FILE",
            help="Write to FILE instead of stdout; FORMAT:FILE writes that format (repeatable).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@_paths
@_output_options
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Lowest severity that makes the run fail (exit 1). Default: error.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option("--statistics", is_flag=True, help="Show counts per check instead of findings.")
@click.option("--select", metavar="CODES", help="Comma-separated check codes or prefixes to run.")
@click.option("--ignore", metavar="CODES", help="Comma-separated check codes or prefixes to skip.")
@click.option("--tolerance", type=float, help="Relative tolerance when comparing figures.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Findings whose fingerprints are in this file do not fail the run.",
)
@click.option(
    "--new-since",
    metavar="GIT_REF",
    help="Only findings that are new since this git revision fail the run.",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the resolved settings (file, every setting, each selected check's options) "
    "and exit without checking.",
)
@_cache_option
@session_options
@pass_session
def check(
    session: Session,
    paths: tuple[str, ...],
    output_format: str | None,
    outputs: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    select: str | None,
    ignore: str | None,
    tolerance: float | None,
    baseline: Path | None,
    new_since: str | None,
    show_settings: bool,
    no_cache: bool,
) -> int:
    """Extract, check and report on documents or ledger folders.

    PATH is a folder of .txt files, a .txt file, a JSONL corpus (id, text, and optionally
    source, publisher, title, published per line), - for standard input, or a ledger folder.
    """
    from .options import check_selectors

    session.use_inputs(paths)
    host = session.host
    codes = [c.code for c in host.checks]
    for flag, value in (("--select", select), ("--ignore", ignore)):
        check_selectors(_codes(value) or (), codes, flag)  # as ruff: an unknown code is exit 2
    config = session.config.with_overrides(
        fail_on=fail_on,
        select=_codes(select),
        ignore=_codes(ignore),
        tolerance=tolerance,
        baseline=baseline,
    )
    if show_settings:
        click.echo(_settings_text(config, host), nl=False)
        return EXIT_OK
    targets = _targets(host, output_format, outputs)
    # --statistics and the exit code need only counts: a cached run reads no more than that.
    counts_only = statistics and not os.environ.get("GITHUB_STEP_SUMMARY")
    report = _run(
        session, paths, config, new_since=new_since, cache=not no_cache, counts_only=counts_only
    )
    if statistics:
        _emit_statistics(report)
    else:
        _emit(report, targets, host)
    _step_summary(report, host, targets)
    if exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if report.failing() else EXIT_OK


@cli.command()
@_paths
@_output_options
@_cache_option
@session_options
@pass_session
def report(
    session: Session,
    paths: tuple[str, ...],
    output_format: str | None,
    outputs: tuple[str, ...],
    no_cache: bool,
) -> int:
    """Write an inconsistency report (default: markdown); always exits 0 on success."""
    session.use_inputs(paths)
    host = session.host
    targets = _targets(host, output_format or "markdown", outputs)
    _emit(_run(session, paths, session.config, cache=not no_cache), targets, host)
    return EXIT_OK


@cli.command()
@_paths
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE.",
)
@click.option("--include-boilerplate/--no-boilerplate", default=True, show_default=True)
@session_options
@pass_session
def extract(
    session: Session, paths: tuple[str, ...], output: Path | None, include_boilerplate: bool
) -> int:
    """Print one JSON object per assertion (JSON lines), with ``doc`` the document's name."""
    from .renderers.jsonout import dumps

    ledger = session.read(paths)
    frame = ledger.assertions
    if not include_boilerplate:
        frame = frame[~frame["boilerplate"]]
    names = {doc_id: doc.name for doc_id, doc in ledger.documents.items()}
    lines = []
    for record in frame.to_dict(orient="records"):
        row = {"doc": names.get(record["doc_id"], record["doc_id"])}
        row.update(record)
        lines.append(dumps(row))
    _write_text("\n".join(lines) + ("\n" if lines else ""), output)
    return _plugin_failures(session)


@cli.command()
@_paths
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="FILE.parquet (needs pyarrow) or FILE.csv.",
)
@session_options
@pass_session
def export(session: Session, paths: tuple[str, ...], output: Path) -> int:
    """Write the assertions as a table: Parquet for scale, CSV for spreadsheets."""
    from .export import export_assertions

    ledger = session.read(paths)
    count = export_assertions(ledger.assertions, ledger.documents, output)
    say(f"{output}: {count} assertions")
    return EXIT_OK


@cli.command()
@_paths
@click.option(
    "--ledger",
    "ledger_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The ledger folder to add to (created when missing).",
)
@click.option(
    "--re-extract",
    is_flag=True,
    help="Extract documents the ledger already holds again (after an extractor changed); "
    "by default a stored text with the same metadata is skipped.",
)
@session_options
@pass_session
def ingest(session: Session, paths: tuple[str, ...], ledger_dir: Path, re_extract: bool) -> int:
    """Add documents and their extracted assertions to a ledger folder."""
    from .snapshot import stored_documents
    from .store import LedgerStore

    exists = LedgerStore.is_ledger(ledger_dir)
    # A stored text (same content hash, same metadata) has its assertions recorded already.
    stored = stored_documents(ledger_dir) if exists and not re_extract else None
    # Read and extract everything first: a bad input must leave the ledger untouched.
    ledger = session.read(paths, stored=stored)
    skipped = sum(
        1
        for doc in ledger.documents.values()
        if stored and stored.get(doc.doc_id) == doc.metadata()
    )
    store = (
        LedgerStore.open(ledger_dir)
        if LedgerStore.is_ledger(ledger_dir)
        else LedgerStore.create(ledger_dir)
    )
    from .model import assertion_from_row

    rows = [assertion_from_row(r) for r in ledger.assertions.to_dict(orient="records")]
    result = store.record(ledger.documents.values(), rows)
    for notice in store.notices:  # e.g. a torn tail from an earlier crash, moved aside
        say(f"{ledger_dir}: {notice}")
    say(f"{ledger_dir}: {result}")
    if skipped:
        say(f"{ledger_dir}: {skipped} stored documents not extracted again")
    return _plugin_failures(session)


@cli.command()
@click.argument("ledger_dir", type=click.Path(file_okay=False, path_type=Path), metavar="LEDGER")
@click.option(
    "--against",
    type=click.Path(exists=True, path_type=Path),
    help="An older manifest.json or copy of the ledger: also check that the history it "
    "recorded was not rewritten (a folder names the exact first changed entry).",
)
@click.option(
    "--repair",
    is_flag=True,
    help="After a crash: move entries written after the manifest aside (re-run the ingest).",
)
@click.option(
    "--adopt",
    is_flag=True,
    help="With --repair: keep complete entries that chain on from the manifest instead.",
)
@click.option(
    "--key",
    "keys",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PUBLIC_KEY",
    help="A public key (PEM, from `fact-ledger keygen`) whose checkpoints you trust; "
    "repeatable. Every entry must then be covered by a valid signed checkpoint.",
)
@click.option(
    "--allow-unsigned",
    is_flag=True,
    help="With --key: entries after the last checkpoint are a note, not a failure "
    "(e.g. a pull request not signed yet).",
)
def verify(
    ledger_dir: Path,
    against: Path | None,
    repair: bool,
    adopt: bool,
    keys: tuple[Path, ...],
    allow_unsigned: bool,
) -> int:
    """Verify a ledger's hash-chained journal against its manifest (and, with --key, its
    signed checkpoints)."""
    from .errors import IntegrityError
    from .store import LedgerStore

    if adopt and not repair:
        raise click.UsageError("--adopt goes with --repair")
    if allow_unsigned and not keys:
        raise click.UsageError("--allow-unsigned goes with --key")
    trusted = None
    if keys:
        from .signing import load_public_key

        trusted = [load_public_key(path) for path in keys]
    try:
        store = LedgerStore.open(ledger_dir)
        if repair:
            for message in store.repair(adopt=adopt):
                say(f"{ledger_dir}: {message}")
        result = store.verify(against=against, keys=trusted, allow_unsigned=allow_unsigned)
    except IntegrityError as exc:  # what verify is for: its finding (1), not an input error (2)
        say(str(exc))
        return EXIT_FINDINGS
    for note in result.notes if keys else ():  # what the checkpoints did not prove
        say(f"{ledger_dir}: note: {note}")
    if result.ok:
        click.echo(f"{ledger_dir}: ok, {result.entries} entries, root {result.root_hash}")
        return EXIT_OK
    for problem in result.problems:
        say(f"{ledger_dir}: {problem}")
    return EXIT_FINDINGS


@cli.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Explain every check.")
@session_options
@pass_session
def rule(session: Session, code: str | None, show_all: bool) -> int:
    """Explain a check: its code, name, severity, plugin, options and what it looks for."""
    from .options import option_lines

    host = session.host
    if show_all or code is None:
        checks = list(host.checks)
    else:
        try:
            checks = [host.check_by_code(code)]
        except KeyError:
            raise click.UsageError(
                f"no check {code!r}; known: {', '.join(c.code for c in host.checks)}"
            ) from None
    for number, item in enumerate(sorted(checks, key=lambda c: c.code)):
        if number:
            click.echo()
        click.echo(f"# {item.title} ({item.code})\n")
        click.echo(f"Name: {item.name}  Severity: {item.severity}  Plugin: {item.plugin}\n")
        lines = option_lines(item.options_type)
        if lines:
            click.echo(f"Options ([tool.fact-ledger.checks.{item.name}]), with their defaults:")
            width = max(len(value) for value, _ in lines)
            for value, kind in lines:
                click.echo(f"  {value:<{width}}  # {kind}")
        else:
            click.echo("Options: none")
        click.echo()
        click.echo(item.description.strip())
    return EXIT_OK


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@session_options
@pass_session
def plugins(session: Session, fmt: str) -> int:
    """List the loaded plugins and what each registers, and any that failed to load."""
    host = session.host
    kinds = ("extractors", "checks", "renderers", "commands")
    listing: dict[str, dict[str, list[str]]] = {
        name: {kind: [] for kind in kinds} for name in host.plugin_names()
    }
    labelled: list[tuple[str, str, str]] = [
        *(("extractors", e.plugin, e.name) for e in host.extractors),
        *(("checks", c.plugin, f"{c.code} {c.name}") for c in host.checks),
        *(("renderers", r.plugin, r.name) for r in host.renderers),
        *(("commands", host.commands.plugin_of(n), n) for n in host.commands.names()),
    ]
    for kind, plugin, label in labelled:
        listing.setdefault(plugin, {k: [] for k in kinds})[kind].append(label)
    failures = [f"{f.plugin} ({f.stage}): {f.error}" for f in host.failures]
    if fmt == "json":
        click.echo(json.dumps({"plugins": listing, "failures": failures}, indent=2))
        return EXIT_OK
    for name, parts in listing.items():
        click.echo(name)
        for kind, items in parts.items():
            if items:
                click.echo(f"  {kind}: {', '.join(items)}")
    for failure in failures:
        say(f"failed: {failure}")
    return EXIT_OK


@cli.command()
@click.argument("finding_id")
@_paths
@click.option("--reason", required=True, help="Why this finding is acknowledged.")
@click.option("--expires", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD")
@click.option(
    "--file",
    "waiver_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Waivers file (default: the configured one, else fact-ledger-waivers.toml beside "
    "the configuration file, or in the working folder; `check` reads the same file).",
)
@session_options
@pass_session
def waive(
    session: Session,
    finding_id: str,
    paths: tuple[str, ...],
    reason: str,
    expires: Any,
    waiver_file: Path | None,
) -> int:
    """Acknowledge a finding with a reason; the waiver lapses when a waived value changes."""
    session.use_inputs(paths)
    from .config import DEFAULT_WAIVERS
    from .waivers import add_waiver

    config = session.config
    report = _run(session, paths, config)
    matches = [f for f in report.findings if f.finding_id.startswith(finding_id)]
    if len(matches) != 1:
        what = "no finding" if not matches else f"{len(matches)} findings"
        raise click.UsageError(f"{what} with id {finding_id!r} in {' '.join(paths)}")
    target = waiver_file or config.waivers or Path(DEFAULT_WAIVERS)  # --isolated: no config
    add_waiver(target, matches[0], reason, expires.date() if expires else None)
    say(f"{target}: waived {matches[0].finding_id} ({matches[0].code})")
    return EXIT_OK


@cli.command("baseline")
@_paths
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The baseline file to write.",
)
@session_options
@pass_session
def baseline_command(session: Session, paths: tuple[str, ...], output: Path) -> int:
    """Record the fingerprints of today's findings, so that only new ones fail later runs."""
    session.use_inputs(paths)
    from .baseline import write_baseline

    # Today's findings all go into the baseline, whatever an older baseline says.
    config = replace(session.config, baseline=None)
    report = _run(session, paths, config)
    count = write_baseline(output, report.findings)
    say(f"{output}: {count} finding fingerprints")
    return EXIT_OK


# -- helpers -----------------------------------------------------------------------


def _codes(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class _Target:
    fmt: str
    path: Path | None  # None: stdout


def _targets(host: PluginHost, output_format: str | None, outputs: Sequence[str]) -> list[_Target]:
    known = host.renderers.names()
    default = output_format or DEFAULT_FORMAT
    targets: list[_Target] = []
    plain_file: Path | None = None
    for spec in outputs:
        fmt, sep, rest = spec.partition(":")
        if sep and fmt in known and rest:
            targets.append(_Target(fmt, Path(rest)))
        elif plain_file is None:
            plain_file = Path(spec)
        else:
            raise click.UsageError(f"-o {spec}: only one -o FILE without a FORMAT: prefix")
    if output_format is not None or plain_file is not None or not targets:
        targets.insert(0, _Target(default, plain_file))
    for target in targets:
        if target.fmt not in known:
            raise click.UsageError(
                f"unknown output format {target.fmt!r}; known: {', '.join(known) or 'none'}"
            )
    return targets


def _run(
    session: Session,
    paths: Sequence[str],
    config: Config,
    *,
    new_since: str | None = None,
    cache: bool = False,
    counts_only: bool = False,
) -> Report:
    """Check ``paths``. With ``cache``, a run over stored ledgers reuses the findings of an
    identical earlier run (:mod:`fact_ledger.cache`) and stores its own; ``counts_only``
    says the caller needs no more than counts and the exit code, so a cached run reads
    neither the ledger nor the findings' messages."""
    from .options import resolve_options
    from .pipeline import check_ledger

    host = session.host
    resolve_options(config, host.checks)  # a bad configuration fails before any reading
    entry = None
    if cache and new_since is None:
        from .cache import FindingsCache

        with session.progress.stage("looking for cached findings"):
            entry = FindingsCache.for_run(list(paths), config, host)
    # The documents' stamps the key took: the load checks its texts pack against them.
    stamps = entry.documents_stamps if entry is not None else None
    if entry is not None:

        def load() -> tuple[Any, Mapping[str, Any]]:
            ledger = session.read(paths, documents_stamps=stamps)
            return ledger.assertions, ledger.documents

        cached = entry.findings(load, deferred=counts_only)
        if cached is not None:
            from .report import Report

            checks = {c.code: c for c in host.checks if config.is_selected(c.code)}
            return Report(cached, None, None, checks, config.fail_on, source=cached.source)
    ledger = session.read(paths, documents_stamps=stamps)
    progress = session.progress

    def on_check(check: Check, number: int, total: int) -> None:
        progress.show(f"checking {check.code} {check.name} ({number}/{total})")

    since = None if new_since is None else (new_since, list(paths))
    try:
        report = check_ledger(ledger, host, config, new_since=since, on_check=on_check)
    finally:
        progress.clear()
    if entry is not None:
        with progress.stage("caching findings"):
            entry.store(report.findings)
    return report


def _emit(report: Report, targets: Sequence[_Target], host: PluginHost) -> None:
    progress = _progress()
    for target in targets:
        color = target.path is None and wants_color() and target.fmt in COLOR_FORMATS
        renderer = host.renderers.get(target.fmt)
        shown = replace(report, color=color)
        if renderer.stream is not None:
            # Each piece written before the next is made (a million assertions' json is
            # 440 MB of text): the rendering happens as it is written.
            with progress.stage(f"rendering {target.fmt}"):
                _write_text(renderer.stream(shown), target.path, color=color)
            continue
        with progress.stage(f"rendering {target.fmt}"):
            text = renderer.render(shown)
        _write_text(text, target.path, color=color)


#: Formats that colour their output on a terminal (see ``Report.color``).
COLOR_FORMATS = frozenset({"full", "concise"})


def _write_text(text: str | Iterable[str], path: Path | None, *, color: bool = False) -> None:
    """Write ``text`` (or its pieces, in order) to ``path`` atomically, or to stdout with a
    final newline when it lacks one."""
    if path is None:
        # click strips ANSI codes on its own when stdout is not a terminal; a forced colour
        # (FORCE_COLOR) keeps them.
        last = ""
        for piece in [text] if isinstance(text, str) else text:
            if piece:
                click.echo(piece, nl=False, color=color or None)
                last = piece
        if last and not last.endswith("\n"):
            click.echo("", color=color or None)
        return
    from .atomic import write_atomic

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise LedgerError("folder does not exist", path=folder)
    write_atomic(path, text)


def _settings_text(config: Config, host: PluginHost) -> str:
    """``check --show-settings``: the resolved settings as a fact-ledger.toml that would
    reproduce them, each check's options included (as ``ruff check --show-settings``)."""
    import dataclasses

    import tomli_w

    from .config import SETTING_NAMES
    from .options import resolve_options

    options = resolve_options(config, host.checks)
    source = config.source or "no configuration file: the defaults"
    head = [f"# Resolved settings ({source})", f"# Plugins: {', '.join(host.plugin_names())}"]
    top: dict[str, Any] = {}
    for key, attribute in SETTING_NAMES.items():
        value = getattr(config, attribute)
        if attribute == "checks":
            continue
        if value is None:
            head.append(f"# {key}: not set")
            continue
        top[key] = _toml_value(value)
    parts = ["\n".join(head), tomli_w.dumps(top).rstrip("\n")]
    for check in sorted(host.checks, key=lambda c: c.code):
        state = "selected" if config.is_selected(check.code.upper()) else "not selected"
        severity = config.severity.get(check.code.upper(), check.severity)
        values = {k: _toml_value(v) for k, v in dataclasses.asdict(options[check.name]).items()}
        table = tomli_w.dumps({"checks": {check.name: values}}).strip("\n")
        parts.append(f"# {check.code} ({state}, {severity}, plugin {check.plugin})\n{table}")
    return "\n\n".join(parts) + "\n"


def _toml_value(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list | set | frozenset):
        return [_toml_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _toml_value(v) for k, v in value.items()}
    return value


def _emit_statistics(report: Report) -> None:
    counts = report.counts_by_check()
    names = {code: check.name for code, check in report.checks.items()}
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"{count:6d}\t{code}\t{names.get(code, '')}")


def _step_summary(report: Report, host: PluginHost, targets: Sequence[_Target]) -> None:
    """In GitHub Actions, annotations are capped: the whole summary goes to the step summary."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    wanted = {t.fmt for t in targets} & {"github", "markdown"}
    if not summary or not wanted or "markdown" not in host.renderers:
        return
    text = host.renderers.get("markdown").render(report)
    with open(summary, "a", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point: click handles usage errors (exit 2) and expected errors (their code);
    anything else is an internal error, one line and exit 3.

    Without ``argv`` (the ``fact-ledger`` command, ``python -m fact_ledger``) this is the
    process's own command line, and the process ends without freeing its objects
    (:func:`fact_ledger.memory.exit_now`); with ``argv`` (a caller's process) it raises
    :class:`SystemExit` as usual."""
    from .memory import exit_now, keep_freed_memory

    # A process that ends with its command: freed arrays are reused rather than given back
    # and faulted in again (a second of system time in a check of a million assertions).
    keep_freed_memory()
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name=PROG)
    except SystemExit as done:
        if argv is not None:
            raise
        exit_now(done.code)
    except Exception as exc:
        if os.environ.get("FACT_LEDGER_DEBUG"):
            raise
        say(
            f"{PROG}: internal error: {type(exc).__name__}: {exc} "
            "(set FACT_LEDGER_DEBUG=1 for a traceback)"
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)
