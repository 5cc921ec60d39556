"""YAML for the curated files: safe loading with lines, text kept as text, and appending; the
waivers file and the alias table read from YAML exactly as from TOML."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.checks import numeric
from fact_ledger.cli import cli
from fact_ledger.config import Config
from fact_ledger.errors import ConfigError
from fact_ledger.extraction.entities import load_alias_table
from fact_ledger.manager import PluginHost
from fact_ledger.testing import check_findings, make_assertions
from fact_ledger.waivers import add_waiver, apply_waivers, load_waivers
from fact_ledger.yamlfile import append_to_list, is_yaml, line_of, load_yaml

# -- loading ------------------------------------------------------------------------------


def test_yaml_is_told_by_the_suffix() -> None:
    assert is_yaml("waivers.yaml") and is_yaml(Path("a/Aliases.YML"))
    assert not is_yaml("waivers.toml") and not is_yaml("yaml")


def test_text_keys_keep_what_yaml_1_1_would_turn_into_numbers_dates_and_booleans() -> None:
    text = "id: 0123456789\nquote: 2017-10-11\nplace: NO\nother: NO\ncount: 0123\n"
    data = load_yaml(text, "f.yaml", text_keys={"id", "quote", "place"})
    assert data == {
        "id": "0123456789",
        "quote": "2017-10-11",
        "place": "NO",
        "other": False,  # not a text key: YAML's own reading
        "count": 83,  # YAML 1.1 octal, which is why ids must be text keys
    }


def test_every_plain_scalar_is_text_when_asked() -> None:
    data = load_yaml("norway:\n  names: [NO, Norge, 1905]\n", "a.yaml", text_keys=None)
    assert data == {"norway": {"names": ["NO", "Norge", "1905"]}}


def test_mappings_know_their_line() -> None:
    data = load_yaml("# head\nwaiver:\n  - finding: a\n\n  - finding: b\n", "w.yaml")
    assert [line_of(item) for item in data["waiver"]] == [3, 5]
    assert line_of(data) == 2 and line_of("text") is None


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3, "expected ',' or ']'"),
        ("waiver:\n  - finding: a\n    finding: b\n", 3, "duplicate key 'finding'"),
        ("a: 1\n---\nb: 2\n", 2, "expected a single document"),
    ],
)
def test_invalid_yaml_names_the_file_and_the_line(text: str, line: int, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_yaml(text, "curated/w.yaml", text_keys=())
    message = str(info.value)
    assert message.startswith(f"curated/w.yaml: invalid YAML at line {line}: ")
    assert problem in message and "\n" not in message


def test_yaml_cannot_build_python_objects() -> None:
    with pytest.raises(ConfigError, match="could not determine a constructor"):
        load_yaml("x: !!python/object/apply:os.system ['true']\n", "w.yaml")


def test_an_empty_document_is_none() -> None:
    assert load_yaml("# nothing yet\n", "w.yaml") is None


# -- appending ----------------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
_ITEM = st.fixed_dictionaries(
    {"finding": _TEXT, "reason": _TEXT},
    optional={"low": st.floats(allow_nan=False), "expires": st.dates()},
)


@given(first=_ITEM, second=_ITEM, indent=st.sampled_from(["", "  ", "    "]))
def test_appending_keeps_the_text_and_reads_back_as_the_longer_list(
    first: dict, second: dict, indent: str
) -> None:
    keys = {"finding", "reason"}
    # The list as a person may write it: dashes at the key's column or indented under it.
    written = yaml.safe_dump([first], allow_unicode=True).splitlines(keepends=True)
    start = "# reviewed by the desk\nwaiver:\n" + "".join(indent + line for line in written)
    assert load_yaml(start, "w.yaml", text_keys=keys)["waiver"] == [first]
    grown = append_to_list(start, "waiver", second, "w.yaml", text_keys=keys)
    assert grown.startswith(start)
    assert load_yaml(grown, "w.yaml", text_keys=keys)["waiver"] == [first, second]


@pytest.mark.parametrize(
    "text",
    [
        "waiver: [{finding: a}]\n",  # flow style: the item would land outside the list
        "waiver:\n  - finding: a\nnotes: later\n",  # the list does not end the file
        "- a\n- b\n",  # not a mapping at the top
    ],
)
def test_appending_refuses_what_it_cannot_do_without_rewriting(text: str) -> None:
    with pytest.raises(ConfigError, match=r"w\.yaml: "):
        append_to_list(text, "waiver", {"finding": "b"}, "w.yaml")


# -- the waivers file ---------------------------------------------------------------------

RAID = {"subject_key": "vehicles", "location_key": "al-qaryatayn", "time": "2017-09-28"}


@pytest.fixture
def raid():
    """TASS: "dozens of off-road vehicles", then "a dozen of cross country vehicles"."""
    frame = make_assertions(
        [
            {**RAID, "quote": "dozens of off-road vehicles", "value_low": 24, "value_high": 99},
            {**RAID, "quote": "a dozen vehicles", "value": 12},
        ]
    )
    (finding,) = check_findings(numeric.CHECK, frame)
    return frame, finding


def test_a_yaml_waivers_file_reads_as_its_toml_twin(tmp_path: Path, raid) -> None:
    frame, finding = raid
    toml_file, yaml_file = tmp_path / "w.toml", tmp_path / "w.yaml"
    add_waiver(toml_file, finding, "Two raids conflated.", expires=date(2030, 1, 31))
    add_waiver(yaml_file, finding, "Two raids conflated.", expires=date(2030, 1, 31))
    from_toml, from_yaml = load_waivers(toml_file), load_waivers(yaml_file)
    assert [w.__class__(**{**_fields(w), "source": None}) for w in from_yaml] == [
        w.__class__(**{**_fields(w), "source": None}) for w in from_toml
    ]
    assert apply_waivers([finding], from_yaml, frame, today=date(2030, 1, 31))[0].waived


def _fields(waiver) -> dict:
    return {name: getattr(waiver, name) for name in waiver.__slots__}


def test_add_waiver_appends_yaml_and_keeps_comments(tmp_path: Path, raid) -> None:
    _, finding = raid
    path = tmp_path / "waivers.yml"
    path.write_text("# Reviewed at the Tuesday desk meeting.\nwaiver:\n", encoding="utf-8")
    add_waiver(path, finding, "yes")  # must be written quoted: a bare yes is true in YAML 1.1
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Reviewed at the Tuesday desk meeting.\nwaiver:\n- finding: ")
    (waiver,) = load_waivers(path)
    assert (waiver.finding, waiver.reason) == (finding.finding_id, "yes")
    assert {a.quote: (a.value_low, a.value_high) for a in waiver.assertions} == {
        "dozens of off-road vehicles": (24.0, 99.0),
        "a dozen vehicles": (12.0, 12.0),
    }
    with pytest.raises(ConfigError, match="already waived"):
        add_waiver(path, finding, "again")


def test_an_open_bound_round_trips_through_yaml(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "waiver:\n"
        "  - finding: '0000000000000001'\n"
        "    code: FL101\n"
        "    reason: more than 10 is open-ended\n"
        "    assertions:\n"
        "      - {id: 0000000000000002, quote: more than 10, value_low: 10, value_high: .inf}\n",
        encoding="utf-8",
    )
    (waiver,) = load_waivers(path)
    (given_for,) = waiver.assertions
    assert given_for.id == "0000000000000002"  # an all-digit id, read as written
    assert (given_for.value_low, given_for.value_high) == (10.0, math.inf)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("    code: FL101\n    reason: r\n", "waiver 2 (line 6): finding must be a non-empty"),
        (
            "    finding: b\n    code: FL101\n    reason: r\n    expires: 2030-01-31 12:00\n",
            "waiver 2 (line 6): expires must be a date (YYYY-MM-DD, unquoted)",
        ),
        (
            "    finding: b\n    code: FL101\n    reason: r\n"
            "    assertions: [{id: x, quote: q, value_low: many}]\n",
            "waiver 2 (line 6): assertion x: value_low must be a number",
        ),
    ],
)
def test_a_bad_yaml_waiver_is_named_by_number_and_line(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = tmp_path / "w.yaml"
    good = "waiver:\n  - finding: a\n    code: FL101\n    reason: r\n\n"
    path.write_text(good + "  - " + entry[4:], encoding="utf-8")
    with pytest.raises(ConfigError, match=f"^{re.escape(f'{path}: {message}')}"):
        load_waivers(path)


# -- the alias table ----------------------------------------------------------------------


def test_a_yaml_alias_file_is_laid_over_the_shipped_table(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "entities:\n"
        "  al-qaryatayn:\n"
        "    kind: place\n"
        "    names: [Qaryatayn, Al-Karatein, Al Qaryatain]\n"
        "  norway:\n"
        "    kind: state\n"
        "    names: [NO, Norge]\n"
        "subjects:\n"
        "  cross country vehicles: vehicle\n",
        encoding="utf-8",
    )
    table = load_alias_table(path)
    assert table.resolve("Al Qaryatain", "location") == table.resolve("Al-Karatein", "location")
    assert table.resolve("al-karatein", "location") == "al-qaryatayn"
    assert table.resolve("NO", "speaker") == "norway"
    assert table.subject_key("cross country vehicles") == "vehicle"
    # The shipped entries are still there under the file.
    assert table.resolve("ISIL", "speaker") == table.resolve("Daesh", "speaker")


def test_a_bad_yaml_alias_entity_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yml"
    path.write_text("entities:\n  tanf:\n    kind: camp\n    names: [Tanf]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"entity 'tanf' \(line 3\): unknown kind 'camp'"):
        load_alias_table(path)
    path.write_text("entities:\n  tanf: {names: [Tanf]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"aliases\.yml: invalid YAML at line 3"):
        load_alias_table(path)


# -- through the configuration and the command line ---------------------------------------


def test_configured_yaml_aliases_resolve_names(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("entities:\n  al-bukamal:\n    kind: place\n    names: [Abu Kamal]\n")
    host = PluginHost(entry_points=False, config=Config(aliases=(path,)))
    assert host.resolve_entity("Abu Kamal", "location") == "al-bukamal"


def test_waive_writes_a_yaml_file_that_check_then_honours(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    (tmp_path / "fact-ledger.toml").write_text('waivers = "waivers.yaml"\n', encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text("# The desk's waivers.\nwaiver:\n", encoding="utf-8")
    config = ["--config", str(tmp_path / "fact-ledger.toml")]

    def findings() -> list[dict]:
        args = [*config, "check", str(seeds), "--output-format", "json", "--exit-zero"]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        return json.loads(result.stdout)

    target = next(f for f in findings() if not f["waived"] and f["assertion_ids"])
    args = [*config, "waive", target["finding_id"], str(seeds), "--reason", "checked: two raids"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "waivers.yaml").read_text(encoding="utf-8").startswith("# The desk's")
    after = {f["finding_id"]: f for f in findings()}
    assert after[target["finding_id"]]["waived"]
    assert after[target["finding_id"]]["waiver_reason"] == "checked: two raids"
