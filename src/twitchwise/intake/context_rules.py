"""ConText modifier rules of the intake: negation, hedging, fears and questions, family.

medspaCy's ConText marks a target phrase as modified when it falls in a modifier's
scope (the rest of the sentence in the modifier's direction, cut at ``max_scope``
tokens or at a TERMINATE phrase). The rules are written for how lay people write
about themselves ("I don't feel numb", "my dad had ALS", "I'm scared it's MS"),
not for clinical notes, so medspaCy's default (clinical) rule file is not loaded.
"""

from __future__ import annotations

from typing import Any

from twitchwise.intake.deferred_imports import defer_nltk

defer_nltk()  # before medspaCy: it imports NLTK (and SciPy) eagerly, which the intake never uses

from medspacy.context import ConTextRule  # noqa: E402  (must follow defer_nltk)

NEGATED = "NEGATED_EXISTENCE"
POSSIBLE = "POSSIBLE_EXISTENCE"
HYPOTHETICAL = "HYPOTHETICAL"
FAMILY = "FAMILY"
TERMINATE = "TERMINATE"
#: Someone who is neither the person nor a blood relative ("my friend", "a colleague").
OTHER = "OTHER_PERSON"
#: What someone else thinks or said it is ("the GP thinks it's a tic").
REPORTED = "REPORTED"
#: The vehicle of a comparison ("my calf feels like it's on fire").
SIMILE = "SIMILE"
PSEUDO = "PSEUDO"

#: Blood relatives: what they have is family history, not the person's finding.
RELATIVES: tuple[str, ...] = (
    "mum", "mom", "mother", "mam", "dad", "father", "brother", "sister", "son", "daughter",
    "aunt", "auntie", "aunty", "uncle", "nan", "nana", "nanna", "gran", "granny", "grandma",
    "grandmother", "grandad", "granddad", "grandpa", "grandfather", "grandparents", "parents",
    "parent", "cousin", "sibling", "siblings", "niece", "nephew", "twin", "brothers", "sisters",
    "grandmum", "stepdad", "stepmum",
)  # fmt: skip
#: People who report what they see; they are not family history.
OBSERVERS: tuple[str, ...] = (
    "husband",
    "wife",
    "partner",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "flatmate",
    "friend",
    "spouse",
)

_NEG_WORDS = (
    "no", "not", "without", "never", "nor", "none", "nothing", "nobody", "neither", "denies",
    "n't", "dont", "doesnt", "didnt", "cant", "cannot", "wont", "isnt", "arent", "havent",
    "hasnt", "wasnt", "werent", "aint", "hardly", "nt",
)  # fmt: skip
_NEG_PHRASES = (
    "no one",
    "free of",
    "no sign of",
    "no signs of",
    "no longer",
    "not any",
    "not a",
    "ruled out",
    "negative for",
    "zero",
)
_BACKWARD_NEG = (
    "is fine", "are fine", "is normal", "are normal", "feels normal", "feel normal", "is ok",
    "are ok", "is okay", "are okay", "was normal", "were normal", "came back normal",
    "is fine otherwise", "are fine otherwise", "not present", "is not an issue", "isn't a problem",
    "is good", "are good", "is all fine", "seems fine", "seem fine", "looks fine", "look fine",
)  # fmt: skip
_PSEUDO = (
    "not just", "not only", "no doubt", "no matter", "not sure why", "nothing else", "no idea why",
    "not long", "no better no worse", "not until", "no reason",
)  # fmt: skip
_POSSIBLE = (
    "maybe", "might", "possibly", "perhaps", "probably", "not sure", "i think", "i guess",
    "could be", "may be", "sort of", "kind of", "kinda", "a little bit", "slightly", "unsure",
)  # fmt: skip
#: Not the person and not family: what they have is neither a finding nor family history.
OTHERS: tuple[str, ...] = (
    "friend", "friends", "colleague", "colleagues", "coworker", "co-worker", "workmate", "neighbour",
    "neighbor", "boss", "classmate", "teammate", "flatmate", "roommate", "housemate", "patient",
    "client", "stranger", "acquaintance",
)  # fmt: skip
_REPORTED = (
    "said it's", "said it was", "says it's", "said its", "says its", "thinks it's", "thinks its",
    "thought it was", "thinks it is", "think it's", "reckons it's", "reckoned it was", "told me it's",
    "told me it was", "told us it's", "told us it was", "said it might be", "said it could be",
    "says it might be", "thinks it might be", "think it might be", "said it is", "diagnosed it as",
    "put it down to", "called it", "calls it", "said it sounds like", "suspects", "suspected",
    "said it's probably", "said it's just", "thinks it's just", "said they think it's",
)  # fmt: skip
_SIMILE = (
    "like", "like a", "like an", "as if", "as though", "similar to", "reminds me of", "like it's",
    "like its", "like it is", "like i'm", "like im", "like i am", "as if it's", "as if i'm", "as if i was",
    "as though it's", "as though i'm", "like he's", "like she's", "like i was", "like it was",
)  # fmt: skip
#: "looks like" is a hedge about what is seen, "feels like I can't breathe" is the complaint itself.
_NOT_SIMILE = (
    "looks like", "looked like", "look like", "seems like", "seemed like", "feel like i can't",
    "feels like i can't", "felt like i couldn't", "like i can't", "like i couldn't", "like he can't",
    "like she can't", "like he couldn't", "like she couldn't", "like they can't", "i'd like",
    "would like", "like this", "like that", "things like", "stuff like", "like before",
    "like normal", "like usual",
)  # fmt: skip
_HYPOTHETICAL = (
    "worried i'll", "worried i will", "worried i might", "worried it might", "worried it could",
    "worried it will", "worried it'll", "worried he'll", "worried she'll", "worried that i might",
    "call 999 if", "call an ambulance if", "go to a&e if", "go to the er if", "seek help if",
    "get help if", "look out for", "watch out for", "watch for", "signs to look for", "told to watch",
    "warned me about", "if it ever", "if i ever", "if he ever", "if she ever", "should i worry about",
    "leaflet says", "the leaflet", "nhs website says", "in the future", "might develop",
    "could develop", "what happens if",
    "scared", "afraid", "terrified", "frightened", "fear", "fears", "what if", "could it be",
    "could this be", "is it", "is this", "sign of", "signs of", "symptom of", "symptoms of",
    "rule out", "in case", "googled", "google says", "read online", "read that", "dr google",
    "if i get", "if i have", "if it's", "would it be", "convinced i have", "convinced it's",
    "paranoid", "tested for", "checked for", "screened for", "wondering if", "does this mean",
    "want to know if", "want to rule out", "could i have", "do i have",
)  # fmt: skip
_FAMILY_BACKWARD = ("runs in the family", "runs in my family", "family history")
NEGATED_FAMILY = (
    "nobody in my family",
    "no one in my family",
    "nobody in the family",
    "no one in the family",
    "no family history of",
    "no family history",
)
_FAMILY_BOTH = (
    "in the family",
    "in my family",
    "in our family",
    "anyone in my family",
    "anyone in the family",
    "nobody in my family",
    "no one in my family",
    "family members",
    "relatives",
)
_TERMINATORS = (
    "but", "however", "although", "though", "except", "apart from", "yet", "whereas", "which",
    "because", "so", "then", "i", "i'm", "im", "he", "she", "it's", "its", "they", "we", ";",
    "whilst", "while", "now", "unless", "aside from", "other than",
)  # fmt: skip
#: Words that open a new clause after "and", "or" or a comma: a negation or hedge before
#: them does not reach past ("I can't lift it, getting worse"; "it doesn't close, the
#: twitch doesn't spread").
_AND_THEN = (
    "i", "it", "he", "she", "they", "now", "then", "we", "you", "sometimes", "the", "getting",
    "especially", "worse", "since", "started", "which", "lasts", "lasting", "happens", "mostly",
)  # fmt: skip


def _rules_of(phrases: tuple[str, ...], category: str, direction: str, max_scope: int | None) -> list[ConTextRule]:
    return [
        ConTextRule(p, category, direction=direction, max_scope=max_scope, terminated_by={TERMINATE}) for p in phrases
    ]


def context_rules() -> list[ConTextRule]:
    """All ConText rules of the intake (negation, possible, hypothetical, family, terminators).

    Returns
    -------
    list of ConTextRule
        Categories: ``NEGATED_EXISTENCE``, ``POSSIBLE_EXISTENCE``, ``HYPOTHETICAL``,
        ``FAMILY`` (forward from "my dad", backward from "runs in the family"),
        ``PSEUDO`` (phrases that look like a negation but are not, e.g. "not just")
        and ``TERMINATE`` (words that end a scope, e.g. "but", "I").
    """
    rules: list[ConTextRule] = []
    rules += _rules_of(tuple(w for w in _NEG_WORDS if " " not in w), NEGATED, "FORWARD", 8)
    rules += _rules_of(_NEG_PHRASES, NEGATED, "FORWARD", 8)
    rules += _rules_of(_BACKWARD_NEG, NEGATED, "BACKWARD", 4)
    rules += _rules_of(_POSSIBLE, POSSIBLE, "FORWARD", 6)
    rules += _rules_of(_HYPOTHETICAL, HYPOTHETICAL, "FORWARD", 10)
    rules += [ConTextRule(p, PSEUDO, direction="PSEUDO") for p in _PSEUDO]
    rules += [ConTextRule(p, PSEUDO, direction="PSEUDO") for p in _NOT_SIMILE]
    rules += _rules_of(("looks like", "looked like", "look like", "seems like", "seemed like"), POSSIBLE, "FORWARD", 6)
    rules += _rules_of(_REPORTED, REPORTED, "FORWARD", 8)
    rules += _rules_of(_SIMILE, SIMILE, "FORWARD", 6)
    # "my friend's face drooped", "a colleague had a fit", "a friend of my dad's": not the person, not family.
    rules.append(
        ConTextRule(
            "my friend",
            OTHER,
            pattern=[
                {"LOWER": {"IN": ["my", "a", "our", "his", "her", "their", "the", "this", "one"]}},
                {"LOWER": {"IN": ["old", "best", "close", "work", "school", "good", "new"]}, "OP": "?"},
                {"LOWER": {"IN": list(OTHERS)}},
                {"LOWER": {"IN": ["'s", "of"]}, "OP": "?"},
                {"LOWER": {"IN": ["my", "a", "our", "his", "her", "their", "the"]}, "OP": "?"},
                {"LOWER": {"IN": list(RELATIVES)}, "OP": "?"},
                {"LOWER": "'s", "OP": "?"},
            ],
            direction="FORWARD",
            max_scope=10,
            terminated_by={TERMINATE},
        )
    )
    family_pattern: list[dict[str, Any]] = [
        {"LOWER": {"IN": ["my", "our", "his", "her", "their", "a", "the"]}},
        {"LOWER": {"IN": list(RELATIVES)}},
    ]
    rules.append(
        ConTextRule(
            "my relative", FAMILY, pattern=family_pattern, direction="FORWARD", max_scope=8, terminated_by={TERMINATE}
        )
    )
    rules.append(
        ConTextRule(
            "relative's",
            FAMILY,
            pattern=[{"LOWER": {"IN": list(RELATIVES)}}, {"LOWER": "'s"}],
            direction="FORWARD",
            max_scope=6,
            terminated_by={TERMINATE},
        )
    )
    # "dad has the same", "mum had a tremor": a relative with no "my" at the start of a clause.
    rules.append(
        ConTextRule(
            "relative has",
            FAMILY,
            pattern=[
                {"LOWER": {"IN": list(RELATIVES)}},
                {"LOWER": {"IN": ["has", "had", "have", "gets", "got", "also"]}},
            ],
            direction="FORWARD",
            max_scope=6,
            terminated_by={TERMINATE},
        )
    )
    rules += _rules_of(
        ("family history of", "relatives with", "relative with", "family members with", "family has", "family have"),
        FAMILY,
        "FORWARD",
        8,
    )
    rules += _rules_of(_FAMILY_BACKWARD, FAMILY, "BACKWARD", 6)
    rules += _rules_of(_FAMILY_BOTH, FAMILY, "BIDIRECTIONAL", 6)
    # "Nobody in my family shakes" is a family modifier and a negation at once:
    # the parser reads a FAMILY modifier that starts with "no"/"nobody" as negated.
    rules += _rules_of(NEGATED_FAMILY, FAMILY, "FORWARD", 8)
    # A terminator's own scope must be short: medspaCy only lets it cut scopes it overlaps.
    rules += [ConTextRule(t, TERMINATE, direction="TERMINATE", max_scope=1) for t in _TERMINATORS]
    rules.append(
        ConTextRule(
            "and <new clause>",
            TERMINATE,
            pattern=[{"LOWER": {"IN": ["and", ",", "or"]}}, {"LOWER": {"IN": list(_AND_THEN)}}],
            direction="TERMINATE",
            max_scope=1,
        )
    )
    rules.append(
        ConTextRule(
            ", <number>",
            TERMINATE,
            pattern=[{"LOWER": {"IN": [",", "and"]}}, {"LIKE_NUM": True}],
            direction="TERMINATE",
            max_scope=1,
        )
    )
    rules.append(
        ConTextRule(
            "and my <not a relative>",
            TERMINATE,
            pattern=[{"LOWER": {"IN": ["and", ",", "or"]}}, {"LOWER": "my"}, {"LOWER": {"NOT_IN": list(RELATIVES)}}],
            direction="TERMINATE",
            max_scope=1,
        )
    )
    return rules
