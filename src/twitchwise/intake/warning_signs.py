# ruff: noqa: E501  (word classes and paraphrases read better on one line)
"""Paraphrase sets for the findings that can make a result urgent or an emergency.

Written from patient-facing guidance (NHS "when to call 999", stroke FAST, sepsis,
meningitis, cauda equina, seizure first aid, DVT, rhabdomyolysis, infantile spasms), in
British and American wording, never from the vignettes. Each paraphrase is a small
template: words separated by spaces, where

* ``{name}`` is a word class of :data:`WORDS` (already inflected: "droop", "droops",
  "drooped", "drooping", "droopy"), ``{name?}`` the same class, optional;
* ``…`` is a gap of up to three words ("face *on the right* looked droopy");
* any other word is a regular expression (an apostrophe may be left out or curly).

Words may be separated by spaces, a comma or a hyphen. All templates of a finding are
compiled into one regular expression (:func:`compiled_paraphrases`); the intake pipeline
adds each match as a target span, so ConText negation, hedging, fears and family apply
as to any lay phrase.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Word classes, inflections included (spaCy's blank English model has no lemmatizer).
WORDS: dict[str, str] = {
    "poss": r"(?:my|his|her|their|the|your|our|one|this|that|a|an)",
    "be": r"(?:is|are|was|were|'s|’s|has|have|had|been|has been|have been|had been|got|gets|get|getting|has gone|have gone|had gone|went|gone|goes|go|going|looks?|looked|looking|seems?|seemed|feels?|felt|became|become|becoming|turned|turning|started|starting|kind of|a bit|all|really|very|so|suddenly|just)",
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
    "confused": r"(?:confused|disorient(?:ed|ated)|muddled|befuddled|dazed|delirious|not with it|out of it|away with the fairies|all over the place|not himself|not herself|not themselves|not making (?:any )?sense)",
    "know": r"(?:know|knows|knew|recogni[sz]e|recogni[sz]es|recogni[sz]ed|remember|remembers|remembered)",
    "where": r"(?:where (?:he|she|i|they) (?:is|was|am|are|were)|what day it is|what day it was|who i am|who (?:i|we) (?:am|are|was|were)|(?:me|us|his|her|their|my) (?:own )?(?:wife|husband|kids|children|family|mum|dad|mom|name)|what (?:year|month) it is)",
    "seeing": r"(?:see(?:s|ing)?|saw|hear(?:s|ing)?|heard|talk(?:s|ing)? to|speak(?:s|ing)? to|picking at|grabbing at|reaching for)",
    "creatures": r"(?:insects|bugs|spiders|ants|beetles|worms|snakes|mice|rats|animals|people|faces|children|kids|men|someone|shadows|things|creatures|a man|a woman|voices)",
    "not_there": r"(?:that (?:are|is|were|was)n['’]?t there|who (?:are|is|were|was)n['’]?t there|that aren['’]?t real|that (?:no one|nobody) else (?:can|could) see|on the (?:wall|walls|ceiling|floor|bed|carpet)|in the (?:room|corner|curtains)|crawling (?:on|over|under) (?:him|her|me|them|his|my|their) (?:skin|body|arms|legs)|under (?:his|her|my|their) skin)",
    "hot": r"(?:burning hot|boiling hot|boiling|roasting|red hot|hot to (?:the )?touch|really hot|very hot|so hot|burning up|on fire|hot and shivery|hot and cold|shivery and hot|clammy and hot)",
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
    "passed_out": r"(?:passed out|blacked out|fainted|keeled over|collapsed|went down|dropped to the floor|fell to the floor|hit the floor|lost consciousness|knocked out|out cold|went limp|went floppy|flopped)",
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

#: Paraphrases per finding id. At least 15 each (``tests/intake/test_warning_sign_paraphrases.py``).
PARAPHRASES: dict[str, tuple[str, ...]] = {
    "symptoms:facial_droop": (
        "{face} {be?} {be?} {droop}",
        "{face} … {be} {droop}",
        "{droop} {face}",
        "{droop} on one side",
        "{face} {be?} {be?} {droop} on one side",
        "one side of {poss?} face {be?} {be?} (?:{droop}|numb|weak|not moving|won['’]?t move|frozen)",
        "{cant} smile (?:properly|on one side|evenly|straight)",
        "smile {be?} {be?} (?:lopsided|crooked|uneven|wonky|off|not straight|on one side)",
        "(?:lopsided|crooked|wonky|uneven) (?:smile|face|mouth)",
        "face {be?} {be?} (?:wonky|lopsided|crooked|uneven|fallen|frozen on one side|paralysed on one side|paralyzed on one side)",
        "mouth {be?} (?:pulled|pulling|twisted|gone) to one side",
        "drool(?:s|ed|ing)? out of (?:one|the) (?:side|corner) of (?:my|his|her|their) mouth",
        "(?:one|the) (?:side|corner) of (?:my|his|her|their) mouth {be?} {be?} {droop}",
        "(?:my|his|her|their) face {be?} gone (?:droopy|saggy|lopsided|slack)",
        "(?:my|his|her|their) face (?:fell|dropped|slipped)",
        "facial (?:droop|drooping|weakness|palsy)",
        "half (?:my|his|her|their|the) face {be?} {be?} (?:{droop}|numb|frozen|paralysed|paralyzed|not moving)",
    ),
    "symptoms:slurred_speech": (
        "{speech} {be?} {be?} {be?} {jumbled}",
        "{speech} … came out {jumbled}",
        "{speech} {be?} (?:came|come|coming|comes) out (?:{jumbled}|all wrong|wrong|the wrong way|in the wrong order)",
        "{cant} {talk} {properly?}",
        "{cant} {talk} {properly}",
        "(?:my|his|her|their) tongue {be?} {be?} (?:thick|heavy|swollen and heavy|too big|like it['’]?s too big|won['’]?t work|not working)",
        "slurr(?:ing|ed|s) (?:my|his|her|their) words",
        "(?:talking|speaking|sounds?|sounding) (?:like (?:he|she|i|they)['’]?(?:s|m|re)? drunk|drunk|gibberish|nonsense|funny|strange)",
        "talk(?:s|ed|ing)? (?:gibberish|nonsense|rubbish|double dutch)",
        "speech {be?} (?:gone|went|changed|off|strange|weird|slow)",
        "(?:trouble|difficulty|problems?) (?:speaking|talking|getting (?:my|his|her|their|the) words out|finding words|with (?:my|his|her|their) speech)",
        "(?:lost|losing) (?:my|his|her|their) (?:speech|words|voice)",
        "(?:mixing|mixes|mixed) up (?:my|his|her|their)? ?words",
        "(?:wrong|strange|odd) words (?:came|come|coming) out",
        "{cant} (?:understand|follow) what (?:i|he|she|they|people) (?:was|were|am|is|are) saying",
        "(?:words|speech) (?:were|was|are|is) (?:slow|thick|slurred|strange)",
    ),
    "symptoms:weakness": (
        "{arm} {be?} {be?} {be?} (?:heavy|dead|floppy|limp|useless|gave way|gives way|gone dead|went dead|flopped down|dropped down)",
        "{cant} (?:lift|raise|move|hold up|use) (?:my|his|her|their|one|the) (?:left |right )?(?:arm|arms|hand|leg|legs|side)",
        "{cant} (?:lift|raise|hold) (?:both )?(?:arms|hands) (?:up|above)",
        "(?:arm|hand|leg) (?:keeps )?(?:drifting|drifts|drifted|falling|falls|fell|flopping|flops|flopped) down",
        "(?:no|lost|losing) (?:the |all )?(?:power|strength|grip|control) in (?:my|his|her|their|one|the) (?:left |right )?(?:arm|arms|hand|hands|leg|legs|side)",
        "(?:arm|hand|leg|side) (?:just )?(?:won['’]?t|wouldn['’]?t|doesn['’]?t|didn['’]?t) (?:work|move|do what i want|respond|hold me up)",
        "(?:dropping|dropped|drop) (?:things|my cup|my phone|everything) (?:from|out of) (?:my|his|her|their) (?:left |right )?hand",
        "(?:left|right) side {be?} {be?} (?:weak|heavy|dead|floppy|numb and weak|useless)",
        "(?:weak|weaker|heavy) on (?:one|the left|the right|my left|my right|his left|his right|her left|her right) side",
        "(?:legs|leg) (?:gave|give|giving|keep giving|keeps giving) way",
        "(?:arm|leg) (?:feels|felt) like (?:a )?(?:dead weight|lead|it doesn['’]?t belong to me|someone else['’]?s)",
        "(?:suddenly|all of a sudden) (?:weak|weaker|went weak|gone weak)",
        "(?:weak|weakness) in (?:my|his|her|their|one) (?:left |right )?(?:arm|arms|hand|hands|leg|legs|face|side)",
        "(?:lost|losing) (?:the use of|use of) (?:my|his|her|their) (?:left |right )?(?:arm|hand|leg|side)",
        "(?:can['’]?t|cannot|couldn['’]?t) (?:stand|walk|get up) (?:up )?(?:without falling|properly|on my own|at all)",
        "(?:hard|harder|difficult|trouble|struggl(?:e|es|ed|ing)|can['’]?t|cannot|an effort) (?:and harder )?(?:to )?(?:climb(?:ing)?|get(?:ting)? up|stand(?:ing)? up|walk(?:ing)? up|lift(?:ing)?) (?:the |a |my )?(?:stairs|steps|hill|from (?:a|the|my) (?:low |soft |kitchen )?(?:chair|seat|sofa|toilet)|out of (?:a|the|my) (?:low |soft )?(?:chair|seat|sofa|bath)|(?:my )?arms (?:up|above))",
    ),
    "features:whole_body_convulsion": (
        "(?:went|goes|gone|go) {stiff} … {eyes_back} … {jerking}",
        "{stiff} … {eyes_back}",
        "went {stiff} and (?:then )?(?:started )?{jerking}",
        "{limbs} {be?} (?:were |was |started |kept )?{jerking} … (?:and )?(?:won['’]?t|wouldn['’]?t|didn['’]?t|couldn['’]?t|not) (?:respond|wake|answer|stop)",
        "{eyes_back} … {limbs} … {jerking}",
        "(?:arms and legs|legs and arms|whole body|all four limbs) (?:were |was |started |kept |are )?(?:jerking|shaking|thrashing|twitching|juddering|going)",
        "(?:had|having|has|have) (?:a|another|his first|her first|my first|some kind of|a sort of)? ?(?:fit|seizure|convulsion|episode of shaking|funny turn with shaking)",
        "(?:fit|fits|fitting|seizing|seizure|seizures|convulsing|convulsion|convulsions)",
        "(?:shaking|jerking|thrashing|juddering) (?:all over|uncontrollably|violently) (?:and|then|,)? ?(?:went|was|is|fell|dropped|collapsed|unresponsive|not responding|foaming|frothing)",
        "(?:foaming|frothing) at the mouth",
        "(?:on|fell to|dropped to|collapsed on) the floor (?:shaking|jerking|thrashing|fitting|twitching)",
        "(?:body|he|she|i) (?:went|was|goes) (?:rigid|stiff|tense) … (?:shook|shaking|jerking|jerked|thrashing)",
        "(?:rhythmic|violent|uncontrollable) (?:jerking|shaking) of (?:his|her|my|their|the) (?:whole body|arms and legs|limbs|body)",
        "(?:jerking|shaking|twitching) and (?:won['’]?t|wouldn['’]?t|can['’]?t|couldn['’]?t|not) (?:wake|respond|answer)",
        "(?:still|has been|been) (?:fitting|seizing|jerking|shaking) for",
        "(?:tonic[- ]clonic|grand mal|epileptic fit|febrile fit|febrile convulsion|febrile seizure)",
    ),
    "symptoms:loss_of_consciousness": (
        "{cant} {wake} {someone}",
        "{cant} {wake} {someone?} (?:up|properly)",
        "(?:won['’]?t|wouldn['’]?t|doesn['’]?t|didn['’]?t|isn['’]?t|is not|not) (?:wake|waking|woken|wake up|waking up|respond|responding|come round|coming round|come to)",
        "{passed_out}",
        "(?:out cold|unconscious|unresponsive|not responsive|no response|non-responsive)",
        "(?:hard|difficult|impossible) to (?:wake|rouse|wake up)",
        "(?:came|come|coming) (?:round|to) on the floor",
        "(?:found|woke up|came round|came to) (?:him|her|them|myself)? ?on the floor",
        "(?:went|goes|gone) (?:floppy|limp|blank) and (?:unresponsive|didn['’]?t respond|wouldn['’]?t respond|not responding)",
        "(?:lost|losing) consciousness",
        "(?:fell|dropped) unconscious",
        "(?:don['’]?t|didn['’]?t|doesn['’]?t) remember (?:anything|what happened) (?:until|till|after)",
        "(?:not|isn['’]?t|wasn['’]?t) (?:breathing properly )?(?:responding|answering) (?:to (?:me|us|his name|her name|anything))?",
        "(?:drowsy|sleepy) and (?:can['’]?t|hard to|won['’]?t) (?:be )?(?:woken|wake|roused)",
        "(?:completely )?(?:out of it|zoned out) and (?:not|wasn['’]?t|isn['’]?t) (?:responding|answering)",
        "(?:very|really|so|extremely) (?:drowsy|sleepy|floppy) and (?:won['’]?t|doesn['’]?t|can['’]?t) (?:stay awake|wake)",
    ),
    "symptoms:breathing_difficulty": (
        "{cant} (?:get|take|catch) (?:a|my|his|her|their|enough)? ?(?:full|deep|proper|big)? ?(?:breath|breaths|air)",
        "{cant} {breath}",
        "{cant} {breath} {properly}",
        "(?:fighting|gasping|struggling|panting) for (?:breath|air)",
        "(?:short|shortness) of breath",
        "{breathing} {be?} (?:(?:very |really |so )?(?:fast|rapid|quick) and )?(?:very |really |so )?(?:noisy|laboured|labored|shallow|raspy|rattly|grunting|wheezy|hard|difficult|a struggle|weird|strange)",
        "(?:wheezing|wheezy) (?:badly|a lot|and)",
        "(?:chest|throat) (?:feels? |is |was |went )?(?:tight|closing|closing up|tightening) (?:and|so) {cant} {breath}",
        "throat (?:is |was |feels )?(?:closing|closing up|swelling)",
        "(?:sucking|pulling) in (?:under|between) (?:his|her|their|the) ribs",
        "(?:lips|face|skin|fingers|fingertips) (?:are |were |is |went |turned |turning |going |look |looked )?(?:blue|bluish|blue-ish|purple|grey|gray)",
        "(?:breathless|out of breath|winded) (?:at rest|sitting still|talking|doing nothing|lying down|just sitting)",
        "(?:stopped|stops|stopping|stop) breathing",
        "(?:struggling|struggle|fighting) to (?:breathe|breath|get air)",
        "{breathing} {be?} (?:stopped|paused|pauses)",
        "(?:choking|suffocating|drowning) (?:feeling|sensation)? ?(?:and|,)? ?{cant} {breath}",
        "(?:gasp|gasps|gasping)",
    ),
    "symptoms:swallowing_difficulty": (
        "{cant} {swallow}",
        "{cant} {swallow} … {food}",
        "{choke} on {poss?} {food}",
        "{choke} (?:when|while|every time) (?:i|he|she|they) (?:eat|eats|drink|drinks|swallow|swallows)",
        "{food} (?:keeps? |kept )?(?:going|goes|went) down the wrong (?:way|hole|pipe)",
        "{food} (?:keeps? |kept )?(?:getting|gets|got|sticking|sticks|stuck) (?:stuck )?(?:in (?:my|his|her|their) throat|halfway down)",
        "{food} (?:comes?|came|coming) (?:back )?(?:out|up) (?:of|through) (?:my|his|her|their) nose",
        "(?:swallowing|to swallow) {be?} {be?} {be?} (?:hard|difficult|a struggle|an effort|a problem|painful and hard)",
        "(?:trouble|difficulty|problems?|struggling) (?:with )?(?:swallowing|getting (?:food|drinks|things) down)",
        "(?:drooling|dribbling) because {cant} {swallow}",
        "(?:cough|coughs|coughing|splutter|splutters|spluttering) (?:every time|whenever|when|after) (?:i|he|she|they) (?:drink|drinks|eat|eats|swallow|swallows)",
        "throat (?:won['’]?t|doesn['’]?t|isn['’]?t) (?:work|working|let (?:me|him|her) swallow)",
        "(?:food|it) (?:just )?(?:won['’]?t|wouldn['’]?t|doesn['’]?t) go down",
        "(?:pills?|tablets?) (?:get|gets|got|keep getting) stuck",
        "(?:takes|taking) (?:ages|forever|a long time) to swallow",
    ),
    "symptoms:confusion": (
        "{cant?} {know} {where}",
        "(?:doesn['’]?t|didn['’]?t|don['’]?t|does not|did not|do not|no longer) {know} {where}",
        "(?:no idea|not sure|unsure) {where}",
        "{be} {confused}",
        "(?:very |really |so |suddenly |more )?(?:confused|disorient(?:ed|ated)|delirious|muddled)",
        "(?:talking|speaking|saying) (?:nonsense|rubbish|gibberish|things that make no sense)",
        "not making (?:any )?sense",
        "(?:acting|behaving) (?:strange|strangely|weird|weirdly|oddly|out of character|bizarrely)",
        "(?:not|isn['’]?t|wasn['’]?t) (?:himself|herself|themselves|with it)",
        "(?:out of it|away with the fairies|in a daze|dazed)",
        "(?:doesn['’]?t|didn['’]?t|don['’]?t) (?:know|recogni[sz]e) (?:me|us|anyone|his wife|her husband|his own|her own)",
        "(?:forgot|forgets|forgotten) (?:where|who|what day) (?:he|she|i|they)? ?(?:was|is|am|are|it is|it was)?",
        "(?:muddled|mixed) up (?:about|over) (?:where|what|who|the day|the time)",
        "{cant} (?:think|concentrate) (?:straight|clearly|at all) (?:and|,)? ?(?:confused|muddled)?",
        "(?:thinking|mind) (?:is|was|has gone|went) (?:foggy and confused|all over the place|blank)",
        "(?:sudden|new) confusion",
    ),
    "symptoms:hallucinations": (
        "{seeing} {creatures} {not_there}",
        "{creatures} {not_there}",
        "{seeing} (?:things|people|voices|stuff|animals|bugs|insects) (?:that )?(?:aren['’]?t|isn['’]?t|weren['’]?t|wasn['’]?t|are not|is not) (?:there|real)",
        "(?:says|said|thinks|thought|swears) (?:there (?:are|is|were|was)|he can see|she can see|he sees|she sees|he saw|she saw) (?:insects|bugs|spiders|ants|people|men|children|animals|snakes|someone|things)",
        "hallucinat(?:e|es|ed|ing|ion|ions)",
        "(?:hearing|hears|heard) (?:voices|things|music that isn['’]?t there|someone talking)",
        "(?:talking|talks|talked) to (?:people|someone|a person) (?:who )?(?:isn['’]?t|aren['’]?t|wasn['’]?t|weren['’]?t) there",
        "(?:seeing|sees|saw) (?:things|stuff|shapes|shadows|faces|people|animals|bugs)",
        "(?:picking|grabbing|swatting|brushing) at (?:things|bugs|insects|the air|nothing|invisible)",
        "(?:insects|bugs|spiders|ants|worms) (?:crawling|running|walking) (?:on|over|under|up)",
        "(?:feels|felt) (?:insects|bugs|ants|things) crawling",
        "(?:seeing|sees|saw) (?:insects|bugs|spiders|snakes|mice|rats) (?:on|in|everywhere|all over)",
        "(?:things|people) (?:that|who) (?:no one|nobody) else (?:can|could) (?:see|hear)",
        "(?:smell|smells|smelling|smelt|smelled) (?:burning|burnt toast|something burning) (?:that|when) (?:isn['’]?t|there isn['’]?t|nobody)",
        "(?:visions|apparitions)",
    ),
    "symptoms:fever": (
        "{hot}",
        "(?:high|very high|raised|a|running a|got a|has a|had a|with a|spiked a|spiking a) {temp}",
        "{temp} (?:of|is|was|of about|of around|at|reading|hit|went up to)? ?{degrees}",
        "{degrees} (?:°|degrees) ?(?:c|f|celsius|fahrenheit)? ?(?:temperature|temp|fever)?",
        "(?:feverish|febrile|feverishness)",
        "(?:has|had|have|got|with) (?:a )?(?:fever|temperature|temp)",
        "(?:forehead|skin|body|head|chest|back|tummy) (?:is|was|feels?|felt) (?:burning|boiling|red hot|so hot|really hot|very hot|hot to (?:the )?touch|on fire|hot)",
        "(?:burning|boiling|sweating|roasting) up",
        "(?:hot|boiling|burning) (?:and|then) (?:cold|shivery|freezing)",
        "(?:thermometer|thermometre) (?:says|said|showed|reads|read)",
        "(?:hot sweats|night sweats and shivers|sweats and chills|fever and chills)",
        "(?:running|spiking|running high|spiked) (?:a )?(?:temp|temperature|fever)",
        "(?:calpol|paracetamol|ibuprofen|tylenol|motrin|nurofen) (?:for|to bring down) (?:the|his|her|a|my)? ?(?:fever|temperature|temp)",
        "temp (?:is|was|keeps|kept)? ?(?:up|high|going up|rising|through the roof)",
        "(?:got|gets|has got|felt|feels) (?:really |very |so )?(?:hot and cold|shivery and hot|feverish)",
    ),
    "symptoms:neck_stiffness": (
        "{cant} {bend} {poss?} {chin}",
        "{cant} {bend} (?:my|his|her|their) (?:neck|head) (?:forward|forwards|down)",
        "(?:stiff|rigid|sore|painful) neck",
        "neck {be?} {be?} (?:so |very |really )?(?:stiff|rigid|locked|painful to move|sore to bend)",
        "(?:hurts|painful|agony) to (?:bend|move|tilt|turn|lower) (?:my|his|her|their) (?:neck|head)",
        "(?:hurts|painful) to (?:look|put (?:my|his|her|their) chin) down",
        "(?:neck|head) (?:won['’]?t|doesn['’]?t|wouldn['’]?t) (?:bend|move|go down|go forward)",
        "(?:touch|get|put) (?:my|his|her|their) chin (?:to|on|onto) (?:my|his|her|their) chest",
        "(?:stiffness|pain) in (?:my|his|her|their|the) (?:neck|back of (?:my|his|her|their) neck)",
        "neck {be} (?:stiff|rigid)",
        "(?:arching|arches|arched) (?:his|her|their) (?:neck|back) (?:back|backwards)",
        "(?:holding|holds|held) (?:his|her|their) (?:neck|head) (?:stiff|rigid|still|back)",
        "(?:stiff|rigid) (?:and sore )?(?:at the back of )?(?:my|his|her|their|the) neck",
        "neck (?:pain|stiffness) (?:and|with) (?:a )?(?:fever|temperature|headache|rash)",
        "(?:looking down|bending forward) (?:hurts|is agony|is painful)",
    ),
    "symptoms:non_blanching_rash": (
        "{rash} … (?:doesn['’]?t|don['’]?t|didn['’]?t|does not|do not|did not|won['’]?t|wouldn['’]?t|isn['’]?t|aren['’]?t|not) {fade}",
        "{rash} … (?:still|stay|stays|stayed|remain|remains|remained) (?:visible|there|red|purple|dark) … {glass}",
        "{rash} … (?:under|through|beneath|with) (?:a|the) (?:glass|tumbler|cup)",
        "(?:glass|tumbler) (?:test|over|on|pressed)",
        "{purple} {rash}",
        "(?:tiny|little|small) (?:red|purple|dark|pinprick) (?:spots|dots|marks)",
        "(?:non[- ]?blanching|nonblanching|purpura|purpuric|petechiae|petechial)",
        "{rash} (?:that|which) (?:look|looks|looked) like (?:bruises|bruising|tiny bruises|pinpricks|freckles)",
        "(?:bruises|bruising) (?:appearing|popping up|everywhere|from nowhere|all over)",
        "(?:pressed|press|pressing|rolled|roll) (?:a|the) (?:glass|tumbler) (?:on|over|against)",
        "(?:rash|spots) (?:is|are) (?:spreading|getting bigger|joining up) (?:and|,)? ?(?:purple|dark|darker)",
        "{rash} (?:can still be seen|can be seen|could still be seen|you can see) (?:through|under) (?:a|the) (?:glass|tumbler)",
        "{rash} (?:doesn['’]?t|don['’]?t|didn['’]?t|won['’]?t|not) (?:go|turn) (?:white|pale|away) when (?:pressed|i press|you press|pushed)",
        "(?:purple|dark red|blotchy) (?:patches|blotches|marks) on (?:his|her|my|their) (?:skin|legs|arms|body|tummy|chest)",
        "(?:pin[- ]?prick|pinprick) (?:rash|spots|dots|marks)",
    ),
    "symptoms:calf_swelling_one_side": (
        "(?:one|my left|my right|his left|his right|her left|her right|the left|the right|left|right) {calf} {be?} {be?} (?:{swollen}|{sore} and {swollen}|{swollen} and {sore})",
        "{calf} {be?} {be?} (?:{swollen} and (?:{sore}|red|hot|warm)|(?:{sore}|red|hot|warm) and {swollen})",
        "{swollen} (?:and )?(?:{sore} )?(?:left|right|one) {calf}",
        "{swollen} (?:,|and)? ?{sore} {calf}",
        "{sore} (?:,|and)? ?{swollen} {calf}",
        "(?:swelling|swollen) (?:in|of) (?:one|my left|my right|his left|his right|her left|her right|the left|the right) {calf}",
        "(?:one|my left|my right|left|right) {calf} (?:is|looks|feels)? ?(?:bigger|fatter|thicker|more swollen|puffier) than the other",
        "(?:bigger|fatter|thicker|puffier|more swollen) than (?:the other|my other|his other|her other)",
        "{calf} (?:has )?(?:swelled|swollen|puffed) up",
        "(?:red|hot|warm),? (?:and )?(?:swollen|puffy) (?:and (?:tender|painful|sore) )?{calf}",
        "{calf} (?:is|feels|felt) (?:hot|warm|tight|heavy) (?:and|,) (?:swollen|puffy|tender|painful|red)",
        "(?:only|just) (?:one|my left|my right|the left|the right) {calf} (?:is )?(?:swollen|puffy)",
        "(?:throbbing|tender|painful),? (?:and )?swollen (?:left |right )?{calf}",
        "(?:sock|socks|jeans|boot) (?:mark|marks|digging|tight) (?:on|in) (?:one|my left|my right) {calf}",
        "swollen (?:left |right )?{calf}",
    ),
    "symptoms:dark_urine": (
        "{urine} … {dark} … {drink}",
        "{urine} {be?} {be?} (?:very |really |so )?(?:dark|darker|brown|brownish|red-brown|reddish brown|reddish|red|coca[- ]cola|cola)(?: coloured| colored| colou?r)?",
        "(?:dark|brown|red|reddish|red-brown|cola[- ]colou?red|tea[- ]colou?red|coke[- ]colou?red) {urine}",
        "{urine} (?:the colou?r of|colou?red like|looks? like|like|as dark as) (?:a )?(?:strong )?{drink}",
        "{drink}[- ]colou?red {urine}",
        "(?:peeing|weeing|passing|pissing) (?:out )?(?:dark|brown|red|cola|coke|blood)",
        "(?:blood|red) in (?:my|his|her|their|the) {urine}",
        "{urine} {be?} (?:gone|turned|looking|looks|coming out) (?:dark|brown|red|black|the colou?r of)",
        "(?:dark|brown|black) (?:wee|pee|urine) (?:after|since|with)",
        "{urine} {be?} (?:like|as dark as|darker than) (?:strong )?{drink}",
        "(?:toilet|loo) (?:bowl|water)? ?(?:looked|was|went) (?:dark|brown|red)",
        "(?:dark|brown) as (?:strong )?{drink}",
        "(?:my|his|her|their) {urine} (?:has|had) (?:gone|turned) (?:dark|brown|red)",
        "(?:cola|coke|tea|coffee)[- ]colou?red (?:wee|pee|urine)",
        "(?:urine|pee|wee) (?:is|was|looks|looked) (?:almost )?black",
    ),
    "symptoms:urine_output_low": (
        "(?:haven['’]?t|hasn['’]?t|hadn['’]?t|not|didn['’]?t|hasnt|havent) {pee_verb} {time_since?}",
        "(?:hardly|barely|not) (?:any|much) (?:wee|pee|urine)",
        "(?:hardly|barely) (?:peeing|weeing|passing (?:any )?(?:urine|water)|peed|weed)",
        "(?:no|not any|not one|only one|only a couple of) wet (?:nappy|nappies|diaper|diapers)",
        "(?:only|just) (?:had )?(?:one|1|a single|two|2) wet (?:nappy|nappies|diaper|diapers)",
        "(?:dry|dry nappy|dry nappies|dry diaper|dry diapers) (?:all day|for hours|since)",
        "nappies (?:are|have been) (?:dry|bone dry)",
        "diapers (?:are|have been) (?:dry|bone dry)",
        "(?:only|just) (?:peed|weed|been to the toilet|had a wee|had a pee) (?:once|one time) (?:today|all day|since)",
        "(?:very )?(?:little|small amounts of|tiny amounts of) (?:urine|wee|pee)",
        "(?:stopped|stopping) (?:peeing|weeing|passing urine|passing water)",
        "no (?:urine|wee|pee) (?:for|since|all day)",
        "(?:not|isn['’]?t) (?:peeing|weeing|passing (?:urine|water)) (?:much|at all|properly|like normal)",
        "{cant} (?:pee|wee) (?:even though|although) (?:i|he|she|they) (?:drink|drank|have been drinking)",
        "(?:urine|wee|pee) (?:output )?(?:has )?(?:dropped|gone down|reduced|dried up)",
        "(?:hardly|barely) (?:any )?(?:wet|wees)",
    ),
    "symptoms:saddle_numbness": (
        "{numb} (?:when|while) (?:i|he|she|they) (?:wipe|wipes|wiped|sit|sat)",
        "{cant} feel (?:the )?(?:toilet paper|tissue|loo roll|when i wipe|myself when i wipe|the seat|the toilet seat)",
        "{numb} (?:in|around|of|over)? {down_below}",
        "{down_below} {be?} {be?} (?:numb|tingly|dead|without feeling)",
        "(?:no|lost|losing|reduced|less) (?:feeling|sensation) {down_below}",
        "{cant} feel {down_below}",
        "(?:numb|numbness) (?:in|around|over|of) (?:the )?(?:saddle|saddle area|bum|bottom|buttocks|groin|genitals|privates|inner thighs|back passage|anus|perineum)",
        "(?:saddle|groin|genital|perineal) (?:numbness|anaesthesia|anesthesia|tingling)",
        "(?:feels? |felt )?like (?:i['’]?m|i am) sitting on (?:a )?(?:cushion|pillow|something)",
        "(?:bum|bottom|buttocks|groin|privates) (?:feel|feels|felt|went|has gone|is) (?:numb|dead|strange|tingly)",
        "(?:numb|dead|tingly) (?:bum|bottom|buttocks|groin|privates|genitals|crotch|inner thighs|saddle)",
        "(?:wiping|wipe) (?:feels|felt) (?:strange|numb|different|odd)",
        "{cant} feel (?:the )?(?:urge|when i|when he|when she) (?:to )?(?:go|pee|wee|poo|need the toilet)",
        "(?:numb|tingly|dead) (?:between|round) (?:the|my|his|her) (?:legs|cheeks)",
        "(?:no|lost) feeling (?:in|around) (?:my|his|her|the) (?:bottom|bum|crotch|genitals|privates)",
    ),
    "symptoms:bladder_bowel_problems": (
        "{cant} (?:tell|feel|sense|know) (?:if|when|whether) (?:i|he|she|they) {need_wee}",
        "{cant} (?:tell|feel|sense|know) (?:if|when|whether) (?:my|his|her) (?:bladder|bowels?) (?:is|are|was|were) full",
        "{cant} (?:pee|wee|start peeing|start weeing|get a flow going|empty (?:my|his|her) bladder|pass urine|pass water|poo|open (?:my|his|her) bowels)",
        "(?:lost|losing|no) (?:control|feeling) (?:of|over) (?:my|his|her|their|the)? ?{bladder}",
        "(?:wet|wetting|wets) (?:myself|himself|herself|themselves) (?:without|and didn['’]?t|and don['’]?t|and did not)",
        "(?:leaking|leaked|leak) (?:urine|wee|pee|poo)",
        "(?:pooed|pooped|soiled|messed) (?:myself|himself|herself|themselves)",
        "(?:haven['’]?t|hasn['’]?t|not) (?:been able to|managed to) (?:pee|wee|poo|go to the toilet|open (?:my|his|her) bowels)",
        "(?:bladder|bowels?|waterworks) (?:isn['’]?t|aren['’]?t|not|won['’]?t|doesn['’]?t|don['’]?t|stopped) (?:working|work|emptying|empty)",
        "(?:new|sudden) (?:trouble|problems?|difficulty) (?:with )?(?:peeing|weeing|my bladder|my bowels|the toilet|going to the toilet)",
        "(?:straining|strain) to (?:pee|wee|pass urine|start)",
        "(?:accidents?|accident) (?:with|of) (?:my|his|her)? ?(?:bladder|bowels?|wee|pee|poo)",
        "(?:didn['’]?t|did not|don['’]?t|do not) (?:notice|know|realise|realize|feel) (?:i|he|she) (?:had )?(?:wet|soiled|pooed)",
        "(?:feel|feels|felt) like (?:i|he|she) (?:can['’]?t|cannot) empty",
        "(?:incontinent|incontinence) of (?:urine|faeces|feces|stool|bowel|bladder)",
    ),
    "features:spasm_clusters": (
        "{spasms} in {clusters}",
        "{clusters} of (?:little |small |sudden |quick )?{spasms}",
        "{spasms} (?:one after (?:the )?another|one after the other|in a row|back to back|over and over|again and again)",
        "(?:one|a) {spasms} (?:after|followed by) another",
        "(?:crunch|crunches|crunching|crunched|folds?|folding|folded|bends?|bending|jack[- ]?knif(?:e|es|ing|ed)|curls? up|curling up) (?:forward|forwards|over|in half|at the waist)",
        "(?:arms|hands) (?:shoot|shoots|shot|fly|flies|flew|go|went|jerk|jerks|jerked|fling|flung) (?:up|out|upwards|outwards) (?:and|while|with|as) (?:his|her|the|their) (?:head|legs|knees|body) (?:drops?|dropped|nods?|nodded|bends?|bent|come up|came up|pull up|pulled up)",
        "(?:head|head drops|head nods) (?:and|with|while) (?:arms|hands) (?:shoot|fly|go|jerk|flung|fling) (?:up|out)",
        "(?:head|body) (?:drops?|dropped|nods?|nodded|bobs?|bobbed) (?:forward )?(?:over and over|again and again|repeatedly|every few seconds|in a row|in clusters)",
        "(?:salaam|salaams|jack[- ]?knif(?:e|es|ed|ing)|infantile spasms?|west syndrome)",
        r"(?:every few seconds|every \d+ seconds|every few secs) (?:for|over) (?:a few|several|\d+|ten|five) (?:minutes|mins)",
        "(?:series|string|run|bunch|burst|cluster) of (?:them|these|those)",
        "(?:happen|happens|happening|come|comes|coming) in (?:groups|bunches|batches|clusters|runs|bursts|a row)",
        "(?:dozens|lots|loads|a lot) of (?:them|spasms|jerks|startles) in a row",
        "(?:when|just after|as soon as) (?:he|she|they|the baby) (?:wakes?|woke) (?:up )?(?:he|she|they)? ?(?:does|did|has|had|gets|got) (?:a )?(?:load|lot|lots|string|series|run|cluster|bunch) of",
        "(?:repeated|repetitive|repeating) (?:spasms|jerks|startles|head drops|crunches)",
    ),
    "symptoms:developmental_regression": (
        "{regress} {skills}",
        "{regress} (?:doing|able to do|managing) (?:things|what) (?:he|she|they) (?:used to|could)",
        "(?:used to|could) {skills} (?:but|and) (?:now|has stopped|doesn['’]?t|can['’]?t|isn['’]?t|won['’]?t|no longer)",
        "(?:gone|going|slipped|slipping) backwards",
        "(?:lost|losing|losses of|loss of) (?:skills|milestones|abilities|words|speech)",
        "(?:regression|regressing|regressed)",
        "(?:no longer|not) (?:interested in|looking at|watching|following) (?:faces|people|toys|me|us)",
        "(?:stopped|stopping) (?:making|giving) (?:eye contact|sounds|noises)",
        "(?:doesn['’]?t|isn['’]?t|won['’]?t) (?:smile|laugh|babble|coo|roll|sit|crawl) (?:any ?more|now|like (?:he|she) used to)",
        "(?:can['’]?t|couldn['’]?t) (?:sit|roll|crawl|hold (?:his|her|their) head up) (?:any ?more|now|like before)",
        "(?:lost|losing) interest in (?:everything|toys|people|faces|us|playing)",
        "(?:not|isn['’]?t) (?:reaching|meeting|hitting) (?:his|her|their)? ?milestones",
        "(?:behind|going behind|falling behind) (?:with|on|in) (?:his|her|their)? ?milestones",
        "(?:floppier|more floppy|less alert|less responsive|more distant|switched off) than (?:before|he was|she was|they were|he used to be|she used to be)",
        "(?:stopped|stops) (?:following|tracking) (?:things|toys|us|me|faces) with (?:his|her|their) eyes",
    ),
    "symptoms:drooping_eyelid": (
        "{eyelid} {be?} {be?} {be?} (?:droop(?:s|ed|ing|y)?|sag(?:s|ged|ging|gy)?|hanging(?: down)?|hangs(?: down)?|lower|half (?:closed|shut)|heavy|falling|falls|fallen|closing)",
        "(?:droopy|drooping|saggy|sagging|heavy|hooded|lazy) {eyelid}",
        "(?:eye|eyes) (?:is|are|look|looks|looked|went|has gone|seems?)? ?(?:half[- ](?:closed|shut)|smaller than the other|narrower|partly closed)",
        "{cant} (?:keep|hold) (?:my|his|her|their|one) (?:eye|eyes|eyelids?|lids?) (?:open|up)",
        "(?:one|my|his|her|the) (?:eye|eyelid) (?:keeps|kept)? ?(?:closing|drooping|dropping|falling) (?:by itself|on its own|shut|down)",
        "(?:ptosis|eyelid ptosis)",
        "(?:lid|eyelid) (?:is|has|looks)? ?(?:dropped|come down|gone down|slipped)",
        "(?:eyelid|lid|eyelids|lids) (?:covering|covers|covered) (?:part of|half of|half) (?:my|his|her|their|the) (?:eye|pupil)",
        "(?:one|my left|my right|the left|the right) eye (?:looks|is|seems) (?:smaller|more closed|droopy|lower)",
        "(?:eyelids|eyes) (?:get|got|getting|go|going|feel) (?:heavy|droopy) (?:as the day|by the evening|by evening|later in the day|when tired)",
        "(?:have|had|has) to (?:lift|hold|prop|push) (?:my|his|her|their) (?:eyelid|eyelids|lid|lids) (?:up|open)",
        "{eyelid} (?:won['’]?t|doesn['’]?t|can['’]?t) (?:open|lift|stay open|stay up) (?:fully|properly|all the way)",
        "(?:tilt|tilting|tilts) (?:my|his|her|their) head back to see",
        "(?:half[- ]?closed|half[- ]?shut) (?:eye|eyelid)",
        "{eyelid} {be?} (?:droopier|lower|heavier) than the other",
    ),
    "symptoms:cold_clammy_skin": (
        "{skin} {be?} {be?} {be?} {clammy}",
        "{clammy} (?:skin|hands|feet|and pale|and grey|and blue)",
        "(?:cold|clammy|sweaty) (?:and|,) (?:clammy|pale|grey|gray|blue|mottled|sweaty)",
        "(?:skin|he|she|i|legs|arms) (?:is|are|was|were|looks?|looked|has gone|went|gone) (?:blotchy|mottled|patchy|marbled|blue|grey|gray|ashen)",
        "(?:mottled|blotchy|marbled|patchy|bluish|blue-grey|grey-blue) (?:skin|legs|arms|hands|feet|knees)",
        "(?:hands and feet|hands|feet|fingers|toes) (?:are|were|feel|felt|is) (?:freezing|icy|ice cold|cold|blue)",
        "(?:pale|white|grey|gray) as (?:a sheet|a ghost|death)",
        "(?:in|breaking out in|broke out in|covered in|dripping with) (?:a )?cold sweat",
        "(?:cold|clammy) to (?:the )?touch",
        "(?:looks?|looked|gone|went|turned) (?:very |really |deathly |awfully )?(?:pale|grey|gray|ashen|waxy)",
        "(?:clammy|clamminess)",
        "(?:lips|skin|tongue) (?:is|are|look|looks|went|gone|turned)? ?(?:pale|blue|bluish|grey|gray)",
        "(?:pale|grey|gray),? (?:cold|sweaty|clammy) and (?:shaky|floppy|drowsy|confused|breathless)",
        "(?:sweating|sweaty) but (?:cold|freezing|icy)",
        "(?:cold|freezing|icy) (?:hands and feet|hands|feet) (?:despite|with|and) (?:a )?(?:fever|temperature|high temp)",
    ),
    "features:rigors": (
        "{shiver} {uncontrollably}",
        "(?:teeth|jaw) (?:are |were |is |was |kept |keep )?(?:chattering|rattling|clattering)",
        "(?:shaking|shivering|trembling|juddering) (?:with|from) (?:cold|the cold|chills|fever|a fever|a temperature)",
        "(?:rigors|rigor|shivering fits?|shaking chills|shaking fits? with (?:a )?(?:fever|temperature))",
        "(?:shaking|shivering) (?:like a leaf|all over|from head to toe|so hard|so badly) (?:with|and|but|from) (?:a )?(?:fever|temperature|temp|cold|chills|hot)",
        "(?:freezing|frozen|so cold|really cold) (?:and|but) (?:shaking|shivering|shaking all over)",
        "(?:feel|feels|felt) (?:freezing|so cold|frozen) even (?:though|under|with|in)",
        "(?:hot|burning|boiling) (?:but|and) (?:shaking|shivering|freezing)",
        "(?:violent|uncontrollable|uncontrolled) (?:shivering|shaking|chills|shivers)",
        "(?:shivering|shaking) (?:under|beneath) (?:a|the|two|three|four|all the) (?:duvets?|blankets?|covers|quilts?)",
        "(?:can['’]?t|cannot|couldn['’]?t) (?:stop|control) (?:shivering|shaking|the shivering|the shaking|my teeth)",
        "(?:shivery|shivering) (?:and|with) (?:a )?(?:high )?(?:fever|temperature|temp)",
        "(?:chills|the chills) (?:and|with) (?:shaking|shivering|a fever|a temperature)",
        "(?:bed|whole bed) (?:was |is )?shaking",
        "(?:shook|shaking) (?:so much|so hard|so badly) (?:with|from) (?:cold|the cold|chills|the chills)",
    ),
    "symptoms:jaw_stiffness": (
        "{cant} {open} (?:my|his|her|their) (?:mouth|jaw)",
        "{cant} {open} (?:my|his|her|their) (?:mouth|jaw) (?:properly|fully|wide|more than|at all)",
        "(?:jaw|mouth) (?:is |was |has |feels |went |gone )?(?:locked|stuck|clamped|jammed|wired) (?:shut|closed|tight)?",
        "(?:jaw|mouth) (?:won['’]?t|wouldn['’]?t|doesn['’]?t|can['’]?t) (?:open|move|unlock|unclench)",
        "(?:teeth|jaw) (?:are |is |was |were )?(?:clenched|clamped|locked) (?:shut|together|tight)",
        "(?:lock[- ]?jaw|lockjaw|trismus)",
        "(?:jaw|jaw muscles) (?:is|are|feel|feels|felt|went|gone|has gone)? ?(?:so )?(?:stiff|rigid|tight|tense|seized|seized up)",
        "(?:stiff|rigid|tight|locked|clamped) (?:jaw|jaw muscles)",
        "(?:only|barely|hardly|just) (?:open|get) (?:my|his|her|their) (?:mouth|jaw) (?:a|a tiny|a little|a finger|a crack|one finger)",
        "(?:can['’]?t|cannot|couldn['’]?t) (?:chew|eat|get food in) because (?:my|his|her|their) (?:jaw|mouth) (?:won['’]?t|is|wouldn['’]?t)",
        "(?:gritted|clenched) teeth (?:i|he|she)? ?(?:can['’]?t|cannot|couldn['’]?t) (?:open|unclench|relax)",
        "(?:mouth|jaw) (?:only )?(?:opens|open) (?:a|a tiny bit|a little|a crack|one finger)",
        "(?:hard|difficult|impossible) to (?:open|move) (?:my|his|her|their|the) (?:jaw|mouth)",
        "(?:spasm|spasms|cramp) in (?:my|his|her|their|the) jaw",
        "(?:jaw|face) (?:muscles )?(?:locked|seized|tightened) up",
    ),
}


def finding_key(finding_id: str) -> tuple[str, str]:
    """``"symptoms:facial_droop"`` -> ``("symptoms", "facial_droop")``."""
    fld, _, value = finding_id.partition(":")
    return fld, value


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


@lru_cache(maxsize=1)
def compiled_paraphrases() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(finding id, pattern)`` per warning-sign finding: all its paraphrases in one expression."""
    out = []
    for fid, templates in PARAPHRASES.items():
        body = "|".join(f"(?:{compile_template(t)})" for t in templates)
        out.append((fid, re.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])", re.I)))
    return tuple(out)
