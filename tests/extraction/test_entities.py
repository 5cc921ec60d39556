import pytest
from hypothesis import given
from hypothesis import strategies as st

from fact_ledger.errors import ConfigError
from fact_ledger.extraction.entities import (
    default_alias_table,
    fold,
    load_alias_table,
    skeleton,
    subject_head,
    suggest_aliases,
)


@pytest.mark.parametrize(
    ("names", "kind"),
    [
        (["al-Qaryatayn", "Al-Karatein"], "location"),
        (["At Tanf", "Al-Tanf", "Tanf"], "location"),
        (["Deir ez-Zor", "Deir Ezzor"], "location"),
        (["ISIS", "ISIL", "IS", "Islamic State", "Daesh"], "speaker"),
        (["US", "U.S.", "USA", "United States", "the US"], "speaker"),
        (
            ["Russian Defense Ministry", "Russian Defence Ministry", "Russia’s Defense Ministry"],
            "speaker",
        ),
    ],
)
def test_shipped_table_joins_the_spellings_of_one_entity(names, kind):
    table = default_alias_table()
    assert len({table.resolve(name, kind) for name in names}) == 1


@pytest.mark.parametrize(
    ("subjects", "key"),
    [
        (["off-road vehicles", "cross country vehicles", "trucks"], "vehicle"),
        (["militants", "ISIL gunmen", "fighters", "terrorists"], "militant"),
        (["air strikes", "airstrikes", "strikes"], "strike"),
        (["50-km zone", "area"], "zone"),
    ],
)
def test_subjects_share_a_key_by_head_noun(subjects, key):
    table = default_alias_table()
    assert {table.resolve(subject, "subject") for subject in subjects} == {key}


def test_unknown_names_get_a_slug_key():
    assert default_alias_table().resolve("Harbat Ash-Shkhemi", "location") == "harbat-ash-shkhemi"


def test_subject_head_singularises_news_nouns():
    assert [subject_head(w) for w in ("gunmen", "militants", "casualties", "people")] == [
        "gunman",
        "militant",
        "casualty",
        "people",
    ]


def test_a_project_table_adds_spellings(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text(
        '[entities.konashenkov]\nkind = "person"\nnames = ["Igor Konashenkov", "Konashenkov"]\n'
    )
    table = load_alias_table(path)
    assert table.resolve("Konashenkov", "speaker") == table.resolve("Igor Konashenkov", "speaker")
    assert table.resolve("Al-Karatein", "location") == "al-qaryatayn"  # shipped table kept


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[entities.x]\nnames = 3\n", "needs a list of names"),
        ('[entities.x]\nkind = "planet"\nnames = ["X"]\n', "unknown kind"),
        ("not toml [", "invalid TOML"),
    ],
)
def test_malformed_alias_files_name_the_file(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message) as raised:
        load_alias_table(path)
    assert str(path) in str(raised.value)


def test_transliteration_variants_share_a_skeleton_or_come_close():
    assert skeleton("Al-Tanf") == skeleton("At Tanf") == skeleton("tanf")
    assert skeleton("Deir ez-Zor") == skeleton("Deir Zor")
    assert skeleton("Qaryatayn")[0] == skeleton("Karatein")[0] == "k"


def test_suggests_an_unlisted_spelling_of_a_known_place():
    found = suggest_aliases(["Al-Qaryatain", "Kariatein", "Raqqa"], default_alias_table())
    pairs = {(a, b) for a, b, _ in found}
    assert ("Kariatein", "al-qaryatayn") in pairs or ("Al-Qaryatain", "Kariatein") in pairs
    assert all("Raqqa" not in (a, b) for a, b, _ in found)


def test_does_not_suggest_names_the_table_already_joins():
    found = suggest_aliases(["Al-Tanf", "At Tanf", "Tanf"], default_alias_table())
    assert found == []


def test_different_places_are_not_suggested():
    found = suggest_aliases(
        ["Homs", "Hama", "Idlib", "Aleppo", "Iraq", "Raqqa"], default_alias_table()
    )
    assert found == []


@given(st.lists(st.text(min_size=1, max_size=20), max_size=15))
def test_suggestions_are_scored_pairs_of_distinct_names(names):
    for a, b, score in suggest_aliases(names, default_alias_table()):
        assert a != b
        assert 0.8 <= score <= 1.0


def test_fold_ignores_case_accents_and_curly_apostrophes():
    assert fold("Russia’s  DÉFENSE") == fold("russia's defense")
