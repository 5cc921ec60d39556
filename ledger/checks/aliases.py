"""FL104 entity-aliases: spellings with different keys that probably name one entity."""

from __future__ import annotations

import pandas as pd

from ..components import Check, CheckContext
from .frames import findings_frame, first_rows, names_text, no_findings, present

DESCRIPTION = """\
## What it does
Compares the names of subjects, places and speakers whose canonical keys differ, and flags
names that are probably one entity spelled two ways: al-Qaryatayn and Al-Karatein, Deir
ez-Zor and Deir Ezzor, At Tanf and Tanf. Names are reduced to a transliteration skeleton
(accents, case, Arabic articles such as al-/at-/ez- and hyphens removed; q and c read as k;
vowels, h, w and y dropped; doubled letters merged) and names whose skeletons match but whose
keys differ are reported.

## Why is this bad?
Until the alias table says they are one, figures about al-Qaryatayn and Al-Karatein are
never compared, so an inconsistency between them goes unseen.

## How to fix
Add the spellings to the alias table (`aliases` in the configuration), or ignore the finding
when the names really are two entities.

## Options
- `min_skeleton` (default 3): shortest skeleton compared; shorter names (US, UN) collide
  too easily and belong in the alias table.
"""

_ROLES = (("subject", "subject_key"), ("location", "location_key"), ("speaker", "speaker_key"))
# Arabic definite articles as transliterated in English-language news, at the start of a
# name ("Al-Tanf", "At Tanf") or hyphenated inside it ("Deir ez-Zor").
_LEADING_ARTICLE = r"^(?:al|el|at|as|ash|ad|an|ar|az|ez|the)[\s\-‐'’]+"
_INNER_ARTICLE = r"\b(?:al|el|ez|ad|as|ash|at|an|ar|az)-"


def skeleton(names: pd.Series) -> pd.Series:
    """The transliteration skeleton of each name (see the rule description)."""
    plain = (
        names.astype(str)
        .str.normalize("NFKD")
        .str.replace(r"[\u0300-\u036f]", "", regex=True)
        .str.casefold()
        .str.replace(_LEADING_ARTICLE, "", regex=True)
        .str.replace(_INNER_ARTICLE, "", regex=True)
        .str.replace("ph", "f", regex=False)
        .str.replace(r"[qc]", "k", regex=True)
        .str.replace(r"[^a-z0-9]", "", regex=True)
        .str.replace(r"(?<=.)[aeiouyhw]", "", regex=True)
        .str.replace(r"(.)\1+", r"\1", regex=True)
    )
    return plain


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    shortest = int(context.options.get("min_skeleton", 3))
    parts = []
    for role, (name_col, key_col) in enumerate(_ROLES):
        # One row per distinct name (the resolver gives a name one key): hashing the names
        # alone is half the work of hashing (name, key) pairs.
        codes, _ = context.factorize(assertions, name_col)
        first = first_rows(codes)
        first = first[present(assertions, context, key_col)[first]]
        rows = assertions.iloc[first][["assertion_id", name_col, key_col]]
        parts.append(
            pd.DataFrame(
                {
                    "role": role,
                    "assertion_id": rows["assertion_id"].to_numpy(),
                    "name": rows[name_col].astype(str).to_numpy(),
                    "key": rows[key_col].astype(str).to_numpy(),
                }
            )
        )
    names = pd.concat(parts, ignore_index=True)
    if names.empty:
        return no_findings()
    codes, uniques = pd.factorize(names["name"])
    names["skeleton"] = skeleton(pd.Series(uniques)).to_numpy()[codes]
    names = names[names["skeleton"].str.len() >= shortest]
    names = names.drop_duplicates(["role", "skeleton", "key"])
    spread = names.groupby(["role", "skeleton"])["key"].transform("size")
    variants = names[spread >= 2]
    ids: list[list[str]] = []
    messages: list[str] = []
    for (role, _), rows in variants.groupby(["role", "skeleton"], sort=False):
        kind = _ROLES[role][0]
        spellings = names_text(
            f"“{n}” ({k})" for n, k in zip(rows["name"], rows["key"], strict=True)
        )
        ids.append(list(rows["assertion_id"]))
        messages.append(
            f"{kind} names {spellings} probably name one {kind}; add them to the alias table"
        )
    return findings_frame(ids, messages) if ids else no_findings()


CHECK = Check(
    code="FL104",
    name="entity-aliases",
    title="Spellings with different keys that probably name one entity",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    defaults={"min_skeleton": 3},
)
