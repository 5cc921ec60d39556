"""Stance of a reported statement: does the speaker assert, deny or question it?

A denial is a verb of denial in the cue ("flatly denied", "rejected", "dismissed ... as
false"), a short verdict on something already said ("That's absolutely false", "absolutely
ridiculous"), a predicate that calls its subject false ("the threat was a hoax", "the photos
are fake"), a negated copula in the main clause ("The video is not from Gaza"), a negated
future ("Canada would not retaliate", "the striker won't leave"), a negated past ("the army
had not withdrawn"), "never" ("had never lost contact"), a negative opening ("At no point
did we ..."), "there was no truth in ...", "had no plans to ...", "there are no plans
for ..." or "was not planning to ...", and a correction of the writer's own earlier version
(the attributor's :data:`RETRACTED` cue). A question is a statement that ends in a question
mark, the rhetorical questions officials put to reporters. Everything else asserts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .cues import DENIAL_VERBS
from .firstchars import guarded
from .lexicon import alternation, load_lexicon

__all__ = [
    "ANAPHORIC_OBJECT",
    "RETRACTED",
    "STATEMENT_OPENING",
    "is_anaphoric_denial",
    "stance_of",
]

# The verb the attributor gives a correction's cue ("An earlier version of this article
# said that ..."): the writer takes back what the earlier version said, so it is denied.
RETRACTED = "retracted"

# The words of each rule are data: ``[stance]`` of fact_ledger/data/words.toml.
_WORDS = load_lexicon().stance


def _any(key: str) -> str:
    return alternation(_WORDS[key])


_DENIAL_VERB = re.compile(rf"\b(?:(?:{_any('denial_adverbs')})\s+)?(?:{DENIAL_VERBS})\b", re.I)
_VERDICT = re.compile(rf"\b(?:{_any('verdict_intensifiers')})?\s*(?:{_any('verdicts')})\b", re.I)
# What a denial points back at when it does not restate the claim.
ANAPHORIC_OBJECT = re.compile(
    r"^\s*(?:(?:the|these|those|such|similar|this|that|all|any)\s+)?(?:[\w’'-]+\s+){0,2}?"
    rf"(?:{_any('statement_nouns')})\b"
    r"|^\s*(?:it|this|that|them)\s*(?:[,.;:!]|\bas\b|$)",
    re.I,
)
# "The claim that the dam had been breached", "Reports of a ceasefire deal": the subject of
# a passive denial names what was said, and what follows "that" or "of" is the claim.
STATEMENT_OPENING = re.compile(
    rf"^\s*(?:(?:the|these|those|such|similar)\s+)?(?:[\w’'-]+\s+)?(?:{_any('statement_nouns')})"
    r"\s+(?:that|of)\s+(?=\S)",
    re.I,
)
_THAT_IS = re.compile(
    r"^\W*(?:that|this|it|these|those|they|such\s+\w+)\s*(?:'s|’s|is|are|was|were)\b", re.I
)
_SHORT_VERDICT_WORDS = 8
# "the bomb threat against the school was a hoax", "the photos are fake": a clause whose
# predicate calls its subject false denies the subject, however long the subject is.
# The word may be quoted: 'reports ... were "pure speculation"'.
_FALSE_PREDICATE = re.compile(
    r"\b(?:is|was|are|were|been|be)\s+[\"“'‘]?"
    rf"(?:(?:{_any('false_predicate_modifiers')})\s+){{0,2}}"
    rf"(?:{_any('false_predicates')})\b",
    re.I,
)
# "The video is not from Gaza", "the girls were not kidnapped": a negated copula or passive
# in the main clause denies the positive statement (claim keys drop "not", so the two meet);
# a negated progressive ("is not doing enough") is a statement of its own, and so is "not
# yet" ("the bank was not yet ready to cut rates") or "not expected".
_NEGATED_COPULA = re.compile(
    r"^[^,;:]*?\b(?:is|was|are|were)(?:\s+not\b|n['’]t\b)"
    rf"(?!\s+(?:\w+ing|{_any('not_denied_after')}|{_any('not_negating')})\b)"
    r"|^[^,;:]*?\bnever\s+happened\b",
    re.I,
)


# "Canada would not retaliate", "the bank won't cut rates": a negated future in the main
# clause denies the positive one, as a negated copula does. Not a refusal to speak ("would
# not comment", "will not confirm"): that denies nothing.
_NEGATED_FUTURE = re.compile(
    r"^[^,;:]*?\b(?:(?:would|will|shall)(?:\s+not\b|n['’]t\b)|won['’]t\b)"
    rf"(?!\s+(?:\w+\s+)?(?:{_any('refusals')})\b|\s+(?:{_any('not_negating')})\b)",
    re.I,
)
# "the pilots had never lost contact": "never" in the main clause denies that it happened;
# "never before" and "never again" are records and vows, not denials.
_NEVER = re.compile(rf"^[^,;:]*?\bnever\b(?!\s+(?:{_any('never_exceptions')})\b)", re.I)
# "there was no truth in reports that ...", "it had no plans to cut jobs", "there was no
# evidence that the fire was started deliberately": the hedged denials of press offices and
# investigators, however long what they deny.
_NO_TRUTH = re.compile(
    r"^\W*(?:there\s+(?:is|was|are|were)\s+)?[\"“'‘]?(?:absolutely\s+|simply\s+)?no\s+truth\b"
    # "there was no evidence that ...", and with "that" left out: "no evidence the infection
    # had spread"
    r"|^\W*there\s+(?:is|was|are|were|had\s+been|has\s+been)\s+(?:absolutely\s+)?no\s+"
    r"(?:evidence|indication|sign)\s+(?:that|of|(?=(?:the|a|an|any|its|his|her|their|it|he|"
    r"she|they)\s))\b"
    # "had no plans to", 'she had "absolutely no intention" of running'
    r"|^[^,;:]*?\b(?:has|have|had|there\s+(?:is|are|was|were))\s+[\"“'‘]?(?:absolutely\s+)?no\s+"
    r"(?:plans?|intentions?)[\"”'’]?\s+(?:to|of|for)\b"
    # "the company was not planning any further job cuts": no plan, as "had no plans to"
    r"|^[^,;:]*?\b(?:is|was|are|were|am)\s+not\s+(?:planning|intending)\s+(?:to|any|on)\b",
    re.I,
)
# "the bank had broken no rules", "it had found no evidence of price fixing": a perfect of
# wrongdoing or of finding whose object is "no" thing denies it, as "had not broken any
# rules" does. Only those verbs: "had shown no remorse" says how someone was.
_NO_OBJECT = re.compile(
    rf"^[^,;:]*?\b(?:has|have|had)\s+(?:{_any('no_object_verbs')})\s+no\s+[a-z]"
    r"|^[^,;:]*?\b(?:has|have|had)\s+(?:found|seen|uncovered|identified)\s+no\s+"
    r"(?:evidence|proof|indication|trace)\b",
    re.I,
)
# "the army had not withdrawn", "Beijing did not supply weapons": a negated past or perfect
# in the main clause denies that it happened, as a negated copula denies; not "had not yet",
# not a refusal ("did not respond"), not "did not deny".
_NEGATED_PAST = re.compile(
    # no subordinator before it: "This is the zone where Americans did not let ..." asserts
    r"^(?:(?!\b(?:where|which|who|whom|whose|that|when|because|if|while|although|though|"
    r"unless|until|since|after|before)\b)[^,;:])*?"
    r"\b(?:had|has|have|did|does|do)(?:\s+not\b|n['’]t\b)"
    rf"(?!\s+(?:\w+\s+)?(?:{_any('refusals')}|{_any('not_denied_after')})\b"
    rf"|\s+(?:{_any('not_negating')})\b)",
    re.I,
)
# "the officer had played no part in the decision", "took no part in the plan", "he had no
# knowledge of the payments": taking no part denies taking part.
_NO_PART = re.compile(
    r"^[^,;:]*?\b(?:(?:has|have|had)\s+(?:played|taken)\s+|(?:played|plays|play|took|takes"
    r"|take|has|have|had)\s+)"
    rf"no\s+(?:{_any('no_part_nouns')})\s+(?:in|of|with)\b"
    # "he had nothing to do with the awarding of the contract"
    r"|^[^,;:]*?\b(?:has|have|had)\s+(?:had\s+)?nothing\s+(?:at\s+all\s+)?to\s+do\s+with\b",
    re.I,
)
# "At no point did we mislead investors": a negative phrase opening the statement.
_NEGATIVE_OPENER = re.compile(rf"^\W*(?:{_any('negative_openers')})\b", re.I)
# "Police said no footballer had been detained", "neither the army nor the police had opened
# fire": a reported statement whose subject is "no" thing denies it of anything. Only when
# reported: an unattributed "No group has claimed responsibility" is the writer's report;
# and "no one was hurt" reports an outcome (a toll of none), as "nobody" does, and as "no
# injuries were reported" and "no casualties" do (words.toml [stance] toll_nouns).
_NOBODY_SUBJECT = re.compile(
    r"^\W*(?:that\s+)?(?:neither\b[^,;:]*?\bnor\b|no\b(?!\s+(?:one|"
    rf"{_any('toll_nouns')})\b)(?:\s+[\w’'-]+){{1,3}}?\s+"
    r"(?:had|has|have|was|were|is|are|did|will|would)\b"
    # "the council insisted that none of the £2m grant had been spent on salaries"
    r"|none\s+of(?:\s+[^\s,;:]+){1,5}?\s+(?:had|has|have|was|were|is|are|did|will|would)\b)",
    re.I,
)
# "called the allegations 'politically motivated'": a verdict cue's own words of falsehood.
_VERDICT_ON_CLAIM = re.compile(rf"\b(?:{_any('verdicts_on_claims')})\b", re.I)
_VERDICT_CUE_VERB = re.compile(
    r"(?:called|calls|branded|brands|described|describes|termed|terms|labelled|labeled)$", re.I
)
# "The firm said it 'strongly refutes' the allegations": the speaker's own verb of denial
# opens what it says.
# Only of something said or done ("refutes the allegations", "denied that", "denies taking"):
# "said it rejected the offer" turns an offer down.
_SELF_DENIAL = re.compile(
    rf"^\W*(?:it|they|he|she|we|i)\s+[\"“']?(?:(?:{_any('denial_adverbs')})\s+)?"
    rf"(?:{DENIAL_VERBS})\b[\"”']?\s+(?:that\b|[a-z]+ing\b|(?:(?:the|these|those|such|any|all|"
    rf"its|their|his|her)\s+)?(?:[\w’'-]+\s+){{0,2}}?(?:{_any('statement_nouns')}|wrongdoing)\b)",
    re.I,
)
# "insisted it had done nothing wrong", "there was no wrongdoing": a denial of any fault.
_NO_FAULT = re.compile(
    r"^[^,;:]*?\b(?:done|did|do|does|doing)\s+nothing\s+(?:wrong|illegal|improper|unlawful)\b"
    r"|^[^,;:]*?\bno\s+(?:wrongdoing|wrong-doing)\b",
    re.I,
)
# "questioned whether the contract had been tendered": a doubt.
_WHETHER = re.compile(r"^\W*whether\b", re.I)


# A verb of saying before the negation puts it in a reported clause of the sentence's own
# ("Two-thirds of respondents said they would not travel"): the sentence reports a survey.
_SAYING = re.compile(rf"\b(?:{alternation(load_lexicon().say)})\b", re.I)


# Every rule of _WORD_RULES needs one of these (lower case) in ASCII text: _FALSE_PREDICATE a
# copula ("is", "was", "are", "were", "be"), the others a negation ("no", "not", "n't",
# "never"); _VERDICT needs the first word of a verdict. A sentence without them, such as a
# line of figures ("$1$1...", "1 to 1 to ..."), is not searched by those rules: their
# "^[^,;:]*?" scans and searches walked every such sentence whole, a fifth of the cost of
# a line of figures (issue 9 item 3). tests/extraction/test_stance.py checks each gate
# against its rules.
_WORD_RULE_NEEDS = ("is", "was", "are", "were", "be", "no", "n't", "never")
_VERDICT_NEEDS = tuple({verdict.split()[0].lower() for verdict in _WORDS["verdicts"]})


_MAIN_CLAUSE_RULES = (_NEGATED_FUTURE, _NEVER, _NO_TRUTH, _NO_OBJECT, _NO_PART, _NEGATED_PAST)
# The rules skipped when _may_hold says none of _WORD_RULE_NEEDS is there.
_WORD_RULES = (_FALSE_PREDICATE, _NEGATED_COPULA, *_MAIN_CLAUSE_RULES)


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when ``text`` holds none of ``words`` (lower case), in any case: then no
    rule that needs one of them can match (a speed gate)."""
    if text.isascii():
        lowered = text.lower()
        return any(word in lowered for word in words)
    # Outside ASCII, the words are looked for as the rules match them: case-blind ("ſ" is
    # "s", "ı" is "i") and with either apostrophe. Every such text went through every rule,
    # and a line of figures with a "€" or a "°" in it was searched by each, sentence by
    # sentence (issue 9 item 3).
    return _needs_pattern(words).search(text) is not None


@lru_cache(maxsize=4)
def _needs_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """``words`` as one case-blind pattern, an apostrophe in them either "'" or "’"."""
    spelled = (re.escape(word).replace("'", "['’]") for word in words)
    return guarded(re.compile("|".join(spelled), re.IGNORECASE))


def _in_main_clause(rule: re.Pattern[str], text: str) -> bool:
    found = rule.search(text)
    return found is not None and not _SAYING.search(text, 0, found.end())


def stance_of(content: str, verb: str | None = None) -> str:
    """``"denies"``, ``"questions"`` or ``"asserts"`` for ``content`` reported with ``verb``.

    ``content`` is what the speaker is reported to say; ``verb`` is the cue's verb of saying
    ("said", "denied", "asked"), or ``None`` for an unattributed sentence.
    """
    if verb == RETRACTED or (verb and _DENIAL_VERB.fullmatch(verb.strip())):
        return "denies"
    stripped = content.strip().strip("\"“”'‘’ ,")
    words = stripped.split()
    short = len(words) <= _SHORT_VERDICT_WORDS or _THAT_IS.match(stripped)
    if short and _may_hold(stripped, _VERDICT_NEEDS) and _VERDICT.search(stripped):
        return "denies"
    if verb and _VERDICT_CUE_VERB.match(verb.strip()) and _VERDICT_ON_CLAIM.search(stripped):
        return "denies"
    # (read near the start: a fault denied is said early, and a long run-on line is not
    # scanned again for it)
    if verb and (_SELF_DENIAL.match(stripped) or _NO_FAULT.search(stripped, 0, 240)):
        return "denies"
    worded = _may_hold(stripped, _WORD_RULE_NEEDS)
    if worded and (_FALSE_PREDICATE.search(stripped) or _NEGATED_COPULA.search(stripped)):
        return "denies"
    if _NEGATIVE_OPENER.match(stripped):
        return "denies"
    if verb and _NOBODY_SUBJECT.match(stripped):
        return "denies"
    if verb and _WHETHER.match(stripped):
        return "questions"
    if worded and any(_in_main_clause(rule, stripped) for rule in _MAIN_CLAUSE_RULES):
        return "denies"
    if stripped.endswith("?") or content.rstrip().rstrip("\"”’' ,.").endswith("?"):
        return "questions"
    return "asserts"


def is_anaphoric_denial(content: str) -> bool:
    """Whether a denial refers back to an earlier claim instead of restating it."""
    stripped = content.strip().strip("\"“”'‘’ ,")
    if not stripped or ANAPHORIC_OBJECT.match(stripped) or _THAT_IS.match(stripped):
        return True
    return len(stripped.split()) <= 3
