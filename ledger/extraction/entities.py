"""Entity names: the alias table, resolution to canonical keys, and alias suggestions.

An alias table maps every spelling of an entity to one key ("At Tanf", "Al-Tanf", "Tanf"
-> ``al-tanf``) and every counted noun to a subject key ("gunmen", "fighters" ->
``militant``; "off-road vehicles", "cross country vehicles" -> ``vehicle``). The shipped
table is ``fact_ledger/data/aliases.toml``; projects add their own TOML files of the same
shape. :func:`suggest_aliases` finds spellings that probably name one entity but that no
table joins yet, comparing transliteration-insensitive skeletons of the names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..packaged import packaged_path, read_packaged_toml
from ..regularfile import read_regular_text
from ..tomlfile import load_toml
from ..yamlfile import is_yaml, line_of, load_yaml

__all__ = [
    "AliasTable",
    "default_alias_table",
    "fold",
    "load_alias_table",
    "skeleton",
    "subject_head",
    "suggest_aliases",
]

ENTITY_KINDS = frozenset({"place", "org", "group", "person", "state"})


def fold(name: str) -> str:
    """A spelling reduced to what tables compare: accents, case, apostrophes, spacing."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"^(?:the)\s+", "", text.strip())
    return re.sub(r"[\s\u00a0]+", " ", text)


def _slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-")


@dataclass(frozen=True)
class AliasTable:
    """Folded spelling -> key for entities, head noun -> key for subjects."""

    names: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    subjects: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, name: str, kind: str) -> str | None:
        """The canonical key of ``name`` used as ``kind`` (subject, location or speaker)."""
        if kind == "subject":
            return self.subject_key(name)
        key = self.names.get(fold(name))
        if key is None:
            stripped = re.sub(r"['’]s\b", "", name)
            key = self.names.get(fold(stripped))
        return key or (_slug(name) or None)

    def subject_key(self, subject: str) -> str | None:
        """The key of what is counted: the head noun, singular, through ``[subjects]``."""
        folded = fold(subject)
        words = re.findall(r"[a-z][a-z'-]*", folded)
        if not words:
            return None
        if len(words) >= 2:
            pair = subject_head(" ".join(words[-2:]))
            if pair in self.subjects:
                return self.subjects[pair]
        head = subject_head(words[-1])
        return self.subjects.get(head, head)

    def known(self, name: str) -> bool:
        return fold(name) in self.names

    def merged(self, other: AliasTable) -> AliasTable:
        """This table with ``other`` laid over it: ``other`` wins where both name a spelling."""
        return AliasTable(
            names={**self.names, **other.names},
            kinds={**self.kinds, **other.kinds},
            subjects={**self.subjects, **other.subjects},
        )


_IRREGULAR = {"men": "man", "people": "people", "women": "woman", "children": "child"}


def subject_head(word: str) -> str:
    """Singular of an English counted noun ("gunmen" -> "gunman", "strikes" -> "strike")."""
    word = word.casefold()
    for plural, singular in _IRREGULAR.items():
        if word.endswith(plural):
            return word[: -len(plural)] + singular
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _parse(data: Mapping[str, Any], path: object) -> AliasTable:
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    entities = data.get("entities", {})
    if not isinstance(entities, Mapping):
        raise ConfigError("[entities] must be a table of tables", path=path)
    for key, entry in entities.items():
        # A YAML file knows the line each entity starts on; TOML's reader does not say.
        at = f" (line {line})" if (line := line_of(entry)) is not None else ""
        if not isinstance(entry, Mapping) or not isinstance(entry.get("names"), list):
            raise ConfigError(f"entity {key!r}{at} needs a list of names", path=path)
        kind = entry.get("kind", "org")
        if kind not in ENTITY_KINDS:
            raise ConfigError(f"entity {key!r}{at}: unknown kind {kind!r}", path=path)
        kinds[key] = kind
        for name in [key, *entry["names"]]:
            if not isinstance(name, str):
                raise ConfigError(f"entity {key!r}{at}: names must be strings", path=path)
            names[fold(name)] = key
    subjects = data.get("subjects", {})
    if not isinstance(subjects, Mapping) or not all(isinstance(v, str) for v in subjects.values()):
        raise ConfigError("[subjects] must map nouns to keys", path=path)
    return AliasTable(
        names, kinds, {subject_head(k) if " " not in k else k: v for k, v in subjects.items()}
    )


def load_alias_table(*paths: Path) -> AliasTable:
    """The shipped table with each file in ``paths`` laid over it in order.

    A ``.yaml``/``.yml`` file is read as YAML of the same shape (``entities:`` and
    ``subjects:`` mappings); every value in it is a name, so ``NO`` or ``1984`` stay text.
    """
    table = default_alias_table()
    for path in paths:
        try:
            text = read_regular_text(path)
            data = (
                (load_yaml(text, path, text_keys=None) or {})
                if is_yaml(path)
                else load_toml(text, path)
            )
            if not isinstance(data, Mapping):
                raise ConfigError("expected entities: and subjects: mappings at the top", path=path)
        except FileNotFoundError:
            raise ConfigError("alias file not found", path=path) from None
        except UnicodeDecodeError:
            raise ConfigError("alias file is not UTF-8", path=path) from None
        except OSError as exc:
            raise ConfigError(f"cannot read alias file: {exc.strerror or exc}", path=path) from None
        table = table.merged(_parse(data, path))
    return table


@cache
def default_alias_table() -> AliasTable:
    """The table shipped in ``fact_ledger/data/aliases.toml``."""
    return _parse(read_packaged_toml("aliases.toml", "alias table"), packaged_path("aliases.toml"))


# -- suggestions ----------------------------------------------------------------------------

_ARTICLE = re.compile(r"^(?:al|el|at|ad|ar|as|ash|az|an|ul|the)[-\s]+")
_TRANSLITERATION = (
    ("q", "k"),
    ("ck", "k"),
    ("c", "k"),
    ("kh", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ey", "i"),
    ("ay", "ai"),
    ("w", "u"),
    ("j", "g"),
    (" ez-", " "),
    (" ez ", " "),
    (" el-", " "),
    (" al-", " "),
    (" az-", " "),
)


@cache
def skeleton(name: str) -> str:
    """A transliteration-insensitive form: no article, hyphens, case or doubled letters;
    q = k, ez- dropped, common vowel spellings merged ("Al-Karatein" ~ "al-Qaryatayn").
    Digits stay: "Brigade 51" and "Brigade 52" are two units, not two spellings. FL104
    (``fact_ledger.checks.aliases``) keys on this skeleton too."""
    text = " " + fold(name) + " "
    text = " " + _ARTICLE.sub("", text.strip()) + " "
    for old, new in _TRANSLITERATION:
        text = text.replace(old, new)
    text = re.sub(r"[^a-z0-9]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def _consonants(text: str) -> str:
    return text[:1] + re.sub(r"[aeiouy]", "", text[1:])


def _block(bones: str) -> str:
    # Transliterations keep their first two consonants ("krtn" for Qaryatayn and Karatein).
    return _consonants(bones)[:2]


def _similarity(a: str, b: str) -> float:
    full = difflib.SequenceMatcher(None, a, b).ratio()
    bones = difflib.SequenceMatcher(None, _consonants(a), _consonants(b)).ratio()
    return round((full + bones) / 2, 3)


def suggest_aliases(
    names: Iterable[str], known: AliasTable, *, threshold: float = 0.8
) -> list[tuple[str, str, float]]:
    """Pairs of names that probably denote one entity but that ``known`` does not join.

    Returns ``(name, other, score)`` with ``score`` in ``[threshold, 1]``, best first. Two
    names already resolving to one key are not suggested; names are compared in blocks
    by the first two consonants of their skeleton, so the work stays near-linear in practice.
    """
    unique = sorted({n.strip() for n in names if n and n.strip()})
    blocks: dict[str, list[tuple[str, str]]] = {}
    for name in unique:
        bones = skeleton(name)
        if len(_consonants(bones)) >= 3:
            blocks.setdefault(_block(bones), []).append((name, bones))
    # Spellings from the table join the blocks so a new spelling meets its known entity.
    table_names: dict[str, str] = {}
    for spelling, key in known.names.items():
        bones = skeleton(spelling)
        if bones and _block(bones) in blocks and len(_consonants(bones)) >= 3:
            table_names.setdefault(bones, key)
    found: dict[tuple[str, str], float] = {}
    for first, members in blocks.items():
        candidates = members + [
            (f"{key}", bones) for bones, key in table_names.items() if _block(bones) == first
        ]
        for i, (name, bones) in enumerate(members):
            for other, other_bones in candidates[i + 1 :]:
                if other == name:
                    continue
                key_a = known.names.get(fold(name))
                key_b = known.names.get(fold(other)) or (other if other in known.kinds else None)
                if key_a is not None and key_a == key_b:
                    continue
                if bones == other_bones:
                    score = 1.0
                else:
                    quick = difflib.SequenceMatcher(None, bones, other_bones).quick_ratio()
                    if quick < threshold - 0.15:
                        continue
                    score = _similarity(bones, other_bones)
                if score >= threshold:
                    pair = (name, other)
                    found[pair] = max(score, found.get(pair, 0.0))
    return sorted(((a, b, s) for (a, b), s in found.items()), key=lambda t: (-t[2], t[0], t[1]))
