"""Messages of the core and the services, reworded for the web pages' lay readers.

The core's sentences are written for every interface at once: they name the field
(``"intensity must be a whole number from 0 to 10."``) and, for the command line, the command
to run (``"record it with 'twitchwise day'"``). A page shows them through :func:`lay_sentence`
(the ``lay`` template filter): a field name becomes the words of the form, a command becomes
the page that does the same, an id's underscores become spaces, and the sentence starts with a
capital and ends with a full stop. The JSON API keeps the original messages.
"""

from __future__ import annotations

import re

#: A field name at the start of a message -> the words the form uses for it.
FIELD_WORDS = {
    "narrative": "your description",
    "text": "your description",
    "intensity": "the intensity",
    "lasted": "how long it lasted",
    "duration_s": "how long it lasted",
    "when": "the time",
    "start": "the time",
    "day": "the day",
    "caffeine_cups": "cups of coffee",
    "caffeine_mg": "caffeine",
    "sleep_h": "hours slept",
    "stress": "stress",
    "alcohol_units": "alcohol",
    "exercise": "hard exercise",
    "site": "where",
    "side": "the side",
    "kind": "what kind",
    "notes": "the notes",
    "answers": "your answers",
    "keep": "the list of findings",
    "file": "the file",
    "rules": "the scoring rules",
    "q": "the question",
    "ID": "this page",
    "time": "the time",
}
#: What a page says instead of a command of the command line.
COMMAND_WORDS = {
    "day": "the day's check-in in the Diary",
    "check": "the Check",
    "log": "the Diary",
    "conditions": "the Knowledge page",
    "describe": "the Describe page",
    "ask": "the Knowledge page",
}
#: Whole messages a page words differently.
REWRITES = (
    (
        re.compile(r"^narrative is empty\b.*", re.S),
        "Please write a sentence or two about the movement: what moves, where and since when.",
    ),
    (re.compile(r"^narrative must be text\b.*", re.S), "Please write your description as text."),
    (
        re.compile(r"^narrative is ([\d,]+) characters; at most ([\d,]+) are allowed\.?$"),
        r"Your description is \1 characters long; please shorten it to at most \2.",
    ),
    (
        re.compile(r"^answer \d+ \('[^']*'\) does not fit the interview's questions; start again\.?$"),
        "Your answers no longer fit the questions, so the check has to start again.",
    ),
    (
        re.compile(r"record it with '?twitchwise day'?"),
        "save a check-in for it in the Diary",
    ),
    (
        re.compile(r"answer the questions of `?twitchwise check`?"),
        "answer the questions of the Check instead",
    ),
)
#: Pydantic's validation messages ("intensity: Input should be ...") as the rest of a sentence.
VALIDATION_WORDS = (
    (
        re.compile(r"^([\w.]+): String should have at most ([\d,]+) characters?"),
        r"\1 is too long: at most \2 characters",
    ),
    (
        re.compile(r"^([\w.]+): String should have at least ([\d,]+) characters?"),
        r"\1 is too short: at least \2 characters",
    ),
    (re.compile(r"^([\w.]+): Input should be less than or equal to (\S+)"), r"\1 must be at most \2"),
    (re.compile(r"^([\w.]+): Input should be less than (\S+)"), r"\1 must be less than \2"),
    (re.compile(r"^([\w.]+): Input should be greater than or equal to (\S+)"), r"\1 must be at least \2"),
    (re.compile(r"^([\w.]+): Input should be greater than (\S+)"), r"\1 must be more than \2"),
    (re.compile(r"^([\w.]+): Input should be a valid integer.*"), r"\1 must be a whole number"),
    (re.compile(r"^([\w.]+): Input should be a valid number.*"), r"\1 must be a number"),
    (re.compile(r"^([\w.]+): Field required"), r"\1 is missing; please fill it in"),
    (re.compile(r"^([\w.]+): (?:Value error, )?(.*)"), r"\1: \2"),
)
_COMMAND = re.compile(r"[`'\"]?\btwitchwise ([a-z][a-z-]*)\b[`'\"]?")
_LEADING_FIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)\b")
_ID_UNDERSCORE = re.compile(r"(?<=[a-z0-9])_(?=[a-z0-9])")


def lay_sentence(text: object) -> str:
    """A message as one plain sentence for a page (see the module's docstring).

    >>> lay_sentence("intensity must be a whole number from 0 to 10.")
    'The intensity must be a whole number from 0 to 10.'
    >>> lay_sentence("intensity: Input should be less than or equal to 10")
    'The intensity must be at most 10.'
    >>> lay_sentence("narrative is empty; describe the movement in a sentence or two")
    'Please write a sentence or two about the movement: what moves, where and since when.'
    """
    out = str(text or "").strip()
    if not out:
        return ""
    for pattern, replacement in REWRITES:
        out = pattern.sub(replacement, out)
    for pattern, replacement in VALIDATION_WORDS:
        if pattern.match(out):
            out = pattern.sub(replacement, out, count=1)
            break
    out = _COMMAND.sub(lambda m: COMMAND_WORDS.get(m.group(1), "this app"), out)
    lead = _LEADING_FIELD.match(out)
    if lead and lead.group(1) in FIELD_WORDS:
        out = FIELD_WORDS[lead.group(1)] + out[lead.end() :]
    out = _ID_UNDERSCORE.sub(" ", out)
    out = out[0].upper() + out[1:]
    if out[-1] not in ".!?)”":
        out += "."
    return out


#: The heading of an error page by HTTP status (the HTTP phrase is for programs).
STATUS_WORDS = {
    400: "Something in the request was not understood",
    401: "This page needs the app's access token",
    403: "This action was refused",
    404: "This page does not exist",
    405: "This page cannot be used that way",
    413: "That was more than the app accepts",
    415: "That kind of file cannot be used",
    422: "Something needs changing",
    429: "Too many requests at once",
}


def lay_title(status: object) -> str:
    """The heading of an error page for an HTTP status, in words."""
    try:
        code = int(str(status))
    except ValueError:
        code = 500
    return STATUS_WORDS.get(code, "Something went wrong")
