"""Every page speaks lay language: no command-line command, no raw field id, no sentence twice.

The pages are fetched with the test client (no browser): every page of the navigation, every
knowledge page, each question of a check, results of the check and of descriptions (self-care,
routine, emergency), the Describe review, the diary with an episode and its edit form, the
recordings result, and the error pages. Only the text a person reads in ``<main>`` is checked
(form values such as the text box's own words are not text on the page).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import csrf_of
from twitchwise.services import assessment as assess_svc
from twitchwise.web.lay_text import lay_sentence, lay_title

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "caption", "legend", "label", "summary", "blockquote",
          "figcaption", "dt", "dd", "div", "section", "article", "button", "a", "tr", "ul", "ol",
          "details"}  # fmt: skip
SKIP = {"textarea", "select", "script", "style", "option", "title", "desc"}
CLI = re.compile(r"`|\btwitchwise\s+(?:day|check|log|web|assess|describe|conditions|ask|report|export|import|score|"
                 r"diary|insights|batch|evaluate|knowledge)\b", re.I)  # fmt: skip
SNAKE_ID = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
FINDING_ID = re.compile(r"\b(?:sites|side|when|features|symptoms|history|exposure|med|course|frequency|episode_length"
                        r"|first_noticed|cap|not symptoms):[a-z_]+\b")  # fmt: skip
FIELD_FIRST = re.compile(r"(?:^|[.;:] )(?:narrative|kind|site|side|intensity|lasted|answers|keep|start|day)"
                         r" (?:is|must|'|has)\b", re.M)  # fmt: skip
WORD = re.compile(r"[a-z0-9']+")


class _MainText(HTMLParser):
    """The readable text of ``<main>``, one string per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = 0
        self.skip = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main += 1
        if tag in SKIP:
            self.skip += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        if tag in BLOCKS or tag == "main":
            self._flush()
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data: str) -> None:
        if self.in_main and not self.skip:
            self.current.append(data)


def main_text(html: str) -> list[str]:
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _sentences(blocks: list[str]) -> list[str]:
    out = []
    for block in blocks:
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"])", block) if s.strip()]
    return out


def problems_of(html: str) -> list[str]:
    """What is wrong with a page's main text for a lay reader (empty when nothing is).

    A sentence is prose: at least five words ending in a full stop, question or exclamation mark
    (a condition's name in a list and again in a table is a name, not a repeated sentence).
    """
    blocks = main_text(html)
    text = "\n".join(blocks)
    found = [f"CLI command: {m.group(0)!r}" for m in CLI.finditer(text)]
    found += [f"raw field id: {m.group(0)!r}" for m in SNAKE_ID.finditer(text)]
    found += [f"raw finding id: {m.group(0)!r}" for m in FINDING_ID.finditer(text)]
    found += [f"field name as a sentence: {m.group(0)!r}" for m in FIELD_FIRST.finditer(text)]
    seen: dict[tuple[str, ...], str] = {}
    for sentence in _sentences(blocks):
        words = tuple(WORD.findall(sentence.lower()))
        if len(words) < 5 or not sentence.endswith((".", "!", "?")):
            continue  # buttons, labels, names and list items such as "Edit", "eyelid" or a source
        if words in seen:
            found.append(f"repeated sentence: {sentence!r}")
        seen[words] = sentence
    return found


# ------------------------------------------------------------------ the checker itself
def test_the_checker_finds_each_kind_of_problem() -> None:
    page = ("<main><p>Record it with 'twitchwise day' today.</p><p>narrative is empty; write something.</p>"
            "<li>for sites:eyelid (+1.59)</li><p>started (days ago): first_noticed_days</p>"
            "<p>Cut down caffeine for a couple of weeks.</p><p>Cut down caffeine for a couple of weeks.</p>"
            "<textarea>Cut down caffeine for a couple of weeks.</textarea></main>")  # fmt: skip
    found = " | ".join(problems_of(page))
    for kind in ("CLI command", "field name as a sentence", "raw finding id", "raw field id", "repeated sentence"):
        assert kind in found, (kind, found)
    assert found.count("repeated sentence") == 1  # the text box's value is not text on the page
    assert problems_of("<header><p>twitchwise check</p></header><main><p>All fine here, thank you.</p></main>") == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("narrative is empty; describe the movement in a sentence or two",
         "Please write a sentence or two about the movement: what moves, where and since when."),
        ("intensity must be a whole number from 0 to 10.", "The intensity must be a whole number from 0 to 10."),
        ("The diary needs 14 days (a day with no episodes counts too: record it with 'twitchwise day').",
         "The diary needs 14 days (a day with no episodes counts too: save a check-in for it in the Diary)."),
        ("Try English, or answer the questions of `twitchwise check`.",
         "Try English, or answer the questions of the Check instead."),
        ("kind 'tonic_spasm' is not known; use one of: restless_legs, cramp.",
         "What kind 'tonic spasm' is not known; use one of: restless legs, cramp."),
        ("see `twitchwise conditions` for the list", "See the Knowledge page for the list."),
        ("text: String should have at most 10000 characters",
         "Your description is too long: at most 10000 characters."),
        ("intensity: Input should be less than or equal to 10", "The intensity must be at most 10."),
        ("answer 3 ('red_flag_screen') does not fit the interview's questions; start again.",
         "Your answers no longer fit the questions, so the check has to start again."),
        ("sleep_h: Input should be a valid number, unable to parse string", "Hours slept must be a number."),
    ],
)  # fmt: skip
def test_messages_are_reworded_for_the_pages(message: str, expected: str) -> None:
    assert lay_sentence(message) == expected


def test_error_pages_have_plain_headings() -> None:
    assert lay_title(404) == "This page does not exist"
    assert lay_title(422) == "Something needs changing"
    assert lay_title(599) == "Something went wrong"


# ------------------------------------------------------------------ the pages
def _answers_of(page: str) -> tuple[str, list[Any]] | None:
    qid = re.search(r'name="qid" value="([^"]*)"', page)
    answers = re.search(r'name="answers" value="([^"]*)"', page)
    if not qid or not answers:
        return None
    return qid.group(1), json.loads(answers.group(1).replace("&#34;", '"'))


def _check_pages(client: TestClient, token: str, site: str, flags: list[str]) -> list[tuple[str, str]]:
    """Every page of one check: each question, a bad answer, and the result."""
    pages = [("check question 1", client.get("/").text)]
    bad = client.post("/check", data={"csrf_token": token, "answers": "[]", "qid": "age", "value": "300"})
    pages.append(("check bad number", bad.text))
    page = pages[0][1]
    for step in range(40):
        state = _answers_of(page)
        if state is None:
            break
        qid, answers = state
        data: dict[str, Any] = {"csrf_token": token, "answers": json.dumps(answers), "qid": qid, "action": "answer"}
        if qid == "age":
            data["value"] = "34"
        elif qid == "sites":
            data["values"] = [site]
        elif qid == "red_flag_screen":
            data["values"] = flags
        else:
            data["action"] = "dont_know"
        page = client.post("/check", data=data).text
        pages.append((f"check {site} step {step + 2}", page))
    assert "Your result" in page
    return pages


DESCRIPTIONS = [
    "My left eyelid has been twitching on and off for a few days, worse when I'm stressed. I drink 4 coffees a day.",
    "My calf has been twitching for a month and my leg feels weak",
    "Suddenly one side of my face is drooping, my speech is slurred and my arm twitches",
    "I'm a 30 year old man. My hands shake when I hold a cup, for years now. I take salbutamol. My dad had tremor.",
    "I get painful cramps in my calves at night, about twice a week. I'm 67 and take a water tablet. I smoke.",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, accelerometer_csv: bytes) -> list[tuple[str, str]]:
    from twitchwise.web import WebSettings, create_app

    db = tmp_path_factory.mktemp("lay") / "diary.db"
    app = create_app(WebSettings(database_url=f"sqlite:///{db}", warm_up=False))
    out: list[tuple[str, str]] = []
    with TestClient(app, base_url="http://127.0.0.1:8000", headers={"accept": "text/html"}) as client:
        token = csrf_of(client, "/")
        kb = assess_svc.knowledge()
        paths = ["/", "/describe", "/diary", "/insights", "/knowledge", "/knowledge?q=why+does+my+eyelid+twitch",
                 "/knowledge?q=x", "/recordings", "/no-such-page", "/knowledge/conditions/no_such_thing",
                 "/knowledge/topics/nope", "/settings"]  # fmt: skip
        paths += [f"/knowledge/conditions/{cid}" for cid in kb.conditions]
        paths += [f"/knowledge/movement-types/{mid}" for mid in kb.movement_types]
        paths += [f"/knowledge/topics/{s.id}" for s in kb.sections]
        out += [(p, client.get(p).text) for p in paths]
        out += _check_pages(client, token, "eyelid", [])
        out += _check_pages(client, token, "calf", ["weakness"])
        for text in DESCRIPTIONS:
            review = client.post("/describe", data={"csrf_token": token, "text": text}).text
            out.append((f"review: {text[:30]}", review))
            keep = re.findall(r'name="keep" value="([^"]+)"', review)
            result = client.post("/describe/result", data={"csrf_token": token, "text": text, "keep": keep})
            out.append((f"result: {text[:30]}", result.text))
        for text in ("   ", "hello there, how are you", "x" * 10_001):
            error = client.post("/describe", data={"csrf_token": token, "text": text})
            out.append((f"describe error {text[:10]!r}", error.text))
        client.post("/diary/episodes", data={"csrf_token": token, "site": "eyelid", "kind": "myokymia"})
        diary = client.get("/diary").text
        out.append(("diary with an episode", diary))
        episode = client.get("/api/v1/diary/episodes").json()[0]["id"]
        out.append(("episode edit", client.get(f"/diary/episodes/{episode}/edit").text))
        form = {"csrf_token": token, "intensity": "11", "site": "eyelid", "kind": "myokymia"}
        bad_edit = client.post(f"/diary/episodes/{episode}/edit", data=form)
        out.append(("episode edit with a bad intensity", bad_edit.text))
        out.append(("insights, new diary", client.get("/insights").text))
        recording = client.post("/recordings", data={"csrf_token": token, "rules": "wasm2016"},
                                files={"file": ("wrist.csv", accelerometer_csv, "text/csv")})  # fmt: skip
        out.append(("recording result", recording.text))
        bad_file = client.post("/recordings", data={"csrf_token": token, "rules": "wasm2016"},
                               files={"file": ("notes.txt", b"hello", "text/plain")})  # fmt: skip
        out.append(("recording bad file", bad_file.text))
    return out


def test_every_page_is_fetched(pages: list[tuple[str, str]]) -> None:
    assert len(pages) > 100
    assert all("<main" in html for _, html in pages), [name for name, html in pages if "<main" not in html]


def test_no_page_has_a_cli_command_a_raw_field_id_or_a_repeated_sentence(pages: list[tuple[str, str]]) -> None:
    bad = {name: found for name, html in pages if (found := problems_of(html))}
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)[:6000]
