# ruff: noqa: E501  (word classes read better on one line)
"""The template language of the warning-sign paraphrases (:mod:`~twitchwise.intake.warning_signs`).

Words separated by spaces, where ``{name}`` is a word class of :data:`WORDS` (already
inflected: "droop", "droops", "drooped", "drooping", "droopy"), ``{name?}`` the same class,
optional; ``…`` a gap of up to three words; any other word (or parenthesised group) a
regular expression, in which an apostrophe may be left out or curly. Words may be
separated by spaces, a comma or a hyphen.
"""

from __future__ import annotations

import re

#: Word classes, inflections included (spaCy's blank English model has no lemmatizer).
WORDS: dict[str, str] = {
    "poss": r"(?:my|his|her|their|the|your|our|one|this|that|a|an)",
    "be": r"(?:is|are|was|were|'s|’s|has|have|had|been|keeps?|kept|has been|have been|had been|got|gets|get|getting|has gone|have gone|had gone|went|gone|goes|go|going|looks?|looked|looking|seems?|seemed|feels?|felt|became|become|becoming|turned|turning|started|starting|kind of|a bit|all|really|very|so|suddenly|just)",
    "cant": r"(?:can['’]?t|cannot|can not|couldn['’]?t|could not|unable to|not able to|struggl(?:e|es|ed|ing) to|having trouble|had trouble|trouble|hard to|difficult to|won['’]?t|wouldn['’]?t|doesn['’]?t|does not|didn['’]?t|did not|don['’]?t|do not|isn['’]?t|wasn['’]?t)",
    "face": r"(?:face|mouth|smile|cheek|lips?|side of (?:my|his|her|their|the) face|corner of (?:my|his|her|their|the) mouth)",
    "droop": r"(?:droop(?:s|ed|ing|y|ey)?|sag(?:s|ged|ging|gy)?|dropp(?:ed|ing)|drops?|slump(?:s|ed|ing)?|lopsided|crooked|uneven|fallen|fell|hanging|slack|slid(?:e|ing)? down|pulled down|lower)",
    "speech": r"(?:speech|words|voice|talking|speaking|sentences)",
    "jumbled": r"(?:jumbled|muddled|garbled|mixed up|scrambled|slurr(?:y|ed|ing)|slow and thick|thick|wrong|funny|strange|weird|gibberish|nonsense|all wrong|not right|drunk|like (?:he|she|i|they)(?:['’]?s| was| were| am| is)? drunk)",
    "talk": r"(?:talk|speak|say|get (?:my|his|her|the|their) words out|get words out|find (?:my|his|her|the|their) words|find the right words|form words|form (?:a )?sentences?|make sense)",
    "properly": r"(?:properly|right|clearly|normally|at all|very well|well|straight)",
    "arm": r"(?:arm|hand|leg|arms|legs|side|one side|left side|right side|half of (?:my|his|her|the) body)",
    "heavy": r"(?:heavy|dead|floppy|limp|numb and weak|useless|gave way|gives way|giving way|went dead|gone dead|flopped|flops|dropped|weak)",
    "swallow": r"(?:swallow(?:s|ed|ing)?|get (?:(?:my|his|her|their|the|any) )?(?:food|drinks?|water|it|pills?|tablets?|medicines?|anything) down|keep (?:food|drinks?|water|anything|fluids) down|gulp)",
    "choke": r"(?:chok(?:e|es|ed|ing)|gag(?:s|ged|ging)?|splutter(?:s|ed|ing)?|cough(?:s|ed|ing)? and splutter(?:s|ed|ing)?)",
    "food": r"(?:food|drinks?|water|liquids?|fluids?|pills?|tablets?|spit|saliva|dinner|meals?|eating|drinking|every mouthful)",
    "breath": r"(?:breath|breathe|breathing|air)",
    "breathing": r"(?:breathing|breaths?)",
    "fast": r"(?:fast|rapid|quick|noisy|laboured|labored|shallow|raspy|rattly|rattling|grunting|weird|funny|strange|odd)",
    "urine": r"(?:pee|wee|urine|piss|wees|pees|weeing|peeing|urinating|water)",
    "dark": r"(?:dark|darker|brown|brownish|red|reddish|red-brown|orange|black|the colou?r of|colou?red like|looks? like|like)",
    "drink": r"(?:strong tea|black tea|builder['’]?s tea|tea|cola|coke|coca[- ]cola|pepsi|coffee|black coffee|guinness|marmite|gravy|whisky|brandy|port|rust)",
    "pee_verb": r"(?:pee(?:d|ing)?|wee(?:d|ing)?|urinat(?:ed|ing)|pass(?:ed)? (?:any )?(?:urine|water)|been to the toilet|had a wee|had a pee|done a wee|done a pee|wet (?:a|his|her|their|the) (?:nappy|nappies|diaper|diapers))",
    "time_since": r"(?:all day|since (?:this morning|yesterday|last night|lunch|breakfast)|for (?:hours|a day|ages|over \w+ hours|\d+ hours|twelve hours|12 hours|the whole day)|in (?:hours|ages|a day|\d+ hours|twelve hours|12 hours|over \w+ hours)|today)",
    "numb": r"(?:numb|numbness|no feeling|lost (?:the )?feeling|can['’]?t feel (?:anything|a thing)|tingly|tingling|dead|pins and needles)",
    "down_below": r"(?:between (?:my|his|her|their) legs|down below|down there|(?:my|his|her|their|the) (?:bum|bottom|backside|back passage|anus|genitals|privates|groin|crotch|inner thighs|vagina|penis|perineum|saddle area)|around (?:my|his|her|their|the) (?:bum|bottom|back passage|anus|genitals|privates|groin|crotch)|saddle area)",
    "bladder": r"(?:bladder|bowels?|waterworks)",
    "need_wee": r"(?:need(?:ed|s)? (?:a|to) (?:wee|pee|poo|go)|need(?:ed|s)? the toilet|wanted to (?:wee|pee)|was (?:weeing|peeing))",
    "confused": r"(?:confused|disorient(?:ed|ated)|muddled|befuddled|dazed|delirious|not with it|out of it|away with the fairies|not himself|not herself|not themselves|not making (?:any )?sense)",
    "know": r"(?:know|knows|knew|recogni[sz]e|recogni[sz]es|recogni[sz]ed|remember|remembers|remembered)",
    "where": r"(?:where (?:he|she|i|they) (?:is|was|am|are|were)|what day it is|what day it was|who i am|who (?:i|we) (?:am|are|was|were)|(?:me|us|his|her|their|my) (?:own )?(?:wife|husband|kids|children|family|mum|dad|mom|name)|what (?:year|month) it is)",
    "seeing": r"(?:see(?:s|ing)?|saw|hear(?:s|ing)?|heard|talk(?:s|ing)? to|speak(?:s|ing)? to|picking at|grabbing at|reaching for)",
    "creatures": r"(?:insects|bugs|spiders|ants|beetles|worms|snakes|mice|rats|animals|people|faces|children|kids|men|someone|shadows|things|creatures|a man|a woman|voices)",
    "not_there": r"(?:that (?:are|is|were|was)n['’]?t there|who (?:are|is|were|was)n['’]?t there|that aren['’]?t real|that (?:no one|nobody) else (?:can|could) see|on the (?:wall|walls|ceiling|floor|bed|carpet)|in the (?:room|corner|curtains)|crawling (?:on|over|under) (?:him|her|me|them|his|my|their) (?:skin|body|arms|legs)|under (?:his|her|my|their) skin)",
    "hot": r"(?:burning hot|roasting hot|red hot|hot to (?:the )?touch|burning up|hot and shivery|shivery and hot|clammy and hot)",
    "temp": r"(?:temp|temperature|fever|fevers)",
    "degrees": r"(?:3[89](?:[.,]\d)?|4[01](?:[.,]\d)?|10[0-5](?:[.,]\d)?)\s*(?:°|degrees|deg|c|f|celsius|fahrenheit)?",
    "neck": r"(?:neck)",
    "bend": r"(?:bend|move|turn|tilt|put|touch|bring|lower|nod)",
    "chin": r"(?:chin (?:to|on|onto|down to) (?:my|his|her|their|the) chest|head forward|head down|chin down|head)",
    "rash": r"(?:rash|spots|marks|dots|blotches|bruises|patches|pinpricks|freckles|speckles)",
    "fade": r"(?:fade|fades|faded|disappear|disappears|go away|goes away|went away|go pale|goes pale|turn white|turns white|blanch|blanches|vanish|vanishes|change)",
    "glass": r"(?:glass|tumbler|cup|finger|pressed|press|pressing|pushed|push)",
    "purple": r"(?:purple|purplish|dark red|red-purple|bruise-like|bruisy|like bruises|like tiny bruises|pinprick|pin-prick|blotchy)",
    "calf": r"(?:calf|leg|ankle|lower leg|shin|thigh|calves)",
    "swollen": r"(?:swollen|swelled(?: up)?|swelling|swell|puffy|puffed up|bigger|fatter|thicker|tight and shiny)",
    "sore": r"(?:sore|painful|tender|hurts?|aching|achy|throbbing|hot|warm|red|heavy)",
    "stiff": r"(?:stiff|stiffened|stiffening|rigid|tense|tensed up|went tight|locked)",
    "jerking": r"(?:jerk(?:s|ed|ing|y)?|shak(?:e|es|ing)|shook|shuddering|juddering|thrash(?:es|ed|ing)?|twitching|convuls(?:e|es|ed|ing)|jolting|flailing|banging)",
    "limbs": r"(?:arms and legs|legs and arms|arms|legs|limbs|body|whole body|all over|all four limbs)",
    "eyes_back": r"(?:eyes (?:rolled|rolling|roll|went|turned|flicked|rolled up|fixed|staring)(?: back| up| upwards| into (?:his|her|my|their) head)?|eyes (?:were )?rolling|staring blankly|staring into space)",
    "wake": r"(?:wake(?: up)?|wakes(?: up)?|waking(?: up)?|woken(?: up)?|rouse|roused|come round|come to|respond(?:ing)?|answer(?:ing)?)",
    "someone": r"(?:him|her|them|my (?:son|daughter|baby|husband|wife|partner|dad|mum|mom|nan|grandad|child|boy|girl)|(?:the|my) baby|it)",
    "passed_out": r"(?:passing out|pass(?:es)? out|blacking out|blacks? out|fainting|faints|blacked out|fainted|keeled over|collapsed|went down|dropped to the floor|fell to the floor|hit the floor|lost consciousness|knocked out|out cold|went limp|went floppy|flopped)",
    "clusters": r"(?:clusters?|runs?|bursts?|series|bouts?|strings?|batches|volleys|rows?|groups?)",
    "spasms": r"(?:spasms?|jerks?|jolts?|crunches|startles?|twitches|movements|jumps|head drops|nods)",
    "regress": r"(?:stopped|stopping|no longer|lost|losing|forgotten how to|forgot how to)",
    "skills": r"(?:smil(?:e|es|ing)|babbl(?:e|es|ing)|coo(?:s|ing)?|roll(?:s|ing)? over|rolling|sit(?:s|ting)?(?: up)?|crawl(?:s|ing)?|reach(?:es|ing)? for (?:things|toys)|hold(?:s|ing)? (?:his|her|their) head up|laugh(?:s|ing)?|watch(?:es|ing)? (?:me|us|faces)|mak(?:e|es|ing) eye contact|eye contact|skills|words|milestones)",
    "eyelid": r"(?:eyelid|eye lid|lid|eyelids|eye lids|lids|eye)",
    "clammy": r"(?:clammy|cold and sweaty|cold sweat|cold sweats|sweaty and cold|pale and sweaty|grey and sweaty|cold to (?:the )?touch|icy cold|freezing cold|cold and pale|pale and cold|mottled|blotchy|blue-ish|bluish|grey|gray|ashen|deathly pale|white as a sheet|grey-blue)",
    "skin": r"(?:skin|hands|feet|hands and feet|fingers|toes|legs|lips|face|body|he|she|they|i)",
    "shiver": r"(?:shiver(?:s|ed|ing|y)?|shak(?:e|es|ing) (?:with|from) (?:cold|the cold|fever|chills)|teeth (?:are |were )?chattering|chattering teeth|chills)",
    "uncontrollably": r"(?:uncontrollably|violently|can['’]?t stop|couldn['’]?t stop|won['’]?t stop|non-stop|nonstop|so (?:hard|badly|much)|really badly|from head to toe|all over|under (?:a|the|three|four|two) (?:duvets?|blankets?|covers))",
    "jaw": r"(?:jaw|mouth|teeth)",
    "open": r"(?:open|opens|unclench|move|get (?:a|my|his|her) (?:fork|spoon|finger|toothbrush) in)",
}

_SEP = r"(?:\s*[,-]\s*|\s+)"
WORDS["be"] = rf"(?:{WORDS['be']}(?:\s+{WORDS['be']}){{0,2}})"
_GAP = r"(?:" + _SEP + r"[\w'’-]+){0,3}"
_APOSTROPHE = re.compile(r"(?<!\[)'(?!’\])")
_MACRO = re.compile(r"\{(\w+)(\?)?\}")


def _tokens(template: str) -> list[str]:
    """Split at spaces outside parentheses ("(?:a )?tea" stays one token)."""
    tokens, depth, current = [], 0, ""
    for ch in template:
        depth += ch == "("
        depth -= ch == ")"
        if ch == " " and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    if depth != 0:
        raise ValueError(f"paraphrase {template!r} has unbalanced parentheses")
    tokens = [*tokens, current] if current else tokens
    # "(?:a|the)? ?word": the " ?" of an optional group is the separator's business
    return [tok[1:] if tok.startswith("?") and len(tok) > 1 else tok for tok in tokens if tok != "?"]


def _one_group(token: str) -> bool:
    """Whether the token is a single parenthesised group ("(?:a|b)")."""
    depth = 0
    for i, ch in enumerate(token):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i == len(token) - 1
    return False


def compile_template(template: str) -> str:
    """One paraphrase template as a regular expression (see the module docstring)."""
    out = ""
    need_sep = False
    for token in _tokens(template):
        if token == "…":
            out += _GAP
            continue
        m = _MACRO.fullmatch(token)
        if m:
            if m.group(1) not in WORDS:
                raise ValueError(f"paraphrase {template!r} names an unknown word class {m.group(1)!r}")
            rx, optional = WORDS[m.group(1)], bool(m.group(2))
        else:
            optional = token.endswith(")?") and _one_group(token[:-1])
            raw = token[:-1] if optional else token
            rx = _APOSTROPHE.sub("['’]?", raw).replace(" ", r"\s+")
            rx = _MACRO.sub(lambda w: f"(?:{WORDS[w.group(1)]})", rx)  # a word class inside a group
        if not need_sep:
            # the first word(s): an optional one carries its own separator
            out += f"(?:(?:{rx}){_SEP})?" if optional else f"(?:{rx})"
            need_sep = not optional
        else:
            out += f"(?:{_SEP}(?:{rx}))?" if optional else f"{_SEP}(?:{rx})"
    return out
