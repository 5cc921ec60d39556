"""FL104 entity-aliases: spellings with different keys that probably name one entity."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..components import Check, CheckContext
from ..extraction.entities import skeleton as spelling_skeleton
from ..options import CheckOptions
from .frames import findings_at, first_rows, names_text, no_findings, present

DESCRIPTION = """\
## What it does
Compares the names of subjects, places and speakers whose canonical keys differ, and flags
names that are probably one entity spelled two ways: al-Qaryatayn and Al-Karatein, Deir
ez-Zor and Deir Ezzor, At Tanf and Tanf. Names are reduced to the transliteration skeleton
that `fact-ledger` also uses to suggest aliases (accents, case, a leading Arabic article
such as al-/at-, inner ez-/al-/el-/az- and hyphens removed; q and c read as k, kh, dh, th
and ph as k, d, t and f, common vowel spellings merged; doubled letters merged), then to its
consonants (vowels after the first letter dropped); names whose keys differ but whose
consonants match are reported.

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
_LATER_VOWELS = re.compile(r"(?<=.)[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(names: pd.Series) -> pd.Series:
    """FL104's matching key for each name: the consonants of its spelling skeleton.

    The spelling skeleton is :func:`fact_ledger.extraction.entities.skeleton`, the one
    ``suggest_aliases`` compares, so the check and the suggestions agree on what a
    transliteration variant is. That function scores near misses by similarity and keeps
    the vowels; a check reports exact matches, so the vowels after the first letter, which
    transliterations disagree on most ("Qaryatayn", "Karatein"), are dropped here. Each
    distinct name is reduced once: a ledger repeats its names.
    """
    codes, uniques = pd.factorize(names.astype(str))
    keys = np.asarray(
        [
            _DOUBLED.sub(r"\1", _LATER_VOWELS.sub("", spelling_skeleton(n)))
            for n in uniques.tolist()
        ],
        dtype=object,
    )
    return pd.Series(keys[codes] if len(keys) else keys, index=names.index, dtype=object)


@dataclass(frozen=True)
class Options(CheckOptions):
    """FL104's options (``[tool.fact-ledger.checks.entity-aliases]``)."""

    min_skeleton: int = 3


def run(assertions: pd.DataFrame, context: CheckContext) -> pd.DataFrame:
    shortest = Options.of(context.options).min_skeleton
    parts = []
    for role, (name_col, key_col) in enumerate(_ROLES):
        # One row per distinct name (the resolver gives a name one key): hashing the names
        # alone is half the work of hashing (name, key) pairs.
        codes, _ = context.factorize(assertions, name_col)
        first = first_rows(codes)
        first = first[present(assertions, context, key_col)[first]]
        rows = assertions.iloc[first][[name_col, key_col]]
        parts.append(
            pd.DataFrame(
                {
                    "role": role,
                    "row": first,
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
    found: list[list[int]] = []
    messages: list[str] = []
    for (role, _), rows in variants.groupby(["role", "skeleton"], sort=False):
        kind = _ROLES[role][0]
        spellings = names_text(
            f"“{n}” ({k})" for n, k in zip(rows["name"], rows["key"], strict=True)
        )
        found.append(rows["row"].tolist())
        messages.append(
            f"{kind} names {spellings} probably name one {kind}; add them to the alias table"
        )
    return findings_at(found, messages) if found else no_findings()


CHECK = Check(
    code="FL104",
    name="entity-aliases",
    title="Spellings with different keys that probably name one entity",
    description=DESCRIPTION,
    severity="warning",
    run=run,
    options=Options,
)
