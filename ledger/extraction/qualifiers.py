"""Qualifier conventions: the interval a wording such as "about 300" or "dozens" allows.

The conventions are data (``fact_ledger/data/qualifiers.toml``) mirrored exactly by the tables
in ``docs/intervals.md``; a test keeps the two equal. This module only reads them and applies
them, so the rule for "about" is written down once.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from fact_ledger.errors import ConfigError
from fact_ledger.extraction.lexicon import looked_up
from fact_ledger.packaged import packaged_path, read_packaged_toml

__all__ = ["QualifierTable", "Rule", "load_qualifiers"]

_SOURCE = packaged_path("qualifiers.toml")


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the conventions: a name, its wordings and its interval.

    For a ``relative`` rule ``low``/``high`` are factors of the stated figure; for ``vague``
    and ``share`` rules they are the interval itself.
    """

    name: str
    group: str  # relative | vague | share
    low: float
    high: float
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


def _words_pattern(words: list[str]) -> str:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        parts.append(r"\s+".join(re.escape(w) for w in word.split(" ")))
    return "|".join(parts)


def _words_trie(words: list[str]) -> str:
    """The language of :func:`_words_pattern`, factored by common prefixes.

    For a pattern anchored at both ends whose match is only read for where it starts (the
    qualifier before a number: it always ends where the number starts), the order of the
    alternatives changes nothing, only the set of strings they accept; and a search that
    tries some fifty wordings at each of 24 positions before every figure was most of the
    time a line of figures took (issue 9 item 3). Here a position that starts no wording
    fails after one character."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for i, part in enumerate(word.split(" ")):
            for atom in ([r"\s+"] if i else []) + [re.escape(ch) for ch in part]:
                node = node.setdefault(atom, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [atom + _trie_pattern(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class QualifierTable:
    """The qualifier conventions and the patterns that find them around a number."""

    rules: tuple[Rule, ...]
    before_re: re.Pattern[str]  # a qualifier that ends where a number starts
    after_re: re.Pattern[str]  # a qualifier right after a number ("or so", "-odd", "+")
    vague_re: re.Pattern[str]  # a vague amount ("dozens", "several", "a few")
    share_re: re.Pattern[str]  # a vague share of a whole ("nearly all")

    @functools.cached_property
    def _by_wording(self) -> dict[str, Rule]:
        out: dict[str, Rule] = {}
        for rule in self.rules:
            for word in (*rule.before, *rule.after, *rule.words):
                out[word] = rule
        return out

    def rule(self, wording: str) -> Rule:
        """The rule for a wording as written (case and inner spacing ignored)."""
        return looked_up(self._by_wording, wording)

    def negated(self, wording: str) -> str | None:
        """The wording a "not" a few words before ``wording`` makes of it: "should not take
        more than 4g" is "not more than" (at most 4g), "must not fall below 5%" is "not less
        than"; ``None`` when a negation leaves it as it is."""
        rule = self.rule(wording)
        if rule.name in ("over", "just_over"):
            return "not more than"
        if rule.name == "up_to" and " ".join(wording.lower().split()) in _BELOW_WORDINGS:
            return "not less than"
        return None

    def apply(self, wording: str, low: float, high: float) -> tuple[float, float]:
        """Widen ``[low, high]`` by the relative qualifier ``wording`` ("about", "over"...)."""
        rule = self.rule(wording)
        if math.isinf(rule.high):
            # A stated minimum ("at least 12") leaves its far end open; inf * 0 would be NaN.
            if low < 0:
                return -math.inf, max(_round(high * rule.low), high)
            return min(_round(low * rule.low), low), math.inf
        a, b = low * rule.low, high * rule.high
        # Negative figures ("about -10 C") flip the factors' direction.
        if low < 0:
            a = low * rule.high
        if high < 0:
            b = high * rule.low
        # Every relative rule keeps the stated figure (low <= 1 <= high), and rounding must
        # not cut it out: "nearly a third" ends at 1/3, not at 0.333333333333 below it, or
        # the row fails its own schema and the whole document is dropped (issue 9 item 6).
        return min(_round(min(a, b)), low), max(_round(max(a, b)), high)


# The wordings of a ceiling that a negation turns into a floor ("not less than").
_BELOW_WORDINGS = frozenset({"less than", "fewer than", "under", "below"})


def _round(x: float) -> float:
    """12 significant digits: 750 * 1.1 is 825, not 825.0000000000001."""
    return float(f"{x:.12g}")


def _build(data: dict[str, object]) -> QualifierTable:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for group in ("relative", "vague", "share"):
        table = data.get(group, {})
        if not isinstance(table, dict):
            raise ConfigError(f"[{group}] must be a table", path=_SOURCE)
        for name, spec in table.items():
            try:
                rule = Rule(
                    name=name,
                    group=group,
                    low=float(spec["low"]),
                    high=float(spec["high"]),
                    before=tuple(spec.get("before", ())),
                    after=tuple(spec.get("after", ())),
                    words=tuple(spec.get("words", ())),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(f"rule {group}.{name} is malformed: {exc}", path=_SOURCE) from exc
            if group != "relative" and rule.low > rule.high:
                raise ConfigError(f"rule {group}.{name} has low above high", path=_SOURCE)
            if group == "relative" and not rule.low <= 1 <= rule.high:
                # The stated figure is a value the wording allows ("nearly 300" allows 300).
                raise ConfigError(
                    f"rule {group}.{name} must keep the stated figure (low <= 1 <= high)",
                    path=_SOURCE,
                )
            for word in (*rule.before, *rule.after, *rule.words):
                if word in seen:
                    raise ConfigError(
                        f"wording {word!r} is in both {seen[word]} and {name}", path=_SOURCE
                    )
                seen[word] = name
            rules.append(rule)
    before = [w for r in rules for w in r.before]
    after = [w for r in rules for w in r.after]
    vague = [w for r in rules if r.group == "vague" for w in r.words]
    share = [w for r in rules if r.group == "share" for w in r.words]
    word_before = [w for w in before if w[-1].isalpha() or w[-1] == "."]
    symbol_before = [w for w in before if w not in word_before]
    return QualifierTable(
        rules=tuple(rules),
        before_re=re.compile(
            rf"(?<![\w-])(?P<q>(?:{_words_trie(word_before)})[^\S\n]+"
            rf"|(?:{_words_trie(symbol_before)})[^\S\n]*)\Z",
            re.IGNORECASE,
        ),
        after_re=re.compile(
            rf"(?P<gap>[^\S\n]*)(?P<q>{_words_pattern(after)})(?![\w+])", re.IGNORECASE
        ),
        vague_re=re.compile(rf"(?<![\w-])(?:{_words_pattern(vague)})(?![\w-])", re.IGNORECASE),
        share_re=re.compile(rf"(?<![\w-])(?:{_words_pattern(share)})(?![\w-])", re.IGNORECASE),
    )


@functools.cache
def load_qualifiers() -> QualifierTable:
    """Read the packaged qualifier conventions (cached)."""
    return _build(read_packaged_toml("qualifiers.toml", "qualifier table"))
